"""Which of caniemail's features each thing an email writes is: a declaration, a selector,
an attribute, an element, a media query."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

import tinycss2

from digest.checks import clientnotes
from digest.checks.boxes import DEFAULT_FONT_PX
from digest.checks.caniemail import load
from digest.checks.css import Declaration, significant

Element = Any  # lxml.html.HtmlElement
Node = Any  # a tinycss2 node


@dataclass
class Use:
    """One use of a feature in the email."""

    feature: str
    label: str
    kind: str  # declaration, at-rule, selector, element, attribute, document
    element: Element | None  # the element it is on (a <style> for what a style block holds)
    keys: frozenset[str]  # what a note's "only supports `x`" must cover
    values: frozenset[str]  # what a note's "`x` is not supported" may name
    outlook: str = "both"  # both, only (in a conditional comment), never (hidden from Outlook)
    declaration: Declaration | None = None
    within: tuple[Use, ...] = ()  # the at-rules a style-block use sits in
    rule_index: tuple[int, ...] = ()  # the path to the rule (or inline declaration) it is part of
    tag: str = ""  # the element's tag, where `element` is not it (markup inside a comment)
    attributes: Mapping[str, str] | None = None  # that start tag's own attributes
    written: str = ""  # a declaration's !important as written (" !IMPORTANT"), "" for none
    selector: str = ""  # the rule's selector, for what a style block holds
    # The email's elements a selector matches (a style-block rule's, cached for the email).
    match: Callable[[str], list[Element] | None] | None = field(default=None, repr=False, compare=False)

    @cached_property
    def targets(self) -> tuple[tuple[str, ...], ...]:
        """The tags (each with its ancestors') of the elements it styles: those a style-block
        rule's selector matches, or the element it is on."""
        if (
            self.kind == "rule-declaration"
            and self.selector
            and self.match is not None
            and self.outlook != "only"
        ):
            matched = self.match(self.selector)
            if matched:
                return tuple(tags_of(element) for element in matched)
        return (self.tags,)

    @cached_property
    def tags(self) -> tuple[str, ...]:
        """The element's tag, then its ancestors'."""
        return ((self.tag,) if self.tag else ()) + tags_of(self.element)


def tags_of(element: Element | None) -> tuple[str, ...]:
    """An element's tag, then its ancestors'."""
    tags = []
    node = element
    while node is not None:
        if isinstance(node.tag, str):
            tags.append(node.tag.lower())
        node = node.getparent()
    return tuple(tags)


def whitespace_words(text: str) -> list[str]:
    return text.split()


VENDOR = re.compile(r"^(?:-[a-z]+-|mso-)")
BROWSER_VENDOR = re.compile(r"^-[a-z]+-")
_PROPERTY_FAMILIES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), slug)
    for pattern, slug in (
        (r"^margin-(?:inline|block)$", "css-margin-inline-block"),
        (r"^margin-inline-(?:start|end)$", "css-margin-inline-start-end"),
        (r"^margin-block-(?:start|end)$", "css-margin-block-start-end"),
        (r"^margin(?:-(?:top|right|bottom|left))?$", "css-margin"),
        (r"^padding-(?:inline|block)$", "css-padding-inline-block"),
        (r"^padding-inline-(?:start|end)$", "css-padding-inline-start-end"),
        (r"^padding-block-(?:start|end)$", "css-padding-block-start-end"),
        (r"^padding(?:-(?:top|right|bottom|left))?$", "css-padding"),
        (r"^border-(?:start|end)-(?:start|end)-radius$", "css-border-radius-logical"),
        (r"^border(?:-(?:top|bottom|left|right))?-radius$", "css-border-radius"),
        (r"^border-(?:inline|block)(?:-(?:start|end))?$", "css-border-inline-block"),
        (
            r"^border-(?:inline|block)-(?:start|end)-(?:width|style|color)$",
            "css-border-inline-block-longhand",
        ),
        (r"^border-(?:inline|block)-(?:width|style|color)$", "css-border-inline-block-individual"),
        (r"^border-image(?:-\w+)?$", "css-border-image"),
        (r"^border-(?:collapse|spacing)$", "css-border-{0}"),
        (r"^border(?:-(?:top|right|bottom|left))?(?:-(?:width|style|color))?$", "css-border"),
        (r"^(?:left|right|top|bottom)$", "css-left-right-top-bottom"),
        (r"^inset(?:-\w+)*$", "css-inset"),
        (r"^overflow(?:-[xy])?$", "css-overflow"),
        (r"^(?:block|inline)-size$", "css-block-inline-size"),
        (r"^grid-template(?:-\w+)?$", "css-grid-template"),
        (r"^(?:column-(?:gap|rule\S*|span|fill|width)|columns)$", "css-column-layout-properties"),
        (r"^(?:gap|row-gap)$", "css-gap"),
        (r"^transition-(?:property|duration|timing-function|delay|behavior)$", "css-transition"),
    )
)
_FUNCTION_FEATURES = {
    "rgb": "css-rgb",
    "rgba": "css-rgba",
    "lab": "css-modern-color",
    "lch": "css-modern-color",
    "oklab": "css-modern-color",
    "oklch": "css-modern-color",
    "linear-gradient": "css-linear-gradient",
    "radial-gradient": "css-radial-gradient",
    "conic-gradient": "css-conic-gradient",
    "calc": "css-unit-calc",
    "var": "css-variables",
    "min": "css-function-min",
    "max": "css-function-max",
    "clamp": "css-function-clamp",
    "light-dark": "css-function-light-dark",
}
VALUE_FUNCTION_FEATURES = frozenset(_FUNCTION_FEATURES.values())
# The one function each function feature is (rgb(), rgba() and the modern colours share none).
FUNCTION_NAMES = {
    feature: name
    for name, feature in _FUNCTION_FEATURES.items()
    if list(_FUNCTION_FEATURES.values()).count(feature) == 1
}
UNITS = frozenset({"px", "em", "rem", "ex", "ch", "cm", "mm", "in", "pc", "pt", "vh", "vw", "vmin", "vmax"})
_SYSTEM_FONTS = frozenset({"system-ui", "ui-serif", "ui-sans-serif", "ui-rounded", "ui-monospace"})
ELEMENT_FEATURES = {
    **{tag: f"html-{tag}" for tag in (
        "abbr", "acronym", "address", "audio", "base", "bdi", "blockquote", "body", "code", "del", "dfn",
        "dialog", "div", "form", "hr", "img", "link", "marquee", "meter", "object", "p", "picture", "pre",
        "progress", "rp", "rt", "ruby", "select", "small", "span", "strike", "strong", "style", "svg",
        "table", "textarea", "video", "wbr",
    )},
    **{f"h{level}": "html-h1-h6" for level in range(1, 7)},
    **dict.fromkeys(("ul", "ol", "dl"), "html-lists"),
    **dict.fromkeys(("map", "area"), "html-image-maps"),
    **dict.fromkeys(
        ("article", "aside", "details", "figcaption", "figure", "footer", "header", "main", "mark", "nav",
         "section", "summary", "time"),
        "html-semantics",
    ),
}  # fmt: skip
ATTRIBUTE_FEATURES = {
    **{name: f"html-{name}" for name in (
        "align", "background", "cellpadding", "cellspacing", "dir", "height", "hidden", "lang", "role",
        "target", "valign", "width", "popover", "required",
    )},
    **{name: f"html-{name}" for name in (
        "aria-describedby", "aria-hidden", "aria-label", "aria-labelledby", "aria-live",
    )},
    "loading": "html-loading-attribute",
    "srcset": "html-srcset",
    "sizes": "html-srcset",
    "usemap": "html-image-maps",
}  # fmt: skip
IMAGE_FORMATS = {
    ".png": "image-png", ".apng": "image-apng", ".jpg": "image-jpg", ".jpeg": "image-jpg",
    ".gif": "image-gif", ".webp": "image-webp", ".avif": "image-avif", ".svg": "image-svg",
    ".bmp": "image-bmp", ".ico": "image-ico", ".tif": "image-tiff", ".tiff": "image-tiff",
    ".heic": "image-heif", ".heif": "image-heif", ".mp4": "image-mp4",
}  # fmt: skip
_MEDIA_FEATURES = {
    "prefers-color-scheme": "css-at-media-prefers-color-scheme",
    "prefers-reduced-motion": "css-at-media-prefers-reduced-motion",
    "orientation": "css-at-media-orientation",
    "hover": "css-at-media-hover",
    "-webkit-device-pixel-ratio": "css-at-media-device-pixel-ratio",
    "-webkit-min-device-pixel-ratio": "css-at-media-device-pixel-ratio",
    "-webkit-max-device-pixel-ratio": "css-at-media-device-pixel-ratio",
    "resolution": "css-at-media-device-pixel-ratio",
    "min-resolution": "css-at-media-device-pixel-ratio",
    "max-resolution": "css-at-media-device-pixel-ratio",
}
_MEDIA_KEYWORDS = frozenset({"only", "and", "not", "or", "all"})
CONDITIONAL_OPEN = re.compile(r"^\[if\b[^\]]*\]>", re.I)
DOWNLEVEL_REVEALED = re.compile(r"^\[if\s+!\s*mso[^\]]*\]><!$", re.I)
ENDIF = re.compile(r"^<!\[endif\]$", re.I)
ENDIF_AT_END = re.compile(r"<!\[endif\]\s*$", re.I)
ANY_TAG = re.compile(r"<[^<>]*>")  # a start or end tag, a comment: what is left is text
START_TAG = re.compile(
    r"<([A-Za-z][\w:-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*/?>"
)
ATTRIBUTE = re.compile(r"([^\s=>/]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.I | re.S)
VML_IMAGES = frozenset({"v:fill", "v:image", "v:imagedata"})
# caniemail's "HTML5 doctype"; an XHTML or HTML 4 doctype (<!DOCTYPE html PUBLIC ...) is not it.
HTML5_DOCTYPE = re.compile(rb"<!doctype\s+html\s*(?:system\s+([\"'])about:legacy-compat\1\s*)?>")


def declaration_features(declaration: Declaration) -> Iterator[tuple[str, str, frozenset[str]]]:
    """(feature, label, keys) for each caniemail feature a declaration uses."""
    name, value = declaration.name, " ".join(declaration.value.split())
    label = f"{name}:{value}"
    if VENDOR.match(name):
        return
    if name.startswith("--"):
        # A custom property: caniemail's CSS variables cover declaring one and reading it.
        yield "css-variables", label, frozenset({"--"})
        return
    tokens = list(significant(declaration.tokens))
    if name == "display":
        first = tokens[0].lower_value if tokens and tokens[0].type == "ident" else ""
        feature = {"none": "css-display-none", "flex": "css-display-flex", "inline-flex": "css-display-flex",
                   "grid": "css-display-grid", "inline-grid": "css-display-grid"}.get(first)  # fmt: skip
        yield "css-display", label, frozenset({label})
        if feature:
            yield feature, label, frozenset({label})
    else:
        feature = property_feature(name)
        if feature:
            yield feature, label, frozenset({label})
    if declaration.important:
        yield "css-important", f"{label} !important", frozenset({"!important"})
    for token in all_tokens(tokens):
        if token.type == "dimension" and token.lower_unit in UNITS:
            yield f"css-unit-{token.lower_unit}", label, frozenset({token.lower_unit})
        elif token.type == "percentage":
            yield "css-unit-percent", label, frozenset({"%"})
        elif token.type == "function" and token.lower_name in _FUNCTION_FEATURES:
            yield _FUNCTION_FEATURES[token.lower_name], label, frozenset({token.lower_name})
        elif token.type == "ident" and token.lower_value in _SYSTEM_FONTS:
            yield "css-sytem-ui", label, frozenset({token.lower_value})
        elif token.type == "ident" and token.lower_value == "initial":
            yield "css-unit-initial", label, frozenset({"initial"})


@cache
def property_feature(name: str) -> str | None:
    for pattern, slug in _PROPERTY_FAMILIES:
        if pattern.match(name):
            return slug.format(name.split("-", 1)[1] if "{0}" in slug else "")
    return f"css-{name}" if f"css-{name}" in load() else None


def all_tokens(tokens: Iterable[Node]) -> Iterator[Node]:
    """Component values, those inside functions and blocks included."""
    for token in tokens:
        yield token
        if token.type == "function":
            yield from all_tokens(token.arguments)
        elif token.type in ("() block", "[] block"):
            yield from all_tokens(token.content)


def note_markers(declaration: Declaration) -> frozenset[str]:
    """What a note may name in a declaration: its name, idents, units, functions, signs."""
    found = {declaration.name, f"{declaration.name}:{''.join(declaration.value.split())}"}
    if declaration.name.startswith("--"):
        found.add("custom-property")
    if any(token.type == "literal" and token.value == "," for token in declaration.tokens):
        found.add("multiple-values")  # a comma at the top level: layers of a background
    found |= value_markers(declaration) | clientnotes.shorthand_markers(declaration.name, declaration.tokens)
    for token in all_tokens(declaration.tokens):
        if token.type == "ident":
            found.add(token.lower_value)
        elif token.type == "dimension":
            found.add(token.lower_unit)
            if token.value < 0:
                found.add("negative")
        elif token.type == "number" and token.value < 0:
            found.add("negative")
        elif token.type == "percentage":
            found.update(("%", "percentage"))
        elif token.type == "url" or (token.type == "function" and token.lower_name in _IMAGE_FUNCTIONS):
            found.add("image-value")
            if token.type == "url":
                found.add("url")
            if token.type == "function":
                found.add(token.lower_name)
        elif token.type == "function":
            found.add(token.lower_name)
            if token.lower_name in _COLOUR_FUNCTIONS:
                found.update(_colour_syntax(token))
    return frozenset(found)


_LINES = frozenset({"underline", "overline", "line-through"})
LIST_STYLE_NOT_TYPE = frozenset({"inside", "outside"})
_MAX_OUTLOOK_BORDER = 8  # px: Outlook for Windows draws no wider border


def value_markers(declaration: Declaration) -> set[str]:
    """What some of caniemail's notes name in a value, by the property's own rules: a numeric
    font weight (Outlook rounds one to normal or bold; Yahoo reads only multiples of 100),
    a border wider than Outlook draws, text-decoration lines, list-style beyond its type, a
    transition longhand."""
    name = declaration.name
    tokens = list(significant(declaration.tokens))
    found: set[str] = set()
    if name == "font-weight" and len(tokens) == 1 and tokens[0].type == "number":
        weight = float(tokens[0].value)
        if weight not in (400, 700):
            found.add("font-weight:rounded")
        if weight % 100:
            found.add("font-weight:level-4")
    elif name.startswith("border") and not name.endswith(("-radius", "-color", "-style", "-collapse")):
        if any(px(token) > _MAX_OUTLOOK_BORDER for token in tokens):
            found.add("border-over-8px")
    elif name == "text-decoration" or name == "text-decoration-line":
        if sum(token.type == "ident" and token.lower_value in _LINES for token in tokens) > 1:
            found.add("multiple-values")
    elif name == "list-style":
        if any(
            (token.type == "ident" and token.lower_value in LIST_STYLE_NOT_TYPE)
            or token.type == "url"
            or (token.type == "function" and token.lower_name in _IMAGE_FUNCTIONS)
            for token in tokens
        ):
            found.add("list-style:not-type")
    elif name.startswith("transition-"):
        found.add("longhand")
    return found


def only_px(declaration: Declaration) -> float | None:
    """The value of a declaration that is one length in px, or None."""
    tokens = declaration.tokens or tinycss2.parse_component_value_list(declaration.value)
    values = list(significant(tokens))
    if len(values) == 1 and values[0].type == "dimension" and values[0].lower_unit == "px":
        return float(values[0].value)
    return None


def px(token: Node, em: float = DEFAULT_FONT_PX) -> float:
    if token.type != "dimension":
        return 0.0
    scale = {"px": 1.0, "pt": 4 / 3, "em": em, "rem": DEFAULT_FONT_PX}.get(token.lower_unit, 0.0)
    return float(token.value) * scale


_COLOUR_FUNCTIONS = frozenset({"rgb", "rgba", "hsl", "hsla"})
_IMAGE_FUNCTIONS = frozenset({"url", "linear-gradient", "radial-gradient", "conic-gradient", "image-set"})


def _colour_syntax(function: Node) -> set[str]:
    """What caniemail's notes on rgb() say of a colour function: written with spaces
    (`rgb(0 128 0)`), or with an alpha value (`rgb(0, 128, 0, 0.5)`, `rgb(0 128 0 / 1)`)."""
    arguments = list(significant(function.arguments))
    commas = sum(1 for token in arguments if token.type == "literal" and token.value == ",")
    slash = any(token.type == "literal" and token.value == "/" for token in arguments)
    found = set()
    if commas == 0 and len(arguments) > 1:
        found.add("whitespace-syntax")
    if slash or (function.lower_name == "rgb" and commas == 3):
        found.add("alpha")
    return found


_COMBINATORS = {
    ">": ("css-selector-child", ">"),
    "+": ("css-selector-adjacent-sibling", "+"),
    "~": ("css-selector-general-sibling", "~"),
    ",": ("css-selector-grouping", ","),
}


def selector_features(prelude: Sequence[Node]) -> Iterator[tuple[str, str]]:
    """(feature, what) for each kind of selector a rule's prelude uses."""
    compound_parts = 0
    previous_was_space = False
    started = False
    tokens = [token for token in prelude if token.type != "comment"]
    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind == "whitespace":
            previous_was_space = started
            index += 1
            continue
        if kind == "literal" and token.value in (">", "+", "~", ","):
            yield _COMBINATORS[token.value]
            if compound_parts > 1:
                yield "css-selector-chaining", "a compound selector"
            compound_parts, previous_was_space, started = 0, False, token.value != ","
            index += 1
            continue
        if previous_was_space:
            yield "css-selector-descendant", "a space"
            if compound_parts > 1:
                yield "css-selector-chaining", "a compound selector"
            compound_parts, previous_was_space = 0, False
        started = True
        compound_parts += 1
        if kind == "ident":
            yield "css-selector-type", token.value
        elif kind == "literal" and token.value == "*":
            yield "css-selector-universal", "*"
        elif kind == "literal" and token.value == "." and index + 1 < len(tokens):
            yield "css-selector-class", "." + tokens[index + 1].value
            index += 1
        elif kind == "hash":
            yield "css-selector-id", "#" + token.value
        elif kind == "[] block":
            yield "css-selector-attribute", _attribute_syntax(token)
        elif kind == "literal" and token.value == ":" and index + 1 < len(tokens):
            pseudo, index = _pseudo(tokens, index)
            yield pseudo
            compound_parts -= 1  # a pseudo-class does not make a compound selector
        index += 1
    if compound_parts > 1:
        yield "css-selector-chaining", "a compound selector"


def class_after_first(prelude: Sequence[Node]) -> bool:
    """Whether a compound selector of the prelude holds a class selector after its first
    simple selector (`.a.b`, `td.a`)."""
    position = 0  # of the simple selector within its compound
    tokens = [token for token in prelude if token.type != "comment"]
    for index, token in enumerate(tokens):
        if token.type == "whitespace" or (token.type == "literal" and token.value in (">", "+", "~", ",")):
            position = 0
            continue
        if token.type == "literal" and token.value == "." and position > 0:
            return True
        if (
            token.type == "ident"
            and index > 0
            and tokens[index - 1].type == "literal"
            and tokens[index - 1].value in (".", ":")
        ):
            continue  # the name of the class or pseudo-class just counted
        position += 1
    return False


def on_type_selector(prelude: Sequence[Node], pseudo: str) -> bool:
    """Whether every compound selector holding this pseudo-class or pseudo-element starts
    with a type selector (`a:hover`, not `.button:hover`)."""
    if not pseudo.startswith(":"):
        return False
    name = pseudo.lstrip(":")
    starts_with_type, found, first = True, False, True
    tokens = [token for token in prelude if token.type != "comment"]
    for index, token in enumerate(tokens):
        if token.type == "whitespace" or (token.type == "literal" and token.value in (">", "+", "~", ",")):
            first = True
            continue
        if first:
            compound_type, first = token.type == "ident", False
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if token.type == "literal" and token.value == ":" and following is not None:
            written = getattr(following, "lower_value", None) or getattr(following, "lower_name", "")
            if written == name:
                found = True
                starts_with_type = starts_with_type and compound_type
    return found and starts_with_type


def _pseudo(tokens: list[Node], index: int) -> tuple[tuple[str, str], int]:
    element = (
        index + 1 < len(tokens) and tokens[index + 1].type == "literal" and tokens[index + 1].value == ":"
    )
    if element:
        index += 1
    name_token = tokens[index + 1]
    name = name_token.lower_value if name_token.type == "ident" else getattr(name_token, "lower_name", "")
    if element or name in ("before", "after", "first-letter", "first-line"):
        return (f"css-pseudo-element-{name}", f"::{name}"), index + 1
    return (f"css-pseudo-class-{name}", f":{name}"), index + 1


def attribute_value_markers(tag: str, name: str, value: str) -> frozenset[str]:
    """An image's width or height in percent, which Outlook for Windows reads against the
    image file's own size."""
    if tag == "img" and name in ("width", "height") and value.strip().endswith("%"):
        return frozenset({"img-percent"})
    return frozenset()


_PREFIX_BROKEN = frozenset({"=", "~=", "|=", "^="})  # operators a prefixed class no longer matches


def attribute_markers(prelude: Sequence[Node]) -> frozenset[str]:
    """What Outlook.com's notes on attribute selectors speak of: one on the class attribute
    whose value the client's x_ prefix breaks ([class="w320"]: the HTML says class="x_w320"),
    and one in the same compound as a class selector (.test[class])."""
    found: set[str] = set()
    compound: list[Node] = []
    for token in [*prelude, None]:
        ends = (
            token is None
            or token.type == "whitespace"
            or (token.type == "literal" and token.value in (">", "+", "~", ","))
        )
        if not ends:
            compound.append(token)
            continue
        blocks = [each for each in compound if each.type == "[] block"]
        if blocks and any(each.type == "literal" and each.value == "." for each in compound):
            found.add("attribute:with-class")
        for block in blocks:
            parts = [each for each in block.content if each.type not in ("whitespace", "comment")]
            operator = _attribute_operator(parts)
            if (
                parts
                and parts[0].type == "ident"
                and parts[0].lower_value == "class"
                and operator in _PREFIX_BROKEN
            ):
                found.add("attribute:class-value")
        compound = []
    return frozenset(found)


def first_of_chains(selector: str) -> str:
    """A selector list with each chain of classes and ids cut to its first one, as Outlook
    for Windows reads chained selectors (`.a.b` as `.a`, `.x .a.b` as `.x .a`). A compound
    that starts with a type (`p.sub`, as Word's own `p.MsoNormal`) is left whole, and so is
    one with anything but classes and ids (`.a.b:hover`)."""
    tokens = tinycss2.parse_component_value_list(selector, skip_comments=True)
    read: list[Node] = []
    compound: list[Node] = []
    cut = False
    for token in [*tokens, None]:
        if token is not None and not _separates_compounds(token):
            compound.append(token)
            continue
        head = _head_of_chain(compound)
        cut = cut or head is not None
        read.extend(head if head is not None else compound)
        compound = []
        if token is not None:
            read.append(token)
    written = " ".join(selector.split())
    return " ".join(tinycss2.serialize(read).split()) if cut else written


def _separates_compounds(token: Node) -> bool:
    """Whitespace, a combinator or a comma: what ends a compound selector."""
    return token.type == "whitespace" or (token.type == "literal" and token.value in (">", "+", "~", ","))


def _head_of_chain(compound: Sequence[Node]) -> list[Node] | None:
    """The first selector of a compound made of two or more classes and ids alone, or None."""
    simple: list[list[Node]] = []
    position = 0
    while position < len(compound):
        token = compound[position]
        if token.type == "hash" and token.is_identifier:
            simple.append([token])
            position += 1
        elif (
            token.type == "literal"
            and token.value == "."
            and position + 1 < len(compound)
            and compound[position + 1].type == "ident"
        ):
            simple.append(list(compound[position : position + 2]))
            position += 2
        else:
            return None
    return simple[0] if len(simple) > 1 else None


def _attribute_syntax(block: Node) -> str:
    """[attr], [attr=value], [attr~=value]...: the syntax caniemail's notes speak of."""
    operator = _attribute_operator([token for token in block.content if token.type != "whitespace"])
    return f"[attr{operator}value]" if operator else "[attr]"


_OPERATORS = frozenset({"=", "~=", "|=", "^=", "$=", "*="})  # tinycss2 reads "~=" as one literal


def _attribute_operator(parts: Sequence[Node]) -> str:
    """The operator of an attribute selector's block ("" for a presence test like [class])."""
    return "".join(t.value for t in parts if t.type == "literal" and t.value in _OPERATORS)


def media_features(prelude: Sequence[Node]) -> tuple[list[str], frozenset[str], frozenset[str]]:
    """The caniemail features of a media query; its media types and feature names (the keys);
    and those with each condition as written (the values)."""
    found = ["css-at-media"]
    keys: set[str] = set()
    values: set[str] = set()
    for token in prelude:
        if token.type == "ident" and token.lower_value not in _MEDIA_KEYWORDS:
            keys.add(token.lower_value)
        elif token.type == "() block":
            inner = [t for t in token.content if t.type not in ("whitespace", "comment")]
            if inner and inner[0].type == "ident":
                keys.add(inner[0].lower_value)
            values.add("".join(tinycss2.serialize(token.content).split()).lower())
    found += [_MEDIA_FEATURES[key] for key in sorted(keys) if key in _MEDIA_FEATURES]
    return found, frozenset(keys), frozenset(keys | values)


PIXELS = re.compile(r"\d+(?:\.\d+)?(?:px)?")  # width="600", SendGrid's width="292.5"


def value_is(declaration: Declaration, keyword: str) -> bool:
    return declaration.value.strip().lower() == keyword


def value_in(declaration: Declaration, word: str) -> bool:
    return any(
        token.type == "ident" and token.lower_value == word for token in significant(declaration.tokens)
    )
