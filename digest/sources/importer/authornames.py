"""Whether a text is a person's name, and the name a byline's text gives: without its label or
by-word, what follows the name (a date, a place), handles and the site's own name; never a
username, an address, an organisation or a share widget's word."""

from __future__ import annotations

import re

from digest.sources.importer.htmlmeta import is_site_name
from digest.sources.openinglines import BY_PREFIX
from digest.sources.people import NOT_A_NAME, is_person_name

# A byline's label before the name ('Autor: Jan Kowalski', 'Автор: Иван Петров', '作者：张三').
AUTHOR_LABEL = re.compile(
    r"^(?:authors?|autor(?:es|en|a|ka|zy)?|auteurs?|autore|autori|verfasser(?:in)?|yazar|szerző|författare|"
    r"forfatter|kirjoittaja|tekst|texte?|testo|автор(?:ы|и)?|текст|συντάκτης|συγγραφέας|作者|撰文|文|"
    r"بقلم|الكاتب|लेखक|tác giả|ผู้เขียน)\s*[:：]\s*",
    re.IGNORECASE,
)
# An author card's heading before the name ('About Ann Lee', 'À propos de Ann Lee'): the card is about
# the writer; 'About me' and 'About us' head a site's own page and name no one. Not the Nordic
# languages' 'Om', a given name too ('Om Malik').
ABOUT_LABEL = re.compile(r"^(?:about|über|à propos de|acerca de|sobre)\s+(?=\S)", re.IGNORECASE)
NAME_END = re.compile(
    r"\s*(?:\||•|·|—|–|»|›|\s-\s|\n|\bon\s+\w+\.?\s+\d|\b(?:updated|posted|published)\b"
    r"|\s(?:on|am|le|el|il|op|em|den|at)\s+\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b"
    r"|\s(?:at|um|à|om|alle|kl\.?)\s+\d{1,2}[:h]\d{2}\b).*$",
    re.I | re.S,
)
# A company's legal form: a `<meta name=author>` such as 'Example.de GmbH, Munich' names the
# publisher, not a person.
# Dotted forms that read as a person's initials ('James S.A. Corey') are left out.
LEGAL_FORM = re.compile(
    r"(?<![\w.])(?:GmbH|AG|KG|KGaA|e\.\s?V\.|Inc\.|Ltd\.?|LLC|LLP|PLC|plc|SARL|Corp\.|Pty\.?|ApS)(?!\w)"
)
NOT_AN_AUTHOR = re.compile(
    r"^(?:admin|administrator|staff|editor|editors|editorial|username|user|anonymous|guest|unknown|"
    r"webmaster|team|news desk|newsroom|follow|share|tweet|email|print|comments?|sign in|sign up|log in|"
    r"login|register|subscribe|menu|search|home|more|read more|about|contact|me|us|"
    r"by|written by|posted by|published by|story by|words by|von|por|par|door|av|af|"
    r"the|a|an|our|my|your|his|her|their|its|this|that)$",  # 'by the harbour': an article, no account
    re.IGNORECASE,
)
# Given names after a catalogue's comma ('Jong, Michiel de'): capitalised words or initials, then
# the particles that belong before the family name.
GIVEN_NAMES = re.compile(
    r"[A-ZÀ-ÖØ-Þ][\w'’.-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’.-]*)*"
    r"(?:\s+(?:de|van|von|der|den|da|di|du|la|le|del|dos|das|ter|ten|zu))*"
)
BYLINE_MAX_CHARS = 240
# What joins the names of a byline's writers: '&', or 'and' in the languages of the collection's pages.
JOINED_NAMES = re.compile(
    r"\s*&\s*|\s+(?:and|und|et|y|e|en|och|og|ve|a|i|и|і|та|και|và|dan)\s+", re.IGNORECASE
)
# A byline that shows the writer's handle after the name: 'By Ann Lee @annlee on June 26, 2014'.
TRAILING_HANDLES = re.compile(r"(?:\s+\(?\s*@[\w.-]+\s*\)?)+$")
# A hashtag ('#Krótko', '#tides'): a topic or a tag, which a theme may print in its author slot,
# never a person's name. A Markdown heading's '#' has a space after it and is not one.
HASHTAG = re.compile(r"^#[^\W\d_]")


def given_first(value: str) -> str:
    family, comma, given = (part.strip() for part in value.partition(","))
    catalogued = comma and is_name(family) and GIVEN_NAMES.fullmatch(given)
    if not catalogued or NOT_AN_AUTHOR.match(given):
        return value
    return f"{given} {family}"


def is_name(text: str) -> bool:
    """A person's short name by its shape: in Latin letters as `is_person_name` judges it; in
    another script with capitals (Cyrillic, Greek), one to four words each opening with one. A
    script without capitals (Arabic, Devanagari, Han, Hangul) shows no name by its shape: such a
    name is taken only where the page marks it as the author."""
    if re.search(r"[A-Za-z]", text) or not re.search(r"[^\W\d_]", text):
        return is_person_name(text)
    words = text.split()
    if not 1 <= len(words) <= 4 or len(text) > 60 or NOT_A_NAME.search(text):
        return False
    return all(word[0].isupper() for word in words)


def names_people(text: str) -> bool:
    """A name, or two to four joined by '&' or the page's word for 'and' ('Ann Lee & Bob Roe')."""
    if is_name(text):
        return True
    parts = JOINED_NAMES.split(text)
    return 2 <= len(parts) <= 4 and all(is_name(part) for part in parts)


def _caseless(letter: str) -> bool:
    return letter.isalpha() and letter.lower() == letter.upper()


def name_in_byline(candidate: str | None, site_names: list[str]) -> str | None:
    """A byline's names: 'By Ann Lee | City | date' -> 'Ann Lee'; None for a handle, an
    address, a username, the site's own name or anything that is not a name."""
    if not candidate or re.match(r"^\s*(?:https?:|www\.)", candidate):
        return None
    text = BY_PREFIX.sub("", AUTHOR_LABEL.sub("", " ".join(candidate.split()).strip(" ,·|—–-:")))
    text = ABOUT_LABEL.sub("", text)
    text = NAME_END.sub("", BY_PREFIX.sub("", text)).strip(" ,·|—–-:")
    if len(text) <= BYLINE_MAX_CHARS:  # the pattern, anchored at the end, is tried from each space
        text = TRAILING_HANDLES.sub("", text)
    for site in site_names:  # "Dana Ford and Tom Watkins, CNN"
        text = re.sub(rf",\s*{re.escape(site)}$", "", text, flags=re.IGNORECASE)
    if not text or len(text) > 100 or len(text.split()) > 14 or NOT_AN_AUTHOR.match(text):
        return None
    if HASHTAG.match(text):
        return None
    if "@" in text or "://" in text or re.search(r"\d{2}", text) or is_site_name(text, site_names):
        return None
    if LEGAL_FORM.search(text):
        return None  # a company: the publisher
    if not any(letter.isupper() or _caseless(letter) for letter in text):
        return None  # a lower-case username, not a name
    return text
