"""Stage 6: write a whole build atomically.

Everything is written into a folder beside the output, then swapped in: in one atomic
exchange where the system offers one (Linux), else with two renames. A failed or killed
build leaves the previous `dist/` complete; the next build removes its leftovers.

Given a `previous` folder (in the cache, on the same file system), the tree a swap
replaces is kept there, and the next export brings that tree up to date instead of
writing every file again: after a one-review edit, only the few files that changed are
written.
"""

from __future__ import annotations

import errno
import os
import shutil
import sys
import tempfile
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from digest.errors import DigestError

WRITER_THREADS = 8
STAGING_PREFIX = ".digest-staging-"
RETIRED_PREFIX = ".digest-old-"
# Never in a build, always in a project: a folder holding one of these is not replaced.
PROJECT_SIGNS = ("digest.toml", "*/digest.toml", ".git", "*/issue.md", "*.j2")


def export(outputs: Mapping[str, bytes], target: Path, previous: Path | None = None) -> None:
    """Replace `target` with exactly `outputs` ({relative path: content})."""
    parent = target.parent
    _refuse_unsafe_target(target)
    try:
        parent.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(parent, target.name)
        previous = _usable_previous(previous, target)
        reused = previous is not None and previous.is_dir() and not previous.is_symlink()
        staging = previous if reused and previous else _new_staging(target)
    except OSError as exc:
        raise DigestError(
            f"cannot write the output folder ({exc.strerror}): check its permissions", parent
        ) from None
    try:
        if reused:
            _update_tree(staging, outputs)
        else:
            _write_tree(staging, outputs)
        _swap(staging, target, keep_old_as=previous)
    except OSError as exc:
        if not reused:
            shutil.rmtree(staging, ignore_errors=True)
        raise DigestError(
            f"cannot write the output ({exc.strerror}): check permissions and free space", target
        ) from None


def _new_staging(target: Path) -> Path:
    return Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{target.name}-", dir=target.parent))


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


def _usable_previous(previous: Path | None, target: Path) -> Path | None:
    """`previous` where a rename can move trees between it and the target, else None."""
    if previous is None:
        return None
    target_dir, previous_dir = target.resolve(), previous.resolve()
    if target_dir in previous_dir.parents or previous_dir in target_dir.parents or target_dir == previous_dir:
        return None
    try:
        previous.parent.mkdir(parents=True, exist_ok=True)
        same_device = os.stat(previous.parent).st_dev == os.stat(target.parent).st_dev
    except OSError:
        return None
    return previous if same_device else None


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


def _update_tree(root: Path, outputs: Mapping[str, bytes]) -> None:
    """Make the tree at `root` hold exactly `outputs`, writing only files whose bytes differ.

    Anything else in it goes, links included, so nothing outside is ever written through.
    """
    folders = {
        "/".join(parts[:end]) for parts in (key.split("/") for key in outputs) for end in range(1, len(parts))
    }
    base = str(root)
    existing = _prune(base, "", set(outputs), folders)
    for folder in sorted(folders - existing):
        os.mkdir(f"{base}/{folder}")
    # Reading to compare is faster in one thread; writing many files is faster in several.
    changed = [
        (f"{base}/{name}", data)
        for name, data in sorted(outputs.items())
        if not _holds(f"{base}/{name}", data)
    ]
    with ThreadPoolExecutor(max_workers=WRITER_THREADS) as pool:
        list(pool.map(lambda item: Path(item[0]).write_bytes(item[1]), changed))
    os.chmod(root, 0o755)


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


def _holds(path: str, data: bytes) -> bool:
    """Whether the file holds exactly `data` (read with bare system calls: this runs for
    every file of the site on every build)."""
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
    if keep_as is None:
        shutil.rmtree(old_tree, ignore_errors=True)
    elif old_tree != keep_as:
        shutil.rmtree(keep_as, ignore_errors=True)
        os.replace(old_tree, keep_as)


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
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):  # the file system cannot exchange
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
