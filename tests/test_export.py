from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from digest.output.export import export


def test_export_replaces_the_folder_exactly(tmp_path: Path) -> None:
    target = tmp_path / "dist"
    export({"a.txt": b"one", "sub/b.txt": b"two"}, target)
    export({"c.txt": b"three"}, target)
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()) == ["c.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["dist"]


def test_leftovers_of_a_killed_build_are_cleaned(tmp_path: Path) -> None:
    target = tmp_path / "dist"
    (tmp_path / ".digest-staging-dist-abc").mkdir()
    (tmp_path / ".digest-old-dist").mkdir()
    export({"a.txt": b"x"}, target)
    assert [p.name for p in tmp_path.iterdir()] == ["dist"]


def test_killed_between_renames_restores_the_last_good_tree(tmp_path: Path) -> None:
    retired = tmp_path / ".digest-old-dist"
    retired.mkdir()
    (retired / "old.txt").write_text("good")
    export({"new.txt": b"new"}, tmp_path / "dist")
    assert (tmp_path / "dist" / "new.txt").read_text() == "new"


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_replaced_tree_is_kept_and_brought_up_to_date_by_the_next_export(tmp_path: Path) -> None:
    target, previous = tmp_path / "dist", tmp_path / "cache" / "previous-build"
    export({"a.txt": b"one"}, target, previous)
    assert not previous.exists()  # nothing was replaced
    export({"a.txt": b"two", "b/c.txt": b"three"}, target, previous)
    assert files(previous) == {"a.txt": b"one"}
    export({"a.txt": b"four", "b/c.txt": b"three"}, target, previous)
    assert files(target) == {"a.txt": b"four", "b/c.txt": b"three"}
    assert files(previous) == {"a.txt": b"two", "b/c.txt": b"three"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "dist"]


def test_only_changed_files_are_written_into_the_kept_tree(tmp_path: Path) -> None:
    target, previous = tmp_path / "dist", tmp_path / "previous"
    outputs = {f"page-{n}/index.html": f"page {n}".encode() for n in range(5)}
    export(outputs, target, previous)
    export(outputs, target, previous)  # the first tree is kept now
    kept = previous / "page-0" / "index.html"
    os.utime(kept, ns=(0, 0))
    export({**outputs, "page-1/index.html": b"changed"}, target, previous)
    assert (target / "page-0" / "index.html").stat().st_mtime_ns == 0  # same bytes: not written
    assert (target / "page-1" / "index.html").read_bytes() == b"changed"


def test_whatever_the_kept_tree_holds_the_output_is_exact(tmp_path: Path) -> None:
    target, previous = tmp_path / "dist", tmp_path / "previous"
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"not ours")
    previous.mkdir()
    (previous / "stale.txt").write_bytes(b"gone")
    (previous / "page").write_bytes(b"a file where a folder belongs")
    (previous / "feed.xml").mkdir()  # a folder where a file belongs
    (previous / "feed.xml" / "x").write_bytes(b"x")
    (previous / "linked.txt").symlink_to(outside)
    (previous / "linked-folder").symlink_to(tmp_path)
    os.mkfifo(previous / "feed.json")  # reading it would wait for a writer forever
    target.mkdir()
    outputs = {"page/index.html": b"page", "feed.xml": b"<feed/>", "linked.txt": b"new", "feed.json": b"{}"}
    export(outputs, target, previous)
    assert files(target) == outputs
    assert not any(p.is_symlink() for p in target.rglob("*"))
    assert outside.read_bytes() == b"not ours"


def test_a_kept_tree_on_another_file_system_or_inside_the_output_is_not_used(tmp_path: Path) -> None:
    target = tmp_path / "dist"
    export({"a.txt": b"one"}, target, target / "previous")
    export({"a.txt": b"two"}, target, target / "previous")
    assert files(target) == {"a.txt": b"two"}


def test_a_hard_linked_snapshot_of_an_old_tree_keeps_its_bytes(tmp_path: Path) -> None:
    target, previous = tmp_path / "dist", tmp_path / "cache" / "previous-build"
    export({"a.html": b"one"}, target, previous)
    snapshot = tmp_path / "release-1"
    shutil.copytree(target, snapshot, copy_function=os.link)  # what `cp -al` makes
    for text in (b"two", b"three", b"four"):
        export({"a.html": text}, target, previous)
    assert (snapshot / "a.html").read_bytes() == b"one"


def test_a_file_changed_back_gets_a_new_date_not_the_kept_trees_old_one(tmp_path: Path) -> None:
    target, previous = tmp_path / "dist", tmp_path / "cache" / "previous-build"
    export({"a.html": b"A", "same.html": b"S"}, target, previous)
    os.utime(target / "a.html", ns=(1_000_000_000, 1_000_000_000))
    os.utime(target / "same.html", ns=(1_000_000_000, 1_000_000_000))
    export({"a.html": b"B", "same.html": b"S"}, target, previous)  # the A tree is kept now
    export({"a.html": b"A", "same.html": b"S"}, target, previous)  # A again, from the kept tree
    assert (target / "a.html").read_bytes() == b"A"
    assert (target / "a.html").stat().st_mtime_ns > 1_000_000_000  # written now: it differs from B
    assert (target / "same.html").stat().st_mtime_ns == 1_000_000_000  # never changed: never written


def test_a_build_running_beside_another_writes_a_fresh_tree(tmp_path: Path) -> None:
    import fcntl

    target, previous = tmp_path / "dist", tmp_path / "cache" / "previous-build"
    export({"a.html": b"one"}, target, previous)
    export({"a.html": b"two"}, target, previous)
    kept_before = files(previous)
    with open(previous.parent / "previous-build.lock", "a") as other_build:
        fcntl.flock(other_build.fileno(), fcntl.LOCK_EX)
        export({"a.html": b"three", "b.html": b"new"}, target, previous)
    assert files(target) == {"a.html": b"three", "b.html": b"new"}
    assert files(previous) == kept_before  # the other build's tree was not touched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "dist"]


def test_a_kept_tree_replaced_by_a_file_or_a_link_does_not_fail_the_build(tmp_path: Path) -> None:
    target, previous = tmp_path / "dist", tmp_path / "cache" / "previous-build"
    export({"a.html": b"one"}, target, previous)
    previous.parent.mkdir(exist_ok=True)
    previous.write_text("not a folder")
    export({"a.html": b"two"}, target, previous)
    assert files(target) == {"a.html": b"two"}
    shutil.rmtree(previous)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    previous.symlink_to(elsewhere)
    export({"a.html": b"three"}, target, previous)
    assert files(target) == {"a.html": b"three"} and list(elsewhere.iterdir()) == []


def test_kept_files_as_recorded_are_not_read_and_changed_ones_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import digest.output.export

    target, previous = tmp_path / "dist", tmp_path / "cache" / "previous-build"
    outputs = {f"page-{n}.html": f"page {n}".encode() for n in range(4)}
    # Records made "an hour from now": every file written before then is old enough to trust.
    monkeypatch.setattr(digest.output.export.time, "time_ns", lambda: 1 << 62)
    export(outputs, target, previous)
    export(outputs, target, previous)  # the first tree is kept now, with its record
    (previous / "page-3.html").write_bytes(b"changed behind our back")
    reads: list[str] = []
    real_read = digest.output.export._read_equals
    monkeypatch.setattr(
        digest.output.export, "_read_equals", lambda path, data: reads.append(path) or real_read(path, data)
    )
    export(outputs, target, previous)
    assert files(target) == outputs
    assert [Path(path).name for path in reads] == ["page-3.html"]
