"""Stage 5: every check of a build, on its in-memory outputs; findings only, never exits.

Links: every link of every output, internal ones resolved against the build itself,
external ones over the network (unless told not to) with a cache. Email: every rule
on the final inlined HTML.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from digest.cache import BuildCache, cache_key
from digest.config import Config
from digest.errors import Finding, quoted
from digest.files import source_text
from digest.model import Issue, IssueSummary, LinkItem
from digest.render.mailservice import DEFAULT_PLACEHOLDERS, MAIL_SERVICES

if TYPE_CHECKING:
    from digest.checks.clients import ClientReport
    from digest.checks.http import LinkResult, LinkSettings
    from digest.checks.links import FoundLink, Scope

LINK_CACHE_FILE = "links.sqlite3"

Progress = Callable[[int, int, str | None], None]  # checked, in all, what the check waits for


@dataclass(frozen=True)
class LinkReport:
    """What the link check found, kept for `digest links` to print."""

    findings: list[Finding]
    links: Sequence[FoundLink]
    results: list[LinkResult]  # external links checked over the network (none without it)
    external: list[str]  # every external URL, checked or not
    notices: list[str] = field(default_factory=list)  # the link cache's: damaged, or held by another


def placeholders(config: Config) -> tuple[str, ...]:
    """The merge-tag patterns that may stand where a URL would, for this mail service."""
    return (*DEFAULT_PLACEHOLDERS, *MAIL_SERVICES[config.email.service].placeholder_patterns())


def check_email_output(
    config: Config, issue: Issue, outputs: Mapping[str, bytes], cache: BuildCache | None = None
) -> list[Finding]:
    """Every email rule on the final, inlined HTML; an email checked before with the same
    settings is not checked again."""
    from digest.checks.origins import email_sources

    html = outputs[f"{issue.id}/email.html"]
    sizes = tuple((r.title, len(r.title) + len(r.description or r.excerpt)) for r in issue.reviews)
    sources = email_sources(config, issue)

    def check() -> list[Finding]:
        from digest.checks.email_rules import EmailCheckSettings, check_email

        # The email's links are the link check's to judge (it names their files).
        settings = EmailCheckSettings(
            urls=None,
            review_sizes=dict(sizes),
            intro_bytes=intro_bytes,
            link_items=link_items,
            sources=sources,
        )
        return check_email(html, settings)

    intro_bytes = len(issue.intro_html.encode("utf-8"))
    link_items = (len(issue.links), sum(_link_item_bytes(item) for item in issue.links))
    if cache is None:
        return check()
    key = cache_key("email-check", html, repr(sizes), str(intro_bytes), repr(link_items), repr(sources))
    return cache.get_or_compute(key, check)


def _link_item_bytes(item: LinkItem) -> int:
    return sum(
        len(text.encode("utf-8")) for text in (item.title, item.url, item.comment_html, item.author or "")
    )


def check_text_email(issue: Issue, outputs: Mapping[str, bytes]) -> list[Finding]:
    """Lines longer than a mail line may be: only a link this long is left unfolded."""
    from digest.render.text import MAX_LINE

    text = outputs[f"{issue.id}/email.txt"].decode()
    findings = []
    for line in (line for line in text.split("\n") if len(line) > MAX_LINE):
        longest = max(line.split(), key=len)
        holding = (review.path for review in issue.reviews if longest in source_text(review.path))
        path = next(holding, issue.path / "issue.md")
        findings.append(
            Finding(
                "warning",
                "text-line-length",
                f"a {len(longest):,}-character link makes a line of email.txt longer than the {MAX_LINE} "
                "characters a mail line may hold; shorten it (a link shortener, or link a shorter page)",
                path,
                _line_containing(path, longest[:200]),
            )
        )
    return findings


ARCHIVE_PAGE = re.compile(r"archive/[0-9]{4}/index\.html")


def check_empty_outputs(config: Config, issue: Issue, outputs: Mapping[str, bytes]) -> list[Finding]:
    """The issue's pages, the home page and the text email, where a template override writes
    nothing into them (an empty file saved to start one): published, readers got a blank page
    and the mail service an empty plain-text part, and every check passed."""
    pages = [f"{issue.id}/email.txt", f"{issue.id}/index.html", "index.html"]
    pages += [f"{issue.id}/{review.slug}/index.html" for review in issue.reviews]
    pages += [name for name in outputs if ARCHIVE_PAGE.fullmatch(name)]
    empty = [name for name in pages if name in outputs and not outputs[name].strip()]
    if not empty:
        return []
    shown = ", ".join(empty[:3]) + (f" and {len(empty) - 3:,} more" if len(empty) > 3 else "")
    return [
        Finding(
            "error",
            "empty-output",
            f"{shown} would be published empty: an override in this folder writes nothing for "
            f"{'them' if len(empty) > 1 else 'it'} (an empty file?): write the template, or delete it "
            "to use the theme's",
            config.templates_path,
        )
    ]


def check_clients(
    config: Config,
    issue: Issue,
    outputs: Mapping[str, bytes],
    cache: BuildCache | None = None,
    gifs: Mapping[str, bool] | None = None,
) -> ClientReport:
    """What each major mail client drops from the email (caniemail's data), with the findings.
    `gifs`: the GIFs the build made of the issue's files, by URL: whether each is animated."""
    from digest.checks.clients import client_report_for
    from digest.checks.origins import email_sources

    html = outputs[f"{issue.id}/email.html"]
    # The email carries no review's HTML (its cards hold titles and excerpts as text), so
    # an edit to a review's body keeps the report from the cache.
    sources = email_sources(config, issue)
    if cache is None:
        return client_report_for(html, sources, gifs)
    key = cache_key("client-support", html, repr(sources), repr(sorted((gifs or {}).items())))
    return cache.get_or_compute(key, lambda: client_report_for(html, sources, gifs))


def check_footer(config: Config) -> list[Finding]:
    """What the law and the mail services ask of every email's footer."""
    service = MAIL_SERVICES[config.email.service]
    if config.site.postal_address or service.address:
        return []
    return [
        Finding(
            "warning",
            "postal-address",
            "[site] postal_address is empty: CAN-SPAM requires the sender's postal address in every "
            "email and several mail services refuse to send without one; set it in the settings file",
            config.settings_file,
        )
    ]


def check_template_names(config: Config) -> list[Finding]:
    """The project's templates that no build uses: most often an override whose name is
    misspelt, so the theme's file is used in its place without a word."""
    from digest.render.environment import MAX_TEMPLATE_BYTES, theme_path
    from digest.render.overrides import unused_templates

    folder, theme = config.templates_path, theme_path()
    if not folder.is_dir() or folder.resolve() == theme.resolve():
        return []
    return [
        Finding(
            "warning",
            "templates",
            "no template of the theme is named so and no template includes it: "
            + (f"did you mean {meant}? rename it, or delete it" if meant else "include it, or delete it"),
            folder / name,
        )
        for name, meant in unused_templates(folder, theme, MAX_TEMPLATE_BYTES)
    ]


UNSET_SETTINGS = {
    "site.title": "the email and the pages are headed {value!r}, the example's title",
    "site.base_url": "the email, the pages and the feeds link to {value}, an example address",
    "feeds.id_prefix": (
        "feed entries get ids under {value}, and changing it once readers subscribed shows them "
        "every issue again as new"
    ),
}


def check_unset_settings(config: Config) -> list[Finding]:
    """The settings an empty digest.toml leaves to an example's defaults, to set before the
    first issue goes out."""
    findings = []
    for name, consequence in UNSET_SETTINGS.items():
        if name in config.unset:
            section, key = name.split(".")
            value = getattr(getattr(config, section), key)
            findings.append(
                Finding(
                    "warning",
                    "setting",
                    f"[{section}] {key} is not set: {consequence.format(value=value)}; set it in the "
                    "settings file before the first issue goes out",
                    config.settings_file,
                )
            )
    return findings


def check_placeholder_intro(issue: Issue) -> list[Finding]:
    """The introduction `digest new` wrote, still in place: readers would get the instruction."""
    from digest.sources.scaffold import INTRO_PLACEHOLDER

    if INTRO_PLACEHOLDER not in " ".join(issue.intro.split()):
        return []
    path = issue.path / "issue.md"
    return [
        Finding(
            "warning",
            "introduction",
            "the introduction is still the placeholder `digest new` wrote, and would be sent to readers: "
            "write your own below the front matter, or delete the line",
            path,
            _line_containing(path, INTRO_PLACEHOLDER[:40]),
        )
    ]


def check_repeated_issue(issue: Issue, others: Sequence[IssueSummary]) -> list[Finding]:
    """An issue.md copied from last week's with its number or subject left as they were:
    readers would get a second "Issue 12", or a subject they take for a resend."""
    path = issue.path / "issue.md"
    findings = []
    others = [other for other in others if other.id != issue.id]
    if issue.number is not None and (twin := next((o for o in others if o.number == issue.number), None)):
        findings.append(
            Finding(
                "error",
                "issue-number",
                f"'number: {issue.number}' is also {twin.id}'s number, so readers would get two "
                f'"Issue {issue.number}": give this issue its own number',
                path,
                _line_starting(path, "number:"),
            )
        )
    elif twin := next((o for o in others if o.subject == issue.subject), None):
        findings.append(
            Finding(
                "warning",
                "subject",
                f"the subject is {twin.id}'s too ({quoted(issue.subject)}), so readers may take "
                f"this issue for "
                "a resend: write this issue's own in 'subject:'",
                path,
                _line_starting(path, "subject:") or _line_starting(path, "title:"),
            )
        )
    return findings


# Inboxes show about the first 60 characters of a subject (phones fewer); past this length
# more of it is cut than read.
SUBJECT_SHOWN = 60
SUBJECT_TOO_LONG = 100


def check_subject_length(issue: Issue) -> list[Finding]:
    """A subject so long that every inbox cuts most of it."""
    if len(issue.subject) <= SUBJECT_TOO_LONG:
        return []
    path = issue.path / "issue.md"
    return [
        Finding(
            "warning",
            "subject",
            f"the subject is {len(issue.subject)} characters: inboxes show about the first {SUBJECT_SHOWN} "
            "(phones fewer) and cut the rest; put what matters first and shorten it in 'subject:'",
            path,
            _line_starting(path, "subject:") or _line_starting(path, "title:"),
        )
    ]


def _line_starting(path: Path, key: str) -> int | None:
    lines = source_text(path).split("\n")
    return next((number for number, line in enumerate(lines, 1) if line.startswith(key)), None)


def check_merge_syntax(config: Config, issue: Issue) -> list[Finding]:
    """Literal merge-tag syntax in the content: the email escapes it, and says so."""
    service = MAIL_SERVICES[config.email.service]
    openers = {syntax.opener for syntax in service.escaped_syntax}
    texts = [(issue.path / "issue.md", issue.intro, issue.title)] + [
        (r.path, r.body, f"{r.title} {r.description or ''} {r.author or ''}") for r in issue.reviews
    ]
    findings = []
    for path, body, metadata in texts:
        found = sorted(opener for opener in openers if opener in body or opener in metadata)
        if found:
            findings.append(
                Finding(
                    "warning",
                    "merge-syntax",
                    f"{', '.join(quoted(o) for o in found)} is {service.name} merge-tag syntax; "
                    "the email escapes it, so it reaches readers as text and is never filled in by "
                    "the mail service",
                    path,
                    _line_containing(path, found[0]),
                )
            )
    return findings


def _line_containing(path: Path, needle: str) -> int | None:
    text = source_text(path)
    index = text.find(needle)
    return None if index < 0 else text.count("\n", 0, index) + 1


def check_links(
    config: Config,
    issues: Sequence[IssueSummary],
    outputs: Mapping[str, bytes],
    *,
    network: bool,
    progress: Progress | None = None,
    keys: Mapping[str, str],
    cache: BuildCache | None = None,
    images: frozenset[str] = frozenset(),
    output_digests: Mapping[str, str] | None = None,
) -> LinkReport:
    """Static rules for every link; external links over the network when `network` is true.

    `keys` gives each issue's key from loading ({id: key}), which says whether its links
    need checking again; `images` are the remote images, which must be images;
    `output_digests` the SHA-256 of the outputs the renderer knows.
    """
    from digest.checks.links import check_scopes

    patterns = placeholders(config)
    static = check_scopes(
        link_scopes(issues, outputs, keys),
        outputs,
        base_url=config.site.base_url,
        https_only_email=config.email.https_only,
        placeholders=patterns,
        cache=cache,
        output_digests=output_digests,
    )
    findings, links = static.findings, static.links
    if not network or not static.external:
        return LinkReport(findings, links, [], static.external)
    from digest.checks.http import check_urls, findings_from_results

    notices: list[str] = []
    results = check_urls(
        static.external,
        link_settings(config),
        cache_path=config.cache_path / LINK_CACHE_FILE,
        progress=progress,
        images=images,
        notices=notices,
    )
    findings.extend(findings_from_results(results, links))
    return LinkReport(findings, links, list(results), static.external, notices)


def link_scopes(
    issues: Sequence[IssueSummary], outputs: Mapping[str, bytes], keys: Mapping[str, str]
) -> list[Scope]:
    """An issue's outputs (its folder) link what its own files hold; the site's others
    (archive, feeds) what any issue's files hold, looked up in the issues' order."""
    from digest.checks.links import Scope, SourceSet

    sources = {issue.id: SourceSet(issue.sources, keys[issue.id]) for issue in issues}
    by_folder: dict[str, list[str]] = {}
    for output in sorted(outputs):
        folder = output.partition("/")[0] if "/" in output else ""
        by_folder.setdefault(folder if folder in sources else "", []).append(output)
    scopes = [Scope(tuple(by_folder[id]), (sources[id],)) for id in sources if id in by_folder]
    if "" in by_folder:
        scopes.append(Scope(tuple(by_folder[""]), tuple(sources.values())))
    return scopes


def link_settings(config: Config) -> LinkSettings:
    from digest.checks.http import DEFAULT_USER_AGENT, LinkSettings

    links = config.links
    return LinkSettings(
        max_concurrency=links.max_concurrency,
        max_per_host=links.per_host,
        timeout=links.timeout,
        retries=links.retries,
        max_redirects=links.max_redirects,
        user_agent=links.user_agent or DEFAULT_USER_AGENT,
        exclude=links.exclude,
        accept_status=links.accept_status,
        cache_max_age=float(links.cache_max_age),
    )
