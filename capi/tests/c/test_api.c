/* Every function of newswire.h on its success path, with the results checked.
 *
 * Usage: test_api DIR [quick]   (DIR: an existing writable directory for gazetteer files;
 * quick: leave out the built-in gazetteer, whose matcher is slow to build under valgrind
 * and which examples/c/annotate.c covers there) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "newswire.h"
#include "sample.h"

static nw_gazetteer *load_sample(void) {
    nw_gazetteer *g = NULL;
    OK(nw_gazetteer_from_jsonl(S(SAMPLE_JSONL), S("sample.jsonl"), &g, &err));
    CHECK(g != NULL);
    return g;
}

static nw_matcher *matcher_with(const nw_gazetteer *g, const nw_matcher_options *o) {
    nw_matcher *m = NULL;
    OK(nw_matcher_new(g, o, &m, &err));
    CHECK(m != NULL);
    return m;
}

/* The index of the first mention whose text is `want` and that names entity `id` among
 * its candidates; -1 when there is none. */
static long find_mention(const nw_document *doc, const char *want, const char *id) {
    const nw_article *a = NULL;
    const uint8_t *text;
    size_t len, n, i, j;
    OK(nw_document_article(doc, &a, &err));
    OK(nw_article_text(a, &text, &len, &err));
    OK(nw_document_mention_count(doc, &n, &err));
    for (i = 0; i < n; i++) {
        nw_mention m;
        OK(nw_document_mention(doc, i, &m, &err));
        CHECK(m.span.start <= m.span.end && m.span.end <= len);
        if (!span_is(text, m.span, want)) continue;
        for (j = 0; j < m.entity_count; j++) {
            nw_entity e;
            OK(nw_document_mention_entity(doc, i, j, &e, &err));
            if (view_is(e.id, e.id_len, id)) return (long)i;
        }
    }
    return -1;
}

/* Annotate `text` with `m` and say whether a mention `want` of entity `id` is found. */
static int finds(const nw_matcher *m, const char *text, const char *want, const char *id) {
    nw_document *doc = NULL;
    long at;
    OK(nw_matcher_annotate(m, S(text), &doc, &err));
    at = find_mention(doc, want, id);
    nw_document_free(doc);
    return at >= 0;
}

static void test_version(void) {
    const char *v = nw_version();
    CHECK(v != NULL && v[0] >= '0' && v[0] <= '9' && strchr(v, '.') != NULL);
    CHECK(strcmp(nw_status_name(NW_OK), "NW_OK") == 0);
    CHECK(strcmp(nw_status_name(NW_ERR_UTF8), "NW_ERR_UTF8") == 0);
    CHECK(strcmp(nw_status_name(NW_ERR_PANIC), "NW_ERR_PANIC") == 0);
    CHECK(strcmp(nw_status_name(1000), "NW_UNKNOWN") == 0);
}

static void test_gazetteer(const char *dir) {
    nw_gazetteer *g = load_sample(), *t = NULL, *f = NULL;
    nw_entity e;
    size_t n = 0, index = 99;
    bool found = true;
    char path[4096];
    FILE *fp;

    OK(nw_gazetteer_len(g, &n, &err));
    CHECK(n == SAMPLE_LEN);
    OK(nw_gazetteer_entity(g, 0, &e, &err));
    CHECK(e.index == 0 && view_is(e.id, e.id_len, "PK") && view_is(e.kind, e.kind_len, "LOC") &&
          view_is(e.name, e.name_len, "Pakistan"));
    OK(nw_gazetteer_entity(g, 6, &e, &err));
    CHECK(view_is(e.name, e.name_len, "S\xc3\xa3o Paulo"));
    OK(nw_gazetteer_find(g, S("GA"), &index, &found, &err));
    CHECK(found && index == 5);
    OK(nw_gazetteer_find(g, S("nobody"), &index, &found, &err));
    CHECK(!found);

    OK(nw_gazetteer_from_tsv(S(SAMPLE_TSV), NULL, 0, &t, &err));
    OK(nw_gazetteer_len(t, &n, &err));
    CHECK(n == 3);
    OK(nw_gazetteer_entity(t, 2, &e, &err));
    CHECK(view_is(e.id, e.id_len, "OIC") && view_is(e.kind, e.kind_len, "ORG"));
    nw_gazetteer_free(t);

    /* From files, by extension. */
    sprintf(path, "%s/sample.jsonl", dir);
    fp = fopen(path, "wb");
    CHECK(fp != NULL && fputs(SAMPLE_JSONL, fp) >= 0 && fclose(fp) == 0);
    OK(nw_gazetteer_from_path(S(path), &f, &err));
    OK(nw_gazetteer_len(f, &n, &err));
    CHECK(n == SAMPLE_LEN);
    nw_gazetteer_free(f);
    sprintf(path, "%s/sample.tsv", dir);
    fp = fopen(path, "wb");
    CHECK(fp != NULL && fputs(SAMPLE_TSV, fp) >= 0 && fclose(fp) == 0);
    OK(nw_gazetteer_from_path(S(path), &f, &err));
    OK(nw_gazetteer_len(f, &n, &err));
    CHECK(n == 3);
    nw_gazetteer_free(f);

    nw_gazetteer_free(g);
}

