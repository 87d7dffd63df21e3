"""Mail-service profiles, merge-syntax escaping and UTM tagging of the email edition.

A mail service expands its merge tags wherever they appear in the pasted HTML, text
included: a review that quotes ``{{ name }}`` would reach readers with the tag
replaced or with a template error. ``escape_merge_syntax_html`` writes the opening
delimiter of every such construct as character references, which the reader's mail
app displays as the same characters and the service's template engine never sees.

Everything here rewrites HTML source in place, token by token, so what it does not
change stays byte-identical (no parse and re-serialize round trip).
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from digest.render.html import rewrite_html

ZERO_WIDTH_JOINER = "\u200d"

# Merge tags that may stand where the email has a URL, whatever the service: the one list
# the link check and the email rules judge URLs by (digest/checks/urls.py), to which a
# build adds its service's own tags (MailService.placeholder_patterns).
DEFAULT_PLACEHOLDERS: tuple[str, ...] = (
    r"\*\|[A-Z0-9_:]+\|\*",  # Mailchimp: *|UNSUB|*
    r"\{\{\s*[\w.]+\s*\}\}",  # Buttondown, listmonk and other Jinja-like services: {{ unsubscribe_url }}
)


@dataclass(frozen=True)
class MergeSyntax:
    """One kind of merge construct: the delimiter that opens it and a regex for a whole one."""

    opener: str
    pattern: str


# Jinja-like engines (Buttondown, Kit's Liquid, listmonk's Go templates, many others).
VARIABLE = MergeSyntax("{{", r"\{\{.*?\}\}")
STATEMENT = MergeSyntax("{%", r"\{%.*?%\}")
COMMENT = MergeSyntax("{#", r"\{#.*?#\}")
MAILCHIMP = MergeSyntax("*|", r"\*\|.*?\|\*")
MAILERLITE = MergeSyntax("{$", r"\{\$[^{}]*\}")
PERCENT = MergeSyntax("%%", r"%%[^%\s]+%%")

# Escaped for every service: a pasted email often moves between services, and these
# three are the syntaxes most services (or their Handlebars/Liquid modes) expand.
UNIVERSAL_SYNTAX: tuple[MergeSyntax, ...] = (VARIABLE, STATEMENT, MAILCHIMP)
ALL_SYNTAX: tuple[MergeSyntax, ...] = (VARIABLE, STATEMENT, COMMENT, MAILCHIMP, MAILERLITE, PERCENT)
# A value that is one merge construct of any service, whole (a link to *|UNSUB|*).
WHOLE_MERGE_TAG = re.compile("^(?:" + "|".join(syntax.pattern for syntax in ALL_SYNTAX) + ")$", re.DOTALL)


@dataclass(frozen=True)
class MailService:
    """What a mail service expects in the pasted HTML: its merge tags and their syntax."""

    name: str
    unsubscribe: str
    view_in_browser: str | None  # None: the email links to the web edition directly
    syntax: tuple[MergeSyntax, ...] = ()
    address: str | None = None  # the tag the service fills with the sender's postal address

    def placeholder_patterns(self) -> tuple[str, ...]:
        """Regexes for this service's link merge tags, which stand where a URL would."""
        return tuple(re.escape(tag) for tag in self.link_tags)

    @property
    def link_tags(self) -> tuple[str, ...]:
        return tuple(tag for tag in (self.unsubscribe, self.view_in_browser) if tag)

    @property
    def own_tags(self) -> tuple[str, ...]:
        """The tags digest writes itself, left for the service to fill wherever they are."""
        return tuple(tag for tag in (*self.link_tags, self.address) if tag)

    @property
    def merge_tag_patterns(self) -> tuple[str, ...]:
        """Regexes matching one whole merge tag in this service's template language."""
        return tuple(syntax.pattern for syntax in self.syntax)

    @property
    def escaped_syntax(self) -> tuple[MergeSyntax, ...]:
        """Every syntax neutralised in review text: the universal ones and the service's own."""
        return tuple(dict.fromkeys((*UNIVERSAL_SYNTAX, *self.syntax)))


