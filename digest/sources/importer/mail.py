"""A mail saved from a mail program (an `.eml` file: Thunderbird's and Apple Mail's "Save
As", Gmail's "Download message", Outlook's "Save as" EML): a newsletter the editor received.

The message is RFC 5322 headers over a MIME body, read with Python's email package. Its
HTML (else its plain text) is the article; its headers say what a page's metadata would:
Subject the title, the sender's name the author, Date when it was published, Archived-At
(RFC 5064) where its copy on the web is. A page saved as one file (MHTML) is a MIME message
too, but a browser writes no address in its From (Chrome's `<Saved by Blink>`): a mail is a
message from someone.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from email.message import Message
from email.utils import formataddr, getaddresses, parsedate_to_datetime
from itertools import islice
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from digest.errors import ContentError
from digest.sources.dialects import decoded_words
from digest.sources.importer.draft import Declared
from digest.sources.importer.htmlbody import is_web_address
from digest.sources.importer.mhtml import refuse_costly
from digest.sources.importer.mimeparts import (
    content_type,
    field,
    fields,
    find_body,
    parse,
    part_text,
)

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
MIME_FIELDS = (b"mime-version", b"content-type", b"content-transfer-encoding")
# A `boundary=` parameter left bare though it holds RFC 2045's special characters.
UNQUOTED_BOUNDARY = re.compile(
    rb"""(?im)(^content-type:(?:[^\r\n]|\r?\n(?=[ \t]))*?[;\s]boundary=)"""
    rb"""([^"\s;]*[()<>@,:\\/\[\]?=][^"\s;]*)"""
)
CHARSET = re.compile(rb"""(?i)charset\s*=\s*"?([A-Za-z0-9_.:-]{1,40})""")
# A picture the mail carries as one of its parts (RFC 2392's `cid:` address): no review can show
# it from there. Up to the tag's end, never past the next tag (linear on a page of open tags).
CID_IMAGE = re.compile(r"""<img\b[^<>]*?\ssrc\s*=\s*["']?\s*cid:[^<>]*>""", re.IGNORECASE)
GMAIL_FORWARD = "---------- Forwarded message"
# What marks a forward's block of fields in the HTML of Gmail, Thunderbird, Outlook for Windows
# (Word's HTML), Outlook on the web and Apple Mail (its `cite` blockquote).
INLINE_FORWARD_MARKS = ("gmail_attr", "moz-email-headers-table", "Microsoft Word", "divRplyFwdMsg", "cite")
MAX_FORWARD_FIELDS = 8  # From, Sent, To, Cc, Subject, and a few an Outlook may add
MAX_FIELD_LINE = 2000  # a field's line: a name and an address, a subject, a date
# A text forward's opening line: Outlook's five dashes around its words ('-----Original
# Message-----', in the forwarder's language) or its rule of underscores; Gmail's ten and nine.
OUTLOOK_TEXT_FORWARD = re.compile(r"-{5}[^-\n]+-{5}|_{20,}")
GMAIL_TEXT_FORWARD = re.compile(r"-{8,} ?[^-\n]+ ?-{8,}")
FIELD_LINE_TEXT = re.compile(r"(?P<label>[^\s:>][^:\n]{0,40}):[ \t]*(?P<value>[^\n]{0,2000})")
MAX_OPENING_LINE = 120
SENDER_ADDRESS = re.compile(r"<[^<>@\s]+@[^<>@\s]+>|\[mailto:[^\[\]@\s]+@[^\[\]@\s]+\]")
MAX_FIELD_PIECES = 64  # its texts between tags
# How Outlook and Apple Mail show the forwarded mail's date, in US then British English.
OUTLOOK_DATES = ("%A, %B %d, %Y %I:%M %p", "%d %B %Y %H:%M")
APPLE_DATES = ("%B %d, %Y at %I:%M:%S %p", "%d %B %Y at %H:%M:%S")
# The zone a shown date ends in: GMT with its offset, or a zone's abbreviation (never AM or PM).
SHOWN_ZONE = re.compile(
    r" (?:(?P<gmt>GMT|UTC)(?:(?P<sign>[+-])(?P<hours>\d{1,2})(?::?(?P<minutes>\d\d))?)?"
    r"|(?!AM$|PM$)[A-Z]{2,5})$"
)
GMAIL_DATES = ("%a, %b %d, %Y at %I:%M %p", "%a, %d %b %Y at %H:%M")  # Gmail in US, then UK, English
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
WebParts = tuple[str, tuple[str, ...], frozenset[tuple[str, str]]]  # host and port, path, query
CLOCK_SKEW = timedelta(days=1)
MAX_FORWARDS = 8  # a forward of a forward ...: some levels, never thousands
SIGNATURE_SEPARATOR = "-- "
# RFC 5322 3.6.5: a reply's subject opens with "Re: "; mail programs mark a forward "Fwd: "/"Fw: ".
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
REPLY_OR_FORWARD = re.compile(r"^\s*(?:(?:re|fwd?)\s*:\s*)+", re.IGNORECASE)
REPLY = re.compile(r"re\s*:", re.IGNORECASE)


