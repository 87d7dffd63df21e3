"""Links to a review by its file name (digest.sources.reviewlinks): a link written to a review's
Markdown file leads to that review's page in every edition."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import A_REVIEW, SITE, built_output, with_intro
from tests.test_cli import run
from tests.test_robustness import ISSUE

RASCHKA = "review-sebastian-raschka-on-the-state-of-llms-in-2025"


def test_a_link_to_a_reviews_file_in_the_introduction_leads_to_its_page_in_every_edition(
    project: Path,
) -> None:
    with_intro(
        project,
        "Start with [the short one](state-of-llms-2025.md), then [its notes](raschka-state-of-llms.md#top).",
    )
    html = built_output(project, "email.html")
    assert f'href="{SITE}{ISSUE}/{A_REVIEW}/"' in html
    assert f'href="{SITE}{ISSUE}/{RASCHKA}/#top"' in html
    text = (project / "dist" / ISSUE / "email.txt").read_text(encoding="utf-8")
    assert f"<{SITE}{ISSUE}/{A_REVIEW}/>" in text
    web = (project / "dist" / ISSUE / "index.html").read_text(encoding="utf-8")
    assert f'href="{A_REVIEW}/"' in web
    feed = (project / "dist" / "feed.xml").read_text(encoding="utf-8")
    assert f"{SITE}{ISSUE}/{A_REVIEW}/" in feed and "state-of-llms-2025.md" not in feed


def test_a_link_to_another_reviews_file_in_a_review_leads_to_that_reviews_page(project: Path) -> None:
    review = project / "issues" / ISSUE / "raschka-state-of-llms.md"
    review.write_text(
        review.read_text(encoding="utf-8") + "\nCompare [the shorter post](state-of-llms-2025.md).\n",
        encoding="utf-8",
    )
    built_output(project, "email.html")
    page = (project / "dist" / ISSUE / RASCHKA / "index.html").read_text(encoding="utf-8")
    assert f'href="../{A_REVIEW}/"' in page


def test_a_link_to_a_file_that_is_no_review_of_the_issue_is_still_refused_by_its_line(project: Path) -> None:
    with_intro(project, "Start with [the short one](no-such-review.md).")
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 1
    assert "issue.md:" in result.output and "no-such-review.md" in result.output


def test_a_link_typed_composed_leads_to_a_review_stored_decomposed(project: Path) -> None:
    folder = project / "issues" / ISSUE
    composed, decomposed = "caf\u00e9.md", "cafe\u0301.md"  # a Mac's copy keeps the accent apart
    (folder / "state-of-llms-2025.md").rename(folder / decomposed)
    issue_md = folder / "issue.md"
    issue_md.write_text(
        issue_md.read_text(encoding="utf-8").replace("state-of-llms-2025.md", composed), encoding="utf-8"
    )
    with_intro(project, f"Start with [the caf\u00e9 one]({composed}), or [the same](caf%C3%A9.md).")
    html = built_output(project, "email.html")
    assert ".md" not in html.split("Start with", 1)[1].split("</p>", 1)[0]
    assert html.split("Start with", 1)[1].split("</p>", 1)[0].count(f'href="{SITE}{ISSUE}/{A_REVIEW}/"') == 2


HREFS = ["tram.md", " tram.md", "&#116;ram.md", "./tram.md", "sub/../tram.md", "tram.md#part", "tr%61m.md",
         "http://example.org/tram.md", "mailto:ann@example.org", "#top", "?q=1", "/tram.md", "//host/tram.md",
         "c:tram.md", "a_b:tram.md", "&#x2F;tram.md", "\ttram.md", "TRAM.md"]  # fmt: skip


@pytest.mark.parametrize("href", HREFS)
@pytest.mark.parametrize("quote", ['"', "'", ""])
def test_the_quick_test_for_file_links_skips_no_link_the_rewrite_would_change(
    href: str, quote: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from digest.sources import reviewlinks

    markup = f"<p>See <A class=x HREF={quote}{href}{quote}>the tram</A>.</p>"
    source, pages = Path("/p/issues/i/other.md"), {"/p/issues/i/tram.md": "tram-piece"}
    quick = reviewlinks.link_review_files(markup, source, pages, on_review_page=True)
    monkeypatch.setattr(reviewlinks, "_MAY_NAME_A_FILE", re.compile(""))
    assert quick == reviewlinks.link_review_files(markup, source, pages, on_review_page=True)


@pytest.mark.parametrize(
    "href", ["tram.md", " tram.md", "&#116;ram.md", "./tram.md", "tram.md#part", "\ttram.md"]
)
def test_a_file_link_in_any_spelling_is_rewritten(href: str) -> None:
    from digest.sources.reviewlinks import link_review_files

    markup = f'<p>See <a href="{href}">the tram</a>.</p>'
    pages = {"/p/issues/i/tram.md": "tram-piece"}
    assert "../tram-piece/" in link_review_files(
        markup, Path("/p/issues/i/other.md"), pages, on_review_page=True
    )


@pytest.mark.parametrize(
    "href", ["http://example.org/tram.md", "mailto:ann@example.org", "#top", "?q=1", "/tram.md"]
)
@pytest.mark.parametrize("quote", ['"', "'", ""])
@pytest.mark.parametrize("spacing", ["", " "])
def test_the_quick_test_passes_over_links_that_name_no_file(href: str, quote: str, spacing: str) -> None:
    """The quick test is worth its name: a review linking only to the web, to its own parts or
    to absolute paths is not rewritten tag by tag (an optional quote, given back, let the
    pattern match at the quote itself: every quoted href 'may name a file')."""
    from digest.sources.reviewlinks import _MAY_NAME_A_FILE

    assert (
        _MAY_NAME_A_FILE.search(f"<p>See <a href{spacing}={spacing}{quote}{href}{quote}>x</a>.</p>") is None
    )
