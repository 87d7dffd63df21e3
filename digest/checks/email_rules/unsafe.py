"""What mail apps strip or flag as dangerous: the `unsafe-tags`, `event-handlers` and
`javascript-urls` checks."""

from __future__ import annotations

import re

from digest.checks.email_rules.document import EmailDocument
from digest.checks.email_rules.problems import Problem, report
from digest.checks.email_rules.settings import EmailCheckSettings
from digest.checks.urls import scheme_of
from digest.errors import Finding

_UNSAFE_TAGS = ("script", "form", "input", "iframe", "object", "embed")


def check_unsafe_tags(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
    problems = [Problem(f"<{element.tag}>", element.sourceline) for element in email.elements(*_UNSAFE_TAGS)]
    problems += [
        Problem('<link rel="stylesheet">', link.sourceline)
        for link in email.elements("link")
        if "stylesheet" in (link.get("rel") or "").lower().split()
    ]
    problems.sort(key=lambda problem: problem.line or 0)
    return report(
        "unsafe-tags", "error", problems, "mail apps strip it or mark the message as dangerous: remove it"
    )


def check_event_handlers(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
    problems = [
        Problem(f"<{element.tag} {name}>", element.sourceline)
        for element in email.elements()
        for name in element.attrib
        if name.lower().startswith("on")
    ]
    return report("event-handlers", "error", problems, "mail apps never run scripts: remove the attribute")


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


def check_javascript_urls(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
    problems = [
        Problem(f"<{element.tag} {name}> holds a javascript: URL", element.sourceline)
        for element in email.elements()
        for name, value in element.attrib.items()
        if name.lower() in _URL_ATTRIBUTES and scheme_of(value) == "javascript"
    ]
    problems += [
        Problem(f"<{element.tag}> style loads a javascript: URL", element.sourceline)
        for element in email.elements()
        if _CSS_JAVASCRIPT.search(element.get("style") or "")
    ]
    return report("javascript-urls", "error", problems, "remove it: mail apps never run scripts")
