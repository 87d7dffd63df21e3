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
from typing import Any
from urllib.parse import urljoin, urlparse

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
PICTURES = frozenset({"img", "picture"})
LAZY_PICTURE = ("data-original", "data-src", "data-srcset", "data-lazy-src")
SUMMARY_WORDS = 80  # words a teaser may hold outside its links: a summary, not an article
HEADLINE_WORDS = 2
WORD = re.compile(r"\w+")


def remove_teasers(root: Any, title: str, base_url: str | None) -> int:
    """Drop the teasers under `root`; how many went."""
    total = _word_count(root)
    teasers = []
    pending = list(root)
    while pending:  # judged on the whole page first: a run of teasers is judged together
        element = pending.pop(0)
        if not isinstance(element.tag, str):
            continue
        if _is_teaser(element, title, base_url, total) or _in_teaser_run(element, title, base_url, total):
            teasers.append(element)
        else:
            pending[:0] = list(element)
    for element in teasers:
        element.drop_tree()
    return len(teasers)


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


def _in_teaser_run(element: Any, title: str, base_url: str | None, total: int) -> bool:
    """One of two or more like siblings, each a picture linking to another story with at most
    a short summary."""
    parent = element.getparent()
    if parent is None:
        return False
    like = [
        sibling
        for sibling in parent
        if sibling.tag == element.tag and sibling.get("class") == element.get("class")
    ]
    if len(like) < 2:
        return False
    return sum(1 for sibling in like if _thumbnail_card(sibling, title, base_url, total)) >= 2 and (
        _thumbnail_card(element, title, base_url, total)
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
    target = urlparse(urljoin(base_url or "", href.strip()))
    if target.scheme not in ("http", "https", "") or target.fragment:
        return False
    if base_url is None:
        return not urlparse(href.strip()).netloc and target.scheme == ""
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
    wanted = _words(title)
    return any(_words(heading.text_content()) == wanted for heading in element.iter(*HEADINGS))


def _words(text: str) -> list[str]:
    return WORD.findall(text.casefold())


def _word_count(element: Any) -> int:
    return len(_words(element.text_content()))
