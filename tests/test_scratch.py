"""The editors' swap, backup and lock files (digest.scratch): told by their names, never the project's,
never published, never making a build stale."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from digest.config import load_config
from digest.output.listing import CURRENT, list_issues
from digest.scratch import is_scratch
from tests.helpers import issue_md
from tests.test_cli import run, tree
from tests.test_robustness import ISSUE

# --- editors' swap, backup and lock files ------------------------------------------------

SCRATCH = ("state-of-llms-2025.md~", "#state-of-llms-2025.md#", ".state-of-llms-2025.md.swp")


@pytest.mark.parametrize(
    ("name", "scratch"),
    [
        ("review.md~", True),
        ("#review.md#", True),
        (".#review.md", True),
        (".review.md.swp", True),
        (".review.md.swo", True),
        ("notes/.figure.png.swp", True),
        (".~lock.notes.odt#", True),
        ("~$notes.docx", True),
        ("review.md___jb_tmp___", True),
        ("Thumbs.db", True),
        (".DS_Store", True),
        ("._figure.png", True),
        ("Icon\r", True),
        ("static/Icon\r", True),
        ("Icon", False),
        ("Icon\r.png", False),
        ("review.md", False),
        ("figure.png", False),
        ("notes#1.md", False),
        ("paper~final.pdf", False),
        (".gitkeep", False),
    ],
)
def test_scratch_files_are_told_by_their_name(name: str, scratch: bool) -> None:
    assert is_scratch(name) is scratch


def test_an_editors_scratch_files_are_neither_reported_nor_published(project: Path) -> None:
    folder = issue_md(project).parent
    for name in SCRATCH:
        (folder / name).write_bytes(b"b0VIM 9.0\0 half-written")
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    for name in SCRATCH:
        assert name not in result.output
    assert not any(name.endswith(("~", "#", ".swp")) for name in tree(project / "dist"))


def test_a_folders_custom_icon_from_the_finder_is_neither_refused_nor_published(project: Path) -> None:
    """macOS's Finder writes `Icon\\r` (its name ends in a carriage return) into a folder given
    a custom icon: the static folder refused it as a name holding a control character, and
    every build stopped."""
    (project / "static").mkdir()
    (project / "static" / "Icon\r").write_bytes(b"")
    (issue_md(project).parent / "Icon\r").write_bytes(b"")
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    assert not any("Icon" in name for name in tree(project / "dist"))


def test_a_swap_file_rewritten_while_editing_leaves_the_build_current(project: Path) -> None:
    folder = issue_md(project).parent
    (folder / ".state-of-llms-2025.md.swp").write_bytes(b"b0VIM 9.0 first")
    assert run(project, "build", ISSUE).exit_code == 0
    (folder / ".state-of-llms-2025.md.swp").write_bytes(b"b0VIM 9.0 typed a few words since")
    (folder / "state-of-llms-2025.md~").write_text("an older version\n")
    summaries = {s.id: s for s in list_issues(load_config(project / "digest.toml"))}
    assert summaries[ISSUE].build.status == CURRENT, summaries[ISSUE].build


def test_a_backup_file_in_the_static_folder_is_not_published(project: Path) -> None:
    static = project / "static"
    static.mkdir()
    (static / "site.css").write_text("body { margin: 0 }\n")
    (static / "site.css~").write_text("body { margin: 1em }\n")
    assert run(project, "build", ISSUE).exit_code == 0
    assert (project / "dist" / "site.css").is_file()
    assert not (project / "dist" / "site.css~").exists()


def test_a_swap_file_beside_the_templates_leaves_the_build_current(project: Path) -> None:
    templates = project / "templates"
    templates.mkdir()
    shutil.copy(Path(__file__).parent.parent / "templates" / "email.css", templates / "email.css")
    assert run(project, "build", ISSUE, "--no-check-links").exit_code == 0
    (templates / ".email.css.swp").write_bytes(b"b0VIM 9.0 editing")
    (templates / "email.css~").write_text("/* the version before */\n")
    summaries = {s.id: s for s in list_issues(load_config(project / "digest.toml"))}
    assert summaries[ISSUE].build.status == CURRENT, summaries[ISSUE].build
    (templates / "email.css").write_text((templates / "email.css").read_text() + "\n/* edited */\n")
    summaries = {s.id: s for s in list_issues(load_config(project / "digest.toml"))}
    assert summaries[ISSUE].build.status != CURRENT
