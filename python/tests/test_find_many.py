"""`Matcher.find`'s result, a sequence whose Mention objects are made when read, and
`Matcher.find_many`, find over a list of texts in one call."""

from __future__ import annotations

import collections.abc
import gc
import pickle

import pytest

import newswire
from conftest import ARTICLE, NON_ASCII

TEXTS = [ARTICLE, "Nothing here.", NON_ASCII, "Georgia and Pakistan.", "", "Pakistan " * 50]


def as_tuples(mentions: object) -> list[tuple[int, int, str, list[str]]]:
    assert isinstance(mentions, collections.abc.Iterable)
    return [(m.start, m.end, m.text, m.entity_ids) for m in mentions]


def test_find_returns_a_sequence_of_mentions(matcher: newswire.Matcher) -> None:
    found = matcher.find("Pakistan and Georgia met in Islamabad.")
    assert isinstance(found, newswire.Mentions)
    assert isinstance(found, collections.abc.Sequence)
    assert len(found) == 3
    as_list = list(found)
    assert all(isinstance(m, newswire.Mention) for m in as_list)
    assert found[0] == as_list[0] and found[-1] == as_list[-1] and found[-3] == as_list[0]
    assert found[1:] == as_list[1:] and found[::-1] == as_list[::-1] and found[5:9] == []
    assert found == as_list and found == tuple(as_list) and not (found != as_list)
    assert found != as_list[:2] and found == matcher.find("Pakistan and Georgia met in Islamabad.")
    assert (found == "Pakistan") is False
    assert repr(found) == repr(as_list)
    assert [m.text for m in reversed(found)] == ["Islamabad", "Georgia", "Pakistan"]
    assert found.index(as_list[1]) == 1 and as_list[2] in found


def test_find_result_bad_indices(matcher: newswire.Matcher) -> None:
    found = matcher.find("Pakistan")
    with pytest.raises(IndexError, match="Mentions index out of range"):
        found[1]
    with pytest.raises(IndexError, match="Mentions index out of range"):
        found[-2]
    with pytest.raises(TypeError, match="Mentions indices must be integers or slices"):
        found["0"]  # type: ignore[call-overload]
    # An integer too large for an index is out of range, as for a list (not a TypeError
    # saying it is no integer).
    class Huge:
        def __index__(self) -> int:
            return 2**64

    for huge in (2**64, -(2**64), Huge()):
        with pytest.raises(IndexError):
            found[huge]  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="Mentions indices must be integers or slices"):
        found[1.0]  # type: ignore[call-overload]
    assert len(matcher.find("")) == 0 and list(matcher.find("")) == []


def test_find_result_pickles_as_a_list(matcher: newswire.Matcher) -> None:
    found = matcher.find(NON_ASCII)
    back = pickle.loads(pickle.dumps(found))
    assert isinstance(back, list) and back == list(found) and found == back


def test_mentions_outlive_the_text(matcher: newswire.Matcher) -> None:
    # The records slice the matcher's own copy of the text, not the caller's string.
    text = "".join(["Georgia", " and ", "Pakistan"])
    found = matcher.find(text)
    del text
    gc.collect()
    assert [m.text for m in found] == ["Georgia", "Pakistan"]


@pytest.mark.parametrize("threads", [None, 1, 2])
def test_find_many_is_find_on_each_text(matcher: newswire.Matcher, threads: int | None) -> None:
    texts = TEXTS * 30
    got = matcher.find_many(texts, threads=threads)
    assert isinstance(got, list) and len(got) == len(texts)
    assert all(isinstance(m, newswire.Mentions) for m in got)
    assert [as_tuples(m) for m in got] == [as_tuples(matcher.find(t)) for t in texts]


def test_find_many_takes_any_iterable(matcher: newswire.Matcher) -> None:
    got = matcher.find_many(t for t in TEXTS)
    assert [as_tuples(m) for m in got] == [as_tuples(matcher.find(t)) for t in TEXTS]
    assert matcher.find_many([]) == []


def test_find_many_bad_input(matcher: newswire.Matcher) -> None:
    with pytest.raises(TypeError, match="texts must be an iterable of str, not a str"):
        matcher.find_many("Pakistan")
    with pytest.raises(TypeError, match=r"texts\[2\] must be str, not int"):
        matcher.find_many(["Pakistan", "Georgia", 3])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="not iterable"):
        matcher.find_many(7)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="threads must be at least 1, or None, not 0"):
        matcher.find_many(TEXTS, threads=0)


@pytest.mark.parametrize("bad", ["\ud800", "Pakistan \udfff"])
def test_find_many_names_a_text_utf8_cannot_hold(matcher: newswire.Matcher, bad: str) -> None:
    # A lone surrogate is named by its index, as annotate_many names it.
    with pytest.raises(ValueError, match=r"texts\[1\]: .*surrogates not allowed"):
        matcher.find_many(["Pakistan", bad])
