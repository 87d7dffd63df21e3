"""digest.toml read into Config (digest.config): every setting checked, each mistake named by its file,
line and setting with what to do, every problem reported at once."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from digest.config import SECTIONS, find_config, load_config
from digest.errors import ConfigError
from tests.helpers import built, fails_cleanly, line_of, one_error_line, set_in_config
from tests.test_cli import run
from tests.test_robustness import ISSUE, assert_clean_failure, edit


def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "digest.toml"
    path.write_text(text)
    return path


def test_defaults_and_values(tmp_path: Path) -> None:
    config = load_config(write_config(tmp_path, '[site]\ntitle = "Weekly"\nlanguage = "fr"\n'))
    assert config.site.title == "Weekly" and config.site.language == "fr"
    assert config.build.output_dir == "dist"
    assert config.output_path == tmp_path.resolve() / "dist"


def test_misspelled_key_is_named_with_a_suggestion(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"unknown key 'titel' in \[site\] \(did you mean 'title'\?\)"):
        load_config(write_config(tmp_path, '[site]\ntitel = "x"\n'))


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write_config(tmp_path, '[site]\ntitel = "x"\n[build]\nexcerpt_words = "many"\n[sitee]\n'))
    message = caught.value.message
    assert "titel" in message and "excerpt_words must be a whole number" in message and "[sitee]" in message


def test_wrong_choice_lists_the_choices(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="service must be one of 'generic'"):
        load_config(write_config(tmp_path, '[email]\nservice = "pigeon"\n'))


def test_base_url_must_be_absolute_with_trailing_slash(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="base_url"):
        load_config(write_config(tmp_path, '[site]\nbase_url = "example.org"\n'))


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


def test_output_folder_may_not_replace_the_project(tmp_path: Path) -> None:
    for output in (".", "issues", "templates", ".."):
        with pytest.raises(ConfigError, match="would replace"):
            load_config(write_config(tmp_path, f'[build]\noutput_dir = "{output}"\n'))


def test_every_setting_is_judged_at_load_naming_the_file(tmp_path: Path) -> None:
    text = (
        '[build]\nexcerpt_words = "many"\n[feeds]\nid_prefix = "urn:digest"\n'
        '[links]\nper_host = 0\nexclude = ["("]\ncache_dir = "cache"\n'
    )
    with pytest.raises(ConfigError) as caught:
        load_config(write_config(tmp_path, text))
    message = caught.value.message
    assert message.startswith(str(tmp_path / "digest.toml"))
    assert "excerpt_words must be a whole number" in message
    assert "[feeds] id_prefix 'urn:digest' is not a tag: URI prefix" in message
    assert "[links] per_host must be at least 1" in message
    assert "exclude pattern '(' is not a regular expression" in message
    assert "[links] cache_dir has moved: write it as [build] cache_dir" in message


@pytest.mark.parametrize(
    "prefix",
    [
        "",
        "https://digest.example.org/",
        "tag:digest.example.org:",
        "tag:digest.example.org,25:",
        "tag:digest.example.org,2025",
        "tag:digest.example.org,2025-13:",
        "tag:digest.example.org,2025-02-30:",
        "tag:-digest.example.org,2025:",
        "tag:digest.example.org,2025:#",
        "tag:digest example.org,2025:",
    ],
)
def test_a_malformed_id_prefix_is_refused_at_load_naming_the_key_and_line(
    tmp_path: Path, prefix: str
) -> None:
    """The feeds trust the settings as loaded: a prefix is judged here, once."""
    with pytest.raises(ConfigError) as caught:
        load_config(write_config(tmp_path, f'[site]\ntitle = "T"\n[feeds]\nid_prefix = "{prefix}"\n'))
    assert caught.value.message.startswith(f"{tmp_path / 'digest.toml'}:4: [feeds] id_prefix")


@pytest.mark.parametrize(
    ("section", "text", "problem"),
    [
        ("site", 'base_url = "digest.example.org/"', "[site] base_url must be an absolute http(s) URL"),
        ("site", 'base_url = "https://digest.example.org"', "must end in '/'"),
        ("site", 'base_url = "ftp://digest.example.org/"', "[site] base_url must be an absolute http(s) URL"),
        ("feeds", "limit = 0", "[feeds] limit must be at least 1, not 0"),
        ("email", "max_image_bytes = -5", "[email] max_image_bytes must be at least 1, not -5"),
    ],
)
def test_what_the_feeds_need_of_the_settings_is_judged_at_load(
    tmp_path: Path, section: str, text: str, problem: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write_config(tmp_path, f"[{section}]\n{text}\n"))
    assert caught.value.message.startswith(str(tmp_path / "digest.toml")) and problem in caught.value.message


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


@pytest.mark.parametrize("key", ["utm_source", "utm_medium"])
def test_an_empty_utm_parameter_is_refused_at_load_while_utm_is_on(tmp_path: Path, key: str) -> None:
    """It passed the load and the build ended in a traceback (add_utm's ValueError)."""
    with pytest.raises(ConfigError) as caught:
        load_config(write_config(tmp_path, f'[email]\nutm = true\n{key} = ""\n'))
    assert caught.value.message.startswith(f"{tmp_path / 'digest.toml'}:3: [email] {key} is empty")
    assert load_config(write_config(tmp_path, f'[email]\nutm = false\n{key} = ""\n')).email.utm is False


def test_link_retries_and_redirects_that_would_hold_a_build_for_hours_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write_config(tmp_path, "[links]\nretries = 1000\nmax_redirects = 500\n"))
    assert "[links] retries must be at most 10" in caught.value.message
    assert "[links] max_redirects must be at most 20" in caught.value.message
    assert (
        load_config(write_config(tmp_path, "[links]\nretries = 10\nmax_redirects = 20\n")).links.retries == 10
    )


