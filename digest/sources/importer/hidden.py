"""Elements a page's own stylesheet hides on screen: a print-only notice, a hidden template,
a dialog that never opens. Readers never see them, so they are not the article.

Only the page's plain rules count (`#print { display: none }`, `.popup { display: none }`),
written with one id or one class as the selector; rules inside `@media` (print styles
show such elements, screen styles vary with the width) and inline styles (often reversed by
the page's scripts, as in "read more" expanders) are left alone.
"""

from __future__ import annotations

import re
from typing import Any

SIMPLE_SELECTOR = re.compile(r"^([#.])(-?[A-Za-z_][\w-]*)$")
# Pictures hidden until a script loads them ('.lazyload') still belong to the article.
MEDIA = frozenset({"img", "picture", "video", "audio", "source", "figure"})
HIDING = re.compile(r"display\s*:\s*none", re.IGNORECASE)
# A string ends at its quote, or where CSS ends one left open (the line's end, the style's):
# each pattern always matches where it starts, and an address stops at the next '(', so no
# quote or 'url(' left open makes the search go back over the rest of the style.
CSS_STRUCTURE = re.compile(
    r"/\*.*?(?:\*/|$)|\"(?:\\.?|[^\"\\\n])*(?:\"|(?=\n)|\Z)|'(?:\\.?|[^'\\\n])*(?:'|(?=\n)|\Z)|[{}]",
    re.DOTALL,
)
URL_VALUE = re.compile(r"url\(\s*(?:\"[^\"]*\"|'[^']*'|[^()\"']*)\s*\)", re.IGNORECASE)


def hidden_names(document: Any) -> tuple[set[str], set[str]]:
    """The ids and the classes that the page's <style> elements set to `display: none`."""
    ids: set[str] = set()
    classes: set[str] = set()
    for style in document.iter("style"):
        for selector in _hiding_selectors(style.text or ""):
            match = SIMPLE_SELECTOR.match(selector)
            if match:
                (ids if match.group(1) == "#" else classes).add(match.group(2))
    return ids, classes


def drop_hidden(document: Any, ids: set[str], classes: set[str]) -> bool:
    """Remove the elements with a hidden id or class; whether any went."""
    dropped = False
    for element in list(document.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None or element.tag in MEDIA:
            continue
        if element.get("id") in ids or classes & set((element.get("class") or "").split()):
            element.drop_tree()
            dropped = True
    return dropped


def _hiding_selectors(css: str) -> list[str]:
    import tinycss2

    selectors: list[str] = []
    for rule in tinycss2.parse_stylesheet(_hiding_rules(css), skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule" or not _hides(rule.content):
            continue
        prelude = tinycss2.serialize(rule.prelude)
        selectors.extend(part.strip() for part in prelude.split(","))
    return selectors


def _hiding_rules(css: str) -> str:
    """The page's top-level rules (and at-rules) that say `display: none`, for tinycss2 to read:
    a saved page's stylesheets run to megabytes (pictures inlined as data: addresses, whole
    frameworks), and parsing them all took most of the time of reading the page. One pass over
    the braces outside comments and strings finds where each top-level rule ends."""
    if not HIDING.search(css):
        return ""
    css = URL_VALUE.sub("url()", css)  # an inlined picture is no part of any rule that hides
    rules: list[str] = []
    depth, start = 0, 0
    for token in CSS_STRUCTURE.finditer(css):
        mark = token.group()
        if mark == "{":
            depth += 1
        elif mark == "}" and depth > 0:
            depth -= 1
            if depth == 0:
                rule = css[start : token.end()]
                if HIDING.search(rule):
                    rules.append(rule)
                start = token.end()
    return "\n".join(rules)


def _hides(content: list[Any]) -> bool:
    import tinycss2

    for declaration in tinycss2.parse_declaration_list(content, skip_comments=True, skip_whitespace=True):
        if declaration.type == "declaration" and declaration.lower_name == "display":
            value = tinycss2.serialize(declaration.value).strip().lower()
            if value == "none":
                return True
    return False
