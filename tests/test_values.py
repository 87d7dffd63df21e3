"""Front matter values read as people write them (digest.sources.values): an author mapping naming the
person."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.sources.reviews import read_review
from digest.sources.values import person_names
from tests.helpers import write_in

# --- an author mapping naming the person as display_name -------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"display_name": "Ola Berg", "login": "admin", "email": "ola@example.org"}, "Ola Berg"),
        ({"displayName": "Ola Berg"}, "Ola Berg"),
        ({"full_name": "Ola Berg", "url": ""}, "Ola Berg"),
        ({"name": "Ola Berg", "display_name": "ola"}, "Ola Berg"),
        ([{"display_name": "Ola Berg"}, {"name": "Kim Lee"}], "Ola Berg, Kim Lee"),
        ({"login": "admin", "email": "ola@example.org"}, None),
    ],
)
def test_author_mapping_keys(value: object, expected: str | None) -> None:
    assert person_names(value) == expected


def test_jekyll_import_wordpress_author_is_the_display_name(tmp_path: Path) -> None:
    text = (
        "---\nlayout: post\ntitle: Notes on caching\nauthor:\n  display_name: Ola Berg\n  login: admin\n"
        "  email: ola@example.org\n  url: ''\nauthor_login: admin\nwordpress_id: 12\n"
        "date: '2012-03-04 10:00:00 +0100'\n---\n<p>Cache less.</p>\n"
    )
    assert read_review(write_in(tmp_path, "2012-03-04-notes-on-caching.markdown", text)).author == "Ola Berg"