@dataclass(frozen=True)
class SavedMail:
    """What a saved mail holds: its HTML or, where it has none, its plain text under a plain
    mail header (Subject, From and Date as the text readers' mail dialect reads them)."""

    html: str | None
    text: str | None
    declared: Declared
    attached_images: int = 0  # `cid:` pictures taken out of the HTML
    unsubscribe_links: tuple[str, ...] = ()


def is_saved_mail(head: bytes) -> bool:
    """Whether a file's first bytes are a MIME mail's header: every line a header field (or
    one folded under it) up to the blank line, a MIME field among them, and a From that
    names an address."""
    fields = _header_fields(head)
    if fields is None or not any(name in fields for name in MIME_FIELDS):
        return False
    return b"@" in fields.get(b"from", b"")


def _without_emlx_frame(data: bytes) -> bytes:
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


def read_saved_mail(data: bytes, path: Path) -> SavedMail:
    """The mail's article and what its headers declare; a mail with neither HTML nor text, or
    one the email package cannot take apart, is refused with what to do."""
    data = _without_emlx_frame(data)
    refuse_costly(data, path, "a saved mail", "mail program", "save the message again, or import its text")
    try:
        message = _article_message(parse(_quoted_boundaries(_header_in_utf8(data))), path)
        body = find_body(message)
        content = part_text(body, path) if body is not None else None
        declared = _declared(message)
    except RecursionError:  # parts nested within parts, thousands deep
        raise ContentError(
            "a saved mail whose parts nest too deep to read: save the message again", path
        ) from None
    except (LookupError, ValueError, TypeError, IndexError, AttributeError, UnicodeError):
        raise ContentError(
            "the saved mail's text cannot be decoded (a damaged part or an unknown character set): "
            "save the message again, or import its text",
            path,
        ) from None
    if body is None or content is None or not content.strip():
        raise ContentError(
            "the saved mail holds no text or HTML to import (only attachments?): import the "
            "attachment itself, or the newsletter's page on the web",
            path,
        )
    unsubscribe = _unsubscribe_links(message)
    if content_type(body) == "text/html":
        content, declared = _inline_forward(content, declared, _is_reply(message)) or (content, declared)
        html, attached = CID_IMAGE.subn("", content)
        return SavedMail(html, None, declared, attached, unsubscribe)
    text = _without_signature(_unflowed(content, body))
    sender = ", ".join(formataddr((name, address)) for name, address in _senders(message) if address)
    if not _is_reply(message) and (forward := _text_forward(text, declared)):
        text, declared, sender = forward
    return SavedMail(None, _plain_header(declared, sender) + text, declared, 0, unsubscribe)


def _is_reply(message: Message) -> bool:
    """Whether the mail is a reply: its Subject opens with 'Re:' (RFC 5322 3.6.5). A reply's own
    text is the article, not the mail it quotes under the same fields a forward has (Outlook's)."""
    return bool(REPLY.match(_one_line(decoded_words(field(message, "subject") or ""))))


