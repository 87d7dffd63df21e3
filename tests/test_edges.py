"""Whether anything an email paints reaches the edges of the window (digest.checks.edges)."""

from __future__ import annotations

import lxml.html
import pytest

from digest.checks.css import parse_declarations
from digest.checks.edges import background, painted_as_its_cell, paints_to_the_edges


def _body(markup: str) -> object:
    return lxml.html.document_fromstring(f"<html><head></head>{markup}</html>").find("body")


def _inline(element: object) -> tuple[object, ...]:
    return parse_declarations(element.get("style") or "")  # type: ignore[attr-defined]


def _hidden(element: object) -> bool:
    return "display:none" in (element.get("style") or "").replace(" ", "")  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("markup", "reaches"),
    [
        # A band as wide as the window, painted otherwise than the body.
        ('<body><table width="100%" bgcolor="#222"><tr><td>x</td></tr></table></body>', True),
        ('<body><div><div style="background:#eee">x</div></div></body>', True),
        ('<body><table width="100%"><tr><td background="bg.png">x</td></tr></table></body>', True),
        ('<body><div style="background-image:linear-gradient(red, blue)">x</div></body>', True),
        # The body's own colour, or none, is the margin's colour.
        (
            '<body bgcolor="#f4f4f4"><table width="100%" bgcolor="#F4F4F4"><tr><td>x</td></tr></table></body>',
            False,
        ),
        ('<body><div style="background:#fff">x</div></body>', False),  # no body colour: white
        ('<body style="background:#000"><div style="background-color:black">x</div></body>', False),
        ('<body><div style="background:transparent">x</div></body>', False),
        # Held to a width of its own: away from the edges of a desktop pane.
        ('<body><table width="600" bgcolor="#222"><tr><td>x</td></tr></table></body>', False),
        ('<body><div style="max-width:600px; background:#eee">x</div></body>', False),
        ('<body><table bgcolor="#222"><tr><td>x</td></tr></table></body>', False),  # as wide as its text
        ('<body><div style="width:90%"><div style="background:#eee">x</div></div></body>', False),
        # Out of sight, or no box at all.
        ('<body><div style="display:none; background:#eee">x</div></body>', False),
        ("<body><style>p { background: red }</style><p>x</p></body>", False),
    ],
)
def test_a_background_reaches_the_edges_where_nothing_holds_it_narrower(markup: str, reaches: bool) -> None:
    assert paints_to_the_edges(_body(markup), _inline, _hidden) is reaches


def test_what_other_markup_lays_out_at_its_own_width_is_held() -> None:
    body = _body('<body><div class="ghost"><div style="background:#eee">x</div></div></body>')
    assert paints_to_the_edges(body, _inline, _hidden)
    assert not paints_to_the_edges(body, _inline, _hidden, lambda each: each.get("class") == "ghost")


def test_the_declarations_given_are_read_not_only_the_style_attribute() -> None:
    body = _body('<body><div class="band">x</div></body>')
    ruled = parse_declarations("background: #123456", first_line=1)

    def declarations(element: object) -> tuple[object, ...]:
        return ruled if element.get("class") == "band" else ()  # type: ignore[attr-defined]

    assert paints_to_the_edges(body, declarations, _hidden)


@pytest.mark.parametrize(
    ("markup", "painted"),
    [
        ('<td bgcolor="#ff0000">x</td>', "red"),
        ('<td bgcolor="#ff0000" style="background-color:#00ff00">x</td>', "lime"),  # CSS wins
        ('<td style="background:url(a.png) #000">x</td>', "image"),
        ('<td style="background:none">x</td>', None),
        ("<td>x</td>", None),
    ],
)
def test_the_background_an_element_paints(markup: str, painted: str | None) -> None:
    cell = lxml.html.fragment_fromstring(f"<table><tr>{markup}</tr></table>").find(".//td")
    found = background(cell, _inline)
    if painted in (None, "image"):
        assert found == painted
    else:
        assert found == background(_body(f'<body bgcolor="{painted}"></body>'), _inline)


@pytest.mark.parametrize(
    ("cell", "link", "same"),
    [
        ('bgcolor="#8ccaca"', "background:#8ccaca; padding:10px 25px", True),
        ('style="background:#8ccaca"', "background-color:#8CCACA; border:none", True),
        ('bgcolor="#8ccaca"', "color:#fff; border:0", True),  # no background of its own
        ('bgcolor="#8ccaca"', "border-radius:40px", True),  # corners are no border line
        ('bgcolor="#8ccaca"', "background:#ff0000", False),
        ('bgcolor="#8ccaca"', "background:#8ccaca; border:2px solid #000", False),
        ('bgcolor="#8ccaca"', "background:#8ccaca; border-bottom:solid", False),  # medium width
        ("", "background:#8ccaca", False),
    ],
)
def test_a_box_alone_in_its_cell_is_painted_as_the_cell(cell: str, link: str, same: bool) -> None:
    table = lxml.html.fragment_fromstring(
        f'<table><tr><td {cell}><a href="/" style="{link}">Go</a></td></tr></table>'
    )
    assert painted_as_its_cell(table.find(".//a"), _inline) is same
