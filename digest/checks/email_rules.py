"""Rules the final, inlined email.html must pass before it is exported.

Each check reads the HTML exactly as the mail service will receive it and reports
`Finding`s: errors block the export, warnings do not (unless --strict).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from digest.errors import Finding, Severity
from digest.render.mailservice import DEFAULT_PLACEHOLDERS

Element = Any  # lxml.html.HtmlElement; lxml ships no type information
Rgb = tuple[int, int, int]

CHECK_NAMES: tuple[str, ...] = (
    "size",
    "styles",
    "doctype",
    "lang",
    "title",
    "preheader",
    "width",
    "tables",
    "img-alt",
    "headings",
    "link-names",
    "contrast",
    "unsafe-tags",
    "event-handlers",
    "javascript-urls",
    "urls",
    "fonts",
    "outlook-conditionals",
    "dark-mode",
)


@dataclass(frozen=True)
class EmailCheckSettings:
    """Limits of the email checks; `review_sizes` maps a review's title to the bytes it adds."""

    max_bytes_error: int = 102_000
    max_bytes_warning: int = 90_000
    max_style_bytes: int = 16_384
    max_width: int = 600
    allowed_placeholders: tuple[str, ...] = DEFAULT_PLACEHOLDERS
    review_sizes: Mapping[str, int] = field(default_factory=dict)


def check_email(
    html: str | bytes, settings: EmailCheckSettings, *, path: Path | None = None
) -> list[Finding]:
    """Run every email check on the final HTML and return the findings in CHECK_NAMES order."""
    raw = html.encode("utf-8") if isinstance(html, str) else html
    email = _Email.parse(raw)
    if email is None:
        findings = [Finding("error", "doctype", "email.html is empty or is not an HTML document")]
    else:
        findings = [finding for check in _CHECKS for finding in check(email, settings)]
    return [replace(finding, path=path) for finding in findings]


# --- CSS ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Declaration:
    name: str
    value: str
    important: bool = False


@dataclass(frozen=True)
class CssRule:
    selectors: str
    declarations: tuple[Declaration, ...]
    media: tuple[str, ...]  # the @media preludes (or <style media>) the rule sits in
    line: int | None


@dataclass(frozen=True)
class StyleSheet:
    rules: tuple[CssRule, ...]
    nested_at_rules: tuple[tuple[str, int | None], ...]  # at-rules inside @media, with their line
    imports: tuple[int | None, ...]  # lines of @import statements


_CSS_NOISE = re.compile(r"/\*.*?\*/|<!--|-->", re.S)
_IMPORTANT = re.compile(r"!\s*important\s*$", re.I)


def parse_css(text: str, *, media: tuple[str, ...] = (), first_line: int | None = None) -> StyleSheet:
    """The rules of a style sheet, and the at-rules Gmail rejects."""
    # Comments become spaces so that offsets still give the right line numbers.
    css = _CSS_NOISE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)

    def line_at(offset: int) -> int | None:
        return None if first_line is None else first_line + css.count("\n", 0, offset)

    rules: list[CssRule] = []
    nested: list[tuple[str, int | None]] = []
    imports: list[int | None] = []
    blocks: list[tuple[str, int]] = []  # open blocks: (prelude, offset where the body starts)
    start = 0
    i = 0
    while i < len(css):
        char = css[i]
        if char in "\"'":
            i = _skip_string(css, i)
            continue
        in_media = any(prelude.lower().startswith("@media") for prelude, _ in blocks)
        if char == "{":
            prelude = " ".join(css[start:i].split())
            if in_media and prelude.startswith("@"):
                nested.append((_at_keyword(prelude), line_at(_skip_space(css, start))))
            blocks.append((prelude, i + 1))
            start = i + 1
        elif char == "}":
            if blocks:
                prelude, body_start = blocks.pop()
                if prelude and not prelude.startswith("@"):
                    media_here = media + tuple(p for p, _ in blocks if p.lower().startswith("@media"))
                    declarations = parse_declarations(css[body_start:i])
                    rules.append(CssRule(prelude, declarations, media_here, line_at(body_start)))
            start = i + 1
        elif char == ";":
            statement = css[start:i].strip()
            if statement.startswith("@"):
                keyword = _at_keyword(statement)
                if in_media:
                    nested.append((keyword, line_at(_skip_space(css, start))))
                if keyword == "@import":
                    imports.append(line_at(_skip_space(css, start)))
            start = i + 1
        i += 1
    return StyleSheet(tuple(rules), tuple(nested), tuple(imports))


def parse_declarations(text: str) -> tuple[Declaration, ...]:
    """`name: value` pairs of a style attribute or a rule body, in source order."""
    declarations = []
    for part in _split_top_level(text, ";"):
        name, colon, value = part.partition(":")
        name = name.strip().lower()
        if not colon or not name:
            continue
        important = bool(_IMPORTANT.search(value))
        value = _IMPORTANT.sub("", value).strip()
        declarations.append(Declaration(name, value, important))
    return tuple(declarations)


