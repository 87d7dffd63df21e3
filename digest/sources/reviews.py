"""Stage 2a: read one review file, in any supported format, into a `Review`.

The format is sniffed from the content, never from the extension: YAML (`---`) or
TOML (`+++`) front matter, Pelican `Key: value` headers, Nikola `.. key: value`
comments, bare Markdown, or plain text. All format sniffing lives here.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digest.errors import ContentError
from digest.files import read_source
from digest.model import Review
from digest.render.markdown import render_markdown, slugify
from digest.sources import plaintext

if TYPE_CHECKING:
    import yaml

MARKDOWN_SIGNS = (
    re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE),  # ATX heading (not '#define')
    re.compile(r"\[[^\]\n]+\]\([^)\s]+\)"),  # [text](url)
    re.compile(r"^(```|~~~)", re.MULTILINE),  # fenced code
    re.compile(r"^\S.*\n(=+|-+)[ \t]*$", re.MULTILINE),  # setext heading
    re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__"),  # strong emphasis
    re.compile(r"^>[ \t]", re.MULTILINE),  # block quote
)
PELICAN_LINE = re.compile(r"^([A-Za-z][A-Za-z_ -]{0,30}):[ \t]*(.*)$")
NIKOLA_LINE = re.compile(r"^\.\. ([A-Za-z_ -]+):[ \t]?(.*)$")
BODY_AUTHOR = re.compile(r"^(?:authors?|author\(s\)|by|written by)[ \t]*:[ \t]*(.+)$", re.IGNORECASE)
BODY_DATE = re.compile(r"^(?:date|published|last updated|updated|posted)[ \t]*:[ \t]*(.+)$", re.IGNORECASE)
FILENAME_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})-")
PATH_DATE = re.compile(r"(?<!\d)(\d{4})/(\d{2})/(\d{2})/")
MORE_MARKER = re.compile(r"<!--\s*more\s*-->", re.IGNORECASE)
# Control characters: XML 1.0 (and so lxml, feedgen and mjml) refuses most, HTML the rest.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
LINE_BREAKS = re.compile("[\x0b\x0c\x85\u2028\u2029]")
SURROGATES = re.compile("[\ud800-\udfff]")

KEY_ALIASES = {
    "title": ("title",),
    "date": ("date", "pubdatetime", "pubdate", "published", "publishdate", "publishedat",
             "createdon", "created", "createdat", "datetime", "posted"),
    "description": ("description", "summary", "excerpt", "shortdescription", "metadescription", "subtitle"),
    "tags": ("tags", "keywords"),
    "categories": ("categories", "category"),
    "author": ("author", "authors", "byline"),
    "draft": ("draft",),
    "status": ("status",),
    "featured": ("featured",),
    "source_url": ("sourceurl", "source", "canonicalurl", "canonical", "originalurl", "externalurl",
                   "link", "url"),
    "slug": ("slug", "postslug"),
}  # fmt: skip
DATE_FORMATS = ("%b %d %Y", "%B %d %Y", "%b %d, %Y", "%B %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d")


@dataclass(frozen=True)
class ReviewSettings:
    words_per_minute: int = 220
    excerpt_words: int = 50
    max_bytes: int = 1_000_000


@dataclass
class Parsed:
    """What a format reader found: raw metadata, the body and where it starts."""

    format: str
    meta: dict[str, Any]
    body: str
    body_line: int
    is_markdown: bool = True
    source: str = ""


def read_review(path: Path, settings: ReviewSettings | None = None, data: bytes | None = None) -> Review:
    """A review from its file, or from `data`, the file's bytes already read."""
    settings = settings or ReviewSettings()
    if data is None:
        data = read_source(path, path.parent, settings.max_bytes, "review", "[build] max_review_bytes")
    text = decode_bytes(data, path, settings.max_bytes)
    parsed = parse(text, path)
    parsed.source = text
    return build_review(path, parsed, settings)


def decode(path: Path, max_bytes: int = 1_000_000) -> str:
    """The text of a file in its own folder (see decode_bytes)."""
    return decode_bytes(
        read_source(path, path.parent, max_bytes, "file", "[build] max_review_bytes"), path, max_bytes
    )


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
    if b"\x00" in data[:8192]:
        raise ContentError("this is a binary file, not a review: remove it from the issue", path)
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
        raise ContentError("the file is empty: write the review or remove it from the issue", path)
    return text


