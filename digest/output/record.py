"""The record a build leaves in its output folder's marker file.

It says, by content, what each issue's outputs were built from: the digest of every file
of the issue, of the templates, of the settings and of digest's code and libraries. So
`digest list` can tell a current build from a stale one without trusting any file date,
and name what changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from digest.cache import code_fingerprint, libraries_fingerprint
from digest.config import Config, output_settings
from digest.errors import DigestError
from digest.files import UNREADABLE, read_regular

ABOUT = "This folder is written by digest and replaced whole by every build: keep nothing else here."
MAX_RECORD_BYTES = 50_000_000


@dataclass(frozen=True)
class Request:
    """What the build was asked for: the issue named ("" for the newest, as `--all` asks)
    and whether with its draft reviews (--drafts)."""

    issue: str = ""
    drafts: bool = False


@dataclass(frozen=True)
class BuildRecord:
    settings: str
    templates: str
    site_files: str  # the static folder and the logo
    code: str
    issues: Mapping[str, Mapping[str, str]]  # issue id: {file name: digest}
    emails: tuple[str, ...]  # the issues whose email the build wrote
    neighbours: Mapping[str, tuple[str, str]]  # issue id: (previous, next), "" where none
    drafts_of: str  # the issue whose draft reviews are in the output (--drafts), or ""
    request: Request = Request()


def settings_digest(config: Config) -> str:
    """The settings that shape the outputs, wherever the project lies: the same sources built
    elsewhere are the same build."""
    return hashlib.sha256(output_settings(config).encode()).hexdigest()


def code_digest() -> str:
    return hashlib.sha256(f"{code_fingerprint()} {libraries_fingerprint()}".encode()).hexdigest()


def record_bytes(
    config: Config,
    templates: str,
    site_files: str,
    issues: Mapping[str, Sequence[tuple[str, str]]],
    emails: Sequence[str],
    order: Sequence[str],
    drafts_of: str = "",
    request: Request = Request(),
) -> bytes:
    """`order`: the published issues from oldest to newest, as their pages link them;
    `request`: what the build was asked for, which says what a build by the same command
    makes now (which issue's drafts it shows)."""
    data = {
        "about": ABOUT,
        "settings": settings_digest(config),
        "templates": templates,
        "site_files": site_files,
        "code": code_digest(),
        "issues": {issue_id: dict(files) for issue_id, files in sorted(issues.items())},
        "emails": sorted(emails),
        "neighbours": neighbours(order),
        "drafts_of": drafts_of,
        "request": {"issue": request.issue, "drafts": request.drafts},
    }
    # ASCII with escapes: a file name that is not UTF-8 round-trips too.
    return (json.dumps(data, indent=1, sort_keys=True) + "\n").encode()


def read_record(path: Path) -> BuildRecord | None:
    """The record in a marker file, or None where there is none or it cannot be read."""
    try:
        return record_from_bytes(read_regular(path, MAX_RECORD_BYTES, "build record"))
    except DigestError:
        return None


def record_from_bytes(written: bytes) -> BuildRecord | None:
    """The record `record_bytes` wrote, or None where `written` is not one."""
    try:
        data = json.loads(written)
        issues = {str(i): {str(n): str(d) for n, d in files.items()} for i, files in data["issues"].items()}
        return BuildRecord(
            str(data["settings"]),
            str(data["templates"]),
            str(data["site_files"]),
            str(data["code"]),
            issues,
            tuple(data["emails"]),
            {str(i): (str(p), str(n)) for i, (p, n) in data["neighbours"].items()},
            str(data["drafts_of"]),
            _request(data.get("request")),
        )
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None  # not a record digest wrote (JSON nested thousands deep included)


def _request(data: object) -> Request:
    """The request as recorded; a record without one (written by an older digest, whose
    code differs anyway) reads as a build of the newest issue without drafts."""
    if not isinstance(data, dict):
        return Request()
    return Request(str(data["issue"]), bool(data["drafts"]))


def neighbours(order: Sequence[str]) -> dict[str, tuple[str, str]]:
    """Each issue's previous and next issue in `order` (oldest first), "" at either end."""
    padded = ["", *order, ""]
    return {issue_id: (padded[i], padded[i + 2]) for i, issue_id in enumerate(order)}


def what_changed(
    record: BuildRecord,
    config: Config,
    templates: str,
    site_files: str,
    issue_id: str,
    files: Mapping[str, Sequence[tuple[str, str]]],
    order: Sequence[str],
    drafts_now: str = "",
    draft_issue: bool = False,
) -> str | None:
    """Why the issue's outputs in the build are not what a build now (by the same command)
    would make, or None. `files`: every issue's file digests now; `order`: the issues such
    a build publishes, oldest first; `drafts_now`: the issue it builds with its drafts;
    `draft_issue`: whether the issue is marked 'draft: true'."""
    built = record.issues.get(issue_id)
    if built is None:
        return "not in the last build"
    unreadable = _unreadable_now(built, files.get(issue_id, ()))
    if unreadable:
        return f"{unreadable} cannot be read now: check its permissions"
    changed = _changed_files(built, files.get(issue_id, ()))
    if changed:
        return f"{changed} changed since the build"
    if record.drafts_of == issue_id:
        if draft_issue:
            return "built with --drafts: the issue is marked 'draft: true'"
        return "built with --drafts: its draft reviews are in the output"
    if drafts_now == issue_id:
        return "built without its drafts, which a build now (--drafts) puts in the output"
    neighbour = _neighbour_change(record, issue_id, files, order, drafts_now)
    if neighbour:
        return neighbour
    return _shared_change(record, config, templates, site_files)


def _unreadable_now(built: Mapping[str, str], files: Sequence[tuple[str, str]]) -> str | None:
    """A file the build read that cannot be read now: not known to have changed."""
    names = sorted(name for name, digest in files if digest == UNREADABLE and built.get(name) != UNREADABLE)
    return names[0] + (f" and {len(names) - 1} more" if len(names) > 1 else "") if names else None


def _changed_files(built: Mapping[str, str], files: Sequence[tuple[str, str]]) -> str | None:
    """The files that changed since the build. One the build could not read changed
    nothing it made: a build that needs a file it could not read stops, so none used it."""
    now = dict(files)
    changed = sorted(name for name in {*built, *now} if built.get(name) not in (now.get(name), UNREADABLE))
    if not changed:
        return None
    return changed[0] + (f" and {len(changed) - 1} more" if len(changed) > 1 else "")


def _neighbour_change(
    record: BuildRecord,
    issue_id: str,
    files: Mapping[str, Sequence[tuple[str, str]]],
    order: Sequence[str],
    drafts_now: str,
) -> str | None:
    """Its pages show the previous and next issue (a template may show any of their
    summaries, their reviews and drafts included)."""
    was = record.neighbours.get(issue_id, ("", ""))
    now = neighbours(order).get(issue_id, ("", ""))
    for label, before, after in zip(("previous", "next"), was, now, strict=True):
        if before != after and before not in order and before in files:
            return f"its {label} issue, {before}, does not load now, so its place is not known"
        if before != after:
            return f"its {label} issue is now {after or 'none'} (was {before or 'none'})"
        if after and _changed_files(record.issues.get(after, {}), files.get(after, ())):
            return f"its {label} issue, {after}, changed since the build"
        if after and record.drafts_of == after != drafts_now:
            return f"its {label} issue, {after}, was built with its drafts, which a build now leaves out"
        if after and drafts_now == after != record.drafts_of:
            return f"its {label} issue, {after}, would now be built with its drafts"
    return None


def _shared_change(record: BuildRecord, config: Config, templates: str, site_files: str) -> str | None:
    if record.settings != settings_digest(config):
        return "built with other settings than digest.toml's (edited since, or given on the command line)"
    if record.templates != templates:
        return "the templates changed since the build"
    if record.site_files != site_files:
        return "the static folder or the logo changed since the build"
    if record.code != code_digest():
        return "digest or a library it uses was upgraded since the build"
    return None
