"""`digest list`: issues with their counts and whether their build in dist/ is current."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from digest.config import load_config
from digest.output.listing import CURRENT, NOT_BUILT, STALE, IssueSummary, build_state, list_issues
from digest.sources.scaffold import new_issue
from tests.test_cli import run


def by_id(project: Path) -> dict[str, IssueSummary]:
    return {s.id: s for s in list_issues(load_config(project / "digest.toml"))}


def age_everything_under(root: Path, seconds: int) -> None:
    """Move the files' modification times into the past, as if they were written long ago."""
    for path in [root, *root.rglob("*")]:
        info = path.stat()
        os.utime(path, ns=(info.st_atime_ns - seconds * 10**9, info.st_mtime_ns - seconds * 10**9))


def touch(path: Path) -> None:
    """Rewrite a file and date it ten seconds ahead: an edit made after the build."""
    path.write_bytes(path.read_bytes())
    future = path.stat().st_mtime_ns + 10 * 10**9
    os.utime(path, ns=(future, future))


def build(project: Path) -> None:
    """Build after dating the sources an hour back; edits afterwards are dated ahead (`touch`),
    so the order never depends on how recently the built-in theme was checked out."""
    age_everything_under(project / "issues", 3600)
    age_everything_under(project / "digest.toml", 3600)
    assert run(project, "build", "issue-2025").exit_code == 0


def test_lists_every_issue_newest_first_with_counts(project: Path) -> None:
    summaries = list_issues(load_config(project / "digest.toml"))
    assert [s.id for s in summaries] == ["issue-2025", "issue-2024"]
    latest = summaries[0]
    assert latest.title == "The year in AI, in four reviews"
    assert latest.date is not None and latest.date.date() == date(2026, 1, 2)
    assert (latest.reviews, latest.drafts) == (4, 0)
    assert all(s.build.status == NOT_BUILT and s.problem is None for s in summaries)


def test_drafts_are_counted_apart(project: Path) -> None:
    review = project / "issues" / "issue-2025" / "llm-report-2025.md"
    review.write_text(review.read_text().replace("---\n", "---\ndraft: true\n", 1))
    latest = by_id(project)["issue-2025"]
    assert (latest.reviews, latest.drafts) == (3, 1)


def test_built_issue_is_current_and_the_other_is_not_built(project: Path) -> None:
    build(project)
    summaries = by_id(project)
    assert summaries["issue-2025"].build.status == CURRENT
    assert (project / "dist" / "issue-2024" / "index.html").is_file()  # its pages, but not its email
    assert summaries["issue-2024"].build.status == NOT_BUILT


def test_editing_a_review_or_the_config_makes_the_build_stale(project: Path) -> None:
    build(project)
    config = load_config(project / "digest.toml")
    touch(project / "digest.toml")
    assert build_state(config, "issue-2025").status == STALE
    assert build_state(config, "issue-2025").newer_source == project / "digest.toml"
    build(project)
    assert build_state(config, "issue-2025").status == CURRENT
    review = project / "issues" / "issue-2025" / "state-of-llms-2025.md"
    touch(review)
    state = build_state(config, "issue-2025")
    assert state.status == STALE and state.newer_source == review


def test_a_user_template_newer_than_the_build_makes_it_stale(project: Path) -> None:
    build(project)
    config = load_config(project / "digest.toml")
    assert build_state(config, "issue-2025").status == CURRENT
    config.templates_path.mkdir()
    (config.templates_path / "email.css").write_text("body { color: #111; }\n")
    touch(config.templates_path / "email.css")
    assert build_state(config, "issue-2025").status == STALE


def test_an_issue_that_does_not_load_is_listed_with_its_problem(project: Path) -> None:
    config = load_config(project / "digest.toml")
    new_issue(config, "issue-2026-01", title="Not ready", issue_date=date(2026, 1, 9))
    summary = by_id(project)["issue-2026-01"]
    assert summary.title == "Not ready"
    assert summary.date is not None and summary.date.date() == date(2026, 1, 9)
    assert (summary.reviews, summary.drafts) == (0, 0)
    assert summary.problem is not None and "reviews" in summary.problem


def test_cli_list_prints_a_table(project: Path) -> None:
    build(project)
    assert run(project, "new", "issue-2026-01", "--title", "Not ready", "--date", "2026-01-09").exit_code == 0
    result = run(project, "list")
    assert result.exit_code == 0, result.output
    lines = result.output.strip().split("\n")
    assert lines[0].split() == ["issue", "date", "reviews", "drafts", "dist", "title"]
    assert lines[1].split()[:3] == ["issue-2026-01", "2026-01-09", "0"]
    assert lines[2].startswith("  problem:")
    assert any(line.startswith("issue-2025") and "The year in AI" in line for line in lines)
    assert any(line.startswith("issue-2024") and "not built" in line for line in lines)


def test_cli_list_with_no_issues(tmp_path: Path) -> None:
    (tmp_path / "digest.toml").write_text("")
    result = run(tmp_path, "list")
    assert result.exit_code == 0
    assert "No issues yet" in result.output
