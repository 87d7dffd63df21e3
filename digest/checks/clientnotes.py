"""More of caniemail's notes read as rules for the client report (digest.checks.clients).

Each note read here names, in its own words, the case that fails: a unit that misbehaves
unless a declaration beside it says otherwise (Outlook's line-height), a unit drawn wrong
(Outlook's letter-spacing in `em`), the one kind of gap kept (column gaps of a flex row),
a <style> element read only for what follows it (Outlook for Windows), a value kept out
of a property (a cursor's URL, `display:inline-flex` in Yahoo), a way of writing a
shorthand (a `background` with its size after a slash, which Yahoo does not read). What fails is marked on
the uses when the email is read (`declaration_markers`, `late_style`), so a note becomes
a set of markers: a use carrying one of them fails.

Notes that hang on accounts, browsers, versions or bugs without a case are not read.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

Element = Any  # lxml.html.HtmlElement
Node = Any  # a tinycss2 node

_BACKTICKED = re.compile(r"`([^`]+)`")
# Outlook's line-height: "`em` and `px` units behave weirdly. Use `mso-line-height-rule:exactly`."
_UNITS_UNLESS = re.compile(
    r"^buggy\. ((?:`\w+`(?:,| and)? ?)+) units behave weirdly\. use `([a-z-]+):([a-z-]+)`"
)
# Outlook's letter-spacing: "Values set in `em` are smaller than the expected render in CSS."
_VALUES_SET_IN = re.compile(r"\bvalues set in `(\w+)` are (?:smaller|bigger|larger)\b")
# Yahoo's display:flex, under a "supported" result: "`display:inline-flex` is not supported."
_ONE_VALUE_NOT = re.compile(r"^`([a-z-]+):([a-z-]+)` is not supported\.?$")

# Outlook for macOS: "Not supported. All tables are forced to `table-layout:fixed`."
_FORCED = re.compile(r"\ball [a-z<>]+ are forced to `([a-z-]+):([a-z-]+)`")
# Apple Mail (macOS): "Partial. `E { F {}}` doesn’t work, but `E { & F {}}` does."
_NESTED_WITHOUT_AMPERSAND = re.compile(r"`e \{ f \{\}\}` doesn.t work, but `e \{ & f \{\}\}` does")

# Yahoo's background: "Does not support the `/ value` shorthand for `background-size`."
_SLASH_SIZE = re.compile(r"does not support the `/ value` shorthand for `background-size`")

GAP_NOT_FLEX_COLUMNS = "gap:not-flex-column-gap"
SIZE_AFTER_SLASH = "background:size-after-slash"
NESTED_WITHOUT_AMPERSAND = "nesting:without-&"
LATE_STYLE = "style:after-its-elements"
_FLEX = frozenset({"flex", "inline-flex"})


_EXACTLY = (
    "Outlook spaces the lines its own way for a line-height in em or px (at least that height): "
    "write mso-line-height-rule:exactly beside it"
)
# What the client does instead, for the report's why.
NOTE_SAYS = {
    "em-without:mso-line-height-rule:exactly": _EXACTLY,
    "px-without:mso-line-height-rule:exactly": _EXACTLY,
    "em-drawn-smaller": "Outlook draws a letter-spacing in em smaller than set: write it in px",
    GAP_NOT_FLEX_COLUMNS: "only the column gap of a flex row is kept: space the items with padding or margin",
    LATE_STYLE: "the client reads a <style> only for what follows it: move it into the <head>",
    SIZE_AFTER_SLASH: (
        "the client does not read a background's size after a slash: give the size a declaration of its own"
    ),
    NESTED_WITHOUT_AMPERSAND: "a nested rule is read only where its selector holds &: write & before it",
}


@dataclass(frozen=True)
class NoteCase:
    """The markers a note says fail (a use carrying any of them fails)."""

    failing: frozenset[str]


def read_note(lower: str) -> NoteCase | None:
    """The case a note (lowercased) names as failing, or None for a note not read here."""
    if found := _UNITS_UNLESS.search(lower):
        units = _BACKTICKED.findall(found.group(1))
        fix = f"{found.group(2)}:{found.group(3)}"
        return NoteCase(frozenset(f"{unit}-without:{fix}" for unit in units))
    if found := _VALUES_SET_IN.search(lower):
        return NoteCase(frozenset({f"{found.group(1)}-drawn-smaller"}))
    if lower.strip() == "partial. supports column-gap for flexbox.":
        return NoteCase(frozenset({GAP_NOT_FLEX_COLUMNS}))
    if "`<style>` elements need to be declared before their rules are used" in lower:
        return NoteCase(frozenset({LATE_STYLE}))
    if _NESTED_WITHOUT_AMPERSAND.search(lower):
        return NoteCase(frozenset({NESTED_WITHOUT_AMPERSAND}))
    if _SLASH_SIZE.search(lower):
        return NoteCase(frozenset({SIZE_AFTER_SLASH}))
    if lower.strip() == "partial. url is not supported.":
        return NoteCase(frozenset({"url"}))
    return None


def read_supported_case(lower: str) -> NoteCase | None:
    """Under a "supported" result, a note that names the one value that is not:
    "`display:inline-flex` is not supported." (Yahoo)."""
    if found := _ONE_VALUE_NOT.match(lower.strip()):
        return NoteCase(frozenset({f"{found.group(1)}:{found.group(2)}"}))
    return None


def shorthand_markers(name: str, tokens: Iterable[Node]) -> frozenset[str]:
    """What these notes look for in how a shorthand is written: a `background` giving its
    size after a slash (`center / cover`; a slash in a URL or a string is no such thing)."""
    if name == "background" and any(token.type == "literal" and token.value == "/" for token in tokens):
        return frozenset({SIZE_AFTER_SLASH})
    return frozenset()


# The properties declaration_markers reads a declaration's neighbours for.
def forced_value(lower: str) -> tuple[str, str] | None:
    """The property and value a note (lowercased) says the client forces on every element of
    a kind, whatever the email sets: a declaration of that value then costs nothing there,
    and one of another value gives way to it."""
    found = _FORCED.search(lower)
    return (found.group(1), found.group(2)) if found else None


NOTED_PROPERTIES = frozenset({"line-height", "letter-spacing", "gap", "row-gap"})


def declaration_markers(name: str, units: Iterable[str], block: Mapping[str, str]) -> frozenset[str]:
    """What these notes look for in one declaration, given the others of its style attribute
    or rule (`block`: lowercased name to lowercased value, the last one written)."""
    found: set[str] = set()
    if name == "line-height" and block.get("mso-line-height-rule", "").strip() != "exactly":
        # Outlook's own rule stands in: "at least" the height, not exactly it.
        found.update(f"{unit}-without:mso-line-height-rule:exactly" for unit in units)
    if name == "letter-spacing":
        found.update(f"{unit}-drawn-smaller" for unit in units)
    if name in ("gap", "row-gap") and not _flex_row_gap(name, block):
        found.add(GAP_NOT_FLEX_COLUMNS)
    return frozenset(found)


def _flex_row_gap(name: str, block: Mapping[str, str]) -> bool:
    """Whether a gap is only the column gap of a flex container laid out in one row: the
    gap those clients keep. A row-gap, a grid's or a multi-column's gap, a gap between
    wrapped lines or between the items of a column is not."""
    if name == "row-gap" or block.get("display", "").strip() not in _FLEX:
        return False
    flow = (
        f"{block.get('flex-direction', '')} {block.get('flex-wrap', '')} {block.get('flex-flow', '')}".split()
    )
    return not {"column", "column-reverse", "wrap", "wrap-reverse"} & set(flow)


def late_style(
    style: Element,
    selectors: Iterable[str],
    matched: Callable[[str], list[Element] | None],
    order: Mapping[Element, int],
) -> bool:
    """Whether every element a <style> element's rules style comes before it, so that a
    client reading a <style> only for what follows it styles nothing with it."""
    position = order.get(style)
    if position is None:
        return False
    styled = False
    for selector in selectors:
        elements = matched(selector)
        if elements is None:
            return False  # a selector lxml cannot read: what it styles is not known
        for element in elements:
            if order.get(element, -1) > position:
                return False
            styled = True
    return styled


_EXACTLY_RULE = re.compile(r"mso-line-height-rule\s*:\s*exactly", re.I)
_CELL_TAG = re.compile(r"<(/?)(?:td|th)\b([^>]*)>", re.I)


class OutlookLineRule:
    """Where Outlook's mso-line-height-rule:exactly reaches an element: written on it or an
    ancestor (the property is inherited, and templates set it once on <body>), by a style
    rule that matches either (Maizzle's conditional `td,th,div,p,a,h1... {...}`), or on a
    cell of the Outlook-only tables a template wraps its content in (MJML's, in conditional
    comments), read as the email is walked in document order."""

    def __init__(self, matched: Callable[[str], list[Element] | None]) -> None:
        self._matched = matched
        self._cells: list[bool] = []  # the Outlook-only cells open here: whether each sets it
        self._exact = 0  # how many of them set it
        # Where in document order the open cells start or stop to set it: (position, whether one does).
        self._changes: list[tuple[int, bool]] = []
        self._inherited: dict[Element, bool] = {}
        self._selectors: list[str] = []  # the rules that set it
        self._styled: set[int] | None = None  # the elements those rules match, by id

    def read_rule(self, selector: str, value: str) -> None:
        """A style-block rule's mso-line-height-rule declaration."""
        if value.strip().lower() == "exactly" and selector:
            self._selectors.append(selector)
            self._styled = None
            self._inherited.clear()

    def read_conditional(self, markup: str, position: int = 0) -> None:
        """A conditional comment's markup, at its place in document order."""
        before = self._exact > 0
        for tag in _CELL_TAG.finditer(markup):
            if tag.group(1):
                if self._cells:
                    self._exact -= self._cells.pop()
            else:
                self._cells.append(bool(_EXACTLY_RULE.search(tag.group(2))))
                self._exact += self._cells[-1]
        if (self._exact > 0) != before:
            self._changes.append((position, not before))

    def reaches(self, element: Element) -> bool:
        return self._exact > 0 or self._inherits(element)

    def reaches_at(self, element: Element, position: int) -> bool:
        """Whether it reaches an element at this place in document order, once the whole email
        is read (a style-block rule in the <head> styles elements the walk reads later)."""
        at = bisect.bisect_right(self._changes, (position, True))
        return (at > 0 and self._changes[at - 1][1]) or self._inherits(element)

    def _inherits(self, element: Element) -> bool:
        """Written on the element or an ancestor (each element is read once)."""
        unread: list[Element] = []
        node = element
        while node is not None and node not in self._inherited:
            unread.append(node)
            node = node.getparent()
        found = self._inherited.get(node, False) if node is not None else False
        for each in reversed(unread):
            found = found or bool(_EXACTLY_RULE.search(each.get("style") or "")) or id(each) in self.styled
            self._inherited[each] = found
        return found

    @property
    def styled(self) -> set[int]:
        if self._styled is None:
            self._styled = {
                id(each) for selector in self._selectors for each in self._matched(selector) or ()
            }
        return self._styled


def nested_selector(parent: str, nested: str) -> str:
    """The selector a rule nested in another styles with, as CSS Nesting reads it: `&` stands
    for the parent's elements; a selector without one is read as the parent's descendants."""
    outer = f":is({parent})" if "," in parent else parent
    parts = (part.strip() for part in nested.split(","))
    return ", ".join(part.replace("&", outer) if "&" in part else f"{outer} {part}" for part in parts)
