"""Near-duplicates from Python: newswire.near_duplicates on lists of str and on Arrow tables,
and Document.duplicate_of from annotate_many(..., near_duplicates=True), on articles written
for these tests: an exact re-send, an update with a paragraph added, a one-word correction,
the same story from another agency with its own lede (below the threshold), empty bodies."""

from __future__ import annotations

import gc
import pickle
from typing import Any, Iterator

import pytest

import newswire
from conftest import MemoryGrowth

STORY = (
    "NAIROBI, Feb 9 (Reuters) - Kenya's central bank raised its benchmark lending rate by 50 "
    "basis points to 13.5 percent on Tuesday, its third increase in a row, as it fights "
    "inflation driven by higher fuel and food prices.\n\n"
    "    The monetary policy committee said the shilling's fall against the dollar had added "
    "to price pressures and that it would act again if needed.\n\n"
    "    Inflation rose to 7.9 percent in January from 6.6 percent in December, the statistics "
    "office said last week."
)
UPDATE = STORY + "\n\n    Analysts had expected the bank to hold its rate."
OTHER_AGENCY = (
    "NAIROBI (AFP) - Kenya raised interest rates again on Tuesday, lifting its key rate half a "
    "point to 13.5 percent as the bank battles price rises fuelled by costly fuel and food.\n\n"
    "The shilling's slide against the dollar was adding to inflation, the bank's policy "
    "committee said, which rose to 7.9 percent in January from 6.6 percent in December."
)
RESENT = STORY.replace("NAIROBI, Feb 9 (Reuters) -", "NAIROBI (AP) --")
CORRECTED = STORY.replace("third increase", "fourth increase")
TEXTS = [STORY, "", OTHER_AGENCY, RESENT, "   \n  ", UPDATE, CORRECTED]


def by_row(pairs: list[tuple[int, int, float, bool]]) -> dict[int, list[tuple[int, float, bool]]]:
    out: dict[int, list[tuple[int, float, bool]]] = {}
    for row, of, sim, exact in pairs:
        out.setdefault(row, []).append((of, sim, exact))
    return out


def test_near_duplicates_on_texts() -> None:
    pairs = newswire.near_duplicates(TEXTS)
    found = by_row(pairs)
    # The other agency's story, the empty bodies: nothing.
    assert set(found) == {3, 5, 6}
    assert found[3] == [(0, 1.0, True)]
    # The update: both earlier copies, equally similar, the earlier first.
    assert [f[0] for f in found[5]] == [0, 3]
    assert 0.8 <= found[5][0][1] < 1.0 and not found[5][0][2]
    # The correction: the exact copies before the update it also nearly duplicates.
    assert [f[0] for f in found[6]][:2] == [0, 3]
    assert all(0.8 <= f[1] < 1.0 and not f[2] for f in found[6])
    assert all(isinstance(p, tuple) and len(p) == 4 for p in pairs)


def test_options_and_window() -> None:
    # A window of one text: only the row just before is compared.
    pairs = newswire.near_duplicates([STORY, RESENT, "x", STORY], window=1)
    assert pairs == [(1, 0, 1.0, True)]
    # At threshold 1, only exact copies.
    pairs = newswire.near_duplicates(TEXTS, threshold=1.0)
    assert [(r, o) for r, o, _, _ in pairs] == [(3, 0)]
    # Lower than the two agencies' overlap: still apart (their wording differs).
    assert not any(r == 2 for r, *_ in newswire.near_duplicates(TEXTS, threshold=0.3))
    for bad in [dict(threshold=0.0), dict(threshold=2.0), dict(shingle_len=0), dict(window=0)]:
        with pytest.raises(ValueError, match="near_duplicates"):
            newswire.near_duplicates(TEXTS, **bad)  # type: ignore[arg-type]


