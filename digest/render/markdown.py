"""Markdown to safe HTML, once per review, with heading ids and an outline.

Raw HTML inside Markdown is allowed and then sanitised with nh3: harmless markup
stays, scripts, frames, forms, event handlers and dangerous URLs go.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from digest.errors import ContentError, quoted
from digest.render.direction import mark_directions
from digest.render.html import MAX_ATTRIBUTES, crowded_tag, tag_attributes, tags, too_many_attributes

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "details", "dd", "div", "dl", "dt", "em",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"id", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
    "code": {"class"},
}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}


@dataclass(frozen=True)
class Section:
    """A heading of a review's body: its level (2 = a top-level section), text and anchor id."""

    level: int
    title: str
    anchor: str


@dataclass(frozen=True)
class Rendered:
    html: str
    sections: tuple[Section, ...]
    text: str  # the visible words, for counts and excerpts
    unclosed: str | None = None  # an element of raw HTML left open, which hides what follows it
    deepest: int = 0  # the most elements open at once
    removed: tuple[str, ...] = ()  # what the sanitiser removed: addresses as written, '<iframe>'
    crowded: bool = False  # raw HTML with an element of more than MAX_ATTRIBUTES: nothing rendered
    reopened: str = ""  # the first of too many formatting elements reopened: nothing rendered
    fostered: str = ""  # a table too much was written in outside its cells: nothing rendered

    def check(self, source: str, path: Path, first_line: int = 1) -> None:
        """Raise a ContentError naming the line where raw HTML left open starts swallowing the
        text (the sanitiser drops such an element with everything after it), where the text
        nests deeper than any page or email can hold, or where an element holds more
        attributes than the sanitiser can read in time."""
        if self.crowded:
            problem, line = too_many_attributes(source, first_line) or (CROWDED, None)
            raise ContentError(problem, path, line)
        if self.reopened:
            raise ContentError(
                f"raw HTML leaves {quoted(self.reopened)} and other formatting elements open when "
                f"their parent closes, so HTML would reopen them before each later text, past "
                f"{MAX_REOPENED:,} elements in all: close each one inside its parent",
                path,
                _line_of(source, self.reopened, first_line),
            )
        if self.fostered:
            raise ContentError(
                f"raw HTML writes so much text or so many elements inside {quoted(self.fostered)} "
                "outside its cells that moving them before the table (as HTML does) would take "
                "minutes: put them in a cell (<td>) or after the table",
                path,
                _line_of(source, self.fostered, first_line),
            )
        if self.deepest > MAX_NESTING:
            # Past MAX_OPEN_BEFORE_SANITISING the count stopped: all it knows is 'more than'.
            deep = (
                f"more than {MAX_OPEN_BEFORE_SANITISING:,}"
                if self.deepest > MAX_OPEN_BEFORE_SANITISING
                else f"{self.deepest:,}"
            )
            raise ContentError(
                f"the text is nested {deep} deep (quotes, lists or HTML elements inside each "
                f"other), past the {MAX_NESTING} levels a page or an email can hold: flatten it",
                path,
                first_line + _most_nested_line(source),
            )
        if self.unclosed is None:
            return
        opening = "<!--" if self.unclosed == "!--" else f"<{self.unclosed}"
        index = source.lower().find(opening)
        line = first_line + source.count("\n", 0, index) if index >= 0 else None
        closing = "-->" if self.unclosed == "!--" else f"</{self.unclosed}>"
        raise ContentError(
            f"raw HTML opens {opening}{'' if self.unclosed == '!--' else '>'} and never closes it, so "
            f"everything after it would vanish from every output: close it ({closing}) or remove it",
            path,
            line,
        )


def _line_of(source: str, written: str, first_line: int) -> int | None:
    index = source.find(written)
    return first_line + source.count("\n", 0, index) if index >= 0 else None


ALPHANUMERIC = re.compile(r"[^\W_]")  # what str.isalnum() accepts, one character a match


def slugify(text: str, fallback: str = "section") -> str:
    """ASCII, lowercase, hyphen-separated; accents folded ('Débuter' -> 'debuter'). Text
    in a script that does not fold to ASCII (Japanese, Cyrillic, ...) gives `fallback`
    rather than the few Latin words it holds ('Go 言語の並行処理' is not 'go')."""
    folded = text
    if not text.isascii():  # ASCII folds to itself, keeping every letter and digit
        folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
        if len(ALPHANUMERIC.findall(folded)) * 2 < len(ALPHANUMERIC.findall(text)):
            return fallback
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return slug[:80].rstrip("-") or fallback


def heading_anchor(text: str) -> str:
    """A heading's id: its slug where every letter folds to ASCII, or, for text holding a letter
    that does not (Hangul, Han, Cyrillic, Hebrew, 'ß', 'ø'), its own words as GitHub and Hugo
    keep them, so no letter is dropped: lower case, letters, marks, digits and '_' kept,
    punctuation and invisible format characters left out, spaces and hyphens between words one
    hyphen ('문제 분석!' -> '문제-분석', '第一段：贵妃' -> '第一段贵妃', 'Straße' -> 'straße')."""
    if all(_folds_to_ascii(character) for character in text):
        slug = slugify(text, fallback="")
        if slug:
            return slug
    words = "".join(_anchor_character(c) for c in text.lower())
    return "-".join(words.split())[:80].rstrip("-") or "section"


def _folds_to_ascii(character: str) -> bool:
    """Whether a character is no letter or digit, or one whose compatibility form holds an ASCII
    one ('é' -> 'e', 'ﬁ' -> 'fi'); 'ß', 'ø', 'ł' and the letters of other scripts hold none."""
    if character.isascii() or not character.isalnum():
        return True
    return any(each.isascii() and each.isalnum() for each in unicodedata.normalize("NFKD", character))


def _anchor_character(character: str) -> str:
    """What a character of a heading is in its anchor: itself (a letter, mark, digit or '_'), a
    word break (a space or a hyphen: ' ' here), or nothing (punctuation, symbols, and invisible
    format characters such as zero-width spaces and direction marks)."""
    category = unicodedata.category(character)
    if character == "_" or category[0] in "LMN":
        return character
    return " " if character == "-" or category[0] == "Z" or character.isspace() else ""


