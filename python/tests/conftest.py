"""Shared fixtures: a small gazetteer and articles written for these tests."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir
from hypothesis.database import DirectoryBasedExampleDatabase

import newswire

REPO = Path(__file__).resolve().parents[2]
SHARED_DATA = REPO.parent / "shared" / "data"

# Failing examples are kept under target/ (ignored by git), not in the working directory;
# CI runs the same examples every time, so that a red build is about the code.
set_hypothesis_home_dir(str(REPO / "target" / "hypothesis"))
settings.register_profile("dev", database=DirectoryBasedExampleDatabase(str(REPO / "target" / "hypothesis" / "examples")))
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

RECORDS = [
    {
        "id": "country:PK",
        "kind": "LOC",
        "name": "Pakistan",
        "aliases": ["Islamic Republic of Pakistan"],
        "attrs": {"iso2": "PK", "population": 241_000_000, "tags": ["asia", "south"]},
    },
    {"id": "city:islamabad", "kind": "LOC", "name": "Islamabad"},
    {"id": "city:karachi", "kind": "LOC", "name": "Karachi", "aliases": ["کراچی"]},
    {"id": "city:sao-paulo", "kind": "LOC", "name": "São Paulo"},
    {"id": "city:beijing", "kind": "LOC", "name": "Beijing"},
    {
        "id": "org:oic",
        "kind": "ORG",
        "name": "Organisation of Islamic Cooperation",
        "aliases": ["Organization of Islamic Cooperation", "OIC"],
    },
    {"id": "person:haque", "kind": "PERSON", "name": "Syed Aminul Haque"},
    {"id": "state:us-ga", "kind": "LOC", "name": "Georgia", "attrs": {"type": "us_state"}},
    {"id": "country:GE", "kind": "LOC", "name": "Georgia", "attrs": {"type": "country"}},
    {"id": "org:reuters", "kind": "ORG", "name": "Reuters"},
]

ARTICLE = (
    "ISLAMABAD, Dec 12 (APP): Federal Minister Syed Aminul Haque met a delegation of the "
    "Organization of Islamic Cooperation (OIC) in Islamabad on Monday.\n\n"
    "Haque said Pakistan and the OIC would work together on science, according to a "
    "news release. \"We are ready,\" he said.\n\n"
    "The delegation will later visit Karachi and Georgia.\n"
)

NON_ASCII = (
    "کراچی، 12 دسمبر: 🎉 Pakistan 🇵🇰 and São Paulo (NFC) and Sa\u0303o Paulo (NFD) met "
    "in Beijing 北京 with Karachi کراچی officials.\n\nThe OIC said ﷽ e\u0301cole 👩‍👩‍👧 Pakistan."
)


@pytest.fixture(scope="session")
def gazetteer() -> newswire.Gazetteer:
    return newswire.Gazetteer.from_records(RECORDS)


@pytest.fixture(scope="session")
def matcher(gazetteer: newswire.Gazetteer) -> newswire.Matcher:
    return newswire.Matcher(gazetteer)


@pytest.fixture()
def jsonl_file(tmp_path: Path) -> Path:
    path = tmp_path / "gaz.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS), encoding="utf-8")
    return path


@pytest.fixture()
def tsv_file(tmp_path: Path) -> Path:
    path = tmp_path / "gaz.tsv"
    path.write_text(
        "# id\tkind\tname\taliases\n"
        "country:PK\tLOC\tPakistan\tIslamic Republic of Pakistan\n"
        "org:oic\tORG\tOrganisation of Islamic Cooperation\tOIC|Organization of Islamic Cooperation\n",
        encoding="utf-8",
    )
    return path


def resident_mb() -> float:
    """The process's resident memory now (Linux: /proc/self/statm)."""
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


class MemoryGrowth:
    """Within a ``with`` block: the most the process's resident memory rose above its level
    at the start (``.mb``), sampled every 2 ms by a thread of its own. Unlike the peak that
    ``getrusage`` gives, the process's highest so far, an earlier test's peak cannot hide
    this block's growth."""

    def __init__(self) -> None:
        if not os.path.exists("/proc/self/statm"):
            pytest.skip("resident memory is read from /proc/self/statm (Linux)")
        self.mb = 0.0
        self._done = threading.Event()

    def __enter__(self) -> "MemoryGrowth":
        self._start = resident_mb()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()
        return self

    def _watch(self) -> None:
        while not self._done.wait(0.002):
            self.mb = max(self.mb, resident_mb() - self._start)

    def __exit__(self, *exc: Any) -> None:
        self._done.set()
        self._thread.join()
        self.mb = max(self.mb, resident_mb() - self._start)
