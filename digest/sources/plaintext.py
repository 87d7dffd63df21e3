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

from digest.sources.people import SIGN_OFF, signature_name

URL_RE = re.compile(r"https?://[^\s<>\"')\]]*[^\s<>\"')\].,;:!?]")
NUMBERED_RE = re.compile(r"^(\d{1,2})((?:\.\d{1,2})*)(\.?)\s+(\S.*)$")
BULLET_RE = re.compile(r"^\s*[-*•‣◦]\s+(\S.*)$")
RULE_RE = re.compile(r"^\s*([=\-*_#~])\1{4,}\s*$")
# A heading's underline (or overline): one punctuation character repeated, as in Markdown
# (`=`, `-`) and reStructuredText (any of these), at least three long.
ADORNMENT_RE = re.compile(r"^([=\-~^\"'#*+_:.`])\1{2,}\s*$")
INDENTED_RE = re.compile(r"^(?: {4}|\t)")
FIELD_RE = re.compile(r"^:([A-Za-z][\w .-]{0,30}):[ \t]+(\S.*)$")
SIGNATURE_DASHES = re.compile(r"^(?:--|—|–)\s*$")
SIGN_OFF_RE = SIGN_OFF
STRAY_LINES = {"table of contents", "contents", "toc"}
TERMINAL_PUNCTUATION = ".!?,;:…\"”'’)"
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~{}])")
LEADING_SPECIAL = re.compile(r"^(\s*)([#+\-=>]|\d+[.)])")

HEADING_MAX_CHARS = 70
LIST_ITEM_MAX_CHARS = 100
LIST_ITEM_MAX_WORDS = 11
LONG_LINE_CHARS = 120
CENTRED_MIN_COLUMNS = 12  # a line set this far in is centred: code is indented a tab or four spaces
CENTRED_HEADER_MAX_LINES = 3


@dataclass
class PlainText:
    """The result: a title, a Markdown body, and a signature name if the text is signed."""

    title: str
    title_line: int
    markdown: str
    signed_by: str | None = None
    dropped: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)  # a reST field list after the title


@dataclass
class Block:
    kind: str  # heading, paragraph, list, lines, code, emphasis, rule
    lines: list[str]
    level: int = 2


def structure(text: str, name: str | None = None) -> PlainText | None:
    """Turn plain text into Markdown; None when the text has no non-empty line.

    `name`: the page's name from its file, for a wiki page: its title when the text opens
    with a paragraph rather than a title line (`title_line` is then 0)."""
    lines = [line.rstrip() for line in text.split("\n")]
    lines, dropped = _drop_trailing_comment(lines)
    underlined = _underlined_headings(lines)
    found = _find_title(lines, underlined)
    if found is None:
        return None
    title, title_indexes = found
    if name and title_indexes == {_first_line(lines)} and _runs_on(lines, min(title_indexes)):
        title, title_indexes = name, set()
    subtitle, subtitle_indexes = _subtitle(lines, title_indexes, underlined)
    header = _centred_header(lines, title_indexes)
    taken = title_indexes | subtitle_indexes | set(header)
    body_lines = [line for i, line in enumerate(lines) if i not in taken]
    fields, body_lines = _field_list(body_lines)
    blocks = _blocks(body_lines)
    for index in reversed(header):
        blocks.insert(0, Block("emphasis", [_normalise(lines[index])]))
    if subtitle:
        blocks.insert(0, Block("emphasis", [subtitle]))
    signed_by = _signature(blocks)
    _assign_heading_levels(blocks)
    markdown = "\n\n".join(_to_markdown(block) for block in blocks if block.lines)
    title_line = min(title_indexes) + 1 if title_indexes else 0
    return PlainText(title, title_line, markdown + "\n", signed_by, dropped, fields)


def _first_line(lines: list[str]) -> int | None:
    return next((i for i, line in enumerate(lines) if line.strip()), None)


