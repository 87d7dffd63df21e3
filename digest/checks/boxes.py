"""Whether `box-sizing` changes an element's box: only where padding or a border lies along
a size the element is given (a width with left or right edges, a height with top or bottom
ones). Elsewhere content-box and border-box lay the element out alike, so a client that
drops box-sizing there changes nothing. Values are read with tinycss2 (css.Declaration).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from digest.checks.css import Declaration, parse_declarations, significant

Element = Any  # lxml.html.HtmlElement
Node = Any  # a tinycss2 node

_SIDES = ("top", "right", "bottom", "left")
_HORIZONTAL = ("left", "right")
_VERTICAL = ("top", "bottom")
_NO_SIZE = frozenset(
    {"auto", "none", "initial", "unset", "inherit", "0", "0px", "fit-content", "max-content"}
)
_NO_BORDER = frozenset({"none", "hidden"})
_BORDER_STYLES = frozenset({"dotted", "dashed", "solid", "double", "groove", "ridge", "inset", "outset"})
_BORDER_WIDTHS = frozenset({"thin", "medium", "thick"})
# The elements whose width and height attributes size them.
_SIZED_BY_ATTRIBUTES = frozenset({"img", "table", "td", "th", "col", "video", "iframe", "canvas"})


def box_sizing_matters(element: Element, declarations: Sequence[Declaration]) -> bool:
    """Whether box-sizing changes this element's box, given the declarations that style it
    (style-block rules first, its style attribute last)."""
    values = _cascade(declarations)
    edges = _edges(element, values)
    sized_across = _sized(element, values, ("width", "min-width", "max-width"), "width")
    sized_down = _sized(element, values, ("height", "min-height", "max-height"), "height")
    across = any(edges[side] for side in _HORIZONTAL)
    down = any(edges[side] for side in _VERTICAL)
    return (across and sized_across) or (down and sized_down)


def _cascade(declarations: Sequence[Declaration]) -> list[Declaration]:
    """The declarations in the order they apply: !important ones after the rest."""
    return [d for d in declarations if not d.important] + [d for d in declarations if d.important]


def _sized(element: Element, values: Sequence[Declaration], names: Sequence[str], attribute: str) -> bool:
    size: dict[str, str] = {}
    for declaration in values:
        if declaration.name in names:
            size[declaration.name] = " ".join(declaration.value.lower().split())
    if any(value not in _NO_SIZE for value in size.values()):
        return True
    return (
        element.tag in _SIZED_BY_ATTRIBUTES
        and names[0] not in size
        and (element.get(attribute) or "").strip() not in ("", "0", "auto")
    )


def _edges(element: Element, values: Sequence[Declaration]) -> dict[str, bool]:
    """Whether each side has padding or a border."""
    padding = dict.fromkeys(_SIDES, _presentational_padding(element))
    border_width = dict.fromkeys(_SIDES, "medium")
    border_style = dict.fromkeys(_SIDES, "solid" if _presentational_border(element) else "none")
    for declaration in values:
        name, words = declaration.name, declaration.value.lower().split()
        if name == "padding":
            padding.update(zip(_SIDES, _four(words), strict=True))
        elif name.startswith("padding-") and name[8:] in _SIDES:
            padding[name[8:]] = " ".join(words)
        elif name in ("border", *(f"border-{side}" for side in _SIDES)):
            sides = _SIDES if name == "border" else (name[7:],)
            style = next((word for word in words if word in _BORDER_STYLES | _NO_BORDER), "none")
            width = next((word for word in words if _is_length(word)), "medium")
            for side in sides:
                border_style[side], border_width[side] = style, width
        elif name in ("border-width", "border-style"):
            target = border_width if name == "border-width" else border_style
            target.update(zip(_SIDES, _four(words), strict=True))
        elif (
            name.startswith("border-")
            and name.endswith(("-width", "-style"))
            and name.split("-")[1] in _SIDES
        ):
            target = border_width if name.endswith("-width") else border_style
            target[name.split("-")[1]] = " ".join(words)
    return {
        side: not _is_zero(padding[side])
        or (border_style[side] not in _NO_BORDER and not _is_zero(border_width[side]))
        for side in _SIDES
    }


def _four(words: list[str]) -> list[str]:
    """A 1-to-4-value shorthand as top, right, bottom, left."""
    words = [word for word in words if word != "!important"] or ["0"]
    top = words[0]
    right = words[1] if len(words) > 1 else top
    bottom = words[2] if len(words) > 2 else top
    left = words[3] if len(words) > 3 else right
    return [top, right, bottom, left]


def _is_length(word: str) -> bool:
    return word in _BORDER_WIDTHS or word[:1].isdigit() or word.startswith(".")


def _is_zero(value: str) -> bool:
    number = value.strip().lower().rstrip("abcdefghijklmnopqrstuvwxyz%")
    try:
        return float(number) == 0
    except ValueError:
        return value.strip().lower() in ("", "none", "initial", "unset")


def _presentational_padding(element: Element) -> str:
    """A table's cellpadding pads its cells."""
    if element.tag not in ("td", "th"):
        return "0"
    for ancestor in element.iterancestors("table"):
        return (ancestor.get("cellpadding") or "1").strip() or "0"
    return "0"


