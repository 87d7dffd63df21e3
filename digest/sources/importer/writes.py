"""Writing an import's files: all of them or none, and never through a link.

A new file is created with `O_CREAT | O_EXCL | O_NOFOLLOW`, so a name that appeared in
the meantime, or a link planted under it, is never written through. A file replaced
(`--force`, and `issue.md`) is written to a temporary file in the same folder and moved
over the old name with `os.replace`, which replaces a name and never follows it; a link
found under the name is refused before anything is written. When any write fails, the
files already written are removed again and the replaced ones get their old bytes back.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from digest.errors import ContentError
from digest.files import read_source

CREATE_FLAGS = (
    os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
)


REPLACED_MAX_BYTES = 50_000_000  # far above any review or issue.md digest reads


@dataclass(frozen=True)
class PlannedWrite:
    """One file to write: its path, its bytes, and whether an existing file may be replaced."""

    path: Path
    data: bytes
    replace: bool = False


def refuse_link(path: Path, what: str = "file") -> bool:
    """Whether `path` exists; ContentError when it is a link or not a regular file."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise ContentError(f"cannot inspect the {what} ({exc.strerror})", path) from None
    if stat.S_ISLNK(info.st_mode):
        raise ContentError(
            f"the {what} is a link, and digest never writes through a link: remove the link and import again",
            path,
        )
    if not stat.S_ISREG(info.st_mode):
        raise ContentError(
            f"a folder or special file has the {what}'s name: move it away and import again", path
        )
    return True


def write_all(writes: list[PlannedWrite]) -> None:
    """Write every planned file, or, when one write fails, none of them."""
    for write in writes:
        if refuse_link(write.path) and not write.replace:
            raise ContentError("already exists, nothing was imported: pass --force to replace it", write.path)
    done: list[tuple[Path, bytes | None]] = []  # each path written, with its old bytes if it had any
    try:
        for write in writes:
            path = write.path
            old = _old_bytes(path) if write.replace else None
            if old is None:
                create_new(path, write.data)
            else:
                _replace(path, write.data)
            done.append((path, old))  # only once written: a failed write cleaned up after itself
    except BaseException as error:  # Ctrl+C or SIGTERM too: never half an import
        _undo(done)
        if not isinstance(error, OSError):
            raise
        if isinstance(error, FileExistsError):
            raise ContentError(
                "a file of this name appeared while importing; nothing was imported", path
            ) from None
        raise ContentError(
            f"cannot write the file ({error.strerror}); nothing was imported: check the folder's "
            "permissions and free space",
            path,
        ) from None


def _old_bytes(path: Path) -> bytes | None:
    """The bytes a replaced file had, kept to put back if the import fails."""
    if not refuse_link(path):
        return None
    return read_source(path, path.parent, REPLACED_MAX_BYTES, "file to replace")


def create_new(path: Path, data: bytes) -> None:
    """A new file; fails (FileExistsError) if any entry, a link included, has the name."""
    descriptor = os.open(path, CREATE_FLAGS, 0o644)
    try:
        _write_fully(descriptor, data)
    except BaseException:
        os.close(descriptor)
        os.unlink(path)
        raise
    os.close(descriptor)


def _replace(path: Path, data: bytes) -> None:
    refuse_link(path)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    create_new(temporary, data)
    try:
        mode = stat.S_IMODE(os.lstat(path).st_mode) if path.exists() else 0o644
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        _remove(temporary)
        raise


def _write_fully(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(descriptor, view)
        view = view[written:]


def _undo(done: list[tuple[Path, bytes | None]]) -> None:
    """Remove the files this import created; give replaced ones their old bytes back."""
    for path, old in reversed(done):
        try:
            if old is None:
                _remove(path)
            else:
                _replace(path, old)
        except (OSError, ContentError):
            continue  # best effort: the error being raised says what failed


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
