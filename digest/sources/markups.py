"""Review files written outside Markdown's front-matter world, each read into a `Header`:

- AsciiDoc: a `= Title` line, then the author line, the revision line (its date) and
  `:name: value` attribute entries, up to the first blank line (the AsciiDoc document header).
- Zim wiki pages: a `Content-Type: text/x-zim-wiki` header (with `Creation-Date:`), a blank
  line, then the page whose first `====== Heading ======` is its title.
- Kirby content files: `Field: value` sections separated by `----` lines; the `Text` field is
  the body (Kirby's blocks, JSON holding HTML, are unwrapped).
- Lektor content files (`contents.lr`): one `key: value` field a section, sections separated by
  `---` lines; the `body` field is the body.
- HTML posts (Pelican's and Nikola's HTML readers): `<title>` and `<meta name=... content=...>`
  tags hold the metadata, in a whole document or as `<meta>` lines opening a fragment.

Section headings are written as Markdown headings, so that the outline survives; the rest of
the markup is left as written.
"""

from __future__ import annotations

import json
import re
import textwrap
from typing import Any

from digest.errors import ContentError
from digest.render.html import too_many_attributes
from digest.sources.dates import read_date
from digest.sources.headers import Header

ASCIIDOC_TITLE = re.compile(r"^=[ \t]+(\S.*?)[ \t]*$")
ASCIIDOC_ATTRIBUTE = re.compile(r"^:(!?\w[\w-]*!?):(?:[ \t]+(.*?))?[ \t]*$")
ASCIIDOC_SECTION = re.compile(r"^(={2,6})[ \t]+(\S.*?)[ \t]*$", re.MULTILINE)
ASCIIDOC_TAG_KEYS = ("tags", "page-tags", "awestruct-tags", "keywords")
EMAIL = re.compile(r"[ \t]*<[^<>@\s]+@[^<>\s]+>")
REVISION = re.compile(r"^(?:v?\d[\w.-]*[ \t]*,[ \t]*)?([^:]+?)(?:[ \t]*:.*)?$")

ZIM_SIGN = re.compile(r"^Content-Type:[ \t]*text/x-zim-wiki[ \t]*$", re.IGNORECASE)
ZIM_HEADING = re.compile(r"^(={2,6})[ \t]*(\S.*?)[ \t]*\1[ \t]*$", re.MULTILINE)
ZIM_HEADER_LINE = re.compile(r"^([A-Za-z][\w-]*):[ \t]*(.*?)[ \t]*$")

KIRBY_SEPARATOR = re.compile(r"^----[ \t]*$", re.MULTILINE)
KIRBY_FIELD = re.compile(r"^([A-Za-z][\w-]*):[ \t]*(.*)$", re.DOTALL)
KIRBY_LIST_KEYS = {"tags", "categories", "keywords"}

LEKTOR_SEPARATOR = re.compile(r"^---[ \t]*$", re.MULTILINE)
LEKTOR_FIELD = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
LEKTOR_ESCAPED_RULE = re.compile(r"^-(-{3,}[ \t]*)$", re.MULTILINE)  # a value's `---`, written `----`

HTML_START = re.compile(r"^\s*(?:<!doctype html|<html[\s>]|<head[\s>]|<meta[ \t]+name=)", re.IGNORECASE)
META_LINE = re.compile(r"^[ \t]*<meta[ \t][^>]*>[ \t]*$", re.IGNORECASE)
HTML_LIST_KEYS = {"tags", "keywords", "category", "categories"}


# --- AsciiDoc ------------------------------------------------------------------------------


def asciidoc_header(text: str) -> Header | None:
    """The AsciiDoc document header opening `text`: title, author and revision lines, attributes."""
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip() and not line.startswith("//")), None)
    if first is None or not (match := ASCIIDOC_TITLE.match(lines[first])):
        return None
    meta: dict[str, Any] = {"title": match.group(1)}
    attributes: dict[str, str] = {}
    plain: list[str] = []
    end = first + 1
    while end < len(lines) and lines[end].strip():
        line = lines[end]
        if attribute := ASCIIDOC_ATTRIBUTE.match(line):
            attributes[attribute.group(1).lower()] = attribute.group(2) or ""
        elif not line.startswith("//"):
            plain.append(line.strip())
        end += 1
    meta.update(_author_and_revision(plain))
    meta.update(_asciidoc_attributes(attributes))
    page = "\n".join(lines[end + 1 :])
    body = ASCIIDOC_SECTION.sub(lambda m: "#" * len(m.group(1)) + " " + m.group(2), page)
    return Header(meta, body, end + 2)


