//! Annotation: an [`Article`] plus the gazetteer entities mentioned in it.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::gazetteer::{EntityId, EntityRef, Gazetteer};
use crate::{Article, Matcher, Parser, Span};

/// How a mention was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Via {
    /// A gazetteer name or alias.
    Gazetteer,
    /// An acronym the article defines for a gazetteer entity.
    Acronym,
    /// A later short mention (a surname, a short form) of an entity named in full before.
    Coref,
}

impl Via {
    /// `gazetteer`, `acronym` or `coref`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Via::Gazetteer => "gazetteer",
            Via::Acronym => "acronym",
            Via::Coref => "coref",
        }
    }
}

impl std::str::FromStr for Via {
    type Err = crate::Error;
    /// The names [`Via::as_str`] gives.
    fn from_str(s: &str) -> crate::Result<Via> {
        [Via::Gazetteer, Via::Acronym, Via::Coref]
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| {
                crate::Error::new(
                    crate::ErrorKind::InvalidOption,
                    format!("unknown via `{s}` (expected gazetteer, acronym or coref)"),
                )
            })
    }
}

/// One mention of one or more candidate entities.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    span: Span,
    entities: Vec<EntityId>,
    via: Via,
    sentence: Option<usize>,
}

impl Mention {
    /// Where it is.
    pub fn span(&self) -> Span {
        self.span
    }
    /// The candidate entities (more than one for an ambiguous alias).
    pub fn entities(&self) -> &[EntityId] {
        &self.entities
    }
    /// How it was found.
    pub fn via(&self) -> Via {
        self.via
    }
    /// The index of the sentence it is in, if it is in one.
    pub fn sentence(&self) -> Option<usize> {
        self.sentence
    }
}

/// One entity's mentions in a document, summed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntitySummary {
    entity: EntityId,
    count: usize,
    first: Span,
    in_dateline: bool,
    in_headline: bool,
    in_lead: bool,
}

impl EntitySummary {
    /// The entity.
    pub fn entity(&self) -> EntityId {
        self.entity
    }
    /// How many mentions name it.
    pub fn count(&self) -> usize {
        self.count
    }
    /// Its first mention.
    pub fn first(&self) -> Span {
        self.first
    }
    /// Whether it is mentioned in the dateline.
    pub fn in_dateline(&self) -> bool {
        self.in_dateline
    }
    /// Whether it is mentioned in the headline.
    pub fn in_headline(&self) -> bool {
        self.in_headline
    }
    /// Whether it is mentioned in the lead (the first paragraph of the body).
    pub fn in_lead(&self) -> bool {
        self.in_lead
    }
}

/// An annotated article. Owns its data (no borrow of the text or the matcher), so it may
/// outlive both; it keeps the gazetteer alive to name its entities.
#[derive(Clone, Debug)]
pub struct Document {
    article: Article,
    mentions: Vec<Mention>,
    entities: Vec<EntitySummary>,
    gazetteer: Arc<Gazetteer>,
}

impl Document {
    /// The parsed article.
    pub fn article(&self) -> &Article {
        &self.article
    }
    /// Every mention, in text order.
    pub fn mentions(&self) -> &[Mention] {
        &self.mentions
    }
    /// One summary per entity mentioned, in order of first mention.
    pub fn entities(&self) -> &[EntitySummary] {
        &self.entities
    }
    /// The entity behind an id found in this document.
    pub fn entity(&self, id: EntityId) -> EntityRef<'_> {
        self.gazetteer.entity(id)
    }
    /// The gazetteer the entities come from.
    pub fn gazetteer(&self) -> &Arc<Gazetteer> {
        &self.gazetteer
    }
}

