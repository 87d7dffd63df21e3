"""The plain data that flows between the stages: reviews and issues."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn

from digest.render.markdown import Section


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


class NotLoaded(Exception):
    """Raised on any use of a review's body, HTML or outline that was not loaded."""


class _Unloaded:
    """Stands for a review's body, HTML or outline in an issue loaded for its metadata only.

    Any use (as text, as a sequence, as a truth value) raises NotLoaded, so whatever needs
    them (a template, a feed) is noticed and given the whole issue instead of rendering an
    empty value. It pickles as the one module-level instance.
    """

    def _refuse(self, *args: object) -> NoReturn:
        raise NotLoaded

    __str__ = __html__ = __len__ = __iter__ = __bool__ = __getitem__ = __contains__ = _refuse

    def __reduce__(self) -> str:
        return "UNLOADED"


UNLOADED: Any = _Unloaded()


def metadata_only(issue: Issue) -> Issue:
    """The issue without its reviews' bodies, HTML and outlines, most of its size: enough for
    the archive, the link checks and finding which issues the feeds need whole."""

    def light(review: Review) -> Review:
        return replace(review, body=UNLOADED, html=UNLOADED, sections=UNLOADED)

    return replace(issue, reviews=tuple(map(light, issue.reviews)), drafts=tuple(map(light, issue.drafts)))


def is_metadata_only(issue: Issue) -> bool:
    return any(review.html is UNLOADED for review in (*issue.reviews, *issue.drafts))
