"""The public API: parse, Gazetteer, Matcher, results, to_dict, to_pandas, reprs."""

from __future__ import annotations

import datetime
import itertools
import json
import sys
from pathlib import Path

import pytest

import newswire
from conftest import ARTICLE, RECORDS


# --- parse ---------------------------------------------------------------------------


def test_parse_dateline_fields() -> None:
    a = newswire.parse(ARTICLE)
    d = a.dateline
    assert d is not None
    assert (d.start, d.end, d.text) == (0, 24, "ISLAMABAD, Dec 12 (APP):")
    assert [s.text for s in d.locations] == ["ISLAMABAD"]
    assert d.agency is not None and d.agency.text == "APP"
    assert d.separator is not None and d.separator.text == ":"
    assert d.date_span is not None and d.date_span.text == "Dec 12"
    assert d.date is not None and (d.date.year, d.date.month, d.date.day) == (None, 12, 12)


@pytest.mark.parametrize("ref", [datetime.date(2024, 12, 20), "2024-12-20", datetime.datetime(2024, 12, 20, 8)])
def test_parse_reference_date_gives_the_year(ref: object) -> None:
    a = newswire.parse(ARTICLE, reference_date=ref)  # type: ignore[arg-type]
    assert a.dateline is not None and a.dateline.date is not None
    assert a.dateline.date.year == 2024


def test_parse_structure() -> None:
    a = newswire.parse(ARTICLE)
    assert a.text is ARTICLE or a.text == ARTICLE
    assert a.headline is None and a.byline is None
    assert len(a.paragraphs) == 3
    assert [s.text for s in a.sentences][0].startswith("Federal Minister")
    assert len(a.sentences) == 4
    for span in [a.body, *a.paragraphs, *a.sentences]:
        assert ARTICLE[span.start : span.end] == span.text
    # The dateline is not part of the first sentence.
    assert a.sentences[0].start >= a.dateline.end  # type: ignore[union-attr]
    [acr] = a.acronyms
    assert (acr.short.text, acr.long.text) == ("OIC", "Organization of Islamic Cooperation")
    [quote] = a.quotes
    assert quote.text == '"We are ready,"'
    assert quote.speaker is not None and quote.speaker.text == "he"
    assert any("Monday" in d.text for d in a.dates)
    assert a.trailers == []


def test_parse_trailers() -> None:
    text = "LONDON, March 3 - Prices rose on Tuesday.\n Reuter\n"
    a = newswire.parse(text)
    assert [t.kind for t in a.trailers] == ["sign_off"]
    assert a.trailers[0].text == "Reuter"
    assert text[a.trailers[0].start : a.trailers[0].end] == "Reuter"


def test_parse_empty_text() -> None:
    a = newswire.parse("")
    assert a.dateline is None
    assert a.sentences == [] and a.paragraphs == []
    assert (a.body.start, a.body.end, a.body.text) == (0, 0, "")


def test_sentence_at() -> None:
    a = newswire.parse(ARTICLE)
    s1 = a.sentences[1]
    assert a.sentence_at(s1.start) == 1
    assert a.sentence_at(s1.end - 1) == 1
    assert a.sentence_at(0) is None  # inside the dateline
    assert a.sentence_at(10_000) is None


def test_article_to_dict_is_json_and_matches_attributes() -> None:
    a = newswire.parse(ARTICLE)
    d = a.to_dict()
    json.dumps(d)
    assert set(d) == {
        "dateline", "headline", "byline", "body", "paragraphs", "sentences",
        "trailers", "acronyms", "quotes", "dates",
    }
    assert d["dateline"] == a.dateline.to_dict()  # type: ignore[union-attr]
    assert d["sentences"] == [s.to_dict() for s in a.sentences]
    assert d["acronyms"] == [x.to_dict() for x in a.acronyms]
    assert d["quotes"] == [x.to_dict() for x in a.quotes]
    assert d["dates"] == [x.to_dict() for x in a.dates]
    assert d["body"] == {"start": a.body.start, "end": a.body.end, "text": a.body.text}


