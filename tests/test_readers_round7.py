"""The seventh round's rules, each on input written for these tests: authors named by keys into
the site's authors file (Docusaurus, MkDocs Material), Nikola's two-file posts (a `.meta`
sidecar), and for pages: a lone 'By' is no name, a byline that carries its time of day or a
linked name, a copyright credit that is no byline, titles worded for sharing (a kicker and a
section around the headline, a dangling separator, a shortened headline), a creation date later
than the dateline, a paragraph said twice, empty headings, metadata escaped twice."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from digest.config import load_config
from digest.errors import ContentError
from digest.sources.importer import read_article
from digest.sources.importer.htmlbody import without_repeats
from digest.sources.issue import load_issue
from digest.sources.reviews import read_review
from digest.sources.sitefiles import resolve_people, sidecar_fields
from tests.conftest import list_first
from tests.test_import_rules import PROSE, page, save

DOCUSAURUS_AUTHORS = """\
jdoe:
  name: Jane Doe
  title: Maintainer
  image_url: https://example.org/jdoe.png
rroe:
  name: Richard Roe
"""
MKDOCS_AUTHORS = """\
authors:
  jdoe:
    name: Jane Doe
    description: Creator
"""
BODY = "\nA paragraph of the post, long enough to be its text.\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- authors files ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("authors", "expected"),
    [
        ("jdoe", "Jane Doe"),
        ("[jdoe, rroe]", "Jane Doe, Richard Roe"),
        ("\n  - name: Ann Lee\n    title: Guest\n  - key: rroe", "Ann Lee, Richard Roe"),
        ("[jdoe, someone-else]", "Jane Doe, someone-else"),  # an unknown key stays as written
    ],
)
def test_docusaurus_author_keys_are_named_by_the_authors_file(
    tmp_path: Path, authors: str, expected: str
) -> None:
    write(tmp_path / "blog" / "authors.yml", DOCUSAURUS_AUTHORS)
    post = write(
        tmp_path / "blog" / "2024-01-05-post" / "index.md",
        f"---\ntitle: A post\nauthors: {authors}\n---\n{BODY}",
    )
    assert read_review(post).author == expected


def test_mkdocs_authors_file_three_folders_up(tmp_path: Path) -> None:
    write(tmp_path / "blog" / ".authors.yml", MKDOCS_AUTHORS)
    post = write(
        tmp_path / "blog" / "posts" / "2024" / "09" / "post.md",
        f"---\ndate: 2024-09-20\nauthors: [jdoe]\n---\n\n# A post\n{BODY}",
    )
    assert read_review(post).author == "Jane Doe"


def test_without_an_authors_file_the_key_stays(tmp_path: Path) -> None:
    post = write(tmp_path / "post.md", f"---\ntitle: A post\nauthors: [jdoe]\n---\n{BODY}")
    assert read_review(post).author == "jdoe"


def test_a_written_name_is_not_looked_up(tmp_path: Path) -> None:
    write(tmp_path / "authors.yml", "Jane Doe:\n  name: Somebody Else\n")
    post = write(tmp_path / "post.md", f"---\ntitle: A post\nauthor: Jane Doe\n---\n{BODY}")
    assert read_review(post).author == "Jane Doe"  # a name with a space is no key


def test_an_invalid_authors_file_is_named(tmp_path: Path) -> None:
    write(tmp_path / "authors.yml", "jdoe: [unclosed\n")
    post = write(tmp_path / "post.md", f"---\ntitle: A post\nauthors: jdoe\n---\n{BODY}")
    with pytest.raises(ContentError, match="authors file is not valid YAML") as raised:
        read_review(post)
    assert raised.value.path == tmp_path / "authors.yml"


def test_resolve_people_leaves_values_without_keys() -> None:
    people = {"jdoe": "Jane Doe"}
    assert resolve_people({"name": "Ann Lee"}, people) == {"name": "Ann Lee"}
    assert resolve_people(["jdoe", {"key": "jdoe"}], people) == ["Jane Doe", "Jane Doe"]
    assert resolve_people("jdoe", {}) == "jdoe"


def test_an_issue_reads_the_authors_file_in_its_folder_only(project: Path) -> None:
    folder = project / "issues" / "issue-2025"
    write(project / "issues" / "authors.yml", DOCUSAURUS_AUTHORS.replace("Jane Doe", "Outside Folder"))
    write(folder / "keyed.md", f"---\ntitle: Keyed\nauthors: [rroe]\n---\n{BODY}")
    list_first(folder / "issue.md", "keyed.md")
    config = load_config(project / "digest.toml")
    loaded = load_issue(config, "issue-2025")
    keyed = next(r for r in loaded.issue.reviews if r.title == "Keyed")
    assert keyed.author == "rroe"  # the file above the issue folder is not the issue's

    write(folder / "authors.yml", DOCUSAURUS_AUTHORS)
    loaded = load_issue(config, "issue-2025")
    keyed = next(r for r in loaded.issue.reviews if r.title == "Keyed")
    assert keyed.author == "Richard Roe"
    assert not [notice for notice in loaded.notices if "authors.yml" in notice]  # not a stray file


# --- Nikola's two-file posts --------------------------------------------------------------------


def test_positional_meta_sidecar_gives_title_and_date(tmp_path: Path) -> None:
    write(tmp_path / "fast.meta", "Speed matters.\nspeed-matters\n2012/06/12 12:09")
    post = write(
        tmp_path / "fast.txt", "A fast site is a good thing, and here is why it matters.\n\nMore text.\n"
    )
    review = read_review(post)
    assert review.title == "Speed matters."
    assert review.date == datetime(2012, 6, 12, 12, 9, tzinfo=UTC)
    assert review.slug == "speed-matters"


def test_keyed_meta_sidecar() -> None:
    fields = sidecar_fields(
        ".. title: A title\n.. slug: a-title\n.. date: 2015-08-08 14:12:36 UTC\n.. tags: a, b\n"
    )
    assert fields == {
        "title": "A title",
        "slug": "a-title",
        "date": "2015-08-08 14:12:36 UTC",
        "tags": "a, b",
    }


def test_a_post_with_its_own_metadata_keeps_it(tmp_path: Path) -> None:
    write(tmp_path / "post.meta", "Sidecar title\nsidecar\n2001/01/01 00:00")
    post = write(tmp_path / "post.md", f"---\ntitle: Own title\ndate: 2020-02-02\n---\n{BODY}")
    review = read_review(post)
    assert (review.title, review.date) == ("Own title", datetime(2020, 2, 2, tzinfo=UTC))


def test_a_sidecar_beside_a_listed_review_is_no_stray_file(project: Path) -> None:
    folder = project / "issues" / "issue-2025"
    write(folder / "two-file.meta", "Two files\ntwo-files\n2012/09/05 17:46:29")
    write(folder / "two-file.txt", "The body of a two-file post, in a file of its own.\n")
    list_first(folder / "issue.md", "two-file.txt")
    loaded = load_issue(load_config(project / "digest.toml"), "issue-2025")
    assert "Two files" in [review.title for review in loaded.issue.reviews]
    assert not [notice for notice in loaded.notices if "two-file.meta" in notice]


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


def test_a_shortened_sharing_title_yields_to_the_whole_headline(tmp_path: Path) -> None:
    head = '<title>Three reporters are granted bail after a week - Example News</title><meta property="og:title" content="Three reporters are granted bail">'
    draft = read_article(
        save(tmp_path, page(head, f"<h1>Three reporters are granted bail after a week</h1>{PROSE}"))
    )
    assert draft.title == "Three reporters are granted bail after a week"


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


# --- pages: repeats, empty headings, escapes --------------------------------------------------------


def test_a_paragraph_said_twice_in_a_row_is_kept_once() -> None:
    twice = "Frankfurt (dpa) - The prize went to a novel about the old republic, told by a boy of thirteen."
    markdown = f"###\n\n{twice}\n\n{twice}\n\nAnother paragraph.\n\nShort line.\n\nShort line."
    assert without_repeats(markdown) == f"{twice}\n\nAnother paragraph.\n\nShort line.\n\nShort line."


def test_repeats_inside_code_stay() -> None:
    code = "```\nsame line of code that is long enough to count as words\n\nsame line of code that is long enough to count as words\n```"
    assert without_repeats(code) == code


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
    from digest.sources.importer.htmlmeta import _given_first

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


# --- posts: a VitePress `head:` list ------------------------------------------------------------------

VITEPRESS = """\
---
title: Version 4.3 is out!
author:
  name: patak