def _runs_on(lines: list[str], index: int) -> bool:
    """Whether a line is the first of a hard-wrapped paragraph: text follows on the next line
    and the line itself does not end a sentence."""
    following = lines[index + 1] if index + 1 < len(lines) else ""
    return bool(following.strip()) and not lines[index].rstrip().endswith(tuple(TERMINAL_PUNCTUATION))


def _underlined_headings(lines: list[str]) -> dict[int, tuple[str, set[int]]]:
    """Lines underlined (and maybe overlined) with a repeated punctuation character:
    the text line's index, mapped to its adornment character and every line it spans."""
    found: dict[int, tuple[str, set[int]]] = {}
    for index in range(len(lines) - 1):
        line, under = lines[index], lines[index + 1]
        adornment = ADORNMENT_RE.match(under.strip()) if under.startswith(under.strip()[:1]) else None
        if not adornment or not line.strip() or ADORNMENT_RE.match(line.strip()) or INDENTED_RE.match(line):
            continue
        if BULLET_RE.match(line) or len(line.strip()) > HEADING_MAX_CHARS + 30:
            continue
        spanned = {index, index + 1}
        if index and lines[index - 1].strip() and ADORNMENT_RE.match(lines[index - 1].strip()):
            spanned.add(index - 1)  # an overline
        elif index and lines[index - 1].strip():
            continue  # the last line of a paragraph above a rule, not a heading
        found[index] = (adornment.group(1), spanned)
    return found


def _subtitle(
    lines: list[str], title_indexes: set[int], underlined: dict[int, tuple[str, set[int]]]
) -> tuple[str | None, set[int]]:
    """An underlined line right after an underlined title is its subtitle, not a section."""
    if not any(i in underlined for i in title_indexes):
        return None, set()
    after = max(title_indexes) + 1
    while after < len(lines) and not lines[after].strip():
        after += 1
    found = after if after in underlined else after + 1
    if found not in underlined or after not in underlined[found][1]:
        return None, set()
    if any(_adorned_alike(underlined[found], underlined[other]) for other in underlined if other != found):
        return None, set()  # adorned as the title or a later heading is: a section (as reST reads it)
    return _normalise(lines[found]), underlined[found][1]


def _adorned_alike(one: tuple[str, set[int]], other: tuple[str, set[int]]) -> bool:
    """Two headings of one rank: the same character, both overlined or neither."""
    return one[0] == other[0] and len(one[1]) == len(other[1])