/* The built-in gazetteer: countries, capitals, organisations... */
static void test_builtin(void) {
    nw_gazetteer *b = NULL;
    size_t n = 0;

    OK(nw_gazetteer_builtin(&b, &err));
    OK(nw_gazetteer_len(b, &n, &err));
    CHECK(n > 100);
    {
        nw_matcher *m = matcher_with(b, NULL);
        nw_document *doc = NULL;
        const nw_article *a = NULL;
        const uint8_t *text;
        size_t len, count, i;
        int pakistan = 0;
        OK(nw_matcher_annotate(m, S("ISLAMABAD, Dec 12 (APP): Pakistan and India met."), &doc,
                               &err));
        OK(nw_document_article(doc, &a, &err));
        OK(nw_article_text(a, &text, &len, &err));
        OK(nw_document_mention_count(doc, &count, &err));
        for (i = 0; i < count; i++) {
            nw_mention mention;
            OK(nw_document_mention(doc, i, &mention, &err));
            if (span_is(text, mention.span, "Pakistan")) pakistan = 1;
        }
        CHECK(pakistan);
        nw_document_free(doc);
        nw_matcher_free(m);
    }
    nw_gazetteer_free(b);
}

static void test_article(void) {
    nw_article *a = NULL, *dated = NULL, *empty = NULL;
    const uint8_t *text;
    size_t len, n, i, index;
    nw_span span, other;
    nw_date date;
    bool found, has_speaker;
    nw_trailer_kind kind;
    int monday = 0;

    OK(nw_article_parse(S(SAMPLE_ARTICLE), &a, &err));
    OK(nw_article_text(a, &text, &len, &err));
    CHECK(len == strlen(SAMPLE_ARTICLE) && memcmp(text, SAMPLE_ARTICLE, len) == 0);
    CHECK(text != (const uint8_t *)SAMPLE_ARTICLE); /* a copy */

    OK(nw_article_dateline(a, &span, &found, &err));
    CHECK(found && span.start == 0);
    CHECK(span_is(text, span, "ISLAMABAD, Dec 12 (APP):") ||
          span_is(text, span, "ISLAMABAD, Dec 12 (APP): "));
    OK(nw_article_dateline_location_count(a, &n, &err));
    CHECK(n == 1);
    OK(nw_article_dateline_location(a, 0, &span, &err));
    CHECK(span_is(text, span, "ISLAMABAD"));
    OK(nw_article_dateline_agency(a, &span, &found, &err));
    CHECK(found && span_is(text, span, "APP"));
    OK(nw_article_dateline_separator(a, &span, &found, &err));
    CHECK(found && span_is(text, span, ":"));
    OK(nw_article_dateline_date(a, &date, &span, &found, &err));
    CHECK(found && date.month == 12 && date.day == 12 && !date.has_year);
    CHECK(span_is(text, span, "Dec 12"));

    OK(nw_article_headline(a, &span, &found, &err));
    CHECK(!found && span.start == 0 && span.end == 0);
    OK(nw_article_byline(a, &span, &found, &err));
    CHECK(!found);
    OK(nw_article_body(a, &span, &err));
    CHECK(span.start >= strlen("ISLAMABAD, Dec 12 (APP):") && span.end <= len);

    OK(nw_article_paragraph_count(a, &n, &err));
    CHECK(n >= 2);
    OK(nw_article_paragraph(a, 1, &span, &err));
    CHECK(span.end - span.start > 5 && memcmp(text + span.start, "Haque", 5) == 0);

    OK(nw_article_sentence_count(a, &n, &err));
    CHECK(n >= 3);
    OK(nw_article_sentence(a, 0, &span, &err));
    CHECK(memcmp(text + span.start, "Federal Minister", 16) == 0);
    for (i = 0; i < n; i++) {
        OK(nw_article_sentence(a, i, &span, &err));
        CHECK(span.start < span.end && span.end <= len);
        OK(nw_article_sentence_at(a, span.start, &index, &found, &err));
        CHECK(found && index == i);
    }
    OK(nw_article_sentence_at(a, 0, &index, &found, &err)); /* in the dateline */
    CHECK(!found && index == 0);

    OK(nw_article_trailer_count(a, &n, &err));
    CHECK(n == 1);
    OK(nw_article_trailer(a, 0, &span, &kind, &err));
    CHECK(kind == NW_TRAILER_CREDIT);
    CHECK(span.end - span.start > 12 && memcmp(text + span.start, "(Reporting by", 13) == 0);

    OK(nw_article_acronym_count(a, &n, &err));
    CHECK(n == 1);
    OK(nw_article_acronym(a, 0, &span, &other, &err));
    CHECK(span_is(text, span, "OIC"));
    CHECK(span_is(text, other, "Organization of Islamic Cooperation"));

    OK(nw_article_quote_count(a, &n, &err));
    CHECK(n == 1);
    OK(nw_article_quote(a, 0, &span, &other, &has_speaker, &err));
    CHECK(span_is(text, span, "\"We are ready,\""));
    CHECK(has_speaker && span_is(text, other, "he"));

    OK(nw_article_date_count(a, &n, &err));
    CHECK(n >= 1);
    for (i = 0; i < n; i++) {
        OK(nw_article_date(a, i, &span, &date, &err));
        CHECK(span.start < span.end && span.end <= len && date.month <= 12 && date.day <= 31);
        if (span_is(text, span, "on Monday") || span_is(text, span, "Monday")) monday = 1;
    }
    CHECK(monday);

    /* A reference date gives the dateline its year. */
    OK(nw_article_parse_with_date(S(SAMPLE_ARTICLE), 2024, 12, 20, &dated, &err));
    OK(nw_article_dateline_date(dated, &date, &span, &found, &err));
    CHECK(found && date.has_year && date.year == 2024 && date.month == 12 && date.day == 12);

    /* The empty text parses to an empty article; NULL is allowed for it. */
    OK(nw_article_parse(NULL, 0, &empty, &err));
    OK(nw_article_text(empty, &text, &len, &err));
    CHECK(len == 0);
    OK(nw_article_sentence_count(empty, &n, &err));
    CHECK(n == 0);
    OK(nw_article_paragraph_count(empty, &n, &err));
    CHECK(n == 0);
    OK(nw_article_dateline(empty, &span, &found, &err));
    CHECK(!found);
    OK(nw_article_dateline_location_count(empty, &n, &err));
    CHECK(n == 0);
    OK(nw_article_dateline_date(empty, &date, &span, &found, &err));
    CHECK(!found && date.month == 0 && date.day == 0 && !date.has_year);
    OK(nw_article_dateline_agency(empty, &span, &found, &err));
    CHECK(!found);
    OK(nw_article_dateline_separator(empty, &span, &found, &err));
    CHECK(!found);

    nw_article_free(empty);
    nw_article_free(dated);
    nw_article_free(a);
}

