"""`digest list`: every issue with its date, title, review counts and the state of its build.

The state is judged by content, never by file dates: the build's marker file records the
digest of every file each issue was built from, of the templates, the settings and the
code, and the issue is `current` while all of them are unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from digest.config import Config
from digest.errors import DigestError
from digest.output.export import MARKER
from digest.output.record import BuildRecord, read_record, what_changed
from digest.render.assets import site_files_fingerprint
from digest.render.environment import Templates
from digest.sources.issue import ISSUE_FILE, issue_ids, load_issue, read_issue_files
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
    reviews: int  # selected and not drafts
    drafts: int
    build: BuildState
    problem: str | None = None  # why the issue does not load, when it does not


def list_issues(config: Config) -> list[IssueSummary]:
    """Every issue, newest first; an issue that does not load is listed with its problem."""
    record = read_record(config.output_path / MARKER)
    now = (Templates(config).fingerprint(), site_files_fingerprint(config))
    summaries = [summarise(config, issue_id, record, now) for issue_id in issue_ids(config)]
    return sorted(summaries, key=lambda s: (s.date.isoformat() if s.date else "", s.id), reverse=True)


def summarise(
    config: Config, issue_id: str, record: BuildRecord | None, now: tuple[str, str]
) -> IssueSummary:
    """The issue's counts and state; `now` is the templates' and the site files' fingerprints."""
    build = build_state(config, issue_id, record, now)
    try:
        issue = load_issue(config, issue_id, include_drafts=True).issue
    except DigestError as exc:
        title, issue_date = _front_matter_facts(config.issues_path / issue_id / ISSUE_FILE)
        state = BuildState(IN_PROGRESS) if isinstance(exc, IssueInProgress) else build
        return IssueSummary(issue_id, title, issue_date, 0, 0, state, problem=exc.message)
    drafts = sum(review.draft for review in issue.reviews)
    return IssueSummary(issue.id, issue.title, issue.date, len(issue.reviews) - drafts, drafts, build)


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


def build_state(
    config: Config, issue_id: str, record: BuildRecord | None, now: tuple[str, str]
) -> BuildState:
    if record is None or issue_id not in record.issues:
        return BuildState(NOT_BUILT)
    try:
        files = read_issue_files(config, issue_id).digests
    except DigestError:
        files = ()
    email = issue_id in record.emails
    reason = what_changed(record, config, *now, issue_id, files)
    return BuildState(STALE, reason, email) if reason else BuildState(CURRENT, None, email)


def format_listing(summaries: Sequence[IssueSummary], root: Path) -> str:
    """An aligned table, one issue a line, with a note under any issue that needs attention."""
    if not summaries:
        return "No issues yet: create one with `digest new ISSUE_ID`."
    rows = [("issue", "date", "reviews", "drafts", "dist", "title")]
    notes: dict[str, list[str]] = {}
    for s in summaries:
        rows.append(
            (
                s.id,
                s.date.date().isoformat() if s.date else "?",
                str(s.reviews),
                str(s.drafts),
                s.build.status,
                s.title,
            )
        )
        notes[s.id] = _notes(s, root)
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = []
    for row in rows:
        cells = [row[i].ljust(widths[i]) if i in (0, 1, 4) else row[i].rjust(widths[i]) for i in range(5)]
        lines.append("  ".join([*cells, row[5]]))
        lines.extend(f"  {note}" for note in notes.get(row[0], []))
    return "\n".join(lines)


def _notes(summary: IssueSummary, root: Path) -> list[str]:
    notes = []
    if summary.problem:
        notes.append(f"problem: {summary.problem}")
    if summary.build.reason:
        notes.append(f"stale: {summary.build.reason}")
    if summary.build.status == CURRENT and not summary.build.email:
        notes.append(f"its email is not in the output: `digest build {summary.id}` writes it")
    return notes
