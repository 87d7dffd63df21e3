"""`digest list`: issues with their counts and whether their build in dist/ is current."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

from digest.config import load_config
from digest.output.listing import CURRENT, NOT_BUILT, STALE, BuildState, IssueSummary, list_issues
from digest.sources.scaffold import new_issue
from tests.test_cli import run

OTHER_SETTINGS = "built with other settings than digest.toml's (edited since, or given on the command line)"


def by_id(project: Path) -> dict[str, IssueSummary]:
    return {s.id: s for s in list_issues(load_config(project / "digest.toml"))}


def state(project: Path, issue_id: str = "issue-2025") -> BuildState:
    return by_id(project)[issue_id].build


def keep_date(path: Path, text: str) -> None:
    before = path.stat()
    path.write_text(text)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def build(project: Path) -> None:
    assert run(project, "build", "issue-2025").exit_code == 0


def test_lists_every_issue_newest_first_with_counts(project: Path) -> None:
    summaries = list_issues(load_config(project / "digest.toml"))
    assert [s.id for s in summaries] == ["issue-2025", "issue-2024"]
    latest = summaries[0]
    assert latest.title == "The year in AI, in four reviews"
    assert latest.date is not None and latest.date.date() == date(2026, 1, 2)
    assert (latest.reviews, latest.drafts) == (4, 0)
    assert all(s.build == BuildState(NOT_BUILT) and s.problem is None for s in summaries)


def test_drafts_are_counted_apart(project: Path) -> None:
    review = project / "issues" / "issue-2025" / "llm-report-2025.md"
    review.write_text(review.read_text().replace("---\n", "---\ndraft: true\n", 1))
    latest = by_id(project)["issue-2025"]
    assert (latest.reviews, latest.drafts) == (3, 1)


def test_every_issue_is_current_after_a_build(project: Path) -> None:
    build(project)
    assert state(project) == BuildState(CURRENT, None, email=True)
    assert (project / "dist" / "issue-2024" / "email.html").is_file()
    assert state(project, "issue-2024") == BuildState(CURRENT, None, email=True)


def test_an_edit_makes_the_build_stale_whatever_the_file_dates_say(project: Path) -> None:
    build(project)
    review = project / "issues" / "issue-2025" / "state-of-llms-2025.md"
    original = review.read_text()
    keep_date(review, original.replace(" the ", " thx ", 1))  # same size, same date
    assert state(project) == BuildState(STALE, "state-of-llms-2025.md changed since the build", email=True)
    keep_date(review, original)
    assert state(project).status == CURRENT


def test_a_settings_file_rewritten_with_the_same_bytes_is_not_a_change(project: Path) -> None:
    build(project)
    config = project / "digest.toml"
    config.write_text(config.read_text())
    os.utime(config, ns=(4_000_000_000_000_000_000, 4_000_000_000_000_000_000))  # far in the future
    assert state(project).status == CURRENT
    config.write_text(config.read_text().replace("limit = 20", "limit = 19"))
    assert state(project) == BuildState(STALE, OTHER_SETTINGS, email=True)


def test_settings_that_shape_no_output_leave_the_build_current(project: Path) -> None:
    """How links are checked and where test emails go change no page: no reason to rebuild."""
    build(project)
    config = project / "digest.toml"
    config.write_text(config.read_text() + '\n[send]\nhost = "smtp.example.org"\n')
    config.write_text(config.read_text().replace("timeout = 10", "timeout = 3", 1))
    assert state(project).status == CURRENT


def test_settings_given_on_the_command_line_are_not_said_to_be_an_edit(project: Path) -> None:
    assert run(project, "build", "issue-2025", "--base-url", "https://elsewhere.example.org/").exit_code == 0
    assert state(project) == BuildState(STALE, OTHER_SETTINGS, email=True)


def test_a_change_to_the_neighbouring_issue_makes_the_issue_stale(project: Path) -> None:
    """An issue's page links the previous issue by its title: renaming it changes the page."""
    build(project)
    older = project / "issues" / "issue-2024" / "issue.md"
    older.write_text(older.read_text().replace('title: "2024 in review', 'title: "2024, reviewed', 1))
    assert state(project) == BuildState(
        STALE, "its previous issue, issue-2024, changed since the build", True
    )
    assert state(project, "issue-2024").reason == "issue.md changed since the build"


def test_a_new_issue_makes_the_one_before_it_stale(project: Path) -> None:
    build(project)
    newest = project / "issues" / "issue-2026"
    shutil.copytree(project / "issues" / "issue-2025", newest)
    issue = newest / "issue.md"
    issue.write_text(issue.read_text().replace("date: 2026-01-02", "date: 2026-02-06", 1))
    assert state(project) == BuildState(STALE, "its next issue is now issue-2026 (was none)", True)
    assert state(project, "issue-2024").status == CURRENT
    assert state(project, "issue-2026").status == NOT_BUILT


def test_a_build_with_drafts_is_not_current(project: Path) -> None:
    review = project / "issues" / "issue-2025" / "llm-report-2025.md"
    review.write_text(review.read_text().replace("---\n", "---\ndraft: true\n", 1))
    assert run(project, "build", "issue-2025", "--drafts").exit_code == 0
    assert state(project) == BuildState(
        STALE, "built with --drafts: its draft reviews are in the output", True
    )
    assert state(project, "issue-2024").status == CURRENT


def test_a_user_template_makes_the_build_stale(project: Path) -> None:
    build(project)
    config = load_config(project / "digest.toml")
    config.templates_path.mkdir()
    (config.templates_path / "email.css").write_text("body { color: #111; }\n")
    assert state(project) == BuildState(STALE, "the templates changed since the build", email=True)


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
    assert any(line.startswith("issue-2024") and "current" in line for line in lines)
    assert not (project / "issues" / "issue-2026-01" / "issue.md").read_text().count("reviews: [x]")


def test_cli_list_with_no_issues(tmp_path: Path) -> None:
    (tmp_path / "digest.toml").write_text("")
    result = run(tmp_path, "list")
    assert result.exit_code == 0
    assert "No issues yet" in result.output


def test_a_changed_static_file_or_logo_makes_the_build_stale(project: Path) -> None:
    static = project / "static"
    static.mkdir()
    (static / "robots.txt").write_text("User-agent: *\n")
    build(project)
    assert state(project).status == CURRENT
    (static / "robots.txt").write_text("User-agent: *\nDisallow: /\n")
    assert state(project) == BuildState(
        STALE, "the static folder or the logo changed since the build", email=True
    )


def test_the_help_says_the_state_is_judged_by_content_not_dates(project: Path) -> None:
    result = run(project, "list", "--help")
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "Judged by content, never by file dates" in text and "newer than" not in text
    assert "stale (naming what changed)" in text