def clean_text(text: str) -> str:
    """Text without control characters; page and Unicode line breaks become ordinary ones.

    YAML's escapes can spell surrogates ("\\ud83d\\ude00"): pairs become their character,
    and a lone one, which no output can encode, the replacement character.
    """
    if SURROGATES.search(text):
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return CONTROL_CHARACTERS.sub("", LINE_BREAKS.sub("\n", text))


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


def sniff(text: str) -> str:
    """The format name for a text: decided from the content alone."""
    first = text.lstrip("\n").split("\n", 1)[0].strip()
    if first == "---" or re.fullmatch(r"-{3,}", first):
        return "yaml-front-matter"
    if re.fullmatch(r"\+{3,}", first):
        return "toml-front-matter"
    if first.startswith("<!--") and re.search(r"^\.\. title:", text[:2000], re.MULTILINE):
        return "nikola-comment-metadata"
    if _pelican_header(text) is not None:
        return "pelican-metadata"
    if any(sign.search(text) for sign in MARKDOWN_SIGNS):
        return "markdown"
    return "plain-text"


def parse(text: str, path: Path) -> Parsed:
    kind = sniff(text)
    if kind == "yaml-front-matter":
        return _parse_yaml(text, path)
    if kind == "toml-front-matter":
        return _parse_toml(text, path)
    if kind == "nikola-comment-metadata":
        return _parse_nikola(text)
    if kind == "pelican-metadata":
        header = _pelican_header(text)
        assert header is not None
        meta, body_line = header
        return Parsed(kind, meta, "\n".join(text.split("\n")[body_line - 1 :]), body_line)
    if kind == "markdown":
        return Parsed(kind, {}, text, 1)
    return Parsed(kind, {}, text, 1, is_markdown=False)


@lru_cache(maxsize=1)
def _string_dates_loader() -> type[yaml.SafeLoader]:
    """YAML without implicit timestamps (dates stay text, parsed with line numbers) and without aliases.

    Front matter never needs `*alias` references, and nested ones expand exponentially
    (the "billion laughs"), so they are refused. Built on first use: a build whose reviews
    all come from the cache never imports PyYAML.
    """
    import yaml

    class StringDatesLoader(yaml.SafeLoader):
        def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()  # type: ignore[no-untyped-call]
                mark: yaml.error.Mark | None = getattr(event, "start_mark", None)
                problem = "aliases ('*name') are not allowed in front matter"
                raise yaml.composer.ComposerError(None, None, problem, mark)
            return super().compose_node(parent, index)

    StringDatesLoader.yaml_implicit_resolvers = {
        key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return StringDatesLoader


def _split_front_matter(text: str, delimiter: str, path: Path) -> tuple[str, str, int]:
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip())
    for end in range(start + 1, len(lines)):
        if lines[end].rstrip() and set(lines[end].rstrip()) == {delimiter}:
            return "\n".join(lines[start + 1 : end]), "\n".join(lines[end + 1 :]), end + 2
    raise ContentError(
        f"the front matter opened with '{delimiter * 3}' on line {start + 1} is never closed: "
        f"add a closing '{delimiter * 3}' line",
        path,
        start + 1,
    )


def _parse_yaml(text: str, path: Path) -> Parsed:
    import yaml
    from frontmatter.default_handlers import YAMLHandler

    if not YAMLHandler().detect(text.lstrip("\n")):
        raise ContentError("front matter must start with '---' on the first line", path, 1)
    front, body, body_line = _split_front_matter(text, "-", path)
    try:
        meta = yaml.load(front, Loader=_string_dates_loader()) or {}
    except RecursionError:
        raise _too_deep("YAML", path) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        raise ContentError(f"invalid YAML front matter ({problem}): fix the syntax", path, line) from None
    if not isinstance(meta, dict):
        raise ContentError("the front matter must be 'key: value' lines (a mapping)", path, 2)
    return Parsed("yaml-front-matter", {str(k): v for k, v in meta.items()}, body, body_line)


