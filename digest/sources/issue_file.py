"""`issue.md`: the issue's front matter, checked key by key, and the introduction below it.

The items are listed under `reviews:` (one untitled group) or grouped under `sections:`;
an item is a review file's name, or a short link item written in place:

    sections:
      - title: Reviews
        items:
          - some-review.md
      - title: Also worth reading
        items:
          - title: "A post on SQLite's file format"
            url: https://example.org/sqlite-format
            comment: "Why the **page** layout matters."
            author: Jane Doe
            tags: [databases]
"""

from __future__ import annotations

import difflib
import re
import reprlib
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digest.errors import ContentError, quoted, unquoted
from digest.model import LinkItem
from digest.render.markdown import render_markdown, slugify, unique_anchor
from digest.sources import values
from digest.sources.reviews import parse

if TYPE_CHECKING:
    from collections.abc import Callable

    import yaml

ISSUE_KEYS = {"title", "date", "subject", "preheader", "reviews", "sections", "featured", "number", "draft"}
SECTION_KEYS = {"title", "items"}
LINK_KEYS = {"title", "url", "comment", "author", "tags"}
TEXT_KEYS = ("title", "subject", "preheader")  # the front matter's texts, each one line
LINK_TEXT_KEYS = ("title", "url", "comment", "author")


class IssueInProgress(ContentError):
    """The issue is marked `draft: true` or selects no publishable review yet: other builds
    leave it out with a notice; building it by name reports what it lacks."""


@dataclass
class Group:
    """A section as written: its title and its items (review file names and link items)."""

    title: str
    items: list[str | LinkItem] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [item for item in self.items if isinstance(item, str)]


@dataclass(frozen=True)
class IssueFile:
    meta: dict[str, Any]
    intro: str  # Markdown
    groups: list[Group]
    featured: str | None  # a review file named `featured:`
    number: int | None

    @property
    def names(self) -> list[str]:
        return [name for group in self.groups for name in group.names]


def read_issue_file(
    text: str, path: Path, candidates: list[str], *, draft_allowed: bool = False
) -> IssueFile:
    """The front matter checked and the items grouped; `candidates` are files beside
    issue.md that could be listed, named when nothing is. An issue marked `draft: true` is
    in progress, unless `draft_allowed` (the issue named with --drafts, to preview it)."""
    parsed = parse(text, path)
    if parsed.format != "yaml-front-matter":
        raise ContentError("issue.md must start with YAML front matter ('---' lines)", path, 1)
    meta = parsed.meta
    _check_keys(meta, ISSUE_KEYS, "the front matter", text, path)
    _check_written_once(text, path)
    for key in TEXT_KEYS:
        _check_text(meta, key, f"'{key}:'", path, partial(key_line, text, key))
    for key, given, advice in (
        ("title", one_line(meta.get("title")), 'write the issue\'s headline there, title: "..."'),
        ("date", meta.get("date"), "write the issue's date there, date: YYYY-MM-DD"),
    ):
        if not given:  # a blank title too: every output shows it
            raise ContentError(f"the front matter needs '{key}:': {advice}", path, key_line(text, key))
    if meta.get("draft") is not None and not isinstance(meta["draft"], bool):  # "true" would publish it
        raise ContentError(
            f"'draft:' must be true or false (without quotes), not {quoted(meta['draft'])}",
            path,
            key_line(text, "draft"),
        )
    if meta.get("draft") is True and not draft_allowed:
        raise IssueInProgress(
            "the issue is marked 'draft: true': give --drafts to build, check, send or preview it, "
            "or remove that line to publish it",
            path,
            key_line(text, "draft"),
        )
    groups = _groups(meta, text, path)
    if not any(group.items for group in groups):
        raise _nothing_selected(text, path, candidates)
    _check_listed_once([name for group in groups for name in group.names], text, path)
    return IssueFile(
        meta,
        parsed.body.strip() + "\n",
        groups,
        _featured(meta, groups, text, path),
        _number(meta, text, path),
    )


def one_line(value: Any) -> str:
    return values.one_line(value) or ""


