"""When a saved page's article was published: what the page declares (JSON-LD, Open Graph,
`<meta>` names), weighed against the dates it shows its readers (`datelines`), then what its
title, text or address say, and last htmldate's guess, recorded as a guess."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlparse

from digest.errors import quoted
from digest.sources.dates import ReadDate, day_first_for, find_in_text, read_date
from digest.sources.importer.bylines import MARKDOWN_IMAGE
from digest.sources.importer.datelines import DATELINE_MAX, as_number
from digest.sources.importer.htmlmeta import PageFacts
from digest.sources.importer.pageparts import loose_text
from digest.sources.importer.pagetitle import title_segments
from digest.sources.openinglines import MARKDOWN_LINK

DATE_NAMES = re.compile(r"date|time|published$|issued$|created$|posted$")
# Words that may stand beside a date in a heading that stamps an issue with its day ('TLDR 2023-09-11').
WORDS_BESIDE_AN_ISSUE_DATE = 4
WORDS_BESIDE_A_DATELINE = 6
# A clock time and a time zone beside a dateline's date are a part of it, not other words:
# '04 آب 2013، 02:21 (GMT+0400)', '3:53 p.m. EST'.
CLOCK_TIME = re.compile(r"(?<!\d)\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?\s?m\b\.?)?(?!\d)", re.IGNORECASE)
TIME_ZONE = re.compile(r"\(?\b(?:GMT|UTC)(?:\s*[+\-\u2212]\s*\d{1,2}(?::?\d{2})?)?\b\)?", re.IGNORECASE)
UPDATE_WORDS = re.compile(
    r"\b(?:updated?|modified|revised|aktualisiert|geändert|mis à jour"
    r"|تحديث|محدث|עודכן|עדכון|بروزرسانی|अपडेट|अद्यतन)\b",  # Arabic, Hebrew, Persian, Hindi
    re.IGNORECASE,
)
# An address dated by its folders: /2013/middle_east/8/3/, /2010/POLITICS/08/13/, /2019/05/07/.
ADDRESS_DATE = re.compile(r"/((?:19|20)\d\d)/(?:[A-Za-z][\w-]*/)?(\d{1,2})/(\d{1,2})/")
ZONE_AT_END = re.compile(r"(?:[zZ]|[+-]\d{2}:?\d{2}|\b(?:UTC|GMT))$")  # '…Z', '… GMT'
DATE_PUBLISHED_HINTS = ("publi", "issued", "created", "pubdate", "original", "posted", "release")
DATE_NOT_HINTS = (
    "modif",
    "updat",
    "expir",
    "revis",
    "last",
    "review",
    "embargo",
    "event",
    "zone",
    "http-equiv",
)
# A date the opening sentence tells of ("was released on November 5, 2019"), not a dateline.
PROSE_DATE = re.compile(
    r"\b(?:was|were|is|are|has been|had been|will be)\s+\w+\s+(?:on|in)\s*$", re.IGNORECASE
)


@dataclass(frozen=True)
class FoundDate:
    value: datetime
    guess: str | None = None  # how it was inferred, when no field states it
    ambiguous: str | None = None


def page_date(
    facts: PageFacts, title: str, article_text: str, html: str, url: str | None, language: str
) -> tuple[FoundDate | None, list[str]]:
    """The article's publication date, and what could not be read. In order: the date the
    page declares (meta tags, JSON-LD, a <time> element), one in the title or the article's
    dateline, then htmldate's search of the whole page and its address."""
    day_first = day_first_for(facts.language or language)
    problems: list[str] = []
    declared = _declared_dates(facts)
    for index, candidate in enumerate(declared):
        value = as_number(candidate)
        found = read_date(value, day_first=day_first, languages=False)  # values meant for machines
        if found is not None:
            if shown := _dateline_over_created(facts, candidate, found.value, day_first):
                return shown, problems
            if shown := _permalink_before(facts, found.value, day_first):
                return shown, problems
            others = declared[index + 1 :]
            local = _local_day(candidate, found.value, others, day_first)
            local = local or _zoned_twin(candidate, found.value, others, day_first)
            return FoundDate(local or found.value, None, found.ambiguous), problems
        problems.append(f"the page's date {quoted(candidate)} was not understood: add 'date:'")
    written = _written_date(title, article_text, day_first) or _title_stamp(facts, day_first)
    if written is not None:
        found, where = written
        return FoundDate(
            found.value, f"date taken from {where} (often right); check it", found.ambiguous
        ), problems
    if beside := _headline_block_date(facts, day_first):
        read, text = beside
        guess = f"date taken from the line under the headline ({quoted(text)}) (often right); check it"
        return FoundDate(read.value, guess, read.ambiguous), problems
    if stamped := _issue_heading_date(facts, title, day_first):
        read, text = stamped
        guess = f"date taken from the heading {quoted(text)} (often right); check it"
        return FoundDate(read.value, guess, read.ambiguous), problems
    if addressed := _address_date(url):
        return FoundDate(addressed, "date taken from the page's address (often right); check it"), problems
    if stated := _published_line_date(facts, day_first):
        read, text = stated
        guess = f"date taken from the post's line saying when it was published ({quoted(text)}) (often right)"
        guess += "; check it"
        return FoundDate(read.value, guess, read.ambiguous), problems
    searched = _htmldate(html, url, extensive=_elements(facts.document) <= MAX_SEARCHED_ELEMENTS)
    if searched is not None and not _padded_year(searched, html):
        guess = "date found by htmldate in the page's text or address (may be wrong); check it"
        return FoundDate(searched, guess), problems
    return None, problems