@pytest.mark.parametrize(
    ("section", "setting", "message"),
    [
        ("links", "max_concurrency = 100000", "[links] max_concurrency must be at most 200"),
        ("links", "per_host = 100000", "[links] per_host must be at most 200"),
        ("links", f"cache_max_age = {10**400}", "[links] cache_max_age must be at most 31,536,000"),
        ("build", f"max_asset_bytes = {10**23}", "[build] max_asset_bytes must be at most 1,000,000,000"),
        ("build", f"max_review_bytes = {2**63}", "[build] max_review_bytes must be at most 100,000,000"),
    ],
)
def test_a_setting_past_what_a_build_can_hold_is_named_at_load(
    project: Path, section: str, setting: str, message: str
) -> None:
    """Limits had a floor and no ceiling: cache_max_age = 10**400 stopped the link check on
    an OverflowError traceback (made a float), max_asset_bytes past what a C size holds is
    handed to reads that set that much aside, and more connections than a program may hold
    open (macOS allows 256 files) fail as broken links."""
    set_in_config(project, section, setting)
    fails_cleanly(project, ("digest.toml", message))


def test_the_largest_value_each_limit_takes_still_builds(project: Path) -> None:
    set_in_config(project, "build", "max_asset_bytes = 1000000000\nmax_review_bytes = 100000000")
    set_in_config(project, "links", "max_concurrency = 200\nper_host = 200\ncache_max_age = 31536000")
    built(project)


def test_the_cache_folder_is_a_build_setting(tmp_path: Path) -> None:
    config = load_config(write_config(tmp_path, '[build]\ncache_dir = "state"\n'))
    assert config.cache_path == tmp_path.resolve() / "state"


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


def test_send_settings_and_their_defaults(tmp_path: Path) -> None:
    config = load_config(
        write_config(tmp_path, '[send]\nhost = "smtp.example.org"\nuser = "ed"\ntimeout = 5\n')
    )
    assert config.send.host == "smtp.example.org" and config.send.user == "ed"
    assert config.send.security == "starttls" and config.send.port == 0 and config.send.timeout == 5.0


def test_a_send_password_is_refused_without_repeating_it(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write_config(tmp_path, '[send]\nhost = "smtp.example.org"\npassword = "hunter2"\n'))
    assert "DIGEST_SMTP_PASSWORD" in caught.value.message
    assert "hunter2" not in caught.value.message
    assert "unknown key" not in caught.value.message


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1"])
def test_clear_text_sending_is_allowed_to_this_machine(tmp_path: Path, host: str) -> None:
    config = load_config(write_config(tmp_path, f'[send]\nhost = "{host}"\nsecurity = "none"\n'))
    assert config.send.security == "none"


