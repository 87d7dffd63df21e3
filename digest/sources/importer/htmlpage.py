"""HTML pages saved from a browser: the article's metadata (`htmlmeta` and the modules it
names) and its text as Markdown (`htmlbody`), as a draft review. A page is never refused for
what it lacks: a missing field is a check for the editor, an inferred one a guess."""

from __future__ import annotations

import codecs
import re
from datetime import date
from pathlib import Path
from typing import Any

from digest.errors import ContentError, quoted
from digest.render.html import too_many_attributes
from digest.sources.dates import read_date
from digest.sources.importer.articlefinder import find_article
from digest.sources.importer.bylines import text_byline
from digest.sources.importer.draft import Declared, ReviewDraft
from digest.sources.importer.hidden import drop_hidden, hidden_names
from digest.sources.importer.htmlbody import article_markdown
from digest.sources.importer.htmlmeta import PageFacts, page_description, page_image, page_tags
from digest.sources.importer.items import drop_other_articles
from digest.sources.importer.pageauthor import page_author
from digest.sources.importer.pagedate import page_date
from digest.sources.importer.pagetitle import page_title, title_without_stamp
from digest.sources.importer.pageurls import is_web_address
from digest.sources.importer.siteowner import blog_owner, footer_signatory, lower_case_signatory
from digest.sources.openinglines import body_without_byline

HTML_FORMAT = "html-page"
XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
HTML_MAX_BYTES = 50_000_000  # a page saved with its inline scripts and images is much larger than its text
# What PHP prints into a page when it shows its errors (`display_errors`, HTML format): `<br />
# <b>Warning</b>:  message in <b>/path/file.php</b> on line <b>12</b><br />`, before the document
# when the site's code failed before writing it, or after it.
PHP_DIAGNOSTIC = (
    r"\s*<br\s*/?>\s*<b>(?:Warning|Notice|Deprecated|Strict Standards|(?:Catchable )?Fatal error|Parse error)"
    r"</b>:[^<]*(?:<b>[^<]*</b>[^<]*)*?<br\s*/?>"
)
PHP_DIAGNOSTICS = re.compile(f"(?:{PHP_DIAGNOSTIC})+", re.IGNORECASE)
# HTML lets a document leave out its <html> start tag: a page saved as a fragment opens with
# <head> or <body>
HTML_START = re.compile(
    rb"^(?:" + PHP_DIAGNOSTIC.encode() + rb")*\s*(?:<!--.*?-->\s*)*"
    rb"<(?:!doctype\s+html|(?:html|head|body)[\s>])",
    re.IGNORECASE | re.DOTALL,
)
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)

NOT_CONTENT = ("script", "style", "noscript", "template")
WORD = re.compile(r"\w+")
HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
DECLARED_BODY_MIN_WORDS = 80
DATELINE_CHARS = 60  # a date written out with its weekday; a longer line is a sentence
MARKDOWN_EMPHASIS = re.compile(r"[*_#>\\]+")


def is_html(head: bytes) -> bool:
    """Whether a file's first bytes open an HTML document (the extension decides nothing)."""
    return HTML_START.match(head.removeprefix(codecs.BOM_UTF8)) is not None


