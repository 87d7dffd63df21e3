"""caniemail's notes on a partly supported feature read as rules: which values, elements,
selectors or media queries a client drops, and what it does with the rest (clientnotes.py
reads more of them).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from digest.checks import clientnotes
from digest.checks.caniemail import Caniemail, Support
from digest.checks.clients.features import Element, Use, first_of_chains, whitespace_words

_HTML_TAGS = frozenset(
    whitespace_words(
        "a abbr address area article aside audio b bdi blockquote body br button code dd del details dfn "
        "dialog div dl dt em figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hr html i img input "
        "label li link main map marquee meta meter nav object ol p picture pre progress rp rt ruby s section "
        "select small span strike strong style summary svg table tbody td textarea tfoot th thead time tr u "
        "ul video wbr"
    )
)
_BACKTICKED = re.compile(r"`([^`]+)`")
# "`background-color` values": a property named as a kind of value. A media feature with a
# property's name (`min-width` based media queries) is not one.
_VALUES_OF = re.compile(r"`([^`]+)`\s+values\b")
_SIZE_LIMIT = re.compile(r"\bsize of the `<\w+>` tag[^.]*?\blimited to (\d+)\s*kb\b")


def _text_bytes(element: Element) -> int:
    return len((element.text or "").encode("utf-8"))


@dataclass(frozen=True)
class NoteRule:
    """What one of caniemail's notes says fails, read from its wording (see read_note_rule)."""

    values_not: frozenset[str] = frozenset()
    only_keys: frozenset[str] = frozenset()
    on_elements: frozenset[str] = frozenset()  # the failure applies on (or inside) these only
    only_elements: frozenset[str] = frozenset()
    inside: bool = False
    max_bytes: int = 0  # the element's text is dropped beyond this size
    values_all: frozenset[str] = frozenset()  # fails where the use has every one of these
    values_missing: frozenset[str] = frozenset()  # fails where the use lacks one of these
    values_only: frozenset[str] = frozenset()  # a declaration fails unless it holds one of these
    every: bool = False  # every use fails (the feature's values resolve to nothing)
    first_of_chain: bool = False  # a chained selector is read as its first simple selector
    media_word: str = ""  # "height": media queries on a feature of that word fail
    nested: bool = False  # at-rules inside another @media fail
    # The client strips more than the use: the element's whole style attribute (an inline
    # use), or the whole <style> block (a style-block use).
    strips_attribute: bool = False
    strips_block: bool = False
    renamed: tuple[str, str] = ("", "")  # the client writes the property under another name
    # Under a "not supported" result, the note says only this part fails (Gmail's CSS
    # variables: var() is read, custom property declarations are dropped).
    narrows: bool = False
    inert: bool = False  # the element stays and shows, but does not work (a form that sends nothing)
    # Read from a note under a "supported" result that names one narrow case: the uses it
    # does not drop are supported, and not listed.
    quiet: bool = False

    def scope(self, use: Use) -> str:
        """What the client strips with a use this rule drops: "attribute", "block" or ""."""
        if self.strips_attribute and use.kind == "declaration":
            return "attribute"
        if self.strips_block and use.kind == "rule-declaration" and use.outlook != "only":
            return "block"
        return ""

    def drops(self, use: Use) -> bool:
        if self.inert:
            return use.kind == "element"
        if self.first_of_chain and use.kind == "selector" and use.selector:
            return first_of_chains(use.selector) != use.selector
        if self.every or self.first_of_chain:
            return True
        if self.values_missing:
            return not self.values_missing <= use.values
        if self.values_only:
            return use.declaration is not None and not self.values_only & use.values
        if self.renamed[0]:
            return use.declaration is not None and use.declaration.name == self.renamed[0]
        if self.values_all:
            return self.values_all <= use.values
        if self.nested:
            return use.kind == "at-rule" and any(outer.feature == "css-at-media" for outer in use.within)
        if self.media_word:
            word = self.media_word
            return use.kind == "at-rule" and any(
                value == word or value.endswith((f"-{word}", f":{word}")) for value in use.values
            )
        if self.max_bytes:
            return (
                use.kind == "element"
                and use.element is not None
                and _text_bytes(use.element) > self.max_bytes
            )
        if self.only_elements or self.on_elements:
            # A style-block rule fails where the note says only if it does on every element
            # the rule styles (a view drops the declaration from all of them).
            return all(self.fails_on(tags, use) for tags in use.targets)
        if self.only_keys:
            return bool(use.keys) and not use.keys <= self.only_keys
        return bool(self.values_not & use.values)

    def fails_on(self, tags: tuple[str, ...], use: Use) -> bool:
        if self.only_elements:
            return bool(tags) and tags[0] not in self.only_elements
        where = tags if self.inside else tags[:1]
        on = any(tag in self.on_elements for tag in where)
        return on and (not self.values_not or bool(self.values_not & use.values))


