"""digest.toml read into Config (digest.config): every setting checked, each mistake named by its file,
line and setting with what to do, every problem reported at once. Each module's own rules are
tested in tests/test_config_<module>.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.config import load_config
from digest.errors import ConfigError
from tests.helpers import one_error_line, settings_line, write_config
from tests.test_cli import run
from tests.test_robustness import ISSUE


def test_defaults_and_values(tmp_path: Path) -> None:
    config = load_config(write_config(tmp_path, '[site]\ntitle = "Weekly"\nlanguage = "fr"\n'))
    assert config.site.title == "Weekly" and config.site.language == "fr"
    assert config.build.output_dir == "dist"
    assert config.output_path == tmp_path.resolve() / "dist"


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write_config(tmp_path, '[site]\ntitel = "x"\n[build]\nexcerpt_words = "many"\n[sitee]\n'))
    message = caught.value.message
    assert "titel" in message and "excerpt_words must be a whole number" in message and "[sitee]" in message


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


def test_two_setting_mistakes_are_each_named_by_their_line(project: Path) -> None:
    settings = project / "digest.toml"
    text = settings.read_text().replace('language = "en"', 'langauge = "en"')
    settings.write_text(text.replace('service = "generic"', 'service = "MailChimp"'))
    line = one_error_line(run(project, "check", ISSUE, "--no-check-links").output)
    assert f"line {settings_line(project, 'langauge')}: unknown key 'langauge'" in line, line
    assert f"line {settings_line(project, 'service')}: [email] service must be" in line, line


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
