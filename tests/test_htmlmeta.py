"""What a saved page says about its article: title, author, date, address (the modules of
digest.sources.importer that read a page's fields: htmlmeta, linkeddata, pagetitle, pageauthor,
bylines, authornames, siteowner, pagedate, datelines, pageparts)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from digest.errors import DigestError
from digest.sources.importer import read_article
from tests.helpers import BODY_PROSE, ends_in_time, page_of
from tests.test_import_rules import PROSE, page, save


def test_a_title_of_a_hundred_thousand_separators_is_read_in_time(tmp_path: Path) -> None:
    title = "<title>" + "| - " * 50_000 + "</title>"
    ends_in_time(tmp_path, "title.html", page_of(BODY_PROSE, title), "digest.sources.importer.read_article")


def test_a_container_of_twenty_thousand_inline_elements_is_read_in_time(tmp_path: Path) -> None:
    inline = "<div><p>An opening paragraph of the article.</p>" + "<b>x</b> " * 20_000 + "</div>"
    ends_in_time(
        tmp_path, "inline.html", page_of(BODY_PROSE + inline), "digest.sources.importer.read_article"
    )


def test_a_container_of_fifty_thousand_inline_elements_is_read_in_time(tmp_path: Path) -> None:
    # htmldate's free-text search grows with the square of the elements: 17 s at 20,000
    inline = "<div><p>An opening paragraph of the article.</p>" + "<i>y</i> " * 50_000 + "</div>"
    ends_in_time(
        tmp_path, "inline50.html", page_of(BODY_PROSE + inline), "digest.sources.importer.read_article"
    )


# --- saved pages: odd structures ----------------------------------------------------------------


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


# --- pages: bylines ---------------------------------------------------------------------------------


def test_a_lone_by_is_no_author_and_a_linked_name_in_the_text_is(tmp_path: Path) -> None:
    draft = read_article(
        save(
            tmp_path,
            page(
                '<meta property="og:site_name" content="Example Press">',
                "<h1>Forests and the people who keep them</h1><div class='td-author-by'>By</div>"
                "<div class='post-author-name'>By Example Press</div><article>"
                "<p><em>Written by: <a href='https://example.org/ann'>Ann Lee</a></em></p>"
                f"{PROSE}</article>",
            ),
        )
    )
    assert draft.author == "Ann Lee"


def test_a_byline_that_carries_its_time_of_day(tmp_path: Path) -> None:
    draft = read_article(
        save(
            tmp_path,
            page(
                "",
                "<h1>A law blog</h1><div class='post'><h3>Pseudonyms and the law</h3>"
                f"<div class='storycontent'>{PROSE}</div><div class='meta'>posted by Stadler at 12:53</div></div>",
            ),
        )
    )
    assert draft.author == "Stadler"


def test_a_name_block_followed_by_a_block_of_the_date_alone_is_a_byline(tmp_path: Path) -> None:
    # The writer's name (and title) and the date stand in two blocks one after the other under
    # the headline, as they do in one block with the date on its last line.
    body = (
        "<header><h1>Tide tables are read wrong by most sailors</h1>"
        "<div class='credits'><p><b>ANN LEE</b><br>DEPUTY EDITOR OF &quot;COAST&quot;</p></div>"
        "<h2 class='date'>12/03/2019 14h05</h2></header>"
        f"<article>{PROSE}</article>"
    )
    draft = read_article(save(tmp_path, page("<title>Tide tables - Example News</title>", body)))
    assert (draft.author or "").casefold() == "ann lee"


def test_the_section_the_page_declares_is_no_author_beside_the_date(tmp_path: Path) -> None:
    # '12 March 2019 | Coast' reads as a date-led byline, but 'Coast' is the section the page
    # declares (article:section), linked beside the date as news sites print it.
    head = '<title>Tide tables - Example News</title><meta property="article:section" content="Coast">'
    body = (
        "<h1>Tide tables are read wrong by most sailors</h1>"
        "<ul><li><div class='date'>12 March 2019</div></li><li><a href='/news/coast'>Coast</a></li></ul>"
        f"<article>{PROSE}</article>"
    )
    assert read_article(save(tmp_path, page(head, body))).author is None


def test_a_name_beside_the_date_is_still_the_author_when_the_section_is_another(tmp_path: Path) -> None:
    head = '<title>Tide tables - Example News</title><meta property="article:section" content="Coast">'
    body = (
        "<h1>Tide tables are read wrong by most sailors</h1>"
        "<ul><li><div class='date'>12 March 2019</div></li><li>Ann Lee</li></ul>"
        f"<article>{PROSE}</article>"
    )
    assert read_article(save(tmp_path, page(head, body))).author == "Ann Lee"


def test_a_standfirst_followed_by_a_block_of_the_date_is_no_byline(tmp_path: Path) -> None:
    body = (
        "<header><h1>Tide tables are read wrong by most sailors</h1>"
        "<p>Harbour Masters Say Most Sailors Misread Them</p>"
        "<h2 class='date'>12/03/2019 14h05</h2></header>"
        f"<article>{PROSE}</article>"
    )
    assert (
        read_article(save(tmp_path, page("<title>Tide tables - Example News</title>", body))).author is None
    )


def test_a_copyright_credit_is_no_byline(tmp_path: Path) -> None:
    draft = read_article(
        save(
            tmp_path,
            page(
                "",
                f"<h1>Prize for a novel</h1><aside><a href='https://widget.example'>© by WidgetCo</a></aside>{PROSE}",
            ),
        )
    )
    assert draft.author is None


# --- pages: titles ---------------------------------------------------------------------------------


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


# --- pages: a creation date later than the dateline -----------------------------------------------


def test_a_later_creation_date_yields_to_the_dateline(tmp_path: Path) -> None:
    body = (
        "<h1>Prize for a novel</h1><div class='ar-date'>12.10.2015, 19:16 Uhr</div>"
        f"<meta itemprop='dateCreated' content='2019-05-07T17:00:52+02:00'>{PROSE}"
    )
    draft = read_article(save(tmp_path, page("", body).replace("lang='en'", "lang='de'")))
    assert draft.date is not None and draft.date.date().isoformat() == "2015-10-12"
    assert any("dateline under the headline" in guess for guess in draft.guesses)


def test_a_published_date_is_not_overruled_by_the_dateline(tmp_path: Path) -> None:
    head = '<meta property="article:published_time" content="2019-05-07T17:00:52+02:00">'
    body = f"<h1>Prize for a novel</h1><div class='ar-date'>12.10.2015, 19:16 Uhr</div>{PROSE}"
    draft = read_article(save(tmp_path, page(head, body)))
    assert draft.date is not None and draft.date.date().isoformat() == "2019-05-07"


def test_metadata_escaped_twice_is_read_as_meant(tmp_path: Path) -> None:
    head = '<meta name="description" content="Frankfurt (dpa) -&amp;nbsp;F&amp;uuml;r einen Roman">'
    draft = read_article(save(tmp_path, page(head, f"<h1>Prize for a novel</h1>{PROSE}")))
    assert draft.description == "Frankfurt (dpa) - Für einen Roman"


# --- pages: the older failures' causes ---------------------------------------------------------------


def test_every_dc_creator_is_an_author_read_given_name_first(tmp_path: Path) -> None:
    head = '<meta name="DC.Creator" content="Kooman, F."><meta name="DC.Creator" content="Jong, Michiel de">'
    draft = read_article(save(tmp_path, page(head, f"<h1>remoteStorage</h1>{PROSE}")))
    assert draft.author == "F. Kooman, Michiel de Jong"


@pytest.mark.parametrize("value", ["Dana Ford and Tom Watkins, CNN", "Reuters, Staff", "lee, ann"])
def test_a_comma_that_is_no_catalogue_name_stays(tmp_path: Path, value: str) -> None:
    from digest.sources.importer.authornames import _given_first

    assert _given_first(value) == value


def test_a_publish_time_kept_for_scripts_dates_the_page(tmp_path: Path) -> None:
    body = (
        "<div class='post-meta'><span class='publish-time' data-publishtime='1425913200851'></span></div>"
        f"<h1>Stop buying what you do not need</h1>{PROSE}"
    )
    draft = read_article(save(tmp_path, page("", body)))
    assert draft.date is not None and draft.date.date().isoformat() == "2015-03-09"


def test_a_declared_date_beats_a_publish_time_kept_for_scripts(tmp_path: Path) -> None:
    head = '<meta property="article:published_time" content="2015-03-01T08:00:00Z">'
    body = (
        f"<h1>A headline here</h1><span class='publish-time' data-publishtime='1425913200851'></span>{PROSE}"
    )
    draft = read_article(save(tmp_path, page(head, body)))
    assert draft.date == datetime(2015, 3, 1, 8, tzinfo=UTC)


@pytest.mark.parametrize(
    ("address", "day"),
    [
        ("http://arabic.example.com/2013/middle_east/8/3/syria.clashes/index.html", "2013-08-03"),
        ("http://www.example.com/2010/POLITICS/08/13/democrats.social.security/index.html", "2010-08-13"),
    ],
)
def test_a_page_without_dates_is_dated_by_its_address(tmp_path: Path, address: str, day: str) -> None:
    head = f'<link rel="canonical" href="{address}">'
    draft = read_article(save(tmp_path, page(head, f"<h1>Clashes near the capital</h1>{PROSE}")))
    assert draft.date is not None and draft.date.date().isoformat() == day
    assert any("address" in guess for guess in draft.guesses)


def test_feature_switches_on_body_do_not_make_the_page_a_comment(tmp_path: Path) -> None:
    html = page("", f"<h1>A headline here</h1><p class='byline'>By Patrick Allan</p>{PROSE}").replace(
        "<body>", "<body class='f_hide_pending_replies_on f_comment_annotation_on'>"
    )
    body = "<span class='publish-time' data-publishtime='1425913200851'></span>"
    draft = read_article(save(tmp_path, html.replace("</h1>", f"</h1>{body}")))
    assert draft.date is not None and draft.date.date().isoformat() == "2015-03-09"


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


# --- pages ----------------------------------------------------------------------------------------


def test_meta_tags_that_keep_their_text_in_value_attributes(tmp_path: Path) -> None:
    head = (
        '<meta name="author" value="Ann Lee">'
        '<meta name="og:title" value="Tide tables, read right">'
        '<meta name="description" value="How to read a tide table.">'
        '<meta name="article:published_time" value="2020-04-19T06:50:00+01:00">'
        "<title>Tides | Harbour Notes</title>"
    )
    draft = read_article(
        save(tmp_path, page(head, f"<h1>Tide tables, read right</h1><article>{PROSE}</article>"))
    )
    assert (draft.author, draft.description) == ("Ann Lee", "How to read a tide table.")
    assert draft.date is not None and draft.date.isoformat() == "2020-04-19T06:50:00+01:00"


def test_a_stray_value_attribute_beside_content_metas_is_the_pages_own(tmp_path: Path) -> None:
    head = (
        '<meta name="author" value="Theme Designer">'  # a Blogger template's own credit
        '<meta property="og:title" content="Tide tables, read right">'
    )
    draft = read_article(
        save(tmp_path, page(head, f"<h1>Tide tables, read right</h1><article>{PROSE}</article>"))
    )
    assert draft.author != "Theme Designer"


def _personal_site(author_meta: str, home_text: str, handle: str = "annlee", byline: str = "") -> str:
    head = (
        f'<meta name="author" content="{author_meta}"><meta name="twitter:site" content="@{handle}">'
        '<link rel="canonical" href="https://harbour.example.org/notes/tides/">'
        "<title>Tide tables, read right</title>"
    )
    body = (
        f"<nav><a href='https://harbour.example.org/'>{home_text}</a></nav>"
        f"<h1>Tide tables, read right</h1><p>{byline or author_meta + ', April 19, 2020'}</p>"
        f"<article>{PROSE}</article>"
    )
    return page(head, body)


def test_a_blog_named_after_the_author_its_meta_declares(tmp_path: Path) -> None:
    draft = read_article(save(tmp_path, _personal_site("Ann Lee", "Ann Lee")))
    assert draft.author == "Ann Lee"
    assert any("blog's name" in guess for guess in draft.guesses)


@pytest.mark.parametrize(
    ("author_meta", "home_text", "byline"),
    [
        ("Ann Lee", "Home", "Ann Lee, April 19, 2020"),  # the home link does not read the name
        ("Harbour Notes", "Harbour Notes", "Updated weekly"),  # no byline with a date shows it
    ],
)
def test_a_declared_site_name_without_a_person_behind_it_is_no_author(
    tmp_path: Path, author_meta: str, home_text: str, byline: str
) -> None:
    handle = author_meta.replace(" ", "")
    draft = read_article(save(tmp_path, _personal_site(author_meta, home_text, handle=handle, byline=byline)))
    assert draft.author is None


def test_a_brand_named_like_its_address_is_no_author(tmp_path: Path) -> None:
    html = _personal_site("Ann Example", "Ann Example").replace("harbour.example.org", "annexample.org")
    assert read_article(save(tmp_path, html)).author is None


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


def test_the_publisher_in_meta_author_is_no_author(tmp_path: Path) -> None:
    html = page(
        "<meta name='author' content='Harbour Media Group'><meta name='DC.publisher' content='Harbour Media Group'>"
        "<meta property='og:title' content='Reading a tide table'>",
        f"<article><h1>Reading a tide table</h1><p class='byline'>By Ann Lee</p>{PROSE}</article>",
    )
    assert read_article(save(tmp_path, html)).author == "Ann Lee"


def test_twitter_creator_written_as_a_name_is_the_author(tmp_path: Path) -> None:
    head = "<meta property='og:title' content='Reading a tide table'>"
    named = page(f"{head}<meta name='twitter:creator' content='Ann Lee'>", f"<article>{PROSE}</article>")
    handle = page(f"{head}<meta name='twitter:creator' content='@annlee'>", f"<article>{PROSE}</article>")
    assert read_article(save(tmp_path, named, "named.html")).author == "Ann Lee"
    assert read_article(save(tmp_path, handle, "handle.html")).author is None


def test_names_in_a_recent_comments_widget_are_not_the_author(tmp_path: Path) -> None:
    html = page(
        "<meta property='og:title' content='Reading a tide table'>",
        f"<article>{PROSE}</article><div id='sidebar'><ul id='recentcomments'>"
        "<li class='recentcomments'><span class='comment-author-link'>Tom Berg</span> on Tides</li></ul></div>",
    )
    assert read_article(save(tmp_path, html)).author is None


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


def _story(shown: str, href: str = "/@ann/reading-tides-1a2b?source=post_page") -> str:
    return page(
        "<link rel='canonical' href='https://notes.example.net/@ann/reading-tides-1a2b'>"
        "<meta property='article:published_time' content='2018-01-19T17:06:07.358Z'>",
        f"<article><h1>Reading a tide table</h1><div class='byline'><a href='/@ann'>Ann Lee</a>"
        f"<a href='{href}'>{shown}</a></div>{PROSE}</article>",
    )


@pytest.mark.parametrize("shown", ["Aug8, 2016", "Aug 8, 2016", "8 August 2016"])
def test_the_day_a_story_shows_in_its_link_to_itself_before_a_later_declared_one_dates_it(
    tmp_path: Path, shown: str
) -> None:
    draft = read_article(save(tmp_path, _story(shown)))
    assert draft.date is not None and draft.date.date().isoformat() == "2016-08-08"
    assert any("link to itself" in guess for guess in draft.guesses)


@pytest.mark.parametrize(
    ("shown", "href"),
    [
        ("Aug 8, 2016", "/@ann/another-story-3c4d"),  # another story's date
        ("Aug 8, 2016", "/@ann/reading-tides-1a2b#comment-4"),  # a comment's permalink
        ("Jan 18, 2018", "/@ann/reading-tides-1a2b"),  # a day before: a zone or a slip, not a republication
        ("Mar 2, 2019", "/@ann/reading-tides-1a2b"),  # a later day: an update, not the first publication
    ],
)
def test_other_dates_in_links_leave_the_declared_date(tmp_path: Path, shown: str, href: str) -> None:
    draft = read_article(save(tmp_path, _story(shown, href)))
    assert draft.date is not None and draft.date.date().isoformat() == "2018-01-19"


def _issue(heading: str, head: str = "") -> str:
    return page(
        f"<title>Harbour Letters</title>{head}",
        f"<header><pre>Harbour Letters, a newsletter</pre></header><article><h1>{heading}</h1>{PROSE}</article>",
    )


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        (
            "&gt;&gt;&gt; 2020-11-28 the harbour at night",
            "the harbour at night",
        ),  # a prompt, then the issue's day
        ("2020-11-28: The harbour at night", "The harbour at night"),
        ("» The harbour at night", "The harbour at night"),
    ],
)
def test_an_issues_heading_loses_its_marks_and_the_day_it_is_dated(
    tmp_path: Path, heading: str, title: str
) -> None:
    draft = read_article(save(tmp_path, _issue(heading)))
    assert draft.title == title
    if "2020" in heading:
        assert draft.date is not None and draft.date.date().isoformat() == "2020-11-28"


@pytest.mark.parametrize(
    ("heading", "head"),
    [
        ("2020-11-28", ""),  # the day is all the heading says
        ("2020-11-28 the harbour at night", "<meta property='article:published_time' content='2021-03-04'>"),
        ("#1 harbour at night", ""),
        ("1984 and the harbour", ""),
        ("🌊 The harbour at night", ""),  # an emoji is part of the title as written
    ],
)
def test_a_heading_keeps_a_day_that_is_not_the_pages_and_its_own_signs(
    tmp_path: Path, heading: str, head: str
) -> None:
    assert read_article(save(tmp_path, _issue(heading, head))).title == heading


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


def test_a_brand_in_the_title_named_like_its_address_is_no_author(tmp_path: Path) -> None:
    html = _blog("Reading a tide table • Ann Lee", "/", canonical="https://www.ann-lee.example/tides")
    assert read_article(save(tmp_path, html)).author is None  # as 'Boing Boing' at boingboing.net


def _signed_blog(title: str, footer: str, site_name: str = "Harbour Notes") -> str:
    return page(
        f"<title>{title}</title><meta property='og:title' content='Reading a tide table'>"
        f"<meta property='og:site_name' content='{site_name}'>",
        f"<div class='post'><h2 class='post-title'>Reading a tide table</h2>{PROSE}</div>{footer}",
    )


@pytest.mark.parametrize(
    ("title", "footer", "expected"),
    [
        (
            "Reading a tide table :: Harbour Notes — Ann Lee",
            "<footer><div class='copyright copyright--user'>Ann Lee. Built with Hugo</div></footer>",
            "Ann Lee",
        ),
        (
            "Reading a tide table «  Dr. Ann B. Lee",
            "<div id='footer'>&copy; 2010 by Dr. Ann B. Lee | <a href='/impressum/'>Impressum</a></div>",
            "Dr. Ann B. Lee",
        ),
    ],
)
def test_a_blog_whose_footer_signs_the_name_its_title_ends_with_names_the_author(
    tmp_path: Path, title: str, footer: str, expected: str
) -> None:
    draft = read_article(save(tmp_path, _signed_blog(title, footer)))
    assert draft.author == expected
    assert any("blog's name" in guess for guess in draft.guesses)


@pytest.mark.parametrize(
    ("title", "footer"),
    [
        (
            "Reading a tide table :: Harbour Notes — Ann Lee",
            "<footer>&copy; 2011 Bob Roe</footer>",
        ),  # another
        ("Reading a tide table :: Harbour Notes — Ann Lee", "<aside><p>Ann Lee</p></aside>"),  # no footer
        ("Reading a tide table | Harbour Notes", "<footer>&copy; 2011 Harbour Notes</footer>"),  # the site
        ("Harbour Notes — Ann Lee", "<footer>&copy; 2011 Ann Lee</footer>"),  # no headline before it
    ],
)
def test_a_name_the_footer_does_not_sign_after_the_headline_names_nobody(
    tmp_path: Path, title: str, footer: str
) -> None:
    assert read_article(save(tmp_path, _signed_blog(title, footer))).author is None


def _site_named_after(footer: str) -> str:
    # a site whose address spells its writer's name ('Ann Lee' at annlee.example), titled 'Headline - Ann Lee'
    return page(
        "<link rel='canonical' href='https://annlee.example/notes/tides/'>"
        "<title>Reading a tide table - Ann Lee</title><meta property='og:title' content='Reading a tide table'>",
        f"<header><a href='/'>Ann</a></header><article><h1>Reading a tide table</h1>{PROSE}</article>{footer}",
    )


def test_a_footer_that_signs_in_the_first_person_names_the_writer_the_address_spells(tmp_path: Path) -> None:
    # 'opinions ... are my own': the copyright holder is a person, where a brand's footer says 'we'
    footer = (
        "<footer><p>Copyright 2012-2026 Ann Lee. Any and all opinions listed here are my own.</p></footer>"
    )
    draft = read_article(save(tmp_path, _site_named_after(footer)))
    assert draft.author == "Ann Lee"
    assert any("blog's name" in guess for guess in draft.guesses)


@pytest.mark.parametrize(
    "footer",
    [
        "<footer><p>Copyright 2012-2026 Ann Lee. All our stories are checked by our editors.</p></footer>",
        "<footer><p>Copyright 2012-2026 Ann Lee.</p><div><p>Any and all opinions listed here are my own.</p></div></footer>",
    ],
)
def test_a_footer_that_signs_a_name_the_address_spells_without_an_i_names_nobody(
    tmp_path: Path, footer: str
) -> None:
    # a brand named like its address ('Boing Boing' at boingboing.net) signs its footer too
    assert read_article(save(tmp_path, _site_named_after(footer))).author is None


@pytest.mark.parametrize(
    "words",
    ["Our desk answers Mon-Fri.", "Read us every Mon and Thu.", "Tide tables, Part I to Part IV."],
)
def test_another_languages_first_person_word_is_no_i_in_an_english_footer(tmp_path: Path, words: str) -> None:
    # French 'mon' is English's Monday, and a roman numeral no pronoun: a brand's footer spoke as I
    # (found by review25)
    footer = f"<footer><p>Copyright 2012-2026 Ann Lee. {words}</p></footer>"
    assert read_article(save(tmp_path, _site_named_after(footer))).author is None


def test_a_footer_in_the_pages_own_language_speaks_as_i(tmp_path: Path) -> None:
    footer = "<footer><p>Copyright 2012-2026 Ann Lee. Les opinions sont les miennes, mon avis.</p></footer>"
    html = _site_named_after(footer).replace("lang='en'", "lang='fr-FR'", 1)
    assert "lang='fr-FR'" in html
    assert read_article(save(tmp_path, html)).author == "Ann Lee"


def _lower_case_signed(footer_links: str, line: str = "© 2014-2021 ines okafor") -> str:
    return page(
        "<title>Tide tables - Notes</title><meta property='og:site_name' content='Notes'>",
        f"<article><h1>Tide tables</h1>{PROSE}</article><footer id='footer'><ul>{footer_links}</ul>"
        f"<div class='copyright'><p>{line}</p></div></footer>",
    )


def test_a_lower_case_copyright_signature_that_a_profile_link_spells_names_the_writer(tmp_path: Path) -> None:
    # a name written in lower case, as some writers sign; the profile's address spells it with hyphens
    links = "<li><a href='https://linkedin.example.com/in/ines-okafor-b05452'>LinkedIn</a></li>"
    draft = read_article(save(tmp_path, _lower_case_signed(links)))
    assert draft.author == "ines okafor"
    assert any("copyright line" in guess for guess in draft.guesses)


@pytest.mark.parametrize(
    ("links", "line"),
    [
        (
            "<li><a href='https://code.example.com/harbournotes'>Code</a></li>",
            "© 2014-2021 ines okafor",
        ),  # no profile
        (
            "<li><a href='https://social.example.com/ines-okafor'>Me</a></li>",
            "© 2021 harbour notes, all rights",
        ),
        ("<li><a href='/tags/ines-okafor'>Tag</a></li>", "© 2014-2021 ines okafor"),  # the site's own page
    ],
)
def test_a_lower_case_footer_line_without_a_profile_spelling_it_names_nobody(
    tmp_path: Path, links: str, line: str
) -> None:
    assert read_article(save(tmp_path, _lower_case_signed(links, line))).author is None


def _review(head: str = "", footer: str = "") -> str:
    standfirst = "A review of The Tide Atlas by Ann Lee"
    return page(
        f"<title>Reading the sea</title><meta name='description' content='{standfirst}'>"
        f"<meta property='og:site_name' content='Harbour Notes'>{head}",
        f"<div class='content'><h1 class='title'>Reading the sea</h1><h2 class='subtitle'>{standfirst}</h2>"
        f"<p class='date'>November 6, 2020 · 12 min read</p>{PROSE}</div>{footer}",
    )


@pytest.mark.parametrize("credit", ["</a> by Ann Lee.", "</a>, by Ann Lee."])
def test_a_line_crediting_the_work_it_links_to_is_no_byline(tmp_path: Path, credit: str) -> None:
    html = page(
        "<title>Reading the sea</title>",
        "<div class='content'><h1>Reading the sea</h1><p>That book is out now, at last: "
        f"<a href='https://books.example.org/atlas'><em>The Tide Atlas</em>{credit}</p>{PROSE}</div>",
    )
    assert read_article(save(tmp_path, html)).author is None  # the linked book's writer


def test_a_standfirst_the_page_declares_as_its_description_is_no_byline(tmp_path: Path) -> None:
    assert read_article(save(tmp_path, _review())).author is None  # the reviewed book's writer


@pytest.mark.parametrize(
    ("creator", "footer"),
    [
        (
            "@boblroe",
            "<div class='footer'><p class='copyright'>Copyright © Bob L. Roe. Some rights reserved</p></div>",
        ),
        ("@bobroe", "<footer>&copy; 2012–2020 Bob Roe · <a href='/feed.xml'>RSS</a></footer>"),
        ("@bobby", "<footer><p>Copyright © Bobby Roe.</p></footer>"),  # one word of four letters or more
    ],
)
def test_the_declared_creator_whose_handle_spells_the_footers_signatory_is_the_author(
    tmp_path: Path, creator: str, footer: str
) -> None:
    head = (
        f"<meta name='twitter:site' content='@harbournotes'><meta name='twitter:creator' content='{creator}'>"
    )
    draft = read_article(save(tmp_path, _review(head, footer)))
    assert draft.author is not None and draft.author.startswith("Bob") and draft.author.endswith("Roe")
    assert any("footer" in guess for guess in draft.guesses)


@pytest.mark.parametrize(
    ("creator", "site", "footer"),
    [
        ("@carlsmith", "@harbournotes", "<footer>&copy; 2012 Bob Roe</footer>"),  # another person
        ("@roe", "@harbournotes", "<footer>&copy; 2012 Bob Roe</footer>"),  # too short a word to tell
        ("@bobroe", "@harbournotes", "<aside>&copy; 2012 Bob Roe</aside>"),  # not in the footer
        ("@harbournotes", "@harbournotes", "<footer>&copy; 2012 Harbour Notes</footer>"),  # the site itself
        ("@bobroe", "@bobroe", "<footer>&copy; 2012 Bob Roe</footer>"),  # the site's own account
    ],
)
def test_a_footer_name_the_declared_creator_does_not_spell_names_nobody(
    tmp_path: Path, creator: str, site: str, footer: str
) -> None:
    head = f"<meta name='twitter:site' content='{site}'><meta name='twitter:creator' content='{creator}'>"
    assert read_article(save(tmp_path, _review(head, footer))).author is None


def _article(tmp_path: Path, head: str, body: str) -> object:
    return read_article(save(tmp_path, page(head, body)))


# --- a company in <meta name=author> ----------------------------------------------------------------


def test_a_company_in_meta_author_yields_to_the_byline(tmp_path: Path) -> None:
    draft = read_article(
        save(
            tmp_path,
            page(
                '<meta name="author" content="Hafenblatt Verlag GmbH, Kiel, Germany">',
                "<article><h1>Reading a tide table</h1><p class='byline'>Von Jana Petersen</p>"
                f"{PROSE}</article>",
            ),
        )
    )
    assert draft.author == "Jana Petersen"


@pytest.mark.parametrize(
    "credit",
    [
        "Theme by <a href='https://themes.example.com/'>Carl Dunn</a>",
        "Design von <a href='https://themes.example.com/' title='Carl Dunn'>Carl Dunn</a>",
        "WordPress template designed by Carl Dunn",
    ],
)
def test_the_themes_maker_in_meta_author_is_no_author(tmp_path: Path, credit: str) -> None:
    # a theme writes its maker into every page's <meta name=author> and credits him in the footer
    body = f"<article><h1>Reading a tide table</h1>{PROSE}</article><footer><aside>{credit}</aside></footer>"
    draft = read_article(save(tmp_path, page('<meta name="author" content="Carl Dunn">', body)))
    assert draft.author is None


def test_a_writer_in_meta_author_who_also_made_the_theme_is_still_the_author_when_the_byline_says_so(
    tmp_path: Path,
) -> None:
    body = (
        f"<article><h1>Reading a tide table</h1><p class='byline'>By Carl Dunn</p>{PROSE}</article>"
        "<footer>Theme by Carl Dunn</footer>"
    )
    draft = read_article(save(tmp_path, page('<meta name="author" content="Carl Dunn">', body)))
    assert draft.author == "Carl Dunn"


def test_initials_that_look_like_a_legal_form_stay_a_name(tmp_path: Path) -> None:
    draft = read_article(
        save(
            tmp_path, page('<meta name="author" content="James S.A. Corey">', f"<h1>Tide tables</h1>{PROSE}")
        )
    )
    assert draft.author == "James S.A. Corey"


# --- which <time> dates the article ------------------------------------------------------------


def test_times_of_other_articles_and_comments_do_not_date_the_page(tmp_path: Path) -> None:
    body = (
        "<aside><article><h3><a href='/other'>Ferry timetable</a></h3>"
        "<time datetime='2024-09-01T08:00:00Z' pubdate>1 Sept</time></article></aside>"
        "<article><header><h1>Reading a tide table</h1>"
        "<p><time datetime='2024-05-02T10:00:00Z'>2 May 2024</time></p></header>"
        f"{PROSE}<div class='comments'><time datetime='2024-05-03T09:00:00Z'>3 May</time></div></article>"
    )
    draft = read_article(save(tmp_path, page("", body)))
    assert draft.date == datetime(2024, 5, 2, 10, 0, tzinfo=UTC)


def test_a_time_inside_a_quoted_post_does_not_date_the_page(tmp_path: Path) -> None:
    # an embedded social post is a <blockquote> (another source's words) carrying that post's own time
    embed = (
        "<blockquote class='social-embed'><p>Low water at noon today</p><p>A post shared by "
        "<a href='https://social.example.org/harbour'>Harbour Office</a> on "
        "<time datetime='2023-03-12T19:30:12+00:00'>Mar 12, 2023</time></p></blockquote>"
    )
    body = (
        "<h1>Reading a tide table</h1><p class='date'>Tuesday, 29 January 2024</p>"
        f"<div>{PROSE}{embed}<p>{'The tables still decide the day. ' * 3}</p></div>"
    )
    draft = read_article(save(tmp_path, page("<title>Reading a tide table</title>", body)))
    assert draft.date is not None and draft.date.date() == datetime(2024, 1, 29).date()


def test_a_time_in_a_quotation_still_dates_a_page_that_has_no_other(tmp_path: Path) -> None:
    # a quotation's time is only set aside for the page's own statements; the page search still sees it
    body = (
        "<h1>Reading a tide table</h1>"
        f"<div>{PROSE}<blockquote><p>Posted on <time datetime='2024-05-02'>2 May 2024</time></p></blockquote></div>"
    )
    draft = read_article(save(tmp_path, page("<title>Reading a tide table</title>", body)))
    assert draft.date is not None and draft.date.date() == datetime(2024, 5, 2).date()


def _old_blog_post(footer: str, comments: str = "") -> str:
    # a blog theme of the 2000s: no date declared, none under the headline, the post's own sentence
    # after it saying when it went out; the text links older posts by their dated addresses
    older = "".join(
        f"<a href='http://tides.example.net/news/2010/0{m}/post-{m}/'>an earlier post</a> " for m in (3, 6)
    )
    return page(
        "<title>Neap tides « Ann Lee</title>",
        f"<div class='post'><h1>Neap tides</h1><div class='entry'>{PROSE}<p>See {older}.</p></div>"
        f"<p class='postmetadata'>{footer}</p></div>{comments}",
    )


@pytest.mark.parametrize(
    "footer",
    [
        "This entry was posted on Saturday, December 3rd, 2011 at 10:12 am and is filed under Tides. "
        "You can follow any responses to this entry through the RSS 2.0 feed.",
        "Dieser Beitrag wurde am Samstag, 3. Dezember 2011 um 10:12 Uhr veröffentlicht und unter Gezeiten gespeichert.",
        "Cet article a été publié le samedi 3 décembre 2011 dans Marées.",
    ],
)
def test_the_posts_own_sentence_saying_when_it_was_published_dates_it(tmp_path: Path, footer: str) -> None:
    draft = read_article(save(tmp_path, _old_blog_post(footer)))
    assert draft.date is not None and draft.date.date() == datetime(2011, 12, 3).date()


def test_a_commenters_sentence_about_a_post_does_not_date_the_page(tmp_path: Path) -> None:
    comments = (
        "<ol class='commentlist'><li class='comment'><p>This post was published on 4 May 2009 "
        "in the harbour gazette too.</p></li></ol>"
    )
    draft = read_article(save(tmp_path, _old_blog_post("Filed under Tides.", comments)))
    assert draft.date is None or draft.date.date() != datetime(2009, 5, 4).date()


def test_times_in_a_list_of_dated_posts_do_not_date_the_page(tmp_path: Path) -> None:
    # a blog's thread of posts after the article, each item a link and its date, this post among them
    thread = "".join(
        f"<li><a href='/blog/{slug}'>{title}</a> <span><time datetime='{day}'>{day}</time> by Ann Lee</span></li>"
        for slug, title, day in [
            ("later", "Tide clocks", "2024-07-30"),
            ("tables", "Reading a tide table", "2024-06-27"),
            ("earlier", "Neap tides", "2024-05-02"),
        ]
    )
    body = (
        "<h1>Reading a tide table</h1><ul class='info'><li>26 June 2024</li><li>By Ann Lee</li></ul>"
        f"<div>{PROSE}</div><div><h2>The blog's thread</h2><ul>{thread}</ul></div>"
    )
    draft = read_article(save(tmp_path, page("<title>Reading a tide table</title>", body)))
    assert draft.date is not None and draft.date.date() == datetime(2024, 6, 26).date()


@pytest.mark.parametrize(
    "stamp",
    [
        "<span class='updated'>2019-01-07T17:27:31+02:00</span>",
        "<span itemprop='dateModified'>2019-01-07</span>",
    ],
)
def test_an_update_stamp_marked_in_the_line_under_the_headline_does_not_date_the_page(
    tmp_path: Path, stamp: str
) -> None:
    # hAtom's 'updated' (schema.org's dateModified) beside the day the post shows
    body = (
        "<h1>Reading a tide table</h1><div class='meta-info'><span class='vcard'><a href='/author/admin/'>"
        f"TideWriter</a></span>{stamp}<span>19 June 2018</span>"
        f"<span>|</span><a href='/category/tides'>Tides</a></div><div>{PROSE}</div>"
    )
    draft = read_article(save(tmp_path, page("<title>Reading a tide table</title>", body)))
    assert draft.date is not None and draft.date.date() == datetime(2018, 6, 19).date()


def test_a_time_whose_text_states_another_day_is_dated_by_its_text(tmp_path: Path) -> None:
    body = (
        "<article><header><h1>Reading a tide table</h1>"
        "<div class='time'><time datetime='2024-05-09T10:18:46Z'>Published on 2 May 2024</time></div>"
        f"</header>{PROSE}</article>"
    )
    draft = read_article(save(tmp_path, page("", body)))
    assert draft.date is not None and draft.date.date() == datetime(2024, 5, 2).date()


def test_a_time_in_another_language_is_read_by_htmldate(tmp_path: Path) -> None:
    body = (
        "<article><header><h1>Lire une table des marées</h1>"
        "<time datetime='2024-05-09T10:18:46Z'>Publié le 2 mai 2024</time></header>"
        f"{PROSE}</article>"
    )
    draft = read_article(save(tmp_path, page("", body)))
    assert draft.date is not None and draft.date.date() == datetime(2024, 5, 2).date()


def test_a_time_whose_text_agrees_keeps_its_moment(tmp_path: Path) -> None:
    body = (
        "<article><h1>Reading a tide table</h1>"
        f"<time datetime='2024-05-02T10:18:46Z'>May 2, 2024</time>{PROSE}</article>"
    )
    draft = read_article(save(tmp_path, page("", body)))
    assert draft.date == datetime(2024, 5, 2, 10, 18, 46, tzinfo=UTC)


# --- a section's name after the headline ----------------------------------------------------------


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


# --- bylines ---------------------------------------------------------------------------------------


def test_a_dated_byline_in_the_entry_footer_names_the_author(tmp_path: Path) -> None:
    body = (
        f"<h1>Reading a tide table</h1><div class='entry'>{PROSE * 3}</div>"
        "<div class='entry-footer'>Von Jonas am 03.05.2013, 11:51 | 0 Kommentare | Segeln</div>"
        "<div class='comments'><p>Von Maren am 04.05.2013, 09:10</p><p>Danke!</p></div>"
    )
    assert read_article(save(tmp_path, page("", body))).author == "Jonas"


def test_a_dated_byline_only_in_the_comments_names_nobody(tmp_path: Path) -> None:
    body = (
        f"<h1>Reading a tide table</h1><div class='entry'>{PROSE * 3}</div>"
        "<div class='comments'><p>Von Maren am 04.05.2013, 09:10</p><p>Danke!</p></div>"
    )
    assert read_article(save(tmp_path, page("", body))).author is None


def test_another_storys_card_does_not_lend_its_byline(tmp_path: Path) -> None:
    card = (
        "<a class='teaser' href='/2024/06/ferries'><h3>Ferry timetable changes</h3>"
        "<p class='teaser-author'>By Tom Berg</p></a>"
    )
    body = (
        "<article><h1>Reading a tide table</h1>"
        "<div class='authors'><div class='author-popup'>Lena Holm writes about the coast for us since "
        "2010 and sails whenever the weather allows it.</div><strong>By Lena Holm</strong></div>"
        f"{PROSE}{card}</article>"
    )
    assert read_article(save(tmp_path, page("", body))).author == "Lena Holm"


def test_a_link_around_an_avatar_and_a_name_is_a_byline(tmp_path: Path) -> None:
    body = (
        "<article><h1>Reading a tide table</h1>"
        "<a class='author' href='/authors/lena'><img src='lena.jpg' alt=''>Lena Holm</a>"
        f"{PROSE}</article>"
    )
    assert read_article(save(tmp_path, page("", body))).author == "Lena Holm"


# --- pages: the site's name before the headline, a dated byline, what sits beside the headline --


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
    ("byline", "expected"),
    [
        ("06 Mar 2019 Ann Lee (@annlee)", "Ann Lee"),
        ("25 Nov 2019 Ann Lee (@annlee) &amp; Bob Roe (@bobroe)", "Ann Lee & Bob Roe"),
        ("06 Mar 2019 harbour-notes", None),  # a user name
        ("06 Mar 2019 Harbour masters publish tables", None),  # prose after a date
    ],
)
def test_a_byline_that_opens_with_its_date(tmp_path: Path, byline: str, expected: str | None) -> None:
    html = page(
        "<title>Tides</title>", f"<h1>Tide tables, read right</h1><article><p>{byline}</p>{PROSE}</article>"
    )
    draft = read_article(save(tmp_path, html))
    assert draft.author == expected
    assert draft.date is not None and draft.date.date().isoformat().endswith(
        "-11-25" if "Nov" in byline else "-03-06"
    )


SITE_WIDE_AUTHOR = '<meta name="author" content="Jeff Roe, Stefan Doe, et al.">'
HEADLINE_BLOCK = (
    "<div class='blog-title'><h1>Tide tables, read right</h1>"
    "<h3><span> 18 June 2019 </span> | <span><a href='/ann'>Ann Lee</a></span></h3></div>"
)
FOOTER = "<footer><p>Last modified: December 28, 2024. Powered by a generator.</p></footer>"


def test_the_date_and_byline_beside_the_headline(tmp_path: Path) -> None:
    html = page(f"<title>Tides</title>{SITE_WIDE_AUTHOR}", f"{HEADLINE_BLOCK}<div>{PROSE}</div>{FOOTER}")
    draft = read_article(save(tmp_path, html))
    assert draft.author == "Ann Lee"  # the declared names appear nowhere on the page
    assert draft.date is not None and draft.date.date().isoformat() == "2019-06-18"


def test_a_declared_author_the_page_shows_stays(tmp_path: Path) -> None:
    head = '<title>Tides</title><meta name="author" content="Bob Roe">'
    body = f"{HEADLINE_BLOCK}<div>{PROSE}<p>Bob Roe edits the harbour's tables.</p></div>"
    assert read_article(save(tmp_path, page(head, body))).author == "Bob Roe"


def test_an_update_beside_the_headline_is_no_publication_date(tmp_path: Path) -> None:
    body = "<h1>Tide tables, read right</h1><h3>Updated 18 June 2019 | Ann Lee</h3>" + f"<div>{PROSE}</div>"
    draft = read_article(save(tmp_path, page("<title>Tides</title>", body)))
    assert not any("the line under the headline" in guess for guess in draft.guesses)


def test_a_link_in_a_paragraph_is_no_byline(tmp_path: Path) -> None:
    prose = (
        "<p>The tables began as a volunteer project and grew slowly over the years, with readings "
        "from many harbours and much careful checking, until the work was <a href='/x'>initially "
        "donated by Apple</a> to the harbour office, which keeps them to this day for every sailor.</p>"
    )
    html = page("<title>Tides</title>", f"<h1>Tide tables, read right</h1><article>{prose}{PROSE}</article>")
    assert read_article(save(tmp_path, html)).author is None


@pytest.mark.parametrize(("content", "expected"), [("&lt;!–", None), ("How to read a tide table.", "How to")])
def test_a_description_without_words_is_none(tmp_path: Path, content: str, expected: str | None) -> None:
    head = f'<title>Tides</title><meta name="description" content="{content}">'
    description = read_article(
        save(tmp_path, page(head, f"<h1>Tides</h1><article>{PROSE}</article>"))
    ).description
    assert (description[:6] if description else None) == expected


# --- an account's name credited beside the post's date -----------------------------------------


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("<small>11.05.2012, 10:22 von kaimorgen</small>", "kaimorgen"),
        (
            "<div class='submitted'>Gespeichert von <span class='username'>rasos</span> am 24. Juli 2017</div>",
            "rasos",
        ),
        ("<p class='meta'>Publié par mlefevre le 3 mars 2021</p>", "mlefevre"),
        ("<p>Posted by tidewatcher_7 on March 3, 2021</p>", "tidewatcher_7"),
        # no date beside it: a lower-case word after 'by' is no author
        ("<p>Posted by tidewatcher</p>", None),
        # a date, but the line is prose, not a byline
        (
            "<p>The tables were drawn up by hand on 3 March 2021 and again by volunteers in the spring.</p>",
            None,
        ),
        # a role, not an account
        ("<p>11.05.2012 von admin</p>", None),
    ],
    ids=["date-then-account", "drupal-submitted", "french", "english", "undated", "prose", "role"],
)
def test_a_lower_case_account_counts_only_in_a_dated_byline(
    tmp_path: Path, byline: str, expected: str | None
) -> None:
    html = page("<title>Tides</title>", f"<article><h1>Tides</h1>{byline}{PROSE}</article>")
    assert read_article(save(tmp_path, html)).author == expected


def test_an_account_in_the_comments_is_no_author(tmp_path: Path) -> None:
    comments = (
        "<ol class='commentlist'><li><cite>Reply by harbourfan on 12.05.2012</cite><p>Nice.</p></li></ol>"
    )
    html = page("<title>Tides</title>", f"<article><h1>Tides</h1>{PROSE}</article>{comments}")
    assert read_article(save(tmp_path, html)).author is None


# --- titles: a site in full-width brackets, a summary shared as og:title, a numbered issue ------


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


# --- authors: credits of linked pieces, a newsletter's curator ----------------------------------


def test_a_credit_of_a_linked_piece_is_no_byline(tmp_path: Path) -> None:
    item = (
        "<div><h3><a href='https://cur.example/x'>Why tides matter</a></h3><p>A fine read on tides.</p>"
        "<p><a href='https://other.example/tides'>Tides, explained</a> by <a href='https://other.example/ann'>"
        "Ann Lee</a></p></div>"
    )
    html = page(
        "<title>Harbour Weekly - Issue 9</title>", f"<article><h1>Issue 9</h1>{item}{PROSE}</article>"
    )
    assert read_article(save(tmp_path, html)).author is None


def test_the_footers_curator_is_the_author_when_nothing_else_names_one(tmp_path: Path) -> None:
    footer = "<footer><p>©2018 Harbour Weekly | Terms | Curated by Ann Lee | @annlee on Twitter</p></footer>"
    html = page(
        "<title>Harbour Weekly - Issue 9</title>", f"<article><h1>Issue 9</h1>{PROSE}</article>{footer}"
    )
    assert read_article(save(tmp_path, html)).author == "Ann Lee"


def test_a_byline_wins_over_the_footers_curator(tmp_path: Path) -> None:
    footer = "<footer><p>Curated by Ann Lee</p></footer>"
    byline = "<p class='byline'>By Tom Reyes</p>"
    html = page("<title>Tides</title>", f"<article><h1>Tides</h1>{byline}{PROSE}</article>{footer}")
    assert read_article(save(tmp_path, html)).author == "Tom Reyes"


def test_a_dated_byline_is_looked_for_in_lines_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The blocks of a page nested hundreds deep each hold the rest of it: a line is read
    until it is longer than a byline can be, not to its end."""
    import digest.sources.importer.bylines as bylines
    from digest.sources.importer.authornames import BYLINE_MAX_CHARS

    lines: list[str] = []
    credited = bylines._credited_account
    monkeypatch.setattr(bylines, "_credited_account", lambda line: lines.append(line) or credited(line))
    sentence = "The tables tell a sailor when the water is deep enough to leave the harbour. "
    nested = f"<div>{sentence}" * 100 + "</div>" * 100
    body = f"<h1>Reading a tide table</h1>{nested}<div class='footer'>11.05.2012, 10:22 von jovelstefan</div>"
    assert read_article(save(tmp_path, page("", body))).author == "jovelstefan"
    assert lines and max(len(line) for line in lines) <= BYLINE_MAX_CHARS