@pytest.mark.parametrize("host", ["smtp.example.org", "192.168.1.10", ""])
def test_clear_text_sending_elsewhere_is_refused(tmp_path: Path, host: str) -> None:
    with pytest.raises(ConfigError, match=r"\[send\] security = 'none' .* only to this machine"):
        load_config(write_config(tmp_path, f'[send]\nhost = "{host}"\nsecurity = "none"\n'))


def test_send_values_are_checked(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"\[send\] security must be one of 'starttls', 'tls', 'none'"):
        load_config(write_config(tmp_path, '[send]\nsecurity = "ssl"\n'))
    with pytest.raises(ConfigError) as caught:
        load_config(write_config(tmp_path, "[send]\nport = 70000\ntimeout = 0\n"))
    assert "[send] port must be between 1 and 65535" in caught.value.message
    assert "[send] timeout must be a positive number" in caught.value.message


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("accent", "#d3d3d3", "contrast of 1.5:1 against the light background"),
        ("accent", "lightgray", "contrast of 1.5:1 against the light background"),
        ("accent", "hsl(0, 0%, 83%)", "contrast of 1.5:1 against the light background"),
        ("accent_dark", "#1d4ed8", "against the dark background"),
        ("accent", "red;}</style><script>", "must be an opaque CSS colour"),
        ("accent", "rgb(0 0 255 / 50%)", "must be an opaque CSS colour"),
    ],
)
def test_a_theme_colour_readers_cannot_read_names_its_setting(
    tmp_path: Path, key: str, value: str, message: str
) -> None:
    with pytest.raises(ConfigError, match=rf"\[theme\] {key} .*{re.escape(message)}") as raised:
        load_config(write_config(tmp_path, f'[theme]\n{key} = "{value}"\n'))
    assert raised.value.path == tmp_path / "digest.toml"


def test_a_readable_theme_is_accepted(tmp_path: Path) -> None:
    config = load_config(
        write_config(tmp_path, '[theme]\naccent = "#7c2d12"\naccent_dark = "rgb(253 186 116)"\n')
    )
    assert config.theme.accent == "#7c2d12"


@pytest.mark.parametrize("section", sorted(SECTIONS))
def test_a_section_that_is_not_a_table_is_named_with_the_other_problems(tmp_path: Path, section: str) -> None:
    other = "[build]\noutptu_dir = 1\n" if section != "build" else "[site]\ntitel = 1\n"
    path = write_config(tmp_path, f"{section} = 3\n{other}")
    overrides: dict[str, dict[str, Any]] = {"build": {"output_dir": "out"}, "site": {"base_url": None}}
    with pytest.raises(ConfigError) as caught:
        load_config(path, overrides)  # as `digest build` calls it, overrides merged in
    message = caught.value.message
    assert message.startswith(f"{path}: [{section}] must be a table ('[{section}]' on a line of its own")
    assert "not 3" in message
    assert ("outptu_dir" if section != "build" else "titel") in message


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("--output", "/etc"), "--output: /etc: holds files digest did not write"),
        (("--output", "issues"), "--output 'issues' would replace [build] issues_dir"),
        (("--base-url", "example.org"), "--base-url must be an absolute http(s) URL"),
    ],
    ids=["output-a-foreign-folder", "output-a-source-folder", "base-url-not-absolute"],
)
def test_a_value_refused_from_the_command_line_names_its_option(
    project: Path, args: tuple[str, ...], named: str
) -> None:
    result = run(project, "build", "issue-2025", *args)
    assert result.exit_code == 2, result.output  # a usage error, as the README's exit codes say
    assert f"Error: {named}" in result.output  # the option first, not digest.toml
    assert "[build] output_dir '" not in result.output and "[site] base_url must" not in result.output


def test_a_value_refused_from_the_file_still_names_the_setting(project: Path) -> None:
    config = project / "digest.toml"
    config.write_text(config.read_text().replace('output_dir = "dist"', 'output_dir = "issues"'))
    result = run(project, "build", "issue-2025", "--base-url", "https://example.org/")
    assert result.exit_code == 1, result.output
    line = next(
        n for n, text in enumerate(config.read_text().splitlines(), 1) if text.startswith("output_dir")
    )
    assert (
        f"Error: {config}:{line}: [build] output_dir 'issues' would replace [build] issues_dir"
        in result.output
    )


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


