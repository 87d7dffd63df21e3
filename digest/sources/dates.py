"""Dates as people write them: strict enough that prose never becomes a date.

A value is first tried as ISO 8601 (the common case, and the fast one). Anything else
must pass a gate before dateutil parses it: it names a four-digit year, its words are
only month and weekday names, time-zone abbreviations and am/pm, and its numbers form
a date. So "Jul 08 2022", "Tue, 07 Apr 2014 10:00:00 +0000", "19-Aug-2004" and
"05/19/2025" are dates, and "on 1 of 3 servers" or "version 2.0.1" are not.

Numeric dates whose day and month could swap (03/04/2025) are read day first, except
for a site whose language is en-US, and the reading is reported as ambiguous. A numeric
date may carry a 12-hour time (`01-01-2024 01:23 AM`, Notesnook's export). One written
after its time (`14:55 08/11/2017`) is Grav's admin format `H:i m/d/Y`: read month first
when its parts are split by slashes, as Grav (PHP's strtotime) reads them, day first when by
dashes or dots. JavaScript's `Date.toString()` (`Sun Oct 25 2015 00:00:00 GMT+0000
(Coordinated Universal Time)`, as Node tools export dates) is read by its offset.

`find_in_text` looks for such dates inside text (a title, a first line, a trailer), with
patterns that only match whole date shapes; the gate then judges each match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from functools import lru_cache
from typing import Any

from digest.errors import quoted
from digest.sources.monthnames import find_foreign, foreign_value

ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
)  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# The abbreviations mail headers, feeds and US/European sites print; ambiguous ones (IST) are left out.
ZONE_HOURS = {
    "utc": 0, "gmt": 0, "z": 0, "ut": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6,
    "pst": -8, "pdt": -7, "akst": -9, "akdt": -8, "hst": -10, "bst": 1, "cet": 1, "cest": 2, "met": 1,
    "mest": 2, "eet": 2, "eest": 3, "wet": 0, "west": 1, "jst": 9, "kst": 9, "aest": 10, "aedt": 11,
}  # fmt: skip
FILLER_WORDS = {"at", "of", "the", "on", "am", "pm", "a.m", "p.m", "t", "st", "nd", "rd", "th", "sept"}
MONTH_NAMES = {name[:3] for name in MONTHS} | set(MONTHS) | {"sept"}
DAY_NAMES = {name[:3] for name in WEEKDAYS} | set(WEEKDAYS) | {"tues", "thur", "thurs", "weds"}

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"  # noqa: E501
_DAY_NAME = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?\.?,?\s+)?"
# A zone's abbreviation after the clock is written in capitals ('EST'); a lower-case word there
# ('at 10:12 am and is filed') goes on with the sentence, whatever the pattern's case.
_ZONE_AFTER_CLOCK = r"(?:\s*(?:(?-i:[A-Z]{2,5})|[+-]\d{2}:?\d{2}))?"
_TIME = rf"(?:,?\s+(?:at\s+)?\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s*[ap]\.?m\.?)?{_ZONE_AFTER_CLOCK})?"
_ORDINAL = r"(?:st|nd|rd|th)?"
DATE_SHAPES = re.compile(
    "|".join(
        (
            r"\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?",
            r"\d{4}/\d{1,2}/\d{1,2}",
            r"\d{1,2}[/.]\d{1,2}[/.]\d{4}",
            rf"{_DAY_NAME}\d{{1,2}}{_ORDINAL}(?:\s+|-|\s+of\s+){_MONTH},?(?:\s+|-)\d{{4}}{_TIME}",
            rf"{_DAY_NAME}{_MONTH}\s+\d{{1,2}}{_ORDINAL},?\s+\d{{4}}{_TIME}",
            rf"\d{{4}}-{_MONTH}-\d{{1,2}}",
        )
    ),
    re.IGNORECASE,
)
YEAR = re.compile(r"\d{4}")
WORD = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]+)*\.?", re.UNICODE)
_CLOCK = r"(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap])\.?m\.?)?"
NUMERIC = re.compile(rf"^\s*(\d{{1,4}})([/.-])(\d{{1,2}})\2(\d{{1,4}})(?:[ T]+{_CLOCK})?\s*$", re.IGNORECASE)
# Grav's admin writes `H:i m/d/Y` (`14:55 08/11/2017`): the time before a numeric date.
TIME_FIRST = re.compile(rf"^\s*{_CLOCK}\s+(\d{{1,2}})([/.-])(\d{{1,2}})\6(\d{{4}})\s*$", re.IGNORECASE)
# JavaScript's Date.prototype.toString(): weekday, month, day, year, time, `GMT+hhmm`, then the
# zone's name in brackets, which is the runtime's wording (any language): the offset is the fact.
JS_DATE_STRING = re.compile(
    r"^((?:[A-Za-z]{3} ){2}\d{1,2} \d{4} \d{2}:\d{2}:\d{2} GMT[+-]\d{4})(?: \([^()]{1,60}\))?$"
)
# ISO 8601's basic format run together, as TiddlyWiki (`created: 20141127163201036`, UTC) and
# many feeds write it: YYYYMMDD, then optionally hhmm, ss and milliseconds.
COMPACT = re.compile(r"^((?:19|20)\d{2})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(?:(\d{2})(\d{3})?)?)?Z?$")
ZONE_PREFIXED_OFFSET = re.compile(r"\b(?:UTC|GMT)\s*(?=[+-]\d)", re.IGNORECASE)
# Org-mode's timestamps: `<2017-08-26 Sat 16:18>`, `[2024-04-04 Thu 15:52:09]`, maybe with a
# time range or a repeater after the time; the weekday is in the writer's language.
ORG_TIMESTAMP = re.compile(
    r"^[<\[](\d{4}-\d{2}-\d{2})(?:[ \t]+[^\d\s<>\[\]]+)?"
    r"(?:[ \t]+(\d{1,2}:\d{2}(?::\d{2})?)(?:-\d{1,2}:\d{2})?)?(?:[ \t]+[.+-]{1,2}\d+[hdwmy])*[ \t]*[>\]]$"
)
# Unix time, as note tools store it in numbers (Dendron's `created: 1645837319838`): seconds
# (ten digits) or milliseconds (thirteen), read only from a number, never from text.
# A version-control keyword that CVS or Subversion expanded in the file ('$Date: 2014-10-01
# (Thursday, 1 October 2014) $', '$Date: 2001/09/12 04:07:07 $'): the date it holds; the
# reader's rendering in brackets that Subversion adds after it repeats the day.
VERSION_KEYWORD = re.compile(r"^\$(?:Date|LastChangedDate)\s*:\s*(.+?)(?:\s*\([^()]*\))?\s*\$$")
EPOCH_DIGITS = {10: 1, 13: 1000}
EPOCH_YEARS = (1990, 2100)


@dataclass(frozen=True)
class ReadDate:
    """A date read from text, and, when its day and month could swap, how it was read."""

    value: datetime
    ambiguous: str | None = None  # e.g. "03/04/2025 read as 3 April 2025 (day first)"


def day_first_for(language: str) -> bool:
    """Day before month everywhere except where the site's language is US English."""
    return language.strip().lower().replace("_", "-") != "en-us"


