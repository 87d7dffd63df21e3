"""What a style-block rule costs where a client drops it or a declaration of it: on the elements
its selector matches in the client's copy (the elements' own costs are element.py's), and what
shows or disappears among them, where only a media query may have made the difference.
"""

from __future__ import annotations

from collections.abc import Sequence

from digest.checks import generated
from digest.checks.clients.cascade import static
from digest.checks.clients.costs import (
    EFFECT_ORDER,
    INITIAL_VALUES,
    LOST,
    UNREADABLE_COLOUR,
    VISIBILITY,
    Effect,
    adapts_to_size,
    unreadable_colour,
)
from digest.checks.clients.element import ElementEffects
from digest.checks.clients.features import (
    BROWSER_VENDOR,
    Element,
    Use,
)
from digest.checks.clients.geometry import (
    BLOCK_ELEMENTS,
    IMAGE_SIZES,
    INHERITED_TEXT,
    shown_content,
    sized_image,
)
from digest.checks.clients.mailclients import Client
from digest.checks.clients.outlook import (
    OUTLOOK_DARK_ATTRIBUTES,
    OUTLOOK_DARK_ONLY,
)
from digest.checks.clients.view import root_of
from digest.checks.css import (
    Declaration,
    winning,
)


def adds_dark_attributes(client: Client) -> bool:
    return client.family == "outlook" and not client.outlook_windows


