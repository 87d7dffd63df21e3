"""A saved page's article text, as Markdown.

The article is found by articlefinder.py (trafilatura's judgement, else the page's markup);
here it is cleaned of the page's furniture (furniture.py), of its title heading and of the
images that cannot travel with it (savedimages.py), and becomes Markdown through
markdownify, without the blocks a page repeats.
"""

from __future__ import annotations

import re
from typing import Any

from digest.sources.importer.articlefinder import Article
from digest.sources.importer.furniture import (
    protected_blocks,
    remove_boxes,
    remove_comments,
    remove_furniture,
    remove_reference_furniture,
    remove_script_controls,
    remove_side_columns,
    remove_tag_lines,
    unwrap_layout_tables,
)
from digest.sources.importer.pageblocks import heading_text
from digest.sources.importer.savedimages import without_file_name_alts, without_saved_copies
from digest.sources.importer.teasers import remove_teasers, tokens
from digest.sources.importer.writer import clean_markdown

# Thematic breaks ending the text: a rule with nothing after it divides nothing (an <hr> over a
# link line the extractor left out, or closing a post).
TRAILING_RULES = re.compile(r"\n\n(?:(?:-{3,}|\*{3,}|_{3,})[ \t]*\n+)+\Z")


def article_markdown(article: Article, title: str, base_url: str | None) -> str:
    """The article as Markdown, without the page's furniture, its title heading and the
    images that cannot travel with it (reported in `article.checks`)."""
    root = article.root
    unwrap_layout_tables(root)
    remove_side_columns(root)
    remove_comments(root, article.kept)
    remove_boxes(root)
    remove_reference_furniture(root)
    remove_teasers(root, title, base_url)
    remove_furniture(root, protected=protected_blocks(root, article.kept))
    _drop_title(root, title)
    remove_script_controls(root)
    remove_tag_lines(root)
    _demote_headings(root)
    article.checks.extend(without_saved_copies(root, base_url))
    article.checks.extend(without_file_name_alts(root))
    if base_url:
        # a link urllib cannot parse ('http://[bad') is left as written, for the link checks to name
        root.make_links_absolute(base_url, resolve_base_href=True, handle_failures="ignore")
    return TRAILING_RULES.sub("\n", clean_markdown(without_repeats(_to_markdown(root))))


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
