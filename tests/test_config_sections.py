"""A section's values typed (digest.config.sections): unknown keys, values of the wrong kind, what
was meant, how a refused value is shown and named."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from digest.config import SECTIONS, load_config
from digest.errors import ConfigError
from tests.helpers import one_error_line, write_config
from tests.test_cli import run
from tests.test_robustness import ISSUE


def test_misspelled_key_is_named_with_a_suggestion(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"unknown key 'titel' in \[site\] \(did you mean 'title'\?\)"):
        load_config(write_config(tmp_path, '[site]\ntitel = "x"\n'))


def test_wrong_choice_lists_the_choices(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="service must be one of 'generic'"):
        load_config(write_config(tmp_path, '[email]\nservice = "pigeon"\n'))


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


def test_a_list_setting_written_as_one_string_says_how_to_write_a_list(project: Path) -> None:
    settings = project / "digest.toml"
    text = settings.read_text()
    settings.write_text(text.replace("[site]\n", '[site]\nsocial = "https://mastodon.social/@digest"\n', 1))
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 1
    line = one_error_line(result.output)
    assert "[site] social must be a list of strings, in brackets" in line and "a list of a string" not in line


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
