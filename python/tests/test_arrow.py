"""Arrow in, Arrow out: find_arrow and annotate_arrow on pyarrow, Polars and DuckDB data,
their schemas, offsets that slice the input exactly, streams in input order with bounded
memory, nulls, odd string types and bad rows; to_polars."""

from __future__ import annotations

import gc
import sys
from typing import Any, Iterator

import pytest

import newswire
from conftest import ARTICLE, NON_ASCII, MemoryGrowth

pa = pytest.importorskip("pyarrow")

TEXTS = [ARTICLE, "Nothing here.", NON_ASCII, "Georgia and Pakistan.", ""]


def table(texts: list[Any], string_type: Any = None) -> Any:
    t = pa.string() if string_type is None else string_type
    ids = pa.array([f"doc-{n}" for n in range(len(texts))], type=pa.string())
    return pa.table({"id": ids, "text": pa.array(texts, type=t)})


CANDIDATE = pa.struct(
    [
        pa.field("entity_id", pa.string(), nullable=False),
        pa.field("kind", pa.string(), nullable=False),
        pa.field("name", pa.string(), nullable=False),
    ]
)

MENTIONS_SCHEMA = pa.schema(
    [
        pa.field("row", pa.int64(), nullable=False),
        pa.field("id", pa.string()),
        pa.field("start", pa.int64(), nullable=False),
        pa.field("end", pa.int64(), nullable=False),
        pa.field("text", pa.string(), nullable=False),
        pa.field("entity_id", pa.string(), nullable=False),
        pa.field("kind", pa.string(), nullable=False),
        pa.field("name", pa.string(), nullable=False),
        pa.field("candidates", pa.list_(pa.field("item", CANDIDATE, nullable=False)), nullable=False),
        pa.field("via", pa.string(), nullable=False),
        pa.field("sentence", pa.int64()),
    ]
)

ARTICLES_SCHEMA = pa.schema(
    [
        pa.field("row", pa.int64(), nullable=False),
        pa.field("id", pa.string()),
        pa.field("dateline", pa.string()),
        pa.field("dateline_locations", pa.list_(pa.field("item", pa.string(), nullable=False))),
        pa.field("dateline_year", pa.int32()),
        pa.field("dateline_month", pa.uint8()),
        pa.field("dateline_day", pa.uint8()),
        pa.field("dateline_agency", pa.string()),
        pa.field("headline", pa.string()),
        pa.field("byline", pa.string()),
        pa.field("paragraphs", pa.int32()),
        pa.field("sentences", pa.int32()),
        pa.field("mentions", pa.int32()),
        pa.field("entities", pa.int32()),
        pa.field("error", pa.string()),
    ]
)


def expected_mentions(matcher: newswire.Matcher, texts: list[Any]) -> list[dict[str, Any]]:
    """What annotate_arrow's mentions should hold, from the Document objects."""
    rows = []
    for n, text in enumerate(texts):
        if text is None:
            continue
        for m in matcher.annotate(text).mentions:
            first, *others = m.entities
            rows.append(
                {
                    "row": n,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "entity_id": first.id,
                    "kind": first.kind,
                    "name": first.name,
                    "candidates": [{"entity_id": e.id, "kind": e.kind, "name": e.name} for e in others],
                    "via": m.via,
                    "sentence": m.sentence,
                }
            )
    return rows


# --- schemas and content -------------------------------------------------------------


def test_annotate_arrow_schemas_and_rows(matcher: newswire.Matcher) -> None:
    out = matcher.annotate_arrow(table(TEXTS), id="id")
    assert isinstance(out, newswire.ArrowAnnotations)
    assert isinstance(out.mentions, pa.Table) and isinstance(out.articles, pa.Table)
    assert out.mentions.schema == MENTIONS_SCHEMA
    assert out.articles.schema == ARTICLES_SCHEMA
    got = out.mentions.drop_columns(["id"]).to_pylist()
    assert got == expected_mentions(matcher, TEXTS)
    assert out.mentions.column("id").to_pylist() == [f"doc-{r}" for r in out.mentions.column("row").to_pylist()]
    articles = out.articles.to_pylist()
    assert [a["row"] for a in articles] == list(range(len(TEXTS)))
    first = articles[0]
    doc = matcher.annotate(ARTICLE)
    assert doc.article.dateline is not None
    assert first["dateline"] == doc.article.dateline.text
    assert first["dateline_locations"] == ["ISLAMABAD"]
    assert (first["dateline_month"], first["dateline_day"], first["dateline_agency"]) == (12, 12, "APP")
    assert first["mentions"] == len(doc.mentions) and first["entities"] == len(doc.entities)
    assert first["sentences"] == len(doc.article.sentences) and first["error"] is None
    assert articles[1]["dateline"] is None and articles[1]["mentions"] == 0
    assert articles[4]["error"] is None and articles[4]["sentences"] == 0


