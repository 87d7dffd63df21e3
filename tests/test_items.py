"""Other self-contained items on an article's page (digest.sources.importer.items): other <article>
elements leave the page before extraction."""

from __future__ import annotations

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
