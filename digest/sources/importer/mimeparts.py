"""MIME messages as the importer reads them (a saved mail, a page saved as one file): parsed
with the email package's compat32 policy, whose header fields stay as written until asked for.

The package's modern policy parses every structured field it touches with a parser that costs
tens of microseconds a byte: a megabyte of Content-Type parameters took 24 s to parse and a
50 MB file would take a quarter of an hour, where compat32 takes 30 ms. What the readers need
of a part (its type, whether it is an attachment, its text) is read here from the raw fields.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import re
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

# A Content-Type or Content-Disposition field holds a type and a few parameters; a long file
# name written in RFC 2231 continuations makes one a kilobyte or two. Reading their parameters
# costs the square of their length: longer ones are refused before the message is parsed.
MAX_MIME_FIELD = 4096
MIME_FIELD = re.compile(rb"^content-(?:type|disposition):", re.IGNORECASE | re.MULTILINE)
FOLD = re.compile(r"\r?\n(?=[ \t])")
# The parser keeps each header field as a pair of strings, some 250 bytes: 2 million one-line
# fields (16 MB) took half a gigabyte. A message of 10,000 parts of a few fields each has some
# tens of thousands; a text's lines that look like fields ('Note: ...') count too.
MAX_FIELDS = 200_000
FIELD_LINE = re.compile(rb"^[!-9;-~]+:", re.MULTILINE)
# Python's codecs that are no character set ("Python Specific Encodings" in the codecs module's
# documentation): a mail or a web archive names an IANA character set, never one of these.
PYTHON_CODECS = frozenset(
    {"idna", "mbcs", "oem", "punycode", "raw_unicode_escape", "undefined", "unicode_escape"}
)


def oversized_mime_field(data: bytes) -> int:
    """The length of the first Content-Type or Content-Disposition field (with its folded
    lines) longer than MAX_MIME_FIELD, or 0 where there is none."""
    for match in MIME_FIELD.finditer(data):
        start = end = match.end()
        while (newline := data.find(b"\n", end)) >= 0:
            end = newline
            if data[newline + 1 : newline + 2] not in (b" ", b"\t") or end - start > MAX_MIME_FIELD:
                break
            end = newline + 1  # a folded line: the field goes on
        else:
            end = len(data)
        if end - match.start() > MAX_MIME_FIELD:
            return end - match.start()
    return 0


def too_many_fields(data: bytes) -> bool:
    """Whether the message has more lines that look like header fields than MAX_FIELDS:
    counted before it is parsed, up to the limit."""
    return any(count >= MAX_FIELDS for count, _ in enumerate(FIELD_LINE.finditer(data)))


def parse(data: bytes) -> Message:
    return email.message_from_bytes(data, policy=email.policy.compat32)


def field(part: Message, name: str) -> str | None:
    """A header field's value as written, on one line, its raw 8-bit text read as UTF-8 (RFC
    6532), its encoded words (RFC 2047) left as they are; None where the part has none."""
    value = next((value for key, value in part.raw_items() if key.lower() == name), None)
    if value is None:
        return None
    text = FOLD.sub("", str(value))
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def fields(part: Message, name: str) -> list[str]:
    return [FOLD.sub("", str(value)) for key, value in part.raw_items() if key.lower() == name]


def content_type(part: Message) -> str:
    """The part's `type/subtype`, lower case (RFC 2045's default where it has none)."""
    return part.get_content_type()


def is_attachment(part: Message) -> bool:
    disposition = field(part, "content-disposition") or ""
    return disposition.split(";")[0].strip().lower() == "attachment"


def find_body(message: Message, preferences: tuple[str, ...] = ("html", "plain")) -> Message | None:
    """The part a mail program shows as the message's body, as the email package's `get_body`
    finds it: the first text part of the most preferred subtype, through multipart/mixed and
    alternative, and a multipart/related's start part; attachments are no body."""
    best_rank, body = len(preferences), None
    for rank, part in _body_candidates(message, preferences):
        if rank < best_rank:
            best_rank, body = rank, part
            if rank == 0:
                break
    return body


def _body_candidates(part: Message, preferences: tuple[str, ...]) -> Iterator[tuple[int, Message]]:
    if is_attachment(part):
        return
    maintype, _, subtype = content_type(part).partition("/")
    if maintype == "text":
        if subtype in preferences:
            yield preferences.index(subtype), part
        return
    if maintype != "multipart" or not part.is_multipart():
        return
    parts = [sub for sub in part.get_payload() if isinstance(sub, Message)]
    if subtype == "related" and parts:
        start = str(part.get_param("start") or "").strip()
        started = [sub for sub in parts if start and (field(sub, "content-id") or "").strip() == start]
        parts = started[:1] or parts[:1]
    for sub in parts:
        yield from _body_candidates(sub, preferences)


def part_text(part: Message, path: Path) -> str:
    """The part's content as text: decoded from its transfer encoding, then from its charset;
    an HTML part that names none is read as a saved page's bytes are (its BOM, its <meta>
    charset, UTF-8), a text part as UTF-8, of which US-ASCII (RFC 2045's default) is a part."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        raise ValueError("a part of parts has no text")
    charset = _character_set(part.get_content_charset())
    if charset is not None:
        return payload.decode(charset, errors="replace")
    if content_type(part) == "text/html":
        from digest.sources.importer.htmlpage import decode_html

        return decode_html(payload, path)
    return payload.decode("utf-8", errors="replace")


def _character_set(name: str | None) -> str | None:
    """The codec of a named character set; None where none is named or the name is one of
    Python's own codecs. An unknown name raises LookupError."""
    if not name:
        return None
    codec = codecs.lookup(name).name
    return None if codec in PYTHON_CODECS else codec
