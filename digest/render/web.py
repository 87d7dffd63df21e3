"""The web edition: a page per issue, a page per review, and the archive of every issue."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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


ARCHIVE_FOLDER = "archive"  # the year pages: archive/2025/index.html
LATEST_ISSUES = 10  # on the home page, before the list of years


@dataclass(frozen=True)
class ArchiveYear:
    """A year of the archive, as the list of years shows it."""

    year: int
    url: str
    count: int


def archive_url(templates: Templates, year: int) -> str:
    return f"{templates.site_url}{ARCHIVE_FOLDER}/{year}/"


def archive_pages(templates: Templates, issues: Sequence[IssueSummary]) -> dict[str, bytes]:
    """The home page (the latest issues, newest first, and every year with its count) and a
    page per year with that year's issues: each issue is listed on its year's page, so the
    work grows with the archive as one page did, and a year's address never changes."""
    newest_first = sorted(issues, key=lambda i: (i.date, i.id), reverse=True)
    by_year = _by_year(newest_first)
    years = [ArchiveYear(year, archive_url(templates, year), len(listed)) for year, listed in by_year.items()]
    pages = {"index.html": _archive(templates, newest_first[:LATEST_ISSUES], years, None, templates.site_url)}
    for year, listed in by_year.items():
        url = archive_url(templates, year)
        pages[f"{ARCHIVE_FOLDER}/{year}/index.html"] = _archive(templates, listed, years, year, url)
    return pages


def _by_year(newest_first: Sequence[IssueSummary]) -> dict[int, list[IssueSummary]]:
    by_year: dict[int, list[IssueSummary]] = {}
    for issue in newest_first:
        by_year.setdefault(issue.date.year, []).append(issue)
    return by_year


def _archive(
    templates: Templates,
    issues: Sequence[IssueSummary],
    years: Sequence[ArchiveYear],
    year: int | None,
    url: str,
) -> bytes:
    return templates.render(
        "archive.html.j2", issues=issues, years=years, year=year, canonical_url=url
    ).encode()


def sitemap(templates: Templates, issues: Sequence[IssueSummary]) -> bytes:
    """sitemap.xml: the archive and its years, every issue's page and every review's page,
    dated by the (newest) issue they show."""
    newest = max((issue.date for issue in issues), default=None)
    entries = [(templates.site_url, newest)]
    for year, listed in sorted(_by_year(issues).items()):
        entries.append((archive_url(templates, year), max(issue.date for issue in listed)))
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
