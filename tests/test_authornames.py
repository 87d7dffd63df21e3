"""Whether a text is a person's name (digest.sources.importer.authornames), as a saved page's
author shows it."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.sources.importer import read_article
from tests.test_import_rules import PROSE, page, save


def test_every_dc_creator_is_an_author_read_given_name_first(tmp_path: Path) -> None:
    head = '<meta name="DC.Creator" content="Kooman, F."><meta name="DC.Creator" content="Jong, Michiel de">'
    draft = read_article(save(tmp_path, page(head, f"<h1>remoteStorage</h1>{PROSE}")))
    assert draft.author == "F. Kooman, Michiel de Jong"


@pytest.mark.parametrize("value", ["Dana Ford and Tom Watkins, CNN", "Reuters, Staff", "lee, ann"])
def test_a_comma_that_is_no_catalogue_name_stays(tmp_path: Path, value: str) -> None:
    from digest.sources.importer.authornames import given_first

    assert given_first(value) == value


def test_initials_that_look_like_a_legal_form_stay_a_name(tmp_path: Path) -> None:
    draft = read_article(
        save(
            tmp_path, page('<meta name="author" content="James S.A. Corey">', f"<h1>Tide tables</h1>{PROSE}")
        )
    )
    assert draft.author == "James S.A. Corey"


def test_a_label_in_a_script_without_capitals_beside_a_date_is_no_name(tmp_path: Path) -> None:
    dateline = "<p class='title_foot'>기사입력 <span>2013-10-24 03:00:00</span></p>"
    html = page("<title>Tides</title>", f"<div><h1>Tides</h1>{dateline}{PROSE}</div>")
    assert read_article(save(tmp_path, html)).author is None


def test_lower_case_words_in_a_cased_script_are_no_name(tmp_path: Path) -> None:
    byline = "<span class='byline'>читать далее</span>"
    html = page("<title>Tides</title>", f"<article><h1>Tides</h1>{byline}{PROSE}</article>")
    assert read_article(save(tmp_path, html)).author is None
