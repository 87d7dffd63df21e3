"""The titles a Markdown text writes for itself (digest.sources.titles)."""

from __future__ import annotations

import pytest

from digest.sources.titles import heading_lines, is_byline, opening_line_title

REST = "\n\nWe rode the trams all week, and [the map](https://example.org/map) shows where.\n"


@pytest.mark.parametrize(
    "opening",
    [
        "By Ann Lee",  # a byline, not what the text is called
        "by Ann Lee and Bo Chen",
        "Posted on March 4, 2021 by Ann Lee",
        "Written by Ann Lee",
        "We rode the trams all week. They were slow!",  # two sentences of prose
        "It rained. Nobody came",
        "https://example.org/the-original-post",  # a bare address
        "<https://example.org/the-original-post>",
    ],
)
def test_a_byline_prose_or_an_address_is_no_title_line(opening: str) -> None:
    assert opening_line_title(opening + REST) is None


@pytest.mark.parametrize(
    "opening",
    [
        "By the sea",
        "Hello, world!",
        "Why did the tram come back?",
        "Trams, St. Petersburg and me",
        "By The Numbers",  # 'By' and capitals, but no person's name: a title
        "By Design",
    ],
)
def test_a_short_line_standing_alone_is_a_title_line(opening: str) -> None:
    found = opening_line_title(opening + REST)
    assert found is not None and found.title == opening and opening not in found.body


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Ann Lee", True),
        ("by Ann Lee and Bo Chen", True),
        ("Posted on March 4, 2021 by Ann Lee", True),
        ("By The Numbers", False),
        ("By Design", False),
        ("By Ann", False),  # one word names nobody the way a byline does
        ("By the Numbers: A Year of Reviews", False),
    ],
)
def test_a_byline_names_people(line: str, expected: bool) -> None:
    assert is_byline(line) is expected


def test_heading_lines_are_the_parsers_headings() -> None:
    text = "# By The Numbers\n\nBy Ann Lee\n\n## By Design\n\n```\n# not a heading\n```\n\nSetext\n------\n"
    assert heading_lines(text) == {1, 5, 11}
