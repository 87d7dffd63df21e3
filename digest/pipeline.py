"""The pipeline, end to end: config -> load -> render -> feeds -> check -> export.

A Python caller can do everything the CLI does through `prepare` and `build`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from digest.cache import BUILD_CACHE_FILE, BuildCache
from digest.checks.build import (
    LinkReport,
    Progress,
    check_clients,
    check_email_output,
    check_empty_outputs,
    check_footer,
    check_links,
    check_merge_syntax,
    check_placeholder_intro,
    check_repeated_issue,
    check_subject_length,
    check_template_names,
    check_text_email,
    check_unset_settings,
)
from digest.checks.images import check_images
from digest.config import Config
from digest.errors import CheckFailed, Finding
from digest.model import Issue, IssueSummary, chronological
from digest.output.export import MARKER, export
from digest.output.lostpages import lost_copies, lost_copies_note, lost_pages, newest_issue, shown_by
from digest.output.record import Request, record_bytes
from digest.output.written import output_key
from digest.render.environment import TemplateChanged
from digest.render.site import SiteRenderer
from digest.sources.issue import issue_folder
from digest.sources.site import Site, load_site

if TYPE_CHECKING:
    from collections.abc import Callable

    from digest.checks.clients import ClientReport


@dataclass(frozen=True)
class BuildOptions:
    include_drafts: bool = False
    strict: bool = False
    check_links_online: bool | None = None  # None: as [links] check says
    progress: Progress | None = None
    waiting: Callable[[str], None] | None = None  # told when another build holds the output folder


@dataclass
class BuildResult:
    """What a build made: the issue whose email it built, every published issue's summary,
    and every output file's bytes."""

    issue: Issue
    all_issues: list[IssueSummary]
    outputs: dict[str, bytes]
    notices: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    link_report: LinkReport | None = None
    record: bytes = b""  # what the build was made from, kept in the output's marker file
    client_report: ClientReport | None = None  # what each mail client drops from the email

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def email_bytes(self) -> int:
        return len(self.outputs[f"{self.issue.id}/email.html"])

    def failed(self, strict: bool) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))


def prepare(config: Config, issue_id: str | None, options: BuildOptions | None = None) -> BuildResult:
    """Load, render and check everything in memory; nothing is written.

    `issue_id` names the issue whose email is built; None means the newest issue.
    """
    options = options or BuildOptions()
    if issue_id is not None:
        issue_folder(config, issue_id)  # a malformed or unknown id creates no cache folder
    cache = BuildCache(config.cache_path / BUILD_CACHE_FILE)
    try:
        site = load_site(config, issue_id, options.include_drafts, cache)
        online = config.links.check if options.check_links_online is None else options.check_links_online
        renderer, outputs = _rendered(config, site, cache, online)
        issue = site.target.issue
        result = BuildResult(issue, site.summaries, outputs, list(site.notices))
        files = {each.summary.id: each.recorded for each in site.published}
        result.record = record_bytes(
            config,
            renderer.templates.fingerprint(),
            renderer.assets.fingerprint,
            files,
            emails=list(files),
            order=[summary.id for summary in chronological(site.summaries)],
            # --drafts on an issue without drafts builds what a build without it builds.
            drafts_of=issue.id if issue.draft or any(review.draft for review in issue.reviews) else "",
            request=Request(issue_id or "", options.include_drafts),
        )
        keys = {each.summary.id: each.key for each in site.published}
        result.link_report = check_links(
            config,
            site.summaries,
            outputs,
            network=online,
            progress=options.progress,
            cache=cache,
            keys=keys,
            images=renderer.assets.remote_image_urls(),
            output_digests=renderer.output_digests,
        )
        result.findings.extend(check_images(config, issue, outputs, renderer.assets))
        result.findings.extend(result.link_report.findings)
        for notice in (*renderer.assets.remote.notices, *result.link_report.notices):
            if notice not in result.notices:  # the link cache's, said once however often met
                result.notices.append(notice)
        result.findings.extend(check_email_output(config, issue, outputs, cache))
        copies = renderer.assets.email_copies
        gifs = {url: copy.animated for url, copy in copies.items() if copy.format == "GIF"}
        result.client_report = check_clients(config, issue, outputs, cache, gifs)
        result.findings.extend(result.client_report.findings)
    finally:
        cache.close()
    result.notices[:0] = cache.notices  # the cache's own, to its closing
    result.findings.extend(check_footer(config))
    result.findings.extend(check_unset_settings(config))
    result.findings.extend(check_template_names(config))
    result.findings.extend(check_merge_syntax(config, issue))
    result.findings.extend(check_placeholder_intro(issue))
    result.findings.extend(check_repeated_issue(issue, result.all_issues))
    result.findings.extend(check_subject_length(issue))
    result.findings.extend(check_text_email(issue, outputs))
    result.findings.extend(check_empty_outputs(config, issue, outputs))
    return result


# A template an editor saves while pages render (autosave does it every few seconds) has the
# outputs rendered again from a new fingerprint, so the build reads the saved template
# instead of stopping on 'build again'; what was cached meanwhile was made of the bytes its
# key names. One that changes every time it is read stops the build after the last attempt.
RENDER_ATTEMPTS = 3


def _rendered(
    config: Config, site: Site, cache: BuildCache, online: bool
) -> tuple[SiteRenderer, dict[str, bytes]]:
    for attempt in range(1, RENDER_ATTEMPTS + 1):
        renderer = SiteRenderer(config, site, cache, online=online)
        try:
            return renderer, renderer.render()
        except TemplateChanged:
            if attempt == RENDER_ATTEMPTS:
                raise
    raise AssertionError("the last attempt returns or raises")


def build(config: Config, issue_id: str | None, options: BuildOptions | None = None) -> BuildResult:
    """Prepare the build and, when no check failed, swap it into the output folder."""
    options = options or BuildOptions()
    result = prepare(config, issue_id, options)
    if result.failed(options.strict):
        built_before = (config.output_path / MARKER).is_file()
        raise CheckFailed.stopping(
            result.findings,
            options.strict,
            "nothing exported, the previous build is untouched" if built_before else "nothing exported",
        )
    result.notices.extend(lost_pages(config.output_path, result.outputs, result.record))
    copies = lost_copies(config.output_path, result.outputs)
    newest = newest_issue(result.record) if copies else ""
    drafted = shown_by(config.output_path, newest, copies)
    note = export(
        result.outputs,
        config.output_path,
        cache_folder=config.cache_path,
        marker=result.record,
        waiting=options.waiting,
    )
    if note:
        result.notices.append(note)
    kept = config.cache_path / f"kept-{output_key(config.output_path)}" if copies else None
    result.notices.extend(lost_copies_note(copies, kept, config.build.static_dir, drafted, newest))
    return result
