"""A saved page's article text (digest.sources.importer.htmlbody)."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.sources.importer import read_article
from digest.sources.importer.htmlbody import without_repeats
from tests.helpers import BODY_PROSE, ends_in_time, page_of
from tests.test_import_rules import PROSE, page, save


# --- saved pages: time -------------------------------------------------------------------------
def test_a_page_of_thousands_of_picture_cards_is_read_in_time(tmp_path: Path) -> None:
    card = "<div class=card><a href='/other'><img src=p.png></a> a caption</div>"
    # about 0.8 MB: trafilatura's fallback extractors alone took 33 s at 8,000 cards
    text = page_of(BODY_PROSE + card * 12_000)
    ends_in_time(tmp_path, "cards.html", text, "digest.sources.importer.read_article", limit=30)


# --- pages: repeats, empty headings, escapes --------------------------------------------------------


def test_a_paragraph_said_twice_in_a_row_is_kept_once() -> None:
    twice = "Frankfurt (dpa) - The prize went to a novel about the old republic, told by a boy of thirteen."
    markdown = f"###\n\n{twice}\n\n{twice}\n\nAnother paragraph.\n\nShort line.\n\nShort line."
    assert without_repeats(markdown) == f"{twice}\n\nAnother paragraph.\n\nShort line.\n\nShort line."


def test_repeats_inside_code_stay() -> None:
    code = "```\nsame line of code that is long enough to count as words\n\nsame line of code that is long enough to count as words\n```"
    assert without_repeats(code) == code


def test_a_file_name_as_alt_text_is_dropped_and_reported(tmp_path: Path) -> None:
    body = (
        "<h1>Zuckerberg in 2005</h1><article>"
        "<p><img src='https://example.org/shot.png' alt='Screen Shot 2011-08-13 at 4.55.35 PM' "
        "title='Screen Shot 2011-08-13 at 4.55.35 PM'></p>"
        "<p><img src='https://example.org/harbour.jpg' alt='The harbour at dawn, 2011'></p>"
        f"{PROSE}</article>"
    )
    draft = read_article(save(tmp_path, page("", body)))
    assert "Screen Shot" not in draft.body
    assert "![The harbour at dawn, 2011](https://example.org/harbour.jpg)" in draft.body
    assert any("file name as alt text" in check for check in draft.checks)


@pytest.mark.parametrize(
    "alt", ["IMG_1234", "DSC_0042.JPG", "harbour-2.png", "Screenshot 2024-01-05 10:22:01"]
)
def test_file_names_as_alt_text(alt: str) -> None:
    from digest.sources.importer.htmlbody import FILE_NAME_ALT

    assert FILE_NAME_ALT.fullmatch(alt)
    assert not FILE_NAME_ALT.fullmatch("Image 1: the harbour at dawn")