def _skip_space(text: str, start: int) -> int:
    return len(text) - len(text[start:].lstrip()) if text[start:].strip() else start


def _skip_string(text: str, start: int) -> int:
    quote = text[start]
    i = start + 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == quote:
            return i + 1
        i += 1
    return len(text)


def _split_top_level(text: str, separator: str) -> list[str]:
    """Split on `separator` outside quotes and parentheses."""
    parts: list[str] = []
    depth = 0
    start = 0
    i = 0
    while i < len(text):
        char = text[i]
        if char in "\"'":
            i = _skip_string(text, i)
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        elif char == separator and depth == 0:
            parts.append(text[start:i])
            start = i + 1
        i += 1
    parts.append(text[start:])
    return parts


def _at_keyword(prelude: str) -> str:
    match = re.match(r"@[\w-]+", prelude)
    return match.group().lower() if match else prelude


def _winning(declarations: Sequence[Declaration], names: Sequence[str]) -> Declaration | None:
    """The declaration among `names` that applies: the last one, unless an earlier one is !important."""
    found: Declaration | None = None
    for declaration in declarations:
        if declaration.name in names and (found is None or declaration.important or not found.important):
            found = declaration
    return found


# --- colours -----------------------------------------------------------------------

_NAMED_COLOURS: dict[str, Rgb] = {
    "black": (0, 0, 0),
    "silver": (192, 192, 192),
    "gray": (128, 128, 128),
    "grey": (128, 128, 128),
    "white": (255, 255, 255),
    "maroon": (128, 0, 0),
    "red": (255, 0, 0),
    "purple": (128, 0, 128),
    "fuchsia": (255, 0, 255),
    "green": (0, 128, 0),
    "lime": (0, 255, 0),
    "olive": (128, 128, 0),
    "yellow": (255, 255, 0),
    "navy": (0, 0, 128),
    "blue": (0, 0, 255),
    "teal": (0, 128, 128),
    "aqua": (0, 255, 255),
    "orange": (255, 165, 0),
}
_HEX_COLOUR = re.compile(r"#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})")
_RGB_FUNCTION = re.compile(r"rgba?\(([^)]*)\)")


def parse_colour(value: str) -> Rgb | None:
    """An opaque colour written as #rgb, #rrggbb, rgb(), rgba() or a basic name; None otherwise."""
    value = value.strip().lower()
    if match := _HEX_COLOUR.fullmatch(value):
        return _hex_colour(match.group(1))
    if match := _RGB_FUNCTION.fullmatch(value):
        return _rgb_function(match.group(1))
    return _NAMED_COLOURS.get(value)


def _hex_colour(digits: str) -> Rgb | None:
    if len(digits) in (3, 4):
        digits = "".join(d * 2 for d in digits)
    if len(digits) == 8 and digits[6:] != "ff":
        return None  # translucent: its look depends on what is underneath
    return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))


def _rgb_function(arguments: str) -> Rgb | None:
    parts = [p for p in re.split(r"[\s,/]+", arguments.strip()) if p]
    if len(parts) not in (3, 4):
        return None
    try:
        channels = [_channel(p) for p in parts[:3]]
        if len(parts) == 4 and _alpha(parts[3]) < 1:
            return None
    except ValueError:
        return None
    return (channels[0], channels[1], channels[2])


def _channel(text: str) -> int:
    value = float(text[:-1]) * 2.55 if text.endswith("%") else float(text)
    return round(min(max(value, 0.0), 255.0))


def _alpha(text: str) -> float:
    return float(text[:-1]) / 100 if text.endswith("%") else float(text)


def _colour_in_background(value: str) -> Rgb | None:
    """The colour of a `background` shorthand (or `background-color`) value, if it has one."""
    tokens = re.findall(r"[\w-]+\([^)]*\)|[^\s(),]+", value)
    colours = [c for c in (parse_colour(t) for t in tokens) if c is not None]
    return colours[-1] if colours else None


