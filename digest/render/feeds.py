"""Feeds: one entry model written as Atom 1.0 and RSS 2.0 (through feedgen) and JSON Feed 1.1.

Feeds are a public contract with thousands of readers, so:

- ids are ``id_prefix + key``: a ``tag:`` URI configured once, never derived from the base URL;
- every date comes from the entries, never from the clock, so two builds are byte-identical;
- text is cleaned of characters XML cannot carry and every URL inside content is absolute.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from html import escape, unescape
from typing import Any, TypeVar
from urllib.parse import quote, urljoin, urlsplit

from digest.errors import ContentError, quoted
from digest.render.html import rewrite_html, srcset_candidates

T = TypeVar("T")

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
GENERATOR = "digest"


@dataclass(frozen=True)
class FeedImage:
    """An entry's picture; the type and length are known for the site's own copies."""

    url: str
    alt: str = ""
    media_type: str | None = None
    length: int | None = None
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True, kw_only=True)
class FeedEntry:
    """One entry of every feed: an issue, or a review when feeds list reviews."""

    key: str  # stable forever: "issue-2025" or "issue-2025/some-review"
    title: str
    url: str  # absolute URL of the entry's web page
    content_html: str  # may hold relative links: they are made absolute against `url`
    summary: str = ""
    authors: tuple[str, ...] = ()  # empty: the feed's author
    categories: tuple[str, ...] = ()
    published: datetime  # timezone-aware
    updated: datetime | None = None  # timezone-aware; None: same as published
    image: FeedImage | None = None  # an enclosure and media:content (Atom, RSS), `image` (JSON)
    # What the entry is about, elsewhere: the article a review reviews (JSON Feed's
    # external_url, an Atom related link).
    external_url: str | None = None


# Where the three feeds live, relative to the site's home (and to dist/).
ATOM_PATH = "feed.xml"
RSS_PATH = "rss.xml"
JSON_FEED_PATH = "feed.json"


@dataclass(frozen=True, kw_only=True)
class FeedSettings:
    """The feed-level values, taken from digest.toml (checked as it was loaded: config/values.py)."""

    title: str
    description: str
    base_url: str  # the site's home page, absolute, ends with "/"
    language: str
    author_name: str
    author_email: str | None = None
    id_prefix: str  # e.g. "tag:digest.example.org,2025:"
    limit: int = 20


_KEY_SAFE = "/:@!$&'()*+,;=-._~"

# XML 1.0 forbids these; DEL and the C1 controls it allows but discourages are invisible junk too.
_XML_UNFIT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

_URL_ATTRIBUTES = frozenset({"href", "src", "poster", "cite"})
_URL_ATTRIBUTE = re.compile(r"\s(?:href|src|poster|cite|srcset)\s*=", re.IGNORECASE)


def entry_id(settings: FeedSettings, key: str) -> str:
    """The permanent id of the entry `key`: the Atom id, RSS guid and JSON Feed id."""
    if not key:
        raise ContentError("a feed entry has an empty key; every issue and review needs a name")
    return settings.id_prefix + quote(key, safe=_KEY_SAFE)


def clean_xml_text(s: str) -> str:
    """`s` without the characters XML 1.0 cannot carry (and without DEL and C1 controls)."""
    return _XML_UNFIT.sub("", s)


def absolutize_html(html: str, base: str) -> str:
    """`html` with every href, src, srcset, poster and cite URL made absolute against `base`.

    Only the attribute values that change are rewritten; all other text stays byte for byte.
    """

    def absolute(tag: str, name: str, value: str) -> str | None:
        if name in _URL_ATTRIBUTES:
            new = urljoin(base, unescape(value).strip())
        elif name == "srcset":
            new = ", ".join(
                f"{urljoin(base, url)} {descriptor}".rstrip()
                for url, descriptor in srcset_candidates(unescape(value))
            )
        else:
            return None
        return new.replace("&", "&amp;")

    return rewrite_html(html, text=None, attribute=absolute, only=_URL_ATTRIBUTE)


def build_feeds(entries: Sequence[FeedEntry], settings: FeedSettings) -> dict[str, bytes]:
    """Atom, RSS and JSON Feed of the newest `settings.limit` entries, keyed by their feed path.

    The same entries and settings always give the same bytes.
    """
    chosen = newest_first(
        _checked_entries(entries, settings),
        settings.limit,
        published=lambda e: e.published,
        key=lambda e: e.key,
    )
    cleaned = [_cleaned_entry(entry, settings) for entry in chosen]
    atom = _generator(cleaned, settings).atom_str(pretty=True)
    rss = _generator([_for_rss(entry) for entry in cleaned], settings, rss=True).rss_str(pretty=True)
    return {ATOM_PATH: atom, RSS_PATH: rss, JSON_FEED_PATH: _json_feed(cleaned, settings)}


def _checked_entries(entries: Sequence[FeedEntry], settings: FeedSettings) -> list[FeedEntry]:
    if not entries:
        raise ContentError("there is no published issue to put in the feeds; publish one first")
    seen: set[str] = set()
    for entry in entries:
        ident = entry_id(settings, entry.key)
        if ident in seen:
            raise ContentError(f"two feed entries share the key {quoted(entry.key)}; each needs its own")
        seen.add(ident)
        _check_entry_dates(entry)
        url = urlsplit(entry.url)
        if not url.scheme or not url.netloc:
            raise ContentError(f"feed entry {quoted(entry.key)} has no absolute URL: {quoted(entry.url)}")
    return list(entries)


def _check_entry_dates(entry: FeedEntry) -> None:
    for name, value in (("published", entry.published), ("updated", entry.updated)):
        if value is not None and value.utcoffset() is None:
            raise ContentError(
                f"feed entry {quoted(entry.key)}: the {name} date {value.isoformat()} has no time "
                f"zone; add one"
            )


def newest_first(
    items: Sequence[T], limit: int, *, published: Callable[[T], datetime], key: Callable[[T], str]
) -> list[T]:
    """The `limit` newest items, newest first; items published together in key order."""
    by_key = sorted(items, key=key)
    return sorted(by_key, key=published, reverse=True)[:limit]


def _cleaned_entry(entry: FeedEntry, settings: FeedSettings) -> FeedEntry:
    authors = tuple(clean_xml_text(name) for name in entry.authors) or (clean_xml_text(settings.author_name),)
    return replace(
        entry,
        title=clean_xml_text(entry.title),
        content_html=absolutize_html(clean_xml_text(entry.content_html), entry.url),
        summary=clean_xml_text(entry.summary),
        authors=authors,
        categories=tuple(dict.fromkeys(clean_xml_text(term) for term in entry.categories)),
    )


def _for_rss(entry: FeedEntry) -> FeedEntry:
    """RSS says nothing of whether a title is text or HTML, and many readers decode it as
    HTML: its titles, names and categories carry nothing that decodes into markup."""
    return replace(
        entry,
        title=plain_text(entry.title),
        authors=tuple(plain_text(name) for name in entry.authors),
        categories=tuple(dict.fromkeys(plain_text(term) for term in entry.categories)),
    )


def plain_text(text: str) -> str:
    """Text for fields feed readers may show as HTML (RSS titles, categories, names): no
    construct a reader could decode into markup. Each angle bracket becomes its look-alike
    quotation mark, so a title about `<details>` keeps the word the web page shows."""
    return " ".join(clean_xml_text(text).replace("<", "\u2039").replace(">", "\u203a").split())


def _last_modified(entry: FeedEntry) -> datetime:
    return entry.updated or entry.published


def _feed_updated(entries: Sequence[FeedEntry]) -> datetime:
    return max(_last_modified(entry) for entry in entries)


def _feed_url(settings: FeedSettings, path: str) -> str:
    return urljoin(settings.base_url, path)


class _DigestEntryExtension:
    """A feedgen entry extension for what feedgen 1.0 gets wrong or cannot say.

    feedgen drops the rel and type of entry links in Atom (the attributes are read back from
    the new element instead of the link data), and only writes an RSS author from an email
    stored in the Atom author, which would put the feed owner's address on every writer.
    """

    def __init__(self) -> None:
        self.rss_author: str | None = None
        self.enclosure: tuple[str, str, str] | None = None  # url, length, type
        self.related: str | None = None  # the external_url, written after the alternate link

    def extend_ns(self) -> dict[str, str]:
        return {}

    def extend_atom(self, entry: Any) -> Any:
        alternate = False
        for link in entry.iterfind("link"):
            if link.get("rel") is not None:
                continue
            if self.enclosure is not None and link.get("href") == self.enclosure[0]:
                link.set("rel", "enclosure")
                link.set("type", self.enclosure[2])
                link.set("length", self.enclosure[1])
            elif alternate and link.get("href") == self.related:
                link.set("rel", "related")
            else:
                link.set("rel", "alternate")
                link.set("type", "text/html")
                alternate = True
        return entry

    def extend_rss(self, item: Any) -> Any:
        if self.rss_author is not None:
            author = item.makeelement("author", {})
            author.text = self.rss_author
            item.append(author)
        return item


def _generator(entries: Sequence[FeedEntry], settings: FeedSettings, rss: bool = False) -> Any:
    """A feedgen generator for the Atom feed, or with `rss` for the RSS one."""
    from feedgen.feed import FeedGenerator

    generator = FeedGenerator()
    _describe_feed(generator, entries, settings, rss)
    generator.load_extension("dc", atom=False, rss=True)
    if any(entry.image for entry in entries):
        generator.load_extension("media", atom=True, rss=True)
    for entry in entries:
        _add_entry(generator, entry, settings)
    # Each format's self link is its own file; RSS takes the channel link from the last link added.
    path, kind = (RSS_PATH, "rss") if rss else (ATOM_PATH, "atom")
    _set_feed_links(generator, _feed_url(settings, path), f"application/{kind}+xml", settings.base_url)
    return generator


def _describe_feed(generator: Any, entries: Sequence[FeedEntry], settings: FeedSettings, rss: bool) -> None:
    generator.id(settings.id_prefix)
    generator.title(plain_text(settings.title) if rss else clean_xml_text(settings.title))
    generator.subtitle(clean_xml_text(settings.description))
    generator.description(clean_xml_text(settings.description))
    generator.language(settings.language)
    author_name = clean_xml_text(settings.author_name)
    if settings.author_email:
        generator.author(name=author_name, email=settings.author_email)
        generator.managingEditor(f"{settings.author_email} ({author_name})")
    else:
        generator.author(name=author_name)
    # Sets Atom updated and RSS lastBuildDate, which feedgen would otherwise take from the clock.
    generator.updated(_feed_updated(entries))
    # Without a version, so upgrading feedgen or digest does not change the feeds.
    generator.generator(GENERATOR)


def _set_feed_links(generator: Any, self_url: str, self_type: str, home: str) -> None:
    generator.link(href=self_url, rel="self", type=self_type, replace=True)
    generator.link(href=home, rel="alternate", type="text/html")


def _add_entry(generator: Any, entry: FeedEntry, settings: FeedSettings) -> None:
    item = generator.add_entry(order="append")
    item.id(entry_id(settings, entry.key))
    item.title(entry.title)
    item.link(href=entry.url, rel="alternate")
    if entry.external_url:
        item.link(href=entry.external_url, rel="related")
    item.content(entry.content_html, type="html")
    if entry.summary:
        # RSS readers render <description> as HTML: the plain-text summary must arrive escaped.
        item.summary(escape(entry.summary, quote=False), type="html")
    # Each in one call: feedgen maps every one it holds to RSS again on each call (quadratic:
    # a review of 50,000 tags held the build for minutes).
    if entry.authors:
        item.author([{"name": name} for name in entry.authors])
    if entry.categories:
        item.category([{"term": term} for term in entry.categories])
    item.published(entry.published)
    item.updated(_last_modified(entry))
    if entry.image is not None:
        _add_image(item, entry.image)
    item.register_extension("digest", _DigestEntryExtension, atom=True, rss=True)
    item.digest.related = entry.external_url
    if entry.image is not None and entry.image.media_type and entry.image.length is not None:
        item.digest.enclosure = (entry.image.url, str(entry.image.length), entry.image.media_type)
    # RSS's <author> is the writer's own address: the editors' address goes only on what
    # the editors wrote; another writer is named by Dublin Core, as most feeds do.
    if settings.author_email and entry.authors == (plain_text(settings.author_name),):
        item.digest.rss_author = f"{settings.author_email} ({entry.authors[0]})"
    else:
        item.dc.dc_creator(list(entry.authors))


def _add_image(item: Any, image: FeedImage) -> None:
    """An enclosure (the site's own copies, whose type and length are known) and Media RSS's
    content element, which feed readers show as the entry's picture."""
    if image.media_type and image.length is not None:
        item.enclosure(image.url, str(image.length), image.media_type)
    content: dict[str, str] = {"url": image.url, "medium": "image"}
    if image.media_type:
        content["type"] = image.media_type
    if image.width and image.height:
        content.update(width=str(image.width), height=str(image.height))
    item.media.content(**content)


def _json_feed(entries: Sequence[FeedEntry], settings: FeedSettings) -> bytes:
    feed = {
        "version": JSON_FEED_VERSION,
        "title": clean_xml_text(settings.title),
        "home_page_url": settings.base_url,
        "feed_url": _feed_url(settings, JSON_FEED_PATH),
        "description": clean_xml_text(settings.description),
        "language": settings.language,
        "authors": [{"name": clean_xml_text(settings.author_name)}],
        "items": [_json_item(entry, settings) for entry in entries],
    }
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _json_item(entry: FeedEntry, settings: FeedSettings) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": entry_id(settings, entry.key),
        "url": entry.url,
        **({"external_url": entry.external_url} if entry.external_url else {}),
        "title": entry.title,
        "content_html": entry.content_html,
    }
    if entry.summary:
        item["summary"] = entry.summary
    item["date_published"] = entry.published.isoformat()
    if entry.updated is not None:
        item["date_modified"] = entry.updated.isoformat()
    item["authors"] = [{"name": name} for name in entry.authors]
    if entry.categories:
        item["tags"] = list(entry.categories)
    if entry.image is not None:
        item["image"] = entry.image.url
    return item