def test_bad_input() -> None:
    with pytest.raises(TypeError, match="not a str"):
        newswire.near_duplicates(STORY)
    with pytest.raises(TypeError, match=r"data\[1\] must be str"):
        newswire.near_duplicates([STORY, 3])
    with pytest.raises(ValueError, match=r"data\[0\]"):
        newswire.near_duplicates(["\ud800 lone"])
    assert newswire.near_duplicates([]) == []
    assert newswire.near_duplicates(["", " ", "\n"]) == []
    # A very long article: bounded shingle sample, still found against itself.
    long = " ".join(f"word{i}" for i in range(200_000))
    assert newswire.near_duplicates([long, long]) == [(1, 0, 1.0, True)]


def test_near_duplicates_on_arrow() -> None:
    pa = pytest.importorskip("pyarrow")
    texts: list[Any] = list(TEXTS) + [None]
    table = pa.table({"id": list(range(len(texts))), "body": texts})
    out = newswire.near_duplicates(table, text="body")
    assert isinstance(out, pa.Table)
    assert out.schema.names == ["row", "duplicate_of_row", "similarity", "exact"]
    assert str(out.schema.field("row").type) == "int64"
    rows = list(zip(*(out.column(n).to_pylist() for n in out.schema.names)))
    assert rows == newswire.near_duplicates(TEXTS)
    # Record batches of a stream count rows over the whole input; large strings too.
    reader = pa.RecordBatchReader.from_batches(
        table.schema, table.to_batches(max_chunksize=2)
    )
    assert newswire.near_duplicates(reader, text="body").equals(out)
    large = pa.table({"text": pa.array(TEXTS, type=pa.large_string())})
    assert newswire.near_duplicates(large).equals(out)
    view = pa.table({"text": pa.array(TEXTS, type=pa.string_view())})
    assert newswire.near_duplicates(view).equals(out)
    # A column of nulls only (what a DataFrame of None gives): rows that never match.
    nulls = pa.table({"text": pa.nulls(3)})
    assert newswire.near_duplicates(nulls).num_rows == 0
    with pytest.raises(KeyError, match='no column "text"'):
        newswire.near_duplicates(table)
    with pytest.raises(TypeError, match="must be string"):
        newswire.near_duplicates(table, text="id")


def test_near_duplicates_checks_the_columns_of_an_empty_input() -> None:
    # The text column is checked before any batch is read: a misnamed column is an error
    # even when there are no rows, as it is for annotate_arrow.
    pa = pytest.importorskip("pyarrow")
    empty_body = pa.table({"body": pa.array([], pa.string())})
    no_batches = pa.RecordBatchReader.from_batches(empty_body.schema, [])
    for data in (empty_body, no_batches):
        with pytest.raises(KeyError, match='no column "text"'):
            newswire.near_duplicates(data)
    with pytest.raises(TypeError, match="must be string"):
        newswire.near_duplicates(pa.table({"text": pa.array([], pa.int64())}))


@pytest.mark.parametrize(
    "key, value, exc",
    [("window", -1, OverflowError), ("threshold", "high", TypeError), ("seed", 1.5, TypeError)],
)
def test_a_bad_dedup_option_value_is_named(key: str, value: object, exc: type) -> None:
    matcher = newswire.Matcher(newswire.Gazetteer.default())
    with pytest.raises(exc, match=rf"dedup_options\['{key}'\]: "):
        matcher.annotate_many(TEXTS, near_duplicates=True, dedup_options={key: value})


def test_near_duplicates_on_a_stream_runs_in_bounded_memory() -> None:
    # ~95 MB of distinct stories through a stream, ~1.6 MB a batch: the process's peak grows
    # by far less than the input (the batches are signed and let go one by one; only the
    # window's signatures are kept), as for annotate_arrow. It held the whole stream.
    pa = pytest.importorskip("pyarrow")
    base = " ".join(f"a{i}" for i in range(300)) + " "

    def batches(n: int, rows: int) -> Iterator[Any]:
        for b in range(n):
            # Every word tagged with its row: no two rows share a shingle.
            yield pa.record_batch({"text": [base.replace(" ", f"x{b * rows + r} ") for r in range(rows)]})

    schema = next(batches(1, 1)).schema
    stream = pa.RecordBatchReader.from_batches(schema, batches(60, 500))
    gc.collect()
    with MemoryGrowth() as grown:
        out = newswire.near_duplicates(stream, window=1000, threads=2)
    assert out.num_rows == 0
    assert grown.mb < 50, f"resident memory grew by {grown.mb:.0f} MB over a ~95 MB stream"


