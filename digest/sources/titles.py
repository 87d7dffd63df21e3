"""A Markdown text's title, as the CommonMark parser (cmark-gfm) sees it.

The title is the first level-1 heading outside any quote or list: an ATX heading
(`# Title`) or a setext one (`Title` over a line of `=`), wherever it stands after
blank lines, HTML comments, a licence header or link definitions; never a `#` line in
a code block. The parser's source positions say which lines it spans, so those lines,
and only those, leave the body. Reading, `digest import` and `digest check` all find
titles here.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

HEADING_1 = re.compile(r'<h1 data-sourcepos="(\d+):\d+-\d+:\d+">(.*?)</h1>', re.DOTALL)
HEADING = re.compile(r'<h[1-6] data-sourcepos="(\d+):\d+-\d+:\d+">')
CODE_BLOCK = re.compile(r'<pre data-sourcepos="(\d+):\d+-(\d+):\d+"')
CONTAINER = re.compile(r"<(/?)(blockquote|li)\b")
TAG = re.compile(r"<[^>]+>")
ATX_OPENING = re.compile(r"^ {0,3}#")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}=+[ \t]*$")
HTML_H1_START = re.compile(r"^ {0,3}<h1(?:\s[^>]*)?>", re.IGNORECASE)
HTML_H1 = re.compile(r"<h1(?:\s[^>]*)?>(.*?)</h1>", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class FoundTitle:
    title: str
    body: str  # the text without the heading's lines
    first_line: int  # 1-based, in the text given
    last_line: int


def markdown_title(text: str) -> FoundTitle | None:
    """The first top-level H1 of a Markdown text, and the text without it; None if it has none.
    An `<h1>` HTML block opening the text (as READMEs centre their title) is one too."""
    if "<h1" in text.lower() and (found := _html_heading(text)) is not None:
        return found
    if "#" not in text and "=" not in text:  # no ATX marker, no setext underline: no H1
        return None
    from cmarkgfm.cmark import Options

    from digest.render.cmark import to_html

    rendered = to_html(text, Options.CMARK_OPT_SOURCEPOS)
    for match in HEADING_1.finditer(rendered):
        if _inside_container(rendered[: match.start()]):
            continue
        title = " ".join(html.unescape(TAG.sub("", match.group(2))).split())
        if not title:
            continue
        first = int(match.group(1))
        last = _heading_end(text.split("\n"), first)
        return FoundTitle(title, _without_lines(text, first, last), first, last)
    return None


FIRST_BLOCK = re.compile(r'<(\w+) data-sourcepos="(\d+):\d+-(\d+):\d+">(.*?)</\1>', re.DOTALL)
OPENING_LINE_MAX_CHARS = 150
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
PROSE_ENDINGS = (".", ",", ":", ";")
# Lines that stand alone first without naming the text: a byline ('By Ann Lee', 'Posted on
# March 4 by Ann Lee'; not 'By the sea', 'By Design', 'By The Numbers': a byline names people),
# two sentences of prose ('It rained. Nobody came'; not 'St. Petersburg'), a bare address.
NAME_WORD = r"[A-Z][\w'\u2019.-]*"
BYLINE = re.compile(
    rf"(?:(?i:posted|published|written)\b.*?\s)?(?i:by)\s+({NAME_WORD}(?:\s+(?:(?:and|&)\s+)?{NAME_WORD})*)"
)
NAMES_JOINED = re.compile(r"\s+(?:and|&)\s+")
SENTENCE_BREAK = re.compile(r"\b[a-z]{3,}[.!?][\"'\u201d\u2019)]*\s+[\"\u201c]?[A-Z]")
BARE_ADDRESS = re.compile(r"(?:https?|ftp)://\S+|www\.\S+", re.IGNORECASE)


def opening_line_title(text: str) -> FoundTitle | None:
    """A title written as plain text writes one, in a Markdown text with no heading: its first
    block a paragraph of one short line, followed by more, that does not end as a sentence
    or a lead-in does ('A week of trams', not 'We rode the trams.'); None otherwise."""
    from cmarkgfm.cmark import Options

    from digest.render.cmark import to_html

    block = FIRST_BLOCK.search(to_html(text, Options.CMARK_OPT_SOURCEPOS))
    if block is None or block.group(1) != "p" or block.group(2) != block.group(3):
        return None
    title = " ".join(html.unescape(TAG.sub("", block.group(4))).split())
    line = int(block.group(2))
    before = "\n".join(text.split("\n")[: line - 1])
    if COMMENT.sub("", before).strip():  # raw HTML or a rule stands first: that is no title line
        return None
    rest = _without_lines(text, line, line)
    if not title or len(title) > OPENING_LINE_MAX_CHARS or title.endswith(PROSE_ENDINGS) or not rest.strip():
        return None
    if is_byline(title) or SENTENCE_BREAK.search(title) or BARE_ADDRESS.fullmatch(title):
        return None
    return FoundTitle(title, rest, line, line)


def is_byline(line: str) -> bool:
    """'By Ann Lee', 'Posted on March 4 by Ann Lee and Bo Chen': a line whose 'by' is followed by
    people's names only ('By The Numbers' is a title)."""
    from digest.sources.people import is_byline_name

    match = BYLINE.fullmatch(line)
    return match is not None and all(is_byline_name(name) for name in NAMES_JOINED.split(match.group(1)))


