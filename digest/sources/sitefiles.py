"""The files of a site that name what a post only refers to.

A blog generator keeps some of a post's metadata in files beside it: Docusaurus's and MkDocs
Material's blogs name their authors by keys into an authors file (`authors: [slorber]`, with
`blog/authors.yml` or `blog/.authors.yml` saying who `slorber` is), and Nikola's two-file posts
keep title, slug and date in a `.meta` file of the same name (Jekyll's detached front matter
in a `<file name>.fm.yaml` file). Jekyll, Hugo and Middleman keep
them in the site's data folder (`_data/authors.yml`, `data/authors.toml`, or one file a person,
`data/authors/<key>.yaml`), which a post's `author: key` names; Astro's Starlight blog plugin
in the options its site's Astro config gives it (`starlightBlog({ authors: { ann: {...} } })`).
Docusaurus's tags file (`blog/tags.yml`) gives the label the site shows for each tag key.
A careful reader looks them up;
so does digest, but only in the folders a build reads anyway: the review's folder and those
above it up to the issue folder (every file of which is hashed into the build's key, so a
changed authors file rebuilds the issue). A file read on its own (`digest import`, the
real-world evaluation) is looked up in its folder and the three above it, or, inside an Astro
project's `src/content/`, up to the project's folder.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from digest.errors import ContentError
from digest.files import read_source
from digest.sources.dates import read_date
from digest.sources.values import one_line, person_names

# Docusaurus (`authors.yml`, or JSON), MkDocs Material's blog plugin (`.authors.yml`), and a
# Next.js blog's authors module (`export const adamwathan = { name: 'Adam Wathan' }`), which
# its MDX posts import by name.
PEOPLE_FILES = ("authors.yml", "authors.yaml", ".authors.yml", ".authors.yaml", "authors.json")
PEOPLE_MODULES = ("authors.js", "authors.mjs", "authors.ts")
MODULE_SUFFIXES = (".js", ".mjs", ".ts")
MAX_EXPORTS = 500
EXPORTED_OBJECT_CHARS = 65_536  # one author's object, or all of them in one
EXPORTED_OBJECT = re.compile(
    r"^export[ \t]+(?:const|let|var)[ \t]+([A-Za-z_$][\w$]*)[ \t]*(?::[^=\n]+)?=[ \t]*(?=\{)", re.MULTILINE
)
# Astro's Starlight blog plugin: the `authors` map of its options, in the site's Astro config.
SITE_CONFIGS = ("astro.config.mjs", "astro.config.ts", "astro.config.js", "astro.config.mts")
CONFIG_AUTHORS = re.compile(r"\bauthors\s*:\s*(?=\{)")
MAX_CONFIG_MAPS = 50  # `authors:` maps tried in one config: a program has few
# A site's data folder: Jekyll's `_data`, Hugo's and Middleman's `data`; an `authors` file in
# it (Hugo's may be TOML), or an `authors` folder of one file a person named by its key.
DATA_FOLDERS = ("_data", "data")
DATA_SUFFIXES = (".yml", ".yaml", ".json", ".toml")
# Docusaurus's tags file (since 3.5): each key a tag its posts name, with the label the site shows
# (`dotnet: {label: .NET, permalink: /dotnet}`), in the blog's folder (a locale's folder too).
TAGS_FILES = ("tags.yml", "tags.yaml")
OBSIDIAN_SETTINGS = ("app.json", "workspace.json")  # files Obsidian writes in a vault's `.obsidian`
SIDECAR_SUFFIX = ".meta"
DETACHED_SUFFIXES = (".fm.yaml", ".fm.yml")  # Jekyll's detached front matter: `post.md.fm.yaml`
LEVELS_ABOVE_A_LONE_FILE = 3  # MkDocs Material: blog/.authors.yml over blog/posts/YYYY/MM/
# Nikola's positional two-file format: one value a line, in this order.
SIDECAR_FIELDS = ("title", "slug", "date", "tags", "link", "description", "type")

Reader = Callable[[str], bytes | None]
AUTHOR_KEY_FILE = re.compile(r"[\w-][\w.-]*")  # a key that can name a file: no '/', no '..' start


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
        """For a file read on its own: its folder and the three above it, or, in an Astro
        project's content folder (`src/content/`, where Starlight's blog sits four folders
        under the project's config), up to the folder holding `src`."""
        absolute = Path(os.path.abspath(path))  # '../post.md' too; links are not followed
        root = absolute.parent
        for _ in range(LEVELS_ABOVE_A_LONE_FILE):
            if root.parent == root:
                break
            root = root.parent
        project = _astro_project(absolute)
        if project is not None and root.is_relative_to(project) and root != project:
            root = project
        review = PurePosixPath(absolute.relative_to(root).as_posix())
        return cls(root, review, _disk_reader(root, max_bytes))

    def folders(self) -> list[PurePosixPath]:
        """The review's folder, then each folder above it up to the root."""
        return [self.review.parent, *self.review.parent.parents]

    def people(self, keys: tuple[str, ...] = ()) -> dict[str, str]:
        """Author keys and the names they stand for, from the nearest authors file (beside the
        review or in a site data folder above it), or from the data folder's one-person files
        of the `keys` asked for; {} without any."""
        for folder in self.folders():
            for name in self._people_files(folder):
                relative = name.as_posix()
                data = self.read(relative)
                if data is None:
                    continue
                found = _people(data, self.root / relative)
                if found or name.name not in SITE_CONFIGS:  # a config names authors only if it has them
                    return found
            if found := self._one_person_files(folder, keys):
                return found
        return {}

    def tag_labels(self) -> dict[str, str]:
        """Tag keys and the labels the nearest Docusaurus tags file (beside the review or in a
        folder above it) gives them; {} without one."""
        for folder in self.folders():
            for name in TAGS_FILES:
                relative = (folder / name).as_posix()
                data = self.read(relative)
                if data is not None:
                    return _tag_labels(data, self.root / relative)
        return {}

    def in_obsidian_vault(self) -> bool:
        """Whether the review lies in an Obsidian vault: a folder above it (or its own) holds
        the vault's `.obsidian` settings folder (its `app.json` or `workspace.json`)."""
        return any(
            self.read((folder / ".obsidian" / name).as_posix()) is not None
            for folder in self.folders()
            for name in OBSIDIAN_SETTINGS
        )

    def _people_files(self, folder: PurePosixPath) -> list[PurePosixPath]:
        beside = [folder / name for name in (*PEOPLE_FILES, *PEOPLE_MODULES, *SITE_CONFIGS)]
        in_data = [folder / data / f"authors{suffix}" for data in DATA_FOLDERS for suffix in DATA_SUFFIXES]
        return [*beside, *in_data]

    def _one_person_files(self, folder: PurePosixPath, keys: tuple[str, ...]) -> dict[str, str]:
        """`data/authors/<key>.yaml` (Hugo) or `_data/authors/<key>.yml`: the entry of one person."""
        found: dict[str, str] = {}
        for key in keys:
            for data, suffix in ((data, suffix) for data in DATA_FOLDERS for suffix in DATA_SUFFIXES):
                relative = (folder / data / "authors" / f"{key}{suffix}").as_posix()
                content = self.read(relative) if AUTHOR_KEY_FILE.fullmatch(key) else None
                if content is not None:
                    entry = _loaded(content, self.root / relative)
                    if isinstance(entry, dict) and (name := person_names(entry)):
                        found[key] = name
                    break
        return found

    def sidecar(self) -> dict[str, Any]:
        """A Nikola `.meta` file of the review's name: its fields, or {} without one."""
        name = self.review.with_suffix(SIDECAR_SUFFIX)
        if name == self.review:
            return {}
        data = self.read(name.as_posix())
        if data is None:
            return {}
        return sidecar_fields(_text(data, self.root / name.as_posix()))

    def detached_front_matter(self) -> dict[str, Any]:
        """The fields of a `<file name>.fm.yaml` file beside the review, or {} without one (or
        when it holds no mapping)."""
        for suffix in DETACHED_SUFFIXES:
            name = self.review.with_name(self.review.name + suffix)
            if (data := self.read(name.as_posix())) is None:
                continue
            try:
                loaded = yaml.safe_load(_text(data, self.root / name.as_posix()))
            except yaml.YAMLError:
                return {}
            return {str(key): value for key, value in loaded.items()} if isinstance(loaded, dict) else {}
        return {}


def _astro_project(path: Path) -> Path | None:
    """The folder holding `src` when `path` lies in an Astro project's `src/content/` (the
    nearest such), where its `astro.config.*` is; None elsewhere."""
    for folder in path.parents:
        if folder.name == "content" and folder.parent.name == "src":
            return folder.parent.parent
    return None


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
    """An authors file: `key: {name: ...}` (Docusaurus, a site's data folder), under `authors:`
    (MkDocs Material)."""
    loaded = _config_authors(_text(data, path)) if path.name in SITE_CONFIGS else _loaded(data, path)
    if isinstance(loaded, dict) and isinstance(loaded.get("authors"), dict):
        loaded = loaded["authors"]
    if not isinstance(loaded, dict):
        return {}
    people = {str(key): person_names(entry) for key, entry in loaded.items() if isinstance(entry, dict)}
    return {key: name for key, name in people.items() if name}


def _tag_labels(data: bytes, path: Path) -> dict[str, str]:
    """A tags file's keys and labels: `key: {label: ...}`. A key with no label keeps its name
    (as Docusaurus shows it), and a file of another shape (no entry with a label) gives none."""
    loaded = _loaded(data, path, "tags file")
    if not isinstance(loaded, dict):
        return {}
    labels = {str(key): entry.get("label") for key, entry in loaded.items() if isinstance(entry, dict)}
    return {key: label for key, raw in labels.items() if isinstance(raw, str) and (label := one_line(raw))}


def _loaded(data: bytes, path: Path, what: str = "authors file") -> Any:
    """An authors (or tags) file's data, YAML, JSON or TOML by its suffix; a one-line error
    naming the file (and line) where it cannot be read."""
    text = _text(data, path)
    if path.suffix in MODULE_SUFFIXES:
        return _exported_objects(text)
    kind = {".json": "JSON", ".toml": "TOML"}.get(path.suffix, "YAML")
    try:
        if kind == "TOML":
            return tomllib.loads(text)
        return json.loads(text) if kind == "JSON" else yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        message = f"the {what} is not valid JSON ({exc.msg}): fix it"
        raise ContentError(message, path, exc.lineno) from None
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"the {what} is not valid TOML ({exc}): fix it", path) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "cannot be read"
        line = mark.line + 1 if mark is not None else None
        raise ContentError(f"the {what} is not valid {kind} ({problem}): fix it", path, line) from None


def _exported_objects(text: str) -> dict[str, Any]:
    """The objects a JavaScript module exports by name, as far as they are literals; a module
    is a program, so an export that is no literal is passed over rather than refused."""
    from digest.sources.literals import NotALiteral, plain, read_literal

    found: dict[str, Any] = {}
    for number, match in enumerate(EXPORTED_OBJECT.finditer(text)):
        if number >= MAX_EXPORTS:  # a module of more is no site's authors list: the rest passed over
            break
        try:
            value, _ = read_literal(text, match.end(), EXPORTED_OBJECT_CHARS)
        except NotALiteral:
            continue
        found[match.group(1)] = plain(value)
    return found


def _config_authors(text: str) -> dict[str, Any]:
    """The first `authors: {...}` map of a site's Astro config whose entries name people, as far
    as it is literals; {} without one. The config is a program: nothing else of it is read."""
    from digest.sources.literals import NotALiteral, plain, read_literal

    for number, match in enumerate(CONFIG_AUTHORS.finditer(text)):
        if number >= MAX_CONFIG_MAPS:
            break
        try:
            value, _ = read_literal(text, match.end(), EXPORTED_OBJECT_CHARS)
        except NotALiteral:
            continue
        authors = plain(value)
        if isinstance(authors, dict) and any(
            isinstance(entry, dict) and person_names(entry) for entry in authors.values()
        ):
            return authors
    return {}


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
