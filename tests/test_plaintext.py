from __future__ import annotations

from pathlib import Path

import pytest

from digest.sources.plaintext import structure
from tests.helpers import finishes_in_time


def headings(markdown: str) -> list[str]:
    return [line for line in markdown.split("\n") if line.startswith("#")]


def test_title_is_the_first_non_empty_line() -> None:
    result = structure(
        "\n\n  My   Title \nSome text that is a paragraph of the article, long enough to be one.\n"
    )
    assert result is not None
    assert result.title == "My Title"
    assert result.title_line == 3


def test_empty_text_has_no_structure() -> None:
    assert structure("\n \n\t\n") is None


def test_numbered_sections_become_headings_by_depth() -> None:
    text = (
        "Title\nIntro line that is long enough to be a paragraph and not a heading at all.\n"
        "1. First part\nBody of the first part, a full sentence.\n1.1 A detail\nMore text here, also a sentence.\n"
        "2. Second part\nClosing words of the article go here.\n"
    )
    result = structure(text)
    assert result is not None
    assert headings(result.markdown) == ["## 1\\. First part", "### 1\\.1 A detail", "## 2\\. Second part"]


def test_a_quoted_number_out_of_sequence_stays_text() -> None:
    text = "Title\n1. One\nText.\n4.2. Quoted heading from a paper\nText.\n2. Two\nText.\n"
    result = structure(text)
    assert result is not None
    assert "Quoted heading from a paper" in result.markdown
    assert headings(result.markdown) == ["## 1\\. One", "## 2\\. Two"]


def test_dash_lines_become_a_list_and_urls_become_links() -> None:
    text = (
        "Title\nA paragraph that introduces a list of things, long enough to be a paragraph.\n"
        "- first item\n- second item\nSee https://example.org/page for more.\n"
    )
    result = structure(text)
    assert result is not None
    assert "- first item\n- second item" in result.markdown
    assert "<https://example.org/page>" in result.markdown


def test_markdown_characters_in_plain_text_are_escaped() -> None:
    result = structure(
        "Title\nUse *stars* and _underscores_ and <tags> & # marks, literally, in a sentence.\n"
    )
    assert result is not None
    assert "\\*stars\\*" in result.markdown and "\\<tags\\>" in result.markdown and "\\&" in result.markdown


def test_short_standalone_lines_are_headings_and_group_subsections() -> None:
    long = "This sentence is deliberately long so that it reads as a paragraph of body text, " * 4
    intro = "An introduction to the part that follows, long enough to read as a paragraph of its own and clearly not as a list of short items."
    text = f"Title\n{long}\nPart\n{intro}\nDetail\n{long}\nOther detail\n{long}\n"
    result = structure(text)
    assert result is not None
    assert headings(result.markdown) == ["## Part", "### Detail", "### Other detail"]


def test_sign_off_names_the_author_and_trailing_comment_is_dropped() -> None:
    long = "A long paragraph of the article body that goes on for a while to look like prose. " * 3
    text = f"Title\n{long}\nCheers,\nAda\n\n\n\n\nGreat post, thanks!\n"
    result = structure(text)
    assert result is not None
    assert result.signed_by == "Ada"
    assert result.dropped == ["Great post, thanks!"]
    assert "Great post" not in result.markdown


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = "Title\n\nThis paragraph was wrapped by an editor\nat a fixed width, so its lines continue\neach other.\n"
    result = structure(text)
    assert result is not None
    assert "This paragraph was wrapped by an editor at a fixed width, so its lines continue each other." in (
        result.markdown
    )


def test_centred_title_after_a_rule(tmp_path: Path) -> None:
    text = "License line one\nLicense line two\n\n=========\n\n\t\tBig Package\n\t\tRelease Notes\n\nINTRO:\n\nText.\n"
    result = structure(text)
    assert result is not None
    assert result.title == "Big Package Release Notes"


def test_lines_centred_under_a_centred_title_are_no_code() -> None:
    text = "\t\tHarbour Notes\n\n\t\t\tby Ann Lee\n\nThe harbour opened in the spring.\n"
    result = structure(text)
    assert result is not None and result.title == "Harbour Notes"
    assert "```" not in result.markdown and "*by Ann Lee*" in result.markdown


def test_code_under_a_title_at_the_margin_stays_code() -> None:
    text = "Harbour Notes\n\n        make harbour\n        make boats\n\nThe harbour opened in the spring.\n"
    result = structure(text)
    assert result is not None and "```text\nmake harbour\nmake boats\n```" in result.markdown


def test_an_indented_block_after_a_blank_gap_is_not_the_title_block() -> None:
    text = "\t\tHarbour Notes\n\n\n\tmake harbour\n\tmake boats\n\nThe harbour opened.\n"
    result = structure(text)
    assert result is not None and "```text" in result.markdown


def test_a_list_item_wrapped_under_its_own_text_stays_one_item() -> None:
    """A hanging indent (the item's next lines set in past its bullet) continues the item."""
    text = (
        "Harbour Notes\n\n"
        "* The harbour master can now close a berth\n  for the night.\n"
        "* Tide tables are printed weekly.\n"
        "After the list, a paragraph at the margin.\n"
    )
    result = structure(text)
    assert result is not None
    assert "- The harbour master can now close a berth for the night.\n- Tide tables are printed weekly." in (
        result.markdown
    )
    assert "\n\nAfter the list, a paragraph at the margin." in result.markdown


@pytest.mark.parametrize("under", ["=", "-"], ids=["as-the-title", "as-a-later-heading"])
def test_a_second_line_adorned_as_another_heading_is_the_first_section(under: str) -> None:
    """Underlined as the title or a later heading is, a line is their sibling (as reST ranks
    adornments, and promotes only a lone one to subtitle): the first section, not a subtitle."""
    text = (
        f"Harbour Advisory\n================\n\nBerth 4 closed\n{under * 14}\n\n"
        f"The berth is closed for repairs.\n\nNote\n{under * 4}\n\nAsk the harbour master.\n"
    )
    result = structure(text)
    assert result is not None and result.title == "Harbour Advisory"
    assert result.markdown.startswith("## Berth 4 closed\n") and "## Note\n" in result.markdown


def test_a_list_item_wrapped_over_many_lines_is_read_in_time() -> None:
    """Each line under an item was joined to the item's text so far, read again line by line:
    40,000 lines of 50 characters (2 MB) took minutes."""
    code = (
        "from digest.sources.plaintext import structure; "
        "text = 'Harbour Notes\\n\\n* The harbour master can now close a berth\\n'"
        " + '  for the night, and again for the morning tide.\\n' * 40_000; "
        "assert structure(text).markdown.count('morning tide') == 40_000"
    )
    finishes_in_time("a list item wrapped over 40,000 lines", code)
