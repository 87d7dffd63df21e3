"""The folders and files digest.toml names (digest.config.folders): a name a file system holds, no
link out of the project, and an output, cache and static folder that never overlap the sources."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from digest.config import load_config
from digest.errors import ConfigError
from tests.helpers import built, fails_cleanly, line_of, set_in_config, write_config
from tests.test_cli import run
from tests.test_robustness import ISSUE


def test_output_folder_may_not_replace_the_project(tmp_path: Path) -> None:
    for output in (".", "issues", "templates", ".."):
        with pytest.raises(ConfigError, match="would replace"):
            load_config(write_config(tmp_path, f'[build]\noutput_dir = "{output}"\n'))


@pytest.mark.parametrize(
    ("logo", "problem"),
    [
        ("../outside.png", "leads out of the project folder"),
        ("https://x.org/a.png", "must name an image file in the project"),
        ("dist/logo.png", "is in the folder every build replaces"),
        (".digest-cache/logo.png", "is in the folder every build replaces"),
    ],
)
def test_a_logo_setting_is_judged_at_load_with_every_other_problem(
    tmp_path: Path, logo: str, problem: str
) -> None:
    """It passed `digest list` and was refused by `digest build` only once the id_prefix
    beside it had been put right: a second run for a second problem."""
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "logo.png").write_bytes(b"\x89PNG")
    with pytest.raises(ConfigError) as caught:
        load_config(write_config(tmp_path, f'[feeds]\nid_prefix = "bad"\n[theme]\nlogo = "{logo}"\n'))
    message = caught.value.message
    assert message.startswith(str(tmp_path / "digest.toml"))
    assert "line 2: [feeds] id_prefix 'bad'" in message
    assert "line 4: [theme] logo" in message and repr(logo) in message and problem in message


@pytest.mark.parametrize("output", [".git", "issues/issue-1", ".digest-cache", "templates/partials"])
def test_the_output_folder_may_not_hold_or_sit_in_a_source(tmp_path: Path, output: str) -> None:
    (tmp_path / ".git").mkdir()
    with pytest.raises(ConfigError, match="would replace"):
        load_config(write_config(tmp_path, f'[build]\noutput_dir = "{output}"\n'))


@pytest.mark.parametrize(
    ("settings", "refused"),
    [
        ('output_dir = "Issues"', "[build] output_dir 'Issues' would replace [build] issues_dir"),
        ('cache_dir = "DIST"', "[build] output_dir 'dist' would replace [build] cache_dir"),
        ('output_dir = "Templates/site"', "would replace [build] templates_dir"),
        ('static_dir = "ISSUES"', "[build] static_dir 'ISSUES' would publish [build] issues_dir"),
        ('cache_dir = "Static/cache"', "would mix the cache with [build] static_dir"),
    ],
)
def test_project_folders_differing_only_in_case_are_one_folder_and_refused(
    tmp_path: Path, settings: str, refused: str
) -> None:
    """cache_dir = "DIST" beside output_dir = "dist" was taken: on macOS and Windows the two are
    one folder, and each build would empty the cache, its databases open, as leftovers of
    the output; the output named 'Issues' would replace the issues there."""
    (tmp_path / "static").mkdir()
    with pytest.raises(ConfigError) as caught:
        load_config(write_config(tmp_path, f"[build]\n{settings}\n"))
    assert refused in caught.value.message
    assert "differs only in case or Unicode form: one folder on macOS and Windows" in caught.value.message


def test_the_output_folder_may_not_be_digests_own_code(tmp_path: Path) -> None:
    import digest

    package = Path(digest.__file__).parent
    with pytest.raises(ConfigError, match="would replace digest's own code"):
        load_config(write_config(tmp_path, f'[build]\noutput_dir = "{package}"\n'))


def test_a_folder_digest_did_not_write_is_never_the_output(tmp_path: Path) -> None:
    someone_elses = tmp_path / "home"
    someone_elses.mkdir()
    (someone_elses / "notes.txt").write_text("mine")
    with pytest.raises(ConfigError, match="holds files digest did not write"):
        load_config(write_config(tmp_path, '[build]\noutput_dir = "home"\n'))
    with pytest.raises(ConfigError, match="holds files digest did not write"):
        load_config(write_config(tmp_path, '[build]\noutput_dir = "/etc"\n'))
    (tmp_path / "empty").mkdir()
    assert load_config(write_config(tmp_path, '[build]\noutput_dir = "empty"\n')).output_path.name == "empty"


@pytest.mark.parametrize("key", ["issues_dir", "templates_dir", "static_dir", "cache_dir"])
def test_a_project_folder_that_is_a_link_out_of_the_project_is_refused(tmp_path: Path, key: str) -> None:
    project, outside = tmp_path / "project", tmp_path / "elsewhere"
    project.mkdir()
    outside.mkdir()
    (project / "linked").symlink_to(outside, target_is_directory=True)
    (project / "digest.toml").write_text(f'[build]\n{key} = "linked"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(project / "digest.toml")
    message = str(raised.value)
    assert f"[build] {key} 'linked' goes through {project / 'linked'}" in message
    assert "never follows a link out of the project" in message


def test_a_link_within_the_project_or_a_folder_named_outright_is_followed(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "theme" / "mine").mkdir(parents=True)
    (project / "templates").symlink_to(project / "theme" / "mine", target_is_directory=True)
    (project / "digest.toml").write_text(
        f'[build]\ncache_dir = "{tmp_path / "shared-cache"}"\n', encoding="utf-8"
    )
    config = load_config(project / "digest.toml")
    assert config.templates_path == project / "templates"
    assert config.cache_path == tmp_path / "shared-cache"


@pytest.mark.parametrize("command", [("list",), ("check", ISSUE, "--no-check-links")])
def test_a_folder_setting_written_with_dot_dot_is_read_as_the_folder_it_names(
    project: Path, command: tuple[str, ...]
) -> None:
    """'sub/../issues' is the issues folder: an issue's picture, found by its real path, was
    compared with the issue's folder written with '..' (a ValueError traceback)."""
    (project / "sub").mkdir()
    settings = project / "digest.toml"
    settings.write_text(settings.read_text().replace('issues_dir = "issues"', 'issues_dir = "sub/../issues"'))
    result = run(project, *command)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 0, result.output
    assert load_config(project / "digest.toml").issues_path == project / "issues"


