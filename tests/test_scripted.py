"""Posts whose metadata is written as code (digest.sources.scripted): an MDX module's exported
object and the site's authors module it imports from, Franklin.jl's `@def` lines, Zine's Ziggy
front matter."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.errors import ContentError
from digest.sources.reviews import read_review
from tests.helpers import BODY, ends_in_time, returns_in_time, write_file

# --- MDX: the exported object and the authors module -------------------------------------------------

AUTHORS_MODULE = """import annAvatar from './img/ann.jpg'

export const annlee = {
  name: 'Ann Lee',
  twitter: '@annlee',
  avatar: annAvatar,
}

export const computed = makeAuthor('Bob')

export const bobroe = { name: "Bob Roe" }
"""
MDX_POST = """import { annlee, bobroe } from '@/authors'
import card from './card.jpg'

export const meta = {
  title: 'Tide tables, read right',
  description: `How to read
a tide table.`,
  date: '2021-03-08T19:00:00.0Z',
  authors: [annlee, bobroe],
  image: card,
}

Harbour masters publish tide tables every week.

<figure>
  <img src={card} alt="A table" />
</figure>

export const later = { title: 'not the metadata' }
"""


def test_an_mdx_modules_exported_metadata_and_its_authors_module(tmp_path: Path) -> None:
    write_file(tmp_path / "src" / "authors.js", AUTHORS_MODULE)
    review = read_review(write_file(tmp_path / "src" / "pages" / "tides" / "index.mdx", MDX_POST))
    assert (review.title, review.author) == ("Tide tables, read right", "Ann Lee, Bob Roe")
    assert review.date is not None and review.date.isoformat() == "2021-03-08T19:00:00+00:00"
    assert review.description == "How to read a tide table."
    assert review.image is None  # an imported picture is the program's value, not a path
    assert review.body.lstrip().startswith("Harbour masters publish tide tables")
    assert "export const" not in review.body and "annlee" not in review.body


def test_an_author_key_without_a_module_stays_the_key(tmp_path: Path) -> None:
    review = read_review(write_file(tmp_path / "post.mdx", MDX_POST))
    assert review.author == "annlee, bobroe"


@pytest.mark.parametrize(
    "text",
    [
        "# A title\n\nProse first.\n\nexport const meta = { title: 'Not the metadata' }\n",
        "import x from 'y'\nexport const meta = { date: '2021-01-01' }\n\n# The heading title\n\nText.\n",
    ],
)
def test_an_export_after_prose_or_without_a_title_is_no_metadata(tmp_path: Path, text: str) -> None:
    review = read_review(write_file(tmp_path / "post.mdx", text))
    assert review.title in ("A title", "The heading title")


MDX_INFO_POST = """import {Note} from '../_component/note.jsx'
export const info = {
  author: [
    {github: 'annlee', name: 'Ann Lee', twitter: 'annlee'}
  ],
  modified: new Date('2023-11-02'),
  published: new Date('2023-10-24')
}

<Note type="info">
  **Note**: Tables for the new season are out.
</Note>

# Tide tables, read right