# --- Gazetteer -----------------------------------------------------------------------


def test_gazetteer_from_records(gazetteer: newswire.Gazetteer) -> None:
    assert len(gazetteer) == len(RECORDS)
    assert "country:PK" in gazetteer
    assert "nope" not in gazetteer and 5 not in gazetteer
    pk = gazetteer["country:PK"]
    assert (pk.id, pk.kind, pk.name) == ("country:PK", "LOC", "Pakistan")
    assert pk.aliases == ["Islamic Republic of Pakistan"]
    assert pk.attrs == {"iso2": "PK", "population": 241_000_000, "tags": ["asia", "south"]}
    assert gazetteer["city:islamabad"].attrs is None
    assert gazetteer.get("nope") is None
    assert gazetteer.get("nope", "x") == "x"
    assert gazetteer.get("city:karachi") == gazetteer["city:karachi"]
    assert [e.id for e in gazetteer] == [r["id"] for r in RECORDS]
    with pytest.raises(KeyError):
        gazetteer["nope"]
    # A str no id can be (a lone surrogate) is simply not there, as in a dict.
    assert "\ud800" not in gazetteer and gazetteer.get("\ud800") is None
    with pytest.raises(KeyError):
        gazetteer["\ud800"]


def test_to_dict_carries_attrs_as_given(tmp_path: Path) -> None:
    # Attributes are carried through untouched: a result's to_dict has what Entity.attrs
    # has. It dropped them (None) when a number was past a float's range or a string held
    # a lone surrogate escape, and rounded integers past 2**53.
    path = tmp_path / "attrs.jsonl"
    attrs = '{"big": 1180591620717411303424, "huge": 1e400, "lone": "\\ud800", "z": 1, "a": [1.5]}'
    path.write_text('{"id": "acme", "kind": "ORG", "name": "Acme", "attrs": ' + attrs + "}\n")
    matcher = newswire.Matcher(newswire.Gazetteer.from_jsonl(path))
    want = matcher.gazetteer["acme"].attrs
    assert want == {"big": 2**70, "huge": float("inf"), "lone": "\ud800", "z": 1, "a": [1.5]}
    doc = matcher.annotate("Acme said.")
    assert doc.mentions[0].to_dict()["entities"][0]["attrs"] == want
    assert doc.to_dict()["mentions"][0]["entities"][0]["attrs"] == want
    assert doc.entities[0].to_dict()["attrs"] == want
    assert matcher.find("Acme")[0].to_dict()["entities"][0]["attrs"] == want


def test_from_records_keeps_a_lone_surrogate_in_attrs() -> None:
    # What a file may hold a record may: attrs keep a lone surrogate (written as its
    # escape, as a file holds it); the fields read as text refuse one, naming the record
    # (tests/test_errors.py).
    record = {"id": "acme", "kind": "ORG", "name": "Acme", "attrs": {"lone": "\ud800", "é": "ü"}}
    gazetteer = newswire.Gazetteer.from_records([record])
    assert gazetteer["acme"].attrs == {"lone": "\ud800", "é": "ü"}
    assert gazetteer["acme"].to_dict() == {**record, "aliases": []}


def test_entity_attrs_are_copies(gazetteer: newswire.Gazetteer) -> None:
    attrs = gazetteer["country:PK"].attrs
    assert attrs is not None
    attrs["iso2"] = "XX"
    assert gazetteer["country:PK"].attrs["iso2"] == "PK"  # type: ignore[index]


