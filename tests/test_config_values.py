"""What each setting's value must be (digest.config.values): names, counts and limits, the feeds'
id prefix, the theme's colours, the link checker's limits and patterns, the send settings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from digest.config import load_config
from digest.errors import ConfigError
from tests.helpers import built, fails_cleanly, one_error_line, set_in_config, write_config
from tests.test_cli import run
from tests.test_robustness import ISSUE, assert_clean_failure


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


@pytest.mark.parametrize(
    ("pattern", "shown"), [("a{99999999999}", "too large"), ("(" * 5000 + ")" * 5000, "nested")]
)
def test_an_exclude_pattern_re_cannot_hold_names_the_setting(project: Path, pattern: str, shown: str) -> None:
    """re.compile raises OverflowError for a repeat past 2**32 and RecursionError for
    thousands of nested groups, not re.error: both reached the user as tracebacks."""
    built(project)
    set_in_config(project, "links", f"exclude = ['{pattern}']")
    fails_cleanly(project, ("digest.toml", "[links] exclude pattern", "is not a regular expression", shown))


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


@pytest.mark.parametrize("stack", ["Inter, Arial", "Inter, system-ui", "Georgia, 'serif'", "ui-serif"])
def test_a_font_stack_without_a_last_resort_every_mail_app_knows_names_its_setting(
    tmp_path: Path, stack: str
) -> None:
    """The email's font stack is the theme's: one ending in no CSS 2.1 generic family failed the
    build's email check naming the email template, not the setting that wrote it."""
    with pytest.raises(
        ConfigError, match=r"\[theme\] font_stack .*end it with serif, sans-serif or monospace"
    ):
        load_config(write_config(tmp_path, f'[theme]\nfont_stack = "{stack}"\n'))


@pytest.mark.parametrize(
    "stack",
    [
        "Inter, Arial, sans-serif",
        "Georgia, SERIF",
        "system-ui, monospace",
        "Arial, sans-serif, 'Noto Color Emoji'",
    ],
)
def test_a_font_stack_ending_in_a_generic_family_is_taken(tmp_path: Path, stack: str) -> None:
    assert load_config(write_config(tmp_path, f'[theme]\nfont_stack = "{stack}"\n')).theme.font_stack == stack
