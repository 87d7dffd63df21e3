"""The `outlook-conditionals` check: every <!--[if mso]> closed, and no stray <![endif]>."""

from __future__ import annotations

import re
from collections.abc import Iterator

from digest.checks.email_rules.document import EmailDocument
from digest.checks.email_rules.problems import Problem, report
from digest.checks.email_rules.settings import EmailCheckSettings
from digest.errors import Finding

_CONDITIONAL = re.compile(r"(?P<open><!(?:--)?\[if\b[^\]>]*\]>)|(?P<close><!\[endif\]\s*(?:--)?>)", re.I)


def check_outlook_conditionals(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
    problems = []
    open_line: int | None = None
    for match, line in _with_lines(email.text, _CONDITIONAL.finditer(email.text)):
        if match.group("open"):
            if open_line is not None:
                problems.append(
                    Problem(f"a conditional comment opened at line {open_line} is not closed", line)
                )
            open_line = line
        elif open_line is None:
            problems.append(Problem(f"{match.group()} closes no conditional comment", line))
        else:
            open_line = None
    if open_line is not None:
        problems.append(Problem("a conditional comment is never closed", open_line))
    return report(
        "outlook-conditionals",
        "error",
        problems,
        "pair every <!--[if mso]> with <![endif]-->, or Outlook hides the rest",
    )


def _with_lines(text: str, matches: Iterator[re.Match[str]]) -> Iterator[tuple[re.Match[str], int]]:
    """Each match with its 1-based line, counting each stretch of the text once (matches come in order)."""
    line, counted = 1, 0
    for match in matches:
        line += text.count("\n", counted, match.start())
        counted = match.start()
        yield match, line