def test_a_handle_after_the_bylines_name_is_dropped(tmp_path: Path) -> None:
    byline = (
        "<p class='byline'>By <em><a href='/users/annlee'>Ann Lee</a></em> "
        "<a href='https://social.example/annlee' class='twitter'>@annlee</a><br>"
        "<span class='timestamp'>on June 26, 2014 at 9:00a</span></p>"
    )
    teaser = "<ul class='carousel'><li><a href='/other' class='byline'>Tom Reyes</a></li></ul>"
    html = page("<title>Tides</title>", f"<article><h1>Tides</h1>{byline}{PROSE}</article>{teaser}")
    assert read_article(save(tmp_path, html)).author == "Ann Lee"


def test_a_signature_marked_firma_names_the_author(tmp_path: Path) -> None:
    firma = "<p class='firma'><em>Ángeles Escrivá</em> | <span class='localizacion'>Madrid</span></p>"
    html = page(
        "<meta name='author' content='example.es'><title>Mareas | example.es</title>",
        f"<div><h1>Mareas</h1>{firma}{PROSE}</div>",
    )
    assert read_article(save(tmp_path, html)).author == "Ángeles Escrivá"


@pytest.mark.parametrize(
    "signature, name",
    [
        ("최윤호 기자 uknow@news.example", "최윤호"),
        ("（记者 张三）", "张三"),
        ("（记者张三）", "张三"),
        ("记者 张三", "张三"),
        ("山田太郎記者", "山田太郎"),
        # the signature only as a link to the reporter's page
        ("<a href='/reporter/hong'>홍길동 기자</a>", "홍길동"),
        (
            "<a href='/reporter/hong'>홍길동 기자</a> <a href='mailto:hong@news.example'>hong@news.example</a>",
            "홍길동",
        ),
    ],
)
def test_a_reporters_signature_at_the_storys_foot_names_the_author(
    tmp_path: Path, signature: str, name: str
) -> None:
    share = "<ul class='share'><li><a href='#'><img src='fb.gif' alt='Facebook'></a></li></ul>"
    html = page("<title>Tides</title>", f"<div><h1>Tides</h1>{PROSE}<p>{signature}</p>{share}</div>")
    assert read_article(save(tmp_path, html)).author == name


