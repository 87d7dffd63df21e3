"""A saved page's article text, as Markdown.

trafilatura, the field's standard extractor, judges what is article text and what is page
chrome (menus, share buttons, newsletter boxes, comments, related links). Its output is
plain text, though, and loses what the page's own markup says (code languages, captions,
tables, links), so it is used as the judge, not as the output: every block of the page's
own document (a paragraph, a list item, a heading, a table, a code block) whose words
trafilatura kept stays, the others go, and the element holding nearly all kept words is
the article. That element, cleaned, becomes Markdown through markdownify.

When trafilatura finds nothing, the page's largest `<article>`, else its `<main>`, else its
body is taken, without the elements that are furniture by their tag, role or class.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass, field
from itertools import islice, pairwise
from typing import Any
from urllib.parse import urljoin, urlparse

from digest.sources.importer.teasers import remove_teasers, tokens
from digest.sources.importer.writer import clean_markdown
from digest.sources.values import url_problem

BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
        "th", "thead", "tr", "ul", "caption", "menu",
    }
)  # fmt: skip
TABLE_PARTS = frozenset({"table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "colgroup", "col"})
INLINE_WRAPPERS = ("span", "font")  # inline elements that say nothing of their text
SECTION_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
ALWAYS_WHOLE = frozenset({"p", "pre", "h1", "h2", "h3", "h4", "h5", "h6"})
PAGE_FURNITURE = frozenset(
    {
        "nav", "aside", "header", "footer", "form", "button", "iframe", "svg", "canvas", "input", "select",
        "textarea", "dialog", "object", "embed", "source", "menu",
    }
)  # fmt: skip
FURNITURE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "dialog"})
FURNITURE_CLASSES = frozenset(
    {
        "share", "sharing", "social", "social-share", "related", "related-posts", "comments", "newsletter",
        "subscribe", "advertisement", "ads", "ad", "byline", "breadcrumb", "breadcrumbs", "sr-only",
        "visually-hidden", "promo", "sidebar",
    }
)  # fmt: skip
# A block's name words for a list of the site's other stories: one of these with a plural of STORIES.
OTHER_STORIES = frozenset({"related", "recent", "latest", "popular", "trending", "similar"})
STORIES = frozenset({"posts", "articles", "stories", "entries"})
# Thematic breaks ending the text: a rule with nothing after it divides nothing (an <hr> over a
# link line the extractor left out, or closing a post).
TRAILING_RULES = re.compile(r"\n\n(?:(?:-{3,}|\*{3,}|_{3,})[ \t]*\n+)+\Z")
# Scripts written without spaces between words are compared character by character.
FALLBACKS_UP_TO_TAGS = 20_000  # the real pages collected hold at most 5,221 tags
# trafilatura's own extraction takes time growing faster than the page (1.7 s at 20,000 paragraphs,
# 4.8 s at 40,000, 15 s at 80,000): a page past this many elements is judged by its first ones (the
# real pages collected hold at most 2,800), and the article they place keeps the elements after them.
EXTRACTED_UP_TO_ELEMENTS = 20_000
SHORT_BLOCK_TOKENS = 3  # a block this short must be a whole line of the extraction, not a piece
MOST_OF_THE_ARTICLE = 0.9
PROSE_LINK_SHARE = 0.25  # a layout cell of prose: at most a quarter of its text in links
MENU_LINK_SHARE = 0.5  # a layout cell of menus and story lists: more than half in links
BOX_TAGS = frozenset({"form", "dialog"})
BOX_HINTS = (
    "newsletter", "subscribe", "signup", "modal", "consent", "gdpr", "pulldown", "dropdown", "popup",
    "regwall", "subscription",  # the prompts that stand in for (or after) a locked text
    "follow",  # 'Stay in touch, follow @annlee': a prompt to follow the writer's accounts
)  # fmt: skip
# 'paywall' marks the text behind the wall (as search engines' structured data asks for it:
# "cssSelector": ".paywall"), beside any other word (js-paywall, c-paywall, paywall--locked);
# with a prompt's words (paywall-modal, paywall-inline-barrier, paywall-prompt), the prompt
# in its place.
PAYWALL = "paywall"
PAYWALL_PROMPT = frozenset(
    {"prompt", "modal", "barrier", "bar", "banner", "overlay", "popup", "dialog", "cta", "offer", "message",
     "notice", "meter", "promo", "upsell", "gate", "login", "signin", "register", "subscribe"}
)  # fmt: skip
# A page's columns named for what they hold: the main one is the article's, the others sidebars.
MAIN_COLUMN = frozenset({"main", "primary", "content"})
SIDE_COLUMN = frozenset({"sub", "side", "secondary", "aside"})
COLUMN_ENDS = ("column", "col", "bar")
COMMENT_HINTS = ("comment", "reply", "replies", "response", "discussion", "disqus")
READ_MORE = re.compile(
    r"(?:learn|read|see|find out) more|more|continue reading|weiterlesen|mehr|lire la suite|leer más"
    r"|続きを読む",
    re.IGNORECASE,
)
CUT_SHORT = re.compile(r"\w(?:\.\.\.|…)\s*$")  # a summary's last sentence cut off: 'It...'
PERMALINK_MARKS = re.compile(r"\s*[¶§#🔗]+$")
SAVED_FILES = re.compile(r"(?:^|/)[^/]*_files/")  # what "Save page as" writes beside the page


@dataclass
class _Kept:
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
    kept: _Kept | None
    checks: list[str] = field(default_factory=list)

    @property
    def headline(self) -> str | None:
        """The article's first level-1 heading, when the article holds one."""
        for heading in self.root.xpath("descendant-or-self::h1"):
            if text := heading_text(heading):
                return text
        return None


