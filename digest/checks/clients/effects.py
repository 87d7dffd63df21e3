"""What the client's drops do to the email, use by use: the text a reader sees before and
after, and for each dropped declaration, rule, element or attribute whether it costs
content, decoration or nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import cached_property

from digest.checks import layouts
from digest.checks.caniemail import Caniemail
from digest.checks.clients.analysis import (
    BACKGROUNDS,
    Analysis,
    chain_up_to,
    self_and_ancestors,
)
from digest.checks.clients.cascade import Readings
from digest.checks.clients.costs import (
    ANNOTATIONS,
    AT_RULE_LOSSES,
    CONTAINER_ONLY,
    CONTENT_FEATURES,
    EFFECT_ORDER,
    INITIAL_VALUES,
    LIST_GUTTER,
    LOST,
    NOTE_SAYS,
    PX_OR_EM,
    UNREADABLE_COLOUR,
    WHOLE_BLOCK,
    Effect,
    all_zero,
    draws_nothing,
    fallback_inside_effect,
    flex,
    hides_or_sizes,
    image_urls,
    keeps_an_image,
    lays_out,
    link_effect,
    plain_white,
    shows_no_text,
    sizes_rows_only,
    unreadable_colour,
    var_reads,
)
from digest.checks.clients.features import (
    VENDOR,
    Element,
    Use,
    first_of_chains,
    tags_of,
)
from digest.checks.clients.geometry import (
    LINE_HEIGHT,
    shown_content,
    start_tag_margin_changes_nothing,
)
from digest.checks.clients.mailclients import Client
from digest.checks.clients.notes import NoteRule, support_rules
from digest.checks.clients.outlook import (
    holds_vml_fill,
)
from digest.checks.clients.ruleeffects import RuleEffects
from digest.checks.clients.view import View, root_of
from digest.checks.css import (
    Colour,
    Declaration,
    parse_colour,
    parse_declarations,
    significant,
    winning,
)
from digest.checks.email_rules import (
    EmailDocument,
    TextRun,
    paints_opaque,
    style_hides,
    transparent_text,
    unreadable_text,
)


def reads_scheme(data: Caniemail, client: Client) -> bool:
    return support_rules(data, "css-color-scheme", client.family, client.platform)[0].status != "n"


class Effects(RuleEffects):
    """What the client's drops do to the email, use by use. What a dropped style-block rule
    costs where it matches is its base's (ruleeffects.py), what one dropped declaration costs
    on one element that one's base's (element.py), and the style each element of the
    client's copy ends with is the cascade's below that (cascade.py)."""

    def __init__(self, original: Analysis, readings: Readings, view: View, client: Client) -> None:
        super().__init__(original, readings, view, client)
        # A view that drops only what shows no text (the doctype, a <meta>) shows the text of
        # the email: reading it again would find the same (Apple Mail's, Samsung's).
        textless = not view.unwrapped and all(shows_no_text(use) for use in view.dropped)
        self._content = {} if textless else self._text_changes(original, self.before, self.after)
        self._drops_by_element: dict[int, list[Use]] = {}
        self._repeats: dict[int, frozenset[str]] = {}
        # A declaration dropped for a feature that carries content (display:flex) costs that
        # content whichever of its features (display, display:flex) is looked at.
        self._declaration_content = {
            (id(use.element), use.rule_index): CONTENT_FEATURES[use.feature]
            for use in view.dropped
            if use.declaration is not None and use.feature in CONTENT_FEATURES and not sizes_rows_only(use)
        }

    def _text_changes(
        self, original: Analysis, before: EmailDocument, after: EmailDocument
    ) -> dict[int, str]:
        """Why each drop that changes the visible text does (by id of the use): hidden text
        that shows is blamed on what hid it and was dropped; text that disappears on dropped
        declarations that hid or sized it. Elements are matched by document order."""
        view = self.view
        shown_before = {original.order[run.element]: run for run in before.text_runs}
        shown_after = {view.copy_order[run.element]: run for run in after.text_runs}
        dropped_on: dict[int, list[Use]] = {}
        for use in view.dropped:
            if use.element is not None and use.outlook != "only" and hides_or_sizes(use):
                dropped_on.setdefault(original.order[use.element], []).append(use)
        blamed: dict[int, str] = {}
        for position in shown_after.keys() - shown_before.keys():
            reason = f'hidden text shows: "{shown_after[position].snippet}"'
            for node in self_and_ancestors(shown_after[position].element):
                index = view.copy_order[node]
                if before.hides(original.elements[index]) and not after.hides(node):
                    blamed.update((id(use), reason) for use in dropped_on.get(index, ()))
        for position in shown_before.keys() - shown_after.keys():
            reason = f'text disappears: "{shown_before[position].snippet}"'
            for node in self_and_ancestors(original.elements[position]):
                blamed.update((id(use), reason) for use in dropped_on.get(original.order[node], ()))
        for use in view.dropped:
            if use.declaration is None or use.declaration.name != "color":
                continue
            if (words := self._shown_by_losing_transparency(use, after)) is not None:
                blamed[id(use)] = f'hidden text shows: "{words}"'
        return blamed

    def _shown_by_losing_transparency(self, use: Use, after: EmailDocument) -> str | None:
        """The words a dropped colour of alpha 0 kept from being seen (CSS Color 4: such a colour
        draws nothing), where the colour the client gives them instead shows."""
        declaration, element = use.declaration, use.element
        if use.kind != "declaration" or declaration is None or element is None or use.outlook == "only":
            return None
        if declaration.name != "color" or not isinstance(colour := parse_colour(declaration.value), Colour):
            return None
        words = " ".join(element.text_content().split())
        if colour.alpha > 0 or not words or after.is_hidden(copy := self.view.copy_of(element)):
            return None
        return None if transparent_text(after, copy) else TextRun(copy, words).snippet

    def is_dropped(self, use: Use) -> bool:
        return id(use) in self._dropped

    def partly_effect(self, use: Use, rules: Sequence[NoteRule]) -> tuple[Effect, str]:
        """What a style-block declaration costs on the elements a note says it fails on, where the
        client keeps it on the others ("partial" where it costs nothing there): each is judged as
        the declaration would be in its style attribute, where its own does not set it anyway."""
        declaration = use.declaration
        if declaration is None or not use.selector:
            return "partial", ""
        worst: tuple[Effect, str] = ("partial", "")
        for copy in self._matching(use.selector) or ():
            tags = tags_of(copy)
            if not any(rule.fails_on(tags, use) for rule in rules):
                continue
            if winning(self.after.inline(copy), (declaration.name,)) is not None:
                continue  # its own style attribute sets it: the rule's value never shows there
            element = self.view.analysis.elements[self.view.copy_order[copy]]
            initial = " ".join(declaration.value.lower().split()) in INITIAL_VALUES.get(declaration.name, ())
            if initial and not (declaration.name in LIST_GUTTER and element.tag in ("ol", "ul")):
                continue  # what the element has without it
            judged = self._element_effect(element, declaration) or (
                "decoration",
                f"the client drops it on <{element.tag}>, which the rule styles too",
            )
            if EFFECT_ORDER.index(judged[0]) < EFFECT_ORDER.index(worst[0]):
                worst = judged
        return worst

    def worst(self, uses: Sequence[Use]) -> tuple[Effect, str, Use]:
        """The most costly of these drops: its effect, why, and the use."""
        judged = [(*self.effect(use), use) for use in uses]
        return min(judged, key=lambda each: EFFECT_ORDER.index(each[0]))

    def effect(self, use: Use) -> tuple[Effect, str]:
        effect, why = self._judged(use)
        if (
            effect == "decoration"
            and "image-value" in use.values
            and (unread := self._unreadable_without_image(use))
        ):
            return "content", f"the image behind the text goes: {unread}"
        said = sorted(self.view.noted.get(id(use), set()) & NOTE_SAYS.keys())
        if said and (effect, why) == LOST:
            return effect, NOTE_SAYS[said[0]]
        if said and why.startswith(WHOLE_BLOCK):  # what the note says the client does with the block
            return effect, NOTE_SAYS[said[0]] + why.removeprefix(WHOLE_BLOCK)
        return effect, why

    def _judged(self, use: Use) -> tuple[Effect, str]:
        """What the drop costs: the first step below with something to say answers."""
        return (
            self._lost_with_its_block(use)
            or self._text_changed(use)
            or self._lost_anyway(use)
            or self._renamed_or_widened(use)
            or self._layout_effect(use)
            or self._vml_background_stands_in(use)
            or self._position_effect(use)
            or self._name_or_hint_effect(use)
            or self._fallback_markup_effect(use)
            or self._at_rule_effect(use)
            or self._fallback_in_its_block(use)
            or self._effect_by_kind(use)
            or ("decoration", "styling is lost")
        )

    def _lost_with_its_block(self, use: Use) -> tuple[Effect, str] | None:
        """A use lost with its whole style attribute or block, or a form control the client keeps
        but sends nothing from."""
        scope = self.view.stripped.get(id(use))
        if scope:
            return self._stripped_effect(use, scope)
        if id(use) in self.view.inert:
            return "content", "it shows, but what the reader enters is not sent"
        if use.kind == "element" and use.element is not None and use.element.tag == "style":
            # A <style> block dropped whole (too big, or in the body): its rules cost what a
            # block stripped for one of them does.
            return self._stripped_effect(use, "block")
        return None

    def _text_changed(self, use: Use) -> tuple[Effect, str] | None:
        """A drop that changes the text the reader sees."""
        changed = self._text_change(use)
        if changed is not None:
            return "content", changed
        return None

    def _lost_anyway(self, use: Use) -> tuple[Effect, str] | None:
        """A drop that adds no loss: the client drops the property or the rule for another reason,
        or lays out no container it applies to."""
        # Markup with a fallback of its own (a <source>'s srcset) says what stands in, below.
        if (tag := self._element_taken_out(use)) is not None and self._fallback_markup_effect(use) is None:
            return "none", f"the client drops the <{tag}> anyway"
        if (name := self._property_dropped_anyway(use)) is not None:
            return "none", f"the client drops {name} anyway"
        if use.feature == "css-selector-chaining" and (other := self._rule_dropped_for(use)) is not None:
            return "none", f"the client drops the rule for its {other} anyway"
        if (selector := self._selector_dropping(use)) is not None:
            return "none", f"the client drops the rule for its {selector} anyway"
        if self._aligns_no_container(use):
            return "none", "it applies to flex and grid containers only, and the client lays out none here"
        return None

    def _fallback_in_its_block(self, use: Use) -> tuple[Effect, str] | None:
        """A declaration whose own block (its style attribute, or its rule) sets the same property
        again, where the client keeps that one: a declaration the client cannot read is ignored
        and the block's other one applies (CSS 2.1 4.2), the email's own fallback where it comes
        before (font-size:16px; font-size:1rem), the winner anyway where it comes after."""
        declaration = use.declaration
        if declaration is None or use.element is None or use.outlook == "only":
            return None
        if "image-value" in use.values:
            return None  # an image or gradient lost is judged as such: what shows behind the text
        analysis = self.view.analysis
        if use.kind == "declaration":
            block: Sequence[Declaration] = analysis.inline_declarations(use.element)
            stripped = "attribute"
        elif use.kind == "rule-declaration":
            block = analysis.rule_declarations.get((id(use.element), use.rule_index[:-1]), ())
            stripped = "block"
        else:
            return None
        if declaration.name not in self._repeated_in(block):
            return None  # the common case, asked first: nothing else in the block to stand in
        if any(self.view.stripped.get(id(other)) == stripped for other in self._dropped_on(use.element)):
            return None  # the client strips the whole attribute or block: nothing of it stays
        dropped = {id(other.declaration) for other in self._dropped_on(use.element)}
        position = next(index for index, each in enumerate(block) if each is declaration)
        kept = [
            (index, each)
            for index, each in enumerate(block)
            if each.name == declaration.name and each is not declaration and id(each) not in dropped
        ]
        if not kept:
            return None
        index, other = kept[-1]
        if index > position and (other.important or not declaration.important):
            return "none", f"{other.name}:{other.value} after it in the same block applies anyway"
        return "fallback", f"the client reads the {other.name}:{other.value} written beside it instead"

    def _repeated_in(self, block: Sequence[Declaration]) -> frozenset[str]:
        """The properties a declaration block sets more than once (read once a block)."""
        found = self._repeats.get(id(block))
        if found is None:
            names = [each.name for each in block]
            found = self._repeats[id(block)] = frozenset(name for name in names if names.count(name) > 1)
        return found

    def _dropped_on(self, element: Element) -> list[Use]:
        """The uses the client drops that are written on this element (or in this <style>)."""
        found = self._drops_by_element.get(id(element))
        if found is None:
            found = self._drops_by_element[id(element)] = [
                other for other in self.view.dropped if other.element is element
            ]
        return found

    def _element_taken_out(self, use: Use) -> str | None:
        """The tag of the element a style attribute's declaration or an attribute is on, where the
        client takes that element out of its copy whole (a form field Outlook shows none of): its
        loss is the element's, listed under the element's feature."""
        element = use.element
        if use.kind not in ("declaration", "attribute") or element is None or use.outlook == "only":
            return None
        return str(element.tag) if root_of(self.view.copy_of(element)) is not self.view.root else None

    def _selector_dropping(self, use: Use) -> str | None:
        """What in its selector the client drops the whole rule of a style-block declaration for
        (a pseudo-class, a combinator): that rule's loss is listed under it, once."""
        if (
            use.kind != "rule-declaration"
            or use.outlook == "only"
            or use.element is None
            or not use.rule_index
        ):
            return None
        return self._rules_dropped_for[id(use.element), use.rule_index[:-1]]

    @cached_property
    def _rules_dropped_for(self) -> defaultdict[tuple[int, tuple[int, ...]], str | None]:
        """The rules the client drops whole for a feature of their selector, by their <style> and
        place in it, with that feature (read once: a stylesheet may hold thousands of rules)."""
        found: defaultdict[tuple[int, tuple[int, ...]], str | None] = defaultdict(lambda: None)
        for other in self.view.dropped:
            key = (id(other.element), other.rule_index)
            if other.kind == "selector" and id(other) not in self.view.widened and found[key] is None:
                found[key] = (
                    other.label.removeprefix(f"{other.selector} ").removeprefix("(").removesuffix(")")
                )
        return found

    def _renamed_or_widened(self, use: Use) -> tuple[Effect, str] | None:
        """A declaration the client renames, or a note's rule the client applies more widely."""
        renamed = self.view.renamed.get(id(use))
        if renamed and use.declaration is not None:
            return self._renamed_effect(use, renamed)
        if id(use) in self.view.widened and use.outlook != "only" and (wide := self._widened_effect(use)):
            return wide
        return None

    def _layout_effect(self, use: Use) -> tuple[Effect, str] | None:
        """What a dropped flex, grid or table layout costs, or a feature that carries content."""
        if self._arranges_one_item(use):
            return LOST
        if self._leaves_a_table_row(use):
            return (
                "decoration",
                "a table row without display:flex keeps its cells side by side: only their flex "
                "sizing, spacing and order are lost",
            )
        if use.feature == "html-svg" and use.element is not None and draws_nothing(use.element):
            return (
                "decoration",
                "the <svg> draws nothing where it is written (what it defines is drawn only where "
                "something uses it): only its empty box's room is lost",
            )
        if use.feature in CONTENT_FEATURES and not sizes_rows_only(use):
            return "content", CONTENT_FEATURES[use.feature]
        if use.declaration is not None and (id(use.element), use.rule_index) in self._declaration_content:
            return "content", self._declaration_content[id(use.element), use.rule_index]
        if use.declaration is not None and lays_out(use.declaration):
            return "content", "the layout collapses"
        return None

    def _vml_background_stands_in(self, use: Use) -> tuple[Effect, str] | None:
        """A background image Outlook for Windows draws with the VML written for it."""
        if self.client.outlook_windows and self._drawn_by_vml(use):
            return "fallback", "Outlook draws the background image with the VML written for it"
        return None

    def _position_effect(self, use: Use) -> tuple[Effect, str] | None:
        """An absolute or fixed position the client drops: its content falls back into the flow."""
        if use.feature == "css-position" and use.values & {"absolute", "fixed"}:
            if layouts.alone_in_container(self._styled_by(use)):
                return (
                    "decoration",
                    "it is alone in its container: in the flow it moves to the container's start, "
                    "displacing nothing",
                )
            return "content", "positioned content falls back into the flow: the layout changes"
        return None

    def _name_or_hint_effect(self, use: Use) -> tuple[Effect, str] | None:
        """What names, hints and variables cost: an aria label, an embedded image's width, the
        root's color-scheme, an annotation, a custom property."""
        if use.feature in ("html-aria-label", "html-aria-labelledby") and self._named_by_label(use):
            return "content", "screen readers lose the only name of the element"
        if use.kind == "attribute" and "cid-image" in use.values and use.element is not None:
            return self._embedded_width_effect(use.element)
        if use.feature == "css-color-scheme" and use.declaration is not None and self._scheme_on_root():
            return self._root_scheme_effect(use.declaration)
        if use.feature in ANNOTATIONS:
            return "none", ANNOTATIONS[use.feature]
        if use.declaration is not None and use.declaration.name.startswith("--"):
            return self._custom_property_effect(use.declaration)
        return None

    def _fallback_markup_effect(self, use: Use) -> tuple[Effect, str] | None:
        """A link, a picture, a video or audio, a srcset: markup with a fallback of its own."""
        if use.feature == "html-link":
            return link_effect(use)
        if use.feature in ("html-picture", "html-video", "html-audio"):
            return fallback_inside_effect(use)
        if use.feature == "html-srcset":
            return "fallback", "the image's src shows, the same on every screen"
        return None

    def _at_rule_effect(self, use: Use) -> tuple[Effect, str] | None:
        """An at-rule, or what sits inside one the client ignores."""
        if any(self.is_dropped(outer) for outer in use.within):
            return "fallback", "inside a media query the client ignores"
        if use.kind == "at-rule" and (id(use.element), use.rule_index) in self._empty_blocks:
            return "none", "it holds no rules"
        if use.kind == "at-rule" and (shown := self._at_rule_visibility(use)):
            return shown
        if use.kind == "at-rule":
            reason = next((AT_RULE_LOSSES[key] for key in use.keys if key in AT_RULE_LOSSES), None)
            return "fallback", reason or "the rules inside do not apply: the base styles stand in"
        return None

    def _effect_by_kind(self, use: Use) -> tuple[Effect, str] | None:
        """A cursor image with a keyword after it; then what a dropped style-block declaration,
        selector, style attribute declaration or <body> costs."""
        if use.feature == "css-cursor" and (keyword := self._cursor_keyword_kept(use)):
            return (
                "fallback",
                f"the client uses no cursor image: the {keyword} cursor at the end of the list stands in",
            )
        if use.kind == "rule-declaration" and use.declaration is not None:
            return self._rule_effect(use, use.declaration)
        if use.kind == "selector":
            return self._selector_effect(use)
        if use.kind == "declaration" and use.declaration is not None:
            return self._declaration_effect(use, use.declaration)
        if use.feature == "html-body" and use.element is not None:
            return self._body_effect(use.element)
        return None

    def _arranges_one_item(self, use: Use) -> bool:
        """Whether a dropped flex or grid layout has a single item to place in every element
        it styles (layouts.py): its loss is the box's styling, not a collapsed layout."""
        collapses = CONTENT_FEATURES.get(use.feature) == "the layout collapses"
        if use.declaration is None or not (collapses or lays_out(use.declaration)):
            return False
        if use.kind == "declaration":
            return use.element is not None and layouts.lays_out_nothing([use.element])
        matched = self.view.analysis.matched(use.selector) if use.selector else None
        return layouts.lays_out_nothing(matched or [])

    def _leaves_a_table_row(self, use: Use) -> bool:
        """Whether a dropped display:flex in a row direction is set on table rows only: a row
        lays its cells out side by side anyway (CSS 2.1, 17.2)."""
        declaration = use.declaration
        if declaration is None or declaration.name != "display" or not flex(declaration):
            return False
        analysis = self.view.analysis
        if use.kind == "declaration":
            written = analysis.inline_declarations(use.element) if use.element is not None else ()
        else:
            written = tuple(analysis.rule_declarations.get((id(use.element), use.rule_index[:-1]), ()))
        styled = self._styled_by(use)
        return bool(styled) and layouts.rows_of_cells(styled, written)

    def _aligns_no_container(self, use: Use) -> bool:
        """Whether a property that only a flex or grid container reads (CSS Flexbox, CSS Grid)
        styles elements none of which is one in the client's copy: its display is dropped."""
        if use.declaration is None or use.declaration.name not in CONTAINER_ONLY:
            return False
        styled = self._styled_by(use)
        return bool(styled) and not any(self._lays_out_in_view(copy) for copy in styled)

    def _lays_out_in_view(self, copy: Element) -> bool:
        """Whether an element of the client's copy is a flex or grid container: its style
        attribute sets such a display, or, where it sets none, a kept style-block rule does."""
        own = winning(self.after.inline(copy), ("display",))
        if own is not None:
            return lays_out(own)
        return self._ruled_layouts is None or copy in self._ruled_layouts

    def _custom_property_effect(self, declared: Declaration) -> tuple[Effect, str]:
        """A custom property declaration dropped: what reads it with var() where the client
        keeps var() takes var()'s fallback, or no value (where var() goes too, its loss is
        listed)."""
        name, value = declared.name, " ".join(declared.value.lower().split())
        readers = {
            (use.declaration.name, fallback)
            for use in self.view.analysis.uses
            if use.feature == "css-variables"
            and use.declaration is not None
            and not use.declaration.name.startswith("--")
            and not self.is_dropped(use)
            for read, fallback in var_reads(use.declaration.tokens)
            if read == name
        }
        if not readers:
            return (
                "none",
                "a custom property shows nothing itself: where var() reads it, what is lost is listed",
            )
        for reader, fallback in sorted(readers, key=lambda each: (each[0], each[1] or "")):
            if fallback is None:
                return "decoration", f"var({name}) finds no value: {reader} falls back to its default"
            if fallback != value:
                return "decoration", f"var({name}) takes its fallback {fallback}: {reader} differs"
        return "none", f"var({name}) takes its fallback, the same value"

    def _embedded_width_effect(self, image: Element) -> tuple[Effect, str]:
        """An embedded (cid:) image's width attribute the client ignores: its CSS width sizes
        it, or it shows as wide as its file."""
        if winning(self.after.inline(self.view.copy_of(image)), ("width", "max-width")) is not None:
            return "none", "its CSS width sizes it"
        return "decoration", "the embedded image shows as wide as its file: give it a CSS width too"

    def _scheme_on_root(self) -> bool:
        """Whether the client reads color-scheme, but on the root element only (Apple Mail)."""
        return reads_scheme(self.view.analysis.data, self.client)

    def _root_scheme_effect(self, declaration: Declaration) -> tuple[Effect, str]:
        """A color-scheme dropped from an element below the root: the root's scheme applies there."""
        value = " ".join(declaration.value.lower().split())
        on_root = {
            " ".join(use.declaration.value.lower().split())
            for use in self.view.analysis.uses
            if use.feature == "css-color-scheme"
            and use.declaration is not None
            and any(tags[:1] == ("html",) for tags in use.targets)
        }
        if value in on_root:
            return "none", "the root element declares the same scheme"
        return (
            "decoration",
            "the client reads color-scheme on the root element only: the root's scheme applies here",
        )

    def _renamed_effect(self, use: Use, renamed: str) -> tuple[Effect, str]:
        """A declaration the client writes under another name (Yahoo's height as min-height):
        the view drops it, and only what that hid or showed is lost."""
        if use.kind == "rule-declaration" and use.selector:
            matched = self._matching(use.selector) or []
            if judged := self._visibility_effect(matched):
                return judged
        if use.declaration is None:
            return LOST
        name, value = use.declaration.name, " ".join(use.declaration.value.lower().split())
        if value in INITIAL_VALUES.get(name, frozenset()):
            return "none", f"{name}:{value} is the initial value"
        if (name, renamed) == ("height", "min-height") and any(
            self._text_taller_than(copy, value) for copy in self._styled_by(use)
        ):
            return "decoration", f"what it holds is taller than {value}: as {renamed}, the box grows to it"
        return (
            "none",
            f"the client writes {name} as {renamed}: the same unless what the element holds is bigger",
        )

    def _text_taller_than(self, copy: Element, height: str) -> bool:
        """Whether a line of text inside the element (of the client's copy) is taller than this
        height (px, or em of the element's font size): a line is at least as tall as its font
        size where no line height is set (normal is 1.0 to 1.2, CSS 2.1 10.8.1). Text whose
        size or line height a style-block rule may set is left out; a line height set in the style
        attributes is the line's (a line is at least its line height)."""
        match = PX_OR_EM.fullmatch(height)
        if match is None:
            return False
        limit = float(match.group(1)) * (self.after.font_size(copy) if match.group(2) == "em" else 1.0)
        for run in self.after.line_runs:
            chain = chain_up_to(run.element, copy)
            if chain is None or any(node in self._ruled_text_size for node in chain):
                continue
            least = self._least_line_height(run.element, chain)
            if least is not None and least > limit:
                return True
        return False

    def _least_line_height(self, text: Element, chain: list[Element]) -> float | None:
        """The least height in px of a line of the text, by the nearest line height its style
        attributes set up the chain (a number or percentage of the text's or the setter's font
        size), else its font size; None for one not read here (a font shorthand's, a var())."""
        for node in chain:
            declaration = winning(self.after.inline(node), ("line-height", "font"))
            if declaration is None:
                continue
            if declaration.name != "line-height":
                return None
            value = " ".join(declaration.value.lower().replace("!important", "").split())
            if value == "normal":
                return self.after.font_size(text)
            length = LINE_HEIGHT.fullmatch(value)
            if length is None:
                return None
            number, unit = float(length.group(1)), length.group(2)
            if unit == "px":
                return number
            if unit == "":
                return number * self.after.font_size(text)  # the factor is inherited, not the length
            return number * self.after.font_size(node) / (100 if unit == "%" else 1)
        return self.after.font_size(text)

    def _widened_effect(self, use: Use) -> tuple[Effect, str] | None:
        """A chained selector Outlook reads as the first selector of its chain (.a.b as .a):
        the elements it was written for keep the rule; the others the first selector
        matches get what Outlook keeps of it there, unless their own style attribute sets
        the same. None where that reading does not apply (attribute selectors and
        pseudo-classes Outlook drops for themselves, a rule in @media)."""
        selector = use.selector or ""
        wide = first_of_chains(selector)
        if set("[:") & set(selector) or wide == selector or use.within:
            return None
        widened = self._matching(wide)
        if widened is None:
            return None
        written = {id(each) for each in self._matching(selector) or ()}
        declarations = self.view.analysis.rule_declarations.get((id(use.element), use.rule_index), ())
        extra = []
        for copy in widened:
            if id(copy) in written:
                continue
            original = self.view.analysis.elements[self.view.copy_order[copy]]
            kept = [each for each in declarations if self._kept_on(original, each)]
            if kept and not self._sets_all(copy, kept):
                extra.append((original, kept))
        if not extra:
            return "none", f"Outlook reads it as {wide}, which styles no other element here"
        original, kept = extra[0]
        shown = shown_content(original)
        if shown is not None and style_hides("; ".join(f"{d.name}:{d.value}" for d in kept), True):
            return "content", f"Outlook reads it as {wide}: {shown[0]} it hides too: {shown[1]}"
        more = f"{len(extra)} more element{'s' if len(extra) > 1 else ''}"
        return "decoration", f"Outlook reads it as {wide} and styles {more} here: write it with one class"

    def _stripped_effect(self, use: Use, scope: str) -> tuple[Effect, str]:
        """A use the client strips its whole style attribute or <style> block for: what all
        the declarations it takes along cost."""
        element = use.element
        if element is None:
            return LOST
        if scope == "attribute":
            what = "the client strips the element's whole style attribute"
            changed = self._visibility_effect([self.view.copy_of(element)])
            if changed:
                return changed[0], f"{what}: {changed[1]}"
            judged = [
                self._declaration_effect(Use("", "", "declaration", element, frozenset(), frozenset()), d)
                for d in parse_declarations(element.get("style") or "")
            ]
        else:
            what = WHOLE_BLOCK
            judged = [
                self._rule_effect(each, each.declaration)
                for each in self.view.analysis.uses
                if each.element is element
                and each.kind == "rule-declaration"
                and each.declaration is not None
                and not each.within
            ]
        nothing: tuple[Effect, str] = ("none", "it held nothing")
        worst = min(judged, key=lambda each: EFFECT_ORDER.index(each[0]), default=nothing)
        return worst[0], f"{what}: {worst[1]}"

    def _drawn_by_vml(self, use: Use) -> bool:
        """A background image (or its position, size, repeat) on an element whose image the
        email's VML draws for Outlook: the bulletproof-background pattern."""
        element = use.element
        if element is None or use.outlook == "only" or not self._vml_images:
            return False
        if use.kind == "attribute" and use.keys == {"background"}:
            return (element.get("background") or "").strip() in self._vml_images or holds_vml_fill(element)
        if (
            use.kind != "declaration"
            or use.declaration is None
            or not use.declaration.name.startswith("background")
        ):
            return False
        images = {(element.get("background") or "").strip()}
        for declaration in parse_declarations(element.get("style") or ""):
            if declaration.name in ("background", "background-image"):
                images.update(image_urls(declaration.tokens))
        return bool(images & self._vml_images) or holds_vml_fill(element)

    def _body_effect(self, body: Element) -> tuple[Effect, str]:
        """<body> replaced: what its style attribute did is lost, unless repeated inside."""
        # The <div> standing in for it has no margin or padding of its own to take away, and
        # the client's own pane behind it is white; vendor properties are judged nowhere.
        declarations = [
            declaration
            for declaration in parse_declarations(body.get("style") or "")
            if not (declaration.name.startswith(("margin", "padding")) and all_zero(declaration))
            and not (declaration.name in BACKGROUNDS and plain_white(declaration))
            and not VENDOR.match(declaration.name)
            and self._kept_on(body, declaration)  # what the client drops anyway is not the body's loss
        ]
        judged = [self._declaration_effect(Use("", "", "declaration", body, frozenset(), frozenset()), d)
                  for d in declarations]  # fmt: skip
        if not judged:
            written = bool((body.get("style") or "").strip())
            return (
                "none",
                "the <div> standing in has what it sets anyway" if written else "the body carries no styles",
            )
        worst = min(judged, key=lambda pair: EFFECT_ORDER.index(pair[0]))
        return worst if worst[0] != "none" else ("none", "its styles are repeated or initial values")

    def _text_change(self, use: Use) -> str | None:
        return self._content.get(id(use))

    def _named_by_label(self, use: Use) -> bool:
        element = use.element
        return (
            element is not None
            and element.tag in ("a", "img", "button")
            and not element.text_content().strip()
        )

    def _declaration_effect(self, use: Use, declaration: Declaration) -> tuple[Effect, str]:
        if "(" in declaration.value and unreadable_colour(declaration):
            return "none", UNREADABLE_COLOUR
        value = " ".join(declaration.value.lower().split())
        # A table's own sizing is border-box: content-box on one is no initial value.
        table_sizing = declaration.name == "box-sizing" and getattr(use.element, "tag", "") == "table"
        # HTML's rendering rules pad a list at its start for its markers: 0 there takes that away.
        list_gutter = declaration.name in LIST_GUTTER and getattr(use.element, "tag", "") in ("ol", "ul")
        forced = self._forced_value(declaration.name)
        if forced == value:
            return "none", f"the client forces {declaration.name}:{forced} anyway"
        if value in INITIAL_VALUES.get(declaration.name, frozenset()) and not (
            table_sizing or forced or list_gutter
        ):
            return "none", f"{declaration.name}:{value} is the initial value"
        element = use.element
        if use.kind == "declaration" and element is not None and use.outlook != "only":
            if self._set_again_inline(element, declaration):
                return "none", "a later declaration of the same style attribute sets it anyway"
            return self._element_effect(element, declaration) or LOST
        if (
            use.attributes
            and declaration.name.startswith("margin")
            and (why := start_tag_margin_changes_nothing(use.tag, use.attributes, declaration))
        ):
            return "none", why
        return LOST

    def _cursor_keyword_kept(self, use: Use) -> str | None:
        """The keyword ending a cursor's list of images, where the client keeps that keyword:
        a user agent that can use none of the images takes it (CSS UI 4, 5.1)."""
        if use.declaration is None:
            return None
        items = list(significant(use.declaration.tokens))
        if len(items) < 3 or items[-1].type != "ident" or items[-2].type != "literal":
            return None  # one keyword alone, or a list that does not end in one
        keyword = items[-1].lower_value
        alone = parse_declarations(f"cursor: {keyword}")
        return keyword if alone and self._kept_on(use.element, alone[0]) else None

    def _unreadable_without_image(self, use: Use) -> str | None:
        """Text inside the elements a dropped background image was on whose colour does not
        stand out from what the client paints behind it instead (the colour under the image,
        or the canvas), as the contrast check reads it, with the colours style-block rules give."""
        if use.feature not in ("css-background-image", "css-background"):
            return None
        boxes = set(self._styled_by(use))
        runs = []
        for run in self.after.text_runs:
            chain = list(self_and_ancestors(run.element))
            box = next((node for node in chain if node in boxes), None)
            if box is None:
                continue
            between = chain[: chain.index(box)]
            # A box painted opaque between hides the image anyway; one that keeps an image still shows one.
            if any(paints_opaque(self.after, node, self._ruled_colours) for node in between):
                continue
            if any(keeps_an_image(self.after, node) for node in chain):
                continue
            runs.append(run)
        return unreadable_text(self.after, runs, self._ruled_colours) if runs else None
