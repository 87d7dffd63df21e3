"""Stage 2a: read one review file, in any supported format, into a `Review`.

The format is sniffed from the content, never from the extension: YAML (`---`) or
TOML (`+++`) front matter, Pelican `Key: value` headers, Nikola `.. key: value`
comments, AsciiDoc, Zim, Kirby and HTML posts (`markups`), bare Markdown (MDX included),
or plain text. All format sniffing lives here;
the metadata blocks are read by `headers`, titles by `titles` (Markdown) and
`plaintext`, dates by `dates`, a signature by `people`.

Whatever a reader infers rather than reads from a field that says so (a date from the
file name, an author from a signature) is recorded in the review's `guesses`, which
`digest import` and `digest check` print.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from html import unescape as unescape_entities
from pathlib import Path, PurePosixPath
from typing import Any

from digest.errors import ContentError, quoted
from digest.files import read_source
from digest.model import Review
from digest.render.html import tag_attributes, tags
from digest.render.markdown import Rendered, prose, render_markdown, slugify
from digest.sources import plaintext
from digest.sources.assets import WINDOWS_DEVICES
from digest.sources.attributes import without_heading_attributes, without_link_attributes
from digest.sources.containers import without_container_fences
from digest.sources.dates import ReadDate, day_first_for, find_in_text, no_such_day, read_date
from digest.sources.dialects import mail_header, open_front_matter, present_header, rst_fields, unsigned_text
from digest.sources.gemtext import gemtext_to_markdown, is_gemtext
from digest.sources.headers import Header, front_matter, key_value_header, nikola_header
from digest.sources.hocon import hocon_header
from digest.sources.kumascript import expand_macros, is_mdn_page
from digest.sources.markups import asciidoc_header, html_post, kirby_fields, lektor_fields, zim_header
from digest.sources.mdx import looks_like_mdx, strip_mdx, without_jsx_comment_lines
from digest.sources.monthnames import may_write_a_date
from digest.sources.multimarkdown import mmd_metadata
from digest.sources.notebooks import notebook
from digest.sources.notes import (
    fenced_front_matter,
    has_wiki_links,
    ikiwiki_directives,
    indented_header,
    inline_tags,
    jbake_header,
    json_front_matter,
    opens_with_org_keywords,
    org_header,
    org_to_markdown,
    page_name,
    page_properties,
    pandoc_title_block,
    wiki_links_as_text,
    written_by_foam,
)
from digest.sources.openinglines import body_without_byline
from digest.sources.pasted import merge_conflicts, removed_links, tab_indented_prose
from digest.sources.people import (
    is_byline_name,
    labelled_byline,
    signature_name,
    trailing_byline,
    unlabelled_byline,
)
from digest.sources.proposals import preformatted_header, rfc_first_page, table_fields
from digest.sources.scripted import exported_meta, franklin_header, ziggy_front_matter
from digest.sources.sitefiles import SiteFiles, resolve_people
from digest.sources.templates import expand_templates, has_template_tags, writes_for_liquid
from digest.sources.titles import code_lines, heading_lines, markdown_title, opening_line_title
from digest.sources.values import clean_text, flag, one_line, person_names, string_list, url_problem, web_url

__all__ = ["Parsed", "ReviewSettings", "build_review", "clean_text", "decode", "decode_bytes", "parse",
           "parse_date", "read_review", "sniff"]  # fmt: skip

STRONG_EMPHASIS = re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__")
# The signs are searched in the text after a newline: a pattern opening with a literal
# "\n" is found by a fast scan to each line, where "^" (MULTILINE) is tried at every
# character, 25 times slower over a long plain text.
SETEXT_HEADING = re.compile(r"\n\S.*\n(=+|-+)[ \t]*$", re.MULTILINE)
# A reStructuredText title lined over and under with the same character, opening the file.
# The title line is white space then text ('[^\n]*\S[^\n]*' tried each split of a long line).
RST_OVERLINED_TITLE = re.compile(
    r"\s*([=\-~*#^\"'`:.+_])\1{2,}[ \t]*\r?\n[^\S\n]*\S[^\n]*\n\1{3,}[ \t]*\r?$", re.M
)
MARKDOWN_SIGNS = (
    re.compile(r"\n#{1,6}[ \t]+\S"),  # ATX heading (not '#define')
    re.compile(r"\[[^\[\]\n]+\]\([^)\s]+\)"),  # [text](url); never '[' inside, so '[[[...' stays linear
    re.compile(r"\n(```|~~~)"),  # fenced code
    SETEXT_HEADING,
    STRONG_EMPHASIS,
    re.compile(r"\n>[ \t]"),  # block quote
    re.compile(r"\n {0,3}<h[1-6](?:\s[^>]*)?>", re.IGNORECASE),  # an HTML heading block
)
RST_SIGN = re.compile(r"^(?::[A-Za-z][\w .-]{0,30}:[ \t]|\.\.[ \t]+[a-z][\w-]*::)", re.MULTILINE)
YAML_DASHES = re.compile(r"^-{3,}[ \t]*$")
YAML_DOTS = re.compile(r"^\.\.\.[ \t]*$")
# Date values that a generator works out when it builds the site (Quarto's `today` and
# `last-modified`, Eleventy's `Last Modified` and `git Created`, R Markdown's inline R code, a
# version-control keyword never expanded, `$Date$`): the file itself gives no date.
BUILD_TIME_DATE = re.compile(
    r"^(?:today|now|last[- ]modified|modified|created|git (?:last modified|created)"
    r"|`r[ \t].*`|!expr[ \t].*|\$(?:Date|LastChangedDate)[ \t]*:?[ \t]*\$)$",
    re.IGNORECASE,
)
# A date written as a mapping (MkDocs Material's blog: `date: {created: ..., updated: ...}`).
DATE_MAPPING_KEYS = ("created", "published", "date", "posted")
UPDATE_MAPPING_KEYS = ("updated", "modified", "lastmod", "lastupdated")
RST_LIST_DIRECTIVE = re.compile(
    r"^\.\.[ \t]+(tags|categories)::[ \t]*(\S.*?)[ \t]*$", re.MULTILINE | re.IGNORECASE
)
MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
LIST_MARKER = re.compile(r"^(?:[-+]|\d{1,3}[.)])[ \t]+")  # `*` is Markdown markup, gone already
DATE_LABEL = re.compile(
    r"^\W*(?:date|published|posted|written|created|last updated|last modified|updated|modified|revised)"
    r"(?:\s+(?:on|at))?\s*:?\s*",
    re.IGNORECASE,
)
FILENAME_DATE = re.compile(
    r"(?<![0-9])(?:(\d{4})-(\d{2})-(\d{2})|(\d{4})_(\d{2})_(\d{2})|((?:19|20)\d{2})(\d{2})(\d{2}))(?![0-9])"
)
PATH_DATE = re.compile(r"(?<!\d)(\d{4})/(\d{2})/(\d{2})/")
# A date spread over folders and the file name: `2020/01-07-slug.mdx` (Docusaurus), `2020/01/07/slug.md`.
FOLDER_DATE = re.compile(r"(?<![0-9])((?:19|20)\d{2})/(\d{2})[-/](\d{2})(?:[-_/.]|$)")
BUNDLE_NAMES = {"index", "_index"}
# A Jekyll post's name: its date, months and days of one or two digits as Jekyll's own pattern
# allows (`2020-4-6-title.md`), then its slug.
JEKYLL_POST_NAME = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})-(.+)")
MORE_MARKER = re.compile(r"<!--\s*more\s*-->", re.IGNORECASE)
MARKUP = re.compile(r"[*_`#>\[\]]+")
LINKED = re.compile(r"!?\[([^\[\]\n]*)\]\([^()\s]*\)")  # a link or picture: its text
FIRST_LINES = 5
TRAILER_LINES = 3
WORDS_BESIDE_A_DATE = 6
HEADER_LINES = 3  # the lines under a title that may give its byline and date
DATE_FROM_A_LINE = "date taken from the line '"  # the note of a date read from the text's lines
DATE_LINE_MAX_CHARS = 160

KEY_ALIASES = {
    "title": ("title",),
    "date": ("date", "pubdatetime", "pubdate", "published", "publishdate", "publishedat", "publishedon",
             "publisheddate", "publicationdate", "datepublished", "createdon", "created", "createdat",
             "createddate", "datecreated", "creationdate", "datetime", "posted", "postedat", "postedon",
             "posteddate", "dateposted", "postdate", "msdate", "dcdate", "rsspubdate", "datestarted"),
    "updated": ("lastmod", "lastmodified", "updated", "updatedat", "updatedon", "modified", "modifiedat",
                "datemodified", "lastupdated", "msupdated", "revised"),
    "description": ("description", "summary", "excerpt", "shortdescription", "metadescription", "subtitle"),
    # Not `keywords`: Hugo's, Docusaurus's, Pandoc's and Quarto's are meta keywords for search
    # engines, no taxonomy (Hugo's taxonomies are `tags` and `categories` unless a site's
    # configuration declares more). `tag` is Jekyll's singular key (it reads `tag` or `tags`) and
    # vuepress-theme-hope's documented one.
    "tags": ("tags", "tag"),
    "categories": ("categories", "category"),
    "author": ("author", "authors", "byline"),
    "draft": ("draft",),
    "status": ("status",),
    "featured": ("featured",),
    "source_url": ("sourceurl", "source", "canonicalurl", "canonical", "originalurl", "externalurl",
                   "link", "url"),
    "slug": ("slug", "postslug"),
    "image": ("image", "images", "cover", "coverimage", "heroimage", "featuredimage", "featureimage",
              "thumbnail", "ogimage", "banner", "socialimage"),
    "image_alt": ("imagealt", "coveralt", "coverimagealt", "heroimagealt", "featuredimagealt", "thumbnailalt",
                  "alt"),
    "image_caption": ("imagecaption", "caption", "covercaption", "coverimagecaption", "heroimagecaption",
                      "featuredimagecaption"),
    "image_dark": ("imagedark", "darkimage", "coverdark", "coverimagedark", "heroimagedark"),
}  # fmt: skip
KEY_LOOKUP = {alias: ours for ours, aliases in KEY_ALIASES.items() for alias in aliases}
# Zola names its taxonomies in the site's config; its documentation's example is `authors`.
TAXONOMY_NAMES = {
    "tags": "tags",
    "tag": "tags",
    "categories": "categories",
    "category": "categories",
    "authors": "author",
    "author": "author",
}
# Keys whose documented format is month first: DocFX / Microsoft Learn's `ms.date: MM/DD/YYYY`.
MONTH_FIRST_KEYS = {"msdate", "msupdated"}


@dataclass(frozen=True)
class ReviewSettings:
    words_per_minute: int = 220
    excerpt_words: int = 50
    max_bytes: int = 1_000_000
    language: str = "en"  # the site's: decides how 03/04/2025 is read


@dataclass
class Parsed:
    """What a format reader found: raw metadata, the body and where it starts."""

    format: str
    meta: dict[str, Any]
    body: str
    body_line: int
    is_markdown: bool = True
    source: str = ""
    guesses: list[str] = field(default_factory=list)
    people: dict[str, str] = field(default_factory=dict)  # author keys and their names (sitefiles.py)
    note_tool: bool = False  # a Foam or Obsidian note, whose inline `#tags` are its tags
    tag_labels: dict[str, str] = field(default_factory=dict)  # a tags file's labels (sitefiles.py)


def read_review(
    path: Path,
    settings: ReviewSettings | None = None,
    data: bytes | None = None,
    site: SiteFiles | None = None,
) -> Review:
    """A review from its file, or from `data`, the file's bytes already read; `site` reads the
    files beside it that it refers to (by default, around the file on disk)."""
    settings = settings or ReviewSettings()
    if data is None:
        data = read_source(path, path.parent, settings.max_bytes, "review", "[build] max_review_bytes")
    site = site or SiteFiles.around(path, settings.max_bytes)
    text = decode_bytes(data, path, settings.max_bytes)
    parsed = parse(text, path)
    if parsed.format in UNMARKED_FORMATS and (sidecar := site.sidecar()):
        # Nikola's two-file post: its title, slug and date in a `.meta` file of its name.
        parsed = Parsed("nikola-two-file", sidecar | parsed.meta, parsed.body, parsed.body_line)
    elif parsed.format in UNMARKED_FORMATS and (detached := site.detached_front_matter()):
        parsed = Parsed("detached-front-matter", detached | parsed.meta, parsed.body, parsed.body_line)
    parsed.source = text
    keys = [value for key, value in parsed.meta.items() if str(key).lower() in AUTHOR_KEYS]
    if any(_may_name_keys(value) for value in keys):
        parsed.people = site.people(_author_keys(keys))
    if any(str(key).lower() == "tags" for key in parsed.meta):
        parsed.tag_labels = site.tag_labels()
    if parsed.is_markdown and has_wiki_links(parsed.body):
        parsed.note_tool = written_by_foam(parsed.body) or site.in_obsidian_vault()
    return build_review(path, parsed, settings, site.review)


# Formats that carry no metadata of their own, which a sidecar file may give them.
UNMARKED_FORMATS = {"markdown", "plain-text"}
AUTHOR_KEY = re.compile(r"[\w.-]+")
AUTHOR_KEYS = ("author", "authors")


# The page's own <meta> tags in a VitePress or VuePress `head:` list, and what they give a
# review that says it nowhere else.
HEAD_META = {
    "description": "description",
    "og:description": "description",
    "og:url": "source_url",
}


def head_meta(head: Any) -> dict[str, str]:
    """Fields from a `head:` list of `[tag, attributes]` pairs (`- - meta` / `- property:
    og:url` / `content: ...`): the description and the page's address."""
    found: dict[str, str] = {}
    for entry in head if isinstance(head, list) else []:
        pair = entry if isinstance(entry, list) and len(entry) >= 2 else [None, None]
        tag, attributes = pair[0], pair[1]
        if tag != "meta" or not isinstance(attributes, dict):
            continue
        name = str(attributes.get("property") or attributes.get("name") or "").lower()
        content = one_line(attributes.get("content"))
        if name in HEAD_META and content:
            found.setdefault(HEAD_META[name], content)
    return found


