"""A plain-text mail's text: format=flowed lines joined into their paragraphs (RFC 3676),
the signature under '-- ' left out, and the fields the text readers' mail dialect reads."""

from __future__ import annotations

from email.message import Message

from digest.sources.importer.draft import Declared

SIGNATURE_SEPARATOR = "-- "
# A reply's introduction of its quote: one line, wrapped over a few at the text's width.
MAX_INTRODUCTION_LINES = 3
SENTENCE_ENDS = (".", "!", "?", ":", "\u3002")  # a line of the writer's own ends so; '。' too


def unflowed(text: str, part: Message) -> str:
    """A text sent as format=flowed (RFC 3676) as the paragraphs it stands for: a line ending
    in a space goes on in the next (without that space under delsp=yes), a line's leading
    space is its stuffing. Otherwise a line's trailing spaces would read as Markdown's line
    breaks."""
    if str(part.get_param("format", "")).lower() != "flowed":
        return text
    delete_space = str(part.get_param("delsp", "")).lower() == "yes"
    lines: list[list[str]] = []  # each line's pieces, joined once (a paragraph may run to megabytes)
    flowing = False
    for line in text.split("\n"):
        line = line.removesuffix("\r")
        line = line[1:] if line.startswith(" ") else line
        soft = line.endswith(" ") and line != SIGNATURE_SEPARATOR
        piece = line[:-1] if soft and delete_space else line
        if flowing and lines:
            lines[-1].append(piece)
        else:
            lines.append([piece])
        flowing = soft
    return "\n".join("".join(pieces) for pieces in lines)


def without_signature(text: str) -> str:
    """The text without the signature a mail program writes under a '-- ' line (RFC 3676 4.3):
    the sender's address, a web site, 'Sent with ...', no part of the article."""
    lines = text.split("\n")
    separator = next(
        (i for i in range(len(lines) - 1, 0, -1) if lines[i].rstrip("\r") == SIGNATURE_SEPARATOR), None
    )
    if separator is None or not "\n".join(lines[:separator]).strip():
        return text
    return "\n".join(lines[:separator]).rstrip() + "\n"


def without_quotes(text: str) -> str:
    """A reply's own text: without the lines quoting the answered mail (RFC 3676 4.5: each
    opens with '>') nor the line that introduces the quote, the last one above its first line,
    which the writer's program ends with ':' in the writer's language ('On ... wrote:', 'Le ...
    a écrit :'); wrapped at the text's width (Gmail leaves 'wrote:' on a line of its own), with
    the lines of its paragraph above it that end no sentence. The program writes it once: a
    line ending in ':' above a later quote is the writer's, answering between the quotes. The
    reply may stand above the quote or under it. A text that is all quote is kept whole."""
    kept: list[str] = []
    last_text: int | None = None  # where the last line of text was kept, while no quote was read
    paragraph_start = 0  # where the paragraph of that line starts in `kept`
    quote_read = False
    for line in text.split("\n"):
        if line.startswith(">"):
            if last_text is not None and kept[last_text].rstrip().endswith(":"):
                del kept[
                    _introduction_start(kept, paragraph_start, last_text) :
                ]  # and the blank lines under it
            quote_read, last_text = True, None
            continue
        kept.append(line)
        if line.strip() and not quote_read:
            if last_text is None or last_text < len(kept) - 2:  # the first line, or one after a blank
                paragraph_start = len(kept) - 1
            last_text = len(kept) - 1
    own = "\n".join(kept).strip()
    return own + "\n" if own else text


def _introduction_start(lines: list[str], paragraph_start: int, last: int) -> int:
    """Where the introduction ending at `last` starts: the lines of its paragraph right above
    it that end no sentence (its wrapped start: 'On ... <jo@example.org>'), a few at most."""
    start = last
    while (
        start > paragraph_start
        and last - start < MAX_INTRODUCTION_LINES - 1
        and not lines[start - 1].rstrip().endswith(SENTENCE_ENDS)
    ):
        start -= 1
    return start


def plain_header(declared: Declared, sender: str) -> str:
    """The fields the text readers take from a mail, one line each, then the blank line; none
    without a Subject, which their mail dialect needs (the text's first line is its title then)."""
    if not declared.title:
        return ""
    date = declared.date and declared.date.isoformat()
    fields = (("Subject", declared.title), ("From", sender), ("Date", date))
    return "".join(f"{name}: {value}\n" for name, value in fields if value) + "\n"
