"""The `dark-mode` checks (digest.checks.email_rules.dark_mode): colour-scheme meta tags, readable
dark-mode rules, and dark text over a background image Outlook's dark mode lightens."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.checks.email_rules import EmailCheckSettings, check_email
from tests.conftest import REPO
from tests.helpers import UNLIMITED, broken, ends_in_time, findings_of, only, styled_email


@pytest.mark.parametrize("name", ["color-scheme", "supported-color-schemes"])
def test_missing_colour_scheme_meta_is_an_error(name: str) -> None:
    html = broken(f'<meta name="{name}" content="light dark">', "")
    assert f'name="{name}"' in only(findings_of(html), "dark-mode").message


def test_missing_dark_media_rules_is_an_error() -> None:
    html = broken("prefers-color-scheme: dark", "prefers-color-scheme: light")
    assert "no @media (prefers-color-scheme: dark)" in only(findings_of(html), "dark-mode").message


def test_unreadable_dark_palette_is_an_error() -> None:
    html = broken(
        "background-color: #8ab4f8 !important; color: #111111",
        "background-color: #222 !important; color: #333",
    )
    assert "#333333 on #222222" in only(findings_of(html), "dark-mode").message


def test_text_the_dark_rules_leave_dark_on_a_dark_background_is_an_error() -> None:
    html = broken(".text div, .text h1, .text h2 {", ".text h1, .text h2 {")
    finding = only(findings_of(html), "dark-mode")
    assert "in dark mode" in finding.message and "#222222 on #1e1e1e" in finding.message


def test_light_background_the_dark_rules_forget_is_an_error() -> None:
    html = broken(".card, .card > table { background-color: #1e1e1e !important }", "")
    assert "#e8e8e8 on #ffffff" in only(findings_of(html), "dark-mode").message


@pytest.mark.parametrize("name", ["color-scheme", "supported-color-schemes"])
def test_a_colour_scheme_meta_written_with_value_says_so(name: str) -> None:
    # caniemail's own test emails write <meta name="color-scheme" value="light dark">.
    html = broken(f'<meta name="{name}" content="light dark">', f'<meta name="{name}" value="light dark">')
    message = only(findings_of(html), "dark-mode").message
    assert "value=, which is not read" in message and 'content="light dark"' in message


# Outlook.com (and the Outlook apps) lighten dark text the email sets, while a background image
# stays as it is (digest/checks/darkmode.py). The fixture's text cell, given a light image:
TEXT_CELL = '<tr><td align="left" class="text" style="font-size:0;padding:10px 25px;word-break:break-word">'


@pytest.mark.parametrize(
    ("cell", "warned"),
    [
        ('<tr><td align="left" class="text" background="https://digest.example.org/paper.jpg">', True),
        ('<tr><td align="left" class="text" style="background:url(https://digest.example.org/p.jpg)">', True),
        # An opaque colour between the text and the image hides the image.
        ('<tr><td class="text" background="https://digest.example.org/paper.jpg">', False),
    ],
)  # fmt: skip
def test_dark_text_over_a_background_image_is_a_dark_mode_warning(cell: str, warned: bool) -> None:
    html = broken(TEXT_CELL, cell)
    if not warned:
        html = broken(
            '<div style="font-family:Georgia', '<div style="background-color:#fff;font-family:Georgia', html
        )
    warnings = [f for f in findings_of(html) if f.check == "dark-mode" and f.severity == "warning"]
    if warned:
        assert not [f for f in findings_of(html) if f.severity == "error"]
        assert warnings and "Outlook.com" in warnings[0].message
        assert '"Issue 12: slow reading" (#222222) is lightened' in warnings[0].message
    else:
        assert warnings == []


def test_light_text_over_a_background_image_stays_as_it_is() -> None:
    html = broken(
        TEXT_CELL, TEXT_CELL.replace("<td ", '<td background="https://digest.example.org/night.jpg" ')
    )
    html = html.replace("color:#222222;", "color:#ffffff;").replace("color:#1a55a5", "color:#ffffff")
    assert [f for f in findings_of(html) if f.check == "dark-mode" and f.severity == "warning"] == []


def test_a_text_naming_background_thousands_of_times_is_checked_in_time(tmp_path: Path) -> None:
    """The pattern that looked for a background image scanned from every 'background:' to the
    next ';', '{', '}' or '"': 7 s for an 84 KB email, four times that at each doubling."""
    prose = "<p>" + "background: " * 40_000 + "</p>"
    ends_in_time(
        tmp_path, "prose.html", styled_email("", prose), "tests.test_email_rules_dark_mode.dark_warnings_of"
    )


def dark_warnings_of(path: Path) -> None:
    """The email at `path` checked (for ends_in_time): no image is painted, so no warning."""
    findings = check_email(path.read_bytes(), UNLIMITED)
    assert not [f for f in findings if f.check == "dark-mode" and f.severity == "warning"]


@pytest.mark.parametrize(
    ("name", "warned"),
    [
        (
            "blocks-starter-modern-excerpt.html",
            '"Headline/primary title text" (#333333)',
        ),  # a style-block colour
        ("mjml-card.html", '"Marketers/advertisers usually focus the…" (#000000)'),
        ("cerberus-hybrid-excerpt.html", ""),  # white text over its dark image
        ("sendwithus-skyline-ping.html", ""),
    ],
)
def test_real_emails_dark_text_over_images(name: str, warned: str) -> None:
    raw = (REPO / "tests" / "data" / "emails" / name).read_bytes()
    warnings = [
        f.message
        for f in check_email(raw, EmailCheckSettings(urls=None))
        if f.check == "dark-mode" and f.severity == "warning"
    ]
    if warned:
        assert len(warnings) == 1 and warned in warnings[0]
    else:
        assert warnings == []
