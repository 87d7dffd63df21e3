"""What a saved page's head declares about its article, read once (`PageFacts`): its `<meta>`
names (Open Graph, Twitter cards, Dublin Core), its JSON-LD (`linkeddata`), the site's names,
and what its body shows before the article is cut out of it (headings, the dates `datelines`
finds); and the fields taken from the head alone: tags, picture and description.

The other fields each have a module, each with an order of trust (what the page declares for
machines, then what it shows a reader, then inference, recorded as a guess): `pagetitle` (the
title, without the site's name), `pageauthor` (the author: names, never a username, a handle,
an organisation or a share widget) with `bylines`, `authornames` and `siteowner`, and
`pagedate` (the date). `pageparts` says where on the page an element stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from typing import Any
from urllib.parse import urljoin, urlparse

from digest.sources.importer.datelines import (
    data_publish_time,
    dateline_texts,
    headline_block_texts,
    permalink_date_texts,
    published_line_texts,
    time_elements,
    time_value,
)
from digest.sources.importer.linkeddata import LinkedData
from digest.sources.importer.pageblocks import heading_text
from digest.sources.importer.pageparts import loose_text
from digest.sources.importer.pageurls import absolute, is_web_address

ESCAPED_TWICE = re.compile(r"&(?:[a-zA-Z]{2,8}|#[0-9]{2,6}|#x[0-9a-fA-F]{2,5});")


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
            heading_text(h) for h in document.xpath("//h1 | //h2") if not links_home(h, base_url)
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


def is_site_name(segment: str, site_names: list[str]) -> bool:
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


def links_home(heading: Any, address: str | None) -> bool:
    """Whether a heading's words are all one link to the site's root or to a page above the
    page's own address ('/filmgang/' over '/filmgang/2013/02/08/stand-up-guys/')."""
    links = heading.xpath(".//a[@href]")
    if len(links) != 1 or loose_text(links[0].text_content()) != loose_text(heading.text_content()):
        return False
    href = links[0].get("href").strip()
    try:
        target = urlparse(urljoin(address, href) if address else href)
    except ValueError:  # a malformed IPv6 host ('http://[::1'): no address, so no link home
        return False
    if not address:
        return href in ("/", "./", "../") or (bool(target.netloc) and target.path in ("", "/"))
    page = urlparse(address)
    if target.netloc and target.netloc.lower() != page.netloc.lower():
        return False
    above = target.path if target.path.endswith("/") else target.path + "/"
    return (page.path or "/").startswith(above) and page.path.rstrip("/") != target.path.rstrip("/")


# --- what the head declares besides ------------------------------------------------------------


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
        if sep and is_site_name(tail[sep.end() :], facts.site_names):
            return other
    return text