def line_of(text: str, needle: str) -> int | None:
    """The first line holding `needle` outside comments, for error messages. Found by
    searching, not by splitting the text for each needle: an issue of 6,000 link items had
    the text split 12,000 times."""
    if "\n" in needle:
        return None  # no one line holds it
    start = 0
    while (at := text.find(needle, start)) >= 0:
        opening = text.rfind("\n", 0, at) + 1
        closing = text.find("\n", at)
        closing = len(text) if closing < 0 else closing
        if not text[opening:closing].lstrip().startswith("#"):
            return text.count("\n", 0, opening) + 1
        start = closing + 1
    return None


def key_line(text: str, key: str) -> int | None:
    """The line of the front matter setting its `key` ('key:' opening a line), for error
    messages: a value that holds 'key:' ('subject: "No draft: the final cut"') is no such line."""
    setting = re.compile(rf"{re.escape(key)}[ \t]*:")
    lines = text.split("\n")
    start = _front_matter_start(text)
    for number, line in enumerate(lines[start:], start=start + 1):
        if line.rstrip() in ("---", "..."):
            break
        if setting.match(line):
            return number
    return None


def _check_keys(mapping: dict[str, Any], known: set[str], where: str, text: str, path: Path) -> None:
    unknown = sorted(set(map(str, mapping)) - known)
    if unknown:
        close = difflib.get_close_matches(unknown[0], sorted(known), n=1)
        meant = f"did you mean {quoted(close[0])}? " if close else ""
        raise ContentError(
            f"unknown key {quoted(unknown[0])} in {where}: {meant}the keys are {', '.join(sorted(known))}",
            path,
            line_of(text, f"{unknown[0]}:"),
        )


TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|$)")


def _check_written_once(text: str, path: Path) -> None:
    """A key written twice in the front matter (YAML keeps the last without a word): the
    editor changed one of them and the other wins."""
    seen: dict[str, int] = {}
    lines = text.split("\n")
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in ("---", "..."):
            return
        if key := TOP_LEVEL_KEY.match(line):
            first = seen.setdefault(key.group(1), number)
            if first != number:
                raise ContentError(
                    f"'{key.group(1)}:' is written twice (lines {first} and {number}), and only the "
                    "last would count: keep one of them",
                    path,
                    number,
                )


def _check_text(
    mapping: dict[str, Any], key: str, what: str, path: Path, line: Callable[[], int | None]
) -> None:
    """A value written as a list or a mapping where text belongs (often an unquoted '{' or
    '[' starting it) would be emptied without a word: it is refused instead. `line` finds
    where, only then (a section's line composes the front matter again)."""
    value = mapping.get(key)
    if isinstance(value, dict | list):
        kind = "a list" if isinstance(value, list) else "a mapping"
        raise ContentError(
            f"{what} must be text, not {kind} ({reprlib.repr(value)}): write it on one line, in quotes "
            "if it starts with '{' or '[' or holds ': '",
            path,
            line(),
        )


def _check_listed_once(names: list[str], text: str, path: Path) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            lines = lines_naming(text, name)
            where = f"on lines {lines[0]} and {lines[1]}" if len(lines) > 1 else "twice on one line"
            raise ContentError(
                f"review {quoted(name)} is listed twice ({where}): remove one of them",
                path,
                lines[-1] if lines else None,
            )
        seen.add(name)


def lines_naming(text: str, name: str) -> list[int]:
    """The lines outside comments that hold `name` as a whole file name (not inside another)."""
    whole = re.compile(rf"(?<![\w.-]){re.escape(name)}(?![\w.-])")
    return [
        number
        for number, line in enumerate(text.split("\n"), start=1)
        if whole.search(line) and not line.lstrip().startswith("#")
    ]


def _nothing_selected(text: str, path: Path, candidates: list[str]) -> IssueInProgress:
    found = f" (files here: {', '.join(candidates[:5])}{', ...' if len(candidates) > 5 else ''})"
    return IssueInProgress(
        "no reviews selected yet: list review files under 'reviews:'"
        + (found if candidates else "")
        + f", or add one with `digest import FILE --issue {path.parent.name}`",
        path,
        key_line(text, "reviews") or key_line(text, "sections"),
    )