def _author_keys(values: list[Any]) -> tuple[str, ...]:
    """The bare keys among author values, for the data folder's one-person files."""
    found: list[str] = []
    for value in values:
        items = value if isinstance(value, list) else [value]
        keys = [item.strip() for item in items if isinstance(item, str)]
        found += [key for key in keys if AUTHOR_KEY.fullmatch(key)]
    return tuple(dict.fromkeys(found))


def _may_name_keys(value: Any) -> bool:
    """An author value that may hold keys into an authors file (`simenb`, `[slorber]`, `{key: ...}`)."""
    if isinstance(value, list):
        return any(_may_name_keys(item) for item in value)
    if isinstance(value, dict):
        return isinstance(value.get("key"), str)
    return isinstance(value, str) and AUTHOR_KEY.fullmatch(value.strip()) is not None


def decode(path: Path, max_bytes: int = 1_000_000) -> str:
    """The text of a file in its own folder (see decode_bytes)."""
    return decode_bytes(
        read_source(path, path.parent, max_bytes, "file", "[build] max_review_bytes"), path, max_bytes
    )


class NotText(ContentError):
    """The file holds no text to read: it is binary, an image, or empty."""


def decode_bytes(data: bytes, path: Path, max_bytes: int = 1_000_000) -> str:
    """The file's text: UTF-8 (a BOM and CRLF line endings are fine), or a clear error."""
    if len(data) > max_bytes:
        raise ContentError(
            f"the file is {len(data):,} bytes, over the {max_bytes:,}-byte limit for a review: "
            "shorten it or raise [build] max_review_bytes",
            path,
        )
    if _looks_like_utf16(data):
        raise ContentError("not UTF-8 (the file looks like UTF-16): save it as UTF-8", path)
    if b"\x00" in data[:8192] or _is_image_name(path) or document_kind(data):
        raise NotText(_binary_message(path, document_kind(data)), path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ContentError(
            f"not UTF-8 (byte 0x{data[exc.start]:02x}; the file looks like {_guess_encoding(data)}): "
            "save it as UTF-8",
            path,
            line,
        ) from None
    text = clean_text(text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise NotText("the file is empty: write the review or remove it from the issue", path)
    return text


def _is_image_name(path: Path) -> bool:
    from digest.sources.assets import IMAGE_SUFFIXES

    return path.suffix.lower() in IMAGE_SUFFIXES


# Documents people keep articles in that are not text, by their first bytes (a PDF can
# be all ASCII and NUL-free for its first kilobytes, and would be called Windows-1252).
WEB_ARCHIVE = "a Safari web archive"
DOCUMENT_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zipped document (Word .docx, OpenDocument, EPUB)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Office document (Word .doc)"),
    (b"bplist00", WEB_ARCHIVE),
)


def document_kind(data: bytes) -> str | None:
    """What non-text document `data` is, by its first bytes, or None."""
    return next((kind for signature, kind in DOCUMENT_SIGNATURES if data.startswith(signature)), None)


def _binary_message(path: Path, kind: str | None = None) -> str:
    """Listing an image as a review is the usual slip: say how to show it instead."""
    if _is_image_name(path):
        return (
            f"this is an image, not a review: take it out of issue.md's list and show it from a review "
            f"with ![what it shows]({path.name}) (or as a review's 'image: {path.name}')"
        )
    if kind == WEB_ARCHIVE:
        return (
            f"this is {kind}, not a review: import the page it holds with `digest import {path.name} "
            f"--issue {path.parent.name}` and list the review that makes instead"
        )
    return (
        f"this is {kind or 'a binary file'}, not a review: take it out of issue.md's list "
        "(link it from a review instead)"
    )


def _looks_like_utf16(data: bytes) -> bool:
    """A byte-order mark, or mostly Latin text where every other byte is zero."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    head = data[:8192]
    even, odd = head[0::2], head[1::2]
    return len(head) >= 2 and ((_mostly_zero(even) and 0 not in odd) or (_mostly_zero(odd) and 0 not in even))


def _mostly_zero(half: bytes) -> bool:
    return half.count(0) > 0.9 * len(half)


def _guess_encoding(data: bytes) -> str:
    try:
        data.decode("cp1252")
        return "Windows-1252 or Latin-1"
    except UnicodeDecodeError:
        return "a legacy 8-bit encoding"


# Formats told by their opening lines, each by a line no other format opens with (Laika's `{%`, a Zim header,
# `= Title`, `#+KEY:`, `key:: value`, a fence tagged toml/yaml/ini, an indented `Title:`, a header
# in `<pre>`, after `::` or under a heading naming it, a JSON object or Hexo's `;;;`, `% Title`);
# the late ones only when no front matter or header format claims the file.
OPENING_READERS: dict[str, Callable[[str], Header | None]] = {
    "ziggy-front-matter": ziggy_front_matter,
    "franklin-page-variables": franklin_header,
    "mdx-exported-metadata": exported_meta,
    "jupyter-notebook": notebook,
    "hocon-header": hocon_header,
    "zim-wiki": zim_header,
    "asciidoc-header": asciidoc_header,
    "org-mode": org_header,
    "page-properties": page_properties,
    "fenced-front-matter": fenced_front_matter,
    "indented-metadata": indented_header,
    "preformatted-header": preformatted_header,
    "rfc-first-page": rfc_first_page,
    "json-front-matter": json_front_matter,
    "pandoc-title-block": pandoc_title_block,
    "jbake-header": jbake_header,
    "multimarkdown-metadata": mmd_metadata,
    "lektor-fields": lektor_fields,
}
LATE_READERS: dict[str, Callable[[str], Header | None]] = {
    "kirby-fields": kirby_fields,
    "html-meta": html_post,
    "ikiwiki-directives": ikiwiki_directives,
}
# A file named as plain text underlines its title as plain text does, no sign of Markdown; its
# other signs (`#` headings, links written as Markdown, fences) still are: a `.txt` file may
# hold Markdown, front matter and all.
PLAIN_TEXT_SUFFIXES = {".txt", ".text"}
# Headers over a text in plain text, not Markdown (an RFC's first page).
PLAIN_TEXT_HEADERS = {"rfc-first-page"}
# Front matter formats of generators that print Liquid/Nunjucks `{{ output }}` (Jekyll, Eleventy, Hexo).
LIQUID_FORMATS = {"yaml-front-matter", "hexo-front-matter"}
# Formats only Jekyll writes: their posts are Liquid templates whatever their keys.
JEKYLL_FORMATS = {"detached-front-matter"}
FRONT_MATTER_FORMATS = {"yaml-front-matter", "toml-front-matter", "json-front-matter", "hexo-front-matter"}
# Formats whose pages are named by their file when they name nothing themselves.
NAMED_BY_FILE = {"org-mode", "page-properties", "ikiwiki-directives"}
MARKUP_READERS = OPENING_READERS | LATE_READERS


def sniff(text: str, path: Path | None = None) -> str:
    """The format name for a text: decided from the content; the file's extension only says
    whether an underlined line is Markdown's heading or a plain text's title (`PLAIN_TEXT_SUFFIXES`)."""
    first = text.lstrip("\n").split("\n", 1)[0].strip()
    for name, reader in OPENING_READERS.items():
        if reader(text) is not None:
            return name
    if re.fullmatch(r"-{3,}", first):
        return "yaml-front-matter"
    if re.fullmatch(r"\+{3,}", first):
        return "toml-front-matter"
    if (first.startswith("<!--") or first.startswith(".. ")) and nikola_header(text) is not None:
        return "nikola-comment-metadata"
    if key_value_header(text) is not None:
        return "pelican-metadata"
    if mail_header(text) is not None:
        return "mail-header"
    if open_front_matter(text, Path("-")) is not None:
        return "hexo-front-matter"
    if present_header(text) is not None:
        return "go-present"
    for name, reader in LATE_READERS.items():
        if reader(text) is not None:
            return name
    # `**strong**` is reStructuredText too: with reST fields or directives near the top it is no sign;
    # nor is an underline when the title is lined over and under, as only reST writes a title.
    rst = RST_SIGN.search(text[:4000]) is not None
    overlined = RST_OVERLINED_TITLE.match(text) is not None
    ignored = {STRONG_EMPHASIS} if rst else set()
    if overlined or (path is not None and path.suffix.lower() in PLAIN_TEXT_SUFFIXES):
        ignored |= {SETEXT_HEADING}
    if overlined:
        ignored |= {STRONG_EMPHASIS}
    lines = "\n" + text
    if any(sign.search(lines) for sign in MARKDOWN_SIGNS if sign not in ignored):
        return "markdown"
    return "plain-text"


def parse(text: str, path: Path) -> Parsed:
    try:
        parsed = _parse(text, path)
    except ContentError as exc:
        if exc.path is not None:
            raise
        raise ContentError(exc.problem, path, exc.line) from None  # a reader's, given only the text
    return _as_gemtext(parsed) if is_gemtext(path) else parsed


def _as_gemtext(parsed: Parsed) -> Parsed:
    """A `.gmi` file's body is Gemtext, under front matter of its own or none (kiln's capsules
    open with YAML); without a header, the fields other formats find in its text are none."""
    plain = parsed.format in UNMARKED_FORMATS
    return replace(
        parsed,
        format="gemtext" if plain else parsed.format,
        meta={} if plain else parsed.meta,
        body=gemtext_to_markdown(parsed.body),
        is_markdown=True,
    )


def _parse(text: str, path: Path) -> Parsed:
    text = unsigned_text(text)
    kind = sniff(text, path)
    header: Header | None = None
    if kind == "yaml-front-matter":
        header = front_matter(_closed_by_dashes(text), path, "yaml", lenient=True)
    elif kind == "toml-front-matter":
        header = front_matter(text, path, "toml")
    elif kind == "nikola-comment-metadata":
        header = nikola_header(text)
    elif kind == "pelican-metadata":
        header = key_value_header(text)
    elif kind == "mail-header":
        header = mail_header(text)
    elif kind == "hexo-front-matter":
        header = open_front_matter(text, path)
    elif kind == "go-present":
        header = present_header(text)
    elif kind in MARKUP_READERS:
        header = MARKUP_READERS[kind](text)
    if header is None:
        fields = (table_fields(text) if kind == "markdown" else {}) or _rst_fields(text)
        return Parsed(kind, fields, text, 1, is_markdown=kind == "markdown")
    parsed = Parsed(
        kind,
        header.meta,
        header.body,
        header.body_line,
        kind not in PLAIN_TEXT_HEADERS,
        guesses=list(header.notes),
    )
    if kind == "go-present":
        parsed.guesses.append(
            f"author {quoted(header.meta['author'])} taken from the line under the date, as Go's present "
            "format writes it (usually right); check it"
        )
    return parsed


def _closed_by_dashes(text: str) -> str:
    """YAML front matter may end with YAML's document end marker `...` (Pandoc, R Markdown):
    that line is read as the closing `---` it stands for; line numbers stay as they are."""
    lines = text.split("\n")
    opening = next((i for i, line in enumerate(lines) if line.strip()), 0)
    for index in range(opening + 1, len(lines)):
        if YAML_DASHES.match(lines[index]):
            return text
        if YAML_DOTS.match(lines[index]):
            return "\n".join([*lines[:index], "---", *lines[index + 1 :]])
    return text


def _rst_fields(text: str) -> dict[str, Any]:
    """reStructuredText fields, for a text that has a field or directive line near its top; and
    the `.. tags::` and `.. categories::` directives a Sphinx blog (Tinkerer) ends a post with."""
    if not RST_SIGN.search(text[:4000]):
        return {}
    fields = rst_fields(text)
    for match in RST_LIST_DIRECTIVE.finditer(text):
        fields.setdefault(match.group(1).lower(), match.group(2))
    return fields


def build_review(
    path: Path, parsed: Parsed, settings: ReviewSettings, name: PurePosixPath | None = None
) -> Review:
    """The review read from `path`; `name` is the file's name within its issue folder."""
    meta, guesses = _review_meta(parsed)
    body = _without_generator_syntax(path, parsed, guesses)
    named = page_name(path) if parsed.format in NAMED_BY_FILE or has_wiki_links(body) else None
    body, note_tags = _wiki_links_as_text(body, parsed, guesses)
    title, body, signed_by = _title_and_body(path, parsed, meta, body, named, guesses)
    author_notes: list[str] = []
    date_notes: list[str] = []  # said after the body's own notes, in the order they are read
    author = _review_author(meta, body, signed_by, author_notes, _review_language(meta, settings))
    when = _review_date(meta, path, parsed, settings, title, body, date_notes)
    dated_by_line = any(note.startswith(DATE_FROM_A_LINE) for note in date_notes)
    body = _without_opening_header(body, meta, author, when if dated_by_line else None, settings)
    rendered = _rendered(path, parsed, body, guesses)
    words = len(rendered.text.split())  # words as wc and Hugo count them: runs between spaces
    if not words:
        guesses.append("the review has no text under its title: readers would get the title alone; write it")
    image, image_alt, image_caption = _image(meta)
    image_alt = image_alt or _alt_shown_with(rendered.html, image)
    _refuse_unreadable_addresses(meta, image, parsed, path)
    guesses.extend(author_notes)
    description = _linked_as_text(one_line(meta.get("description")))
    excerpt, cut = _excerpt(body, rendered.html, rendered.text, settings.excerpt_words)
    if cut and not description:
        guesses.append(
            f"no 'description:', so cards show its first {settings.excerpt_words} words, cut short; "
            "a line or two of your own reads better"
        )
    guesses.extend(date_notes)
    jekyll = _jekyll_post(path) is not None
    tags = _terms(meta.get("tags"), _split_by_spaces(meta, "tags", jekyll))
    slug = _page_name(slugify(str(meta.get("slug") or title), fallback=slugify(path.stem, "review")))
    return Review(
        path=path,
        format=parsed.format,
        title=one_line(title) or title,
        author=author,
        authors=_listed_authors(meta),
        date=when,
        tags=_with_note_tags(_labelled(tags, parsed.tag_labels), note_tags),
        categories=_terms(meta.get("categories"), _split_by_spaces(meta, "categories", jekyll)),
        description=description,
        source_url=web_url(meta.get("source_url")),
        featured=flag(meta.get("featured")),
        draft=_is_draft(meta),
        body=body,
        slug=slug,
        feed_name=slug if meta.get("slug") else _feed_name(name or PurePosixPath(path.name)),
        html=rendered.html,
        excerpt=excerpt,
        sections=rendered.sections,
        word_count=words,
        reading_time=max(1, math.ceil(words / settings.words_per_minute)),
        body_line=parsed.body_line,
        image=image,
        image_alt=image_alt,
        image_caption=image_caption,
        image_dark=one_line(meta["image_dark"])
        if image and isinstance(meta.get("image_dark"), str)
        else None,
        guesses=tuple(guesses),
    )


