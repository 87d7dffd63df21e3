"""sources/site.py: the issues one build needs, each as it was when the build read it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from digest.cache import BuildCache
from digest.config import load_config
from digest.errors import ContentError
from digest.output.listing import list_issues
from digest.sources.site import load_site
from tests.helpers import built, fails_cleanly, issue_md, one_error_line, set_line
from tests.test_cli import run
from tests.test_robustness import ISSUE

OTHER = "issue-2024"


def edit_a_review_of(project: Path, issue_id: str) -> None:
    review = next(p for p in sorted((project / "issues" / issue_id).glob("*.md")) if p.name != "issue.md")
    review.write_text(review.read_text() + "\nEDITED during the build.\n")


def test_an_issue_read_again_is_the_one_the_build_started_with(project: Path) -> None:
    """Pages rendered from a whole issue are stored under the key of the summary the build
    read first: an edit saved in between must not reach them (an undo would bring it back)."""
    config = load_config(project / "digest.toml")
    cache = BuildCache(project / ".digest-cache" / "build.sqlite3")
    site = load_site(config, "issue-2025", False, cache)
    edit_a_review_of(project, OTHER)
    whole = site.issue(OTHER)
    assert "EDITED" not in "".join(review.body for review in whole.reviews)
    assert whole.summary() == next(s for s in site.summaries if s.id == OTHER)
    cache.close()


def test_the_site_names_the_issues_read_from_their_files_rather_than_the_cache(project: Path) -> None:
    """A cold build renders those in workers without first asking the cache for their outputs."""
    config = load_config(project / "digest.toml")
    cache = BuildCache(project / ".digest-cache" / "build.sqlite3")
    cold = load_site(config, "issue-2025", False, cache)
    cache.close()
    others = {summary.id for summary in cold.summaries} - {"issue-2025"}
    assert others and cold.read_now == others
    cache = BuildCache(project / ".digest-cache" / "build.sqlite3")
    edit_a_review_of(project, OTHER)
    assert load_site(config, "issue-2025", False, cache).read_now == {OTHER}
    cache.close()
    assert load_site(config, "issue-2025", False, None).read_now == others


def test_without_the_cache_an_issue_edited_during_the_build_stops_it(project: Path) -> None:
    config = load_config(project / "digest.toml")
    site = load_site(config, "issue-2025", False, None)
    edit_a_review_of(project, OTHER)
    with pytest.raises(ContentError, match=f"{OTHER} changed while it was being built: build again"):
        site.issue(OTHER)


def test_an_unchanged_issue_is_read_again_when_the_cache_lost_it(project: Path) -> None:
    config = load_config(project / "digest.toml")
    site = load_site(config, "issue-2025", False, None)
    assert site.issue(OTHER).summary() == next(s for s in site.summaries if s.id == OTHER)


# --- names that differ only in case -----------------------------------------------------------


def test_issue_ids_differing_only_in_case_are_refused(project: Path) -> None:
    """dist/Issue-2024/ and dist/issue-2024/ were both written: where case is ignored one
    replaced the other's pages. (`digest list` shows the problem:
    test_a_build_stops_on_two_issues_that_differ_only_in_case.)"""
    built(project)
    shutil.copytree(project / "issues" / "issue-2024", project / "issues" / "Issue-2024")
    fails_cleanly(project, ("only in case", "rename one of the folders"), "build", "--all")


def test_a_build_stops_on_two_issues_that_differ_only_in_case(project: Path) -> None:
    shutil.copytree(project / "issues" / "issue-2024", project / "issues" / "Issue-2024")
    set_line(issue_md(project, "Issue-2024"), "date", "2025-03-01")
    for command in (["build", ISSUE], ["build", "--all"], ["check", ISSUE]):
        result = run(project, *command, "--no-check-links")
        assert result.exit_code == 1, (command, result.output)
        line = one_error_line(result.output)
        assert "only in case" in line and "rename one of the folders" in line
    assert not (project / "dist").exists()
    summaries = {s.id: s for s in list_issues(load_config(project / "digest.toml"))}
    assert "only in case" in (summaries["Issue-2024"].problem or "")


# --- an issue folder that is a link ------------------------------------------------------


@pytest.mark.parametrize("inside", [True, False])
def test_an_issue_folder_that_is_a_link_is_named_when_other_builds_leave_it_out(
    project: Path, tmp_path_factory: pytest.TempPathFactory, inside: bool
) -> None:
    """issues/issue-2023 a link (to a folder elsewhere, or to one in the project): a build of it
    by name is refused, but `build --all` and builds of other issues left it out of the
    archive and feeds without a word."""
    elsewhere = (project / "drafts" if inside else tmp_path_factory.mktemp("elsewhere")) / "issue-2023"
    shutil.copytree(project / "issues" / "issue-2024", elsewhere)
    (project / "issues" / "issue-2023").symlink_to(elsewhere)
    result = run(project, "build", "--all")
    assert result.exit_code == 0, result.output
    link = project / "issues" / "issue-2023"
    assert f"note: {link} is a link, and digest never follows one: its issue is left out" in result.output
    assert not (project / "dist" / "issue-2023").exists()


def test_build_all_with_every_issue_in_progress_names_them(tmp_path: Path) -> None:
    """'create one with `digest new`' sent the editor to make an issue they had made."""
    from tests.test_cli import run

    (tmp_path / "digest.toml").write_text("")
    assert run(tmp_path, "new", "issue-2026-01", "--date", "2026-01-09").exit_code == 0
    result = run(tmp_path, "build", "--all", "--no-check-links")
    assert result.exit_code == 1
    assert one_error_line(result.output) == (
        f"Error: no published issues yet in {tmp_path / 'issues'}: issue-2026-01 is in progress "
        "(a draft, or no review selected yet): build it by name to see what it lacks"
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "digest.toml").write_text("")
    assert one_error_line(run(empty, "build", "--all").output) == (
        f"Error: no published issues yet in {empty / 'issues'}: create one with `digest new`"
    )
