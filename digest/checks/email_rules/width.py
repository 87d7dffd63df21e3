"""The `width` check: nothing wider than the email's width, and every text inside a
container that bounds it."""

from __future__ import annotations

from collections.abc import Iterator

from digest.checks.email_rules.document import Element, EmailDocument, handed_down, px
from digest.checks.email_rules.problems import Problem, report
from digest.checks.email_rules.settings import EmailCheckSettings
from digest.errors import Finding


def check_width(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
    limit = settings.max_width
    too_wide = []
    for element in email.body_elements():
        for name, width in _declared_widths(email, element):
            if width > limit:
                too_wide.append(Problem(f"<{element.tag}> has {name}", element.sourceline))
    findings = report("width", "error", too_wide, f"keep content at most {limit}px wide")
    bounded: dict[Element, bool] = {}
    unbounded = [
        Problem(f'the text "{run.snippet}" is in no container of at most {limit}px', run.element.sourceline)
        for run in email.text_runs
        if not _within(email, run.element, limit, bounded)
    ]
    findings += report(
        "width", "error", unbounded, f"wrap the content in a container with max-width:{limit}px"
    )
    return findings


def _within(email: EmailDocument, element: Element, limit: int, known: dict[Element, bool]) -> bool:
    """Whether the element or an ancestor bounds the width (remembered for every node walked)."""
    return handed_down(
        element, known, False, lambda each, inside: inside or _bounds_width(email, each, limit)
    )


def _declared_widths(email: EmailDocument, element: Element) -> Iterator[tuple[str, float]]:
    """The element's widths in px, each labelled as written (width="640", max-width:700px)."""
    attribute = element.get("width")
    width = px(attribute, unitless=True)
    if width is not None:
        yield f'width="{attribute}"', width
    for declaration in email.inline(element):
        if declaration.name in ("width", "min-width", "max-width"):
            width = px(declaration.value, unitless=False)
            if width is not None:
                yield f"{declaration.name}:{declaration.value}", width


def _bounds_width(email: EmailDocument, element: Element, limit: int) -> bool:
    return any(
        0 < width <= limit
        for label, width in _declared_widths(email, element)
        if not label.startswith("min-width")
    )
