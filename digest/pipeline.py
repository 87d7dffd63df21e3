"""The pipeline, end to end: config -> load -> render -> feeds -> check -> export.

A Python caller can do everything the CLI does through `prepare` and `build`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from digest.cache import BuildCache
from digest.checks.build import (
    LinkReport,
    Progress,
    check_clients,
    check_links,
    check_merge_syntax,
    start_email_check,
)
from digest.config import Config
from digest.errors import CheckFailed, ContentError, Finding
from digest.model import Issue
from digest.output.export import export
from digest.render.email import EmailHelper
from digest.render.site import Renderer, render_all
from digest.sources.issue import LoadedIssue, issue_ids, load_issue, load_issues, whole_issue

if TYPE_CHECKING:
    from digest.checks.clients import ClientReport

BUILD_CACHE_FILE = "build.sqlite3"
PREVIOUS_BUILD_FOLDER = "previous-build"  # the tree the last export replaced, updated by the next


@dataclass(frozen=True)
class BuildOptions:
    include_drafts: bool = False
    strict: bool = False
    check_links_online: bool | None = None  # None: as [links] check says
    progress: Progress | None = None
    emails: EmailHelper | None = None  # started early by the caller, who closes it; else one per build


@dataclass
class BuildResult:
    """What a build made. The issues in `all_issues` other than `issue` may hold their
    metadata only: their reviews' bodies, HTML and outlines are left unloaded."""

    issue: Issue
    all_issues: list[Issue]
    outputs: dict[str, bytes]
    notices: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    link_report: LinkReport | None = None
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
    # First: its process imports the email stack while the issues load.
    emails = options.emails or EmailHelper()
    cache = BuildCache(config.cache_path / BUILD_CACHE_FILE)
    try:
        loaded = load_all(config, issue_id, options.include_drafts, cache)
        target = loaded[0]
        all_issues = [each.issue for each in loaded]
        prints = {each.issue.id: each.fingerprint for each in loaded}
        by_id = {each.issue.id: each for each in loaded}
        renderer = Renderer(
            config, cache, prints, emails, whole=lambda i: whole_issue(config, by_id[i.id], cache)
        )
        outputs = render_all(renderer, target.issue, all_issues)
        result = BuildResult(target.issue, all_issues, outputs, list(target.notices))
        email_findings = start_email_check(config, target.issue, outputs, cache, emails)
        online = config.links.check if options.check_links_online is None else options.check_links_online
        result.link_report = check_links(
            config,
            all_issues,
            outputs,
            network=online,
            progress=options.progress,
            cache=cache,
            issue_prints=prints,
        )
        result.findings.extend(result.link_report.findings)
        result.findings.extend(email_findings())
        result.client_report = check_clients(config, target.issue, outputs, cache)
        result.findings.extend(result.client_report.findings)
    finally:
        if options.emails is None:
            emails.close()
        cache.close()
    result.findings.extend(check_merge_syntax(config, target.issue))
    return result


def build(config: Config, issue_id: str | None, options: BuildOptions | None = None) -> BuildResult:
    """Prepare the build and, when no check failed, swap it into the output folder."""
    options = options or BuildOptions()
    result = prepare(config, issue_id, options)
    if result.failed(options.strict):
        problems = result.errors or result.warnings
        raise CheckFailed(
            f"{len(problems)} problem(s) found, nothing exported (the previous build is untouched): "
            + "; ".join(str(p) for p in problems[:3]),
            result.findings,
        )
    export(result.outputs, config.output_path, previous=config.cache_path / PREVIOUS_BUILD_FOLDER)
    return result


def load_all(
    config: Config, issue_id: str | None, include_drafts: bool, cache: BuildCache | None = None
) -> list[LoadedIssue]:
    """Every issue, the one being built first; only that one may include its drafts."""
    ids = issue_ids(config)
    if issue_id is not None:
        target = load_issue(config, issue_id, include_drafts=include_drafts, cache=cache)
        others = [each for each in ids if each != issue_id]
        return [target, *_load_many(config, others, cache)]
    issues = _load_many(config, ids, cache)
    if not issues:
        raise ContentError(f"no issues yet in {config.issues_path}: create one with `digest new`")
    newest = max(issues, key=lambda each: (each.issue.date, each.issue.id))
    newest = load_issue(config, newest.issue.id, include_drafts=include_drafts, cache=cache)  # whole
    return [newest, *(each for each in issues if each.issue.id != newest.issue.id)]


def _load_many(config: Config, ids: list[str], cache: BuildCache | None) -> list[LoadedIssue]:
    """The issues other than the one built, by their metadata where the cache can give the
    rest back when a page, the archive or a feed needs it."""
    if cache is None:
        return [load_issue(config, each) for each in ids]
    return load_issues(config, ids, cache, whole=False)