static void test_json(void) {
    nw_gazetteer *g = load_sample();
    nw_matcher *m = matcher_with(g, NULL);
    nw_article *a = NULL;
    nw_document *doc = NULL;
    nw_string *s = NULL;
    const char *json;
    size_t len;
    /* "São Paulo" is 10 bytes and 9 characters: "Pakistan" starts at byte 15. */
    const char *text = "S\xc3\xa3o Paulo met Pakistan.";

    OK(nw_article_parse(S(SAMPLE_ARTICLE), &a, &err));
    OK(nw_article_to_json(a, S("a-1"), &s, &err));
    OK(nw_string_data(s, &json, &len, &err));
    CHECK(len == strlen(json) && json[0] == '{' && json[len - 1] == '}');
    CHECK(strstr(json, "\"a-1\"") != NULL && strstr(json, "\"sentences\"") != NULL);
    CHECK(strstr(json, "\"mentions\"") == NULL);
    nw_string_free(s);
    OK(nw_article_to_json(a, NULL, 0, &s, &err)); /* no id */
    OK(nw_string_data(s, &json, &len, &err));
    CHECK(strstr(json, "\"a-1\"") == NULL && strstr(json, "\"dateline\"") != NULL);
    nw_string_free(s);

    OK(nw_matcher_annotate(m, S(text), &doc, &err));
    OK(nw_document_to_json(doc, S("d-1"), &s, &err));
    OK(nw_string_data(s, &json, &len, &err));
    CHECK(len == strlen(json) && json[0] == '{' && json[len - 1] == '}');
    CHECK(strstr(json, "\"d-1\"") != NULL && strstr(json, "\"mentions\"") != NULL &&
          strstr(json, "\"entities\"") != NULL && strstr(json, "\"PK\"") != NULL);
    CHECK(json_has_int(json, "start", 15)); /* byte offsets, not characters */
    nw_string_free(s);

    nw_document_free(doc);
    nw_article_free(a);
    nw_matcher_free(m);
    nw_gazetteer_free(g);
}

