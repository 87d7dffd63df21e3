"""What a flex or grid container has to lay out, and when a table's fixed layout changes
nothing (digest.checks.layouts)."""

from __future__ import annotations

import lxml.html
import pytest

from digest.checks.css import parse_declarations
from digest.checks.layouts import (
    alone_in_container,
    capped_by_container,
    fills_its_container,
    fixed_layout_changes_nothing,
    layout_items,
    lays_out_nothing,
    never_wider_anyway,
)


def _element(markup: str) -> object:
    return lxml.html.fragment_fromstring(markup, create_parent="div")[0]


@pytest.mark.parametrize(
    ("markup", "items"),
    [
        ('<span style="display:flex">display: flex;</span>', 1),  # one run of text
        ('<div style="display:flex">  </div>', 0),
        ("<div><!-- a comment --><p>one</p></div>", 1),
        ("<div><p>one</p><p>two</p></div>", 2),
        ("<div>label <b>value</b></div>", 2),  # the text is an anonymous item beside <b>
        ("<div><p>one</p>  tail  </div>", 2),
        ('<div><p>one</p><p style="display: none">two</p></div>', 1),  # not in the flow
    ],
)
def test_layout_items_are_element_children_and_runs_of_text(markup: str, items: int) -> None:
    assert layout_items(_element(markup)) == items


def test_a_container_of_one_item_lays_out_nothing_but_one_of_two_does() -> None:
    single = _element('<div style="display:flex">display: flex;</div>')
    row = _element('<div style="display:flex"><div>A</div><div>B</div></div>')
    assert lays_out_nothing([single])
    assert not lays_out_nothing([single, row])
    assert not lays_out_nothing([])  # nothing known: no claim


@pytest.mark.parametrize(
    ("markup", "same"),
    [
        ('<table style="table-layout:fixed"><tr><td>one column</td></tr></table>', True),
        (
            '<table><tbody><tr><td colspan="2">one cell</td></tr><tr><td>a</td><td>b</td></tr></tbody></table>',
            True,
        ),
        ('<table><tr><td style="width:25%">a</td><td style="width:75%">b</td></tr></table>', True),
        ('<table><tr><td width="200">a</td><th width="400">b</th></tr></table>', True),
        ('<table><tr><td style="width:25%">a</td><td>b</td></tr></table>', False),
        ("<table><tr><td>a</td><td>b</td></tr></table>", False),
        ("<table></table>", False),
    ],
)
def test_a_fixed_layout_changes_nothing_for_one_column_or_columns_all_sized(markup: str, same: bool) -> None:
    assert fixed_layout_changes_nothing(_element(markup)) is same


@pytest.mark.parametrize(
    ("markup", "capped"),
    [
        ('<table><tr><td width="600"><div style="max-width:600px">x</div></td></tr></table>', True),
        ('<table><tr><td width="580"><div style="max-width:600px">x</div></td></tr></table>', True),
        (
            '<table width="600"><tr><td><div><div style="max-width:640px">x</div></div></td></tr></table>',
            True,
        ),
        ('<table><tr><td width="700"><div style="max-width:600px">x</div></td></tr></table>', False),
        ('<table><tr><td width="100%"><div style="max-width:600px">x</div></td></tr></table>', False),
        (
            '<table><tr><td width="600"><div style="width:800px"><p style="max-width:600px">x</p></div></td></tr></table>',
            False,
        ),
        ('<div style="max-width:600px">x</div>', False),
        ('<table><tr><td width="600" style="max-width:600px">x</td></tr></table>', True),  # its own
        ('<table><tr><td width="640" style="max-width:600px">x</td></tr></table>', False),
        (
            '<table><tr><td width="600"><img src="a.png" alt="" style="max-width:600px"></td></tr></table>',
            False,
        ),
        ('<table><tr><td width="600"><div style="max-width:80%">x</div></td></tr></table>', False),
    ],
)
def test_a_max_width_is_capped_by_a_container_no_wider(markup: str, capped: bool) -> None:
    root = lxml.html.fragment_fromstring(markup, create_parent="div")
    element = next(each for each in root.iter() if "max-width" in (each.get("style") or ""))
    declaration = parse_declarations(element.get("style"))[-1]
    assert capped_by_container(element, declaration) is capped


@pytest.mark.parametrize(
    ("markup", "nothing"),
    [
        ('<div style="max-width:100%">text</div>', True),
        ('<p style="max-width: 120%">text</p>', True),  # no narrower than 100% either
        ('<h2 style="padding:0 20px; max-width:100%">text</h2>', True),  # padding lies inside
        ('<div style="max-width:90%">text</div>', False),
        ('<div style="max-width:600px">text</div>', False),
        ('<div style="width:700px; max-width:100%">text</div>', False),  # its own width is capped
        ('<div style="min-width:700px; max-width:100%">text</div>', False),
        ('<div style="display:inline-block; max-width:100%">text</div>', False),  # shrink-to-fit
        ('<div style="float:left; max-width:100%">text</div>', False),
        ('<img src="a.png" alt="" style="max-width:100%">', False),  # its file's width decides
        ('<table style="max-width:100%"><tr><td>x</td></tr></table>', False),
        ('<div width="700" style="max-width:100%">text</div>', False),
    ],
)
def test_a_max_width_of_100_percent_caps_no_block_of_the_flow(markup: str, nothing: bool) -> None:
    element = _element(markup)
    declaration = next(each for each in parse_declarations(element.get("style")) if each.name == "max-width")
    assert never_wider_anyway(element, declaration) is nothing


WORDS = "word " * 40  # 199 characters once trimmed: at least 955px at 16px


@pytest.mark.parametrize(
    ("markup", "fills"),
    [
        (f"<table><tr><td>{WORDS}</td></tr></table>", True),
        (f"<table><tr><td>{WORDS[:100]}<b>and</b>{WORDS[:100]}</td></tr></table>", True),  # one line runs on
        (
            f"<table><tr><td>{WORDS[:100]}<br>{WORDS[:100]}</td></tr></table>",
            False,
        ),  # two lines, each under 600px
        (f'<table style="width:300px"><tr><td>{WORDS}</td></tr></table>', False),  # a width of its own
        # a cap of its own: as wide as the cap, narrower than the container, the margins centre it
        (f'<table style="max-width:300px"><tr><td>{WORDS}</td></tr></table>', False),
        (f'<table style="MAX-WIDTH: 50%"><tr><td>{WORDS}</td></tr></table>', False),
        (f'<table><tr><td><div style="display:none">{WORDS}</div>A few words.</td></tr></table>', False),
    ],
)
def test_a_table_of_auto_width_fills_a_container_its_longest_line_is_wider_than(
    markup: str, fills: bool
) -> None:
    container = lxml.html.fragment_fromstring(f'<table width="600"><tr><td>{markup}</td></tr></table>')
    assert fills_its_container(container.find(".//td/table")) is fills


def test_an_element_is_alone_in_its_container_without_siblings_or_text_beside_it() -> None:
    assert alone_in_container([_element("<span>Label</span>")])
    assert not alone_in_container([_element("<span>Label</span> and words")])
    assert not alone_in_container([])
