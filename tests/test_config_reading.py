"""Finding and reading digest.toml (digest.config.reading): the file found (never through a link
out of the project), its TOML (with what to write instead of a slip), each problem at its line."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from digest.config import find_config, load_config
from digest.errors import ConfigError
from tests.helpers import built, fails_cleanly, line_of, one_error_line, settings_line, write_config
from tests.test_cli import run
from tests.test_robustness import ISSUE, assert_clean_failure


def test_invalid_toml_names_the_file(tmp_path: Path) -> None:
    path = write_config(tmp_path, "[site\n")
    with pytest.raises(ConfigError, match="not valid TOML") as caught:
        load_config(path)
    assert str(path) in caught.value.message


def test_overrides_apply_only_when_given(tmp_path: Path) -> None:
    path = write_config(tmp_path, '[build]\noutput_dir = "public"\n')
    assert load_config(path, {"build": {"output_dir": None}}).build.output_dir == "public"
    assert load_config(path, {"build": {"output_dir": "out"}}).build.output_dir == "out"


def test_config_is_found_in_a_parent_folder(tmp_path: Path) -> None:
    path = write_config(tmp_path, "")
    nested = tmp_path / "issues" / "x"
    nested.mkdir(parents=True)
    assert find_config(nested) == path.resolve()


def test_missing_config_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no digest.toml found"):
        find_config(tmp_path)


@pytest.mark.parametrize("name", ["Digest.toml", "DIGEST.TOML"])
def test_a_settings_file_named_in_another_case_is_named_with_what_to_do(tmp_path: Path, name: str) -> None:
    """Digest.toml: macOS and Windows open it as digest.toml, Linux said 'no digest.toml found
    here or in any parent folder' with the file right there."""
    (tmp_path / name).write_text("")
    nested = tmp_path / "issues"
    nested.mkdir()
    result = run(nested, "list")
    assert result.exit_code == 1
    line = one_error_line(result.output)
    assert line.startswith(f"Error: {tmp_path.resolve() / name}: is not named digest.toml"), line
    assert "rename it digest.toml" in line


def test_settings_that_are_a_link_out_of_the_project_are_refused(tmp_path: Path) -> None:
    project, outside = tmp_path / "project", tmp_path / "dotfiles"
    project.mkdir()
    outside.mkdir()
    (outside / "digest.toml").write_text('[site]\ntitle = "Elsewhere"\n', encoding="utf-8")
    (project / "digest.toml").symlink_to(outside / "digest.toml")
    with pytest.raises(ConfigError) as raised:
        find_config(project)
    assert f"is a link to {outside / 'digest.toml'}, outside the project" in str(raised.value)
    # Named outright (--config), any settings file is the user's choice.
    assert load_config(project / "digest.toml").site.title == "Elsewhere"
    (project / "settings").mkdir()
    (project / "settings" / "digest.toml").write_text('[site]\ntitle = "Here"\n', encoding="utf-8")
    (project / "digest.toml").unlink()
    (project / "digest.toml").symlink_to(project / "settings" / "digest.toml")
    assert load_config(find_config(project)).site.title == "Here"


@pytest.mark.parametrize(
    "text",
    ["x = " + "[" * 50_000 + "]" * 50_000 + "\n", "x = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n"],
    ids=["arrays", "inline-tables"],
)
def test_a_settings_file_nested_thousands_deep_is_an_error_not_a_crash(project: Path, text: str) -> None:
    """tomllib recurses once per level: RecursionError reached the terminal as a traceback."""
    built(project)
    (project / "digest.toml").write_text(text)
    fails_cleanly(project, ("digest.toml:", "nested too deeply", "'key = value' lines"))


def settings_as(kind: str) -> Callable[[Path], None]:
    def setup(path: Path) -> None:
        path.unlink()
        if kind == "folder":
            path.mkdir()
        elif kind == "pipe":
            os.mkfifo(path)
        else:
            path.symlink_to(path.parent / "moved-away.toml")

    return setup


