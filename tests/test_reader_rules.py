"""Each reading rule on synthetic input written for these tests: titles, plain text, MDX,
front matter, dates found outside a date key, signatures and images."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from digest.errors import ContentError
from digest.sources import plaintext
from digest.sources.reviews import ReviewSettings, read_review


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


LONG = "A paragraph of the article that goes on long enough to read as prose, not as a heading. " * 2


# --- Markdown titles: the parser's first level-1 heading ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "<!---\n Licensed under the Apache License.\n-->\nHarbour notes \n======\n\nText.\n",
        "\ufeff# Harbour notes\n\nText.\n",
        "\n\n<!-- draft -->\n\n# Harbour notes #\n\nText.\n",
        "[//]: # (Copyright 2020 the authors)\n\nHarbour notes\n=============\nText.\n",
        "<h1>Harbour notes</h1>\n\nText.\n",
        '<!-- logo -->\n<h1 align="center">\n  Harbour <em>notes</em>\n</h1>\n\nText.\n',
    ],
    ids=[
        "setext-after-licence-comment",
        "atx-after-bom",
        "closed-atx-after-comment",
        "setext-after-link-definition",
        "html-h1-block",
        "html-h1-block-over-lines-after-comment",
    ],
)
def test_markdown_title_from_the_parser(tmp_path: Path, text: str) -> None:
    review = read_review(write(tmp_path, "note.md", text))
    assert review.format == "markdown"
    assert review.title == "Harbour notes"
    assert "<h1" not in review.html and "Text." in review.html


def test_an_html_h1_is_a_title_only_as_the_first_block(tmp_path: Path) -> None:
    text = "Intro paragraph.\n\n<h1>Not the title</h1>\n\n# The title\n\nText.\n"
    assert read_review(write(tmp_path, "note.md", text)).title == "The title"


def test_only_a_top_level_heading_outside_code_is_a_title(tmp_path: Path) -> None:
    text = "```sh\n# not a title\n```\n\n> # quoted, not a title\n\n# The title\n\nBody **text**.\n"
    review = read_review(write(tmp_path, "note.md", text))
    assert review.title == "The title"
    assert "# not a title" in review.body and "quoted, not a title" in review.html


def test_title_text_is_what_the_reader_sees(tmp_path: Path) -> None:
    review = read_review(write(tmp_path, "note.md", "# Tides &amp; *currents*\n\nText.\n"))
    assert review.title == "Tides & currents"


def test_jekyll_post_without_a_title_takes_its_file_name(tmp_path: Path) -> None:
    review = read_review(
        write(tmp_path, "2010-01-09-timezone-override.markdown", "Some **bold** words.\n\nMore.\n")
    )
    assert review.title == "Timezone Override"
    assert any("title taken from the file name" in guess for guess in review.guesses)


def test_markdown_without_any_title_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="no title"):
        read_review(write(tmp_path, "notes.md", "Some **bold** text and [a link](https://example.org).\n"))


# --- plain text -----------------------------------------------------------------------------------


def test_underlined_title_subtitle_and_sections() -> None:
    text = (
        "Harbour Advisory\n================\n\nTides and moorings\n------------------\n\n"
        f"{LONG}\n\nMoorings\n^^^^^^^^\n\n{LONG}\n\nAnchors\n~~~~~~~\n\n{LONG}\n"
    )
    result = plaintext.structure(text)
    assert result is not None
    assert result.title == "Harbour Advisory"
    assert result.markdown.startswith("*Tides and moorings*\n")  # a subtitle, not a second title
    assert "## Moorings" in result.markdown and "### Anchors" in result.markdown
    assert "===" not in result.markdown and "---\n" not in result.markdown


UNDERLINED_ADVISORY = (
    "Harbour Advisory\n================\n\n1. The cost\n\n"
    f"{LONG}\n\n2. The tides\n\nTables at https://example.org/tides  for every berth.\n"
)


def test_an_underlined_title_keeps_a_text_file_plain_text(tmp_path: Path) -> None:
    """In a `.txt` file the underline is plain text's own mark of a title: no sign of Markdown,
    so the numbered section lines stay headings and the bare address a link."""
    review = read_review(write(tmp_path, "advisory.txt", UNDERLINED_ADVISORY))
    assert review.format == "plain-text"
    assert review.title == "Harbour Advisory"
    assert "<ol" not in review.html
    assert ">1. The cost</h2>" in review.html and ">2. The tides</h2>" in review.html
    assert '<a href="https://example.org/tides">' in review.html


def test_an_underlined_title_in_a_markdown_file_is_markdown(tmp_path: Path) -> None:
    review = read_review(write(tmp_path, "advisory.md", UNDERLINED_ADVISORY))
    assert review.format == "markdown"
    assert review.title == "Harbour Advisory"
    assert "<ol" in review.html  # CommonMark's numbered list, as the writer of a .md file means


@pytest.mark.parametrize(
    "sign",
    [
        "## Berths\n",
        "See [the tables](https://example.org/tides).\n",
        "```\nberth 4\n```\n",
        "> A quoted line\n",
    ],
    ids=["atx-heading", "markdown-link", "fence", "block-quote"],
)
def test_a_text_file_with_another_sign_of_markdown_is_markdown(tmp_path: Path, sign: str) -> None:
    """Only the underline loses its weight in a `.txt` file: Markdown's other marks still say
    the text is Markdown, whatever its name (the seeds' README: the extension is no guide)."""
    review = read_review(
        write(tmp_path, "advisory.txt", f"Harbour Advisory\n================\n\n{sign}\n{LONG}\n")
    )
    assert review.format == "markdown"
    assert review.title == "Harbour Advisory"


def test_indented_block_after_a_colon_stays_code() -> None:
    text = (
        "Title\n\nRun it like this:\n    my_tool --dry_run file_name\n    other_tool\n\nThen read the log.\n"
    )
    result = plaintext.structure(text)
    assert result is not None
    assert "```text\nmy_tool --dry_run file_name\nother_tool\n```" in result.markdown
    assert "\\_" not in result.markdown.split("```text")[1]


def test_addresses_in_angle_brackets_stay_visible_text(tmp_path: Path) -> None:
    review = read_review(
        write(tmp_path, "note.txt", f"Title\n\nWrite to Ann <ann@example.org> today. {LONG}\n")
    )
    assert "Ann &lt;" in review.html and "ann@example.org" in review.html and "&gt; today" in review.html


def test_rest_field_list_after_the_title_is_metadata(tmp_path: Path) -> None:
    text = "Moorings in winter\n##################\n\n:date: 2014-02-09 02:20\n:authors: Lee, Ann; Okafor, Mira\n\nText.\n"
    review = read_review(write(tmp_path, "post.rst", text))
    assert review.title == "Moorings in winter"
    assert review.date == datetime(2014, 2, 9, 2, 20, tzinfo=UTC)
    assert review.author == "Lee, Ann; Okafor, Mira"
    assert ":date:" not in review.body


# --- MDX ------------------------------------------------------------------------------------------


MDX = """---
title: Tabs
---

import Tabs from '@theme/Tabs';
import TabItem from '@theme/TabItem';

export const Highlight = ({children}) => (
  <span>{children}</span>
);

{/* an editor's note */}

Pick <Highlight color="#25c2a0">one</Highlight> of these:

<Tabs>
    <TabItem value="a" label="A">Apples are red.</TabItem>
</Tabs>

```jsx
import X from 'y';
<Tabs>code</Tabs>
```

A `List<String>` stays.
"""


@pytest.mark.parametrize("name", ["post.mdx", "post.md"])
def test_mdx_modules_and_components_never_reach_the_output(tmp_path: Path, name: str) -> None:
    review = read_review(write(tmp_path, name, MDX))
    assert "import Tabs" not in review.html.split("<pre")[0] and "export const" not in review.html
    assert "Highlight" not in review.body.split("```")[0] and "editor's note" not in review.html
    assert "Pick one of these:" in review.html and "Apples are red." in review.html
    assert "<pre>" not in review.html.split("Apples")[0]  # the component's text is not read as code
    assert "import X from 'y';\n&lt;Tabs&gt;code&lt;/Tabs&gt;" in review.html  # code as written
    assert "List&lt;String&gt;" in review.html


CARDS = """---
title: Harbour guide
---

import { Card, CardGrid } from './cards';

<CardGrid>
	<Card title="Tides" icon="moon">
		Twice a day the water comes in
		and twice it goes out.
	</Card>
	<Card title="Boats">
		Moor at the north wall.
	</Card>
</CardGrid>

<Quote
  name="Ana"
>
    The harbour master is kind.

    Ask for the key at noon.
</Quote>

```sh
    indented inside a fence stays
```
"""


def test_text_indented_inside_mdx_components_is_no_code(tmp_path: Path) -> None:
    """MDX has no indented code (mdxjs.com, "What is MDX?"): text indented under a component
    tag is the component's text, read as paragraphs."""
    review = read_review(write(tmp_path, "guide.mdx", CARDS))
    prose = review.html.split("<pre><code class=")[0]
    assert "<pre>" not in prose and "<code>" not in prose
    assert "<p>Twice a day the water comes in\nand twice it goes out.</p>" in prose
    assert "<p>The harbour master is kind.</p>" in prose and "<p>Ask for the key at noon.</p>" in prose
    assert '<code class="language-sh">    indented inside a fence stays' in review.html


NESTED_CARDS = """import { Aside } from '@astrojs/starlight/components';

# Tides

- Before you sail:

  <Aside>
      Check the tide table at the harbour office.
  </Aside>

> <Aside type="note">
>     The ferry leaves at noon.
> </Aside>
"""


def test_text_indented_inside_mdx_components_in_lists_and_quotes_is_no_code(tmp_path: Path) -> None:
    """MDX has no indented code anywhere, not only at the document's top level: text indented
    under a component in a list item or a block quote stays that item's or quote's text."""
    review = read_review(write(tmp_path, "guide.mdx", NESTED_CARDS))
    assert "<pre>" not in review.html and "<code>" not in review.html
    assert "Check the tide table at the harbour office." in review.html
    assert "<blockquote>" in review.html and "<p>The ferry leaves at noon.</p>" in review.html
    item = review.html.split("<li>")[1].split("</li>")[0]
    assert "Check the tide table" in item


def test_indented_code_in_plain_markdown_stays_code(tmp_path: Path) -> None:
    text = "---\ntitle: Harbour guide\n---\n\nRun this:\n\n    moor --north\n"
    assert "<pre><code>moor --north" in read_review(write(tmp_path, "guide.md", text)).html


JSX_COMMENT_IN_MD = """---
title: Stew
---

The summary of the post.

{/* truncate */}

The rest, with a comment {/* kept inline */} in a sentence.

```mdx
{/* truncate */}
```
"""


def test_a_line_holding_only_a_jsx_comment_is_mdxs_comment_in_a_md_file(tmp_path: Path) -> None:
    # Docusaurus reads .md files as MDX by default: its truncate marker `{/* truncate */}`
    # shows nothing. A sentence's braces, and code, stay as written.
    review = read_review(write(tmp_path, "post.md", JSX_COMMENT_IN_MD))
    prose = review.html.split("<pre")[0]
    assert "truncate" not in prose and "{/* kept inline */}" in prose
    assert "{/* truncate */}" in review.html.split("<pre")[1]
    assert "truncate" not in review.excerpt


# --- front matter ---------------------------------------------------------------------------------


def test_docfx_indented_front_matter_and_month_first_ms_date(tmp_path: Path) -> None:
    text = "---\n    title: Planning\n    ms.date: 04/01/2021\n    author: someone\n---\n# Other heading\n\nText.\n"
    review = read_review(write(tmp_path, "doc.md", text))
    assert review.title == "Planning" and review.date == datetime(2021, 4, 1, tzinfo=UTC)
    assert review.guesses == ()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("created: 2020-05-06", datetime(2020, 5, 6, tzinfo=UTC)),
        ('date: "12/20/2024"', datetime(2024, 12, 20, tzinfo=UTC)),
        ("date: 2014-11-05 10:48:22 -0800", datetime.fromisoformat("2014-11-05T10:48:22-08:00")),
        ("pubDate: Tue, 07 Apr 2014 10:00:00 +0000", datetime(2014, 4, 7, 10, tzinfo=UTC)),
    ],
)
def test_date_keys_and_string_forms(tmp_path: Path, line: str, expected: datetime) -> None:
    review = read_review(write(tmp_path, "post.md", f"---\ntitle: T\n{line}\n---\nText.\n"))
    assert review.date == expected


