"""A saved page's article title: the headline the page declares (Open Graph, Twitter cards,
JSON-LD), checked against the headings it shows, else its `<title>` without the site's name,
a kicker or a trailing credit; a number of a series keeps its publication's name."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from digest.sources.dates import find_in_text
from digest.sources.importer.htmlmeta import PageFacts, is_site_name, links_home
from digest.sources.importer.pageblocks import heading_text
from digest.sources.importer.pageparts import element_lines, loose_text
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
        if _truncated(candidate, declared) or is_site_name(candidate, facts.site_names):
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
    headings = [heading_text(h) for h in document.xpath("//h1 | //h2") if not links_home(h, facts.address)]
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
        and (links_home(heading, facts.address) or links_home(heading, None))
        for heading in facts.document.xpath("//h1 | //h2")
    )


def _site_heading(facts: PageFacts, headline: str) -> bool:
    """Whether the headline found is a heading that only links to the site's home page: a blog's
    name over its post ('<h1><a href="/blog/">The Blog</a></h1>', the post's own title an <h2>)."""
    headings = [h for h in facts.document.xpath("//h1") if heading_text(h) == headline]
    return bool(headings) and all(links_home(heading, facts.address) for heading in headings)


def _titled_heading(facts: PageFacts) -> str | None:
    """The page's first heading (read before the article was cut out) that is a segment of its
    <title>: 'Stand Up Guys' of 'The Film Gang » Blog Archive » Stand Up Guys'."""
    titles = [" ".join(t.text_content().split()) for t in facts.document.xpath("//head/title")]
    segments = {loose_text(part) for part in title_segments(titles[0])} if titles else set()
    return next((h for h in facts.headings if is_wordy(h) and loose_text(h) in segments), None)


def _heading_the_title_repeats(facts: PageFacts, headline: str) -> str | None:
    """A heading before the article's first <h1> that the <title> gives as one of its parts, when
    the <title> does not name that <h1>: the headline shown above the text, over the heading of a
    box inside it ('Key facts'), which the page is not titled by."""
    titles = [" ".join(t.text_content().split()) for t in facts.document.xpath("//head/title")]
    if not titles or loose_text(headline) in loose_text(titles[0]):
        return None
    segments = {loose_text(part) for part in title_segments(titles[0])}
    for heading in facts.headings:
        if heading == headline:
            return None
        if (
            is_wordy(heading)
            and loose_text(heading) in segments
            and not is_site_name(heading, facts.site_names)
        ):
            return heading
    return None


def _untrailed(text: str | None) -> str | None:
    """A declared title without a separator that ends or opens it with nothing beyond
    ('Headline | ': a site's name left empty), and without a picture's credit in brackets at
    its end ('Headline (Photo: Reuters)', '見出し（写真＝ロイター）')."""
    line = one_line(text)
    return DANGLING_SEPARATOR.sub("", PHOTO_CREDIT.sub("", line)) if line else line


def _fuller_headline(declared: str, document: Any) -> str | None:
    """The page's one <h1>, when the declared title is a part of it (shortened for sharing)
    and the <title> gives the whole headline too: two of the page's titles against one."""
    headings = [text for h in document.xpath("//h1") if (text := heading_text(h)) and is_wordy(text)]
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
        and is_wordy(text)
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
    found = [text for text in dict.fromkeys(found) if text and is_wordy(text)]
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
    if len(set(headings)) != 1 or not is_wordy(headings[0]) or headings[0] == declared:
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
    or a badge after it): the section's name is no part of the article's title. A heading that
    shows the declared title whole ('Tide tables, part 3 -- Neap tides') keeps it whole."""
    parts = title_segments(declared)
    first, rest = parts[0], parts[1:]
    if not rest or not is_wordy(first) or any(_word_count(part) > 3 for part in rest):
        return None
    if sum(_word_count(part) for part in rest) >= _word_count(first):
        return None
    start = loose_text(first)
    # the headline heading: an <h1>, else an <h2> (a page whose only <h1> is its menu)
    found = [*document.xpath("//h1"), *document.xpath("//h2")]
    headings = [text for heading in found if (text := heading_text(heading))]
    if any(loose_text(text) == loose_text(declared) for text in headings):
        return None  # the page shows the declared title whole: its last segment is the headline's own
    return first if any(loose_text(text).startswith(start) for text in headings) else None


def _word_count(text: str) -> int:
    """Words by spaces, a script written without spaces counted at two characters a word (a
    Japanese section name, 'スポーツ', is one word; a headline of twenty characters, ten)."""
    return len(CJK.sub(" ", text).split()) + (len(CJK.findall(text)) + 1) // 2


def is_wordy(text: str) -> bool:
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
    parts = title_segments(title)
    while len(parts) > 1 and is_site_name(parts[-1], site_names):
        parts.pop()
    first = 0  # by index: popping the front of a title of thousands of segments took quadratic time
    while len(parts) - first > 1 and is_site_name(parts[first], site_names):
        first += 1
    return _joined(title, parts[first:])


def title_segments(title: str) -> list[str]:
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
    segments = {loose_text(part) for part in title_segments(title)}
    loose_title = loose_text(title)
    for heading in headings:
        if is_wordy(heading) and (
            loose_title.startswith(loose_text(heading)) or loose_text(heading) in segments
        ):
            return heading
        if is_wordy(heading) and _after_a_kicker(title, heading):
            return heading  # 'Apache Flink: Headline': the site's name before a colon
    stripped = _without_site_name(title, site_names)
    if bracketed := _bracketed_site(stripped):
        return bracketed
    parts = title_segments(stripped)
    # the kept segments' words and length as they are popped, never joined again for each
    words, length = sum(len(part.split()) for part in parts), sum(map(len, parts)) + len(parts) - 1
    while len(parts) > 1 and len(parts[-1].split()) <= 4:
        dropped = parts[-1]
        words, length = words - len(dropped.split()), length - len(dropped) - 1
        if not _headline_like(words, length, dropped) or NUMBERED_ONLY.fullmatch(dropped):
            break  # 'Issue 162' after the publication's name is the page's own part, no section
        parts.pop()
    return _joined(stripped, parts)
