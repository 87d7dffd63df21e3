"""What an export left in the output folder (digest.output.written), for `digest list`."""

from __future__ import annotations

import os
from pathlib import Path

from digest.output.export import MARKER, export
from digest.output.written import OutputChanges, changes_since_export, note_path, output_key
from tests.helpers import Nest


def exported(tmp_path: Path) -> tuple[Path, Path]:
    target, cache = tmp_path / "out", tmp_path / "cache"
    export({"index.html": b"<p>home</p>", "a/page.html": b"<p>a</p>", "a/b.txt": b"b"}, target, cache)
    return target, cache


def test_an_output_as_the_export_left_it_has_no_changes(tmp_path: Path) -> None:
    target, cache = exported(tmp_path)
    assert changes_since_export(target, cache) == OutputChanges((), (), ())
    export({"index.html": b"<p>home</p>", "a/page.html": b"<p>a, again</p>"}, target, cache)
    assert changes_since_export(target, cache) == OutputChanges((), (), ())


def test_every_kind_of_hand_edit_is_named_by_its_path(tmp_path: Path) -> None:
    target, cache = exported(tmp_path)
    (target / "a" / "page.html").write_bytes(b"<p>mine</p>")
    (target / "index.html").unlink()
    (target / "index.html").symlink_to("a/b.txt")  # a file replaced by a link
    os.chmod(target / "a" / "b.txt", 0o600)
    (target / "a" / "b.txt").unlink()
    (target / "notes.txt").write_bytes(b"mine")
    os.mkfifo(target / "a" / "pipe")
    changes = changes_since_export(target, cache)
    assert changes == OutputChanges(("a/page.html", "index.html"), ("a/b.txt",), ("a/pipe", "notes.txt"))
    assert changes.described() == "a/page.html and 1 more changed, a/b.txt removed, a/pipe and 1 more added"
    assert changes.of_folder("a") == OutputChanges(("a/page.html",), ("a/b.txt",), ("a/pipe",))


def test_a_mode_changed_by_hand_is_named(tmp_path: Path) -> None:
    target, cache = exported(tmp_path)
    os.chmod(target / "a" / "b.txt", 0o400)
    assert changes_since_export(target, cache) == OutputChanges(("a/b.txt",), (), ())


def test_no_note_a_broken_one_or_one_naming_paths_outside_claims_nothing_outside(tmp_path: Path) -> None:
    target, cache = exported(tmp_path)
    note = note_path(target, cache)
    marker_stamps = note.read_text().split('"marker": ', 1)[1].split("]", 1)[0] + "]"
    note.write_text(f'{{"marker": {marker_stamps}, "files": {{"{MARKER}": {marker_stamps}, "../x": [1]}}}}')
    assert changes_since_export(target, cache) == OutputChanges(
        (), (), ("a/b.txt", "a/page.html", "index.html")
    )
    for broken in (b"", b"not json", b'{"files": []}', b"[" * 100_000):
        note.write_bytes(broken)
        assert changes_since_export(target, cache) is None
    note.unlink()
    assert changes_since_export(target, cache) is None


def test_a_note_through_a_link_is_replaced_not_written_through(tmp_path: Path) -> None:
    target, cache = exported(tmp_path)
    note = note_path(target, cache)
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_bytes(b"keep")
    note.unlink()
    note.symlink_to(elsewhere)
    export({"index.html": b"<p>home</p>"}, target, cache)
    assert elsewhere.read_bytes() == b"keep" and not note.is_symlink()
    assert changes_since_export(target, cache) == OutputChanges((), (), ())


def test_an_output_folder_that_cannot_be_noted_still_exports(tmp_path: Path) -> None:
    target, cache = tmp_path / "out", tmp_path / "cache"
    cache.mkdir()
    note_path(target, cache).mkdir()  # the note's place taken by a folder
    export({"index.html": b"x"}, target, cache)
    assert (target / "index.html").read_bytes() == b"x"
    assert changes_since_export(target, cache) is None


def test_the_cache_knows_an_output_by_its_path_as_macos_and_windows_compare_paths(tmp_path: Path) -> None:
    """`cd ~/News` and `cd ~/news` are one folder on macOS and Windows, where a path is not
    made canonical: each spelling had its own lock, so two builds of one output ran at once,
    and its own kept tree and note."""
    cache = tmp_path / "cache"
    for spelling in ("News", "news", "NEWS"):
        export({"index.html": spelling.encode()}, tmp_path / spelling / "dist", cache)
    assert len(list(cache.glob("export-*.lock"))) == 1
    assert len(list(cache.glob("written-*.json"))) == 1
    assert output_key(tmp_path / "Caf\u00e9") == output_key(tmp_path / "cafe\u0301")
    assert output_key(tmp_path / "news") != output_key(tmp_path / "news2")


def test_a_tree_made_by_hand_thousands_of_folders_deep_is_named_not_a_traceback(
    tmp_path: Path, nest: Nest
) -> None:
    target, cache = exported(tmp_path)
    (nest(target, 1500) / "x.txt").write_bytes(b"mine")  # deeper than Python's recursion limit
    changes = changes_since_export(target, cache)
    assert changes == OutputChanges((), (), ("d/" * 1500 + "x.txt",))
    assert changes.described() == f"{'d/' * 19}d…{'d/' * 17}x.txt added"  # one line's worth


def test_a_note_with_stamps_no_whole_number_claims_nothing(tmp_path: Path) -> None:
    """JSON's Infinity (which Python's json reads) made int() raise OverflowError: a
    traceback in `digest list` instead of a note passed over."""
    target, cache = exported(tmp_path)
    note = note_path(target, cache)
    marker_stamps = note.read_text().split('"marker": ', 1)[1].split("]", 1)[0] + "]"
    for stamps in ("[Infinity, 1, 2, 3]", "[-Infinity]", "[NaN]", "[1e400]", '"1234"', "[true]"):
        files = f'{{"{MARKER}": {marker_stamps}, "index.html": {stamps}}}'
        note.write_text(f'{{"marker": {marker_stamps}, "files": {files}}}')
        assert changes_since_export(target, cache) is None, stamps
