"""Stage 2b: read an issue folder (`issues/<id>/issue.md` and its reviews) into an `Issue`."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from digest.cache import BuildCache, cache_key
from digest.config import Config
from digest.errors import ContentError, DigestError
from digest.markdown import render_markdown
from digest.model import Issue, Review
from digest.reviews import ReviewSettings, clean_text, decode, parse, parse_date, read_review

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
    key = _issue_key(config, issue_id, include_drafts, cache)
    return _load_cached(config, issue_id, include_drafts, cache, key)


def load_issues(config: Config, ids: list[str], cache: BuildCache) -> list[LoadedIssue]:
    """Several issues without their drafts, each served whole from the cache while its files
    are unchanged; the reviews of the others are parsed on every core first."""
    keys = {each: _issue_key(config, each, False, cache) for each in ids}
    changed = [each for each, key in keys.items() if key is None or not cache.has(key)]
    prefetch_reviews(config, changed, cache)
    return [_load_cached(config, each, False, cache, keys[each]) for each in ids]


def _load_cached(
    config: Config, issue_id: str, include_drafts: bool, cache: BuildCache | None, key: str | None
) -> LoadedIssue:
    if cache is None or key is None:
        return _load_issue(config, issue_id, include_drafts, cache, None)
    return cache.get_or_compute(key, lambda: _load_issue(config, issue_id, include_drafts, cache, key))


def _issue_key(config: Config, issue_id: str, include_drafts: bool, cache: BuildCache | None) -> str | None:
    """A key over everything an issue is read from: every file under its folder (names and
    bytes; reviews are listed by paths inside it) and the reading settings. None where the
    folder cannot be read: the uncached load then reports the problem."""
    if cache is None or not ISSUE_ID.match(issue_id):
        return None
    folder = config.issues_path / issue_id
    try:
        files = _files_under(folder)
        parts = [part for path in files for part in (str(path.relative_to(folder)), path.read_bytes())]
    except OSError:
        return None
    settings = repr(_review_settings(config))
    return cache_key("issue", str(folder), str(include_drafts), settings, *parts)


def _files_under(folder: Path, seen: set[tuple[int, int]] | None = None) -> list[Path]:
    """Every file below `folder`, sorted by path; linked folders are followed once."""
    seen = set() if seen is None else seen
    stat = folder.stat()
    if (stat.st_dev, stat.st_ino) in seen:
        return []
    seen.add((stat.st_dev, stat.st_ino))
    found: list[Path] = []
    for entry in sorted(os.scandir(folder), key=lambda entry: entry.name):
        if entry.is_dir():
            found.extend(_files_under(Path(entry.path), seen))
        elif entry.is_file():
            found.append(Path(entry.path))
    return found


def _load_issue(
    config: Config, issue_id: str, include_drafts: bool, cache: BuildCache | None, fingerprint: str | None
) -> LoadedIssue:
    folder = _issue_folder(config, issue_id)
    path = folder / ISSUE_FILE
    meta, intro = _read_issue_file(path, cache)
    issue_date = parse_date(meta["date"], path, _line_of_key(path, "date"))
    settings = _review_settings(config)
    notices: list[str] = []
    reader = _cached_reader(cache, settings)
    selected, drafts = _read_selection(path, meta["reviews"], reader, issue_date, include_drafts, notices)
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
        intro_html=_intro_html(intro, cache),
        reviews=tuple(selected),
        drafts=tuple(drafts),
    )
    if fingerprint is None:
        fingerprint = hashlib.sha256(pickle.dumps(issue, protocol=pickle.HIGHEST_PROTOCOL)).hexdigest()
    return LoadedIssue(issue, tuple(notices), fingerprint)


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


def _read_issue_file(path: Path, cache: BuildCache | None = None) -> tuple[dict[str, Any], str]:
    """The issue's front matter, checked, and its introduction; parsed once per content."""
    if cache is None:
        return _parse_issue_file(path)
    try:
        key = cache_key("issue-file", str(path), path.read_bytes())
    except OSError:
        return _parse_issue_file(path)  # raises the error a person can act on
    return cache.get_or_compute(key, lambda: _parse_issue_file(path))


def _parse_issue_file(path: Path) -> tuple[dict[str, Any], str]:
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
    reader: Callable[[Path], Review],
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
        review = reader(path)
        if review.date is None:
            review = dataclasses.replace(review, date=issue_date)
        if review.draft and not include_drafts:
            drafts.append(review)
            notices.append(f"{path}: draft, left out (build with --drafts to include it)")
        else:
            selected.append(review)
    return selected, drafts


PARALLEL_FROM = 24  # reviews to parse before a second process pays for itself


def prefetch_reviews(config: Config, ids: list[str], cache: BuildCache) -> None:
    """Parse the reviews missing from the cache on every core, so a cold build of a large
    archive is not bound to one. Failures are left for the ordinary load to report."""
    settings = _review_settings(config)
    missing: dict[str, Path] = {}
    for issue_id in ids:
        for path in _listed_paths(config, issue_id, cache):
            try:
                key = cache_key("review", str(path), path.read_bytes(), repr(settings))
            except OSError:
                continue
            if not cache.has(key):
                missing[key] = path
    workers = min(os.cpu_count() or 1, 4)
    if len(missing) < PARALLEL_FROM or workers < 2:
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        reviews = pool.map(_read_or_none, missing.values(), [settings] * len(missing), chunksize=8)
        for key, review in zip(missing, reviews, strict=True):
            if review is not None:
                cache.put(key, review)


def _listed_paths(config: Config, issue_id: str, cache: BuildCache) -> list[Path]:
    folder = config.issues_path / issue_id
    try:
        meta, _ = _read_issue_file(folder / ISSUE_FILE, cache)
    except ContentError:
        return []
    return [folder / name for name in meta["reviews"] if ".." not in Path(name).parts]


def _read_or_none(path: Path, settings: ReviewSettings) -> Review | None:
    try:
        return read_review(path, settings)
    except DigestError:
        return None


def _intro_html(intro: str, cache: BuildCache | None) -> str:
    if cache is None:
        return render_markdown(intro).html
    return cache.get_or_compute(cache_key("intro", intro), lambda: render_markdown(intro).html)


def _cached_reader(cache: BuildCache | None, settings: ReviewSettings) -> Callable[[Path], Review]:
    """read_review, served from the build cache when the file's bytes have been read before."""

    def read(path: Path) -> Review:
        if cache is None:
            return read_review(path, settings)
        try:
            data = path.read_bytes()
        except OSError:
            return read_review(path, settings)  # raises the error a person can act on
        key = cache_key("review", str(path), data, repr(settings))
        return cache.get_or_compute(key, lambda: read_review(path, settings))

    return read


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
