"""Headers written as preformatted text opening a specification or proposal document
(digest/sources/proposals.py), and a MediaWiki body written as Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.sources.proposals import mediawiki_to_markdown, preformatted_header, rfc_first_page, table_fields
from digest.sources.reviews import read_review
from tests.helpers import ends_in_time, write_in

PRE = (
    "<pre>\n"
    "  BIP: 7\n"
    "  Title: Tide tables for harbours\n"
    "  Authors: Ann Lee <ann@example.org>\n"
    "           Bo Chen <bo@example.org>\n"
    "  Created: 2016-11-08\n"
    "  License: PD\n"
    "</pre>\n"
    "\n"
    "==Abstract==\n"
    "\n"
    "Tides come twice a day.\n"
)
LITERAL = "::\n\n  ZIP: 9\n  Title: Tide tables\n  Author: Ann Lee <ann@example.org>\n  Created: 2018-01-09\n\n\nAbstract\n========\n\nTides come.\n"
PREAMBLE = (
    "## Preamble\n\n    EIP: 3\n    Title: Tide tables\n    Author: Ann Lee, Bo Chen (bo@example.org)\n"
    "    Created: 2017-02-06\n\n## Simple Summary\n\nTides come.\n"
)


def test_a_header_inside_pre_opening_the_file() -> None:
    header = preformatted_header(PRE)
    assert header is not None
    assert header.meta["Title"] == "Tide tables for harbours"
    assert header.meta["Authors"] == "Ann Lee <ann@example.org> Bo Chen <bo@example.org>"
    assert header.body.lstrip().startswith("## Abstract")
    assert header.body_line == 9


def test_a_header_in_a_restructuredtext_literal_block() -> None:
    header = preformatted_header(LITERAL)
    assert header is not None
    assert (header.meta["Title"], header.meta["Created"]) == ("Tide tables", "2018-01-09")
    assert header.body.lstrip().startswith("Abstract\n========")


def test_a_header_in_a_code_block_under_a_heading_naming_it() -> None:
    header = preformatted_header(PREAMBLE)
    assert header is not None
    assert header.meta["Author"] == "Ann Lee, Bo Chen (bo@example.org)"
    assert "Preamble" not in header.body and header.body.lstrip().startswith("## Simple Summary")


@pytest.mark.parametrize("heading", ["## Example", "### Usage", "## How to write a header", "## Output"])
def test_a_code_block_under_a_heading_that_does_not_name_a_header_is_an_example(heading: str) -> None:
    """Only a heading naming the block as the document's header (Preamble, Header, Metadata)
    makes its code block the fields: under any other, it is an example the text shows."""
    text = PREAMBLE.replace("## Preamble", heading)
    assert preformatted_header(text) is None


@pytest.mark.parametrize("heading", ["## Preamble", "## Header", "### Metadata", "## Front matter"])
def test_fields_under_a_naming_heading_come_with_a_note(heading: str) -> None:
    header = preformatted_header(PREAMBLE.replace("## Preamble", heading))
    assert header is not None and header.meta["Title"] == "Tide tables"
    assert any("code block under" in note and heading.lstrip("# ") in note for note in header.notes)


def test_preformatted_text_that_is_no_header_is_left_alone() -> None:
    assert preformatted_header("<pre>\nx = 1\ny = 2\n</pre>\n\nText.\n") is None
    assert preformatted_header("::\n\n  Date: 2018-01-09\n  Tags: a\n\nText.\n") is None  # no title
    # Under the document's own title, a code block is an example the post shows.
    assert preformatted_header("# Headers\n\n    Title: An example\n    Date: 2020-01-01\n\nText.\n") is None
    # An indented block under a heading must be a Markdown code block (four spaces).
    assert preformatted_header("## Preamble\n\n  Title: x\n  Date: 2020-01-01\n\nText.\n") is None
    assert preformatted_header("<pre>\n  Title: never closed\n  Date: 2020-01-01\n") is None


def test_proposals_read_as_reviews(tmp_path: Path) -> None:
    bip = read_review(write_in(tmp_path, "bip-0007.mediawiki", PRE))
    assert (bip.title, bip.date and bip.date.date().isoformat()) == ("Tide tables for harbours", "2016-11-08")
    assert bip.author is not None and bip.author.startswith("Ann Lee")
    assert "<h2" in bip.html and "Tides come twice a day." in bip.html
    zip_ = read_review(write_in(tmp_path, "zip-0009.rst", LITERAL))
    assert zip_.title == "Tide tables" and zip_.author is not None and zip_.author.startswith("Ann Lee")
    eip = read_review(write_in(tmp_path, "eip-3.md", PREAMBLE))
    assert (eip.title, eip.date and eip.date.date().isoformat()) == ("Tide tables", "2017-02-06")


def test_a_proposals_status_is_no_publishing_status(tmp_path: Path) -> None:
    """'Status: Draft' is where the proposal stands (BIP 2's statuses), not a post kept back."""
    text = PRE.replace("  License: PD\n", "  Status: Draft\n")
    assert read_review(write_in(tmp_path, "bip-0007.mediawiki", text)).draft is False


def test_mediawiki_markup_is_written_as_markdown() -> None:
    text = (
        "==Motivation==\n"
        "Some '''bold''' and ''slanted'' words, a [[bip-0009.mediawiki|BIP 9]] link and\n"
        "[https://example.org/x the example].\n"
        "# first rule\n"
        "## nested rule\n"
        "* a point\n"
        "===Details===\n"
        "<pre>\n"
        "# not a list\n"
        "</pre>\n"
        "    # code stays\n"
    )
    assert mediawiki_to_markdown(text).splitlines() == [
        "## Motivation",
        "Some **bold** and *slanted* words, a BIP 9 link and",
        "[the example](https://example.org/x).",
        "1. first rule",
        "   1. nested rule",
        "- a point",
        "### Details",
        "<pre>",
        "# not a list",
        "</pre>",
        "    # code stays",
    ]


def test_markdown_under_a_header_is_not_rewritten() -> None:
    """Only a body with MediaWiki's headings is MediaWiki: a ZIP's or EIP's body stays as it is."""
    header = preformatted_header(PREAMBLE.replace("## Simple Summary", "## Simple Summary\n\n# Not a list"))
    assert header is not None and "# Not a list" in header.body


# --- a table of fields --------------------------------------------------------------------------

CEP = (
    "# CEP 15 - Hosting <code>repodata.json</code> elsewhere\n\n"
    "<table>\n"
    "<tr><td> Title </td><td> Hosting <code>repodata.json</code> elsewhere </td>\n"
    "<tr><td> Status </td><td> Draft </td></tr>\n"
    "<tr><td> Author(s) </td>\n<td>\n    Ann Lee &lt;ann@example.org&gt;\n</td></tr>\n"
    "<tr><td> Created </td><td> Aug 24, 2023</td></tr>\n"
    "<tr><td> Updated </td><td> Jan 22, 2024</td></tr>\n"
    "<tr><td> Implementation </td><td>  </td></tr>\n"
    "</table>\n\n## Abstract\n\nText.\n"
)


def test_a_table_of_fields_under_the_title() -> None:
    """conda's enhancement proposals: an HTML table of label and value rows under the H1."""
    assert table_fields(CEP) == {
        "Authors": "Ann Lee <ann@example.org>",
        "Created": "Aug 24, 2023",
        "Updated": "Jan 22, 2024",
    }
    untitled = CEP.split("\n", 2)[2]
    assert table_fields(untitled)["Title"] == "Hosting repodata.json elsewhere"


def test_a_table_after_prose_or_of_more_columns_is_no_header() -> None:
    assert table_fields(CEP.replace("<table>", "Some prose first.\n\n<table>", 1)) == {}
    assert table_fields("<table>\n<tr><td>a</td><td>b</td><td>c</td></tr>\n</table>\n") == {}
    assert table_fields("<table>\n<tr><td>Title</td><td>never closed</td></tr>\n") == {}


def test_a_proposal_with_a_table_of_fields_as_a_review(tmp_path: Path) -> None:
    review = read_review(write_in(tmp_path, "cep-0015.md", CEP))
    assert review.title == "CEP 15 - Hosting repodata.json elsewhere"
    assert review.author is not None and review.author.startswith("Ann Lee")
    assert review.date is not None and review.date.date().isoformat() == "2023-08-24"
    assert review.draft is False
    assert not any("date taken from the line" in guess for guess in review.guesses)


# --- an RFC's first page --------------------------------------------------------------------------

RFC = (
    "\n\n\n"
    "Internet Engineering Task Force (IETF)                       A. Lee, Ed.\n"
    "Request for Comments: 9999                                  Example Inc.\n"
    "Obsoletes: 2145                                                  B. Chen\n"
    "Category: Standards Track                                     Tide Works\n"
    "ISSN: 2070-1721                                                June 2014\n"
    "\n\n"
    "                 Tide Tables for Harbour Protocols:\n"
    "                       Message Syntax\n"
    "\n"
    "Abstract\n"
    "\n"
    "   This document defines tide tables.\n"
)


def test_an_rfcs_first_page_header() -> None:
    """RFC 7322's first page: the series and number on the left, the authors, their
    organisations and the month on the right, then the title centred."""
    header = rfc_first_page(RFC)
    assert header is not None
    assert header.meta == {"author": "A. Lee, B. Chen", "date": "2014-06-01"}
    assert header.body.lstrip().startswith("Tide Tables for Harbour Protocols: Message Syntax\n")
    assert header.body.count("\n") + header.body_line - 1 == RFC.count("\n")  # lines keep their numbers
    assert any("only the month" in note for note in header.notes)


def test_an_internet_draft_and_an_old_rfc() -> None:
    draft = (
        "Network Working Group                                        A. Lee\n"
        "Internet-Draft                                          Example Inc.\n"
        "Intended status: Informational                         March 3, 2020\n"
        "Expires: September 4, 2020\n\n\n                     Tide Tables\n"
        "                    draft-lee-tides-00\n\nAbstract\n\n   Text.\n"
    )
    header = rfc_first_page(draft)
    assert header is not None and header.meta == {"author": "A. Lee", "date": "2020-03-03"}
    assert header.body.lstrip().startswith("Tide Tables\n")
    old = "Network Working Group        J. Lee\nRequest for Comments: 1        ISI\n     September 1981\n\n   TIDES\n\nText.\n"
    found = rfc_first_page(old)
    assert found is not None and found.meta == {"author": "J. Lee", "date": "1981-09-01"}


def test_text_without_the_series_line_is_no_rfc() -> None:
    assert rfc_first_page("Network Working Group                 A. Lee\n\n   Title\n\nText.\n") is None
    assert rfc_first_page("Request for Comments: 1 is what we call them.\n\nText.\n") is None


def test_an_rfc_as_a_review(tmp_path: Path) -> None:
    review = read_review(write_in(tmp_path, "rfc9999.txt", RFC))
    assert review.title == "Tide Tables for Harbour Protocols: Message Syntax"
    assert review.author == "A. Lee, B. Chen"
    assert review.date is not None and review.date.date().isoformat() == "2014-06-01"
    assert "Request for Comments" not in review.body and "This document defines tide tables." in review.body


def test_an_ordinary_table_under_the_title_gives_no_fields(tmp_path: Path) -> None:
    """A table of columns under a header row, or of rows that name no field of a proposal's
    header, is the post's content: its cells are no date or author."""
    columns = "<table>\n<tr><th>Date</th><th>Event</th></tr>\n<tr><td>2021-03-04</td><td>Launch</td></tr>\n</table>\n"
    quotes = "<table>\n<tr><td>Author</td><td>Quote</td></tr>\n<tr><td>Mark Twain</td><td>Facts first.</td></tr>\n</table>\n"
    for table in (columns, quotes):
        assert table_fields(f"# Release history\n\n{table}\nWe shipped it.\n") == {}
        review = read_review(write_in(tmp_path, "post.md", f"# Release history\n\n{table}\nWe shipped it.\n"))
        assert (review.title, review.author, review.date) == ("Release history", None, None)


def test_hostile_first_pages_and_tables_are_read_in_linear_time(tmp_path: Path) -> None:
    """A right column of hyphen-joined capitals (each '-Xx' either inside a name or between two
    names, 2^n ways) and a table cell of unclosed '<' are read in one pass, not forever."""
    rfc = "Request for Comments: 1     A. " + "Bb-" * 5_000 + "!\n\n   Title\n\nText.\n"
    table = "# T\n\n<table>\n<tr><td>Title</td><td>" + "<" * 300_000 + "</td></tr>\n</table>\n"
    ends_in_time(tmp_path, "rfc.txt", rfc, "digest.sources.reviews.read_review")
    ends_in_time(tmp_path, "table.md", table, "digest.sources.reviews.read_review")


def test_an_rfc_author_may_hold_hyphens_and_apostrophes() -> None:
    page = "Network Working Group     J. O'Neil-Smith, Ed.\nRequest for Comments: 9     A. De-la Cruz\n"
    header = rfc_first_page(page + "                          June 2014\n\n   Tides\n\nText.\n")
    assert header is not None and header.meta["author"] == "J. O'Neil-Smith, A. De-la Cruz"


def test_a_mediawiki_heading_inside_a_fence_leaves_a_markdown_body_as_it_is() -> None:
    """A line like '== build ==' shown in a fenced block (a tool's output) is no sign of
    MediaWiki: the Markdown body's headings stay headings, never numbered items."""
    body = "\n## Motivation\n\n# Not a list\n\n```\n== build ==\n```\n"
    header = preformatted_header(PREAMBLE.split("## Simple Summary")[0] + body)
    assert header is not None and "# Not a list" in header.body and "1. Not a list" not in header.body


def test_a_table_of_unclosed_row_and_cell_tags_is_read_in_linear_time(tmp_path: Path) -> None:
    """'<td<td<td...' (or '<tr') with no '>' before the table ends: each opening tag was
    looked for its '>' to the end of the table, once per tag."""
    for tag in ("td", "tr"):
        table = f"# T\n\n<table>\n<tr>{('<' + tag) * 300_000}\n</table>\n"
        ends_in_time(tmp_path, f"{tag}.md", table, "digest.sources.reviews.read_review")
