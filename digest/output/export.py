"""Write a whole build atomically into the output folder.

Everything is written into a folder beside the output, then swapped in: in one atomic
exchange where the system offers one (Linux), else with two renames. A failed or killed
build leaves the previous output complete; the next build removes its leftovers.

Creating and removing a thousand folders and files costs most of a small rebuild on a
journaling file system, so the tree a swap replaces is kept in the cache folder and
becomes the next build's staging folder: only what changed is touched. Nothing in the
kept tree is trusted: each output is compared with the live tree's file, which is linked
in when it holds the same bytes (so it keeps its date and inode) and written anew
otherwise; files are never rewritten in place, so a link shared between trees, or with
a snapshot someone made, never changes. Every build's root holds a marker file: a folder
without one is not digest's to replace. Builds of the same output take turns (a lock in
the cache folder), so one build's clean-up never removes another's work.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from digest.errors import DigestError, quoted
from digest.files import remove_tree, written_in_place_only_if_ours
from digest.output.written import MARKER as MARKER
from digest.output.written import output_key, remember

STAGING_PREFIX = ".digest-staging-"
RETIRED_PREFIX = ".digest-old-"
MARKER_TEXT = b"This folder is written by digest and replaced whole by every build: keep nothing else here.\n"


def export(
    outputs: Mapping[str, bytes],
    target: Path,
    cache_folder: Path | None = None,
    marker: bytes = MARKER_TEXT,
    waiting: Callable[[str], None] | None = None,
) -> str | None:
    """Replace `target` with exactly `outputs` ({relative path: content}) and the marker
    file, which holds `marker` (the build's record). Returns a note for the user when the
    target could not be swapped whole and was updated in place instead, else None.
    `waiting` is told when another build holds the target and this one waits its turn."""
    check_output_folder(target)
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _unwritable(exc, parent) from None
    kept = cache_folder / f"kept-{output_key(target)}" if cache_folder is not None else None
    with _export_lock(cache_folder, target, waiting):
        try:
            _remove_leftovers(parent, target.name)
            staging = _staging(kept, target)
        except OSError as exc:
            raise _unwritable(exc, parent) from None
        everything = {**outputs, MARKER: marker}
        try:
            staging, note = _stage_and_swap(staging, target, everything)
        except OSError as exc:
            freed = _free_the_cache(exc, cache_folder, parent)
            if not freed:
                advice = _advice(exc, staging) + _cache_on_the_disk(exc, cache_folder, parent)
                raise DigestError(f"cannot write the output ({exc.strerror}): {advice}", target) from None
            staging, note = _again_with_room(target, everything, freed, exc.errno == errno.EDQUOT)
        _keep(staging, kept)
        remember(target, everything, cache_folder)  # for `digest list`: what is in the output now
        left = _leftovers_note(parent, target.name)
    return "; ".join(each for each in (note, left) if each) or None


def _stage_and_swap(staging: Path, target: Path, everything: Mapping[str, bytes]) -> tuple[Path, str | None]:
    """`everything` written into `staging` and swapped in; the staging folder (holding the
    old tree now) and a note where the target was updated in place. On OSError, no staging
    folder is left."""
    try:
        try:
            _update(staging, everything, live=target)
        except OSError:  # the kept tree holds what cannot be changed: start afresh
            _discard(staging)
            staging = _staging(None, target)
            _update(staging, everything, live=target)
        return staging, _swap_or_update(staging, target, everything)
    except OSError:
        _discard(staging)
        raise


def _again_with_room(
    target: Path, everything: Mapping[str, bytes], freed: int, over_quota: bool
) -> tuple[Path, str]:
    """The output written once more, now the build cache no longer takes the disk's room (or
    the user's quota on it, `over_quota`)."""
    cache = f"the build cache ({freed / 1_000_000:,.1f} MB)"
    try:
        staging = _staging(None, target)
    except OSError as exc:
        raise _unwritable(exc, target.parent) from None
    try:
        staging, note = _stage_and_swap(staging, target, everything)
    except OSError as exc:
        raise DigestError(
            f"cannot write the output ({exc.strerror}): {_advice(exc, staging)} ({cache} was removed "
            "to make room, and that was not enough)",
            target,
        ) from None
    full, remedy = (
        ("your disk quota was used up", "a larger quota")
        if over_quota
        else ("the disk was full", "a disk with more room")
    )
    made_room = (
        f"{full}: {cache} was removed to make room for the output, so the next build is slower; "
        f"{remedy} keeps it"
    )
    return staging, "; ".join(each for each in (note, made_room) if each)


def _free_the_cache(exc: OSError, cache_folder: Path | None, parent: Path) -> int:
    """Where the output's disk is full and the build cache is on it, the cache's database
    removed (the build has just written it, before the output, and it is always safe to
    delete: a full disk refused even the folding back of its journal): the bytes freed."""
    if exc.errno not in (errno.ENOSPC, errno.EDQUOT) or cache_folder is None:
        return 0
    from digest.cache import BUILD_CACHE_FILE, database_files

    try:
        if os.stat(cache_folder).st_dev != os.stat(parent).st_dev:
            return 0
    except OSError:
        return 0
    return sum(_removed(path) for path in database_files(cache_folder / BUILD_CACHE_FILE))


def _removed(path: Path) -> int:
    """The bytes freed by removing `path`, a regular file (never a link's target); 0 for none."""
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode):
            return 0
        os.unlink(path)
    except OSError:  # not there (a database has a journal or WAL files, not both), or kept
        return 0
    return info.st_size


