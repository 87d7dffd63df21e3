"""What a saved page states about its article in schema.org JSON-LD: the article's node (of
an article type, a @graph's references resolved), its headline, authors and their pages, date,
keywords, picture, publisher and text."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from digest.sources.importer.pageurls import is_web_address
from digest.sources.values import one_line

ARTICLE_TYPES = {
    "article", "newsarticle", "blogposting", "techarticle", "report", "scholarlyarticle",
    "analysisnewsarticle", "reportagenewsarticle", "opinionnewsarticle", "reviewnewsarticle",
    "backgroundnewsarticle", "posting", "socialmediaposting", "liveblogposting", "webpage", "creativework",
}  # fmt: skip
GENERIC_WORK_TYPES = {"webpage", "creativework"}  # what any page is; an article type says more


@dataclass(frozen=True)
class LinkedData:
    """The article facts a page states in schema.org JSON-LD."""

    headline: str | None = None
    author: str | None = None
    published: str | None = None
    keywords: tuple[str, ...] = ()
    image: str | None = None
    publisher: str | None = None
    body: str | None = None  # articleBody: the text as written, its line breaks kept
    author_pages: tuple[str, ...] = ()  # the `url`s of the people named as authors (their profiles)

    @classmethod
    def from_document(cls, document: Any) -> LinkedData:
        nodes: list[dict[str, Any]] = []
        for script in document.xpath("//script[@type]"):
            if script.get("type", "").strip().lower() != "application/ld+json":
                continue
            try:
                nodes.extend(_json_nodes(json.loads(script.text or "")))
            except ValueError:
                continue
        # A node may name another by its @id alone (a @graph's article, its author: Yoast's way)
        named = {
            node["@id"]: node
            for node in nodes
            if isinstance(node.get("@id"), str) and set(node) - {"@id", "@type"}
        }
        stated = [
            node
            for node in nodes
            if _types(node) & ARTICLE_TYPES and (node.get("headline") or node.get("datePublished"))
        ]
        # A @graph states the WebPage as well as the Article on it (Yoast lists the page first,
        # dated but with no author): the article's own node is the one to read.
        specific = [node for node in stated if _types(node) - GENERIC_WORK_TYPES]
        return cls._from_node((specific or stated)[0], named) if stated else cls()

    @classmethod
    def _from_node(cls, node: dict[str, Any], named: dict[str, dict[str, Any]]) -> LinkedData:
        keywords = node.get("keywords") or []
        if isinstance(keywords, str):
            keywords = keywords.split(",")
        publisher = node.get("publisher")
        authors = _resolved(node.get("author") or node.get("creator"), named)
        return cls(
            headline=_plain(node.get("headline") or node.get("name")),
            author=_person_names(authors),
            author_pages=tuple(_person_pages(authors)),
            published=_plain(node.get("datePublished") or node.get("dateCreated")),
            keywords=tuple(k.strip() for k in keywords if isinstance(k, str) and k.strip()),
            image=_image_url(node.get("image")),
            publisher=_plain(publisher.get("name")) if isinstance(publisher, dict) else _plain(publisher),
            body=node["articleBody"] if isinstance(node.get("articleBody"), str) else None,
        )


def _types(node: dict[str, Any]) -> set[str]:
    kinds = node.get("@type")
    return {str(k).lower() for k in (kinds if isinstance(kinds, list) else [kinds])}


def _json_nodes(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _json_nodes(item)
    elif isinstance(data, dict):
        yield data
        yield from _json_nodes(data.get("@graph", []))


def _plain(value: Any) -> str | None:
    return one_line(value) if isinstance(value, str) else None


def _resolved(value: Any, named: dict[str, dict[str, Any]]) -> Any:
    """A JSON-LD value with each reference (`{"@id": ...}` without a name, its type given or
    not) replaced by the node of that @id the page states."""
    if isinstance(value, list):
        return [_resolved(item, named) for item in value]
    if isinstance(value, dict) and isinstance(value.get("@id"), str) and not set(value) - {"@id", "@type"}:
        return named.get(value["@id"], value)
    return value


def _person_names(value: Any) -> str | None:
    """Names of people in a JSON-LD author value; organisations are not authors (a node typed
    both Person and Organization, as some sites type their writers, is a person)."""
    if isinstance(value, list):
        names = [_person_names(item) for item in value]
        return ", ".join(n for n in names if n) or None
    if isinstance(value, dict):
        kinds = _types(value)
        if kinds & {"organization", "newsmediaorganization", "corporation"} and "person" not in kinds:
            return None
        return _plain(value.get("name"))
    return _plain(value)


def _person_pages(value: Any) -> Iterator[str]:
    """The web addresses a JSON-LD author value gives for its people (`url`)."""
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict) and isinstance(item.get("url"), str) and is_web_address(item["url"]):
            yield item["url"].strip()


def _image_url(value: Any) -> str | None:
    if isinstance(value, list):
        return _image_url(value[0]) if value else None
    if isinstance(value, dict):
        return _plain(value.get("url") or value.get("contentUrl"))
    return _plain(value)