/// Annotate an already parsed article of `text`.
///
/// Mentions come from three places, each marked with its [`Via`]:
/// 1. the matcher's gazetteer matches over the whole text (dateline, headline, body and
///    trailers);
/// 2. acronyms the article defines (`Organization of Islamic Cooperation (OIC)`) whose long
///    form is a gazetteer match: every use of the short form links to that entity, unless a
///    gazetteer match for that entity is already there;
/// 3. later short mentions of a person (kind `PERSON` or `PER`: the last word of the name)
///    named in full before (`Haque` after `Syed Aminul Haque`), linked to the most recent
///    full mention with that last word.
///
/// ```
/// use newswire::{annotate, Article, Entity, Gazetteer, Matcher, Via};
/// let mut gazetteer = Gazetteer::new();
/// gazetteer.add(Entity::new("p1", "PERSON", "Syed Aminul Haque")).unwrap();
/// let matcher = Matcher::new(gazetteer).unwrap();
/// let text = "Minister Syed Aminul Haque spoke. Later Haque left.";
/// let doc = annotate(text, Article::parse(text), &matcher);
/// let vias: Vec<Via> = doc.mentions().iter().map(|m| m.via()).collect();
/// assert_eq!(vias, [Via::Gazetteer, Via::Coref]);
/// assert_eq!(doc.entities()[0].count(), 2);
/// ```
pub fn annotate(text: &str, article: Article, matcher: &Matcher) -> Document {
    let gazetteer = matcher.gazetteer();
    let mut mentions: Vec<Mention> = matcher
        .find(text)
        .into_iter()
        .map(|m| {
            let (span, entities) = m.into_parts();
            Mention {
                span,
                entities,
                via: Via::Gazetteer,
                sentence: None,
            }
        })
        .collect();
    let mut taken = Taken::new(&mentions);
    link_acronyms(text, &article, &mut mentions, &mut taken);
    link_surnames(text, gazetteer, &mut mentions, &mut taken);
    mentions.sort_by_key(|m| (m.span.start, m.span.end));
    for m in &mut mentions {
        m.sentence = article.sentence_at(m.span.start);
    }
    let entities = summarise(&article, &mentions);
    Document {
        article,
        mentions,
        entities,
        gazetteer: gazetteer.clone(),
    }
}

/// Adds a mention for every use of a short form the article defines for a matched entity.
fn link_acronyms(text: &str, article: &Article, mentions: &mut Vec<Mention>, taken: &mut Taken) {
    // A short form defined again with the meaning it last had would link nothing new; a
    // long article that defines it over and over must not scan the text each time.
    let mut last: std::collections::HashMap<&str, Vec<EntityId>> = std::collections::HashMap::new();
    for acronym in article.acronyms() {
        // The long form as the gazetteer found it: a match from its first word to its end,
        // or to its end without a final full stop or legal form (`Price Waterhouse and Co
        // (PW)`, the gazetteer's `Price Waterhouse`). A match of its last words alone names
        // something else (`Monetary Authority of Singapore (MAS)` is not `Singapore`).
        let [bare, without_form] = crate::article::acronym_name_ends(text, acronym.long);
        let Some(long) = [acronym.long.end, bare, without_form]
            .into_iter()
            .find_map(|end| {
                taken
                    .ending_at(end)
                    .map(|i| &mentions[i])
                    .find(|m| m.via == Via::Gazetteer && m.span.start == acronym.long.start)
            })
        else {
            continue;
        };
        let entities = long.entities.clone();
        let short = acronym.short.slice(text);
        if last.get(short) == Some(&entities) {
            continue;
        }
        last.insert(short, entities.clone());
        for start in word_occurrences(text, short) {
            let span = Span::new(start, start + short.len());
            match taken.at(span) {
                // The gazetteer already names one of these entities here: keep its answer.
                Some(i) if mentions[i].entities.iter().any(|e| entities.contains(e)) => {}
                // The gazetteer reads the short form as something else, but the article has
                // said what it stands for here.
                Some(i) => {
                    mentions[i].entities = entities.clone();
                    mentions[i].via = Via::Acronym;
                }
                None if !taken.overlaps(span) => {
                    taken.add(span, mentions.len());
                    mentions.push(Mention {
                        span,
                        entities: entities.clone(),
                        via: Via::Acronym,
                        sentence: None,
                    });
                }
                None => {}
            }
        }
    }
}

