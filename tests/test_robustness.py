"""Hostile and broken input, one case per row, each through `digest build` in a copy of the demo project.

A bad row must exit 1 with one line that names the file (and line where known) and says
what to do, print no traceback, and leave the previous build's dist/ byte for byte as it was.
A good row (odd but valid input) must build.
"""

from __future__ import annotations

import contextlib
import errno
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import Result

from tests.test_cli import run, tree

ISSUE = "issue-2025"
REVIEW = f"issues/{ISSUE}/llm-report-2025.md"
OTHER_REVIEW = f"issues/{ISSUE}/state-of-llms-2025.md"
ISSUE_FILE = f"issues/{ISSUE}/issue.md"


def write(project: Path, relative: str, content: str | bytes) -> None:
    path = project / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def review(text: str | bytes) -> Callable[[Path], None]:
    return lambda project: write(project, REVIEW, text)


def prose(size: int) -> str:
    """Ordinary paragraphs of about `size` characters."""
    generator = random.Random(7)
    words = ["reasoning", "models", "agents", "benchmarks", "training", "compute", "weights", "review"]
    paragraphs, total = [], 0
    while total < size:
        paragraph = " ".join(generator.choice(words) for _ in range(90)) + "."
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def copy_of_another_review(project: Path) -> None:
    shutil.copy(project / OTHER_REVIEW, project / REVIEW)


def all_drafts(project: Path) -> None:
    for path in (project / "issues" / ISSUE).glob("*.md"):
        if path.name != "issue.md":
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("---\n", "---\ndraft: true\n", 1), encoding="utf-8")


def user_template(name: str, content: str) -> Callable[[Path], None]:
    return lambda project: write(project, f"templates/{name}", content)


def config_edit(old: str, new: str) -> Callable[[Path], None]:
    return lambda project: edit(project, "digest.toml", old, new)


def output_under_a_file(project: Path) -> None:
    write(project, "somefile", "a regular file where a folder should be\n")
    edit(project, "digest.toml", 'output_dir = "dist"', 'output_dir = "somefile/dist"')


