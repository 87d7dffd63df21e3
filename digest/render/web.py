"""The web edition: a page per issue, a page per review, and the archive of every issue."""

from __future__ import annotations

from collections.abc import Sequence

from digest.model import Issue, IssueSummary, Review
from digest.render.environment import Templates


def web_pages(
    templates: Templates,
    issue: Issue,
    previous: IssueSummary | None = None,
    next: IssueSummary | None = None,
) -> dict[str, bytes]:
    """The issue's page (linking the issues before and after it) and a page per review."""
    pages = {f"{issue.id}/index.html": issue_page(templates, issue, previous, next).encode()}
    for review in issue.reviews:
        pages[f"{issue.id}/{review.slug}/index.html"] = review_page(templates, issue, review).encode()
    return pages


def issue_page(
    templates: Templates,
    issue: Issue,
    previous: IssueSummary | None = None,
    next: IssueSummary | None = None,
) -> str:
    return templates.render(
        "issue.html.j2", issue=issue, canonical_url=templates.issue_url(issue), previous=previous, next=next
    )


def review_page(templates: Templates, issue: Issue, review: Review) -> str:
    return templates.render(
        "review.html.j2", issue=issue, review=review, canonical_url=templates.review_url(issue, review)
    )


def archive_page(templates: Templates, issues: Sequence[IssueSummary]) -> bytes:
    """Every published issue, newest first, from their summaries."""
    newest_first = sorted(issues, key=lambda i: (i.date, i.id), reverse=True)
    return templates.render("archive.html.j2", issues=newest_first, canonical_url=templates.site_url).encode()
