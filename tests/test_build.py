"""digest/checks/build.py: the check stage inside `digest build` and `digest links`, end to end through the CLI.

External links point only at servers these tests start on 127.0.0.x.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ONLY_LOOPBACK
from tests.helpers import LONG_SUBJECT, issue_md, set_line
from tests.linkservers import Servers, closed_port, serving
from tests.test_cli import run, tree
from tests.test_robustness import ISSUE

REVIEW = "issues/issue-2025/state-of-llms-2025.md"


@pytest.fixture
def servers() -> Iterator[Servers]:
    with serving(("127.0.0.1", "127.0.0.2")) as running:
        yield running


def online(project: Path) -> Path:
    """Turn the network check back on (the fixture turns it off) with short timeouts, for
    the servers the tests start on 127.0.0.x only."""
    config = project / "digest.toml"
    text = config.read_text().replace("check = false", "check = true").replace("timeout = 10", "timeout = 2")
    config.write_text(text + f"retries = 0\n{ONLY_LOOPBACK}\n")
    return project


def add_link(project: Path, url: str) -> None:
    review = project / REVIEW
    review.write_text(review.read_text() + f"\nFurther reading: [the source]({url}).\n")


def test_broken_link_stops_the_build_and_names_its_file(project: Path, servers: Servers) -> None:
    online(project)
    assert run(project, "build", "issue-2025").exit_code == 0
    before = tree(project / "dist")
    url = servers.url("127.0.0.1", "/status/404")
    add_link(project, url)
    result = run(project, "build", "issue-2025")
    assert result.exit_code == 1
    assert url in result.output and "404" in result.output
    assert "state-of-llms-2025.md" in result.output
    assert tree(project / "dist") == before


def test_links_report_as_json(project: Path, servers: Servers) -> None:
    online(project)
    good, gone = servers.url("127.0.0.1", "/status/200"), servers.url("127.0.0.2", "/status/410")
    add_link(project, good)
    add_link(project, gone)
    result = run(project, "links", "issue-2025", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    verdicts = {link["url"]: link["verdict"] for link in report["links"]}
    assert verdicts[good] == "ok" and verdicts[gone] == "broken"
    assert not (project / "dist").exists()


def test_second_run_is_served_from_the_cache(project: Path, servers: Servers) -> None:
    online(project)
    add_link(project, servers.url("127.0.0.1", "/status/200"))
    assert run(project, "build", "issue-2025").exit_code == 0
    requests = servers.traffic.total()
    assert requests >= 1
    assert run(project, "build", "issue-2025").exit_code == 0
    assert servers.traffic.total() == requests
    assert (project / ".digest-cache" / "links.sqlite3").is_file()


def test_no_check_links_skips_the_network_but_not_internal_links(project: Path, servers: Servers) -> None:
    online(project)
    add_link(project, servers.url("127.0.0.1", "/status/404"))
    assert run(project, "build", "issue-2025", "--no-check-links").exit_code == 0
    assert servers.traffic.total() == 0
    add_link(project, "https://digest.example.org/issue-2025/no-such-page/")
    result = run(project, "build", "issue-2025", "--no-check-links")
    assert result.exit_code == 1
    assert "no-such-page" in result.output


def test_unreachable_network_warns_once_and_strict_fails(project: Path) -> None:
    online(project)
    add_link(project, f"http://127.0.0.9:{closed_port('127.0.0.9')}/a")
    add_link(project, f"http://127.0.0.9:{closed_port('127.0.0.9')}/b")
    result = run(project, "build", "issue-2025")
    assert result.exit_code == 0, result.output
    assert result.output.count("network looks unreachable") == 1
    assert run(project, "build", "issue-2025", "--strict").exit_code == 1


def test_plain_http_link_in_the_email_fails_even_offline(project: Path) -> None:
    review = project / REVIEW
    review.write_text(review.read_text().replace("---\n", "---\nsource_url: http://example.org/post\n", 1))
    result = run(project, "build", "issue-2025", "--no-check-links")
    assert result.exit_code == 1
    assert "http://example.org/post" in result.output and "state-of-llms-2025.md" in result.output


def test_dangerous_link_schemes_never_reach_an_output(project: Path) -> None:
    intro = project / "issues" / "issue-2025" / "issue.md"
    intro.write_text(
        intro.read_text() + "\nSee [this](file:///etc/passwd) and [that](javascript:alert(1)).\n"
    )
    assert run(project, "build", "issue-2025", "--no-check-links").exit_code == 0
    from digest.checks.links import extract_links

    urls = [link.url for link in extract_links(tree(project / "dist"))]
    assert urls and not [url for url in urls if url.startswith(("file:", "javascript:"))]


def test_literal_merge_syntax_is_escaped_and_reported(project: Path) -> None:
    config = project / "digest.toml"
    config.write_text(config.read_text().replace('service = "generic"', 'service = "mailchimp"'))
    review = project / REVIEW
    review.write_text(review.read_text() + "\nTemplates write *|FNAME|* and {{ name }} literally.\n")
    result = run(project, "build", "issue-2025", "--no-check-links")
    assert result.exit_code == 0, result.output
    assert "merge-syntax" in result.output and "state-of-llms-2025.md" in result.output
    page = (project / "dist" / "issue-2025" / "review-the-state-of-llms-in-2025" / "index.html").read_text()
    assert "{{ name }}" in page  # the web edition is not pasted into a mail service
    email = (project / "dist" / "issue-2025" / "email.html").read_text()
    assert 'href="*|UNSUB|*"' in email  # the template's own merge tags stay live


def test_utm_tags_email_links_only(project: Path) -> None:
    config = project / "digest.toml"
    config.write_text(config.read_text().replace("https_only = true", "https_only = true\nutm = true"))
    assert run(project, "build", "issue-2025", "--no-check-links").exit_code == 0
    email = (project / "dist" / "issue-2025" / "email.html").read_text()
    assert "utm_source=newsletter&amp;utm_medium=email&amp;utm_campaign=issue-2025" in email
    assert "utm_" not in (project / "dist" / "issue-2025" / "index.html").read_text()
    assert b"utm_" not in (project / "dist" / "feed.xml").read_bytes()


def test_a_failed_build_prints_every_finding_before_the_error(project: Path) -> None:
    review = project / REVIEW
    broken = "".join(f"\n[gone {n}](https://digest.example.org/issue-2025/gone-{n}/)\n" for n in range(5))
    review.write_text(review.read_text() + broken)
    result = run(project, "build", "issue-2025", "--no-check-links")
    assert result.exit_code == 1
    assert all(f"gone-{n}/" in result.output for n in range(5))  # all five, not only the first three
    last = result.output.strip().splitlines()[-1]
    assert last == "Error: 5 errors in the table above: nothing exported"  # there was no earlier build
    assert sum("gone-0/" in line for line in result.output.splitlines()) == 1  # the table, once


def test_links_are_checked_in_scopes_an_issue_folder_each_and_the_site(project: Path) -> None:
    from digest.checks.build import link_scopes
    from digest.config import load_config
    from digest.pipeline import prepare

    result = prepare(load_config(project / "digest.toml"), "issue-2025")
    keys = {issue.id: f"key of {issue.id}" for issue in result.all_issues}
    scopes = link_scopes(result.all_issues, result.outputs, keys)
    by_first_output = {scope.outputs[0].partition("/")[0]: scope for scope in scopes}
    assert sorted(o for scope in scopes for o in scope.outputs) == sorted(result.outputs)
    for issue in result.all_issues:
        scope = by_first_output[issue.id]
        assert all(output.startswith(f"{issue.id}/") for output in scope.outputs)
        assert [s.paths for s in scope.sources] == [issue.sources] and issue.sources[-1].name == "issue.md"
        assert [s.fingerprint for s in scope.sources] == [keys[issue.id]]
    site = next(scope for scope in scopes if "index.html" in scope.outputs)
    assert "feed.xml" in site.outputs and len(site.sources) == len(result.all_issues)


def test_the_email_check_is_served_from_the_cache_only_for_the_same_email(project: Path) -> None:
    from digest.cache import BuildCache
    from digest.checks.build import check_email_output
    from digest.config import load_config
    from digest.pipeline import prepare

    config = load_config(project / "digest.toml")
    result = prepare(config, "issue-2025")
    email = "issue-2025/email.html"
    broken = {**result.outputs, email: result.outputs[email].replace(b"</body>", b'<img src="x.png"></body>')}
    fresh = check_email_output(config, result.issue, broken)
    assert fresh, "the broken email must fail a check"
    cache = BuildCache(project / "cache.sqlite3")
    assert check_email_output(config, result.issue, result.outputs, cache) == []
    assert check_email_output(config, result.issue, broken, cache) == fresh
    assert check_email_output(config, result.issue, broken, cache) == fresh
    cache.close()


def test_a_finding_about_a_setting_names_the_file_given_with_config(project: Path) -> None:
    other = project / "weekly.toml"
    text = (project / "digest.toml").read_text()
    other.write_text("\n".join(line for line in text.split("\n") if not line.startswith("postal_address")))
    result = run(project, "build", ISSUE, "--config", str(other))
    assert result.exit_code == 0, result.output
    assert "weekly.toml" in result.output and "postal_address" in result.output


def test_the_placeholder_introduction_of_digest_new_is_a_warning(project: Path) -> None:
    assert run(project, "new", "issue-2026-01", "--date", "2026-01-09").exit_code == 0
    path = issue_md(project, "issue-2026-01")
    shutil.copy(project / "issues" / "issue-2024" / "mixture-of-experts.md", path.parent)
    text = path.read_text()
    text = text.replace("reviews: []", "reviews: [mixture-of-experts.md]")
    path.write_text(
        text.replace('preheader: ""', 'preheader: "One note on mixture-of-experts, and why it came back."')
    )
    result = run(project, "build", "issue-2026-01", "--no-check-links")
    assert result.exit_code == 0, result.output
    assert "the introduction is still the placeholder" in result.output
    assert "issue.md:" in result.output
    strict = run(project, "build", "issue-2026-01", "--no-check-links", "--strict")
    assert strict.exit_code == 1
    path.write_text(path.read_text().replace("Write the editor's introduction here", "Our own words"))
    assert "still the placeholder" not in run(project, "build", "issue-2026-01", "--no-check-links").output


# --- an issue.md copied from last week's ---------------------------------------------------------


def copy_of_last_weeks_issue(project: Path) -> Path:
    """issue-2026-01, made by copying issue-2025's folder and changing only the date."""
    shutil.copytree(project / "issues" / ISSUE, project / "issues" / "issue-2026-01")
    path = issue_md(project, "issue-2026-01")
    set_line(path, "date", "2026-01-09")
    return path


