"""What each setting's value must be beyond its type: the site's names, counts and limits,
the feeds' id prefix, the theme's colours (readable on the page) and fonts, the link
checker's limits and patterns, how test emails are sent. Addresses, texts and folders are
judged in addresses.py, texts.py and folders.py."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

from digest.config.addresses import address_problem, base_url_problems
from digest.config.folders import path_problems
from digest.config.sections import Names, shown
from digest.config.settings import (
    LOOPBACK_HOSTS,
    BuildSettings,
    Config,
    LinkConfig,
    SendSettings,
    SiteSettings,
    ThemeSettings,
)
from digest.errors import quoted


def value_problems(config: Config, names: Names) -> list[str]:
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
            f"[feeds] id_prefix {shown(config.feeds.id_prefix)} is not a tag: URI prefix (RFC 4151); "
            "set it once to something like 'tag:your-domain.org,2025:' and never change it"
        )
    problems.extend(_link_problems(config.links))
    problems.extend(_site_link_problems(config.site))
    problems.extend(_theme_problems(config.theme))
    problems.extend(path_problems(config, names))
    problems.extend(_send_problems(config.send))
    problems.extend(
        f"{names(section, key)} {problem}"
        for section, key, value in (
            ("site", "author_email", config.site.author_email),
            ("send", "from_email", config.send.from_email),
        )
        if value and (problem := address_problem(value))
    )
    return problems


def _site_problems(config: Config, names: Names) -> list[str]:
    """[site]'s address, language, and the names every page, subject and feed needs."""
    problems = []
    base = config.site.base_url
    if base_problems := base_url_problems(base):
        problems.append(f"{names('site', 'base_url')} {'; and '.join(base_problems)}")
    elif base.startswith("http://") and config.email.https_only:
        # Every email links to its web edition: each of those links would be refused alone.
        problems.append(
            f"{names('site', 'base_url')} {shown(base)} is http: while [email] https_only is on, so "
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
            f"[theme] font_stack must be font names separated by commas, not {shown(theme.font_stack)}"
        )
    elif not _names_generic_family(theme.font_stack):
        problems.append(
            f"[theme] font_stack {shown(theme.font_stack)} names no generic family every mail app knows: "
            "end it with serif, sans-serif or monospace"
        )
    return problems


def _names_generic_family(stack: str) -> bool:
    """Whether one of the stack's families is a CSS 2.1 generic one (a keyword: quoted, it names a
    font); families after it only lend the glyphs its font lacks."""
    from digest.checks.css import GENERIC_FAMILIES

    return any(family.strip().lower() in GENERIC_FAMILIES for family in stack.split(","))


def _colour_problem(key: str, value: str, background: str, mode: str) -> str | None:
    """Why a theme colour cannot be used for links on its background, or None."""
    from digest.checks.css import Colour, contrast_ratio, parse_colour

    colour = parse_colour(value) if _COLOUR.fullmatch(value) else None
    if not isinstance(colour, Colour) or not colour.opaque:
        return f"[theme] {key} must be an opaque CSS colour such as '#1d4ed8', not {shown(value)}"
    page = parse_colour(background)
    assert isinstance(page, Colour)
    ratio = contrast_ratio(colour, page)
    if ratio < MIN_CONTRAST:
        return (
            f"[theme] {key} {shown(value)} has a contrast of {ratio:.1f}:1 against the {mode} background "
            f"{background}; links need at least {MIN_CONTRAST}:1 (WCAG AA): choose a "
            f"{'darker' if mode == 'light' else 'lighter'} colour"
        )
    return None


def _site_link_problems(site: SiteSettings) -> list[str]:
    named = [("subscribe_url", site.subscribe_url)] if site.subscribe_url else []
    named += [("social", url) for url in site.social]
    return [
        f"[site] {key} must be an absolute http(s) URL, not {shown(url)}"
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
    return f"[site] language must be {example}, not {shown(language)}{hint}"


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
