"""Parsing many issues on every core, for a cold build of a large archive.

Only issues missing from the cache are parsed here, and only when there are enough of
them to pay for a second process (`make bench` shows a cold build of 1,000 reviews on two
cores nearly twice as fast). The workers are forked with the files already read, parse,
and hand back pickles for the cache. They die with the build: Linux kills them when their
parent dies (PR_SET_PDEATHSIG), and each also stops on its own once its parent is gone.
Anything that goes wrong in a worker is left for the ordinary one-by-one load to do
again and report.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from digest.config import Config
    from digest.sources.issue import IssueFiles

PARALLEL_FROM = 8  # issues to parse before a second process pays for itself
MAX_WORKERS = 4

# The work of one load, set in the parent before the workers are forked: they inherit it.
_JOBS: dict[str, tuple[Config, IssueFiles, str]] = {}


def parse_in_parallel(config: Config, jobs: dict[str, tuple[IssueFiles, str]]) -> dict[str, bytes]:
    """{issue id: pickled LoadedIssue} for the issues in `jobs` ({id: (files, key)}) that
    parse; nothing at all where a second process would not pay or cannot be had."""
    workers = min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1, MAX_WORKERS)
    if len(jobs) < PARALLEL_FROM or workers < 2 or not _can_fork():
        return {}
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    _JOBS.update({issue_id: (config, files, key) for issue_id, (files, key) in jobs.items()})
    parent = os.getpid()
    try:
        with ProcessPoolExecutor(workers, multiprocessing.get_context("fork"), _bind_to, (parent,)) as pool:
            results = pool.map(_parse, list(jobs), chunksize=max(1, len(jobs) // (workers * 4)))
            return {issue_id: data for issue_id, data in zip(jobs, results, strict=True) if data is not None}
    except (BrokenProcessPool, OSError):
        return {}
    finally:
        _JOBS.clear()


def _can_fork() -> bool:
    # Forking beside other threads (the preview server's) can deadlock the children.
    return sys.platform.startswith("linux") and threading.active_count() == 1


def _bind_to(parent: int) -> None:
    """In a worker: die with the parent, and leave Ctrl+C to it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def _parse(issue_id: str) -> bytes | None:
    from digest.errors import DigestError
    from digest.sources.issue import parse_issue

    config, files, key = _JOBS[issue_id]
    try:
        loaded = parse_issue(config, issue_id, files, False, key)
    except DigestError:
        return None  # the one-by-one load reports it
    return pickle.dumps(loaded, protocol=pickle.HIGHEST_PROTOCOL)