static void test_document(void) {
    nw_gazetteer *g = load_sample();
    nw_matcher *m = matcher_with(g, NULL);
    nw_document *doc = NULL;
    const nw_article *a = NULL;
    const uint8_t *text;
    size_t len, n, i, sentences;
    long at;
    nw_mention mention;
    nw_entity e;
    nw_entity_summary summary;
    nw_span span;
    bool found;
    int saw_isb = 0;

    OK(nw_matcher_annotate(m, S(SAMPLE_ARTICLE), &doc, &err));
    /* The document owns what it needs: the matcher and gazetteer may go first. */
    nw_matcher_free(m);
    nw_gazetteer_free(g);

    OK(nw_document_article(doc, &a, &err));
    OK(nw_article_text(a, &text, &len, &err));
    CHECK(len == strlen(SAMPLE_ARTICLE) && memcmp(text, SAMPLE_ARTICLE, len) == 0);
    OK(nw_article_dateline(a, &span, &found, &err));
    CHECK(found);
    OK(nw_article_sentence_count(a, &sentences, &err));
    nw_article_free((nw_article *)a); /* a borrowed article: does nothing */

    OK(nw_document_mention_count(doc, &n, &err));
    CHECK(n >= 7);
    for (i = 0; i < n; i++) {
        OK(nw_document_mention(doc, i, &mention, &err));
        CHECK(mention.span.start < mention.span.end && mention.span.end <= len);
        CHECK(mention.entity_count >= 1);
        CHECK(!mention.has_sentence ? mention.sentence == 0 : mention.sentence < sentences);
        if (i > 0) {
            nw_mention prev;
            OK(nw_document_mention(doc, i - 1, &prev, &err));
            CHECK(prev.span.start <= mention.span.start);
        }
    }

    at = find_mention(doc, "ISLAMABAD", "ISB");
    CHECK(at == 0);
    OK(nw_document_mention(doc, (size_t)at, &mention, &err));
    CHECK(!mention.has_sentence && mention.via == NW_VIA_GAZETTEER);

    at = find_mention(doc, "Pakistan", "PK");
    CHECK(at >= 0);
    OK(nw_document_mention(doc, (size_t)at, &mention, &err));
    CHECK(mention.via == NW_VIA_GAZETTEER && mention.has_sentence && mention.sentence == 0);
    CHECK(mention.entity_count == 1);
    OK(nw_document_mention_entity(doc, (size_t)at, 0, &e, &err));
    CHECK(e.index == 0 && view_is(e.kind, e.kind_len, "LOC") &&
          view_is(e.name, e.name_len, "Pakistan"));

    CHECK(find_mention(doc, "Syed Aminul Haque", "P1") >= 0);
    CHECK(find_mention(doc, "Organization of Islamic Cooperation", "OIC") >= 0);
    CHECK(find_mention(doc, "Sao Paulo", "SP") >= 0); /* diacritics folded */
    CHECK(find_mention(doc, "March", "MA") < 0);      /* stop list */

    /* An alias of two entities: one mention, both candidates in gazetteer order. */
    at = find_mention(doc, "Georgia", "GE");
    CHECK(at >= 0 && find_mention(doc, "Georgia", "GA") == at);
    OK(nw_document_mention(doc, (size_t)at, &mention, &err));
    CHECK(mention.entity_count == 2);
    OK(nw_document_mention_entity(doc, (size_t)at, 0, &e, &err));
    CHECK(view_is(e.id, e.id_len, "GE") && e.index == 4);
    OK(nw_document_mention_entity(doc, (size_t)at, 1, &e, &err));
    CHECK(view_is(e.id, e.id_len, "GA") && view_is(e.name, e.name_len, "Georgia State"));

    /* A later surname links to the person named in full. */
    at = find_mention(doc, "Haque", "P1");
    CHECK(at >= 0);
    OK(nw_document_mention(doc, (size_t)at, &mention, &err));
    CHECK(mention.via == NW_VIA_COREF);

    OK(nw_document_entity_count(doc, &n, &err));
    CHECK(n >= 6);
    for (i = 0; i < n; i++) {
        OK(nw_document_entity(doc, i, &summary, &err));
        CHECK(summary.count >= 1 && summary.first.end <= len);
        if (view_is(summary.entity.id, summary.entity.id_len, "ISB")) {
            saw_isb = 1;
            CHECK(i == 0 && summary.in_dateline && summary.count == 1);
            CHECK(span_is(text, summary.first, "ISLAMABAD"));
            CHECK(view_is(summary.entity.name, summary.entity.name_len, "Islamabad"));
        }
        if (view_is(summary.entity.id, summary.entity.id_len, "P1")) {
            CHECK(summary.count == 2 && summary.in_lead && !summary.in_dateline);
        }
    }
    CHECK(saw_isb);
    nw_document_free(doc);

    /* The empty text. */
    {
        nw_gazetteer *g2 = load_sample();
        nw_matcher *m2 = matcher_with(g2, NULL);
        OK(nw_matcher_annotate(m2, NULL, 0, &doc, &err));
        OK(nw_document_mention_count(doc, &n, &err));
        CHECK(n == 0);
        OK(nw_document_entity_count(doc, &n, &err));
        CHECK(n == 0);
        nw_document_free(doc);
        nw_matcher_free(m2);
        nw_gazetteer_free(g2);
    }
}

