"""The one error type for everything a user can fix, and the findings checks report.

The library raises these; only the CLI knows how they reach a terminal.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Literal


class DigestError(Exception):
    """A problem in the user's content, configuration or environment.

    The message names the file (and line where known) and says what to do.
    The CLI prints it on one line and exits with `exit_code`: 1, or 2 for a command that
    names something that is not there (a usage error).
    """

    exit_code = 1

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None) -> None:
        self.problem = message  # without the location, to raise it again elsewhere
        self.path = Path(path) if path is not None else None
        self.line = line
        self.message = _locate(message, self.path, line)
        super().__init__(self.message)

    def __reduce__(self) -> tuple[type[DigestError], tuple[object, ...]]:
        """Pickled as it was made, so a worker process can hand it back whole."""
        return type(self), (self.problem, self.path, self.line)


class ConfigError(DigestError):
    """digest.toml is missing a value, has a wrong type or an unknown key."""


class RefusedOption(ConfigError):
    """A value given on the command line that digest refuses: a usage error (exit code 2),
    as a malformed value that Click refuses itself."""

    exit_code = 2


class ContentError(DigestError):
    """A review or issue file cannot be read or is incomplete."""


class TemplateError(DigestError):
    """A template (built-in or the user's) fails to render or compile."""


class CheckFailed(DigestError):
    """Checks found errors; the build is not exported. `findings` holds every one of them."""

    def __init__(self, message: str, findings: Sequence[Finding] = ()) -> None:
        super().__init__(message)
        self.findings = list(findings)

    @classmethod
    def stopping(cls, findings: Sequence[Finding], strict: bool, consequence: str) -> CheckFailed:
        """The short closing line under the findings table: how many stopped what."""
        errors = sum(f.severity == "error" for f in findings)
        if errors or not strict:
            what = plural(errors, "error")
        else:
            what = plural(sum(f.severity == "warning" for f in findings), "warning") + " (--strict)"
        return cls(f"{what} in the table above: {consequence}", findings)


# Characters a terminal acts on instead of showing (escape sequences, bidi overrides,
# line separators): a crafted file name must not clear the screen or fake a message.
_UNSHOWABLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_NOT_PLAIN = re.compile(r"[^\x20-\x7e]")


def printable(text: str, keep: str = "") -> str:
    """`text` with every character a terminal would act on written as an escape (\\x1b,
    \\u202e); the characters in `keep` (such as a newline) stay as they are."""

    def escape(match: re.Match[str]) -> str:
        char = match.group(0)
        if char in keep or unicodedata.category(char) not in _UNSHOWABLE_CATEGORIES:
            return char
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"

    return _NOT_PLAIN.sub(escape, text)


# A message's length on a terminal: a value quoted from a file (a name, a date, a line of
# digest.toml) may be a megabyte long, and would bury the line's start (the file and line)
# and end (what to do). Longer lines keep both ends and say how much was left out between.
MAX_SHOWN = 2_000
_SHOWN_HEAD = 1_200


def one_line(text: str) -> str:
    """`text` as printable() writes it, at most about MAX_SHOWN characters."""
    shown = printable(text)
    if len(shown) <= MAX_SHOWN:
        return shown
    tail = MAX_SHOWN - _SHOWN_HEAD
    left_out = len(shown) - MAX_SHOWN
    return f"{shown[:_SHOWN_HEAD]} [... {left_out:,} characters left out ...] {shown[-tail:]}"


# A value quoted from the user's files into a message (a title, a path, a setting, a tag) is
# cut to about this many characters, so the message around it stays readable on one line.
MAX_QUOTED = 200


def quoted(value: object, limit: int = MAX_QUOTED) -> str:
    """`value` quoted as Python writes it ('x', control characters as escapes), its middle
    left out where that is longer than `limit` characters: its start and end kept, '...'
    between, each at most half the limit as written (an escape takes four)."""
    if isinstance(value, PurePath):
        value = str(value)
    whole = repr(value)
    if len(whole) <= limit + 2:
        return whole
    if not isinstance(value, str):  # a number, a list: as Python writes it, cut
        return shortened(whole, limit)
    text = value
    half = limit // 2
    head, tail = text[:half], text[-half:]
    while len(repr(head)) > half + 2:
        head = head[: len(head) * 3 // 4]
    while len(repr(tail)) > half + 2:
        tail = tail[len(tail) // 4 :]
    return repr(f"{head}...{tail}")


def unquoted(value: str, limit: int = MAX_QUOTED) -> str:
    """`value` as a message shows it without quotes (an address: `link https://...`), cut as
    quoted() cuts: control characters as escapes, its middle left out past `limit` characters."""
    return shortened(printable(value), limit)


def shortened(text: str, limit: int = MAX_QUOTED) -> str:
    """`text`, its middle left out where it is longer than `limit` characters: its start and
    end kept, '...' between."""
    if len(text) <= limit:
        return text
    return f"{text[: limit // 2]}...{text[-(limit // 2) :]}"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _locate(message: str, path: Path | None, line: int | None) -> str:
    if path is None:
        return f"line {line}: {message}" if line else message
    where = f"{path}:{line}" if line else str(path)
    return f"{where}: {message}"


Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """One result of a check: an error blocks the export, a warning does not (unless --strict)."""

    severity: Severity
    check: str
    message: str
    path: Path | None = None
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.severity}: {_locate(self.message, self.path, self.line)} [{self.check}]"


def format_findings(findings: Sequence[Finding]) -> str:
    """Findings as an aligned table for the terminal: check, severity, where, and what to do."""
    if not findings:
        return "All checks passed."
    rows = [("check", "severity", "message")]
    rows += [(f.check, f.severity, one_line(_locate(f.message, f.path, f.line))) for f in findings]
    check_width = max(len(row[0]) for row in rows)
    severity_width = max(len(row[1]) for row in rows)
    return "\n".join(
        f"{check:<{check_width}}  {severity:<{severity_width}}  {message}"
        for check, severity, message in rows
    )