def _review_meta(parsed: Parsed) -> tuple[dict[str, Any], list[str]]:
    """The metadata under digest's key names (authors resolved, a VitePress head's tags as
    defaults), and what reading it guessed."""
    meta = _normalise_keys(parsed.meta)
    guesses = [*parsed.guesses, *_misspelt_keys(parsed.meta, meta)]
    if parsed.format in FRONT_MATTER_FORMATS:
        guesses.extend(note for _, note in curly_quoted_values(parsed.meta))
    if parsed.people and "author" in meta:
        meta["author"] = resolve_people(meta["author"], parsed.people)
    for key, value in head_meta(parsed.meta.get("head")).items():
        meta.setdefault(key, value)
    return meta, guesses


def _without_generator_syntax(path: Path, parsed: Parsed, guesses: list[str]) -> str:
    """The body without what only its generator reads (MDX, an Org body under front matter,
    template tags, container fences)."""
    body = parsed.body
    if parsed.is_markdown and (path.suffix.lower() == ".mdx" or looks_like_mdx(body)):
        body = strip_mdx(body)
    elif parsed.is_markdown:
        body = without_jsx_comment_lines(body)
    if parsed.format in FRONT_MATTER_FORMATS and opens_with_org_keywords(body):
        body = org_to_markdown(body)  # front matter over an Org body (jorge, Hugo's .org content)
    if parsed.is_markdown and has_template_tags(body):
        body = _without_template_tags(body, parsed, guesses)
    if parsed.is_markdown:
        # Boxes first: an admonition's text is indented, so code, until its header is out.
        unfenced = without_container_fences(body)
        body = without_link_attributes(without_heading_attributes(unfenced.text))
        if unfenced.fences:
            guesses.append(
                f"{unfenced.fences} fence line(s) of container blocks (':::', '///', '!!! note') left out,"
                " their text kept; check the text"
            )
    return body