# --- digest.toml: settings no file system, page or email header can hold ----------------


@pytest.mark.parametrize("key", ["output_dir", "issues_dir", "templates_dir", "cache_dir", "static_dir"])
def test_a_folder_setting_holding_a_nul_names_the_setting(project: Path, key: str) -> None:
    """TOML spells a NUL "\\u0000": every folder setting raised ValueError (a traceback)."""
    built(project)
    path = project / "digest.toml"
    text = "\n".join(line for line in path.read_text().split("\n") if not line.startswith(f"{key} ="))
    path.write_text(text)
    set_in_config(project, "build", f'{key} = "a\\u0000b"')
    fails_cleanly(project, ("digest.toml", f"[build] {key} holds a control character (\\x00)", "remove it"))


@pytest.mark.parametrize(
    ("section", "line", "message"),
    [
        # a line break in the From: header raised ValueError from the email package
        ("site", 'author = "Editors\\nBcc: someone@example.org"', "[site] author must be one line"),
        # an escape or a NUL in the title failed MJML, blamed on the theme's template
        ("site", 'title = "The \\u001b[2J Digest"', "[site] title holds a control character (\\x1b)"),
        ("site", 'title = "The \\u0000 Digest"', "[site] title holds a control character (\\x00)"),
        # reached every page and feed as it was
        (
            "site",
            'description = "Long \\u0007 reads"',
            "[site] description holds a control character (\\x07)",
        ),
        ("site", 'title = "\\u202eThe Digest"', "[site] title holds a direction override (\\u202e)"),
        ("theme", 'logo_alt = "Logo \\u2066x"', "[theme] logo_alt holds a direction override (\\u2066)"),
        ("links", 'user_agent = "digest\\r\\nX-Evil: 1"', "[links] user_agent must be one line"),
    ],
)
def test_a_text_setting_no_page_or_header_can_hold_names_the_setting(
    project: Path, section: str, line: str, message: str
) -> None:
    built(project)
    key = line.split(" = ")[0]
    path = project / "digest.toml"
    path.write_text(
        "\n".join(each for each in path.read_text().split("\n") if not each.startswith(f"{key} ="))
    )
    set_in_config(project, section, line)
    fails_cleanly(project, ("digest.toml", message))


def test_text_settings_written_over_several_lines_still_build(project: Path) -> None:
    """TOML's multi-line strings are how long settings are written: only control characters
    and direction overrides are refused there."""
    path = project / "digest.toml"
    text = path.read_text().replace('description = "Long reads', 'description = """Long\nreads', 1)
    text = text.replace('can choose what to read."', 'can choose what to read."""', 1)
    path.write_text(text)
    set_in_config(project, "theme", 'footer_text = """You receive this\r\nbecause you asked."""')
    dist = built(project)
    assert b"You receive this" in dist[f"{ISSUE}/email.txt"]


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


# --- the cache folder among the sources ----------------------------------------------------


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
    ("address", "message"),
    [
        # urlsplit's ValueError reached the terminal as a traceback
        ("https://[::1/", "cannot be read as an address (Invalid IPv6 URL)"),
        ("https://digest.example.org:99999/", "cannot be read as an address (Port out of range"),
        # the email package could not write the host into the Message-ID: a traceback
        ("https://éxample.org/", "host that is not ASCII, which no email header may hold: write it as 'xn--"),
        # fourteen link errors about anchors in the archive, none naming the setting
        ("https://digest.example.org/#top/", "must be the site's address alone"),
        ("https://digest.example.org/?from=feed/", "must be the site's address alone"),
        ('https://digest.example.org/"><b>/', "must be the site's address alone"),
        ("https://editor:secret@digest.example.org/", "must be the site's address alone"),
    ],
)
def test_a_site_address_no_link_can_start_with_names_the_setting(
    project: Path, address: str, message: str
) -> None:
    built(project)
    edit(project, "digest.toml", 'base_url = "https://digest.example.org/"', f"base_url = '{address}'")
    fails_cleanly(project, ("digest.toml", "[site] base_url", message))


