"""Metadata values as every reader and the review writer normalise them.

The readers and `digest import`'s writer share these, so a value written into a review's
front matter always reads back as itself.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

# Control characters: XML 1.0 (and so lxml, feedgen and mjml) refuses most, HTML the rest.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
LINE_BREAKS = re.compile("[\x0b\x0c\x85\u2028\u2029]")
SURROGATES = re.compile("[\ud800-\udfff]")
WEB_URL = re.compile(r"https?://[^\s/]", re.IGNORECASE)
# Direction overrides and isolates reorder what follows them: in a subject line, a title or
# a name they can make an inbox or a page show text other than what it holds.
BIDI_CONTROLS = dict.fromkeys(
    map(ord, "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


# Any character clean_text changes: one scan finds that a text needs none of its three.
NEEDS_CLEANING = re.compile(
    "[" + "".join(p.pattern[1:-1] for p in (CONTROL_CHARACTERS, LINE_BREAKS, SURROGATES)) + "]"
)


def clean_text(text: str) -> str:
    """Text without control characters; page and Unicode line breaks become ordinary ones,
    and surrogates whole characters (`whole_characters`)."""
    if NEEDS_CLEANING.search(text) is None:
        return text
    return CONTROL_CHARACTERS.sub("", LINE_BREAKS.sub("\n", whole_characters(text)))


def whole_characters(text: str) -> str:
    """YAML's escapes can spell surrogates ("\\ud83d\\ude00"): pairs become their character,
    and a lone one, which no output (and no file name) can encode, the replacement character."""
    if SURROGATES.search(text):
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


DECIMAL_BITS = 10_000  # about 3,000 decimal digits: under Python's 4,300-digit limit for str(int)


def one_line(value: Any) -> str | None:
    """One line of text from a metadata value; None for nothing, a mapping or a list."""
    if value is None or isinstance(value, dict | list):
        return None
    text = " ".join(clean_text(_as_text(value)).translate(BIDI_CONTROLS).split())
    return text or None


def _as_text(value: Any) -> str:
    """A value as text; an integer too long for Python to write in decimal (a title of
    '0x' and thousands of digits) in the hexadecimal it was likely written in."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > DECIMAL_BITS:
        return f"{value:#x}"
    return str(value)


def string_list(value: Any) -> tuple[str, ...]:
    """Tags and categories: a list, or one value, of one-line texts (empty ones dropped)."""
    items = value if isinstance(value, list) else [value]
    return tuple(text for item in items if (text := one_line(item)))


# The key a person's mapping names them by: `name` (Hugo, Next.js, Nuxt Content), WordPress's
# `display_name` as jekyll-import writes it (beside `login` and `email`), `displayName`, `fullName`.
NAME_KEYS = ("name", "displayname", "fullname")


def person_names(value: Any) -> str | None:
    """An author value: a name, a mapping naming a person (`name:`, `display_name:`), or a list
    of either, joined by commas."""
    if isinstance(value, dict):
        spelled = {re.sub(r"[\s_.-]+", "", str(key).lower()): item for key, item in value.items()}
        return next((name for key in NAME_KEYS if (name := one_line(spelled.get(key)))), None)
    if isinstance(value, list):
        names = [person_names(item) for item in value]
        return ", ".join(n for n in names if n) or None
    return one_line(value)


def web_url(value: Any) -> str | None:
    """An absolute http(s) URL; anything else (a site-relative permalink, a script) is no source."""
    text = one_line(value)
    return text if text and WEB_URL.match(text) else None


def url_problem(url: str) -> str | None:
    """Why urllib cannot take `url` apart ('Invalid IPv6 URL', 'Port out of range 0-65535'),
    or why no browser reads its host (a space in it); None when it can. Such an address
    raised ValueError wherever the pages' links were later split or joined."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - read for the ValueError of a malformed host or port
    except ValueError as exc:
        return str(exc)
    return "a space in its host" if any(each.isspace() for each in parts.netloc) else None


def flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return isinstance(value, str) and value.strip().lower() in ("true", "yes", "1")