def read_date(
    value: Any, *, day_first: bool = True, month_first_key: bool = False, languages: bool = True
) -> ReadDate | None:
    """A timezone-aware datetime from a metadata value, or None when it is not a date.

    Naive values are taken as UTC. `month_first_key`: the value comes from a key whose
    documented format is month first (DocFX's `ms.date: MM/DD/YYYY`). `languages`: a date
    written in another language ('24. Juli 2017', `monthnames.py`) counts too; a value meant
    for machines (a `<time datetime>`) reads without it.
    """
    if isinstance(value, datetime):
        return ReadDate(_aware(value))
    if isinstance(value, date):
        return ReadDate(_aware(datetime.combine(value, time())))
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return None
    text = " ".join(str(value).split())
    found = _read_text(
        text, day_first=day_first and not month_first_key, explicit=month_first_key, languages=languages
    )
    if found is None and isinstance(value, int):
        found = _epoch(value)
    if found is None:
        return None
    try:
        found.value.astimezone(UTC)  # the feeds write every date in UTC
    except OverflowError:
        return None
    return found


def _epoch(value: int) -> ReadDate | None:
    """A Unix time in seconds or milliseconds, when it falls in the years blogs were written."""
    per_second = EPOCH_DIGITS.get(len(str(abs(value))))
    if per_second is None or value < 0:
        return None
    moment = datetime.fromtimestamp(value / per_second, tz=UTC)
    return ReadDate(moment) if EPOCH_YEARS[0] <= moment.year < EPOCH_YEARS[1] else None


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _read_text(text: str, *, day_first: bool, explicit: bool, languages: bool) -> ReadDate | None:
    if javascript := JS_DATE_STRING.match(text):
        text = javascript.group(1)
    if keyword := VERSION_KEYWORD.match(text):
        text = keyword.group(1)
    if not text or len(text) > 80:
        return None
    if org := ORG_TIMESTAMP.match(text):
        text = " ".join(part for part in org.groups() if part)
    iso = _iso(text)
    if iso is not None:
        return ReadDate(_aware(iso))
    compact = COMPACT.match(text)
    if compact and (found := _compact(compact)) is not None:
        return found
    numeric = NUMERIC.match(text)
    if numeric:
        return _numeric(numeric, text, day_first=day_first, explicit=explicit)
    if time_first := TIME_FIRST.match(text):
        return _time_first(time_first, text)
    if not _passes_gate(text):
        english = foreign_value(text) if languages else None
        return _read_text(english, day_first=True, explicit=False, languages=False) if english else None
    return _with_dateutil(text, day_first)


