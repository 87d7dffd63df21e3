"""The parts of a saved page that are not its article's (digest.sources.importer.pageparts):
comments, other stories' cards and lists, whose names and dates are not the page's."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from digest.sources.importer import read_article
from tests.test_import_rules import PROSE, page, save


def test_feature_switches_on_body_do_not_make_the_page_a_comment(tmp_path: Path) -> None:
    html = page("", f"<h1>A headline here</h1><p class='byline'>By Patrick Allan</p>{PROSE}").replace(
        "<body>", "<body class='f_hide_pending_replies_on f_comment_annotation_on'>"
    )
    body = "<span class='publish-time' data-publishtime='1425913200851'></span>"
    draft = read_article(save(tmp_path, html.replace("</h1>", f"</h1>{body}")))
    assert draft.date is not None and draft.date.date().isoformat() == "2015-03-09"


def test_names_in_a_recent_comments_widget_are_not_the_author(tmp_path: Path) -> None:
    html = page(
        "<meta property='og:title' content='Reading a tide table'>",
        f"<article>{PROSE}</article><div id='sidebar'><ul id='recentcomments'>"
        "<li class='recentcomments'><span class='comment-author-link'>Tom Berg</span> on Tides</li></ul></div>",
    )
    assert read_article(save(tmp_path, html)).author is None


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


def test_an_account_in_the_comments_is_no_author(tmp_path: Path) -> None:
    comments = (
        "<ol class='commentlist'><li><cite>Reply by harbourfan on 12.05.2012</cite><p>Nice.</p></li></ol>"
    )
    html = page("<title>Tides</title>", f"<article><h1>Tides</h1>{PROSE}</article>{comments}")
    assert read_article(save(tmp_path, html)).author is None
