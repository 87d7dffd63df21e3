"""Headers that specification and proposal repositories write as preformatted text opening the
document: an RFC 822 style block of `Key: value` lines (continuation lines indented) that the
page shows as it is written, wrapped in

- `<pre>` ... `</pre>` (Bitcoin's BIPs, written in MediaWiki markup);
- a reStructuredText literal block, a `::` line over the indented fields (Zcash's ZIPs);
- a Markdown code block, indented four spaces, under one heading that names the block as the
  document's header (the EIPs' `## Preamble`; `Header`, `Metadata`, `Front matter`); never
  under a level-1 heading, the document's own title, nor under any other heading (`## Example`),
  where a code block is an example the text shows. Fields read there come with a note, as a
  header written as an example is not ruled out.

The block must hold a title and one more field, as every such header does; the rest is the
body. A body written in MediaWiki markup (its `==Heading==` lines tell it) is written as
Markdown (`mediawiki_to_markdown`).

conda's enhancement proposals keep their fields in an HTML table of label and value rows
under the H1 instead (`table_fields`); the table stays in the text, which shows it.

A proposal's `Status` (Draft, Final, Accepted) is where the proposal stands, not whether the
page is published: it is left out, so a draft proposal is no draft post.

An RFC or Internet-Draft in plain text opens with the first-page header RFC 7322 describes
(`rfc_first_page`): the stream or group and `Request for Comments: N` (or `Internet-Draft`)
on the left, the authors, their organisations and the date on the right, then the title,
centred. RFCs give the month of publication only ("June 2014"): the date is its first day.
"""

from __future__ import annotations

import html
import re
import textwrap
from typing import Any

from digest.errors import quoted
from digest.sources.dates import read_date
from digest.sources.headers import MAX_HEADER_LINES, Header, key_value_header

PRE_OPEN = re.compile(r"^[ \t]*<pre>[ \t]*$", re.IGNORECASE)
PRE_CLOSE = re.compile(r"^[ \t]*</pre>[ \t]*$", re.IGNORECASE)
LITERAL_MARKER = re.compile(r"^::[ \t]*$")
NAMING_HEADING = re.compile(
    r"^#{2,6}[ \t]+(preamble|headers?|metadata|meta[ -]?data|front[ -]?matter|document header)"
    r"[ \t]*:?[ \t]*#*[ \t]*$",
    re.IGNORECASE,
)
CODE_INDENT = ("    ", "\t")

MEDIAWIKI_HEADING = re.compile(r"^(={1,6})[ \t]*([^=\s](?:.*?\S)?)[ \t]*\1[ \t]*$")
MEDIAWIKI_LIST = re.compile(r"^([#*]+)[ \t]*(.*)$")
INTERNAL_LINK = re.compile(r"\[\[(?:[^\[\]|\n]*\|)?([^\[\]|\n]+)\]\]")
EXTERNAL_LINK = re.compile(r"(?<!\[)\[((?:https?|ftp)://[^\s\[\]]+)(?:[ \t]+([^\[\]\n]+))?\]")
BOLD = re.compile(r"'''(.+?)'''")
ITALIC = re.compile(r"''(.+?)''")

TABLE_OPEN = re.compile(r"^[ \t]*<table\b[^>]*>[ \t]*$", re.IGNORECASE)
TABLE_CLOSE = re.compile(r"^[ \t]*</table>[ \t]*$", re.IGNORECASE)
H1 = re.compile(r"^#[ \t]+\S")
# A tag's attributes never run past the next '<': a run of tags left unclosed is read once.
ROW = re.compile(r"<tr\b[^<>]*>(.*?)(?=<tr\b|</table>|$)", re.IGNORECASE | re.DOTALL)
CELL = re.compile(r"<t[dh]\b[^<>]*>(.*?)(?=<t[dh]\b|</tr>|$)", re.IGNORECASE | re.DOTALL)
TAG = re.compile(r"<[^<>]*>")  # not past the next '<': a run of unclosed ones is read once
HEADING_CELL = re.compile(r"^<th\b", re.IGNORECASE)
CELL_START = re.compile(r"<t[dh]\b", re.IGNORECASE)
LABEL_WORDS = 3
# The labels of a proposal's header table; a table naming fewer than two of them is content (a
# table of quotes headed 'Author', of events headed 'Date'), not the document's fields.
HEADER_LABELS = frozenset({"title", "status", "author", "authors", "created", "updated", "date"})


