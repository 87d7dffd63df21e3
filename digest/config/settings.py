"""The settings digest.toml holds, section by section, each with its default, and the Config
they make together (with the folders they name, and what of them shapes a build's output)."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

CONFIG_NAME = "digest.toml"
MAX_CONFIG_BYTES = 1_000_000

MailService = Literal["generic", "mailchimp", "buttondown", "listmonk", "mailerlite", "kit", "substack"]


@dataclass(frozen=True)
class SiteSettings:
    title: str = "The Digest"
    base_url: str = "https://digest.example.org/"
    author: str = "The Digest editors"
    author_email: str = ""
    language: str = "en"
    description: str = "A newsletter of reviews."
    subscribe_url: str = ""  # where a reader who was forwarded an issue signs up
    postal_address: str = ""  # the sender's postal address, which CAN-SPAM requires in every email
    social: tuple[str, ...] = ()  # profile URLs, linked in the footers


FONT_STACK = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"


@dataclass(frozen=True)
class ThemeSettings:
    """One setting changes every output: the email (light and dark), the web pages, the preview."""

    accent: str = "#1d4ed8"  # links and buttons on light backgrounds
    accent_dark: str = "#93c5fd"  # the same on dark backgrounds
    font_stack: str = FONT_STACK
    footer_text: str = ""  # default: "You receive <title> because you subscribed to it."
    logo: str = ""  # a local image shown in the masthead, relative to digest.toml
    logo_alt: str = ""  # default: the site's title


@dataclass(frozen=True)
class BuildSettings:
    output_dir: str = "dist"
    issues_dir: str = "issues"
    templates_dir: str = "templates"
    cache_dir: str = ".digest-cache"
    words_per_minute: int = 220
    excerpt_words: int = 50
    max_review_bytes: int = 1_000_000  # the longest real review seen is 38 KB
    # An image, PDF or recording a review uses; a phone's 48-megapixel photo is 10-15 MB.
    max_asset_bytes: int = 20_000_000
    static_dir: str = "static"  # site-wide files, copied into the output as they are


@dataclass(frozen=True)
class EmailSettings:
    service: MailService = "generic"
    https_only: bool = True
    reply_prompt: str = "Reply to this email: we read every answer."  # empty: none
    links_to: Literal["review", "source"] = "review"  # where a card's main link goes
    utm: bool = False
    utm_source: str = "newsletter"
    utm_medium: str = "email"
    # What the email's images may weigh together before a warning: about five seconds on a
    # slow mobile connection, and what most mail services advise (see README).
    max_image_bytes: int = 1_000_000


@dataclass(frozen=True)
class FeedConfig:
    id_prefix: str = "tag:digest.example.org,2025:"
    limit: int = 20
    entries: Literal["issues", "reviews"] = "issues"


@dataclass(frozen=True)
class LinkConfig:
    check: bool = True
    timeout: float = 10.0
    retries: int = 2
    max_concurrency: int = 64
    per_host: int = 6
    max_redirects: int = 10
    user_agent: str = ""
    exclude: tuple[str, ...] = ()
    accept_status: tuple[int, ...] = ()
    cache_max_age: int = 86_400


SendSecurity = Literal["starttls", "tls", "none"]
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
PASSWORD_VARIABLE = "DIGEST_SMTP_PASSWORD"


@dataclass(frozen=True)
class SendSettings:
    """The SMTP server `digest send` hands test messages to; the password comes only
    from the environment (PASSWORD_VARIABLE), never from this file."""

    host: str = ""
    port: int = 0  # 0: the usual port for `security` (587, 465, 25)
    security: SendSecurity = "starttls"
    user: str = ""
    timeout: float = 30.0
    from_email: str = ""  # default: [site] author_email
    ca_file: str = ""  # a PEM file of the CAs to trust instead of the system's, relative to digest.toml


@dataclass(frozen=True)
class Config:
    """The whole validated configuration; `root` is the folder holding digest.toml."""

    root: Path
    site: SiteSettings = field(default_factory=SiteSettings)
    theme: ThemeSettings = field(default_factory=ThemeSettings)
    build: BuildSettings = field(default_factory=BuildSettings)
    email: EmailSettings = field(default_factory=EmailSettings)
    feeds: FeedConfig = field(default_factory=FeedConfig)
    links: LinkConfig = field(default_factory=LinkConfig)
    send: SendSettings = field(default_factory=SendSettings)
    file_name: str = CONFIG_NAME  # the settings file's name in `root` (--config may name another)
    # Of the settings to make before the first issue goes out (NAMED_BEFORE_SENDING), those
    # neither in the file nor on the command line: their defaults are an example's.
    unset: frozenset[str] = field(default=frozenset(), repr=False, compare=False)

    @property
    def settings_file(self) -> Path:
        """The settings file these settings were read from, for messages and the preview's watch."""
        return self.root / self.file_name

    def _folder(self, written: str) -> Path:
        """A folder setting as the path it names: 'sub/../issues' is the issues folder, so the
        real paths of the files in it lie within it."""
        return Path(os.path.normpath(self.root / written))

    @property
    def issues_path(self) -> Path:
        return self._folder(self.build.issues_dir)

    @property
    def output_path(self) -> Path:
        return self._folder(self.build.output_dir)

    @property
    def templates_path(self) -> Path:
        return self._folder(self.build.templates_dir)

    @property
    def cache_path(self) -> Path:
        return self._folder(self.build.cache_dir)

    @property
    def static_path(self) -> Path:
        return self._folder(self.build.static_dir)


SECTIONS: dict[str, type] = {
    "site": SiteSettings,
    "theme": ThemeSettings,
    "build": BuildSettings,
    "email": EmailSettings,
    "feeds": FeedConfig,
    "links": LinkConfig,
    "send": SendSettings,
}

# Keys refused with a reason rather than as unknown: (section, key) -> what to do instead.
REFUSED_KEYS = {
    ("send", "password"): f"[send] password is never read from {CONFIG_NAME}: remove it and set the "
    f"environment variable {PASSWORD_VARIABLE} in the shell that runs `digest send`",
    ("links", "cache_dir"): "[links] cache_dir has moved: write it as [build] cache_dir",
}

# What the README asks to set before the first issue goes out: by default the email, the
# pages and the feeds would carry an example's title, address and feed ids.
NAMED_BEFORE_SENDING = (("site", "title"), ("site", "base_url"), ("feeds", "id_prefix"))


def output_settings(config: Config) -> str:
    """The settings that shape what a build writes, wherever the project lies: not how links
    are checked, where the output and the cache go, or how test emails are sent, so editing
    those makes nothing again and leaves every built issue current."""
    build = dataclasses.replace(
        config.build, output_dir=BuildSettings.output_dir, cache_dir=BuildSettings.cache_dir
    )
    shaping = dataclasses.replace(
        config, root=Path("."), build=build, links=LinkConfig(), send=SendSettings(), file_name=CONFIG_NAME
    )
    return repr(shaping)
