"""An opening line of a text that only says what the review has a field for: its writer ('By Ann
Lee'). Such a line is no text of the review: the page, its card and the feeds show the byline of
their own, above the text. Shared by `digest import` and the review reader."""

from __future__ import annotations

import re

# The words that open a byline before the name, in the languages bylines are read in.
BY_PREFIX = re.compile(
    r"^(?:by|written by|posted by|published by|story by|words by|von|por|par|di|door|av|af)\s*:?\s+",
    re.IGNORECASE,
)
MARKDOWN_MARKS = re.compile(r"[*_`>#\\]+")
MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
# CommonMark's hard line break: a line ending in a backslash, or in two spaces or more.
HARD_BREAK = re.compile(r"(?:\\| {2,})$")
BYLINE_LINE_CHARS = 2000  # a byline's line, its link's address included; a longer one is no byline


def body_without_byline(body: str, author: str) -> str:
    """The text without its opening line when that line only names the review's author ('By Ann
    Lee', '*by [Ann Lee](/ann/).*'): the author has a field of its own, which the review's page,
    its card and the feeds show. A line naming someone else, or saying more, stays, and so does
    one the next line goes on from (a soft line break: 'and Bo Chen', or a heading's underline);
    one ended by a hard break (a page's `<br>`: 'By Ann Lee<br>March 3') is a line of its own.
    The line leaves an empty line behind, so the lines after it keep their numbers."""
    lines = body.split("\n")
    first = next((index for index, line in enumerate(lines) if line.strip()), None)
    if first is None or len(lines[first]) > BYLINE_LINE_CHARS:
        return body
    if first + 1 < len(lines) and lines[first + 1].strip() and not HARD_BREAK.search(lines[first]):
        return body
    shown = MARKDOWN_MARKS.sub("", MARKDOWN_LINK.sub(r"\1", lines[first])).strip()
    opening = BY_PREFIX.match(shown)
    if (
        opening is None
        or " ".join(shown[opening.end() :].rstrip(".").split()).casefold() != author.casefold()
    ):
        return body
    return "\n".join([*lines[:first], "", *lines[first + 1 :]])
