"""Dates written in other languages, read with the Unicode CLDR's month names (Babel's data).

`dates.py` reads dates written in English; a page or a post written in German, French,
Spanish and the like writes 'Gespeichert am 24. Juli 2017', '3 de marzo de 2021' or
'2018年6月19日'. Rather than keep lists of month names by hand, the names come from CLDR
(wide and abbreviated, in their format and stand-alone forms) for the languages below; a
name that means different months in two languages (none among the wide names) is left out.
A date so found is rewritten in English ('24 July 2017') for `dates.py` to judge by its
usual gate, so the same strictness holds: a month name alone, or one without a day and a
four-digit year around it, is never a date.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Languages of the sites and notes digest reads; CLDR has them all. English is dates.py's own.
LANGUAGES = (
    "de", "fr", "es", "it", "pt", "nl", "sv", "da", "nb", "fi", "pl", "cs", "sk", "sl", "hr",
    "ro", "hu", "tr", "ru", "uk", "ca", "gl", "eu", "lv", "lt", "et", "el", "id", "vi",
    "ar", "ar_SY", "he", "fa", "hi",  # ar_SY: the Levantine names ('آب'), written beside Egypt's
)  # fmt: skip
ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)  # fmt: skip
# Words that join a date's parts in these languages ('3 de marzo de 2021', '24. Juli 2017 um
# 18:55', 'le 3 mars 2021 à 18h55'): dropped between the parts once a month name is found.
JOINERS = r"(?:de|del|di|der|den|do|da)"  # never English's: no English date has a foreign month
CJK_DATE = re.compile(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
MIN_ABBREVIATION = 3
# Arabic script writes an alef with or without its hamza or madda ('أغسطس', 'اغسطس'): one letter
# for reading month names, as many sites and keyboards leave the marks out.
ALEF_FORMS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})
# Hebrew joins 'in' to the month it dates ('4 בינואר 2013').
HEBREW_IN = "ב"


@lru_cache(maxsize=1)
def month_numbers() -> dict[str, int]:
    """Every CLDR month name of LANGUAGES (lower case, without a final full stop) and its
    month, leaving out names that stand for different months in two languages."""
    from babel.dates import get_month_names

    found: dict[str, set[int]] = {}
    for language in LANGUAGES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, language).items():
                    key = name.lower().rstrip(".").translate(ALEF_FORMS)
                    if _long_enough(key) and not key.isdigit():
                        found.setdefault(key, set()).add(number)
    english = {name.lower() for name in ENGLISH_MONTHS} | {name.lower()[:3] for name in ENGLISH_MONTHS}
    unique = {name: months for name, months in found.items() if len(months) == 1 and name not in english}
    return {name: months.pop() for name, months in unique.items()}


def _long_enough(name: str) -> bool:
    """Whether a month name is long enough to tell from a word: three letters, or two outside
    the Latin script, where a two-letter name is the whole name (Arabic 'آب', Hindi 'मई')."""
    latin = any("a" <= c <= "z" or "\u00c0" <= c <= "\u024f" for c in name)
    return len(name) >= MIN_ABBREVIATION or (len(name) == MIN_ABBREVIATION - 1 and not latin)


@lru_cache(maxsize=1)
def with_english_numbers() -> dict[str, int]:
    """month_numbers() and English's names, wide and of three letters: a date in another
    language may spell its month as English does ('3. November 2026', 'mar. 3 nov. 2026')."""
    english = {name.lower(): number for number, name in enumerate(ENGLISH_MONTHS, 1)}
    return month_numbers() | english | {name[:3]: number for name, number in english.items()}


@lru_cache(maxsize=2)
def _shapes(with_english: bool = False) -> re.Pattern[str]:
    known = with_english_numbers() if with_english else month_numbers()
    names = "|".join(re.escape(name) for name in sorted(known, key=len, reverse=True))
    # a month may be named twice, as Levantine and Egyptian Arabic both do ('آب/أغسطس')
    month = rf"(?:{HEBREW_IN}-?)?(?P<month>{names})\.?(?:\s*/\s*(?P<pair>{names})\.?)?"
    # the first written as an ordinal: French '1er', Spanish and Portuguese '1º' ('1.º')
    day = r"(?P<day>\d{1,2})(?:\.º?|(?<=1)er|[ºª])?"
    year = r"(?P<year>\d{4})"
    joiner = rf"(?:\s+{JOINERS})?"
    day_first = rf"{day}{joiner}\s+{month}{joiner},?\s+{year}"
    # WordPress writes the day's suffix in English whatever the month's language ('Juni 19th, 2018')
    month_first = rf"(?P<month2>{names})\.?\s+(?P<day2>\d{{1,2}})(?:\.|st|nd|rd|th)?,?\s+(?P<year2>\d{{4}})"
    return re.compile(rf"(?<!\w)(?:{day_first}|{month_first})(?!\w)", re.IGNORECASE)


def _month_word_shapes() -> re.Pattern[str]:
    """The shapes `_shapes` reads, a word of letters standing where a month's name does: text
    none of them fits holds no date in another language's words, and the month names (a second
    to load) need not be read for it ('Top 10 tools of 2021')."""
    word = r"[^\W\d_]+\.?"
    month = rf"(?:{HEBREW_IN}-?)?{word}(?:\s*/\s*{word})?"
    joiner = rf"(?:\s+{JOINERS})?"
    day_first = rf"\d{{1,2}}(?:\.º?|(?<=1)er|[ºª])?{joiner}\s+{month}{joiner},?\s+\d{{4}}"
    month_first = rf"{word}\s+\d{{1,2}}(?:\.|st|nd|rd|th)?,?\s+\d{{4}}"
    return re.compile(rf"(?<!\w)(?:{day_first}|{month_first})(?!\w)|\d{{4}}\s*[年년]", re.IGNORECASE)


MONTH_WORD_SHAPES = _month_word_shapes()


def may_write_a_date(text: str) -> bool:
    """Whether `text` has a date's shape with a word where a month's name may stand, or CJK's 年."""
    return MONTH_WORD_SHAPES.search(text) is not None