def test_a_number_left_as_last_weeks_stops_the_build(project: Path) -> None:
    path = copy_of_last_weeks_issue(project)
    set_line(path, "subject", '"A new week"')
    result = run(project, "build", "issue-2026-01", "--no-check-links")
    assert result.exit_code == 1
    [row] = [line for line in result.output.splitlines() if "issue-number" in line]
    assert "issue-2026-01/issue.md:6:" in row and "'number: 2' is also issue-2025's number" in row
    set_line(path, "number", "3")
    assert run(project, "build", "issue-2026-01", "--no-check-links").exit_code == 0


def test_a_subject_left_as_last_weeks_is_a_warning(project: Path) -> None:
    path = copy_of_last_weeks_issue(project)
    for issue in (path, issue_md(project)):
        issue.write_text(issue.read_text().replace("number: 2\n", ""))
    result = run(project, "build", "issue-2026-01", "--no-check-links")
    assert result.exit_code == 0, result.output
    [row] = [line for line in result.output.splitlines() if line.startswith("subject")]
    assert "warning" in row and "issue-2026-01/issue.md:4:" in row and "issue-2025's too" in row
    assert run(project, "build", "issue-2026-01", "--no-check-links", "--strict").exit_code == 1


# --- a subject too long for any inbox -------------------------------------------------------


