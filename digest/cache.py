"""A content-addressed cache of work whose result depends only on its inputs.

Values are stored in an embedded SQLite database under the cache folder, keyed by a
hash of everything that shapes them: the input bytes, the settings, and the source of
the code that computes them. A change to any of those is a new key, so a stale value
is never read; an unchanged review is not parsed and rendered again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sqlite3
import time
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from digest import __version__

T = TypeVar("T")
SCHEMA = "digest-cache-v2"
MAX_UNUSED_SECONDS = 30 * 24 * 3600
# An entry's last use is recorded at most daily: rewriting thousands of rows on every
# build cost more than the work they saved.
TOUCH_AFTER_SECONDS = 24 * 3600
FLUSH_BYTES = 8 * 1024 * 1024
FINE_TIMESTAMPS_NS = 10_000_000  # Linux file times tick with the kernel clock, every few ms
COARSE_TIMESTAMPS_NS = 2_000_000_000  # FAT's two seconds: dates in whole 10 ms or coarser


def settled(mtime_ns: int, recorded_ns: int) -> bool:
    """Whether a file dated `mtime_ns` was written before a record made at `recorded_ns` by
    more than the file system's timestamp tick, so that any later change to it would show
    in its date (git's test for "racy" index entries)."""
    tick = COARSE_TIMESTAMPS_NS if mtime_ns % FINE_TIMESTAMPS_NS == 0 else FINE_TIMESTAMPS_NS
    return mtime_ns < recorded_ns - tick


class BuildCache:
    """Get-or-compute for pickled values; silently does without where the database fails."""

    def __init__(self, path: Path | None) -> None:
        self._db: sqlite3.Connection | None = None
        self._pending: dict[str, bytes] = {}
        self._pending_bytes = 0
        self._stale: set[str] = set()  # read, with a last use older than a day
        self._now = int(time.time())  # for housekeeping only, never for outputs
        self._files: dict[str, tuple[str, int, int, int]] | None = None  # path: digest, size, mtime, recorded
        self._new_files: dict[str, tuple[str, int, int, int]] = {}
        if path is not None:
            self._db = _open(path)

    def file_digest(self, path: str) -> str:
        """The sha256 of a file's bytes, known without reading it while its size and date are
        what they were when it was last read (and that date was settled then)."""
        stat = os.stat(path)
        known = self._known_files().get(path)
        if (
            known is not None
            and known[1:3] == (stat.st_size, stat.st_mtime_ns)
            and settled(known[2], known[3])
        ):
            return known[0]
        digest = file_sha256(path)
        self._new_files[path] = (digest, stat.st_size, stat.st_mtime_ns, time.time_ns())
        return digest

    def _known_files(self) -> dict[str, tuple[str, int, int, int]]:
        if self._files is None:
            self._files = {}
            if self._db is not None:
                with contextlib.suppress(sqlite3.Error):
                    rows = self._db.execute("SELECT path, digest, size, mtime_ns, recorded_ns FROM files")
                    self._files = {row[0]: (row[1], row[2], row[3], row[4]) for row in rows}
        return self._files

    def get_or_compute(self, key: str, compute: Callable[[], T]) -> T:
        cached = self._read(key)
        if cached is not None:
            try:
                value: T = pickle.loads(cached)
                return value
            except Exception:  # a value written by an incompatible version: compute it again
                pass
        value = compute()
        if self._db is not None:
            self._remember(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        return value

    def get(self, key: str) -> object | None:
        """The value stored under `key`, or None."""
        cached = self._read(key)
        if cached is None:
            return None
        try:
            value: object = pickle.loads(cached)
        except Exception:  # a value written by an incompatible version
            return None
        return value

    def put(self, key: str, value: object) -> None:
        self.put_pickled(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def has(self, key: str) -> bool:
        if key in self._pending:
            return True
        if self._db is None:
            return False
        try:
            return self._db.execute("SELECT 1 FROM entries WHERE key = ?", (key,)).fetchone() is not None
        except sqlite3.Error:
            return False

    def put_pickled(self, key: str, data: bytes) -> None:
        """Store a value pickled elsewhere (by a worker process) with the highest protocol."""
        if self._db is not None:
            self._remember(key, data)

    def _remember(self, key: str, data: bytes) -> None:
        """Hold a new value for the next write; past a few megabytes, write now, so a cold
        build of a large archive does not keep every value of the cache in memory too."""
        self._pending[key] = data
        self._pending_bytes += len(data)
        if self._pending_bytes > FLUSH_BYTES:
            self._write_pending()

    def save(self) -> None:
        """Write what was computed, mark what was used, and drop entries no build has used
        for a month, so the file does not grow with every edit. The clock is read for this
        housekeeping only, never for outputs."""
        if self._db is None:
            return
        self._write_pending()
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)",
                    ((path, *known) for path, known in self._new_files.items()),
                )
                self._db.executemany(
                    "UPDATE entries SET used_at = ? WHERE key = ?", ((self._now, key) for key in self._stale)
                )
                self._db.execute("DELETE FROM entries WHERE used_at < ?", (self._now - MAX_UNUSED_SECONDS,))
        except sqlite3.Error:
            pass
        self._stale.clear()
        self._new_files.clear()

    def _write_pending(self) -> None:
        """One transaction: a killed run leaves every entry either whole or absent."""
        if self._db is None or not self._pending:
            return
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO entries (key, value, used_at) VALUES (?, ?, ?)",
                    ((key, value, self._now) for key, value in self._pending.items()),
                )
        except sqlite3.Error:
            pass
        self._pending.clear()
        self._pending_bytes = 0

    def close(self) -> None:
        self.save()
        if self._db is not None:
            self._db.close()
            self._db = None

    def _read(self, key: str) -> bytes | None:
        if key in self._pending:
            return self._pending[key]
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT value, used_at FROM entries WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        if row is None:
            return None
        if row[1] < self._now - TOUCH_AFTER_SECONDS:
            self._stale.add(key)
        return bytes(row[0])


