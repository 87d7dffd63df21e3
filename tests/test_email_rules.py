"""The email's rules (digest.checks.email_rules): every check run on the email's final HTML,
in order, each finding placed in the file the editor changes, in time linear in the email.
Each check's own rules are tested in tests/test_email_rules_<module>.py."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from digest.checks.email_rules import CHECK_NAMES, EmailCheckSettings, EmailDocument, check_email
from digest.errors import Finding, format_findings
from tests.conftest import REPO
from tests.helpers import (
    GOOD,
    MJML,
    SETTINGS,
    UNLIMITED,
    broken,
    findings_of,
    only,
    set_preheader,
    sources_in,
)
from tests.test_cli import run


def test_the_fixture_passes_every_check() -> None:
    assert findings_of(GOOD) == []


def test_bytes_input_is_checked_like_text() -> None:
    assert check_email(GOOD.encode("utf-8"), SETTINGS) == []


def test_real_mjml_output_after_inlining_passes() -> None:
    mjml = pytest.importorskip("mjml")
    premailer = pytest.importorskip("premailer")
    html = mjml.mjml2html(MJML, fonts={})
    # premailer keeps a doctype only when it is spelt exactly as lxml writes it.
    html = html.replace("<!doctype html>", "<!DOCTYPE html>", 1)
    inlined = premailer.transform(html, strip_important=False, cssutils_logging_level=50)
    assert findings_of(html) == []
    assert findings_of(inlined) == []


def test_findings_carry_the_path(tmp_path: Path) -> None:
    path = tmp_path / "email.html"
    (finding,) = check_email(
        broken("<title>The Digest, issue 12</title>", "<title></title>"), SETTINGS, path=path
    )
    assert finding.path == path
    assert str(finding).startswith(f"error: {path}: ")


def test_empty_document_is_reported() -> None:
    (finding,) = check_email("", SETTINGS)
    assert finding.severity == "error" and "empty" in finding.message


def test_every_check_has_a_stable_name() -> None:
    assert len(set(CHECK_NAMES)) == 19
    assert {"size", "contrast", "dark-mode", "outlook-conditionals"} <= set(CHECK_NAMES)


def test_table_of_no_findings_is_one_line() -> None:
    assert format_findings([]) == "All checks passed."


def test_table_aligns_columns() -> None:
    findings = [
        Finding("error", "img-alt", "an image has no alt", line=12),
        Finding("warning", "size", "email.html is 95,000 bytes"),
    ]
    lines = format_findings(findings).splitlines()
    assert lines == [
        "check    severity  message",
        "img-alt  error     line 12: an image has no alt",
        "size     warning   email.html is 95,000 bytes",
    ]


def test_a_finding_without_a_source_line_names_the_template(tmp_path: Path) -> None:
    settings = EmailCheckSettings(sources=sources_in(tmp_path))
    finding = only(findings_of(broken('<html lang="en"', "<html"), settings), "lang")
    assert finding.path == tmp_path / "email.mjml.j2" and finding.line is None
    assert "compiled email.html line" not in finding.message  # the whole document, no line


def cards(count: int) -> str:
    """GOOD with `count` more review cards, each with its own Outlook conditional comments."""
    card = (
        '<!--[if mso | IE]><table role="presentation"><tr><td><![endif]-->\n'
        '<h2 style="font-size:20px">Review {n}</h2>\n'
        '<p>An excerpt of review {n}. <a href="https://digest.example.org/12/r{n}/" '
        'style="color:#1a55a5">Read the review</a></p>\n'
        "<!--[if mso | IE]></td></tr></table><![endif]-->\n"
    )
    return broken(
        '<h2 style="font-size:20px">A field guide',
        "".join(card.format(n=n) for n in range(count)) + '<h2 style="font-size:20px">A field guide',
    )


class CountingText(str):
    """Text that adds up how many characters its search methods are asked to scan."""

    scanned = 0

    def _note(self, start: int | None, end: int | None) -> None:
        size = len(self)
        CountingText.scanned += (size if end is None else min(end, size)) - (start or 0)

    def count(self, sub: str, start: int | None = None, end: int | None = None) -> int:  # type: ignore[override]
        self._note(start, end)
        return str(self).count(sub, start, end)

    def find(self, sub: str, start: int | None = None, end: int | None = None) -> int:  # type: ignore[override]
        self._note(start, end)
        return str(self).find(sub, start, end)

    def index(self, sub: str, start: int | None = None, end: int | None = None) -> int:  # type: ignore[override]
        self._note(start, end)
        return str(self).index(sub, start, end)


def work(check: Callable[[], object], monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    """Calls made (Python functions and C functions both) and characters scanned by `check`."""
    original = EmailDocument.__init__

    def counting(self: EmailDocument, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)  # type: ignore[arg-type]
        self.text = CountingText(self.text)

    monkeypatch.setattr(EmailDocument, "__init__", counting)
    calls = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    CountingText.scanned = 0
    sys.setprofile(profile)
    try:
        check()
    finally:
        sys.setprofile(None)
    return calls, CountingText.scanned


def linear(work_at: Callable[[int], int]) -> tuple[bool, tuple[int, int, int]]:
    """Whether work grows linearly with the number of cards: the 120 cards added from 120 to
    240 cost twice what the 60 added from 60 to 120 did (a quadratic check: four times)."""
    small, middle, large = work_at(60), work_at(120), work_at(240)
    return (large - middle) / (middle - small) < 2.3, (small, middle, large)


def test_every_check_does_work_in_proportion_to_the_email(monkeypatch: pytest.MonkeyPatch) -> None:
    assert findings_of(cards(240), UNLIMITED) == []
    for measure in (0, 1):  # calls made, then characters scanned
        grows_linearly, figures = linear(
            lambda n: work(lambda: check_email(cards(n), UNLIMITED), monkeypatch)[measure]  # noqa: B023
        )
        assert grows_linearly, figures


def test_the_measure_catches_counting_lines_from_the_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """What made the Outlook check quadratic: each match's line counted from the first character."""

    def quadratic(html: str) -> None:
        text = CountingText(html)
        for match in re.finditer("<!--", text):
            text.count("\n", 0, match.start())

    grows_linearly, figures = linear(lambda n: work(lambda: quadratic(cards(n)), monkeypatch)[1])
    assert not grows_linearly, figures


def test_no_finding_points_at_the_compiled_email(project: Path) -> None:
    theme = (REPO / "templates" / "email.mjml.j2").read_text()
    (project / "templates").mkdir()
    template = project / "templates" / "email.mjml.j2"
    template.write_text(
        theme.replace('<mjml lang="{{ site.language }}">', "<mjml>").replace(
            "<mj-title>{{ issue.subject }}</mj-title>", ""
        )
    )
    set_preheader(project, "")
    result = run(project, "check", "issue-2025")
    assert result.exit_code == 1
    assert "templates/email.mjml.j2" in result.stdout and "issue.md" in result.stdout
    assert "dist/" not in result.output and "email.html:" not in result.output
