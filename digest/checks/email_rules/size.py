"""The `size` check: an email Gmail clips (102,000 bytes), named by its heaviest part."""

from __future__ import annotations

from digest.checks.email_rules.settings import EmailCheckSettings
from digest.errors import Finding, Severity, quoted


def check_size(size: int, settings: EmailCheckSettings) -> list[Finding]:
    if size >= settings.max_bytes_error:
        severity: Severity = "error"
        why = f"Gmail clips messages of {settings.max_bytes_error:,} bytes or more and drops their styles"
    elif size >= settings.max_bytes_warning:
        severity = "warning"
        why = (
            f"close to Gmail's {settings.max_bytes_error:,}-byte clipping limit "
            "once the mail service adds its markup"
        )
    else:
        return []
    heaviest, advice = _heaviest_part(settings)
    message = f"email.html is {size:,} bytes, {why}{heaviest}; {advice}"
    where = settings.sources.issue if settings.sources is not None else None
    return [Finding(severity, "size", message, where.path if where is not None else None)]


def _heaviest_part(settings: EmailCheckSettings) -> tuple[str, str]:
    """What weighs most of the email's parts the editor chooses (a review, the introduction,
    the link items together), and what to do about it."""
    advice = "use shorter excerpts or fewer reviews"
    heaviest_review = max(settings.review_sizes.values(), default=0)
    count, links_bytes = settings.link_items
    if settings.intro_bytes > max(heaviest_review, links_bytes):
        return (
            f"; the introduction in issue.md is the heaviest part ({settings.intro_bytes:,} bytes)",
            "shorten the introduction, or " + advice,
        )
    if links_bytes > heaviest_review:
        return (
            f"; the {count:,} link items in issue.md are the heaviest part ({links_bytes:,} bytes)",
            "list fewer link items, or shorten their comments",
        )
    if settings.review_sizes:
        title, weight = max(sorted(settings.review_sizes.items()), key=lambda item: item[1])
        return f"; the heaviest review is {quoted(title)} ({weight:,} bytes)", advice
    return "", advice