def _iso(text: str) -> datetime | None:
    candidate = ZONE_PREFIXED_OFFSET.sub("", re.sub(r"\s+(UTC|GMT|Z)$", "+00:00", text))
    candidate = re.sub(r"(\d)Z$", r"\1+00:00", candidate)
    candidate = re.sub(r"(\d) ([+-]\d{2}:?\d{2})$", r"\1\2", candidate)  # "10:48:22 -0800"
    if not re.match(r"^\d{4}-\d{2}-\d{2}", candidate):
        return None
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        return None


def _numeric(match: re.Match[str], text: str, *, day_first: bool, explicit: bool) -> ReadDate | None:
    """Dates of three numbers: year first (2014/11/05), or day and month around a year."""
    first, _, second, third, hours, minutes, seconds, half_day = match.groups()
    at = _clock(hours, minutes, seconds, half_day)
    if at is None:
        return None
    if len(first) == 4:
        return _made(int(first), int(second), int(third), at)
    if len(third) != 4 or len(first) > 2:
        return None
    a, b, year = int(first), int(second), int(third)
    if explicit:  # the key's own format says month first
        return _made(year, a, b, at)
    if a > 12 or b > 12 or a == b:  # only one reading is a date
        return _made(year, b, a, at) if a > 12 else _made(year, a, b, at)
    made = _made(year, b, a, at) if day_first else _made(year, a, b, at)
    if made is None:
        return None
    order = "day first" if day_first else "month first, as the site's language is en-US"
    return ReadDate(made.value, f"{quoted(text)} could be read day or month first; read {order}")


def _time_first(match: re.Match[str], text: str) -> ReadDate | None:
    """`14:55 08/11/2017`: Grav's `H:i m/d/Y`. Slashes mean month first, dashes and dots day
    first, as PHP's strtotime (which Grav's pages go through) reads them."""
    hours, minutes, seconds, half_day, first, separator, second, year = match.groups()
    at = _clock(hours, minutes, seconds, half_day)
    if at is None:
        return None
    a, b = int(first), int(second)
    month_first = (separator == "/" and a <= 12) or b > 12  # else only one reading is a date
    made = _made(int(year), a, b, at) if month_first else _made(int(year), b, a, at)
    if made is None or a > 12 or b > 12 or a == b:
        return made
    order = "month first, as Grav writes 'H:i m/d/Y'" if month_first else "day first, as dashes or dots mean"
    return ReadDate(made.value, f"{quoted(text)} could be read day or month first; read {order}")