@pytest.mark.parametrize(
    "foot",
    [
        "박채규 대표",
        # A word that opens with the title is no signature: Korean sites' buttons beside the
        # reporter's name ('subscribe', 'profile'), 'press conference', 'reporter's notes',
        # 'list of reporters'. A Korean paper names the reporter before the title.
        "기자 구독",
        "기자 프로필",
        "기자회견",
        "記者会見",
        "记者手记",
        "記者一覧",
    ],
)
def test_a_name_with_a_title_but_no_reporters_is_no_signature(tmp_path: Path, foot: str) -> None:
    html = page("<title>Tides</title>", f"<div><h1>Tides</h1>{PROSE}<p>{foot}</p></div>")
    assert read_article(save(tmp_path, html)).author is None


def test_links_to_other_reporters_pages_in_a_list_name_no_author(tmp_path: Path) -> None:
    others = "<ul class='reporters'><li><a href='/reporter/kim'>김철수 기자</a></li><li><a href='/reporter/lee'>이영희 기자</a></li></ul>"
    html = page("<title>Tides</title>", f"<div><h1>Tides</h1>{PROSE}</div>{others}")
    assert read_article(save(tmp_path, html)).author is None


def test_a_pictures_address_in_the_opening_dates_nothing(tmp_path: Path) -> None:
    picture = "<p><img src='https://img.example/news/2013/10/23/photo.jpg'></p>"
    html = page(
        "<title>Tides</title>",
        f"<div><h1>Tides</h1><p class='title_foot'>기사입력 <span class='date'>2013-10-24 03:00:00</span></p>"
        f"{picture}{PROSE}</div>",
    )
    found = read_article(save(tmp_path, html)).date
    assert found is not None and found.date() == datetime(2013, 10, 24).date()


