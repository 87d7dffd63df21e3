"""What the preview's watcher knows of each source (digest.preview.watch): a large file hashed
again only when its stamps move or it has not settled, and a file too large for any build never
read at all."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import digest.preview.watch as watch
from digest.preview.server import Preview
from digest.preview.watch import LARGE_BYTES, SourceStamps, Watched
from tests.test_robustness import ISSUE


class Hashes:
    """Counts the files the watcher hashes, by path."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.paths: list[str] = []
        real = watch.sha256_of

        def counted(path: str, max_bytes: int) -> str:
            self.paths.append(path)
            return real(path, max_bytes)

        monkeypatch.setattr(watch, "sha256_of", counted)

    def of(self, path: Path) -> int:
        return self.paths.count(str(path))


def large_photo(folder: Path, name: str = "photo.jpg") -> Path:
    path = folder / name
    path.write_bytes(bytes(range(256)) * (LARGE_BYTES // 256 * 4))
    return path


def test_the_watcher_hashes_a_large_unchanged_file_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Every file of the issue was hashed every half second: a folder of photos cost a core."""
    photo, note = large_photo(tmp_path), tmp_path / "note.md"
    note.write_text("A small file.\n")
    hashes = Hashes(monkeypatch)
    stamps = SourceStamps(clock=lambda: photo.stat().st_ctime_ns + 10**10)  # ten seconds on: settled
    files = {photo: Watched(str(photo)), note: Watched(str(note))}
    first = stamps.digests(files, 10**9)
    assert [stamps.digests(files, 10**9) for _ in range(5)] == [first] * 5
    assert hashes.of(photo) == 1
    assert hashes.of(note) == 6  # a small file costs nothing to hash
    archived = {note: Watched(str(note), remembered_from=0)}  # another issue's: one of hundreds
    assert [stamps.digests(archived, 10**9) for _ in range(3)] == [{note: first[note]}] * 3
    assert hashes.of(note) == 7


@pytest.mark.parametrize("edit", ["same size, date put back", "renamed over", "touched only"])
def test_the_watcher_sees_every_edit_of_a_large_settled_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, edit: str
) -> None:
    photo = large_photo(tmp_path)
    old = os.stat(photo)
    os.utime(photo, ns=(old.st_atime_ns - 10**10, old.st_mtime_ns - 10**10))
    stamps = SourceStamps(clock=lambda: time.time_ns() + 10**10)
    first = stamps.digests({photo: Watched(str(photo))}, 10**9)
    assert stamps.digests({photo: Watched(str(photo))}, 10**9) == first  # remembered from here on
    before = os.stat(photo)
    data = bytearray(photo.read_bytes())
    if edit == "same size, date put back":
        data[1000] ^= 0xFF
        photo.write_bytes(bytes(data))
        os.utime(photo, ns=(before.st_atime_ns, before.st_mtime_ns))
    elif edit == "renamed over":
        data[0] ^= 0xFF
        (tmp_path / "new.jpg").write_bytes(bytes(data))
        os.utime(tmp_path / "new.jpg", ns=(before.st_atime_ns, before.st_mtime_ns))
        os.replace(tmp_path / "new.jpg", photo)
    else:
        os.utime(photo, ns=(before.st_atime_ns, before.st_mtime_ns + 1))
    hashes = Hashes(monkeypatch)
    now = stamps.digests({photo: Watched(str(photo))}, 10**9)
    assert hashes.of(photo) == 1
    assert (now == first) == (edit == "touched only")


def test_the_watcher_hashes_a_large_file_changed_a_moment_ago_on_every_look(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Changed within its stamps' granularity of the look, it could change again under the
    same stamps (size and date put back): it is not remembered until it has settled."""
    photo = large_photo(tmp_path)
    stamps = SourceStamps(clock=lambda: photo.stat().st_ctime_ns)  # the look, as the file was saved
    hashes = Hashes(monkeypatch)
    for _ in range(3):
        stamps.digests({photo: Watched(str(photo))}, 10**9)
    assert hashes.of(photo) == 3


def test_the_watcher_never_reads_a_file_too_large_for_any_build(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A sparse file of a terabyte beside the reviews, which every build passes over by its
    size, was hashed whole by the preview's watcher on its first look: the preview hung."""
    huge = project / "issues" / ISSUE / "disk-image.iso"
    with huge.open("wb") as file:
        file.truncate(10**12)
    workdir = tmp_path_factory.mktemp("preview")
    preview = Preview(project / "digest.toml", ISSUE, workdir)
    hashes = Hashes(monkeypatch)
    seen = preview.sources()
    assert hashes.of(huge) == 0 and huge in seen
    with huge.open("r+b") as file:
        file.truncate(10**12 + 1)
    assert preview.sources() != seen and hashes.of(huge) == 0
