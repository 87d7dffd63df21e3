"""The email as one client shows it: a copy without what the client drops (features it does not
support, values and elements a note names), its style attributes and blocks written anew.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping, Sequence

import tinycss2

from digest.checks.caniemail import Support
from digest.checks.clients.analysis import Analysis
from digest.checks.clients.features import Element, Node, Use
from digest.checks.clients.mailclients import Client
from digest.checks.clients.notes import NoteRule, failing_somewhere, support_rules
from digest.checks.css import parse_declarations

# Elements a client that does not support them strips with what they hold.
_REMOVED_WHOLE = frozenset(
    {"style", "svg", "object", "form", "select", "textarea", "input", "button", "meta"}
)
# Elements whose tags (and sources) a client that does not support them strips, showing the
# fallback written inside (caniemail: replaced by <u></u>, or stripped with the fallback shown).
_UNWRAPPED = frozenset({"video", "audio", "picture"})
SOURCES = frozenset({"source", "track"})


class View:
    """The email with what one client drops taken out."""

    def __init__(self, analysis: Analysis, client: Client) -> None:
        self.analysis = analysis
        self.client = client
        self.dropped: list[Use] = []
        self.unwrapped: list[Element] = []
        self.inert: set[int] = set()  # elements that stay, but do not work
        self.stripped: dict[int, str] = {}  # uses that take their style attribute or block along
        self.renamed: dict[int, str] = {}  # declarations the client writes under another name
        self.widened: set[int] = set()  # chained selectors read as the first of their chain
        self.noted: dict[int, frozenset[str]] = {}  # what the notes that drop a use name in it
        self.unsupported: list[tuple[Use, Support]] = []
        # Style-block declarations a note drops on some of the elements they style, not all: the
        # notes that say so (the view keeps the rule whole).
        self.partly: dict[int, tuple[NoteRule, ...]] = {}
        hidden_from = "never" if client.outlook_windows else "only"  # the uses this client never reads
        found: list[tuple[int, Use, Support, tuple[NoteRule, ...]]] = []
        for feature, uses in analysis.uses_by_feature.items():
            support, rules = support_rules(analysis.data, feature, client.family, client.platform)
            if support.status in ("n", "a"):
                found += ((place, use, support, rules) for place, use in uses if use.outlook != hidden_from)
        for _, use, support, rules in sorted(found, key=lambda each: each[0]):  # in the email's order
            status = support.status
            failing = [rule for rule in rules if rule.drops(use)] if rules else []
            if not failing and rules and all(rule.quiet for rule in rules):
                continue
            self.unsupported.append((use, support))
            if failing or (status == "n" and not any(rule.narrows for rule in rules)):
                self._drop(use, failing)
            elif use.kind == "rule-declaration" and (partly := failing_somewhere(use, rules)):
                self.partly[id(use)] = partly

    def _drop(self, use: Use, failing: Sequence[NoteRule]) -> None:
        """The client drops the use, and with it what the notes that fail it say."""
        self.dropped.append(use)
        if named := frozenset[str]().union(*(rule.values_not for rule in failing)) & use.values:
            self.noted[id(use)] = named
        for rule in failing:
            if rule.inert:
                self.inert.add(id(use))
            if scope := rule.scope(use):
                self.stripped.setdefault(id(use), scope)
            if rule.renamed[0]:
                self.renamed.setdefault(id(use), rule.renamed[1])
            if rule.first_of_chain and use.kind == "selector":
                self.widened.add(id(use))

    def apply(self) -> View:
        """A copy of the document without what the client drops (the analysis stays whole)."""
        import copy

        self.root = copy.deepcopy(self.analysis.root)
        self.copies: list[Element] = list(self.root.iter())  # in the analysis's document order
        self.copy_order = {element: i for i, element in enumerate(self.copies)}
        inline: dict[Element, set[int]] = {}  # positions in the style attribute
        rules: dict[Element, set[tuple[int, ...]]] = {}
        attributes: dict[Element, set[str]] = {}
        removed: list[Element] = []
        for use in self.dropped:
            if use.outlook == "only" or use.element is None:
                continue  # it lives in a comment: nothing to take out of the document
            scope = self.stripped.get(id(use))
            if scope == "attribute":
                attributes.setdefault(use.element, set()).add("style")
            elif scope == "block":
                removed.append(use.element)
            elif use.kind == "declaration":
                inline.setdefault(use.element, set()).update(use.rule_index)
            elif use.kind in ("rule-declaration", "selector", "at-rule"):
                rules.setdefault(use.element, set()).add(use.rule_index)
            elif use.kind == "attribute":
                attributes.setdefault(use.element, set()).update(use.keys)
            elif use.kind == "element" and id(use) not in self.inert:
                self._drop_element(use, attributes, removed)
        for element, names in attributes.items():
            for name in names:
                _drop_attribute(self.copy_of(element), name)
        for element, positions in inline.items():
            _restyle(self.copy_of(element), positions)
        for style, paths in rules.items():
            sheet = _rewrite_sheet(self.analysis.sheets.get(style, []), paths, self.analysis.inner)
            self.copy_of(style).text = sheet
        for element in removed:
            _remove_keeping_tail(self.copy_of(element))
        for element in self.unwrapped:
            _unwrap(self.copy_of(element))
        return self

    def copy_of(self, element: Element) -> Element:
        """The element of the client's copy that stands where `element` stands in the analysis."""
        return self.copies[self.analysis.order[element]]

    def _drop_element(self, use: Use, attributes: dict[Element, set[str]], removed: list[Element]) -> None:
        element = use.element
        if element is None:
            return
        tag = element.tag.lower()
        if tag == "body":
            attributes.setdefault(element, set()).update(element.attrib.keys())
        elif tag in _UNWRAPPED:
            self.unwrapped.append(element)
        elif tag in _REMOVED_WHOLE:
            removed.append(element)

    def serialize(self) -> bytes:
        """The view as UTF-8 that says so: clients strip the email's <meta> tags, and a page
        whose encoding is left to guessing shows its dots and dashes as mojibake."""
        import lxml.html

        head = self.root.find("head")
        if head is not None and head.find("meta[@charset]") is None:
            head.insert(0, lxml.html.Element("meta", charset="utf-8"))
        body: bytes = lxml.html.tostring(self.root, encoding="utf-8", method="html")
        return b"<!doctype html>\n" + body


