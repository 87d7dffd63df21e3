"""The site's address ([site] base_url: an http(s) URL whose host a resolver looks up and
an email header holds) and the From addresses."""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

from digest.config.sections import shown
from digest.errors import quoted

_NOT_IN_ADDRESSES = re.compile(r"[\s\"<>\\^`{|}]")  # RFC 3986 never allows them unescaped


def base_url_problems(base: str) -> list[str]:
    """Every reason the site's address cannot start the pages' links, each a phrase
    following the setting's name, so that one run names them all."""
    scheme, separator, _ = base.partition("://")
    if not separator or scheme.lower() not in ("http", "https"):
        return [
            f"must be an absolute http(s) URL ending in '/', as 'https://example.org/' is, not {shown(base)}"
        ]
    problems = []
    if scheme != scheme.lower():
        problems.append(f"{shown(base)} has its scheme in capitals: write it as '{scheme.lower()}://'")
    if problem := _site_address_problem(base):
        problems.append(problem)
    if not base.endswith("/"):
        problems.append(f"{shown(base)} must end in '/', as the folder every page is in does")
    return problems


def _site_address_problem(base: str) -> str | None:
    """Why the site's address cannot lead every link, the feeds' ids and the email's
    Message-ID (its host), or None."""
    try:
        parts = urlsplit(base)
        port = parts.port
    except ValueError as exc:
        return f"{shown(base)} cannot be read as an address ({exc}): check its host and port"
    if _NOT_IN_ADDRESSES.search(base) or parts.query or parts.fragment or "@" in parts.netloc:
        return (
            "must be the site's address alone, without spaces, quotes, '<>', '?', '#' or a user "
            f"name, not {shown(base)}"
        )
    host = parts.hostname or ""
    if not host:
        return (
            f"{shown(base)} has no host after '//': write the site's address whole, as 'https://example.org/'"
        )
    if port == 0 or parts.netloc.endswith(":"):
        return (
            f"{shown(base)} has "
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
        return f"{shown(base)} has a host in brackets that is no IPv6 address: check its spelling"
    if address.scope_id is not None:
        return (
            f"{shown(base)} has an IPv6 address with a zone ('%{address.scope_id}'), which names a network "
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


def address_problem(value: str) -> str | None:
    """Why `value` cannot be the address in the email's From header, or None. A domain
    that is not ASCII counts in its IDNA (xn--) form, as the email package writes it."""
    local, _, domain = value.rpartition("@")
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        ascii_domain = domain
    if _EMAIL_ADDRESS.fullmatch(f"{local}@{ascii_domain}"):
        return None
    return f"must be an email address such as 'editors@example.org', not {shown(value)}"
