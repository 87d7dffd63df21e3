"""What a build was made from (digest.output.record): the record dist/ keeps, read back whatever it holds,
and what it says changed since the build (a file that cannot be read now is no change)."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.output.listing import CURRENT, STALE
from tests.helpers import built, refuse_first_opening
from tests.test_cli import run
from tests.test_listing import by_id, state
from tests.test_robustness import ISSUE


def test_a_build_record_nested_thousands_deep_reads_as_none(project: Path) -> None:
    """dist/ is often committed (GitHub Pages): a marker of JSON nested 200,000 deep stopped
    `digest list` with a RecursionError."""
    built(project)
    (project / "dist" / ".digest-output").write_text("[" * 200_000 + "]" * 200_000)
    result = run(project, "list")
    assert result.exit_code == 0, result.output
    assert result.output.count("not built") == 2


# --- `digest list` and a file it cannot read ------------------------------------------------


def test_digest_list_says_a_file_it_cannot_read_is_unreadable_not_changed(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It said 'training-costs.png changed since the build' of a file whose bytes no one
    touched; once it can be read again the build is current."""
    built(project)
    with monkeypatch.context() as patched:
        refuse_first_opening(patched, "training-costs.png")
        listed = by_id(project)[ISSUE].build
    assert listed.status == STALE
    assert listed.reason == "training-costs.png cannot be read now: check its permissions"
    assert state(project).status == CURRENT


def test_a_file_no_build_used_that_was_unreadable_when_walked_leaves_the_build_current(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build passed over a stray file it could not open (a build that needs a file it
    could not read stops), so its pages are what a build now makes: `digest list` called it
    stale ('stray-notes.md changed since the build') once the file could be read."""
    (project / "issues" / ISSUE / "stray-notes.md").write_text("Notes nobody listed.\n")
    with monkeypatch.context() as patched:
        refuse_first_opening(patched, "stray-notes.md")
        built(project)
    assert state(project).status == CURRENT
