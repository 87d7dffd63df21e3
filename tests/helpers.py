"""Helpers several test files share: building a copy of the demo project, editing its files, asserting a clean failure, reading a saved page."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.test_cli import run, tree
from tests.test_robustness import ISSUE, assert_clean_failure, stray_folders

LIMIT_SECONDS = 60  # a linear reading of these inputs takes a second or two


PROSE = "<p>" + "Words of the article body, written for this test. " * 20 + "</p>"


def page(body: str, head: str = "<title>A real headline</title>") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def ends_in_time(tmp_path: Path, name: str, text: str, reader: str, limit: float = LIMIT_SECONDS) -> None:
    """Read `text` saved as `name` in a child process; it must finish within the limit."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code = (
        "import sys\nfrom pathlib import Path\nfrom digest.errors import DigestError\n"
        f"from {reader.rsplit('.', 1)[0]} import {reader.rsplit('.', 1)[1]} as read\n"
        "try:\n    read(Path(sys.argv[1]))\nexcept DigestError:\n    pass\n"
    )
    try:
        subprocess.run([sys.executable, "-c", code, str(path)], check=True, timeout=limit)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{name}: {len(text):,} characters still being read after {limit} s")


FOLDER = f"issues/{ISSUE}"


REVIEW_FILE = f"{FOLDER}/llm-report-2025.md"


def built(project: Path) -> dict[str, bytes]:
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    return tree(project / "dist")


def fails_cleanly(project: Path, message: tuple[str, ...], *args: str) -> None:
    """A build that fails with one line holding `message`'s pieces in order, and leaves
    dist/ as the last build left it."""
    before = tree(project / "dist")
    result = run(project, *(args or ("build", ISSUE)))
    assert_clean_failure(result, message)
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


# --- folders nested thousands deep ----------------------------------------------------------
Nest = Callable[[Path, int], Path]
