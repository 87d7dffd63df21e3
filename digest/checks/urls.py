"""The one judge of a URL: its scheme, its syntax and, in the email, whether it works from an inbox.

The link check (every output, with the source file and line of each link) and the email
rules (a lone email.html) both ask here, so a URL is accepted or refused for the same
reason wherever it is looked at.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

# The merge tags that may stand where a URL goes: the mail services' one list of them.
from digest.errors import unquoted
from digest.render.mailservice import DEFAULT_PLACEHOLDERS as DEFAULT_PLACEHOLDERS

FORBIDDEN_SCHEMES = frozenset({"javascript", "vbscript", "data", "file"})
FORBIDDEN_ADVICE = {
    "javascript": "remove it (no mail app or feed reader runs scripts)",
    "vbscript": "remove it (no mail app or feed reader runs scripts)",
    "data": "save what it holds as a file beside the review and write the file's name instead",
    "file": (
        "it points into your own computer: put the file beside the review and write its name, "
        "or link to its address on the web"
    ),
}

_EDGES = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")
_TABS_AND_NEWLINES = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*")
_PERCENT_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
_EMAIL_ADDRESS = re.compile(
    r"^[^@\s,;<>()\[\]\\\"]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?\.[A-Za-z]{2,}$"
)
_TEL_VISUAL_SEPARATORS = re.compile(r"[-.()\s]")
_TEL_NUMBER = re.compile(r"^\+?[0-9*#]{3,}$")


@dataclass(frozen=True)
class UrlRules:
    """What the email accepts: `https_only` is [email] https_only; `placeholders` are regexes
    of the merge tags that may stand where a URL would."""

    https_only: bool = True
    placeholders: tuple[str, ...] = DEFAULT_PLACEHOLDERS


@dataclass(frozen=True)
class UrlProblem:
    """Why a URL is refused: `check` names the rule (forbidden-scheme, link-syntax, email-link)."""

    check: str
    message: str


def scheme_of(url: str) -> str:
    """The scheme as a browser reads it (spaces and control characters at the ends, and tabs
    and newlines anywhere, are ignored), lowercase; "" for a relative URL."""
    cleaned = _TABS_AND_NEWLINES.sub("", _EDGES.sub("", url))
    scheme, colon, _ = cleaned.partition(":")
    return scheme.lower() if colon and _SCHEME.fullmatch(scheme) else ""


def has_merge_tag(url: str, placeholders: Sequence[str]) -> bool:
    """Whether a merge tag stands in the URL: only the mail service knows what it becomes."""
    return any(re.search(pattern, url) for pattern in placeholders)


def judge(url: str, *, in_email: bool, rules: UrlRules) -> UrlProblem | None:
    """The first rule `url` breaks, or None. The web pages get the scheme and syntax rules;
    the email also needs URLs that work from an inbox (see `email_problem`)."""
    scheme = scheme_of(url)
    if scheme in FORBIDDEN_SCHEMES:
        shown, advice = shorten(url.strip()), FORBIDDEN_ADVICE.get(scheme, "remove it")
        return UrlProblem("forbidden-scheme", f"{scheme}: link {shown} is not allowed: {advice}")
    if scheme == "mailto":
        return _mailto_problem(url)
    if scheme == "tel":
        return _tel_problem(url)
    if in_email:
        why = email_problem(url, rules)
        if why is not None:
            return UrlProblem("email-link", f"email link {unquoted(url)} {why}")
    return None


def email_problem(url: str, rules: UrlRules) -> str | None:
    """Why a URL will not work from an inbox, or None when it will: it must be absolute
    https: (or http: where https_only is off), mailto:, tel: or a merge tag."""
    url = url.strip()
    tags = [match for pattern in rules.placeholders for match in re.finditer(pattern, url)]
    if any(_PERCENT_ESCAPE.search(tag.group()) for tag in tags) or (
        not tags and has_merge_tag(unquote(url), rules.placeholders)
    ):
        return "is a merge tag the HTML serializer escaped, which the mail service will not expand"
    if tags and min(tag.start() for tag in tags) == 0:
        return None  # the mail service puts the whole address there
    for tag in tags:  # judge what is left around the tags
        url = url.replace(tag.group(), "x")
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in ("https", "http") and parts.netloc:
        if scheme == "http" and rules.https_only:
            return "is http: while [email] https_only is on; link to https:, or set https_only = false"
        return None
    if scheme in ("mailto", "tel") and parts.path:
        return None
    if not url:
        return "is empty"
    if url.startswith("#"):
        return None  # most mail apps follow it (the client report names those that do not)
    if not scheme:
        return "is relative; mail apps need absolute URLs"
    return f"uses {scheme}:, which mail apps block"


def _mailto_problem(url: str) -> UrlProblem | None:
    parts = urlsplit(url.strip())
    addresses = [unquote(address).strip() for address in parts.path.split(",") if address.strip()]
    if not addresses and "to=" not in parts.query.lower():
        return UrlProblem("link-syntax", f"mailto: link {unquoted(url)} names no address")
    bad = [address for address in addresses if not _EMAIL_ADDRESS.match(address)]
    if bad:
        return UrlProblem(
            "link-syntax", f"mailto: link {unquoted(url)} has an invalid address: {unquoted(bad[0])}"
        )
    return None


def _tel_problem(url: str) -> UrlProblem | None:
    number = unquote(url.strip()[len("tel:") :]).split(";", 1)[0]
    if not _TEL_NUMBER.match(_TEL_VISUAL_SEPARATORS.sub("", number)):
        return UrlProblem("link-syntax", f"tel: link {unquoted(url)} is not a telephone number")
    return None


def shorten(url: str, limit: int = 80) -> str:
    return url if len(url) <= limit else url[: limit - 1] + "…"
