"""Every error path: the right exception with a message that names what and where."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newswire
from conftest import RECORDS


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


GOOD = json.dumps({"id": "a", "kind": "LOC", "name": "Alpha"})


@pytest.mark.parametrize(
    "second_line, reason",
    [
        ("{not json", ""),
        (json.dumps({"id": "b", "kind": "LOC"}), "name"),
        (json.dumps({"kind": "LOC", "name": "Beta"}), "id"),
        (json.dumps({"id": "a", "kind": "LOC", "name": "Again"}), "a"),
        (json.dumps({"id": "b", "kind": "LOC", "name": "Beta", "aliases": [""]}), ""),
        (json.dumps({"id": "b", "kind": "LOC", "name": "  "}), ""),
        (json.dumps({"id": "b", "kind": "LOC", "name": "Beta", "aliases": "Bet"}), ""),
        (json.dumps(["b", "LOC", "Beta"]), ""),
    ],
)
def test_bad_jsonl_line_names_file_and_line(tmp_path: Path, second_line: str, reason: str) -> None:
    path = write(tmp_path, "bad.jsonl", GOOD + "\n" + second_line + "\n")
    with pytest.raises(ValueError) as info:
        newswire.Gazetteer.from_jsonl(path)
    assert f"{path}:2:" in str(info.value)
    assert reason in str(info.value)


@pytest.mark.parametrize("line", ["b\tLOC", "b\t\tBeta", "a\tLOC\tAgain"])
def test_bad_tsv_line_names_file_and_line(tmp_path: Path, line: str) -> None:
    path = write(tmp_path, "bad.tsv", "# comment\na\tLOC\tAlpha\n" + line + "\n")
    with pytest.raises(ValueError, match=rf"{path}:3:"):
        newswire.Gazetteer.from_tsv(path)


def test_invalid_utf8_gazetteer(tmp_path: Path) -> None:
    path = write(tmp_path, "latin1.jsonl", (GOOD + "\n").encode() + b'{"id": "b", "kind": "LOC", "name": "Z\xfcrich"}\n')
    # The byte position follows docs/bad-input.md: 0-based, counted from the start of the line.
    with pytest.raises(ValueError, match=rf"{path}:2: invalid UTF-8 at byte offset 37"):
        newswire.Gazetteer.from_jsonl(path)


def test_missing_and_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="nope.jsonl"):
        newswire.Gazetteer.from_jsonl(tmp_path / "nope.jsonl")
    with pytest.raises(FileNotFoundError):
        newswire.Gazetteer.from_tsv(tmp_path / "nope.tsv")
    with pytest.raises(OSError):
        newswire.Gazetteer.from_jsonl(tmp_path)  # a directory
    with pytest.raises(TypeError):
        newswire.Gazetteer.from_jsonl(5)  # type: ignore[arg-type]


def test_bad_records() -> None:
    with pytest.raises(ValueError, match=r"<records>:2:.*name"):
        newswire.Gazetteer.from_records([RECORDS[0], {"id": "x", "kind": "LOC"}])
    with pytest.raises(ValueError, match=r"<records>:3:"):
        newswire.Gazetteer.from_records([RECORDS[0], RECORDS[1], RECORDS[0]])
    with pytest.raises(TypeError, match=r"<records>:2: a record must be a dict, not int"):
        newswire.Gazetteer.from_records([RECORDS[0], 5])
    with pytest.raises(TypeError, match=r"<records>:1:.*not JSON serializable"):
        newswire.Gazetteer.from_records([{"id": "x", "kind": "L", "name": "N", "attrs": {"o": object()}}])
    with pytest.raises(TypeError, match="iterable of dicts"):
        newswire.Gazetteer.from_records("not records")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="iterable of dicts"):
        newswire.Gazetteer.from_records(RECORDS[0])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        newswire.Gazetteer.from_records(5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "record, says",
    [
        # A dict is not JSON: what is wrong with it is said in its terms, not as the
        # invalid JSON it was turned into on the way ("expected value at line 1 column 54").
        ({"id": "x", "kind": "L", "name": "N", "attrs": {"v": float("nan")}}, r"<records>:1: Out of range float"),
        ({"id": "x", "kind": "L", "name": "N", "attrs": {"v": float("inf")}}, r"<records>:1: Out of range float"),
        # A lone surrogate is Python's form of text that is not UTF-8.
        ({"id": "x", "kind": "L", "name": "N\ud800"}, r"<records>:1: .*surrogates not allowed"),
        ({"id": "x", "kind": "L", "name": "N", "aliases": ["\udfff"]}, r"<records>:1: .*surrogates not allowed"),
    ],
)
def test_records_that_json_cannot_carry(record: dict[str, object], says: str) -> None:
    with pytest.raises(ValueError, match=says):
        newswire.Gazetteer.from_records([record])


@pytest.mark.parametrize("bad", [5, None, b"bytes", ["list"]])
def test_non_str_text_is_a_type_error(matcher: newswire.Matcher, bad: object) -> None:
    for call in (newswire.parse, matcher.find, matcher.annotate):
        with pytest.raises(TypeError, match="text must be str, not"):
            call(bad)  # type: ignore[operator]
    with pytest.raises(TypeError):
        newswire._native._find_byte_spans(matcher, bad)  # type: ignore[arg-type]


def test_lone_surrogates(matcher: newswire.Matcher) -> None:
    with pytest.raises(UnicodeEncodeError):
        newswire.parse("a\ud800b")
    with pytest.raises(UnicodeEncodeError):
        matcher.find("\udfff")
    [err, doc] = matcher.annotate_many(["\ud800", "Pakistan"], errors="return")
    assert isinstance(err, ValueError) and "texts[0]" in str(err)
    assert isinstance(doc, newswire.Document)


@pytest.mark.parametrize(
    "ref, exc",
    [("2023-02-29", ValueError), ("12/20/2024", ValueError), ("", ValueError), (20241220, TypeError), ([2024], TypeError)],
)
def test_bad_reference_date(matcher: newswire.Matcher, ref: object, exc: type) -> None:
    with pytest.raises(exc, match="reference_date"):
        newswire.parse("x", reference_date=ref)  # type: ignore[arg-type]
    with pytest.raises(exc, match="reference_date"):
        matcher.annotate("x", reference_date=ref)  # type: ignore[arg-type]
    with pytest.raises(exc, match="reference_date"):
        matcher.annotate_many(["x"], reference_date=ref)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "kwargs, exc, message",
    [
        ({"case": "upper"}, ValueError, "case must be"),
        ({"overlaps": "shortest"}, ValueError, "overlaps must be"),
        ({"include_kinds": "ORG"}, TypeError, "not a str"),
        ({"exclude_kinds": [1]}, TypeError, "exclude_kinds must be str"),
        ({"include_kinds": 5}, TypeError, None),
        ({"min_alias_len": -1}, ValueError, "min_alias_len must be at least 0"),
        ({"variants": "yes"}, TypeError, None),
        ({"unknown": 1}, TypeError, "unknown"),
    ],
)
def test_bad_matcher_options(gazetteer: newswire.Gazetteer, kwargs: dict, exc: type, message: str | None) -> None:
    with pytest.raises(exc, match=message):
        newswire.Matcher(gazetteer, **kwargs)


def test_matcher_needs_a_gazetteer() -> None:
    with pytest.raises(TypeError, match="gazetteer must be a newswire.Gazetteer, not list"):
        newswire.Matcher(RECORDS)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        newswire.Matcher(newswire.Gazetteer.default(), "smart")  # type: ignore[misc]


@pytest.mark.parametrize(
    "args, kwargs, exc, message",
    [
        (("one text",), {}, TypeError, "not a str"),
        ((5,), {}, TypeError, "iterable of str, not int"),
        (([],), {"errors": "ignore"}, ValueError, "errors must be"),
        (([],), {"threads": 0}, ValueError, "threads must be at least 1"),
        (([],), {"threads": -2}, ValueError, "threads must be at least 1"),
        (([],), {"threads": "2"}, TypeError, None),
    ],
)
def test_bad_annotate_many_arguments(
    matcher: newswire.Matcher, args: tuple, kwargs: dict, exc: type, message: str | None
) -> None:
    with pytest.raises(exc, match=message):
        matcher.annotate_many(*args, **kwargs)


def test_gazetteer_lookup_errors(gazetteer: newswire.Gazetteer) -> None:
    with pytest.raises(KeyError, match="missing"):
        gazetteer["missing"]
    with pytest.raises(TypeError):
        gazetteer[5]  # type: ignore[index]
