"""Stage 1: read and validate digest.toml into typed settings.

Every problem in the file is collected and reported at once, key by key, the way
mkdocs does; an unknown key is an error that suggests the nearest known one.
"""

from __future__ import annotations

import dataclasses
import difflib
import ipaddress
import math
import os
import re
import tomllib
import types
import typing
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path, PurePath
from typing import Any, Literal
from urllib.parse import urlsplit

from digest.errors import ConfigError, ContentError, DigestError, RefusedOption, printable, quoted, shortened
from digest.files import inside, read_regular, resolved, spelled_as_stored

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


def find_config(start: Path) -> Path:
    """The digest.toml in `start` or the nearest parent folder."""
    start = resolved(start)
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_symlink() and not inside(candidate, folder):  # --config may name any file
            raise ConfigError(
                f"is a link to {os.path.realpath(candidate)}, outside the project, and digest never "
                "follows a link out of the project: copy the settings file in, or pass --config",
                candidate,
            )
        if candidate.is_file():
            return candidate
        if os.path.lexists(candidate):  # never passed over for a parent's settings
            raise ConfigError(
                "is not a file (a folder, a pipe or a broken link), so no settings are read from it: "
                f"make {CONFIG_NAME} an ordinary file, or pass --config",
                candidate,
            )
    if (other := _spelled_otherwise(start)) is not None:
        raise ConfigError(
            f"is not named {CONFIG_NAME} (only in case or Unicode form): macOS and Windows find it, Linux "
            f"and most CI machines do not; rename it {CONFIG_NAME}",
            other,
        )
    raise ConfigError(
        f"no {CONFIG_NAME} found here or in any parent folder: run digest from your project, "
        f"or pass --config; to start a newsletter in this folder, create {CONFIG_NAME} (empty will do)",
        start,
    )


def _spelled_otherwise(start: Path) -> Path | None:
    """A settings file named 'Digest.toml' (or so) in `start` or a parent folder, or None."""
    for folder in (start, *start.parents):
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            if unicodedata.normalize("NFC", name).casefold() == CONFIG_NAME and name != CONFIG_NAME:
                return folder / name
    return None


def load_config(
    path: Path,
    overrides: dict[str, dict[str, Any]] | None = None,
    flags: Mapping[tuple[str, str], str] | None = None,
) -> Config:
    """Read, merge command-line overrides (only the flags given), and validate. `flags`
    names the option each override comes from ({("build", "output_dir"): "--output"}), so a
    problem with a value given on the command line names the option, not digest.toml."""
    text = ""
    try:
        # utf-8-sig: Windows Notepad starts a file saved as UTF-8 with a byte-order mark,
        # which TOML's grammar does not allow for; every other file digest reads skips it too.
        text = read_regular(path, MAX_CONFIG_BYTES, "settings file").decode("utf-8-sig")
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r" \(at line (\d+), (column \d+)\)", str(exc))
        if where is None:
            raise ConfigError(f"not valid TOML ({exc}): fix the syntax", path) from None
        problem = str(exc)[: where.start()] + str(exc)[where.end() :]
        number = int(where.group(1))
        lines = text.splitlines()
        if advice := toml_slip(lines[number - 1] if 0 < number <= len(lines) else ""):
            raise ConfigError(f"not valid TOML: {advice}", path, number) from None
        if twice := re.fullmatch(r"Cannot declare \(((?:'[^']*',? ?)+)\) twice", problem):
            table = ".".join(re.findall(r"'([^']*)'", twice.group(1)))
            raise ConfigError(
                f"[{table}] is written twice: put all its keys under one [{table}]", path, int(where.group(1))
            ) from None
        if problem == "Cannot overwrite a value" and (again := _set_again(lines, number)):
            raise ConfigError(f"not valid TOML: {again}", path, number) from None
        raise ConfigError(
            f"not valid TOML ({problem} at {where.group(2)}): fix the syntax", path, int(where.group(1))
        ) from None
    except UnicodeDecodeError:
        raise ConfigError("not UTF-8: save the file as UTF-8", path) from None
    except RecursionError:
        raise ConfigError(
            "values nested too deeply to read: write settings as 'key = value' lines under [section] headers",
            path,
        ) from None
    except ContentError as exc:
        raise ConfigError(exc.problem, path) from None
    given = {}
    for section, values in (overrides or {}).items():
        chosen = {key: value for key, value in values.items() if value is not None}
        if isinstance(raw.setdefault(section, {}), dict):  # else reported by parse_config
            raw[section].update(chosen)
            given.update({(section, key): (flags or {}).get((section, key)) for key in chosen})
    return parse_config(raw, path, {where: flag for where, flag in given.items() if flag})


# The slips of a first settings file, told by the line they are on (tomllib's own words,
# "Invalid value" or "Expected '=' after a key", say where but not what to write).
_SLIP_HEADER = re.compile(r"\s*\[+\s*([^\]\s#=]+)\s*(?:#.*)?")
_SLIP_COLON = re.compile(r"\s*([A-Za-z0-9_-]+)\s*:\s*(.*?)\s*")
_SLIP_SPACED_KEY = re.compile(r"\s*([A-Za-z0-9_-]+(?:[ \t]+[A-Za-z0-9_-]+)+)\s*=.*")
_SLIP_VALUE = re.compile(r"\s*([A-Za-z0-9_-]+)\s*=\s*(.*?)\s*(?:#.*)?")
_CURLY_QUOTES = "\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb"