def render_markdown(source: str) -> Rendered:
    """HTML for a Markdown body (GitHub-flavoured, by cmark-gfm in C); every heading gets a
    unique id for the table of contents, and raw HTML is sanitised."""
    from cmarkgfm.cmark import Options

    from digest.render.cmark import to_html

    # Raw HTML passes through cmark ("unsafe") because nh3 is the one place it is judged.
    options = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_FOOTNOTES
    body = task_boxes_as_characters(media_as_links(to_html(source, options, GFM_EXTENSIONS)), source)
    if crowded_tag(body) is not None:  # the sanitiser, as lxml, reads one in quadratic time
        return Rendered("", (), "", crowded=True)
    # Each element opened takes a '<': a body of fewer is not counted (nearly every review).
    if body.count("<") > MAX_OPEN_BEFORE_SANITISING:
        count = most_open_before_sanitising(body)
        if count.deepest > MAX_OPEN_BEFORE_SANITISING:
            return Rendered("", (), "", deepest=count.deepest)
        if count.reopened > MAX_REOPENED:
            return Rendered("", (), "", reopened=count.reopened_tag)
        if count.fostering > MAX_FOSTERING:
            return Rendered("", (), "", fostered=count.fostering_table)
    marks = list(tags(body, HEADINGS | SWALLOWING))  # as render/html.py reads them: none in a comment
    unclosed = _unclosed(body, marks)
    body, sections = _assign_heading_ids(body, marks)
    clean = mark_directions(sanitise(body))
    text, removed = _visible_text(clean), _removed(body)
    return Rendered(clean, tuple(sections), text, unclosed, _deepest(clean), removed)


def task_boxes_as_characters(body: str, source: str = "") -> str:
    """Each task list item's box as a character every mail app shows, at the start of the item's
    text: '☐' (U+2610) open, '☑' (U+2611) done, as GitHub shows an unticked or a ticked box; a
    form control would be dropped (and could not be ticked in a mail anyway). cmark-gfm finds no
    task item inside a block quote, where GFM and GitHub do: when the source quotes one, the
    items still opening with '[ ] ' or '[x] ' are boxes too."""
    if '<input type="checkbox"' in body:
        body = TASK_BOX.sub(_task_box, body)
    if QUOTED_TASK_LINE.search(source):
        body = UNREAD_TASK_BOX.sub(_unread_task_box, body)
    return body


def _task_box(found: re.Match[str]) -> str:
    box = "\u2611" if found.group(1) else "\u2610"
    return f"<li>\n<p>{box} " if found.group(2) else f"<li>{box} "


def _unread_task_box(found: re.Match[str]) -> str:
    box = "\u2610" if found.group(2) == " " else "\u2611"
    return f"<li>\n<p>{box} " if found.group(1) else f"<li>{box} "


PLAYERS = frozenset({"audio", "video"})
MEDIA_TAGS = PLAYERS | {"source"}


def media_as_links(body: str) -> str:
    """Each raw `<audio>` or `<video>` of cmark's HTML that names an http(s) address (its `src`,
    or a `<source src>` inside it) as a link to that address, a paragraph of its own where the
    element opens a line: no mail app or feed reader plays media, and the sanitiser would drop
    the player and keep its fallback content ('Your browser does not support the audio
    element.'), which HTML shows only where the element cannot be played, and which is never
    the media. A player naming no such address, or whose fallback holds a link or a picture
    (what its writer chose to show instead), is left to the sanitiser (and told as removed)."""
    if "<audio" not in body.lower() and "<video" not in body.lower():
        return body
    stream = list(tags(body, MEDIA_TAGS))
    pieces: list[str] = []
    position = index = 0
    while index < len(stream):
        start = stream[index]
        index += 1
        name = _name(start, "tag")
        if name not in PLAYERS:
            continue
        close = next((at for at in range(index, len(stream)) if _name(stream[at], "end") == name), None)
        if close is None:
            continue
        inside = [stream[at] for at in range(index, close) if _name(stream[at], "tag") == "source"]
        address = _media_address([start, *inside])
        index = close + 1
        if address is None or _links_or_shows(body[start.end() : stream[close].start()]):
            continue
        link = f'<a href="{html.escape(address)}">{html.escape(address)}</a>'
        opens_line = start.start() == 0 or body[start.start() - 1] == "\n"
        pieces.extend((body[position : start.start()], f"<p>{link}</p>" if opens_line else link))
        position = stream[close].end()
    pieces.append(body[position:])
    return "".join(pieces)


def _name(tag: re.Match[str], group: str) -> str:
    """A start tag's ("tag") or an end tag's ("end") name in lower case; "" for the other kind."""
    return (tag.group(group) or "").lower()


def _links_or_shows(fallback: str) -> bool:
    """Whether a player's fallback content holds a link or a picture: what its writer chose to
    show where the media cannot play, which the sanitiser keeps as it is."""
    return next(tags(fallback, frozenset({"a", "img"})), None) is not None


def _media_address(candidates: list[re.Match[str]]) -> str | None:
    """The first `src` of these tags that is an absolute http(s) address, or None."""
    from urllib.parse import urlsplit

    for tag in candidates:
        address = tag_attributes(tag.group(0)).get("src", "").strip()
        parts = urlsplit(address)
        if parts.scheme.lower() in {"http", "https"} and parts.netloc:
            return address
    return None


# An href or src that may hold an address of a scheme the sanitiser removes
# (urls.FORBIDDEN_SCHEMES), before its first colon (a browser ignores tabs and line breaks in
# a scheme, which may be written as character references), or an element it removes whole
# with what it shows: only where one of these may be is the HTML read. A scheme holds no '=':
# each look stops at the next one ('href=' written 100,000 times was read to the end each time).
_MAY_HOLD_FORBIDDEN = re.compile(
    r"(?i)(?:href|src)\s*=\s*[\"']?[^\"'>:=]*?(?:script|data|file|&#)"
    r"|<(?:iframe|embed|object|video|audio|form|svg)[\s/>]"
)
# Elements that show something (a page, a player, a drawing, a form), which the sanitiser
# removes with everything they show: no output may hold them. (A script shows nothing of its
# own, and render/html.py reads no tag inside it.)
DROPPED_WHOLE = frozenset({"iframe", "embed", "object", "video", "audio", "form", "svg"})


