"""Stage 3: render an issue into its outputs (email HTML and text, web pages).

Templates come from the user's templates folder first, then the built-in theme.
The email goes Jinja2 -> MJML -> mjml-python -> premailer; nothing here touches
the network (no remote fonts, no remote stylesheets).
"""

from __future__ import annotations

import hashlib
import pickle
import re
import textwrap
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import jinja2

from digest.cache import BuildCache, cache_key
from digest.config import Config
from digest.errors import TemplateError
from digest.model import Issue, NotLoaded, Review
from digest.render.email import EmailHelper, EmailJob, compile_email
from digest.render.feeds import FeedEntry, FeedSettings, build_feeds, newest_first
from digest.render.mailservice import MAIL_SERVICES, escape_merge_syntax
from digest.render.markdown import render_text

FONT_STACK = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
TEXT_WIDTH = 78


def theme_path() -> Path:
    """The built-in templates: packaged beside the code, or the repository's templates/ folder."""
    package = Path(__file__).parent.parent
    packaged = package / "_theme"
    return packaged if packaged.is_dir() else package.parent / "templates"


class Renderer:
    """Renders one site's templates; holds the Jinja environment and URL helpers."""

    def __init__(
        self,
        config: Config,
        cache: BuildCache | None = None,
        issue_prints: Mapping[str, str] | None = None,
        emails: EmailHelper | None = None,
        whole: Callable[[Issue], Issue] | None = None,
    ) -> None:
        """`issue_prints` may give each issue's fingerprint from loading ({id: print}), which
        saves hashing every issue again; `emails` compiles emails (in this process if None);
        `whole` gives back in full an issue loaded by its metadata only."""
        self.config = config
        self.cache = cache
        self.whole = whole or (lambda issue: issue)
        self.emails = emails or EmailHelper(helper=False)
        self.site_url = config.site.base_url
        folders = [config.templates_path, theme_path()]
        self.template_folders = [f for f in dict.fromkeys(folders) if f.is_dir()]
        self._templates: str | None = None
        self._issue_prints: dict[str, str] = dict(issue_prints or {})
        loader = jinja2.FileSystemLoader([str(f) for f in self.template_folders])
        self.env = jinja2.Environment(
            loader=loader,
            autoescape=lambda name: name is not None and not name.endswith((".txt.j2", ".css")),
            undefined=jinja2.StrictUndefined,
            trim_blocks=False,
            keep_trailing_newline=True,
        )
        self.env.filters.update(long_date=long_date, iso_date=iso_date, byline=byline, wrap=wrap)
        self.env.globals.update(
            site=config.site,
            site_url=self.site_url,
            issue_url=self.issue_url,
            review_url=self.review_url,
        )

    def issue_url(self, issue: Issue) -> str:
        return f"{self.site_url}{issue.id}/"

    def review_url(self, issue: Issue, review: Review) -> str:
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
                f"template uses an unknown value ({exc.message})", _template_file(self, name)
            ) from None

    def email_context(self, issue: Issue) -> dict[str, Any]:
        service = MAIL_SERVICES[self.config.email.service]
        web_url = self.issue_url(issue)
        return {
            "issue": issue,
            "web_url": service.view_in_browser or web_url,
            "view_in_browser_label": "View this issue in your browser",
            "feed_url": f"{self.site_url}feed.xml",
            "unsubscribe_url": service.unsubscribe,
            "font_stack": FONT_STACK,
            "read_more_url": lambda review: review.source_url or self.review_url(issue, review),
        }

    def email_html(self, issue: Issue) -> str:
        return self.start_email_html(issue)()

    def start_email_html(self, issue: Issue) -> Callable[[], str]:
        """Start compiling the email (in a helper process where one runs) and return a
        function that gives its HTML, so the caller can render the rest meanwhile."""
        job = self._email_job(issue)
        if self.cache is None:
            return self.emails.submit(job)
        # MJML and premailer are most of an email's cost: the same markup compiles the same.
        key = cache_key("email", repr(job))
        cache = self.cache
        if cache.has(key):
            return lambda: cache.get_or_compute(key, lambda: compile_email(job))
        compiled = self.emails.submit(job)
        return lambda: cache.get_or_compute(key, compiled)

    def _email_job(self, issue: Issue) -> EmailJob:
        email = self.config.email
        return EmailJob(
            mjml_source=self.render(
                "email.mjml.j2", **self.email_context(issue), intro_html=issue.intro_html
            ),
            stylesheet=self.render("email.css"),
            base_url=self.site_url,
            service=email.service,
            utm=(email.utm_source, email.utm_medium, issue.id) if email.utm else None,
            template=str(_template_file(self, "email.mjml.j2")),
        )

    def email_text(self, issue: Issue) -> str:
        context = self.email_context(issue)
        text = self.render(
            "email.txt.j2", **context, intro_text=self._intro_text(issue, TEXT_WIDTH), rule="-" * 40
        )
        text, _ = escape_merge_syntax(text, MAIL_SERVICES[self.config.email.service])
        return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"

    def email_eml(self, issue: Issue, html: bytes, text: bytes) -> bytes:
        """Both parts as one message file; the email package is imported only when not cached."""

        def build() -> bytes:
            from digest.output.eml import eml_bytes

            return eml_bytes(self.config.site, issue, html, text)

        if self.cache is None:
            return build()
        meta = (issue.id, issue.subject, issue.preheader, issue.date.isoformat(), repr(self.config.site))
        return self.cache.get_or_compute(cache_key("email-eml", html, text, *meta), build)

    def web_pages(self, issue: Issue) -> dict[str, bytes]:
        """The issue's page and a page per review ({path: bytes}).

        The templates see only the issue (with every review) and the site, so those are the
        whole cache key: an edit to one review renders the pages of its issue only.
        """
        if self.cache is None:
            return self._web_pages(self.whole(issue))
        key = cache_key(
            "web-pages", self._issue_print(issue), self._templates_print(), repr(self.config.site)
        )
        return self.cache.get_or_compute(key, lambda: self._web_pages(self.whole(issue)))

    def _web_pages(self, issue: Issue) -> dict[str, bytes]:
        pages = {f"{issue.id}/index.html": self.issue_page(issue).encode()}
        for review in issue.reviews:
            pages[f"{issue.id}/{review.slug}/index.html"] = self.review_page(issue, review).encode()
        return pages

    def issue_page(self, issue: Issue) -> str:
        return self.render("issue.html.j2", issue=issue, canonical_url=self.issue_url(issue))

    def review_page(self, issue: Issue, review: Review) -> str:
        return self.render(
            "review.html.j2", issue=issue, review=review, canonical_url=self.review_url(issue, review)
        )

    def _intro_text(self, issue: Issue, width: int) -> str:
        if self.cache is None:
            return render_text(issue.intro, width)
        key = cache_key("intro-text", issue.intro, str(width))
        return self.cache.get_or_compute(key, lambda: render_text(issue.intro, width))

    def _issue_print(self, issue: Issue) -> str:
        if issue.id not in self._issue_prints:
            data = pickle.dumps(issue, protocol=pickle.HIGHEST_PROTOCOL)
            self._issue_prints[issue.id] = hashlib.sha256(data).hexdigest()
        return self._issue_prints[issue.id]

    def _templates_print(self) -> str:
        """Every file the template loader can reach, so an edited template is never served stale."""
        if self._templates is None:
            digest = hashlib.sha256()
            for folder in self.template_folders:
                for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                    digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
                digest.update(b"\1")
            self._templates = digest.hexdigest()
        return self._templates

    def archive_page(self, issues: Sequence[Issue]) -> str:
        """Rendered from the issues as loaded; a template that reads a review's body, HTML
        or outline where only metadata was loaded gets every issue whole instead."""
        newest_first = sorted(issues, key=lambda i: (i.date, i.id), reverse=True)
        try:
            return self.render("archive.html.j2", issues=newest_first, canonical_url=self.site_url)
        except NotLoaded:
            whole = [self.whole(issue) for issue in newest_first]
            return self.render("archive.html.j2", issues=whole, canonical_url=self.site_url)

    def feed_entries(self, issues: Sequence[Issue]) -> list[FeedEntry]:
        """One entry per issue, or per review when [feeds] entries = "reviews"."""
        if self.config.feeds.entries == "reviews":
            whole = [self.whole(issue) for issue in issues]
            return [self._review_entry(issue, review) for issue in whole for review in issue.reviews]
        # Only the newest issues reach the feeds: render no others' entries.
        newest = newest_first(issues, self.config.feeds.limit, published=lambda i: i.date, key=lambda i: i.id)
        return [self._issue_entry(self.whole(issue)) for issue in newest]

    def _issue_entry(self, issue: Issue) -> FeedEntry:
        return FeedEntry(
            key=issue.id,
            title=issue.title,
            url=self.issue_url(issue),
            content_html=self.render("feed_issue.html.j2", issue=issue),
            summary=issue.preheader or self._intro_text(issue, 10_000).split("\n\n")[0],
            authors=(self.config.site.author,),  # an issue is the editors' work; reviews credit authors
            categories=issue.tags,
            published=issue.date,
        )

    def _review_entry(self, issue: Issue, review: Review) -> FeedEntry:
        assert review.date is not None  # loading gives undated reviews the issue's date
        return FeedEntry(
            key=f"{issue.id}/{review.slug}",
            title=review.title,
            url=self.review_url(issue, review),
            content_html=review.html,
            summary=review.description or review.excerpt,
            authors=(review.author,) if review.author else (),
            categories=review.all_tags,
            published=review.date,
        )

    def feeds(self, issues: Sequence[Issue]) -> dict[str, bytes]:
        """The three feeds; feedgen is skipped when the entries are the ones built last time."""
        entries, settings = self.feed_entries(issues), self.feed_settings()
        if self.cache is None:
            return build_feeds(entries, settings)
        key = cache_key("feeds", pickle.dumps((entries, settings), protocol=pickle.HIGHEST_PROTOCOL))
        return self.cache.get_or_compute(key, lambda: build_feeds(entries, settings))

    def feed_settings(self) -> FeedSettings:
        site = self.config.site
        return FeedSettings(
            title=site.title,
            description=site.description,
            base_url=site.base_url,
            language=site.language,
            author_name=site.author,
            author_email=site.author_email or None,
            id_prefix=self.config.feeds.id_prefix,
            limit=self.config.feeds.limit,
        )


def _template_file(renderer: Renderer, name: str) -> Path | str:
    for folder in (renderer.config.templates_path, theme_path()):
        if (folder / name).is_file():
            return folder / name
    return name


def long_date(value: datetime) -> str:
    return f"{value.day} {value:%B %Y}"


def iso_date(value: datetime) -> str:
    return value.isoformat()


def byline(review: Review) -> str:
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


def render_all(renderer: Renderer, issue: Issue, all_issues: Sequence[Issue]) -> dict[str, bytes]:
    """Every output of one build: the issue's email, the web pages of every issue, and the feeds."""
    email_html = renderer.start_email_html(issue)
    rest = {
        f"{issue.id}/email.txt": renderer.email_text(issue).encode(),
        "index.html": renderer.archive_page(all_issues).encode(),
    }
    for each in all_issues:
        rest.update(renderer.web_pages(each))
    rest.update(renderer.feeds(all_issues))
    html, text = email_html().encode(), rest[f"{issue.id}/email.txt"]
    eml = {f"{issue.id}/email.eml": renderer.email_eml(issue, html, text)}
    return {f"{issue.id}/email.html": html, **eml, **rest}
