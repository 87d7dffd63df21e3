"""`digest check`: every validation of a build, nothing written, the exit codes of `digest build`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_cli import BAD_INPUTS, run


def test_clean_issue_passes_and_writes_nothing(project: Path) -> None:
    result = run(project, "check", "issue-2025")
    assert result.exit_code == 0, result.output
    assert "All checks passed." in result.output
    assert "checked issue-2025: ready to build" in result.output
    assert not (project / "dist").exists()


@pytest.mark.parametrize(
    ("case", "relative", "content", "message"), BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS]
)
def test_bad_input_fails_check_as_it_fails_build(
    project: Path, case: str, relative: str, content: str | None, message: str
) -> None:
    path = project / "issues" / relative
    if content is None:
        path.unlink()
    else:
        path.write_text(content)
    checked = run(project, "check", "issue-2025")
    assert checked.exit_code == 1
    assert message in checked.output and path.name in checked.output
    assert "Traceback" not in checked.output
    assert run(project, "build", "issue-2025").exit_code == checked.exit_code
    assert not (project / "dist").exists()


def test_an_email_finding_is_tabled_and_fails(project: Path) -> None:
    issue = project / "issues" / "issue-2025" / "issue.md"
    lines = issue.read_text().split("\n")
    issue.write_text("\n".join(line for line in lines if not line.startswith("preheader:")))
    result = run(project, "check", "issue-2025")
    assert result.exit_code == 1
    table = result.stdout.split("\n")
    assert table[0].split() == ["check", "severity", "message"]
    assert any(row.startswith("preheader") and " error " in row for row in table)
    assert "`digest build` would stop" in result.output
    assert not (project / "dist").exists()


def test_drafts_flag_includes_a_draft_review(project: Path) -> None:
    review = project / "issues" / "issue-2025" / "llm-report-2025.md"
    review.write_text(review.read_text().replace("---\n", "---\ndraft: true\n", 1))
    without = run(project, "check", "issue-2025")
    assert without.exit_code == 0 and "draft, left out" in without.output
    with_drafts = run(project, "check", "issue-2025", "--drafts")
    assert with_drafts.exit_code == 0 and "draft, left out" not in with_drafts.output


def test_usage_errors_exit_2(project: Path) -> None:
    assert run(project, "check").exit_code == 2
    assert run(project, "check", "issue-2025", "--no-such-flag").exit_code == 2
