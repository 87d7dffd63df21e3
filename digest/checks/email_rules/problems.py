"""A check's problems, reported as one finding: the first, how many more, what to do, and
the file the editor changes where the email's sources say which."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from digest.checks.email_rules.settings import EmailCheckSettings
from digest.checks.origins import Location
from digest.errors import Finding, Severity


@dataclass(frozen=True)
class Problem:
    message: str
    line: int | None = None  # in the compiled email
    origin: Location | None = None  # in the file the editor changes


def report(check: str, severity: Severity, problems: Sequence[Problem], advice: str) -> list[Finding]:
    """One finding per check: the first problem, how many more there are, and what to do."""
    if not problems:
        return []
    first = problems[0]
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    message = f"{first.message}{more}; {advice}"
    if first.origin is not None:
        compiled = f" (compiled email.html line {first.line})" if first.line else ""
        return [Finding(severity, check, message + compiled, first.origin.path, first.origin.line)]
    return [Finding(severity, check, message, line=first.line)]


def issue_path(settings: EmailCheckSettings) -> Path | None:
    sources = settings.sources
    return None if sources is None or sources.issue is None else sources.issue.path


def file_and_line(where: Location | None) -> tuple[Path | None, int | None]:
    return (None, None) if where is None else (where.path, where.line)
