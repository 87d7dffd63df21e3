"""Metadata that some dialects write without a front matter block.

- A mail kept as a note (RFC 5322 header): `Subject:` is the title, the `From:` display
  name the author, `Date:` the date; read with Python's email package. An mbox's envelope
  line may come first, and a message clear-signed with OpenPGP is read without its armour
  (`unsigned_text`).
- Hexo's front matter without the opening `---`: `key: value` lines from the first line,
  closed by a `---` line, loaded as YAML.
- Go's `present` articles (golang.org/x/tools/present): a title line, a date line, optional
  `Key: value` lines, then after a blank line the author's block (a name, then any contact
  lines); sections are `* Heading` and links `[[url][text]]`.
- reStructuredText fields: a docinfo field list opening the document (`:author: Ann`) and the
  options of ABlog's `.. post:: DATE` directive; read, never taken out of the text.

Each returns None when the text is not of its dialect, so sniffing can try them in turn.
"""

from __future__ import annotations

import re
from email.errors import HeaderParseError
from email.header import decode_header, make_header
from email.utils import getaddresses, parsedate_to_datetime, parsedate_tz
from pathlib import Path
from typing import Any

from digest.errors import ContentError
from digest.sources.dates import read_date
from digest.sources.headers import HEADER_LINE, MAX_HEADER_LINES, Header, front_matter, key_value_header
from digest.sources.people import is_person_name

MAIL_KEYS = frozenset({"subject", "from"})
IMPOSSIBLE_MAIL_DATE = (
    "the mail's Date is written as a mail program writes one but names no real day or time: "
    "left out, as the sender's program wrote it wrong; add the date if you know it"
)
MBOX_ENVELOPE = re.compile(
    r"^From [^\s:]+[ \t]+\S.*\d{4}[ \t]*$"
)  # 'From ann@example.org Thu Mar  4 ... 2021'
SIGNED_MESSAGE = "-----BEGIN PGP SIGNED MESSAGE-----"
SIGNATURE_BEGIN = "-----BEGIN PGP SIGNATURE-----"
SIGNATURE_END = "-----END PGP SIGNATURE-----"
DELIMITER = re.compile(r"^-{3,}[ \t]*$")
PRESENT_META = re.compile(r"^(Tags|Summary|OldURL|Description):[ \t]*(.*)$")
PRESENT_SECTION = re.compile(r"^(\*{1,3})[ \t]+(\S.*)$", re.MULTILINE)
PRESENT_LINK = re.compile(r"\[\[([^\[\]\s]+)\](?:\[([^\[\]]*)\])?\]")
RST_FIELD = re.compile(r"^([ \t]*):([A-Za-z][\w .-]{0,30}):[ \t]*(.*)$")
RST_DIRECTIVE = re.compile(r"^\.\.[ \t]+([a-z][\w-]*)::[ \t]*(.*)$")
RST_LABEL = re.compile(r"^\.\.[ \t]+_[^:]+:[ \t]*$")
DATED_DIRECTIVES = {"post", "blogpost"}  # ABlog: `.. post:: 2015-03-25`
# `.. author:: Name` (GHC's proposals; Tinkerer's, where `default` is the site's configured author).
AUTHOR_DIRECTIVES = {"author", "authors"}
RST_SCAN_LINES = 40


# --- mail ----------------------------------------------------------------------------------------


def mail_header(text: str) -> Header | None:
    """A mail's header: `Subject:` and `From:` among leading `Key: value` lines, no `Title:`;
    perhaps under the envelope line an mbox keeps each mail under (RFC 4155)."""
    first, _, rest = text.partition("\n")
    envelope = 1 if MBOX_ENVELOPE.match(first) else 0
    header = key_value_header(rest if envelope else text, required=MAIL_KEYS)
    if header is None or "title" in {key.lower() for key in header.meta}:
        return None
    raw = {key.lower(): decoded_words(value) for key, value in header.meta.items()}
    if _mime_encoded(raw):
        raise ContentError(
            "this is a mail saved with its MIME parts (encoded, in HTML or with attachments), "
            "which a review cannot show as it is: import it with `digest import FILE --issue ISSUE`, "
            "which reads its parts and headers, and list the review that makes instead",
            line=1 + envelope,
        )
    meta: dict[str, Any] = {"title": raw["subject"]}
    names = [
        name or address.split("@")[0] for name, address in getaddresses([raw["from"]]) if name or address
    ]
    if names:
        meta["author"] = ", ".join(names)
    notes: tuple[str, ...] = ()
    if raw.get("date"):
        date = _mail_date(raw["date"])
        if date is None:
            notes = (IMPOSSIBLE_MAIL_DATE,)
        else:
            meta["date"] = date
    return Header(meta, header.body, header.body_line + envelope, notes)


def decoded_words(value: str) -> str:
    """A header's value with its RFC 2047 encoded words (`=?utf-8?q?P=C3=A9rez?=`) decoded, as
    a mail program shows them; as written where they cannot be."""
    if "=?" not in value:
        return value
    try:
        return str(make_header(decode_header(value)))
    except (LookupError, ValueError, UnicodeError, HeaderParseError):
        return value