def preformatted_header(text: str) -> Header | None:
    """The header block opening `text`, in one of the wrappers above, or None."""
    lines = text.split("\n")
    first = next((index for index, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None
    found = _pre_block(lines, first) or _indented_block(lines, first)
    if found is None:
        return None
    block, after = found
    header = key_value_header("\n".join([*textwrap.dedent("\n".join(block)).split("\n"), "", ""]))
    if header is None:
        return None
    body = "\n".join(lines[after:])
    if any(MEDIAWIKI_HEADING.match(line) for line in _outside_fences(lines[after:])):
        body = mediawiki_to_markdown(body)
    notes: tuple[str, ...] = ()
    if naming := NAMING_HEADING.match(lines[first]):
        notes = (
            f"title, author and date taken from the code block under {quoted(naming.group(1))} "
            f"(line {first + 1}), "
            "read as the document's header; check them",
        )
    return Header(_without_status(header.meta), body, after + 1, notes)


def _outside_fences(lines: list[str]) -> list[str]:
    """The lines outside Markdown's fenced code blocks (MediaWiki has none; a Markdown body may
    show a line like '== build ==' in one)."""
    kept: list[str] = []
    fence = ""
    for line in lines:
        stripped = line.lstrip(" ")
        if fence and stripped.startswith(fence):
            fence = ""
        elif not fence and stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
        elif not fence:
            kept.append(line)
    return kept


def _without_status(meta: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in meta.items() if str(key).strip().lower() != "status"}


def _pre_block(lines: list[str], first: int) -> tuple[list[str], int] | None:
    if not PRE_OPEN.match(lines[first]):
        return None
    end = next(
        (i for i in range(first + 1, min(len(lines), first + MAX_HEADER_LINES)) if PRE_CLOSE.match(lines[i])),
        None,
    )
    return None if end is None else (lines[first + 1 : end], end + 1)


def _indented_block(lines: list[str], first: int) -> tuple[list[str], int] | None:
    """The indented lines after a `::` line or a naming heading (and blank lines)."""
    literal = LITERAL_MARKER.match(lines[first]) is not None
    if not literal and not NAMING_HEADING.match(lines[first]):
        return None
    start = first + 1
    while start < len(lines) and not lines[start].strip():
        start += 1
    end = start
    while end < min(len(lines), start + MAX_HEADER_LINES) and lines[end].strip() and lines[end][:1] in " \t":
        end += 1
    block = lines[start:end]
    if not block or (not literal and not all(line.startswith(CODE_INDENT) for line in block)):
        return None
    return block, end


def mediawiki_to_markdown(text: str) -> str:
    """MediaWiki's headings, lists, links and emphasis as Markdown, line by line; `<pre>`
    blocks and lines indented as code are left as they are."""
    written: list[str] = []
    in_pre = False
    for line in text.split("\n"):
        if in_pre or line[:1] in (" ", "\t"):
            in_pre = in_pre and not PRE_CLOSE.match(line)
            written.append(line)
            continue
        if PRE_OPEN.match(line):
            in_pre = True
            written.append(line)
            continue
        written.append(_mediawiki_line(line))
    return "\n".join(written)


def _mediawiki_line(line: str) -> str:
    if heading := MEDIAWIKI_HEADING.match(line):
        return f"{'#' * len(heading.group(1))} {_inline(heading.group(2))}"
    if item := MEDIAWIKI_LIST.match(line):
        marks = item.group(1)
        bullet = "1." if marks[-1] == "#" else "-"
        return f"{'   ' * (len(marks) - 1)}{bullet} {_inline(item.group(2))}"
    return _inline(line)


def _inline(text: str) -> str:
    text = INTERNAL_LINK.sub(r"\1", text)
    text = EXTERNAL_LINK.sub(
        lambda m: f"[{m.group(2).strip()}]({m.group(1)})" if m.group(2) else f"<{m.group(1)}>", text
    )
    return ITALIC.sub(r"*\1*", BOLD.sub(r"**\1**", text))


def table_fields(text: str) -> dict[str, str]:
    """The label and value rows of an HTML table opening the document, or under its H1, with
    nothing else before it; every row must have two cells, none of them two column headings, and
    the labels must name two fields of such a header (Title, Status, Author(s), Created). The
    Title row counts only where the document has no H1 (which is the title a reader sees).
    Empty values are left out."""
    lines = text.split("\n")
    index = next((i for i, line in enumerate(lines) if line.strip()), None)
    titled = index is not None and H1.match(lines[index]) is not None
    if titled and index is not None:
        index = next((i for i in range(index + 1, len(lines)) if lines[i].strip()), None)
    if index is None or not TABLE_OPEN.match(lines[index]):
        return {}
    end = next(
        (
            i
            for i in range(index + 1, min(len(lines), index + 4 * MAX_HEADER_LINES))
            if TABLE_CLOSE.match(lines[i])
        ),
        None,
    )
    if end is None:
        return {}
    fields: dict[str, str] = {}
    labels: set[str] = set()
    for row in ROW.findall("\n".join(lines[index : end + 1])):
        cells = [_cell_text(cell) for cell in CELL.findall(row)]
        if len(cells) != 2 or not cells[0] or len(cells[0].split()) > LABEL_WORDS:
            return {}
        if all(HEADING_CELL.match(cell) for cell in CELL_START.findall(row)):
            return {}  # a row of column headings: the table is one of columns, not of label and value
        label = re.sub(r"[^\w\s-]", "", cells[0]).strip()
        labels.add(label.lower())
        if cells[1] and label.lower() != "status" and not (titled and label.lower() == "title"):
            fields.setdefault(label, cells[1])
    return fields if len(labels & HEADER_LABELS) >= 2 else {}


def _cell_text(cell: str) -> str:
    return " ".join(html.unescape(TAG.sub(" ", cell.replace("</td>", "").replace("</th>", ""))).split())


# --- an RFC's first page ----------------------------------------------------------------------------

SERIES = re.compile(r"^(?:request for comments|internet[- ]draft)\b", re.IGNORECASE)
SERIES_HINT = re.compile(r"request for comments|internet[- ]draft", re.IGNORECASE)
COLUMN_GAP = re.compile(r" {3,}")
# A surname: a capital and one or more letters, apostrophes or hyphens, written so that each
# hyphen can be read one way only (as part of a name, never between two: either reading of
# 'Bb-Bb-...-Bb!' would be tried, 2^n of them).
RFC_NAME = r"[A-Z](?=[\w'\u2019-])[\w'\u2019]*(?:-[\w'\u2019]*)*"
RFC_AUTHOR = re.compile(rf"^((?:[A-Z][a-z]?\.[ -]?)+ ?{RFC_NAME}(?: {RFC_NAME})*)(?:, Ed\.)?$")
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
MONTH_YEAR = re.compile(rf"^({'|'.join(MONTHS)})[ \t]+((?:19|20)\d\d)$")
DRAFT_NAME = re.compile(r"^<?draft-[\w.-]+>?$")
RFC_HEADER_LINES = 15
TITLE_INDENT = 3


def rfc_first_page(text: str) -> Header | None:
    """The authors and date of an RFC's or Internet-Draft's first-page header, and the text
    from its title on (the title's lines joined on its first, so the lines keep their numbers)."""
    if not SERIES_HINT.search(text[:3000]):
        return None
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None
    end = next((i for i in range(first, len(lines)) if not lines[i].strip()), len(lines))
    if end - first > RFC_HEADER_LINES:
        return None
    cells = [_columns(line) for line in lines[first:end]]
    if not any(SERIES.match(left) for left, _ in cells) or not any(right for _, right in cells):
        return None
    rights = [right for _, right in cells if right]
    authors = [match.group(1) for right in rights if (match := RFC_AUTHOR.match(right))]
    title_start = next((i for i in range(end, len(lines)) if lines[i].strip()), None)
    if not authors or title_start is None:
        return None
    title_end = title_start
    while title_end < len(lines) and lines[title_end].strip() and _indent(lines[title_end]) >= TITLE_INDENT:
        title_end += 1
    title_lines = [
        line.strip() for line in lines[title_start:title_end] if not DRAFT_NAME.match(line.strip())
    ]
    if not title_lines:
        return None
    meta: dict[str, Any] = {"author": ", ".join(authors)}
    notes: list[str] = []
    when = next((found for right in reversed(rights) if (found := _rfc_date(right))), None)
    if when is not None:
        meta["date"] = when[0]
        notes += [when[1]] if when[1] else []
    body = [
        " ".join(" ".join(title_lines).split()),
        *[""] * (title_end - title_start - 1),
        *lines[title_end:],
    ]
    return Header(meta, "\n".join(body), title_start + 1, tuple(notes))


def _columns(line: str) -> tuple[str, str]:
    """The left and right cells of a header line (a line indented far has only a right one)."""
    if _indent(line) >= TITLE_INDENT:
        return "", line.strip()
    parts = COLUMN_GAP.split(line.strip())
    return parts[0], parts[-1] if len(parts) > 1 else ""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _rfc_date(cell: str) -> tuple[str, str] | None:
    """A full date as ISO 8601, or a month and year as the month's first day, with a note."""
    if month := MONTH_YEAR.match(cell):
        number = MONTHS.index(month.group(1)) + 1
        day = f"{month.group(2)}-{number:02d}-01"
        return day, f"the date {day} is the first of the month: the RFC gives only the month ({cell})"
    found = read_date(cell)
    return (found.value.date().isoformat(), "") if found is not None else None
