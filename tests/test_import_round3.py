"""Third-round import rules on pages written for these tests: a shared title that wraps the
page's headline in a kicker or a name, a publisher named as the author, an author given only as
twitter:creator, a recent-comments widget beside the post, and what the page's stylesheet hides
(only its plain rules: not those inside media queries)."""

from __future__ import annotations

from pathlib import Path

from digest.sources.importer import read_article
from tests.test_import_rules import PROSE, page, save


def test_a_kicker_before_the_headline_in_og_title_goes(tmp_path: Path) -> None:
    html = page(
        "<meta property='og:title' content='Harbour life: Reading a tide table'>",
        f"<article><h1>Reading a tide table</h1>{PROSE}</article>",
    )
    assert read_article(save(tmp_path, html)).title == "Reading a tide table"


def test_a_name_after_the_headline_in_og_title_goes(tmp_path: Path) -> None:
    html = page(
        "<meta property='og:title' content='Reading a tide table • Ann Lee'>",
        f"<article><h1>Reading a tide table</h1>{PROSE}</article>",
    )
    assert read_article(save(tmp_path, html)).title == "Reading a tide table"


def test_a_headline_with_its_own_colon_stays_whole(tmp_path: Path) -> None:
    html = page(
        "<meta property='og:title' content='Tides: a primer'>",
        f"<article><h1>Tides: a primer</h1>{PROSE}</article><h2>primer</h2>",
    )
    assert read_article(save(tmp_path, html)).title == "Tides: a primer"


def test_og_title_is_kept_when_the_page_has_several_h1(tmp_path: Path) -> None:
    html = page(
        "<meta property='og:title' content='Harbour life: Reading a tide table'>",
        f"<h1>Harbour life</h1><article><h1>Reading a tide table</h1>{PROSE}</article>",
    )
    assert read_article(save(tmp_path, html)).title == "Harbour life: Reading a tide table"


def test_the_publisher_in_meta_author_is_no_author(tmp_path: Path) -> None:
    html = page(
        "<meta name='author' content='Harbour Media Group'><meta name='DC.publisher' content='Harbour Media Group'>"
        "<meta property='og:title' content='Reading a tide table'>",
        f"<article><h1>Reading a tide table</h1><p class='byline'>By Ann Lee</p>{PROSE}</article>",
    )
    assert read_article(save(tmp_path, html)).author == "Ann Lee"


def test_twitter_creator_written_as_a_name_is_the_author(tmp_path: Path) -> None:
    head = "<meta property='og:title' content='Reading a tide table'>"
    named = page(f"{head}<meta name='twitter:creator' content='Ann Lee'>", f"<article>{PROSE}</article>")
    handle = page(f"{head}<meta name='twitter:creator' content='@annlee'>", f"<article>{PROSE}</article>")
    assert read_article(save(tmp_path, named, "named.html")).author == "Ann Lee"
    assert read_article(save(tmp_path, handle, "handle.html")).author is None


def test_names_in_a_recent_comments_widget_are_not_the_author(tmp_path: Path) -> None:
    html = page(
        "<meta property='og:title' content='Reading a tide table'>",
        f"<article>{PROSE}</article><div id='sidebar'><ul id='recentcomments'>"
        "<li class='recentcomments'><span class='comment-author-link'>Tom Berg</span> on Tides</li></ul></div>",
    )
    assert read_article(save(tmp_path, html)).author is None


def test_what_the_stylesheet_hides_is_not_the_article(tmp_path: Path) -> None:
    notice = (
        "<p>This page is not meant to be printed, and printing it wastes the paper of the reader.</p>" * 4
    )
    html = page(
        "<meta property='og:title' content='Reading a tide table'>"
        "<style>#print { display: none } .later { display:none !important } "
        "@media print { #print { display: block } }</style>",
        f"<article>{PROSE}<img class='later' src='https://example.org/chart.png' alt='A tide chart'></article>"
        f"<div id='print'>{notice}</div>",
    )
    body = read_article(save(tmp_path, html)).body
    assert "printed" not in body
    assert "chart datum" in body and "A tide chart" in body  # a picture hidden until loaded stays


def test_rules_inside_media_queries_hide_nothing(tmp_path: Path) -> None:
    html = page(
        "<meta property='og:title' content='Reading a tide table'>"
        "<style>@media (max-width: 600px) { .wide { display: none } } .note { color: grey }</style>",
        f"<article><div class='wide'>{PROSE}</div></article>",
    )
    assert "chart datum" in read_article(save(tmp_path, html)).body