def test_gazetteer_files(jsonl_file: Path, tsv_file: Path) -> None:
    for g in (newswire.Gazetteer.from_jsonl(jsonl_file), newswire.Gazetteer.from_jsonl(str(jsonl_file))):
        assert len(g) == len(RECORDS)
        assert g["city:karachi"].aliases == ["کراچی"]
    t = newswire.Gazetteer.from_tsv(tsv_file)
    assert len(t) == 2
    assert t["org:oic"].aliases == ["OIC", "Organization of Islamic Cooperation"]
    m = newswire.Matcher(t)
    assert [x.entity_ids for x in m.find("The OIC met in Pakistan.")] == [["org:oic"], ["country:PK"]]


def test_gazetteer_from_records_accepts_any_iterable_of_mappings() -> None:
    g = newswire.Gazetteer.from_records(dict(r) for r in RECORDS[:2])
    assert len(g) == 2
    alias_obj = {"id": "x", "kind": "ORG", "name": "Blockchain Group", "aliases": [{"text": "BCG", "kind": "abbreviation"}]}
    g = newswire.Gazetteer.from_records([alias_obj])
    assert g["x"].aliases == ["BCG"]


def test_default_gazetteer_finds_places() -> None:
    g = newswire.Gazetteer.default()
    assert len(g) > 100
    m = newswire.Matcher(g)
    kinds = {e.kind for x in m.find("Talks in Pakistan, France and Germany.") for e in x.entities}
    assert "LOC" in kinds


# --- Matcher -------------------------------------------------------------------------


def test_find(matcher: newswire.Matcher) -> None:
    text = "Pakistan and Georgia, not Pakistani or pakistan."
    found = matcher.find(text)
    assert [(m.start, m.end, m.text) for m in found] == [(0, 8, "Pakistan"), (13, 20, "Georgia")]
    assert [m.entity_ids for m in found] == [["country:PK"], ["state:us-ga", "country:GE"]]
    georgia = found[1]
    assert [e.to_dict()["attrs"] for e in georgia.entities] == [{"type": "us_state"}, {"type": "country"}]
    assert all(m.via == "gazetteer" and m.sentence is None for m in found)
    assert matcher.find("") == []


def test_matcher_properties(gazetteer: newswire.Gazetteer, matcher: newswire.Matcher) -> None:
    assert matcher.gazetteer is gazetteer
    assert (matcher.case, matcher.overlaps, matcher.variants, matcher.fold_diacritics) == ("smart", "longest", True, True)
    m = newswire.Matcher(gazetteer, case="exact", overlaps="all", variants=False, fold_diacritics=False)
    assert (m.case, m.overlaps, m.variants, m.fold_diacritics) == ("exact", "all", False, False)


@pytest.mark.parametrize(
    "options, text, expected",
    [
        ({}, "pakistan", []),
        ({"case": "insensitive"}, "pakistan", ["pakistan"]),
        ({"case": "exact"}, "PAKISTAN", []),
        ({}, "PAKISTAN", ["PAKISTAN"]),
        ({}, "Islamic Republic of Pakistan", ["Islamic Republic of Pakistan"]),
        ({"overlaps": "all"}, "Islamic Republic of Pakistan", ["Islamic Republic of Pakistan", "Pakistan"]),
        ({}, "Sao Paulo", ["Sao Paulo"]),
        ({"fold_diacritics": False}, "Sao Paulo", []),
        ({}, "Syed Amin Ul Haque", ["Syed Amin Ul Haque"]),
        ({"variants": False}, "Syed Amin Ul Haque", []),
        ({}, "OIC Pakistan", ["OIC", "Pakistan"]),
        ({"min_alias_len": 4}, "OIC Pakistan", ["Pakistan"]),
        ({"include_kinds": ["ORG"]}, "OIC Pakistan", ["OIC"]),
        ({"exclude_kinds": ("ORG",)}, "OIC Pakistan", ["Pakistan"]),
        ({"stop_list": False}, "OIC Pakistan", ["OIC", "Pakistan"]),
    ],
)
def test_matcher_options(gazetteer: newswire.Gazetteer, options: dict, text: str, expected: list[str]) -> None:
    m = newswire.Matcher(gazetteer, **options)
    assert [x.text for x in m.find(text)] == expected