def _wiki_links_as_text(body: str, parsed: Parsed, guesses: list[str]) -> tuple[str, tuple[str, ...]]:
    """A notes tool's wiki links shown as their text, and its inline tags."""
    note_tags: tuple[str, ...] = ()
    if parsed.is_markdown and has_wiki_links(body):
        note_tags = inline_tags(body) if parsed.note_tool else ()
        body, linked = wiki_links_as_text(body)
        if linked:
            guesses.append(
                f"{linked} wiki link(s) ([[Page]]) shown as their text, as the notes they name are not "
                "in the digest; check the text"
            )
    return body, note_tags


def _title_and_body(
    path: Path, parsed: Parsed, meta: dict[str, Any], body: str, named: str | None, guesses: list[str]
) -> tuple[str, str, str | None]:
    """The title, the Markdown body without it, and who signed a plain text at its foot; a plain
    text's own header fields become defaults of `meta`."""
    if parsed.is_markdown:
        title, body = _title_for_markdown(meta, body, path, guesses, named)
        return title, body, None
    structured = plaintext.structure(body, named)
    if structured is None:
        raise ContentError("the file has no text: write the review or remove it", path)
    if structured.title_line == 0:
        guesses.append(
            f"title taken from the file name, as wikis name their pages: {quoted(structured.title)}; check it"
        )
    for key, value in _normalise_keys(structured.fields).items():
        meta.setdefault(key, value)
    return structured.title, structured.markdown, structured.signed_by


def _rendered(path: Path, parsed: Parsed, body: str, guesses: list[str]) -> Rendered:
    """The body rendered and checked, with what rendering noticed of the text as written."""
    rendered = render_markdown(body)
    rendered.check(body, path, parsed.body_line)
    if parsed.is_markdown:
        guesses.extend(tab_indented_prose(parsed.body, parsed.body_line, rendered.html))
        guesses.extend(merge_conflicts(parsed.body, parsed.body_line))
    guesses.extend(removed_links(rendered.removed, parsed.body, parsed.body_line))
    return rendered


def _labelled(tags: tuple[str, ...], labels: dict[str, str]) -> tuple[str, ...]:
    """Tags as the site shows them: a key its tags file labels becomes that label."""
    return _terms([labels.get(tag, tag) for tag in tags]) if labels else tags


