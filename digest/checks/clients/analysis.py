"""The email read once, as every client gets it: its elements, the selectors that match them,
its style blocks and every use of a caniemail feature in it, with where the email paints a
background and which web fonts it loads.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from functools import cached_property
from typing import Any
from urllib.parse import unquote

import tinycss2

from digest.checks import clientnotes
from digest.checks.boxes import font_size_px
from digest.checks.caniemail import Caniemail
from digest.checks.clients.features import (
    ANY_TAG,
    ATTRIBUTE,
    ATTRIBUTE_FEATURES,
    CONDITIONAL_OPEN,
    DOWNLEVEL_REVEALED,
    ELEMENT_FEATURES,
    ENDIF,
    ENDIF_AT_END,
    HTML5_DOCTYPE,
    IMAGE_FORMATS,
    PIXELS,
    START_TAG,
    STYLE_BLOCK,
    UNITS,
    VML_IMAGES,
    Element,
    Node,
    Use,
    all_tokens,
    attribute_markers,
    attribute_value_markers,
    class_after_first,
    declaration_features,
    media_features,
    note_markers,
    on_type_selector,
    px,
    selector_features,
    whitespace_words,
)
from digest.checks.css import (
    Colour,
    Declaration,
    colour_in,
    importance_as_written,
    parse_declarations,
    readable_css,
    significant,
    winning,
)


class _Spellings:
    """How each `!important` of a style attribute or rule body is written, read on first use
    (most declarations are not important)."""

    def __init__(self, body: str | Sequence[Node]) -> None:
        self._body = body
        self._left: list[tuple[str, str, bool]] | None = None

    def markers(self, name: str) -> tuple[frozenset[str], str]:
        """What caniemail's notes on !important speak of, for the next important `name`, and
        the `!important` as written."""
        if self._left is None:
            self._left = importance_as_written(self._body)
        found = next((each for each in self._left if each[0] == name), None)
        if found is None:
            return frozenset(), "!important"
        self._left.remove(found)
        _, written, spaced = found
        case = "!important:lowercase" if written == "!important" else "!important:not-lowercase"
        return frozenset({case} if spaced else {case, "!important:no-space"}), written


# --- the analysis of one email ------------------------------------------------------------


# Each pattern stops at the next '<' or '>': one scanning to the end of the email from every
# '<style' or '<img' (or every 'body' in a style block) took seconds on 100 KB.
_STYLE_BLOCK_TEXT = re.compile(rb"<style\b[^<>]*>([^<]*)", re.I)
_BODY_SELECTOR = re.compile(rb"(?<![\w.#:\[-])body(?![\w-])", re.I)  # the element, not .email-body
_BACKGROUND_WORD = re.compile(rb"\bbackground", re.I)
# What places a box off its place in the flow: an offset, or a position out of the flow.
_OFFSETS = re.compile(
    rb"(?<![\w-])(?:top|right|bottom|left|inset(?:-[\w-]+)?)\s*:|position\s*:\s*(?:absolute|fixed|sticky)",
    re.I,
)
_FLOATS = re.compile(
    rb"float\s*:\s*(?:left|right)\b|<(?:img|table)\b[^<>]*\balign\s*=\s*[\"']?(?:left|right)\b", re.I
)


def _body_background_rule(raw: bytes) -> bool:
    """Whether a style block has a rule on <body> that sets a background."""
    for block in _STYLE_BLOCK_TEXT.finditer(raw):
        for rule in block.group(1).split(b"}"):
            selectors, brace, declarations = rule.rpartition(b"{")
            if (
                brace
                and _BODY_SELECTOR.search(selectors.rsplit(b"{", 1)[-1])
                and _BACKGROUND_WORD.search(declarations)
            ):
                return True
    return False


class Analysis:
    """The parsed email and every feature use in it, in document order."""

    def __init__(self, raw: bytes, data: Caniemail) -> None:
        import lxml.html

        self.raw = raw
        self.data = data
        parser = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True)
        # Control characters (a parse error browsers pass over) would stop the client views,
        # which lxml writes again, from being made.
        readable = _CONTROL_BYTES.sub(b"", raw) if _CONTROL_BYTES.search(raw) else raw
        self.root = lxml.html.document_fromstring(readable, parser=parser)
        self.uses: list[Use] = []
        self.sheets: dict[Element, list[Node]] = {}
        self.inner: dict[int, list[Node]] = {}  # an at-rule's rules, by id of the at-rule
        self.vml_images: set[str] = set()  # the images Outlook's VML draws (bulletproof backgrounds)
        # The markup of each conditional comment only Outlook reads that holds text, with the
        # element the comment is in: text Outlook alone shows.
        self.outlook_texts: list[tuple[Element, str]] = []
        self._matched: dict[str, list[Element] | None] = {}
        self._inline: dict[Element, tuple[Declaration, ...]] = {}
        self.empty_blocks: set[tuple[int, tuple[int, ...]]] = set()  # @media blocks holding no rules
        # Each style-block rule's declarations, by (id of its <style>, path to the rule).
        self.rule_declarations: dict[tuple[int, tuple[int, ...]], list[Declaration]] = {}
        # The declarations of each rule written for Outlook alone, by id of its selector's uses:
        # they are never matched against elements, only read where Outlook drops the rule.
        self.outlook_rule_declarations: dict[int, list[Declaration]] = {}
        self.line_rule = clientnotes.OutlookLineRule(self.matched)
        # The elements whose own px line-height Outlook keeps exactly (the rule reaches them
        # where the walk reads it).
        self.exact_lines: set[Element] = set()
        # Document order, taken before a client view removes anything: views and the
        # original are compared element by element through it.
        self.elements: list[Element] = list(self.root.iter())
        self.order: dict[Element, int] = {element: i for i, element in enumerate(self.elements)}
        self._walk()

    @cached_property
    def web_fonts(self) -> frozenset[str]:
        """The font families (lowercased) the email loads from the web: by a Google Fonts
        stylesheet it links or imports, or an @font-face rule whose src is a url()."""
        found: set[str] = set()
        for link in self.root.iter("link"):
            found |= _google_families(link.get("href") or "")
        for style in self.root.iter("style"):
            text = style.text or ""
            if "@" not in text:
                continue
            for node in tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True):
                if node.type != "at-rule":
                    continue
                if node.lower_at_keyword == "import":
                    found |= _google_families(tinycss2.serialize(node.prelude))
                elif node.lower_at_keyword == "font-face":
                    found |= _distant_family(parse_declarations(tinycss2.serialize(node.content or [])))
        return frozenset(found)

    def inline_declarations(self, element: Element) -> tuple[Declaration, ...]:
        """An element's style attribute, parsed (once)."""
        if element not in self._inline:
            self._inline[element] = parse_declarations(element.get("style") or "")
        return self._inline[element]

    @cached_property
    def body_background(self) -> bool:
        """Whether <body> has a background: an attribute, its style, or a style-block rule."""
        body = self.root.find("body")
        if body is not None and (
            body.get("bgcolor") or body.get("background") or "background" in (body.get("style") or "")
        ):
            return True
        return _body_background_rule(self.raw)

    @cached_property
    def floats(self) -> bool:
        """Whether anything in the email floats: a float:left|right, or an image or table
        aligned left or right (which floats it)."""
        return bool(_FLOATS.search(self.raw))

    @cached_property
    def offsets(self) -> bool:
        """Whether anything in the email is offset (top, left, inset...) or positioned out of
        the flow (absolute, fixed, sticky)."""
        return bool(_OFFSETS.search(self.raw))

    def matched(self, selector: str) -> list[Element] | None:
        """The elements of the email a selector matches (None: one lxml cannot evaluate)."""
        if selector not in self._matched:
            self._matched[selector] = matching(self.root, selector)
        return self._matched[selector]

    @cached_property
    def selectors_within(self) -> dict[int, set[str]]:
        """The selectors of the rules inside each at-rule, by the at-rule's use (read once:
        an email may hold thousands of @media blocks)."""
        found: dict[int, set[str]] = {}
        for use in self.uses:
            if use.selector and use.outlook != "only":
                for outer in use.within:
                    found.setdefault(id(outer), set()).add(use.selector)
        return found

    def add(self, use: Use) -> None:
        if use.feature in self.data:
            self.uses.append(use)

    @cached_property
    def uses_by_feature(self) -> dict[str, list[tuple[int, Use]]]:
        """Each feature's uses with their places in the email (read once the walk is done): a
        client is asked of each feature once, and most features it supports are passed over
        with all their uses."""
        grouped: dict[str, list[tuple[int, Use]]] = {}
        for place, use in enumerate(self.uses):
            grouped.setdefault(use.feature, []).append((place, use))
        return grouped

    def _walk(self) -> None:
        from lxml import etree

        if HTML5_DOCTYPE.match(self.raw[:200].lstrip().lower()):
            self.add(Use("html-doctype", "<!doctype html>", "document", None, frozenset(), frozenset()))
        outlook = "both"
        for node in self.elements:
            if node.tag is etree.Comment:
                outlook = self._comment(node, outlook)
            elif isinstance(node.tag, str):
                self._element(node, outlook)
        self._mark_late_styles()
        self._mark_exact_rules()

    def _mark_exact_rules(self) -> None:
        """A style-block rule's line-height that every element it styles gets where Outlook's
        mso-line-height-rule:exactly reaches (an Outlook-only cell around it, which the walk
        reads after the <head>): the note's marker goes."""
        for use in self.uses:
            declaration = use.declaration
            if use.kind != "rule-declaration" or declaration is None or declaration.name != "line-height":
                continue
            failing = {
                value for value in use.values if value.endswith("-without:mso-line-height-rule:exactly")
            }
            styled = self.matched(use.selector) if failing and use.selector else None
            if styled and all(self.line_rule.reaches_at(each, self.order[each]) for each in styled):
                use.values -= failing

    def _mark_late_styles(self) -> None:
        """A <style> in the body after everything its rules style (see clientnotes.late_style)."""
        late = [use for use in self.uses if use.feature == "html-style" and "body" in use.tags[1:]]
        selectors: dict[int, set[str]] = {id(use.element): set() for use in late}
        for each in self.uses if late else ():
            if each.selector and id(each.element) in selectors:
                selectors[id(each.element)].add(each.selector)
        for use in late:
            if clientnotes.late_style(use.element, selectors[id(use.element)], self.matched, self.order):
                use.values |= {clientnotes.LATE_STYLE}

    def _comment(self, node: Element, outlook: str) -> str:
        text = (node.text or "").strip()
        if DOWNLEVEL_REVEALED.match(text):
            return "never"
        if ENDIF.match(text):
            return "both"
        self.add(Use("html-comments", "<!-- -->", "document", node.getparent(), frozenset(), frozenset()))
        if CONDITIONAL_OPEN.match(text) and "mso" in text.lower():
            self._conditional(node, CONDITIONAL_OPEN.sub("", text))
            self.line_rule.read_conditional(text, self.order[node])
        return outlook

    def _conditional(self, comment: Element, markup: str) -> None:
        """What only Outlook for Windows reads: the start tags and style blocks in the comment."""
        parent = comment.getparent()
        for match in STYLE_BLOCK.finditer(markup):
            self._sheet_uses(parent, match.group(1), outlook="only", store=False)
        shown = ENDIF_AT_END.sub("", STYLE_BLOCK.sub("", markup))
        if ANY_TAG.sub("", shown).strip() and parent is not None:
            self.outlook_texts.append((parent, shown))
        for match in START_TAG.finditer(STYLE_BLOCK.sub("", markup)):
            tag = match.group(1).lower()
            attributes = {
                name.lower(): (value or "").strip("\"'") for name, value in ATTRIBUTE.findall(match.group(2))
            }
            if ":" in tag:
                # VML and Office markup (<v:rect>, <v:fill>, <o:OfficeDocumentSettings>) is drawn
                # by Outlook's own engine, not styled as HTML: caniemail's CSS and HTML data does
                # not apply to it. What it draws stands in for a background image Outlook drops.
                if tag in VML_IMAGES and attributes.get("src"):
                    self.vml_images.add(attributes["src"].strip())
                continue
            self._tag_uses(parent, tag, attributes, "only", own_tag=tag)
            if "style" in attributes:
                spelled = _Spellings(attributes["style"])
                declarations = parse_declarations(attributes["style"])
                for position, declaration in enumerate(declarations):
                    self._declaration_uses(
                        parent, declaration, "only", position=position, tag=tag, attributes=attributes,
                        spelled=spelled, siblings=declarations,
                    )  # fmt: skip

    def _element(self, element: Element, outlook: str) -> None:
        tag = element.tag.lower()
        # items(), not attrib: lxml's HTML parser keeps a name like "{a" that attrib reads as
        # a namespace and refuses.
        self._tag_uses(element, tag, dict(element.items()), outlook)
        style = element.get("style")
        if style:
            spelled = _Spellings(style)
            self._inline[element] = declarations = parse_declarations(style)
            for position, declaration in enumerate(declarations):
                self._declaration_uses(
                    element, declaration, outlook, position=position, spelled=spelled, siblings=declarations
                )
        if tag == "style":
            self.sheets[element] = self._sheet_uses(element, element.text or "", outlook=outlook, store=True)

    def _tag_uses(
        self, element: Element, tag: str, attributes: Mapping[str, str], outlook: str, own_tag: str = ""
    ) -> None:
        names = frozenset(name.lower() for name in attributes)
        count = len(self.uses)
        feature = ELEMENT_FEATURES.get(tag)
        if tag == "input":
            feature = f"html-input-{_input_state(attributes.get('type') or '')}"
        elif tag == "button":
            feature = f"html-button-{(attributes.get('type') or 'submit').lower()}"
        elif tag == "meta" and (attributes.get("name") or "").lower() == "color-scheme":
            feature = "html-meta-color-scheme"
        if feature:
            marked = names | (
                {"body-without-background"} if tag == "svg" and not self.body_background else set()
            )
            self.add(Use(feature, f"<{tag}>", "element", element, frozenset({tag}), marked, outlook))
        for name, value in attributes.items():
            lower = name.lower()
            if lower in ATTRIBUTE_FEATURES:
                label = f'{lower}="{value}"' if len(value) <= 40 else lower
                keys = frozenset({lower})
                values = keys | attribute_value_markers(tag, lower, value)
                if tag == "img" and (attributes.get("src") or "").strip().lower().startswith("cid:"):
                    values |= {"cid-image"}  # an image embedded in the message
                self.add(Use(ATTRIBUTE_FEATURES[lower], label, "attribute", element, keys, values, outlook))
        href = (attributes.get("href") or "").strip()
        if tag == "a" and href.startswith("#"):
            target = self._anchor_target(href[1:])
            label = f'href="{href}"'
            self.add(Use("html-anchor-links", label, "link", element, frozenset(), target, outlook))
        elif tag == "a" and href.lower().startswith("mailto:"):
            self.add(Use("html-mailto-links", "mailto:", "link", element, frozenset(), frozenset(), outlook))
        if tag == "img":
            self._image(element, (attributes.get("src") or "").strip(), outlook)
        for use in self.uses[count:]:
            use.tag = own_tag

    def _anchor_target(self, fragment: str) -> frozenset[str]:
        """What an in-page link leads to, as caniemail's notes tell targets apart: an <a name>
        anchor, an element's id, nothing (a placeholder "#", or a name nothing carries)."""
        if not fragment:
            return frozenset({"target:none", "empty-fragment"})
        name = unquote(fragment)
        if name in self._anchor_names:
            return frozenset({"target:name"})
        if name in self._ids:
            return frozenset({"target:id"})
        return frozenset({"target:none"})

    @cached_property
    def _anchor_names(self) -> frozenset[str]:
        return frozenset(anchor.get("name") for anchor in self.root.iter("a") if anchor.get("name"))

    @cached_property
    def _ids(self) -> frozenset[str]:
        return frozenset(element.get("id") for element in self.elements if element.get("id"))

    def _image(self, element: Element, src: str, outlook: str) -> None:
        values: frozenset[str] = frozenset()
        if src.lower().startswith("data:"):
            feature: str | None = "image-base64"
            values = frozenset(
                {src[5:].split(";", 1)[0].split(",", 1)[0].strip().lower().removeprefix("image/")}
            )
        else:
            path = src.split("?", 1)[0].split("#", 1)[0].lower()
            feature = next((slug for suffix, slug in IMAGE_FORMATS.items() if path.endswith(suffix)), None)
        if feature:
            label = src if len(src) <= 60 else src[:59] + "…"
            self.add(Use(feature, label, "element", element, frozenset(), values, outlook))

    def _declaration_uses(
        self,
        element: Element,
        declaration: Declaration,
        outlook: str,
        within: tuple[Use, ...] = (),
        path: tuple[int, ...] = (),
        *,
        position: int = 0,
        tag: str = "",
        attributes: Mapping[str, str] | None = None,
        selector: str = "",
        spelled: _Spellings | None = None,
        siblings: Sequence[Declaration] | None = None,
    ) -> None:
        """The uses of one declaration: inline ones (`position` in the style attribute) or in a
        style block (`path` to it, through its rule)."""
        kind = "rule-declaration" if path else "declaration"
        values = note_markers(declaration) | {"inline" if kind == "declaration" else "in-style-block"}
        if kind == "declaration" and "display:none" in values and element.find(".//table") is not None:
            values |= {"holds-table"}
        if kind == "declaration" and declaration.name in _VERTICAL_PADDING and _pads_row_for_all(element):
            values |= {"padding:row-max"}
        if (
            declaration.name.startswith("margin")
            and some_length(declaration)
            and self._paints_a_background(element, kind, selector, siblings)
        ):
            values |= {"margin:with-background"}
        written = " !important" if declaration.important else ""
        if declaration.name == "mso-line-height-rule" and kind == "rule-declaration":
            self.line_rule.read_rule(selector, declaration.value)
        if declaration.name in clientnotes.NOTED_PROPERTIES:
            block = {each.name: each.value.lower() for each in (siblings or ())}
            styled = (
                [element] if kind == "declaration" else (self.matched(selector) or [self.root.find("body")])
            )
            if all(self.line_rule.reaches(each) for each in styled):
                block.setdefault("mso-line-height-rule", "exactly")
                if kind == "declaration" and declaration.name == "line-height" and "height" in block:
                    self.exact_lines.add(element)  # only a block given a height asks
            values |= clientnotes.declaration_markers(declaration.name, values & UNITS, block)
        if declaration.important and spelled is not None:
            markers, word = spelled.markers(declaration.name)
            values |= markers
            written = word if "!important:no-space" in markers else f" {word}"
        where = path or (position,)
        for feature, label, keys in declaration_features(declaration):
            if feature == "css-important":
                label = label.removesuffix(" !important") + written
            use = Use(feature, label, kind, element, keys, values, outlook, declaration, within, where, tag)
            use.attributes = attributes
            use.selector, use.match, use.written = selector, self.matched, written
            self.add(use)

    def _paints_a_background(
        self, element: Element, kind: str, selector: str, siblings: Sequence[Declaration] | None
    ) -> bool:
        """Whether what a margin is set on paints a background colour: the element's style
        attribute, or for a style-block rule the rule itself or an element it matches."""
        if kind == "declaration":
            return _has_background(element) and not _painted_as_behind(element)
        if any(_paints(each) for each in siblings or ()):
            return True
        return any(_has_background(each) for each in (self.matched(selector) or ()) if selector)

    def _sheet_uses(self, style: Element, text: str, *, outlook: str, store: bool) -> list[Node]:
        if not readable_css(text):
            return []  # nested too deep to read: the email's styles check says so
        nodes = tinycss2.parse_stylesheet(text, skip_comments=False, skip_whitespace=False)
        if "/*" in text:
            self.add(Use("css-comments", "/* */", "document", style, frozenset(), frozenset(), outlook))
        self._rule_uses(style, nodes, outlook, (), ())
        return nodes if store else []

    def _rule_uses(
        self,
        style: Element,
        nodes: Sequence[Node],
        outlook: str,
        within: tuple[Use, ...],
        path: tuple[int, ...],
    ) -> None:
        for index, node in enumerate(nodes):
            here = (*path, index)
            if node.type == "qualified-rule":
                self._qualified_rule_uses(style, node, outlook, within, here)
            elif node.type == "at-rule":
                self._at_rule_uses(style, node, outlook, within, here)

    def _qualified_rule_uses(
        self, style: Element, node: Node, outlook: str, within: tuple[Use, ...], here: tuple[int, ...]
    ) -> None:
        """A style rule's uses: its selector's features, then its declarations' and its nested
        rules'."""
        # Comments between selectors (Cerberus notes which client each is for) are
        # neither part of a selector nor a descendant combinator.
        prelude = [token for token in node.prelude if token.type != "comment"]
        selector = " ".join(tinycss2.serialize(prelude).split())
        selector_uses = self._selector_uses(style, prelude, selector, outlook, within, here)
        body = tinycss2.parse_blocks_contents(node.content or [], skip_comments=True, skip_whitespace=True)
        declarations = self.rule_declarations.setdefault((id(style), here), [])
        spelled = _Spellings(node.content or [])
        written = [
            (position, Declaration(item.lower_name, tinycss2.serialize(item.value).strip(),
                                   item.important, tokens=tuple(item.value)))
            for position, item in enumerate(body)
            if item.type == "declaration"
        ]  # fmt: skip
        siblings = [declaration for _, declaration in written]
        for each in selector_uses:  # only in a rule for Outlook alone
            self.outlook_rule_declarations[id(each)] = siblings
        for position, declaration in written:
            if outlook != "only":
                declarations.append(declaration)
            self._declaration_uses(
                style,
                declaration,
                outlook,
                within,
                (*here, position),
                selector=selector,
                spelled=spelled,
                siblings=siblings,
            )
        for position, item in enumerate(body):
            if item.type == "qualified-rule":
                self._nested_uses(style, item, selector, outlook, within, (*here, position))

    def _selector_uses(
        self,
        style: Element,
        prelude: list[Node],
        selector: str,
        outlook: str,
        within: tuple[Use, ...],
        here: tuple[int, ...],
    ) -> list[Use]:
        """Each feature a rule's selector uses, added as a use; those of a rule for Outlook
        alone are returned, for what its declarations cost."""
        attributes = attribute_markers(prelude) if "[" in selector else frozenset()
        selector_uses = []
        for feature, what in selector_features(prelude):
            keys = frozenset({what})
            values = keys | ({"on-type-selector"} if on_type_selector(prelude, what) else set())
            if feature == "css-selector-attribute":
                values |= attributes
            if feature == "css-selector-chaining" and class_after_first(prelude):
                values |= {"chain:class-after-first"}
            use = Use(feature, f"{selector} ({what})", "selector", style, keys, values, outlook)
            use.within, use.rule_index, use.selector = within, here, selector
            self.add(use)
            if outlook == "only":
                selector_uses.append(use)
        return selector_uses

    def _nested_uses(
        self,
        style: Element,
        node: Node,
        parent: str,
        outlook: str,
        within: tuple[Use, ...],
        here: tuple[int, ...],
    ) -> None:
        """A rule nested in another (CSS Nesting): one use, judged by what its declarations
        style (no client view keeps a nested rule; see README)."""
        nested = " ".join(tinycss2.serialize(node.prelude).split())
        selector = clientnotes.nested_selector(parent, nested)
        values = {"nesting"} if "&" in nested else {"nesting", clientnotes.NESTED_WITHOUT_AMPERSAND}
        use = Use("css-nesting", f"{nested} (nested in {parent})", "selector", style, frozenset({"nesting"}),
                   frozenset(values), outlook)  # fmt: skip
        use.within, use.rule_index, use.selector = within, here, selector
        self.add(use)
        body = tinycss2.parse_blocks_contents(node.content or [], skip_comments=True, skip_whitespace=True)
        if outlook != "only":
            self.rule_declarations[(id(style), here)] = [
                Declaration(item.lower_name, tinycss2.serialize(item.value).strip(), item.important)
                for item in body
                if item.type == "declaration"
            ]
        for position, item in enumerate(body):
            if item.type == "qualified-rule":
                self._nested_uses(style, item, selector, outlook, within, (*here, position))

    def _at_rule_uses(
        self, style: Element, node: Node, outlook: str, within: tuple[Use, ...], here: tuple[int, ...]
    ) -> None:
        keyword = node.lower_at_keyword
        prelude = " ".join(tinycss2.serialize(node.prelude).split())
        label = f"@{keyword} {prelude}".strip()
        if keyword == "media":
            features, keys, values = media_features(node.prelude)
        else:
            features, keys, values = [f"css-at-{keyword}"], frozenset({keyword}), frozenset({keyword})
            if keyword == "font-face" and any(
                token.type == "url" or (token.type == "function" and token.lower_name == "url")
                for token in all_tokens(node.content or [])
            ):
                values |= {"remote-font"}
        uses = []
        for feature in features:
            use = Use(feature, label, "at-rule", style, keys, values, outlook, within=within, rule_index=here)
            self.add(use)
            uses.append(use)
        if node.content is not None and keyword in ("media", "supports"):
            inner = tinycss2.parse_rule_list(node.content, skip_comments=False, skip_whitespace=False)
            self.inner[id(node)] = inner  # what the client views write the block again from
            if not any(child.type in ("qualified-rule", "at-rule") for child in inner):
                self.empty_blocks.add((id(style), here))
            self._rule_uses(style, inner, outlook, (*within, *uses), here)


