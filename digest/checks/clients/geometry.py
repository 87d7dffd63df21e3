"""How an element is laid out and drawn, as far as a drop can change it: its box's margins,
padding and widths in pixels, its lines and the words it shows, its font face, whether it
draws anything at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from digest.checks import layouts
from digest.checks.boxes import zero_or_auto
from digest.checks.clients.analysis import self_and_ancestors, some_length
from digest.checks.clients.features import LIST_STYLE_NOT_TYPE, PIXELS, Element, value_is, whitespace_words
from digest.checks.css import Declaration, parse_declarations, significant, winning
from digest.checks.email_rules import EmailDocument

BLOCK_ELEMENTS = frozenset(
    whitespace_words(
        "address article aside blockquote body dd div dl dt fieldset figcaption figure footer form h1 h2 h3 "
        "h4 h5 h6 header hr html main nav ol p pre section ul"
    )
)
LONG_WORD = 30  # characters: about the width of a phone's text column


# Elements with no size of their own: nothing in them, they are 0 tall (not an image, a form
# control, a rule or a table cell, which its row makes tall).
EMPTY_WHEN_EMPTY = frozenset(whitespace_words("div span p section article header footer aside nav main"))
# What gives an empty block a height.
GIVES_HEIGHT = (
    "height", "min-height", "padding", "padding-top", "padding-bottom", "padding-block",
    "border", "border-top", "border-bottom", "border-width", "border-block",
)  # fmt: skip


LINE_HEIGHT = re.compile(r"(\d+(?:\.\d+)?|\.\d+)(px|em|%|)")


# Properties text inherits from the elements around it.
INHERITED_TEXT = frozenset(
    {"color", "font-family", "font-size", "font-weight", "font-style", "line-height", "letter-spacing"}
)
TABLE_PARTS = frozenset({"table", "tr", "td", "th", "tbody", "thead", "tfoot"})


def is_link(element: Element) -> bool:
    return element.tag == "a" and element.get("href") is not None


INLINE_ELEMENTS = frozenset(whitespace_words("a abbr b code em font i img small span strong sub sup u"))


def margin_changes_nothing(
    element: Element, declaration: Declaration, font_sized_by_a_rule: Callable[[Element], bool]
) -> str:
    """Why a margin is no loss where it is dropped ("" where it may be): table cells and rows
    take no margin; a margin of 0 or auto is what an inline element or a table in <center> has.
    `font_sized_by_a_rule`: whether a style-block rule may give an element its font size."""
    if element.tag in ("td", "th", "tr"):
        return f"<{element.tag}> takes no margin in any browser"
    values = list(significant(declaration.tokens))
    if not values or not all(
        (token.type in ("number", "dimension") and token.value == 0)
        or (token.type == "ident" and token.lower_value == "auto")
        for token in values
    ):
        return ""
    if element.tag == "html":
        return "<html> has no margin of its own, and auto is 0 as wide as the window"
    if element.tag in INLINE_ELEMENTS and "display" not in (element.get("style") or "").lower():
        return f"an inline <{element.tag}> has no margin, and auto is 0 there"
    if element.tag == "table":
        holder = next(element.iterancestors("td", "th", "div", "center", "body"), None)
        if holder is not None and (holder.tag == "center" or (holder.get("align") or "").lower() == "center"):
            return "the table is centred by the element around it"
        if (element.get("align") or "").strip().lower() == "center":
            return "the table's align attribute centres it"
        if (element.get("width") or "").strip() == "100%":
            return "the table is as wide as its container: auto is 0 there"
        if layouts.fills_its_container(element, font_sized_by_a_rule):
            return "a line of its text is wider than its container: the table fills it, and auto is 0 there"
        own = winning(parse_declarations(element.get("style") or ""), ("float",))
        if own is not None and own.value.strip().lower() in ("left", "right"):
            return "the table floats: auto is 0 for a float"
    return ""


def start_tag_margin_changes_nothing(
    tag: str, attributes: Mapping[str, str], declaration: Declaration
) -> str:
    """Why a margin of 0 or auto on a table of Outlook-only markup is no loss where Outlook
    drops it (it reads no auto, and drops the declaration whole, CSS 2.1 4.2): the table's own
    attributes place it as the auto margins would ("" where they may not)."""
    if tag != "table" or not zero_or_auto(declaration):
        return ""
    if attributes.get("align", "").strip().lower() == "center":
        return "the table's align attribute centres it"
    if attributes.get("width", "").strip() == "100%":
        return "the table is as wide as its container: auto is 0 there"
    return ""


# Elements HTML's rendering rules give vertical margins (1em, or 0.5em for <hr>).
_MARGINED = frozenset(whitespace_words("p h1 h2 h3 h4 h5 h6 ul ol dl menu blockquote pre figure hr"))
OVERFLOWS = frozenset({"overflow", "overflow-x", "overflow-y"})
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)%")
_OUT_OF_FLOW = re.compile(r"\b(?:float\s*:\s*(?:left|right)|position\s*:\s*(?:absolute|fixed))", re.I)


# The faces (weights) of families email stacks name first: Microsoft's core fonts for the web (and
# Tahoma, which Windows ships) come in regular and bold faces alone, on Windows and macOS alike;
# macOS's Helvetica adds a light face (Windows ships none, and draws Arial for it).
FACES: dict[str, tuple[str, frozenset[int]]] = {
    **{
        name.lower(): (name, frozenset({400, 700}))
        for name in (
            "Arial", "Comic Sans MS", "Courier New", "Georgia", "Tahoma", "Times New Roman", "Trebuchet MS",
            "Verdana",
        )
    },
    "helvetica": ("Helvetica", frozenset({300, 400, 700})),
}  # fmt: skip


def numeric_weight(declaration: Declaration) -> float | None:
    values = list(significant(declaration.tokens))
    return float(values[0].value) if len(values) == 1 and values[0].type == "number" else None


def face_for(weight: float, faces: frozenset[int]) -> int:
    """The face a browser draws a weight in, of a family's faces (CSS Fonts 4, 5.2): from 400 to 500,
    the nearest at or above it up to 500, else below, else above; under 400 the nearest below,
    else above; over 500 the nearest above, else below."""
    above = sorted(face for face in faces if face >= weight)
    below = sorted((face for face in faces if face < weight), reverse=True)
    if 400 <= weight <= 500:
        return next((face for face in above if face <= 500), next(iter(below), min(above, default=400)))
    if weight < 400:
        at_or_below = sorted((face for face in faces if face <= weight), reverse=True)
        return next(iter(at_or_below), min(above, default=400))
    return next(iter(above), next(iter(below), 400))


def marks_nothing(declarations: Sequence[Declaration]) -> bool:
    """Whether list-style(-type) sets no marker: its type none, and no image (in the shorthand,
    `none` with no other type and no url; `square none` is a square with no image)."""
    marker = winning(declarations, ("list-style", "list-style-type"))
    if marker is None:
        return False
    values = list(significant(marker.tokens))
    words = {token.lower_value for token in values if token.type == "ident"}
    only_words = all(token.type == "ident" for token in values)
    return only_words and "none" in words and words <= {"none", *LIST_STYLE_NOT_TYPE}


def percent_height(element: Element, styles: Sequence[Declaration]) -> bool:
    """Whether an element's height is a percentage (its attribute, or a declaration)."""
    declared = winning(styles, ("height",))
    written = declared.value if declared is not None else element.get("height") or ""
    return written.strip().endswith("%")


