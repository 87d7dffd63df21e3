"""MDX (Astro, Docusaurus): Markdown with JavaScript modules and JSX components.

What a reader sees is the Markdown: `import`/`export` statements (MDX's ESM blocks, which
run until a blank line), JSX comments (`{/* ... */}`) and component tags (`<Tabs>`,
`<YouTube id="..." />`) never reach the output; the text between a component's tags
stays. Code blocks are left exactly as written. Lower-case and all-capital tags are HTML,
which the sanitiser judges. MDX has no indented code (mdxjs.com, "What is MDX?": indentation is
for laying components out), so text indented under a component's tag is read as its text, in a
list item or a block quote too.
"""

from __future__ import annotations

import re

ESM_START = re.compile(
    r"^(?:import\s+(?:[\w*{}\s,]+\s+from\s+)?['\"]"
    r"|export\s+(?:default\b|const\b|let\b|var\b|function\b|async\b|class\b|\{|\*))",
    re.MULTILINE,
)
ESM_LINE = re.compile(r"^(?:import|export)\s", re.MULTILINE)
JSX_COMMENT = re.compile(r"\{/\*.*?\*/\}", re.DOTALL)
# A line holding only a JSX comment: MDX's comment, which Docusaurus (reading .md files as MDX
# by default) also writes in a .md file, as its truncate marker `{/* truncate */}`.
JSX_COMMENT_LINE = re.compile(r"^[ \t]*\{/\*[^\n]*?\*/\}[ \t]*$", re.MULTILINE)
# A component tag: a capitalised name with a lower-case letter (`TabItem`) or a dot
# (`Foo.Bar`); its attributes may hold `{...}` expressions and `>` inside quotes.
COMPONENT_TAG = re.compile(
    r"</?(?:[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*|[A-Za-z][\w]*(?:\.[\w]+)+)"
    r"(?:\s(?:[^<>{}\"']|\"[^\"]*\"|'[^']*'|\{(?:[^{}]|\{[^{}]*\})*\})*)?/?>",
    re.DOTALL,
)
LEADING_TAG = re.compile(r"^[ \t]+(?=" + COMPONENT_TAG.pattern + ")", re.DOTALL | re.MULTILINE)
TAG_OR_CODE_SPAN = re.compile(
    r"(`+)[^`].*?\1|" + LEADING_TAG.pattern + "|" + COMPONENT_TAG.pattern, re.DOTALL | re.MULTILINE
)
FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
# A code block in cmark's XML, at any depth: its first and last lines and its first column.
CODE_BLOCK = re.compile(r'^ *<code_block sourcepos="(\d+):(\d+)-(\d+):\d+"', re.MULTILINE)
CODE_INDENT = 4  # CommonMark's indented code: four columns past its container's content
INDENTED_LINE = re.compile(r"^[ \t>]*(?: {4}|\t)", re.MULTILINE)


def looks_like_mdx(text: str) -> bool:
    """An ESM `import ... from '...'` or `export` statement at the start of a line."""
    return any(ESM_START.match(text, match.start()) for match in ESM_LINE.finditer(text))


def strip_mdx(text: str) -> str:
    """The Markdown of an MDX text: no modules, comments or component tags outside code, and
    no indented code."""
    parts = split_code(text)
    return _indented_code_as_text("".join(part if is_code else _strip_prose(part) for part, is_code in parts))


def _indented_code_as_text(text: str) -> str:
    """The lines CommonMark would read as an indented code block, at the top level or in a list
    item or block quote, without the indentation past their container's: MDX reads them as the
    container's text. Fenced code keeps every line as written."""
    if not INDENTED_LINE.search(text):
        return text
    from cmarkgfm.cmark import Options

    from digest.render.cmark import to_xml

    lines = text.split("\n")
    for match in CODE_BLOCK.finditer(to_xml(text, Options.CMARK_OPT_SOURCEPOS)):
        first, column, last = int(match.group(1)) - 1, int(match.group(2)), int(match.group(3))
        # cmark starts an indented block four columns in; a fenced one at its fence.
        container = _prefix(lines[first], column - 1)
        if FENCE.match(lines[first][len(container) :]):
            continue
        width = max(column - 1 - CODE_INDENT, 0)
        lines[first:last] = [_dedented(line, width) for line in lines[first:last]]
    return "\n".join(lines)


def _prefix(line: str, width: int) -> str:
    """The start of a line that fills `width` columns (a tab runs to the next multiple of 4)."""
    column = 0
    for index, char in enumerate(line):
        if column >= width:
            return line[:index]
        column = column + CODE_INDENT - column % CODE_INDENT if char == "\t" else column + 1
    return line


def _dedented(line: str, width: int) -> str:
    """A line of an indented code block with its container's prefix (`> `, a list item's
    indentation) and without the whitespace after it."""
    prefix = _prefix(line, width)
    return prefix + line[len(prefix) :].lstrip(" \t")


def without_jsx_comment_lines(text: str) -> str:
    """A Markdown text without the lines that hold only a JSX comment, outside code: in a file
    not otherwise MDX, a comment inside a sentence stays as written."""
    if "{/*" not in text:
        return text
    return "".join(part if is_code else JSX_COMMENT_LINE.sub("", part) for part, is_code in split_code(text))


def _strip_prose(text: str) -> str:
    kept: list[str] = []
    in_module = False
    for line in text.split("\n"):
        if in_module:
            in_module = bool(line.strip())
            continue
        if ESM_START.match(line):
            in_module = True
            continue
        kept.append(line)
    prose = JSX_COMMENT.sub("", "\n".join(kept))
    # A tag opening a line takes its indentation along, so its text is not read as code;
    # code spans (`List<String>`) are left alone.
    stripped = TAG_OR_CODE_SPAN.sub(lambda m: m.group(0) if m.group(0).startswith("`") else "", prose)
    return re.sub(r"\n{3,}", "\n\n", stripped)


def split_code(text: str) -> list[tuple[str, bool]]:
    """The text in runs of prose and fenced code blocks, in order."""
    parts: list[tuple[str, bool]] = []
    current: list[str] = []
    fence: str | None = None
    for line in text.split("\n"):
        marker = FENCE.match(line)
        if fence is None and marker:
            if current:
                parts.append(("\n".join(current) + "\n", False))
            current, fence = [line], marker.group(1)
        elif fence is not None and marker and marker.group(1).startswith(fence[0] * len(fence)):
            current.append(line)
            parts.append(("\n".join(current) + "\n", True))
            current, fence = [], None
        else:
            current.append(line)
    parts.append(("\n".join(current), fence is not None))
    return [(part, is_code) for part, is_code in parts if part]
