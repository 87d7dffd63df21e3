"""Right-to-left text: which characters and languages run right to left, found cheaply."""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import pytest

from digest.render import direction
from digest.render.direction import (
    MAYBE_RIGHT_TO_LEFT,
    RIGHT_TO_LEFT,
    html_dir,
    language_direction,
    mark_directions,
    remember_direction,
)
from tests.helpers import add_to_intro, review_file
from tests.test_cli import run
from tests.test_robustness import ISSUE


def test_the_quick_scan_finds_every_right_to_left_letter_unicode_has() -> None:
    # mark_directions skips a fragment the scan finds nothing in: it must miss none.
    missed = [
        hex(point)
        for point in range(sys.maxunicode + 1)
        if unicodedata.bidirectional(chr(point)) in RIGHT_TO_LEFT
        and not MAYBE_RIGHT_TO_LEFT.match(chr(point))
    ]
    assert missed == []


def test_a_fragment_without_right_to_left_text_is_left_as_it_is_and_one_with_it_is_marked() -> None:
    plain = "<p>Left to right, with Ǆ, ß, 中文 and a \u202b right-to-left embedding but no letter.</p>"
    assert mark_directions(plain) == plain
    mixed = "<p>English first.</p><p>\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd</p>"
    assert (
        mark_directions(mixed)
        == '<p dir="ltr">English first.</p><p dir="rtl">\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd</p>'
    )


def test_a_block_keeps_only_a_dir_attribute_of_its_own_not_one_its_title_mentions() -> None:
    """Whether a block has a dir was asked of its start tag's text ('dir=' anywhere in it),
    so a tooltip mentioning a shell option left a Hebrew paragraph unmarked."""
    hebrew = "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd"
    assert (
        mark_directions(f'<p title="ls dir=/tmp">{hebrew}</p>')
        == f'<p dir="rtl" title="ls dir=/tmp">{hebrew}</p>'
    )
    assert mark_directions(f'<p title="x" dir="ltr">{hebrew}</p>') == f'<p title="x" dir="ltr">{hebrew}</p>'


def test_a_languages_direction_comes_from_cldr_or_from_what_the_build_cache_kept() -> None:
    assert [language_direction(tag) for tag in ("ar", "he", "fa-IR", "ur", "en", "de-CH", "zh-Hant")] == [
        "rtl",
        "rtl",
        "rtl",
        "rtl",
        "ltr",
        "ltr",
        "ltr",
    ]
    assert language_direction("not a language tag") == "ltr"
    try:
        remember_direction("xx-Test", "rtl")  # as the build cache hands it back
        assert language_direction("xx-Test") == "rtl"
    finally:
        direction._REMEMBERED.pop("xx-Test", None)


@pytest.mark.parametrize("tag", ["ar-US", "he-US", "fa-DE", "ur-GB", "yi-US", "ar-FR", "und-Arab"])
def test_a_right_to_left_language_in_a_region_cldr_has_no_locale_for_runs_right_to_left(tag: str) -> None:
    # An Arabic newsletter for readers in the United States: CLDR has no ar_US, but its
    # language is Arabic, written right to left (as its dates already are, in Arabic).
    assert direction._cldr_direction(tag) == "rtl"
    assert language_direction(tag) == "rtl"


@pytest.mark.parametrize(
    ("tag", "way"),
    [("ar-Latn", "ltr"), ("fa-Latn", "ltr"), ("he-Latn-IL", "ltr"), ("az-Arab", "rtl"), ("tr-Arab", "rtl")],
)
def test_a_tags_script_says_which_way_it_runs(tag: str, way: str) -> None:
    # Arabic written in Latin letters runs left to right; Turkish in Arabic letters (Ottoman) the other way.
    assert direction._cldr_direction(tag) == way