def toml_slip(line: str) -> str | None:
    """What to write instead, where `line` of a settings file TOML refused holds a slip
    newcomers make (a bare or curly-quoted text, 'key: value', a key with a space, a quote or
    a table header never closed); None where it holds none of them."""
    if header := _SLIP_HEADER.fullmatch(line):
        return f"the table header on this line has no closing ']': write [{header.group(1)}]"
    if line.count('"') % 2 and not line.lstrip().startswith("#"):
        return 'the quoted value on this line has no closing ": end it with "'
    if colon := _SLIP_COLON.fullmatch(line):
        return f"a setting is written 'key = value' in TOML: {colon.group(1)} = {colon.group(2)}"
    if spaced := _SLIP_SPACED_KEY.fullmatch(line):
        return "a key has no spaces: write " + "_".join(spaced.group(1).split())
    value = _SLIP_VALUE.fullmatch(line)
    if value is None:
        return None
    key, written = value.groups()
    if not written:
        return f"the value is missing after '=': write {key} = \"...\""
    if written[0] in _CURLY_QUOTES:
        straight = shortened(written.strip(_CURLY_QUOTES))
        return f'curly quotes quote nothing in TOML: write straight ones, "{straight}"'
    if re.fullmatch(r"[^\s\"'\[\]{}0-9+-][^\"'\[\]{}]*", written):
        if meant := difflib.get_close_matches(written.lower(), ("true", "false"), n=1, cutoff=0.6):
            return f"true and false are written without quotes: {key} = {meant[0]}"
        return f'text is written in double quotes: {key} = "{shortened(written)}"'
    return None


def parse_config(
    raw: dict[str, Any], path: Path, flags: Mapping[tuple[str, str], str] | None = None
) -> Config:
    problems: list[str] = []
    sections: dict[str, Any] = {}
    for name, values in raw.items():
        schema = SECTIONS.get(name)
        if schema is None:
            problems.append(f"unknown section [{name}]{_suggest(name, SECTIONS)}")
        elif not isinstance(values, dict):
            problems.append(
                f"[{name}] must be a table ('[{name}]' on a line of its own, then 'key = value' "
                f"lines), not {quoted(values)}"
            )
        else:
            sections[name] = _build_section(name, schema, values, problems)
    # Values are judged even when some keys were refused (those keep their defaults), so
    # one run reports every problem in the file.
    config = Config(root=resolved(path.parent), file_name=path.name, unset=_unset(raw), **sections)
    names = Names(flags or {})
    problems.extend(_value_problems(config, names))
    if problems:
        from_flags = all(problem.startswith(tuple(names.flags.values())) for problem in problems)
        if from_flags and names.flags:
            raise RefusedOption("; ".join(problems))
        located = sorted(((_problem_line(path, p), p) for p in problems), key=lambda each: each[0] or 0)
        if len(located) == 1:
            raise ConfigError(located[0][1], path, located[0][0])
        raise ConfigError("; ".join(_at_line(problem, line) for line, problem in located), path)
    return config


# What the README asks to set before the first issue goes out: by default the email, the
# pages and the feeds would carry an example's title, address and feed ids.
NAMED_BEFORE_SENDING = (("site", "title"), ("site", "base_url"), ("feeds", "id_prefix"))


def _unset(raw: Mapping[str, Any]) -> frozenset[str]:
    def given(section: str, key: str) -> bool:
        values = raw.get(section, {})
        return not isinstance(values, dict) or key in values  # not a table: refused already

    return frozenset(f"{section}.{key}" for section, key in NAMED_BEFORE_SENDING if not given(section, key))


# How a problem names the setting it is about (see Names and _build_section).
_UNKNOWN_KEY = re.compile(r"unknown key '([^']*)' in \[([^\]]*)\]")
_UNKNOWN_SECTION = re.compile(r"unknown section \[([^\]]*)\]")
_NAMED_SETTING = re.compile(r"\[([A-Za-z_]+)\] ([A-Za-z_]+)\b")


def _problem_line(path: Path, problem: str) -> int | None:
    """The settings file's line the problem is about, where it names a setting written there."""
    if match := _UNKNOWN_KEY.match(problem):
        return setting_line(path, match.group(2), match.group(1))
    if match := _UNKNOWN_SECTION.match(problem):
        return setting_line(path, match.group(1), None)
    if match := _NAMED_SETTING.match(problem):
        return setting_line(path, match.group(1), match.group(2))
    return None


def _at_line(problem: str, line: int | None) -> str:
    return f"line {line}: {problem}" if line else problem


@dataclass(frozen=True)
class Names:
    """How a problem names a setting: by the command-line option its value came from, if
    one did, else by its section and key in digest.toml."""

    flags: Mapping[tuple[str, str], str]

    def __call__(self, section: str, key: str) -> str:
        return self.flags.get((section, key)) or f"[{section}] {key}"


def _build_section(name: str, schema: type, values: dict[str, Any], problems: list[str]) -> Any:
    hints = typing.get_type_hints(schema)
    known = {f.name for f in dataclasses.fields(schema)}
    accepted: dict[str, Any] = {}
    for key, value in values.items():
        if (name, key) in REFUSED_KEYS:
            problems.append(REFUSED_KEYS[name, key])
            continue
        if key not in known:
            problems.append(f"unknown key {quoted(key)} in [{name}]{_suggest(key, known)}")
            continue
        converted = _convert(value, hints[key])
        if converted is _INVALID:
            meant = _meant(key, value, hints[key])
            problems.append(f"[{name}] {key} must be {_describe(hints[key])}, not {_shown(value)}{meant}")
        else:
            accepted[key] = converted
    return schema(**accepted)