def test_last_modified_is_a_guessed_date_when_nothing_says_when_it_was_published(tmp_path: Path) -> None:
    review = read_review(write(tmp_path, "post.md", "---\ntitle: T\nlastmod: 2021-06-01\n---\nText.\n"))
    assert review.date == datetime(2021, 6, 1, tzinfo=UTC)
    assert any("'lastmod'" in guess and "check it" in guess for guess in review.guesses)
    both = read_review(
        write(tmp_path, "both.md", "---\ntitle: T\nupdated: 2021-06-01\ndate: 2020-01-02\n---\nText.\n")
    )
    assert both.date == datetime(2020, 1, 2, tzinfo=UTC) and both.guesses == ()


def test_ambiguous_front_matter_date_follows_the_site_language(tmp_path: Path) -> None:
    path = write(tmp_path, "post.md", "---\ntitle: T\ndate: 03/04/2025\n---\nText.\n")
    british = read_review(path, ReviewSettings(language="en"))
    american = read_review(path, ReviewSettings(language="en-US"))
    assert british.date == datetime(2025, 4, 3, tzinfo=UTC) and american.date == datetime(
        2025, 3, 4, tzinfo=UTC
    )
    assert any("could be read day or month first" in guess for guess in british.guesses)


def test_front_matter_opener_with_a_trailing_space_and_toml_through_tomllib(tmp_path: Path) -> None:
    yaml_review = read_review(write(tmp_path, "a.md", "--- \ntitle: Spaced\n---\nText.\n"))
    toml_review = read_review(write(tmp_path, "b.md", '+++\ntitle = "Toml"\ndate = 2020-01-02\n+++\nText.\n'))
    assert yaml_review.title == "Spaced"
    assert toml_review.title == "Toml" and toml_review.date == datetime(2020, 1, 2, tzinfo=UTC)


