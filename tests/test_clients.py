"""The client-support report and the client views (digest.checks.clients), from caniemail's data."""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from digest.checks.caniemail import load
from digest.checks.caniemail.refresh import SnapshotError, main, refresh
from digest.checks.clients.mailclients import COUNTED_CLIENTS, MAJOR_CLIENTS, VIEW_CLIENTS, Client
from digest.checks.clients.report import (
    ReportItem,
    client_report,
    client_report_for,
    client_view,
    format_report,
)
from digest.checks.mediaquery import PHONE
from digest.checks.origins import EmailSources
from tests.conftest import REPO, SHARED, require
from tests.helpers import CLIENTS, OUTLOOK, OUTLOOK_MAC, item, messages, styled_email
from tests.test_cli import run

GOLDEN = REPO / "tests" / "golden"
DEMO = GOLDEN / "issue-2025" / "email.html"
PACKAGE_DATA = REPO / "digest" / "checks" / "caniemail"
GMAIL = VIEW_CLIENTS["gmail"]
YAHOO = VIEW_CLIENTS["yahoo"]
OUTLOOK_COM = VIEW_CLIENTS["outlook-com"]
OUTLOOK_WINDOWS = next(client for client in MAJOR_CLIENTS if client.outlook_windows)
APPLE_MAIL = next(client for client in MAJOR_CLIENTS if client.short == "Apple Mail")

THEME = EmailSources.read(REPO / "templates" / "email.mjml.j2", REPO / "templates" / "email.css")
# What the issue asked for: at or below a plain MJML newsletter in every client.
TARGETS = {"Gmail web": 3, "Outlook Windows": 9, "Outlook.com": 1, "Apple Mail": 0, "Yahoo": 5}
# The "visually hidden" span the theme used, as premailer inlined it.
CLIPPED_SPAN = (
    '<span class="visually-hidden" style="position:absolute; width:1px; height:1px; overflow:hidden; '
    'clip:rect(0 0 0 0); white-space:nowrap">: {title}</span>'
)


def with_clipped_spans(html: str) -> str:
    """The demo email as it was before the theme stopped hiding text with CSS."""
    return re.sub(
        r'aria-label="Read our review: ([^"]*)"([^>]*)>Read our review →',
        lambda m: f"{m.group(2)}>Read our review{CLIPPED_SPAN.format(title=m.group(1))} →",
        html,
    )


def email(body: str, head: str = "") -> str:
    return f'<!doctype html>\n<html lang="en"><head><title>t</title>{head}</head><body>{body}</body></html>'


# --- the counts ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(GOLDEN.rglob("email.html")), ids=lambda p: str(p.relative_to(GOLDEN)))
def test_every_golden_email_is_within_the_targets_and_loses_no_content(path: Path) -> None:
    report = client_report(path.read_bytes(), THEME)
    counts = report.counts()
    assert list(counts) == [client.short for client in COUNTED_CLIENTS]
    over = {name: count for name, count in counts.items() if count > TARGETS[name]}
    assert not over, f"{path}: {counts}"
    assert [each.client for each in report.clients] == list(MAJOR_CLIENTS)
    assert report.findings == (), report.findings


def test_the_counts_reproduce_what_the_issue_measured() -> None:
    before = with_clipped_spans(DEMO.read_text())
    assert before.count("visually-hidden") == 4
    assert client_report(before).counts() == {
        "Gmail web": 3,
        "Outlook Windows": 11,
        "Outlook.com": 1,
        "Apple Mail": 0,
        "Yahoo": 5,
    }


BASELINE_MJML = """<mjml>
  <mj-head>
    <mj-title>The Weekly Letter, issue 12</mj-title>
    <mj-preview>Three reads worth your evening</mj-preview>
    <mj-attributes>
      <mj-all font-family="Helvetica, Arial, sans-serif" />
      <mj-text font-size="16px" line-height="1.5" color="#222222" />
    </mj-attributes>
  </mj-head>
  <mj-body background-color="#f4f4f4">
    <mj-section background-color="#ffffff">
      <mj-column>
        <mj-image src="https://example.org/logo.png" alt="The Weekly Letter" width="150px" href="https://example.org/" />
        <mj-text font-size="24px" font-weight="bold">Issue 12: slow reading</mj-text>
        <mj-text>An unhurried look at three long reads, with a line on why each is worth your time.</mj-text>
        <mj-divider border-color="#dddddd" border-width="1px" />
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff">
      <mj-column width="40%">
        <mj-image src="https://example.org/lichens.jpg" alt="Lichens on a wall" />
      </mj-column>
      <mj-column width="60%">
        <mj-text font-size="20px" font-weight="bold">A field guide to lichens</mj-text>
        <mj-text>The organisms on every old wall, described with care.</mj-text>
        <mj-button href="https://example.org/lichens/" background-color="#1a55a5">Read the review</mj-button>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff">
      <mj-column>
        <mj-text font-size="20px" font-weight="bold">Letters from a lighthouse</mj-text>
        <mj-text>A keeper's notebooks, edited with care.</mj-text>
        <mj-button href="https://example.org/lighthouse/" background-color="#1a55a5">Read the review</mj-button>
      </mj-column>
    </mj-section>
    <mj-section>
      <mj-column>
        <mj-social font-size="13px" icon-size="24px" mode="horizontal">
          <mj-social-element name="facebook" href="https://example.org/share">Share</mj-social-element>
        </mj-social>
        <mj-text font-size="12px" color="#555555" align="center">You get this because you subscribed.
          <a href="https://example.org/unsubscribe">Unsubscribe</a></mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>
"""
# The README's email section gives these: keep them in step.
BASELINE_COUNTS = {"Gmail web": 2, "Outlook Windows": 10, "Outlook.com": 3, "Apple Mail": 0, "Yahoo": 4}


def test_a_plain_mjml_newsletter_inlined_by_premailer_is_the_baseline() -> None:
    import mjml
    import premailer

    html = mjml.mjml2html(BASELINE_MJML, fonts={})
    inlined = premailer.transform(html, strip_important=False, cssutils_logging_level=logging.CRITICAL)
    assert client_report(inlined).counts() == BASELINE_COUNTS
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    row = " | ".join(str(BASELINE_COUNTS[client.short]) for client in COUNTED_CLIENTS)
    assert f"| plain MJML newsletter, inlined by premailer | {row} |" in readme


def test_the_demo_loses_nothing_a_finding_should_name() -> None:
    report = client_report(DEMO.read_bytes(), THEME)
    assert report.findings == ()
    windows = {
        each.feature: each for each in next(s for s in report.clients if s.client == OUTLOOK_WINDOWS).items
    }
    assert windows["css-word-spacing"].effect == "none"  # word-spacing:normal, the initial value
    assert windows["css-max-height"].effect == "none"  # on the preheader, hidden by display:none
    assert windows["css-at-media"].effect == "fallback"
    assert windows["html-meta-color-scheme"].effect == "none"


# --- errors and warnings, and where they point -------------------------------------------------

STYLESHEET = (
    "/* the theme */\n"
    "p.footer { margin: 4px 0; }\n"
    ".visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }\n"
    "td.card { border-radius: 8px; }\n"
)


def sources_in(
    folder: Path, stylesheet: str = STYLESHEET, reviews: dict[str, tuple[str, str]] | None = None
) -> EmailSources:
    (folder / "email.css").write_text(stylesheet)
    (folder / "email.mjml.j2").write_text('<mjml lang="en">\n  <mj-text padding="0 24px">\n</mjml>\n')
    (folder / "issue.md").write_text('---\ntitle: "t"\n---\nIntro.\n')
    paths = []
    for name, (text, html) in (reviews or {}).items():
        (folder / name).write_text(text)
        paths.append((folder / name, html))
    return EmailSources.read(
        folder / "email.mjml.j2", folder / "email.css", (folder / "issue.md", "<p>Intro.</p>"), paths
    )


def test_hidden_text_that_shows_is_an_error_naming_the_stylesheet_line(tmp_path: Path) -> None:
    report = client_report(with_clipped_spans(DEMO.read_text()), sources_in(tmp_path))
    errors = [f for f in report.findings if f.severity == "error"]
    position = next(f for f in errors if "(position)" in f.message)
    assert (position.path, position.line) == (tmp_path / "email.css", 3)
    assert position.check == "client-support"
    assert "Gmail web" in position.message and "Yahoo" in position.message
    assert 'hidden text shows: ": Review: Sebastian Raschka' in position.message
    assert "Apple Mail" not in position.message  # it supports absolute positioning


def test_lost_decoration_the_stylesheet_wrote_is_a_warning(tmp_path: Path) -> None:
    html = email(
        '<table role="presentation"><tr><td class="card" style="border-radius:8px; background:#eeeeee">'
        "A card</td></tr></table>"
    )  # filled: corners on a box that draws nothing at them cost nothing
    report = client_report(html, sources_in(tmp_path))
    (warning,) = report.findings
    assert warning.severity == "warning" and "Outlook Windows" in warning.message
    assert (warning.path, warning.line) == (tmp_path / "email.css", 4)


def test_an_image_a_client_cannot_show_is_an_error_naming_the_review(tmp_path: Path) -> None:
    review = (
        "---\ntitle: A\n---\nText.\n\n![A chart](https://example.org/chart.webp)\n",
        '<img src="https://example.org/chart.webp">',
    )
    sources = sources_in(tmp_path, reviews={"review.md": review})
    html = email('<p>Text.</p><img src="https://example.org/chart.webp" alt="A chart" width="300">')
    report = client_report(html, sources)
    (error,) = [f for f in report.findings if f.severity == "error"]
    assert "Outlook Windows" in error.message and "does not show" in error.message
    assert (error.path, error.line) == (tmp_path / "review.md", 6)


def test_a_flex_layout_outlook_cannot_lay_out_is_an_error() -> None:
    html = email('<div style="display:flex"><p>One</p><p>Two</p></div>')
    (error,) = client_report(html).findings
    assert error.severity == "error" and "layout collapses" in error.message


def test_a_custom_property_is_a_use_of_css_variables_costing_what_var_reads() -> None:
    head = "<style>:root { --brand: #1a55a5 } a { color: var(--brand, #1a55a5) }</style>"
    report = client_report(email('<p style="--gap: 8px"><a href="https://example.org/">x</a></p>', head))
    found = item(report, GMAIL, "css-variables")
    assert isinstance(found, ReportItem) and found.status == "n"
    assert {"--brand:#1a55a5", "--gap:8px"} <= {place.label for place in found.places}
    # Gmail drops the declarations but reads var(): the link takes its fallback, the same colour.
    assert found.effect == "none" and found.why == "var(--brand) takes its fallback, the same value"
    # Yahoo drops var() too: color:var(--brand): the link's colour is lost.
    assert item(report, YAHOO, "css-variables").effect == "decoration"  # type: ignore[union-attr]
    (warning,) = [f for f in report.findings if "CSS Variables" in f.message]
    assert warning.message.startswith("color:var(--brand, #1a55a5)") and "Gmail" not in warning.message
    assert item(report, APPLE_MAIL, "css-variables") is None


def test_where_mjml_wrote_it_is_said(tmp_path: Path) -> None:
    report = client_report(DEMO.read_bytes(), sources_in(tmp_path))
    word_spacing = item(report, OUTLOOK_WINDOWS, "css-word-spacing")
    assert word_spacing is not None
    (place,) = word_spacing.places  # type: ignore[attr-defined]
    assert place.note == "written by MJML" and place.location.path == tmp_path / "email.mjml.j2"


# --- client views ------------------------------------------------------------------------------


def test_a_view_drops_what_that_client_drops_and_keeps_the_rest() -> None:
    head = (
        "<style>p.note { color: #333333; }\n"
        "@media (prefers-color-scheme: dark) { p.note { color: #eeeeee !important; } }</style>"
    )
    body = '<p class="note" style="position:absolute; color:#111111; font-family:Georgia, serif; mso-line-height-rule:exactly">x</p>'
    gmail = client_view(email(body, head), GMAIL).decode()
    assert 'style="color:#111111; font-family:Georgia, serif; mso-line-height-rule:exactly"' in gmail
    assert "p.note{ color:#333333 }" in gmail.replace("p.note {", "p.note{")
    assert "prefers-color-scheme" not in gmail
    apple = client_view(email(body, head), APPLE_MAIL).decode()
    assert "position:absolute" in apple and "prefers-color-scheme" in apple


def test_a_view_declares_its_encoding_once_though_the_client_strips_the_emails_meta() -> None:
    """A view is UTF-8 bytes; left to guessing, a browser may show "·" as "Â·"."""
    source = email("<p>one · two — three</p>", '<meta charset="utf-8">')
    for client in (GMAIL, YAHOO, OUTLOOK_COM, APPLE_MAIL):
        view = client_view(source, client)
        assert view.count(b"charset") == 1 and view.find(b'<meta charset="utf-8">') < 1024
        assert "one · two — three" in view.decode("utf-8")


@pytest.mark.parametrize(
    ("client", "kept", "dropped"),
    [
        (YAHOO, ["position:relative"], ["position:absolute", "position:sticky"]),
        (OUTLOOK_COM, ["position:sticky"], ["position:absolute", "position:relative"]),
        (APPLE_MAIL, ["position:relative", "position:absolute"], ["position:sticky"]),
    ],
)
def test_partial_support_is_read_from_the_notes(client: Client, kept: list[str], dropped: list[str]) -> None:
    body = "".join(f'<p style="{declaration}">{n}</p>' for n, declaration in enumerate(kept + dropped))
    view = client_view(email(body), client).decode()
    assert all(f'style="{declaration}"' in view for declaration in kept)
    assert not any(declaration in view for declaration in dropped)


def test_notes_about_elements_and_values_are_read_for_outlook() -> None:
    body = (
        '<div style="display:none">a</div><div style="display:inline-block">b</div>'
        '<table style="max-width:600px"><tr><td>c</td></tr></table><div style="max-width:600px">d</div>'
        '<p style="font-size:1.2rem">e</p><p style="font-size:18px">f</p>'
    )
    view = client_view(email(body), OUTLOOK_WINDOWS).decode()
    assert 'style="display:none"' in view and "inline-block" not in view
    assert '<table style="max-width:600px">' in view and '<div style="max-width:600px">' not in view
    assert "1.2rem" not in view and 'style="font-size:18px"' in view


def test_markup_in_outlook_conditional_comments_counts_for_outlook_only() -> None:
    body = (
        '<!--[if mso]><table role="presentation" style="position:relative"><tr><td><![endif]-->'
        '<p style="color:#111111">x</p><!--[if mso]></td></tr></table><![endif]-->'
        '<!--[if !mso]><!--><div style="box-shadow:0 1px 2px #999999">y</div><!--<![endif]-->'
    )
    report = client_report(email(body))
    assert item(report, OUTLOOK_WINDOWS, "css-position") is not None
    assert item(report, GMAIL, "css-position") is None
    assert item(report, OUTLOOK_WINDOWS, "css-box-shadow") is None  # Outlook never reads it
    assert item(report, GMAIL, "css-box-shadow") is not None


