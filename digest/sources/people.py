"""Who wrote a text, when no metadata says so: the signature at its end.

A signature is a sign-off line ("Cheers," "Thanks," "Regards,") or the mail signature
delimiter ("--"), followed by a short name; a closing byline is a last line 'Written by Ann
Lee' (posted, published, authored), perhaps followed by links back to the blog. A copyright
or licence line is never an author, nor is anything with digits, an address or more than
four words.

A byline line near the top ('**Author**: Ann Lee') may carry its label in the site's language
('**Autores**: ...', 'Auteur :', '作者：'), and the writer's role after a comma ('Ann Lee, SIG Docs
Co-Chair'), which is no name. A line that opens with 'By' names a person only when a person's
name follows ('By Ann Lee'; not 'By Design', 'By the Numbers', 'By The Numbers').
"""

from __future__ import annotations

import re
from collections.abc import Callable

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
# The label of a byline line in the languages the collection's translated blogs use: English,
# Portuguese and Spanish, French, German, Italian, Dutch, Polish, Russian and Ukrainian, Chinese
# and Japanese, Korean.
AUTHOR_LABEL = (
    r"(?:authors?|author\(s\)|by|(?:written|created|posted|published) by"
    r"|autor(?:a|es|as|in|innen|en|zy|ka)?|escrito por|auteure?s?|[ée]crit par|geschrieben von"
    r"|autore|autori|autrice|авторы?|автори|作者|著者|筆者|저자|글쓴이|작성자)"
)
BYLINE_LINE = re.compile(rf"^{AUTHOR_LABEL}[ \t]*[:：][ \t]*(.+)$", re.IGNORECASE)
# Each tried only from the start of a run of blanks ('(?<!\s)'): tried from each blank of the
# run, as a search does, a run of 20,000 spaces in a byline was read 20,000 times (36 seconds).
NAMES_JOINED = re.compile(r"(?<!\s)\s+(?:and|&|e|y|et|und|en|i|и)\s+", re.IGNORECASE)
AFFILIATION = re.compile(r"(?<!\s)\s*\([^()]*\)\s*$")  # 'Bob Killen (Google)'
DETERMINERS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "our", "my", "your", "his", "her", "its"}
    | {"their", "every", "all", "any", "no", "some"}
)


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


# The word for 'by' before a writer's name in a byline without a label's colon, in languages of
# `AUTHOR_LABEL`: 'By Ann Lee', 'Von Anna Weber', 'Par Jean Dupont', 'Por Ana Ruiz', 'di Mario
# Rossi', 'door Eva de Vries', 'Av Anna Berg', 'Af Anna Berg'. The last such word of the line.
UNLABELLED_BYLINE = re.compile(r"^(?:(.*)\s)?(by|von|par|por|di|door|av|af)\s+(\S.*?)[.,]?$", re.IGNORECASE)
BYLINE_MAX_CHARS = 160  # a byline is a short line: a long one is prose
# Each other language's 'by', with the languages that write it and their verbs of writing: it is
# a common word or a name's particle elsewhere ('Door Prizes', 'Par Avion', 'Von Ryan'), so it
# opens a byline in a text written in its language, or after its own language's verb
# ('Geschrieben am 3. März 2021 von Anna Weber'). English 'by' opens one in any text.
FOREIGN_BY: dict[str, tuple[frozenset[str], str]] = {
    "von": (frozenset({"de"}), "geschrieben|verfasst"),
    "par": (frozenset({"fr"}), "[ée]crit|publi[ée]"),
    "por": (frozenset({"es", "pt", "gl"}), "escrito|publicado"),
    "di": (frozenset({"it"}), "scritto"),
    "door": (frozenset({"nl"}), "geschreven"),
    "av": (frozenset({"sv", "nb", "nn", "no"}), "skriven|skrevet"),
    "af": (frozenset({"da"}), "skrevet"),
}
# What may stand before the 'by' of an undated byline: the verb of writing ('Written by Ann Lee').
WRITING_VERB = re.compile(
    "(?:written|posted|published|authored|" + "|".join(verbs for _, verbs in FOREIGN_BY.values()) + ")",
    re.IGNORECASE,
)


