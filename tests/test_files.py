"""Reading files as hostile input (digest.files): links, sockets, device nodes and folders nested
thousands deep among the sources."""

from __future__ import annotations

import errno
import hashlib
import importlib
import os
import shutil
import socket
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from digest.errors import DigestError
from digest.files import read_found, remove_tree, sha256_of, walk_files
from tests.conftest import list_first
from tests.helpers import FOLDER, Nest, built, clean_build, fails_cleanly, hang_fails
from tests.test_cli import run, tree
from tests.test_robustness import ISSUE, ISSUE_FILE


def test_a_listed_socket_is_named_as_no_regular_file(project: Path) -> None:
    """Opening a socket fails with ENXIO, which read as 'No such device or address'."""
    built(project)
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(project / FOLDER / "sock.md"))
        list_first(project / ISSUE_FILE, "sock.md")
        fails_cleanly(project, ("sock.md:", "is not a regular file", "read as a review"))
    finally:
        server.close()


# --- already right, not covered before ---------------------------------------------------


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda folder: (folder / "x.md").symlink_to(folder / "gone.md"), ("x.md:", "leads to no file")),
        (lambda folder: (folder / "x.md").symlink_to(folder / "x.md"), ("x.md:", "a loop of links")),
        (
            lambda folder: (folder / "x.md").symlink_to(
                folder.parent / "issue-2024" / "mixture-of-experts.md"
            ),
            ("x.md:", "link to a file outside"),
        ),
    ],
    ids=["dangling-link", "link-loop", "link-to-another-issue"],
)
def test_odd_links_listed_as_reviews_fail_cleanly(
    project: Path, setup: Callable[[Path], None], message: tuple[str, ...]
) -> None:
    built(project)
    setup(project / FOLDER)
    list_first(project / ISSUE_FILE, "x.md")
    fails_cleanly(project, message)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may make a device node")
def test_a_listed_device_node_is_never_read(project: Path) -> None:
    built(project)
    os.mknod(project / FOLDER / "zero.md", stat.S_IFCHR | 0o600, os.makedev(1, 5))  # /dev/zero
    list_first(project / ISSUE_FILE, "zero.md")
    fails_cleanly(project, ("zero.md:", "is not a regular file"))


@pytest.mark.parametrize("where", [FOLDER, "templates"])
def test_folders_nested_thousands_deep_beside_the_sources_build(
    project: Path, nest: Nest, where: str
) -> None:
    """The walks recursed once a folder: 1,200 folders deep raised RecursionError."""
    (project / where).mkdir(exist_ok=True)
    (nest(project / where, 1200) / "notes.txt").write_text("deep notes\n")
    built(project)