def _with_note_tags(tags: tuple[str, ...], note_tags: tuple[str, ...]) -> tuple[str, ...]:
    """Front matter's tags, then the note's inline `#tags` it does not already hold (by case)."""
    held = {tag.casefold() for tag in tags}
    return tags + tuple(tag for tag in note_tags if tag.casefold() not in held)


def _without_template_tags(body: str, parsed: Parsed, guesses: list[str]) -> str:
    """The body as the generator's page shows it: shortcodes (Hugo, Quarto), MDN's macros in an
    MDN page and, in a post written for Jekyll, Eleventy or Hexo, Liquid tags expanded where that
    needs no site, left out elsewhere."""
    liquid = parsed.format in JEKYLL_FORMATS or (
        parsed.format in LIQUID_FORMATS and writes_for_liquid(parsed.meta, body)
    )
    page = parsed.meta if isinstance(parsed.meta, dict) else None
    macros = 0
    if is_mdn_page(parsed.meta, body):
        body, macros = expand_macros(body)
    expanded = expand_templates(body, liquid=liquid, page=page)
    if tags := expanded.tags + macros:
        guesses.append(
            f"{tags} template tag(s) of the site's generator ({{% ... %}}, {{{{< ... >}}}}) "
            "left out or rewritten as the pictures and links they show; check the text"
        )
    return expanded.text


def _feed_name(name: PurePosixPath) -> str:
    """The feed id of a review without a `slug:`: its file's name within the issue, which a
    retitle keeps, without the suffix (a .txt made .md keeps it), in the one Unicode form
    (macOS stores 'é' decomposed, Linux as typed)."""
    return unicodedata.normalize("NFC", name.with_suffix("").as_posix())


def _page_name(slug: str) -> str:
    """The slug, or `slug-review` where it is a name Windows keeps for a device ('con',
    'aux', 'lpt1'): its page's folder could not be made or checked out there."""
    return f"{slug}-review" if WINDOWS_DEVICES.fullmatch(slug) else slug


def _linked_as_text(text: str | None) -> str | None:
    """A description's Markdown links and pictures as their text, as the page shows them
    (react.dev's `description: ... [Canary release channel](/community/...)`). One holding raw
    HTML is no Markdown: metadata is text, shown as written (escaped), as `_as_text` reads a byline."""
    return LINKED.sub(r"\1", text) if text and "](" in text and "<" not in text else text


def _split_by_spaces(meta: dict[str, Any], name: str, jekyll: bool) -> bool:
    """Whether a string of tags or categories lists them between spaces: in a Jekyll post under
    the plural key only (`tags: foo bar`); Jekyll keeps a singular key's string whole
    (`category: slow travel` is one category)."""
    return jekyll and _spelling(meta.get("_keys", {}).get(name, name)) == name


def _terms(value: Any, jekyll: bool = False) -> tuple[str, ...]:
    """Tags or categories: a list, or one string that lists them between commas
    (`Tags: foo, bar` in Pelican, Frog and INI-style headers), or, in a Jekyll post, between
    spaces (`tags: foo bar`, as Jekyll splits it). A list inside the list is one category path
    (Hexo's `- [Garden, Moths]`): the post is filed under each name of it. A term named twice
    (by case) is kept once: the post is in that set once."""
    if isinstance(value, str) and "," in value:
        names = string_list(value.split(","))
    elif isinstance(value, str) and jekyll:
        names = tuple(value.split())
    elif isinstance(value, list) and any(isinstance(item, list) for item in value):
        paths = (item if isinstance(item, list) else [item] for item in value)
        names = tuple(name for path in paths for name in string_list(path))
    else:
        names = string_list(value)
    kept: dict[str, str] = {}
    for name in names:
        kept.setdefault(name.casefold(), name)
    return tuple(kept.values())


def _jekyll_post(path: Path) -> re.Match[str] | None:
    """The dated name of a post Jekyll publishes: a file in a `_posts` folder (at any depth of
    the site, `blog/_posts/2019/`) named `YYYY-M-D-slug`. Hexo keeps its posts in
    `source/_posts` and reads them by other rules, so a `_posts` folder in `source` is not
    taken for Jekyll's."""
    folders = [folder.name for folder in path.parents]
    if "_posts" not in folders:
        return None
    above = folders[folders.index("_posts") + 1 :]
    if above and above[0] == "source":
        return None
    return JEKYLL_POST_NAME.fullmatch(path.name.split(".")[0])


def _normalise_keys(meta: dict[str, Any]) -> dict[str, Any]:
    """Map every dialect's key spelling onto ours ('pubDatetime', 'Created on', 'ms.date' -> 'date').

    `_keys` remembers which key each value came from, for messages and month-first keys.
    Tags, categories and authors kept in a taxonomies table (Zola's `[taxonomies]`, Grav's
    `taxonomy:`) count as the page's own.
    """
    result: dict[str, Any] = {"_raw": meta, "_keys": {}}
    updated_date = _dated_by_change(meta)
    for key, value in [*meta.items(), *_taxonomy_items(meta)]:
        spelling = re.sub(r"[\s_.-]+", "", str(key).lower())
        canonical = "updated" if updated_date and spelling == "date" else KEY_LOOKUP.get(spelling)
        if canonical == "date" and isinstance(value, bool):  # Jekyll 'published: false', wherever it is
            result.setdefault("status", "draft" if not value else "published")
            continue
        if canonical is None or value is None or value == "" or canonical in result:
            continue
        result[canonical] = value
        result["_keys"][canonical] = str(key)
    if "author" not in result and (byline := _other_byline(meta)):
        result["author"], result["_keys"]["author"] = byline[1], byline[0]
    if "tags" not in result and (topics := _topics(meta)):
        result["tags"], result["_keys"]["tags"] = topics[1], topics[0]
    return result


def _topics(meta: dict[str, Any]) -> tuple[str, Any] | None:
    """`topics`, where a file has no tags: Zenn's articles and Statamic's default taxonomy
    name the post's tags so."""
    return next(
        ((str(key), value) for key, value in meta.items() if _spelling(str(key)) == "topics" and value), None
    )


# Wiki.js keeps a page in git under front matter of its own: `date` is the page's last change,
# `dateCreated` the day it was written, and `editor` names the editor it was written in.
CHANGE_DATED_SIGNATURE = {"datecreated", "editor"}


def _dated_by_change(meta: dict[str, Any]) -> bool:
    """Whether the file's `date` is its last change (Wiki.js), its creation under another key."""
    return {_spelling(str(key)) for key in meta} >= CHANGE_DATED_SIGNATURE


# Where a dialect keeps the byline when it has no author key: nanoc sites' (Prometheus's)
# `author_name`, Istio's `attribution`; and the table of free keys a theme reads (Zola's
# `[extra]`, Hugo's `params`), whose `author` the page template prints.
BYLINE_KEYS = ("authorname", "attribution")
THEME_TABLES = ("extra", "params")


def _other_byline(meta: dict[str, Any]) -> tuple[str, Any] | None:
    """The byline under another name, only where the file has no author key of its own."""
    for key, value in meta.items():
        if _spelling(str(key)) in BYLINE_KEYS and person_names(value):
            return str(key), value
    for key, table in meta.items():
        if str(key).lower() in THEME_TABLES and isinstance(table, dict):
            for inner, value in table.items():
                if KEY_LOOKUP.get(_spelling(str(inner))) == "author" and person_names(value):
                    return f"{key}.{inner}", value
    return None


def _misspelt_keys(raw: dict[str, Any], meta: dict[str, Any]) -> list[str]:
    """Keys digest does not read that are one slip from one it does and that the file lacks
    ('titel:', 'autor:'): the value would be lost without a word."""
    missing = [key for key in KEY_ALIASES if key not in meta]
    notes = []
    for key in raw:
        spelling = str(key).lower().replace("-", "_")
        if _spelling(str(key)) in KEY_LOOKUP:
            continue
        close = difflib.get_close_matches(spelling, missing, n=1, cutoff=0.8)
        if close:
            notes.append(f"'{key}:' is not a key digest reads: did you mean '{close[0]}:'?")
    return notes


# Quotes a word processor curls as they are typed: pasted around a front matter value they
# are no YAML or TOML quotes, so they stay in the title, the byline or the tag.
CURLY_PAIRS = (("\u201c", "\u201d"), ("\u2018", "\u2019"), ("\u201e", "\u201c"))


