"""What a declaration the client drops costs on one element of its copy: whether the text, a
link, an image or the layout changes there (content), only how it looks (decoration), or
nothing the reader sees.
"""

from __future__ import annotations

from functools import cached_property

import tinycss2

from digest.checks import edges, layouts
from digest.checks.boxes import (
    box_sizing_matters,
    size_attribute_says_the_same,
    zero_or_auto,
)
from digest.checks.clients.analysis import (
    BACKGROUNDS,
    is_ancestor_or_self,
    self_and_ancestors,
    some_length,
)
from digest.checks.clients.cascade import Cascade
from digest.checks.clients.costs import (
    BROWSER_EM,
    CHANGE_OF_STATE,
    COLOURS_ONLY,
    INHERITS_FONT_SIZE,
    LINE_BREAKING,
    LIST_GUTTER,
    REM,
    ROUNDS_CORNERS,
    SECTIONING,
    Effect,
)
from digest.checks.clients.features import (
    PIXELS,
    Element,
    only_px,
    value_in,
    value_is,
    value_markers,
)
from digest.checks.clients.geometry import (
    BLOCK_ELEMENTS,
    BODY_MARGIN,
    EMPTY_WHEN_EMPTY,
    FACES,
    FILLS,
    GIVES_HEIGHT,
    IMAGE_SIZES,
    INHERITED_TEXT,
    INLINE_ELEMENTS,
    LONG_WORD,
    OVERFLOWS,
    TABLE_PARTS,
    breaks_long_words_only,
    cell_spacing,
    empty_and_narrow,
    ends_the_email_on_its_own_line,
    face_for,
    has_long_word,
    horizontal_padding,
    is_link,
    margin_changes_nothing,
    margined_inside,
    marks_nothing,
    narrowest_px_width,
    no_line_length,
    no_wider_than,
    numeric_weight,
    percent_height,
    shows_nothing,
    sized_image,
    words_shown,
)
from digest.checks.clients.outlook import (
    DRAWN_BY_VML_SHAPE,
    LAID_OUT_BY_TWIN,
    OUTLOOK_DRAWS,
    bullets_drawn_for_outlook,
    has_outlook_twin,
    inside_vml_shape,
    padded_for_outlook,
    twin_draws,
)
from digest.checks.css import (
    Declaration,
    colour_in,
    parse_css,
    parse_declarations,
    readable_css,
    winning,
)
from digest.checks.mediaquery import PHONE


