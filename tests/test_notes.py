"""Org, outliner properties, fenced or indented headers and ikiwiki directives (digest.sources.notes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.sources.reviews import read_review
from tests.helpers import ends_in_time


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