def _dateline_over_created(
    facts: PageFacts, candidate: str, declared: datetime, day_first: bool
) -> FoundDate | None:
    """The dateline's date, when the page declares only its record's creation and that is
    later than the day the page shows under its headline (a story stored again years on)."""
    shown = _earlier_dateline(facts, declared, day_first) if _only_created(facts, candidate) else None
    if shown is None:
        return None
    found, text = shown
    guess = (
        f"date taken from the dateline under the headline ({quoted(text)}): the page declares only a later "
        "creation date, its record's; check it"
    )
    return FoundDate(found.value, guess, found.ambiguous)


def _permalink_before(facts: PageFacts, declared: datetime, day_first: bool) -> FoundDate | None:
    """The day the page shows as its link to itself (blog engines and Medium print a post's
    date as its permalink), when it is more than a day before any day the declared moment falls
    on in any zone: the declared time is then a later republication (an import, a move to
    another publication), and the day on show is the first publication's."""
    earliest = (declared.astimezone(UTC) - timedelta(hours=12)).date()  # the moment's day at UTC-12
    for text in facts.permalink_dates:
        read = read_date(text, day_first=day_first)
        if read is None or read.value.date() >= earliest - timedelta(days=1):
            continue
        guess = (
            f"date taken from the page's link to itself ({quoted(text)}): the page declares a later "
            f"publication ({declared.date().isoformat()}), a republication; check it"
        )
        return FoundDate(read.value, guess, read.ambiguous)
    return None


def _only_created(facts: PageFacts, candidate: str) -> bool:
    """Whether a declared date is only the record's creation (`dateCreated`, `created`): a CMS
    stamps it when the item is stored, which may be long after the story ran."""
    names = [name for name, content in facts.metas if content == candidate]
    return bool(names) and all("created" in name for name in names) and candidate != facts.linked.published


def _headline_block_date(facts: PageFacts, day_first: bool) -> tuple[ReadDate, str] | None:
    """A date standing with a few words in a block beside the headline, unless it says it is an
    update."""
    for text in facts.headline_blocks:  # a dateline, where a reader looks for the date in any language
        found = find_in_text(text, day_first=day_first, languages=True)
        if found is None or UPDATE_WORDS.search(text):
            continue
        beside = TIME_ZONE.sub(" ", CLOCK_TIME.sub(" ", text.replace(found[1], " ")))
        if len(re.findall(r"\w+", beside)) <= WORDS_BESIDE_A_DATELINE:
            return _with_clock_time(found, text, day_first), text
    return None


def _with_clock_time(found: tuple[ReadDate, str], text: str, day_first: bool) -> ReadDate:
    """The dateline's date with the clock time written right after it ('2018/6/19 5:50'), when
    the two read as one moment; else the date alone."""
    written = found[1].rstrip(",. ")
    after = text[text.find(written) + len(written) :]
    clock = re.match(r"[,،\s]*(?:um|at|à|a las|kl\.?)?\s*(" + CLOCK_TIME.pattern + ")", after, re.IGNORECASE)
    timed = read_date(f"{written} {clock.group(1)}", day_first=day_first) if clock else None
    return timed if timed is not None and timed.value.date() == found[0].value.date() else found[0]


