"""Eighth attack round: Unicode names, hostile settings, a cache or output that cannot be
written, corrupted cache entries and sizes far past the usual, through the CLI in a copy of
the demo project. Each bad case ends in one line naming the file (and the setting or line)
and what to do, exit 1, no traceback, the previous dist/ as it was, and nothing written
outside dist/ and the cache folder. Cases the earlier rounds cover (tests/test_attack_round7.py
and before) are not repeated here.

These tests run as root on the project's machines: where a permission or a full disk
matters, they make the file system refuse by other means (a monkeypatched system call).
"""

from __future__ import annotations

import contextlib
import errno
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from digest.output.listing import CURRENT, STALE
from tests.helpers import FOLDER, REVIEW_FILE, built, fails_cleanly, set_in_config
from tests.test_attack_round7 import odd_thing
from tests.test_cli import run, tree
from tests.test_listing import state
from tests.test_robustness import ISSUE, assert_clean_failure

# --- settings: a pattern Python's re cannot hold ------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "shown"), [("a{99999999999}", "too large"), ("(" * 5000 + ")" * 5000, "nested")]
)
def test_an_exclude_pattern_re_cannot_hold_names_the_setting(project: Path, pattern: str, shown: str) -> None:
    """re.compile raises OverflowError for a repeat past 2**32 and RecursionError for
    thousands of nested groups, not re.error: both reached the user as tracebacks."""
    built(project)
    set_in_config(project, "links", f"exclude = ['{pattern}']")
    fails_cleanly(project, ("digest.toml", "[links] exclude pattern", "is not a regular expression", shown))


# --- the build cache: values whose bytes changed on disk ------------------------------------


def cache_values(project: Path) -> list[tuple[str, bytes]]:
    with contextlib.closing(sqlite3.connect(project / ".digest-cache" / "build.sqlite3")) as database:
        return [(key, bytes(value)) for key, value in database.execute("SELECT key, value FROM entries")]


def rewrite_values(project: Path, change: Callable[[bytes], bytes]) -> int:
    """Every stored value passed through `change`; how many it changed."""
    changed = 0
    with contextlib.closing(sqlite3.connect(project / ".digest-cache" / "build.sqlite3")) as database:
        for key, value in cache_values(project):
            if (new := change(value)) != value:
                database.execute("UPDATE entries SET value = ? WHERE key = ?", (new, key))
                changed += 1
        database.commit()
    return changed


def flip_bits(value: bytes) -> bytes:
    """Three bits of `value` flipped, chosen by its own bytes (the same each run)."""
    rng = random.Random(value)
    data = bytearray(value)
    for _ in range(3):
        index = rng.randrange(len(data))
        data[index] ^= 1 << rng.randrange(8)
    return bytes(data)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda value: value.replace(b"The year in AI", b"The year in XX"), id="a title"),
        pytest.param(lambda value: value[: len(value) // 2], id="truncated"),
        pytest.param(flip_bits, id="flipped bits"),
    ],
)
def test_a_cache_value_changed_on_disk_is_never_served(
    project: Path, tmp_path: Path, change: Callable[[bytes], bytes]
) -> None:
    """SQLite checks no value's bytes: a title changed in place was published as changed,
    flipped bits failed the build with false link errors, or an lxml traceback."""
    built(project)
    assert rewrite_values(project, change) > 0
    clean = tmp_path / "clean"
    shutil.copytree(project, clean, ignore=shutil.ignore_patterns("dist", ".digest-cache"))
    assert built(project) == built(clean)


# --- digest list: what a build's walk passes over --------------------------------------------


@pytest.mark.parametrize("kind", ["pipe", "empty-folder", "broken-link"])
def test_digest_list_sees_something_no_file_shadowing_a_static_image(project: Path, kind: str) -> None:
    """A review shows fig.png from static/; a pipe (an empty folder, a broken link) named
    fig.png then appears in the issue folder, where names are looked for first, and a
    build stops there. The record held only the files the walk hashed, so `digest list`
    still called the build current (the open item of the last stop)."""
    (project / "static").mkdir()
    shutil.copy(project / FOLDER / "training-costs.png", project / "static" / "fig.png")
    with (project / FOLDER / "llm-report-2025.md").open("a") as review:
        review.write("\n![A chart](fig.png)\n")
    built(project)
    assert state(project).status == CURRENT
    odd_thing(kind)(project / FOLDER / "fig.png")
    assert run(project, "build", ISSUE).exit_code == 1
    now = state(project)
    assert now.status == STALE and (now.reason or "").startswith("fig.png"), now


