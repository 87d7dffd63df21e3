"""What an export left in the output folder, file by file, so `digest list` can say when the
folder no longer holds what digest wrote: a file edited, touched, replaced or removed, or one
added beside digest's.

Each file's stamps (inode, size, mode and modification time) are noted in the cache folder
once the new tree is in place, and compared without reading a byte: a file written, touched,
replaced or made another mode since is named. Not its change time, which would also see an
edit that keeps the size and puts the date back: the next build's kept tree holds hard links
to the live files, and removing one moves their change time without changing a byte (so an
edit that keeps the inode, the size and the date goes unseen, as in git's index). The note is
the cache's, not the output's (the output stays the same bytes from build to build); without
it, or for an output another build replaced since, nothing is claimed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from digest.errors import DigestError
from digest.files import read_regular

MARKER = ".digest-output"  # as export.MARKER: the build's record, whose stamps tie the note to it
MAX_NOTE_BYTES = 200_000_000

Stamps = list[int]


@dataclass(frozen=True)
class OutputChanges:
    """The output's files that are not as the last export left them, each sorted."""

    changed: tuple[str, ...]  # written, touched or replaced since (or no longer a file)
    removed: tuple[str, ...]
    added: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.changed or self.removed or self.added)

    def of_folder(self, folder: str) -> OutputChanges:
        """Those under `folder/` (an issue's pages and email)."""
        inside = f"{folder}/"
        return OutputChanges(
            *(tuple(name for name in names if name.startswith(inside)) for names in self._lists())
        )

    def described(self) -> str:
        """'issue-2025/index.html changed, 2 files added (notes.txt, ...)'."""
        parts = []
        for verb, names in zip(("changed", "removed", "added"), self._lists(), strict=True):
            if names:
                more = f" and {len(names) - 1} more" if len(names) > 1 else ""
                parts.append(f"{_shortened(names[0])}{more} {verb}")
        return ", ".join(parts)

    def _lists(self) -> tuple[tuple[str, ...], ...]:
        return (self.changed, self.removed, self.added)


def _shortened(name: str, most: int = 80) -> str:
    """A path a reader can take in on one line: its start and its end around an ellipsis."""
    if len(name) <= most:
        return name
    half = (most - 1) // 2
    return f"{name[:half]}…{name[-half:]}"


def output_key(target: Path) -> str:
    """The name the cache knows the output folder by (its lock, its kept tree, this note):
    from its path as macOS and Windows compare paths, ignoring case and Unicode form. A path
    is not made canonical there, so `cd ~/News` and `cd ~/news` built one folder under two
    locks, at once."""
    folded = unicodedata.normalize("NFC", os.fsdecode(os.path.abspath(target))).casefold()
    return hashlib.sha256(os.fsencode(folded)).hexdigest()[:16]


def note_path(target: Path, cache_folder: Path) -> Path:
    return cache_folder / f"written-{output_key(target)}.json"


def remember(target: Path, names: Iterable[str], cache_folder: Path | None) -> None:
    """Note the stamps of every file of the export now in `target`. Never fails the build: a
    note not written is only a listing that claims nothing."""
    if cache_folder is None:
        return
    with contextlib.suppress(OSError, ValueError):
        files = {name: _stamps(os.lstat(os.path.join(target, name))) for name in names}
        note = {"marker": files.get(MARKER), "files": files}
        _write_replacing(note_path(target, cache_folder), json.dumps(note).encode())


def changes_since_export(target: Path, cache_folder: Path) -> OutputChanges | None:
    """What differs in `target` from the last export's note, or None where no note speaks for
    the output there now (no cache, or another build's output)."""
    note = _read_note(note_path(target, cache_folder))
    if note is None or not _same(os.path.join(target, MARKER), note.get(MARKER)):
        return None
    changed, removed = [], []
    for name, stamps in note.items():
        path = os.path.join(target, name)
        if not os.path.lexists(path):
            removed.append(name)
        elif not _same(path, stamps):
            changed.append(name)
    added = [name for name in _files_in(str(target)) if name not in note]
    return OutputChanges(tuple(sorted(changed)), tuple(sorted(removed)), tuple(sorted(added)))


def _read_note(path: Path) -> dict[str, Stamps] | None:
    """The noted stamps by file name (the marker's among them), or None for no usable note."""
    try:
        data = json.loads(read_regular(path, MAX_NOTE_BYTES, "note of the output"))
        files = data["files"]
        if not isinstance(files, dict) or data["marker"] != files.get(MARKER):
            return None
        return {
            str(name): _whole_numbers(stamps)
            for name, stamps in files.items()
            if not str(name).startswith("/") and ".." not in str(name).split("/")  # a planted note
        }
    except (DigestError, OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None


def _whole_numbers(stamps: object) -> Stamps:
    """The stamps as noted, or ValueError: int() of JSON's Infinity raised OverflowError."""
    if not isinstance(stamps, list) or not all(type(each) is int for each in stamps):
        raise ValueError(f"stamps are whole numbers, not {stamps!r:.40}")
    return stamps


def _same(path: str, stamps: object) -> bool:
    try:
        return _stamps(os.lstat(path)) == stamps
    except OSError:
        return False


def _stamps(info: os.stat_result) -> Stamps:
    if not stat.S_ISREG(info.st_mode):
        return [-1]  # digest writes only files: anything else stands where one was
    return [info.st_ino, info.st_size, info.st_mode, info.st_mtime_ns]


def _files_in(root: str) -> Iterator[str]:
    """Every entry but a folder under `root`, as paths relative to it; folder links not
    walked. A loop, not a recursion: a hand-made tree thousands of folders deep is walked too."""
    folders = [(root, "")]
    while folders:
        folder, prefix = folders.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            name = f"{prefix}{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                folders.append((entry.path, f"{name}/"))
            else:
                yield name


def _write_replacing(path: Path, data: bytes) -> None:
    """`data` as the file at `path`, put in place whole; a link there is replaced, never written through."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=".written-", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
