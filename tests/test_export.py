"""The atomic swap of the output folder (digest.output.export): a failed build leaves dist/ as it was,
whatever the file system refuses; an output that cannot be renamed is updated in place."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from digest.errors import DigestError
from digest.output.export import MARKER, check_output_folder, export
from tests.helpers import built, clean_build, fails_cleanly
from tests.test_cli import run, tree
from tests.test_robustness import ISSUE, ISSUE_FILE, assert_clean_failure, edit, stray_folders


def files(root: Path) -> dict[str, bytes]:
    found = {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
    found.pop(MARKER, None)
    return found


def test_export_replaces_the_folder_exactly(tmp_path: Path) -> None:
    target = tmp_path / "dist"
    export({"a.txt": b"one", "sub/b.txt": b"two"}, target)
    export({"c.txt": b"three"}, target)
    assert files(target) == {"c.txt": b"three"}
    assert (target / MARKER).is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["dist"]


def test_leftovers_of_a_killed_build_are_cleaned(tmp_path: Path) -> None:
    target = tmp_path / "dist"
    (tmp_path / ".digest-staging-dist-abc").mkdir()
    (tmp_path / ".digest-old-dist").mkdir()
    export({"a.txt": b"x"}, target)
    assert [p.name for p in tmp_path.iterdir()] == ["dist"]


@pytest.mark.parametrize(("name", "others"), [("dist[1]", ["dist1"]), ("dist", ["dist-x", "dist-x-y"])])
def test_only_this_outputs_leftovers_are_cleaned(tmp_path: Path, name: str, others: list[str]) -> None:
    """Another output's staging folder is a build in progress or its own leftover: not ours,
    even where our name read as a pattern, or as a prefix, would match it."""
    theirs = [tmp_path / f".digest-staging-{other}-abc123" for other in others]
    for folder in theirs:
        folder.mkdir()
    (tmp_path / f".digest-staging-{name}-abc123").mkdir()
    export({"a.txt": b"x"}, tmp_path / name)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, *(f.name for f in theirs)])


def test_killed_between_renames_restores_the_last_good_tree(tmp_path: Path) -> None:
    retired = tmp_path / ".digest-old-dist"
    retired.mkdir()
    (retired / "old.txt").write_text("good")
    export({"new.txt": b"new"}, tmp_path / "dist")
    assert files(tmp_path / "dist") == {"new.txt": b"new"}


def test_unchanged_files_keep_their_inode_and_date_and_changed_ones_are_new(tmp_path: Path) -> None:
    target = tmp_path / "dist"
    export({"same.html": b"same", "edited.html": b"before"}, target)
    os.utime(target / "same.html", ns=(1_000_000_000, 1_000_000_000))
    same, edited = os.stat(target / "same.html"), os.stat(target / "edited.html")
    export({"same.html": b"same", "edited.html": b"after!"}, target)
    assert os.stat(target / "same.html").st_ino == same.st_ino
    assert os.stat(target / "same.html").st_mtime_ns == 1_000_000_000
    assert os.stat(target / "edited.html").st_ino != edited.st_ino
    assert files(target) == {"same.html": b"same", "edited.html": b"after!"}


def test_a_file_edited_in_the_output_by_hand_is_written_again(tmp_path: Path) -> None:
    target = tmp_path / "dist"
    export({"page.html": b"the page"}, target)
    stamp = os.stat(target / "page.html")
    (target / "page.html").write_bytes(b"the pagX")  # same size
    os.utime(target / "page.html", ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    export({"page.html": b"the page"}, target)
    assert (target / "page.html").read_bytes() == b"the page"


def test_a_hard_linked_snapshot_of_an_old_tree_keeps_its_bytes(tmp_path: Path) -> None:
    target = tmp_path / "dist"
    export({"page.html": b"first"}, target)
    snapshot = tmp_path / "snapshot.html"
    os.link(target / "page.html", snapshot)
    export({"page.html": b"second"}, target)
    assert snapshot.read_bytes() == b"first"


def test_a_link_in_the_output_is_never_written_through(tmp_path: Path) -> None:
    target = tmp_path / "dist"
    outside = tmp_path / "outside.txt"
    outside.write_text("keep")
    export({"page.html": b"x"}, target)
    (target / "page.html").unlink()
    (target / "page.html").symlink_to(outside)
    export({"page.html": b"new"}, target)
    assert outside.read_text() == "keep"
    assert not (target / "page.html").is_symlink()


@pytest.mark.parametrize("content", [{"notes.txt": "mine"}, {"sub/deep.txt": "mine"}])
def test_a_folder_digest_did_not_write_is_refused_and_left_alone(
    tmp_path: Path, content: dict[str, str]
) -> None:
    target = tmp_path / "home"
    for name, text in content.items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_text(text)
    with pytest.raises(DigestError, match="holds files digest did not write"):
        export({"index.html": b"x"}, target)
    assert {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()} == set(content)


def test_an_empty_or_missing_folder_and_a_previous_build_are_accepted(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    check_output_folder(tmp_path / "empty")
    check_output_folder(tmp_path / "missing")
    export({"a": b"x"}, tmp_path / "built")
    check_output_folder(tmp_path / "built")


def test_a_link_or_a_file_as_the_output_is_refused(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    with pytest.raises(DigestError, match="is a link"):
        export({"a": b"x"}, tmp_path / "link")
    (tmp_path / "file").write_text("x")
    with pytest.raises(DigestError, match="is a file, not a folder"):
        export({"a": b"x"}, tmp_path / "file" / "dist")
    os.mkfifo(tmp_path / "pipe")  # it was said to be a file
    with pytest.raises(DigestError, match="is a pipe, not a folder"):
        export({"a": b"x"}, tmp_path / "pipe")


def test_builds_of_the_same_output_at_once_all_succeed(tmp_path: Path) -> None:
    target = tmp_path / "dist"
    locks = tmp_path / "cache"
    errors: list[BaseException] = []
    outputs = {f"page-{n}.html": bytes([n]) * 50_000 for n in range(40)}

    def build(n: int) -> None:
        try:
            export({**outputs, "who.txt": str(n).encode()}, target, cache_folder=locks)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=build, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert set(files(target)) == {*outputs, "who.txt"}
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".digest")] == []


def kept_tree(cache: Path) -> Path:
    [tree] = [p for p in cache.iterdir() if p.name.startswith("kept-")]
    return tree


def test_the_replaced_tree_is_kept_and_never_trusted(tmp_path: Path) -> None:
    target, cache = tmp_path / "dist", tmp_path / "cache"
    outputs = {"a.html": b"alpha", "sub/b.html": b"beta"}
    export(outputs, target, cache_folder=cache)
    export(outputs, target, cache_folder=cache)
    kept = kept_tree(cache)
    assert files(kept) == outputs
    # Tamper with the kept tree's bytes behind the same size and date, plant a link and a stray file.
    for name in ("a.html", "sub/b.html"):
        stamp = os.stat(kept / name)
        (kept / name).unlink()
        (kept / name).write_bytes(b"EVIL!"[: stamp.st_size].ljust(stamp.st_size, b"!"))
        os.utime(kept / name, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    outside = tmp_path / "outside.txt"
    outside.write_text("keep")
    (kept / "c.html").symlink_to(outside)
    (kept / "stray.html").write_text("stray")
    for _ in range(3):
        export({**outputs, "c.html": b"gamma"}, target, cache_folder=cache)
        assert files(target) == {**outputs, "c.html": b"gamma"}
    assert outside.read_text() == "keep"


def test_a_file_changed_back_gets_a_new_date_and_unchanged_files_keep_theirs(tmp_path: Path) -> None:
    target, cache = tmp_path / "dist", tmp_path / "cache"
    export({"f.html": b"one", "same.html": b"s"}, target, cache_folder=cache)
    os.utime(target / "same.html", ns=(1_000_000_000, 1_000_000_000))
    export({"f.html": b"two", "same.html": b"s"}, target, cache_folder=cache)
    os.utime(target / "f.html", ns=(2_000_000_000, 2_000_000_000))
    export({"f.html": b"one", "same.html": b"s"}, target, cache_folder=cache)
    assert (target / "f.html").read_bytes() == b"one"
    assert os.stat(target / "f.html").st_mtime_ns > 2_000_000_000
    assert os.stat(target / "same.html").st_mtime_ns == 1_000_000_000


def test_a_kept_tree_replaced_by_a_file_or_a_link_does_not_fail_the_build(tmp_path: Path) -> None:
    target, cache = tmp_path / "dist", tmp_path / "cache"
    export({"a": b"1"}, target, cache_folder=cache)
    export({"a": b"2"}, target, cache_folder=cache)
    kept = kept_tree(cache)
    shutil.rmtree(kept)
    (tmp_path / "elsewhere").mkdir()
    kept.symlink_to(tmp_path / "elsewhere")
    export({"a": b"3"}, target, cache_folder=cache)
    assert files(target) == {"a": b"3"} and list((tmp_path / "elsewhere").iterdir()) == []
    shutil.rmtree(kept, ignore_errors=True)
    kept.unlink(missing_ok=True)
    kept.write_text("a file")
    export({"a": b"4"}, target, cache_folder=cache)
    assert files(target) == {"a": b"4"}


def test_a_kept_tree_that_cannot_be_changed_is_set_aside_and_the_build_succeeds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As with a file made immutable (chattr +i) in the kept tree: every build still succeeds."""
    import digest.output.export as export_module

    target, cache = tmp_path / "dist", tmp_path / "cache"
    export({"a.html": b"1", "b.html": b"x"}, target, cache_folder=cache)
    export({"a.html": b"2", "b.html": b"x"}, target, cache_folder=cache)
    immutable = os.stat(kept_tree(cache) / "a.html").st_ino
    real_unlink = os.unlink

    def refuse_the_immutable_file(path: object, *args: object, **kwargs: object) -> None:
        if os.path.exists(str(path)) and os.stat(str(path)).st_ino == immutable:
            raise PermissionError(1, "Operation not permitted", str(path))
        real_unlink(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(export_module.os, "unlink", refuse_the_immutable_file)
    for version in (b"3", b"4"):
        export({"a.html": version, "b.html": b"x"}, target, cache_folder=cache)
        assert files(target) == {"a.html": version, "b.html": b"x"}


@contextlib.contextmanager
def undeletable(path: Path, within: Path) -> Iterator[None]:
    """`path` made impossible to remove: immutable (chattr +i) where digest runs as root, whom
    permissions do not stop, else its folder made read-only; undone wherever under `within`
    the builds moved it."""
    root = os.geteuid() == 0
    if root and (shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)]).returncode):
        pytest.skip("no chattr +i here to make a file that root cannot remove")
    inode = os.stat(path if root else path.parent).st_ino
    if not root:
        os.chmod(path.parent, 0o555)
    try:
        yield
    finally:
        for each in within.rglob("*"):
            if os.lstat(each).st_ino == inode:
                subprocess.run(
                    ["chattr", "-i", str(each)] if root else ["chmod", "755", str(each)], check=True
                )


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(".digest-"))


