"""Mail-service profiles, merge-syntax escaping and UTM tagging."""

from __future__ import annotations

import html
import re
import typing

import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st

from digest.config import MailService as ServiceName
from digest.render.mailservice import (
    ALL_SYNTAX,
    MAIL_SERVICES,
    ZERO_WIDTH_JOINER,
    MailService,
    add_utm,
    escape_merge_syntax,
    escape_merge_syntax_html,
)
from tests.golden import GOLDEN

GENERIC = MAIL_SERVICES["generic"]
UTM = "utm_source=digest&amp;utm_medium=email&amp;utm_campaign=issue-2025"


def tag_links(page: str, **options: str) -> str:
    return add_utm(page, source="digest", medium="email", campaign="issue-2025", **options)


def openers_left(text: str, service: MailService) -> list[str]:
    return [syntax.opener for syntax in service.escaped_syntax if syntax.opener in text]


# --- profiles -------------------------------------------------------------------------


def test_every_service_the_config_accepts_has_a_profile() -> None:
    assert set(MAIL_SERVICES) == set(typing.get_args(ServiceName))
    assert all(name == service.name for name, service in MAIL_SERVICES.items())


@pytest.mark.parametrize("service", MAIL_SERVICES.values(), ids=lambda s: s.name)
def test_link_tags_are_written_in_the_services_own_syntax(service: MailService) -> None:
    for tag in service.link_tags:
        assert any(re.fullmatch(pattern, tag) for pattern in service.merge_tag_patterns), tag
        assert any(re.fullmatch(pattern, tag) for pattern in service.placeholder_patterns())


@pytest.mark.parametrize(
    ("name", "unsubscribe", "view_in_browser"),
    [
        ("mailchimp", "*|UNSUB|*", "*|ARCHIVE|*"),
        ("buttondown", "{{ unsubscribe_url }}", "{{ email_url }}"),
        ("listmonk", "{{ UnsubscribeURL }}", "{{ MessageURL }}"),
        ("mailerlite", "{$unsubscribe}", "{$url}"),
        ("kit", "{{ unsubscribe_url }}", None),
    ],
)
def test_documented_merge_tags(name: str, unsubscribe: str, view_in_browser: str | None) -> None:
    service = MAIL_SERVICES[name]
    assert (service.unsubscribe, service.view_in_browser) == (unsubscribe, view_in_browser)


def test_placeholder_patterns_accept_only_the_exact_tags() -> None:
    patterns = MAIL_SERVICES["mailchimp"].placeholder_patterns()
    assert any(re.fullmatch(p, "*|UNSUB|*") for p in patterns)
    assert not any(re.fullmatch(p, "*|FNAME|*") for p in patterns)


# --- escaping in plain text -----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "found"),
    [
        ("generic", "Templates print {{ user.name }} here.", ["{{ user.name }}"]),
        ("generic", "Loops start with {% for x in xs %}.", ["{% for x in xs %}"]),
        ("generic", "Mailchimp writes *|FNAME|* for names.", ["*|FNAME|*"]),
        ("generic", "An unclosed {{ breaks the template.", ["{{"]),
        ("buttondown", "A comment {# like this #} vanishes.", ["{# like this #}"]),
        ("mailerlite", "Hello {$name}, welcome.", ["{$name}"]),
        ("substack", "Tags like %%first_name%% expand.", ["%%first_name%%"]),
        ("listmonk", "Go prints {{ .Subscriber.Name }}.", ["{{ .Subscriber.Name }}"]),
    ],
)
def test_merge_syntax_in_text_is_neutralised_and_reported(name: str, text: str, found: list[str]) -> None:
    service = MAIL_SERVICES[name]
    escaped, reported = escape_merge_syntax(text, service)
    assert reported == found
    assert openers_left(escaped, service) == []
    assert escaped.replace(ZERO_WIDTH_JOINER, "") == text


def test_only_the_services_own_syntax_is_added_to_the_universal_set() -> None:
    text = "PHP interpolates {$name} and printf writes 100%%."
    assert escape_merge_syntax(text, MAIL_SERVICES["mailchimp"]) == (text, [])
    assert escape_merge_syntax(text, MAIL_SERVICES["mailerlite"])[1] == ["{$name}"]
    assert escape_merge_syntax(text, MAIL_SERVICES["substack"])[1] == ["%%"]


def test_overlapping_openers_leave_no_opener_behind() -> None:
    escaped, found = escape_merge_syntax("Mustache's triple {{{ raw }}} braces", GENERIC)
    assert found == ["{{{ raw }}"]
    assert "{{" not in escaped
    assert escaped.replace(ZERO_WIDTH_JOINER, "") == "Mustache's triple {{{ raw }}} braces"