def test_annotate(matcher: newswire.Matcher) -> None:
    doc = matcher.annotate(ARTICLE)
    assert doc.text == ARTICLE
    art = doc.article
    assert art.dateline is not None and art.dateline.text == "ISLAMABAD, Dec 12 (APP):"
    mentions = doc.mentions
    assert [m.text for m in mentions][:2] == ["ISLAMABAD", "Syed Aminul Haque"]
    haque = [m for m in mentions if m.text == "Haque"]
    assert [(m.via, m.entity_ids) for m in haque] == [("coref", ["person:haque"])]
    for m in mentions:
        assert ARTICLE[m.start : m.end] == m.text
        if m.sentence is not None:
            s = art.sentences[m.sentence]
            assert s.start <= m.start and m.end <= s.end
    summaries = {s.entity.id: s for s in doc.entities}
    assert summaries["city:islamabad"].count == 2
    assert summaries["city:islamabad"].in_dateline
    assert summaries["city:islamabad"].first.text == "ISLAMABAD"
    assert summaries["org:oic"].count == 3
    assert not summaries["country:PK"].in_dateline
    total = sum(len(m.entities) for m in mentions)
    assert sum(s.count for s in doc.entities) == total


def test_annotate_reference_date(matcher: newswire.Matcher) -> None:
    doc = matcher.annotate(ARTICLE, reference_date="2023-12-14")
    assert doc.article.dateline.date.year == 2023  # type: ignore[union-attr]


def test_document_to_dict(matcher: newswire.Matcher) -> None:
    doc = matcher.annotate(ARTICLE)
    d = doc.to_dict()
    text = json.dumps(d, ensure_ascii=False)
    assert json.loads(text) == d
    assert d["mentions"] == [m.to_dict() for m in doc.mentions]
    assert d["entities"] == [s.to_dict() for s in doc.entities]
    assert {k: v for k, v in d.items() if k not in ("mentions", "entities")} == doc.article.to_dict()
    m0 = d["mentions"][0]
    assert m0 == {
        "start": 0,
        "end": 9,
        "text": "ISLAMABAD",
        "entities": [{"id": "city:islamabad", "kind": "LOC", "name": "Islamabad", "attrs": None}],
        "via": "gazetteer",
        "sentence": None,
    }


# --- annotate_many -------------------------------------------------------------------


def texts_for_batch(n: int) -> list[str]:
    places = ["Pakistan", "Karachi", "Georgia", "Beijing", "São Paulo"]
    return [f"Item {i}: officials in {places[i % len(places)]} said {i} times." for i in range(n)]


@pytest.mark.parametrize("threads", [None, 1, 2])
def test_annotate_many_matches_annotate(matcher: newswire.Matcher, threads: int | None) -> None:
    texts = texts_for_batch(700) + [ARTICLE]
    docs = list(matcher.annotate_many(texts, threads=threads))
    assert len(docs) == len(texts)
    assert all(isinstance(d, newswire.Document) for d in docs)
    assert [d.text for d in docs] == texts  # type: ignore[union-attr]
    for i in (0, 1, 499, 699, 700):
        assert docs[i].to_dict() == matcher.annotate(texts[i]).to_dict()  # type: ignore[union-attr]


def test_annotate_many_takes_any_iterable(matcher: newswire.Matcher) -> None:
    texts = texts_for_batch(5)
    assert [d.text for d in matcher.annotate_many(iter(texts))] == texts  # type: ignore[union-attr]
    assert [d.text for d in matcher.annotate_many(t for t in texts)] == texts  # type: ignore[union-attr]
    assert list(matcher.annotate_many([])) == []
    it = matcher.annotate_many(texts)
    assert iter(it) is it


def test_annotate_many_reference_date(matcher: newswire.Matcher) -> None:
    [doc] = matcher.annotate_many([ARTICLE], reference_date=datetime.date(2022, 12, 30))
    assert doc.article.dateline.date.year == 2022  # type: ignore[union-attr]


