"""What a mail client that recolours the email in dark mode does to it, where that is
documented well enough to check.

Outlook.com recolours every element whose text or background colour the email sets (by the
`color` and `bgcolor` attributes or the `color`, `background-color` and `background`
properties, inline or in a <style> block): it darkens background colours and changes text
colours to stand out from the element's own (darkened) background, or from its dark reading
pane, keeping the email's colours in `data-ogsc` and `data-ogsb` attributes (Rémi
Parmentier, "Dealing with Outlook.com's Dark Mode", hteumeuleu.com, 2019). caniemail's
note on `@media (prefers-color-scheme)` says the Outlook apps for macOS, iOS and Android add
the same attributes. Pixels are not recoloured: a background image stays as it is.

So dark text the email sets over a background image (chosen because the image is light) is
lightened there, and sits light on the unchanged light image. What Gmail's apps and Outlook
for Windows do (a "full inversion" in practitioners' write-ups) is not documented closely
enough to compute, and is not checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from digest.checks.css import Colour, contrast_ratio

Element = Any  # lxml.html.HtmlElement

# Outlook.com's reading pane in dark mode, which text with no background of its own is set against.
OUTLOOK_DARK_PANE = Colour.of((51, 51, 51))
_IMAGE_IN_VALUE = re.compile(r"\burl\(|\b(?:linear|radial|conic)-gradient\(", re.I)


def has_background_image(element: Element, declarations: Iterator[Any]) -> bool:
    """Whether the element paints a background image: a `background` attribute, or a
    `background` or `background-image` declaration holding an image."""
    if (element.get("background") or "").strip():
        return True
    return any(
        declaration.name in ("background", "background-image") and _IMAGE_IN_VALUE.search(declaration.value)
        for declaration in declarations
    )


def lightened(colour: Colour) -> bool:
    """Whether Outlook.com changes this text colour in dark mode: it does where the colour
    does not stand out from its dark pane (WCAG's 4.5:1)."""
    return contrast_ratio(colour.over(OUTLOOK_DARK_PANE), OUTLOOK_DARK_PANE) < 4.5