def test_a_forum_posts_byline_with_a_guillemet_before_its_date_names_the_author(tmp_path: Path) -> None:
    first = (
        "<div class='post'><p class='author'>by <a href='./memberlist.php?u=5'>Ann Lee</a> &raquo; "
        f"Mon Jan 02, 2017 10:00 am</p><div class='content'>{PROSE}</div></div>"
    )
    html = page("<title>Reading tide tables - Sailing Forum</title>", f"<h2>Reading tide tables</h2>{first}")
    assert read_article(save(tmp_path, html)).author == "Ann Lee"


@pytest.mark.parametrize(
    "lang, byline, name",
    [
        ("ru", "Автор: Иван Петров", "Иван Петров"),
        ("pl", "Autor: Jan Kowalski", "Jan Kowalski"),
        ("tr", "Yazar: Ahmet Yılmaz", "Ahmet Yılmaz"),
        ("zh-CN", "作者：张三", "张三"),
        ("ar", "بقلم: محمد علي", "محمد علي"),
        ("hi", "लेखक: राम शर्मा", "राम शर्मा"),
        ("ru", "Иван Петров", "Иван Петров"),
    ],
)
def test_a_marked_byline_in_any_script_and_its_label_name_the_author(
    tmp_path: Path, lang: str, byline: str, name: str
) -> None:
    html = (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>Tides</title></head><body>"
        f"<article><h1>Tides</h1><div class='meta'><span class='byline'>{byline}</span> "
        f"<span class='date'>12.03.2021</span></div>{PROSE}</article></body></html>"
    )
    assert read_article(save(tmp_path, html)).author == name


