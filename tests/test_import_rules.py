"""Import rules on pages and texts written for these tests: titles without site names, bylines
that are names, article text without chrome, links, captions and images; the review writer's
round trip; what import and check say they guessed."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from digest.config import Config, load_config
from digest.sources.importer import ReviewDraft, read_article, review_document
from digest.sources.reviews import ReviewSettings, build_review, parse
from digest.sources.scaffold import new_issue
from digest.sources.values import one_line, string_list
from tests.conftest import list_first
from tests.test_cli import run

ISSUE = "issue-2026-03"
PROSE = (
    "<p>Harbour masters publish tide tables every week, and the tables tell a sailor when the water is "
    "deep enough to leave the mooring and when it is safer to wait for the flood.</p>"
    "<p>Reading them takes practice: heights are given above chart datum, which is roughly the lowest "
    "tide, and times are local unless the table says otherwise in its heading.</p>"
    "<p>Most tables also list the range, the difference between high and low water, which is what "
    "decides how much chain to let out when anchoring overnight in a sheltered bay.</p>"
)


def page(head: str, body: str) -> str:
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"
    )


def save(tmp_path: Path, html: str, name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path


# --- titles ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        (
            '<meta property="og:title" content="Tide tables | Harbour Notes">'
            '<meta property="og:site_name" content="Harbour Notes">',
            "",
            "Tide tables",
        ),
        (
            '<meta property="og:title" content="Tide tables -- harbour.example.org">'
            '<link rel="canonical" href="https://harbour.example.org/tides">',
            "",
            "Tide tables",
        ),
        ("<title>Tide tables | Guides | Harbour Notes</title>", "", "Tide tables"),
        ("<title>Site - Whatever</title>", "<main><h1>Tide  tables</h1>" + PROSE + "</main>", "Tide tables"),
        (
            "<title>Tide tables for beginners</title>",
            f"<div class='nav'><h1>Harbour Health Centre</h1></div><article>{PROSE}</article>",
            "Tide tables for beginners",
        ),
        (
            '<meta property="og:title" content="Tide tables for..."><meta name="twitter:title" '
            'content="Tide tables for beginners">',
            "",
            "Tide tables for beginners",
        ),
        (
            "<title>Moorings - Ann Lee ( Ann ) ( alee )</title>",
            f"<div id='side'><p>Ann Lee</p></div><div id='post'><h1>Moorings in winter</h1>{PROSE}</div>",
            "Moorings in winter",
        ),
        (
            "<title>Tutorial — Harbour 0.6 documentation</title>",
            f"<div role='main'><h1>Tutorial<a class='headerlink' href='#t'>¶</a></h1>{PROSE}</div>",
            "Tutorial",
        ),
        (
            "<title>Moorings [Harbour.net]</title><link rel='canonical' href='https://www.harbour.net/moorings'>",
            "",
            "Moorings",
        ),
    ],
    ids=[
        "og-site-name",
        "og-domain",
        "title-short-segments",
        "headline-in-article",
        "section-h1-outside",
        "cut-og",
        "headline-the-extractor-leaves-out",
        "permalink-mark",
        "bracketed-site",
    ],
)
def test_page_title_without_the_site_name(tmp_path: Path, head: str, body: str, expected: str) -> None:
    html = page(head, body or f"<article>{PROSE}</article>")
    assert read_article(save(tmp_path, html)).title == expected


# --- authors --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "byline", "expected"),
    [
        (
            '<meta name="author" content="@harbourdesk">',
            '<p class="pb-byline">By Mira Okafor</p>',
            "Mira Okafor",
        ),
        ('<meta name="author" content="harbour_admin">', "", None),
        (
            '<meta property="og:site_name" content="Harbour Notes"><meta name="author" content="Harbour Notes">',
            "",
            None,
        ),
        (
            "",
            '<div class="share-author-tools"><a>Share</a></div><span class="authorization">Sign In</span>',
            None,
        ),
        ("", "<p>Tuesday 15 October 2019 by Tom Reyes</p>", "Tom Reyes"),
        ("", "<p>Posted on Tuesday 15 October 2019 at 09:11 by Tom J. Reyes.</p>", "Tom J. Reyes"),
        ("", "<div class='meta'>Ana Lima<br>Harbour Press<br>Thu, 14 May 2020 17:55 UTC</div>", "Ana Lima"),
        (
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Tides", '
            '"author": {"@type": "Organization", "name": "Harbour Press"}}</script>',
            "",
            None,
        ),
    ],
    ids=[
        "handle-then-byline",
        "username",
        "organisation",
        "widgets",
        "by-line",
        "by-line-initials",
        "name-over-date",
        "ld-org",
    ],
)
def test_page_author_is_a_person(tmp_path: Path, head: str, byline: str, expected: str | None) -> None:
    html = page(head, f"<article><h1>Tides</h1>{byline}{PROSE}</article>")
    assert read_article(save(tmp_path, html)).author == expected


def test_a_typed_author_wins_over_a_publisher_in_meta_author(tmp_path: Path) -> None:
    head = (
        '<meta name="author" content="Harbour Media Group"><script type="application/ld+json">'
        '{"@type": "NewsArticle", "headline": "Tides", "author": {"@type": "Person", "name": "Mira Okafor"}}'
        "</script>"
    )
    html = page(head, f"<article><h1>Tides</h1>{PROSE}</article>")
    assert read_article(save(tmp_path, html)).author == "Mira Okafor"


def test_comments_never_reach_the_article(tmp_path: Path) -> None:
    comments = (
        "<div id='comment_list'><h3>Comments</h3>"
        "<p>What a lovely article about tides, I read it twice and learned a great deal from it today.</p>"
        "<p>I disagree with the part about chain length, in my experience five times the depth is safer.</p></div>"
    )
    html = page("<title>Tides</title>", f"<article><h1>Tides</h1>{PROSE}{comments}</article>")
    draft = read_article(save(tmp_path, html))
    assert (
        "chart datum" in draft.body and "lovely article" not in draft.body and "five times" not in draft.body
    )


# --- dates ----------------------------------------------------------------------------------------


def test_page_date_from_metadata_is_given_and_from_the_dateline_is_a_guess(tmp_path: Path) -> None:
    declared = page(
        '<meta name="publishdate" content="05/29/2007 09:49:00">', f"<article><h1>T</h1>{PROSE}</article>"
    )
    dateline = page(
        "<title>T</title>", f"<article><h1>T</h1><p>Feb. 23, 2015 -- Harbour news.</p>{PROSE}</article>"
    )
    first = read_article(save(tmp_path, declared, "a.html"))
    second = read_article(save(tmp_path, dateline, "b.html"))
    assert first.date == datetime(2007, 5, 29, 9, 49, tzinfo=UTC) and first.guesses == []
    assert second.date == datetime(2015, 2, 23, tzinfo=UTC)
    assert any("date taken from the article's opening" in guess for guess in second.guesses)


# --- links, captions and images ---------------------------------------------------------------------


def test_root_relative_links_resolve_against_the_canonical_address(tmp_path: Path) -> None:
    html = page(
        '<link rel="canonical" href="https://docs.example.org/guide/tides.html">',
        f"<article><h1>T</h1>{PROSE}<p>Before the first outing, read <a href='/docs/faq.md#install'>the "
        "questions other sailors asked</a> and the notes on <a href='charts.html'>reading charts</a>, which "
        "explain the symbols used for rocks, wrecks and the depths of the channels near the harbour.</p></article>",
    )
    draft = read_article(save(tmp_path, html))
    assert "(https://docs.example.org/docs/faq.md#install)" in draft.body
    assert "(https://docs.example.org/guide/charts.html)" in draft.body
    assert not any("relative link" in check for check in draft.checks)


def test_relative_links_in_markdown_resolve_against_source_url(tmp_path: Path) -> None:
    text = "---\ntitle: T\nsource_url: https://example.org/blog/post/\n---\nSee [the FAQ](/docs/faq.md#x).\n"
    path = tmp_path / "post.md"
    path.write_text(text)
    assert "[the FAQ](https://example.org/docs/faq.md#x)" in read_article(path).body


def test_unresolvable_relative_links_are_named_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text("# T\n\nIntro.\n\nSee [the FAQ](/docs/faq.md#x).\n")
    draft = read_article(path)
    line = review_document(draft).split("\n").index("See [the FAQ](/docs/faq.md#x).") + 1
    assert any(check.startswith(f"line {line}: relative link '/docs/faq.md#x'") for check in draft.checks)


def test_a_caption_goes_with_its_dropped_image_and_og_image_is_the_review_image(tmp_path: Path) -> None:
    html = page(
        '<meta property="og:image" content="/img/card.png"><meta property="og:image:alt" content="A chart">'
        '<link rel="canonical" href="https://harbour.example.org/tides">',
        f"<article><h1>T</h1>{PROSE}<figure><img src='Page_files/local.png'><figcaption>Lost caption"
        "</figcaption></figure><figure><img src='https://cdn.example.org/kept.png' alt='kept'>"
        "<figcaption>Kept caption</figcaption></figure></article>",
    )
    draft = read_article(save(tmp_path, html))
    assert "Lost caption" not in draft.body and "Kept caption" in draft.body
    assert (draft.image, draft.image_alt) == ("https://harbour.example.org/img/card.png", "A chart")
    assert "![kept](https://cdn.example.org/kept.png)" in draft.body and "Page_files" not in draft.body


# --- the review writer ------------------------------------------------------------------------------

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@settings(max_examples=150, deadline=None)
@given(title=TEXT, author=TEXT, tags=st.lists(TEXT, max_size=3), description=TEXT, image=TEXT)
def test_written_reviews_read_back_with_the_same_metadata(
    title: str, author: str, tags: list[str], description: str, image: str
) -> None:
    """YAML specials (': ', '#', a leading '@', '*', '&', '!', quotes, 'yes', 'null', '1.0',
    its own line breaks) all read back as the same text: the writer never has to refuse."""
    assume(one_line(title) is not None)  # a reader never drafts an empty title
    path = Path("/nonexistent/review.md")
    when = datetime(2024, 5, 1, 8, 30, tzinfo=UTC)
    draft = ReviewDraft(path, "test", title, "Body text.\n", author=author, tags=tuple(tags),
                        description=description, image=image, date=when)  # fmt: skip
    document = review_document(draft)
    parsed = parse(document, path)
    parsed.source = document
    review = build_review(path, parsed, ReviewSettings())
    assert (review.title, review.author, review.date) == (one_line(title), one_line(author), when)
    assert (review.description, review.image) == (one_line(description), one_line(image))
    once: dict[str, str] = {}
    for tag in string_list(tags):
        once.setdefault(tag.casefold(), tag)  # a tag named twice (by case) is kept once
    assert review.tags == tuple(once.values())


@pytest.mark.parametrize(
    "title",
    [
        "Re: tides: a primer",
        "\"Quoted\" and 'single'",
        "# not a comment",
        "@mention first",
        "*starred*",
        "yes",
        "null",
        "1.0",
        "Line\u2028break",
        "Tab\there",
        "& anchor",
        "! tag",
        "%percent",
        "| pipe",
        "> folded",
    ],
)
def test_titles_with_yaml_specials_round_trip(title: str) -> None:
    draft = ReviewDraft(Path("x.md"), "test", title, "Body.\n")
    meta = parse(review_document(draft), Path("x.md")).meta
    assert meta["title"] == " ".join(title.split())


# --- what import and check say they guessed -------------------------------------------------------


@pytest.fixture
def config(project: Path) -> Config:
    config = load_config(project / "digest.toml")
    new_issue(config, ISSUE, title="Guesses", issue_date=date(2026, 3, 6))
    return config


def test_import_prints_what_it_guessed(project: Path, tmp_path: Path) -> None:
    assert run(project, "new", ISSUE, "--date", "2026-03-06").exit_code == 0
    note = tmp_path / "2014-11-06-tide-tables.md"
    note.write_text("# Tide tables\n\nHow to read them.\n\nCheers,\nAnn Lee\n")
    imported = run(project, "import", str(note), "--issue", ISSUE)
    assert imported.exit_code == 0, imported.output
    assert (
        "guessed: date taken from the file name '2014-11-06-tide-tables' (usually right); check it"
        in imported.output
    )
    assert (
        "guessed: author 'Ann Lee' taken from the signature at the end (often right); check it"
        in imported.output
    )
    written = (project / "issues" / ISSUE / "tide-tables.md").read_text()
    assert 'date: "2014-11-06"' in written and f"author: {json.dumps('Ann Lee')}" in written


def test_check_notes_what_a_review_s_date_was_guessed_from(project: Path) -> None:
    folder = project / "issues" / "issue-2025"
    (folder / "20211118_Notes.md").write_text("# Notes\n\nA few notes on the year.\n")
    issue = folder / "issue.md"
    list_first(issue, "20211118_Notes.md")
    checked = run(project, "check", "issue-2025", "--no-check-links")
    assert (
        "20211118_Notes.md: date taken from the file name '20211118_Notes' (usually right); check it"
        in checked.output
    )


def test_a_loaded_issue_notices_what_its_reviews_guessed(config: Config) -> None:
    from digest.sources.issue import load_issue

    folder = config.issues_path / ISSUE
    (folder / "20211118_Notes.md").write_text("# Notes\n\nA few notes.\n")
    issue = folder / "issue.md"
    issue.write_text(issue.read_text().replace("reviews: []", "reviews:\n  - 20211118_Notes.md"))
    loaded = load_issue(config, ISSUE)
    assert loaded.issue.reviews[0].date == datetime(2021, 11, 18, tzinfo=UTC)
    assert any(n.endswith("20211118_Notes.md: date taken from the file name '20211118_Notes' (usually right); check it")
               for n in loaded.notices)  # fmt: skip


def test_a_year_the_text_mentions_is_no_publication_day(tmp_path: Path) -> None:
    # htmldate pads a year alone to its first of January: a year the story tells of ('open source only in
    # 2000') dates nothing
    html = page(
        "<title>Tide tables</title>",
        f"<article><h1>Tide tables</h1>{PROSE}<p>The harbour's tables became free to copy only in 2000, "
        "when the port authority gave up its claim.</p></article>",
    )
    assert read_article(save(tmp_path, html)).date is None


def test_a_first_of_january_the_page_shows_stays_its_day(tmp_path: Path) -> None:
    html = page(
        "<title>Tide tables</title>",
        f"<article><h1>Tide tables</h1><p>Posted on January 1, 2021</p>{PROSE}</article>",
    )
    assert read_article(save(tmp_path, html)).date is not None


@pytest.mark.parametrize("shown", ["Jan 01, 2021", "Friday, 01 Jan 2021", "2021年1月1日", "2021년 1월 1일"])
def test_a_first_of_january_written_with_a_padded_day_stays_its_day(tmp_path: Path, shown: str) -> None:
    # Only htmldate finds a date in a sidebar: its first of January was taken for a year alone
    # padded to a day where the page writes the day '01' (Hugo's 'Jan 02, 2006') or in CJK
    # (found by review25; 'Jan 04, 2021' was kept).
    html = page(
        "<title>Tide tables</title>",
        f"<div class='sidebar'><span class='date'>{shown}</span></div><article><h1>Tide tables</h1>{PROSE}</article>",
    )
    assert read_article(save(tmp_path, html)).date == datetime(2021, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    "shown",
    [
        "1 januari 2021",
        "1 de janeiro de 2021",
        "1. tammikuuta 2021",
        "1 stycznia 2021",
        "1er janvier 2021",
        "1º de enero de 2021",
    ],
)
def test_a_first_of_january_in_any_language_the_page_writes_is_no_padded_year(shown: str) -> None:
    """The first of January was looked for under month names listed by hand (English, French,
    German, Spanish, Italian): a Dutch or Portuguese page's was taken for a year alone padded to
    a day, and its date dropped (found by review25). The words around each of the year's
    occurrences are read as a date, in every language CLDR names months in."""
    from digest.sources.importer.pagedate import _padded_year

    html = f"<html><body><p class='date'>{shown}</p><p>Tide tables of 2021.</p></body></html>"
    assert not _padded_year(datetime(2021, 1, 1, tzinfo=UTC), html)


@pytest.mark.parametrize(
    "shown", ["1 februari 2021", "open source since 2021", "© 2021 tide works", "1 2021"]
)
def test_a_year_written_without_its_first_of_january_is_a_padded_year(shown: str) -> None:
    from digest.sources.importer.pagedate import _padded_year

    html = f"<html><body><p>{shown}</p></body></html>"
    assert _padded_year(datetime(2021, 1, 1, tzinfo=UTC), html)