def contrast_ratio(first: Rgb, second: Rgb) -> float:
    """WCAG 2 contrast ratio of two colours, from 1 to 21."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: Rgb) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else float(((c + 0.055) / 1.055) ** 2.4)

    red, green, blue = (linear(c) for c in colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _hex(colour: Rgb) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour)


# --- the parsed email --------------------------------------------------------------

_REPLACED_TAGS = frozenset(
    {"img", "video", "audio", "svg", "canvas", "hr", "iframe", "object", "embed", "input"}
)
_NON_TEXT_TAGS = frozenset({"script", "style", "template", "noscript", "title"})
_HEADING_EM = {"h1": 2.0, "h2": 1.5, "h3": 1.17, "h4": 1.0, "h5": 0.83, "h6": 0.67}
_BOLD_TAGS = frozenset({"b", "strong", "th", *_HEADING_EM})
_DARK_QUERY = re.compile(r"prefers-color-scheme\s*:\s*dark", re.I)


@dataclass(frozen=True)
class _TextRun:
    """An element that directly holds visible text."""

    element: Element
    text: str

    @property
    def snippet(self) -> str:
        words = " ".join(self.text.split())
        return words if len(words) <= 40 else words[:39] + "…"


class _Email:
    """The parsed document with the lookups the checks share."""

    def __init__(self, raw: bytes, root: Element) -> None:
        self.raw = raw
        self.text = raw.decode("utf-8", errors="replace")
        self.root = root
        self.body: Element | None = root.find("body")
        self._inline: dict[Element, tuple[Declaration, ...]] = {}
        self._hidden: dict[Element, bool] = {}
        self.sheets = [self._sheet(style) for style in self.elements("style")]

    @classmethod
    def parse(cls, raw: bytes) -> _Email | None:
        import lxml.html
        from lxml import etree

        try:
            root = lxml.html.document_fromstring(raw, parser=lxml.html.HTMLParser(encoding="utf-8"))
        except (etree.ParserError, ValueError):
            return None
        return cls(raw, root)

    @staticmethod
    def _sheet(style: Element) -> StyleSheet:
        media = style.get("media")
        return parse_css(style.text or "", media=(media,) if media else (), first_line=style.sourceline)

    def elements(self, *tags: str) -> Iterator[Element]:
        """Every element of the document (or those with one of `tags`), skipping comments."""
        from lxml import etree

        for element in self.root.iter(*tags or (etree.Element,)):
            if isinstance(element.tag, str):
                yield element

    def body_elements(self, *tags: str) -> Iterator[Element]:
        if self.body is None:
            return
        for element in self.body.iter(*tags):
            if isinstance(element.tag, str):
                yield element

    def inline(self, element: Element) -> tuple[Declaration, ...]:
        if element not in self._inline:
            self._inline[element] = parse_declarations(element.get("style") or "")
        return self._inline[element]

    def inline_value(self, element: Element, *names: str) -> str | None:
        declaration = _winning(self.inline(element), names)
        return None if declaration is None else declaration.value.lower()

    def is_hidden(self, element: Element) -> bool:
        """Whether the element or an ancestor is hidden by its inline style."""
        if element not in self._hidden:
            parent = element.getparent()
            self._hidden[element] = self._hides(element) or (parent is not None and self.is_hidden(parent))
        return self._hidden[element]

    def _hides(self, element: Element) -> bool:
        if element.get("hidden") is not None:
            return True
        display = self.inline_value(element, "display")
        visibility = self.inline_value(element, "visibility")
        opacity = self.inline_value(element, "opacity")
        overflow = self.inline_value(element, "overflow")
        heights = (self.inline_value(element, "max-height"), self.inline_value(element, "height"))
        return (
            display == "none"
            or visibility == "hidden"
            or (opacity is not None and _is_zero(opacity))
            or (overflow == "hidden" and any(h is not None and _is_zero(h) for h in heights))
        )

    def font_size(self, element: Element) -> float:
        """The element's font size in px, from inline styles and heading defaults."""
        factor = 1.0
        for node in _self_and_ancestors(element):
            value = self.inline_value(node, "font-size")
            if value is not None:
                if match := re.fullmatch(r"([\d.]+)\s*(px|pt)?", value):
                    size = float(match.group(1)) * (4 / 3 if match.group(2) == "pt" else 1)
                    return factor * size
                if match := re.fullmatch(r"([\d.]+)\s*(%|em|rem)", value):
                    relative = float(match.group(1)) / (100 if match.group(2) == "%" else 1)
                    if match.group(2) == "rem":
                        return factor * relative * 16
                    factor *= relative
                    continue
            if node.tag in _HEADING_EM and value is None:
                factor *= _HEADING_EM[node.tag]
        return factor * 16

    def is_bold(self, element: Element) -> bool:
        for node in _self_and_ancestors(element):
            weight = self.inline_value(node, "font-weight")
            if weight is not None and weight not in ("inherit", "unset"):
                return weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 700)
            if node.tag in _BOLD_TAGS:
                return True
        return False

    @cached_property
    def text_runs(self) -> list[_TextRun]:
        """Visible text in <body>, grouped by the element that directly holds it."""
        runs = []
        for element in self.body_elements():
            if element.tag in _NON_TEXT_TAGS:
                continue
            text = (element.text or "") + "".join(child.tail or "" for child in element)
            if text.strip() and not self.is_hidden(element) and self.font_size(element) > 0:
                runs.append(_TextRun(element, text))
        return runs


