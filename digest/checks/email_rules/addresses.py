"""The `urls` check: every href and src an address that works from an inbox."""

from __future__ import annotations

from digest.checks.email_rules.document import EmailDocument
from digest.checks.email_rules.problems import Problem, report
from digest.checks.email_rules.settings import EmailCheckSettings
from digest.checks.urls import judge, scheme_of
from digest.errors import Finding


def check_urls(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
    rules = settings.urls
    if rules is None:
        return []  # the build's link check judges them, naming the file each was written in
    problems = []
    for element in email.elements():
        for name in ("href", "src"):
            value = element.get(name)
            if value is None or scheme_of(value) == "javascript":
                continue
            try:
                problem = judge(value, in_email=True, rules=rules)
            except ValueError:  # urlsplit refuses it ("https://[oops/": an unclosed IPv6 host)
                problems.append(
                    Problem(f'<{element.tag} {name}="{value}"> is no valid URL', element.sourceline)
                )
                continue
            if problem is not None:
                why = problem.message.removeprefix(f"email link {value} ")
                problems.append(Problem(f'<{element.tag} {name}="{value}"> {why}', element.sourceline))
    advice = "every href and src must be an absolute https: URL, mailto:, tel: or a merge tag"
    if not rules.https_only:
        advice = advice.replace("https:", "http(s):")
    return report("urls", "error", problems, advice)