def heading_text(heading: Any) -> str:
    """A heading's words, without the permalink mark documentation tools append (¶, §, #)."""
    return PERMALINK_MARKS.sub("", " ".join(heading.text_content().split()))


def find_article(document: Any, html: str) -> Article:
    """The article of a parsed page (`document`, changed in place): judged by trafilatura,
    else by the page's markup."""
    capped, unseen = _capped(document)
    kept = _extraction(capped if capped is not None else html)
    if document.body is not None:  # before the judging drops the 'Learn more' links they end with
        _remove_excerpt_boxes(document.body)
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


def article_markdown(article: Article, title: str, base_url: str | None) -> str:
    """The article as Markdown, without the page's furniture, its title heading and the
    images that cannot travel with it (reported in `article.checks`)."""
    root = article.root
    _unwrap_layout_tables(root)
    _remove_side_columns(root)
    _remove_comments(root, article.kept)
    _remove_boxes(root)
    _remove_reference_furniture(root)
    remove_teasers(root, title, base_url)
    _remove_furniture(root, protected=_protected(root, article.kept))
    _drop_title(root, title)
    _remove_script_controls(root)
    _remove_tag_lines(root)
    _demote_headings(root)
    article.checks.extend(_without_saved_copies(root, base_url))
    article.checks.extend(_without_file_name_alts(root))
    if base_url:
        # a link urllib cannot parse ('http://[bad') is left as written, for the link checks to name
        root.make_links_absolute(base_url, resolve_base_href=True, handle_failures="ignore")
    return TRAILING_RULES.sub("\n", clean_markdown(without_repeats(_to_markdown(root))))


# The label of a line listing the post's tags or categories, each a link ('Tags: film, review').
TAG_LABEL = re.compile(
    r"(?:tags?|tagged(?: with| as| in)?|filed under|categories|category|topics|"
    r"schlagw(?:ö|oe)rter|stichw(?:ö|oe)rter|étiquettes|etiquetas|etichette|tagi)\s*:",
    re.IGNORECASE,
)
TAG_SEPARATORS = re.compile(r"[\s,;|/·•]*")


def _remove_tag_lines(root: Any) -> None:
    """A line that lists the post's tags or categories ('Tags: film, kusp film review'): a label
    and links, nothing else. The page's tags are read from its metadata; in the text the line is
    the blog's furniture."""
    for block in list(root.iter("p", "div", "li", "span")):
        # the label opens the block's own text: read first, so a page of nested blocks is read once
        if not TAG_LABEL.match((block.text or "").strip()) or block.getparent() is None:
            continue
        if block.xpath(".//h1 | .//h2 | .//h3 | .//p | .//li"):
            continue
        links = block.xpath(".//a[@href]")
        text = " ".join(block.text_content().split())
        label = TAG_LABEL.match(text)
        if not links or label is None:
            continue
        rest = text[label.end() :]
        for link in links:
            rest = rest.replace(" ".join(link.text_content().split()), " ", 1)
        if TAG_SEPARATORS.fullmatch(rest):
            block.drop_tree()