@pytest.mark.parametrize(
    "address", ["editors", "a@b@c", "x@", "@example.org", "a,b@example.org", "x@[::1", "é@example.org"]
)
@pytest.mark.parametrize("key", ["[site] author_email", "[send] from_email"])
def test_an_address_no_from_header_can_hold_names_the_setting(project: Path, address: str, key: str) -> None:
    """Each stopped the build writing email.eml's From header, with the email package's
    HeaderParseError, ValueError, IndexError or AttributeError (a traceback)."""
    built(project)
    section, name = key[1:].split("] ")
    set_in_config(project, section, f"{name} = '{address}'")
    fails_cleanly(project, ("digest.toml", f"{key} must be an email address such as", repr(address)))


def test_an_address_with_an_international_domain_still_builds(project: Path) -> None:
    set_in_config(project, "site", "author_email = 'editors@éxample.org'")
    assert b"From:" in built(project)[f"{ISSUE}/email.eml"]


@pytest.mark.parametrize(
    ("value", "message"),
    [("nan", "must be a number, not nan"), ("inf", "must be a number, not inf"), ("1e308", "at most 86,400")],
)
def test_a_timeout_no_clock_can_hold_names_the_setting(project: Path, value: str, message: str) -> None:
    """TOML spells nan and inf: `digest send` stopped in the socket with ValueError or
    OverflowError (a traceback)."""
    set_in_config(
        project,
        "send",
        f'host = "127.0.0.1"\nsecurity = "none"\nfrom_email = "me@example.org"\ntimeout = {value}',
    )
    result = run(project, "send", ISSUE, "--to", "me@example.org", "--no-check-links")
    assert_clean_failure(result, ("digest.toml", "[send] timeout", message))


# --- a setting that names a file: its error names the setting's line ---------------------


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


# --- folder settings no file system can hold ------------------------------------------------


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


# --- source folders that are no folders, or cannot be listed --------------------------------


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


def test_a_settings_file_saved_with_a_byte_order_mark_is_read(project: Path, tmp_path: Path) -> None:
    """Notepad's UTF-8 starts with one: 'not valid TOML (Invalid statement (at line 1,
    column 1)): fix the syntax', about a character no editor shows."""
    plain = built(project)
    settings = project / "digest.toml"
    settings.write_bytes(b"\xef\xbb\xbf" + settings.read_bytes() + b'\n[theme]\nlogo = "issues"\n')
    fails_cleanly(project, (f"digest.toml:{line_of(settings, 'logo =')}:", "is a folder"))
    settings.write_bytes(settings.read_bytes().replace(b'\n[theme]\nlogo = "issues"\n', b""))
    assert built(project) == plain


# --- settings: a pattern Python's re cannot hold ------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "shown"), [("a{99999999999}", "too large"), ("(" * 5000 + ")" * 5000, "nested")]
)
def test_an_exclude_pattern_re_cannot_hold_names_the_setting(project: Path, pattern: str, shown: str) -> None:
    """re.compile raises OverflowError for a repeat past 2**32 and RecursionError for
    thousands of nested groups, not re.error: both reached the user as tracebacks."""
    built(project)
    set_in_config(project, "links", f"exclude = ['{pattern}']")
    fails_cleanly(project, ("digest.toml", "[links] exclude pattern", "is not a regular expression", shown))


# --- found by the fuzzer's hostile settings ----------------------------------------------------


@pytest.mark.parametrize("title", ['""', '"   "'])
def test_an_empty_site_title_names_the_setting(project: Path, title: str) -> None:
    """feedgen raised ValueError (Required fields not set (title)) while writing the Atom
    feed: a traceback."""
    built(project)
    path = project / "digest.toml"
    path.write_text(path.read_text().replace('title = "The Digest"', f"title = {title}", 1))
    fails_cleanly(project, ("digest.toml", "[site] title", "empty"))


@pytest.mark.parametrize("description", ['""', '"   "'])
def test_an_empty_site_description_names_the_setting(project: Path, description: str) -> None:
    """The same traceback for the description: RSS requires one of every channel, and
    feedgen raised ValueError (Required fields not set (description))."""
    built(project)
    path = project / "digest.toml"
    text = path.read_text()
    written = next(line for line in text.split("\n") if line.startswith("description = "))
    path.write_text(text.replace(written, f"description = {description}", 1))
    fails_cleanly(project, ("digest.toml", "[site] description", "empty"))


