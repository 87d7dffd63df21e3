"""Sixth-round import rules on pages written for these tests: a company named in `<meta
name=author>`, the <time> elements that date the article (not other <article>s' nor the
comments'; the text a reader sees over a datetime that disagrees with it), other <article>s
leaving the page before extraction, a section's name after the headline in a shared title,
bylines that carry their date, other stories' cards, and a byline block around a pop-up."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import lxml.html

from digest.sources.importer import read_article
from digest.sources.importer.items import drop_other_articles
from tests.test_import_rules import PROSE, page, save

OTHER = (
    "<p>Another story of the site, with enough words of its own to look like prose to an extractor: "
    "the ferry timetable changes next month, the quay is closed for repairs, and the market moves "
    "to the square by the church until the work is done in the autumn.</p>"
)


def _article(tmp_path: Path, head: str, body: str) -> object:
    return read_article(save(tmp_path, page(head, body)))


# --- a company in <meta name=author> ----------------------------------------------------------------


def test_a_company_in_meta_author_yields_to_the_byline(tmp_path: Path) -> None:
    draft = read_article(
        save(
            tmp_path,
            page(
                '<meta name="author" content="Hafenblatt Verlag GmbH, Kiel, Germany">',
                "<article><h1>Reading a tide table</h1><p class='byline'>Von Jana Petersen</p>"
                f"{PROSE}</article>",
            ),
        )
    )
    assert draft.author == "Jana Petersen"


def test_initials_that_look_like_a_legal_form_stay_a_name(tmp_path: Path) -> None:
    draft = read_article(
        save(
            tmp_path, page('<meta name="author" content="James S.A. Corey">', f"<h1>Tide tables</h1>{PROSE}")
        )
    )
    assert draft.author == "James S.A. Corey"


# --- which <time> dates the article ------------------------------------------------------------


def test_times_of_other_articles_and_comments_do_not_date_the_page(tmp_path: Path) -> None:
    body = (
        "<aside><article><h3><a href='/other'>Ferry timetable</a></h3>"
        "<time datetime='2024-09-01T08:00:00Z' pubdate>1 Sept</time></article></aside>"
        "<article><header><h1>Reading a tide table</h1>"
        "<p><time datetime='2024-05-02T10:00:00Z'>2 May 2024</time></p></header>"
        f"{PROSE}<div class='comments'><time datetime='2024-05-03T09:00:00Z'>3 May</time></div></article>"
    )
    draft = read_article(save(tmp_path, page("", body)))
    assert draft.date == datetime(2024, 5, 2, 10, 0, tzinfo=UTC)


def test_a_time_whose_text_states_another_day_is_dated_by_its_text(tmp_path: Path) -> None:
    body = (
        "<article><header><h1>Reading a tide table</h1>"
        "<div class='time'><time datetime='2024-05-09T10:18:46Z'>Published on 2 May 2024</time></div>"
        f"</header>{PROSE}</article>"
    )
    draft = read_article(save(tmp_path, page("", body)))
    assert draft.date is not None and draft.date.date() == datetime(2024, 5, 2).date()


def test_a_time_in_another_language_is_read_by_htmldate(tmp_path: Path) -> None:
    body = (
        "<article><header><h1>Lire une table des marées</h1>"
        "<time datetime='2024-05-09T10:18:46Z'>Publié le 2 mai 2024</time></header>"
        f"{PROSE}</article>"
    )
    draft = read_article(save(tmp_path, page("", body)))
    assert draft.date is not None and draft.date.date() == datetime(2024, 5, 2).date()


def test_a_time_whose_text_agrees_keeps_its_moment(tmp_path: Path) -> None:
    body = (
        "<article><h1>Reading a tide table</h1>"
        f"<time datetime='2024-05-02T10:18:46Z'>May 2, 2024</time>{PROSE}</article>"
    )
    draft = read_article(save(tmp_path, page("", body)))
    assert draft.date == datetime(2024, 5, 2, 10, 18, 46, tzinfo=UTC)


# --- other <article>s leave the page --------------------------------------------------------------


def test_articles_besides_the_headlines_go_and_nested_ones_stay() -> None:
    document = lxml.html.document_fromstring(
        page(
            "",
            f"<main><article><h1>Reading a tide table</h1>{PROSE}<article><p>A nested note.</p></article></article>"
            f"<ul><li><article><h2>Ferry timetable</h2>{OTHER}</article></li>"
            f"<li><article><h2>Market moves</h2>{OTHER}</article></li></ul></main>",
        )
    )
    assert drop_other_articles(document) == 2
    text = document.text_content()
    assert "nested note" in text and "ferry timetable changes" not in text


def test_a_page_whose_headline_is_in_no_article_keeps_them_all() -> None:
    document = lxml.html.document_fromstring(
        page("", f"<h1>Reading a tide table</h1>{PROSE}<article><h2>Ferry timetable</h2>{OTHER}</article>")
    )
    assert drop_other_articles(document) == 0


def test_the_extractor_no_longer_sees_other_stories(tmp_path: Path) -> None:
    body = (
        f"<div><article><h1>Reading a tide table</h1>{PROSE}</article>"
        + "".join(f"<article><h2><a href='/s{n}'>Story {n}</a></h2>{OTHER * 2}</article>" for n in range(4))
        + "</div>"
    )
    draft = read_article(save(tmp_path, page("", body)))
    assert "Harbour masters publish" in draft.body and "ferry timetable changes" not in draft.body


# --- a section's name after the headline ----------------------------------------------------------


def test_a_section_after_the_headline_leaves_the_shared_title(tmp_path: Path) -> None:
    head = (
        '<meta property="og:title" content="Reading a tide table before you sail | Columns | Harbour Notes">'
        '<meta property="og:site_name" content="Harbour Notes">'
    )
    body = (
        "<h1><svg><title>Logo</title></svg>Harbour Notes</h1>"
        f"<article><h1>Reading a tide table before you sail <span>Members</span></h1>{PROSE}</article>"
    )
    assert read_article(save(tmp_path, page(head, body))).title == "Reading a tide table before you sail"


def test_a_long_second_segment_is_no_section(tmp_path: Path) -> None:
    head = '<meta property="og:title" content="Tides: reading the table before you sail out">'
    body = f"<article><h1>Tides: reading the table before you sail out</h1>{PROSE}</article>"
    assert (
        read_article(save(tmp_path, page(head, body))).title == "Tides: reading the table before you sail out"
    )


# --- bylines ---------------------------------------------------------------------------------------


def test_a_dated_byline_in_the_entry_footer_names_the_author(tmp_path: Path) -> None:
    body = (
        f"<h1>Reading a tide table</h1><div class='entry'>{PROSE * 3}</div>"
        "<div class='entry-footer'>Von Jonas am 03.05.2013, 11:51 | 0 Kommentare | Segeln</div>"
        "<div class='comments'><p>Von Maren am 04.05.2013, 09:10</p><p>Danke!</p></div>"
    )
    assert read_article(save(tmp_path, page("", body))).author == "Jonas"


def test_a_dated_byline_only_in_the_comments_names_nobody(tmp_path: Path) -> None:
    body = (
        f"<h1>Reading a tide table</h1><div class='entry'>{PROSE * 3}</div>"
        "<div class='comments'><p>Von Maren am 04.05.2013, 09:10</p><p>Danke!</p></div>"
    )
    assert read_article(save(tmp_path, page("", body))).author is None


def test_another_storys_card_does_not_lend_its_byline(tmp_path: Path) -> None:
    card = (
        "<a class='teaser' href='/2024/06/ferries'><h3>Ferry timetable changes</h3>"
        "<p class='teaser-author'>By Tom Berg</p></a>"
    )
    body = (
        "<article><h1>Reading a tide table</h1>"
        "<div class='authors'><div class='author-popup'>Lena Holm writes about the coast for us since "
        "2010 and sails whenever the weather allows it.</div><strong>By Lena Holm</strong></div>"
        f"{PROSE}{card}</article>"
    )
    assert read_article(save(tmp_path, page("", body))).author == "Lena Holm"


def test_a_link_around_an_avatar_and_a_name_is_a_byline(tmp_path: Path) -> None:
    body = (
        "<article><h1>Reading a tide table</h1>"
        "<a class='author' href='/authors/lena'><img src='lena.jpg' alt=''>Lena Holm</a>"
        f"{PROSE}</article>"
    )
    assert read_article(save(tmp_path, page("", body))).author == "Lena Holm"