SCRIPT_LINK = re.compile(r"\s*javascript:", re.IGNORECASE)
CONTROL_LABEL_CHARS = 20


def _remove_script_controls(root: Any) -> None:
    """Links that run a script on the page instead of leading anywhere (`javascript:`: copy
    the address, change the font size, open a menu), in a block of such links and perhaps their
    label, are the page's controls: they go with their text, and so does a block they leave
    empty or holding only their label ('Text size:'). One inside a sentence (a word that opens
    a note) stays."""
    holders = []
    for link in root.xpath(".//a[@href]"):
        holder = link.getparent()
        if holder is None or not SCRIPT_LINK.match(link.get("href") or ""):
            continue
        if link.xpath(".//img | .//picture | .//video"):
            link.drop_tag()  # a picture that opens a viewer: the picture stays, the link goes
            continue
        besides = (
            "".join(holder.xpath("text()"))
            + "".join("".join(child.itertext()) + (child.tail or "") for child in holder if child.tag != "a")
            + "".join(child.tail or "" for child in holder if child.tag == "a")
        )
        if len(" ".join(besides.split())) <= CONTROL_LABEL_CHARS:
            holders.append(holder)
            link.drop_tree()
    for holder in dict.fromkeys(holders):
        if root not in holder.iterancestors() or holder.xpath(".//img | .//picture | .//video"):
            continue  # gone with a block dropped before, or the root itself
        left = " ".join(holder.text_content().split())
        if not left or (len(left) <= CONTROL_LABEL_CHARS and left.endswith((":", "："))):
            while _control_only(holder.getparent(), left, root):
                holder = holder.getparent()
            holder.drop_tree()


def _control_only(block: Any, label: str, root: Any) -> bool:
    """Whether a block holds nothing but a control's label: no other text, no picture."""
    if block is None or block is root or block.xpath(".//img | .//picture | .//video"):
        return False
    return not " ".join(block.text_content().split()).replace(label, "", 1).strip()


# A paragraph this long said twice in a row is the page's standfirst or teaser shown again as
# the body's first paragraph, never the writer's repetition.
REPEATED_BLOCK_WORDS = 8
EMPTY_HEADING = re.compile(r"#{1,6}\s*")
FENCE = re.compile(r"\s*(`{3,}|~{3,})")


# A picture alone in its block, perhaps inside a link to a larger copy: '[![alt](src)](big)'
PICTURE_BLOCK = re.compile(r"(\[?!\[)(?P<alt>[^\]]*)(\]\([^)\s]*\)(?:\]\([^)\s]*\))?)", re.DOTALL)
CJK_CHARACTER = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def without_repeats(markdown: str) -> str:
    """The Markdown without a block that repeats the one before it word for word, and without
    headings left empty (a heading that held only a picture or a link that went); code stays
    as it is. A picture's alt text that the caption under it repeats is left out: the caption
    says it, and a reader would hear it twice."""
    kept: list[str] = []
    previous = ""
    for block in _markdown_blocks(markdown):
        text = " ".join(block.split())
        if FENCE.match(block) is None:
            if EMPTY_HEADING.fullmatch(text):
                continue
            if text == previous and _word_count(text) >= REPEATED_BLOCK_WORDS:
                continue
            picture = PICTURE_BLOCK.fullmatch(kept[-1]) if kept else None
            if picture and " ".join(picture.group("alt").split()) == text:
                kept[-1] = picture.group(1) + picture.group(3)
        kept.append(block)
        previous = text
    return "\n\n".join(kept)


def _word_count(text: str) -> int:
    """Words by spaces, a script written without them counted at two characters a word."""
    return len(CJK_CHARACTER.sub(" ", text).split()) + (len(CJK_CHARACTER.findall(text)) + 1) // 2


def _markdown_blocks(markdown: str) -> list[str]:
    """Blocks between blank lines; a fenced code block is one block, blank lines and all."""
    blocks: list[str] = []
    current: list[str] = []
    fence: str | None = None
    for line in markdown.split("\n"):
        marker = FENCE.match(line)
        if marker and (fence is None or marker.group(1).startswith(fence)):
            fence = None if fence else marker.group(1)
        if fence is None and not line.strip():
            if current:
                blocks.append("\n".join(current))
                current = []
            continue
        current.append(line)
    if current:
        blocks.append("\n".join(current))
    return blocks


# --- what trafilatura kept ------------------------------------------------------------------