def test_a_build_takes_the_sites_direction_from_the_build_cache(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(project, "build", "issue-2025").exit_code == 0
    direction._REMEMBERED.clear()

    def not_read(language: str) -> str:
        raise AssertionError(f"CLDR's data read again for {language}")

    monkeypatch.setattr(direction, "_cldr_direction", not_read)
    review = project / "issues" / "issue-2025" / "llm-report-2025.md"
    review.write_text(review.read_text() + "\nOne more line.\n")
    assert run(project, "build", "issue-2025").exit_code == 0
    assert 'dir="rtl"' not in (project / "dist" / "issue-2025" / "index.html").read_text()


def test_on_a_right_to_left_site_text_written_left_to_right_is_marked_so(project: Path) -> None:
    settings = project / "digest.toml"
    settings.write_text(settings.read_text().replace('language = "en"', 'language = "ar"'))
    assert run(project, "build", "issue-2025", "--no-check-links").exit_code == 0
    issue = project / "dist" / "issue-2025"
    page = (issue / "index.html").read_text()
    assert '<html lang="ar" dir="rtl">' in page
    assert '<div class="intro" dir="ltr">' in page  # the editor's English introduction
    review = (issue / "review-the-state-of-llms-in-2025" / "index.html").read_text()
    assert '<div class="body" dir="ltr">' in review
    email = (issue / "email.html").read_text()
    assert (
        'dir="rtl"' in email and '<div dir="ltr" style="text-align:left" align="left">' in email
    )  # not MJML's right


def test_a_fragments_direction_is_its_first_letter_outside_tags_and_entities() -> None:
    hebrew = "\u05e9\u05dc\u05d5\u05dd"
    assert html_dir(f'<p class="x"><a href="/en">{hebrew}</a> and English</p>', "en") == ' dir="rtl"'
    assert html_dir(f"<p>&quot;{hebrew}&quot;</p>", "en") == ' dir="rtl"'  # not 'quot'
    assert html_dir("<p>2025: 42%</p><p>English</p>", "ar") == ' dir="ltr"'
    assert html_dir("<p>English</p>", "en") == "" and html_dir("<img alt='x'>", "ar") == ""


# --- text that runs right to left ---------------------------------------------------------

ARABIC_LINE = "هذا الأسبوع نقرأ عن خرائط المدن."


ARABIC_TITLE = "خرائط القاهرة غير الرسمية"


ARABIC_DESCRIPTION = "مراجعة قصيرة لمقال طويل."


def test_an_arabic_paragraph_in_an_english_issue_runs_right_to_left(project: Path) -> None:
    add_to_intro(project, ARABIC_LINE)
    path = review_file(project)
    text = path.read_text().replace('title: "Review: The State of LLMs in 2025"', f'title: "{ARABIC_TITLE}"')
    path.write_text(re.sub(r"(?m)^description: .*$", f'description: "{ARABIC_DESCRIPTION}"', text))
    assert run(project, "build", ISSUE).exit_code == 0
    issue = project / "dist" / ISSUE
    email_html = (issue / "email.html").read_text()
    web = (issue / "index.html").read_text()
    for page in (email_html, web):
        assert re.search(rf'<p dir="rtl"( style="text-align:right" align="right")?>{ARABIC_LINE}</p>', page)
        assert re.search(r'<p dir="ltr"( style="text-align:left" align="left")?>Every December brings', page)
    # MJML aligns each text block left as a whole: the Arabic paragraph aligns with its start
    assert f'<p dir="rtl" style="text-align:right" align="right">{ARABIC_LINE}</p>' in email_html
    assert re.search(rf'<h[23][^>]* dir="rtl"[^>]*>{ARABIC_TITLE}<', email_html)
    assert (
        f'<p class="excerpt" dir="rtl" style="text-align:right; margin:0 0 12px" align="right">{ARABIC_DESCRIPTION}</p>'
        in email_html
    )
    assert f'<p dir="rtl">{ARABIC_DESCRIPTION}</p>' in web
    review_page = next(p for p in issue.glob("*/index.html") if ARABIC_TITLE in p.read_text())
    assert f'<h1 dir="rtl">{ARABIC_TITLE}</h1>' in review_page.read_text()


def test_an_issue_without_right_to_left_text_has_no_direction_marks(project: Path) -> None:
    assert run(project, "build", ISSUE).exit_code == 0
    for page in (project / "dist").rglob("*.html"):
        assert ' dir="rtl"' not in page.read_text() and '<p dir="ltr"' not in page.read_text(), page


def test_a_site_written_in_arabic_runs_right_to_left(project: Path) -> None:
    settings = project / "digest.toml"
    settings.write_text(settings.read_text().replace('language = "en"', 'language = "ar"'))
    assert run(project, "build", ISSUE).exit_code == 0
    issue = project / "dist" / ISSUE
    assert '<html lang="ar" dir="rtl"' in (issue / "email.html").read_text()
    assert '<html lang="ar" dir="rtl"' in (issue / "index.html").read_text()
    assert '<html lang="ar" dir="rtl"' in (project / "dist" / "index.html").read_text()
