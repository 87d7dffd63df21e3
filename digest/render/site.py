"""Every output of one build: the built issue's email (HTML and text), the web pages of
every published issue, the archive and the feeds.

The expensive parts are cached by everything they are made from: an issue's pages by the
issue's key (the hash of its files), the templates and the settings; the feeds by the
keys of the issues they show; the email by its MJML source. Whole issues are read only
where something must be rendered again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import partial
from typing import TypeVar

from digest.cache import BuildCache, cache_key
from digest.config import Config, output_settings
from digest.errors import ContentError, DigestError
from digest.model import Issue, IssueSummary, Review, ReviewSummary, chronological
from digest.render.assets import Picture, SiteAssets
from digest.render.email import compile_email, email_job
from digest.render.environment import Templates
from digest.render.feeds import FeedEntry, FeedImage, FeedSettings, build_feeds, newest_first
from digest.render.language import remember_language
from digest.render.markdown import prose
from digest.render.text import email_text
from digest.render.web import archive_pages, sitemap, web_pages
from digest.sources.site import Site
from digest.workers import PAYS_FROM, cache_in_workers

T = TypeVar("T")


class SiteRenderer:
    """Renders one build's outputs, through the cache where there is one."""

    def __init__(
        self, config: Config, site: Site, cache: BuildCache | None = None, *, online: bool = False
    ) -> None:
        self.config = config
        self.site = site
        self.cache = cache
        self.templates = Templates(config)
        if cache is not None:
            remember_language(cache, config.site.language)  # its direction and locale, as CLDR says
        self.assets = SiteAssets(config, site, cache, online)
        self.templates.env.globals["images"] = self.assets
        # Every rendering depends on the static folder and the logo as it does on the settings.
        self._settings = f"{output_settings(config)}\0{self.assets.fingerprint}"
        self._neighbours: dict[str, tuple[IssueSummary | None, IssueSummary | None]] = {}
        # Each output's SHA-256, kept in the cache with the output: the link check knows an
        # unchanged output by it without hashing the bytes again.
        self.output_digests: dict[str, str] = {}

    def render(self) -> dict[str, bytes]:
        """Every output. Each issue's pages and email are rendered one after the other, so an
        issue that must be read whole is read once; an unchanged one is not read at all."""
        self.output_digests.clear()
        outputs = {**self.archive(), "sitemap.xml": sitemap(self.templates, self.site.summaries)}
        ordered = chronological(self.site.summaries)
        self._neighbours = {
            summary.id: (
                ordered[index - 1] if index > 0 else None,
                ordered[index + 1] if index + 1 < len(ordered) else None,
            )
            for index, summary in enumerate(ordered)
        }
        # A cold build of an archive: uncached issues rendered into the cache on every core first.
        # An issue read from its files in this build is taken as uncached: learning whether its
        # outputs are cached needs its pictures' facts, which read the whole issue, one issue
        # after another here (a worker finds any output that is).
        # An issue whose pictures fail (a missing one) says so in its turn, as a clean build
        # does, not before an older issue read anew is rendered.
        failed: dict[str, DigestError] = {}
        cold = [
            summary.id
            for summary in ordered
            if summary.id in self.site.read_now or not self._issue_cached(summary.id, failed)
        ]
        if len(cold) >= PAYS_FROM:
            cache_in_workers(
                self.cache, {issue_id: partial(self.issue_outputs, issue_id) for issue_id in cold}
            )
        for summary in ordered:
            if summary.id in failed:
                raise failed[summary.id]
            outputs.update(self.issue_outputs(summary.id))
        outputs.update(self.feeds())
        outputs.update(self.assets.outputs(outputs))
        return outputs

    def issue_outputs(self, issue_id: str) -> dict[str, bytes]:
        """The issue's pages and its email: every issue's, to resend or compare. An edit the
        email does not show costs a render of its templates: the compiled email is cached by
        its MJML source."""
        key = self.site.key_of(issue_id)
        previous, following = self._neighbours[issue_id]
        return {**self.pages(issue_id, key, previous, following), **self.kept_emails(issue_id, key)}

    def _issue_cached(self, issue_id: str, failed: dict[str, DigestError]) -> bool:
        """Whether the issue's outputs are cached; True where learning it failed, the error
        kept in `failed` for the issue's turn."""
        if self.cache is None:
            return False
        key = self.site.key_of(issue_id)
        previous, following = self._neighbours[issue_id]
        try:
            pages = self._pages_key(issue_id, key, previous, following)
        except DigestError as error:
            failed[issue_id] = error
            return True
        return self.cache.holds(pages) and self.cache.holds(self._emails_key(issue_id, key))

    def archive(self) -> dict[str, bytes]:
        keys = [each.key for each in self.site.published]
        templates = self.templates.fingerprint()
        return self._cached_outputs(
            lambda: cache_key("archive", templates, self._settings, *keys),
            lambda: archive_pages(self.templates, self.site.summaries),
        )

    def _cached(self, key: Callable[[], str], compute: Callable[[], T]) -> T:
        if self.cache is None:
            return compute()
        return self.cache.get_or_compute(key(), compute)

    def _cached_outputs(
        self, key: Callable[[], str], compute: Callable[[], dict[str, bytes]]
    ) -> dict[str, bytes]:
        """Outputs through the cache, stored with their digests."""
        if self.cache is None:
            return compute()
        outputs, digests = self.cache.get_or_compute(key(), lambda: _with_digests(compute()))
        self.output_digests.update(digests)
        return outputs

    def email_html(self, issue: Issue) -> str:
        # MJML and premailer are most of an email's cost: the same markup compiles the same.
        job = email_job(self.templates, self.config, self.assets.for_email(issue))
        return self._cached(lambda: cache_key("email", repr(job)), lambda: compile_email(job))

    def emails(self, issue: Issue) -> dict[str, bytes]:
        """The issue's email: HTML, plain text, and both as one message file."""
        html = self.email_html(issue).encode()
        text = email_text(self.templates, self.config, self.assets.for_email(issue)).encode()
        return {
            f"{issue.id}/email.html": html,
            f"{issue.id}/email.txt": text,
            f"{issue.id}/email.eml": self.email_eml(issue, html, text),
        }

    def kept_emails(self, issue_id: str, issue_key: str) -> dict[str, bytes]:
        """An issue's email, made again only when what it is made from (`issue_key`: the
        issue), a template, a setting or a remote image changed."""
        return self._cached_outputs(
            lambda: self._emails_key(issue_id, issue_key), lambda: self.emails(self.site.issue(issue_id))
        )

    def _emails_key(self, issue_id: str, issue_key: str) -> str:
        templates = self.templates.fingerprint()
        return cache_key("issue-emails", issue_key, templates, self._settings, self.assets.facts(issue_id))

    def email_eml(self, issue: Issue, html: bytes, text: bytes) -> bytes:
        """Both parts as one message file; the email package is imported only when not cached."""

        def build() -> bytes:
            from digest.output.eml import eml_bytes

            return eml_bytes(self.config.site, issue, html, text)

        meta = (issue.id, issue.subject, issue.preheader, issue.date.isoformat(), self._settings)
        return self._cached(lambda: cache_key("email-eml", html, text, *meta), build)

    def pages(
        self, issue_id: str, issue_key: str, previous: IssueSummary | None, following: IssueSummary | None
    ) -> dict[str, bytes]:
        """The issue's page and its reviews' pages; an unchanged issue is not even read."""
        return self._cached_outputs(
            lambda: self._pages_key(issue_id, issue_key, previous, following),
            lambda: web_pages(
                self.templates, self.assets.for_web(self.site.issue(issue_id)), previous, following
            ),
        )

    def _pages_key(
        self, issue_id: str, issue_key: str, previous: IssueSummary | None, following: IssueSummary | None
    ) -> str:
        neighbours = self._shown_neighbours(issue_id, previous, following)
        # The facts: a remote picture's size goes into what a shared link shows.
        facts = self.assets.facts(issue_id)
        return cache_key(
            "web-pages", issue_key, neighbours, self.templates.fingerprint(), self._settings, facts
        )

    def _shown_neighbours(
        self, issue_id: str, previous: IssueSummary | None, following: IssueSummary | None
    ) -> str:
        """All a template override may show of an issue's neighbours. The build's own
        neighbours are named by the keys of the readings their summaries come from (a
        summary's repr is long: 17 ms a build of 100 issues); any others, by their repr."""
        own = self._neighbours.get(issue_id, (None, None))
        if own[0] is not previous or own[1] is not following:
            return repr([previous, following])
        return repr([self.site.key_of(each.id) if each else None for each in own])

    def feeds(self) -> dict[str, bytes]:
        """The three feeds, built again only when an issue they show (its files, or what is
        known of its remote pictures) or a template changed."""
        chosen = [summary.id for summary in self._feed_issues()]
        keys = [self._feed_entries_key(issue_id) for issue_id in chosen]
        return self._cached_outputs(
            lambda: cache_key("feeds", self.templates.fingerprint(), self._settings, *keys),
            lambda: build_feeds(self.feed_entries(chosen), self.feed_settings()),
        )

    def _feed_entries_key(self, issue_id: str) -> str:
        templates = self.templates.fingerprint()
        facts = self.assets.facts(issue_id)
        return cache_key("feed-entries", self.site.key_of(issue_id), templates, self._settings, facts)

    def _feed_issues(self) -> list[IssueSummary]:
        """The issues the feeds show: the newest, or those holding the newest reviews."""
        summaries, limit = self.site.summaries, self.config.feeds.limit
        if self.config.feeds.entries == "issues":
            return newest_first(summaries, limit, published=lambda i: i.date, key=lambda i: i.id)
        reviews = [(summary, review) for summary in summaries for review in summary.reviews]
        newest = newest_first(
            reviews, limit, published=lambda pair: pair[0].date, key=lambda pair: _review_key(*pair)
        )
        wanted = {summary.id for summary, _ in newest}
        return [summary for summary in summaries if summary.id in wanted]

    def feed_entries(self, chosen: list[str]) -> list[FeedEntry]:
        """One entry per issue, or per review when [feeds] entries = "reviews"; an issue's
        are made again only when it changed (a rebuild after an edit reads one issue)."""
        return [entry for issue_id in chosen for entry in self._issue_feed_entries(issue_id)]

    def _issue_feed_entries(self, issue_id: str) -> list[FeedEntry]:
        def entries() -> list[FeedEntry]:
            issue = self.assets.for_feed(self.site.issue(issue_id))
            if self.config.feeds.entries == "reviews":
                _check_feed_names(issue)
                return [self._review_entry(issue, review) for review in issue.reviews]
            return [self._issue_entry(issue)]

        return self._cached(lambda: self._feed_entries_key(issue_id), entries)

    def _issue_entry(self, issue: Issue) -> FeedEntry:
        return FeedEntry(
            key=issue.id,
            title=issue.title,
            url=self.templates.issue_url(issue),
            content_html=self.templates.render("feed_issue.html.j2", issue=issue, picture_purpose="feed"),
            summary=issue.preheader or prose(issue.intro_html, enough=0),  # its first paragraph
            authors=(self.config.site.author,),  # an issue is the editors' work; reviews credit authors
            categories=issue.tags,
            published=issue.date,
            image=self._feed_image(*issue.reviews),
        )

    def _review_entry(self, issue: Issue, review: Review) -> FeedEntry:
        """A review's entry, published with its issue: the review's own date is the article's
        (an import takes the page's), and a 2013 article reviewed today is news today."""
        return FeedEntry(
            key=_review_key(issue, review),
            title=review.title,
            url=self.templates.review_url(issue, review),
            content_html=review.html,
            summary=review.description or review.excerpt,
            authors=review.authors or ((review.author,) if review.author else ()),
            categories=review.all_tags,
            published=issue.date,
            image=self._feed_image(review),
            external_url=review.source_url,
        )

    def _feed_image(self, *reviews: Review) -> FeedImage | None:
        """The entry's picture: its featured review's, else the first review's that has one
        (the email's copy: JPEG, PNG or GIF, which every feed reader shows)."""
        ordered = sorted(reviews, key=lambda review: not review.featured)
        picture: Picture | None = next(
            (p for review in ordered if (p := self.assets.cover(review, "share")) is not None), None
        )
        if picture is None:
            return None
        width, height = picture.pixels or (None, None)
        return FeedImage(picture.url, picture.alt, picture.media_type, picture.length, width, height)

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


def _with_digests(outputs: dict[str, bytes]) -> tuple[dict[str, bytes], dict[str, str]]:
    return outputs, {name: hashlib.sha256(data).hexdigest() for name, data in outputs.items()}


def _check_feed_names(issue: Issue) -> None:
    """Two reviews of an issue whose feed ids would be one ('notes.md' beside 'notes.txt',
    or a `slug:` that is another's file name) are refused by name."""
    seen: dict[str, Review] = {}
    for review in issue.reviews:
        if (other := seen.setdefault(review.feed_name, review)) is not review:
            raise ContentError(
                f"{other.path.name} and {review.path.name} would have the same feed id "
                f"'{issue.id}/{review.feed_name}': give one of them a different 'slug:' (or file name)",
                review.path,
            )


def _review_key(issue: Issue | IssueSummary, review: ReviewSummary) -> str:
    return f"{issue.id}/{review.feed_name}"