def test_find_arrow_is_find(matcher: newswire.Matcher) -> None:
    mentions = matcher.find_arrow(table(TEXTS))
    assert isinstance(mentions, pa.Table)
    assert mentions.schema == MENTIONS_SCHEMA.remove(1)
    want = [(n, m.start, m.end, m.text, m.entity_ids) for n, t in enumerate(TEXTS) for m in matcher.find(t)]
    got = [
        (r["row"], r["start"], r["end"], r["text"], [r["entity_id"]] + [c["entity_id"] for c in r["candidates"]])
        for r in mentions.to_pylist()
    ]
    assert got == want
    assert set(mentions.column("via").to_pylist()) == {"gazetteer"}
    assert mentions.column("sentence").null_count == len(mentions)


def test_ambiguous_name_lists_the_other_candidates(matcher: newswire.Matcher) -> None:
    row = matcher.find_arrow(pa.table({"text": ["Georgia"]})).to_pylist()[0]
    assert row["entity_id"] == "state:us-ga"
    assert row["candidates"] == [{"entity_id": "country:GE", "kind": "LOC", "name": "Georgia"}]


# --- offsets -------------------------------------------------------------------------


@pytest.mark.parametrize("offsets", ["chars", "bytes"])
def test_offsets_slice_the_input_exactly(matcher: newswire.Matcher, offsets: str) -> None:
    texts = [NON_ASCII, ARTICLE, "🎉 Pakistan 🇵🇰 São Paulo"]
    for fn in (matcher.find_arrow, lambda d, **k: matcher.annotate_arrow(d, **k).mentions):
        rows = fn(table(texts), offsets=offsets).to_pylist()
        assert rows
        for r in rows:
            text = texts[r["row"]]
            if offsets == "chars":
                assert text[r["start"] : r["end"]] == r["text"]
            else:
                assert text.encode("utf-8")[r["start"] : r["end"]].decode("utf-8") == r["text"]
    with pytest.raises(ValueError, match="offsets must be 'chars' or 'bytes'"):
        matcher.find_arrow(table(texts), offsets="points")  # type: ignore[arg-type]


# --- odd string types, nulls, bad rows -----------------------------------------------


@pytest.mark.parametrize("string_type", ["string", "large_string", "string_view"])
def test_string_types_read_alike(matcher: newswire.Matcher, string_type: str) -> None:
    want = matcher.annotate_arrow(table(TEXTS), id="id")
    got = matcher.annotate_arrow(table(TEXTS, getattr(pa, string_type)()), id="id")
    assert got.mentions.equals(want.mentions) and got.articles.equals(want.articles)


def test_sliced_and_chunked_columns(matcher: newswire.Matcher) -> None:
    chunked = pa.concat_tables([table(TEXTS).slice(1, 3), table(TEXTS).slice(0, 2)])
    texts = TEXTS[1:4] + TEXTS[0:2]
    got = matcher.annotate_arrow(chunked).mentions.to_pylist()
    assert got == expected_mentions(matcher, texts)


def test_a_null_text_is_an_error_row(matcher: newswire.Matcher) -> None:
    texts = ["Pakistan", None, "Georgia"]
    out = matcher.annotate_arrow(table(texts), id="id")
    articles = out.articles.to_pylist()
    assert [a["error"] for a in articles] == [None, "text is null", None]
    assert articles[1]["id"] == "doc-1" and articles[1]["mentions"] is None
    assert out.mentions.column("row").to_pylist() == [0, 2]
    assert matcher.find_arrow(table(texts)).column("row").to_pylist() == [0, 2]


def test_a_column_of_null_type_is_all_error_rows(matcher: newswire.Matcher) -> None:
    # What pandas and Polars make of a column whose every value is None.
    data = pa.table({"text": pa.nulls(2)})
    out = matcher.annotate_arrow(data)
    assert out.articles.column("error").to_pylist() == ["text is null"] * 2
    assert out.mentions.num_rows == 0 and matcher.find_arrow(data).num_rows == 0


