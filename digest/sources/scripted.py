"""Posts whose metadata is written in a programming language's syntax, not a data format:

- MDX modules (Next.js blogs): the metadata is an object the module exports, among its
  imports: `export const meta = { title: '...', date: '...', authors: [adamwathan] }`
  (`metadata` and `frontmatter` too; under another name, an object naming an author and a
  date, as MDX's own blog writes `export const info = {author: [...], published: new
  Date('2023-10-24')}` over an H1 title). An author written as an imported name is a key, which
  the site's authors module names (sitefiles.py); other names (`image: card`, an imported
  picture) are the program's, not the file's, and are left out.
- Franklin.jl pages: `@def title = "..."` lines opening the file, their values in Julia:
  strings (triple-quoted too), `Date(2019, 5, 31)`, numbers, lists. Franklin inserts a page
  variable into the page as HTML, so a byline written as a link reads as the link's text; and
  the body's `~~~` lines fence raw HTML, which Markdown reads as HTML once they are gone.
- Zine's SuperMarkdown (`.smd`): a `---` block in Ziggy, `.title = "...",` fields and
  tagged values (`@date("2025-02-13T00:00:00")`).

Each reader is tried on every file first, so each rejects a file that is not its own on its
opening characters.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from digest.render.html import crowded_tag
from digest.sources.headers import Header
from digest.sources.literals import MAX_LITERAL_CHARS, Call, NotALiteral, Reference, plain, read_literal

PREAMBLE_CHARS = 20_000  # where a module's imports and its exported metadata are looked for
MAX_FIELDS = 200  # @def lines read as metadata: a header of more is no post's
EXPORTED_META = re.compile(
    r"^export[ \t]+(?:const|let|var)[ \t]+(meta|metadata|frontmatter|frontMatter|[A-Za-z_$][\w$]*)[ \t]*"
    r"(?::[ \t]*[\w.<>\[\], ]+)?=[ \t]*(?=\{)",
    re.MULTILINE,
)
METADATA_NAMES = {"meta", "metadata", "frontmatter"}
# Under another name (MDX's own blog: `export const info = {author: [...], published: new
# Date(...)}`), an object is the post's metadata when it names an author and a date.
PUBLISHED_KEYS = {
    "date", "published", "publishedat", "pubdate", "publishdate", "datepublished", "created", "posted",
}  # fmt: skip
JS_DATES = {"Date"}
# What a module's preamble holds: imports and exports, their continued lines, comments.
PREAMBLE_LINE = re.compile(r"^(?:import\b|export\b|[ \t]|[}\])]|//|/\*|\*)")
AUTHOR_KEYS = {"author", "authors"}

FRANKLIN_DEF = re.compile(r"@def[ \t]+([A-Za-z_]\w*)[ \t]*=[ \t]*")
FRANKLIN_RAW_FENCE = re.compile(r"^~~~[ \t]*$", re.MULTILINE)
JULIA_DATES = {"Date", "DateTime"}

ZIGGY_FIRST_FIELD = re.compile(r"[ \t\r\n]*\.[A-Za-z_]\w*[ \t]*=")
DASHES = re.compile(r"-{3,}[ \t]*")
CLOSING_DASHES = re.compile(r"^-{3,}[ \t]*\r?$", re.MULTILINE)


# --- MDX: an exported object -----------------------------------------------------------------------


def exported_meta(text: str) -> Header | None:
    """The object an MDX module exports as its metadata, with a title; the Markdown after it."""
    head = text[:PREAMBLE_CHARS]
    if "export" not in head:
        return None
    for match in EXPORTED_META.finditer(head):
        if any(line.strip() and not PREAMBLE_LINE.match(line) for line in text[: match.start()].split("\n")):
            return None  # prose before it: an export inside the post, not its metadata
        try:
            value, end = read_literal(text, match.end())
        except NotALiteral:
            continue
        if isinstance(value, dict) and _is_metadata(match.group(1), value):
            meta = {
                key: _author_keys(item) if key.lower() in AUTHOR_KEYS else _js_plain(item)
                for key, item in value.items()
            }
            return _header_after(text, end, meta)
    return None


def _is_metadata(name: str, value: dict[str, Any]) -> bool:
    """A title says so; under a name other than `meta`'s, an author and a date do too."""
    keys = {str(key).lower().replace("_", "") for key in value}
    if "title" in keys:
        return name.lower() in METADATA_NAMES or bool(keys & AUTHOR_KEYS)
    return bool(keys & AUTHOR_KEYS) and bool(keys & PUBLISHED_KEYS)


def _js_plain(value: Any) -> Any:
    """`new Date('2023-10-24')` as the date it names, `new Date(2023, 9, 24)` too (JavaScript
    counts months from 0); other calls and names left out."""
    if isinstance(value, Call) and value.name in JS_DATES:
        arguments = value.arguments
        if len(arguments) == 1 and isinstance(arguments[0], str):
            return arguments[0]
        if 3 <= len(arguments) <= 7 and all(isinstance(item, int) for item in arguments):
            year, month, day = arguments[0], arguments[1] + 1, arguments[2]
            try:
                return date(year, month, day).isoformat()
            except ValueError:  # no such day: written out, for the date check to name it
                return f"{year:04d}-{month:02d}-{day:02d}"
        return None
    if isinstance(value, list):
        return [item for item in (_js_plain(item) for item in value) if item is not None]
    if isinstance(value, dict):
        return {key: _js_plain(item) for key, item in value.items()}
    return plain(value)