def _shown(value: Any) -> str:
    """A refused value as digest.toml writes it (true, 2025-01-01, [1, 2]), cut short: a
    value of hundreds of kilobytes was echoed whole, a line of 500 KB."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date | time):  # datetime is a date
        return value.isoformat()
    if isinstance(value, list):
        items = [_shown(item) for item in value[:SHOWN_ITEMS]]
        return f"[{', '.join(items)}{', ...' if len(value) > SHOWN_ITEMS else ''}]"
    if isinstance(value, dict):
        pairs = [f"{key} = {_shown(item)}" for key, item in list(value.items())[:SHOWN_ITEMS]]
        return f"{{{', '.join(pairs)}{', ...' if len(value) > SHOWN_ITEMS else ''}}}"
    return quoted(value, SHOWN_CHARACTERS)


SHOWN_ITEMS, SHOWN_CHARACTERS = 10, 80


_INVALID = object()


def _convert(value: Any, hint: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin is Literal:
        return value if value in typing.get_args(hint) else _INVALID
    if origin is tuple:
        (item_type, _) = typing.get_args(hint)
        if not isinstance(value, list):
            return _INVALID
        items = [_convert(item, item_type) for item in value]
        return _INVALID if _INVALID in items else tuple(items)
    if hint is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value) if math.isfinite(value) else _INVALID  # TOML has nan and inf
    if hint is int and isinstance(value, bool):
        return _INVALID
    return value if isinstance(value, hint) else _INVALID


def _meant(key: str, value: Any, hint: Any) -> str:
    """What a refused text likely meant: one of the choices spelt nearly so, or a number or
    true or false written in quotes ("" where it is neither)."""
    if not isinstance(value, str):
        return ""
    if typing.get_origin(hint) is Literal:
        choices = [choice for choice in typing.get_args(hint) if isinstance(choice, str)]
        meant = [c for c in choices if c.casefold() == value.casefold()] or difflib.get_close_matches(
            value, choices, n=1
        )
        return f" (did you mean {quoted(meant[0])}?)" if meant else ""
    kinds = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
    text = value.strip()
    numeric = (int in kinds and re.fullmatch(r"[+-]?[0-9]+", text)) or (
        float in kinds and re.fullmatch(r"[+-]?[0-9]+(?:\.[0-9]+)?", text)
    )
    if (bool in kinds and text in ("true", "false")) or numeric:
        return f" (write it without quotes: {key} = {text})"
    return ""


def _describe(hint: Any) -> str:
    origin = typing.get_origin(hint)
    if origin is Literal:
        return "one of " + ", ".join(repr(a) for a in typing.get_args(hint))
    if origin is tuple:
        plural = {str: "strings", int: "whole numbers", float: "numbers"}
        item = typing.get_args(hint)[0]
        return f'a list of {plural.get(item, _describe(item))}, in brackets: ["...", "..."]'
    if isinstance(hint, types.UnionType):
        return " or ".join(_describe(a) for a in typing.get_args(hint))
    return {str: "a string", int: "a whole number", float: "a number", bool: "true or false"}.get(
        hint, str(hint)
    )


_KEY_PART = r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'"""
_TABLE_HEADER = re.compile(rf"\[\s*((?:{_KEY_PART}|[\s.])+)\]\s*(?:#.*)?")
_KEY = re.compile(rf"((?:{_KEY_PART})(?:\s*\.\s*(?:{_KEY_PART}))*)\s*=")


def setting_line(path: Path, section: str, key: str | None) -> int | None:
    """The line of the settings file `path` where `[section] key` is set (under its table
    header, or as a dotted key), or with no key where `[section]` starts; None where it
    cannot be found."""
    try:
        text = read_regular(path, MAX_CONFIG_BYTES, "settings file").decode("utf-8-sig")
    except (DigestError, UnicodeDecodeError):
        return None
    table: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if header := _TABLE_HEADER.fullmatch(stripped):
            table = _key_parts(header.group(1))
            if key is None and table == [section]:
                return number
        elif key is not None and (written := _KEY.match(stripped)):
            setting = [*table, *_key_parts(written.group(1))]
            if setting == [section, key]:
                return number
    return None


def _set_again(lines: list[str], number: int) -> str | None:
    """What to do where line `number` sets a key its table set before (tomllib says only
    "Cannot overwrite a value"); None where it is not that."""
    table: list[str] = []
    first: dict[tuple[str, ...], int] = {}
    for at, line in enumerate(lines[:number], 1):
        stripped = line.strip()
        if header := _TABLE_HEADER.fullmatch(stripped):
            table = _key_parts(header.group(1))
        elif written := _KEY.match(stripped):
            *section, key = setting = (*table, *_key_parts(written.group(1)))
            if at == number and setting in first:
                name = f"[{'.'.join(section)}] {key}" if section else key
                return f"{name} is set twice (first on line {first[setting]}): keep one of them"
            first.setdefault(setting, at)
    return None


def _key_parts(dotted: str) -> list[str]:
    return [part.strip("\"'") for part in re.findall(_KEY_PART, dotted)]


def _suggest(word: str, choices: typing.Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean {quoted(close[0])}?)" if close else ""


def _value_problems(config: Config, names: Names) -> list[str]:
    problems = _site_problems(config, names)
    problems.extend(_number_problems(config, names))
    if config.email.utm:  # each is a parameter of every link the email's analytics reads
        problems.extend(
            f"[email] {key} is empty while [email] utm is on: give it a value, or set utm = false"
            for key in ("utm_source", "utm_medium")
            if not getattr(config.email, key).strip()
        )
    if not valid_id_prefix(config.feeds.id_prefix):
        problems.append(
            f"[feeds] id_prefix {_shown(config.feeds.id_prefix)} is not a tag: URI prefix (RFC 4151); "
            "set it once to something like 'tag:your-domain.org,2025:' and never change it"
        )
    problems.extend(_link_problems(config.links))
    problems.extend(_site_link_problems(config.site))
    problems.extend(_theme_problems(config.theme))
    problems.extend(_path_problems(config, names))
    problems.extend(_send_problems(config.send))
    problems.extend(
        f"{names(section, key)} {problem}"
        for section, key, value in (
            ("site", "author_email", config.site.author_email),
            ("send", "from_email", config.send.from_email),
        )
        if value and (problem := _address_problem(value))
    )
    return problems


def _site_problems(config: Config, names: Names) -> list[str]:
    """[site]'s address, language, and the names every page, subject and feed needs."""
    problems = []
    base = config.site.base_url
    if base_problems := _base_url_problems(base):
        problems.append(f"{names('site', 'base_url')} {'; and '.join(base_problems)}")
    elif base.startswith("http://") and config.email.https_only:
        # Every email links to its web edition: each of those links would be refused alone.
        problems.append(
            f"{names('site', 'base_url')} {_shown(base)} is http: while [email] https_only is on, so "
            "every link of the email to the site would be refused: give an https:// address, or set "
            "[email] https_only = false"
        )
    if problem := _language_problem(config.site.language):
        problems.append(problem)
    if not config.site.title.strip():  # every page, email subject and feed needs one
        problems.append(f"{names('site', 'title')} is empty: give the newsletter's name")
    if not config.site.author.strip():  # Atom requires an author of a feed whose entries name none
        problems.append(f"{names('site', 'author')} is empty: name who writes the newsletter")
    if not config.site.description.strip():  # RSS requires one of every channel; pages show it too
        problems.append(f"{names('site', 'description')} is empty: describe the newsletter in a sentence")
    return problems


def _number_problems(config: Config, names: Names) -> list[str]:
    """Counts and limits that must be at least one."""
    problems = [
        f"{names('build', key)} must be at least 1, not {_number(value)}"
        for key in ("words_per_minute", "excerpt_words")
        if (value := getattr(config.build, key)) < 1
    ]
    problems.extend(_byte_limit_problems(config.build))
    if config.email.max_image_bytes <= 0:
        problems.append(
            f"[email] max_image_bytes must be at least 1, not {_number(config.email.max_image_bytes)}"
        )
    if config.feeds.limit <= 0:
        problems.append(f"[feeds] limit must be at least 1, not {_number(config.feeds.limit)}")
    return problems


def _path_problems(config: Config, names: Names) -> list[str]:
    """The folders' and files' settings: their text first, then (where that is sound) the
    folders themselves."""
    text_problems = (
        _text_problems(config, names)
        + _path_length_problems(config, names)
        + _web_address_problems(config, names)
        + _home_problems(config, names)
    )
    if any(problem.startswith(_path_names(names)) for problem in text_problems):
        return text_problems
    return [
        *text_problems,
        *_folder_problems(config, names("build", "output_dir")),
        *_cache_problems(config, names("build", "cache_dir")),
        *_linked_folder_problems(config, names),
        *_not_folder_problems(config, names),
        *_misspelt_folder_problems(config, names),
        *_static_problems(config, names("build", "static_dir")),
        *_logo_problems(config),
    ]


# RFC 4151: "tag:" authorityName "," date ":" specific
_DNS_COMPONENT = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_DNS_NAME = rf"{_DNS_COMPONENT}(?:\.{_DNS_COMPONENT})*"
_TAG_PREFIX = re.compile(
    rf"tag:(?:[A-Za-z0-9._-]+@{_DNS_NAME}|{_DNS_NAME}),(?P<year>\d{{4}})(?:-(?P<month>\d{{2}})(?:-(?P<day>\d{{2}}))?)?:"
    r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*"
)


def valid_id_prefix(prefix: str) -> bool:
    """Whether `prefix` starts a tag: URI (RFC 4151) with a real calendar date."""
    match = _TAG_PREFIX.fullmatch(prefix)
    if match is None:
        return False
    try:
        date(int(match["year"]), int(match["month"] or 1), int(match["day"] or 1))
    except ValueError:
        return False
    return True


# What a theme value may hold: it is written into stylesheets as it is.
_COLOUR = re.compile(r"#[0-9A-Fa-f]{3,8}|[A-Za-z]{3,30}|(?:rgb|hsl)a?\([0-9.,%\s/deg]+\)")
_FONT_STACK = re.compile(r"[A-Za-z0-9 ,'\"-]+")


# The pages the accent colours are read on: white in light mode, the dark theme's grey.
LIGHT_BACKGROUND, DARK_BACKGROUND = "#ffffff", "#111827"
MIN_CONTRAST = 4.5  # WCAG AA for body text


def _theme_problems(theme: ThemeSettings) -> list[str]:
    problems = [
        problem
        for key, value, background, mode in (
            ("accent", theme.accent, LIGHT_BACKGROUND, "light"),
            ("accent_dark", theme.accent_dark, DARK_BACKGROUND, "dark"),
        )
        if (problem := _colour_problem(key, value, background, mode))
    ]
    if not _FONT_STACK.fullmatch(theme.font_stack):
        problems.append(
            f"[theme] font_stack must be font names separated by commas, not {_shown(theme.font_stack)}"
        )
    return problems


def _colour_problem(key: str, value: str, background: str, mode: str) -> str | None:
    """Why a theme colour cannot be used for links on its background, or None."""
    from digest.checks.css import Colour, contrast_ratio, parse_colour

    colour = parse_colour(value) if _COLOUR.fullmatch(value) else None
    if not isinstance(colour, Colour) or not colour.opaque:
        return f"[theme] {key} must be an opaque CSS colour such as '#1d4ed8', not {_shown(value)}"
    page = parse_colour(background)
    assert isinstance(page, Colour)
    ratio = contrast_ratio(colour, page)
    if ratio < MIN_CONTRAST:
        return (
            f"[theme] {key} {_shown(value)} has a contrast of {ratio:.1f}:1 against the {mode} background "
            f"{background}; links need at least {MIN_CONTRAST}:1 (WCAG AA): choose a "
            f"{'darker' if mode == 'light' else 'lighter'} colour"
        )
    return None


