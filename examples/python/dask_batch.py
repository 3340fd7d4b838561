#!/usr/bin/env python3
"""Annotate a JSON Lines corpus on a Dask cluster with ``dask.dataframe.map_partitions`` on
the Arrow path, and write Parquet.

One input line is one article (``{"id": ..., "text": ...}``). Output: ``OUT/mentions``, one
row per mention (the article's ``id``, ``start``, ``end`` in code points, ``text``,
``entity_id``, ``kind``, ``name``, ``via``, ``sentence``, and ``candidates``, how many
entities the name may be), and with ``--articles`` ``OUT/articles``, one row per input line
(dateline, headline, counts, and the error of a bad line: one that is not JSON, or has no
text). Each partition goes to ``Matcher.annotate_arrow`` as one Arrow table (the text read in
place, the GIL released for the whole partition) and comes back as a DataFrame: no Python
object per article or mention.

The matcher is built once on the client and shipped to every worker (it pickles as its
compiled snapshot: a worker has it ready to match without building it again).

    python examples/python/dask_batch.py ../shared/data/reuters21578.jsonl OUT
    python examples/python/dask_batch.py IN.jsonl OUT --gazetteer places.jsonl --workers 4 --articles

On a real cluster, start a scheduler and workers that have ``newswire[arrow]`` installed
(``dask scheduler``; ``dask worker tcp://HOST:8786 --nthreads 1``), put the input where
every worker reads it (a shared file system or object store: ``s3://...`` with s3fs), and
pass ``--scheduler tcp://HOST:8786``: the same code runs there unchanged.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, Optional

import newswire


def load_gazetteer(spec: str) -> newswire.Gazetteer:
    if spec == "default":
        return newswire.Gazetteer.default()
    if spec.endswith(".tsv"):
        return newswire.Gazetteer.from_tsv(spec)
    return newswire.Gazetteer.from_jsonl(spec)


def parse_line(line: str, text_field: str, id_field: str) -> dict[str, Any]:
    """One line as a row: a line that is not a JSON object, or has no str text, gets a null
    text (an error row in the articles)."""
    try:
        record = json.loads(line)
    except ValueError:
        return {"id": None, "text": None}
    if not isinstance(record, dict):
        return {"id": None, "text": None}
    text = record.get(text_field)
    ident = record.get(id_field)
    return {"id": None if ident is None else str(ident), "text": text if isinstance(text, str) else None}


def partition_table(frame: Any, matcher: newswire.Matcher, side: str) -> Any:
    """A partition of ``id``, ``text`` rows in; its mentions (or articles) out, as a pyarrow
    table."""
    import pyarrow as pa
    import pyarrow.compute as pc

    # Typed, so that a partition of only bad lines (every text None) still reads as strings.
    schema = pa.schema([("id", pa.string()), ("text", pa.string())])
    data = pa.Table.from_pandas(frame[["id", "text"]], schema=schema, preserve_index=False)
    # One thread per partition: Dask runs a partition per worker thread.
    out = matcher.annotate_arrow(data, id="id", threads=1)
    table = out.mentions if side == "mentions" else out.articles
    if side == "mentions":
        others = table.column("candidates").combine_chunks().value_lengths()
        table = table.set_column(table.schema.get_field_index("candidates"), "candidates", pc.add(others, 1))
    return table.drop_columns(["row"])


def annotate_partition(frame: Any, matcher: newswire.Matcher, side: str) -> Any:
    """``partition_table`` as the pandas DataFrame that ``map_partitions`` wants."""
    return partition_table(frame, matcher, side).to_pandas()


def run(args: argparse.Namespace) -> int:
    import dask.bag as db
    import pandas as pd
    from dask.distributed import Client, LocalCluster

    matcher = newswire.Matcher(load_gazetteer(args.gazetteer))
    if args.scheduler:
        cluster = None
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        [shipped] = client.scatter([matcher], broadcast=True)
        lines = db.read_text(args.input, blocksize=args.blocksize, linedelimiter="\n")
        rows = lines.map(parse_line, args.text_field, args.id_field)
        frame = rows.to_dataframe(meta={"id": "object", "text": "object"})
        sides = ["mentions", "articles"] if args.articles else ["mentions"]
        for side in sides:
            # The output's columns and types, from an empty partition run through the same code;
            # Parquet gets the Arrow schema too (pandas' object columns say nothing of lists).
            empty = pd.DataFrame({"id": [], "text": []}, dtype=object)
            schema = partition_table(empty, matcher, side).schema
            meta = schema.empty_table().to_pandas()
            out = frame.map_partitions(annotate_partition, shipped, side, meta=meta)
            out.to_parquet(f"{args.output}/{side}", write_index=False, schema=schema)
        total = frame.shape[0].compute()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    print(f"annotated {total} lines into {args.output}", file=sys.stderr)
    return 0


def main(argv: Optional[list[str]] = None) -> int:
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    p.add_argument("input", help="JSON Lines, one article a line")
    p.add_argument("output", help="folder for the Parquet output (OUT/mentions, OUT/articles)")
    p.add_argument("--gazetteer", default="default", help="'default' or a .jsonl/.tsv file")
    p.add_argument("--workers", type=int, default=2, help="local worker processes")
    p.add_argument("--scheduler", help="address of an existing Dask scheduler")
    p.add_argument("--blocksize", default="16MB", help="bytes of input per partition")
    p.add_argument("--articles", action="store_true", help="also write one row per line (a second pass)")
    p.add_argument("--text-field", default="text")
    p.add_argument("--id-field", default="id")
    return run(p.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