def test_annotate_many_endless_input_is_read_a_chunk_at_a_time(matcher: newswire.Matcher) -> None:
    pulled = 0

    def endless():
        nonlocal pulled
        for i in itertools.count():
            pulled += 1
            yield f"Pakistan number {i}"

    it = matcher.annotate_many(endless(), threads=2)
    first = list(itertools.islice(it, 10))
    assert [d.text for d in first] == [f"Pakistan number {i}" for i in range(10)]  # type: ignore[union-attr]
    assert 10 <= pulled <= 4096
    more = list(itertools.islice(it, 2000))
    assert more[-1].text == "Pakistan number 2009"  # type: ignore[union-attr]
    assert pulled <= 2010 + 4096


def test_annotate_many_errors_return(matcher: newswire.Matcher) -> None:
    items = ["Pakistan", 5, None, "Karachi", b"bytes"]
    out = list(matcher.annotate_many(items, errors="return"))
    assert len(out) == 5
    assert isinstance(out[0], newswire.Document) and isinstance(out[3], newswire.Document)
    assert out[3].mentions[0].text == "Karachi"
    for i, typ in ((1, "int"), (2, "NoneType"), (4, "bytes")):
        assert isinstance(out[i], TypeError)
        assert f"texts[{i}]" in str(out[i]) and typ in str(out[i])


def test_annotate_many_errors_raise_after_the_good_items(matcher: newswire.Matcher) -> None:
    it = matcher.annotate_many(["Pakistan", "Karachi", 5, "Georgia"])
    assert next(it).text == "Pakistan"  # type: ignore[union-attr]
    assert next(it).text == "Karachi"  # type: ignore[union-attr]
    with pytest.raises(TypeError, match=r"texts\[2\] must be str, not int"):
        next(it)
    with pytest.raises(StopIteration):
        next(it)


def test_annotate_many_error_in_a_later_chunk(matcher: newswire.Matcher) -> None:
    texts: list[object] = list(texts_for_batch(1500))
    texts[1200] = 7
    it = matcher.annotate_many(texts, threads=1)
    got = list(itertools.islice(it, 1200))
    assert [d.text for d in got] == texts[:1200]  # type: ignore[union-attr]
    with pytest.raises(TypeError, match=r"texts\[1200\] must be str, not int"):
        next(it)
    assert list(it) == []
    returned = list(matcher.annotate_many(texts, threads=1, errors="return"))
    assert isinstance(returned[1200], TypeError)
    assert [d.text for d in returned[1201:]] == texts[1201:]  # type: ignore[union-attr]


def test_abandoned_annotate_many(matcher: newswire.Matcher) -> None:
    import gc

    it = matcher.annotate_many(texts_for_batch(3000), threads=2)
    assert next(it).text.startswith("Item 0:")  # type: ignore[union-attr]
    del it
    gc.collect()
    assert matcher.find("Pakistan")[0].text == "Pakistan"


def test_annotate_many_propagates_the_inputs_exception(matcher: newswire.Matcher) -> None:
    def failing():
        yield "Pakistan"
        raise KeyError("input broke")

    for errors in ("raise", "return"):
        it = matcher.annotate_many(failing(), errors=errors)  # type: ignore[arg-type]
        assert next(it).text == "Pakistan"  # type: ignore[union-attr]
        with pytest.raises(KeyError, match="input broke"):
            next(it)


# --- to_pandas -----------------------------------------------------------------------


