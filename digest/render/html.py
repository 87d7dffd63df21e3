"""Reading and rewriting HTML source in place: text between tags, start tags and their
attribute values.

Whatever a rewrite does not change stays byte-identical (no parse and re-serialise round
trip), and comments (Outlook's conditional ones included), `<script>` and `<style>` are
copied through untouched. The email compiler, the mail-service escaping, the feeds, the
images' copies and the review links use this one rewriter; `tags` and `tag_attributes` are
the one reading of tags for the text direction, the headings' ids and the images and files a
review uses;
`parse_srcset` is the one reading of `srcset` for them and the link check.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from html import unescape

_COMMENT = r"<!--.*?-->"  # comments, Outlook conditionals included
_CDATA = r"<!\[CDATA\[.*?\]\]>"
# A tag's attributes run to its '>'; a value quoted after its '=' may hold '>'. A quote
# anywhere else is a character of the tag, as browsers and tag_attributes read it
# ('<a href=x">' ends at its '>'), and one never closed leaves the value unquoted: the tag
# ends at its '>' (possessive: read one way only), not every '<' before it reading to that quote.
_ATTRIBUTES = r"""(?:[^>=]|=\s*"[^"]*"|=\s*'[^']*'|=)*+"""
_RAW = rf"""<(?P<raw>script|style)\b{_ATTRIBUTES}>.*?</(?P=raw)\s*>"""
_REST = rf"""
      <![^>]*>                                     # doctype
    | <\?.*?>
    | </(?P<end>NAME)[^>]*>
    | <(?P<tag>NAME)(?P<attributes>{_ATTRIBUTES})>
    """


def _markup(name: str, *, comment: bool = True, cdata: bool = True, raw: bool = True) -> re.Pattern[str]:
    """The pattern of markup with tags named by `name`; without the comment, CDATA or raw
    text alternatives where they cannot match (never closed after the place read)."""
    alternatives = [each for each, kept in ((_COMMENT, comment), (_CDATA, cdata), (_RAW, raw)) if kept]
    source = "|".join([*alternatives, _REST.replace("NAME", name)])
    return re.compile(source, re.DOTALL | re.IGNORECASE | re.VERBOSE)


class _Markup:
    """A markup pattern with its variants for the places where a comment, a CDATA section or
    a script or style never closes: there the full pattern reads to the end of the text for
    each '<' before it finds nothing (minutes for half a megabyte of '<!-- >' or '<script>')."""

    def __init__(self, name: str) -> None:
        self.full = _markup(name)
        self.no_comment = _markup(name, comment=False)
        self.no_cdata = _markup(name, cdata=False)
        self.no_raw = _markup(name, raw=False)

    def finditer(self, html: str) -> Iterator[re.Match[str]]:
        """As full.finditer(html), in time linear in the text's length where the full pattern's
        is not."""
        end = html.rfind(">") + 1  # every markup ends in '>': none starts after the last
        closes = _Closes(html, end)
        if not closes.left_open():
            return self.full.finditer(html, 0, end)
        return self._read_with_care(html, end, closes)

    def _read_with_care(self, html: str, end: int, closes: _Closes) -> Iterator[re.Match[str]]:
        position = 0
        while (at := html.find("<", position, end)) >= 0:
            match = self._variant(html, at, closes).match(html, at, end)
            if match is None:
                position = at + 1
                continue
            yield match
            position = match.end()

    def _variant(self, html: str, at: int, closes: _Closes) -> re.Pattern[str]:
        if html.startswith("<!--", at) and not closes.comment_after(at + 4):
            return self.no_comment
        if _CDATA_OPENING.match(html, at) and not closes.cdata_after(at + 9):
            return self.no_cdata
        opening = _RAW_OPENING.match(html, at)
        if opening and not closes.raw_after(opening.group(1), opening.end()):
            return self.no_raw
        return self.full


_CDATA_OPENING = re.compile(r"<!\[CDATA\[", re.IGNORECASE)
_RAW_OPENING = re.compile(r"<(script|style)\b", re.IGNORECASE)


# Every opening whose closing the full pattern reads ahead for, in one pass.
def _any_case(word: str) -> str:
    """`word` in any case, written out: a pattern without re.IGNORECASE looks for its '<' as
    fast as str.find does."""
    return "".join(f"[{letter.lower()}{letter.upper()}]" if letter.isalpha() else letter for letter in word)


