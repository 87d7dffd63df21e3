"""The fourth round's rules, each on a small input written for these tests: Org-mode keywords
and timestamps, outliner page properties, front matter in a fenced block, an indented header,
ikiwiki directives, wiki pages named by their file, Unix times in numbers, more date keys,
and tags written as one comma-separated string or kept in a taxonomies table."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from digest.errors import ContentError
from digest.sources.dates import find_in_text, read_date
from digest.sources.notes import (
    fenced_front_matter,
    has_wiki_links,
    ikiwiki_directives,
    indented_header,
    json_front_matter,
    org_header,
    org_to_markdown,
    page_name,
    page_properties,
    pandoc_title_block,
)
from digest.sources.reviews import read_review, sniff


def write_in(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- Org-mode ------------------------------------------------------------------------------------

ORG = (
    "# -*- mode: org -*-\n"
    "#+TITLE: Pruning the pear tree\n"
    "#+AUTHOR: Rosa Linde\n"
    "#+DATE: <2021-02-14 Sun 09:30>\n"
    "#+FILETAGS: :garden:winter:\n"
    "#+OPTIONS: toc:nil\n"
    "\n"
    "First cut the [[https://example.org/saws][right saw]], then the ~dead~ wood.\n"
    "\n"
    "* Tools\n"
    "#+BEGIN_SRC sh\n"
    "* not a heading\n"
    "#+END_SRC\n"
    "[[file:pear.jpg]]\n"
)


def test_org_keywords_give_title_author_date_and_tags(tmp_path: Path) -> None:
    review = read_review(write_in(tmp_path, "pear.org", ORG))
    assert review.format == "org-mode"
    assert (review.title, review.author) == ("Pruning the pear tree", "Rosa Linde")
    assert review.date == datetime(2021, 2, 14, 9, 30, tzinfo=UTC)
    assert review.tags == ("garden", "winter")
    assert "#+" not in review.body and "TITLE" not in review.body


def test_org_body_becomes_markdown() -> None:
    markdown = org_to_markdown(ORG.split("\n\n", 1)[1])
    assert "[right saw](https://example.org/saws)" in markdown
    assert "`dead`" in markdown
    assert "## Tools" in markdown
    assert "```sh\n* not a heading\n```" in markdown  # a code block is left as it is
    assert "![](pear.jpg)" in markdown


def test_an_org_code_block_ends_only_at_its_own_end_and_keeps_backticks_inside() -> None:
    markdown = org_to_markdown(
        "#+BEGIN_SRC org\n#+BEGIN_QUOTE\n* inside\n#+END_QUOTE\n* still code\n#+END_SRC\n"
        "#+BEGIN_EXAMPLE\n```\n* after a fence line\n#+END_EXAMPLE\n* A heading"
    )
    assert "```org\n#+BEGIN_QUOTE\n* inside\n#+END_QUOTE\n* still code\n```\n" in markdown
    assert "````\n```\n* after a fence line\n````\n## A heading" in markdown


def test_org_without_a_title_keyword_is_named_by_its_file(tmp_path: Path) -> None:
    path = write_in(tmp_path, "winter_notes.org", "#+DATE: [2020-01-05 Sun]\n\nCold.\n")
    review = read_review(path)
    assert review.title == "winter notes"
    assert review.date == datetime(2020, 1, 5, tzinfo=UTC)
    assert any("file name" in guess for guess in review.guesses)


def test_org_needs_keyword_lines_at_the_top() -> None:
    assert org_header("Some prose first.\n#+TITLE: Late\n") is None
    assert org_header("# A Markdown heading\n\nText.\n") is None
    header = org_header(":PROPERTIES:\n:ID: 1234\n:END:\n#+title: Roam note\n\nText.\n")
    assert header is not None and header.meta["title"] == "Roam note"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("<2017-08-26 Sat 16:18>", datetime(2017, 8, 26, 16, 18, tzinfo=UTC)),
        ("[2024-04-04 Thu 15:52:09]", datetime(2024, 4, 4, 15, 52, 9, tzinfo=UTC)),
        ("<2019-07-03 Mi.>", datetime(2019, 7, 3, tzinfo=UTC)),  # a German weekday
        ("<2022-10-01 Sat 10:00-11:30 +1w>", datetime(2022, 10, 1, 10, 0, tzinfo=UTC)),
        ("<2020-01-01>", datetime(2020, 1, 1, tzinfo=UTC)),
    ],
)
def test_org_timestamps_are_dates(written: str, expected: datetime) -> None:
    found = read_date(written)
    assert found is not None and found.value == expected


def test_bracketed_text_is_no_org_timestamp() -> None:
    assert read_date("<2017-08-26 and more words>") is None
    assert read_date("[see 2017-08-26]") is None


# --- Unix times ------------------------------------------------------------------------------------


def test_unix_times_in_numbers_are_dates() -> None:
    milliseconds = read_date(1645837319838)
    assert milliseconds is not None
    assert milliseconds.value == datetime(2022, 2, 26, 1, 1, 59, 838000, tzinfo=UTC)
    seconds = read_date(1609459200)
    assert seconds is not None and seconds.value == datetime(2021, 1, 1, tzinfo=UTC)


def test_numbers_that_are_no_unix_time_stay_no_date() -> None:
    assert read_date("1645837319838") is None  # text: an identifier as likely as a time
    assert read_date(123456) is None
    assert read_date(9999999999999) is None  # the year 2286: beyond blogs
    assert read_date(True) is None
    assert find_in_text("ticket 1645837319838 was closed") is None


def test_a_dendron_note_dated_in_milliseconds(tmp_path: Path) -> None:
    text = (
        "---\nid: abc123\ntitle: Reading list\nupdated: 1645900000000\ncreated: 1645837319838\n---\nBooks.\n"
    )
    review = read_review(write_in(tmp_path, "reading.list.md", text))
    assert review.date == datetime(2022, 2, 26, 1, 1, 59, 838000, tzinfo=UTC)


# --- more date keys ------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["published_date", "date_created", "post_date", "posted_date"])
def test_more_spellings_of_the_date_key(tmp_path: Path, key: str) -> None:
    text = f"---\ntitle: Tides\n{key}: 2015-01-02 10:00:00 +0100\n---\nBody.\n"
    review = read_review(write_in(tmp_path, "tides.md", text))
    assert review.date == datetime(2015, 1, 2, 10, tzinfo=timezone(timedelta(hours=1)))
    assert review.guesses == () or all("date taken" not in g for g in review.guesses)


# --- outliner page properties ----------------------------------------------------------------------


PROPERTIES = (
    "title:: Reading/Seeing Like a State\n"
    "author:: [[James C. Scott]]\n"
    "tags:: [[books]], [[politics]], #history\n"
    "date:: [[Mar 3rd, 2022]]\n"
    "\n"
    "- Legibility as a project of the state.\n"
    "\t- see [[High modernism]]\n"
)


def test_page_properties_give_title_author_tags_and_date(tmp_path: Path) -> None:
    review = read_review(write_in(tmp_path, "Reading%2FSeeing.md", PROPERTIES))
    assert review.format == "page-properties"
    assert review.title == "Reading/Seeing Like a State"
    assert review.author == "James C. Scott"
    assert review.tags == ("books", "politics", "history")
    assert review.date == datetime(2022, 3, 3, tzinfo=UTC)
    assert "title::" not in review.body


def test_a_properties_page_without_a_title_is_named_by_its_file(tmp_path: Path) -> None:
    review = read_review(write_in(tmp_path, "Reading%2FHigh modernism.md", "type:: concept\n\n- A belief.\n"))
    assert review.title == "Reading/High modernism"


def test_property_lines_must_open_the_page_and_stand_apart() -> None:
    assert page_properties("Intro line.\ntitle:: Late\n") is None
    assert page_properties("title:: Notes\nand prose right under it\n") is None


# --- front matter in a fence ------------------------------------------------------------------------


def test_toml_front_matter_in_a_fence(tmp_path: Path) -> None:
    text = '```toml\ntitle = "Release 2.0"\ndate = "2016-03-25 08:00:00"\ntags = ["release"]\n```\n\nNotes.\n'
    review = read_review(write_in(tmp_path, "release.md", text))
    assert review.format == "fenced-front-matter"
    assert (review.title, review.tags) == ("Release 2.0", ("release",))
    assert review.date == datetime(2016, 3, 25, 8, tzinfo=UTC)
    assert review.body.strip() == "Notes."


def test_yaml_and_ini_front_matter_in_a_fence() -> None:
    yaml_header = fenced_front_matter("```yaml\ntitle: Moths\nauthor: Ann Vale\n```\nText.\n")
    assert yaml_header is not None and yaml_header.meta["author"] == "Ann Vale"
    ini = fenced_front_matter('```ini\n; the post\ntitle = "Moths"\ntags = moths,night\n```\nText.\n')
    assert ini is not None and ini.meta == {"title": "Moths", "tags": "moths,night"}


def test_a_code_block_opening_a_post_is_no_front_matter() -> None:
    assert fenced_front_matter("```python\ntitle = 'x'\n```\n") is None
    assert fenced_front_matter("```toml\n[server]\nport = 80\n```\n") is None  # no title
    assert fenced_front_matter("```toml\ntitle = 'never closed'\n") is None


def test_tags_in_one_comma_separated_string(tmp_path: Path) -> None:
    text = '```ini\ntitle = "Moths"\ntags = "moths, night,moths"\n```\nText.\n'
    review = read_review(write_in(tmp_path, "moths.md", text))
    assert review.tags == ("moths", "night")


# --- an indented header ------------------------------------------------------------------------------


def test_an_indented_key_value_header(tmp_path: Path) -> None:
    text = (
        "    Title: Swifts over the river\n"
        "    Date: 2016-06-01T21:05:00\n"
        "    Tags: birds, evening\n"
        "    Authors: Ann Vale, Rosa Linde\n"
        "\n"
        "They came back today.\n"
    )
    review = read_review(write_in(tmp_path, "swifts.md", text))
    assert review.format == "indented-metadata"
    assert review.title == "Swifts over the river"
    assert review.date == datetime(2016, 6, 1, 21, 5, tzinfo=UTC)
    assert review.author == "Ann Vale, Rosa Linde"
    assert review.tags == ("birds", "evening")
    assert review.body.strip() == "They came back today."


def test_an_indented_code_block_is_no_header() -> None:
    assert indented_header("    x = 1\n    y = 2\n\nText.\n") is None
    assert indented_header("    Date: 2016-06-01\n    Tags: a\n\nText.\n") is None  # no title
    assert sniff("# Notes\n\n    Title: shown as code\n    Date: 2016\n") == "markdown"


# --- ikiwiki -------------------------------------------------------------------------------------------


def test_ikiwiki_meta_and_tag_directives(tmp_path: Path) -> None:
    text = (
        '[[!meta title="Mending the fence"]]\n'
        '[[!meta date="2016-09-25 20:07:53 -0700"]]\n'
        "Posts go in, see [[fences]].\n\n"
        '[[!tag garden "wood"]]\n[[!meta author="Ann Vale"]]\n'
    )
    review = read_review(write_in(tmp_path, "mending.mdwn", text))
    assert review.format == "ikiwiki-directives"
    assert (review.title, review.author) == ("Mending the fence", "Ann Vale")
    assert review.date == datetime(2016, 9, 25, 20, 7, 53, tzinfo=timezone(timedelta(hours=-7)))
    assert review.tags == ("garden", "wood")
    assert "[[!" not in review.body


def test_a_page_without_ikiwiki_metadata_is_not_read_as_ikiwiki() -> None:
    assert ikiwiki_directives("Text with [[a link]] and [[!toc]].\n") is None


# --- wiki pages named by their file ------------------------------------------------------------------


def test_a_wiki_page_that_opens_with_prose_is_named_by_its_file(tmp_path: Path) -> None:
    text = "The gate has been rehung and now swings\nfreely; see [[tools/hinges]].\n\n--[[Ann]]\n"
    review = read_review(write_in(tmp_path, "gate_repairs_2.0.mdwn", text))
    assert review.title == "gate repairs 2.0"
    assert review.body.startswith("The gate has been rehung")
    assert review.author == "Ann"
    assert any("file name" in guess for guess in review.guesses)


def test_a_wiki_page_with_a_title_line_keeps_it(tmp_path: Path) -> None:
    text = "Gate repairs\n\nThe gate swings freely; see [[tools/hinges]].\n"
    assert read_review(write_in(tmp_path, "gate.mdwn", text)).title == "Gate repairs"


def test_prose_without_wiki_links_keeps_its_first_line_as_title(tmp_path: Path) -> None:
    text = "The gate has been rehung and now swings\nfreely, as it should.\n"
    assert (
        read_review(write_in(tmp_path, "gate.txt", text)).title == "The gate has been rehung and now swings"
    )


def test_markdown_without_a_heading_stays_untitled_unless_it_is_a_wiki_page(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="no title"):
        read_review(write_in(tmp_path, "plain.md", "---\ndate: 2020-01-01\n---\n**Just** text.\n"))
    wiki = read_review(
        write_in(tmp_path, "Garden log.md", "---\ndate: 2020-01-01\n---\n**See** [[Pears]].\n")
    )
    assert wiki.title == "Garden log"


def test_page_names_from_file_names() -> None:
    assert page_name(Path("ikiwiki_version_3.0.mdwn")) == "ikiwiki version 3.0"
    assert page_name(Path("Article%2FA Guide.md")) == "Article/A Guide"
    assert page_name(Path("sea-notes/index.md")) == "sea-notes"
    assert has_wiki_links("see [[Pears]]") and has_wiki_links("see [[the pears|Pears]]")
    assert not has_wiki_links("[[https://example.org][an Org link]]")
    assert not has_wiki_links("[[!meta title=x]]")


# --- tags ------------------------------------------------------------------------------------------------


def test_tags_in_a_taxonomies_table(tmp_path: Path) -> None:
    text = '+++\ntitle = "Moths"\ndate = 2024-07-13\n[taxonomies]\ntags = ["night", "insects"]\n+++\nText.\n'
    review = read_review(write_in(tmp_path, "moths.md", text))
    assert review.tags == ("night", "insects")
    grav = "---\ntitle: Moths\ntaxonomy:\n  category: [blog]\n  tag: [night]\n---\nText.\n"
    review = read_review(write_in(tmp_path, "item.md", grav))
    assert (review.tags, review.categories) == (("night",), ("blog",))


def test_tags_given_at_the_top_win_over_the_taxonomies_table(tmp_path: Path) -> None:
    text = '+++\ntitle = "Moths"\ntags = ["own"]\n[taxonomies]\ntags = ["table"]\n+++\nText.\n'
    assert read_review(write_in(tmp_path, "moths.md", text)).tags == ("own",)


def test_tag_directives_ending_a_restructuredtext_post(tmp_path: Path) -> None:
    text = (
        "Moths at night\n==============\n\nThey came to the lamp.\n\n"
        ".. author:: default\n.. categories:: garden\n.. tags:: moths, night\n"
    )
    review = read_review(write_in(tmp_path, "2013/12/27/moths_at_night.rst", text))
    assert (review.title, review.tags, review.categories) == (
        "Moths at night",
        ("moths", "night"),
        ("garden",),
    )
    assert review.author is None  # 'default' names the blog's configured author, not a person
    assert review.date is not None and review.date.date() == date(2013, 12, 27)


# --- rules from the dialects' own documentation (not from the fourth round's failures) -----------


def test_hugo_json_front_matter(tmp_path: Path) -> None:
    text = '{\n  "title": "Tide tables",\n  "date": "2020-05-01T10:00:00+02:00",\n  "tags": ["sea"]\n}\n\nBody.\n'
    review = read_review(write_in(tmp_path, "tides.md", text))
    assert review.format == "json-front-matter"
    assert (review.title, review.tags, review.body.strip()) == ("Tide tables", ("sea",), "Body.")
    assert review.date == datetime(2020, 5, 1, 10, tzinfo=timezone(timedelta(hours=2)))


def test_hexo_json_front_matter_closed_by_semicolons(tmp_path: Path) -> None:
    text = '"title": "Tide tables",\n"date": "2013/7/13 20:46:25"\n;;;\n\nBody.\n'
    review = read_review(write_in(tmp_path, "tides.md", text))
    assert review.title == "Tide tables"
    assert review.date == datetime(2013, 7, 13, 20, 46, 25, tzinfo=UTC)
    assert review.body.strip() == "Body."


def test_braces_that_are_no_json_front_matter() -> None:
    assert json_front_matter("{{< figure src=x >}}\n\nText.\n") is None  # a Hugo shortcode
    assert json_front_matter('{"name": "no title"}\n\nText.\n') is None
    assert json_front_matter("Text; then\n;;;\n") is None


def test_pandoc_title_block(tmp_path: Path) -> None:
    text = "% Tide tables\n  for the harbour\n% Ann Vale; Rosa Linde\n% 2020-01-02\n\nBody.\n"
    review = read_review(write_in(tmp_path, "tides.md", text))
    assert review.format == "pandoc-title-block"
    assert (review.title, review.author) == ("Tide tables for the harbour", "Ann Vale, Rosa Linde")
    assert review.date == datetime(2020, 1, 2, tzinfo=UTC)


def test_a_pandoc_date_written_as_words_is_left_out() -> None:
    header = pandoc_title_block("% Tide tables\n%\n% Spring term\n\nBody.\n")
    assert header is not None and header.meta == {"title": "Tide tables"}
    assert pandoc_title_block("% a comment line\nmore text\n") is None


def test_yaml_front_matter_closed_by_document_end_dots(tmp_path: Path) -> None:
    review = read_review(
        write_in(tmp_path, "tides.Rmd", "---\ntitle: Tides\ndate: 2020-03-04\n...\n\nBody.\n")
    )
    assert (review.title, review.body.strip()) == ("Tides", "Body.")
    assert review.date == datetime(2020, 3, 4, tzinfo=UTC)


def test_a_date_mapping_gives_its_created_date(tmp_path: Path) -> None:
    text = "---\ntitle: Tides\ndate:\n  created: 2023-01-31\n  updated: 2023-02-01\n---\nBody.\n"
    assert read_review(write_in(tmp_path, "tides.md", text)).date == datetime(2023, 1, 31, tzinfo=UTC)
    only_updated = "---\ntitle: Tides\ndate:\n  updated: 2023-02-01\n---\nBody.\n"
    review = read_review(write_in(tmp_path, "later.md", only_updated))
    assert review.date == datetime(2023, 2, 1, tzinfo=UTC)
    assert any("last change" in guess for guess in review.guesses)


@pytest.mark.parametrize(
    "value", ["today", "last-modified", "Last Modified", "git Created", '"`r Sys.Date()`"']
)
def test_a_date_worked_out_at_build_time_is_no_date(tmp_path: Path, value: str) -> None:
    review = read_review(
        write_in(tmp_path, "2021-06-02-tides.qmd", f"---\ntitle: Tides\ndate: {value}\n---\nBody.\n")
    )
    assert review.date == datetime(2021, 6, 2, tzinfo=UTC)  # the file name's, as a guess
    assert any("worked out when the site is built" in guess for guess in review.guesses)


def test_a_wrong_date_is_still_refused(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="not a valid date"):
        read_review(write_in(tmp_path, "tides.md", "---\ntitle: Tides\ndate: soon-ish\n---\nBody.\n"))


def test_a_shell_test_in_brackets_is_no_wiki_link(tmp_path: Path) -> None:
    assert not has_wiki_links("if [[ -f notes.txt ]]; then echo yes; fi")
    text = "Check the file first and only then\nrun: [[ -f notes.txt ]] && cat notes.txt\n"
    assert (
        read_review(write_in(tmp_path, "check_first.txt", text)).title == "Check the file first and only then"
    )


def test_front_matter_over_an_org_body(tmp_path: Path) -> None:
    text = "---\ntitle: Moths\ndate: 2024-02-17\n---\n#+OPTIONS: toc:nil\n\n** Lamps\n\nSee [[https://example.org][the list]].\n"
    review = read_review(write_in(tmp_path, "moths.org", text))
    assert review.title == "Moths"
    assert "### Lamps" in review.body and "[the list](https://example.org)" in review.body
    assert "#+OPTIONS" not in review.body
    markdown = read_review(write_in(tmp_path, "plain.md", "---\ntitle: Moths\n---\n# Lamps\n\n** not org\n"))
    assert "** not org" in markdown.body
