"""The settings' defaults and the keys refused with a reason (digest.config.settings)."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.config import load_config
from digest.errors import ConfigError
from tests.helpers import write_config


def test_the_cache_folder_is_a_build_setting(tmp_path: Path) -> None:
    config = load_config(write_config(tmp_path, '[build]\ncache_dir = "state"\n'))
    assert config.cache_path == tmp_path.resolve() / "state"


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
