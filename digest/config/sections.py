"""A section's values as its settings class types them: unknown keys (with the nearest
known one), values of the wrong kind (with what was likely meant), and how a problem names a
setting and shows a value."""

from __future__ import annotations

import dataclasses
import difflib
import math
import re
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time
from typing import Any, Literal

from digest.config.settings import REFUSED_KEYS
from digest.errors import quoted


@dataclass(frozen=True)
class Names:
    """How a problem names a setting: by the command-line option its value came from, if
    one did, else by its section and key in digest.toml."""

    flags: Mapping[tuple[str, str], str]

    def __call__(self, section: str, key: str) -> str:
        return self.flags.get((section, key)) or f"[{section}] {key}"


def build_section(name: str, schema: type, values: dict[str, Any], problems: list[str]) -> Any:
    hints = typing.get_type_hints(schema)
    known = {f.name for f in dataclasses.fields(schema)}
    accepted: dict[str, Any] = {}
    for key, value in values.items():
        if (name, key) in REFUSED_KEYS:
            problems.append(REFUSED_KEYS[name, key])
            continue
        if key not in known:
            problems.append(f"unknown key {quoted(key)} in [{name}]{suggest(key, known)}")
            continue
        converted = _convert(value, hints[key])
        if converted is _INVALID:
            meant = _meant(key, value, hints[key])
            problems.append(f"[{name}] {key} must be {_describe(hints[key])}, not {shown(value)}{meant}")
        else:
            accepted[key] = converted
    return schema(**accepted)


def shown(value: Any) -> str:
    """A refused value as digest.toml writes it (true, 2025-01-01, [1, 2]), cut short: a
    value of hundreds of kilobytes was echoed whole, a line of 500 KB."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date | time):  # datetime is a date
        return value.isoformat()
    if isinstance(value, list):
        items = [shown(item) for item in value[:SHOWN_ITEMS]]
        return f"[{', '.join(items)}{', ...' if len(value) > SHOWN_ITEMS else ''}]"
    if isinstance(value, dict):
        pairs = [f"{key} = {shown(item)}" for key, item in list(value.items())[:SHOWN_ITEMS]]
        return f"{{{', '.join(pairs)}{', ...' if len(value) > SHOWN_ITEMS else ''}}}"
    return quoted(value, SHOWN_CHARACTERS)


SHOWN_ITEMS, SHOWN_CHARACTERS = 10, 80


_INVALID = object()


def _convert(value: Any, hint: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin is Literal:
        return value if value in typing.get_args(hint) else _INVALID
    if origin is tuple:
        (item_type, _) = typing.get_args(hint)
        if not isinstance(value, list):
            return _INVALID
        items = [_convert(item, item_type) for item in value]
        return _INVALID if _INVALID in items else tuple(items)
    if hint is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value) if math.isfinite(value) else _INVALID  # TOML has nan and inf
    if hint is int and isinstance(value, bool):
        return _INVALID
    return value if isinstance(value, hint) else _INVALID


def _meant(key: str, value: Any, hint: Any) -> str:
    """What a refused text likely meant: one of the choices spelt nearly so, or a number or
    true or false written in quotes ("" where it is neither)."""
    if not isinstance(value, str):
        return ""
    if typing.get_origin(hint) is Literal:
        choices = [choice for choice in typing.get_args(hint) if isinstance(choice, str)]
        meant = [c for c in choices if c.casefold() == value.casefold()] or difflib.get_close_matches(
            value, choices, n=1
        )
        return f" (did you mean {quoted(meant[0])}?)" if meant else ""
    kinds = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
    text = value.strip()
    numeric = (int in kinds and re.fullmatch(r"[+-]?[0-9]+", text)) or (
        float in kinds and re.fullmatch(r"[+-]?[0-9]+(?:\.[0-9]+)?", text)
    )
    if (bool in kinds and text in ("true", "false")) or numeric:
        return f" (write it without quotes: {key} = {text})"
    return ""


def _describe(hint: Any) -> str:
    origin = typing.get_origin(hint)
    if origin is Literal:
        return "one of " + ", ".join(repr(a) for a in typing.get_args(hint))
    if origin is tuple:
        plural = {str: "strings", int: "whole numbers", float: "numbers"}
        item = typing.get_args(hint)[0]
        return f'a list of {plural.get(item, _describe(item))}, in brackets: ["...", "..."]'
    if isinstance(hint, types.UnionType):
        return " or ".join(_describe(a) for a in typing.get_args(hint))
    return {str: "a string", int: "a whole number", float: "a number", bool: "true or false"}.get(
        hint, str(hint)
    )


def suggest(word: str, choices: typing.Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean {quoted(close[0])}?)" if close else ""