def _removed(body: str) -> tuple[str, ...]:
    """What the sanitiser removes from `body` (cmark's HTML) without a word, in order, as
    render/html.py reads the tags: each href and src whose scheme no output may hold, as
    written, and each element of DROPPED_WHOLE, once, as '<name>'."""
    if not _MAY_HOLD_FORBIDDEN.search(body):
        return ()
    from digest.checks.urls import FORBIDDEN_SCHEMES, scheme_of

    found: list[str] = []
    told: set[str] = set()  # the elements told already, each kind once
    for tag in tags(body):
        name = (tag.group("tag") or "").lower()
        if not name:
            continue
        if name in DROPPED_WHOLE and name not in told:
            told.add(name)
            found.append(f"<{name}>")
        attributes = tag_attributes(tag.group(0))
        for key in ("href", "src"):
            value = attributes.get(key)
            if value is not None and scheme_of(value) in FORBIDDEN_SCHEMES:
                found.append(value.strip())
    return tuple(found)


# Far past any real text (a list in a quote in a list is three): MJML, in native code, runs
# out of stack and kills the process somewhere past a few thousand, and browsers stop
# nesting at 512.
MAX_NESTING = 100
# What check() says of an element of too many attributes that cannot be found in the source.
CROWDED = f"an element holds more than {MAX_ATTRIBUTES:,} attributes, which no page needs: remove them"
NESTING_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
VOID_ELEMENTS = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"})
NESTING_MARKS = re.compile(r"(?:[ \t]*(?:>|[-*+](?=\s)|\d{1,9}[.)](?=\s)))*")


def _deepest(clean_html: str) -> int:
    """The most elements open at once in sanitised (so well-formed) HTML."""
    depth = deepest = 0
    for match in NESTING_TAG.finditer(clean_html):
        if match.group(2).lower() in VOID_ELEMENTS:
            continue
        depth += -1 if match.group(1) else 1
        deepest = max(deepest, depth)
    return deepest


# The sanitiser's HTML parser (html5ever) looks through the elements left open for each one
# it opens, as far back as the nearest table cell, table or object: 100,000 nested quotes took
# two minutes to sanitise, and a review's megabyte most of an hour. Past this many elements open
# at once the text is refused before the sanitiser reads it; up to it, reading is quick and
# the sanitised text's own depth is measured against MAX_NESTING.
MAX_OPEN_BEFORE_SANITISING = 1_000
# Elements that never have content, and the HTML elements whose scope ends that look-back.
NEVER_OPEN = VOID_ELEMENTS | {"base", "basefont", "bgsound", "frame", "keygen", "link", "meta", "param"}
SCOPE_ENDS = frozenset({"applet", "caption", "html", "marquee", "object", "table", "td", "template", "th"})
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "listing", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table",
    "ul", "xmp",
})  # fmt: skip
HEADING_NAMES = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
TABLE_PARTS = frozenset({"td", "th", "tr", "thead", "tbody", "tfoot"})
# What a start tag closes when it is the element open last (HTML closes these at least then:
# a paragraph's, an item's or a cell's end tag may be left out).
CLOSED_BY_START: dict[str, frozenset[str]] = {
    **{block: frozenset({"p"}) for block in BLOCKS},
    **{heading: frozenset({"p"}) | HEADING_NAMES for heading in HEADING_NAMES},
    "li": frozenset({"p", "li"}),
    "dd": frozenset({"p", "dd", "dt"}),
    "dt": frozenset({"p", "dd", "dt"}),
    "option": frozenset({"option"}),
    "optgroup": frozenset({"option", "optgroup"}),
    "td": frozenset({"td", "th"}),
    "th": frozenset({"td", "th"}),
    "tr": frozenset({"td", "th", "tr"}),
    **{part: TABLE_PARTS for part in ("thead", "tbody", "tfoot")},
}
# Their end tags rearrange the tree rather than close what was opened inside them (the
# "adoption agency"), unless they were the element open last.
FORMATTING = frozenset({"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong",
                        "tt", "u"})  # fmt: skip


@dataclass
class OpenCount:
    """What most_open_before_sanitising() found: the most elements open at once, and how many
    formatting elements HTML opened again, with the first one's start tag as written."""

    deepest: int = 0
    reopened: int = 0
    reopened_tag: str = ""
    fostering: int = 0  # the children looked through to move content out of a table (MAX_FOSTERING)
    fostering_table: str = ""  # the start tag of the first table content was moved out of

    def refuses(self) -> bool:
        return (
            self.deepest > MAX_OPEN_BEFORE_SANITISING
            or self.reopened > MAX_REOPENED
            or self.fostering > MAX_FOSTERING
        )


def most_open_before_sanitising(body: str) -> OpenCount:
    """The most elements HTML keeps open at once in `body` (cmark's HTML, raw HTML and all),
    counted from the nearest element that ends a scope: never fewer than the sanitiser's parser
    keeps, since it closes elements at least where this count does; and how many formatting
    elements it opens again (see MAX_REOPENED). Linear: one pass, each element opened and
    closed once, each one reopened counted until the limit."""
    scopes = [_OpenScope("")]
    count = OpenCount()
    text_from = 0
    for tag in tags(body):
        if (
            count.reopened or count.fostering or count.deepest > MAX_OPEN_BEFORE_SANITISING
        ) and count.refuses():
            break  # enough to refuse; each look-back stays short
        scope = scopes[-1]
        if tag.start() > text_from:  # text, before which what a parent closed is reopened
            if scope.formatting.closed:
                _reopen(scopes, count)
            if scope.opener != "table":
                scope.add_child()
            elif not body[text_from : tag.start()].isspace():  # white space stays in a table
                _add_table_child(scope, count, "#text")
        text_from = tag.end()
        end = tag.group("end")
        if end:
            name = end.lower()
            if name == "p" and not (scope.counts.get("p", 0) and _closes(scope, "p")):
                count.deepest = max(count.deepest, len(scope.names) + 1)  # HTML makes an empty <p>
            if name not in NEVER_OPEN:
                _close(scopes, name)
            continue
        name = tag.group("tag").lower()
        if scope.opener == "table":
            _add_table_child(scope, count, name)
        else:
            scope.add_child()
        if name in NEVER_OPEN or (scope.foreign and tag.group(0).endswith("/>")):
            continue
        if name in ONE_AT_A_TIME and scope.formatting.single:
            _close_listed(scope, name)
        if name in ("button", "select") and scope.counts.get(name, 0):
            _close(scopes, name)  # a button holds no button: the open one is closed first (a select too)
        if scope.formatting.closed and name not in NOT_REOPENING:
            _reopen(scopes, count)
        _open(scopes, name, tag.group(0) if name in FORMATTING else "")
        if name == "table":
            scopes[-1].table_tag = tag.group(0)
        count.deepest = max(count.deepest, len(scopes[-1].names))
    if body[text_from:] and scopes[-1].formatting.closed and not count.refuses():  # text after the last tag
        _reopen(scopes, count)
    return count


