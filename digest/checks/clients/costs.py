"""What a drop can cost the reader (content, decoration, a fallback, nothing) and the tables
and tests that say it: what each note says the client does, initial values, what hides or
sizes, what a declaration lays out or paints.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import tinycss2

from digest.checks import clientnotes
from digest.checks.clients.features import (
    VALUE_FUNCTION_FEATURES,
    Element,
    Node,
    Use,
    all_tokens,
    whitespace_words,
)
from digest.checks.clients.view import SOURCES
from digest.checks.css import Colour, Declaration, colour_in, parse_colour, significant
from digest.checks.email_rules import EmailDocument

Effect = str  # "content", "decoration", "none", "fallback" (a drop) or "partial" (kept, with notes)
EFFECT_ORDER = ("content", "decoration", "fallback", "none", "partial")


LOST: tuple[Effect, str] = ("decoration", "styling is lost")
WHOLE_BLOCK = "the client strips the whole <style> block"
# What a client does instead, where a note says so and nothing else is known: the editor's cue.
NOTE_SAYS = {
    "attribute:class-value": (
        'the client renames the email\'s classes (class="x_name"), so [class=...] matches nothing: '
        "use a class selector"
    ),
    "attribute:with-class": (
        "an attribute selector beside a class selector is dropped: write one or the other"
    ),
    "margin:with-background": (
        "Outlook paints the element's background over its margin too: space it with padding or a cell instead"
    ),
    "padding:row-max": (
        "Outlook gives every cell of the row the biggest vertical padding among them: give the row's "
        "cells the same, or pad a table inside the cell"
    ),
    "img-percent": (
        "Outlook sizes the image from its file's own width, not its container's: give it a width in pixels"
    ),
    **dict.fromkeys(
        ("ui-serif", "ui-sans-serif", "ui-rounded", "ui-monospace"),
        "only Safari and iOS draw the ui- font families: in the other browsers a reader may open the "
        "webmail in, the next family of the stack shows",
    ),
    **clientnotes.NOTE_SAYS,
}
# At-rules that hold no rules to fall back from.
AT_RULE_LOSSES = {
    "import": "the stylesheet it imports is not loaded: the email's own styles stand in",
    "font-face": "the web font is not loaded: the next fonts of each stack stand in",
}

CONTENT_FEATURES: dict[str, str] = {
    **dict.fromkeys(
        ("html-svg", "html-object", "image-apng", "image-avif", "image-base64",
         "image-bmp", "image-gif", "image-hdr", "image-heif", "image-ico", "image-jpg", "image-mp4",
         "image-png", "image-svg", "image-tiff", "image-webp"),
        "the image or media does not show",
    ),
    **dict.fromkeys(
        ("html-form", "html-select", "html-textarea", "html-input-checkbox", "html-input-radio",
         "html-input-text", "html-input-submit", "html-input-reset", "html-input-hidden",
         "html-button-submit", "html-button-reset", "html-meter", "html-progress", "html-dialog"),
        "the element and what it holds are lost",
    ),
    "html-mailto-links": "the link does not work",
    "html-image-maps": "the image's links do not work",
    **dict.fromkeys(
        ("css-display-flex", "css-display-grid", "css-grid-template", "css-flex-direction", "css-flex-wrap"),
        "the layout collapses",
    ),
}  # fmt: skip
# Features whose loss changes nothing on screen.
ANNOTATIONS: dict[str, str] = {
    "html-doctype": "the client renders in its own mode anyway",
    "html-meta-color-scheme": "a hint: the client applies its own dark mode, or none",
    "css-color-scheme": "a hint: the client applies its own dark mode, or none",
    "html-comments": "comments show nothing",
    "css-comments": "comments show nothing",
    "html-lang": "no visual effect (screen readers guess the language)",
    "html-role": "no visual effect (a landmark for screen readers)",
    "html-aria-describedby": "no visual effect",
    "html-aria-hidden": "no visual effect",
    "html-aria-live": "no visual effect",
    "html-aria-label": "no visual effect; the element's text still names it",
    "html-aria-labelledby": "no visual effect; the element's text still names it",
    "html-target": "links open as the client opens them",
    "html-loading-attribute": "images load as the client loads them",
    "html-semantics": "the element renders as a plain one",
}
INITIAL_VALUES: dict[str, frozenset[str]] = {
    name: frozenset(values.split())
    for name, values in {
        "word-spacing": "normal 0 0px",
        "letter-spacing": "normal 0 0px",
        "outline": "none 0 0px",
        "outline-style": "none",
        "opacity": "1",
        "text-transform": "none",
        "text-shadow": "none",
        "box-shadow": "none",
        "visibility": "visible",
        "position": "static",
        "float": "none",
        "clip": "auto",
        "white-space": "normal",
        "word-break": "normal",
        "filter": "none",
        "transform": "none",
        "z-index": "auto",
        "table-layout": "auto",
        "text-indent": "0 0px",
        "overflow": "visible",
        "max-height": "none",
        "max-width": "none",
        "direction": "ltr",
        "cursor": "auto",
        "border-spacing": "0 0px",
        "padding": "0 0px",
        "padding-top": "0 0px",
        "padding-right": "0 0px",
        "padding-bottom": "0 0px",
        "padding-left": "0 0px",
        "height": "auto",
        "width": "auto",
        "min-height": "auto 0 0px",
        "min-width": "auto 0 0px",
        "box-sizing": "content-box",
        "hyphens": "manual",
        # The inherited size, which is what the element has without it.
        "font-size": "100% 1em inherit",
    }.items()
}
# A list's padding holds its numbers or bullets: without it the client's default stands in.
LIST_GUTTER = frozenset({"padding", "padding-left", "padding-right", "padding-inline-start"})
LINE_BREAKING = frozenset({"word-break", "overflow-wrap", "word-wrap", "hyphens"})
# What decides whether text is seen (see EmailDocument.hides and font_size).
VISIBILITY = frozenset(
    {"display", "visibility", "opacity", "overflow", "overflow-x", "overflow-y", "max-height", "height",
     "max-width", "width", "position", "clip", "clip-path", "font-size", "mso-hide"}
)  # fmt: skip
# What a keyframe may change and still make nothing appear on a box that has no size.
COLOURS_ONLY = frozenset(
    {"color", "background-color", "border-color", "outline-color", "text-decoration-color", "opacity"}
)
# Elements whose browser font size is their parent's (HTML's rendering section gives none of
# their own), and the headings' sizes in em; an <h1> in a sectioning element is smaller.
INHERITS_FONT_SIZE = frozenset(
    whitespace_words(
        "html body div p span a table tbody thead tfoot tr td th ul ol li dl dt dd center blockquote "
        "strong b em i u address article aside section nav header footer main figure figcaption label"
    )
)
BROWSER_EM = {
    **dict.fromkeys(INHERITS_FONT_SIZE - {"html", "body"}, 1.0),
    **{"h1": 2.0, "h2": 1.5, "h3": 1.17, "h4": 1.0, "h5": 0.83, "h6": 0.67},
}
SECTIONING = frozenset({"article", "aside", "nav", "section"})
REM = re.compile(r"(\d+(?:\.\d+)?)rem")
PX_OR_EM = re.compile(r"(\d+(?:\.\d+)?)(px|em)")
BOX_PROPERTIES = (
    "background",
    "box-shadow",
    "outline",
    "padding",
    "border",
    "width",
    "height",
    "min-width",
    "min-height",
    "max-width",
    "max-height",
)
# Pseudo-classes that restyle an element as the reader acts on it.
CHANGE_OF_STATE = re.compile(r":(?:hover|focus|focus-within|focus-visible|active|checked|target)\b", re.I)
ROUNDS_CORNERS = re.compile(r"border(?:-(?:top|bottom|start|end)-(?:left|right|start|end))?-radius")


def shows_no_text(use: Use) -> bool:
    """Whether dropping the use cannot change the text a reader sees: the doctype, or a
    <meta> tag or one of its attributes."""
    if use.kind == "document":
        return True
    return use.kind in ("element", "attribute") and use.element is not None and use.element.tag == "meta"


def plain_white(declaration: Declaration) -> bool:
    colour = colour_in(declaration.tokens)
    images = any(True for _ in image_urls(declaration.tokens))
    return isinstance(colour, Colour) and colour.rgb == (255, 255, 255) and colour.alpha == 1 and not images


def all_zero(declaration: Declaration) -> bool:
    values = list(significant(declaration.tokens))
    return bool(values) and all(
        token.type in ("number", "dimension") and token.value == 0 for token in values
    )


def var_reads(tokens: Iterable[Node]) -> Iterator[tuple[str, str | None]]:
    """(custom property, its fallback as written, or None) for each var() in a value."""
    for token in all_tokens(tokens):
        if token.type != "function" or token.lower_name != "var":
            continue
        arguments = list(significant(token.arguments))
        if not arguments or arguments[0].type != "ident":
            continue
        commas = [i for i, each in enumerate(token.arguments) if each.type == "literal" and each.value == ","]
        rest = token.arguments[commas[0] + 1 :] if commas else None
        yield arguments[0].value, None if rest is None else " ".join(tinycss2.serialize(rest).lower().split())


def link_effect(use: Use) -> tuple[Effect, str]:
    """A <link> dropped: a stylesheet (web fonts, most often) is not loaded, and the email's
    own styles stand in; other links (preconnect, icons) show nothing."""
    element = use.element
    rel = (element.get("rel") or "").lower().split() if element is not None else []
    if "stylesheet" in rel:
        return "fallback", "the stylesheet it links is not loaded: the email's own styles stand in"
    return "none", "the link shows nothing in the email"


def fallback_inside_effect(use: Use) -> tuple[Effect, str]:
    """<picture>, <video> or <audio> dropped: what is written inside, besides its sources,
    stands in (the <img> of a picture), if anything is."""
    element = use.element
    if element is not None and element.tag == "picture" and next(element.iter("img"), None) is not None:
        return "fallback", "the <img> inside shows, the same on every screen"
    if element is not None and (
        any(isinstance(each.tag, str) and each.tag not in SOURCES for each in element.iterdescendants())
        or element.text_content().strip()
    ):
        return "fallback", "the fallback written inside it shows instead"
    return "content", "the image or media does not show"


def anchor_effect(use: Use, followed: bool) -> tuple[Effect, str]:
    """An in-page link the client does not follow (`followed`: it does follow some): the part
    it names is still in the email, a scroll away (caniemail: "clicking an anchor link does
    nothing")."""
    if "empty-fragment" in use.values:
        return "none", 'href="#" leads to no part of the email in any client: a placeholder'
    if "target:none" in use.values:
        return "none", "no element of the email carries that name or id: it leads nowhere in any client"
    if followed and "target:id" in use.values:
        return "decoration", "the client follows <a name> anchors only: the reader scrolls there instead"
    return "decoration", "clicking it does nothing here: the reader scrolls there instead"


def image_urls(tokens: Iterable[Node]) -> Iterator[str]:
    """The addresses of a value's url() images."""
    for token in all_tokens(tokens):
        if token.type == "url":
            yield token.value.strip()
        elif token.type == "function" and token.lower_name == "url":
            yield from (arg.value.strip() for arg in token.arguments if arg.type == "string")


def value_feature(feature: str) -> bool:
    """A feature of a declaration's value (a unit, a function, a system font), not its property."""
    return feature.startswith("css-unit-") or feature in VALUE_FUNCTION_FEATURES or feature == "css-sytem-ui"


def sizes_rows_only(use: Use) -> bool:
    """grid-template-rows: without it a grid's rows take their content's height, and its
    columns (what would collapse) stay."""
    return use.declaration is not None and use.declaration.name == "grid-template-rows"


def lays_out(declaration: Declaration) -> bool:
    """display:flex, inline-flex, grid or inline-grid: a layout the element's children need."""
    if declaration.name != "display":
        return False
    first = next(significant(declaration.tokens), None)
    return first is not None and first.type == "ident" and first.lower_value in _LAYOUTS


_LAYOUTS = frozenset({"flex", "inline-flex", "grid", "inline-grid"})


def flex(declaration: Declaration) -> bool:
    """display:flex or inline-flex."""
    first = next(significant(declaration.tokens), None)
    return first is not None and first.type == "ident" and first.lower_value in ("flex", "inline-flex")


# Properties only a flex or grid container reads (CSS Flexbox 1, CSS Grid 1; align-content and
# justify-items are left out: CSS Box Alignment gives them to block containers too).
CONTAINER_ONLY = frozenset(
    {"justify-content", "align-items", "flex-direction", "flex-wrap", "flex-flow", "grid-template",
     "grid-template-columns", "grid-template-rows", "grid-template-areas", "grid-auto-flow",
     "grid-auto-columns", "grid-auto-rows"}
)  # fmt: skip


def hides_or_sizes(use: Use) -> bool:
    """A declaration or attribute that decides whether its element's text is seen."""
    if use.kind == "declaration":
        return use.declaration is not None and use.declaration.name in VISIBILITY
    return use.kind == "attribute" and use.keys == {"hidden"}


def adapts_to_size(use: Use) -> bool:
    """A style-block rule inside a media query on the screen's size (width or height): a
    responsive adjustment, whose loss leaves the layout written for other sizes (which the
    client scales to fit). A query on the media type alone (`@media screen`) adjusts
    nothing: its rules are the email's styling."""
    return any(
        outer.feature == "css-at-media" and any(key.endswith(("width", "height")) for key in outer.keys)
        for outer in use.within
    )


# SVG 2, 5.3, 5.9 and 14: elements never drawn where they are written, only where another uses
# them (lxml's HTML parser lowercases the names), and those that hold words for screen readers.
_NEVER_DRAWN_IN_SVG = frozenset(
    {"defs", "clippath", "mask", "marker", "pattern", "lineargradient", "radialgradient", "symbol",
     "filter", "title", "desc", "metadata", "style", "script"}
)  # fmt: skip


# CSS Color 4 gives these no comma syntax: written with commas, no browser reads the declaration.
_MODERN_COLOURS = frozenset({"lab", "lch", "oklab", "oklch"})
_MODERN_COLOUR_CALL = re.compile(r"\b(?:ok)?l(?:ab|ch)\(", re.I)
UNREADABLE_COLOUR = (
    "no browser reads it either: lab(), lch(), oklab() and oklch() have no comma syntax (CSS Color 4), "
    "and a declaration a browser cannot read is ignored (CSS 2.1 4.2)"
)


def unreadable_colour(declaration: Declaration) -> bool:
    """Whether a declaration holds a modern colour function written in a syntax no browser
    reads (the declaration is then ignored everywhere)."""
    if not _MODERN_COLOUR_CALL.search(declaration.value):
        return False
    return any(
        token.type == "function" and token.lower_name in _MODERN_COLOURS and parse_colour(token) is None
        for token in significant(declaration.tokens)
    )


def keeps_an_image(document: EmailDocument, node: Element) -> bool:
    """Whether an element of the client's copy still has a background image: its background
    attribute, or an image in the background its style attribute sets."""
    if node.get("background"):
        return True
    return any(
        each.name in ("background", "background-image") and "url(" in each.value.lower()
        for each in document.inline(node)
    )


def draws_nothing(svg: Element) -> bool:
    """Whether an <svg> element holds only elements that are never drawn where they are written
    (definitions, clip paths, descriptions) and no text."""
    if svg.tag != "svg" or (svg.text or "").strip():
        return False
    return all(
        not isinstance(child.tag, str)
        or (child.tag.lower() in _NEVER_DRAWN_IN_SVG and not (child.tail or "").strip())
        for child in svg
    )
