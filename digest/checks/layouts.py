"""What a layout a client drops had to arrange, read from the email's markup alone.

A flex or grid container places its items (its element children in the flow, and each run
of text between them, which becomes an anonymous item) beside or below each other. One that
holds a single item has nothing to place: where a client drops display:flex or grid, the
same content shows, without the box's alignment and sizing (styling, not a collapsed layout).

A table's fixed layout (table-layout:fixed) takes its columns' widths from the table and its
first row instead of from what the cells hold. With one column, or a width set on every cell
of the first row, the automatic layout a client falls back to gives the same columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from digest.checks.css import parse_declarations, winning

Element = Any  # lxml.html.HtmlElement

_CELLS = ("td", "th")


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


def fixed_layout_changes_nothing(table: Element) -> bool:
    """Whether the automatic table layout gives this table the columns the fixed one does:
    its first row has one cell, or every cell of it is given a width."""
    row = next((each for each in table.iter("tr") if _cells(each)), None)
    if row is None:
        return False
    cells = _cells(row)
    return len(cells) == 1 or all(_sized(cell) for cell in cells)


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