def test_an_earlier_output_that_cannot_be_removed_is_named_not_left_silently(tmp_path: Path) -> None:
    """A file the user made read-only or immutable in dist/ went with the replaced tree to the
    cache, then failed the next build's update of it: the tree was set aside beside the output
    as .digest-staging-dist-*, a hidden copy of an old site that every build failed to remove
    without a word."""
    target, cache = tmp_path / "dist", tmp_path / "cache"
    export({"index.html": b"1", "a/page.html": b"a"}, target, cache)
    with undeletable(target / "a" / "page.html", tmp_path):
        assert export({"index.html": b"2"}, target, cache) is None
        note = export({"index.html": b"3"}, target, cache)
        (left,) = leftovers(tmp_path)
        assert note is not None and note.startswith(
            f"{tmp_path / left} holds an output an earlier build replaced"
        )
        assert "cannot be removed (Operation not permitted" in note and "remove it yourself" in note
        assert files(target) == {"index.html": b"3"}
    assert export({"index.html": b"4"}, target, cache) is None
    assert leftovers(tmp_path) == [] and files(target) == {"index.html": b"4"}


def test_an_output_whose_paths_grow_past_the_systems_limit_says_to_shorten_them(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A project nested deep enough that the output's paths pass 4,095 bytes (the reviews'
    pages lie three folders down) was told to 'check permissions and free space'."""
    deep = tmp_path_factory.mktemp("deep")
    limit = os.pathconf(deep, "PC_PATH_MAX")
    while len(os.fsencode(deep)) < limit - 80:
        deep = deep / ("d" * min(200, limit - 80 - len(os.fsencode(deep))))
    deep.mkdir(parents=True)
    for name in ("digest.toml", "issues"):
        os.replace(project / name, deep / name)
    result = run(deep, "build", ISSUE)
    assert_clean_failure(result, ("dist: cannot write the output (File name too long)", "shorter path"))
    assert not (deep / "dist").exists() and stray_folders(deep) == []


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_the_output_folder_takes_the_users_umask_like_everything_in_it(tmp_path: Path, umask: int) -> None:
    previous = os.umask(umask)
    try:
        target = tmp_path / "dist"
        export({"a.txt": b"one", "sub/b.txt": b"two"}, target)
        export({"a.txt": b"one", "sub/b.txt": b"changed"}, target)
    finally:
        os.umask(previous)
    folder_mode = 0o777 & ~umask
    assert target.stat().st_mode & 0o777 == folder_mode
    assert (target / "sub").stat().st_mode & 0o777 == folder_mode
    assert (target / "sub" / "b.txt").stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_full_disk_names_the_cache_folder_and_what_it_holds(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a disk with little room the cache fills it first (its database's journal could
    not even be folded back in), and every build after said 'free some space on its disk',
    never that the cache, always safe to delete, was what held it. (Since round 14 the build
    removes the cache's database to make room, and says so where that was not enough.)"""
    import digest.output.export as export

    built(project)
    edit(project, ISSUE_FILE, 'title: "The year', 'title: "Another year')

    def full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(export, "_write_new", full)
    fails_cleanly(
        project,
        (
            "dist:",
            "free some space on its disk",
            "the build cache (",
            " MB) was removed to make room, and that was not enough",
        ),
    )


