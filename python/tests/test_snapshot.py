"""Matcher snapshots: save, load (memory-mapped), pickling through the snapshot bytes, and
bad snapshot files."""

from __future__ import annotations

import concurrent.futures
import json
import multiprocessing
import pickle
import sys
from pathlib import Path

import pytest

import newswire
from conftest import ARTICLE, NON_ASCII, SHARED_DATA

TEXTS = [ARTICLE, NON_ASCII, "", "Georgia and Pakistan.", "LONDON, March 3 - Prices rose.\n Reuter\n"]
MAGIC = b"\x89NWSNAP\n"

OPTIONS = dict(case="insensitive", overlaps="all", variants=False, fold_diacritics=False,
               min_alias_len=4, exclude_kinds=["PERSON"], stop_list=False)


def roundtrip(obj: object) -> object:
    return pickle.loads(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))


def results(matcher: newswire.Matcher, texts: list[str]) -> list[object]:
    """Everything a matcher gives for `texts`: found mentions and annotated documents."""
    out: list[object] = []
    for text in texts:
        out.append([m.to_dict() for m in matcher.find(text)])
        out.append(matcher.annotate(text).to_dict())
    return out


def options(matcher: newswire.Matcher) -> tuple[str, str, bool, bool]:
    return (matcher.case, matcher.overlaps, matcher.variants, matcher.fold_diacritics)


def tables_bytes(matcher: newswire.Matcher) -> bytes:
    """The snapshot of its tables a matcher pickles with, beside its gazetteer."""
    _, (name, (_, data)) = matcher.__reduce__()  # type: ignore[misc]
    assert name == "Matcher"
    return data  # type: ignore[no-any-return]


@pytest.fixture(params=["default", "custom"])
def built(request: pytest.FixtureRequest, gazetteer: newswire.Gazetteer) -> newswire.Matcher:
    if request.param == "default":
        return newswire.Matcher(gazetteer)
    return newswire.Matcher(gazetteer, **OPTIONS)  # type: ignore[arg-type]


def test_save_and_load_give_the_same_matcher(built: newswire.Matcher, tmp_path: Path) -> None:
    path = tmp_path / "places.nwsnap"
    built.save(path)
    assert path.read_bytes()[:8] == MAGIC
    loaded = newswire.Matcher.load(path)
    assert isinstance(loaded, newswire.Matcher)
    assert options(loaded) == options(built)
    assert repr(loaded) == repr(built)
    assert [e.to_dict() for e in loaded.gazetteer] == [e.to_dict() for e in built.gazetteer]
    assert results(loaded, TEXTS) == results(built, TEXTS)
    # Paths as str too; saving a loaded matcher gives the same bytes back.
    again = tmp_path / "again.nwsnap"
    newswire.Matcher.load(str(path)).save(str(again))
    assert again.read_bytes() == path.read_bytes()


def test_pickling_goes_through_the_snapshot(built: newswire.Matcher, tmp_path: Path) -> None:
    path = tmp_path / "m.nwsnap"
    built.save(path)
    # A matcher pickles as its gazetteer (a snapshot of its own) and a snapshot of its
    # tables alone: nothing to build or parse on the way back, and the gazetteer stored
    # once, so the pickle is hardly larger than the saved file.
    tables = tables_bytes(built)
    assert tables[:8] == MAGIC
    assert len(tables) < len(path.read_bytes())
    assert len(pickle.dumps(built)) < len(path.read_bytes()) + 4096
    back = roundtrip(built)
    assert isinstance(back, newswire.Matcher)
    assert options(back) == options(built)
    assert [e.to_dict() for e in back.gazetteer] == [e.to_dict() for e in built.gazetteer]
    assert results(back, TEXTS) == results(built, TEXTS)
    assert tables_bytes(back) == tables_bytes(built)


def test_loaded_and_unpickled_matchers_pickle_and_outlive_their_sources(
    built: newswire.Matcher, tmp_path: Path
) -> None:
    path = tmp_path / "m.nwsnap"
    built.save(path)
    loaded = newswire.Matcher.load(path)
    twice = roundtrip(roundtrip(loaded))
    assert isinstance(twice, newswire.Matcher)
    # The pickled bytes are gone once unpickled; the matcher reads its own copy.
    data = pickle.dumps(built)
    unpickled = pickle.loads(data)
    del data
    assert results(twice, TEXTS) == results(unpickled, TEXTS) == results(built, TEXTS)
    # Results keep their entities after the matcher is gone.
    doc = unpickled.annotate(ARTICLE)
    del unpickled
    assert [e.id for m in doc.mentions for e in m.entities]


def test_documents_from_built_loaded_and_unpickled_matchers_are_equal(
    matcher: newswire.Matcher, tmp_path: Path
) -> None:
    path = tmp_path / "m.nwsnap"
    matcher.save(path)
    others = [newswire.Matcher.load(path), roundtrip(matcher)]
    for text in TEXTS:
        want = matcher.annotate(text)
        for other in others:
            got = other.annotate(text)  # type: ignore[attr-defined]
            assert got == want and got.to_dict() == want.to_dict()
            assert got._repr_html_() == want._repr_html_()
    many = [[d.to_dict() for d in m.annotate_many(TEXTS, threads=2)] for m in [matcher, *others]]  # type: ignore[union-attr, attr-defined]
    assert many[0] == many[1] == many[2]


REUTERS = SHARED_DATA / "reuters21578.jsonl"