def _parse_toml(text: str, path: Path) -> Parsed:
    front, body, body_line = _split_front_matter(text, "+", path)
    try:
        meta = tomllib.loads(front)
    except RecursionError:
        raise _too_deep("TOML", path) from None
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = int(match.group(1)) + 1 if match else None
        raise ContentError(f"invalid TOML front matter ({exc}): fix the syntax", path, line) from None
    return Parsed("toml-front-matter", meta, body, body_line)


def _too_deep(language: str, path: Path) -> ContentError:
    return ContentError(
        f"the {language} front matter is nested too deeply to read: use flat 'key: value' lines", path, 2
    )


def _parse_nikola(text: str) -> Parsed:
    lines = text.split("\n")
    meta: dict[str, Any] = {}
    end = 0
    for index, line in enumerate(lines):
        match = NIKOLA_LINE.match(line)
        if match and match.group(2).strip():
            meta[match.group(1).strip()] = match.group(2).strip()
        if line.strip().endswith("-->"):
            end = index + 1
            break
    if isinstance(meta.get("tags"), str):
        meta["tags"] = [t.strip() for t in meta["tags"].split(",") if t.strip()]
    return Parsed("nikola-comment-metadata", meta, "\n".join(lines[end:]), end + 1)


def _pelican_header(text: str) -> tuple[dict[str, Any], int] | None:
    """Leading `Key: value` lines with a Title key, ended by a blank line."""
    meta: dict[str, Any] = {}
    lines = text.split("\n")
    for index, line in enumerate(lines[:40]):
        if not line.strip():
            return (meta, index + 2) if "title" in {k.lower() for k in meta} and len(meta) >= 2 else None
        match = PELICAN_LINE.match(line)
        if not match:
            return None
        meta[match.group(1).strip()] = match.group(2).strip()
    return None


def build_review(path: Path, parsed: Parsed, settings: ReviewSettings) -> Review:
    meta = _normalise_keys(parsed.meta)
    body, body_line = parsed.body, parsed.body_line
    signed_by = None
    if parsed.is_markdown:
        title, body = _title_for_markdown(meta, body, path)
    else:
        structured = plaintext.structure(body)
        if structured is None:
            raise ContentError("the file has no text: write the review or remove it", path)
        title, body, signed_by = structured.title, structured.markdown, structured.signed_by
    body_meta = _body_metadata(body)
    rendered = render_markdown(body)
    words = len(re.findall(r"\w+", rendered.text))
    return Review(
        path=path,
        format=parsed.format,
        title=title,
        author=_author(meta.get("author")) or body_meta.get("author") or signed_by,
        date=_review_date(meta, body_meta, path, parsed),
        tags=_string_list(meta.get("tags")),
        categories=_string_list(meta.get("categories")),
        description=_text_or_none(meta.get("description")),
        source_url=_web_url(meta.get("source_url")),
        featured=_flag(meta.get("featured")),
        draft=_is_draft(meta),
        body=body,
        slug=slugify(str(meta.get("slug") or title), fallback=slugify(path.stem, "review")),
        html=rendered.html,
        excerpt=_excerpt(body, rendered.text, settings.excerpt_words),
        sections=rendered.sections,
        word_count=words,
        reading_time=max(1, math.ceil(words / settings.words_per_minute)),
        body_line=body_line,
    )


def _normalise_keys(meta: dict[str, Any]) -> dict[str, Any]:
    """Map every dialect's key spelling onto ours ('pubDatetime', 'Created on' -> 'date')."""
    lookup = {alias: ours for ours, aliases in KEY_ALIASES.items() for alias in aliases}
    result: dict[str, Any] = {"_raw": meta}
    for key, value in meta.items():
        canonical = lookup.get(re.sub(r"[\s_-]+", "", key.lower()))
        if canonical is None or value is None or value == "":
            continue
        if canonical == "date" and isinstance(value, bool):  # Jekyll 'published: false'
            result.setdefault("status", "draft" if not value else "published")
            continue
        result.setdefault(canonical, value)
    return result


def _title_for_markdown(meta: dict[str, Any], body: str, path: Path) -> tuple[str, str]:
    """The title key, else the first `#` heading (then taken out of the body)."""
    if title := _text_or_none(meta.get("title")):
        return title, body
    match = re.search(r"^#[ \t]+(.+?)[ \t#]*$", body, re.MULTILINE)
    if match is None or not match.group(1).strip():
        raise ContentError(
            "no title: add a 'title:' line to the front matter or start the text with a '# Title' heading",
            path,
        )
    title = " ".join(clean_text(match.group(1)).split())
    return title, body[: match.start()] + body[match.end() :]


