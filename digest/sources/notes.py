"""Posts and notes from tools that keep their metadata outside Markdown front matter:

- Org-mode: `#+TITLE:`, `#+DATE:`, `#+AUTHOR:`, `#+FILETAGS:` keyword lines opening the file
  (after blank lines, `#` comments or a `:PROPERTIES:` drawer); the outline (`* Heading`),
  `#+BEGIN_SRC` blocks and `[[target][text]]` links are written as Markdown.
- Outliner page properties (Logseq, and Obsidian's inline fields): `key:: value` lines opening
  the page; `[[Page]]` links in a value are their text.
- Front matter in a fenced code block opening the file, tagged with its language
  (```` ```toml ````, ```` ```yaml ````, ```` ```ini ````), as PuGo writes it; or, without a
  title, over the H1 that titles the text and with a date, perhaps in a table holding the
  fields (RustSec's advisories: ```` ```toml ```` `[advisory]` ... `date = "..."`).
- A `Key: value` header indented as a whole (Frog writes its metadata block indented four
  spaces, a code block to a Markdown reader); read as the unindented header would be.
- ikiwiki directives anywhere in the page: `[[!meta title="..."]]`, `date`, `author`, and
  `[[!tag a b]]`; they leave the body.
- JSON front matter: an object opening the file (Hugo: `{` ... `}`) or JSON members closed by
  a `;;;` line (Hexo).
- Pandoc's title block: `% Title`, `% Author; Author`, `% Date` lines opening the file.
- JBake's header: `key=value` lines opening the file, closed by a line of tildes (`~~~~~~`);
  `tags=` a comma-separated list, `status=draft` a draft.

Wiki engines and note tools (ikiwiki, Obsidian, Logseq, Org without a `#+TITLE`) name a page
by its file when the page names nothing: `page_name` is that name, for the readers to use
when a text has no title of its own.
"""

from __future__ import annotations

import bisect
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from digest.errors import ContentError
from digest.sources.dates import read_date
from digest.sources.headers import HEADER_LINE, MAX_HEADER_LINES, Header, front_matter, key_value_header

ORG_KEYWORD = re.compile(r"^#\+([A-Za-z][\w-]*):[ \t]*(.*?)[ \t]*$")
ORG_COMMENT = re.compile(r"^#(?:[ \t].*)?$")
ORG_DRAWER_START = re.compile(r"^[ \t]*:PROPERTIES:[ \t]*$", re.IGNORECASE)
ORG_DRAWER_END = re.compile(r"^[ \t]*:END:[ \t]*$", re.IGNORECASE)
ORG_HEADING = re.compile(r"^(\*+)[ \t]+(\S.*)$")
ORG_BLOCK = re.compile(r"^[ \t]*#\+(BEGIN|END)_(\w+)[ \t]*(\S*).*$", re.IGNORECASE)
ORG_LINK = re.compile(r"\[\[([^\[\]\n]+)\](?:\[([^\[\]\n]*)\])?\]")
ORG_CODE = re.compile(r"(?<![\w~=])[~=]([^\s~=](?:[^\n~=]*[^\s~=])?)[~=](?![\w~=])")
ORG_KEYS = {
    "title": "title", "date": "date", "author": "author", "email": "email", "description": "description",
    "subtitle": "subtitle", "filetags": "tags", "tags": "tags", "hugo_tags": "tags", "keywords": "keywords",
    "hugo_categories": "categories", "category": "categories", "language": "language",
    "hugo_draft": "draft", "draft": "draft",
}  # fmt: skip
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")

PROPERTY = re.compile(r"^([A-Za-z][\w-]*)::[ \t]*(.*?)[ \t]*$")
PAGE_LINK = re.compile(r"\[\[([^\[\]\n]+)\]\]")
PROPERTY_LIST_KEYS = {"tags", "alias", "aliases", "categories", "category"}

