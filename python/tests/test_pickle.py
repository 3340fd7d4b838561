"""Every object pickles: inputs ship to worker processes, results come back."""

from __future__ import annotations

import copy
import multiprocessing
import pickle

import pytest

import newswire
from conftest import ARTICLE, NON_ASCII, RECORDS

TEXTS = [ARTICLE, NON_ASCII, "", "Georgia and Pakistan.", "LONDON, March 3 - Prices rose.\n Reuter\n"]


def roundtrip(obj: object) -> object:
    return pickle.loads(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))


def all_result_objects(matcher: newswire.Matcher) -> list[object]:
    doc = matcher.annotate(ARTICLE)
    art = doc.article
    trailer_doc = newswire.parse("LONDON, March 3 - Prices rose.\n Reuter\n")
    objs: list[object] = [doc, art, art.dateline, art.dateline.date, *art.dateline.locations]  # type: ignore[union-attr]
    objs += [art.body, *art.sentences, *art.acronyms, *art.quotes, *art.dates, *trailer_doc.trailers]
    objs += [*doc.mentions, *doc.entities, *[e for m in doc.mentions for e in m.entities]]
    objs += matcher.find(NON_ASCII)
    return objs


def test_results_roundtrip_equal(matcher: newswire.Matcher) -> None:
    objs = all_result_objects(matcher)
    kinds = {type(o).__name__ for o in objs}
    assert kinds == {
        "Document", "Article", "Dateline", "PartialDate", "Span", "Acronym", "Quote", "DateExpr",
        "Trailer", "Mention", "EntitySummary", "Entity",
    }
    for obj in objs:
        back = roundtrip(obj)
        assert type(back) is type(obj)
        assert back == obj, obj
        assert hash(back) == hash(obj)
        assert repr(back) == repr(obj)
        assert copy.deepcopy(obj) == obj
        if hasattr(obj, "to_dict"):
            assert back.to_dict() == obj.to_dict()  # type: ignore[attr-defined]


def test_unpickled_document_keeps_entities_and_views(matcher: newswire.Matcher) -> None:
    doc = matcher.annotate(ARTICLE)
    back = roundtrip(doc)
    assert isinstance(back, newswire.Document)
    assert [m.entity_ids for m in back.mentions] == [m.entity_ids for m in doc.mentions]
    assert [e.to_dict() for m in back.mentions for e in m.entities] == [
        e.to_dict() for m in doc.mentions for e in m.entities
    ]
    assert back._repr_html_() == doc._repr_html_()
    assert back.article._repr_html_() == doc.article._repr_html_()
    # Only the entities the document names travel with it.
    assert len(pickle.dumps(back)) < len(pickle.dumps(matcher.gazetteer)) + len(pickle.dumps(ARTICLE)) * 4


def test_gazetteer_and_matcher_roundtrip(gazetteer: newswire.Gazetteer, matcher: newswire.Matcher) -> None:
    g = roundtrip(gazetteer)
    assert isinstance(g, newswire.Gazetteer)
    assert [e.to_dict() for e in g] == [e.to_dict() for e in gazetteer]
    m = roundtrip(matcher)
    assert isinstance(m, newswire.Matcher)
    for text in TEXTS:
        assert [x.to_dict() for x in m.find(text)] == [x.to_dict() for x in matcher.find(text)]
    options = dict(case="insensitive", overlaps="all", variants=False, fold_diacritics=False,
                   min_alias_len=4, exclude_kinds=["PERSON"], stop_list=False)
    custom = newswire.Matcher(gazetteer, **options)  # type: ignore[arg-type]
    back = roundtrip(custom)
    assert isinstance(back, newswire.Matcher)
    assert (back.case, back.overlaps, back.variants, back.fold_diacritics) == ("insensitive", "all", False, False)
    text = "pakistan OIC Islamic Republic of Pakistan Syed Aminul Haque"
    assert [x.text for x in back.find(text)] == [x.text for x in custom.find(text)] == [
        "pakistan", "Islamic Republic of Pakistan", "Pakistan",
    ]


def test_matcher_and_gazetteer_pickled_together_share_one_gazetteer(matcher: newswire.Matcher) -> None:
    g, m = roundtrip((matcher.gazetteer, matcher))  # type: ignore[misc]
    assert m.gazetteer is g