class RuleEffects(ElementEffects):
    """What the client's drops of style-block rules cost, rule by rule; what is left is
    Effects' (effects.py)."""

    def _rule_effect(self, use: Use, declaration: Declaration) -> tuple[Effect, str]:
        """A declaration of a style-block rule: it matters only where the rule matches and the
        value differs from what the element has anyway."""
        if "(" in declaration.value and unreadable_colour(declaration):
            return "none", UNREADABLE_COLOUR
        value = " ".join(declaration.value.lower().split())
        forced = self._forced_value(declaration.name)
        if forced == value:
            return "none", f"the client forces {declaration.name}:{forced} anyway"
        if value in INITIAL_VALUES.get(declaration.name, frozenset()) and not forced:
            return "none", f"{declaration.name}:{value} is the initial value"
        if use.outlook == "only" or not use.selector:
            return "decoration", "styling is lost"
        media = tuple(outer.label for outer in use.within if outer.feature.startswith("css-at-media"))
        if media and not self.client.screen.applies(media):
            return "none", f"its media query does not apply on the client's {self.client.screen.name} screen"
        if OUTLOOK_DARK_ATTRIBUTES.search(use.selector):
            if adds_dark_attributes(self.client):
                return "decoration", "a rule for the client's own dark mode (data-ogsc attributes) is lost"
            return "none", OUTLOOK_DARK_ONLY
        if (
            (text := generated.generated_text(declaration))
            and generated.generates_content(use.selector)
            and self._matching(generated.originating(use.selector))
        ):
            return "content", f'generated text disappears: "{text}"'
        matched = self._matching(use.selector)
        if matched is None:
            return "decoration", "styling is lost"
        if not matched:
            matched = self._written_subjects_shown(use.selector)
        if not matched:
            return "none", f"{use.selector} matches nothing in this email"
        if declaration.name in VISIBILITY and (visibility := self._visibility_effect(matched)):
            return visibility
        if adapts_to_size(use):
            return "fallback", "a media query's rule for this size: the layout for other sizes stands in"
        if declaration.name in IMAGE_SIZES and all(
            sized_image(element, declaration.name) for element in matched
        ):
            return "fallback", "the images' width or height attributes size them instead"
        if declaration.name == "display" and all(
            value == "block" and element.tag in BLOCK_ELEMENTS for element in matched
        ):
            return "none", f"display:{value} is the browser default of every element {use.selector} matches"
        judged = [self._matched_effect(element, declaration) for element in matched]
        known = [each for each in judged if each is not None]
        if len(known) < len(judged):
            return LOST
        return min(known, key=lambda each: EFFECT_ORDER.index(each[0]))

    def _written_subjects_shown(self, selector: str) -> list[Element]:
        """The elements of the client's copy a selector matches in the email as written, where it
        matches none in the copy only for what else the client dropped (the checkbox before a
        heading that `input:checked + h2` paints): they stay, without the rule's styling."""
        written = self.view.analysis.matched(selector) or ()
        root = self.view.root
        return [copy for copy in map(self.view.copy_of, written) if root_of(copy) is root]

    def _visibility_effect(
        self, copies: Sequence[Element], media_only: bool = False
    ) -> tuple[Effect, str] | None:
        """What shows or disappears among these elements of the client's copy: hidden by the
        style blocks in the email as written, seen in the client's copy, or the reverse. Where
        only a media query made the difference, the email shows as it does on the screens that
        query is not for (a fallback), unless what the query held was Outlook's own mso-hide.
        `media_only` leaves out what other drops change."""
        judged: list[tuple[Effect, str]] = []
        for copy in copies:
            original = self.view.analysis.elements[self.view.copy_order[copy]]
            hidden_before, hidden_after = self.before.is_hidden(original), self.after.is_hidden(copy)
            shown = shown_content(original) if hidden_before != hidden_after else None
            if shown is None:
                continue
            kind, what = shown
            changed = f"hidden {kind} shows: {what}" if hidden_before else f"{kind} disappears: {what}"
            if self.base.is_hidden(original) != hidden_after:
                if media_only:
                    continue  # not the media query's doing: another drop's
                return "content", changed
            if self._hidden_by_mso_hide(original):
                return (
                    "content",
                    f"{changed}: Outlook reads no @media, so mso-hide written in one hides nothing",
                )
            judged.append(("fallback", f"{changed}, as where its media query does not apply"))
        return judged[0] if judged else None

    def _at_rule_visibility(self, at_rule: Use) -> tuple[Effect, str] | None:
        """What shows or disappears where the client drops an @media block, among the
        elements its rules style."""
        selectors = self.view.analysis.selectors_within.get(id(at_rule), set())
        copies = [copy for selector in sorted(selectors) for copy in static(self._matching)(selector) or ()]
        return self._visibility_effect(copies, media_only=True)

    def _hidden_by_mso_hide(self, original: Element) -> bool:
        """Whether only Outlook's mso-hide hides the element on this client's screen."""
        if not self.client.outlook_windows or not self.before.is_hidden(original):
            return False
        return not self.readings.get(False, self.client.screen).is_hidden(original)

    def _matched_effect(self, copy: Element, declaration: Declaration) -> tuple[Effect, str] | None:
        """What a rule's declaration costs on one element it matches (in the client's copy),
        where nothing is lost there; None where its styling is."""
        own = winning(self.after.inline(copy), (declaration.name,))
        if own is not None and (own.important or not declaration.important):
            return "none", "the element's own style attribute sets it (inlined)"
        return self._element_effect(self.view.analysis.elements[self.view.copy_order[copy]], declaration)

    def _selector_effect(self, use: Use) -> tuple[Effect, str]:
        """A rule the client drops whole: what its declarations cost."""
        if use.outlook == "only":
            return self._outlook_only_rule_effect(use)
        written = self.view.analysis.rule_declarations.get((id(use.element), use.rule_index), ())
        # Browser vendors' properties are judged nowhere (caniemail has none); Outlook's mso- are.
        declarations = [each for each in written if not BROWSER_VENDOR.match(each.name)]
        if not declarations:
            return "none", "the rule sets nothing caniemail covers"
        judged = [self._rule_effect(use, declaration) for declaration in declarations]
        return min(judged, key=lambda each: EFFECT_ORDER.index(each[0]))

    def _outlook_only_rule_effect(self, use: Use) -> tuple[Effect, str]:
        """A rule written for Outlook alone that it drops: its elements are not matched here
        (as Outlook's own markup is not read as elements), but a rule setting only inherited
        text styles changes nothing where every text is given the same by its own element or
        the nearest around it that sets them: whatever the rule matched, the text shows so."""
        written = self.view.analysis.outlook_rule_declarations.get(id(use), ())
        if written and all(
            each.name in INHERITED_TEXT and self._every_text_sets(each.name, each.value) for each in written
        ):
            return "none", "every text sets the same itself"
        return LOST