def _extraction(html: str) -> _Kept | None:
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
    return _Kept(" " + " ".join(tokens(text)) + " ", lines)


def _words(element: Any) -> list[str]:
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


def _judged_article(document: Any, kept: _Kept, unseen: frozenset[Any] = frozenset()) -> Any | None:
    """The element holding nearly all the blocks trafilatura kept, without the blocks it did not
    (those it never saw, past the cap on what it is given, stay)."""
    body = document.body
    if body is None:
        return None
    _unwrap_block_holders(body)
    _paragraphise(body)
    weights: dict[Any, int] = {}
    for block in _blocks(body):
        words = _words(block)
        if words and kept.holds(words):
            weights[block] = len(words)
    # The article is placed by the blocks a container holds as blocks: those inside a link or
    # another inline element (a card's heading) are judged, but do not move it.
    placing = {block: weight for block, weight in weights.items() if not _inside_inline(block, body)}
    if not placing:
        return None
    root = _holding_most(placing, body)
    blocks = _blocks(root)
    headed = _section_headings(blocks, weights)
    for block in blocks:
        if block in weights or block in unseen or not _words(block) or block.getparent() is None:
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
        if texts.count(text) > 1 or len(_words(block)) < 2 or block.xpath("ancestor::li"):
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
        if not _is_block(ancestor):
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


def _is_block(element: Any) -> bool:
    return isinstance(element.tag, str) and element.tag in BLOCK_TAGS


def _whole(element: Any) -> bool:
    """A block judged as one: a paragraph, a heading, code, or a data table (a table laying
    out the page, with paragraphs in its cells, is judged cell by cell)."""
    if element.tag == "table":
        return not any(
            _is_block(inner) and inner.tag not in TABLE_PARTS for inner in element.iterdescendants()
        )
    return element.tag in ALWAYS_WHOLE


def _blocks(root: Any) -> list[Any]:
    """The smallest blocks under `root`: those judged whole, and those with no block inside."""
    found: list[Any] = []

    def visit(element: Any) -> None:
        for child in element:
            if not _is_block(child):
                # a block inside an inline element (`<a><h3>..</h3></a>`) is a block all the same
                if isinstance(child.tag, str) and any(_is_block(inner) for inner in child.iterdescendants()):
                    visit(child)
                continue
            if _whole(child) or not any(_is_block(inner) for inner in child.iterdescendants()):
                found.append(child)
            else:
                visit(child)

    if _is_block(root) and (_whole(root) or not any(_is_block(inner) for inner in root.iterdescendants())):
        return [root]
    visit(root)
    return found


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
        if wrapper and any(_is_block(inner) for inner in element.iterdescendants()):
            element.tag = "div"


def _paragraphise(root: Any) -> None:
    """Text written straight into a container beside blocks (`<div>text<br>text<p>..`) is
    wrapped in paragraphs, so every word of the page sits in a block that can be judged."""
    import lxml.html

    for container in list(root.iter()):
        if not _is_block(container) or _whole(container) or not any(_is_block(c) for c in container):
            continue
        run: list[Any] = []
        if container.text and container.text.strip():
            paragraph = lxml.html.Element("p")
            paragraph.text, container.text = container.text, None
            container.insert(0, paragraph)
            run = [paragraph]
        # past the paragraph just made, by position: asking the run for each child took quadratic time
        for child in list(container)[len(run) :]:
            if _is_block(child):
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


# --- cleaning ---------------------------------------------------------------------------------


def _protected(root: Any, kept: _Kept | None) -> set[Any]:
    """Elements that hold text trafilatura kept: never removed as furniture."""
    if kept is None:
        return set()
    protected: set[Any] = set()
    for block in _blocks(root):
        words = _words(block)
        if words and kept.holds(words):
            protected.update((block, *block.iterancestors()))
    return protected


def _attached_elements(root: Any) -> Iterator[Any]:
    """The elements under `root` (not `root` itself) that are still in the tree when their turn
    comes: a loop that drops elements passes over those it dropped with an ancestor."""
    for element in list(root.iterdescendants()):
        if isinstance(element.tag, str) and element.getparent() is not None:
            yield element


def _remove_furniture(root: Any, protected: set[Any]) -> None:
    for element in _attached_elements(root):
        if element not in protected and _is_furniture(element):
            element.drop_tree()