static void test_options(void) {
    nw_gazetteer *g = load_sample();
    nw_matcher_options *o = NULL;
    nw_matcher *m;
    const char *cases = "pakistan, PAKISTAN and Pakistan.";

    OK(nw_matcher_options_new(&o, &err));
    m = matcher_with(g, o); /* defaults */
    CHECK(finds(m, "The New York Times reported.", "New York Times", "NYT"));
    CHECK(!finds(m, "The New York Times reported.", "New York", "NY"));
    CHECK(!finds(m, cases, "pakistan", "PK"));
    CHECK(finds(m, cases, "PAKISTAN", "PK") && finds(m, cases, "Pakistan", "PK"));
    CHECK(finds(m, "Al Qaeda claimed it.", "Al Qaeda", "AQ"));
    CHECK(finds(m, "Sao Paulo voted.", "Sao Paulo", "SP"));
    CHECK(!finds(m, "In March they met.", "March", "MA"));
    CHECK(finds(m, "Xy voted.", "Xy", "XY"));
    nw_matcher_free(m);

    OK(nw_matcher_options_set_overlaps(o, NW_OVERLAPS_ALL, &err));
    m = matcher_with(g, o);
    CHECK(finds(m, "The New York Times reported.", "New York Times", "NYT"));
    CHECK(finds(m, "The New York Times reported.", "New York", "NY"));
    nw_matcher_free(m);
    OK(nw_matcher_options_set_overlaps(o, NW_OVERLAPS_LONGEST, &err));

    OK(nw_matcher_options_set_case(o, NW_CASE_EXACT, &err));
    m = matcher_with(g, o);
    CHECK(!finds(m, cases, "pakistan", "PK") && !finds(m, cases, "PAKISTAN", "PK"));
    CHECK(finds(m, cases, "Pakistan", "PK"));
    nw_matcher_free(m);
    OK(nw_matcher_options_set_case(o, NW_CASE_INSENSITIVE, &err));
    m = matcher_with(g, o);
    CHECK(finds(m, cases, "pakistan", "PK") && finds(m, cases, "PAKISTAN", "PK"));
    nw_matcher_free(m);
    OK(nw_matcher_options_set_case(o, NW_CASE_SMART, &err));

    OK(nw_matcher_options_set_variants(o, false, &err));
    OK(nw_matcher_options_set_fold_diacritics(o, false, &err));
    m = matcher_with(g, o);
    CHECK(!finds(m, "Al Qaeda claimed it.", "Al Qaeda", "AQ"));
    CHECK(finds(m, "Al-Qaeda claimed it.", "Al-Qaeda", "AQ"));
    CHECK(!finds(m, "Sao Paulo voted.", "Sao Paulo", "SP"));
    CHECK(finds(m, "S\xc3\xa3o Paulo voted.", "S\xc3\xa3o Paulo", "SP"));
    nw_matcher_free(m);
    OK(nw_matcher_options_set_variants(o, true, &err));
    OK(nw_matcher_options_set_fold_diacritics(o, true, &err));

    OK(nw_matcher_options_set_stop_list(o, false, &err));
    OK(nw_matcher_options_set_min_alias_len(o, 3, &err));
    m = matcher_with(g, o);
    CHECK(finds(m, "In March they met.", "March", "MA"));
    CHECK(!finds(m, "Xy voted.", "Xy", "XY"));
    nw_matcher_free(m);

    nw_matcher_options_free(o);
    nw_gazetteer_free(g);
}

