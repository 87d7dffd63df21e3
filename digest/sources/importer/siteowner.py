"""The person a site belongs to: the writer a weblog is named after (its name, or the name
its title ends with, shown with a date, signing the footer or linking home), and the name the
footer's copyright line signs, which the declared creator's handle spells."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin, urlparse

from digest.sources.dates import find_in_text
from digest.sources.importer.authornames import is_name
from digest.sources.importer.htmlmeta import PageFacts, is_site_name
from digest.sources.importer.pageblocks import heading_text
from digest.sources.importer.pageparts import in_comments
from digest.sources.importer.pagetitle import WRAPPING, is_wordy, title_segments

FOOTER_MARKS = frozenset({"footer", "copyright"})  # id or class words of a page's footer
# A person speaking of themselves, in the page's language (English where it declares none): one
# language's 'my' is another's everyday word ('Mon-Fri' in English, Spanish 'al mes'). English 'I'
# opens a sentence or follows a word in lower case: after a capitalised one it is a numeral ('Part I').
FIRST_PERSON = {
    "en": re.compile(r"(?:(?:^|[.!?:;,]\s+|(?<!\w)[a-z][\w'’-]*\s+)I|(?<!\w)(?i:my|me|mine|myself))(?!\w)"),
    "de": re.compile(r"(?<!\w)(?i:ich|mein|meine|mir|mich)(?!\w)"),
    "fr": re.compile(r"(?<!\w)(?i:je|moi|mon|mes)(?!\w)"),
    "es": re.compile(r"(?<!\w)(?i:yo|mis)(?!\w)"),
}
INLINE = frozenset({"a", "span", "strong", "em", "b", "i", "small", "abbr", "time", "cite"})


def blog_owner(facts: PageFacts, base_url: str | None) -> str | None:
    """The person a blog is named after, when the page names nobody else: the name the shared
    title adds after the headline ('Voice interfaces • Dustin Curtis'), shown again as the link
    to the site's home page or signed in the page's footer ('© 2010 by Dustin Curtis'), or the
    one its `<meta name=author>` declares (left out before as the site's own name) and the page
    shows beside a date ('Ann Lee, April 19, 2020') and as the link home; never the site's
    address or declared name (a brand's own name)."""
    headlines = {text for h in facts.document.xpath("//h1") if (text := heading_text(h)) and is_wordy(text)}
    titles = [facts.meta("og:title"), facts.meta("twitter:title")]
    headlines |= {title for title in titles if title and is_wordy(title)}  # a headline in an <h2>
    titles += [" ".join(t.text_content().split()) for t in facts.document.xpath("//head/title")]
    for title in titles:
        for headline in headlines:
            if not (name := _name_after_headline(title, headline)):
                continue
            if _names_home(facts, name, base_url) or _signed_in_footer(facts, name):
                return name
    declared = facts.meta("author")
    if not declared or not 2 <= len(declared.split()) <= 4 or not is_name(declared):
        return None
    shown = _names_home(facts, declared, base_url) and _shown_with_a_date(facts, declared)
    return declared if shown else None


def _name_after_headline(title: str | None, headline: str) -> str | None:
    """The person's name a shared title ends with after the headline: 'Headline • Ann Lee',
    'Headline :: Blog name — Ann Lee', 'Headline « Ann Lee' (segments as `title_segments` cuts them)."""
    if not title or not title.startswith(headline):
        return None
    segments = title_segments(title)
    if not WRAPPING.match(title[len(headline) :]) and not (len(segments) >= 2 and segments[0] == headline):
        return None
    name = segments[-1]
    return name if 2 <= len(name.split()) <= 4 and is_name(name) else None


def _signed_in_footer(facts: PageFacts, name: str) -> bool:
    """Whether the page's footer (a <footer>, or a block whose id or class says footer or
    copyright) shows `name`, the site's owner as its copyright line names them. A name that is
    the site's declared name or address ('Ann Lee' at annlee.example) is a brand's as much as a
    person's, and counts only where the footer's line holding it speaks as I ('Copyright Ann
    Lee. The opinions here are my own'): a person's site, where a brand's footer says 'we'."""
    own = is_site_name(name, facts.site_names)
    words = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
    for element in facts.document.xpath("//footer | //*[@id or @class]"):
        marks = set(re.split(r"[^a-z]+", f"{element.get('id', '')} {element.get('class', '')}".lower()))
        footer = element.tag == "footer" or marks & FOOTER_MARKS
        signed = footer and words.search(" ".join(element.text_content().split()))
        if signed and (not own or _signs_as_i(element, words, facts.language)):
            return True
    return False


def _signs_as_i(footer: Any, name: re.Pattern[str], language: str) -> bool:
    """Whether a block of the footer (its paragraph, not the whole footer) names the person and
    speaks in the first person singular in the page's `language` ('my own', 'ich', 'mes')."""
    first_person = FIRST_PERSON.get(language.split("-")[0].lower() or "en")
    if first_person is None:
        return False
    for node in footer.xpath(".//text()"):
        if not name.search(" ".join(str(node).split())):
            continue
        block = node.getparent()
        while block is not None and block is not footer and block.tag in INLINE:
            block = block.getparent()
        if block is not None and first_person.search(" ".join(block.text_content().split())):
            return True
    return False


def _shown_with_a_date(facts: PageFacts, name: str) -> bool:
    """Whether a short text of the page opens with `name` and goes on to a date: a byline."""
    for node in facts.document.xpath("//body//text()[normalize-space()]"):
        text = " ".join(str(node).split())
        if len(text) > 120 or not text.startswith(name):
            continue
        holder = node.getparent()
        if holder is not None and not in_comments(holder) and find_in_text(text[len(name) :]):
            return True
    return False


def _names_home(facts: PageFacts, name: str, base_url: str | None) -> bool:
    """Whether a link to the site's home page reads `name`, and the site's address does not."""
    if base_url is None:
        return False
    home = urlparse(base_url)
    host = re.sub(r"^www\d?\.", "", home.netloc.split(":")[0].lower())
    if is_site_name(name, [host, host.split(".")[0]]):  # the address, not a handle that spells the name
        return False
    for link in facts.document.xpath("//a[@href]"):
        try:
            target = urlparse(urljoin(base_url, link.get("href").strip()))
        except ValueError:  # a malformed IPv6 host: no link home
            continue
        same_host = target.netloc.lower() == home.netloc.lower()
        if same_host and target.path in ("", "/") and " ".join(link.text_content().split()) == name:
            return True
    return False


def footer_signatory(facts: PageFacts) -> tuple[str, str] | None:
    """The person the page's footer signs for ('Copyright © Ann Lee') whose name the page's
    declared creator (`twitter:creator`, the writer's account) spells ('@annlee', '@alee',
    '@ann'), with that handle: the writer of a one-writer site, when nothing else names one.
    Never a creator that is the site's own account (`twitter:site`), nor the site's name."""
    creator = _handle_letters(facts.meta("twitter:creator"))
    if not creator or creator == _handle_letters(facts.meta("twitter:site")):
        return None
    for element in facts.document.xpath("//footer | //*[@id or @class]"):
        marks = set(re.split(r"[^a-z]+", f"{element.get('id', '')} {element.get('class', '')}".lower()))
        if element.tag != "footer" and not marks & FOOTER_MARKS:
            continue
        for name in _capitalised_runs(" ".join(element.text_content().split())):
            if _spells(creator, name) and is_name(name) and not is_site_name(name, facts.site_names):
                return name, f"@{creator}"
    return None


# A copyright line that signs with a name in lower case, as some writers write theirs: '© 2014-2021 ann lee'.
LOWER_CASE_SIGNATURE = re.compile(
    r"^(?:©|\((?i:c)\)|(?i:copyright))\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s+)?(?:by\s+)?"
    r"(?P<name>[a-z][a-z'’-]*(?:\s+[a-z][a-z'’-]*){1,3})$"
)


def lower_case_signatory(facts: PageFacts) -> tuple[str, str] | None:
    """The person the footer's copyright line signs for in lower case ('© 2014-2021 ann lee'), with
    the address of a profile elsewhere that spells the name ('…/in/ann-lee-b05452'): lower-case
    words are a username's shape, and the profile's address says they are a name. Never a line
    that says more than the years and the name, nor a page of the site's own ('/tags/ann-lee')."""
    for element in facts.document.xpath("//footer | //*[@id or @class]"):
        marks = set(re.split(r"[^a-z]+", f"{element.get('id', '')} {element.get('class', '')}".lower()))
        if element.tag != "footer" and not marks & FOOTER_MARKS:
            continue
        for node in element.xpath(".//text()"):
            signed = LOWER_CASE_SIGNATURE.match(" ".join(str(node).split()))
            if signed and (profile := _profile_spelling(facts, signed.group("name"))):
                return signed.group("name"), profile
    return None


# The folder a site keeps its people's profiles in ('linkedin.com/in/ann-lee', '/people/ann-lee'):
# a company's page spells a name as a person's does ('linkedin.com/company/tide-works'), and an
# account at the site's root may be a person's or an organisation's (GitHub's, a social site's),
# so only these name a person.
PERSON_PROFILE_FOLDERS = frozenset(
    {"in", "pub", "people", "person", "profile", "profiles", "user", "users", "u", "member", "members"}
)


def _profile_spelling(facts: PageFacts, name: str) -> str | None:
    """A link to a person's profile on another site whose address ends with the name's words
    joined by hyphens ('/in/ann-lee', '/in/ann-lee-b05452')."""
    own_host = urlparse(facts.address or "").netloc.lower()
    slug = "-".join(re.sub(r"[^a-z-]", "", word) for word in name.split())
    for link in facts.document.xpath("//a[@href]"):
        try:
            target = urlparse(link.get("href").strip())
        except ValueError:
            continue
        if not target.netloc or target.netloc.lower() == own_host:
            continue
        folder, _, last = target.path.rstrip("/").lower().rpartition("/")
        if folder.rpartition("/")[2] not in PERSON_PROFILE_FOLDERS:
            continue
        if last == slug or last.startswith(f"{slug}-"):
            return str(link.get("href").strip())
    return None


def _handle_letters(handle: str | None) -> str:
    return re.sub(r"[^a-z]", "", handle.lower()) if handle and handle.strip().startswith("@") else ""


NAME_WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*\.?")  # 'Ann', 'B.', 'O’Neil', 'Jean-Luc'; no 'site.comYouTube'


def _capitalised_runs(text: str) -> Iterator[str]:
    """Runs of two to four capitalised words (initials too) in a text, longest first at each
    start: 'Copyright © Ann B. Lee. Some rights' gives 'Ann B. Lee', 'Ann B.', 'B. Lee'..."""
    words = text.split()
    for start in range(len(words)):
        for end in range(min(len(words), start + 4), start + 1, -1):
            run = [word.rstrip(",;:") for word in words[start:end]]
            inner = [word for word in run[:-1] if word.endswith(".") and len(word) > 2]  # a sentence ends
            shaped = all(word[:1].isupper() and NAME_WORD.fullmatch(word) for word in run)
            if shaped and not inner:
                yield " ".join(run).rstrip(".") if len(run[-1]) > 2 else " ".join(run)


def _spells(handle: str, name: str) -> bool:
    """Whether an account's letters spell a name: whole ('annlee'), initial and family name
    ('alee'), or the given name of four letters or more ('anne'; 'ann' is too short to tell)."""
    words = [re.sub(r"[^a-z]", "", word.lower()) for word in name.split()]
    words = [word for word in words if word]
    if len(words) < 2:
        return False
    return handle in ("".join(words), words[0][0] + words[-1]) or (len(handle) >= 4 and handle == words[0])
