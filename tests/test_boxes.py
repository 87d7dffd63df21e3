"""Whether box-sizing changes a box (digest.checks.boxes): only where padding or a border lies along a
set size."""

from __future__ import annotations

import lxml.html
import pytest

from digest.checks.boxes import (
    auto_margins_are_zero,
    box_sizing_matters,
    font_size_px,
    size_attribute_says_the_same,
    zero_or_auto,
)
from digest.checks.css import parse_declarations

# --- box-sizing ------------------------------------------------------------------------------------


def _element(markup: str) -> object:
    return lxml.html.fragment_fromstring(markup, create_parent="div")[0]


@pytest.mark.parametrize(
    ("markup", "matters"),
    [
        ('<div style="box-sizing:border-box; padding:0; margin:0">x</div>', False),
        ('<div style="box-sizing:border-box; padding:20px">x</div>', False),  # no size set
        ('<div style="box-sizing:border-box; max-width:600px; padding:20px">x</div>', True),
        ('<div style="box-sizing:border-box; width:100%; padding:20px 0">x</div>', False),  # vertical only
        ('<div style="box-sizing:border-box; height:40px; padding:20px 0">x</div>', True),
        ('<div style="box-sizing:border-box; width:100%; border:1px solid #ccc">x</div>', True),
        ('<div style="box-sizing:border-box; width:100%; border:0">x</div>', False),
        ('<div style="box-sizing:border-box; width:100%; border-left-width:2px">x</div>', False),  # no style
        ('<div style="box-sizing:border-box; width:100%; border-left:2px solid">x</div>', True),
        ('<table width="100%" border="1" style="box-sizing:border-box"><tr><td>x</td></tr></table>', True),
        ('<table width="100%" style="box-sizing:border-box; padding:0"><tr><td>x</td></tr></table>', False),
        ('<img width="50" style="box-sizing:border-box; padding:4px" src="a.png">', True),
    ],
)
def test_box_sizing_matters_only_where_padding_or_a_border_lies_along_a_set_size(
    markup: str, matters: bool
) -> None:
    element = _element(markup)
    declarations = parse_declarations(element.get("style") or "")  # type: ignore[attr-defined]
    assert box_sizing_matters(element, declarations) is matters


def test_a_cells_padding_comes_from_its_tables_cellpadding() -> None:
    table = _element(
        '<table cellpadding="8"><tr><td width="200" style="box-sizing:border-box">x</td></tr></table>'
    )
    cell = table.find(".//td")  # type: ignore[attr-defined]
    assert box_sizing_matters(cell, parse_declarations(cell.get("style")))
    table = _element(
        '<table cellpadding="0"><tr><td width="200" style="box-sizing:border-box">x</td></tr></table>'
    )
    cell = table.find(".//td")  # type: ignore[attr-defined]
    assert not box_sizing_matters(cell, parse_declarations(cell.get("style")))


@pytest.mark.parametrize(
    ("tag", "style", "zero"),
    [
        ("div", "", True),
        ("div", "width:100%; max-width:none", True),
        ("div", "max-width:600px", False),
        ("div", "width:50%", False),
        ("table", "", False),  # a table shrinks to fit: auto margins centre it
        ("p", "", False),  # its own margins are 1em
    ],
)
def test_auto_margins_are_zero_on_a_plain_block_as_wide_as_its_container(
    tag: str, style: str, zero: bool
) -> None:
    widths = [each for each in parse_declarations(style) if each.name in ("width", "max-width")]
    assert auto_margins_are_zero(tag, widths) is zero


@pytest.mark.parametrize(
    ("margin", "expected"),
    [("0 auto", True), ("0px auto !important", True), ("auto", True), ("0 10px", False)],
)
def test_zero_or_auto_reads_every_value_of_a_margin(margin: str, expected: bool) -> None:
    (declaration,) = parse_declarations(f"margin:{margin}")
    assert zero_or_auto(declaration) is expected


# --- the font size an em is measured in ------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "size"),
    [
        ('<td style="font:16px monospace">x</td>', 16.0),
        ('<td style="font: bold 20px/1.5 Georgia, serif">x</td>', 20.0),
        ('<td style="font-size:12pt">x</td>', 16.0),
        ('<td style="font:20px serif; font-size:10px">x</td>', 10.0),  # the later one wins
        ('<td style="font-size:150%">x</td>', 16.0),  # relative to what is inherited: not read
        ('<td style="color:red">x</td>', 16.0),  # a browser's default
    ],
)
def test_font_size_px_reads_the_style_attributes_size_in_px(markup: str, size: float) -> None:
    cell = lxml.html.fragment_fromstring(f"<table><tr>{markup}</tr></table>").find(".//td")
    assert font_size_px(cell) == size


# --- a width or height the element's attribute gives it anyway -------------------------------------


@pytest.mark.parametrize(
    ("markup", "css", "same"),
    [
        ('<table width="100%"><tr><td>x</td></tr></table>', "width: 100% !important", True),
        ('<table width="600"><tr><td>x</td></tr></table>', "width: 600px", True),
        ('<table width="600"><tr><td>x</td></tr></table>', "width: 600.0PX", True),
        ('<table width="600"><tr><td>x</td></tr></table>', "width: 100%", False),
        ('<table height="40"><tr><td>x</td></tr></table>', "height: 40px", True),
        ("<table><tr><td>x</td></tr></table>", "width: 100%", False),
        ('<div width="100%">x</div>', "width: 100%", False),  # no width attribute in HTML for a <div>
    ],
)
def test_a_size_attribute_says_the_same_as_a_css_size(markup: str, css: str, same: bool) -> None:
    element = lxml.html.fragment_fromstring(markup, create_parent="div")[0]
    assert size_attribute_says_the_same(element, parse_declarations(css)[0]) is same
