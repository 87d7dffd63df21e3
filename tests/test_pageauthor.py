"""A saved page's author (digest.sources.importer.pageauthor): what its head declares, and
when a declared name is no writer's."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.sources.importer import read_article
from tests.test_import_rules import PROSE, page, save


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


@pytest.mark.parametrize(
    "credit",
    [
        "Theme by <a href='https://themes.example.com/'>Carl Dunn</a>",
        "Design von <a href='https://themes.example.com/' title='Carl Dunn'>Carl Dunn</a>",
        "WordPress template designed by Carl Dunn",
    ],
)
def test_the_themes_maker_in_meta_author_is_no_author(tmp_path: Path, credit: str) -> None:
    # a theme writes its maker into every page's <meta name=author> and credits him in the footer
    body = f"<article><h1>Reading a tide table</h1>{PROSE}</article><footer><aside>{credit}</aside></footer>"
    draft = read_article(save(tmp_path, page('<meta name="author" content="Carl Dunn">', body)))
    assert draft.author is None


def test_a_news_agency_declared_as_author_stays_when_no_writer_is_named(tmp_path: Path) -> None:
    head = "<title>Tides</title><meta name='author' content='AP'>"
    html = page(head, f"<h1>Tides</h1><div>{PROSE}</div>")
    assert read_article(save(tmp_path, html)).author == "AP"


@pytest.mark.parametrize("declared", ["umputun", "admin"])
def test_a_lower_case_meta_author_the_page_never_shows_is_no_author(tmp_path: Path, declared: str) -> None:
    html = page(
        f'<title>Tide tables</title><meta name="author" content="{declared}">',
        f"<article><h1>Tide tables</h1>{PROSE}</article>",
    )
    assert read_article(save(tmp_path, html)).author is None


@pytest.mark.parametrize("label", ["#Krótko o przepisach prawa", "#Briefly on tide tables", "#Kurz"])
def test_a_hashtag_in_the_author_slot_is_a_topic_not_a_writer(tmp_path: Path, label: str) -> None:
    # a theme that fills its author slot with the story's topic, written as a hashtag
    body = (
        f"<div class='meta'><span class='autor'>{label}</span> <span class='data'>22 April 2021</span></div>"
        f"<h1>Reading a tide table</h1>{PROSE}"
    )
    draft = read_article(save(tmp_path, page("<title>Reading a tide table</title>", body)))
    assert draft.author is None


def test_a_name_in_the_author_slot_after_a_hashtag_label_is_still_read(tmp_path: Path) -> None:
    body = (
        "<div class='meta'><span class='autor'>Ann Lee</span> <span class='tag'>#tides</span></div>"
        f"<h1>Reading a tide table</h1>{PROSE}"
    )
    draft = read_article(save(tmp_path, page("<title>Reading a tide table</title>", body)))
    assert draft.author == "Ann Lee"
