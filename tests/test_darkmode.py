"""What dark modes that recolour an email do to it (digest.checks.darkmode)."""

from __future__ import annotations

import lxml.html
import pytest

from digest.checks.css import Colour, parse_declarations
from digest.checks.darkmode import OUTLOOK_DARK_PANE, has_background_image, lightened


@pytest.mark.parametrize(
    ("markup", "image"),
    [
        ('<td background="paper.jpg">x</td>', True),
        ('<td style="background: #fff url(paper.jpg) no-repeat">x</td>', True),
        ('<td style="background-image: linear-gradient(#fff, #eee)">x</td>', True),
        ('<td style="background-color: #fff">x</td>', False),
        ('<td background="">x</td>', False),
        ('<td style="background: none">x</td>', False),
    ],
)
def test_a_background_image_is_an_attribute_or_an_image_value(markup: str, image: bool) -> None:
    cell = lxml.html.fragment_fromstring(f"<table><tr>{markup}</tr></table>").find(".//td")
    declarations = parse_declarations(cell.get("style") or "")
    assert has_background_image(cell, iter(declarations)) is image


@pytest.mark.parametrize(
    ("rgb", "changed"),
    [
        ((0, 0, 0), True),
        ((51, 51, 51), True),
        ((119, 119, 119), True),  # 2.2:1 on #333
        ((255, 255, 255), False),
        ((204, 204, 204), False),
    ],
)
def test_outlook_lightens_text_that_does_not_stand_out_from_its_dark_pane(
    rgb: tuple[int, int, int], changed: bool
) -> None:
    assert OUTLOOK_DARK_PANE.hex == "#333333"
    assert lightened(Colour.of(rgb)) is changed
