"""Where a saved page shows when its article was published, read before the article is cut
out of the page: its `<time>` elements, the datelines and blocks under the headline, a
`data-publishtime` attribute, its 'this entry was posted on' lines and the links to itself
that read as a date. `pagedate` chooses among what these find."""

from __future__ import annotations

import re
from copy import deepcopy
from datetime import date, datetime, timedelta
from html import escape
from typing import Any
from urllib.parse import urljoin, urlparse

from digest.sources.dates import find_in_text, read_date
from digest.sources.importer.pageblocks import heading_text, marked
from digest.sources.importer.pageparts import in_comments, in_story_card, loose_text
from digest.sources.importer.pageurls import is_web_address

UPDATE_MARKED = (
    ".//*[contains(concat(' ', normalize-space(@class), ' '), ' updated ') or @itemprop='dateModified']"
)
DATELINE_HINTS = ("date", "dateline", "datum", "time", "published", "pubdate")
DATELINE_MAX = 80
EARLIEST_ZONE, LATEST_ZONE = timedelta(hours=-12), timedelta(hours=14)  # the world's time zones
HEADLINE_BLOCKS = 2
# The byline and dateline blocks around a headline (some pages put them above it).
NEAR_HEADLINE = "preceding::*[position() <= 30] | following::*[position() <= 30]"
DATA_TIME = re.compile(r"data-(?:publish|published|pub|posted)[-_]?(?:time|date|at|on|timestamp)?")
# A post's own statement of when it went out: a self-reference ('this entry', 'dieser Beitrag',
# 'cet article'), then within the sentence the verb of publishing, the date before or after it.
SELF_PUBLISHED = re.compile(
    r"\b(?:this\s+(?:entry|post|article|story)|(?:dieser|diese)\s+(?:beitrag|artikel|eintrag|meldung)|"
    r"cet\s+article|ce\s+billet|este\s+(?:artículo|post)|esta\s+entrada|questo\s+(?:articolo|post)|"
    r"dit\s+(?:bericht|artikel))\b.{0,120}?\b(?:posted|published|written|veröffentlicht|geschrieben|"
    r"publié|écrit|publicad[oa]|escrit[oa]|pubblicato|scritto|gepubliceerd|geplaatst)\b",
    re.IGNORECASE,
)
PUBLISHED_LINE_MAX = 400  # a line of the post's metadata, not a paragraph of its prose or a whole column
PUBLISHED_DATE_REACH = 80  # 'posted on Saturday, December 3rd, 2011 at 10:12 am': the date after the verb


def permalink_date_texts(document: Any, base_url: str | None) -> list[str]:
    """The short texts of links to the page's own address (its path, any query; no fragment,
    which points into the page, at a comment say) that read as a date, outside the comments
    and other stories' cards; read before the article is cut out of the page."""
    own = urlparse(base_url) if base_url and is_web_address(base_url) else None
    if own is None or not own.path.strip("/"):
        return []
    texts = []
    for link in document.xpath("//a[@href]"):
        text = " ".join(link.text_content().split())
        if not text or len(text) > DATELINE_MAX or not any(character.isdigit() for character in text):
            continue
        try:
            target = urlparse(urljoin(base_url, link.get("href").strip()))
        except ValueError:  # a malformed IPv6 host
            continue
        if target.fragment or target.netloc.lower() != own.netloc.lower():
            continue
        if target.path.rstrip("/") != own.path.rstrip("/") or in_comments(link) or in_story_card(link):
            continue
        texts.append(text)
    return texts


def dateline_texts(document: Any) -> list[str]:
    """The short texts of blocks marked as a date just under the headline (read before the
    article is cut out of the page, headline and all)."""
    lines = []
    for heading in document.xpath("//h1")[:3]:
        for element in heading.xpath("following::*[position() <= 30]"):
            if not marked(element, DATELINE_HINTS) or in_comments(element) or in_story_card(element):
                continue
            text = " ".join(element.text_content().split())
            if text and len(text) <= DATELINE_MAX:
                lines.append(text)
    return lines


def headline_block_texts(document: Any) -> list[str]:
    """The short texts of the blocks that follow the page's headline beside it (its dateline
    and byline, unmarked: '18 June 2019 | Kanav Gupta')."""
    for heading in _headline_first(document):
        texts: list[str] = []
        for element in heading.itersiblings():
            if not isinstance(element.tag, str) or len(texts) == HEADLINE_BLOCKS:
                break
            text = " ".join(_text_but_updates(element).split())
            if text and len(text) <= DATELINE_MAX and not in_comments(element):
                texts.append(text)
        return texts
    return []


def _text_but_updates(element: Any) -> str:
    """An element's text without the parts marked as the last update (hAtom's `updated`,
    schema.org's `dateModified`), which a theme may print, hidden or not, beside the day."""
    marked = element.xpath(UPDATE_MARKED)
    if not marked:
        return str(element.text_content())
    copy = deepcopy(element)
    for stamp in copy.xpath(UPDATE_MARKED):
        stamp.drop_tree()
    # the parts stood apart in the line; what is left of it may not run together ('AnnJune 19')
    return " ".join(str(piece) for piece in copy.itertext())


def _headline_first(document: Any) -> list[Any]:
    """The page's <h1>s with words, the headline first: the longest one that the page's declared
    title or <title> holds, before a masthead's ('CNN' over 'Headline - CNNArabic.com')."""
    headings = [heading for heading in document.xpath("//h1") if heading_text(heading)]
    declared = [element.get("content") or "" for element in document.xpath("//meta[@property='og:title']")]
    titles = [loose_text(text) for text in declared + [t.text_content() for t in document.xpath("//title")]]
    held = [h for h in headings if any(loose_text(heading_text(h)) in title for title in titles if title)]
    if held:
        longest = max(held, key=lambda heading: len(loose_text(heading_text(heading))))
        headings.remove(longest)
        headings.insert(0, longest)
    return headings


