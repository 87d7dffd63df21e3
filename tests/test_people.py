"""Who wrote a text when no metadata says so (digest.sources.people): a signature at its end,
a closing byline ('Written by Ann Lee'), or a labelled byline line near the top in the site's
language ('Autores: ...')."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from digest.sources.people import is_byline_name, labelled_byline, trailing_byline, without_roles
from tests.helpers import returns_in_time


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


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Author: Ann Lee", "Ann Lee"),
        ("Autores: Ann Lee (Harbour Co), Bo Chen (Tide Ltd)", "Ann Lee (Harbour Co), Bo Chen (Tide Ltd)"),
        ("Autor: João da Silva", "João da Silva"),
        ("Autora : Ana Souza", "Ana Souza"),
        ("Auteur : Marie Dupont", "Marie Dupont"),
        ("Autorin: Erika Muster", "Erika Muster"),
        ("Autore: Marco Rossi", "Marco Rossi"),
        ("Автор: Иван Петров", "Иван Петров"),
        ("作者：山田太郎", "山田太郎"),
        ("escrito por: Ana Souza", "Ana Souza"),
    ],
)
def test_a_byline_line_in_the_sites_language_names_the_author(line: str, expected: str) -> None:
    assert labelled_byline(line) == expected


@pytest.mark.parametrize(
    "line", ["Authority: the harbour board", "Autorização: pendente", "By the sea", "Ann Lee"]
)
def test_lines_that_are_no_labelled_byline(line: str) -> None:
    assert labelled_byline(line) is None


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ("Ann Lee, SIG Docs Co-Chair para Kubernetes", "Ann Lee"),  # her role after the comma
        ("Ann Lee, Docs lead at the harbour office, Bo Chen", "Ann Lee, Bo Chen"),
        ("Ann Lee, Bo Chen and Cy Dee", "Ann Lee, Bo Chen and Cy Dee"),  # people only: kept whole
        ("Ann Lee (Harbour Co), Bo Chen (Tide Ltd)", "Ann Lee (Harbour Co), Bo Chen (Tide Ltd)"),
        ("the harbour staff, Ann Lee", "the harbour staff, Ann Lee"),  # no name first: left alone
        ("Ann Lee", "Ann Lee"),
    ],
)
def test_a_role_after_the_name_leaves_the_byline(names: str, expected: str) -> None:
    assert without_roles(names) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ann Lee", True),
        ("Ann de Vries", True),
        ("Bob Killen (Google)", True),
        ("Design", False),  # 'By Design'
        ("The Numbers", False),  # 'By The Numbers'
        ("Our Harbour", False),
        ("the sea", False),
    ],
)
def test_what_names_a_person_the_way_a_byline_does(name: str, expected: bool) -> None:
    assert is_byline_name(name) is expected


@pytest.mark.parametrize(
    "read",
    [
        lambda blanks: labelled_byline(f"Author: Ann Lee, Bob{blanks}Roe (Example"),
        lambda blanks: is_byline_name(f"Ann{blanks}Lee (Example"),
        lambda blanks: without_roles(f"Ann Lee, Bob{blanks}Roe and{blanks}x"),
    ],
    ids=["labelled", "byline-name", "roles"],
)
def test_a_byline_with_a_long_run_of_blanks_is_read_in_linear_time(read: Callable[[str], object]) -> None:
    """Splitting names at 'and' and taking '(Affiliation)' off read a run of blanks again from
    each of its characters: a review's line 'Author: Ann Lee, Bob' with 20,000 spaces before
    'Roe' held the build for 36 seconds (found by world18)."""
    returns_in_time("a byline of 200,000 blanks", lambda: read(" " * 200_000))


def test_names_split_and_affiliations_removed_as_before() -> None:
    assert labelled_byline("Author: Ann Lee and  Bo Chen") == "Ann Lee and  Bo Chen"
    assert without_roles("Ann Lee (Co)  and Bo Chen, Editor in chief") == "Ann Lee (Co)  and Bo Chen"
    assert without_roles("Ann Lee,   Bo Chen   and Cy Dee") == "Ann Lee,   Bo Chen   and Cy Dee"
    assert is_byline_name("Bob Killen   (Google)") and not is_byline_name("The Numbers (x)")