def test_a_subject_longer_than_inboxes_show_is_a_warning_naming_its_line(project: Path) -> None:
    path = issue_md(project)
    set_line(path, "subject", f'"{LONG_SUBJECT}"')
    result = run(project, "check", ISSUE, "--no-check-links")
    assert result.exit_code == 0, result.output
    assert f"{path}:4: the subject is {len('Issue 2: ' + LONG_SUBJECT)} characters" in result.output
    assert "put what matters first" in " ".join(result.output.split())
    assert run(project, "check", ISSUE, "--no-check-links", "--strict").exit_code == 1


def test_a_subject_of_ordinary_length_is_not_flagged(project: Path) -> None:
    result = run(project, "check", ISSUE, "--no-check-links")
    assert "characters: inboxes show" not in result.output


# --- a newsletter started from an empty settings file ---------------------------------------------


def test_a_build_reminds_the_editor_of_the_settings_to_make_before_the_first_issue(project: Path) -> None:
    (project / "digest.toml").write_text("[links]\ncheck = false\n", encoding="utf-8")
    result = run(project, "check", ISSUE, "--no-check-links")
    for setting, consequence in (
        ("[site] base_url", "https://digest.example.org/"),
        ("[site] title", "The Digest"),
        ("[feeds] id_prefix", "tag:digest.example.org,2025:"),
    ):
        line = next((line for line in result.output.splitlines() if f"{setting} is not set" in line), "")
        assert consequence in line, result.output
        assert "digest.toml" in line, line