def margined_inside(child: Element) -> bool:
    """Whether a first or last child has a vertical margin, its own or the browser's, that a box
    clipping its overflow keeps inside (and one that does not lets out, CSS 2.1 8.3.1)."""
    own = [each for each in parse_declarations(child.get("style") or "") if each.name.startswith("margin")]
    if not own:
        return child.tag in _MARGINED
    return any(some_length(each) for each in own)


def no_wider_than(node: Element, box: float) -> bool:
    """Whether an element inside a box of this px width stays in it: no px width wider, no width in
    another unit or over 100%, no image without a px width, nothing floated or positioned."""
    style = node.get("style") or ""
    if _OUT_OF_FLOW.search(style):
        return False
    widths = [(node.get("width") or "").strip().lower()]
    widths += [
        each.value.strip().lower()
        for each in parse_declarations(style)
        if each.name in ("width", "min-width")
    ]
    for width in widths:
        share = _PERCENT.fullmatch(width)
        if width in ("", "auto", "0") or (share is not None and float(share.group(1)) <= 100):
            continue
        if not PIXELS.fullmatch(width) or float(width.removesuffix("px")) > box:
            return False
    return node.tag != "img" or any(PIXELS.fullmatch(width) for width in widths)


# Boxes a block of auto width fills across (a cell, where it is alone in its row).
FILLS = BLOCK_ELEMENTS | frozenset(whitespace_words("center table tbody thead tfoot tr td th"))
BODY_MARGIN = 8.0  # px: HTML's rendering rules give <body> this margin
_CELL_PADDING = 1.0  # px: and table cells this padding


