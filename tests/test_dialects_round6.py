"""The sixth round's post rules, each on a small input written for these tests: dates as
JavaScript's `Date.toString()` prints them, numeric dates with a 12-hour time, Grav's
time-first `H:i m/d/Y`, an author mapping that names the person as `display_name`, and
MultiMarkdown's metadata block with its `[%key]` variables."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from digest.sources.dates import read_date
from digest.sources.multimarkdown import mmd_metadata, substitute
from digest.sources.reviews import read_review, sniff
from digest.sources.values import person_names


def write_in(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


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


# --- an author mapping naming the person as display_name -------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"display_name": "Ola Berg", "login": "admin", "email": "ola@example.org"}, "Ola Berg"),
        ({"displayName": "Ola Berg"}, "Ola Berg"),
        ({"full_name": "Ola Berg", "url": ""}, "Ola Berg"),
        ({"name": "Ola Berg", "display_name": "ola"}, "Ola Berg"),
        ([{"display_name": "Ola Berg"}, {"name": "Kim Lee"}], "Ola Berg, Kim Lee"),
        ({"login": "admin", "email": "ola@example.org"}, None),
    ],
)
def test_author_mapping_keys(value: object, expected: str | None) -> None:
    assert person_names(value) == expected


def test_jekyll_import_wordpress_author_is_the_display_name(tmp_path: Path) -> None:
    text = (
        "---\nlayout: post\ntitle: Notes on caching\nauthor:\n  display_name: Ola Berg\n  login: admin\n"
        "  email: ola@example.org\n  url: ''\nauthor_login: admin\nwordpress_id: 12\n"
        "date: '2012-03-04 10:00:00 +0100'\n---\n<p>Cache less.</p>\n"
    )
    assert read_review(write_in(tmp_path, "2012-03-04-notes-on-caching.markdown", text)).author == "Ola Berg"


# --- MultiMarkdown metadata ------------------------------------------------------------------

MMD_DOCUMENT = (
    "Title:\tField Guide to Ferns  \n"
    "Author:\tRuth Ames  \n"
    "Date:\t2020-09-14  \n"
    "Base Header Level:\t2  \n"
    'HTML header:\t<script src="fern.js"></script>\n'
    '<link rel="stylesheet" href="fern.css">\n'
    "\n"
    "# [%title] #\n"
    "\n"
    "By [%author], revised [%Revision Note].\n"
    "\n"
    "```\n"
    "[%title] stays in code\n"
    "```\n"
)


def test_mmd_block_with_unindented_continuation_and_variables(tmp_path: Path) -> None:
    assert sniff(MMD_DOCUMENT) == "multimarkdown-metadata"
    review = read_review(write_in(tmp_path, "ferns.md", MMD_DOCUMENT))
    assert review.title == "Field Guide to Ferns"
    assert review.author == "Ruth Ames"
    assert review.date == datetime(2020, 9, 14, tzinfo=UTC)
    assert "# Field Guide to Ferns #" in review.body
    assert "By Ruth Ames, revised [%Revision Note]." in review.body  # an unknown key stays
    assert "[%title] stays in code" in review.body


def test_mmd_header_value_keeps_its_continuation_lines() -> None:
    header = mmd_metadata(MMD_DOCUMENT)
    assert header is not None
    assert (
        header.meta["HTML header"]
        == '<script src="fern.js"></script> <link rel="stylesheet" href="fern.css">'
    )
    assert header.body_line == 8


def test_revised_is_the_fallback_date_and_reported(tmp_path: Path) -> None:
    text = MMD_DOCUMENT.replace("Date:\t2020-09-14  \n", "Revised:\t2021-01-02  \n")
    review = read_review(write_in(tmp_path, "ferns.md", text))
    assert review.date == datetime(2021, 1, 2, tzinfo=UTC)
    assert any("'Revised'" in guess for guess in review.guesses)


def test_a_block_without_a_key_of_mmds_own_is_left_to_pelican() -> None:
    text = "Title: Plain header\nAuthor: Ruth Ames\nDate: 2020-09-14\n\nBody text.\n"
    assert mmd_metadata(text) is None
    assert sniff(text) == "pelican-metadata"


def test_a_block_without_a_title_or_opened_by_dashes_is_not_mmd() -> None:
    assert mmd_metadata("CSS: site.css\nAuthor: Ruth Ames\n\nBody.\n") is None
    yaml_like = "---\ntitle: Ferns\ncss: ferns.css\n---\n\nBody.\n"
    assert mmd_metadata(yaml_like) is None
    assert sniff(yaml_like) == "yaml-front-matter"


def test_prose_opening_a_file_is_not_a_block() -> None:
    assert mmd_metadata("We met at noon.\nTitle: not a header\nCSS: no\n\nText.\n") is None


def test_variables_are_matched_without_case_or_spaces() -> None:
    values = {"Base Header Level": "2", "Title": "Ferns"}
    assert substitute("[%baseheaderlevel] and [%TITLE]", values) == "2 and Ferns"
