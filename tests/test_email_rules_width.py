"""The `width` check (digest.checks.email_rules.width): nothing wider than the email, every text in a bounded container."""

from __future__ import annotations

from digest.checks.email_rules import EmailCheckSettings
from tests.helpers import GOOD, broken, findings_of, only


def test_table_wider_than_600_px_is_an_error() -> None:
    html = broken(
        'role="presentation" style="border-collapse:collapse', 'width="640" role="presentation" style="x'
    )
    assert '<table> has width="640"' in only(findings_of(html), "width").message


def test_main_container_max_width_over_600_is_an_error() -> None:
    assert (
        "<div> has max-width:700px"
        in only(findings_of(broken("max-width:600px", "max-width:700px")), "width").message
    )


def test_content_outside_any_narrow_container_is_an_error() -> None:
    assert "no container" in only(findings_of(broken("max-width:600px", "margin:0")), "width").message


def test_width_limit_comes_from_the_settings() -> None:
    only(findings_of(GOOD, EmailCheckSettings(max_width=580)), "width")