def empty_and_narrow(cell: Element, styles: Sequence[Declaration]) -> bool:
    if cell.text_content().strip() or len(cell):
        return False
    width = winning(styles, ("width",))
    written = (width.value if width is not None else cell.get("width") or "").strip().lower()
    return written in ("0", "0px")


def cell_spacing(cell: Element) -> float:
    """The room a cell's table sets around its cells across a row (HTML's default cellspacing of
    2px where none is written; a client may read no border-spacing)."""
    table = next(cell.iterancestors("table"), None)
    row = cell.getparent()
    written = (table.get("cellspacing") or "").strip() if table is not None else ""
    spacing = float(written.removesuffix("px")) if PIXELS.fullmatch(written) else 2.0
    cells = sum(1 for each in row if each.tag in ("td", "th")) if row is not None else 1
    return spacing * (cells + 1)


def horizontal_padding(element: Element, styles: Sequence[Declaration]) -> float | None:
    """The px padding on both sides of a box (a cell's default where none is set); None where
    one is in another unit."""
    sides = [0.0, 0.0]
    if element.tag in ("td", "th"):
        table = next(element.iterancestors("table"), None)
        written = (table.get("cellpadding") or "").strip() if table is not None else ""
        default = float(written.removesuffix("px")) if PIXELS.fullmatch(written) else _CELL_PADDING
        sides = [default, default]
    for each in styles:
        if each.name not in ("padding", "padding-left", "padding-right"):
            continue
        values = [token for token in significant(each.tokens) if token.type != "whitespace"]
        if not all(
            (token.type == "number" and token.value == 0) or getattr(token, "lower_unit", "") == "px"
            for token in values
        ):
            return None
        lengths = [float(token.value) for token in values]
        if each.name == "padding-left" and lengths:
            sides[0] = lengths[0]
        elif each.name == "padding-right" and lengths:
            sides[1] = lengths[0]
        elif lengths:
            right = lengths[1] if len(lengths) > 1 else lengths[0]
            left = lengths[3] if len(lengths) > 3 else right
            sides = [left, right]
    return sides[0] + sides[1]


# Elements a reader never sees drawn: what follows or precedes a box on its line regardless.
_NOT_DRAWN = frozenset(whitespace_words("source track script style template meta link"))
# What starts a new line before what follows it.
_LINE_BREAKERS = BLOCK_ELEMENTS | frozenset(whitespace_words("br table hr center"))


def ends_the_email_on_its_own_line(image: Element) -> bool:
    """Whether nothing drawn follows an image to the end of <body>, nothing drawn precedes it on
    its line (a block or a <br> before it, through inline boxes around it alone), and nothing
    between it and <body> paints a background or border (CSS 2.1 10.8.1: inline, the strut's
    descent under it is then the body's own background at the end of the message)."""
    node = image
    starts_its_line = False
    while node.tag != "body":
        parent = node.getparent()
        if parent is None or (node.tail or "").strip():
            return False
        if any(_drawn(each) for each in node.itersiblings()):
            return False
        if not starts_its_line:
            for each in node.itersiblings(preceding=True):
                if (each.tail or "").strip():
                    return False  # text before it on its line
                if isinstance(each.tag, str) and each.tag in _LINE_BREAKERS:
                    starts_its_line = True
                    break
                if _drawn(each):
                    return False  # an inline box before it on its line
            else:
                if (parent.text or "").strip():
                    return False
                starts_its_line = parent.tag not in INLINE_ELEMENTS and parent.tag != "picture"
        if parent.tag != "body" and (parent.get("bgcolor") or _paints_or_borders(parent)):
            return False
        if _aligns_off_the_start(parent):
            return False  # inline, the image would be centred or at the end; a block is not
        node = parent
    return starts_its_line


def _aligns_off_the_start(element: Element) -> bool:
    """Whether an element's attributes or style attribute align inline content other than at the
    start of a left-to-right line (where a block with no auto margins also stands)."""
    if (element.get("align") or "").strip().lower() in ("center", "right", "middle", "end"):
        return True
    if (element.get("dir") or "").strip().lower() == "rtl":
        return True
    style = " ".join((element.get("style") or "").lower().split())
    return any(f"text-align:{value}" in style.replace(": ", ":") for value in ("center", "right", "end"))


def _drawn(element: Element) -> bool:
    """Whether an element (or text after it) may be drawn: not a comment, <source> and the like."""
    if (element.tail or "").strip():
        return True
    return isinstance(element.tag, str) and element.tag not in _NOT_DRAWN


def _paints_or_borders(element: Element) -> bool:
    style = (element.get("style") or "").lower()
    return "background" in style or "border" in style


