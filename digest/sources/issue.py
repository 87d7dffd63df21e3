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
import pickle
import re
import stat
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from html import escape, unescape
from pathlib import Path, PurePosixPath
from typing import Any

from digest.cache import BuildCache, cache_key
from digest.config import Config
from digest.errors import ContentError, DigestError, printable, quoted, shortened
from digest.files import (
    UNREADABLE,
    FoundFile,
    MissingFile,
    PassedOver,
    ReplacedFile,
    changed_while_read,
    inside,
    read_found,
    read_source,
    sha256_of,
    walk,
)
from digest.model import Issue, IssueSection, IssueSummary, Item, LinkItem, Review
from digest.render.html import rewrite_html
from digest.render.language import theme_words
from digest.render.markdown import HEADING_ID_MARK, heading_anchor, render_markdown, slugify, unique_anchor
from digest.scratch import is_scratch
from digest.sources.assets import BINARY_SUFFIXES, WINDOWS_DEVICES, names_used, unused_file_notice
from digest.sources.attributes import without_heading_attributes
from digest.sources.dates import day_first_for, read_date
from digest.sources.issue_file import (
    IssueFile,
    IssueInProgress,
    key_line,
    line_of,
    listed_line,
    one_line,
    read_issue_file,
)
from digest.sources.pasted import removed_links
from digest.sources.reviewlinks import link_review_files, review_pages
from digest.sources.reviews import (
    NotText,
    ReviewSettings,
    curly_quoted_values,
    decode_bytes,
    parse_date,
    read_review,
)
from digest.sources.sitefiles import DETACHED_SUFFIXES, PEOPLE_FILES, SIDECAR_SUFFIX, TAGS_FILES, SiteFiles

ISSUE_FILE = "issue.md"
ISSUE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")  # used with fullmatch: the whole name
IGNORED_FILES = {ISSUE_FILE, "README.md", ".DS_Store"}
# What a build writes at the top of the output folder beside the issues' folders (the
# archive, its years' ARCHIVE_FOLDER and the sitemap in render/web.py, the feeds' *_PATH
# in render/feeds.py, the copied images' ASSETS_FOLDER in render/assets.py): an issue of
# one of these names would need a folder where a file goes. Compared case-blind, as macOS
# and Windows name files.
TOP_LEVEL_OUTPUTS = frozenset(
    {"index.html", "archive", "sitemap.xml", "feed.xml", "rss.xml", "feed.json", "assets"}
)


class UnknownIssue(ContentError):
    """No issue folder of that name: a usage error, like a mistyped command."""

    exit_code = 2


class BadIssueId(ContentError):
    """A name that cannot be an issue id (malformed, or one the build writes itself): a
    usage error when typed on the command line."""

    exit_code = 2


@dataclass(frozen=True)
class LoadedIssue:
    """An issue plus the notices a person should read (drafts skipped, stray files)."""

    issue: Issue
    notices: tuple[str, ...]
    key: str  # changes whenever anything the issue was read from changes
    files: tuple[tuple[str, str], ...]  # (name, digest) of every file it was read from
    passed_over: tuple[str, ...] = ()  # what its folder's walk passed over (IssueFiles')

    @property
    def recorded(self) -> tuple[tuple[str, str], ...]:
        return recorded_files(self.files, self.passed_over)


@dataclass(frozen=True)
class LoadedSummary:
    summary: IssueSummary
    notices: tuple[str, ...]
    key: str
    files: tuple[tuple[str, str], ...]
    passed_over: tuple[str, ...] = ()

    @property
    def recorded(self) -> tuple[tuple[str, str], ...]:
        return recorded_files(self.files, self.passed_over)


@dataclass(frozen=True)
class IssueFiles:
    """An issue folder as read for one build: the bytes of every file small enough to be
    a review or issue.md, and a digest of every file, by name relative to the folder."""

    folder: Path
    texts: dict[str, bytes]
    digests: tuple[tuple[str, str], ...]
    # What the walk passed over (pipes, links out or to nothing, empty folders): a file
    # looked up by name may be one of them, and a build must see it appear.
    passed_over: tuple[str, ...] = ()

    def text_of(self, name: str) -> bytes | None:
        return self.texts.get(name)

    @property
    def recorded(self) -> tuple[tuple[str, str], ...]:
        return recorded_files(self.digests, self.passed_over)

    @cached_property
    def digest_of(self) -> dict[str, str]:
        """Each file's digest by its name (made once, on first use)."""
        return dict(self.digests)


PASSED_OVER = "no file: passed over"


def recorded_files(
    digests: tuple[tuple[str, str], ...], passed_over: tuple[str, ...]
) -> tuple[tuple[str, str], ...]:
    """What a build record holds of an issue folder: each file's digest, and what the walk
    passed over, since a pipe or an empty folder where a name is looked up first changes
    what a build makes."""
    return (*digests, *((name, PASSED_OVER) for name in passed_over))


def issue_ids(config: Config) -> list[str]:
    """Every issue folder under the issues directory (never a folder link), sorted by name."""
    root = config.issues_path
    try:
        with os.scandir(root) as scan:
            folders = [entry.name for entry in scan if entry.is_dir(follow_symlinks=False)]
    except FileNotFoundError:
        return []
    except OSError as exc:  # 'no issues yet' would send the editor to make one
        raise ContentError(
            f"cannot list the issues folder ({exc.strerror}): check its permissions", root
        ) from None
    # Anything named issue.md makes a folder an issue: one that is no file (a pipe, a
    # folder, a broken link) is named when the issue is read, never passed over.
    # Ids that differ only in case are listed: a build refuses them, `digest list` shows why.
    return sorted(name for name in folders if _may_hold_an_issue(root, name))


