"""What a mail's own headers declare: Subject the title (without 'Re:'/'Fwd:' nor the tag of
the list List-Id names), the sender's name the author, Date when it was published (unless
after its delivery), and Archived-At (RFC 5064) where its copy on the web is."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime

from digest.sources.dialects import decoded_words
from digest.sources.importer.draft import Declared
from digest.sources.importer.mimeparts import (
    field,
    fields,
)
from digest.sources.importer.pageurls import is_web_address

CLOCK_SKEW = timedelta(days=1)
# RFC 5322 3.6.5: a reply's subject opens with "Re: "; mail programs mark a forward "Fwd: "/"Fw: ".
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
REPLY_OR_FORWARD = re.compile(r"^\s*(?:(?:re|fwd?)\s*:\s*)+", re.IGNORECASE)
REPLY = re.compile(r"re\s*:", re.IGNORECASE)
# RFC 2919: `List-Id: Sorting Weekly <sorting-weekly.letters.example>`, the list's label first.
LIST_ID = re.compile(r"^\s*(?P<phrase>[^<>]{0,200}?)\s*<(?P<label>[^<>\s.]{1,100})\.[^<>\s]{1,200}>")
LEADING_TAG = re.compile(r"\[(?P<name>[^\[\]]{1,100})\]\s*")
NAME_SEPARATORS = re.compile(r"[\s_-]+")
# RFC 5322 3.6.4's msg-id, `<left@right>`: from each '<', a line's length at most (linear).
MESSAGE_ID = re.compile(r"<[^<>\s]{3,998}>")


def is_reply(message: Message) -> bool:
    """Whether the mail is a reply: its Subject opens with 'Re:' (RFC 5322 3.6.5). A reply's own
    text is the article, not the mail it quotes under the same fields a forward has (Outlook's)."""
    return bool(REPLY.match(one_line(decoded_words(field(message, "subject") or ""))))


def answers(message: Message) -> bool:
    """Whether the mail answers another by its fields (RFC 5322 3.6.4): In-Reply-To or
    References names the mail it answers, whatever its Subject says (a program may write
    no 'Re:', or the writer's language's 'AW:' or 'SV:'). A forward may name one too."""
    return any(
        "@" in found.group()
        for name in ("in-reply-to", "references")
        for found in MESSAGE_ID.finditer(field(message, name) or "")
    )


def one_line(value: object) -> str:
    """A header's text on one line, without the control characters an encoded word may hold
    (an escape sequence is no part of a title), as a page's are read."""
    return " ".join(CONTROL.sub(" ", str(value or "")).split())


def declared_by_headers(message: Message) -> Declared:
    subject = REPLY_OR_FORWARD.sub("", one_line(decoded_words(field(message, "subject") or "")))
    subject = _without_list_tag(subject, _list_names(message))
    return Declared(
        title=subject or None,
        author=_sender_name(message),
        date=_sent(message),
        source_url=_archived_at(message),
    )


def _list_names(message: Message) -> set[str]:
    """The names RFC 2919's List-Id gives its list, its label and its phrase, compared without
    case, spaces, hyphens and underscores."""
    found = LIST_ID.match(one_line(decoded_words(field(message, "list-id") or "")))
    if found is None:
        return set()
    names = {found.group("label"), found.group("phrase").strip('"')}
    return {_comparable(name) for name in names if _comparable(name)}


def _without_list_tag(subject: str, list_names: set[str]) -> str:
    """The subject without the tag a list manager puts before it (Mailman's `[Sorting-Weekly]`),
    where the tag is the list's name; a bracketed subject that names no list stays."""
    tag = LEADING_TAG.match(subject) if list_names else None
    if tag is None or _comparable(tag.group("name")) not in list_names:
        return subject
    return REPLY_OR_FORWARD.sub("", subject[tag.end() :]) or subject


def _comparable(name: str) -> str:
    return NAME_SEPARATORS.sub("", name.lower())


def senders(message: Message) -> list[tuple[str, str]]:
    """The From field's names (their encoded words decoded) and addresses. RFC 822's
    `ann@example.org (Ann Lee)` names the sender in a comment, read as a name as mail programs do."""
    value = field(message, "from")
    if value is None:
        return []
    return [(one_line(decoded_words(name)), address) for name, address in getaddresses([value])]


def _sender_name(message: Message) -> str | None:
    """The names of the From field (a newsletter's address alone names no one)."""
    names = [name for name, _ in senders(message) if name and "@" not in name]
    return ", ".join(names) or None


def _sent(message: Message) -> datetime | None:
    """When the mail was sent, by its Date field, with the sender's offset; a date without one
    (`-0000`, RFC 5322 3.3) is read as UTC, as the sender's zone is unknown. Each server that
    passes the mail on stamps a Received field with when it took it: a Date later than the last
    of them is a wrong clock's (a year 3609), no date."""
    value = field(message, "date")
    if value is None:
        return None
    sent = date_of(one_line(value))
    delivered = [stamp for stamp in map(_received_stamp, fields(message, "received")) if stamp]
    if sent is not None and delivered and sent > max(delivered) + CLOCK_SKEW:
        return None  # written by a wrong clock: after the mail was delivered
    return sent


def date_of(value: str) -> datetime | None:
    try:
        sent = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return sent if sent.tzinfo is not None else sent.replace(tzinfo=UTC)


def _received_stamp(value: object) -> datetime | None:
    """When a server took the mail: the date after a Received field's last ';' (RFC 5321 4.4)."""
    _, separator, stamp = str(value).rpartition(";")
    return date_of(stamp.strip()) if separator else None


def _archived_at(message: Message) -> str | None:
    """The address of the mail's copy on the web (RFC 5064's Archived-At, in angle brackets)."""
    value = (field(message, "archived-at") or "").strip()
    address = value[1:-1].strip() if value.startswith("<") and value.endswith(">") else value
    return address if is_web_address(address) and not re.search(r"\s", address) else None
