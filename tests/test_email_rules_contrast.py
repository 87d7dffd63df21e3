"""The `contrast` check (digest.checks.email_rules.contrast): each text's colour against the colours behind it, in every colour syntax."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from digest.checks.email_rules import EmailCheckSettings
from digest.checks.origins import EmailSources
from tests.conftest import REPO
from tests.helpers import TEMPLATE, broken, findings_of, only, sources_in
from tests.test_cli import run


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