def failing_somewhere(use: Use, rules: Sequence[NoteRule]) -> tuple[NoteRule, ...]:
    """The notes naming elements that fail a style-block declaration on some of the elements
    its rule styles (on all of them, it is dropped)."""
    return tuple(
        rule
        for rule in rules
        if (rule.only_elements or rule.on_elements) and any(rule.fails_on(tags, use) for tags in use.targets)
    )


@cache
def read_note_rule(note: str, property_names: frozenset[str]) -> NoteRule | None:
    """A note that says which values or elements fail, as a rule; None for any other note
    (bugs, account-dependent support, prose this cannot read): the feature is then kept."""
    lower = note.lower()
    if limit := _SIZE_LIMIT.search(lower):  # "The size of the `<style>` tag is limited to 16 KB"
        return NoteRule(max_bytes=int(limit.group(1)) * 1024)
    if "account" not in lower and (rule := _read_syntax_note(lower)) is not None:
        return rule
    if renamed := _RENAMED.search(lower):  # "Buggy. Replaces `height` by `min-height`."
        return NoteRule(renamed=(renamed.group(1), renamed.group(2)))
    if "unreliable if used on" in lower or lower.startswith("buggy on "):  # "Buggy on anchor `<a>` tags."
        elements = frozenset(q[1:-1].lower() for q in _BACKTICKED.findall(note) if q.startswith("<"))
        return NoteRule(on_elements=elements & _HTML_TAGS) if elements & _HTML_TAGS else None
    readable = lower.startswith(("partial", "not supported", "does not support")) or _VALUE_FAILS.match(lower)
    if not readable or "account" in lower:
        return None
    quoted = _BACKTICKED.findall(note)
    elements = frozenset(
        q[1:-1].lower() for q in quoted if q.startswith("<") and q[1:-1].lower() in _HTML_TAGS
    )
    plain = frozenset(q.strip().lower() for q in quoted if not (q.startswith("<") and q.endswith(">")))
    if "supports" in lower and "but not" in lower and "only" not in lower:
        after = note[lower.index("but not") :]
        return NoteRule(values_not=frozenset(q.lower() for q in _BACKTICKED.findall(after)))
    if re.search(r"\bonly\b", lower):
        if elements and not plain:
            return NoteRule(only_elements=elements)
        if _VALUES_OF.findall(lower) and frozenset(_VALUES_OF.findall(lower)) & property_names:
            return None  # "only `background-color` values": a kind of value, not one this can match
        before = note[: lower.index("but not")] if "but not" in lower else note
        keys = frozenset(q.lower() for q in _BACKTICKED.findall(before) if not q.startswith("<"))
        return NoteRule(only_keys=keys) if keys else None
    failing = re.search(r"not supported|doesn't support|does not support|do not work|does not work", lower)
    if failing is None:
        return None
    if elements and re.search(r"\b(?:on|to|inside|within)\b[^.]*`<", lower):
        return NoteRule(values_not=plain, on_elements=elements, inside="inside" in lower or "within" in lower)
    if elements and not plain:
        return NoteRule(only_elements=frozenset(_HTML_TAGS - elements))
    return NoteRule(values_not=plain) if plain else None


