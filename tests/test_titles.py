"""The titles a Markdown text writes for itself (digest.sources.titles)."""

from __future__ import annotations

import pytest

from digest.sources.titles import opening_line_title

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
    "opening", ["By the sea", "Hello, world!", "Why did the tram come back?", "Trams, St. Petersburg and me"]
)
def test_a_short_line_standing_alone_is_a_title_line(opening: str) -> None:
    found = opening_line_title(opening + REST)
    assert found is not None and found.title == opening and opening not in found.body
