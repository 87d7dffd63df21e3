"""Links between an issue's texts by file name.

An editor writes reviews as files side by side and links one from another, or from the
introduction, by its file name (`[the tram piece](tram.md)`), as their Markdown preview
(VS Code, GitHub, Obsidian) follows it. Published, the file is a page: such a link leads
to the page of the review it names, `tram-piece/` from the issue's page and
`../tram-piece/` from another review's. A link to a file that is no review of this
build stays as written, for the link check to name.
"""

from __future__ import annotations

import html
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import unquote, urlsplit

from digest.model import Review
from digest.render.html import rewrite_html

_A_HREF = re.compile(r"^<a\s.*href", re.IGNORECASE | re.DOTALL)
# An href that may name a file: one opening with a scheme, "/", "#" or "?" never does. Most
# reviews link only to the web, and are not rewritten tag by tag. Possessive: an optional quote
# given back would let the lookahead look at the quote, and every quoted href pass.
_MAY_NAME_A_FILE = re.compile(
    r"""href\s*+=\s*+["']?+(?!\s*(?:[A-Za-z][A-Za-z0-9+.-]*:|[/#?]))""", re.IGNORECASE
)


def review_pages(reviews: Iterable[Review]) -> dict[str, str]:
    """Each review file of the build, by its normalised path, with its page's name."""
    return {_key(review.path): review.slug for review in reviews}


def _key(path: Path | str) -> str:
    """A path as links and files meet: normalised, and in NFC (a name copied from a Mac is
    stored decomposed while the link is typed composed; an issue holds no two such twins)."""
    return unicodedata.normalize("NFC", os.path.normpath(path))


def link_review_files(markup: str, source: Path, pages: Mapping[str, str], *, on_review_page: bool) -> str:
    """`markup`, written in `source`, with each link to a review file at that review's page."""
    if not pages or _MAY_NAME_A_FILE.search(markup) is None:
        return markup
    up = "../" if on_review_page else ""

    def page_of(tag: str, name: str, value: str) -> str | None:
        if tag != "a" or name != "href":
            return None
        parts = urlsplit(html.unescape(value).strip())
        if parts.scheme or parts.netloc or parts.query or not parts.path or parts.path.startswith("/"):
            return None
        slug = pages.get(_key(source.parent / unquote(parts.path)))
        if slug is None:
            return None
        return html.escape(f"{up}{slug}/" + (f"#{parts.fragment}" if parts.fragment else ""))

    return rewrite_html(markup, text=None, attribute=page_of, only=_A_HREF)