def heading_lines(text: str) -> set[int]:
    """The 1-based numbers of the lines on which the Markdown parser starts a heading (any
    level): the heading's text, for an ATX heading and a one-line setext one."""
    from cmarkgfm.cmark import Options

    from digest.render.cmark import to_html

    return {int(match.group(1)) for match in HEADING.finditer(to_html(text, Options.CMARK_OPT_SOURCEPOS))}


def _html_heading(text: str) -> FoundTitle | None:
    """An `<h1>` element that is the text's first block (after blank lines and HTML comments):
    CommonMark's HTML block, which runs to the next blank line."""
    lines = text.split("\n")
    index = 0
    while index < len(lines) and (not lines[index].strip() or lines[index].lstrip().startswith("<!--")):
        if "<!--" in lines[index]:
            while index < len(lines) and "-->" not in lines[index]:
                index += 1
        index += 1
    if index >= len(lines) or not HTML_H1_START.match(lines[index]):
        return None
    end = index
    while end + 1 < len(lines) and lines[end + 1].strip():
        end += 1
    element = HTML_H1.fullmatch("\n".join(lines[index : end + 1]).strip())
    title = " ".join(html.unescape(TAG.sub(" ", element.group(1))).split()) if element else ""
    if not title:
        return None
    return FoundTitle(title, _without_lines(text, index + 1, end + 1), index + 1, end + 1)


def code_lines(text: str) -> set[int]:
    """The 1-based numbers of the lines the parser reads as code blocks (fenced or indented)."""
    from cmarkgfm.cmark import Options

    from digest.render.cmark import to_html

    rendered = to_html(text, Options.CMARK_OPT_SOURCEPOS)
    return {n for m in CODE_BLOCK.finditer(rendered) for n in range(int(m.group(1)), int(m.group(2)) + 1)}


def _heading_end(lines: list[str], first: int) -> int:
    """The last line (1-based) of the heading starting on line `first`: that line for an ATX
    heading; the `=` underline for a setext one (cmark's end position for setext headings
    points into the next block, so the underline is looked for from the start)."""
    if ATX_OPENING.match(lines[first - 1]):
        return first
    for number in range(first, len(lines) + 1):
        if SETEXT_UNDERLINE.match(lines[number - 1]):
            return number
    return first


def _inside_container(before: str) -> bool:
    depth = 0
    for match in CONTAINER.finditer(before):
        depth += -1 if match.group(1) else 1
    return depth > 0


def _without_lines(text: str, first: int, last: int) -> str:
    """The text with lines `first`..`last` (1-based) replaced by one blank line, so the
    blocks around them stay apart."""
    lines = text.split("\n")
    return "\n".join([*lines[: first - 1], "", *lines[last:]])
