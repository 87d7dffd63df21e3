"""Who wrote a saved page's article: the author it declares (JSON-LD, `<meta>` names, Dublin
Core), checked against the names it shows its readers (`bylines`), which stand in for a
declared author that is a handle, an organisation, a section or the site's designer."""

from __future__ import annotations

import re
from itertools import islice
from typing import Any
from urllib.parse import urlparse

from digest.sources.dates import find_in_text
from digest.sources.importer.authornames import (
    BYLINE_MAX_CHARS,
    NOT_AN_AUTHOR,
    given_first,
    is_name,
    name_in_byline,
)
from digest.sources.importer.bylines import (
    DESIGN_CREDIT,
    NOT_BYLINE_CONTEXT,
    REPORTER_SIGNATURE,
    date_led_name,
    dated_byline,
    dateline_author,
    footer_author,
    marked_bylines,
)
from digest.sources.importer.htmlmeta import PageFacts
from digest.sources.importer.pageparts import in_comments, in_story_card, loose_text

# Who compiles a newsletter or a site, as its footer says: 'Curated by Ann Lee'.
MADE_BY = re.compile(r"^(?:curated|edited|compiled|written|created|maintained) by\s+(.+?)\.?$", re.IGNORECASE)
BYLINE_LEVELS = 6  # the elements around a byline's name that make its line: a <p> in a box in a column
NAME_PLACES_READ = 50  # the places a declared name is shown that are read for a byline crediting it
HANDLE = re.compile(r"[a-z][a-z0-9._-]{2,29}")  # a lower-case account name: 'umputun', 'ann.lee'
# A news agency credited by its initials (AP, AFP, U.P.I.), not a person
ACRONYM = re.compile(r"(?:[A-Z]\.?){2,5}")


def page_author(facts: PageFacts) -> str | None:
    """The people named as the article's author: declared, else in the page's byline. Typed
    declarations come first: schema.org's author is a Person (organisations are left out),
    `article:author` is the article's; a plain `<meta name=author>` is often the publisher."""
    declared = [
        facts.linked.author,
        facts.meta("article:author"),
        facts.meta("author")
        or _creators(facts, "dc.creator")
        or _creators(facts, "dcterms.creator")
        or facts.meta("sailthru.author", "parsely-author"),
        facts.meta("byl"),
        _creators(facts, "citation_author"),
    ]
    structured = {facts.linked.author, _microdata_author(facts)} - {None}
    for candidate in [*declared, *marked_bylines(facts.document)]:
        # a typed Person (or schema.org's author written as microdata) with a given and a family
        # name is a person even where the site is named after them ('Lee.', '@annlee', 'Ann Lee
        # Blog'); a one-word 'Person', or one that is the site's declared name word for word ('The
        # Planetary Press' on The Planetary Press), is the site
        person = (
            candidate is not None
            and " ".join(candidate.split()) in structured
            and 2 <= len(candidate.split()) <= 4
            and not _the_sites_declared_name(facts, candidate)
        )
        name = name_in_byline(candidate, [] if person else facts.site_names)
        weblog = not name and candidate is not None and candidate == facts.meta("author")
        if weblog and candidate and _credited_by_name(facts, candidate):
            name = name_in_byline(candidate, [])  # a weblog named after the writer it credits
        if name and _names_section(facts, name):
            continue
        if name and candidate == facts.meta("author") and _credited_for_design(facts, name):
            continue  # a theme's maker, written into every page it draws
        if name and candidate == facts.meta("author") and (shown := _shown_instead(facts, name)):
            return shown
        if name and candidate == facts.linked.author and (marked := _byline_instead(facts, name)):
            return marked
        if name and candidate == facts.linked.author and (linked := _profile_link_name(facts, name)):
            return linked
        if name and ACRONYM.fullmatch(name):  # the agency a wire story came from; its writer signs
            return dateline_author(facts) or name
        if name:
            return name
    finders = (
        _declared_handle,
        dateline_author,
        footer_author,
        dated_byline,
        _creator_name,
        _compiler,
        _reporter_link,
    )
    return next((name for find in finders if (name := find(facts)) and not _names_section(facts, name)), None)


def _the_sites_declared_name(facts: PageFacts, name: str) -> bool:
    """Whether `name` is, word for word, the name the site declares for itself (og:site_name and
    the like): a site that types its own brand as the article's Person."""
    names = ("og:site_name", "application-name", "apple-mobile-web-app-title")
    declared = [facts.meta(name) for name in names]
    return any(site and loose_text(site) == loose_text(name) for site in declared)


