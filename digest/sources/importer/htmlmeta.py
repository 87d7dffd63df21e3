"""What a saved page says about its article: title, author, date, address, tags, picture.

Each field has an order of trust: what the page declares for machines (Open Graph, Twitter
cards, schema.org JSON-LD, Dublin Core, `<meta>` names), then what it shows a reader
(the headline, the byline, the dateline), then inference. Whatever is inferred is recorded
as a guess. Titles lose a site name appended to them; authors are names, never a username,
a handle, an organisation or a share widget.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from html import unescape
from typing import Any
from urllib.parse import urljoin, urlparse

from digest.sources.dates import find_in_text
from digest.sources.importer.datelines import (
    data_publish_time,
    dateline_texts,
    headline_block_texts,
    permalink_date_texts,
    published_line_texts,
    time_elements,
    time_value,
)
from digest.sources.importer.htmlbody import absolute, heading_text, is_web_address
from digest.sources.importer.linkeddata import LinkedData
from digest.sources.importer.pageparts import (
    element_lines,
    loose_text,
)
from digest.sources.values import one_line

# 'Headline • Ann Lee'; a mark after a space may be glued to the next word ('Headline -Ann Lee'): a
# hyphen joins words without spaces, so a dash after a space parts the title
SEPARATOR_MARKS = (r"\|", "-{1,2}", "–", "—", "·", "•", "::", "»", "›", "/", "~", "✩", "★", ":")
GUILLEMETS = (("«", "»"), ("‹", "›"))  # a separator alone, a quotation in pairs
# Marks that only lead the eye to a title ('>>> ', '» ', '— '); no emoji, which are words
LEADING_MARKS = re.compile(r"^[>»›≫→⇒►▶•·*~=+|/\\:.–—-]+\s+(?=\w)")
DATE_STAMP = re.compile(r"^((?:19|20)\d\d)([-/.])(\d\d)\2(\d\d)\s*[:|·–—-]?\s+(?=\S)")  # '2020-11-28 '
WRAPPING = re.compile(r"^\s+(?:\||-{1,2}|–|—|·|•|::|»|›|~)\s*\S")
DANGLING_SEPARATOR = re.compile(r"^(?:\||-{1,2}|–|—|·|•|::|»|›|~)\s+|\s+(?:\||-{1,2}|–|—|·|•|::|»|›|~)$")
PHOTO_CREDIT = re.compile(
    r"\s*[(\[（]\s*(?:photos?|fotos?|pictures?|images?|bild|credit|写真|画像|図)\s*[:：=＝]\s*[^)\]）]{1,40}[)\]）]\s*$",
    re.IGNORECASE,
)
KICKER = re.compile(r"\S(?::|\s(?:\||-{1,2}|–|—|·|•|::|»|›|~))\s+$")  # 'Kicker: Headline'
MAX_KICKER_WORDS = 5
# A bracketed last segment ('Headline [Site]'), in ASCII or full-width brackets ('記事　＜サイト名＞').
BRACKETED_SUFFIX = re.compile(r"\s*[\[(（［＜〈《【]([^\])）］＞〉》】]{1,40})[\])）］＞〉》】]\s*$")
ESCAPED_TWICE = re.compile(r"&(?:[a-zA-Z]{2,8}|#[0-9]{2,6}|#x[0-9a-fA-F]{2,5});")
# A headline that is only a number of a series: no title without its publication's name.
NUMBERED_ONLY = re.compile(
    r"(?:issue|episode|edition|number|no\.|vol\.|volume|part|ausgabe|numéro|número|folge|#)\s*#?\s*\d+",
    re.IGNORECASE,
)
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
MARKED_HEADLINE = (
    "//h1[contains(concat(' ', normalize-space(@class), ' '), ' entry-title ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' p-name ') or @itemprop='headline']"
)


@dataclass
class PageFacts:
    """The page's metadata, read once; each field below is chosen from these."""

    document: Any
    linked: LinkedData
    metas: list[tuple[str, str]]  # (name, property or itemprop, lower-cased; content), in page order
    site_names: list[str] = field(default_factory=list)
    language: str = ""
    times: list[str] = field(default_factory=list)  # <time datetime>s, read before the page is cut
    datelines: list[str] = field(default_factory=list)  # short date-marked texts under the headline
    headline_blocks: list[str] = field(default_factory=list)  # short texts of the blocks beside it
    data_time: str | None = None  # an element's data-publishtime (and the like), read before the cut
    address: str | None = None  # the page's own address (its canonical link), when it gives one
    headings: list[str] = field(default_factory=list)  # <h1>s and <h2>s not linking home, before the cut
    main_headings: list[str] = field(default_factory=list)  # the first <h1>s' texts, before the cut
    published_lines: list[str] = field(default_factory=list)  # 'This entry was posted on ...', before the cut
    permalink_dates: list[str] = field(default_factory=list)  # dates the page's links to itself read

    @classmethod
    def of(cls, document: Any, base_url: str | None) -> PageFacts:
        metas = []
        for element in document.xpath("//meta[@content]"):
            content = " ".join(_unescaped(element.get("content") or "").split())
            for attribute in ("property", "name", "itemprop", "http-equiv"):
                if element.get(attribute) and content:
                    metas.append((element.get(attribute).strip().lower(), content))
        facts = cls(document, LinkedData.from_document(document), metas, address=base_url)
        facts.language = (document.get("lang") or facts.meta("og:locale") or "").replace("_", "-")
        facts.site_names = _site_names(facts, base_url)
        times = time_elements(document)
        facts.times = [time_value(times[0]), *(t.get("datetime") for t in times[1:])] if times else []
        facts.datelines = dateline_texts(document)
        facts.headline_blocks = headline_block_texts(document)
        facts.published_lines = published_line_texts(document)
        facts.permalink_dates = permalink_date_texts(document, base_url)
        facts.data_time = data_publish_time(document)
        facts.headings = [
            heading_text(h) for h in document.xpath("//h1 | //h2") if not _links_home(h, base_url)
        ]
        facts.main_headings = [" ".join(h.text_content().split()) for h in document.xpath("//h1")[:3]]
        return facts

    def meta(self, *names: str) -> str | None:
        for name in names:
            for key, content in self.metas:
                if key == name:
                    return content
        return None

    def all_meta(self, name: str) -> list[str]:
        return [content for key, content in self.metas if key == name]


