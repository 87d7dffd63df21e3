"""A case-insensitive, case-preserving file system for the tests, as macOS and Windows
disks are: a FUSE mount of a plain folder where 'Chart.PNG' opens chart.png, a name is kept
as it was first written, and a rename may change only a name's case.

Run as `python -m tests.casefold STORE MOUNT` (it stays in the foreground until unmounted).
It needs /dev/fuse, the right to mount (root, or fusermount) and libfuse 2 with fusepy;
`mounted()` starts it and says why it cannot where it cannot, for the tests to skip.

Nothing is cached by the kernel (every timeout 0), so each lookup reaches `real()`, and
inode numbers are the stored files' own (`use_ino`), as digest's caches judge files by them."""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
import sys
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

MOUNT_SECONDS = 10


def folded(name: str) -> str:
    """How the disk compares names: by case and by Unicode form (as APFS and NTFS do)."""
    return unicodedata.normalize("NFC", name).casefold()


class CaseInsensitive:
    """The file system's operations (fusepy's Operations protocol), each on the stored path
    `real()` finds for the path asked."""

    use_ns = True  # dates in nanoseconds, as digest's caches compare them

    def __init__(self, store: str) -> None:
        self.store = store

    def real(self, path: str) -> str:
        """The stored path: each name as the folder holds it, where it holds it in another case."""
        current = self.store
        for part in [part for part in path.split("/") if part]:
            exact = os.path.join(current, part)
            if not os.path.lexists(exact) and os.path.isdir(current):
                same = [name for name in os.listdir(current) if folded(name) == folded(part)]
                exact = os.path.join(current, sorted(same)[0]) if same else exact
            current = exact
        return current

    def __call__(self, operation: str, path: str, *arguments: Any) -> Any:
        method = getattr(self, operation, None)
        if method is None:
            raise OSError(errno.ENOSYS, operation)
        return method(path, *arguments)  # an OSError is told to the caller by its errno

    def getattr(self, path: str, fh: int | None = None) -> dict[str, Any]:
        status = os.fstat(fh) if fh is not None else os.lstat(self.real(path))
        names = ("st_mode", "st_ino", "st_nlink", "st_uid", "st_gid", "st_size")
        facts: dict[str, Any] = {name: getattr(status, name) for name in names}
        facts.update(st_atime=status.st_atime_ns, st_mtime=status.st_mtime_ns, st_ctime=status.st_ctime_ns)
        return facts

    def readdir(self, path: str, fh: int) -> list[str]:
        return [".", "..", *os.listdir(self.real(path))]

    def readlink(self, path: str) -> str:
        return os.readlink(self.real(path))

    def access(self, path: str, mode: int) -> int:
        if not os.access(self.real(path), mode):
            raise OSError(errno.EACCES, path)
        return 0

    def statfs(self, path: str) -> dict[str, int]:
        facts = os.statvfs(self.real(path))
        names = ("f_bsize", "f_frsize", "f_blocks", "f_bfree", "f_bavail", "f_files", "f_ffree", "f_namemax")
        return {name: getattr(facts, name) for name in names}

    def chmod(self, path: str, mode: int) -> int:
        os.chmod(self.real(path), mode, follow_symlinks=False)
        return 0

    def chown(self, path: str, uid: int, gid: int) -> int:
        os.chown(self.real(path), uid, gid, follow_symlinks=False)
        return 0

    def utimens(self, path: str, times: tuple[int, int] | None = None) -> int:
        os.utime(self.real(path), ns=times, follow_symlinks=False)
        return 0

    def mknod(self, path: str, mode: int, device: int) -> int:
        os.mknod(self.new(path), mode, device)
        return 0

    def mkdir(self, path: str, mode: int) -> int:
        os.mkdir(self.new(path), mode)
        return 0

    def rmdir(self, path: str) -> int:
        os.rmdir(self.real(path))
        return 0

    def unlink(self, path: str) -> int:
        os.unlink(self.real(path))
        return 0

    def symlink(self, target: str, source: str) -> int:
        os.symlink(source, self.new(target))
        return 0

    def link(self, target: str, source: str) -> int:
        os.link(self.real(source), self.new(target), follow_symlinks=False)
        return 0

    def rename(self, old: str, new: str) -> int:
        """A rename keeps the new spelling, also where only the case changes."""
        stored_old, stored_new = self.real(old), self.real(new)
        wanted = os.path.join(os.path.dirname(stored_new), os.path.basename(new))
        if (
            os.path.lexists(stored_new)
            and not os.path.samefile(stored_old, stored_new)
            and stored_new != wanted
        ):
            os.rename(stored_old, stored_new)  # replaces the other file, as rename(2) does
        os.rename(stored_old if os.path.lexists(stored_old) else stored_new, wanted)
        return 0

    def new(self, path: str) -> str:
        """Where a new name goes: in its folder as stored, spelt as asked."""
        parent, name = os.path.split(path)
        return os.path.join(self.real(parent), name)

    def open(self, path: str, flags: int) -> int:
        return os.open(self.real(path), flags)

    def create(self, path: str, mode: int, fi: Any = None) -> int:
        existing = self.real(path)
        target = existing if os.path.lexists(existing) else self.new(path)
        return os.open(target, os.O_RDWR | os.O_CREAT, mode)

    def read(self, path: str, size: int, offset: int, fh: int) -> bytes:
        return os.pread(fh, size, offset)

    def write(self, path: str, data: bytes, offset: int, fh: int) -> int:
        return os.pwrite(fh, data, offset)

    def truncate(self, path: str, length: int, fh: int | None = None) -> int:
        if fh is not None:
            os.ftruncate(fh, length)
        else:
            os.truncate(self.real(path), length)
        return 0

    def flush(self, path: str, fh: int) -> int:
        return 0

    def fsync(self, path: str, datasync: int, fh: int) -> int:
        os.fsync(fh)
        return 0

    def release(self, path: str, fh: int) -> int:
        os.close(fh)
        return 0


@contextlib.contextmanager
def mounted(store: Path, mount: Path) -> Iterator[Path]:
    """`store` seen case-insensitively at `mount` for the block. Raises RuntimeError saying
    why where this machine cannot mount it."""
    if not os.path.exists("/dev/fuse"):
        raise RuntimeError("/dev/fuse is absent")
    store.mkdir(exist_ok=True)
    mount.mkdir(exist_ok=True)
    command = [sys.executable, "-m", "tests.casefold", str(store), str(mount)]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, cwd=Path(__file__).parent.parent)
    try:
        _wait_for(mount, process)
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True, check=False)
        process.terminate()
        process.wait(MOUNT_SECONDS)
        assert process.stderr is not None
        process.stderr.close()


def _wait_for(mount: Path, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + MOUNT_SECONDS
    while not os.path.ismount(mount):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            assert process.stderr is not None
            reason = process.stderr.read().decode(errors="replace").strip().splitlines()
            raise RuntimeError(reason[-1] if reason else "the mount did not appear")
        time.sleep(0.05)


def main() -> None:
    from fuse import FUSE  # type: ignore[import-untyped]

    store, mount = sys.argv[1:3]
    FUSE(
        CaseInsensitive(os.path.realpath(store)),
        mount,
        raw_fi=False,
        foreground=True,
        nothreads=True,
        use_ino=True,
        entry_timeout=0,
        negative_timeout=0,
        attr_timeout=0,
    )


if __name__ == "__main__":
    main()
