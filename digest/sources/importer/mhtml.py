"""A page a browser saved as one file (MHTML: Chrome's and Edge's "Webpage, Single File",
Opera's, Safari's web archive exported as MHTML): a MIME message (read as `mimeparts` reads
one) whose first `text/html` part is the page, with the address it was saved from."""

from __future__ import annotations

import re
from pathlib import Path

from digest.errors import ContentError
from digest.sources.importer.mimeparts import (
    MAX_FIELDS,
    content_type,
    field,
    oversized_mime_field,
    parse,
    part_text,
    too_many_fields,
)
from digest.sources.importer.pageurls import is_web_address

# The message's headers name it: MIME-Version and a multipart/related Content-Type.
MHTML_HEAD = re.compile(rb"^\s*(?:[!-9;-~]+:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*)+\r?\n", re.DOTALL)


# A saved page has one part per picture, stylesheet and frame: some hundreds at most.
MAX_PARTS = 10_000


def is_mhtml(head: bytes) -> bool:
    """Whether a file's first bytes are the headers of a saved page's MIME message."""
    headers = MHTML_HEAD.match(head)
    if headers is None:
        return False
    text = headers.group(0).lower()
    return b"mime-version:" in text and re.search(rb"content-type:\s*multipart/related", text) is not None


def too_many_parts(data: bytes) -> bool:
    """Whether a MIME message may hold more than MAX_PARTS parts. Each part costs the email
    parser about a kilobyte and a tenth of a millisecond, however small it is: counted first
    (a line opening with '--' is at most one part's boundary)."""
    return data.count(b"\n--") > MAX_PARTS


def refuse_costly(data: bytes, path: Path, what: str, writer: str, advice: str) -> None:
    """Refuse, before the email package reads it, a message that would cost it minutes or
    gigabytes: more parts or header fields than a `writer` writes, or a part's type of kilobytes."""
    if too_many_parts(data):
        raise ContentError(f"{what} with more than {MAX_PARTS:,} parts: {advice}", path)
    if too_many_fields(data):
        raise ContentError(f"{what} with more than {MAX_FIELDS:,} header fields: {advice}", path)
    if length := oversized_mime_field(data):
        raise ContentError(
            f"a part's Content-Type or Content-Disposition runs to {length:,} bytes, which no {writer} "
            f"writes: {advice}",
            path,
        )


def unwrap_mhtml(data: bytes, path: Path) -> str:
    """The saved page's HTML, marked with the address it was saved from (as Internet
    Explorer's "saved from url" comment, which the page reader already takes)."""
    refuse_costly(data, path, "a page saved as one file (MHTML)", "browser", "save the page again as HTML")
    try:
        message = parse(data)
        page = next((part for part in message.walk() if content_type(part) == "text/html"), None)
    except RecursionError:  # parts nested within parts, thousands deep
        raise ContentError(
            "a page saved as one file (MHTML) whose parts nest too deep to read: save the page again as HTML",
            path,
        ) from None
    if page is None:
        raise ContentError("a page saved as one file (MHTML), but it holds no HTML page: save it again", path)
    try:
        html = part_text(page, path)
    except (LookupError, ValueError):
        raise ContentError(
            "the saved page's HTML cannot be decoded: save the page again as HTML", path
        ) from None
    location = (field(page, "content-location") or field(message, "snapshot-content-location") or "").strip()
    return with_saved_from(html, location)


def with_saved_from(html: str, location: str) -> str:
    """The page's HTML marked with the address it was saved from, where that is a web address
    a comment can hold."""
    if is_web_address(location) and not re.search(r"\s|--", location):
        return f"<!-- saved from url=({len(location):04d}){location} -->\n{html}"
    return html
