#!/usr/bin/env python3
"""Annotate a JSON Lines or Parquet corpus on Spark with ``DataFrame.mapInArrow`` and write
the mentions as Parquet.

One input row is one article (columns ``id`` and ``text``; ``--id-field`` and
``--text-field`` change the names). One output row is one mention: the article's ``id``,
``start``, ``end`` (code points), ``text``, ``entity_id``, ``kind``, ``name``, the other
``candidates``, ``via`` and ``sentence`` (the schema of ``Matcher.annotate_arrow``'s
mentions, less its ``row``). With ``--articles``, a second pass writes one row per input
row too (dateline, headline, counts, and the error of a bad row, such as a null text).

The matcher is compiled once, on the driver, and saved as a snapshot (``Matcher.save``);
``SparkContext.addFile`` ships that file once to each executor, where every Python worker
loads it with ``Matcher.load``: memory-mapped, nothing rebuilt, one copy in memory per
machine however many workers share it. (``--snapshot FILE`` ships an existing snapshot,
made by ``newswire compile`` or ``Matcher.save``, instead.) Each partition's Arrow record
batches go to ``Matcher.annotate_arrow`` as a stream, read in place, and come back as Arrow
record batches, in order, a batch at a time: no Python object per article or mention.

    python examples/python/spark_batch.py IN.jsonl OUT_DIR --gazetteer places.jsonl
    python examples/python/spark_batch.py IN.parquet OUT_DIR --snapshot places.nwsnap --articles

Locally it runs Spark in local mode (``--master local[2]``). On a real cluster, install
``newswire[arrow]`` on every node (or ship it with ``--py-files``/a packed environment), and
submit the same script: ``spark-submit --master yarn examples/python/spark_batch.py
hdfs:///corpus/*.parquet hdfs:///out --snapshot /local/path/places.nwsnap``. Give each task
one core (``spark.task.cpus=1``, the default): newswire then annotates on one thread per
task and Spark runs as many tasks at once as it has cores.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from typing import Any, Iterator, Optional

import newswire

MENTION_SCHEMA = (
    "id {id_type}, start long, end long, text string, entity_id string, kind string, name string, "
    "candidates array<struct<entity_id: string, kind: string, name: string>>, via string, sentence long"
)
ARTICLE_SCHEMA = (
    "id {id_type}, dateline string, dateline_locations array<string>, dateline_year int, "
    "dateline_month tinyint, dateline_day tinyint, dateline_agency string, headline string, byline string, "
    "paragraphs int, sentences int, mentions int, entities int, error string"
)

# The matcher of this Python worker, loaded once from the shipped snapshot and kept while
# Spark reuses the worker for further tasks (spark.python.worker.reuse, on by default).
_MATCHERS: dict[str, newswire.Matcher] = {}


def executor_matcher(snapshot_name: str) -> newswire.Matcher:
    matcher = _MATCHERS.get(snapshot_name)
    if matcher is None:
        from pyspark import SparkFiles

        matcher = newswire.Matcher.load(SparkFiles.get(snapshot_name))
        _MATCHERS[snapshot_name] = matcher
    return matcher


def annotate_batches(
    batches: Iterator[Any], snapshot_name: str, text_field: str, id_field: str, side: str
) -> Iterator[Any]:
    """mapInArrow's function: a partition's record batches in, its mentions (or articles)
    out, batch by batch."""
    import pyarrow as pa

    matcher = executor_matcher(snapshot_name)
    first = next(batches, None)
    if first is None:
        return
    reader = pa.RecordBatchReader.from_batches(first.schema, _chain(first, batches))
    # One thread: Spark already runs one task per core.
    out = matcher.annotate_arrow(reader, text=text_field, id=id_field, threads=1)
    # Both readers come from one input; the side not written is read along and dropped.
    for mentions, articles in zip(out.mentions, out.articles):
        batch = mentions if side == "mentions" else articles
        yield spark_types(batch.select([name for name in batch.schema.names if name != "row"]))


def spark_types(batch: Any) -> Any:
    """The batch with its unsigned columns (the dateline's month and day, uint8) as the
    signed type the declared schema says (tinyint): Spark has no unsigned types and does not
    read them."""
    import pyarrow as pa

    if not any(pa.types.is_uint8(t) for t in batch.schema.types):
        return batch
    columns = [c.cast(pa.int8()) if pa.types.is_uint8(c.type) else c for c in batch.columns]
    return pa.RecordBatch.from_arrays(columns, names=batch.schema.names)


def _chain(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    yield first
    yield from rest


def read_corpus(spark: Any, path: str) -> Any:
    if path.endswith(".parquet") or os.path.isdir(path):
        return spark.read.parquet(path)
    return spark.read.json(path)


def spark_type(df: Any, column: str) -> str:
    return str(df.schema[column].dataType.simpleString())


def run(args: argparse.Namespace) -> int:
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.master(args.master).appName("newswire").config("spark.ui.enabled", "false")
    if args.partitions:
        # Spark refuses a shuffle partition count of 0: set only when asked for.
        builder = builder.config("spark.sql.shuffle.partitions", str(args.partitions))
    spark = builder.getOrCreate()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            snapshot = args.snapshot
            if snapshot is None:
                snapshot = os.path.join(tmp, "matcher.nwsnap")
                newswire.Matcher(load_gazetteer(args.gazetteer)).save(snapshot)
            spark.sparkContext.addFile(snapshot)
            name = os.path.basename(snapshot)
            df = read_corpus(spark, args.input)
            if args.partitions:
                df = df.repartition(args.partitions)
            df = df.select(args.id_field, args.text_field)
            id_type = spark_type(df, args.id_field)
            sides = ["mentions", "articles"] if args.articles else ["mentions"]
            for side in sides:
                schema = (MENTION_SCHEMA if side == "mentions" else ARTICLE_SCHEMA).format(id_type=id_type)
                fields = (args.text_field, args.id_field, side)

                def annotate(batches: Iterator[Any], fields: tuple[str, str, str] = fields) -> Iterator[Any]:
                    return annotate_batches(batches, name, *fields)

                out = df.mapInArrow(annotate, schema)
                out.write.mode("overwrite").parquet(os.path.join(args.output, side))
        print(f"wrote {', '.join(sides)} to {args.output}", file=sys.stderr)
    finally:
        spark.stop()
    return 0


def load_gazetteer(spec: str) -> newswire.Gazetteer:
    if spec == "default":
        return newswire.Gazetteer.default()
    if spec.endswith(".tsv"):
        return newswire.Gazetteer.from_tsv(spec)
    return newswire.Gazetteer.from_jsonl(spec)


def main(argv: Optional[list[str]] = None) -> int:
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    p.add_argument("input", help="JSON Lines (one article a line) or Parquet")
    p.add_argument("output", help="folder for the Parquet output (OUT/mentions, OUT/articles)")
    p.add_argument("--gazetteer", default="default", help="'default' or a .jsonl/.tsv file")
    p.add_argument("--snapshot", help="ship this snapshot (newswire compile) instead of building one")
    p.add_argument("--master", default="local[2]", help="Spark master (local[2]: two cores here)")
    p.add_argument("--partitions", type=int, default=0, help="repartition the input into N partitions")
    p.add_argument("--articles", action="store_true", help="also write one row per input row (a second pass)")
    p.add_argument("--text-field", default="text")
    p.add_argument("--id-field", default="id")
    return run(p.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