_CONTROL_BYTES = re.compile(b"[\x00-\x08\x0b\x0c\x0e-\x1f]")


BACKGROUNDS = frozenset({"background", "background-color"})


_VERTICAL_PADDING = frozenset({"padding", "padding-top", "padding-bottom"})


def _pads_row_for_all(cell: Element) -> bool:
    """Whether a table cell's vertical padding is its row's biggest and another cell of the
    row has less: Outlook for Windows gives them all the biggest."""
    if cell.tag not in ("td", "th"):
        return False
    row = cell.getparent()
    if row is None or row.tag != "tr":
        return False
    cells = [each for each in row if isinstance(each.tag, str) and each.tag in ("td", "th")]
    if len(cells) < 2:
        return False
    paddings = [_vertical_padding(each) for each in cells]
    own = _vertical_padding(cell)
    return any(
        own[side] == max(each[side] for each in paddings) > min(each[side] for each in paddings)
        for side in (0, 1)
    )


def _vertical_padding(cell: Element) -> tuple[float, float]:
    """A cell's top and bottom padding in px, from its style attribute or its table's
    cellpadding (px, pt, em in the cell's own font size; other units count as 0: not compared)."""
    table = next(cell.iterancestors("table"), None)
    default = PIXELS.fullmatch((table.get("cellpadding") or "0").strip()) if table is not None else None
    base = float(default.group().removesuffix("px")) if default else 0.0
    top = bottom = base
    em = font_size_px(cell)  # a cell's padding in em is measured in its own font size
    for declaration in parse_declarations(cell.get("style") or ""):
        lengths = [px(token, em) for token in significant(declaration.tokens)]
        if declaration.name == "padding" and lengths:
            top, bottom = lengths[0], lengths[2] if len(lengths) > 2 else lengths[0]
        elif declaration.name == "padding-top" and lengths:
            top = lengths[0]
        elif declaration.name == "padding-bottom" and lengths:
            bottom = lengths[0]
    return top, bottom