FENCE_OPEN = re.compile(r"^(`{3,}|~{3,})[ \t]*(toml|ya?ml|ini)[ \t]*$", re.IGNORECASE)
LOOSE_PAIR = re.compile(r"^([A-Za-z][\w.-]*)[ \t]*[=:][ \t]*(.*?)[ \t]*$")
H1_LINE = re.compile(r"#[ \t]+\S")
JBAKE_FIELD = re.compile(r"^([A-Za-z][\w.-]*)=(.*)$")
JBAKE_SEPARATOR = re.compile(r"^~{3,}[ \t]*$")
JBAKE_LIST_KEYS = {"tags"}

IKIWIKI_DIRECTIVE = re.compile(
    # bounded, and never across '[': an unfinished directive costs its own length, not the file's
    r"\[\[!(meta|tag|taglink)[ \t]+"
    r"((?:[^\[\]\"]|\"\"\"(?:(?!\"\"\").){0,4000}\"\"\"|\"[^\"]{0,4000}\")*+)\]\]",
    re.DOTALL,
)
IKIWIKI_PARAMETER = re.compile(r"(\w+)=(?:\"\"\"(.*?)\"\"\"|\"([^\"]*)\"|(\S+))", re.DOTALL)
IKIWIKI_META_KEYS = {"title", "date", "author", "description", "updated"}

HEXO_JSON_CLOSER = re.compile(r"^;;;[ \t]*$")
PANDOC_LINE = re.compile(r"^%(?:[ \t]+(.*?))?[ \t]*$")
PANDOC_FIELDS = 3  # title, authors, date

# `[[Page]]`, `[[text|Page]]`; never `[[ -f x ]]` (a shell test), `[[!directive]]` or Org's `[[a][b]]`.
WIKI_LINK = re.compile(r"(?<!\[)\[\[(?![\s!])[^\[\]\n]+(?<!\s)\]\](?![\[(])")
# The same, with its inside, when shown as text: never an embed (`![[picture.png]]`), which shows the
# file it names.
WIKI_LINK_INSIDE = re.compile(r"(?<![\[!])\[\[(?![\s!])([^\[\]\n]+)(?<!\s)\]\](?![\[(])")
WEB_ADDRESS = re.compile(r"^https?://\S+$")
POSIX_CLASS = re.compile(r":[a-z]+:")
# The lines of a code block (fenced or indented, in a list or a quote) or of raw HTML (a <pre>),
# as cmark's source positions give them. A raw HTML block ending on a line that closes it
# (</pre>, -->) is given as ending a line before it (0:0 for one line): it takes one line more.
CODE_BLOCK_LINES = re.compile(r'<(code_block|html_block) sourcepos="(\d+):\d+-(\d+):\d+"')
CODE_SPAN = re.compile(r"(`+)[^`](?:(?!\n[ \t]*\n).)*?\1", re.DOTALL)
NOTE_SUFFIXES = (".md", ".markdown", ".txt", ".org", ".wiki")
PAGE_SUFFIXES = {".md", ".markdown", ".mdwn", ".mdown", ".txt", ".org", ".text", ".wiki", ".mkd"}
GENERIC_NAMES = {"index", "_index", "readme", "content", "contents"}


# --- Org-mode ------------------------------------------------------------------------------------


# Org files open with many keyword lines (#+LATEX_HEADER, #+OPTIONS...), but a header, not a file of them.
ORG_HEADER_LINES = 500


def org_header(text: str) -> Header | None:
    """Org's in-buffer keywords opening the file (`#+TITLE: ...`); the rest as Markdown."""
    if text.lstrip()[:1] not in ("#", ":"):  # every reader here looks at the opening first: cheap
        return None
    lines = text.split("\n")
    meta: dict[str, Any] = {}
    index = 0
    in_drawer = False
    while index < min(len(lines), ORG_HEADER_LINES):
        line = lines[index]
        if in_drawer:
            in_drawer = not ORG_DRAWER_END.match(line)
        elif ORG_DRAWER_START.match(line) and not meta:
            in_drawer = True
        elif keyword := ORG_KEYWORD.match(line):
            _org_keyword(meta, keyword.group(1).lower(), keyword.group(2))
        elif line.strip() and not ORG_COMMENT.match(line):
            break
        index += 1
    if not meta:
        return None
    return Header(meta, org_to_markdown("\n".join(lines[index:])), index + 1)


def opens_with_org_keywords(body: str) -> bool:
    """Whether a text (a body under front matter) opens with Org keyword lines (`#+OPTIONS:`)."""
    first = next((line for line in body.split("\n", 20)[:20] if line.strip()), "")
    return ORG_KEYWORD.match(first) is not None


def _org_keyword(meta: dict[str, Any], key: str, value: str) -> None:
    ours = ORG_KEYS.get(key)
    if ours is None or not value:
        meta.setdefault("_org", {})[key] = value
        return
    if ours in ("tags", "keywords", "categories"):
        words = [word for word in re.split(r"[:,\s]+", value) if word]
        meta.setdefault(ours, []).extend(words)
    elif ours == "author" and "author" in meta:
        meta["author"] = f"{meta['author']}, {value}"
    else:
        meta.setdefault(ours, value)


def org_to_markdown(body: str) -> str:
    """Org's outline, blocks and links as Markdown; other `#+` lines (options, captions) dropped.
    A block ends only at the `#+END_` of its own kind, and code keeps every line as written."""
    out: list[str] = []
    kind: str | None = None  # of the open block
    code: list[str] | None = None  # the open source or example block's lines
    language = ""
    for line in body.split("\n"):
        block = ORG_BLOCK.match(line)
        if kind is None and block and block.group(1).upper() == "BEGIN":
            kind = block.group(2).upper()
            language = block.group(3) if kind == "SRC" else ""
            code = [] if kind in ("SRC", "EXAMPLE") else None
            continue
        if kind is not None and block and block.group(1).upper() == "END" and block.group(2).upper() == kind:
            if code is not None:
                out.extend(_fenced(code, language))
            kind, code = None, None
            continue
        if code is not None:
            code.append(line)
            continue
        if ORG_KEYWORD.match(line) or ORG_DRAWER_START.match(line) or ORG_DRAWER_END.match(line):
            continue
        line = ORG_HEADING.sub(
            lambda m: "#" * min(len(m.group(1)) + 1, 6) + " " + m.group(2), _org_inline(line)
        )
        out.append(f"> {line}" if kind == "QUOTE" else line)
    if code is not None:  # a block left open runs to the end, as Org shows it
        out.extend(_fenced(code, language))
    return "\n".join(out)


def _fenced(lines: list[str], language: str) -> list[str]:
    """A Markdown code block whose fence is longer than any run of backticks inside it."""
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence + language, *lines, fence]


def _org_inline(line: str) -> str:
    def link(match: re.Match[str]) -> str:
        target, text = match.group(1), match.group(2)
        address = target.removeprefix("file:")
        if text is None and address.lower().endswith(IMAGE_SUFFIXES):
            return f"![]({address})"
        return f"[{text or address}]({address})"

    return ORG_CODE.sub(r"`\1`", ORG_LINK.sub(link, line))


# --- outliner page properties ---------------------------------------------------------------------


def page_properties(text: str) -> Header | None:
    """`key:: value` lines opening a page (Logseq's page properties, Obsidian's inline fields)."""
    if not PROPERTY.match(text[: text.find("\n")] if "\n" in text else text):
        return None
    lines = text.split("\n")
    meta: dict[str, Any] = {}
    index = 0
    while index < min(len(lines), MAX_HEADER_LINES) and (match := PROPERTY.match(lines[index])):
        key, value = match.group(1).lower(), match.group(2)
        if value:
            meta.setdefault(key, _property_value(key, value))
        index += 1
    if not meta or (
        index < len(lines) and lines[index].strip() and not lines[index].lstrip().startswith("-")
    ):
        return None
    return Header(meta, "\n".join(lines[index:]), index + 1)


