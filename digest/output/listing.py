"""`digest list`: every issue with its date, title, review counts and the state of its build.

The state is judged by content, never by file dates: the build's marker file records the
digest of every file each issue was built from, of the templates, the settings and the
code, and the issue is `current` while all of them are unchanged.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from digest.cache import BUILD_CACHE_FILE, BuildCache
from digest.config import Config
from digest.errors import DigestError, printable
from digest.model import Issue, chronological
from digest.model import IssueSummary as Summary
from digest.output.export import MARKER
from digest.output.record import BuildRecord, read_record, what_changed
from digest.output.written import OutputChanges, changes_since_export
from digest.render.assets import site_files_fingerprint
from digest.render.environment import Templates
from digest.sources.issue import (
    ISSUE_FILE,
    IssueFiles,
    LoadedIssue,
    case_twin,
    case_twin_problem,
    issue_ids,
    issue_key,
    load_issue_from,
    read_issue_files,
)
from digest.sources.issue_file import IssueInProgress
from digest.sources.reviews import decode, parse, parse_date

CURRENT = "current"
STALE = "stale"
NOT_BUILT = "not built"
IN_PROGRESS = "in progress"


@dataclass(frozen=True)
class BuildState:
    status: str  # CURRENT, STALE or NOT_BUILT
    reason: str | None = None  # for STALE: what changed since the build
    email: bool = False  # whether the build wrote the issue's email


@dataclass(frozen=True)
class IssueSummary:
    id: str
    title: str
    date: datetime | None
    reviews: int | None  # selected and not drafts; None: not known (the issue does not load)
    drafts: int | None
    build: BuildState
    problem: str | None = None  # why the issue does not load, when it does not


@dataclass(frozen=True)
class _Read:
    """An issue as `digest list` reads it: its files' digests, the issue (with its drafts
    where it loads with them) and why it fails to load (with its drafts)."""

    files: tuple[tuple[str, str], ...]
    issue: Issue | None
    problem: DigestError | None


def output_changes(config: Config) -> OutputChanges | None:
    """What in the output folder is not as the last build left it (None: not known)."""
    return changes_since_export(config.output_path, config.cache_path)


def shown_output(config: Config) -> str:
    """The output folder as the listing names it: from the project's root where it lies inside."""
    output, root = config.output_path, config.root
    return output.relative_to(root).as_posix() if output.is_relative_to(root) else str(output)


def list_issues(config: Config, changes: OutputChanges | None = None) -> list[IssueSummary]:
    """Every issue, newest first; an issue that does not load is listed with its problem.
    `changes`: the output's files not as the build left them, which make an issue's
    build stale where they are its own."""
    record = read_record(config.output_path / MARKER)
    now = (_templates_now(config), _site_files_now(config))
    cache = _build_cache(config)
    try:
        read = {issue_id: _read(config, issue_id, cache) for issue_id in issue_ids(config)}
    finally:
        if cache is not None:
            cache.close()
    issues = {issue_id: each.issue for issue_id, each in read.items() if each.issue is not None}
    drafts_now = drafts_target(record, issues)
    # What a build by the recorded command publishes: an issue of drafts only is left out
    # unless it is the one built with its drafts.
    published = [issue.summary() for i, issue in issues.items() if _ready(issue) or i == drafts_now]
    files = {i: each.files for i, each in read.items()}
    state = _BuildNow(record, now, files, chronological(published), drafts_now, changes)
    summaries = [
        _with_case_twin(summarise(config, issue_id, read[issue_id], state), list(read)) for issue_id in read
    ]
    return sorted(summaries, key=lambda s: (s.date.isoformat() if s.date else "", s.id), reverse=True)


def _with_case_twin(summary: IssueSummary, known: list[str]) -> IssueSummary:
    """The summary with the problem that stops every build while two ids differ only in case."""
    twin = case_twin(summary.id, known)
    if twin is None or summary.problem:
        return summary
    return dataclasses.replace(
        summary, problem=f"{case_twin_problem(summary.id, twin)}: rename one of the folders"
    )