def test_text_without_merge_syntax_is_returned_as_it_is() -> None:
    text = "Braces {like this}, a 50% cut and a | pipe * star."
    assert escape_merge_syntax(text, GENERIC) == (text, [])


@pytest.mark.parametrize("service", MAIL_SERVICES.values(), ids=lambda s: s.name)
def test_the_services_own_link_tags_stay_live_in_plain_text(service: MailService) -> None:
    text = f"Quoted: {{{{ name }}}}.\nUnsubscribe: {service.unsubscribe}\nView: {service.view_in_browser}\n"
    escaped, found = escape_merge_syntax(text, service)
    assert found == ["{{ name }}"]
    assert escaped == text.replace("{{ name", f"{{{ZERO_WIDTH_JOINER}{{ name")


def test_the_demo_plain_text_email_has_nothing_to_escape() -> None:
    text = (GOLDEN / "issue-2025" / "email.txt").read_text()
    assert "{{unsubscribe_url}}" in text
    assert escape_merge_syntax(text, GENERIC) == (text, [])


@given(st.text(alphabet="{}%*|$#ab \n"))
def test_text_escaping_is_invisible_complete_and_idempotent(text: str) -> None:
    service = MailService("everything", "{{u}}", None, ALL_SYNTAX)
    escaped, _ = escape_merge_syntax(text, service)
    assert escaped.replace(ZERO_WIDTH_JOINER, "") == text
    assert openers_left(escaped, service) == []
    assert escape_merge_syntax(escaped, service) == (escaped, [])


# --- escaping in HTML -----------------------------------------------------------------


def test_html_text_and_attributes_are_written_as_character_references() -> None:
    page = '<p title="Say {{ hi }}">Use <code>{{ name }}</code> or *|FNAME|*.</p>'
    escaped, found = escape_merge_syntax_html(page, GENERIC)
    assert escaped == (
        '<p title="Say &#123;&#123; hi }}">Use <code>&#123;&#123; name }}</code> or &#42;&#124;FNAME|*.</p>'
    )
    assert found == ["{{ hi }}", "{{ name }}", "*|FNAME|*"]


def test_a_reader_sees_the_same_characters() -> None:
    page = '<div><p title="{% raw %}">a {{ b }} c *|D|* {{{ e</p><img alt="{{ alt }}" src="https://x.org/i.png"></div>'
    escaped, _ = escape_merge_syntax_html(page, GENERIC)
    before, after = lxml.html.fromstring(page), lxml.html.fromstring(escaped)
    assert after.text_content() == before.text_content()
    assert [dict(e.attrib) for e in after.iter()] == [dict(e.attrib) for e in before.iter()]
    assert openers_left(escaped, GENERIC) == []


@pytest.mark.parametrize("service", MAIL_SERVICES.values(), ids=lambda s: s.name)
def test_the_services_own_link_tags_stay_in_hrefs(service: MailService) -> None:
    links = "".join(f'<a href="{html.escape(tag)}">link</a>' for tag in service.link_tags)
    page = f"<p>{links}</p>"
    assert escape_merge_syntax_html(page, service) == (page, [])


def test_an_href_that_only_contains_a_link_tag_is_escaped() -> None:
    page = '<a href="https://x.org/?u={{unsubscribe_url}}">x</a><a href="{{ other }}">y</a>'
    escaped, found = escape_merge_syntax_html(page, GENERIC)
    assert (
        escaped
        == '<a href="https://x.org/?u=&#123;&#123;unsubscribe_url}}">x</a><a href="&#123;&#123; other }}">y</a>'
    )
    assert found == ["{{unsubscribe_url}}", "{{ other }}"]


def test_styles_scripts_comments_and_doctype_are_left_alone() -> None:
    page = (
        "<!doctype html><style>a{{color:red}}</style><script>var t = '{{ x }}';</script>"
        "<!--[if mso]><p>{{ outlook }}</p><![endif]--><p>{{ y }}</p>"
    )
    escaped, found = escape_merge_syntax_html(page, GENERIC)
    assert escaped == page.replace("<p>{{ y }}", "<p>&#123;&#123; y }}")
    assert found == ["{{ y }}"]


def test_the_demo_email_has_nothing_to_escape() -> None:
    email = (GOLDEN / "issue-2025" / "email.html").read_text()
    assert escape_merge_syntax_html(email, GENERIC) == (email, [])


