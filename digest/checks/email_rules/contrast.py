"""The `contrast` check and the colours it reads: each text's colour and the colours behind
it (style attributes, `bgcolor`, style-block rules), composited and measured as WCAG does.
The client report reads colours through the same functions."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from digest.checks.css import (
    CURRENT_COLOUR,
    Colour,
    CssRule,
    Declaration,
    colour_in,
    contrast_ratio,
    parse_colour,
    winning,
)
from digest.checks.email_rules.document import Element, EmailDocument, TextRun, self_and_ancestors
from digest.checks.email_rules.problems import Problem, report
from digest.checks.email_rules.settings import EmailCheckSettings
from digest.checks.origins import Location
from digest.errors import Finding


@dataclass(frozen=True)
class Scheme:
    """How text and background colours resolve in one colour scheme."""

    text: Colour
    link: Colour
    canvas: Colour
    # declarations from <style> rules, by (element, "color" | "background"); inline styles beat them
    # unless they are !important
    overrides: Mapping[tuple[Element, str], Declaration] = field(default_factory=dict)


LIGHT = Scheme(text=Colour.of((0, 0, 0)), link=Colour.of((0, 0, 238)), canvas=Colour.of((255, 255, 255)))
COLOUR_PROPERTIES: dict[str, tuple[str, ...]] = {
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


def check_contrast(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
    problems = [
        Problem(
            f'"{low.run.snippet}" {low.failure}', low.run.element.sourceline, colour_origin(settings, low)
        )
        for low in low_contrast(email, LIGHT)
    ]
    return report(
        "contrast",
        "error",
        problems,
        "WCAG AA needs 4.5:1 (3:1 for large text): change the text or background colour",
    )


def colour_origin(settings: EmailCheckSettings, low: _LowContrast) -> Location | None:
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


def unreadable_text(
    email: EmailDocument, runs: Iterable[TextRun], ruled: RuledColours | None = None
) -> str | None:
    """The first of these text runs whose colour does not stand out enough from the colours
    behind it (in light mode, by style attributes, attributes and the `ruled` colours of
    style-block rules), as the contrast check says it."""
    low = next(low_contrast(email, replace(LIGHT, overrides=ruled or {}), runs), None)
    return None if low is None else f'"{low.run.snippet}" {low.failure}'


def transparent_text(email: EmailDocument, element: Element) -> bool:
    """Whether the element's text is drawn in a colour of alpha 0 (CSS Color 4: it draws nothing),
    by the nearest colour its style attributes set up the chain."""
    return text_paint(email, LIGHT, element).colour.alpha == 0


def paints_opaque(email: EmailDocument, element: Element, ruled: RuledColours | None = None) -> bool:
    """Whether an element paints an opaque background colour of its own (in light mode, by its
    style or bgcolor attribute, or the `ruled` colours of style-block rules)."""
    paint = own_background(email, replace(LIGHT, overrides=ruled or {}), element)
    return paint is not None and paint.colour.opaque


def low_contrast(
    email: EmailDocument, scheme: Scheme, runs: Iterable[TextRun] | None = None
) -> Iterator[_LowContrast]:
    """Text runs whose colour does not stand out enough from their background, once per colour pair."""
    seen: set[tuple[str, str, float]] = set()
    for run in email.text_runs if runs is None else runs:
        background = _background_colour(email, scheme, run.element)
        text = text_paint(email, scheme, run.element)
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
    email: EmailDocument, scheme: Scheme, element: Element, group: str
) -> Declaration | None:
    inline = winning(email.inline(element), COLOUR_PROPERTIES[group])
    rule = scheme.overrides.get((element, group))
    if rule is not None and (inline is None or (rule.important and not inline.important)):
        return rule
    return inline


def text_paint(email: EmailDocument, scheme: Scheme, element: Element) -> _Paint:
    """The text colour: the nearest valid `color`, a link's default, or the scheme's text colour."""
    for node in self_and_ancestors(element):
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


def _background_colour(email: EmailDocument, scheme: Scheme, element: Element) -> _Paint:
    """The colour behind the element: its own and its ancestors' backgrounds, composited
    down to the first opaque one (or the canvas)."""
    layers: list[_Paint] = []
    for node in self_and_ancestors(element):
        paint = own_background(email, scheme, node)
        if paint is not None and paint.colour.alpha > 0:
            layers.append(paint)
            if paint.colour.opaque:
                break
    colour = scheme.canvas
    for layer in reversed(layers):
        colour = layer.colour.over(colour)
    return _Paint(colour, layers[0].declaration if layers else None)


def own_background(email: EmailDocument, scheme: Scheme, element: Element) -> _Paint | None:
    declaration = _scheme_declaration(email, scheme, element, "background")
    if declaration is not None:
        colour = colour_in(declaration.tokens)
        if colour == CURRENT_COLOUR:
            colour = text_paint(email, scheme, element).colour
        return _Paint(colour, declaration) if isinstance(colour, Colour) else None
    attribute = parse_colour(element.get("bgcolor") or "")
    return _Paint(attribute) if isinstance(attribute, Colour) else None


def ruled_colours(email: EmailDocument, rules: Sequence[CssRule]) -> RuledColours:
    """The colour and background declarations each element gets from these style-block rules
    (the dark-mode ones, say), by cascade order (selectors lxml cannot evaluate, such as
    :hover, match nothing)."""
    ranked: dict[tuple[Element, str], tuple[tuple[bool, tuple[int, ...], int], Declaration]] = {}
    for order, rule in enumerate(rules):
        for selector in _selectors(rule):
            compiled = _compile_selector(selector)
            if compiled is None:
                continue
            match, specificity = compiled
            for group, names in COLOUR_PROPERTIES.items():
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