def test_yaml_aliases_are_read_while_they_expand_to_little(tmp_path: Path) -> None:
    text = "---\ntitle: T\na: &x [1, 2]\nb: *x\n---\nText.\n"
    assert read_review(write(tmp_path, "post.md", text)).title == "T"


def test_yaml_aliases_expanding_far_are_refused_at_the_first_alias(tmp_path: Path) -> None:
    levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for previous, name in zip("abcd", "bcde", strict=True):
        levels.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 10)}]")
    text = "---\ntitle: T\n" + "\n".join(levels) + "\n---\nText.\n"
    with pytest.raises(ContentError, match="aliases") as caught:
        read_review(write(tmp_path, "post.md", text))
    assert caught.value.line == 4


def test_pelican_header_with_continuation_lines(tmp_path: Path) -> None:
    text = "Title: Moorings\nDate: 2012-10-31\nSummary:\n    A first line\n    and a second.\n\nText.\n"
    review = read_review(write(tmp_path, "post.md", text))
    assert review.title == "Moorings" and review.description == "A first line and a second."


def test_nikola_metadata_as_bare_rest_comments(tmp_path: Path) -> None:
    text = ".. title: Moorings\n.. date: 2012-03-30 23:00:00 UTC-03:00\n.. author: Ann Lee\n\nText.\n"
    review = read_review(write(tmp_path, "post.rst", text))
    assert review.title == "Moorings" and review.author == "Ann Lee"
    assert review.date == datetime.fromisoformat("2012-03-30T23:00:00-03:00")


# --- dates found outside a date key, each a guess ----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected", "where"),
    [
        ("2014-11-06-tide-tables.md", datetime(2014, 11, 6, tzinfo=UTC), "the file name"),
        ("20211118_Notes.md", datetime(2021, 11, 18, tzinfo=UTC), "the file name"),
        ("2016-10-08_a-post.md", datetime(2016, 10, 8, tzinfo=UTC), "the file name"),
        ("2021-08-26-welcome/index.mdx", datetime(2021, 8, 26, tzinfo=UTC), "the folder name"),
    ],
)
def test_date_from_the_file_name(tmp_path: Path, name: str, expected: datetime, where: str) -> None:
    review = read_review(write(tmp_path, name, "# Tides\n\nText without a date.\n"))
    assert review.date == expected
    stem = Path(name).parts[0].split(".")[0]
    assert review.guesses == (f"date taken from {where} '{stem}' (usually right); check it",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Advisory [07 Apr 2014]\n======================\n\nText.\n", datetime(2014, 4, 7, tzinfo=UTC)),
        ("# Tides\n\nPosted on November 18, 2021 by Ann\n\nText.\n", datetime(2021, 11, 18, tzinfo=UTC)),
        (f"# Tides\n\n{LONG}\n\nLast updated: 2006-May-28\n", datetime(2006, 5, 28, tzinfo=UTC)),
    ],
    ids=["title", "first-line", "trailer"],
)
def test_date_from_the_title_first_lines_or_trailer(tmp_path: Path, text: str, expected: datetime) -> None:
    review = read_review(write(tmp_path, "note.md", text))
    assert review.date == expected
    assert len(review.guesses) == 1 and review.guesses[0].startswith("date taken from the ")


def test_prose_with_numbers_gives_no_date(tmp_path: Path) -> None:
    review = read_review(
        write(tmp_path, "note.md", f"# Tides\n\nWe ran on 1 of 3 servers in 2021.\n\n{LONG}\n")
    )
    assert review.date is None and review.guesses == ()