def _may_hold_an_issue(root: Path, name: str) -> bool:
    """Whether the folder `name` holds an issue.md (or one spelled otherwise); a folder that
    cannot be searched (its permissions) may, and is named when the issue is read: passed
    over, its issue would be left out of the archive without a word."""
    try:
        os.lstat(os.path.join(root, name, ISSUE_FILE))
    except (FileNotFoundError, NotADirectoryError):
        return _issue_file_spelled_otherwise(root, name)
    except OSError:
        return True
    return True


def _issue_file_spelled_otherwise(root: Path, name: str) -> bool:
    """Whether the folder holds 'Issue.md' (or so) and no issue.md: an issue where case is
    ignored (macOS, Windows), so listed everywhere and refused by name when it is read."""
    try:
        names = os.listdir(os.path.join(root, name))
    except OSError:
        return False
    return any(_is_issue_file_otherwise(each) for each in names)


def _is_issue_file_otherwise(name: str) -> bool:
    return name != ISSUE_FILE and unicodedata.normalize("NFC", name).casefold() == ISSUE_FILE


def odd_issue_place(folder: Path) -> ContentError | None:
    """What is wrong with what stands where an issue's folder or its issue.md should be:
    something that is neither what it should be nor absent (a pipe, a device, a broken
    link, a folder for a file or a file for a folder), or None."""
    if os.path.lexists(folder) and not folder.is_dir():
        return ContentError(
            "is not a folder (a file, a pipe or a broken link), so it holds no issue: rename or remove it",
            folder,
        )
    path = folder / ISSUE_FILE
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        pass
    except OSError as exc:
        return ContentError(
            f"cannot look into the issue's folder ({exc.strerror}): check its permissions", folder
        )
    if os.path.lexists(path) and not path.is_file():
        return ContentError(
            f"is not a file (a folder, a pipe, a device or a broken link), so no issue is read from it: "
            f"make {ISSUE_FILE} an ordinary file",
            path,
        )
    if not os.path.lexists(path) and folder.is_dir():
        try:
            _refuse_issue_file_spelled_otherwise(folder, os.listdir(folder))
        except ContentError as error:
            return error
        except OSError:
            pass
    return None


def case_twin(issue_id: str, known: list[str]) -> str | None:
    """Another issue whose id differs from `issue_id` only in case: on macOS and Windows,
    and on many web hosts, the two are one folder and one address."""
    folded = issue_id.casefold()
    return next((other for other in known if other != issue_id and other.casefold() == folded), None)


def as_listed(config: Config, issue_id: str) -> str:
    """The id as the issue's folder spells it: 'Issue-2025' typed for the folder issue-2025
    names that issue, everywhere. On macOS and Windows the typed spelling opened the folder,
    and the build wrote the issue twice (dist/Issue-2025 and dist/issue-2025, one folder
    there) with two entries in the archive; on Linux it was 'no issue'."""
    if not ISSUE_ID.fullmatch(issue_id):
        return issue_id
    known = issue_ids(config)
    if issue_id in known:
        return issue_id
    spelled = [other for other in known if other.casefold() == issue_id.casefold()]
    return spelled[0] if len(spelled) == 1 else issue_id


def case_twin_problem(issue_id: str, twin: str) -> str:
    return (
        f"the issue {quoted(issue_id)} differs from the issue {quoted(twin)} only in case: on macOS "
        f"and Windows, "
        "and on many web hosts, both are the same folder and the same address"
    )


def check_issue_id(issue_id: str, config: Config | None = None) -> None:
    """Refuse an id typed on the command line that cannot name an issue folder."""
    problem = issue_id_problem(issue_id, config)
    if problem is None:
        return
    folder = config.issues_path / issue_id if config is not None and ISSUE_ID.fullmatch(issue_id) else None
    if folder is not None and os.path.lexists(folder):
        raise BadIssueId(f"{problem}: rename the folder", folder)
    # An id typed as a title ('Week 5: trams') has a usable one in it; other refusals do not.
    suggestion = "" if ISSUE_ID.fullmatch(issue_id) else slugify(issue_id, "")
    usable = suggestion and issue_id_problem(suggestion, config) is None
    such_as = f" such as {quoted(suggestion)}" if usable else ""
    raise BadIssueId(f"{problem}: choose another id{such_as}")


def issue_id_problem(issue_id: str, config: Config | None = None) -> str | None:
    """Why `issue_id` cannot name an issue, or None; with `config`, a file of that name at
    the top of the static folder (copied to the top of the output) counts too."""
    if not ISSUE_ID.fullmatch(issue_id):
        return (
            f"{quoted(issue_id)} is not an issue id (up to 100 letters, digits, '-', '_' or '.', "
            "starting with a letter or digit)"
        )
    if windows := _windows_problem(issue_id):
        return f"{quoted(issue_id)} cannot be an issue id: {windows}"
    name = issue_id.lower()
    if name in TOP_LEVEL_OUTPUTS:
        return (
            f"{quoted(issue_id)} cannot be an issue id: the build writes its own {quoted(name)} at the "
            "top of the output"
        )
    static = _static_twin(config, issue_id) if config is not None else None
    if static is not None:
        return f"{quoted(issue_id)} cannot be an issue id: {static} is copied to the same place in the output"
    return None