def test_walks_keep_their_order_and_pass_over_the_same_things(tmp_path: Path) -> None:
    from digest.files import passed_over, walk_files

    (tmp_path / "b" / "c").mkdir(parents=True)
    for name in ("a.txt", "b/z.txt", "b/c/y.txt", "c.txt"):
        (tmp_path / name).write_text(name)
    (tmp_path / "b" / "in.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "b" / "out.txt").symlink_to("/etc/hostname")
    (tmp_path / "b" / "folder").symlink_to(tmp_path / "b" / "c")
    os.mkfifo(tmp_path / "b" / "c" / "pipe")
    walked = [(found.name, found.linked) for found in walk_files(str(tmp_path))]
    assert walked == [
        ("a.txt", False),
        ("b/c/y.txt", False),
        ("b/in.txt", True),
        ("b/z.txt", False),
        ("c.txt", False),
    ]
    assert list(passed_over(str(tmp_path))) == [
        "b/c/pipe",
        f"b/folder -> {tmp_path / 'b' / 'c'}",
        "b/out.txt -> /etc/hostname",
    ]


@pytest.mark.usefixtures("removed_after")
def test_removing_a_tree_never_follows_a_link_and_copes_with_any_depth(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("keep\n")
    top = tmp_path / "tree"
    top.mkdir()
    (top / "file-link").symlink_to(outside / "keep.txt")
    os.mkfifo(top / "pipe")
    folder = os.open(top, os.O_RDONLY)
    try:  # 3,000 deep is past what a path may name: made through descriptors
        for _ in range(3000):
            os.mkdir("d", dir_fd=folder)
            inner = os.open("d", os.O_RDONLY, dir_fd=folder)
            os.close(folder)
            folder = inner
            os.close(os.open("f.txt", os.O_WRONLY | os.O_CREAT, dir_fd=folder))
        os.symlink(outside, "out", dir_fd=folder)
    finally:
        os.close(folder)
    for number in range(1, 4):  # the names it moves folders to, taken already
        (top / f".removing-{number}").mkdir()
    remove_tree(top)
    assert not os.path.lexists(top)
    assert (outside / "keep.txt").read_text() == "keep\n"
    link = tmp_path / "link"
    link.symlink_to(outside, target_is_directory=True)
    remove_tree(link)
    assert not os.path.lexists(link) and (outside / "keep.txt").exists()


def test_a_dangling_link_used_as_a_file_is_said_to_lead_nowhere(project: Path) -> None:
    """It read 'file not found: check its name', though the name was right."""
    built(project)
    with (project / FOLDER / "llm-report-2025.md").open("a") as review:
        review.write("\n[the data](data.csv)\n")
    (project / FOLDER / "data.csv").symlink_to("moved-away.csv")
    fails_cleanly(
        project, ("llm-report-2025.md:", "'data.csv'", "is a link that leads to no file (moved-away.csv")
    )


# --- unreadable files (chmod 000 stops everyone but root: simulated, so root runs it too) ---


def refuse_opening(monkeypatch: pytest.MonkeyPatch, ending: str) -> None:
    real_open = os.open

    def opener(path: object, flags: int, *args: object, **options: object) -> int:
        if os.fspath(path).endswith(ending):  # type: ignore[call-overload]
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))  # type: ignore[call-overload]
        return real_open(path, flags, *args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", opener)


@pytest.mark.parametrize(
    ("ending", "message"),
    [
        ("llm-report-2025.md", ("llm-report-2025.md:", "cannot read the review")),
        (f"{ISSUE}/issue.md", ("issue.md:", "cannot read the issue file")),
        ("training-costs.png", ("raschka-state-of-llms.md:", "cannot read the image")),
        ("static/site.css", ("static/site.css:", "cannot read the static file")),
        ("templates/review.html.j2", ("templates/review.html.j2:", "cannot read the template")),
        ("digest.toml", ("digest.toml:", "cannot read the settings file")),
    ],
)
def test_an_unreadable_source_is_named_with_what_to_do(
    project: Path, monkeypatch: pytest.MonkeyPatch, ending: str, message: tuple[str, ...]
) -> None:
    from digest.render.environment import theme_path

    (project / "static").mkdir()
    (project / "static" / "site.css").write_text("body {}\n")
    (project / "templates").mkdir()
    shutil.copy(theme_path() / "review.html.j2", project / "templates" / "review.html.j2")
    built(project)
    shutil.rmtree(project / ".digest-cache")  # everything is read again
    refuse_opening(monkeypatch, ending)
    fails_cleanly(project, (*message, "(Permission denied): check its permissions"))


def failing_reads(monkeypatch: pytest.MonkeyPatch, ending: str) -> None:
    """Every read of a file whose path ends in `ending` fails as a failing disk's or a lost
    network share's does (EIO), after it opened."""
    real_open, real_read = os.open, os.read
    failing: set[int] = set()

    def opener(path: object, flags: int, *args: object, **options: object) -> int:
        descriptor = real_open(path, flags, *args, **options)  # type: ignore[arg-type]
        (failing.add if os.fspath(path).endswith(ending) else failing.discard)(descriptor)  # type: ignore[call-overload]
        return descriptor

    def reader(descriptor: int, size: int) -> bytes:
        if descriptor in failing:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real_read(descriptor, size)

    monkeypatch.setattr(os, "open", opener)
    monkeypatch.setattr(os, "read", reader)


@pytest.mark.parametrize(
    ("ending", "message"),
    [
        ("llm-report-2025.md", ("llm-report-2025.md:", "cannot read the review")),
        (f"{ISSUE}/issue.md", ("issue.md:", "cannot read the issue file")),
        ("training-costs.png", ("raschka-state-of-llms.md:", "cannot read the image")),
        ("static/site.css", ("static/site.css:", "cannot read the static file")),
        ("templates/review.html.j2", ("templates/review.html.j2:", "cannot read the template")),
        ("digest.toml", ("digest.toml:", "cannot read the settings file")),
    ],
)
def test_a_source_whose_reading_fails_is_named_with_what_to_do(
    project: Path, monkeypatch: pytest.MonkeyPatch, ending: str, message: tuple[str, ...]
) -> None:
    """A read failing once the file is open (a disk's bad sector, a share gone, a /proc file
    named as a static folder's) was a traceback."""
    from digest.render.environment import theme_path

    (project / "static").mkdir()
    (project / "static" / "site.css").write_text("body {}\n")
    (project / "templates").mkdir()
    shutil.copy(theme_path() / "review.html.j2", project / "templates" / "review.html.j2")
    built(project)
    shutil.rmtree(project / ".digest-cache")  # everything is read again
    failing_reads(monkeypatch, ending)
    fails_cleanly(project, (*message, "(Input/output error): check the disk it is on"))


def zero_device(path: Path) -> None:
    """A character device at `path` that gives bytes for ever, as /dev/zero does."""
    path.unlink()
    os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 5))


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may make a device node")
@pytest.mark.parametrize(
    ("module", "function", "where", "size"),
    [
        ("digest.sources.issue", "walk", FOLDER, 1_500_000),  # over [build] max_review_bytes
        ("digest.render.environment", "walk_files", "templates", 500_000),  # any size it reads
    ],
)
def test_a_device_put_in_a_walked_files_place_is_never_read_to_its_end(
    project: Path, monkeypatch: pytest.MonkeyPatch, module: str, function: str, where: str, size: int
) -> None:
    """A file too large to be held with its issue (or any file of the templates folder) is
    hashed in chunks: replaced by a device once the walk had found it, it was read for ever."""
    (project / where).mkdir(exist_ok=True)
    unused = project / where / "unused.bin"
    unused.write_bytes(b"x" * size)
    walked = importlib.import_module(module)
    real_walk = getattr(walked, function)

    def walking(folder: str, *args: object, **options: object) -> Iterator[object]:
        for found in real_walk(folder, *args, **options):
            if getattr(found, "path", None) == str(unused):
                zero_device(unused)
            yield found

    monkeypatch.setattr(walked, function, walking)
    with hang_fails():
        result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output  # the file is no source of the build


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may make a device node")
def test_hashing_a_file_stops_past_its_limit_and_at_anything_but_a_regular_file(tmp_path: Path) -> None:
    """A file that grew past the size it was found at, or a device in its place, is never
    read to its end."""
    grown = tmp_path / "grown.bin"
    grown.write_bytes(b"x" * 10)
    assert sha256_of(str(grown), 10) == hashlib.sha256(b"x" * 10).hexdigest()
    with pytest.raises(OSError, match="grew"):
        sha256_of(str(grown), 9)
    device = tmp_path / "device"
    device.write_bytes(b"")
    zero_device(device)
    with hang_fails(), pytest.raises(OSError, match="not a regular file"):
        sha256_of(str(device), 1_000)