def _unescaped(content: str) -> str:
    """A meta value escaped twice by its publisher ('F&amp;uuml;r', which the parser leaves as
    'F&uuml;r') as readers are meant to read it."""
    return unescape(content) if ESCAPED_TWICE.search(content) else content


def _site_names(facts: PageFacts, base_url: str | None) -> list[str]:
    names = [
        facts.meta("og:site_name"),
        facts.meta("application-name"),
        facts.meta("apple-mobile-web-app-title"),
        (facts.meta("twitter:site") or "").lstrip("@") or None,
        facts.linked.publisher,
        facts.meta("dc.publisher", "dcterms.publisher"),
    ]
    if base_url and is_web_address(base_url):
        host = re.sub(r"^www\d?\.", "", base_url.split("/")[2].split(":")[0].lower())
        names.extend([host, host.split(".")[0]])
    return [name for name in dict.fromkeys(names) if name and len(loose_text(name)) >= 2]


def _is_site_name(segment: str, site_names: list[str]) -> bool:
    """Whether a title segment names the site: the same words, or one in the other when
    they are of a like length ('BuzzFeed News' and 'BuzzFeed', 'CNN.com' and 'CNN')."""
    loose = loose_text(segment)
    if not loose or len(segment.split()) > 6:
        return False
    for name in site_names:
        other = loose_text(name)
        if loose == other:
            return True
        short, long = sorted((loose, other), key=len)
        if len(short) >= 3 and short in long and len(long) - len(short) <= max(4, len(short) // 2):
            return True
    return False


# --- title ---------------------------------------------------------------------------------------


def page_title(facts: PageFacts, headline: str | None) -> str | None:
    """The article's own title (`_own_title`), with its publication's name when on its own it
    is only a number ('Issue 162' of 'Indie iOS Focus Weekly - Issue 162'), without marks that
    only lead the eye to it ('>>> ', '» ')."""
    title = _own_title(facts, headline)
    if title and (unmarked := LEADING_MARKS.sub("", title)) != title and _has_words(unmarked):
        title = unmarked
    return (_numbered_issue(title, facts) or title) if title else title


def title_without_stamp(title: str, day: date) -> str:
    """A title without the day it opens with when that is the page's own date ('2020-11-28 the
    verboten band', an issue stamped with its day): the date has a field of its own. A day alone,
    or another day than the page's (one the story tells of), stays."""
    stamp = DATE_STAMP.match(title)
    if stamp is None or not re.search(r"[^\W\d_]", title[stamp.end() :]):
        return title
    try:
        stamped = date(int(stamp.group(1)), int(stamp.group(3)), int(stamp.group(4)))
    except ValueError:
        return title
    return title[stamp.end() :] if stamped == day else title


def _numbered_issue(title: str, facts: PageFacts) -> str | None:
    """The <title> that names the publication a bare number belongs to: a headline that is
    only 'Issue 162' (a date beside it aside) names nothing in a list of links."""
    dated = find_in_text(title, languages=True)
    core = title.replace(dated[1], " ") if dated else title
    core = " ".join(core.split()).strip(" ,|-–—")
    if not NUMBERED_ONLY.fullmatch(core):
        return None
    for element in facts.document.xpath("//head/title"):
        text = " ".join(element.text_content().split())
        if loose_text(core) in loose_text(text) and loose_text(text) != loose_text(core):
            return text
    return None


def _own_title(facts: PageFacts, headline: str | None) -> str | None:
    """The article's own title: declared for sharing (og:title and the like) without an
    appended site name, unless it only repeats the page's description; else the headline
    heading inside the article; else the <title>, shortened to the heading it repeats or
    without the site's name; else the first heading."""
    document = facts.document
    declared = [
        facts.meta("og:title"),
        facts.meta("twitter:title"),
        facts.linked.headline,
        facts.meta("dc.title", "dcterms.title", "citation_title", "headline"),
    ]
    summary = loose_text(facts.meta("description", "og:description") or "")
    declared = [
        _untrailed(text)
        for text in declared
        if _has_words(one_line(text)) and loose_text(text or "") != summary
    ]
    if marked_headline := _marked_headline(document):
        return _first_line(document, declared) or marked_headline
    entry = _single_entry_title(document)
    for candidate in declared:
        assert candidate is not None
        if entry and _names_home_heading(candidate, facts):
            return entry  # the blog's name, over the one post an archive page shows
        if _truncated(candidate, declared) or _is_site_name(candidate, facts.site_names):
            continue
        stripped = _without_site_name(candidate, facts.site_names)
        return (
            _wrapped_headline(candidate, document)
            or _labelled_headline(stripped, document)
            or _fuller_headline(stripped, document)
            or _agreed_headline(stripped, document)
            or stripped
        )
    if headline and _site_heading(facts, headline) and (titled := _titled_heading(facts)):
        return titled
    if headline and not _site_heading(facts, headline):
        return _heading_the_title_repeats(facts, headline) or headline
    headings = [heading_text(h) for h in document.xpath("//h1 | //h2") if not _links_home(h, facts.address)]
    headings = [h for h in headings if _has_words(h)]
    titles = [" ".join(t.text_content().split()) for t in document.xpath("//title")]
    if (
        titles
        and _has_words(titles[0])
        and _has_words(title := _from_title_element(titles[0], headings, facts.site_names))
    ):
        return title
    return headings[0] if headings else None


def _single_entry_title(document: Any) -> str | None:
    """The title of the one entry a page marks (hAtom's `entry-title`, at any heading level),
    when it marks just one."""
    marked = document.xpath(
        "//*[self::h1 or self::h2 or self::h3 or self::h4]"
        "[contains(concat(' ', normalize-space(@class), ' '), ' entry-title ')]"
    )
    texts = [heading_text(heading) for heading in marked]
    return texts[0] if len(texts) == 1 and _has_words(texts[0]) else None


def _names_home_heading(candidate: str, facts: PageFacts) -> bool:
    """Whether a declared title is the words of a heading that only links to the site's home
    (or to any site's root: a blog's home may be named under another country's domain than the
    page's address): the site's name, as an archive page declares it."""
    return any(
        loose_text(heading_text(heading)) == loose_text(candidate)
        and (_links_home(heading, facts.address) or _links_home(heading, None))
        for heading in facts.document.xpath("//h1 | //h2")
    )


def _site_heading(facts: PageFacts, headline: str) -> bool:
    """Whether the headline found is a heading that only links to the site's home page: a blog's
    name over its post ('<h1><a href="/blog/">The Blog</a></h1>', the post's own title an <h2>)."""
    headings = [h for h in facts.document.xpath("//h1") if heading_text(h) == headline]
    return bool(headings) and all(_links_home(heading, facts.address) for heading in headings)


def _titled_heading(facts: PageFacts) -> str | None:
    """The page's first heading (read before the article was cut out) that is a segment of its
    <title>: 'Stand Up Guys' of 'The Film Gang » Blog Archive » Stand Up Guys'."""
    titles = [" ".join(t.text_content().split()) for t in facts.document.xpath("//head/title")]
    segments = {loose_text(part) for part in _segments(titles[0])} if titles else set()
    return next((h for h in facts.headings if _wordy(h) and loose_text(h) in segments), None)


def _heading_the_title_repeats(facts: PageFacts, headline: str) -> str | None:
    """A heading before the article's first <h1> that the <title> gives as one of its parts, when
    the <title> does not name that <h1>: the headline shown above the text, over the heading of a
    box inside it ('Key facts'), which the page is not titled by."""
    titles = [" ".join(t.text_content().split()) for t in facts.document.xpath("//head/title")]
    if not titles or loose_text(headline) in loose_text(titles[0]):
        return None
    segments = {loose_text(part) for part in _segments(titles[0])}
    for heading in facts.headings:
        if heading == headline:
            return None
        if (
            _wordy(heading)
            and loose_text(heading) in segments
            and not _is_site_name(heading, facts.site_names)
        ):
            return heading
    return None


def _links_home(heading: Any, address: str | None) -> bool:
    """Whether a heading's words are all one link to the site's root or to a page above the
    page's own address ('/filmgang/' over '/filmgang/2013/02/08/stand-up-guys/')."""
    links = heading.xpath(".//a[@href]")
    if len(links) != 1 or loose_text(links[0].text_content()) != loose_text(heading.text_content()):
        return False
    href = links[0].get("href").strip()
    target = urlparse(urljoin(address, href) if address else href)
    if not address:
        return href in ("/", "./", "../") or (bool(target.netloc) and target.path in ("", "/"))
    page = urlparse(address)
    if target.netloc and target.netloc.lower() != page.netloc.lower():
        return False
    above = target.path if target.path.endswith("/") else target.path + "/"
    return (page.path or "/").startswith(above) and page.path.rstrip("/") != target.path.rstrip("/")


def _untrailed(text: str | None) -> str | None:
    """A declared title without a separator that ends or opens it with nothing beyond
    ('Headline | ': a site's name left empty), and without a picture's credit in brackets at
    its end ('Headline (Photo: Reuters)', '見出し（写真＝ロイター）')."""
    line = one_line(text)
    return DANGLING_SEPARATOR.sub("", PHOTO_CREDIT.sub("", line)) if line else line


def _fuller_headline(declared: str, document: Any) -> str | None:
    """The page's one <h1>, when the declared title is a part of it (shortened for sharing)
    and the <title> gives the whole headline too: two of the page's titles against one."""
    headings = [text for h in document.xpath("//h1") if (text := heading_text(h)) and _wordy(text)]
    titles = [" ".join(t.text_content().split()) for t in document.xpath("//head/title")]
    if len(set(headings)) != 1 or not titles or headings[0] == declared:
        return None
    headline = headings[0]
    whole, part = loose_text(headline), loose_text(declared)
    if len(part) >= len(whole) or part not in whole or not loose_text(titles[0]).startswith(whole):
        return None
    return headline


def _agreed_headline(declared: str, document: Any) -> str | None:
    """The <h1> the <title> begins with ('Headline? Deck - Site'), when the declared title is
    worded apart from both (a sharing title, 'Name: other words'): two of the page's titles
    against one."""
    titles = [loose_text(" ".join(t.text_content().split())) for t in document.xpath("//head/title")]
    part = loose_text(declared)
    if not titles or not part or part in titles[0]:
        return None
    found = {
        text
        for h in document.xpath("//h1")
        if (text := heading_text(h))
        and _wordy(text)
        and titles[0].startswith(loose_text(text))
        and loose_text(text) != titles[0]
        and part not in loose_text(text)
        and loose_text(text) not in part
    }
    return found.pop() if len(found) == 1 else None


def _has_words(text: str | None) -> bool:
    """Whether a title has a letter or digit: one made of separators alone ('|', '« »') is none."""
    return bool(text) and any(character.isalnum() for character in str(text))


def _marked_headline(document: Any) -> str | None:
    """The one top-level heading the page marks as the entry's title (hAtom's `entry-title`,
    microformats2's `p-name`, schema.org's `itemprop=headline`): the headline as shown, where
    og:title and <title> are often worded for sharing or carry the site's name."""
    found = [heading_text(h) for h in document.xpath(MARKED_HEADLINE)]
    found = [text for text in dict.fromkeys(found) if text and _wordy(text)]
    return found[0] if len(found) == 1 else None


def _first_line(document: Any, declared: list[str | None]) -> str | None:
    """The marked headline's first line, when it goes on past a line break (a byline or a
    subtitle set under it in the same heading) and a declared title is that first line."""
    for heading in document.xpath(MARKED_HEADLINE):
        lines = element_lines(heading)
        if len(lines) > 1 and any(text and loose_text(text) == loose_text(lines[0]) for text in declared):
            return lines[0]
    return None


def _wrapped_headline(declared: str, document: Any) -> str | None:
    """The page's one <h1>, when the declared title is that headline with a kicker before it or
    a name after it, or both, set off by separators ('Kicker: Headline', 'Headline • Ann Lee',
    'Analysis: Headline | Politics')."""
    headings = [text for h in document.xpath("//h1") if (text := heading_text(h))]
    if len(set(headings)) != 1 or not _wordy(headings[0]) or headings[0] == declared:
        return None
    headline = headings[0]
    start = declared.find(headline)
    if start < 0:
        return None
    before, after = declared[:start], declared[start + len(headline) :]
    if (before or after) and (not before or KICKER.search(before)) and (not after or WRAPPING.match(after)):
        return headline
    return None


def _labelled_headline(declared: str, document: Any) -> str | None:
    """The first segment of a declared title that goes on with short ones ('Headline | Section'),
    when a headline heading on the page begins with that segment (the heading may add a label
    or a badge after it): the section's name is no part of the article's title."""
    parts = _segments(declared)
    first, rest = parts[0], parts[1:]
    if not rest or not _wordy(first) or any(_word_count(part) > 3 for part in rest):
        return None
    if sum(_word_count(part) for part in rest) >= _word_count(first):
        return None
    start = loose_text(first)
    # the headline heading: an <h1>, else an <h2> (a page whose only <h1> is its menu)
    for heading in [*document.xpath("//h1"), *document.xpath("//h2")]:
        if (text := heading_text(heading)) and loose_text(text).startswith(start):
            return first
    return None


def _word_count(text: str) -> int:
    """Words by spaces, a script written without spaces counted at two characters a word (a
    Japanese section name, 'スポーツ', is one word; a headline of twenty characters, ten)."""
    return len(CJK.sub(" ", text).split()) + (len(CJK.findall(text)) + 1) // 2


def _wordy(text: str) -> bool:
    """Two words or more, or a few characters of a script written without spaces."""
    return len(text.split()) >= 2 or len(CJK.findall(text)) >= 4


def _truncated(candidate: str, others: list[str | None]) -> bool:
    """A title cut short with an ellipsis, where a whole one is also declared."""
    stem = candidate.rstrip(".…").rstrip()
    if stem == candidate:
        return False
    return any(other and other != candidate and other.startswith(stem) for other in others)


def _after_a_kicker(title: str, heading: str) -> bool:
    """Whether a title ends with the heading after a few words and a separator ('Site: Heading')."""
    title, heading = " ".join(title.split()).casefold(), " ".join(heading.split()).casefold()
    if not heading or not title.endswith(heading) or title == heading:
        return False
    kicker = title[: len(title) - len(heading)]
    return KICKER.search(kicker) is not None and len(kicker.split()) <= MAX_KICKER_WORDS


def _without_site_name(title: str, site_names: list[str]) -> str:
    """The title without a leading or trailing segment that names the site."""
    parts = _segments(title)
    while len(parts) > 1 and _is_site_name(parts[-1], site_names):
        parts.pop()
    first = 0  # by index: popping the front of a title of thousands of segments took quadratic time
    while len(parts) - first > 1 and _is_site_name(parts[first], site_names):
        first += 1
    return _joined(title, parts[first:])


def _segments(title: str) -> list[str]:
    suffix = BRACKETED_SUFFIX.search(title)
    core = title[: suffix.start()] if suffix else title
    parts = [part.strip() for part in _separators(core).split(core) if part.strip()]
    return [*parts, suffix.group(1)] if suffix and parts else parts or [title]


def _separators(title: str) -> re.Pattern[str]:
    """The separators of a title. Guillemets are separators when alone ('Headline « Site', as
    WordPress themes write it) and a quotation when the title opens and closes them ('Le « mot »
    du jour'), then neither of the pair splits it."""
    marks = list(SEPARATOR_MARKS)
    for opener, closer in GUILLEMETS:
        if opener in title and closer in title[title.index(opener) :]:
            marks.remove(closer)
        elif opener in title:
            marks.append(opener)
    return re.compile(rf"\s+(?:{'|'.join(marks)})\s+|\u3000+")


def _joined(title: str, parts: list[str]) -> str:
    """The original text from the first kept segment to the last (separators as written)."""
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    if end < len(title) and title[end:].strip()[:1] in ")]）］＞〉》】":  # a bracketed segment kept whole
        end = title.index(title[end:].strip()[0], end) + 1
    return title[start:end].strip() if 0 <= start < end else " ".join(parts)


def _bracketed_site(title: str) -> str | None:
    """The title before a bracketed last segment that holds segments of its own: the site and
    its section ('欲張りなイヌ　＜福娘童話集　きょうのイソップ童話＞'), where a headline's own note in
    brackets is one phrase ('(Video)', '[Updated]')."""
    suffix = BRACKETED_SUFFIX.search(title)
    if suffix is None or not title[: suffix.start()].strip():
        return None
    inner = suffix.group(1)
    # in scripts written without spaces a space parts segments (an ideographic one, read as a space)
    pieces = inner.split() if CJK.search(inner) else _separators(inner).split(inner)
    if len([part for part in pieces if part.strip()]) < 2:
        return None
    return title[: suffix.start()].strip()


def _headline_like(words: int, length: int, dropped: str) -> bool:
    """Whether the segments kept (their words, and their length joined by spaces) still read
    as a headline: two words or more, and longer than the short segment (a section, the site)
    dropped after them."""
    return words >= 2 and length > len(dropped)


def _from_title_element(title: str, headings: list[str], site_names: list[str]) -> str:
    """A <title>: the heading on the page that it starts with, else without the site's
    name, else without short trailing segments (sections, the site) after a long headline."""
    segments = {loose_text(part) for part in _segments(title)}
    loose_title = loose_text(title)
    for heading in headings:
        if _wordy(heading) and (
            loose_title.startswith(loose_text(heading)) or loose_text(heading) in segments
        ):
            return heading
        if _wordy(heading) and _after_a_kicker(title, heading):
            return heading  # 'Apache Flink: Headline': the site's name before a colon
    stripped = _without_site_name(title, site_names)
    if bracketed := _bracketed_site(stripped):
        return bracketed
    parts = _segments(stripped)
    # the kept segments' words and length as they are popped, never joined again for each
    words, length = sum(len(part.split()) for part in parts), sum(map(len, parts)) + len(parts) - 1
    while len(parts) > 1 and len(parts[-1].split()) <= 4:
        dropped = parts[-1]
        words, length = words - len(dropped.split()), length - len(dropped) - 1
        if not _headline_like(words, length, dropped) or NUMBERED_ONLY.fullmatch(dropped):
            break  # 'Issue 162' after the publication's name is the page's own part, no section
        parts.pop()
    return _joined(stripped, parts)


# --- author --------------------------------------------------------------------------------------


# --- the rest -----------------------------------------------------------------------------------


def page_tags(facts: PageFacts) -> tuple[str, ...]:
    tags = facts.all_meta("article:tag")
    if not tags:
        keywords = facts.meta("keywords", "news_keywords") or ""
        tags = [k.strip() for k in keywords.split(",") if k.strip()]
    return tuple(dict.fromkeys(tags or facts.linked.keywords))


def page_image(facts: PageFacts, base_url: str | None) -> tuple[str | None, str | None]:
    """og:image (else twitter:image, else JSON-LD's), absolute; and its alternative text."""
    candidates = (
        facts.meta("og:image", "og:image:url", "og:image:secure_url"),
        facts.meta("twitter:image", "twitter:image:src"),
        facts.linked.image,
    )
    for candidate in candidates:
        if candidate and (url := absolute(candidate, base_url)):
            return url, facts.meta("og:image:alt", "twitter:image:alt")
    return None, None


def page_description(facts: PageFacts) -> str | None:
    """The description the page declares; none where it has no word in it ('&lt;!–', the start
    of an HTML comment that a generator's excerpt cut off)."""
    texts = [facts.meta(name) for name in ("description", "og:description", "twitter:description")]
    for text in texts:
        if text and re.search(r"\w", text):
            return _undecorated(text, [other for other in texts if other and other != text], facts)
    return None


def _undecorated(text: str, others: list[str], facts: PageFacts) -> str:
    """A description with the site's name appended ('… khi sửa luật. - VnExpress') as the page
    declares it elsewhere without ('… khi sửa luật.'): the name is the CMS's decoration."""
    for other in others:
        tail = text[len(other) :] if text.startswith(other) else ""
        sep = re.match(r"\s*[-–—|·]\s*", tail)
        if sep and _is_site_name(tail[sep.end() :], facts.site_names):
            return other
    return text