# --- names that differ only in Unicode form or in case --------------------------------------


def test_two_files_differing_only_in_unicode_form_are_refused(project: Path) -> None:
    """'café.md' written composed (as typed) and decomposed (as macOS writes it) are two
    files on Linux and one on macOS. The build used the one whose bytes matched the list
    and passed over the other without a word, though both look the same: an editor who
    edits the other sees no change."""
    built(project)
    folder = project / FOLDER
    composed, decomposed = (unicodedata.normalize(form, "café.md") for form in ("NFC", "NFD"))
    (folder / "llm-report-2025.md").rename(folder / composed)
    shutil.copy(folder / composed, folder / decomposed)
    issue = folder / "issue.md"
    issue.write_text(issue.read_text().replace("llm-report-2025.md", composed))
    fails_cleanly(
        project, (str(folder), "'caf\\xe9.md' and 'cafe\\u0301.md'", "Unicode form", "rename or delete one")
    )


def test_two_files_differing_only_in_case_are_refused(project: Path) -> None:
    """Chart.png and chart.png: on macOS and Windows one replaces the other; the build used
    whichever the review named, with no word of the other."""
    built(project)
    folder = project / FOLDER
    shutil.copy(folder / "training-costs.png", folder / "Training-Costs.png")
    fails_cleanly(project, (str(folder), "'Training-Costs.png' and 'training-costs.png'", "only in case"))


# --- digest new: a title no file or terminal can hold, a disk that fills --------------------


@pytest.mark.parametrize(
    ("title", "shown"),
    [("bad\udcff", "\\udcff"), ("x\x1b[2Jy", "\\x1b"), ("\x00", "\\x00"), ("\u202eevil", "\\u202e")],
)
def test_digest_new_refuses_a_title_no_page_or_terminal_can_hold(
    project: Path, title: str, shown: str
) -> None:
    """A title of bytes that are not UTF-8 (Python's surrogateescape) raised UnicodeEncodeError,
    a traceback, after issue.md was created empty; a NUL was written as "\\u0000" and read
    back as no title; an escape sequence or a direction override went into issue.md."""
    result = run(project, "new", "issue-2030", "--title", title)
    assert_clean_failure(result, ("--title", shown, "remove it"))
    assert "\x1b" not in result.output and "\x00" not in result.output
    assert not (project / "issues" / "issue-2030").exists()