def _self_and_ancestors(element: Element) -> Iterator[Element]:
    node = element
    while node is not None:
        yield node
        node = node.getparent()


def _is_zero(value: str) -> bool:
    return re.fullmatch(r"(?:0+\.?0*|\.0+)\s*(?:px|em|rem|%|pt)?", value.strip()) is not None


def _px(value: str | None, *, unitless: bool) -> float | None:
    """A length in px; `unitless` accepts bare numbers as HTML width attributes do."""
    if value is None:
        return None
    pattern = r"([\d.]+)\s*(px)?" if unitless else r"([\d.]+)\s*px|(0)"
    match = re.fullmatch(pattern, value.strip().lower())
    if not match:
        return None
    try:
        return float(match.group(1) or 0)
    except ValueError:
        return None


# --- reporting ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Problem:
    message: str
    line: int | None = None


def _report(check: str, severity: Severity, problems: Sequence[_Problem], advice: str) -> list[Finding]:
    """One finding per check: the first problem, how many more there are, and what to do."""
    if not problems:
        return []
    first = problems[0]
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return [Finding(severity, check, f"{first.message}{more}; {advice}", line=first.line)]


# --- the checks --------------------------------------------------------------------


def _check_size(email: _Email, settings: EmailCheckSettings) -> list[Finding]:
    size = len(email.raw)
    if size >= settings.max_bytes_error:
        severity: Severity = "error"
        why = f"Gmail clips messages of {settings.max_bytes_error:,} bytes or more and drops their styles"
    elif size >= settings.max_bytes_warning:
        severity = "warning"
        why = (
            f"close to Gmail's {settings.max_bytes_error:,}-byte clipping limit "
            "once the mail service adds its markup"
        )
    else:
        return []
    heaviest = ""
    if settings.review_sizes:
        title, weight = max(sorted(settings.review_sizes.items()), key=lambda item: item[1])
        heaviest = f'; the heaviest review is "{title}" ({weight:,} bytes)'
    message = f"email.html is {size:,} bytes, {why}{heaviest}; use shorter excerpts or fewer reviews"
    return [Finding(severity, "size", message)]


def _check_styles(email: _Email, settings: EmailCheckSettings) -> list[Finding]:
    total = sum(len((style.text or "").encode("utf-8")) for style in email.elements("style"))
    findings = []
    if total > settings.max_style_bytes:
        findings.append(
            Finding(
                "error",
                "styles",
                f"<style> blocks hold {total:,} bytes, over Gmail's {settings.max_style_bytes:,}; "
                "Gmail drops them all: trim the mobile and dark-mode rules",
            )
        )
    nested = [
        _Problem(f"{keyword} sits inside @media", line)
        for sheet in email.sheets
        for keyword, line in sheet.nested_at_rules
    ]
    findings += _report(
        "styles", "error", nested, "Gmail drops the whole <style> block: move it out of @media"
    )
    imports = [
        _Problem("@import loads a remote stylesheet", line)
        for sheet in email.sheets
        for line in sheet.imports
    ]
    findings += _report("styles", "error", imports, "mail apps block it: put the rules in the template")
    return findings


_DOCTYPE = re.compile(r"\A\ufeff?\s*(?:<!--.*?-->\s*)*<!doctype\s+html\s*>", re.I | re.S)


def _check_doctype(email: _Email, settings: EmailCheckSettings) -> list[Finding]:
    if _DOCTYPE.match(email.text):
        return []
    return [
        Finding(
            "error", "doctype", "email.html does not start with <!doctype html>; add it as the first line"
        )
    ]


def _check_lang(email: _Email, settings: EmailCheckSettings) -> list[Finding]:
    lang = (email.root.get("lang") or "").strip()
    if lang and lang.lower() != "und":
        return []
    problem = "has no lang attribute" if not lang else 'has lang="und"'
    return [
        Finding(
            "error",
            "lang",
            f'<html> {problem}; set the language (lang="en") so screen readers pronounce it right',
        )
    ]


def _check_title(email: _Email, settings: EmailCheckSettings) -> list[Finding]:
    title = email.root.find("head/title")
    if title is not None and title.text_content().strip():
        return []
    return [Finding("error", "title", "the <title> is missing or empty; give it the issue's subject")]


def _check_preheader(email: _Email, settings: EmailCheckSettings) -> list[Finding]:
    advice = (
        'start <body> with a hidden preheader, e.g. <div style="display:none;max-height:0;overflow:hidden">'
        "a one-line summary</div>"
    )
    first = _first_content(email.body) if email.body is not None else None
    if first is None:
        return [Finding("error", "preheader", f"<body> has no content; {advice}")]
    holder, text = first
    if text and email.is_hidden(holder):
        return []
    what = f'the text "{_TextRun(holder, text).snippet}"' if text else f"an <{holder.tag}>"
    return [
        Finding(
            "error", "preheader", f"the first content of <body> is {what}; {advice}", line=holder.sourceline
        )
    ]