date: 2023-04-20
head:
  - - meta
    - property: og:title
      content: Announcing version 4.3
  - - meta
    - property: og:url
      content: https://example.dev/blog/announcing-4-3
  - - meta
    - property: og:description
      content: The release announcement
---
"""


def test_a_vitepress_head_list_gives_description_and_address(tmp_path: Path) -> None:
    review = read_review(write(tmp_path / "announcing.md", VITEPRESS + BODY))
    assert (review.title, review.author) == ("Version 4.3 is out!", "patak")
    assert review.description == "The release announcement"
    assert review.source_url == "https://example.dev/blog/announcing-4-3"


def test_the_post_s_own_fields_beat_its_head_list(tmp_path: Path) -> None:
    text = VITEPRESS.replace("date: 2023-04-20\n", "date: 2023-04-20\ndescription: Our own words\n")
    assert read_review(write(tmp_path / "announcing.md", text + BODY)).description == "Our own words"


def test_a_meta_file_of_another_tool_is_not_read(tmp_path: Path) -> None:
    write(tmp_path / "notes.meta", '{"editor": "some tool", "cursor": 12}\n')
    post = write(tmp_path / "notes.md", "# Notes on tides\n\nThe text of the notes.\n")
    assert read_review(post).title == "Notes on tides"
    assert sidecar_fields("Title only\nslug-only\nnot a date\n") == {}
