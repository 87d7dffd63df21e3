"""Container blocks fenced by colons (digest.sources.containers): the fences leave the text, the
block's content and the title its box shows stay, every line keeps its number."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.sources.containers import without_container_fences
from digest.sources.reviews import read_review
from tests.test_reviews import write_in


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Pandoc's fenced divs (Jupytext's notebooks, Quarto's callouts)
        ("::: {.cell .markdown}\nTides turn.\n:::\n", "\nTides turn.\n\n"),
        ("::: {.callout-tip}\nCheck the table.\n::: \n", "\nCheck the table.\n\n"),
        # Docusaurus and VitePress admonitions, a title in brackets or after the name
        (":::tip[Read it twice]\nCheck the table.\n:::\n", "**Read it twice**\nCheck the table.\n\n"),
        ("::: warning Low water\nWait.\n:::\n", "**Low water**\nWait.\n\n"),
        (":::info\nWait.\n:::\n", "\nWait.\n\n"),
        # markdown-it-container (Zenn): a variant word is no title; a details box's summary is
        (":::message alert\nWait.\n:::\n", "\nWait.\n\n"),
        ("::::details Tables\n:::message\nWait.\n:::\n::::\n", "**Tables**\n\nWait.\n\n\n"),
        # MDC block components (Nuxt Content)
        (
            '::tip{to="https://example.org/nes" target="_blank"}\nSupport goes on.\n::\n',
            "\nSupport goes on.\n\n",
        ),
    ],
)
def test_container_fences_leave_the_text(text: str, expected: str) -> None:
    unfenced = without_container_fences(text)
    assert unfenced.text == expected
    assert unfenced.text.count("\n") == text.count("\n")  # line numbers stay right for messages


@pytest.mark.parametrize(
    "text",
    [
        "The literal block follows::\n\n::\n\n    code\n",  # reST's '::' alone pairs with nothing
        "```\n::: {.cell}\nx = 1\n:::\n```\n",  # fences shown as code stay code
        "    ::: note\n    indented code\n    :::\n",
        ":::note\nA box that is never closed.\n",
        "Ratio 3::4 and a::b stay.\n",
    ],
)
def test_what_is_no_pair_of_container_fences_stays(text: str) -> None:
    unfenced = without_container_fences(text)
    assert (unfenced.text, unfenced.fences) == (text, 0)


def test_a_notebook_in_pandocs_markdown_reads_without_its_cell_fences(tmp_path: Path) -> None:
    text = (
        "---\njupyter:\n  kernelspec:\n    name: python3\n---\n\n::: {.cell .markdown}\n"
        "# Harbour tides\n\nWe read the tables.\n:::\n\n::: {.cell .code}\n``` {.python}\nprint(1)\n```\n:::\n"
    )
    review = read_review(write_in(tmp_path, "tides.pandoc.md", text))
    assert review.title == "Harbour tides"
    assert ":::" not in review.body and "We read the tables." in review.body and "print(1)" in review.body
    assert any("fence line(s)" in note for note in review.guesses)


# --- PyMdown Extensions' generic blocks and Python-Markdown's admonitions (MkDocs) ---------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # PyMdown's blocks: `/// name | title` ... `///`, more slashes around nested blocks
        ("/// tip\nCheck the table.\n///\n", "\nCheck the table.\n\n"),
        ("/// note | Low water\nWait.\n///\n", "**Low water**\nWait.\n\n"),
        (
            "//// tab | Linux\n/// tip\nUse bash.\n///\n////\n//// tab | Windows\nUse PowerShell.\n////\n",
            "**Linux**\n\nUse bash.\n\n\n**Windows**\nUse PowerShell.\n\n",
        ),
        # a block's options (indented YAML under the header) are no text
        ("/// admonition | Careful\n    type: warning\n\nWait.\n///\n", "**Careful**\n\n\nWait.\n\n"),
    ],
)
def test_pymdown_block_fences_leave_the_text(text: str, expected: str) -> None:
    unfenced = without_container_fences(text)
    assert unfenced.text == expected
    assert unfenced.text.count("\n") == text.count("\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Python-Markdown's admonition: the header line, then the text indented by four columns
        (
            '!!! note "Low water"\n    Wait for the tide.\n\n    Then row.\n\nAfter.\n',
            "**Low water**\nWait for the tide.\n\nThen row.\n\nAfter.\n",
        ),
        ("!!! info\n     Five spaces still indent it.\n", "\n Five spaces still indent it.\n"),
        ('!!! tip ""\n\tA tab indents it too.\n', "\nA tab indents it too.\n"),
        # PyMdown's collapsible details, closed or open
        ('???+ warning "Tides"\n    Mind them.\n', "**Tides**\nMind them.\n"),
    ],
)
def test_admonitions_leave_their_marker_and_indentation(text: str, expected: str) -> None:
    unfenced = without_container_fences(text)
    assert unfenced.text == expected
    assert unfenced.text.count("\n") == text.count("\n")


@pytest.mark.parametrize(
    "text",
    [
        "```\n/// tip\ncode\n///\n```\n",  # shown as code
        "/// tip\nA block never closed.\n",
        "See a///b and 1/// 2.\n",
        "!!! note\nNo indented text under it.\n",  # not an admonition: the text is not indented
        "Wow!!! Great.\n",
    ],
)
def test_what_is_no_block_or_admonition_stays(text: str) -> None:
    unfenced = without_container_fences(text)
    assert (unfenced.text, unfenced.fences) == (text, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # docsify's helpers: '!>' an important paragraph, '?>' a tip (docsify.js.org, "Helpers")
        ("!> Back up the file first.\n", "Back up the file first.\n"),
        ("Intro.\n\n?> *Tip:* read it twice.\nAnd again.\n", "Intro.\n\n*Tip:* read it twice.\nAnd again.\n"),
    ],
)
def test_docsify_helpers_leave_their_mark(text: str, expected: str) -> None:
    assert without_container_fences(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "A line.\n!> inside a paragraph stays.\n",  # only a paragraph's first line is a helper
        "```\n!> in code\n```\n",
        "    ?> indented code\n",
        "!>no space is no helper\n",
    ],
)
def test_what_is_no_docsify_helper_stays(text: str) -> None:
    assert without_container_fences(text).text == text


def test_a_docsify_page_shows_its_helpers_without_their_marks(tmp_path: Path) -> None:
    review = read_review(write_in(tmp_path, "guide.md", "# Guide\n\n!> Back up the file first.\n"))
    assert "<p>Back up the file first.</p>" in review.html
    assert not review.guesses  # no fence was left out