def test_a_disk_the_cache_filled_makes_room_for_the_output(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache is written before the output: on a small disk (a 2 MB one held the demo's
    output and cache, but not the cache's journal too) every build failed for want of the
    room the cache had just taken, the first build from no cache included, so deleting the
    cache as the message advised changed nothing. The build cache is removed to make room
    (it is always safe to delete) and the output written, with a note saying so."""
    import digest.output.export as export

    built(project)
    edit(project, ISSUE_FILE, 'title: "The year', 'title: "Another year')
    database = project / ".digest-cache" / "build.sqlite3"
    real = export._write_new

    def room_without_the_cache(path: str, data: bytes) -> None:
        if database.exists():
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)
        real(path, data)

    monkeypatch.setattr(export, "_write_new", room_without_the_cache)
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    assert "disk was full" in result.output and "build cache" in result.output and " MB" in result.output
    assert not database.exists()
    assert b"Another year" in tree(project / "dist")[f"{ISSUE}/index.html"]
    monkeypatch.undo()
    assert built(project) == clean_build(project, tmp_path / "clean")


def test_a_quota_the_cache_filled_is_named_as_a_quota_not_a_full_disk(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The note on the cache removed to make room said 'the disk was full' where the disk had
    room and the user's quota on it was used up (EDQUOT): the advice to find a bigger disk
    misleads; the quota is what to raise."""
    import digest.output.export as export

    built(project)
    edit(project, ISSUE_FILE, 'title: "The year', 'title: "Another year')
    database = project / ".digest-cache" / "build.sqlite3"
    real = export._write_new

    def room_without_the_cache(path: str, data: bytes) -> None:
        if database.exists():
            raise OSError(errno.EDQUOT, os.strerror(errno.EDQUOT), path)
        real(path, data)

    monkeypatch.setattr(export, "_write_new", room_without_the_cache)
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    assert "quota" in result.output and "build cache" in result.output
    assert "disk was full" not in result.output and "a disk with more room" not in result.output


def test_a_full_disk_while_writing_the_output_keeps_the_last_build(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import digest.output.export as export

    built(project)
    edit(project, ISSUE_FILE, 'title: "The year', 'title: "Another year')
    real, written = export._write_new, []

    def fills_up(path: Path, data: bytes) -> None:
        written.append(path)
        if len(written) > 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(path, data)

    monkeypatch.setattr(export, "_write_new", fills_up)
    fails_cleanly(
        project, ("dist:", "cannot write the output (No space left on device)", "free some space on its disk")
    )
    monkeypatch.undo()
    assert b"Another year" in built(project)[f"{ISSUE}/index.html"]


def test_a_full_disk_while_making_the_staging_folder_says_so(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import digest.output.export as export

    def no_space(*args: object, **kwargs: object) -> str:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(export.tempfile, "mkdtemp", no_space)
    fails_cleanly(project, ("cannot write the output folder (No space left on device)", "free some space"))


def deepest(folder: Path) -> int:
    depth = 0
    while (folder / "d").is_dir():
        folder, depth = folder / "d", depth + 1
    return depth


@pytest.mark.usefixtures("removed_after")
def test_an_output_nested_thousands_deep_is_replaced_build_after_build(project: Path) -> None:
    """dist/ is often committed: a tree 1,200 folders deep in it was kept by the swap and
    removed by the next build with shutil.rmtree, which recursed once a level: RecursionError,
    a traceback and a staging folder left behind."""
    clean = built(project)
    folder = project / "dist"
    for _ in range(1200):
        folder = folder / "d"
        folder.mkdir()
    (folder / "deep.txt").write_text("deep\n")
    for _ in range(3):  # swapped out, kept for reuse, pruned from the kept tree
        result = run(project, "build", ISSUE)
        assert result.exit_code == 0, result.output
        assert deepest(project / "dist") == 0
        assert stray_folders(project) == []
    assert tree(project / "dist") == clean
    kept = [each for each in (project / ".digest-cache").iterdir() if each.name.startswith("kept-")]
    assert kept and all(deepest(each) == 0 for each in kept)


# --- an output folder that cannot be renamed (a mount point) ------------------------------


def refuse_renaming(monkeypatch: pytest.MonkeyPatch, target: Path, code: int) -> None:
    """The system refuses to move `target` (as it does a mount point): with `code`."""
    import digest.output.export as export

    real_replace = os.replace

    def replace(source: object, destination: object, **options: object) -> None:
        if Path(os.fsdecode(source)) == target or Path(os.fsdecode(destination)) == target:  # type: ignore[arg-type]
            raise OSError(code, os.strerror(code), str(target))
        real_replace(source, destination, **options)  # type: ignore[arg-type]

    def exchange(first: Path, second: Path) -> bool:
        raise OSError(code, os.strerror(code), str(second))

    monkeypatch.setattr(export.os, "replace", replace)
    monkeypatch.setattr(export, "_exchange", exchange)


@pytest.mark.parametrize("code", [errno.EBUSY, errno.EXDEV])
def test_an_output_folder_that_cannot_be_renamed_is_updated_in_place(
    project: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    """A mount point (a container's volume at dist/) cannot be renamed: the swap failed
    with 'cannot write the output (Device or resource busy): check permissions and free
    space', which no permission or space cured, build after build."""
    built(project)
    edit(project, ISSUE_FILE, 'title: "The year', 'title: "Another year')
    inode = (project / "dist").stat().st_ino
    refuse_renaming(monkeypatch, project / "dist", code)
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    assert "updated in place" in result.output and "[build] output_dir to a folder inside it" in result.output
    assert (project / "dist").stat().st_ino == inode
    assert stray_folders(project) == []
    in_place = tree(project / "dist")
    monkeypatch.undo()
    assert built(project) == in_place


def test_a_failed_second_rename_puts_the_last_build_back(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the system cannot exchange two folders, the output is moved aside and the new
    tree moved in: when the second move failed, dist/ was left missing until the next build."""
    import digest.output.export as export

    before = built(project)
    edit(project, ISSUE_FILE, 'title: "The year', 'title: "Another year')
    real_replace = os.replace

    def replace(source: object, destination: object, **options: object) -> None:
        moving_in = Path(os.fsdecode(source)).name.startswith(export.STAGING_PREFIX)  # type: ignore[arg-type]
        if moving_in and Path(os.fsdecode(destination)) == project / "dist":  # type: ignore[arg-type]
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(destination))
        real_replace(source, destination, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(export.os, "replace", replace)
    monkeypatch.setattr(export, "_exchange", lambda first, second: False)
    result = run(project, "build", ISSUE)
    assert_clean_failure(result, ("dist:", "cannot write the output (Input/output error)"))
    assert tree(project / "dist") == before
    assert stray_folders(project) == []


@pytest.mark.parametrize("kind", ["pipe", "folder", "device-link"])
def test_an_output_marker_that_is_no_file_is_not_said_to_be_missing(project: Path, kind: str) -> None:
    """The refusal said 'there is no .digest-output marker' while one stood there."""
    built(project)
    marker = project / "dist" / ".digest-output"
    marker.unlink()
    if kind == "pipe":
        os.mkfifo(marker)
    elif kind == "folder":
        marker.mkdir()
    else:
        marker.symlink_to("/dev/zero")
    fails_cleanly(project, ("dist:", "its .digest-output marker is no file", "so it is not replaced"))


def test_a_folder_link_in_the_output_is_never_read_through(project: Path, tmp_path: Path) -> None:
    """A committed output may hold a link where digest writes a folder (dist/assets ->
    somewhere else): the export read each file there to compare it with the new one, and
    hard-linked the new tree's file to it, outside the output folder."""
    built(project)
    outside = tmp_path / "elsewhere"
    shutil.move(project / "dist" / "assets", outside)
    (project / "dist" / "assets").symlink_to(outside, target_is_directory=True)
    inodes = {each.name: each.stat().st_ino for each in outside.iterdir()}
    edit(project, ISSUE_FILE, 'title: "The year', 'title: "Another year')
    dist = built(project)
    assert not (project / "dist" / "assets").is_symlink()
    for each in (project / "dist" / "assets").iterdir():
        assert each.stat().st_ino != inodes.get(each.name), f"{each.name} is a file outside the output"
    assert any(name.startswith("assets/") for name in dist)


def test_the_export_lock_is_never_opened_through_a_link(project: Path) -> None:
    """A lock file in the cache folder made a link (restored from a CI cache, say) had the
    build create the file it led to, outside the project."""
    built(project)
    (lock,) = (project / ".digest-cache").glob("export-*.lock")
    lock.unlink()
    elsewhere = project.parent / f"{project.name}-made-outside"
    lock.symlink_to(elsewhere)
    built(project)
    assert not os.path.lexists(elsewhere)


def test_an_in_place_update_that_fails_says_the_output_is_half_written(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import digest.output.export as export

    built(project)
    edit(project, ISSUE_FILE, 'title: "The year', 'title: "Another year')
    refuse_renaming(monkeypatch, project / "dist", errno.EBUSY)
    real_write, written = export._write_new, []

    def fills_up(path: Path, data: bytes) -> None:
        written.append(path)
        if Path(path).is_relative_to(project / "dist") and len(written) > 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real_write(path, data)

    monkeypatch.setattr(export, "_write_new", fills_up)
    result = run(project, "build", ISSUE)
    assert_clean_failure(
        result, ("dist:", "cannot write the output in place (No space left on device)", "half written")
    )
    assert stray_folders(project) == []


def disk_with_free_blocks(monkeypatch: pytest.MonkeyPatch, target: Path, blocks: int) -> None:
    """The disk under `target` says it has `blocks` blocks of 4,096 bytes free."""
    import digest.output.export as export

    real_statvfs = os.statvfs

    def statvfs(path: object) -> os.statvfs_result:
        info = real_statvfs(path)  # type: ignore[arg-type]
        if Path(os.fsdecode(path)) != target:  # type: ignore[arg-type]
            return info
        return os.statvfs_result((4096, 4096, 1_000, blocks, blocks, 1_000, 1_000, 1_000, 0, 255))

    monkeypatch.setattr(export.os, "statvfs", statvfs)


@pytest.mark.parametrize(("free_blocks", "fits"), [(0, False), (10_000, True)])
def test_an_in_place_update_the_disk_has_no_room_for_is_refused_before_a_file_changes(
    project: Path, monkeypatch: pytest.MonkeyPatch, free_blocks: int, fits: bool
) -> None:
    """dist/ a mount point on a full disk: updated in place, file by file, until the disk
    refused one, and left half written (a real 900 KB tmpfs, a review grown by 600 KB). The
    room it needs is known before a file is touched: what it writes less what it removes."""
    before = built(project)
    with (project / f"issues/{ISSUE}/llm-report-2025.md").open("a") as review:
        review.write("\n\n" + " ".join(f"word{number}" for number in range(40_000)) + "\n")
    refuse_renaming(monkeypatch, project / "dist", errno.EBUSY)
    disk_with_free_blocks(monkeypatch, project / "dist", free_blocks)
    result = run(project, "build", ISSUE)
    if fits:
        assert result.exit_code == 0, result.output
        assert "updated in place" in result.output
    else:
        assert_clean_failure(
            result, ("dist:", "bytes more than its disk has free", "nothing in it was changed")
        )
        assert tree(project / "dist") == before
    assert stray_folders(project) == []


def test_an_output_mounted_read_only_is_said_to_be_unchanged_not_half_written(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """dist/ a read-only mount (a container's volume mounted ro): it cannot be renamed, and
    its update in place fails at the first write, so nothing in it changed; the build said
    it was 'now half written', and to check permissions and free space."""
    import digest.output.export as export

    before = built(project)
    edit(project, ISSUE_FILE, 'title: "The year', 'title: "Another year')
    refuse_renaming(monkeypatch, project / "dist", errno.EBUSY)
    real_update = export._update

    def read_only(root: Path, outputs: dict[str, bytes], live: Path) -> None:
        if root == project / "dist":
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(root / ".digest-output"))
        real_update(root, outputs, live)

    monkeypatch.setattr(export, "_update", read_only)
    result = run(project, "build", ISSUE)
    assert_clean_failure(result, ("dist:", "(Read-only file system)", "nothing in it was changed"))
    assert "half written" not in result.output
    assert tree(project / "dist") == before
    assert stray_folders(project) == []


# --- the output edited by hand between builds --------------------------------------------------


@pytest.mark.parametrize("kind", ["same size, date put back", "hard link to a source", "link to a source"])
def test_a_build_after_the_output_was_edited_by_hand_equals_a_clean_build(
    project: Path, tmp_path_factory: pytest.TempPathFactory, kind: str
) -> None:
    """The export links a file a rebuild leaves unchanged from the last build: one edited by
    hand (its size and date kept) must be written anew, and a source linked in its place
    never written through."""
    built(project)
    page = project / "dist" / ISSUE / "index.html"
    settings = (project / "digest.toml").read_bytes()
    if kind == "same size, date put back":
        data = bytearray(page.read_bytes())
        data[len(data) // 2] ^= 0x01
        before = page.stat()
        page.write_bytes(bytes(data))
        os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    elif kind == "hard link to a source":
        page.unlink()
        os.link(project / "digest.toml", page)
    else:
        page.unlink()
        page.symlink_to(project / "digest.toml")
    assert built(project) == clean_build(project, tmp_path_factory.mktemp("clean"))
    assert (project / "digest.toml").read_bytes() == settings


def test_an_export_waiting_for_another_says_so_then_writes(tmp_path: Path) -> None:
    import fcntl

    from digest.output.written import output_key

    target, cache = tmp_path / "dist", tmp_path / "cache"
    cache.mkdir()
    held = os.open(cache / f"export-{output_key(target)}.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(held, fcntl.LOCK_EX)  # another build is exporting
    told: list[str] = []
    worker = threading.Thread(
        target=export, args=({"a.txt": b"A"}, target, cache), kwargs={"waiting": told.append}
    )
    worker.start()
    for _ in range(500):
        if told:
            break
        threading.Event().wait(0.01)
    assert told == [f"another digest build is writing {target}: waiting for it to finish"]
    assert not (target / "a.txt").exists()  # it waits its turn
    os.close(held)
    worker.join(30)
    assert (target / "a.txt").read_bytes() == b"A"


def test_an_export_that_need_not_wait_says_nothing(tmp_path: Path) -> None:
    told: list[str] = []
    export({"a.txt": b"A"}, tmp_path / "dist", tmp_path / "cache", waiting=told.append)
    assert told == []


@pytest.mark.parametrize("code", [errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL])
def test_an_export_where_the_cache_folder_has_no_locks_goes_on_unlocked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    # A cache folder on a share without a lock manager (NFS without lockd: ENOLCK) refuses
    # flock itself; the export goes on, as it does without a lock folder.
    import fcntl

    def refused(descriptor: int, operation: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(fcntl, "flock", refused)
    told: list[str] = []
    export({"a.txt": b"A"}, tmp_path / "dist", tmp_path / "cache", waiting=told.append)
    assert (tmp_path / "dist" / "a.txt").read_bytes() == b"A" and told == []


def test_making_room_removes_each_database_file_there_is(tmp_path: Path) -> None:
    """The cache's files were removed in turn until one was missing: a database without its
    WAL files (in rollback mode, as where the system gives no shared memory) kept its journal."""
    import digest.output.export as export

    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "build.sqlite3").write_bytes(b"d" * 3000)
    (cache / "build.sqlite3-journal").write_bytes(b"j" * 2000)
    (cache / "notes.json").write_bytes(b"{}")
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    assert export._free_the_cache(full, cache, tmp_path) == 5000
    assert sorted(each.name for each in cache.iterdir()) == ["notes.json"]


def test_an_export_lock_hard_linked_to_a_file_held_elsewhere_is_not_waited_on(tmp_path: Path) -> None:
    """The lock's name made a hard link to another file (the project copied with `cp -al`
    beside a build of the original, a backup of hard links): a build waited for whoever held
    that file, saying another digest build was writing this output. The name is removed
    first, as the cache's databases' are; the other name keeps its bytes."""
    import fcntl

    from digest.output.written import output_key

    target, cache = tmp_path / "dist", tmp_path / "cache"
    cache.mkdir()
    elsewhere = tmp_path / "someone-elses.lock"
    elsewhere.write_bytes(b"theirs")
    lock = cache / f"export-{output_key(target)}.lock"
    os.link(elsewhere, lock)
    held = os.open(elsewhere, os.O_RDWR)
    fcntl.flock(held, fcntl.LOCK_EX)  # held by another program, not a build of this output
    told: list[str] = []
    worker = threading.Thread(
        target=export, args=({"a.txt": b"A"}, target, cache), kwargs={"waiting": told.append}, daemon=True
    )
    try:
        worker.start()
        worker.join(20)
        assert not worker.is_alive() and told == [], told
    finally:
        os.close(held)
        worker.join(30)
    assert (target / "a.txt").read_bytes() == b"A"
    assert elsewhere.read_bytes() == b"theirs" and lock.stat().st_nlink == 1


def test_an_output_file_that_cannot_be_read_back_is_written_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The export compares the kept copy with the live output file by file; a live file whose
    read fails (EIO) was a traceback, where it is only one not known to hold the bytes."""
    from tests.test_files import failing_reads

    first = built(project)
    edit(project, ISSUE_FILE, 'title: "The year', 'title: "Another year')
    failing_reads(monkeypatch, "dist/sitemap.xml")
    second = built(project)
    monkeypatch.undo()
    assert second != first and second == tree(project / "dist")


def test_a_disk_that_reports_no_size_at_all_does_not_refuse_an_in_place_update(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file system that cannot tell its size answers statfs with zeros (a FUSE mount whose
    driver has no statfs: libfuse's default reports 0 blocks of 0 free): its 0 free blocks
    say nothing, and the build that fits must not be refused as if the disk were full."""
    import digest.output.export as export

    built(project)
    with (project / f"issues/{ISSUE}/llm-report-2025.md").open("a") as review:
        review.write("\n\n" + " ".join(f"word{number}" for number in range(40_000)) + "\n")
    refuse_renaming(monkeypatch, project / "dist", errno.EBUSY)
    real_statvfs, target = os.statvfs, project / "dist"

    def statvfs(path: object) -> os.statvfs_result:
        if Path(os.fsdecode(path)) != target:  # type: ignore[arg-type]
            return real_statvfs(path)  # type: ignore[arg-type]
        return os.statvfs_result((512, 0, 0, 0, 0, 0, 0, 0, 0, 255))

    monkeypatch.setattr(export.os, "statvfs", statvfs)
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    assert "updated in place" in result.output


def test_the_room_an_update_needs_counts_the_folders_it_makes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each new folder takes a block of its disk as a file does: a build of new folders on a
    disk with no block free was said to fit, and was left half written at the first mkdir."""
    import digest.output.export as export

    monkeypatch.setattr(
        export.os, "statvfs", lambda _: os.statvfs_result((4096, 4096, 1_000, 0, 0, 1_000, 0, 0, 0, 255))
    )
    outputs = {"issue-2025/a-review/index.html": b"", "issue-2025/index.html": b""}
    assert export._room_lacking(tmp_path, outputs) == 2 * 4096
