"""Code-point offsets on any text: every span slices to its text and agrees with the
Rust byte spans."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newswire
from newswire import _native
from conftest import NON_ASCII, RECORDS


def byte_offset(text: str, char_offset: int) -> int:
    return len(text[:char_offset].encode("utf-8"))


def check_mentions(matcher: newswire.Matcher, text: str) -> list[newswire.Mention]:
    found = matcher.find(text)
    raw = _native._find_byte_spans(matcher, text)
    assert len(found) == len(raw)
    data = text.encode("utf-8")
    for m, (bs, be) in zip(found, raw):
        assert text[m.start : m.end] == m.text
        assert (byte_offset(text, m.start), byte_offset(text, m.end)) == (bs, be)
        assert data[bs:be].decode("utf-8") == m.text
    return found


def article_spans(a: newswire.Article) -> list[newswire.Span]:
    """Every span the Python objects of an article expose."""
    spans: list[object] = [a.body, a.headline, a.byline, *a.paragraphs, *a.sentences]
    if a.dateline is not None:
        d = a.dateline
        spans += [d, *d.locations, d.date_span, d.agency, d.separator]
    spans += a.trailers + a.quotes + [q.speaker for q in a.quotes] + a.dates
    spans += [x for acr in a.acronyms for x in (acr.short, acr.long)]
    return [s for s in spans if s is not None]  # type: ignore[misc]


def check_article(text: str) -> newswire.Article:
    a = newswire.parse(text)
    for s in article_spans(a):
        assert text[s.start : s.end] == s.text, s
    data = text.encode("utf-8")
    for label, bs, be, cs, ce in a._spans():
        assert (byte_offset(text, cs), byte_offset(text, ce)) == (bs, be), label
        assert data[bs:be].decode("utf-8") == text[cs:ce], label
    return a


def check_document(matcher: newswire.Matcher, text: str) -> None:
    doc = matcher.annotate(text)
    for m in doc.mentions:
        assert text[m.start : m.end] == m.text
    for s in doc.entities:
        assert text[s.first.start : s.first.end] == s.first.text
    for m in doc.to_dict()["mentions"]:
        assert text[m["start"] : m["end"]] == m["text"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("🎉 Pakistan 🎉", [(2, 10, "Pakistan")]),
        ("🇵🇰🇵🇰 Pakistan", [(5, 13, "Pakistan")]),
        ("کراچی میں Pakistan", [(0, 5, "کراچی"), (10, 18, "Pakistan")]),
        ("北京 和 Beijing", [(5, 12, "Beijing")]),
        ("Sa\u0303o Paulo", [(0, 10, "Sa\u0303o Paulo")]),
        ("S\u00e3o Paulo", [(0, 9, "S\u00e3o Paulo")]),
        ("e\u0301e\u0301 Georgia", [(5, 12, "Georgia")]),
        ("👩‍👩‍👧 OIC", [(6, 9, "OIC")]),
    ],
)
def test_non_ascii_offsets(matcher: newswire.Matcher, text: str, expected: list[tuple[int, int, str]]) -> None:
    found = check_mentions(matcher, text)
    assert [(m.start, m.end, m.text) for m in found] == expected
    check_article(text)
    check_document(matcher, text)


def test_mixed_scripts_article(matcher: newswire.Matcher) -> None:
    found = check_mentions(matcher, NON_ASCII)
    assert {m.text for m in found} >= {"Pakistan", "Karachi", "کراچی", "Beijing", "OIC"}
    a = check_article(NON_ASCII)
    assert len(a.paragraphs) == 2
    check_document(matcher, NON_ASCII)


NAMES = [r["name"] for r in RECORDS] + ["OIC", "Islamic Republic of Pakistan", "کراچی"]
NOISE = [
    "🎉", "🇵🇰", "👩‍👩‍👧", "e\u0301", "\u0303", "北京", "上海的", "میں", "وزیر", "،", "۔", "ß", "İ", "ﬁ",
    "\u00a0", "\u200d", "\t", "\n", "\n\n", "  ", ".", "!", "?", "—", "(", ")", "\"", "’s", "Mr.", "Dec 12",
    "ISLAMABAD, Dec 12 (APP):", "Reuter", "said", "the",
]


@st.composite
def mixed_texts(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    """Text from names and noise, with the spans of the names set off by spaces."""
    pieces = draw(
        st.lists(
            st.one_of(
                st.tuples(st.just(True), st.sampled_from(NAMES)),
                st.tuples(st.just(False), st.sampled_from(NOISE)),
                st.tuples(st.just(False), st.text(max_size=6)),
            ),
            max_size=30,
        )
    )
    text, expected = "", []
    for is_name, piece in pieces:
        if is_name:
            text += " "
            expected.append((len(text), len(text) + len(piece)))
            text += piece + " "
        else:
            text += piece
    return text, expected


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mixed_texts())
def test_property_mentions_slice_and_agree_with_bytes(
    matcher: newswire.Matcher, case: tuple[str, list[tuple[int, int]]]
) -> None:
    text, _ = case
    check_mentions(matcher, text)
    check_document(matcher, text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_property_any_text_article_spans(text: str) -> None:
    check_article(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mixed_texts())
def test_property_article_spans_on_mixed_text(matcher: newswire.Matcher, case: tuple[str, list[tuple[int, int]]]) -> None:
    check_article(case[0])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mixed_texts())
def test_property_names_set_off_by_spaces_are_found(
    matcher: newswire.Matcher, case: tuple[str, list[tuple[int, int]]]
) -> None:
    text, expected = case
    spans = {(m.start, m.end) for m in newswire.Matcher(matcher.gazetteer, overlaps="all").find(text)}
    for start, end in expected:
        # A name may merge with a neighbouring name into a longer alias; it is still found
        # under overlaps="all".
        assert (start, end) in spans, (text, text[start:end])