def _first_content(element: Element) -> tuple[Element, str] | None:
    """The first text (with the element holding it) or replaced element (with "") inside `element`."""
    if element.text and element.text.strip():
        return element, element.text
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _NON_TEXT_TAGS:
            if child.tag in _REPLACED_TAGS:
                return child, ""
            found = _first_content(child)
            if found is not None:
                return found
        if child.tail and child.tail.strip():
            return element, child.tail
    return None


def _check_width(email: _Email, settings: EmailCheckSettings) -> list[Finding]:
    limit = settings.max_width
    too_wide = []
    for element in email.body_elements():
        for name, width in _declared_widths(email, element):
            if width > limit:
                too_wide.append(_Problem(f"<{element.tag}> has {name}", element.sourceline))
    findings = _report("width", "error", too_wide, f"keep content at most {limit}px wide")
    unbounded = [
        _Problem(f'the text "{run.snippet}" is in no container of at most {limit}px', run.element.sourceline)
        for run in email.text_runs
        if not any(_bounds_width(email, node, limit) for node in _self_and_ancestors(run.element))
    ]
    findings += _report(
        "width", "error", unbounded, f"wrap the content in a container with max-width:{limit}px"
    )
    return findings


def _declared_widths(email: _Email, element: Element) -> Iterator[tuple[str, float]]:
    """The element's widths in px, each labelled as written (width="640", max-width:700px)."""
    attribute = element.get("width")
    width = _px(attribute, unitless=True)
    if width is not None:
        yield f'width="{attribute}"', width
    for declaration in email.inline(element):
        if declaration.name in ("width", "min-width", "max-width"):
            width = _px(declaration.value, unitless=False)
            if width is not None:
                yield f"{declaration.name}:{declaration.value}", width


def _bounds_width(email: _Email, element: Element, limit: int) -> bool:
    return any(
        0 < width <= limit
        for label, width in _declared_widths(email, element)
        if not label.startswith("min-width")
    )


def _check_tables(email: _Email, settings: EmailCheckSettings) -> list[Finding]:
    problems = [
        _Problem('a layout <table> has no role="presentation"', table.sourceline)
        for table in email.body_elements("table")
        if (table.get("role") or "").strip().lower() not in ("presentation", "none")
        and not _is_data_table(table)
    ]
    return _report(
        "tables", "error", problems, 'add role="presentation" so screen readers do not announce a grid'
    )


def _is_data_table(table: Element) -> bool:
    return bool(table.xpath("./caption | ./tr/th | ./thead/tr/th | ./tbody/tr/th"))


def _check_img_alt(email: _Email, settings: EmailCheckSettings) -> list[Finding]:
    problems = [
        _Problem(f'<img src="{image.get("src", "")}"> has no alt', image.sourceline)
        for image in email.elements("img")
        if image.get("alt") is None
    ]
    return _report(
        "img-alt", "error", problems, 'describe the image in alt, or use alt="" if it is decoration'
    )


def _check_headings(email: _Email, settings: EmailCheckSettings) -> list[Finding]:
    problems = []
    previous: int | None = None
    for heading in email.body_elements(*_HEADING_EM):
        level = int(heading.tag[1])
        if previous is not None and level > previous + 1:
            problems.append(_Problem(f"<h{level}> follows <h{previous}>", heading.sourceline))
        previous = level
    return _report(
        "headings", "error", problems, "do not skip heading levels; screen reader users navigate by them"
    )


def _check_link_names(email: _Email, settings: EmailCheckSettings) -> list[Finding]:
    problems = [
        _Problem(f"the link to {link.get('href')} has no text", link.sourceline)
        for link in email.elements("a")
        if link.get("href") is not None and not _accessible_name(email, link)
    ]
    return _report("link-names", "error", problems, "give it text, an aria-label, or an image with alt text")


def _accessible_name(email: _Email, link: Element) -> str:
    labels = [
        email.root.xpath("//*[@id=$ref]", ref=ref) for ref in (link.get("aria-labelledby") or "").split()
    ]
    labelled_by = " ".join(node.text_content() for nodes in labels for node in nodes)
    alts = " ".join(image.get("alt") or "" for image in link.iter("img"))
    parts = (link.get("aria-label"), labelled_by, link.text_content(), alts, link.get("title"))
    return " ".join(part for part in parts if part).strip()


@dataclass(frozen=True)
class _Scheme:
    """How text and background colours resolve in one colour scheme."""

    text: Rgb
    link: Rgb
    canvas: Rgb
    # declarations from <style> rules, by (element, "color" | "background"); inline styles beat them
    # unless they are !important
    overrides: Mapping[tuple[Element, str], Declaration] = field(default_factory=dict)


