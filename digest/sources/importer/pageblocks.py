"""The blocks of a saved page's document (paragraphs, list items, headings, tables, code
blocks), the words they hold, and what their names (class and id) say of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from digest.sources.importer.teasers import tokens

BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
        "th", "thead", "tr", "ul", "caption", "menu",
    }
)  # fmt: skip
TABLE_PARTS = frozenset({"table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "colgroup", "col"})
SECTION_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
ALWAYS_WHOLE = frozenset({"p", "pre", "h1", "h2", "h3", "h4", "h5", "h6"})
PERMALINK_MARKS = re.compile(r"\s*[¶§#🔗]+$")


def heading_text(heading: Any) -> str:
    """A heading's words, without the permalink mark documentation tools append (¶, §, #)."""
    return PERMALINK_MARKS.sub("", " ".join(heading.text_content().split()))


def block_words(element: Any) -> list[str]:
    """An element's tokens, with cells, items and line breaks apart ("<td>a</td><td>b</td>"
    is two words, as an extractor writes it), inline markup joined ("<b>bo</b>ld" is one)."""
    pieces: list[str] = []

    def visit(node: Any) -> None:
        apart = isinstance(node.tag, str) and (node.tag in BLOCK_TAGS or node.tag in ("br", "img"))
        if apart:
            pieces.append(" ")
        pieces.append(node.text or "")
        for child in node:
            visit(child)
            pieces.append(child.tail or "")
        if apart:
            pieces.append(" ")

    visit(element)
    return tokens("".join(pieces))


def is_block(element: Any) -> bool:
    return isinstance(element.tag, str) and element.tag in BLOCK_TAGS


def is_whole(element: Any) -> bool:
    """A block judged as one: a paragraph, a heading, code, or a data table (a table laying
    out the page, with paragraphs in its cells, is judged cell by cell)."""
    if element.tag == "table":
        return not any(
            is_block(inner) and inner.tag not in TABLE_PARTS for inner in element.iterdescendants()
        )
    return element.tag in ALWAYS_WHOLE


def blocks_of(root: Any) -> list[Any]:
    """The smallest blocks under `root`: those judged whole, and those with no block inside."""
    found: list[Any] = []

    def visit(element: Any) -> None:
        for child in element:
            if not is_block(child):
                # a block inside an inline element (`<a><h3>..</h3></a>`) is a block all the same
                if isinstance(child.tag, str) and any(is_block(inner) for inner in child.iterdescendants()):
                    visit(child)
                continue
            if is_whole(child) or not any(is_block(inner) for inner in child.iterdescendants()):
                found.append(child)
            else:
                visit(child)

    if is_block(root) and (is_whole(root) or not any(is_block(inner) for inner in root.iterdescendants())):
        return [root]
    visit(root)
    return found


def attached_elements(root: Any) -> Iterator[Any]:
    """The elements under `root` (not `root` itself) that are still in the tree when their turn
    comes: a loop that drops elements passes over those it dropped with an ancestor."""
    for element in list(root.iterdescendants()):
        if isinstance(element.tag, str) and element.getparent() is not None:
            yield element


def name_words(element: Any) -> set[str]:
    """The words of an element's class and id: 'byline__author pb-byline' -> byline, author, pb."""
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    names = re.sub(r"([a-z])([A-Z])", r"\1 \2", names).lower()
    return set(re.split(r"[^a-z0-9]+", names)) - {""}


def marked(element: Any, hints: tuple[str, ...]) -> bool:
    """Whether a class or id word is one of `hints` (or its plural, or it with 'name')."""
    words = name_words(element)
    return any(word in words or f"{word}s" in words or f"{word}name" in words for word in hints)
