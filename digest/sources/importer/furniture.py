"""The page's furniture taken out of its article: menus, side columns, comments, boxes (forms,
newsletter and paywall prompts, excerpts of other posts), lists of other stories, tag lines,
script controls, reference marks and layout tables, each known by its tag, role or class.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from digest.sources.importer.pageblocks import (
    SECTION_HEADINGS,
    TABLE_PARTS,
    attached_elements,
    block_words,
    blocks_of,
    is_block,
    is_whole,
    marked,
    name_words,
)

if TYPE_CHECKING:  # articlefinder.py calls this module: at run time only its type is needed
    from digest.sources.importer.articlefinder import KeptText


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


# The label of a line listing the post's tags or categories, each a link ('Tags: film, review').
TAG_LABEL = re.compile(
    r"(?:tags?|tagged(?: with| as| in)?|filed under|categories|category|topics|"
    r"schlagw(?:ö|oe)rter|stichw(?:ö|oe)rter|étiquettes|etiquetas|etichette|tagi)\s*:",
    re.IGNORECASE,
)
TAG_SEPARATORS = re.compile(r"[\s,;|/·•]*")


def remove_tag_lines(root: Any) -> None:
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


def remove_script_controls(root: Any) -> None:
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


# --- cleaning ---------------------------------------------------------------------------------


def protected_blocks(root: Any, kept: KeptText | None) -> set[Any]:
    """Elements that hold text trafilatura kept: never removed as furniture."""
    if kept is None:
        return set()
    protected: set[Any] = set()
    for block in blocks_of(root):
        words = block_words(block)
        if words and kept.holds(words):
            protected.update((block, *block.iterancestors()))
    return protected


def remove_furniture(root: Any, protected: set[Any]) -> None:
    for element in attached_elements(root):
        if element not in protected and _is_furniture(element):
            element.drop_tree()


def remove_comments(root: Any, kept: KeptText | None) -> None:
    """Readers' comments go, even where the extractor kept them: any element whose class or id
    says comments, unless it holds most of the article."""
    total = len(block_words(root)) or 1
    for element in attached_elements(root):
        if marked(element, COMMENT_HINTS) and len(block_words(element)) < total / 2:
            element.drop_tree()


def remove_side_columns(root: Any) -> None:
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
    words = name_words(element)
    return words | {word.removesuffix(end) for word in words for end in COLUMN_ENDS if word.endswith(end)}


def _unwrapped(element: Any) -> Any:
    """The element a chain of unnamed wrappers with one child each leads to."""
    while not name_words(element):
        inner = [child for child in element if isinstance(child.tag, str)]
        if len(inner) != 1 or (element.text or "").strip():
            break
        element = inner[0]
    return element


def remove_excerpt_boxes(root: Any) -> None:
    """A box summing up another page: a passage cut short ('... students. It...') and, to end
    it, a link to read the rest ('Learn more'), as a profile or a related story is shown after
    an article. Never one holding the headline or a third of the words."""
    total = len(block_words(root)) or 1
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
        if not element.xpath(".//h1") and len(block_words(element)) * 3 <= total:
            element.drop_tree()


def remove_boxes(root: Any) -> None:
    """Forms, dialogs, newsletter sign-ups and cookie notices go, even where the extractor kept
    their text (after a short article it reads a sign-up box's pitch as prose), unless one holds
    the headline or two thirds of the words: a page built inside a form keeps its article. A
    list of the site's other stories goes however much of the page it makes, unless it holds
    the headline."""
    total = len(block_words(root)) or 1
    for element in attached_elements(root):
        boxed = _is_box(element) and len(block_words(element)) < total * 2 / 3
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


def remove_reference_furniture(root: Any) -> None:
    """What an encyclopedia's or a manual's page puts around its text: a box listing its own
    sections (a table of contents of links within the page, named 'toc'), the '[edit]' link
    each section's heading carries, and a block labelled as an advertisement."""
    for element in attached_elements(root):
        if "toc" in name_words(element) and _in_page_links_only(element) and not element.xpath(".//h1"):
            element.drop_tree()
        elif element.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            for link in element.xpath(".//a"):
                if EDIT_LINK.fullmatch(link.text_content().strip()):
                    _drop_with_brackets(link)
                elif _is_permalink(link):
                    _drop_trailing(link)
        elif (
            AD_LABEL.match(element.text or "") and is_block(element) and len(block_words(element)) < AD_WORDS
        ):
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
    if not is_block(element):
        return False
    if element.tag in BOX_TAGS or element.get("role", "").lower() in ("dialog", "alertdialog"):
        return True
    words = name_words(element)
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
    if not is_block(element):
        return False
    words = name_words(element)
    if not (words & OTHER_STORIES and words & STORIES) or len(element.xpath(".//a[@href]")) < 2:
        return False
    text = len("".join(element.text_content().split()))
    heading = sum(len("".join(h.text_content().split())) for h in element.iter(*SECTION_HEADINGS))
    linked = sum(len("".join(link.text_content().split())) for link in element.iter("a"))
    return linked > (text - heading) * MENU_LINK_SHARE  # headlines linked under its heading, not prose


def _classes(element: Any) -> set[str]:
    return set((element.get("class") or "").lower().split())


def unwrap_layout_tables(root: Any) -> None:
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
    if not is_whole(table) or table.xpath(".//table"):
        return True
    rows = table.xpath("./tr | ./*/tr")
    single_column = all(len(row.xpath("./td | ./th")) <= 1 for row in rows)
    return single_column or not table.text_content().strip()