_RENAMED = re.compile(r"\breplaces `([a-z-]+)` by `([a-z-]+)`")
_VALUE_FAILS = re.compile(r"`[^`]+` values? (?:does|do) not work\b")  # "`all` value does not work"
_BASED_MEDIA_QUERIES = re.compile(r"\bdoes not support (\w+)[ -]based media quer")
_A_MEDIA_QUERY = re.compile(r"\bdoes not support (\w+) media query\b")


def _read_syntax_note(lower: str) -> NoteRule | None:
    """Notes on how a feature is written rather than which values it takes: the spelling of
    !important, colour functions written with spaces or an alpha value, kinds of media
    queries, nesting, inline styles; and what the client strips with what fails."""
    return (
        _read_scope_note(lower)
        or _read_value_kind_note(lower)
        or _read_writing_note(lower)
        or _read_value_note(lower)
    )


def _read_scope_note(lower: str) -> NoteRule | None:
    """Notes on where a feature holds or how a declaration fails whole: an uppercase !important,
    var() without its declaration, inheritance into tables, table cells, type selectors,
    negative or several values, form fields that send nothing."""
    if "only supported in lowercase" in lower:
        # Gmail drops the whole style attribute or <style> block holding an uppercase
        # !IMPORTANT (the note's hteumeuleu/email-bugs#13).
        return NoteRule(
            values_not=frozenset({"!important:not-lowercase"}), strips_attribute=True, strips_block=True
        )
    if "`var()` function is supported, but not the variable declaration" in lower:
        return NoteRule(values_not=frozenset({"custom-property"}), narrows=True)
    if (
        "not inherit onto nested `<table>`" in lower
        or "`display:none` does not inherit to inner tables" in lower
    ):
        # Outlook for Windows: the tables inside an element hidden by display:none show.
        return NoteRule(values_all=frozenset({"display:none", "holds-table"}))
    if "only supported on table cells" in lower:
        return NoteRule(only_elements=frozenset({"td", "th"}))
    if "only supported on type selectors" in lower:
        return NoteRule(values_missing=frozenset({"on-type-selector"}))
    if "negative values are not supported" in lower and "hard-coded" not in lower:
        return NoteRule(values_not=frozenset({"negative"}))
    if "does not support multiple values" in lower:
        return NoteRule(values_not=frozenset({"multiple-values"}))
    if "is there but values are not submitted" in lower:
        return NoteRule(inert=True)
    if "will not show the keyboard" in lower and "pasting text works" in lower:
        # Samsung Email's text fields, under "not supported": the field and its text show, and
        # take pasted text; only some Android keyboards do not open. Nothing of it is dropped.
        return NoteRule(values_not=frozenset({"keyboard"}), narrows=True)
    return None


def _read_value_kind_note(lower: str) -> NoteRule | None:
    """Notes that name a kind of value the client does not read: an image in a background or
    list, font weights, `all`, longhands, wide borders, base64 GIFs, distant fonts, ids."""
    if "only `background-color` values are supported" in lower:
        # Outlook for Windows: a background shorthand with an image or gradient is not read.
        return NoteRule(values_not=frozenset({"image-value"}))
    if "`list-style-image` values are not supported" in lower:
        return NoteRule(values_not=frozenset({"image-value"}))
    if "values between 0 and 599 are set as normal font weight" in lower:
        return NoteRule(values_not=frozenset({"font-weight:rounded"}))
    if "`<number>` values are not supported as per css fonts level 4" in lower:
        return NoteRule(values_not=frozenset({"font-weight:level-4"}))
    if "the `all` keyword is not supported" in lower:
        return NoteRule(values_not=frozenset({"all"}))
    if "longhand properties are not supported" in lower:
        return NoteRule(values_not=frozenset({"longhand"}))
    if "border can not be bigger than 8px" in lower:
        return NoteRule(values_not=frozenset({"border-over-8px"}))
    if "not supported with multiple values" in lower:
        return NoteRule(values_not=frozenset({"multiple-values"}))
    if "requires a background on the `<body>`" in lower:
        # Apple Mail on macOS shows an inline <svg> only where the body has a background.
        return NoteRule(values_not=frozenset({"body-without-background"}))
    if "does not work inline in the `background-image` property" in lower:
        # Gmail for Android: a gradient written in a background-image style attribute.
        return NoteRule(values_all=frozenset({"inline", "background-image"}))
    if "only `list-style-type` values are supported" in lower:
        return NoteRule(values_not=frozenset({"list-style:not-type"}))
    if "does not render base 64 gif" in lower:
        return NoteRule(values_not=frozenset({"gif"}))
    if "distant fonts are ignored" in lower:
        return NoteRule(values_not=frozenset({"remote-font"}))
    if "but not with `id` attributes" in lower:
        return NoteRule(values_not=frozenset({"target:id"}))
    return None


