"""HTML pages saved from a browser: the article's metadata and its main text as Markdown."""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from digest.errors import ContentError
from digest.sources.importer.draft import ReviewDraft
from digest.sources.importer.writer import clean_markdown
from digest.sources.reviews import parse_date

HTML_FORMAT = "html-page"
HTML_MAX_BYTES = 50_000_000  # a page saved with its inline scripts and images is much larger than its text
HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)
BY_PREFIX = re.compile(r"^(?:by|written by|posted by)\s+", re.IGNORECASE)
TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " · ", " :: ")
ARTICLE_TYPES = {"article", "newsarticle", "blogposting", "techarticle", "report", "scholarlyarticle"}

NOT_CONTENT = ("script", "style", "noscript", "template")
PAGE_FURNITURE = (
    "nav", "aside", "header", "footer", "form", "button", "iframe", "svg", "canvas", "input", "select",
    "textarea", "dialog", "object", "embed", "source",
)  # fmt: skip
FURNITURE_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search"}
FURNITURE_CLASSES = {
    "share", "sharing", "social", "social-share", "related", "related-posts", "comments", "newsletter",
    "subscribe", "advertisement", "ads", "byline", "breadcrumb", "breadcrumbs", "sr-only", "visually-hidden",
}  # fmt: skip


def is_html(head: bytes) -> bool:
    """Whether a file's first bytes open an HTML document (the extension decides nothing)."""
    return HTML_START.match(head.removeprefix(codecs.BOM_UTF8)) is not None


def decode_html(data: bytes, path: Path) -> str:
    """The page's text: UTF-8 with a BOM, else its declared encoding, else UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    declared = META_CHARSET.search(data[:4096])
    for encoding in (declared.group(1).decode() if declared else None, "utf-8"):
        if encoding is None:
            continue
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    raise ContentError("the page is not UTF-8 and declares no other encoding: save it as UTF-8", path)


def html_article(html: str, path: Path) -> ReviewDraft:
    """An article page's metadata and its main text as Markdown."""
    import lxml.html

    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)  # lxml refuses an encoding declaration in a str
    document = lxml.html.document_fromstring(html)
    facts = _LinkedData.from_document(document)
    for element in document.xpath(" | ".join(f"//{tag}" for tag in NOT_CONTENT)):
        _drop(element)
    content = _main_content(document)
    title = _page_title(document, content, facts, path)
    draft = ReviewDraft(
        source=path,
        shape=HTML_FORMAT,
        title=title,
        body="",
        author=_page_author(document, facts),
        source_url=_canonical_url(document, html),
        tags=_page_tags(document, facts),
        description=_meta(document, "name", "description") or _meta(document, "property", "og:description"),
    )
    draft.date = _page_date(document, content, facts, draft)
    if content.tag == "body":
        draft.checks.append(
            "no <article> or <main> in the page: the whole page was taken; remove menus left in"
        )
    draft.body = _content_markdown(content, title, draft)
    if not draft.body.strip():
        raise ContentError("no article text found in the page: save the page with its text", path)
    if draft.source_url is None:
        draft.checks.append("no canonical address in the page: add 'source_url:'")
    return draft


def _meta(document: Any, attribute: str, name: str) -> str | None:
    for element in document.xpath(f"//meta[@{attribute}]"):
        if element.get(attribute, "").strip().lower() == name.lower():
            value = " ".join((element.get("content") or "").split())
            if value:
                return value
    return None


def _metas(document: Any, attribute: str, name: str) -> list[str]:
    found = []
    for element in document.xpath(f"//meta[@{attribute}]"):
        if element.get(attribute, "").strip().lower() == name and (element.get("content") or "").strip():
            found.append(" ".join(element.get("content").split()))
    return found


def _text(element: Any) -> str:
    return " ".join(element.text_content().split())


