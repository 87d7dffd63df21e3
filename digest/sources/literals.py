"""Values written as code: JavaScript object literals (and Ziggy's, which differ only in
how a field is named), read without running anything.

A post's metadata is sometimes a value in a program rather than a front matter block:
`export const meta = { title: 'A', authors: [adamwathan] }` in an MDX module, `.title =
"A",` in Zine's Ziggy front matter, `export const adamwathan = { name: 'Adam Wathan' }` in
a site's authors module. `read_literal` reads one such value from a given offset and says
where it ends: strings (single, double and back quotes, a template's `${...}` kept as
written), numbers, `true`/`false`/`null`, arrays and objects (trailing commas, comments,
shorthand properties). What only a program could work out stays a marker: a bare name is a
`Reference` (an imported value, `adamwathan`), a call a `Call` with its arguments read
where they are values (`Date(2019, 5, 31)`, `@date("2020-12-05")`, `new Date('2022-02-01')`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

MAX_DEPTH = 40  # nested deeper than any metadata is: no value (and no recursion limit reached)
# A value still open this far from its start is none: a file of thousands of unclosed
# comments or strings is read in time linear in their number, not in the file's size each.
MAX_LITERAL_CHARS = 16_384
NAME = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*")
NUMBER = re.compile(r"[-+]?(?:0[xX][0-9a-fA-F_]+|(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][-+]?\d+)?)")
ZIGGY_FIELD = re.compile(r"\.([A-Za-z_][\w]*)\s*=")
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
WORDS: dict[str, Any] = {"true": True, "false": False, "null": None, "undefined": None}


class NotALiteral(ValueError):
    """The text at that place is no value this reader knows."""


@dataclass(frozen=True)
class Reference:
    """A bare name where a value stands: an imported or declared value (`adamwathan`)."""

    name: str


@dataclass(frozen=True)
class Call:
    """A call where a value stands: `Date(2019, 5, 31)`; its arguments, where they are values."""

    name: str
    arguments: tuple[Any, ...]


def read_literal(text: str, start: int = 0, limit: int = MAX_LITERAL_CHARS) -> tuple[Any, int]:
    """The value written at `start`, within `limit` characters, and the offset just after
    it; NotALiteral otherwise."""
    reader = _Reader(text[start : start + limit], 0)
    value = reader.value(0)
    return value, start + reader.at


def plain(value: Any) -> Any:
    """A value with its markers taken out: references and calls become None, in lists and
    objects too (what a program would compute is not the file's to say)."""
    if isinstance(value, Reference | Call):
        return None
    if isinstance(value, list):
        return [item for item in (plain(item) for item in value) if item is not None]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return value


class _Reader:
    def __init__(self, text: str, start: int) -> None:
        self.text = text
        self.at = start

    def value(self, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise NotALiteral("nested too deeply")
        self.skip()
        char = self.peek()
        if char == "{":
            return self.object(depth)
        if char == "[":
            return self.array(depth)
        if char in "'\"`":
            return self.string(char)
        if char == "@":  # Ziggy's tagged literal, `@date("...")`
            self.at += 1
            name = self.match(NAME)
            return Call(name, self.arguments(depth))
        if char == "." and self.text.startswith("...", self.at):
            raise NotALiteral("a spread is no value")
        if (number := NUMBER.match(self.text, self.at)) and number.group():
            self.at = number.end()
            return _number(number.group())
        name = self.match(NAME)
        if name in WORDS:
            return WORDS[name]
        self.skip()
        if name == "new":  # `new Date('2022-02-01')`: a constructor's call
            name = self.match(NAME)
            return Call(name, self.arguments(depth))
        if self.peek() == "(":
            return Call(name, self.arguments(depth))
        return Reference(name)

    def object(self, depth: int) -> dict[str, Any]:
        self.at += 1
        result: dict[str, Any] = {}
        while True:
            self.skip()
            if self.peek() == "}":
                self.at += 1
                return result
            if self.text.startswith("...", self.at):  # `...defaults`: what it adds is unknown
                self.at += 3
                self.value(depth + 1)
            else:
                key = self.key()
                self.skip()
                if self.peek() in ":=":
                    self.at += 1
                    result[key] = self.value(depth + 1)
                else:  # `{ adamwathan }`: the name's own value
                    result[key] = Reference(key)
            self.skip()
            if self.peek() == ",":
                self.at += 1
            elif self.peek() != "}":
                raise NotALiteral("expected ',' or '}'")

    def key(self) -> str:
        char = self.peek()
        if char in "'\"`":
            return self.string(char)
        if field := ZIGGY_FIELD.match(self.text, self.at):  # `.title = ...`
            self.at = field.end() - 1
            return field.group(1)
        if (number := NUMBER.match(self.text, self.at)) and number.group():
            self.at = number.end()
            return number.group()
        return self.match(NAME)

    def array(self, depth: int) -> list[Any]:
        self.at += 1
        items: list[Any] = []
        while True:
            self.skip()
            if self.peek() == "]":
                self.at += 1
                return items
            items.append(self.value(depth + 1))
            self.skip()
            if self.peek() == ",":
                self.at += 1
            elif self.peek() != "]":
                raise NotALiteral("expected ',' or ']'")

    def arguments(self, depth: int) -> tuple[Any, ...]:
        self.skip()
        if self.peek() != "(":
            raise NotALiteral("expected '('")
        self.at += 1
        found: list[Any] = []
        while True:
            self.skip()
            if self.peek() == ")":
                self.at += 1
                return tuple(found)
            found.append(self.value(depth + 1))
            self.skip()
            if self.peek() == ",":
                self.at += 1
            elif self.peek() != ")":
                raise NotALiteral("expected ',' or ')'")

    def string(self, quote: str) -> str:
        self.at += 1
        pieces: list[str] = []
        text = self.text
        while self.at < len(text):
            char = text[self.at]
            if char == quote:
                self.at += 1
                return "".join(pieces)
            if char == "\\" and self.at + 1 < len(text):
                pieces.append(self.escape())
                continue
            if char == "\n" and quote != "`":
                break
            pieces.append(char)
            self.at += 1
        raise NotALiteral("a string is not closed")

    def escape(self) -> str:
        following = self.text[self.at + 1]
        self.at += 2
        if following == "u" and (code := re.match(r"[0-9a-fA-F]{4}", self.text[self.at : self.at + 4])):
            self.at += 4
            return chr(int(code.group(), 16))
        if following == "\n":  # a line continued
            return ""
        return ESCAPES.get(following, following)

    def skip(self) -> None:
        """Past white space and comments."""
        text = self.text
        while self.at < len(text):
            char = text[self.at]
            if char.isspace():
                self.at += 1
            elif text.startswith("//", self.at):
                end = text.find("\n", self.at)
                self.at = len(text) if end < 0 else end
            elif text.startswith("/*", self.at):
                end = text.find("*/", self.at + 2)
                if end < 0:
                    raise NotALiteral("a comment is not closed")
                self.at = end + 2
            else:
                return

    def peek(self) -> str:
        return self.text[self.at] if self.at < len(self.text) else ""

    def match(self, pattern: re.Pattern[str]) -> str:
        found = pattern.match(self.text, self.at)
        if found is None or not found.group():
            raise NotALiteral(f"unexpected {self.peek()!r}")
        self.at = found.end()
        return found.group()


def _number(text: str) -> int | float:
    cleaned = text.replace("_", "")
    try:
        if re.fullmatch(r"[-+]?0[xX][0-9a-fA-F]+", cleaned):
            return int(cleaned, 16)
        return int(cleaned) if re.fullmatch(r"[-+]?\d+", cleaned) else float(cleaned)
    except ValueError:
        raise NotALiteral(f"not a number: {text}") from None