_NOT_IN_ADDRESSES = re.compile(r"[\s\"<>\\^`{|}]")  # RFC 3986 never allows them unescaped


def _base_url_problems(base: str) -> list[str]:
    """Every reason the site's address cannot start the pages' links, each a phrase
    following the setting's name, so that one run names them all."""
    scheme, separator, _ = base.partition("://")
    if not separator or scheme.lower() not in ("http", "https"):
        return [
            f"must be an absolute http(s) URL ending in '/', as 'https://example.org/' is, not {_shown(base)}"
        ]
    problems = []
    if scheme != scheme.lower():
        problems.append(f"{_shown(base)} has its scheme in capitals: write it as '{scheme.lower()}://'")
    if problem := _site_address_problem(base):
        problems.append(problem)
    if not base.endswith("/"):
        problems.append(f"{_shown(base)} must end in '/', as the folder every page is in does")
    return problems


def _site_address_problem(base: str) -> str | None:
    """Why the site's address cannot lead every link, the feeds' ids and the email's
    Message-ID (its host), or None."""
    try:
        parts = urlsplit(base)
        port = parts.port
    except ValueError as exc:
        return f"{_shown(base)} cannot be read as an address ({exc}): check its host and port"
    if _NOT_IN_ADDRESSES.search(base) or parts.query or parts.fragment or "@" in parts.netloc:
        return (
            "must be the site's address alone, without spaces, quotes, '<>', '?', '#' or a user "
            f"name, not {_shown(base)}"
        )
    host = parts.hostname or ""
    if not host:
        return f"{_shown(base)} has no host after '//': write the site's address whole, as 'https://example.org/'"
    if port == 0 or parts.netloc.endswith(":"):
        return (
            f"{_shown(base)} has "
            f"{'port 0, on which no server is reached' if port == 0 else 'a colon with no port'}"
            ": write the site's port (1 to 65535), or none for the usual one"
        )
    if parts.netloc.startswith("["):
        return _bracketed_host_problem(base, host)
    if not host.isascii():
        try:
            spelled = f"write it as {quoted(host.encode('idna').decode('ascii'))}"
        except UnicodeError:
            spelled = "write it in its ASCII (xn--) form"
        return f"has a host that is not ASCII, which no email header may hold: {spelled}"
    return _host_problem(host)


def _bracketed_host_problem(base: str, host: str) -> str | None:
    """Why a host written in brackets is no IPv6 address every reader's browser reaches, or None."""
    try:
        address = ipaddress.IPv6Address(host)
    except ValueError:
        return f"{_shown(base)} has a host in brackets that is no IPv6 address: check its spelling"
    if address.scope_id is not None:
        return (
            f"{_shown(base)} has an IPv6 address with a zone ('%{address.scope_id}'), which names a network "
            "card of one machine and leads nowhere from any other: give the site's public address"
        )
    return None


_HOST_LABEL = re.compile(r"[A-Za-z0-9_-]{1,63}")


def _host_problem(host: str) -> str | None:
    """Why an ASCII host is no name a resolver looks up (nor an email's Message-ID holds), or None."""
    try:
        ipaddress.ip_address(host)
        return None
    except ValueError:
        pass
    if host.endswith("."):
        return f"has a host ending in a dot: write it without ({quoted(host.rstrip('.'))})"
    if re.fullmatch(r"(?:0x[0-9a-f]*|[0-9]+)", host.rsplit(".", 1)[-1], re.IGNORECASE):
        # Browsers read a host ending in a number as an IPv4 address, '010' as octal (WHATWG URL).
        return (
            f"has a host {quoted(host)} ending in a number that is no IPv4 address: write it as 192.0.2.1 is"
        )
    for label in host.split("."):
        if not label:
            return f"has a host with an empty part between two dots ({quoted(host)}): remove the extra dot"
        if label.lower().startswith("xn--") and not _valid_a_label(label):
            return (
                f"has a host part {quoted(label)} that is no international domain name (IDNA): "
                "check its spelling"
            )
        if not _HOST_LABEL.fullmatch(label):
            return (
                f"has a host part {quoted(label, 70)} longer than 63 characters or holding more than "
                "letters, digits and '-': check its spelling"
            )
        if label.startswith("-") or label.endswith("-"):
            return (
                f"has a host part {quoted(label)} that starts or ends with a hyphen, which no host does: "
                "check its spelling"
            )
    return None


def _valid_a_label(label: str) -> bool:
    """Whether an 'xn--' label decodes to a name that encodes back to it."""
    try:
        decoded = label.encode("ascii").decode("idna")
        return bool(decoded) and decoded.encode("idna").decode("ascii").lower() == label.lower()
    except UnicodeError:
        return False


# An address as HTML's email inputs take it (WHATWG): what a From header can hold as it is.
_EMAIL_ADDRESS = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
)


def _address_problem(value: str) -> str | None:
    """Why `value` cannot be the address in the email's From header, or None. A domain
    that is not ASCII counts in its IDNA (xn--) form, as the email package writes it."""
    local, _, domain = value.rpartition("@")
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        ascii_domain = domain
    if _EMAIL_ADDRESS.fullmatch(f"{local}@{ascii_domain}"):
        return None
    return f"must be an email address such as 'editors@example.org', not {_shown(value)}"


def _site_link_problems(site: SiteSettings) -> list[str]:
    named = [("subscribe_url", site.subscribe_url)] if site.subscribe_url else []
    named += [("social", url) for url in site.social]
    return [
        f"[site] {key} must be an absolute http(s) URL, not {_shown(url)}"
        for key, url in named
        if not re.match(r"https?://[^\s/]+\S*$", url) or not _readable_address(url)
    ]


