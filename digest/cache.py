"""A content-addressed cache of work whose result depends only on its inputs.

Values are stored in an embedded SQLite database under the cache folder, keyed by a
hash of everything that shapes them: the input bytes, the settings, digest's own code
and the versions of every installed library (a sanitiser upgraded after a security fix
must not keep serving what the old one let through). A change to any of those is a new
key, so a stale value is never read. Sources are identified by the hash of their bytes,
never by their size or date.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import importlib
import io
import os
import pickle
import sqlite3
import stat
import sys
import time
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from digest import __version__
from digest.files import remove_tree, written_in_place_only_if_ours

T = TypeVar("T")
SCHEMA = "digest-cache-v4"  # v4: each value stored after the SHA-256 of its bytes
BUILD_CACHE_FILE = "build.sqlite3"  # in the cache folder ([build] cache_dir)
MAX_UNUSED_SECONDS = 30 * 24 * 3600
# An entry's last use is recorded at most daily: rewriting thousands of rows on every
# build cost more than the work they saved.
TOUCH_AFTER_SECONDS = 24 * 3600
FLUSH_BYTES = 8 * 1024 * 1024
# What SQLite says of a file it cannot read as a database, or whose pages do not add up
# (SQLITE_CORRUPT and its extended codes: SQLITE_CORRUPT_INDEX for a damaged index).
DAMAGED = ("SQLITE_CORRUPT", "SQLITE_NOTADB")
# What it says of a database another connection holds (a preview building beside a build).
BUSY = ("SQLITE_BUSY", "SQLITE_LOCKED")
# How far ahead of now a time kept in the link cache may be (clocks set a little apart) and still
# be trusted: one kept while the clock was set years on would otherwise stay fresh for years.
CLOCK_SLACK = 300.0


class BuildCache:
    """Get-or-compute for pickled values. Where the database cannot be used, the build goes
    on without it and `notices` says so once; an unreadable database is replaced."""

    def __init__(self, path: Path | None) -> None:
        self._db: sqlite3.Connection | None = None
        self._pending: dict[str, bytes] = {}
        self._pending_bytes = 0
        self._stale: set[str] = set()  # read, with a last use older than a day
        self._now = int(time.time())  # for housekeeping only, never for outputs
        self._path = path
        self._in_worker = False  # a forked worker's copy: computes, never writes
        self._read_only = False  # a file the system refuses to let us write: read, never written
        self._closed_for_fork = False
        self.notices: list[str] = []
        if path is not None:
            self._db = self._open_or_rebuild(path)

    def _open_or_rebuild(self, path: Path) -> sqlite3.Connection | None:
        # A folder where the database or a file SQLite keeps beside it belongs (a copy, a
        # restore or a hand gone wrong) was named on every build, never cleared: the cache
        # folder is digest's, so it is removed as a damaged file is, and said once.
        if any(_is_folder(each) for each in database_files(path)):
            return self._replaced(path, "was a folder and has been replaced")
        try:
            return _open(path)
        # Not a database, or a damaged one: start afresh. A bit flipped in the schema's text
        # (a table's name) is quoted in SQLite's message, which Python then fails to decode.
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            if getattr(exc, "sqlite_errorname", "").startswith(BUSY):
                self._without_cache(path, exc)  # another build's, in use: never deleted under it
                return None
            if read_only(exc, path):
                self._say_read_only(path)  # its owner's choice, never damage
                return None
        except (OSError, sqlite3.Error) as exc:
            self._without_cache(path, exc)
            return None
        return self._replaced(path, "was unreadable and has been rebuilt")

    def _replaced(self, path: Path, why: str) -> sqlite3.Connection | None:
        """A new, empty database in place of a damaged one, and a notice saying so."""
        try:
            for leftover in database_files(path):
                if _is_folder(leftover):
                    remove_tree(leftover)
                else:
                    leftover.unlink(missing_ok=True)
            database = _open(path)
        except (OSError, sqlite3.Error) as exc:
            self._without_cache(path, exc)
            return None
        self.notices.append(f"{path}: the build cache {why}")
        return database

    def _failed(self, exc: sqlite3.Error) -> None:
        """A damaged database (found in the middle of a build, where opening it found nothing
        wrong: a power cut can tear a page, as no write waits for the disk) is replaced at
        once, so the next builds are not slowed by it; what it held is computed again."""
        if self._path is not None and read_only(exc, self._path):
            self._say_read_only(self._path)  # read on, write no more
            return
        damaged = getattr(exc, "sqlite_errorname", "").startswith(DAMAGED)
        if not damaged or self._in_worker or self._path is None:
            return
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = self._replaced(self._path, "was damaged and has been replaced")

    def _say_read_only(self, path: Path) -> None:
        self._read_only = True
        self._pending.clear()
        self._pending_bytes = 0
        notice = (
            f"{path}: the build cache is read-only, so nothing this build computes is kept: "
            "make the file writable, or delete it"
        )
        if notice not in self.notices:
            self.notices.append(notice)

    def _without_cache(self, path: Path, exc: Exception) -> None:
        self.notices.append(f"{path}: the build cache cannot be used ({exc}); building without it")

    def get_or_compute(self, key: str, compute: Callable[[], T]) -> T:
        cached = self.get(key)
        if cached is not None:
            value: T = cached  # type: ignore[assignment]
            return value
        value = compute()
        self.put(key, value)
        return value

    def holds(self, key: str) -> bool:
        """Whether a value is stored under `key` (without reading it)."""
        if key in self._pending:
            return True
        if self._db is None:
            return False
        try:
            return self._db.execute("SELECT 1 FROM entries WHERE key = ?", (key,)).fetchone() is not None
        except sqlite3.Error as exc:
            self._failed(exc)
            return False

    def get(self, key: str) -> object | None:
        """The value stored under `key`, or None."""
        cached = self._read(key)
        if cached is None:
            return None
        try:
            value: object = _DataUnpickler(io.BytesIO(cached)).load()
        except Exception:  # written by an incompatible version, or not digest's: compute it again
            return None
        return value

    def put(self, key: str, value: object) -> None:
        self.put_pickled(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def put_pickled(self, key: str, data: bytes) -> None:
        """Store a value pickled elsewhere (by a worker process) with the highest protocol."""
        if self._read_only or (self._db is None and not (self._in_worker or self._closed_for_fork)):
            return
        # Held for the next write; past a few megabytes written now, so a cold build of a
        # large archive does not keep every value of the cache in memory too.
        self._pending[key] = data
        self._pending_bytes += len(data)
        if self._pending_bytes > FLUSH_BYTES:
            self._write_pending()

    @contextlib.contextmanager
    def forking(self) -> Iterator[None]:
        """While workers are forked, no connection is open: SQLite's state may not cross a
        fork. What was computed is written first, for the workers to read; the connection
        comes back at `reopen` (after the forks), or at the end."""
        self._write_pending()
        if self._db is not None:
            self._db.close()
            self._db, self._closed_for_fork = None, True
        try:
            yield
        finally:
            self.reopen()

    def reopen(self) -> None:
        if self._closed_for_fork and self._path is not None:
            self._closed_for_fork = False
            self._db = self._open_or_rebuild(self._path)

    @property
    def usable(self) -> bool:
        return self._db is not None

    def in_worker(self) -> None:
        """In a forked worker (digest/workers.py, forked while no connection was open): a
        connection of its own, and what the worker computes held for `taken`, never
        written: the parent stores it."""
        if not self._closed_for_fork or self._path is None:
            return
        self._closed_for_fork, self._in_worker = False, True
        self._pending.clear()
        self._pending_bytes = 0
        with contextlib.suppress(sqlite3.Error):
            self._db = sqlite3.connect(self._path)

    def taken(self) -> dict[str, bytes]:
        """What was computed since the last call, pickled, no longer held here."""
        pending, self._pending, self._pending_bytes = self._pending, {}, 0
        return pending

    def save(self) -> None:
        """Write what was computed, mark what was used, and drop entries no build has used
        for a month, so the file does not grow with every edit. The clock is read for this
        housekeeping only, never for outputs."""
        if self._db is None:
            return
        self._write_pending()
        if self._db is None or self._read_only:
            return
        try:
            with self._db:
                self._db.executemany(
                    "UPDATE entries SET used_at = ? WHERE key = ?", ((self._now, key) for key in self._stale)
                )
                self._db.execute("DELETE FROM entries WHERE used_at < ?", (self._now - MAX_UNUSED_SECONDS,))
        except sqlite3.Error as exc:
            self._failed(exc)
        self._stale.clear()

    def _write_pending(self) -> None:
        """One transaction: a killed run leaves every entry either whole or absent."""
        if self._db is None or self._in_worker or not self._pending:
            return
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO entries (key, value, used_at) VALUES (?, ?, ?)",
                    ((key, _sealed(key, value), self._now) for key, value in self._pending.items()),
                )
        except sqlite3.Error as exc:
            self._failed(exc)
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
        except sqlite3.Error as exc:
            self._failed(exc)
            return None
        if row is None:
            return None
        value = _unsealed(key, bytes(row[0]))
        if value is not None and row[1] < self._now - TOUCH_AFTER_SECONDS:
            self._stale.add(key)
        return value


# SQLite checks no value's bytes: a flipped bit that still unpickles would be served as
# a different title or page, so each value carries its own digest, of its key too: a torn
# index page can lead a key to another entry's whole value.
_SEAL_BYTES = hashlib.sha256().digest_size


def _seal(key: str, value: bytes | memoryview) -> bytes:
    seal = hashlib.sha256(key.encode("utf-8", "surrogateescape") + b"\0")
    seal.update(value)  # not joined to the key: a page's bytes are not copied to be sealed
    return seal.digest()


def _sealed(key: str, value: bytes) -> bytes:
    return _seal(key, value) + value


def _unsealed(key: str, stored: bytes) -> bytes | None:
    """The value sealed in `stored` for `key`, or None where its bytes no longer match their digest."""
    if len(stored) < _SEAL_BYTES or _seal(key, memoryview(stored)[_SEAL_BYTES:]) != stored[:_SEAL_BYTES]:
        return None
    return stored[_SEAL_BYTES:]


class _DataUnpickler(pickle.Unpickler):
    """Unpickles digest's own data and nothing else. A pickle can name any callable to run
    while it loads; one planted in the cache file must not run code, create files or even
    import a module: only the data classes digest stores (and dates and paths) are let in."""

    OTHERS = frozenset(
        {
            ("datetime", "datetime"),
            ("datetime", "date"),
            ("datetime", "timedelta"),
            ("datetime", "timezone"),
            ("pathlib", "PosixPath"),
            ("pathlib", "PurePosixPath"),
            ("pathlib", "WindowsPath"),
            ("builtins", "set"),
            ("builtins", "frozenset"),
        }
    )

    def find_class(self, module: str, name: str) -> Any:
        found = _data_class(module, name)
        if found is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not data digest stores")
        return found


# The modules whose data classes the cache holds. Only these are imported to unpickle (an
# entry naming digest.__main__ or the command line must not run it); a class missing here
# is refused, and the value computed again.
STORED_MODULES = frozenset(
    {
        "digest.model",
        "digest.errors",
        "digest.sources.issue",
        "digest.sources.assets",
        "digest.render.markdown",
        "digest.render.images",
        "digest.render.remote",
        "digest.render.assets",
        "digest.render.feeds",
        "digest.checks.build",
        "digest.checks.clients.locator",
        "digest.checks.clients.mailclients",
        "digest.checks.clients.report",
        "digest.checks.email_rules",
        "digest.checks.http",
        "digest.checks.images",
        "digest.checks.links",
        "digest.checks.origins",
        "digest.checks.urls",
    }
)


@lru_cache(maxsize=256)
def _data_class(module: str, name: str) -> type | None:
    if (module, name) in _DataUnpickler.OTHERS:
        found = getattr(importlib.import_module(module), name)
        return found if isinstance(found, type) else None
    if module in STORED_MODULES:
        found = getattr(importlib.import_module(module), name, None)
        if isinstance(found, type) and (dataclasses.is_dataclass(found) or _is_error(found)):
            return found
    return None


def _is_error(kind: type) -> bool:
    from digest.errors import DigestError

    return issubclass(kind, DigestError)


def read_only(error: BaseException, path: Path) -> bool:
    """The database is a file the system refuses to let us write (its mode, the immutable
    attribute, a read-only mount): SQLite opens it for reading only and says so at the first
    write. It says the same of a folder in the place of its index (`-shm`), which is damage."""
    return (
        getattr(error, "sqlite_errorname", "").startswith("SQLITE_READONLY")
        and os.path.isfile(path)
        and not os.access(path, os.W_OK)
    )


def _database_files(path: Path) -> tuple[Path, Path, Path]:
    return path, path.with_name(f"{path.name}-wal"), path.with_name(f"{path.name}-shm")


def _is_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def database_files(path: Path) -> tuple[Path, ...]:
    """The database at `path` and every file SQLite keeps beside it: its journals, its index."""
    return (*_database_files(path), path.with_name(f"{path.name}-journal"))


def _open(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    for each in (*_database_files(path), path.with_name(f"{path.name}-journal")):
        written_in_place_only_if_ours(each)  # a pipe for a journal was waited on for ever
    database = sqlite3.connect(path)
    try:
        # Values are tens to hundreds of kilobytes: large pages read and write them in a
        # few system calls instead of one per 4 KB (this applies to a new file only).
        database.execute("PRAGMA page_size=65536")
        # No write waits for the disk: the waits (creating the file, switching it to WAL,
        # the checkpoint as it closes) took 30-60 ms of a build while the disk was busy
        # with other work. A power cut may then
        # lose entries or tear a page; each value carries its own digest, so nothing torn
        # is ever served, and a damaged database is replaced (BuildCache._failed).
        database.execute("PRAGMA synchronous=OFF")
        database.execute("PRAGMA journal_mode=WAL")
        database.execute(
            "CREATE TABLE IF NOT EXISTS entries"
            " (key TEXT PRIMARY KEY, value BLOB NOT NULL, used_at INTEGER NOT NULL)"
        )
        # Without it, finding the month-old entries reads every value from disk.
        database.execute("CREATE INDEX IF NOT EXISTS entries_by_use ON entries (used_at)")
        database.execute("SELECT count(*) FROM entries WHERE key = ''").fetchone()
    except BaseException:
        database.close()
        raise
    return database


def cache_key(kind: str, *parts: bytes | str) -> str:
    """A key for `kind` of work on these inputs, tied to this code and these libraries."""
    digest = hashlib.sha256()
    for part in (SCHEMA, code_fingerprint(), libraries_fingerprint(), kind, *parts):
        # surrogateescape: a file name that is not UTF-8 (bytes Python escapes) still hashes.
        data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The package version and every file of it (its source and its data, such as the email
    client support table a refresh rewrites), so a changed parser never serves old results."""
    return package_fingerprint(Path(__file__).parent)