_LIGHT = _Scheme(text=(0, 0, 0), link=(0, 0, 238), canvas=(255, 255, 255))
_COLOUR_PROPERTIES: dict[str, tuple[str, ...]] = {
    "color": ("color",),
    "background": ("background", "background-color"),
}


def _check_contrast(email: _Email, settings: EmailCheckSettings) -> list[Finding]:
    problems = [
        _Problem(f'"{run.snippet}" {failure}', run.element.sourceline)
        for run, failure in _low_contrast(email, _LIGHT)
    ]
    return _report(
        "contrast",
        "error",
        problems,
        "WCAG AA needs 4.5:1 (3:1 for large text): change the text or background colour",
    )


def _low_contrast(email: _Email, scheme: _Scheme) -> Iterator[tuple[_TextRun, str]]:
    """Text runs whose colour does not stand out enough from their background, once per colour pair."""
    seen: set[tuple[Rgb, Rgb, float]] = set()
    for run in email.text_runs:
        text = _text_colour(email, scheme, run.element)
        if text is None:
            continue
        background = _background_colour(email, scheme, run.element)
        size = email.font_size(run.element)
        large = size >= 24 or (size >= 18.66 and email.is_bold(run.element))
        needed = 3.0 if large else 4.5
        ratio = contrast_ratio(text, background)
        if ratio < needed and (text, background, needed) not in seen:
            seen.add((text, background, needed))
            yield run, f"is {_hex(text)} on {_hex(background)} ({ratio:.1f}:1, needs {needed:g}:1)"


def _scheme_declaration(email: _Email, scheme: _Scheme, element: Element, group: str) -> Declaration | None:
    inline = _winning(email.inline(element), _COLOUR_PROPERTIES[group])
    rule = scheme.overrides.get((element, group))
    if rule is not None and (inline is None or (rule.important and not inline.important)):
        return rule
    return inline


def _text_colour(email: _Email, scheme: _Scheme, element: Element) -> Rgb | None:
    """The text colour, or None when it is written in a way this check cannot evaluate."""
    for node in _self_and_ancestors(element):
        declaration = _scheme_declaration(email, scheme, node, "color")
        if declaration is not None and declaration.value.lower() not in ("inherit", "unset"):
            return parse_colour(declaration.value)
        if node.tag == "a" and node.get("href") is not None:
            return scheme.link
    return scheme.text


def _background_colour(email: _Email, scheme: _Scheme, element: Element) -> Rgb:
    for node in _self_and_ancestors(element):
        declaration = _scheme_declaration(email, scheme, node, "background")
        if declaration is not None:
            colour = _colour_in_background(declaration.value)
        else:
            colour = parse_colour(node.get("bgcolor") or "")
        if colour is not None:
            return colour
    return scheme.canvas


_UNSAFE_TAGS = ("script", "form", "input", "iframe", "object", "embed")


def _check_unsafe_tags(email: _Email, settings: EmailCheckSettings) -> list[Finding]:
    problems = [_Problem(f"<{element.tag}>", element.sourceline) for element in email.elements(*_UNSAFE_TAGS)]
    problems += [
        _Problem('<link rel="stylesheet">', link.sourceline)
        for link in email.elements("link")
        if "stylesheet" in (link.get("rel") or "").lower().split()
    ]
    problems.sort(key=lambda problem: problem.line or 0)
    return _report(
        "unsafe-tags", "error", problems, "mail apps strip it or mark the message as dangerous: remove it"
    )


def _check_event_handlers(email: _Email, settings: EmailCheckSettings) -> list[Finding]:
    problems = [
        _Problem(f"<{element.tag} {name}>", element.sourceline)
        for element in email.elements()
        for name in element.attrib
        if name.lower().startswith("on")
    ]
    return _report("event-handlers", "error", problems, "mail apps never run scripts: remove the attribute")


_URL_ATTRIBUTES = (
    "href",
    "src",
    "action",
    "formaction",
    "background",
    "poster",
    "cite",
    "data",
    "xlink:href",
)


def _is_javascript_url(value: str) -> bool:
    # Browsers ignore whitespace and control characters inside the scheme.
    return re.sub(r"[\x00-\x20]", "", value).lower().startswith("javascript:")


def _check_javascript_urls(email: _Email, settings: EmailCheckSettings) -> list[Finding]:
    problems = [
        _Problem(f"<{element.tag} {name}> holds a javascript: URL", element.sourceline)
        for element in email.elements()
        for name, value in element.attrib.items()
        if name.lower() in _URL_ATTRIBUTES and _is_javascript_url(value)
    ]
    problems += [
        _Problem(f"<{element.tag}> style loads a javascript: URL", element.sourceline)
        for element in email.elements()
        if re.search(r"url\(\s*['\"]?\s*javascript:", element.get("style") or "", re.I)
    ]
    return _report("javascript-urls", "error", problems, "remove it: mail apps never run scripts")