# --- the hostile world, round 14 ---------------------------------------------------------


def swap_for_a_link(folder: Path, elsewhere: Path) -> None:
    """`folder` moved aside (to `.aside`) and made a link to `elsewhere`, as a process racing
    the build would between a walk's listing and its reading."""
    folder.rename(folder.with_name(".aside"))
    folder.symlink_to(elsewhere)


def put_back(folder: Path) -> None:
    if folder.is_symlink():
        folder.unlink()
        folder.with_name(".aside").rename(folder)


def test_a_walked_file_whose_folder_became_a_link_out_is_never_read(tmp_path: Path) -> None:
    """The walk listed sub/a.txt; sub was then swapped for a link to a folder outside with a
    file of that name (and size): opening the path the walk found went through the link."""
    top, outside = tmp_path / "top", tmp_path / "outside"
    (top / "sub").mkdir(parents=True)
    (top / "sub" / "a.txt").write_text("mine\n")
    outside.mkdir()
    (outside / "a.txt").write_text("THEM\n")
    (found,) = walk_files(str(top))
    swap_for_a_link(top / "sub", outside)
    with pytest.raises(DigestError, match="build again"):
        read_found(found, top, 100)
    with pytest.raises(OSError, match="replaced"):
        sha256_of(found.path, 100, found.identity)
    put_back(top / "sub")
    assert read_found(found, top, 100) == b"mine\n"
    assert sha256_of(found.path, 100, found.identity) == hashlib.sha256(b"mine\n").hexdigest()


