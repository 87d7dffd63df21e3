"""The `preheader` check (digest.checks.email_rules.preheader): the hidden line inboxes preview first."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from digest.checks.email_rules import EmailCheckSettings
from tests.helpers import ISSUE_MD, broken, findings_of, only, set_preheader, sources_in
from tests.test_cli import run


def test_missing_preheader_is_an_error() -> None:
    html = broken(">Three reviews worth your evening<", "><")
    assert "the first content of <body> is an <img>" in only(findings_of(html), "preheader").message


def test_preheader_after_visible_content_is_an_error() -> None:
    html = broken(
        '<div style="display:none;', '<div style="max-width:600px">Hello</div><div style="display:none;'
    )
    assert '"Hello"' in only(findings_of(html), "preheader").message


@pytest.mark.parametrize(
    "style", ["visibility:hidden", "opacity:0", "max-height:0;overflow:hidden", "display: none !important"]
)
def test_other_ways_of_hiding_the_preheader_pass(style: str) -> None:
    html = broken(
        "display:none;font-size:1px;color:#ffffff;line-height:1px;max-height:0px;max-width:0px;opacity:0;"
        "overflow:hidden;",
        style,
    )
    assert findings_of(html) == []


def test_an_empty_preheader_names_the_key_in_issue_md(tmp_path: Path) -> None:
    issue = ISSUE_MD.replace('"Three reviews worth your evening"', '""')
    settings = EmailCheckSettings(sources=sources_in(tmp_path, issue))
    html = broken(">Three reviews worth your evening<", "><")
    finding = only(findings_of(html, settings), "preheader")
    assert (finding.path, finding.line) == (tmp_path / "issue.md", 3)
    assert "preheader is empty" in finding.message and "preheader: key" in finding.message


def test_a_preheader_of_filler_only_is_empty() -> None:
    html = broken(">Three reviews worth your evening<", ">\u034f\u200c\u00a0\u034f\u200c\u00a0<")
    assert "preheader is empty" in only(findings_of(html), "preheader").message


def test_a_too_long_preheader_is_a_warning_naming_issue_md(tmp_path: Path) -> None:
    long = "A summary that goes on " * 10
    settings = EmailCheckSettings(sources=sources_in(tmp_path))
    html = broken("Three reviews worth your evening", long)
    finding = only(findings_of(html, settings), "preheader", "warning")
    assert (finding.path, finding.line) == (tmp_path / "issue.md", 3)
    assert f"{len(long.strip())} characters" in finding.message


def test_a_template_that_leaves_the_preheader_out_is_named(tmp_path: Path) -> None:
    settings = EmailCheckSettings(sources=sources_in(tmp_path))
    html = broken(
        '<div style="display:none;', '<div style="max-width:600px">Hello</div><div style="display:none;'
    )
    finding = only(findings_of(html, settings), "preheader")
    assert finding.path == tmp_path / "email.mjml.j2"


def preheader_line(issue: Path) -> int:
    return next(
        n for n, line in enumerate(issue.read_text().splitlines(), 1) if line.startswith("preheader:")
    )


def test_check_names_the_preheader_key_when_it_is_empty_or_too_long(project: Path) -> None:
    issue = set_preheader(project, "")
    empty = run(project, "check", "issue-2025")
    assert empty.exit_code == 1
    assert re.search(
        rf"preheader\s+error\s+\S*issue-2025/issue\.md:{preheader_line(issue)}: the preheader is empty",
        empty.stdout,
    )
    set_preheader(project, "A summary that never stops " * 8)
    long = run(project, "check", "issue-2025")
    assert long.exit_code == 0
    assert re.search(
        rf"preheader\s+warning\s+\S*issue-2025/issue\.md:{preheader_line(issue)}: the preheader is 2\d\d characters",
        long.stdout,
    )
    assert run(project, "check", "issue-2025", "--strict").exit_code == 1
