"""CSS as the email checks read it: style sheets, style attributes and colours, parsed by tinycss2.

tinycss2 tokenises CSS as browsers do (strings, comments, escapes, `<!--` in <style>
blocks) and knows every CSS colour syntax: names, hex, rgb(), hsl(), hwb(), lab(),
lch(), oklab(), oklch() and color(). Colours are turned into sRGB here, where
contrast is measured.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

import tinycss2
import tinycss2.color4

# CSS 2.1's generic font families, the last resort of a font stack every mail app knows. CSS Fonts
# 4's newer ones (system-ui, ui-serif, emoji, ...) are none in email: Outlook for Windows knows none
# of them, and the webmails draw the ui-* ones only in Safari (caniemail's notes on system fonts).
GENERIC_FAMILIES = frozenset({"serif", "sans-serif", "monospace", "cursive", "fantasy"})

Node = Any  # a tinycss2 node; tinycss2 ships no type information
Rgb = tuple[int, int, int]


@dataclass(frozen=True)
class Declaration:
    """`name: value` as written; `line` counts from the start of the text it was parsed from."""

    name: str
    value: str
    important: bool = False
    line: int | None = None
    tokens: tuple[Node, ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class CssRule:
    selectors: str
    declarations: tuple[Declaration, ...]
    media: tuple[str, ...]  # the @media preludes (or <style media>) the rule sits in
    line: int | None
    prelude: tuple[Node, ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class AtRule:
    keyword: str  # "@media", lowercase
    prelude: str
    line: int | None
    nested: bool  # inside an @media block
    tokens: tuple[Node, ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class StyleSheet:
    rules: tuple[CssRule, ...]
    at_rules: tuple[AtRule, ...]

    @property
    def nested_at_rules(self) -> tuple[tuple[str, int | None], ...]:
        """At-rules inside @media, with their line: Gmail drops a <style> block holding one."""
        return tuple((rule.keyword, rule.line) for rule in self.at_rules if rule.nested)

    @property
    def imports(self) -> tuple[int | None, ...]:
        return tuple(rule.line for rule in self.at_rules if rule.keyword == "@import")


def parse_css(text: str, *, media: tuple[str, ...] = (), first_line: int | None = None) -> StyleSheet:
    """The rules and at-rules of a style sheet; lines count from `first_line` (None: no lines)."""
    rules: list[CssRule] = []
    at_rules: list[AtRule] = []
    if not readable_css(text):
        return StyleSheet((), ())  # the styles check reports it
    nodes = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
    _collect(nodes, media, _Lines(first_line), rules, at_rules)
    return StyleSheet(tuple(rules), tuple(at_rules))


@dataclass(frozen=True)
class _Lines:
    first: int | None

    def of(self, node: Node) -> int | None:
        return None if self.first is None else self.first + node.source_line - 1


def _collect(
    nodes: Iterable[Node], media: tuple[str, ...], lines: _Lines, rules: list[CssRule], at_rules: list[AtRule]
) -> None:
    in_media = any(m.lower().startswith("@media") for m in media)
    for node in nodes:
        if node.type == "qualified-rule":
            selectors = " ".join(tinycss2.serialize(node.prelude).split())
            declarations = _declarations(_parse_body(node.content or []), lines)
            rules.append(CssRule(selectors, declarations, media, lines.of(node), tuple(node.prelude)))
        elif node.type == "at-rule":
            prelude = " ".join(tinycss2.serialize(node.prelude).split())
            keyword = "@" + node.lower_at_keyword
            at_rules.append(AtRule(keyword, prelude, lines.of(node), in_media, tuple(node.prelude)))
            if node.content is not None and keyword in ("@media", "@supports", "@document", "@layer"):
                inner = tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True)
                label = f"{keyword} {prelude}".strip() if keyword == "@media" else ""
                _collect(inner, (*media, label) if label else media, lines, rules, at_rules)


def parse_declarations(text: str, *, first_line: int | None = None) -> tuple[Declaration, ...]:
    """`name: value` pairs of a style attribute or a rule body, in source order."""
    if first_line is None:
        return _style_attribute(text)
    if not readable_css(text):
        return ()
    return _declarations(_parse_body(text), _Lines(first_line))


@lru_cache(maxsize=8192)
def _style_attribute(text: str) -> tuple[Declaration, ...]:
    # An email repeats the same few style attributes hundreds of times: parse each once.
    if not readable_css(text):
        return ()
    return _declarations(_parse_body(text), _Lines(None))


def _parse_body(body: str | Sequence[Node]) -> list[Node]:
    return tinycss2.parse_blocks_contents(body, skip_comments=True, skip_whitespace=True)  # type: ignore[no-any-return]


def _declarations(nodes: Iterable[Node], lines: _Lines) -> tuple[Declaration, ...]:
    found = []
    for node in nodes:
        if node.type != "declaration":
            continue
        value = tinycss2.serialize(node.value).strip()
        found.append(Declaration(node.lower_name, value, node.important, lines.of(node), tuple(node.value)))
    return tuple(found)


def importance_as_written(body: str | Sequence[Node]) -> list[tuple[str, str, bool]]:
    """(name, how its `!important` is written, a space before the `!`) for each declaration
    of a style attribute or rule body marked important, in order: tinycss2 keeps only that
    a declaration is important, and some clients read the spelling."""
    if isinstance(body, str) and not readable_css(body):
        return []
    tokens = tinycss2.parse_component_value_list(body) if isinstance(body, str) else list(body)
    segments: list[list[Node]] = [[]]
    for token in tokens:
        if token.type == "literal" and token.value == ";":
            segments.append([])
        else:
            segments[-1].append(token)
    found = []
    for segment in segments:
        parsed = tinycss2.parse_one_declaration(segment, skip_comments=True)
        if parsed.type != "declaration" or not parsed.important:
            continue
        bang = max(i for i, token in enumerate(segment) if token.type == "literal" and token.value == "!")
        word = next(token.value for token in segment[bang + 1 :] if token.type == "ident")
        spaced = bang > 0 and segment[bang - 1].type in ("whitespace", "comment")
        found.append((parsed.lower_name, f"!{word}", spaced))
    return found


def winning(declarations: Sequence[Declaration], names: Sequence[str]) -> Declaration | None:
    """The declaration among `names` that applies: the last one, unless an earlier one is !important."""
    found: Declaration | None = None
    for declaration in declarations:
        if declaration.name in names and (found is None or declaration.important or not found.important):
            found = declaration
    return found


def significant(tokens: Iterable[Node]) -> Iterator[Node]:
    """Component values without whitespace and comments."""
    return (token for token in tokens if token.type not in ("whitespace", "comment"))


# --- colours ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Colour:
    """An sRGB colour, channels from 0 to 1, with its opacity."""

    red: float
    green: float
    blue: float
    alpha: float = 1.0

    @classmethod
    def of(cls, rgb: Rgb) -> Colour:
        return cls(rgb[0] / 255, rgb[1] / 255, rgb[2] / 255)

    @property
    def rgb(self) -> Rgb:
        return (round(self.red * 255), round(self.green * 255), round(self.blue * 255))

    @property
    def hex(self) -> str:
        return "#{:02x}{:02x}{:02x}".format(*self.rgb)

    @property
    def opaque(self) -> bool:
        return self.alpha >= 1.0

    def over(self, below: Colour) -> Colour:
        """This colour painted over `below` (source-over compositing)."""
        if self.opaque:
            return self
        alpha = self.alpha + below.alpha * (1 - self.alpha)
        if alpha == 0:
            return Colour(0.0, 0.0, 0.0, 0.0)

        def mix(top: float, bottom: float) -> float:
            return (top * self.alpha + bottom * below.alpha * (1 - self.alpha)) / alpha

        return Colour(
            mix(self.red, below.red), mix(self.green, below.green), mix(self.blue, below.blue), alpha
        )

    @property
    def luminance(self) -> float:
        """WCAG 2 relative luminance, of the colour as a screen shows it (8 bits a channel)."""
        red, green, blue = (_linear(channel / 255) for channel in self.rgb)
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue


CurrentColour = Literal["currentcolor"]
CURRENT_COLOUR: CurrentColour = "currentcolor"


def parse_colour(value: str | Node) -> Colour | CurrentColour | None:
    """A colour in any CSS syntax (a string or one tinycss2 component value); None if it is none."""
    if isinstance(value, str):
        value = tinycss2.parse_one_component_value(value, skip_comments=True)
        if value.type == "error":
            return None
    parsed = tinycss2.color4.parse_color(value)
    if parsed is None:
        return None
    if parsed == "currentcolor":
        return CURRENT_COLOUR
    return _to_srgb(parsed)


def colour_in(tokens: Iterable[Node]) -> Colour | CurrentColour | None:
    """The colour among a value's component values (as in a `background` shorthand), the last one."""
    found: Colour | CurrentColour | None = None
    for token in significant(tokens):
        if token.type in ("ident", "hash", "function"):
            colour = parse_colour(token)
            if colour is not None:
                found = colour
    return found


