"""The `dark-mode` checks: the colour-scheme meta tags, dark-mode rules that survive
inlining and keep text readable, and dark text over a background image that Outlook's
dark mode lightens (digest/checks/darkmode.py says what is known of it)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from digest.checks import darkmode
from digest.checks.css import (
    Colour,
    CssRule,
    colour_in,
    contrast_ratio,
    parse_colour,
    winning,
)
from digest.checks.email_rules.contrast import (
    COLOUR_PROPERTIES,
    LIGHT,
    Scheme,
    colour_origin,
    low_contrast,
    own_background,
    ruled_colours,
    text_paint,
)
from digest.checks.email_rules.document import Element, EmailDocument, self_and_ancestors
from digest.checks.email_rules.problems import Problem, report
from digest.checks.email_rules.settings import EmailCheckSettings
from digest.errors import Finding

_DARK_QUERY = re.compile(r"prefers-color-scheme\s*:\s*dark", re.I)
# What a browser shows for unstyled text once the email declares it supports dark mode.
_DARK = Scheme(
    text=Colour.of((255, 255, 255)), link=Colour.of((158, 158, 255)), canvas=Colour.of((18, 18, 18))
)


def check_dark_mode(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
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
    findings += report(
        "dark-mode",
        "error",
        _unreadable_dark_rules(rules, settings),
        "pick a text colour that stands out from the background",
    )
    scheme = replace(_DARK, overrides=ruled_colours(email, rules))
    problems = [
        Problem(
            f'in dark mode, "{low.run.snippet}" {low.failure}',
            low.run.element.sourceline,
            colour_origin(settings, low),
        )
        for low in low_contrast(email, scheme)
    ]
    findings += report(
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


def _unreadable_dark_rules(rules: Sequence[CssRule], settings: EmailCheckSettings) -> list[Problem]:
    problems = []
    for rule in rules:
        text = winning(rule.declarations, COLOUR_PROPERTIES["color"])
        background = winning(rule.declarations, COLOUR_PROPERTIES["background"])
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
                Problem(
                    f"the dark-mode rule {rule.selectors} sets {shown.hex} "
                    f"on {behind.hex} ({ratio:.1f}:1, needs 4.5:1)",
                    rule.line,
                    origin,
                )
            )
    return problems


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


def check_dark_recolouring(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
    """Dark text over a background image, which Outlook.com's dark mode lightens while the
    image stays (digest/checks/darkmode.py says what is known and from where)."""
    if not _may_paint_an_image(email.text):
        return []
    rules = [rule for sheet in email.sheets for rule in sheet.rules if not rule.media]
    scheme = replace(LIGHT, overrides=ruled_colours(email, rules))
    problems, seen = [], set()
    for run in email.text_runs:
        text = text_paint(email, scheme, run.element)
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
            Problem(
                f'in the dark mode of Outlook.com and the Outlook apps, "{run.snippet}" ({text.colour.hex}) '
                "is lightened while the background image behind it stays as it is",
                run.element.sourceline,
                origin,
            )
        )
    return report(
        "dark-mode",
        "warning",
        problems,
        "set the text on a plain background colour, or use a dark image with light text",
    )


def _image_behind(email: EmailDocument, scheme: Scheme, element: Element) -> Element | None:
    """The element whose background image shows behind this one's text, before any opaque
    background colour hides it (None: no image)."""
    for node in self_and_ancestors(element):
        ruled = scheme.overrides.get((node, "background"))
        declarations = [*email.inline(node), *([ruled] if ruled is not None else [])]
        if darkmode.has_background_image(node, iter(declarations)):
            return node
        paint = own_background(email, scheme, node)
        if paint is not None and paint.colour.opaque:
            return None
    return None
