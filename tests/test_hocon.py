"""Laika's HOCON configuration header (digest/sources/hocon.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from digest.sources.hocon import MAX_HEADER_CHARS, hocon_header
from digest.sources.reviews import read_review, sniff
from tests.helpers import write_in

POST = (
    '{%\n  author: ${annlee}\n  date: "2024-03-10"\n  tags: [technical, "night moths"]\n'
    "  # a comment\n  laika.versioned = false\n%}\n\n# Moths at Night\n\nThey came to the lamp.\n"
)


def test_the_header_between_its_braces() -> None:
    header = hocon_header(POST)
    assert header is not None
    assert header.meta == {
        "date": "2024-03-10",
        "tags": ["technical", "night moths"],
        "laika.versioned": "false",
    }
    assert header.body.lstrip().startswith("# Moths at Night")
    assert header.body_line == 8


def test_a_substitution_is_a_reference_not_a_value() -> None:
    """`${annlee}` names an entry of the site's configuration: the header gives no name itself."""
    header = hocon_header(POST)
    assert header is not None and "author" not in header.meta
    quoted = hocon_header(POST.replace("${annlee}", '"Ann Lee"'))
    assert quoted is not None and quoted.meta["author"] == "Ann Lee"


def test_one_line_header_and_nested_objects() -> None:
    header = hocon_header('{% date: "2024-01-02", author = Ann Lee, extra { a: 1\n b: 2 } %}\n# T\n\nText.\n')
    assert header is not None and header.meta == {"date": "2024-01-02", "author": "Ann Lee"}


def test_template_tags_are_no_header() -> None:
    assert hocon_header("{% raw %}\n# T\n\nText {{ x }}.\n{% endraw %}\n") is None
    assert hocon_header("{% include note.html %}\n\nText.\n") is None
    assert hocon_header('{%\n  date: "2024-03-10"\n\n# never closed\n') is None


def test_a_laika_post_as_a_review(tmp_path: Path) -> None:
    review = read_review(write_in(tmp_path, "moths.md", POST))
    assert sniff(POST) == "hocon-header"
    assert (review.title, review.date, review.author) == (
        "Moths at Night",
        datetime(2024, 3, 10, tzinfo=UTC),
        None,
    )
    assert review.tags == ("technical", "night moths")
    assert review.body.strip() == "They came to the lamp."


def test_a_comment_after_a_value_is_no_part_of_it() -> None:
    """HOCON comments (`//`, `#`) may follow a value on its line, in an array too."""
    header = hocon_header(
        '{%\n  author: Ann Lee // the editor\n  date: "2024-03-10" # when it went out\n'
        "  tags: [moths, # the first\n    lamps // the second\n  ]\n%}\n# T\n\nText.\n"
    )
    assert header is not None
    assert header.meta == {"author": "Ann Lee", "date": "2024-03-10", "tags": ["moths", "lamps"]}


def test_a_closing_brace_inside_a_quoted_value_does_not_end_the_header() -> None:
    header = hocon_header(
        '{%\n  title: "Templates: {% raw %} and %} explained"\n  author: "Ann Lee"\n%}\n# T\n\nText.\n'
    )
    assert header is not None
    assert header.meta == {"title": "Templates: {% raw %} and %} explained", "author": "Ann Lee"}
    assert header.body.lstrip().startswith("# T")


def test_a_comment_marker_inside_a_quoted_value_is_text() -> None:
    header = hocon_header('{%\n  source: "https://example.org/moths#lamps"\n%}\n# T\n\nText.\n')
    assert header is not None and header.meta == {"source": "https://example.org/moths#lamps"}


def test_a_header_longer_than_any_header_is_none() -> None:
    """The `%}` is looked for within MAX_HEADER_CHARS: a first line longer is no header."""
    long_line = "{% " + "title: x, " * (MAX_HEADER_CHARS // 10 + 1) + "%}\n# T\n\nText.\n"
    assert hocon_header(long_line) is None
    assert hocon_header('{% title: "x" %}\n# T\n\nText.\n') is not None


def test_laikas_own_metadata_keys_are_read_dotted_or_nested(tmp_path: Path) -> None:
    """Laika's documented document metadata lives under `laika.metadata` (title, authors,
    datePublished), written as dotted keys or as an object; it gave no author and no date."""
    dotted = (
        '{%\n  laika.metadata.authors = ["Ann Lee"]\n  laika.metadata.datePublished = "2024-03-10T12:00:00"\n'
        "%}\n\n# Moths at Night\n\nThey came to the lamp.\n"
    )
    nested = (
        '{%\n  laika.metadata {\n    authors = ["Ann Lee"]\n    datePublished = "2024-03-10T12:00:00"\n  }\n'
        "  laika.versioned = false\n%}\n\n# Moths at Night\n\nThey came to the lamp.\n"
    )
    whole = '{%\n  laika {\n    metadata { authors: ["Ann Lee"], datePublished: "2024-03-10T12:00:00" }\n  }\n%}\n\n# Moths at Night\n\nThey came to the lamp.\n'
    for name, text in (("dotted.md", dotted), ("nested.md", nested), ("whole.md", whole)):
        review = read_review(write_in(tmp_path, name, text))
        assert (review.title, review.date, review.author) == (
            "Moths at Night",
            datetime(2024, 3, 10, 12, tzinfo=UTC),
            "Ann Lee",
        ), name


def test_other_nested_objects_stay_passed_over() -> None:
    header = hocon_header('{%\n  date: "2024-01-02"\n  image { title = "A moth" }\n%}\n# T\n\nText.\n')
    assert header is not None and header.meta == {"date": "2024-01-02"}


def test_a_commented_date_is_read_as_the_review_date(tmp_path: Path) -> None:
    """HOCON's comments (`#`, `//`) may follow a value on its line; the date read with its
    comment was refused as no date ('2024-03-10" # first published')."""
    header = hocon_header(
        '{%\n  date: "2024-03-10" # first published\n  author = Ann Lee // the editor\n'
        '  tags: [moths, "night # owls"] // two\n  laika.versioned = false#x\n%}\n\n# Moths\n\nText.\n'
    )
    assert header is not None
    assert header.meta == {
        "date": "2024-03-10",
        "author": "Ann Lee",
        "tags": ["moths", "night # owls"],
        "laika.versioned": "false",
    }