# A timestamp's digits, and no more than int() reads: '²' is a digit to str.isdigit.
PLAIN_NUMBER = re.compile(r"[0-9]{1,30}")


def as_number(value: str) -> int | str:
    """A value of plain digits as the number it writes (a timestamp), else the value itself."""
    return int(value) if PLAIN_NUMBER.fullmatch(value) else value


def data_publish_time(document: Any) -> str | None:
    """The first publication time carried in a data attribute for the page's scripts
    (`<span class="publish-time" data-publishtime="1425913200851">`, which they fill in), by an
    element marked as a date or time or standing by the headline, outside the comments and
    other stories' cards."""
    near = {e for h in document.xpath("//h1")[:3] for e in h.xpath(NEAR_HEADLINE)}
    for attribute in document.xpath("//@*[starts-with(name(), 'data-p')]"):
        holder = attribute.getparent()
        if not DATA_TIME.fullmatch(attribute.attrname.lower()) or holder is None:
            continue
        if holder not in near and not marked(holder, DATELINE_HINTS):
            continue
        if in_comments(holder) or in_story_card(holder):
            continue
        value = str(attribute).strip()
        if read_date(as_number(value)) is not None:
            return value
    return None


def time_elements(document: Any) -> list[Any]:
    """<time datetime> elements that may date the article, the one marked as the publication
    first: none in the comments, and, when the headline is inside an <article>, none inside
    another <article> (HTML's self-contained items: the teasers of other stories, each with
    its own date, `pubdate` included), nor inside a <blockquote> (words quoted from another
    source, such as an embedded social post, dated by that source)."""
    own = {a for h in document.xpath("//h1") if heading_text(h) for a in h.iterancestors("article")}
    times = []
    for element in document.xpath("//time[@datetime]"):
        nearest = next(element.iterancestors("article"), None)
        if in_comments(element) or (own and nearest is not None and nearest not in own):
            continue
        if _in_dated_list(element) or next(element.iterancestors("blockquote"), None) is not None:
            continue
        times.append(element)
    marked = [t for t in times if t.get("pubdate") is not None or t.get("itemprop") == "datePublished"]
    return [*marked, *(t for t in times if t not in marked)]


def _in_dated_list(element: Any) -> bool:
    """Inside a list whose items each carry a date of their own and a link: a list of posts
    (a blog's thread, recent posts, an archive), each item another page's date."""
    item = next(element.iterancestors("li"), None)
    listing = item.getparent() if item is not None else None
    if listing is None or listing.tag not in ("ul", "ol"):
        return False
    items = [child for child in listing if child.tag == "li"]
    return len(items) >= 2 and all(li.xpath(".//time[@datetime]") and li.xpath(".//a[@href]") for li in items)


def time_value(element: Any) -> str:
    """A <time>'s date: its `datetime`, unless the text it shows readers states a whole date
    (day, month and year) on another day, which the page then tells its readers instead."""
    value = str(element.get("datetime"))
    text = " ".join(element.text_content().split())
    machine = read_date(value)
    if machine is None or not re.search(r"(?<!\d)\d{4}(?!\d)", text) or len(text) > 80:
        return value
    shown = _shown_date(text)
    if shown is None or shown == machine.value.date() or _same_moment_elsewhere(value, machine.value, shown):
        return value
    return shown.isoformat()


def _same_moment_elsewhere(value: str, moment: datetime, shown: date) -> bool:
    """Whether `shown` is the day a moment stated in UTC, to the minute, falls on in some time zone
    (UTC-12 to UTC+14): the day a script wrote for it in the reading browser's zone ('May 3' for
    20:15 UTC on 2 May, east of UTC+3:45), the same moment and no other day."""
    if ":" not in value or moment.utcoffset() != timedelta(0):
        return False
    return (moment + EARLIEST_ZONE).date() <= shown <= (moment + LATEST_ZONE).date()


def _shown_date(text: str) -> date | None:
    """A whole date in a short text, in English or numbers (`find_in_text`), else in the
    page's language as htmldate reads one ('Publié le 29 juin 2019')."""
    if found := find_in_text(text):
        return found[0].value.date()
    import htmldate

    try:
        day = htmldate.find_date(
            f"<html><body><p>{escape(text)}</p></body></html>",
            extensive_search=True,
            min_date="1995-01-01",
            max_date="2100-12-31",
        )
    except (ValueError, TypeError):
        return None
    return date.fromisoformat(day) if day else None


def published_line_texts(document: Any) -> list[str]:
    """Short blocks in which the post says when it was published, as blog themes print it after
    the text ('This entry was posted on ...', 'Dieser Beitrag wurde am ... veröffentlicht'): the
    statement from its own self-reference to its verb, and the words after; none in the comments
    or in another story's card."""
    body = document.find("body")
    if body is None or not SELF_PUBLISHED.search(" ".join(body.text_content().split())):
        return []  # most pages say no such thing: their blocks are not each read
    lines = []
    for element in body.xpath(".//p | .//div | .//footer | .//small | .//span"):
        text = " ".join(element.text_content().split())
        if len(text) > PUBLISHED_LINE_MAX or not (match := SELF_PUBLISHED.search(text)):
            continue
        if in_comments(element) or in_story_card(element):
            continue
        lines.append(text[match.start() : match.end() + PUBLISHED_DATE_REACH])
    return lines
