"""The email edition as one RFC 5322 message: `dist/<issue>/email.eml`, and `digest send`'s tests.

Python's email package builds a ``multipart/alternative`` of the text and HTML
editions, UTF-8, each part in 7-bit, quoted-printable or base64, whichever its content
needs, so no line exceeds 998 octets. The file's Date comes from the issue's date and
its Message-ID from a hash of the issue and the content: never the clock, so a rebuild
writes the same bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email import policy as email_policy
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from urllib.parse import urlsplit

from digest.config import SiteSettings
from digest.model import Issue

# CRLF line ends, and 7-bit transfer encodings only: a part with non-ASCII text or a long
# line goes quoted-printable or base64, so any server and any mail app takes it as it is.
POLICY = email_policy.SMTP.clone(cte_type="7bit")

# The .eml's From when [site] author_email is empty: the mail service sets the real one.
FALLBACK_MAILBOX = "newsletter"


@dataclass(frozen=True)
class Headers:
    subject: str
    sender: Address
    date: datetime
    message_id: str
    to: tuple[str, ...] = ()


def site_domain(base_url: str) -> str:
    """The site's host, as the right side of a Message-ID or an address."""
    host = urlsplit(base_url).hostname or "localhost"
    return f"[{host}]" if ":" in host else host


def sender(site: SiteSettings, email: str | None = None) -> Address:
    """`"<author>" <email>`; the email defaults to [site] author_email, else one at the site's host."""
    address = email or site.author_email or f"{FALLBACK_MAILBOX}@{site_domain(site.base_url)}"
    return Address(display_name=site.author, addr_spec=address)


def issue_headers(site: SiteSettings, issue_id: str, subject: str, date: datetime, content: bytes) -> Headers:
    """The .eml's headers, all derived from the issue and its content."""
    digest = hashlib.sha256(issue_id.encode() + b"\0" + content).hexdigest()
    return Headers(subject, sender(site), date, f"<{digest[:40]}@{site_domain(site.base_url)}>")


@dataclass(frozen=True)
class InlineImage:
    """A picture carried inside the message, which the HTML shows as `cid:<content_id>`."""

    content_id: str  # without the angle brackets
    media_type: str  # image/png
    data: bytes


def build_message(
    headers: Headers, html: str, text: str, preheader: str = "", images: Sequence[InlineImage] = ()
) -> EmailMessage:
    """A multipart/alternative message: the text part first, the HTML part (preferred) last,
    with `images` beside the HTML in a multipart/related part where there are any.

    The HTML's hidden preheader is its first text; the text part starts with the
    preheader too (unless it already does), so every client previews the same line.
    """
    message = EmailMessage(policy=POLICY)
    message["From"] = headers.sender
    if headers.to:
        message["To"] = ", ".join(headers.to)
    set_subject(message, headers.subject)
    message["Date"] = format_datetime(headers.date)
    message["Message-ID"] = headers.message_id
    message.set_content(with_preheader(text, preheader), subtype="plain", charset="utf-8")
    message.add_alternative(html, subtype="html", charset="utf-8")
    html_part = list(message.iter_parts())[-1]
    assert isinstance(html_part, EmailMessage)
    for image in images:
        maintype, _, subtype = image.media_type.partition("/")
        html_part.add_related(image.data, maintype, subtype, cid=f"<{image.content_id}>")
    for part in message.walk():
        if part is not message:
            del part["MIME-Version"]  # the email package repeats it in each part; it belongs on top
    # The email package picks a random boundary; one from the Message-ID keeps the bytes stable.
    message.set_boundary("=_" + hashlib.sha256(headers.message_id.encode()).hexdigest()[:32])
    return message


def set_subject(message: EmailMessage, subject: str) -> None:
    """The Subject header folded within 78 columns: ASCII at the spaces between words, else
    (or where a word is too long for a line) as RFC 2047 encoded words of whole characters."""
    # The email package's own folding (before CPython's gh-144156 fix) can write an empty
    # encoded word, '=?utf-8?q??=', which RFC 2047 forbids and strict mail apps show as
    # written, or fold a long subject right after 'Subject:', which parsers then read with
    # a leading space. The legacy Header class folds it well, and lines this short are kept.
    folded = _folded_subject(subject, "us-ascii") if subject.isascii() else ""
    if not folded or folded.startswith("\n") or max(map(len, folded.split("\n"))) > 78:
        folded = _folded_subject(subject, "utf-8")
    message.set_raw("Subject", folded)


def _folded_subject(subject: str, charset: str) -> str:
    return Header(subject, charset, header_name="Subject").encode(linesep="\n", maxlinelen=76)


def with_preheader(text: str, preheader: str) -> str:
    """The text part: `text` led by the preheader, wrapped as the text is (78 columns)."""
    from digest.render.environment import TEXT_WIDTH
    from digest.render.wrapping import fill

    preheader = " ".join(preheader.split())
    opening = text.lstrip()[: 2 * len(preheader) + 1]  # the text's start, wrapped or not
    if not preheader or " ".join(opening.split()).startswith(preheader):
        return text
    return f"{fill(preheader, TEXT_WIDTH)}\n\n{text}"


def eml_bytes(site: SiteSettings, issue: Issue, html: bytes, text: bytes) -> bytes:
    """`email.eml` of one issue, from the build's email.html and email.txt."""
    headers = issue_headers(site, issue.id, issue.subject, issue.date, html + b"\0" + text)
    message = build_message(headers, html.decode("utf-8"), text.decode("utf-8"), issue.preheader)
    return message.as_bytes(policy=POLICY)
