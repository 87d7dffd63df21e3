"""caniemail's notes that name the case that fails, read as markers (digest.checks.clientnotes)."""

from __future__ import annotations

import lxml.html
import pytest

from digest.checks.caniemail import load
from digest.checks.clientnotes import (
    GAP_NOT_FLEX_COLUMNS,
    LATE_STYLE,
    NESTED_WITHOUT_AMPERSAND,
    SIZE_AFTER_SLASH,
    OutlookLineRule,
    declaration_markers,
    forced_value,
    late_style,
    nested_selector,
    read_note,
    read_supported_case,
    shorthand_markers,
)
from digest.checks.css import parse_declarations


def _note(feature: str, family: str, platform: str, starts: str) -> str:
    """The vendored note itself, so that a change of wording in a refresh shows here."""
    notes = load().support(feature, family, platform).notes
    return next(note for note in notes if note.startswith(starts))


@pytest.mark.parametrize(
    ("feature", "family", "platform", "starts", "failing"),
    [
        (
            "css-line-height", "outlook", "windows", "Buggy. `em` and `px`",
            {"em-without:mso-line-height-rule:exactly", "px-without:mso-line-height-rule:exactly"},
        ),
        ("css-letter-spacing", "outlook", "windows", "Buggy. Values set in `em`", {"em-drawn-smaller"}),
        ("css-gap", "gmail", "desktop-webmail", "Partial. Supports column-gap", {GAP_NOT_FLEX_COLUMNS}),
        ("css-gap", "outlook", "outlook-com", "Partial. Supports column-gap", {GAP_NOT_FLEX_COLUMNS}),
        ("html-style", "outlook", "windows", "Buggy. `<style>` elements need", {LATE_STYLE}),
        ("css-cursor", "apple-mail", "macos", "Partial. URL is not supported", {"url"}),
        ("css-background", "yahoo", "desktop-webmail", "Partial. Does not support the `/", {SIZE_AFTER_SLASH}),
    ],
)  # fmt: skip
def test_a_note_that_names_the_failing_case_is_read(
    feature: str, family: str, platform: str, starts: str, failing: set[str]
) -> None:
    case = read_note(_note(feature, family, platform, starts).lower())
    assert case is not None and case.failing == failing


def test_a_supported_result_with_one_value_left_out_is_read() -> None:
    case = read_supported_case(
        _note("css-display-flex", "yahoo", "desktop-webmail", "`display:inline").lower()
    )
    assert case is not None and case.failing == {"display:inline-flex"}
    assert read_supported_case("only supported in safari.") is None


@pytest.mark.parametrize(
    "note",
    [
        # Two kinds of gap kept are not this note's one (Outlook's apps, Samsung).
        "Partial. Supports gap and column-gap for flexbox. Supports gap for multi-column layout",
        "Partial. URL buggy and only works inline.",
        "Buggy. Sizes set in attributes don't scale in 120 dpi mode.",
        "Partial. Not supported with non Google accounts.",
    ],
)
def test_notes_that_name_no_case_here_are_not_read(note: str) -> None:
    assert read_note(note.lower()) is None


@pytest.mark.parametrize(
    ("block", "marked"),
    [
        ({"line-height": "24px"}, True),
        ({"line-height": "24px", "mso-line-height-rule": "exactly"}, False),
        ({"line-height": "24px", "mso-line-height-rule": "at-least"}, True),
    ],
)
def test_a_line_height_is_marked_by_its_unit_unless_exactly_is_beside_it(
    block: dict[str, str], marked: bool
) -> None:
    found = declaration_markers("line-height", {"px"}, block)
    assert (found == {"px-without:mso-line-height-rule:exactly"}) is marked
    assert declaration_markers("line-height", set(), {"line-height": "1.5"}) == frozenset()


