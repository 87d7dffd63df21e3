"""A saved page's title (digest.sources.importer.pagetitle): the title element, og:title and
the headline, without the site's name, sections and kickers around it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from digest.errors import DigestError
from digest.sources.importer import read_article
from tests.helpers import BODY_PROSE, page_of
from tests.test_import_rules import PROSE, page, save


@pytest.mark.parametrize(
    "title",
    ["<title> | </title>", "<title>– · —</title>", "<title>«»</title>", "<title></title><h1> « </h1>"],
)
def test_a_title_made_of_separators_alone_is_no_title(tmp_path: Path, title: str) -> None:
    path = tmp_path / "page.html"
    path.write_text(page_of(BODY_PROSE, title), encoding="utf-8")
    with pytest.raises(DigestError, match="no title in the page"):
        read_article(path)


def test_separators_alone_give_way_to_the_pages_heading(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(page_of("<h1>The heading</h1>" + BODY_PROSE, "<title> | </title>"), encoding="utf-8")
    assert read_article(path).title == "The heading"


@pytest.mark.parametrize(
    "declared",
    ["Analysis: The long sparring match | Politics", "The long sparring match |"],
)
def test_a_declared_title_around_the_headline_is_cut_to_it(tmp_path: Path, declared: str) -> None:
    head = f'<meta property="og:title" content="{declared}">'
    draft = read_article(save(tmp_path, page(head, f"<h1>The long sparring match</h1>{PROSE}")))
    assert draft.title == "The long sparring match"


def test_a_box_heading_inside_the_text_yields_to_the_earlier_heading_the_title_element_repeats(
    tmp_path: Path,
) -> None:
    # No metadata: the headline sits in a header above the text, and the text ends with a box
    # of facts under its own <h1>, which is all the article holds of level-1 headings.
    head = "<title>Tide tables are read wrong by most sailors - 12/03/2019 - Coast - Example News</title>"
    body = (
        "<header><h1>Tide tables are read wrong by most sailors</h1><p>ANN LEE</p></header>"
        f"<article>{PROSE}<h1>Key facts</h1><p>Datum: the lowest tide</p><p>Range: high less low</p></article>"
    )
    assert (
        read_article(save(tmp_path, page(head, body))).title == "Tide tables are read wrong by most sailors"
    )


def test_the_articles_own_headline_stays_when_the_title_element_does_not_repeat_an_earlier_heading(
    tmp_path: Path,
) -> None:
    head = "<title>Example News</title>"
    body = f"<header><h1>Latest from the coast</h1></header><article><h1>Tide tables, read right</h1>{PROSE}</article>"
    assert read_article(save(tmp_path, page(head, body))).title == "Tide tables, read right"


def test_a_shortened_sharing_title_yields_to_the_whole_headline(tmp_path: Path) -> None:
    head = '<title>Three reporters are granted bail after a week - Example News</title><meta property="og:title" content="Three reporters are granted bail">'
    draft = read_article(
        save(tmp_path, page(head, f"<h1>Three reporters are granted bail after a week</h1>{PROSE}"))
    )
    assert draft.title == "Three reporters are granted bail after a week"


def test_a_headline_the_title_element_begins_with_wins_over_a_sharing_title_worded_apart(
    tmp_path: Path,
) -> None:
    # The <title> and the headline shown agree: two of the page's titles against one.
    head = (
        "<title>Harbours grandstanding? Two masters take stands on tide tables - Example Sport</title>"
        '<meta property="og:title" content="Lee: masters grandstanding about tide tables">'
    )
    body = f"<div class='header'><h1 class='h2'>Harbours grandstanding?</h1></div><div>{PROSE}</div>"
    assert read_article(save(tmp_path, page(head, body))).title == "Harbours grandstanding?"


def test_a_sharing_title_the_title_element_holds_stays_over_a_heading_it_begins_with(tmp_path: Path) -> None:
    head = (
        "<title>Example News - Three reporters are granted bail</title>"
        '<meta property="og:title" content="Three reporters are granted bail">'
    )
    draft = read_article(save(tmp_path, page(head, f"<h1>Example News</h1>{PROSE}")))
    assert draft.title == "Three reporters are granted bail"


def test_a_shorter_sharing_title_stays_when_the_title_element_does_not_agree(tmp_path: Path) -> None:
    head = '<title>Example News</title><meta property="og:title" content="Three reporters are granted bail">'
    draft = read_article(
        save(tmp_path, page(head, f"<h1>Three reporters are granted bail after a week</h1>{PROSE}"))
    )
    assert draft.title == "Three reporters are granted bail"


def test_a_photo_credit_in_brackets_is_no_part_of_the_title(tmp_path: Path) -> None:
    head = '<meta property="og:title" content="Storm reaches the coast (Photo: Reuters)">'
    draft = read_article(save(tmp_path, page(head, f"<h2>Storm reaches the coast</h2>{PROSE}")))
    assert draft.title == "Storm reaches the coast"


def test_a_byline_under_a_break_in_the_marked_headline_is_no_title(tmp_path: Path) -> None:
    head = '<meta property="og:title" content="Direct line between the two leaders">'
    body = (
        "<h1 itemprop='headline'><span>Direct line between the two leaders</span><br>"
        f"<span class='small'>Senior writer Ann Lee</span></h1>{PROSE}"
    )
    draft = read_article(save(tmp_path, page(head, body)))
    assert draft.title == "Direct line between the two leaders"


def test_a_kicker_before_the_headline_in_og_title_goes(tmp_path: Path) -> None:
    html = page(
        "<meta property='og:title' content='Harbour life: Reading a tide table'>",
        f"<article><h1>Reading a tide table</h1>{PROSE}</article>",
    )
    assert read_article(save(tmp_path, html)).title == "Reading a tide table"


def test_a_name_after_the_headline_in_og_title_goes(tmp_path: Path) -> None:
    html = page(
        "<meta property='og:title' content='Reading a tide table • Ann Lee'>",
        f"<article><h1>Reading a tide table</h1>{PROSE}</article>",
    )
    assert read_article(save(tmp_path, html)).title == "Reading a tide table"


def test_a_headline_with_its_own_colon_stays_whole(tmp_path: Path) -> None:
    html = page(
        "<meta property='og:title' content='Tides: a primer'>",
        f"<article><h1>Tides: a primer</h1>{PROSE}</article><h2>primer</h2>",
    )
    assert read_article(save(tmp_path, html)).title == "Tides: a primer"


def test_og_title_is_kept_when_the_page_has_several_h1(tmp_path: Path) -> None:
    html = page(
        "<meta property='og:title' content='Harbour life: Reading a tide table'>",
        f"<h1>Harbour life</h1><article><h1>Reading a tide table</h1>{PROSE}</article>",
    )
    assert read_article(save(tmp_path, html)).title == "Harbour life: Reading a tide table"


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


def test_a_section_after_the_headline_leaves_the_shared_title(tmp_path: Path) -> None:
    head = (
        '<meta property="og:title" content="Reading a tide table before you sail | Columns | Harbour Notes">'
        '<meta property="og:site_name" content="Harbour Notes">'
    )
    body = (
        "<h1><svg><title>Logo</title></svg>Harbour Notes</h1>"
        f"<article><h1>Reading a tide table before you sail <span>Members</span></h1>{PROSE}</article>"
    )
    assert read_article(save(tmp_path, page(head, body))).title == "Reading a tide table before you sail"


def test_a_long_second_segment_is_no_section(tmp_path: Path) -> None:
    head = '<meta property="og:title" content="Tides: reading the table before you sail out">'
    body = f"<article><h1>Tides: reading the table before you sail out</h1>{PROSE}</article>"
    assert (
        read_article(save(tmp_path, page(head, body))).title == "Tides: reading the table before you sail out"
    )


def test_a_title_with_the_sites_name_and_a_colon_before_the_headline(tmp_path: Path) -> None:
    html = page(
        "<title>Harbour Notes: Tide tables, read right</title>",
        f"<h1>Tide tables, read right</h1><article>{PROSE}</article>",
    )
    assert read_article(save(tmp_path, html)).title == "Tide tables, read right"


def test_a_title_whose_opening_words_are_the_headlines_own_is_kept(tmp_path: Path) -> None:
    html = page(
        "<title>Tides: a field guide to the harbour tables</title>",
        f"<h1>Tides: a field guide to the harbour tables</h1><article>{PROSE}</article>",
    )
    assert read_article(save(tmp_path, html)).title == "Tides: a field guide to the harbour tables"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("欲張りなイヌ　＜福娘童話集　きょうのイソップ童話＞", "欲張りなイヌ"),
        ("北風と太陽【童話集　きょうのお話】", "北風と太陽"),
    ],
)
def test_a_bracketed_site_and_section_leave_the_title(tmp_path: Path, title: str, expected: str) -> None:
    html = page(f"<title>{title}</title>", f"<article>{PROSE}</article>")
    assert read_article(save(tmp_path, html)).title == expected


def test_an_og_title_that_repeats_the_description_is_no_title(tmp_path: Path) -> None:
    summary = "Tide tables, chain lengths and the new harbour dues, and more"
    head = (
        f"<title>Harbour Notes - Tide tables for beginners</title><meta name='description' content='{summary}'>"
        f"<meta property='og:title' content='{summary}'>"
    )
    html = page(head, f"<article><h1>Tide tables for beginners</h1>{PROSE}</article>")
    assert read_article(save(tmp_path, html)).title == "Tide tables for beginners"


def test_a_numbered_issue_keeps_its_publications_name(tmp_path: Path) -> None:
    heading = "<h1>Issue 162 <time datetime='2018-03-01'>March 1st 2018</time></h1>"
    html = page("<title>Harbour Weekly - Issue 162</title>", f"<article>{heading}{PROSE}</article>")
    draft = read_article(save(tmp_path, html))
    assert draft.title == "Harbour Weekly - Issue 162"
    assert draft.date == datetime(2018, 3, 1, tzinfo=UTC)


def test_a_section_after_a_japanese_headline_is_no_part_of_the_title(tmp_path: Path) -> None:
    # 'Headline : Section' as a Japanese paper shares it: a word count by spaces saw one word on each
    # side and kept the section
    headline = "バルセロナ、マンＵに先勝…ＣＬ準々決勝第１戦"
    html = page(
        f'<meta property="og:title" content="{headline} : スポーツ">',
        f"<article><h1>\n   {headline}   </h1>{PROSE}</article>",
    )
    assert read_article(save(tmp_path, html)).title == headline


def test_a_section_after_a_chinese_headline_goes_when_the_headline_is_an_h2(tmp_path: Path) -> None:
    # the page's only <h1> is its menu; the headline is the heading of the article's page
    headline = "10年前父親掐死兒後自縊... 凶宅下月拍開價425萬"
    html = page(
        f'<meta property="og:title" content="{headline} - 生活 - 自由時報電子報">'
        '<meta property="og:site_name" content="自由時報電子報">',
        f"<h1 class=menu>自由首頁 即時 報紙 影音</h1><h2 class=page-name>{headline}</h2><div>{PROSE}</div>",
    )
    assert read_article(save(tmp_path, html)).title == headline


def test_a_long_chinese_second_segment_is_no_section(tmp_path: Path) -> None:
    # two clauses of a headline set apart by a dash: the second is as long as a headline, no label
    title = "颱風逼近東部海面 - 氣象局今晚發布陸上警報並呼籲民眾提早防範"
    html = page(
        f'<meta property="og:title" content="{title}">', f"<article><h1>{title}</h1>{PROSE}</article>"
    )
    assert read_article(save(tmp_path, html)).title == title


def test_a_name_glued_to_a_separator_after_the_headline_in_og_title_goes(tmp_path: Path) -> None:
    # 'Headline -Name - Site': a dash after a space and before a word joins no words, it parts
    html = page(
        "<meta property='og:title' content='Reading a tide table -Ann Lee - Harbour Weekly'>"
        "<meta property='og:site_name' content='Harbour Weekly'>",
        f"<article><h1>Reading a tide table</h1>{PROSE}</article>",
    )
    assert read_article(save(tmp_path, html)).title == "Reading a tide table"


def test_a_hyphenated_word_after_the_headline_stays_in_og_title(tmp_path: Path) -> None:
    html = page(
        "<meta property='og:title' content='Reading a tide table re-edited'>",
        f"<article><h1>Reading a tide table</h1>{PROSE}</article><h1>Another heading here</h1>",
    )
    assert read_article(save(tmp_path, html)).title == "Reading a tide table re-edited"
