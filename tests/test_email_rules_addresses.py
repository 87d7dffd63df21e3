"""The `urls` check (digest.checks.email_rules.addresses): every href and src an address that works from an inbox."""

from __future__ import annotations

import pytest

from digest.checks.email_rules import EmailCheckSettings
from digest.checks.urls import UrlRules
from tests.helpers import broken, findings_of, only


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://digest.example.org/12/", "is http: while [email] https_only is on"),
        ("/12/lichens/", "relative"),
        ("", "empty"),
        ("ftp://digest.example.org/f", "ftp:"),
        ("{{%20unsubscribe_url%20}}", "escaped"),
    ],
)
def test_urls_that_break_in_an_inbox_are_errors(url: str, why: str) -> None:
    html = broken('href="https://digest.example.org/12/lichens/"', f'href="{url}"')
    assert why in only(findings_of(html), "urls").message


def test_an_in_page_anchor_is_no_url_error() -> None:
    html = broken('href="https://digest.example.org/12/lichens/"', 'href="#lighthouse"')
    assert [f for f in findings_of(html) if f.check == "urls"] == []


def test_image_src_must_be_https() -> None:
    html = broken("https://digest.example.org/logo.png", "http://digest.example.org/logo.png")
    only(findings_of(html), "urls")


@pytest.mark.parametrize("url", ["*|ARCHIVE|*", "{{ unsubscribe_url }}", "tel:+3212345678"])
def test_merge_tags_and_tel_links_pass(url: str) -> None:
    assert findings_of(broken('href="*|UNSUB|*"', f'href="{url}"')) == []


def test_placeholders_come_from_the_settings() -> None:
    html = broken('href="*|UNSUB|*"', 'href="%unsubscribe_url%"')
    only(findings_of(html), "urls")
    settings = EmailCheckSettings(urls=UrlRules(placeholders=(r"%[a-z_]+%", r"\*\|[A-Z_]+\|\*")))
    assert findings_of(html, settings) == []


def test_the_build_leaves_urls_to_the_link_check() -> None:
    html = broken("https://digest.example.org/12/", "http://digest.example.org/12/")
    assert findings_of(html, EmailCheckSettings(urls=None)) == []
    assert findings_of(html, EmailCheckSettings(urls=UrlRules(https_only=False))) == []
    only(findings_of(html, EmailCheckSettings(urls=UrlRules(https_only=True))), "urls")


def test_a_url_urlsplit_refuses_is_an_invalid_url_finding() -> None:
    from digest.checks.email_rules import EmailCheckSettings, check_email

    html = "<!DOCTYPE html><html lang='en'><head><title>T</title></head><body><a href='https://[oops/'>x</a></body></html>"
    urls = [finding for finding in check_email(html, EmailCheckSettings()) if finding.check == "urls"]
    assert urls and "is no valid URL" in urls[0].message
