"""Rules the final, inlined email.html must pass before it is exported.

Each check reads the HTML exactly as the mail service will receive it and reports
`Finding`s: errors block the export, warnings do not (unless --strict). Given the email's
sources, a finding names the file the editor changes (the stylesheet, the template,
issue.md) rather than the compiled HTML; the compiled line is kept in the message.

Every check runs in time linear in the size of the email, and the size comes first: an
email Gmail clips fails on that alone, before anything else is parsed.

The email is parsed once (document.py, with visibility.py: whether an element is seen);
each module beside it holds the checks of one concern, named in its docstring, and
problems.py turns a check's problems into its finding. The client report (checks/clients/)
reads the email and its colours through the names this package exports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import cache
from pathlib import Path

from digest.checks.email_rules.contrast import (
    RuledColours,
    paints_opaque,
    ruled_colours,
    transparent_text,
    unreadable_text,
)
from digest.checks.email_rules.document import EmailDocument, TextRun
from digest.checks.email_rules.settings import CHECK_NAMES, EmailCheckSettings
from digest.checks.email_rules.visibility import style_hides
from digest.errors import Finding

__all__ = [
    "CHECK_NAMES",
    "EmailCheckSettings",
    "EmailDocument",
    "RuledColours",
    "TextRun",
    "check_email",
    "paints_opaque",
    "ruled_colours",
    "style_hides",
    "transparent_text",
    "unreadable_text",
]

Check = Callable[[EmailDocument, EmailCheckSettings], list[Finding]]


def check_email(
    html: str | bytes, settings: EmailCheckSettings, *, path: Path | None = None
) -> list[Finding]:
    """Run every email check on the final HTML and return the findings in CHECK_NAMES order.

    A finding the sources cannot place names `path` (the compiled email) with its line,
    or, given sources, the template with the compiled line in its message.
    """
    from digest.checks.email_rules.size import check_size

    raw = html.encode("utf-8") if isinstance(html, str) else html
    size = check_size(len(raw), settings)
    if any(finding.severity == "error" for finding in size):
        return [_placed(finding, settings, path) for finding in size]
    email = EmailDocument.parse(raw)
    if email is None:
        findings = [Finding("error", "doctype", "email.html is empty or is not an HTML document")]
    else:
        findings = size + [finding for check in _checks() for finding in check(email, settings)]
    return [_placed(finding, settings, path) for finding in findings]


def _placed(finding: Finding, settings: EmailCheckSettings, path: Path | None) -> Finding:
    if finding.path is not None:
        return finding
    fallback = settings.sources.fallback() if settings.sources is not None else None
    if fallback is None:
        return replace(finding, path=path)
    compiled = f" (compiled email.html line {finding.line})" if finding.line else ""
    return replace(finding, message=finding.message + compiled, path=fallback.path, line=fallback.line)


@cache
def _checks() -> tuple[Check, ...]:
    """The checks after `size`, in CHECK_NAMES order: imported when an email is checked, not
    when a build whose checks come from its cache reads the client report's names."""
    from digest.checks.email_rules import (
        accessibility,
        addresses,
        conditionals,
        contrast,
        dark_mode,
        fonts,
        markup,
        preheader,
        styles,
        unsafe,
        width,
    )

    return (
        styles.check_styles,
        markup.check_doctype,
        markup.check_lang,
        markup.check_title,
        preheader.check_preheader,
        width.check_width,
        accessibility.check_tables,
        accessibility.check_img_alt,
        accessibility.check_headings,
        accessibility.check_link_names,
        contrast.check_contrast,
        unsafe.check_unsafe_tags,
        unsafe.check_event_handlers,
        unsafe.check_javascript_urls,
        addresses.check_urls,
        fonts.check_fonts,
        conditionals.check_outlook_conditionals,
        dark_mode.check_dark_mode,
        dark_mode.check_dark_recolouring,
    )
