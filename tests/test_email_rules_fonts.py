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
