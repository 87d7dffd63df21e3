"""Read an issue folder (`issues/<id>/issue.md` and its reviews) into an `Issue`.

Each file of the folder is read once: its bytes are hashed into the issue's cache key
and parsed from the same bytes, so a file saved while the build reads it can never be
cached under the other version's key. Links out of the folder are refused, folder links
are never walked, and nothing is read before its size is known.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from digest.cache import BuildCache, cache_key
from digest.config import Config
from digest.errors import ContentError, DigestError
from digest.files import read_source, sha256_of, walk_files
from digest.model import Issue, IssueSummary, Review
from digest.render.markdown import render_markdown
from digest.sources.reviews import ReviewSettings, clean_text, decode_bytes, parse, parse_date, read_review

ISSUE_FILE = "issue.md"
ISSUE_KEYS = {"title", "date", "subject", "preheader", "reviews", "draft"}
ISSUE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")  # used with fullmatch: the whole name
IGNORED_FILES = {ISSUE_FILE, "README.md", ".DS_Store"}


class IssueInProgress(ContentError):
    """The issue is marked `draft: true` or selects no publishable review yet: other builds
    leave it out with a notice; building it by name reports what it lacks."""


@dataclass(frozen=True)
class LoadedIssue:
    """An issue plus the notices a person should read (drafts skipped, stray files)."""

    issue: Issue
    notices: tuple[str, ...]
    key: str  # changes whenever anything the issue was read from changes


@dataclass(frozen=True)
class LoadedSummary:
    summary: IssueSummary
    notices: tuple[str, ...]
    key: str


@dataclass(frozen=True)
class IssueFiles:
    """An issue folder as read for one build: the bytes of every file small enough to be
    a review or issue.md, and a digest of every file, by name relative to the folder."""

    folder: Path
    texts: dict[str, bytes]
    digests: tuple[tuple[str, str], ...]

    def text_of(self, name: str) -> bytes | None:
        return self.texts.get(name)


def issue_ids(config: Config) -> list[str]:
    """Every issue folder under the issues directory (never a folder link), sorted by name."""
    root = config.issues_path
    try:
        with os.scandir(root) as scan:
            folders = [entry.name for entry in scan if entry.is_dir(follow_symlinks=False)]
    except OSError:
        return []
    return sorted(name for name in folders if os.path.isfile(os.path.join(root, name, ISSUE_FILE)))


def check_issue_id(issue_id: str) -> None:
    if not ISSUE_ID.fullmatch(issue_id):
        raise ContentError(
            f"'{issue_id}' is not an issue id: use up to 100 letters, digits, '-', '_' or '.', "
            "starting with a letter or digit"
        )


def read_issue_files(config: Config, issue_id: str) -> IssueFiles:
    """Every file under the issue's folder, hashed; small ones kept to be parsed."""
    folder = _issue_folder(config, issue_id)
    limit = config.build.max_review_bytes
    texts: dict[str, bytes] = {}
    digests: list[tuple[str, str]] = []
    for found in walk_files(str(folder)):
        if found.size <= limit:
            try:
                data = read_source(found.path, folder, limit)
            except DigestError:
                continue  # replaced while walked (a pipe, a link): reported if it is listed
            texts[found.name] = data
            digests.append((found.name, hashlib.sha256(data).hexdigest()))
        else:  # too large to be a review; hashed in chunks, never held
            digests.append((found.name, _digest_or_empty(found.path)))
    return IssueFiles(folder, texts, tuple(digests))


def _digest_or_empty(path: str) -> str:
    try:
        return sha256_of(path)
    except OSError:
        return ""


def issue_key(config: Config, files: IssueFiles, include_drafts: bool) -> str:
    parts = [part for name, digest in files.digests for part in (name, digest)]
    settings = repr(review_settings(config))
    return cache_key("issue", str(files.folder), str(include_drafts), settings, *parts)


def summary_key(key: str) -> str:
    return cache_key("issue-summary", key)


def load_issue(
    config: Config, issue_id: str, *, include_drafts: bool = False, cache: BuildCache | None = None
) -> LoadedIssue:
    """The whole issue, from the cache while none of its files changed."""
    files = read_issue_files(config, issue_id)
    key = issue_key(config, files, include_drafts)
    if cache is not None:
        cached = cache.get(key)
        if isinstance(cached, LoadedIssue):
            return cached
    loaded = parse_issue(config, issue_id, files, include_drafts, key)
    if cache is not None:
        cache.put(key, loaded)
        if not include_drafts:
            cache.put(summary_key(key), summarise(loaded))
    return loaded


def load_summary(config: Config, issue_id: str, cache: BuildCache | None) -> LoadedSummary:
    """An issue's summary (published reviews only), from the cache while none of its files changed."""
    files = read_issue_files(config, issue_id)
    key = issue_key(config, files, False)
    if cache is not None:
        cached = cache.get(summary_key(key))
        if isinstance(cached, LoadedSummary):
            return cached
    loaded = parse_issue(config, issue_id, files, False, key)
    if cache is not None:
        cache.put(key, loaded)
        cache.put(summary_key(key), summarise(loaded))
    return summarise(loaded)


def summarise(loaded: LoadedIssue) -> LoadedSummary:
    return LoadedSummary(loaded.issue.summary(), loaded.notices, loaded.key)


def review_settings(config: Config) -> ReviewSettings:
    build = config.build
    return ReviewSettings(
        build.words_per_minute, build.excerpt_words, build.max_review_bytes, config.site.language
    )