def _inline_forward(html: str, declared: Declared, replying: bool = False) -> tuple[str, Declared] | None:
    """A newsletter forwarded inline, as its own HTML and fields: the forwarder's note and the
    forward's own fields are no part of the article. Gmail and Thunderbird mark the block of the
    forwarded mail's fields with classes of their own, and write the fields in a fixed order, in
    the forwarder's language; the mail's HTML follows the block."""
    if replying or not any(mark in html for mark in INLINE_FORWARD_MARKS):
        return None
    import lxml.etree
    import lxml.html

    try:
        document = lxml.html.document_fromstring(html)
    except lxml.etree.ParserError:
        return None
    found = _gmail_block(document, declared) or _thunderbird_block(document)
    if found is None:
        apple = _apple_block(document, declared)
        if apple is not None:
            quote, last_field, forwarded = apple
            return _after(last_field, unwrap=quote), forwarded
        outlook = _outlook_block(document, declared)
        return None if outlook is None else (_after(outlook[0]), outlook[1])
    block, forwarded = found
    container = block.getparent()
    for earlier in list(block.itersiblings(preceding=True)):
        container.remove(earlier)
    container.text = block.tail
    container.remove(block)
    body = lxml.html.tostring(container, encoding="unicode")
    return f"<!DOCTYPE html><html><head><meta charset=utf-8></head><body>{body}</body></html>", forwarded


def _outlook_block(document: Any, declared: Declared) -> tuple[Any, Declared] | None:
    """Outlook's block of the forwarded mail's fields (Outlook for Windows writes Word's HTML,
    Outlook on the web a `divRplyFwdMsg`): one paragraph of lines, each opening with a bold
    label in the forwarder's language, in a fixed order: From (the sender's name and address),
    Sent, To, Cc when there is one, Subject last. The first such paragraph that names a sender
    first (`names_a_sender`); a newsletter's own bold-labelled lines name none. Sent is the
    forwarder's local time, in the zone the forward's own Date gives."""
    if not document.xpath("//meta[starts-with(@content, 'Microsoft Word')] | //div[@id='divRplyFwdMsg']"):
        return None
    seen: set[Any] = set()
    for label in document.iter("b"):
        block = next((a for a in label.iterancestors() if a.tag in ("p", "div")), None)
        if block is None or block in seen:
            continue
        seen.add(block)
        lines = _labelled_lines(block)
        if lines is not None and len(lines) >= 4 and names_a_sender(lines[0]):
            return block, _forwarded(lines[-1], lines[0], _shown_date(lines[1], OUTLOOK_DATES, declared.date))
    return None


def _labelled_lines(block: Any) -> list[str] | None:
    """The values of a block's lines (split at its line breaks) where each line opens with a
    bold label ending in ':', each label another; None where a line does not, or the block runs
    past a few lines."""
    # a few at most: a block's labels are counted once, never all of a page nested in it
    labels = [
        " ".join((b.text_content() or "").split()) for b in islice(block.iter("b"), MAX_FORWARD_FIELDS + 1)
    ]
    if not 4 <= len(labels) <= MAX_FORWARD_FIELDS or not all(label.endswith(":") for label in labels):
        return None
    if len(set(labels)) != len(labels):  # each field once
        return None
    block = copy.deepcopy(block)
    for line_break in block.iter("br"):
        line_break.tail = "\n" + (line_break.tail or "")
    lines = [" ".join(line.split()) for line in block.text_content().split("\n") if line.strip()]
    if len(lines) != len(labels) or not all(
        line.startswith(label) for line, label in zip(lines, labels, strict=True)
    ):
        return None
    return [line[len(label) :].strip() for line, label in zip(lines, labels, strict=True)]


def _apple_block(document: Any, declared: Declared) -> tuple[Any, Any, Declared] | None:
    """Apple Mail's forward: a `cite` blockquote that opens with its forward line (in the
    forwarder's language, ending in ':'), then the forwarded mail's fields, a div each opening
    with a bold label, in a fixed order: From (a name and address), Subject, Date, To, and Cc or
    Reply-To when there are; the forwarded HTML follows in the blockquote. The blockquote, the
    last field and what the fields declare. A reply's quote opens with no fields."""
    for quote in document.iter("blockquote"):
        if str(quote.get("type", "")).lower() != "cite":
            continue
        children = [child for child in quote if isinstance(child.tag, str)][: MAX_FORWARD_FIELDS + 3]
        if (
            not children
            or children[0].tag != "div"
            or len(children[0])
            or not (children[0].text or "").strip().endswith(":")
        ):
            continue
        fields: list[tuple[Any, str]] = []
        for child in children[1:]:
            if child.tag == "br" and not fields:
                continue  # Apple's line between the forward line and the fields
            value = _labelled_value(child)
            if value is None:
                break
            fields.append((child, value))
        if len(fields) >= 3 and names_a_sender(fields[0][1]):
            sent = _shown_date(fields[2][1], APPLE_DATES, declared.date)
            return quote, fields[-1][0], _forwarded(fields[1][1], fields[0][1], sent)
    return None


