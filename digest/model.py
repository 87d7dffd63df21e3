"""The plain data that flows between the stages: reviews and issues, whole or summarised.

A summary is what the archive, the link checks and the choice of feed entries need of an
issue: its metadata and its reviews' metadata, without their bodies and HTML (most of an
issue's size). It is a type of its own, so nothing can mistake one for a whole issue.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from pathlib import Path

from digest.render.markdown import Section


@dataclass(frozen=True)
class ReviewSummary:
    """What a list of reviews shows of one: enough for a card, a byline or a feed choice."""

    title: str
    slug: str
    author: str | None
    date: datetime | None
    tags: tuple[str, ...]
    categories: tuple[str, ...]
    description: str | None
    source_url: str | None
    featured: bool
    excerpt: str
    word_count: int
    reading_time: int  # minutes, at least 1
    # The article's own picture (front matter or og:image), as written; keyword-only, so
    # Review's fields without defaults can follow.
    image: str | None = field(default=None, kw_only=True)
    image_alt: str | None = field(default=None, kw_only=True)

    @property
    def all_tags(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*self.tags, *self.categories)))


@dataclass(frozen=True)
class Review(ReviewSummary):
    """One selected article, whatever format it arrived in."""

    path: Path
    format: str
    draft: bool
    body: str  # Markdown
    html: str
    sections: tuple[Section, ...]
    body_line: int = 1  # the file line where the body starts
    # Fields inferred rather than given, each saying from where ("date taken from the file name").
    guesses: tuple[str, ...] = ()

    def summary(self) -> ReviewSummary:
        return ReviewSummary(**{f.name: getattr(self, f.name) for f in fields(ReviewSummary)})


@dataclass(frozen=True)
class IssueSummary:
    """An issue without its introduction and its reviews' bodies: for the archive and feeds."""

    id: str
    title: str
    date: datetime
    subject: str
    preheader: str
    reviews: tuple[ReviewSummary, ...]
    sources: tuple[Path, ...]  # the files it was read from: the reviews and issue.md

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(tag for review in self.reviews for tag in review.all_tags))

    @property
    def authors(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.author for r in self.reviews if r.author))


@dataclass(frozen=True)
class Issue:
    """An issue folder: its metadata, the editor's introduction and the selected reviews, in order."""

    id: str
    path: Path
    title: str
    date: datetime
    subject: str
    preheader: str
    intro: str  # Markdown
    intro_html: str
    reviews: tuple[Review, ...]
    drafts: tuple[Review, ...] = ()

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(tag for review in self.reviews for tag in review.all_tags))

    @property
    def authors(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.author for r in self.reviews if r.author))

    def summary(self) -> IssueSummary:
        reviews = tuple(review.summary() for review in self.reviews)
        sources = (*(review.path for review in self.reviews), self.path / "issue.md")
        return IssueSummary(self.id, self.title, self.date, self.subject, self.preheader, reviews, sources)