def test_a_given_date_is_not_a_guess(tmp_path: Path) -> None:
    review = read_review(write(tmp_path, "2014-11-06-x.md", "---\ntitle: T\ndate: 2020-01-02\n---\nText.\n"))
    assert review.date == datetime(2020, 1, 2, tzinfo=UTC) and review.guesses == ()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("*Geschrieben am 3. März 2021*", datetime(2021, 3, 3, tzinfo=UTC)),
        ("Publié le 11 juin 2020", datetime(2020, 6, 11, tzinfo=UTC)),
        ("_Publicado el 24 de octubre de 2025_", datetime(2025, 10, 24, tzinfo=UTC)),
    ],
    ids=["german", "french", "spanish"],
)
def test_a_date_in_words_of_another_language_under_the_title(
    tmp_path: Path, line: str, expected: datetime
) -> None:
    review = read_review(write(tmp_path, "note.md", f"# Hafen\n\n{line}\n\n{LONG}\n"))
    assert review.date == expected
    assert any(guess.startswith("date taken from the line") for guess in review.guesses)


# --- authors from a byline under the title ------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("by Ann Lee", "Ann Lee"),
        ("*By Ann Lee and Bo Chen*", "Ann Lee and Bo Chen"),
        ("Posted on November 18, 2021 by Ann", "Ann"),
        ("*Geschrieben am 3. März 2021 von Anna Weber*", "Anna Weber"),
        ("Publié le 11 juin 2020 par Jean Dupont", "Jean Dupont"),
        ("Written by Ann Lee", "Ann Lee"),
    ],
    ids=["by", "two-names", "dated-one-word", "german-dated", "french-dated", "written-by"],
)
def test_a_byline_without_a_label_under_the_title(tmp_path: Path, line: str, expected: str) -> None:
    review = read_review(write(tmp_path, "note.md", f"# Hafen\n\n{line}\n\n{LONG}\n"))
    assert review.author == expected
    assert not any("author" in guess for guess in review.guesses)


@pytest.mark.parametrize(
    "line",
    ["By the Numbers", "Photo by Ann Lee", "Stand by Me", "by admin", "Geschrieben von Hand", "By Design"],
)
def test_a_line_with_by_that_names_no_writer_is_no_byline(tmp_path: Path, line: str) -> None:
    assert read_review(write(tmp_path, "note.md", f"# Hafen\n\n{line}\n\n{LONG}\n")).author is None


@pytest.mark.parametrize(
    "heading",
    ["## By Popular Demand", "By Popular Demand\n-----------------", "### Written by Night Owls"],
    ids=["atx-heading", "setext-heading", "written-by-heading"],
)
def test_a_heading_under_the_title_is_no_byline(tmp_path: Path, heading: str) -> None:
    # A section's heading with 'by' and capitalised words is the section's title, as a name
    # beside the date never is a heading's words.
    assert read_review(write(tmp_path, "note.md", f"# Hafen\n\n{heading}\n\n{LONG}\n")).author is None


@pytest.mark.parametrize(
    "header",
    ["Ann Lee\n\nLast updated: March 4, 2021", "Ann Lee\n[From the Gazette, 4 March 2021]"],
    ids=["design-doc", "source-line"],
)
def test_a_name_alone_beside_the_date_under_the_title_is_the_author(tmp_path: Path, header: str) -> None:
    review = read_review(write(tmp_path, "note.md", f"# Hafen\n\n{header}\n\n{LONG}\n"))
    assert review.author == "Ann Lee" and review.date == datetime(2021, 3, 4, tzinfo=UTC)
    assert any(guess.startswith("author 'Ann Lee' taken from the name") for guess in review.guesses)


@pytest.mark.parametrize(
    "header",
    [
        "Ann Lee\n\nSome words of the opening paragraph follow here.",
        "## Getting Started\n\nLast updated: March 4, 2021",
        "Getting Started\n---------------\n\nLast updated: March 4, 2021",
        "The Harbour Team\n\nLast updated: March 4, 2021",
        "Last updated: March 4, 2021\n\n**Table of Contents**",
        "State of the Art\nMarch 4, 2021",
    ],
    ids=["no-date-beside", "atx-heading", "setext-heading", "determiner", "of-contents", "of-the-art"],
)
def test_a_name_alone_needs_the_date_beside_it_and_no_heading(tmp_path: Path, header: str) -> None:
    assert read_review(write(tmp_path, "note.md", f"# Hafen\n\n{header}\n\n{LONG}\n")).author is None


@pytest.mark.parametrize(
    "text",
    [
        "# Hafen\n\nAuthor(s): Ann Lee <ann@example.org>\n\nText.\n",
        "# Hafen\n\nAn opening paragraph.\n\nAuthor: Ann Lee <ann@example.org>\n\nText.\n",
        "# Hafen\n\nAuthor(s): Ann Lee &lt;ann@example.org&gt;\n\nText.\n",
    ],
    ids=["opening-byline", "byline-near-the-top", "brackets-as-entities"],
)
def test_a_labelled_byline_leaves_out_the_address_in_angle_brackets(tmp_path: Path, text: str) -> None:
    assert read_review(write(tmp_path, "note.md", text)).author == "Ann Lee"


@pytest.mark.parametrize(
    ("header", "author", "day"),
    [
        ("Ann Lee\n\nLast updated: March 4, 2021", "Ann Lee", 4),
        ("Author(s): Ann Lee <ann@example.org>\n\nLast updated: 2021-03-05", "Ann Lee", 5),
        ("by Ann Lee\n\nMarch 6, 2021", "Ann Lee", 6),
        ("*Geschrieben am 7. März 2021 von Anna Weber*", "Anna Weber", 7),
    ],
    ids=["name-beside-the-date", "labelled-and-dated", "by-and-date", "dated-byline"],
)
def test_header_lines_that_gave_the_byline_and_date_are_no_text(
    tmp_path: Path, header: str, author: str, day: int
) -> None:
    """The page shows the byline and date above the text: the lines they were read from would
    say them twice there, and open the card's excerpt."""
    text = f"# Hafen\n\n{header}\n\nDiscussion at the harbour office.\n\n## Summary\n\n{LONG}\n"
    review = read_review(write(tmp_path, "note.md", text))
    assert (review.author, review.date) == (author, datetime(2021, 3, day, tzinfo=UTC))
    assert review.excerpt.startswith("Discussion at the harbour office. A paragraph")
    assert "2021" not in review.html and author.split()[-1] not in review.html


