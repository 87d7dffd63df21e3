"""Container blocks fenced by colons, as the generators that write them show their text.

Many Markdown dialects wrap a block in lines of colons: Pandoc's fenced divs (`::: {.cell
.markdown}` ... `:::`, which Jupytext and Quarto write), Docusaurus' and VitePress' admonitions
(`:::tip[Title]`, `::: warning Title`), markdown-it-container's (Zenn's `:::message`,
`:::details Summary`) and MDC's block components (`::note`, `::tip{to="..."}` ... `::`). CommonMark
reads those fence lines as paragraphs, so the reader would see the colons and attributes. Here a
fence line leaves the text and the block's content stays; a title the box shows (`[Title]`, or
words after the block's name) stays as a bold line. Only fences that pair (an opening line, then
a closing one) are taken, never inside code blocks, so a reST `::` or a stray line of colons in
prose stays as written. Every line keeps its number: a fence becomes an empty line.

MkDocs writes two more kinds: PyMdown Extensions' generic blocks (`/// tip`, `/// note | Title`,
`//// tab | Linux` ... `////`, a closing line of as many slashes as its opening, options indented
under the header), taken the same way; and Python-Markdown's admonitions (`!!! note "Title"`, and
PyMdown's collapsible `??? note` and `???+ note`), a header line whose text is the lines indented
under it (which CommonMark reads as code): the header becomes its title as a bold line (or an
empty line), and the text loses one level of indentation.

docsify marks a paragraph as important (`!> `) or as a tip (`?> `) by its first two characters,
which its page shows as a styled box: the mark leaves the text, the paragraph stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING = re.compile(
    r"^ {0,3}(?P<colons>:{2,})[ \t]*"
    r"(?:\{[^{}\n]*\}|(?P<name>[A-Za-z][\w-]*)(?:\{[^{}\n]*\})?(?:\[(?P<bracketed>[^\[\]\n]*)\])?)"
    r"(?:[ \t]+(?P<title>[^\n]*?))?[ \t]*$"
)
CLOSING = re.compile(r"^ {0,3}:{2,}[ \t]*$")
BLOCK_OPENING = re.compile(
    r"^ {0,3}(?P<slashes>/{3,})[ \t]*(?P<name>[A-Za-z][\w-]*)(?:[ \t]*\|[ \t]*(?P<title>[^\n]*?))?[ \t]*$"
)
BLOCK_CLOSING = re.compile(r"^ {0,3}(?P<slashes>/{3,})[ \t]*$")
ADMONITION = re.compile(
    r'^ {0,3}(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+[\w-]+)*(?:[ \t]+"(?P<title>[^"\n]*)")?[ \t]*$'
)
INDENTED = re.compile(r"^(?:\t| {4})")
HELPER = re.compile(r"^ {0,3}[!?]>[ \t]+(?=\S)")
# One lower-case word after the name is the box's variant ('message alert'), not its title.
VARIANT = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Unfenced:
    text: str
    fences: int  # fence lines left out


def without_container_fences(text: str) -> Unfenced:
    """The text without the fences of its container blocks and the markers of its admonitions
    (see the module's notes)."""
    lines = text.split("\n")
    if not any(line.lstrip(" ").startswith(("::", "///", "!!!", "???", "!>", "?>")) for line in lines):
        return Unfenced(text, 0)
    from digest.sources.titles import code_lines

    code = code_lines(text)
    pairs = _paired_fences(lines, code)
    for opening, closing in pairs:
        lines[opening] = _shown_title(lines[opening])
        lines[closing] = ""
    blocks = _paired_blocks(lines, code)
    for opening, closing in blocks:
        lines[opening] = _bold(BLOCK_OPENING.match(lines[opening]), "title")
        lines[closing] = ""
        for index in range(opening + 1, closing):  # the block's options, indented under its header
            if not lines[index].strip() or not INDENTED.match(lines[index]):
                break
            lines[index] = ""
    admonitions = _admonitions(lines, code)
    helpers = _without_helper_marks(lines, code)
    fences = 2 * (len(pairs) + len(blocks)) + admonitions
    return Unfenced("\n".join(lines), fences) if fences or helpers else Unfenced(text, 0)


def _without_helper_marks(lines: list[str], code: set[int]) -> int:
    """docsify's `!> `/`?> ` left out where they open a paragraph outside code; how many."""
    taken = 0
    for index, line in enumerate(lines):
        opens_paragraph = index == 0 or not lines[index - 1].strip()
        if opens_paragraph and index + 1 not in code and (mark := HELPER.match(line)):
            lines[index] = line[mark.end() :]
            taken += 1
    return taken


def _paired_blocks(lines: list[str], code: set[int]) -> list[tuple[int, int]]:
    """(opening, closing) indexes of PyMdown's blocks: a closing line of as many slashes as the
    block's opening, outside code blocks."""
    open_blocks: dict[int, list[int]] = {}
    pairs: list[tuple[int, int]] = []
    for index, line in enumerate(lines):
        if index + 1 in code:
            continue
        if closing := BLOCK_CLOSING.match(line):
            if opened := open_blocks.get(len(closing.group("slashes"))):
                pairs.append((opened.pop(), index))
        elif opening := BLOCK_OPENING.match(line):
            open_blocks.setdefault(len(opening.group("slashes")), []).append(index)
    return pairs


def _admonitions(lines: list[str], code: set[int]) -> int:
    """Each admonition's header line as its title, its indented text one level out; how many
    headers were taken. A header with no indented line under it is left as written."""
    taken = 0
    for index, line in enumerate(lines):
        if index + 1 in code or not (header := ADMONITION.match(line)):
            continue
        body = _indented_run(lines, index + 1)
        if not body:
            continue
        lines[index] = _bold(header, "title")
        for inner in body:
            lines[inner] = INDENTED.sub("", lines[inner], count=1)
        taken += 1
    return taken


def _indented_run(lines: list[str], start: int) -> list[int]:
    """The indexes of the indented lines from `start` on, blank lines between them passed over."""
    run: list[int] = []
    index = start
    while index < len(lines) and (INDENTED.match(lines[index]) or not lines[index].strip()):
        if lines[index].strip():
            run.append(index)
        index += 1
    return run


def _bold(match: re.Match[str] | None, group: str) -> str:
    """A title as a bold line; empty when there is none."""
    title = (match.group(group) or "").strip() if match else ""
    return f"**{title}**" if title else ""


def _paired_fences(lines: list[str], code: set[int]) -> list[tuple[int, int]]:
    """(opening, closing) 0-based line indexes of the fences that pair, outside code blocks."""
    open_fences: list[int] = []
    pairs: list[tuple[int, int]] = []
    for index, line in enumerate(lines):
        if index + 1 in code:
            continue
        if CLOSING.match(line):
            if open_fences:
                pairs.append((open_fences.pop(), index))
        elif OPENING.match(line):
            open_fences.append(index)
    return pairs


def _shown_title(line: str) -> str:
    """The title a box shows above its text, as a bold line; empty when it shows none."""
    match = OPENING.match(line)
    if match is None:
        return ""
    title = (match.group("bracketed") or match.group("title") or "").strip()
    if not title or VARIANT.fullmatch(title):
        return ""
    return f"**{title}**"
