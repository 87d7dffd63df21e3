"""Where a saved page shows who wrote it, in its body: elements marked as the author or the
byline, a short line with a by-word and a date, the line under the headline or the dateline,
the footer, a reporter's signature at the text's foot or opening, an account a blog engine
credits. Each gives a name only as `authornames` reads one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

from digest.sources.dates import find_in_text
from digest.sources.importer.authornames import (
    BYLINE_MAX_CHARS,
    NOT_AN_AUTHOR,
    is_name,
    name_in_byline,
    names_people,
)
from digest.sources.importer.datelines import DATELINE_MAX
from digest.sources.importer.htmlmeta import PageFacts
from digest.sources.importer.pageblocks import marked
from digest.sources.importer.pageparts import (
    element_lines,
    in_comments,
    in_story_card,
    loose_text,
    names_comments,
    text_holders,
)
from digest.sources.openinglines import BY_PREFIX, MARKDOWN_LINK, MARKDOWN_MARKS
from digest.sources.people import by_word_counts, is_byline_name
from digest.sources.titles import heading_lines

CREDIT_AFTER_LINK = re.compile(r"\s*,?\s*(?:by|von|par|por)\s", re.IGNORECASE)  # '<a>Book</a>, by'
AUTHOR_HINTS = (
    "author",
    "byline",
    "autor",
    "auteur",
    "autore",
    "firma",  # Spanish and Italian papers sign a story so
    "verfasser",
    "writer",
    "creator",
    "writtenby",
    "postedby",
)
BY_WORD = re.compile(
    r"(?:^|\s)(?:by|posted by|written by|von|por|par)\s*:?\s+([^|•·—–,;]+?)\s*(?:[,;|•·—–]|\.?\s*$)",
    re.IGNORECASE,
)
OWN_TEXT_MAX = 600
# A link to an author's archive page (WordPress's /author/slug/ and its translations): its text is
# the author's name.
AUTHOR_ARCHIVE = re.compile(
    r"/(?:authors?|autor(?:en|es|zy)?|auteurs?|autore|autori)/[^/]+/?$", re.IGNORECASE
)
# A footer's credit for the site's look, up to the maker's name (added where it is asked about).
DESIGN_CREDIT = re.compile(
    r"\b(?:theme|template|design|designed|layout|webdesign)\b[^.|•]{0,40}?\b(?:by|von|par|por|door|di)\s+",
    re.IGNORECASE,
)
# An account's name, as blog engines credit a post to it ('von jovelstefan', 'by jdoe42').
USER_NAME = re.compile(r"[a-z][a-z0-9._-]{2,29}")
HANDLE_BY = re.compile(
    r"(?:^|\s)(?:by|posted by|written by|von|por|par)\s+(\S+?)(?=[\s,;|•·—–]|$)", re.IGNORECASE
)
HANDLE_LINE_MAX = 120
HANDLE_LINE_CHILDREN = 6
HANDLE_LINE_WORDS = 3  # besides the by-word, the account and the date: 'Gespeichert', 'am'
HANDLE_AFTER_NAME = re.compile(r"\s*\(\s*@[\w.-]+\s*\)")
# 'by Ann Lee on 03.05.2013', 'Von Ann Lee am 3.5.2013', 'posted by Ann at 12:53': a byline that
# carries its date or its time.
DATED_BYLINE = re.compile(
    r"(?:^|\s)(?:by|posted by|written by|von|por|par)\s+[^\d|•·—–,;]{2,60}?\s"
    r"(?:(?:on|am|le|el|il|op|em|den|at)\s+\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|(?:at|um|à|om)\s+\d{1,2}[:h]\d{2})\b",
    re.IGNORECASE,
)
# Words before a 'by' that credit someone other than the writer: a picture's maker, the site's
# builder, the sponsor of a page or an issue ('Sponsored by: Acme', 'brought to you by Acme').
NOT_BYLINE_CONTEXT = re.compile(
    r"\b(?:photo|image|picture|illustration|powered|designed|hosted|built|made|courtesy|credit|copyright"
    r"|sponsor|gesponsert|patrocinad|parrain|brought to you|paid for|underwritten)|©|\(c\)",
    re.IGNORECASE,
)
# A reporter's signature at a story's foot in Korean, Chinese or Japanese papers: the name of two
# to four syllables or characters with the title before or after it, perhaps the address after.
REPORTER_TITLES = "기자|특파원|記者|记者|特派員|特派员"
# The title before the name is Chinese papers' way ('（记者 张三）'), set apart by a space or
# in brackets: a Korean paper names the reporter first, and a word opening with the title
# ('기자 구독', a button to subscribe; '記者会見', a press conference) names no one.
TITLES_BEFORE = "記者|记者|特派員|特派员"
REPORTER_SIGNATURE = re.compile(
    rf"^(?P<bracket>[（(])?\s*(?:(?:{TITLES_BEFORE})(?P<before>\s+|(?(bracket)\s*|(?!))))?"
    rf"(?P<name>[\uac00-\ud7af]{{2,4}}|[\u3400-\u9fff]{{2,4}})"
    rf"(?P<after>\s*(?:{REPORTER_TITLES}))?(?:\s+[\w.+-]+@[\w-]+(?:\.[\w-]+)+)?\s*[)）]?$"
)
REPORTER_LINES = 3
HAN_NAME = r"[\u3400-\u9fff]{2,4}"
# Where Japanese and Chinese papers name a story's reporter as it opens: a Japanese dateline,
# 【place＝reporter】, the name of three to five characters (a two-character credit is an agency's,
# 【ロンドン＝共同】); a Taiwanese paper's line 'reporter X (、Y) / place, reporting' (記者林悅／南市報導),
# never a desk's compiled report (社會中心／綜合報導), which names no one.
OPENING_REPORTER = (
    re.compile(r"^【[^＝=】\s]{1,12}[＝=](?P<names>[\u3400-\u9fff]{3,5})】"),
    re.compile(
        rf"^[（(]?(?:記者|记者)\s*(?P<names>{HAN_NAME}(?:\s*[、，,]\s*{HAN_NAME})*)\s*[／/]"
        r"\s*[\u3400-\u9fff]{1,10}(?:報導|报道)[）)]?$"
    ),
)
OPENING_LINES = 4
MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")


def _credits_a_link(element: Any) -> bool:
    """A line crediting the work it links to ('<a>Code encapsulation in Swift</a> by John
    Sundell', as a newsletter credits each story it picks; '<a>Book</a>, by Ann Lee'): that
    writer wrote the linked piece, not the page."""
    return any(
        link.text_content().strip() and CREDIT_AFTER_LINK.match(link.tail or "") for link in element.iter("a")
    )


def text_byline(markdown: str, site_names: list[str], language: str = "") -> str | None:
    """A byline the article's own text opens or closes with, alone on its line: 'By Ann Lee',
    'Von Ann Lee' at the top, 'Posted by Ann Lee.' at the foot; a name linked to the author's
    page is read by the link's text. Korean, Chinese and Japanese papers sign a story at its
    foot with the reporter's title beside the name ('최윤호 기자 uknow@donga.com', '（记者 张三）');
    Japanese and Taiwanese papers open it with a dateline or a reporter's line (OPENING_REPORTER).
    `language`: the page's, whose word for 'by' opens a byline (`by_word_counts`)."""
    headings = heading_lines(markdown) if "#" in markdown or "\n-" in markdown or "\n=" in markdown else set()
    shown = [
        (MARKDOWN_MARKS.sub("", MARKDOWN_LINK.sub(r"\1", line)).strip(), number in headings)
        for number, line in enumerate(markdown.split("\n"), 1)
    ]
    shown = [(line, heading) for line, heading in shown if line]
    lines = [line for line, _ in shown]
    for line, heading in [*shown[:2], *shown[-2:]]:
        if len(line) > 80 or not (opening := BY_PREFIX.match(line)) or not _by_word_in(opening, language):
            continue
        name = name_in_byline(line.rstrip("."), site_names)
        # A heading ('## By Design', '# By The Numbers') is the text's own: a byline only when
        # it names a person the way a byline does.
        if name and names_people(name) and (not heading or is_byline_name(name)):
            return name
    for line in lines[:OPENING_LINES]:
        for pattern in OPENING_REPORTER:
            if opened := pattern.match(line):
                return ", ".join(re.split(r"\s*[、，,]\s*", opened.group("names")))
    for line in _foot_lines(markdown):
        if (signed := REPORTER_SIGNATURE.match(line)) and (
            signed.group("before") is not None or signed.group("after")
        ):
            return signed.group("name")
    return None


def _foot_lines(markdown: str) -> list[str]:
    """The last lines of a Markdown text, last first, as plain text, up to the third that holds
    words besides its links and pictures: lines of links alone (share buttons, or a signature
    that is only a link to the reporter's page) are read on the way but not counted."""
    lines: list[str] = []
    worded = 0
    for line in reversed(markdown.split("\n")):
        text = MARKDOWN_MARKS.sub("", MARKDOWN_LINK.sub(r"\1", MARKDOWN_IMAGE.sub("", line))).strip()
        if not text:
            continue
        lines.append(text)
        bare = MARKDOWN_MARKS.sub("", MARKDOWN_LINK.sub("", MARKDOWN_IMAGE.sub("", line))).strip(" -+")
        worded += bool(bare)
        if worded == REPORTER_LINES:
            break
    return lines


def footer_author(facts: PageFacts) -> str | None:
    """'Posted by Ann Lee.' in the article's own footer (outside the comments)."""
    for footer in facts.document.xpath("//article//footer")[:3]:
        if not in_comments(footer) and (
            name := byline_name(element_lines(footer), facts.site_names, dated=False, language=facts.language)
        ):
            return name
    return None


def dateline_author(facts: PageFacts) -> str | None:
    """The name in the short lines just under a headline: 'By Ann Lee', '... by Ann Lee', or
    a name alone on the first line of a block that also gives the date."""
    for heading in facts.document.xpath("//h1")[:3]:
        for element in heading.xpath("following::*[position() <= 30]"):
            if names_comments(element) or in_comments(element) or in_story_card(element):
                continue
            if _in_prose(element) or _credits_a_link(element):  # 'donated by Apple', '<a>Work</a> by Ann'
                continue
            if _is_declared_summary(facts, element):  # 'A review of <book> by <its writer>'
                continue
            if DESIGN_CREDIT.search(" ".join(element.text_content().split())):  # 'Theme by Ann Lee'
                continue
            name = byline_name(
                element_lines(element) + _dateline_after(element),
                facts.site_names,
                dated=True,
                language=facts.language,
            )
            if name:
                return name
    return None


def _is_declared_summary(facts: PageFacts, element: Any) -> bool:
    """Whether a block's text is the description the page declares: its standfirst, which
    sums the article up ('A review of <book> by <its writer>'); no byline."""
    text = loose_text(element.text_content())
    declared = (facts.meta(name) for name in ("description", "og:description", "twitter:description"))
    return bool(text) and any(summary and loose_text(summary) == text for summary in declared)


def _dateline_after(element: Any) -> list[str]:
    """The text of the block right after `element` when it is a short date alone ('30/01/2017
    02h02'), as one more line of it: a byline and its date may stand in two blocks one after
    the other, as they stand on two lines of one."""
    following = element.getnext()
    while following is not None and not isinstance(following.tag, str):
        following = following.getnext()
    if following is None:
        return []
    text = " ".join(following.text_content().split())
    found = find_in_text(text) if text and len(text) <= DATELINE_MAX else None
    return [text] if found and len(found[1]) * 2 >= len(text) else []


def byline_name(lines: list[str], site_names: list[str], *, dated: bool, language: str = "") -> str | None:
    """The author named in a byline's lines: after 'by' (another language's, on a page in that
    language: `language`), or (when `dated`) alone on the first line of a block that has a date
    on another line."""
    if not lines or len(lines) > 6 or sum(len(line) for line in lines) > BYLINE_MAX_CHARS:
        return None
    for line in lines:
        match = BY_WORD.search(line)
        if match and NOT_BYLINE_CONTEXT.search(line[: match.start() + 1]):
            continue
        if match and not by_word_counts(match.group(0).split()[0], language):
            continue
        if match and (name := name_in_byline(match.group(1), site_names)) and names_people(name):
            return name
    if dated and (name := date_led_name(lines, site_names)):
        return name
    if dated and (name := next(filter(None, (_credited_account(line) for line in lines)), None)):
        return name
    if dated and len(lines) >= 2 and any(find_in_text(line) for line in lines[1:]):
        name = name_in_byline(lines[0], site_names)
        # without a by-word a byline names a person in full: one word over the date is the
        # section's or the kind's label ('Opinion', 'Release')
        if name and is_name(name) and (len(name.split()) >= 2 or not re.search(r"[A-Za-z]", name)):
            return name
    return None


def _in_prose(element: Any) -> bool:
    """Inside a paragraph too long to be a byline."""
    return any(len(paragraph.text_content()) > BYLINE_MAX_CHARS for paragraph in element.iterancestors("p"))


def date_led_name(lines: list[str], site_names: list[str]) -> str | None:
    """The name after the date a byline opens with: '06 Mar 2019 Fabian Hueske (@fhueske)',
    or '18 June 2019 | Kanav Gupta' over lines; a handle in brackets after a name is dropped."""
    found = find_in_text(lines[0])
    if found is None or not lines[0].startswith(found[1]):
        return None
    for candidate in [lines[0][len(found[1]) :], *lines[1:3]]:
        text = HANDLE_AFTER_NAME.sub("", candidate).strip(" |•·—–-,:")
        if not text:
            continue
        name = name_in_byline(text, site_names)
        parts = re.split(r"\s*(?:&|,|\band\b)\s*", name) if name else []
        return name if parts and all(is_name(part) for part in parts) else None
    return None


def dated_byline(facts: PageFacts) -> str | None:
    """A byline that dates itself ('Von Ann Lee am 03.05.2013 | 2 Kommentare'), wherever the page
    puts it (blog engines print it in the entry's footer), outside the comments and the cards of
    other stories."""
    for node in facts.document.xpath("//body//text()[normalize-space()]"):
        text = " ".join(str(node).split())
        if len(text) > 240 or not DATED_BYLINE.search(text):
            continue
        holder = node.getparent()
        if holder is None or in_comments(holder) or in_story_card(holder):
            continue
        match = BY_WORD.search(text)
        if match and (name := name_in_byline(match.group(1), facts.site_names)) and names_people(name):
            return name
    for node in text_holders(facts.document):
        if len(node) > HANDLE_LINE_CHILDREN or in_comments(node) or in_story_card(node):
            continue  # a byline line holds a few elements (a name's <span>), never a whole section
        line = _line_of(node)
        if line is not None and (
            name := _credited_account(line) or _opening_byline(line, facts.site_names, facts.language)
        ):
            return name
    return None


def _by_word_in(opening: re.Match[str], language: str) -> bool:
    """Whether the by-word a line opens with (BY_PREFIX) is one in the page's language."""
    return by_word_counts(opening.group(0).split()[0], language)


def _opening_byline(line: str, site_names: list[str], language: str = "") -> str | None:
    """The name a short line opens with after a by-word and closes with a date: 'By Ann Lee ·
    Sep 20, 2022', as a mailed newsletter prints it under a masthead that is no heading; the line
    is the byline wherever it stands. A credit that opens otherwise ('Presented by Acme') is none."""
    opening = BY_PREFIX.match(line)
    if opening is None or not _by_word_in(opening, language):
        return None
    if (dated := find_in_text(line[opening.end() :])) is None:
        return None
    rest = line[opening.end() :]
    at = rest.find(dated[1])
    if at <= 0 or rest[at + len(dated[1]) :].strip(" .|•·—–-,"):
        return None  # the date closes the line
    name = name_in_byline(rest[:at].strip(" |•·—–-,"), site_names)
    return name if name and names_people(name) else None


def _line_of(node: Any) -> str | None:
    """The node's text on one line, or None once it is longer than a byline's line: read no
    further (a block of a page nested hundreds deep holds the rest of the page)."""
    pieces, letters = [], 0
    for piece in node.itertext():
        letters += len("".join(piece.split()))
        if letters > HANDLE_LINE_MAX:
            return None
        pieces.append(piece)
    line = " ".join("".join(pieces).split())
    return line if len(line) <= HANDLE_LINE_MAX else None


def _credited_account(line: str) -> str | None:
    """The account a short dated byline credits the post to, written as the blog engine
    prints it: '11.05.2012, 10:22 von jovelstefan', 'Gespeichert von rasos am 24. Juli 2017'.
    A lower-case user name is no name anywhere else; here, beside the date the page gives the
    post and after a by-word, it is the author as the page shows its readers, even when the
    site's address spells it (a personal blog at the account's name)."""
    if len(line) > HANDLE_LINE_MAX or (dated := find_in_text(line, languages=True)) is None:
        return None
    for match in HANDLE_BY.finditer(line):
        account = match.group(1)
        if not USER_NAME.fullmatch(account) or NOT_AN_AUTHOR.match(account):
            continue
        rest = line.replace(dated[1], " ", 1).replace(match.group(0), " ", 1)
        if len(re.findall(r"[^\W\d_]+", rest)) <= HANDLE_LINE_WORDS:
            return account
    return None


def marked_bylines(document: Any) -> Iterator[str]:
    """Texts the page marks as its author: rel/itemprop author, then elements whose class or
    id says author or byline (innermost first), never inside the comments."""
    for element in document.xpath("//*[@rel='author'] | //*[@itemprop='author'] | //*[@itemprop='creator']"):
        if not in_comments(element) and not in_story_card(element):
            inner = element.xpath(".//*[@itemprop='name']")
            yield (inner[0].get("content") or inner[0].text_content()) if inner else element.text_content()
    tagged = [
        element
        for element in document.xpath("//*[@class or @id]")
        if isinstance(element.tag, str)
        and element.tag not in ("meta", "link", "script", "style", "img", "body", "html")
        and marked(element, AUTHOR_HINTS)
        and not in_comments(element)
        and not in_story_card(element)
    ]
    chosen = set(tagged)
    inner = [e for e in tagged if not any(other in chosen for other in e.iterdescendants())]
    for element in inner:
        yield _broken_text(element)
        yield from _archive_link_names(element)  # read when the block's text is no name
    for element in tagged:  # a byline block around the author's picture or pop-up, by its own text
        if element not in inner:
            yield _own_text(element, chosen)


def _archive_link_names(block: Any) -> Iterator[str]:
    """The texts of a byline block's links to an author's archive page: the name, where the
    block goes on with the date, the section and the tags ('Ann Lee 28 kwietnia 2021 Polityka')."""
    for link in block.iter("a"):
        text = link.text_content().strip()
        try:
            path = urlparse(link.get("href") or "").path
        except ValueError:  # a malformed IPv6 host ('http://[::1'): no archive page
            continue
        if text and AUTHOR_ARCHIVE.search(path):
            yield text


def _broken_text(element: Any) -> str:
    """An element's text with a line break where it has a <br>: 'By Ann Lee @annlee<br>on June
    26' must not read as one word 'annleeon'."""
    import lxml.etree

    pieces: list[str] = []
    for event, node in lxml.etree.iterwalk(element, events=("start", "end")):
        if event == "start" and node.tag == "br":
            pieces.append("\n")
        elif event == "start" and isinstance(node.tag, str):
            pieces.append(node.text or "")
        elif event == "end" and node is not element:
            pieces.append(node.tail or "")
    return "".join(pieces)


def _own_text(element: Any, tagged: set[Any]) -> str:
    """A short element's text without the text of the marked elements inside it (a byline
    block is short: a long one is no byline, and is not taken apart)."""
    text = str(element.text_content())
    if len(text) > OWN_TEXT_MAX:
        return ""
    for inner in element.iterdescendants():
        if inner in tagged:
            text = text.replace(inner.text_content(), " ", 1)
    return text