@pytest.mark.parametrize("static", [".git", "issues", "issues/issue-1", "templates"])
def test_the_static_folder_may_not_publish_the_sources(tmp_path: Path, static: str) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "digest.toml").write_text(f'[build]\nstatic_dir = "{static}"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=f"static_dir '{static}' would publish"):
        load_config(tmp_path / "digest.toml")


def test_a_folder_named_outright_outside_the_project_is_not_a_link_out(tmp_path: Path) -> None:
    project, shared = tmp_path / "project", tmp_path / "shared"
    project.mkdir()
    (shared / "files").mkdir(parents=True)
    (shared / "link").symlink_to(shared / "files", target_is_directory=True)
    (project / "digest.toml").write_text('[build]\nstatic_dir = "../shared/link"\n', encoding="utf-8")
    assert load_config(project / "digest.toml").static_path == shared / "link"


@pytest.mark.parametrize(
    ("folder", "named"),
    [
        (".", "would hold the project folder"),
        ("issues", "[build] issues_dir"),
        (f"issues/{ISSUE}", "[build] issues_dir"),
        ("templates", "[build] templates_dir"),
        ("static", "[build] static_dir"),
        ("static/cache", "[build] static_dir"),
        (".git", "the git repository"),
    ],
)
def test_a_cache_folder_among_the_sources_is_refused(project: Path, folder: str, named: str) -> None:
    """In static/ the build's database and its kept output were published (and the kept
    tree copied into itself, doubling every build); in an issue folder they were unlisted
    files; deleting the cache, which the README calls always safe, deleted sources."""
    (project / "static").mkdir()
    (project / "static" / "notes.txt").write_text("notes\n")
    (project / "templates").mkdir()
    built(project)
    set_in_config(project, "build", f'cache_dir = "{folder}"')
    before = {p for p in project.rglob("*") if ".digest-cache" not in p.parts}
    fails_cleanly(project, ("digest.toml", "[build] cache_dir", named, "'.digest-cache'"))
    assert {p for p in project.rglob("*") if ".digest-cache" not in p.parts} == before


@pytest.mark.parametrize(
    "logo", ["issues", "dist", "no-such-logo.png", "../outside.png", "https://x.org/a.png"]
)
def test_a_logo_setting_is_blamed_on_its_own_line(project: Path, logo: str) -> None:
    """The line was that of the first place the value was written anywhere in the file:
    logo = "issues" was blamed on 'issues_dir = "issues"' (line 14)."""
    built(project)
    set_in_config(project, "theme", f'logo = "{logo}"')
    line = line_of(project / "digest.toml", "logo =")
    assert line > line_of(project / "digest.toml", "issues_dir")
    fails_cleanly(project, (f"digest.toml:{line}:", repr(logo)))


def test_a_logo_in_a_settings_file_named_by_config_is_blamed_there(project: Path) -> None:
    """The error named <project>/digest.toml, a file --config had not named."""
    built(project)
    settings = project / "other.toml"
    settings.write_text((project / "digest.toml").read_text() + '\n[theme]\nlogo = "issues"\n')
    line = line_of(settings, "logo =")
    fails_cleanly(
        project, (f"{settings}:{line}:", "'issues'", "is a folder"), "build", ISSUE, "--config", str(settings)
    )


@pytest.mark.parametrize("key", ["output_dir", "issues_dir", "templates_dir", "cache_dir", "static_dir"])
@pytest.mark.parametrize(
    ("value", "message"),
    [("x" * 300, "holds a name of 300 bytes"), ("/".join(["y" * 200] * 25), "makes a path of")],
    ids=["long-name", "long-path"],
)
def test_a_folder_setting_too_long_for_a_file_system_names_the_setting(
    project: Path, key: str, value: str, message: str
) -> None:
    """Each raised OSError 'File name too long' from the settings' own checks: a traceback."""
    built(project)
    path = project / "digest.toml"
    path.write_text(
        "\n".join(line for line in path.read_text().split("\n") if not line.startswith(f"{key} ="))
    )
    set_in_config(project, "build", f'{key} = "{value}"')
    fails_cleanly(project, ("digest.toml", f"[build] {key} {message}", "choose a shorter one"))


def test_an_output_option_too_long_for_a_file_system_names_the_option(project: Path) -> None:
    built(project)
    fails_cleanly(
        project, ("--output holds a name of 300 bytes",), "build", ISSUE, "--output", "z" * 300, exit_code=2
    )


@pytest.mark.parametrize("key", ["issues_dir", "templates_dir", "static_dir"])
@pytest.mark.parametrize("kind", ["file", "pipe", "broken-link", "link-loop"])
@pytest.mark.parametrize("command", [("build", "--all"), ("list",), ("new", "issue-2030")])
def test_a_source_folder_that_is_no_folder_names_the_setting(
    project: Path, key: str, kind: str, command: tuple[str, ...]
) -> None:
    """The issues folder read as 'no published issues yet: create one with digest new', and
    `digest new` then failed with 'Not a directory' or 'already exists'; a templates or
    static folder that was a file built without the overrides or the site's files."""
    built(project)
    name = {"issues_dir": "issues", "templates_dir": "templates", "static_dir": "static"}[key]
    path = project / name
    if path.is_dir():
        path.rename(project / f"{name}-moved")
    if kind == "file":
        path.write_text("not a folder\n")
    elif kind == "pipe":
        os.mkfifo(path)
    elif kind == "link-loop":  # Path.resolve() raised RuntimeError on it: a traceback
        path.symlink_to(name)
    else:
        path.symlink_to(project / "nowhere")
    fails_cleanly(
        project, ("digest.toml:", f"[build] {key} '{name}' is not a folder", "name a folder"), *command
    )


@pytest.mark.parametrize("command", [("build", ISSUE), ("list",)])
def test_an_output_folder_that_is_a_loop_of_links_names_the_setting(
    project: Path, command: tuple[str, ...]
) -> None:
    """Path.resolve() raised RuntimeError 'Symlink loop': a traceback."""
    built(project)
    set_in_config(project, "build", 'output_dir = "looped"')
    path = project / "digest.toml"
    path.write_text(path.read_text().replace('output_dir = "dist"\n', ""))
    (project / "looped").symlink_to("looped")
    fails_cleanly(project, ("digest.toml:", "[build] output_dir", "looped"), *command)


def test_a_cache_folder_that_is_a_loop_of_links_is_built_without(project: Path) -> None:
    """Path.resolve() raised RuntimeError 'Symlink loop': a traceback. A cache that cannot
    be used is only a note, as one that is a file is."""
    plain = built(project)
    set_in_config(project, "build", 'cache_dir = "looped"')
    (project / "looped").symlink_to("looped")
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    assert "looped" in result.output and "building without it" in result.output
    assert built(project) == plain


@pytest.mark.parametrize(
    ("key", "folder", "written"),
    [
        ("templates_dir", "templates", "tempaltes"),
        ("static_dir", "static", "statc"),
        ("issues_dir", "issues", "isues"),
    ],
)
def test_a_misspelt_source_folder_is_named_with_the_folder_meant(
    tmp_path: Path, key: str, folder: str, written: str
) -> None:
    """Read as an empty folder, it built without the templates or the static files, or listed
    'No issues yet', without a word."""
    (tmp_path / folder).mkdir()
    path = write_config(tmp_path, f'[site]\ntitle = "Slow Cities"\n\n[build]\n{key} = "{written}"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.line == 5
    assert caught.value.problem == (
        f"[build] {key} {written!r} is not a folder of the project: did you mean '{folder}'? "
        "fix the name, or create the folder"
    )


def test_a_source_folder_not_made_yet_is_no_mistake(tmp_path: Path) -> None:
    """digest new makes the issues folder; a build without templates or static files is a
    plain one. Only a name close to a folder that is there reads as a slip."""
    path = write_config(tmp_path, '[build]\nissues_dir = "editions"\nstatic_dir = "public-files"\n')
    (tmp_path / "templates").mkdir()
    assert load_config(path).build.issues_dir == "editions"
    assert run(tmp_path, "new", "issue-2026-01").exit_code == 0
    assert (tmp_path / "editions" / "issue-2026-01" / "issue.md").is_file()


def test_a_source_folder_there_only_in_other_case_is_named(project: Path) -> None:
    """issues_dir left at 'issues' beside a folder 'Issues': macOS and Windows build its
    issues, Linux found no issue folder at all, without a word."""
    (project / "issues").rename(project / "Issues")
    fails_cleanly(project, ("digest.toml", "issues_dir 'issues' is not a folder of the project", "'Issues'"))


@pytest.mark.parametrize("key", ["output_dir", "issues_dir", "templates_dir", "cache_dir", "static_dir"])
def test_a_folder_setting_written_as_a_web_address_is_refused_by_name(tmp_path: Path, key: str) -> None:
    """'--output https://news.example.org/' quietly made a folder named 'https:' in the project."""
    path = write_config(tmp_path, f'[build]\n{key} = "https://news.example.org/"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert f"[build] {key} 'https://news.example.org/' is a web address, not a folder" in caught.value.message


@pytest.mark.parametrize("key", ["output_dir", "issues_dir", "templates_dir", "cache_dir", "static_dir"])
def test_a_folder_setting_starting_with_a_tilde_is_refused_with_the_path_it_meant(
    tmp_path: Path, key: str
) -> None:
    """A shell reads '~/x' as a folder of the home folder; digest.toml is no shell, and
    `output_dir = "~/x"` made a folder named '~' in the project. Expanding it would make the
    same digest.toml build into another place on each machine: it is refused, naming the
    path the shell would have made of it."""
    path = write_config(tmp_path, f'[build]\n{key} = "~/news"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    home = os.path.expanduser("~/news")
    assert f"[build] {key} '~/news' starts with '~'" in caught.value.message
    assert home in caught.value.message and "a folder of the project" in caught.value.message


def test_a_folder_named_like_a_user_that_does_not_exist_is_a_folder(tmp_path: Path) -> None:
    path = write_config(tmp_path, '[build]\noutput_dir = "~no-such-user-here/news"\n')
    assert load_config(path).output_path == tmp_path / "~no-such-user-here" / "news"


def test_an_output_option_starting_with_a_tilde_is_a_usage_error(project: Path) -> None:
    fails_cleanly(
        project, ("--output '~/x' starts with '~'",), "build", ISSUE, "--output", "~/x", exit_code=2
    )
    assert not (project / "~").exists()


def test_an_output_option_written_as_a_web_address_is_a_usage_error(project: Path) -> None:
    fails_cleanly(
        project,
        ("--output 'http://x.example/' is a web address, not a folder", "--base-url"),
        "build",
        ISSUE,
        "--output",
        "http://x.example/",
        exit_code=2,
    )
    assert not (project / "http:").exists()
