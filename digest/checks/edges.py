"""Whether anything an email paints reaches the edges of the window around it, and whether
a box paints anything its table cell does not.

A client that reads no margin on <body> (Outlook for Windows: caniemail's css-margin) keeps
its own margin there, a strip of the canvas around the message: the root's background, or
the body's where the root has none (CSS 2.1 14.2). That strip
shows only where something inside paints another background up to the body's edge: a band
as wide as the window (a `<table width="100%" bgcolor>`, a `<div>` with a background).
What is held to a width of its own (a 600px table, a box with a max-width, a table with no
width, as wide as what it holds, or what Outlook lays out with the fixed-width table written
for it alone) sits away from the edges of a desktop pane anyway, and text carries no
background of its own.

A button written as an inline-block link alone in a cell shows the same as a block (as
Outlook for Windows lays it out) where it has no border and no background but its cell's:
the cell is the button there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from digest.checks.boxes import sets_a_width
from digest.checks.css import Colour, Declaration, colour_in, parse_colour, significant, winning

Element = Any  # lxml.html.HtmlElement

_WHITE = Colour(1.0, 1.0, 1.0)
_UNSEEN = frozenset({"head", "style", "script", "title", "meta", "link", "template", "noscript"})
_FULL = frozenset({"", "100%"})
_BACKGROUNDS = ("background", "background-color")
# Replaced content a border-radius clips.
_CLIPPED = frozenset(
    {"img", "video", "iframe", "object", "embed", "svg", "input", "button", "textarea", "select"}
)
# The border properties that draw a line (not border-radius, -collapse or -spacing).
_CORNER_LINES = re.compile(
    r"border(?:-(?:top|right|bottom|left|block|inline)(?:-(?:start|end))?)?(?:-(?:width|style|color))?"
)


def paints_to_the_edges(
    body: Element,
    declarations: Callable[[Element], Sequence[Declaration]],
    hidden: Callable[[Element], bool],
    held: Callable[[Element], bool] = lambda _: False,
) -> bool:
    """Whether an element in the flow of `body`, as wide as it, paints a background other
    than the body's (`declarations`: what applies to an element; `hidden`: out of sight;
    `held`: laid out at a width of its own by markup the walk does not see)."""
    # The margin shows the canvas, which the root's background paints; the body's propagates
    # to it only where the root has none (CSS 2.1 14.2).
    root = body.getparent()
    own = background(body, declarations)
    ground = (background(root, declarations) if root is not None else None) or own or _WHITE
    if own is not None and own != ground:
        return True  # the body's own box, as wide as it, paints up to its margin
    stack = [child for child in body if _seen(child, hidden)]
    while stack:
        element = stack.pop()
        if held(element) or _held_narrower(element, declarations):
            continue
        paint = background(element, declarations)
        if paint is not None and paint != ground:
            return True
        stack.extend(child for child in element if _seen(child, hidden))
    return False


def _seen(element: Element, hidden: Callable[[Element], bool]) -> bool:
    return isinstance(element.tag, str) and element.tag not in _UNSEEN and not hidden(element)


def _held_narrower(element: Element, declarations: Callable[[Element], Sequence[Declaration]]) -> bool:
    if (element.get("width") or "").strip().lower() not in _FULL:
        return True
    own = declarations(element)
    if element.tag == "table" and not element.get("width") and winning(own, ("width",)) is None:
        return True  # as wide as what it holds
    return any(sets_a_width(each) for each in own)


def background(
    element: Element, declarations: Callable[[Element], Sequence[Declaration]]
) -> Colour | str | None:
    """The background an element paints: its colour, "image" for a picture, None for none."""
    if (element.get("background") or "").strip():
        return "image"
    own = declarations(element)
    pictured = winning(own, ("background", "background-image"))
    if pictured is not None and any(_is_image(token) for token in pictured.tokens):
        return "image"
    declaration = winning(own, _BACKGROUNDS)
    if declaration is not None:
        colour = colour_in(declaration.tokens)
        return colour if isinstance(colour, Colour) and colour.alpha > 0 else None
    colour = parse_colour((element.get("bgcolor") or "").strip() or "transparent")
    return colour if isinstance(colour, Colour) and colour.alpha > 0 else None


def _is_image(token: Any) -> bool:
    if token.type == "url":
        return True
    return token.type == "function" and str(token.lower_name).endswith(("url", "gradient"))


def painted_as_its_cell(element: Element, declarations: Callable[[Element], Sequence[Declaration]]) -> bool:
    """Whether a box alone in its cell paints no border, and no background but the cell's."""
    own = declarations(element)
    if any(
        each.name.startswith("border") and each.name != "border-radius" and _leaves_width(each)
        for each in own
    ):
        return False
    painted = background(element, declarations)
    return painted is None or painted == background(element.getparent(), declarations)


def draws_at_corners(element: Element, declarations: Callable[[Element], Sequence[Declaration]]) -> bool:
    """Whether a box shows anything a border-radius would round: a background, a border, a
    shadow or outline, content it clips, or a picture of its own."""
    if element.tag in _CLIPPED or background(element, declarations) is not None:
        return True
    for each in declarations(element):
        if _CORNER_LINES.fullmatch(each.name) and _leaves_width(each):
            return True
        if each.name in ("box-shadow", "outline") and _draws(each):
            return True
        if each.name.startswith("overflow") and _draws(each) and not _value_in(each, {"visible"}):
            return True
    return False


def _draws(declaration: Declaration) -> bool:
    return not _value_in(declaration, {"none", "0", "initial", "unset"})


def _value_in(declaration: Declaration, values: set[str]) -> bool:
    return " ".join(declaration.value.lower().replace("!important", "").split()) in values


def draws_line(declaration: Declaration) -> bool:
    """Whether a border declaration (not border-radius, -collapse or -spacing) draws a line."""
    return _CORNER_LINES.fullmatch(declaration.name) is not None and _leaves_width(declaration)


def _leaves_width(declaration: Declaration) -> bool:
    """Whether a border declaration draws a line: a length other than 0, or a style alone."""
    words = {token.lower_value for token in significant(declaration.tokens) if token.type == "ident"}
    if words & {"none", "hidden"}:
        return False
    lengths = [token for token in significant(declaration.tokens) if token.type in ("dimension", "number")]
    return any(token.value != 0 for token in lengths) or (not lengths and bool(words))
