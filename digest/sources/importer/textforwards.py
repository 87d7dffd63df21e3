"""A newsletter forwarded inline in a plain-text mail: the line each program opens the
forward with (Outlook's, Gmail's, Apple Mail's), its field lines, and the forwarded text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from email.utils import formataddr, getaddresses

from digest.sources.importer.draft import Declared
from digest.sources.importer.forwardfields import (
    APPLE_DATES,
    MAX_FORWARD_FIELDS,
    OUTLOOK_DATES,
    forward_declared,
    gmail_date,
    names_a_sender,
    shown_date,
)
from digest.sources.importer.mailheaders import one_line

# A text forward's opening line: Outlook's five dashes around its words ('-----Original
# Message-----', in the forwarder's language) or its rule of underscores; Gmail's ten and nine.
OUTLOOK_TEXT_FORWARD = re.compile(r"-{5}[^-\n]+-{5}|_{20,}")
GMAIL_TEXT_FORWARD = re.compile(r"-{8,} ?[^-\n]+ ?-{8,}")
FIELD_LINE_TEXT = re.compile(r"(?P<label>[^\s:>][^:\n]{0,40}):[ \t]*(?P<value>[^\n]{0,2000})")
MAX_OPENING_LINE = 120


def text_forward(text: str, declared: Declared) -> tuple[str, Declared, str] | None:
    """A text forwarded inline: the forwarded mail's text, what its fields declare and its sender
    (as a From field). Each program opens the forward with a line of its own and writes the
    fields, one a line, in its own order, in the forwarder's language: Outlook five dashes around
    words (or a rule of underscores), then From, Sent, To, Cc, Subject last; Gmail dashes around
    words, then From, Date, Subject, To; Apple Mail a line ending in ':' and a blank one, then
    From, Subject, Date, To, the whole forward quoted. From names a sender (`names_a_sender`), and
    Apple's To an address."""
    lines = text.split("\n")
    for _, program, quoted, fields, end in _forward_blocks(lines):
        while end < len(lines) and not _content(lines[end], quoted):
            end += 1
        if end == len(lines):  # fields over no text: the note is all there is to read
            return None
        body = "\n".join(_unquoted(line) if quoted and line.startswith(">") else line for line in lines[end:])
        return body, *_declared_by(program, fields, declared.date)
    return None


def quoted_mail_line(text: str) -> int | None:
    """The line where a reply's quote of the answered mail opens, by the same forms a forward
    opens with (Outlook's, Yahoo's and AOL's '-----Original Message-----' in the writer's
    language, then its fields); None where the text holds no such block."""
    return next((number for number, *_ in _forward_blocks(text.split("\n"))), None)


def _forward_blocks(lines: list[str]) -> Iterator[tuple[int, str, bool, list[str], int]]:
    """Each line that opens a forward's block (its number, the program that writes it, whether
    the block is quoted), with the block's field values and the line after them."""
    for number, line in enumerate(lines):
        quoted = line.startswith(">")
        program = _forward_program(_content(line, quoted))
        if program is None:
            continue
        start = number + 1
        while (
            program == "apple" and start < min(len(lines), number + 3) and not _content(lines[start], quoted)
        ):
            start += 1  # Apple's blank line under its forward line
        fields, end = _field_lines(lines, start, quoted)
        if fields is not None and _fields_fit(program, fields):
            yield number, program, quoted, fields, end


def _forward_program(line: str) -> str | None:
    """Which program writes this line above a forward's fields, by its form."""
    if OUTLOOK_TEXT_FORWARD.fullmatch(line):
        return "outlook"
    if GMAIL_TEXT_FORWARD.fullmatch(line):
        return "gmail"
    return "apple" if line.endswith(":") and len(line) <= MAX_OPENING_LINE else None


def _field_lines(lines: list[str], start: int, quoted: bool) -> tuple[list[str] | None, int]:
    """The values of the field lines from `start` to the first that is none (each label once),
    and where they end; None where there are not a few of them."""
    values: list[str] = []
    labels: set[str] = set()
    end = start
    for line in lines[start : start + MAX_FORWARD_FIELDS + 1]:
        if quoted and not line.startswith(">"):
            break
        field = FIELD_LINE_TEXT.fullmatch(_content(line, quoted))
        if field is None or field.group("label").lower() in labels:
            break
        labels.add(field.group("label").lower())
        values.append(" ".join(field.group("value").split()))
        end += 1
    return (values if 4 <= len(values) <= MAX_FORWARD_FIELDS else None), end


def _fields_fit(program: str, fields: list[str]) -> bool:
    return names_a_sender(fields[0]) and (program != "apple" or "@" in fields[3])


def _declared_by(program: str, fields: list[str], forwarded_at: datetime | None) -> tuple[Declared, str]:
    if program == "outlook":
        subject, sent = fields[-1], shown_date(fields[1], OUTLOOK_DATES, forwarded_at)
    elif program == "gmail":
        subject, sent = fields[2], gmail_date(fields[1], forwarded_at)
    else:
        subject, sent = fields[1], shown_date(fields[2], APPLE_DATES, forwarded_at)
    sender = ", ".join(formataddr((one_line(n), a)) for n, a in getaddresses([fields[0]]) if a)
    return forward_declared(subject, fields[0], sent), sender


def _content(line: str, quoted: bool) -> str:
    """A line's words: without its quote mark in a quoted forward, without the spaces around."""
    return (_unquoted(line) if quoted and line.startswith(">") else line).strip()


def _unquoted(line: str) -> str:
    """A line without its quote mark, '> ' or '>'."""
    return line[2:] if line.startswith("> ") else line[1:]
