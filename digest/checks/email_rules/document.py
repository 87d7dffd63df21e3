"""The parsed email, read once: its elements, their style attributes, whether each is seen,
its text's font size and weight, and the runs of text it shows; every check shares it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, TypeVar

from digest.checks.css import (
    Declaration,
    StyleSheet,
    parse_css,
    parse_declarations,
    winning,
)
from digest.checks.email_rules.visibility import (
    cascade,
    inline_values,
    style_hides,
    values_hide,
    visibility_rules,
)

Element = Any  # lxml.html.HtmlElement; lxml ships no type information
T = TypeVar("T")

REPLACED_TAGS = frozenset(
    {"img", "video", "audio", "svg", "canvas", "hr", "iframe", "object", "embed", "input"}
)
NON_TEXT_TAGS = frozenset({"script", "style", "template", "noscript", "title"})
HEADING_EM = {"h1": 2.0, "h2": 1.5, "h3": 1.17, "h4": 1.0, "h5": 0.83, "h6": 0.67}
_BOLD_TAGS = frozenset({"b", "strong", "th", *HEADING_EM})


@dataclass(frozen=True)
class TextRun:
    """An element that directly holds visible text."""

    element: Element
    text: str

    @property
    def snippet(self) -> str:
        return shortened(self.text)


def shortened(text: str) -> str:
    words = " ".join(text.split())
    return words if len(words) <= 40 else words[:39] + "…"


class EmailDocument:
    """The parsed email with the lookups the checks share.

    `outlook` reads it as Outlook for Windows does, where `mso-hide:all` hides too. With
    `match` (a selector's elements in `root`), what hides an element is read from the rules
    of its <style> blocks as well as its style attribute (the client report's reading); with
    `media` too (whether a rule's @media preludes apply on the screen read), from the rules
    inside @media blocks that apply as well.
    """

    def __init__(
        self,
        raw: bytes,
        root: Element,
        *,
        outlook: bool = False,
        match: Callable[[str], list[Element] | None] | None = None,
        media: Callable[[tuple[str, ...]], bool] | None = None,
    ) -> None:
        self.raw = raw
        self.match = match
        self.media = media
        self.text = raw.decode("utf-8", errors="replace")
        self.root = root
        self.outlook = outlook
        self.body: Element | None = root.find("body")
        self._inline: dict[Element, tuple[Declaration, ...]] = {}
        self._hidden: dict[Element, bool] = {}
        self._font_size: dict[Element, float] = {}

    @cached_property
    def sheets(self) -> list[StyleSheet]:
        """The <style> blocks, parsed on first use: the client views never read them."""
        return [self._sheet(style) for style in self.elements("style")]

    @classmethod
    def parse(cls, raw: bytes, *, outlook: bool = False) -> EmailDocument | None:
        import lxml.html
        from lxml import etree

        try:
            parser = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True)
            root = lxml.html.document_fromstring(raw, parser=parser)
        except (etree.ParserError, ValueError):
            return None
        return cls(raw, root, outlook=outlook)

    @staticmethod
    def _sheet(style: Element) -> StyleSheet:
        media = style.get("media")
        return parse_css(style.text or "", media=(media,) if media else (), first_line=style.sourceline)

    def elements(self, *tags: str) -> Iterator[Element]:
        """Every element of the document (or those with one of `tags`), skipping comments."""
        from lxml import etree

        for element in self.root.iter(*tags or (etree.Element,)):
            if isinstance(element.tag, str):
                yield element

    def body_elements(self, *tags: str) -> Iterator[Element]:
        if self.body is None:
            return
        for element in self.body.iter(*tags):
            if isinstance(element.tag, str):
                yield element

    def inline(self, element: Element) -> tuple[Declaration, ...]:
        if element not in self._inline:
            self._inline[element] = parse_declarations(element.get("style") or "")
        return self._inline[element]

    def inline_declaration(self, element: Element, *names: str) -> Declaration | None:
        return winning(self.inline(element), names)

    def inline_value(self, element: Element, *names: str) -> str | None:
        declaration = self.inline_declaration(element, *names)
        return None if declaration is None else declaration.value.lower()

    def is_hidden(self, element: Element) -> bool:
        """Whether the element or an ancestor is hidden by its inline style (iteratively:
        a deep document must not exhaust the stack)."""
        return handed_down(element, self._hidden, False, lambda each, hidden: hidden or self.hides(each))

    def hides(self, element: Element) -> bool:
        """Whether the element's own attributes and inline style (and, read with `match`, the
        style blocks' rules) hide it from sight."""
        if element.get("hidden") is not None:
            return True
        ruled = self._ruled_visibility.get(element)
        if ruled is None:
            return style_hides(element.get("style") or "", self.outlook)
        return values_hide(cascade(ruled, self.inline(element)).get, self.outlook)

    @cached_property
    def _ruled_visibility(self) -> dict[Element, list[Declaration]]:
        """The declarations deciding visibility that style-block rules give each element they
        match, in source order (empty without `match`): rules outside at-rules, and those
        inside @media blocks where `media` says they apply."""
        found: dict[Element, list[Declaration]] = {}
        if self.match is None:
            return found
        for style in self.elements("style"):
            if (style.get("media") or "all").strip().lower() not in ("all", "screen"):
                continue
            for selectors, hiding, media in visibility_rules(style.text or ""):
                if media and (self.media is None or not self.media(media)):
                    continue
                for element in self.match(selectors) or ():
                    found.setdefault(element, []).extend(hiding)
        return found

    def font_size(self, element: Element) -> float:
        """The element's font size in px, from inline styles and heading defaults."""
        return handed_down(element, self._font_size, 16.0, self._own_font_size)

    def _own_font_size(self, element: Element, inherited: float) -> float:
        return _font_size(element.get("style") or "", element.tag, inherited)

    def is_bold(self, element: Element) -> bool:
        for node in self_and_ancestors(element):
            weight = self.inline_value(node, "font-weight")
            if weight is not None and weight not in ("inherit", "unset"):
                numeric = re.fullmatch(r"[0-9]{1,4}", weight)  # CSS weights run 1 to 1000 ('²' is no number)
                return weight in ("bold", "bolder") or (numeric is not None and int(weight) >= 700)
            if node.tag in _BOLD_TAGS:
                return True
        return False

    @cached_property
    def text_runs(self) -> list[TextRun]:
        """Visible text in <body>, grouped by the element that directly holds it."""
        return self._runs(None)

    @cached_property
    def line_runs(self) -> list[TextRun]:
        """Text in <body> that makes a line, grouped by the element that directly holds it: the
        visible text and no-break spaces alone (CSS Text 3, 4.1.1: only spaces, tabs and line
        breaks collapse away)."""
        return self._runs(_COLLAPSIBLE)

    def _runs(self, blanks: str | None) -> list[TextRun]:
        runs = []
        for element in self.body_elements():
            if element.tag in NON_TEXT_TAGS:
                continue
            text = (element.text or "") + "".join(child.tail or "" for child in element)
            if text.strip(blanks) and not self.is_hidden(element) and self.font_size(element) > 0:
                runs.append(TextRun(element, text))
        return runs

    @cached_property
    def ids(self) -> dict[str, Element]:
        """Each id with the first element that carries it."""
        found: dict[str, Element] = {}
        for element in self.elements():
            identifier = element.get("id")
            if identifier is not None:
                found.setdefault(identifier, element)
        return found


# The white space CSS collapses away (CSS Text 3, 4.1.1): a no-break space is not of it.
_COLLAPSIBLE = " \t\n\r\f"


def handed_down(element: Element, known: dict[Element, T], at_root: T, step: Callable[[Element, T], T]) -> T:
    """What `element` has of a value each element makes of its parent's (`step`), `at_root`
    above the root: worked out from the nearest ancestor already in `known`, and remembered
    there for each element on the way (iteratively: a deep document must not exhaust the
    stack)."""
    chain = []
    node = element
    while node is not None and node not in known:
        chain.append(node)
        node = node.getparent()
    value = at_root if node is None else known[node]
    for each in reversed(chain):
        value = step(each, value)
        known[each] = value
    return known[element]


def self_and_ancestors(element: Element) -> Iterator[Element]:
    node = element
    while node is not None:
        yield node
        node = node.getparent()


@lru_cache(maxsize=8192)
def _font_size(style: str, tag: str, inherited: float) -> float:
    """An element's font size in px, from its inline style, heading defaults and the inherited size."""
    value = inline_values(style).get("font-size")
    if value is not None:
        if match := _PX_OR_PT.fullmatch(value):
            return float(match.group(1)) * (4 / 3 if match.group(2) == "pt" else 1)
        if match := _RELATIVE_SIZE.fullmatch(value):
            number = float(match.group(1)) / (100 if match.group(2) == "%" else 1)
            return number * 16 if match.group(2) == "rem" else number * inherited
    if value is None and tag in HEADING_EM:
        return inherited * HEADING_EM[tag]
    return inherited


_PX_OR_PT = re.compile(r"([\d.]+)\s*(px|pt)?")
_RELATIVE_SIZE = re.compile(r"([\d.]+)\s*(%|em|rem)")


def px(value: str | None, *, unitless: bool) -> float | None:
    """A length in px; `unitless` accepts bare numbers as HTML width attributes do."""
    if value is None:
        return None
    pattern = r"([\d.]+)\s*(px)?" if unitless else r"([\d.]+)\s*px|(0)"
    match = re.fullmatch(pattern, value.strip().lower())
    if not match:
        return None
    try:
        return float(match.group(1) or 0)
    except ValueError:
        return None
