"""Editing `issue.md`: new review names join its `reviews:` list, or the items of its first
section when it groups them under `sections:`; every other line stays as written."""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Sequence
from pathlib import Path

from digest.errors import ContentError
from digest.files import read_source
from digest.sources.reviews import decode_bytes, parse

ISSUE_MAX_BYTES = 1_000_000


def read_issue_bytes(issue_file: Path) -> bytes:
    """The bytes of `issue.md`: a regular file in its folder, never a link (it is written back)."""
    from digest.sources.importer.writes import refuse_link

    refuse_link(issue_file, "issue file")
    return read_source(issue_file, issue_file.parent, ISSUE_MAX_BYTES, "issue file")


def listed_reviews(issue_file: Path, data: bytes) -> list[str]:
    """The review files the issue lists, in its `reviews:` list or in its sections."""
    meta = parse(decode_bytes(data, issue_file), issue_file).meta
    lists = [meta.get("reviews") or []] + [section.get("items") or [] for section in _sections(meta)]
    if not all(isinstance(listed, list) for listed in lists):
        raise ContentError("'reviews:' and each section's 'items:' must be lists", issue_file)
    return [str(item) for listed in lists for item in listed if isinstance(item, str)]


def _sections(meta: dict[str, object]) -> list[dict[str, object]]:
    sections = meta.get("sections")
    return [s for s in sections if isinstance(s, dict)] if isinstance(sections, list) else []


def _first_items(meta: dict[str, object]) -> list[object] | None:
    """The items of the first section, where the issue groups its items in sections."""
    sections = _sections(meta)
    if meta.get("reviews") or not sections:
        return None
    items = sections[0].get("items") or []
    return items if isinstance(items, list) else None


def issue_with_reviews(issue_file: Path, data: bytes, names: Sequence[str]) -> bytes:
    """The bytes of `issue.md` with `names` appended to its `reviews:` list; its BOM and line
    endings kept. Checked by reading the result back."""
    bom = data.startswith(codecs.BOM_UTF8)
    text = data.decode("utf-8-sig")
    newline = "\r\n" if "\r\n" in text else "\n"
    text = text.replace("\r\n", "\n")
    meta = parse(text, issue_file).meta
    first = _first_items(meta)
    if first is None:
        where, before = "'reviews:'", list(meta.get("reviews") or [])
        edited = with_reviews(text, names, issue_file)
        after = parse(edited, issue_file).meta.get("reviews")
    else:
        where, before = "the first section's 'items:'", first
        edited = with_section_items(text, names, issue_file)
        after = _first_items(parse(edited, issue_file).meta)
    if after != [*before, *names]:
        raise ContentError(
            f"could not add the reviews to the list: add these lines under {where} by hand: "
            + ", ".join(f"- {name}" for name in names),
            issue_file,
        )
    encoded = edited.replace("\n", newline).encode()
    return codecs.BOM_UTF8 + encoded if bom else encoded


def with_reviews(text: str, names: Sequence[str], path: Path) -> str:
    """The issue file's text with `names` added to its `reviews:` block or flow list."""
    lines = text.split("\n")
    start, end = _front_matter_bounds(lines, path)
    key = next((i for i in range(start + 1, end) if re.match(r"^reviews\s*:", lines[i])), None)
    if key is None:
        return "\n".join([*lines[:end], "reviews:", *(f"  - {n}" for n in names), *lines[end:]])
    value = lines[key].split(":", 1)[1].strip()
    if value.startswith("["):
        return _flow_to_block(lines, key, names, path)
    if value and not value.startswith("#"):
        raise ContentError("'reviews:' must be a list of file names", path, key + 1)
    last_item, indent = key, "  "
    for index in range(key + 1, end):
        line = lines[index]
        if line.strip() and not line.startswith((" ", "\t", "-", "#")):
            break  # the next top-level key
        if line.lstrip().startswith("- "):
            last_item, indent = index, line[: len(line) - len(line.lstrip())]
    new_lines = [f"{indent}- {_list_item(name)}" for name in names]
    return "\n".join([*lines[: last_item + 1], *new_lines, *lines[last_item + 1 :]])


def with_section_items(text: str, names: Sequence[str], path: Path) -> str:
    """The issue file's text with `names` added to its first section's `items:` list."""
    lines = text.split("\n")
    start, end = _front_matter_bounds(lines, path)
    sections = next((i for i in range(start + 1, end) if re.match(r"^sections\s*:", lines[i])), end)
    key = next((i for i in range(sections + 1, end) if re.match(r"^\s*(- )?items\s*:", lines[i])), None)
    if key is None:
        raise ContentError("the first section has no 'items:' list", path, sections + 1)
    column = lines[key].index("items")
    value = lines[key].split(":", 1)[1].strip()
    if value.startswith("["):
        import yaml

        existing = yaml.safe_load(value.split("#", 1)[0]) or []
        block = [f"{lines[key].split(':', 1)[0]}:"]
        block += [f"{' ' * (column + 2)}- {_list_item(str(n))}" for n in [*existing, *names]]
        return "\n".join([*lines[:key], *block, *lines[key + 1 :]])
    last, indent = key, " " * (column + 2)
    for index in range(key + 1, end):
        line = lines[index]
        depth = len(line) - len(line.lstrip())
        if line.strip() and (depth < column or (depth == column and not line.lstrip().startswith("- "))):
            break  # the next key of the section, or the next section
        if line.strip():
            last = index
            if line.lstrip().startswith("- ") and indent == " " * (column + 2):
                indent = line[:depth]
    new_lines = [f"{indent}- {_list_item(name)}" for name in names]
    return "\n".join([*lines[: last + 1], *new_lines, *lines[last + 1 :]])


def _flow_to_block(lines: list[str], key: int, names: Sequence[str], path: Path) -> str:
    """`reviews: [a.md]` becomes a block list, which the editor can reorder line by line."""
    import yaml

    match = re.match(r"^reviews\s*:\s*(\[[^\]]*\])\s*(#.*)?$", lines[key])
    if match is None:
        raise ContentError("write 'reviews:' as one '- name.md' line per review", path, key + 1)
    existing = yaml.safe_load(match.group(1)) or []
    comment = f"  {match.group(2)}" if match.group(2) else ""
    block = [f"reviews:{comment}", *(f"  - {_list_item(str(n))}" for n in [*existing, *names])]
    return "\n".join([*lines[:key], *block, *lines[key + 1 :]])


def _list_item(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name) else json.dumps(name, ensure_ascii=False)


def _front_matter_bounds(lines: list[str], path: Path) -> tuple[int, int]:
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None or lines[start].strip() != "---":
        raise ContentError("issue.md must start with YAML front matter ('---' lines)", path, 1)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].rstrip() == "---"), None)
    if end is None:
        raise ContentError("the front matter is never closed: add a closing '---' line", path)
    return start, end