# Text and elements written in a table but in no cell (nor caption) are moved to before the
# table ("foster parenting"): the sanitiser's parser finds the table among its parent's
# children for each, and moves those after it along. 40,000 in a 200 KB review took 5 seconds,
# four times as long for each doubling; past this many children looked through, refused.
MAX_FOSTERING = 20_000_000
# What a table holds in its own right, where it is written outside a cell.
TABLE_CONTENT = TABLE_PARTS | {"caption", "col", "colgroup", "form", "input", "script", "style", "table",
                               "template"}  # fmt: skip
TABLE_ROWS = frozenset({"table", "tbody", "thead", "tfoot", "tr"})


def _add_table_child(scope: _OpenScope, count: OpenCount, name: str) -> None:
    """A child (text: "#text") of what is open last in a table: one written where no cell is
    open is moved out, counted with the children its parser looks through to place it."""
    if name not in TABLE_CONTENT and (not scope.names or scope.names[-1] in TABLE_ROWS):
        count.fostering += scope.table_index + scope.fostered
        scope.fostered += 1
        count.fostering_table = count.fostering_table or scope.table_tag
    else:
        scope.add_child()


# HTML keeps each formatting element (FORMATTING) in a list until its own end tag, so one its
# parent closed (`<div><b>x</div>`) is opened again before the next text, in every paragraph
# after: 900 left so in a div, then 20,000 paragraphs, took the sanitiser past 4 GB of memory.
# Three alike at most are kept (the "Noah's Ark" clause), so a real page's few reopen a few
# elements a paragraph; past this many in all, the text is refused.
MAX_REOPENED = 100_000
# A table cell, a caption and these elements start the list afresh, forgetting what was left.
MARKERS = frozenset({"applet", "caption", "marquee", "object", "td", "template", "th"})
# Start tags before which HTML reopens nothing (the text inside them does).
NOT_REOPENING = BLOCKS | HEADING_NAMES | TABLE_PARTS | MARKERS | {
    "body", "col", "colgroup", "dd", "dt", "frameset", "head", "html", "li", "plaintext",
}  # fmt: skip


class _Entry:
    """A formatting element in HTML's list: its name, its start tag as written, and whether it
    is still listed (an end tag, or three alike after it, take it off)."""

    def __init__(self, name: str, tag: str) -> None:
        self.name, self.tag, self.listed = name, tag, True


class _FormattingList:
    """HTML's list of the formatting elements opened since its last marker: those alike (by
    their start tag as written, in order) and those a parent closed, to be reopened."""

    def __init__(self) -> None:
        self.alike: dict[str, list[_Entry]] = {}
        self.closed: list[_Entry] = []
        self.single: list[_Entry] = []  # the elements listed that HTML holds one at a time

    def add(self, entry: _Entry) -> None:
        alike = self.alike.setdefault(entry.tag, [])
        if len(alike) >= 3:  # the earliest alike leaves the list (the "Noah's Ark" clause)
            self.drop(alike[0])
        alike.append(entry)
        if entry.name in ONE_AT_A_TIME:
            self.single.append(entry)

    def drop(self, entry: _Entry) -> None:
        entry.listed = False
        self.alike[entry.tag].remove(entry)
        if entry in self.closed:
            self.closed.remove(entry)
        if entry.name in ONE_AT_A_TIME:
            self.single.remove(entry)

    def drop_closed(self, name: str) -> None:
        """An end tag of `name` no open element has: the list drops its last such element."""
        for entry in reversed(self.closed):
            if entry.name == name:
                self.drop(entry)
                return


# An <a> start tag where an <a> is still listed, or a <nobr> where a <nobr> is (reopened) in
# scope: HTML's parser closes that one first (the adoption agency), so a link left open is
# never the parent of the next.
ONE_AT_A_TIME = frozenset({"a", "nobr"})


def _close_listed(scope: _OpenScope, name: str) -> None:
    """The elements named `name` still listed, closed as a start tag of `name` closes them;
    whatever they held stays open where it was (never fewer open than HTML keeps)."""
    for entry in [each for each in scope.formatting.single if each.name == name]:
        open_here = scope.remove_open(entry)
        if open_here or name == "a" or entry in scope.formatting.closed:
            scope.formatting.drop(entry)


def _reopen(scopes: list[_OpenScope], count: OpenCount) -> None:
    scope = scopes[-1]
    closed = scope.formatting.closed
    if not closed:
        return
    count.reopened += len(closed)
    count.reopened_tag = count.reopened_tag or closed[0].tag
    for entry in closed:
        scope.push(entry.name, entry)
    closed.clear()
    count.deepest = max(count.deepest, len(scope.names))


# Each element pushed gets the next number: the elements open keep theirs in order, so which
# of two is nearer the top is told by their numbers, even after one is taken out between.
_SERIALS = itertools.count()


