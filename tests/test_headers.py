"""sources/headers.py: front matter read through python-frontmatter's handlers."""

from __future__ import annotations

from pathlib import Path

from digest.errors import DigestError
from digest.sources.headers import front_matter
from digest.sources.reviews import read_review


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


# --- posts ------------------------------------------------------------------------------------------
def test_a_json_front_matter_nested_thousands_deep_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.md"
    path.write_text('{"a":' * 5_000, encoding="utf-8")
    try:  # not JSON front matter: read as another format, or refused with a message
        review = read_review(path)
    except DigestError:
        return
    assert review.title
