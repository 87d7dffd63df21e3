"""The `size` check (digest.checks.email_rules.size): an email Gmail clips, named by its heaviest part."""

from __future__ import annotations

from pathlib import Path

from digest.checks.email_rules import EmailCheckSettings, check_email
from tests.helpers import GOOD, broken, findings_of, issue_md, only
from tests.test_cli import run
from tests.test_robustness import ISSUE


def padded_to(size: int) -> str:
    """GOOD grown to exactly `size` bytes with an HTML comment."""
    filler = size - len(GOOD.encode("utf-8")) - len("<!--  -->")
    return broken("</body>", "<!-- " + "x" * filler + " --></body>")


def test_size_at_the_gmail_limit_is_an_error_naming_the_heaviest_review() -> None:
    settings = EmailCheckSettings(review_sizes={"A field guide to lichens": 30_000, "Letters": 12_000})
    finding = only(findings_of(padded_to(102_000), settings), "size", "error")
    assert "102,000 bytes" in finding.message
    assert "'A field guide to lichens' (30,000 bytes)" in finding.message
    assert "shorter excerpts or fewer reviews" in finding.message


def test_size_near_the_limit_is_a_warning() -> None:
    findings = findings_of(padded_to(101_999))
    assert only(findings, "size", "warning")
    assert [f.check for f in findings] == ["size"]
    assert findings_of(padded_to(90_000))[0].severity == "warning"
    assert findings_of(padded_to(89_999)) == []


def test_size_limits_come_from_the_settings() -> None:
    settings = EmailCheckSettings(max_bytes_error=5_000, max_bytes_warning=4_000)
    assert only(findings_of(GOOD, settings), "size", "error")


def test_an_email_gmail_clips_is_failed_on_its_size_alone() -> None:
    html = broken('<html lang="en"', "<html", padded_to(150_000))
    assert [f.check for f in findings_of(html)] == ["size"]


def test_the_gmail_size_error_names_the_introduction_when_it_is_the_heaviest_part() -> None:
    html = (
        '<!doctype html><html lang="en"><head><title>t</title></head><body>'
        + "<p>"
        + "words " * 20_000
        + "</p></body></html>"
    )
    settings = EmailCheckSettings(urls=None, review_sizes={"A short review": 300}, intro_bytes=90_000)
    [size] = [f for f in check_email(html.encode(), settings) if f.check == "size"]
    assert "the introduction in issue.md is the heaviest part (90,000 bytes)" in size.message
    assert "shorten the introduction" in size.message
    lighter = EmailCheckSettings(urls=None, review_sizes={"A long review": 30_000}, intro_bytes=900)
    [size] = [f for f in check_email(html.encode(), lighter) if f.check == "size"]
    assert "'A long review'" in size.message and "introduction" not in size.message


def test_the_gmail_size_error_names_the_link_items_when_they_weigh_most() -> None:
    """With thousands of link items, the introduction was named the heaviest part: the link
    items were not counted at all (found by world17)."""
    html = (
        '<!doctype html><html lang="en"><head><title>t</title></head><body><p>'
        + "words " * 20_000
        + "</p></body></html>"
    )
    settings = EmailCheckSettings(
        urls=None, review_sizes={"A review": 3_000}, intro_bytes=900, link_items=(600, 80_000)
    )
    [size] = [f for f in check_email(html.encode(), settings) if f.check == "size"]
    assert "the 600 link items in issue.md are the heaviest part (80,000 bytes)" in size.message
    assert "list fewer link items" in size.message and "introduction" not in size.message


def test_many_link_items_are_named_by_the_build(project: Path) -> None:
    path = issue_md(project)
    items = "".join(
        f'      - title: "Item {n}"\n        url: https://e{n}.example.org/\n        comment: "{"A comment. " * 20}"\n'
        for n in range(300)
    )
    text = path.read_text()
    path.write_text(
        text.replace(
            '  - title: "Also worth reading"\n    items:\n',
            '  - title: "Also worth reading"\n    items:\n' + items,
            1,
        )
    )
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 1, result.output
    assert "link items in issue.md are the heaviest part" in result.output


def test_a_long_introduction_is_named_by_the_build(project: Path) -> None:
    path = issue_md(project)
    path.write_text(path.read_text() + ("\n\nThe editor goes on and on about the week. " * 40) * 60)
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 1
    assert "the introduction in issue.md is the heaviest part" in result.output