def _issue_folder(config: Config, issue_id: str) -> Path:
    check_issue_id(issue_id)
    folder = config.issues_path / issue_id
    if folder.is_symlink() or not (folder / ISSUE_FILE).is_file():
        known = issue_ids(config)
        close = difflib.get_close_matches(issue_id, known, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise ContentError(
            f"no issue '{issue_id}' (expected {folder / ISSUE_FILE}); {hint}"
            f"known issues: {', '.join(known) or 'none yet'}",
            folder,
        )
    return folder


def parse_issue(
    config: Config, issue_id: str, files: IssueFiles, include_drafts: bool, key: str
) -> LoadedIssue:
    """The issue read from the bytes in `files`."""
    folder = files.folder
    path = folder / ISSUE_FILE
    text = _issue_text(files, path)
    meta, intro = _read_issue_file(text, path, _unlisted(files, []))
    issue_date = parse_date(meta["date"], path, _line_of(text, "date:"))
    settings = review_settings(config)
    notices: list[str] = []
    selected, drafts = _read_selection(
        files, path, text, meta["reviews"], settings, issue_date, include_drafts
    )
    notices.extend(f"{review.path}: draft, left out (build with --drafts to include it)" for review in drafts)
    notices.extend(f"{review.path}: {guess}" for review in selected for guess in review.guesses)
    notices.extend(_stray_files(files, meta["reviews"]))
    if not selected:
        raise IssueInProgress(
            "no reviews left to publish (all are drafts): mark one ready or build with --drafts", path
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
    return LoadedIssue(issue, tuple(notices), key)


def _issue_text(files: IssueFiles, path: Path) -> str:
    data = files.text_of(ISSUE_FILE)
    if data is None:
        raise ContentError("cannot be read as an issue file (too large, or not a regular file)", path)
    return decode_bytes(data, path)


def _read_issue_file(text: str, path: Path, candidates: list[str]) -> tuple[dict[str, Any], str]:
    """The issue's front matter, checked, and its introduction."""
    parsed = parse(text, path)
    if parsed.format != "yaml-front-matter":
        raise ContentError("issue.md must start with YAML front matter ('---' lines)", path, 1)
    meta = parsed.meta
    unknown = sorted(set(meta) - ISSUE_KEYS)
    if unknown:
        raise ContentError(
            f"unknown key '{unknown[0]}' in the front matter: the keys are {', '.join(sorted(ISSUE_KEYS))}",
            path,
            _line_of(text, f"{unknown[0]}:"),
        )
    for key in ("title", "date"):
        if not meta.get(key):
            raise ContentError(f"the front matter needs '{key}:'", path, _line_of(text, f"{key}:"))
    if meta.get("draft") is True:
        raise IssueInProgress("the issue is marked 'draft: true': remove that line to publish it", path)
    reviews = meta.get("reviews")
    if reviews is None or reviews == []:
        found = f" (files here: {', '.join(candidates[:5])}{', ...' if len(candidates) > 5 else ''})"
        raise IssueInProgress(
            "no reviews selected yet: list review files under 'reviews:'"
            + (found if candidates else "")
            + f", or add one with `digest import FILE --issue {path.parent.name}`",
            path,
            _line_of(text, "reviews:"),
        )
    if not isinstance(reviews, list) or not all(isinstance(r, str) for r in reviews):
        raise ContentError(
            "'reviews:' must be a list of file names, one '- name.md' line each",
            path,
            _line_of(text, "reviews:"),
        )
    return meta, parsed.body.strip() + "\n"


def _read_selection(
    files: IssueFiles,
    issue_path: Path,
    issue_text: str,
    names: list[str],
    settings: ReviewSettings,
    issue_date: datetime,
    include_drafts: bool,
) -> tuple[list[Review], list[Review]]:
    selected: list[Review] = []
    drafts: list[Review] = []
    for name in names:
        review = _read_listed(files, issue_path, issue_text, name, settings)
        if review.date is None:
            review = dataclasses.replace(review, date=issue_date)
        (drafts if review.draft and not include_drafts else selected).append(review)
    return selected, drafts


def _read_listed(
    files: IssueFiles, issue_path: Path, issue_text: str, name: str, settings: ReviewSettings
) -> Review:
    path = files.folder / name
    relative = Path(name)
    if relative.is_absolute() or ".." in relative.parts or not name.strip():
        raise ContentError(
            f"review '{name}' must be a file name inside the issue folder (no '..', no absolute path)",
            issue_path,
            _line_of(issue_text, name),
        )
    data = files.text_of(relative.as_posix())
    if data is None:
        # Read directly: the error then says why (a link out, a folder, too large, missing).
        try:
            data = read_source(path, files.folder, settings.max_bytes, "review", "[build] max_review_bytes")
        except ContentError as error:
            if not os.path.lexists(path):
                raise _not_found(files, issue_path, issue_text, name) from None
            raise ContentError(error.problem, path, _line_of(issue_text, name)) from None
    return read_review(path, settings, data)


def _not_found(files: IssueFiles, issue_path: Path, issue_text: str, name: str) -> ContentError:
    close = difflib.get_close_matches(name, _unlisted(files, []), n=1, cutoff=0.75)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return ContentError(
        f"review '{name}' is listed but not found in {files.folder}: {hint}fix the name or add the file",
        issue_path,
        _line_of(issue_text, name),
    )


def _stray_files(files: IssueFiles, listed: list[str]) -> list[str]:
    return [
        f"{files.folder / name}: not listed in issue.md, left out (add it under 'reviews:' to publish it)"
        for name in _unlisted(files, listed)
    ]


def _unlisted(files: IssueFiles, listed: list[str]) -> list[str]:
    """The files beside issue.md that could be reviews but are not listed."""
    known = {*IGNORED_FILES, *(Path(name).as_posix() for name in listed)}
    return [
        name
        for name, _ in files.digests
        if "/" not in name and name not in known and not name.startswith(".")
    ]


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


def _line_of(text: str, needle: str) -> int | None:
    """The first line holding `needle` outside comments, for error messages."""
    for number, line in enumerate(text.split("\n"), start=1):
        if needle in line and not line.lstrip().startswith("#"):
            return number
    return None
