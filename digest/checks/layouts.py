"""What a layout a client drops had to arrange, read from the email's markup alone.

A flex or grid container places its items (its element children in the flow, and each run
of text between them, which becomes an anonymous item) beside or below each other. One that
holds a single item has nothing to place: where a client drops display:flex or grid, the
same content shows, without the box's alignment and sizing (styling, not a collapsed layout).

A max-width no narrower than the width its table cell or table is given (width="600")
changes nothing on a box of text: the container holds it to that width anyway, in Outlook
too. An image is another matter: its file's width decides, and the cell grows to hold it.

A max-width of 100% (or more) on a block of the flow with no width of its own changes
nothing either: such a block is as wide as its container and no wider (CSS 2.1, 10.3.3).

A table's fixed layout (table-layout:fixed) takes its columns' widths from the table and its
first row instead of from what the cells hold. With one column, or a width set on every cell
of the first row, the automatic layout a client falls back to gives the same columns.

A table of auto width (and no max-width) is as wide as its containing block where the widest
content of its columns is wider (CSS 2.1, 17.5.2.2): a line of its text, unbroken, at least 0.3em a
character in any common text face (they average about half an em), longer than the widest
its container can be (the nearest px width attribute around it), fills it. Auto margins are
0 on such a table: there is nothing to centre.

An absolutely positioned box a client takes back into the flow lands where its static
position was (CSS 2.1, 10.3.7 and 10.6.4): the start of its container, when it is the only
thing there. Alone, it covers and pushes aside nothing: only its place is lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from digest.checks.css import Declaration, parse_declarations, significant, winning

Element = Any  # lxml.html.HtmlElement

_CELLS = ("td", "th")
# An image's own size, not its container's, decides its width: a cell grows to hold it.
_REPLACED = frozenset({"img", "video", "iframe", "object", "embed", "svg"})
_PIXELS = re.compile(r"\d+(?:\.\d+)?(?:px)?")


def layout_items(container: Element) -> int:
    """How many items a flex or grid container lays out: its element children that are in
    the flow (not display:none in their style attribute) and its runs of visible text."""
    items = 1 if (container.text or "").strip() else 0
    for child in container:
        if (child.tail or "").strip():
            items += 1
        if isinstance(child.tag, str) and not _hidden_inline(child):
            items += 1
    return items


def lays_out_nothing(containers: Sequence[Element]) -> bool:
    """Whether none of these containers holds two items to place (False where none is known)."""
    return bool(containers) and all(layout_items(each) < 2 for each in containers)


def px_width(element: Element) -> str | None:
    """The width in px its style attribute, or else its width attribute, gives an element, as
    written without the unit ("200"); None where it is given none in px."""
    width = winning(parse_declarations(element.get("style") or ""), ("width",))
    written = width.value.strip().lower() if width is not None else (element.get("width") or "").strip()
    return written.removesuffix("px") if _PIXELS.fullmatch(written) else None


def rows_of_cells(containers: Sequence[Element], written: Sequence[Declaration]) -> bool:
    """Whether these flex containers are table rows holding only cells, laid out in a row (no
    column direction among the declarations written with their display): without flex, a
    row still lays its cells out side by side (CSS 2.1, 17.2), in source order."""
    flow = winning(written, ("flex-direction", "flex-flow"))
    if flow is not None and "column" in flow.value.lower():
        return False
    return all(
        container.tag == "tr"
        and all(child.tag in _CELLS for child in container if isinstance(child.tag, str))
        for container in containers
    )


def alone_in_container(elements: Sequence[Element]) -> bool:
    """Whether each element is the only item of its parent: no other element in the flow and
    no text beside it (False where none is known). Taken out of the flow, such an element
    leaves nothing to be laid over or pushed aside when it falls back in."""
    parents = [each.getparent() for each in elements]
    return bool(parents) and all(parent is not None and layout_items(parent) == 1 for parent in parents)


def fills_its_container(table: Element, sized_by_rules: Callable[[Element], bool] = lambda _: False) -> bool:
    """Whether a table of auto width holds a line of text longer than its container can be
    wide, so that it is as wide as its container (see the module's notes). Text a style-block
    rule may size (`sized_by_rules` of it or an element around it) is of no known size."""
    if (table.get("width") or "").strip() or _sets_width(table) or _capped(table):
        return False
    widest = _widest_container(table)
    return widest is not None and any(length > widest for length in _line_lengths(table, sized_by_rules))


def _capped(table: Element) -> bool:
    """Whether the table's own style caps its width: a table of auto width is then as wide as
    its cap at most, which may be narrower than its container (auto margins centre it there)."""
    return winning(parse_declarations(table.get("style") or ""), ("max-width",)) is not None


def _widest_container(element: Element) -> float | None:
    """The px width attribute of the nearest cell, table or block around the element that
    gives one, where nothing between is given a CSS width or a width wider than its own
    container (a percentage up to 100% is narrower); None where none is known."""
    for ancestor in element.iterancestors():
        attribute = (ancestor.get("width") or "").strip().lower()
        if _sets_width(ancestor):
            return None
        if _PIXELS.fullmatch(attribute):
            return float(attribute.removesuffix("px"))
        if attribute and not (attribute.endswith("%") and _percent_at_most_100(attribute)):
            return None
    return None


def _percent_at_most_100(attribute: str) -> bool:
    try:
        return float(attribute.removesuffix("%")) <= 100
    except ValueError:
        return False


# At least this much of an em for each character of a line of text, spaces included: the
# narrowest common text faces average well over it.
_LEAST_EM_PER_CHARACTER = 0.3


def _line_lengths(table: Element, sized_by_rules: Callable[[Element], bool]) -> Iterator[float]:
    """The least width in px of each run of text inside the table that no element breaks (a
    line break, a block, a cell), where the font size it is drawn in is known. Text its own
    style attribute, or one around it, hides takes no width."""
    for element in table.iter():
        if not isinstance(element.tag, str) or _hidden_within(element, table):
            continue
        size = _font_px(element, sized_by_rules)
        if size is None:
            continue
        line = element.text or ""
        for child in element:
            if isinstance(child.tag, str) and child.tag in _LINE_BREAKING_CHILDREN:
                yield _least_width(line, size)
                line = ""
            line += child.tail or ""  # an inline child's own text is left out: shorter still
        yield _least_width(line, size)


def _hidden_within(element: Element, top: Element) -> bool:
    """Whether the element, or one around it up to `top`, is display:none by its style attribute."""
    node = element
    while node is not None:
        if _hidden_inline(node):
            return True
        if node is top:
            return False
        node = node.getparent()
    return False


def _least_width(text: str, size: float) -> float:
    return len(" ".join(text.split())) * size * _LEAST_EM_PER_CHARACTER


def _font_px(element: Element, sized_by_rules: Callable[[Element], bool]) -> float | None:
    """The font size in px the nearest style attribute setting one gives (a browser's 16px
    where none does); None where that size is not in px or pt, or a rule may set it first."""
    for node in (element, *element.iterancestors()):
        if sized_by_rules(node):
            return None
        declaration = winning(parse_declarations(node.get("style") or ""), ("font-size", "font"))
        if declaration is None:
            continue
        sizes = [
            token for token in significant(declaration.tokens)
            if token.type == "dimension" and token.lower_unit in ("px", "pt")
        ]  # fmt: skip
        if declaration.name == "font-size" and len(list(significant(declaration.tokens))) != 1:
            return None
        if not sizes:
            return None
        return float(sizes[0].value) * (4 / 3 if sizes[0].lower_unit == "pt" else 1)
    return 16.0


def fixed_layout_changes_nothing(table: Element) -> bool:
    """Whether the automatic table layout gives this table the columns the fixed one does:
    its first row has one cell, or every cell of it is given a width, or its columns are alike."""
    row = next((each for each in table.iter("tr") if _cells(each)), None)
    if row is None:
        return False
    cells = _cells(row)
    return len(cells) == 1 or all(_sized(cell) for cell in cells) or columns_alike(table)


def columns_alike(table: Element) -> bool:
    """Whether every row of the table holds cells of the same markup, two or more, none
    spanning columns: the automatic layout (CSS 2.1, 17.5.2.2) gives columns of equal content
    widths equal widths, as the fixed layout does."""
    from lxml import etree  # only for a table whose fixed layout is lost

    rows = [row for row in _own_rows(table) if _cells(row)]
    if not rows:
        return False
    for row in rows:
        cells = _cells(row)
        if len(cells) < 2 or any((cell.get("colspan") or "1").strip() != "1" for cell in cells):
            return False
        markup = {etree.tostring(cell, with_tail=False) for cell in cells}
        if len(markup) > 1:
            return False
    return len({len(_cells(row)) for row in rows}) == 1


def _own_rows(table: Element) -> list[Element]:
    """The table's rows, not those of the tables inside it."""
    rows: list[Element] = []
    for child in table:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("tbody", "thead", "tfoot"):
            rows.extend(each for each in child if each.tag == "tr")
    return rows


def _cells(row: Element) -> list[Element]:
    return [each for each in row if isinstance(each.tag, str) and each.tag in _CELLS]


def _sized(cell: Element) -> bool:
    if (cell.get("width") or "").strip():
        return True
    width = winning(parse_declarations(cell.get("style") or ""), ("width",))
    return width is not None and width.value.strip().lower() not in ("", "auto", "initial", "unset")


def _hidden_inline(element: Element) -> bool:
    display = winning(parse_declarations(element.get("style") or ""), ("display",))
    return display is not None and display.value.strip().lower() == "none"


def capped_by_container(element: Element, declaration: Declaration) -> bool:
    """Whether a max-width in px is no narrower than the px width attribute of the element
    (a cell or table) or of the nearest table cell or table holding it, with no width set on
    what lies between. Never for an image: a cell grows to hold a wider one."""
    value = [token for token in significant(declaration.tokens)]
    if declaration.name != "max-width" or len(value) != 1 or element.tag in _REPLACED:
        return False
    if value[0].type != "dimension" or value[0].lower_unit != "px":
        return False
    own = (element.get("width") or "").strip().lower()
    if element.tag in (*_CELLS, "table") and _PIXELS.fullmatch(own):
        return float(own.removesuffix("px")) <= float(value[0].value)
    for ancestor in element.iterancestors():
        attribute = (ancestor.get("width") or "").strip().lower()
        if ancestor.tag in (*_CELLS, "table") and _PIXELS.fullmatch(attribute):
            return float(attribute.removesuffix("px")) <= float(value[0].value)
        if attribute or _sets_width(ancestor):
            return False
    return False


def _sets_width(element: Element) -> bool:
    declarations = parse_declarations(element.get("style") or "")
    return winning(declarations, ("width", "min-width")) is not None


# Blocks whose width is their container's unless one is set (CSS 2.1, 10.3.3).
_FLOW_BLOCKS = frozenset(
    {"div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "center", "section", "article", "header", "footer",
     "main", "aside", "nav", "blockquote", "address"}
)  # fmt: skip
# What ends a line of text: a line break, a block, a table's parts, a list item, an image
# (which may stand on its own line: its width is not counted).
_LINE_BREAKING_CHILDREN = frozenset({"br", "table", "tr", "td", "th", "ul", "ol", "li", "img", *_FLOW_BLOCKS})


def never_wider_anyway(element: Element, declaration: Declaration) -> bool:
    """Whether a max-width of 100% or more caps nothing: the element is a block of the flow
    with no width, min-width or display of its own in its style attribute."""
    value = [token for token in significant(declaration.tokens)]
    if declaration.name != "max-width" or len(value) != 1 or element.tag not in _FLOW_BLOCKS:
        return False
    if value[0].type != "percentage" or value[0].value < 100 or (element.get("width") or "").strip():
        return False
    own = parse_declarations(element.get("style") or "")
    return winning(own, ("width", "min-width", "display", "float", "position")) is None


def floats_where_it_sits(element: Element, declaration: Declaration) -> bool:
    """Whether float:left changes nothing for a table in a left-to-right cell with nothing after
    it: a left float goes to the left edge (CSS 2.1, 9.5.1), where a table sits anyway, and only
    what follows it would flow beside it."""
    parent = element.getparent()
    if element.tag != "table" or parent is None or parent.tag not in _CELLS:
        return False
    if " ".join(declaration.value.lower().replace("!important", "").split()) != "left":
        return False
    if (parent.get("align") or "").strip().lower() in ("center", "right") or _right_to_left(element):
        return False
    if (element.tail or "").strip():
        return False
    return all(
        not isinstance(each.tag, str) and not (each.tail or "").strip() for each in element.itersiblings()
    )


def _right_to_left(element: Element) -> bool:
    """Whether the nearest ancestor that sets a direction sets right to left."""
    for ancestor in element.iterancestors():
        direction = winning(parse_declarations(ancestor.get("style") or ""), ("direction",))
        if direction is not None:
            return direction.value.strip().lower().startswith("rtl")
        if (written := (ancestor.get("dir") or "").strip().lower()) in ("rtl", "ltr"):
            return written == "rtl"
    return False
