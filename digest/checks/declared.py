"""Where a declaration is written in the theme, found by scanning rather than by a regular
expression per declaration.

`EmailSources.declaration(name, value)` compiles two case-insensitive patterns for each
declaration and searches every theme file with them; the client report asks it about
a hundred declarations an email, and compiling and running those patterns was a fifth
of the report's time. `DeclarationFinder.find` gives the same answer (the tests compare
the two on random texts) by looking for the property name in the lowercased file and
checking what follows each occurrence. Where lowercasing could disagree with the
patterns' case-insensitive matching (non-ASCII names or values, or a file holding one
of the four characters that match an ASCII letter only case-insensitively), it asks
`EmailSources.declaration` itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from digest.checks.origins import EmailSources, Location, SourceFile

# Outside ASCII, these match an ASCII letter case-insensitively (İ ı: i, ſ: s, K: k), and
# İ is the only character whose lowercase is longer than itself.
_FOLDS_INTO_ASCII = "\u0130\u0131\u017f\u212a"
_AFTER_VALUE = frozenset(";}\"'!")
_QUOTES = frozenset("\"'")


class DeclarationFinder:
    """The first place each `name: value` (or MJML's `name="value"`) is written in the theme."""

    def __init__(self, sources: EmailSources) -> None:
        self.sources = sources
        self._folded = {source.path: _fold(source.text) for source in sources.theme}

    def find(self, name: str, value: str, important: str | None = None) -> Location | None:
        """What `sources.declaration(name, value)` finds: CSS first, in each theme file in
        turn, then the MJML attribute. With `important` (how the declaration's `!important`
        is written, " !IMPORTANT" with the space before it, or "" for none), a declaration
        written so is preferred to the first one with the same value."""
        parts = value.split()
        folded = [self._folded[source.path] for source in self.sources.theme]
        if not (name.isascii() and all(part.isascii() for part in parts)) or None in folded:
            return self.sources.declaration(name, value)
        name, parts = name.lower(), [part.lower() for part in parts]
        if important is not None:
            for source in self.sources.theme:
                text = source.text
                for at in _starts(text, self._folded[source.path] or "", name, parts):
                    if _importance_at(text, _value_end(text, at + len(name), parts), important):
                        return Location(source.path, text.count("\n", 0, at) + 1)
        for attribute in (False, True):
            for source in self.sources.theme:
                start = _first_at(source.text, self._folded[source.path] or "", name, parts, attribute)
                if start is not None:
                    return Location(source.path, source.text.count("\n", 0, start) + 1)
        return None

    def may_hold(self, source: SourceFile, words: Sequence[str]) -> bool:
        """False only where no case-insensitive search for the words in sequence can match."""
        folded = self._folded.get(source.path)
        if folded is None or not all(word.isascii() for word in words):
            return True
        return all(word.lower() in folded for word in words)


def _fold(text: str) -> str | None:
    return None if any(character in text for character in _FOLDS_INTO_ASCII) else text.lower()


def _starts(
    text: str, folded: str, name: str, parts: Sequence[str], attribute: bool = False
) -> Iterator[int]:
    """Where each CSS declaration of `name: value` starts."""
    start = folded.find(name)
    while start >= 0:
        after_word = start == 0 or not _is_word(text[start - 1])
        if after_word and _declares(text, folded, start + len(name), parts, attribute):
            yield start
        start = folded.find(name, start + 1)


def _value_end(text: str, at: int, parts: Sequence[str]) -> int:
    """Where the value of a declaration whose name ends at `at` ends (it is known to match)."""
    at = _skip_space(text, at) + 1  # the colon
    for part in parts:
        at = _skip_space(text, at) + len(part)
    return at


def _importance_at(text: str, at: int, important: str) -> bool:
    """Whether the value ending at `at` is followed by `important` as written (" !IMPORTANT",
    "!important" with no space before it, or "" for a declaration that is not important)."""
    end = _skip_space(text, at)
    if not important:
        return end >= len(text) or text[end] != "!"
    spaced = important.startswith(" ")
    if end >= len(text) or text[end] != "!" or spaced != (end > at):
        return False
    word = important.strip().removeprefix("!")
    start = _skip_space(text, end + 1)
    return text[start : start + len(word)] == word and not _is_word(
        text[start + len(word) : start + len(word) + 1] or " "
    )


def _first_at(text: str, folded: str, name: str, parts: Sequence[str], attribute: bool) -> int | None:
    """Where the first declaration starts, or None."""
    return next(_starts(text, folded, name, parts, attribute), None)


def _declares(text: str, folded: str, at: int, parts: Sequence[str], attribute: bool) -> bool:
    """Whether `:value` (or `="value"`) follows the property name ending at `at`."""
    at = _skip_space(text, at)
    if at >= len(text) or text[at] != ("=" if attribute else ":"):
        return False
    at += 1
    if attribute:
        at = _skip_space(text, at)
        if at >= len(text) or text[at] not in _QUOTES:
            return False
        at += 1
    for part in parts:
        at = _skip_space(text, at)
        if folded[at : at + len(part)] != part:
            return False
        at += len(part)
    end = _skip_space(text, at)
    if attribute:
        return end < len(text) and text[end] in _QUOTES
    # The value ends at a delimiter, at the end of a line or at the end of the file.
    return end == len(text) or text[end] in _AFTER_VALUE or "\n" in text[at:end]


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at].isspace():
        at += 1
    return at


def _is_word(character: str) -> bool:
    return character.isalnum() or character in "_-"
