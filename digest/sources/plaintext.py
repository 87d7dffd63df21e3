"""Recover the structure of a plain-text article as Markdown.

Plain text arrives in two styles: one paragraph per (long) line, as pasted from a
web page, or hard-wrapped paragraphs separated by blank lines, as in old notes and
release files. Headings are numbered section lines (`1.`, `1.1`) or short standalone
lines; `- ` lines and runs of short item-like lines become lists; bare URLs become
links; everything else stays a paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

URL_RE = re.compile(r"https?://[^\s<>\"')\]]*[^\s<>\"')\].,;:!?]")
NUMBERED_RE = re.compile(r"^(\d{1,2})((?:\.\d{1,2})*)(\.?)\s+(\S.*)$")
BULLET_RE = re.compile(r"^\s*[-*•‣◦]\s+(\S.*)$")
RULE_RE = re.compile(r"^\s*([=\-*_#~])\1{4,}\s*$")
SIGN_OFF_RE = re.compile(
    r"^(cheers|best|thanks|regards|best regards|kind regards|all the best|yours|warmly|take care)[,!.]?$",
    re.IGNORECASE,
)
STRAY_LINES = {"table of contents", "contents", "toc"}
TERMINAL_PUNCTUATION = ".!?,;:…\"”'’)"
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~{}])")
LEADING_SPECIAL = re.compile(r"^(\s*)([#+\-=>]|\d+[.)])")

HEADING_MAX_CHARS = 70
LIST_ITEM_MAX_CHARS = 100
LIST_ITEM_MAX_WORDS = 11
LONG_LINE_CHARS = 120


@dataclass
class PlainText:
    """The result: a title, a Markdown body, and a signature name if the text is signed."""

    title: str
    title_line: int
    markdown: str
    signed_by: str | None = None
    dropped: list[str] = field(default_factory=list)


@dataclass
class Block:
    kind: str  # heading, paragraph, list, lines, code
    lines: list[str]
    level: int = 2


def structure(text: str) -> PlainText | None:
    """Turn plain text into Markdown; None when the text has no non-empty line."""
    lines = [line.rstrip() for line in text.split("\n")]
    lines, dropped = _drop_trailing_comment(lines)
    found = _find_title(lines)
    if found is None:
        return None
    title, title_indexes = found
    body_lines = [line for i, line in enumerate(lines) if i not in title_indexes]
    blocks = _blocks(body_lines)
    signed_by = _signature(blocks)
    _assign_heading_levels(blocks)
    markdown = "\n\n".join(_to_markdown(block) for block in blocks if block.lines)
    return PlainText(title, min(title_indexes) + 1, markdown + "\n", signed_by, dropped)


def _drop_trailing_comment(lines: list[str]) -> tuple[list[str], list[str]]:
    """A short note separated from the article by three or more blank lines is a reader's comment."""
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    start = end
    while start and lines[start - 1].strip():
        start -= 1
    gap = start
    while gap and not lines[gap - 1].strip():
        gap -= 1
    tail = lines[start:end]
    if start - gap >= 3 and gap > 0 and sum(len(line) for line in tail) < 300:
        return lines[:gap], tail
    return lines[:end], []


def _find_title(lines: list[str]) -> tuple[str, set[int]] | None:
    centred = _centred_title(lines)
    if centred:
        return centred
    for index, line in enumerate(lines):
        if line.strip():
            return _normalise(line), {index}
    return None


def _centred_title(lines: list[str]) -> tuple[str, set[int]] | None:
    """A block of indented lines right after a rule near the top (release-notes style)."""
    for index, line in enumerate(lines[:60]):
        if not RULE_RE.match(line):
            continue
        block: list[int] = []
        for j in range(index + 1, min(index + 12, len(lines))):
            if lines[j].strip():
                if not lines[j].startswith(("\t", "    ")) or len(lines[j].strip()) > 60:
                    break
                block.append(j)
            elif block:
                break
        if 1 <= len(block) <= 4:
            return _normalise(" ".join(lines[j] for j in block)), {index, *block}
    return None


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _blocks(lines: list[str]) -> list[Block]:
    long_lines = sum(1 for line in lines if len(line) > LONG_LINE_CHARS)
    non_empty = sum(1 for line in lines if line.strip()) or 1
    one_paragraph_per_line = long_lines / non_empty > 0.15
    numbered = _numbered_headings(lines)
    blocks: list[Block] = []
    for group in _groups(lines, one_paragraph_per_line, numbered):
        blocks.extend(_classify(group, numbered, one_paragraph_per_line))
    return _mark_unnumbered_headings(blocks, bool(numbered))