def _check_urls(email: _Email, settings: EmailCheckSettings) -> list[Finding]:
    placeholders = [re.compile(pattern) for pattern in settings.allowed_placeholders]
    problems = []
    for element in email.elements():
        for name in ("href", "src"):
            value = element.get(name)
            if value is None or _is_javascript_url(value):
                continue
            why = _url_problem(value.strip(), placeholders)
            if why:
                problems.append(_Problem(f'<{element.tag} {name}="{value}"> {why}', element.sourceline))
    return _report(
        "urls",
        "error",
        problems,
        "every href and src must be an absolute https: URL, mailto:, tel: or a merge tag",
    )


def _url_problem(url: str, placeholders: Sequence[re.Pattern[str]]) -> str | None:
    """Why a URL will not work from an inbox, or None when it will."""
    if any(pattern.fullmatch(url) for pattern in placeholders):
        return None
    if any(pattern.fullmatch(unquote(url)) for pattern in placeholders):
        return "is a merge tag the HTML serializer escaped, which the mail service will not expand"
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "https" and parts.netloc:
        return None
    if scheme in ("mailto", "tel") and parts.path:
        return None
    if not url:
        return "is empty"
    if url.startswith("#"):
        return "is an in-page anchor, which most mail apps ignore"
    if scheme == "http":
        return "is not https"
    if not scheme:
        return "is relative and breaks once the email leaves the site"
    return f"uses {scheme}:, which mail apps block"


_GENERIC_FAMILIES = frozenset(
    {
        "serif",
        "sans-serif",
        "monospace",
        "cursive",
        "fantasy",
        "system-ui",
        "ui-serif",
        "ui-sans-serif",
        "ui-monospace",
        "ui-rounded",
        "emoji",
        "math",
        "fangsong",
    }
)
# Whole values of font or font-family that name no stack at all.
_FONT_KEYWORDS = frozenset(
    {
        "inherit",
        "initial",
        "unset",
        "revert",
        "revert-layer",
        "caption",
        "icon",
        "menu",
        "message-box",
        "small-caption",
        "status-bar",
    }
)


def _check_fonts(email: _Email, settings: EmailCheckSettings) -> list[Finding]:
    problems = []
    seen: set[str] = set()
    for stack, line in _font_stacks(email):
        if stack not in seen and not _ends_in_generic(stack):
            seen.add(stack)
            problems.append(_Problem(f'the font stack "{stack}" has no generic family', line))
    return _report(
        "fonts", "error", problems, "end it with serif, sans-serif or monospace for apps without the font"
    )


def _font_stacks(email: _Email) -> Iterator[tuple[str, int | None]]:
    for sheet in email.sheets:
        for rule in sheet.rules:
            for declaration in rule.declarations:
                if declaration.name in ("font-family", "font"):
                    yield _family_of(declaration), rule.line
    for element in email.elements():
        for declaration in email.inline(element):
            if declaration.name in ("font-family", "font"):
                yield _family_of(declaration), element.sourceline
        if element.tag == "font" and element.get("face"):
            yield element.get("face").strip(), element.sourceline


def _family_of(declaration: Declaration) -> str:
    """The family list of a font-family or font declaration."""
    value = declaration.value.strip()
    if declaration.name == "font-family" or value.lower() in _FONT_KEYWORDS:
        return value
    # In the `font` shorthand the family list comes last, after the size: take the words after it.
    match = re.search(r"[\d.]+(?:px|pt|em|rem|%)(?:\s*/\s*[\w.%]+)?\s+(.+)$", value, re.I)
    return match.group(1).strip() if match else value


def _ends_in_generic(stack: str) -> bool:
    if stack.lower() in _FONT_KEYWORDS or "var(" in stack:
        return True
    last = _split_top_level(stack, ",")[-1].strip()
    return last.lower() in _GENERIC_FAMILIES


_CONDITIONAL = re.compile(r"(?P<open><!(?:--)?\[if\b[^\]>]*\]>)|(?P<close><!\[endif\]\s*(?:--)?>)", re.I)


def _check_outlook_conditionals(email: _Email, settings: EmailCheckSettings) -> list[Finding]:
    problems = []
    open_line: int | None = None
    for match in _CONDITIONAL.finditer(email.text):
        line = email.text.count("\n", 0, match.start()) + 1
        if match.group("open"):
            if open_line is not None:
                problems.append(
                    _Problem(f"a conditional comment opened at line {open_line} is not closed", line)
                )
            open_line = line
        elif open_line is None:
            problems.append(_Problem(f"{match.group()} closes no conditional comment", line))
        else:
            open_line = None
    if open_line is not None:
        problems.append(_Problem("a conditional comment is never closed", open_line))
    return _report(
        "outlook-conditionals",
        "error",
        problems,
        "pair every <!--[if mso]> with <![endif]-->, or Outlook hides the rest",
    )


