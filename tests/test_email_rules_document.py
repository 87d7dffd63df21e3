"""The email parsed once (digest.checks.email_rules.document): what hides an element where, and
how its text is weighted."""

from __future__ import annotations

import lxml.html
import pytest

from digest.checks.email_rules import EmailDocument
from digest.checks.mediaquery import DESKTOP, PHONE
from tests.helpers import styled_email


def _reading(html: str, screen: object) -> tuple[EmailDocument, object]:
    root = lxml.html.document_fromstring(html)
    from lxml.cssselect import CSSSelector

    document = EmailDocument(
        html.encode(),
        root,
        match=lambda selector: list(CSSSelector(selector, translator="html")(root)),
        media=None if screen is None else screen.applies,  # type: ignore[attr-defined]
    )
    return document, root.get_element_by_id("x")


def test_display_none_inside_a_media_query_hides_on_the_screens_it_applies_to() -> None:
    html = styled_email(
        "@media (max-width: 480px) { #x { display: none !important } }", '<p id="x">Wide screens</p>'
    )
    for screen, hidden in ((PHONE, True), (DESKTOP, False), (None, False)):
        document, element = _reading(html, screen)
        assert document.is_hidden(element) is hidden, screen


@pytest.mark.parametrize("weight", ["\u00b2", "9" * 5_000, "700"])
def test_a_font_weight_of_digits_no_number_reads_is_no_crash(weight: str) -> None:
    """A template's `font-weight: ²` ('²' is a digit to str.isdigit, no number to int) or
    5,000 digits were a traceback of the contrast check."""
    document = EmailDocument.parse(
        f'<html><body><p style="font-weight: {weight}">Text</p></body></html>'.encode()
    )
    assert document is not None
    [paragraph] = document.elements("p")
    assert document.is_bold(paragraph) == (weight == "700")
