"""Reading files as hostile input (digest.files): links, sockets, device nodes and folders nested thousands deep among the sources."""

from __future__ import annotations

import os
import socket
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import list_first
from tests.helpers import FOLDER, Nest, built, fails_cleanly
from tests.test_robustness import ISSUE_FILE


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
