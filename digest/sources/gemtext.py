"""Gemtext (text/gemini), the Gemini protocol's markup, written as Markdown that shows what a
Gemini client shows.

Gemtext is line-oriented (the Gemini specification's "gemtext" section): a `=> URL name` line is
a link on a line of its own, ```` ``` ```` lines toggle preformatted text, `#`, `##` and `###` open
headings, `* ` a list item, `>` a quote, and every other line is a paragraph of its own, its
characters meaning nothing else (`*word*` shows its asterisks). Links to web addresses (and
relative ones) stay links; a `gemini://` or `gopher://` address, which no browser or mail reader
opens, is shown after the link's name. Read as Markdown, a capsule's link
lines run together into one paragraph of `=>` arrows and its lines of prose merge. A file is
Gemtext by its name (`.gmi`, `.gemini`, the type's registered extensions), not by its content: an
arrow opening a line means nothing to Markdown. Each line becomes one line, so line numbers stay.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from digest.sources.plaintext import escape_text

SUFFIXES = {".gmi", ".gemini"}
# A line's text is taken to its end and stripped after: found lazily before spaces that may end
# the line, a run of spaces inside it was scanned again at each of its characters.
LINK = re.compile(r"^=>[ \t]*(\S+)(?:[ \t]+(.*))?$")
HEADING = re.compile(r"^(#{1,3})[ \t]*(.*)$")
LIST_ITEM = re.compile(r"^\* (.*)$")
QUOTE = re.compile(r"^>[ \t]*(.*)$")
TRAILING = " \t"
TOGGLE = "```"
INNER_FENCE = re.compile(r"^ {0,3}(`{3,})")
URL_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
WEB_SCHEMES = {"http", "https", "mailto"}
# Kinds of line that flow together in Markdown, so one line must end with a hard break to stay
# a line of its own, as the client shows it.
FLOWING = {"text", "link"}
# Kinds of line Markdown would let the next line of text continue: a list item, a quote.
CONTINUED_LAZILY = {"item", "quote"}


def is_gemtext(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def gemtext_to_markdown(text: str) -> str:
    lines = text.split("\n")
    kinds = _kinds(lines)
    fences = _fences(lines, kinds)
    written: list[str] = []
    for index, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
        if kind in FLOWING and index and kinds[index - 1] in CONTINUED_LAZILY:
            written.append(_line_of_its_own(line, kind))
            continue
        # a toggle's alt text describes the block; it is no language
        markdown = fences[index] if kind == "toggle" else _line(line, kind)
        following = kinds[index + 1] if index + 1 < len(kinds) else "blank"
        if _flows_into(kind, following):
            markdown += "\\"
        written.append(markdown)
    return "\n".join(written)


def _line_of_its_own(line: str, kind: str) -> str:
    """A text or link line right after a list item or a quote, as HTML: as Markdown it would
    continue them (CommonMark's lazy continuation lines). An HTML comment opens an HTML block
    that ends on the same line (and which the sanitiser drops), so the next line is Markdown."""
    if kind == "link" and (target := _link_target(line)) is not None:
        given, address, opens = target
        name = html.escape(given or address)
        if not opens:
            text = f"{name} ({html.escape(address)})" if given else name
        else:
            text = f'<a href="{html.escape(address)}">{name}</a>'
    else:
        text = html.escape(line.strip())
    return f"<!-- --><p>{text}</p>"


def _kinds(lines: list[str]) -> list[str]:
    """Each line's type: preformatted lines are known only by the toggles before them."""
    kinds: list[str] = []
    preformatted = False
    for line in lines:
        if line.startswith(TOGGLE):
            kinds.append("toggle")
            preformatted = not preformatted
        elif preformatted:
            kinds.append("preformatted")
        elif not line.strip():
            kinds.append("blank")
        elif LINK.match(line):
            kinds.append("link")
        elif HEADING.match(line):
            kinds.append("heading")
        elif LIST_ITEM.match(line):
            kinds.append("item")
        elif line.startswith(">"):
            kinds.append("quote")
        else:
            kinds.append("text")
    return kinds


def _fences(lines: list[str], kinds: list[str]) -> dict[int, str]:
    """The Markdown fence each toggle line becomes: longer than any run of backticks opening a
    line of its block (after up to three spaces, where Markdown would close a fence; in Gemtext
    only a toggle at the line's very start does)."""
    fences: dict[int, str] = {}
    opening: int | None = None
    longest = 0
    for index, kind in enumerate([*kinds, "toggle"]):  # an unclosed block ends with the text
        if kind == "preformatted":
            run = INNER_FENCE.match(lines[index])
            longest = max(longest, len(run.group(1)) if run else 0)
        elif kind == "toggle":
            if opening is None:
                opening, longest = index, 0
                continue
            fence = "`" * max(len(TOGGLE), longest + 1)
            fences[opening] = fences[index] = fence
            opening = None
    return fences


def _flows_into(kind: str, following: str) -> bool:
    return (kind in FLOWING and following in FLOWING) or (kind == following == "quote")


def _line(line: str, kind: str) -> str:
    if kind in ("preformatted", "blank"):
        return line if kind == "preformatted" else ""
    if kind == "link":
        return _link(line)
    if kind == "heading" and (heading := HEADING.match(line)):
        return f"{heading.group(1)} {escape_text(heading.group(2).rstrip(TRAILING), at_start=False)}".rstrip()
    if kind == "item" and (item := LIST_ITEM.match(line)):
        return f"* {escape_text(item.group(1).rstrip(TRAILING), at_start=False)}"
    if kind == "quote" and (quote := QUOTE.match(line)):
        return f"> {escape_text(quote.group(1).rstrip(TRAILING), at_start=False)}".rstrip()
    return escape_text(line.strip())


def _link(line: str) -> str:
    target = _link_target(line)
    if target is None:
        return escape_text(line.strip())
    given, address, opens = target
    encoded = address.replace("<", "%3C").replace(">", "%3E")
    name = escape_text(given or address, at_start=False)
    if not opens:  # gemini://, gopher://: no browser or mail reader opens them, so the address is shown
        return name if not given else f"{name} ({escape_text(encoded, at_start=False)})"
    return f"[{name}](<{encoded}>)"


def _link_target(line: str) -> tuple[str, str, bool] | None:
    """A link line's name ('' where it gives none), its address, and whether a browser
    opens it; None where the line is no link."""
    match = LINK.match(line)
    if match is None:
        return None
    address = match.group(1)
    scheme = URL_SCHEME.match(address)
    return (
        (match.group(2) or "").rstrip(TRAILING),
        address,
        scheme is None or scheme.group(1).lower() in WEB_SCHEMES,
    )
