"""Which element of a saved page holds its article.

trafilatura, the field's standard extractor, judges what is article text and what is page
chrome (menus, share buttons, newsletter boxes, comments, related links). Its output is
plain text, though, and loses what the page's own markup says (code languages, captions,
tables, links), so it is used as the judge, not as the output: every block of the page's
own document (a paragraph, a list item, a heading, a table, a code block) whose words
trafilatura kept stays, the others go, and the element holding nearly all kept words is
the article.

When trafilatura finds nothing, the page's largest `<article>`, else its `<main>`, else its
body is taken.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass, field
from itertools import islice, pairwise
from typing import Any

from digest.sources.importer.furniture import remove_excerpt_boxes
from digest.sources.importer.pageblocks import (
    SECTION_HEADINGS,
    block_words,
    blocks_of,
    heading_text,
    is_block,
    is_whole,
)
from digest.sources.importer.teasers import tokens

INLINE_WRAPPERS = ("span", "font")  # inline elements that say nothing of their text
# Scripts written without spaces between words are compared character by character.
FALLBACKS_UP_TO_TAGS = 20_000  # the real pages collected hold at most 5,221 tags
# trafilatura's own extraction takes time growing faster than the page (1.7 s at 20,000 paragraphs,
# 4.8 s at 40,000, 15 s at 80,000): a page past this many elements is judged by its first ones (the
# real pages collected hold at most 2,800), and the article they place keeps the elements after them.
EXTRACTED_UP_TO_ELEMENTS = 20_000
SHORT_BLOCK_TOKENS = 3  # a block this short must be a whole line of the extraction, not a piece
MOST_OF_THE_ARTICLE = 0.9


@dataclass
class KeptText:
    """trafilatura's extraction as one string of tokens, and its lines, for lookups."""

    text: str
    lines: frozenset[str]
    # Where the last block found ends: the page's blocks are asked in the order the extraction
    # keeps them, so each search starts there, and a long page is read once, not once a block
    # (25,000 paragraphs took 30 s). A block found nowhere after it is looked for before it.
    _after: int = 0

    def holds(self, tokens: list[str]) -> bool:
        joined = " ".join(tokens)
        if len(tokens) <= SHORT_BLOCK_TOKENS:
            return joined in self.lines
        needle = f" {joined} "
        found = self.text.find(needle, self._after)
        if found < 0:
            found = self.text.find(needle, 0, self._after + len(needle))
        if found < 0:
            return False
        self._after = found + len(needle) - 1  # the closing space starts the next block
        return True


@dataclass
class Article:
    """The element of a page that holds its article, and how it was found."""

    root: Any
    kept: KeptText | None
    checks: list[str] = field(default_factory=list)

    @property
    def headline(self) -> str | None:
        """The article's first level-1 heading, when the article holds one."""
        for heading in self.root.xpath("descendant-or-self::h1"):
            if text := heading_text(heading):
                return text
        return None


def find_article(document: Any, html: str) -> Article:
    """The article of a parsed page (`document`, changed in place): judged by trafilatura,
    else by the page's markup."""
    capped, unseen = _capped(document)
    kept = _extraction(capped if capped is not None else html)
    if document.body is not None:  # before the judging drops the 'Learn more' links they end with
        remove_excerpt_boxes(document.body)
    root = _judged_article(document, kept, unseen) if kept else None
    if root is not None:
        return Article(root, kept)
    root = _largest_article(document)
    if root is None:  # no <body> (an empty page, a frameset): the whole document, found empty later
        root = document
    checks = []
    if root.tag in ("body", "html"):
        checks.append("no article found in the page: the whole page was taken; remove menus left in")
    return Article(root, None, checks)


# --- what trafilatura kept ------------------------------------------------------------------


