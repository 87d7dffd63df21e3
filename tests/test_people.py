"""Who wrote a text when no metadata says so (digest.sources.people): a signature at its end,
or a closing byline ('Written by Ann Lee')."""

from __future__ import annotations

import pytest

from digest.sources.people import trailing_byline


@pytest.mark.parametrize(
    ("lines", "links"),
    [
        (["Written by Ann Lee"], set()),
        (["Written by Ann Lee.", "< Back to blog"], {"< Back to blog"}),
        (["Some closing words of the post.", "Posted by Ann Lee", "Back to the blog"], {"Back to the blog"}),
        (["Authored by Ann Lee", "Home", "Archive"], {"Home", "Archive"}),
    ],
)
def test_a_closing_byline_names_the_author(lines: list[str], links: set[str]) -> None:
    assert trailing_byline(lines, links) == "Ann Lee"


@pytest.mark.parametrize(
    "lines",
    [
        ["Written by the harbour staff over three winters of tide counting"],
        ["Published by Harbour Press Ltd 2020"],
        ["Written by Ann Lee", "and a closing paragraph that is the text's own, not a link."],
        ["Text of the post.", "Written by hand"],
    ],
)
def test_what_is_no_closing_byline(lines: list[str]) -> None:
    assert trailing_byline(lines, links=set()) is None
