"""Dates as people write them, read strictly (digest.sources.dates)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from digest.sources.dates import day_first_for, find_in_text, no_such_day, read_date
from digest.sources.reviews import read_review
from tests.helpers import write_file, write_in


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2014-11-05", datetime(2014, 11, 5, tzinfo=UTC)),
        (
            "2014-11-05 10:48:22 -0800",
            datetime(2014, 11, 5, 10, 48, 22, tzinfo=timezone(timedelta(hours=-8))),
        ),
        ("2012-03-30 23:00:00 UTC-03:00", datetime(2012, 3, 30, 23, tzinfo=timezone(timedelta(hours=-3)))),
        ("Tue, 07 Apr 2014 10:00:00 +0000", datetime(2014, 4, 7, 10, tzinfo=UTC)),
        (
            "Sat Mar 13 21:30:09 EST 2015",
            datetime(2015, 3, 13, 21, 30, 9, tzinfo=timezone(timedelta(hours=-5))),
        ),
        ("19-Aug-2004", datetime(2004, 8, 19, tzinfo=UTC)),
        ("2006-May-28", datetime(2006, 5, 28, tzinfo=UTC)),
        ("Jul 08 2022", datetime(2022, 7, 8, tzinfo=UTC)),
        ("November 18, 2021", datetime(2021, 11, 18, tzinfo=UTC)),
        ("Feb. 23, 2015", datetime(2015, 2, 23, tzinfo=UTC)),
        ("05/19/2025", datetime(2025, 5, 19, tzinfo=UTC)),  # only one reading is a date
        ("19/05/2025", datetime(2025, 5, 19, tzinfo=UTC)),
        ("01/01/2011", datetime(2011, 1, 1, tzinfo=UTC)),  # both readings agree
        ("19990305", datetime(1999, 3, 5, tzinfo=UTC)),  # ISO 8601 basic format
        ("199903051742", datetime(1999, 3, 5, 17, 42, tzinfo=UTC)),
        ("20070611T0930Z", datetime(2007, 6, 11, 9, 30, tzinfo=UTC)),
        ("20210104081207250", datetime(2021, 1, 4, 8, 12, 7, 250000, tzinfo=UTC)),  # TiddlyWiki
    ],
)
def test_spellings_blogs_use_are_dates(text: str, expected: datetime) -> None:
    found = read_date(text)
    assert found is not None and found.value == expected
    assert found.ambiguous is None


@pytest.mark.parametrize(
    "text",
    [
        "on 1 of 3 servers",
        "version 2.0.1",
        "May 2020",
        "2024-02-30",
        "last Tuesday",
        "12 may 2020 may",
        "",
        "20241399",
        "12345678",
        "2024010",
    ],
)
def test_prose_and_impossible_dates_are_not_dates(text: str) -> None:
    assert read_date(text) is None


def test_ambiguous_numeric_dates_follow_the_language_and_say_so() -> None:
    day_first = read_date("03/04/2025", day_first=day_first_for("en"))
    month_first = read_date("03/04/2025", day_first=day_first_for("en-US"))
    assert day_first is not None and day_first.value == datetime(2025, 4, 3, tzinfo=UTC)
    assert month_first is not None and month_first.value == datetime(2025, 3, 4, tzinfo=UTC)
    assert day_first.ambiguous and "day first" in day_first.ambiguous
    assert month_first.ambiguous and "month first" in month_first.ambiguous
    assert day_first_for("en_US") is False and day_first_for("de") is True


def test_a_month_first_key_is_read_month_first_whatever_the_language() -> None:
    found = read_date("04/01/2021", day_first=True, month_first_key=True)
    assert found is not None and found.value == datetime(2021, 4, 1, tzinfo=UTC) and found.ambiguous is None


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("OpenSSL Security Advisory [07 Apr 2014]", "07 Apr 2014"),
        ("Last updated: 2006-May-28", "2006-May-28"),
        ("Posted on November 18, 2021 by Ann", "November 18, 2021"),
        ("Weekly Edition for March 26, 2015", "March 26, 2015"),
    ],
)
def test_dates_are_found_inside_text(text: str, written: str) -> None:
    found = find_in_text(text)
    assert found is not None and found[1] == written


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        # a word after the clock time is a zone only in capitals: 'and' goes on with the sentence
        (
            "posted on December 3rd, 2011 at 10:12 am and is filed under Tides",
            datetime(2011, 12, 3, 10, 12, tzinfo=UTC),
        ),
        ("posted on December 3, 2011 at 10:12 and filed", datetime(2011, 12, 3, 10, 12, tzinfo=UTC)),
        (
            "Published 3 Dec 2011, 10:12 EST by the desk",
            datetime(2011, 12, 3, 10, 12, tzinfo=timezone(timedelta(hours=-5))),
        ),
    ],
)
def test_a_time_inside_a_sentence_ends_where_its_zone_does(text: str, moment: datetime) -> None:
    found = find_in_text(text)
    assert found is not None and found[0].value == moment


@pytest.mark.parametrize("text", ["We ran on 1 of 3 servers in 2021", "build v2014-01-01x", "no date here"])
def test_no_date_is_found_where_none_is_written(text: str) -> None:
    assert find_in_text(text) is None


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("<2017-08-26 Sat 16:18>", datetime(2017, 8, 26, 16, 18, tzinfo=UTC)),
        ("[2024-04-04 Thu 15:52:09]", datetime(2024, 4, 4, 15, 52, 9, tzinfo=UTC)),
        ("<2019-07-03 Mi.>", datetime(2019, 7, 3, tzinfo=UTC)),  # a German weekday
        ("<2022-10-01 Sat 10:00-11:30 +1w>", datetime(2022, 10, 1, 10, 0, tzinfo=UTC)),
        ("<2020-01-01>", datetime(2020, 1, 1, tzinfo=UTC)),
    ],
)
def test_org_timestamps_are_dates(written: str, expected: datetime) -> None:
    found = read_date(written)
    assert found is not None and found.value == expected


def test_bracketed_text_is_no_org_timestamp() -> None:
    assert read_date("<2017-08-26 and more words>") is None
    assert read_date("[see 2017-08-26]") is None


# --- Unix times ------------------------------------------------------------------------------------


def test_unix_times_in_numbers_are_dates() -> None:
    milliseconds = read_date(1645837319838)
    assert milliseconds is not None
    assert milliseconds.value == datetime(2022, 2, 26, 1, 1, 59, 838000, tzinfo=UTC)
    seconds = read_date(1609459200)
    assert seconds is not None and seconds.value == datetime(2021, 1, 1, tzinfo=UTC)


def test_numbers_that_are_no_unix_time_stay_no_date() -> None:
    assert read_date("1645837319838") is None  # text: an identifier as likely as a time
    assert read_date(123456) is None
    assert read_date(9999999999999) is None  # the year 2286: beyond blogs
    assert read_date(True) is None
    assert find_in_text("ticket 1645837319838 was closed") is None


def test_a_dendron_note_dated_in_milliseconds(tmp_path: Path) -> None:
    text = (
        "---\nid: abc123\ntitle: Reading list\nupdated: 1645900000000\ncreated: 1645837319838\n---\nBooks.\n"
    )
    review = read_review(write_in(tmp_path, "reading.list.md", text))
    assert review.date == datetime(2022, 2, 26, 1, 1, 59, 838000, tzinfo=UTC)


# --- JavaScript's Date.toString() ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tue Mar 05 2024 09:30:00 GMT+0000 (Coordinated Universal Time)",
            datetime(2024, 3, 5, 9, 30, tzinfo=UTC),
        ),
        (
            "Fri Jul 12 2019 18:05:09 GMT+0200 (Heure d’été d’Europe centrale)",
            datetime(2019, 7, 12, 18, 5, 9, tzinfo=timezone(timedelta(hours=2))),
        ),
        (
            "Wed Jan 01 2020 23:59:59 GMT-0500",
            datetime(2020, 1, 1, 23, 59, 59, tzinfo=timezone(timedelta(hours=-5))),
        ),
    ],
)
def test_javascript_date_strings_are_read_by_their_offset(text: str, expected: datetime) -> None:
    found = read_date(text)
    assert found is not None and found.value == expected and found.ambiguous is None


def test_a_bracketed_note_after_another_date_is_still_no_date() -> None:
    assert read_date("Tue Mar 05 2024 (the day we moved)") is None
    assert read_date("Tue Mar 05 2024 09:30:00 GMT+0000 (see the notes) and more") is None


def test_hashnode_style_front_matter_is_dated(tmp_path: Path) -> None:
    text = (
        '---\ntitle: "Moving our builds"\n'
        "datePublished: Thu Feb 01 2024 07:00:00 GMT+0000 (Coordinated Universal Time)\n"
        "cuid: abc123\nslug: moving-our-builds\ntags: ci, builds\n\n---\n\nWe moved.\n"
    )
    review = read_review(write_in(tmp_path, "abc123.md", text))
    assert review.date == datetime(2024, 2, 1, 7, 0, tzinfo=UTC)
    assert review.tags == ("ci", "builds")


# --- numeric dates with a 12-hour time ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("25-12-2023 09:15 PM", datetime(2023, 12, 25, 21, 15, tzinfo=UTC)),
        ("25-12-2023 12:05 am", datetime(2023, 12, 25, 0, 5, tzinfo=UTC)),
        ("12/25/2023 12:30 p.m.", datetime(2023, 12, 25, 12, 30, tzinfo=UTC)),
    ],
)
def test_twelve_hour_times_after_a_numeric_date(text: str, expected: datetime) -> None:
    found = read_date(text)
    assert found is not None and found.value == expected


def test_a_twelve_hour_time_past_twelve_is_no_date() -> None:
    assert read_date("25-12-2023 13:15 PM") is None


def test_swappable_day_and_month_with_a_twelve_hour_time_is_reported() -> None:
    found = read_date("04-05-2023 07:00 AM")
    assert found is not None and found.value == datetime(2023, 5, 4, 7, 0, tzinfo=UTC)
    assert found.ambiguous is not None and "day first" in found.ambiguous


# --- Grav's time-first H:i m/d/Y ---------------------------------------------------------------


def test_time_first_with_slashes_is_month_first_and_reported() -> None:
    found = read_date("09:40 03/04/2016")
    assert found is not None and found.value == datetime(2016, 3, 4, 9, 40, tzinfo=UTC)
    assert found.ambiguous is not None and "H:i m/d/Y" in found.ambiguous


def test_time_first_with_dashes_or_dots_is_day_first() -> None:
    for text in ("09:40 03-04-2016", "09:40 03.04.2016"):
        found = read_date(text)
        assert found is not None and found.value == datetime(2016, 4, 3, 9, 40, tzinfo=UTC)


def test_time_first_with_only_one_reading_is_that_reading_unreported() -> None:
    for text in ("21:02 10/30/2015", "21:02 30/10/2015"):
        found = read_date(text)
        assert found is not None and found.value == datetime(2015, 10, 30, 21, 2, tzinfo=UTC)
        assert found.ambiguous is None


def test_time_first_needs_a_real_time_and_a_four_digit_year() -> None:
    assert read_date("25:40 03/04/2016") is None
    assert read_date("09:40 03/04/16") is None
    assert read_date("version 2.1 03/04/2016") is None


def test_grav_item_page_is_dated_and_its_reading_reported(tmp_path: Path) -> None:
    text = (
        "---\ntitle: Spring in the valley\ndate: 07:15 05/06/2021\nauthor: Mira Holt\n\n"
        "taxonomy:\n    category: blog\n    tag: [walks, spring]\n---\n\nA short walk.\n\n===\n\nMore.\n"
    )
    review = read_review(write_in(tmp_path, "item.md", text))
    assert review.date == datetime(2021, 5, 6, 7, 15, tzinfo=UTC)
    assert review.author == "Mira Holt"
    assert review.tags == ("walks", "spring")
    assert any("H:i m/d/Y" in guess for guess in review.guesses)


# --- reStructuredText in .txt: version-control dates, titles lined over and under ---------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("$Date: 2014-10-01 (Thursday, 1 October 2014) $", "2014-10-01T00:00:00+00:00"),  # Subversion
        ("$Date: 2023-05-09 20:32:19 +0200 (Di, 09. Mai 2023) $", "2023-05-09T20:32:19+02:00"),
        ("$Date: 2001/09/12 04:07:07 $", "2001-09-12T04:07:07+00:00"),  # CVS
        ("$Date$", None),  # a keyword never expanded: no date, and no error
    ],
)
def test_a_version_control_date_keyword(tmp_path: Path, value: str, expected: str | None) -> None:
    text = (
        f"=================\nREADME: Tide tables\n=================\n\n:Author: Ann Lee\n:Date: {value}\n\n"
    )
    review = read_review(write_file(tmp_path / "README.txt", text + "The tables are read at dawn.\n"))
    assert (review.date.isoformat() if review.date else None) == expected
    assert (review.title, review.author) == ("README: Tide tables", "Ann Lee")
    assert review.body.strip() == "The tables are read at dawn."


# --- dates in other languages: CLDR's month names (digest.sources.monthnames) --------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("24. Juli 2017", datetime(2017, 7, 24, tzinfo=UTC)),
        ("Montag, 24. Juli 2017 um 18:55 Uhr", datetime(2017, 7, 24, 18, 55, tzinfo=UTC)),
        ("3 de marzo de 2021", datetime(2021, 3, 3, tzinfo=UTC)),
        ("le 3 mars 2021 à 18h55", datetime(2021, 3, 3, 18, 55, tzinfo=UTC)),
        ("12 décembre 2019", datetime(2019, 12, 12, tzinfo=UTC)),
        ("19 июня 2018", datetime(2018, 6, 19, tzinfo=UTC)),
        ("2018年6月19日", datetime(2018, 6, 19, tzinfo=UTC)),
        ("2020년 3월 5일", datetime(2020, 3, 5, tzinfo=UTC)),
        ("5 maggio 2015", datetime(2015, 5, 5, tzinfo=UTC)),
    ],
)
def test_a_date_written_in_another_language_is_read(value: str, expected: datetime) -> None:
    found = read_date(value)
    assert found is not None and found.value == expected


@pytest.mark.parametrize(
    "value",
    ["mars 2021", "Juli", "24. Juli", "Gespeichert am 24. Juli 2017 von Ann", "3 de marzo de 2021 en Madrid"],
)
def test_a_foreign_month_name_without_a_whole_date_is_no_date(value: str) -> None:
    assert read_date(value) is None


@pytest.mark.parametrize("text", ["1 out of 2000", "the top 10 out of 2019 entries", "a 3 set of 2020 rules"])
def test_an_english_phrase_with_a_foreign_month_name_in_it_is_no_date(text: str) -> None:
    """'out' is Portuguese's October and 'set' Italian's September, but English joins no
    day to a foreign month with 'of': '1 out of 2000' is no 1 October 2000."""
    assert read_date(text) is None
    assert find_in_text(text, languages=True) is None


@pytest.mark.parametrize(
    ("line", "written", "day"),
    [
        # WordPress's English day suffix after a month named in the site's language
        ("Juni 19th, 2018 | Social Media", "Juni 19th, 2018", datetime(2018, 6, 19, tzinfo=UTC)),
        ("mars 1st, 2021", "mars 1st, 2021", datetime(2021, 3, 1, tzinfo=UTC)),
        ("Mai 22nd 2019", "Mai 22nd 2019", datetime(2019, 5, 22, tzinfo=UTC)),
    ],
)
def test_a_foreign_month_before_a_day_with_an_english_ordinal_suffix_is_read(
    line: str, written: str, day: datetime
) -> None:
    found = find_in_text(line, languages=True)
    assert found is not None and found[1] == written
    assert found[0].value == day


def test_an_ordinal_suffix_glued_to_other_letters_is_no_day() -> None:
    assert find_in_text("Juni 19thx, 2018", languages=True) is None


def test_a_value_meant_for_machines_is_read_only_in_english() -> None:
    assert read_date("jueves, 09 enero 2014 10:21", languages=False) is None
    assert read_date("jueves, 09 enero 2014 10:21") is not None


def test_text_finds_a_foreign_date_only_when_asked() -> None:
    line = "Gespeichert von rasos am 24. Juli 2017 - 18:55"
    assert find_in_text(line) is None
    found = find_in_text(line, languages=True)
    assert found is not None and found[1] == "24. Juli 2017"
    assert found[0].value == datetime(2017, 7, 24, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("24 juin 2019", datetime(2019, 6, 24, tzinfo=UTC)),
        ("2019年6月24日", datetime(2019, 6, 24, tzinfo=UTC)),
        ("martes, 3 de marzo de 2020 10:15", datetime(2020, 3, 3, 10, 15, tzinfo=UTC)),
    ],
)
def test_a_post_dated_in_its_own_language_is_read(tmp_path: Path, value: str, expected: datetime) -> None:
    post = tmp_path / "tides.md"
    post.write_text(f"---\ntitle: Tides\ndate: {value}\n---\nText of the post.\n", encoding="utf-8")
    assert read_review(post).date == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12 أغسطس 2013", datetime(2013, 8, 12, tzinfo=UTC)),  # Egypt's and the Gulf's names
        ("12 اغسطس 2013", datetime(2013, 8, 12, tzinfo=UTC)),  # the alef written without its hamza
        ("4 آب 2013", datetime(2013, 8, 4, tzinfo=UTC)),  # the Levant's, a name of two letters
        ("15 تشرين الأول 2019", datetime(2019, 10, 15, tzinfo=UTC)),  # a Levantine name of two words
        ("04 آب/أغسطس 2013", datetime(2013, 8, 4, tzinfo=UTC)),  # both names, as sites write them
        ("٤ آب ٢٠١٣", datetime(2013, 8, 4, tzinfo=UTC)),  # Arabic-Indic digits
        ("4 בינואר 2013", datetime(2013, 1, 4, tzinfo=UTC)),  # Hebrew joins 'in' to the month
        ("12 ژانویه 2014", datetime(2014, 1, 12, tzinfo=UTC)),
        ("3 मई 2015", datetime(2015, 5, 3, tzinfo=UTC)),
    ],
)
def test_a_date_in_arabic_hebrew_persian_or_hindi_is_read(value: str, expected: datetime) -> None:
    found = find_in_text(f"— {value} —", languages=True)
    assert found is not None and (found[0].value, found[1]) == (expected, value)


@pytest.mark.parametrize("text", ["4 آب/أيلول 2013", "on 4 ma 2013", "4 ב 2013"])
def test_a_month_named_twice_as_two_months_or_a_two_letter_latin_word_is_no_date(text: str) -> None:
    assert find_in_text(text, languages=True) is None


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("2026-02-30", "February 2026 has 28 days"),
        ("2024-02-30T10:00:00Z", "February 2024 has 29 days"),
        ("2026-13-02", "there is no month 13"),
        ("2026-00-10", "there is no month 0"),
        ("2026-04-00", "there is no day 0"),
        ("0000-01-01", "there is no year 0"),
        ("2026-02-28", None),
        ("soon-ish", None),
    ],
)
def test_what_names_no_day_in_an_iso_date(text: str, why: str | None) -> None:
    assert no_such_day(text) == why