def _remove_comments(root: Any, kept: _Kept | None) -> None:
    """Readers' comments go, even where the extractor kept them: any element whose class or id
    says comments, unless it holds most of the article."""
    total = len(_words(root)) or 1
    for element in _attached_elements(root):
        if marked(element, COMMENT_HINTS) and len(_words(element)) < total / 2:
            element.drop_tree()


def _remove_side_columns(root: Any) -> None:
    """A column named as a sidebar ('CONTENTS_SUB', 'secondary') beside one named as the main
    column ('CONTENTS_MAIN', 'primary'), both inside the article found: the extractor kept the
    sidebar's lists and links, and the main column holds the article."""
    for parent in [root, *root.iterdescendants()]:
        if not isinstance(parent.tag, str):
            continue
        children = [child for child in parent if isinstance(child.tag, str)]
        if not any(_column_words(child) & MAIN_COLUMN for child in children):
            continue
        for child in children:
            words = _column_words(_unwrapped(child))
            if words & SIDE_COLUMN and not words & MAIN_COLUMN and not child.xpath(".//h1"):
                child.drop_tree()


def _column_words(element: Any) -> set[str]:
    """An element's class and id words, a column's name glued to its kind read apart too:
    'maincol', 'subcol' (as Japanese blogs name their two columns) -> main, sub."""
    words = _name_words(element)
    return words | {word.removesuffix(end) for word in words for end in COLUMN_ENDS if word.endswith(end)}


def _unwrapped(element: Any) -> Any:
    """The element a chain of unnamed wrappers with one child each leads to."""
    while not _name_words(element):
        inner = [child for child in element if isinstance(child.tag, str)]
        if len(inner) != 1 or (element.text or "").strip():
            break
        element = inner[0]
    return element


def _remove_excerpt_boxes(root: Any) -> None:
    """A box summing up another page: a passage cut short ('... students. It...') and, to end
    it, a link to read the rest ('Learn more'), as a profile or a related story is shown after
    an article. Never one holding the headline or a third of the words."""
    total = len(_words(root)) or 1
    for element in list(root.iterdescendants("div", "section", "aside")):
        if element.getparent() is None:
            continue
        links = [link for link in element.iter("a") if link.text_content().strip()]
        if not links or not READ_MORE.fullmatch(last := " ".join(links[-1].text_content().split())):
            continue
        text = " ".join(element.text_content().split())
        if not text.endswith(last) or not CUT_SHORT.search(text[: -len(last)]):
            continue
        # Counted last, of a box only: counted for every block, a page nested hundreds deep
        # was read hundreds of times.
        if not element.xpath(".//h1") and len(_words(element)) * 3 <= total:
            element.drop_tree()


def _remove_boxes(root: Any) -> None:
    """Forms, dialogs, newsletter sign-ups and cookie notices go, even where the extractor kept
    their text (after a short article it reads a sign-up box's pitch as prose), unless one holds
    the headline or two thirds of the words: a page built inside a form keeps its article. A
    list of the site's other stories goes however much of the page it makes, unless it holds
    the headline."""
    total = len(_words(root)) or 1
    for element in _attached_elements(root):
        boxed = _is_box(element) and len(_words(element)) < total * 2 / 3
        if (boxed or _lists_other_stories(element)) and not element.xpath(".//h1"):
            element.drop_tree()


# A block opened by a label that says it is an advertisement ('[advertisement] Create a profile').
AD_LABEL = re.compile(
    r"\s*[\[(](?:advertisement|advert|ad|sponsored|anzeige|werbung|publicité)[\])]", re.IGNORECASE
)
AD_WORDS = 80  # an advertisement's pitch; a longer block that opens so is the text's own
# Matched against the link's text stripped: blanks around it left to the pattern made two
# runs of \s* meet, tried at every split of a long run of blanks (quadratic).
EDIT_LINK = re.compile(r"\[?\s*(?:edit|bearbeiten|modifier|editar|modifica)\s*\]?", re.IGNORECASE)


def _remove_reference_furniture(root: Any) -> None:
    """What an encyclopedia's or a manual's page puts around its text: a box listing its own
    sections (a table of contents of links within the page, named 'toc'), the '[edit]' link
    each section's heading carries, and a block labelled as an advertisement."""
    for element in _attached_elements(root):
        if "toc" in _name_words(element) and _in_page_links_only(element) and not element.xpath(".//h1"):
            element.drop_tree()
        elif element.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            for link in element.xpath(".//a"):
                if EDIT_LINK.fullmatch(link.text_content().strip()):
                    _drop_with_brackets(link)
                elif _is_permalink(link):
                    _drop_trailing(link)
        elif AD_LABEL.match(element.text or "") and _is_block(element) and len(_words(element)) < AD_WORDS:
            element.drop_tree()


