from __future__ import annotations

from pathlib import Path

from digest.export import export


def test_export_replaces_the_folder_exactly(tmp_path: Path) -> None:
    target = tmp_path / "dist"
    export({"a.txt": b"one", "sub/b.txt": b"two"}, target)
    export({"c.txt": b"three"}, target)
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()) == ["c.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["dist"]


def test_leftovers_of_a_killed_build_are_cleaned(tmp_path: Path) -> None:
    target = tmp_path / "dist"
    (tmp_path / ".digest-staging-dist-abc").mkdir()
    (tmp_path / ".digest-old-dist").mkdir()
    export({"a.txt": b"x"}, target)
    assert [p.name for p in tmp_path.iterdir()] == ["dist"]


def test_killed_between_renames_restores_the_last_good_tree(tmp_path: Path) -> None:
    retired = tmp_path / ".digest-old-dist"
    retired.mkdir()
    (retired / "old.txt").write_text("good")
    export({"new.txt": b"new"}, tmp_path / "dist")
    assert (tmp_path / "dist" / "new.txt").read_text() == "new"