def shows_nothing(element: Element) -> bool:
    """Whether an element is empty (no text, no child) and its style attribute and bgcolor
    paint nothing: no background, no border, no outline, no shadow."""
    if len(element) or (element.text or "").strip() or element.get("bgcolor"):
        return False
    style = (element.get("style") or "").lower()
    return not any(word in style for word in ("background", "border", "outline", "shadow"))


def shown_content(element: Element) -> tuple[str, str] | None:
    """What an element shows the reader: ("text", its first words) or ("image", its first
    image's address); None for nothing."""
    text = " ".join(element.text_content().split())
    if text:
        return "text", f'"{text if len(text) <= 40 else text[:39] + "…"}"'
    image = element if element.tag == "img" else next(element.iter("img"), None)
    if image is None:
        return None
    src = (image.get("src") or "").strip()
    return "image", src if len(src) <= 40 else src[:39] + "…"


def breaks_long_words_only(declaration: Declaration) -> bool:
    """overflow-wrap, word-wrap and word-break:break-word break a word only where it does not
    fit its line; break-all and hyphens change where every line breaks."""
    if declaration.name in ("overflow-wrap", "word-wrap"):
        return True
    return declaration.name == "word-break" and value_is(declaration, "break-word")


def narrowest_px_width(copy: Element, document: EmailDocument, widest: float) -> float | None:
    """The narrowest px width or max-width the style attributes, or width attribute, of an
    element or those around it give (at most `widest`); None where one is in another unit."""
    line = widest
    for node in self_and_ancestors(copy):
        widths = [each.value for each in document.inline(node) if each.name in ("width", "max-width")]
        for written in [*widths, node.get("width") or ""]:
            value = written.strip().lower()
            if value in ("", "auto", "none", "100%"):
                continue
            if not PIXELS.fullmatch(value):
                return None
            line = min(line, float(value.removesuffix("px")))
    return line


def no_line_length(element: Element) -> bool:
    """Whether the line height an element has, by the nearest style attribute up its chain that
    sets one as written (before a client spaces lines its own way), scales with the font size:
    normal, a factor, em or a percentage (a px length stays at font size 0). A font shorthand's
    is not read."""
    for node in self_and_ancestors(element):
        declaration = winning(parse_declarations(node.get("style") or ""), ("line-height", "font"))
        if declaration is None:
            continue
        value = " ".join(declaration.value.lower().replace("!important", "").split())
        if declaration.name != "line-height":
            return False
        if value == "normal":
            return True
        length = LINE_HEIGHT.fullmatch(value)
        return length is not None and (length.group(2) != "px" or float(length.group(1)) == 0)
    return True


IMAGE_SIZES = frozenset({"width", "max-width", "height", "min-width", "max-height"})


def sized_image(element: Element, name: str) -> bool:
    """An <img> whose width attribute (for a width, min-width or max-width) or height
    attribute (for a height) gives its size where CSS sizes are dropped: it keeps its own
    size rather than scaling with the column, which it fits already; the other side follows
    the image's proportions."""
    attribute = "height" if name.endswith("height") else "width"
    return element.tag == "img" and PIXELS.fullmatch((element.get(attribute) or "").strip()) is not None


def px_value(value: str) -> float | None:
    """A width value's px length (a width attribute's bare number too); None for another unit."""
    written = value.lower().replace("!important", "").strip()
    return float(written.removesuffix("px")) if PIXELS.fullmatch(written) else None


def has_long_word(element: Element) -> bool:
    # Text run together across blocks holds words at least as long: read the blocks apart only then.
    if not any(len(word) > LONG_WORD for word in element.text_content().split()):
        return False
    return any(len(word) > LONG_WORD for word in words_shown(element))


# Elements whose text runs on with the text around them: a word goes on across them.
_RUNS_ON = INLINE_ELEMENTS | frozenset(
    whitespace_words("bdi bdo cite data del dfn ins kbd label mark q s samp span strike time tt var")
)


def words_shown(element: Element) -> list[str]:
    """The words of an element's text as a reader sees them: text runs on across inline
    elements, and a block, a cell or a line break ends a word (CSS 2.1 9.2.1)."""
    parts: list[str] = []
    stack: list[tuple[Element, bool]] = [(element, True)]
    while stack:
        node, opening = stack.pop()
        tagged = isinstance(node.tag, str)  # a comment or processing instruction shows no text
        gap = " " if tagged and node.tag not in _RUNS_ON else ""
        if opening:
            parts.append(gap + (node.text or "" if tagged else ""))
            stack.append((node, False))
            stack.extend((child, True) for child in reversed(node))
        else:
            parts.append(gap + (node.tail or "" if node is not element else ""))
    return "".join(parts).split()
