"""Teasers of a site's other stories inside an article's container (digest.sources.importer.teasers)
leave the imported text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import lxml.html

from digest.sources.importer import read_article
from digest.sources.importer.teasers import remove_teasers, tokens
from tests.test_import_rules import PROSE, page, save

PAGE_URL = "https://harbour.example.org/2024/05/tide-tables"


SUMMARY = "<p>A short summary of another story on the same site, a sentence or two long.</p>"


def _fragment(html: str) -> Any:
    return lxml.html.fragment_fromstring(html, create_parent="div")


def _text(root: Any) -> str:
    return " ".join(root.text_content().split())


# --- teasers ------------------------------------------------------------------------------------


def test_a_headline_linking_to_another_story_goes_with_its_summary() -> None:
    root = _fragment(
        f"<h1>Reading a tide table</h1>{PROSE}"
        f"<div class='item'><a href='/2024/04/knots'><h3>Six knots for the harbour</h3></a>{SUMMARY}</div>"
    )
    assert remove_teasers(root, "Reading a tide table", PAGE_URL) == 1
    assert "Six knots" not in _text(root) and "short summary" not in _text(root)
    assert "Harbour masters publish" in _text(root)


def test_a_long_section_in_a_language_written_without_spaces_is_no_teaser() -> None:
    """Words are counted per character in Japanese, as in the rest of the importer: a 600-character
    section under a linked heading is an article's section, not a short summary."""
    section = "潮汐表の読み方について説明します。" * 36
    root = _fragment(
        f"<h1>潮汐表の読み方</h1>{PROSE * 4}"
        f"<section><h2><a href='/news/related'>詳しい予報、週末の見通し</a></h2><p>{section}</p></section>"
        "<div><h3><a href='/news/other'>港の結び目、六つの基本</a></h3><p>港で使う結び目を短く紹介します。</p></div>"
    )
    assert remove_teasers(root, "潮汐表の読み方", PAGE_URL) == 1
    assert section in _text(root) and "港の結び目" not in _text(root)


def test_a_run_of_pictures_linking_to_other_stories_goes() -> None:
    card = "<div class='next'><p><a href='https://www.harbour.example.org/2024/0{n}/x'><img src='t{n}.jpg'></a></p>{s}</div>"
    cards = "".join(card.format(n=n, s=SUMMARY) for n in (1, 2, 3))
    root = _fragment(f"{PROSE}<div class='more'>{cards}</div>")
    assert remove_teasers(root, "Reading a tide table", PAGE_URL) == 3
    assert "short summary" not in _text(root) and not root.xpath(".//img")


def test_a_list_of_story_cards_goes() -> None:
    item = "<li><a href='/2024/0{n}/x'><img src='t{n}.jpg'><span>Another story title {n}</span></a></li>"
    root = _fragment(f"{PROSE}<ul>{''.join(item.format(n=n) for n in (1, 2))}</ul>")
    remove_teasers(root, "Reading a tide table", PAGE_URL)
    assert "Another story" not in _text(root) and "Harbour masters" in _text(root)


def test_a_lone_picture_linking_within_the_site_stays() -> None:
    root = _fragment(
        f"<div><p><a href='/gallery/harbour'><img src='harbour.jpg'></a></p>{SUMMARY}</div>{PROSE}"
    )
    assert remove_teasers(root, "Reading a tide table", PAGE_URL) == 0
    assert root.xpath(".//img") and "short summary" in _text(root)


def test_headlines_linking_elsewhere_to_a_fragment_or_to_the_page_itself_stay() -> None:
    sections = (
        "<div><h2><a href='https://tides.example.net/guide'>An outside guide</a></h2>{s}</div>"
        "<div><h2><a href='#datum'>Chart datum</a></h2>{s}</div>"
        "<div><h2><a href='" + PAGE_URL + "/'>This very page</a></h2>{s}</div>"
    ).format(s=SUMMARY)
    root = _fragment(f"{PROSE}{sections}")
    assert remove_teasers(root, "Reading a tide table", PAGE_URL) == 0
    assert all(words in _text(root) for words in ("An outside guide", "Chart datum", "This very page"))


def test_without_the_page_address_only_relative_links_are_the_sites() -> None:
    teasers = (
        f"<div><a href='/2024/04/knots'><h3>Six knots for the harbour</h3></a>{SUMMARY}</div>"
        f"<div><a href='https://tides.example.net/a'><h3>An outside story</h3></a>{SUMMARY}</div>"
    )
    root = _fragment(f"{PROSE}{teasers}")
    assert remove_teasers(root, "Reading a tide table", None) == 1
    assert "Six knots" not in _text(root) and "An outside story" in _text(root)


def test_the_articles_own_headline_and_most_of_its_words_never_go() -> None:
    own = _fragment(
        f"<div><h1><a href='/2024/05/tide-tables-print'>Reading a tide table</a></h1>{SUMMARY}</div>"
    )
    assert remove_teasers(own, "Reading a tide table", PAGE_URL) == 0
    short = _fragment(f"<div><a href='/2024/04/knots'><h3>Six knots for the harbour</h3></a>{SUMMARY}</div>")
    assert remove_teasers(short, "Reading a tide table", PAGE_URL) == 0  # it is all there is


def test_next_story_boxes_after_a_short_article_leave_the_body(tmp_path: Path) -> None:
    story = (
        "<div class='nextstory'><h2><a href='/2024/0{n}/story-{n}'>Another harbour story {n}</a></h2>"
        "<p><a href='/2024/0{n}/story-{n}'><img src='https://harbour.example.org/t{n}.jpg'></a></p>"
        "<p>Boats, tides and the people who keep the harbour running, told in a short paragraph of "
        "teaser text that ends with an ellipsis […]</p></div>"
    )
    html = page(
        f"<link rel='canonical' href='{PAGE_URL}'><meta property='og:title' content='Reading a tide table'>",
        "<div id='container'><h1>Reading a tide table</h1>"
        "<div id='story'><p>Harbour masters publish tide tables every week, and the tables tell a sailor "
        "when the water is deep enough to leave the mooring.</p></div>"
        f"{''.join(story.format(n=n) for n in (1, 2, 3))}</div>",
    )
    body = read_article(save(tmp_path, html)).body
    assert "Harbour masters publish" in body
    assert "Another harbour story" not in body and "teaser text" not in body


def test_words_written_with_combining_accents_are_the_same_words_as_precomposed_ones() -> None:
    # text saved by an editor that decomposes accents ('e' + U+0301), as macOS's do
    decomposed = "Le cri re\u0301sonne dans la te\u0302te"
    assert (
        tokens(decomposed)
        == tokens("Le cri résonne dans la tête")
        == [
            "le",
            "cri",
            "résonne",
            "dans",
            "la",
            "tête",
        ]
    )


def test_an_article_written_with_combining_accents_keeps_its_paragraphs(tmp_path: Path) -> None:
    prose = "".join(
        f"<p>Le cri du cœur re\u0301sonne entre les murs de la salle numéro {n}, et chacun"
        " l’entend de sa te\u0302te jusqu’aux pieds pendant que la soirée continue sans fin.</p>"
        for n in range(8)
    )
    html = page(
        "<title>Un cri</title>",
        f"<nav><a href='/'>Accueil</a></nav><article><h1>Un cri</h1>{prose}</article>",
    )
    body = read_article(save(tmp_path, html)).body
    assert body.count("entre les murs de la salle") == 8