def _extraction(html: str) -> KeptText | None:
    import trafilatura

    # trafilatura's fallback extractors take time quadratic in the elements of a page
    # (8,000 picture cards: 33 s); past a size no article page reaches, it runs without them
    fast = html.count("<") > FALLBACKS_UP_TO_TAGS
    try:
        text = trafilatura.extract(
            html, include_comments=False, include_tables=True, with_metadata=False, fast=fast
        )
    except (ValueError, TypeError, AttributeError):  # a page too broken for it: fall back
        return None
    if not text or not text.strip():
        return None
    lines = frozenset(" ".join(tokens(line)) for line in text.split("\n") if line.strip())
    return KeptText(" " + " ".join(tokens(text)) + " ", lines)


def _capped(document: Any) -> tuple[str | None, frozenset[Any]]:
    """A page past EXTRACTED_UP_TO_ELEMENTS cut after its first elements, as HTML for the extractor,
    and the elements cut off, which it never judges; (None, nothing) for a page within the cap."""
    import lxml.html

    elements = list(document.iter())
    if len(elements) <= EXTRACTED_UP_TO_ELEMENTS:
        return None, frozenset()
    copy = deepcopy(document)
    first_cut = next(islice(copy.iter(), EXTRACTED_UP_TO_ELEMENTS, None))  # the copy's order is the page's
    for node in (first_cut, *first_cut.iterancestors()):
        parent = node.getparent()
        for later in list(node.itersiblings()) if parent is not None else []:
            parent.remove(later)
    first_cut.getparent().remove(first_cut)
    return lxml.html.tostring(copy, encoding="unicode"), frozenset(elements[EXTRACTED_UP_TO_ELEMENTS:])


def _judged_article(document: Any, kept: KeptText, unseen: frozenset[Any] = frozenset()) -> Any | None:
    """The element holding nearly all the blocks trafilatura kept, without the blocks it did not
    (those it never saw, past the cap on what it is given, stay)."""
    body = document.body
    if body is None:
        return None
    _unwrap_block_holders(body)
    _paragraphise(body)
    weights: dict[Any, int] = {}
    for block in blocks_of(body):
        words = block_words(block)
        if words and kept.holds(words):
            weights[block] = len(words)
    # The article is placed by the blocks a container holds as blocks: those inside a link or
    # another inline element (a card's heading) are judged, but do not move it.
    placing = {block: weight for block, weight in weights.items() if not _inside_inline(block, body)}
    if not placing:
        return None
    root = _holding_most(placing, body)
    blocks = blocks_of(root)
    headed = _section_headings(blocks, weights)
    for block in blocks:
        if block in weights or block in unseen or not block_words(block) or block.getparent() is None:
            continue
        if _kept_anyway(block):
            continue
        if block not in headed:
            block.drop_tree()
    return root


def _section_headings(blocks: list[Any], kept: dict[Any, int]) -> set[Any]:
    """The headings of sections whose text stays (a live blog's updates, each an <article> of its
    own, lose theirs to the extractor): a heading right before a kept block, said once, of two
    words or more, neither a link alone (another story's teaser) nor in a list (comments)."""
    texts = [" ".join(block.text_content().split()) for block in blocks if block.tag in SECTION_HEADINGS]
    headed = set()
    for block, following in pairwise(blocks):
        if block.tag not in SECTION_HEADINGS or following not in kept:
            continue
        text = " ".join(block.text_content().split())
        if texts.count(text) > 1 or len(block_words(block)) < 2 or block.xpath("ancestor::li"):
            continue
        links = [a for a in block.xpath(".//a[@href]") if not a.get("href", "").startswith("#")]
        if links and " ".join(links[0].text_content().split()) == text:
            continue  # a permalink to the section itself ('#how-it-works') is no teaser
        headed.add(block)
    return headed


def _inside_inline(block: Any, root: Any) -> bool:
    for ancestor in block.iterancestors():
        if ancestor is root:
            return False
        if not is_block(ancestor):
            return True
    return False


def _kept_anyway(block: Any) -> bool:
    """Blocks extractors leave out that the review still needs: the headline (the title is
    chosen from it, then it goes) and captions (they go with their image, not before)."""
    return block.tag in ("h1", "figcaption") or any(a.tag == "figcaption" for a in block.iterancestors())


