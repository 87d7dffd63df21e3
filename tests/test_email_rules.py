"""The email's rules (digest.checks.email_rules): size, structure, accessibility, colours and dark mode,
unsafe markup and URLs, and what a style block hides, on the email's final HTML."""

# The fixture reproduces MJML's long lines.
from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest

from digest.checks.css import Colour, contrast_ratio, parse_colour, parse_css
from digest.checks.email_rules import CHECK_NAMES, EmailCheckSettings, EmailDocument, check_email
from digest.checks.mediaquery import DESKTOP, PHONE
from digest.checks.origins import EmailSources
from digest.checks.urls import UrlRules
from digest.errors import Finding, format_findings
from tests.conftest import REPO
from tests.helpers import ends_in_time, issue_md, styled_email
from tests.test_cli import run
from tests.test_robustness import ISSUE

# The shape of the lead's pipeline output (MJML -> mjml-python -> premailer): table layout with
# role="presentation", Outlook conditional comments, MJML's own media queries, a hidden preheader
# and a dark-mode block whose !important colours beat the inlined light ones.
GOOD = """<!DOCTYPE html>
<html lang="en" dir="auto" xmlns="http://www.w3.org/1999/xhtml" xmlns:v="urn:schemas-microsoft-com:vml">
<head>
<title>The Digest, issue 12</title>
<!--[if !mso]><!--><meta http-equiv="X-UA-Compatible" content="IE=edge"><!--<![endif]-->
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<!--[if mso]>
<noscript><xml><o:OfficeDocumentSettings><o:PixelsPerInch>96</o:PixelsPerInch></o:OfficeDocumentSettings></xml></noscript>
<![endif]-->
<!--[if lte mso 11]>
<style type="text/css">.mj-outlook-group-fix { width:100% !important; }</style>
<![endif]-->
<style type="text/css">@media only screen and (min-width:480px) {
  .mj-column-per-100 { width: 100% !important; max-width: 100% !important }
}</style>
<style media="screen and (min-width:480px)">.moz-text-html .mj-column-per-100 { width:100% !important; }</style>
<style type="text/css">@media only screen and (max-width:479px) {
  table.mj-full-width-mobile { width: 100% !important }
}</style>
<style type="text/css">
/* dark mode: Apple Mail and Outlook.com honour these */
@media (prefers-color-scheme: dark) {
  body, .page { background-color: #121212 !important }
  .card, .card > table { background-color: #1e1e1e !important }
  .text div, .text h1, .text h2 { color: #e8e8e8 !important }
  .text a { color: #8ab4f8 !important }
  .button td, .button a { background-color: #8ab4f8 !important; color: #111111 !important }
}
</style>
</head>
<body style="margin:0; padding:0; word-spacing:normal; background-color:#f4f4f4" bgcolor="#f4f4f4">
<div style="display:none;font-size:1px;color:#ffffff;line-height:1px;max-height:0px;max-width:0px;opacity:0;overflow:hidden;">Three reviews worth your evening</div>
<div class="page" role="article" aria-roledescription="email" lang="en" style="background-color:#f4f4f4;">
<!--[if mso | IE]><table align="center" border="0" cellpadding="0" cellspacing="0" role="presentation" width="600" style="width:600px;"><tr><td><![endif]-->
<div class="card" style="background:#ffffff;background-color:#ffffff;margin:0px auto;max-width:600px;">
<table border="0" cellpadding="0" cellspacing="0" role="presentation" align="center" width="100%" style="background:#ffffff;width:100%" bgcolor="#ffffff">
<tbody><tr><td style="direction:ltr;font-size:0;padding:20px 0;text-align:center" align="center">
<div class="mj-column-per-100 mj-outlook-group-fix" style="font-size:0px;text-align:left;display:inline-block;vertical-align:top;width:100%;">
<table border="0" cellpadding="0" cellspacing="0" role="presentation" width="100%" style="vertical-align:top">
<tbody>
<tr><td align="center" style="font-size:0;padding:10px 25px">
<table border="0" cellpadding="0" cellspacing="0" role="presentation" style="border-collapse:collapse;border-spacing:0">
<tbody><tr><td style="width:150px" width="150"><img alt="The Digest" height="auto" src="https://digest.example.org/logo.png" width="150" style="border:0;display:block;width:100%"></td></tr></tbody>
</table>
</td></tr>
<tr><td align="left" class="text" style="font-size:0;padding:10px 25px;word-break:break-word">
<div style="font-family:Georgia, 'Times New Roman', serif;font-size:16px;line-height:1.5;text-align:left;color:#222222;">
<h1 style="font-size:28px;margin:0 0 12px">Issue 12: slow reading</h1>
<h2 style="font-size:20px">A field guide to lichens</h2>
<p>An unhurried look at the organisms on every old wall. <a href="https://digest.example.org/12/lichens/" style="color:#1a55a5">Read the review</a></p>
<h2 style="font-size:20px">Letters from a lighthouse</h2>
<p>A keeper's notebooks, edited with care. <a href="https://digest.example.org/12/lighthouse/" style="color:#1a55a5">Read the review</a></p>
</div>
</td></tr>
<tr><td align="center" class="button" style="font-size:0;padding:10px 25px">
<table border="0" cellpadding="0" cellspacing="0" role="presentation" style="border-collapse:separate;line-height:100%">
<tbody><tr><td align="center" bgcolor="#1a55a5" role="presentation" style="border:none;border-radius:3px;background:#1a55a5">
<a href="https://digest.example.org/12/" target="_blank" style="display:inline-block;background:#1a55a5;color:#ffffff;font-family:Helvetica, Arial, sans-serif;font-size:15px;padding:10px 25px;border-radius:3px;text-decoration:none">Read the issue on the web</a>
</td></tr></tbody>
</table>
</td></tr>
<tr><td align="center" class="text" style="font-size:0;padding:10px 25px">
<div style="font-family:Helvetica, Arial, sans-serif;font-size:13px;line-height:1.5;text-align:center;color:#555555;">You get this because you subscribed. <a href="*|UNSUB|*" style="color:#1a55a5">Unsubscribe</a> or write to <a href="mailto:editor@digest.example.org" style="color:#1a55a5">the editor</a>.</div>
</td></tr>
</tbody>
</table>
</div>
</td></tr></tbody>
</table>
</div>
<!--[if mso | IE]></td></tr></table><![endif]-->
</div>
</body>
</html>
"""

