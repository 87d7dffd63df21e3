"""The links that unsubscribe the reader (RFC 2369's List-Unsubscribe, and the footer's
page of the same service), taken out of an imported mail's article."""

from __future__ import annotations

import base64
import binascii
import json
import re
from email.message import Message
from urllib.parse import parse_qsl, unquote, urlsplit

from digest.sources.importer.mimeparts import (
    field,
)

LIST_ADDRESS = re.compile(r"<([^<>\s]+)>")  # RFC 2369: `<https://...>, <mailto:...>`
MAX_LIST_ADDRESSES = 8
# A Markdown link (or image) and its target, else a web address written out (in angle brackets or
# bare). Link text and target stop at the next '[' too: a line of a million '[' is read once, not
# once for each.
WEB_LINK = re.compile(
    r"""!?\[[^\[\]\n]*\]\(<?(?P<target>[^()\[\]\s<>]+)>?(?:[ \t]+"[^"\n]*")?\)"""
    r"""|<(?P<angled>(?i:https?)://[^\s<>]+)>|(?P<bare>(?i:https?)://[^\s<>()\[\]"]+)"""
)
SENTENCE_MARKS = ".,;:!?'"
# A token a tracked link may carry its destination in: base64url JSON, signed after a '.' as JWS
# writes (RFC 7515); a few kilobytes at most, as a link's path segment or query value.
TOKEN = re.compile(r"(?P<payload>[A-Za-z0-9_-]{8,4096})(?:\.[A-Za-z0-9_-]{1,1024})?")
MAX_CARRIED = 8  # the addresses looked at in one link
WebParts = tuple[str, tuple[str, ...], frozenset[tuple[str, str]]]  # host and port, path, query


def unsubscribe_links(message: Message) -> tuple[str, ...]:
    """The addresses RFC 2369's List-Unsubscribe gives, each in angle brackets: the links that
    unsubscribe the reader the mail was sent to (RFC 8058: in one click)."""
    found = LIST_ADDRESS.findall(field(message, "list-unsubscribe") or "")
    return tuple(dict.fromkeys(address for address in found if address))[:MAX_LIST_ADDRESSES]


def without_links(markdown: str, addresses: tuple[str, ...]) -> tuple[str, int]:
    """The Markdown without the links that unsubscribe the reader (the link and its text), nor
    such addresses written out; how many were taken out. A web address unsubscribes when it is
    one of `addresses` or the same service's page for it (`_unsubscribes`); any other, as written."""
    parsed = {address: _web_parts(address) for address in addresses}
    web = [parts for parts in parsed.values() if parts is not None]  # each read once, not once a link
    removed = 0

    def unsubscribing(match: re.Match[str]) -> str:
        nonlocal removed
        target = match.group("target") or match.group("angled") or match.group("bare")
        trailing = ""
        if match.group("bare"):  # a sentence's closing mark is no part of the address written out
            trailing = target[len(target.rstrip(SENTENCE_MARKS)) :]
            target = target.rstrip(SENTENCE_MARKS)
        found = _web_parts(target) if web else None
        if found is None or not any(
            _unsubscribes(parts, header) for parts in (found, *_carried(found)) for header in web
        ):
            return match.group(0)
        removed += 1
        return trailing

    markdown = WEB_LINK.sub(unsubscribing, markdown)
    for address in addresses:
        if parsed[address] is not None:
            continue
        escaped = re.escape(address)
        link = re.compile(
            rf"\[[^\[\]\n]*\]\(<?{escaped}>?(?:[ \t]+\"[^\"\n]*\")?\)|<?{escaped}>?(?![\w/?#&=%.~+-])"
        )  # never the start of a longer address
        markdown, count = link.subn("", markdown)
        removed += count
    return markdown, removed


def _unsubscribes(found: WebParts, header: WebParts) -> bool:
    """Whether a web link (`found`) unsubscribes as List-Unsubscribe's address (`header`) does.
    A mail service builds both from the reader's and the list's tokens: RFC 8058's one-click
    address takes a POST, and is often the footer page's path with a segment more
    (`/unsubscribe/post`), while the page's link adds a parameter or two (the tracking's). So:
    the same host, every query parameter of the address with its value, and one path the
    other's start (a token in the path, the link's whole start). A tracked article link on that
    host has another path or its own link id."""
    if header[0] != found[0]:
        return False
    header_path, header_query = header[1], header[2]
    link_path, link_query = found[1], found[2]
    if not header_query <= link_query:
        return False
    if not header_query:  # the reader's token is in the path: the link carries all of it
        return bool(header_path) and link_path[: len(header_path)] == header_path
    shorter = min(len(header_path), len(link_path))
    return shorter > 0 and header_path[:shorter] == link_path[:shorter]


def _carried(link: WebParts) -> list[WebParts]:
    """The web addresses a tracked link carries as where it leads: a query value that is one
    (`?url=https%3A...`), or one a token in its path or query holds (a JSON object's string
    values, as Substack's `/redirect/2/<token>` holds its `e`). The tracker's own host and
    path say nothing of where the link leads."""
    values = sorted(value for _, value in link[2]) + list(link[1])  # in one order, run to run
    carried = [parts for value in values if (parts := _web_parts(value)) is not None]
    for value in values:
        if len(carried) >= MAX_CARRIED:
            break
        carried += [parts for address in _token_addresses(value) if (parts := _web_parts(address))]
    return carried[:MAX_CARRIED]


def _token_addresses(value: str) -> list[str]:
    """The web addresses among the string values of a base64url JSON object (signed or not)."""
    token = TOKEN.fullmatch(value)
    if token is None:
        return []
    payload = token.group("payload")
    try:
        decoded = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (binascii.Error, ValueError, RecursionError):  # not base64, not UTF-8, not JSON
        return []
    if not isinstance(decoded, dict):
        return []
    return [
        item
        for item in decoded.values()
        if isinstance(item, str) and item.lower().startswith(("http://", "https://"))
    ]


def _web_parts(address: str) -> WebParts | None:
    """A web address's host (with its port), path segments and query parameters; None for any
    other address (mailto:) or one that cannot be read as a URL."""
    try:
        parts = urlsplit(address.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    segments = tuple(unquote(segment) for segment in parts.path.split("/") if segment)
    query = frozenset(parse_qsl(parts.query, keep_blank_values=True))
    return f"{parts.hostname}:{port or ''}", segments, query