@pytest.mark.parametrize(
    "header",
    [
        "Last updated: March 4, 2021",  # the date comes from the front matter
        "Ann Lee\n\nLast updated: March 4, 2021",
        "Updated on March 4, 2021 after the storm, with new berths",  # says more than a date
    ],
    ids=["date-field", "name-and-date-fields", "date-line-saying-more"],
)
def test_header_lines_that_gave_nothing_stay_text(tmp_path: Path, header: str) -> None:
    text = f"---\ntitle: Hafen\nauthor: Bo Chen\ndate: 2020-01-02\n---\n{header}\n\n{LONG}\n"
    review = read_review(write(tmp_path, "note.md", text))
    assert (review.author, review.date) == ("Bo Chen", datetime(2020, 1, 2, tzinfo=UTC))
    assert review.excerpt.startswith(" ".join(header.replace("\n\n", " ").split()))


def test_a_plain_text_header_line_that_gave_the_byline_is_no_text(tmp_path: Path) -> None:
    text = "\t\t   Harbour Notes \n\t\t\t  by Ann Lee\n\n\nThe harbour opened in the spring.\n"
    review = read_review(write(tmp_path, "NOTES", text))
    assert review.author == "Ann Lee"
    assert review.excerpt == "The harbour opened in the spring." and "Ann Lee" not in review.html


@pytest.mark.parametrize(
    ("opening", "kept"),
    [
        ("By Ann Lee", False),
        ("*by [Ann Lee](https://example.org/ann/).*", False),
        ("By Bo Chen", True),  # another writer: a guest's line under the editor's name
        ("By Ann Lee, who sailed the harbour for years", True),
        ("By design, the harbour closes at dusk.", True),
        ("By Ann Lee\nand Bo Chen, who sailed it", True),  # a paragraph's first line, not all of it
    ],
    ids=[
        "by-author",
        "linked-emphasised",
        "another-writer",
        "longer-line",
        "by-design",
        "paragraph-first-line",
    ],
)
def test_an_opening_line_naming_the_front_matter_author_is_no_text(
    tmp_path: Path, opening: str, kept: bool
) -> None:
    """The importer's rule (htmlpage.body_without_byline) when reading a review: the byline is
    the page's, shown above the text."""
    text = f"---\ntitle: Hafen\nauthor: Ann Lee\n---\n\n{opening}\n\n{LONG}\n"
    review = read_review(write(tmp_path, "note.md", text))
    assert review.author == "Ann Lee"
    assert (opening.split()[1].strip("[*,") in review.html) is kept
    assert review.excerpt.startswith("A paragraph") is not kept


def test_an_underlined_heading_naming_the_author_is_never_cut_from_its_underline(tmp_path: Path) -> None:
    """Its words alone taken out, the underline was left as a paragraph of '=' opening the page."""
    text = f"---\ntitle: Hafen\nauthor: Ann Lee\n---\n\nBy Ann Lee\n==========\n\n{LONG}\n"
    review = read_review(write(tmp_path, "note.md", text))
    assert "==" not in review.html and review.excerpt.startswith("A paragraph")


def test_centred_header_lines_of_a_plain_text_give_its_byline_and_date(tmp_path: Path) -> None:
    text = (
        "\t\t   Harbour Notes \n\t\t\t  by Ann Lee\n\t\t\t[From the Gazette, 4 March 1996]\n\n\n"
        "The harbour opened in the spring, and the boats came back\nwith the tide.\n"
    )
    review = read_review(write(tmp_path, "NOTES", text))
    assert (review.format, review.title, review.author) == ("plain-text", "Harbour Notes", "Ann Lee")
    assert review.date == datetime(1996, 3, 4, tzinfo=UTC)
    assert "<code>" not in review.html and "From the Gazette" in review.html


# --- authors from a signature -------------------------------------------------------------------


@pytest.mark.parametrize("ending", ["Cheers,\nAnn Lee\n", "--\nAnn Lee\n", "Thanks!\n\n-- Ann Lee\n"])
def test_author_from_a_signature_at_the_end(tmp_path: Path, ending: str) -> None:
    review = read_review(write(tmp_path, "note.md", f"# Tides\n\n{LONG}\n\n{ending}"))
    assert review.author == "Ann Lee"
    assert any("signature" in guess for guess in review.guesses)


@pytest.mark.parametrize(
    "ending", ["Copyright 2020 Ann Lee\n", "Cheers,\nCopyright (c) Harbour Ltd\n", "Cheers,\n"]
)
def test_a_copyright_line_is_not_an_author(tmp_path: Path, ending: str) -> None:
    review = read_review(write(tmp_path, "note.md", f"# Tides\n\n{LONG}\n\n{ending}"))
    assert review.author is None


def test_author_from_a_closing_byline_before_the_links_back(tmp_path: Path) -> None:
    # MDX's old blog: '---', 'Written by [Name](url)', then a link back to the blog.
    ending = "---\n\nWritten by [Ann Lee](https://example.org/ann)\n\n**[&lt; Back to blog](/blog)**\n"
    review = read_review(write(tmp_path, "note.mdx", f"[Blog](/blog)\n\n# Tides\n\n{LONG}\n\n{ending}"))
    assert review.author == "Ann Lee"
    assert any("closing byline" in guess for guess in review.guesses)


def test_an_author_key_wins_over_a_signature(tmp_path: Path) -> None:
    review = read_review(
        write(tmp_path, "n.md", f"---\ntitle: T\nauthor: Mira\n---\n{LONG}\n\nCheers,\nAnn Lee\n")
    )
    assert review.author == "Mira" and review.guesses == ()