def _readable_address(url: str) -> bool:
    try:
        urlsplit(url).port  # noqa: B018 - read for the ValueError of a malformed host or port
    except ValueError:
        return False
    return True


# A BCP 47 language tag as pages, feeds and emails use one: a language of ISO 639 (two or
# three letters), then an optional script, region and variants (RFC 5646, section 2.1).
LANGUAGE_TAG = re.compile(
    r"[a-z]{2,3}(?:-[a-z]{4})?(?:-(?:[a-z]{2}|[0-9]{3}))?(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*",
    re.IGNORECASE,
)


def _language_problem(language: str) -> str | None:
    """Why [site] language is no tag that `<html lang>`, RSS and Atom understand, or None."""
    if LANGUAGE_TAG.fullmatch(language) and language.lower() != "und":
        return None
    spelled = language.strip().replace("_", "-")
    hint = f" (write {quoted(spelled)})" if spelled != language and LANGUAGE_TAG.fullmatch(spelled) else ""
    example = "a language tag such as 'en', 'en-GB' or 'pt-BR'"
    return f"[site] language must be {example}, not {_shown(language)}{hint}"


# What a file may weigh at most, whatever the settings say: each is read whole into memory
# (and a remote image's reading sets its limit aside at once).
MAX_REVIEW_BYTES = 100_000_000
MAX_ASSET_BYTES = 1_000_000_000


def _byte_limit_problems(build: BuildSettings) -> list[str]:
    limits = (
        ("max_review_bytes", build.max_review_bytes, MAX_REVIEW_BYTES, "a review is read and parsed whole"),
        ("max_asset_bytes", build.max_asset_bytes, MAX_ASSET_BYTES, "each file is read whole into memory"),
    )
    return [
        f"[build] {name} must be {'positive' if value <= 0 else f'at most {most:,} ({why})'}, "
        f"not {_number(value)}"
        for name, value, most, why in limits
        if not 0 < value <= most
    ]


def _number(value: int) -> str:
    """A whole number as a message shows it: one too long to read is told by its length."""
    digits = len(str(abs(value)))
    return f"{value:,}" if digits <= 30 else f"a number of {digits:,} digits"


MAX_TIMEOUT = 86_400  # a day: longer waits overflow the system's clock types
# Each connection holds an open file, and macOS lets a program hold 256 at once.
MAX_CONNECTIONS = 200
MAX_CACHE_AGE = 365 * 86_400  # a year: a link good longer ago says little of it today
MAX_RETRIES = 10
MAX_REDIRECTS = 20


def _link_problems(links: LinkConfig) -> list[str]:
    problems = [
        f"[links] {name} must be at least 1, not {_number(getattr(links, name))}"
        for name in ("max_concurrency", "per_host")
        if getattr(links, name) < 1
    ]
    problems += [
        f"[links] {name} cannot be negative ({_number(getattr(links, name))})"
        for name in ("retries", "max_redirects", "cache_max_age")
        if getattr(links, name) < 0
    ]
    # Each retry may wait out the timeout: a thousand of them hold the build for hours.
    problems += [
        f"[links] {name} must be at most {most:,} ({why}), not {_number(getattr(links, name))}"
        for name, most, why in (
            ("retries", MAX_RETRIES, "each may wait out the timeout"),
            ("max_redirects", MAX_REDIRECTS, "the most a browser follows"),
            ("max_concurrency", MAX_CONNECTIONS, "each connection holds an open file"),
            ("per_host", MAX_CONNECTIONS, "each connection holds an open file"),
            ("cache_max_age", MAX_CACHE_AGE, "seconds: a year"),
        )
        if getattr(links, name) > most
    ]
    # aiohttp takes 0 for "no limit": a server that never answers would hold the build forever.
    if not 0 < links.timeout <= MAX_TIMEOUT:
        problems.append(
            f"[links] timeout must be a positive number of seconds, at most {MAX_TIMEOUT:,}, "
            f"not {links.timeout:g}"
        )
    for pattern in links.exclude:
        if problem := _pattern_problem(pattern):
            problems.append(
                f"[links] exclude pattern {quoted(pattern, 60)} is not a regular expression: {problem}"
            )
    return problems


def _pattern_problem(pattern: str) -> str | None:
    """Why Python cannot compile `pattern`, or None. A repeat past 2**32 raises
    OverflowError and thousands of nested groups RecursionError, not re.error."""
    try:
        re.compile(pattern)
    except re.error as error:
        return str(error)
    except OverflowError as error:
        return str(error)
    except RecursionError:
        return "its groups are nested too deep: write it with fewer"
    return None


# Settings whose text may span lines (TOML's """ strings); every other one is one line.
MULTILINE_SETTINGS = frozenset(
    {("site", "description"), ("site", "postal_address"), ("theme", "footer_text"), ("email", "reply_prompt")}
)
PATH_SETTINGS = tuple(
    ("build", key) for key in ("output_dir", "issues_dir", "templates_dir", "cache_dir", "static_dir")
)
# Characters no page, feed, email header or file name should hold: controls (the email's
# headers and MJML refuse them; a NUL ends a file name) and direction overrides and
# isolates, which show text in another order than it is written.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_DIRECTION = re.compile("[\u202a-\u202e\u2066-\u2069]")
_LINE_BREAK = re.compile("[\n\r\u2028\u2029]")


def _path_names(names: Names) -> tuple[str, ...]:
    return tuple(names(section, key) for section, key in PATH_SETTINGS)


def _text_problems(config: Config, names: Names) -> list[str]:
    """Every text setting is shown somewhere (a page, a feed, an email header, a file name):
    a character none of them can hold is refused by its setting's name."""
    problems = []
    for section in SECTIONS:
        values = getattr(config, section)
        for each in dataclasses.fields(values):
            if (section, each.name) == ("links", "exclude"):
                continue  # patterns to match, never shown
            value = getattr(values, each.name)
            for text in value if isinstance(value, tuple) else (value,):
                if isinstance(text, str) and (problem := _text_problem(section, each.name, text)):
                    problems.append(f"{names(section, each.name)} {problem}")
                    break
    return problems