@pytest.mark.parametrize("kind", ["folder", "pipe", "broken-link"])
def test_a_digest_toml_that_is_no_file_is_named_not_passed_over(tmp_path: Path, kind: str) -> None:
    """It read as 'no digest.toml found here', or the search went on to a parent's settings
    and built this project with them."""
    parent = tmp_path / "parent"
    project = parent / "project"
    project.mkdir(parents=True)
    shutil.copy(Path(__file__).resolve().parent.parent / "digest.toml", parent / "digest.toml")
    (project / "issues").mkdir()
    (project / "digest.toml").write_text("[site]\n")
    settings_as(kind)(project / "digest.toml")
    result = run(project, "build", "--all")
    assert_clean_failure(result, (f"{project / 'digest.toml'}:", "is not a file", "pass --config"))
    assert not (parent / "dist").exists() and not (project / "dist").exists()


def test_the_line_of_a_setting_is_found_however_it_is_written(tmp_path: Path) -> None:
    from digest.config import setting_line

    settings = tmp_path / "settings.toml"
    written = {
        '# logo = "x"\n[site]\ntitle = "logo"\n[ theme ] # colours\naccent = "#000000"\n  logo = "a"\n': 6,
        'theme.logo = "b"\n[theme]\n': 1,
        '[site]\n[theme]\n"logo" = "c"\n': 3,
        '[site]\nlogo = "d"\n[theme]\n': None,
    }
    for text, line in written.items():
        settings.write_text(text)
        assert setting_line(settings, "theme", "logo") == line, text


def test_a_settings_file_saved_with_a_byte_order_mark_is_read(project: Path, tmp_path: Path) -> None:
    """Notepad's UTF-8 starts with one: 'not valid TOML (Invalid statement (at line 1,
    column 1)): fix the syntax', about a character no editor shows."""
    plain = built(project)
    settings = project / "digest.toml"
    settings.write_bytes(b"\xef\xbb\xbf" + settings.read_bytes() + b'\n[theme]\nlogo = "issues"\n')
    fails_cleanly(project, (f"digest.toml:{line_of(settings, 'logo =')}:", "is a folder"))
    settings.write_bytes(settings.read_bytes().replace(b'\n[theme]\nlogo = "issues"\n', b""))
    assert built(project) == plain


def test_a_settings_file_saved_with_a_byte_order_mark_and_windows_line_ends_is_read(project: Path) -> None:
    settings = project / "digest.toml"
    settings.write_bytes(b"\xef\xbb\xbf" + settings.read_bytes().replace(b"\n", b"\r\n"))
    assert load_config(settings).site.title == "The Digest"
    assert run(project, "build", ISSUE).exit_code == 0


def test_a_misspelt_setting_is_named_by_its_line(project: Path) -> None:
    settings = project / "digest.toml"
    settings.write_text(settings.read_text().replace('language = "en"', 'langauge = "en"'))
    line = one_error_line(run(project, "check", ISSUE, "--no-check-links").output)
    expected = f"{settings}:{settings_line(project, 'langauge')}: unknown key 'langauge' in [site]"
    assert line.startswith(f"Error: {expected}"), line
    assert "did you mean 'language'?" in line


def test_a_wrong_setting_value_is_named_by_its_line(project: Path) -> None:
    settings = project / "digest.toml"
    settings.write_text(settings.read_text().replace('service = "generic"', 'service = "MailChimp"'))
    line = one_error_line(run(project, "check", ISSUE, "--no-check-links").output)
    assert line.startswith(
        f"Error: {settings}:{settings_line(project, 'service')}: [email] service must be"
    ), line


def test_a_settings_file_that_is_not_toml_is_named_by_the_line_of_the_mistake(project: Path) -> None:
    settings = project / "digest.toml"
    settings.write_text(settings.read_text().replace('title = "The Digest"', 'title = "The Digest'))
    line = one_error_line(run(project, "check", ISSUE, "--no-check-links").output)
    assert line.startswith(f"Error: {settings}:{settings_line(project, 'title')}: not valid TOML"), line
    assert line.endswith('the quoted value on this line has no closing ": end it with "'), line