# --- images ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "image", "alt"),
    [
        ("image: /img/a.png\nimage_alt: A harbour", "/img/a.png", "A harbour"),
        ("heroImage: ../../assets/b.jpg", "../../assets/b.jpg", None),
        ("cover:\n  image: c.webp\n  alt: Boats", "c.webp", "Boats"),
        ("featured_image: https://cdn.example.org/d.png", "https://cdn.example.org/d.png", None),
        ("thumbnail: e.png\nimage-alt: Quarto's alt", "e.png", "Quarto's alt"),
        ("images: [f.png, g.png]", "f.png", None),
    ],
)
def test_front_matter_images(tmp_path: Path, lines: str, image: str, alt: str | None) -> None:
    review = read_review(write(tmp_path, "post.md", f"---\ntitle: T\n{lines}\n---\nText.\n"))
    assert (review.image, review.image_alt) == (image, alt)
    assert review.summary().image == image


# --- front matter: SEO keywords are no tags; keys of another language are named --------------------


@pytest.mark.parametrize(
    "front_matter",
    [
        "---\ntitle: Tide tables\nkeywords: [tides, harbour, almanac]\n---\n",
        '+++\ntitle = "Tide tables"\nkeywords = ["tides", "harbour"]\n+++\n',
        '{\n  "title": "Tide tables",\n  "keywords": ["tides", "harbour"]\n}\n',
    ],
    ids=["yaml", "toml", "json"],
)
def test_keywords_alone_give_no_tags(tmp_path: Path, front_matter: str) -> None:
    """Hugo's `keywords` (like Docusaurus's, Pandoc's and Quarto's) are the page's meta keywords
    for search engines; Hugo's taxonomies are `tags` and `categories` unless a site declares
    otherwise in its configuration."""
    review = read_review(write(tmp_path, "tides.md", front_matter + "\nThe tide turned at noon.\n"))
    assert review.title == "Tide tables"
    assert review.tags == ()


def test_keywords_beside_tags_leave_the_tags_as_written(tmp_path: Path) -> None:
    text = "---\ntitle: Tide tables\nkeywords: [tides, almanac]\ntags: [harbour]\n---\n\nText.\n"
    assert read_review(write(tmp_path, "tides.md", text)).tags == ("harbour",)
    text = "---\ntitle: Tide tables\ntags: [harbour]\nkeywords: [tides, almanac]\n---\n\nText.\n"
    assert read_review(write(tmp_path, "tides.md", text)).tags == ("harbour",)


def test_an_html_posts_meta_keywords_are_its_tags(tmp_path: Path) -> None:
    """Pelican's HTML reader reads `<meta name="keywords">` as the tags."""
    text = (
        '<html><head><title>Tide tables</title><meta name="keywords" content="tides, harbour" />'
        '<meta name="date" content="2020-05-01" /></head><body><p>The tide turned.</p></body></html>\n'
    )
    assert read_review(write(tmp_path, "tides.html", text)).tags == ("tides", "harbour")


SPANISH_KEYS = "---\ntitulo: Marea alta\nfecha: 2023-02-11\nautor: ana\n---\n"


def test_front_matter_in_another_language_takes_the_posts_own_heading(tmp_path: Path) -> None:
    review = read_review(write(tmp_path, "marea.md", SPANISH_KEYS + "\n# Marea alta\n\nEl agua subió.\n"))
    assert review.title == "Marea alta"


def test_no_title_names_the_front_matter_keys_it_saw(tmp_path: Path) -> None:
    """No key list per language: the message names the keys so the writer sees which one is the
    title and can name it `title:`."""
    path = write(tmp_path, "marea.md", SPANISH_KEYS + "\nEl agua subió al mediodía.\n\nY bajó.\n")
    with pytest.raises(ContentError) as raised:
        read_review(path)
    message = str(raised.value)
    assert "marea.md" in message and "no title" in message
    assert "'titulo', 'fecha', 'autor'" in message and "title:" in message


def test_no_title_lists_at_most_a_few_keys_each_cut_short(tmp_path: Path) -> None:
    keys = "".join(f"clave{number}{'x' * 80}: valor\n" for number in range(20))
    path = write(tmp_path, "muchas.md", f"---\n{keys}---\n\nEl agua subió al mediodía.\n\nY bajó.\n")
    with pytest.raises(ContentError) as raised:
        read_review(path)
    message = str(raised.value)
    assert "clave0" in message and "clave19" not in message and "x" * 80 not in message
    assert "20 keys" in message


# --- heading attributes: `{#id}` after a heading is no text --------------------------------------

ATTRIBUTES = """---
title: Harbour guide
---

## How to read this guide {#how-to-read}

Text.

### Moorings ### {#moorings .wide}

Setext heading {#setext-id}
---------------------------

A sentence ending in braces {#not-a-heading}.

```md
## Example {#kept-in-code}
```
"""


def test_heading_attributes_are_no_heading_text(tmp_path: Path) -> None:
    """Pandoc's header attributes, kramdown's and Markdown Extra's `{#id}`, Hugo's (Goldmark's)
    heading attributes: the braces after a heading set its id and classes, and are not shown."""
    review = read_review(write(tmp_path, "guide.md", ATTRIBUTES))
    assert ">How to read this guide</h2>" in review.html and ">Moorings</h3>" in review.html
    assert ">Setext heading</h2>" in review.html
    assert "{#not-a-heading}." in review.html and "## Example {#kept-in-code}" in review.html
    assert [section.title for section in review.sections][:3] == [
        "How to read this guide",
        "Moorings",
        "Setext heading",
    ]