def unlabelled_byline(line: str, *, dated: Callable[[str], bool], language: str = "en") -> str | None:
    """The names in a byline written without a label's colon: 'By Ann Lee' alone, 'Written by
    Ann Lee', or after the date the line gives ('Posted on March 4, 2021 by Ann', 'Geschrieben
    am 3. März 2021 von Anna Weber'; `dated` tells a date line, asked only of a line with other
    words before its 'by'); None for any other line ('Photo by Ann Lee' credits a picture).
    Alone or after the verb, 'by' must be followed by people's full names ('By the Numbers',
    'By Design' are titles); after a date the line is a byline already, and a one-word display
    name is a name too. `language`: the text's (a tag: 'nl', 'fr-FR'), which decides which other
    language's 'by' counts (`FOREIGN_BY`)."""
    match = UNLABELLED_BYLINE.match(line.strip()) if len(line) <= BYLINE_MAX_CHARS else None
    if match is None:
        return None
    lead, names = (match.group(1) or "").strip(), match.group(3).strip()
    if not by_word_counts(match.group(2), language, lead):
        return None
    written = WRITING_VERB.fullmatch(lead) is not None
    after_a_date = bool(lead) and not written and dated(line)
    if lead and not (written or after_a_date):
        return None
    people = [AFFILIATION.sub("", name) for name in NAMES_JOINED.split(names) if name.strip()]
    judge = is_person_name if after_a_date else is_byline_name
    return names if people and all(judge(person) for person in people) else None


def by_word_counts(word: str, language: str, lead: str = "") -> bool:
    """Whether a byline's 'by' word is one in this text: English's always, another language's
    in a text of that language (any, where `language` is "", unknown) or after that language's
    verb of writing (`lead`, the words before it)."""
    if word.lower() not in FOREIGN_BY or not language:
        return True
    languages, verbs = FOREIGN_BY[word.lower()]
    primary = language.replace("_", "-").split("-")[0].lower()
    return primary in languages or re.match(rf"(?:{verbs})\b", lead, re.IGNORECASE) is not None


def labelled_byline(line: str) -> str | None:
    """The names in a byline line ('Author: Ann Lee', '**Autores**: A (Co), B (Co)', Markdown
    marks already gone), without the writer's role after a comma; None for any other line."""
    match = BYLINE_LINE.match(line)
    return without_roles(match.group(1).strip()) if match else None


def without_roles(names: str) -> str:
    """'Natali Vlatko, SIG Docs Co-Chair' -> 'Natali Vlatko': the comma-separated parts that name
    no person leave, where the first part names one; 'Ann Lee, Bo Chen and Cy Dee' stays."""
    parts = [part.strip() for part in names.split(",") if part.strip()]
    named = [part for part in parts if _names_people(part)]
    if len(parts) < 2 or not named or named[0] is not parts[0] or len(named) == len(parts):
        return names
    return ", ".join(named)


def _names_people(part: str) -> bool:
    people = [AFFILIATION.sub("", name) for name in NAMES_JOINED.split(part) if name.strip()]
    return bool(people) and all(is_person_name(person) for person in people)


# English words that join a title's words and no name's: a name's lower-case words are particles
# ('de', 'van', 'bin'). Not 'and', which joins two people's names in a byline ('By Ann and Bo').
JOINING_WORDS = frozenset({"of", "or", "to", "in", "on", "for", "at", "is", "with", "vs"})


def is_byline_name(text: str) -> bool:
    """A name as a byline gives it: a person's name of two to four words whose first is no
    article or determiner and none a word that joins a title's ('Ann Lee', 'Ann de Vries'; not
    'Design', 'The Numbers', 'Table of Contents')."""
    words = AFFILIATION.sub("", text).split()
    return (
        len(words) >= 2
        and words[0].lower() not in DETERMINERS
        and not JOINING_WORDS.intersection(words)
        and is_person_name(" ".join(words))
    )
