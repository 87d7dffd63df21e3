"""The style each element of a client's copy ends with: the selectors that match it there, the
rules and declarations that set each property, the widths, font sizes, colours and families
they give, and which of them the client drops anyway.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property

from digest.checks import clientnotes
from digest.checks.boxes import (
    auto_margins_are_zero,
    sets_a_width,
)
from digest.checks.clients.analysis import (
    USER_ACTION,
    Analysis,
    matching,
    self_and_ancestors,
    some_length,
)
from digest.checks.clients.costs import (
    BOX_PROPERTIES,
    lays_out,
    value_feature,
)
from digest.checks.clients.features import (
    FUNCTION_NAMES,
    VALUE_FUNCTION_FEATURES,
    Element,
    Use,
    declaration_features,
    note_markers,
    property_feature,
)
from digest.checks.clients.geometry import (
    GIVES_HEIGHT,
    px_value,
)
from digest.checks.clients.mailclients import Client
from digest.checks.clients.notes import support_rules
from digest.checks.clients.outlook import (
    outlook_text_holders,
    set_on,
)
from digest.checks.clients.view import View
from digest.checks.css import (
    Declaration,
    parse_css,
    winning,
)
from digest.checks.email_rules import (
    EmailDocument,
    RuledColours,
    ruled_colours,
)
from digest.checks.mediaquery import PHONE, Screen


class Readings:
    """The whole email read as a client's engine does (Outlook's, where mso-hide hides, or
    the others'), on a client's screen or (None) from the rules outside @media alone."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self._made: dict[tuple[bool, Screen | None], EmailDocument] = {}

    def get(self, outlook: bool, screen: Screen | None) -> EmailDocument:
        if (outlook, screen) not in self._made:
            analysis = self.analysis
            self._made[outlook, screen] = EmailDocument(
                analysis.raw,
                analysis.root,
                outlook=outlook,
                match=static(analysis.matched),
                media=None if screen is None else screen.applies,
            )
        return self._made[outlook, screen]


def static(
    match: Callable[[str], list[Element] | None],
) -> Callable[[str], list[Element] | None]:
    """`match` for what applies before the reader points at anything: a :hover rule hides
    or shows nothing until then."""
    return lambda selector: None if USER_ACTION.search(selector) else match(selector)


