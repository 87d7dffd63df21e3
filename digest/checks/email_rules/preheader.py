"""The `preheader` check: the hidden line inboxes preview first, and its length."""

from __future__ import annotations

import re

from digest.checks.email_rules.document import (
    NON_TEXT_TAGS,
    REPLACED_TAGS,
    Element,
    EmailDocument,
    self_and_ancestors,
    shortened,
)
from digest.checks.email_rules.problems import file_and_line, issue_path
from digest.checks.email_rules.settings import EmailCheckSettings
from digest.checks.origins import Location
from digest.errors import Finding

_PREHEADER_FILLER = re.compile("[\\s\u034f\u200b\u200c\u200d\u2007\u00ad\ufeff]+")


def check_preheader(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
    advice = (
        'start <body> with a hidden preheader, e.g. <div style="display:none;max-height:0;overflow:hidden">'
        "a one-line summary</div>"
    )
    where = _preheader_origin(settings)
    first = _first_content(email.body) if email.body is not None else None
    if first is None:
        return [Finding("error", "preheader", f"<body> has no content; {advice}", *file_and_line(where))]
    holder, text = first
    if text and email.is_hidden(holder):
        key = settings.sources.front_matter_key("preheader") if settings.sources is not None else None
        return _preheader_length(email, holder, settings, key)
    what = f'the text "{shortened(text)}"' if text else f"an <{holder.tag}>"
    if where is not None and where.path == issue_path(settings):
        return _empty(what, where)
    message = f"the first content of <body> is {what}; {advice}"
    if where is None:
        return [Finding("error", "preheader", message, line=holder.sourceline)]
    return [Finding("error", "preheader", message, *file_and_line(where))]


def _preheader_length(
    email: EmailDocument, holder: Element, settings: EmailCheckSettings, where: Location | None
) -> list[Finding]:
    block = next(node for node in self_and_ancestors(holder) if email.hides(node))
    words = " ".join(_PREHEADER_FILLER.sub(" ", block.text_content()).split())
    if not words:
        return _empty("the first words of the email", where)
    if len(words) > settings.max_preheader_chars:
        return [
            Finding(
                "warning",
                "preheader",
                f"the preheader is {len(words)} characters; inboxes show about "
                f"{settings.max_preheader_chars} at most: shorten the preheader: key",
                *file_and_line(where),
            )
        ]
    return []


def _empty(previewed: str, where: Location | None) -> list[Finding]:
    return [
        Finding(
            "error",
            "preheader",
            f"the preheader is empty, so inboxes preview {previewed} instead; "
            "write a one-line summary in the preheader: key",
            *file_and_line(where),
        )
    ]


def _preheader_origin(settings: EmailCheckSettings) -> Location | None:
    """issue.md's preheader: key, unless it holds text and the template is what left it out."""
    sources = settings.sources
    if sources is None or sources.issue is None:
        return None
    key = sources.front_matter_key("preheader")
    written = re.search(r"^preheader\s*:\s*['\"]?\s*[^\s'\"]", sources.issue.text, re.M)
    return key if written is None else sources.fallback() or key


def _first_content(element: Element) -> tuple[Element, str] | None:
    """The first text (with the element holding it) or replaced element (with "") inside `element`."""
    if element.text and element.text.strip():
        return element, element.text
    for child in element:
        if isinstance(child.tag, str) and child.tag not in NON_TEXT_TAGS:
            if child.tag in REPLACED_TAGS:
                return child, ""
            found = _first_content(child)
            if found is not None:
                return found
        if child.tail and child.tail.strip():
            return element, child.tail
    return None