def curly_quoted_values(meta: dict[str, Any]) -> list[tuple[str, str]]:
    """The key and a note for each value (or list item) wholly inside curly quotes: “Marta Nowak”."""
    notes = []
    for key, value in meta.items():
        items = value if isinstance(value, list) else [value]
        curly = [item for item in items if isinstance(item, str) and _in_curly_quotes(item.strip())]
        if curly:
            notes.append(
                (
                    str(key),
                    f"'{key}:' {curly[0]} is in curly quotes, which stay part of the value (they quote "
                    f'nothing): write straight quotes ("...") or none, unless they belong to it',
                )
            )
    return notes


def _in_curly_quotes(text: str) -> bool:
    return len(text) > 2 and any(
        text.startswith(opening) and text.endswith(closing) and closing not in text[1:-1]
        for opening, closing in CURLY_PAIRS
    )


def _taxonomy_items(meta: dict[str, Any]) -> list[tuple[str, Any]]:
    items: list[tuple[str, Any]] = []
    for key, value in meta.items():
        if _spelling(str(key)) in ("taxonomies", "taxonomy") and isinstance(value, dict):
            items.extend(
                (TAXONOMY_NAMES.get(_spelling(str(name)), ""), terms) for name, terms in value.items()
            )
    return [(name, terms) for name, terms in items if name]


# --- title -------------------------------------------------------------------------------


def _title_for_markdown(
    meta: dict[str, Any], body: str, path: Path, guesses: list[str], named: str | None = None
) -> tuple[str, str]:
    """The title key, else the first level-1 heading (then taken out of the body), else another
    key naming the title (`newstitle`, `headline`), else the
    page's name from its file for a wiki or notes page (`named`), else, for a Jekyll post
    (`2010-01-09-some-title.md`), the words of its file name, as Jekyll does, else a first
    line standing alone as plain text writes a title."""
    if title := one_line(meta.get("title")):
        return title, body
    found = markdown_title(body)
    if found is not None:
        return " ".join(clean_text(found.title).split()), found.body
    if other := _other_title_key(meta.get("_raw", {})):
        key, title = other
        guesses.append(f"title taken from the {quoted(key)} key, as the file has no 'title:'; check it")
        return title, body
    if named:
        guesses.append(
            f"title taken from the file name, as wikis name their pages: {quoted(named)}; check it"
        )
        return named, body
    jekyll = _jekyll_post(path) or re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})-(.+)", path.name.split(".")[0])
    if jekyll and re.search(r"[A-Za-z]", jekyll.group(4)):
        title = " ".join(word.capitalize() for word in re.split(r"[-_\s]+", jekyll.group(4)) if word)
        guesses.append(
            f"title taken from the file name (as Jekyll does): {quoted(title)} (may be wrong); check it"
        )
        return title, body
    if opening := opening_line_title(body):
        guesses.append(
            f"title taken from the first line, as the text has no '# Title' heading: {quoted(opening.title)};"
            " check it"
        )
        return opening.title, opening.body
    slip = next((note for note in guesses if note.endswith("did you mean 'title:'?")), None)
    if slip:
        raise ContentError(f"no title ({slip})", path)
    raise ContentError(f"no title{_keys_seen(meta.get('_raw'))}: {NO_TITLE_ADVICE}", path)


NO_TITLE_ADVICE = "add a 'title:' line to the front matter or start the text with a '# Title' heading"
KEYS_SHOWN = 8
KEY_CHARS_SHOWN = 40


def _keys_seen(raw: Any) -> str:
    """The front matter's keys, for a file refused for want of a title: a site whose schema names
    its keys in its own language (`titulo:`, `fecha:`) shows the writer which one to call `title:`.
    No table of other languages' words for "title": no format documents one."""
    if not isinstance(raw, dict) or not raw:
        return ""
    keys = [str(key) for key in raw]
    shown = ", ".join(f"'{(one_line(key) or '')[:KEY_CHARS_SHOWN]}'" for key in keys[:KEYS_SHOWN])
    more = f", ... ({len(keys)} keys)" if len(keys) > KEYS_SHOWN else ""
    return f" among the front matter's keys ({shown}{more})"


# Keys ending in "title" that name something other than the post: its subtitle, its author's
# job title (`authorTitle`), a picture's or a series' title.
NOT_THE_POSTS_TITLE = re.compile(
    r"(?:sub|author|by|image|img|cover|hero|photo|picture|thumbnail|video|series|section|site|parent"
    r"|category|book|job|menu|nav|sidebar|toc|button|cta|alt|caption)[a-z]*title"
)


def _other_title_key(raw: Any) -> tuple[str, str] | None:
    """A front matter without `title:` that names its title under another key ending in "title"
    (`newstitle` on Eleventy's site, `post_title` in WordPress exports, `pagetitle` in Pandoc)
    or `headline` (schema.org's name for an article's title): that key and its text."""
    if not isinstance(raw, dict):
        return None
    for key, value in raw.items():
        spelling = re.sub(r"[\s_.-]+", "", str(key).lower())
        fits = spelling == "headline" or (spelling.endswith("title") and spelling != "title")
        if fits and not NOT_THE_POSTS_TITLE.fullmatch(spelling) and (text := one_line(value)):
            return str(key), text
    return None


# --- author ------------------------------------------------------------------------------


def _review_language(meta: dict[str, Any], settings: ReviewSettings) -> str:
    """The language the review is written in: its front matter's `lang:` (Hugo, Jekyll, Pandoc)
    or `language:`, else the site's."""
    raw = meta.get("_raw")
    for key in ("lang", "language"):
        if isinstance(raw, dict) and isinstance(value := raw.get(key), str) and value.strip():
            return value.strip()
    return settings.language


def _review_author(
    meta: dict[str, Any], body: str, signed_by: str | None, guesses: list[str], language: str
) -> str | None:
    """The author key, else an 'Author: ...' line near the top, else the signature at the end;
    `language`: the review's, whose word for 'by' opens a byline."""
    if author := _review_author_from_meta(meta):
        return author
    lines = _first_lines(body, 8)
    for line in lines:
        if names := labelled_byline(LIST_MARKER.sub("", line)):  # '- Author: [[Name]]' too
            return one_line(names)
    for number, line in _numbered_first_lines(body, HEADER_LINES):
        byline = unlabelled_byline(line, dated=_is_date_line, language=language)
        if (names := byline) and number not in heading_lines(body):
            return one_line(names)  # a section's heading ('## By Popular Demand') is no byline
    if name := _name_beside_the_date(body):
        guesses.append(
            f"author {quoted(name)} taken from the name standing beside the date under the title"
            " (often right); check it"
        )
        return name
    name = signed_by or signature_name([line.rstrip("\\") for line in _last_lines(body, 4)])
    if name:
        guesses.append(f"author {quoted(name)} taken from the signature at the end (often right); check it")
        return name
    if name := _closing_byline(body):
        guesses.append(f"author {quoted(name)} taken from the closing byline ('Written by ...'); check it")
    return name


def _name_beside_the_date(body: str) -> str | None:
    """A person's name standing alone under the title, on the line before or after the one
    giving the date ('Robert Griesemer' over 'Last updated: January 17, 2019'), as papers,
    design documents and typewritten articles head themselves; never a heading's words."""
    lines = _numbered_first_lines(body, HEADER_LINES)
    for index, (number, line) in enumerate(lines):
        if not is_byline_name(line):
            continue
        beside = [other for _, other in lines[max(index - 1, 0) : index] + lines[index + 1 : index + 2]]
        if any(_date_line(other, day_first=True) for other in beside) and number not in heading_lines(body):
            return line
    return None


def _review_author_from_meta(meta: dict[str, Any]) -> str | None:
    author = person_names(meta.get("author"))
    return _as_text(_without_addresses(author)) if author else None


def _listed_authors(meta: dict[str, Any]) -> tuple[str, ...]:
    """The writers a front matter lists one by one, each as the byline shows it; empty for
    one value (`author: "Lee, Ann"` is one name)."""
    value = meta.get("author")
    if not isinstance(value, list):
        return ()
    names = (person_names(item) for item in value)
    return tuple(dict.fromkeys(_as_text(_without_addresses(name)) for name in names if name))


