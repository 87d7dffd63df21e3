"""The text a ::before or ::after rule writes into the email (digest.checks.generated)."""

from __future__ import annotations

import pytest

from digest.checks.css import parse_declarations
from digest.checks.generated import generated_text, generates_content


@pytest.mark.parametrize(
    ("selector", "generates"),
    [
        (".test-before::before", True),
        (".test-after:after", True),  # CSS 2's single colon
        ("p.note::AFTER", True),
        (".test-first-letter::first-letter", False),
        (".before", False),
        ("a[title='::before']", False),
    ],
)
def test_only_before_and_after_generate_content(selector: str, generates: bool) -> None:
    assert generates_content(selector) is generates


@pytest.mark.parametrize(
    ("css", "text"),
    [
        ("content: '::before'", "::before"),
        ('content: "New" " " "!"', "New !"),
        ("content: 'Étape 2'", "Étape 2"),
        ("content: ''", None),  # a clearfix
        ("content: '→'", None),  # an arrow or a bullet is decoration
        ("content: '\\2022'", None),
        ("content: attr(title)", None),  # the text is the email's own, shown elsewhere
        ("content: none", None),
        ("color: red", None),
    ],
)
def test_generated_text_is_a_content_string_with_letters_or_digits(css: str, text: str | None) -> None:
    assert generated_text(parse_declarations(css)[0]) == text