def _swap_or_update(staging: Path, target: Path, everything: Mapping[str, bytes]) -> str | None:
    """The staged tree swapped in; where the target cannot be renamed (a mount point, such
    as a container's volume, or a folder the system holds), the target updated in place to
    hold the same files, and a note saying so."""
    try:
        _swap(staging, target)
    except OSError as exc:
        if exc.errno not in (errno.EBUSY, errno.EXDEV):
            raise
        if lacking := _room_lacking(target, everything):
            _discard(staging)
            raise DigestError(
                f"cannot write the output in place: the build needs {lacking:,} bytes more than its "
                f"disk has free, and it cannot be renamed ({exc.strerror}: a mount point?), so it would be "
                "left half written; nothing in it was changed: free some space on its disk, then build again",
                target,
            ) from None
        try:
            _update(target, everything, live=target)
        except OSError as failure:
            _discard(staging)
            if failure.errno == errno.EROFS:  # every write refused: the last build is there whole
                raise DigestError(
                    f"cannot write the output ({failure.strerror}): it is on a read-only file system "
                    "(a read-only mount?) and nothing in it was changed: mount it writable, or choose "
                    "another output folder ([build] output_dir or --output)",
                    target,
                ) from None
            raise DigestError(
                f"cannot write the output in place ({failure.strerror}); it cannot be renamed "
                f"({exc.strerror}: a mount point?), so it was being updated where it is and is now half "
                "written: check permissions and free space, then build again",
                target,
            ) from None
        return (
            f"{target} cannot be renamed ({exc.strerror}: a mount point, or held by the system), so "
            "it was updated in place rather than swapped whole: a build stopped part way would "
            "leave it half written. For atomic updates, set [build] output_dir to a folder inside it"
        )
    return None