def _labelled_value(element: Any) -> str | None:
    """The value of a short line that opens with a bold label ending in ':' (`<b>From: </b>Ann`);
    None for any other element, or one past a line's length."""
    label = next(element.iter("b"), None)
    if element.tag != "div" or label is None:
        return None
    pieces: list[str] = []
    for piece in element.itertext():
        pieces.append(piece[: MAX_FIELD_LINE + 1])
        if sum(map(len, pieces)) > MAX_FIELD_LINE or len(pieces) > MAX_FIELD_PIECES:
            return None
    text = " ".join("".join(pieces).split())
    name = " ".join((label.text_content() or "").split())
    if not name.endswith(":") or not text.startswith(name):
        return None
    return text[len(name) :].strip()


def _shown_date(value: str, layouts: tuple[str, ...], forwarded_at: datetime | None) -> datetime | None:
    """A date as a mail program shows it in a forward, in one of its English layouts: in the zone
    it names (GMT+1), else in the forwarder's, which the forward's own Date gives; else none."""
    text = " ".join(value.split())
    zone = forwarded_at.tzinfo if forwarded_at is not None else None
    if named := SHOWN_ZONE.search(text):
        text = text[: named.start()]
        if named.group("gmt"):
            hours, minutes = int(named.group("hours") or 0), int(named.group("minutes") or 0)
            if hours > 14 or minutes > 59:
                return None
            offset = timedelta(hours=hours, minutes=minutes)
            zone = timezone(-offset if named.group("sign") == "-" else offset)
    if zone is None:
        return None
    for layout in layouts:
        try:
            return datetime.strptime(text, layout).replace(tzinfo=zone)
        except ValueError:
            continue
    return None


def _after(block: Any, unwrap: Any = None) -> str:
    """The document from the block's end: whatever came before it (the forwarder's note) and the
    block itself left out, at every level it is nested in; `unwrap`, the element that quoted the
    forwarded mail, replaced by what it holds."""
    import lxml.html

    node = block
    while (parent := node.getparent()) is not None:
        for earlier in list(node.itersiblings(preceding=True)):
            parent.remove(earlier)
        if parent.tag != "html":
            parent.text = None
        node = parent
    block.drop_tree()
    if unwrap is not None and unwrap.getparent() is not None:
        unwrap.drop_tag()
    body = node.find("body")
    if body is None:
        return "<!DOCTYPE html><html><head><meta charset=utf-8></head><body></body></html>"
    inner = "".join(lxml.html.tostring(child, encoding="unicode") for child in body)
    return (
        f"<!DOCTYPE html><html><head><meta charset=utf-8></head><body>{body.text or ''}{inner}</body></html>"
    )


def _with_class(document: Any, tag: str, name: str) -> list[Any]:
    found: list[Any] = document.xpath(
        f"//{tag}[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"
    )
    return found


def _gmail_block(document: Any, declared: Declared) -> tuple[Any, Declared] | None:
    """Gmail's `gmail_attr` block, at the head of a `gmail_quote`: its forward line, then From,
    Date and Subject. Its Date is shown in the forwarder's zone, which the forward's own Date
    gives; read in English, else none (never the forward's date)."""
    blocks = _with_class(document, "div", "gmail_attr")
    # the first that opens with Gmail's line (never each: blocks within blocks would be read again and again)
    block = next((b for b in blocks if (b.text or "").strip().startswith(GMAIL_FORWARD)), None)
    if block is None or block.getparent() is None:
        return None
    for line_break in block.iter("br"):
        line_break.tail = "\n" + (line_break.tail or "")
    lines = [" ".join(line.split()) for line in block.text_content().split("\n") if line.strip()]
    if len(lines) < 4:
        return None
    sender, sent, subject = (line.partition(":")[2].strip() for line in lines[1:4])
    return block, _forwarded(subject, sender, _gmail_date(sent, declared.date))


