"""What an article says about itself, on its way to becoming a review file."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from digest.render.markdown import slugify
from digest.sources.assets import WINDOWS_DEVICES
from digest.sources.issue import IGNORED_FILES


@dataclass(frozen=True)
class Declared:
    """What a page's wrapper says of it, outside its markup (a saved mail's headers): it stands
    above what the page's markup suggests, but a page's own canonical address and author
    metadata stand above it."""

    title: str | None = None
    author: str | None = None
    date: datetime | None = None
    source_url: str | None = None


@dataclass
class ReviewDraft:
    """An article read by any reader, ready to be written as a review file.

    `guesses` are the fields a reader inferred rather than read from a field that says so
    (a date taken from the file name); `checks` are what the editor should look at; `files`
    the images and files beside it that it uses.
    """

    source: Path
    shape: str
    title: str
    body: str  # Markdown
    author: str | None = None
    date: datetime | None = None
    source_url: str | None = None
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    description: str | None = None
    image: str | None = None
    image_alt: str | None = None
    featured: bool = False
    draft: bool = False
    slug: str | None = None  # only when the article sets its own page name
    guesses: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)
    # the pictures and files the article uses from its own folder, by the address written
    # in it: they come along into the issue folder, under the same name
    files: dict[str, str] = field(default_factory=dict)

    @property
    def file_name(self) -> str:
        stem = self.slug or slugify(self.title, fallback=slugify(self.source.stem, "review"))
        name = f"{stem}.md"
        taken = name.lower() in {n.lower() for n in IGNORED_FILES}
        # aux.md is Windows's device 'aux' whatever follows the dot: no such file can be made there
        return f"{stem}-review.md" if taken or WINDOWS_DEVICES.fullmatch(stem.split(".", 1)[0]) else name
