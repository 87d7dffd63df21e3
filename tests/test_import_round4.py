"""Fourth-round import rules on pages written for these tests: teasers of the site's other
stories kept in the article's container, and guillemets before a site's name in <title>."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import lxml.html

from digest.sources.importer import read_article
from digest.sources.importer.teasers import remove_teasers
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


# --- titles -------------------------------------------------------------------------------------


def test_a_guillemet_before_the_sites_name_in_the_title_element_is_a_separator(tmp_path: Path) -> None:
    headline = "Reading a tide table before leaving the mooring"
    for mark in ("‹", "«"):
        html = page(f"<title>{headline} {mark} Harbour Conservation Project</title>", PROSE)
        assert read_article(save(tmp_path, html, f"p{ord(mark)}.html")).title == headline


def test_guillemets_in_pairs_are_a_quotation_not_separators(tmp_path: Path) -> None:
    html = page(
        "<title>Le « mot » du port | Harbour Notes</title><meta property='og:site_name' content='Harbour Notes'>",
        PROSE,
    )
    assert read_article(save(tmp_path, html)).title == "Le « mot » du port"


# --- dates --------------------------------------------------------------------------------------

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


def test_a_time_element_the_extractor_drops_still_declares_the_date(tmp_path: Path) -> None:
    html = page(
        "<meta property='og:title' content='Reading a tide table'>",
        "<article><h1>Reading a tide table</h1><div class='post-meta'><time datetime='2019-03-29T16:00:49+00:00'>"
        f"March 29, 2019</time></div>{PROSE}</article>",
    )
    draft = read_article(save(tmp_path, html))
    assert draft.date is not None and draft.date.date().isoformat() == "2019-03-29"
    assert not any("date" in guess for guess in draft.guesses)  # declared, not searched for


# --- body ---------------------------------------------------------------------------------------


def test_a_paragraph_hyphenated_with_invisible_marks_stays_in_the_body(tmp_path: Path) -> None:
    hyphenated = (
        "<p>The har\u00adbour master's table gives the height of each tide above chart da\u00adtum, "
        "and the sailor who reads it well knows when the chan\u200bnel is deep enough to leave.</p>"
    )
    html = page(
        "<meta property='og:title' content='Reading a tide table'>",
        f"<article><h1>Reading a tide table</h1>{hyphenated}{PROSE}</article>",
    )
    body = read_article(save(tmp_path, html)).body
    assert "who reads it well" in body and "Harbour masters publish" in body


# --- authors ------------------------------------------------------------------------------------


def _blog(title: str, home: str, canonical: str = "https://tides.example.net/reading") -> str:
    return page(
        f"<link rel='canonical' href='{canonical}'><meta property='og:title' content='{title}'>",
        f"<nav><h2><a href='{home}'>Ann Lee</a></h2></nav><article><h1>Reading a tide table</h1>{PROSE}</article>",
    )


def test_a_blog_named_after_its_author_names_the_author(tmp_path: Path) -> None:
    draft = read_article(
        save(tmp_path, _blog("Reading a tide table • Ann Lee", "https://tides.example.net/"))
    )
    assert draft.author == "Ann Lee"
    assert any("blog's name" in guess for guess in draft.guesses)


def test_a_name_after_the_headline_without_a_home_link_names_nobody(tmp_path: Path) -> None:
    elsewhere = _blog("Reading a tide table • Ann Lee", "https://other.example.org/")
    assert read_article(save(tmp_path, elsewhere, "elsewhere.html")).author is None
    inner = _blog("Reading a tide table • Ann Lee", "/about")
    assert read_article(save(tmp_path, inner, "inner.html")).author is None


def test_a_brand_named_like_its_address_is_no_author(tmp_path: Path) -> None:
    html = _blog("Reading a tide table • Ann Lee", "/", canonical="https://www.ann-lee.example/tides")
    assert read_article(save(tmp_path, html)).author is None  # as 'Boing Boing' at boingboing.net


SHORT = (
    "<p>Harbour masters publish tide tables every week, and the tables tell a sailor when the water is "
    "deep enough to leave the mooring.</p>"
)
SIGN_UP = (
    "<div class='subscribe-form'><form class='ajax' action='/subscribe'><div class='subscribe-form-lead'>"
    "<strong>Get the harbour letter!</strong><p>We send this letter about once a week, and you can "
    "unsubscribe from it at any moment you like.</p></div><input type='email' name='email'></form></div>"
)
COOKIES = (
    "<div class='cookiemsg' id='privacy-notice'><p>We tell you that this portal uses cookies. By going on "
    "using this portal you agree that we store and use cookies on your device.</p></div>"
)


def test_sign_up_forms_and_cookie_notices_leave_the_body(tmp_path: Path) -> None:
    # After a short article, the extractor keeps such boxes' text as prose.
    for name, box, words in (
        ("form.html", SIGN_UP, "once a week"),
        ("cookies.html", COOKIES, "uses cookies"),
    ):
        html = page(
            "<meta property='og:title' content='Reading a tide table'>",
            f"<section><article><h1>Reading a tide table</h1>{SHORT}{box}</article></section>",
        )
        body = read_article(save(tmp_path, html, name)).body
        assert "Harbour masters publish" in body and words not in body


def test_links_that_open_a_note_stay_in_the_text(tmp_path: Path) -> None:
    noted = (
        "<p>I am a <a href='javascript:void(0)' class='popup modal-link'>rather elderly</a> man, and the "
        "nature of my work has brought me into contact with many who write for a living.</p>"
    )
    html = page(
        "<meta property='og:title' content='Reading a tide table'>",
        f"<article><h1>Reading a tide table</h1>{noted}{PROSE}</article>",
    )
    assert "rather elderly" in read_article(save(tmp_path, html)).body


def test_an_article_inside_a_page_wide_form_stays(tmp_path: Path) -> None:
    html = page(
        "<meta property='og:title' content='Reading a tide table'>",
        f"<form id='aspnetForm' action='/page'><article><h1>Reading a tide table</h1>{PROSE}</article></form>",
    )
    assert "Harbour masters publish" in read_article(save(tmp_path, html)).body