def _clock(
    hours: str | None, minutes: str | None, seconds: str | None, half_day: str | None
) -> tuple[int, int, int] | None:
    """The time of a numeric date; a 12-hour one (`01:23 AM`) on the 24-hour clock."""
    hour = int(hours or 0)
    if half_day:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half_day.lower() == "p" else 0)
    return hour, int(minutes or 0), int(seconds or 0)


def _compact(match: re.Match[str]) -> ReadDate | None:
    year, month, day, hours, minutes, seconds, millis = match.groups()
    made = _made(int(year), int(month), int(day), (int(hours or 0), int(minutes or 0), int(seconds or 0)))
    if made is None or millis is None:
        return made
    return ReadDate(made.value.replace(microsecond=int(millis) * 1000))


def _made(year: int, month: int, day: int, at: tuple[int, int, int] = (0, 0, 0)) -> ReadDate | None:
    hour, minute, second = at
    try:
        return ReadDate(datetime(year, month, day, hour, minute, second, tzinfo=UTC))
    except ValueError:
        return None


def _passes_gate(text: str) -> bool:
    """A four-digit year, a day, a month name, and no word that is not part of a date."""
    if not re.search(r"(?<!\d)\d{4}(?!\d)", text) or len(re.findall(r"\d+", text)) < 2:
        return False
    words = [w.lower().rstrip(".") for w in WORD.findall(text)]
    if not any(w in MONTH_NAMES for w in words):
        return False
    allowed = MONTH_NAMES | DAY_NAMES | FILLER_WORDS | set(ZONE_HOURS)
    return all(w in allowed for w in words)


def _with_dateutil(text: str, day_first: bool) -> ReadDate | None:
    from dateutil import parser

    cleaned = ZONE_PREFIXED_OFFSET.sub("", text)  # "UTC-03:00": dateutil would invert the sign
    try:
        parsed = parser.parse(cleaned, dayfirst=day_first, default=datetime(1, 1, 1), tzinfos=_zones())
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed.year == 1:
        return None
    return ReadDate(_aware(parsed))


@lru_cache(maxsize=1)
def _zones() -> dict[str, timezone]:
    return {name.upper(): timezone(timedelta(hours=hours)) for name, hours in ZONE_HOURS.items()}


def find_in_text(
    text: str, *, day_first: bool = True, languages: bool = False
) -> tuple[ReadDate, str] | None:
    """The first date written inside `text`, and the text it was read from; with `languages`,
    one written in another language too ('am 24. Juli 2017', `monthnames.py`), after any in
    English or numbers."""
    if not YEAR.search(text):  # every date shape has a four-digit year: most text has none
        return None
    for match in DATE_SHAPES.finditer(text):
        start, end = match.span()
        if (start and (text[start - 1].isalnum())) or (end < len(text) and text[end].isalnum()):
            continue  # part of a longer number or word: a version, an identifier
        found = read_date(match.group(0).rstrip(",. "), day_first=day_first)
        if found is not None:
            return found, match.group(0)
    if languages and (foreign := find_foreign(text)) and (read := read_date(foreign[1])):
        return read, foreign[0]
    return None


def no_such_day(text: str) -> str | None:
    """What names no day in the YYYY-MM-DD date `text` opens with: its year, its month or its
    day ('February 2026 has 28 days'); None where it names one, or opens with no such date."""
    import calendar

    match = ISO_DAY.match(text)
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    if year == 0:
        return "there is no year 0"
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    days = calendar.monthrange(year, month)[1]
    if 1 <= day <= days:
        return None
    return f"{MONTHS[month - 1].capitalize()} {year} has {days} days" if day else "there is no day 0"