def _windows_problem(issue_id: str) -> str | None:
    """Why Windows cannot give the issue its folder, or None: the project (and its output)
    could then not be checked out, copied or served from there."""
    if issue_id.endswith("."):
        return f"Windows drops a name's last dot, and its folder would be {quoted(issue_id.rstrip('.'))}"
    if WINDOWS_DEVICES.fullmatch(issue_id.split(".", 1)[0]):
        return "Windows keeps the name for a device (with any extension), so its folder cannot be made there"
    return None


def _static_twin(config: Config, issue_id: str) -> Path | None:
    """A file at the top of the static folder named as the issue, or differently only in
    case (one place in the output on macOS and Windows, where a build refuses the pair)."""
    try:
        with os.scandir(config.static_path) as scan:
            names = [entry.name for entry in scan if not entry.is_dir()]
    except OSError:
        return None
    twin = next((name for name in names if name.casefold() == issue_id.casefold()), None)
    return config.static_path / twin if twin is not None else None


# An editor saves by renaming a new file over the old one (autosave, every few seconds): a
# walk that finds a file moved or replaced by the time it reads it is made again, so the
# build reads the saved file instead of stopping on 'build again'. After the last attempt
# such a file is unreadable, as one the build may not read.
WALK_ATTEMPTS = 3


class _MovedMeanwhile(Exception):
    """A file the walk listed was removed, renamed or replaced before it was read."""


def read_issue_files(config: Config, issue_id: str, issues_folder: str | None = None) -> IssueFiles:
    """Every file under the issue's folder, hashed; small ones kept to be parsed.
    `issues_folder`: the issues folder's real path, where the caller knows it."""
    for attempt in range(1, WALK_ATTEMPTS + 1):
        try:
            return _read_issue_files(config, issue_id, issues_folder, settled=attempt == WALK_ATTEMPTS)
        except _MovedMeanwhile:
            continue
    raise AssertionError("the last attempt never raises _MovedMeanwhile")


def _read_issue_files(config: Config, issue_id: str, issues_folder: str | None, settled: bool) -> IssueFiles:
    """One walk of the issue's folder; unless `settled`, _MovedMeanwhile where a file it
    listed was moved or replaced before it was read."""
    folder = issue_folder(config, issue_id)  # no link, as found now
    issues_folder = issues_folder or os.path.realpath(config.issues_path)
    limit = config.build.max_review_bytes
    texts: dict[str, bytes] = {}
    digests: list[tuple[str, str]] = []
    held = 0
    passed: list[str] = []
    # Made a link since (as the walk lists it, by a process racing the build), it would
    # list a folder elsewhere, whose files would be the issue's.
    for found in walk(str(folder), leads_to=os.path.join(issues_folder, issue_id)):
        if isinstance(found, PassedOver):
            passed.append(found.shown)
        elif found.size <= limit:
            try:
                data = read_found(found, folder, limit)
            except (MissingFile, ReplacedFile):
                if not settled:
                    raise _MovedMeanwhile from None
                digests.append((found.name, UNREADABLE))
                continue
            except DigestError:  # its permissions, or replaced while walked (a pipe, a link)
                digests.append((found.name, UNREADABLE))
                continue
            if _held(found.name, len(data), held):
                texts[found.name] = data
                held += len(data)
            digests.append((found.name, hashlib.sha256(data).hexdigest()))
        elif found.size <= config.build.max_asset_bytes:  # an image or a download: hashed, never held
            digest = _digest_or_unreadable(found, folder, config.build.max_asset_bytes)
            if digest == UNREADABLE and not settled and _moved(found):
                raise _MovedMeanwhile
            digests.append((found.name, digest))
        else:  # over [build] max_asset_bytes, refused wherever it is used: keyed by its size
            digests.append((found.name, f"too large: {found.size} bytes"))
    _refuse_issue_file_spelled_otherwise(folder, [name for name, _ in digests])
    return IssueFiles(folder, texts, tuple(digests), tuple(passed))


def _refuse_issue_file_spelled_otherwise(folder: Path, names: list[str]) -> None:
    """'Issue.md' where issue.md belongs: macOS and Windows open it as issue.md, Linux and CI
    did not (the issue was left out of every build there without a word). Judged by the names
    the walk found, so every system says the same."""
    if ISSUE_FILE in names:
        return
    for name in names:
        if _is_issue_file_otherwise(name):
            raise ContentError(
                f"is not named {ISSUE_FILE} (only in case or Unicode form): macOS and Windows read it, "
                f"Linux and most CI machines do not: rename it {ISSUE_FILE}",
                folder / name,
            )


# What an issue's walk keeps of the small files it hashed, to parse them from the bytes it
# hashed. A folder of thousands of data files held them all: the rest are read again if
# listed, and refused if their bytes changed since.
HELD_BYTES = 64_000_000


def _held(name: str, size: int, held: int) -> bool:
    if name == ISSUE_FILE:
        return True
    return os.path.splitext(name)[1].lower() not in BINARY_SUFFIXES and held + size <= HELD_BYTES


def _moved(found: FoundFile) -> bool:
    """Whether the file a walk found is gone from its name, or another file holds it now."""
    try:
        info = os.lstat(found.path) if not found.linked else os.stat(found.path)
    except OSError:
        return True
    return (info.st_dev, info.st_ino) != found.identity


def _digest_or_unreadable(found: FoundFile, folder: Path, max_bytes: int) -> str:
    """A large file's digest, read in chunks; through a link, of the file it leads to, while
    that is still inside the folder (sha256_of refuses a link itself)."""
    path = os.path.realpath(found.path) if found.linked else found.path
    try:
        if found.linked and not inside(path, folder):
            return UNREADABLE
        return sha256_of(path, max_bytes, found.identity)
    except OSError:
        return UNREADABLE


