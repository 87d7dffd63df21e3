"""An editor's week with deliberate mistakes: every message says what is wrong and what to
do, and every exit code keeps the README's promise (0 done, 1 content, 2 usage)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import digest.cli
from tests.conftest import ONLY_LOOPBACK, list_first
from tests.test_cli import run
from tests.test_robustness import ISSUE_FILE, edit, error_lines


def test_a_new_issue_says_no_reviews_selected_yet_and_names_the_files_there(project: Path) -> None:
    assert run(project, "new", "issue-2026-01").exit_code == 0
    (project / "issues" / "issue-2026-01" / "notes-on-sqlite.txt").write_text("Notes on SQLite\n\nText.\n")
    result = run(project, "check", "issue-2026-01", "--no-check-links")
    assert result.exit_code == 1
    [line] = error_lines(result)
    assert "issue.md:" in line and "no reviews selected yet" in line and "notes-on-sqlite.txt" in line
    assert "the front matter needs" not in result.output
    listing = run(project, "list")
    assert listing.exit_code == 0 and "no reviews selected yet" in listing.output


def test_an_issue_in_progress_never_stops_another_build(project: Path) -> None:
    assert run(project, "new", "issue-2099").exit_code == 0
    result = run(project, "build", "issue-2025")
    assert result.exit_code == 0, result.output
    assert "issue-2099" in result.output and "left out of the archive and feeds" in result.output
    assert b"issue-2099" not in (project / "dist" / "index.html").read_bytes()
    assert b"issue-2099" not in (project / "dist" / "feed.xml").read_bytes()
    by_name = run(project, "build", "issue-2099")
    assert by_name.exit_code == 1 and "no reviews selected yet" in by_name.output


def test_an_issue_marked_draft_is_left_out_until_it_is_ready(project: Path) -> None:
    edit(project, "issues/issue-2024/issue.md", "---\n", "---\ndraft: true\n")
    result = run(project, "build", "issue-2025")
    assert result.exit_code == 0, result.output
    assert "issue-2024" in result.output and "draft: true" in result.output
    assert not (project / "dist" / "issue-2024").exists()


def test_a_misspelled_review_suggests_the_file_beside_it(project: Path) -> None:
    folder = project / "issues" / "issue-2025"
    (folder / "notes-on-sqlite.txt").write_text("Notes on SQLite\n\nText.\n")
    list_first(project / ISSUE_FILE, "notes-on-sqllite.txt")
    result = run(project, "build", "issue-2025")
    assert result.exit_code == 1
    [line] = error_lines(result)
    assert "issue.md:" in line and "did you mean 'notes-on-sqlite.txt'?" in line


def test_an_issue_that_does_not_exist_is_a_usage_error_with_a_suggestion(project: Path) -> None:
    (project / "issues" / "issue-2026-01").mkdir()
    (project / "issues" / "issue-2026-01" / "issue.md").write_text("---\ntitle: x\ndate: 2026-01-09\n---\n")
    result = run(project, "build", "issue-2026-1")
    assert result.exit_code == 2
    [line] = error_lines(result)
    assert "no issue 'issue-2026-1'" in line and "did you mean 'issue-2026-01'?" in line


def test_a_date_in_another_format_says_how_to_write_it(project: Path) -> None:
    result = run(project, "new", "issue-2026-12", "--date", "2026/12/05")
    assert result.exit_code == 2
    assert "write it as YYYY-MM-DD, e.g. 2026-12-05" in result.output
    assert "%Y" not in run(project, "new", "--help").output


def test_a_day_the_calendar_does_not_have_is_named_as_such_not_as_a_format_to_learn(project: Path) -> None:
    """'2026-02-30' is written as YYYY-MM-DD: being told to write it as YYYY-MM-DD sent the
    editor looking for a typo in the format (found by review21)."""
    for written, problem in (
        ("2026-02-30", "February 2026 has 28 days"),
        ("2026-13-02", "there is no month 13"),
    ):
        result = run(project, "new", "issue-2026-12", "--date", written)
        assert result.exit_code == 2
        assert f"'{written}' is not a day of the calendar: {problem}" in result.output, result.output
        assert "write it as YYYY-MM-DD" not in result.output


def test_a_failed_build_prints_the_table_once_and_a_short_last_line(project: Path) -> None:
    review = project / "issues" / "issue-2025" / "llm-report-2025.md"
    review.write_text(review.read_text() + "\n[gone](https://digest.example.org/issue-2025/gone/)\n")
    for command, ending in (
        ("build", "nothing exported"),  # the project was never built
        ("check", "`digest build` would stop"),
    ):
        result = run(project, command, "issue-2025", "--no-check-links")
        assert result.exit_code == 1
        [line] = error_lines(result)
        assert line.startswith("Error: 1 error in the table above") and line.endswith(ending)
        assert sum("issue-2025/gone/" in line for line in result.output.splitlines()) == 1


def test_links_without_the_network_still_list_every_link_with_its_source(project: Path) -> None:
    review = project / "issues" / "issue-2025" / "llm-report-2025.md"
    review.write_text(review.read_text() + "\nSee [the paper](https://example.org/paper).\n")
    result = run(project, "links", "issue-2025", "--format", "json", "--no-check-links")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    by_url = {link["url"]: link for link in report["links"]}
    paper = by_url["https://example.org/paper"]
    assert paper["status"] == "not checked" and paper["scope"] == "external"
    [origin] = {(place["origin"], place["line"]) for place in paper["found_in"] if place["origin"]}
    assert origin[0].endswith("llm-report-2025.md") and isinstance(origin[1], int)
    assert any(place["output"].endswith("/index.html") for place in paper["found_in"])
    external = {link["url"].partition("#")[0] for link in report["links"] if link["scope"] == "external"}
    assert (
        report["summary"]["not checked"] == len(external) and "https://arxiv.org/abs/2501.12948" in external
    )
    assert any(link["scope"] == "site" and link["status"] == "ok" for link in report["links"])


@pytest.mark.parametrize("quiet", [False, True])
def test_progress_shows_on_a_terminal_unless_quiet(
    project: Path, monkeypatch: pytest.MonkeyPatch, quiet: bool
) -> None:
    calls: list[tuple[int, int, str | None]] = []
    real = digest.cli._progress

    def watched(quiet_flag: bool):  # type: ignore[no-untyped-def]
        update = real(quiet_flag)
        return None if update is None else lambda *report: calls.append(report) or update(*report)

    monkeypatch.setattr(digest.cli, "stderr_is_terminal", lambda: True)
    monkeypatch.setattr(digest.cli, "_progress", watched)
    edit(project, "digest.toml", "check = false", f"check = true\n{ONLY_LOOPBACK}")
    review = project / "issues" / "issue-2025" / "llm-report-2025.md"
    review.write_text(review.read_text() + "\nSee [a page](http://127.0.0.1:9/nothing-listens-here).\n")
    args = ["links", "issue-2025", *(["--quiet"] if quiet else [])]
    result = run(project, *args)
    assert bool(calls) is not quiet
    assert ("checking links: 5/5" in result.output) is not quiet  # the demo has four more, excluded


# What a hostile value may add to a message: the start (where) and the end (what to do) stay.
LONG = 300_000


@pytest.mark.parametrize(
    ("where", "edit_made", "said"),
    [
        (
            "digest.toml:",
            ("digest.toml", 'title = "The Digest"', "title = The Digest " + "x" * LONG),
            "double quotes",
        ),
        (
            "llm-report-2025.md:",
            ("issues/issue-2025/llm-report-2025.md", "\n\n", f"\n\n![a chart]({'y' * LONG}.png)\n\n"),
            "put the file beside the review",
        ),
        (
            "llm-report-2025.md:",
            (
                "issues/issue-2025/llm-report-2025.md",
                "---\n",
                f'---\ndate: "{"2025-01-01x" * (LONG // 11)}"\n',
            ),
            "YYYY-MM-DD",
        ),
    ],
)
def test_a_hostile_value_quoted_in_an_error_is_shortened_in_its_middle(
    project: Path, where: str, edit_made: tuple[str, str, str], said: str
) -> None:
    edit(project, *edit_made)
    result = run(project, "build", "issue-2025")
    assert result.exit_code == 1
    [line] = error_lines(result)
    assert len(line) < 800, len(line)
    assert where in line and said in line and "..." in line


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("new", "a" * 3_000), "is not an issue id"),
        (("new", "issue-2099", "--title", "\x01" * 3_000), "remove it"),
        (("build", "b" * 3_000), "is not an issue id"),
    ],
    ids=["id", "title", "build"],
)
def test_a_long_value_given_on_the_command_line_is_quoted_shortened(
    project: Path, args: tuple[str, ...], said: str
) -> None:
    """A value quoted into a message is cut to about 200 characters, its start and end kept,
    so the line stays readable: the 2,000 characters every message may take were all its."""
    result = run(project, *args)
    assert result.exit_code in (1, 2)
    [line] = error_lines(result)
    assert len(line) < 700, len(line)
    assert said in line and "..." in line


def test_a_long_review_name_listed_is_quoted_shortened(project: Path) -> None:
    list_first(project / ISSUE_FILE, "r" * 3_000 + ".md")
    result = run(project, "build", "issue-2025")
    assert result.exit_code == 1
    [line] = error_lines(result)
    assert len(line) < 700, len(line)
    assert "issue.md:" in line and "'rrr" in line and "..." in line and "add the file" in line


@pytest.mark.parametrize(
    "link",
    [
        f"missing-{'z' * LONG}.html",  # a page this build does not write
        f"../../../../{'z' * LONG}",  # a page outside the site
        f"mailto:zzz@@{'z' * LONG}",
        f"tel:{'z' * LONG}",
    ],
    ids=["missing-page", "outside-the-site", "mailto", "tel"],
)
def test_a_hostile_address_in_a_finding_is_shortened_in_its_middle(project: Path, link: str) -> None:
    """An address a finding names was written out whole (cut only with the whole message,
    at 2,000 characters, which it filled): it is cut as a quoted value is, to about 200."""
    edit(project, "issues/issue-2025/llm-report-2025.md", "\n\n", f"\n\n[the data]({link})\n\n")
    result = run(project, "build", "issue-2025")
    assert result.exit_code == 1
    [finding] = [line for line in result.output.splitlines() if "zzz" in line]
    assert "llm-report-2025.md:" in finding and "zzz...zzz" in finding
    assert "characters left out" not in finding and max(map(len, re.findall("z+", finding))) <= 200


@pytest.mark.parametrize(
    "url", [f"ftp://{'z' * LONG}", f"https://example.org:99999/{'z' * LONG}"], ids=["ftp", "port"]
)
def test_a_hostile_address_of_a_link_item_is_shortened_in_its_middle(project: Path, url: str) -> None:
    """Its message says the address it cannot use: not a web address (ftp:), or one urllib
    cannot take apart (a port out of range)."""
    edit(project, ISSUE_FILE, "url: https://www.swebench.com/", f"url: {url}")
    result = run(project, "build", "issue-2025")
    assert result.exit_code == 1
    [line] = error_lines(result)
    assert "issue.md:" in line and url[:24] in line and "zzz...zzz" in line
    assert len(line) < 700, len(line)