# What a browser shows for unstyled text once the email declares it supports dark mode.
_DARK = _Scheme(text=(255, 255, 255), link=(158, 158, 255), canvas=(18, 18, 18))


def _check_dark_mode(email: _Email, settings: EmailCheckSettings) -> list[Finding]:
    findings = _check_colour_scheme_meta(email)
    rules = [
        rule
        for sheet in email.sheets
        for rule in sheet.rules
        if any(_DARK_QUERY.search(m) for m in rule.media)
    ]
    if not rules:
        findings.append(
            Finding(
                "error",
                "dark-mode",
                "no @media (prefers-color-scheme: dark) rules survived inlining; "
                "keep them in a <style> block with !important colours",
            )
        )
        return findings
    findings += _report(
        "dark-mode",
        "error",
        _unreadable_dark_rules(rules),
        "pick a text colour that stands out from the background",
    )
    scheme = replace(_DARK, overrides=_dark_overrides(email, rules))
    problems = [
        _Problem(f'in dark mode, "{run.snippet}" {failure}', run.element.sourceline)
        for run, failure in _low_contrast(email, scheme)
    ]
    findings += _report(
        "dark-mode",
        "error",
        problems,
        "give that element dark-mode text and background colours with !important",
    )
    return findings


def _check_colour_scheme_meta(email: _Email) -> list[Finding]:
    contents = {
        (meta.get("name") or "").strip().lower(): (meta.get("content") or "").lower()
        for meta in email.elements("meta")
    }
    return [
        Finding(
            "error",
            "dark-mode",
            f'<meta name="{name}"> is missing or does not list dark; '
            f'add <meta name="{name}" content="light dark">',
        )
        for name in ("color-scheme", "supported-color-schemes")
        if "dark" not in contents.get(name, "")
    ]


def _unreadable_dark_rules(rules: Sequence[CssRule]) -> list[_Problem]:
    problems = []
    for rule in rules:
        text = _winning(rule.declarations, _COLOUR_PROPERTIES["color"])
        background = _winning(rule.declarations, _COLOUR_PROPERTIES["background"])
        if text is None or background is None:
            continue
        text_colour, background_colour = parse_colour(text.value), _colour_in_background(background.value)
        if text_colour is None or background_colour is None:
            continue
        ratio = contrast_ratio(text_colour, background_colour)
        if ratio < 4.5:
            problems.append(
                _Problem(
                    f"the dark-mode rule {rule.selectors} sets {_hex(text_colour)} "
                    f"on {_hex(background_colour)} ({ratio:.1f}:1, needs 4.5:1)",
                    rule.line,
                )
            )
    return problems


def _dark_overrides(email: _Email, rules: Sequence[CssRule]) -> dict[tuple[Element, str], Declaration]:
    """The colour declarations each element gets from the dark-mode rules, by cascade order."""
    ranked: dict[tuple[Element, str], tuple[tuple[bool, tuple[int, ...], int], Declaration]] = {}
    for order, rule in enumerate(rules):
        for selector in _split_top_level(rule.selectors, ","):
            compiled = _compile_selector(selector.strip())
            if compiled is None:
                continue
            match, specificity = compiled
            for group, names in _COLOUR_PROPERTIES.items():
                declaration = _winning(rule.declarations, names)
                if declaration is None:
                    continue
                rank = (declaration.important, specificity, order)
                for element in match(email.root):
                    current = ranked.get((element, group))
                    if current is None or rank >= current[0]:
                        ranked[(element, group)] = (rank, declaration)
    return {key: declaration for key, (_, declaration) in ranked.items()}


def _compile_selector(selector: str) -> tuple[Callable[[Element], list[Element]], tuple[int, ...]] | None:
    """A matcher and the specificity of a selector, or None for selectors lxml cannot evaluate (:hover)."""
    import cssselect
    from lxml.cssselect import CSSSelector

    try:
        parsed = cssselect.parse(selector)
        matcher = CSSSelector(selector, translator="html")
    except cssselect.SelectorError:
        return None
    specificity: tuple[int, ...] = max(p.specificity() for p in parsed)
    return matcher, specificity


_CHECKS: tuple[Callable[[_Email, EmailCheckSettings], list[Finding]], ...] = (
    _check_size,
    _check_styles,
    _check_doctype,
    _check_lang,
    _check_title,
    _check_preheader,
    _check_width,
    _check_tables,
    _check_img_alt,
    _check_headings,
    _check_link_names,
    _check_contrast,
    _check_unsafe_tags,
    _check_event_handlers,
    _check_javascript_urls,
    _check_urls,
    _check_fonts,
    _check_outlook_conditionals,
    _check_dark_mode,
)