def issue_key(config: Config, files: IssueFiles, include_drafts: bool) -> str:
    parts = [part for name, digest in files.digests for part in (name, digest)]
    parts += [f"\2{name}" for name in files.passed_over]
    settings = repr(review_settings(config))
    return cache_key("issue", str(files.folder), str(include_drafts), settings, *parts)


def summary_key(key: str) -> str:
    return cache_key("issue-summary", key)


def load_issue(
    config: Config, issue_id: str, *, include_drafts: bool = False, cache: BuildCache | None = None
) -> LoadedIssue:
    """The whole issue, from the cache while none of its files changed."""
    return load_issue_from(config, issue_id, read_issue_files(config, issue_id), include_drafts, cache)


def load_issue_from(
    config: Config, issue_id: str, files: IssueFiles, include_drafts: bool, cache: BuildCache | None
) -> LoadedIssue:
    """The issue parsed from `files` (its folder read already), or the cached parse of the same bytes."""
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


def load_summaries(
    config: Config, ids: list[str], cache: BuildCache | None
) -> tuple[list[LoadedSummary | IssueInProgress], set[str]]:
    """Each issue's summary, or why it is still in progress; and the ids of the issues read
    now, whose summaries the cache did not hold. Issues missing from the cache are parsed on
    every core where there are enough of them (sources/parallel.py)."""
    from digest.sources.parallel import parse_in_parallel

    issues_folder = os.path.realpath(config.issues_path)  # once, not once an issue
    files = {each: _read_found_issue(config, each, issues_folder) for each in ids}
    keys = {each: issue_key(config, files[each], False) for each in ids}
    found = {each: cache.get(summary_key(keys[each])) if cache is not None else None for each in ids}
    missing = {each: (files[each], keys[each]) for each in ids if not isinstance(found[each], LoadedSummary)}
    parsed = parse_in_parallel(config, missing) if cache is not None else {}
    results: list[LoadedSummary | IssueInProgress] = []
    for each in ids:
        summary = found[each]
        if isinstance(summary, LoadedSummary):
            results.append(summary)
            continue
        try:
            loaded = (
                pickle.loads(parsed[each])
                if each in parsed
                else parse_issue(config, each, files[each], False, keys[each])
            )
        except IssueInProgress as progress:
            results.append(progress)
            continue
        if cache is not None:
            if each in parsed:  # stored as the worker pickled it, not pickled a second time
                cache.put_pickled(keys[each], parsed[each])
            else:
                cache.put(keys[each], loaded)
            cache.put(summary_key(keys[each]), summarise(loaded))
        results.append(summarise(loaded))
    return results, set(missing)


def _read_found_issue(config: Config, issue_id: str, issues_folder: str) -> IssueFiles:
    """An issue found in the issues folder rather than named: a folder whose name cannot
    be an issue is a problem in the project, named by its path."""
    problem = issue_id_problem(issue_id, config)
    if problem is not None:
        raise ContentError(f"{problem}: rename the folder", config.issues_path / issue_id)
    return read_issue_files(config, issue_id, issues_folder)


def summarise(loaded: LoadedIssue) -> LoadedSummary:
    return LoadedSummary(loaded.issue.summary(), loaded.notices, loaded.key, loaded.files, loaded.passed_over)


def review_settings(config: Config) -> ReviewSettings:
    build = config.build
    return ReviewSettings(
        build.words_per_minute, build.excerpt_words, build.max_review_bytes, config.site.language
    )


def issue_folder(config: Config, issue_id: str) -> Path:
    """The folder of the issue `issue_id`; a malformed or unknown id is an error saying so."""
    check_issue_id(issue_id, config)
    folder = config.issues_path / issue_id
    if folder.is_symlink():
        raise ContentError(
            "the issue's folder is a link, and digest never follows one (a folder link may lead anywhere, "
            "and the same files would be two issues): move the issue's folder here instead",
            folder,
        )
    if (odd := odd_issue_place(folder)) is not None:
        raise odd
    if not (folder / ISSUE_FILE).is_file():
        known = issue_ids(config)
        close = difflib.get_close_matches(issue_id, known, n=1)
        hint = f"did you mean {quoted(close[0])}? " if close else ""
        raise UnknownIssue(
            f"no issue {quoted(issue_id)} (expected {folder / ISSUE_FILE}); {hint}"
            f"known issues: {', '.join(known) or 'none yet'}; start one with `digest new {issue_id}`",
            folder,
        )
    return folder


def _with_review_pages(review: Review, pages: Mapping[str, str]) -> Review:
    """The review with its links to other reviews' files leading to their pages; the same
    object where it has none (a dataclass replaced is a whole __init__ again)."""
    linked = link_review_files(review.html, review.path, pages, on_review_page=True)
    return review if linked == review.html else dataclasses.replace(review, html=linked)