def _is_permalink(link: Any) -> bool:
    """A heading's link to a place in the page that shows only a permalink mark (#, ¶, §, 🔗)
    or nothing (an icon the stylesheet draws): the heading's own anchor, not its words."""
    href = (link.get("href") or "").strip()
    marks = "".join(link.text_content().split())
    return len(href) > 1 and href.startswith("#") and not link.xpath(".//img") and not marks.strip("¶§#🔗")


def _drop_trailing(link: Any) -> None:
    """A link dropped with the spaces before it when nothing but spaces follows it."""
    if not (link.tail or "").strip():
        previous, holder = link.getprevious(), link.getparent()
        if previous is not None:
            previous.tail = (previous.tail or "").rstrip() or None
        elif holder is not None:
            holder.text = (holder.text or "").rstrip() or None
    link.drop_tree()


def _in_page_links_only(element: Any) -> bool:
    """Whether every link of a block leads within the page ('#Plot'), and it has some."""
    links = element.xpath(".//a[@href]")
    return bool(links) and all((link.get("href") or "").startswith("#") for link in links)


def _drop_with_brackets(link: Any) -> None:
    """A link dropped with the brackets around it ('[edit]' written as '[', a link, ']'), and
    a holder it leaves empty."""
    holder = link.getparent()
    if link.tail and link.tail.lstrip().startswith("]"):
        link.tail = link.tail.lstrip()[1:]
    previous = link.getprevious()
    if previous is None and holder is not None and (holder.text or "").rstrip().endswith("["):
        holder.text = holder.text.rstrip()[:-1]
    elif previous is not None and (previous.tail or "").rstrip().endswith("["):
        previous.tail = previous.tail.rstrip()[:-1]
    link.drop_tree()
    while holder is not None and holder.tag == "span" and not re.sub(r"[\[\]\s|]", "", holder.text_content()):
        parent = holder.getparent()
        holder.drop_tree()
        holder = parent


def _is_box(element: Any) -> bool:
    """A block marked as one of those boxes (inline elements, such as the links that open a
    note, are the text's own)."""
    if not _is_block(element):
        return False
    if element.tag in BOX_TAGS or element.get("role", "").lower() in ("dialog", "alertdialog"):
        return True
    words = _name_words(element)
    if PAYWALL in words and words & PAYWALL_PROMPT:
        return True
    return marked(element, BOX_HINTS) or any(word.startswith("cookie") for word in words)


def _is_furniture(element: Any) -> bool:
    return (
        element.tag in PAGE_FURNITURE
        or element.get("hidden") is not None
        or element.get("aria-hidden", "").lower() == "true"
        or element.get("role", "").lower() in FURNITURE_ROLES
        or bool(_classes(element) & FURNITURE_CLASSES)
    )


def _lists_other_stories(element: Any) -> bool:
    """A block named as a list of the site's other stories ('recent-articles', 'latest-posts',
    'popularStories') whose text is mostly its links to them: not the article, however short the
    article is and however much of the page the list makes. A block named for one post
    ('latest-post', a front page's newest) is the post, and one of prose is no list."""
    if not _is_block(element):
        return False
    words = _name_words(element)
    if not (words & OTHER_STORIES and words & STORIES) or len(element.xpath(".//a[@href]")) < 2:
        return False
    text = len("".join(element.text_content().split()))
    heading = sum(len("".join(h.text_content().split())) for h in element.iter(*SECTION_HEADINGS))
    linked = sum(len("".join(link.text_content().split())) for link in element.iter("a"))
    return linked > (text - heading) * MENU_LINK_SHARE  # headlines linked under its heading, not prose


def _classes(element: Any) -> set[str]:
    return set((element.get("class") or "").lower().split())


def _name_words(element: Any) -> set[str]:
    """The words of an element's class and id: 'byline__author pb-byline' -> byline, author, pb."""
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    names = re.sub(r"([a-z])([A-Z])", r"\1 \2", names).lower()
    return set(re.split(r"[^a-z0-9]+", names)) - {""}


def marked(element: Any, hints: tuple[str, ...]) -> bool:
    """Whether a class or id word is one of `hints` (or its plural, or it with 'name')."""
    words = _name_words(element)
    return any(word in words or f"{word}s" in words or f"{word}name" in words for word in hints)