def test_a_heading_keeps_the_id_its_attributes_give(tmp_path: Path) -> None:
    """`{#id}` names the heading's anchor, which the post's own links (and other sites') use:
    the page's heading takes that id, not the one its title would give."""
    text = (
        "# Jobs\n\nSee [the policy](#pod-replacement-policy) and [Moorings](#moorings).\n\n"
        "## Política de reemplazo de Pod {#pod-replacement-policy}\n\nText.\n\n"
        "## Moorings {.wide}\n\nText.\n\n## Odd id {#a<b}\n\nText.\n"
    )
    review = read_review(write(tmp_path, "jobs.md", text))
    assert '<h2 id="pod-replacement-policy">Política de reemplazo de Pod</h2>' in review.html
    assert '<h2 id="moorings">Moorings</h2>' in review.html
    assert [section.anchor for section in review.sections] == ["pod-replacement-policy", "moorings", "odd-id"]
    assert '<h2 id="odd-id">Odd id</h2>' in review.html  # no id a page could hold safely: its own
    assert "heading-id" not in review.html + review.excerpt


def test_an_id_given_is_the_heading_s_even_where_an_earlier_title_would_take_it(tmp_path: Path) -> None:
    """The author's link to an id they gave leads to the heading they gave it: an earlier
    heading whose title makes the same slug takes the next one, not the other way round."""
    text = "# Guide\n\nSee [the notes](#notes).\n\n## Notes\n\nA.\n\n## Harbour notes {#notes}\n\nB.\n"
    review = read_review(write(tmp_path, "guide.md", text))
    assert [section.anchor for section in review.sections] == ["notes-2", "notes"]
    assert '<h2 id="notes">Harbour notes</h2>' in review.html


def test_a_forged_mark_gives_no_id_a_page_cannot_hold(tmp_path: Path) -> None:
    """The renderer's mark, written by hand in a heading with an id no attribute list may give
    ('a b', '"'), leaves the heading the id its title gives."""
    mark = "<!--heading-id:" + b'a "b'.hex() + "-->"
    review = read_review(write(tmp_path, "guide.md", f"# Guide\n\n## Moorings {mark}\n\nText.\n"))
    assert [section.anchor for section in review.sections] == ["moorings"]


def test_a_heading_in_an_admonition_loses_its_attributes_too(tmp_path: Path) -> None:
    """Python-Markdown's admonition indents its text, which CommonMark reads as code until the
    header is taken out: the braces of a heading inside were read before that, so kept."""
    text = '# Guide\n\n!!! note "Look"\n    ## Inside {#inside}\n\n    Text.\n'
    review = read_review(write(tmp_path, "guide.md", text))
    assert '<h2 id="inside">Inside</h2>' in review.html


def test_a_title_heading_loses_its_attributes(tmp_path: Path) -> None:
    review = read_review(write(tmp_path, "guide.md", "# Harbour guide {#top}\n\nText.\n"))
    assert review.title == "Harbour guide"


# --- an unresolved merge conflict is pointed out -----------------------------------------------

CONFLICT = """---
title: Harbour guide
---

<<<<<<< HEAD
The tide turns at noon.
=======
The tide turns at one.
>>>>>>> 6fc98fffdaad3b84e6093d1eb8def8f2cedeee16

More text.

```diff
<<<<<<< HEAD
an example in code
=======
another
>>>>>>> main
```
"""


def test_an_unresolved_merge_conflict_is_named_with_its_line(tmp_path: Path) -> None:
    """git's conflict markers (`<<<<<<<`, `=======`, `>>>>>>>` lines) left in a committed file:
    which side is meant only the writer knows, so the text stays and the note says where."""
    review = read_review(write(tmp_path, "guide.md", CONFLICT))
    conflicts = [note for note in review.guesses if "merge conflict" in note]
    assert len(conflicts) == 1 and conflicts[0].startswith("line 5:")
    assert "keep one side" in conflicts[0]


def test_lines_of_equals_signs_alone_are_no_conflict(tmp_path: Path) -> None:
    text = "---\ntitle: Harbour guide\n---\n\nHeading\n=======\n\nText.\n"
    assert not [note for note in read_review(write(tmp_path, "guide.md", text)).guesses if "conflict" in note]


def test_attribute_lists_after_links_and_pictures_are_no_text(tmp_path: Path) -> None:
    """Python-Markdown's attr_list (MkDocs), kramdown's `{:...}` and Pandoc's link attributes:
    braces right after a link or a picture set its attributes, and no generator shows them."""
    text = (
        "---\ntitle: Harbour guide\n---\n\n"
        "Read [the tables](tables.md){.internal-link target=_blank} first, "
        'then [the map](https://example.org/map "Map"){:target="_blank"}.\n\n'
        "![A tide chart](chart.png){ width=300 #chart }\n\n"
        "A sentence {.not-after-a-link} keeps its braces, and `[x](y){.z}` in code too.\n\n"
        "```md\n[link](/demo){.kept}\n```\n"
    )
    review = read_review(write(tmp_path, "guide.md", text))
    assert "internal-link" not in review.html and "target=" not in review.html.split("<pre")[0]
    assert "width=300" not in review.html and "{ width" not in review.html
    assert ">the tables</a> first" in review.html and ">the map</a>." in review.html
    assert "{.not-after-a-link}" in review.html and "[x](y){.z}" in review.html
    assert "[link](/demo){.kept}" in review.html


def test_a_quarto_pictures_fig_alt_is_its_alternative_text(tmp_path: Path) -> None:
    """Quarto writes a picture's alternative text as `fig-alt` when its caption is left empty."""
    text = (
        "---\ntitle: Harbour guide\n---\n\n"
        '![](chart.png){fig-alt="A chart of the tides [high and low]" fig-align="center"}\n\n'
        '![Low water](low.png){fig-alt="Another text"}\n'
    )
    html = read_review(write(tmp_path, "guide.qmd", text)).html
    assert 'alt="A chart of the tides [high and low]"' in html
    assert 'alt="Low water"' in html and "Another text" not in html


# --- a singular `tag` key: Jekyll's, vuepress-theme-hope's ----------------------------------------