class _OpenScope:
    """The elements open since an element that ends a scope (`opener`; "" for the document)."""

    def __init__(self, opener: str, within: _OpenScope | None = None) -> None:
        self.opener = opener
        self.names: list[str] = []
        self.serials: list[int] = []  # each open element's number, increasing (see _SERIALS)
        self.specials: list[int] = []  # the numbers of the SPECIAL elements open
        self.blockers: list[int] = []  # and of those an item's start tag stops at (ITEM_BLOCKERS)
        self.entries: list[_Entry | None] = []  # a formatting element's entry in HTML's list
        self.children: list[int] = []  # how many children each open element has so far
        self.root_children = 0  # and the opener (for the document: its body)
        # A table's place among its parent's children, and what was moved before it.
        self.table_index = (within.children[-1] if within.names else within.root_children) if within else 0
        self.fostered = 0
        self.table_tag = ""
        self.counts: dict[str, int] = {}
        self.positions: dict[str, list[int]] = {}  # the numbers of each name's open elements, for _closes()
        # The <form> HTML's parser points at (set by the first form, cleared by '</form>'),
        # kept by the document's scope only.
        self.form: int | None = None
        # The <svg> and <math> open here and around, in which '/>' closes an element.
        self.foreign: int = within.foreign if within else 0
        # The scopes open around this one and it, by the element that opened them.
        self.openers: dict[str, int] = dict(within.openers) if within else {}
        self.openers[opener] = self.openers.get(opener, 0) + 1
        self.tables = self.openers.get("table", 0)
        self.formatting: _FormattingList = (
            within.formatting if within is not None and opener not in MARKERS else _FormattingList()
        )

    def add_child(self) -> None:
        if self.names:
            self.children[-1] += 1
        else:
            self.root_children += 1

    def push(self, name: str, entry: _Entry | None = None) -> int:
        serial = next(_SERIALS)
        self.names.append(name)
        self.serials.append(serial)
        self.entries.append(entry)
        self.children.append(0)
        self.counts[name] = self.counts.get(name, 0) + 1
        self.positions.setdefault(name, []).append(serial)
        if name in SPECIAL:
            self.specials.append(serial)
            if name in ITEM_BLOCKERS:
                self.blockers.append(serial)
        self.foreign += name in ("svg", "math")
        return serial

    def pop(self, by_its_end_tag: bool = False) -> str:
        """The element open last, closed: a formatting element closed otherwise than by its
        own end tag stays in HTML's list, to be opened again."""
        name = self.names.pop()
        self.serials.pop()
        entry = self.entries.pop()
        self.children.pop()
        self.counts[name] -= 1
        self.positions[name].pop()
        if name in SPECIAL:
            self.specials.pop()
            if name in ITEM_BLOCKERS:
                self.blockers.pop()
        self.foreign -= name in ("svg", "math")
        if entry is not None and entry.listed:
            if by_its_end_tag:
                self.formatting.drop(entry)
            else:
                self.formatting.closed.append(entry)
        return name

    def remove_open(self, entry: _Entry) -> bool:
        """The element of `entry` taken off the open elements, where it is open in this scope
        (whether it was); those opened after it stay open."""
        at = next(
            (index for index in range(len(self.entries) - 1, -1, -1) if self.entries[index] is entry), None
        )
        if at is None:
            return False
        self.take_out(at)
        return True

    def take_out(self, at: int) -> None:
        """The element open at index `at` taken off the open elements; those after it stay open."""
        name = self.names.pop(at)
        serial = self.serials.pop(at)
        self.entries.pop(at)
        held = self.children.pop(at)
        if at:
            self.children[at - 1] += held
        else:
            self.root_children += held
        self.counts[name] -= 1
        self.positions[name].remove(serial)
        if name in SPECIAL:
            self.specials.remove(serial)
            if name in ITEM_BLOCKERS:
                self.blockers.remove(serial)
        self.foreign -= name in ("svg", "math")

    def index_of(self, serial: int) -> int | None:
        """Where the element numbered `serial` is open in this scope, if it is."""
        at = bisect.bisect_left(self.serials, serial)
        return at if at < len(self.serials) and self.serials[at] == serial else None

    def leave(self) -> None:
        """This scope ends: its formatting elements stay in the list, unless the scope started
        one of its own (a cell's, forgotten with it)."""
        self.pop_to(0)

    def pop_to(self, depth: int) -> None:
        """Close the elements open past `depth`, listing those left in the order opened."""
        closed = self.formatting.closed
        before = len(closed)
        while len(self.names) > depth:
            self.pop()
        if len(closed) - before > 1:
            closed[before:] = reversed(closed[before:])


# Cells and captions open only inside a table; elsewhere HTML ignores their tags.
TABLE_CELLS = frozenset({"caption", "td", "th"})


def _open(scopes: list[_OpenScope], name: str, formatting_tag: str = "") -> None:
    if name in TABLE_CELLS and not scopes[-1].tables:
        return
    if name in NEVER_PUSHED or (
        name == "form" and scopes[0].form is not None and not scopes[-1].openers.get("template")
    ):
        return  # HTML's parser adds their attributes to its own <html> and <body>, or ignores them
    if name in ITEMS_CLOSED and not scopes[-1].foreign:
        _close_item(scopes[-1], ITEMS_CLOSED[name])
    closes = CLOSED_BY_START.get(name, frozenset())
    if "p" in closes and scopes[-1].counts.get("p", 0) and _closes(scopes[-1], "p"):
        _close(scopes, "p")  # a paragraph open in button scope, however far back
    while True:
        scope = scopes[-1]
        if scope.names and scope.names[-1] in closes:
            scope.pop()
        elif not scope.names and scope.opener in closes:  # a cell the next cell or row closes
            scopes.pop().leave()
        else:
            break
    if name in SCOPE_ENDS:
        scopes.append(_OpenScope(name, scope))
    else:
        entry = _Entry(name, formatting_tag) if formatting_tag else None
        if entry is not None:
            scope.formatting.add(entry)
        serial = scope.push(name, entry)
        if name == "form" and not scope.openers.get("template"):
            scopes[0].form = serial


# The elements past which an end tag does not close one of these names (their scope's ends).
END_TAG_STOPS = {"li": frozenset({"ol", "ul"}), "p": frozenset({"button"})}
# HTML's "special" elements: an end tag HTML names no rule of its own for (</span>, </label>)
# closes the nearest element of its name only when none of these is open after it, and is
# ignored otherwise (`<span><div></span>` keeps both open).
SPECIAL = frozenset({
    "address", "applet", "area", "article", "aside", "base", "basefont", "bgsound", "blockquote",
    "body", "br", "button", "caption", "center", "col", "colgroup", "dd", "details", "dir", "div",
    "dl", "dt", "embed", "fieldset", "figcaption", "figure", "footer", "form", "frame", "frameset",
    "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "iframe", "img",
    "input", "keygen", "li", "link", "listing", "main", "marquee", "menu", "meta", "nav", "noembed",
    "noframes", "noscript", "object", "ol", "p", "param", "plaintext", "pre", "script", "search",
    "section", "select", "source", "style", "summary", "table", "tbody", "td", "template",
    "textarea", "tfoot", "th", "thead", "title", "tr", "track", "ul", "wbr", "xmp",
})  # fmt: skip
# The end tags HTML's parser has a rule of its own for, closing what was opened after them
# (within their scope); every other end tag stops at a SPECIAL element.
CLOSING_PAST_SPECIAL = BLOCKS | FORMATTING | SCOPE_ENDS | TABLE_PARTS | {
    "button", "caption", "colgroup", "dd", "dialog", "dt", "li", "search", "select",
}  # fmt: skip
# Start tags HTML's parser never adds an element for in a body (it has its own <html> and
# <body>), and end tags that close nothing there.
NEVER_PUSHED = frozenset({"body", "head", "html"})


