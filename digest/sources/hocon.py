"""Laika's configuration header: HOCON between `{%` and `%}` opening a document (the Scala site
generator's blogs, Typelevel's among them), then the text, titled by its first heading.

Only what the header states itself is read, at its top level: `key: value` or `key = value`
pairs separated by lines or commas, values quoted or not, and arrays of them; comments (`#`,
`//`) run to the line's end wherever they start outside a quoted string, and a `%}` inside one
is text, not the header's end. A substitution
(`${annlee}`, `${?x}`) names an entry of the site's configuration, which the header does not
hold, so it gives no value; nested objects (`key { ... }`) are passed over, except those that
hold Laika's own document metadata (`laika.metadata { authors = [...], datePublished = ... }`,
read as its dotted keys `laika.metadata.authors` are: as `authors`, `datePublished`). A `{% ... %}` that
holds no such pair is a template tag (Liquid's `{% raw %}`), not a header.
"""

from __future__ import annotations

import json
import re
from typing import Any

from digest.sources.headers import MAX_HEADER_LINES, Header

PAIR = re.compile(r"\s*([A-Za-z_][\w.-]*)\s*(?:[:=]\s*|(?=\{))", re.ASCII)
QUOTED = re.compile(r'"(?:[^"\\\n]|\\.)*"?')  # a string, or one left open at the line's end
SEPARATORS = re.compile(r"(?:[\s,]+|(?:#|//)[^\n]*)*")  # a comment runs to the line's end
SUBSTITUTION = re.compile(r"\$\{\??[^}]*\}")
CLOSE = "%}"
TRIPLE_QUOTE = '"""'
MAX_HEADER_CHARS = 65_536  # a header longer is none: a long first line is not walked whole
# Laika's own document metadata (title, authors, datePublished...), dotted or as objects.
METADATA = "laika.metadata."


def hocon_header(text: str) -> Header | None:
    """The header opening `text`, or None."""
    lead = len(text) - len(text.lstrip("\n"))
    if not text.startswith("{%", lead):
        return None
    end = _header_end(text, lead + 2)
    if end < 0:
        return None
    pairs = _pairs(_without_comments(text[lead + 2 : end]))
    if not pairs:
        return None
    meta: dict[str, Any] = {}
    for key, value in pairs.items():
        meta.setdefault(key.removeprefix(METADATA), value)
    rest = text[end + len(CLOSE) :]
    body = rest.split("\n", 1)[1] if "\n" in rest else ""
    return Header(
        {key: value for key, value in meta.items() if value is not None}, body, text.count("\n", 0, end) + 2
    )


def _header_end(text: str, start: int) -> int:
    """Where the `%}` closing the header is, outside strings and comments, within the lines a
    header may have; -1 without one."""
    limit = start
    for _ in range(MAX_HEADER_LINES + 1):
        limit = text.find("\n", limit) + 1
        if limit == 0:
            limit = len(text)
            break
    limit = min(limit, start + MAX_HEADER_CHARS)
    index = start
    while index < limit:
        char = text[index]
        if text.startswith(TRIPLE_QUOTE, index):
            close = text.find(TRIPLE_QUOTE, index + 3, limit)
            index = close + 3 if close >= 0 else limit
        elif char == '"':
            index = _string_end(text, index)
        elif char == "#" or text.startswith("//", index):
            newline = text.find("\n", index, limit)
            index = newline if newline >= 0 else limit
        elif text.startswith(CLOSE, index):
            return index
        else:
            index += 1
    return -1


def _without_comments(source: str) -> str:
    """The header's text with its comments taken out (their lines kept); strings as written."""
    kept: list[str] = []
    index = copied = 0
    while index < len(source):
        if source[index] == '"':
            index = _string_end(source, index)
        elif source[index] == "#" or source.startswith("//", index):
            newline = source.find("\n", index)
            kept.append(source[copied:index])
            index = copied = newline if newline >= 0 else len(source)
        else:
            index += 1
    kept.append(source[copied:])
    return "".join(kept)


def _pairs(source: str, prefix: str = "") -> dict[str, Any] | None:
    """The top-level pairs (and those of the objects that hold Laika's metadata, by their
    dotted keys), or None where the text is not all pairs."""
    meta: dict[str, Any] = {}
    position = 0
    while position < len(source):
        skipped = SEPARATORS.match(source, position)
        position = skipped.end() if skipped else position
        if position == len(source):
            break
        pair = PAIR.match(source, position)
        if pair is None:
            return None
        key = prefix + pair.group(1)
        if source.startswith("{", pair.end()) and METADATA.startswith(f"{key}."):
            position = _closing(source, pair.end())
            inner = source[pair.end() + 1 : position].removesuffix("}")  # an object left open runs to the end
            for name, value in (_pairs(inner, f"{key}.") or {}).items():
                meta.setdefault(name, value)
            continue
        value, position = _value(source, pair.end())
        meta.setdefault(key, value)
    return meta


def _value(source: str, start: int) -> tuple[Any, int]:
    """A value from `start`, and where the next pair may begin."""
    if source.startswith(("{", "["), start):
        end = _closing(source, start)
        inner = source[start + 1 : end - 1]
        if source[start] == "{":
            return None, end
        return [item for part in _split(inner) if (item := _scalar(part)) is not None], end
    end = _scalar_end(source, start)
    return _scalar(source[start:end]), end


def _closing(source: str, start: int) -> int:
    """Just past the bracket closing the one at `start` (strings may hold brackets)."""
    depth = 0
    index = start
    while index < len(source):
        char = source[index]
        if char == '"':
            index = _string_end(source, index)
            continue
        depth += char in "[{"
        depth -= char in "]}"
        index += 1
        if depth == 0:
            return index
    return len(source)


def _string_end(source: str, start: int) -> int:
    match = QUOTED.match(source, start)
    return match.end() if match else start + 1


def _scalar_end(source: str, start: int) -> int:
    """Where a value ends: at a comma, the line's end or a comment, outside strings."""
    index = start
    while index < len(source) and source[index] not in ",\n" and not source.startswith(("#", "//"), index):
        index = _string_end(source, index) if source[index] == '"' else index + 1
    return index


def _split(inner: str) -> list[str]:
    parts, start, index = [], 0, 0
    while index < len(inner):
        if inner[index] == '"':
            index = _string_end(inner, index)
            continue
        if inner[index] in ",\n":
            parts.append(inner[start:index])
            start = index + 1
        index += 1
    return [*parts, inner[start:]]


def _scalar(part: str) -> str | None:
    text = part[: _scalar_end(part, 0)].strip() if "#" in part or "//" in part else part.strip()
    if not text or SUBSTITUTION.fullmatch(text):
        return None
    if text.startswith('"'):
        try:
            loaded = json.loads(text)
        except ValueError:
            return text.strip('"')
        return loaded if isinstance(loaded, str) else str(loaded)
    return text