def test_to_pandas(matcher: newswire.Matcher) -> None:
    import pandas as pd

    docs = [matcher.annotate("Georgia and Pakistan."), matcher.annotate("Nothing here."), matcher.annotate(ARTICLE)]
    df = newswire.to_pandas(docs)
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == list(newswire.MENTION_COLUMNS)
    assert len(df) == sum(len(m.entities) for d in docs for m in d.mentions)
    first = df[df["doc"] == 0]
    assert list(first["entity_id"]) == ["state:us-ga", "country:GE", "country:PK"]
    assert list(first["candidates"]) == [2, 2, 1]
    assert list(first["mention"]) == [0, 0, 1]
    assert set(df["doc"]) == {0, 2}
    row = df[df["via"] == "coref"].iloc[0]
    assert (row["text"], row["entity_id"], row["kind"]) == ("Haque", "person:haque", "PERSON")
    assert ARTICLE[row["start"] : row["end"]] == "Haque"
    assert str(df["sentence"].dtype) == "Int64"

    labelled = newswire.to_pandas(docs, ids=["a", "b", "c"])
    assert set(labelled["doc"]) == {"a", "c"}
    single = newswire.to_pandas(docs[0])
    assert len(single) == 3


@pytest.mark.parametrize("fn", ["to_pandas", "to_polars"])
def test_frames_skip_error_objects_and_keep_positions(matcher: newswire.Matcher, fn: str) -> None:
    pytest.importorskip("polars" if fn == "to_polars" else "pandas")
    results = list(matcher.annotate_many([1, "Pakistan"], errors="return"))
    df = getattr(newswire, fn)(results)
    assert list(df["doc"]) == [1]
    # The error names the function called.
    with pytest.raises(TypeError, match=f"^{fn} expects Documents, got str at position 0"):
        getattr(newswire, fn)(["not a document"])


@pytest.mark.parametrize("fn", ["to_pandas", "to_polars"])
def test_ids_must_label_every_document(matcher: newswire.Matcher, fn: str) -> None:
    pytest.importorskip("polars" if fn == "to_polars" else "pandas")
    docs = [matcher.annotate("Pakistan"), matcher.annotate("Georgia")]
    for ids in (["a"], ["a", "b", "c"]):
        with pytest.raises(ValueError, match=rf"ids: {len(ids)} labels for 2 documents"):
            getattr(newswire, fn)(docs, ids=ids)
    # Generators too: each is read once.
    frame = getattr(newswire, fn)((d for d in docs), ids=(i for i in "ab"))
    assert list(dict.fromkeys(frame["doc"])) == ["a", "b"]


def test_to_pandas_empty() -> None:
    df = newswire.to_pandas([])
    assert len(df) == 0 and list(df.columns) == list(newswire.MENTION_COLUMNS)


def test_to_pandas_without_pandas(monkeypatch: pytest.MonkeyPatch, matcher: newswire.Matcher) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="pip install pandas"):
        newswire.to_pandas([matcher.annotate("Pakistan")])


# --- read-only objects, reprs, notebook views ----------------------------------------


def test_objects_are_read_only(matcher: newswire.Matcher) -> None:
    doc = matcher.annotate(ARTICLE)
    m = doc.mentions[0]
    for obj, attr in ((m, "start"), (m, "text"), (doc, "text"), (doc.article, "sentences"), (m.entities[0], "id")):
        with pytest.raises(AttributeError):
            setattr(obj, attr, 1)
    for cls in (newswire.Span, newswire.Mention, newswire.Document, newswire.Article, newswire.Entity):
        with pytest.raises(TypeError):
            cls()


def test_reprs(matcher: newswire.Matcher, gazetteer: newswire.Gazetteer) -> None:
    doc = matcher.annotate(ARTICLE)
    assert repr(doc.mentions[0]) == "Mention(0, 9, 'ISLAMABAD', entities=['city:islamabad'], via='gazetteer')"
    assert repr(doc.article.dateline.locations[0]) == "Span(0, 9, 'ISLAMABAD')"  # type: ignore[union-attr]
    assert repr(doc.mentions[0].entities[0]) == "Entity(id='city:islamabad', kind='LOC', name='Islamabad')"
    assert repr(doc.article).startswith("Article(dateline='ISLAMABAD, Dec 12 (APP):', paragraphs=3, sentences=4")
    assert repr(doc).startswith("Document(mentions=10, entities=7, article=Article(")
    assert repr(gazetteer) == f"Gazetteer({len(RECORDS)} entities)"
    assert repr(matcher).startswith("Matcher(Gazetteer(10 entities), case='smart', overlaps='longest'")
    assert repr(doc.entities[0]) == "EntitySummary('city:islamabad', count=2)"
    assert repr(doc.article.dateline.date) == "PartialDate(None, 12, 12)"  # type: ignore[union-attr]