SETTINGS = EmailCheckSettings()


def broken(old: str, new: str, html: str = GOOD) -> str:
    """GOOD with one change; fails loudly if the fixture no longer holds `old`."""
    assert old in html, f"the fixture has no {old!r}"
    return html.replace(old, new, 1)


def only(findings: list[Finding], check: str, severity: str = "error") -> Finding:
    """The finding of `check`, after asserting that no other check reports an error."""
    assert [f for f in findings if f.severity == "error" and f.check != check] == []
    matching = [f for f in findings if f.check == check and f.severity == severity]
    assert matching, findings
    return matching[0]


def line_of(start: str, html: str) -> int:
    """The 1-based number of the line of `html` that starts with `start`."""
    (number,) = [n for n, line in enumerate(html.splitlines(), 1) if line.startswith(start)]
    return number


def findings_of(html: str, settings: EmailCheckSettings = SETTINGS) -> list[Finding]:
    return check_email(html, settings)


# --- the passing documents ---------------------------------------------------------


def test_the_fixture_passes_every_check() -> None:
    assert findings_of(GOOD) == []


def test_bytes_input_is_checked_like_text() -> None:
    assert check_email(GOOD.encode("utf-8"), SETTINGS) == []


MJML = """<mjml lang="en">
  <mj-head>
    <mj-title>The Digest, issue 12</mj-title>
    <mj-preview>Three reviews worth your evening</mj-preview>
    <mj-raw>
      <meta name="color-scheme" content="light dark">
      <meta name="supported-color-schemes" content="light dark">
    </mj-raw>
    <mj-attributes>
      <mj-all font-family="Georgia, 'Times New Roman', serif" />
      <mj-text color="#222222" font-size="16px" line-height="1.5" />
    </mj-attributes>
    <mj-style>
      @media (prefers-color-scheme: dark) {
        .page { background-color: #121212 !important; }
        .card, .card > table { background-color: #1e1e1e !important; }
        .text div { color: #e8e8e8 !important; }
        .text a { color: #8ab4f8 !important; }
      }
    </mj-style>
  </mj-head>
  <mj-body width="600px" background-color="#f4f4f4" css-class="page">
    <mj-section background-color="#ffffff" css-class="card">
      <mj-column>
        <mj-image src="https://digest.example.org/logo.png" alt="The Digest" width="150px" />
        <mj-text css-class="text">
          <h1>Issue 12</h1>
          <p>A short excerpt. <a href="https://digest.example.org/12/" style="color:#1a55a5">Read on</a></p>
        </mj-text>
        <mj-button href="https://digest.example.org/12/" background-color="#1a55a5" color="#ffffff">
          Read the issue
        </mj-button>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>
"""


def test_real_mjml_output_after_inlining_passes() -> None:
    mjml = pytest.importorskip("mjml")
    premailer = pytest.importorskip("premailer")
    html = mjml.mjml2html(MJML, fonts={})
    # premailer keeps a doctype only when it is spelt exactly as lxml writes it.
    html = html.replace("<!doctype html>", "<!DOCTYPE html>", 1)
    inlined = premailer.transform(html, strip_important=False, cssutils_logging_level=50)
    assert findings_of(html) == []
    assert findings_of(inlined) == []


# --- size --------------------------------------------------------------------------


def padded_to(size: int) -> str:
    """GOOD grown to exactly `size` bytes with an HTML comment."""
    filler = size - len(GOOD.encode("utf-8")) - len("<!--  -->")
    return broken("</body>", "<!-- " + "x" * filler + " --></body>")


def test_size_at_the_gmail_limit_is_an_error_naming_the_heaviest_review() -> None:
    settings = EmailCheckSettings(review_sizes={"A field guide to lichens": 30_000, "Letters": 12_000})
    finding = only(findings_of(padded_to(102_000), settings), "size", "error")
    assert "102,000 bytes" in finding.message
    assert "'A field guide to lichens' (30,000 bytes)" in finding.message
    assert "shorter excerpts or fewer reviews" in finding.message


def test_size_near_the_limit_is_a_warning() -> None:
    findings = findings_of(padded_to(101_999))
    assert only(findings, "size", "warning")
    assert [f.check for f in findings] == ["size"]
    assert findings_of(padded_to(90_000))[0].severity == "warning"
    assert findings_of(padded_to(89_999)) == []


def test_size_limits_come_from_the_settings() -> None:
    settings = EmailCheckSettings(max_bytes_error=5_000, max_bytes_warning=4_000)
    assert only(findings_of(GOOD, settings), "size", "error")


# --- styles ------------------------------------------------------------------------


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


def test_parse_css_reports_nested_at_rules_with_their_line() -> None:
    sheet = parse_css("a { color: red }\n@media print {\n  @font-face { font-family: X }\n}", first_line=10)
    assert sheet.nested_at_rules == (("@font-face", 12),)
    assert [rule.selectors for rule in sheet.rules] == ["a"]


def test_parse_css_ignores_braces_in_strings_and_comments() -> None:
    sheet = parse_css('/* { */ a::after { content: "}" ; color: #fff !important }')
    (rule,) = sheet.rules
    assert [(d.name, d.value, d.important) for d in rule.declarations] == [
        ("content", '"}"', False),
        ("color", "#fff", True),
    ]