def test_built_loaded_and_unpickled_agree_on_reuters(tmp_path: Path) -> None:
    if not REUTERS.exists():
        print(f"note: {REUTERS} is absent; skipping the Reuters comparison", file=sys.stderr)
        pytest.skip(f"{REUTERS} is absent")
    with REUTERS.open(encoding="utf-8") as f:
        texts = [t for t in (json.loads(next(f)).get("text") for _ in range(400)) if isinstance(t, str)]
    built = newswire.Matcher(newswire.Gazetteer.default())
    path = tmp_path / "default.nwsnap"
    built.save(path)
    loaded = newswire.Matcher.load(path)
    unpickled = roundtrip(built)
    want = [d.to_dict() for d in built.annotate_many(texts)]  # type: ignore[union-attr]
    assert sum(len(d["mentions"]) for d in want) > len(texts)
    for other in (loaded, unpickled):
        assert [d.to_dict() for d in other.annotate_many(texts)] == want  # type: ignore[union-attr, attr-defined]


def work_find(matcher: newswire.Matcher, text: str) -> list[dict[str, object]]:
    return [m.to_dict() for m in matcher.find(text)]


def test_a_loaded_matcher_in_spawned_processes(matcher: newswire.Matcher, tmp_path: Path) -> None:
    path = tmp_path / "m.nwsnap"
    matcher.save(path)
    loaded = newswire.Matcher.load(path)
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        found = pool.starmap(work_find, [(loaded, t) for t in TEXTS])
    assert found == [work_find(matcher, t) for t in TEXTS]


def flipped(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x40]) + data[at + 1 :]


def test_bad_snapshot_files(matcher: newswire.Matcher, tmp_path: Path, jsonl_file: Path) -> None:
    good = tmp_path / "good.nwsnap"
    matcher.save(good)
    data = good.read_bytes()
    newer = data[:8] + (2).to_bytes(4, "little") + data[12:]
    cases = {
        "empty": (b"", "the file is empty"),
        "jsonl": (jsonl_file.read_bytes(), "looks like JSON"),
        "text": (b"ISLAMABAD, Dec 12 (APP): not a snapshot\n", "magic bytes"),
        "magic-only": (MAGIC, "truncated"),
        "half": (data[: len(data) // 2], "truncated"),
        "one-short": (data[:-1], "truncated"),
        "longer": (data + b"\0" * 8, "bytes where the header says"),
        "flipped": (flipped(data, len(data) // 2), "checksum mismatch"),
        "newer": (newer, "format version 2"),
    }
    for name, (content, says) in cases.items():
        path = tmp_path / f"{name}.nwsnap"
        path.write_bytes(content)
        with pytest.raises(ValueError) as info:
            newswire.Matcher.load(path)
        assert str(path) in str(info.value), name
        assert says in str(info.value), (name, str(info.value))
        # The same bytes arriving through pickle are refused the same way.
        with pytest.raises(ValueError, match=says):
            newswire._native._rebuild("Matcher", (matcher.gazetteer, content))
    # A JSON Lines gazetteer given where a snapshot is expected names what it looks like.
    with pytest.raises(ValueError, match="not a newswire snapshot"):
        newswire.Matcher.load(jsonl_file)


def test_threads_saving_to_one_path(tmp_path: Path) -> None:
    # Each save writes a temporary file of its own before renaming it into place: two
    # threads saving to one path shared one temporary file, so one of them failed with
    # FileNotFoundError (the other had renamed it away) and the winner's file could be
    # written into after it was renamed into place.
    small = newswire.Matcher(newswire.Gazetteer.from_records([{"id": "a", "kind": "K", "name": "Acme"}]))
    big = newswire.Matcher(
        newswire.Gazetteer.from_records([{"id": f"e{i}", "kind": "K", "name": f"Name{i} Corp"} for i in range(5000)])
    )
    path = tmp_path / "shared.nwsnap"
    for _ in range(20):
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            for saved in [pool.submit(m.save, path) for m in (small, big)]:
                saved.result()
        assert len(newswire.Matcher.load(path).gazetteer) in (1, 5000)
    assert [p.name for p in tmp_path.iterdir()] == ["shared.nwsnap"]


def test_missing_and_unreadable_snapshot_paths(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="nope.nwsnap"):
        newswire.Matcher.load(tmp_path / "nope.nwsnap")
    # A directory is named as one (not "No such device", which mapping it gives), as
    # Python's open() names it.
    with pytest.raises(IsADirectoryError, match="[Ii]s a directory"):
        newswire.Matcher.load(tmp_path)
    with pytest.raises(IsADirectoryError, match="[Ii]s a directory"):
        newswire.Gazetteer.from_jsonl(tmp_path)
    with pytest.raises(TypeError):
        newswire.Matcher.load(5)  # type: ignore[arg-type]
    m = newswire.Matcher(newswire.Gazetteer.default())
    with pytest.raises(OSError):
        m.save(tmp_path / "no" / "such" / "dir" / "m.nwsnap")
    with pytest.raises(TypeError):
        newswire._native._rebuild("Matcher", (m.gazetteer, "not bytes"))


def test_gazetteer_pickles_compact_and_keeps_its_filter(gazetteer: newswire.Gazetteer) -> None:
    back = roundtrip(gazetteer)
    assert isinstance(back, newswire.Gazetteer)
    assert [e.to_dict() for e in back] == [e.to_dict() for e in gazetteer]
    text = "pakistan OIC Islamic Republic of Pakistan Syed Aminul Haque"
    for opts in ({}, OPTIONS):
        a = newswire.Matcher(gazetteer, **opts)  # type: ignore[arg-type]
        b = newswire.Matcher(back, **opts)  # type: ignore[arg-type]
        assert [m.to_dict() for m in b.find(text)] == [m.to_dict() for m in a.find(text)]
