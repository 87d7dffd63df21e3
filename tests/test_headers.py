"""sources/headers.py: front matter read through python-frontmatter's handlers."""

from __future__ import annotations

from pathlib import Path

from digest.sources.headers import front_matter


def test_a_key_written_twice_in_yaml_front_matter_is_named_with_both_lines() -> None:
    text = "\n---\ntitle: A review\ntags: [a]\ndate: 2025-01-02\ntags: [b]\n---\n\nThe text.\n"
    header = front_matter(text, Path("review.md"), "yaml")
    assert header.meta["tags"] == ["b"]  # YAML keeps the last
    assert header.notes == (
        "line 6: 'tags:' is written twice in the front matter (lines 4 and 6), and only the last counts: "
        "keep one of them",
    )


def test_nested_keys_of_the_same_name_are_not_written_twice() -> None:
    text = "---\ntitle: A review\nauthor:\n  name: Ann\nimage:\n  name: photo.png\n---\nThe text.\n"
    assert front_matter(text, Path("review.md"), "yaml").notes == ()