# Every opening whose closing the full pattern reads ahead for, in one pass.
_RAW_NAMES = f"{_any_case('script')}|{_any_case('style')}"
_OPENINGS = re.compile(rf"<(?:!--|(!\[{_any_case('cdata')}\[)|({_RAW_NAMES})\b)")
_RAW_CLOSINGS = re.compile(rf"</({_RAW_NAMES})\s*>")


class _Closes:
    """Where the last comment, CDATA section, script and style of `html[:end]` close."""

    def __init__(self, html: str, end: int) -> None:
        self.comment = html.rfind("-->", 0, end)
        self.cdata = html.rfind("]]>", 0, end)
        self.raw: dict[str, int] = {}
        last: dict[str, int] = {}  # the end of the last opening of each kind
        for opening in _OPENINGS.finditer(html, 0, end):
            kind = "cdata" if opening.group(1) else (opening.group(2) or "!--").lower()
            last[kind] = opening.end()
        if "script" in last or "style" in last:
            for closing in _RAW_CLOSINGS.finditer(html, 0, end):
                self.raw[closing.group(1).lower()] = closing.start()
        closes = {"!--": self.comment, "cdata": self.cdata, **self.raw}
        self._left_open = any(at > closes.get(kind, -1) for kind, at in last.items())

    def left_open(self) -> bool:
        """Whether a comment, a CDATA section, a script or a style opens after the last of
        its closings."""
        return self._left_open

    def comment_after(self, at: int) -> bool:
        return self.comment >= at

    def cdata_after(self, at: int) -> bool:
        return self.cdata >= at

    def raw_after(self, name: str, at: int) -> bool:
        return self.raw.get(name.lower(), -1) >= at


_MARKUP = _Markup(r"[A-Za-z][^\s/>]*")
_ATTRIBUTE = re.compile(
    r"""(?P<name>[^\s"'>/=]+)(?:\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s"'=<>`]+)))?"""
)

TextRewrite = Callable[[str], str]
AttributeRewrite = Callable[[str, str, str], str | None]
StartTagRewrite = Callable[[str, str], str | None]


def rewrite_html(
    html: str,
    *,
    text: TextRewrite | None,
    attribute: AttributeRewrite | None = None,
    start_tag: StartTagRewrite | None = None,
    only: re.Pattern[str] | None = None,
) -> str:
    """Apply ``text`` to text between tags, ``start_tag(tag, whole start tag)`` to start tags
    and ``attribute(tag, name, raw value)`` to the attributes of those it leaves.

    ``start_tag`` returns a new start tag in the place of the whole one, or None to leave
    it; ``attribute`` the new raw value (already escaped for the attribute), or None to
    leave it. Everything else is copied through unchanged. With ``only``, a start tag in
    which it finds nothing is copied as it is, unread (a rewrite of a few attributes then
    skips the hundreds of tags without them).
    """
    pieces: list[str] = []
    position = 0
    for markup in _MARKUP.finditer(html):
        pieces.append(_text(html[position : markup.start()], text))
        whole = markup.group(0)
        if markup.group("tag") and (only is None or only.search(whole)):
            new = start_tag(markup.group("tag").lower(), whole) if start_tag else None
            pieces.append(new if new is not None else _start_tag(markup, attribute) if attribute else whole)
        else:
            pieces.append(whole)
        position = markup.end()
    pieces.append(_text(html[position:], text))
    return "".join(pieces)


def tags(html: str, names: frozenset[str] | None = None) -> Iterator[re.Match[str]]:
    """Each start tag (its name in the group "tag", the rest in "attributes") and end tag
    (its name in "end") of `html`, in order, none inside a comment, `<script>` or `<style>`;
    with `names`, only the tags of those names (lowercase)."""
    markup = _MARKUP if names is None else _markup_naming(names)
    for found in markup.finditer(html):
        if found.group("tag") or found.group("end"):
            yield found


@lru_cache(maxsize=8)
def _markup_naming(names: frozenset[str]) -> _Markup:
    """The markup pattern for tags of these names only: the regex engine passes the others
    over, rather than Python one by one (a third of the time on long pages)."""
    return _Markup("(?:" + "|".join(sorted(re.escape(name) for name in names)) + r")(?=[\s/>])")


# libxml2's HTML parser (lxml's) compares each attribute of a tag with every one before it,
# to drop a duplicate: one element of 100,000 attributes (a 900 KB post) took three minutes.
# No element a person or a page's generator writes comes near this many.
MAX_ATTRIBUTES = 1_000


