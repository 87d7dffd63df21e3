"""`digest new`: the scaffold of an issue, its number, and its refusal to overwrite one."""

from __future__ import annotations

import errno
import os
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from digest.config import load_config
from digest.errors import ContentError
from digest.sources.issue import load_issue
from digest.sources.issue_file import ISSUE_KEYS
from digest.sources.reviews import decode, parse
from digest.sources.scaffold import new_issue
from tests.helpers import EARLIER, issue_md, one_error_line
from tests.test_cli import run
from tests.test_robustness import ISSUE, assert_clean_failure


def test_scaffold_has_every_field_with_a_comment(project: Path) -> None:
    config = load_config(project / "digest.toml")
    path = new_issue(config, "issue-2026-01", title="Tides: a first issue", issue_date=date(2026, 1, 9))
    assert path == project / "issues" / "issue-2026-01" / "issue.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    for key in ISSUE_KEYS:
        index = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
        assert lines[index - 1].startswith("# "), f"'{key}:' has no comment above it"
    meta = parse(decode(path), path).meta
    assert set(meta) == ISSUE_KEYS
    assert meta["title"] == "Tides: a first issue"
    assert meta["date"] == "2026-01-09"
    assert meta["reviews"] == []


def test_scaffold_loads_once_a_review_is_listed(project: Path) -> None:
    config = load_config(project / "digest.toml")
    path = new_issue(config, "issue-2026-01", title=None, issue_date=date(2026, 1, 9))
    (path.parent / "note.md").write_text("# A note\n\nA paragraph of the note.\n", encoding="utf-8")
    path.write_text(path.read_text().replace("reviews: []", "reviews: [note.md]"), encoding="utf-8")
    issue = load_issue(config, "issue-2026-01").issue
    assert issue.title == "issue-2026-01"  # the id until the editor gives a title
    assert issue.date == datetime(2026, 1, 9, tzinfo=UTC)
    assert [review.title for review in issue.reviews] == ["A note"]
    assert issue.intro.strip()


def test_existing_issue_is_never_overwritten(project: Path) -> None:
    config = load_config(project / "digest.toml")
    existing = project / "issues" / "issue-2025" / "issue.md"
    before = existing.read_bytes()
    with pytest.raises(ContentError, match="already exists"):
        new_issue(config, "issue-2025", title="Other", issue_date=date(2026, 1, 1))
    assert existing.read_bytes() == before


@pytest.mark.parametrize("issue_id", ["../escape", "has space", "", "-leading-dash"])
def test_bad_issue_id_is_refused(project: Path, issue_id: str) -> None:
    config = load_config(project / "digest.toml")
    with pytest.raises(ContentError, match="is not an issue id"):
        new_issue(config, issue_id, title=None, issue_date=date(2026, 1, 1))
    assert not (project / "escape").exists()


def test_cli_new_then_refuses_the_second_time(project: Path) -> None:
    result = run(project, "new", "issue-2026-02", "--title", "February", "--date", "2026-02-06")
    assert result.exit_code == 0, result.output
    path = project / "issues" / "issue-2026-02" / "issue.md"
    assert 'title: "February"' in path.read_text()
    assert "date: 2026-02-06" in path.read_text()
    again = run(project, "new", "issue-2026-02")
    assert again.exit_code == 1
    assert "Error:" in again.output and "already exists" in again.output
    assert len(again.output.strip().split("\n")) == 1
    assert 'title: "February"' in path.read_text()


def test_cli_new_rejects_a_bad_date(project: Path) -> None:
    result = run(project, "new", "issue-2026-03", "--date", "9 March")
    assert result.exit_code == 2
    assert not (project / "issues" / "issue-2026-03").exists()


@pytest.mark.parametrize("target", ["outside", "nowhere"])
def test_digest_new_never_writes_through_a_folder_link(project: Path, target: str) -> None:
    """`digest new` wrote issue.md through a link to a folder outside the project, where
    no build looks (builds never walk a folder link); a broken link read as 'the issue
    already exists'."""
    outside = project.parent / f"{project.name}-{target}"
    if target == "outside":
        outside.mkdir()
    (project / "issues" / "issue-2030").symlink_to(outside)
    result = run(project, "new", "issue-2030")
    assert_clean_failure(result, ("issues/issue-2030:", "is a link to a folder", "remove the link"))
    assert not outside.exists() or list(outside.iterdir()) == []


def test_a_new_issue_differing_only_in_case_from_a_folder_is_refused(project: Path) -> None:
    (project / "issues" / "Issue-2026").mkdir()  # a folder, with no issue.md yet
    result = run(project, "new", "ISSUE-2026")
    assert result.exit_code == 2 and "'Issue-2026' only in case" in result.output
    assert "choose another id" in result.output
    assert not (project / "issues" / "ISSUE-2026").exists()


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
    back as no title; an escape sequence or a direction override went into issue.md. A
    value typed on the command line: a usage error (2), as the README's exit codes say."""
    result = run(project, "new", "issue-2030", "--title", title)
    assert_clean_failure(result, ("--title", shown, "remove it"), exit_code=2)
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


# --- issue ids that differ only in case --------------------------------------------------


def test_new_refuses_an_id_that_differs_from_an_issue_only_in_case(project: Path) -> None:
    result = run(project, "new", "ISSUE-2025")
    assert result.exit_code == 2
    line = one_error_line(result.output)
    assert "'issue-2025'" in line and "only in case" in line and "choose another id" in line
    assert not (project / "issues" / "ISSUE-2025").exists()


# --- the next issue's number ----------------------------------------------------------------------


def test_new_numbers_the_issue_after_the_highest_number_so_far(project: Path) -> None:
    result = run(project, "new", "issue-2026-01", "--title", "Next week")
    assert result.exit_code == 0, result.output
    front = issue_md(project, "issue-2026-01").read_text(encoding="utf-8")
    assert re.search(r"^number: 3$", front, re.M), front
    assert "number: 3" in result.output


def test_new_leaves_the_number_empty_for_a_newsletter_that_numbers_no_issue(project: Path) -> None:
    for issue_id in (ISSUE, EARLIER):
        path = issue_md(project, issue_id)
        path.write_text(
            re.sub(r"^number: .*\n", "", path.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8"
        )
    result = run(project, "new", "issue-2026-01")
    assert result.exit_code == 0, result.output
    assert re.search(r"^number:$", issue_md(project, "issue-2026-01").read_text(encoding="utf-8"), re.M)
