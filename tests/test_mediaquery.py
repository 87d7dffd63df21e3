"""Whether an @media query applies on a phone or on a desktop pane (digest.checks.mediaquery)."""

from __future__ import annotations

import pytest

from digest.checks.mediaquery import DESKTOP, PHONE

# --- media queries on a screen ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "desktop", "phone"),
    [
        ("@media only screen and (max-width: 480px)", False, True),
        ("@media screen and (max-width:600px)", False, True),
        ("@media all and (min-width: 560px)", True, False),
        ("@media screen", True, True),
        ("@media print", False, False),
        ("@media not print", True, True),
        ("@media (prefers-color-scheme: dark)", False, False),
        ("@media (width <= 600px)", False, True),
        ("@media (400px < width < 1000px)", True, False),
        ("@media screen and (-webkit-min-device-pixel-ratio: 2)", False, True),
        ("@media only screen and (min-device-width: 320px) and (max-device-width: 374px)", False, False),
        ("@media (max-width: 30em)", False, True),
        ("@media (max-width: 480px), (min-width: 700px)", True, True),
        ("@media (hover: hover)", False, False),  # a feature not read: nothing hidden on a guess
    ],
)
def test_a_media_query_applies_on_the_screens_it_is_for(query: str, desktop: bool, phone: bool) -> None:
    assert (DESKTOP.applies((query,)), PHONE.applies((query,))) == (desktop, phone)