def _templates_now(config: Config) -> str:
    """The templates' fingerprint; where one is refused (an override named in another case
    than the theme's file) one no build recorded, so built issues are listed stale and the
    build names the problem."""
    try:
        return Templates(config).fingerprint()
    except DigestError as error:
        return f"unreadable: {error}"


def _site_files_now(config: Config) -> str:
    """The static folder's and the logo's fingerprint; where they cannot be read (the logo
    deleted, a static file grown too large) one no build recorded, so every built issue is
    listed stale instead of no issue at all (the build names the problem)."""
    try:
        return site_files_fingerprint(config)
    except DigestError as error:
        return f"unreadable: {error}"


@dataclass(frozen=True)
class _BuildNow:
    """What `digest list` compares the record with: the templates' and site files'
    fingerprints, every issue's file digests, and the published issues oldest first."""

    record: BuildRecord | None
    fingerprints: tuple[str, str]
    files: Mapping[str, Sequence[tuple[str, str]]]
    order: Sequence[Summary]
    drafts_now: str  # the issue a build by the recorded command builds with its drafts, or ""
    changes: OutputChanges | None = None


def _ready(issue: Issue) -> bool:
    """Whether a build without drafts publishes the issue (read with its drafts)."""
    return not issue.draft and any(not review.draft for review in issue.reviews)


def drafts_target(record: BuildRecord | None, issues: Mapping[str, Issue]) -> str:
    """The issue whose draft reviews a build by the recorded command puts in the output
    now, or "": the issue it named, or with `--all` the newest issue ready to publish."""
    if record is None or not record.request.drafts:
        return ""
    newest = max((i for i in issues.values() if _ready(i)), key=lambda i: (i.date, i.id), default=None)
    target = record.request.issue or (newest.id if newest else "")
    issue = issues.get(target)
    drafted = issue is not None and (issue.draft or any(review.draft for review in issue.reviews))
    return target if drafted else ""


def _build_cache(config: Config) -> BuildCache | None:
    """The builds' cache, where a build made one: an archive's issues are parsed once, not
    on every listing. A project never built gets no cache folder from a listing."""
    path = config.cache_path / BUILD_CACHE_FILE
    return BuildCache(path) if path.is_file() else None


def _with_drafts(config: Config, issue_id: str, files: IssueFiles, cache: BuildCache | None) -> Issue:
    """The issue parsed with its drafts. A build stores it parsed without them: where it has
    no draft review that is the same issue, so a listing right after a build parses nothing."""
    if cache is not None:
        built = cache.get(issue_key(config, files, False))
        if isinstance(built, LoadedIssue) and not built.issue.drafts:
            return built.issue
    return load_issue_from(config, issue_id, files, True, cache).issue


def _read(config: Config, issue_id: str, cache: BuildCache | None) -> _Read:
    """The issue's files, read once, and the issue parsed from them, its drafts included."""
    try:
        files = read_issue_files(config, issue_id)
    except DigestError as exc:
        return _Read((), None, exc)
    try:
        issue = _with_drafts(config, issue_id, files, cache)
    except DigestError as exc:
        # What fails with the drafts (a draft's page name taken twice) may build without
        # them, as every build but a --drafts one of this issue does.
        try:
            return _Read(files.recorded, load_issue_from(config, issue_id, files, False, cache).issue, exc)
        except DigestError:
            return _Read(files.recorded, None, exc)
    return _Read(files.recorded, issue, None)


def summarise(config: Config, issue_id: str, read: _Read, now: _BuildNow) -> IssueSummary:
    """The issue's counts and the state of its build."""
    build = build_state(config, issue_id, now, read.issue is not None and read.issue.draft)
    if read.issue is None:
        title, issue_date = _front_matter_facts(config.issues_path / issue_id / ISSUE_FILE)
        in_progress = isinstance(read.problem, IssueInProgress)  # no review listed yet: none, truly
        state = BuildState(IN_PROGRESS) if in_progress else build
        problem = read.problem.message if read.problem else None
        count = 0 if in_progress else None
        return IssueSummary(issue_id, title, issue_date, count, count, state, problem=problem)
    issue = read.issue
    drafts = sum(review.draft for review in issue.reviews)
    ready, drafts = len(issue.reviews) - drafts, drafts + len(issue.drafts)
    problem = read.problem.message if read.problem else None
    if issue.draft and issue_id != now.drafts_now:  # marked `draft: true`: no build publishes it
        build = BuildState(IN_PROGRESS)
    return IssueSummary(issue.id, issue.title, issue.date, ready, drafts, build, problem=problem)


