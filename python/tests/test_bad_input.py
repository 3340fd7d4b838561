"""The Python layer of the bad-input matrix (docs/bad-input.md): odd texts give correct
documents whose code-point offsets slice the str; non-str items and lone surrogates (the
Python form of invalid UTF-8) give a clear error, and in a batch cost only themselves; bad
gazetteer lines name file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newswire

RECORDS = [
    {"id": "pk", "kind": "LOC", "name": "Pakistan"},
    {"id": "isb", "kind": "LOC", "name": "Islamabad"},
    {"id": "oic", "kind": "ORG", "name": "Organisation of Islamic Cooperation", "aliases": ["OIC"]},
]


@pytest.fixture(scope="module")
def m() -> newswire.Matcher:
    return newswire.Matcher(newswire.Gazetteer.from_records(RECORDS))


def check(doc: newswire.Document, text: str) -> list[str]:
    """Every span of the document slices `text` to what it reports; the mentions' texts."""
    assert doc.text == text
    art = doc.article
    spans = [art.body, *art.paragraphs, *art.sentences]
    for s in spans:
        assert 0 <= s.start <= s.end <= len(text)
        assert text[s.start : s.end] == s.text
    for x in doc.mentions:
        assert text[x.start : x.end] == x.text
    # to_dict carries the same code-point offsets.
    for x in doc.to_dict()["mentions"]:
        assert text[x["start"] : x["end"]] == x["text"]
    return [x.text for x in doc.mentions]


@pytest.mark.parametrize(
    "text, found",
    [
        ("", []),
        ("   ", []),
        (" \t\r\n\u00a0\u2003\u3000\n\n", []),
        ("\0\0\0", []),
        ("\0ISLAMABAD, Dec 12 (APP):\0Pakistan\0said.", ["ISLAMABAD", "Pakistan"]),
        ("\u0001\u007f\u202ePakistan\ufeff", ["Pakistan"]),
        ("\ufeffISLAMABAD, Dec 12 (APP):Pakistan said.", ["ISLAMABAD", "Pakistan"]),
        ("\u0301\u0308 Pakistan", ["Pakistan"]),
        ("🎉🇵🇰 Pakistan 👩‍👩‍👧 Islamabad", ["Pakistan", "Islamabad"]),
        ("!!! ... --- ((( \"\" ''", []),
    ],
)
def test_odd_texts(m: newswire.Matcher, text: str, found: list[str]) -> None:
    assert check(m.annotate(text), text) == found
    assert [x.text for x in m.find(text)] == found
    art = newswire.parse(text)
    for s in art.sentences:
        assert text[s.start : s.end] == s.text


def test_empty_text_is_an_empty_article() -> None:
    art = newswire.parse("")
    assert art.dateline is None and art.headline is None and art.byline is None
    assert art.sentences == [] and art.paragraphs == [] and art.trailers == []
    assert (art.body.start, art.body.end) == (0, 0)