def test_default_gazetteer_pickles_small() -> None:
    g = newswire.Gazetteer.default()
    data = pickle.dumps(g)
    assert len(data) < 200
    back = pickle.loads(data)
    assert len(back) == len(g)
    m = pickle.loads(pickle.dumps(newswire.Matcher(g)))
    assert [x.text for x in m.find("Pakistan and France")] == ["Pakistan", "France"]


def test_pickled_gazetteer_keeps_its_alias_filter() -> None:
    g = newswire.Gazetteer.from_records([{"id": "t", "kind": "LOC", "name": "Marchtown", "aliases": ["March", "Of"]}])
    text = "In March Of Marchtown"
    for gaz in (g, roundtrip(g)):
        assert [m.text for m in newswire.Matcher(gaz).find(text)] == ["Marchtown"]  # type: ignore[arg-type]
        unfiltered = newswire.Matcher(gaz, stop_list=False)  # type: ignore[arg-type]
        assert [m.text for m in unfiltered.find(text)] == ["March", "Of", "Marchtown"]
        assert [m.text for m in roundtrip(unfiltered).find(text)] == ["March", "Of", "Marchtown"]  # type: ignore[attr-defined]


# Worker functions for the spawn pool: module-level so that the children can import them.


def work_annotate(matcher: newswire.Matcher, text: str) -> newswire.Document:
    return matcher.annotate(text)


def work_find_with_gazetteer(gazetteer: newswire.Gazetteer, text: str) -> list[newswire.Mention]:
    return newswire.Matcher(gazetteer).find(text)


def work_annotate_many(matcher: newswire.Matcher, texts: list[str]) -> list[newswire.Document]:
    return list(matcher.annotate_many(texts, threads=1))  # type: ignore[arg-type]


def test_spawn_pool(gazetteer: newswire.Gazetteer, matcher: newswire.Matcher) -> None:
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        docs = pool.starmap(work_annotate, [(matcher, t) for t in TEXTS])
        found = pool.starmap(work_find_with_gazetteer, [(gazetteer, t) for t in TEXTS])
        batches = pool.starmap(work_annotate_many, [(matcher, TEXTS), (matcher, TEXTS[::-1])])
    for text, doc, mentions in zip(TEXTS, docs, found):
        local = matcher.annotate(text)
        assert doc == local
        assert doc.to_dict() == local.to_dict()
        assert mentions == matcher.find(text)
    assert [d.text for d in batches[0]] == TEXTS
    assert [d.to_dict() for d in batches[1]] == [matcher.annotate(t).to_dict() for t in TEXTS[::-1]]


def test_records_survive_a_pickled_gazetteer_with_unusual_data() -> None:
    records = [
        {"id": "x", "kind": "ORG", "name": "Acme", "aliases": [{"text": "ACME", "case": "exact", "kind": "short"}],
         "attrs": {"nested": {"list": [1, 2.5, None, True, "ü"]}}},
    ] + RECORDS[:2]
    g = newswire.Gazetteer.from_records(records)
    back = roundtrip(g)
    assert back["x"].to_dict() == g["x"].to_dict()  # type: ignore[index]
    m1, m2 = newswire.Matcher(g), newswire.Matcher(back)  # type: ignore[arg-type]
    for text in ("ACME and Acme and acme", "Acme ACME"):
        assert m2.find(text) == m1.find(text)


@pytest.mark.parametrize("name, state", [("Nope", ()), ("Span", (1,)), ("Entity", ("not json",)),
                                          ("Document", ("x", "{}", (), (), ()))])
def test_bad_pickled_state_is_an_error(name: str, state: tuple) -> None:
    with pytest.raises((ValueError, TypeError)):
        newswire._native._rebuild(name, state)


def test_arrow_results_pickle(matcher: newswire.Matcher) -> None:
    # annotate_arrow's result is a result too: a worker process can send it back. (Pickling
    # it raised "cannot pickle 'ArrowAnnotations' object".) Readers of a stream do not
    # pickle, as pyarrow's own readers do not.
    pa = pytest.importorskip("pyarrow")
    out = matcher.annotate_arrow(pa.table({"id": [1, 2], "text": ["Georgia and Pakistan.", None]}), id="id")
    for back in (roundtrip(out), copy.copy(out), copy.deepcopy(out)):
        assert isinstance(back, newswire.ArrowAnnotations)
        assert back.mentions.equals(out.mentions) and back.articles.equals(out.articles)
