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


def is_gemtext(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def gemtext_to_markdown(text: str) -> str:
    lines = text.split("\n")
    kinds = _kinds(lines)
    fences = _fences(lines, kinds)
    written: list[str] = []
    for index, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
        # a toggle's alt text describes the block; it is no language
        markdown = fences[index] if kind == "toggle" else _line(line, kind)
        following = kinds[index + 1] if index + 1 < len(kinds) else "blank"
        if _flows_into(kind, following):
            markdown += "\\"
        written.append(markdown)
    return "\n".join(written)


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
    match = LINK.match(line)
    if match is None:
        return escape_text(line.strip())
    address = match.group(1).replace("<", "%3C").replace(">", "%3E")
    given = (match.group(2) or "").rstrip(TRAILING)
    name = escape_text(given or match.group(1), at_start=False)
    if (scheme := URL_SCHEME.match(address)) and scheme.group(1).lower() not in WEB_SCHEMES:
        # gemini://, gopher://: no browser or mail reader opens them, so the address is shown
        return name if not given else f"{name} ({escape_text(address, at_start=False)})"
    return f"[{name}](<{address}>)"
