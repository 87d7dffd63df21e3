"""An issue folder read once and hashed (digest.sources.issue): the names issue.md lists, the walk of the folder, a review changed while a build reads it."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import list_first
from tests.helpers import FOLDER, REVIEW_FILE, built, fails_cleanly
from tests.test_robustness import ISSUE, ISSUE_FILE


# --- issue.md listing names no file can have ---------------------------------------------
@pytest.mark.parametrize("name", ["llm-report-2025.md\x00.md", ".", "./"])
def test_a_listed_name_no_file_can_have_is_refused_by_its_line(project: Path, name: str) -> None:
    """A NUL (YAML writes it as "\\0") raised Python's ValueError from realpath: a traceback."""
    built(project)
    list_first(project / ISSUE_FILE, name)
    fails_cleanly(project, ("issue.md", "must be a file name inside the issue folder"))


def test_the_issue_file_listed_as_a_review_is_refused(project: Path) -> None:
    """It was read as a review and published as one, front matter and all."""
    built(project)
    list_first(project / ISSUE_FILE, "issue.md")
    fails_cleanly(project, ("issue.md:", "'issue.md' is the issue file itself, not a review"))


# --- an issue folder of many files ----------------------------------------------------------
def test_an_issue_walk_holds_no_image_or_data_file(project: Path) -> None:
    """Every small file of an issue folder was held in memory for the whole load: a
    folder of 400 data files of 900 KB took the build from 70 to 380 MB."""
    from digest.config import load_config
    from digest.sources.issue import read_issue_files

    (project / FOLDER / "table.csv").write_bytes(b"a,b\n" * 1000)
    files = read_issue_files(load_config(project / "digest.toml"), ISSUE)
    names = dict(files.digests)
    assert "table.csv" in names and "training-costs.png" in names
    assert "table.csv" not in files.texts and "training-costs.png" not in files.texts
    assert "issue.md" in files.texts and "llm-report-2025.md" in files.texts


def test_reviews_past_what_a_walk_holds_build_the_same(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import digest.sources.issue as issue

    clean = tmp_path / "clean"
    shutil.copytree(project, clean)
    expected = built(clean)
    monkeypatch.setattr(issue, "HELD_BYTES", 0)  # nothing but issue.md held: every review read again
    assert built(project) == expected


def test_a_review_changed_after_the_walk_is_refused_not_parsed(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A review read again (past what the walk holds) must be the bytes the issue's cache
    key was made from."""
    import digest.sources.issue as issue

    built(project)
    monkeypatch.setattr(issue, "HELD_BYTES", 0)
    real = issue.read_issue_files

    def then_saved(config: object, issue_id: str) -> issue.IssueFiles:
        files = real(config, issue_id)  # type: ignore[arg-type]
        review = project / REVIEW_FILE
        review.write_text(review.read_text() + "\nSaved while the build ran.\n")
        return files

    monkeypatch.setattr(issue, "read_issue_files", then_saved)
    fails_cleanly(project, ("llm-report-2025.md:", "changed while the build read it", "build again"))


def test_an_issue_folder_that_cannot_be_listed_is_named_so(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder its files can be opened in but not listed (mode --x; root lists anything,
    so the refusal is simulated): 'the issue file changed while it was read: build again',
    which another build never cured."""
    built(project)
    folder, real = str(project / FOLDER), os.scandir

    def unlistable(path: str = ".") -> object:
        if os.fspath(path) == folder:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), folder)
        return real(path)

    monkeypatch.setattr(os, "scandir", unlistable)
    fails_cleanly(project, (f"{FOLDER}:", "cannot list the issue folder (Permission denied)", "permissions"))
