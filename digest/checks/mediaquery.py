"""Whether an @media query applies on a given screen, read with tinycss2.

The client report reads what a style block hides on each client's screen: a phone's
for the mail apps of iOS and Android, a desktop reading pane's for the others. Each
query of the comma-separated list is `[only|not] <type> [and (<feature>: <value>)]...`
or a Media Queries 4 range such as `(width <= 600px)`. A query with a feature this does
not know (or a value it cannot read) is taken not to apply, as a browser does with a
query it cannot parse: nothing is hidden on a guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import tinycss2

Node = Any  # a tinycss2 node


@dataclass(frozen=True)
class Screen:
    """What a media query can ask of the screen an email is read on (CSS px)."""

    name: str
    width: float
    height: float
    device_width: float
    device_height: float
    pixel_ratio: float

    def applies(self, preludes: Sequence[str]) -> bool:
        """Whether every @media prelude (as css.CssRule.media holds them) applies here."""
        return all(_applies(self, prelude.removeprefix("@media").strip()) for prelude in preludes)


# A desktop client's reading pane and an iPhone's screen: the sizes that decide the
# common queries (max-width 480 to 640px on, min-width 600px off and the reverse).
DESKTOP = Screen("desktop", 800, 900, 1440, 900, 1)
PHONE = Screen("phone", 390, 844, 390, 844, 3)

_UNITS = {"px": 1.0, "em": 16.0, "rem": 16.0, "pt": 4 / 3, "cm": 96 / 2.54, "mm": 96 / 25.4, "in": 96.0}
_TYPES = frozenset({"all", "screen"})


@lru_cache(maxsize=512)
def _applies(screen: Screen, prelude: str) -> bool:
    tokens = tinycss2.parse_component_value_list(prelude, skip_comments=True)
    queries: list[list[Node]] = [[]]
    for token in tokens:
        if token.type == "literal" and token.value == ",":
            queries.append([])
        elif token.type != "whitespace":
            queries[-1].append(token)
    return any(_query(screen, query) for query in queries if query)


def _query(screen: Screen, tokens: list[Node]) -> bool:
    negated = False
    words = [token.lower_value for token in tokens if token.type == "ident"]
    if words and words[0] == "not":
        negated = True
    conditions = [token for token in tokens if token.type == "() block"]
    types = [word for word in words if word not in ("only", "not", "and")]
    if len(types) > 1 or "or" in words:
        return False
    matched = (not types or types[0] in _TYPES) and all(
        _condition(screen, block.content) for block in conditions
    )
    return not matched if negated else matched


def _condition(screen: Screen, content: Sequence[Node]) -> bool:
    tokens = [token for token in content if token.type not in ("whitespace", "comment")]
    if (
        len(tokens) >= 3
        and tokens[0].type == "ident"
        and tokens[1].type == "literal"
        and tokens[1].value == ":"
    ):
        return _feature(screen, tokens[0].lower_value, tokens[2:])
    return _range(screen, tokens)


def _feature(screen: Screen, name: str, value: Sequence[Node]) -> bool:
    bare = name.removeprefix("-webkit-")
    prefix = bare[:3] if bare.startswith(("min-", "max-")) else ""
    feature = bare[4:] if prefix else bare
    actual = _actual(screen, feature)
    wanted = _number(value, ratio=feature in ("device-pixel-ratio", "resolution"))
    if isinstance(actual, str):
        return not prefix and len(value) == 1 and value[0].type == "ident" and value[0].lower_value == actual
    if actual is None or wanted is None:
        return False
    return {"min": actual >= wanted, "max": actual <= wanted, "": actual == wanted}[prefix]


def _range(screen: Screen, tokens: Sequence[Node]) -> bool:
    """`(width <= 600px)` and `(400px < width < 700px)`."""
    parts: list[list[Node]] = [[]]
    operators: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "literal" and token.value in ("<", ">", "="):
            operator = token.value
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if following is not None and following.type == "literal" and following.value == "=":
                operator += "="
                index += 1
            operators.append(operator)
            parts.append([])
        else:
            parts[-1].append(token)
        index += 1
    values = [_side(screen, part) for part in parts]
    if not operators or None in values or len(values) != len(operators) + 1:
        return False
    compare = {
        "<": float.__lt__,
        "<=": float.__le__,
        ">": float.__gt__,
        ">=": float.__ge__,
        "=": float.__eq__,
    }
    return all(
        compare[operator](float(values[i]), float(values[i + 1]))  # type: ignore[arg-type]
        for i, operator in enumerate(operators)
    )


def _side(screen: Screen, part: Sequence[Node]) -> float | None:
    if len(part) == 1 and part[0].type == "ident":
        actual = _actual(screen, part[0].lower_value)
        return actual if isinstance(actual, float) else None
    return _number(part)


def _actual(screen: Screen, feature: str) -> float | str | None:
    return {
        "width": float(screen.width),
        "height": float(screen.height),
        "device-width": float(screen.device_width),
        "device-height": float(screen.device_height),
        "device-pixel-ratio": float(screen.pixel_ratio),
        "resolution": float(screen.pixel_ratio),
        "aspect-ratio": screen.width / screen.height,
        "orientation": "portrait" if screen.height >= screen.width else "landscape",
        # Read as most readers have it: light, with motion, a mouse or a finger.
        "prefers-color-scheme": "light",
        "prefers-reduced-motion": "no-preference",
    }.get(feature)


def _number(value: Sequence[Node], ratio: bool = False) -> float | None:
    tokens = [token for token in value if token.type not in ("whitespace", "comment")]
    if len(tokens) == 3 and tokens[1].type == "literal" and tokens[1].value == "/":
        first, second = tokens[0], tokens[2]
        if first.type == "number" and second.type == "number" and second.value:
            return float(first.value) / float(second.value)
        return None
    if len(tokens) != 1:
        return None
    token = tokens[0]
    if token.type == "number":
        return float(token.value)
    if token.type == "dimension":
        unit = token.lower_unit
        if ratio and unit in ("x", "dppx"):
            return float(token.value)
        if ratio and unit == "dpi":
            return float(token.value) / 96
        if unit in _UNITS:
            return float(token.value) * _UNITS[unit]
    return None