def _read_writing_note(lower: str) -> NoteRule | None:
    """Notes on how the feature is written: !important's case and spacing, inline styles,
    whitespace syntax and alpha in colour functions, nested and other kinds of media queries;
    with what the client strips with what fails."""
    attribute = "whole attribute is stripped" in lower or "remove all inline styles" in lower
    block = "whole `<style>` block is stripped" in lower
    if "only supported if not written in lowercase" in lower:
        return NoteRule(values_not=frozenset({"!important:lowercase"}))
    if "no space before" in lower and "`background-image`" in lower:
        return NoteRule(values_all=frozenset({"!important:no-space", "background-image"}))
    if "only supported with a space before" in lower or "no space before `!important`" in lower:
        return NoteRule(values_not=frozenset({"!important:no-space"}))
    if lower.startswith("partial. not supported inline"):
        return NoteRule(values_not=frozenset({"inline"}))
    if "whitespace syntax" in lower and ("not supported" in lower or attribute or block):
        return NoteRule(
            values_not=frozenset({"whitespace-syntax"}), strips_attribute=attribute, strips_block=block
        )
    if "alpha value is not supported" in lower:
        return NoteRule(values_not=frozenset({"alpha"}))
    if "remove all inline styles" in lower:
        return NoteRule(values_not=frozenset({"inline"}), strips_attribute=True)
    if "nested media queries" in lower:
        return NoteRule(nested=True)
    if found := _BASED_MEDIA_QUERIES.search(lower) or _A_MEDIA_QUERY.search(lower):
        return NoteRule(media_word=found.group(1))
    return None


_EXCEPT_VALUES = re.compile(r"\bstripped except when the value is (.*)")
_ONLY_SUPPORTS = re.compile(r"^partial\. only supports: ([a-z, -]+)")
# Yahoo's cursor note: "all single-direction resize properties".
_SINGLE_DIRECTION_RESIZE = frozenset(
    f"{side}-resize" for side in ("n", "e", "s", "w", "ne", "nw", "se", "sw")
)


# "`ui-serif`, `ui-sans-serif` ... are supported on all browsers on iOS and Safari on MacOS."
_SAFARI_ONLY = re.compile(
    r"((?:`[^`]+`(?:,\s*|\s+and\s+)?)+) are supported on all browsers on ios and safari on macos"
)


