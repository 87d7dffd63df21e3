"""MultiMarkdown's metadata block, and the metadata variables its body may use.

MultiMarkdown (MMD) opens a document with `Key: value` lines ended by a blank line. Its
documentation: a key starts with a letter or a digit and may hold spaces, hyphens and
underscores; keys are compared without case or spaces; a value may run on over the lines
that follow, and only a line holding a colon must be indented to stay part of it. The body
may name a value, `[%title]`, which MMD replaces by that value.

Pelican's headers look the same but fold only indented lines, so a block is read as MMD's
only when it names a key that MMD defines and Pelican does not (`Base Header Level`, `CSS`,
`HTML Header`, `LaTeX Mode`, ...). A block opened by `---` is left to the YAML reader.
"""

from __future__ import annotations

import re

from digest.sources.headers import Header

KEY_LINE = re.compile(r"^([A-Za-z0-9][A-Za-z0-9 _-]{0,40}):[ \t]*(.*)$")
VARIABLE = re.compile(r"\[%([A-Za-z0-9][A-Za-z0-9 _-]{0,40})\]")
FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
MAX_LINES = 60
# Keys MMD's documentation defines for its own processing, which no Pelican post needs.
MMD_KEYS = frozenset(
    {
        "baseheaderlevel", "bibliostyle", "bibtex", "css", "htmlfooter", "htmlheader", "htmlheaderlevel",
        "latexauthor", "latexbegin", "latexconfig", "latexfooter", "latexheader", "latexheaderlevel",
        "latexinput", "latexleader", "latexmode", "latextitle", "mmdfooter", "mmdheader", "odfheader",
        "odfheaderlevel", "quoteslanguage", "transcludebase", "xhtmlheader", "xhtmlheaderlevel",
    }
)  # fmt: skip


def spelled(key: str) -> str:
    """A key as MMD compares keys: without case or spaces."""
    return re.sub(r"[\s_-]+", "", key.lower())


def mmd_metadata(text: str) -> Header | None:
    """The metadata block opening `text`, with the body's `[%key]` variables replaced; None
    when the text does not open with one that has a title and a key of MMD's own."""
    lines = text.split("\n")
    meta: dict[str, list[str]] = {}
    key: str | None = None
    for index, line in enumerate(lines[:MAX_LINES]):
        if not line.strip():
            return _header(meta, lines, index)
        match = KEY_LINE.match(line)
        if match and not line[0].isspace():
            key = match.group(1).strip()
            meta[key] = [match.group(2).strip()]
        elif key is None:
            return None
        else:
            meta[key].append(line.strip())
    return None


def _header(meta: dict[str, list[str]], lines: list[str], blank: int) -> Header | None:
    keys = {spelled(key) for key in meta}
    if "title" not in keys or not keys & MMD_KEYS:
        return None
    values = {key: " ".join(part for part in parts if part) for key, parts in meta.items()}
    body = substitute("\n".join(lines[blank + 1 :]), values)
    return Header(values, body, blank + 2)


def substitute(body: str, values: dict[str, str]) -> str:
    """`[%key]` replaced by that key's value, outside fenced code; unknown keys stay as written."""
    by_key = {spelled(key): value for key, value in values.items()}
    out: list[str] = []
    fence: str | None = None
    for line in body.split("\n"):
        opening = FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)[0]
        elif fence is not None and opening and opening.group(1)[0] == fence:
            fence = None
        elif fence is None and "[%" in line:
            line = VARIABLE.sub(lambda m: by_key.get(spelled(m.group(1)), m.group(0)), line)
        out.append(line)
    return "\n".join(out)