static void test_many(void) {
    static const char *texts[] = {
        SAMPLE_ARTICLE,
        "GAZA, Dec. 1 (Xinhua) -- Pakistan and Georgia signed.",
        "",
        "S\xc3\xa3o Paulo met Pakistan. The OIC agreed.",
        "No entities here at all.",
    };
    enum { N = sizeof texts / sizeof texts[0] };
    nw_gazetteer *g = load_sample();
    nw_matcher *m = matcher_with(g, NULL);
    nw_str in[N];
    nw_document *one[N], *many[N];
    size_t threads[] = {0, 1, 2, 4, 9};
    size_t i, t;

    for (i = 0; i < N; i++) {
        in[i].ptr = (const uint8_t *)texts[i];
        in[i].len = strlen(texts[i]);
        OK(nw_matcher_annotate(m, in[i].ptr, in[i].len, &one[i], &err));
    }
    for (t = 0; t < sizeof threads / sizeof threads[0]; t++) {
        OK(nw_matcher_annotate_many(m, in, N, threads[t], many, &err));
        for (i = 0; i < N; i++) {
            nw_string *a = NULL, *b = NULL;
            const char *ja, *jb;
            size_t la, lb;
            CHECK(many[i] != NULL);
            OK(nw_document_to_json(one[i], NULL, 0, &a, &err));
            OK(nw_document_to_json(many[i], NULL, 0, &b, &err));
            OK(nw_string_data(a, &ja, &la, &err));
            OK(nw_string_data(b, &jb, &lb, &err));
            CHECK(la == lb && memcmp(ja, jb, la) == 0);
            nw_string_free(a);
            nw_string_free(b);
            nw_document_free(many[i]);
        }
    }
    OK(nw_matcher_annotate_many(m, NULL, 0, 2, NULL, &err)); /* nothing to do */
    for (i = 0; i < N; i++) nw_document_free(one[i]);
    nw_matcher_free(m);
    nw_gazetteer_free(g);
}

int main(int argc, char **argv) {
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s DIR [quick]\n", argv[0]);
        return 2;
    }
    test_version();
    test_gazetteer(argv[1]);
    if (argc == 2 || strcmp(argv[2], "quick") != 0) test_builtin();
    test_article();
    test_json();
    test_document();
    test_options();
    test_many();
    nw_error_free(NULL);
    nw_string_free(NULL);
    nw_gazetteer_free(NULL);
    nw_matcher_options_free(NULL);
    nw_matcher_free(NULL);
    nw_article_free(NULL);
    nw_document_free(NULL);
    printf("test_api: %d checks passed\n", checks_run);
    return 0;
}