# What Linux and macOS allow: a name of 255 bytes, a path of 4,095.
NAME_MAX, PATH_MAX = 255, 4095


def _path_length_problems(config: Config, names: Names) -> list[str]:
    """A folder setting no file system can hold (every look-up of it would fail with 'File
    name too long'), by the setting's name."""
    problems = []
    for section, key in PATH_SETTINGS:
        value = getattr(config.build, key)
        path = os.fsencode(os.path.join(config.root, value))
        longest = max((len(part) for part in path.split(b"/")), default=0)
        if longest > NAME_MAX:
            too_long = f"holds a name of {longest:,} bytes, longer than file systems allow ({NAME_MAX})"
        elif len(path) > PATH_MAX:
            too_long = (
                f"makes a path of {len(path):,} bytes in this project's folder, longer than file "
                f"systems allow ({PATH_MAX:,})"
            )
        else:
            continue
        problems.append(f"{names(section, key)} {too_long}: choose a shorter one")
    return problems


_WEB_ADDRESS = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def _web_address_problems(config: Config, names: Names) -> list[str]:
    """A folder setting written as a web address ('--output https://news.example.org/')
    made a folder named 'https:' in the project: an address is never a folder."""
    return [
        f"{names(section, key)} {quoted(value, 60)} is a web address, not a folder: name a folder of the "
        "project (the site's address is [site] base_url, or --base-url)"
        for section, key in PATH_SETTINGS
        if _WEB_ADDRESS.match(value := getattr(config.build, key))
    ]


def _home_problems(config: Config, names: Names) -> list[str]:
    """A folder setting written as a shell writes a home folder ('~/news', '~ana/news'): the
    settings file is read by no shell, so it named a folder called '~' in the project; nor
    is it expanded, which would make one digest.toml build into another place on each
    machine. A first name of '~' and some characters that is no user's is a folder."""
    problems = []
    for section, key in PATH_SETTINGS:
        value = getattr(config.build, key)
        first = value.split("/", 1)[0]
        if first.startswith("~") and (home := os.path.expanduser(value)) != value:
            problems.append(
                f"{names(section, key)} {quoted(value, 60)} starts with '~', which only a shell reads as "
                f"a home folder: write the path in full ({quoted(home, 60)}), or name a folder of the project"
            )
    return problems


def _text_problem(section: str, key: str, text: str) -> str | None:
    if found := _CONTROL.search(text):
        return f"holds a control character ({printable(found.group(0))}): remove it"
    if found := _DIRECTION.search(text):
        return (
            f"holds a direction override ({printable(found.group(0))}), which shows text in another "
            "order than it is written: remove it"
        )
    if (section, key) not in MULTILINE_SETTINGS and _LINE_BREAK.search(text):
        return "must be one line: remove the line break"
    return None


def _cache_problems(config: Config, cache_name: str) -> list[str]:
    """The cache folder is the build's own (deleting it must always be safe): it may not
    hold or sit in the project's sources, where it would be read as sources and, in the
    static folder, published."""
    cache = resolved(config.cache_path)
    advice = "use a folder of its own, such as '.digest-cache'"
    if cache == config.root or cache in config.root.parents:
        return [f"{cache_name} {quoted(config.build.cache_dir)} would hold the project folder: {advice}"]
    mixed = _overlapping(cache, _project_folders(config, "[build] cache_dir"))
    if mixed:
        return [f"{cache_name} {quoted(config.build.cache_dir)} would mix the cache with {mixed}: {advice}"]
    return []


def _linked_folder_problems(config: Config, names: Names) -> list[str]:
    """A project folder reached through a link out of the project would have digest read
    (issues, templates, static files) or write (the cache) outside it: refused by name.
    A link within the project is followed; a setting that names a folder elsewhere
    outright is the user's choice, not a link's."""
    problems = []
    for key in ("issues_dir", "templates_dir", "static_dir", "cache_dir"):
        link = _link_out(config.root, config.root / getattr(config.build, key))
        if link is not None:
            problems.append(
                f"{names('build', key)} {quoted(getattr(config.build, key))} goes through {link}, a link to "
                f"{os.path.realpath(link)} outside the project, and digest never follows a link out of "
                "the project: move that folder into the project"
            )
    return problems


def _not_folder_problems(config: Config, names: Names) -> list[str]:
    """A source folder setting that names something else (a file, a pipe, a broken link):
    read as no folder, it gave 'no issues yet' or a build without the templates or the
    static files, without a word."""
    return [
        f"{names('build', key)} {quoted(getattr(config.build, key))} is not a folder (a file, a pipe or a "
        "broken link): name a folder, or move what is there away"
        for key in ("issues_dir", "templates_dir", "static_dir")
        if os.path.lexists(path := config.root / getattr(config.build, key)) and not path.is_dir()
    ]


def _misspelt_folder_problems(config: Config, names: Names) -> list[str]:
    """A source folder setting naming no folder where one of a close name is there: read as
    an empty folder, it built without the templates or the static files, or listed no issue,
    without a word. A folder not made yet is no mistake (digest new makes the issues')."""
    problems = []
    defaults = BuildSettings()
    for key in ("issues_dir", "templates_dir", "static_dir"):
        written = getattr(config.build, key)
        path = config.root / written
        # Spelled otherwise only in case, macOS and Windows found it and Linux did not.
        as_stored = spelled_as_stored(path, config.root)
        if as_stored and (written == getattr(defaults, key) or os.path.lexists(path)):
            continue
        try:
            with os.scandir(path.parent) as entries:
                folders = [entry.name for entry in entries if entry.is_dir()]
        except OSError:
            continue
        in_case = [name for name in folders if name.casefold() == path.name.casefold()]
        if meant := in_case or difflib.get_close_matches(path.name, folders, n=1, cutoff=0.8):
            problems.append(
                f"{names('build', key)} {quoted(written)} is not a folder of the project: did you mean "
                f"{quoted(meant[0])}? fix the name, or create the folder"
            )
    return problems