def parse_issue(
    config: Config, issue_id: str, files: IssueFiles, include_drafts: bool, key: str
) -> LoadedIssue:
    """The issue read from the bytes in `files`."""
    folder = files.folder
    path = folder / ISSUE_FILE
    if twins := _name_twins(files):
        raise ContentError(twins, folder)
    text = _issue_text(files, path, config.build.max_review_bytes)
    written = read_issue_file(text, path, _unlisted(files, []), draft_allowed=include_drafts)
    meta = written.meta
    draft_issue = meta.get("draft") is True
    issue_date = _issue_date(meta["date"], path, key_line(text, "date"), config.site.language)
    reviews = _read_reviews(files, path, text, written, review_settings(config), issue_date)
    pages = review_pages(review for review in reviews.values() if include_drafts or not review.draft)
    reviews = {name: _with_review_pages(review, pages) for name, review in reviews.items()}
    written = _with_review_links(written, path, pages)
    drafts = [review for review in reviews.values() if review.draft and not include_drafts]
    notices = [f"{review.path}: draft, left out (build with --drafts to include it)" for review in drafts]
    if draft_issue:
        notices.append(
            f"{path}:{key_line(text, 'draft')}: the issue is a draft, built because of --drafts: "
            "remove 'draft: true' to publish it"
        )
    notices.extend(_issue_file_notices(path, text, written))
    sections = _sections(written, reviews, include_drafts)
    selected = [item for section in sections for item in section.reviews]
    notices.extend(_selection_notices(path, text, selected, drafts))
    if not selected:
        raise IssueInProgress(
            "no reviews left to publish (all are drafts): mark one ready or build with --drafts", path
        )
    _check_unique_slugs(selected)
    issue = Issue(
        id=issue_id,
        path=folder,
        title=one_line(meta["title"]),
        date=issue_date,
        subject=_subject(meta, written.number, config.site.language),
        preheader=one_line(meta.get("preheader") or ""),
        intro=written.intro,
        intro_html=_intro_anchors_clear(
            link_review_files(
                _intro_html(written.intro, path, text, notices), path, pages, on_review_page=False
            ),
            _page_ids(reviews.values(), sections),
            IntroSource(path, text, _given_ids(written.intro)),
            notices,
        ),
        reviews=tuple(selected),
        drafts=tuple(drafts),
        number=written.number,
        sections=tuple(sections),
        links=tuple(link for section in sections for link in section.links),
        draft=draft_issue,
    )
    notices.extend(_stray_files(files, [*written.names, *names_used(issue)]))
    return LoadedIssue(issue, tuple(notices), key, files.digests, files.passed_over)


def _issue_file_notices(path: Path, text: str, written: IssueFile) -> list[str]:
    """What to look at in issue.md: curly quotes around a title, subject or preheader, and
    link items' addresses left out."""
    shown = {key: written.meta.get(key) for key in ("title", "subject", "preheader")}
    notices = [f"{path}:{key_line(text, key)}: {note}" for key, note in curly_quoted_values(shown)]
    removed = (
        address
        for group in written.groups
        for item in group.items
        if isinstance(item, LinkItem)
        for address in item.removed
    )
    notices.extend(f"{path}: {note}" for note in removed_links(tuple(removed), text, 1))
    return notices


def _selection_notices(path: Path, text: str, selected: list[Review], drafts: list[Review]) -> list[str]:
    """What the selected reviews' readers guessed, and what their featuring says."""
    notices = [f"{review.path}: {guess}" for review in selected for guess in review.guesses]
    notices.extend(_featured_twice(path, text, selected))
    if not any(review.featured for review in selected):
        notices.extend(
            f"{review.path}: the featured review is a draft, left out, so the issue features none: "
            "feature another, or build with --drafts"
            for review in drafts
            if review.featured
        )
    return notices


def _with_review_links(written: IssueFile, path: Path, pages: Mapping[str, str]) -> IssueFile:
    """issue.md's link items with their comments' links to review files at the reviews' pages."""

    def item(each: str | LinkItem) -> str | LinkItem:
        if isinstance(each, str):
            return each
        return dataclasses.replace(
            each, comment_html=link_review_files(each.comment_html, path, pages, on_review_page=False)
        )

    groups = [
        dataclasses.replace(group, items=[item(each) for each in group.items]) for group in written.groups
    ]
    return dataclasses.replace(written, groups=groups)


def _issue_date(value: object, path: Path, line: int | None, language: str) -> datetime:
    """The issue's date: it orders the archive and dates the feeds, so a day and month that
    could swap (01/06/2025) are not guessed, as a review's are, but asked for plainly."""
    found = read_date(value, day_first=day_first_for(language))
    if found is None or found.ambiguous is None:
        return parse_date(value, path, line)
    iso = found.value.date().isoformat()
    raise ContentError(
        f"the issue's date {quoted(value)} could be read with day and month either way round: write it as "
        f"YYYY-MM-DD ({iso} if {found.value:%-d %B %Y} is meant)",
        path,
        line,
    )


def _featured_twice(path: Path, text: str, selected: list[Review]) -> list[str]:
    """More than one review saying `featured: true`: the first listed is shown first and
    largest, and the editor is told which, and how to choose."""
    marked = [review for review in selected if review.featured]
    if len(marked) < 2:
        return []
    names = ", ".join(review.path.name for review in marked)
    line = key_line(text, "featured")
    return [
        f"{path}{f':{line}' if line else ''}: {len(marked)} reviews say 'featured: true' ({names}); "
        f"{marked[0].path.name}, listed first, is featured: name the one you mean with 'featured:' here"
    ]


def _intro_html(intro: str, path: Path, text: str, notices: list[str]) -> str:
    """The introduction's HTML; a note in `notices` for each link the sanitiser removed."""
    rendered = render_markdown(without_heading_attributes(intro))
    rendered.check(intro, path, text.count("\n", 0, text.find(intro[:40])) + 1 if intro.strip() else 1)
    # Looked for in the introduction: a link item's comment above may hold the same address.
    start = max(text.find(intro[:40]), 0) if intro.strip() else 0
    removed = removed_links(rendered.removed, text[start:], text.count("\n", 0, start) + 1)
    notices.extend(f"{path}: {note}" for note in removed)
    return rendered.html


