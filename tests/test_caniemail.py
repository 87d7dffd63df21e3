"""The vendored caniemail snapshot and its install-time index (digest.checks.caniemail)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from digest.checks import caniemail
from digest.checks.caniemail import Caniemail, index_path, write_index

SNAPSHOT = Path(caniemail.__file__).with_name(caniemail.DATA_FILE)


def test_the_index_answers_exactly_as_the_whole_snapshot_parsed(tmp_path: Path) -> None:
    write_index(tmp_path)
    snapshot = SNAPSHOT.read_bytes()
    parsed = json.loads(snapshot)
    indexed = caniemail._indexed(snapshot, tmp_path)
    assert indexed is not None
    assert indexed["source"] == parsed["source"] and indexed["nicenames"] == parsed["nicenames"]
    assert list(indexed["features"]) == list(parsed["features"])
    assert len(indexed["features"]) == len(parsed["features"])
    assert all(indexed["features"][slug] == feature for slug, feature in parsed["features"].items())
    assert "css-display-flex" in indexed["features"] and "no-such-feature" not in indexed["features"]
    whole, lazy = Caniemail(parsed), Caniemail(indexed)
    for slug in parsed["features"]:
        assert lazy.title(slug) == whole.title(slug) and lazy.url(slug) == whole.url(slug)
        for family, platforms in parsed["features"][slug]["support"].items():
            for platform in platforms:
                assert lazy.support(slug, family, platform) == whole.support(slug, family, platform)
    assert lazy.label == whole.label


def test_an_index_stands_only_for_the_bytes_it_was_made_from(tmp_path: Path) -> None:
    write_index(tmp_path)
    refreshed = SNAPSHOT.read_bytes().replace(b'"y"', b'"n"', 1)
    assert caniemail._indexed(refreshed, tmp_path) is None  # another name: parsed whole
    assert caniemail._indexed(SNAPSHOT.read_bytes(), tmp_path) is not None


def test_a_new_index_replaces_the_old_ones(tmp_path: Path) -> None:
    stale = tmp_path / "caniemail-0000.marshal"
    stale.write_bytes(b"old")
    path = write_index(tmp_path)
    assert sorted(tmp_path.iterdir()) == [path]


@pytest.mark.parametrize(
    "damage", ["truncated", "a byte changed", "garbage", "wrong shape", "wrong types", "link", "folder"]
)
def test_a_damaged_index_is_passed_over(tmp_path: Path, damage: str) -> None:
    from digest.compiled import write_sealed

    snapshot = SNAPSHOT.read_bytes()
    path = write_index(tmp_path)
    good = path.read_bytes()
    path.unlink()
    if damage == "truncated":
        path.write_bytes(good[: len(good) // 2])
    elif damage == "a byte changed":
        middle = len(good) // 2
        path.write_bytes(good[:middle] + bytes([good[middle] ^ 0x20]) + good[middle + 1 :])
    elif damage == "garbage":
        path.write_bytes(os.urandom(4096))
    elif damage == "wrong shape":
        write_sealed(path, ({}, {}))
    elif damage == "wrong types":
        write_sealed(path, ({}, {}, {"css-display": 1}))
    elif damage == "link":
        (tmp_path / "real").write_bytes(good)
        path.symlink_to(tmp_path / "real")
    else:
        path.mkdir()
    assert caniemail._indexed(snapshot, tmp_path) is None


def test_the_build_reads_the_installed_index() -> None:
    """`make install` wrote it; a build parses only the features an email asks about."""
    assert index_path(SNAPSHOT.read_bytes()).is_file()
    caniemail.load.cache_clear()
    try:
        features = caniemail.load().features
        assert isinstance(features, caniemail._IndexedFeatures)
    finally:
        caniemail.load.cache_clear()
