"""Reading the project's files as hostile input.

Every source is read through here: a path must stay inside its folder once links are
resolved, must be a regular file (never a pipe, a device or a folder), and its size is
known before a byte is read. Walks never follow a folder link.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from digest.errors import ContentError, DigestError
from digest.scratch import is_scratch

CHUNK = 1 << 20
# The digest a walk gives a file it found but could not read (its permissions, or it was
# replaced meanwhile): a build that needs its bytes later must not take whatever it reads
# then, since nothing keyed them.
UNREADABLE = "unreadable when its folder was walked"


def changed_while_read(digest: str) -> str:
    """What to say of a file whose bytes are not those its walk gave `digest` for."""
    if digest == UNREADABLE:
        return (
            "the file was replaced (as an editor saves it) or could not be read as the build walked its "
            "folder, and can be read now: build again"
        )
    return "the file changed while the build read it: build again"


class MissingFile(ContentError):
    """The file is not there (never was, or was removed or renamed since it was found)."""


class ReplacedFile(ContentError):
    """Another file is there now than the one a walk found (an editor saved it by renaming a
    new file over it, or a folder above it was moved or made a link)."""


@dataclass(frozen=True)
class FoundFile:
    """A regular file found by a walk: its name relative to the walk's folder, its path,
    its size, whether it is reached through a link, and which file it was (device, inode;
    (0, 0) where the system gives none): a folder above it swapped for a link meanwhile
    leads its path to another file, told by that alone."""

    name: str
    path: str
    size: int
    linked: bool
    identity: tuple[int, int] = (0, 0)


def inside(path: Path | str, folder: Path | str) -> bool:
    """Whether `path`, with every link resolved, lies in `folder` (also resolved)."""
    real = os.path.realpath(path)
    root = os.path.realpath(folder)
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def spelled_as_stored(path: Path | str, root: Path | str, listed: Listings | None = None) -> bool:
    """Whether each name on the way from `root` to `path` is one its folder lists as written
    (up to Unicode form, which macOS does not keep). A case-insensitive file system (macOS,
    Windows) opens 'Chart.png' as chart.png where Linux finds nothing: judged by the names
    the folders list, a build says the same on every system. A folder that cannot be
    listed, or a name not there at all, is left to the checks that follow. `listed`: the
    folders listed already in one pass over many names (each listed once, not once a name)."""
    relative = os.path.relpath(os.path.normpath(path), os.path.normpath(root))
    if relative in (os.curdir, os.pardir) or relative.startswith(os.pardir + os.sep):
        return True
    listed = Listings() if listed is None else listed
    folder = os.fspath(root)
    for part in relative.split(os.sep):
        names = listed.names(folder)
        if names is None:
            return True
        if part not in names.as_listed:  # the names normalised only where it is not there as written
            wanted = unicodedata.normalize("NFC", part)
            if wanted not in names.composed:
                return wanted.casefold() not in names.folded
        folder = os.path.join(folder, part)
    return True


class _Names:
    """A folder's names: as listed, composed (NFC), and composed and case-folded."""

    def __init__(self, as_listed: frozenset[str]) -> None:
        self.as_listed = as_listed

    @cached_property
    def composed(self) -> frozenset[str]:
        return frozenset(unicodedata.normalize("NFC", name) for name in self.as_listed)

    @cached_property
    def folded(self) -> frozenset[str]:
        return frozenset(name.casefold() for name in self.composed)


class Listings:
    """The names of each folder listed in one pass (None for one that cannot be listed)."""

    def __init__(self) -> None:
        self._names: dict[str, _Names | None] = {}

    def names(self, folder: str) -> _Names | None:
        if folder not in self._names:
            try:
                self._names[folder] = _Names(frozenset(os.listdir(folder)))
            except OSError:
                self._names[folder] = None
        return self._names[folder]


def resolved(path: Path) -> Path:
    """`path` absolute with every link resolved as far as links lead: Path.resolve()
    raises RuntimeError on a loop of links (Python 3.11), a traceback where a setting
    names one; the loop is left for the checks that follow to report."""
    return Path(os.path.realpath(path))


def open_source(
    path: Path | str,
    folder: Path | str,
    max_bytes: int,
    what: str = "file",
    setting: str | None = None,
    identity: tuple[int, int] = (0, 0),
) -> int:
    """An open descriptor for a regular file inside `folder`, no larger than `max_bytes`.

    Raises ContentError naming the file and what to do otherwise. The caller closes it.
    """
    if not inside(path, folder):
        raise ContentError(
            f"this {what} is a link to a file outside {folder}: digest reads only the project's "
            "own files; copy the file in instead of linking it",
            path,
        )
    if os.path.islink(path) and not os.path.exists(path):
        raise ContentError(
            f"this {what} is a link that leads to no file ({os.readlink(path)}: missing, or a loop of "
            "links): point it at a file, or put the file in its place",
            path,
        )
    return open_regular(os.path.realpath(path), max_bytes, what, setting, shown=path, identity=identity)


