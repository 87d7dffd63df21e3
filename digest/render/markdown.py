"""Markdown to safe HTML, once per review, with heading ids and an outline.

Raw HTML inside Markdown is allowed and then sanitised with nh3: harmless markup
stays, scripts, frames, forms, event handlers and dangerous URLs go.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "details", "dd", "div", "dl", "dt", "em",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"id", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
    "code": {"class"},
}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}
# Elements whose content the sanitiser removes with them, so it is no visible text either.
HIDDEN_OPEN = re.compile(r"^<(script|style)\b", re.IGNORECASE)
HIDDEN_CLOSE = re.compile(r"^</(script|style)\s*>", re.IGNORECASE)


@dataclass(frozen=True)
class Section:
    """A heading of a review's body: its level (2 = a top-level section), text and anchor id."""

    level: int
    title: str
    anchor: str


@dataclass(frozen=True)
class Rendered:
    html: str
    sections: tuple[Section, ...]
    text: str  # the visible words, for counts and excerpts


def slugify(text: str, fallback: str = "section") -> str:
    """ASCII, lowercase, hyphen-separated; accents folded ('Débuter' -> 'debuter')."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return slug[:80].rstrip("-") or fallback


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    parser = MarkdownIt("commonmark", {"html": True, "typographer": False})
    parser.enable(["table", "strikethrough"])
    parser.core.ruler.after("inline", "bare_urls", _link_bare_urls)
    return parser.use(footnote_plugin)


# Bare http(s) URLs become links; bare domains and addresses stay text (a guessed
# http:// would be wrong as often as right). One regex over text that holds "://" is
# a fraction of what linkify-it's general matcher cost on every text run.
BARE_URL = re.compile(r"https?://[^\s<>\"'`]*[^\s<>\"'`.,;:!?\]}*_]")


def _link_bare_urls(state: StateCore) -> None:
    for block in state.tokens:
        if block.type == "inline" and block.children and "://" in block.content:
            block.children = _with_links(block.children, state)


def _with_links(children: list[Token], state: StateCore) -> list[Token]:
    from markdown_it.token import Token

    result: list[Token] = []
    inside_link = 0
    for child in children:
        if child.type in ("link_open", "link_close"):
            inside_link += 1 if child.type == "link_open" else -1
        if child.type != "text" or inside_link or "://" not in child.content:
            result.append(child)
            continue
        position = 0
        for match in BARE_URL.finditer(child.content):
            url = _balanced(match.group(0))
            href = state.md.normalizeLink(url)
            if not state.md.validateLink(href):
                continue
            result.append(Token("text", "", 0, content=child.content[position : match.start()]))
            result.append(Token("link_open", "a", 1, attrs={"href": href}, markup="linkify", info="auto"))
            result.append(Token("text", "", 0, content=url))
            result.append(Token("link_close", "a", -1, markup="linkify", info="auto"))
            position = match.start() + len(url)
        result.append(Token("text", "", 0, content=child.content[position:]))
    return result


def _balanced(url: str) -> str:
    """Keep a closing parenthesis that belongs to the URL (Wikipedia) but not one that closes prose."""
    while url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1]
    return url


def render_markdown(source: str) -> Rendered:
    """HTML for a Markdown body (GitHub-flavoured, by cmark-gfm in C); every heading gets a
    unique id for the table of contents, and raw HTML is sanitised."""
    import cmarkgfm
    from cmarkgfm.cmark import Options

    # Raw HTML passes through cmark ("unsafe") because nh3 is the one place it is judged.
    options = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_FOOTNOTES
    body = cmarkgfm.markdown_to_html_with_extensions(source, options, GFM_EXTENSIONS)
    body, sections = _assign_heading_ids(body)
    clean = sanitise(body)
    return Rendered(clean, tuple(sections), _visible_text(clean))


GFM_EXTENSIONS = ["table", "strikethrough", "autolink"]
HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")


def sanitise(fragment: str) -> str:
    import nh3

    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def _assign_heading_ids(body: str) -> tuple[str, list[Section]]:
    sections: list[Section] = []
    used: dict[str, int] = {}

    def with_id(match: re.Match[str]) -> str:
        level, inner = match.group(1), match.group(2)
        title = " ".join(html.unescape(TAG.sub("", inner)).split())
        anchor = _unique(slugify(title), used)
        sections.append(Section(int(level), title, anchor))
        return f'<h{level} id="{anchor}">{inner}</h{level}>'

    return HEADING.sub(with_id, body), sections


def _unique(anchor: str, used: dict[str, int]) -> str:
    """`anchor`, or `anchor-2`, `anchor-3`...; `used` remembers the next number to try for each."""
    candidate, number = anchor, used.get(anchor, 1)
    while candidate in used:
        number += 1
        candidate = f"{anchor}-{number}"
    used[anchor] = number
    used.setdefault(candidate, 1)
    return candidate


def _child_text(child: Token) -> str:
    if child.type in ("softbreak", "hardbreak"):
        return " "
    return child.content if child.type in ("text", "code_inline") else ""


def _shown_children(token: Token) -> list[Token]:
    """An inline token's children without what sits inside inline <script> or <style> tags."""
    shown: list[Token] = []
    hidden = False
    for child in token.children or []:
        if child.type == "html_inline" and HIDDEN_OPEN.match(child.content):
            hidden = True
        elif child.type == "html_inline" and HIDDEN_CLOSE.match(child.content):
            hidden = False
        elif not hidden:
            shown.append(child)
    return shown


def _visible_text(clean_html: str) -> str:
    """The words a reader sees in sanitised HTML, for counts and excerpts."""
    return " ".join(html.unescape(TAG.sub(" ", clean_html)).split())


def render_text(source: str, width: int = 78) -> str:
    """Markdown as plain text for the text email: links kept as 'text <url>', lines wrapped."""
    import textwrap

    blocks: list[str] = []
    prefix = ""
    for token in _parser().parse(source):
        if token.type == "bullet_list_open" or token.type == "ordered_list_open":
            prefix = "- "
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            prefix = ""
        elif token.type == "inline":
            text = _inline_with_urls(token)
            indent = " " * len(prefix)
            blocks.append(
                textwrap.fill(
                    text,
                    width,
                    initial_indent=prefix,
                    subsequent_indent=indent,
                    break_long_words=False,
                    break_on_hyphens=False,
                )
            )
        elif token.type in ("fence", "code_block"):
            blocks.append(token.content.rstrip("\n"))
    return "\n\n".join(blocks)


def _inline_with_urls(token: Token) -> str:
    parts: list[str] = []
    href = ""
    for child in _shown_children(token):
        if child.type == "link_open":
            href = str(child.attrGet("href") or "")
            if href.split(":", 1)[0].lower() not in ALLOWED_SCHEMES and ":" in href.split("/", 1)[0]:
                href = ""  # the HTML sanitiser drops such links; the text edition does too
        elif child.type == "link_close":
            label = parts[-1] if parts else ""
            if href and href != label and href.removeprefix("mailto:") != label:
                parts.append(f" <{href}>")
        elif child.type == "image":
            parts.append(f"[{child.content}]")
        else:
            parts.append(_child_text(child))
    return " ".join("".join(parts).split())
