"""Helpers several test files share: a copy of the demo project built, edited and failed cleanly
(built, built_output, clean_build, fails_cleanly, set_in_config, line_of, ...), issue.md and
review files edited (issue_md, set_line, review_file, write_review, with_intro), posts written
(write_file, write_in, post), saved pages (page_of, ends_in_time, finishes_in_time, returns_in_time) and the client report's views (styled_email, item,
messages).

The attack tests run as root on the project's machines: where a permission matters, they make the
file system refuse by a monkeypatched system call (refuse_listing, refuse_first_opening) rather
than chmod."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from digest.checks.clients.mailclients import MAJOR_CLIENTS, Client
from digest.checks.clients.report import ClientReport, ReportItem
from tests.test_cli import run, tree
from tests.test_robustness import ISSUE, assert_clean_failure, stray_folders

LIMIT_SECONDS = 60  # a linear reading of these inputs takes a second or two


BODY_PROSE = "<p>" + "Words of the article body, written for this test. " * 20 + "</p>"


def page_of(body: str, head: str = "<title>A real headline</title>") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def finishes_in_time(what: str, code: str, *arguments: str, limit: float = LIMIT_SECONDS) -> None:
    """Run `code` in a child process; it must succeed and end within the limit. A guard against
    a reading that never ends (quadratic on a hostile input), not a measure of speed: the
    limit is many times what a linear reading takes, even on a loaded machine."""
    try:
        subprocess.run([sys.executable, "-c", code, *arguments], check=True, timeout=limit)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{what}: still running after {limit} s")


def returns_in_time(what: str, action: Callable[[], object], limit: float = LIMIT_SECONDS) -> None:
    """Run `action` (and its assertions) in a forked child process; it must return within
    the limit. The same guard as finishes_in_time for code that needs the test's objects."""
    child = os.fork()
    if child == 0:  # pragma: no cover (the child's outcome is its exit status)
        code = 1
        try:
            action()
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    deadline = time.monotonic() + limit
    while (ended := os.waitpid(child, os.WNOHANG))[0] == 0:
        if time.monotonic() > deadline:
            os.kill(child, signal.SIGKILL)
            os.waitpid(child, 0)
            pytest.fail(f"{what}: still running after {limit} s")
        time.sleep(0.02)
    assert os.waitstatus_to_exitcode(ended[1]) == 0, f"{what}: failed in the child (its traceback is above)"