def contrast_ratio(first: Colour | Rgb, second: Colour | Rgb) -> float:
    """WCAG 2 contrast ratio of two opaque colours, from 1 to 21."""
    one = first if isinstance(first, Colour) else Colour.of(first)
    two = second if isinstance(second, Colour) else Colour.of(second)
    lighter, darker = sorted((one.luminance, two.luminance), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


Matrix = tuple[tuple[float, float, float], tuple[float, float, float], tuple[float, float, float]]

# CSS Color 4, section 18 ("Sample code for color conversions").
_XYZ_D65_TO_LINEAR_SRGB: Matrix = (
    (3.2409699419045226, -1.537383177570094, -0.4986107602930034),
    (-0.9692436362808796, 1.8759675015077202, 0.04155505740717559),
    (0.05563007969699366, -0.20397695888897652, 1.0569715142428786),
)
_D50_TO_D65: Matrix = (
    (0.955473421488075, -0.02309845494876471, 0.06325924320057072),
    (-0.0283697093338637, 1.0099953980813041, 0.021041441191917323),
    (0.012314014864481998, -0.020507649298898964, 1.330365926242124),
)
_LINEAR_TO_XYZ: dict[str, tuple[Matrix, bool]] = {  # (matrix, whether it gives D50 rather than D65)
    "display-p3": (
        (
            (0.4865709486482162, 0.26566769316909306, 0.1982172852343625),
            (0.2289745640697488, 0.6917385218365064, 0.079286914093745),
            (0.0, 0.04511338185890264, 1.043944368900976),
        ),
        False,
    ),
    "rec2020": (
        (
            (0.6369580483012914, 0.14461690358620832, 0.1688809751641721),
            (0.2627002120112671, 0.6779980715188708, 0.05930171646986196),
            (0.0, 0.028072693049087428, 1.060985057710791),
        ),
        False,
    ),
    "a98-rgb": (
        (
            (0.5766690429101305, 0.1855582379065463, 0.1882286462349947),
            (0.29734497525053605, 0.6273635662554661, 0.0752914584939978),
            (0.02703136138641234, 0.07068885253582723, 0.9913375368376388),
        ),
        False,
    ),
    "prophoto-rgb": (
        (
            (0.7977604896723027, 0.13518583717574031, 0.0313493495815248),
            (0.2880711282292934, 0.7118432178101014, 0.00008565396060525902),
            (0.0, 0.0, 0.8251046025104601),
        ),
        True,
    ),
}


def _to_srgb(colour: Any) -> Colour:
    """A tinycss2 Color in any space, as an sRGB colour (out-of-gamut channels clipped)."""
    space = colour.space
    coordinates = tuple(c or 0.0 for c in colour.coordinates)
    if space in ("hsl", "hwb"):
        space, coordinates = "srgb", tuple(colour.to("srgb").coordinates)
    if space == "srgb":
        red, green, blue = coordinates
    else:
        red, green, blue = (_encode(c) for c in _apply(_XYZ_D65_TO_LINEAR_SRGB, _xyz_d65(space, colour)))
    return Colour(_clip(red), _clip(green), _clip(blue), colour.alpha)


def _xyz_d65(space: str, colour: Any) -> tuple[float, float, float]:
    coordinates = tuple(c or 0.0 for c in colour.coordinates)
    if space == "srgb-linear":
        return _apply(_inverse_srgb(), coordinates)
    if space in ("lab", "lch"):
        return _apply(_D50_TO_D65, tuple(colour.to("xyz-d50").coordinates))
    if space in ("oklab", "oklch"):
        x, y, z = colour.to("xyz-d65").coordinates
        return (float(x), float(y), float(z))
    if space == "xyz-d50":
        return _apply(_D50_TO_D65, coordinates)
    if space == "xyz-d65":
        return coordinates  # type: ignore[return-value]
    matrix, d50 = _LINEAR_TO_XYZ[space]
    xyz = _apply(matrix, tuple(_TRANSFER[space](c) for c in coordinates))
    return _apply(_D50_TO_D65, xyz) if d50 else xyz


def _apply(matrix: Matrix, vector: Sequence[float]) -> tuple[float, float, float]:
    x, y, z = vector
    first, second, third = (row[0] * x + row[1] * y + row[2] * z for row in matrix)
    return (first, second, third)


def _inverse_srgb() -> Matrix:
    """Linear sRGB to XYZ D65: the inverse of _XYZ_D65_TO_LINEAR_SRGB."""
    return (
        (0.41239079926595934, 0.357584339383878, 0.1804807884018343),
        (0.21263900587151027, 0.715168678767756, 0.07219231536073371),
        (0.01933081871559182, 0.11919477979462598, 0.9505321522496607),
    )


def _linear(channel: float) -> float:
    """sRGB transfer function, decoding."""
    magnitude = abs(channel)
    value = magnitude / 12.92 if magnitude <= 0.04045 else ((magnitude + 0.055) / 1.055) ** 2.4
    return math.copysign(value, channel)


def _encode(channel: float) -> float:
    """sRGB transfer function, encoding."""
    magnitude = abs(channel)
    value = magnitude * 12.92 if magnitude <= 0.0031308 else 1.055 * magnitude ** (1 / 2.4) - 0.055
    return math.copysign(value, channel)


def _rec2020(channel: float) -> float:
    alpha, beta = 1.09929682680944, 0.018053968510807
    magnitude = abs(channel)
    value = magnitude / 4.5 if magnitude < beta * 4.5 else ((magnitude + alpha - 1) / alpha) ** (1 / 0.45)
    return math.copysign(value, channel)


def _prophoto(channel: float) -> float:
    magnitude = abs(channel)
    return math.copysign(magnitude / 16 if magnitude <= 16 / 512 else magnitude**1.8, channel)


_TRANSFER = {
    "display-p3": _linear,
    "rec2020": _rec2020,
    "a98-rgb": lambda c: math.copysign(abs(c) ** (563 / 256), c),
    "prophoto-rgb": _prophoto,
}


def _clip(channel: float) -> float:
    return min(max(channel, 0.0), 1.0)


# --- how deep CSS nests ----------------------------------------------------------------------

# No stylesheet an email client reads nests blocks, brackets or parentheses this deep (real
# ones stop at three or four: @media { @supports { rule { } } }); tinycss2 reads nesting by
# recursion, so deeper CSS is refused before anything parses it.
MAX_CSS_NESTING = 64
_OPENERS = frozenset("{[(")
_CLOSERS = frozenset("}])")


_NESTING_TOKENS = re.compile(
    r"/\*.*?(?:\*/|\Z)|\"(?:\\.|[^\"\\\n])*\"?|'(?:\\.|[^'\\\n])*'?|\\.|[{}\[\]()]", re.S
)


def nesting_depth(css: str) -> tuple[int, int]:
    """The deepest nesting of blocks, brackets and parentheses in a CSS text, outside its
    comments and strings, and the offset where it first goes past MAX_CSS_NESTING (or where
    it is deepest, where it does not)."""
    depth = deepest = where = 0
    for token in _NESTING_TOKENS.finditer(css):
        char = token.group()
        if char in _OPENERS:
            depth += 1
            if depth > deepest:
                deepest = depth
                if depth <= MAX_CSS_NESTING + 1:
                    where = token.start()
        elif char in _CLOSERS and depth:
            depth -= 1
    return deepest, where


# tinycss2 reads a number with int(), which refuses more than 4,300 digits: no CSS value
# holds more than a few, and a text holding more is not read.
MAX_NUMBER_DIGITS = 4_000
_DIGIT_RUN = re.compile(r"[0-9]+")


def longest_number(css: str) -> tuple[int, int]:
    """The most digits `css` writes in a row, and where they start (0, 0 for none)."""
    return max(((len(run.group()), run.start()) for run in _DIGIT_RUN.finditer(css)), default=(0, 0))


def readable_css(css: str) -> bool:
    """Whether a CSS text nests no deeper than MAX_CSS_NESTING (cheap for the short texts of
    style attributes: a text cannot nest deeper than it opens) and writes no number longer
    than MAX_NUMBER_DIGITS."""
    if len(css) > MAX_NUMBER_DIGITS and longest_number(css)[0] > MAX_NUMBER_DIGITS:
        return False
    if sum(css.count(opener) for opener in _OPENERS) <= MAX_CSS_NESTING:
        return True
    return _deep_nesting(css) <= MAX_CSS_NESTING


@lru_cache(maxsize=256)
def _deep_nesting(css: str) -> int:
    return nesting_depth(css)[0]
