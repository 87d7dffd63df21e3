"""digest.checks.declared: where a declaration is written, without a pattern per declaration."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from digest.checks.declared import DeclarationFinder
from digest.checks.origins import EmailSources, Location, SourceFile

NAMES = ["a", "color", "a-b", "b", "x", "COLOR", "A"]
VALUES = ["", "0", "0 24px", "b", "a b", "B", "'", "x !", "24PX", "0  24px"]
SPACES = ["", " ", "\n", "\t", "\u00a0", "\r", "  \n "]
ENDS = [";", "}", '"', "'", "!", "", "\n", "x", "-", " 1", "=", ":"]
BEFORE = ["", "-", "_", "x", " ", "\u00e9", "{", '"', "'"]


def theme(stylesheet: str, template: str) -> EmailSources:
    return EmailSources(
        SourceFile(Path("email.mjml.j2"), template), SourceFile(Path("email.css"), stylesheet)
    )


def random_declarations(rng: random.Random) -> str:
    def one() -> str:
        separator = rng.choice([":", "=", '="', "='", ": ", "::"])
        return (
            rng.choice(BEFORE) + rng.choice(NAMES) + rng.choice(SPACES) + separator + rng.choice(SPACES)
            + rng.choice(VALUES) + rng.choice(SPACES) + rng.choice(ENDS)
        )  # fmt: skip

    return "".join(one() for _ in range(rng.randint(0, 4)))


def test_it_finds_what_the_sources_patterns_find_on_random_texts() -> None:
    rng = random.Random(2)
    found = 0
    for _ in range(6000):
        sources = theme(random_declarations(rng), random_declarations(rng))
        name, value = rng.choice(NAMES[:5]), rng.choice(VALUES)
        expected = sources.declaration(name, value)
        assert DeclarationFinder(sources).find(name, value) == expected, (sources, name, value)
        found += expected is not None
    assert found > 50  # the comparison covers texts that hold the declaration, not only misses


@pytest.mark.parametrize(
    ("stylesheet", "template", "name", "value", "expected"),
    [
        ("a { color : #FFF ; }", "", "color", "#fff", Location(Path("email.css"), 1)),
        ("a { background-color: red }", "", "color", "red", None),  # a longer property
        ("p { margin: 0 24px }", "", "margin", "0", None),  # the value complete
        ("p {\n  margin: 0\n}", "", "margin", "0", Location(Path("email.css"), 2)),
        ("", '<mj-text\n  padding = " 0 24px ">', "padding", "0 24px", Location(Path("email.mjml.j2"), 2)),
        ("K { color: red }", "", "color", "red", Location(Path("email.css"), 1)),  # Kelvin sign: the patterns
    ],
)
def test_it_places_declarations_as_written(
    stylesheet: str, template: str, name: str, value: str, expected: Location | None
) -> None:
    sources = theme(stylesheet, template)
    assert DeclarationFinder(sources).find(name, value) == expected == sources.declaration(name, value)


@pytest.mark.parametrize(
    ("important", "line"),
    [(None, 1), ("", 4), (" !important", 1), (" !IMPORTANT", 2), ("!important", 3), ("!Important", 1)],
)
def test_a_declaration_is_found_as_its_important_is_written(important: str | None, line: int) -> None:
    css = "a { color: red !important }\nb { color: red !IMPORTANT }\nc { color:red!important }\nd { color: red }\n"
    # "!Important" is written nowhere: the first declaration with the value stands in.
    found = DeclarationFinder(theme(css, "")).find("color", "red", important)
    assert found == Location(Path("email.css"), line)