def _front_matter_facts(path: Path) -> tuple[str, datetime | None]:
    """Title and date read leniently, for an issue whose full load failed."""
    try:
        meta = parse(decode(path), path).meta
    except DigestError:
        return "?", None
    try:
        issue_date = parse_date(meta["date"], path, None) if meta.get("date") else None
    except DigestError:
        issue_date = None
    return str(meta.get("title") or "?"), issue_date


def build_state(config: Config, issue_id: str, now: _BuildNow, draft_issue: bool = False) -> BuildState:
    record = now.record
    if record is None or issue_id not in record.issues:
        return BuildState(NOT_BUILT)
    email = issue_id in record.emails
    order = [summary.id for summary in now.order]
    reason = what_changed(
        record, config, *now.fingerprints, issue_id, now.files, order, now.drafts_now, draft_issue
    )
    own = now.changes.of_folder(issue_id) if now.changes is not None else None
    if reason is None and own:
        reason = f"its files in the output are not as the build left them ({own.described()})"
    return BuildState(STALE, reason, email) if reason else BuildState(CURRENT, None, email)


def format_listing(
    summaries: Sequence[IssueSummary], root: Path, changes: OutputChanges | None = None, output: str = "dist"
) -> str:
    """An aligned table, one issue a line, with a note under any issue that needs attention,
    and one under the table when the output folder is not as the last build left it."""
    table = _table(summaries, root)
    if not changes:
        return table
    return (
        f"{table}\nnote: {printable(output)} is not as the last build left it "
        f"({printable(changes.described())}): the next build writes it again, removing what it did not write"
    )


def _table(summaries: Sequence[IssueSummary], root: Path) -> str:
    if not summaries:
        return "No issues yet: create one with `digest new ISSUE_ID`."
    rows = [("issue", "date", "reviews", "drafts", "dist", "title")]
    notes: dict[str, list[str]] = {}
    for s in summaries:
        # A folder's name or a title holding a line break would start a row of its own.
        rows.append(
            (
                printable(s.id),
                s.date.date().isoformat() if s.date else "?",
                "?" if s.reviews is None else str(s.reviews),
                "?" if s.drafts is None else str(s.drafts),
                s.build.status,
                printable(s.title),
            )
        )
        notes[printable(s.id)] = [printable(note) for note in _notes(s, root)]
    widths = [max(_shown_width(row[i]) for row in rows) for i in range(5)]
    lines = []
    for row in rows:
        cells = [_aligned(row[i], widths[i], left=i in (0, 1, 4)) for i in range(5)]
        lines.append("  ".join([*cells, row[5]]))
        lines.extend(f"  {note}" for note in notes.get(row[0], []))
    return "\n".join(lines)


def _shown_width(text: str) -> int:
    """The columns a terminal gives `text`: none for a combining accent (a name stored
    decomposed, as macOS writes it), two for a wide East Asian character."""
    return sum(
        0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        for char in text
    )


def _aligned(text: str, width: int, *, left: bool) -> str:
    padding = " " * (width - _shown_width(text))
    return text + padding if left else padding + text


def _notes(summary: IssueSummary, root: Path) -> list[str]:
    notes = []
    if summary.problem:
        notes.append(f"problem: {summary.problem}")
    if summary.build.reason:
        notes.append(f"stale: {summary.build.reason}")
    if summary.build.status == CURRENT and not summary.build.email:
        notes.append(f"its email is not in the output: `digest build {summary.id}` writes it")
    return notes