def test_the_outlook_only_cell_around_an_element_gives_it_exactly() -> None:
    root = lxml.html.fromstring("<div><p style='line-height:20px'>x</p></div>")
    paragraph = root.find(".//p")
    rule = OutlookLineRule(lambda selector: [])
    assert not rule.reaches(paragraph)
    rule.read_conditional('[if mso]><table><tr><td style="line-height:0px;mso-line-height-rule:exactly;">')
    assert rule.reaches(paragraph)
    rule.read_conditional("[if mso]></td></tr></table><![endif]")
    assert not rule.reaches(paragraph)
    body = lxml.html.document_fromstring(
        "<html><body style='mso-line-height-rule: exactly'><p>x</p></body></html>"
    )
    assert OutlookLineRule(lambda selector: []).reaches(body.find(".//p"))


def test_a_style_is_late_only_where_everything_it_styles_comes_before_it() -> None:
    root = lxml.html.fromstring(
        "<html><body><p class='a'>a</p><style>.a{color:red}</style><p class='b'>b</p></body></html>"
    )
    order = {element: i for i, element in enumerate(root.iter())}
    style = root.find(".//style")

    def matched(selector: str) -> list[object]:
        return list(root.find_class(selector.lstrip(".")))

    assert late_style(style, {".a"}, matched, order)
    assert not late_style(style, {".a", ".b"}, matched, order)
    assert not late_style(style, {".c"}, matched, order)  # styles nothing: nothing lost
    assert not late_style(style, {".a"}, lambda selector: None, order)  # unreadable: not known


@pytest.mark.parametrize(
    ("parent", "nested", "selector"),
    [
        (".test1", "span", ".test1 span"),
        (".test2", "& span", ".test2 span"),
        (".box", ".test5 & & &", ".test5 .box .box .box"),
        (".a", "> b, &:hover", ".a > b, .a:hover"),
        (".a, .b", "span", ":is(.a, .b) span"),
    ],
)
def test_a_nested_rule_styles_what_css_nesting_says(parent: str, nested: str, selector: str) -> None:
    assert nested_selector(parent, nested) == selector


def test_apple_mails_nesting_note_is_read() -> None:
    case = read_note(_note("css-nesting", "apple-mail", "macos", "Partial. `E { F {}}`").lower())
    assert case is not None and case.failing == {NESTED_WITHOUT_AMPERSAND}


def test_a_style_rule_setting_exactly_reaches_what_it_matches_and_below() -> None:
    root = lxml.html.document_fromstring(
        "<html><body><table><tr><td><p>x</p></td></tr></table><p>y</p></body></html>"
    )
    rule = OutlookLineRule(lambda selector: list(root.iter(selector)))
    inside, outside = root.findall(".//p")
    rule.read_rule("td", "exactly")
    assert rule.reaches(inside) and not rule.reaches(outside)
    rule.read_rule("p", "at-least")  # not the rule that fixes it
    assert not rule.reaches(outside)


def test_a_note_that_the_client_forces_a_value_is_read_as_that_value() -> None:
    # Outlook for macOS: "Not supported. All tables are forced to `table-layout:fixed`."
    note = _note("css-table-layout", "outlook", "macos", "Not supported. All tables are forced")
    assert forced_value(note.lower()) == ("table-layout", "fixed")
    assert forced_value("not supported.") is None
    assert forced_value("partial. `display:none` is forced on images.") is None  # no "all ... are"


@pytest.mark.parametrize(
    ("name", "value", "marked"),
    [
        ("background", "url('a.jpg') center top / cover no-repeat", True),
        ("background", "#000 url(a.jpg) 0 0/100% auto", True),
        ("background", "url('https://example.com/a/b.jpg') center top no-repeat", False),  # a URL's slashes
        ("background", 'url("a.jpg"), linear-gradient(to right, red, blue)', False),
        ("background-size", "cover", False),
        ("grid-area", "1 / 2", False),  # another shorthand's slash
    ],
)
def test_a_background_giving_its_size_after_a_slash_is_marked(name: str, value: str, marked: bool) -> None:
    declaration = parse_declarations(f"{name}: {value}")[0]
    assert (SIZE_AFTER_SLASH in shorthand_markers(declaration.name, declaration.tokens)) is marked
