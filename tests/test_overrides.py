"""Template overrides named as the theme's files are (digest.render.overrides)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from digest.render.environment import theme_path
from tests.helpers import built, fails_cleanly
from tests.test_cli import run


@pytest.mark.parametrize("name", ["Web.css", "EMAIL.MJML.J2", "_Picture.html.j2"])
def test_an_override_named_in_another_case_than_the_themes_file_is_refused(project: Path, name: str) -> None:
    """templates/Web.css replaced the theme's web.css on macOS and Windows and was passed over
    on Linux and in CI: one project, two different sites, without a word."""
    built(project)
    (project / "templates").mkdir()
    shutil.copy(theme_path() / name.lower(), project / "templates" / name)
    fails_cleanly(
        project,
        (f"templates/{name}: differs only in case or Unicode form from the theme's {name.lower()}",),
        "build",
        "issue-2025",
    )
    listing = run(project, "list")
    assert listing.exit_code == 0 and "stale: the templates changed since the build" in listing.output


def test_two_overrides_differing_only_in_case_are_refused(project: Path) -> None:
    (project / "templates").mkdir()
    (project / "templates" / "notes.html.j2").write_text("a")
    (project / "templates" / "Notes.html.j2").write_text("b")
    fails_cleanly(
        project, ("templates/notes.html.j2: differs only in case or Unicode form from Notes.html.j2",)
    )


def test_an_override_named_as_the_themes_file_and_other_files_build(project: Path) -> None:
    (project / "templates").mkdir()
    css = (theme_path() / "web.css").read_text() + "\n.override-marker { color: #123456; }\n"
    (project / "templates" / "web.css").write_text(css)
    (project / "templates" / "Extra.html.j2").write_text("{# not the theme's #}")
    outputs = built(project)
    assert any(b"override-marker" in data for data in outputs.values())