def find_foreign(text: str, with_english: bool = False) -> tuple[str, str] | None:
    """The first date written with another language's month name (or in CJK's 年月日) in
    `text`: the text it was read from, and the same date in English ('24 July 2017');
    `with_english`: a month spelled as English does counts too."""
    if not re.search(r"\d{4}", text):
        return None
    cjk = CJK_DATE.search(text)
    match = _named_month_date(text, with_english) if any(ord(c) > 127 or c.isalpha() for c in text) else None
    if cjk and (match is None or cjk.start() < match.start()):
        numbers = [int(part) for part in cjk.groups()]
        return cjk.group(0), "{:04d}-{:02d}-{:02d}".format(*numbers)
    if match is None:
        return None
    day, name, year = match.group("day", "month", "year")
    if day is None:
        day, name, year = match.group("day2", "month2", "year2")
    number = _month_number(name)
    return text[match.start() : match.end()], f"{int(day)} {ENGLISH_MONTHS[number - 1]} {int(year)}"


def _named_month_date(text: str, with_english: bool) -> re.Match[str] | None:
    """The first date with a month name in `text` (its alefs read as one letter, so the match's
    span is the original's): a month named twice must be named the same both times."""
    for match in _shapes(with_english).finditer(text.translate(ALEF_FORMS)):
        pair = match.group("pair")
        if pair is None or _month_number(pair) == _month_number(match.group("month")):
            return match
    return None


def _month_number(name: str) -> int:
    return with_english_numbers()[name.lower().rstrip(".")]


# What a whole date value may hold around the date: a weekday, a time, the words that
# introduce a time ('um 18:55 Uhr', 'à 18h55', 'a las 18:55', 'kl. 18.55').
TIME_OF_DAY = re.compile(r"(?<!\d)(\d{1,2})[:h.](\d{2})(?::(\d{2}))?(?!\d)")
TIME_WORDS = frozenset(
    {"le", "el", "il", "am", "den", "op", "on", "um", "uhr", "à", "a", "las", "alle", "ore", "kl", "klo"}
    | {"om", "às", "o", "h", "godz"}
)


@lru_cache(maxsize=1)
def weekday_names() -> frozenset[str]:
    from babel.dates import get_day_names

    return frozenset(
        name.lower().rstrip(".")
        for language in LANGUAGES
        for width in ("wide", "abbreviated")
        for name in get_day_names(width, "format", language).values()
    )


def foreign_value(text: str, with_english: bool = False) -> str | None:
    """A whole metadata value written as a date in another language ('Montag, 24. Juli 2017
    um 18:55 Uhr'), in English for dateutil ('24 July 2017 18:55'); None when the value holds
    anything but the date, a weekday and a time. `with_english`: a month spelled as English
    does counts too (a value known to be a date, in whatever language)."""
    found = find_foreign(text, with_english)
    if found is None:
        return None
    written, english = found
    rest = text.replace(written, " ", 1)
    clock = TIME_OF_DAY.search(rest)
    if clock:
        rest = rest.replace(clock.group(0), " ", 1)
    words = [word.lower().rstrip(".") for word in re.findall(r"[^\W\d_]+\.?", rest)]
    if re.search(r"\d", rest) or any(w not in TIME_WORDS and w not in weekday_names() for w in words):
        return None
    if clock:
        hours, minutes, seconds = clock.groups()
        english += f" {int(hours):02d}:{minutes}:{seconds or '00'}"
    return english