def test_a_label_in_a_script_without_capitals_beside_a_date_is_no_name(tmp_path: Path) -> None:
    dateline = "<p class='title_foot'>기사입력 <span>2013-10-24 03:00:00</span></p>"
    html = page("<title>Tides</title>", f"<div><h1>Tides</h1>{dateline}{PROSE}</div>")
    assert read_article(save(tmp_path, html)).author is None


def test_lower_case_words_in_a_cased_script_are_no_name(tmp_path: Path) -> None:
    byline = "<span class='byline'>читать далее</span>"
    html = page("<title>Tides</title>", f"<article><h1>Tides</h1>{byline}{PROSE}</article>")
    assert read_article(save(tmp_path, html)).author is None


@pytest.mark.parametrize(
    "lang, dateline", [("ja", "投稿日：2021年3月12日"), ("ko", "2021년 3월 12일"), ("ru", "12 марта 2021 г.")]
)
def test_a_dateline_beside_the_headline_is_read_in_its_language(
    tmp_path: Path, lang: str, dateline: str
) -> None:
    html = (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>Tides</title></head><body>"
        f"<article><h1>Tides</h1><div class='meta'>{dateline}</div>{PROSE}</article></body></html>"
    )
    found = read_article(save(tmp_path, html)).date
    assert found is not None and found.date() == datetime(2021, 3, 12).date()


def test_a_byline_of_thousands_of_handles_is_read_in_time(tmp_path: Path) -> None:
    """The pattern taking the handles off a byline's end went over the rest of the text from
    every space before one: 9 s for a byline of 12,000 handles, four times that at each doubling."""
    from tests.helpers import ends_in_time

    byline = "<p class='author'>By Ann Lee" + " @a" * 40_000 + " x</p>"
    html = page("<title>Tides</title>", f"<div><h1>Tides</h1>{byline}{PROSE}</div>")
    ends_in_time(tmp_path, "handles.html", html, "digest.sources.importer.read_article")


