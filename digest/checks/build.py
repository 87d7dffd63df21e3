"""Stage 5: every check of a build, on its in-memory outputs; findings only, never exits.

Links: every link of every output, internal ones resolved against the build itself,
external ones over the network (unless told not to) with a cache. Email: every rule
on the final inlined HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from digest.cache import BuildCache, cache_key, file_sha256
from digest.config import Config
from digest.errors import Finding
from digest.model import Issue
from digest.render.email import EmailHelper
from digest.render.mailservice import DEFAULT_PLACEHOLDERS, MAIL_SERVICES

if TYPE_CHECKING:
    from digest.checks.clients import ClientReport
    from digest.checks.http import LinkResult, LinkSettings
    from digest.checks.links import FoundLink, Scope
    from digest.checks.origins import EmailSources

LINK_CACHE_FILE = "links.sqlite3"

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class LinkReport:
    """What the link check found, kept for `digest links` to print."""

    findings: list[Finding]
    links: Sequence[FoundLink]
    results: list[LinkResult]


def placeholders(config: Config) -> tuple[str, ...]:
    """The merge-tag patterns that may stand where a URL would, for this mail service."""
    return (*DEFAULT_PLACEHOLDERS, *MAIL_SERVICES[config.email.service].placeholder_patterns())


def check_email_output(
    config: Config, issue: Issue, outputs: Mapping[str, bytes], cache: BuildCache | None = None
) -> list[Finding]:
    """Every email rule on the final, inlined HTML."""
    return start_email_check(config, issue, outputs, cache)()


def start_email_check(
    config: Config,
    issue: Issue,
    outputs: Mapping[str, bytes],
    cache: BuildCache | None = None,
    helper: EmailHelper | None = None,
) -> Callable[[], list[Finding]]:
    """check_email_output, started in the email helper where one runs; the returned function
    gives the findings. With a cache, an email checked before with the same settings is
    not checked again."""
    from digest.checks.origins import email_sources

    html = outputs[f"{issue.id}/email.html"]
    sizes = tuple((r.title, len(r.title) + len(r.description or r.excerpt)) for r in issue.reviews)
    arguments = (html, sizes, email_sources(config, issue))
    if cache is None:
        return (helper or EmailHelper(helper=False)).run(_check_email, *arguments)
    key = cache_key("email-check", html, repr(arguments[1:]))
    if cache.has(key) or helper is None:
        return lambda: cache.get_or_compute(key, lambda: _check_email(*arguments))
    pending = helper.run(_check_email, *arguments)
    return lambda: cache.get_or_compute(key, pending)


def _check_email(html: bytes, sizes: tuple[tuple[str, int], ...], sources: EmailSources) -> list[Finding]:
    """The email rules; its links are the link check's to judge (it names their files)."""
    from digest.checks.email_rules import EmailCheckSettings, check_email

    return check_email(html, EmailCheckSettings(urls=None, review_sizes=dict(sizes), sources=sources))


def check_clients(
    config: Config, issue: Issue, outputs: Mapping[str, bytes], cache: BuildCache | None = None
) -> ClientReport:
    """What each major mail client drops from the email (caniemail's data), with the findings."""
    from digest.checks.clients import client_report_for
    from digest.checks.origins import email_sources

    html = outputs[f"{issue.id}/email.html"]
    sources = email_sources(config, issue, reviews=True)
    if cache is None:
        return client_report_for(html, sources)
    key = cache_key("client-support", html, repr(sources))
    return cache.get_or_compute(key, lambda: client_report_for(html, sources))


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
                    f"{', '.join(repr(o) for o in found)} is {service.name} merge-tag syntax; "
                    "the email escapes it so readers see it as written",
                    path,
                    _line_containing(path, found[0]),
                )
            )
    return findings


def _line_containing(path: Path, needle: str) -> int | None:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    index = text.find(needle)
    return None if index < 0 else text.count("\n", 0, index) + 1


def check_links(
    config: Config,
    issues: Sequence[Issue],
    outputs: Mapping[str, bytes],
    *,
    network: bool,
    progress: Progress | None = None,
    cache: BuildCache | None = None,
    issue_prints: Mapping[str, str] | None = None,
) -> LinkReport:
    """Static rules for every link; external links over the network when `network` is true.

    `issue_prints` may give each issue's fingerprint from loading ({id: print}); without
    one, an issue's files are hashed to tell whether its links need checking again.
    """
    from digest.checks.links import check_scopes

    patterns = placeholders(config)
    static = check_scopes(
        link_scopes(issues, outputs, issue_prints or {}),
        outputs,
        base_url=config.site.base_url,
        https_only_email=config.email.https_only,
        placeholders=patterns,
        cache=cache,
    )
    findings, links = static.findings, static.links
    if not network or not static.external:
        return LinkReport(findings, links, [])
    from digest.checks.http import check_urls, findings_from_results

    results = check_urls(
        static.external,
        link_settings(config),
        cache_path=config.cache_path / LINK_CACHE_FILE,
        progress=progress,
    )
    findings.extend(findings_from_results(results, links))
    return LinkReport(findings, links, list(results))


def link_scopes(
    issues: Sequence[Issue], outputs: Mapping[str, bytes], prints: Mapping[str, str]
) -> list[Scope]:
    """An issue's outputs (its folder) link what its own files hold; the site's others
    (archive, feeds) what any issue's files hold, looked up in the issues' order."""
    from digest.checks.links import Scope, SourceSet

    sources = {}
    for issue in issues:
        paths = (*(review.path for review in issue.reviews), issue.path / "issue.md")
        sources[issue.id] = SourceSet(paths, prints.get(issue.id) or _hash_files(paths))
    by_folder: dict[str, list[str]] = {}
    for output in sorted(outputs):
        folder = output.partition("/")[0] if "/" in output else ""
        by_folder.setdefault(folder if folder in sources else "", []).append(output)
    scopes = [Scope(tuple(by_folder[id]), (sources[id],)) for id in sources if id in by_folder]
    if "" in by_folder:
        scopes.append(Scope(tuple(by_folder[""]), tuple(sources.values())))
    return scopes


def _hash_files(paths: Sequence[Path]) -> str:
    return cache_key("source-files", *(part for path in paths for part in (str(path), _digest_or_none(path))))


def _digest_or_none(path: Path) -> str:
    try:
        return file_sha256(str(path))
    except OSError:
        return ""


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