def _earlier_dateline(facts: PageFacts, declared: datetime, day_first: bool) -> tuple[ReadDate, str] | None:
    """A whole date the page shows in a block marked as a date just under its headline, when it
    is an earlier day than `declared`."""
    for text in facts.datelines:
        found = find_in_text(text, day_first=day_first)
        if found and found[0].value.date() < declared.date():
            return found[0], text
    return None


def _local_day(candidate: str, value: datetime, others: list[str], day_first: bool) -> datetime | None:
    """For a day given without a time, the same moment as the page states it elsewhere with its
    time and offset, when that day is the moment's day in UTC but not where it was published
    (an evening in New York is the next day in UTC)."""
    if ":" in candidate or (value.hour, value.minute, value.second) != (0, 0, 0):
        return None
    for moment in _zoned_moments(others, day_first):
        if moment.astimezone(UTC).date() == value.date() != moment.date():
            return moment
    return None


def _zoned_twin(candidate: str, value: datetime, others: list[str], day_first: bool) -> datetime | None:
    """For a time given without an offset ('2023/11/02 20:59:53', read as UTC), the same wall
    clock as the page states it elsewhere with its offset ('2023-11-02T20:59:53+07:00'): the
    newsroom's local time, written once for people and once for machines."""
    if candidate.isdigit() or ZONE_AT_END.search(candidate.strip()) or value.utcoffset() != timedelta(0):
        return None
    for moment in _zoned_moments(others, day_first):
        if moment.replace(tzinfo=None) == value.replace(tzinfo=None):
            return moment
    return None


def _zoned_moments(others: list[str], day_first: bool) -> Iterator[datetime]:
    """The moments the page states elsewhere with a time and an offset other than UTC's, one
    by one as they are asked for."""
    for other in others:
        timed = read_date(other, day_first=day_first) if ":" in other else None
        if timed is not None and timed.value.utcoffset() not in (None, timedelta(0)):
            yield timed.value


def _declared_dates(facts: PageFacts) -> list[str]:
    """Dates the page states for its publication: meta tags whose name says so (published
    ones before plain 'date' ones), JSON-LD, then <time> elements marked or first."""
    published: list[str] = []
    created: list[str] = []  # the record's creation ('createdate'): the draft may predate the story
    plain: list[str] = []
    for name, content in facts.metas:
        if not DATE_NAMES.search(name) or any(word in name for word in DATE_NOT_HINTS):
            continue
        hints = [word for word in DATE_PUBLISHED_HINTS if word in name]
        (created if hints == ["created"] else published if hints else plain).append(content)
    if facts.linked.published:
        published.append(facts.linked.published)
    # a time kept for scripts in a data attribute: the last resort of the page's own statements
    times = [*facts.times[:1], *([facts.data_time] if facts.data_time else [])]
    return [*published, *created, *plain, *times]


def _written_date(title: str, article_text: str, day_first: bool) -> tuple[ReadDate, str] | None:
    if found := find_in_text(title, day_first=day_first):
        return found[0], "the title"
    # the words a reader sees: an image's address (/2013/10/23/photo.jpg) dates the upload
    shown = MARKDOWN_IMAGE.sub(r"\1", article_text[:4000])
    paragraphs = [" ".join(MARKDOWN_LINK.sub(r"\1", part).split()) for part in re.split(r"\n\s*\n", shown)]
    for line in [part for part in paragraphs if part][:4]:
        found = find_in_text(line[:200], day_first=day_first)
        if not found or PROSE_DATE.search(line[: line.find(found[1])]):
            continue
        if len(line) < 120 or line.find(found[1]) < 40:
            return found[0], f"the article's opening '{line[:50]}'"
    return None


def _title_stamp(facts: PageFacts, day_first: bool) -> tuple[ReadDate, str] | None:
    """A date standing alone as a segment of the title the page declares for sharing or in its
    <title> ('Headline | Site | 10.06.2013'): the article's day, stamped by the site."""
    titles = [facts.meta("og:title"), facts.meta("twitter:title")]
    titles += [" ".join(t.text_content().split()) for t in facts.document.xpath("//head/title")]
    for text in titles:
        for segment in title_segments(text or "")[1:]:
            found = find_in_text(segment, day_first=day_first)
            if found and found[1].strip(",. ") == segment.strip(",. "):
                return found[0], "the page's title"
    return None


