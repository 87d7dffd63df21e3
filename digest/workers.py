"""Work spread over every core, for the cold builds of a large archive.

The workers are forked, so they start with everything the build has read and computed
(nothing is sent to them but a name), and hand back what they made. They die with the
build: Linux kills them when their parent dies (PR_SET_PDEATHSIG), and each also stops on
its own once its parent is gone. Where workers cannot be had (not Linux, other threads
running, one core), nothing is done here and the build does the work itself, one item
after the other; that is also where anything a worker could not do is done again and
reported.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from digest.cache import BuildCache

T = TypeVar("T")
MAX_WORKERS = 4
PAYS_FROM = 8  # items (issues, or their link checks) before a second process pays for itself
# Ctrl+C waits for the chunks the workers hold: at most this many items each (an issue is
# 50-100 ms of work), where a quarter of each worker's share was 125 issues of a 1,000-issue
# archive. Chunks of 3 measured as fast as chunks of 12 on two cores (bench/README.md).
MOST_ITEMS_A_CHUNK = 3

# The work of one run, set in the parent before the workers are forked: they inherit it.
_WORK: list[Callable[[str], object]] = []
_SETUP: list[Callable[[], None]] = []


def worker_count() -> int:
    """How many workers would pay: one per core the build may use; 0 where none can be forked."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    return min(cores, MAX_WORKERS) if cores >= 2 and _can_fork() else 0


def in_workers(
    work: Callable[[str], T], items: Sequence[str], setup: Callable[[], None] | None = None
) -> Iterator[tuple[str, T]]:
    """(item, work(item)) for the items, computed by forked workers (each runs `setup` once
    first), as they come back and in order; an item whose work failed is left out. Stops
    early, having yielded what it has, when a worker dies; yields nothing where workers
    cannot be had."""
    workers = worker_count()
    if workers < 2 or not items:
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    _WORK.append(work)
    _SETUP.append(setup or _nothing)
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(workers, context, _start, (os.getpid(),)) as pool:
            chunks = chunk_size(len(items), workers)
            for item, (done, result) in zip(items, pool.map(_run, items, chunksize=chunks), strict=False):
                if done:
                    yield item, result
    except (BrokenProcessPool, OSError):
        return
    finally:
        _WORK.clear()
        _SETUP.clear()


def chunk_size(items: int, workers: int) -> int:
    """Items handed to a worker at a time: a quarter of its share, so the last chunks
    finish together, but never so many that stopping the build waits long for them."""
    return max(1, min(items // (workers * 4), MOST_ITEMS_A_CHUNK))


# The work of `cache_in_workers`, set in the parent before the workers are forked.
_CACHED: list[tuple[BuildCache, Mapping[str, Callable[[], object]]]] = []


def cache_in_workers(cache: BuildCache | None, work: Mapping[str, Callable[[], object]]) -> None:
    """Each of `work`'s callables run by forked workers for what it stores in `cache`: a
    worker reads the cache through a connection of its own and hands back what it stored,
    which is stored here. A callable that fails stores nothing: whoever computes its
    values afterwards, one after the other, computes them again and reports why."""
    if cache is None or not cache.usable or not work:
        return
    _CACHED.append((cache, work))
    try:
        with cache.forking():  # the workers read what the build stored so far
            results = in_workers(_store, list(work), setup=cache.in_worker)
            for number, (_, entries) in enumerate(results):
                if number == 0:
                    cache.reopen()  # every worker is forked before the first result comes back
                for key, data in entries:
                    cache.put_pickled(key, data)
    finally:
        _CACHED.clear()


def _store(name: str) -> list[tuple[str, bytes]]:
    cache, work = _CACHED[0]
    try:
        work[name]()
    except Exception:  # this item only: the build does it again and reports it (see _run)
        cache.taken()
        return []
    return list(cache.taken().items())


def _can_fork() -> bool:
    # Forking beside other threads (the preview server's) can deadlock the children.
    return sys.platform.startswith("linux") and threading.active_count() == 1


def _nothing() -> None:
    return None


def _start(parent: int) -> None:
    """In a worker: die with the parent, leave Ctrl+C to it, die when terminated (a handler
    inherited from the parent would make the pool's terminate a Python exception, which the
    pool's worker catches and sends back, blocking on a pipe no one reads once the pool is
    broken), then set up for the work."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)
    _SETUP[0]()


def _run(item: str) -> tuple[bool, Any]:
    """(True, the work's result), or (False, None) where it failed, whatever the failure:
    the build does the item again itself, meeting failures in the items' order and
    reporting them as it does on one core (an exception raised here would surface first)."""
    try:
        return True, _WORK[0](item)
    except Exception:
        return False, None
