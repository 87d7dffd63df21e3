"""The ninth round's rules, each on input written for these tests, then on the round's real
files: metadata written as code (an MDX module's exported object and the site's authors
module it imports from, Franklin.jl's `@def` lines, Zine's Ziggy front matter), Wiki.js's
`date` that is the last change; and for pages: a `<title>` that puts the site's name and a
colon before the headline, a byline that opens with its date, the date and byline beside the
headline where a site-wide `<meta name=author>` names someone the page never shows, a link in
a paragraph that is no byline, and a description that is markup debris."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from digest.sources.importer import read_article
from digest.sources.literals import Call, NotALiteral, Reference, plain, read_literal
from digest.sources.reviews import read_review
from tests.realworld import evaluate
from tests.test_import_rules import PROSE, page, save

BODY = "\nA paragraph of the post, long enough to be its text.\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- literals ---------------------------------------------------------------------------------------


def test_a_javascript_object_literal_is_read_as_written() -> None:
    text = """const x = {
  title: 'It\\'s here', "quoted key": "a \\"b\\"", count: 3, ratio: -1.5e2,
  note: `two
lines ${kept}`, // a comment
  /* another */ list: [1, 'two', null, true,], nested: { deep: [false] },
  author, image: card, made: Date(2019, 5, 31), rest: undefined,
}; after"""
    value, end = read_literal(text, text.index("{"))
    assert value == {
        "title": "It's here",
        "quoted key": 'a "b"',
        "count": 3,
        "ratio": -150.0,
        "note": "two\nlines ${kept}",
        "list": [1, "two", None, True],
        "nested": {"deep": [False]},
        "author": Reference("author"),
        "image": Reference("card"),
        "made": Call("Date", (2019, 5, 31)),
        "rest": None,
    }
    assert text[end:] == "; after"
    assert plain(value)["image"] is None and plain(value)["made"] is None


def test_ziggy_fields_and_tagged_values_are_read() -> None:
    value, _ = read_literal('{ .title = "A", .date = @date("2025-02-13"), .custom = { "k": "v", }, }')
    assert value == {"title": "A", "date": Call("date", ("2025-02-13",)), "custom": {"k": "v"}}


@pytest.mark.parametrize(
    "text",
    [
        "{ title: 'unclosed }",
        "{ a: 1 b: 2 }",
        "{ a: ...spread }",
        "[" * 100 + "]" * 100,
        "{ /* open",
        "{ a: % }",
    ],
)
def test_what_is_no_literal_is_refused(text: str) -> None:
    with pytest.raises(NotALiteral):
        read_literal(text)


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
    write(tmp_path / "src" / "authors.js", AUTHORS_MODULE)
    review = read_review(write(tmp_path / "src" / "pages" / "tides" / "index.mdx", MDX_POST))
    assert (review.title, review.author) == ("Tide tables, read right", "Ann Lee, Bob Roe")
    assert review.date is not None and review.date.isoformat() == "2021-03-08T19:00:00+00:00"
    assert review.description == "How to read a tide table."
    assert review.image is None  # an imported picture is the program's value, not a path
    assert review.body.lstrip().startswith("Harbour masters publish tide tables")
    assert "export const" not in review.body and "annlee" not in review.body


def test_an_author_key_without_a_module_stays_the_key(tmp_path: Path) -> None:
    review = read_review(write(tmp_path / "post.mdx", MDX_POST))
    assert review.author == "annlee, bobroe"


@pytest.mark.parametrize(
    "text",
    [
        "# A title\n\nProse first.\n\nexport const meta = { title: 'Not the metadata' }\n",
        "import x from 'y'\nexport const meta = { date: '2021-01-01' }\n\n# The heading title\n\nText.\n",
    ],
)
def test_an_export_after_prose_or_without_a_title_is_no_metadata(tmp_path: Path, text: str) -> None:
    review = read_review(write(tmp_path / "post.mdx", text))
    assert review.title in ("A title", "The heading title")


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
    review = read_review(write(tmp_path / "tides.md", FRANKLIN))
    assert (review.title, review.author) == ("Tide tables, read right", "Ann Lee")
    assert review.date is not None and review.date.date().isoformat() == "2019-02-03"
    assert review.body.lstrip().startswith("Harbour masters") and "@def" not in review.body
    assert "~~~" not in review.body and '<div class="note">' in review.body


def test_franklin_dates_by_the_julia_value_alone(tmp_path: Path) -> None:
    text = '@def title = "A"\n@def rss_pubdate = Date(2020, 8, 10)\n@def hascode = true\n' + BODY
    review = read_review(write(tmp_path / "a.md", text))
    assert review.date is not None and review.date.date().isoformat() == "2020-08-10"


def test_def_lines_later_in_a_markdown_file_are_its_text(tmp_path: Path) -> None:
    text = '---\ntitle: A\n---\n\nIn Franklin you write:\n\n@def title = "B"\n'
    assert read_review(write(tmp_path / "a.md", text)).title == "A"


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
    review = read_review(write(tmp_path / "tides.smd", text))
    assert (review.title, review.author) == ("Tide tables, read right", None)
    assert review.date is not None and review.date.isoformat() == "2020-12-05T00:00:00+00:00"
    assert review.body.strip() == "Harbour masters publish tide tables every week."


def test_yaml_front_matter_is_not_taken_for_ziggy(tmp_path: Path) -> None:
    review = read_review(write(tmp_path / "a.md", "---\ntitle: A\n.hidden: x\n---\n" + BODY))
    assert review.title == "A"


# --- Wiki.js ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("editor: markdown\ndateCreated: 2021-11-13T11:41:29.087Z\n", "2021-11-13"),  # Wiki.js: created
        ("dateCreated: 2021-11-13T11:41:29.087Z\n", "2022-01-20"),  # not Wiki.js's: 'date' is the date
    ],
)
def test_wikijs_date_is_the_last_change(tmp_path: Path, extra: str, expected: str) -> None:
    text = f"---\ntitle: A page\ndescription: \npublished: true\ndate: 2022-01-20T10:54:10.378Z\n{extra}---\n"
    review = read_review(write(tmp_path / "page.md", text + BODY))
    assert review.date is not None and review.date.date().isoformat() == expected


# --- Jupyter notebooks ---------------------------------------------------------------------------------


def _notebook(cells: list[dict[str, Any]], language: str = "python") -> str:
    metadata = {"kernelspec": {"display_name": language, "language": language, "name": language}}
    return json.dumps({"cells": cells, "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}, indent=1)


def _cell(kind: str, *lines: str, outputs: list[Any] | None = None) -> dict[str, Any]:
    cell: dict[str, Any] = {"cell_type": kind, "metadata": {}, "source": list(lines)}
    if kind == "code":
        cell |= {"execution_count": 1, "outputs": outputs or []}
    return cell


def test_a_quarto_notebook_with_front_matter_in_a_raw_cell(tmp_path: Path) -> None:
    text = _notebook(
        [
            _cell(
                "raw",
                "---\n",
                'title: "Tide tables, read right"\n',
                "author: Ann Lee\n",
                "date: 2023-04-10\n",
                "---",
            ),
            _cell("markdown", "Harbour masters publish tide tables every week.\n", "\n", "## Reading them"),
            _cell(
                "code",
                "import tides\n",
                "tides.height('Brest')",
                outputs=[{"output_type": "stream", "text": ["4.2"]}],
            ),
        ]
    )
    review = read_review(write(tmp_path / "tides.ipynb", text))
    assert (review.title, review.author, review.format) == (
        "Tide tables, read right",
        "Ann Lee",
        "jupyter-notebook",
    )
    assert review.date is not None and review.date.date().isoformat() == "2023-04-10"
    assert review.body.startswith("Harbour masters publish tide tables every week.")
    assert "```python\nimport tides\ntides.height('Brest')\n```" in review.body
    assert "4.2" not in review.body  # an output is what ran, not what was written


def test_a_fastpages_notebook(tmp_path: Path) -> None:
    header = _cell(
        "markdown",
        '# "Tide tables, read right"\n',
        '> "How to read a tide table."\n',
        "- author: \"<a href='https://example.org/ann'>Ann Lee</a> and <a href='/bob'>Bob Roe</a>\"\n",
        "- categories: [tides, sailing]\n",
        "- toc: true",
    )
    text = _notebook([header, _cell("markdown", "Harbour masters publish tide tables every week.")])
    review = read_review(write(tmp_path / "2020-05-30-tides.ipynb", text))
    assert (review.title, review.author) == ("Tide tables, read right", "Ann Lee and Bob Roe")
    assert (review.description, review.categories) == ("How to read a tide table.", ("tides", "sailing"))
    assert review.date is not None and review.date.date().isoformat() == "2020-05-30"
    assert review.body.strip() == "Harbour masters publish tide tables every week."


def test_json_that_is_no_notebook_is_not_read_as_one(tmp_path: Path) -> None:
    review = read_review(write(tmp_path / "post.md", '{"title": "A", "cells": 3}\n' + BODY))
    assert review.title == "A" and review.format != "jupyter-notebook"


# --- reStructuredText in .txt: version-control dates, titles lined over and under ---------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("$Date: 2014-10-01 (Thursday, 1 October 2014) $", "2014-10-01T00:00:00+00:00"),  # Subversion
        ("$Date: 2023-05-09 20:32:19 +0200 (Di, 09. Mai 2023) $", "2023-05-09T20:32:19+02:00"),
        ("$Date: 2001/09/12 04:07:07 $", "2001-09-12T04:07:07+00:00"),  # CVS
        ("$Date$", None),  # a keyword never expanded: no date, and no error
    ],
)
def test_a_version_control_date_keyword(tmp_path: Path, value: str, expected: str | None) -> None:
    text = (
        f"=================\nREADME: Tide tables\n=================\n\n:Author: Ann Lee\n:Date: {value}\n\n"
    )
    review = read_review(write(tmp_path / "README.txt", text + "The tables are read at dawn.\n"))
    assert (review.date.isoformat() if review.date else None) == expected
    assert (review.title, review.author) == ("README: Tide tables", "Ann Lee")
    assert review.body.strip() == "The tables are read at dawn."


# --- pages ------------------------------------------------------------------------------------------


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


# --- the round's real files ---------------------------------------------------------------------------

ROUND_9 = [
    entry
    for entry in evaluate.load_manifest()
    if entry["kind"] != "data"
    and (
        entry["file"].split("-")[0]
        in {"pages/julialang9b", "pages/spark9d", "pages/flink9b", "pages/datafusion9d", "pages/tvm9b"}
        or entry["file"].split("-")[0][6:]
        in {"346", "354", "360", "361", "363", "365", "367", "369", "370", "371"}
    )
]


def test_the_round_is_all_there() -> None:
    kinds = [entry["kind"] for entry in ROUND_9]
    assert kinds.count("post") == 16 and kinds.count("page") == 5


@pytest.mark.parametrize("entry", ROUND_9, ids=lambda entry: entry["file"])
def test_the_rounds_real_files_read_right(entry: dict[str, Any]) -> None:
    path = evaluate.HERE / entry["file"]
    if entry["kind"] == "post":
        score = evaluate.score_post(entry, evaluate.digest_post(path))
    else:
        score = evaluate.score_page(entry, evaluate.digest_page(path))
    assert score.right, evaluate.row(score)
