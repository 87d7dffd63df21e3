"""Which way text runs: the site's language (CLDR, through Babel) and each block of text
written in a right-to-left script (Arabic, Hebrew, ...) inside a page that runs the other way.

A browser or mail app lays a paragraph out in the page's direction unless told otherwise,
so an Arabic introduction in an English newsletter would start at the left edge with its
full stop on the wrong side. Only text that mixes in a right-to-left script is marked, so
a newsletter written left to right only is written exactly as before.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata

from markupsafe import Markup

from digest.render.html import tag_attributes, tags

RIGHT_TO_LEFT = frozenset({"R", "AL"})
STRONG = frozenset({"L", "R", "AL"})

# The blocks a reader sees as a paragraph of their own, and every tag between them.
MARKABLE = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "dt", "dd", "td", "th",
                      "figcaption", "caption"})  # fmt: skip
BLOCKS = MARKABLE | {"ul", "ol", "dl", "table", "tr", "pre", "div", "figure"}
TAG_OR_ENTITY = re.compile(r"<[^>]*>|&[#\w]+;")


_REMEMBERED: dict[str, str] = {}


def remember_direction(language: str, direction: str) -> None:
    """Seed `language_direction` with an answer kept in the build cache: reading CLDR's
    data for one language takes Babel about 40 ms, on every build that renders a page."""
    _REMEMBERED[language] = direction


def language_direction(language: str) -> str:
    """'rtl' for a language written right to left (ar, he, fa-IR, ur, ...), else 'ltr'."""
    from digest.render.localefacts import installed_facts

    installed = installed_facts(language)
    return _REMEMBERED.get(language) or (installed and installed[0]) or _cldr_direction(language)


# ISO 15924's scripts written right to left (Unicode's bidi class R or AL): a tag's script
# says its direction (ar-Latn runs left to right, az-Arab right to left), as CLDR's
# locales with a script agree; Babel drops a script it has no locale for (ar-Latn is ar).
RIGHT_TO_LEFT_SCRIPTS = frozenset(
    {"Adlm", "Arab", "Aran", "Armi", "Avst", "Chrs", "Cprt", "Elym", "Hatr", "Hebr", "Hung", "Khar",
     "Lydi", "Mand", "Mani", "Mend", "Merc", "Mero", "Narb", "Nbat", "Nkoo", "Orkh", "Ougr", "Palm",
     "Phli", "Phlp", "Phnx", "Prti", "Rohg", "Samr", "Sarb", "Sogd", "Sogo", "Syrc", "Thaa", "Yezi"}
)  # fmt: skip


@functools.lru_cache(maxsize=64)
def _cldr_direction(language: str) -> str:
    script = next(
        (part.title() for part in language.replace("_", "-").split("-")[1:] if _is_script(part)), None
    )
    if script is not None:
        return "rtl" if script in RIGHT_TO_LEFT_SCRIPTS else "ltr"
    from babel import Locale, UnknownLocaleError

    from digest.render.language import babel_locale

    try:
        locale: Locale | None = Locale.parse(language, sep="-")  # und-Arab too
    except (ValueError, TypeError, UnknownLocaleError):
        # Trailing subtags dropped until CLDR knows it, as for its dates: CLDR has no
        # ar_US, and an Arabic site for readers in the United States runs right to left.
        locale = babel_locale(language)
    return "rtl" if locale is not None and locale.character_order == "right-to-left" else "ltr"


def _is_script(subtag: str) -> bool:
    return len(subtag) == 4 and subtag.isascii() and subtag.isalpha()


def first_letter_direction(text: str) -> str | None:
    """'rtl' or 'ltr' after the first letter (strongly directional character) of `text`;
    None where it has none (digits, punctuation, nothing)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in STRONG:
            return "rtl" if kind in RIGHT_TO_LEFT else "ltr"
    return None


# Where every right-to-left letter (bidi class R or AL) lies: the blocks Unicode sets aside
# for right-to-left scripts, and the right-to-left mark (tests/test_direction.py checks
# every code point). A fragment without one is passed over by one scan in C, not a call
# per character (a second of CPU on a cold build of 1,000 long reviews).
MAYBE_RIGHT_TO_LEFT = re.compile(
    "[\u0590-\u08ff\u200f\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]"
)


def mark_directions(clean_html: str) -> str:
    """`clean_html` with each block's direction written (dir="rtl" or dir="ltr", after its
    first letter) where the fragment mixes in right-to-left text; a fragment without any is
    returned as it is, and a block with a dir of its own keeps it."""
    if not MAYBE_RIGHT_TO_LEFT.search(clean_html) or not any(
        unicodedata.bidirectional(char) in RIGHT_TO_LEFT for char in clean_html
    ):
        return clean_html
    blocks = list(tags(clean_html, BLOCKS))
    pieces: list[str] = []
    position = 0
    for index, tag in enumerate(blocks):
        name = tag.group("tag")
        end = blocks[index + 1].start() if index + 1 < len(blocks) else len(clean_html)
        direction = first_letter_direction(TAG_OR_ENTITY.sub("", clean_html[tag.end() : end]))
        pieces.append(clean_html[position : tag.start()])
        if name and name.lower() in MARKABLE and direction and "dir" not in tag_attributes(tag.group(0)):
            pieces.append(f'<{name} dir="{direction}"{tag.group("attributes")}>')
        else:
            pieces.append(tag.group(0))
        position = tag.end()
    pieces.append(clean_html[position:])
    return "".join(pieces)


def page_dir(language: str) -> Markup:
    """A template filter: ' dir="rtl"' for a site written right to left, else nothing."""
    return Markup(' dir="rtl"') if language_direction(language) == "rtl" else Markup("")


HTML_PIECE = re.compile(r"<[^>]*>|[^<]+")


def html_dir(fragment: str, page_language: str = "") -> Markup:
    """A template filter: text_dir for a fragment of HTML (a review's body, an introduction),
    after the first letter outside its tags, found without reading the rest."""
    for piece in HTML_PIECE.finditer(str(fragment)):
        if not piece.group().startswith("<"):
            direction = first_letter_direction(html.unescape(piece.group()))
            if direction is not None:
                return _dir_attribute(direction, page_language)
    return Markup("")


def text_dir(text: str, page_language: str = "") -> Markup:
    """A template filter: ' dir="rtl"' for a title that starts right to left on a page that
    runs left to right (and ' dir="ltr"' the other way round), else nothing."""
    return _dir_attribute(first_letter_direction(str(text)), page_language)


def _dir_attribute(direction: str | None, page_language: str) -> Markup:
    if direction is None or direction == language_direction(page_language or "en"):
        return Markup("")
    return Markup(f' dir="{direction}"')