def _numbered_headings(lines: list[str]) -> dict[int, int]:
    """Indexes of lines that continue a consistent section numbering, with their level.

    A top-level number must follow the previous one and a sub-number must sit under
    its own parent, so a quoted "4.2 Unsuccessful Attempts" inside section 1 stays text.
    """
    found: dict[int, int] = {}
    current_top = 0
    for index, line in enumerate(lines):
        match = NUMBERED_RE.match(line)
        if not match or len(line) > HEADING_MAX_CHARS + 10 or line.endswith((".", ",", ";")):
            continue
        top, subs, dot, _ = match.groups()
        if not subs and not dot:
            continue
        number = int(top)
        if not subs and number == current_top + 1:
            current_top = number
            found[index] = 2
        elif subs and number == current_top:
            found[index] = 2 + subs.count(".")
    return found if len(found) >= 2 else {}


def _groups(lines: list[str], per_line: bool, numbered: dict[int, int]) -> list[list[tuple[int, str]]]:
    """Runs of consecutive non-blank lines; headings and (in per-line style) each line stand alone."""
    groups: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        if not line.strip() or index in numbered:
            if current:
                groups.append(current)
            current = []
            if index in numbered:
                groups.append([(index, line)])
            continue
        current.append((index, line))
    if current:
        groups.append(current)
    return groups


def _classify(group: list[tuple[int, str]], numbered: dict[int, int], per_line: bool) -> list[Block]:
    first_index, first_line = group[0]
    if first_index in numbered:
        return [
            Block("heading", [_normalise(NUMBERED_RE.sub(r"\1\2\3 \4", first_line))], numbered[first_index])
        ]
    texts = [line for _, line in group]
    if all(line.startswith(("\t", "    ")) for line in texts) or _looks_like_code(texts):
        return [Block("code", [line for line in texts])]
    if not per_line:
        return _classify_wrapped(texts)
    return _classify_per_line(texts)


def _looks_like_code(texts: list[str]) -> bool:
    aligned = sum(1 for line in texts if re.search(r"\S(\t| {3,})\S", line) or line.startswith("#define"))
    return len(texts) >= 2 and aligned / len(texts) > 0.5


def _classify_wrapped(texts: list[str]) -> list[Block]:
    if all(BULLET_RE.match(line) for line in texts):
        return [Block("list", [BULLET_RE.sub(r"\1", line) for line in texts])]
    if len(texts) == 1:
        return [Block("paragraph", [_normalise(texts[0])])]
    blocks: list[Block] = []
    paragraph: list[str] = []
    for line in texts:
        bullet = BULLET_RE.match(line)
        if bullet:
            if paragraph:
                blocks.append(Block("paragraph", [_normalise(" ".join(paragraph))]))
                paragraph = []
            blocks.append(Block("list", [bullet.group(1)]))
        else:
            paragraph.append(line)
    if paragraph:
        blocks.append(Block("paragraph", [_normalise(" ".join(paragraph))]))
    return _merge_lists(blocks)


def _classify_per_line(texts: list[str]) -> list[Block]:
    blocks: list[Block] = []
    run: list[str] = []
    for line in [*texts, ""]:
        if line.strip().lower() in STRAY_LINES:
            continue
        if line and _is_short_item(line):
            run.append(line.strip())
            continue
        if run:
            blocks.extend(_short_run(run))
            run = []
        if not line:
            continue
        bullet = BULLET_RE.match(line)
        if bullet:
            blocks.append(Block("list", [bullet.group(1)]))
        else:
            blocks.append(Block("paragraph", [_normalise(line)]))
    return _merge_lists(blocks)


def _is_short_item(line: str) -> bool:
    return len(line) <= LIST_ITEM_MAX_CHARS and not BULLET_RE.match(line) and not line.rstrip().endswith(":")


def _short_run(run: list[str]) -> list[Block]:
    """One short line may be a heading; several are a list, or lines of verse when they are long."""
    if len(run) >= 2 and SIGN_OFF_RE.match(run[-2]):
        return [*_short_run(run[:-2]), Block("lines", run[-2:])] if len(run) > 2 else [Block("lines", run)]
    if len(run) == 1:
        return [Block("paragraph", [_normalise(run[0])])]
    average_words = sum(len(line.split()) for line in run) / len(run)
    if average_words <= LIST_ITEM_MAX_WORDS:
        return [Block("list", run)]
    return [Block("lines", run)]


