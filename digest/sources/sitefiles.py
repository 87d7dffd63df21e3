"""The files of a site that name what a post only refers to.

A blog generator keeps some of a post's metadata in files beside it: Docusaurus's and MkDocs
Material's blogs name their authors by keys into an authors file (`authors: [slorber]`, with
`blog/authors.yml` or `blog/.authors.yml` saying who `slorber` is), and Nikola's two-file posts
keep title, slug and date in a `.meta` file of the same name. A careful reader looks them up;
so does digest, but only in the folders a build reads anyway: the review's folder and those
above it up to the issue folder (every file of which is hashed into the build's key, so a
changed authors file rebuilds the issue). A file read on its own (`digest import`, the
real-world evaluation) is looked up in its folder and the three above it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from digest.errors import ContentError
from digest.files import read_source
from digest.sources.dates import read_date
from digest.sources.values import one_line, person_names

# Docusaurus (`authors.yml`, or JSON), MkDocs Material's blog plugin (`.authors.yml`).
PEOPLE_FILES = ("authors.yml", "authors.yaml", ".authors.yml", ".authors.yaml", "authors.json")
SIDECAR_SUFFIX = ".meta"
LEVELS_ABOVE_A_LONE_FILE = 3  # MkDocs Material: blog/.authors.yml over blog/posts/YYYY/MM/
# Nikola's positional two-file format: one value a line, in this order.
SIDECAR_FIELDS = ("title", "slug", "date", "tags", "link", "description", "type")

Reader = Callable[[str], bytes | None]


@dataclass(frozen=True)
class SiteFiles:
    """The files around one review: `review` is its name relative to `root`, the top folder
    that may be read; `read` gives a file's bytes by its name relative to `root`, None when
    there is no such file."""

    root: Path
    review: PurePosixPath
    read: Reader

    @classmethod
    def around(cls, path: Path, max_bytes: int) -> SiteFiles:
        """For a file read on its own: its folder and the three above it."""
        absolute = Path(os.path.abspath(path))  # '../post.md' too; links are not followed
        root = absolute.parent
        for _ in range(LEVELS_ABOVE_A_LONE_FILE):
            if root.parent == root:
                break
            root = root.parent
        review = PurePosixPath(absolute.relative_to(root).as_posix())
        return cls(root, review, _disk_reader(root, max_bytes))

    def folders(self) -> list[PurePosixPath]:
        """The review's folder, then each folder above it up to the root."""
        return [self.review.parent, *self.review.parent.parents]

    def people(self) -> dict[str, str]:
        """Author keys and the names they stand for, from the nearest authors file; {} without one."""
        for folder in self.folders():
            for name in PEOPLE_FILES:
                relative = (folder / name).as_posix()
                data = self.read(relative)
                if data is not None:
                    return _people(data, self.root / relative)
        return {}

    def sidecar(self) -> dict[str, Any]:
        """A Nikola `.meta` file of the review's name: its fields, or {} without one."""
        name = self.review.with_suffix(SIDECAR_SUFFIX)
        if name == self.review:
            return {}
        data = self.read(name.as_posix())
        if data is None:
            return {}
        return sidecar_fields(_text(data, self.root / name.as_posix()))


def _disk_reader(root: Path, max_bytes: int) -> Reader:
    def read(relative: str) -> bytes | None:
        path = root / relative
        if not os.path.lexists(path):
            return None
        return read_source(path, root, max_bytes, "file", "[build] max_review_bytes")

    return read


def _text(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ContentError("not UTF-8: save it as UTF-8", path) from None


def _people(data: bytes, path: Path) -> dict[str, str]:
    """An authors file: `key: {name: ...}` (Docusaurus), under `authors:` (MkDocs Material)."""
    text = _text(data, path)
    kind = "JSON" if path.suffix == ".json" else "YAML"
    try:
        loaded = json.loads(text) if kind == "JSON" else yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        message = f"the authors file is not valid JSON ({exc.msg}): fix it"
        raise ContentError(message, path, exc.lineno) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "cannot be read"
        line = mark.line + 1 if mark is not None else None
        raise ContentError(f"the authors file is not valid {kind} ({problem}): fix it", path, line) from None
    if isinstance(loaded, dict) and isinstance(loaded.get("authors"), dict):
        loaded = loaded["authors"]
    if not isinstance(loaded, dict):
        return {}
    people = {str(key): person_names(entry) for key, entry in loaded.items() if isinstance(entry, dict)}
    return {key: name for key, name in people.items() if name}


def resolve_people(value: Any, people: dict[str, str]) -> Any:
    """An author value with the keys of an authors file replaced by the names they stand for:
    a bare key, a list of keys, a `{key: slorber}` entry beside inline authors."""
    if not people:
        return value
    if isinstance(value, list):
        return [resolve_people(item, people) for item in value]
    if isinstance(value, dict) and not person_names(value) and isinstance(value.get("key"), str):
        return people.get(value["key"].strip(), value)
    if isinstance(value, str):
        return people.get(value.strip(), value)
    return value


def sidecar_fields(text: str) -> dict[str, Any]:
    """A `.meta` file's fields: `.. key: value` lines (Nikola's comment style), else one value
    a line in Nikola's order (title, slug, date, tags, link, description, type); nothing from a
    file whose third line is no date."""
    lines = [line.rstrip() for line in text.split("\n")]
    keyed = [line[3:].partition(":") for line in lines if line.startswith(".. ") and ":" in line]
    positional = list(zip(SIDECAR_FIELDS, lines, strict=False))
    if not keyed and (len(lines) < 3 or read_date(lines[2].strip()) is None):
        return {}  # no title, slug and date lines: some other tool's `.meta` file
    pairs = [(key, value) for key, _, value in keyed] if keyed else positional
    fields: dict[str, Any] = {}
    for key, value in pairs:
        if key.strip() and (written := one_line(value)):
            fields[key.strip().lower()] = written
    return fields