# --- document ----------------------------------------------------------------------


@pytest.mark.parametrize("doctype", ["", '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">'])
def test_missing_or_legacy_doctype_is_an_error(doctype: str) -> None:
    only(findings_of(broken("<!DOCTYPE html>", doctype)), "doctype")


@pytest.mark.parametrize("lang", ['lang="und"', 'lang=""', ""])
def test_missing_or_undetermined_lang_is_an_error(lang: str) -> None:
    only(findings_of(broken('<html lang="en"', f"<html {lang}")), "lang")


def test_empty_title_is_an_error() -> None:
    only(findings_of(broken("<title>The Digest, issue 12</title>", "<title> </title>")), "title")


def test_missing_preheader_is_an_error() -> None:
    html = broken(">Three reviews worth your evening<", "><")
    assert "the first content of <body> is an <img>" in only(findings_of(html), "preheader").message


def test_preheader_after_visible_content_is_an_error() -> None:
    html = broken(
        '<div style="display:none;', '<div style="max-width:600px">Hello</div><div style="display:none;'
    )
    assert '"Hello"' in only(findings_of(html), "preheader").message


@pytest.mark.parametrize(
    "style", ["visibility:hidden", "opacity:0", "max-height:0;overflow:hidden", "display: none !important"]
)
def test_other_ways_of_hiding_the_preheader_pass(style: str) -> None:
    html = broken(
        "display:none;font-size:1px;color:#ffffff;line-height:1px;max-height:0px;max-width:0px;opacity:0;"
        "overflow:hidden;",
        style,
    )
    assert findings_of(html) == []


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


# --- accessibility -----------------------------------------------------------------


def test_layout_table_without_role_is_an_error() -> None:
    html = broken('role="presentation" style="border-collapse:collapse', 'style="border-collapse:collapse')
    finding = only(findings_of(html), "tables")
    assert finding.line == line_of(
        '<table border="0" cellpadding="0" cellspacing="0" style="border-collapse:collapse;', html
    )


def test_data_table_with_headers_needs_no_role() -> None:
    table = '<table><tr><th>Book</th></tr><tr><td style="font-family:serif">Lichens</td></tr></table>'
    assert findings_of(broken("<h2", f"{table}<h2")) == []


def test_image_without_alt_is_an_error() -> None:
    html = broken('<img alt="The Digest" ', "<img ")
    assert "logo.png" in only(findings_of(html), "img-alt").message


def test_decorative_image_with_empty_alt_passes() -> None:
    assert findings_of(broken('<img alt="The Digest" ', '<img alt="" ')) == []


def test_skipped_heading_level_is_an_error() -> None:
    html = broken('<h2 style="font-size:20px">A field guide', '<h3 style="font-size:20px">A field guide')
    html = broken("lichens</h2>", "lichens</h3>", html)
    finding = only(findings_of(html), "headings")
    assert "<h3> follows <h1>" in finding.message


def test_a_heading_level_skipped_in_the_introduction_names_its_line_in_issue_md(project: Path) -> None:
    """'### What mattered' in the introduction follows the masthead's <h1>: the finding named
    the theme's email.mjml.j2, a file the editor never wrote (found by review21). It names
    issue.md and the heading's line."""
    path = issue_md(project)
    text = path.read_text(encoding="utf-8")
    marker = "One thread ties the four together."
    path.write_text(text.replace(marker, f"### What *mattered*\n\n{marker}", 1), encoding="utf-8")
    line = path.read_text(encoding="utf-8").splitlines().index("### What *mattered*") + 1
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 1, result.output
    [finding] = [row for row in result.output.splitlines() if row.startswith("headings")]
    assert f"issue.md:{line}: <h3> follows <h1>" in finding, finding
    assert "email.mjml.j2" not in finding


def test_a_heading_level_skipped_in_a_link_items_comment_names_its_line_in_issue_md(project: Path) -> None:
    """A link item's comment is written in issue.md too: its heading's finding named the
    theme's template."""
    path = issue_md(project)
    text = path.read_text(encoding="utf-8")
    old = 'comment: "The leaderboard in the middle of the benchmark argument.'
    assert old in text
    path.write_text(
        text.replace(
            old, 'comment: "##### Read first\n\n  The leaderboard in the middle of the benchmark argument.', 1
        ),
        encoding="utf-8",
    )
    line = next(
        n
        for n, each in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "##### Read first" in each
    )
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 1, result.output
    [finding] = [row for row in result.output.splitlines() if row.startswith("headings")]
    assert f"issue.md:{line}: <h5> follows <h3>" in finding, finding


def test_an_underlined_heading_of_the_introduction_is_found_by_its_words_and_the_themes_is_not() -> None:
    from digest.checks.origins import Location, SourceFile

    text = "---\ntitle: T\n---\nIntro.\n\nThe `tram` *plan*\n---\n\n## Other\n"
    issue = SourceFile(Path("issue.md"), text, '<p>Intro.</p>\n<h2 id="the-tram-plan">The tram plan</h2>')
    sources = EmailSources(issue=issue)
    assert sources.heading("the-tram-plan", "The tram  plan") == Location(Path("issue.md"), 6)
    assert sources.heading("the-four-reviews", "The four reviews") is None  # the theme's own


def test_link_without_name_is_an_error() -> None:
    html = broken("<p>An unhurried", '<p><a href="https://digest.example.org/x"> </a>An unhurried')
    assert "https://digest.example.org/x" in only(findings_of(html), "link-names").message


@pytest.mark.parametrize(
    "link",
    [
        '<a href="https://digest.example.org/x" aria-label="Home"></a>',
        '<a href="https://digest.example.org/x" title="Home"></a>',
        '<a href="https://digest.example.org/x"><img src="https://digest.example.org/h.png" alt="Home"></a>',
    ],
)
def test_links_named_by_label_title_or_image_alt_pass(link: str) -> None:
    assert findings_of(broken("<p>An unhurried", f"<p>{link}An unhurried")) == []


def test_low_contrast_text_is_an_error() -> None:
    finding = only(findings_of(broken("color:#555555", "color:#aaaaaa")), "contrast")
    assert "#aaaaaa on #ffffff" in finding.message


def test_large_text_needs_only_3_to_1() -> None:
    # #777777 on white is 4.48:1: too faint for body text, enough for a 28px heading.
    heading = '<h1 style="font-size:28px;margin:0 0 12px">'
    assert findings_of(broken(heading, heading.replace("font-size", "color:#777777;font-size"))) == []
    only(findings_of(broken("color:#555555", "color:#777777")), "contrast")


def test_contrast_reads_the_bgcolor_attribute_and_named_colours() -> None:
    html = broken('style="border:none;border-radius:3px;background:#1a55a5"', 'style="border:none"')
    html = broken("background:#1a55a5;color:#ffffff", "color:white", html)
    assert findings_of(html) == []  # the bgcolor attribute still gives the button its background
    html = broken('bgcolor="#1a55a5" ', "", html)
    assert "#ffffff on #ffffff" in only(findings_of(html), "contrast").message


def rgb(value: str) -> tuple[int, int, int]:
    colour = parse_colour(value)
    assert isinstance(colour, Colour), value
    return colour.rgb


def test_colour_parsing_and_wcag_ratio() -> None:
    assert rgb("#FFF") == (255, 255, 255)
    assert rgb("rgb(26, 85, 165)") == (26, 85, 165)
    assert rgb("rgb(100% 0% 0%)") == (255, 0, 0)
    assert rgb("navy") == (0, 0, 128)
    assert parse_colour("rgba(0,0,0,0.5)") == Colour(0, 0, 0, 0.5)
    assert parse_colour("transparent") == Colour(0, 0, 0, 0)
    assert parse_colour("currentColor") == "currentcolor"
    assert parse_colour("not-a-colour") is None
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio((0x77, 0x77, 0x77), (255, 255, 255)) == pytest.approx(4.48, abs=0.01)


# --- safety ------------------------------------------------------------------------


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


# --- URLs --------------------------------------------------------------------------


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


# --- fonts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "font-family:Helvetica, Arial, sans-serif;font-size:15px",
            "font-family:Helvetica, Arial;font-size:15px",
        ),
        ("font-family:Helvetica, Arial, sans-serif;font-size:15px", "font:bold 15px/1.2 'Sans Serif'"),
        ("font-family:Helvetica, Arial, sans-serif;font-size:15px", "font-family:'serif'"),
        ("</head>", "<style>.footer { font-family: Verdana }</style></head>"),
    ],
)
def test_font_stack_without_generic_family_is_an_error(old: str, new: str) -> None:
    only(findings_of(broken(old, new)), "fonts")


def test_font_shorthand_ending_in_a_generic_family_passes() -> None:
    html = broken(
        "font-family:Helvetica, Arial, sans-serif;font-size:15px", "font:15px/1.2 Arial, sans-serif"
    )
    assert findings_of(html) == []


# --- Outlook -----------------------------------------------------------------------


def test_unclosed_conditional_comment_is_an_error() -> None:
    html = broken("<![endif]-->\n</div>\n</body>", "-->\n</div>\n</body>")
    finding = only(findings_of(html), "outlook-conditionals")
    assert "never closed" in finding.message
    assert finding.line == line_of("<!--[if mso | IE]></td></tr></table>", html)


def test_stray_endif_is_an_error() -> None:
    html = broken("</body>", "<!--<![endif]--></body>")
    assert "closes no conditional" in only(findings_of(html), "outlook-conditionals").message


# --- dark mode ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["color-scheme", "supported-color-schemes"])
def test_missing_colour_scheme_meta_is_an_error(name: str) -> None:
    html = broken(f'<meta name="{name}" content="light dark">', "")
    assert f'name="{name}"' in only(findings_of(html), "dark-mode").message


def test_missing_dark_media_rules_is_an_error() -> None:
    html = broken("prefers-color-scheme: dark", "prefers-color-scheme: light")
    assert "no @media (prefers-color-scheme: dark)" in only(findings_of(html), "dark-mode").message


def test_unreadable_dark_palette_is_an_error() -> None:
    html = broken(
        "background-color: #8ab4f8 !important; color: #111111",
        "background-color: #222 !important; color: #333",
    )
    assert "#333333 on #222222" in only(findings_of(html), "dark-mode").message


def test_text_the_dark_rules_leave_dark_on_a_dark_background_is_an_error() -> None:
    html = broken(".text div, .text h1, .text h2 {", ".text h1, .text h2 {")
    finding = only(findings_of(html), "dark-mode")
    assert "in dark mode" in finding.message and "#222222 on #1e1e1e" in finding.message


def test_light_background_the_dark_rules_forget_is_an_error() -> None:
    html = broken(".card, .card > table { background-color: #1e1e1e !important }", "")
    assert "#e8e8e8 on #ffffff" in only(findings_of(html), "dark-mode").message


@pytest.mark.parametrize("name", ["color-scheme", "supported-color-schemes"])
def test_a_colour_scheme_meta_written_with_value_says_so(name: str) -> None:
    # caniemail's own test emails write <meta name="color-scheme" value="light dark">.
    html = broken(f'<meta name="{name}" content="light dark">', f'<meta name="{name}" value="light dark">')
    message = only(findings_of(html), "dark-mode").message
    assert "value=, which is not read" in message and 'content="light dark"' in message


# Outlook.com (and the Outlook apps) lighten dark text the email sets, while a background image
# stays as it is (digest/checks/darkmode.py). The fixture's text cell, given a light image:
TEXT_CELL = '<tr><td align="left" class="text" style="font-size:0;padding:10px 25px;word-break:break-word">'


@pytest.mark.parametrize(
    ("cell", "warned"),
    [
        ('<tr><td align="left" class="text" background="https://digest.example.org/paper.jpg">', True),
        ('<tr><td align="left" class="text" style="background:url(https://digest.example.org/p.jpg)">', True),
        # An opaque colour between the text and the image hides the image.
        ('<tr><td class="text" background="https://digest.example.org/paper.jpg">', False),
    ],
)  # fmt: skip
def test_dark_text_over_a_background_image_is_a_dark_mode_warning(cell: str, warned: bool) -> None:
    html = broken(TEXT_CELL, cell)
    if not warned:
        html = broken(
            '<div style="font-family:Georgia', '<div style="background-color:#fff;font-family:Georgia', html
        )
    warnings = [f for f in findings_of(html) if f.check == "dark-mode" and f.severity == "warning"]
    if warned:
        assert not [f for f in findings_of(html) if f.severity == "error"]
        assert warnings and "Outlook.com" in warnings[0].message
        assert '"Issue 12: slow reading" (#222222) is lightened' in warnings[0].message
    else:
        assert warnings == []


def test_light_text_over_a_background_image_stays_as_it_is() -> None:
    html = broken(
        TEXT_CELL, TEXT_CELL.replace("<td ", '<td background="https://digest.example.org/night.jpg" ')
    )
    html = html.replace("color:#222222;", "color:#ffffff;").replace("color:#1a55a5", "color:#ffffff")
    assert [f for f in findings_of(html) if f.check == "dark-mode" and f.severity == "warning"] == []


def test_a_text_naming_background_thousands_of_times_is_checked_in_time(tmp_path: Path) -> None:
    """The pattern that looked for a background image scanned from every 'background:' to the
    next ';', '{', '}' or '"': 7 s for an 84 KB email, four times that at each doubling."""
    prose = "<p>" + "background: " * 40_000 + "</p>"
    ends_in_time(tmp_path, "prose.html", styled_email("", prose), "tests.test_email_rules.dark_warnings_of")


def dark_warnings_of(path: Path) -> None:
    """The email at `path` checked (for ends_in_time): no image is painted, so no warning."""
    findings = check_email(path.read_bytes(), UNLIMITED)
    assert not [f for f in findings if f.check == "dark-mode" and f.severity == "warning"]


@pytest.mark.parametrize(
    ("name", "warned"),
    [
        (
            "blocks-starter-modern-excerpt.html",
            '"Headline/primary title text" (#333333)',
        ),  # a style-block colour
        ("mjml-card.html", '"Marketers/advertisers usually focus the…" (#000000)'),
        ("cerberus-hybrid-excerpt.html", ""),  # white text over its dark image
        ("sendwithus-skyline-ping.html", ""),
    ],
)
def test_real_emails_dark_text_over_images(name: str, warned: str) -> None:
    raw = (REPO / "tests" / "data" / "emails" / name).read_bytes()
    warnings = [
        f.message
        for f in check_email(raw, EmailCheckSettings(urls=None))
        if f.check == "dark-mode" and f.severity == "warning"
    ]
    if warned:
        assert len(warnings) == 1 and warned in warnings[0]
    else:
        assert warnings == []


# --- reporting ---------------------------------------------------------------------


def test_findings_carry_the_path(tmp_path: Path) -> None:
    path = tmp_path / "email.html"
    (finding,) = check_email(
        broken("<title>The Digest, issue 12</title>", "<title></title>"), SETTINGS, path=path
    )
    assert finding.path == path
    assert str(finding).startswith(f"error: {path}: ")


def test_empty_document_is_reported() -> None:
    (finding,) = check_email("", SETTINGS)
    assert finding.severity == "error" and "empty" in finding.message


def test_every_check_has_a_stable_name() -> None:
    assert len(set(CHECK_NAMES)) == 19
    assert {"size", "contrast", "dark-mode", "outlook-conditionals"} <= set(CHECK_NAMES)


def test_table_of_no_findings_is_one_line() -> None:
    assert format_findings([]) == "All checks passed."


def test_table_aligns_columns() -> None:
    findings = [
        Finding("error", "img-alt", "an image has no alt", line=12),
        Finding("warning", "size", "email.html is 95,000 bytes"),
    ]
    lines = format_findings(findings).splitlines()
    assert lines == [
        "check    severity  message",
        "img-alt  error     line 12: an image has no alt",
        "size     warning   email.html is 95,000 bytes",
    ]


# --- colours in every syntax ---------------------------------------------------------------

# #d3d3d3 on white is 1.5:1, written every way CSS allows.
LIGHT_GREY = [
    "#d3d3d3",
    "#D3D3D3FF",
    "lightgray",
    "LightGrey",
    "rgb(211, 211, 211)",
    "rgb(211 211 211)",
    "rgba(211, 211, 211, 1)",
    "rgb(82.7% 82.7% 82.7%)",
    "hsl(0, 0%, 83%)",
    "hsl(0deg 0% 82.7% / 100%)",
    "hwb(0 82.7% 17.3%)",
    "lab(84.56% 0 0)",
    "lch(84.56% 0 0)",
    "oklab(86.99% 0 0)",
    "oklch(86.99% 0 0)",
    "color(srgb 0.827 0.827 0.827)",
    "color(display-p3 0.827 0.827 0.827)",
]


@pytest.mark.parametrize("colour", LIGHT_GREY)
def test_the_same_failing_colour_fails_in_every_syntax(colour: str) -> None:
    finding = only(findings_of(broken("color:#555555", f"color:{colour}")), "contrast")
    assert re.search(r"#d[2-4]d[2-4]d[2-4] on #ffffff \(1\.[45]:1", finding.message), finding.message


def test_translucent_text_is_measured_as_it_shows_over_its_background() -> None:
    # black at 20% over white shows as #cccccc: 1.6:1
    finding = only(findings_of(broken("color:#555555", "color:rgba(0, 0, 0, 0.2)")), "contrast")
    assert "#cccccc on #ffffff" in finding.message
    assert findings_of(broken("color:#555555", "color:rgba(0, 0, 0, 0.9)")) == []


def test_an_invalid_colour_is_ignored_as_browsers_ignore_it() -> None:
    # the declaration is dropped, so the text keeps the colour of its parent (#222222)
    assert findings_of(broken("color:#555555", "color:not-a-colour")) == []


def test_a_translucent_background_is_composited_over_what_is_behind_it() -> None:
    html = broken('style="border:none;border-radius:3px;background:#1a55a5"', 'style="border:none"')
    html = broken('bgcolor="#1a55a5" ', "", html)
    # 10% white over the white card is white: the button's white text vanishes
    html = broken(
        "background:#1a55a5;color:#ffffff", "background:rgba(255, 255, 255, 0.1);color:#ffffff", html
    )
    assert "#ffffff on #ffffff" in only(findings_of(html), "contrast").message
    # 90% blue over white is a dark enough blue
    html = broken("rgba(255, 255, 255, 0.1)", "rgba(26, 85, 165, 0.9)", html)
    assert findings_of(html) == []


# --- findings name the file the editor changes ----------------------------------------------

STYLESHEET = "/* the theme */\np.byline { margin: 0; color: #aaaaaa; }\n"
TEMPLATE = '<mjml lang="en">\n  <mj-text color="#555555" font-size="13px">\n</mjml>\n'
ISSUE_MD = '---\ntitle: "Issue 12"\npreheader: "Three reviews worth your evening"\n---\nIntro.\n'


def sources_in(tmp_path: Path, issue: str = ISSUE_MD, stylesheet: str = STYLESHEET) -> EmailSources:
    files = {"email.css": stylesheet, "email.mjml.j2": TEMPLATE, "issue.md": issue}
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    return EmailSources.read(
        tmp_path / "email.mjml.j2", tmp_path / "email.css", (tmp_path / "issue.md", "<p>Intro.</p>")
    )


def test_a_contrast_failure_names_the_stylesheet_line(tmp_path: Path) -> None:
    settings = EmailCheckSettings(sources=sources_in(tmp_path))
    finding = only(findings_of(broken("color:#555555", "color:#aaaaaa"), settings), "contrast")
    assert (finding.path, finding.line) == (tmp_path / "email.css", 2)
    assert "compiled email.html line" in finding.message


def test_a_contrast_failure_names_the_template_where_mjml_wrote_the_colour(tmp_path: Path) -> None:
    # MJML writes <mj-text color="#aaaaaa"> as style="color:#aaaaaa" on the text's <div>
    sources_in(tmp_path, stylesheet="p.byline { margin: 0; }\n")
    (tmp_path / "email.mjml.j2").write_text(TEMPLATE.replace("#555555", "#aaaaaa"))
    sources = EmailSources.read(
        tmp_path / "email.mjml.j2", tmp_path / "email.css", (tmp_path / "issue.md", "<p>Intro.</p>")
    )
    html = broken("color:#555555", "color:#aaaaaa")
    finding = only(findings_of(html, EmailCheckSettings(sources=sources)), "contrast")
    assert (finding.path, finding.line) == (tmp_path / "email.mjml.j2", 2)


def test_a_finding_without_a_source_line_names_the_template(tmp_path: Path) -> None:
    settings = EmailCheckSettings(sources=sources_in(tmp_path))
    finding = only(findings_of(broken('<html lang="en"', "<html"), settings), "lang")
    assert finding.path == tmp_path / "email.mjml.j2" and finding.line is None
    assert "compiled email.html line" not in finding.message  # the whole document, no line


def test_an_empty_preheader_names_the_key_in_issue_md(tmp_path: Path) -> None:
    issue = ISSUE_MD.replace('"Three reviews worth your evening"', '""')
    settings = EmailCheckSettings(sources=sources_in(tmp_path, issue))
    html = broken(">Three reviews worth your evening<", "><")
    finding = only(findings_of(html, settings), "preheader")
    assert (finding.path, finding.line) == (tmp_path / "issue.md", 3)
    assert "preheader is empty" in finding.message and "preheader: key" in finding.message


def test_a_preheader_of_filler_only_is_empty() -> None:
    html = broken(">Three reviews worth your evening<", ">\u034f\u200c\u00a0\u034f\u200c\u00a0<")
    assert "preheader is empty" in only(findings_of(html), "preheader").message


def test_a_too_long_preheader_is_a_warning_naming_issue_md(tmp_path: Path) -> None:
    long = "A summary that goes on " * 10
    settings = EmailCheckSettings(sources=sources_in(tmp_path))
    html = broken("Three reviews worth your evening", long)
    finding = only(findings_of(html, settings), "preheader", "warning")
    assert (finding.path, finding.line) == (tmp_path / "issue.md", 3)
    assert f"{len(long.strip())} characters" in finding.message


def test_a_template_that_leaves_the_preheader_out_is_named(tmp_path: Path) -> None:
    settings = EmailCheckSettings(sources=sources_in(tmp_path))
    html = broken(
        '<div style="display:none;', '<div style="max-width:600px">Hello</div><div style="display:none;'
    )
    finding = only(findings_of(html, settings), "preheader")
    assert finding.path == tmp_path / "email.mjml.j2"


def test_the_build_leaves_urls_to_the_link_check() -> None:
    html = broken("https://digest.example.org/12/", "http://digest.example.org/12/")
    assert findings_of(html, EmailCheckSettings(urls=None)) == []
    assert findings_of(html, EmailCheckSettings(urls=UrlRules(https_only=False))) == []
    only(findings_of(html, EmailCheckSettings(urls=UrlRules(https_only=True))), "urls")


# --- the size first, every check linear ---------------------------------------------------


def test_an_email_gmail_clips_is_failed_on_its_size_alone() -> None:
    html = broken('<html lang="en"', "<html", padded_to(150_000))
    assert [f.check for f in findings_of(html)] == ["size"]


def cards(count: int) -> str:
    """GOOD with `count` more review cards, each with its own Outlook conditional comments."""
    card = (
        '<!--[if mso | IE]><table role="presentation"><tr><td><![endif]-->\n'
        '<h2 style="font-size:20px">Review {n}</h2>\n'
        '<p>An excerpt of review {n}. <a href="https://digest.example.org/12/r{n}/" '
        'style="color:#1a55a5">Read the review</a></p>\n'
        "<!--[if mso | IE]></td></tr></table><![endif]-->\n"
    )
    return broken(
        '<h2 style="font-size:20px">A field guide',
        "".join(card.format(n=n) for n in range(count)) + '<h2 style="font-size:20px">A field guide',
    )


class CountingText(str):
    """Text that adds up how many characters its search methods are asked to scan."""

    scanned = 0

    def _note(self, start: int | None, end: int | None) -> None:
        size = len(self)
        CountingText.scanned += (size if end is None else min(end, size)) - (start or 0)

    def count(self, sub: str, start: int | None = None, end: int | None = None) -> int:  # type: ignore[override]
        self._note(start, end)
        return str(self).count(sub, start, end)

    def find(self, sub: str, start: int | None = None, end: int | None = None) -> int:  # type: ignore[override]
        self._note(start, end)
        return str(self).find(sub, start, end)

    def index(self, sub: str, start: int | None = None, end: int | None = None) -> int:  # type: ignore[override]
        self._note(start, end)
        return str(self).index(sub, start, end)


def work(check: Callable[[], object], monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    """Calls made (Python functions and C functions both) and characters scanned by `check`."""
    original = EmailDocument.__init__

    def counting(self: EmailDocument, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)  # type: ignore[arg-type]
        self.text = CountingText(self.text)

    monkeypatch.setattr(EmailDocument, "__init__", counting)
    calls = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    CountingText.scanned = 0
    sys.setprofile(profile)
    try:
        check()
    finally:
        sys.setprofile(None)
    return calls, CountingText.scanned


UNLIMITED = EmailCheckSettings(max_bytes_error=10**9, max_bytes_warning=10**9)


def linear(work_at: Callable[[int], int]) -> tuple[bool, tuple[int, int, int]]:
    """Whether work grows linearly with the number of cards: the 120 cards added from 120 to
    240 cost twice what the 60 added from 60 to 120 did (a quadratic check: four times)."""
    small, middle, large = work_at(60), work_at(120), work_at(240)
    return (large - middle) / (middle - small) < 2.3, (small, middle, large)


def test_every_check_does_work_in_proportion_to_the_email(monkeypatch: pytest.MonkeyPatch) -> None:
    assert findings_of(cards(240), UNLIMITED) == []
    for measure in (0, 1):  # calls made, then characters scanned
        grows_linearly, figures = linear(
            lambda n: work(lambda: check_email(cards(n), UNLIMITED), monkeypatch)[measure]  # noqa: B023
        )
        assert grows_linearly, figures


def test_the_measure_catches_counting_lines_from_the_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """What made the Outlook check quadratic: each match's line counted from the first character."""

    def quadratic(html: str) -> None:
        text = CountingText(html)
        for match in re.finditer("<!--", text):
            text.count("\n", 0, match.start())

    grows_linearly, figures = linear(lambda n: work(lambda: quadratic(cards(n)), monkeypatch)[1])
    assert not grows_linearly, figures


# --- through `digest check`: the files the editor changes ---------------------------------------


def set_preheader(project: Path, value: str) -> Path:
    issue = project / "issues" / "issue-2025" / "issue.md"
    issue.write_text(
        re.sub(r"^preheader:.*$", f'preheader: "{value}"', issue.read_text(), count=1, flags=re.M)
    )
    return issue


def preheader_line(issue: Path) -> int:
    return next(
        n for n, line in enumerate(issue.read_text().splitlines(), 1) if line.startswith("preheader:")
    )


def test_check_names_the_stylesheet_line_of_a_failing_colour(project: Path) -> None:
    theme = (REPO / "templates" / "email.css").read_text()
    (project / "templates").mkdir()
    stylesheet = project / "templates" / "email.css"
    stylesheet.write_text(
        theme.replace(
            "p.byline { margin: 0 0 10px; font-size: 14px; color: #4b5563; }",
            "p.byline { margin: 0 0 10px; font-size: 14px; color: lightgray; }",
        )
    )
    line = next(n for n, text in enumerate(stylesheet.read_text().splitlines(), 1) if "lightgray" in text)
    result = run(project, "check", "issue-2025")
    assert result.exit_code == 1
    assert re.search(
        rf"contrast\s+error\s+\S*templates/email\.css:{line}: .*#d3d3d3 on #ffffff", result.stdout
    ), result.stdout


def test_check_names_the_preheader_key_when_it_is_empty_or_too_long(project: Path) -> None:
    issue = set_preheader(project, "")
    empty = run(project, "check", "issue-2025")
    assert empty.exit_code == 1
    assert re.search(
        rf"preheader\s+error\s+\S*issue-2025/issue\.md:{preheader_line(issue)}: the preheader is empty",
        empty.stdout,
    )
    set_preheader(project, "A summary that never stops " * 8)
    long = run(project, "check", "issue-2025")
    assert long.exit_code == 0
    assert re.search(
        rf"preheader\s+warning\s+\S*issue-2025/issue\.md:{preheader_line(issue)}: the preheader is 2\d\d characters",
        long.stdout,
    )
    assert run(project, "check", "issue-2025", "--strict").exit_code == 1


def test_no_finding_points_at_the_compiled_email(project: Path) -> None:
    theme = (REPO / "templates" / "email.mjml.j2").read_text()
    (project / "templates").mkdir()
    template = project / "templates" / "email.mjml.j2"
    template.write_text(
        theme.replace('<mjml lang="{{ site.language }}">', "<mjml>").replace(
            "<mj-title>{{ issue.subject }}</mj-title>", ""
        )
    )
    set_preheader(project, "")
    result = run(project, "check", "issue-2025")
    assert result.exit_code == 1
    assert "templates/email.mjml.j2" in result.stdout and "issue.md" in result.stdout
    assert "dist/" not in result.output and "email.html:" not in result.output


# --- what the email holds ----------------------------------------------------------------


def test_the_gmail_size_error_names_the_introduction_when_it_is_the_heaviest_part() -> None:
    html = (
        '<!doctype html><html lang="en"><head><title>t</title></head><body>'
        + "<p>"
        + "words " * 20_000
        + "</p></body></html>"
    )
    settings = EmailCheckSettings(urls=None, review_sizes={"A short review": 300}, intro_bytes=90_000)
    [size] = [f for f in check_email(html.encode(), settings) if f.check == "size"]
    assert "the introduction in issue.md is the heaviest part (90,000 bytes)" in size.message
    assert "shorten the introduction" in size.message
    lighter = EmailCheckSettings(urls=None, review_sizes={"A long review": 30_000}, intro_bytes=900)
    [size] = [f for f in check_email(html.encode(), lighter) if f.check == "size"]
    assert "'A long review'" in size.message and "introduction" not in size.message


def test_the_gmail_size_error_names_the_link_items_when_they_weigh_most() -> None:
    """With thousands of link items, the introduction was named the heaviest part: the link
    items were not counted at all (found by world17)."""
    html = (
        '<!doctype html><html lang="en"><head><title>t</title></head><body><p>'
        + "words " * 20_000
        + "</p></body></html>"
    )
    settings = EmailCheckSettings(
        urls=None, review_sizes={"A review": 3_000}, intro_bytes=900, link_items=(600, 80_000)
    )
    [size] = [f for f in check_email(html.encode(), settings) if f.check == "size"]
    assert "the 600 link items in issue.md are the heaviest part (80,000 bytes)" in size.message
    assert "list fewer link items" in size.message and "introduction" not in size.message


def test_many_link_items_are_named_by_the_build(project: Path) -> None:
    path = issue_md(project)
    items = "".join(
        f'      - title: "Item {n}"\n        url: https://e{n}.example.org/\n        comment: "{"A comment. " * 20}"\n'
        for n in range(300)
    )
    text = path.read_text()
    path.write_text(
        text.replace(
            '  - title: "Also worth reading"\n    items:\n',
            '  - title: "Also worth reading"\n    items:\n' + items,
            1,
        )
    )
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 1, result.output
    assert "link items in issue.md are the heaviest part" in result.output


def test_a_long_introduction_is_named_by_the_build(project: Path) -> None:
    path = issue_md(project)
    path.write_text(path.read_text() + ("\n\nThe editor goes on and on about the week. " * 40) * 60)
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 1
    assert "the introduction in issue.md is the heaviest part" in result.output


# --- what a style block hides inside @media ---------------------------------------------------


def _reading(html: str, screen: object) -> tuple[EmailDocument, object]:
    root = lxml.html.document_fromstring(html)
    from lxml.cssselect import CSSSelector

    document = EmailDocument(
        html.encode(),
        root,
        match=lambda selector: list(CSSSelector(selector, translator="html")(root)),
        media=None if screen is None else screen.applies,  # type: ignore[attr-defined]
    )
    return document, root.get_element_by_id("x")


def test_display_none_inside_a_media_query_hides_on_the_screens_it_applies_to() -> None:
    html = styled_email(
        "@media (max-width: 480px) { #x { display: none !important } }", '<p id="x">Wide screens</p>'
    )
    for screen, hidden in ((PHONE, True), (DESKTOP, False), (None, False)):
        document, element = _reading(html, screen)
        assert document.is_hidden(element) is hidden, screen


# --- CSS nested deeper than any client reads ------------------------------------------------------


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


# --- a URL urlsplit refuses -----------------------------------------------------------------------


def test_a_url_urlsplit_refuses_is_an_invalid_url_finding() -> None:
    from digest.checks.email_rules import EmailCheckSettings, check_email

    html = "<!DOCTYPE html><html lang='en'><head><title>T</title></head><body><a href='https://[oops/'>x</a></body></html>"
    urls = [finding for finding in check_email(html, EmailCheckSettings()) if finding.check == "urls"]
    assert urls and "is no valid URL" in urls[0].message


@pytest.mark.parametrize("weight", ["\u00b2", "9" * 5_000, "700"])
def test_a_font_weight_of_digits_no_number_reads_is_no_crash(weight: str) -> None:
    """A template's `font-weight: ²` ('²' is a digit to str.isdigit, no number to int) or
    5,000 digits were a traceback of the contrast check."""
    document = EmailDocument.parse(
        f'<html><body><p style="font-weight: {weight}">Text</p></body></html>'.encode()
    )
    assert document is not None
    [paragraph] = document.elements("p")
    assert document.is_bold(paragraph) == (weight == "700")


def test_a_number_too_long_for_the_css_reader_is_an_error_naming_its_line() -> None:
    html = broken("<body", f'<body style="margin: 0; width: {"9" * 5_000}px"', GOOD)
    finding = only(findings_of(html), "styles")
    assert "writes a number of 5,000 digits" in finding.message and "shorten it" in finding.message