def _room_lacking(target: Path, everything: Mapping[str, bytes]) -> int:
    """The bytes updating `target` in place to hold `everything` would take beyond its disk's
    free space, counting what the update removes or replaces first, and a block for each
    folder it makes (and frees for each it removes); 0 where it fits, or where the system
    cannot tell (a full disk is still said, as a half-written output)."""
    try:
        disk = os.statvfs(target)
    except (OSError, AttributeError):  # AttributeError: Windows has no statvfs
        return 0
    if disk.f_blocks == 0:  # a disk of no size cannot tell (a FUSE driver without statfs says 0 of 0)
        return 0
    unit = disk.f_frsize or disk.f_bsize or 4096
    present, present_folders = _files_in(target)
    folders = _folders_of(everything)
    needed = unit * len(folders - present_folders.keys())
    freed = sum(info.st_blocks * 512 for name, info in present_folders.items() if name not in folders)
    for name, info in present.items():
        data = everything.get(name)
        if data is not None and stat.S_ISREG(info.st_mode) and info.st_size == len(data):
            continue  # unchanged, or rewritten in as many bytes as it frees
        if stat.S_ISREG(info.st_mode) and info.st_nlink == 1:
            freed += info.st_blocks * 512
    for name, data in everything.items():
        there = present.get(name)
        if there is None or not stat.S_ISREG(there.st_mode) or there.st_size != len(data):
            needed += -(-len(data) // unit) * unit
    return max(0, needed - freed - disk.f_bavail * unit)


def _files_in(folder: Path) -> tuple[dict[str, os.stat_result], dict[str, os.stat_result]]:
    """Every name under `folder`, its files and its folders apart ({relative path: its lstat}),
    no link followed; a loop rather than recursion, as an output may be nested thousands deep."""
    found: dict[str, os.stat_result] = {}
    folders: dict[str, os.stat_result] = {}
    waiting = [(str(folder), "")]
    while waiting:
        path, relative = waiting.pop()
        try:
            with os.scandir(path) as entries:
                listed = list(entries)
        except OSError:
            continue
        for entry in listed:
            name = f"{relative}{entry.name}"
            try:
                if entry.is_dir(follow_symlinks=False):
                    waiting.append((entry.path, f"{name}/"))
                    folders[name] = entry.stat(follow_symlinks=False)
                else:
                    found[name] = entry.stat(follow_symlinks=False)
            except OSError:
                continue
    return found, folders


def _kind_of(path: Path) -> str:
    """What `path`, no folder, is: "a file", "a pipe", "a socket" or "a device"."""
    mode = path.stat().st_mode
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a file"


def check_output_folder(target: Path) -> None:
    """The output folder is replaced wholesale: it must be a folder digest wrote, or new, or empty."""
    for folder in (target, *target.parents):
        if folder.is_symlink():
            raise DigestError(
                "is a link: the output is replaced whole, so it must be a real folder; "
                "choose another output folder ([build] output_dir or --output)",
                folder,
            )
        if folder.exists() and not folder.is_dir():
            raise DigestError(
                f"is {_kind_of(folder)}, not a folder, so the output cannot be written there: "
                "choose another output folder ([build] output_dir or --output)",
                folder,
            )
    try:
        os.lstat(target / MARKER)
    except (FileNotFoundError, NotADirectoryError):
        pass
    except OSError as exc:  # not "holds files digest did not write": nothing in it can be seen
        raise DigestError(
            f"cannot look into the output folder ({exc.strerror}): check its permissions", target
        ) from None
    if target.is_dir() and not is_digest_output(target) and _has_entries(target):
        marker = target / MARKER
        why = f"its {MARKER} marker is no file" if os.path.lexists(marker) else f"there is no {MARKER} marker"
        raise DigestError(
            f"holds files digest did not write ({why}), so it is not replaced: "
            "choose a new or empty output folder ([build] output_dir or --output), "
            "or delete this one yourself if it is an old build",
            target,
        )


def is_digest_output(folder: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(folder / MARKER).st_mode)
    except OSError:
        return False


def _has_entries(folder: Path) -> bool:
    try:
        with os.scandir(folder) as entries:
            return any(True for _ in entries)
    except OSError:
        return True  # unreadable: not known to be empty


def _advice(exc: OSError, staging: Path) -> str:
    """What to do about a failure while the output was written beside the target."""
    if exc.errno == errno.ENAMETOOLONG:
        # The system's limit counts bytes of the whole path (Linux: 4,095), each name's too (255).
        return (
            f"a path in it, under {len(os.fsencode(staging)):,} bytes of folders, is longer than the system "
            "allows: choose an output folder with a shorter path ([build] output_dir or --output), or "
            "move the project up"
        )
    return {
        errno.ENOSPC: "free some space on its disk",
        errno.EDQUOT: "free some space within your disk quota",
        errno.EROFS: "the file system is read-only: choose another output folder",
        errno.EPERM: "check the permissions (and attributes: lsattr) of the output folder and what is in it",
        errno.EACCES: "check the permissions of the output folder and of what is in it",
    }.get(exc.errno or 0, "check permissions and free space")


def _cache_on_the_disk(exc: OSError, cache_folder: Path | None, parent: Path) -> str:
    """Where the disk is full and the cache folder is on it, what the cache holds: it fills a
    small disk first, and is always safe to delete."""
    if exc.errno not in (errno.ENOSPC, errno.EDQUOT) or cache_folder is None:
        return ""
    try:
        if os.stat(cache_folder).st_dev != os.stat(parent).st_dev:
            return ""
    except OSError:
        return ""
    held = 0
    for folder, _, names in os.walk(cache_folder):
        for name in names:
            with contextlib.suppress(OSError):
                held += os.lstat(os.path.join(folder, name)).st_size
    shown = f"{cache_folder.name}/" if cache_folder.parent == parent else f"{cache_folder}/"
    return (
        f" (the cache folder {shown} holds {held / 1_000_000:,.1f} MB of it; deleting it is always "
        "safe, the next build is only slower)"
    )


def _unwritable(exc: OSError, folder: Path) -> DigestError:
    advice = {
        errno.ENOSPC: "free some space on its disk",
        errno.EDQUOT: "free some space within your disk quota",
        errno.EROFS: "the file system is read-only: choose another output folder",
    }.get(exc.errno or 0, "check its permissions")
    return DigestError(f"cannot write the output folder ({exc.strerror}): {advice}", folder)


@contextlib.contextmanager
def _export_lock(
    lock_folder: Path | None, target: Path, waiting: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Held while a build of `target` cleans up, writes and swaps; another waits its turn.
    Without a usable lock folder (or advisory locks) the export goes on unlocked."""
    try:
        import fcntl  # noqa: F401  (Windows has none)
    except ImportError:
        yield
        return
    name = output_key(target)
    try:
        if lock_folder is None:
            raise OSError(errno.ENOENT, "no lock folder")
        lock_folder.mkdir(parents=True, exist_ok=True)
        lock = lock_folder / f"export-{name}.lock"
        # A hard link's other name may be held by anyone (the project copied with `cp -al`
        # beside a build of the original): waited on as another build of this output.
        written_in_place_only_if_ours(lock)
        descriptor = os.open(  # never through a link: it would create a file wherever it leads
            lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o644
        )
    except OSError:
        yield
        return
    try:
        _lock(descriptor, target, waiting)
        yield
    finally:
        os.close(descriptor)  # releases the lock


def _lock(descriptor: int, target: Path, waiting: Callable[[str], None] | None) -> None:
    """Take the lock, telling `waiting` if another build holds it. A folder whose file system
    refuses locks (a share without a lock manager: ENOLCK) is written unlocked."""
    import fcntl

    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting is not None:
                waiting(f"another digest build is writing {target}: waiting for it to finish")
            fcntl.flock(descriptor, fcntl.LOCK_EX)
    except OSError:
        return


def _staging(kept: Path | None, target: Path) -> Path:
    """A folder beside the target to build the new tree in: the kept tree moved there
    where it can be, else a new one."""
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{target.name}-", dir=target.parent))
    if kept is None:
        return staging
    try:
        if not stat.S_ISDIR(os.lstat(kept).st_mode):
            return staging
    except OSError:  # none kept, or a cache folder that cannot be searched (its permissions)
        return staging
    try:
        os.replace(kept, staging)  # over the empty folder just made; fails across file systems
    except OSError:
        return staging
    return staging


def _keep(old_tree: Path, kept: Path | None) -> None:
    """After the swap `old_tree` holds the replaced tree: kept for the next build, or removed.
    The new tree is in place already, so nothing here may fail the build."""
    if kept is not None:
        with contextlib.suppress(OSError):
            if kept.is_symlink() or kept.is_file():
                kept.unlink()
            _discard(kept)
            os.replace(old_tree, kept)
            return
    _discard(old_tree)


def _discard(folder: Path) -> None:
    """Remove a tree no build needs any more, if it can be: never worth failing a build.
    Not shutil.rmtree, which recursed once a level through a committed output nested
    thousands deep (RecursionError)."""
    with contextlib.suppress(OSError):
        remove_tree(folder)


def _update(root: Path, outputs: Mapping[str, bytes], live: Path) -> None:
    """Make the tree at `root` hold exactly `outputs`. A file equal to the live tree's is
    that file, linked; any other is written anew. Whatever else is there goes, links,
    pipes and sockets included, so nothing outside is ever written through."""
    for name in outputs:
        if name.startswith("/") or ".." in name.split("/"):
            raise ValueError(f"an output path must stay inside the output folder: {quoted(name)}")
    folders = _folders_of(outputs)
    existing = _prune(str(root), "", set(outputs), folders)
    for folder in sorted(folders - existing):
        os.mkdir(root / folder)
    # A live tree with a folder that is a link (a committed output can hold one) would have
    # its files read, and linked, from wherever the link leads: nothing in it is used then.
    usable = not any(os.path.islink(live / folder) for folder in folders)
    root_text, live_text = str(root), str(live)  # paths as text: 2,800 Path objects cost about 5 ms
    for name, data in outputs.items():
        staged, current = f"{root_text}/{name}", f"{live_text}/{name}"
        unchanged = usable and _holds(current, data)
        if not (unchanged and (_same_file(staged, current) or _linked(current, staged))):
            _write_new(staged, data)
    os.chmod(root, _folder_mode())


def _folders_of(outputs: Iterable[str]) -> set[str]:
    """The folders the output paths stand in, each named relative to the output folder."""
    return {
        "/".join(parts[:end])
        for parts in (name.split("/") for name in outputs)
        for end in range(1, len(parts))
    }


def _folder_mode() -> int:
    """The mode a folder made now gets (0o777 less the umask): the staging folder, which
    mkdtemp makes private, becomes the output folder and must look like its subfolders."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o777 & ~mask


def _prune(folder: str, relative: str, files: set[str], folders: set[str]) -> set[str]:
    """Remove what is not in the build; return the build's folders that already exist."""
    present: set[str] = set()
    with os.scandir(folder) as entries:
        found = list(entries)
    for entry in found:
        name = f"{relative}{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            if name in folders:
                present.add(name)
                present |= _prune(entry.path, f"{name}/", files, folders)
            else:
                remove_tree(entry.path)
        elif name not in files or not entry.is_file(follow_symlinks=False):
            os.unlink(entry.path)
    return present


def _same_file(first: str, second: str) -> bool:
    try:
        one, other = os.lstat(first), os.lstat(second)
    except OSError:
        return False
    return (one.st_ino, one.st_dev) == (other.st_ino, other.st_dev)


def _write_new(path: str, data: bytes) -> None:
    """A new file under `path`, never the old one rewritten: its other names keep their bytes."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    with open(path, "xb") as file:
        file.write(data)


def _holds(path: str, data: bytes) -> bool:
    """Whether `path` is a regular file (not a link) holding exactly `data`."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
            return False
        return os.read(descriptor, len(data) + 1) == data
    except OSError:  # a bad sector: not known to hold the bytes, so written again
        return False
    finally:
        os.close(descriptor)


def _linked(source: str, link: str) -> bool:
    try:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(link)
        os.link(source, link, follow_symlinks=False)
    except OSError:  # another file system, or links refused: the file is written instead
        return False
    return True


def _swap(staging: Path, target: Path) -> None:
    """The new tree takes the target's name; `staging` then holds the old tree (or nothing)."""
    if target.is_dir() and _exchange(staging, target):
        return
    # Two renames: for an instant between them the target is missing, and a build
    # killed there leaves the old tree under RETIRED_PREFIX for the next build to restore.
    retired = target.parent / f"{RETIRED_PREFIX}{target.name}"
    if target.exists():
        os.replace(target, retired)
    try:
        os.replace(staging, target)
    except OSError:
        if retired.exists() and not os.path.lexists(target):
            os.replace(retired, target)  # the old tree back: a failed build leaves the output as it was
        raise
    if retired.exists():
        os.replace(retired, staging)


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


def _staging_folders(parent: Path, name: str) -> Iterator[Path]:
    """This output's staging folders, and no other's: matched by name, not as a pattern (an
    output named `dist[1]` or `dist` must not claim `dist1`'s or `dist-x`'s)."""
    prefix = f"{STAGING_PREFIX}{name}-"
    for each in parent.iterdir():
        suffix = each.name[len(prefix) :]
        # mkdtemp's random part is letters, digits and '_', never '-'
        if each.name.startswith(prefix) and suffix and "-" not in suffix:
            yield each


def _leftovers_note(parent: Path, name: str) -> str | None:
    """What an earlier output left beside this one and cannot be removed (a file or folder
    made read-only or immutable in it, as `chattr +i` does), or None: it was removed
    silently and stayed, a hidden copy of an old site beside the output, build after build."""
    retired = parent / f"{RETIRED_PREFIX}{name}"
    for left in [*_staging_folders(parent, name), *([retired] if os.path.lexists(retired) else [])]:
        try:
            remove_tree(left)
        except OSError as exc:
            return (
                f"{left} holds an output an earlier build replaced, and cannot be removed "
                f"({exc.strerror}): check the permissions (and attributes: lsattr) of what is in it, "
                "then remove it yourself"
            )
    return None


def _remove_leftovers(parent: Path, name: str) -> None:
    """Folders left by a killed build of this output (the lock is held: no build is running)."""
    target = parent / name
    for leftover in _staging_folders(parent, name):
        if leftover.is_dir() and not leftover.is_symlink():
            _discard(leftover)
    retired = parent / f"{RETIRED_PREFIX}{name}"
    if retired.is_dir() and not retired.is_symlink():
        if not target.exists():  # killed between the two renames: the old tree is the last good one
            os.replace(retired, target)
        else:
            _discard(retired)