def _property_value(key: str, value: str) -> Any:
    if key in PROPERTY_LIST_KEYS:
        return [item for part in value.split(",") if (item := _unlinked(part).strip().lstrip("#"))]
    return _unlinked(value)


def _unlinked(value: str) -> str:
    return PAGE_LINK.sub(r"\1", value).strip()


# --- front matter in a fence ---------------------------------------------------------------------


def fenced_front_matter(text: str) -> Header | None:
    """Front matter written as the file's first fenced code block, tagged with its language."""
    if text.lstrip()[:3] not in ("```", "~~~"):
        return None
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or not (opening := FENCE_OPEN.match(lines[first])):
        return None
    marker, language = opening.group(1), opening.group(2).lower()
    end = next(
        (
            i
            for i in range(first + 1, min(len(lines), first + MAX_HEADER_LINES))
            if lines[i].strip() == marker
        ),
        None,
    )
    if end is None:
        return None
    meta = _fenced_meta("\n".join(lines[first + 1 : end]), language)
    body = "\n".join(lines[end + 1 :])
    if meta is not None and not any(str(key).lower() == "title" for key in meta):
        # Titled by the H1 under it (RustSec's advisories): then it must give a date.
        meta = _dated(meta) if H1_LINE.match(body.lstrip("\n")) else None
    if meta is None:
        return None
    return Header(meta, body, end + 2)


def _dated(meta: dict[str, Any]) -> dict[str, Any] | None:
    """Metadata with a date, at the top or in a table holding the document's fields (RustSec's
    `[advisory]`), whose fields then count as the document's own; else None."""
    if any(str(key).lower() == "date" for key in meta):
        return meta
    table = next(
        (
            value
            for value in meta.values()
            if isinstance(value, dict) and any(str(key).lower() == "date" for key in value)
        ),
        None,
    )
    if table is None:
        return None
    # An advisory's free-form `keywords` are its tags (RustSec's `categories` are a fixed list).
    tags = {"tags": table["keywords"]} if "keywords" in table and "tags" not in table else {}
    return {**table, **tags, **meta}


def _fenced_meta(inner: str, language: str) -> dict[str, Any] | None:
    kind = "yaml" if language.startswith("y") else "toml"
    delimiter = "---" if kind == "yaml" else "+++"
    try:
        return front_matter(f"{delimiter}\n{inner}\n{delimiter}\n", Path("-"), kind).meta
    except ContentError:
        if language != "ini":
            return None
    return _ini_pairs(inner)


def _ini_pairs(inner: str) -> dict[str, Any] | None:
    """INI-style `key = value` lines (quotes taken off; `;` and `#` lines are comments)."""
    meta: dict[str, Any] = {}
    for line in inner.split("\n"):
        if not line.strip() or line.lstrip().startswith((";", "#", "[")):
            continue
        if not (pair := LOOSE_PAIR.match(line.strip())):
            return None
        meta[pair.group(1)] = pair.group(2).strip("\"'")
    return meta or None


# --- an indented header ----------------------------------------------------------------------------


def indented_header(text: str) -> Header | None:
    """A `Key: value` header whose lines are all indented alike (Frog's metadata block)."""
    if text[:1] not in (" ", "\t"):
        return None
    lines = text.split("\n")
    indent = re.match(r"[ \t]+", lines[0]) if lines else None
    if indent is None:
        return None
    prefix = indent.group(0)
    end = 0
    while end < min(len(lines), MAX_HEADER_LINES) and lines[end].startswith(prefix) and lines[end].strip():
        end += 1
    header = [line[len(prefix) :] for line in lines[:end]]
    if not header or not all(HEADER_LINE.match(line) or line[:1] in " \t" for line in header):
        return None
    found = key_value_header("\n".join([*header, "", ""]))
    if found is None:
        return None
    return Header(found.meta, "\n".join(lines[end + 1 :]), end + 2)


