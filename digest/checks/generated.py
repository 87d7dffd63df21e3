"""The text a ::before or ::after rule writes into the email (CSS generated content).

A client that drops these pseudo-elements drops what their `content` writes. Words or
numbers there are text the reader loses; an empty string (a clearfix), an arrow, a bullet or
a quotation mark is decoration, and attr() or counters repeat or number what the email holds.
Values are read with tinycss2.
"""

from __future__ import annotations

import re

import tinycss2

from digest.checks.css import Declaration, significant

# ::before and ::after, and CSS 2's single-colon :before and :after, at the end of a compound.
_GENERATING = re.compile(r"::?(?:before|after)\b(?![\w-])", re.IGNORECASE)


def generates_content(selector: str) -> bool:
    """Whether a selector styles a ::before or ::after pseudo-element (outside attribute values)."""
    outside_brackets = re.sub(r"\[[^\]]*\]", "", selector)
    return _GENERATING.search(outside_brackets) is not None


def generated_text(declaration: Declaration) -> str | None:
    """The words a `content` declaration writes, where its strings hold a letter or a digit."""
    if declaration.name != "content":
        return None
    tokens = declaration.tokens or tuple(tinycss2.parse_component_value_list(declaration.value))
    strings = [token.value for token in significant(tokens) if token.type == "string"]
    text = " ".join("".join(strings).split())
    return text if any(character.isalnum() for character in text) else None


def originating(selector: str) -> str:
    """The selector of the elements whose ::before or ::after a selector styles."""
    return _GENERATING.sub("", selector)