@pytest.mark.parametrize("author", ['""', '"   "'])
def test_an_empty_site_author_names_the_setting(project: Path, author: str) -> None:
    """It built: the Atom feed then had no author at all, which RFC 4287 requires of a feed
    whose entries name none, the RSS items said 'editors@... ()' and JSON Feed an author
    of no name."""
    built(project)
    path = project / "digest.toml"
    text = path.read_text()
    written = next(line for line in text.split("\n") if line.startswith("author = "))
    path.write_text(text.replace(written, f"author = {author}", 1))
    fails_cleanly(project, ("digest.toml", "[site] author", "empty"))


def test_a_settings_file_saved_with_a_byte_order_mark_and_windows_line_ends_is_read(project: Path) -> None:
    settings = project / "digest.toml"
    settings.write_bytes(b"\xef\xbb\xbf" + settings.read_bytes().replace(b"\n", b"\r\n"))
    assert load_config(settings).site.title == "The Digest"
    assert run(project, "build", ISSUE).exit_code == 0


# --- settings --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [('"english"', "not 'english'"), ('"en_GB"', "(write 'en-GB')"), ('"und"', "not 'und'")],
)
def test_a_language_that_is_no_language_tag_is_refused(project: Path, value: str, expected: str) -> None:
    settings = project / "digest.toml"
    settings.write_text(settings.read_text().replace('language = "en"', f"language = {value}"))
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 1
    line = one_error_line(result.output)
    assert "digest.toml" in line and "[site] language must be a language tag" in line and expected in line
    assert not (project / "dist").exists()


@pytest.mark.parametrize("value", ["en-GB", "pt-BR", "zh-Hans", "es-419", "de"])
def test_language_tags_in_use_are_taken(project: Path, value: str) -> None:
    settings = project / "digest.toml"
    settings.write_text(settings.read_text().replace('language = "en"', f'language = "{value}"'))
    assert load_config(settings).site.language == value


def test_a_link_timeout_of_zero_which_would_wait_forever_is_refused(project: Path) -> None:
    settings = project / "digest.toml"
    settings.write_text(settings.read_text().replace("timeout = 10", "timeout = 0"))
    result = run(project, "build", ISSUE)
    assert result.exit_code == 1
    assert "[links] timeout must be a positive number of seconds" in one_error_line(result.output)


def test_a_list_setting_written_as_one_string_says_how_to_write_a_list(project: Path) -> None:
    settings = project / "digest.toml"
    text = settings.read_text()
    settings.write_text(text.replace("[site]\n", '[site]\nsocial = "https://mastodon.social/@digest"\n', 1))
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 1
    line = one_error_line(result.output)
    assert "[site] social must be a list of strings, in brackets" in line and "a list of a string" not in line


def test_an_http_base_url_with_https_only_email_is_one_error_naming_the_setting(project: Path) -> None:
    result = run(project, "build", ISSUE, "--no-check-links", "--base-url", "http://localhost:8000/")
    assert result.exit_code == 2  # the value typed is refused: a usage error
    line = one_error_line(result.output)
    assert line.startswith(
        "Error: --base-url 'http://localhost:8000/' is http: while [email] https_only is on"
    )
    assert "email-link" not in result.output
    settings = project / "digest.toml"
    settings.write_text(settings.read_text().replace("https_only = true", "https_only = false"))
    assert (
        run(project, "build", ISSUE, "--no-check-links", "--base-url", "http://localhost:8000/").exit_code
        == 0
    )


# --- the settings file: a mistake is named by its line --------------------------------------


def settings_line(project: Path, start: str) -> int:
    lines = (project / "digest.toml").read_text().splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith(start))


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


def test_two_setting_mistakes_are_each_named_by_their_line(project: Path) -> None:
    settings = project / "digest.toml"
    text = settings.read_text().replace('language = "en"', 'langauge = "en"')
    settings.write_text(text.replace('service = "generic"', 'service = "MailChimp"'))
    line = one_error_line(run(project, "check", ISSUE, "--no-check-links").output)
    assert f"line {settings_line(project, 'langauge')}: unknown key 'langauge'" in line, line
    assert f"line {settings_line(project, 'service')}: [email] service must be" in line, line


