"""Stage 6: write a whole build atomically.

Everything is written into a folder beside the output, then swapped in: in one atomic
exchange where the system offers one (Linux), else with two renames. A failed or killed
build leaves the previous `dist/` complete; the next build removes its leftovers.

Given a `previous` folder (in the cache), the tree a swap replaces is kept there, and the
next export brings that tree up to date instead of writing every file again: after a
one-review edit, only the files that changed are written. Changed files get new inodes
(hard-linked snapshots of an old tree stay as they were), and a file whose bytes differ
from the live tree's is always written, so no date goes back in time even though the
kept tree is two builds old. One build at a time uses the kept tree (a lock); another
running alongside writes a fresh tree.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from digest.cache import settled
from digest.errors import DigestError

WRITER_THREADS = 8
STAGING_PREFIX = ".digest-staging-"
RETIRED_PREFIX = ".digest-old-"
# Never in a build, always in a project: a folder holding one of these is not replaced.
PROJECT_SIGNS = ("digest.toml", "*/digest.toml", ".git", "*/issue.md", "*.j2")


@dataclass(frozen=True)
class _Kept:
    """The kept tree, with the records of what it and the live tree held when written."""

    tree: Path
    live_record: Path
    kept_record: Path


def export(outputs: Mapping[str, bytes], target: Path, previous: Path | None = None) -> None:
    """Replace `target` with exactly `outputs` ({relative path: content})."""
    parent = target.parent
    _refuse_unsafe_target(target)
    try:
        parent.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(parent, target.name)
    except OSError as exc:
        raise _unwritable(exc, parent) from None
    with _kept_tree(previous, target) as kept:
        _export(outputs, target, kept)


def _export(outputs: Mapping[str, bytes], target: Path, kept: _Kept | None) -> None:
    reuse = kept is not None and kept.tree.is_dir() and not kept.tree.is_symlink()
    try:
        staging = kept.tree if kept is not None and reuse else _new_staging(target)
    except OSError as exc:
        raise _unwritable(exc, target.parent) from None
    digests = {name: hashlib.sha1(data).hexdigest() for name, data in outputs.items()} if kept else {}
    stats: dict[str, tuple[int, int]] = {}
    try:
        if reuse and kept is not None:
            live, held = _read_record(kept.live_record), _read_record(kept.kept_record)
            stats = _update_tree(staging, outputs, digests, live, held)
        else:
            _write_tree(staging, outputs)
            stats = _stats(str(staging), outputs) if kept is not None else {}
        _swap(staging, target, keep_old_as=kept.tree if kept is not None else None)
    except OSError as exc:
        if not reuse:
            shutil.rmtree(staging, ignore_errors=True)
        raise DigestError(
            f"cannot write the output ({exc.strerror}): check permissions and free space", target
        ) from None
    if kept is not None:
        _record_live_tree(kept, digests, stats)


def _unwritable(exc: OSError, folder: Path) -> DigestError:
    return DigestError(f"cannot write the output folder ({exc.strerror}): check its permissions", folder)


def _new_staging(target: Path) -> Path:
    return Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{target.name}-", dir=target.parent))


@contextlib.contextmanager
def _kept_tree(previous: Path | None, target: Path) -> Iterator[_Kept | None]:
    """The kept tree, locked for this build; None where it cannot serve: not asked for,
    inside the output (or the output inside it), where trees cannot be renamed between it
    and the output, or while another build holds it."""
    if previous is None or not _apart(previous, target):
        yield None
        return
    try:
        previous.parent.mkdir(parents=True, exist_ok=True)
        lock = open(previous.parent / f"{previous.name}.lock", "a")  # noqa: SIM115 (held across the yield)
    except OSError:
        yield None
        return
    with lock:
        if not _locked(lock.fileno()) or not _renames_between(previous.parent, target.parent):
            yield None
            return
        yield _Kept(
            previous,
            previous.parent / f"{previous.name}.live.json",
            previous.parent / f"{previous.name}.json",
        )


def _apart(previous: Path, target: Path) -> bool:
    target_dir, previous_dir = target.resolve(), previous.resolve()
    return not (
        target_dir in previous_dir.parents or previous_dir in target_dir.parents or target_dir == previous_dir
    )


def _locked(descriptor: int) -> bool:
    try:
        import fcntl
    except ImportError:  # no advisory locks here: never share the kept tree
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True  # released when the file is closed


def _renames_between(first: Path, second: Path) -> bool:
    """Whether a folder can be renamed from one to the other (same file system and mount)."""
    try:
        probe = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}probe-", dir=first))
    except OSError:
        return False
    moved = second / probe.name
    try:
        os.rename(probe, moved)
    except OSError:
        probe.rmdir()
        return False
    moved.rmdir()
    return True


# What an export records of the trees it leaves: {path: (sha1 of the bytes, size,
# mtime in ns)}, and when the record was made. A file whose size and date still match its
# record, and whose date is older than the record by more than the file system's
# timestamp granularity, is known by its digest without being read (as git's index does):
# a later change to it would have moved its date.
Record = tuple[dict[str, tuple[str, int, int]], int]


def _read_record(path: Path) -> Record:
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        files = {
            name: (str(entry[0]), int(entry[1]), int(entry[2])) for name, entry in stored["files"].items()
        }
        return files, int(stored["made_ns"])
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return {}, 0


def _record_live_tree(kept: _Kept, digests: Mapping[str, str], stats: Mapping[str, tuple[int, int]]) -> None:
    """The live tree's record becomes the kept tree's (the swap moved that tree there),
    and the new live tree is recorded. Best effort: without records the next export
    reads and writes more than it must, nothing worse."""
    files = {name: (digest, *stats[name]) for name, digest in digests.items() if name in stats}
    with contextlib.suppress(OSError):
        if kept.live_record.exists():
            os.replace(kept.live_record, kept.kept_record)
        else:
            kept.kept_record.unlink(missing_ok=True)
        temporary = kept.live_record.with_name(f"{kept.live_record.name}.tmp")
        temporary.write_text(json.dumps({"made_ns": time.time_ns(), "files": files}, sort_keys=True))
        os.replace(temporary, kept.live_record)


def _refuse_unsafe_target(target: Path) -> None:
    """The output folder is replaced wholesale: never let that be a file or the project itself."""
    for folder in (target, *target.parents):
        if folder.exists() and not folder.is_dir():
            raise DigestError(
                "is a file, not a folder, so the output cannot be written there: "
                "choose another output folder ([build] output_dir or --output)",
                folder,
            )
    if target.is_dir():
        found = next((path for sign in PROJECT_SIGNS for path in sorted(target.glob(sign))), None)
        if found is not None:
            raise DigestError(
                f"holds {found.relative_to(target)}, so it is your project, not a previous build, "
                "and will not be replaced: choose a separate output folder ([build] output_dir or --output)",
                target,
            )


def _write_tree(root: Path, outputs: Mapping[str, bytes]) -> None:
    """Folders first, then the files from a few threads: creating files is system calls,
    which run in parallel while the interpreter waits."""
    for folder in sorted({(root / relative).parent for relative in outputs}):
        folder.mkdir(parents=True, exist_ok=True)
    # No fsync per file: a killed build leaves the old tree whole either way, and a
    # build is cheap to repeat after a power cut; syncing every page cost a third of
    # an incremental build.
    with ThreadPoolExecutor(max_workers=WRITER_THREADS) as pool:
        list(pool.map(lambda item: (root / item[0]).write_bytes(item[1]), sorted(outputs.items())))
    os.chmod(root, 0o755)


def _update_tree(
    root: Path, outputs: Mapping[str, bytes], digests: Mapping[str, str], live: Record, held: Record
) -> dict[str, tuple[int, int]]:
    """Make the tree at `root` hold exactly `outputs`, writing only what must be written:
    files whose bytes differ, and files that differ from the live tree's (so each file's
    date is that of its last change). `held` records what the tree held; returns each
    file's (size, mtime) afterwards.

    Anything else in it goes, links included, so nothing outside is ever written through.
    """
    folders = {
        "/".join(parts[:end]) for parts in (key.split("/") for key in outputs) for end in range(1, len(parts))
    }
    base = str(root)
    existing = _prune(base, "", set(outputs), folders)
    for folder in sorted(folders - existing):
        os.mkdir(f"{base}/{folder}")
    live_files, _ = live
    changed = {}
    for name, data in sorted(outputs.items()):
        path = f"{base}/{name}"
        stat = _stat(path)
        same_as_live = live_files.get(name, ("",))[0] == digests[name]
        if not (same_as_live and stat is not None and _holds(name, path, data, digests[name], stat, held)):
            changed[name] = data
    with ThreadPoolExecutor(max_workers=WRITER_THREADS) as pool:
        list(pool.map(lambda item: _replace_file(f"{base}/{item[0]}", item[1]), changed.items()))
    os.chmod(root, 0o755)
    return _stats(base, outputs)


def _stats(base: str, outputs: Mapping[str, bytes]) -> dict[str, tuple[int, int]]:
    """Each file's (size, mtime), for the record of the tree."""
    found = {name: _stat(f"{base}/{name}") for name in outputs}
    return {name: stat for name, stat in found.items() if stat is not None}