ID_ATTRIBUTE = re.compile(r'\bid="([^"]*)"')


@dataclass(frozen=True)
class IntroSource:
    """Where the introduction is written, and the ids its headings give themselves (`{#id}`)."""

    path: Path
    text: str
    given: frozenset[str]


def _given_ids(intro: str) -> frozenset[str]:
    marked = without_heading_attributes(intro)
    given = set()
    for found in HEADING_ID_MARK.finditer(marked):
        try:
            given.add(bytes.fromhex(found.group(1)).decode())
        except ValueError:
            continue
    return frozenset(given)


def _page_ids(reviews: Iterable[Review], sections: list[IssueSection]) -> dict[str, str]:
    """The ids the theme gives the cards, sections and link items of the issue's page and email,
    each with what it names."""
    ids = {review.slug: f"the card of the review {quoted(review.title)}" for review in reviews}
    for section in sections:
        ids.setdefault(section.slug, f"the section {quoted(section.title)}")
        ids.update((link.slug, f"the link item {quoted(link.title)}") for link in section.links)
    return ids


def _intro_anchors_clear(html: str, taken: Mapping[str, str], source: IntroSource, notices: list[str]) -> str:
    """The introduction's heading anchors, each that a review, section or item of the page
    has already numbered on (`-2`, `-3`...): an id is the page's one target of its links. An id
    the editor gave a heading (`{#id}`) and the page gives something else is named in `notices`:
    the editor's own links to it lead there, not to the heading."""
    ids = [unescape(value) for value in ID_ATTRIBUTE.findall(html)]
    if not set(ids) & set(taken):
        return html
    used = dict.fromkeys([*taken, *ids], 1)

    def renamed(tag: str, name: str, value: str) -> str | None:
        if name != "id" or unescape(value) not in taken:
            return None
        given = unescape(value)
        anchor = unique_anchor(given, used)
        if given in source.given:
            notices.append(_given_id_taken(source, given, anchor, taken[given]))
        return escape(anchor, quote=True)

    return rewrite_html(html, text=None, attribute=renamed, only=ID_ATTRIBUTE)


def _given_id_taken(source: IntroSource, given: str, anchor: str, what: str) -> str:
    written = re.search(r"\{[^{}\n]*#" + re.escape(given) + r"(?=[\s}])", source.text)
    line = f":{source.text.count(chr(10), 0, written.start()) + 1}" if written else ""
    return (
        f"{source.path}{line}: the heading id {quoted('{#' + given + '}')} is the id of {what} on the "
        f"issue's page and in the email, so this heading's anchor is {quoted(anchor)} and a link to "
        f"{quoted('#' + given)} leads there, not here: choose another id"
    )


def _subject(meta: dict[str, Any], number: int | None, language: str) -> str:
    """The email's subject: its own line (the title by default), led by the issue's number
    in the site's language ("Issue 12: ...", "Ausgabe 12: ...")."""
    subject = one_line(meta.get("subject")) or one_line(meta["title"])  # a blank one: the title
    if not number:
        return subject
    words = theme_words(language)
    label = words.gettext("Issue %(number)s", number=number)
    return words.gettext("%(label)s: %(title)s", label=label, title=subject)


def _issue_text(files: IssueFiles, path: Path, max_bytes: int) -> str:
    data = files.text_of(ISSUE_FILE)
    if data is None:
        # Not read by the walk: read it again for the error that says why (a link out of
        # the folder, too large, a pipe). Its bytes are never parsed: they are not the ones
        # the issue's cache key was made from.
        read_source(path, files.folder, max_bytes, "issue file", "[build] max_review_bytes")
        try:
            os.scandir(files.folder).close()
        except OSError as exc:  # its files can be opened by name, not found by a walk
            raise ContentError(
                f"cannot list the issue folder ({exc.strerror}): check its permissions", files.folder
            ) from None
        raise ContentError("the issue file changed while it was read: build again", path)
    try:
        return decode_bytes(data, path)
    except NotText as error:  # what it says is about a review
        kind = "empty" if ": the file is empty:" in error.message else "a binary file, not text"
        raise ContentError(
            f"{ISSUE_FILE} is {kind}: write the issue's front matter and introduction "
            "(`digest new` writes one with every field)",
            path,
        ) from None


def _read_reviews(
    files: IssueFiles,
    issue_path: Path,
    issue_text: str,
    written: IssueFile,
    settings: ReviewSettings,
    issue_date: datetime,
) -> dict[str, Review]:
    """Every listed review by its name, dated (the issue's date where it gives none) and
    featured as issue.md says (when it names one, that one only)."""
    reviews = {}
    for name in dict.fromkeys(written.names):
        review = _read_listed(files, issue_path, issue_text, name, settings, written.names)
        if review.date is None:
            review = dataclasses.replace(review, date=issue_date)
        if written.featured is not None:
            review = dataclasses.replace(review, featured=name == written.featured)
        reviews[name] = review
    return reviews