def ends_in_time(tmp_path: Path, name: str, text: str, reader: str, limit: float = LIMIT_SECONDS) -> None:
    """Read `text` saved as `name` in a child process; it must finish within the limit."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    module, function = reader.rsplit(".", 1)
    code = (
        "import sys\nfrom pathlib import Path\nfrom digest.errors import DigestError\n"
        f"from {module} import {function} as read\n"
        "try:\n    read(Path(sys.argv[1]))\nexcept DigestError:\n    pass\n"
    )
    finishes_in_time(f"{name}: {len(text):,} characters", code, str(path), limit=limit)


FOLDER = f"issues/{ISSUE}"


REVIEW_FILE = f"{FOLDER}/llm-report-2025.md"


def built(project: Path) -> dict[str, bytes]:
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    return tree(project / "dist")


def clean_build(project: Path, scratch: Path) -> dict[str, bytes]:
    """The same sources built from nothing: no cache, no previous output."""
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(project, scratch, ignore=shutil.ignore_patterns("dist", ".digest-cache"))
    return built(scratch)


def fails_cleanly(project: Path, message: tuple[str, ...], *args: str, exit_code: int = 1) -> None:
    """A build that fails with one line holding `message`'s pieces in order, and leaves
    dist/ as the last build left it."""
    before = tree(project / "dist")
    result = run(project, *(args or ("build", ISSUE)))
    assert_clean_failure(result, message, exit_code)
    assert "\x1b" not in result.output and "\x00" not in result.output
    assert tree(project / "dist") == before
    assert stray_folders(project) == []


def set_in_config(project: Path, section: str, line: str) -> None:
    """`line` written first in `[section]` of digest.toml (the section added if absent)."""
    path = project / "digest.toml"
    text = path.read_text()
    if f"[{section}]\n" not in text:
        text += f"\n[{section}]\n"
    path.write_text(text.replace(f"[{section}]\n", f"[{section}]\n{line}\n", 1))


# --- the caches are written in place: never through a link ------------------------------


def someone_elses_database(path: Path) -> bytes:
    import sqlite3

    database = sqlite3.connect(path)
    database.execute("CREATE TABLE bookmarks (url TEXT)")
    database.execute("INSERT INTO bookmarks VALUES ('https://example.org/')")
    database.commit()
    database.close()
    return path.read_bytes()


@contextlib.contextmanager
def not_writable(path: Path) -> Iterator[None]:
    """`path` made a file its user may not write: its mode, and for root (whom no mode stops)
    the immutable attribute; undone after."""
    path.chmod(0o444)
    if os.geteuid() != 0:
        yield
        return
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)]).returncode:
        pytest.skip("running as root, where only chattr +i makes a file read-only, and it failed")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


# --- folders nested thousands deep ----------------------------------------------------------
Nest = Callable[[Path, int], Path]


def line_of(path: Path, start: str) -> int:
    """The number of the first line of `path` starting with `start`."""
    lines = path.read_text().split("\n")
    return next(number for number, line in enumerate(lines, 1) if line.startswith(start))


def refuse_listing(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """`folder` cannot be listed (as a chmod 000 folder cannot, for anyone but root)."""
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if isinstance(path, str | os.PathLike) and Path(os.fspath(path)) == folder:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)


def refuse_first_opening(monkeypatch: pytest.MonkeyPatch, ending: str) -> list[str]:
    """os.open refuses (EACCES) the first opening of a path ending in `ending`, as a file
    whose permissions are put back a moment later; the paths it refused."""
    real_open = os.open
    refused: list[str] = []

    def opener(path: object, flags: int, *args: object, **options: object) -> int:
        name = os.fspath(path)  # type: ignore[call-overload]
        if isinstance(name, str) and name.endswith(ending) and not refused:
            refused.append(name)
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), name)
        return real_open(path, flags, *args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", opener)
    return refused


# --- what a walk passes over, appearing between builds --------------------------------------


def build_both(project: Path, tmp_path: Path) -> tuple[tuple[int, str], tuple[int, str]]:
    """An incremental build of `project` and a clean build of a copy of its sources (links
    and pipes copied as they are): exit code and last line of each, paths made alike."""
    from tests.fuzzing import copy_entry

    incremental = run(project, "build", ISSUE)
    clean_root = tmp_path / "clean"
    shutil.copytree(
        project,
        clean_root,
        ignore=shutil.ignore_patterns("dist", ".digest-cache"),
        symlinks=True,
        copy_function=copy_entry,
    )
    clean = run(clean_root, "build", ISSUE)
    return (
        (incremental.exit_code, incremental.output.strip().splitlines()[-1].replace(str(project), "<p>")),
        (clean.exit_code, clean.output.strip().splitlines()[-1].replace(str(clean_root), "<p>")),
    )


def odd_thing(kind: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        if kind == "pipe":
            os.mkfifo(path)
        elif kind == "empty-folder":
            path.mkdir()
        elif kind == "broken-link":
            path.symlink_to("moved-away")
        else:
            path.symlink_to("/etc/hostname")

    return make


def issue_md(project: Path, issue_id: str = ISSUE) -> Path:
    return project / "issues" / issue_id / "issue.md"


def set_line(path: Path, key: str, value: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
    lines[index] = f"{key}: {value}"
    path.write_text("\n".join(lines), encoding="utf-8")


def one_error_line(output: str) -> str:
    errors = [line for line in output.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1, output
    assert "Traceback" not in output
    return errors[0]


EARLIER = "issue-2024"


def review_file(project: Path, name: str = "state-of-llms-2025.md") -> Path:
    return project / "issues" / ISSUE / name


# --- the subject in the message file ------------------------------------------------------


LONG_SUBJECT = (
    "Week two — Tokyo’s punctual trains, Cairo’s unofficial minibus maps, and a field "
    "guide to bus priority signals that every planner should read 📍🗺️"
)


# --- the card's opening words -------------------------------------------------------------


def write_review(project: Path, body: str, front: str = "") -> Path:
    path = review_file(project)
    path.write_text(f'---\ntitle: "Parking minimums, ten years on"\ndate: 2025-11-30\n{front}---\n{body}')
    return path


def add_to_intro(project: Path, paragraph: str) -> None:
    path = issue_md(project)
    path.write_text(path.read_text() + f"\n{paragraph}\n")


SITE = "https://digest.example.org/"
A_REVIEW = "review-the-state-of-llms-in-2025"


def with_intro(project: Path, intro: str, issue_id: str = ISSUE) -> None:
    path = issue_md(project, issue_id)
    front, _ = path.read_text(encoding="utf-8").rsplit("\n---\n", 1)
    path.write_text(f"{front}\n---\n{intro}\n", encoding="utf-8")


def built_output(project: Path, name: str, *args: str) -> str:
    """The text of dist/ISSUE/`name` after a build without the network link check."""
    result = run(project, "build", ISSUE, "--no-check-links", *args)
    assert result.exit_code == 0, result.output
    return (project / "dist" / ISSUE / name).read_text(encoding="utf-8")


BODY = "\nA paragraph of the post, long enough to be its text.\n"


def write_file(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def post(folder: Path, front_matter: str, name: str = "post.md") -> Path:
    return write_file(folder / name, f"---\ntitle: A post\ndate: 2024-05-01\n{front_matter}---\n{BODY}")


def write_in(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


CLIENTS = {client.short: client for client in MAJOR_CLIENTS}


OUTLOOK = CLIENTS["Outlook Windows"]


YAHOO = CLIENTS["Yahoo"]


GMAIL = CLIENTS["Gmail web"]


OUTLOOK_MAC = CLIENTS["Outlook macOS"]


def item(report: ClientReport, client: Client, feature: str) -> ReportItem | None:
    support = next(each for each in report.clients if each.client == client)
    return next((each for each in support.items if each.feature == feature), None)


def messages(report: ClientReport, severity: str) -> list[str]:
    return [finding.message for finding in report.findings if finding.severity == severity]


def styled_email(style: str, body: str) -> str:
    return f"<!doctype html><html><head><style>{style}</style></head><body>{body}</body></html>"


class StillReading(Exception):
    """Raised in a read that would never end (not an OSError, which the build may catch)."""


@contextlib.contextmanager
def hang_fails(seconds: int = 60) -> Iterator[None]:
    """A read that would never end fails the test instead of hanging it."""

    def ring(signum: int, frame: object) -> None:
        raise StillReading(f"still reading after {seconds} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