def _stat(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def _holds(name: str, path: str, data: bytes, digest: str, stat: tuple[int, int], held: Record) -> bool:
    """Whether the file holds exactly `data`: known from the record where the file is as
    recorded there and older than the record, else read and compared."""
    files, made_ns = held
    recorded = files.get(name)
    if recorded is not None and recorded[1:] == stat and settled(stat[1], made_ns):
        return recorded[0] == digest
    return _read_equals(path, data)


def _replace_file(path: str, data: bytes) -> None:
    """A new file, not the old one rewritten: a hard link to the old one keeps its bytes."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    Path(path).write_bytes(data)


def _prune(folder: str, relative: str, files: set[str], folders: set[str]) -> set[str]:
    """Remove what is not in the build; return the build's folders that already exist."""
    kept: set[str] = set()
    with os.scandir(folder) as entries:
        found = list(entries)
    for entry in found:
        name = f"{relative}{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            if name in folders:
                kept.add(name)
                kept |= _prune(entry.path, f"{name}/", files, folders)
            else:
                shutil.rmtree(entry.path)
        elif name not in files or not entry.is_file(follow_symlinks=False):  # links, pipes, sockets
            os.unlink(entry.path)
    return kept


def _read_equals(path: str, data: bytes) -> bool:
    """Read with bare system calls: this may run for every file of the site."""
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except (FileNotFoundError, NotADirectoryError):
        return False
    try:
        return os.read(descriptor, len(data) + 1) == data
    finally:
        os.close(descriptor)


def _swap(staging: Path, target: Path, keep_old_as: Path | None = None) -> None:
    """The new tree takes the target's name; the old tree is kept as `keep_old_as`, or goes."""
    if target.is_dir() and _exchange(staging, target):
        _retire(staging, keep_old_as)  # it now holds the old tree
        return
    # Two renames: for an instant between them the target is missing, and a build
    # killed there leaves the old tree under RETIRED_PREFIX for the next build to restore.
    retired = target.parent / f"{RETIRED_PREFIX}{target.name}"
    if target.exists():
        os.replace(target, retired)
    os.replace(staging, target)
    if retired.exists():
        _retire(retired, keep_old_as)


def _retire(old_tree: Path, keep_as: Path | None) -> None:
    """Keep the replaced tree for the next export, or remove it. The new tree is already
    in place: failing to keep the old one must not fail the build."""
    if keep_as is not None and old_tree == keep_as:
        return
    if keep_as is not None:
        with contextlib.suppress(OSError):
            if keep_as.is_symlink() or keep_as.is_file():
                keep_as.unlink()
            shutil.rmtree(keep_as, ignore_errors=True)
            os.replace(old_tree, keep_as)
            return
    shutil.rmtree(old_tree, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step with Linux's renameat2; False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_cwd, rename_exchange = -100, 2
    if renameat2(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EXDEV):  # cannot exchange here
        return False
    raise OSError(code, os.strerror(code), str(second))


def _remove_leftovers(parent: Path, name: str) -> None:
    """Folders left by a build that was killed: a staging tree, or an old tree not yet removed."""
    target = parent / name
    for leftover in parent.glob(f"{STAGING_PREFIX}{name}-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    retired = parent / f"{RETIRED_PREFIX}{name}"
    if retired.exists():
        if not target.exists():  # killed between the two renames: the old tree is the last good one
            os.replace(retired, target)
        else:
            shutil.rmtree(retired, ignore_errors=True)
