"""The web edition: a page per issue, a page per review, and the archive of every issue."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

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


def sitemap(templates: Templates, issues: Sequence[IssueSummary]) -> bytes:
    """sitemap.xml: the archive, every issue's page and every review's page, dated by the issue."""
    newest = max((issue.date for issue in issues), default=None)
    entries = [(templates.site_url, newest)]
    for issue in sorted(issues, key=lambda each: (each.date, each.id)):
        entries.append((templates.issue_url(issue), issue.date))
        entries.extend((templates.review_url(issue, review), issue.date) for review in issue.reviews)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for url, date in entries:
        modified = f"<lastmod>{date.date().isoformat()}</lastmod>" if date else ""
        lines.append(f"  <url><loc>{escape(url)}</loc>{modified}</url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode()
