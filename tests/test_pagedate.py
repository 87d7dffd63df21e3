"""A saved page's date (digest.sources.importer.pagedate): what it declares, its address,
which of several dates wins."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from digest.sources.importer import read_article
from tests.helpers import BODY_PROSE
from tests.test_import_rules import PROSE, page, save


def test_a_publish_time_kept_for_scripts_dates_the_page(tmp_path: Path) -> None:
    body = (
        "<div class='post-meta'><span class='publish-time' data-publishtime='1425913200851'></span></div>"
        f"<h1>Stop buying what you do not need</h1>{PROSE}"
    )
    draft = read_article(save(tmp_path, page("", body)))
    assert draft.date is not None and draft.date.date().isoformat() == "2015-03-09"


def test_a_declared_date_beats_a_publish_time_kept_for_scripts(tmp_path: Path) -> None:
    head = '<meta property="article:published_time" content="2015-03-01T08:00:00Z">'
    body = (
        f"<h1>A headline here</h1><span class='publish-time' data-publishtime='1425913200851'></span>{PROSE}"
    )
    draft = read_article(save(tmp_path, page(head, body)))
    assert draft.date == datetime(2015, 3, 1, 8, tzinfo=UTC)


@pytest.mark.parametrize(
    ("address", "day"),
    [
        ("http://arabic.example.com/2013/middle_east/8/3/syria.clashes/index.html", "2013-08-03"),
        ("http://www.example.com/2010/POLITICS/08/13/democrats.social.security/index.html", "2010-08-13"),
    ],
)
def test_a_page_without_dates_is_dated_by_its_address(tmp_path: Path, address: str, day: str) -> None:
    head = f'<link rel="canonical" href="{address}">'
    draft = read_article(save(tmp_path, page(head, f"<h1>Clashes near the capital</h1>{PROSE}")))
    assert draft.date is not None and draft.date.date().isoformat() == day
    assert any("address" in guess for guess in draft.guesses)


RELATED = (
    "<aside class='related'><ul><li><a href='/a'>An older story</a> <span class='date'>01.08.2019</span></li>"
    "<li><a href='/b'>Another one</a> <span class='date'>19.07.2019</span></li></ul></aside>"
)


def test_a_date_standing_alone_in_a_title_segment_is_the_articles(tmp_path: Path) -> None:
    html = page(
        "<meta property='og:title' content='Reading a tide table | Harbour Notes | 10.06.2013'>",
        f"<article><h1>Reading a tide table</h1>{PROSE}</article>{RELATED}",
    )
    draft = read_article(save(tmp_path, html))
    assert draft.date is not None and draft.date.date().isoformat() == "2013-06-10"
    assert any("the page's title" in guess for guess in draft.guesses)


def test_a_date_inside_a_longer_title_segment_is_no_stamp(tmp_path: Path) -> None:
    html = page(
        "<title>Reading a tide table | Harbour Notes | Archive of 10.06.2013 and later</title>",
        f"<article><h1>Reading a tide table</h1>{PROSE}</article>",
    )
    draft = read_article(save(tmp_path, html))
    assert not any("the page's title" in guess for guess in draft.guesses)


def test_a_day_given_in_utc_yields_to_the_same_moment_with_its_offset(tmp_path: Path) -> None:
    evening = "<time datetime='2014-06-29T20:08:00-04:00'>June 29, 2014 08:08 pm</time>"
    html = page(
        "<meta name='sailthru.date' content='2014-06-30'>",
        f"<article><h1>Reading a tide table</h1>{evening}{PROSE}</article>",
    )
    found = read_article(save(tmp_path, html)).date
    assert found is not None and found.date().isoformat() == "2014-06-29"


def test_a_day_alone_stays_when_the_timed_date_is_another_moment(tmp_path: Path) -> None:
    for name, stamp in (
        ("later.html", "2014-07-02T20:08:00-04:00"),
        ("utc.html", "2014-06-29T23:08:00+00:00"),
    ):
        html = page(
            "<meta name='sailthru.date' content='2014-06-30'>",
            f"<article><h1>Reading a tide table</h1><time datetime='{stamp}'>then</time>{PROSE}</article>",
        )
        found = read_article(save(tmp_path, html, name)).date
        assert found is not None and found.date().isoformat() == "2014-06-30"


def test_a_pictures_address_in_the_opening_dates_nothing(tmp_path: Path) -> None:
    picture = "<p><img src='https://img.example/news/2013/10/23/photo.jpg'></p>"
    html = page(
        "<title>Tides</title>",
        f"<div><h1>Tides</h1><p class='title_foot'>기사입력 <span class='date'>2013-10-24 03:00:00</span></p>"
        f"{picture}{PROSE}</div>",
    )
    found = read_article(save(tmp_path, html)).date
    assert found is not None and found.date() == datetime(2013, 10, 24).date()


@pytest.mark.parametrize(
    "stamp", ["الأحد، 04 آب/أغسطس 2013، آخر تحديث 02:21 (GMT+0400)", "Sunday, 4 August 2013, updated 02:21"]
)
def test_a_stamp_of_the_last_update_gives_way_to_the_address(tmp_path: Path, stamp: str) -> None:
    html = page(
        "<title>Tides</title><link rel='canonical' href='https://news.example.com/2013/middle_east/8/3/tides/'>",
        f"<div><h1>Tides</h1><div class='stamp'>{stamp}</div>{PROSE}</div>",
    )
    assert read_article(save(tmp_path, html)).date == datetime(2013, 8, 3, tzinfo=UTC)


@pytest.mark.parametrize("stated", ["\u00b2", "\u0661\u0662", "9" * 5_000])
def test_a_declared_date_of_digits_no_number_reads_is_no_crash(tmp_path: Path, stated: str) -> None:
    """A date of digits was read with int() after str.isdigit(): '²' (a digit to isdigit) or
    5,000 digits (past Python's limit on converting them) in a page's meta tag, or in the data
    attribute its scripts fill a date from, were a traceback of `digest import`."""
    head = f"<title>A real headline</title><meta property='article:published_time' content='{stated}'>"
    body = f"<h1>A real headline</h1><p><span class='publish-time' data-publishtime='{stated}'>x</span></p>"
    draft = read_article(save(tmp_path, page(head, body + BODY_PROSE)))
    assert draft.title == "A real headline"