def some_length(declaration: Declaration) -> bool:
    """Whether a value holds a length other than zero (a margin that leaves room)."""
    return any(
        token.type in ("dimension", "percentage") and token.value != 0
        for token in significant(declaration.tokens)
    )


_GOOGLE_FAMILY = re.compile(r"[?&]family=([^&]+)")


def _google_families(url: str) -> set[str]:
    """The families a Google Fonts stylesheet address loads (its css and css2 forms)."""
    if "fonts.googleapis.com/css" not in url.lower():
        return set()
    found: set[str] = set()
    for written in _GOOGLE_FAMILY.findall(url):
        for family in unquote(written.replace("+", " ")).split("|"):
            found.add(family.split(":")[0].strip().lower())
    return found


def _distant_family(descriptors: Sequence[Declaration]) -> set[str]:
    """The family an @font-face rule names where its src loads a url() only (a local() face may be
    the reader's own)."""
    family = winning(descriptors, ("font-family",))
    source = winning(descriptors, ("src",))
    if (
        family is None
        or source is None
        or "url(" not in source.value.lower()
        or "local(" in source.value.lower()
    ):
        return set()
    return {family.value.strip(" '\"").lower()}


def _has_background(element: Element) -> bool:
    """Whether an element's style attribute paints a background colour (not transparent)."""
    return any(_paints(declaration) for declaration in parse_declarations(element.get("style") or ""))


