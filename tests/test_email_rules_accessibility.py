"""What screen readers announce (digest.checks.email_rules.accessibility): layout tables, alt text, heading levels, link names."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.checks.origins import EmailSources
from tests.helpers import broken, findings_of, issue_md, line_in_html, only
from tests.test_cli import run
from tests.test_robustness import ISSUE


def test_layout_table_without_role_is_an_error() -> None:
    html = broken('role="presentation" style="border-collapse:collapse', 'style="border-collapse:collapse')
    finding = only(findings_of(html), "tables")
    assert finding.line == line_in_html(
        '<table border="0" cellpadding="0" cellspacing="0" style="border-collapse:collapse;', html
    )


def test_data_table_with_headers_needs_no_role() -> None:
    table = '<table><tr><th>Book</th></tr><tr><td style="font-family:serif">Lichens</td></tr></table>'
    assert findings_of(broken("<h2", f"{table}<h2")) == []


def test_image_without_alt_is_an_error() -> None:
    html = broken('<img alt="The Digest" ', "<img ")
    assert "logo.png" in only(findings_of(html), "img-alt").message


def test_decorative_image_with_empty_alt_passes() -> None:
    assert findings_of(broken('<img alt="The Digest" ', '<img alt="" ')) == []


def test_skipped_heading_level_is_an_error() -> None:
    html = broken('<h2 style="font-size:20px">A field guide', '<h3 style="font-size:20px">A field guide')
    html = broken("lichens</h2>", "lichens</h3>", html)
    finding = only(findings_of(html), "headings")
    assert "<h3> follows <h1>" in finding.message


def test_a_heading_level_skipped_in_the_introduction_names_its_line_in_issue_md(project: Path) -> None:
    """'### What mattered' in the introduction follows the masthead's <h1>: the finding named
    the theme's email.mjml.j2, a file the editor never wrote (found by review21). It names
    issue.md and the heading's line."""
    path = issue_md(project)
    text = path.read_text(encoding="utf-8")
    marker = "One thread ties the four together."
    path.write_text(text.replace(marker, f"### What *mattered*\n\n{marker}", 1), encoding="utf-8")
    line = path.read_text(encoding="utf-8").splitlines().index("### What *mattered*") + 1
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 1, result.output
    [finding] = [row for row in result.output.splitlines() if row.startswith("headings")]
    assert f"issue.md:{line}: <h3> follows <h1>" in finding, finding
    assert "email.mjml.j2" not in finding


def test_a_heading_level_skipped_in_a_link_items_comment_names_its_line_in_issue_md(project: Path) -> None:
    """A link item's comment is written in issue.md too: its heading's finding named the
    theme's template."""
    path = issue_md(project)
    text = path.read_text(encoding="utf-8")
    old = 'comment: "The leaderboard in the middle of the benchmark argument.'
    assert old in text
    path.write_text(
        text.replace(
            old, 'comment: "##### Read first\n\n  The leaderboard in the middle of the benchmark argument.', 1
        ),
        encoding="utf-8",
    )
    line = next(
        n
        for n, each in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "##### Read first" in each
    )
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 1, result.output
    [finding] = [row for row in result.output.splitlines() if row.startswith("headings")]
    assert f"issue.md:{line}: <h5> follows <h3>" in finding, finding


def test_an_underlined_heading_of_the_introduction_is_found_by_its_words_and_the_themes_is_not() -> None:
    from digest.checks.origins import Location, SourceFile

    text = "---\ntitle: T\n---\nIntro.\n\nThe `tram` *plan*\n---\n\n## Other\n"
    issue = SourceFile(Path("issue.md"), text, '<p>Intro.</p>\n<h2 id="the-tram-plan">The tram plan</h2>')
    sources = EmailSources(issue=issue)
    assert sources.heading("the-tram-plan", "The tram  plan") == Location(Path("issue.md"), 6)
    assert sources.heading("the-four-reviews", "The four reviews") is None  # the theme's own


def test_link_without_name_is_an_error() -> None:
    html = broken("<p>An unhurried", '<p><a href="https://digest.example.org/x"> </a>An unhurried')
    assert "https://digest.example.org/x" in only(findings_of(html), "link-names").message


@pytest.mark.parametrize(
    "link",
    [
        '<a href="https://digest.example.org/x" aria-label="Home"></a>',
        '<a href="https://digest.example.org/x" title="Home"></a>',
        '<a href="https://digest.example.org/x"><img src="https://digest.example.org/h.png" alt="Home"></a>',
    ],
)
def test_links_named_by_label_title_or_image_alt_pass(link: str) -> None:
    assert findings_of(broken("<p>An unhurried", f"<p>{link}An unhurried")) == []