/// Adds a mention for each later, capitalised use of the last word of a person's name.
fn link_surnames(
    text: &str,
    gazetteer: &Gazetteer,
    mentions: &mut Vec<Mention>,
    taken: &mut Taken,
) {
    // (surname, first byte after the full mention, the person) for every full mention.
    let mut people: Vec<(&str, usize, EntityId)> = Vec::new();
    for m in mentions.iter().filter(|m| m.via == Via::Gazetteer) {
        for &id in &m.entities {
            if !matches!(gazetteer.entity(id).kind(), "PERSON" | "PER") {
                continue;
            }
            let written = m.span.slice(text);
            let Some(surname) = written
                .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
                .rfind(|w| !w.is_empty())
            else {
                continue;
            };
            if surname.len() < written.len()
                && surname.chars().count() >= 2
                && starts_upper(surname)
            {
                people.push((surname, m.span.end, id));
            }
        }
    }
    // By surname, then by end (stable: among equal ends the later full mention stays last).
    people.sort_by_key(|&(surname, end, _)| (surname, end));
    for group in people.chunk_by(|a, b| a.0 == b.0) {
        let surname = group[0].0;
        for start in word_occurrences(text, surname) {
            let span = Span::new(start, start + surname.len());
            // The most recent full mention before this point names the person.
            let Some(&(_, _, id)) =
                group[..group.partition_point(|&(_, end, _)| end <= start)].last()
            else {
                continue;
            };
            if !taken.overlaps(span) {
                taken.add(span, mentions.len());
                mentions.push(Mention {
                    span,
                    entities: vec![id],
                    via: Via::Coref,
                    sentence: None,
                });
            }
        }
    }
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The spans already taken by mentions, answering "is this span a mention?" and "does it
/// overlap one?" in logarithmic time, so that linking stays linear in the uses of a short
/// form however many there are.
struct Taken {
    /// The matcher's mentions as (span, index), by span then index, with the largest end
    /// among each prefix (they may overlap one another in `all` mode).
    base: Vec<(Span, usize)>,
    max_end: Vec<usize>,
    /// The matcher's mentions as (end, index), by end then index.
    by_end: Vec<(usize, usize)>,
    /// Linked mentions, which never overlap anything: start -> (end, index).
    added: std::collections::BTreeMap<usize, (usize, usize)>,
}

impl Taken {
    fn new(mentions: &[Mention]) -> Taken {
        let mut base: Vec<(Span, usize)> = mentions
            .iter()
            .enumerate()
            .map(|(i, m)| (m.span, i))
            .collect();
        base.sort_unstable();
        let max_end = base
            .iter()
            .scan(0, |max, (s, _)| {
                *max = s.end.max(*max);
                Some(*max)
            })
            .collect();
        let mut by_end: Vec<(usize, usize)> = mentions
            .iter()
            .enumerate()
            .map(|(i, m)| (m.span.end, i))
            .collect();
        by_end.sort_unstable();
        Taken {
            base,
            max_end,
            by_end,
            added: std::collections::BTreeMap::new(),
        }
    }

    /// The matcher's mentions ending at `end`, in index order.
    fn ending_at(&self, end: usize) -> impl Iterator<Item = usize> + '_ {
        let from = self.by_end.partition_point(|&(e, _)| e < end);
        self.by_end[from..]
            .iter()
            .take_while(move |&&(e, _)| e == end)
            .map(|&(_, i)| i)
    }

    /// The first mention with exactly this span.
    fn at(&self, span: Span) -> Option<usize> {
        let i = self.base.partition_point(|&(s, _)| s < span);
        match self.base.get(i) {
            Some(&(s, index)) if s == span => Some(index),
            _ => self
                .added
                .get(&span.start)
                .filter(|&&(end, _)| end == span.end)
                .map(|&(_, index)| index),
        }
    }

    fn overlaps(&self, span: Span) -> bool {
        let before_end = self.base.partition_point(|(s, _)| s.start < span.end);
        if before_end > 0 && self.max_end[before_end - 1] > span.start {
            return true;
        }
        self.added
            .range(..span.end)
            .next_back()
            .is_some_and(|(_, &(end, _))| end > span.start)
    }

    fn add(&mut self, span: Span, i: usize) {
        self.added.insert(span.start, (span.end, i));
    }
}