# --- the report -------------------------------------------------------------------------------


def test_the_report_lists_every_major_client_with_where_each_feature_is_used() -> None:
    report = client_report(
        DEMO.read_bytes(),
        EmailSources.read(REPO / "templates" / "email.mjml.j2", REPO / "templates" / "email.css"),
    )
    assert [each.client for each in report.clients] == list(MAJOR_CLIENTS)
    text = format_report(report, REPO)
    assert text.startswith(f"Email client support ({load().label})")
    assert "Gmail (Desktop Webmail): 2 not supported" in text
    assert "not supported: @media (prefers-color-scheme)" in text
    assert "templates/email.css:" in text and str(REPO) not in text
    assert "in part: position" not in text  # the theme no longer positions anything


def test_an_email_gmail_clips_is_not_looked_at() -> None:
    report = client_report_for(b"<!doctype html>" + b" " * 102_000, None)
    assert report.clients == () and report.findings == ()
    assert "Gmail clips it" in format_report(report)


def test_digest_check_prints_the_report_and_fails_on_hidden_text(project: Path) -> None:
    result = run(project, "check", "issue-2025")
    assert result.exit_code == 0, result.output
    assert "Email client support (caniemail" in result.stdout
    assert "Yahoo! Mail (Desktop Webmail): 5 not supported" in result.stdout
    templates = project / "templates"
    templates.mkdir()
    theme = (REPO / "templates" / "email.css").read_text()
    (templates / "email.css").write_text(
        theme
        + ".footer { position: absolute; clip: rect(0 0 0 0); overflow: hidden; width: 1px; height: 1px; }\n"
    )
    failed = run(project, "check", "issue-2025")
    assert failed.exit_code == 1
    line = len(theme.splitlines()) + 1
    assert re.search(rf"client-support\s+error\s+\S*templates/email\.css:{line}: ", failed.stdout), (
        failed.stdout
    )


# --- the vendored data ------------------------------------------------------------------------


def test_the_snapshot_names_its_source_and_licence() -> None:
    data = json.loads((PACKAGE_DATA / "features.json").read_text(encoding="utf-8"))
    readme = (PACKAGE_DATA / "README.md").read_text(encoding="utf-8")
    assert f"commit `{data['source']['commit']}`" in readme
    assert "MIT License" in readme and "Copyright (c) 2019 Rémi Parmentier" in readme
    assert "Permission is hereby granted, free of charge" in readme
    assert load().label.startswith(f"caniemail {data['source']['commit'][:7]}")


def test_the_data_is_not_loaded_to_print_help() -> None:
    code = (
        "import sys\nfrom digest.cli import main\nsys.argv = ['digest', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print([m for m in sys.modules if m.startswith(('digest.checks', 'tinycss2'))])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


@pytest.fixture
def vendored(tmp_path: Path) -> Path:
    target = tmp_path / "vendored"
    shutil.copytree(PACKAGE_DATA, target)
    readme = target / "README.md"
    readme.write_text(readme.read_text().replace("6b086a3483a92078ba5226626e13db6f0a95a113", "0" * 40))
    return target


def test_refresh_copies_a_checked_snapshot_and_names_its_commit(vendored: Path) -> None:
    shared = require(SHARED / "data" / "caniemail")
    commit = refresh(shared, vendored)
    assert (vendored / "features.json").read_bytes() == (shared / "features.json").read_bytes()
    assert f"commit `{commit}`" in (vendored / "README.md").read_text()


def test_refresh_refuses_a_broken_snapshot_and_changes_nothing(vendored: Path, tmp_path: Path) -> None:
    data = json.loads((PACKAGE_DATA / "features.json").read_text(encoding="utf-8"))
    data["features"]["css-position"]["support"]["gmail"]["ios"]["s"] = "maybe"
    del data["source"]["license"]
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "features.json").write_text(json.dumps(data))
    before = (vendored / "features.json").read_bytes()
    with pytest.raises(SnapshotError, match="licence.*css-position: gmail/ios has status 'maybe'"):
        refresh(broken, vendored)
    assert (vendored / "features.json").read_bytes() == before
    assert main([str(broken / "none.json")]) == 1
    assert main([]) == 2