def crowded_tag(html: str) -> int | None:
    """Where the first start tag of `html` holding more than MAX_ATTRIBUTES attributes
    starts, or None: such a text is never handed to lxml."""
    shortest = 2 * MAX_ATTRIBUTES + 1  # n attributes take n names and the spaces between
    for tag in tags(html):
        attributes = tag.group("attributes") or ""
        if len(attributes) >= shortest and _more_than(_ATTRIBUTE.finditer(attributes), MAX_ATTRIBUTES):
            return tag.start()
    return None


def _more_than(found: Iterator[re.Match[str]], limit: int) -> bool:
    return any(count > limit for count, _ in enumerate(found, 1))


def too_many_attributes(html: str, line_offset: int = 1) -> tuple[str, int] | None:
    """The problem and its line (counted from `line_offset`) when an element of `html` has
    more attributes than MAX_ATTRIBUTES, else None."""
    at = crowded_tag(html)
    if at is None:
        return None
    return (
        f"an element holds more than {MAX_ATTRIBUTES:,} attributes, which no page needs and which "
        "would take minutes to read: remove them",
        line_offset + html.count("\n", 0, at),
    )


def tag_attributes(tag: str) -> dict[str, str]:
    """A start tag's attributes, names lowercased and values unescaped (the first of a name wins)."""
    body = re.sub(r"^<[A-Za-z][^\s/>]*", "", tag).rstrip(">").rstrip("/")
    attributes: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(body):
        value = next((match.group(g) for g in ("double", "single", "bare") if match.group(g) is not None), "")
        attributes.setdefault(match.group("name").lower(), unescape(value))
    return attributes


def _text(source: str, rewrite: TextRewrite | None) -> str:
    return rewrite(source) if rewrite and source else source


def _start_tag(markup: re.Match[str], rewrite: AttributeRewrite) -> str:
    tag = markup.group("tag").lower()
    attributes = markup.group("attributes")
    offset = markup.start("attributes") - markup.start()
    whole = markup.group(0)
    edits = list(_attribute_edits(tag, attributes, rewrite))
    for start, end, value in reversed(edits):
        whole = whole[: offset + start] + value + whole[offset + end :]
    return whole


def _attribute_edits(tag: str, attributes: str, rewrite: AttributeRewrite) -> Iterable[tuple[int, int, str]]:
    for attribute in _ATTRIBUTE.finditer(attributes):
        group = next((g for g in ("double", "single", "bare") if attribute.group(g) is not None), None)
        if group is None:
            continue
        new = rewrite(tag, attribute.group("name").lower(), attribute.group(group))
        if new is not None and new != attribute.group(group):
            yield attribute.start(group), attribute.end(group), _requote(new, group)


def _requote(value: str, quoting: str) -> str:
    """A rewritten value fit for its quoting: references keep quotes from closing it."""
    if quoting == "single":
        return value.replace("'", "&#39;")
    if quoting == "bare" and not re.search(r"[\s\"'=<>`]", value):
        return value
    quoted = value.replace('"', "&quot;")
    return quoted if quoting == "double" else f'"{quoted}"'


def srcset_candidates(srcset: str) -> list[tuple[str, str]]:
    """Each image candidate of a `srcset` as (URL, descriptors), split as HTML does: a URL
    runs to white space (a comma inside it is kept), descriptors to the next comma outside
    parentheses."""
    candidates: list[tuple[str, str]] = []
    position, length = 0, len(srcset)
    while position < length:
        while position < length and (srcset[position].isspace() or srcset[position] == ","):
            position += 1
        start = position
        while position < length and not srcset[position].isspace():
            position += 1
        url, descriptor = srcset[start:position], ""
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            end = _descriptors_end(srcset, position)
            descriptor, position = srcset[position:end].strip(), end + 1
        if url:
            candidates.append((url, descriptor))
    return candidates


def parse_srcset(srcset: str) -> list[str]:
    """The URL of every image candidate in a `srcset`."""
    return [url for url, _ in srcset_candidates(srcset)]


def _descriptors_end(srcset: str, position: int) -> int:
    depth = 0
    while position < len(srcset):
        character = srcset[position]
        if character == "(":
            depth += 1
        elif character == ")":
            depth = max(depth - 1, 0)
        elif character == "," and depth == 0:
            return position
        position += 1
    return position