def read_only_parent(project: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("running as root, which writes into read-only folders anyway")
    (project / "locked").mkdir()
    (project / "locked").chmod(0o555)
    edit(project, "digest.toml", 'output_dir = "dist"', 'output_dir = "locked/dist"')


def alias_bomb() -> str:
    """YAML's "billion laughs": nine levels of aliases, each nine times the one before."""
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    return "---\ntitle: Laughs\n" + "\n".join(levels) + "\ntags: *i\n---\nBody.\n"


@dataclass(frozen=True)
class Case:
    id: str
    setup: Callable[[Path], None]
    message: tuple[str, ...]  # pieces of the one-line error, the file first
    args: tuple[str, ...] = ("build", ISSUE)


FAILING = [
    Case(
        "malformed-yaml",
        review('---\ntitle: "Unclosed quote\ntags: [a, b\n---\nBody.\n'),
        ("llm-report-2025.md:3:", "invalid YAML front matter", "fix the syntax"),
    ),
    Case(
        "front-matter-not-a-mapping",
        review("---\n- just\n- a list\n---\nBody.\n"),
        ("llm-report-2025.md:2:", "must be 'key: value' lines"),
    ),
    Case(
        "front-matter-never-closed",
        review("---\ntitle: Open\n\nBody without a closing line.\n"),
        ("llm-report-2025.md:1:", "never closed", "add a closing '---' line"),
    ),
    Case(
        "no-title-yaml",
        review("---\ntags: [llm]\n---\nA body with no heading.\n"),
        ("llm-report-2025.md:", "no title", "add a 'title:' line"),
    ),
    Case(
        "no-title-toml",
        review('+++\ntags = ["llm"]\n+++\nA body with no heading.\n'),
        ("llm-report-2025.md:", "no title", "add a 'title:' line"),
    ),
    Case(
        "no-title-bare-markdown",
        review("Some **bold** text, and [a link](https://example.org/) but no heading.\n"),
        ("llm-report-2025.md:", "no title", "'# Title' heading"),
    ),
    Case(
        "no-title-blank-plain-text",
        review("\n   \n\t\n\n"),
        ("llm-report-2025.md:", "empty", "write the review or remove it"),
    ),
    Case(
        "impossible-date",
        review("---\ntitle: Leap\ndate: 2025-02-30\n---\nBody.\n"),
        ("llm-report-2025.md:3:", "'2025-02-30' is not a day of the calendar", "February 2025 has 28 days"),
    ),
    Case(
        "date-out-of-range",
        review("---\ntitle: Ancient\ndate: 0001-01-01T00:00:00+05:00\n---\nBody.\n"),
        ("llm-report-2025.md:3:", "out of range", "check the year"),
    ),
    Case(
        "latin-1",
        review("---\ntitle: Café\n---\nNaïve body.\n".encode("latin-1")),
        ("llm-report-2025.md:2:", "not UTF-8", "Windows-1252 or Latin-1", "save it as UTF-8"),
    ),
    Case(
        "utf-16",
        review("---\ntitle: Wide\n---\nBody.\n".encode("utf-16")),
        ("llm-report-2025.md:", "not UTF-8", "UTF-16", "save it as UTF-8"),
    ),
    Case("empty-file", review(b""), ("llm-report-2025.md:", "empty", "remove it from the issue")),
    Case(
        "binary-file",
        review(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8),
        ("llm-report-2025.md:", "binary file", "take it out of issue.md's list"),
    ),
    Case(
        "over-the-size-limit",
        review("---\ntitle: Huge\n---\n" + prose(1_200_000)),
        ("llm-report-2025.md:", "1,000,000-byte limit", "max_review_bytes"),
    ),
    Case(
        "yaml-alias-bomb",
        review(alias_bomb()),
        ("llm-report-2025.md:", "aliases", "not allowed in front matter"),
    ),
    Case(
        "yaml-nested-too-deep",
        review("---\ntitle: Deep\ntags: " + "[" * 5000 + "]" * 5000 + "\n---\nBody.\n"),
        ("llm-report-2025.md:2:", "nested too deeply", "flat 'key: value' lines"),
    ),
    Case(
        "toml-nested-too-deep",
        review('+++\ntitle = "Deep"\ntags = ' + "[" * 5000 + "]" * 5000 + "\n+++\nBody.\n"),
        ("llm-report-2025.md:2:", "nested too deeply", "flat 'key: value' lines"),
    ),
    Case(
        "duplicate-slug",
        copy_of_another_review,
        ("llm-report-2025.md:", "page name", "state-of-llms-2025.md", "'slug:' key"),
    ),
    Case(
        "issue-lists-a-missing-review",
        lambda project: edit(project, ISSUE_FILE, "- llm-report-2025.md", "- no-such-review.md"),
        ("issue.md:13:", "no-such-review.md", "fix the name or add the file"),
    ),
    Case(
        "issue-lists-a-path-outside",
        lambda project: edit(project, ISSUE_FILE, "- llm-report-2025.md", "- ../../digest.toml"),
        ("issue.md:13:", "../../digest.toml", "must be a file name inside the issue folder"),
    ),
    Case(
        "issue-file-malformed",
        lambda project: edit(project, ISSUE_FILE, "date: 2026-01-02", "date: [2026"),
        ("issue.md:", "invalid YAML front matter", "has no closing ']': end it with ']'"),
    ),
    Case(
        "only-drafts-left",
        all_drafts,
        ("issue.md:", "no reviews left to publish", "build with --drafts"),
    ),
    Case(
        "jinja-syntax-error",
        user_template(
            "issue.html.j2", '{% extends "base.html.j2" %}\n{% block content %}{% if %}{% endblock %}\n'
        ),
        ("templates/issue.html.j2:2:", "template syntax error"),
    ),
    Case(
        "mjml-does-not-compile",
        user_template("email.mjml.j2", "<mjml><mj-body><mj-section><mj-column><mj-text>{{ issue.title }}\n"),
        ("templates/email.mjml.j2:", "MJML failed to compile"),
    ),
    Case(
        "misspelled-config-key",
        config_edit('output_dir = "dist"', 'outptu_dir = "dist"'),
        ("digest.toml:", "unknown key 'outptu_dir' in [build]", "did you mean 'output_dir'?"),
    ),
    Case(
        "output-folder-under-a-file",
        output_under_a_file,
        ("somefile:", "is a file, not a folder", "choose another output folder"),
    ),
    Case(
        "output-folder-read-only",
        read_only_parent,
        ("locked", "cannot write", "check its permissions"),
    ),
    Case(
        "output-folder-is-the-project",
        config_edit('output_dir = "dist"', 'output_dir = "."'),
        ("digest.toml:", "would replace the project folder", "use a separate folder"),
    ),
    Case(
        "output-folder-is-the-issues",
        config_edit('output_dir = "dist"', 'output_dir = "issues"'),
        ("digest.toml:", "would replace [build] issues_dir", "use a separate folder"),
    ),
]


@dataclass(frozen=True)
class GoodCase:
    id: str
    setup: Callable[[Path], None]
    page: str  # a page the build must write
    title: str  # the title the page must show


PASSING = [
    GoodCase(
        "utf-8-bom-and-crlf",
        review(
            "\ufeff---\r\ntitle: Windows line endings\r\n---\r\nA body **written** on Windows.\r\n".encode()
        ),
        "windows-line-endings",
        "Windows line endings",
    ),
    GoodCase(
        "control-characters",
        review("# Stray \x01control\x7f characters\x0c\n\nA body\x08 pasted\x1b from a terminal.\n"),
        "stray-control-characters",
        "Stray control characters",
    ),
    GoodCase(
        "surrogate-escapes-in-yaml",
        review('---\ntitle: "Smile \\ud83d\\ude00 and a lone \\ud800 half"\n---\nBody.\n'),
        "smile-and-a-lone-half",
        "Smile \U0001f600 and a lone \ufffd half",
    ),
    GoodCase(
        "just-under-the-size-limit",
        review("---\ntitle: A very long review\n---\n" + prose(950_000)),
        "a-very-long-review",
        "A very long review",
    ),
    GoodCase(
        "thousands-of-identical-headings",
        review("# Repetitive\n\n" + "## Notes\n\nSome text.\n\n" * 20_000),
        "repetitive",
        "Repetitive",
    ),
]


def error_lines(result: Result) -> list[str]:
    return [line for line in result.output.splitlines() if line.startswith("Error:")]


def assert_clean_failure(result: Result, message: tuple[str, ...], exit_code: int = 1) -> None:
    assert result.exit_code == exit_code, result.output
    assert isinstance(result.exception, SystemExit), f"a bug, not a user error: {result.exc_info}"
    assert "Traceback" not in result.output
    lines = error_lines(result)
    assert len(lines) == 1, result.output
    position = 0
    for piece in message:  # in order: the file (and line) comes first
        found = lines[0].find(piece, position)
        assert found >= 0, f"{piece!r} not in {lines[0]!r} after position {position}"
        position = found + len(piece)


def stray_folders(project: Path) -> list[str]:
    return sorted(
        p.name for p in project.iterdir() if p.name.startswith((".digest-staging-", ".digest-old-"))
    )


@pytest.mark.parametrize("case", FAILING, ids=lambda case: case.id)
def test_bad_input_fails_cleanly_and_keeps_the_last_build(project: Path, case: Case) -> None:
    assert run(project, "build", ISSUE).exit_code == 0
    before = tree(project / "dist")
    case.setup(project)
    result = run(project, *case.args)
    assert_clean_failure(result, case.message)
    assert tree(project / "dist") == before
    assert stray_folders(project) == []
    assert (project / "digest.toml").is_file() and (project / ISSUE_FILE).is_file()


@pytest.mark.parametrize("case", PASSING, ids=lambda case: case.id)
def test_odd_but_valid_input_builds(project: Path, case: GoodCase) -> None:
    case.setup(project)
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    page = (project / "dist" / ISSUE / case.page / "index.html").read_text(encoding="utf-8")
    heading = re.search(r"<h1>(.*?)</h1>", page)
    assert heading is not None and heading.group(1) == case.title
    assert "\r" not in page and "\ufeff" not in page
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", page)
    assert stray_folders(project) == []


# --- nothing lost: a build killed with SIGKILL, and builds that read no clock

# Runs `digest build` in a child process that stops at a chosen moment of the export and
# says so on stdout, so the test kills it exactly there rather than after a guessed delay.
KILLED_BUILD = """
import os, shutil, sys, time
import digest.output.export as export
from digest.cli import main

moment = sys.argv[1]
real_write, real_keep = export._write_new, export._keep
written = 0

def stop_here():
    print("stopped", flush=True)
    time.sleep(120)

def write_new(path, data):
    global written
    real_write(path, data)
    written += 1
    if moment == "while-writing" and written == 3:
        stop_here()

def keep(old_tree, kept):
    if moment == "after-the-swap":
        stop_here()
    real_keep(old_tree, kept)

export._write_new, export._keep = write_new, keep
sys.argv = ["digest", "build", "issue-2025"]
main()
"""


def kill_build_at(project: Path, moment: str) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_BUILD, moment],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line == "stopped\n", (
            f"the build ended before the kill: {line!r} {child.stderr and child.stderr.read()}"
        )
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.communicate()
    assert child.returncode == -signal.SIGKILL


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="the child finds its files through /proc")
@pytest.mark.parametrize(
    ("moment", "builds_before"),
    [
        ("while-writing", 1),  # a fresh tree beside dist/
        ("after-the-swap", 1),
        ("while-writing", 2),  # with a cache: unchanged files linked from the live tree
    ],
)
def test_a_killed_build_leaves_a_complete_dist_and_the_next_build_no_leftovers(
    project: Path, moment: str, builds_before: int
) -> None:
    for _ in range(builds_before):
        assert run(project, "build", ISSUE).exit_code == 0
    previous = tree(project / "dist")
    edit(project, ISSUE_FILE, 'title: "The year in AI, in four reviews"', 'title: "A rebuilt issue"')

    kill_build_at(project, moment)

    if builds_before == 1:
        assert stray_folders(project), "the kill came before the export started"
    after_kill = tree(project / "dist")
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    rebuilt = tree(project / "dist")
    # Killed while writing, the old build is intact; killed after the swap, the new one is.
    assert after_kill == (rebuilt if moment == "after-the-swap" else previous)
    assert rebuilt != previous and b"A rebuilt issue" in rebuilt[f"{ISSUE}/index.html"]
    assert stray_folders(project) == []