def _close(scopes: list[_OpenScope], name: str) -> None:
    scope = scopes[-1]
    if name in NEVER_PUSHED:
        return
    if name == "form" and not scope.openers.get("template"):
        _close_form(scopes)
        return
    if scope.names and scope.names[-1] == name:  # nearly every end tag
        scope.pop(by_its_end_tag=True)
    elif name in HEADING_NAMES and not scope.foreign:
        _close_heading(scope)
    elif scope.counts.get(name, 0) and _closes(scope, name):
        depth = len(scope.names) - 1
        while scope.names[depth] != name:
            depth -= 1
        scope.pop_to(depth + 1)
        scope.pop(by_its_end_tag=True)
    elif name in SCOPE_ENDS and scope.openers.get(name, 0):  # '</table>' closes a cell open in it
        while True:
            closed = scopes.pop()
            closed.leave()
            if closed.opener == name:
                break
    elif name in FORMATTING and not scope.counts.get(name, 0):
        scope.formatting.drop_closed(name)


# An item's start tag closes the nearest item of its kind open, past any element but a SPECIAL
# one other than these (`<li><span><li>` closes the first item, `<dd><ul><dd>` does not).
ITEMS_CLOSED = {"li": ("li",), "dd": ("dd", "dt"), "dt": ("dd", "dt")}
ITEM_BLOCKERS = SPECIAL - {"address", "div", "p"}


def _close_item(scope: _OpenScope, kinds: tuple[str, ...]) -> None:
    nearest = max((scope.positions[kind][-1] for kind in kinds if scope.positions.get(kind)), default=None)
    if nearest is None or (scope.blockers and scope.blockers[-1] > nearest):
        return
    at = scope.index_of(nearest)
    if at is not None:
        scope.pop_to(at + 1)
        scope.pop()


def _close_form(scopes: list[_OpenScope]) -> None:
    """'</form>' outside a template takes the form HTML points at off the open elements, and
    only it (what was opened in it stays open), where it is open in this scope."""
    serial, scopes[0].form = scopes[0].form, None
    if serial is None:
        return
    scope = scopes[-1]
    at = scope.index_of(serial)
    if at == len(scope.names) - 1:
        scope.pop()
    elif at is not None:
        scope.take_out(at)


def _close_heading(scope: _OpenScope) -> None:
    """A heading's end tag closes the nearest heading open, whatever its level."""
    open_headings = [scope.positions[level][-1] for level in HEADING_NAMES if scope.positions.get(level)]
    if not open_headings:
        return
    at = scope.index_of(max(open_headings))
    if at is None:  # never: each number listed is of an element open in this scope
        return
    scope.pop_to(at + 1)
    scope.pop(by_its_end_tag=True)


def _closes(scope: _OpenScope, name: str) -> bool:
    """Whether an end tag of `name` closes the nearest open one in `scope`."""
    if name in FORMATTING:
        return scope.names[-1] == name
    if name not in CLOSING_PAST_SPECIAL and not scope.foreign and scope.specials:
        return scope.positions[name][-1] >= scope.specials[-1]
    stops = END_TAG_STOPS.get(name)
    if stops is None:
        return True
    nearest = scope.positions.get(name)
    if not nearest:
        return False
    return all(nearest[-1] > scope.positions[stop][-1] for stop in stops if scope.positions.get(stop))


def _most_nested_line(source: str) -> int:
    """The index of the line of `source` opening the most quotes and lists at its start."""
    lines = source.split("\n")
    marks = [len(NESTING_MARKS.match(line).group(0)) for line in lines]  # type: ignore[union-attr]
    return marks.index(max(marks)) if marks else 0


GFM_EXTENSIONS = ("table", "strikethrough", "autolink", "tasklist")
# cmark-gfm's box for a task list item (a list item opening with `[ ]`, `[x]` or `[X]` and a
# space, GFM's extension): a disabled checkbox <input>, which the sanitiser drops as every form
# control, since no mail app may be sent one. In a loose list cmark writes it before the item's
# first paragraph.
TASK_BOX = re.compile(r'<li><input type="checkbox"( checked="")? disabled="" /> (\n<p>)?')
# A task list item inside a block quote (`> - [ ] x`, at any depth of quote and list), and the
# item cmark-gfm writes for it, its marker left as text.
QUOTED_TASK_LINE = re.compile(
    r"^ {0,3}>(?:[ \t]*>)*[ \t]*(?:[-+*]|\d{1,9}[.)])[ \t]+\[[ xX]\][ \t]", re.MULTILINE
)
UNREAD_TASK_BOX = re.compile(r"<li>(\n<p>)?\[([ xX])\] ")
# Elements whose content is text to the end of the element (or dropped by the sanitiser
# with it): one left open hides the rest of the document.
SWALLOWING = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
                        "noscript", "plaintext", "template"})  # fmt: skip


def _unclosed(html_text: str, marks: list[re.Match[str]]) -> str | None:
    """The first raw-text element opened more often than closed, or "!--" for a comment
    never closed; None where every one is closed. Code is escaped by then: only raw HTML
    counts, and none in a comment, nor a closed script or style (`marks`: the tags of
    `html_text` that render/html.py reads)."""
    if "<" not in html_text:
        return None
    balance: dict[str, int] = {}
    for mark in marks:
        name = (mark.group("tag") or mark.group("end")).lower()
        if name in SWALLOWING:
            balance[name] = balance.get(name, 0) + (-1 if mark.group("end") else 1)
    unclosed = next((name for name, count in balance.items() if count > 0), None)
    if unclosed is None and html_text.count("<!--") > html_text.count("-->"):
        return "!--"
    return unclosed


HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
TAG = re.compile(r"<[^>]+>")


def sanitise(fragment: str) -> str:
    import nh3

    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def _assign_heading_ids(body: str, marks: list[re.Match[str]]) -> tuple[str, list[Section]]:
    """Each heading cmark wrote (`<h2>`, no attribute) with an id, and the sections they start.
    A heading in a comment, a script or a style is none (`marks`: the tags of `body` that
    render/html.py reads): sanitising drops it, and a section linking to it would lead nowhere.
    The page's title is its one <h1> (the masthead is the email's): a body holding an <h1> has
    every heading shifted down one level, an <h6> staying one, as the importer shifts a page's."""
    sections: list[Section] = []
    used: dict[str, int] = {}
    pieces: list[str] = []
    position = 0
    found = list(
        _headings([mark for mark in marks if (mark.group("tag") or mark.group("end")).lower() in HEADINGS])
    )
    shift = 1 if any(start.group("tag") == "h1" for start, _ in found) else 0
    inners = [_own_anchor(body[start.end() : end.start()]) for start, end in found]
    # The ids the author gave are theirs: a heading whose title makes one takes the next number.
    given = frozenset(own for _, own in inners if own)
    given_taken: set[str] = set()
    for (start, end), (inner, own) in zip(found, inners, strict=True):
        level = min(int(start.group("tag")[1]) + shift, 6)
        title = " ".join(html.unescape(TAG.sub("", inner)).split())
        if own and own not in given_taken:
            anchor = own
            given_taken.add(own)
            used.setdefault(own, 1)
        else:
            anchor = unique_anchor(own or heading_anchor(title), used, given)
        sections.append(Section(level, title, anchor))
        pieces.extend(
            (body[position : start.start()], f'<h{level} id="{html.escape(anchor)}">{inner}</h{level}>')
        )
        position = end.end()
    pieces.append(body[position:])
    return "".join(pieces), sections


