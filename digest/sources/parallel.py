"""Parsing many issues on every core, for a cold build of a large archive.

Only issues missing from the cache are parsed here, and only when there are enough of
them to pay for a second process (`make bench` shows a cold build of 1,000 reviews on two
cores nearly twice as fast). The workers (digest/workers.py) are forked with the files
already read, parse, and hand back pickles for the cache. Anything that goes wrong in a
worker is left for the ordinary one-by-one load to do again and report.
"""

from __future__ import annotations

import pickle
from typing import TYPE_CHECKING

from digest.workers import PAYS_FROM, in_workers

if TYPE_CHECKING:
    from digest.config import Config
    from digest.sources.issue import IssueFiles

# The work of one load, set in the parent before the workers are forked: they inherit it.
_JOBS: dict[str, tuple[Config, IssueFiles, str]] = {}


def parse_in_parallel(config: Config, jobs: dict[str, tuple[IssueFiles, str]]) -> dict[str, bytes]:
    """{issue id: pickled LoadedIssue} for the issues in `jobs` ({id: (files, key)}) that
    parse; nothing at all where a second process would not pay or cannot be had."""
    if len(jobs) < PAYS_FROM:
        return {}
    _JOBS.update({issue_id: (config, files, key) for issue_id, (files, key) in jobs.items()})
    try:
        return {issue_id: data for issue_id, data in in_workers(_parse, list(jobs)) if data is not None}
    finally:
        _JOBS.clear()


def _parse(issue_id: str) -> bytes | None:
    from digest.errors import DigestError
    from digest.sources.issue import parse_issue

    config, files, key = _JOBS[issue_id]
    try:
        loaded = parse_issue(config, issue_id, files, False, key)
    except (DigestError, OSError):
        return None  # the one-by-one load does it again and reports it
    return pickle.dumps(loaded, protocol=pickle.HIGHEST_PROTOCOL)