class Cascade:
    """The client's copy of the email as its engine reads it, and the style each of its
    elements ends with: which selectors match it, which rules and declarations set a
    property, the widths, font sizes, colours and families they give, what the client drops
    anyway."""

    def __init__(self, original: Analysis, readings: Readings, view: View, client: Client) -> None:
        """`before` reads the whole email as the client's engine does on its screen, `base`
        without its media queries; `view` holds the client's copy of it, read here as `after`."""
        self.view = view
        self.client = client
        self.readings = readings
        self.before = readings.get(client.outlook_windows, client.screen)
        self.base = readings.get(client.outlook_windows, None)
        self._dropped = {id(use) for use in view.dropped}
        self._vml_images = original.vml_images
        self._empty_blocks = original.empty_blocks
        self._matched: dict[str, list[Element] | None] = {}  # by selector, in the client's copy
        self._ruled_sets: dict[frozenset[str], set[Element] | None] = {}
        self.after = EmailDocument(
            original.raw,
            view.root,
            outlook=client.outlook_windows,
            match=static(self._matching),
            media=client.screen.applies,
        )

    def _forced_value(self, name: str) -> str | None:
        """The value of this property the client forces whatever the email sets (a note)."""
        feature = property_feature(name)
        if feature is None:
            return None
        support = self.view.analysis.data.support(feature, self.client.family, self.client.platform)
        forced = (clientnotes.forced_value(note.lower()) for note in support.notes)
        return next((value for each in forced if each and (value := each[1]) and each[0] == name), None)

    def _first_family(self, element: Element) -> str | None:
        """The first family (lowercased) of an element's fonts that Outlook for Windows has, as the
        cascade gives it in the client's copy (CSS 2.1 6.4: a style attribute's, unless a kept rule's
        is !important; inherited from the nearest element that sets one): Outlook ignores distant
        fonts (caniemail's @font-face note), so a family the email loads from the web gives way to
        the next (CSS Fonts 4, 5). None where rules that may set it differ, a rule's selector cannot
        be read, or the shorthand sets it."""
        ruled = self._family_rules
        if ruled is None:
            return None
        for node in self_and_ancestors(self.view.copy_of(element)):
            own = winning(self.after.inline(node), ("font-family", "font"))
            rules = ruled.get(node, [])
            important = [each for each in rules if each.important]
            chosen = [own] if own is not None and (own.important or not important) else important or rules
            if not chosen:
                continue
            if any(each.name != "font-family" or each.value != chosen[0].value for each in chosen):
                return None
            families = (
                each.replace("!important", "").strip(" '\"").lower() for each in chosen[0].value.split(",")
            )
            return next((each for each in families if each not in self.view.analysis.web_fonts), None)
        return None

    @cached_property
    def _family_rules(self) -> dict[Element, list[Declaration]] | None:
        """The font-family and font declarations kept style-block rules give elements of the client's
        copy on its screen; None where such a rule's selector cannot be read."""
        rules = self._rules_holding(lambda declaration: declaration.name in ("font-family", "font"))
        if rules is None:
            return None
        found: dict[Element, list[Declaration]] = {}
        for matched, fonts in rules:
            for each in matched:
                found.setdefault(each, []).extend(fonts)
        return found

    def _ruled_or_unknown(self, names: frozenset[str]) -> set[Element] | None:
        """The elements of the client's copy a kept style-block rule gives one of these
        properties; None where such a rule's selector cannot be evaluated (any may get one)."""
        if names not in self._ruled_sets:
            self._ruled_sets[names] = self._find_ruled(names)
        return self._ruled_sets[names]

    def _find_ruled(self, names: frozenset[str]) -> set[Element] | None:
        return self._matched_by_rules(lambda declaration: declaration.name in names)

    @cached_property
    def _ruled_layouts(self) -> set[Element] | None:
        """The elements of the client's copy a kept style-block rule makes flex or grid
        containers; None where such a rule's selector cannot be evaluated (any may be one)."""
        return self._matched_by_rules(lays_out)

    def _matched_by_rules(self, wanted: Callable[[Declaration], bool]) -> set[Element] | None:
        """The elements the kept style-block rules holding a `wanted` declaration match, for
        the client's screen; None where such a rule's selector cannot be evaluated."""
        rules = self._rules_holding(wanted)
        if rules is None:
            return None
        return {each for matched, _ in rules for each in matched}

    def _rules_holding(
        self, wanted: Callable[[Declaration], bool]
    ) -> list[tuple[list[Element], list[Declaration]]] | None:
        """The kept style-block rules holding a `wanted` declaration that apply on the client's
        screen, each with the elements of the client's copy it matches and those declarations;
        None where such a rule's selector cannot be evaluated."""
        found = []
        for style in self.after.elements("style"):
            for rule in parse_css(style.text or "").rules:
                declarations = [each for each in rule.declarations if wanted(each)]
                if not declarations or (rule.media and not self.client.screen.applies(rule.media)):
                    continue
                matched = static(self._matching)(rule.selectors)
                if matched is None:
                    return None
                found.append((matched, declarations))
        return found

    def _rule_dropped_for(self, use: Use) -> str | None:
        """The selector of another feature for which the client drops the rule this selector use
        is part of (an attribute selector it reads in no form)."""
        for other in self.view.dropped:
            if (
                other.kind == "selector"
                and other.feature not in ("css-selector-chaining", use.feature)
                and other.element is use.element
                and other.rule_index == use.rule_index
                and other.selector == use.selector
                and id(other) not in self.view.widened
            ):
                return other.label.removeprefix(f"{use.selector} ").removeprefix("(").removesuffix(")")
        return None

    def _property_dropped_anyway(self, use: Use) -> str | None:
        """The property of a declaration the client drops for the property itself, where this
        use is one of its values' features (a unit, a colour syntax) or its !important: that adds
        no loss. So
        does a unit in a declaration the client drops for a function (clamp()): the name of
        that function."""
        declaration = use.declaration
        # !important is the declaration's priority, not its property: it goes with the property.
        if declaration is None or not (value_feature(use.feature) or use.feature == "css-important"):
            return None
        if id(declaration) in self._dropped_properties:
            return declaration.name
        if use.feature.startswith("css-unit-") and use.feature not in VALUE_FUNCTION_FEATURES:
            return self._dropped_functions.get(id(declaration))
        return None

    @cached_property
    def _dropped_functions(self) -> dict[int, str]:
        """The declarations (by id) the client drops for a function of their value, with the
        function's name (clamp()), not with a whole stripped style attribute or block."""
        return {
            id(use.declaration): f"{FUNCTION_NAMES[use.feature]}()"
            for use in self.view.dropped
            if use.declaration is not None
            and use.feature in FUNCTION_NAMES
            and id(use) not in self.view.stripped
        }

    def _styled_by(self, use: Use) -> list[Element]:
        """The elements of the client's copy a declaration styles: its own element's, or those
        its rule matches (none where the selector cannot be read)."""
        if use.kind == "declaration":
            return [self.view.copy_of(use.element)] if use.element is not None else []
        return (self._matching(use.selector) or []) if use.selector else []

    @cached_property
    def _dropped_properties(self) -> set[int]:
        """The declarations (by id) the client drops for their property's own feature, not
        with a whole stripped style attribute or block."""
        return {
            id(use.declaration)
            for use in self.view.dropped
            if use.declaration is not None
            and use.feature == property_feature(use.declaration.name)
            and id(use) not in self.view.stripped
        }

    def _kept_on(self, element: Element, declaration: Declaration, written: str = "in-style-block") -> bool:
        """Whether the client keeps a declaration on this element (by its support and
        notes), as it would one written for it: in a style block, or "inline"."""
        client, data = self.client, self.view.analysis.data
        values = note_markers(declaration) | {written}
        for feature, label, keys in declaration_features(declaration):
            support, rules = support_rules(data, feature, client.family, client.platform)
            probe = Use(feature, label, "declaration", element, keys, values, declaration=declaration)
            if support.status == "n" or any(rule.drops(probe) for rule in rules):
                return False
        return True

    def _sets_all(self, copy: Element, declarations: Sequence[Declaration]) -> bool:
        own = self.after.inline(copy)
        return all(
            (found := winning(own, (each.name,))) is not None and (found.important or not each.important)
            for each in declarations
        )

    def _matching(self, selector: str) -> list[Element] | None:
        """The elements of the client's copy a selector matches."""
        if selector not in self._matched:
            self._matched[selector] = matching(self.after.root, selector)
        return self._matched[selector]

    def _every_text_sets(self, name: str, value: str) -> bool:
        """Whether every visible text takes this value of an inherited property from the style
        attribute of its element or the nearest around it that sets the property (or its
        shorthand)."""
        wanted = " ".join(value.lower().split())
        names = (name, "font") if name.startswith("font") or name == "line-height" else (name,)
        runs = self.after.text_runs
        found = self._texts_set_by.get(names)
        if found is None:  # every rule asks again: once for each property is enough
            found = self._texts_set_by[names] = self._declarations_of_texts(names)
        return bool(runs) and all(
            each is not None and each.name == name and " ".join(each.value.lower().split()) == wanted
            for each in found
        )

    @cached_property
    def _texts_set_by(self) -> dict[tuple[str, ...], list[Declaration | None]]:
        return {}

    def _declarations_of_texts(self, names: tuple[str, ...]) -> list[Declaration | None]:
        """For each visible text, and each text only Outlook shows, the declaration of one of these
        properties set on its element or the nearest around it (None where none is)."""
        found = [self._set_around(run.element, names) for run in self.after.text_runs]
        for parent, markup in self.view.analysis.outlook_texts:
            around = self._set_around(self.view.copy_of(parent), names)
            found += [set_on(holder, names) or around for holder in outlook_text_holders(markup)]
        return found

    def _set_around(self, element: Element, names: tuple[str, ...]) -> Declaration | None:
        """The declaration of one of these properties the style attribute of the element of the
        client's copy, or the nearest around it that sets one, gives it."""
        around = (winning(self.after.inline(node), names) for node in self_and_ancestors(element))
        return next((each for each in around if each is not None), None)

    def _set_again_inline(self, element: Element, declaration: Declaration) -> bool:
        """Whether a declaration after this one in the element's style attribute, which the
        client keeps, sets the same property (or its shorthand) and wins over it."""
        style = (element.get("style") or "").lower()
        if style.count(declaration.name.split("-")[0]) < 2:
            return False  # the property is written once: nothing sets it again
        declarations = self.view.analysis.inline_declarations(element)
        if declaration not in declarations:
            return False
        later = declarations[declarations.index(declaration) + 1 :]
        name = declaration.name
        return any(
            (each.name == name or name.startswith(f"{each.name}-"))
            and (each.important or not declaration.important)
            and self._kept_on(element, each, "inline")
            for each in later
        )

    def _full_width(self, element: Element) -> bool:
        """Whether a plain block is as wide as its container in the client's copy: no width
        kept in its style attribute, nor in a rule the client keeps."""
        copy = self.view.copy_of(element)
        widths = [each for each in self.after.inline(copy) if each.name in ("width", "max-width")]
        return auto_margins_are_zero(element.tag, widths) and id(copy) not in self._ruled_widths

    @cached_property
    def _ruled_widths(self) -> set[int]:
        """The elements of the client's copy a kept style-block rule gives a width."""
        dropped = {id(use.declaration) for use in self.view.dropped}
        found: set[int] = set()
        for use in self.view.analysis.uses:
            declaration = use.declaration
            sizes = declaration is not None and sets_a_width(declaration) and id(declaration) not in dropped
            if use.kind == "rule-declaration" and sizes and use.selector:
                found.update(id(copy) for copy in self._matching(use.selector) or ())
        return found

    def _narrowest_around(self, copy: Element) -> float:
        """The narrowest px width or max-width under a phone's screen given to an element of the
        client's copy or one around it (the screen's width where none is), read once an element."""
        known = self._narrowest_known
        chain: list[Element] = []
        node: Element | None = copy
        while node is not None and node not in known:
            chain.append(node)
            node = node.getparent()
        narrowest = PHONE.width if node is None else known[node]
        ruled = self._ruled_px_widths
        for node in reversed(chain):
            # Most elements set no width: only those that do are parsed.
            style, attribute = node.get("style"), node.get("width")
            values = [attribute] if attribute else []
            if style and "width" in style.lower():
                values += [
                    each.value for each in self.after.inline(node) if each.name in ("width", "max-width")
                ]
            if ruled:
                values += ruled.get(id(node), ())
            for value in values:
                narrowest = min(narrowest, px_value(value) or narrowest)
            known[node] = narrowest
        return narrowest

    @cached_property
    def _narrowest_known(self) -> dict[Element, float]:
        return {}

    @cached_property
    def _ruled_px_widths(self) -> dict[int, list[str]]:
        """The px widths and max-widths under a phone's screen that kept style-block rules give
        elements of the client's copy (by id), where the client keeps the declaration on the
        element (its notes may drop it on some elements only)."""
        narrow = [
            use
            for use in self.view.analysis.uses
            if use.kind == "rule-declaration"
            and use.declaration is not None
            and use.declaration.name in ("width", "max-width")
            and (px := px_value(use.declaration.value)) is not None
            and px < PHONE.width
            and use.selector
        ]
        if not narrow:
            return {}
        dropped = {id(use.declaration) for use in self.view.dropped}
        found: dict[int, list[str]] = {}
        for use in narrow:
            declaration = use.declaration
            if declaration is None or id(declaration) in dropped:
                continue
            for copy in self._matching(use.selector) or ():
                if self._kept_on(copy, declaration):
                    found.setdefault(id(copy), []).append(declaration.value)
        return found

    @cached_property
    def _heights_renamed(self) -> set[int]:
        """The elements of the client's copy (by id) given a height under another name: Yahoo
        writes height as min-height, which the copy leaves out."""
        found: set[int] = set()
        for use in self.view.analysis.uses:
            written = self.view.renamed.get(id(use))
            if written in GIVES_HEIGHT and use.declaration is not None and some_length(use.declaration):
                found.update(id(copy) for copy in self._styled_by(use))
        return found

    def _styles(self, copy: Element) -> list[Declaration]:
        """The box's declarations in the client's copy: its style blocks' rules, then its own."""
        return [*self._box_rules.get(copy, ()), *self.after.inline(copy)]

    @cached_property
    def _font_sized_by_rules(self) -> set[Element]:
        """The elements of the client's copy a style-block rule gives a font size (on its screen)."""
        return self._ruled(("font-size", "font"))

    @cached_property
    def _ruled_text_size(self) -> set[Element]:
        """The elements of the client's copy a style-block rule gives a font size or line height."""
        return self._ruled(("font-size", "font", "line-height"))

    @cached_property
    def _ruled_colours(self) -> RuledColours:
        """The colours and backgrounds the style blocks of the client's copy give each element
        on the client's screen, by cascade order."""
        rules = [
            rule
            for style in self.after.elements("style")
            for rule in parse_css(style.text or "").rules
            if not rule.media or self.client.screen.applies(rule.media)
        ]
        return ruled_colours(self.after, rules)

    def _ruled(self, names: tuple[str, ...]) -> set[Element]:
        """The elements of the client's copy a style-block rule setting one of these properties
        matches (on the client's screen)."""
        found: set[Element] = set()
        for style in self.after.elements("style"):
            for rule in parse_css(style.text or "").rules:
                if not any(d.name in names for d in rule.declarations):
                    continue
                if rule.media and not self.client.screen.applies(rule.media):
                    continue
                found.update(static(self._matching)(rule.selectors) or ())
        return found

    @cached_property
    def _box_rules(self) -> dict[Element, list[Declaration]]:
        """The sizes, paddings, borders and backgrounds the style blocks of the client's copy give each
        element they match on the client's screen, in source order."""
        found: dict[Element, list[Declaration]] = {}
        for style in self.after.elements("style"):
            for rule in parse_css(style.text or "").rules:
                boxed = [d for d in rule.declarations if d.name.startswith(BOX_PROPERTIES)]
                if not boxed or (rule.media and not self.client.screen.applies(rule.media)):
                    continue
                for element in static(self._matching)(rule.selectors) or ():
                    found.setdefault(element, []).extend(boxed)
        return found