def _sections(written: IssueFile, reviews: dict[str, Review], include_drafts: bool) -> list[IssueSection]:
    """The groups of issue.md with their reviews read; drafts left out unless asked for, and
    a section left empty by that goes too."""
    sections = []
    # A section's anchor is its own on the issue's page and in the email: no other section's,
    # nor an item's (whether or not drafts are shown, so a link to it holds in both builds).
    links = [item.slug for group in written.groups for item in group.items if isinstance(item, LinkItem)]
    used = dict.fromkeys([*(review.slug for review in reviews.values()), *links], 1)
    for group in written.groups:
        slug = unique_anchor(heading_anchor(group.title), used)
        items: list[Item] = []
        for item in group.items:
            review = reviews.get(item) if isinstance(item, str) else None
            if isinstance(item, LinkItem):
                items.append(item)
            elif review is not None and (include_drafts or not review.draft):
                items.append(review)
        if items:
            sections.append(IssueSection(group.title, slug, tuple(items)))
    return sections


def _read_listed(
    files: IssueFiles,
    issue_path: Path,
    issue_text: str,
    name: str,
    settings: ReviewSettings,
    listed: list[str] | None = None,
) -> Review:
    name = _as_stored(files, name)
    path = files.folder / name
    relative = Path(name)
    # A NUL ends a name for the system (Python refuses it); '.' and '' name the folder.
    if (
        relative.is_absolute()
        or ".." in relative.parts
        or not relative.parts
        or not name.strip()
        or "\0" in name
    ):
        raise ContentError(
            f"review {quoted(name)} must be a file name inside the issue folder (no '..', no absolute path)",
            issue_path,
            _listed_line(issue_text, name),
        )
    if relative.as_posix() == ISSUE_FILE:
        raise ContentError(
            f"{quoted(name)} is the issue file itself, not a review: list the review files beside it",
            issue_path,
            _listed_line(issue_text, name),
        )
    if is_scratch(name):
        raise ContentError(
            f"{quoted(name)} is an editor's backup or swap file, which digest never publishes: "
            "list the review itself (or rename the file)",
            issue_path,
            _listed_line(issue_text, name),
        )
    if _found_only_in_other_case(files, relative.as_posix()):
        raise _not_found(files, issue_path, issue_text, name, listed or [])
    data = files.text_of(relative.as_posix())
    if data is None:
        # Read directly: the error then says why (a link out, a folder, too large, missing).
        try:
            data = read_source(path, files.folder, settings.max_bytes, "review", "[build] max_review_bytes")
        except ContentError:
            if not os.path.lexists(path):
                raise _not_found(files, issue_path, issue_text, name, listed or []) from None
            raise  # about the file itself: too large, a folder, a pipe, a link out
        if files.digest_of.get(relative.as_posix(), "") not in ("", hashlib.sha256(data).hexdigest()):
            raise ContentError(changed_while_read(files.digest_of[relative.as_posix()]), path)
    return read_review(path, settings, data, _site_files(files, relative, settings))


def _site_files(files: IssueFiles, review: Path, settings: ReviewSettings) -> SiteFiles:
    """The files a review refers to (an authors file, a `.meta` sidecar), within the issue
    folder: from the bytes the walk hashed, else read again and checked against its digest."""

    def read(name: str) -> bytes | None:
        data = files.text_of(name)
        digest = None if data is not None else files.digest_of.get(name)
        if digest is None:
            return data
        path = files.folder / name
        data = read_source(path, files.folder, settings.max_bytes, "file", "[build] max_review_bytes")
        if hashlib.sha256(data).hexdigest() != digest:
            raise ContentError(changed_while_read(digest), path)
        return data

    return SiteFiles(files.folder, PurePosixPath(review.as_posix()), read)


def _listed_line(issue_text: str, name: str) -> int | None:
    """The line of issue.md listing `name` (as a list item, bare or quoted, where it can be found)."""
    if found := listed_line(issue_text, name):
        return found
    for needle in (f"- {name}\n", f'- "{name}"', f"- '{name}'", name):
        if found := line_of(issue_text, needle.rstrip("\n")):
            return found
    return None


def _as_stored(files: IssueFiles, name: str) -> str:
    """The name as the file system stores it, where it differs only in its Unicode form
    (macOS writes 'café' decomposed; an editor types it composed)."""
    if files.text_of(name) is not None:
        return name
    wanted = unicodedata.normalize("NFC", name)
    return next((known for known, _ in files.digests if unicodedata.normalize("NFC", known) == wanted), name)


def _found_only_in_other_case(files: IssueFiles, name: str) -> bool:
    """Whether the walk found `name` spelled otherwise only in case ('State.md' listed as
    'state.md'): macOS and Windows open it, Linux does not, so it is not found anywhere,
    judged by the names the walk listed."""
    if name in files.digest_of:
        return False
    folded = unicodedata.normalize("NFC", name).casefold()
    return any(unicodedata.normalize("NFC", found).casefold() == folded for found, _ in files.digests)


def _not_found(
    files: IssueFiles, issue_path: Path, issue_text: str, name: str, listed: list[str]
) -> ContentError:
    in_case = [each for each, _ in files.digests if each.casefold() == name.casefold()]
    close = in_case[:1] or difflib.get_close_matches(name, _unlisted(files, []), n=1, cutoff=0.75)
    hint = f"did you mean {quoted(close[0])}? " if close else ""
    if not close and (renamed := _renamed(files, listed)):
        return ContentError(
            f"review {quoted(name)} is listed but not found in {files.folder}; {renamed} in the folder and "
            "not listed: if you renamed the file, list it under its new name here; else fix the name "
            "or add the file",
            issue_path,
            _listed_line(issue_text, name),
        )
    if not close and (elsewhere := _found_elsewhere(files.folder, name)):
        where = elsewhere.relative_to(files.folder.parent.parent).as_posix()
        return ContentError(
            f"review {quoted(name)} is listed but not found in {files.folder}: it is in {where}: move it "
            f"into this issue's folder (or list it in the issue it is in)",
            issue_path,
            _listed_line(issue_text, name),
        )
    return ContentError(
        f"review {quoted(name)} is listed but not found in {files.folder}: {hint}fix the name or add "
        "the file",
        issue_path,
        _listed_line(issue_text, name),
    )