def test_bad_arguments(matcher: newswire.Matcher) -> None:
    with pytest.raises(KeyError, match='no column "body"'):
        matcher.annotate_arrow(table(TEXTS), text="body")
    with pytest.raises(KeyError, match='no column "key"'):
        matcher.find_arrow(table(TEXTS), id="key")
    with pytest.raises(TypeError, match="must be string, large_string or string_view, not Int64"):
        matcher.find_arrow(pa.table({"text": [1, 2]}))
    with pytest.raises(TypeError, match="must be an Arrow table, record batch or stream"):
        matcher.find_arrow(["Pakistan"])
    # A stream of arrays that are not record batches (a column alone).
    with pytest.raises(TypeError, match="must be an Arrow table.*not ChunkedArray"):
        matcher.find_arrow(pa.chunked_array([["Pakistan"]]))
    # An array alone, likewise (it was pyarrow-bridge's "Unexpected data type Utf8").
    for call in (matcher.find_arrow, matcher.annotate_arrow):
        with pytest.raises(TypeError, match="must be an Arrow table.*not StringArray"):
            call(pa.array(["Pakistan"]))
    with pytest.raises(ValueError, match="threads must be at least 1"):
        matcher.find_arrow(table(TEXTS), threads=0)


def test_invalid_utf8_in_the_text_column(matcher: newswire.Matcher) -> None:
    # Arrow does not check that a string column is UTF-8; the core needs it. Bad bytes are a
    # ValueError naming the column (they were a TypeError, as if the column's type were
    # wrong, that named nothing).
    bad = pa.array([b"Pakistan", b"\xff\xfe bad"], pa.binary()).view(pa.string())
    says = r'text column "text": .*UTF8 sequence at string index 1'
    with pytest.raises(ValueError, match=says):
        matcher.annotate_arrow(pa.table({"text": bad}))
    with pytest.raises(ValueError, match=says):
        matcher.find_arrow(pa.table({"text": bad}))
    with pytest.raises(ValueError, match='^' + says):
        newswire.near_duplicates(pa.table({"text": bad}))


def test_a_stream_whose_batches_do_not_fit_its_schema(matcher: newswire.Matcher) -> None:
    # A producer may hand over a batch whose buffers are not of the schema's types (here
    # numbers under a schema of strings; pyarrow's own reader checks only when it reads);
    # importing it made arrow-rs panic, and from a stream handed back to Python a panic
    # aborted the process. It is a ValueError wherever the stream is read.
    schema = pa.schema([("text", pa.string())])

    def reader() -> "pa.RecordBatchReader":
        good = pa.record_batch([pa.array(["Pakistan"])], schema=schema)
        bad = pa.record_batch([pa.array([1])], names=["text"])
        return pa.RecordBatchReader.from_batches(schema, iter([good, bad, good]))

    says = "reading batch 2 of an Arrow stream"
    with pytest.raises(ValueError, match=says):
        matcher.find_arrow(reader()).read_all()
    with pytest.raises(ValueError, match=says):
        newswire.near_duplicates(reader())
    out = matcher.annotate_arrow(reader())
    with pytest.raises(ValueError, match=says):
        out.mentions.read_all()


def test_record_batch_in_table_out(matcher: newswire.Matcher) -> None:
    batch = table(TEXTS).to_batches()[0]
    assert isinstance(matcher.find_arrow(batch), pa.Table)


def test_empty_input(matcher: newswire.Matcher) -> None:
    out = matcher.annotate_arrow(table([]), id="id")
    assert out.mentions.num_rows == 0 and out.articles.num_rows == 0
    assert out.mentions.schema == MENTIONS_SCHEMA and out.articles.schema == ARTICLES_SCHEMA


def test_integer_ids_keep_their_type(matcher: newswire.Matcher) -> None:
    data = pa.table({"key": pa.array([7, None, 9], pa.int32()), "text": ["Pakistan", "Georgia", "x"]})
    out = matcher.annotate_arrow(data, id="key")
    assert out.mentions.schema.field("id").type == pa.int32()
    # Pakistan in row 0 (id 7), Georgia in row 1 (a null id); nothing in row 2.
    assert out.mentions.column("id").to_pylist() == [7, None]
    assert out.articles.column("id").to_pylist() == [7, None, 9]