def _presentational_border(element: Element) -> bool:
    if element.tag not in ("table", "img"):
        return False
    return not _is_zero(element.get("border") or "0")


# Block elements whose own margins are 0 in every browser's stylesheet, and whose width is
# that of their container unless set (CSS 2.1 10.3.3): auto margins are 0 there.
_PLAIN_BLOCKS = frozenset({"div", "center", "section", "header", "footer", "main", "article", "aside", "nav"})
_FULL_WIDTHS = frozenset({"auto", "100%", "none", "initial", "unset"})


def auto_margins_are_zero(tag: str, widths: Sequence[Declaration]) -> bool:
    """Whether auto margins on an element compute to 0, so that `margin:0 auto` and `margin:0`
    lay it out alike: a plain block as wide as its container (`widths`: the width and
    max-width it keeps)."""
    return tag in _PLAIN_BLOCKS and not any(sets_a_width(each) for each in widths)


def sets_a_width(declaration: Declaration) -> bool:
    """Whether a width or max-width declaration makes an element narrower than its container."""
    value = " ".join(declaration.value.lower().replace("!important", "").split())
    return declaration.name in ("width", "max-width") and value not in _FULL_WIDTHS


def zero_or_auto(declaration: Declaration) -> bool:
    """Whether every value of a margin declaration is 0 or auto."""
    values = list(significant(declaration.tokens))
    return bool(values) and all(
        (token.type in ("number", "dimension", "percentage") and token.value == 0)
        or (token.type == "ident" and token.lower_value == "auto")
        for token in values
    )


# A browser's default font size, which an em is measured in where nothing sets another.
DEFAULT_FONT_PX = 16.0
_FONT_UNITS = {"px": 1.0, "pt": 4 / 3}


def font_size_px(element: Element) -> float:
    """The font size in px an element's style attribute sets (font-size, or the size in the
    font shorthand), or a browser's default where it sets none in px or pt."""
    size = DEFAULT_FONT_PX
    for declaration in parse_declarations(element.get("style") or ""):
        if declaration.name not in ("font", "font-size"):
            continue
        lengths = [
            token for token in significant(declaration.tokens)
            if token.type == "dimension" and token.lower_unit in _FONT_UNITS
        ]  # fmt: skip
        if lengths:  # the font shorthand's first length is its size (a line height follows a /)
            size = float(lengths[0].value) * _FONT_UNITS[lengths[0].lower_unit]
    return size


def size_attribute_says_the_same(element: Element, declaration: Declaration) -> bool:
    """Whether a width or height declaration sets what the element's own width or height
    attribute sets anyway (width="600" and width:600px, width="100%" and width:100%)."""
    if declaration.name not in ("width", "height") or element.tag not in _SIZED_BY_ATTRIBUTES:
        return False
    attribute = (element.get(declaration.name) or "").strip().lower()
    value = next(significant(declaration.tokens), None)
    if not attribute or value is None or len(list(significant(declaration.tokens))) != 1:
        return False
    if value.type == "percentage":
        return attribute.endswith("%") and _number(attribute[:-1]) == float(value.value)
    if value.type == "dimension" and value.lower_unit == "px":
        return _number(attribute.removesuffix("px")) == float(value.value)
    return False


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None
