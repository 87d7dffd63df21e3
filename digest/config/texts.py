"""Every text setting is shown somewhere (a page, a feed, an email header, a file name): no
control character, no direction override, and one line where one is all it may be."""

from __future__ import annotations

import dataclasses
import re

from digest.config.sections import Names
from digest.config.settings import SECTIONS, Config
from digest.errors import printable

# Settings whose text may span lines (TOML's """ strings); every other one is one line.
MULTILINE_SETTINGS = frozenset(
    {("site", "description"), ("site", "postal_address"), ("theme", "footer_text"), ("email", "reply_prompt")}
)
# Characters no page, feed, email header or file name should hold: controls (the email's
# headers and MJML refuse them; a NUL ends a file name) and direction overrides and
# isolates, which show text in another order than it is written.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_DIRECTION = re.compile("[\u202a-\u202e\u2066-\u2069]")
_LINE_BREAK = re.compile("[\n\r\u2028\u2029]")


def text_problems(config: Config, names: Names) -> list[str]:
    """Every text setting is shown somewhere (a page, a feed, an email header, a file name):
    a character none of them can hold is refused by its setting's name."""
    problems = []
    for section in SECTIONS:
        values = getattr(config, section)
        for each in dataclasses.fields(values):
            if (section, each.name) == ("links", "exclude"):
                continue  # patterns to match, never shown
            value = getattr(values, each.name)
            for text in value if isinstance(value, tuple) else (value,):
                if isinstance(text, str) and (problem := _text_problem(section, each.name, text)):
                    problems.append(f"{names(section, each.name)} {problem}")
                    break
    return problems


def _text_problem(section: str, key: str, text: str) -> str | None:
    if found := _CONTROL.search(text):
        return f"holds a control character ({printable(found.group(0))}): remove it"
    if found := _DIRECTION.search(text):
        return (
            f"holds a direction override ({printable(found.group(0))}), which shows text in another "
            "order than it is written: remove it"
        )
    if (section, key) not in MULTILINE_SETTINGS and _LINE_BREAK.search(text):
        return "must be one line: remove the line break"
    return None
