"""The pipeline, end to end: config -> load -> render -> feeds -> check -> export.

A Python caller can do everything the CLI does through `prepare` and `build`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from digest.check import LinkReport, Progress, check_email_output, check_links, check_merge_syntax
from digest.config import Config
from digest.errors import CheckFailed, Finding
from digest.export import export
from digest.load import LoadedIssue, issue_ids, load_issue
from digest.model import Issue
from digest.render import Renderer, render_all


@dataclass(frozen=True)
class BuildOptions:
    include_drafts: bool = False
    strict: bool = False
    check_links_online: bool | None = None  # None: as [links] check says
    progress: Progress | None = None


@dataclass
class BuildResult:
    issue: Issue
    all_issues: list[Issue]
    outputs: dict[str, bytes]
    notices: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    link_report: LinkReport | None = None

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


def prepare(config: Config, issue_id: str, options: BuildOptions | None = None) -> BuildResult:
    """Load, render and check everything in memory; nothing is written."""
    options = options or BuildOptions()
    loaded = load_issue(config, issue_id, include_drafts=options.include_drafts)
    others = _other_issues(config, issue_id)
    all_issues = [loaded.issue, *(other.issue for other in others)]
    renderer = Renderer(config)
    outputs = render_all(renderer, loaded.issue, all_issues)
    result = BuildResult(loaded.issue, all_issues, outputs, list(loaded.notices))
    online = config.links.check if options.check_links_online is None else options.check_links_online
    result.link_report = check_links(config, all_issues, outputs, network=online, progress=options.progress)
    result.findings.extend(result.link_report.findings)
    result.findings.extend(check_email_output(config, loaded.issue, outputs))
    result.findings.extend(check_merge_syntax(config, loaded.issue))
    return result


def build(config: Config, issue_id: str, options: BuildOptions | None = None) -> BuildResult:
    """Prepare the build and, when no check failed, swap it into the output folder."""
    options = options or BuildOptions()
    result = prepare(config, issue_id, options)
    if result.failed(options.strict):
        problems = result.errors or result.warnings
        raise CheckFailed(
            f"{len(problems)} problem(s) found, nothing exported (the previous build is untouched): "
            + "; ".join(str(p) for p in problems[:3])
        )
    export(result.outputs, config.output_path)
    return result


def _other_issues(config: Config, issue_id: str) -> list[LoadedIssue]:
    """Every other issue, for the archive and the feeds; their drafts stay out."""
    return [load_issue(config, other) for other in issue_ids(config) if other != issue_id]
