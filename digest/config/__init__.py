"""Stage 1: read and validate digest.toml into typed settings.

Every problem in the file is collected and reported at once, key by key, the way
mkdocs does; an unknown key is an error that suggests the nearest known one.

settings.py holds the sections' settings and their defaults; reading.py finds and reads the
file; sections.py types each section's values; values.py, addresses.py, texts.py and
folders.py judge what the values must be. What the rest of digest uses is named here.
"""

from __future__ import annotations

from digest.config.reading import find_config, load_config, setting_line
from digest.config.settings import (
    CONFIG_NAME,
    MAX_CONFIG_BYTES,
    PASSWORD_VARIABLE,
    SECTIONS,
    BuildSettings,
    Config,
    EmailSettings,
    FeedConfig,
    LinkConfig,
    MailService,
    SendSettings,
    SiteSettings,
    ThemeSettings,
    output_settings,
)

__all__ = [
    "CONFIG_NAME",
    "MAX_CONFIG_BYTES",
    "PASSWORD_VARIABLE",
    "SECTIONS",
    "BuildSettings",
    "Config",
    "EmailSettings",
    "FeedConfig",
    "LinkConfig",
    "MailService",
    "SendSettings",
    "SiteSettings",
    "ThemeSettings",
    "find_config",
    "load_config",
    "output_settings",
    "setting_line",
]
