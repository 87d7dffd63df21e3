"""A mail saved from a mail program (an `.eml` file: Thunderbird's and Apple Mail's "Save
As", Gmail's "Download message", Outlook's "Save as" EML): a newsletter the editor received.

The message is RFC 5322 headers over a MIME body, read with Python's email package. Its
HTML (else its plain text) is the article; its headers say what a page's metadata would:
Subject the title, the sender's name the author, Date when it was published, Archived-At
(RFC 5064) where its copy on the web is. A page saved as one file (MHTML) is a MIME message
too, but a browser writes no address in its From (Chrome's `<Saved by Blink>`): a mail is a
message from someone.

Here the parts come together: mailfile.py tells a mail from other files and repairs what
mail programs read through, mailheaders.py reads what the headers declare, mailforwards.py
(in HTML, or attached) and textforwards.py (in plain text), with forwardfields.py, find a
newsletter someone forwarded, mailtext.py reads a plain text, and unsubscribe.py takes out
the links that would unsubscribe the editor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import Message
from email.utils import formataddr
from pathlib import Path

from digest.errors import ContentError
from digest.sources.importer.draft import Declared
from digest.sources.importer.mailfile import (
    header_in_utf8,
    multipart_labelled_as_text,
    quoted_boundaries,
    without_emlx_frame,
)
from digest.sources.importer.mailforwards import article_message, inline_forward, without_quote
from digest.sources.importer.mailheaders import answers, declared_by_headers, is_reply, senders
from digest.sources.importer.mailtext import plain_header, unflowed, without_quotes, without_signature
from digest.sources.importer.mhtml import refuse_costly
from digest.sources.importer.mimeparts import (
    content_type,
    find_body,
    parse,
    part_text,
)
from digest.sources.importer.textforwards import quoted_mail_line, text_forward
from digest.sources.importer.unsubscribe import unsubscribe_links

# A picture the mail carries as one of its parts (RFC 2392's `cid:` address): no review can show
# it from there. Up to the tag's end, never past the next tag (linear on a page of open tags).
CID_IMAGE = re.compile(r"""<img\b[^<>]*?\ssrc\s*=\s*["']?\s*cid:[^<>]*>""", re.IGNORECASE)


@dataclass(frozen=True)
class SavedMail:
    """What a saved mail holds: its HTML or, where it has none, its plain text under a plain
    mail header (Subject, From and Date as the text readers' mail dialect reads them)."""

    html: str | None
    text: str | None
    declared: Declared
    attached_images: int = 0  # `cid:` pictures taken out of the HTML
    unsubscribe_links: tuple[str, ...] = ()


def read_saved_mail(data: bytes, path: Path) -> SavedMail:
    """The mail's article and what its headers declare; a mail with neither HTML nor text, or
    one the email package cannot take apart, is refused with what to do."""
    data = without_emlx_frame(data)
    refuse_costly(data, path, "a saved mail", "mail program", "save the message again, or import its text")
    try:
        message = article_message(
            parse(multipart_labelled_as_text(quoted_boundaries(header_in_utf8(data)))), path
        )
        body = find_body(message)
        content = part_text(body, path) if body is not None else None
        declared = declared_by_headers(message)
        body, content = _reply_text(message, body, content, declared, path)
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
    unsubscribe = unsubscribe_links(message)
    if content_type(body) == "text/html":
        inline = inline_forward(content, declared, is_reply(message))
        if inline is not None:
            content, declared = inline
        elif is_reply(message) or answers(message):
            content = without_quote(content) or content
        html, attached = CID_IMAGE.subn("", content)
        return SavedMail(html, None, declared, attached, unsubscribe)
    text = without_signature(unflowed(content, body))
    sender = ", ".join(formataddr((name, address)) for name, address in senders(message) if address)
    if not is_reply(message) and (forward := text_forward(text, declared)):
        text, declared, sender = forward
    elif is_reply(message) or answers(message):
        text = _own_text(text)
    return SavedMail(None, plain_header(declared, sender) + text, declared, 0, unsubscribe)


def _reply_text(
    message: Message, body: Message | None, content: str | None, declared: Declared, path: Path
) -> tuple[Message | None, str | None]:
    """A reply's text alternative in place of its HTML (RFC 2046: the alternatives are one
    message) where the text quotes the answered mail: marked there as RFC 3676 says, in the
    HTML as each program does its own way. A reply quoting nothing keeps its HTML, and so does
    a mail that only names another by In-Reply-To and forwards one in its HTML (Gmail names
    the forwarded mail)."""
    if body is None or content is None or content_type(body) != "text/html":
        return body, content
    replying = is_reply(message)
    if not replying and not answers(message):
        return body, content
    text_body = find_body(message, ("plain",))
    text = part_text(text_body, path) if text_body is not None else ""
    if not _quotes(text) or (not replying and inline_forward(content, declared) is not None):
        return body, content
    return text_body, text


def _quotes(text: str) -> bool:
    """Whether a reply's text quotes the answered mail: lines opening with '>', or the mail
    under its block of fields."""
    return any(line.startswith(">") for line in text.split("\n")) or quoted_mail_line(text) is not None


def _own_text(text: str) -> str:
    """A reply's own text: up to the answered mail's block of fields, without its quotes."""
    quoted_at = quoted_mail_line(text)
    own = "\n".join(text.split("\n")[:quoted_at]) if quoted_at else text
    return without_quotes(own) if own.strip() else text