def package_fingerprint(package: Path) -> str:
    """The digest of `package`'s files, by their names and bytes, and of digest's version."""
    digest = hashlib.sha256(__version__.encode())
    for parts in sorted(_package_files(package)):
        digest.update("/".join(parts).encode())
        with open(os.path.join(package, *parts), "rb") as file:
            digest.update(file.read())
    return digest.hexdigest()


def _package_files(package: Path) -> Iterator[tuple[str, ...]]:
    """Each file of the package as the names leading to it, the folders compiled from them
    left out (os.walk prunes them: walking them with pathlib took most of this function's
    time, about 8 ms a build)."""
    skipped = {"__pycache__", "_theme_code", "_compiled"}  # compiled from the files hashed here
    for folder, subfolders, names in os.walk(package):
        subfolders[:] = [name for name in subfolders if name not in skipped]
        relative = os.path.relpath(folder, package)
        above = () if relative == os.curdir else tuple(relative.split(os.sep))
        yield from ((*above, name) for name in names if os.path.isfile(os.path.join(folder, name)))


@lru_cache(maxsize=1)
def libraries_fingerprint() -> str:
    """The name and version of every installed distribution (the names of their metadata
    folders say both), so upgrading nh3, lxml, MJML or any other library is a new key.
    Listing the folders costs a fraction of a millisecond; asking each version costs 40."""
    names: list[str] = [sys.version]
    for folder in filter(None, sys.path):
        with contextlib.suppress(OSError):
            names.extend(n for n in os.listdir(folder) if n.endswith((".dist-info", ".egg-info")))
    return hashlib.sha256("\n".join(sorted(names)).encode()).hexdigest()
