"""The Jinja environment every output is rendered in, with its filters and URL helpers.

Templates come from the user's templates folder first, then the built-in theme. Both are
sources the project owns: a template that is a link to a file outside its folder is
refused, like a review would be.
"""

from __future__ import annotations

import hashlib
import textwrap
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2

from digest.config import Config
from digest.errors import TemplateError
from digest.files import inside, read_source, walk_files
from digest.model import Issue, IssueSummary, ReviewSummary

TEXT_WIDTH = 78
MAX_TEMPLATE_BYTES = 1_000_000


def theme_path() -> Path:
    """The built-in templates: packaged beside the code, or the repository's templates/ folder."""
    package = Path(__file__).parent.parent
    packaged = package / "_theme"
    return packaged if packaged.is_dir() else package.parent / "templates"


class _SourceLoader(jinja2.FileSystemLoader):
    """Jinja's file loader, reading through digest's checks: inside the folder, a regular
    file, bounded in size."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        for folder in self.searchpath:
            path = Path(folder) / template
            if ".." in Path(template).parts or not path.is_file():
                continue
            if not inside(path, folder):
                raise TemplateError(
                    f"the template is a link to a file outside {folder}: copy the file in instead", path
                )
            try:
                text = read_source(path, folder, MAX_TEMPLATE_BYTES, "template").decode("utf-8")
            except UnicodeDecodeError:
                raise TemplateError("the template is not UTF-8: save it as UTF-8", path) from None
            return text, str(path), lambda: True  # one build, one read: never reloaded
        raise jinja2.TemplateNotFound(template)


class Templates:
    """One site's templates: the Jinja environment, its filters and URL helpers."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.site_url = config.site.base_url
        folders = [config.templates_path, theme_path()]
        self.folders = [f for f in dict.fromkeys(folders) if f.is_dir()]
        self._fingerprint: str | None = None
        self.env = jinja2.Environment(
            loader=_SourceLoader([str(f) for f in self.folders]),
            autoescape=lambda name: name is not None and not name.endswith((".txt.j2", ".css")),
            undefined=jinja2.StrictUndefined,
            trim_blocks=False,
            keep_trailing_newline=True,
        )
        self.env.filters.update(
            long_date=long_date, iso_date=iso_date, byline=byline, wrap=wrap, host=host, plain=plain
        )
        self.env.globals.update(
            site=config.site,
            theme=config.theme,
            site_url=self.site_url,
            issue_url=self.issue_url,
            review_url=self.review_url,
            issue_label=issue_label,
            images=NoImages(),  # a build puts its assets here (render/assets.py)
        )

    def issue_url(self, issue: Issue | IssueSummary) -> str:
        return f"{self.site_url}{issue.id}/"

    def review_url(self, issue: Issue | IssueSummary, review: ReviewSummary) -> str:
        return f"{self.site_url}{issue.id}/{review.slug}/"

    def render(self, name: str, **context: Any) -> str:
        try:
            return self.env.get_template(name).render(**context)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(
                f"template syntax error: {exc.message}", exc.filename or name, exc.lineno
            ) from None
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(
                f"template not found: {exc.name}; restore it or remove your override"
            ) from None
        except jinja2.UndefinedError as exc:
            raise TemplateError(
                f"template uses an unknown value ({exc.message})", self.file_of(name)
            ) from None

    def file_of(self, name: str) -> Path | str:
        """Where the template `name` is read from, for messages."""
        for folder in self.folders:
            if (folder / name).is_file():
                return folder / name
        return name

    def fingerprint(self) -> str:
        """Every file the template loader can reach, so an edited template is never served stale."""
        if self._fingerprint is None:
            digest = hashlib.sha256()
            for folder in self.folders:
                for found in walk_files(str(folder)):
                    digest.update(found.name.encode() + b"\0")
                    digest.update(read_source(found.path, folder, MAX_TEMPLATE_BYTES, "template"))
                digest.update(b"\1")
            self._fingerprint = digest.hexdigest()
        return self._fingerprint


class NoImages:
    """The images of a rendering without a build's assets (a template rendered alone)."""

    def cover(self, review: ReviewSummary, purpose: str) -> None:
        return None

    def logo(self, purpose: str) -> None:
        return None


def issue_label(issue: Issue | IssueSummary) -> str:
    """How an issue is named in a masthead or a list: "No. 7: Title", or its title."""
    return f"No. {issue.number}: {issue.title}" if issue.number else issue.title


def plain(markdown: str) -> str:
    """A line or two of Markdown as plain text, links written out: for the text email."""
    from digest.render.markdown import render_text

    return " ".join(render_text(markdown, 10_000).split())


def host(url: str) -> str:
    """The name a link is known by: its host without 'www.'."""
    return urlsplit(url).netloc.removeprefix("www.") or url


def long_date(value: datetime) -> str:
    return f"{value.day} {value:%B %Y}"


def iso_date(value: datetime) -> str:
    return value.isoformat()


def byline(review: ReviewSummary) -> str:
    parts = [f"by {review.author}" if review.author else None]
    if review.date is not None:
        parts.append(long_date(review.date))
    parts.append(f"{review.reading_time} min read")
    return " · ".join(p for p in parts if p)


def wrap(text: str, width: int = TEXT_WIDTH, indent: str = "") -> str:
    """Wrap at `width` columns without breaking URLs or long words; continuation lines indented."""
    return textwrap.fill(
        " ".join(str(text).split()),
        width,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )
