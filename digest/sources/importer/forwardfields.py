"""What a forward's block of fields declares, as mail programs write it in the forwarder's
language: the sender (named as a mail program names one), the subject, and the date shown in
Outlook's, Apple Mail's or Gmail's English layouts, or in the forwarder's language with CLDR's
month and weekday names, in the zone it names or the forwarder's."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo
from email.utils import getaddresses

from digest.sources.importer.draft import Declared
from digest.sources.importer.mailheaders import REPLY_OR_FORWARD, one_line

MAX_FORWARD_FIELDS = 8  # From, Sent, To, Cc, Subject, and a few an Outlook may add
MAX_SHOWN_DATE = 100  # 'Mittwoch, 30. September 2026 um 21:15:00 Mitteleuropäische Sommerzeit'
MAX_FIELD_LINE = 2000  # a field's line: a name and an address, a subject, a date
SENDER_ADDRESS = re.compile(r"<[^<>@\s]+@[^<>@\s]+>|\[mailto:[^\[\]@\s]+@[^\[\]@\s]+\]")
# How Outlook and Apple Mail show the forwarded mail's date, in US then British English.
OUTLOOK_DATES = ("%A, %B %d, %Y %I:%M %p", "%d %B %Y %H:%M")
APPLE_DATES = ("%B %d, %Y at %I:%M:%S %p", "%d %B %Y at %H:%M:%S")
# The zone a shown date ends in: GMT with its offset, or a zone's abbreviation (never AM or PM).
SHOWN_ZONE = re.compile(
    r" (?:(?P<gmt>GMT|UTC)(?:(?P<sign>[+-])(?P<hours>\d{1,2})(?::?(?P<minutes>\d\d))?)?"
    r"|(?!AM$|PM$)[A-Z]{2,5})$"
)
GMAIL_DATES = ("%a, %b %d, %Y at %I:%M %p", "%a, %d %b %Y at %H:%M")  # Gmail in US, then UK, English


def shown_date(value: str, layouts: tuple[str, ...], forwarded_at: datetime | None) -> datetime | None:
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
    return _in_another_language(text, zone)


def _in_another_language(text: str, zone: tzinfo | None) -> datetime | None:
    """A date shown in the forwarder's language ('Dienstag, 3. November 2026 21:15', 'mar. 3
    nov. 2026 à 21:15', '2026年11月3日 21:15'), read with CLDR's names of its months and
    weekdays (monthnames.py) and the clock it shows; none without a clock, as every program
    shows one, or where the value holds other words."""
    from digest.sources.monthnames import foreign_value

    if zone is None or len(text) > MAX_SHOWN_DATE:
        return None
    english = foreign_value(text, with_english=True)
    if english is None or len(english.split()) not in (2, 4):  # a date and a clock
        return None
    for layout in ("%d %B %Y %H:%M:%S", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(english, layout).replace(tzinfo=zone)
        except ValueError:
            continue
    return None


def forward_declared(subject: str, sender: str, sent: datetime | None) -> Declared:
    names = [one_line(name) for name, _ in getaddresses([sender]) if name and "@" not in name]
    return Declared(
        title=REPLY_OR_FORWARD.sub("", one_line(subject)) or None, author=", ".join(names) or None, date=sent
    )


def gmail_date(value: str, forwarded_at: datetime | None) -> datetime | None:
    if forwarded_at is None:
        return None
    for layout in GMAIL_DATES:
        try:
            return datetime.strptime(value, layout).replace(tzinfo=forwarded_at.tzinfo)
        except ValueError:
            continue
    return _in_another_language(" ".join(value.split()), forwarded_at.tzinfo)


def names_a_sender(value: str) -> bool:
    """Whether a forward's From line names its sender as mail programs write one: an address in
    angle brackets (RFC 5322's name-addr) or Outlook's `[mailto:...]`. A bare address is as
    likely a newsletter's contact line."""
    return SENDER_ADDRESS.search(value) is not None