Harbour masters publish tide tables every week.
"""


def test_an_exported_object_under_another_name_gives_its_author_and_dates(tmp_path: Path) -> None:
    # MDX's own blog: `export const info = {author: [...], published: new Date(...)}`, no title
    # in it; the title is the H1 under the module.
    review = read_review(write_file(tmp_path / "v3.mdx", MDX_INFO_POST))
    assert (review.title, review.author) == ("Tide tables, read right", "Ann Lee")
    assert review.date is not None and review.date.date().isoformat() == "2023-10-24"
    assert "export const" not in review.body and "new Date" not in review.body


def test_a_javascript_date_written_with_numbers_counts_its_months_from_nought(tmp_path: Path) -> None:
    text = MDX_INFO_POST.replace("new Date('2023-10-24')", "new Date(2023, 9, 24)")
    review = read_review(write_file(tmp_path / "v3.mdx", text))
    assert review.date is not None and review.date.date().isoformat() == "2023-10-24"


@pytest.mark.parametrize(
    "module",
    [
        "export const config = { runtime: 'edge', regions: ['iad1'] }",
        "export const info = { published: new Date('2023-10-24') }",
    ],
)
def test_an_exported_object_without_an_author_and_a_date_is_no_metadata(tmp_path: Path, module: str) -> None:
    review = read_review(write_file(tmp_path / "post.mdx", f"{module}\n\n# A heading\n\nText.\n"))
    assert review.title == "A heading" and review.author is None


# --- Franklin.jl ----------------------------------------------------------------------------------

FRANKLIN = '''@def rss_pubdate = Date(2019, 2, 3)
@def rss = """ Tides | A summary
over two lines """
@def published = "3 February 2019"
@def title = "Tide tables, read right"
@def authors = """<a href="https://example.org/ann">Ann Lee</a>"""TRAILING

Harbour masters publish tide tables every week.

~~~
<div class="note">A raw block</div>
~~~

# A later heading
'''.replace("TRAILING", "  ")  # spaces after the value, as Franklin's own posts have


def test_franklin_page_variables(tmp_path: Path) -> None:
    review = read_review(write_file(tmp_path / "tides.md", FRANKLIN))
    assert (review.title, review.author) == ("Tide tables, read right", "Ann Lee")
    assert review.date is not None and review.date.date().isoformat() == "2019-02-03"
    assert review.body.lstrip().startswith("Harbour masters") and "@def" not in review.body
    assert "~~~" not in review.body and '<div class="note">' in review.body


def test_franklin_dates_by_the_julia_value_alone(tmp_path: Path) -> None:
    text = '@def title = "A"\n@def rss_pubdate = Date(2020, 8, 10)\n@def hascode = true\n' + BODY
    review = read_review(write_file(tmp_path / "a.md", text))
    assert review.date is not None and review.date.date().isoformat() == "2020-08-10"


def test_def_lines_later_in_a_markdown_file_are_its_text(tmp_path: Path) -> None:
    text = '---\ntitle: A\n---\n\nIn Franklin you write:\n\n@def title = "B"\n'
    assert read_review(write_file(tmp_path / "a.md", text)).title == "A"


# --- Zine's Ziggy front matter ------------------------------------------------------------------------


def test_ziggy_front_matter(tmp_path: Path) -> None:
    text = """---
.title = "Tide tables, read right",
.author = "",
.date = @date("2020-12-05T00:00:00+00:00"),
.aliases = [
    "news/tides.html",
],
.custom = {
    "mobile_menu_title": "2020-07-11",
}
---

Harbour masters publish tide tables every week.
"""
    review = read_review(write_file(tmp_path / "tides.smd", text))
    assert (review.title, review.author) == ("Tide tables, read right", None)
    assert review.date is not None and review.date.isoformat() == "2020-12-05T00:00:00+00:00"
    assert review.body.strip() == "Harbour masters publish tide tables every week."


def test_yaml_front_matter_is_not_taken_for_ziggy(tmp_path: Path) -> None:
    review = read_review(write_file(tmp_path / "a.md", "---\ntitle: A\n.hidden: x\n---\n" + BODY))
    assert review.title == "A"


def test_thousands_of_unclosed_comments_in_def_lines_are_read_in_time(tmp_path: Path) -> None:
    text = '@def title = "Tides"\n' + "@def a = /*\n" * 70_000 + "\nThe body.\n"
    ends_in_time(tmp_path, "comments.md", text, "digest.sources.reviews.read_review", limit=30)
    assert read_review(write_file(tmp_path / "again.md", text)).title == "Tides"


def test_an_impossible_franklin_date_is_named_not_dropped(tmp_path: Path) -> None:
    path = write_file(tmp_path / "f.md", '@def title = "F"\n@def date = Date(2021, 13, 1)\n\nBody.\n')
    with pytest.raises(ContentError, match="'2021-13-01' is not a day of the calendar: there is no month 13"):
        read_review(path)


def test_a_byline_written_as_html_with_a_hundred_thousand_attributes_is_read_at_once() -> None:
    """lxml compares each attribute of a tag with every one before it: a Franklin byline of one
    link with 100,000 attributes took minutes; it is left as written (no page shows it whole)."""
    from digest.sources.scripted import byline_text

    crowded = "<a " + " ".join(f"a{number}=x" for number in range(100_000)) + ">Ann Lee</a>"
    returns_in_time("a byline of one crowded link", lambda: byline_text(crowded))
    assert byline_text(crowded) == crowded
    assert byline_text('<a href="https://ann.example/">Ann  Lee</a>') == "Ann Lee"