# The slips a newcomer makes in a first digest.toml, and what tomllib says of them: each
# message says what to write instead, on the line of the slip.
TOML_SLIPS = [
    ("title = Slow Cities", 'text is written in double quotes: title = "Slow Cities"'),
    ('title: "Slow Cities"', "a setting is written 'key = value' in TOML: title = \"Slow Cities\""),
    ('base url = "https://a.example/"', "a key has no spaces: write base_url"),
    (
        "title = \u201cSlow Cities\u201d",
        'curly quotes quote nothing in TOML: write straight ones, "Slow Cities"',
    ),
    ("title =", "the value is missing after '=': write title = \"...\""),
    ("[site", "the table header on this line has no closing ']': write [site]"),
]


@pytest.mark.parametrize(("written", "advice"), TOML_SLIPS, ids=[w for w, _ in TOML_SLIPS])
def test_a_toml_slip_says_what_to_write_instead(tmp_path: Path, written: str, advice: str) -> None:
    path = write_config(tmp_path, f'[site]\nauthor = "Ana"\n\n{written}\nlanguage = "en"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.line == 4, caught.value.message
    assert caught.value.problem == f"not valid TOML: {advice}"


def test_a_word_close_to_true_or_false_is_named_as_one(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write_config(tmp_path, "[email]\nutm = tru\n"))
    assert caught.value.problem == "not valid TOML: true and false are written without quotes: utm = true"


def test_an_unexplained_toml_mistake_still_names_its_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write_config(tmp_path, '[site]\ntitle = "a" "b"\n'))
    assert caught.value.line == 2
    assert caught.value.problem.startswith("not valid TOML (")
    assert caught.value.problem.endswith("): fix the syntax")


def test_new_outside_a_project_says_how_to_start_one(tmp_path: Path) -> None:
    line = one_error_line(run(tmp_path, "new", "issue-2026-01").output)
    assert f"{tmp_path}: no digest.toml found" in line
    assert "to start a newsletter in this folder, create digest.toml (empty will do)" in line
    (tmp_path / "digest.toml").write_text("")
    assert run(tmp_path, "new", "issue-2026-01").exit_code == 0
    assert (tmp_path / "issues" / "issue-2026-01" / "issue.md").is_file()


def test_a_section_written_twice_in_the_settings_says_to_merge_them(project: Path) -> None:
    settings = project / "digest.toml"
    settings.write_text(settings.read_text() + "\n[feeds]\nlimit = 5\n")
    line = one_error_line(run(project, "list").output)
    second = len(settings.read_text().splitlines()) - 1
    assert line == f"Error: {settings}:{second}: [feeds] is written twice: put all its keys under one [feeds]"


def test_settings_written_in_the_file_or_given_on_the_command_line_are_not_called_unset(
    project: Path,
) -> None:
    result = run(project, "check", ISSUE, "--no-check-links")
    assert "is not set" not in result.output, result.output
    settings = project / "digest.toml"
    source = settings.read_text(encoding="utf-8")
    settings.write_text(source.replace('base_url = "https://digest.example.org/"\n', ""), encoding="utf-8")
    result = run(project, "build", ISSUE, "--no-check-links", "--base-url", "https://news.example.net/")
    assert result.exit_code == 0, result.output
    assert "is not set" not in result.output, result.output


def test_a_key_set_twice_in_a_section_names_the_key_and_its_first_line(tmp_path: Path) -> None:
    """tomllib says only 'Cannot overwrite a value', which named neither the key nor what to do."""
    path = write_config(tmp_path, '[site]\ntitle = "A"\n# a comment\n\n[feeds]\nlimit = 5\nlimit = 10\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.message == (
        f"{path}:7: not valid TOML: [feeds] limit is set twice (first on line 6): keep one of them"
    )
