"""A newsletter forwarded, found under the forwarder's note: inline in the HTML of Gmail,
Thunderbird, Outlook (Word's HTML and Outlook on the web) and Apple Mail, each by the block
of fields it writes, or attached as a message/rfc822 part."""

from __future__ import annotations

import copy
import re
from email.message import Message
from itertools import islice
from pathlib import Path
from typing import Any

from digest.errors import ContentError
from digest.sources.importer.draft import Declared
from digest.sources.importer.forwardfields import (
    APPLE_DATES,
    MAX_FIELD_LINE,
    MAX_FORWARD_FIELDS,
    OUTLOOK_DATES,
    forward_declared,
    gmail_date,
    names_a_sender,
    shown_date,
)
from digest.sources.importer.mailfile import MAIL_HEAD_BYTES
from digest.sources.importer.mailheaders import date_of
from digest.sources.importer.mimeparts import (
    content_type,
)

# Gmail's line over a forward's fields: ten dashes and nine around words in the forwarder's
# language ('Forwarded message', 'Weitergeleitete Nachricht', 'Message transféré').
GMAIL_FORWARD = re.compile(r"-{8,} ?[^-\n]{1,80}? ?-{8,}")
# What marks a forward's block of fields in the HTML of Gmail, Thunderbird, Outlook for Windows
# (Word's HTML), Outlook on the web and Apple Mail (its `cite` blockquote).
INLINE_FORWARD_MARKS = ("gmail_attr", "moz-email-headers-table", "Microsoft Word", "divRplyFwdMsg", "cite")
MAX_FIELD_PIECES = 64  # its texts between tags
MAX_FORWARDS = 8  # a forward of a forward ...: some levels, never thousands


def inline_forward(html: str, declared: Declared, replying: bool = False) -> tuple[str, Declared] | None:
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


# What marks a reply's quote of the answered mail in the HTML of Gmail, Thunderbird, Yahoo,
# Apple Mail and Thunderbird (their `cite` blockquote) and Outlook on the web.
REPLY_QUOTE_MARKS = ("gmail_quote", "moz-cite-prefix", "yahoo_quoted", "cite", "divRplyFwdMsg")
QUOTE_CLASSES = ("gmail_quote", "moz-cite-prefix", "yahoo_quoted")


def without_quote(html: str) -> str | None:
    """A reply's HTML without its quote of the answered mail, as each program marks it: Gmail's
    `gmail_quote` (its 'On ... wrote:' line and blockquote), Thunderbird's `moz-cite-prefix`
    line, Yahoo's `yahoo_quoted`, a `cite` blockquote, and Outlook on the web's block of the
    answered mail's fields (`divRplyFwdMsg`) with what follows it and the rule above it. None
    where it holds no quote, or nothing but one."""
    if not any(mark in html for mark in REPLY_QUOTE_MARKS):
        return None
    import lxml.etree
    import lxml.html

    try:
        document = lxml.html.document_fromstring(html)
    except lxml.etree.ParserError:
        return None
    quotes = [element for name in QUOTE_CLASSES for element in _with_class(document, "div", name)]
    quotes += document.xpath("//blockquote[translate(@type, 'CITE', 'cite') = 'cite']")
    for fields in document.xpath("//div[@id='divRplyFwdMsg']")[:1]:
        rule = fields.getprevious()
        quotes += [fields, *fields.itersiblings(), *([rule] if rule is not None and rule.tag == "hr" else [])]
    if not quotes:
        return None
    for quote in quotes:
        if quote.getparent() is not None:
            quote.drop_tree()
    if not _shown_text(document).strip():
        return None
    return str(lxml.html.tostring(document, encoding="unicode"))


def _shown_text(document: Any) -> str:
    """The text a reader sees: the body's, no style sheet's or script's (nor the head's title)."""
    return "".join(document.xpath("//body//text()[not(ancestor::style or ancestor::script)]"))


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
            return block, forward_declared(
                lines[-1], lines[0], shown_date(lines[1], OUTLOOK_DATES, declared.date)
            )
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
            sent = shown_date(fields[2][1], APPLE_DATES, declared.date)
            return quote, fields[-1][0], forward_declared(fields[1][1], fields[0][1], sent)
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
    gives, in the forwarder's language; one not read is none (never the forward's date)."""
    blocks = _with_class(document, "div", "gmail_attr")
    # the first that opens with Gmail's line (never each: blocks within blocks would be read again and again)
    block = next((b for b in blocks if GMAIL_FORWARD.match((b.text or "").strip())), None)
    if block is None or block.getparent() is None:
        return None
    for line_break in block.iter("br"):
        line_break.tail = "\n" + (line_break.tail or "")
    lines = [" ".join(line.split()) for line in block.text_content().split("\n") if line.strip()]
    if len(lines) < 4:
        return None
    sender, sent, subject = (line.partition(":")[2].strip() for line in lines[1:4])
    return block, forward_declared(subject, sender, gmail_date(sent, declared.date))


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
    return table, forward_declared(subject, sender, date_of(sent))


def article_message(message: Message, path: Path, depth: int = 0) -> Message:
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
    return article_message(inner[0], path, depth + 1)