def _field_list(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """A reST field list (`:date: 2014-02-09`) opening the body: the document's metadata."""
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    fields: dict[str, str] = {}
    end = start
    while end < len(lines) and (match := FIELD_RE.match(lines[end])):
        fields[match.group(1).strip()] = match.group(2).strip()
        end += 1
    if not fields or (end < len(lines) and lines[end].strip()):
        return {}, lines
    return fields, lines[end:]


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


def _find_title(lines: list[str], underlined: dict[int, tuple[str, set[int]]]) -> tuple[str, set[int]] | None:
    """The first underlined heading when the text opens with it, else a centred title block
    after a rule near the top, else the first line."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None
    for index in (first, first + 1):  # the heading itself, or the text under its overline
        if index in underlined and first in underlined[index][1]:
            return _normalise(lines[index]), underlined[index][1]
    centred = _centred_title(lines)
    if centred:
        return centred
    return _normalise(lines[first]), {first}


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


def _centred_header(lines: list[str], title_indexes: set[int]) -> list[int]:
    """The short lines set to the middle under a title set to the middle, as a typewritten
    article heads itself with its byline, its date or its source ('by Ann Lee', '[From the
    Gazette, 4 March 1996]'): their indexes, at most three, each after at most one blank line;
    none under a title at the margin. Set deeper than a code block's indentation (a tab or four
    spaces), they are no code."""
    if len(title_indexes) != 1 or _columns(lines[min(title_indexes)]) < CENTRED_MIN_COLUMNS:
        return []
    header: list[int] = []
    index = min(title_indexes) + 1
    while len(header) < CENTRED_HEADER_MAX_LINES:
        blank = index
        while index < len(lines) and not lines[index].strip():
            index += 1
        if index - blank > 1 or index >= len(lines):
            break
        line = lines[index]
        centred = _columns(line) >= CENTRED_MIN_COLUMNS and len(line.strip()) <= HEADING_MAX_CHARS
        if not centred or BULLET_RE.match(line):
            break
        header.append(index)
        index += 1
    return header


def _columns(line: str) -> int:
    """How far in a line starts, its tabs at every eighth column as a terminal shows them."""
    expanded = line.expandtabs(8)
    return len(expanded) - len(expanded.lstrip())


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _blocks(lines: list[str]) -> list[Block]:
    lines, underlined = _without_underlines(lines)
    long_lines = sum(1 for line in lines if len(line) > LONG_LINE_CHARS)
    non_empty = sum(1 for line in lines if line.strip()) or 1
    one_paragraph_per_line = long_lines / non_empty > 0.15
    headings = {**underlined, **_numbered_headings(lines)}
    blocks: list[Block] = []
    for group in _groups(lines, one_paragraph_per_line, headings):
        blocks.extend(_classify(group, headings, one_paragraph_per_line))
    return _mark_unnumbered_headings(blocks, bool(headings))


def _without_underlines(lines: list[str]) -> tuple[list[str], dict[int, int]]:
    """Underlined headings in the body: their adornment lines blanked, their text lines given
    a level by the order their characters first appear (as reStructuredText does)."""
    underlined = _underlined_headings(lines)
    if not underlined:
        return lines, {}
    kept = list(lines)
    order: list[str] = []
    levels: dict[int, int] = {}
    for index, (character, spanned) in sorted(underlined.items()):
        if character not in order:
            order.append(character)
        levels[index] = min(2 + order.index(character), 4)
        for other in spanned - {index}:
            kept[other] = ""
    return kept, levels


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


def _groups(lines: list[str], per_line: bool, headings: dict[int, int]) -> list[list[tuple[int, str]]]:
    """Runs of consecutive non-blank lines; headings and (in per-line style) each line stand alone."""
    groups: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        if not line.strip() or index in headings:
            if current:
                groups.append(current)
            current = []
            if index in headings:
                groups.append([(index, line)])
            continue
        current.append((index, line))
    if current:
        groups.append(current)
    return groups


def _classify(group: list[tuple[int, str]], headings: dict[int, int], per_line: bool) -> list[Block]:
    first_index, first_line = group[0]
    if first_index in headings:
        return [
            Block("heading", [_normalise(NUMBERED_RE.sub(r"\1\2\3 \4", first_line))], headings[first_index])
        ]
    texts = [line for _, line in group]
    if len(texts) == 1 and RULE_RE.match(texts[0]):
        return [Block("rule", ["---"])]
    if all(INDENTED_RE.match(line) for line in texts) or _looks_like_code(texts):
        return [Block("code", [line for line in texts])]
    if _is_sign_off(texts):
        return [Block("lines", [line.strip() for line in texts])]
    split = _indented_runs(texts)
    if len(split) > 1:
        return [block for part in split for block in _classify_texts(part, per_line)]
    return _classify_texts(texts, per_line)


def _classify_texts(texts: list[str], per_line: bool) -> list[Block]:
    if all(INDENTED_RE.match(line) for line in texts):
        return [Block("code", texts)]
    if not per_line:
        return _classify_wrapped(texts)
    return _classify_per_line(texts)


def _indented_runs(texts: list[str]) -> list[list[str]]:
    """A paragraph line ending in ':' followed by indented lines: the indented run is code
    (an example after "for instance:"), not more words of the paragraph."""
    parts: list[list[str]] = [[]]
    for index, line in enumerate(texts):
        indented = bool(INDENTED_RE.match(line))
        previous = texts[index - 1] if index else ""
        after_colon = previous.rstrip().endswith(":") and not INDENTED_RE.match(previous)
        starts_code = indented and index and after_colon
        ends_code = not indented and parts[-1] and INDENTED_RE.match(parts[-1][0]) and len(parts) > 1
        if starts_code or ends_code:
            parts.append([])
        parts[-1].append(line)
    return [part for part in parts if part]


def _is_sign_off(texts: list[str]) -> bool:
    """'Cheers,' or a '--' line, then a short name: a signature, kept line by line."""
    return (
        len(texts) == 2
        and bool(SIGN_OFF_RE.match(texts[0].strip()) or SIGNATURE_DASHES.match(texts[0].strip()))
        and 0 < len(texts[1].split()) <= 4
    )


def _looks_like_code(texts: list[str]) -> bool:
    if len(texts) < 2:
        return False
    aligned = sum(1 for line in texts if line.startswith("#define") or _aligned(line))
    return aligned / len(texts) > 0.5


def _aligned(line: str) -> bool:
    """Words lined up in columns (a tab, or three spaces or more, between them)."""
    return ("\t" in line or "   " in line) and ALIGNED_COLUMNS.search(line) is not None


ALIGNED_COLUMNS = re.compile(r"\S(?:\t| {3,})\S")


def _classify_wrapped(texts: list[str]) -> list[Block]:
    if all(BULLET_RE.match(line) for line in texts):
        return [Block("list", [BULLET_RE.sub(r"\1", line) for line in texts])]
    if len(texts) == 1:
        return [Block("paragraph", [_normalise(texts[0])])]
    blocks: list[Block] = []
    paragraph: list[str] = []
    wrapped: list[str] = []  # the last item's lines under its bullet, joined once it ends
    item_column: int | None = None  # where the last bullet stands, while its lines go on
    for line in texts:
        bullet = BULLET_RE.match(line)
        if bullet:
            _join_wrapped(blocks, wrapped)
            if paragraph:
                blocks.append(Block("paragraph", [_normalise(" ".join(paragraph))]))
                paragraph = []
            blocks.append(Block("list", [bullet.group(1)]))
            item_column = _columns(line)
        elif item_column is not None and _columns(line) > item_column:
            wrapped.append(line)  # a hanging indent: the item's text wrapped under itself
        else:
            _join_wrapped(blocks, wrapped)
            item_column = None
            paragraph.append(line)
    _join_wrapped(blocks, wrapped)
    if paragraph:
        blocks.append(Block("paragraph", [_normalise(" ".join(paragraph))]))
    return _merge_lists(blocks)


def _join_wrapped(blocks: list[Block], wrapped: list[str]) -> None:
    """The last item's text with the lines it was wrapped over, once (each line joined to the
    text so far read it again and again); `wrapped` emptied."""
    if wrapped:
        blocks[-1].lines[-1] = _normalise(" ".join([blocks[-1].lines[-1], *wrapped]))
        wrapped.clear()


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
    """A sign-off ('Cheers,' or '--') followed by a short name: the author signs the article."""
    for block in blocks:
        if block.kind == "lines" and len(block.lines) == 2 and (name := signature_name(block.lines)):
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
    if block.kind == "emphasis":
        return "*" + _inline(block.lines[0]) + "*"
    if block.kind == "rule":
        return "---"
    if block.kind == "code":
        body = "\n".join(_dedent(block.lines))
        fence = "````" if "```" in body else "```"
        return f"{fence}text\n{body}\n{fence}"
    return _inline(block.lines[0])


def _dedent(lines: list[str]) -> list[str]:
    """Code lines without the indentation they all share."""
    import textwrap

    return textwrap.dedent("\n".join(lines)).split("\n")


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


def escape_text(text: str, *, at_start: bool = True) -> str:
    """Text shown as written: Markdown's syntax characters escaped (a leading list or heading
    marker too, when the text opens a line)."""
    return _escape(text, at_start=at_start)


def _escape(text: str, *, at_start: bool) -> str:
    escaped = MARKDOWN_SPECIAL.sub(r"\\\1", text)
    if at_start:
        escaped = LEADING_SPECIAL.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), escaped)
    return escaped


def _escape_marker(marker: str) -> str:
    if marker[-1] in ".)":
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker
