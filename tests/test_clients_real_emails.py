"""The client-support report on real third-party email templates (tests/data/emails, with
their licences), judged against caniemail's data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import tinycss2

from digest.checks.clients.features import selector_features
from digest.checks.clients.mailclients import MAJOR_CLIENTS, VIEW_CLIENTS, Client
from digest.checks.clients.report import ClientReport, client_report, client_view, format_report
from digest.checks.origins import EmailSources
from tests.conftest import REPO
from tests.helpers import CLIENTS, OUTLOOK, OUTLOOK_MAC, item, messages

EMAILS = REPO / "tests" / "data" / "emails"
GMAIL = VIEW_CLIENTS["gmail"]
YAHOO = VIEW_CLIENTS["yahoo"]
OUTLOOK_COM = VIEW_CLIENTS["outlook-com"]
OUTLOOK_WINDOWS = next(client for client in MAJOR_CLIENTS if client.outlook_windows)
APPLE_MAIL = next(client for client in MAJOR_CLIENTS if client.short == "Apple Mail")
SAMSUNG = next(client for client in MAJOR_CLIENTS if client.short == "Samsung Email")


def report_on(name: str) -> ClientReport:
    return client_report((EMAILS / name).read_bytes())


@pytest.mark.parametrize("path", sorted(EMAILS.glob("*.html")), ids=lambda path: path.name)
def test_every_real_template_gets_a_report_for_every_major_client(path: Path) -> None:
    report = client_report(path.read_bytes())
    assert [each.client for each in report.clients] == list(MAJOR_CLIENTS)
    assert format_report(report, detailed=True).count("\n") > len(MAJOR_CLIENTS)


# --- VML and Outlook's conditional markup ---------------------------------------------------


def test_vml_in_outlooks_conditional_markup_is_not_read_as_html_css() -> None:
    # Cerberus draws its background image for Outlook with <v:rect style="position:absolute; ...">,
    # which Outlook's VML engine lays out; caniemail's `position` is about HTML elements.
    report = report_on("cerberus-hybrid-excerpt.html")
    assert item(report, OUTLOOK_WINDOWS, "css-position") is None
    assert not [message for message in messages(report, "error") if "position" in message]
    # The template's own HTML is still judged: Outlook drops border-radius.
    radius = item(report, OUTLOOK_WINDOWS, "css-border-radius")
    assert radius is not None and radius.status == "n" and radius.effect == "decoration"


@pytest.mark.parametrize(
    ("name", "features"),
    [
        (
            "cerberus-hybrid-excerpt.html",
            ["css-background-position", "css-background-size", "html-background"],
        ),
        ("mjml-card.html", ["css-background-position", "css-background-repeat", "css-background-size"]),
    ],
)
def test_a_background_image_vml_draws_for_outlook_is_a_fallback_there(name: str, features: list[str]) -> None:
    report = report_on(name)
    for feature in features:
        found = item(report, OUTLOOK_WINDOWS, feature)
        assert found is not None and found.effect == "fallback", (feature, found)
        assert "VML" in found.why
    assert not [message for message in messages(report, "warning") if "background-size" in message]


# --- what a style-block rule the client drops costs --------------------------------------------


@pytest.mark.parametrize("feature", ["css-max-height", "css-opacity", "css-overflow", "css-visibility"])
def test_a_rule_that_only_hides_the_hidden_preheader_again_costs_nothing(feature: str) -> None:
    # Postmark's .preheader rule (also inlined) adds visibility:hidden, opacity:0, max-height:0
    # and overflow:hidden to display:none and mso-hide:all, which Outlook keeps.
    report = report_on("postmark-welcome.html")
    found = item(report, OUTLOOK_WINDOWS, feature)
    assert found is not None and found.status == "n"
    assert (found.effect, found.why) == ("none", "on content that stays hidden")
    assert not [message for message in messages(report, "warning") if found.places[0].label in message]


def test_word_break_in_a_rule_costs_nothing_where_no_word_is_too_long() -> None:
    report = report_on("postmark-welcome.html")
    found = item(report, YAHOO, "css-word-break")
    assert found is not None and found.status == "n" and found.effect == "none"
    assert "no word here is longer" in found.why


def test_a_dropped_rule_costs_nothing_where_the_inlined_style_sets_the_same() -> None:
    # Postmark's inlined templates keep their <style> rules and repeat them in style attributes:
    # Outlook.com drops the compound selector p.sub, and each <p class="sub"> has font-size:13px.
    report = report_on("postmark-welcome.html")
    found = item(report, OUTLOOK_COM, "css-selector-chaining")
    assert found is not None and found.status == "n"
    assert found.effect == "none" and "own style attribute" in found.why
    assert not [message for message in messages(report, "warning") if "p.sub" in message]


def test_a_dropped_rule_that_matches_nothing_costs_nothing_but_a_hover_rule_styles_on_hover() -> None:
    report = report_on("cerberus-hybrid-excerpt.html")
    sibling = item(report, OUTLOOK_WINDOWS, "css-selector-adjacent-sibling")  # img.g-img + div
    assert sibling is not None and sibling.effect == "none" and "matches nothing" in sibling.why
    hover = item(report, OUTLOOK_WINDOWS, "css-pseudo-class-hover")  # .button-td:hover, .button-a:hover
    assert hover is not None and (hover.effect, hover.why) == ("decoration", "styling is lost")
    assert [message for message in messages(report, "warning") if ":hover" in message]
    assert item(report, APPLE_MAIL, "css-pseudo-class-hover") is None


# --- caniemail's notes ---------------------------------------------------------------------------


def test_yahoo_drops_a_media_query_on_device_width_and_keeps_one_on_width() -> None:
    # caniemail: Yahoo "only supports `screen`, `min-width`, `max-width`, `min-height` and
    # `max-height` based media queries"; Cerberus targets iPhones with min-device-width.
    raw = (EMAILS / "cerberus-hybrid-excerpt.html").read_bytes()
    found = item(client_report(raw), YAHOO, "css-at-media")
    assert found is not None and found.status == "a" and found.effect == "fallback"
    yahoo = client_view(raw, YAHOO).decode()
    assert "min-device-width" not in yahoo and "max-width: 480px" in yahoo
    gmail = client_view(raw, GMAIL).decode()
    assert "min-device-width" in gmail


def test_comments_between_selectors_are_neither_selectors_nor_combinators() -> None:
    # Cerberus: `*[x-apple-data-detectors],  /* iOS */ .x-gmail-data-detectors, /* Gmail */ ...`
    report = report_on("cerberus-hybrid-excerpt.html")
    labels = [
        place.label
        for support in report.clients
        for each in support.items
        if each.feature.startswith("css-selector-")
        for place in each.places
    ]
    assert labels and not [label for label in labels if "/*" in label]
    attribute = item(report, GMAIL, "css-selector-attribute")
    assert attribute is not None
    assert "*[x-apple-data-detectors], .x-gmail-data-detectors, .x-gmail-data-detectors *, .aBn ([attr])" in [
        place.label for place in attribute.places
    ]
    css = "a, /* for Gmail */ .b { color: red }"
    prelude = tinycss2.parse_stylesheet(css, skip_comments=False)[0].prelude
    assert list(selector_features(prelude)) == [
        ("css-selector-type", "a"),
        ("css-selector-grouping", ","),
        ("css-selector-class", ".b"),
    ]


def test_the_color_scheme_property_is_a_hint_like_the_meta_tag() -> None:
    # Postmark: `:root { color-scheme: light dark; }`, which Gmail does not support.
    report = report_on("postmark-welcome.html")
    found = item(report, GMAIL, "css-color-scheme")
    assert found is not None and found.status == "n" and found.effect == "none"
    assert not [message for message in messages(report, "warning") if "color-scheme" in message]


def test_an_import_a_client_refuses_leaves_the_emails_own_styles() -> None:
    # Postmark imports its web font from Google Fonts, which Gmail does not load.
    found = item(report_on("postmark-welcome.html"), GMAIL, "css-at-import")
    assert found is not None and found.status == "n" and found.effect == "fallback"
    assert found.why == "the stylesheet it imports is not loaded: the email's own styles stand in"


def test_mjmls_cursor_auto_is_the_initial_value() -> None:
    # MJML writes cursor:auto on every button cell; Gmail and Outlook.com do not support cursor.
    report = report_on("mjml-card.html")
    found = item(report, GMAIL, "css-cursor")
    assert found is not None and found.status == "n"
    assert (found.effect, found.why) == ("none", "cursor:auto is the initial value")
    assert not [message for message in messages(report, "warning") if "cursor" in message]
    # A cursor the template chose is still lost styling...
    chosen = item(
        client_report(b"<style>td { cursor: default }</style><table><tr><td>Cell</td></tr></table>"),
        GMAIL,
        "css-cursor",
    )
    assert chosen is not None and chosen.effect == "decoration"
    # ...once: Cerberus's cursor:default goes with its rule, which Gmail drops for the attribute
    # selector in it (*[x-apple-data-detectors]): listed under that selector, not again.
    cerberus = report_on("cerberus-fluid.html")
    chosen = item(cerberus, GMAIL, "css-cursor")
    assert chosen is not None and chosen.effect == "none" and "[attr]" in chosen.why, chosen
    assert item(cerberus, GMAIL, "css-selector-attribute").effect == "decoration"
    # ...but not the pointer on a link (Lee Munroe's buttons), which a link shows anyway.
    pointer = item(report_on("leemunroe-simple.html"), GMAIL, "css-cursor")
    assert pointer is not None and (pointer.effect, pointer.why) == (
        "none",
        "a link shows the pointer anyway",
    )


@pytest.mark.parametrize(
    ("name", "html5"),
    [
        ("postmark-welcome.html", False),  # XHTML 1.0 Transitional
        ("email-boilerplate.html", False),  # XHTML 1.0 Strict
        ("mailgun-alert.html", False),
        ("cerberus-hybrid-excerpt.html", True),  # <!DOCTYPE html>
        ("mjml-card.html", True),
    ],
)
def test_only_the_html5_doctype_is_caniemails_html5_doctype(name: str, html5: bool) -> None:
    assert (item(report_on(name), OUTLOOK_WINDOWS, "html-doctype") is not None) == html5


def test_a_media_query_holding_no_rules_costs_nothing() -> None:
    # The Email Boilerplate leaves its pixel-ratio queries empty, for the user to fill.
    found = item(report_on("email-boilerplate.html"), GMAIL, "css-at-media-device-pixel-ratio")
    assert found is not None and found.status == "n"
    assert (found.effect, found.why) == ("none", "it holds no rules")
    kept = item(report_on("email-boilerplate.html"), OUTLOOK_WINDOWS, "css-at-media")  # device-width ones
    assert kept is not None and kept.effect == "fallback"


# --- where a finding says it was written ---------------------------------------------------------


def line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_findings_name_the_line_the_template_writes_it_on() -> None:
    path = EMAILS / "cerberus-hybrid-excerpt.html"
    report = client_report(path.read_bytes(), EmailSources.read(path, None))
    lines = {finding.message.split(" (")[0]: finding.line for finding in report.findings}
    assert lines["transition:all 100ms ease-in"] == line_of(path, "transition: all 100ms ease-in;")
    assert lines[".button-td:hover, .button-a:hover"] == line_of(path, ".button-td:hover,")
    assert lines["border:15px solid #222222"] == line_of(path, "border: 15px solid #222222")


def test_an_in_page_link_is_placed_at_the_link_not_at_the_first_hash_sign() -> None:
    # Lee Munroe's template writes colours (#348eda) long before its <a href="#">.
    path = EMAILS / "leemunroe-simple.html"
    report = client_report(path.read_bytes(), EmailSources.read(path, None))
    gmail_ios = next(client for client in MAJOR_CLIENTS if client.short == "Gmail iOS")
    anchor = item(report, gmail_ios, "html-anchor-links")
    assert anchor is not None and anchor.places[0].location is not None
    assert anchor.places[0].location.line == line_of(path, '<a href="#">') != line_of(path, "#348eda")
    # href="#" is a placeholder that leads nowhere in any client: no finding of the client report.
    assert anchor.effect == "none" and "placeholder" in anchor.why
    assert not [finding for finding in report.findings if finding.message.startswith('href="#"')]


def rule_in(view: bytes, selector: str) -> str:
    """The declarations of the first rule for exactly this selector in a client's view, unspaced."""
    match = re.search(rf"(?:^|[}}\s]){re.escape(selector)}\s*\{{([^}}]*)\}}", view.decode())
    assert match is not None, selector
    return "".join(match.group(1).split())


def test_a_note_on_elements_applies_to_the_elements_a_style_rule_styles() -> None:
    # caniemail: Outlook for Windows supports width and height "not on <body>, <span>, <div>
    # or <p>". Postmark's `body { width: 100% !important; height: 100%; ... }` loses both
    # there; its `.email-body_inner { width: 570px }` styles a <table> and keeps it.
    raw = (EMAILS / "postmark-welcome.html").read_bytes()
    outlook = client_view(raw, OUTLOOK_WINDOWS)
    assert "width" not in rule_in(outlook, "body") and "height" not in rule_in(outlook, "body")
    assert "width:570px" in rule_in(outlook, ".email-body_inner")
    apple = client_view(raw, APPLE_MAIL)
    assert "width:100%!important" in rule_in(apple, "body")
    # Dropped from <body>, width:100% costs nothing (round 9): the body is that wide anyway.
    width = item(client_report(raw), OUTLOOK_WINDOWS, "css-width")
    assert width is not None and width.status == "a" and width.effect == "none"
    # Nor does height:100% (round 10): <html> has no height set, so the body's percentage
    # computes to auto anyway (CSS 2.1, 10.5).
    height = item(client_report(raw), OUTLOOK_WINDOWS, "css-height")
    assert height is not None and height.status == "a" and height.effect == "none"
    assert height.why == "a percentage of a parent with no set height: the height is auto anyway"


# --- round 7: dark-mode swaps, style-block hiding, div layouts ---------------------------------
# Expected before running (dark-mode-swap.html): Gmail web and Yahoo drop the
# prefers-color-scheme queries, so the light image stays and the moon stays hidden (a
# fallback, no error); Apple Mail keeps everything; Outlook for Windows keeps the <style>
# block but not display:none on an <img>, so the moon shows beside the sun (an error).


def test_a_style_block_display_none_outlook_ignores_on_an_image_shows_the_image() -> None:
    report = report_on("dark-mode-swap.html")
    found = item(report, OUTLOOK_WINDOWS, "css-display-none")
    assert found is not None and found.effect == "content"
    assert found.why == "hidden image shows: cid:moon"
    errors = messages(report, "error")
    assert errors and all("Outlook Windows" in message and "cid:moon" in message for message in errors)


@pytest.mark.parametrize("client", [GMAIL, YAHOO])
def test_a_dark_mode_swap_falls_back_to_the_light_image_where_the_query_is_dropped(client: Client) -> None:
    report = report_on("dark-mode-swap.html")
    found = item(report, client, "css-at-media-prefers-color-scheme")
    assert found is not None and found.status == "n" and found.effect == "fallback"
    view = client_view((EMAILS / "dark-mode-swap.html").read_bytes(), client)
    assert b"prefers-color-scheme" not in view and b".dark { display:none }" in view


def test_apple_mail_keeps_the_dark_mode_email_whole() -> None:
    report = report_on("dark-mode-swap.html")
    support = next(each for each in report.clients if each.client == APPLE_MAIL)
    # Round 10: Apple Mail ignores the width attribute of an embedded (cid:) image (caniemail
    # #171): the sun and the moon show as wide as their files. It reads color-scheme on the
    # root element only, and the :root rule is on it: kept, and not listed.
    assert [(each.feature, each.effect) for each in support.items] == [("html-width", "decoration")]
    assert b"color-scheme: light dark" in client_view(
        (EMAILS / "dark-mode-swap.html").read_bytes(), APPLE_MAIL
    )


def test_font_size_100_percent_is_the_inherited_size_where_percentages_are_dropped() -> None:
    report = report_on("dark-mode-swap.html")
    samsung = next(client for client in MAJOR_CLIENTS if client.short == "Samsung Email")
    found = item(report, samsung, "css-font-size")
    assert found is not None and found.effect == "none"
    assert not [message for message in messages(report, "warning") if "font-size" in message]


# Expected before running (blocks-starter-modern-excerpt.html, div-based, styles in a block):
# Outlook for Windows loses the background image (no VML here), rounded corners, widths on
# divs: decoration; its Outlook-only notice is no stand-in for the layout. Gmail loses
# :last-child margins (decoration). Yahoo and Gmail drop the dark-mode query (fallback).


def test_an_outlook_only_notice_beside_an_element_is_not_its_twin() -> None:
    # (.main's box-sizing was judged here too: with no padding or border it changes nothing,
    # see test_a_dropped_box_sizing_without_padding_or_border_is_no_warning in tests/test_clients.py.)
    report = report_on("blocks-starter-modern-excerpt.html")
    found = item(report, OUTLOOK_WINDOWS, "css-max-width")
    assert found is not None and found.effect == "decoration", found
    assert "Outlook-only" not in found.why


def test_height_auto_is_no_image_size_and_no_loss() -> None:
    # height="auto" on the <img> sizes nothing; its width="600" sizes it where Outlook drops
    # img.fill's width:100% (round 8: one attribute for one side, the other in proportion).
    report = report_on("blocks-starter-modern-excerpt.html")
    # Outlook reads img.fill whole (a compound that starts with a type); the chain it cuts,
    # .column.alt, is in a media query it ignores anyway.
    chaining = item(report, OUTLOOK_WINDOWS, "css-selector-chaining")
    assert chaining is not None and chaining.effect == "fallback"
    assert "media query" in chaining.why
    height = item(report, YAHOO, "css-height")
    assert height is not None
    assert not [m for m in messages(report, "warning") if "height:auto" in m]


@pytest.mark.parametrize("client", [GMAIL, YAHOO])
def test_the_div_template_loses_no_content_in_gmail_or_yahoo(client: Client) -> None:
    report = report_on("blocks-starter-modern-excerpt.html")
    support = next(each for each in report.clients if each.client == client)
    assert [each.feature for each in support.items if each.effect == "content"] == []
    prefers = item(report, client, "css-at-media-prefers-color-scheme")
    assert prefers is not None and prefers.effect == "fallback"
    assert not any(client.short in m for m in messages(report, "error"))


# Expected before running (mjml-austin.html, MJML's austin template with a shadowed wrapper,
# social icons, a list and a hidden preview text): no client loses content; Gmail web and
# Yahoo lose the wrapper's box-shadow (decoration), and Outlook for Windows too: MJML's
# ghost table sizes the wrapper there but draws no shadow; Yahoo writes height as min-height.


def test_mjml_austin_loses_no_content_in_any_client() -> None:
    report = report_on("mjml-austin.html")
    assert messages(report, "error") == []
    for client in (GMAIL, YAHOO, OUTLOOK_WINDOWS):
        shadow = item(report, client, "css-box-shadow")
        assert shadow is not None and shadow.effect == "decoration", client


def test_a_ghost_table_stands_in_for_widths_but_not_for_a_shadow() -> None:
    report = report_on("mjml-austin.html")
    shadow = item(report, OUTLOOK_WINDOWS, "css-box-shadow")
    assert shadow is not None and "Outlook-only" not in shadow.why
    spacing = item(report, OUTLOOK_WINDOWS, "css-border-spacing")
    assert spacing is not None and spacing.effect == "none" and "initial value" in spacing.why


def test_yahoo_writes_height_as_min_height() -> None:
    report = report_on("mjml-austin.html")
    height = item(report, YAHOO, "css-height")
    assert height is not None and height.status == "n" and height.effect == "none"
    assert {place.label for place in height.places} == {"height:auto", "height:30px"}
    assert not [m for m in messages(report, "warning") if m.startswith("height:")]


# --- caniemail's own test emails (sent to real inboxes to make its data) -------------------
# Expected before running: each client drops what the email tests as caniemail says it
# does; what stands in is a fallback (the <img> in a <picture>, the base rule outside an
# @supports), a flex row Outlook or Yahoo does not lay out collapses (an error, as flex
# always is here), and Gmail's custom property declarations go while var() stays.


@pytest.mark.parametrize("client", [GMAIL, OUTLOOK_WINDOWS, OUTLOOK_COM, YAHOO])
def test_a_picture_a_client_drops_falls_back_to_its_img(client: Client) -> None:
    report = report_on("caniemail-html-picture.html")
    for feature in ("html-picture", "html-srcset"):
        found = item(report, client, feature)
        assert found is not None and found.status == "n" and found.effect == "fallback", (feature, found)
    assert messages(report, "error") == []
    view = client_view((EMAILS / "caniemail-html-picture.html").read_bytes(), client)
    assert b"text=Default" in view


def test_gmail_drops_custom_property_declarations_but_keeps_var() -> None:
    path = EMAILS / "caniemail-css-variables.html"
    report = report_on(path.name)
    found = item(report, GMAIL, "css-variables")
    assert found is not None and found.status == "n" and found.effect == "decoration"
    assert found.why == "var(--test1) finds no value: background falls back to its default"
    view = client_view(path.read_bytes(), GMAIL).decode()
    assert "background:var(--test1)" in view and "--test1:green" not in view
    # Outlook and Yahoo read no var() at all: the declaration before it stands in.
    yahoo = client_view(path.read_bytes(), YAHOO).decode()
    assert "var(" not in yahoo and "background:red" in yahoo


@pytest.mark.parametrize(
    ("client", "declaration"), [(OUTLOOK_WINDOWS, "display:flex"), (YAHOO, "display:inline-flex")]
)
def test_a_flex_row_collapses_where_the_client_drops_its_display(client: Client, declaration: str) -> None:
    report = report_on("caniemail-css-flexbox.html")
    errors = [message for message in messages(report, "error") if message.startswith(declaration + " (")]
    assert len(errors) == 1 and client.short in errors[0] and "the layout collapses" in errors[0]
    assert not any(GMAIL.short in message for message in messages(report, "error"))


def test_supports_blocks_fall_back_where_dropped_and_yahoo_keeps_them() -> None:
    report = report_on("caniemail-css-at-supports.html")
    for client in (GMAIL, OUTLOOK_COM, OUTLOOK_WINDOWS):
        found = item(report, client, "css-at-supports")
        assert found is not None and found.status == "n" and found.effect == "fallback"
        assert found.uses == 5
    assert item(report, YAHOO, "css-at-supports") is None
    # Yahoo's @media keeps only screen and width or height queries: -webkit-transform-3d goes.
    media = item(report, YAHOO, "css-at-media")
    assert media is not None and media.effect == "fallback"
    assert messages(report, "error") == []


def test_gmail_strips_each_style_block_with_an_important_not_in_lowercase() -> None:
    # caniemail's !important test: five blocks, .test2 to .test4 in upper or mixed case.
    path = EMAILS / "caniemail-css-important.html"
    view = client_view(path.read_bytes(), GMAIL).decode()
    kept = set(re.findall(r"\.(test\d) \{", view))
    assert kept == {"test1", "test5"}
    found = item(report_on(path.name), GMAIL, "css-important")
    assert found is not None and found.places[0].label == "background:green !IMPORTANT"


def test_outlook_drops_important_without_a_space_and_inline() -> None:
    path = EMAILS / "caniemail-css-important.html"
    view = client_view(path.read_bytes(), OUTLOOK_WINDOWS).decode()
    assert rule_in(view.encode(), ".test5") == "" and "background:green" in rule_in(view.encode(), ".test2")
    assert 'style="background:red"' in view  # the inline !important declarations are gone


def test_media_queries_each_client_keeps() -> None:
    # caniemail's @media test: Gmail drops height-based queries, Outlook.com nested ones,
    # Yahoo all but screen and width or height queries.
    raw = (EMAILS / "caniemail-css-media.html").read_bytes()
    expected = {
        GMAIL: {"min-height", "min-height-nested", "max-height", "max-height-nested"},
        OUTLOOK_COM: {"min-width-nested", "min-height-nested", "max-width-nested", "max-height-nested",
                      "min-width-max-width-nested", "webkit-device-pixel-ratio-nested"},
        YAHOO: {"max-device-width", "min-device-width", "webkit-device-pixel-ratio",
                "webkit-device-pixel-ratio-nested", "landscape", "portrait"},
    }  # fmt: skip
    every = set(re.findall(r'class="([a-z-]+)"', raw.decode())) - {"body"}
    for client, dropped in expected.items():
        kept = set(re.findall(r"\.([a-z-]+) \{", client_view(raw, client).decode()))
        assert dropped <= every - kept, client
        assert {"screen", "min-width", "max-width", "min-width-max-width"} <= kept, client
    report = client_report(raw)
    assert messages(report, "error") == []


def test_web_fonts_fall_back_where_dropped_and_outlook_ignores_distant_fonts() -> None:
    report = report_on("caniemail-css-font-face.html")
    for client in (GMAIL, OUTLOOK_COM, YAHOO):
        link = item(report, client, "html-link")
        assert link is not None and link.effect == "fallback" and "stylesheet it links" in link.why
    face = item(report, OUTLOOK_WINDOWS, "css-at-font-face")
    assert face is not None and face.status == "a" and face.effect == "fallback"
    assert not [m for m in messages(report, "warning") if "<link>" in m or "@font-face" in m]


def test_an_important_finding_names_the_line_it_is_written_on_as_written() -> None:
    path = EMAILS / "caniemail-css-important.html"
    report = client_report(path.read_bytes(), EmailSources.read(path, None))
    lines = {finding.message.split(" (")[0]: finding.line for finding in report.findings}
    assert lines["background:green !IMPORTANT"] == line_of(path, ".test2 {")
    assert lines["background:green!important"] == line_of(path, ".test5 {")


def test_grid_columns_collapse_where_dropped_but_row_sizes_alone_do_not() -> None:
    report = report_on("caniemail-css-grid-properties.html")
    found = item(report, GMAIL, "css-grid-template")
    assert found is not None and found.effect == "content"
    assert found.places[0].label.startswith("grid-template-columns")
    rows = client_report(
        b'<!DOCTYPE html><html><body><div style="display:grid; grid-template-rows:50px 100px">'
        b"<div>A</div><div>B</div></div></body></html>"
    )
    only_rows = item(rows, GMAIL, "css-grid-template")
    assert only_rows is not None and only_rows.effect == "decoration"


# --- the real emails, with what was expected before the report ran --------------------------------

# mailgun-billing.html (inlined, box-sizing:border-box on every element, padding:0 on most):
# Outlook for Windows and Yahoo drop box-sizing; it matters on div.content (max-width 600px,
# padding 20px), table.main (width="100%", 1px border) and div.footer (width 100%, padding
# 20px): a warning that says the box grows. The <h1>'s font-weight:500 shows normal in Outlook.
# Found: the box-sizing warning was right but blamed the <html> element (padding 0, no size);
# font-weight:500 was "partial", kept.


# Round 10: table.main is no loss (HTML's rendering rules make a table border-box anyway), and
# Outlook drops the divs' max-width and width themselves, so there box-sizing changes nothing.


def test_mailgun_billing_box_sizing_is_blamed_where_it_matters() -> None:
    report = report_on("mailgun-billing.html")
    found = item(report, YAHOO, "css-box-sizing")
    assert found is not None and found.effect == "decoration"
    assert found.why == "the box grows by its padding and border past the size set"
    outlook = item(report, OUTLOOK, "css-box-sizing")
    assert outlook is not None and outlook.effect == "none"
    weight = item(report, OUTLOOK, "css-font-weight")
    assert (
        weight is not None and weight.effect == "decoration" and weight.places[0].label == "font-weight:500"
    )


# postmark-welcome.html: its .button has borders and box-sizing, but a width only in a query for
# screens under 500px: on Outlook's and Yahoo's desktop panes box-sizing changes nothing. Its
# button borders (10px and 18px) are wider than Outlook draws. Found: a box-sizing warning.


def test_postmark_box_sizing_is_no_warning_and_its_wide_border_is() -> None:
    report = report_on("postmark-welcome.html")
    for client in (OUTLOOK, YAHOO):
        found = item(report, client, "css-box-sizing")
        assert found is not None and found.effect == "none", client
    assert not [message for message in messages(report, "warning") if "box-sizing" in message]
    border = item(report, OUTLOOK, "css-border")
    assert border is not None and "8px" in border.why


# mailchimp-boxed-basic-query.html (CC BY-SA): `@media only screen and (max-width: 480px)`
# hides #templatePreheader on phones. The phone apps keep the query: the preheader is hidden
# there, so what they drop on its links costs nothing there; on desktops it shows. Outlook
# reads no @media: the base styles stand in (fallback). Gmail drops :link and :visited rules.
# Found: the phone apps were warned about the hidden preheader's link colours.


def test_mailchimp_preheader_hidden_on_phones_costs_nothing_there() -> None:
    raw = (EMAILS / "mailchimp-boxed-basic-query.html").read_bytes()
    report = client_report(raw)
    preheader_visited = next(
        message
        for message in messages(report, "warning")
        if message.startswith(".preheaderContent a:link") and "(:visited)" in message
    )
    assert "by Gmail web, Outlook Windows, Apple Mail:" in preheader_visited
    assert "Apple Mail iOS" not in preheader_visited and "Gmail iOS" not in preheader_visited
    media = item(report, OUTLOOK, "css-at-media")
    assert media is not None and media.effect == "fallback"
    assert not messages(report, "error")


# konsav-general-excerpt.html: rounded corners only `@media all and (min-width: 560px)` (off on
# phones); the hero <img width="560"> with width:100% and max-width:560px; body min-width:100%;
# a font-weight:300 subheader; a button cell with border-radius. Expected: Outlook loses the
# corners (fallback for the query, decoration for the button's), draws 300 as normal, sizes the
# hero by its width attribute (fallback); body's min-width changes nothing. Phones lose nothing
# of the corner query. The preheader stays hidden everywhere. Found: the hero's max-width and
# body's min-width were warnings.


def test_konsav_hero_and_body_widths_are_no_warnings() -> None:
    report = report_on("konsav-general-excerpt.html")
    hero = item(report, OUTLOOK, "css-max-width")
    assert hero is not None and hero.effect == "fallback"
    warnings = messages(report, "warning")
    assert not [
        message for message in warnings if "min-width:100%" in message or "max-width:560px" in message
    ]
    assert [message for message in warnings if "font-weight:300" in message]
    assert not messages(report, "error")
    for phone in ("Gmail iOS", "Apple Mail iOS", "Samsung Email"):
        assert item(report, CLIENTS[phone], "css-border-radius") is None


# mjml-recast.html (MJML, default mjml-python options): ghost tables for Outlook, Roboto from
# Google Fonts, font-weight 300 text, two 2px dividers. Expected: Gmail, Outlook.com, Yahoo drop
# the font import (fallback); Outlook draws 300 as normal (warning); the dividers' border-top on
# <p> (unreliable in Outlook) is repeated by MJML's Outlook-only table (fallback); MJML's
# min-width:480px column query is off on phones. Found: the divider was a warning.


def test_mjml_recast_divider_is_drawn_by_its_outlook_table() -> None:
    report = report_on("mjml-recast.html")
    border = item(report, OUTLOOK, "css-border")
    assert border is not None and border.effect == "fallback"
    weight = item(report, OUTLOOK, "css-font-weight")
    assert weight is not None and weight.effect == "decoration"
    fonts = item(report, GMAIL, "css-at-import")
    assert fonts is not None and fonts.effect == "fallback"
    assert not messages(report, "error")


# mjml-reset-password.html: a box-shadow in rgb()'s space syntax in mj-style, an mj-button,
# a long reset URL. Expected: Gmail strips that whole <style> block (the note on the space
# syntax): only the shadow is lost (warning); Outlook drops the link's padding, which the
# button's cell repeats as mso-padding-alt (fallback); Yahoo drops word-break and the URL is
# longer than a line (warning). Found: the button's padding was a warning.


def test_mjml_reset_password_button_padding_and_long_url() -> None:
    report = report_on("mjml-reset-password.html")
    padding = item(report, OUTLOOK, "css-padding")
    assert padding is not None and padding.effect == "fallback"
    rgb = item(report, GMAIL, "css-rgb")
    assert rgb is not None and rgb.effect == "decoration" and "whole <style> block" in rgb.why
    word_break = item(report, YAHOO, "css-word-break")
    assert word_break is not None and word_break.effect == "decoration"


# cerberus-hybrid-excerpt.html: Yahoo's note says transition's `all` keyword is not read.
def test_cerberus_transition_all_is_lost_in_yahoo() -> None:
    found = item(report_on("cerberus-hybrid-excerpt.html"), YAHOO, "css-transition")
    assert found is not None and found.status == "a" and found.effect == "decoration"


# antwort-two-cols-simple.html: two 264px tables side by side, an Outlook-only ghost table
# around them, `table[class="force-row"]` rules in a phone query, div rules drawn with a
# border-bottom, <code> with padding, font-weight 600 titles. Expected: the Gmail apps read
# only [attr~=value] selectors, so on phones the columns keep their desktop widths: the
# layout for wider screens stands in, scaled (fallback, not a warning); on Gmail's desktop pane
# that query is off (nothing). Outlook: ghost table (fallback), the div borders unreliable,
# 600 drawn bold, padding on <code> lost (warnings). Found: the Gmail apps' drop was a warning.
# Since round 19, 600 drawn bold is no warning: the titles are in Helvetica (then Arial), which has
# no face between its regular and bold, so a browser draws 600 bold too (CSS Fonts 4, 5.2).


def test_antwort_phone_query_rule_gmail_drops_is_a_fallback() -> None:
    report = report_on("antwort-two-cols-simple.html")
    for phone in ("Gmail iOS", "Gmail Android"):
        found = item(report, CLIENTS[phone], "css-selector-attribute")
        assert found is not None and found.effect == "fallback", phone
        assert "layout for other sizes stands in" in found.why
    desktop = item(report, GMAIL, "css-selector-attribute")
    assert desktop is not None and desktop.effect == "none"
    warnings = messages(report, "warning")
    assert not [message for message in warnings if "force-row" in message]
    assert not [message for message in warnings if "font-weight:600" in message]
    assert not messages(report, "error")


# sendgrid-news-feed.html (SendGrid's newsletter, a Handlebars template as published): a hidden
# preheader table (display:none, mso-hide:all), two 290px column tables with an Outlook-only
# ghost table, images with width:100% and max-width:100% !important and width="600" or
# width="292.5", a phone query stacking the columns, invalid `height: 30px, width: 30px` and
# empty `font-family:;` declarations. Expected: no errors anywhere (the preheader stays hidden,
# Outlook included); Outlook sizes the images by their width attributes (fallback); the button's
# link padding and the corner radii are lost there (warnings); the empty and invalid
# declarations cost nothing and break nothing. Found: width="292.5" was not read as a size.


def test_sendgrid_news_feed_images_are_sized_by_their_attributes_in_outlook() -> None:
    report = report_on("sendgrid-news-feed.html")
    assert not messages(report, "error")
    for feature in ("css-width", "css-max-width"):
        found = item(report, OUTLOOK, feature)
        assert found is not None and found.effect == "fallback", feature
    # The !important goes with the max-width Outlook drops on an <img> anyway.
    important = item(report, OUTLOOK, "css-important")
    assert important is not None and important.effect == "none"
    radius = item(report, OUTLOOK, "css-border-radius")
    assert radius is not None and radius.effect == "decoration"


# sendwithus-skyline-ping.html (MIT): @import of Lato; a <style media="only screen and
# (max-width: 480px)"> holding table[class="w320"] rules; a cell with a background image and a
# VML <v:rect> for Outlook (naming another copy of the image); a VML roundrect button beside a
# link hidden from Outlook; an empty `table { background: }`; body { width; height } and
# display:block, zero margins on <body>. Expected: no error; the Gmail apps drop the phone rules
# (fallback), Gmail web and Outlook.com lose nothing there (query off on a desktop); Outlook
# reads no @media (fallback) and draws the cell's background with its VML (fallback); the fonts
# import is a fallback; Apple Mail loses nothing. Found: Outlook's background, background-position
# and background attribute were warnings (the VML names another file than the cell), as were
# display:block and width:100% on <body> and Outlook for macOS's replaced <body> (zero margins,
# white background). Kept as warnings, not expected: Outlook for Windows drops margin:0 and
# height:100% on <body> (a table inside asks for height="100%").


def test_skyline_background_is_drawn_by_its_vml_and_its_body_costs_nothing() -> None:
    report = report_on("sendwithus-skyline-ping.html")
    for feature in ("css-background", "css-background-position", "html-background"):
        found = item(report, OUTLOOK, feature)
        assert found is not None and found.effect == "fallback" and "VML" in found.why, feature
    for feature in ("css-display", "css-width"):
        found = item(report, OUTLOOK, feature)
        assert found is not None and found.effect == "none", feature
    body = item(report, OUTLOOK_MAC, "html-body")
    assert body is not None and body.effect == "none"
    for phone in ("Gmail iOS", "Gmail Android"):
        found = item(report, CLIENTS[phone], "css-selector-attribute")
        assert found is not None and found.effect == "fallback", phone
    for desktop in (GMAIL, OUTLOOK_COM):
        found = item(report, desktop, "css-selector-attribute")
        assert found is not None and found.effect == "none", desktop
    assert not messages(report, "error")
    assert set(messages(report, "warning")) == {
        message
        for message in messages(report, "warning")
        if "margin:0" in message or "height:100%" in message
    }


# sendwithus-neopolitan-confirm.html (MIT): the same family's confirmation email: tables sized by
# .force-full-width classes, td[class="mobile-block"] in a phone query, a VML roundrect written
# around the <a> button (border-radius, inline-block, width), images without sizes under
# img { max-width:600px }. Expected: no error; the Gmail apps drop the phone rules (fallback);
# Outlook reads no @media (fallback), draws the button with its VML (fallback), and the
# max-width on the three unsized social icons is a warning. Found: the button's border-radius
# and display were warnings (no VML shape around an element was read).


def test_neopolitan_button_is_drawn_by_its_vml_roundrect() -> None:
    report = report_on("sendwithus-neopolitan-confirm.html")
    radius = item(report, OUTLOOK, "css-border-radius")
    assert radius is not None and radius.effect == "fallback" and "VML shape" in radius.why
    display = item(report, OUTLOOK, "css-display")  # the link's inline-block, a phone rule's block
    assert display is not None and display.effect == "fallback"
    width = item(report, OUTLOOK, "css-max-width")
    assert width is not None and width.effect == "decoration"
    media = item(report, OUTLOOK, "css-at-media")
    assert media is not None and media.effect == "fallback"
    for phone in ("Gmail iOS", "Gmail Android"):
        found = item(report, CLIENTS[phone], "css-selector-attribute")
        assert found is not None and found.effect == "fallback", phone
    assert not messages(report, "error")


# --- round 10: seven more real emails, expected before the report ran ---------------------------
# caniemail-css-media-prefers-color-scheme: Gmail, Yahoo and Outlook for Windows drop the dark
# query (the light design stands in) and the <picture> (its <img> stands in); Outlook for
# Windows loses the empty box's size and the div's max-width (styling). No content lost.
# caniemail-css-color-scheme: Apple Mail reads color-scheme on the root element only, so the
# body's and the light part's are ignored there (styling); elsewhere it is a hint. Found: Apple
# Mail kept them all (its note sits under a "supported" result), and Outlook for macOS's
# replaced <body> was a warning though the only style it carried is one it drops anyway.
# caniemail-css-function-light-dark: light-dark() is dropped outside Apple Mail and Samsung:
# the paragraphs take their parent's red (styling). As expected.
# caniemail-css-gradients: Outlook for Windows shows no gradient and no div size, Yahoo no
# layered background (styling); Gmail for Android drops a gradient written inline in
# background-image, but the background shorthand after it in the same attribute carries it.
# Found: that note was not read.
# mailgun-action: Gmail drops cursor:pointer; Outlook drops inline !important, the div's
# padding, corners, and draws the 10px/20px button border at 8px. Found besides: the pointer is
# what a link shows anyway; clear:both clears nothing where nothing floats; box-sizing on a
# <table> is its browser default; a warning on each was wrong.
# postmark-plain-password-reset: as postmark-welcome; dark mode falls back to light in Gmail,
# Yahoo and Outlook for Windows. Found besides: Outlook for macOS's replaced <body> lost its
# text colour and font, which every text below sets for itself.
# cerberus-fluid: as cerberus-hybrid (hover, corners, the iPhone query in Yahoo). As expected.

ROUND_10 = [
    "caniemail-css-media-prefers-color-scheme.html",
    "caniemail-css-color-scheme.html",
    "caniemail-css-function-light-dark.html",
    "caniemail-css-gradients.html",
    "mailgun-action.html",
    "postmark-plain-password-reset.html",
    "cerberus-fluid.html",
]
APPLE_MAIL_IOS = next(client for client in MAJOR_CLIENTS if client.short == "Apple Mail iOS")
GMAIL_ANDROID = next(client for client in MAJOR_CLIENTS if client.short == "Gmail Android")


@pytest.mark.parametrize("name", ROUND_10)
def test_round_10_emails_lose_no_content_in_any_client(name: str) -> None:
    report = report_on(name)
    assert messages(report, "error") == []
    assert [each.client for each in report.clients] == list(MAJOR_CLIENTS)


@pytest.mark.parametrize("client", [APPLE_MAIL, APPLE_MAIL_IOS])
def test_apple_mail_reads_color_scheme_on_the_root_element_only(client: Client) -> None:
    # caniemail's css-color-scheme: "Works only the html/root element" (Apple Mail, macOS and iOS).
    raw = (EMAILS / "caniemail-css-color-scheme.html").read_bytes()
    found = item(client_report(raw), client, "css-color-scheme")
    assert found is not None and found.status == "a" and found.effect == "decoration"
    assert "root element only" in found.why
    assert {place.label for place in found.places} == {"color-scheme:only light", "color-scheme:only dark"}
    view = client_view(raw, client).decode()
    assert '<html lang="en" dir="ltr" style="color-scheme: only dark;">' in view
    assert "only light" not in view and "<body>" in view
    # Where the client reads no color-scheme at all, it stays a hint.
    gmail = item(client_report(raw), GMAIL, "css-color-scheme")
    assert gmail is not None and gmail.effect == "none"


def test_a_replaced_body_loses_nothing_the_client_drops_anyway() -> None:
    # The body's only style is color-scheme, which Outlook for macOS does not read anywhere.
    report = report_on("caniemail-css-color-scheme.html")
    body = item(report, OUTLOOK_MAC, "html-body")
    assert body is not None and body.effect == "none"
    assert not [message for message in messages(report, "warning") if message.startswith("<body>")]


def test_a_replaced_body_loses_no_text_style_every_text_below_sets() -> None:
    # Postmark's body sets color and font-family; every paragraph, heading and link sets its own.
    body = item(report_on("postmark-plain-password-reset.html"), OUTLOOK_MAC, "html-body")
    assert body is not None and body.effect == "none"
    # Mailgun's body sets line-height:1.6, which no cell below repeats: lost there.
    lost = item(report_on("mailgun-action.html"), OUTLOOK_MAC, "html-body")
    assert lost is not None and lost.effect == "decoration"


def test_gmail_android_drops_a_gradient_written_inline_in_background_image() -> None:
    # caniemail: "Does not work inline in the `background-image` property" (email-bugs#135).
    raw = (EMAILS / "caniemail-css-gradients.html").read_bytes()
    found = item(client_report(raw), GMAIL_ANDROID, "css-linear-gradient")
    assert found is not None and found.status == "a"
    assert (found.effect, found.why) == (
        "none",
        "a later declaration of the same style attribute sets it anyway",
    )
    view = client_view(raw, GMAIL_ANDROID).decode()
    assert (
        '<div class="test1" style="width:480px; height:160px; max-width:100%; '
        'background:linear-gradient(#e66465, #9198e5)">' in view
    )
    # Gmail's other apps keep it.
    assert item(client_report(raw), GMAIL, "css-linear-gradient") is None


def test_mailguns_button_loses_only_what_shows() -> None:
    report = report_on("mailgun-action.html")
    pointer = item(report, GMAIL, "css-cursor")
    assert pointer is not None and (pointer.effect, pointer.why) == (
        "none",
        "a link shows the pointer anyway",
    )
    clear = item(report, OUTLOOK_WINDOWS, "css-clear")
    assert clear is not None and clear.effect == "none" and "nothing in the email floats" in clear.why
    sizing = item(report, OUTLOOK_WINDOWS, "css-box-sizing")
    assert sizing is not None and sizing.effect == "none"
    border = item(report, OUTLOOK_WINDOWS, "css-border")
    assert border is not None and border.effect == "decoration" and "8px" in border.why
    warned = messages(report, "warning")
    assert not [m for m in warned if m.startswith(("cursor:", "clear:"))]
    assert [m for m in warned if m.startswith("box-sizing:")] == [
        m for m in warned if "by Yahoo: the box grows" in m
    ]


# --- round 11: caniemail's test emails for gap, :has, nesting, line-height, position, AMP, <style> ---


def test_caniemails_line_height_email_warns_for_outlook_where_exactly_is_missing() -> None:
    report = report_on("caniemail-css-line-height.html")
    found = item(report, OUTLOOK_WINDOWS, "css-line-height")
    assert found is not None and found.effect == "decoration" and "mso-line-height-rule:exactly" in found.why
    view = client_view((EMAILS / "caniemail-css-line-height.html").read_bytes(), OUTLOOK_WINDOWS).decode()
    # The rows that write mso-line-height-rule:exactly keep their line-height; unitless ones too.
    paragraphs = re.findall(r'<p style="([^"]*)"', view)
    assert [style for style in paragraphs if "line-height" not in style] == [
        "font-size:16px; background:green",  # line-height:3em
        "font-size:16px; background:green",  # line-height:48px
        "margin-top:1.6em; font:20px serif;",
    ]


def test_caniemails_gap_email_keeps_only_the_flex_row_gap_in_gmail() -> None:
    report = report_on("caniemail-css-gap.html")
    gap = item(report, GMAIL, "css-gap")
    assert gap is not None and gap.status == "a" and gap.effect == "decoration"
    assert "column gap of a flex row" in gap.why
    # Outlook for Windows and Yahoo keep no gap: their why is caniemail's plain "not supported".
    yahoo = item(report, YAHOO, "css-gap")
    assert yahoo is not None and yahoo.status == "n" and yahoo.why == "styling is lost"
    assert item(report, APPLE_MAIL, "css-gap") is None


def test_caniemails_style_email_outlook_loses_the_style_after_its_content() -> None:
    report = report_on("caniemail-html-style.html")
    found = item(report, OUTLOOK_WINDOWS, "html-style")
    assert found is not None and found.effect == "decoration"
    assert found.why.startswith("the client reads a <style> only for what follows it")
    view = client_view((EMAILS / "caniemail-html-style.html").read_bytes(), OUTLOOK_WINDOWS).decode()
    assert ".test3" in view and ".test4" not in view
    assert item(report, APPLE_MAIL, "html-style") is None


def test_caniemails_has_email_loses_the_has_rules_where_has_is_unsupported() -> None:
    report = report_on("caniemail-css-has.html")
    for client in (GMAIL, OUTLOOK_COM, OUTLOOK_WINDOWS, YAHOO):
        found = item(report, client, "css-pseudo-class-has")
        assert found is not None and found.effect == "decoration", client
    assert item(report, APPLE_MAIL, "css-pseudo-class-has") is None
    assert not messages(report, "error")


def test_an_amp_emails_boilerplate_hides_its_body_where_visibility_is_read() -> None:
    # <style amp4email-boilerplate>body{visibility:hidden}</style>: AMP's runtime shows the body;
    # as HTML the text stays hidden, and shows where the client drops visibility.
    report = report_on("caniemail-amp.html")
    found = item(report, OUTLOOK_WINDOWS, "css-visibility")
    assert found is not None and found.effect == "content" and "hidden text shows" in found.why
    assert item(report, APPLE_MAIL, "css-visibility") is None


# --- round 12: eight more real emails, expected before the report ran ---------------------------
# For Outlook for Windows (OW), Gmail web (G), Apple Mail (AM), Yahoo (Y) and Outlook.com (OC),
# from caniemail's data and notes; "nothing" means no warning and no error.
# caniemail-css-modern-color (five divs bordered and filled in lch/oklch/lab/oklab/color()):
#   G: modern colours unsupported, and the note says such a colour in a style attribute removes
#   that whole attribute: each div loses its border, fill, width and height (warnings, the text
#   stays). OW: the colours, and width/height/max-width on <div> (warnings); box-sizing
#   content-box is the initial value (nothing). Y, OC: the colours (warnings). AM: nothing.
# caniemail-css-pseudo-elements (::before/::after with content on classes, ::first-letter,
#   ::first-line, ::placeholder, an <input>): G, OW, Y: the generated ':before'/'::after' text
#   disappears (errors); OC reads pseudo-elements on type selectors only: the class ones go
#   too (errors); ::first-letter/::first-line are styling (warnings in G, OW, OC; Y keeps
#   them); ::placeholder styling (warning). The single-colon :placeholder matches nothing
#   anywhere (nothing). OW turns <input> into <noinput>: the field is lost (an error). AM: nothing.
# caniemail-css-display (spans and divs each given one display value, width, height, green):
#   OW keeps only display:none: every other value, and width/height on span and div, are lost
#   styling (warnings; a flex or grid box holding only text collapses nothing, so no error);
#   the display:none div stays hidden. Y drops flow-root, inline-flex, inline-grid, inline
#   flow, contents, revert (warnings, no error: text only). G, OC, AM: nothing.
# caniemail-css-box-shadow (divs with padding, 60px margins, shadows in every syntax):
#   G, OW, Y: the shadows (warnings). OW also: padding on <div> and its fill drawn over the
#   margins (warnings). AM, OC: nothing. No errors.
# caniemail-css-background-image (three 200px divs, red, a background image in each quoting):
#   OW: no background image (no VML here), no width/height on <div> (warnings). G, Y (single
#   values), OC, AM: nothing. (Samsung Email: the unquoted url() is dropped, a warning.)
# sendwithus-clean-invoice (a style block: client hacks, resets, descendant rules, coloured
#   blocks, img display:block, px line-heights): OW: the px line-heights without
#   mso-line-height-rule:exactly (warnings); body width/height and img display:block cost
#   nothing. G, Y, OC, AM: nothing. No errors.
# sendgrid-special-sale (SendGrid's designer output, Handlebars): an empty hidden preheader,
#   images at width:100% with width="600|300|200", !important inline, buttons with padding
#   and corners on the <a>, .column.of-N chaining, a 480px phone query, Outlook ghost tables,
#   an unsubscribe <div> with padding, invalid `height: 30px, width: 30px` and empty
#   `font-family:;`. OW: the inline !important declarations go: images sized by their width
#   attributes (fallback); the buttons' link padding and corners, the social links' corners,
#   the unsubscribe div's padding (warnings); @media (fallback). G: nothing. Y: nothing
#   (height:0 on the hidden preheader stays hidden). OC: chaining and type.class rules that
#   the inline styles repeat (nothing). AM: nothing. No errors.
# mjml-racoon-excerpt (MJML's navbar with its hamburger menu: a checkbox hidden from Outlook,
#   [type="checkbox"], :checked and ~ rules in a phone query; columns; a button): no client
#   loses content. OW: ghost tables and mso-padding-alt stand in (fallback), the button's
#   corners (warning), no @media (fallback), the web font (fallback). G web and OC: the phone
#   query is off on a desktop pane (nothing), the web font is dropped (fallback). The Gmail
#   apps drop [type="checkbox"] (only [attr~=value] is read): the links stay inline, the
#   desktop menu stands in (fallback). Y, AM: nothing.
ROUND_12 = [
    "caniemail-css-modern-color.html",
    "caniemail-css-pseudo-elements.html",
    "caniemail-css-display.html",
    "caniemail-css-box-shadow.html",
    "caniemail-css-background-image.html",
    "sendwithus-clean-invoice.html",
    "sendgrid-special-sale.html",
    "mjml-racoon-excerpt.html",
]
# Found (blind, 28 of the 40 email-and-client pairs agreed, counting a pair as agreed where the
# report found all that was expected and more only where caniemail's data bears it out; 37
# after this round's changes): flex and grid boxes holding only
# text were errors ("the layout collapses") in Outlook and Yahoo; the words ::before and ::after
# write were styling; a rem or rgb() inside a box-shadow the client drops anyway was a second
# warning; table-layout:fixed on tables of one column or sized columns, and Outlook's row
# padding in em (8px either way), were warnings; a cursor on Apple Mail for iOS was one; a
# `table.wrapper` rule Outlook.com drops was a warning for a width the table's own width="100%"
# gives and for -webkit- properties. Digest found besides what the blind reading missed and is
# kept: Outlook draws no border over 8px and no system-ui font, reads px line-heights its own
# way (the invoice, SendGrid's modules) and `table.wrapper` as `table`. Still not agreed:
# Outlook's display:block on images and margin:0 on <body> (warnings, expected to cost
# nothing), and table-layout:fixed on SendGrid's Outlook-only column tables (markup inside
# conditional comments is not read as elements).


@pytest.mark.parametrize("name", ROUND_12)
def test_round_12_emails_lose_content_only_where_text_or_a_field_goes(name: str) -> None:
    report = report_on(name)
    errors = messages(report, "error")
    if name == "caniemail-css-pseudo-elements.html":
        assert sorted(message.split(" (")[0] for message in errors) == [
            ".test-after:after",
            ".test-before:before",
            "<input>",
        ]
    else:
        assert errors == [], errors


@pytest.mark.parametrize(
    ("client", "declaration"), [(OUTLOOK_WINDOWS, "display:flex"), (YAHOO, "display:inline-flex")]
)
def test_caniemails_display_email_loses_styling_where_a_box_holds_only_text(
    client: Client, declaration: str
) -> None:
    report = report_on("caniemail-css-display.html")
    found = item(report, client, "css-display-flex")
    assert found is not None and found.effect == "decoration", found
    assert [m for m in messages(report, "warning") if m.startswith(declaration + " (") and client.short in m]


def test_caniemails_pseudo_element_email_loses_the_generated_words_where_dropped() -> None:
    report = report_on("caniemail-css-pseudo-elements.html")
    for client in (GMAIL, OUTLOOK_WINDOWS, OUTLOOK_COM, YAHOO):
        before = item(report, client, "css-pseudo-element-before")
        assert before is not None and before.effect == "content", client
        assert before.why.startswith("generated text disappears")
    assert item(report, YAHOO, "css-pseudo-element-first-letter") is None  # Yahoo keeps it
    letter = item(report, GMAIL, "css-pseudo-element-first-letter")
    assert letter is not None and letter.effect == "decoration"
    # Its table's two cells are 25% and 75% wide, padded 0.5em of 16px and 0.4em of 20px.
    layout = item(report, OUTLOOK_WINDOWS, "css-table-layout")
    assert layout is not None and layout.effect == "none"
    padding = item(report, OUTLOOK_WINDOWS, "css-padding")
    assert padding is not None and "biggest vertical padding" not in padding.why


def test_caniemails_box_shadow_email_warns_once_per_client_for_the_shadow() -> None:
    report = report_on("caniemail-css-box-shadow.html")
    for client in (GMAIL, OUTLOOK_WINDOWS, YAHOO):
        shadow = item(report, client, "css-box-shadow")
        assert shadow is not None and shadow.effect == "decoration", client
    for client, feature in (
        (YAHOO, "css-unit-rem"),
        (OUTLOOK_WINDOWS, "css-unit-rem"),
        (OUTLOOK_WINDOWS, "css-rgb"),
    ):
        found = item(report, client, feature)
        assert found is not None and found.effect == "none" and "drops box-shadow anyway" in found.why
    assert (
        item(report, APPLE_MAIL, "css-box-shadow") is None
        and item(report, OUTLOOK_COM, "css-box-shadow") is None
    )


def test_gmail_strips_the_style_attribute_of_each_modern_colour_box() -> None:
    report = report_on("caniemail-css-modern-color.html")
    found = item(report, GMAIL, "css-modern-color")
    assert found is not None and found.effect == "decoration"
    assert found.why.startswith("the client strips the element's whole style attribute")
    view = client_view((EMAILS / "caniemail-css-modern-color.html").read_bytes(), GMAIL).decode()
    # caniemail's feature names lch(), oklch(), lab() and oklab(); its email's color() box stays.
    assert "lch(55%" not in view and "<div>\n        lch\n" in view and "max-width: 600px" in view
    assert "color(display-p3 1 0.5 0)" in view


def test_sendgrid_special_sale_loses_nothing_in_outlook_com_and_its_corners_in_outlook() -> None:
    report = report_on("sendgrid-special-sale.html")
    chaining = item(report, OUTLOOK_COM, "css-selector-chaining")
    assert chaining is not None and chaining.effect in ("none", "fallback"), chaining
    support = next(each for each in report.clients if each.client == OUTLOOK_COM)
    assert [each.feature for each in support.items if each.effect in ("content", "decoration")] == []
    radius = item(report, OUTLOOK_WINDOWS, "css-border-radius")
    assert radius is not None and radius.effect == "decoration"
    assert item(report, GMAIL, "css-border-radius") is None


def test_mjmls_navbar_menu_falls_back_to_its_links_where_the_phone_rules_go() -> None:
    report = report_on("mjml-racoon-excerpt.html")
    for phone in ("Gmail iOS", "Gmail Android"):
        found = item(report, CLIENTS[phone], "css-selector-attribute")
        assert found is not None and found.effect in ("fallback", "none"), phone
    cursor = item(report, CLIENTS["Apple Mail iOS"], "css-cursor")
    assert cursor is None or cursor.effect == "none"
    assert not [m for m in messages(report, "warning") if m.startswith("cursor:")]


# --- round 13: eight more real emails, expected before the report ran ---------------------------
# For each of Outlook for Windows, Gmail web, Apple Mail, Yahoo and Outlook.com: the features
# whose loss a careful reader of caniemail's data and notes expects to cost content (an error)
# or styling (a warning). A pair agrees where the report's sets are exactly these (Samsung,
# Outlook for macOS and the phone apps are not counted).
# caniemail-css-float: an <img style="float:left"> beside a paragraph (its second style attribute
#   is dropped by every HTML parser). OW reads no float: the text goes under the image.
# caniemail-css-object: object-fit and object-position on 200x200 images. OW and Y read neither;
#   OW also keeps no max-width on the wrapper <div>. Row paddings are 8px in both cells.
# caniemail-css-column-layout: columns, column-count, column-gap, column-width, column-fill,
#   column-rule, column-span on <div>s of text; margins in rem. OW and Y lay out no columns and
#   read no rem; Gmail and Outlook.com keep column-gap for flex rows only (caniemail's css-gap),
#   so the multi-column gap goes there. Text only: no content is lost.
# caniemail-css-margin: margins on a <div>, a <span>, an <h1>, <p>s, one negative. Gmail, Yahoo
#   and Outlook.com drop the negative one; OW also the span's, paints each background over its
#   margin, and keeps no width, min-height or max-width on a <div> (the span is inline: its
#   width and min-height apply nowhere).
# caniemail-css-aspect-ratio: four coloured <div>s sized by aspect-ratio only: lost everywhere
#   but Apple Mail; OW also loses the wrapper's max-width.
# caniemail-css-border-radius: corners on a table, a padded <div> and a padded <span>. OW draws
#   no corner and pads no <div> or <span>; Yahoo's note is about the slash syntax, unused here.
# mjml-proof (MJML, compiled by mjml-python): ghost tables, buttons without href (a <p>) with
#   40px corners and their padding repeated as mso-padding-alt. OW loses the corners only.
# sendwithus-go-confirm: attribute selectors ([class*=...]) in a phone-only <style media>, an
#   @import inside @media (ignored by CSS itself), a VML v:rect drawn around each <a> button,
#   inline !important on <body>, unsized images under img { max-width:600px }. OW: the unsized
#   images' max-width (as sendwithus-neopolitan-confirm's); everything else stands in or is
#   invisible (the body's lost margin shows its own white around a white outer table).
EXPECTED_13: dict[str, dict[str, tuple[set[str], set[str]]]] = {
    "caniemail-css-float.html": {"Outlook Windows": (set(), {"css-float"})},
    "caniemail-css-object.html": {
        "Outlook Windows": (set(), {"css-object-fit", "css-object-position", "css-max-width"}),
        "Yahoo": (set(), {"css-object-fit", "css-object-position"}),
    },
    "caniemail-css-column-layout.html": {
        "Outlook Windows": (
            set(),
            {"css-column-count", "css-column-layout-properties", "css-gap", "css-unit-rem", "css-max-width"},
        ),
        "Yahoo": (set(), {"css-column-count", "css-column-layout-properties", "css-gap", "css-unit-rem"}),
        "Gmail web": (set(), {"css-gap"}),
        "Outlook.com": (set(), {"css-gap"}),
    },
    "caniemail-css-margin.html": {
        "Outlook Windows": (set(), {"css-margin", "css-width", "css-min-height", "css-max-width"}),
        "Gmail web": (set(), {"css-margin"}),
        "Yahoo": (set(), {"css-margin"}),
        "Outlook.com": (set(), {"css-margin"}),
    },
    "caniemail-css-aspect-ratio.html": {
        "Outlook Windows": (set(), {"css-aspect-ratio", "css-max-width"}),
        "Gmail web": (set(), {"css-aspect-ratio"}),
        "Yahoo": (set(), {"css-aspect-ratio"}),
        "Outlook.com": (set(), {"css-aspect-ratio"}),
    },
    "caniemail-css-border-radius.html": {"Outlook Windows": (set(), {"css-border-radius", "css-padding"})},
    "mjml-proof.html": {"Outlook Windows": (set(), {"css-border-radius"})},
    "sendwithus-go-confirm.html": {"Outlook Windows": (set(), {"css-max-width"})},
    # Two more, read blind after the first eight's rules (counted apart, see ROUND_13_LATE).
    # caniemail-css-padding: padding on cells, <div>s and <h1>s (all green, white text). OW pads
    #   cells only.
    "caniemail-css-padding.html": {"Outlook Windows": (set(), {"css-padding"})},
    # mjml-basic (MJML, compiled by mjml-python): a 600px section with a background image in the
    #   `background` shorthand written with `/ cover`, and VML for Outlook; white text on it;
    #   buttons with href="#"; Ubuntu from Google Fonts. OW: the VML draws the image (fallback),
    #   the buttons lose their corners. Yahoo does not read the `/ size` shorthand (caniemail's
    #   css-background note): the image, written only there, goes, and the white slogan stands
    #   on white (content). Gmail, Outlook.com: the web font (fallback). Apple Mail: nothing.
    "mjml-basic.html": {
        "Outlook Windows": (set(), {"css-border-radius"}),
        "Yahoo": ({"css-background"}, set()),
    },
}
ROUND_13_LATE = ("caniemail-css-padding.html", "mjml-basic.html")
ROUND_13_CLIENTS = (OUTLOOK_WINDOWS, GMAIL, APPLE_MAIL, YAHOO, OUTLOOK_COM)


def losses(report: ClientReport, client: Client) -> tuple[set[str], set[str]]:
    """The features whose loss costs content, and those whose loss costs styling, in a client."""
    support = next(each for each in report.clients if each.client == client)
    content = {each.feature for each in support.items if each.effect == "content"}
    return content, {each.feature for each in support.items if each.effect == "decoration"}


# Found (blind, 32 of the first eight emails' 40 email-and-client pairs agreed exactly). Where the report was right
# and the reading wrong (kept, below): Outlook for Windows reads no universal selector, so the
# `* { margin:0; padding:0 }` reset is lost there (the last <p> and the <hr> keep their default
# margins); column-gap in a multi-column layout is one of caniemail's "css column properties",
# whose test (2022-08, column-gap beside column-count) Gmail and Outlook.com pass: the css-gap
# note on flex rows is about `gap`; Outlook for Windows paints each aspect-ratio box's
# background over its 40px margin-bottom (css-margin's note), so the four boxes run together.
# Where the reading was right (fixed this round): max-width:100% on a <div> of the flow caps
# nothing; a <body> margin Outlook for Windows does not read shows only the body's background
# where nothing runs to the edges (MJML's and sendwithus's white emails in a white body);
# MJML's inline-block button (a <p> without href) alone in a cell padded for Outlook and
# painted the same is drawn by that cell. The two read later (ROUND_13_LATE): 8 of 10 pairs
# blind; Yahoo's note on a background's size after a slash was not read (now it is, and the
# reading's expected loss of the slogan was wrong: see REVIEWED_13). Still not agreed (3 pairs):
# Outlook's display:block on images (MJML's, sendwithus's), kept as a warning: what an inline
# image costs in Word's engine (the gap under it) is not documented closely enough to call it
# nothing.
REVIEWED_13: dict[str, dict[str, tuple[set[str], set[str]]]] = {
    "caniemail-css-column-layout.html": {
        "Outlook Windows": (
            set(),
            {
                "css-column-count",
                "css-column-layout-properties",
                "css-unit-rem",
                "css-max-width",
                "css-selector-universal",
            },
        ),
        "Yahoo": (set(), {"css-column-count", "css-column-layout-properties", "css-unit-rem"}),
        "Gmail web": (set(), set()),
        "Outlook.com": (set(), set()),
    },
    "caniemail-css-aspect-ratio.html": {
        "Outlook Windows": (set(), {"css-aspect-ratio", "css-max-width", "css-margin"}),
    },
    # The report found nothing (the note was not read) and the reading expected the white
    # slogan to vanish: MJML also writes the image as the section table's background
    # attribute, which Yahoo reads, so the image stays and its `cover` sizing goes (styling).
    "mjml-basic.html": {"Yahoo": (set(), {"css-background"})},
    # Reviewed in round 19, the last pair: sendwithus's image is the last thing of its dark cell,
    # after two <br>s, with more of the email below. Inline (Outlook keeps display:none alone), it
    # sits on a line of the cell's 16px text, whose strut leaves its descent under the image (CSS
    # 2.1 10.8.1): a band of the cell's dark background, and the grey block below moves down by it.
    # Round 17's rule clears an image that ends the email; this one does not. The report is right.
    "sendwithus-go-confirm.html": {"Outlook Windows": (set(), {"css-max-width", "css-display"})},
}
# Pairs that agree with the reviewed expectations: a floor, never to fall below (of 50).
ROUND_13_FLOOR = 50


def expected_13(name: str, client: Client) -> tuple[set[str], set[str]]:
    reviewed = REVIEWED_13.get(name, {})
    if client.short in reviewed:
        return reviewed[client.short]
    return EXPECTED_13[name].get(client.short, (set(), set()))


def test_round_13_emails_agree_with_their_reading_at_least_as_often_as_measured() -> None:
    agreed = [
        (name, client.short)
        for name in EXPECTED_13
        for client in ROUND_13_CLIENTS
        if losses(report_on(name), client) == expected_13(name, client)
    ]
    assert len(agreed) >= ROUND_13_FLOOR, sorted(
        {(name, client.short) for name in EXPECTED_13 for client in ROUND_13_CLIENTS} - set(agreed)
    )


@pytest.mark.parametrize("name", list(EXPECTED_13))
def test_round_13_emails_lose_no_content_in_any_client(name: str) -> None:
    assert messages(report_on(name), "error") == []


def test_caniemails_float_email_loses_only_the_float_in_outlook() -> None:
    report = report_on("caniemail-css-float.html")
    width = item(report, OUTLOOK_WINDOWS, "css-max-width")  # on the wrapper <div>: 100%
    assert width is not None and width.effect == "none"
    warnings = messages(report, "warning")
    assert warnings and all(message.startswith("float:left") for message in warnings), warnings


def test_caniemails_aspect_ratio_boxes_run_together_in_outlook() -> None:
    margin = item(report_on("caniemail-css-aspect-ratio.html"), OUTLOOK_WINDOWS, "css-margin")
    assert margin is not None and margin.effect == "decoration" and "over its margin" in margin.why


@pytest.mark.parametrize("name", ["mjml-proof.html", "sendwithus-go-confirm.html"])
def test_a_white_email_in_a_white_body_loses_nothing_by_outlooks_body_margin(name: str) -> None:
    margin = item(report_on(name), OUTLOOK_WINDOWS, "css-margin")
    assert margin is not None and margin.effect == "fallback"
    assert not [m for m in messages(report_on(name), "warning") if m.startswith("margin:0")]


def test_mjmls_button_without_a_link_is_drawn_by_its_cell_in_outlook() -> None:
    report = report_on("mjml-proof.html")
    support = next(each for each in report.clients if each.client == OUTLOOK_WINDOWS)
    display = next(each for each in support.items if each.feature == "css-display")
    # Neither the buttons' inline-block (the cell draws them) nor, since round 16, the images'
    # display:block (each alone in a cell as wide as it, under MJML's font-size:0px) costs anything.
    assert display.effect == "fallback", display
    radius = item(report, OUTLOOK_WINDOWS, "css-border-radius")
    assert radius is not None and radius.effect == "decoration"


def test_yahoo_keeps_mjmls_background_attribute_but_not_its_slashed_shorthand() -> None:
    raw = (EMAILS / "mjml-basic.html").read_bytes()
    found = item(client_report(raw), YAHOO, "css-background")
    assert found is not None and found.effect == "decoration" and "after a slash" in found.why
    view = client_view(raw, YAHOO).decode()
    assert "/ cover" not in view and 'background="http://1.bp.blogspot.com/' in view
    assert not messages(client_report(raw), "error")


# --- round 14: eight more real emails, expected before the report ran ---------------------------
# As round 13: for Outlook for Windows, Gmail web, Apple Mail, Yahoo and Outlook.com, the features
# whose loss a careful reader of caniemail's data and notes expects to cost content (an error) or
# styling (a warning); a pair agrees where the report's sets are exactly these.
# caniemail-css-border-collapse: two tables of bordered, padded cells, collapsed and separate;
#   an <h1> margin and an <h2> font in a <style>. border-collapse is supported everywhere and
#   every cell of a row is padded alike: nothing anywhere.
# caniemail-css-border-spacing: `table { border-spacing:10px }` and tables with border-spacing 10px
#   and 0, no cellspacing attribute. OW reads no border-spacing: the cells keep the default
#   spacing instead of 10px or 0 (styling). Elsewhere nothing.
# caniemail-css-table-layout: four 3-column tables, auto and fixed, 180px and 100% wide, their
#   columns unsized, one cell's text long. OW reads no table-layout: the fixed tables' equal
#   columns become sized by their content (styling); `auto` is the initial value. Elsewhere nothing.
# caniemail-css-text-decoration: spans underlined in every syntax in caniemail's two-column table
#   inside a max-width:600px <div>. OW: several values in one text-decoration and overline
#   unsupported, no text-decoration-color, -thickness or text-underline-offset, no max-width on
#   the <div> (styling). Gmail, Yahoo, Outlook.com: no text-decoration-thickness or
#   text-underline-offset (styling). Apple Mail: nothing.
# caniemail-css-outline: <div>s outlined in several syntaxes, one with border-radius, in a
#   max-width:600px <div>. OW: no outline and no max-width on the <div> (the corners and rgb()/rgba()
#   of an outline it drops cost nothing more). Elsewhere nothing.
# caniemail-css-direction: red <div>s holding green <p>s 75% wide, in either direction, by CSS and
#   by dir; a table reversed by direction:rtl with cells back to ltr. direction and dir are read
#   everywhere; OW keeps no width on a <p> (the red behind it no longer shows) nor max-width on the
#   wrapper <div> (styling). Elsewhere nothing.
# caniemail-css-list: lists styled by list-style-type (keywords, strings, symbols(), a name from
#   @counter-style, which caniemail does not list), -position, -image (each <li> also given
#   mso-bullet-image) and the list-style shorthand with and without an image. OW: no
#   list-style-position, only the type of list-style (styling), no max-width on the wrapper;
#   list-style-image is drawn by mso-bullet-image (a fallback). Gmail: no list-style-image, and
#   the whole list-style goes where it holds an image; Yahoo: no list-style-image, in the
#   shorthand too (styling). Outlook.com: no list-style-image property (the shorthand keeps it).
#   Apple Mail: nothing.
# cerberus-responsive (Cerberus's responsive template, CRLF line ends): a preheader hidden by
#   display:none and mso-hide, a hover with `transition: all`, attribute selectors matching
#   nothing in the email, table-layout:fixed on tables whose columns are sized or alike, a VML
#   background for Outlook, buttons drawn by a painted cell around a link with a 15px border,
#   px line-heights with `mso-height-rule:exactly` (not caniemail's mso-line-height-rule), a
#   phone query. OW: the 15px border (over 8px), the corners, the px line-heights, the hover
#   (styling); the body margin shows only the same dark background, the VML draws the image, the
#   align attributes centre what margin:auto would. Gmail: the transition (styling). Yahoo: the
#   transition, whose `all` it does not read (styling). Outlook.com: the hover on a class
#   (styling). Apple Mail: nothing. No content is lost anywhere.
EXPECTED_14: dict[str, dict[str, tuple[set[str], set[str]]]] = {
    "caniemail-css-border-collapse.html": {},
    "caniemail-css-border-spacing.html": {"Outlook Windows": (set(), {"css-border-spacing"})},
    "caniemail-css-table-layout.html": {"Outlook Windows": (set(), {"css-table-layout"})},
    "caniemail-css-text-decoration.html": {
        "Outlook Windows": (
            set(),
            {
                "css-text-decoration",
                "css-text-decoration-color",
                "css-text-decoration-thickness",
                "css-text-underline-offset",
                "css-max-width",
            },
        ),
        "Gmail web": (set(), {"css-text-decoration-thickness", "css-text-underline-offset"}),
        "Yahoo": (set(), {"css-text-decoration-thickness", "css-text-underline-offset"}),
        "Outlook.com": (set(), {"css-text-decoration-thickness", "css-text-underline-offset"}),
    },
    "caniemail-css-outline.html": {"Outlook Windows": (set(), {"css-outline", "css-max-width"})},
    "caniemail-css-direction.html": {"Outlook Windows": (set(), {"css-width", "css-max-width"})},
    "caniemail-css-list.html": {
        "Outlook Windows": (set(), {"css-list-style-position", "css-list-style", "css-max-width"}),
        "Gmail web": (set(), {"css-list-style-image", "css-list-style"}),
        "Yahoo": (set(), {"css-list-style-image", "css-list-style"}),
        "Outlook.com": (set(), {"css-list-style-image"}),
    },
    "cerberus-responsive.html": {
        "Outlook Windows": (
            set(),
            {"css-border", "css-border-radius", "css-line-height", "css-pseudo-class-hover"},
        ),
        "Gmail web": (set(), {"css-transition"}),
        "Yahoo": (set(), {"css-transition"}),
        "Outlook.com": (set(), {"css-pseudo-class-hover"}),
    },
}
# Found (blind, 36 of the 40 email-and-client pairs agreed exactly). Wrong in the report, fixed by
# general rules this round: a transition where the client keeps no hover to animate (Outlook for
# Windows reads no :hover, Outlook.com none on a class) was a warning; so was border-radius on
# caniemail's outlined <div>, which draws nothing at its corners once Outlook drops the outline;
# list-style-image where every <li> sets mso-bullet-image, Outlook's stand-in by caniemail's
# note; table-layout:fixed on Cerberus's two columns of the same markup (the automatic layout
# makes them equal too); float:left on Cerberus's button tables, each the last thing in a
# left-to-right cell; margin:0 auto on tables centred by their align attribute, 100% wide or
# floated, and on <html>. Where the report was right and the reading wrong (kept, REVIEWED_14):
# Cerberus's links are display:block inside their painted cells with a 15px border, and an
# inline box's top and bottom borders add nothing to its line's height (CSS 2.1, 10.6.1 and
# 10.8.1), so in Outlook, which keeps the link inline, the button is less tall. After: 39 of 40.
# Not agreed then (Cerberus in Outlook for Windows), agreed since round 15's rules: margin:0 auto
# on the inner tables of its columns, which hold text long enough to fill their cells (a table of
# auto width whose line of text is wider than its container fills it, CSS 2.1 17.5.2.2:
# layouts.fills_its_container), and its Outlook-only `* { font-family: sans-serif }`, which Outlook
# drops (no universal selector) though every text sets sans-serif itself (a rule for Outlook alone
# setting inherited text styles costs nothing where every text is given the same by its own
# element or the nearest around it). Now 40 of 40.
REVIEWED_14: dict[str, dict[str, tuple[set[str], set[str]]]] = {
    "cerberus-responsive.html": {
        "Outlook Windows": (
            set(),
            {"css-border", "css-border-radius", "css-line-height", "css-pseudo-class-hover", "css-display"},
        ),
    },
}
# Pairs that agree with the reviewed expectations: a floor, never to fall below (of 40).
ROUND_14_FLOOR = 40


def expected_14(name: str, client: Client) -> tuple[set[str], set[str]]:
    reviewed = REVIEWED_14.get(name, {})
    if client.short in reviewed:
        return reviewed[client.short]
    return EXPECTED_14[name].get(client.short, (set(), set()))


def test_round_14_emails_agree_with_their_reading_at_least_as_often_as_measured() -> None:
    pairs = [(name, client) for name in EXPECTED_14 for client in ROUND_13_CLIENTS]
    missed = [
        (name, client.short)
        for name, client in pairs
        if losses(report_on(name), client) != expected_14(name, client)
    ]
    assert len(pairs) - len(missed) >= ROUND_14_FLOOR, missed


@pytest.mark.parametrize("name", list(EXPECTED_14))
def test_round_14_emails_lose_no_content_in_any_client(name: str) -> None:
    assert messages(report_on(name), "error") == []


def test_cerberus_transition_costs_only_where_the_hover_stays() -> None:
    report = report_on("cerberus-responsive.html")
    for client in (OUTLOOK_WINDOWS, OUTLOOK_COM):
        found = item(report, client, "css-transition")
        assert found is not None and found.effect == "none", client
        hover = item(report, client, "css-pseudo-class-hover")
        assert hover is not None and hover.effect == "decoration", client
    for client in (GMAIL, YAHOO):
        found = item(report, client, "css-transition")
        assert found is not None and found.effect == "decoration", client


def test_cerberus_columns_and_buttons_keep_their_place_in_outlook() -> None:
    report = report_on("cerberus-responsive.html")
    layout = item(report, OUTLOOK_WINDOWS, "css-table-layout")
    assert layout is not None and layout.effect == "none", layout
    floated = item(report, OUTLOOK_WINDOWS, "css-float")  # float:left, and float:none in @media
    assert floated is not None and floated.effect == "fallback", floated
    assert not [m for m in messages(report, "warning") if m.startswith(("float:", "table-layout:"))]


def test_caniemails_list_bullets_are_drawn_by_mso_bullet_image_in_outlook() -> None:
    report = report_on("caniemail-css-list.html")
    image = item(report, OUTLOOK_WINDOWS, "css-list-style-image")
    assert image is not None and image.effect == "fallback" and "mso-bullet-image" in image.why
    for client in (GMAIL, YAHOO, OUTLOOK_COM):
        lost = item(report, client, "css-list-style-image")
        assert lost is not None and lost.effect == "decoration", client


def test_caniemails_outlined_box_has_no_corners_to_lose_in_outlook() -> None:
    report = report_on("caniemail-css-outline.html")
    corners = item(report, OUTLOOK_WINDOWS, "css-border-radius")
    assert corners is not None and corners.effect == "none" and "nothing is drawn" in corners.why
    outline = item(report, OUTLOOK_WINDOWS, "css-outline")
    assert outline is not None and outline.effect == "decoration"


# --- round 15: eight more real emails, expected before the report ran ---------------------------
# As rounds 13 and 14: for Outlook for Windows (OW), Gmail web, Apple Mail, Yahoo and Outlook.com,
# the features whose loss a careful reader of caniemail's data and notes expects to cost content
# (an error) or styling (a warning); a pair agrees where the report's sets are exactly these.
# caniemail-css-font-weight: <p>s at 400, 700, normal, bold and 888, <span>s at bolder and lighter.
#   OW draws numbers from 600 as bold (note 2): 888 becomes 700 (styling); 400 and 700 are what
#   they were. Yahoo reads weights in hundreds only (note 1): 888 goes, the <p> is normal
#   (styling). Elsewhere nothing.
# caniemail-css-indent (an `inset` test, whatever its name): a yellow <div> and cell 150x120,
#   position:relative, holding a <span> and an <img> with class exampleText, absolute and placed by
#   `inset`. Apple Mail keeps all. Gmail, Yahoo (relative only), Outlook.com (sticky only) drop the
#   absolute position and inset: the span and image fall into the flow at the box's top left,
#   text still shown (styling). OW also keeps no width or height on a <div> (styling); the image's
#   max-width:100% changes nothing beside its width="150" in a 150px cell.
# caniemail-css-caption-side: three 100%-wide tables with a <caption>, caption-side top, top with
#   the caption after the body, bottom. OW reads no caption-side: top is where a caption goes
#   anyway; the bottom caption moves to the top (styling). Elsewhere nothing.
# caniemail-css-empty-cells: `table { border-spacing:10px }`, `td { border:1px solid }`, two tables
#   with an empty cell, empty-cells show and hide; h1 and h2 rules that match nothing. OW reads
#   neither empty-cells (the hidden empty cell's border shows; show is the initial value) nor
#   border-spacing (styling). Elsewhere nothing.
# caniemail-css-font-kerning: two <h1>s (serif, font-size:2rem) with font-kerning normal and none.
#   OW and Yahoo read no font-kerning: the `none` heading is kerned (styling); neither reads rem,
#   but 2rem is what an <h1> at the top level is anyway (2em of 16px). Elsewhere nothing.
# caniemail-css-text-align-last: eight bordered tables holding a <p> of long text, text-align-last
#   auto, start (LTR and RTL tables by dir), end, left, center, right, justify; `table { padding }`
#   and `body { width:600px }` in a <style>. OW, Outlook.com and Yahoo read no text-align-last: the
#   last lines of end, center, right, justify fall back to the start (styling). OW also keeps no
#   width on <body> (the text runs to the window's width) and no padding on a <table> (styling).
#   Gmail (body replaced by a <div> with its supported styles) and Apple Mail: nothing.
# caniemail-css-mix-blend-mode: fifteen images blended in every mode over a dark red <div>
#   (max-width:400px, margin:0 auto) of <div>s padded 30px. OW and Yahoo read no mix-blend-mode:
#   every image is drawn normally (styling). OW also keeps no max-width on the <div> (it spans the
#   window, where auto margins are 0 anyway) and pads no <div> (styling). Elsewhere nothing.
# caniemail-css-clamp: a 600px max-width wrapper; a fixed table with 25%/75% cells (em padding equal
#   in px across a row); an <h1> with font-size:16px then clamp(32px, 5vw, 96px); <div>s sized by
#   clamp(), max() and min() with vw; red bars 1em high holding green bars width:0 then width by
#   clamp/max/min (left unclosed, so each red bar holds what follows). Gmail and Apple Mail: nothing.
#   Outlook.com and Yahoo read no clamp(), max() or min(): the heading stays 16px, the boxes
#   full-width, the green bars 0 wide (styling); Yahoo writes height as min-height, and the red bars
#   hold what follows, so they grow behind it (styling). OW: the clamp() heading (styling); no width
#   or height on a <div> (the boxes full-width, the bars as tall as what they hold; min() and max()
#   only in widths it drops anyway), no max-width on the wrapper (styling); the table's columns are
#   all sized, so its lost table-layout costs nothing.
EXPECTED_15: dict[str, dict[str, tuple[set[str], set[str]]]] = {
    "caniemail-css-font-weight.html": {
        "Outlook Windows": (set(), {"css-font-weight"}),
        "Yahoo": (set(), {"css-font-weight"}),
    },
    "caniemail-css-indent.html": {
        "Outlook Windows": (set(), {"css-position", "css-inset", "css-width", "css-height"}),
        "Gmail web": (set(), {"css-position", "css-inset"}),
        "Yahoo": (set(), {"css-position", "css-inset"}),
        "Outlook.com": (set(), {"css-position", "css-inset"}),
    },
    "caniemail-css-caption-side.html": {"Outlook Windows": (set(), {"css-caption-side"})},
    "caniemail-css-empty-cells.html": {"Outlook Windows": (set(), {"css-empty-cells", "css-border-spacing"})},
    "caniemail-css-font-kerning.html": {
        "Outlook Windows": (set(), {"css-font-kerning"}),
        "Yahoo": (set(), {"css-font-kerning"}),
    },
    "caniemail-css-text-align-last.html": {
        "Outlook Windows": (set(), {"css-text-align-last", "css-width", "css-padding"}),
        "Outlook.com": (set(), {"css-text-align-last"}),
        "Yahoo": (set(), {"css-text-align-last"}),
    },
    "caniemail-css-mix-blend-mode.html": {
        "Outlook Windows": (set(), {"css-mix-blend-mode", "css-max-width", "css-padding"}),
        "Yahoo": (set(), {"css-mix-blend-mode"}),
    },
    "caniemail-css-clamp.html": {
        "Outlook Windows": (set(), {"css-function-clamp", "css-width", "css-height", "css-max-width"}),
        "Outlook.com": (set(), {"css-function-clamp", "css-function-max", "css-function-min"}),
        "Yahoo": (set(), {"css-function-clamp", "css-function-max", "css-function-min", "css-height"}),
    },
}
# One more, read blind after the round's rules (counted apart, see ROUND_15_LATE):
# sendgrid-call-to-action (SendGrid's designer output, Handlebars): an Outlook-only <style> with
#   body { width:600px; margin:0 auto }; body, p, div and `body a` rules; table.wrapper,
#   img.max-width and .column.of-N chained rules; a 480px phone query; an Outlook ghost table of
#   600px; a hidden preheader (display:none !important inline, mso-hide:all); a full-width image
#   (display:block, width:100%, width="600"); text modules with px line-heights; a button: a cell
#   painted by bgcolor (background-color:inherit over it) around an inline-block <a> padded
#   15px 75px with corners; social links with corners; an unsubscribe <div> padded 30px.
#   OW: its body margin is not read, and the grey wrapper does not run to the window's edges
#   (a white frame shows); it reads table.wrapper as `table` (every table, the button's and the
#   social icons' too, 100% wide); the image's display:block, the link's inline-block, the <a>'s
#   and the <div>'s padding, the corners, the px line-heights (styling). Its body width goes, but
#   the 600px ghost cell holds the email to 600px anyway (nothing). Gmail (body rules on the <div>
#   standing in), Yahoo (height:0 only on the hidden preheader), Outlook.com (the chained rules
#   repeat what the elements' own styles and width attributes set), Apple Mail: nothing.
EXPECTED_15["sendgrid-call-to-action.html"] = {
    "Outlook Windows": (
        set(),
        {
            "css-margin",
            "css-selector-chaining",
            "css-display",
            "css-line-height",
            "css-border-radius",
            "css-padding",
        },
    ),
}
ROUND_15_LATE = ("sendgrid-call-to-action.html",)
# Found (blind, 32 of the 40 email-and-client pairs agreed exactly). Wrong in the report, fixed by
# general rules this round (each with a test on markup of the project's own in test_clients.py):
# the inset email's absolute <span> and <img>, each alone in its box, were content errors where a
# client drops position (Gmail, Yahoo, Outlook.com, OW): taken back into the flow, a box alone in
# its container lands at its start (its static position, CSS 2.1 10.3.7) and displaces nothing, so
# only its place is lost; OW's vw inside clamp() was a second warning for a declaration it drops
# with clamp() anyway; the kerning email's `h1 { font-size:2rem }` was a warning in OW and Yahoo
# (no rem), though an <h1> nothing above sizes is 2em of the root's size anyway; Yahoo's height as
# min-height was taken to cost nothing on the clamp email's red bars, which hold text taller than
# their 1em (a line is at least as tall as its font size, CSS 2.1 10.8.1), so they grow. After: 40
# of 40. No reading was found wrong. The one read after (ROUND_15_LATE): 4 of 5 pairs blind; in the
# fifth the report was right and the reading wrong (kept, REVIEWED_15): Outlook reads a chained
# selector as the first selector of its chain where the chain is of classes (.a.b as .a), but a
# compound starting with a type, as Word's own p.MsoNormal, whole: table.wrapper styles only the
# tables of class wrapper, each width="100%" already.
REVIEWED_15: dict[str, dict[str, tuple[set[str], set[str]]]] = {
    # Reviewed in round 21: the clamp email's <h1> writes font-size:16px before its clamp(), the
    # block's own fallback, which Outlook reads where it drops clamp() (CSS 2.1 4.2): a fallback,
    # as a web font's stack or the base styles of a dropped @media are. Its <div>s' clamp() widths
    # go with the width Outlook keeps on no <div> (css-width, listed).
    "caniemail-css-clamp.html": {"Outlook Windows": (set(), {"css-width", "css-height", "css-max-width"})},
    "sendgrid-call-to-action.html": {
        "Outlook Windows": (
            set(),
            {"css-margin", "css-display", "css-line-height", "css-border-radius", "css-padding"},
        ),
    },
}
# Pairs that agree with the reviewed expectations: a floor, never to fall below (of 45).
ROUND_15_FLOOR = 45


def expected_15(name: str, client: Client) -> tuple[set[str], set[str]]:
    reviewed = REVIEWED_15.get(name, {})
    if client.short in reviewed:
        return reviewed[client.short]
    return EXPECTED_15[name].get(client.short, (set(), set()))


def test_round_15_emails_agree_with_their_reading_at_least_as_often_as_measured() -> None:
    pairs = [(name, client) for name in EXPECTED_15 for client in ROUND_13_CLIENTS]
    missed = [
        (name, client.short)
        for name, client in pairs
        if losses(report_on(name), client) != expected_15(name, client)
    ]
    assert len(pairs) - len(missed) >= ROUND_15_FLOOR, missed


@pytest.mark.parametrize("name", list(EXPECTED_15))
def test_round_15_emails_lose_no_content_in_any_client(name: str) -> None:
    assert messages(report_on(name), "error") == []


def test_caniemails_inset_boxes_alone_in_their_boxes_lose_their_place_not_content() -> None:
    report = report_on("caniemail-css-indent.html")
    for client in (GMAIL, YAHOO, OUTLOOK_COM, OUTLOOK_WINDOWS):
        found = item(report, client, "css-position")
        assert found is not None and found.effect == "decoration", client
    assert not [message for message in messages(report, "error") if "position" in message]
    kept = item(report, APPLE_MAIL, "css-position")  # partial: relative and absolute only
    assert kept is not None and kept.effect not in ("content", "decoration"), kept


def test_caniemails_clamp_email_loses_clamp_once_and_its_bars_grow_in_yahoo() -> None:
    report = report_on("caniemail-css-clamp.html")
    unit = item(report, OUTLOOK_WINDOWS, "css-unit-vw")
    assert unit is not None and unit.effect == "none", unit
    height = item(report, YAHOO, "css-height")
    assert height is not None and height.effect == "decoration" and "taller" in height.why, height


def test_caniemails_kerning_headings_keep_their_size_without_rem() -> None:
    report = report_on("caniemail-css-font-kerning.html")
    for client in (OUTLOOK_WINDOWS, YAHOO):
        size = item(report, client, "css-font-size")
        assert size is not None and size.effect == "none" and "2rem" in size.why, (client, size)
        kerning = item(report, client, "css-font-kerning")
        assert kerning is not None and kerning.effect == "decoration", (client, kerning)


def test_sendgrid_call_to_action_type_and_class_rule_styles_only_its_class_in_outlook() -> None:
    # Outlook cuts a chain of classes to its first (.a.b as .a), not a compound starting with a
    # type: table.wrapper styles the wrapper tables alone, each width="100%" already.
    report = report_on("sendgrid-call-to-action.html")
    chained = item(report, OUTLOOK_WINDOWS, "css-selector-chaining")
    assert chained is not None and chained.effect in ("none", "fallback"), chained
    assert messages(report, "error") == []


# --- round 16: nine more real emails, expected before the report ran ---------------------------
# As rounds 13 to 15: for Outlook for Windows (OW), Gmail web, Apple Mail, Yahoo and Outlook.com,
# the features whose loss a careful reader of caniemail's data and notes expects to cost content
# (an error) or styling (a warning); a pair agrees where the report's sets are exactly these.
# caniemail-css-writing-mode: a max-width:600px <div> (margin:0 auto) holding two <div>s written
#   vertical-lr and vertical-rl, each with three <p>s bordered and padded 1em. OW and Yahoo read no
#   writing-mode: the text runs across (styling). OW also pads no <p>, draws a <p>'s border
#   unreliably (note 2) and keeps no max-width on the wrapper (styling). Elsewhere nothing.
# caniemail-css-overflow-wrap: `p { width:150px; background:tomato; margin:20px }` in a <style>,
#   each <p> holding a 45-letter word in a <span> with overflow-wrap normal, break-word, anywhere.
#   Gmail, Yahoo, Outlook.com read no overflow-wrap: the word runs out of its 150px box (styling;
#   normal is the initial value). Apple Mail breaks long words anyway (its note: a default style
#   of its own). OW keeps no width on a <p> (it spans the pane, where the word fits, so its lost
#   overflow-wrap costs nothing) and paints each <p>'s background over its margin (note 3: the
#   boxes run together) (styling).
# caniemail-css-media-hover: `.sample-text { font-size:26px; padding:2rem }` on two <p>s, their
#   backgrounds set only inside @media (hover: none) and (hover: hover); a body rule; a max-width
#   wrapper. Gmail, Yahoo and OW drop the hover queries: the <p>s show with no background, as
#   where a query does not apply (a fallback). Yahoo reads no rem: the 2rem padding goes (styling).
#   OW pads no <p> (the rem inside it adds nothing) and keeps no max-width on the <div> (styling).
#   Outlook.com and Apple Mail: nothing.
# caniemail-css-order: a 100% table padded 10px, grey; its <tr> display:flex holding four painted
#   <td>s with margin:5px, flex:1 and order (1, 0, -1, 999). caniemail has no data on order or
#   flex. OW: no padding on a <table> (styling); it drops display:flex, and the row stays a row of
#   cells (nothing collapses: a cell's margin never applied, CSS 2.1 8.3), in source order
#   (styling). Elsewhere nothing.
# caniemail-css-media-prefers-reduced-motion: h1, h2 grouped in a <style>; a red <div class="box">
#   400x200 padded 20px, recoloured with !important inside prefers-reduced-motion queries; a
#   <picture> with sources for either query and an <img> display:block, max-width:100%. Gmail, OW,
#   Yahoo drop the queries (fallback: the box stays red) and the <picture> (its <img> stands in).
#   Yahoo's height as min-height costs nothing (two short lines in 200px). OW: no width, height or
#   padding on a <div> (styling); no max-width on the unsized image (styling, as the unsized
#   images of sendwithus's Go); its display:block on the image costs nothing (nothing follows it
#   on its line). Outlook.com, Apple Mail: nothing.
# caniemail-css-animation: two empty 100px-tall <div>s animated from red to green (the shorthand
#   and the longhands, @keyframes in their own <style>) inside 100px-wide red <div>s, in a fixed
#   table whose columns are all sized (25%/75%), in a max-width wrapper. Gmail, Outlook.com and
#   Yahoo read no animation: the boxes stay red (styling); the @keyframes Gmail and Outlook.com
#   also drop add nothing more. OW keeps no width or height on a <div>: the empty boxes have no
#   height, nothing is painted, so the lost animation costs nothing more; the lost width, height
#   and max-width are styling. Apple Mail: nothing.
# caniemail-css-justify-content: seven grey <div>s (max-width:600px, margin:0 auto 50px, padding
#   20px 0) each holding a flex row of three painted <div>s (padding 5px) with justify-content
#   center, flex-start, flex-end, space-between, space-around, space-evenly, stretch. Gmail and
#   Yahoo keep display:flex but not justify-content: the items pack at the start (styling).
#   OW drops display:flex: each row's three items stack (content, as a collapsed flex row); no
#   max-width or padding on a <div>, the grey painted over the 50px margins (note 3) (styling).
#   Outlook.com and Apple Mail: nothing.
# caniemail-css-margin-logical-properties: in a max-width <div> padded 20px, a fixed table of
#   sized columns whose cells (em padding equal in px across each row) hold small tables of green
#   cells around orange <div>s 100px wide with min-height:100px and margin-inline (also under
#   dir=rtl), margin-block, margin-inline-start/-end, margin-block-start/-end. Gmail, Yahoo,
#   Outlook.com and OW read no logical margins: the green space goes (styling). OW also keeps no
#   width on a <div>, no min-height, no max-width or padding on the wrapper (styling).
# caniemail-css-padding-logical-properties: the same, the logical paddings on the green cells.
#   Gmail, Yahoo, Outlook.com and OW read none (styling). OW as the margin email.
EXPECTED_16: dict[str, dict[str, tuple[set[str], set[str]]]] = {
    "caniemail-css-writing-mode.html": {
        "Outlook Windows": (set(), {"css-writing-mode", "css-padding", "css-border", "css-max-width"}),
        "Yahoo": (set(), {"css-writing-mode"}),
    },
    "caniemail-css-overflow-wrap.html": {
        "Outlook Windows": (set(), {"css-width", "css-margin"}),
        "Gmail web": (set(), {"css-overflow-wrap"}),
        "Yahoo": (set(), {"css-overflow-wrap"}),
        "Outlook.com": (set(), {"css-overflow-wrap"}),
    },
    "caniemail-css-media-hover.html": {
        "Outlook Windows": (set(), {"css-padding", "css-max-width"}),
        "Yahoo": (set(), {"css-unit-rem"}),
    },
    "caniemail-css-order.html": {"Outlook Windows": (set(), {"css-padding", "css-display-flex"})},
    "caniemail-css-media-prefers-reduced-motion.html": {
        "Outlook Windows": (set(), {"css-width", "css-height", "css-padding", "css-max-width"}),
    },
    "caniemail-css-animation.html": {
        "Outlook Windows": (set(), {"css-width", "css-height", "css-max-width"}),
        "Gmail web": (set(), {"css-animation"}),
        "Yahoo": (set(), {"css-animation"}),
        "Outlook.com": (set(), {"css-animation"}),
    },
    "caniemail-css-justify-content.html": {
        "Outlook Windows": ({"css-display-flex"}, {"css-max-width", "css-padding", "css-margin"}),
        "Gmail web": (set(), {"css-justify-content"}),
        "Yahoo": (set(), {"css-justify-content"}),
    },
    "caniemail-css-margin-logical-properties.html": {
        "Outlook Windows": (
            set(),
            {
                "css-margin-inline-block",
                "css-margin-inline-start-end",
                "css-margin-block-start-end",
                "css-width",
                "css-min-height",
                "css-max-width",
                "css-padding",
            },
        ),
        "Gmail web": (
            set(),
            {"css-margin-inline-block", "css-margin-inline-start-end", "css-margin-block-start-end"},
        ),
        "Yahoo": (
            set(),
            {"css-margin-inline-block", "css-margin-inline-start-end", "css-margin-block-start-end"},
        ),
        "Outlook.com": (
            set(),
            {"css-margin-inline-block", "css-margin-inline-start-end", "css-margin-block-start-end"},
        ),
    },
    "caniemail-css-padding-logical-properties.html": {
        "Outlook Windows": (
            set(),
            {
                "css-padding-inline-block",
                "css-padding-inline-start-end",
                "css-padding-block-start-end",
                "css-width",
                "css-min-height",
                "css-max-width",
                "css-padding",
            },
        ),
        "Gmail web": (
            set(),
            {"css-padding-inline-block", "css-padding-inline-start-end", "css-padding-block-start-end"},
        ),
        "Yahoo": (
            set(),
            {"css-padding-inline-block", "css-padding-inline-start-end", "css-padding-block-start-end"},
        ),
        "Outlook.com": (
            set(),
            {"css-padding-inline-block", "css-padding-inline-start-end", "css-padding-block-start-end"},
        ),
    },
}
# Found (blind, 40 of the 45 email-and-client pairs agreed exactly). Wrong in the report, fixed by
# general rules this round (each with a test on markup of the project's own in test_clients.py):
# a <tr> that loses display:flex was a collapsed layout (an error), though a table row keeps its
# cells side by side (CSS 2.1 17.2): only their flex sizing and order go (the order email, OW);
# justify-content was a second warning in OW, where display:flex goes and with it the flex container
# the property aligns (CSS Flexbox; the collapse is the loss); Outlook's background painted over a
# margin was read only on inline margins, not a style rule's (the overflow-wrap email's <p>s, OW,
# caniemail's margin note 3); overflow-wrap was a warning in OW, where the <p>'s 150px width goes and
# the 45-letter word fits the pane; the animation was a warning in OW, where the empty animated <div>
# has no height (none on a <div> there) and the colours its keyframes change are not seen. After:
# 42 of 45. Right in the report, wrong in the reading (kept, REVIEWED_16): display:flex is one of
# the values caniemail's `display` feature says Outlook for Windows drops (it keeps display:none
# alone), so the report lists it under css-display as well as css-display-flex (the order and
# justify-content emails). Not agreed (1 pair): the prefers-reduced-motion email's last image,
# display:block, in OW: inline, it sits on a 16px strut whose descent leaves a gap under it (CSS 2.1
# 10.8.1), which the report counts as styling, though at the very end of the email nothing shows it.
REVIEWED_16: dict[str, dict[str, tuple[set[str], set[str]]]] = {
    "caniemail-css-order.html": {
        "Outlook Windows": (set(), {"css-padding", "css-display-flex", "css-display"}),
    },
    "caniemail-css-justify-content.html": {
        "Outlook Windows": (
            {"css-display-flex", "css-display"},
            {"css-max-width", "css-padding", "css-margin"},
        ),
    },
}
# Pairs that agree with the reviewed expectations: a floor, never to fall below (of 45). Round 17
# agreed the last: the reduced-motion email's image ends the email alone on its line, so inline in
# OW the room under it is the body's own background at the end of the message.
ROUND_16_FLOOR = 45


def expected_16(name: str, client: Client) -> tuple[set[str], set[str]]:
    reviewed = REVIEWED_16.get(name, {})
    if client.short in reviewed:
        return reviewed[client.short]
    return EXPECTED_16[name].get(client.short, (set(), set()))


def test_round_16_emails_agree_with_their_reading_at_least_as_often_as_measured() -> None:
    pairs = [(name, client) for name in EXPECTED_16 for client in ROUND_13_CLIENTS]
    missed = [
        (name, client.short)
        for name, client in pairs
        if losses(report_on(name), client) != expected_16(name, client)
    ]
    assert len(pairs) - len(missed) >= ROUND_16_FLOOR, missed


@pytest.mark.parametrize("name", list(EXPECTED_16))
def test_round_16_emails_lose_content_only_where_a_flex_row_of_blocks_collapses(name: str) -> None:
    errors = messages(report_on(name), "error")
    if name == "caniemail-css-justify-content.html":
        assert errors and all(message.startswith("display:flex") for message in errors), errors
    else:
        assert errors == [], errors


def test_caniemails_order_row_stays_a_row_in_outlook() -> None:
    report = report_on("caniemail-css-order.html")
    flex = item(report, OUTLOOK_WINDOWS, "css-display-flex")
    assert flex is not None and flex.effect == "decoration" and "table row" in flex.why, flex


def test_caniemails_justify_content_is_lost_with_its_flex_row_in_outlook_alone_in_gmail() -> None:
    report = report_on("caniemail-css-justify-content.html")
    lost_with_it = item(report, OUTLOOK_WINDOWS, "css-justify-content")
    assert lost_with_it is not None and lost_with_it.effect == "none", lost_with_it
    for client in (GMAIL, YAHOO):
        alone = item(report, client, "css-justify-content")
        assert alone is not None and alone.effect == "decoration", (client, alone)


def test_caniemails_overflow_wrap_paragraphs_run_together_in_outlook_where_the_word_fits() -> None:
    report = report_on("caniemail-css-overflow-wrap.html")
    margin = item(report, OUTLOOK_WINDOWS, "css-margin")
    assert margin is not None and margin.effect == "decoration" and "over its margin" in margin.why, margin
    wrap = item(report, OUTLOOK_WINDOWS, "css-overflow-wrap")
    assert wrap is not None and wrap.effect == "none", wrap
    for client in (GMAIL, YAHOO, OUTLOOK_COM):
        kept_narrow = item(report, client, "css-overflow-wrap")
        assert kept_narrow is not None and kept_narrow.effect == "decoration", (client, kept_narrow)


def test_caniemails_animation_shows_nothing_to_animate_in_outlook() -> None:
    report = report_on("caniemail-css-animation.html")
    nothing = item(report, OUTLOOK_WINDOWS, "css-animation")
    assert nothing is not None and nothing.effect == "none" and "no height" in nothing.why, nothing
    for client in (GMAIL, YAHOO, OUTLOOK_COM):
        red = item(report, client, "css-animation")
        assert red is not None and red.effect == "decoration", (client, red)


# --- round 17: production templates read blind ------------------------------------------------------
#
# Four templates from public repositories the collection did not hold (licences in
# tests/data/emails/LICENSES.md): Postmark's inlined basic receipt and three MJML templates compiled
# by mjml-python (receipt-email, referral-email and the newer alert). For each of OW (Outlook for
# Windows), Gmail web, Apple Mail, Yahoo and Outlook.com, what a reader of caniemail's data and notes
# expects the client to lose, written before the report ran on them.
# postmark-receipt: Postmark's inlined receipt (its rules kept in <style> and repeated inline); a
#   Google font by @import; a hidden preheader; a masthead link with text-shadow; a discount <table>
#   padded 24px with a 2px dashed border; border-based buttons (inline-block <a>, borders 10px 18px
#   the colour of the background, corners, a box-shadow in rgba, box-sizing); a purchase table
#   padded 35px 0 whose item cells set line-height:18px; a dark-mode query, :root color-scheme and
#   the meta. OW: borders wider than 8px (note 1), inline-block (note 5: display:none only), the
#   corners, shadows, padding on <table>s and a <p> (note 1), the px line-height without
#   mso-line-height-rule (note 1) (styling); its body margin shows the body's own grey, as the
#   wrapper's. Gmail: box-shadow and text-shadow (styling); the @import, the dark-mode query and
#   colour-scheme hints stand in (fallback). Yahoo: box-shadow (styling); word-break (no word is too
#   long), box-sizing (no width given outside the phone query), height:100% on <body> cost nothing.
#   Outlook.com: text-shadow (styling); p.sub repeated inline. Apple Mail: nothing.
# mjml-receipt-email: sections of text and three columns, two buttons with 10px corners, dividers,
#   an empty image, Ubuntu from Google Fonts. OW: the corners (styling). Elsewhere the web font
#   stands in (fallback): nothing.
# mjml-referral-email: a hero image, centred texts, one button with 3px corners; a <style> rule
#   `a { text-decoration:none!important; color:inherit!important }` (no space before !important).
#   OW reads !important only with a space before (note 4): the button's inline white colour beats
#   the rule's inherit (styling), and its corners go (styling). Elsewhere nothing (the web font
#   stands in).
# mjml-alert: a section with rounded bottom corners and overflow:hidden; a heading at weight 600;
#   `.aa-info { border-radius }` on a painted cell; `.aa-btn td { box-shadow: inset ... }` on the
#   buttons' cells; hover rules on classes (`.aa-btn-blue:hover td`); `.aa-text a { color:unset }`
#   (caniemail has no data on unset); a Google font. OW: corners, box-shadow, hover, 600 drawn as
#   bold (note 2) (styling); overflow:hidden clips nothing once the corners go. Gmail and Yahoo:
#   the inset shadow (styling). Outlook.com: hover only on type selectors (note 2): the class
#   hovers go (styling). Apple Mail: nothing.
EXPECTED_17: dict[str, dict[str, tuple[set[str], set[str]]]] = {
    "postmark-receipt.html": {
        "Outlook Windows": (
            set(),
            {
                "css-border",
                "css-display",
                "css-border-radius",
                "css-box-shadow",
                "css-text-shadow",
                "css-padding",
                "css-line-height",
            },
        ),
        "Gmail web": (set(), {"css-box-shadow", "css-text-shadow"}),
        "Yahoo": (set(), {"css-box-shadow"}),
        "Outlook.com": (set(), {"css-text-shadow"}),
    },
    "mjml-receipt-email.html": {"Outlook Windows": (set(), {"css-border-radius"})},
    "mjml-referral-email.html": {"Outlook Windows": (set(), {"css-border-radius", "css-important"})},
    "mjml-alert.html": {
        "Outlook Windows": (
            set(),
            {"css-border-radius", "css-box-shadow", "css-pseudo-class-hover", "css-font-weight"},
        ),
        "Gmail web": (set(), {"css-box-shadow"}),
        "Yahoo": (set(), {"css-box-shadow"}),
        "Outlook.com": (set(), {"css-pseudo-class-hover"}),
    },
}
# Two more, read blind after the round's rules (counted apart, see ROUND_17_LATE):
# mjml-loyalty-client (MJML, compiled by mjml-python): a dark section with 20px corners and
#   overflow:hidden, given `.lc-shadow { border:1px solid ... !important }` (a rule on the section's
#   <div>); spacers; a button without href (a <p>) with 10px corners in a cell the rule
#   `.lc-button td` gives a 2px dashed border (its inline `border:1px dashed solid` is no valid
#   value); social icons with 3px corners; Manrope from Google Fonts. OW: the corners, and the
#   border on a <div> (note 2: unreliable) (styling); overflow:hidden clips nothing once the corners
#   go. Elsewhere nothing (the web font stands in).
# sendwithus-foundation-coupon (Foundation for Emails, compiled by Inky and inlined): its <style>,
#   in <body>, holds only phone queries; every cell sets line-height:19px (no mso-line-height-rule);
#   inline !important without a space; `Margin` beside margin; tables position:relative with no
#   offset; empty zero-width expander cells visibility:hidden; hyphens and word-wrap on cells whose
#   words all fit; a logo <img> display:block, width:170px, max-width:100%, padding-top 15px (no
#   width attribute); padded <h1> and <p>; an inline-block <a> button padded 8px 16px in a painted
#   cell. OW: px line-heights, display:block and inline-block, the image's CSS width and max-width,
#   padding on the <img>, <h1>, <p> and <a> (styling); the root's background paints the canvas the
#   body's margin shows (CSS 2.1 14.2), the same grey as the body table. Gmail (the <style> in
#   <body> dropped, its rules for phones only), Yahoo, Outlook.com (relative position with no
#   offset moves nothing, CSS 2.1 9.4.3), Apple Mail: nothing.
EXPECTED_17["mjml-loyalty-client.html"] = {"Outlook Windows": (set(), {"css-border-radius", "css-border"})}
EXPECTED_17["sendwithus-foundation-coupon.html"] = {
    "Outlook Windows": (
        set(),
        {"css-line-height", "css-display", "css-width", "css-max-width", "css-padding"},
    ),
}
ROUND_17_LATE = ("mjml-loyalty-client.html", "sendwithus-foundation-coupon.html")
# Found (blind, 17 of the first four emails' 20 email-and-client pairs agreed exactly). Right in the
# report, wrong in the reading (kept, REVIEWED_17): Postmark's `.body-action { margin:30px auto }` on a
# 100% table; Outlook for Windows reads no `auto` margin (caniemail's margin note 4), and a
# declaration whose value is not read is ignored whole (CSS 2.1 4.2), so the 30px above and below
# the button go with it. Wrong in the report, fixed by general rules (tests on markup of the
# project's own in test_clients.py): MJML's receipt in OW, where `margin:0px auto` on the divider's
# Outlook-only ghost table was a warning though its own align="center" centres it (a declaration in
# conditional markup is now judged on its start tag's attributes too); MJML's alert in OW, where
# `height` on its spacer <div>s was a warning though each holds one word (a hair space) whose px
# line-height, exact in Outlook, is that height (CSS 2.1 10.6.3, 10.8.1). After: 19 of 20.
# The two read later (ROUND_17_LATE): 6 of 10 pairs blind. Wrong in the report, fixed by general
# rules: position:relative with no offset anywhere in the email was a warning where dropped (Gmail,
# Outlook.com, OW on the coupon's tables), though the box stays where the flow puts it (CSS 2.1
# 9.4.3); visibility:hidden on an empty box that paints nothing was a warning (Gmail and OW on
# Foundation's expander cells), though there is nothing to hide. Right in the report, wrong in the
# reading (kept): OW drops an inline declaration whose !important has no space before it (notes 4
# and 5), so the coupon's footer loses its grey (`color:#777!important`). After: 8 of 10.
# Not agreed (3 pairs): overflow:hidden in OW on MJML's sections with rounded corners (alert,
# loyalty-client), whose only overflow is the corners OW does not draw; the coupon in OW, where the
# report also counts margins (the body's, Foundation's `margin:0 auto` on centred tables and on a
# block image in <center>), min-width on <center> and <body> and min-height:100% on <html>, none of
# which the reading expects to show (the root's grey paints the canvas, the tables are centred by
# <center>, the pane is wider than 580px).
# Round 19: in MJML's alert, OW's weight 600 is no loss of its own. The heading's stack is the web font
# Source Sans 3, which Outlook never loads (caniemail: it ignores distant fonts), then Helvetica,
# which has no face between its regular and bold: a browser draws 600 bold in it too (CSS Fonts 4,
# 5.2). Its semibold face was the web font's, whose loss is the fallback the report lists.
REVIEWED_17: dict[str, dict[str, tuple[set[str], set[str]]]] = {
    "mjml-alert.html": {
        "Outlook Windows": (
            set(),
            EXPECTED_17["mjml-alert.html"]["Outlook Windows"][1] - {"css-font-weight"},
        ),
    },
    "sendwithus-foundation-coupon.html": {
        "Outlook Windows": (
            set(),
            {"css-line-height", "css-display", "css-width", "css-max-width", "css-padding", "css-important"},
        ),
    },
    "postmark-receipt.html": {
        "Outlook Windows": (
            set(),
            {
                "css-border",
                "css-display",
                "css-border-radius",
                "css-box-shadow",
                "css-text-shadow",
                "css-padding",
                "css-line-height",
                "css-margin",
            },
        ),
    },
}
# Pairs that agree with the reviewed expectations: a floor, never to fall below (of 30). Round 18
# agreed the last three (overflow that clips nothing on MJML's rounded sections; the coupon's
# margins, min-widths and root min-height in OW).
ROUND_17_FLOOR = 30


def expected_17(name: str, client: Client) -> tuple[set[str], set[str]]:
    reviewed = REVIEWED_17.get(name, {})
    if client.short in reviewed:
        return reviewed[client.short]
    return EXPECTED_17[name].get(client.short, (set(), set()))


def test_round_17_emails_agree_with_their_reading_at_least_as_often_as_measured() -> None:
    pairs = [(name, client) for name in EXPECTED_17 for client in ROUND_13_CLIENTS]
    missed = [
        (name, client.short)
        for name, client in pairs
        if losses(report_on(name), client) != expected_17(name, client)
    ]
    assert len(pairs) - len(missed) >= ROUND_17_FLOOR, missed


@pytest.mark.parametrize("name", list(EXPECTED_17))
def test_round_17_emails_lose_no_content_in_any_client(name: str) -> None:
    assert messages(report_on(name), "error") == []


def test_postmarks_auto_margin_takes_its_vertical_margin_with_it_in_outlook() -> None:
    report = report_on("postmark-receipt.html")
    margin = item(report, OUTLOOK_WINDOWS, "css-margin")
    assert margin is not None and margin.effect == "decoration", margin
    assert "margin:30px auto" in [place.label for place in margin.places]


def test_mjml_referral_rule_without_a_space_before_important_loses_to_the_inline_colour_in_outlook() -> None:
    report = report_on("mjml-referral-email.html")
    important = item(report, OUTLOOK_WINDOWS, "css-important")
    assert important is not None and important.effect == "decoration", important
    for client in (GMAIL, YAHOO, OUTLOOK_COM, APPLE_MAIL):
        assert losses(report, client) == (set(), set()), client


def test_mjmls_spacers_and_divider_ghost_tables_cost_nothing_in_outlook() -> None:
    alert = item(report_on("mjml-alert.html"), OUTLOOK_WINDOWS, "css-height")
    assert alert is not None and alert.effect == "none", alert
    receipt = item(report_on("mjml-receipt-email.html"), OUTLOOK_WINDOWS, "css-margin")
    assert receipt is not None and receipt.effect != "decoration", receipt


def test_foundations_coupon_keeps_its_place_and_hides_nothing_where_position_and_visibility_go() -> None:
    report = report_on("sendwithus-foundation-coupon.html")
    for client in (GMAIL, OUTLOOK_COM):
        relative = item(report, client, "css-position")
        assert relative is not None and relative.effect == "none", (client, relative)
    empty = item(report, GMAIL, "css-visibility")
    assert empty is not None and empty.effect == "none", empty
    footer_grey = item(report, OUTLOOK_WINDOWS, "css-important")
    assert footer_grey is not None and footer_grey.effect == "decoration", footer_grey


# --- round 18: five more real emails read blind ---------------------------------------------------
#
# Three caniemail test emails no earlier round held (font-size, border, background) and two
# production emails of the Cyprus government's service design system (gov-cy/dsf-email-templates,
# one written by hand in Nunjucks, one compiled by MJML): licences in tests/data/emails/LICENSES.md.
# For each of OW (Outlook for Windows), Gmail web, Apple Mail, Yahoo and Outlook.com, what a reader
# of caniemail's data and notes expects the client to lose, written before the report ran on them.
# caniemail-css-font-size: <p>s sized by keywords (large, x-large, larger, smaller), 16px, em, rem
#   and %; `body { text-align:center }` and an h2 rule in a <style>. OW and Yahoo read no rem
#   (css-font-size note 1, css-unit-rem): the 2rem and 3rem paragraphs are drawn at 16px (styling).
#   Elsewhere nothing.
# caniemail-css-border: a 600px max-width <div> (margin:0 auto) of three fixed tables whose cells
#   are all sized (25%/75%, em paddings equal in px across each row), holding <p>s, <h1>s and
#   <table>s with 8px, 16px, dashed (medium) and thick double borders, as shorthands, per side and
#   longhands. OW draws no border wider than 8px (note 1) and none reliably on a <p> (note 2)
#   (styling); it keeps no max-width on the <div> (it spans the pane, where auto margins are 0
#   anyway) (styling); the lost table-layout costs nothing (every column sized). Elsewhere nothing.
# caniemail-css-background: a <style> (in a second <head>, which the parser folds into the first)
#   of grey .wrapper <div>s (margin-bottom 10px, padding 10px, a 5px pink border) holding empty
#   200x200 boxes painted by the background shorthand with `center/cover` and `/75px 75px`, by
#   longhands, by several comma-separated images, by background-clip, -origin and -blend-mode, by
#   linear and radial gradients; background attributes on a <div>, a display:table <div>, a
#   <table>, a <tr>, a <td> and the <body>. Gmail, Apple Mail: nothing. Outlook.com reads no
#   gradients (styling). Yahoo reads no `/ size` in the shorthand and no comma-separated values in
#   background, background-image, -position, -repeat, -size (notes 1-3), no clip, origin,
#   blend-mode or gradients (styling); its height as min-height costs nothing on the empty boxes.
#   OW: only colours from `background` (note 3), no background-image (no VML here), -position,
#   -repeat, -size, -clip, -origin, -blend-mode or gradients; the background attribute on <body>
#   only (html-background note 2); no width or height on a <div> (the boxes span the pane, with no
#   height); only display:none; no padding on a <div>; the wrappers' grey painted over their margin
#   (note 3); borders on <div>s unreliable and the 25px double one too wide (styling). No content
#   is lost anywhere: the boxes hold no text.
# govcy-verification-email (Nunjucks, by hand): a hidden preheader (display:none with max-height,
#   opacity, overflow); three 100% tables with max-width:600px inside a 600px Outlook ghost table;
#   cells painted by the background shorthand (a colour) with 4px borders; <div>s of Arial with
#   unitless line-heights; an <h1>; a footer <div> margin-bottom:10px on no background of its own;
#   font-weight:500 on a link and a <strong>. OW keeps max-width on tables, colour-only backgrounds,
#   borders up to 8px, unitless line-heights; 500 is drawn normal as in any browser without a
#   medium face. Nothing anywhere.
# govcy-only-text (MJML): MJML's head (reset rules, phone queries, a `<style media>` for Thunderbird,
#   colour-scheme metas), a hidden preheader, a 600px section of one column of text <div>s with
#   `color:;` (no value, ignored by every parser) and Greek text; word-break:break-word on the cells;
#   a <ul> with padding:0px and list-style:none in a <div>. OW pads no <ul> (note 1: table cells
#   only), so the list keeps Word's indent (styling); list-style:none is a list-style-type value,
#   which it reads (note 2). Yahoo's lost word-break costs nothing (no word too long); Gmail keeps
#   list-style without an image (note 1). Elsewhere nothing.
EXPECTED_18: dict[str, dict[str, tuple[set[str], set[str]]]] = {
    "caniemail-css-font-size.html": {
        "Outlook Windows": (set(), {"css-font-size", "css-unit-rem"}),
        "Yahoo": (set(), {"css-font-size", "css-unit-rem"}),
    },
    "caniemail-css-border.html": {"Outlook Windows": (set(), {"css-border", "css-max-width"})},
    "caniemail-css-background.html": {
        "Outlook Windows": (
            set(),
            {
                "css-background",
                "css-background-image",
                "css-background-position",
                "css-background-repeat",
                "css-background-size",
                "css-background-clip",
                "css-background-origin",
                "css-background-blend-mode",
                "css-linear-gradient",
                "css-radial-gradient",
                "html-background",
                "css-width",
                "css-height",
                "css-display",
                "css-padding",
                "css-margin",
                "css-border",
            },
        ),
        "Yahoo": (
            set(),
            {
                "css-background",
                "css-background-image",
                "css-background-position",
                "css-background-repeat",
                "css-background-size",
                "css-background-clip",
                "css-background-origin",
                "css-background-blend-mode",
                "css-linear-gradient",
                "css-radial-gradient",
            },
        ),
        "Outlook.com": (set(), {"css-linear-gradient", "css-radial-gradient"}),
    },
    "govcy-verification-email.html": {},
    "govcy-only-text.html": {"Outlook Windows": (set(), {"css-padding"})},
}
# One more, read blind after the round's rules (counted apart, see ROUND_18_LATE):
# sendgrid-paste-password-reset (SendGrid's hand-built "paste" template): @font-face inside
#   @media screen; attribute selectors a[x-apple-data-detectors] and div[style*="margin: 16px 0;"],
#   which match nothing here; a body rule (width, height:100%, padding, margin 0); tables of 100%
#   with max-width:600px inside Outlook's 600px ghost tables, cells painted by bgcolor (a grey
#   ground, white cards, as the body's own grey); a logo link inline-block around a block <img
#   width="48"> with CSS width, max-width and min-width 48px; an <h1> with letter-spacing:-1px and
#   line-height:48px; cells with px line-heights; a button: a blue cell with 6px corners around an
#   inline-block <a> padded 16px 36px with corners. OW: px line-heights without
#   mso-line-height-rule (note 1), the corners, the link's padding (cells only) and inline-block:
#   the button shrinks to its text in the blue cell (styling); the web font and the unmatched
#   attribute rules cost nothing; its body margin shows the body's grey, as the bands that reach
#   the edges; the image's width attribute stands in for its CSS sizes. Gmail, Yahoo, Outlook.com:
#   the web font (fallback) and attribute rules that match nothing. Apple Mail: nothing.
EXPECTED_18["sendgrid-paste-password-reset.html"] = {
    "Outlook Windows": (set(), {"css-line-height", "css-border-radius", "css-padding", "css-display"}),
}
# govcy-submission-email-small (Nunjucks, by hand; a later commit of the DSF templates): as the
#   verification email, with an Outlook-only <style> (`li { margin-left:10px !important;
#   mso-special-format:bullet }`), a green success band: a 100% table with padding:10px 0 and a
#   max-width, holding padded cells; an <ol> (margin:0, margin-left:16px, padding:0,
#   line-height:22px) of three items. OW pads no <table> (the band loses 10px above and below)
#   and spaces the list's 22px lines its own way without mso-line-height-rule (styling); the
#   list's padding:0 leaves Outlook's own indent for its numbers (a fallback). Elsewhere nothing.
EXPECTED_18["govcy-submission-email-small.html"] = {
    "Outlook Windows": (set(), {"css-padding", "css-line-height"}),
}
# caniemail-css-selectors-attribute: nine red boxes (a rule sets them red by class), each turned
#   green by an !important rule with an attribute selector: `.test0 [style]`, `.test1[style]`,
#   `.test2 td[style]`, then td[class="test3"], ^=, *=, |=, $= and ~= on a cell's class; a
#   max-width wrapper; a fixed table whose rows size their cells. OW reads no attribute selector:
#   every box stays red (styling; `.test1[style]`, read as `.test1` by its chain note, turns green
#   anyway), and keeps no max-width on the <div> (styling). Gmail reads [class~=value] only (note
#   5), Yahoo [attr=value] only (note 4): the other boxes stay red (styling). Outlook.com reads no
#   attribute after a class (.test1[style]), no ^=, *= or $=, and prefixes the cells' classes
#   (x_test3) where the attribute selectors stay unprefixed (test3, test6, test8): red (styling).
#   Apple Mail: nothing.
EXPECTED_18["caniemail-css-selectors-attribute.html"] = {
    "Outlook Windows": (set(), {"css-selector-attribute", "css-max-width"}),
    "Gmail web": (set(), {"css-selector-attribute"}),
    "Yahoo": (set(), {"css-selector-attribute"}),
    "Outlook.com": (set(), {"css-selector-attribute"}),
}
ROUND_18_LATE = (
    "sendgrid-paste-password-reset.html",
    "govcy-submission-email-small.html",
    "caniemail-css-selectors-attribute.html",
)
# Found (blind, 19 of the 25 email-and-client pairs agreed exactly). Right in the report, wrong in the
# reading (kept, REVIEWED_18): a rem font size is one loss, told under css-font-size, where the
# client drops the declaration for its rem (css-unit-rem adds none: "the client drops font-size
# anyway"; OW and Yahoo); the gradients OW drops with background-image, which it reads in no form
# (OW); Gmail's note on background-position (multiple values: the comma is removed), which the
# reading missed (the background email's longhand lists). With them, 22 of 25 blind. Wrong in the
# report, fixed by general rules (tests on markup of the project's own in test_clients.py):
# padding:0 on a <ul> was "the initial value", though HTML's rendering rules pad a list 40px at
# its start for its markers; Outlook keeps its own indent, empty where the list shows no markers
# (the MJML email's list-style:none list, OW); font-weight:500 on Arial text was a warning in OW,
# which draws weights under 600 normal, as a browser does in a family of regular and bold faces
# alone (CSS Fonts 4, 5.2: every weight up to 500 takes the regular face); the background email in
# OW, whose `.backgroundtest { width:200px; height:200px }` matches <div>s and <table>s: Outlook
# keeps both on a table but neither on a <div> (caniemail's notes), and the report, which keeps or
# drops a rule's declaration whole, counted the rule kept (a declaration a note drops on some of
# the elements its rule styles is now judged on those). After: 25 of 25. The three read after the
# rules (ROUND_18_LATE): 13 of 15 pairs blind. The attribute email in OW and Outlook.com listed its
# compound selectors (td[class="test3"]...) as lost styling of their own: in OW the rule goes for
# its attribute selector anyway (a compound costs nothing of its own where the client drops its
# rule for another of its selectors), and Outlook.com's chaining note (only the first selector of a
# chain is prefixed in the styles, every class in the HTML) breaks a compound only where a class
# follows its first selector, which none here does. Over the eight: blind 32 of 40 (35 with the
# pairs the review found the report right), after 40 of 40.
REVIEWED_18: dict[str, dict[str, tuple[set[str], set[str]]]] = {
    "caniemail-css-font-size.html": {
        "Outlook Windows": (set(), {"css-font-size"}),
        "Yahoo": (set(), {"css-font-size"}),
    },
    "caniemail-css-background.html": {
        "Outlook Windows": (
            set(),
            EXPECTED_18["caniemail-css-background.html"]["Outlook Windows"][1]
            - {"css-linear-gradient", "css-radial-gradient"},
        ),
        "Gmail web": (set(), {"css-background-position"}),
    },
}
# Pairs that agree with the reviewed expectations: a floor, never to fall below (of 40).
ROUND_18_FLOOR = 40


def expected_18(name: str, client: Client) -> tuple[set[str], set[str]]:
    reviewed = REVIEWED_18.get(name, {})
    if client.short in reviewed:
        return reviewed[client.short]
    return EXPECTED_18[name].get(client.short, (set(), set()))


def test_round_18_emails_agree_with_their_reading_at_least_as_often_as_measured() -> None:
    pairs = [(name, client) for name in EXPECTED_18 for client in ROUND_13_CLIENTS]
    missed = [
        (name, client.short)
        for name, client in pairs
        if losses(report_on(name), client) != expected_18(name, client)
    ]
    assert len(pairs) - len(missed) >= ROUND_18_FLOOR, missed


@pytest.mark.parametrize("name", list(EXPECTED_18))
def test_round_18_emails_lose_no_content_in_any_client(name: str) -> None:
    assert messages(report_on(name), "error") == []


@pytest.mark.parametrize("name", ["mjml-alert.html", "mjml-loyalty-client.html"])
def test_mjmls_rounded_sections_clip_nothing_where_outlook_draws_no_corner(name: str) -> None:
    overflow = item(report_on(name), OUTLOOK_WINDOWS, "css-overflow")
    assert overflow is not None and overflow.effect == "none", overflow
    radius = item(report_on(name), OUTLOOK_WINDOWS, "css-border-radius")
    assert radius is not None and radius.effect == "decoration", radius


def test_foundations_coupon_loses_no_margin_or_minimum_size_in_outlook() -> None:
    report = report_on("sendwithus-foundation-coupon.html")
    for feature in ("css-margin", "css-min-width", "css-min-height"):
        found = item(report, OUTLOOK_WINDOWS, feature)
        assert found is None or found.effect != "decoration", (feature, found)


def test_the_dsf_list_keeps_outlooks_empty_indent_and_its_arial_links_their_weight() -> None:
    listed = item(report_on("govcy-only-text.html"), OUTLOOK_WINDOWS, "css-padding")
    assert listed is not None and listed.effect == "decoration" and "no bullets" in listed.why, listed
    weight = item(report_on("govcy-verification-email.html"), OUTLOOK_WINDOWS, "css-font-weight")
    assert weight is not None and weight.effect == "none" and weight.why.startswith("Arial"), weight


def test_caniemails_background_boxes_lose_their_size_in_outlook_where_they_are_divs() -> None:
    report = report_on("caniemail-css-background.html")
    for feature in ("css-width", "css-height"):
        found = item(report, OUTLOOK_WINDOWS, feature)
        assert found is not None and found.effect == "decoration" and "<div>" in found.why, (feature, found)


# --- round 19: six emails read blind ---------------------------------------------------------------
#
# Four caniemail test emails no earlier round held (cursor, hyphens, clip-path, backdrop-filter) and
# two production templates: Postmark's inlined dunning email (a template newer than the collection's
# other Postmark emails) and MJML's delivery template compiled by mjml-python (licences in
# tests/data/emails/LICENSES.md). For each of OW (Outlook for Windows), Gmail web, Apple Mail, Yahoo
# and Outlook.com, what a reader of caniemail's data and notes expects the client to lose, written
# before the report ran on them.
# caniemail-css-cursor: a max-width:600px <div> (margin:0 auto) of yellow <p>s (`.test-item`:
#   font-size 20px, line-height 30px, a background colour) each with a cursor, inline then by class,
#   every keyword and url() lists ending in pointer; `* { font-family:Verdana... }`; two 4px red bars
#   (<div>s holding &nbsp;, margin 20px 0, on no background of their own behind). OW: no universal
#   selector (the <p>s lose Verdana), the px line-height without mso-line-height-rule (note 1), no
#   max-width on the <div>, no height on a <div> (the bars grow to their line) and the bars' red
#   painted over their margins (note 3) (styling); cursor is untested there (u): no loss told. Gmail
#   and Outlook.com drop cursor (styling); Yahoo keeps few keywords (note 4: alias, cell... go) and
#   writes height as min-height, so the bars grow to their &nbsp;'s line (styling). Apple Mail reads
#   no url() (note 1), where the list's own pointer stands in (fallback): nothing.
# caniemail-css-hyphen: three <p>s 150px wide (`p { width; background-color; margin:20px }`), each
#   holding a 28-letter word with a soft hyphen, with hyphens none, manual and auto. Gmail, Yahoo and
#   Outlook.com read no hyphens: `none` goes, so the word breaks at its soft hyphen where it would
#   overflow (styling); manual is the initial value. OW keeps no width on a <p> (the bisque boxes
#   span the pane, the word fits and hyphens has nothing to do) and paints their bisque over their
#   20px margins (note 3) (styling). Apple Mail: nothing.
# caniemail-css-clip-path: four 150px images clipped by circle(), polygon(), path() and url(#id) of a
#   clipPath in an <svg> that draws nothing of its own (150x180). OW, Gmail, Yahoo, Outlook.com: no
#   clip-path (the images show whole) and no <svg> (its empty box's room goes) (styling). Apple Mail
#   draws SVG only where the <body> has a background (note 1), which it has not: the url() clip may
#   go (styling).
# caniemail-css-backdrop-filter: a <div> painted by a photo (background-image, -position, -repeat,
#   -size: cover) holding ten inline-block padded <div>s, each a <div> with a 1px white border, 5px
#   corners, padding and a backdrop-filter, one with white text. OW reads no background-image (no
#   VML here): the photo goes, and the white text is white on white (content); its position, repeat
#   and size go with it, inline-block (note 5) and padding on <div>s (note 1) too (styling); the
#   white borders and corners on the white page and the filters over it show nothing. Gmail, Yahoo,
#   Outlook.com read no backdrop-filter: the boxes over the photo are not blurred (styling). Apple
#   Mail reads it with -webkit- (note 1): nothing.
# postmark-dunning (Postmark's inlined basic dunning email): as its receipt and welcome (a Google font
#   by @import, a hidden preheader, a masthead link with text-shadow, a border-based button: an
#   inline-block <a> with 10px 18px borders, 3px corners, a box-shadow in rgba, box-sizing; the
#   action table's margin:30px auto; a dark-mode query; :root color-scheme), with a grey box of a
#   padded cell holding an <h2>, <p>s and a <ul> (margins, unitless line-height, no padding). OW:
#   borders over 8px (note 1), inline-block (note 5), corners, shadows, the auto margin that takes
#   its 30px with it (note 4) (styling); body margin and height cost nothing. Gmail: box-shadow and
#   text-shadow (styling). Yahoo: box-shadow (styling). Outlook.com: text-shadow (styling). Apple
#   Mail: nothing.
# mjml-delivery (MJML's delivery template): sections with 8px corners and overflow:hidden on a dark
#   green body; `.fd-accountid p { background; border-radius:99px; padding:10px 15px }` (a pill on a
#   <p>); `p { margin:0 !important }`; `.fd-text a { color:unset }` (caniemail has no data on unset);
#   spacers; a dashed 1.5px divider (a <p> border, a ghost table for Outlook); a button of an
#   inline-block padded link in a cell with mso-padding-alt; Inter from Google Fonts. OW: the
#   corners, and padding on a <p> (note 1) (styling); overflow:hidden clips nothing once the corners
#   go; the cell draws the button; the web font stands in. Elsewhere nothing.
EXPECTED_19: dict[str, dict[str, tuple[set[str], set[str]]]] = {
    "caniemail-css-cursor.html": {
        "Outlook Windows": (
            set(),
            {"css-selector-universal", "css-line-height", "css-max-width", "css-height", "css-margin"},
        ),
        "Gmail web": (set(), {"css-cursor"}),
        "Yahoo": (set(), {"css-cursor", "css-height"}),
        "Outlook.com": (set(), {"css-cursor"}),
    },
    "caniemail-css-hyphen.html": {
        "Outlook Windows": (set(), {"css-width", "css-margin"}),
        "Gmail web": (set(), {"css-hyphens"}),
        "Yahoo": (set(), {"css-hyphens"}),
        "Outlook.com": (set(), {"css-hyphens"}),
    },
    "caniemail-css-clip-path.html": {
        "Outlook Windows": (set(), {"css-clip-path", "html-svg"}),
        "Gmail web": (set(), {"css-clip-path", "html-svg"}),
        "Apple Mail": (set(), {"html-svg"}),
        "Yahoo": (set(), {"css-clip-path", "html-svg"}),
        "Outlook.com": (set(), {"css-clip-path", "html-svg"}),
    },
    "caniemail-css-backdrop-filter.html": {
        "Outlook Windows": (
            {"css-background-image"},
            {
                "css-background-position",
                "css-background-repeat",
                "css-background-size",
                "css-display",
                "css-padding",
            },
        ),
        "Gmail web": (set(), {"css-backdrop-filter"}),
        "Yahoo": (set(), {"css-backdrop-filter"}),
        "Outlook.com": (set(), {"css-backdrop-filter"}),
    },
    "postmark-dunning.html": {
        "Outlook Windows": (
            set(),
            {
                "css-border",
                "css-display",
                "css-border-radius",
                "css-box-shadow",
                "css-text-shadow",
                "css-margin",
            },
        ),
        "Gmail web": (set(), {"css-box-shadow", "css-text-shadow"}),
        "Yahoo": (set(), {"css-box-shadow"}),
        "Outlook.com": (set(), {"css-text-shadow"}),
    },
    "mjml-delivery.html": {"Outlook Windows": (set(), {"css-border-radius", "css-padding"})},
}
# Found (blind, 19 of the 30 email-and-client pairs agreed exactly). Wrong in the report, fixed by
# general rules (tests on markup of the project's own in test_clients.py): the clip-path email's
# <svg>, which holds only a clipPath in <defs>, was content lost in every client but Apple Mail's
# partial support too (an <svg> of definitions alone draws nothing where it is written, SVG 2 5.3:
# only its empty box's room goes); the hyphens email's 150px <p>s (a width in a style-block rule)
# were judged as wide as a phone's line, so its 28-letter word was no long word (a line-breaking
# property matters where a word, at 1em of its text a character, does not fit the narrowest px
# width given around it; hyphens:manual is the initial value); the cursor email's red bars in Yahoo,
# whose &nbsp; the report read as no text (a no-break space makes a line, CSS Text 3 4.1.1, and the
# height written as min-height grows to it); url() cursors in Apple Mail, whose keyword after the
# images stands in (CSS UI 4, 5.1); white text over the photo Outlook does not draw, which the
# report counted as styling (text that does not stand out from what a dropped background image
# leaves behind is content lost, as the contrast check reads it). Right in the report, wrong in the
# reading (kept, REVIEWED_19): the backdrop filters over Outlook's white canvas are not nothing
# (contrast(.1), invert(.7) and sepia(.4) change even a plain white backdrop), and the 1px white
# borders on <div>s (unreliable there, caniemail's note 2) are white on a canvas whose colour is the
# client's, not the email's. After: 29 of 30, 30 with the reviewed pair.
REVIEWED_19: dict[str, dict[str, tuple[set[str], set[str]]]] = {
    "caniemail-css-backdrop-filter.html": {
        "Outlook Windows": (
            {"css-background-image"},
            EXPECTED_19["caniemail-css-backdrop-filter.html"]["Outlook Windows"][1]
            | {"css-backdrop-filter", "css-border"},
        ),
    },
}
# Pairs that agree with the reviewed expectations: a floor, never to fall below (of 45, with the
# three read late).
ROUND_19_FLOOR = 45


def expected_19(name: str, client: Client) -> tuple[set[str], set[str]]:
    reviewed = REVIEWED_19.get(name, {})
    if client.short in reviewed:
        return reviewed[client.short]
    return EXPECTED_19[name].get(client.short, (set(), set()))


def test_round_19_emails_agree_with_their_reading_at_least_as_often_as_measured() -> None:
    pairs = [(name, client) for name in EXPECTED_19 for client in ROUND_13_CLIENTS]
    missed = [
        (name, client.short)
        for name, client in pairs
        if losses(report_on(name), client) != expected_19(name, client)
    ]
    assert len(pairs) - len(missed) >= ROUND_19_FLOOR, missed


@pytest.mark.parametrize(
    ("name", "content"),
    [(name, name == "caniemail-css-backdrop-filter.html") for name in EXPECTED_19],
)
def test_round_19_emails_lose_content_only_where_white_text_loses_its_photo(name: str, content: bool) -> None:
    errors = messages(report_on(name), "error")
    assert bool(errors) == content, errors
    assert all("drop-shadow" in error for error in errors), errors


def test_caniemails_clip_path_svg_loses_its_room_and_the_cursor_url_its_image_only() -> None:
    svg = item(report_on("caniemail-css-clip-path.html"), GMAIL, "html-svg")
    assert svg is not None and svg.effect == "decoration" and "draws nothing" in svg.why, svg
    cursor = item(report_on("caniemail-css-cursor.html"), APPLE_MAIL, "css-cursor")
    assert cursor is not None and cursor.effect == "fallback" and "pointer" in cursor.why, cursor


def test_caniemails_hyphens_break_a_word_in_the_narrow_box_where_outlook_keeps_no_width() -> None:
    report = report_on("caniemail-css-hyphen.html")
    hyphens = item(report, GMAIL, "css-hyphens")
    assert hyphens is not None and hyphens.effect == "decoration", hyphens
    # Outlook keeps no width on a <p>: the word fits the pane, and hyphens has nothing to do.
    wide = item(report, OUTLOOK_WINDOWS, "css-hyphens")
    assert wide is None or wide.effect == "none", wide


# Two more, read blind after the round's rules (counted apart, see ROUND_19_LATE):
# mjml-tech-geek (MJML's tech-geek template, compiled by mjml-python): a hero section painted by an
#   image over #131925 (MJML's background shorthand with `center top / cover`, the longhands, the
#   table's background attribute, and VML for Outlook) holding white text, with 20px top corners
#   and overflow:hidden; grey sections with 2px side borders on their cells; images and labels with
#   a rounded corner; buttons with 50px corners (a cell drawn for Outlook); arrows in <span>s with
#   margin-left:4px; `.tg-h1 p { line-height:40px }`; Manrope from Google Fonts at weight 500 before
#   Helvetica and Arial, with letter-spacing -0.3px. OW: the corners (styling), and the 4px margin
#   on a <span> (note 2) (styling); VML draws the hero's image, the ghost table's
#   mso-line-height-rule reaches the rule's line-height, and weight 500 is drawn normal in the
#   Arial Outlook falls back to (Manrope is hidden from it), as a browser draws it: nothing. Yahoo:
#   the shorthand with its size after a slash (note 2), as MJML's basic and card emails: the
#   attribute draws the image (styling, as those). Gmail, Outlook.com, Apple Mail: nothing (the web
#   font stands in).
# caniemail-css-colors: <p>s coloured inside a red <div> by names, 3-, 4-, 6- and 8-digit hex,
#   rgb() and rgba() with commas, with an alpha and with spaces and a slash, hsl(), hsla(), and
#   lab(), lch(), hwb(), gray(), color(), device-cmyk() written with commas (no valid syntax: every
#   browser ignores them, so their loss costs nothing); <span>s made transparent by each syntax; a
#   <p> with a currentColor dashed border. OW reads no rgb() alpha nor spaces (notes 1, 2) and no
#   rgba() at all: those <p>s turn red (styling), and the spans made transparent by rgb(0,128,0,0)
#   and rgba(0,128,0,0) show their words (content); it draws a border on a <p> unreliably (note 2)
#   (styling). Gmail strips a style attribute holding rgb() or rgba() with spaces (notes 3, 2): red
#   (styling). Yahoo reads no spaces in rgb() or rgba() (note 1): red (styling). Outlook.com and
#   Apple Mail: nothing.
EXPECTED_19["mjml-tech-geek.html"] = {
    "Outlook Windows": (set(), {"css-border-radius", "css-margin"}),
    "Yahoo": (set(), {"css-background"}),
}
EXPECTED_19["caniemail-css-colors.html"] = {
    "Outlook Windows": ({"css-rgb", "css-rgba"}, {"css-border"}),
    "Gmail web": (set(), {"css-rgb", "css-rgba"}),
    "Yahoo": (set(), {"css-rgb", "css-rgba"}),
}
ROUND_19_LATE = ("mjml-tech-geek.html", "caniemail-css-colors.html")
# Found (blind, 5 of the 10 pairs agreed). Wrong in the report, fixed by general rules (tests on
# markup of the project's own in test_clients.py): the colours email's lab(10,10,10) and
# lch(10,10,10) were styling lost in Gmail, Yahoo, Outlook.com and OW, though no browser reads them
# (CSS Color 4 gives those functions no comma syntax; a declaration a browser cannot read is ignored,
# CSS 2.1 4.2); its spans made transparent by rgb(0,128,0,0) and rgba(0,128,0,0) were styling in OW,
# which drops both, though the words they hid show in the red around them (a colour of alpha 0
# draws nothing); the tech-geek hero's `.tg-h1 p { line-height:40px }` was Outlook's loose line
# height though MJML's ghost cells around every <p> it styles set mso-line-height-rule:exactly,
# which the walk reads after the <head>; its weight 500 in OW, whose stack starts with Manrope, a
# web font Outlook ignores (caniemail's note), then Helvetica, which has no medium face: a browser
# draws 500 regular in it, as Outlook does (CSS Fonts 4, 5.2). After: 10 of 10. Over the round's
# eight emails: blind 24 of 40 pairs, after 39 of 40, 40 with the reviewed pair.


def test_caniemails_colours_email_shows_the_words_transparency_hid_in_outlook_alone() -> None:
    report = report_on("caniemail-css-colors.html")
    for feature in ("css-rgb", "css-rgba"):
        found = item(report, OUTLOOK_WINDOWS, feature)
        assert found is not None and found.effect == "content" and "hidden text shows" in found.why, found
    modern = item(report, GMAIL, "css-modern-color")
    assert modern is not None and modern.effect == "none" and "no browser reads it" in modern.why, modern
    errors = messages(report, "error")
    assert errors and all("transparent" in error for error in errors), errors


def test_mjmls_tech_geek_keeps_its_line_heights_and_weight_in_outlook() -> None:
    report = report_on("mjml-tech-geek.html")
    for feature in ("css-line-height", "css-font-weight"):
        found = item(report, OUTLOOK_WINDOWS, feature)
        assert found is None or found.effect in ("none", "partial", "fallback"), (feature, found)
    assert not messages(report, "error")


# One more, read blind after all the round's rules (counted apart, see ROUND_19_LAST):
# mjml-happy-new-year (MJML's happy-new-year template, compiled by mjml-python): sections of images
#   (a logo, a GIF hero, a text picture with alt text, a signature) and Arial text on red and white;
#   no web font, no corners, no background image. OW shows a GIF's first frame only (caniemail's
#   note 1): the hero's animation is lost, its first frame shows (styling). Elsewhere nothing.
EXPECTED_19["mjml-happy-new-year.html"] = {"Outlook Windows": (set(), {"image-gif"})}
ROUND_19_LAST = ("mjml-happy-new-year.html",)
# Found (blind, 4 of its 5 pairs agreed). Right in the report, wrong in the reading (kept,
# REVIEWED_19): whether the hero GIF is animated is not in the email (only the file says), so the
# note's case cannot be told: the report lists image-gif as kept with the note, and claims no loss.
REVIEWED_19["mjml-happy-new-year.html"] = {"Outlook Windows": (set(), set())}


# --- round 20: four emails read blind ----------------------------------------------------------------
#
# Three MJML newsletter templates from mjmlio/email-templates compiled by mjml-python (licences in
# tests/data/emails/LICENSES.md; black-friday, welcome-email and reactivation-email were tried too,
# but mjml-python refuses them). For each of OW (Outlook for Windows), Gmail web, Apple Mail, Yahoo
# and Outlook.com, what a reader of caniemail's data and notes expects the client to lose, written
# before the report ran on them.
# mjml-newsletter: a light-grey body of white and grey sections; an avatar, articles of a 130px image
#   column beside a 350px text column, grey text, a 200-weight "Helvetica Neue" heading; a social bar
#   of 20px icons on coloured squares with 3px corners (inline-table tables, Outlook's ghost cells).
#   OW: the icons' corners (styling); weight 200 is drawn regular there (note 2), as a browser draws
#   it in a family with no light face (Helvetica Neue is not on Windows): nothing; the columns'
#   inline-block and the tables' inline-table stand in Outlook's ghost cells. Elsewhere nothing.
# mjml-onepage: a full-width hero section with a background photo (the `background` shorthand with
#   `/ cover`, position, repeat and size longhands, the table's background attribute, VML with
#   mso-width-percent for Outlook), dark-grey text on it; three feature columns; a red section with a
#   white divider; pill buttons (24px corners, cursor:auto). OW: VML draws the photo (a fallback), the
#   buttons' corners (styling). Yahoo reads no `/ value` shorthand (note 2): the shorthand goes, the
#   background attribute still draws the photo (styling, as mjml-basic's reviewed pair). Gmail and
#   Outlook.com drop cursor, whose auto is the initial value: nothing. Apple Mail: nothing.
# mjml-christmas: white sections of 600px images and two-column recipes (one section direction:rtl,
#   the image right of the text), <p>s with px line heights and 10px 0 margins, a title whose
#   `font-size:30p` no browser reads, a button with 3px corners, social icons. OW: the corners of the
#   button and icons (styling); the <p>s' margins carry no background (note 3 paints nothing); the
#   line heights are exact in MJML's cells. Elsewhere nothing (every client reads direction).
EXPECTED_20: dict[str, dict[str, tuple[set[str], set[str]]]] = {
    "mjml-christmas.html": {"Outlook Windows": (set(), {"css-border-radius"})},
}
# One more, read blind after the three (counted apart, see ROUND_20_LATE):
# sendgrid-paste-digest (SendGrid's hand-built "paste" weekly digest, the password reset's skeleton):
#   the same head, body rule, ghost tables, logo, <h1> and button; a white card whose first cell has
#   0 0 2px 2px corners; two list rows of a 100px image (display:block, border-radius:50%) beside a
#   cell padded 12px on the left; 3px borders on cells. OW: as the password reset (px line-heights
#   without mso-line-height-rule, the corners, round images drawn square, the link's padding and
#   inline-block) (styling). Gmail, Yahoo, Outlook.com: the web font (fallback) and attribute rules
#   that match nothing. Apple Mail: nothing.
EXPECTED_20["sendgrid-paste-digest.html"] = {
    "Outlook Windows": (set(), {"css-line-height", "css-border-radius", "css-padding", "css-display"}),
}
ROUND_20_LATE = ("sendgrid-paste-digest.html",)
# Found (blind, 13 of the 15 email-and-client pairs agreed exactly). Both misses were right in the
# report and wrong in the reading (kept, REVIEWED_20): the onepage template's full-width sections
# paint white, red and the photo edge to edge of a grey body, so the `body { margin:0 }` Outlook for
# Windows drops (caniemail's margin note 2: not on <body>) leaves its default margin, a grey band,
# around them (styling); the newsletter's 200-weight "Helvetica Neue" heading is drawn in the
# family's light faces where the family is installed (macOS), and Outlook rounds the weight to
# normal (caniemail's note 2): the same reading as Helvetica at 300 (test_clients.py). No rule
# changed. After: 15 of 15 with the reviewed pairs. The digest read late: 5 of 5 blind. Over the
# round's four emails: blind 18 of 20, 20 of 20 with the reviewed pairs.
# The newsletter and onepage templates were then taken out of the collection (their placeholder
# text is the Lorem ipsum passage one of ../shared/corpus's posts carries too, and the project keeps
# no 12-word run of that test data); their two reviewed pairs went with them.
REVIEWED_20: dict[str, dict[str, tuple[set[str], set[str]]]] = {}
# Pairs that agree with the reviewed expectations: a floor, never to fall below (of 10, with the
# digest read late).
ROUND_20_FLOOR = 10


def expected_20(name: str, client: Client) -> tuple[set[str], set[str]]:
    reviewed = REVIEWED_20.get(name, {})
    if client.short in reviewed:
        return reviewed[client.short]
    return EXPECTED_20[name].get(client.short, (set(), set()))


def test_round_20_emails_agree_with_their_reading_at_least_as_often_as_measured() -> None:
    pairs = [(name, client) for name in EXPECTED_20 for client in ROUND_13_CLIENTS]
    missed = [
        (name, client.short)
        for name, client in pairs
        if losses(report_on(name), client) != expected_20(name, client)
    ]
    assert len(pairs) - len(missed) >= ROUND_20_FLOOR, missed


@pytest.mark.parametrize("name", sorted(EXPECTED_20))
def test_round_20_emails_lose_no_content_in_any_client(name: str) -> None:
    assert not messages(report_on(name), "error")


# --- round 21: emails read blind, with Samsung Email -----------------------------------------------
#
# Postmark's "basic-full" comment notification and three of caniemail's test emails (licences in
# tests/data/emails/LICENSES.md). For each of OW (Outlook for Windows), Gmail web, Apple Mail, Yahoo
# and Samsung Email (in place of Outlook.com this round), what a reader of caniemail's data and notes
# expects the client to lose (content, or styling), written before the report ran on them.
# postmark-full-comment-notification: Postmark's inlined skeleton (a grey body and wrapper, a 570px
#   white card centred by align and margin:0 auto), a masthead link in grey with a 1px white
#   text-shadow, Nunito Sans by @import before Helvetica and Arial (Arial for Outlook by an mso-only
#   class), <p>s with em margins and a unitless line height, word-break on cells; a dark mode
#   (`prefers-color-scheme`, `:root { color-scheme }` and the meta tags); rules for buttons,
#   discounts and a preheader no element uses. OW and Gmail read no text-shadow: the masthead's
#   letterpress shadow goes (styling). The web font is a fallback everywhere it goes (Gmail, Yahoo,
#   Samsung); the dark mode is a fallback to the light one (OW, Gmail, Yahoo); the body margin OW
#   drops shows the same grey as the wrapper; no word is long enough for word-break to matter.
#   Apple Mail, Yahoo, Samsung: nothing.
# caniemail-css-pseudo-selectors: unstyled <div>s, spans, headings, inputs (checkbox, radio, text,
#   number, email), a <progress>, a <button> and links, each turned green by a rule on a pseudo-class
#   or pseudo-element; ::before and ::after add words; `:root` is pink; h1-h4 and p are 16px then
#   1rem. Where a rule is dropped its element stays unpainted (styling); where ::before/::after go,
#   their words go (content). Pseudo-classes caniemail has no data on (:enabled, :empty, :invalid,
#   :root...) are not claimed. OW: every pseudo-class but :link and every pseudo-element; the
#   adjacent-sibling rules (`input:disabled + div`, `h3:empty + div`); the <progress> (styling); the
#   inputs and the button, which it does not show (content). Gmail: all but :hover and the sibling
#   combinator (the link's :link too), and the progress bar (styling); the generated words (content).
#   Apple Mail: :target and :visited (styling); :active is read with a mouse. Yahoo: :lang, :not, the
#   nth-* pseudo-classes and the progress bar (styling); the generated words (content). Samsung:
#   :active and :visited (styling); its text fields show (caniemail's note: the keyboard may not).
#   The rem is a fallback to the 16px before it wherever it goes.
# caniemail-html-srcset: a heading, then an image with src, srcset (480w, 640w, 1440w), sizes=100vw,
#   display:block, width:100%, height:auto, last in the email. Where srcset goes (OW, Gmail, Yahoo)
#   src stands in (fallback). OW keeps no width on an <img> (css-width note 1): the image keeps its
#   own size (styling); its display:block costs nothing, the image ending the email. Elsewhere nothing.
# caniemail-css-system-fonts: six <h2>s in system-ui, ui-serif, ui-sans-serif, ui-rounded and
#   ui-monospace, each before fantasy or serif. caniemail has no data on these families: nothing is
#   claimed in any client.
ROUND_21_CLIENTS = (OUTLOOK_WINDOWS, GMAIL, APPLE_MAIL, YAHOO, SAMSUNG)
PSEUDO_CLASSES_OUTLOOK_DROPS = {
    f"css-pseudo-class-{name}"
    for name in (
        "active",
        "checked",
        "default",
        "first-child",
        "first-of-type",
        "focus",
        "hover",
        "lang",
        "last-child",
        "last-of-type",
        "not",
        "nth-child",
        "nth-last-child",
        "nth-last-of-type",
        "nth-of-type",
        "only-child",
        "only-of-type",
        "target",
        "visited",
    )
}
GENERATED_WORDS = {"css-pseudo-element-before", "css-pseudo-element-after"}
EXPECTED_21: dict[str, dict[str, tuple[set[str], set[str]]]] = {
    "postmark-full-comment-notification.html": {
        "Outlook Windows": (set(), {"css-text-shadow"}),
        "Gmail web": (set(), {"css-text-shadow"}),
    },
    "caniemail-css-pseudo-selectors.html": {
        "Outlook Windows": (
            {"html-input-checkbox", "html-input-radio", "html-input-text", "html-button-submit"}
            | GENERATED_WORDS,
            PSEUDO_CLASSES_OUTLOOK_DROPS
            | {
                "css-pseudo-element-first-letter",
                "css-pseudo-element-first-line",
                "css-pseudo-element-placeholder",
                "css-selector-adjacent-sibling",
                "html-progress",
            },
        ),
        "Gmail web": (
            GENERATED_WORDS,
            (PSEUDO_CLASSES_OUTLOOK_DROPS - {"css-pseudo-class-hover"})
            | {
                "css-pseudo-class-link",
                "css-pseudo-element-first-letter",
                "css-pseudo-element-first-line",
                "css-pseudo-element-placeholder",
                "html-progress",
            },
        ),
        "Apple Mail": (set(), {"css-pseudo-class-target", "css-pseudo-class-visited"}),
        "Yahoo": (
            GENERATED_WORDS,
            {
                "css-pseudo-class-lang",
                "css-pseudo-class-not",
                "css-pseudo-class-nth-child",
                "css-pseudo-class-nth-last-child",
                "css-pseudo-class-nth-last-of-type",
                "css-pseudo-class-nth-of-type",
                "html-progress",
            },
        ),
        "Samsung Email": (set(), {"css-pseudo-class-active", "css-pseudo-class-visited"}),
    },
    "caniemail-html-srcset.html": {"Outlook Windows": (set(), {"css-width"})},
    "caniemail-css-system-fonts.html": {},
}
# Found (blind, 13 of the 20 email-and-client pairs agreed exactly). Wrong in the report, fixed by
# general rules (tests on markup of the project's own in test_clients.py and test_clients_notes.py):
# the pseudo-selectors email's `font-size:16px; font-size:1rem` was styling lost in OW and Yahoo,
# though a declaration a client cannot read is ignored and the block's other one applies (CSS 2.1
# 4.2): the block's own fallback; its ::first-letter rule's line-height in em was Outlook's loose
# line height, though OW drops that rule whole for its ::first-letter (listed there, once);
# `input:checked + h2` "matched nothing" in OW, whose copy has no checkbox, though the <h2> it paints
# stays there, unpainted (:checked and "+" are lost styling); the `required` attribute of the text
# fields OW does not show was styling lost of its own; its email-type fields were not text fields
# (HTML makes every one-line text type, and an invalid type, a text field); Samsung's text fields,
# "not supported" with a note that only some Android keyboards do not open (pasting works), were
# content lost, though they show with their text. Right in the report, wrong in the reading (kept,
# REVIEWED_21): caniemail's data has system-ui and the ui-* families (its slug is css-sytem-ui): OW
# reads none of them and Samsung system-ui alone, so the <h2>s fall back to fantasy or serif
# (styling); Postmark's white body row runs edge to edge of its grey wrapper, so the body margin OW
# keeps (caniemail's margin note 2) shows a grey band beside it (styling), as round 20's onepage; a
# <progress> shows a value (content, where it goes); `href="#target"` points at an id, which OW,
# Gmail and Yahoo do not follow (caniemail's note 7) and Samsung follows no anchor (note 3); Gmail
# and Yahoo drop `required`, which `.required:required` and `:optional` read (styling).
# After: 20 of 20 with the reviewed pairs.
_PSEUDO_REVIEWED_CONTENT = {"html-progress"} | GENERATED_WORDS
REVIEWED_21: dict[str, dict[str, tuple[set[str], set[str]]]] = {
    "postmark-full-comment-notification.html": {
        "Outlook Windows": (set(), {"css-text-shadow", "css-margin"})
    },
    "caniemail-css-pseudo-selectors.html": {
        "Outlook Windows": (
            EXPECTED_21["caniemail-css-pseudo-selectors.html"]["Outlook Windows"][0] | {"html-progress"},
            (EXPECTED_21["caniemail-css-pseudo-selectors.html"]["Outlook Windows"][1] - {"html-progress"})
            | {"html-anchor-links"},
        ),
        "Gmail web": (
            _PSEUDO_REVIEWED_CONTENT,
            (EXPECTED_21["caniemail-css-pseudo-selectors.html"]["Gmail web"][1] - {"html-progress"})
            | {"html-anchor-links", "html-required"},
        ),
        "Yahoo": (
            _PSEUDO_REVIEWED_CONTENT,
            (EXPECTED_21["caniemail-css-pseudo-selectors.html"]["Yahoo"][1] - {"html-progress"})
            | {"html-anchor-links", "html-required"},
        ),
        "Samsung Email": (
            set(),
            EXPECTED_21["caniemail-css-pseudo-selectors.html"]["Samsung Email"][1] | {"html-anchor-links"},
        ),
    },
    # And, found by the review rather than the reading: the same data's note on the webmails (Gmail,
    # Yahoo, Outlook.com; supported, "Partial. Depends on browser support") says ui-serif and its
    # kin are drawn only in Safari and on iOS, so in the other browsers a webmail is read in the
    # <h2>s fall back too (the report read no such note before; now it does, test_clients_notes.py).
    "caniemail-css-system-fonts.html": {
        "Outlook Windows": (set(), {"css-sytem-ui"}),
        "Gmail web": (set(), {"css-sytem-ui"}),
        "Yahoo": (set(), {"css-sytem-ui"}),
        "Samsung Email": (set(), {"css-sytem-ui"}),
    },
}
# Pairs that agree with the reviewed expectations: a floor, never to fall below (of 20).
ROUND_21_FLOOR = 20


def expected_21(name: str, client: Client) -> tuple[set[str], set[str]]:
    reviewed = REVIEWED_21.get(name, {})
    if client.short in reviewed:
        return reviewed[client.short]
    return EXPECTED_21[name].get(client.short, (set(), set()))


def test_round_21_emails_agree_with_their_reading_at_least_as_often_as_measured() -> None:
    pairs = [(name, client) for name in EXPECTED_21 for client in ROUND_21_CLIENTS]
    missed = [
        (name, client.short)
        for name, client in pairs
        if losses(report_on(name), client) != expected_21(name, client)
    ]
    assert len(pairs) - len(missed) >= ROUND_21_FLOOR, missed


@pytest.mark.parametrize(
    ("name", "content"),
    [(name, name == "caniemail-css-pseudo-selectors.html") for name in EXPECTED_21],
)
def test_round_21_emails_lose_content_only_where_fields_or_generated_words_go(
    name: str, content: bool
) -> None:
    errors = messages(report_on(name), "error")
    assert bool(errors) == content, errors


def test_caniemails_pseudo_selectors_keep_their_fallback_size_and_lose_the_checked_heading_in_outlook() -> (
    None
):
    report = report_on("caniemail-css-pseudo-selectors.html")
    size = item(report, OUTLOOK_WINDOWS, "css-font-size")
    assert size is not None and size.effect in ("fallback", "none"), size
    lines = item(report, OUTLOOK_WINDOWS, "css-line-height")
    assert lines is not None and lines.effect == "none" and "::first-letter" in lines.why, lines
    checked = item(report, OUTLOOK_WINDOWS, "css-pseudo-class-checked")
    assert checked is not None and checked.effect == "decoration", checked
    field = item(report, SAMSUNG, "html-input-text")
    assert field is not None and field.effect == "partial" and "keyboard" in field.why, field


def test_srcset_falls_back_to_src_and_outlook_keeps_no_width_on_the_image() -> None:
    report = report_on("caniemail-html-srcset.html")
    for client in (OUTLOOK_WINDOWS, GMAIL, YAHOO):
        found = item(report, client, "html-srcset")
        assert found is not None and found.effect == "fallback", (client, found)
    width = item(report, OUTLOOK_WINDOWS, "css-width")
    assert width is not None and width.effect == "decoration", width


# One more, read blind after the round's rules (counted apart, see ROUND_21_LATE):
# sendwithus-airmail-confirm (sendwithus's Airmail theme, its shipping confirmation): a white body;
#   a header of a tiled image (the cell's `background` shorthand with url() and #f9f8f8, the header
#   table's background attribute under background-color:transparent, VML for Outlook) holding a bold
#   16px link with a 16px line-height and height; a 500px white card padded by a class rule; td rules
#   with line-height:1.5em; a button of a green link with a background image, 1px border, 4px corners,
#   text-shadow, inline-block and a 190px width, hidden from Outlook by mso-hide:all where a VML
#   roundrect stands in; a grey footer of 1px-bordered cells; the body's margin, padding and display
#   set inline with !important and in a rule; a second <style> for screens up to 650px (a universal
#   16px font size, attribute selectors on class). Placeholder links (href="#").
#   OW: the body margin it does not read leaves a band beside the full-width header and footer
#   (styling); line heights in px and em without mso-line-height-rule:exactly (styling); VML draws
#   the header image and the button (fallbacks); the link it hides loses nothing. Gmail: the button's
#   text-shadow (styling). Samsung (a phone: the 650px rules apply, and it reads them all): clicking
#   an anchor does nothing (its note 3), the "#" links (styling). Apple Mail, Yahoo: nothing (Yahoo's
#   min-height for the header's 16px height holds its one 16px line).
EXPECTED_21["sendwithus-airmail-confirm.html"] = {
    "Outlook Windows": (set(), {"css-margin", "css-line-height"}),
    "Gmail web": (set(), {"css-text-shadow"}),
    "Samsung Email": (set(), {"html-anchor-links"}),
}
ROUND_21_LATE = ("sendwithus-airmail-confirm.html",)
# Found (blind, 3 of its 5 pairs agreed). Wrong in the report, fixed by general rules (tests on
# markup of the project's own in test_clients.py): OW lost `a.blue-link`, `td.center` and
# `table.full-width-gmail-android` as chained selectors, though it cuts only a chain of classes and
# ids to its first (.a.b as .a) and reads a compound that starts with a type whole, as Word's own
# p.MsoNormal (round 15's reading, now kept in Outlook's copy too); and the body's `margin:0
# !important` was lost twice, as a margin and as an inline !important, though Outlook drops a
# <body>'s margin for the property itself (an !important adds no loss where its declaration goes
# anyway). Right in the report, wrong in the reading (kept, REVIEWED_21): href="#" leads to no part
# of the email in any client, a placeholder: that Samsung follows no anchor costs nothing there.
# After: 5 of 5 with the reviewed pair.
REVIEWED_21["sendwithus-airmail-confirm.html"] = {"Samsung Email": (set(), set())}
# Over the round's five emails: 25 pairs, the floor (blind 16 of 25).
ROUND_21_FLOOR = 25


def test_sendwithus_airmail_keeps_its_type_first_rules_and_loses_its_body_margin_once_in_outlook() -> None:
    report = report_on("sendwithus-airmail-confirm.html")
    chained = item(report, OUTLOOK_WINDOWS, "css-selector-chaining")
    assert chained is not None and chained.effect in ("none", "partial", "fallback"), chained
    important = item(report, OUTLOOK_WINDOWS, "css-important")
    assert important is not None and important.effect == "none" and "anyway" in important.why, important
    assert not messages(report, "error")