def _thunderbird_block(document: Any) -> tuple[Any, Declared] | None:
    """Thunderbird's `moz-email-headers-table` in a `moz-forward-container`: Subject, Date (as
    the mail wrote it, RFC 5322's form) and From, a row each."""
    tables = _with_class(document, "table", "moz-email-headers-table")
    table = tables[0] if tables else None
    if (
        table is None
        or table.getparent() is None
        or "moz-forward-container" not in table.getparent().get("class", "")
    ):
        return None
    values = [" ".join(cell.text_content().split()) for cell in table.xpath(".//tr/td[1]")]
    if len(values) < 3:
        return None
    subject, sent, sender = values[:3]
    return table, _forwarded(subject, sender, _date_of(sent))


def _forwarded(subject: str, sender: str, sent: datetime | None) -> Declared:
    names = [_one_line(name) for name, _ in getaddresses([sender]) if name and "@" not in name]
    return Declared(
        title=REPLY_OR_FORWARD.sub("", _one_line(subject)) or None, author=", ".join(names) or None, date=sent
    )


def _gmail_date(value: str, forwarded_at: datetime | None) -> datetime | None:
    if forwarded_at is None:
        return None
    for layout in GMAIL_DATES:
        try:
            return datetime.strptime(value, layout).replace(tzinfo=forwarded_at.tzinfo)
        except ValueError:
            continue
    return None


def _unsubscribe_links(message: Message) -> tuple[str, ...]:
    """The addresses RFC 2369's List-Unsubscribe gives, each in angle brackets: the links that
    unsubscribe the reader the mail was sent to (RFC 8058: in one click)."""
    found = LIST_ADDRESS.findall(field(message, "list-unsubscribe") or "")
    return tuple(dict.fromkeys(address for address in found if address))[:MAX_LIST_ADDRESSES]


def without_links(markdown: str, addresses: tuple[str, ...]) -> tuple[str, int]:
    """The Markdown without the links that unsubscribe the reader (the link and its text), nor
    such addresses written out; how many were taken out. A web address unsubscribes when it is
    one of `addresses` or the same service's page for it (`unsubscribes`); any other, as written."""
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
        if found is None or not any(_unsubscribes(found, header) for header in web):
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


def unsubscribes(link: str, address: str) -> bool:
    """Whether a web link unsubscribes as List-Unsubscribe's `address` does. A mail service builds
    both from the reader's and the list's tokens: RFC 8058's one-click address takes a POST, and
    is often the footer page's path with a segment more (`/unsubscribe/post`), while the page's
    link adds a parameter or two (the tracking's). So: the same host, every query parameter of
    the address with its value, and one path the other's start (a token in the path, the link's
    whole start). A tracked article link on that host has another path or its own link id."""
    header, found = _web_parts(address), _web_parts(link)
    return header is not None and found is not None and _unsubscribes(found, header)


def _unsubscribes(found: WebParts, header: WebParts) -> bool:
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


def _header_in_utf8(data: bytes) -> bytes:
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


def _quoted_boundaries(data: bytes) -> bytes:
    """The mail with every multipart boundary quoted. RFC 2045 asks a boundary holding '=' or
    another special character to be quoted; Outlook Express wrote `boundary=----=_NextPart_...`
    bare, and mail programs read such a value to the end of its word (Python's parser stops at
    the '=' and finds no part)."""
    return UNQUOTED_BOUNDARY.sub(rb'\1"\2"', data)


def _article_message(message: Message, path: Path, depth: int = 0) -> Message:
    """The message that is the article: a mail that forwards one message as an attachment
    (message/rfc822, Apple Mail's and Thunderbird's "Forward as Attachment") carries the
    newsletter in it, under the forwarder's note; the forwarded one is read, its own headers
    and body. A mail that forwards several is read as itself."""
    if depth >= MAX_FORWARDS or content_type(message) == "message/rfc822" or not message.is_multipart():
        return message
    parts = [part for part in message.get_payload() if isinstance(part, Message)]
    forwarded = [part for part in parts if content_type(part) == "message/rfc822"]
    inner = forwarded[0].get_payload() if len(forwarded) == 1 else None
    if not isinstance(inner, list) or len(inner) != 1 or not isinstance(inner[0], Message):
        return message
    if sum(len(name) + len(str(value)) + 4 for name, value in inner[0].raw_items()) > MAIL_HEAD_BYTES:
        raise ContentError(
            f"the forwarded message's header runs past {MAIL_HEAD_BYTES:,} bytes, which no mail program "
            "writes: save the forwarded message itself, or import its text",
            path,
        )
    return _article_message(inner[0], path, depth + 1)


