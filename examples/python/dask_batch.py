#!/usr/bin/env python3
"""Annotate a JSON Lines corpus on a Dask cluster and write JSON Lines.

One input line is one article (``{"id": ..., "text": ...}``); one output line is written
per input line, in input order: the document's ``to_dict()`` (code-point offsets) with the
article's ``id``, or ``{"id": ..., "error": ...}`` for a line that cannot be annotated.

The matcher is built once on the client and shipped to every worker (it pickles as its
compiled snapshot, so a worker has it ready to match without building it again). Partitions of lines go to the
workers, a bounded number at a time, so memory stays flat however long the input is.

    python examples/python/dask_batch.py ../shared/data/reuters21578.jsonl out.jsonl
    python examples/python/dask_batch.py IN.jsonl OUT.jsonl --gazetteer places.jsonl --workers 4

On a real cluster, start a scheduler and workers that have ``newswire`` installed
(``dask scheduler``; ``dask worker tcp://HOST:8786``) and pass ``--scheduler
tcp://HOST:8786``: the same code runs there unchanged. On Spark, the same
``annotate_partition`` function works with ``rdd.mapPartitions`` and a broadcast matcher.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import json
import sys
from typing import Any, Iterable, Iterator, Optional

import newswire


def load_gazetteer(spec: str) -> newswire.Gazetteer:
    if spec == "default":
        return newswire.Gazetteer.default()
    if spec.endswith(".tsv"):
        return newswire.Gazetteer.from_tsv(spec)
    return newswire.Gazetteer.from_jsonl(spec)


def annotate_partition(
    matcher: newswire.Matcher, lines: list[str], text_field: str = "text", id_field: str = "id"
) -> list[str]:
    """Annotate one partition of JSON Lines; one output line per input line."""
    ids: list[object] = []
    texts: list[object] = []
    for n, line in enumerate(lines):
        try:
            record = json.loads(line)
        except ValueError as e:
            ids.append(None)
            texts.append(ValueError(f"line is not JSON: {e}"))
            continue
        if not isinstance(record, dict):
            ids.append(None)
            texts.append(ValueError("line is not a JSON object"))
            continue
        ids.append(record.get(id_field))
        texts.append(record.get(text_field))
    out = []
    # Lines that failed to parse stand in as non-str items, so annotate_many reports them
    # in place; the parse error is kept as the more useful message.
    results = matcher.annotate_many(texts, threads=1, errors="return")
    for record_id, item, result in zip(ids, texts, results):
        if isinstance(item, BaseException):
            out.append(json.dumps({"id": record_id, "error": str(item)}))
        elif isinstance(result, BaseException):
            out.append(json.dumps({"id": record_id, "error": str(result)}))
        else:
            record = {"id": record_id}
            record.update(result.to_dict())
            out.append(json.dumps(record, ensure_ascii=False))
    return out


def partitions(lines: Iterable[str], size: int) -> Iterator[list[str]]:
    it = iter(lines)
    while True:
        chunk = list(itertools.islice(it, size))
        if not chunk:
            return
        yield chunk


def read_lines(path: str, limit: Optional[int]) -> Iterator[str]:
    with open(path, encoding="utf-8") as f:
        lines = (line.rstrip("\n") for line in f)
        yield from itertools.islice(lines, limit)


def run(args: argparse.Namespace) -> int:
    from dask.distributed import Client, LocalCluster

    matcher = newswire.Matcher(load_gazetteer(args.gazetteer))
    if args.scheduler:
        cluster = None
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(
            n_workers=args.workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
        client = Client(cluster)
    written = 0
    try:
        [matcher_on_workers] = client.scatter([matcher], broadcast=True)
        in_flight: collections.deque[Any] = collections.deque()
        window = 2 * max(1, len(client.scheduler_info()["workers"]))
        with open(args.output, "w", encoding="utf-8") as out:

            def drain_one() -> None:
                nonlocal written
                lines = in_flight.popleft().result()
                for line in lines:
                    out.write(line)
                    out.write("\n")
                written += len(lines)

            for part in partitions(read_lines(args.input, args.limit), args.partition_size):
                in_flight.append(
                    client.submit(
                        annotate_partition,
                        matcher_on_workers,
                        part,
                        args.text_field,
                        args.id_field,
                        pure=False,
                    )
                )
                if len(in_flight) >= window:
                    drain_one()
            while in_flight:
                drain_one()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    print(f"wrote {written} records to {args.output}", file=sys.stderr)
    return 0


def main(argv: Optional[list[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input", help="JSON Lines, one article a line")
    p.add_argument("output", help="JSON Lines out, one record per input line")
    p.add_argument("--gazetteer", default="default", help="'default' or a .jsonl/.tsv file")
    p.add_argument("--workers", type=int, default=2, help="local worker processes")
    p.add_argument("--scheduler", help="address of an existing Dask scheduler")
    p.add_argument("--partition-size", type=int, default=500, help="lines per task")
    p.add_argument("--limit", type=int, help="read only the first N lines")
    p.add_argument("--text-field", default="text")
    p.add_argument("--id-field", default="id")
    return run(p.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
