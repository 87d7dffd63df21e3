"""What mail apps strip or flag (digest.checks.email_rules.unsafe): unsafe tags, event handlers, javascript: URLs."""

from __future__ import annotations

import re

import pytest

from tests.helpers import broken, findings_of, only


@pytest.mark.parametrize(
    "markup",
    [
        "<script>track()</script>",
        '<form action="https://digest.example.org/s"></form>',
        '<input type="email" name="e">',
        '<iframe src="https://digest.example.org/v" title="v"></iframe>',
        '<object data="https://digest.example.org/o"></object>',
        '<embed src="https://digest.example.org/e">',
        '<link rel="stylesheet" href="https://digest.example.org/s.css">',
    ],
)
def test_unsafe_tags_are_errors(markup: str) -> None:
    tag = re.match(r"<(\w+)", markup).group(1)  # type: ignore[union-attr]
    assert f"<{tag}" in only(findings_of(broken("<h2", f"{markup}<h2")), "unsafe-tags").message


def test_event_handler_attribute_is_an_error() -> None:
    html = broken(
        '<a href="https://digest.example.org/12/" ',
        '<a onclick="go()" href="https://digest.example.org/12/" ',
    )
    assert "onclick" in only(findings_of(html), "event-handlers").message


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JavaScript:void(0)", "java\tscript:x()"])
def test_javascript_url_is_an_error(url: str) -> None:
    html = broken('href="https://digest.example.org/12/lichens/"', f'href="{url}"')
    only(findings_of(html), "javascript-urls")