def test_threads_give_the_same_tables(matcher: newswire.Matcher) -> None:
    data = table(TEXTS * 200)
    one = matcher.annotate_arrow(data, id="id", threads=1)
    two = matcher.annotate_arrow(data, id="id", threads=2)
    assert one.mentions.equals(two.mentions) and one.articles.equals(two.articles)
    assert one.articles.column("row").to_pylist() == list(range(len(TEXTS) * 200))


# --- Polars and DuckDB go in as they are ---------------------------------------------


def test_polars_dataframe_goes_in_without_conversion(matcher: newswire.Matcher) -> None:
    pl = pytest.importorskip("polars")
    df = pl.DataFrame({"id": [f"doc-{n}" for n in range(len(TEXTS))], "text": TEXTS})
    # Polars exports its strings as string_view: read in place, no copy into pyarrow first.
    assert pa.table(df).schema.field("text").type == pa.string_view()
    out = matcher.annotate_arrow(df, id="id")
    want = matcher.annotate_arrow(table(TEXTS), id="id")
    assert out.mentions.cast(want.mentions.schema).equals(want.mentions)
    assert pl.from_arrow(out.mentions).height == want.mentions.num_rows


def test_polars_columns_of_none(matcher: newswire.Matcher) -> None:
    # Polars makes a column of None Arrow's null type and exports it with one buffer where
    # the C data interface has none; such a column, read or not, must not stop the input.
    pl = pytest.importorskip("polars")
    nulls = pl.DataFrame({"text": [None, None]})
    out = matcher.annotate_arrow(nulls)
    assert out.articles.column("error").to_pylist() == ["text is null"] * 2
    assert out.mentions.num_rows == 0
    beside = pl.DataFrame({"id": [1, 2], "note": [None, None], "text": ["Pakistan", None]})
    assert matcher.find_arrow(beside).column("text").to_pylist() == ["Pakistan"]
    nested = pl.DataFrame({"notes": [[None], []], "text": ["Georgia", "x"]})
    assert matcher.find_arrow(nested).column("text").to_pylist() == ["Georgia"]
    # One column read as both the text and the id (Polars refuses to select it twice).
    same = matcher.find_arrow(pl.DataFrame({"text": ["Pakistan"]}), id="text")
    assert same.column("id").to_pylist() == ["Pakistan"]
    assert newswire.near_duplicates(nulls).num_rows == 0


def test_duckdb_result_goes_in_without_conversion(matcher: newswire.Matcher) -> None:
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    con.execute("CREATE TABLE docs (id INTEGER, text VARCHAR)")
    con.executemany("INSERT INTO docs VALUES (?, ?)", list(enumerate(TEXTS)))
    rel = con.sql("SELECT * FROM docs ORDER BY id")
    out = matcher.annotate_arrow(rel, id="id")
    texts = TEXTS
    assert out.articles.num_rows == len(texts)
    assert out.mentions.schema.field("id").type == pa.int32()
    assert out.mentions.drop_columns(["id"]).to_pylist() == expected_mentions(matcher, texts)
    # A DuckDB record batch reader is a stream: readers out.
    reader = con.sql("SELECT * FROM docs ORDER BY id").arrow()
    if isinstance(reader, pa.RecordBatchReader):
        mentions = matcher.find_arrow(reader)
        assert isinstance(mentions, pa.RecordBatchReader)
        assert mentions.read_all().num_rows == matcher.find_arrow(table(texts)).num_rows


# --- streams -------------------------------------------------------------------------


def batches(n: int, rows: int) -> Iterator[Any]:
    for b in range(n):
        texts = [f"Batch {b} row {r}: Pakistan and Georgia met in Islamabad. " * 20 for r in range(rows)]
        yield pa.record_batch({"id": [f"{b}-{r}" for r in range(rows)], "text": texts})


def stream(n: int, rows: int) -> Any:
    schema = next(batches(1, 1)).schema
    return pa.RecordBatchReader.from_batches(schema, batches(n, rows))