def _link_out(root: Path, path: Path) -> Path | None:
    """The first link on the way from `root` to `path` that leads out of `root`, if any."""
    try:
        relative = Path(os.path.normpath(path)).relative_to(root)
    except ValueError:  # a folder named outright elsewhere: the user's choice
        return None
    step = root
    for part in relative.parts:
        step = step / part
        if step.is_symlink() and not inside(step, root):
            return step
    return None


def _static_problems(config: Config, static_name: str) -> list[str]:
    """Everything in the static folder is published: it may not be, hold or sit in the git
    repository (its config can hold a token), the issues or the templates."""
    static = resolved(config.static_path)
    published = _overlapping(static, _project_folders(config, "[build] static_dir", "[build] cache_dir"))
    if published:
        return [
            f"{static_name} {quoted(config.build.static_dir)} would publish {published}: "
            "use a folder of its own, such as 'static'"
        ]
    return []


def _logo_problems(config: Config) -> list[str]:
    """[theme] logo names an image file of the project, relative to digest.toml, outside the
    folders a build replaces or may delete. Whether the file is there, and what it is, is the
    build's to find (sources/assets.py): a logo deleted after a build still lets `digest list`
    list the issues, as stale."""
    name = config.theme.logo.strip()
    if not name:
        return []
    parts = urlsplit(name)
    if parts.scheme or parts.netloc:
        return [
            f"[theme] logo must name an image file in the project, not {quoted(name)}: save the logo "
            "beside digest.toml (or in the static folder) and name it there"
        ]
    candidate = os.path.normpath(config.root / name)
    if not _lexically_inside(candidate, config.root):
        return [f"[theme] logo {quoted(name)} leads out of the project folder: copy it in"]
    for folder, key in ((config.output_path, "output_dir"), (config.cache_path, "cache_dir")):
        if _lexically_inside(candidate, folder):
            return [
                f"[theme] logo {quoted(name)} is in the folder every build replaces ([build] {key}): "
                "keep the logo beside digest.toml or in the static folder"
            ]
    return []


def _lexically_inside(path: str | Path, folder: str | Path) -> bool:
    """Whether `path` is `folder` or in it, by their names alone (no link followed)."""
    normal, root = os.path.normpath(path), os.path.normpath(folder)
    return normal == root or normal.startswith(root.rstrip(os.sep) + os.sep)


def _project_folders(config: Config, *leaving_out: str) -> dict[str, Path]:
    """The project's own folders, resolved, by the name a problem gives them."""
    folders = {"the git repository": resolved(config.root / ".git")}
    for key in ("issues_dir", "templates_dir", "cache_dir", "static_dir"):
        folders[f"[build] {key}"] = resolved(config.root / getattr(config.build, key))
    return {name: folder for name, folder in folders.items() if name not in leaving_out}


def _overlapping(folder: Path, others: Mapping[str, Path]) -> str | None:
    """The name of the first of `others` that `folder` is, holds or sits in, where case and
    Unicode form are ignored too: 'Dist' as the cache beside the output 'dist' is one folder
    on macOS and Windows, which each build would empty of the other's files."""
    for name, other in others.items():
        if _nested(folder, other):
            return name
    for name, other in others.items():
        if _nested(_folded(folder), _folded(other)):
            return f"{name} (its name differs only in case or Unicode form: one folder on macOS and Windows)"
    return None


def _nested(folder: PurePath, other: PurePath) -> bool:
    return folder == other or other in folder.parents or folder in other.parents


def _folded(path: Path) -> PurePath:
    return PurePath(unicodedata.normalize("NFC", str(path)).casefold())


def _replaces(config: Config, output_name: str, what: str) -> str:
    return f"{output_name} {quoted(config.build.output_dir)} would replace {what}: use a separate folder"


def _folder_problems(config: Config, output_name: str) -> list[str]:
    """The output folder is replaced wholesale on every build: it must not hold or sit in
    the project's sources, and must be new, empty or a previous build. `output_name` is
    how the setting is named: [build] output_dir, or the option that gave it."""
    from digest.output.export import check_output_folder

    output = resolved(config.output_path)
    if output == config.root or output in config.root.parents:
        return [_replaces(config, output_name, "the project folder")]
    sources = _project_folders(config)
    replaced = _overlapping(output, {**sources, "digest's own code": resolved(Path(__file__)).parent})
    if replaced:
        return [_replaces(config, output_name, replaced)]
    try:
        check_output_folder(config.output_path)
    except DigestError as error:
        return [f"{output_name}: {error.message}"]
    return []


def _send_problems(send: SendSettings) -> list[str]:
    problems = []
    if not 0 <= send.port <= 65535:
        problems.append(f"[send] port must be between 1 and 65535 (or 0 for the usual one), not {send.port}")
    if not 0 < send.timeout <= MAX_TIMEOUT:
        problems.append(f"[send] timeout must be a positive number of seconds, at most {MAX_TIMEOUT:,}")
    if send.security == "none" and send.host not in LOOPBACK_HOSTS:
        problems.append(
            f"[send] security = 'none' sends in clear text and is allowed only to this machine "
            f"(127.0.0.1, localhost, ::1), not {quoted(send.host)}: use 'starttls' or 'tls'"
        )
    return problems


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
