"""What the preview's watcher knows of each source: its digest, taken again only when it may
have changed.

Every watched file is looked at every half second. A small file of the previewed issue, the
templates, the static folder or the settings is hashed each time (it costs less than a
thought about it); a large one (a photo of an issue), and any file of the other issues (an
archive of hundreds, which the build shows in its archive page and neighbours' links), is
hashed again only when what the system keeps about it changed: its device, inode, size,
mode, modification and change times. An edit that puts a file's size and modification date back still moves
its change time, which no one can set; but timestamps have a granularity, so a file
changed within SETTLED_NS of the clock could change again under the same stamps, and is
hashed on every look until it has settled (as git treats a "racily clean" index entry).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from digest.files import sha256_of

LARGE_BYTES = 64 * 1024  # hashed again only on a sign of change from here on
SETTLED_NS = 2_000_000_000  # past any file system's timestamp granularity (FAT's is two seconds)

Signature = tuple[int, int, int, int, int, int]


class Watched(NamedTuple):
    """A watched file: the file read for it (a link's target, checked to lie in its folder)
    and the size from which its digest is remembered between looks (0: any size)."""

    real: str
    remembered_from: int = LARGE_BYTES


@dataclass(frozen=True)
class _Known:
    signature: Signature
    digest: str


class SourceStamps:
    """Digests of the watched files, remembered for large settled files between looks."""

    def __init__(self, clock: Callable[[], int] = time.time_ns) -> None:
        self._clock = clock
        self._known: dict[str, _Known] = {}

    def digests(self, files: Mapping[Path, Watched], read_limit: int) -> dict[Path, str]:
        """Each watched path's digest. A file that cannot be read is left out; one over
        `read_limit`, which no build reads (each knows it by its size alone), is never read
        here either: its size stands for it."""
        known: dict[str, _Known] = {}
        found: dict[Path, str] = {}
        for shown, watched in files.items():
            digest = self._digest(watched, known, read_limit)
            if digest is not None:
                found[shown] = digest
        self._known = known  # a file no longer watched is forgotten
        return found

    def _digest(self, watched: Watched, known: dict[str, _Known], read_limit: int) -> str | None:
        real, started = watched.real, self._clock()
        try:
            info = os.stat(real, follow_symlinks=False)
            if info.st_size > read_limit:
                return f"too large to read: {info.st_size} bytes"
            signature = _signature(info)
            remembered = self._known.get(real)
            if remembered is not None and remembered.signature == signature:
                known[real] = remembered
                return remembered.digest
            digest = sha256_of(real, read_limit)
            after = os.stat(real, follow_symlinks=False)
        except OSError:
            return None
        if (
            _signature(after) == signature
            and after.st_size >= watched.remembered_from
            and _settled(after, started)
        ):
            known[real] = _Known(signature, digest)
        return digest


def _signature(info: os.stat_result) -> Signature:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mode, info.st_mtime_ns, info.st_ctime_ns)


def _settled(info: os.stat_result, started: int) -> bool:
    """Whether the file's last change lies far enough before the look began that a change
    now would get other stamps (a date in the future never settles)."""
    return max(info.st_mtime_ns, info.st_ctime_ns) < started - SETTLED_NS
