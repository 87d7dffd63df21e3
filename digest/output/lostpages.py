"""The issues and review pages the last build wrote and this one does not.

An issue's pages are named by its folder, and a review's page by its issue and its `slug:`,
else its title: renaming an issue, moving a review to another issue or retitling it moves
pages, and the links to the old addresses in the emails already sent and in the feeds lead
nowhere. The build names each address it no longer writes, with what keeps it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

from digest.output.export import MARKER, is_digest_output
from digest.output.record import BuildRecord, read_record, record_from_bytes

# A page name as digest makes one (render/markdown.py's slugify): nothing else in the
# output folder is taken for a review's page, nor printed.
PAGE_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")

# What each note says, after the address of the issue or the page.
NO_LONGER_WRITTEN = "of the last build, is no longer written"
LEAD_NOWHERE = "in the emails already sent and in the feeds lead nowhere now"


def lost_pages(output: Path, outputs: Mapping[str, bytes], record: bytes = b"") -> list[str]:
    """A note for each issue and each review page the last build wrote into `output` and
    `outputs` leaves out; none for a draft issue or the draft reviews of a --drafts build.
    `record`: this build's record, which tells a renamed issue by its files."""
    if not is_digest_output(output):
        return []
    last = read_record(output / MARKER)
    if last is None:
        return []
    now = record_from_bytes(record) if record else None
    notes = []
    for issue_id in sorted(last.issues):
        if issue_id == last.drafts_of:
            continue
        if f"{issue_id}/index.html" not in outputs:
            notes.append(_lost_issue(issue_id, _renamed(issue_id, last, now)))
            continue
        for name in _page_names(output / issue_id):
            if f"{issue_id}/{name}/index.html" not in outputs:
                notes.append(_lost_page(issue_id, name, _moved_to(output, outputs, issue_id, name)))
    return notes


def _lost_issue(issue_id: str, renamed: str) -> str:
    if renamed:
        return (
            f"{issue_id}/, an issue {NO_LONGER_WRITTEN} (renamed {renamed}, by its files): "
            f"the links to its pages {LEAD_NOWHERE}, and feed readers show it again as a new "
            f"entry; to keep its addresses, name its folder '{issue_id}' again"
        )
    return (
        f"{issue_id}/, an issue {NO_LONGER_WRITTEN} (removed, renamed or made a draft?): "
        f"the links to its pages {LEAD_NOWHERE}"
    )


def _lost_page(issue_id: str, name: str, moved_to: str) -> str:
    if moved_to:
        return (
            f"{issue_id}/{name}/, a page {NO_LONGER_WRITTEN}: the review is now at {moved_to}/{name}/ "
            f"(moved to another issue?): the links to the old address {LEAD_NOWHERE}; to keep the "
            f"address, keep a copy of the review in {issue_id}, listed in its issue.md"
        )
    return (
        f"{issue_id}/{name}/, a page {NO_LONGER_WRITTEN} (a review retitled or taken out?): "
        f"the links to it {LEAD_NOWHERE}; to keep the address, give the review 'slug: {name}'"
    )


def _renamed(issue_id: str, last: BuildRecord, now: BuildRecord | None) -> str:
    """The issue of this build, new in it, that holds most of the files `issue_id` held in the
    last build (at least half of them, by their bytes), or ""."""
    if now is None:
        return ""
    held = set(last.issues[issue_id].values())
    new = {other: set(files.values()) for other, files in now.issues.items() if other not in last.issues}
    shared = {other: len(held & digests) for other, digests in new.items()}
    best = max(sorted(shared), key=lambda other: shared[other], default="")
    return best if best and 2 * shared[best] >= len(held) > 0 else ""


def _moved_to(output: Path, outputs: Mapping[str, bytes], issue_id: str, name: str) -> str:
    """The other issue where this build writes a page `name` that the last build did not, or ""."""
    for path in sorted(outputs):
        other, _, rest = path.partition("/")
        if (
            other != issue_id
            and rest == f"{name}/index.html"
            and not os.path.isfile(os.path.join(output, other, name, "index.html"))
        ):
            return other
    return ""


def _page_names(folder: Path) -> list[str]:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    return sorted(
        entry.name
        for entry in entries
        if PAGE_NAME.fullmatch(entry.name)
        and entry.is_dir(follow_symlinks=False)
        and os.path.isfile(os.path.join(entry.path, "index.html"))
    )