def _groups(meta: dict[str, Any], text: str, path: Path) -> list[Group]:
    if meta.get("reviews") and meta.get("sections"):
        raise ContentError(
            "list the items under 'reviews:' or group them under 'sections:', not both",
            path,
            key_line(text, "sections"),
        )
    used: dict[str, int] = {}
    if not meta.get("sections"):
        return [Group("", _items(meta.get("reviews") or [], "'reviews:'", text, path, used, 0))]
    sections = meta["sections"]
    if not isinstance(sections, list) or not all(isinstance(s, dict) for s in sections):
        raise ContentError(
            "'sections:' must be a list of sections, each '- title: ...' with its 'items:'",
            path,
            key_line(text, "sections"),
        )
    groups = []
    for index, section in enumerate(sections):
        _check_keys(section, SECTION_KEYS, "a section", text, path)
        _check_text(section, "title", "a section's 'title:'", path, partial(group_line, text, index, "title"))
        title = one_line(section.get("title") or "")
        if not title:
            raise ContentError("every section needs a 'title:'", path, group_line(text, index, "title"))
        where = f"the items of section {quoted(title)}"
        groups.append(Group(title, _items(section.get("items") or [], where, text, path, used, index)))
    return groups


def _items(
    raw: Any, where: str, text: str, path: Path, used: dict[str, int], group: int
) -> list[str | LinkItem]:
    if not isinstance(raw, list):
        raise ContentError(
            f"{where} must be a list: one '- name.md' line per review, or a link item with "
            "'title:' and 'url:'",
            path,
            group_line(text, group, "items"),
        )
    items: list[str | LinkItem] = []
    for index, item in enumerate(raw):
        if isinstance(item, str):
            items.append(values.whole_characters(item))  # a lone surrogate names no file
        elif isinstance(item, dict):
            items.append(_link_item(item, text, path, used, partial(item_line, text, group, index)))
        else:
            raise ContentError(
                f"{where}: {quoted(item)} is neither a review file name nor a link item ('title:' and "
                "'url:')",
                path,
                item_line(text, group, index),
            )
    return items


def _link_item(
    raw: dict[str, Any], text: str, path: Path, used: dict[str, int], written: Callable[[], int | None]
) -> LinkItem:
    """A link item; `written` finds its line where YAML read it (composing the front matter
    again, slow: only where neither its address nor its title finds it)."""
    _check_keys(raw, LINK_KEYS, "a link item", text, path)
    title = one_line(raw.get("title") or "")
    url = one_line(raw.get("url") or "")
    line = (line_of(text, url) if url else line_of(text, title) if title else None) or written()
    for key in LINK_TEXT_KEYS:
        _check_text(raw, key, f"the '{key}:' of link item {quoted(title or url)}", path, lambda: line)
    if not title:
        raise ContentError("a link item needs a 'title:' besides its 'url:'", path, line)
    if not re.match(r"https?://[^\s/]", url, re.IGNORECASE):
        raise ContentError(
            f"link item {quoted(title)} needs a 'url:' that is an absolute http(s) address, "
            "like https://example.org/page"
            + (f" (not {unquoted(url)})" if url else ": add the line 'url: ...'"),
            path,
            line_of(text, title),
        )
    if problem := values.url_problem(url):
        raise ContentError(
            f"link item {quoted(title)}: {unquoted(url)} cannot be read as an address ({problem}): check its "
            f"host and port",
            path,
            line_of(text, title),
        )
    comment = values.clean_text(str(raw.get("comment") or "")).strip()
    tags = raw.get("tags") or []
    tag_list = [tags] if isinstance(tags, str) else tags if isinstance(tags, list) else []
    rendered = render_markdown(comment) if comment else None
    if rendered is not None:
        rendered.check(comment, path, line_of(text, title) or 1)
    return LinkItem(
        title=title,
        url=url,
        comment=comment,
        comment_html=rendered.html if rendered is not None else "",
        author=one_line(raw["author"]) if raw.get("author") else None,
        tags=tuple(one_line(tag) for tag in tag_list if one_line(tag)),
        slug=unique_anchor(f"link-{slugify(title, 'item')}", used),
        removed=rendered.removed if rendered is not None else (),
    )