# --- ikiwiki directives ----------------------------------------------------------------------------


def ikiwiki_directives(text: str) -> Header | None:
    """`[[!meta key="value"]]` and `[[!tag ...]]` directives anywhere in a page; a page with
    none of title, date or author is not read here."""
    if "[[!" not in text:
        return None
    shown = _outside_code(text)  # a directive in a code block or span is an example, not metadata
    meta: dict[str, Any] = {}
    for match in shown:
        if match.group(1) == "meta":
            for parameter in IKIWIKI_PARAMETER.finditer(match.group(2)):
                key = parameter.group(1).lower()
                value = next(v for v in parameter.groups()[1:] if v is not None)
                if key in IKIWIKI_META_KEYS:
                    meta.setdefault(key, value.strip())
        else:
            tags = [word.strip('"') for word in match.group(2).split() if "=" not in word]
            meta.setdefault("tags", []).extend(tags)
    if not {"title", "date", "author"} & set(meta):
        return None
    return Header(meta, _without(text, shown), 1)


def _without(text: str, matches: list[re.Match[str]]) -> str:
    """`text` with the matches (in order, not overlapping) cut out, in one pass."""
    kept, position = [], 0
    for match in matches:
        kept.append(text[position : match.start()])
        position = match.end()
    kept.append(text[position:])
    return "".join(kept)


def _outside_code(text: str) -> list[re.Match[str]]:
    from digest.sources.templates import CODE_SPAN
    from digest.sources.titles import code_lines

    in_code = code_lines(text)
    spans = [(m.start(), m.end()) for m in CODE_SPAN.finditer(text)]
    line_starts = [0, *(i + 1 for i, c in enumerate(text) if c == "\n")]

    def is_code(match: re.Match[str]) -> bool:
        line = bisect.bisect_right(line_starts, match.start())
        return line in in_code or any(start <= match.start() < end for start, end in spans)

    return [match for match in IKIWIKI_DIRECTIVE.finditer(text) if not is_code(match)]


# --- JSON front matter -------------------------------------------------------------------------------


def json_front_matter(text: str) -> Header | None:
    """A JSON object opening the file (Hugo), or JSON members up to a `;;;` line (Hexo); with a title."""
    lead = len(text) - len(text.lstrip())
    if text[lead : lead + 1] == "{":
        try:
            meta, end = json.JSONDecoder().raw_decode(text, lead)
        except (ValueError, RecursionError):  # nested past the parser's depth: no front matter
            return None
    else:
        found = _hexo_json(text)
        if found is None:
            return None
        meta, end = found
    if not isinstance(meta, dict) or not any(str(key).lower() == "title" for key in meta):
        return None
    rest = text[end:]
    body = rest.split("\n", 1)[1] if "\n" in rest else ""
    return Header(meta, body, text.count("\n", 0, end) + 2)


def _hexo_json(text: str) -> tuple[Any, int] | None:
    if ";;;" not in text[:8000]:
        return None
    lines = text.split("\n")
    start = 1 if lines and HEXO_JSON_CLOSER.match(lines[0]) else 0
    limit = min(len(lines), MAX_HEADER_LINES)
    closer = next((i for i in range(start, limit) if HEXO_JSON_CLOSER.match(lines[i])), None)
    if closer is None or closer == start:
        return None
    try:
        meta = json.loads("{" + "\n".join(lines[start:closer]) + "}")
    except ValueError:
        return None
    return meta, len("\n".join(lines[:closer])) + 1 + len(lines[closer])


# --- Pandoc's title block ------------------------------------------------------------------------------


