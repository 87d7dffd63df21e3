"""The built-in theme compiled at install time: used only for the theme's own unchanged
files, never for a project's templates, and rendering exactly what compiling from source
renders."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import jinja2
import pytest

from digest.config import Config
from digest.render import environment
from digest.render.environment import Templates, theme_path
from digest.render.themecode import SUFFIX, ThemeCode, compile_theme


@pytest.fixture
def theme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the built-in theme, standing in for it, so a test may edit its files."""
    copy = tmp_path / "theme"
    shutil.copytree(theme_path(), copy)
    monkeypatch.setattr(environment, "theme_path", lambda: copy)
    return copy


def compiled_from_source(templates: Templates, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates Jinja compiles from source from now on."""
    names: list[str] = []
    original = templates.env.compile

    def counting(source: str, name: str | None = None, filename: str | None = None, *args: Any) -> Any:
        names.append(name or "")
        return original(source, name, filename, *args)

    monkeypatch.setattr(templates.env, "compile", counting)
    return names


def project_config(root: Path) -> Config:
    root.mkdir(exist_ok=True)
    return Config(root=root)


def render_all(templates: Templates) -> dict[str, str]:
    """Each template's code, as a rendering would run it (module names, blocks, debug lines)."""
    return {
        name: repr((template.name, sorted(template.blocks), template._debug_info))
        for name in sorted(templates.env.list_templates())
        if (template := templates.env.get_template(name))
    }


def test_the_theme_is_read_from_its_compiled_code(
    theme: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = tmp_path / "code"
    names = compile_theme(code)
    assert sorted(names) == sorted(path.name for path in theme.iterdir())
    assert len(list(code.glob(f"*{SUFFIX}"))) == len(names)
    templates = Templates(project_config(tmp_path / "project"), theme_code=ThemeCode(theme, code))
    from_source = compiled_from_source(templates, monkeypatch)
    compiled = render_all(templates)
    assert from_source == []
    plain = Templates(project_config(tmp_path / "project"), theme_code=ThemeCode(theme, tmp_path / "none"))
    assert render_all(plain) == compiled


def test_a_theme_file_changed_since_it_was_compiled_is_compiled_from_source(
    theme: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = tmp_path / "code"
    compile_theme(code)
    (theme / "email.txt.j2").write_text("Changed since install: {{ 1 + 1 }}\n", encoding="utf-8")
    templates = Templates(project_config(tmp_path / "project"), theme_code=ThemeCode(theme, code))
    from_source = compiled_from_source(templates, monkeypatch)
    assert templates.env.get_template("email.txt.j2").render() == "Changed since install: 2\n"
    templates.env.get_template("base.html.j2")
    assert from_source == ["email.txt.j2"]


def test_a_projects_template_is_always_compiled_from_its_own_source(
    theme: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = tmp_path / "code"
    compile_theme(code)
    project = tmp_path / "project"
    (project / "templates").mkdir(parents=True)
    # The project's copy holds the theme's very text: the same source, a file of the project.
    shutil.copy(theme / "email.txt.j2", project / "templates" / "email.txt.j2")
    cache = ThemeCode(theme, code, writing=True)  # even one that may write keeps off it
    templates = Templates(project_config(project), theme_code=cache)
    from_source = compiled_from_source(templates, monkeypatch)
    templates.env.get_template("email.txt.j2")
    assert from_source == ["email.txt.j2"]
    bucket = cache.get_bucket(templates.env, "email.txt.j2", str(project / "templates" / "email.txt.j2"), "")
    assert bucket.code is None


def test_code_made_by_another_version_of_digest_is_not_used(
    theme: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = tmp_path / "code"
    compile_theme(code)
    monkeypatch.setattr("digest.render.themecode.code_fingerprint", lambda: "another version")
    templates = Templates(project_config(tmp_path / "project"), theme_code=ThemeCode(theme, code))
    from_source = compiled_from_source(templates, monkeypatch)
    templates.env.get_template("base.html.j2")
    assert from_source == ["base.html.j2"]


def test_a_build_never_writes_compiled_code(theme: Path, tmp_path: Path) -> None:
    code = tmp_path / "code"
    code.mkdir()
    templates = Templates(project_config(tmp_path / "project"), theme_code=ThemeCode(theme, code))
    templates.env.get_template("base.html.j2")
    assert list(code.iterdir()) == []


def test_a_damaged_compiled_file_is_compiled_from_source(
    theme: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = tmp_path / "code"
    compile_theme(code)
    for stored in code.glob(f"*{SUFFIX}"):
        stored.write_bytes(stored.read_bytes()[:40])
    templates = Templates(project_config(tmp_path / "project"), theme_code=ThemeCode(theme, code))
    from_source = compiled_from_source(templates, monkeypatch)
    templates.env.get_template("archive.html.j2")
    assert "archive.html.j2" in from_source


def test_the_default_environment_reads_the_installed_compiled_theme() -> None:
    templates = Templates(Config(root=Path("/nonexistent")))
    assert isinstance(templates.env.bytecode_cache, ThemeCode)
    assert isinstance(templates.env.get_template("base.html.j2"), jinja2.Template)


def test_the_installed_compiled_theme_is_complete_and_current(monkeypatch: pytest.MonkeyPatch) -> None:
    from digest.render.themecode import THEME_CODE

    if not any(THEME_CODE.glob(f"*{SUFFIX}")):
        pytest.skip(f"the theme is not compiled in {THEME_CODE}: `make install` compiles it")
    templates = Templates(Config(root=Path("/nonexistent")))
    from_source = compiled_from_source(templates, monkeypatch)
    for name in sorted(templates.env.list_templates()):
        templates.env.get_template(name)
    assert from_source == [], "stale: `make install` compiles the theme again when code or theme change"


def test_compiled_code_is_never_read_through_a_link(
    theme: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, elsewhere = tmp_path / "code", tmp_path / "elsewhere"
    compile_theme(code)
    elsewhere.mkdir()
    for stored in code.glob(f"*{SUFFIX}"):
        stored.rename(elsewhere / stored.name)
        stored.symlink_to(elsewhere / stored.name)
    templates = Templates(project_config(tmp_path / "project"), theme_code=ThemeCode(theme, code))
    from_source = compiled_from_source(templates, monkeypatch)
    templates.env.get_template("base.html.j2")
    assert from_source == ["base.html.j2"]
