"""What a saved page says about its article: title, author, date, address (digest.sources.importer.htmlmeta)."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.errors import DigestError
from digest.sources.importer import read_article
from tests.helpers import PROSE, ends_in_time, page


def test_a_title_of_a_hundred_thousand_separators_is_read_in_time(tmp_path: Path) -> None:
    title = "<title>" + "| - " * 50_000 + "</title>"
    ends_in_time(tmp_path, "title.html", page(PROSE, title), "digest.sources.importer.read_article")


def test_a_container_of_twenty_thousand_inline_elements_is_read_in_time(tmp_path: Path) -> None:
    inline = "<div><p>An opening paragraph of the article.</p>" + "<b>x</b> " * 20_000 + "</div>"
    ends_in_time(tmp_path, "inline.html", page(PROSE + inline), "digest.sources.importer.read_article")


def test_a_container_of_fifty_thousand_inline_elements_is_read_in_time(tmp_path: Path) -> None:
    # htmldate's free-text search grows with the square of the elements: 17 s at 20,000
    inline = "<div><p>An opening paragraph of the article.</p>" + "<i>y</i> " * 50_000 + "</div>"
    ends_in_time(tmp_path, "inline50.html", page(PROSE + inline), "digest.sources.importer.read_article")


# --- saved pages: odd structures ----------------------------------------------------------------
@pytest.mark.parametrize(
    "title",
    ["<title> | </title>", "<title>– · —</title>", "<title>«»</title>", "<title></title><h1> « </h1>"],
)
def test_a_title_made_of_separators_alone_is_no_title(tmp_path: Path, title: str) -> None:
    path = tmp_path / "page.html"
    path.write_text(page(PROSE, title), encoding="utf-8")
    with pytest.raises(DigestError, match="no title in the page"):
        read_article(path)


def test_separators_alone_give_way_to_the_pages_heading(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(page("<h1>The heading</h1>" + PROSE, "<title> | </title>"), encoding="utf-8")
    assert read_article(path).title == "The heading"