def test_digest_new_on_a_full_disk_leaves_no_empty_issue_file(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file was created, its write failed: an empty issue.md stayed, which the next
    `digest new` called an existing issue and every build a broken one."""

    def full(descriptor: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    result = run(project, "new", "issue-2030")
    monkeypatch.undo()
    assert_clean_failure(result, ("issue-2030", "No space left on device"))
    assert not (project / "issues" / "issue-2030" / "issue.md").exists()
    assert run(project, "new", "issue-2030").exit_code == 0


# --- text nested past what a page or an email can hold --------------------------------------


def nest_in_intro(project: Path, markdown: str) -> None:
    issue = project / FOLDER / "issue.md"
    issue.write_text(issue.read_text() + f"\n{markdown}\n")


def test_an_introduction_nested_fifty_thousand_deep_is_refused_not_a_crash(project: Path) -> None:
    """'> ' fifty thousand times made fifty thousand nested blockquotes: MJML (native code)
    ran out of stack and the process died of a segmentation fault, with no word and no
    exit code but 139. Run in a process of its own, so a crash cannot take the tests down."""
    built(project)
    nest_in_intro(project, "> " * 50_000 + "deep")
    before = tree(project / "dist")
    result = subprocess.run(
        [sys.executable, "-m", "digest", "build", ISSUE],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    line = next(line for line in result.stderr.splitlines() if line.startswith("Error:"))
    assert "issue.md:" in line and "nested" in line and "flatten" in line, line
    assert tree(project / "dist") == before


@pytest.mark.parametrize(
    ("where", "markdown"),
    [("intro", "> " * 150 + "deep"), ("intro", "- " * 150 + "deep"), ("review", "> " * 150 + "deep")],
)
def test_text_nested_past_a_hundred_levels_is_refused_by_its_line(
    project: Path, where: str, markdown: str
) -> None:
    built(project)
    if where == "intro":
        nest_in_intro(project, markdown)
        fails_cleanly(project, ("issue.md:", "nested 1", "deep", "flatten"))
    else:
        with (project / REVIEW_FILE).open("a") as review:
            review.write(f"\n{markdown}\n")
        fails_cleanly(project, ("llm-report-2025.md:", "nested 1", "deep", "flatten"))


def test_a_link_comment_nested_past_a_hundred_levels_is_refused(project: Path) -> None:
    built(project)
    issue = project / FOLDER / "issue.md"
    text = issue.read_text()
    comment = re.search(r'^ +comment: ".*"$', text, re.MULTILINE)
    assert comment is not None
    issue.write_text(text.replace(comment.group(0), f'        comment: "{"> " * 150}deep"', 1))
    fails_cleanly(project, ("issue.md:", "nested 1", "deep", "flatten"))


# --- templates: names no file system holds, syntax nested past Python's stack ---------------


def override_review_template(project: Path, inserted: str) -> Path:
    from digest.render.environment import theme_path

    anchor = '<div class="body"'
    text = (theme_path() / "review.html.j2").read_text()
    (project / "templates").mkdir(exist_ok=True)
    path = project / "templates" / "review.html.j2"
    path.write_text(text.replace(anchor, inserted + anchor, 1))
    return path


def test_a_template_included_by_a_name_too_long_for_a_file_is_not_found(project: Path) -> None:
    """The loader's is_file() raised OSError (File name too long): a traceback."""
    built(project)
    path = override_review_template(project, '{% include "' + "a" * 5000 + '.j2" %}')
    fails_cleanly(project, (f"{path}:", "template not found"))


@pytest.mark.parametrize(
    "inserted",
    [
        pytest.param("{% if 1 %}" * 3000 + "{% endif %}" * 3000, id="blocks"),
        pytest.param("{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}", id="brackets"),
        pytest.param("{% for a in [1] %}" * 25 + "{% endfor %}" * 25, id="loops"),
        pytest.param("{% for a in [1] %}" * 200 + "{% endfor %}" * 200, id="indentation"),
    ],
)
def test_template_syntax_nested_thousands_deep_is_named_not_a_traceback(project: Path, inserted: str) -> None:
    """Jinja's parser recurses once a level: RecursionError, raised outside any template's
    frame, was taken for a bug in digest and shown as a traceback; Python refuses the code
    of 20 loops inside each other (SyntaxError), another traceback."""
    built(project)
    path = override_review_template(project, inserted)
    fails_cleanly(project, (str(path), "nested too deep", "flatten"))


def test_two_static_files_differing_only_in_unicode_form_are_refused(project: Path) -> None:
    """Static files differing only in case were refused; café.txt composed and decomposed
    were both published, and on macOS (and on a web server there) one replaces the other."""
    built(project)
    (project / "static").mkdir()
    for form in ("NFC", "NFD"):
        (project / "static" / unicodedata.normalize(form, "café.txt")).write_text(form)
    fails_cleanly(project, ("static", "differs only in Unicode form", "rename the file"))


# --- found by the fuzzer's hostile settings ----------------------------------------------------


@pytest.mark.parametrize("title", ['""', '"   "'])
def test_an_empty_site_title_names_the_setting(project: Path, title: str) -> None:
    """feedgen raised ValueError (Required fields not set (title)) while writing the Atom
    feed: a traceback."""
    built(project)
    path = project / "digest.toml"
    path.write_text(path.read_text().replace('title = "The Digest"', f"title = {title}", 1))
    fails_cleanly(project, ("digest.toml", "[site] title", "empty"))