def _microdata_author(facts: PageFacts) -> str | None:
    """schema.org's author as microdata marks it inside the article's item (`<article itemscope
    itemtype=…/Article><strong itemprop=author>Ann Lee</strong>`): the name its `itemprop=name`
    gives, else its text; never an organisation's item, the comments or another story's card."""
    for element in facts.document.xpath("//*[@itemscope]//*[@itemprop='author']"):
        if "organization" in (element.get("itemtype") or "").lower():
            continue
        if in_comments(element) or in_story_card(element):
            continue
        inner = element.xpath(".//*[@itemprop='name']")
        text = (inner[0].get("content") or inner[0].text_content()) if inner else element.text_content()
        return " ".join(text.split()) or None
    return None


def _credited_by_name(facts: PageFacts, name: str) -> bool:
    """Whether the page credits the declared `name` in a short dated byline of its own ('This is a
    note by Ann Lee, posted on 26th March 2026', 'Written by Ann Lee on 3 May 2021'): the person a
    weblog is named after ('Ann Lee’s Weblog' at annlee.example.net), who writes it. A site's name
    beside a date ('Ann Lee’s Weblog, since 2006') says 'by' nowhere; prose is no byline."""
    if not 2 <= len(name.split()) <= 4 or not is_name(name):
        return False
    by_word = r"(?:^|\s)(?:by|posted by|written by|von|por|par)\s*:?\s+"
    credit = re.compile(rf"{by_word}{re.escape(name)}(?!\w)", re.IGNORECASE)
    holding = (node for node in facts.document.xpath("//body//text()") if name in node)
    for node in islice(holding, NAME_PLACES_READ):
        block = _short_block(node.getparent())
        if block is None or in_comments(block) or in_story_card(block):
            continue
        text = " ".join(block.text_content().split())
        match = credit.search(text)
        if match is None or NOT_BYLINE_CONTEXT.search(text[: match.start() + 1]):
            continue
        if find_in_text(text[match.end() :]):
            return True
    return False


def _short_block(element: Any) -> Any | None:
    """The largest element around `element` whose text is short enough for a byline (a line in a
    side box, with its links), or None when `element` itself is longer."""
    if element is None or len(element.text_content()) > BYLINE_MAX_CHARS:
        return None
    for _ in range(BYLINE_LEVELS):  # a line's few elements, never a page nested thousands deep
        parent = element.getparent()
        if parent is None or parent.tag == "body" or len(parent.text_content()) > BYLINE_MAX_CHARS:
            break
        element = parent
    return element


def _credited_for_design(facts: PageFacts, name: str) -> bool:
    """Whether the page credits `name` for its theme or design ('Theme by Ann Lee', 'Design von
    Ann Lee'): a theme writes its maker into `<meta name=author>` on every page it draws."""
    body = facts.document.find("body")
    if body is None:
        return False
    credit = DESIGN_CREDIT.pattern + re.escape(name) + r"\b"
    return re.search(credit, " ".join(body.text_content().split()), re.IGNORECASE) is not None


def _names_section(facts: PageFacts, name: str) -> bool:
    """Whether a name found is the section the page declares itself in (`article:section`,
    schema.org's `articleSection`): 'Africa' linked beside the date under a news headline."""
    sections = [*facts.all_meta("article:section"), *facts.all_meta("articlesection")]
    return any(loose_text(section) == loose_text(name) for section in sections)


def _declared_handle(facts: PageFacts) -> str | None:
    """A blogger's lower-case handle ('umputun') the page declares as its author: a schema.org
    Person's name, or `<meta name=author>` when the page's byline markup shows the same name
    (an hCard's 'author vcard'). Found in a byline's text alone, a lower-case word is no name."""
    person = (facts.linked.author or "").strip()
    # a login with digits ('ann_k3x9q2', often made up by the host) that the page never shows
    # is the account behind the post, not the name its writer goes by
    made_up = bool(re.search(r"\d", person)) and not _shows(facts.document, person)
    if HANDLE.fullmatch(person) and not NOT_AN_AUTHOR.match(person) and not made_up:
        return person
    declared = (facts.meta("author") or "").strip()
    if not HANDLE.fullmatch(declared) or NOT_AN_AUTHOR.match(declared):
        return None
    shown = (" ".join(text.split()) for text in marked_bylines(facts.document))
    return declared if declared in shown else None