def _without_opening_header(
    body: str, meta: dict[str, Any], author: str | None, day: datetime | None, settings: ReviewSettings
) -> str:
    """The text without the lines under its title that only say what the page shows above it:
    the byline the text gave ('Author(s): Ann Lee', 'by Ann Lee', 'Ann Lee' beside the date,
    'Geschrieben am 3. März 2021 von Anna Weber') and the day it gave when no field does ('Last
    updated: January 17, 2019'), read from the top down to the first line that says anything
    else; or, where the front matter names the writer, an opening line saying only 'By' them.
    Each leaves an empty line, so the lines after it keep their numbers."""
    given = _review_author_from_meta(meta)
    if given:
        return body_without_byline(body, given)
    if author is None and day is None:
        return body
    lines = body.split("\n")
    day_first = day_first_for(settings.language)
    language = _review_language(meta, settings)
    headings: set[int] | None = None  # parsed only for a text that opens with such a line
    for number, line in _numbered_first_lines(body, HEADER_LINES):
        index = number - 1
        if index + 1 < len(lines) and lines[index + 1].strip():
            break  # a line of a longer paragraph
        if not (_names_the_author(line, author, language) or _says_only_the_day(line, day, day_first)):
            break
        headings = heading_lines(body) if headings is None else headings
        if number in headings:
            break
        lines[index] = ""
    return "\n".join(lines)


def _names_the_author(line: str, author: str | None, language: str) -> bool:
    """Whether a line under the title is the byline that gave the review its author."""
    if author is None:
        return False
    bylined = unlabelled_byline(line, dated=_is_date_line, language=language)
    names = labelled_byline(LIST_MARKER.sub("", line)) or bylined
    return one_line(names) == author if names else line == author and is_byline_name(line)


def _says_only_the_day(line: str, day: datetime | None, day_first: bool) -> bool:
    """Whether a line says the review's day and nothing else but a date's label ('Last updated:')."""
    if day is None or len(line) > DATE_LINE_MAX_CHARS:
        return False
    found = find_in_text(line, day_first=day_first, languages=may_write_a_date(line))
    if found is None or found[0].value.date() != day.date():
        return False
    return not re.search(r"\w", DATE_LABEL.sub("", line.replace(found[1], " ")))


ONLY_A_LINK = re.compile(r"\W*!?\[[^\[\]\n]*\]\([^()\s]*\)\W*")


def _closing_byline(body: str) -> str | None:
    """'Written by [Ann Lee](url)' closing the text, perhaps before links back to the blog."""
    raw = [line.strip() for line in body.rstrip().rsplit("\n", 12)[-12:] if line.strip()][-1 - 3 :]
    shown = [MARKUP.sub("", LINKED.sub(r"\1", unescape_entities(line))).strip() for line in raw]
    links = {text for line, text in zip(raw, shown, strict=True) if ONLY_A_LINK.fullmatch(line)}
    return trailing_byline([text for text in shown if text], links)


# A mailbox's address beside the name: `Name <address>`, `Name (address)`; and RFC 822's older
# `address (Name)`, the name in a comment.
ANGLED_ADDRESS = re.compile(r"[ \t]*<[^<>\s@]+@[^<>\s]+>")
# The same without the blanks before it, for any line of a text: tried from each blank of a run,
# the blanks were read again from each (a line of 120,000 spaces took minutes).
ADDRESS_IN_ANGLES = re.compile(r"<[^<>\s@]+@[^<>\s]+>")
BRACKETED_ADDRESS = re.compile(r"[ \t]*\([^()\s@]+@[^()\s]+\)")
ADDRESS_THEN_NAME = re.compile(r"[^\s,()<>@]+@[^\s,()<>]+[ \t]+\(([^()@]+)\)")


def _without_addresses(name: str) -> str:
    """The byline without its mail addresses, where a name remains."""
    named = ADDRESS_THEN_NAME.sub(r"\1", name)
    named = BRACKETED_ADDRESS.sub("", ANGLED_ADDRESS.sub("", named))
    return " ".join(named.split()) if re.search(r"[^\W\d_]", named) else name


# A Markdown link in a name: `[Austin Parker](https://github.com/austinlparker)`.
MARKDOWN_LINK = re.compile(r"\[[^\]\n]+\]\([^)\s]*\)")


def _as_text(name: str) -> str:
    """A byline written in Markdown (OpenTelemetry's `author: "[Name](url) (Org)"`) as the page
    shows it: the links' text, as the Markdown renderer reads it. A value holding raw HTML is no
    Markdown byline: metadata is text, shown as written (escaped)."""
    if "<" in name or not MARKDOWN_LINK.search(name):
        return name
    import lxml.html

    shown = lxml.html.fragment_fromstring(render_markdown(name).html, create_parent="div").text_content()
    return one_line(shown) or name


# --- images ------------------------------------------------------------------------------


def _alt_shown_with(html: str, image: str | None) -> str | None:
    """The alternative text the review's own text gives its picture, where it shows the same
    file: what the picture shows, in the author's words, rather than the title beside it."""
    if not image or "<img" not in html:
        return None
    for found in tags(html, IMAGE_TAG):
        attributes = tag_attributes(found.group(0)) if found.group("tag") else {}
        if attributes.get("src") == image and (alt := one_line(attributes.get("alt"))):
            return alt
    return None


IMAGE_TAG = frozenset({"img"})


def _image(meta: dict[str, Any]) -> tuple[str | None, str | None, str | None]:
    """The article's picture: a path or address, from a string, the first of a list, or a
    mapping (`{src|url|path|image: ..., alt: ..., caption: ...}`); its alternative text and
    caption if given."""
    value = meta.get("image")
    alt = one_line(meta.get("image_alt"))
    caption = one_line(meta.get("image_caption"))
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        alt = alt or one_line(value.get("alt") or value.get("alternative") or value.get("caption"))
        caption = caption or one_line(value.get("caption"))
        value = next(
            (value[key] for key in ("src", "url", "path", "image", "filename") if value.get(key)), None
        )
    image = one_line(value) if isinstance(value, str) else None
    return image, (alt if image else None), (caption if image else None)


def _refuse_unreadable_addresses(meta: dict[str, Any], image: str | None, parsed: Parsed, path: Path) -> None:
    """An address of the front matter that urllib cannot take apart is named by its line:
    the pages' links are split and joined later, where it raised ValueError."""
    dark = meta.get("image_dark") if image else None
    for key, value in (
        ("source_url", web_url(meta.get("source_url"))),
        ("image", image),
        ("image_dark", dark),
    ):
        if isinstance(value, str) and (problem := url_problem(value)):
            raise ContentError(
                f"{key} {quoted(value)} cannot be read as an address ({problem}): check its host and port",
                path,
                _line_of(parsed, value),
            )


def _is_draft(meta: dict[str, Any]) -> bool:
    status = str(meta.get("status", "")).strip().lower()
    return flag(meta.get("draft")) or status in ("draft", "hidden", "unpublished")


# --- date --------------------------------------------------------------------------------


def _review_date(
    meta: dict[str, Any],
    path: Path,
    parsed: Parsed,
    settings: ReviewSettings,
    title: str,
    body: str,
    guesses: list[str],
) -> datetime | None:
    """The date a field gives; else, each recorded as a guess: a last-modified key, a dated
    address in the metadata, the file name, the title or first lines, a trailer at the end."""
    day_first = day_first_for(settings.language)
    keys = meta["_keys"]
    if (raw := _fixed_date(meta, guesses)) is not None:
        key = keys.get("date", "date")
        month_first = _spelling(key) in MONTH_FIRST_KEYS
        found = read_date(raw, day_first=day_first, month_first_key=month_first)
        if found is None:
            _bad_date(raw, path, _line_of(parsed, str(raw)))
        assert found is not None
        return _noted(found, guesses, None)
    if (raw := meta.get("updated")) is not None:
        key = keys.get("updated", "lastmod")
        found = read_date(raw, day_first=day_first, month_first_key=_spelling(key) in MONTH_FIRST_KEYS)
        if found is not None:
            note = f"date taken from {quoted(key)}, the last change (may be later than the post); check it"
            return _noted(found, guesses, note)
    if written := _written_date(meta, path, title, body, day_first):
        found, where, sureness = written
        return _noted(found, guesses, f"date taken from {where} ({sureness}); check it")
    return None