def _merge_lists(blocks: list[Block]) -> list[Block]:
    merged: list[Block] = []
    for block in blocks:
        if block.kind == "list" and merged and merged[-1].kind == "list":
            merged[-1].lines.extend(block.lines)
        else:
            merged.append(block)
    return merged


def _mark_unnumbered_headings(blocks: list[Block], numbered: bool) -> list[Block]:
    """Short standalone paragraphs with no end punctuation, followed by text, are headings."""
    kept: list[Block] = []
    for index, block in enumerate(blocks):
        text = block.lines[0] if block.lines else ""
        if block.kind == "paragraph" and text.lower() in STRAY_LINES:
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if (
            not numbered
            and block.kind == "paragraph"
            and _heading_like(text)
            and following is not None
            and following.kind in ("paragraph", "list", "lines", "code")
            and not (kept and kept[-1].kind == "paragraph" and kept[-1].lines[0].endswith(":"))
        ):
            block.kind = "heading"
            block.lines = [text.rstrip(":")]
            block.level = 0  # decided by _assign_heading_levels
        kept.append(block)
    return kept


def _heading_like(text: str) -> bool:
    if len(text) > HEADING_MAX_CHARS or len(text.split()) > 9 or URL_RE.search(text):
        return False
    if text.endswith(":") and not text[:-1].isupper():
        return False
    return not text.endswith(tuple(TERMINAL_PUNCTUATION.replace(":", "")))


def _signature(blocks: list[Block]) -> str | None:
    """A sign-off line ('Cheers,') followed by a short name: the author signs the article."""
    for block in blocks:
        if block.kind == "lines" and len(block.lines) == 2 and SIGN_OFF_RE.match(block.lines[0]):
            name = block.lines[1]
            if 0 < len(name.split()) <= 3 and name[:1].isupper():
                return name
    return None


def _assign_heading_levels(blocks: list[Block]) -> None:
    """Give unnumbered headings a level.

    A heading introduced by a single short paragraph and followed by another heading
    opens a group: it is a section (level 2) and the headings after it are its
    subsections (level 3). A title used more than once ('Architecture') is always a
    subsection name.
    """
    headings = [b for b in blocks if b.kind == "heading" and b.level == 0]
    if not headings:
        return
    counts: dict[str, int] = {}
    for heading in headings:
        counts[heading.lines[0].lower()] = counts.get(heading.lines[0].lower(), 0) + 1
    in_group = False
    for index, block in enumerate(blocks):
        if block.kind != "heading" or block.level != 0:
            continue
        opens_group = counts[block.lines[0].lower()] == 1 and _introduces_subsections(blocks, index)
        if opens_group:
            in_group = True
        block.level = 3 if in_group and not opens_group else 2


def _introduces_subsections(blocks: list[Block], index: int) -> bool:
    following = blocks[index + 1 : index + 3]
    return (
        len(following) == 2
        and following[0].kind == "paragraph"
        and len(following[0].lines[0]) < 300
        and following[1].kind == "heading"
    )


def _to_markdown(block: Block) -> str:
    if block.kind == "heading":
        return "#" * block.level + " " + _inline(block.lines[0])
    if block.kind == "list":
        return "\n".join("- " + _inline(line) for line in block.lines)
    if block.kind == "lines":
        return "\\\n".join(_inline(line) for line in block.lines)
    if block.kind == "code":
        body = "\n".join(block.lines)
        fence = "````" if "```" in body else "```"
        return f"{fence}text\n{body}\n{fence}"
    return _inline(block.lines[0])


def _inline(text: str) -> str:
    """Escape Markdown syntax in plain text and turn bare URLs into links."""
    parts: list[str] = []
    position = 0
    for match in URL_RE.finditer(text):
        before = _escape(text[position : match.start()], at_start=position == 0)
        parts.append(before[:-1] + "\\!" if before.endswith("!") else before)  # '![' opens an image
        url = match.group(0)
        # A link whose text is the URL as written: an autolink would show it percent-decoded.
        parts.append(f"[{_escape(url, at_start=False)}](<{url}>)")
        position = match.end()
    parts.append(_escape(text[position:], at_start=position == 0))
    return "".join(parts)


def _escape(text: str, *, at_start: bool) -> str:
    escaped = MARKDOWN_SPECIAL.sub(r"\\\1", text)
    if at_start:
        escaped = LEADING_SPECIAL.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), escaped)
    return escaped


def _escape_marker(marker: str) -> str:
    if marker[-1] in ".)":
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker
