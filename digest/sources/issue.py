"""Stage 2b: read an issue folder (`issues/<id>/issue.md` and its reviews) into an `Issue`."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import re
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from digest.cache import BuildCache, cache_key, file_sha256
from digest.config import Config
from digest.errors import ContentError, DigestError
from digest.model import Issue, Review, is_metadata_only, metadata_only
from digest.render.markdown import render_markdown
from digest.sources.reviews import ReviewSettings, clean_text, decode, parse, parse_date, read_review

ISSUE_FILE = "issue.md"
ISSUE_KEYS = {"title", "date", "subject", "preheader", "reviews"}
ISSUE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
IGNORED_FILES = {ISSUE_FILE, "README.md", ".DS_Store"}


@dataclass(frozen=True)
class LoadedIssue:
    """An issue plus the notices a person should read (drafts skipped, stray files)."""

    issue: Issue
    notices: tuple[str, ...]
    fingerprint: str  # changes whenever anything the issue was read from changes


def issue_ids(config: Config) -> list[str]:
    """Every issue folder under the issues directory, sorted by name."""
    root = config.issues_path
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / ISSUE_FILE).is_file())


def load_issue(
    config: Config, issue_id: str, *, include_drafts: bool = False, cache: BuildCache | None = None
) -> LoadedIssue:
    key = _issue_key(config, issue_id, include_drafts, cache) if cache is not None else None
    return _load_cached(config, issue_id, include_drafts, cache, key)


def load_issues(
    config: Config, ids: list[str], cache: BuildCache, *, whole: bool = True
) -> list[LoadedIssue]:
    """Several issues without their drafts, each served from the cache while its files are
    unchanged; the others are read on every core first. With `whole=False` the issues
    come without their reviews' bodies, HTML and outlines (model.metadata_only), which
    are most of an issue's size: whole_issue() gives one back in full."""
    keys = {each: _issue_key(config, each, False, cache) for each in ids}
    missing = {
        each: key
        for each, key in keys.items()
        if key is not None and not cache.has(key) and (whole or not cache.has(_metadata_key(key)))
    }
    _read_in_parallel(config, missing, cache)
    if whole:
        return [_load_cached(config, each, False, cache, keys[each]) for each in ids]
    return [_load_metadata(config, each, cache, keys[each]) for each in ids]


def whole_issue(config: Config, loaded: LoadedIssue, cache: BuildCache | None) -> Issue:
    """The issue with everything, for one loaded by its metadata only."""
    if not is_metadata_only(loaded.issue):
        return loaded.issue
    whole = cache.get(loaded.fingerprint) if cache is not None else None
    if isinstance(whole, LoadedIssue):
        return whole.issue
    return load_issue(config, loaded.issue.id, cache=cache).issue


def _metadata_key(key: str) -> str:
    return cache_key("issue-metadata", key)


def _load_metadata(config: Config, issue_id: str, cache: BuildCache, key: str | None) -> LoadedIssue:
    if key is not None:
        cached = cache.get(_metadata_key(key))
        if isinstance(cached, LoadedIssue):
            return cached
    loaded = _load_cached(config, issue_id, False, cache, key)
    light = dataclasses.replace(loaded, issue=metadata_only(loaded.issue))
    if key is not None and loaded.fingerprint == key:  # not when its files changed while read
        cache.put(_metadata_key(key), light)
    return light


def _load_cached(
    config: Config, issue_id: str, include_drafts: bool, cache: BuildCache | None, key: str | None
) -> LoadedIssue:
    if cache is None or key is None:
        return _load_issue(config, issue_id, include_drafts, None)
    cached = cache.get(key)
    if isinstance(cached, LoadedIssue):
        return cached
    loaded = _load_issue(config, issue_id, include_drafts, key)
    if _issue_key(config, issue_id, include_drafts, cache) != key:
        # Edited while it was read: the files no longer match the key, so store nothing
        # and fingerprint the issue by what was read.
        return dataclasses.replace(loaded, fingerprint=_print_of(loaded.issue))
    cache.put(key, loaded)
    return loaded


def _issue_key(
    config: Config, issue_id: str, include_drafts: bool, cache: BuildCache | None = None
) -> str | None:
    """A key over everything an issue is read from: every file under its folder (names and
    the digests of their bytes; reviews are listed by paths inside it) and the reading
    settings. None where the folder cannot be read: the uncached load then reports the
    problem. With a cache, files unchanged since they were last hashed are not read."""
    if not ISSUE_ID.match(issue_id):
        return None
    folder = config.issues_path / issue_id
    digest = cache.file_digest if cache is not None else file_sha256
    try:
        parts = [part for name, path in _files_under(str(folder)) for part in (name, digest(path))]
    except OSError:
        return None
    settings = repr(_review_settings(config))
    return cache_key("issue", str(folder), str(include_drafts), settings, *parts)


def _files_under(
    folder: str, prefix: str = "", seen: set[tuple[int, int]] | None = None
) -> list[tuple[str, str]]:
    """Every file below `folder` as (relative name, path), sorted; linked folders are followed once.

    Plain strings, not Path objects: this runs for every file of every issue on every build.
    """
    seen = set() if seen is None else seen
    stat = os.stat(folder)
    if (stat.st_dev, stat.st_ino) in seen:
        return []
    seen.add((stat.st_dev, stat.st_ino))
    found: list[tuple[str, str]] = []
    for entry in sorted(os.scandir(folder), key=lambda entry: entry.name):
        if entry.is_dir():
            found.extend(_files_under(entry.path, f"{prefix}{entry.name}/", seen))
        elif entry.is_file():
            found.append((f"{prefix}{entry.name}", entry.path))
    return found


def _load_issue(config: Config, issue_id: str, include_drafts: bool, fingerprint: str | None) -> LoadedIssue:
    folder = _issue_folder(config, issue_id)
    path = folder / ISSUE_FILE
    meta, intro = _read_issue_file(path)
    issue_date = parse_date(meta["date"], path, _line_of_key(path, "date"))
    settings = _review_settings(config)
    notices: list[str] = []
    selected, drafts = _read_selection(path, meta["reviews"], settings, issue_date, include_drafts, notices)
    notices.extend(_stray_files(folder, meta["reviews"], drafts))
    if not selected:
        raise ContentError(
            "no reviews left to publish (all are drafts or none are listed): "
            "list reviews under 'reviews:' or build with --drafts",
            path,
        )
    _check_unique_slugs(selected)
    issue = Issue(
        id=issue_id,
        path=folder,
        title=_one_line(meta["title"]),
        date=issue_date,
        subject=_one_line(meta.get("subject") or meta["title"]),
        preheader=_one_line(meta.get("preheader") or ""),
        intro=intro,
        intro_html=render_markdown(intro).html,
        reviews=tuple(selected),
        drafts=tuple(drafts),
    )
    return LoadedIssue(issue, tuple(notices), fingerprint or _print_of(issue))


def _print_of(issue: Issue) -> str:
    return hashlib.sha256(pickle.dumps(issue, protocol=pickle.HIGHEST_PROTOCOL)).hexdigest()


def _review_settings(config: Config) -> ReviewSettings:
    build = config.build
    return ReviewSettings(build.words_per_minute, build.excerpt_words, build.max_review_bytes)


def _issue_folder(config: Config, issue_id: str) -> Path:
    if not ISSUE_ID.match(issue_id):
        raise ContentError(f"'{issue_id}' is not an issue id: use letters, digits, '-', '_' or '.'")
    folder = config.issues_path / issue_id
    if not (folder / ISSUE_FILE).is_file():
        known = ", ".join(issue_ids(config)) or "none yet"
        raise ContentError(
            f"no issue '{issue_id}' (expected {folder / ISSUE_FILE}); known issues: {known}", folder
        )
    return folder


def _read_issue_file(path: Path) -> tuple[dict[str, Any], str]:
    """The issue's front matter, checked, and its introduction."""
    parsed = parse(decode(path), path)
    if parsed.format != "yaml-front-matter":
        raise ContentError("issue.md must start with YAML front matter ('---' lines)", path, 1)
    meta = parsed.meta
    unknown = sorted(set(meta) - ISSUE_KEYS)
    if unknown:
        raise ContentError(
            f"unknown key '{unknown[0]}' in the front matter: the keys are {', '.join(sorted(ISSUE_KEYS))}",
            path,
            _line_of_key(path, unknown[0]),
        )
    for key in ("title", "date", "reviews"):
        if not meta.get(key):
            raise ContentError(f"the front matter needs '{key}:'", path, 2)
    if not isinstance(meta["reviews"], list) or not all(isinstance(r, str) for r in meta["reviews"]):
        raise ContentError(
            "'reviews:' must be a list of file names, one '- name.md' line each",
            path,
            _line_of_key(path, "reviews"),
        )
    return meta, parsed.body.strip() + "\n"


def _read_selection(
    issue_path: Path,
    names: list[str],
    settings: ReviewSettings,
    issue_date: datetime,
    include_drafts: bool,
    notices: list[str],
) -> tuple[list[Review], list[Review]]:
    selected: list[Review] = []
    drafts: list[Review] = []
    for name in names:
        path = issue_path.parent / name
        if not path.is_file() or Path(name).is_absolute() or ".." in Path(name).parts:
            raise ContentError(
                f"review '{name}' is listed but not found in {issue_path.parent}: "
                "fix the name or add the file",
                issue_path,
                _line_of_text(issue_path, name),
            )
        review = read_review(path, settings)
        if review.date is None:
            review = dataclasses.replace(review, date=issue_date)
        if review.draft and not include_drafts:
            drafts.append(review)
            notices.append(f"{path}: draft, left out (build with --drafts to include it)")
        else:
            selected.append(review)
    return selected, drafts


PARALLEL_FROM = 3  # issues to read before a second process pays for itself


def _read_in_parallel(config: Config, keys: dict[str, str], cache: BuildCache) -> None:
    """Read the issues missing from the cache ({id: key}) on every core, so a cold build of
    a large archive is not bound to one. Anything that goes wrong here is left for the
    ordinary load, one issue at a time, to do again and report."""
    workers = min(os.cpu_count() or 1, 4)
    # Forking beside other threads (the preview server's) can deadlock the children.
    if len(keys) < PARALLEL_FROM or workers < 2 or threading.active_count() > 1:
        return
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    count = len(keys)
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = pool.map(_pickled_issue, [config] * count, list(keys), list(keys.values()), chunksize=2)
            for entries in results:
                for key, pickled in entries:
                    cache.put_pickled(key, pickled)
    except (BrokenProcessPool, OSError):
        return


def _pickled_issue(config: Config, issue_id: str, key: str) -> list[tuple[str, bytes]]:
    """An issue as the cache stores it, whole and by its metadata: pickled once, in the
    worker, not again on arrival. Nothing when it cannot be read, or its files changed
    while they were."""
    try:
        loaded = _load_issue(config, issue_id, False, key)
    except DigestError:
        return []
    if _issue_key(config, issue_id, False) != key:
        return []
    light = dataclasses.replace(loaded, issue=metadata_only(loaded.issue))
    return [
        (key, pickle.dumps(loaded, protocol=pickle.HIGHEST_PROTOCOL)),
        (_metadata_key(key), pickle.dumps(light, protocol=pickle.HIGHEST_PROTOCOL)),
    ]


def _stray_files(folder: Path, listed: list[str], drafts: list[Review]) -> list[str]:
    draft_names = {review.path.name for review in drafts}
    known = {*IGNORED_FILES, *listed, *draft_names}
    strays = []
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.name not in known and not path.name.startswith("."):
            strays.append(f"{path}: not listed in issue.md, left out (add it under 'reviews:' to publish it)")
    return strays


def _check_unique_slugs(reviews: list[Review]) -> None:
    seen: dict[str, Review] = {}
    for review in reviews:
        if review.slug in seen:
            raise ContentError(
                f"the review's page name '{review.slug}' is the same as {seen[review.slug].path.name}'s: "
                "give one of them a different title or a 'slug:' key",
                review.path,
            )
        seen[review.slug] = review


def _one_line(value: Any) -> str:
    return " ".join(clean_text(str(value)).split())


def _line_of_key(path: Path, key: str) -> int | None:
    return _line_of_text(path, f"{key}:")


def _line_of_text(path: Path, needle: str) -> int | None:
    try:
        lines = path.read_text(encoding="utf-8-sig").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    return next((i + 1 for i, line in enumerate(lines) if needle in line), None)