def _holding_most(weights: dict[Any, int], body: Any) -> Any:
    """The deepest element whose kept blocks hold at least 90% of all kept words."""
    total = sum(weights.values())
    held: dict[Any, int] = {}
    for block, weight in weights.items():
        for element in (block, *block.iterancestors()):
            held[element] = held.get(element, 0) + weight
    candidates = [element for element, weight in held.items() if weight >= MOST_OF_THE_ARTICLE * total]
    return max(candidates, key=lambda element: sum(1 for _ in element.iterancestors()), default=body)


def _unwrap_block_holders(root: Any) -> None:
    """A `<span>` or `<font>` holding a block (`<span><h2>..</h2><br><br>text</span>`, as page
    builders write a label's text), or an element HTML does not define holding one, is shown as
    blocks around it: it becomes a `<div>`, so its text is judged in paragraphs like any other."""
    import lxml.html.defs

    for element in root.iter():
        wrapper = element.tag in INLINE_WRAPPERS or (
            # an element HTML does not define (a custom `<tide-note>`, a name mangled in saving)
            isinstance(element.tag, str) and element.tag not in lxml.html.defs.tags
        )
        if wrapper and any(is_block(inner) for inner in element.iterdescendants()):
            element.tag = "div"


def _paragraphise(root: Any) -> None:
    """Text written straight into a container beside blocks (`<div>text<br>text<p>..`) is
    wrapped in paragraphs, so every word of the page sits in a block that can be judged."""
    import lxml.html

    for container in list(root.iter()):
        if not is_block(container) or is_whole(container) or not any(is_block(c) for c in container):
            continue
        run: list[Any] = []
        if container.text and container.text.strip():
            paragraph = lxml.html.Element("p")
            paragraph.text, container.text = container.text, None
            container.insert(0, paragraph)
            run = [paragraph]
        # past the paragraph just made, by position: asking the run for each child took quadratic time
        for child in list(container)[len(run) :]:
            if is_block(child):
                _wrap_paragraphs(container, run)
                run = []
                if child.tail and child.tail.strip():
                    paragraph = lxml.html.Element("p")
                    paragraph.text, child.tail = child.tail, None
                    child.addnext(paragraph)
                    run = [paragraph]
            else:
                run.append(child)
        _wrap_paragraphs(container, run)


def _wrap_paragraphs(container: Any, run: list[Any]) -> None:
    """A run of inline children as paragraphs: two line breaks in a row (`text<br><br>text`)
    end one, as a browser shows them, and go with the paragraph break they make."""
    piece: list[Any] = []
    for index, child in enumerate(run):
        following = run[index + 1] if index + 1 < len(run) else None
        if following is not None and child.tag == following.tag == "br" and not (child.tail or "").strip():
            _wrap(container, piece)
            piece = []
            child.drop_tree()
            continue
        piece.append(child)
    _wrap(container, piece)


def _wrap(container: Any, run: list[Any]) -> None:
    """Move a run of inline children (and their text) into one paragraph, where they were."""
    import lxml.html

    if not run:
        return
    if len(run) == 1 and run[0].tag == "p":
        return
    has_text = any((child.text_content() or "").strip() or (child.tail or "").strip() for child in run)
    if not has_text and not any(child.tag == "img" or child.xpath(".//img") for child in run):
        return
    paragraph = lxml.html.Element("p")
    container.insert(container.index(run[0]), paragraph)
    for child in run:
        paragraph.append(child)  # moves the child, its tail included
    if run[0].tag == "br":  # the last of the breaks that ended the paragraph before
        paragraph.text = run[0].tail
        paragraph.remove(run[0])


# --- without trafilatura ----------------------------------------------------------------------


def _largest_article(document: Any) -> Any:
    """The page's largest <article>, else its <main>, else the body."""
    articles = document.xpath("//article")
    if articles:
        return max(articles, key=lambda element: len(element.text_content()))
    for query in ("//main", "//*[@role='main']"):
        found = document.xpath(query)
        if found:
            return found[0]
    return document.body
