"""MDN's KumaScript macros (`{{Glossary("HTML")}}`, `{{domxref("Element")}}`, `{{Compat}}`), read
as a reader of the MDN page sees them.

MDN's "Commonly-used macros" page: a link macro makes a link whose text is its optional second
parameter, else its first (`{{Glossary("CSS", "Cascading Style Sheets")}}` reads "Cascading Style
Sheets"); the reference macros (`CSSxRef`, `DOMxRef`, `JSxRef`, `HTMLElement`...) show the name
as code, an element's name between angle brackets (`{{HTMLElement("select")}}` reads `<select>`).
The link's text stays, without the link (its page is on MDN's own site, as `{{< ref >}}` is on
Hugo's). Every other macro is the page's furniture: a sidebar, the specification and
compatibility tables made from MDN's data, a live sample's frame, a status badge. The page that
holds them is not a post, so they show nothing here. Code blocks and code spans stay as written.
"""

from __future__ import annotations

import re
from typing import Any

from digest.sources.mdx import split_code

# Front matter keys only MDN's pages write (its "Page types" and "Specification tables" pages,
# and translated content's `l10n.sourceCommit`); a slug alone is Hugo's or Jekyll's too: there the
# page is MDN's when it calls a macro MDN documents (is_mdn_page).
MDN_KEYS = {"page-type", "browser-compat", "spec-urls", "l10n"}
GLOSSARY_MACROS = {"glossary"}
REFERENCE_MACROS = {
    "cssxref", "domxref", "jsxref", "svgattr", "svgelement", "httpheader", "httpmethod", "httpstatus",
    "webextapiref", "mathmlelement",
}  # fmt: skip
ELEMENT_MACROS = {"htmlelement", "svgelement", "mathmlelement"}
# MDN's "Specification tables" and "Compatibility tables" pages name these two by their own words.
DOCUMENTED_MACROS = GLOSSARY_MACROS | REFERENCE_MACROS | ELEMENT_MACROS | {"compat", "specifications"}
ARGUMENT = re.compile(r"\"((?:[^\"\\\n]|\\.)*)\"|'((?:[^'\\\n]|\\.)*)'|([^,\s'\"]+)")
# A macro: a name, then its parameters in parentheses (quoted strings, numbers), on one line.
MACRO_OR_CODE_SPAN = re.compile(
    r"(?P<span>(?P<ticks>`+)[^`](?:(?!\n[ \t]*\n).)*?(?P=ticks))"
    r"|\{\{\s*(?P<name>[A-Za-z][\w-]{0,80})\s*(?:\((?P<args>(?:[^()\"'\n]|\"[^\"\n]*\"|'[^'\n]*'){0,500})\))?\s*\}\}",
    re.DOTALL,
)


def is_mdn_page(meta: Any, body: str) -> bool:
    """Whether a post is an MDN page: its front matter has one of MDN's own keys, or (older pages
    and their translations wrote only `title` and `slug`) a `slug` and a body that calls, outside
    code, one of the macros MDN's macro pages document: a link macro, `Compat`, `Specifications`."""
    if not isinstance(meta, dict):
        return False
    keys = {str(key).lower() for key in meta}
    if keys & MDN_KEYS:
        return True
    return "slug" in keys and "{{" in body and any(name in DOCUMENTED_MACROS for name in _macro_names(body))


def _macro_names(text: str) -> list[str]:
    """The names of the macros called outside code, lower-cased."""
    return [
        match.group("name").lower()
        for part, is_code in split_code(text)
        if not is_code
        for match in MACRO_OR_CODE_SPAN.finditer(part)
        if match.group("name")
    ]


def expand_macros(text: str) -> tuple[str, int]:
    """The text with each macro outside code as its page shows it, and how many were read."""
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        if match.group("span"):
            return match.group(0)
        count += 1
        return _shown(match.group("name").lower(), _arguments(match.group("args") or ""))

    pieces = [
        part if is_code else MACRO_OR_CODE_SPAN.sub(replace, part) for part, is_code in split_code(text)
    ]
    return "".join(pieces), count


def _shown(name: str, arguments: list[str]) -> str:
    """A link macro's text (code for a reference), nothing for any other macro."""
    if not arguments or not arguments[0]:
        return ""
    text = arguments[1] if len(arguments) > 1 and arguments[1] else arguments[0]
    if name in GLOSSARY_MACROS:
        return _escaped(text)
    if name not in REFERENCE_MACROS and name not in ELEMENT_MACROS:
        return ""
    if name in ELEMENT_MACROS and len(arguments) < 2:
        text = f"<{text}>"
    return _code_span(text)


def _arguments(text: str) -> list[str]:
    """A macro's parameters: quoted strings without their quotes, other values as written."""
    return [next(value for value in match.groups() if value is not None) for match in ARGUMENT.finditer(text)]


def _escaped(text: str) -> str:
    """Text shown as written, not read as Markdown or HTML."""
    return re.sub(r"([\\`*_\[\]<>&#!|])", r"\\\1", " ".join(text.split()))


def _code_span(text: str) -> str:
    """A code span holding the text, with enough backticks around it."""
    text = " ".join(text.split())
    ticks = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{padding}{text}{padding}{ticks}"