def _headings(stream: list[re.Match[str]]) -> Iterator[tuple[re.Match[str], re.Match[str]]]:
    """Each `<hN>` start tag with the first `</hN>` after it; the tags between are inside it."""
    index = 0
    while index < len(stream):
        start = stream[index]
        index += 1
        name = start.group("tag")
        if name is None or start.group(0) != f"<{name}>" or name != name.lower():
            continue
        close = next((at for at in range(index, len(stream)) if stream[at].group(0) == f"</{name}>"), None)
        if close is not None:
            yield start, stream[close]
            index = close + 1


# A heading's own id, given by its Markdown's attribute list (sources/attributes.py), carried to
# the renderer as a comment in the heading: hexadecimal, so no id can end the comment early.
# An id a page can hold as it is, in an attribute and in a link's fragment.
SAFE_ID = re.compile(r"\w[\w.:-]{0,99}")
HEADING_ID_MARK = re.compile(r"<!--heading-id:([0-9a-f]{2,400})-->")


def heading_id_mark(anchor: str) -> str:
    """The mark that gives the heading it ends the anchor `anchor`."""
    return f" <!--heading-id:{anchor.encode().hex()}-->"


def _own_anchor(inner: str) -> tuple[str, str | None]:
    """A heading's HTML without the mark of its own id, and that id (None without one)."""
    found = HEADING_ID_MARK.search(inner)
    if found is None:
        return inner, None
    try:
        anchor: str | None = bytes.fromhex(found.group(1)).decode()
    except ValueError:
        anchor = None
    if anchor is not None and not SAFE_ID.fullmatch(anchor):  # a mark written by hand
        anchor = None
    return (inner[: found.start()] + inner[found.end() :]).rstrip(), anchor


def unique_anchor(anchor: str, used: dict[str, int], reserved: frozenset[str] = frozenset()) -> str:
    """`anchor`, or `anchor-2`, `anchor-3`...; `used` remembers the next number to try for each;
    none of the `reserved` is taken."""
    candidate, number = anchor, used.get(anchor, 1)
    while candidate in used or candidate in reserved:
        number += 1
        candidate = f"{anchor}-{number}"
    used[anchor] = number
    used.setdefault(candidate, 1)
    return candidate


PROSE_STRUCTURE = re.compile(
    r"<(/?)(p|ul|ol|dl|blockquote|table|pre|figure|details)\b[^>]*>"
)  # sanitised: lower case


def prose(clean_html: str, enough: int | None = None) -> str:
    """The text of the paragraphs that stand on their own (not in a list, a quote, a table
    or code), in order: what an excerpt is taken from. Headings are never paragraphs. With
    `enough`, the paragraphs stop once they hold more than that many words."""
    paragraphs: list[str] = []
    depth, start, words = 0, None, 0
    for tag in PROSE_STRUCTURE.finditer(clean_html):
        if enough is not None and words > enough:
            break
        closing, name = tag.group(1) == "/", tag.group(2).lower()
        if name == "p" and depth == 0:
            if not closing:
                start = tag.end()
            elif start is not None:
                paragraph = _visible_text(clean_html[start : tag.start()])
                paragraphs.append(paragraph)
                words += paragraph.count(" ") + 1 if paragraph else 0
                start = None
        elif name != "p":
            depth = max(0, depth + (-1 if closing else 1))
    return " ".join(paragraph for paragraph in paragraphs if paragraph)


# Phrasing elements run on in the text around them ("*some* parking," reads "some parking,");
# every other tag separates words. A footnote mark is no word of the sentence it sits in.
# Case-sensitive: the sanitiser writes every name in lower case (and the pattern is 3 times faster).
INLINE_TAG = re.compile(
    r"</?(?:a|abbr|b|bdi|bdo|cite|code|data|del|dfn|em|i|ins|kbd|mark|q|s|samp|small|span|strong|sub|sup"
    r"|time|u|var)\b[^>]*>"
)
FOOTNOTE_MARK = re.compile(r'<sup>\s*<a href="#fn[^"]*"[^>]*>[^<]*</a>\s*</sup>')


def _visible_text(clean_html: str) -> str:
    """The words a reader sees in sanitised HTML, for counts and excerpts."""
    words = INLINE_TAG.sub("", FOOTNOTE_MARK.sub("", clean_html))
    return " ".join(html.unescape(TAG.sub(" ", words)).split())


def render_text(source: str, width: int = 78, base: str | None = None, *, headings: bool = False) -> str:
    """Markdown as plain text for the text email: links kept as 'text <url>' (relative ones
    made whole against `base`, the page the text stands for), lines wrapped.

    The same parser and sanitiser as the HTML make it (what the HTML drops, the text drops
    too); lxml walks the result block by block.
    """
    return html_text(render_markdown(source).html, width, base, headings=headings)


def html_text(clean: str, width: int = 78, base: str | None = None, *, headings: bool = False) -> str:
    """Rendered, sanitised HTML (an introduction's, a comment's) as the text email's plain
    text, as render_text writes it: list items after '- ' or their number, quotations after
    '> ', and with `headings`, a heading underlined (as plain-text mail and Markdown write one)."""
    import lxml.html

    if not clean.strip():
        return ""
    if base is not None:
        from digest.render.email import absolute_links

        clean = absolute_links(clean, base)
    root = lxml.html.fragment_fromstring(clean, create_parent="div")
    if headings:
        _two_levels(root)
    return "\n\n".join(block for block in _text_blocks(root, width, headings) if block.strip())


