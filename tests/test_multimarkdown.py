"""MultiMarkdown's metadata block and its [%key] variables (digest.sources.multimarkdown)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from digest.sources.multimarkdown import mmd_metadata, substitute
from digest.sources.reviews import read_review, sniff
from tests.helpers import write_in

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