def decode_html(data: bytes, path: Path) -> str:
    """The page's text: UTF-8 with a BOM, else its declared encoding, else UTF-8. A page that
    declares another encoding but whose bytes beyond ASCII are all valid UTF-8 is UTF-8: its
    server or editor wrote the declaration wrong, and text in a single-byte or legacy encoding
    is next to never valid UTF-8 by chance."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    declared = META_CHARSET.search(data[:4096])
    if declared and not data.isascii() and (as_utf8 := _strict_utf8(data)) is not None:
        return as_utf8
    for encoding in (declared.group(1).decode() if declared else None, "utf-8"):
        if encoding is None:
            continue
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeError):  # 'punycode' fails with a UnicodeError of its own
            continue
    raise ContentError("the page is not UTF-8 and declares no other encoding: save it as UTF-8", path)


def _strict_utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


TOO_DEEP = (
    "the page nests elements more than 256 deep, where the HTML readers stop reading, so its text "
    "after that would be lost: save the article alone (a browser's reader view) and import that"
)


def html_article(html: str, path: Path, language: str = "en", wrapper: Declared | None = None) -> ReviewDraft:
    """An article page's metadata and its main text as Markdown; `language` (the site's)
    decides ambiguous numeric dates when the page does not say its own; `wrapper`, what the
    page's wrapper declares of it (a saved mail's headers)."""
    wrapper = wrapper or Declared()
    import lxml.html

    document, html = _parsed_page(html, path)
    source_url = _canonical_url(document, html) or wrapper.source_url
    facts = PageFacts.of(document, source_url)
    hidden = _drop_unseen(document)
    author = page_author(facts) or wrapper.author  # before the article is cut out of the page
    owner = None if author else blog_owner(facts, source_url)
    signatory = None if author or owner else footer_signatory(facts)
    signed = None if author or owner or signatory else lower_case_signatory(facts)
    others = drop_other_articles(document)  # other stories' and comments' own <article>s
    # The extractor judges what readers see: without what the page's stylesheet hides.
    changed = hidden or others
    article = find_article(document, lxml.html.tostring(document, encoding="unicode") if changed else html)
    title = wrapper.title or page_title(facts, article.headline)
    if not title:
        raise ContentError(
            "no title in the page (no og:title, <title> or heading): add one and import again", path
        )
    image, image_alt = page_image(facts, source_url)
    draft = ReviewDraft(
        source=path,
        shape=HTML_FORMAT,
        title=title,
        body="",
        author=author,
        source_url=source_url,
        tags=page_tags(facts),
        description=page_description(facts),
        image=image,
        image_alt=image_alt,
    )
    _add_body(draft, article, facts, path)
    _add_guessed_author(draft, facts, owner, signatory or signed)
    if draft.author and (shorter := body_without_byline(draft.body, draft.author)) != draft.body:
        draft.body = shorter.lstrip("\n")
    draft.date = wrapper.date
    if draft.date is None:
        _date_from_page(draft, facts, html, language)
    if source_url is None:
        draft.checks.append("no canonical address in the page: add 'source_url:'")
    return draft


def _parsed_page(html: str, path: Path) -> tuple[Any, str]:
    """The page's document, and its HTML as every reader of the page (htmldate's too) is to
    read it; an error for a page no reader can read whole."""
    import lxml.etree
    import lxml.html

    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)  # lxml refuses an encoding declaration in a str
    html = without_server_diagnostics(html)
    # lxml parses control characters XML forbids (a vertical tab in a text) but refuses them in
    # any text later set on an element: as browsers show them, they are spaces
    html = XML_FORBIDDEN.sub(" ", html)
    if crowded := too_many_attributes(html):
        raise ContentError(crowded[0], path, crowded[1])
    parser = lxml.html.HTMLParser()
    try:
        document = lxml.html.document_fromstring(html, parser=parser)
    except lxml.etree.ParserError:  # nothing but blanks, comments or a declaration: 'Document is empty'
        raise ContentError("no article text found in the page: save the page with its text", path) from None
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        raise ContentError(TOO_DEEP, path)  # libxml2 stopped reading: the rest would be lost unsaid
    if _meta_values_as_content(document):  # every reader of the page, htmldate's too, sees them
        doctype = document.getroottree().docinfo.doctype
        html = lxml.html.tostring(document, encoding="unicode", doctype=doctype)
    return document, html


def _drop_unseen(document: Any) -> bool:
    """Drop what a reader never sees: what the page's stylesheet hides, scripts, styles,
    templates, comments and processing instructions; whether anything hidden was dropped."""
    import lxml.etree

    hidden = drop_hidden(document, *hidden_names(document))
    for element in document.xpath(" | ".join(f"//{tag}" for tag in NOT_CONTENT)):
        element.drop_tree()
    lxml.etree.strip_elements(document, lxml.etree.Comment, lxml.etree.ProcessingInstruction, with_tail=False)
    return hidden


def _add_body(draft: ReviewDraft, article: Any, facts: PageFacts, path: Path) -> None:
    """The article's text as Markdown, or the text its JSON-LD states where its markup holds
    none; an error when there is no text at all."""
    draft.body = article_markdown(article, draft.title, draft.source_url)
    if (declared := declared_article_text(facts.linked.body, draft.body)) is not None:
        draft.body = declared
        draft.guesses.append(
            "text taken from the articleBody the page states in its JSON-LD, as its markup holds"
            " no such text (a script draws the article); check it"
        )
    if not draft.body.strip():
        raise ContentError("no article text found in the page: save the page with its text", path)
    draft.checks.extend(article.checks)


def _add_guessed_author(
    draft: ReviewDraft, facts: PageFacts, owner: str | None, signatory: tuple[str, str] | None
) -> None:
    """Where the page declares no author: a byline in the article's text, else the person the
    blog is named after, else the footer's signatory (in lower case too, where a profile's address
    spells the name), each recorded as a guess."""
    if draft.author is None and (name := text_byline(draft.body, facts.site_names, facts.language)):
        draft.author = name
        draft.guesses.append(
            f"author {quoted(name)} taken from a byline in the article's text (often right); check it"
        )
    if draft.author is None and owner:
        draft.author = owner
        draft.guesses.append(f"author {quoted(owner)} taken from the blog's name (often right); check it")
    if draft.author is None and signatory:
        draft.author = signatory[0]
        # the name's witness: the declared creator's handle ('@annlee'), or a profile's address
        witness = "page's declared creator" if signatory[1].startswith("@") else "address of the profile"
        draft.guesses.append(
            f"author {quoted(signatory[0])} taken from the footer's copyright line, a name the {witness} "
            f"{quoted(signatory[1])} spells (often right); check it"
        )


def _date_from_page(draft: ReviewDraft, facts: PageFacts, html: str, language: str) -> None:
    found, problems = page_date(facts, draft.title, draft.body, html, draft.source_url, language)
    draft.checks.extend(problems)
    if found is not None:
        draft.date = found.value
        draft.title = title_without_stamp(draft.title, found.value.date())
        draft.body = body_without_dateline(draft.body, found.value.date())
        if found.guess:
            draft.guesses.append(found.guess)
        if found.ambiguous:
            draft.guesses.append(f"date {found.ambiguous} (may be wrong): check it")


def body_without_dateline(body: str, day: date) -> str:
    """The text without its opening line when that line only says the page's own day ('26th March
    2026', a weblog's date over its entry): the date has a field of its own. Another day (one the
    text tells of), or a line saying more ('Updated …'), stays."""
    lines = body.split("\n")
    first = next((index for index, line in enumerate(lines) if line.strip()), None)
    if first is None or len(lines[first]) > DATELINE_CHARS:
        return body
    said = read_date(MARKDOWN_EMPHASIS.sub("", lines[first]).strip())
    if said is None or said.value.date() != day:
        return body
    return "\n".join(lines[first + 1 :]).lstrip("\n")


def declared_article_text(declared: str | None, extracted: str) -> str | None:
    """The article body a page states in its JSON-LD, as Markdown paragraphs of plain text, when
    the text read from its markup holds less than half of that body's words: a page saved before
    its script drew the article keeps only its headline, byline and furniture in the markup. A
    body given as HTML, or too short to tell, is left alone."""
    if not declared or HTML_TAG.search(declared):
        return None
    words = set(WORD.findall(declared.lower()))
    if len(WORD.findall(declared)) < DECLARED_BODY_MIN_WORDS:
        return None
    if len(words & set(WORD.findall(extracted.lower()))) >= len(words) / 2:
        return None
    from digest.sources.plaintext import escape_text

    paragraphs = (" ".join(line.split()) for line in declared.splitlines())
    return "\n\n".join(escape_text(paragraph) for paragraph in paragraphs if paragraph) + "\n"


def without_server_diagnostics(html: str) -> str:
    """The page without the PHP warnings its server printed before the document or after its
    `</html>`: they are no part of the page, and text before the doctype would open its body."""
    if match := PHP_DIAGNOSTICS.match(html):
        html = html[match.end() :]
    end = html.lower().rfind("</html>")
    if end >= 0:
        html = html[:end] + PHP_DIAGNOSTICS.sub("", html[end:])
    return html


def _meta_values_as_content(document: Any) -> int:
    """The `<meta>`s of a page that keeps all their text in `value` attributes and none in
    `content`: a saving tool's rewrite (Postlight's parser saves its pages so). Moved into
    `content`, as every reader expects; the number moved. Where any `<meta>` has `content`,
    a stray `value` is the page's own (a Blogger template's `<meta name=author value=...>`
    names the template's designer) and stays."""
    if document.xpath("//meta[@content]"):
        return 0
    moved = document.xpath("//meta[@value]")
    for element in moved:
        element.set("content", element.attrib.pop("value"))
    return len(moved)


def _canonical_url(document: Any, html: str) -> str | None:
    """The page's own address: its canonical link, og:url, or the browser's "saved from" note."""
    links = [e.get("href") for e in document.xpath("//link[@rel][@href]") if _is_canonical(e)]
    og_url = [e.get("content") for e in document.xpath("//meta[@property='og:url'][@content]")]
    saved_from = SAVED_FROM.search(html[:2048])
    candidates = [*links, *og_url, saved_from.group(1) if saved_from else None]
    for candidate in candidates:
        if isinstance(candidate, str) and is_web_address(candidate):
            return candidate.strip()
    return None


def _is_canonical(element: Any) -> bool:
    return "canonical" in element.get("rel", "").lower().split()
