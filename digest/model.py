"""The plain data that flows between the stages: reviews and issues, whole or summarised.

A summary is what the archive, the link checks and the choice of feed entries need of an
issue: its metadata and its reviews' metadata, without their bodies and HTML (most of an
issue's size). It is a type of its own, so nothing can mistake one for a whole issue.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from pathlib import Path
from typing import ClassVar

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
    image_caption: str | None = field(default=None, kw_only=True)
    image_dark: str | None = field(default=None, kw_only=True)  # shown instead on dark backgrounds
    # What its feed entry id is made of after the issue's id, kept forever: its `slug:` where
    # it has one, else its file's name within the issue (a retitle keeps it).
    feed_name: str = field(default="", kw_only=True)
    # Each writer, where the front matter lists them one by one (`authors: [Ann, Bo]`), as the
    # feeds name them; empty where `author` is one value, which is one name however written.
    authors: tuple[str, ...] = field(default=(), kw_only=True)

    is_link: ClassVar[bool] = False  # for templates: a review, not a link item

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
class LinkItem:
    """A short item written in issue.md itself: a title, a link and a line or two of
    comment, the "title, link, one line" form most digests are made of."""

    title: str
    url: str
    comment: str  # Markdown
    comment_html: str
    author: str | None
    tags: tuple[str, ...]
    slug: str  # its anchor on the issue's page
    removed: tuple[str, ...] = ()  # addresses the sanitiser removed from the comment, as written

    is_link: ClassVar[bool] = True

    @property
    def all_tags(self) -> tuple[str, ...]:
        return self.tags


Item = Review | LinkItem


@dataclass(frozen=True)
class IssueSection:
    """A named group of an issue's items; an issue without sections has one, untitled."""

    title: str  # "" for the one section of an issue without sections
    slug: str
    items: tuple[Item, ...]

    @property
    def reviews(self) -> tuple[Review, ...]:
        return tuple(item for item in self.items if isinstance(item, Review))

    @property
    def links(self) -> tuple[LinkItem, ...]:
        return tuple(item for item in self.items if isinstance(item, LinkItem))


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
    number: int | None = None
    links: tuple[LinkItem, ...] = ()

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(tag for review in self.reviews for tag in review.all_tags))

    @property
    def authors(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.author for r in self.reviews if r.author))


def chronological(summaries: Iterable[IssueSummary]) -> list[IssueSummary]:
    """Oldest first, as the pages' previous and next links go."""
    return sorted(summaries, key=lambda summary: (summary.date, summary.id))


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
    reviews: tuple[Review, ...]  # every review, in the order listed
    drafts: tuple[Review, ...] = ()
    number: int | None = None
    sections: tuple[IssueSection, ...] = ()  # the reviews and link items, grouped as listed
    links: tuple[LinkItem, ...] = ()  # every link item, in the order listed
    draft: bool = False  # marked `draft: true`, built only by name with --drafts

    def __post_init__(self) -> None:
        if not self.sections and self.reviews:  # made without sections: one, untitled, of every review
            object.__setattr__(self, "sections", (IssueSection("", "", self.reviews),))

    @property
    def featured(self) -> Review | None:
        """The review to show first and largest: the one marked `featured`, if any."""
        return next((review for review in self.reviews if review.featured), None)

    @property
    def sections_after_featured(self) -> tuple[IssueSection, ...]:
        """The sections as shown after the featured review: each without it, and one that
        held it alone left out (its heading would stand over nothing)."""
        featured = self.featured
        if featured is None:
            return self.sections
        shown = (
            replace(section, items=tuple(item for item in section.items if item != featured))
            for section in self.sections
        )
        return tuple(section for section in shown if section.items)

    @property
    def titled_sections(self) -> bool:
        return any(section.title for section in self.sections)

    @property
    def tags(self) -> tuple[str, ...]:
        items: tuple[Item, ...] = (*self.reviews, *self.links)
        return tuple(dict.fromkeys(tag for item in items for tag in item.all_tags))

    @property
    def authors(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.author for r in self.reviews if r.author))

    def summary(self) -> IssueSummary:
        reviews = tuple(review.summary() for review in self.reviews)
        sources = (*(review.path for review in self.reviews), self.path / "issue.md")
        return IssueSummary(
            self.id,
            self.title,
            self.date,
            self.subject,
            self.preheader,
            reviews,
            sources,
            self.number,
            self.links,
        )
