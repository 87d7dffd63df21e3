"""Front matter values read as people write them (digest.sources.values): an author mapping naming the
person."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from digest.sources.reviews import read_review
from digest.sources.values import clean_text, person_names
from tests.helpers import write_in, write_review
from tests.test_cli import run
from tests.test_robustness import ISSUE

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


@pytest.mark.parametrize(
    "front",
    [
        'title: "Parking"\ntags: 0x' + "F" * 5000 + "\n",
        "subtitle: 0x" + "F" * 5000 + "\n",
    ],
    ids=["tag", "subtitle"],
)
def test_an_integer_too_long_for_decimal_is_no_traceback(project: Path, front: str) -> None:
    write_review(project, "A body.\n", front)
    result = run(project, "build", ISSUE, "--no-check-links")
    assert "Traceback" not in result.output and not isinstance(result.exception, ValueError), result.output
    assert result.exit_code in (0, 1), result.output


def test_an_integer_too_long_for_decimal_reads_as_hexadecimal(tmp_path: Path) -> None:
    text = "---\ntitle: Tides\ntags: 0x" + "F" * 5000 + "\n---\nBody.\n"
    review = read_review(write_in(tmp_path, "hex.md", text))
    assert review.tags == ("0x" + "f" * 5000,)


@given(
    st.text(
        alphabet=st.characters(min_codepoint=0, max_codepoint=0x2030) | st.sampled_from("\ud83d\ude00\ufffe")
    )
)
def test_clean_text_skips_only_texts_with_nothing_to_clean(text: str) -> None:
    from digest.sources.values import CONTROL_CHARACTERS, LINE_BREAKS, whole_characters

    assert clean_text(text) == CONTROL_CHARACTERS.sub("", LINE_BREAKS.sub("\n", whole_characters(text)))
