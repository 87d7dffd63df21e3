"""A saved mail's file, before the email package reads it: whether it is a mail at all (a
MIME header naming a sender; Thunderbird's mbox envelope line and Apple Mail's `.emlx` frame
passed over; Outlook's `.msg` told apart), and the repairs mail programs read through: a
header in a legacy 8-bit charset, a multipart boundary left unquoted."""

from __future__ import annotations

import re

# A mail's header may run to tens of kilobytes before its body (Received, DKIM and ARC lines):
# how much of a file is looked at to tell a mail from a text.
MAIL_HEAD_BYTES = 65_536
HEADER_FIELD = re.compile(rb"[!-9;-~]+:")  # RFC 5322 2.2: printable ASCII but the colon, then one
FOLDED = re.compile(rb"[ \t]")
# The line an mbox file keeps each mail under (RFC 4155), which Thunderbird's "Save As" keeps too.
MBOX_ENVELOPE = re.compile(rb"From \S+ ")
EMLX_LENGTH = re.compile(rb"[ \t]*\d{1,10}[ \t]*\r?")  # Apple Mail's first line: the message's length
OLE_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OUTLOOK_STREAM = "__substg1.0_".encode("utf-16-le")
# The top Content-Type's type and its parameters, over its folded lines.
TEXT_CONTENT_TYPE = re.compile(
    rb"""(?im)^content-type:[ \t]*(?P<type>text/[!#$%&'*+.^_`|~0-9a-z-]+)"""
    rb"""(?P<params>(?:[^\r\n]|\r?\n(?=[ \t]))*)"""
)
BOUNDARY_PARAMETER = re.compile(rb"""(?i)[;\s]boundary[ \t]*=[ \t]*(?:"([^"\r\n]{1,70})"|([^"\s;]{1,70}))""")
HEAD_END = re.compile(rb"\r?\n\r?\n")
MIME_FIELDS = (b"mime-version", b"content-type", b"content-transfer-encoding")
# A `boundary=` parameter left bare though it holds RFC 2045's special characters.
UNQUOTED_BOUNDARY = re.compile(
    rb"""(?im)(^content-type:(?:[^\r\n]|\r?\n(?=[ \t]))*?[;\s]boundary=)"""
    rb"""([^"\s;]*[()<>@,:\\/\[\]?=][^"\s;]*)"""
)
CHARSET = re.compile(rb"""(?i)charset\s*=\s*"?([A-Za-z0-9_.:-]{1,40})""")


def is_saved_mail(head: bytes) -> bool:
    """Whether a file's first bytes are a MIME mail's header: every line a header field (or
    one folded under it) up to the blank line, a MIME field among them, and a From that
    names an address."""
    fields = _header_fields(head)
    if fields is None or not any(name in fields for name in MIME_FIELDS):
        return False
    return b"@" in fields.get(b"from", b"")


def without_emlx_frame(data: bytes) -> bytes:
    """The message an Apple Mail `.emlx` file holds: its first line is the message's length in
    bytes, and a property list of the message's flags follows the message."""
    first, newline, rest = data.partition(b"\n")
    if not newline or not EMLX_LENGTH.fullmatch(first):
        return data
    length = int(first.strip())
    return rest[:length] if length <= len(rest) and rest[length:].lstrip().startswith(b"<?xml") else data


def is_outlook_message(data: bytes) -> bool:
    """Whether a file is Outlook's `.msg`: an OLE compound file (as a Word .doc is) whose
    streams are named `__substg1.0_...` (MS-OXMSG 2.1)."""
    return data.startswith(OLE_FILE) and OUTLOOK_STREAM in data


def _header_fields(head: bytes) -> dict[bytes, bytes] | None:
    """The header's fields by lower-case name (the first of each), or None where a line before
    the blank one is no header field, or no blank line ends the header within `head`."""
    lines = head.split(b"\n")
    if lines and (MBOX_ENVELOPE.match(lines[0]) or EMLX_LENGTH.fullmatch(lines[0])):
        lines = lines[1:]
    fields: dict[bytes, bytes] = {}
    folding_into: bytes | None = None  # the field a folded line continues (None: a repeated one)
    for line in lines[:-1]:  # the last may be cut short
        line = line.rstrip(b"\r")
        if not line:
            return fields or None
        if FOLDED.match(line) and fields:
            if folding_into is not None:
                fields[folding_into] += line
        elif HEADER_FIELD.match(line):
            name, _, value = line.partition(b":")
            folding_into = None if name.lower() in fields else name.lower()
            fields.setdefault(name.lower(), value)
        else:
            return None
    return None


def header_in_utf8(data: bytes) -> bytes:
    """The mail with its own header in UTF-8. A header of raw 8-bit text that is not UTF-8
    (RFC 6532's) was written by a legacy mail program in the character set of its text, as
    mail programs read it: in the charset the message names, else Windows-1252."""
    end = min((i for i in (data.find(b"\n\n"), data.find(b"\r\n\r\n")) if i >= 0), default=-1)
    head = data[:end] if end >= 0 else data[:MAIL_HEAD_BYTES]
    if head.isascii():
        return data
    try:
        head.decode("utf-8")
        return data
    except UnicodeDecodeError:
        pass
    named = CHARSET.search(data[: MAIL_HEAD_BYTES * 4])
    for encoding in (named.group(1).decode("ascii") if named else "", "windows-1252"):
        try:
            return head.decode(encoding).encode("utf-8") + data[len(head) :]
        except (LookupError, UnicodeDecodeError):
            continue
    return data


def quoted_boundaries(data: bytes) -> bytes:
    """The mail with every multipart boundary quoted. RFC 2045 asks a boundary holding '=' or
    another special character to be quoted; Outlook Express wrote `boundary=----=_NextPart_...`
    bare, and mail programs read such a value to the end of its word (Python's parser stops at
    the '=' and finds no part)."""
    return UNQUOTED_BOUNDARY.sub(rb'\1"\2"', data)


def multipart_labelled_as_text(data: bytes) -> bytes:
    """The mail, its type `multipart/mixed` where its header labels it a text but names a
    boundary (RFC 2046 5.1.1: a parameter of multiparts only) and its body is cut by that
    boundary's lines: a bulk mailer's `text/html; boundary=...` over parts, which mail programs
    read as the parts. A text that names a boundary it never uses stays a text."""
    head_end = HEAD_END.search(data, 0, MAIL_HEAD_BYTES)
    if head_end is None:
        return data
    content_type = TEXT_CONTENT_TYPE.search(data, 0, head_end.start())
    boundary = BOUNDARY_PARAMETER.search(content_type.group("params")) if content_type else None
    if content_type is None or boundary is None:
        return data
    delimiter = re.compile(rb"(?m)^--" + re.escape(boundary.group(1) or boundary.group(2)) + rb"[ \t]*\r?$")
    if delimiter.search(data, head_end.end()) is None:
        return data
    return data[: content_type.start("type")] + b"multipart/mixed" + data[content_type.end("type") :]