@given(st.text(alphabet="{}%*|$#ab \n"))
def test_html_escaping_is_invisible_complete_and_idempotent(text: str) -> None:
    service = MailService("everything", "{{u}}", None, ALL_SYNTAX)
    escaped, _ = escape_merge_syntax_html(text, service)
    assert html.unescape(escaped) == text
    assert openers_left(escaped, service) == []
    assert escape_merge_syntax_html(escaped, service) == (escaped, [])


# --- UTM tagging ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("href", "tagged"),
    [
        ("https://x.org/a", f"https://x.org/a?{UTM}"),
        ("http://x.org/", f"http://x.org/?{UTM}"),
        ("https://x.org/a?b=1&amp;c=2", f"https://x.org/a?b=1&amp;c=2&amp;{UTM}"),
        ("https://x.org/a?", f"https://x.org/a?{UTM}"),
        ("https://x.org/a#part", f"https://x.org/a?{UTM}#part"),
        ("https://x.org/a?q=1#part", f"https://x.org/a?q=1&amp;{UTM}#part"),
    ],
)
def test_outbound_links_get_utm_parameters_in_a_fixed_order(href: str, tagged: str) -> None:
    assert tag_links(f'<a href="{href}">x</a>') == f'<a href="{tagged}">x</a>'


@pytest.mark.parametrize(
    "href",
    [
        "https://x.org/?utm_source=them",
        "https://x.org/?a=1&amp;utm_content=hero",
        "https://x.org/?UTM_Medium=social",
        "mailto:editor@x.org",
        "tel:+441234567",
        "#reviews",
        "/relative/path",
        "ftp://x.org/file",
        "{{unsubscribe_url}}",
        "*|ARCHIVE|*",
        "https://x.org/u/{{ subscriber.id }}",
        "",
    ],
)
def test_links_that_must_stay_as_they_are(href: str) -> None:
    page = f'<a href="{href}">x</a>'
    assert tag_links(page) == page


def test_only_anchor_hrefs_are_tagged_and_comments_are_left_alone() -> None:
    page = (
        '<link href="https://x.org/s.css"><a data-href="https://x.org/">x</a>'
        '<!--[if mso]><a href="https://x.org/">o</a><![endif]--><p>href="https://x.org/"</p>'
    )
    assert tag_links(page) == page


def test_quoting_styles_are_kept() -> None:
    page = "<a href='https://x.org/'>a</a> <area href=https://x.org/b>"
    assert tag_links(page) == f"<a href='https://x.org/?{UTM}'>a</a> <area href=\"https://x.org/b?{UTM}\">"


def test_parameter_values_are_percent_encoded() -> None:
    page = add_utm('<a href="https://x.org/">x</a>', source="The Digest", medium="email", campaign="2025/α&β")
    assert page == (
        '<a href="https://x.org/?utm_source=The%20Digest&amp;utm_medium=email'
        '&amp;utm_campaign=2025%2F%CE%B1%26%CE%B2">x</a>'
    )


def test_site_url_limits_tagging_to_the_sites_own_links() -> None:
    page = (
        '<a href="https://digest.example.org/issue-2025/">a</a>'
        '<a href="https://DIGEST.example.org/blog">b</a>'
        '<a href="https://other.org/">c</a>'
        '<a href="https://digest.example.org.evil.org/">d</a>'
    )
    tagged = tag_links(page, site_url="https://digest.example.org/")
    assert tagged == (
        f'<a href="https://digest.example.org/issue-2025/?{UTM}">a</a>'
        f'<a href="https://DIGEST.example.org/blog?{UTM}">b</a>'
        '<a href="https://other.org/">c</a>'
        '<a href="https://digest.example.org.evil.org/">d</a>'
    )


def test_site_url_with_a_path_matches_whole_folders() -> None:
    page = '<a href="https://x.org/news/1">a</a><a href="https://x.org/newsroom">b</a>'
    assert tag_links(page, site_url="https://x.org/news") == (
        f'<a href="https://x.org/news/1?{UTM}">a</a><a href="https://x.org/newsroom">b</a>'
    )


def test_empty_parameters_are_refused() -> None:
    with pytest.raises(ValueError, match="utm_medium"):
        add_utm("<a href='https://x.org/'>x</a>", source="digest", medium="", campaign="c")


def test_the_demo_email_changes_only_in_its_https_hrefs() -> None:
    email = (GOLDEN / "issue-2025" / "email.html").read_text()
    tagged = tag_links(email)
    https_links = re.findall(r'<a href="https://[^"]*"', email)
    assert https_links
    assert tagged.count(f'?{UTM}"') == len(https_links)
    assert tagged.replace(f"?{UTM}", "") == email
    assert '<a href="{{unsubscribe_url}}"' in tagged
