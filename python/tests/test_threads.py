"""One matcher shared by several Python threads gives the same results as one thread."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import newswire
from conftest import ARTICLE, NON_ASCII


def corpus() -> list[str]:
    base = [ARTICLE, NON_ASCII, "Georgia and Pakistan.", "", "Nothing to find here."]
    return [f"{i}: {base[i % len(base)]}" for i in range(200)]


def run(matcher: newswire.Matcher, texts: list[str]) -> list[object]:
    out: list[object] = []
    for t in texts:
        out.append([m.to_dict() for m in matcher.find(t)])
        out.append(matcher.annotate(t).to_dict())
    return out


def test_four_threads_share_one_matcher(matcher: newswire.Matcher) -> None:
    texts = corpus()
    expected = run(matcher, texts)
    barrier = threading.Barrier(4)

    def worker(shift: int) -> list[object]:
        barrier.wait()
        # Each thread walks the corpus from a different place, so calls interleave.
        rotated = texts[shift:] + texts[:shift]
        got = run(matcher, rotated)
        n = 2 * shift
        return got[-n:] + got[:-n] if n else got

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(worker, [0, 50, 100, 150]))
    for got in results:
        assert got == expected


def test_threads_share_results_and_batches(matcher: newswire.Matcher) -> None:
    texts = corpus()
    doc = matcher.annotate(ARTICLE)
    expected = [d.to_dict() for d in matcher.annotate_many(texts, threads=1)]  # type: ignore[union-attr]

    def worker(_: int) -> tuple[list[object], list[object]]:
        views = [m.to_dict() for m in doc.mentions] + [doc.article.to_dict(), doc._repr_html_()]
        batch = [d.to_dict() for d in matcher.annotate_many(texts, threads=2)]  # type: ignore[union-attr]
        return views, batch

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(worker, range(4)))
    for views, batch in results:
        assert views == results[0][0]
        assert batch == expected