def item_line(text: str, group: int, index: int) -> int | None:
    """The line of item `index` of group `group` (`reviews:`, or section `group`'s `items:`)
    where YAML read it: a null, a true or a quoted name is written otherwise than Python
    prints it, so searching the text for it finds another line or none."""
    groups = _item_nodes(text)
    if group < len(groups) and index < len(groups[group]):
        return groups[group][index].start_mark.line + _front_matter_start(text) + 1
    return None


def listed_line(text: str, name: str) -> int | None:
    """The line of the first item that is the text `name`, where YAML read it."""
    import yaml

    text_tag = "tag:yaml.org,2002:str"
    for node in (node for group in _item_nodes(text) for node in group):
        if isinstance(node, yaml.ScalarNode) and node.tag == text_tag and node.value == name:
            return node.start_mark.line + _front_matter_start(text) + 1
    return None


def _front_matter_start(text: str) -> int:
    """The line (from 1) of the opening '---'; its lines follow it."""
    return len(text) - len(text.lstrip("\n")) + 1


def group_line(text: str, group: int, key: str) -> int | None:
    """The line of section `group`'s `key` where YAML read it (of the section itself where
    it has no such key), or with no sections of 'reviews:'. Only on the way to an error."""
    root = _front_matter_node(text)
    sections = _sequence(_value(root, "sections"))
    if not sections:
        node = _value(root, "reviews")
    elif group < len(sections):
        node = _value(sections[group], key) or sections[group]
    else:
        node = None
    return node.start_mark.line + _front_matter_start(text) + 1 if node is not None else None


def _item_nodes(text: str) -> list[list[yaml.Node]]:
    """The items' YAML nodes, by group as `_groups` reads them; none where the front
    matter cannot be composed again (it was read leniently). Only on the way to an error."""
    root = _front_matter_node(text)
    sections = _sequence(_value(root, "sections"))
    if not sections:
        return [_sequence(_value(root, "reviews"))]
    return [_sequence(_value(section, "items")) for section in sections]


def _front_matter_node(text: str) -> yaml.Node | None:
    """The front matter composed again as YAML nodes; None where it cannot be (it was read
    leniently)."""
    import yaml

    lines = text.lstrip("\n").split("\n")
    end = next((i for i, line in enumerate(lines[1:], start=1) if line.rstrip() in ("---", "...")), None)
    if end is None:
        return None
    try:
        return yaml.compose("\n".join(lines[1:end]), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return None


def _value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """A mapping node's value for `key` (the last where it is written twice, as YAML keeps)."""
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return None
    found = [value for name, value in node.value if isinstance(name, yaml.ScalarNode) and name.value == key]
    return found[-1] if found else None


def _sequence(node: yaml.Node | None) -> list[yaml.Node]:
    import yaml

    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def _featured(meta: dict[str, Any], groups: list[Group], text: str, path: Path) -> str | None:
    name = meta.get("featured")
    if name is None or name == "":
        return None
    if isinstance(name, str):
        name = values.whole_characters(name)
    listed = [item for group in groups for item in group.names]
    if not isinstance(name, str) or name not in listed:
        raise ContentError(
            f"'featured:' must name one of the listed reviews ({', '.join(listed)}), not {quoted(name)}",
            path,
            key_line(text, "featured"),
        )
    return name


def _number(meta: dict[str, Any], text: str, path: Path) -> int | None:
    number = meta.get("number")
    if number is None or number == "":
        return None
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        raise ContentError(
            f"'number:' must be the issue's number, a whole number from 1, not {quoted(number)}",
            path,
            key_line(text, "number"),
        )
    return number