def _text_forward(text: str, declared: Declared) -> tuple[str, Declared, str] | None:
    """A text forwarded inline: the forwarded mail's text, what its fields declare and its sender
    (as a From field). Each program opens the forward with a line of its own and writes the
    fields, one a line, in its own order, in the forwarder's language: Outlook five dashes around
    words (or a rule of underscores), then From, Sent, To, Cc, Subject last; Gmail dashes around
    words, then From, Date, Subject, To; Apple Mail a line ending in ':' and a blank one, then
    From, Subject, Date, To, the whole forward quoted. From names a sender (`names_a_sender`), and
    Apple's To an address."""
    lines = text.split("\n")
    for number, line in enumerate(lines):
        quoted = line.startswith(">")
        program = _forward_program(_content(line, quoted))
        if program is None:
            continue
        start = number + 1
        while (
            program == "apple" and start < min(len(lines), number + 3) and not _content(lines[start], quoted)
        ):
            start += 1  # Apple's blank line under its forward line
        fields, end = _field_lines(lines, start, quoted)
        if fields is None or not _fields_fit(program, fields):
            continue
        while end < len(lines) and not _content(lines[end], quoted):
            end += 1
        if end == len(lines):  # fields over no text: the note is all there is to read
            return None
        body = "\n".join(_unquoted(line) if quoted and line.startswith(">") else line for line in lines[end:])
        return body, *_declared_by(program, fields, declared.date)
    return None


def _forward_program(line: str) -> str | None:
    """Which program writes this line above a forward's fields, by its form."""
    if OUTLOOK_TEXT_FORWARD.fullmatch(line):
        return "outlook"
    if GMAIL_TEXT_FORWARD.fullmatch(line):
        return "gmail"
    return "apple" if line.endswith(":") and len(line) <= MAX_OPENING_LINE else None


def _field_lines(lines: list[str], start: int, quoted: bool) -> tuple[list[str] | None, int]:
    """The values of the field lines from `start` to the first that is none (each label once),
    and where they end; None where there are not a few of them."""
    values: list[str] = []
    labels: set[str] = set()
    end = start
    for line in lines[start : start + MAX_FORWARD_FIELDS + 1]:
        if quoted and not line.startswith(">"):
            break
        field = FIELD_LINE_TEXT.fullmatch(_content(line, quoted))
        if field is None or field.group("label").lower() in labels:
            break
        labels.add(field.group("label").lower())
        values.append(" ".join(field.group("value").split()))
        end += 1
    return (values if 4 <= len(values) <= MAX_FORWARD_FIELDS else None), end


def _fields_fit(program: str, fields: list[str]) -> bool:
    return names_a_sender(fields[0]) and (program != "apple" or "@" in fields[3])


def names_a_sender(value: str) -> bool:
    """Whether a forward's From line names its sender as mail programs write one: an address in
    angle brackets (RFC 5322's name-addr) or Outlook's `[mailto:...]`. A bare address is as
    likely a newsletter's contact line."""
    return SENDER_ADDRESS.search(value) is not None


def _declared_by(program: str, fields: list[str], forwarded_at: datetime | None) -> tuple[Declared, str]:
    if program == "outlook":
        subject, sent = fields[-1], _shown_date(fields[1], OUTLOOK_DATES, forwarded_at)
    elif program == "gmail":
        subject, sent = fields[2], _gmail_date(fields[1], forwarded_at)
    else:
        subject, sent = fields[1], _shown_date(fields[2], APPLE_DATES, forwarded_at)
    sender = ", ".join(formataddr((_one_line(n), a)) for n, a in getaddresses([fields[0]]) if a)
    return _forwarded(subject, fields[0], sent), sender


def _content(line: str, quoted: bool) -> str:
    """A line's words: without its quote mark in a quoted forward, without the spaces around."""
    return (_unquoted(line) if quoted and line.startswith(">") else line).strip()


def _unquoted(line: str) -> str:
    """A line without its quote mark, '> ' or '>'."""
    return line[2:] if line.startswith("> ") else line[1:]


