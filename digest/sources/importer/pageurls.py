"""Whether a page's address is one on the web, and a relative one made absolute against it."""

from __future__ import annotations

from urllib.parse import urljoin, urlparse

from digest.sources.values import url_problem


def url_scheme(url: str) -> str | None:
    """The address's scheme; None for one urllib cannot parse (a malformed IPv6 host)."""
    try:
        return urlparse(url.strip()).scheme
    except ValueError:
        return None


def is_web_address(url: str) -> bool:
    return url_scheme(url) in ("http", "https")  # never 'http://[bad', a malformed IPv6 host


def absolute(url: str, base_url: str | None) -> str | None:
    """`url` made absolute against `base_url`, when it can be into an address a build takes
    (not one whose port is past 65535 or whose IPv6 host is broken)."""
    made = None
    if is_web_address(url):
        made = url.strip()
    else:
        try:
            if base_url and is_web_address(base_url) and not urlparse(url.strip()).scheme:
                made = urljoin(base_url, url.strip())
        except ValueError:  # a malformed IPv6 host in either: not an address
            return None
    return made if made is not None and url_problem(made) is None else None