MAIL_SERVICES: dict[str, MailService] = {
    "generic": MailService("generic", "{{unsubscribe_url}}", None, UNIVERSAL_SYNTAX),
    # *|MERGE|* tags; *|ARCHIVE|* is the campaign's hosted web version.
    "mailchimp": MailService("mailchimp", "*|UNSUB|*", "*|ARCHIVE|*", (MAILCHIMP,), "*|LIST:ADDRESSLINE|*"),
    # Django/Jinja-style templates: {{ email_url }} is the permalink of the sent email.
    "buttondown": MailService(
        "buttondown", "{{ unsubscribe_url }}", "{{ email_url }}", (VARIABLE, STATEMENT, COMMENT)
    ),
    # Go templates: {{ UnsubscribeURL }}, {{ MessageURL }} (the web view of the campaign).
    "listmonk": MailService("listmonk", "{{ UnsubscribeURL }}", "{{ MessageURL }}", (VARIABLE,)),
    # {$field} variables; {$url} is the web version of the campaign.
    "mailerlite": MailService("mailerlite", "{$unsubscribe}", "{$url}", (MAILERLITE,)),
    # Liquid templates.
    "kit": MailService("kit", "{{ unsubscribe_url }}", None, (VARIABLE, STATEMENT), "{{ address }}"),
    # Substack documents no merge tags for pasted HTML and appends its own unsubscribe footer.
    "substack": MailService("substack", "%%unsubscribe_url%%", None, (PERCENT,)),
}


def escape_merge_syntax(text: str, service: MailService) -> tuple[str, list[str]]:
    """Plain text with a zero-width joiner inside every merge delimiter, and what was found.

    For the plain-text email, where character references are not an option: the reader
    sees the same characters. The service's own unsubscribe and view-in-browser tags
    are left as they are, so the whole rendered text can be passed in.
    """
    return _escape_around(text, service, _join_with_zwj)


def _escape_around(text: str, service: MailService, neutralise: Neutraliser) -> tuple[str, list[str]]:
    """`text` escaped everywhere but in the service's own tags, which are left to fill."""
    if not service.own_tags:
        return _escape(text, service.escaped_syntax, neutralise)
    pieces = re.split("(" + "|".join(re.escape(tag) for tag in service.own_tags) + ")", text)
    found: list[str] = []
    for index in range(0, len(pieces), 2):  # odd indexes hold the service's own tags
        pieces[index], tags = _escape(pieces[index], service.escaped_syntax, neutralise)
        found.extend(tags)
    return "".join(pieces), found


def escape_merge_syntax_html(html: str, service: MailService) -> tuple[str, list[str]]:
    """HTML whose text and attribute values carry no merge delimiter, and what was found.

    Delimiters become numeric character references (``{{`` -> ``&#123;&#123;``): a mail
    app displays them as the characters, while the service's template engine, which
    reads the source, does not see a tag. Comments (Outlook's conditional ones
    included), ``<style>`` and ``<script>`` are left alone, and so are ``href`` values
    that are exactly the service's own unsubscribe or view-in-browser tag.
    """
    found: list[str] = []

    def text(source: str) -> str:
        escaped, tags = _escape_around(source, service, _character_references)
        found.extend(html_lib.unescape(tag) for tag in tags)
        return escaped

    def attribute(tag: str, name: str, value: str) -> str | None:
        if name == "href" and html_lib.unescape(value) in service.link_tags:
            return None
        escaped, tags = _escape(value, service.escaped_syntax, _character_references)
        found.extend(html_lib.unescape(tag) for tag in tags)
        return escaped

    if not service.escaped_syntax:
        return html, found
    openers, _ = _patterns(service.escaped_syntax)
    if not openers.search(html):  # no text or value can hold a delimiter: nothing to escape
        return html, found
    return rewrite_html(html, text=text, attribute=attribute, only=openers), found