def _drop_title(root: Any, title: str) -> None:
    """The title heading goes: the front matter holds the title. An <h3> that says the title
    goes too, when no <h1> or <h2> did (Blogger titles its posts so, under a date header)."""
    wanted = tokens(title)
    for heading in root.xpath("descendant-or-self::h1 | .//h2")[:3]:
        shown = tokens(heading_text(heading))
        if shown and (shown == wanted or (heading.tag == "h1" and len(root.xpath(".//h1")) == 1)):
            heading.drop_tree()
            return
    for heading in root.xpath("descendant-or-self::h3")[:3]:
        if wanted and tokens(heading_text(heading)) == wanted:
            heading.drop_tree()
            return


def _demote_headings(root: Any) -> None:
    """Any <h1> left in the body shifts every heading down one level: the title is the only h1."""
    if not root.xpath(".//h1"):
        return
    for heading in root.xpath(".//h1 | .//h2 | .//h3 | .//h4 | .//h5"):
        heading.tag = f"h{int(heading.tag[1]) + 1}"


def _without_saved_copies(root: Any, base_url: str | None) -> list[str]:
    """Images saved beside the page (`Page_files/x.png`), or relative ones with no page address
    to resolve them against, cannot travel with the review: they go, and a figure's caption
    goes with its image."""
    local = [img for img in root.xpath(".//img") if _saved_copy(img.get("src") or "", base_url)]
    for image in local:
        figure = next((a for a in image.iterancestors() if a.tag == "figure"), None)
        if figure is not None and not [i for i in figure.xpath(".//img") if i not in local]:
            figure.drop_tree()  # the figure had only such images: its caption goes too
        elif image.getparent() is not None:
            image.drop_tree()
    for figure in root.xpath(".//figure"):
        if figure.getparent() is not None and not figure.xpath(
            ".//img | .//picture | .//video | .//pre | .//table"
        ):
            figure.drop_tree()  # a caption left without its image
    if local:
        return [f"{len(local)} image(s) saved beside the page were left out"]
    return []


# What a camera, a screenshot tool or an upload names a picture ('Screen Shot 2011-08-13 at
# 4.55.35 PM', 'IMG_1234', 'DSC_0042.JPG', 'harbour-2.png'): as alt text it describes nothing.
FILE_NAME_ALT = re.compile(
    r"(?:(?:screen\s?shot|screenshot|bildschirmfoto|capture d.écran|img|dsc[nf]?|pxl|photo|image|untitled)"
    r"[\s_-]*\d[\d\s:._-]*(?:\s+at\s+[\d.:]+\s*(?:[ap]\.?m\.?)?)?(?:\.[a-z]{3,4})?"
    r"|[\w.-]+\.(?:png|jpe?g|gif|webp|svg|heic|bmp|tiff?))",
    re.IGNORECASE,
)


def _without_file_name_alts(root: Any) -> list[str]:
    """Pictures whose alt text (or title) is only a file name lose it, and the editor is told
    to describe them: a reader hears 'Screen Shot 2011-08-13 at 4.55.35 PM' and learns nothing."""
    named = 0
    for image in root.xpath(".//img"):
        alt = (image.get("alt") or "").strip()
        if alt and FILE_NAME_ALT.fullmatch(alt):
            image.set("alt", "")
            named += 1
        if FILE_NAME_ALT.fullmatch((image.get("title") or "").strip()):
            del image.attrib["title"]
    if named:
        return [f"{named} picture(s) had a file name as alt text, now none: describe what they show"]
    return []


def _saved_copy(src: str, base_url: str | None) -> bool:
    if is_web_address(src):
        return False
    return base_url is None or bool(SAVED_FILES.search(src)) or _scheme(src) != ""


def _scheme(url: str) -> str | None:
    """The address's scheme; None for one urllib cannot parse (a malformed IPv6 host)."""
    try:
        return urlparse(url.strip()).scheme
    except ValueError:
        return None


def is_web_address(url: str) -> bool:
    return _scheme(url) in ("http", "https")  # never 'http://[bad', a malformed IPv6 host


