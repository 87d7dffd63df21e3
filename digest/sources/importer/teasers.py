"""Teasers of the site's other stories, found inside the element that holds an article.

Extractors keep them when they follow a short article in the same container ("next story"
boxes, "more in this section" cards). A teaser holds at most a short summary besides its links
to another page of the same site, and either its headline is such a link, or it is one of a
run of like siblings (same tag and class) each showing a picture that is such a link. They go,
whatever the extractor kept; the article's own headline, and any element holding half the
article's words, never do. A lone picture linking elsewhere on the site stays: articles link
their pictures to galleries and larger copies.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Any
from urllib.parse import urljoin, urlparse

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
PICTURES = frozenset({"img", "picture"})
LAZY_PICTURE = ("data-original", "data-src", "data-srcset", "data-lazy-src")
SUMMARY_WORDS = 80  # words a teaser may hold outside its links: a summary, not an article
HEADLINE_WORDS = 2
# A word of a Latin-like script, or one character of a script written without spaces (Thai,
# Japanese, Chinese, Korean), so that counts of words mean the same in every language.
TOKEN = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]|\w+")
# Invisible marks inside words (soft hyphens, zero-width spaces and joiners) break no word:
# extractors drop them, so a paragraph hyphenated for justification must still match.
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def remove_teasers(root: Any, title: str, base_url: str | None) -> int:
    """Drop the teasers under `root`; how many went."""
    judge = _Judge(title, base_url, _word_count(root))
    teasers = []
    pending = list(reversed(root))
    while pending:  # judged on the whole page first: a run of teasers is judged together
        element = pending.pop()
        if not isinstance(element.tag, str):
            continue
        if judge.is_teaser(element) or judge.in_teaser_run(element):
            teasers.append(element)
        else:
            pending.extend(reversed(element))
    for element in teasers:
        element.drop_tree()
    return len(teasers)


class _Judge:
    """The teaser tests of one page. Each element's card test and each parent's count of cards
    are worked out once: a page of thousands of like siblings would otherwise test every
    sibling again for each of them."""

    def __init__(self, title: str, base_url: str | None, total: int) -> None:
        self.title, self.base_url, self.total = title, base_url, total
        self.cards: dict[Any, bool] = {}
        self.runs: dict[Any, Counter[tuple[str, str | None]]] = {}

    def is_teaser(self, element: Any) -> bool:
        return _is_teaser(element, self.title, self.base_url, self.total)

    def in_teaser_run(self, element: Any) -> bool:
        """One of two or more like siblings, each a picture linking to another story with at
        most a short summary."""
        parent = element.getparent()
        if parent is None or not self.thumbnail_card(element):
            return False
        if parent not in self.runs:
            self.runs[parent] = Counter(
                (child.tag, child.get("class")) for child in parent if self.thumbnail_card(child)
            )
        return self.runs[parent][(element.tag, element.get("class"))] >= 2

    def thumbnail_card(self, element: Any) -> bool:
        if element not in self.cards:
            self.cards[element] = _thumbnail_card(element, self.title, self.base_url, self.total)
        return self.cards[element]


def _is_teaser(element: Any, title: str, base_url: str | None, total: int) -> bool:
    """A headline linking to another story, with at most a short summary: a block around them,
    never the link or the heading alone (an article's own section headings may link)."""
    if element.tag == "a" or element.tag in HEADINGS:
        return False
    links = _summary_links(element, title, base_url, total)
    if not links or sum(_word_count(a) for a in links) < HEADLINE_WORDS:
        return False
    return _headline_linked(element, links) or (
        _word_count(element) == sum(_word_count(a) for a in links) and any(map(_pictured, links))
    )


def _thumbnail_card(element: Any, title: str, base_url: str | None, total: int) -> bool:
    links = _summary_links(element, title, base_url, total)
    return any(map(_pictured, links))


def _summary_links(element: Any, title: str, base_url: str | None, total: int) -> list[Any]:
    """The element's links to other stories, when besides them it holds only a summary (and
    neither the article's headline nor half its words); else none."""
    if not isinstance(element.tag, str):
        return []
    links = [a for a in element.iter("a") if _is_story_link(a.get("href"), base_url)]
    if not links or _holds_title(element, title):
        return []
    words = _word_count(element)
    if words > total / 2 or words - sum(_word_count(a) for a in links) > SUMMARY_WORDS:
        return []
    return links


def _is_story_link(href: str | None, base_url: str | None) -> bool:
    """A link to another page of the same site: relative, or on the page's own host; never a
    fragment, the page itself, or another scheme."""
    if not href or href.strip().startswith("#"):
        return False
    try:
        return _on_site(href.strip(), base_url)
    except ValueError:  # a malformed IPv6 host ('http://[::1'): no page of the site
        return False


def _on_site(href: str, base_url: str | None) -> bool:
    target = urlparse(urljoin(base_url or "", href))
    if target.scheme not in ("http", "https", "") or target.fragment:
        return False
    if base_url is None:
        return not urlparse(href).netloc and target.scheme == ""
    page = urlparse(base_url)
    if _host(target.netloc) != _host(page.netloc):
        return False
    return target.path.rstrip("/") != page.path.rstrip("/")


def _host(netloc: str) -> str:
    return re.sub(r"^www\d?\.", "", netloc.lower().split(":")[0])


def _headline_linked(element: Any, links: list[Any]) -> bool:
    """A heading that is wholly a story link, or sits wholly inside one."""
    for heading in element.iter(*HEADINGS):
        text = _word_count(heading)
        if not text:
            continue
        inside = any(link in heading.iterancestors() for link in links)
        wrapping = [link for link in links if heading in link.iterancestors() or link is heading]
        within = sum(_word_count(link) for link in heading.iter("a") if link in links)
        if inside or wrapping or within == text:
            return True
    return False


def _pictured(link: Any) -> bool:
    """A link showing a picture: an image in it, or a lazily loaded one on it."""
    if next(link.iter(*PICTURES), None) is not None:
        return True
    return any(link.get(name) for name in LAZY_PICTURE)


def _holds_title(element: Any, title: str) -> bool:
    wanted = tokens(title)
    return any(tokens(heading.text_content()) == wanted for heading in element.iter(*HEADINGS))


def tokens(text: str) -> list[str]:
    """The words of `text` (see TOKEN), case-folded, accents composed: an editor may save 'é'
    as 'e' and a combining accent, which an extractor's text gives back as one letter."""
    return TOKEN.findall(unicodedata.normalize("NFC", text.translate(INVISIBLE)).casefold())


def _word_count(element: Any) -> int:
    return len(tokens(element.text_content()))
