"""Rules the final, inlined email.html must pass before it is exported.

Each check reads the HTML exactly as the mail service will receive it and reports
`Finding`s: errors block the export, warnings do not (unless --strict). Given the email's
sources, a finding names the file the editor changes (the stylesheet, the template,
issue.md) rather than the compiled HTML; the compiled line is kept in the message.

Every check runs in time linear in the size of the email, and the size comes first: an
email Gmail clips fails on that alone, before anything else is parsed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from digest.checks import darkmode
from digest.checks.css import (
    CURRENT_COLOUR,
    MAX_CSS_NESTING,
    MAX_NUMBER_DIGITS,
    Colour,
    CssRule,
    Declaration,
    StyleSheet,
    colour_in,
    contrast_ratio,
    longest_number,
    nesting_depth,
    parse_colour,
    parse_css,
    parse_declarations,
    readable_css,
    significant,
    winning,
)
from digest.checks.origins import EmailSources, Location
from digest.checks.urls import UrlRules, judge, scheme_of
from digest.errors import Finding, Severity, quoted
from digest.render.mailservice import DEFAULT_PLACEHOLDERS

Element = Any  # lxml.html.HtmlElement; lxml ships no type information

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
    """Limits of the email checks; `review_sizes` maps a review's title to the bytes it adds.

    `urls` are the rules for the email's links; None leaves them to the link check, which
    judges every link of a build with the same rules and names the file it was written in.
    `sources` are the files the email was made from, for findings to point at.
    """

    max_bytes_error: int = 102_000
    max_bytes_warning: int = 90_000
    max_style_bytes: int = 16_384
    max_width: int = 600
    max_preheader_chars: int = 150
    urls: UrlRules | None = field(default_factory=lambda: UrlRules(placeholders=DEFAULT_PLACEHOLDERS))
    review_sizes: Mapping[str, int] = field(default_factory=dict)
    intro_bytes: int = 0  # what the editor's introduction in issue.md adds
    link_items: tuple[int, int] = (0, 0)  # how many link items issue.md lists, and the bytes they add
    sources: EmailSources | None = None


def check_email(
    html: str | bytes, settings: EmailCheckSettings, *, path: Path | None = None
) -> list[Finding]:
    """Run every email check on the final HTML and return the findings in CHECK_NAMES order.

    A finding the sources cannot place names `path` (the compiled email) with its line,
    or, given sources, the template with the compiled line in its message.
    """
    raw = html.encode("utf-8") if isinstance(html, str) else html
    size = _check_size(len(raw), settings)
    if any(finding.severity == "error" for finding in size):
        return [_placed(finding, settings, path) for finding in size]
    email = EmailDocument.parse(raw)
    if email is None:
        findings = [Finding("error", "doctype", "email.html is empty or is not an HTML document")]
    else:
        findings = size + [finding for check in _CHECKS for finding in check(email, settings)]
    return [_placed(finding, settings, path) for finding in findings]


def _placed(finding: Finding, settings: EmailCheckSettings, path: Path | None) -> Finding:
    if finding.path is not None:
        return finding
    fallback = settings.sources.fallback() if settings.sources is not None else None
    if fallback is None:
        return replace(finding, path=path)
    compiled = f" (compiled email.html line {finding.line})" if finding.line else ""
    return replace(finding, message=finding.message + compiled, path=fallback.path, line=fallback.line)


# --- the parsed email --------------------------------------------------------------

_REPLACED_TAGS = frozenset(
    {"img", "video", "audio", "svg", "canvas", "hr", "iframe", "object", "embed", "input"}
)
_NON_TEXT_TAGS = frozenset({"script", "style", "template", "noscript", "title"})
_HEADING_EM = {"h1": 2.0, "h2": 1.5, "h3": 1.17, "h4": 1.0, "h5": 0.83, "h6": 0.67}
_BOLD_TAGS = frozenset({"b", "strong", "th", *_HEADING_EM})
_DARK_QUERY = re.compile(r"prefers-color-scheme\s*:\s*dark", re.I)
_ZERO_CLIP = re.compile(r"rect\(\s*(?:0|1)(?:px)?(?:[\s,]+(?:0|1)(?:px)?){3}\s*\)")


@dataclass(frozen=True)
class TextRun:
    """An element that directly holds visible text."""

    element: Element
    text: str

    @property
    def snippet(self) -> str:
        return _snippet(self.text)


def _snippet(text: str) -> str:
    words = " ".join(text.split())
    return words if len(words) <= 40 else words[:39] + "…"


class EmailDocument:
    """The parsed email with the lookups the checks share.

    `outlook` reads it as Outlook for Windows does, where `mso-hide:all` hides too. With
    `match` (a selector's elements in `root`), what hides an element is read from the rules
    of its <style> blocks as well as its style attribute (the client report's reading); with
    `media` too (whether a rule's @media preludes apply on the screen read), from the rules
    inside @media blocks that apply as well.
    """

    def __init__(
        self,
        raw: bytes,
        root: Element,
        *,
        outlook: bool = False,
        match: Callable[[str], list[Element] | None] | None = None,
        media: Callable[[tuple[str, ...]], bool] | None = None,
    ) -> None:
        self.raw = raw
        self.match = match
        self.media = media
        self.text = raw.decode("utf-8", errors="replace")
        self.root = root
        self.outlook = outlook
        self.body: Element | None = root.find("body")
        self._inline: dict[Element, tuple[Declaration, ...]] = {}
        self._hidden: dict[Element, bool] = {}
        self._font_size: dict[Element, float] = {}

    @cached_property
    def sheets(self) -> list[StyleSheet]:
        """The <style> blocks, parsed on first use: the client views never read them."""
        return [self._sheet(style) for style in self.elements("style")]

    @classmethod
    def parse(cls, raw: bytes, *, outlook: bool = False) -> EmailDocument | None:
        import lxml.html
        from lxml import etree

        try:
            parser = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True)
            root = lxml.html.document_fromstring(raw, parser=parser)
        except (etree.ParserError, ValueError):
            return None
        return cls(raw, root, outlook=outlook)

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

    def inline_declaration(self, element: Element, *names: str) -> Declaration | None:
        return winning(self.inline(element), names)

    def inline_value(self, element: Element, *names: str) -> str | None:
        declaration = self.inline_declaration(element, *names)
        return None if declaration is None else declaration.value.lower()

    def is_hidden(self, element: Element) -> bool:
        """Whether the element or an ancestor is hidden by its inline style (iteratively:
        a deep document must not exhaust the stack)."""
        chain = []
        node = element
        while node is not None and node not in self._hidden:
            chain.append(node)
            node = node.getparent()
        hidden = False if node is None else self._hidden[node]
        for each in reversed(chain):
            hidden = hidden or self.hides(each)
            self._hidden[each] = hidden
        return self._hidden[element]

    def hides(self, element: Element) -> bool:
        """Whether the element's own attributes and inline style (and, read with `match`, the
        style blocks' rules) hide it from sight."""
        if element.get("hidden") is not None:
            return True
        ruled = self._ruled_visibility.get(element)
        if ruled is None:
            return _style_hides(element.get("style") or "", self.outlook)
        return _values_hide(_cascade(ruled, self.inline(element)).get, self.outlook)

    @cached_property
    def _ruled_visibility(self) -> dict[Element, list[Declaration]]:
        """The declarations deciding visibility that style-block rules give each element they
        match, in source order (empty without `match`): rules outside at-rules, and those
        inside @media blocks where `media` says they apply."""
        found: dict[Element, list[Declaration]] = {}
        if self.match is None:
            return found
        for style in self.elements("style"):
            if (style.get("media") or "all").strip().lower() not in ("all", "screen"):
                continue
            for selectors, hiding, media in _visibility_rules(style.text or ""):
                if media and (self.media is None or not self.media(media)):
                    continue
                for element in self.match(selectors) or ():
                    found.setdefault(element, []).extend(hiding)
        return found

    def font_size(self, element: Element) -> float:
        """The element's font size in px, from inline styles and heading defaults."""
        chain = []
        node = element
        while node is not None and node not in self._font_size:
            chain.append(node)
            node = node.getparent()
        inherited = 16.0 if node is None else self._font_size[node]
        for each in reversed(chain):
            inherited = self._own_font_size(each, inherited)
            self._font_size[each] = inherited
        return self._font_size[element]

    def _own_font_size(self, element: Element, inherited: float) -> float:
        return _font_size(element.get("style") or "", element.tag, inherited)

    def is_bold(self, element: Element) -> bool:
        for node in _self_and_ancestors(element):
            weight = self.inline_value(node, "font-weight")
            if weight is not None and weight not in ("inherit", "unset"):
                numeric = re.fullmatch(r"[0-9]{1,4}", weight)  # CSS weights run 1 to 1000 ('²' is no number)
                return weight in ("bold", "bolder") or (numeric is not None and int(weight) >= 700)
            if node.tag in _BOLD_TAGS:
                return True
        return False

    @cached_property
    def text_runs(self) -> list[TextRun]:
        """Visible text in <body>, grouped by the element that directly holds it."""
        return self._runs(None)

    @cached_property
    def line_runs(self) -> list[TextRun]:
        """Text in <body> that makes a line, grouped by the element that directly holds it: the
        visible text and no-break spaces alone (CSS Text 3, 4.1.1: only spaces, tabs and line
        breaks collapse away)."""
        return self._runs(_COLLAPSIBLE)

    def _runs(self, blanks: str | None) -> list[TextRun]:
        runs = []
        for element in self.body_elements():
            if element.tag in _NON_TEXT_TAGS:
                continue
            text = (element.text or "") + "".join(child.tail or "" for child in element)
            if text.strip(blanks) and not self.is_hidden(element) and self.font_size(element) > 0:
                runs.append(TextRun(element, text))
        return runs

    @cached_property
    def ids(self) -> dict[str, Element]:
        """Each id with the first element that carries it."""
        found: dict[str, Element] = {}
        for element in self.elements():
            identifier = element.get("id")
            if identifier is not None:
                found.setdefault(identifier, element)
        return found


# The white space CSS collapses away (CSS Text 3, 4.1.1): a no-break space is not of it.
_COLLAPSIBLE = " \t\n\r\f"
# What decides whether an element is seen (see _style_hides).
_VISIBILITY_PROPERTIES = frozenset(
    {"display", "visibility", "opacity", "overflow", "max-height", "height", "max-width", "width",
     "position", "clip", "clip-path", "mso-hide"}
)  # fmt: skip


@lru_cache(maxsize=256)
def _visibility_rules(text: str) -> tuple[tuple[str, tuple[Declaration, ...], tuple[str, ...]], ...]:
    """(selectors, declarations deciding visibility, the @media preludes around it) of a
    style sheet's rules: the client views share most of their style blocks' text."""
    found = []
    for rule in parse_css(text).rules:
        hiding = tuple(d for d in rule.declarations if d.name in _VISIBILITY_PROPERTIES)
        # A size hides only at (nearly) nothing: the many width rules of a layout do not.
        if any(d.name not in _BOXES or _at_most_1px(d.value.lower()) for d in hiding):
            found.append((rule.selectors, hiding, rule.media))
    return tuple(found)


_BOXES = frozenset({"max-height", "height", "max-width", "width"})


def _cascade(ruled: Sequence[Declaration], inline: Sequence[Declaration]) -> dict[str, str]:
    """The value (lowercase) of each property that wins: the rules' in source order, then the
    element's own, which an !important rule beats unless it is !important itself."""
    won: dict[str, Declaration] = {}
    for declaration in ruled:
        current = won.get(declaration.name)
        if current is None or declaration.important or not current.important:
            won[declaration.name] = declaration
    for declaration in inline:
        current = won.get(declaration.name)
        if current is None or declaration.important or not current.important:
            won[declaration.name] = declaration
    return {name: declaration.value.lower() for name, declaration in won.items()}


def _self_and_ancestors(element: Element) -> Iterator[Element]:
    node = element
    while node is not None:
        yield node
        node = node.getparent()


@lru_cache(maxsize=8192)
def _inline_values(style: str) -> Mapping[str, str]:
    """The value (lowercase) of each property a style attribute sets, as `winning` picks it."""
    found: dict[str, Declaration] = {}
    for declaration in parse_declarations(style):
        current = found.get(declaration.name)
        if current is None or declaration.important or not current.important:
            found[declaration.name] = declaration
    return {name: declaration.value.lower() for name, declaration in found.items()}


# An email repeats the same few style attributes hundreds of times (and each client view
# copies them again): what hides an element or sizes its text is worked out once per style.
@lru_cache(maxsize=8192)
def _style_hides(style: str, outlook: bool) -> bool:
    """Whether a style attribute hides its element from sight."""
    return _values_hide(_inline_values(style).get, outlook)


def _values_hide(value: Callable[[str], str | None], outlook: bool) -> bool:
    """Whether these property values (by name, lowercase) hide an element from sight."""
    overflow = value("overflow") in ("hidden", "clip")
    boxes = (value("max-height"), value("height"), value("max-width"))
    return (
        value("display") == "none"
        or value("visibility") in ("hidden", "collapse")
        or _is_zero(value("opacity"))
        or (overflow and any(_is_zero(box) for box in boxes))
        or (value("position") in ("absolute", "fixed") and _clipped(value))
        or (outlook and value("mso-hide") == "all")
    )


def _clipped(value: Callable[[str], str | None]) -> bool:
    """A positioned element cut down to nothing: the "visually hidden" pattern."""
    clip = value("clip") or ""
    clip_path = value("clip-path") or ""
    tiny = all(_at_most_1px(value(name)) for name in ("width", "height"))
    return (
        bool(_ZERO_CLIP.fullmatch(clip))
        or clip_path.startswith("inset(50%")
        or (tiny and value("overflow") == "hidden")
    )


@lru_cache(maxsize=8192)
def _font_size(style: str, tag: str, inherited: float) -> float:
    """An element's font size in px, from its inline style, heading defaults and the inherited size."""
    value = _inline_values(style).get("font-size")
    if value is not None:
        if match := _PX_OR_PT.fullmatch(value):
            return float(match.group(1)) * (4 / 3 if match.group(2) == "pt" else 1)
        if match := _RELATIVE_SIZE.fullmatch(value):
            number = float(match.group(1)) / (100 if match.group(2) == "%" else 1)
            return number * 16 if match.group(2) == "rem" else number * inherited
    if value is None and tag in _HEADING_EM:
        return inherited * _HEADING_EM[tag]
    return inherited


_PX_OR_PT = re.compile(r"([\d.]+)\s*(px|pt)?")
_RELATIVE_SIZE = re.compile(r"([\d.]+)\s*(%|em|rem)")


def _is_zero(value: str | None) -> bool:
    if value is None:
        return False
    return re.fullmatch(r"(?:0+\.?0*|\.0+)\s*(?:px|em|rem|%|pt)?", value.strip()) is not None


def _at_most_1px(value: str | None) -> bool:
    return value is not None and re.fullmatch(r"(?:0|1)(?:\.0+)?(?:px)?", value.strip()) is not None


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
    line: int | None = None  # in the compiled email
    origin: Location | None = None  # in the file the editor changes


def _report(check: str, severity: Severity, problems: Sequence[_Problem], advice: str) -> list[Finding]:
    """One finding per check: the first problem, how many more there are, and what to do."""
    if not problems:
        return []
    first = problems[0]
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    message = f"{first.message}{more}; {advice}"
    if first.origin is not None:
        compiled = f" (compiled email.html line {first.line})" if first.line else ""
        return [Finding(severity, check, message + compiled, first.origin.path, first.origin.line)]
    return [Finding(severity, check, message, line=first.line)]


# --- the checks --------------------------------------------------------------------


def _check_size(size: int, settings: EmailCheckSettings) -> list[Finding]:
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
    heaviest, advice = _heaviest_part(settings)
    message = f"email.html is {size:,} bytes, {why}{heaviest}; {advice}"
    where = settings.sources.issue if settings.sources is not None else None
    return [Finding(severity, "size", message, where.path if where is not None else None)]


def _heaviest_part(settings: EmailCheckSettings) -> tuple[str, str]:
    """What weighs most of the email's parts the editor chooses (a review, the introduction,
    the link items together), and what to do about it."""
    advice = "use shorter excerpts or fewer reviews"
    heaviest_review = max(settings.review_sizes.values(), default=0)
    count, links_bytes = settings.link_items
    if settings.intro_bytes > max(heaviest_review, links_bytes):
        return (
            f"; the introduction in issue.md is the heaviest part ({settings.intro_bytes:,} bytes)",
            "shorten the introduction, or " + advice,
        )
    if links_bytes > heaviest_review:
        return (
            f"; the {count:,} link items in issue.md are the heaviest part ({links_bytes:,} bytes)",
            "list fewer link items, or shorten their comments",
        )
    if settings.review_sizes:
        title, weight = max(sorted(settings.review_sizes.items()), key=lambda item: item[1])
        return f"; the heaviest review is {quoted(title)} ({weight:,} bytes)", advice
    return "", advice


def _check_styles(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
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
        _Problem(f"{keyword} sits inside @media", line, _at_rule_origin(settings, keyword))
        for sheet in email.sheets
        for keyword, line in sheet.nested_at_rules
    ]
    findings += _report(
        "styles", "error", nested, "Gmail drops the whole <style> block: move it out of @media"
    )
    imports = [
        _Problem("@import loads a remote stylesheet", line, _at_rule_origin(settings, "@import"))
        for sheet in email.sheets
        for line in sheet.imports
    ]
    findings += _report("styles", "error", imports, "mail apps block it: put the rules in the template")
    findings += _report(
        "styles",
        "error",
        list(_too_long_numbers(email)),
        f"no CSS value needs more than {MAX_NUMBER_DIGITS:,} digits, and its styles are not checked: "
        "shorten it",
    )
    return findings + _report(
        "styles",
        "error",
        list(_too_deep(email, settings)),
        f"no mail client reads CSS nested past {MAX_CSS_NESTING} levels, and its styles are not checked: "
        "flatten it",
    )


def _too_deep(email: EmailDocument, settings: EmailCheckSettings) -> Iterator[_Problem]:
    """<style> blocks and style attributes whose blocks, brackets or parentheses nest deeper
    than any client reads (or this reads: tinycss2 recurses into each level)."""
    for element in email.elements():
        text = (element.text or "") if element.tag == "style" else element.get("style")
        if text is None or readable_css(text) or longest_number(text)[0] > MAX_NUMBER_DIGITS:
            continue
        what = "a <style> block" if element.tag == "style" else f"the style attribute of a <{element.tag}>"
        depth, offset = nesting_depth(text)
        line = None if element.sourceline is None else element.sourceline + text.count("\n", 0, offset)
        yield _Problem(f"{what} nests {depth:,} levels deep", line, _deep_origin(settings))


def _too_long_numbers(email: EmailDocument) -> Iterator[_Problem]:
    """<style> blocks and style attributes writing a number of more digits than CSS is read with."""
    for element in email.elements():
        text = (element.text or "") if element.tag == "style" else element.get("style")
        digits, offset = longest_number(text or "")
        if digits <= MAX_NUMBER_DIGITS:
            continue
        what = "a <style> block" if element.tag == "style" else f"the style attribute of a <{element.tag}>"
        line = (
            None if element.sourceline is None else element.sourceline + (text or "").count("\n", 0, offset)
        )
        yield _Problem(f"{what} writes a number of {digits:,} digits", line, None)


def _deep_origin(settings: EmailCheckSettings) -> Location | None:
    """The line of the stylesheet where it nests too deep, where the stylesheet is the one."""
    stylesheet = settings.sources.stylesheet if settings.sources is not None else None
    if stylesheet is None or readable_css(stylesheet.text):
        return None
    _, offset = nesting_depth(stylesheet.text)
    return Location(stylesheet.path, stylesheet.text.count("\n", 0, offset) + 1)


def _at_rule_origin(settings: EmailCheckSettings, keyword: str) -> Location | None:
    if settings.sources is None:
        return None
    pattern = re.compile(re.escape(keyword) + r"(?![\w-])", re.I)
    return next((found for source in settings.sources.theme if (found := source.find(pattern))), None)


_DOCTYPE = re.compile(r"\A\ufeff?\s*(?:<!--.*?-->\s*)*<!doctype\s+html\s*>", re.I | re.S)


def _check_doctype(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
    if _DOCTYPE.match(email.text):
        return []
    return [
        Finding(
            "error", "doctype", "email.html does not start with <!doctype html>; add it as the first line"
        )
    ]


def _check_lang(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
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


def _check_title(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
    title = email.root.find("head/title")
    if title is not None and title.text_content().strip():
        return []
    return [Finding("error", "title", "the <title> is missing or empty; give it the issue's subject")]


# What pads a preheader so the inbox preview stops there: invisible, and no words.
_PREHEADER_FILLER = re.compile("[\\s\u034f\u200b\u200c\u200d\u2007\u00ad\ufeff]+")


def _check_preheader(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
    advice = (
        'start <body> with a hidden preheader, e.g. <div style="display:none;max-height:0;overflow:hidden">'
        "a one-line summary</div>"
    )
    where = _preheader_origin(settings)
    first = _first_content(email.body) if email.body is not None else None
    if first is None:
        return [Finding("error", "preheader", f"<body> has no content; {advice}", *_at(where))]
    holder, text = first
    if text and email.is_hidden(holder):
        key = settings.sources.front_matter_key("preheader") if settings.sources is not None else None
        return _preheader_length(email, holder, settings, key)
    what = f'the text "{_snippet(text)}"' if text else f"an <{holder.tag}>"
    if where is not None and where.path == _issue_path(settings):
        return [
            Finding(
                "error",
                "preheader",
                f"the preheader is empty, so inboxes preview {what} instead; "
                "write a one-line summary in the preheader: key",
                *_at(where),
            )
        ]
    message = f"the first content of <body> is {what}; {advice}"
    if where is None:
        return [Finding("error", "preheader", message, line=holder.sourceline)]
    return [Finding("error", "preheader", message, *_at(where))]


def _preheader_length(
    email: EmailDocument, holder: Element, settings: EmailCheckSettings, where: Location | None
) -> list[Finding]:
    block = next(node for node in _self_and_ancestors(holder) if email.hides(node))
    words = " ".join(_PREHEADER_FILLER.sub(" ", block.text_content()).split())
    if not words:
        return [
            Finding(
                "error",
                "preheader",
                "the preheader is empty, so inboxes preview the first words of the email instead; "
                "write a one-line summary in the preheader: key",
                *_at(where),
            )
        ]
    if len(words) > settings.max_preheader_chars:
        return [
            Finding(
                "warning",
                "preheader",
                f"the preheader is {len(words)} characters; inboxes show about "
                f"{settings.max_preheader_chars} at most: shorten the preheader: key",
                *_at(where),
            )
        ]
    return []


def _preheader_origin(settings: EmailCheckSettings) -> Location | None:
    """issue.md's preheader: key, unless it holds text and the template is what left it out."""
    sources = settings.sources
    if sources is None or sources.issue is None:
        return None
    key = sources.front_matter_key("preheader")
    written = re.search(r"^preheader\s*:\s*['\"]?\s*[^\s'\"]", sources.issue.text, re.M)
    return key if written is None else sources.fallback() or key


def _issue_path(settings: EmailCheckSettings) -> Path | None:
    sources = settings.sources
    return None if sources is None or sources.issue is None else sources.issue.path


def _at(where: Location | None) -> tuple[Path | None, int | None]:
    return (None, None) if where is None else (where.path, where.line)


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


def _check_width(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
    limit = settings.max_width
    too_wide = []
    for element in email.body_elements():
        for name, width in _declared_widths(email, element):
            if width > limit:
                too_wide.append(_Problem(f"<{element.tag}> has {name}", element.sourceline))
    findings = _report("width", "error", too_wide, f"keep content at most {limit}px wide")
    bounded: dict[Element, bool] = {}
    unbounded = [
        _Problem(f'the text "{run.snippet}" is in no container of at most {limit}px', run.element.sourceline)
        for run in email.text_runs
        if not _within(email, run.element, limit, bounded)
    ]
    findings += _report(
        "width", "error", unbounded, f"wrap the content in a container with max-width:{limit}px"
    )
    return findings


def _within(email: EmailDocument, element: Element, limit: int, known: dict[Element, bool]) -> bool:
    """Whether the element or an ancestor bounds the width (remembered for every node walked)."""
    chain = []
    node = element
    while node is not None and node not in known:
        chain.append(node)
        node = node.getparent()
    inside = False if node is None else known[node]
    for each in reversed(chain):
        inside = inside or _bounds_width(email, each, limit)
        known[each] = inside
    return known[element]


def _declared_widths(email: EmailDocument, element: Element) -> Iterator[tuple[str, float]]:
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


def _bounds_width(email: EmailDocument, element: Element, limit: int) -> bool:
    return any(
        0 < width <= limit
        for label, width in _declared_widths(email, element)
        if not label.startswith("min-width")
    )


def _check_tables(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
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


def _check_img_alt(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
    problems = [
        _Problem(f'<img src="{image.get("src", "")}"> has no alt', image.sourceline)
        for image in email.elements("img")
        if image.get("alt") is None
    ]
    return _report(
        "img-alt", "error", problems, 'describe the image in alt, or use alt="" if it is decoration'
    )


def _heading_origin(settings: EmailCheckSettings, heading: Any) -> Location | None:
    """issue.md's line where the introduction writes `heading`; None for the theme's."""
    ident = heading.get("id")
    if settings.sources is None or not ident:
        return None
    return settings.sources.heading(ident, heading.text_content())


def _check_headings(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
    problems = []
    previous: int | None = None
    for heading in email.body_elements(*_HEADING_EM):
        level = int(heading.tag[1])
        if previous is not None and level > previous + 1:
            origin = _heading_origin(settings, heading)
            problems.append(_Problem(f"<h{level}> follows <h{previous}>", heading.sourceline, origin))
        previous = level
    return _report(
        "headings", "error", problems, "do not skip heading levels; screen reader users navigate by them"
    )


def _check_link_names(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
    problems = [
        _Problem(f"the link to {link.get('href')} has no text", link.sourceline)
        for link in email.elements("a")
        if link.get("href") is not None and not accessible_name(email, link)
    ]
    return _report("link-names", "error", problems, "give it text, an aria-label, or an image with alt text")


def accessible_name(email: EmailDocument, link: Element) -> str:
    """What a screen reader announces for a link (simplified accessible-name computation)."""
    labels = [email.ids.get(ref) for ref in (link.get("aria-labelledby") or "").split()]
    labelled_by = " ".join(node.text_content() for node in labels if node is not None)
    alts = " ".join(image.get("alt") or "" for image in link.iter("img"))
    parts = (link.get("aria-label"), labelled_by, link.text_content(), alts, link.get("title"))
    return " ".join(part for part in parts if part).strip()


@dataclass(frozen=True)
class _Scheme:
    """How text and background colours resolve in one colour scheme."""

    text: Colour
    link: Colour
    canvas: Colour
    # declarations from <style> rules, by (element, "color" | "background"); inline styles beat them
    # unless they are !important
    overrides: Mapping[tuple[Element, str], Declaration] = field(default_factory=dict)


_LIGHT = _Scheme(text=Colour.of((0, 0, 0)), link=Colour.of((0, 0, 238)), canvas=Colour.of((255, 255, 255)))
_COLOUR_PROPERTIES: dict[str, tuple[str, ...]] = {
    "color": ("color",),
    "background": ("background", "background-color"),
}


@dataclass(frozen=True)
class _Paint:
    """A resolved colour and the declaration that set it (None: the default)."""

    colour: Colour
    declaration: Declaration | None = None


@dataclass(frozen=True)
class _LowContrast:
    run: TextRun
    text: _Paint
    background: _Paint
    ratio: float
    needed: float

    @property
    def failure(self) -> str:
        return (
            f"is {self.text.colour.hex} on {self.background.colour.hex} "
            f"({self.ratio:.1f}:1, needs {self.needed:g}:1)"
        )


def _check_contrast(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
    problems = [
        _Problem(
            f'"{low.run.snippet}" {low.failure}', low.run.element.sourceline, _colour_origin(settings, low)
        )
        for low in _low_contrast(email, _LIGHT)
    ]
    return _report(
        "contrast",
        "error",
        problems,
        "WCAG AA needs 4.5:1 (3:1 for large text): change the text or background colour",
    )


def _colour_origin(settings: EmailCheckSettings, low: _LowContrast) -> Location | None:
    """The stylesheet or template line that sets the failing text colour (else the background)."""
    if settings.sources is None:
        return None
    for paint in (low.text, low.background):
        if paint.declaration is not None:
            found = settings.sources.declaration(paint.declaration.name, paint.declaration.value)
            if found is not None:
                return found
    return None


RuledColours = Mapping[tuple[Element, str], Declaration]


def ruled_colours(email: EmailDocument, rules: Sequence[CssRule]) -> RuledColours:
    """The colour and background declarations each element gets from these style-block rules,
    by cascade order (selectors lxml cannot evaluate, such as :hover, match nothing)."""
    return _dark_overrides(email, rules)


def unreadable_text(
    email: EmailDocument, runs: Iterable[TextRun], ruled: RuledColours | None = None
) -> str | None:
    """The first of these text runs whose colour does not stand out enough from the colours
    behind it (in light mode, by style attributes, attributes and the `ruled` colours of
    style-block rules), as the contrast check says it."""
    low = next(_low_contrast(email, replace(_LIGHT, overrides=ruled or {}), runs), None)
    return None if low is None else f'"{low.run.snippet}" {low.failure}'


def transparent_text(email: EmailDocument, element: Element) -> bool:
    """Whether the element's text is drawn in a colour of alpha 0 (CSS Color 4: it draws nothing),
    by the nearest colour its style attributes set up the chain."""
    return _text_colour(email, _LIGHT, element).colour.alpha == 0


def paints_opaque(email: EmailDocument, element: Element, ruled: RuledColours | None = None) -> bool:
    """Whether an element paints an opaque background colour of its own (in light mode, by its
    style or bgcolor attribute, or the `ruled` colours of style-block rules)."""
    paint = _own_background(email, replace(_LIGHT, overrides=ruled or {}), element)
    return paint is not None and paint.colour.opaque


def _low_contrast(
    email: EmailDocument, scheme: _Scheme, runs: Iterable[TextRun] | None = None
) -> Iterator[_LowContrast]:
    """Text runs whose colour does not stand out enough from their background, once per colour pair."""
    seen: set[tuple[str, str, float]] = set()
    for run in email.text_runs if runs is None else runs:
        background = _background_colour(email, scheme, run.element)
        text = _text_colour(email, scheme, run.element)
        shown = _Paint(text.colour.over(background.colour), text.declaration)
        size = email.font_size(run.element)
        large = size >= 24 or (size >= 18.66 and email.is_bold(run.element))
        needed = 3.0 if large else 4.5
        ratio = contrast_ratio(shown.colour, background.colour)
        key = (shown.colour.hex, background.colour.hex, needed)
        if ratio < needed and key not in seen:
            seen.add(key)
            yield _LowContrast(run, shown, background, ratio, needed)


def _scheme_declaration(
    email: EmailDocument, scheme: _Scheme, element: Element, group: str
) -> Declaration | None:
    inline = winning(email.inline(element), _COLOUR_PROPERTIES[group])
    rule = scheme.overrides.get((element, group))
    if rule is not None and (inline is None or (rule.important and not inline.important)):
        return rule
    return inline


def _text_colour(email: EmailDocument, scheme: _Scheme, element: Element) -> _Paint:
    """The text colour: the nearest valid `color`, a link's default, or the scheme's text colour."""
    for node in _self_and_ancestors(element):
        declaration = _scheme_declaration(email, scheme, node, "color")
        if declaration is not None:
            keyword = declaration.value.lower()
            if keyword == "initial":
                return _Paint(scheme.text, declaration)
            colour = parse_colour(declaration.value)
            # inherit, unset, currentcolor and invalid values (which browsers ignore) defer upwards
            if isinstance(colour, Colour):
                return _Paint(colour, declaration)
        if node.tag == "a" and node.get("href") is not None:
            return _Paint(scheme.link)
    return _Paint(scheme.text)


def _background_colour(email: EmailDocument, scheme: _Scheme, element: Element) -> _Paint:
    """The colour behind the element: its own and its ancestors' backgrounds, composited
    down to the first opaque one (or the canvas)."""
    layers: list[_Paint] = []
    for node in _self_and_ancestors(element):
        paint = _own_background(email, scheme, node)
        if paint is not None and paint.colour.alpha > 0:
            layers.append(paint)
            if paint.colour.opaque:
                break
    colour = scheme.canvas
    for layer in reversed(layers):
        colour = layer.colour.over(colour)
    return _Paint(colour, layers[0].declaration if layers else None)


def _own_background(email: EmailDocument, scheme: _Scheme, element: Element) -> _Paint | None:
    declaration = _scheme_declaration(email, scheme, element, "background")
    if declaration is not None:
        colour = colour_in(declaration.tokens)
        if colour == CURRENT_COLOUR:
            colour = _text_colour(email, scheme, element).colour
        return _Paint(colour, declaration) if isinstance(colour, Colour) else None
    attribute = parse_colour(element.get("bgcolor") or "")
    return _Paint(attribute) if isinstance(attribute, Colour) else None


_UNSAFE_TAGS = ("script", "form", "input", "iframe", "object", "embed")


def _check_unsafe_tags(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
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


def _check_event_handlers(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
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
_CSS_JAVASCRIPT = re.compile(r"url\(\s*['\"]?\s*javascript:", re.I)


def _check_javascript_urls(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
    problems = [
        _Problem(f"<{element.tag} {name}> holds a javascript: URL", element.sourceline)
        for element in email.elements()
        for name, value in element.attrib.items()
        if name.lower() in _URL_ATTRIBUTES and scheme_of(value) == "javascript"
    ]
    problems += [
        _Problem(f"<{element.tag}> style loads a javascript: URL", element.sourceline)
        for element in email.elements()
        if _CSS_JAVASCRIPT.search(element.get("style") or "")
    ]
    return _report("javascript-urls", "error", problems, "remove it: mail apps never run scripts")


def _check_urls(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
    rules = settings.urls
    if rules is None:
        return []  # the build's link check judges them, naming the file each was written in
    problems = []
    for element in email.elements():
        for name in ("href", "src"):
            value = element.get(name)
            if value is None or scheme_of(value) == "javascript":
                continue
            try:
                problem = judge(value, in_email=True, rules=rules)
            except ValueError:  # urlsplit refuses it ("https://[oops/": an unclosed IPv6 host)
                problems.append(
                    _Problem(f'<{element.tag} {name}="{value}"> is no valid URL', element.sourceline)
                )
                continue
            if problem is not None:
                why = problem.message.removeprefix(f"email link {value} ")
                problems.append(_Problem(f'<{element.tag} {name}="{value}"> {why}', element.sourceline))
    advice = "every href and src must be an absolute https: URL, mailto:, tel: or a merge tag"
    if not rules.https_only:
        advice = advice.replace("https:", "http(s):")
    return _report("urls", "error", problems, advice)


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
_FONT_SIZE_KEYWORDS = frozenset(
    {"xx-small", "x-small", "small", "medium", "large", "x-large", "xx-large", "larger", "smaller"}
)


def _check_fonts(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
    problems = []
    seen: set[str] = set()
    for stack, line, declaration in _font_stacks(email):
        if stack not in seen and not _ends_in_generic(declaration):
            seen.add(stack)
            origin = None
            if settings.sources is not None and declaration is not None:
                origin = settings.sources.declaration(declaration.name, declaration.value)
            problems.append(_Problem(f"the font stack {quoted(stack)} has no generic family", line, origin))
    return _report(
        "fonts", "error", problems, "end it with serif, sans-serif or monospace for apps without the font"
    )


def _font_stacks(email: EmailDocument) -> Iterator[tuple[str, int | None, Declaration | None]]:
    for sheet in email.sheets:
        for rule in sheet.rules:
            for declaration in rule.declarations:
                if declaration.name in ("font-family", "font"):
                    yield _family_text(declaration), rule.line, declaration
    for element in email.elements():
        for declaration in email.inline(element):
            if declaration.name in ("font-family", "font"):
                yield _family_text(declaration), element.sourceline, declaration
        if element.tag == "font" and element.get("face"):
            face = element.get("face").strip()
            yield face, element.sourceline, Declaration("font-family", face, tokens=_tokens(face))


def _tokens(value: str) -> tuple[Any, ...]:
    import tinycss2

    return tuple(tinycss2.parse_component_value_list(value))


def _family_tokens(declaration: Declaration) -> list[Any]:
    """The family list of a font-family or font declaration, as component values."""
    tokens = list(significant(declaration.tokens))
    if declaration.name == "font-family":
        return tokens
    # In the `font` shorthand the family list comes after the size (and an optional /line-height).
    for index, token in enumerate(tokens):
        if token.type in ("dimension", "percentage") or (
            token.type == "ident" and token.lower_value in _FONT_SIZE_KEYWORDS
        ):
            rest = tokens[index + 1 :]
            if rest and rest[0].type == "literal" and rest[0].value == "/":
                rest = rest[2:]
            return rest
    return tokens


def _family_text(declaration: Declaration) -> str:
    import tinycss2

    tokens = _family_tokens(declaration)
    return " ".join(tinycss2.serialize(tokens).split()) if tokens else declaration.value


def _ends_in_generic(declaration: Declaration | None) -> bool:
    if declaration is None:
        return True
    tokens = _family_tokens(declaration)
    if not tokens or any(token.type == "function" and token.lower_name == "var" for token in tokens):
        return True
    if len(tokens) == 1 and tokens[0].type == "ident" and tokens[0].lower_value in _FONT_KEYWORDS:
        return True
    commas = [index for index, token in enumerate(tokens) if token.type == "literal" and token.value == ","]
    last = tokens[commas[-1] + 1 :] if commas else tokens
    return len(last) == 1 and last[0].type == "ident" and last[0].lower_value in _GENERIC_FAMILIES


_CONDITIONAL = re.compile(r"(?P<open><!(?:--)?\[if\b[^\]>]*\]>)|(?P<close><!\[endif\]\s*(?:--)?>)", re.I)


def _check_outlook_conditionals(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
    problems = []
    open_line: int | None = None
    for match, line in _with_lines(email.text, _CONDITIONAL.finditer(email.text)):
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


def _with_lines(text: str, matches: Iterator[re.Match[str]]) -> Iterator[tuple[re.Match[str], int]]:
    """Each match with its 1-based line, counting each stretch of the text once (matches come in order)."""
    line, counted = 1, 0
    for match in matches:
        line += text.count("\n", counted, match.start())
        counted = match.start()
        yield match, line


# What a browser shows for unstyled text once the email declares it supports dark mode.
_DARK = _Scheme(
    text=Colour.of((255, 255, 255)), link=Colour.of((158, 158, 255)), canvas=Colour.of((18, 18, 18))
)


def _check_dark_mode(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
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
        _unreadable_dark_rules(rules, settings),
        "pick a text colour that stands out from the background",
    )
    scheme = replace(_DARK, overrides=_dark_overrides(email, rules))
    problems = [
        _Problem(
            f'in dark mode, "{low.run.snippet}" {low.failure}',
            low.run.element.sourceline,
            _colour_origin(settings, low),
        )
        for low in _low_contrast(email, scheme)
    ]
    findings += _report(
        "dark-mode",
        "error",
        problems,
        "give that element dark-mode text and background colours with !important",
    )
    return findings


def _check_colour_scheme_meta(email: EmailDocument) -> list[Finding]:
    metas = {(meta.get("name") or "").strip().lower(): meta for meta in email.elements("meta")}
    findings = []
    for name in ("color-scheme", "supported-color-schemes"):
        meta = metas.get(name)
        if "dark" in ("" if meta is None else (meta.get("content") or "").lower()):
            continue
        if meta is not None and meta.get("content") is None and meta.get("value") is not None:
            # caniemail's own test emails write value=: a meta tag's value is read from content= only.
            problem = f'<meta name="{name}"> gives its value in value=, which is not read'
        else:
            problem = f'<meta name="{name}"> is missing or does not list dark'
        findings.append(
            Finding("error", "dark-mode", f'{problem}; add <meta name="{name}" content="light dark">')
        )
    return findings


def _unreadable_dark_rules(rules: Sequence[CssRule], settings: EmailCheckSettings) -> list[_Problem]:
    problems = []
    for rule in rules:
        text = winning(rule.declarations, _COLOUR_PROPERTIES["color"])
        background = winning(rule.declarations, _COLOUR_PROPERTIES["background"])
        if text is None or background is None:
            continue
        text_colour, background_colour = parse_colour(text.value), colour_in(background.tokens)
        if not isinstance(text_colour, Colour) or not isinstance(background_colour, Colour):
            continue
        behind = background_colour.over(_DARK.canvas)
        shown = text_colour.over(behind)
        ratio = contrast_ratio(shown, behind)
        if ratio < 4.5:
            origin = settings.sources.declaration(text.name, text.value) if settings.sources else None
            problems.append(
                _Problem(
                    f"the dark-mode rule {rule.selectors} sets {shown.hex} "
                    f"on {behind.hex} ({ratio:.1f}:1, needs 4.5:1)",
                    rule.line,
                    origin,
                )
            )
    return problems


def _dark_overrides(email: EmailDocument, rules: Sequence[CssRule]) -> dict[tuple[Element, str], Declaration]:
    """The colour declarations each element gets from these rules (the dark-mode ones), by cascade order."""
    ranked: dict[tuple[Element, str], tuple[tuple[bool, tuple[int, ...], int], Declaration]] = {}
    for order, rule in enumerate(rules):
        for selector in _selectors(rule):
            compiled = _compile_selector(selector)
            if compiled is None:
                continue
            match, specificity = compiled
            for group, names in _COLOUR_PROPERTIES.items():
                declaration = winning(rule.declarations, names)
                if declaration is None:
                    continue
                rank = (declaration.important, specificity, order)
                for element in match(email.root):
                    current = ranked.get((element, group))
                    if current is None or rank >= current[0]:
                        ranked[(element, group)] = (rank, declaration)
    return {key: declaration for key, (_, declaration) in ranked.items()}


def _selectors(rule: CssRule) -> list[str]:
    """The rule's selectors, one per comma of its prelude."""
    import tinycss2

    groups: list[list[Any]] = [[]]
    for token in rule.prelude:
        if token.type == "literal" and token.value == ",":
            groups.append([])
        else:
            groups[-1].append(token)
    return [text for group in groups if (text := " ".join(tinycss2.serialize(group).split()))]


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


_BACKGROUND_ATTRIBUTE = re.compile(r"\bbackground\s*=", re.I)
_BACKGROUND_PROPERTY = re.compile(r"\bbackground(?:-image)?\s*:", re.I)
_IMAGE_FUNCTION = re.compile(r"(?:url|gradient)\(", re.I)
_DECLARATION_ENDS = re.compile(r'[;{}"]')


def _may_paint_an_image(text: str) -> bool:
    """Whether the email may paint a background image: a background attribute, or a background
    declaration naming url( or a gradient. Read part by part between the characters that end a
    declaration: one pattern spanning both scanned to the next of them from every
    'background:' (seconds for a text naming it a few thousand times)."""
    if _BACKGROUND_ATTRIBUTE.search(text):
        return True
    for part in _DECLARATION_ENDS.split(text):
        found = _BACKGROUND_PROPERTY.search(part)
        if found is not None and _IMAGE_FUNCTION.search(part, found.end()):
            return True
    return False


def _check_dark_recolouring(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
    """Dark text over a background image, which Outlook.com's dark mode lightens while the
    image stays (digest/checks/darkmode.py says what is known and from where)."""
    if not _may_paint_an_image(email.text):
        return []
    rules = [rule for sheet in email.sheets for rule in sheet.rules if not rule.media]
    scheme = replace(_LIGHT, overrides=_dark_overrides(email, rules))
    problems, seen = [], set()
    for run in email.text_runs:
        text = _text_colour(email, scheme, run.element)
        if text.declaration is None or not darkmode.lightened(text.colour):
            continue  # a colour the email does not set, or one that stays
        image = _image_behind(email, scheme, run.element)
        if image is None or (text.colour.hex, image) in seen:
            continue
        seen.add((text.colour.hex, image))
        origin = (
            settings.sources.declaration(text.declaration.name, text.declaration.value)
            if settings.sources
            else None
        )
        problems.append(
            _Problem(
                f'in the dark mode of Outlook.com and the Outlook apps, "{run.snippet}" ({text.colour.hex}) '
                "is lightened while the background image behind it stays as it is",
                run.element.sourceline,
                origin,
            )
        )
    return _report(
        "dark-mode",
        "warning",
        problems,
        "set the text on a plain background colour, or use a dark image with light text",
    )


def _image_behind(email: EmailDocument, scheme: _Scheme, element: Element) -> Element | None:
    """The element whose background image shows behind this one's text, before any opaque
    background colour hides it (None: no image)."""
    for node in _self_and_ancestors(element):
        ruled = scheme.overrides.get((node, "background"))
        declarations = [*email.inline(node), *([ruled] if ruled is not None else [])]
        if darkmode.has_background_image(node, iter(declarations)):
            return node
        paint = _own_background(email, scheme, node)
        if paint is not None and paint.colour.opaque:
            return None
    return None


_CHECKS: tuple[Callable[[EmailDocument, EmailCheckSettings], list[Finding]], ...] = (
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
    _check_dark_recolouring,
)
