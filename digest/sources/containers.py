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
# One lower-case word after the name is the box's variant ('message alert'), not its title.
VARIANT = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Unfenced:
    text: str
    fences: int  # fence lines left out


def without_container_fences(text: str) -> Unfenced:
    """The text without the colon fences of its container blocks (see the module's notes)."""
    lines = text.split("\n")
    if not any(line.lstrip(" ").startswith("::") for line in lines):
        return Unfenced(text, 0)
    from digest.sources.titles import code_lines

    pairs = _paired_fences(lines, code_lines(text))
    if not pairs:
        return Unfenced(text, 0)
    for opening, closing in pairs:
        lines[opening] = _shown_title(lines[opening])
        lines[closing] = ""
    return Unfenced("\n".join(lines), 2 * len(pairs))


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
