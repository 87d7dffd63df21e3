"""CSS as the email checks read it (digest.checks.css): how deep a CSS text nests, its rules and
declarations, its colours and their contrast."""

from __future__ import annotations

import pytest

from digest.checks.css import Colour, contrast_ratio, parse_colour, parse_css
from tests.helpers import rgb


def test_nesting_is_counted_outside_strings_comments_and_escapes() -> None:
    from digest.checks.css import nesting_depth

    assert nesting_depth("@media a { p { color: red } }")[0] == 2
    assert nesting_depth("p { content: '{{{{' } /* ((((( */ .a\\{ {}")[0] == 1
    assert nesting_depth("p { width: calc((1px + (2px))) }")[0] == 4


def test_parse_css_reports_nested_at_rules_with_their_line() -> None:
    sheet = parse_css("a { color: red }\n@media print {\n  @font-face { font-family: X }\n}", first_line=10)
    assert sheet.nested_at_rules == (("@font-face", 12),)
    assert [rule.selectors for rule in sheet.rules] == ["a"]


def test_parse_css_ignores_braces_in_strings_and_comments() -> None:
    sheet = parse_css('/* { */ a::after { content: "}" ; color: #fff !important }')
    (rule,) = sheet.rules
    assert [(d.name, d.value, d.important) for d in rule.declarations] == [
        ("content", '"}"', False),
        ("color", "#fff", True),
    ]


def test_colour_parsing_and_wcag_ratio() -> None:
    assert rgb("#FFF") == (255, 255, 255)
    assert rgb("rgb(26, 85, 165)") == (26, 85, 165)
    assert rgb("rgb(100% 0% 0%)") == (255, 0, 0)
    assert rgb("navy") == (0, 0, 128)
    assert parse_colour("rgba(0,0,0,0.5)") == Colour(0, 0, 0, 0.5)
    assert parse_colour("transparent") == Colour(0, 0, 0, 0)
    assert parse_colour("currentColor") == "currentcolor"
    assert parse_colour("not-a-colour") is None
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio((0x77, 0x77, 0x77), (255, 255, 255)) == pytest.approx(4.48, abs=0.01)
