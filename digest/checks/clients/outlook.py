"""What Outlook for Windows draws in place of the HTML it drops: the conditional twins written
for it, VML shapes and fills, its mso- data and dark-mode attributes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from digest.checks.clients.analysis import self_and_ancestors
from digest.checks.clients.features import ATTRIBUTE, CONDITIONAL_OPEN, START_TAG, Element
from digest.checks.clients.view import XML_UNSAFE
from digest.checks.css import Declaration, parse_declarations, winning

# What an Outlook-only ghost table or cell gives the element it wraps: its width, its place
# in the row, its spacing. A shadow or a rounded corner it does not stand in for.
LAID_OUT_BY_TWIN = frozenset(
    {"width", "max-width", "min-width", "display", "margin", "margin-left", "margin-right", "margin-top",
     "margin-bottom", "float", "vertical-align", "direction", "text-align", "font-size", "line-height"}
)  # fmt: skip


# What Outlook for Windows draws instead of a value its notes say it does not take.
OUTLOOK_DRAWS = {
    "border-over-8px": "Outlook draws the border 8px wide at most",
    "font-weight:rounded": "Outlook draws the weight as normal or bold",
}


# The attributes the dark mode of Outlook.com and the Outlook apps adds where it recolours
# (caniemail's note on prefers-color-scheme): rules on them are for that dark mode alone.
OUTLOOK_DARK_ATTRIBUTES = re.compile(r"\[\s*data-og[sa][cb]\b", re.I)
OUTLOOK_DARK_ONLY = (
    "written for the dark mode of Outlook.com and the Outlook apps (their data-ogsc attributes)"
)


def bullets_drawn_for_outlook(element: Element) -> bool:
    """Whether every item of a list (or the item itself) sets Outlook's mso-bullet-image, which
    caniemail's note on list-style-image gives as Outlook's stand-in."""
    items = [element] if element.tag == "li" else [child for child in element if child.tag == "li"]
    return bool(items) and all(
        any(each.name == "mso-bullet-image" for each in parse_declarations(item.get("style") or ""))
        for item in items
    )


def outlook_text_holders(markup: str) -> Iterator[Element]:
    """The elements of markup only Outlook reads (a conditional comment's) that hold text it
    shows directly, read as the body of a document (its tags left open are closed; characters
    lxml refuses to hold, such as U+FFFE, left out). Office's settings (<xml><o:PixelsPerInch>96) are data,
    not text."""
    import lxml.html

    # In a document's body, as Outlook reads it there: a fragment parser refuses markup that
    # opens with <html> ('too many bodies'), which a body passes over.
    fragment = lxml.html.document_fromstring(f"<html><body>{XML_UNSAFE.sub('', markup)}</body></html>").body
    for node in fragment.iter():
        if isinstance(node.tag, str) and (node.text or "").strip() and not _office_data(node):
            yield node
        parent = node.getparent()
        if (node.tail or "").strip() and parent is not None and not _office_data(parent):
            yield parent


def _office_data(element: Element) -> bool:
    """Whether an element is Office's document data: an <xml> island or an o: element, or in one."""
    return any(node.tag == "xml" or node.tag.startswith("o:") for node in self_and_ancestors(element))


def set_on(element: Element, names: tuple[str, ...]) -> Declaration | None:
    """The declaration of one of these properties the style attribute of the element (of an
    Outlook-only fragment), or the nearest around it in the fragment, gives it."""
    around = (
        winning(parse_declarations(node.get("style") or ""), names) for node in self_and_ancestors(element)
    )
    return next((each for each in around if each is not None), None)


def has_outlook_twin(element: Element) -> bool:
    """Outlook-only markup stands in for the element: a table or cell opened just before it
    or first inside it (MJML's and the hybrid templates' ghost tables, closed after it), or
    a whole table just after it (MJML's divider). A notice or a link for Outlook beside it
    is no twin."""
    # Cerberus opens it as the first child: <div style="max-width:680px"><!--[if mso]><table>.
    first = element[0] if len(element) and not (element.text or "").strip() else None
    for sibling, opened in ((element.getprevious(), True), (element.getnext(), False), (first, True)):
        if (written := _written_for_outlook(sibling)) is None:
            continue
        markup = written.lower()
        tables = len(_TABLE_OPEN.findall(markup)) - len(_TABLE_CLOSE.findall(markup))
        if (tables > 0) if opened else ("<table" in markup and tables == 0):
            return True
    return False


_VML_SHAPE_OPEN = re.compile(r"<v:(roundrect|rect|oval)\b", re.I)
# What a VML shape draws for the element inside it: its box, corners, fill and text's line.
DRAWN_BY_VML_SHAPE = frozenset(
    {"border-radius", "display", "width", "height", "line-height", "padding", "background",
     "background-color", "border", "text-align", "vertical-align"}
)  # fmt: skip


def inside_vml_shape(element: Element) -> bool:
    """Whether Outlook-only markup just before the element opens a VML shape it leaves open
    (closed after the element): the bulletproof button, whose <v:roundrect> Outlook draws
    around the link it holds."""
    sibling = element.getprevious()
    if sibling is None or isinstance(sibling.tag, str):
        return False
    text = sibling.text or ""
    opened = _VML_SHAPE_OPEN.search(text)
    return opened is not None and f"</v:{opened.group(1).lower()}" not in text.lower()


def padded_for_outlook(element: Element) -> bool:
    """The element is the only one in a table cell that pads itself for Outlook with
    mso-padding-alt (MJML's and the bulletproof buttons: the link's padding, the cell's)."""
    parent = element.getparent()
    if (
        parent is None
        or parent.tag not in ("td", "th")
        or len([c for c in parent if isinstance(c.tag, str)]) != 1
    ):
        return False
    alt = winning(parse_declarations(parent.get("style") or ""), ("mso-padding-alt",))
    return alt is not None and not all(word.rstrip("ptx") in ("0", "") for word in alt.value.lower().split())


def twin_draws(element: Element, declaration: Declaration) -> bool:
    """The Outlook-only markup beside the element writes the same declaration (MJML's
    divider: a <p> with a border-top, then a table for Outlook with the same border-top)."""
    wanted = (declaration.name, " ".join(declaration.value.lower().split()))
    for sibling in (element.getprevious(), element.getnext()):
        if (markup := _written_for_outlook(sibling)) is None:
            continue
        for tag in START_TAG.finditer(markup):
            for name, value in ATTRIBUTE.findall(tag.group(2)):
                if name.lower() != "style":
                    continue
                written = parse_declarations(value.strip("\"'"))
                if any((d.name, " ".join(d.value.lower().split())) == wanted for d in written):
                    return True
    return False


_VML_FILL = re.compile(r"<v:(?:fill|image|imagedata)\b[^>]*\bsrc\s*=", re.I)


def holds_vml_fill(element: Element) -> bool:
    """Whether Outlook-only markup right inside the element draws an image with VML: its own
    bulletproof background, whichever file that VML names (templates often give Outlook a
    second copy of the image)."""
    return any(
        not isinstance(child.tag, str) and _VML_FILL.search(child.text or "")  # a comment
        for child in element
    )


_TABLE_OPEN = re.compile(r"<(?:table|td|th)\b")
_TABLE_CLOSE = re.compile(r"</(?:table|td|th)\s*>")


def _written_for_outlook(node: Element | None) -> str | None:
    """The markup of a conditional comment for Outlook (`<!--[if mso]>...`), after its `]>`;
    None where the node is no such comment."""
    from lxml import etree

    if node is None or node.tag is not etree.Comment:
        return None
    text = (node.text or "").strip()
    if not (CONDITIONAL_OPEN.match(text) and "mso" in text.lower()):
        return None
    return text[text.index("]>") + 2 :]