# --- a newsletter of one's own ----------------------------------------------------------------


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


def test_setting_mistakes_are_listed_in_the_order_of_their_lines(project: Path) -> None:
    settings = project / "digest.toml"
    text = settings.read_text().replace(
        'base_url = "https://digest.example.org/"', 'base_url = "digest.example.org"'
    )
    settings.write_text(text.replace("limit = 20", 'limit = "20"'))
    line = one_error_line(run(project, "list").output)
    first, second = settings_line(project, "base_url"), settings_line(project, "limit")
    assert first < second
    assert line.index(f"line {first}:") < line.index(f"line {second}:"), line


# --- settings to make before the first issue: in the file or on the command line ------------------


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
    ("address", "message"),
    [
        # said 'a host with an empty part between two dots ('')': there is no host at all
        ("https:///news/", "'https:///news/' has no host after '//'"),
        # a zone names a network card of the machine that built the site: accepted
        ("https://[fe80::1%eth0]/", "has an IPv6 address with a zone ('%eth0')"),
        ("https://[fe80::1%25eth0]/", "has an IPv6 address with a zone"),
        ("https://[v1.example]/", "has a host in brackets that is no IPv6 address"),
        # port 0 reaches no server, and an empty port spells the host two ways: accepted
        ("https://digest.example.org:0/", "has port 0, on which no server is reached"),
        ("https://digest.example.org:/", "has a colon with no port"),
        # a browser reads '010.1.1.1' as an octal IPv4 address, another host than written
        ("https://010.1.1.1/", "ending in a number that is no IPv4 address"),
        ("HTTPS://digest.example.org/", "has its scheme in capitals: write it as 'https://'"),
    ],
)
def test_a_site_address_no_reader_can_reach_names_the_setting(
    project: Path, address: str, message: str
) -> None:
    built(project)
    edit(project, "digest.toml", 'base_url = "https://digest.example.org/"', f"base_url = '{address}'")
    fails_cleanly(project, ("digest.toml", "[site] base_url", message))


def test_every_problem_of_the_site_address_is_named_at_once_with_the_others(project: Path) -> None:
    """'https:///x' was said not to end in '/' alone; fixed, it was refused again for its host."""
    edit(project, "digest.toml", 'base_url = "https://digest.example.org/"', "base_url = 'https:///x'")
    edit(project, "digest.toml", "timeout = 10", "timeout = 0")
    line = one_error_line(run(project, "build", ISSUE).output)
    assert line.startswith(f"Error: {project / 'digest.toml'}: line "), line
    assert "has no host after '//'" in line and "must end in '/'" in line and "[links] timeout" in line


def test_a_site_address_given_on_the_command_line_without_a_host_names_the_option(project: Path) -> None:
    result = run(project, "build", ISSUE, "--base-url", "https:///")
    assert result.exit_code == 2
    assert one_error_line(result.output).startswith("Error: --base-url 'https:///' has no host"), (
        result.output
    )


@pytest.mark.parametrize(
    "address",
    ["https://xn--caf-dma.example.org/", "http://127.0.0.1:8000/", "http://[::1]:8000/", "http://x/"],
)
def test_a_site_address_with_an_ascii_international_or_numeric_host_still_builds(
    project: Path, address: str
) -> None:
    edit(project, "digest.toml", 'base_url = "https://digest.example.org/"', f"base_url = '{address}'")
    edit(project, "digest.toml", "https_only = true", "https_only = false")
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output


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


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        (
            '[email]\nlinks_to = "reviews"\n',
            "[email] links_to must be one of 'review', 'source', not 'reviews' (did you mean 'review'?)",
        ),
        (
            '[email]\nservice = "butondown"\n',
            "[email] service must be one of 'generic', 'mailchimp', 'buttondown', 'listmonk', 'mailerlite', "
            "'kit', 'substack', not 'butondown' (did you mean 'buttondown'?)",
        ),
        (
            '[feeds]\nlimit = "20"\n',
            "[feeds] limit must be a whole number, not '20' (write it without quotes: limit = 20)",
        ),
        (
            '[email]\nutm = "true"\n',
            "[email] utm must be true or false, not 'true' (write it without quotes: utm = true)",
        ),
        (
            '[links]\ntimeout = "2.5"\n',
            "[links] timeout must be a number, not '2.5' (write it without quotes: timeout = 2.5)",
        ),
    ],
)
def test_a_value_of_the_wrong_kind_says_what_was_meant(tmp_path: Path, written: str, problem: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write_config(tmp_path, written))
    assert caught.value.problem == problem
    assert caught.value.line == 2


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("[feeds]\nlimit = true\n", "[feeds] limit must be a whole number, not true"),
        ("[feeds]\nlimit = 2025-01-01\n", "[feeds] limit must be a whole number, not 2025-01-01"),
        ("[feeds]\nlimit = 10:30:00\n", "[feeds] limit must be a whole number, not 10:30:00"),
        ("[email]\nutm = [false]\n", "[email] utm must be true or false, not [false]"),
    ],
)
def test_a_value_of_the_wrong_kind_is_shown_as_toml_writes_it(
    tmp_path: Path, written: str, problem: str
) -> None:
    """Python's spelling was shown: 'not True', 'not datetime.date(2025, 1, 1)'."""
    with pytest.raises(ConfigError) as caught:
        load_config(write_config(tmp_path, written))
    assert caught.value.problem == problem


@pytest.mark.parametrize(
    "written",
    [
        '[feeds]\nlimit = "{long}"\n',
        "[feeds]\nlimit = [{many}]\n",
        '[site]\nlanguage = "{long}"\n',
        '[site]\nbase_url = "https://example.org/{long}"\n',
    ],
)
def test_a_refused_value_of_hundreds_of_kilobytes_is_shown_cut_short(tmp_path: Path, written: str) -> None:
    """The whole value was echoed: a line of 500 KB on the terminal."""
    text = written.replace("{long}", "x" * 400_000).replace("{many}", ", ".join(["1"] * 100_000))
    with pytest.raises(ConfigError) as caught:
        load_config(write_config(tmp_path, text))
    assert len(caught.value.message) < 1_000, caught.value.message[:300]
    assert "..." in caught.value.message


def test_a_source_folder_there_only_in_other_case_is_named(project: Path) -> None:
    """issues_dir left at 'issues' beside a folder 'Issues': macOS and Windows build its
    issues, Linux found no issue folder at all, without a word."""
    (project / "issues").rename(project / "Issues")
    fails_cleanly(project, ("digest.toml", "issues_dir 'issues' is not a folder of the project", "'Issues'"))


@pytest.mark.parametrize("setting", ["max_concurrency", "per_host", "retries", "cache_max_age"])
def test_a_huge_negative_link_limit_is_told_by_its_length(tmp_path: Path, setting: str) -> None:
    """A ceiling's message tells a number too long to read by its length; a floor's printed
    all 4,000 digits of one on a single line."""
    with pytest.raises(ConfigError) as caught:
        load_config(write_config(tmp_path, f"[links]\n{setting} = -{'9' * 4000}\n"))
    assert f"[links] {setting} " in caught.value.message
    assert "a number of 4,000 digits" in caught.value.message and len(caught.value.message) < 500


@pytest.mark.parametrize("key", ["words_per_minute", "excerpt_words"])
def test_a_reading_setting_below_one_is_named_alone_at_its_line(tmp_path: Path, key: str) -> None:
    """Both were named in one problem whichever was wrong, and with excerpt_words wrong
    the message had no line: it was placed at words_per_minute's, which was not written."""
    other = ({"words_per_minute", "excerpt_words"} - {key}).pop()
    with pytest.raises(ConfigError) as caught:
        load_config(write_config(tmp_path, f"[build]\n{other} = 50\n{key} = 0\n"))
    message = caught.value.message
    assert message.startswith(f"{tmp_path / 'digest.toml'}:3: [build] {key} must be at least 1, not 0"), (
        message
    )
    assert other not in message


def test_a_key_set_twice_in_a_section_names_the_key_and_its_first_line(tmp_path: Path) -> None:
    """tomllib says only 'Cannot overwrite a value', which named neither the key nor what to do."""
    path = write_config(tmp_path, '[site]\ntitle = "A"\n# a comment\n\n[feeds]\nlimit = 5\nlimit = 10\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.message == (
        f"{path}:7: not valid TOML: [feeds] limit is set twice (first on line 6): keep one of them"
    )


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
