"""The `fonts` check: every font stack ends in a generic family."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from digest.checks.css import (
    GENERIC_FAMILIES,
    Declaration,
    significant,
)
from digest.checks.email_rules.document import EmailDocument
from digest.checks.email_rules.problems import Problem, report
from digest.checks.email_rules.settings import EmailCheckSettings
from digest.errors import Finding, quoted

_NEWER_GENERIC_FAMILIES = frozenset(
    {"system-ui", "ui-serif", "ui-sans-serif", "ui-monospace", "ui-rounded", "emoji", "math", "fangsong"}
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


def check_fonts(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
    problems = []
    seen: set[str] = set()
    for stack, line, declaration in _font_stacks(email):
        if stack not in seen and not _names_generic(declaration):
            seen.add(stack)
            origin = None
            if settings.sources is not None and declaration is not None:
                origin = settings.sources.declaration(declaration.name, declaration.value)
            problems.append(Problem(_missing_generic(stack, declaration), line, origin))
    return report(
        "fonts", "error", problems, "end it with serif, sans-serif or monospace for apps without its fonts"
    )


def _missing_generic(stack: str, declaration: Declaration | None) -> str:
    newer = _last_family(declaration) if declaration is not None else None
    if newer is not None and newer in _NEWER_GENERIC_FAMILIES:
        return (
            f"the font stack {quoted(stack)} ends in {quoted(newer)}, a generic family Outlook for "
            "Windows and most webmail do not know"
        )
    return f"the font stack {quoted(stack)} has no generic family"


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


def _names_generic(declaration: Declaration | None) -> bool:
    """Whether the stack has a last resort every mail app knows: a CSS 2.1 generic family, which
    always matches (families after it only lend the glyphs its font lacks, as emoji fonts do)."""
    if declaration is None:
        return True
    tokens = _family_tokens(declaration)
    if not tokens or any(token.type == "function" and token.lower_name == "var" for token in tokens):
        return True
    if len(tokens) == 1 and tokens[0].type == "ident" and tokens[0].lower_value in _FONT_KEYWORDS:
        return True
    return any(_keyword(family) in GENERIC_FAMILIES for family in _families(declaration))


def _last_family(declaration: Declaration) -> str | None:
    """The stack's last family where it is one keyword (a generic family is), lower case."""
    families = _families(declaration)
    return _keyword(families[-1]) if families else None


def _families(declaration: Declaration) -> list[list[Any]]:
    """The stack's families, each its tokens between the commas."""
    families: list[list[Any]] = [[]]
    for token in _family_tokens(declaration):
        if token.type == "literal" and token.value == ",":
            families.append([])
        else:
            families[-1].append(token)
    return families


def _keyword(family: list[Any]) -> str | None:
    """A family written as one keyword, lower case; None for a quoted or many-word name."""
    return str(family[0].lower_value) if len(family) == 1 and family[0].type == "ident" else None