def test_a_bylines_handle_is_taken_off_its_name(tmp_path: Path) -> None:
    byline = "<p class='author'>By Ann Lee @annlee (@ann.lee)</p>"
    html = page("<title>Tides</title>", f"<div><h1>Tides</h1>{byline}{PROSE}</div>")
    assert read_article(save(tmp_path, html)).author == "Ann Lee"


# --- bylines: a label of its own, teasers' bylines -------------------------------------------------


def test_a_byline_label_in_an_element_of_its_own_is_no_name(tmp_path: Path) -> None:
    byline = (
        "<div class='byline'><div class='field-byline-description'>Story By</div> "
        "<a href='/people/ann-lee'>Ann Lee</a></div>"
    )
    html = page(
        "<title>Reading a tide table</title>",
        f"<article><h1>Reading a tide table</h1>{byline}{PROSE}</article>",
    )
    assert read_article(save(tmp_path, html)).author == "Ann Lee"


def test_the_bylines_of_teasers_under_linked_headlines_are_not_the_pages(tmp_path: Path) -> None:
    # A radio episode's page lists its stories: each a linked headline, a byline and a summary.
    teasers = "".join(
        f"<div class='row'><h3><a href='/stories/{slug}'>{title}</a></h3>"
        f"<div class='byline'>by <a href='/people/{slug}'>{name}</a> | Apr 19, 2013</div>"
        f"<div class='lede'>{summary}</div></div>"
        for slug, title, name, summary in (
            (
                "gauges",
                "Are tide gauges ready for the storm season?",
                "Ann Lee",
                "Gauges along the coast are old.",
            ),
            (
                "charts",
                "Everything you need to know about new charts",
                "Tom Berg",
                "The charts change next month.",
            ),
        )
    )
    body = f"<div class='episode'><h1>Harbour Hour for Friday, April 19, 2013</h1>{PROSE}</div>{teasers}"
    assert read_article(save(tmp_path, page("<title>Harbour Hour</title>", body))).author is None


def test_a_byline_with_a_colon_after_by_under_the_headline_names_the_author(tmp_path: Path) -> None:
    byline = "<div><span class='sbhd'>By: <a href='/id/1'>Ann Lee</a><br>Harbour News Executive Editor</span></div>"
    html = page(
        "<title>Reading a tide table</title>", f"<h1>Reading a tide table</h1>{byline}<div>{PROSE}</div>"
    )
    assert read_article(save(tmp_path, html)).author == "Ann Lee"


# --- JSON-LD: a @graph whose article names its author by reference ---------------------------------

GRAPH = (
    '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
    '{"@type": "WebPage", "@id": "https://harbour.example/tides/#webpage", "name": "Reading a tide table"},'
    '{"@type": "NewsArticle", "@id": "https://harbour.example/tides/#article", "headline": "Reading a tide table",'
    ' "datePublished": "2023-05-05T23:00:57+00:00", "author": AUTHOR},'
    '{"@type": ["Person", "Organization"], "@id": "https://harbour.example/#/schema/person/757d",'
    ' "name": "Taylor Marsh"}]}</script>'
)


@pytest.mark.parametrize(
    "author",
    [
        '{"@id": "https://harbour.example/#/schema/person/757d"}',  # a reference to a node of the @graph
        '[{"@id": "https://harbour.example/#/schema/person/757d"}]',
        # a reference that also says the node's type, but not its name
        '{"@type": "Person", "@id": "https://harbour.example/#/schema/person/757d"}',
        '{"@type": ["Person", "Organization"], "name": "Taylor Marsh"}',  # a person who is also a business
    ],
)
def test_a_json_ld_author_given_by_reference_or_as_a_person_and_organisation_is_read(
    tmp_path: Path, author: str
) -> None:
    head = "<title>Reading a tide table - Harbour News</title>" + GRAPH.replace("AUTHOR", author)
    draft = read_article(
        save(tmp_path, page(head, f"<article><h1>Reading a tide table</h1>{PROSE}</article>"))
    )
    assert draft.author == "Taylor Marsh"
    assert draft.date == datetime(2023, 5, 5, 23, 0, 57, tzinfo=UTC)


def test_the_article_node_of_a_graph_is_read_before_the_web_page_node_that_holds_it(
    tmp_path: Path,
) -> None:
    # Yoast's @graph dates the WebPage too, and lists it before the Article that names the author
    web_page = (
        '{"@type": "WebPage", "@id": "https://harbour.example/tides/#webpage", "name": "Reading a tide table",'
        ' "datePublished": "2023-05-05T23:00:57+00:00", "dateModified": "2023-05-08T10:00:00+00:00"},'
    )
    graph = GRAPH.replace(
        '"@graph": [{"@type": "WebPage", "@id": "https://harbour.example/tides/#webpage",'
        ' "name": "Reading a tide table"},',
        '"@graph": [' + web_page,
    )
    assert graph != GRAPH
    author = '{"@id": "https://harbour.example/#/schema/person/757d"}'
    head = "<title>Reading a tide table - Harbour News</title>" + graph.replace("AUTHOR", author)
    draft = read_article(
        save(tmp_path, page(head, f"<article><h1>Reading a tide table</h1>{PROSE}</article>"))
    )
    assert draft.author == "Taylor Marsh"
    assert draft.date == datetime(2023, 5, 5, 23, 0, 57, tzinfo=UTC)


# --- a wire story: the agency declared, the writer in the byline -----------------------------------

WIRE_BYLINE = (
    "<div class='comments_datetime relative'><p><span class='bold'>By ANN LEE</span> "
    "<span class='sep'>&nbsp;</span> 10/ 5/11 09:19 PM ET <span class='ap'>AP</span></p></div>"
)


def test_a_byline_in_a_line_named_for_comments_and_the_date_is_the_articles(tmp_path: Path) -> None:
    # 'comments_datetime': the line giving the date and the comment count, not a comment
    html = page("<title>Tides</title>", f"<h1>Tides</h1>{WIRE_BYLINE}<div>{PROSE}</div>")
    assert read_article(save(tmp_path, html)).author == "ANN LEE"  # as the page writes it


@pytest.mark.parametrize("agency", ["AP", "AFP", "U.P.I."])
def test_a_news_agency_declared_as_author_yields_to_the_writer_in_the_byline(
    tmp_path: Path, agency: str
) -> None:
    head = f"<title>Tides</title><meta name='author' content='{agency}'>"
    html = page(head, f"<h1>Tides</h1>{WIRE_BYLINE}<div>{PROSE}</div>")
    assert read_article(save(tmp_path, html)).author == "ANN LEE"


def test_a_news_agency_declared_as_author_stays_when_no_writer_is_named(tmp_path: Path) -> None:
    head = "<title>Tides</title><meta name='author' content='AP'>"
    html = page(head, f"<h1>Tides</h1><div>{PROSE}</div>")
    assert read_article(save(tmp_path, html)).author == "AP"


# --- titles in scripts written without spaces -------------------------------------------------------


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


# --- reporters named where Japanese and Chinese papers name them -----------------------------------


def test_a_japanese_dateline_names_the_reporter(tmp_path: Path) -> None:
    # 【place＝reporter】 opens a Japanese paper's story: the writer, where nothing else names one
    story = "１０日に行われたサッカーの試合で、バルセロナはアウェーで勝ち、４強入りに前進した。" * 3
    html = page(
        "<title>バルセロナが先勝</title>",
        f"<article><h1>バルセロナが先勝</h1><p>　【ロンドン＝岡田浩幸】{story}</p></article>",
    )
    assert read_article(save(tmp_path, html)).author == "岡田浩幸"


def test_a_japanese_dateline_crediting_an_agency_names_no_reporter(tmp_path: Path) -> None:
    story = "１０日に行われたサッカーの試合で、バルセロナはアウェーで勝ち、４強入りに前進した。" * 3
    html = page(
        "<title>バルセロナが先勝</title>",
        f"<article><h1>バルセロナが先勝</h1><p>【ロンドン＝共同】{story}</p></article>",
    )
    assert read_article(save(tmp_path, html)).author is None


@pytest.mark.parametrize(
    ("line", "names"), [("記者林悅／南市報導", "林悅"), ("記者王小明、李大華/台北報導", "王小明, 李大華")]
)
def test_a_chinese_reporters_line_names_the_reporters(tmp_path: Path, line: str, names: str) -> None:
    # '記者X／Y報導' (reporter X reporting from Y) opens a Taiwanese paper's story, after its picture
    story = "<p>44歲陳姓客運司機，7日凌晨在台南市永康區住處後陽台輕生，經送醫急救仍宣告不治。</p>" * 3
    html = page(
        "<title>客運司機輕生</title>",
        f"<article><h1>客運司機輕生</h1><p><img src=a.jpg alt='▲警方到場。'></p><p><strong>▲警方到場。（圖／記者翻攝）</strong></p>"
        f"<p>{line}</p>{story}</article>",
    )
    assert read_article(save(tmp_path, html)).author == names


def test_a_desks_compiled_report_names_no_reporter(tmp_path: Path) -> None:
    story = "<p>新北市新店區今日下午發生墜樓案件，一名男子送醫急救仍宣告不治，警方正在調查事發經過。</p>" * 3
    html = page(
        "<title>男子墜樓不治</title>",
        f"<article><h1>男子墜樓不治</h1><p>社會中心／綜合報導</p>{story}</article>",
    )
    assert read_article(save(tmp_path, html)).author is None


# --- a blogger's handle declared as the author -------------------------------------------------------


def test_a_persons_lower_case_handle_in_json_ld_is_the_author(tmp_path: Path) -> None:
    linked = (
        '<script type="application/ld+json">{"@context": "http://schema.org", "@type": "Article", '
        '"headline": "Tide tables", "author": {"@type": "Person", "name": "umputun"}}</script>'
    )
    html = page(f"<title>Tide tables</title>{linked}", f"<article><h1>Tide tables</h1>{PROSE}</article>")
    assert read_article(save(tmp_path, html)).author == "umputun"


@pytest.mark.parametrize(
    ("handle", "shown", "author"),
    [
        ("tidewriter_k3x9q2", False, None),  # a login with a generated suffix, never shown: an account
        ("tidewriter_k3x9q2", True, "tidewriter_k3x9q2"),  # the page calls the writer so
        ("umputun", False, "umputun"),  # a word the blogger goes by
    ],
)
def test_a_json_ld_handle_with_digits_is_the_author_only_where_the_page_shows_it(
    tmp_path: Path, handle: str, shown: bool, author: str | None
) -> None:
    linked = (
        '<script type="application/ld+json">{"@context": "http://schema.org", "@type": "Article", '
        f'"headline": "Tide tables", "author": {{"@type": "Person", "name": "{handle}"}}}}</script>'
    )
    foot = f"<p>Posted by {handle}</p>" if shown else ""
    html = page(
        f"<title>Tide tables</title>{linked}", f"<article><h1>Tide tables</h1>{PROSE}{foot}</article>"
    )
    assert read_article(save(tmp_path, html)).author == author