def test_a_failed_build_says_the_previous_build_is_untouched_only_where_there_is_one(project: Path) -> None:
    assert run(project, "build", "issue-2025", "--no-check-links").exit_code == 0
    before = tree(project / "dist")
    review = project / REVIEW
    review.write_text(review.read_text() + "\n[gone](https://digest.example.org/issue-2025/gone/)\n")
    result = run(project, "build", "issue-2025", "--no-check-links")
    assert result.exit_code == 1
    assert (
        result.output.strip().splitlines()[-1].endswith("nothing exported, the previous build is untouched")
    )
    assert tree(project / "dist") == before


OLD_PAGE = "issue-2025/review-a-report-on-large-language-models-in-2025-and-beyond/"


def _retitle_the_report(project: Path) -> Path:
    review = project / "issues" / ISSUE / "llm-report-2025.md"
    review.write_text(review.read_text().replace("large language models", "LLMs", 1))
    return review


def test_a_page_the_last_build_wrote_and_this_one_does_not_is_named(project: Path) -> None:
    """A retitled review's page moves to the new title's address, and the links to the old
    one in the emails already sent and the feeds lead nowhere (found by review22): the build
    names the address it no longer writes, and the `slug:` that keeps it."""
    assert run(project, "build", ISSUE).exit_code == 0
    _retitle_the_report(project)
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    [note] = [line for line in result.output.splitlines() if OLD_PAGE in line]
    assert (
        note.startswith("note: ")
        and "slug: review-a-report-on-large-language-models-in-2025-and-beyond" in note
    )
    assert not (project / "dist" / OLD_PAGE).exists()
    again = run(project, "build", ISSUE)
    assert again.exit_code == 0 and OLD_PAGE not in again.output


def test_a_retitled_review_given_its_old_page_name_keeps_its_page_and_says_nothing(project: Path) -> None:
    assert run(project, "build", ISSUE).exit_code == 0
    review = _retitle_the_report(project)
    slug = OLD_PAGE.split("/")[1]
    review.write_text(review.read_text().replace("---\n", f"---\nslug: {slug}\n", 1))
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0 and OLD_PAGE not in result.output
    assert (project / "dist" / OLD_PAGE / "index.html").is_file()


def test_a_draft_review_built_with_drafts_and_left_out_again_is_no_lost_page(project: Path) -> None:
    folder = project / "issues" / ISSUE
    (folder / "draft-note.md").write_text("---\ntitle: A draft note\ndraft: true\n---\nNot yet.\n")
    issue = folder / "issue.md"
    issue.write_text(
        issue.read_text().replace(
            "      - llm-report-2025.md\n", "      - llm-report-2025.md\n      - draft-note.md\n"
        )
    )
    assert run(project, "build", ISSUE, "--drafts").exit_code == 0
    assert (project / "dist" / ISSUE / "a-draft-note" / "index.html").is_file()
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0 and "a-draft-note" not in result.output, result.output


@pytest.mark.parametrize(
    ("template", "output"),
    [
        ("email.txt.j2", f"{ISSUE}/email.txt"),
        ("review.html.j2", f"{ISSUE}/review-the-state-of-llms-in-2025/index.html"),
        ("base.html.j2", "index.html"),
        ("issue.html.j2", f"{ISSUE}/index.html"),
        ("archive.html.j2", "archive/2026/index.html"),
    ],
)
def test_a_template_override_that_writes_nothing_stops_the_build(
    project: Path, template: str, output: str
) -> None:
    """An empty file saved to start an override (`touch templates/email.txt.j2`) had the
    build publish an empty plain-text email, or empty pages, and say all checks passed."""
    from tests.test_robustness import assert_clean_failure

    assert run(project, "build", ISSUE).exit_code == 0
    before = tree(project / "dist")
    (project / "templates").mkdir()
    (project / "templates" / template).write_text("\n")
    result = run(project, "build", ISSUE)
    assert result.exit_code == 1, result.output
    finding = next(line for line in result.output.splitlines() if "empty-output" in line)
    assert "templates" in finding and output in finding and "writes nothing" in finding, finding
    assert_clean_failure(result, ("error in the table above",))
    assert tree(project / "dist") == before


def test_an_empty_stylesheet_override_is_a_choice_not_an_empty_page(project: Path) -> None:
    """An empty web.css leaves the pages unstyled, as its author chose: they still hold the issue."""
    (project / "templates").mkdir()
    (project / "templates" / "web.css").write_text("")
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