def _author_and_revision(plain: list[str]) -> dict[str, Any]:
    """The author line and the revision line under the title; a lone line that reads as a date
    is the revision."""
    meta: dict[str, Any] = {}
    if plain and read_date(_revision_date(plain[0])) is None:
        meta["author"] = ", ".join(
            name for part in plain.pop(0).split(";") if (name := EMAIL.sub("", part).strip())
        )
    if plain and read_date(date := _revision_date(plain[0])) is not None:
        meta["date"] = date
    return meta


def _revision_date(line: str) -> str:
    """`v1.0, 2013-06-03: a remark` -> `2013-06-03`; a bare date stays as it is."""
    match = REVISION.match(line)
    return match.group(1).strip() if match else line


def _asciidoc_attributes(attributes: dict[str, str]) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    if attributes.get("revdate"):
        meta["date"] = attributes["revdate"]
    if attributes.get("author"):
        meta["author"] = attributes["author"]
    if attributes.get("description"):
        meta["description"] = attributes["description"]
    for key in ASCIIDOC_TAG_KEYS:
        if tags := _word_list(attributes.get(key, "")):
            meta["tags"] = tags
            break
    return meta


def _word_list(value: str) -> list[str]:
    """`[a, b]` or `a, b` -> ['a', 'b']."""
    return [item.strip(" '\"") for item in value.strip().strip("[]").split(",") if item.strip(" '\"")]


# --- Zim --------------------------------------------------------------------------------------


def zim_header(text: str) -> Header | None:
    """A Zim wiki page: its header (`Creation-Date:` is the date), then the page, whose first
    heading of the highest level is the title."""
    lines = text.split("\n")
    if not lines or not ZIM_SIGN.match(lines[0].strip()):
        return None
    meta: dict[str, Any] = {}
    end = 0
    while end < len(lines) and lines[end].strip():
        if field := ZIM_HEADER_LINE.match(lines[end].strip()):
            meta[field.group(1)] = field.group(2)
        end += 1
    page = "\n".join(lines[end + 1 :])
    title = _zim_title(page)
    if title is not None:
        meta["title"], page = title
    body = ZIM_HEADING.sub(lambda m: "#" * (7 - len(m.group(1))) + " " + m.group(2), page)
    return Header(meta, body, end + 2)


def _zim_title(page: str) -> tuple[str, str] | None:
    """The first heading with the most `=` marks (Zim's level 1 has six), and the page without it."""
    headings = list(ZIM_HEADING.finditer(page))
    if not headings:
        return None
    top = max(len(match.group(1)) for match in headings)
    chosen = next(match for match in headings if len(match.group(1)) == top)
    return chosen.group(2), page[: chosen.start()] + page[chosen.end() :]


# --- Kirby -------------------------------------------------------------------------------------


def kirby_fields(text: str) -> Header | None:
    """A Kirby content file: `Field: value` sections between `----` lines, with a Title; the Text
    field is the body."""
    if "----" not in text:  # the quick test: the pattern, tried at each character, is 40 times slower
        return None
    sections = KIRBY_SEPARATOR.split(text)
    if len(sections) < 2:
        return None
    meta: dict[str, Any] = {}
    for section in sections:
        if not section.strip():
            continue
        if not (field := KIRBY_FIELD.match(section.strip())):
            return None
        meta[field.group(1)] = field.group(2).strip()
    keys = {key.lower(): key for key in meta}
    if "title" not in keys:
        return None
    body = _kirby_text(str(meta.pop(keys["text"], ""))) if "text" in keys else ""
    body_line = _line_of_field(text, keys.get("text"))
    for key in list(meta):
        if key.lower() in KIRBY_LIST_KEYS and isinstance(meta[key], str):
            meta[key] = [item.strip() for item in meta[key].split(",") if item.strip()]
    return Header(meta, body, body_line)


def lektor_fields(text: str) -> Header | None:
    """A Lektor content file: sections between `---` lines, each one field, `key: value` on its
    line or `key:` with the value on the lines after it (one blank line between), with a title;
    the `body` field is the body. A list field (`tags`) holds one item a line."""
    if "\n---" not in text:  # the quick test
        return None
    meta: dict[str, Any] = {}
    lines_before: dict[str, int] = {}
    start = 0
    for separator in [*LEKTOR_SEPARATOR.finditer(text), None]:
        end = separator.start() if separator else len(text)
        section = text[start:end]
        if section.strip():
            if (field := _lektor_field(section)) is None:
                return None
            meta[field[0]] = field[1]
            lines_before[field[0]] = text.count("\n", 0, start) + field[2]
        start = separator.end() + 1 if separator else end
    if len(meta) < 2 or "title" not in meta:
        return None
    body = str(meta.pop("body", ""))
    return Header(meta, body, lines_before.get("body", 0) + 1)