def _painted_as_behind(element: Element) -> bool:
    """Whether an element's own opaque background colour is the one the nearest box behind it
    paints (the nearest ancestor painting one, by its style or bgcolor attribute): painted over
    the element's margin too, it changes nothing there (CSS 2.1 14.2)."""
    own = _painted_colour(element)
    if own is None or own.alpha != 1:
        return False
    for ancestor in element.iterancestors():
        behind = _painted_colour(ancestor)
        if behind is not None:
            return behind.alpha == 1 and behind.rgb == own.rgb
    return False


def _painted_colour(element: Element) -> Colour | None:
    """The background colour an element's style attribute (its last painting declaration) or
    bgcolor attribute paints, or None."""
    style = element.get("style")
    if style and "background" in style.lower():
        painting = [each for each in parse_declarations(style) if _paints(each)]
        if painting:
            colour = colour_in(painting[-1].tokens)
            return colour if isinstance(colour, Colour) else None
    bgcolor = element.get("bgcolor")
    colour = colour_in(tinycss2.parse_component_value_list(bgcolor)) if bgcolor else None
    return colour if isinstance(colour, Colour) else None


def _paints(declaration: Declaration) -> bool:
    """Whether a declaration paints a background colour (not transparent)."""
    if declaration.name not in BACKGROUNDS:
        return False
    colour = colour_in(declaration.tokens)
    return isinstance(colour, Colour) and colour.alpha > 0