def pandoc_title_block(text: str) -> Header | None:
    """`% Title`, `% Author; Author`, `% Date` opening the file (a field may be left empty with
    a bare `%`, and an indented line continues a field); a date Pandoc would print as text
    ("Spring 2020") is left out."""
    lines = text.split("\n")
    if not lines or not lines[0].startswith("% "):
        return None
    fields: list[str] = []
    index = 0
    while index < len(lines) and len(fields) < PANDOC_FIELDS and (match := PANDOC_LINE.match(lines[index])):
        fields.append(match.group(1) or "")
        index += 1
        while index < len(lines) and lines[index][:1] in (" ", "\t") and lines[index].strip():
            fields[-1] = f"{fields[-1]} {lines[index].strip()}".strip()
            index += 1
    if index < len(lines) and lines[index].strip():
        return None
    title, authors, when = [*fields, "", ""][:PANDOC_FIELDS]
    if not title:
        return None
    meta: dict[str, Any] = {"title": title}
    if names := [name.strip() for name in authors.split(";") if name.strip()]:
        meta["author"] = ", ".join(names)
    if when and read_date(when) is not None:
        meta["date"] = when
    return Header(meta, "\n".join(lines[index:]), index + 1)


def jbake_header(text: str) -> Header | None:
    """JBake's `title=...`, `date=...`, `tags=a,b`, `status=...` lines opening the file, each a
    line of its own, the last followed by a line of tildes; values as written, trimmed."""
    lines = text.split("\n", MAX_HEADER_LINES + 1)
    meta: dict[str, Any] = {}
    for index, line in enumerate(lines[: MAX_HEADER_LINES + 1]):
        if meta and JBAKE_SEPARATOR.match(line):
            if not meta.keys() & {"title", "type", "status"}:
                return None
            return Header(meta, "\n".join(text.split("\n")[index + 1 :]), index + 2)
        if (match := JBAKE_FIELD.match(line.rstrip("\r"))) is None:
            return None
        key, value = match.group(1).lower(), match.group(2).strip()
        listed = [item.strip() for item in value.split(",") if item.strip()]
        meta[key] = listed if key in JBAKE_LIST_KEYS else value
    return None


# --- a page named by its file -----------------------------------------------------------------------


def has_wiki_links(text: str) -> bool:
    """Whether a text links pages as wikis do (`[[Page]]`, `[[text|Page]]`)."""
    return "[[" in text and WIKI_LINK.search(text) is not None  # the test first: 20 times faster


def wiki_links_as_text(text: str) -> tuple[str, int]:
    """A note's `[[wiki links]]` as a reader of the digest sees them, and how many: the notes they
    name are the writer's, not pages of the digest, so each is its text (Foam's autogenerated link
    reference definitions would otherwise make `[[todo]]` a bracketed link to `../todo.md`). Code
    blocks and code spans are left as written."""
    count = 0

    def shown(match: re.Match[str]) -> str:
        nonlocal count
        if POSIX_CLASS.fullmatch(match.group(1)):  # `[[:space:]]` in a pattern, no link
            return match.group(0)
        count += 1
        return _wiki_link_text(match.group(1))

    pieces: list[str] = []
    for part, is_code in _code_blocks(text):
        if is_code:
            pieces.append(part)
            continue
        position = 0
        for span in CODE_SPAN.finditer(part):
            pieces.append(WIKI_LINK_INSIDE.sub(shown, part[position : span.start()]))
            pieces.append(span.group(0))
            position = span.end()
        pieces.append(WIKI_LINK_INSIDE.sub(shown, part[position:]))
    return "".join(pieces), count


# Foam's and Obsidian's inline tag: '#' after a space, a bracket or the line's start, then
# letters, digits, '_', '-' and '/' (nesting); at least one of them no digit ('#1984' is no tag).
INLINE_TAG = re.compile(r"(?<![^\s(\[,;])#([\w/-]*[^\W\d][\w/-]*)")
# A '#' opening a link's target, a heading of the note to go to: a Markdown link's `](#results)`,
# a reference definition's `[r]: #results`, a wiki link's `[[#Results]]`.
TARGET_HASH = re.compile(r"(?:\]\([ \t]*<?|^ {0,3}\[[^\]\n]{1,999}\]:[ \t]*<?|\[\[)#", re.MULTILINE)