def test_near_duplicates_of_an_arrow_array_of_texts() -> None:
    # A pyarrow Array or ChunkedArray of texts is read in place as a table of one column
    # (whatever `text` names): the same pairs, as a pyarrow table, rows counted over chunks.
    pa = pytest.importorskip("pyarrow")
    want = newswire.near_duplicates(pa.table({"text": TEXTS}))
    assert want.num_rows > 0
    arrays = [
        pa.array(TEXTS),
        pa.array(TEXTS, type=pa.large_string()),
        pa.array(TEXTS, type=pa.string_view()),
        pa.chunked_array([TEXTS[:2], TEXTS[2:5], [], TEXTS[5:]]),
    ]
    for data in arrays:
        assert newswire.near_duplicates(data).equals(want), data.type
        assert newswire.near_duplicates(data, text="body").equals(want)
    # A null is a row that never matches; the rows after it keep their numbers.
    out = newswire.near_duplicates(pa.array([STORY, None, RESENT]))
    assert list(zip(*(out.column(n).to_pylist() for n in out.schema.names))) == [
        (2, 0, 1.0, True)
    ]
    assert newswire.near_duplicates(pa.nulls(3, pa.string())).num_rows == 0
    assert newswire.near_duplicates(pa.array([], pa.string())).num_rows == 0
    # An array of something else says what it holds, not that its items are not str.
    with pytest.raises(TypeError, match="must be string, large_string or string_view, not Int64"):
        newswire.near_duplicates(pa.array([1, 2]))
    with pytest.raises(TypeError, match="must be string"):
        newswire.near_duplicates(pa.chunked_array([[1.5]]))


@pytest.mark.parametrize("library", ["pandas", "polars"])
def test_near_duplicates_of_a_series_of_str(library: str) -> None:
    # A Series is an iterable of str (and exports Arrow string arrays, not a table): the
    # pairs of its list, not an error about Arrow schemas.
    lib = pytest.importorskip(library)
    pytest.importorskip("pyarrow")
    assert newswire.near_duplicates(lib.Series(TEXTS)) == newswire.near_duplicates(TEXTS)


def test_annotate_many_duplicate_of() -> None:
    matcher = newswire.Matcher(newswire.Gazetteer.default())
    docs = list(matcher.annotate_many(TEXTS, threads=2, near_duplicates=True))
    dups = [d.duplicate_of for d in docs]
    expected = by_row(newswire.near_duplicates(TEXTS))
    assert dups == [expected.get(i, []) for i in range(len(TEXTS))]
    assert docs[3].duplicate_of == [(0, 1.0, True)]
    # A pickled document keeps its near-duplicates, and they count in equality.
    again = pickle.loads(pickle.dumps(docs[3]))
    assert again.duplicate_of == [(0, 1.0, True)]
    assert again == docs[3]
    plain = next(iter(matcher.annotate_many(TEXTS[3:4])))
    assert plain.mentions == docs[3].mentions and plain != docs[3]
    assert pickle.loads(pickle.dumps(plain)).duplicate_of is None
    # Not asked for: None. Options by name; an unknown one is named.
    assert next(iter(matcher.annotate_many(TEXTS[:1]))).duplicate_of is None
    docs = list(
        matcher.annotate_many(TEXTS, near_duplicates=True, dedup_options={"threshold": 1.0})
    )
    assert [d.duplicate_of for d in docs][5] == []
    with pytest.raises(TypeError, match='unknown option "treshold"'):
        matcher.annotate_many(TEXTS, near_duplicates=True, dedup_options={"treshold": 0.9})
    # With errors="return", a bad item keeps its position.
    items: list[object] = [STORY, 5, RESENT]
    out = list(matcher.annotate_many(items, errors="return", near_duplicates=True))
    assert isinstance(out[1], TypeError)
    assert out[2].duplicate_of == [(0, 1.0, True)]
