"""`digest list`: every issue with its date, title, review counts and whether its build is current.

The rule for "current": `dist/<id>/email.html` exists (only a build of that issue writes
it; another issue's build writes its web pages but not its email) and every file under
`dist/<id>/` is at least as new as every file the build reads for it: the issue folder,
the user's templates, the built-in theme and `digest.toml`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from digest.config import CONFIG_NAME, Config
from digest.errors import DigestError
from digest.render.environment import theme_path
from digest.sources.issue import ISSUE_FILE, issue_ids, load_issue
from digest.sources.reviews import decode, parse, parse_date

CURRENT = "current"
STALE = "stale"
NOT_BUILT = "not built"


@dataclass(frozen=True)
class BuildState:
    status: str  # CURRENT, STALE or NOT_BUILT
    newer_source: Path | None = None  # for STALE: the newest file changed since the build


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
    summaries = [summarise(config, issue_id) for issue_id in issue_ids(config)]
    return sorted(summaries, key=lambda s: (s.date.isoformat() if s.date else "", s.id), reverse=True)


def summarise(config: Config, issue_id: str) -> IssueSummary:
    build = build_state(config, issue_id)
    try:
        issue = load_issue(config, issue_id, include_drafts=True).issue
    except DigestError as exc:
        title, issue_date = _front_matter_facts(config.issues_path / issue_id / ISSUE_FILE)
        return IssueSummary(issue_id, title, issue_date, 0, 0, build, problem=exc.message)
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


def build_state(config: Config, issue_id: str) -> BuildState:
    built = config.output_path / issue_id
    if not (built / "email.html").is_file():
        return BuildState(NOT_BUILT)
    oldest_output = min(_mtimes(_files([built])).values())
    sources = _mtimes(source_files(config, issue_id))
    newer = [(mtime, path) for path, mtime in sources.items() if mtime > oldest_output]
    if newer:
        return BuildState(STALE, max(newer)[1])
    return BuildState(CURRENT)


def source_files(config: Config, issue_id: str) -> list[Path]:
    """Every file a build of the issue reads, besides the code: the issue, the templates, the config."""
    roots = [config.issues_path / issue_id, config.templates_path, theme_path(), config.root / CONFIG_NAME]
    found: list[Path] = []
    for root in roots:
        if root.is_file():
            found.append(root)
        elif root.is_dir():
            found.extend(p for p in sorted(root.rglob("*")) if p.is_file() and not p.name.startswith("."))
    return found


def _files(roots: Iterable[Path]) -> list[Path]:
    return [p for root in roots for p in root.rglob("*") if p.is_file()]


def _mtimes(paths: Iterable[Path]) -> dict[Path, int]:
    times: dict[Path, int] = {}
    for path in paths:
        try:
            times[path] = path.stat().st_mtime_ns
        except OSError:
            continue  # removed while we looked
    return times


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
    if summary.build.newer_source is not None:
        notes.append(f"changed since the build: {_relative(summary.build.newer_source, root)}")
    return notes


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