def _mime_encoded(fields: dict[str, str]) -> bool:
    """Whether a mail's body is MIME that must be decoded before it reads as text: encoded, in
    parts or in HTML (any other text type, Git's howtos' `text/asciidoc`, reads as it is)."""
    encoding = fields.get("content-transfer-encoding", "").strip().lower()
    kind = fields.get("content-type", "text/plain").split(";")[0].strip().lower()
    return encoding in ("base64", "quoted-printable") or kind.startswith("multipart/") or kind == "text/html"


def _mail_date(value: str) -> str | None:
    """The Date header as ISO 8601 when the email package reads it; None where it is written in
    RFC 5322's form (3.3) but names no real moment, an hour 27 or a 31 February: the sending
    program wrote it, no editor (a year past any calendar overflows the parser); else as
    written, for the date readers (an ISO date kept by hand)."""
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None if parsedate_tz(value) is not None else value


def unsigned_text(text: str) -> str:
    """A message clear-signed with OpenPGP (RFC 4880, 7: an armour header, the text with lines
    that open with '-' escaped as '- ', then the signature) as its text alone. The armour and
    the signature become blank lines, so every line keeps its number; any other text is
    returned as it is."""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None or lines[start].strip() != SIGNED_MESSAGE:
        return text
    end = next((i for i in range(start + 1, len(lines)) if lines[i].strip() == SIGNATURE_BEGIN), None)
    if end is None:
        return text
    body = start + 1
    while body < end and lines[body].strip():  # armour headers ('Hash: SHA256'), up to a blank line
        body += 1
    closing = next((i for i in range(end, len(lines)) if lines[i].strip() == SIGNATURE_END), len(lines) - 1)
    unsigned = [
        "" if index < body or end <= index <= closing else line.removeprefix("- ")
        for index, line in enumerate(lines)
    ]
    return "\n".join(unsigned)


# --- Hexo --------------------------------------------------------------------------------------


def open_front_matter(text: str, path: Path) -> Header | None:
    """YAML `key: value` lines from the first line up to a `---` line (no blank line between),
    with a title: Hexo's front matter without its opening delimiter."""
    lines = text.split("\n")
    if not lines or not HEADER_LINE.match(lines[0]):
        return None
    for line in lines[:MAX_HEADER_LINES]:
        if not line.strip():
            return None
        if DELIMITER.match(line):
            break
    else:
        return None
    try:
        header = front_matter("---\n" + text, path, "yaml")
    except ContentError:  # not YAML after all: another dialect's lines
        return None
    if not any(str(key).lower() == "title" for key in header.meta):
        return None
    return Header(header.meta, header.body, header.body_line - 1)  # without the line we added


# --- Go present --------------------------------------------------------------------------------


def present_header(text: str) -> Header | None:
    """A Go `present` article's opening: title, date, optional metadata lines, then the
    author's block after a blank line. The body's sections and links become Markdown."""
    lines = text.split("\n")
    if len(lines) < 5 or not lines[0].strip() or not lines[1].strip():
        return None
    if read_date(lines[1].strip()) is None:
        return None
    meta: dict[str, Any] = {"title": lines[0].strip(), "date": lines[1].strip()}
    index = 2
    while index < len(lines) and (match := PRESENT_META.match(lines[index])):
        meta[match.group(1).lower()] = match.group(2).strip()
        index += 1
    if index >= len(lines) or lines[index].strip():
        return None
    index += 1
    block_start = index
    while index < len(lines) and lines[index].strip():
        index += 1
    block = [line.strip() for line in lines[block_start:index]]
    if not block or len(block) > 6 or not is_person_name(block[0]) or len(block[0].split()) < 2:
        return None
    meta["author"] = block[0]
    if isinstance(meta.get("tags"), str):
        meta["tags"] = [tag.strip() for tag in meta["tags"].split(",") if tag.strip()]
    body = "\n".join(lines[index:])
    return Header(meta, present_to_markdown(body), index + 1)


def present_to_markdown(body: str) -> str:
    """`* Section` headings and `[[url][text]]` links written as Markdown."""
    body = PRESENT_SECTION.sub(lambda m: "#" * (len(m.group(1)) + 1) + " " + m.group(2), body)
    return PRESENT_LINK.sub(lambda m: f"[{m.group(2) or m.group(1)}]({m.group(1)})", body)


# --- reStructuredText ----------------------------------------------------------------------------


def rst_fields(text: str) -> dict[str, Any]:
    """Fields near the top of a reStructuredText document: a docinfo field list (before or
    right after the title), the options of a `.. post::` directive, whose argument is the
    date, and an `.. author::` directive. Scanning stops at the first paragraph of prose after
    the title."""
    fields: dict[str, Any] = {}
    in_directive = False
    prose_lines = 0
    for line in text.split("\n")[:RST_SCAN_LINES]:
        if directive := RST_DIRECTIVE.match(line):
            in_directive = directive.group(1) in DATED_DIRECTIVES
            argument = directive.group(2).strip()
            if in_directive and argument:
                fields.setdefault("date", argument)
            elif directive.group(1) in AUTHOR_DIRECTIVES and argument.lower() not in ("", "default"):
                fields.setdefault("author", argument)
            continue
        field = RST_FIELD.match(line)
        if field and (not field.group(1) or in_directive):
            if value := field.group(3).strip():
                fields.setdefault(field.group(2).strip(), value)
            continue
        if line.strip() and not line.startswith((" ", "\t")) and not RST_LABEL.match(line):
            in_directive = False
            prose_lines += 1
            if prose_lines > 3:  # a title and its underlines, then prose: the fields are over
                break
    return fields