def _renamed(files: IssueFiles, listed: list[str]) -> str | None:
    """The review files beside issue.md that it does not list (a renamed review is one),
    when they are few enough to name: "'a.md' is", "'a.md' and 'b.md' are"."""
    names = [
        name for name in _unlisted(files, listed) if PurePosixPath(name).suffix.lower() not in BINARY_SUFFIXES
    ]
    if not names or len(names) > 3:
        return None
    shown = [quoted(name) for name in names]
    if len(shown) == 1:
        return f"{shown[0]} is"
    return f"{', '.join(shown[:-1])} and {shown[-1]} are"


def _found_elsewhere(folder: Path, name: str) -> Path | None:
    """A regular file of that name where an editor may have saved it by mistake: in the
    issues folder itself or in another issue's folder (links are not followed)."""
    if PurePosixPath(name).name != name or name in ("", ".", ".."):
        return None
    try:
        siblings = sorted(p for p in folder.parent.iterdir() if p.is_dir() and not p.is_symlink())
    except OSError:
        return None
    for candidate in (folder.parent / name, *(s / name for s in siblings if s != folder)):
        try:
            if stat.S_ISREG(candidate.lstat().st_mode):
                return candidate
        except OSError:
            continue
    return None


# The files not listed that a build names one by one: a folder of thousands unpacked into an
# issue's folder would bury the build's own lines under a note a file.
MAX_STRAY_NAMED = 10


def _stray_files(files: IssueFiles, listed: list[str]) -> list[str]:
    stray = _unlisted(files, [*listed, *_led_to(files.folder, listed)])
    notices = [
        unused_file_notice(files.folder / name)
        or f"{files.folder / name}: not listed in issue.md, left out (add it under 'reviews:' to publish it)"
        for name in stray[:MAX_STRAY_NAMED]
    ]
    if len(stray) > MAX_STRAY_NAMED:
        notices.append(
            f"{files.folder}: {len(stray) - MAX_STRAY_NAMED:,} more files not listed in issue.md, left out "
            "(move what is no review out of the issue's folder)"
        )
    return notices


def _led_to(folder: Path, listed: list[str]) -> list[str]:
    """The files of `folder` that listed names are links to (current.md -> draft-3.md): what
    the build reads for them, so no file left out."""
    root = os.path.realpath(folder)
    links = [folder / name for name in listed if os.path.islink(folder / name)]
    return [
        Path(os.path.relpath(os.path.realpath(link), root)).as_posix() for link in links if inside(link, root)
    ]


def _unlisted(files: IssueFiles, listed: list[str]) -> list[str]:
    """The files beside issue.md that could be reviews but are not listed."""
    sidecars = [f"{name.rpartition('.')[0] or name}{SIDECAR_SUFFIX}" for name in listed]  # Nikola's
    sidecars += [f"{name}{suffix}" for name in listed for suffix in DETACHED_SUFFIXES]  # Jekyll's
    names = (*IGNORED_FILES, *PEOPLE_FILES, *TAGS_FILES, *listed, *sidecars)
    known = {unicodedata.normalize("NFC", name) for name in names}
    return [
        name
        for name, _ in files.digests
        if "/" not in name and unicodedata.normalize("NFC", name) not in known and not name.startswith(".")
    ]


def _name_twins(files: IssueFiles) -> str | None:
    """Two files whose names differ only in case or Unicode form: one file on macOS (and,
    for case, Windows), so which one a build reads depends on where it runs."""
    seen: dict[str, str] = {}
    for name, _ in files.digests:
        other = seen.setdefault(unicodedata.normalize("NFC", name).casefold(), name)
        if other == name:
            continue
        first, second = sorted((other, name), key=lambda each: (unicodedata.is_normalized("NFD", each), each))
        if unicodedata.normalize("NFC", first) == unicodedata.normalize("NFC", second):
            return (
                f"{_escaped(first)} and {_escaped(second)} differ only in Unicode form (one written "
                "composed, one decomposed, as macOS writes names), so they look the same and are one "
                "file on macOS: rename or delete one"
            )
        return (
            f"'{printable(shortened(first))}' and '{printable(shortened(second))}' differ only in case: "
            "on macOS and Windows "
            "they are one file, and one replaces the other: rename or delete one"
        )
    return None


def _escaped(name: str) -> str:
    """`name` quoted with every character past ASCII written as its escape, so two spellings
    that look the same are told apart."""
    return "'" + name.encode("ascii", "backslashreplace").decode("ascii") + "'"


def _check_unique_slugs(reviews: list[Review]) -> None:
    seen: dict[str, Review] = {}
    for review in reviews:
        if review.slug in seen and seen[review.slug].path == review.path:
            raise ContentError(
                "the review is listed twice in issue.md (under two spellings of its name): "
                "remove one of them",
                review.path,
            )
        if review.slug in seen:
            raise ContentError(
                f"the review's page name {quoted(review.slug)} is the same as "
                f"{seen[review.slug].path.name}'s: "
                "give one of them a different title or a 'slug:' key",
                review.path,
            )
        seen[review.slug] = review