def test_document_html_highlights_and_escapes() -> None:
    g = newswire.Gazetteer.from_records(
        [
            {"id": "pk", "kind": "LOC", "name": "Pakistan"},
            {"id": "acme", "kind": "<b>ORG</b>", "name": "Acme & Sons"},
        ]
    )
    m = newswire.Matcher(g)
    text = "KARACHI, Jan 5 (APP): <script>alert('x')</script> Pakistan & Acme & Sons said \"hi\"."
    html = m.annotate(text)._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<b>ORG</b>" not in html and "&lt;b&gt;ORG&lt;/b&gt;" in html
    assert 'data-kind="LOC"' in html and ">Pakistan<" in html
    assert ">Acme &amp; Sons<" in html
    assert 'class="nw-dateline"' in html and "KARACHI, Jan 5 (APP):</span>" in html
    assert html.count("<mark") == html.count("</mark>") == 2


def test_article_html_shows_structure() -> None:
    html = newswire.parse(ARTICLE.replace("science", "<i>science</i>"))._repr_html_()
    for section in ("dateline", "paragraphs", "sentences", "acronyms", "quotes", "dates"):
        assert f">{section}</th>" in html
    assert "&lt;i&gt;science&lt;/i&gt;" in html and "<i>science</i>" not in html
    assert "agency: APP" in html


HEADLINED = (
    "Floods hit Karachi\n\nBy Jane Doe\n\n"
    "KARACHI, Aug 3 (Reuters) - Heavy rain flooded Karachi on Sunday, officials said.\n"
    "(Reporting by Jane Doe; Editing by John Roe)\n"
)


def test_headline_byline_and_credit(matcher: newswire.Matcher) -> None:
    a = newswire.parse(HEADLINED)
    assert a.headline is not None and a.headline.text == "Floods hit Karachi"
    assert a.byline is not None and a.byline.text == "By Jane Doe"
    assert a.dateline is not None and a.dateline.text == "KARACHI, Aug 3 (Reuters) -"
    assert [s.text for s in a.sentences] == ["Heavy rain flooded Karachi on Sunday, officials said."]
    assert [(t.kind, t.text) for t in a.trailers] == [("credit", "(Reporting by Jane Doe; Editing by John Roe)")]
    assert a.to_dict()["headline"] == a.headline.to_dict()
    html = matcher.annotate(HEADLINED)._repr_html_()
    assert '<span class="nw-headline"' in html and '<span class="nw-byline"' in html
    # The dateline's place is highlighted inside the dateline, which nests properly.
    assert html.index('class="nw-dateline"') < html.index(">KARACHI<span") < html.index(") -</span>")
    assert html.count("<span class=\"nw-") == 3
    rows = newswire.parse(HEADLINED)._repr_html_()
    assert rows.index(">headline</th>") < rows.index(">byline</th>") < rows.index(">dateline</th>")
    assert ">trailers</th>" in rows and "credit" in rows


def test_equality_and_hash(matcher: newswire.Matcher) -> None:
    a, b = matcher.find("Pakistan Pakistan")
    assert a != b and a == matcher.find("Pakistan")[0]
    assert len({a, matcher.find("Pakistan")[0]}) == 1
    assert matcher.annotate(ARTICLE) == matcher.annotate(ARTICLE)
    assert newswire.parse("x") != newswire.parse("y")
    assert (a == "Pakistan") is False