def test_builds_read_no_clock(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SOURCE_DATE_EPOCH and the time zone change nothing: every date comes from the content."""
    outputs = []
    for epoch, zone in (("0", "UTC"), ("1900000000", "Pacific/Kiritimati"), ("86400", "America/St_Johns")):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        monkeypatch.setenv("TZ", zone)
        time.tzset()
        result = run(project, "build", ISSUE)
        assert result.exit_code == 0, result.output
        outputs.append(tree(project / "dist"))
    monkeypatch.undo()
    time.tzset()
    assert outputs[0] == outputs[1] == outputs[2]


# --- folders the user may not search or read (chmod 600 / 000) --------------------------------

_DENIED_CALLS = (
    "stat",
    "lstat",
    "open",
    "scandir",
    "listdir",
    "readlink",
    "access",
    "mkdir",
    "unlink",
    "rename",
)


@contextlib.contextmanager
def denied(folder: Path, closed: bool) -> Iterator[None]:
    """`folder` made unsearchable (chmod 600: its names can be listed, nothing in it reached)
    or closed (chmod 000: not even listed). Root passes over permissions, so there every
    call reaching into the folder is refused with EACCES, as the kernel refuses anyone else."""
    if os.geteuid() != 0:
        mode = folder.stat().st_mode
        folder.chmod(0 if closed else 0o600)
        try:
            yield
        finally:
            folder.chmod(mode)
        return
    inside = str(folder) + os.sep
    real = {name: getattr(os, name) for name in _DENIED_CALLS}

    def refusing(name: str) -> Callable[..., object]:
        def call(path: object, *args: object, **options: object) -> object:
            if options.get("dir_fd") is None and isinstance(path, str | bytes | os.PathLike):
                full = os.path.abspath(os.fsdecode(path))
                listing = name in ("scandir", "listdir", "open") and full == str(folder)
                if full.startswith(inside) or (closed and listing):
                    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path))
            return real[name](path, *args, **options)  # type: ignore[operator]

        return call

    for name in _DENIED_CALLS:
        setattr(os, name, refusing(name))
    try:
        yield
    finally:
        for name, call in real.items():
            setattr(os, name, call)


@pytest.mark.parametrize("closed", [False, True], ids=["unsearchable", "closed"])
@pytest.mark.parametrize(
    ("folder", "command"),
    [
        ("issues", ("build", ISSUE)),
        (f"issues/{ISSUE}", ("build", ISSUE)),
        ("issues/issue-2024", ("build", ISSUE)),
        ("issues/issue-2024", ("build", "--all")),
        ("templates", ("build", ISSUE)),
        ("static", ("build", ISSUE)),
        ("dist", ("build", ISSUE)),  # said to hold files digest did not write
    ],
)
def test_a_folder_without_permissions_is_named_and_never_passed_over(
    project: Path, folder: str, command: tuple[str, ...], closed: bool
) -> None:
    """Path.is_file() and its kin raise PermissionError where a folder above cannot be
    searched (a traceback), and a walk that could not list a folder built without it: the
    older issue left out of the archive, the static files left out of the site."""
    write(project, "static/notes.txt", "Static notes.\n")
    edit(project, "digest.toml", "[build]\n", '[build]\nstatic_dir = "static"\n')
    assert run(project, "build", "--all").exit_code == 0
    before = tree(project / "dist")
    with denied(project / folder, closed):
        result = run(project, *command)
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), f"a bug, not a user error: {result.exc_info}"
    (line,) = error_lines(result)
    assert str(project / folder) in line and "check its permissions" in line, line
    assert tree(project / "dist") == before


@pytest.mark.parametrize("closed", [False, True], ids=["unsearchable", "closed"])
def test_a_cache_folder_without_permissions_is_built_without(project: Path, closed: bool) -> None:
    """The export's look for the kept tree in the cache raised PermissionError, said as
    'cannot write the output folder' about the project's folder; a cache that cannot be
    used is built without, with a note, as one that is a file is."""
    assert run(project, "build", ISSUE).exit_code == 0
    edit(project, REVIEW, "---\n", "---\ntags: [kept]\n")
    with denied(project / ".digest-cache", closed):
        result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    assert "the build cache cannot be used" in result.output and "check its permissions" not in result.output
    built = tree(project / "dist")
    assert built == tree(clean_copy(project) / "dist")
    assert stray_folders(project) == []


def clean_copy(project: Path) -> Path:
    clean = project.with_name(f"{project.name}-clean")
    shutil.copytree(project, clean, ignore=shutil.ignore_patterns("dist", ".digest-cache"))
    assert run(clean, "build", ISSUE).exit_code == 0
    return clean


def test_a_templates_folder_that_can_be_listed_but_not_searched_names_its_permissions(project: Path) -> None:
    """Its override's name was listed and its bytes could not be read: the build said the
    template changed while it read it, and to build again, which changed nothing."""
    write(project, "templates/web.css", "body { color: #123456; }\n")
    assert run(project, "build", ISSUE).exit_code == 0
    before = tree(project / "dist")
    with denied(project / "templates", closed=False):
        result = run(project, "build", ISSUE)
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), f"a bug, not a user error: {result.exc_info}"
    (line,) = error_lines(result)
    assert "check the permissions" in line and "changed while the build read it" not in line, line
    assert tree(project / "dist") == before