class ElementEffects(Cascade):
    """What a dropped declaration costs on one element, by what the property does there."""

    def _drawn_inline(self, element: Element) -> bool:
        """Whether an inline element (an image, a link) stays inline in the client's copy: its
        style attribute keeps no display, nor does a kept style-block rule give it one."""
        if element.tag not in INLINE_ELEMENTS:
            return False
        copy = self.view.copy_of(element)
        if winning(self.after.inline(copy), ("display",)) is not None:
            return False
        ruled = self._ruled_or_unknown(frozenset({"display"}))
        return ruled is not None and copy not in ruled

    def _body_height_unseen(self, body: Element) -> bool:
        """Whether how tall <body> is shows nowhere: the root paints no background of its own, or
        the body's, so the body's paints the canvas (CSS 2.1 14.2); the body draws no border; no
        child of it takes a percentage of its height (10.5: only through one could a box inside)."""
        copy = self.view.copy_of(body)
        root = copy.getparent()
        own = edges.background(copy, self._styles)
        if root is not None and edges.background(root, self._styles) not in (None, own):
            return False
        if any(each.name.startswith("border") and edges.draws_line(each) for each in self._styles(copy)):
            return False
        return not any(
            percent_height(child, self._styles(child)) for child in copy if isinstance(child.tag, str)
        )

    def _centres_its_line(self, element: Element) -> bool:
        """Whether the line an inline element sits on is centred: the nearest element around it
        that aligns text (a <center>, text-align in the client's copy, an align attribute) centres."""
        for node in self_and_ancestors(self.view.copy_of(element).getparent()):
            if node.tag == "center":
                return True
            aligned = winning(self.after.inline(node), ("text-align",))
            if aligned is not None:
                return value_is(aligned, "center")
            if node.get("align") and node.tag in ("td", "th", "div", "p", "tr"):
                return (node.get("align") or "").strip().lower() == "center"
        return False

    def _element_effect(self, element: Element, declaration: Declaration) -> tuple[Effect, str] | None:
        """What losing a declaration costs on an element of the email (None: its styling)
        where it changes nothing the reader sees or something stands in for it: the first
        step below with something to say answers."""
        if self.after.is_hidden(self.view.copy_of(element)):
            return "none", "on content that stays hidden"
        return (
            self._drawn_by_outlook_instead(element, declaration)
            or self._display_unseen(element, declaration)
            or self._root_min_height_unseen(element, declaration)
            or self._margin_unseen(element, declaration)
            or self._text_style_unseen(element, declaration)
            or self._width_unseen(element, declaration)
            or self._font_size_unseen(element, declaration)
            or self._forced_by_the_client(element, declaration)
            or self._table_layout_unseen(element, declaration)
            or self._nothing_to_animate_or_round(element, declaration)
            or self._outlook_bullets_stand_in(element, declaration)
            or self._place_unchanged(element, declaration)
            or self._size_unseen(element, declaration)
            or self._box_sizing_effect(element, declaration)
            or self._drawn_by_outlook_markup(element, declaration)
            or self._client_default_stands_in(element, declaration)
            or self._long_words_unseen(element, declaration)
            or self._animation_unseen(element, declaration)
            or self._nothing_clipped_or_repeated(element, declaration)
        )

    def _drawn_by_outlook_instead(
        self, element: Element, declaration: Declaration
    ) -> tuple[Effect, str] | None:
        """What Outlook for Windows draws in the declaration's place (the cell, the Outlook-only
        markup, its own markers), or draws as a browser would."""
        if (
            self.client.outlook_windows
            and declaration.name.startswith("padding")
            and padded_for_outlook(element)
        ):
            return "fallback", "Outlook pads the cell around it instead (its mso-padding-alt)"
        if self.client.outlook_windows and self._drawn_by_its_cell(element, declaration):
            return (
                "fallback",
                "Outlook draws the button with the cell around it (its background and mso-padding-alt)",
            )
        if self.client.outlook_windows and twin_draws(element, declaration):
            return "fallback", "the Outlook-only markup beside it writes the same"
        if (
            declaration.name == "font-weight"
            and self.client.outlook_windows
            and (weight := numeric_weight(declaration)) is not None
            and (family := self._first_family(element)) in FACES
            and face_for(weight, FACES[family][1]) == (700 if weight >= 600 else 400)
        ):
            return (
                "none",
                f"{FACES[family][0]} has no face between its regular and bold for this weight: a browser "
                "draws it as Outlook does (CSS Fonts 4, 5.2)",
            )
        if self.client.outlook_windows and (markers := value_markers(declaration) & OUTLOOK_DRAWS.keys()):
            return "decoration", OUTLOOK_DRAWS[min(markers)]
        return None

    def _display_unseen(self, element: Element, declaration: Declaration) -> tuple[Effect, str] | None:
        """A display:block that is the element's default, or leaves an image drawn the same."""
        if declaration.name == "display" and element.tag in BLOCK_ELEMENTS and value_is(declaration, "block"):
            return "none", f"display:block is the browser default of <{element.tag}>"
        if (
            declaration.name == "display"
            and element.tag == "img"
            and value_is(declaration, "block")
            and self._alone_on_a_line_with_no_strut(element)
        ):
            return (
                "none",
                "the image is alone on its line and as wide as its container, whose font size of 0 "
                "leaves no room under it: inline, it is drawn the same",
            )
        if (
            declaration.name == "display"
            and element.tag == "img"
            and value_is(declaration, "block")
            and ends_the_email_on_its_own_line(element)
        ):
            return (
                "none",
                "the image ends the email alone on its line: inline, the room under it is the "
                "body's own background at the end of the message",
            )
        return None

    def _root_min_height_unseen(
        self, element: Element, declaration: Declaration
    ) -> tuple[Effect, str] | None:
        """A min-height on the root, whose background paints the canvas anyway."""
        if element.tag == "html" and declaration.name == "min-height":
            return (
                "none",
                "the root's background paints the whole canvas anyway, and no percentage height "
                "inside resolves against a min-height",
            )
        return None

    def _margin_unseen(self, element: Element, declaration: Declaration) -> tuple[Effect, str] | None:
        """A margin that moves nothing: 0 or auto where the client draws the element inline or as
        wide as its container, or where the client's own margin stands in."""
        if (
            element.tag in INLINE_ELEMENTS
            and declaration.name.startswith("margin")
            and zero_or_auto(declaration)
            and self._drawn_inline(element)
            and (not value_in(declaration, "auto") or self._centres_its_line(element))
        ):
            return (
                "none",
                f"the client draws the <{element.tag}> inline (it drops its display), where auto margins "
                "are 0 and its line is centred anyway",
            )
        if declaration.name.startswith("margin") and (
            why := margin_changes_nothing(element, declaration, self._font_sized_by_a_rule)
        ):
            return "none", why
        if element.tag == "body" and declaration.name.startswith("margin") and not self._paints_to_the_edges:
            return "fallback", "the client's own margin around the message shows the body's background only"
        if declaration.name.startswith("margin") and zero_or_auto(declaration) and self._full_width(element):
            return (
                "none",
                f"a <{element.tag}> has no margin of its own, and auto is 0 as wide as its container",
            )
        return None

    def _text_style_unseen(self, element: Element, declaration: Declaration) -> tuple[Effect, str] | None:
        """A text style every text inside sets again, or a pointer no one sees."""
        if declaration.name in INHERITED_TEXT and self._set_below_for_all_text(element, declaration.name):
            return "none", f"every text inside sets its own {declaration.name}"
        if declaration.name == "cursor" and value_is(declaration, "pointer") and is_link(element):
            return "none", "a link shows the pointer anyway"
        if declaration.name == "cursor" and self.client.screen is PHONE:
            return "none", "a touch screen shows no pointer"
        return None

    def _width_unseen(self, element: Element, declaration: Declaration) -> tuple[Effect, str] | None:
        """A maximum or set width the container or the element's own attribute gives anyway."""
        if layouts.capped_by_container(element, declaration):
            return "none", "its container is no wider: the max-width changes nothing"
        if (
            layouts.never_wider_anyway(element, declaration)
            and id(self.view.copy_of(element)) not in self._ruled_widths
        ):
            return (
                "none",
                f"a <{element.tag}> is as wide as its container and no wider: max-width:100% changes nothing",
            )
        if size_attribute_says_the_same(element, declaration):
            return "none", f"its {declaration.name} attribute sets the same"
        return None

    def _font_size_unseen(self, element: Element, declaration: Declaration) -> tuple[Effect, str] | None:
        """A font size relative to the root that is the element's anyway."""
        if declaration.name == "font-size" and (rem := self._root_relative_size_anyway(element, declaration)):
            return "none", f"a <{element.tag}> is {rem} anyway: nothing above it sets a font size"
        return None

    def _forced_by_the_client(self, element: Element, declaration: Declaration) -> tuple[Effect, str] | None:
        """A value the client forces in place of the email's (a caniemail note)."""
        forced = self._forced_value(declaration.name)
        if forced and not (forced == "fixed" and layouts.fixed_layout_changes_nothing(element)):
            return "decoration", f"the client forces {declaration.name}:{forced} instead"
        return None

    def _table_layout_unseen(self, element: Element, declaration: Declaration) -> tuple[Effect, str] | None:
        """A table layout that lays the columns out as the automatic one does."""
        if declaration.name == "table-layout" and layouts.columns_alike(element):
            return "none", "its columns hold the same: the automatic layout makes them alike too"
        if declaration.name == "table-layout" and layouts.fixed_layout_changes_nothing(element):
            return "none", "its columns are as wide as the table or set: a fixed layout changes nothing"
        return None

    def _nothing_to_animate_or_round(
        self, element: Element, declaration: Declaration
    ) -> tuple[Effect, str] | None:
        """A transition with no change of state to animate, or rounded corners with nothing drawn
        at them."""
        if declaration.name.startswith("transition") and not self._keeps_a_change_of_state:
            return "none", "the client keeps no hover or other change of state: nothing to animate"
        if ROUNDS_CORNERS.fullmatch(declaration.name) and not edges.draws_at_corners(
            self.view.copy_of(element), self._styles
        ):
            return "none", "nothing is drawn at its corners: no background, border or shadow"
        return None

    def _outlook_bullets_stand_in(
        self, element: Element, declaration: Declaration
    ) -> tuple[Effect, str] | None:
        """A list-style-image whose bullets Outlook for Windows draws from mso-bullet-image."""
        if (
            self.client.outlook_windows
            and declaration.name == "list-style-image"
            and bullets_drawn_for_outlook(element)
        ):
            return "fallback", "Outlook draws each bullet from the mso-bullet-image its <li> sets"
        return None

    def _place_unchanged(self, element: Element, declaration: Declaration) -> tuple[Effect, str] | None:
        """A float, clear, relative position or visibility that leaves the element where and as it
        is."""
        if declaration.name == "float" and layouts.floats_where_it_sits(element, declaration):
            return (
                "none",
                "the table sits at the left of its cell anyway, and nothing after it flows beside it",
            )
        if declaration.name == "clear" and not self.view.analysis.floats:
            return "none", "nothing in the email floats: clear changes nothing"
        if (
            declaration.name == "position"
            and value_is(declaration, "relative")
            and not self.view.analysis.offsets
        ):
            return "none", "relative with no offset leaves the box where the flow puts it (CSS 2.1 9.4.3)"
        if declaration.name == "visibility" and value_is(declaration, "hidden") and shows_nothing(element):
            return "none", "the element is empty and paints nothing: there is nothing to hide"
        return None

    def _size_unseen(self, element: Element, declaration: Declaration) -> tuple[Effect, str] | None:
        """A height, width or min-width the element has anyway."""
        if declaration.name == "height" and self._auto_height_anyway(element, declaration):
            return "none", "a percentage of a parent with no set height: the height is auto anyway"
        if (
            element.tag == "body"
            and declaration.name in ("height", "min-height")
            and self._body_height_unseen(element)
        ):
            return (
                "none",
                "the body's background paints the whole canvas anyway, and nothing inside takes a "
                "percentage of its height",
            )
        if declaration.name == "height" and self._one_line_as_tall(element, declaration):
            return "none", "one line of text whose line-height is that height: as tall without it"
        if declaration.name == "width" and element.tag in ("html", "body") and value_is(declaration, "100%"):
            return "none", f"<{element.tag}> is as wide as the window anyway"
        if declaration.name == "min-width" and self._as_wide_anyway(element, declaration):
            return "none", "the element is that wide anyway"
        return None

    def _box_sizing_effect(self, element: Element, declaration: Declaration) -> tuple[Effect, str] | None:
        """What box-sizing changes: nothing where no padding or border lies along a size set."""
        if declaration.name == "box-sizing":
            if element.tag == "table" and value_is(declaration, "border-box"):
                # HTML's rendering rules give tables box-sizing:border-box.
                return "none", "border-box is the browser default of <table>"
            if self._box_sizing_matters(element):
                return "decoration", "the box grows by its padding and border past the size set"
            return "none", "no padding or border lies along a size set here: box-sizing changes nothing"
        return None

    def _drawn_by_outlook_markup(
        self, element: Element, declaration: Declaration
    ) -> tuple[Effect, str] | None:
        """What the VML shape or the Outlook-only table written for Outlook for Windows draws
        instead."""
        if (
            self.client.outlook_windows
            and declaration.name.startswith(tuple(DRAWN_BY_VML_SHAPE))
            and inside_vml_shape(element)
        ):
            return "fallback", "Outlook draws it with the VML shape written around it"
        if self.client.outlook_windows and declaration.name in LAID_OUT_BY_TWIN and has_outlook_twin(element):
            return "fallback", "Outlook reads the Outlook-only table written around or beside it"
        return None

    def _client_default_stands_in(
        self, element: Element, declaration: Declaration
    ) -> tuple[Effect, str] | None:
        """The client's own list indentation, or the image's size attributes, in the declaration's
        place."""
        if declaration.name in LIST_GUTTER and element.tag in ("ol", "ul"):
            if self._shows_no_markers(element):
                return (
                    "decoration",
                    "the list keeps the client's own indentation, with no bullets or numbers in it",
                )
            return "fallback", "the list keeps the client's own indentation for its numbers or bullets"
        if declaration.name in IMAGE_SIZES and sized_image(element, declaration.name):
            return "fallback", "the image's width or height attribute sizes it instead"
        return None

    def _long_words_unseen(self, element: Element, declaration: Declaration) -> tuple[Effect, str] | None:
        """A rule for breaking long words where every word fits its line."""
        if (
            declaration.name in LINE_BREAKING
            and not has_long_word(element)
            and self._words_fit_a_narrow_box(element)
        ):
            return "none", f"no word here is longer than {LONG_WORD} characters"
        if breaks_long_words_only(declaration) and self._words_fit_the_line(element):
            return "none", "its longest word fits the line: nothing the client keeps makes the line narrower"
        return None

    def _animation_unseen(self, element: Element, declaration: Declaration) -> tuple[Effect, str] | None:
        """An animation of colours on an element that is empty and has no height."""
        if (
            declaration.name.startswith("animation")
            and self._keyframes_recolour_only
            and self._drawn_with_no_height(element)
        ):
            return "none", "the element is empty and has no height here: the colours it animates are not seen"
        return None

    def _nothing_clipped_or_repeated(
        self, element: Element, declaration: Declaration
    ) -> tuple[Effect, str] | None:
        """An overflow rule where nothing overflows, or a background the element around repeats."""
        if declaration.name in OVERFLOWS and self._clips_nothing(element):
            return (
                "none",
                "nothing overflows the box: its height is its content's, nothing inside is wider, "
                "and it has no rounded corner here to clip to",
            )
        if declaration.name in BACKGROUNDS and self._background_repeated(
            self.view.copy_of(element), declaration
        ):
            return "none", "the same background is set on the element around all its content"
        return None

    def _words_fit_a_narrow_box(self, element: Element) -> bool:
        """Whether the words inside the element fit the narrowest px width or max-width under a
        phone's screen given to it or around it (its style or width attribute, or a style-block
        rule the client keeps on it), at 1em of their text a character at most: a word shorter than
        _LONG_WORD characters may not fit its line there. True where no such width is given;
        False where a style-block rule may size the text."""
        copy = self.view.copy_of(element)
        narrowest = self._narrowest_around(copy)
        if narrowest >= PHONE.width:
            return True
        words = words_shown(copy)
        if not words:
            return True
        inside = [node for node in copy.iter() if isinstance(node.tag, str)]
        if any(node in self._font_sized_by_rules for node in [*self_and_ancestors(copy), *inside]):
            return False
        # Each word at the size of the text that holds it whole; one running across elements at the largest.
        sizes: dict[str, float] = {}
        for node in inside:
            size = self.after.font_size(node)
            for word in ((node.text or "") + "".join(child.tail or "" for child in node)).split():
                sizes[word] = max(sizes.get(word, 0.0), size)
        largest = max(self.after.font_size(node) for node in inside)
        return all(len(word) * sizes.get(word, largest) <= narrowest for word in words)

    @cached_property
    def _keyframes_recolour_only(self) -> bool:
        """Whether every @keyframes of the email's style blocks changes colours alone (no size,
        place or shape): an animation can then make nothing appear."""
        for style in self.view.analysis.root.iter("style"):
            if not readable_css(style.text or ""):
                continue  # the styles check names it
            for node in tinycss2.parse_stylesheet(style.text or "", skip_comments=True, skip_whitespace=True):
                if node.type != "at-rule" or not node.lower_at_keyword.endswith("keyframes"):
                    continue
                steps = tinycss2.parse_rule_list(node.content or [], skip_comments=True, skip_whitespace=True)
                for step in steps:
                    if step.type != "qualified-rule":
                        return False
                    written = parse_declarations(tinycss2.serialize(step.content or []))
                    if not all(each.name in COLOURS_ONLY for each in written):
                        return False
        return True

    def _drawn_with_no_height(self, element: Element) -> bool:
        """Whether an element of the email is 0 tall in the client's copy: it holds nothing (no
        text, no element), and keeps no height, min-height, padding or border in its style
        attribute, nor a style-block rule that may give one (CSS 2.1, 10.6.3)."""
        copy = self.view.copy_of(element)
        if copy.tag not in EMPTY_WHEN_EMPTY or len(copy) or (copy.text or "").strip():
            return False
        if copy in self._ruled(GIVES_HEIGHT):
            return False
        if id(copy) in self._heights_renamed:
            return False
        return not any(each.name in GIVES_HEIGHT and some_length(each) for each in self.after.inline(copy))

    def _shows_no_markers(self, listing: Element) -> bool:
        """Whether a list's style attribute, or each of its items', sets list-style(-type) none in
        the client's copy: the list's start padding holds no bullet or number."""
        copy = self.view.copy_of(listing)
        items = [each for each in copy if each.tag == "li"]
        return any(
            all(marks_nothing(self.after.inline(node)) for node in nodes)
            for nodes in ([copy], items)
            if nodes
        )

    def _clips_nothing(self, element: Element) -> bool:
        """Whether overflow other than visible clips nothing on a box (CSS 2.1 11.1.1): of auto
        height (it holds its content, 10.6.3), with no rounded corner the client keeps, no first
        or last child whose vertical margins it keeps inside (its block formatting context,
        8.3.1), and nothing inside wider than the box is in the browser (px widths of its own or
        around it) or of a width not known: an image with no px width, a float, a position."""
        copy = self.view.copy_of(element)
        own = [*parse_declarations(element.get("style") or ""), *self._styles(copy)]
        if any(
            each.name in ("height", "max-height") and not (zero_or_auto(each) or value_is(each, "none"))
            for each in own
        ):
            return False
        if any(ROUNDS_CORNERS.fullmatch(each.name) and some_length(each) for each in self._styles(copy)):
            return False
        box = narrowest_px_width(element, self.before, float(self.client.screen.width))
        children = [child for child in element if isinstance(child.tag, str)]
        if box is None or any(margined_inside(child) for child in children[:1] + children[-1:]):
            return False
        inside = [node for node in element.iter() if node is not element and isinstance(node.tag, str)]
        if not all(no_wider_than(node, box) for node in inside):
            return False
        return not element.text_content().split() or self._words_fit_the_line(element)

    def _words_fit_the_line(self, element: Element) -> bool:
        """Whether the longest word inside the element, at 1em a character at most (the widest
        letters of common text faces), fits the narrowest px width the client keeps on it or
        around it (style or width attribute), or the screen's width where none is kept. A width
        in another unit, or a size a style-block rule may set, is not known."""
        copy = self.view.copy_of(element)
        words = copy.text_content().split()
        line = narrowest_px_width(copy, self.after, float(self.client.screen.width))
        if not words or line is None:
            return False
        inside = [node for node in copy.iter() if isinstance(node.tag, str)]
        largest = max(self.after.font_size(node) for node in inside)
        # Text run together across blocks holds words at least as long: read the blocks apart only then.
        if max(len(word) for word in words) * largest > line and (
            not (words := words_shown(copy)) or max(len(word) for word in words) * largest > line
        ):
            return False
        # Only then the rules, which take longer to read.
        chain = [*self_and_ancestors(copy), *inside]
        return not any(id(node) in self._ruled_widths or node in self._font_sized_by_rules for node in chain)

    def _alone_on_a_line_with_no_strut(self, image: Element) -> bool:
        """Whether an inline image would be drawn as the block it is set to be: the only thing
        in its block container (through links or spans around it alone), as wide as that
        container, whose strut (CSS 2.1, 10.8.1: a box of its font and line height on every line)
        is nothing: font size 0, line height normal, a factor or 0. Sizes a style-block rule may
        set are not known."""
        node = image
        while node.getparent() is not None and layouts.alone_in_container([node]):
            node = node.getparent()
            if node.tag not in INLINE_ELEMENTS:
                break
        else:
            return False
        container = self.view.copy_of(node)
        if self.after.font_size(container) != 0 or not no_line_length(node):
            return False
        width = (image.get("width") or "").strip().removesuffix("px")
        if not width or width != layouts.px_width(node):
            return False
        return not any(each in self._ruled_text_size for each in self_and_ancestors(container))

    @cached_property
    def _keeps_a_change_of_state(self) -> bool:
        """Whether a rule the client keeps restyles an element on hover, focus or the like,
        on its screen: only such a change has a transition to animate."""
        for style in self.after.elements("style"):
            for rule in parse_css(style.text or "").rules:
                if CHANGE_OF_STATE.search(rule.selectors) and not (
                    rule.media and not self.client.screen.applies(rule.media)
                ):
                    return True
        return False

    @cached_property
    def _paints_to_the_edges(self) -> bool:
        body = next(self.after.elements("body"), None)
        return body is None or edges.paints_to_the_edges(
            body,
            self._styles,
            self.after.hides,
            lambda each: self.client.outlook_windows and has_outlook_twin(each),
        )

    def _drawn_by_its_cell(self, element: Element, declaration: Declaration) -> bool:
        """An inline-block button alone in a cell that pads itself for Outlook and paints as
        the cell does: as the block Outlook makes it, it shows the same."""
        return (
            value_is(declaration, "inline-block")
            and padded_for_outlook(element)
            and edges.painted_as_its_cell(self.view.copy_of(element), self._styles)
        )

    def _set_below_for_all_text(self, element: Element, name: str) -> bool:
        """Whether every visible text inside the element (none of it its own) takes an
        inherited property from an element below it that sets it in its style attribute."""
        copy = self.view.copy_of(element)
        runs = [run.element for run in self.after.text_runs if is_ancestor_or_self(copy, run.element)]
        if not runs:
            return False
        names = (name, "font") if name.startswith("font") or name == "line-height" else (name,)
        for run in runs:
            node = run
            while node is not copy:
                if node is None:
                    return False
                if winning(self.after.inline(node), names) is not None:
                    break
                node = node.getparent()
            else:
                return False
        return True

    def _root_relative_size_anyway(self, element: Element, declaration: Declaration) -> str | None:
        """A font size in rem that is the element's own size anyway (its browser size in em,
        of a parent sized as the root): where nothing above it sets a font size or has a
        browser size of its own. The size as written (2rem), else None."""
        value = " ".join(declaration.value.lower().split())
        match = REM.fullmatch(value)
        own = BROWSER_EM.get(element.tag)
        if match is None or own is None or float(match.group(1)) != own:
            return None
        copy = self.view.copy_of(element)
        for above in copy.iterancestors():
            if element.tag == "h1" and above.tag in SECTIONING:
                return None  # HTML's rendering section: a sectioned <h1> is smaller
            if above.tag not in INHERITS_FONT_SIZE or above in self._font_sized_by_rules:
                return None
            if winning(self.after.inline(above), ("font-size", "font")) is not None:
                return None
        return value

    def _font_sized_by_a_rule(self, element: Element) -> bool:
        """Whether a style-block rule the client keeps gives the element (of the analysis) a font size."""
        index = self.view.analysis.order.get(element)
        return index is None or self.view.copies[index] in self._font_sized_by_rules

    def _one_line_as_tall(self, element: Element, declaration: Declaration) -> bool:
        """CSS 2.1 10.6.3 and 10.8.1: a block holding only one word of text (nowhere to break a
        line) is as tall as its one line, which is its own px line-height (its text is in its own
        font): a height the same is no loss (MJML's spacers). Outlook for Windows keeps a px
        line-height so only where mso-line-height-rule:exactly reaches the element."""
        if element.tag not in BLOCK_ELEMENTS or len(element):
            return False
        words = (element.text or "").strip(" \t\n\r\f")
        if not words or len(words.split()) > 1 or (height := only_px(declaration)) is None:
            return False
        line = winning(parse_declarations(element.get("style") or ""), ("line-height",))
        if line is None or only_px(line) != height:
            return False
        return not self.client.outlook_windows or element in self.view.analysis.exact_lines

    def _auto_height_anyway(self, element: Element, declaration: Declaration) -> bool:
        """CSS 2.1 (10.5): a percentage height computes to auto where the parent's height is
        not set. Table parts are left out (cells share their row's height)."""
        value = declaration.value.strip().lower()
        parent = element.getparent()
        if not value.endswith("%") or parent is None or {element.tag, parent.tag} & TABLE_PARTS:
            return False
        copy = self.view.copy_of(parent)
        sizes = [*self._box_rules.get(copy, ()), *self.after.inline(copy)]
        height = winning(sizes, ("height",))
        return (height is None or value_is(height, "auto")) and not (parent.get("height") or "").strip()

    def _as_wide_anyway(self, element: Element, declaration: Declaration) -> bool:
        copy = self.view.copy_of(element)
        width = winning([*self._box_rules.get(copy, ()), *self.after.inline(copy)], ("width",))
        value = declaration.value.strip().lower()
        written = "auto" if width is None else width.value.strip().lower()
        if written == value or (written == "auto" and value == "100%" and element.tag in BLOCK_ELEMENTS):
            # A block element fills its container's width on its own.
            return True
        if written not in ("auto", "100%") or element.tag not in FILLS or not PIXELS.fullmatch(value):
            return False
        room = self._room_inside(copy.getparent())
        return room is not None and float(value.removesuffix("px")) <= room

    def _room_inside(self, container: Element | None) -> float | None:
        """The least px width a block of auto or 100% width has inside this element of the client's
        copy (CSS 2.1 10.3.3): walked up through full-width blocks, 100% tables and cells alone in
        their rows, less their px paddings, to the nearest px width, or the screen's less the
        body's default margin. None where a width on the way is not known."""
        padding = 0.0
        node = container
        while node is not None and node.tag != "html":
            styles = self._styles(node)
            own = horizontal_padding(node, styles)
            if own is None or (node.tag in ("td", "th") and not self._alone_in_row(node)):
                return None
            if any(edges.draws_line(each) for each in styles) or (node.get("border") or "0").strip() != "0":
                return None  # a border takes room of its own: not counted here
            if node.tag in ("td", "th"):
                own += cell_spacing(node)
            set_width = winning(styles, ("width",))
            width = (
                (set_width.value if set_width is not None else node.get("width") or "auto").strip().lower()
            )
            if PIXELS.fullmatch(width):
                # A table's width holds its padding (HTML's rendering: border-box); a box's does not.
                return float(width.removesuffix("px")) - padding - (own if node.tag == "table" else 0.0)
            if (
                width not in ("auto", "100%")
                or node.tag not in FILLS
                or (node.tag == "table" and width == "auto")
            ):
                return None
            padding += own
            node = node.getparent()
        return float(self.client.screen.width) - 2 * BODY_MARGIN - padding

    def _alone_in_row(self, cell: Element) -> bool:
        """Whether a cell takes its row's width: every other cell of the row is empty and 0 wide
        (Foundation's expander cells)."""
        row = cell.getparent()
        others = (
            [each for each in row if each.tag in ("td", "th") and each is not cell]
            if row is not None
            else [None]
        )
        return all(each is not None and empty_and_narrow(each, self._styles(each)) for each in others)

    def _box_sizing_matters(self, element: Element) -> bool:
        copy = self.view.copy_of(element)
        return box_sizing_matters(copy, [*self._box_rules.get(copy, ()), *self.after.inline(copy)])

    def _background_repeated(self, element: Element, declaration: Declaration) -> bool:
        colour = colour_in(declaration.tokens)
        if colour is None:
            return False
        runs = [run.element for run in self.after.text_runs if is_ancestor_or_self(element, run.element)]
        for child in element:
            if not isinstance(child.tag, str):
                continue
            same = any(
                d.name in BACKGROUNDS and colour_in(d.tokens) == colour for d in self.after.inline(child)
            )
            if same and all(is_ancestor_or_self(child, run) for run in runs):
                return True
        return False