def test_a_stream_keeps_input_order(matcher: newswire.Matcher) -> None:
    out = matcher.annotate_arrow(stream(40, 50), id="id", threads=2)
    assert isinstance(out.mentions, pa.RecordBatchReader)
    assert isinstance(out.articles, pa.RecordBatchReader)
    rows = []
    mention_rows = []
    for m, a in zip(out.mentions, out.articles):
        rows += a.column("row").to_pylist()
        ids = a.column("id").to_pylist()
        assert ids == [f"{r // 50}-{r % 50}" for r in a.column("row").to_pylist()]
        mention_rows += m.column("row").to_pylist()
    assert rows == list(range(40 * 50))
    assert mention_rows == sorted(mention_rows) and len(set(mention_rows)) == 40 * 50


def test_a_stream_in_gives_readers_out_for_find(matcher: newswire.Matcher) -> None:
    mentions = matcher.find_arrow(stream(3, 10))
    assert isinstance(mentions, pa.RecordBatchReader)
    assert mentions.schema == MENTIONS_SCHEMA.remove(1)
    assert mentions.read_all().column("row").to_pylist()[-1] == 29


def test_a_stream_runs_in_bounded_memory(matcher: newswire.Matcher) -> None:
    # ~120 MB of text through the stream, a batch of ~1 MB at a time: it holds a few
    # batches, never the whole stream. So memory levels off: the second half of the stream
    # adds little to what the first half reached (holding the stream, it would add its
    # ~60 MB of text and their mentions). How high the level is depends on how much freed
    # memory pyarrow's allocator keeps (~125 MB in a fresh process, less after other
    # tests), not on the stream.
    n, rows = 120, 1000
    gc.collect()
    total = 0
    with MemoryGrowth() as grown:
        for i, m in enumerate(matcher.find_arrow(stream(n, rows), threads=2)):
            total += m.num_rows
            if i == n // 2:
                half = grown.mb
    assert total == n * rows * 20 * 3
    said = f"resident memory grew by {half:.0f} MB over half of a ~120 MB stream, {grown.mb:.0f} MB over all"
    assert grown.mb - half < 30, said


def test_an_error_in_the_stream_is_raised_after_the_batches_before_it(matcher: newswire.Matcher) -> None:
    def broken() -> Iterator[Any]:
        yield from batches(2, 5)
        raise KeyError("input broke")

    schema = next(batches(1, 1)).schema
    mentions = matcher.find_arrow(pa.RecordBatchReader.from_batches(schema, broken()))
    assert mentions.read_next_batch().num_rows > 0
    assert mentions.read_next_batch().num_rows > 0
    with pytest.raises(Exception, match="input broke"):
        mentions.read_next_batch()


# --- to_pandas / to_polars -----------------------------------------------------------


def test_to_polars_matches_to_pandas(matcher: newswire.Matcher) -> None:
    pl = pytest.importorskip("polars")
    docs = [matcher.annotate(t) for t in TEXTS]
    pd_frame = newswire.to_pandas(docs, ids=list("abcde"))
    pl_frame = newswire.to_polars(docs, ids=list("abcde"))
    assert pl_frame.columns == list(newswire.MENTION_COLUMNS)
    assert pl_frame.schema["sentence"] == pl.Int64
    import pandas as pd

    want = [
        {k: (None if k == "sentence" and pd.isna(v) else v) for k, v in row.items()}
        for row in pd_frame.to_dict("records")
    ]
    assert pl_frame.to_dicts() == want


def test_without_pyarrow(monkeypatch: pytest.MonkeyPatch, matcher: newswire.Matcher) -> None:
    pytest.importorskip("pandas")
    pytest.importorskip("polars")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ImportError, match=r"pip install 'newswire\[arrow\]'"):
        matcher.find_arrow(table(TEXTS))
    with pytest.raises(ImportError, match=r"Matcher.annotate_arrow .*pip install 'newswire\[arrow\]'"):
        matcher.annotate_arrow(table(TEXTS))
    docs = [matcher.annotate("Pakistan")]
    for fn in (newswire.to_pandas, newswire.to_polars):
        with pytest.raises(ImportError, match=r"pyarrow is not installed: pip install 'newswire\[arrow\]'"):
            fn(docs)


def test_to_polars_without_polars(monkeypatch: pytest.MonkeyPatch, matcher: newswire.Matcher) -> None:
    # polars is an optional extra, like pyarrow and duckdb: a clear ImportError without it.
    monkeypatch.setitem(sys.modules, "polars", None)
    with pytest.raises(ImportError, match=r"to_polars needs polars.*pip install 'newswire\[polars\]'"):
        newswire.to_polars([matcher.annotate("Pakistan")])
