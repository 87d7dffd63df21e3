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
from digest.files import read_regular

ABOUT = "This folder is written by digest and replaced whole by every build: keep nothing else here."
MAX_RECORD_BYTES = 50_000_000


@dataclass(frozen=True)
class BuildRecord:
    settings: str
    templates: str
    site_files: str  # the static folder and the logo
    code: str
    issues: Mapping[str, Mapping[str, str]]  # issue id: {file name: digest}
    emails: tuple[str, ...]  # the issues whose email the build wrote
    neighbours: Mapping[str, tuple[str, str]]  # issue id: (previous, next), "" where none
    drafts_of: str  # the issue built with its draft reviews (--drafts), or ""


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
) -> bytes:
    """`order`: the published issues from oldest to newest, as their pages link them."""
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
    }
    # ASCII with escapes: a file name that is not UTF-8 round-trips too.
    return (json.dumps(data, indent=1, sort_keys=True) + "\n").encode()


def read_record(path: Path) -> BuildRecord | None:
    """The record in a marker file, or None where there is none or it cannot be read."""
    try:
        data = json.loads(read_regular(path, MAX_RECORD_BYTES, "build record"))
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
        )
    except (DigestError, ValueError, KeyError, TypeError, AttributeError):
        return None


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
) -> str | None:
    """Why the issue's outputs in the build are not what a build now would make, or None.
    `files`: every issue's file digests now; `order`: the published issues, oldest first."""
    built = record.issues.get(issue_id)
    if built is None:
        return "not in the last build"
    changed = _changed_files(built, files.get(issue_id, ()))
    if changed:
        return f"{changed} changed since the build"
    if record.drafts_of == issue_id:
        return "built with --drafts: its draft reviews are in the output"
    neighbour = _neighbour_change(record, issue_id, files, order)
    if neighbour:
        return neighbour
    return _shared_change(record, config, templates, site_files)


def _changed_files(built: Mapping[str, str], files: Sequence[tuple[str, str]]) -> str | None:
    now = dict(files)
    changed = sorted(name for name in {*built, *now} if built.get(name) != now.get(name))
    if not changed:
        return None
    return changed[0] + (f" and {len(changed) - 1} more" if len(changed) > 1 else "")


def _neighbour_change(
    record: BuildRecord, issue_id: str, files: Mapping[str, Sequence[tuple[str, str]]], order: Sequence[str]
) -> str | None:
    """Its pages link the previous and next issue by their titles and dates."""
    was = record.neighbours.get(issue_id, ("", ""))
    now = neighbours(order).get(issue_id, ("", ""))
    for label, before, after in zip(("previous", "next"), was, now, strict=True):
        if before != after:
            return f"its {label} issue is now {after or 'none'} (was {before or 'none'})"
        if after and _changed_files(record.issues.get(after, {}), files.get(after, ())):
            return f"its {label} issue, {after}, changed since the build"
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