_SELECTORS: dict[str, Any] = {}


# cssselect matches nothing with a user-action pseudo-class; a :hover rule styles the
# elements it names whenever the reader points at them.
USER_ACTION = re.compile(r":(?:hover|active|focus|visited|target)(?![\w-])", re.I)


# HTML's input types whose control is not a one-line plain text edit control, as type=text's is
# (search, tel, url, email, password and an invalid or missing type are read as text fields).
_OTHER_INPUT_TYPES = frozenset(
    whitespace_words(
        "hidden date month week time datetime-local number range color checkbox radio file submit image "
        "reset button"
    )
)


def _input_state(written: str) -> str:
    """The state an <input>'s type attribute puts it in, as caniemail names the text field's."""
    kind = written.strip().lower()
    return kind if kind in _OTHER_INPUT_TYPES else "text"


def matching(root: Element, selector: str) -> list[Element] | None:
    """The elements a selector matches, or may match as the reader points, clicks or tabs
    (None when lxml cannot evaluate it, as ::before)."""
    import cssselect
    from lxml import etree
    from lxml.cssselect import CSSSelector

    if selector not in _SELECTORS:
        try:
            _SELECTORS[selector] = CSSSelector(
                USER_ACTION.sub(":not(.-digest-never-)", selector), translator="html"
            )
        except (cssselect.SelectorError, RecursionError):  # cssselect recurses along a compound
            _SELECTORS[selector] = None
    compiled = _SELECTORS[selector]
    if compiled is None:
        return None
    try:
        return list(compiled(root))
    except (etree.XPathEvalError, RecursionError):  # thousands of selectors: too deep an XPath
        _SELECTORS[selector] = None
        return None


def chain_up_to(element: Element, top: Element) -> list[Element] | None:
    """The element and its ancestors up to `top` (both included), or None where `top` is not
    one of them."""
    chain = []
    node = element
    while node is not None:
        chain.append(node)
        if node is top:
            return chain
        node = node.getparent()
    return None


def self_and_ancestors(element: Element) -> Iterator[Element]:
    node = element
    while node is not None:
        yield node
        node = node.getparent()


def is_ancestor_or_self(ancestor: Element, element: Element) -> bool:
    node = element
    while node is not None:
        if node is ancestor:
            return True
        node = node.getparent()
    return False
