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


def test_a_misspelt_override_is_named_with_the_themes_file_it_may_mean(project: Path) -> None:
    """templates/emial.mjml.j2 replaces nothing: the build went on with the theme's email and
    the editor wondered why the change never showed."""
    (project / "templates").mkdir()
    shutil.copy(theme_path() / "email.mjml.j2", project / "templates" / "emial.mjml.j2")
    (project / "templates" / "_unused.html.j2").write_text("<p>never included</p>")
    result = run(project, "build", "issue-2025")
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert (
        "templates/emial.mjml.j2: no template of the theme is named so and no template includes it: "
        "did you mean email.mjml.j2? rename it, or delete it" in output
    )
    assert (
        "templates/_unused.html.j2: no template of the theme is named so and no template includes it"
        in output
    )
    assert (
        "_unused.html.j2: no template of the theme is named so and no template includes it: did" not in output
    )


def test_a_partial_an_override_includes_and_files_beside_the_templates_are_not_named(project: Path) -> None:
    (project / "templates").mkdir()
    base = (theme_path() / "base.html.j2").read_text()
    (project / "templates" / "base.html.j2").write_text(base + '{% include "_footer_note.html.j2" %}')
    (project / "templates" / "_footer_note.html.j2").write_text(
        '{% import "macros/_links.j2" as links %}{% trans %}Thanks for reading{% endtrans %}'
    )
    (project / "templates" / "macros").mkdir()
    (project / "templates" / "macros" / "_links.j2").write_text("{% macro a() %}{% endmacro %}")
    (project / "templates" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    result = run(project, "build", "issue-2025")
    assert result.exit_code == 0, result.output
    assert "no template of the theme is named so" not in result.output


def test_a_template_chosen_by_a_value_leaves_every_other_one_unnamed(project: Path) -> None:
    """`{% include name %}` may reach any file: which ones it reaches is not known before rendering."""
    (project / "templates").mkdir()
    base = (theme_path() / "base.html.j2").read_text()
    (project / "templates" / "base.html.j2").write_text(
        base + '{% set part = "_note.html.j2" %}{% include part %}'
    )
    (project / "templates" / "_note.html.j2").write_text("<p>note</p>")
    result = run(project, "build", "issue-2025")
    assert result.exit_code == 0, result.output
    assert "no template of the theme is named so" not in result.output


def test_the_unused_templates_are_found_past_translated_text_and_deep_nesting(tmp_path: Path) -> None:
    from digest.render.overrides import unused_templates

    (tmp_path / "base.html.j2").write_text('{% trans %}Hello{% endtrans %}{% include "_a.html.j2" %}')
    (tmp_path / "_a.html.j2").write_text("a")
    (tmp_path / "emial.mjml.j2").write_text("b")
    assert unused_templates(tmp_path, theme_path(), 1_000_000) == [("emial.mjml.j2", "email.mjml.j2")]
    (tmp_path / "deep.html.j2").write_text("{% if x %}" * 5000 + "{% endif %}" * 5000)
    assert unused_templates(tmp_path, theme_path(), 1_000_000) == []  # its includes cannot be read
