"""The plain data that flows between the stages: reviews and issues."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from digest.markdown import Section


@dataclass(frozen=True)
class Review:
    """One selected article, whatever format it arrived in."""

    path: Path
    format: str
    title: str
    author: str | None
    date: datetime | None
    tags: tuple[str, ...]
    categories: tuple[str, ...]
    description: str | None
    source_url: str | None
    featured: bool
    draft: bool
    body: str  # Markdown
    slug: str
    html: str
    excerpt: str
    sections: tuple[Section, ...]
    word_count: int
    reading_time: int  # minutes, at least 1
    body_line: int = 1  # the file line where the body starts

    @property
    def all_tags(self) -> tuple[str, ...]:
        seen = dict.fromkeys((*self.tags, *self.categories))
        return tuple(seen)


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