def test_a_lower_case_meta_author_the_byline_shows_is_the_author(tmp_path: Path) -> None:
    # an episode page's hCard byline and its <meta name=author> agree: the name the blogger goes by
    html = page(
        '<title>UWP - Episode 369</title><meta name="author" content="umputun">',
        f"<article><h2>UWP - Episode 369</h2><p><time datetime='2015-11-22'>2015-11-22</time></p>{PROSE}"
        '<footer><span class="byline author vcard"><span class="fn">umputun</span></span>'
        "<time datetime='2015-11-22'>2015-11-22</time></footer></article>",
    )
    assert read_article(save(tmp_path, html)).author == "umputun"


@pytest.mark.parametrize("declared", ["umputun", "admin"])
def test_a_lower_case_meta_author_the_page_never_shows_is_no_author(tmp_path: Path, declared: str) -> None:
    html = page(
        f'<title>Tide tables</title><meta name="author" content="{declared}">',
        f"<article><h1>Tide tables</h1>{PROSE}</article>",
    )
    assert read_article(save(tmp_path, html)).author is None


# --- a declared author the page never shows ----------------------------------------------------------


def _linked_author(name: str) -> str:
    return (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
        f'"headline": "北市士林年邁母子 住處身亡", "author": {{"@type": "Person", "name": "{name}"}}}}</script>'
    )


def test_a_json_ld_author_the_page_never_shows_yields_to_its_byline(tmp_path: Path) -> None:
    # the byline under the headline names the reporter; the structured data another (a template's
    # or an editor's), nowhere in the page a reader sees
    html = page(
        f"<title>北市士林年邁母子 住處身亡</title>{_linked_author('陳昱光')}",
        "<article><header><h1>北市士林年邁母子 住處身亡</h1><div class=meta-info><time datetime='2018-09-16 15:31'>"
        "2018/09/16</time><div class=source>中時</div><div class=author><a href='/reporter/899'>謝明俊</a></div>"
        f"</div></header><div class=article-body>{PROSE}</div></article>",
    )
    assert read_article(save(tmp_path, html)).author == "謝明俊"


def test_a_json_ld_author_stays_when_the_page_shows_no_other_byline(tmp_path: Path) -> None:
    html = page(
        f"<title>北市士林年邁母子 住處身亡</title>{_linked_author('陳昱光')}",
        f"<article><h1>北市士林年邁母子 住處身亡</h1>{PROSE}</article>",
    )
    assert read_article(save(tmp_path, html)).author == "陳昱光"


def test_a_json_ld_person_the_site_is_named_after_is_the_author(tmp_path: Path) -> None:
    html = page(
        "<title>Reading a tide table</title><meta property='og:site_name' content='Lee.'>"
        f"<meta name='twitter:site' content='@annlee'>{_linked_author('Ann Lee')}",
        f"<article><h1>Reading a tide table</h1>{PROSE}</article><footer>&copy; 2026 Lee.</footer>",
    )
    assert read_article(save(tmp_path, html)).author == "Ann Lee"  # a publication named after its writer
    brand = html.replace("Ann Lee", "AnnLee").replace("Lee.", "AnnLee")
    assert read_article(save(tmp_path, brand, "brand.html")).author is None  # the site typed as a Person


def test_a_meta_author_that_is_the_sites_own_name_is_still_no_author(tmp_path: Path) -> None:
    html = page(
        "<title>Reading a tide table</title><meta name='twitter:site' content='@annlee'>"
        "<meta name='author' content='Ann Lee'>",
        f"<article><h1>Reading a tide table</h1>{PROSE}</article>",
    )
    assert read_article(save(tmp_path, html)).author is None


def test_an_image_address_the_build_would_refuse_is_passed_over_for_the_next(tmp_path: Path) -> None:
    """A port past 65535 or a broken IPv6 host in og:image was written into the review, whose
    build then refused it: the page's next image is taken, as where og:image is missing."""
    for broken in ("https://cdn.example.org:99999/card.png", "https://[::1/card.png"):
        html = page(
            f'<meta property="og:image" content="{broken}">'
            '<meta name="twitter:image" content="https://cdn.example.org/card.png">'
            '<link rel="canonical" href="https://harbour.example.org/tides">',
            f"<article><h1>T</h1>{PROSE}<p><a href='{broken}'>the card</a></p></article>",
        )
        draft = read_article(save(tmp_path, html))
        assert draft.image == "https://cdn.example.org/card.png"


# --- a heading that opens with 'By' ----------------------------------------------------------------


@pytest.mark.parametrize(
    "heading", ["<h2>By Design</h2>", "<h2>By The Numbers</h2>", "<h1>By The Numbers</h1>"]
)
def test_a_heading_opening_with_by_names_no_author(tmp_path: Path, heading: str) -> None:
    draft = _article(tmp_path, "<title>Harbour notes</title>", f"<article>{heading}{PROSE}</article>")
    assert draft.author is None


def test_a_byline_set_as_a_heading_still_names_the_author(tmp_path: Path) -> None:
    draft = _article(
        tmp_path,
        "<title>Harbour notes</title>",
        f"<article><h1>Harbour notes</h1><h4>By Ann Lee</h4>{PROSE}</article>",
    )
    assert draft.author == "Ann Lee"


# --- datelines: a clock time and a zone beside the date, a masthead's <h1>, updates ---------------


@pytest.mark.parametrize(
    ("dateline", "expected"),
    [
        ("Sunday, 4 August 2013, 2:21 p.m. (GMT+04:00)", datetime(2013, 8, 4, 14, 21, tzinfo=UTC)),
        ("الأحد، 04 آب/أغسطس 2013، 02:21 (GMT+0400)", datetime(2013, 8, 4, 2, 21, tzinfo=UTC)),
    ],
)
def test_a_dateline_with_its_clock_time_and_zone_gives_the_date_and_time(
    tmp_path: Path, dateline: str, expected: datetime
) -> None:
    """The clock time and the zone are no words beside the date (a dateline is a few words at
    most), and the time is read with it."""
    html = page(
        "<title>Tides</title>", f"<div><h1>Tides</h1><div class='stamp'>{dateline}</div>{PROSE}</div>"
    )
    assert read_article(save(tmp_path, html)).date == expected


def test_the_headlines_dateline_is_read_under_a_mastheads_h1(tmp_path: Path) -> None:
    masthead = "<div class='masthead'><h1><a href='/'>Harbour News</a></h1><p>Menu Weather Sport</p></div>"
    html = page(
        "<title>Reading a tide table - Harbour News</title>",
        f"{masthead}<div><h1>Reading a tide table</h1><div>الأحد، 04 آب/أغسطس 2013</div>{PROSE}</div>",
    )
    assert read_article(save(tmp_path, html)).date == datetime(2013, 8, 4, tzinfo=UTC)


@pytest.mark.parametrize(
    "stamp", ["الأحد، 04 آب/أغسطس 2013، آخر تحديث 02:21 (GMT+0400)", "Sunday, 4 August 2013, updated 02:21"]
)
def test_a_stamp_of_the_last_update_gives_way_to_the_address(tmp_path: Path, stamp: str) -> None:
    html = page(
        "<title>Tides</title><link rel='canonical' href='https://news.example.com/2013/middle_east/8/3/tides/'>",
        f"<div><h1>Tides</h1><div class='stamp'>{stamp}</div>{PROSE}</div>",
    )
    assert read_article(save(tmp_path, html)).date == datetime(2013, 8, 3, tzinfo=UTC)


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


def test_a_byline_block_with_a_date_and_a_section_names_its_author_archive_link(tmp_path: Path) -> None:
    # the block reads 'Ann Lee 28 kwietnia 2021 Tides': no name as a whole; its link to the
    # author's archive (WordPress's /author/slug/) is the name
    html = page(
        "<meta property='og:title' content='Reading a tide table'>",
        "<h1>Reading a tide table</h1>"
        "<div class='entry-autor'><a href='https://harbour.example.org/author/ann-lee/'>Ann Lee</a>"
        " <span>28 kwietnia 2021</span> <a href='/category/tides/'>Tides</a></div>"
        f"<article>{PROSE}</article>",
    )
    assert read_article(save(tmp_path, html)).author == "Ann Lee"


def test_a_byline_block_whose_text_is_a_name_keeps_all_its_names(tmp_path: Path) -> None:
    html = page(
        "<meta property='og:title' content='Reading a tide table'>",
        "<h1>Reading a tide table</h1>"
        "<div class='byline'>By <a href='/author/ann-lee/'>Ann Lee</a> and <a href='/author/bob-roe/'>Bob Roe</a></div>"
        f"<article>{PROSE}</article>",
    )
    assert read_article(save(tmp_path, html)).author == "Ann Lee and Bob Roe"


# --- the elements holding text, without libxml2's quadratic parent step -----------------------

HOLDERS_XPATH = "//body//text()[normalize-space()]/.."


@pytest.mark.parametrize(
    "markup",
    [
        "<p>One</p><div><span>two</span> tail</div><div> \t\n</div><div>\xa0</div>",
        "<div><!-- a comment --> after it<br>line<b></b>  </div><script>var x;</script>",
        "<ul><li><a href='/a'>x</a></li><li>  <em>y</em>  </li></ul>text in body<hr>tail of hr",
        "",
    ],
)
def test_text_holders_are_what_the_xpath_finds(markup: str) -> None:
    import lxml.html

    from digest.sources.importer.pageparts import text_holders

    document = lxml.html.document_fromstring(
        f"<html><head><title>t</title></head><body>{markup}</body></html>"
    )
    assert list(text_holders(document)) == document.xpath(HOLDERS_XPATH)


def test_text_holders_are_what_the_xpath_finds_on_every_real_page() -> None:
    import lxml.html

    from digest.sources.importer.pageparts import text_holders

    saved = sorted((Path(__file__).parent / "realworld" / "pages").glob("*.html"))
    assert len(saved) > 150
    for each in saved:
        document = lxml.html.document_fromstring(each.read_bytes())
        assert list(text_holders(document)) == document.xpath(HOLDERS_XPATH), each.name


# --- a time shown in the reader's zone, bylines of two people, a date in the issue's heading -----


def test_a_time_shown_in_the_readers_zone_keeps_its_moment(tmp_path: Path) -> None:
    # the script that writes the day in the saving browser's zone shows 3 May for 20:15 UTC on 2 May
    body = (
        "<article><h1>Reading a tide table</h1>"
        f"<p><time datetime='2024-05-02T20:15:00Z'>May 3, 2024</time></p>{PROSE}</article>"
    )
    draft = read_article(save(tmp_path, page("", body)))
    assert draft.date == datetime(2024, 5, 2, 20, 15, tzinfo=UTC)