def _unflowed(text: str, part: Message) -> str:
    """A text sent as format=flowed (RFC 3676) as the paragraphs it stands for: a line ending
    in a space goes on in the next (without that space under delsp=yes), a line's leading
    space is its stuffing. Otherwise a line's trailing spaces would read as Markdown's line
    breaks."""
    if str(part.get_param("format", "")).lower() != "flowed":
        return text
    delete_space = str(part.get_param("delsp", "")).lower() == "yes"
    lines: list[list[str]] = []  # each line's pieces, joined once (a paragraph may run to megabytes)
    flowing = False
    for line in text.split("\n"):
        line = line.removesuffix("\r")
        line = line[1:] if line.startswith(" ") else line
        soft = line.endswith(" ") and line != SIGNATURE_SEPARATOR
        piece = line[:-1] if soft and delete_space else line
        if flowing and lines:
            lines[-1].append(piece)
        else:
            lines.append([piece])
        flowing = soft
    return "\n".join("".join(pieces) for pieces in lines)


def _without_signature(text: str) -> str:
    """The text without the signature a mail program writes under a '-- ' line (RFC 3676 4.3):
    the sender's address, a web site, 'Sent with ...', no part of the article."""
    lines = text.split("\n")
    separator = next(
        (i for i in range(len(lines) - 1, 0, -1) if lines[i].rstrip("\r") == SIGNATURE_SEPARATOR), None
    )
    if separator is None or not "\n".join(lines[:separator]).strip():
        return text
    return "\n".join(lines[:separator]).rstrip() + "\n"


def _plain_header(declared: Declared, sender: str) -> str:
    """The fields the text readers take from a mail, one line each, then the blank line; none
    without a Subject, which their mail dialect needs (the text's first line is its title then)."""
    if not declared.title:
        return ""
    date = declared.date and declared.date.isoformat()
    fields = (("Subject", declared.title), ("From", sender), ("Date", date))
    return "".join(f"{name}: {value}\n" for name, value in fields if value) + "\n"


def _one_line(value: object) -> str:
    """A header's text on one line, without the control characters an encoded word may hold
    (an escape sequence is no part of a title), as a page's are read."""
    return " ".join(CONTROL.sub(" ", str(value or "")).split())


def _declared(message: Message) -> Declared:
    subject = REPLY_OR_FORWARD.sub("", _one_line(decoded_words(field(message, "subject") or "")))
    return Declared(
        title=subject or None,
        author=_sender_name(message),
        date=_sent(message),
        source_url=_archived_at(message),
    )


def _senders(message: Message) -> list[tuple[str, str]]:
    """The From field's names (their encoded words decoded) and addresses. RFC 822's
    `ann@example.org (Ann Lee)` names the sender in a comment, read as a name as mail programs do."""
    value = field(message, "from")
    if value is None:
        return []
    return [(_one_line(decoded_words(name)), address) for name, address in getaddresses([value])]


def _sender_name(message: Message) -> str | None:
    """The names of the From field (a newsletter's address alone names no one)."""
    names = [name for name, _ in _senders(message) if name and "@" not in name]
    return ", ".join(names) or None


def _sent(message: Message) -> datetime | None:
    """When the mail was sent, by its Date field, with the sender's offset; a date without one
    (`-0000`, RFC 5322 3.3) is read as UTC, as the sender's zone is unknown. Each server that
    passes the mail on stamps a Received field with when it took it: a Date later than the last
    of them is a wrong clock's (a year 3609), no date."""
    value = field(message, "date")
    if value is None:
        return None
    sent = _date_of(_one_line(value))
    delivered = [stamp for stamp in map(_received_stamp, fields(message, "received")) if stamp]
    if sent is not None and delivered and sent > max(delivered) + CLOCK_SKEW:
        return None  # written by a wrong clock: after the mail was delivered
    return sent


def _date_of(value: str) -> datetime | None:
    try:
        sent = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return sent if sent.tzinfo is not None else sent.replace(tzinfo=UTC)


def _received_stamp(value: object) -> datetime | None:
    """When a server took the mail: the date after a Received field's last ';' (RFC 5321 4.4)."""
    _, separator, stamp = str(value).rpartition(";")
    return _date_of(stamp.strip()) if separator else None


def _archived_at(message: Message) -> str | None:
    """The address of the mail's copy on the web (RFC 5064's Archived-At, in angle brackets)."""
    value = (field(message, "archived-at") or "").strip()
    address = value[1:-1].strip() if value.startswith("<") and value.endswith(">") else value
    return address if is_web_address(address) and not re.search(r"\s", address) else None