# Foam's block of link reference definitions it writes for its wiki links.
FOAM_LINK_BLOCK = re.compile(r'^\[//begin\]: # "Autogenerated link references', re.MULTILINE)


def written_by_foam(text: str) -> bool:
    return "[//begin]" in text and FOAM_LINK_BLOCK.search(text) is not None


def inline_tags(text: str) -> tuple[str, ...]:
    """The `#tags` a note tool lists for a note from its text, in order, each once: outside code
    blocks and code spans, not a heading's marks, not a '#' inside a word or an address or opening
    a link's target."""
    found: dict[str, str] = {}  # by case-folded tag, as first written: '#Garden' and '#garden' are one
    for part, is_code in _code_blocks(text):
        if not is_code:
            prose = TARGET_HASH.sub(lambda target: target.group(0)[:-1], CODE_SPAN.sub(" ", part))
            for match in INLINE_TAG.finditer(prose):
                tag = match.group(1).strip("/-")
                found.setdefault(tag.casefold(), tag)
    return tuple(tag for tag in found.values() if tag)


def _code_blocks(text: str) -> list[tuple[str, bool]]:
    """The text in runs of lines outside and inside code blocks and raw HTML, in order, as the
    Markdown parser finds them: an indented block, or a fence in a list or a quote, is code as
    much as a fence at a line's start (an R post's `parts[[1]]`), and HTML is shown as written."""
    from cmarkgfm.cmark import Options

    from digest.render.cmark import to_xml

    code: set[int] = set()
    for match in CODE_BLOCK_LINES.finditer(to_xml(text, Options.CMARK_OPT_SOURCEPOS)):
        first, last = int(match.group(2)), int(match.group(3))
        if match.group(1) == "html_block":
            last = max(first, last) + 1
        code.update(range(first - 1, last))
    runs: list[tuple[list[str], bool]] = []
    for index, line in enumerate(text.split("\n")):
        is_code = index in code
        if not runs or runs[-1][1] != is_code:
            runs.append(([], is_code))
        runs[-1][0].append(line)
    return [
        ("\n".join(lines) + ("\n" if number < len(runs) - 1 else ""), is_code)
        for number, (lines, is_code) in enumerate(runs)
    ]


def _wiki_link_text(inside: str) -> str:
    """`[[Page]]` is 'Page', `[[Page#Heading]]` 'Page > Heading' (as Obsidian shows it); of
    `[[a|b]]` the alias after the bar, as Obsidian, Foam, MediaWiki and Zim write it, unless that
    side is the address or path and the other is not (TiddlyWiki, ikiwiki, GitHub's wikis and
    Dendron write the text first). A link to a web address stays a link."""
    target, bar, alias = (side.strip() for side in inside.partition("|"))
    if bar and _names_a_place(alias) and not _names_a_place(target):
        target, alias = alias, target
    if WEB_ADDRESS.match(target):
        return f"[{alias or target}]({target})"
    if alias:
        return alias
    page, _, heading = target.partition("#")
    parts = [part.strip() for part in (page, heading) if part.strip() and not part.strip().startswith("^")]
    return " > ".join(parts) or target


def _names_a_place(side: str) -> bool:
    """An address, or a path to a note file, rather than words to show."""
    if WEB_ADDRESS.match(side):
        return True
    return " " not in side and ("/" in side or side.lower().endswith(NOTE_SUFFIXES))


def page_name(path: Path) -> str | None:
    """The name a wiki gives a page from its file: the file name without its extension,
    %-escapes decoded (`Article%2FGuide` is `Article/Guide`) and underscores as spaces; a
    generic name (`index.md`) gives its folder's name."""
    name = path.stem if path.suffix.lower() in PAGE_SUFFIXES else path.name
    if name.lower() in GENERIC_NAMES:
        name = path.parent.name
    name = " ".join(unquote(name).replace("_", " ").split())
    return name or None
