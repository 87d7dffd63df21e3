"""Who wrote a text, when no metadata says so: the signature at its end.

A signature is a sign-off line ("Cheers," "Thanks," "Regards,") or the mail signature
delimiter ("--"), followed by a short name; a closing byline is a last line 'Written by Ann
Lee' (posted, published, authored), perhaps followed by links back to the blog. A copyright
or licence line is never an author, nor is anything with digits, an address or more than
four words.
"""

from __future__ import annotations

import re

SIGN_OFF = re.compile(
    r"^(?:cheers|best|thanks|thank you|regards|best regards|kind regards|warm regards|all the best|"
    r"yours|yours truly|sincerely|warmly|take care|ciao|happy hacking)[,!.]?$",
    re.IGNORECASE,
)
DASHES = re.compile(r"^(?:--|—|–)\s*(.*)$")
NOT_A_NAME = re.compile(
    r"copyright|©|\(c\)|all rights reserved|licen[cs]e|https?:|www\.|@|\d|posted|updated|published",
    re.IGNORECASE,
)
CLOSING_BYLINE = re.compile(r"^(?:written|posted|published|authored)\s+by\s+(.+?)\.?$", re.IGNORECASE)
MAX_LINKS_AFTER = 3
NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|[a-z]{1,3}|&)$")
MARKUP = re.compile(r"[*_`\\]+")


def is_person_name(text: str) -> bool:
    """A short name: one to four words, capitalised (particles such as 'de' or 'van' allowed)."""
    words = text.split()
    if not 1 <= len(words) <= 4 or len(text) > 60 or NOT_A_NAME.search(text):
        return False
    return words[0][:1].isupper() and all(NAME_WORD.match(word) for word in words)


def signature_name(lines: list[str]) -> str | None:
    """The name signing a text, from its last non-blank lines (Markdown emphasis removed)."""
    tail = [MARKUP.sub("", line).strip() for line in lines if line.strip()][-3:]
    for index, line in enumerate(tail):
        following = tail[index + 1 :]
        dashes = DASHES.match(line)
        if dashes and dashes.group(1) and not following and is_person_name(dashes.group(1)):
            return dashes.group(1).strip()  # "-- Ada Lovelace" on one line
        if (dashes and not dashes.group(1)) or SIGN_OFF.match(line):
            name = following[0].rstrip(",.") if following else ""
            if len(following) == 1 and is_person_name(name):
                return name
    return None


def trailing_byline(lines: list[str], links: set[str]) -> str | None:
    """The name in a closing 'Written by Name' line, the last of `lines` (shown text, non-blank)
    but for up to three lines after it that are only links (`links`: 'Back to blog')."""
    tail = list(lines)
    while tail and tail[-1] in links and len(lines) - len(tail) < MAX_LINKS_AFTER:
        tail.pop()
    if not tail or (match := CLOSING_BYLINE.match(tail[-1].strip())) is None:
        return None
    name = match.group(1).strip()
    return name if is_person_name(name) else None
