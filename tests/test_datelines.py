"""Where a saved page shows its dates (digest.sources.importer.datelines): datelines beside
the headline, <time> elements, the day a heading or a link to itself shows."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from digest.sources.importer import read_article
from tests.test_import_rules import PROSE, page, save


def test_a_later_creation_date_yields_to_the_dateline(tmp_path: Path) -> None:
    body = (
        "<h1>Prize for a novel</h1><div class='ar-date'>12.10.2015, 19:16 Uhr</div>"
        f"<meta itemprop='dateCreated' content='2019-05-07T17:00:52+02:00'>{PROSE}"
    )
    draft = read_article(save(tmp_path, page("", body).replace("lang='en'", "lang='de'")))
    assert draft.date is not None and draft.date.date().isoformat() == "2015-10-12"
    assert any("dateline under the headline" in guess for guess in draft.guesses)


def test_a_published_date_is_not_overruled_by_the_dateline(tmp_path: Path) -> None:
    head = '<meta property="article:published_time" content="2019-05-07T17:00:52+02:00">'
    body = f"<h1>Prize for a novel</h1><div class='ar-date'>12.10.2015, 19:16 Uhr</div>{PROSE}"
    draft = read_article(save(tmp_path, page(head, body)))
    assert draft.date is not None and draft.date.date().isoformat() == "2019-05-07"


def test_a_time_element_the_extractor_drops_still_declares_the_date(tmp_path: Path) -> None:
    html = page(
        "<meta property='og:title' content='Reading a tide table'>",
        "<article><h1>Reading a tide table</h1><div class='post-meta'><time datetime='2019-03-29T16:00:49+00:00'>"
        f"March 29, 2019</time></div>{PROSE}</article>",
    )
    draft = read_article(save(tmp_path, html))
    assert draft.date is not None and draft.date.date().isoformat() == "2019-03-29"
    assert not any("date" in guess for guess in draft.guesses)  # declared, not searched for


def _story(shown: str, href: str = "/@ann/reading-tides-1a2b?source=post_page") -> str:
    return page(
        "<link rel='canonical' href='https://notes.example.net/@ann/reading-tides-1a2b'>"
        "<meta property='article:published_time' content='2018-01-19T17:06:07.358Z'>",
        f"<article><h1>Reading a tide table</h1><div class='byline'><a href='/@ann'>Ann Lee</a>"
        f"<a href='{href}'>{shown}</a></div>{PROSE}</article>",
    )


@pytest.mark.parametrize("shown", ["Aug8, 2016", "Aug 8, 2016", "8 August 2016"])
def test_the_day_a_story_shows_in_its_link_to_itself_before_a_later_declared_one_dates_it(
    tmp_path: Path, shown: str
) -> None:
    draft = read_article(save(tmp_path, _story(shown)))
    assert draft.date is not None and draft.date.date().isoformat() == "2016-08-08"
    assert any("link to itself" in guess for guess in draft.guesses)


@pytest.mark.parametrize(
    ("shown", "href"),
    [
        ("Aug 8, 2016", "/@ann/another-story-3c4d"),  # another story's date
        ("Aug 8, 2016", "/@ann/reading-tides-1a2b#comment-4"),  # a comment's permalink
        ("Jan 18, 2018", "/@ann/reading-tides-1a2b"),  # a day before: a zone or a slip, not a republication
        ("Mar 2, 2019", "/@ann/reading-tides-1a2b"),  # a later day: an update, not the first publication
    ],
)
def test_other_dates_in_links_leave_the_declared_date(tmp_path: Path, shown: str, href: str) -> None:
    draft = read_article(save(tmp_path, _story(shown, href)))
    assert draft.date is not None and draft.date.date().isoformat() == "2018-01-19"


def _issue(heading: str, head: str = "") -> str:
    return page(
        f"<title>Harbour Letters</title>{head}",
        f"<header><pre>Harbour Letters, a newsletter</pre></header><article><h1>{heading}</h1>{PROSE}</article>",
    )


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        (
            "&gt;&gt;&gt; 2020-11-28 the harbour at night",
            "the harbour at night",
        ),  # a prompt, then the issue's day
        ("2020-11-28: The harbour at night", "The harbour at night"),
        ("» The harbour at night", "The harbour at night"),
    ],
)
def test_an_issues_heading_loses_its_marks_and_the_day_it_is_dated(
    tmp_path: Path, heading: str, title: str
) -> None:
    draft = read_article(save(tmp_path, _issue(heading)))
    assert draft.title == title
    if "2020" in heading:
        assert draft.date is not None and draft.date.date().isoformat() == "2020-11-28"


@pytest.mark.parametrize(
    ("heading", "head"),
    [
        ("2020-11-28", ""),  # the day is all the heading says
        ("2020-11-28 the harbour at night", "<meta property='article:published_time' content='2021-03-04'>"),
        ("#1 harbour at night", ""),
        ("1984 and the harbour", ""),
        ("🌊 The harbour at night", ""),  # an emoji is part of the title as written
    ],
)
def test_a_heading_keeps_a_day_that_is_not_the_pages_and_its_own_signs(
    tmp_path: Path, heading: str, head: str
) -> None:
    assert read_article(save(tmp_path, _issue(heading, head))).title == heading


def test_a_time_in_a_quotation_still_dates_a_page_that_has_no_other(tmp_path: Path) -> None:
    # a quotation's time is only set aside for the page's own statements; the page search still sees it
    body = (
        "<h1>Reading a tide table</h1>"
        f"<div>{PROSE}<blockquote><p>Posted on <time datetime='2024-05-02'>2 May 2024</time></p></blockquote></div>"
    )
    draft = read_article(save(tmp_path, page("<title>Reading a tide table</title>", body)))
    assert draft.date is not None and draft.date.date() == datetime(2024, 5, 2).date()


@pytest.mark.parametrize(
    "stamp",
    [
        "<span class='updated'>2019-01-07T17:27:31+02:00</span>",
        "<span itemprop='dateModified'>2019-01-07</span>",
    ],
)
def test_an_update_stamp_marked_in_the_line_under_the_headline_does_not_date_the_page(
    tmp_path: Path, stamp: str
) -> None:
    # hAtom's 'updated' (schema.org's dateModified) beside the day the post shows
    body = (
        "<h1>Reading a tide table</h1><div class='meta-info'><span class='vcard'><a href='/author/admin/'>"
        f"TideWriter</a></span>{stamp}<span>19 June 2018</span>"
        f"<span>|</span><a href='/category/tides'>Tides</a></div><div>{PROSE}</div>"
    )
    draft = read_article(save(tmp_path, page("<title>Reading a tide table</title>", body)))
    assert draft.date is not None and draft.date.date() == datetime(2018, 6, 19).date()


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


def test_an_update_beside_the_headline_is_no_publication_date(tmp_path: Path) -> None:
    body = "<h1>Tide tables, read right</h1><h3>Updated 18 June 2019 | Ann Lee</h3>" + f"<div>{PROSE}</div>"
    draft = read_article(save(tmp_path, page("<title>Tides</title>", body)))
    assert not any("the line under the headline" in guess for guess in draft.guesses)


@pytest.mark.parametrize(
    "lang, dateline", [("ja", "投稿日：2021年3月12日"), ("ko", "2021년 3월 12일"), ("ru", "12 марта 2021 г.")]
)
def test_a_dateline_beside_the_headline_is_read_in_its_language(
    tmp_path: Path, lang: str, dateline: str
) -> None:
    html = (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>Tides</title></head><body>"
        f"<article><h1>Tides</h1><div class='meta'>{dateline}</div>{PROSE}</article></body></html>"
    )
    found = read_article(save(tmp_path, html)).date
    assert found is not None and found.date() == datetime(2021, 3, 12).date()


@pytest.mark.parametrize(
    ("dateline", "expected"),
    [
        ("Sunday, 4 August 2013, 2:21 p.m. (GMT+04:00)", datetime(2013, 8, 4, 14, 21, tzinfo=UTC)),
        ("الأحد، 04 آب/أغسطس 2013، 02:21 (GMT+0400)", datetime(2013, 8, 4, 2, 21, tzinfo=UTC)),
    ],
)
def test_a_dateline_with_its_clock_time_and_zone_gives_the_date_and_time(
    tmp_path: Path, dateline: str, expected: datetime
) -> None:
    """The clock time and the zone are no words beside the date (a dateline is a few words at
    most), and the time is read with it."""
    html = page(
        "<title>Tides</title>", f"<div><h1>Tides</h1><div class='stamp'>{dateline}</div>{PROSE}</div>"
    )
    assert read_article(save(tmp_path, html)).date == expected


def test_the_headlines_dateline_is_read_under_a_mastheads_h1(tmp_path: Path) -> None:
    masthead = "<div class='masthead'><h1><a href='/'>Harbour News</a></h1><p>Menu Weather Sport</p></div>"
    html = page(
        "<title>Reading a tide table - Harbour News</title>",
        f"{masthead}<div><h1>Reading a tide table</h1><div>الأحد، 04 آب/أغسطس 2013</div>{PROSE}</div>",
    )
    assert read_article(save(tmp_path, html)).date == datetime(2013, 8, 4, tzinfo=UTC)


def test_a_time_shown_in_the_readers_zone_keeps_its_moment(tmp_path: Path) -> None:
    # the script that writes the day in the saving browser's zone shows 3 May for 20:15 UTC on 2 May
    body = (
        "<article><h1>Reading a tide table</h1>"
        f"<p><time datetime='2024-05-02T20:15:00Z'>May 3, 2024</time></p>{PROSE}</article>"
    )
    draft = read_article(save(tmp_path, page("", body)))
    assert draft.date == datetime(2024, 5, 2, 20, 15, tzinfo=UTC)


def test_a_time_shown_days_away_from_its_moment_is_still_dated_by_its_text(tmp_path: Path) -> None:
    # one day off, but 00:30 UTC on 2 May is 1 or 2 May in every time zone: the text tells another day
    body = (
        "<article><h1>Reading a tide table</h1>"
        f"<p><time datetime='2024-05-02T00:30:00Z'>May 3, 2024</time></p>{PROSE}</article>"
    )
    draft = read_article(save(tmp_path, page("", body)))
    assert draft.date is not None and draft.date.date() == datetime(2024, 5, 3).date()


def test_a_date_in_the_issues_heading_dates_it(tmp_path: Path) -> None:
    # a newsletter's archive page: the heading names the issue by its day; the stories it links to
    # carry other days in their addresses, which a search of the whole page takes instead
    stories = "".join(
        f"<div><a href='https://news.example/2024/04/{day}/story/?utm_source=tides'><h3>Story of {day} April</h3>"
        f"</a><div>{PROSE}</div></div>"
        for day in (28, 29, 30)
    )
    body = "<h1>TIDES 2024-05-02</h1><h2>Three tides, one ferry</h2><div>" + stories + "</div>"
    head = "<title>Three tides, one ferry</title><meta property='og:title' content='Three tides, one ferry'>"
    draft = read_article(save(tmp_path, page(head, body)))
    assert draft.date is not None and draft.date.date() == datetime(2024, 5, 2).date()


def test_a_date_a_long_headline_tells_of_does_not_date_the_page_by_its_heading(tmp_path: Path) -> None:
    heading = "<h1>What the storm of 12 March 2019 did to the harbour walls and the ferries</h1>"
    draft = read_article(save(tmp_path, page("", heading + PROSE)))
    assert not any("heading" in guess for guess in draft.guesses)