def _lektor_field(section: str) -> tuple[str, Any, int] | None:
    """One section's key, value and the count of lines before its value; None for a section
    that is not one field (a second key under a one-line value, or text without a key)."""
    lines = section.split("\n")
    skipped = next((i for i, line in enumerate(lines) if line.strip()), 0)
    field = LEKTOR_FIELD.match(lines[skipped])
    if field is None:
        return None
    key, first, rest = field.group(1), field.group(2), lines[skipped + 1 :]
    if first:
        return (key, first, skipped) if not "".join(rest).strip() else None
    if rest and not rest[0].strip():  # the blank line Lektor writes under `key:`
        rest, skipped = rest[1:], skipped + 1
    value = LEKTOR_ESCAPED_RULE.sub(r"\1", "\n".join(rest).rstrip())
    if key.lower() in KIRBY_LIST_KEYS:
        return key, [line.strip() for line in value.split("\n") if line.strip()], skipped + 1
    return key, value, skipped + 1


def _kirby_text(value: str) -> str:
    """Kirby's text: KirbyText as written, or, for the blocks editor's JSON, each block's content."""
    try:
        blocks = json.loads(value)
    except ValueError:
        return value
    if not isinstance(blocks, list):
        return value
    return "\n\n".join(part for block in blocks if (part := _block_text(block)))


def _block_text(block: Any) -> str:
    if not isinstance(block, dict) or block.get("isHidden") is True:
        return ""
    content = block.get("content")
    if not isinstance(content, dict):
        return ""
    return "\n\n".join(
        str(value).strip() for value in content.values() if isinstance(value, str) and value.strip()
    )


def _line_of_field(text: str, key: str | None) -> int:
    if key is None:
        return 1
    match = re.search(rf"^{re.escape(key)}:", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 1


# --- HTML posts ----------------------------------------------------------------------------------


def html_post(text: str) -> Header | None:
    """An HTML post: `<title>` and `<meta name=...>` hold the metadata; the body is the
    document's `<body>`, or, for a fragment of `<meta>` lines, the text after them."""
    if not HTML_START.match(text):
        return None
    import lxml.html  # only for HTML posts

    lines = text.split("\n")
    leading = 0
    while leading < len(lines) and (META_LINE.match(lines[leading]) or not lines[leading].strip()):
        leading += 1
    fragment = leading > 0 and not re.match(r"^\s*<(?:!doctype|html|head)", text, re.IGNORECASE)
    head = "\n".join(lines[:leading]) if fragment else text
    if crowded := too_many_attributes(head):
        raise ContentError(crowded[0], None, crowded[1])
    try:
        document = lxml.html.document_fromstring(head or "<html></html>")
    except lxml.etree.ParserError:  # `<!doctype html` and nothing after it: no document at all
        return None
    meta = _html_meta(document)
    if not meta.get("title"):
        return None
    if fragment:
        return Header(meta, "\n".join(lines[leading:]), leading + 1)
    return _html_document_body(document, meta, text)


def _html_meta(document: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    for element in document.iter("meta"):
        name, content = (element.get("name") or "").strip().lower(), (element.get("content") or "").strip()
        if name and content and name not in meta:
            meta[name] = _word_list(content) if name in HTML_LIST_KEYS else content
    if "keywords" in meta and "tags" not in meta:  # Pelican's HTML reader reads them as the tags
        meta["tags"] = meta["keywords"]
    title = document.find(".//title")
    if title is not None and (text := " ".join(title.text_content().split())):
        meta["title"] = text
    return meta


def _html_document_body(document: Any, meta: dict[str, Any], text: str) -> Header:
    import lxml.html

    body = document.find(".//body")
    if body is None:
        return Header(meta, "", text.count("\n") + 1)
    inner = (body.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in body)
    match = re.search(r"<body[^>]*>", text, re.IGNORECASE)
    line = text.count("\n", 0, match.end()) + 1 if match else 1
    return Header(meta, textwrap.dedent(inner).strip("\n"), line)
