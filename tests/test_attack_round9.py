"""Ninth attack round: files whose readability, bytes or kind change between the moments a
build looks at them, hostile settings, and the preview's watcher on large files, through the
CLI in a copy of the demo project. Each bad case ends in one line naming the file (and line)
and what to do, exit 1, no traceback, the previous dist/ as it was; every incremental build
equals a clean build. Cases the earlier rounds cover (tests/test_attack_round8.py and
before) are not repeated here.

These tests run as root on the project's machines: where a permission matters, they make
the file system refuse by other means (a monkeypatched system call) rather than chmod.
"""

from __future__ import annotations

import errno
import os
import shutil
import time
from pathlib import Path

import pytest

from digest.output.listing import CURRENT, STALE
from tests.helpers import ISSUE, built, fails_cleanly
from tests.test_cli import run, tree
from tests.test_listing import by_id, state
from tests.test_robustness import assert_clean_failure, edit

# --- a file that cannot be read when the issue folder is walked, and can be later --------


def refuse_first_opening(monkeypatch: pytest.MonkeyPatch, ending: str) -> list[str]:
    """os.open refuses (EACCES) the first opening of a path ending in `ending`, as a file
    whose permissions are put back a moment later; the paths it refused."""
    real_open = os.open
    refused: list[str] = []

    def opener(path: object, flags: int, *args: object, **options: object) -> int:
        name = os.fspath(path)  # type: ignore[call-overload]
        if isinstance(name, str) and name.endswith(ending) and not refused:
            refused.append(name)
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), name)
        return real_open(path, flags, *args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", opener)
    return refused


def clean_build(project: Path, scratch: Path, *command: str) -> dict[str, bytes]:
    """The same sources built from nothing: no cache, no previous output."""
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(project, scratch, ignore=shutil.ignore_patterns("dist", ".digest-cache"))
    result = run(scratch, *(command or ("build", ISSUE)))
    assert result.exit_code == 0, result.output
    return tree(scratch / "dist")


@pytest.mark.parametrize(
    ("ending", "shown"),
    [("llm-report-2025.md", "llm-report-2025.md:"), ("training-costs.png", "raschka-state-of-llms.md:")],
)
def test_a_file_unreadable_when_walked_but_read_later_is_never_cached_under_other_bytes(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, ending: str, shown: str
) -> None:
    """The walk left it out of the issue's digests and the build read it afterwards: the
    issue was cached under a key that held none of its bytes, and the next build in the
    same state served the bytes of the first (a review's old words in its page). Such a
    build now stops and says to build again; the next build reads what is there."""
    built(project)
    path = next((project / "issues" / ISSUE).rglob(ending))
    for version in ("first", "second"):
        if path.suffix == ".md":
            path.write_text(path.read_text() + f"\nWords of a {version} version.\n")
        before = tree(project / "dist")
        with monkeypatch.context() as patched:
            refused = refuse_first_opening(patched, ending)
            result = run(project, "build", ISSUE)
            assert refused, "the walk never opened the file"
        if result.exit_code == 0:
            assert tree(project / "dist") == clean_build(project, tmp_path / "clean")
        else:
            assert_clean_failure(result, (shown, "build again"))
            assert tree(project / "dist") == before
    assert built(project) == clean_build(project, tmp_path / "clean")


def test_digest_list_says_a_file_it_cannot_read_is_unreadable_not_changed(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It said 'training-costs.png changed since the build' of a file whose bytes no one
    touched; once it can be read again the build is current."""
    built(project)
    with monkeypatch.context() as patched:
        refuse_first_opening(patched, "training-costs.png")
        listed = by_id(project)[ISSUE].build
    assert listed.status == STALE
    assert listed.reason == "training-costs.png cannot be read now: check its permissions"
    assert state(project).status == CURRENT


# --- a site address whose host no resolver or email header can hold ------------------------


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("https://xn--/", "host part 'xn--' that is no international domain name (IDNA)"),
        ("https://xn--zz.example.org/", "host part 'xn--zz' that is no international domain name (IDNA)"),
        ("https://digest..example.org/", "has a host with an empty part between two dots"),
        ("https://-digest.example.org/", "'-digest' that starts or ends with a hyphen"),
        (f"https://{'a' * 64}.example.org/", "longer than 63 characters"),
        # the email package could not write the Message-ID's host: a traceback
        ("https://example.org./", "has a host ending in a dot: write it without"),
    ],
)
def test_a_site_address_whose_host_is_no_domain_name_names_the_setting(
    project: Path, address: str, message: str
) -> None:
    """'https://xn--/' was taken: its pages linked to a host no resolver finds, and the email's
    Message-ID held it."""
    built(project)
    edit(project, "digest.toml", 'base_url = "https://digest.example.org/"', f"base_url = '{address}'")
    fails_cleanly(project, ("digest.toml", "[site] base_url", message))


@pytest.mark.parametrize(
    "address",
    ["https://xn--caf-dma.example.org/", "http://127.0.0.1:8000/", "http://[::1]:8000/"],
)
def test_a_site_address_with_an_ascii_international_or_numeric_host_still_builds(
    project: Path, address: str
) -> None:
    edit(project, "digest.toml", 'base_url = "https://digest.example.org/"', f"base_url = '{address}'")
    edit(project, "digest.toml", "https_only = true", "https_only = false")
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output


# --- the preview's watcher ------------------------------------------------------------------


def test_the_preview_sees_an_edit_of_a_review_that_is_a_link_beside_it(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A review made a link to a copy beside it builds from the copy, but the watcher hashed
    the link itself, which O_NOFOLLOW refuses: no edit of the copy was ever seen."""
    from digest.preview.server import Preview

    folder = project / "issues" / ISSUE
    review = folder / "llm-report-2025.md"
    os.replace(review, folder / ".copy.md")
    review.symlink_to(".copy.md")
    workdir = tmp_path_factory.mktemp("preview")
    preview = Preview(project / "digest.toml", ISSUE, workdir)
    seen = preview.sources()
    assert review in seen
    copy = folder / ".copy.md"
    copy.write_text(copy.read_text() + "\nOne more line.\n")
    assert preview.sources() != seen


class Hashes:
    """Counts the files the watcher hashes, by path."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import digest.preview.watch as watch

        self.paths: list[str] = []
        real = watch.sha256_of

        def counted(path: str) -> str:
            self.paths.append(path)
            return real(path)

        monkeypatch.setattr(watch, "sha256_of", counted)

    def of(self, path: Path) -> int:
        return self.paths.count(str(path))


def large_photo(folder: Path, name: str = "photo.jpg") -> Path:
    from digest.preview.watch import LARGE_BYTES

    path = folder / name
    path.write_bytes(bytes(range(256)) * (LARGE_BYTES // 256 * 4))
    return path


def test_the_watcher_hashes_a_large_unchanged_file_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Every file of the issue was hashed every half second: a folder of photos cost a core."""
    from digest.preview.watch import SourceStamps, Watched

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
    from digest.preview.watch import SourceStamps, Watched

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
    from digest.preview.watch import SourceStamps, Watched

    photo = large_photo(tmp_path)
    stamps = SourceStamps(clock=lambda: photo.stat().st_ctime_ns)  # the look, as the file was saved
    hashes = Hashes(monkeypatch)
    for _ in range(3):
        stamps.digests({photo: Watched(str(photo))}, 10**9)
    assert hashes.of(photo) == 3


def test_a_large_image_reached_through_a_link_beside_it_builds(project: Path, tmp_path: Path) -> None:
    """Over [build] max_review_bytes, an image is hashed, not read, with the issue folder:
    through a link, by the file it leads to (O_NOFOLLOW refuses the link itself)."""
    folder = project / "issues" / ISSUE
    os.replace(folder / "training-costs.png", folder / ".training-costs.png")
    (folder / "training-costs.png").symlink_to(".training-costs.png")
    edit(project, "digest.toml", "[build]\n", "[build]\nmax_review_bytes = 20000\n")
    assert built(project) == clean_build(project, tmp_path / "clean")


def test_the_watcher_never_reads_a_file_too_large_for_any_build(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A sparse file of a terabyte beside the reviews, which every build passes over by its
    size, was hashed whole by the preview's watcher on its first look: the preview hung."""
    from digest.preview.server import Preview

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


# --- digest import: a file past every limit ---------------------------------------------------


def test_importing_a_file_past_every_limit_names_the_limit_it_is_past(project: Path) -> None:
    """'over the 50,000,000-byte limit: raise [build] max_review_bytes', a setting of
    1,000,000 bytes that no value lets such a page through: the limit named is a saved
    page's, which no setting moves."""
    sparse = project / "saved-page.html"
    with sparse.open("wb") as file:
        file.truncate(10**11)
    result = run(project, "import", str(sparse), "--issue", ISSUE)
    assert_clean_failure(result, ("saved-page.html", "100,000,000,000 bytes", "50,000,000-byte limit"))
    assert "max_review_bytes" not in result.output


def test_the_preview_rebuilds_when_a_neighbouring_issue_changes(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The preview's build shows the other issues (the archive, the previous issue's link and
    title), but its watcher looked at its own issue's folder only: a neighbour retitled, or
    an issue added, left the preview showing the old archive until some other edit."""
    from digest.preview.server import Preview

    preview = Preview(project / "digest.toml", ISSUE, tmp_path_factory.mktemp("preview"))
    seen = preview.sources()
    edit(project, "issues/issue-2024/issue.md", "title: ", 'title: "Retitled" # was: ')
    assert preview.sources() != seen
    snapshot = preview.rebuild()
    assert snapshot.site is not None and b"Retitled" in (snapshot.site / "index.html").read_bytes()


# --- the output edited by hand between builds --------------------------------------------------


@pytest.mark.parametrize("kind", ["same size, date put back", "hard link to a source", "link to a source"])
def test_a_build_after_the_output_was_edited_by_hand_equals_a_clean_build(
    project: Path, tmp_path_factory: pytest.TempPathFactory, kind: str
) -> None:
    """The export links a file a rebuild leaves unchanged from the last build: one edited by
    hand (its size and date kept) must be written anew, and a source linked in its place
    never written through."""
    built(project)
    page = project / "dist" / ISSUE / "index.html"
    settings = (project / "digest.toml").read_bytes()
    if kind == "same size, date put back":
        data = bytearray(page.read_bytes())
        data[len(data) // 2] ^= 0x01
        before = page.stat()
        page.write_bytes(bytes(data))
        os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    elif kind == "hard link to a source":
        page.unlink()
        os.link(project / "digest.toml", page)
    else:
        page.unlink()
        page.symlink_to(project / "digest.toml")
    assert built(project) == clean_build(project, tmp_path_factory.mktemp("clean"))
    assert (project / "digest.toml").read_bytes() == settings


def test_a_file_no_build_used_that_was_unreadable_when_walked_leaves_the_build_current(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build passed over a stray file it could not open (a build that needs a file it
    could not read stops), so its pages are what a build now makes: `digest list` called it
    stale ('stray-notes.md changed since the build') once the file could be read."""
    (project / "issues" / ISSUE / "stray-notes.md").write_text("Notes nobody listed.\n")
    with monkeypatch.context() as patched:
        refuse_first_opening(patched, "stray-notes.md")
        built(project)
    assert state(project).status == CURRENT