@dataclass(frozen=True)
class _LinkedData:
    """The article facts a page states in schema.org JSON-LD, the last fallback for each field."""

    headline: str | None = None
    author: str | None = None
    published: str | None = None
    keywords: tuple[str, ...] = ()

    @classmethod
    def from_document(cls, document: Any) -> _LinkedData:
        for script in document.xpath("//script[@type]"):
            if script.get("type", "").strip().lower() != "application/ld+json":
                continue
            try:
                data = json.loads(script.text or "")
            except ValueError:
                continue
            for node in _json_nodes(data):
                kinds = node.get("@type")
                kinds = {str(k).lower() for k in (kinds if isinstance(kinds, list) else [kinds])}
                if kinds & ARTICLE_TYPES:
                    return cls._from_node(node)
        return cls()

    @classmethod
    def _from_node(cls, node: dict[str, Any]) -> _LinkedData:
        keywords = node.get("keywords") or []
        if isinstance(keywords, str):
            keywords = keywords.split(",")
        return cls(
            headline=_plain(node.get("headline")),
            author=_person_names(node.get("author")),
            published=_plain(node.get("datePublished")),
            keywords=tuple(k.strip() for k in keywords if isinstance(k, str) and k.strip()),
        )


def _json_nodes(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _json_nodes(item)
    elif isinstance(data, dict):
        yield data
        yield from _json_nodes(data.get("@graph", []))


def _plain(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _person_names(value: Any) -> str | None:
    if isinstance(value, list):
        names = [_person_names(item) for item in value]
        return ", ".join(n for n in names if n) or None
    if isinstance(value, dict):
        return _plain(value.get("name"))
    return _plain(value)


def _main_content(document: Any) -> Any:
    """The page's largest <article>, else its <main>, else the body."""
    articles = document.xpath("//article")
    if articles:
        return max(articles, key=lambda element: len(_text(element)))
    for query in ("//main", "//*[@role='main']"):
        found = document.xpath(query)
        if found:
            return found[0]
    return document.body


def _page_title(document: Any, content: Any, facts: _LinkedData, path: Path) -> str:
    og_title = _meta(document, "property", "og:title")
    if og_title:
        return og_title
    headings = content.xpath(".//h1") or document.xpath("//h1")
    if headings and _text(headings[0]):
        return _text(headings[0])
    if facts.headline:
        return facts.headline
    titles = document.xpath("//title")
    if titles and _text(titles[0]):
        return _without_site_name(_text(titles[0]), _meta(document, "property", "og:site_name"))
    raise ContentError("no title in the page (no og:title, <h1> or <title>): add one and import again", path)


def _without_site_name(title: str, site: str | None) -> str:
    for separator in TITLE_SEPARATORS:
        if site and title.endswith(separator + site):
            return title[: -len(separator + site)].strip()
    return title


def _page_author(document: Any, facts: _LinkedData) -> str | None:
    article_author = _meta(document, "property", "article:author")
    candidates = [
        _meta(document, "name", "author"),
        article_author if article_author and not re.match(r"https?://", article_author) else None,
        facts.author,
        *(_text(e) for e in document.xpath("//*[@rel='author'] | //*[@itemprop='author']")),
        *(_text(e) for e in document.xpath("//*[@class]") if _classes(e) & {"byline", "author"}),
    ]
    for candidate in candidates:
        name = BY_PREFIX.sub("", candidate or "").strip(" ,·|")
        if name and len(name) <= 80:
            return name
    return None


def _page_date(document: Any, content: Any, facts: _LinkedData, draft: ReviewDraft) -> datetime | None:
    times = content.xpath(".//time[@datetime]") or document.xpath("//time[@datetime]")
    candidates = [
        _meta(document, "property", "article:published_time"),
        times[0].get("datetime") if times else None,
        _meta(document, "name", "date"),
        _meta(document, "itemprop", "datePublished"),
        facts.published,
    ]
    for candidate in candidates:
        if not candidate or not candidate.strip():
            continue
        try:
            return parse_date(candidate, draft.source, None)
        except ContentError:
            draft.checks.append(f"the page's date '{candidate}' was not understood: add 'date:'")
    return None


def _page_tags(document: Any, facts: _LinkedData) -> tuple[str, ...]:
    tags = _metas(document, "property", "article:tag")
    if not tags:
        keywords = _meta(document, "name", "keywords") or ""
        tags = [k.strip() for k in keywords.split(",") if k.strip()]
    return tuple(dict.fromkeys(tags or facts.keywords))


def _canonical_url(document: Any, html: str) -> str | None:
    links = [e.get("href") for e in document.xpath("//link[@rel][@href]") if _is_canonical(e)]
    saved_from = SAVED_FROM.search(html[:2048])
    candidates = [*links, _meta(document, "property", "og:url"), saved_from.group(1) if saved_from else None]
    for candidate in candidates:
        if isinstance(candidate, str) and _is_web_address(candidate):
            return candidate.strip()
    return None


def _is_canonical(element: Any) -> bool:
    return "canonical" in element.get("rel", "").lower().split()


def _classes(element: Any) -> set[str]:
    return set((element.get("class") or "").lower().split())


def _drop(element: Any) -> None:
    """Remove an element and its content, keeping the text that follows it."""
    element.drop_tree()


def _content_markdown(content: Any, title: str, draft: ReviewDraft) -> str:
    _remove_furniture(content)
    headings = content.xpath(".//h1")
    if headings and (_text(headings[0]) == title or len(headings) == 1):
        _drop(headings[0])  # the title, which the front matter holds
    _demote_headings(content)
    _keep_remote_images(content, draft)
    if draft.source_url:
        content.make_links_absolute(draft.source_url, resolve_base_href=True)
    else:
        _note_relative_links(content, draft)
    return clean_markdown(_to_markdown(content))


def _remove_furniture(content: Any) -> None:
    for element in list(content.iter()):
        if not isinstance(element.tag, str) or element is content or element.getparent() is None:
            continue
        if _is_furniture(element):
            _drop(element)


def _is_furniture(element: Any) -> bool:
    return (
        element.tag in PAGE_FURNITURE
        or element.get("hidden") is not None
        or element.get("aria-hidden", "").lower() == "true"
        or element.get("role", "").lower() in FURNITURE_ROLES
        or bool(_classes(element) & FURNITURE_CLASSES)
    )


def _demote_headings(content: Any) -> None:
    """Any <h1> left in the body shifts every heading down one level: the title is the only h1."""
    if not content.xpath(".//h1"):
        return
    for heading in content.xpath(".//h1 | .//h2 | .//h3 | .//h4 | .//h5"):
        heading.tag = f"h{int(heading.tag[1]) + 1}"


def _keep_remote_images(content: Any, draft: ReviewDraft) -> None:
    """Images saved beside the page (`Page_files/x.png`) cannot travel with the review: they go."""
    local = [img for img in content.xpath(".//img") if not _is_web_address(img.get("src") or "")]
    for image in local:
        _drop(image)
    if local:
        draft.checks.append(f"{len(local)} image(s) saved beside the page were left out")


def _note_relative_links(content: Any, draft: ReviewDraft) -> None:
    relative = [
        a.get("href")
        for a in content.xpath(".//a[@href]")
        if not re.match(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|#)", a.get("href"))
    ]
    if relative:
        draft.checks.append(
            f"{len(relative)} relative link(s) such as '{relative[0]}' could not be made absolute "
            "(no canonical address): fix them in the body"
        )


def _is_web_address(url: str) -> bool:
    return urlparse(url.strip()).scheme in ("http", "https")


def _to_markdown(content: Any) -> str:
    import lxml.html
    from markdownify import MarkdownConverter

    html = lxml.html.tostring(content, encoding="unicode")
    converter = MarkdownConverter(
        heading_style="ATX",
        bullets="-",
        newline_style="backslash",
        escape_misc=True,  # text that looks like Markdown ('1. ', '# ', '<b>') must stay text
        code_language_callback=_code_language,
    )
    return converter.convert(html)


def _code_language(element: Any) -> str:
    """`language-python` or `lang-python` on a <pre> or its <code>."""
    candidates = [element, *element.find_all("code", limit=1)]
    for candidate in candidates:
        for name in candidate.get("class") or []:
            match = re.match(r"^(?:language|lang)-([\w+#.-]+)$", name)
            if match:
                return match.group(1)
    return ""
