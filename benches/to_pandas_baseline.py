"""The ``newswire.to_pandas`` of before the Arrow path (issue 14), kept as the baseline of
benches/python_arrow.py: a DataFrame built in Python from Document and Mention objects."""

from __future__ import annotations

from typing import Any, Iterable, Optional, Union

from newswire import Document

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


def to_pandas_baseline(
    documents: Union[Document, Iterable[Union[Document, BaseException]]],
    ids: Optional[Iterable[object]] = None,
) -> Any:
    """The mentions of ``documents`` as a pandas DataFrame, one row per mention and
    candidate entity.

    Columns: ``doc`` (the document's position in ``documents``, or its label from
    ``ids``), ``mention`` (the mention's position in its document), ``start``, ``end``
    (code points), ``text``, ``entity_id``, ``kind``, ``name``, ``candidates`` (how many
    entities the mention may name: more than one for an ambiguous name), ``via`` and
    ``sentence``. Error objects from ``annotate_many(..., errors="return")`` are skipped;
    they keep their position, so ``doc`` numbers still match the input.
    """
    try:
        import pandas as pd
    except ImportError as missing:
        raise ImportError(
            "newswire.to_pandas needs pandas, which is not installed: pip install pandas"
        ) from missing
    if isinstance(documents, Document):
        documents = [documents]
    labels = iter(ids) if ids is not None else None
    cols: dict[str, list[object]] = {name: [] for name in MENTION_COLUMNS}
    for position, doc in enumerate(documents):
        label = next(labels) if labels is not None else position
        if isinstance(doc, BaseException):
            continue
        if not isinstance(doc, Document):
            raise TypeError(
                f"to_pandas expects Documents, got {type(doc).__name__} at position {position}"
            )
        for n, m in enumerate(doc.mentions):
            entities = m.entities
            for entity in entities:
                cols["doc"].append(label)
                cols["mention"].append(n)
                cols["start"].append(m.start)
                cols["end"].append(m.end)
                cols["text"].append(m.text)
                cols["entity_id"].append(entity.id)
                cols["kind"].append(entity.kind)
                cols["name"].append(entity.name)
                cols["candidates"].append(len(entities))
                cols["via"].append(m.via)
                cols["sentence"].append(m.sentence)
    frame = pd.DataFrame(cols, columns=list(MENTION_COLUMNS))
    for name in ("mention", "start", "end", "candidates"):
        frame[name] = frame[name].astype("int64")
    frame["sentence"] = frame["sentence"].astype("Int64")
    return frame