def _read_value_note(lower: str) -> NoteRule | None:
    """Notes that name the values a client keeps or what it makes of one, in prose: the only
    values kept (Yahoo's cursor and text-justify, Outlook's text-justify), percentages, a
    unit that resolves to zero, attribute selectors Outlook.com's class prefix breaks, an
    image's percentage size read against its file."""
    if found := _EXCEPT_VALUES.search(lower):  # "`text-justify` is stripped except when the value is `x`"
        return NoteRule(values_only=frozenset(_BACKTICKED.findall(found.group(1))))
    if found := _ONLY_SUPPORTS.search(lower):  # "Partial. Only supports: crosshair, help, ... and all ..."
        words = {word.strip().removeprefix("and ").strip() for word in found.group(1).split(",")}
        kept = {word for word in words if re.fullmatch(r"[a-z-]+", word)}
        if "single-direction resize" in found.group(1):
            kept |= _SINGLE_DIRECTION_RESIZE
        return NoteRule(values_only=frozenset(kept)) if kept else None
    if found := _SAFARI_ONLY.search(lower):
        # A webmail's "depends on browser support": the values Safari and iOS alone draw fail in
        # the other browsers a reader may open it in (ui-serif and its kin, as CSS Fonts 4 has
        # them: no other engine maps them to a face).
        return NoteRule(values_not=frozenset(_BACKTICKED.findall(found.group(1))))
    if re.search(r"\bpercentages? values are not supported\b", lower):
        return NoteRule(values_not=frozenset({"%"}))
    if "value resolves to zero" in lower:  # Apple Mail for iOS: a vh length is 0
        return NoteRule(every=True)
    if 'is prefixed `class="x_test"`, but an attribute selector stays unprefixed' in lower:
        return NoteRule(values_not=frozenset({"attribute:class-value"}))
    if "can not be used with a class selector" in lower:
        return NoteRule(values_not=frozenset({"attribute:with-class"}))
    if "percentage width on `<img>` elements are based on the physical file's width" in lower:
        return NoteRule(values_not=frozenset({"img-percent"}))
    if "vertical padding will be the same for all cells of a same row" in lower:
        return NoteRule(values_not=frozenset({"padding:row-max"}))
    if "styles will be applied to the first selector of the chain" in lower:
        # Outlook for Windows: only a chain of classes and ids is cut (.a.b as .a); a compound
        # that starts with a type is read whole, as Word's own p.MsoNormal (first_of_chains).
        return NoteRule(first_of_chain=True, narrows=True)
    if "only the first selector of the chain is prefixed in the styles" in lower:
        # Every class is prefixed in the HTML (x_name): a class after the first selector of a
        # compound is not, and matches nothing; a compound with none is read as written.
        return NoteRule(values_not=frozenset({"chain:class-after-first"}), narrows=True)
    if "`background-color` is included inside the `margin`" in lower:
        return NoteRule(values_not=frozenset({"margin:with-background"}))
    if (case := clientnotes.read_note(lower)) is not None:
        return NoteRule(values_not=case.failing)
    return None


@cache
def support_rules(
    data: Caniemail, feature: str, family: str, platform: str
) -> tuple[Support, tuple[NoteRule, ...]]:
    """The client's support of a feature, with the rules its notes give (read once a process)."""
    support = data.support(feature, family, platform)
    if support.status == "y" and support.notes:
        # A supported feature's notes speak of browsers, bugs and prefixes, except those that
        # say "Partial." and name a way of writing it that fails (Gmail's in-page links).
        written = [_read_syntax_note(note.lower()) for note in support.notes if note.startswith("Partial.")]
        written += [_ROOT_ONLY for note in support.notes if _ON_ROOT_ONLY.search(note.lower())]
        written += [_CID_IMAGES for note in support.notes if _ON_CID_IMAGES.search(note.lower())]
        cases = (clientnotes.read_supported_case(note.lower()) for note in support.notes)
        written += [NoteRule(values_not=case.failing, quiet=True) for case in cases if case is not None]
        partial = tuple(rule for rule in written if rule is not None)
        return (Support("a", support.notes, support.version), partial) if partial else (support, ())
    if support.status not in ("a", "n") or not support.notes:
        return support, ()
    names = caniemail_property_names(data)
    rules = (read_note_rule(note, names) for note in support.notes)
    return support, tuple(rule for rule in rules if rule is not None)


# Apple Mail's color-scheme: "Works only the html/root element".
_ON_ROOT_ONLY = re.compile(r"\bworks only (?:on )?the html/root element\b")
_ROOT_ONLY = NoteRule(only_elements=frozenset({"html"}), quiet=True)
# Apple Mail's width attribute: "ignored on CID embedded images" (caniemail#171).
_ON_CID_IMAGES = re.compile(r"\bignored on cid embedded images\b")
_CID_IMAGES = NoteRule(values_all=frozenset({"cid-image"}), quiet=True)


@cache
def caniemail_property_names(data: Caniemail) -> frozenset[str]:
    return frozenset(slug[4:] for slug in data.features if slug.startswith("css-"))
