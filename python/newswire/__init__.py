"""Parse plain-text news wire copy and find the entities of a gazetteer in it.

Every offset is a code-point offset into the text, so ``text[x.start:x.end] == x.text``
for every span and mention. The heavy work runs in Rust with the GIL released; every
object pickles, so matchers can be shipped to worker processes and results sent back.

>>> import newswire
>>> matcher = newswire.Matcher(newswire.Gazetteer.default())
>>> doc = matcher.annotate("ISLAMABAD, Dec 12 (APP): Pakistan and the OIC ...")
"""

from __future__ import annotations

import collections.abc
from typing import TYPE_CHECKING, Any, Iterable, Optional, Union

from . import _native
from ._native import (
    ArrowAnnotations,
    Acronym,
    Article,
    DateExpr,
    Dateline,
    Document,
    DocumentIterator,
    Entity,
    EntitySummary,
    Gazetteer,
    Matcher,
    Mention,
    Mentions,
    PartialDate,
    Quote,
    Span,
    Trailer,
    __version__,
    near_duplicates,
    parse,
)

# `Matcher.find`'s result is a read-only sequence: so say the abcs.
collections.abc.Sequence.register(Mentions)

if TYPE_CHECKING:
    import pandas
    import polars

__all__ = [
    "Acronym",
    "ArrowAnnotations",
    "Article",
    "DateExpr",
    "Dateline",
    "Document",
    "DocumentIterator",
    "Entity",
    "EntitySummary",
    "Gazetteer",
    "Matcher",
    "Mention",
    "Mentions",
    "PartialDate",
    "Quote",
    "Span",
    "Trailer",
    "__version__",
    "near_duplicates",
    "parse",
    "to_pandas",
    "to_polars",
]

MENTION_COLUMNS = (
    "doc",
    "mention",
    "start",
    "end",
    "text",
    "entity_id",
    "kind",
    "name",
    "candidates",
    "via",
    "sentence",
)


def _labelled(
    documents: Union[Document, Iterable[Union[Document, BaseException]]],
    ids: Iterable[object],
) -> tuple[list[Union[Document, BaseException]], list[object]]:
    """The documents and their labels from ``ids``, one each: a ``ValueError`` when the
    counts differ (a label short would name no document, or a document another's label)."""
    docs: list[Union[Document, BaseException]] = (
        [documents] if isinstance(documents, Document) else list(documents)
    )
    labels = list(ids)
    if len(labels) != len(docs):
        raise ValueError(f"ids: {len(labels)} labels for {len(docs)} documents")
    return docs, labels


def _mention_frame_table(
    documents: Union[Document, Iterable[Union[Document, BaseException]]],
    caller: str,
) -> Any:
    """The rows of ``to_pandas`` and ``to_polars`` as a pyarrow table (``doc`` still the
    position): made from the mentions table that Rust builds from the documents, with one
    row per mention and candidate entity."""
    try:
        import numpy as np
        import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]
    except ImportError as missing:
        raise ImportError(
            f"newswire.{caller} builds its frame from pyarrow tables, and pyarrow is not installed: "
            f"pip install 'newswire[arrow]'"
        ) from missing

    if isinstance(documents, Document):
        documents = [documents]
    table = _native._mention_table(documents, caller)
    rows = table.column("row").to_numpy()
    index = np.arange(len(rows), dtype=np.int64)
    candidates = table.column("candidates").combine_chunks()
    others = candidates.value_lengths().to_numpy(zero_copy_only=False).astype(np.int64)
    out = pa.table(
        {
            "doc": rows,
            # Each mention's position in its document (rows come in input order).
            "mention": index - np.searchsorted(rows, rows, side="left"),
            "start": table.column("start"),
            "end": table.column("end"),
            "text": table.column("text"),
            "entity_id": table.column("entity_id"),
            "kind": table.column("kind"),
            "name": table.column("name"),
            "candidates": others + 1,
            "via": table.column("via"),
            "sentence": table.column("sentence"),
        }
    )
    if others.any():
        # An ambiguous name's mention gets a row per candidate, the first candidate's first.
        parent = np.repeat(index, others)
        extra = out.take(parent)
        flat = candidates.flatten()
        for name in ("entity_id", "kind", "name"):
            extra = extra.set_column(extra.schema.get_field_index(name), name, flat.field(name))
        order = np.argsort(np.concatenate([index, parent]), kind="stable")
        out = pa.concat_tables([out, extra]).take(order)
    return out


def to_pandas(
    documents: Union[Document, Iterable[Union[Document, BaseException]]],
    ids: Optional[Iterable[object]] = None,
) -> pandas.DataFrame:
    """The mentions of ``documents`` as a pandas DataFrame, one row per mention and
    candidate entity.

    Columns: ``doc`` (the document's position in ``documents``, or its label from
    ``ids``, one label per document), ``mention`` (the mention's position in its
    document), ``start``, ``end``
    (code points), ``text``, ``entity_id``, ``kind``, ``name``, ``candidates`` (how many
    entities the mention may name: more than one for an ambiguous name), ``via`` and
    ``sentence``. Error objects from ``annotate_many(..., errors="return")`` are skipped;
    they keep their position, so ``doc`` numbers still match the input.

    Built from the Arrow table of mentions that Rust makes from the documents (it needs
    pyarrow: ``pip install 'newswire[arrow,pandas]'``). For many texts, skip the Document
    objects: ``matcher.annotate_arrow(table).mentions.to_pandas()``.
    """
    try:
        import pandas as pd
    except ImportError as missing:
        raise ImportError(
            "newswire.to_pandas needs pandas, which is not installed: pip install pandas"
        ) from missing
    labels = None
    if ids is not None:
        documents, labels = _labelled(documents, ids)
    frame: pd.DataFrame = _mention_frame_table(documents, "to_pandas").to_pandas()
    if labels is not None:
        frame["doc"] = [labels[n] for n in frame["doc"]]
    frame["sentence"] = frame["sentence"].astype("Int64")
    return frame


def to_polars(
    documents: Union[Document, Iterable[Union[Document, BaseException]]],
    ids: Optional[Iterable[object]] = None,
) -> polars.DataFrame:
    """The mentions of ``documents`` as a Polars DataFrame: the columns and rows of
    ``to_pandas`` (``sentence`` a nullable integer). Needs polars and pyarrow: ``pip install
    'newswire[arrow,polars]'``."""
    try:
        import polars as pl
    except ImportError as missing:
        raise ImportError(
            "newswire.to_polars needs polars, which is not installed: pip install 'newswire[polars]'"
        ) from missing
    labels = None
    if ids is not None:
        documents, labels = _labelled(documents, ids)
    frame = pl.from_arrow(_mention_frame_table(documents, "to_polars"))
    assert isinstance(frame, pl.DataFrame)
    if labels is not None:
        frame = frame.with_columns(pl.Series("doc", [labels[n] for n in frame["doc"]], strict=False))
    return frame.select(list(MENTION_COLUMNS))