def test_the_wheel_carries_the_data(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "-q", "-w", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0 and "hatchling" in done.stderr:
        pytest.skip(f"no build backend to make a wheel with: {done.stderr[-300:]}")
    assert done.returncode == 0, done.stderr[-2000:]
    (wheel,) = tmp_path.glob("digest-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {"digest/checks/caniemail/features.json", "digest/checks/caniemail/README.md"} <= set(names)


def test_each_selector_is_matched_once_per_client_view(monkeypatch: pytest.MonkeyPatch) -> None:
    from digest.checks.clients import analysis, cascade

    rules = "".join(
        f"td.c{i} {{ color: #333333; padding: {i}px; margin: 0; width: 100% }}" for i in range(20)
    )
    cells = "".join(f'<tr><td class="c{i}">cell {i}</td></tr>' for i in range(20))
    calls: list[tuple[int, str]] = []
    original = analysis.matching

    def counting(root: object, selector: str) -> object:
        calls.append((id(root), selector))
        return original(root, selector)

    # The email's own elements are matched in analysis.py, each client's copy's in cascade.py.
    monkeypatch.setattr(analysis, "matching", counting)
    monkeypatch.setattr(cascade, "matching", counting)
    report = client_report(email(f'<table role="presentation">{cells}</table>', f"<style>{rules}</style>"))
    # Outlook reads td.c0 whole (a compound that starts with a type, as Word's p.MsoNormal).
    chaining = item(report, OUTLOOK_WINDOWS, "css-selector-chaining")
    assert isinstance(chaining, ReportItem) and chaining.effect == "partial"
    # Once in each client's view, not once for each declaration of the rule: a long
    # stylesheet took seconds to judge.
    assert ("td.c0" in {selector for _, selector in calls}) and len(calls) == len(set(calls))


def test_gmail_drops_a_style_block_over_its_16_kb_limit() -> None:
    rules = "".join(f".c{i} {{ color: #333333; padding: {i}px }}\n" for i in range(600))  # about 20 KB
    html = email('<p class="c1">x</p>', f"<style>{rules}</style>")
    report = client_report(html)
    dropped = item(report, GMAIL, "html-style")
    assert isinstance(dropped, ReportItem) and dropped.status == "a" and dropped.effect != "partial"
    assert "<style>" not in client_view(html, GMAIL).decode()
    assert (
        "<style>"
        in client_view(email('<p class="c1">x</p>', "<style>.c1 { color: #333333 }</style>"), GMAIL).decode()
    )
    assert item(report, APPLE_MAIL, "html-style") is None


def test_the_phone_apps_are_asked_on_a_phone_and_the_rest_on_a_desktop() -> None:
    phones = {short for short, client in CLIENTS.items() if client.screen == PHONE}
    assert phones == {"Gmail iOS", "Gmail Android", "Apple Mail iOS", "Samsung Email"}


def test_a_client_that_drops_media_shows_what_a_query_hid_as_a_fallback() -> None:
    # Outlook for Windows reads no @media: the text `@media screen` hid shows there, as it does
    # wherever the query does not apply. The email's base styles stand in: no error.
    report = client_report(
        styled_email("@media screen { .x { display:none } }", '<div class="x"><p>For Outlook only</p></div>')
    )
    found = item(report, OUTLOOK, "css-at-media")
    assert found is not None and found.effect == "fallback"
    assert 'hidden text shows: "For Outlook only"' in found.why
    assert not messages(report, "error")
    gmail = item(report, GMAIL, "css-at-media")
    assert gmail is None or gmail.effect == "partial"


def test_mso_hide_inside_a_media_query_hides_nothing_in_outlook() -> None:
    # mso-hide is read by Outlook for Windows alone, which reads no @media: what it was to hide shows.
    report = client_report(
        styled_email("@media screen { .x { mso-hide: all } }", '<div class="x"><p>Not for Outlook</p></div>')
    )
    found = item(report, OUTLOOK, "css-at-media")
    assert found is not None and found.effect == "content"
    assert "Outlook reads no @media" in found.why
    assert [message for message in messages(report, "error") if "Not for Outlook" in message]


def test_mso_hide_outside_media_still_hides_in_outlook() -> None:
    report = client_report(
        styled_email(".x { mso-hide: all }", '<div class="x"><p>Not for Outlook</p></div>')
    )
    assert not messages(report, "error")


def test_a_drop_on_content_a_query_hides_on_phones_costs_nothing_there() -> None:
    # cursor is dropped by the Gmail apps; the element it styles is hidden on phones.
    html = styled_email(
        "@media (max-width: 480px) { .wide { display: none !important } }",
        '<p class="wide" style="cursor: pointer">Desktop only</p><p>All</p>',
    )
    report = client_report(html)
    phone = item(report, CLIENTS["Gmail iOS"], "css-cursor")
    desktop = item(report, GMAIL, "css-cursor")
    assert phone is not None and (phone.effect, phone.why) == ("none", "on content that stays hidden")
    assert desktop is not None and desktop.effect == "decoration"


def test_a_rule_inside_a_query_for_other_screens_costs_nothing_when_dropped() -> None:
    # Gmail drops cursor everywhere; the query is for phones, off on Gmail's desktop pane.
    html = styled_email(
        "@media (max-width: 480px) { .col { padding: 10px !important; cursor: pointer } }",
        '<div class="col">Text</div>',
    )
    report = client_report(html)
    found = item(report, GMAIL, "css-cursor")
    assert found is not None and found.effect == "none"
    assert "does not apply on the client's desktop screen" in found.why
    # On a phone the query applies: its rule is lost there, and the rest of the layout stands in.
    phone = item(report, CLIENTS["Gmail iOS"], "css-cursor")
    assert phone is not None and phone.effect == "fallback"


def test_a_dropped_box_sizing_without_padding_or_border_is_no_warning() -> None:
    report = client_report(
        styled_email("", '<div style="box-sizing: border-box; max-width: 600px; margin: 0 auto">Text</div>')
    )
    for client in (OUTLOOK, YAHOO):
        found = item(report, client, "css-box-sizing")
        assert found is not None and found.status == "n" and found.effect == "none", client
    assert not [message for message in messages(report, "warning") if "box-sizing" in message]


def test_a_dropped_box_sizing_with_padding_along_a_set_width_is_a_warning() -> None:
    report = client_report(
        styled_email("", '<div style="box-sizing: border-box; width: 100%; padding: 20px">Text</div>')
    )
    found = item(report, YAHOO, "css-box-sizing")
    assert found is not None and found.effect == "decoration"
    assert "grows by its padding and border" in found.why


def test_box_sizing_reads_padding_from_the_style_blocks_on_the_clients_screen() -> None:
    # The padding and the width come in a phone-only query: on Yahoo's desktop pane box-sizing
    # changes nothing.
    html = styled_email(
        ".b { box-sizing: border-box } @media (max-width: 480px) { .b { width: 100% !important; padding: 12px } }",
        '<a class="b" href="https://example.com/">Go</a>',
    )
    found = item(client_report(html), YAHOO, "css-box-sizing")
    assert found is not None and found.effect == "none"


def test_a_border_the_outlook_only_markup_beside_it_repeats_is_a_fallback() -> None:
    html = styled_email(
        "",
        '<p style="border-top: solid 1px #ccc; margin: 0">&nbsp;</p><!--[if mso | IE]><table role="presentation" '
        'style="border-top:solid 1px #ccc;width:550px;"><tr><td>&nbsp;</td></tr></table><![endif]-->',
    )
    found = item(client_report(html), OUTLOOK, "css-border")
    assert found is not None and found.effect == "fallback"


def test_a_links_padding_in_a_cell_padded_for_outlook_is_a_fallback() -> None:
    html = styled_email(
        "",
        '<table><tr><td style="mso-padding-alt: 10px 25px; background: #333"><a href="https://example.com/" '
        'style="display: inline-block; padding: 10px 25px; color: #fff">Go</a></td></tr></table>',
    )
    found = item(client_report(html), OUTLOOK, "css-padding")
    assert found is not None and found.effect == "fallback" and "mso-padding-alt" in found.why


def test_min_width_100_percent_on_a_block_is_no_loss() -> None:
    report = client_report(styled_email("body { min-width: 100%; }", "<p>Text</p>"))
    found = item(report, OUTLOOK, "css-min-width")
    assert found is not None and found.effect == "none"


def test_an_images_width_attribute_alone_sizes_it_where_css_widths_are_dropped() -> None:
    html = styled_email(
        "", '<img src="https://example.com/a.png" width="560" style="width: 100%; max-width: 560px" alt="A">'
    )
    found = item(client_report(html), OUTLOOK, "css-max-width")
    assert found is not None and found.effect == "fallback" and "width or height attribute" in found.why


def test_a_rule_in_a_size_query_is_a_fallback_but_one_in_a_type_query_is_styling() -> None:
    # Gmail apps read only [attr~=value]: both rules are dropped on phones.
    sized = styled_email(
        '@media (max-width: 480px) { td[class="c"] { color: #f00 } }',
        '<table><tr><td class="c">T</td></tr></table>',
    )
    typed = styled_email(
        '@media screen { td[class="c"] { color: #f00 } }', '<table><tr><td class="c">T</td></tr></table>'
    )
    phone = CLIENTS["Gmail iOS"]
    sized_item = item(client_report(sized), phone, "css-selector-attribute")
    typed_item = item(client_report(typed), phone, "css-selector-attribute")
    assert sized_item is not None and sized_item.effect == "fallback"
    assert typed_item is not None and typed_item.effect == "decoration"


# --- what a drop costs ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "feature", "effect"),
    [
        ('<table><tr><td style="margin: 0 auto">T</td></tr></table>', "css-margin", "none"),
        ('<p><img src="https://example.com/a.png" width="20" alt="A" style="margin: 0 auto"></p>', "css-margin", "none"),
        ('<center><table style="margin: 0 auto"><tr><td>T</td></tr></table></center>', "css-margin", "none"),
        ('<div><table style="margin: 0 auto"><tr><td>T</td></tr></table></div>', "css-margin", "decoration"),
        ('<div><img src="https://example.com/a.png" alt="A" style="display: block; margin: 0 auto"></div>', "css-margin", "decoration"),
    ],
)  # fmt: skip
def test_a_margin_outlook_drops_costs_nothing_where_it_changes_nothing(
    body: str, feature: str, effect: str
) -> None:
    found = item(client_report(styled_email("", body)), OUTLOOK, feature)
    assert found is not None and found.effect == effect, found


def test_a_body_replaced_by_a_div_loses_no_zero_margin_white_background_or_vendor_property() -> None:
    body = '<body style="margin:0; padding:0 !important; background:#ffffff; -webkit-text-size-adjust:none">'
    html = f"<!doctype html><html><head></head>{body}<p>T</p></body></html>"
    found = item(client_report(html), OUTLOOK_MAC, "html-body")
    assert found is not None and found.effect == "none"
    coloured = html.replace("#ffffff", "#f4f4f4")
    found = item(client_report(coloured), OUTLOOK_MAC, "html-body")
    assert found is not None and found.effect == "decoration"


def test_display_block_on_a_block_element_and_width_100_percent_on_body_cost_nothing() -> None:
    html = '<!doctype html><html><head></head><body style="display:block; width:100%"><p>T</p></body></html>'
    report = client_report(html)
    for feature in ("css-display", "css-width"):
        found = item(report, OUTLOOK, feature)
        assert found is not None and found.effect == "none", found
    inline = client_report(styled_email("", '<span style="display:block">T</span>'))
    found = item(inline, OUTLOOK, "css-display")
    assert found is not None and found.effect == "decoration"


def test_a_link_inside_a_vml_button_is_drawn_by_it_in_outlook() -> None:
    button = (
        '<div><!--[if mso]><v:roundrect xmlns:v="urn:schemas-microsoft-com:vml" href="https://example.com/" '
        'style="height:40px;width:200px" arcsize="8%" fillcolor="#178f8f"><center><![endif]-->'
        '<a href="https://example.com/" style="border-radius:4px;display:inline-block;width:200px;'
        'background-color:#178f8f">Go</a><!--[if mso]></center></v:roundrect><![endif]--></div>'
    )
    report = client_report(styled_email("", button))
    for feature in ("css-border-radius", "css-display"):
        found = item(report, OUTLOOK, feature)
        assert found is not None and found.effect == "fallback" and "VML shape" in found.why, found
    # A link after a whole, closed VML shape is not inside it.
    closed = button.replace("<center><![endif]-->", "<center>Go</center></v:roundrect><![endif]-->")
    closed = closed.replace("<!--[if mso]></center></v:roundrect><![endif]-->", "")
    found = item(client_report(styled_email("", closed)), OUTLOOK, "css-border-radius")
    assert found is not None and found.effect == "decoration"


def test_a_vml_fill_inside_a_cell_is_its_outlook_background_whichever_file_it_names() -> None:
    cell = (
        '<table><tr><td background="https://example.com/web.jpg" style="background: url(https://example.com/web.jpg); '
        'background-position: center"><!--[if gte mso 9]><v:rect xmlns:v="urn:schemas-microsoft-com:vml" '
        'fill="true" stroke="false" style="width:600px;height:300px"><v:fill type="tile" '
        'src="https://example.com/outlook.jpg" /><v:textbox inset="0,0,0,0"><![endif]--><div>Text</div>'
        "<!--[if gte mso 9]></v:textbox></v:rect><![endif]--></td></tr></table>"
    )
    report = client_report(styled_email("", cell))
    for feature in ("css-background-position", "html-background"):
        found = item(report, OUTLOOK, feature)
        assert found is not None and found.effect == "fallback", found


def test_an_attribute_selectors_operator_is_read_whole() -> None:
    # tinycss2 reads "~=" as one token: [class~="x"] was taken for a presence test [attr], which
    # the Gmail apps (only [attr~=value]) then dropped.
    report = client_report(
        styled_email('td[class~="x"] { color: #f00 }', '<table><tr><td class="x">T</td></tr></table>')
    )
    found = item(report, CLIENTS["Gmail iOS"], "css-selector-attribute")
    assert found is not None and found.places[0].label == 'td[class~="x"] ([attr~=value])'


def test_a_flex_or_grid_box_holding_one_item_loses_its_styling_not_its_layout() -> None:
    # caniemail's display test: <span style="display:flex; width:100px; height:100px">text</span>.
    # With one item there is nothing to place beside another: Outlook (which keeps only
    # display:none) shows the text as it would anyway.
    single = '<span style="display:flex; width:100px; background:green">display: flex;</span>'
    report = client_report(styled_email("", single))
    found = item(report, OUTLOOK, "css-display-flex")
    assert found is not None and found.effect == "decoration", found
    assert not messages(report, "error")
    rule = client_report(styled_email(".g { display: grid }", '<div class="g">Only text</div>'))
    found = item(rule, OUTLOOK, "css-display-grid")
    assert found is not None and found.effect == "decoration", found
    row = '<div style="display:flex"><div>A</div><div>B</div></div>'
    found = item(client_report(styled_email("", row)), OUTLOOK, "css-display-flex")
    assert found is not None and found.effect == "content" and found.why == "the layout collapses"


def test_words_a_before_or_after_rule_writes_are_content_a_client_loses() -> None:
    style = ".note::before { content: 'Note: ' } .more::after { content: ' \\2192' }"
    body = '<p class="note">Read this.</p><p class="more">More</p>'
    report = client_report(styled_email(style, body))
    before = item(report, GMAIL, "css-pseudo-element-before")
    assert before is not None and before.effect == "content", before
    assert before.why == 'generated text disappears: "Note:"'
    assert [m for m in messages(report, "error") if m.startswith(".note::before")]
    after = item(report, GMAIL, "css-pseudo-element-after")  # an arrow: decoration
    assert after is not None and after.effect == "decoration", after
    assert item(report, APPLE_MAIL, "css-pseudo-element-before") is None


def test_a_unit_or_colour_syntax_costs_nothing_where_its_property_is_dropped_anyway() -> None:
    # caniemail's box-shadow test: Yahoo drops box-shadow, so the rem unit inside it adds nothing.
    body = '<div style="padding:20px; box-shadow:0.6rem 1rem #04f84d">Shadowed</div>'
    report = client_report(styled_email("", body))
    rem = item(report, YAHOO, "css-unit-rem")
    assert rem is not None and rem.effect == "none", rem
    assert rem.why == "the client drops box-shadow anyway"
    shadow = item(report, YAHOO, "css-box-shadow")
    assert shadow is not None and shadow.effect == "decoration"
    # Where the property stays, its unit is the loss (Outlook keeps padding on a cell).
    kept = client_report(styled_email("", '<table><tr><td style="padding:1rem">T</td></tr></table>'))
    found = item(kept, OUTLOOK, "css-unit-rem")
    assert found is not None and found.effect == "decoration", found


def test_a_fixed_table_layout_costs_nothing_for_one_column_or_sized_columns() -> None:
    one = '<table style="width:100%; table-layout:fixed"><tr><td>One column</td></tr></table>'
    found = item(client_report(styled_email("", one)), OUTLOOK, "css-table-layout")
    assert found is not None and found.effect == "none", found
    assert found.why == "its columns are as wide as the table or set: a fixed layout changes nothing"
    two = '<table style="width:100%; table-layout:fixed"><tr><td>A</td><td>B</td></tr></table>'
    found = item(client_report(styled_email("", two)), OUTLOOK, "css-table-layout")
    assert found is not None and found.effect == "decoration", found


@pytest.mark.parametrize(
    ("cells", "flagged"),
    [
        # caniemail's tests: 0.5em of 16px and 0.4em of 20px are both 8px.
        ('<td style="padding:0.5em 1em; font:16px monospace">A</td>'
         '<td style="padding:0.4em 0.8em; font:20px serif">B</td>', False),
        ('<td style="padding:0.5em; font-size:16px">A</td><td style="padding:0.5em; font-size:24px">B</td>', True),
        ('<td style="padding:8px">A</td><td style="padding:10px">B</td>', True),
    ],
)  # fmt: skip
def test_outlooks_row_padding_compares_ems_in_pixels_of_each_cells_font(cells: str, flagged: bool) -> None:
    report = client_report(styled_email("", f"<table><tr>{cells}</tr></table>"))
    found = item(report, OUTLOOK, "css-padding")
    assert found is not None and ("biggest vertical padding" in found.why) is flagged, found


def test_a_cursor_costs_nothing_on_a_touch_screen() -> None:
    body = '<label style="cursor:pointer; color:#fa8739">Menu</label>'
    report = client_report(styled_email("", body))
    found = item(report, CLIENTS["Apple Mail iOS"], "css-cursor")
    assert found is not None and found.effect == "none", found
    assert found.why == "a touch screen shows no pointer"
    desktop = item(report, GMAIL, "css-cursor")
    assert desktop is not None and desktop.effect == "decoration"


def test_a_dropped_rule_loses_nothing_a_size_attribute_repeats_or_a_vendor_property_sets() -> None:
    # SendGrid's `table.wrapper { width:100% !important; -webkit-font-smoothing:antialiased }` on
    # <table class="wrapper" width="100%">: Outlook.com drops the compound selector.
    style = "table.wrapper { width: 100% !important; -webkit-font-smoothing: antialiased }"
    body = '<table class="wrapper" width="100%"><tr><td>T</td></tr></table>'
    found = item(client_report(styled_email(style, body)), OUTLOOK_COM, "css-selector-chaining")
    assert found is not None and found.effect == "none", found
    other = styled_email(style.replace("100%", "90%"), body)
    found = item(client_report(other), OUTLOOK_COM, "css-selector-chaining")
    assert found is not None and found.effect == "decoration", found


def test_a_ghost_table_inside_a_div_stands_in_for_its_width_in_outlook() -> None:
    # Cerberus: <div style="max-width:680px; margin:auto"><!--[if mso]><table width="680"
    # align="center"><tr><td><![endif]--> ... <!--[if mso]></td></tr></table><![endif]--></div>
    body = (
        '<div style="max-width:600px; margin:auto"><!--[if mso]><table role="presentation" width="600" '
        'align="center"><tr><td><![endif]--><p>Text</p><!--[if mso]></td></tr></table><![endif]--></div>'
    )
    found = item(client_report(styled_email("", body)), OUTLOOK, "css-max-width")
    assert found is not None and found.effect == "fallback", found
    bare = '<div style="max-width:600px; margin:auto"><p>Text</p></div>'
    found = item(client_report(styled_email("", bare)), OUTLOOK, "css-max-width")
    assert found is not None and found.effect == "decoration", found


def test_a_max_width_costs_nothing_in_a_cell_no_wider() -> None:
    # Mailgun's templates: <td class="container" width="600"><div class="content" style="max-width:600px">.
    body = '<table><tr><td width="600"><div style="max-width:600px">Text</div></td></tr></table>'
    found = item(client_report(styled_email("", body)), OUTLOOK, "css-max-width")
    assert found is not None and found.effect == "none", found
    assert found.why == "its container is no wider: the max-width changes nothing"
    wide = body.replace('width="600"', 'width="700"')
    found = item(client_report(styled_email("", wide)), OUTLOOK, "css-max-width")
    assert found is not None and found.effect == "decoration", found


def test_table_layout_auto_is_the_initial_value() -> None:
    # MJML's recast and Cerberus write table-layout:auto, which Outlook does not read.
    body = '<table style="table-layout:auto"><tr><td>A</td><td>B</td></tr></table>'
    found = item(client_report(styled_email("", body)), OUTLOOK, "css-table-layout")
    assert found is not None and (found.effect, found.why) == (
        "none",
        "table-layout:auto is the initial value",
    )


def test_a_value_a_client_forces_on_every_table_costs_nothing_there() -> None:
    # caniemail: Outlook for macOS forces table-layout:fixed on all tables.
    fixed = '<table style="table-layout:fixed"><tr><td>A</td><td>B</td></tr></table>'
    found = item(client_report(styled_email("", fixed)), OUTLOOK_MAC, "css-table-layout")
    assert found is not None and found.effect == "none", found
    assert found.why == "the client forces table-layout:fixed anyway"
    auto = fixed.replace("fixed", "auto")
    found = item(client_report(styled_email("", auto)), OUTLOOK_MAC, "css-table-layout")
    assert found is not None and found.effect == "decoration", found
    assert found.why == "the client forces table-layout:fixed instead"


# --- hostile CSS ----------------------------------------------------------------------------------


HOSTILE_CSS = {
    "unicode-range": "@font-face { font-family: X; src: url(x.woff2) format('woff2'); "
    "unicode-range: U+0000-00FF, U+0131, U+0152-0153; } p { font-family: X, sans-serif }",
    "supports": "@supports (display: grid) and (not (display: inline-grid)) { .g { display: grid } } "
    "@supports not (gap: 1px) { p { color: red } }",
    "layer": "@layer base, theme; @layer base { p { color: red } } @layer theme { @layer inner { p { color: blue } } }",
    "container": ".c { container-type: inline-size } @container card (min-width: 400px) { p { font-size: 20px } } "
    "@container (width > 30em) { .x { display: none } }",
    "escapes": r".\31 23 { color: red } .a\:hover\:b { color: blue } #\@id { display:none } .\[x\] { color: \72 ed }",
    "important-everywhere": "p { color: red !important !important; margin: 0 ! important; padding: 0 !IMPORTANT; "
    "font-size: 12px!important } a { display: none !ie }",
    "comments-in-odd-places": "p/**/{/**/color/**/:/**/red/**/;/**/} .a { margin: 0/**/auto } /* unclosed",
    "broken": "p { color: red; } } } .a { .b { color: blue } @media { } @media screen and ( { p { x } } ; ; { } [ (",
    "unclosed": "@media (max-width: 600px) { .a { color: red; font-family: 'Helvetica; }",
    "bad-urls": "p { background: url(x y z) url( ) url('unterminated }",
    "unusual-at-rules": "@charset 'utf-8'; @import 'b.css' layer(x) supports(display: grid); @namespace svg "
    "url(http://www.w3.org/2000/svg); @page :first { margin: 1in } @keyframes k { from { opacity: 0 } } "
    "@property --x { syntax: '<length>'; inherits: false } @foo bar { baz } @ { } @media , , { p {} }",
    "nesting": ".a { color: red; & .b { color: blue } .c & { display: none } &:hover { color: green } }",
    "custom-properties": ":root { --a: var(--b); --b: var(--a); --c: {}; --d: ; } p { color: var(--a); width: var(--e, 1px) }",
    "values": "p { width: calc(100% - (2 * var(--x, 10px))); color: rgb(1 2 3 / 50%); color: lab(50% 40 59.5); "
    "font-size: 1e308px; line-height: 1e309; border: 1e400px solid red; font-weight: 1e10; z-index: 99999999999999999999 }",
    "selectors": "*|* { } a:not(.b):is(.c, #d) > b ~ c + d {} :nth-child(2n+1 of .x) {} :has(> img) { display:none } "
    "[a|='b' i] {} a[href$='.pdf' s] {}",
    "controls-and-unicode": "\ufeffp { color: red\x00; }\x01 .é { color: red } .😀 { display: none } "
    "p { font-family: '微软雅黑' }",
    "markup-in-css": "<!-- p { color: red } --> .a { color: blue }",
    "nested-2000-deep": "@media screen { " * 2000 + "p { color: red }" + " }" * 2000,
    "parentheses-5000-deep": "p { width: calc(" + "(" * 5000 + "1px" + ")" * 5000 + ") }",
    "compound-3000-long": "p" + "".join(f".c{i}" for i in range(3000)) + " { display: none }",
    "list-of-20000-selectors": ", ".join(f".s{i}" for i in range(5000)) + " { display: none }",
}


def _hostile_email(css: str, inline: str = "") -> str:
    return (
        "<!DOCTYPE html><html lang='en'><head><title>T</title><style>"
        + css
        + "</style></head><body><div class='a b c g x' id='@id' style=\""
        + inline
        + "\"><p class='123'>Hello <a href='https://example.com/'>link</a></p>"
        "<img src='https://example.com/a.png' alt='a' width='10'></div></body></html>"
    )


@pytest.mark.parametrize("where", ["style block", "style attribute"])
@pytest.mark.parametrize("name", sorted(HOSTILE_CSS))
def test_hostile_css_gets_a_report_and_findings_not_a_traceback(name: str, where: str) -> None:
    from digest.checks.clients.report import format_report
    from digest.checks.email_rules import EmailCheckSettings, check_email

    css = HOSTILE_CSS[name]
    if where == "style block":
        html = _hostile_email(css)
    else:
        html = _hostile_email("", css.replace('"', "'").replace("{", "").replace("}", ""))
    report = client_report(html)
    assert [each.client for each in report.clients] == list(MAJOR_CLIENTS)
    assert format_report(report, detailed=True).startswith("Email client support")
    for client in (GMAIL, OUTLOOK, YAHOO):
        assert b"Hello" in client_view(html, client)
    findings = check_email(html, EmailCheckSettings())
    assert all(finding.message and finding.check for finding in findings)


# --- hostile HTML around the CSS (found by feeding mutated real emails to the report) -------------


@pytest.mark.parametrize(
    "body",
    [
        # An attribute name lxml's attrib reads as a namespace ("{a") on an element a client drops.
        '<p {a="1" style="color:red">Text</p><video {b="2" src="https://example.com/v.mp4">Fallback</video>',
        # A control character kept in a style attribute a client rewrites.
        '<p style="color: red\x01; cursor: grab; width: 10px">Text</p>',
        # A stray block the CSS parser reads as an error, in a style block a client rewrites.
        "<p>Text</p>",
        # A control character in the text after an element a client removes.
        '<p>Text</p><form action="https://example.com/"><input type="text"></form>\x02 after',
    ],
)
def test_hostile_markup_around_what_a_client_drops_gives_a_report(body: str) -> None:
    style = "p { cursor: grab; color: red } } .a { color: blue } @media { } [ ( "
    html = styled_email(style, body)
    report = client_report(html)
    assert [each.client for each in report.clients] == list(MAJOR_CLIENTS)
    for client in MAJOR_CLIENTS:
        assert b"Text" in client_view(html, client)


# --- round 13: what Outlook draws anyway ----------------------------------------------------------


def test_max_width_100_percent_on_a_block_is_no_loss_but_a_narrower_one_is() -> None:
    report = client_report(styled_email("", '<div style="max-width: 100%"><p>Text</p></div>'))
    found = item(report, OUTLOOK, "css-max-width")
    assert found is not None and found.effect == "none" and "as wide as its container" in found.why
    narrower = client_report(styled_email("", '<div style="max-width: 80%"><p>Text</p></div>'))
    kept = item(narrower, OUTLOOK, "css-max-width")
    assert kept is not None and kept.effect == "decoration"


def test_max_width_100_percent_caps_a_width_a_rule_gives_the_block() -> None:
    # Outlook reads a width on an <h1> (not on a <div>): the max-width held it in.
    report = client_report(
        styled_email(".wide { width: 800px }", '<h1 class="wide" style="max-width: 100%">x</h1>')
    )
    found = item(report, OUTLOOK, "css-max-width")
    assert found is not None and found.effect == "decoration"


@pytest.mark.parametrize("written", ["body { margin: 0; }", ""])
def test_outlooks_own_margin_around_the_body_shows_only_the_bodys_background(written: str) -> None:
    # caniemail's css-margin: Outlook for Windows reads no margin on <body>.
    content = '<table width="600" align="center" bgcolor="#222222"><tr><td>Text</td></tr></table>'
    body = f'<body style="margin: 0; background: #f4f4f4">{content}' if not written else content
    html = styled_email(written, body).replace("<body><body", "<body")
    found = item(client_report(html), OUTLOOK, "css-margin")
    assert found is not None and found.effect == "fallback", found
    assert found.why == "the client's own margin around the message shows the body's background only"


def test_a_lost_body_margin_shows_where_a_band_runs_to_the_edges() -> None:
    band = '<table width="100%" bgcolor="#222222"><tr><td>Header</td></tr></table><p>Text</p>'
    found = item(client_report(styled_email("body { margin: 0; }", band)), OUTLOOK, "css-margin")
    assert found is not None and found.effect == "decoration"
    # The same band, painted as the body is, shows nothing of the margin.
    same = styled_email("body { margin: 0; background: #222222 }", band)
    found = item(client_report(same), OUTLOOK, "css-margin")
    assert found is not None and found.effect == "fallback"


BUTTON = (
    '<table role="presentation"><tr><td bgcolor="#8ccaca" style="mso-padding-alt: 10px 25px; '
    'background: #8ccaca"><a href="https://example.com/" style="display: inline-block; '
    'padding: 10px 25px; background: {background}; color: #ffffff{extra}">Read more</a></td></tr></table>'
)


def test_an_inline_block_button_alone_in_its_outlook_padded_cell_is_drawn_by_the_cell() -> None:
    html = styled_email("", BUTTON.format(background="#8ccaca", extra=""))
    found = item(client_report(html), OUTLOOK, "css-display")
    assert found is not None and found.effect == "fallback" and "with the cell around it" in found.why


@pytest.mark.parametrize(
    ("background", "extra"),
    [("#ff0000", ""), ("#8ccaca", "; border: 2px solid #000000")],  # its own colour, its own border
)
def test_an_inline_block_button_painted_otherwise_than_its_cell_loses_its_shape(
    background: str, extra: str
) -> None:
    html = styled_email("", BUTTON.format(background=background, extra=extra))
    found = item(client_report(html), OUTLOOK, "css-display")
    assert found is not None and found.effect == "decoration"


def test_yahoo_drops_a_background_shorthand_giving_its_size_after_a_slash() -> None:
    # caniemail's css-background: Yahoo "does not support the `/ value` shorthand for background-size".
    slashed = '<div style="background: #222222 url(https://example.com/a.jpg) center / cover">x</div>'
    found = item(client_report(styled_email("", slashed)), YAHOO, "css-background")
    assert found is not None and found.effect == "decoration" and "a declaration of its own" in found.why
    assert "url(" not in client_view(styled_email("", slashed), YAHOO).decode().split("<body>")[1]
    apart = '<div style="background: #222222 url(https://example.com/a.jpg) center; background-size: cover">x</div>'
    kept = item(client_report(styled_email("", apart)), YAHOO, "css-background")
    assert kept is not None and kept.effect == "partial"  # partly supported, and kept


# --- round 14: rules found reading eight more real emails ----------------------------------------


def test_a_transition_costs_nothing_where_the_client_keeps_no_hover() -> None:
    # A transition animates a change of style; the only change here is a hover, which Outlook
    # for Windows does not read at all and Outlook.com reads on type selectors only.
    style = ".cta { transition: background 200ms ease; } .cta:hover { background: #333333; }"
    body = '<table><tr><td class="cta" style="background:#111111"><a href="https://example.com/">Go</a></td></tr></table>'
    report = client_report(styled_email(style, body))
    for client in (OUTLOOK, OUTLOOK_COM):
        found = item(report, client, "css-transition")
        assert found is not None and found.effect == "none", (client, found)
        assert "no hover" in found.why
    # Gmail keeps the hover and drops the transition: the change is abrupt.
    kept = item(report, GMAIL, "css-transition")
    assert kept is not None and kept.effect == "decoration", kept


def test_corners_on_a_box_that_draws_nothing_at_them_cost_nothing() -> None:
    # No background, no border: rounding its corners shows nothing (Outlook drops the outline too).
    plain = '<div style="outline:2px solid red; border-radius:12px">Words</div>'
    found = item(client_report(styled_email("", plain)), OUTLOOK, "css-border-radius")
    assert found is not None and found.effect == "none", found
    assert found.why == "nothing is drawn at its corners: no background, border or shadow"
    # A filled box loses its round corners.
    filled = '<table><tr><td style="background:#123456; border-radius:12px">Words</td></tr></table>'
    found = item(client_report(styled_email("", filled)), OUTLOOK, "css-border-radius")
    assert found is not None and found.effect == "decoration", found


def test_outlook_draws_list_bullets_from_mso_bullet_image_on_every_item() -> None:
    # caniemail's list-style-image note: mso-bullet-image on <li> stands in, in Outlook for Windows.
    image = "https://example.com/dot.gif"
    items = "".join(f"<li style=\"mso-bullet-image:'{image}'\">{n}</li>" for n in ("One", "Two"))
    body = f'<ul style="list-style-image:url({image})">{items}</ul>'
    report = client_report(styled_email("", body))
    found = item(report, OUTLOOK, "css-list-style-image")
    assert found is not None and found.effect == "fallback", found
    # One item without it: that bullet is the default one.
    partly = body.replace(f" style=\"mso-bullet-image:'{image}'\">Two", ">Two")
    found = item(client_report(styled_email("", partly)), OUTLOOK, "css-list-style-image")
    assert found is not None and found.effect == "decoration", found
    # Gmail has no such stand-in.
    assert (gmail := item(report, GMAIL, "css-list-style-image")) is not None and gmail.effect == "decoration"


def test_a_fixed_table_layout_costs_nothing_where_every_column_holds_the_same() -> None:
    # CSS 2.1 17.5.2.2: the automatic layout shares the width by the columns' content widths;
    # columns that hold the same markup get the same width, as the fixed layout gives them.
    cell = '<td><img src="https://example.com/a.png" width="100" alt=""><p>Same words</p></td>'
    alike = f'<table style="width:100%; table-layout:fixed"><tr>{cell}{cell}</tr></table>'
    found = item(client_report(styled_email("", alike)), OUTLOOK, "css-table-layout")
    assert found is not None and found.effect == "none", found
    differ = alike.replace("Same words</p></td></tr>", "Other, longer words</p></td></tr>")
    found = item(client_report(styled_email("", differ)), OUTLOOK, "css-table-layout")
    assert found is not None and found.effect == "decoration", found


def test_a_table_floated_to_the_start_of_its_cell_with_nothing_after_it_loses_nothing() -> None:
    # CSS 2.1 9.5.1: a left float goes to the left edge, where a table sits anyway; only what
    # follows it in the cell would flow beside it, and nothing does.
    button = '<table style="float:left"><tr><td style="background:#222222">Go</td></tr></table>'
    last = f'<table><tr><td style="text-align:left">Words.<br>{button}<!-- end --> </td></tr></table>'
    found = item(client_report(styled_email("", last)), OUTLOOK, "css-float")
    assert found is not None and found.effect == "none", found
    # Text after it would have wrapped beside it.
    followed = last.replace("<!-- end -->", "More words.")
    found = item(client_report(styled_email("", followed)), OUTLOOK, "css-float")
    assert found is not None and found.effect == "decoration", found
    # In a right-to-left cell, or floated right, it moves.
    for moved in (
        last.replace("<td style", '<td dir="rtl" style', 1),
        last.replace("float:left", "float:right"),
    ):
        found = item(client_report(styled_email("", moved)), OUTLOOK, "css-float")
        assert found is not None and found.effect == "decoration", (moved, found)


@pytest.mark.parametrize(
    ("table", "costs"),
    [
        ('<table align="center"><tr><td>A</td></tr></table>', "none"),  # the attribute centres it
        ('<table width="100%"><tr><td>A</td></tr></table>', "none"),  # auto is 0 at full width
        ('<table style="float:left"><tr><td>A</td></tr></table>', "none"),  # a float's auto is 0
        ("<table><tr><td>A</td></tr></table>", "decoration"),  # centred by auto, not in Outlook
    ],
)
def test_auto_margins_on_a_table_cost_nothing_where_they_centre_nothing_else_would(
    table: str, costs: str
) -> None:
    body = f"<table><tr><td>Words. {table}</td></tr></table>"
    found = item(client_report(styled_email("table table { margin: 0 auto; }", body)), OUTLOOK, "css-margin")
    assert found is not None and found.effect == costs, found


@pytest.mark.parametrize(
    ("ghost", "costs"),
    [
        ('<table align="center" width="300" style="margin:0 auto; width:300px">', "none"),  # align centres it
        ('<table width="100%" style="margin:0 auto">', "none"),  # auto is 0 at full width
        ('<table width="300" style="margin:0 auto; width:300px">', "decoration"),  # auto centred it
        ('<table align="center" style="margin:10px auto">', "decoration"),  # the 10px goes too
    ],
)
def test_auto_margins_on_outlooks_own_table_cost_nothing_where_its_attributes_place_it(
    ghost: str, costs: str
) -> None:
    # Outlook reads no auto margin (caniemail's margin note 4): the declaration is dropped whole
    # (CSS 2.1 4.2). A table written for Outlook alone is judged on its own attributes, as the
    # email's tables are: align="center" centres it, and at 100% auto is 0.
    body = f"<table><tr><td><p>Line</p><!--[if mso]>{ghost}<tr><td>A</td></tr></table><![endif]--></td></tr></table>"
    found = item(client_report(styled_email("", body)), OUTLOOK, "css-margin")
    assert found is not None and found.effect == costs, (ghost, found)


@pytest.mark.parametrize(
    ("cell", "spacer", "costs"),
    [
        ("mso-line-height-rule:exactly", "height:30px; line-height:30px", "none"),  # the line is the height
        ("", "height:30px; line-height:30px", "decoration"),  # Outlook spaces the px line its own way
        ("mso-line-height-rule:exactly", "height:30px; line-height:20px", "decoration"),  # 20px tall
    ],
)
def test_a_height_one_line_of_its_line_height_makes_anyway_costs_nothing(
    cell: str, spacer: str, costs: str
) -> None:
    # CSS 2.1 10.6.3 and 10.8.1: a block holding one line of text (one word: nowhere to break) is
    # as tall as that line, whose height is the line-height where the text is in the block's own
    # font. Outlook keeps no height on a <div> (caniemail's height note 2) but keeps such a line.
    body = f'<table><tr><td style="font-size:0; {cell}"><div style="{spacer}">&#8202;</div></td></tr></table>'
    found = item(client_report(styled_email("", body)), OUTLOOK, "css-height")
    assert found is not None and found.effect == costs, (cell, spacer, found)


@pytest.mark.parametrize(
    ("behind", "costs"),
    [
        ('bgcolor="#ffffff"', "partial"),  # white painted over white shows nothing: kept as written
        ('style="background-color:#fff"', "partial"),
        ('bgcolor="#eeeeee"', "decoration"),  # the white runs over the grey below the image
        ("", "decoration"),  # nothing painted behind it: the window's colour is the reader's
    ],
)
def test_outlooks_background_over_a_margin_costs_nothing_where_the_same_colour_is_behind(
    behind: str, costs: str
) -> None:
    # caniemail's margin note 3: Outlook for Windows paints the background inside the margin too.
    # Where the nearest box behind paints the same opaque colour, nothing changes (CSS 2.1 14.2:
    # a background is painted over its ancestors').
    body = (
        f'<table><tr><td {behind}><img src="a.png" alt="A chart" width="200" height="100" '
        'style="margin:0 0 14px; background-color:#ffffff"><p>Words</p></td></tr></table>'
    )
    found = item(client_report(styled_email("", body)), OUTLOOK, "css-margin")
    assert found is not None and found.effect == costs, (behind, found)


@pytest.mark.parametrize(
    ("cell", "costs"),
    [
        ('<td style="position:relative">Words</td>', "none"),  # no offset: the box stays put
        ('<td style="position:relative; top:4px">Words</td>', "decoration"),  # it moved 4px
        (  # a box positioned against it moves when it goes
            '<td style="position:relative">Words <span style="position:absolute; left:0">x</span></td>',
            "content",
        ),
    ],
)
def test_relative_position_with_no_offset_costs_nothing_where_dropped(cell: str, costs: str) -> None:
    # CSS 2.1 9.4.3: a relatively positioned box is offset from where the flow puts it; with no
    # offset it stays there, and only a box positioned against it (absolute) would see a change.
    report = client_report(styled_email("", f"<table><tr>{cell}<td>More</td></tr></table>"))
    found = item(report, GMAIL, "css-position")
    assert found is not None and (found.effect == "none") == (costs == "none"), (cell, found)


@pytest.mark.parametrize(
    ("cell", "costs"),
    [
        ('<th style="visibility:hidden; width:0"></th>', "none"),  # empty, paints nothing
        ('<th style="visibility:hidden">Words</th>', "content"),  # its words show
        ('<th style="visibility:hidden; background:#cccccc"></th>', "decoration"),  # its grey shows
    ],
)
def test_visibility_hidden_on_an_empty_box_that_paints_nothing_costs_nothing(cell: str, costs: str) -> None:
    # CSS 2.1 11.2: hidden makes the box invisible. An empty box with no background or border
    # shows nothing either way (Foundation for Emails' expander cells).
    report = client_report(styled_email("", f"<table><tr><th>Title</th>{cell}</tr></table>"))
    found = item(report, GMAIL, "css-visibility")
    assert found is not None and (found.effect == "none") == (costs == "none"), (cell, found)


@pytest.mark.parametrize(
    ("body", "costs"),
    [
        ("<h2>Title</h2><p>Words</p>{image}", "none"),  # it ends the email, alone on its line
        ("<h2>Title</h2><span>{image}</span>\n", "none"),  # an inline box around it alone
        ("<h2>Title</h2>{image}<p>After</p>", "decoration"),  # the room under it shows above
        ('<div style="background:#eeeeee"><h2>Title</h2>{image}</div>', "decoration"),  # grey room
        ("<p>Words {image}</p>", "decoration"),  # inline, it sits beside the words
        ('<h2>Title</h2><div style="text-align:center">{image}</div>', "decoration"),  # inline, centred
    ],
)
def test_display_block_on_the_image_that_ends_the_email_costs_nothing_in_outlook(
    body: str, costs: str
) -> None:
    # Outlook for Windows keeps images inline (caniemail's display note 5). Inline, an image alone
    # on its line sits on the strut, whose descent leaves room under it (CSS 2.1 10.8.1); where
    # nothing follows it to the end of <body> and nothing painted lies around it, that room is the
    # body's own background at the end of the message.
    image = '<img src="a.png" alt="A chart" style="display:block; max-width:100%">'
    report = client_report(styled_email("", body.format(image=image)))
    found = item(report, OUTLOOK, "css-display")
    assert found is not None and found.effect == costs, (body, found)


def test_margin_0_auto_on_the_root_element_costs_nothing() -> None:
    # The root has no margin of its own, and its auto margins are 0: it is as wide as the window.
    found = item(
        client_report(styled_email("html { margin: 0 auto; }", "<p>Words</p>")), OUTLOOK, "css-margin"
    )
    assert found is not None and found.effect == "none", found


def test_absolute_content_alone_in_its_box_moves_but_displaces_nothing() -> None:
    # CSS 2.1 10.3.7 and 10.6.4: an absolute box with no offsets sits at its static position,
    # where it would be in the flow. A client dropping position puts it there: alone in its
    # container, it moves from its offsets to the container's start and pushes nothing aside.
    style = ".label { position: absolute; top: 20px; left: 10px; }"
    alone = '<div style="height:100px; background:#eeeeee"><span class="label">Label</span></div>'
    found = item(client_report(styled_email(style, alone)), GMAIL, "css-position")
    assert found is not None and found.effect == "decoration", found
    assert "alone in its container" in found.why
    inline = '<div><span style="position:absolute; top:20px">Label</span> </div>'
    found = item(client_report(styled_email("", inline)), GMAIL, "css-position")
    assert found is not None and found.effect == "decoration", found
    # Beside other content, it falls among it: the layout changes.
    beside = alone.replace("</span></div>", "</span><p>Words the label was laid over.</p></div>")
    found = item(client_report(styled_email(style, beside)), GMAIL, "css-position")
    assert found is not None and found.effect == "content", found


def test_a_unit_inside_a_function_the_client_drops_adds_no_loss() -> None:
    # Outlook for Windows reads neither clamp() nor vw: the declaration goes once, with clamp().
    body = '<h1 style="font-size:24px; font-size:clamp(24px, 5vw, 48px)">Title</h1>'
    report = client_report(styled_email("", body))
    unit = item(report, OUTLOOK, "css-unit-vw")
    assert unit is not None and unit.effect == "none" and "clamp()" in unit.why, unit
    # The 24px before it is the block's own fallback (see the fallback test below); without
    # one, the clamped size is lost.
    function = item(report, OUTLOOK, "css-function-clamp")
    assert function is not None and function.effect == "fallback", function
    bare = '<h1 style="font-size:clamp(24px, 5vw, 48px)">Title</h1>'
    function = item(client_report(styled_email("", bare)), OUTLOOK, "css-function-clamp")
    assert function is not None and function.effect == "decoration", function
    # Outside a function the unit is what the client drops.
    plain = item(
        client_report(styled_email("", '<h1 style="font-size:5vw">Title</h1>')), OUTLOOK, "css-unit-vw"
    )
    assert plain is not None and plain.effect == "decoration", plain


@pytest.mark.parametrize(
    ("rule", "body", "costs"),
    [
        ("h1 { font-size: 2rem; }", "<h1>Title</h1>", "none"),  # an <h1> is 2em of the root's size
        ("h2 { font-size: 1.5rem; }", "<div><h2>Title</h2></div>", "none"),
        ("p { font-size: 1rem; }", "<p>Words</p>", "none"),
        ("h1 { font-size: 3rem; }", "<h1>Title</h1>", "decoration"),
        ("h1 { font-size: 2rem; }", '<div style="font-size:20px"><h1>Title</h1></div>', "decoration"),
        (
            "h1 { font-size: 2rem; } .big { font-size: 20px; }",
            '<div class="big"><h1>Title</h1></div>',
            "decoration",
        ),
        ("h1 { font-size: 2rem; }", "<section><h1>Title</h1></section>", "decoration"),  # 1.5em there
    ],
)
def test_a_font_size_in_rem_costs_nothing_where_it_is_the_elements_size_anyway(
    rule: str, body: str, costs: str
) -> None:
    # Outlook for Windows and Yahoo read no rem (caniemail's font-size note 1). Where nothing
    # above the element sets a font size, its em are the root's, and the browser's own size of
    # the element (HTML's rendering section: h1 2em, h2 1.5em, p 1em) is what the rem said.
    report = client_report(styled_email(rule, body))
    for client in (OUTLOOK, YAHOO):
        found = item(report, client, "css-font-size")
        assert found is not None and found.effect == costs, (client, found)


@pytest.mark.parametrize(
    ("style", "body", "costs"),
    [
        # The block's own fallback, read where the rem is not (CSS 2.1 4.2: a declaration the
        # client cannot read is ignored, and the one before it applies).
        ("h2 { font-size: 16px; font-size: 1rem; }", "<h2>Title</h2>", "fallback"),
        ("", '<h2 style="font-size:16px; font-size:1rem">Title</h2>', "fallback"),
        # The later declaration wins in a browser too: the dropped one never showed.
        ("h2 { font-size: 1rem; font-size: 16px; }", "<h2>Title</h2>", "none"),
        # No fallback: the <h2> is 1.5em without the rule (24px against 16px).
        ("h2 { font-size: 1rem; }", "<h2>Title</h2>", "decoration"),
        # A fallback in another rule is not the block's: the cascade decides there.
        ("h2 { font-size: 20px; } h2 { font-size: 1rem; }", "<h2>Title</h2>", "decoration"),
    ],
)
def test_a_dropped_declaration_falls_back_to_the_same_property_in_its_block(
    style: str, body: str, costs: str
) -> None:
    # Outlook for Windows and Yahoo read no rem (caniemail's font-size note 1).
    report = client_report(styled_email(style, body))
    for client in (OUTLOOK, YAHOO):
        found = item(report, client, "css-font-size")
        assert found is not None and found.effect == costs, (client, found)


def test_a_declaration_in_a_rule_the_client_drops_for_its_selector_adds_no_loss() -> None:
    # Outlook for Windows reads no ::first-letter and no :hover: the rules go whole, listed under
    # those features; their line height in em and font size in rem are not lost a second time.
    style = ".x::first-letter { font-size: 1.5em; line-height: .75em } .y:hover { font-size: 2rem }"
    report = client_report(styled_email(style, '<div class="x">Words</div><div class="y">More</div>'))
    for feature, why in (("css-line-height", "::first-letter"), ("css-font-size", ":hover")):
        found = item(report, OUTLOOK, feature)
        assert found is not None and found.effect == "none" and why in found.why, found
    assert item(report, OUTLOOK, "css-pseudo-element-first-letter").effect == "decoration"
    # Yahoo keeps :hover, not rem: the larger size on hover is lost.
    found = item(report, YAHOO, "css-font-size")
    assert found is not None and found.effect == "decoration", found


def test_a_rule_whose_subject_stays_loses_its_styling_where_the_client_drops_what_it_follows() -> None:
    # Outlook for Windows shows no checkbox (caniemail's html-input-checkbox) and reads neither
    # :checked nor "+": in its copy the rule matches nothing, but the <h2> it painted is still
    # there, unpainted. A rule whose subject is the dropped checkbox itself costs nothing more.
    style = "input:checked + h2 { background: green } input:checked { outline: 2px solid green }"
    report = client_report(styled_email(style, '<input type="checkbox" checked><h2>Title</h2>'))
    for feature in ("css-pseudo-class-checked", "css-selector-adjacent-sibling"):
        found = item(report, OUTLOOK, feature)
        assert found is not None and found.effect == "decoration", found
    alone = client_report(
        styled_email("input:checked { outline: 2px solid green }", '<input type="checkbox" checked>')
    )
    found = item(alone, OUTLOOK, "css-pseudo-class-checked")
    assert found is not None and found.effect == "none", found


def test_an_attribute_or_style_on_an_element_the_client_drops_adds_no_loss() -> None:
    # Outlook for Windows shows no text field (caniemail's html-input-text): its required
    # attribute and its style go with it, listed once as the field's loss.
    report = client_report(email('<p>Name</p><input type="text" value="Ada" required style="display:block">'))
    assert item(report, OUTLOOK, "html-input-text").effect == "content"  # type: ignore[union-attr]
    for feature in ("html-required", "css-display"):
        found = item(report, OUTLOOK, feature)
        assert found is None or found.effect == "none", found


def test_an_important_on_a_declaration_the_client_drops_for_its_property_adds_no_loss() -> None:
    # Outlook for Windows reads no margin on <body> (caniemail's margin note 2) and no inline
    # !important (its note 5): the body's margin is lost once, as a margin.
    band = '<table width="100%" bgcolor="#333333"><tr><td style="color:#ffffff">Words</td></tr></table>'
    body = f'<body style="margin:0 !important; background:#ffffff">{band}</body>'
    report = client_report(f"<!doctype html><html><head><title>t</title></head>{body}</html>")
    assert item(report, OUTLOOK, "css-margin").effect == "decoration"  # type: ignore[union-attr]
    found = item(report, OUTLOOK, "css-important")
    assert found is not None and found.effect == "none" and "margin" in found.why, found
    # Where Outlook keeps the property, the !important is what it drops: the rule's value wins.
    cell = '<table><tr><td class="c" style="color:#ff0000 !important">Words</td></tr></table>'
    kept = client_report(styled_email(".c { color: #0000ff }", cell))
    found = item(kept, OUTLOOK, "css-important")
    assert found is not None and found.effect == "decoration", found


def test_outlook_reads_a_compound_that_starts_with_a_type_whole() -> None:
    # caniemail's chaining note for Outlook for Windows: a chain is read as its first selector
    # (.a.b as .a); a compound that starts with a type is read whole, as Word's own p.MsoNormal.
    style = "td.center { text-align: center } .a.b { color: #ff0000 }"
    body = (
        '<table><tr><td class="center">Mid</td><td class="a b">Red</td><td class="a">Plain</td></tr></table>'
    )
    report = client_report(styled_email(style, body))
    found = item(report, OUTLOOK, "css-selector-chaining")
    assert found is not None and found.effect == "decoration" and ".a" in found.why, found
    whole = client_report(styled_email("td.center { text-align: center }", body))
    found = item(whole, OUTLOOK, "css-selector-chaining")
    assert found is not None and found.effect in ("none", "partial"), found
    assert b"td.center" in client_view(styled_email("td.center { text-align: center }", body), OUTLOOK)


def test_a_fallback_the_client_drops_too_does_not_stand_in() -> None:
    # Outlook keeps a width on a <table> but on no <div> (caniemail's width note 1): the px
    # width before calc() stands in on the table; on the <div> it goes with the calc().
    table = client_report(
        styled_email(
            ".w { width: 300px; width: calc(100% - 20px); }",
            '<table class="w"><tr><td>Words</td></tr></table>',
        )
    )
    found = item(table, OUTLOOK, "css-unit-calc")
    assert found is not None and found.effect == "fallback", found
    div = client_report(
        email('<div style="width:300px; width:calc(100% - 20px); background:#ff0000">Words</div>')
    )
    found = item(div, OUTLOOK, "css-width")
    assert found is not None and found.effect == "decoration", found
    # An image's loss is judged as such, fallback colour or not: white words on the white that
    # Outlook paints where it draws no photo are lost.
    photo = "background:#ffffff; background:url(https://x.test/dark.jpg) #ffffff; color:#ffffff"
    cell = client_report(email(f'<table><tr><td style="{photo}">White words</td></tr></table>'))
    found = item(cell, OUTLOOK, "css-background")
    assert found is not None and found.effect == "content", found


@pytest.mark.parametrize(
    ("box", "costs"),
    [
        ('<div style="height:10px; background:#ff0000"><p>Words</p></div>', "decoration"),
        ('<div style="height:1em; background:#ff0000"><h2>Heading</h2></div>', "decoration"),  # 24px text
        ('<div style="height:40px; background:#ff0000"><p>Words</p></div>', "none"),  # a line may fit
        ('<div style="height:10px"><p style="line-height:8px">Words</p></div>', "none"),  # lines set lower
        # lines set taller than the box: each line is its line height
        ('<div style="height:10px"><p style="line-height:40px">Words</p></div>', "decoration"),
        ('<div style="height:10px"><p style="line-height:1.5; font-size:12px">Words</p></div>', "decoration"),
        ('<div style="height:30px"><p style="line-height:2em">Words</p></div>', "decoration"),  # 32px
        ('<div style="height:40px"><p style="line-height:2em">Words</p></div>', "none"),
        ('<div style="height:10px"><p style="line-height:0.5">Words</p></div>', "none"),  # 8px lines
        ('<div class="box"><p>Words</p></div>', "decoration"),  # the height in a rule
    ],
)
def test_yahoos_min_height_grows_a_box_whose_text_is_taller_than_its_height(box: str, costs: str) -> None:
    # Yahoo writes height as min-height (caniemail's note). A line of text is at least as tall as
    # its font size (line-height:normal is 1.0 to 1.2, CSS 2.1 10.8.1): in a box less high, it
    # overflows, and as min-height the box grows to hold it (CSS 2.1 10.7), moving what follows.
    style = ".box { height: 10px; background: #ff0000; }"
    found = item(client_report(styled_email(style, f"{box}<p>After.</p>")), YAHOO, "css-height")
    assert found is not None and found.effect == costs, found


OUTLOOK_FONT = "<!--[if mso]><style>* { font-family: sans-serif !important; }</style><![endif]-->"
SET_FONT = (
    '<table><tr><td style="font-family:sans-serif; color:#111111">Words and '
    '<a href="https://example.com/" style="color:#0055aa">a link</a></td></tr></table>'
)


@pytest.mark.parametrize(
    ("body", "costs"),
    [
        (SET_FONT, "none"),  # every text is in a cell that sets sans-serif itself
        (f"{SET_FONT}<p>Words in no set font.</p>", "decoration"),  # Outlook's own font there
        (SET_FONT.replace("sans-serif", "Georgia, serif"), "decoration"),  # another font than the rule's
        (SET_FONT.replace("a link</a>", '<span style="font-family:serif">a link</span></a>'), "decoration"),
    ],
)
def test_an_outlook_only_font_rule_costs_nothing_where_every_text_sets_that_font_itself(
    body: str, costs: str
) -> None:
    # Cerberus writes `* { font-family: sans-serif !important }` for Outlook alone, which reads no
    # universal selector (caniemail). The rule puts every element in that font; without it each
    # text takes the font its own element, or the nearest around it, sets.
    found = item(client_report(email(body, OUTLOOK_FONT)), OUTLOOK, "css-selector-universal")
    assert found is not None and found.effect == costs, found


LONG_TEXT = (
    "A paragraph long enough to fill its column: the table holding it is as wide as the cell around "
    "it, so centring it with auto margins has nothing to centre at all."
)


@pytest.mark.parametrize(
    ("inner", "costs"),
    [
        (f'<table><tr><td style="font-size:15px">{LONG_TEXT}</td></tr></table>', "none"),
        (f'<table><tr><td style="font-size:15px">Words.<br>{LONG_TEXT}</td></tr></table>', "none"),
        ('<table><tr><td style="font-size:15px">A few words.</td></tr></table>', "decoration"),
        (
            f'<table><tr><td style="font-size:6px">{LONG_TEXT}</td></tr></table>',
            "decoration",
        ),  # 300px at least
        (f'<table width="300"><tr><td style="font-size:15px">{LONG_TEXT}</td></tr></table>', "decoration"),
        (  # capped narrower than the cell, the table is centred in it by its margins
            f'<table style="max-width:400px"><tr><td style="font-size:15px">{LONG_TEXT}</td></tr></table>',
            "decoration",
        ),
        (f'<table><tr><td style="font-size:1em">{LONG_TEXT}</td></tr></table>', "decoration"),  # size unknown
    ],
)
def test_auto_margins_cost_nothing_on_a_table_whose_text_fills_its_container(inner: str, costs: str) -> None:
    # CSS 2.1 17.5.2.2: a table of auto width is as wide as its containing block where its columns'
    # widest content (a line of text, unbroken) is wider; a line is at least 0.3em a character in
    # any common text face. Here 161 characters of 15px text (724px at least) in a 600px email.
    body = f'<table width="600"><tr><td style="padding:10px">{inner}</td></tr></table>'
    found = item(client_report(styled_email("table table { margin: 0 auto; }", body)), OUTLOOK, "css-margin")
    assert found is not None and found.effect == costs, found


@pytest.mark.parametrize(("rule", "costs"), [(".tiny { font-size: 6px; }", "decoration"), ("", "none")])
def test_auto_margins_on_a_table_whose_text_a_rule_sizes_are_judged_by_that_size(
    rule: str, costs: str
) -> None:
    # A class of 6px makes the 161 characters 290px at least, under the 600px cell: the table
    # need not fill it, and the margins centre it. The size was read from style attributes
    # alone (16px where none), so the loss was taken for nothing.
    inner = f'<table><tr><td class="tiny">{LONG_TEXT}</td></tr></table>'
    body = f'<table width="600"><tr><td style="padding:10px">{inner}</td></tr></table>'
    report = client_report(styled_email(f"table table {{ margin: 0 auto; }} {rule}", body))
    found = item(report, OUTLOOK, "css-margin")
    assert found is not None and found.effect == costs, found


# --- round 16: rules found on caniemail's logical-property, flex and hover emails -------------


@pytest.mark.parametrize(
    ("style", "body"),
    [
        ("p { margin: 20px; background-color: tomato; }", "<p>One</p><p>Two</p>"),  # the rule paints
        ("p { margin: 20px; }", '<p style="background:#fc6">One</p><p>Two</p>'),  # the element does
    ],
)
def test_outlook_paints_a_background_over_a_margin_a_style_rule_sets(style: str, body: str) -> None:
    # caniemail's margin note 3 (Outlook for Windows): the background colour is included inside
    # the margin. A rule's margin is no different from an inline one: the painted boxes run together.
    found = item(client_report(styled_email(style, body)), OUTLOOK, "css-margin")
    assert found is not None and found.effect == "decoration" and "over its margin" in found.why, found
    plain = item(
        client_report(styled_email("p { margin: 20px; }", "<p>One</p><p>Two</p>")), OUTLOOK, "css-margin"
    )
    assert plain is None or plain.effect != "decoration", plain


@pytest.mark.parametrize(
    ("style", "body"),
    [
        (
            "",
            '<div style="display:flex; justify-content:center; align-items:center"><div>A</div><div>B</div></div>',
        ),
        (
            ".row { display: flex; justify-content: space-between; }",
            '<div class="row"><p>A</p><p>B</p></div>',
        ),
    ],
)
def test_alignment_of_a_flex_container_costs_nothing_where_its_display_is_dropped(
    style: str, body: str
) -> None:
    # CSS Flexbox: justify-content and align-items align a flex container's items. Where the client
    # drops display:flex (Outlook for Windows) there is no container left to align: the collapsed
    # layout is the loss (display), not a second one. Gmail keeps the flex row but not its alignment.
    report = client_report(styled_email(style, body))
    for feature in ("css-justify-content", "css-align-items"):
        found = item(report, OUTLOOK, feature)
        assert found is None or found.effect == "none", found
    flex = item(report, OUTLOOK, "css-display-flex")
    assert flex is not None and flex.effect == "content", flex
    aligned = item(report, GMAIL, "css-justify-content")
    assert aligned is not None and aligned.effect == "decoration", aligned


def test_a_table_row_that_loses_display_flex_keeps_its_cells_side_by_side() -> None:
    # A <tr> is a table row (CSS 2.1 17.2): without display:flex its cells still stand side by side,
    # in source order and sized by the table. The row's arrangement is lost, not the layout.
    cells = '<td style="order:2">First</td><td style="order:1">Second</td>'
    report = client_report(styled_email("", f'<table><tr style="display:flex">{cells}</tr></table>'))
    for feature in ("css-display-flex", "css-display"):
        found = item(report, OUTLOOK, feature)
        assert found is not None and found.effect == "decoration", found
    assert not messages(report, "error")
    blocks = client_report(styled_email("", '<div style="display:flex"><div>A</div><div>B</div></div>'))
    found = item(blocks, OUTLOOK, "css-display-flex")
    assert found is not None and found.effect == "content", found


IMAGE = '<img src="https://example.org/a.png" width="200" height="100" alt="A" style="display:block">'


@pytest.mark.parametrize(
    ("cell", "costs"),
    [
        ('<td style="font-size:0px; line-height:0px; width:200px">{img}</td>', "none"),
        ('<td style="font-size:0; width:200px">{img}</td>', "none"),  # line-height normal: 0 at size 0
        ('<td style="font-size:0; line-height:1.5; width:200px">{img}</td>', "none"),  # a factor of 0
        ('<td width="200" style="font-size:0px">{img}</td>', "none"),
        ('<td style="width:200px">{img}</td>', "decoration"),  # a 16px strut: a gap under the image
        ('<td style="font-size:0; line-height:20px; width:200px">{img}</td>', "decoration"),  # 20px line
        ('<td style="font-size:0; width:300px" align="center">{img}</td>', "decoration"),  # centred inline
        ('<td style="font-size:0; width:200px">{img} Caption</td>', "decoration"),  # not alone
    ],
)
def test_display_block_on_an_image_alone_on_a_line_with_no_strut_costs_nothing(cell: str, costs: str) -> None:
    # CSS 2.1 10.8.1: an inline image sits on its line's baseline above the strut, a box of the
    # container's font and line height. At font size 0 (and a line height of normal, a factor or 0)
    # the strut is nothing: an image alone on its line, as wide as its cell, is drawn the same
    # whether it is inline (Outlook for Windows keeps only display:none) or a block.
    # Words after the table: the room under an image that ends the email shows nothing (below).
    body = f"<table><tr>{cell.format(img=IMAGE)}</tr></table><p>More</p>"
    found = item(client_report(styled_email("", body)), OUTLOOK, "css-display")
    assert found is not None and found.effect == costs, found


VML_BUTTON = (
    '<!--[if mso]><v:roundrect href="https://example.com/" style="width:200px; height:40px" '
    'arcsize="10%" fillcolor="#0055aa"><w:anchorlock/><center{style}>Read more</center>'
    "</v:roundrect><![endif]-->"
)


@pytest.mark.parametrize(
    ("outlook_only", "costs"),
    [
        (VML_BUTTON.format(style=' style="color:#ffffff; font-family:sans-serif"'), "none"),  # sets it
        (VML_BUTTON.format(style=' style="color:#ffffff"'), "decoration"),  # takes the rule's font
        ("<!--[if mso]><p>Only in Outlook</p><![endif]-->", "decoration"),  # no font set around it
        ("<!--[if mso]><table><tr><td><![endif]-->", "none"),  # markup without text
        ("<!--[if mso]>Only\ufffe in Outlook<![endif]-->", "decoration"),  # a character lxml refuses
        ("<!--[if mso]><html></html>Only in Outlook<![endif]-->", "decoration"),  # a document's tags
        (  # Office's settings are data, not text
            "<!--[if mso]><xml><o:OfficeDocumentSettings><o:PixelsPerInch>96</o:PixelsPerInch>"
            "</o:OfficeDocumentSettings></xml><![endif]-->",
            "none",
        ),
    ],
)
def test_an_outlook_only_font_rule_is_judged_on_the_text_only_outlook_shows_too(
    outlook_only: str, costs: str
) -> None:
    # Text inside Outlook's conditional comments (a VML button's label, a notice) is shown by Outlook
    # alone, which is where the rule applies: it counts among the texts that must set the font.
    body = f"{SET_FONT}{outlook_only}"  # in the body, where no font is set
    found = item(client_report(email(body, OUTLOOK_FONT)), OUTLOOK, "css-selector-universal")
    assert found is not None and found.effect == costs, found


WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis"  # 45 letters: 720px at most at 16px


@pytest.mark.parametrize(
    ("style", "body", "client", "costs"),
    [
        # Outlook drops the <p>'s width: its line is the pane's (800px), and the word fits on it.
        ("p { width: 150px; }", f'<p><span style="overflow-wrap:anywhere">{WORD}</span></p>', OUTLOOK, "none"),
        # Gmail keeps the width: the word runs out of its 150px box.
        ("p { width: 150px; }", f'<p><span style="overflow-wrap:anywhere">{WORD}</span></p>', GMAIL, "decoration"),
        # A 300px cell holds the line in every client.
        ("", f'<table><tr><td width="300"><p style="overflow-wrap:anywhere">{WORD}</p></td></tr></table>',
         OUTLOOK, "decoration"),
        # At 20px the word may be 900px wide, wider than the pane.
        ("", f'<p style="font-size:20px; overflow-wrap:anywhere">{WORD}</p>', OUTLOOK, "decoration"),
    ],
)  # fmt: skip
def test_a_line_breaking_rule_costs_nothing_where_the_longest_word_fits_the_line(
    style: str, body: str, client: Client, costs: str
) -> None:
    # A word needs at most 1em a character (the widest letters of common text faces): where nothing
    # the client keeps makes the line narrower than that, overflow-wrap has nothing to break.
    found = item(client_report(styled_email(style, body)), client, "css-overflow-wrap")
    assert found is not None and found.effect == costs, found


RECOLOUR = "@keyframes k { from { background-color: red; } to { background-color: green; } }"


@pytest.mark.parametrize(
    ("keyframes", "inner", "client", "costs"),
    [
        (RECOLOUR, "", OUTLOOK, "none"),  # no height on a <div> in Outlook: an empty box is 0 tall
        (RECOLOUR, "", GMAIL, "decoration"),  # Gmail keeps the height: the box stays red
        (RECOLOUR, "", YAHOO, "decoration"),  # Yahoo writes the height as min-height: 100px tall still
        (RECOLOUR, "Text", OUTLOOK, "decoration"),  # text gives the box a height
        ("@keyframes k { from { height: 0; } to { height: 100px; } }", "", OUTLOOK, "decoration"),  # it grows
    ],
)
def test_an_animation_that_only_recolours_a_box_drawn_with_no_height_costs_nothing(
    keyframes: str, inner: str, client: Client, costs: str
) -> None:
    # caniemail's animation test: an empty <div style="height:100px"> animated from red to green.
    # Outlook for Windows keeps no height on a <div>: the empty box is 0 tall (CSS 2.1 10.6.3) and
    # paints nothing, so colours its keyframes change are not seen anyway.
    style = f"{keyframes} .a {{ animation: k 0.1s linear both; }}"
    body = f'<div style="width:100px"><div class="a" style="height:100px">{inner}</div></div>'
    found = item(client_report(styled_email(style, body)), client, "css-animation")
    assert found is not None and found.effect == costs, found


def test_alignment_is_judged_where_a_rule_the_report_cannot_match_may_make_the_container() -> None:
    # A kept rule whose selector the report cannot read may still make the element a flex container.
    style = "div:dir(ltr) { display: flex; }"  # lxml cannot evaluate :dir()
    body = '<div style="justify-content:center"><p>A</p><p>B</p></div>'
    found = item(client_report(styled_email(style, body)), GMAIL, "css-justify-content")
    assert found is not None and found.effect == "decoration", found


@pytest.mark.parametrize("declaration", ["word-break:break-all", "hyphens:auto"])
def test_a_rule_that_breaks_every_line_is_no_long_word_rule(declaration: str) -> None:
    # break-all and hyphens change where every line breaks, not only where a word is too long.
    body = f'<p style="{declaration}">A line of words and {WORD}.</p>'
    found = item(
        client_report(styled_email("", body)),
        YAHOO,
        "css-word-break" if "word" in declaration else "css-hyphens",
    )
    assert found is None or found.effect != "none" or "fits the line" not in found.why, found


def test_an_animated_image_has_a_height_of_its_own() -> None:
    style = f"{RECOLOUR} .a {{ animation: k 0.1s linear both; }}"
    # The file's own height sizes it: it is no empty box (a cell, which its row makes tall, is none either).
    body = '<img class="a" src="https://example.org/a.png" alt="A">'
    found = item(client_report(styled_email(style, body)), OUTLOOK, "css-animation")
    assert found is not None and found.effect == "decoration", found


# --- round 18 ---------------------------------------------------------------------------------

ROUNDED = "max-width:600px;border-radius:20px;overflow:hidden;background:#eeeeee"


@pytest.mark.parametrize(
    ("inside", "costs"),
    [
        ('<table width="100%"><tr><td>Words</td></tr></table>', "none"),  # nothing overflows
        (
            '<table width="100%"><tr><td><img src="https://example.org/a.png" width="500" alt="A"></td></tr></table>',
            "none",
        ),
        (
            '<table width="100%"><tr><td><img src="https://example.org/a.png" width="700" alt="A"></td></tr></table>',
            "decoration",
        ),
        ("<p>Words</p>", "decoration"),  # its margins stay inside the grey box only as it clips
        ('<img src="https://example.org/a.png" alt="A">', "decoration"),  # of a width unknown
    ],
)
def test_overflow_hidden_clips_nothing_on_a_box_of_auto_height_whose_corners_are_square_here(
    inside: str, costs: str
) -> None:
    # CSS 2.1 11.1.1: overflow clips what lies outside the box. A box of auto height holds its
    # content (10.6.3), content no wider than it stays in it, and where the client draws no
    # rounded corner there is no corner to clip to (MJML's rounded sections in Outlook).
    report = client_report(styled_email("", f'<div style="{ROUNDED}">{inside}</div>'))
    found = item(report, OUTLOOK_WINDOWS, "css-overflow")
    assert found is not None and (found.effect == "none") == (costs == "none"), (inside, found)


def test_overflow_hidden_still_clips_a_box_with_a_height() -> None:
    body = f'<div style="{ROUNDED};height:20px"><table width="100%"><tr><td>Words</td></tr></table></div>'
    found = item(client_report(styled_email("", body)), OUTLOOK_WINDOWS, "css-overflow")
    assert found is not None and found.effect == "decoration", found


FOUNDATION_BODY = (
    '<table width="100%" style="background:#f0f0f0"><tr><td align="center">'
    '<center><table style="width:580px;margin:0 auto;background:#ffffff"><tr><td>Words</td></tr></table>'
    "</center></td></tr></table>"
)


@pytest.mark.parametrize(("root", "costs"), [("#f0f0f0", "fallback"), ("#ffffff", "decoration")])
def test_outlooks_body_margin_shows_the_roots_background_where_the_root_paints_the_canvas(
    root: str, costs: str
) -> None:
    # CSS 2.1 14.2: the root's background paints the canvas, and the body's margin shows it; the
    # body's own background propagates to the canvas only where the root has none.
    html = (
        f'<!doctype html><html style="background:{root}"><head></head>'
        f'<body style="margin:0">{FOUNDATION_BODY}</body></html>'
    )
    found = item(client_report(html), OUTLOOK_WINDOWS, "css-margin")
    assert found is not None and found.effect == costs, found


@pytest.mark.parametrize(("margin", "costs"), [("margin:0 auto", "none"), ("margin:10px auto", "decoration")])
def test_auto_margins_cost_nothing_on_an_image_the_client_draws_inline(margin: str, costs: str) -> None:
    # Outlook keeps display:none alone: the block image is inline there, where auto margins are 0
    # (CSS 2.1 10.3.2) and vertical ones still apply to a replaced box (10.6.2, 8.3).
    image = f'<img src="https://example.org/a.png" width="100" alt="A" style="display:block;{margin}">'
    body = f'<table width="100%"><tr><td align="center"><center>{image}</center></td></tr></table>'
    found = item(client_report(styled_email("", body)), OUTLOOK_WINDOWS, "css-margin")
    assert found is not None and (found.effect == "none") == (costs == "none"), found


@pytest.mark.parametrize(
    ("around", "costs"),
    [
        ('<table width="100%"><tr><td>{center}</td></tr></table>', "none"),  # the pane, 800px
        ('<table width="100%"><tr><td style="width:564px;padding:0 16px">{center}</td></tr></table>', "none"),
        ('<table width="100%"><tr><td style="width:400px">{center}</td></tr></table>', "decoration"),
        ('<table width="100%"><tr><td>{center}</td><td>Beside</td></tr></table>', "decoration"),  # a share
        (
            '<table width="100%"><tr><td>{center}</td><td style="width:0"></td></tr></table>',
            "none",
        ),  # an empty 0
        (  # a border inside takes 8px of the cell's 536
            '<table width="100%"><tr><td style="width:536px"><table width="100%" cellpadding="0" cellspacing="0" '
            'style="border:4px solid"><tr><td>{center}</td></tr></table></td></tr></table>',
            "decoration",
        ),
    ],
)
def test_a_min_width_costs_nothing_on_a_block_its_container_makes_at_least_that_wide(
    around: str, costs: str
) -> None:
    # A block of auto or 100% width is as wide as its container (CSS 2.1 10.3.3): a min-width no
    # wider than that changes nothing (Foundation's <center style="min-width:532px;width:100%">).
    center = '<center style="min-width:532px;width:100%">Words</center>'
    body = around.format(center=center)
    found = item(client_report(styled_email("", body)), OUTLOOK_WINDOWS, "css-min-width")
    assert found is not None and (found.effect == "none") == (costs == "none"), (around, found)


def test_a_min_height_on_the_root_costs_nothing() -> None:
    # The root's background paints the whole canvas anyway (CSS 2.1 14.2), and a percentage height
    # inside resolves against a height, never a min-height (10.5).
    html = (
        '<!doctype html><html style="background:#f0f0f0;min-height:100%"><head></head>'
        '<body><table width="100%" style="height:100%"><tr><td>Words</td></tr></table></body></html>'
    )
    found = item(client_report(html), OUTLOOK_WINDOWS, "css-min-height")
    assert found is not None and found.effect == "none", found


@pytest.mark.parametrize(
    ("style", "costs"),
    [
        ("padding:0; list-style:none", "decoration"),  # no markers: the client's indent is empty room
        ("padding:0", "fallback"),  # the client's indent holds the bullets
    ],
)
def test_padding_0_on_a_list_is_not_its_initial_padding(style: str, costs: str) -> None:
    # HTML's rendering rules give <ul> and <ol> a 40px start padding for their markers; padding:0
    # takes it away. Outlook pads no list: its own indent stands in, with nothing in it where the
    # list shows no markers.
    body = f'<div><ul style="{style}"><li>One</li><li>Two</li></ul></div>'
    found = item(client_report(styled_email("", body)), OUTLOOK_WINDOWS, "css-padding")
    assert found is not None and found.effect == costs, found


@pytest.mark.parametrize(
    ("cell", "costs"),
    [
        # Blocks end their words: "specification", "contextprotocol.io" and "The" are three words.
        ("<h3>A specification</h3><p>contextprotocol.io</p><p>The comment</p>", "none"),
        ("<p>A specification<br>contextprotocol.io<br>The comment</p>", "none"),
        ("<p>averyveryveryverylongwordwithnospaces.example.org</p>", "decoration"),
        ("<p><b>abcdefghijklmnopqr</b>stuvwxyzabcdefghijkl</p>", "decoration"),  # inline: one word
    ],
)
def test_a_word_ends_where_its_block_does(cell: str, costs: str) -> None:
    # In a 300px cell: at 1em (16px) a character, a word of 19 letters may not fit a line.
    body = f'<table><tr><td width="300" style="word-break:break-word">{cell}</td></tr></table>'
    found = item(client_report(styled_email("", body)), YAHOO, "css-word-break")
    assert found is not None and (found.effect == "none") == (costs == "none"), (cell, found)


@pytest.mark.parametrize(
    ("family", "weight", "style", "costs"),
    [
        ("Arial, sans-serif", "500", "", "none"),  # regular and bold faces only: 500 is drawn regular
        ("Georgia, serif", "300", "", "none"),
        ("Arial, sans-serif", "550", "", "decoration"),  # over 500: a browser takes the bold face
        ("'Helvetica Neue', Arial", "500", "", "decoration"),  # it has a medium face
        ("Arial, sans-serif", "500", "a { font-family: Inter }", "decoration"),  # a rule may set another
    ],
)
def test_outlooks_normal_weight_costs_nothing_in_a_family_of_regular_and_bold_faces(
    family: str, weight: str, style: str, costs: str
) -> None:
    # CSS Fonts 4, 5.2: a weight from 400 to 500 takes the nearest face below where none is at or
    # above it up to 500, one under 400 the nearest above where none is below: in a family of
    # regular and bold faces alone (Microsoft's core fonts for the web), every weight to 500 is drawn
    # regular, as Outlook draws every weight under 600.
    body = f'<div style="font-family:{family}"><a href="https://example.org/" style="font-weight:{weight}">A</a></div>'
    found = item(client_report(styled_email(style, body)), OUTLOOK_WINDOWS, "css-font-weight")
    assert found is not None and (found.effect == "none") == (costs == "none"), (family, weight, found)


def test_a_width_that_is_no_number_leaves_the_overflow_unknown() -> None:
    body = f'<div style="{ROUNDED}"><table width="abc%"><tr><td>Words</td></tr></table></div>'
    found = item(client_report(styled_email("", body)), OUTLOOK_WINDOWS, "css-overflow")
    assert found is not None and found.effect == "decoration", found


@pytest.mark.parametrize(("feature", "costs"), [("css-width", "decoration"), ("css-height", "decoration")])
def test_a_rule_outlook_keeps_on_a_table_is_lost_on_a_div_it_also_styles(feature: str, costs: str) -> None:
    # caniemail: Outlook for Windows keeps no width or height on a <div>, and both on a <table>. A
    # rule styling both is read on the table only: the grey box loses its size.
    style = ".box { width:200px; height:200px; background:#cccccc }"
    body = '<div class="box"></div><table class="box"><tr><td>Words</td></tr></table>'
    found = item(client_report(styled_email(style, body)), OUTLOOK_WINDOWS, feature)
    assert found is not None and found.effect == costs, found


def test_a_rule_outlook_keeps_on_every_element_it_styles_stays_kept() -> None:
    style = ".box { width:200px; background:#cccccc }"
    body = (
        '<table class="box"><tr><td>Words</td></tr></table><table class="box"><tr><td>More</td></tr></table>'
    )
    found = item(client_report(styled_email(style, body)), OUTLOOK_WINDOWS, "css-width")
    assert found is None or found.effect == "partial", found


@pytest.mark.parametrize(
    ("root", "body_background", "inside", "costs"),
    [
        ("", "#222222", '<table width="100%"><tr><td>Words</td></tr></table>', "none"),
        ("", "#222222", '<table width="100%" height="100%" bgcolor="#ffffff"><tr><td>Words</td></tr></table>', "decoration"),
        ("background:#ffffff", "#222222", '<table width="100%"><tr><td>Words</td></tr></table>', "decoration"),
    ],
)  # fmt: skip
def test_a_height_on_the_body_costs_nothing_where_its_background_is_the_canvas_and_nothing_takes_a_share(
    root: str, body_background: str, inside: str, costs: str
) -> None:
    # CSS 2.1 14.2: the body's background paints the whole canvas where the root has none, so how
    # tall the body's own box is shows nowhere, unless a child takes a percentage of it (10.5).
    html = (
        f'<!doctype html><html style="{root}"><head><style>html, body {{ height:100% }}</style></head>'
        f'<body style="background:{body_background}">{inside}</body></html>'
    )
    found = item(client_report(html), OUTLOOK_WINDOWS, "css-height")
    assert found is not None and (found.effect == "decoration") == (costs == "decoration"), found


def test_a_compound_selector_costs_nothing_of_its_own_where_the_rule_goes_for_its_attribute() -> None:
    # Outlook for Windows reads no attribute selector: td[class="a"] goes for that, whatever it
    # makes of the compound (caniemail's chaining note: the first selector of the chain).
    style = 'td[class="a"] { color: #ff0000 }'
    report = client_report(styled_email(style, '<table><tr><td class="a">Words</td></tr></table>'))
    chained = item(report, OUTLOOK_WINDOWS, "css-selector-chaining")  # a type first: read whole
    assert chained is not None and chained.effect in ("none", "partial"), chained
    attribute = item(report, OUTLOOK_WINDOWS, "css-selector-attribute")
    assert attribute is not None and attribute.effect == "decoration", attribute


@pytest.mark.parametrize(
    ("selector", "costs"), [("td.a", "decoration"), ("td[title]", "partial"), (".a.b", "decoration")]
)
def test_outlook_com_breaks_a_compound_only_where_a_class_follows_its_first_selector(
    selector: str, costs: str | None
) -> None:
    # caniemail: Outlook.com prefixes only the first selector of a chain in the styles, and every
    # class in the HTML: a class after the first selector no longer matches; a compound with no
    # such class is untouched (kept: "partial").
    style = f"{selector} {{ color: #ff0000 }}"
    body = '<table><tr><td class="a b" title="t">Words</td></tr></table>'
    found = item(client_report(styled_email(style, body)), OUTLOOK_COM, "css-selector-chaining")
    assert (found.effect if found is not None else None) == costs, (selector, found)


def test_an_initial_value_a_rule_gives_elements_outlook_drops_it_on_costs_nothing_there() -> None:
    style = "body, td { padding: 0 }"  # Outlook pads cells only: on <body>, 0 is what it has anyway
    found = item(
        client_report(styled_email(style, "<table><tr><td>Words</td></tr></table>")),
        OUTLOOK_WINDOWS,
        "css-padding",
    )
    assert found is None or found.effect in ("partial", "none"), found


# --- round 19 ---------------------------------------------------------------------------------

SHY_WORD = "Antidisestab&shy;lishmentarianism"  # 28 letters and a soft hyphen


@pytest.mark.parametrize(
    ("style", "attribute", "costs"),
    [
        ("p { width:150px }", "hyphens:none", "decoration"),  # the word breaks at its soft hyphen
        ("", "width:150px; hyphens:none", "decoration"),
        ("p { width:150px }", "hyphens:auto", "decoration"),
        ("", "hyphens:none", "none"),  # as wide as the window: no word here is too long for it
        ("p { width:150px }", "hyphens:manual", "none"),  # the initial value
    ],
)
def test_a_line_breaking_rule_matters_for_words_shorter_than_a_phone_line_in_a_narrow_box(
    style: str, attribute: str, costs: str
) -> None:
    # caniemail's hyphens email: a 150px <p> holding a 28-letter word. No word is longer than a
    # phone's line, but the box is narrower than one: with hyphens:none the word overflows it, and
    # where the client drops hyphens (manual, the initial value, CSS Text 3 5.4) it breaks at its
    # soft hyphen instead.
    body = f'<p style="{attribute}">A word: {SHY_WORD}.</p>'
    found = item(client_report(styled_email(style, body)), GMAIL, "css-hyphens")
    assert found is not None and found.effect == costs, found


@pytest.mark.parametrize(
    ("inside", "costs"),
    [
        ('<defs><clipPath id="c"><rect x="0" y="0" width="10" height="80"/></clipPath></defs>', "decoration"),
        ('<title>A drawing</title><defs><linearGradient id="g"></linearGradient></defs>', "decoration"),
        ('<rect x="0" y="0" width="10" height="80" fill="#000"/>', "content"),
        ('<defs><symbol id="s"><rect width="5" height="5"/></symbol></defs><use href="#s"/>', "content"),
    ],
)  # fmt: skip
def test_an_svg_that_draws_nothing_of_its_own_loses_only_its_room(inside: str, costs: str) -> None:
    # SVG 2, 5.3 and 14.3.5: what <defs> and a <clipPath> hold is never drawn where it is written,
    # only where something uses it: an <svg> of definitions alone shows nothing but its empty box.
    body = f'<div><img src="https://example.org/a.png" width="150" alt="A"><svg width="150" height="180">{inside}</svg></div>'
    found = item(client_report(styled_email("", body)), GMAIL, "html-svg")
    assert found is not None and found.effect == costs, found


@pytest.mark.parametrize(("inner", "costs"), [("&nbsp;", "decoration"), ("", "none"), (" ", "none")])
def test_a_no_break_space_makes_a_line_that_a_height_written_as_min_height_grows_to(
    inner: str, costs: str
) -> None:
    # CSS Text 3, 4.1.1: only spaces, tabs and line breaks collapse away; a no-break space stays and
    # makes a line as tall as its font (CSS 2.1 10.8.1), taller than a 4px bar.
    body = f'<div style="height:4px; background-color:#ff0000; margin:20px 0">{inner}</div>'
    found = item(client_report(styled_email("", body)), YAHOO, "css-height")
    assert found is not None and found.effect == costs, found


@pytest.mark.parametrize(
    ("client", "cursor", "costs"),
    [
        (APPLE_MAIL, "url('https://example.org/c.svg'), pointer", "fallback"),  # pointer stands in
        (APPLE_MAIL, "url('https://example.org/a.png'), url('https://example.org/b.cur'), help", "fallback"),
        (YAHOO, "url('https://example.org/c.svg'), pointer", None),  # kept: Yahoo keeps pointer
        (YAHOO, "alias", "decoration"),  # Yahoo keeps a few keywords only (caniemail's note)
        (GMAIL, "url('https://example.org/c.svg'), pointer", "decoration"),  # Gmail drops cursor whole
    ],
)
def test_a_cursor_image_the_client_cannot_use_gives_way_to_the_keyword_after_it(
    client: Client, cursor: str, costs: str | None
) -> None:
    # CSS UI 4, 5.1: a user agent that cannot handle a cursor of the list tries the next, and
    # uses the keyword at the end where it can handle none. Apple Mail reads no url() (caniemail's
    # note): the keyword stands in, unless the client drops the property whole (Gmail).
    body = f'<p style="cursor:{cursor}">Words</p>'
    found = item(client_report(styled_email("", body)), client, "css-cursor")
    assert (found.effect if found is not None and found.effect != "partial" else None) == costs, found


@pytest.mark.parametrize(
    ("box", "text", "client", "costs"),
    [
        ("", "color:#ffffff", OUTLOOK_WINDOWS, "content"),  # white on the white canvas
        ("background-color:#222222;", "color:#ffffff", OUTLOOK_WINDOWS, "decoration"),  # the colour stands in
        ("", "color:#333333", OUTLOOK_WINDOWS, "decoration"),  # dark text reads on white
        # Its own ground hides the image anyway: a pale green, whatever its contrast, is not the image's loss.
        ("", "color:#ffffff; background-color:#5fa91d", OUTLOOK_WINDOWS, "decoration"),
        ("", "color:#ffffff", GMAIL, None),  # Gmail keeps the image
    ],
)
def test_text_that_does_not_stand_out_from_what_a_lost_background_image_leaves_is_lost(
    box: str, text: str, client: Client, costs: str | None
) -> None:
    # caniemail's backdrop-filter email: white text over a photo Outlook for Windows does not draw
    # (no background-image there, and no VML written for it). What is left behind the text is the
    # colour under the image, or the canvas: white on white is not read (WCAG's 4.5:1, as the
    # contrast check).
    body = (
        f'<div style="{box}background-image:url(https://example.org/photo.jpg);background-size:cover">'
        f'<p style="{text}">Words over the photo</p></div>'
    )
    found = item(client_report(styled_email("", body)), client, "css-background-image")
    assert (found.effect if found is not None else None) == costs, found


def test_a_lost_background_costs_no_text_where_the_background_attribute_still_draws_the_image() -> None:
    # MJML writes a section's image twice: in a background shorthand with its size after a slash,
    # which Yahoo does not read, and in the table's background attribute, which it does.
    body = (
        '<div style="background:url(https://example.org/photo.jpg) center top / cover no-repeat">'
        '<table background="https://example.org/photo.jpg" width="100%"><tr><td>'
        '<p style="color:#ffffff">Slogan</p></td></tr></table></div>'
    )
    found = item(client_report(styled_email("", body)), YAHOO, "css-background")
    assert found is not None and found.effect == "decoration", found


@pytest.mark.parametrize(
    ("colour", "client", "costs"),
    [
        ("lab(10,10,10)", GMAIL, "none"),  # no comma syntax for lab(): no browser reads it either
        ("lch(10,10,10)", OUTLOOK_COM, "none"),
        ("lab(10 10 10)", OUTLOOK_COM, "decoration"),  # valid: the colour is lost
        ("oklch(0.5 0.1 120)", YAHOO, "decoration"),
    ],
)
def test_a_colour_no_browser_can_read_costs_nothing_where_a_client_drops_it(
    colour: str, client: Client, costs: str
) -> None:
    # CSS Color 4 gives lab(), lch(), oklab() and oklch() no comma syntax, and a declaration a
    # browser cannot read is ignored (CSS 2.1 4.2): caniemail's colours email writes lab(10,10,10).
    body = f'<div style="color:#ff0000"><p style="color:{colour}">Words</p></div>'
    found = item(client_report(styled_email("", body)), client, "css-modern-color")
    assert found is not None and found.effect == costs, found


@pytest.mark.parametrize(
    ("colour", "costs"),
    [
        ("rgba(0,128,0,0)", "content"),  # Outlook reads no rgba(): the hidden words show
        ("rgba(0,128,0,0.5)", "decoration"),  # a half-green word turns red: styling
    ],
)
def test_words_a_transparent_colour_hid_show_where_the_client_drops_the_colour(
    colour: str, costs: str
) -> None:
    # CSS Color 4: a colour with alpha 0 draws nothing. Dropped, the words take the colour around them.
    body = f'<div style="color:#ff0000"><p><span style="color:{colour}">hidden </span>shown</p></div>'
    found = item(client_report(styled_email("", body)), OUTLOOK_WINDOWS, "css-rgba")
    assert found is not None and found.effect == costs, found


@pytest.mark.parametrize(("cell", "costs"), [("mso-line-height-rule:exactly;", False), ("", True)])
def test_a_rules_line_height_is_exact_where_an_outlook_only_cell_around_what_it_styles_says_so(
    cell: str, costs: bool
) -> None:
    # mso-line-height-rule is inherited: MJML sets it on the cells of the tables it writes for
    # Outlook alone, around every section. A style-block rule in the <head> styles elements the
    # email reaches later, inside those cells: its px line-height is exact there too.
    style = ".t p { line-height: 40px; }"
    body = (
        f'<!--[if mso]><table role="presentation"><tr><td style="{cell}"><![endif]-->'
        '<div class="t"><p>Words</p></div><!--[if mso]></td></tr></table><![endif]-->'
    )
    found = item(client_report(styled_email(style, body)), OUTLOOK_WINDOWS, "css-line-height")
    assert found is not None and (found.effect == "decoration") == costs, found


MANROPE = (
    '<link href="https://fonts.googleapis.com/css2?family=Manrope:wght@500&display=swap" rel="stylesheet">'
)


@pytest.mark.parametrize(
    ("head", "family", "costs"),
    [
        (MANROPE, "Manrope, Helvetica, Arial, sans-serif", "none"),  # Outlook draws Arial
        ("<style>@font-face { font-family: 'Brand'; src: url(https://example.org/b.woff2); }</style>", "Brand, Arial", "none"),
        ("", "Manrope, Arial", "decoration"),  # not loaded from the web here: it may be the reader's own
        ("<style>@font-face { font-family: Brand; src: local(Brand), url(https://example.org/b.woff2); }</style>", "Brand, Arial", "decoration"),
        (MANROPE, "Manrope, 'Segoe UI', Arial", "decoration"),  # Segoe UI has a semibold face
        ("", "Helvetica, Arial, sans-serif", "none"),  # 500 takes its regular face: no medium one
    ],
)  # fmt: skip
def test_outlook_draws_a_weight_in_the_first_family_it_has(head: str, family: str, costs: str) -> None:
    # caniemail: Outlook for Windows ignores distant fonts: the text is drawn in the next family of
    # the stack (CSS Fonts 4, 5), where a browser draws weight 500 regular too when that family has
    # no face between its regular and bold (macOS's Helvetica has a light one; 300 would take it).
    body = f'<p style="font-family:{family}; font-weight:500">Words</p>'
    html = f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"
    found = item(client_report(html), OUTLOOK_WINDOWS, "css-font-weight")
    assert found is not None and found.effect == costs, found


def test_a_light_weight_takes_helveticas_light_face_that_outlook_does_not_draw() -> None:
    body = '<p style="font-family:Helvetica, Arial, sans-serif; font-weight:300">Words</p>'
    found = item(client_report(styled_email("", body)), OUTLOOK_WINDOWS, "css-font-weight")
    assert found is not None and found.effect == "decoration", found


@pytest.mark.parametrize(
    ("style", "attribute", "costs"),
    [
        ("p { font-family: Arial, sans-serif }", "", "none"),  # the rule's family
        ("body { font-family: Georgia, serif }", "", "none"),  # inherited from the rule's element
        ("p { font-family: 'Segoe UI', Arial }", "", "decoration"),  # a family with a semibold face
        ("p { font-family: 'Segoe UI' }", "font-family:Arial;", "none"),  # the style attribute wins
        ("p { font-family: 'Segoe UI' !important }", "font-family:Arial;", "decoration"),  # unless !important
        ("p { font-family: Arial } .a { font-family: 'Segoe UI' }", "", "decoration"),  # they differ
        ("p { font: 16px Arial }", "", "decoration"),  # the shorthand is not read here
    ],
)
def test_outlooks_weight_is_judged_in_the_family_a_style_block_rule_gives(
    style: str, attribute: str, costs: str
) -> None:
    # The family the text is drawn in, as the cascade gives it (CSS 2.1 6.4): a rule's, unless the
    # style attribute sets one and the rule is not !important; rules that set different families
    # leave it unknown.
    body = f'<p class="a" style="{attribute}font-weight:500">Words</p>'
    found = item(client_report(styled_email(style, body)), OUTLOOK_WINDOWS, "css-font-weight")
    assert found is not None and found.effect == costs, (style, found)


@pytest.mark.parametrize(
    ("style", "costs"),
    [
        (".over { color: #ffffff }", "content"),  # white on the white canvas, set by a class rule
        (".over { color: #333333 }", "decoration"),  # dark text reads on white
        (
            ".box { background-color: #222222 } .over { color: #ffffff }",
            "decoration",
        ),  # a rule's ground stands in
        (".box { background-color: #222222 }", "content"),  # black on that ground is not read
        ("@media (max-width: 480px) { .over { color: #ffffff } }", "decoration"),  # not on Outlook's screen
        (".over:hover { color: #ffffff }", "decoration"),  # only while pointed at
        ("@media (prefers-color-scheme: dark) { .over { color: #ffffff } }", "decoration"),  # light mode
    ],
)
def test_text_a_style_block_rule_colours_is_judged_over_what_a_lost_background_image_leaves(
    style: str, costs: str
) -> None:
    # Before premailer, a class rule colours the text; after, what stays in <style> is media
    # queries and pseudo-classes. The colour the text ends with is the cascade's, not its
    # style attribute's alone.
    body = (
        '<div class="box" style="background-image:url(https://example.org/photo.jpg)">'
        '<p class="over">Words over the photo</p></div>'
    )
    found = item(client_report(styled_email(style, body)), OUTLOOK_WINDOWS, "css-background-image")
    assert found is not None and found.effect == costs, found


@pytest.mark.parametrize(
    ("gifs", "costs", "says"),
    [
        ({"https://example.org/i/a.gif": True}, "decoration", "first frame"),  # the motion is lost
        ({"https://example.org/i/a.gif": False}, "none", "still"),  # one frame: all there is
        ({}, "partial", "animated"),  # a remote GIF: whether it moves is unknown, caniemail's note stands
    ],
)
def test_outlook_shows_only_the_first_frame_of_a_gif_the_build_knows_is_animated(
    gifs: dict[str, bool], costs: str, says: str
) -> None:
    # caniemail: Outlook for Windows does not play animated GIFs; it shows the first frame. Only
    # the issue's own files are decoded by the build, which then knows whether a GIF moves.
    body = '<img src="https://example.org/i/a.gif" width="100" height="50" alt="A chart">'
    report = client_report(styled_email("", body), gifs=gifs)
    found = item(report, OUTLOOK_WINDOWS, "image-gif")
    assert found is not None and found.effect == costs and says in found.why, found
    assert item(report, GMAIL, "image-gif") is None  # Gmail plays it