def _fixed_date(meta: dict[str, Any], guesses: list[str]) -> Any:
    """The date value as written, a mapping's created date taken out (its updated date becomes
    the `updated` fallback); None for a date the generator works out at build time."""
    raw = meta.get("date")
    if isinstance(raw, dict):
        mapping = {_spelling(str(key)): value for key, value in raw.items()}
        later = next((mapping[key] for key in UPDATE_MAPPING_KEYS if mapping.get(key) is not None), None)
        if later is not None:
            meta.setdefault("updated", later)
        raw = next((mapping[key] for key in DATE_MAPPING_KEYS if mapping.get(key) is not None), None)
    if isinstance(raw, str) and BUILD_TIME_DATE.match(raw.strip()):
        guesses.append(
            f"{quoted(raw.strip())} as the date is worked out when the site is built: no date read from it"
        )
        return None
    return raw


def _spelling(key: str) -> str:
    return re.sub(r"[\s_.-]+", "", key.lower())


def _noted(found: ReadDate, guesses: list[str], source: str | None) -> datetime:
    if source:
        guesses.append(source)
    if found.ambiguous:
        guesses.append(f"date {found.ambiguous}, {found.value:%-d %B %Y} (may be wrong); check it")
    return found.value


def _written_date(
    meta: dict[str, Any], path: Path, title: str, body: str, day_first: bool
) -> tuple[ReadDate, str, str] | None:
    """A date written where no date field is, where, and how sure it is: the places are tried
    in the order they are trusted."""
    for key, value in meta["_raw"].items():
        match = PATH_DATE.search(value) if isinstance(value, str) else None
        if match and (found := _date_of_parts(match.groups())):
            return found, f"the address in {quoted(key)}", "usually right"
    if (post := _jekyll_post(path)) and (found := _date_of_parts(post.groups()[:3])):
        return found, f"the file name {quoted(path.name)}, as Jekyll dates a post", "usually right"
    names = [path.name.split(".")[0]]
    if names[0] in BUNDLE_NAMES:
        names.append(path.parent.name)  # a page bundle: `2021-08-26-welcome/index.mdx`
    for name in names:
        if match := FILENAME_DATE.search(name):
            groups = [g for g in match.groups() if g is not None]
            if found := _date_of_parts(groups):
                where = "the file name" if name == names[0] else "the folder name"
                return found, f"{where} {quoted(name)}", "usually right"
    folders = "/".join(path.parts[-4:])
    if (match := FOLDER_DATE.search(folders)) and (found := _date_of_parts(match.groups())):
        return found, f"the folders and file name {quoted(folders)}", "usually right"
    if found_in_title := find_in_text(title, day_first=day_first):
        return found_in_title[0], "the title", "often right"
    code = code_lines(body) if _may_hold_code(body) else set()  # a date in code is an example, not the post's
    for line in _first_lines(body, FIRST_LINES, code):
        if found := _date_line(line, day_first=day_first):
            return found, f"the line '{line[:60]}'", "often right"
    for line in _last_lines(body, TRAILER_LINES, code):
        if found := _date_line(line, day_first=day_first):
            return found, f"the line '{line[:60]}' at the end", "may be a later update"
    return None


def _may_hold_code(body: str) -> bool:
    """Whether the Markdown parser could find a code block: a fence, or the four columns of
    white space an indented block needs (after any list or quote marks). Most texts have
    neither, and are not parsed a second time to learn which lines are code."""
    return any(mark in body for mark in ("```", "~~~", "    ", "\t"))


def _first_lines(body: str, count: int, skipped: Collection[int] = ()) -> list[str]:
    """The first `count` non-blank lines not in `skipped` (1-based numbers) as shown, without
    Markdown marks (read without splitting it all)."""
    return [line for _, line in _numbered_first_lines(body, count, skipped)]


def _numbered_first_lines(body: str, count: int, skipped: Collection[int] = ()) -> list[tuple[int, str]]:
    """`_first_lines`, each with its 1-based number."""
    lines: list[tuple[int, str]] = []
    start, number = 0, 1
    while len(lines) < count and start < len(body):
        end = body.find("\n", start)
        end = len(body) if end < 0 else end
        if number not in skipped and (line := _as_shown(body[start:end])):
            lines.append((number, line))
        start, number = end + 1, number + 1
    return lines


def _as_shown(line: str) -> str:
    """A line of Markdown as its words read: escapes and character references undone
    (`[[Name]]` as plain text writes it, '&lt;' as '<'), links as their text, without marks or
    the mail address in angle brackets beside a name ('Ann Lee <ann@example.org>')."""
    shown = ADDRESS_IN_ANGLES.sub("", unescape_entities(MARKDOWN_ESCAPE.sub(r"\1", line)))
    return MARKUP.sub("", LINKED.sub(r"\1", shown)).strip()


def _last_lines(body: str, count: int, skipped: Collection[int] = ()) -> list[str]:
    """The last `count` non-blank lines not in `skipped` (1-based numbers), without Markdown
    marks, in order."""
    lines: list[str] = []
    end, number = len(body), body.count("\n") + 1
    while len(lines) < count and end > 0:
        start = body.rfind("\n", 0, end) + 1
        if number not in skipped and (line := MARKUP.sub("", body[start:end]).strip()):
            lines.insert(0, line)
        end, number = start - 1, number - 1
    return lines


def _date_of_parts(parts: Any) -> ReadDate | None:
    year, month, day = (int(part) for part in parts)
    return read_date(f"{year:04d}-{month:02d}-{day:02d}")


def _is_date_line(line: str) -> bool:
    return _date_line(line, day_first=True) is not None


def _date_line(line: str, *, day_first: bool) -> ReadDate | None:
    """A date on a line that is about the date: labelled ('Last updated: ...') or with only a
    few words beside it ('Posted on November 18, 2021 by Ann'), never one inside prose."""
    if len(line) > DATE_LINE_MAX_CHARS:  # a date line is short: a long one is prose
        return None
    # In other languages' words too ('am 3. März 2021'), where a word that may be a month's name
    # stands between a day's number and the year: the month names of every language take a
    # second to load, once a process.
    found = find_in_text(line, day_first=day_first, languages=may_write_a_date(line))
    if found is None:
        return None
    rest = DATE_LABEL.sub("", line.replace(found[1], " "))
    return found[0] if len(rest.split()) <= WORDS_BESIDE_A_DATE else None


def _line_of(parsed: Parsed, needle: str) -> int | None:
    """The line of the file's header where a value is written, for error messages."""
    header = parsed.source.split("\n")[: max(parsed.body_line - 1, 12)]
    return next((i + 1 for i, line in enumerate(header) if needle in line), None)


def _bad_date(value: Any, path: Path, line: int | None) -> None:
    text = " ".join(str(value).split())
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", text) and _out_of_range(_iso_spelling(text)):
        raise ContentError(
            f"{quoted(text)} is out of range (it falls outside years 1 to 9999 in UTC): check the year",
            path,
            line,
        )
    if why := no_such_day(text):
        raise ContentError(f"{quoted(text)} is not a day of the calendar: {why}", path, line)
    raise ContentError(
        f"{quoted(text)} is not a valid date: write it as YYYY-MM-DD (or an ISO 8601 date and time)",
        path,
        line,
    )


def parse_date(value: Any, path: Path, line: int | None) -> datetime:
    """A timezone-aware datetime from any date spelling blogs use; naive ones are taken as UTC."""
    found = read_date(value)
    if found is None:
        _bad_date(value, path, line)
    assert found is not None
    return found.value


def _iso_spelling(text: str) -> str:
    return re.sub(r"(\d)Z$", r"\1+00:00", re.sub(r"\s+(UTC|GMT|Z)$", "+00:00", text))


def _out_of_range(text: str) -> bool:
    try:
        parsed = datetime.fromisoformat(text)
        (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC)
    except OverflowError:
        return True
    except ValueError:
        return False
    return False


def _excerpt(body: str, html: str, visible_text: str, limit: int) -> tuple[str, bool]:
    """The text before a `<!--more-->` marker, else the opening words of the review's prose
    (its paragraphs, never a heading, a list or code; all its text where it has none), cut at
    a word boundary; and whether it had to be cut."""
    marker = MORE_MARKER.search(body)
    source = render_markdown(body[: marker.start()]).text if marker else (prose(html, limit) or visible_text)
    words = source.split()
    if len(words) <= limit:
        return " ".join(words), False
    return " ".join(words[:limit]).rstrip(",;:—-") + "…", True