def _issue_heading_date(facts: PageFacts, title: str, day_first: bool) -> tuple[ReadDate, str] | None:
    """The date in a heading that is not the article's title but a stamp of its issue, a date with
    a few words beside it (a newsletter's archive page: 'TLDR 2023-09-11' over the issue's subject);
    a headline's own date is a date it tells of."""
    for text in facts.main_headings:
        if not text or len(text) > DATELINE_MAX or loose_text(text) in loose_text(title):
            continue
        found = find_in_text(text, day_first=day_first)
        if found and len(re.findall(r"\w+", text.replace(found[1], " "))) <= WORDS_BESIDE_AN_ISSUE_DATE:
            return found[0], text
    return None


def _published_line_date(facts: PageFacts, day_first: bool) -> tuple[ReadDate, str] | None:
    for text in facts.published_lines:
        if found := find_in_text(text, day_first=day_first, languages=True):
            return found[0], found[1]
    return None


def _address_date(url: str | None) -> datetime | None:
    """The day the page's address gives in its folders: year, perhaps a section, month, day."""
    match = ADDRESS_DATE.search(urlparse(url).path) if url else None
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    try:
        return datetime(year, month, day, tzinfo=UTC)
    except ValueError:
        return None


# htmldate's search of a page's free text takes time that grows with the square of its
# elements (10,000 inline elements: 2.5 s; 20,000: 17 s): a larger page is searched the fast
# way (its markup, <time>s, title and known patterns).
MAX_SEARCHED_ELEMENTS = 5_000


def _elements(document: Any) -> int:
    return sum(1 for _ in document.iter())


def _padded_year(found: datetime, html: str) -> bool:
    """Whether htmldate's day is a year alone, padded to its first of January: the page writes no
    first of January of that year anywhere (its text, its markup, its address), so the year was a
    number in the prose ('open source only in 2000') or a copyright line, no day of publication."""
    if (found.month, found.day) != (1, 1):
        return False
    year = found.year
    written = (
        rf"{year}[-/.]0?1[-/.]0?1(?!\d)",  # 2000-01-01, 2000/1/1
        rf"(?<!\d)0?1[-/.]0?1[-/.]{year}",  # 01.01.2000, 1/1/2000
        rf"{year}\s*[年년]\s*0?1\s*[月월]\s*0?1\s*[日일]",  # 2000年1月1日, 2000년 1월 1일
    )
    if any(re.search(pattern, html) for pattern in written):
        return False
    return not any(_first_of_january(html, match, year) for match in _occurrences(html, year))


# The characters read before and after a year for the day and month written with it: 'Freitag,
# 1. Januar 2021', '1 de janeiro de 2021', 'January 1st, 2021'. A page writing the year more
# often than MAX_YEARS_READ times is read at its first ones.
BEFORE_A_YEAR, AFTER_A_YEAR = 40, 24
MAX_YEARS_READ = 1_000


def _occurrences(html: str, year: int) -> Iterator[re.Match[str]]:
    found = re.finditer(rf"(?<!\d){year}(?!\d)", html)
    return (match for _, match in zip(range(MAX_YEARS_READ), found, strict=False))


def _first_of_january(html: str, year_at: re.Match[str], year: int) -> bool:
    """Whether the words that end with, or start with, this occurrence of the year write its
    first of January, in any language CLDR names months in (`find_in_text`)."""
    start, end = year_at.span()
    for text in (html[max(0, start - BEFORE_A_YEAR) : end], html[start : end + AFTER_A_YEAR]):
        read = find_in_text(text, languages=True)
        if read is not None and (read[0].value.year, read[0].value.month, read[0].value.day) == (year, 1, 1):
            return True
    return False


def _htmldate(html: str, url: str | None, *, extensive: bool) -> datetime | None:
    import htmldate

    try:
        text = htmldate.find_date(
            html,
            extensive_search=extensive,
            original_date=True,
            outputformat="%Y-%m-%dT%H:%M:%S%z",
            url=url,
            min_date="1995-01-01",
            max_date="2100-12-31",  # fixed: the result never depends on today's date
        )
    except (ValueError, TypeError):
        return None
    found = read_date(text) if text else None
    return found.value if found else None