def absolute(url: str, base_url: str | None) -> str | None:
    """`url` made absolute against `base_url`, when it can be into an address a build takes
    (not one whose port is past 65535 or whose IPv6 host is broken)."""
    made = None
    if is_web_address(url):
        made = url.strip()
    else:
        try:
            if base_url and is_web_address(base_url) and not urlparse(url.strip()).scheme:
                made = urljoin(base_url, url.strip())
        except ValueError:  # a malformed IPv6 host in either: not an address
            return None
    return made if made is not None and url_problem(made) is None else None


def _unwrap_layout_tables(root: Any) -> None:
    """Tables that lay out the page (paragraphs, lists or other tables in their cells, as sites
    built before CSS did) become plain blocks, each cell's content in reading order: written as a
    Markdown table, a cell cannot hold a paragraph, and the converter dropped them. A data table
    inside a layout cell stays a table."""
    # the article may be one cell or row of a layout table: its table is judged whole too
    layout = {table for table in root.getroottree().getroot().iter("table") if _lays_out(table)}
    parts = [
        part
        for part in root.iter(*TABLE_PARTS)
        if part in layout or (part.tag != "table" and next(part.iterancestors("table"), None) in layout)
    ]
    rows = [row for row in parts if row.tag == "tr"]
    for row in rows:
        _drop_link_columns(row)
    for part in parts:
        part.tag = "div"
        part.attrib.clear()


def _drop_link_columns(row: Any) -> None:
    """A layout row's side columns of links (the site's menus and lists of other stories, in
    pages laid out by tables): a cell whose words are mostly link text goes when a cell beside
    it holds prose (few of its words in links)."""
    measured = [(cell, _link_share(cell)) for cell in row.xpath("./td | ./th")]
    shares = [(cell, share) for cell, share in measured if share is not None]
    if not any(share < PROSE_LINK_SHARE for _, share in shares):
        return
    for cell, share in shares:
        if share > MENU_LINK_SHARE:
            cell.drop_tree()


def _link_share(element: Any) -> float | None:
    """How much of an element's text is link text; None when it has no text."""
    text = len("".join(element.text_content().split()))
    if not text:
        return None
    linked = sum(len("".join(link.text_content().split())) for link in element.iter("a"))
    return linked / text


def _lays_out(table: Any) -> bool:
    """A table that arranges the page rather than holding data: blocks or other tables in its
    cells, a single column (a stack of boxes), or no text at all (spacers, corner pictures)."""
    if not _whole(table) or table.xpath(".//table"):
        return True
    rows = table.xpath("./tr | ./*/tr")
    single_column = all(len(row.xpath("./td | ./th")) <= 1 for row in rows)
    return single_column or not table.text_content().strip()


# markdownify makes each run of blanks outside a <pre> one space, or one line break where it
# holds one, with a pattern ('[\t \r\n]*[\r\n][\t \r\n]*') that reads a run of spaces and tabs
# again from each of its characters: 20,000 blanks in a text took four seconds, a page's
# megabyte hours. The same runs made the same one character first, once each.
BLANK_RUN = re.compile(r"[\t \r\n]+")


def _one_blank(run: re.Match[str]) -> str:
    return "\n" if "\n" in run.group(0) or "\r" in run.group(0) else " "


def _blank_runs_shortened(root: Any) -> None:
    """Each text's runs of blanks outside a <pre> as markdownify would write them."""
    for element in root.iter():
        if not isinstance(element.tag, str):  # a comment or a processing instruction
            continue
        in_pre = any(each.tag == "pre" for each in element.iterancestors())
        if element.text and not in_pre and element.tag != "pre":
            element.text = BLANK_RUN.sub(_one_blank, element.text)
        if element.tail and not in_pre:
            element.tail = BLANK_RUN.sub(_one_blank, element.tail)


def _to_markdown(root: Any) -> str:
    import lxml.html
    from markdownify import MarkdownConverter

    _blank_runs_shortened(root)
    html = lxml.html.tostring(root, encoding="unicode")
    converter = MarkdownConverter(
        heading_style="ATX",
        bullets="-",
        newline_style="backslash",
        escape_misc=True,  # text that looks like Markdown ('1. ', '# ', '<b>') must stay text
        code_language_callback=_code_language,
    )
    return str(converter.convert(html))


def _code_language(element: Any) -> str:
    """`language-python` or `lang-python` on a <pre> or its <code>."""
    candidates = [element, *element.find_all("code", limit=1)]
    for candidate in candidates:
        for name in candidate.get("class") or []:
            match = re.match(r"^(?:language|lang)-([\w+#.-]+)$", name)
            if match:
                return match.group(1)
    return ""
