"""Org, outliner properties, fenced or indented headers and ikiwiki directives (digest.sources.notes)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from digest.errors import ContentError
from digest.sources.notes import (
    fenced_front_matter,
    has_wiki_links,
    ikiwiki_directives,
    indented_header,
    jbake_header,
    json_front_matter,
    org_header,
    org_to_markdown,
    page_name,
    page_properties,
    pandoc_title_block,
    wiki_links_as_text,
)
from digest.sources.reviews import read_review, sniff
from tests.helpers import ends_in_time, write_in


@pytest.mark.parametrize("unit", ["[[", "[[!meta "])
def test_a_post_of_repeated_double_brackets_is_read_in_time(tmp_path: Path, unit: str) -> None:
    text = unit * (150_000 // len(unit))  # a linear reading takes a fraction of a second
    ends_in_time(tmp_path, "brackets.md", text, "digest.sources.reviews.read_review", limit=20)


def test_a_page_of_seventy_thousand_ikiwiki_tags_is_read_in_time(tmp_path: Path) -> None:
    text = '[[!meta title="Tags"]]\n' + "[[!tag a b c]]\n" * 66_000  # just under the 1 MB limit
    ends_in_time(tmp_path, "tags.mdwn", text, "digest.sources.reviews.read_review", limit=15)


def test_ikiwiki_directives_shown_in_a_code_block_are_an_example_not_the_posts_metadata(
    tmp_path: Path,
) -> None:
    path = tmp_path / "post.md"
    path.write_text(
        '# How I use ikiwiki\n\nWrite this:\n\n    [[!meta title="Other title"]]\n'
        '    [[!meta date="2001-01-01"]]\n\nand that is it.\n',
        encoding="utf-8",
    )
    review = read_review(path)
    assert (review.title, review.date) == ("How I use ikiwiki", None)
    assert '[[!meta title="Other title"]]' in review.body


def test_a_directive_in_a_fence_under_front_matter_gives_no_date(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text(
        '---\ntitle: Using ikiwiki\n---\nWrite `[[!meta title="Other"]]` at the top:\n\n'
        '```\n[[!meta date="2001-01-01"]]\n```\n',
        encoding="utf-8",
    )
    review = read_review(path)
    assert (review.title, review.date) == ("Using ikiwiki", None)


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


ADVISORY = (
    '```toml\n[advisory]\nid = "TIDE-2021-0003"\npackage = "tides"\ndate = "2021-01-08"\n'
    'keywords = ["overflow", "unsound"]\n\n[versions]\npatched = [">= 1.6.1"]\n```\n\n'
    "# Buffer overflow in Tide::insert_many\n\nA bug.\n"
)


def test_fenced_toml_with_its_fields_in_a_table_over_an_h1(tmp_path: Path) -> None:
    """RustSec's advisories: TOML in a fence, its fields in an `[advisory]` table, the title the
    H1 under it."""
    header = fenced_front_matter(ADVISORY)
    assert header is not None and header.meta["date"] == "2021-01-08" and header.meta["versions"]
    review = read_review(write_in(tmp_path, "TIDE-2021-0003.md", ADVISORY))
    assert (review.title, review.date, review.tags) == (
        "Buffer overflow in Tide::insert_many",
        datetime(2021, 1, 8, tzinfo=UTC),
        ("overflow", "unsound"),
    )
    assert review.body.strip() == "A bug."


def test_a_fenced_table_without_a_title_over_it_is_no_front_matter() -> None:
    assert fenced_front_matter(ADVISORY.replace("# Buffer", "Buffer")) is None  # no H1 under it
    assert fenced_front_matter(ADVISORY.replace('date = "2021-01-08"\n', "")) is None  # no date


def test_a_code_block_opening_a_post_is_no_front_matter() -> None:
    assert fenced_front_matter("```python\ntitle = 'x'\n```\n") is None
    assert fenced_front_matter("```toml\n[server]\nport = 80\n```\n") is None  # no title
    assert fenced_front_matter("```toml\ntitle = 'never closed'\n") is None


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


# --- JBake: key=value lines closed by a line of tildes ---------------------------------------------

JBAKE_POST = "title=Tide tables, read right\t\ndate=2021-03-08\ntype=post\ntags=tides, harbours\nstatus=published\nauthor=Ann Lee\n~~~~~~\n\nHarbour masters publish tide tables every week.\n"


def test_a_jbake_header_gives_title_date_author_and_tags(tmp_path: Path) -> None:
    review = read_review(write_in(tmp_path, "tides.md", JBAKE_POST))
    assert (review.title, review.author, review.tags) == (
        "Tide tables, read right",
        "Ann Lee",
        ("tides", "harbours"),
    )
    assert review.date == datetime(2021, 3, 8, tzinfo=UTC)
    assert review.body.strip() == "Harbour masters publish tide tables every week."
    assert not review.draft


def test_a_jbake_page_without_a_date_has_none_and_a_draft_is_a_draft(tmp_path: Path) -> None:
    text = "title=Apache Tides 13 released\t\t\ntype=page\nstatus=draft\n~~~~~~\n\nThe release.\n"
    review = read_review(write_in(tmp_path, "news.md", text))
    assert (review.title, review.date, review.draft) == ("Apache Tides 13 released", None, True)


@pytest.mark.parametrize(
    "text",
    [
        "a=1\nb=2\n\n~~~~~~\nText.\n",  # a blank line before the tildes: no header
        "Some prose first.\ntitle=T\n~~~~~~\n",
        "title=T\n",  # no closing line
        "~~~~~~\ncode\n~~~~~~\n",  # a fenced block
    ],
)
def test_what_is_no_jbake_header(text: str) -> None:
    assert jbake_header(text) is None


# --- wiki links in a note's text -------------------------------------------------------------------


NOTE_WITH_WIKI_LINKS = (
    "# Planning meeting\n\n"
    "Present: Ann, Bo\n\n"
    "- [[Roadmap]]: what ships in May\n"
    "- see [[Release notes|the notes]] and [[Design review#Risks]]\n"
    "- the [[Index | notes/index.md]] page and [[Vendors|https://example.org/vendors]]\n"
    "- ![[diagram.png]] stays an embed\n\n"
    "Run `if [[ -n $x ]]` and match [[:space:]] with grep:\n\n"
    "```\n[[ -f build ]] && echo [[Roadmap]]\n```\n\n"
    '[//begin]: # "Autogenerated link references for markdown compatibility"\n'
    '[Roadmap]: roadmap.md "Roadmap"\n'
    '[//end]: # "Autogenerated link references"\n'
)


def test_wiki_links_in_a_note_are_shown_as_their_text() -> None:
    """The page a `[[link]]` names is a note of the writer's notebook, not a page of the digest:
    a reader sees the link's text (the alias after `|` as Obsidian, Foam, MediaWiki and Zim write
    it, the other side when one side is a path or an address), and a link to a web address stays
    a link; code and `![[embeds]]` are left as written."""
    text, count = wiki_links_as_text(NOTE_WITH_WIKI_LINKS)
    assert "- Roadmap: what ships in May\n" in text
    assert "- see the notes and Design review > Risks\n" in text
    assert "- the Index page and [Vendors](https://example.org/vendors)\n" in text
    assert "![[diagram.png]] stays an embed" in text
    assert "`if [[ -n $x ]]`" in text and "[[ -f build ]] && echo [[Roadmap]]" in text
    assert "match [[:space:]] with grep" in text  # a POSIX character class, no link
    assert count == 5


@pytest.mark.parametrize(
    "code",
    [
        'Take the first element:\n\n    first <- parts[[1]]\n    column <- table[["name"]]\n\nDone.\n',
        "1. Take it:\n\n    ```r\n    first <- parts[[1]]\n    ```\n",
        "> Quoted:\n>\n>     first <- parts[[1]]\n",
        "- Nested:\n\n  > ```lua\n  > s = [[long string]]\n  > ```\n",
        "Raw HTML:\n\n<pre>\nfirst <- parts[[1]]\n</pre>\n",
        "Raw HTML:\n\n<pre>\nfirst <- parts[[1]]\nlast <- parts[[2]]</pre>\n",  # on its closing line
        "<pre>parts[[1]]</pre>\n",
    ],
)
def test_wiki_link_brackets_in_any_code_block_are_left_as_written(code: str) -> None:
    """Only fences at a line's start were known as code: an R post's indented code block lost
    its brackets (`parts[[1]]` became `parts1`, `table[["name"]]` `table"name"`), as did a code
    block in a list or a quote. Code blocks are the ones the Markdown parser finds."""
    assert wiki_links_as_text(code) == (code, 0)


def test_wiki_links_beside_an_indented_code_block_are_still_text() -> None:
    text = "See [[Roadmap]].\n\n    parts[[1]]\n\nAnd [[Release notes|the notes]].\n"
    assert wiki_links_as_text(text) == ("See Roadmap.\n\n    parts[[1]]\n\nAnd the notes.\n", 2)


def test_wiki_links_after_raw_html_are_still_text() -> None:
    text = "<pre>\nparts[[1]]\n</pre>\nSee [[Roadmap]].\n"
    assert wiki_links_as_text(text) == ("<pre>\nparts[[1]]\n</pre>\nSee Roadmap.\n", 1)


def test_a_note_with_wiki_links_reads_them_as_text(tmp_path: Path) -> None:
    review = read_review(write_in(tmp_path, "planning-meeting.md", NOTE_WITH_WIKI_LINKS))
    assert review.title == "Planning meeting"
    prose = review.html.split("<pre>")[0]
    assert "[[" not in prose.replace("![[diagram.png]]", "").replace("[[ -n", "").replace("[[:space:]]", "")
    assert 'href="roadmap.md"' not in review.html
    assert any("wiki link" in note for note in review.guesses)


def test_a_megabyte_of_wiki_link_openings_and_code_lines_is_read_in_time(tmp_path: Path) -> None:
    text = "# Openings\n\n" + "[[a]] [[b\n\n    c[[1]]\n\n" * 40_000
    ends_in_time(tmp_path, "openings.md", text, "digest.sources.reviews.read_review")


FOAM_NOTE = (
    "# 2024-03-05\n\n"
    "- [ ] call [[Dana]] about the #garden plan\n"
    "- read [[Soil]] notes #reading/books, again #garden\n"
    "- not tags: issue #1984, page.html#top, C#, `#code`, and\n\n"
    "```sh\n# a comment #shell\n```\n\n"
    "## A heading\n"
)
FOAM_LINKS = (
    '\n[//begin]: # "Autogenerated link references for markdown compatibility"\n'
    '[Dana]: ../dana "Dana"\n[//end]: # "Autogenerated link references"\n'
)


def test_a_notes_inline_hashtags_are_its_tags(tmp_path: Path) -> None:
    """Foam and Obsidian list a note's `#tags` written in its text (a letter or digit run after
    '#', with '/' for nesting, at least one non-digit) as its tags, after any in front matter;
    a '#' inside a word or an address, a heading's '#', and code are no tag. A note is known as
    theirs by Foam's block of autogenerated link references, or by the `.obsidian` folder of the
    vault it is in: elsewhere (a GitHub wiki page, a post) '#Jekyll' may be a chat channel."""
    foam = read_review(write_in(tmp_path, "2024-03-05.md", FOAM_NOTE + FOAM_LINKS))
    assert foam.tags == ("garden", "reading/books")
    tagged = "---\ntags: [plans, Garden]\n---\n" + FOAM_NOTE + FOAM_LINKS
    assert read_review(write_in(tmp_path, "tagged.md", tagged)).tags == ("plans", "Garden", "reading/books")
    vault = tmp_path / "vault"
    (vault / ".obsidian").mkdir(parents=True)
    (vault / ".obsidian" / "app.json").write_text("{}\n")
    (vault / "daily").mkdir()
    assert read_review(write_in(vault / "daily", "2024-03-05.md", FOAM_NOTE)).tags == (
        "garden",
        "reading/books",
    )
    wiki = tmp_path / "wiki"
    wiki.mkdir()
    assert read_review(write_in(wiki, "Home.md", FOAM_NOTE)).tags == ()