def test_ten_megabyte_line_without_spaces(m: newswire.Matcher) -> None:
    word = "Pakistan" * (10 * 2**20 // 8)
    doc = m.annotate(word)
    assert doc.mentions == []
    assert [(s.start, s.end) for s in doc.article.sentences] == [(0, len(word))]
    # Non-ASCII, so that code points and bytes differ all the way.
    glued = "Pakistan,é;" * (2**20 // 11)
    doc = m.annotate(glued)
    n = len(glued) // 11
    assert len(doc.mentions) == n
    last = doc.mentions[-1]
    assert glued[last.start : last.end] == "Pakistan" and last.start == (n - 1) * 11


@pytest.mark.parametrize("bad", [5, None, b"Pakistan", bytearray(b"x"), ["Pakistan"], 3.5])
def test_non_str_text(m: newswire.Matcher, bad: object) -> None:
    for call in (newswire.parse, m.find, m.annotate):
        with pytest.raises(TypeError, match="text must be str"):
            call(bad)  # type: ignore[operator]


@pytest.mark.parametrize("bad", ["\ud800", "Pakistan \udfff", "\udc80\udc80"])
def test_lone_surrogates(m: newswire.Matcher, bad: str) -> None:
    for call in (newswire.parse, m.find, m.annotate):
        with pytest.raises(UnicodeEncodeError):
            call(bad)  # type: ignore[operator]


def test_a_bad_item_in_a_batch_costs_only_itself(m: newswire.Matcher) -> None:
    texts: list[object] = ["Pakistan", 5, "", "\ud800", None, "\0Islamabad\0", b"bytes", " \n "]
    out = list(m.annotate_many(texts, threads=2, errors="return"))
    assert len(out) == len(texts)
    for i, (text, got) in enumerate(zip(texts, out)):
        if isinstance(text, str) and "\ud800" not in text:
            assert isinstance(got, newswire.Document), (i, got)
            check(got, text)
        else:
            assert isinstance(got, (TypeError, ValueError)), (i, got)
            assert f"texts[{i}]" in str(got), (i, got)
    assert [x.text for x in out[0].mentions] == ["Pakistan"]  # type: ignore[union-attr]
    assert [x.text for x in out[5].mentions] == ["Islamabad"]  # type: ignore[union-attr]
    with pytest.raises((TypeError, ValueError), match=r"texts\[1\]"):
        list(m.annotate_many(texts, threads=2))


def write(tmp_path: Path, name: str, lines: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


GOOD = json.dumps({"id": "a", "kind": "LOC", "name": "Alpha"})


@pytest.mark.parametrize(
    "line, says",
    [
        (json.dumps({"id": "b", "kind": "LOC", "name": "B", "aliases": ["x", ""]}), "alias 2 is empty"),
        (json.dumps({"id": "b", "kind": "LOC", "name": "B", "aliases": ["\u00a0\n"]}), "alias 1 is empty"),
        (GOOD, "duplicate id `a` (first on line 1)"),
        ('{"id": "d", "kind": "LOC", "name": "D", "attrs": ' + '{"a":' * 50_000 + "1" + "}" * 50_000 + "}", "recursion limit"),
        ('{"id": "d", "kind": "LOC", "name": "D", "aliases": ' + "[" * 50_000 + "]" * 50_000 + "}", "recursion limit"),
        ("[1, 2]", "expected a JSON object"),
        (json.dumps({"id": "b", "kind": "LOC"}), "missing field `name`"),
    ],
)
def test_bad_gazetteer_lines(tmp_path: Path, line: str, says: str) -> None:
    path = write(tmp_path, "g.jsonl", [GOOD, line])
    with pytest.raises(ValueError) as info:
        newswire.Gazetteer.from_jsonl(path)
    assert f"{path}:2:" in str(info.value)
    assert says in str(info.value)


def test_bad_tsv_lines(tmp_path: Path) -> None:
    for lines, where, says in [
        (["a\tLOC\tA\tB||C"], 1, "alias 2 is empty"),
        (["a\tLOC\tA", "a\tLOC\tB"], 2, "duplicate id"),
    ]:
        path = write(tmp_path, "g.tsv", lines)
        with pytest.raises(ValueError, match=rf"{path}:{where}: .*{says}"):
            newswire.Gazetteer.from_tsv(path)


def test_unusual_gazetteers_load_and_match(tmp_path: Path) -> None:
    long = "Ab" * 5_000
    path = write(
        tmp_path,
        "g.jsonl",
        [
            json.dumps({"id": "long", "kind": "LOC", "name": "Long", "aliases": [long]}),
            json.dumps({"id": "punct", "kind": "MISC", "name": "...", "aliases": ["!!!", "--", "’’", "(*)"]}),
        ],
    )
    g = newswire.Gazetteer.from_jsonl(path)
    assert len(g) == 2
    m = newswire.Matcher(g)
    text = f"Before {long}, after... what!!! -- (*) ’’"
    found = check(m.annotate(text), text)
    assert found[0] == long
    assert all(f in (long, "...", "!!!", "--", "’’", "(*)") for f in found)
    # The same through records.
    g = newswire.Gazetteer.from_records([{"id": "long", "kind": "LOC", "name": long}])
    assert [x.text for x in newswire.Matcher(g).find(text)] == [long]