def _open(path: Path) -> sqlite3.Connection | None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path)
        # Values are tens to hundreds of kilobytes: large pages read and write them in a
        # few system calls instead of one per 4 KB (this applies to a new file only).
        db.execute("PRAGMA page_size=65536")
        db.execute("PRAGMA journal_mode=WAL")
        # No sync per commit: a power cut may lose the newest entries, never the database's
        # consistency, and a lost entry is only work done again. Syncing cost half a second
        # of a cold build.
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute(
            "CREATE TABLE IF NOT EXISTS entries"
            " (key TEXT PRIMARY KEY, value BLOB NOT NULL, used_at INTEGER NOT NULL)"
        )
        # Without it, finding the month-old entries reads every value from disk.
        db.execute("CREATE INDEX IF NOT EXISTS entries_by_use ON entries (used_at)")
        db.execute(
            "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, digest TEXT NOT NULL,"
            " size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, recorded_ns INTEGER NOT NULL)"
        )
        return db
    except (OSError, sqlite3.Error):
        return None


def file_sha256(path: str) -> str:
    """The sha256 of a file's bytes, as BuildCache.file_digest gives it."""
    return hashlib.sha256(_read_bytes(path)).hexdigest()


def _read_bytes(path: str) -> bytes:
    """A file's bytes with bare system calls: this runs for source files on every build."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        size = os.fstat(descriptor).st_size
        chunks = [os.read(descriptor, max(size, 1))]
        while chunks[-1]:  # a file that grew since fstat: read to its end
            chunks.append(os.read(descriptor, 1 << 20))
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def cache_key(kind: str, *parts: bytes | str) -> str:
    """A key for `kind` of work on these inputs, tied to this version of the code."""
    digest = hashlib.sha256()
    for part in (SCHEMA, code_fingerprint(), kind, *parts):
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The package version and its source, so a changed parser never serves old results."""
    package = Path(__file__).parent
    return _hash_files([__version__.encode()], package, sorted(package.rglob("*.py")))


def _hash_files(prefix: Iterable[bytes], package: Path, files: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for part in prefix:
        digest.update(part)
    for file in files:
        digest.update(file.relative_to(package).as_posix().encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()