def _two_levels(root: Any) -> None:
    """Plain text marks two levels of heading, as Setext does: the text's top level, where a
    lower one follows it, as `h1` (underlined '='), every other heading as `h2` ('-'), at
    whatever level the HTML has them (a body's top is <h2>: the page's title is its <h1>)."""
    found = list(root.iter(*HEADINGS))
    top = min((heading.tag for heading in found), default=None)
    deeper = any(heading.tag != top for heading in found)
    for heading in found:
        heading.tag = "h1" if deeper and heading.tag == top else "h2"


TEXT_CONTAINERS = frozenset({"div", "table", "thead", "tbody", "tfoot", "tr", "dl", "details", "figure",
                             "section"})  # fmt: skip
TEXT_BLOCKS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "figcaption", "summary"}
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
LISTS = frozenset({"ul", "ol"})
OWN_BLOCKS = LISTS | {"pre", "li", "blockquote"}  # written as blocks of their own, never inline
BLOCK_TAGS = TEXT_CONTAINERS | TEXT_BLOCKS | OWN_BLOCKS
TABLE_PARTS = frozenset({"thead", "tbody", "tfoot"})
CELLS = frozenset({"td", "th"})
# A <br> among the words until they are wrapped: lxml refuses a NUL in any text it holds.
LINE_BREAK = "\0"
NARROWEST = 20  # columns left to a nested list or quotation's text, however deep it is


def _text_blocks(element: Any, width: int, headings: bool) -> list[str]:
    """Each block of `element` as wrapped text, in order. Text straight inside it (a tight
    list item's words, a container's loose text) is a paragraph where it stands."""
    blocks: list[str] = []
    run: list[str] = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag in BLOCK_TAGS:
            blocks.append(_wrapped(_words(run), width))
            blocks.extend(_block_text(child, width, headings))
            run = []
        elif isinstance(child.tag, str):
            run.append(_inline_piece(child))
        run.append(child.tail or "")
    blocks.append(_wrapped(_words(run), width))
    return [block for block in blocks if block]


def _block_text(element: Any, width: int, headings: bool) -> list[str]:
    if element.tag == "pre":
        return [element.text_content().rstrip("\n")]
    if element.tag in HEADINGS and headings:
        return [_heading(_inline_text(element), element.tag, width)]
    if element.tag in TEXT_BLOCKS:
        return [_wrapped(_inline_text(element), width)]
    if element.tag in LISTS:
        return [_list_text(element, width, headings)]
    if element.tag == "table":
        return [_table_text(element, width)]
    if element.tag == "blockquote":
        inner = "\n\n".join(_text_blocks(element, max(width - 2, NARROWEST), headings))
        return ["\n".join(f"> {line}".rstrip() for line in inner.split("\n"))]
    return _text_blocks(element, width, headings)  # a container or a list item


def _table_text(table: Any, width: int) -> str:
    """A table after its caption, a row a line and its cells ' | ' apart (a row too long
    for a line goes on under it, indented)."""
    lines = [_wrapped(_inline_text(part), width) for part in table if part.tag == "caption"]
    for row in _table_rows(table):
        cells = [_words([_inline_text(cell).replace(LINE_BREAK, " ")]) for cell in row if cell.tag in CELLS]
        if any(cells):
            lines.append(_wrapped(" | ".join(cells), width, "  "))
    return "\n".join(line for line in lines if line)


def _table_rows(table: Any) -> Iterator[Any]:
    for part in table:
        if part.tag == "tr":
            yield part
        elif part.tag in TABLE_PARTS:
            yield from (row for row in part if row.tag == "tr")


def _heading(text: str, tag: str, width: int) -> str:
    """A heading underlined as wide as its longest line, in columns."""
    from digest.render.wrapping import columns

    lines = _wrapped(text, width)
    return f"{lines}\n{('=' if tag == 'h1' else '-') * min(width, max(map(columns, lines.split(chr(10)))))}"


def _list_text(element: Any, width: int, headings: bool) -> str:
    """A list, each item after its marker ('- ', or '1. ' counting from the list's start)
    with its lines indented under its text; items a line apart only in a loose list."""
    items = [child for child in element if isinstance(child.tag, str) and child.tag == "li"]
    try:
        start = int(element.get("start") or 1)
    except ValueError:
        start = 1
    loose = any(isinstance(child.tag, str) and child.tag == "p" for item in items for child in item)
    apart = "\n\n" if loose else "\n"
    written = []
    for number, item in enumerate(items, start):
        marker = f"{number}. " if element.tag == "ol" else "- "
        inner = apart.join(_text_blocks(item, max(width - len(marker), NARROWEST), headings))
        lines = inner.split("\n")
        indent = " " * len(marker)
        written.append("\n".join([marker + lines[0], *(f"{indent}{line}".rstrip() for line in lines[1:])]))
    return apart.join(written)


def _wrapped(text: str, width: int, indent: str = "") -> str:
    """`text` wrapped at `width`, each hard line break (LINE_BREAK) starting a new line;
    a line's continuations after `indent`."""
    from digest.render.wrapping import fill

    lines = [line.strip() for line in text.split(LINE_BREAK)]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(fill(line, width, indent) for line in lines)


def _inline_text(element: Any) -> str:
    """The words of an element's inline content: a link as 'text <url>', an image as '[alt]'."""
    parts: list[str] = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            parts.append(_inline_piece(child))
        parts.append(child.tail or "")
    return _words(parts)


def _words(parts: list[str]) -> str:
    return " ".join("".join(parts).split())


_EXPONENT = re.compile(r"[-+\u2212]?[0-9]+(?:[.,][0-9]+)?")


def _inline_piece(element: Any) -> str:
    if element.tag == "br":
        return LINE_BREAK
    if element.tag == "img":  # a picture with no alternative text is decoration: nothing to read
        alt = " ".join((element.get("alt") or "").split())
        return f"[{alt}]" if alt else ""
    inner = _inline_text(element)
    if element.tag == "sup" and _EXPONENT.fullmatch(inner):
        return f"^{inner}"  # 10<sup>6</sup> is no 106; an ordinal's 'st' reads as it is
    if element.tag != "a":
        return inner
    href = element.get("href") or ""
    if href.startswith("#"):  # an anchor on the page: nothing to follow in text
        parent = element.getparent()
        if href.startswith("#fn-") and parent is not None and parent.tag == "sup":
            return f"[{inner}]"  # a footnote mark (cmark-gfm's): the number of its note
        return "" if href.startswith("#fnref-") and inner == "\u21a9" else inner  # a note's way back
    if href and href != inner and href.removeprefix("mailto:") != inner:
        return f"{inner} <{href}>"
    return inner
