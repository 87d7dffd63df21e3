"""The `fonts` check (digest.checks.email_rules.fonts): every font stack ends in a generic family."""

from __future__ import annotations

import pytest

from tests.helpers import broken, findings_of, only


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "font-family:Helvetica, Arial, sans-serif;font-size:15px",
            "font-family:Helvetica, Arial;font-size:15px",
        ),
        ("font-family:Helvetica, Arial, sans-serif;font-size:15px", "font:bold 15px/1.2 'Sans Serif'"),
        ("font-family:Helvetica, Arial, sans-serif;font-size:15px", "font-family:'serif'"),
        ("</head>", "<style>.footer { font-family: Verdana }</style></head>"),
    ],
)
def test_font_stack_without_generic_family_is_an_error(old: str, new: str) -> None:
    only(findings_of(broken(old, new)), "fonts")


def test_font_shorthand_ending_in_a_generic_family_passes() -> None:
    html = broken(
        "font-family:Helvetica, Arial, sans-serif;font-size:15px", "font:15px/1.2 Arial, sans-serif"
    )
    assert findings_of(html) == []


@pytest.mark.parametrize("last", ["system-ui", "ui-sans-serif", "ui-monospace", "emoji", "fangsong"])
def test_a_stack_ending_in_a_generic_family_older_apps_do_not_know_is_an_error(last: str) -> None:
    """CSS Fonts 4's newer generic families are no last resort in email: Outlook for Windows
    knows none of them, and the webmails draw the ui-* ones only in Safari (caniemail's notes),
    so `Inter, system-ui` falls back to the app's default serif there."""
    html = broken("font-family:Helvetica, Arial, sans-serif;font-size:15px", f"font-family:Inter, {last}")
    finding = only(findings_of(html), "fonts")
    assert f"'{last}'" in finding.message and "serif, sans-serif or monospace" in finding.message


def test_a_newer_generic_family_before_a_css2_one_passes() -> None:
    html = broken(
        "font-family:Helvetica, Arial, sans-serif;font-size:15px", "font-family:system-ui, Arial, sans-serif"
    )
    assert findings_of(html) == []


def test_a_stack_with_its_generic_family_before_emoji_fonts_passes() -> None:
    """Bootstrap's and GitHub's stacks name emoji fonts after `sans-serif`: a generic family always
    matches, so the families after it only lend the glyphs its font lacks (CSS Fonts' matching),
    and the stack has its last resort (found by review26)."""
    stack = "Arial, sans-serif, 'Segoe UI Emoji'"
    html = broken("font-family:Helvetica, Arial, sans-serif;font-size:15px", f"font-family:{stack}")
    assert findings_of(html) == []