def open_regular(
    real: Path | str,
    max_bytes: int,
    what: str,
    setting: str | None = None,
    shown: Path | str | None = None,
    identity: tuple[int, int] = (0, 0),
) -> int:
    """An open descriptor for the regular file `real` (links already resolved), no larger
    than `max_bytes`, and the very file a walk found as `identity` where one is given;
    errors name `shown` (default: `real`)."""
    path = real if shown is None else shown
    try:
        descriptor = os.open(real, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise MissingFile(f"{what} not found: check its name", path) from None
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket, or a device with nothing behind it
            raise ContentError(_not_regular(what), path) from None
        advice = ": check its permissions" if exc.errno in (errno.EACCES, errno.EPERM) else ""
        raise ContentError(f"cannot read the {what} ({exc.strerror}){advice}", path) from None
    try:
        info = os.fstat(descriptor)
        _check_regular(info, path, what)
        if not _same_file(info, identity):
            raise ReplacedFile(REPLACED, path)
        if info.st_size > max_bytes:
            raise ContentError(_too_large(what, info.st_size, max_bytes, setting), path)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


REPLACED = (
    "is not the file the build found here a moment before (it, or a folder above it, was moved, "
    "replaced or made a link meanwhile): build again once nothing is moving files"
)


FOLDER_REPLACED = (
    "is not the folder the build found here a moment before (it, or a folder above it, was moved, "
    "replaced or made a link meanwhile): build again once nothing is moving files"
)


def _same_file(info: os.stat_result, identity: tuple[int, int]) -> bool:
    """Whether the open file is the one a walk found (no identity given: nothing to compare)."""
    return identity[1] == 0 or (info.st_dev, info.st_ino) == identity


def _too_large(what: str, size: int, max_bytes: int, setting: str | None) -> str:
    """What to do about a file over its limit: raise the setting that holds it, where one does."""
    advice = f"make it smaller or raise {setting} in digest.toml" if setting else "make it smaller"
    return f"the {what} is {size:,} bytes, over the {max_bytes:,}-byte limit: {advice}"


def _check_regular(info: os.stat_result, path: Path | str, what: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise ContentError(f"is a folder, not {_a(what)}: name a file", path)
    if not stat.S_ISREG(info.st_mode):
        raise ContentError(_not_regular(what), path)


def _not_regular(what: str) -> str:
    return (
        f"is not a regular file (a pipe, socket or device), so it is not read as {_a(what)}: "
        "name an ordinary file"
    )


def _a(what: str) -> str:
    return f"an {what}" if what[:1] in ("a", "e", "i", "o", "u") else f"a {what}"


def read_source(
    path: Path | str,
    folder: Path | str,
    max_bytes: int,
    what: str = "file",
    setting: str | None = None,
    identity: tuple[int, int] = (0, 0),
) -> bytes:
    """The bytes of a regular file inside `folder`, refused before reading when too large
    (and when it is not the file a walk found as `identity`)."""
    return _read_all(open_source(path, folder, max_bytes, what, setting, identity), path, max_bytes, what)


# A source read again only to name the line a message is about: it was read and checked
# once; this reading is bounded all the same, and "" when it fails.
SOURCE_TEXT_LIMIT = 50_000_000


def source_text(path: Path) -> str:
    """The text of a source the build has read already, to find a line in it; "" when it
    can no longer be read (removed, replaced by a link or a pipe, grown too large)."""
    try:
        return read_source(path, path.parent, SOURCE_TEXT_LIMIT).decode("utf-8-sig")
    except (OSError, ValueError, DigestError):
        return ""


def read_found(found: FoundFile, folder: Path | str, max_bytes: int) -> bytes:
    """The bytes of a file a walk of `folder` found. Only a file reached through a link
    needs its path resolved: the walk itself never leaves the folder."""
    if found.linked:
        return read_source(found.path, folder, max_bytes, identity=found.identity)
    descriptor = open_regular(found.path, max_bytes, "file", identity=found.identity)
    return _read_all(descriptor, found.path, max_bytes, "file")


def read_regular(path: Path | str, max_bytes: int, what: str = "file", setting: str | None = None) -> bytes:
    """The bytes of a regular file anywhere (a settings file named on the command line)."""
    descriptor = open_regular(os.path.realpath(path), max_bytes, what, setting, shown=path)
    return _read_all(descriptor, path, max_bytes, what)


def _read_all(descriptor: int, path: Path | str, max_bytes: int, what: str) -> bytes:
    try:
        chunks = []
        remaining = max_bytes + 1  # a file that grew since fstat is still bounded
        while remaining > 0:
            chunk = os.read(descriptor, min(CHUNK, remaining))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    except OSError as exc:  # opened, then unreadable: a bad sector, a share gone, a /proc file
        raise ContentError(
            f"cannot read the {what} ({exc.strerror}): check the disk it is on, or copy the file again", path
        ) from None
    finally:
        os.close(descriptor)
    data = b"".join(chunks)
    if len(data) > max_bytes:
        raise ContentError(f"the {what} grew past the {max_bytes:,}-byte limit while it was read", path)
    return data


def sha256_of(path: str, max_bytes: int, identity: tuple[int, int] = (0, 0)) -> str:
    """The sha256 of a regular file's bytes, read in chunks (memory stays flat whatever its
    size). OSError for anything else put in its place since it was found (a device such as
    /dev/zero, or a pipe with a writer, would be read for ever; another file, where a walk
    found it as `identity`) and for a file that grew past `max_bytes` while read: its size
    was checked before, not its bytes."""
    digest = hashlib.sha256()
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", path)
        if not _same_file(info, identity):
            raise OSError(errno.ESTALE, "replaced since the walk found it", path)
        remaining = max_bytes + 1
        while remaining > 0 and (chunk := os.read(descriptor, min(CHUNK, remaining))):
            digest.update(chunk)
            remaining -= len(chunk)
    finally:
        os.close(descriptor)
    if remaining <= 0:
        raise OSError(errno.EFBIG, f"grew past {max_bytes:,} bytes while read", path)
    return digest.hexdigest()


def walk_files(folder: str, prefix: str = "", within: str | None = None) -> Iterator[FoundFile]:
    """Every regular file below `folder`, sorted by name; folder links are never followed
    and a file link counts only where it points inside the walk's top folder (`within`: as walk's)."""
    return (each for each in walk(folder, prefix, within=within) if isinstance(each, FoundFile))


def passed_over(folder: str, prefix: str = "", within: str | None = None) -> Iterator[str]:
    """The names below `folder` a walk passes over: links out of it or to nothing, folder
    links, pipes, sockets, devices, empty folders. A fingerprint of the walk's files alone
    would not change when one of them appears where a file is looked up by name."""
    return (each.shown for each in walk(folder, prefix, within=within) if isinstance(each, PassedOver))


def project_of(root: Path, folder: Path) -> str | None:
    """Where a source folder must lead: into the project (its real path), where the settings
    place it there (checked so when they were read; made a link out since, by a process racing
    the build, it would list a folder elsewhere). None for a folder named outright elsewhere,
    the user's choice."""
    top = os.path.normpath(root)
    if not os.path.normpath(folder).startswith(top.rstrip(os.sep) + os.sep):
        return None
    return os.path.realpath(top)


def leads_out_of(folder: Path | str, within: str | None) -> bool:
    """Whether `folder` resolves outside `within` (a real path; None: anywhere will do)."""
    if within is None:
        return False
    top = os.path.realpath(folder)
    return top != within and not top.startswith(within.rstrip(os.sep) + os.sep)


@dataclass(frozen=True)
class PassedOver:
    """An entry a walk passes over, and how a fingerprint shows it (a link with its target)."""

    name: str
    path: str
    shown: str


def walk(
    folder: str, prefix: str = "", leads_to: str | None = None, within: str | None = None
) -> Iterator[FoundFile | PassedOver]:
    """walk_files' files and passed_over's entries, in one walk, in name order. An
    editor's scratch files (digest/scratch.py) are nobody's sources: never walked. With
    `leads_to`, the folder must resolve to that path, and with `within` (a real path) to a
    folder in it, as the build found it: a folder made a link out since is refused, never
    listed (ContentError)."""
    top = os.path.realpath(folder)
    if leads_to is not None and top != leads_to:
        raise ContentError(FOLDER_REPLACED, folder)
    if leads_out_of(folder, within):
        raise ContentError(FOLDER_REPLACED, folder)
    for entry, name in _entries(folder, prefix):
        if is_scratch(name):
            continue
        try:
            if entry.is_symlink():
                info = _led_to(entry)
                if info is not None and stat.S_ISREG(info.st_mode) and inside(entry.path, top):
                    yield FoundFile(name, entry.path, info.st_size, True, (info.st_dev, info.st_ino))
                else:
                    yield PassedOver(name, entry.path, f"{name} -> {os.readlink(entry.path)}")
            elif entry.is_file(follow_symlinks=False):
                info = entry.stat(follow_symlinks=False)  # taken as the folder was listed
                yield FoundFile(name, entry.path, info.st_size, False, (info.st_dev, info.st_ino))
            else:
                yield PassedOver(name, entry.path, name)
        except OSError:
            yield PassedOver(name, entry.path, name)


def _entries(folder: str, prefix: str) -> Iterator[tuple[os.DirEntry[str], str]]:
    """Every entry below `folder` but the folders that hold something (never entered
    through a link), with its name relative to it, depth first in name order; an empty
    folder is an entry too, where a file may be looked up by name. A stack, not recursion:
    folders nested thousands deep are walked like any others."""
    stack = [iter(_sorted_entries(folder, prefix))]
    while stack:
        for entry, name in stack[-1]:
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_folder = False
            inner = _sorted_entries(entry.path, f"{name}/") if is_folder else []
            if inner:
                stack.append(iter(inner))
                break
            yield entry, name
        else:
            stack.pop()


def _sorted_entries(folder: str, prefix: str) -> list[tuple[os.DirEntry[str], str]]:
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError:
        return []
    for entry in entries:
        _take_identity(entry)
    return [(entry, f"{prefix}{entry.name}") for entry in entries]


def _take_identity(entry: os.DirEntry[str]) -> None:
    """Each file's (and each link's file's) status taken as its folder is listed, not when
    the walk reaches it: the entry keeps it. Taken later, through a folder swapped for a link
    meanwhile, it was the status of the file the link led to, which then passed for the one
    listed. The lstat is the one the file's size needed anyway."""
    try:
        if entry.is_symlink() or entry.is_file(follow_symlinks=False):
            entry.stat()  # a link's file, or the file's own lstat: DirEntry keeps either
    except OSError:
        pass


def _led_to(entry: os.DirEntry[str]) -> os.stat_result | None:
    """The status of the file a link entry leads to, as its folder was listed; None for none."""
    try:
        return entry.stat()
    except OSError:
        return None


def written_in_place_only_if_ours(path: Path) -> None:
    """Remove `path` unless it is a file no other name shares, or a folder, or nothing: a
    file written in place (a database) must never be written through a link, nor opened
    as a pipe, socket or device (a pipe is waited on for ever), nor written where a hard
    link gives it another name, perhaps outside the folder (the project copied with
    `cp -al`, a snapshot backup of hard links): removing this name leaves the other's bytes."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISDIR(info.st_mode) or (stat.S_ISREG(info.st_mode) and info.st_nlink <= 1):
        return
    os.unlink(path)


_FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


def remove_tree(path: Path | str) -> None:
    """Remove the folder `path` and everything in it, however deep (a committed output
    folder may nest folders thousands deep: shutil.rmtree recurses once a level and raised
    RecursionError). Each folder found is first moved up into the top folder, so no more
    than two folders are open at a time; everything is reached through the top folder's
    descriptor and never through a link, so a folder swapped for a link meanwhile is
    removed as a link and nothing outside is touched. A link or a file at `path` is
    removed itself; OSError when something cannot be removed."""
    if not stat.S_ISDIR(os.lstat(path).st_mode):
        os.unlink(path)
        return
    top = os.open(path, _FOLDER_FLAGS)
    try:
        _TreeRemoval(top).run()
    finally:
        os.close(top)
    os.rmdir(path)


class _TreeRemoval:
    """Empties the folder open as `top`: see remove_tree."""

    def __init__(self, top: int) -> None:
        self.top = top
        self.pending: list[str] = []  # folders moved up into the top one, still to empty
        self.moved = 0

    def run(self) -> None:
        self._empty(self.top)
        while self.pending:
            name = self.pending.pop()
            try:
                folder = os.open(name, _FOLDER_FLAGS, dir_fd=self.top)
            except OSError as exc:
                if exc.errno not in (errno.ELOOP, errno.ENOTDIR):
                    raise
                os.unlink(name, dir_fd=self.top)  # swapped for a link or a file meanwhile
                continue
            try:
                self._empty(folder)
            finally:
                os.close(folder)
            os.rmdir(name, dir_fd=self.top)

    def _empty(self, folder: int) -> None:
        """Remove the files of `folder` and move its folders up into the top one."""
        with os.scandir(folder) as scan:
            entries = list(scan)
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                name = self._free_name()
                os.rename(entry.name, name, src_dir_fd=folder, dst_dir_fd=self.top)
                self.pending.append(name)
            else:
                os.unlink(entry.name, dir_fd=folder)

    def _free_name(self) -> str:
        """A name in the top folder that nothing there has yet."""
        while True:
            self.moved += 1
            name = f".removing-{self.moved}"
            try:
                os.lstat(name, dir_fd=self.top)
            except FileNotFoundError:
                return name
