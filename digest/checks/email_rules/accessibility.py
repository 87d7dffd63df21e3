"""What screen readers announce: the `tables`, `img-alt`, `headings` and `link-names` checks."""

from __future__ import annotations

from typing import Any

from digest.checks.email_rules.document import HEADING_EM, Element, EmailDocument
from digest.checks.email_rules.problems import Problem, report
from digest.checks.email_rules.settings import EmailCheckSettings
from digest.checks.origins import Location
from digest.errors import Finding


def check_tables(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
    problems = [
        Problem('a layout <table> has no role="presentation"', table.sourceline)
        for table in email.body_elements("table")
        if (table.get("role") or "").strip().lower() not in ("presentation", "none")
        and not _is_data_table(table)
    ]
    return report(
        "tables", "error", problems, 'add role="presentation" so screen readers do not announce a grid'
    )


def _is_data_table(table: Element) -> bool:
    return bool(table.xpath("./caption | ./tr/th | ./thead/tr/th | ./tbody/tr/th"))


def check_img_alt(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
    problems = [
        Problem(f'<img src="{image.get("src", "")}"> has no alt', image.sourceline)
        for image in email.elements("img")
        if image.get("alt") is None
    ]
    return report(
        "img-alt", "error", problems, 'describe the image in alt, or use alt="" if it is decoration'
    )


def _heading_origin(settings: EmailCheckSettings, heading: Any) -> Location | None:
    """issue.md's line where the introduction writes `heading`; None for the theme's."""
    ident = heading.get("id")
    if settings.sources is None or not ident:
        return None
    return settings.sources.heading(ident, heading.text_content())


def check_headings(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
    problems = []
    previous: int | None = None
    for heading in email.body_elements(*HEADING_EM):
        level = int(heading.tag[1])
        if previous is not None and level > previous + 1:
            origin = _heading_origin(settings, heading)
            problems.append(Problem(f"<h{level}> follows <h{previous}>", heading.sourceline, origin))
        previous = level
    return report(
        "headings", "error", problems, "do not skip heading levels; screen reader users navigate by them"
    )


def check_link_names(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
    problems = [
        Problem(f"the link to {link.get('href')} has no text", link.sourceline)
        for link in email.elements("a")
        if link.get("href") is not None and not accessible_name(email, link)
    ]
    return report("link-names", "error", problems, "give it text, an aria-label, or an image with alt text")


def accessible_name(email: EmailDocument, link: Element) -> str:
    """What a screen reader announces for a link (simplified accessible-name computation)."""
    labels = [email.ids.get(ref) for ref in (link.get("aria-labelledby") or "").split()]
    labelled_by = " ".join(node.text_content() for node in labels if node is not None)
    alts = " ".join(image.get("alt") or "" for image in link.iter("img"))
    parts = (link.get("aria-label"), labelled_by, link.text_content(), alts, link.get("title"))
    return " ".join(part for part in parts if part).strip()
