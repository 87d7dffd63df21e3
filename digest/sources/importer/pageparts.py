"""Where on a saved page an element stands, and the text it shows: the comments, a card
teasing another story (whose byline and date are that story's), the lines an element shows a
reader, the elements that hold text, and texts compared loosely (case, spaces and marks aside)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from digest.sources.importer.furniture import COMMENT_HINTS
from digest.sources.importer.pageblocks import marked

GLUED_COMMENTS = re.compile(r"comments?(?:list|area|box)|(?:recent|latest|last)comments?", re.IGNORECASE)
# Words that name a line of the article's own metadata, even beside 'comments' (its count)
META_LINE_WORDS = frozenset({"date", "datetime", "time", "timestamp", "byline", "dateline"})


def loose_text(text: str) -> str:
    return re.sub(r"\W+", "", text.casefold())


XPATH_SPACE = " \t\r\n"  # what normalize-space() strips: no other space counts as blank


def text_holders(document: Any) -> Iterator[Any]:
    """The body's elements holding text that is not blank, their own or after a child, in
    document order: what `//body//text()[normalize-space()]/..` finds, whose parent step
    libxml2 takes in time quadratic in the page's nodes (2.7 s at 60,000, 12.7 s at 120,000)."""
    for body in document.iter("body"):
        if any(ancestor.tag == "body" for ancestor in body.iterancestors()):
            continue  # inside another body, whose walk meets it
        for element in body.iter():
            if not isinstance(element.tag, str):
                continue  # a comment or an instruction holds no text nodes of its own
            if (element.text or "").strip(XPATH_SPACE) or any(
                (child.tail or "").strip(XPATH_SPACE) for child in element
            ):
                yield element


def in_story_card(element: Any) -> bool:
    """Inside a link that holds a whole card (a heading, or a summary's words): the teaser of
    another story, whose byline is that story's. A link around a name and its avatar is none."""
    for link in [*([element] if element.tag == "a" else []), *element.iterancestors("a")]:
        if link.xpath(".//h1 | .//h2 | .//h3 | .//h4") or len(link.text_content().split()) > 25:
            return True
    return _under_linked_headline(element)


HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
TEASER_BYLINE_DEPTH = 2  # a teaser's byline: beside its headline, or in the block beside it


@dataclass(frozen=True)
class _Teasers:
    """A page's teasers, found once: the elements around a heading that is only a link to
    another story, and those after one before the next heading."""

    root: Any  # held, so lxml gives the same root object back while it is asked about this page
    around: frozenset[Any]
    after: frozenset[Any]


_last_teasers: list[_Teasers] = []


def _under_linked_headline(element: Any) -> bool:
    """After a heading that is only a link, with no other heading between (a list's teaser:
    '<h3><a href=..>Other story</a></h3><p>..</p><div class=byline>by ..'), inside the block
    that follows one, or around one (the teaser whole): that story's byline."""
    teasers = _teasers_of(element)
    if element in teasers.around:
        return True
    nodes = (element, *list(element.iterancestors())[:TEASER_BYLINE_DEPTH])
    return any(node in teasers.after for node in nodes)


def _teasers_of(element: Any) -> _Teasers:
    root = element.getroottree().getroot()
    cached = next(iter(_last_teasers), None)  # one read: another thread may replace it
    if cached is not None and cached.root is root:
        return cached
    titles = root.xpath("//head/title | //head/meta[@property='og:title']/@content")
    named = loose_text(" ".join(str(t) if isinstance(t, str) else t.text_content() for t in titles))
    around: set[Any] = set()
    after: set[Any] = set()
    for heading in root.iter("h2", "h3", "h4"):
        if not _only_a_link(heading, named):
            continue
        around.add(heading)
        around.update(a for a in heading.iterancestors() if a.tag not in ("body", "html", "article", "main"))
        for sibling in heading.itersiblings():
            if sibling.tag in HEADINGS:
                break
            after.add(sibling)
    found = _Teasers(root, frozenset(around), frozenset(after))
    _last_teasers[:] = [found]
    return found


def _only_a_link(heading: Any, named: str) -> bool:
    """A heading that is only a link to another story: not the page's own headline linked to
    its permalink, as blog engines print a post's title (the <title> or og:title, `named`,
    names that one)."""
    links = heading.xpath(".//a[@href]")
    text = " ".join(heading.text_content().split())
    if len(links) != 1 or not text or text != " ".join(links[0].text_content().split()):
        return False
    return loose_text(text) not in named


def element_lines(element: Any) -> list[str]:
    """An element's text split where a reader sees lines: at <br> and at blocks inside it."""
    pieces: list[str] = [element.text or ""]
    _line_pieces(element, element, pieces)
    return [" ".join(line.split()) for line in "".join(pieces).split("\n") if line.strip()]


def _line_pieces(top: Any, node: Any, pieces: list[str]) -> None:
    """Text in reading order, a line break at <br> and around the blocks right under `top`."""
    for child in node:
        if not isinstance(child.tag, str):
            continue
        block = child.tag in ("p", "div", "li", "span") and node is top
        if child.tag == "br" or block:
            pieces.append("\n")
        pieces.append(child.text or "")
        _line_pieces(top, child, pieces)
        if block:
            pieces.append("\n")
        pieces.append(child.tail or "")


def in_comments(element: Any) -> bool:
    """Inside the comments, or a list of them ('recentcomments', 'commentlist' widgets). The
    page's <body> and <html> are no comments whatever their class words (a site's feature
    switches: 'f_hide_pending_replies_on')."""
    return any(
        names_comments(ancestor) or GLUED_COMMENTS.search(f"{ancestor.get('class')} {ancestor.get('id')}")
        for ancestor in element.iterancestors()
        if isinstance(ancestor.tag, str) and ancestor.tag not in ("body", "html")
    )


def names_comments(element: Any) -> bool:
    """Whether the element's class or id says comments, and not a line of the article's own
    metadata that also counts them ('comments_datetime', 'comment-date byline')."""
    if not marked(element, COMMENT_HINTS):
        return False
    words = set(re.split(r"[^a-z0-9]+", f"{element.get('class') or ''} {element.get('id') or ''}".lower()))
    return not words & META_LINE_WORDS
