"""Attribute lists that Markdown dialects write in braces, which set an element's id, classes or
attributes and are never shown: after a heading (Pandoc's header attributes, kramdown's and
Markdown Extra's `{#id}`, Goldmark's heading attributes in Hugo, Docusaurus's explicit ids) and
after a link or a picture (Python-Markdown's attr_list in MkDocs, kramdown's `{:target="_blank"}`,
Pandoc's link attributes). Only braces in those places are taken, never in code or a sentence.
"""

from __future__ import annotations

import re

from digest.render.markdown import HEADING_ID_MARK, SAFE_ID, heading_id_mark
from digest.sources.mdx import split_code

# An id, a class or a key=value pair.
_ATTRIBUTE = r"(?:[#.][^\s{}#.\"'][^\s{}\"']*|[A-Za-z_][\w.:-]*=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s{}\"']+))"
HEADING_ATTRIBUTES = re.compile(
    r"[ \t]+\{[ \t]*" + _ATTRIBUTE + r"(?:[ \t]+" + _ATTRIBUTE + r")*[ \t]*\}(?=(?:[ \t]+#+)?[ \t]*$)"
)
HEADING_SPAN = re.compile(r'<h[1-6] data-sourcepos="(\d+):\d+-(\d+):(\d+)">')
MAYBE_ATTRIBUTES = re.compile(r"\{[ \t]*[#.A-Za-z_][^\n{}]*\}[ \t#]*$", re.MULTILINE)


def without_heading_attributes(text: str) -> str:
    """The text with the attribute braces of its headings left out (`## Moorings {.wide}` is
    '## Moorings'): they set the heading's id and classes, and no generator shows them; an id
    they give stays as a mark the renderer reads (render/markdown.py). Only lines the parser
    reads as a heading's text are touched, never code or a sentence."""
    if not MAYBE_ATTRIBUTES.search(text):
        return text
    from cmarkgfm.cmark import Options

    from digest.render.cmark import to_html

    lines = text.split("\n")
    for match in HEADING_SPAN.finditer(to_html(text, Options.CMARK_OPT_SOURCEPOS)):
        first, last = int(match.group(1)), int(match.group(2))
        last -= match.group(3) == "0"  # cmark ends a setext heading at column 0 of the next line
        index = first - 1 if first == last else last - 2  # a setext heading's last text line
        if 0 <= index < len(lines):
            lines[index] = _with_id_mark(lines[index])
    return "\n".join(lines)


CLOSING_SEQUENCE = re.compile(r"(?:[ \t]+#+)?[ \t]*$")


def _with_id_mark(line: str) -> str:
    """A heading's line without its attribute list, and with the mark of the id the list gives
    (before any closing '#'s), which the renderer makes the heading's anchor: the post's own
    links and other sites' lead there."""
    found = HEADING_ATTRIBUTES.search(line)
    if found is None:
        return line
    line = line[: found.start()] + line[found.end() :]
    given = [word[1:] for word in found.group(0).strip(" \t{}").split() if word.startswith("#")]
    if not given or not SAFE_ID.fullmatch(given[0]):
        return line
    closing = CLOSING_SEQUENCE.search(line)
    at = closing.start() if closing else len(line)
    return line[:at] + heading_id_mark(given[0]) + line[at:]


def with_heading_ids_written(text: str) -> str:
    """The text with each heading's id mark written back as the `{#id}` it came from, for a
    file an editor reads (an imported review): the mark is the renderer's, not the author's."""
    if "<!--heading-id:" not in text:
        return text
    return "".join(
        part if is_code else _MARK_WITH_SPACE.sub(_written_id, part) for part, is_code in split_code(text)
    )


_MARK_WITH_SPACE = re.compile(r" ?" + HEADING_ID_MARK.pattern)


def _written_id(match: re.Match[str]) -> str:
    try:
        return " {#" + bytes.fromhex(match.group(1)).decode() + "}"
    except ValueError:
        return match.group(0)


# A link or a picture (`[text](address "title")`, `![alt](src)`), then its attribute list.
LINK_ATTRIBUTES = re.compile(
    r"(!?\[[^\[\]\n]*\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:[ \t]+\"[^\"\n]*\")?\))"
    r"\{:?[ \t]*" + _ATTRIBUTE + r"(?:[ \t]+" + _ATTRIBUTE + r")*[ \t]*\}"
)
CODE_SPAN_OR_LINK = re.compile(r"(`+)[^`\n](?:[^`\n]|(?!\1)`)*?\1|" + LINK_ATTRIBUTES.pattern)


def without_link_attributes(text: str) -> str:
    """The text with the attribute lists after its links and pictures left out, outside code."""
    if "){" not in text:
        return text
    return "".join(
        part if is_code else CODE_SPAN_OR_LINK.sub(_link_alone, part) for part, is_code in split_code(text)
    )


# Quarto's alternative text for a picture whose brackets hold its caption, or nothing.
FIG_ALT = re.compile(r"(?<![\w-])fig-alt=(?:\"([^\"\n]*)\"|'([^'\n]*)')")


def _link_alone(match: re.Match[str]) -> str:
    """A link or picture without its attribute list; a picture with no text of its own takes
    the list's `fig-alt`."""
    if match.group(0).startswith("`"):
        return match.group(0)
    link = match.group(2)
    attributes = match.group(0)[len(link) :]
    if link.startswith("![]") and (alt := FIG_ALT.search(attributes)):
        text = alt.group(1) if alt.group(1) is not None else alt.group(2)
        return "![" + text.replace("[", "\\[").replace("]", "\\]") + "]" + link[3:]
    return link