def test_a_time_shown_days_away_from_its_moment_is_still_dated_by_its_text(tmp_path: Path) -> None:
    # one day off, but 00:30 UTC on 2 May is 1 or 2 May in every time zone: the text tells another day
    body = (
        "<article><h1>Reading a tide table</h1>"
        f"<p><time datetime='2024-05-02T00:30:00Z'>May 3, 2024</time></p>{PROSE}</article>"
    )
    draft = read_article(save(tmp_path, page("", body)))
    assert draft.date is not None and draft.date.date() == datetime(2024, 5, 3).date()


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By Ann Lee &amp; <a href='/bob'>Bob Roe</a> • ", "Ann Lee & Bob Roe"),
        ("By Ann Lee and Bob Roe | ", "Ann Lee and Bob Roe"),
        ("By Ann Lee and the harbour desk | ", None),
    ],
)
def test_a_byline_of_two_people_names_both(tmp_path: Path, line: str, author: str | None) -> None:
    body = (
        f"<h1>Reading a tide table</h1><div><p><span>{line}</span>"
        f"<span><time datetime='2024-05-02T10:00:00Z'>May 2, 2024</time></span></p></div>{PROSE}"
    )
    assert read_article(save(tmp_path, page("", body))).author == author


def test_a_date_in_the_issues_heading_dates_it(tmp_path: Path) -> None:
    # a newsletter's archive page: the heading names the issue by its day; the stories it links to
    # carry other days in their addresses, which a search of the whole page takes instead
    stories = "".join(
        f"<div><a href='https://news.example/2024/04/{day}/story/?utm_source=tides'><h3>Story of {day} April</h3>"
        f"</a><div>{PROSE}</div></div>"
        for day in (28, 29, 30)
    )
    body = "<h1>TIDES 2024-05-02</h1><h2>Three tides, one ferry</h2><div>" + stories + "</div>"
    head = "<title>Three tides, one ferry</title><meta property='og:title' content='Three tides, one ferry'>"
    draft = read_article(save(tmp_path, page(head, body)))
    assert draft.date is not None and draft.date.date() == datetime(2024, 5, 2).date()


def test_a_date_a_long_headline_tells_of_does_not_date_the_page_by_its_heading(tmp_path: Path) -> None:
    heading = "<h1>What the storm of 12 March 2019 did to the harbour walls and the ferries</h1>"
    draft = read_article(save(tmp_path, page("", heading + PROSE)))
    assert not any("heading" in guess for guess in draft.guesses)


@pytest.mark.parametrize("stated", ["\u00b2", "\u0661\u0662", "9" * 5_000])
def test_a_declared_date_of_digits_no_number_reads_is_no_crash(tmp_path: Path, stated: str) -> None:
    """A date of digits was read with int() after str.isdigit(): '²' (a digit to isdigit) or
    5,000 digits (past Python's limit on converting them) in a page's meta tag, or in the data
    attribute its scripts fill a date from, were a traceback of `digest import`."""
    head = f"<title>A real headline</title><meta property='article:published_time' content='{stated}'>"
    body = f"<h1>A real headline</h1><p><span class='publish-time' data-publishtime='{stated}'>x</span></p>"
    draft = read_article(save(tmp_path, page(head, body + BODY_PROSE)))
    assert draft.title == "A real headline"


# --- the twenty-second round: sponsors' credits, a personal site's declared writer -------------------


@pytest.mark.parametrize(
    "credit",
    [
        "<strong>Sponsored by:</strong> <a href='https://northwind.example/'>Northwind</a> &mdash; Ship faster.",
        "Gesponsert von <a href='https://northwind.example/'>Northwind</a>",
        "This issue is brought to you by <a href='https://northwind.example/'>Northwind</a>.",
        "Patrocinado por Northwind",
    ],
)
def test_a_sponsors_credit_under_the_sites_heading_is_no_byline(tmp_path: Path, credit: str) -> None:
    body = (
        "<div id='top'><h1><a href='/'>Harbour Notes</a></h1></div>"
        f"<div class='banner'>{credit}</div>"
        f"<div class='entry'><h2>Reading a tide table</h2>{PROSE}</div>"
    )
    draft = read_article(save(tmp_path, page("<title>Reading a tide table</title>", body)))
    assert draft.author is None


def test_a_byline_after_a_sponsors_credit_is_still_read(tmp_path: Path) -> None:
    body = (
        "<h1>Reading a tide table</h1><div class='banner'>Sponsored by Northwind</div>"
        f"<p>By Ann Lee</p>{PROSE}"
    )
    draft = read_article(save(tmp_path, page("<title>Reading a tide table</title>", body)))
    assert draft.author == "Ann Lee"


def _weblog_named_after_its_writer(side_box: str) -> str:
    # a weblog named after its writer: the declared author is also the site's name and address
    head = (
        "<title>Tide tables, read aloud</title><meta name='author' content='Ann Lee'>"
        "<meta property='og:site_name' content='Ann Lee’s Weblog'>"
        "<link rel='canonical' href='https://annlee.example.net/2026/Mar/26/tides/'>"
    )
    body = (
        "<div id='top'><h1><a href='/'>Ann Lee’s Weblog</a></h1></div>"
        f"<div class='entry'><h2>Tide tables, read aloud</h2>{PROSE}</div>"
        f"<div class='side'>{side_box}</div>"
    )
    return page(head, body)


@pytest.mark.parametrize(
    "side_box",
    [
        "<p>This is a note by Ann Lee, posted on <a href='/2026/Mar/26/'>26th March 2026</a>.</p>",
        "<p>Written by <b>Ann Lee</b> on 26 March 2026</p>",
    ],
)
def test_a_declared_writer_the_site_is_named_after_is_the_author_when_a_dated_byline_credits_them(
    tmp_path: Path, side_box: str
) -> None:
    draft = read_article(save(tmp_path, _weblog_named_after_its_writer(side_box)))
    assert draft.author == "Ann Lee"


@pytest.mark.parametrize(
    "side_box",
    [
        "",  # the declared name is only the site's own
        "<p>Ann Lee’s Weblog, since 26 March 2006</p>",  # the site's name beside a date is no byline
        # a long paragraph of prose that mentions the name is no byline either
        "<p>"
        + "Words about tides and the harbour. " * 10
        + "A book by Ann Lee came out on 26th March 2026.</p>",
    ],
)
def test_a_declared_name_the_site_is_named_after_stays_the_sites_without_a_dated_byline(
    tmp_path: Path, side_box: str
) -> None:
    draft = read_article(save(tmp_path, _weblog_named_after_its_writer(side_box)))
    assert draft.author is None


def _mailed_issue(byline: str) -> str:
    # a newsletter as mailed: tables of cells, the masthead a styled <span>, no <h1> anywhere
    return page(
        "<title>Harbour Notes AM</title>",
        "<table><tr><td><span class='main-header'>Harbour Notes AM</span></td></tr>"
        f"<tr><td>{byline}</td></tr><tr><td class='post-text'>{PROSE}</td></tr></table>",
    )


@pytest.mark.parametrize(
    "byline",
    [
        "<span class='bodytext'>By\n        Ann Lee\n        <span>&middot;</span>\n        Sep 20, 2022\n</span>",
        "<span>By Ann Lee | September 20, 2022</span>",
    ],
)
def test_a_line_opening_with_by_and_closing_with_the_date_is_a_byline_without_a_headline(
    tmp_path: Path, byline: str
) -> None:
    assert read_article(save(tmp_path, _mailed_issue(byline))).author == "Ann Lee"


@pytest.mark.parametrize(
    "byline",
    [
        "<span>Presented By Northwind · Sep 20, 2022</span>",  # a sponsor, not opening with the by-word
        "<span>By the harbour · Sep 20, 2022</span>",  # no name, and 'the' no account
    ],
)
def test_other_lines_with_by_and_a_date_name_no_writer_without_a_headline(
    tmp_path: Path, byline: str
) -> None:
    assert read_article(save(tmp_path, _mailed_issue(byline))).author is None


@pytest.mark.parametrize("label", ["Release", "Opinion", "Analysis"])
def test_one_word_over_the_date_line_is_a_label_not_a_writer(tmp_path: Path, label: str) -> None:
    # a byline without a by-word names a person by a given and a family name; one word is the section
    block = f"<div class='meta'><span>{label}</span><br><span>26 March 2026</span></div>"
    html = page("<title>Reading a tide table</title>", f"<h1>Reading a tide table</h1>{block}{PROSE}")
    assert read_article(save(tmp_path, html)).author is None


def test_a_full_name_over_the_date_line_is_still_the_writer(tmp_path: Path) -> None:
    block = "<div class='meta'><span>Ann Lee</span><br><span>26 March 2026</span></div>"
    html = page("<title>Reading a tide table</title>", f"<h1>Reading a tide table</h1>{block}{PROSE}")
    assert read_article(save(tmp_path, html)).author == "Ann Lee"


@pytest.mark.parametrize("canonical", ["", "<link rel='canonical' href='https://example.org/tides/'>"])
def test_a_heading_linked_to_a_malformed_address_is_no_link_home(tmp_path: Path, canonical: str) -> None:
    """'http://[::1' is no address urllib can take apart (an IPv6 host left open): a heading
    linked to it links nowhere, and the page is read all the same."""
    body = f"<h2><a href='http://[::1'>Reading a tide table</a></h2><p>{PROSE}</p>"
    draft = read_article(save(tmp_path, page(f"<title>Reading a tide table</title>{canonical}", body)))
    assert draft.title == "Reading a tide table"


def test_a_byline_linked_to_a_malformed_address_still_names_its_writer(tmp_path: Path) -> None:
    """A link in a byline block to an address urllib cannot take apart ('http://[::1') is no
    author's archive page; the block's own text names the writer."""
    body = f"<h1>Reading a tide table</h1><div class='byline'>By <a href='http://[::1'>Ann Lee</a></div><p>{PROSE}</p>"
    draft = read_article(save(tmp_path, page("<title>Reading a tide table</title>", body)))
    assert draft.author == "Ann Lee"


@pytest.mark.parametrize("label", ["#Krótko o przepisach prawa", "#Briefly on tide tables", "#Kurz"])
def test_a_hashtag_in_the_author_slot_is_a_topic_not_a_writer(tmp_path: Path, label: str) -> None:
    # a theme that fills its author slot with the story's topic, written as a hashtag
    body = (
        f"<div class='meta'><span class='autor'>{label}</span> <span class='data'>22 April 2021</span></div>"
        f"<h1>Reading a tide table</h1>{PROSE}"
    )
    draft = read_article(save(tmp_path, page("<title>Reading a tide table</title>", body)))
    assert draft.author is None


def test_a_name_in_the_author_slot_after_a_hashtag_label_is_still_read(tmp_path: Path) -> None:
    body = (
        "<div class='meta'><span class='autor'>Ann Lee</span> <span class='tag'>#tides</span></div>"
        f"<h1>Reading a tide table</h1>{PROSE}"
    )
    draft = read_article(save(tmp_path, page("<title>Reading a tide table</title>", body)))
    assert draft.author == "Ann Lee"