def _body_metadata(body: str) -> dict[str, str]:
    """'Author(s): ...' and 'Last updated: ...' lines near the top of a body."""
    found: dict[str, str] = {}
    for line in [line.strip() for line in body.split("\n") if line.strip()][:8]:
        if match := BODY_AUTHOR.match(line):
            found.setdefault("author", match.group(1).strip())
        elif match := BODY_DATE.match(line):
            found.setdefault("date", match.group(1).strip())
    return found


def _author(value: Any) -> str | None:
    if isinstance(value, dict):
        return _text_or_none(value.get("name"))
    if isinstance(value, list):
        names = [_author(item) for item in value]
        return ", ".join(n for n in names if n) or None
    return _text_or_none(value)


def _string_list(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    return tuple(text for item in items if (text := _text_or_none(item)))


def _text_or_none(value: Any) -> str | None:
    """One line of text from a metadata value; None for nothing, a mapping or a list."""
    if value is None or isinstance(value, dict | list):
        return None
    text = " ".join(clean_text(str(value)).split())
    return text or None


def _web_url(value: Any) -> str | None:
    """An absolute http(s) URL; anything else (a site-relative permalink, a script) is no source."""
    text = _text_or_none(value)
    return text if text and re.match(r"https?://[^\s/]", text, re.IGNORECASE) else None


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return isinstance(value, str) and value.strip().lower() in ("true", "yes", "1")


def _is_draft(meta: dict[str, Any]) -> bool:
    status = str(meta.get("status", "")).strip().lower()
    return _flag(meta.get("draft")) or status in ("draft", "hidden", "unpublished")


def _review_date(
    meta: dict[str, Any], body_meta: dict[str, str], path: Path, parsed: Parsed
) -> datetime | None:
    raw = meta.get("date") or body_meta.get("date")
    if raw is not None:
        return parse_date(raw, path, _line_of(parsed, str(raw)))
    for value in meta["_raw"].values():
        if isinstance(value, str) and (match := PATH_DATE.search(value)):
            return _date_from_parts(match, path)
    if match := FILENAME_DATE.search(path.name):
        return _date_from_parts(match, path)
    return None


def _line_of(parsed: Parsed, needle: str) -> int | None:
    """The line of the file's header where a value is written, for error messages."""
    header = parsed.source.split("\n")[: max(parsed.body_line - 1, 12)]
    return next((i + 1 for i, line in enumerate(header) if needle in line), None)


def _date_from_parts(match: re.Match[str], path: Path) -> datetime:
    return parse_date("-".join(match.groups()), path, None)


def parse_date(value: Any, path: Path, line: int | None) -> datetime:
    """A timezone-aware datetime from any date spelling blogs use; naive ones are taken as UTC."""
    text = " ".join(str(value).split())
    parsed = _as_datetime(value, text)
    if parsed is None:
        raise ContentError(
            f"'{text}' is not a valid date: write it as YYYY-MM-DD (or an ISO 8601 date and time)",
            path,
            line,
        )
    aware = parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    try:
        aware.astimezone(UTC)  # the feeds write every date in UTC
    except OverflowError:
        raise ContentError(
            f"'{text}' is out of range (it falls outside years 1 to 9999 in UTC): check the year",
            path,
            line,
        ) from None
    return aware


def _as_datetime(value: Any, text: str) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time())
    return _parse_date_text(text)


def _parse_date_text(text: str) -> datetime | None:
    candidate = re.sub(r"\s+(UTC|GMT|Z)$", "+00:00", text)
    candidate = re.sub(r"(\d)Z$", r"\1+00:00", candidate)
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        pass
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    try:
        from email.utils import parsedate_to_datetime  # RFC 2822 dates are rare: load on use

        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _excerpt(body: str, visible_text: str, limit: int) -> str:
    """The text before a `<!--more-->` marker, else the opening words, cut at a word boundary."""
    marker = MORE_MARKER.search(body)
    source = render_markdown(body[: marker.start()]).text if marker else visible_text
    words = source.split()
    if len(words) <= limit:
        return " ".join(words)
    cut = " ".join(words[:limit]).rstrip(",;:—-")
    return cut + "…"