def _drop_attribute(element: Element, name: str) -> None:
    try:
        element.attrib.pop(name, None)
    except ValueError:  # a name lxml reads as a namespace ("{a"): set the others again
        kept = [(key, value) for key, value in element.items() if key != name]
        element.attrib.clear()
        for key, value in kept:
            with contextlib.suppress(ValueError):
                element.set(key, value)


def _restyle(element: Element, dropped: set[int]) -> None:
    """Write the element's style attribute again without the declarations at `dropped`."""
    declarations = parse_declarations(element.get("style") or "")
    kept = [d for position, d in enumerate(declarations) if position not in dropped]
    text = "; ".join(f"{d.name}:{d.value}{' !important' if d.important else ''}" for d in kept)
    if text:
        element.set("style", XML_UNSAFE.sub("", text))
    else:
        element.attrib.pop("style", None)


# Control characters an HTML parser keeps and lxml will not write back into a document.
XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _rewrite_sheet(
    nodes: Sequence[Node], dropped: set[tuple[int, ...]], inner: Mapping[int, list[Node]]
) -> str:
    """A style block without the dropped rules, at-rules and declarations."""
    text = "".join(_serialize_rule(node, (index,), dropped, inner) for index, node in enumerate(nodes))
    return XML_UNSAFE.sub("", text)


def _serialize_rule(
    node: Node, path: tuple[int, ...], dropped: set[tuple[int, ...]], inner: Mapping[int, list[Node]]
) -> str:
    if (path in dropped and node.type in ("qualified-rule", "at-rule")) or node.type == "error":
        return ""  # what a browser throws away as invalid, too
    if node.type == "qualified-rule":
        body = tinycss2.parse_blocks_contents(node.content or [], skip_comments=True, skip_whitespace=True)
        kept = [
            tinycss2.serialize([item]) if item.type != "declaration" else _declaration_text(item)
            for position, item in enumerate(body)
            if (*path, position) not in dropped and item.type in ("declaration", "at-rule")
        ]
        return f"{tinycss2.serialize(node.prelude)}{{ {'; '.join(kept)} }}"
    if node.type == "at-rule" and id(node) in inner:
        rules = "".join(
            _serialize_rule(child, (*path, i), dropped, inner) for i, child in enumerate(inner[id(node)])
        )
        return f"@{node.at_keyword}{tinycss2.serialize(node.prelude)}{{{rules}}}"
    return str(tinycss2.serialize([node]))


def _declaration_text(item: Node) -> str:
    important = " !important" if item.important else ""
    return f"{item.name}:{tinycss2.serialize(item.value).strip()}{important}"


def _unwrap(element: Element) -> None:
    """Take out the element and its <source>s and <track>s, keeping what else it holds (lxml
    reads <source> as holding what follows it: that is kept too)."""
    if element.getparent() is None:
        return
    for child in list(element.iter(*SOURCES)):
        if child is not element:
            child.drop_tag()
    element.drop_tag()


def _remove_keeping_tail(element: Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def root_of(element: Element) -> Element:
    """The top of the tree an element is in: the copy's root, or the top of a subtree the view
    took out of it."""
    while (parent := element.getparent()) is not None:
        element = parent
    return element
