"""Find every link in a build's outputs and check what can be checked without the network.

Internal links (to pages of the build itself, including ``#fragment`` anchors) are
resolved against the outputs; forbidden schemes, relative links in the email and the
syntax of ``mailto:``/``tel:`` links are reported as findings. External ``http(s)``
links are only listed here (``external_urls``); ``digest.checks.http`` checks them.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from itertools import groupby
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar, overload
from urllib.parse import SplitResult, unquote, urljoin, urlsplit, urlunsplit

import lxml.etree
import lxml.html

from digest.cache import BuildCache, cache_key
from digest.checks.urls import DEFAULT_PLACEHOLDERS, UrlRules, has_merge_tag, judge, scheme_of
from digest.errors import ContentError, Finding, Severity, quoted, unquoted
from digest.files import source_text
from digest.render.html import parse_srcset
from digest.workers import PAYS_FROM, cache_in_workers

T = TypeVar("T")

__all__ = ["DEFAULT_PLACEHOLDERS", "FoundLink", "check_scopes", "extract_links"]

_URL_ATTRIBUTES = ("href", "src", "background", "poster", "srcset", "style")
# One path with a test on the name, not a union of a path each: libxml2 merges a union's node
# sets by comparing each node with every one kept (100,000 attributes took fourteen seconds).
_URL_ATTRIBUTE_VALUES = lxml.etree.XPath(
    "descendant-or-self::*/@*[" + " or ".join(f"name()='{name}'" for name in _URL_ATTRIBUTES) + "]"
)
# Every id, and every <a name> (a union of the two was merged in quadratic time, as above).
_ANCHOR_VALUES = lxml.etree.XPath("//@*[name()='id' or (name()='name' and name(..)='a')]")
_CSS_URL = re.compile(r"""url\(\s*(['"]?)(?P<url>[^'")]+?)\1\s*\)""", re.IGNORECASE)
_TEXT_URL = re.compile(r"""(?:https?://|mailto:|tel:)[^\s<>"'`]+""", re.IGNORECASE)
_TRAILING_PUNCTUATION = ".,;:!?'\"*"
_CLOSING = {")": "(", "]": "["}
_XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml"
_FEED_URL_TEXT_ELEMENTS = frozenset(
    {"link", "uri", "icon", "logo", "url", "comments", "loc"}
)  # loc: sitemap.xml
_FEED_HTML_ELEMENTS = frozenset({"content", "summary", "description", "encoded"})
_JSON_FEED_URL_KEYS = ("home_page_url", "feed_url", "next_url", "icon", "favicon")
_JSON_ITEM_URL_KEYS = ("url", "external_url", "image", "banner_image")


@dataclass(frozen=True)
class FoundLink:
    """One link as written in one output, and where it came from in the sources if known."""

    url: str
    output: str
    origin: Path | None = None
    line: int | None = None


# ---------------------------------------------------------------------------------------
# Extraction


def extract_links(outputs: Mapping[str, bytes]) -> list[FoundLink]:
    """Every link of every output, once per output, in document order (outputs sorted by path)."""
    return [
        FoundLink(url=url, output=output)
        for output in sorted(outputs)
        for url in _distinct(_links_in_output(output, outputs[output]))
    ]


def _distinct(urls: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(url.strip() for url in urls if url.strip()))


def _links_in_output(output: str, content: bytes) -> Iterator[str]:
    suffix = PurePosixPath(output).suffix.lower()
    if suffix in (".html", ".htm"):
        yield from _links_in_html_document(content, output)
    elif suffix == ".txt":
        yield from _links_in_text(content.decode("utf-8", errors="replace"))
    elif suffix in (".xml", ".atom", ".rss"):
        yield from _links_in_feed_xml(content, output)
    elif suffix == ".json":
        yield from _links_in_json_feed(content, output)


def _links_in_html_document(content: bytes, output: str = "") -> Iterator[str]:
    if not content.strip():
        return
    yield from _links_in_html_tree(html_document(content, output))


def html_document(content: bytes, output: str) -> Any:
    """lxml's tree of a whole page. libxml2 stops reading a page at an element nested past
    its depth limit (256; 2,048 with huge_tree), without a word: a template nesting 300
    <div>s had the links after them published unchecked. Past 2,048 the page is refused."""
    parser = lxml.html.HTMLParser(huge_tree=True)
    tree = lxml.html.document_fromstring(content, parser=parser)
    _refuse_if_cut(parser, output)
    return tree


def _refuse_if_cut(parser: Any, output: str) -> None:
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        raise ContentError(
            f"the output {output} nests elements more than 2,048 deep, past what the link check can "
            "read, so its links cannot be checked: flatten the template that writes it"
        )


def _links_in_html_fragment(markup: str, output: str) -> Iterator[str]:
    if not markup.strip():
        return
    parser = lxml.html.HTMLParser(huge_tree=True)
    tree = lxml.html.fragment_fromstring(markup, create_parent="div", parser=parser)
    _refuse_if_cut(parser, output)
    yield from _links_in_html_tree(tree)


def _links_in_html_tree(root: Any) -> Iterator[str]:
    # One XPath over the tree: walking its elements in Python cost twice as much.
    for value in _URL_ATTRIBUTE_VALUES(root):
        yield from _urls_in_attribute(value.attrname, value)


def _links_in_html_attributes(attributes: Mapping[str, str]) -> Iterator[str]:
    for name in _URL_ATTRIBUTES:
        if name in attributes:
            yield from _urls_in_attribute(name, attributes[name])


def _urls_in_attribute(name: str, value: str) -> Iterator[str]:
    if name == "srcset":
        yield from parse_srcset(value)
    elif name == "style":
        yield from (match["url"] for match in _CSS_URL.finditer(value))
    else:
        yield value


def _links_in_text(text: str) -> Iterator[str]:
    for match in _TEXT_URL.finditer(text):
        yield _trim_text_url(match.group())


def _trim_text_url(url: str) -> str:
    """Drop sentence punctuation after a URL, and a closing bracket the URL did not open."""
    while url:
        last = url[-1]
        unopened = last in _CLOSING and url.count(_CLOSING[last]) < url.count(last)
        if last not in _TRAILING_PUNCTUATION and not unopened:
            break
        url = url[:-1]
    return url


def _links_in_feed_xml(content: bytes, output: str) -> Iterator[str]:
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    root = lxml.etree.fromstring(content, parser=parser)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = lxml.etree.QName(element)
        if name.namespace == _XHTML_NAMESPACE:
            yield from _links_in_html_attributes(element.attrib)
            continue
        yield from _links_in_feed_element(name.localname, element, output)


def _links_in_feed_element(localname: str, element: Any, output: str) -> Iterator[str]:
    for attribute in ("href", "url"):
        if attribute in element.attrib:
            yield element.attrib[attribute]
    text = (element.text or "").strip()
    if not text or len(element):
        return
    permalink = localname == "guid" and element.get("isPermaLink", "true") != "false"
    # Read as HTML unless declared plain text: generators often omit Atom's type="html".
    if localname in _FEED_URL_TEXT_ELEMENTS or permalink:
        yield text
    elif localname in _FEED_HTML_ELEMENTS and element.get("type", "html") != "text":
        yield from _links_in_html_fragment(text, output)


def _links_in_json_feed(content: bytes, output: str) -> Iterator[str]:
    feed = json.loads(content)
    if not isinstance(feed, dict) or "jsonfeed.org" not in str(feed.get("version", "")):
        return
    yield from _string_values(feed, _JSON_FEED_URL_KEYS)
    yield from _json_feed_authors(feed)
    for item in feed.get("items", []):
        if not isinstance(item, dict):
            continue
        yield from _string_values(item, _JSON_ITEM_URL_KEYS)
        yield from _json_feed_authors(item)
        if isinstance(item.get("content_html"), str):
            yield from _links_in_html_fragment(item["content_html"], output)
        for attachment in item.get("attachments", []):
            if isinstance(attachment, dict):
                yield from _string_values(attachment, ("url",))


def _json_feed_authors(holder: Mapping[str, Any]) -> Iterator[str]:
    authors = holder.get("authors", [])
    if isinstance(holder.get("author"), dict):
        authors = [*authors, holder["author"]]
    for author in authors:
        if isinstance(author, dict):
            yield from _string_values(author, ("url", "avatar"))


def _string_values(mapping: Mapping[str, Any], keys: Sequence[str]) -> Iterator[str]:
    for key in keys:
        value = mapping.get(key)
        if isinstance(value, str):
            yield value


# ---------------------------------------------------------------------------------------
# Origins


def locate_origins(
    links: Sequence[FoundLink],
    index: Mapping[str, tuple[Path, int]],
    texts: Callable[[], Mapping[Path, str]],
    base: str = "",
) -> list[FoundLink]:
    """Name the source file and 1-based line where each URL first appears, from the
    sources' `url_index`; `texts` (the sources, in order) is read only for the slow path.

    A URL is looked for as written and percent-decoded (Markdown renderers percent-encode),
    and with ``&`` written as ``&amp;``. Links not found keep their output as only location.
    With the site's `base` URL, a link to the site that the email and the feeds carry made
    absolute is found as the editor wrote it, from the site's root (`/issue-2025/`)."""
    located: dict[str, tuple[Path, int] | None] = {}
    result: list[FoundLink] = []
    for link in links:
        if link.url not in located:
            located[link.url] = (
                _lookup(link.url, index)
                or _first_occurrence(link.url, texts)
                or _lookup_from_root(link.url, base, index)
            )
        where = located[link.url]
        result.append(replace(link, origin=where[0], line=where[1]) if where else link)
    return result


_URL_WORD = re.compile(r"\b[A-Za-z][A-Za-z0-9+.-]*:[^\s<>()\[\]\"'`]+")
# A link target as Markdown or HTML writes it, relative ones (`/docs/faq`, `figure.png`) too.
_LINK_TARGET = re.compile(r"\]\(\s*<?([^\s)>]+)|\b(?:href|src)\s*=\s*[\"']([^\"']+)", re.IGNORECASE)
_TRAILING = ".,;:!?*_"


def url_index(sources: Mapping[Path, str]) -> dict[str, tuple[Path, int]]:
    """The first place (file, line) of every URL-like word and link target of the sources:
    indexed once, so thousands of links are not each looked for in every source."""
    index: dict[str, tuple[Path, int]] = {}
    for path, text in sources.items():
        for number, line in enumerate(text.split("\n"), start=1):
            if ":" in line:  # most lines of prose hold no URL: skip them cheaply
                for match in _URL_WORD.finditer(line):
                    word = match.group(0)
                    index.setdefault(word, (path, number))
                    index.setdefault(word.rstrip(_TRAILING), (path, number))
            if "](" in line or "=" in line:
                for match in _LINK_TARGET.finditer(line):
                    index.setdefault(match.group(1) or match.group(2), (path, number))
    return index


def _lookup_from_root(url: str, base: str, index: Mapping[str, tuple[Path, int]]) -> tuple[Path, int] | None:
    if not base or not url.startswith(base):
        return None
    return _lookup(urlsplit(base).path + url[len(base) :], index)


def _spellings(url: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys((url, unquote(url), url.replace("&", "&amp;"))))


def _lookup(url: str, index: Mapping[str, tuple[Path, int]]) -> tuple[Path, int] | None:
    return next((index[s] for s in _spellings(url) if s in index), None)


def _first_occurrence(url: str, texts: Callable[[], Mapping[Path, str]]) -> tuple[Path, int] | None:
    """The slow path, for URLs the word index cannot see (parentheses inside a URL)."""
    if not any(c in url for c in "()[]"):
        return None
    for path, text in texts().items():
        for spelling in _spellings(url):
            position = text.find(spelling)
            if position >= 0:
                return path, text.count("\n", 0, position) + 1
    return None


# ---------------------------------------------------------------------------------------
# Static checks


def is_email_output(output: str) -> bool:
    """True for the email edition (``email.html``, ``email.txt``): links there must be absolute."""
    return output.rpartition("/")[2].startswith("email.")


def _findings(pages: Iterable[tuple[str, list[_Located]]]) -> list[Finding]:
    problems: dict[_Located, list[str]] = {}
    for output, found in pages:
        for located in found:
            problems.setdefault(located, []).append(output)
    problems = _one_per_missing_page(problems)
    return [
        Finding(severity, check, f"{message} (in {', '.join(found_in)})", origin or Path(found_in[0]), line)
        for (severity, check, message, _, origin, line), found_in in problems.items()
    ]


# A problem where it was written: severity, check, message, missing page, file, line.
_Located = tuple[Severity, str, str, str, "Path | None", "int | None"]


def _one_per_missing_page(problems: dict[_Located, list[str]]) -> dict[_Located, list[str]]:
    """A link to a missing page written once (in the introduction, say) is found in the web
    page as written, and made absolute in the emails and feeds, where its file and line are
    unknown: one finding, under the one naming where it was written, lists every output."""
    written: dict[tuple[Severity, str], _Located] = {}
    for located in problems:
        severity, _, _, missing, origin, _ = located
        if missing and origin is not None:
            written.setdefault((severity, missing), located)
    merged: dict[_Located, list[str]] = {}
    for located, found_in in problems.items():
        severity, _, _, missing, origin, _ = located
        into = written.get((severity, missing), located) if missing and origin is None else located
        outputs = merged.setdefault(into, [])
        outputs.extend(output for output in found_in if output not in outputs)
    return merged


def _page_problems(site: _Site, links: list[FoundLink], rules: UrlRules) -> list[_Located]:
    found: dict[_Located, None] = {}  # each once, in order (a list's 'in' made this quadratic)
    for link in links:
        for severity, check, message, missing in site.problems(link, rules):
            found.setdefault((severity, check, message, missing, link.origin, link.line))
    return list(found)


def external_urls(
    links: Sequence[FoundLink], base_url: str, placeholders: Sequence[str] = DEFAULT_PLACEHOLDERS
) -> list[str]:
    """The distinct absolute http(s) URLs outside the site, without fragments, sorted.

    Links with a mail-service placeholder in the email are left out: only the mail
    service knows what they become.
    """
    site = _Site(base_url, {})
    own = site.base_text
    urls = {
        without_fragment(link.url)
        for link in links
        if not link.url.startswith(own)  # the site's own pages, the commonest links by far
        and scheme_of(link.url) in ("http", "https")
        and not site.is_internal(link.url)
        and not (is_email_output(link.output) and has_merge_tag(link.url, placeholders))
    }
    return sorted(urls)


def without_fragment(url: str) -> str:
    """The URL a client requests: the ``#fragment`` never reaches the server."""
    return url.strip().split("#", 1)[0]


# A link's problem: severity, check, message, and the path of the missing page it points to
# (or ""), which every output linking to that page shares.
_Problem = tuple[Severity, str, str, str]
_NEEDS_PARSING = re.compile(r"[\s\\]|/\.\.?(/|$|#|\?)")


class _Site:
    """The build seen as a web site: which URLs are its own, and which files and ids they reach."""

    def __init__(
        self, base_url: str, outputs: Mapping[str, bytes], anchors: Mapping[str, frozenset[str]] | None = None
    ) -> None:
        """`anchors` may give pages' ids already found ({output: ids}); others are parsed when asked."""
        self.base = urlsplit(base_url if base_url.endswith("/") else base_url + "/")
        self.outputs = outputs
        self._ids: dict[str, frozenset[str]] = dict(anchors or {})
        self._seen: dict[tuple[str, str, bool, UrlRules], list[_Problem]] = {}
        self.base_text = urlunsplit(self.base)

    def problems(self, link: FoundLink, rules: UrlRules) -> list[_Problem]:
        """The problems of a link; the same URL from the same place is judged once (headers repeat).

        The place is nothing for an absolute URL, the page for a same-page `#fragment`
        (its target is that page), the page's folder for any other relative URL.
        """
        if scheme_of(link.url):
            place = ""
        elif link.url.startswith("#"):
            place = link.output
        else:
            place = link.output.rpartition("/")[0]
        key = (link.url, place, is_email_output(link.output), rules)
        if key not in self._seen:
            self._seen[key] = self._judge(link, rules)
        return self._seen[key]

    def _judge(self, link: FoundLink, rules: UrlRules) -> list[_Problem]:
        """The judge's verdict (digest.checks.urls), then whether an internal link reaches its page."""
        fast = self._plain_internal(link.url)
        if fast is not None:
            return self._internal_problems(link.url, fast)
        if link.url.startswith("#") and not is_email_output(link.output) and link.output in self.outputs:
            return self._fragment_problems(link.url, link.output)
        url, scheme = link.url, scheme_of(link.url)
        email = is_email_output(link.output)
        problem = judge(url, in_email=email, rules=rules)
        if problem is not None:
            return [("error", problem.check, problem.message, "")]
        if scheme not in ("", "http", "https") or (email and has_merge_tag(url, rules.placeholders)):
            return []  # what a merge tag becomes only the mail service knows
        # An absolute http(s) URL resolves to itself: only relative ones need the page's URL.
        absolute = (
            url
            if scheme and url[len(scheme) + 1 :].startswith("//")
            else urljoin(self.url_of(link.output), url)
        )
        if self.is_internal(absolute):
            return self._internal_problems(url, absolute)
        if not scheme:
            return [
                (
                    "error",
                    "internal-link",
                    f"relative link {unquoted(url)} points outside the site ({unquoted(absolute)})",
                    "",
                )
            ]
        return []

    def _plain_internal(self, url: str) -> str | None:
        """A URL spelled exactly under the site's https base needs no parsing (most links are these)."""
        if self.base.scheme != "https" or not url.startswith(self.base_text) or _NEEDS_PARSING.search(url):
            return None
        return url

    def fingerprint(self) -> str:
        """What internal links can reach: every output's name and every page's anchors."""
        digest = hashlib.sha256()
        for output in sorted(self.outputs):
            digest.update(output.encode() + b"\0")
            if _is_html(output):
                digest.update("\0".join(sorted(self.ids_of(output))).encode() + b"\1")
        return digest.hexdigest()

    def url_of(self, output: str) -> str:
        return urljoin(self.base_text, output)

    def is_internal(self, url: str) -> bool:
        parts = urlsplit(url)
        return (
            parts.scheme.lower() in ("http", "https")
            and parts.netloc.lower() == self.base.netloc.lower()
            and parts.path.startswith(self.base.path)
        )

    def target_of(self, absolute: SplitResult) -> str | None:
        relative = unquote(absolute.path[len(self.base.path) :])
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
        for candidate in (relative, relative + "/index.html"):
            if candidate in self.outputs:
                return candidate
        return None

    def _internal_problems(self, url: str, absolute: str) -> list[_Problem]:
        parts = urlsplit(absolute)
        target = self.target_of(parts)
        if target is None:
            path = parts.path[len(self.base.path) :] or "/"
            message = f"link {unquoted(url)} points to {unquoted(path)}, which this build does not contain"
            meant = self._meant(path)
            message += meant
            if url.startswith("/") and not url.startswith("//") and not meant:
                message += (
                    "; a link starting with '/' means a page of this site: write the article's "
                    "link in full (https://...), or set the review's 'source_url:' and import it again"
                )
            return [("error", "internal-link", message, path)]
        if self._missing_anchor(target, unquote(parts.fragment)):
            fragment = unquote(parts.fragment)
            return [
                (
                    "error",
                    "internal-link",
                    f"link {unquoted(url)}: {target} has no element with id {quoted(fragment)}",
                    "",
                )
            ]
        return []

    def _meant(self, path: str) -> str:
        """The page of the build a mistyped link most likely means ("; did you mean ..."), or ""."""
        pages = [output.removesuffix("index.html") for output in self.outputs if not is_email_output(output)]
        close = difflib.get_close_matches(path.lstrip("/"), pages, n=1, cutoff=0.88)
        return f"; did you mean {unquoted(urljoin(self.base_text, close[0]))}?" if close else ""

    def _fragment_problems(self, url: str, output: str) -> list[_Problem]:
        """A same-page link ('#section'), the commonest relative link: no URL to resolve."""
        fragment = unquote(url[1:])
        if self._missing_anchor(output, fragment):
            return [
                (
                    "error",
                    "internal-link",
                    f"link {unquoted(url)}: {output} has no element with id {quoted(fragment)}",
                    "",
                )
            ]
        return []

    def _missing_anchor(self, target: str, fragment: str) -> bool:
        # An empty fragment and "#top" scroll to the top of any page (HTML standard).
        if not fragment or fragment.lower() == "top" or not _is_html(target):
            return False
        return fragment not in self.ids_of(target)

    def ids_of(self, output: str) -> frozenset[str]:
        if output not in self._ids:
            self._ids[output] = _anchor_names(self.outputs[output], output)
        return self._ids[output]


def _anchor_names(content: bytes, output: str = "") -> frozenset[str]:
    if not content.strip():
        return frozenset()
    return _anchors_in(html_document(content, output))


def _anchors_in(tree: Any) -> frozenset[str]:
    return frozenset(str(value) for value in _ANCHOR_VALUES(tree))


def _is_html(output: str) -> bool:
    return output.lower().endswith((".html", ".htm"))


# ---------------------------------------------------------------------------------------
# A whole build, scope by scope


@dataclass(frozen=True)
class SourceSet:
    """Source files, in lookup order, with a fingerprint that changes when any of them does."""

    paths: tuple[Path, ...]
    fingerprint: str


@dataclass(frozen=True)
class Scope:
    """Outputs whose links were written in the same sources: an issue's pages and email come
    from that issue's files; the archive and the feeds from every issue's."""

    outputs: tuple[str, ...]
    sources: tuple[SourceSet, ...]


@dataclass(frozen=True)
class StaticReport:
    links: Sequence[FoundLink]
    findings: list[Finding]
    external: list[str]


@dataclass(frozen=True)
class _Facts:
    """What parsing a scope's outputs gives: each output's links and each page's anchors."""

    urls: dict[str, list[str]]
    anchors: dict[str, frozenset[str]]


@dataclass(frozen=True)
class _Judged:
    links: _LinkColumns
    pages: list[tuple[str, list[_Located]]]
    external: list[str]


@dataclass(frozen=True)
class _LinkColumns:
    """A scope's links column by column: a build holds tens of thousands, and lists of
    strings are read from the cache far faster than as many objects."""

    urls: list[str]
    outputs: list[str]
    origins: list[Path | None]
    lines: list[int | None]

    @classmethod
    def of(cls, links: Sequence[FoundLink]) -> _LinkColumns:
        return cls(
            [link.url for link in links],
            [link.output for link in links],
            [link.origin for link in links],
            [link.line for link in links],
        )


class _LinkList(Sequence[FoundLink]):
    """Every link of a build, sorted by output, made into objects only when first read
    (a build whose external links need no checking never reads them)."""

    def __init__(self, columns: Sequence[_LinkColumns]) -> None:
        self._columns = columns
        self._links: list[FoundLink] | None = None

    def _all(self) -> list[FoundLink]:
        if self._links is None:
            links = [
                FoundLink(url, output, origin, line)
                for each in self._columns
                for url, output, origin, line in zip(
                    each.urls, each.outputs, each.origins, each.lines, strict=True
                )
            ]
            self._links = sorted(links, key=lambda link: link.output)
        return self._links

    def __len__(self) -> int:
        return sum(len(each.urls) for each in self._columns)

    @overload
    def __getitem__(self, index: int) -> FoundLink: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[FoundLink]: ...
    def __getitem__(self, index: int | slice) -> FoundLink | Sequence[FoundLink]:
        return self._all()[index]

    def __iter__(self) -> Iterator[FoundLink]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and self._all() == list(other)

    __hash__ = None  # type: ignore[assignment]


def check_scopes(
    scopes: Sequence[Scope],
    outputs: Mapping[str, bytes],
    *,
    base_url: str,
    https_only_email: bool,
    placeholders: Sequence[str] = DEFAULT_PLACEHOLDERS,
    cache: BuildCache | None = None,
    output_digests: Mapping[str, str] | None = None,
) -> StaticReport:
    """Extract, locate and check every link of a build, and list the external ones to fetch.

    A link's origin is looked for in its scope's sources only. With a cache, a scope whose
    outputs, sources and surrounding site (every output's name, every page's anchors) are
    unchanged is neither parsed nor judged again, so an edit to one review re-checks the
    pages of its issue, the archive and the feeds. An output whose SHA-256 the renderer
    knows (`output_digests`) is not hashed again.
    """
    scope_keys = {scope: _outputs_key(scope, outputs, cache, output_digests or {}) for scope in scopes}
    _cold_in_workers(cache, {scope_keys[scope]: _facts(scope, outputs) for scope in scopes})
    facts = {scope: _cached(cache, scope_keys[scope], _facts(scope, outputs)) for scope in scopes}
    site = _Site(base_url, outputs, {o: ids for each in facts.values() for o, ids in each.anchors.items()})
    settings = repr((base_url, https_only_email, list(placeholders)))
    site_print = site.fingerprint()
    rules = UrlRules(https_only_email, tuple(placeholders))
    judges = [
        (
            cache_key(
                "scope-links",
                scope_keys[scope],
                site_print,
                settings,
                *(s.fingerprint for s in scope.sources),
            ),
            _judge_scope(scope, facts[scope], site, rules, cache),
        )
        for scope in scopes
    ]
    _cold_in_workers(cache, dict(judges))
    judged = [_cached(cache, key, judge) for key, judge in judges]
    pages = sorted((page for each in judged for page in each.pages), key=lambda page: page[0])
    external = sorted({url for each in judged for url in each.external})
    return StaticReport(_LinkList([each.links for each in judged]), _findings(pages), external)


def _cold_in_workers(cache: BuildCache | None, work: Mapping[str, Callable[[], object]]) -> None:
    """A cold build of an archive: the scopes missing from the cache computed into it on
    every core first (digest/workers.py)."""
    if cache is None:
        return
    cold = {
        key: partial(_cached, cache, key, compute) for key, compute in work.items() if not cache.holds(key)
    }
    if len(cold) >= PAYS_FROM:
        cache_in_workers(cache, cold)


def _cached(cache: BuildCache | None, key: str, compute: Callable[[], T]) -> T:
    return compute() if cache is None else cache.get_or_compute(key, compute)


def _outputs_key(
    scope: Scope, outputs: Mapping[str, bytes], cache: BuildCache | None, digests: Mapping[str, str]
) -> str:
    if cache is None:
        return ""
    return cache_key(
        "scope-outputs",
        *(part for output in scope.outputs for part in (output, _digest_of(output, outputs, digests))),
    )


def _digest_of(output: str, outputs: Mapping[str, bytes], digests: Mapping[str, str]) -> str:
    known = digests.get(output)
    return known if known is not None else hashlib.sha256(outputs[output]).hexdigest()


def _facts(scope: Scope, outputs: Mapping[str, bytes]) -> Callable[[], _Facts]:
    return lambda: _parse_outputs(scope, outputs)


def _parse_outputs(scope: Scope, outputs: Mapping[str, bytes]) -> _Facts:
    urls: dict[str, list[str]] = {}
    anchors: dict[str, frozenset[str]] = {}
    for output in sorted(scope.outputs):
        content = outputs[output]
        if _is_html(output) and content.strip():
            tree = html_document(content, output)  # parsed once for links and anchors
            anchors[output] = _anchors_in(tree)
            urls[output] = _distinct(_links_in_html_tree(tree))
        else:
            urls[output] = _distinct(_links_in_output(output, content))
    return _Facts(urls, anchors)


def _judge_scope(
    scope: Scope,
    facts: _Facts,
    site: _Site,
    rules: UrlRules,
    cache: BuildCache | None,
) -> Callable[[], _Judged]:
    def judge() -> _Judged:
        found = [FoundLink(url, output) for output in sorted(facts.urls) for url in facts.urls[output]]
        index: dict[str, tuple[Path, int]] = {}
        for each in scope.sources:
            for word, where in _source_index(each, cache).items():
                index.setdefault(word, where)
        links = locate_origins(found, index, lambda: _read_sources(scope.sources), site.base_text)
        pages = [
            (output, _page_problems(site, list(its_links), rules))
            for output, its_links in groupby(links, key=lambda link: link.output)
        ]
        return _Judged(
            _LinkColumns.of(links), pages, external_urls(links, site.base_text, rules.placeholders)
        )

    return judge


def _source_index(sources: SourceSet, cache: BuildCache | None) -> dict[str, tuple[Path, int]]:
    key = cache_key("url-index", sources.fingerprint, *(str(path) for path in sources.paths))
    return _cached(cache, key, lambda: url_index(_read_sources((sources,))))


def _read_sources(sets: Sequence[SourceSet]) -> dict[Path, str]:
    return {path: source_text(path) for each in sets for path in each.paths}
