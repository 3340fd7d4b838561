"""One matcher shared by several Python threads gives the same results as one thread."""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

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


def os_threads() -> int:
    return len(os.listdir("/proc/self/task"))


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="counts threads through /proc")
def test_threads_is_an_upper_bound_not_a_number_to_start(matcher: newswire.Matcher) -> None:
    # A stream of two texts needs two workers, whatever `threads` allows: asking for 2,000
    # started 2,000 OS threads (and a huge number, as many as the system would give).
    before = os_threads()
    docs = matcher.annotate_many(["Georgia and Pakistan.", "Islamabad"], threads=2000)
    first = next(docs)
    assert os_threads() - before <= 2 + 8  # a little room for threads of other libraries
    assert [first, *docs] == [matcher.annotate("Georgia and Pakistan."), matcher.annotate("Islamabad")]