def test_a_singular_tag_key_holds_the_posts_tags(tmp_path: Path) -> None:
    text = "---\ndate: 2024-03-02\ncategory:\n  - Travel\ntag:\n  - night trains\n  - Alps\n---\n\n# Sleeper south\n\nText.\n"
    review = read_review(write(tmp_path, "posts/sleeper.md", text))
    assert review.tags == ("night trains", "Alps")
    assert review.categories == ("Travel",)


def test_a_jekyll_posts_singular_tag_string_is_one_tag(tmp_path: Path) -> None:
    """Jekyll splits the string of a plural key between spaces and keeps a singular key's whole."""
    singular = "---\ntitle: Sleeper south\ntag: night trains\ncategory: slow travel\n---\n\nText.\n"
    plural = "---\ntitle: Sleeper south\ntags: night trains\ncategories: slow travel\n---\n\nText.\n"
    one = read_review(write(tmp_path, "_posts/2024-03-02-sleeper.md", singular))
    split = read_review(write(tmp_path, "_posts/2024-03-03-sleeper.md", plural))
    assert (one.tags, one.categories) == (("night trains",), ("slow travel",))
    assert (split.tags, split.categories) == (("night", "trains"), ("slow", "travel"))


def test_a_year_without_a_day_beside_it_does_not_load_every_languages_month_names(tmp_path: Path) -> None:
    # Loading CLDR's month names for every language takes a second: only a line with a day's
    # number standing before a year can hold a date in another language's words.
    from digest.sources import monthnames

    monthnames.month_numbers.cache_clear()
    text = f"# Hafen\n\nPosted in 2021\n\n{LONG}\n\nSee https://example.org/papers-2025-part2\n"
    assert read_review(write(tmp_path, "note.md", text)).date is None
    assert monthnames.month_numbers.cache_info().currsize == 0
    german = read_review(write(tmp_path, "german.md", f"# Hafen\n\nam 3. März 2021\n\n{LONG}\n"))
    assert german.date == datetime(2021, 3, 3, tzinfo=UTC)


def test_first_lines_with_long_runs_of_spaces_are_read_in_linear_time(tmp_path: Path) -> None:
    """The lines under a title are searched for a byline, a mail address and a date: a pattern
    that tried a run of spaces again from each of its spaces took minutes on 120,000 of them."""
    from tests.helpers import ends_in_time

    gap = " " * 120_000
    lines = [f"Author: Ann{gap}Lee", f"by Ann{gap}Lee", f"Ann{gap}Lee", f"3 March{gap}2021 by{gap}"]
    ends_in_time(
        tmp_path, "gaps.md", "# Hafen\n\n" + "\n\n".join(lines) + "\n", "digest.sources.reviews.read_review"
    )


@pytest.mark.parametrize(
    "line", ["Top 10 tools of 2021", "The 5 best trains in 2021", "3 trains, 2021", "Chapter 2: the 1990s"]
)
def test_a_number_before_a_year_with_no_month_word_between_does_not_load_the_month_names(
    tmp_path: Path, line: str
) -> None:
    """'Top 10 tools of 2021' took the number for a day's before a year, and every language's
    month names were loaded (a second under load, once a process and per forked worker) for a
    line that holds no date (found by review25): a date in other languages' words has a word of
    letters where its month stands, right beside the day's number and the year (or a joiner)."""
    from digest.sources import monthnames

    monthnames.month_numbers.cache_clear()
    assert read_review(write(tmp_path, "note.md", f"# Hafen\n\n{line}\n\n{LONG}\n")).date is None
    assert monthnames.month_numbers.cache_info().currsize == 0


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("am 3. März 2021", datetime(2021, 3, 3, tzinfo=UTC)),
        ("3 de marzo de 2021", datetime(2021, 3, 3, tzinfo=UTC)),
        ("Juni 19th, 2018", datetime(2018, 6, 19, tzinfo=UTC)),
        ("2018年6月19日", datetime(2018, 6, 19, tzinfo=UTC)),
        ("le 1er janvier 2021", datetime(2021, 1, 1, tzinfo=UTC)),
        ("4 בינואר 2013", datetime(2013, 1, 4, tzinfo=UTC)),
    ],
)
def test_a_date_in_other_languages_words_is_still_read_from_a_first_line(
    tmp_path: Path, line: str, day: datetime
) -> None:
    assert read_review(write(tmp_path, "note.md", f"# Hafen\n\n{line}\n\n{LONG}\n")).date == day


@pytest.mark.parametrize(
    "line", ["Door Prizes Available", "Par Avion Express", "Von Ryan Express", "Af Klint Archive"]
)
def test_a_foreign_by_word_opening_an_english_reviews_line_is_no_byline(tmp_path: Path, line: str) -> None:
    """Dutch 'door', French 'par', German 'von' opening a plain first line made 'Prizes
    Available' and 'Avion Express' the review's author (found by review25): another language's
    word for 'by' counts in a review written in that language (its `lang:`, else the site's)."""
    assert read_review(write(tmp_path, "note.md", f"# Hafen\n\n{line}\n\n{LONG}\n")).author is None


@pytest.mark.parametrize(
    ("lang", "line", "author"),
    [
        ("nl", "Door Eva de Vries", "Eva de Vries"),
        ("fr-FR", "Par Jean Dupont", "Jean Dupont"),
        ("de_DE", "Von Anna Weber", "Anna Weber"),
        ("nl", "By Ann Lee", "Ann Lee"),
    ],
)
def test_a_by_word_in_the_reviews_own_language_makes_a_byline(
    tmp_path: Path, lang: str, line: str, author: str
) -> None:
    text = f"---\nlang: {lang}\n---\n\n# Hafen\n\n{line}\n\n{LONG}\n"
    assert read_review(write(tmp_path, "note.md", text)).author == author


def test_the_sites_language_makes_its_by_word_a_byline(tmp_path: Path) -> None:
    from digest.sources.reviews import ReviewSettings

    path = write(tmp_path, "note.md", f"# Hafen\n\nDoor Eva de Vries\n\n{LONG}\n")
    assert read_review(path, ReviewSettings(language="nl")).author == "Eva de Vries"
    assert read_review(path, ReviewSettings(language="fr")).author is None