/// Byte offsets where `word` occurs in `text` as a whole word, case and all.
fn word_occurrences<'a>(text: &'a str, word: &'a str) -> impl Iterator<Item = usize> + 'a {
    memchr::memmem::find_iter(text.as_bytes(), word.as_bytes()).filter(move |&start| {
        let end = start + word.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
    })
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// One summary per entity, in order of first mention.
/// How many entities [`summarise`] finds by looking along its list before it builds a table.
const LOOK_ALONG: usize = 16;

fn summarise(article: &Article, mentions: &[Mention]) -> Vec<EntitySummary> {
    let dateline = article.dateline().map(|d| d.span());
    let headline = article.headline();
    let lead = article.paragraphs().first().copied();
    let inside = |area: Option<Span>, span: Span| area.is_some_and(|a| a.contains(span));
    let mut summaries: Vec<EntitySummary> = Vec::with_capacity(mentions.len().min(LOOK_ALONG));
    // An article names a handful of entities: finding one by a look along the summaries
    // costs less than hashing it and needs no table (an allocation per document, hashed
    // with a fresh seed). Past LOOK_ALONG of them, a table, so that a long list of names
    // stays linear.
    let mut slot: std::collections::HashMap<EntityId, usize> = std::collections::HashMap::new();
    for m in mentions {
        for &entity in &m.entities {
            let found = if slot.is_empty() {
                summaries.iter().position(|s| s.entity == entity)
            } else {
                slot.get(&entity).copied()
            };
            let i = found.unwrap_or_else(|| {
                summaries.push(EntitySummary {
                    entity,
                    count: 0,
                    first: m.span,
                    in_dateline: false,
                    in_headline: false,
                    in_lead: false,
                });
                if !slot.is_empty() {
                    slot.insert(entity, summaries.len() - 1);
                } else if summaries.len() > LOOK_ALONG {
                    slot.extend(summaries.iter().enumerate().map(|(i, s)| (s.entity, i)));
                }
                summaries.len() - 1
            });
            let s = &mut summaries[i];
            s.count += 1;
            s.in_dateline |= inside(dateline, m.span);
            s.in_headline |= inside(headline, m.span);
            s.in_lead |= inside(lead, m.span);
        }
    }
    summaries
}

impl Matcher {
    /// Parse `text` with the default parser and annotate it.
    pub fn annotate(&self, text: &str) -> Document {
        annotate(text, Article::parse(text), self)
    }
    /// Parse `text` with `parser` and annotate it.
    pub fn annotate_with(&self, parser: &Parser, text: &str) -> Document {
        annotate(text, parser.parse(text), self)
    }
}

#[cfg(test)]
mod tests {
    use crate::{Entity, Gazetteer, Matcher, Via};

    #[test]
    fn the_summary_keeps_first_appearance_order_past_the_look_along() {
        // More entities than the summary looks along before it builds its table, each named
        // twice and in a known order: counts and order the same on both sides of the switch.
        let mut g = Gazetteer::new();
        let names: Vec<String> = (0..40)
            .map(|i| format!("Zorbland{}", (b'a' + i % 26) as char).repeat(1 + i as usize / 26))
            .collect();
        for (i, name) in names.iter().enumerate() {
            g.add(Entity::new(format!("e{i}"), "LOC", name.as_str()))
                .unwrap();
        }
        let m = Matcher::new(g).unwrap();
        let text = format!("{}. {}.", names.join(" and "), names.join(" and "));
        let doc = m.annotate(&text);
        let ids: Vec<&str> = doc
            .entities()
            .iter()
            .map(|s| doc.entity(s.entity()).id())
            .collect();
        let want: Vec<String> = (0..names.len()).map(|i| format!("e{i}")).collect();
        assert_eq!(ids, want);
        assert!(doc.entities().iter().all(|s| s.count() == 2));
    }

    #[test]
    fn a_short_form_defined_again_takes_its_latest_meaning() {
        let mut g = Gazetteer::new();
        g.add(Entity::new("who", "ORG", "World Health Organization"))
            .unwrap();
        g.add(Entity::new("wild", "ORG", "Wildlife Heritage Organisation"))
            .unwrap();
        let m = Matcher::new(g).unwrap();
        let first = "The World Health Organization (WHO) met. WHO said. ";
        let second = "The Wildlife Heritage Organisation (WHO) met. WHO said. ";
        // Every definition links every use in the text; the last one read wins, also when
        // it repeats an earlier meaning.
        for (text, want) in [
            (format!("{first}{second}"), "wild"),
            (format!("{first}{second}{first}"), "who"),
            (format!("{first}{first}{first}"), "who"),
        ] {
            let doc = m.annotate(&text);
            let linked: Vec<&str> = doc
                .mentions()
                .iter()
                .filter(|x| x.via() == Via::Acronym)
                .map(|x| doc.entity(x.entities()[0]).id())
                .collect();
            assert!(!linked.is_empty(), "{text}");
            assert!(linked.iter().all(|&id| id == want), "{text}: {linked:?}");
        }
    }
}