def _author_keys(value: Any) -> Any:
    """Imported names among the authors are keys for the site's authors module."""
    if isinstance(value, Reference):
        return value.name
    if isinstance(value, list):
        return [_author_keys(item) for item in value]
    return plain(value)


def _header_after(text: str, end: int, meta: dict[str, Any]) -> Header:
    """The body from the line after the one where the metadata ends."""
    newline = text.find("\n", end)
    if newline < 0:
        return Header(meta, "", text.count("\n") + 2)
    return Header(meta, text[newline + 1 :], text.count("\n", 0, newline) + 2)


# --- Franklin.jl: @def lines ------------------------------------------------------------------------


def franklin_header(text: str) -> Header | None:
    """`@def name = value` lines opening the file (blank lines between them); a title among them."""
    at = len(text) - len(text.lstrip())
    if not text.startswith("@def", at):
        return None
    meta: dict[str, Any] = {}
    end = at
    while len(meta) < MAX_FIELDS and (match := FRANKLIN_DEF.match(text, at)) is not None:
        name, (value, end) = match.group(1), _julia_value(text, match.end())
        meta[name] = value
        at = end
        while at < len(text) and text[at].isspace():
            at += 1
    if not any(key.lower() == "title" for key in meta):
        return None
    meta = {key: byline_text(value) if key.lower() in AUTHOR_KEYS else value for key, value in meta.items()}
    header = _header_after(text, end, meta)
    body = header.body
    if len(FRANKLIN_RAW_FENCE.findall(body)) % 2 == 0:  # line count kept, for the body's line numbers
        body = FRANKLIN_RAW_FENCE.sub("", body)
    return Header(header.meta, body, header.body_line)


def _julia_value(text: str, start: int) -> tuple[Any, int]:
    """A Julia value and where it ends: a triple-quoted string as written, a literal, or (for
    an expression this reader does not know) the rest of the line as text."""
    if text.startswith('"""', start):
        close = text.find('"""', start + 3, start + MAX_LITERAL_CHARS)
        if close >= 0:
            return text[start + 3 : close], close + 3
    try:
        value, end = read_literal(text, start)
    except NotALiteral:
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        return text[start:line_end].strip(), line_end
    return _julia_plain(value), end


def _julia_plain(value: Any) -> Any:
    """`Date(2019, 5, 31)` as an ISO date; Julia's other names and calls left out."""
    if isinstance(value, Call) and value.name in JULIA_DATES:
        numbers = [item for item in value.arguments if isinstance(item, int)]
        if len(numbers) == 3 == len(value.arguments):
            try:
                return date(*numbers).isoformat()
            except ValueError:  # no such day: written out, for the date check to name it
                return "-".join(f"{number:02d}" for number in numbers)
        if len(value.arguments) == 1 and isinstance(value.arguments[0], str):
            return value.arguments[0]
    if isinstance(value, list):
        return [item for item in (_julia_plain(item) for item in value) if item is not None]
    return plain(value)


def byline_text(value: Any) -> Any:
    """A byline written in HTML (`<a href="...">Ann Lee</a>`) as the page shows it: its text."""
    if isinstance(value, list):
        return [byline_text(item) for item in value]
    if not isinstance(value, str) or "<" not in value or crowded_tag(value) is not None:
        return value  # crowded: lxml reads a tag's attributes in quadratic time
    import lxml.etree
    import lxml.html

    try:
        shown = lxml.html.fragment_fromstring(value, create_parent="div").text_content()
    except (lxml.etree.ParserError, ValueError):
        return value
    return " ".join(shown.split()) or value


# --- Zine: Ziggy front matter ------------------------------------------------------------------------


def ziggy_front_matter(text: str) -> Header | None:
    """A `---` block of Ziggy fields (`.title = "...",`) opening the file; a title among them."""
    lead = len(text) - len(text.lstrip("\r\n"))
    first_end = text.find("\n", lead)
    if first_end < 0 or not DASHES.fullmatch(text[lead:first_end].rstrip("\r")):
        return None
    start = first_end + 1
    if not ZIGGY_FIRST_FIELD.match(text, start):
        return None
    closing = CLOSING_DASHES.search(text, start)
    if closing is None:
        return None
    try:
        value, _ = read_literal("{" + text[start : closing.start()] + "}")
    except NotALiteral:
        return None
    if not isinstance(value, dict) or not any(key.lower() == "title" for key in value):
        return None
    meta = {key: _ziggy_plain(item) for key, item in value.items()}
    return _header_after(text, closing.end(), meta)


def _ziggy_plain(value: Any) -> Any:
    """A tagged value (`@date("...")`) as what it tags."""
    if isinstance(value, Call) and len(value.arguments) == 1:
        return _ziggy_plain(value.arguments[0])
    if isinstance(value, list):
        return [item for item in (_ziggy_plain(item) for item in value) if item is not None]
    if isinstance(value, dict):
        return {key: _ziggy_plain(item) for key, item in value.items()}
    return plain(value)
