"""The `styles` check (digest.checks.email_rules.styles): <style> blocks Gmail drops, CSS nested or numbered past what clients read."""

from __future__ import annotations

from tests.helpers import GOOD, broken, findings_of, only


def test_styles_over_16_kb_are_an_error() -> None:
    rules = "".join(f".r{i} {{ margin: 0 }}\n" for i in range(1_200))
    finding = only(findings_of(broken("</head>", f"<style>{rules}</style></head>")), "styles")
    assert "16,384" in finding.message


def test_at_rule_nested_in_media_is_an_error() -> None:
    nested = "@media screen { @supports (display: grid) { .a { margin: 0 } } }"
    finding = only(findings_of(broken("</head>", f"<style>{nested}</style></head>")), "styles")
    assert "@supports" in finding.message


def test_import_is_an_error() -> None:
    html = broken("</head>", '<style>@import url("https://fonts.example.com/a.css");</style></head>')
    assert "@import" in only(findings_of(html), "styles").message


def test_css_nested_deeper_than_any_client_reads_is_an_error_that_says_to_flatten_it() -> None:
    from digest.checks.email_rules import EmailCheckSettings, check_email

    deep = "@media screen {\n" * 100 + "p { color: red }" + " }" * 100
    html = f"<!DOCTYPE html><html lang='en'><head><title>T</title>\n<style>\n{deep}</style></head><body><p>Hi</p></body></html>"
    styles = [finding for finding in check_email(html, EmailCheckSettings()) if finding.check == "styles"]
    assert len(styles) == 1 and styles[0].severity == "error"
    assert "nests 101 levels deep" in styles[0].message and "flatten it" in styles[0].message
    assert styles[0].line == 2 + 1 + 64  # <style> on line 2, its text from line 3: the 65th level
    shallow = html.replace(deep, "@media screen { p { color: red } }")
    assert not [f for f in check_email(shallow, EmailCheckSettings()) if f.check == "styles"]


def test_a_number_too_long_for_the_css_reader_is_an_error_naming_its_line() -> None:
    html = broken("<body", f'<body style="margin: 0; width: {"9" * 5_000}px"', GOOD)
    finding = only(findings_of(html), "styles")
    assert "writes a number of 5,000 digits" in finding.message and "shorten it" in finding.message