def _shows(document: Any, text: str) -> bool:
    """Whether the page's visible text (not its scripts or styles) holds `text`."""
    words = document.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]")
    return any(text in str(piece) for piece in words)


def _reporter_link(facts: PageFacts) -> str | None:
    """A reporter's signature that is only a link to the reporter's page ('<a>홍길동 기자</a>' at
    the story's foot): the extractor leaves such a line of links out of the text, so the page is
    read for it; never in a list (other reporters' pages), the comments or another story's card."""
    for link in facts.document.iter("a"):
        signed = REPORTER_SIGNATURE.match(" ".join(link.text_content().split()))
        if signed is None or (signed.group("before") is None and not signed.group("after")):
            continue
        if link.xpath("ancestor::li | ancestor::nav | ancestor::aside") or in_comments(link):
            continue
        if not in_story_card(link):
            return signed.group("name")
    return None


def _compiler(facts: PageFacts) -> str | None:
    """The person the page's own footer says curates or edits it ('Curated by Ann Lee', a
    newsletter's issues), when nothing else names an author."""
    for footer in facts.document.xpath("//footer | //*[@role='contentinfo']"):
        if in_comments(footer):
            continue
        for piece in re.split(r"\s*[|•·]\s*|\n", footer.text_content()):
            match = MADE_BY.match(" ".join(piece.split()))
            if match and (name := name_in_byline(match.group(1), facts.site_names)) and is_name(name):
                return name
    return None


def _shown_instead(facts: PageFacts, declared: str) -> str | None:
    """The name after the date beside the headline ('18 June 2019 | Kanav Gupta'), when a plain
    `<meta name=author>` declares someone the page never shows: a site-wide value (a project's
    founders on every page of its blog)."""
    body = facts.document.find("body")
    if body is None or loose_text(declared) in loose_text(body.text_content()):
        return None
    for text in facts.headline_blocks:
        shown = date_led_name([text], facts.site_names)
        if shown and loose_text(shown) != loose_text(declared):
            return shown
    return None


def _byline_instead(facts: PageFacts, declared: str) -> str | None:
    """The name the page's byline markup shows (class 'author', rel=author), when the structured
    data names someone a reader never sees on the page: the byline is what the page says. A
    list of people is seen when each of them is (a byline joins them with 'and', not commas)."""
    body = facts.document.find("body")
    shown = loose_text(body.text_content()) if body is not None else ""
    if body is None or all(loose_text(person) in shown for person in declared.split(", ")):
        return None
    for text in marked_bylines(facts.document):
        name = name_in_byline(text, facts.site_names)
        # a name in a script without capitals ('謝明俊') counts here: the page marks it a byline
        caseless = name and not any(letter.isupper() or letter.islower() for letter in name)
        if name and (is_name(name) or caseless) and loose_text(name) != loose_text(declared):
            return name
    return None


def _profile_link_name(facts: PageFacts, declared: str) -> str | None:
    """The name a link to the declared writer's own page reads, when it is another name than the
    structured data's (an account's 'Anna Lee' where readers see 'Ann-Marie Lee'): what the page
    shows. Only for one writer, and only a link whose text is a person's name of two words or
    more (a one-word link to the profile is the site's 'About' page or the given name alone)."""
    if len(facts.linked.author_pages) != 1:
        return None
    profile = urlparse(facts.linked.author_pages[0]).path.rstrip("/")
    for link in facts.document.xpath("//a[@href]"):
        text = " ".join(link.text_content().split())
        try:
            path = urlparse(link.get("href").strip()).path.rstrip("/")
        except ValueError:
            continue
        differs = text and loose_text(text) != loose_text(declared)
        # a full name, given and family: one word is a menu's 'About' or the writer's given name alone
        if path and path == profile and differs and len(text.split()) >= 2 and is_name(text):
            return text
    return None


def _creators(facts: PageFacts, name: str) -> str | None:
    """Every creator a page lists in meta tags of one name, in its order, each written as a
    catalogue writes it ('Jong, Michiel de': family name, a comma, given names) read as a name
    ('Michiel de Jong')."""
    names = [given_first(value) for value in facts.all_meta(name)]
    return ", ".join(dict.fromkeys(names)) or None


def _creator_name(facts: PageFacts) -> str | None:
    """twitter:creator, when it is written as a person's name rather than an @handle."""
    creator = facts.meta("twitter:creator")
    if not creator or creator.startswith("@"):
        return None
    name = name_in_byline(creator, facts.site_names)
    return name if name and is_name(name) else None
