"""Whether an element's styles hide it from sight: `display:none`, `visibility`, an
opacity of 0, a box cut to nothing, the "visually hidden" clip, or Outlook's `mso-hide`.

An email repeats the same few style attributes hundreds of times (and each client view
copies them again): each style's answer is worked out once."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache

from digest.checks.css import (
    Declaration,
    parse_css,
    parse_declarations,
)

_ZERO_CLIP = re.compile(r"rect\(\s*(?:0|1)(?:px)?(?:[\s,]+(?:0|1)(?:px)?){3}\s*\)")
# What decides whether an element is seen (see style_hides).
_VISIBILITY_PROPERTIES = frozenset(
    {"display", "visibility", "opacity", "overflow", "max-height", "height", "max-width", "width",
     "position", "clip", "clip-path", "mso-hide"}
)  # fmt: skip


@lru_cache(maxsize=256)
def visibility_rules(text: str) -> tuple[tuple[str, tuple[Declaration, ...], tuple[str, ...]], ...]:
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


def cascade(ruled: Sequence[Declaration], inline: Sequence[Declaration]) -> dict[str, str]:
    """The value (lowercase) of each property that wins: the rules' in source order, then the
    element's own, which an !important rule beats unless it is !important itself."""
    return _winning_values((*ruled, *inline))


@lru_cache(maxsize=8192)
def inline_values(style: str) -> Mapping[str, str]:
    """The value (lowercase) of each property a style attribute sets, as `winning` picks it."""
    return _winning_values(parse_declarations(style))


def _winning_values(declarations: Iterable[Declaration]) -> dict[str, str]:
    """The value (lowercase) of each property these declarations set, in order: a later one
    wins unless an earlier one is !important and it is not."""
    won: dict[str, Declaration] = {}
    for declaration in declarations:
        current = won.get(declaration.name)
        if current is None or declaration.important or not current.important:
            won[declaration.name] = declaration
    return {name: declaration.value.lower() for name, declaration in won.items()}


# An email repeats the same few style attributes hundreds of times (and each client view
# copies them again): what hides an element or sizes its text is worked out once per style.
@lru_cache(maxsize=8192)
def style_hides(style: str, outlook: bool) -> bool:
    """Whether a style attribute hides its element from sight."""
    return values_hide(inline_values(style).get, outlook)


def values_hide(value: Callable[[str], str | None], outlook: bool) -> bool:
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


def _is_zero(value: str | None) -> bool:
    if value is None:
        return False
    return re.fullmatch(r"(?:0+\.?0*|\.0+)\s*(?:px|em|rem|%|pt)?", value.strip()) is not None


def _at_most_1px(value: str | None) -> bool:
    return value is not None and re.fullmatch(r"(?:0|1)(?:\.0+)?(?:px)?", value.strip()) is not None