def add_utm(html: str, *, source: str, medium: str, campaign: str, site_url: str | None = None) -> str:
    """Add utm_source, utm_medium and utm_campaign to the http(s) links of ``<a>``/``<area>``.

    Links that already carry a ``utm_*`` parameter, merge tags, ``mailto:``, ``tel:``
    and fragments are left as they are. With ``site_url``, only links to that site are
    tagged (its analytics is the one that reads them). Only the rewritten ``href``
    values change; the parameters always come in the order source, medium, campaign.
    """
    parameters = {"utm_source": source, "utm_medium": medium, "utm_campaign": campaign}
    empty = [name for name, value in parameters.items() if not value]
    if empty:
        raise ValueError(f"UTM parameters need a value: {', '.join(empty)}")
    query = urlencode(list(parameters.items()), quote_via=quote)

    def attribute(tag: str, name: str, value: str) -> str | None:
        if tag not in ("a", "area") or name != "href":
            return None
        url = html_lib.unescape(value).strip()
        if not _should_tag(url, site_url):
            return None
        return _with_query(url, query).replace("&", "&amp;")

    return rewrite_html(html, text=None, attribute=attribute, only=HREF_ATTRIBUTE)


def _should_tag(url: str, site_url: str | None) -> bool:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return False
    if any(syntax.opener in url for syntax in ALL_SYNTAX):
        return False
    if any(key.lower().startswith("utm_") for key, _ in parse_qsl(parts.query, keep_blank_values=True)):
        return False
    return site_url is None or _is_under(parts.netloc, parts.path, site_url)


def _is_under(netloc: str, path: str, site_url: str) -> bool:
    site = urlsplit(site_url)
    folder = site.path.rstrip("/") + "/"
    return netloc.lower() == site.netloc.lower() and (path.rstrip("/") + "/").startswith(folder)


def _with_query(url: str, query: str) -> str:
    """The URL with ``query`` appended to its query string, before any fragment."""
    base, hashmark, fragment = url.partition("#")
    if "?" not in base:
        separator = "?"
    elif base.endswith(("?", "&")):
        separator = ""
    else:
        separator = "&"
    return f"{base}{separator}{query}{hashmark}{fragment}"


HREF_ATTRIBUTE = re.compile(r"\shref\s*=", re.IGNORECASE)


# --- merge-syntax escaping -------------------------------------------------------------


Neutraliser = Callable[[str, re.Pattern[str]], str]


def _escape(text: str, syntax: Sequence[MergeSyntax], neutralise: Neutraliser) -> tuple[str, list[str]]:
    """``text`` with every opener of ``syntax`` neutralised, and each construct found.

    Whole constructs (``{{ name }}``) are reported as such; an opener without its
    closing delimiter is reported on its own, because it breaks the service's
    template engine just as well.
    """
    if not syntax:
        return text, []
    openers, construct = _patterns(tuple(syntax))
    if not openers.search(text):
        return text, []
    found = [match.group(0) for match in construct.finditer(text)]
    return (neutralise(text, openers) if found else text), found


@lru_cache(maxsize=32)
def _patterns(syntax: tuple[MergeSyntax, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The openers of `syntax`, and whole constructs or lone openers."""
    openers = re.compile("|".join(re.escape(s.opener) for s in syntax))
    return openers, re.compile("|".join([*(s.pattern for s in syntax), openers.pattern]))


def _join_with_zwj(text: str, openers: re.Pattern[str]) -> str:
    """A joiner after the first character of every opener, overlapping ones too (``{{{``).

    A zero-width joiner is invisible in every mail app and breaks the delimiter for
    the service; character references are not an option in plain text.
    """
    return re.sub(f"(?=(?:{openers.pattern}))(.)", lambda m: m.group(1) + ZERO_WIDTH_JOINER, text)


def _character_references(text: str, openers: re.Pattern[str]) -> str:
    """Every opener written as references; no raw opener character is left beside another."""
    return openers.sub(lambda m: "".join(f"&#{ord(character)};" for character in m.group(0)), text)
