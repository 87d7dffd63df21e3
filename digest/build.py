"""The pipeline, end to end: config -> load -> render -> feeds -> check -> export.

A Python caller can do everything the CLI does through `prepare` and `build`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from digest.config import Config
from digest.errors import CheckFailed, Finding
from digest.export import export
from digest.load import LoadedIssue, issue_ids, load_issue
from digest.model import Issue
from digest.render import MAIL_SERVICES, Renderer, render_all


@dataclass(frozen=True)
class BuildOptions:
    include_drafts: bool = False
    strict: bool = False


@dataclass
class BuildResult:
    issue: Issue
    all_issues: list[Issue]
    outputs: dict[str, bytes]
    notices: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

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
    result.findings.extend(check_email_output(config, result))
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


def check_email_output(config: Config, result: BuildResult) -> list[Finding]:
    """Every email rule on the final, inlined HTML."""
    from digest.emailcheck import DEFAULT_PLACEHOLDERS, EmailCheckSettings, check_email

    service = MAIL_SERVICES[config.email.service]
    settings = EmailCheckSettings(
        allowed_placeholders=(*DEFAULT_PLACEHOLDERS, *service.placeholder_patterns()),
        review_sizes={r.title: len(r.title) + len(r.description or r.excerpt) for r in result.issue.reviews},
    )
    path = Path(config.build.output_dir) / result.issue.id / "email.html"
    return check_email(result.outputs[f"{result.issue.id}/email.html"], settings, path=path)
