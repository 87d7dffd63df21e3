"""The one judge of URLs (digest.checks.urls), and the link check and the email rules agreeing with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.checks.email_rules import EmailCheckSettings, check_email
from digest.checks.urls import DEFAULT_PLACEHOLDERS, UrlRules, email_problem, judge, scheme_of
from tests.test_cli import run
from tests.test_links import link_check

HTTPS = UrlRules()
HTTP_ALLOWED = UrlRules(https_only=False)


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("https://example.org/", "https"),
        (" JavaScript:alert(1)", "javascript"),
        ("java\tscript:alert(1)", "javascript"),
        ("\x00\x1fjavascript:x", "javascript"),
        ("MAILTO:editor@example.org", "mailto"),
        ("/relative/path", ""),
        ("#anchor", ""),
        ("1http://no-scheme", ""),
    ],
)
def test_the_scheme_is_read_as_a_browser_reads_it(url: str, scheme: str) -> None:
    assert scheme_of(url) == scheme


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "vbscript:x"]
)
@pytest.mark.parametrize("in_email", [True, False])
def test_code_and_local_files_are_refused_everywhere(url: str, in_email: bool) -> None:
    problem = judge(url, in_email=in_email, rules=HTTPS)
    assert problem is not None and problem.check == "forbidden-scheme"


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("mailto:", "names no address"),
        ("mailto:not-an-address", "invalid address"),
        ("tel:call-me", "not a telephone number"),
    ],
)
def test_mailto_and_tel_syntax(url: str, problem: str) -> None:
    found = judge(url, in_email=False, rules=HTTPS)
    assert found is not None and found.check == "link-syntax" and problem in found.message
    assert judge("mailto:editor@example.org?subject=Hi", in_email=True, rules=HTTPS) is None
    assert judge("tel:+32 (2) 123 45 67", in_email=True, rules=HTTPS) is None


def test_an_in_page_anchor_works_from_most_inboxes() -> None:
    # caniemail: followed by all major clients but Gmail for iOS and Samsung Email, which the
    # client report names; whether its target exists is the link check's to say.
    assert email_problem("#section", HTTPS) is None
    assert judge("#fn-1", in_email=True, rules=HTTPS) is None


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://example.org/", "is http: while [email] https_only is on"),
        ("/issue-2025/", "is relative"),
        ("review/", "is relative"),
        ("", "is empty"),
        ("ftp://example.org/file", "uses ftp:"),
        ("{{%20unsubscribe_url%20}}", "escaped"),
        ("%7B%7Bunsubscribe_url%7D%7D", "escaped"),
        ("http://example.org/?u=*|UNIQID|*", "is http:"),
        # No service of MAIL_SERVICES writes one brace (MailerLite writes {$unsubscribe}, which
        # its own tags add): this is a relative address, as a build has always judged it.
        ("{unsubscribe}", "is relative"),
    ],
)
def test_what_does_not_work_from_an_inbox(url: str, why: str) -> None:
    found = email_problem(url, HTTPS)
    assert found is not None and why in found
    problem = judge(url, in_email=True, rules=HTTPS)
    if url:
        assert problem is not None and problem.check == "email-link" and why in problem.message


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/a?b=1",
        "*|UNSUB|*",
        "{{ unsubscribe_url }}",
        "{{ archive }}/issue-12/",  # the mail service writes the address
        "https://example.org/track?u=*|UNIQID|*",  # a merge tag inside an https URL
        "mailto:editor@example.org",
    ],
)
def test_what_works_from_an_inbox(url: str) -> None:
    assert email_problem(url, HTTPS) is None


def test_https_only_off_lets_http_through_and_nothing_else() -> None:
    assert email_problem("http://example.org/", HTTP_ALLOWED) is None
    assert email_problem("/relative/", HTTP_ALLOWED) is not None
    assert email_problem("ftp://example.org/", HTTP_ALLOWED) is not None


def test_web_pages_get_the_scheme_rules_only() -> None:
    assert judge("http://example.org/", in_email=False, rules=HTTPS) is None
    assert judge("review/", in_email=False, rules=HTTPS) is None
    assert HTTPS.placeholders == DEFAULT_PLACEHOLDERS


# --- both callers, the same verdicts -------------------------------------------------------

VERDICTS = [
    ("http://example.org/", True),
    ("https://example.org/", False),
    ("review/", True),
    ("ftp://example.org/f", True),
    ("javascript:alert(1)", True),
    ("*|UNSUB|*", False),
    ("{{%20unsubscribe_url%20}}", True),
]


@pytest.mark.parametrize(("url", "refused"), VERDICTS)
@pytest.mark.parametrize("https_only", [True, False])
def test_the_link_check_and_the_email_rules_agree(url: str, refused: bool, https_only: bool) -> None:
    rules = UrlRules(https_only=https_only)
    expected = refused and not (url.startswith("http:") and not https_only)
    html = f'<!doctype html><html lang="en"><body><a href="{url}">a link</a></body></html>'
    settings = EmailCheckSettings(urls=rules)
    by_email_rules = [
        f
        for f in check_email(html, settings)
        if f.check in ("urls", "javascript-urls") and f.severity == "error"
    ]
    outputs = {"issue-2025/email.html": html.encode()}
    by_link_check = link_check(outputs, https_only_email=https_only, placeholders=rules.placeholders)
    assert bool(by_email_rules) == expected
    assert bool(by_link_check) == expected


# Merge tags spelled as people write them where a URL goes, known to some services or none.
MERGE_TAG_SPELLINGS = [
    "*|UNSUB|*",
    "*|unsub|*",
    "{{ unsubscribe_url }}",
    "{{ subscriber.email | urlencode }}",
    "{% unsubscribe %}",
    "{unsubscribe}",
    "https://example.org/?e={{ email }}",
    "https://example.org/{id}",
]


@pytest.mark.parametrize("url", MERGE_TAG_SPELLINGS)
def test_one_list_of_merge_tags_serves_every_caller(url: str) -> None:
    """The rules the link check takes by default, the email rules' and a build's (before the
    service adds its own tags) come from one list, so they judge every spelling alike."""
    from digest.checks.build import placeholders
    from digest.config import Config

    build = UrlRules(placeholders=placeholders(Config(root=Path("."))))
    email_rules = EmailCheckSettings().urls
    assert email_rules is not None
    assert email_problem(url, UrlRules()) == email_problem(url, email_rules) == email_problem(url, build)


def test_a_site_served_over_http_builds_when_https_only_is_off(project: Path) -> None:
    config = project / "digest.toml"
    text = config.read_text().replace("https://digest.example.org/", "http://digest.example.org/")
    config.write_text(text)
    refused = run(project, "build", "issue-2025")
    assert refused.exit_code == 1
    # One error naming the setting, not one per link of the email to the site.
    assert "[site] base_url 'http://digest.example.org/' is http: while [email] https_only" in refused.output
    assert "email-link" not in refused.output
    config.write_text(text.replace("https_only = true", "https_only = false"))
    built = run(project, "build", "issue-2025")
    assert built.exit_code == 0, built.output
    email = (project / "dist" / "issue-2025" / "email.html").read_text()
    assert 'href="http://digest.example.org/issue-2025/"' in email
