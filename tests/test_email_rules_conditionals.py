"""The `outlook-conditionals` check (digest.checks.email_rules.conditionals)."""

from __future__ import annotations

from tests.helpers import broken, findings_of, line_in_html, only


def test_unclosed_conditional_comment_is_an_error() -> None:
    html = broken("<![endif]-->\n</div>\n</body>", "-->\n</div>\n</body>")
    finding = only(findings_of(html), "outlook-conditionals")
    assert "never closed" in finding.message
    assert finding.line == line_in_html("<!--[if mso | IE]></td></tr></table>", html)


def test_stray_endif_is_an_error() -> None:
    html = broken("</body>", "<!--<![endif]--></body>")
    assert "closes no conditional" in only(findings_of(html), "outlook-conditionals").message
