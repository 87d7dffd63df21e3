"""Jupyter notebooks (`.ipynb`), as Quarto, fastpages and nbdev blogs publish them.

The post is the notebook's cells in order: Markdown cells are its text, code cells code blocks
in the notebook's language; outputs are left out (what the code printed when it last ran, not
what the author wrote). The metadata is in the first cell: front matter between `---` lines
(a raw or Markdown cell, as Quarto writes it), or fastpages' opening Markdown cell, a `# Title`
heading, a `> summary` quote and `- key: value` lines.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from digest.sources.headers import Header
from digest.sources.scripted import byline_text

SNIFFED_CHARS = 4000
NOTEBOOK_KEYS = ('"cells"', '"nbformat"')
YAML_FENCE = re.compile(r"^-{3}[ \t]*$", re.MULTILINE)
FASTPAGES_TITLE = re.compile(r"^#[ \t]*(\S.*?)[ \t]*$")
FASTPAGES_SUMMARY = re.compile(r"^>[ \t]*(.*?)[ \t]*$")
BACKTICKS = re.compile(r"`+")
FASTPAGES_FIELD = re.compile(r"^-[ \t]+([A-Za-z_][\w-]*):[ \t]*(.*?)[ \t]*$")


def notebook(text: str) -> Header | None:
    """A notebook's metadata and its cells as Markdown; None for any other text."""
    head = text[:SNIFFED_CHARS].lstrip()
    if not head.startswith("{") or not all(key in text for key in NOTEBOOK_KEYS):
        return None
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(document, dict) or not isinstance(document.get("cells"), list):
        return None
    cells = [
        (str(cell.get("cell_type")), _source(cell)) for cell in document["cells"] if isinstance(cell, dict)
    ]
    cells = [(kind, source) for kind, source in cells if source.strip()]
    meta: dict[str, Any] = {}
    if cells and (found := _front_matter(cells[0][1])) is not None:
        meta, rest = found
        cells[0] = ("markdown", rest)
    elif cells and cells[0][0] == "markdown" and (fields := _fastpages_fields(cells[0][1])) is not None:
        meta, cells = fields, cells[1:]
    language = _language(document.get("metadata"))
    blocks = [_block(kind, source, language) for kind, source in cells]
    return Header(meta, "\n\n".join(block for block in blocks if block.strip()) + "\n", 1)


def _source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    if isinstance(source, list):
        return "".join(line for line in source if isinstance(line, str))
    return source if isinstance(source, str) else ""


def _front_matter(source: str) -> tuple[dict[str, Any], str] | None:
    """Front matter opening a cell, and what follows it in the cell."""
    stripped = source.lstrip()
    if not stripped.startswith("---"):
        return None
    fences = list(YAML_FENCE.finditer(stripped))
    if len(fences) < 2 or fences[0].start() != 0:
        return None
    try:
        meta = yaml.safe_load(stripped[fences[0].end() : fences[1].start()])
    except (yaml.YAMLError, RecursionError):  # nested past the parser's depth: no front matter
        return None
    return (meta, stripped[fences[1].end() :]) if isinstance(meta, dict) else None


def _fastpages_fields(source: str) -> dict[str, Any] | None:
    """fastpages' opening cell: '# Title', '> "summary"', '- key: value' lines, nothing else."""
    meta: dict[str, Any] = {}
    for line in (line.strip() for line in source.split("\n")):
        if not line:
            continue
        if (title := FASTPAGES_TITLE.match(line)) and "title" not in meta:
            meta["title"] = _unquoted(title.group(1))
        elif (summary := FASTPAGES_SUMMARY.match(line)) and "description" not in meta:
            meta["description"] = summary.group(1).strip('"')
        elif field := FASTPAGES_FIELD.match(line):
            meta[field.group(1)] = _field_value(field.group(2))
        else:
            return None
    if "author" in meta:  # fastpages prints the byline into the page as HTML: its text
        meta["author"] = byline_text(meta["author"])
    return meta if "title" in meta and len(meta) > 1 else None


def _unquoted(text: str) -> str:
    """fastpages' quoted title ('# "Introducing X"'), as it shows it."""
    return text[1:-1] if len(text) > 2 and text[0] == text[-1] and text[0] in "\"'" else text


def _field_value(text: str) -> Any:
    """A fastpages value as YAML reads it (`[a, b]` a list, `true` a flag), else as written."""
    try:
        value = yaml.safe_load(text)
    except (yaml.YAMLError, RecursionError):
        return text
    return value if isinstance(value, str | list | bool | int | float) else text


def _language(metadata: Any) -> str:
    if not isinstance(metadata, dict):
        return ""
    for key in ("kernelspec", "language_info"):
        entry = metadata.get(key)
        if isinstance(entry, dict):
            name = entry.get("language") or entry.get("name")
            if isinstance(name, str) and re.fullmatch(r"[\w+#-]{1,30}", name):
                return name.lower()
    return ""


def _block(kind: str, source: str, language: str) -> str:
    if kind == "markdown":
        return source.strip("\n")
    if kind == "code":
        longest = max((len(run) for run in BACKTICKS.findall(source)), default=0)
        fence = "`" * max(3, longest + 1)  # longer than any run of backticks in the code
        return f"{fence}{language}\n{source.rstrip()}\n{fence}"
    return ""  # raw cells hold output formats' markup, not the post's text