@pytest.mark.parametrize("listed", [True, False], ids=["once-listed", "before-listed"])
@pytest.mark.parametrize("command", [("build", "issue-2024"), ("build", ISSUE)])
def test_an_issue_folder_swapped_for_a_link_out_while_walked_publishes_nothing_from_outside(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...], listed: bool
) -> None:
    """The issue's folder made a link to a copy outside the project once its walk had listed
    it (or as the walk began, after the build had found the folder no link), and put back
    when the walk ended: the copy's words were published as the issue's (as a neighbour's
    summary in the archive, feeds and its pages)."""
    import digest.sources.issue as issue_module

    built(project)
    folder = project / FOLDER
    outside = tmp_path / "outside"
    shutil.copytree(folder, outside)
    for review in outside.glob("*.md"):
        review.write_text(review.read_text() + "\nNot the project's words.\n")
    real_walk, swapped = issue_module.walk, []

    def walking(top: str, *args: object, **options: object) -> Iterator[object]:
        if not listed and not swapped and top == str(folder):
            swap_for_a_link(folder, outside)
            swapped.append(True)
        try:
            for found in real_walk(top, *args, **options):
                if not swapped and top == str(folder):
                    swap_for_a_link(folder, outside)
                    swapped.append(True)
                yield found
        finally:  # the walk ended, or was given up for another
            put_back(folder)

    monkeypatch.setattr(issue_module, "walk", walking)
    result = run(project, *command)
    put_back(folder)
    assert swapped
    leaked = [name for name, data in tree(project / "dist").items() if b"Not the project" in data]
    assert not leaked, result.output
    # A file found moved is walked again (an editor's save), and the folder is back by then.
    assert result.exit_code == 0 or "build again" in result.output, result.output


def test_a_walk_takes_each_files_identity_as_it_lists_the_folder(tmp_path: Path) -> None:
    """The folder swapped for a link once the walk yielded its first file: the files after
    it had their status taken only when the walk reached them, through the link, so the
    outside files passed for the listed ones (found by the fuzzer's folder_swapped_after_walk)."""
    top, outside = tmp_path / "top", tmp_path / "outside"
    (top / "sub").mkdir(parents=True)
    outside.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (top / "sub" / name).write_text("mine\n")
        (outside / name).write_text("THEM\n")
    walking = walk_files(str(top))
    first = next(walking)
    swap_for_a_link(top / "sub", outside)
    for found in [first, *walking]:
        with pytest.raises(DigestError, match="build again"):
            read_found(found, top, 100)


def test_a_review_saved_by_an_editor_while_walked_is_read_as_saved(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """An editor saves by writing a new file and renaming it over the old one. Done between the
    walk listing a review and reading it, the build said the file 'could not be read when the
    build walked its folder', as of its permissions, then that it was replaced: build again
    (an autosave in any issue stopped every build). The folder is walked again instead."""
    import digest.sources.issue as issue_module

    built(project)
    real_walk, saved = issue_module.walk, []

    def walking(top: str, *args: object, **options: object) -> Iterator[object]:
        for found in real_walk(top, *args, **options):
            if not saved and found.name.endswith(".md") and found.name != "issue.md":
                fresh = found.path + ".new"
                shutil.copyfile(found.path, fresh)
                os.replace(fresh, found.path)
                saved.append(found.path)
            yield found

    monkeypatch.setattr(issue_module, "walk", walking)
    result = run(project, "build", ISSUE)
    assert saved, saved
    assert result.exit_code == 0, result.output
    monkeypatch.undo()
    assert tree(project / "dist") == clean_build(project, tmp_path / "clean")


def test_a_name_found_only_in_other_case_is_not_spelled_as_stored(tmp_path: Path) -> None:
    """macOS and Windows open 'Chart.png' as chart.png, Linux does not: judged by the names
    each folder lists, so a build says the same on every system (checked by hand on a FAT
    file system mounted with fusefat, where such names built and Linux refused them)."""
    from digest.files import spelled_as_stored

    (tmp_path / "Issues").mkdir()
    (tmp_path / "Issues" / "chart.png").write_bytes(b"x")
    (tmp_path / "Issues" / "caf\u0065\u0301.png").write_bytes(b"x")  # stored decomposed, as macOS does
    assert spelled_as_stored(tmp_path / "Issues" / "chart.png", tmp_path)
    assert spelled_as_stored(tmp_path / "Issues" / "caf\u00e9.png", tmp_path)  # Unicode form is no spelling
    assert not spelled_as_stored(tmp_path / "issues", tmp_path)
    assert not spelled_as_stored(tmp_path / "Issues" / "Chart.png", tmp_path)
    assert spelled_as_stored(tmp_path / "Issues" / "missing.png", tmp_path)  # not there: others say so
