"""The email's final HTML: Jinja2 renders the MJML template, mjml-python compiles it,
premailer inlines the stylesheet, literal merge syntax is escaped and UTM tags are added."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from html import escape as escape_html
from html import unescape
from typing import Any, ClassVar
from urllib.parse import urljoin

from digest.config import Config, EmailSettings
from digest.errors import TemplateError
from digest.model import Issue, ReviewSummary
from digest.render.environment import Templates
from digest.render.feeds import ATOM_PATH, RSS_PATH
from digest.render.html import rewrite_html, tags
from digest.render.language import theme_words
from digest.render.mailservice import MAIL_SERVICES, WHOLE_MERGE_TAG, add_utm, escape_merge_syntax_html


@dataclass(frozen=True)
class EmailJob:
    """Everything one email's compilation needs; equal jobs compile to equal bytes."""

    mjml_source: str
    stylesheet: str
    base_url: str  # the issue's web page: relative links lead where they do on it
    service: str
    utm: tuple[str, str, str] | None  # (source, medium, campaign)
    template: str  # the MJML template's path, named in errors
    stylesheet_file: str  # the stylesheet's path, named in errors


def email_context(templates: Templates, config: Config, issue: Issue) -> dict[str, Any]:
    """What the email templates (HTML and text) see besides the site."""
    service = MAIL_SERVICES[config.email.service]
    site = config.site
    words = theme_words(site.language)

    def card_links(review: ReviewSummary) -> list[tuple[str, str]]:
        """A card's links as (label, URL), the main one first: the editor's review, then
        the original article; or the other way round with [email] links_to = "source"."""
        ours = (words.gettext("Read our review"), templates.review_url(issue, review))
        original = (words.gettext("The original article"), review.source_url) if review.source_url else None
        if config.email.links_to == "source" and original:
            return [(words.gettext("Read the article"), original[1]), (words.gettext("Our review"), ours[1])]
        return [ours, original] if original else [ours]

    return {
        "issue": issue,
        "web_url": service.view_in_browser or templates.issue_url(issue),
        "view_in_browser_label": words.gettext("View this issue in your browser"),
        "issue_url": templates.issue_url(issue),  # what relative links are relative to
        "feed_url": f"{site.base_url}{ATOM_PATH}",  # the Atom feed, as users' own templates know it
        "rss_url": f"{site.base_url}{RSS_PATH}",  # what "Subscribe by RSS" leads to
        "unsubscribe_url": service.unsubscribe,
        "font_stack": config.theme.font_stack,
        "card_links": card_links,
        "footer_text": config.theme.footer_text
        or words.gettext("You receive %(title)s because you subscribed to it.", title=site.title),
        "reply_prompt": _reply_prompt(config),
        "postal_address": site.postal_address or service.address or "",
    }


def _reply_prompt(config: Config) -> str:
    """[email] reply_prompt; left as it comes, in the site's language."""
    prompt = config.email.reply_prompt
    return (
        theme_words(config.site.language).gettext(prompt) if prompt == EmailSettings.reply_prompt else prompt
    )


def email_job(templates: Templates, config: Config, issue: Issue) -> EmailJob:
    email = config.email
    context = email_context(templates, config, issue)
    return EmailJob(
        mjml_source=templates.render("email.mjml.j2", **context, intro_html=issue.intro_html),
        stylesheet=templates.render("email.css"),
        base_url=templates.issue_url(issue),
        service=email.service,
        utm=(email.utm_source, email.utm_medium, issue.id) if email.utm else None,
        template=str(templates.file_of("email.mjml.j2")),
        stylesheet_file=str(templates.file_of("email.css")),
    )


def compile_email(job: EmailJob) -> str:
    compiled = compile_mjml(job.mjml_source, job.template)
    try:
        html = inline_css(compiled, job.stylesheet, job.base_url)
    except RecursionError:
        raise TemplateError(
            "premailer cannot read the email's CSS: a block nests too deep or a selector is too long "
            "(thousands of parts); flatten it",
            job.stylesheet_file,
        ) from None
    except Exception as exc:  # cssselect and cssutils raise their own errors on CSS they cannot read
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise TemplateError(
            f"premailer cannot read the email's CSS ({reason}): fix the rule it names, "
            "here or in the MJML template's <mj-style>",
            job.stylesheet_file,
        ) from None
    html, _ = escape_merge_syntax_html(html, MAIL_SERVICES[job.service])
    if job.utm is not None:
        source, medium, campaign = job.utm
        html = add_utm(html, source=source, medium=medium, campaign=campaign)
    return html


# The MJML compiler (mjml-python, native code) recurses into each element and runs out of
# stack a few thousand deep (2,000 nested <mj-wrapper>s, 10,000 <div>s in an <mj-raw>), killing
# the process with a segmentation fault. The theme nests about 20 deep, the content at most
# MAX_NESTING (100) more.
MAX_MJML_DEPTH = 500
# premailer reads the compiled email with libxml2, which stops at an element nested more than
# 256 deep without a word, and the email it writes ends there. Each MJML element is several
# HTML ones: the theme's email nests about 30 deep, its content at most MAX_NESTING more.
MAX_EMAIL_HTML_DEPTH = 250
# HTML's elements that have no end tag, which MJML accepts unclosed as HTML does.
MJML_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                       "source", "track", "wbr"})  # fmt: skip


def compile_mjml(source: str, template: str = "email.mjml.j2") -> str:
    import mjml

    if mjml_depth(source) > MAX_MJML_DEPTH:
        raise TemplateError(
            f"the MJML it writes nests elements more than {MAX_MJML_DEPTH} deep, past what the MJML "
            "compiler can hold: flatten it",
            template,
        )
    try:
        html: str = mjml.mjml2html(source, fonts={}, disable_comments=True)
    except Exception as exc:  # mjml-python raises bare exceptions for invalid markup
        raise TemplateError(f"MJML failed to compile ({exc}): fix the MJML markup", template) from None
    if mjml_depth(html, MAX_EMAIL_HTML_DEPTH) > MAX_EMAIL_HTML_DEPTH:
        raise TemplateError(
            f"the email's HTML nests elements more than {MAX_EMAIL_HTML_DEPTH} deep, past what its CSS "
            "inliner reads (it would end the email there): flatten it",
            template,
        )
    html = _title_as_label(html)
    # MJML's own head styles (client resets, Outlook and Thunderbird rules) must stay as
    # they are, not be inlined: premailer skips blocks marked data-premailer="ignore".
    return html.replace('<style type="text/css">', '<style type="text/css" data-premailer="ignore">').replace(
        "<style media=", '<style data-premailer="ignore" media='
    )


def mjml_depth(source: str, limit: int = MAX_MJML_DEPTH) -> int:
    """The most elements of an MJML text (or of the HTML MJML writes) open at once: every
    element is closed, and an end tag closes what opened after its element as well. Stops
    once past `limit`."""
    names: list[str] = []
    counts: dict[str, int] = {}
    deepest = 0
    for tag in tags(source):
        if end := tag.group("end"):
            name = end.lower()
            while counts.get(name, 0):
                counts[opened := names.pop()] -= 1
                if opened == name:
                    break
        elif (name := tag.group("tag").lower()) not in MJML_VOID and not tag.group(0).endswith("/>"):
            names.append(name)
            counts[name] = counts.get(name, 0) + 1
            deepest = max(deepest, len(names))
            if deepest > limit:
                break
    return deepest


MJML_TITLE = re.compile(r"<title>([^<]*)</title>")
MJML_LABEL = re.compile(r'(<div aria-label=")[^"]*(" aria-roledescription="email")')


def _title_as_label(html: str) -> str:
    """The email's label for screen readers, which MJML copies from <mj-title>, as the title
    reads: mjml-python writes a character such as an emoji's variation selector, a
    no-break space or a tab in Rust's escaped form ('🗺\\u{fe0f}'), which is read out."""
    title = MJML_TITLE.search(html)
    if title is None:
        return html
    label = escape_html(unescape(title.group(1)), quote=True)
    return MJML_LABEL.sub(lambda match: f"{match.group(1)}{label}{match.group(2)}", html, count=1)


def inline_css(html: str, stylesheet: str, base_url: str) -> str:
    """Inline the digest's stylesheet with premailer, keeping media queries and the doctype."""
    import logging

    Premailer = _inliner()  # first: it imports cssutils without what fetching needs

    import cssutils

    cssutils.log.setLevel(logging.CRITICAL)  # mso-* properties are valid for Outlook
    html, merge_tags = _protect_merge_tags(html)
    head_end = html.index("</head>")
    html = f'{html[:head_end]}<style type="text/css">{stylesheet}</style>{html[head_end:]}'
    inliner = Premailer(
        html,
        base_url=None,  # premailer would also "fix" merge tags; absolute_links() skips them
        allow_network=False,
        keep_style_tags=False,
        strip_important=False,
        remove_classes=False,
        disable_validation=True,
        cssutils_logging_level=logging.CRITICAL,
        preserve_internal_links=True,
        preserve_handlebar_syntax=True,
        align_floating_images=False,
    )
    inlined: str = inliner.transform(pretty_print=False)
    inlined = _restore_merge_tags(inlined.replace(' data-premailer="ignore"', ""), merge_tags)
    inlined = absolute_links(inlined, base_url)
    return "<!doctype html>\n" + re.sub(r"^<!DOCTYPE[^>]*>\s*", "", inlined, flags=re.IGNORECASE)


def _premailer() -> Any:
    """premailer's Premailer class, imported without what only fetching a remote stylesheet
    needs, which digest never lets it do (allow_network=False): `requests` (40-50 ms), and
    cssutils' `urllib.request` (with http.client and ssl) and `importlib.metadata` (its own
    version, for a fetch's User-Agent). While premailer is imported each is a stand-in that
    imports the real module when one of its names is first read."""
    import sys

    if "premailer" in sys.modules:
        from premailer import Premailer

        return Premailer
    stand_ins = {name: _stand_in(name) for name in FETCHING_MODULES if name not in sys.modules}
    sys.modules.update(stand_ins)
    try:
        from premailer import Premailer
    finally:
        for name, stand_in in stand_ins.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
            package, _, child = name.rpartition(".")
            if package and getattr(sys.modules[package], child, None) is stand_in:
                delattr(sys.modules[package], child)  # `from importlib import metadata` would find it
    return Premailer


FETCHING_MODULES = ("requests", "urllib.request", "importlib.metadata")


def _stand_in(name: str) -> Any:
    """A module that becomes `name` when one of its names is read. A submodule's stand-in
    is also its package's attribute (`urllib.request`), as importing it would make it."""
    import importlib
    import sys
    import types

    stand_in = types.ModuleType(name)

    def real_name(attribute: str) -> Any:
        if sys.modules.get(name) is stand_in:  # read while it stands in: importing would find itself
            del sys.modules[name]
        return getattr(importlib.import_module(name), attribute)

    setattr(stand_in, "__getattr__", real_name)  # noqa: B010
    package, _, child = name.rpartition(".")
    if package and not hasattr(sys.modules[package], child):
        setattr(sys.modules[package], child, stand_in)
    return stand_in


@cache
def _inliner() -> Any:
    """premailer's Premailer, each stylesheet's rules read and its media queries written
    once per process: a build inlines the same stylesheet into every issue's email, and
    those two steps were half of premailer's time. Both are functions of the stylesheet's
    text and the inliner's settings alone."""
    premailer = _premailer()

    class Inliner(premailer):  # type: ignore[valid-type,misc]
        _rules: ClassVar[dict[tuple[str, int, bool, bool], tuple[list[Any], list[Any]]]] = {}
        _leftover_text: ClassVar[dict[int, tuple[list[Any], str]]] = {}

        def _parse_style_rules(self, css_body: str, ruleset_index: int) -> tuple[list[Any], list[Any]]:
            key = (css_body, ruleset_index, self.strip_important, self.disable_validation)
            if key not in self._rules:
                if len(self._rules) >= STYLESHEETS_KEPT:
                    self._rules.clear()
                    self._leftover_text.clear()
                self._rules[key] = super()._parse_style_rules(css_body, ruleset_index)
            rules, leftover = self._rules[key]
            return list(rules), leftover  # the leftover list itself: its text is kept by identity

        def _css_rules_to_string(self, rules: list[Any]) -> str:
            kept = self._leftover_text.get(id(rules))
            if kept is not None and kept[0] is rules:
                return kept[1]
            text: str = super()._css_rules_to_string(rules)
            if any(rules is leftover for _, leftover in self._rules.values()):
                self._leftover_text[id(rules)] = (rules, text)
            return text

    return Inliner


STYLESHEETS_KEPT = 8


LINK_ATTRIBUTES = frozenset({"href", "src", "background"})
LINK_ATTRIBUTE = re.compile(r"\s(?:href|src|background)\s*=", re.IGNORECASE)


def _protect_merge_tags(html: str) -> tuple[str, list[str]]:
    """Swap merge tags in links for plain markers: lxml would percent-encode their spaces."""
    tags: list[str] = []

    def protect(tag: str, name: str, value: str) -> str | None:
        if name not in LINK_ATTRIBUTES or not WHOLE_MERGE_TAG.match(value):
            return None
        tags.append(value)
        return f"digest-merge-tag-{len(tags) - 1}"

    return rewrite_html(html, text=None, attribute=protect, only=LINK_ATTRIBUTE), tags


def _restore_merge_tags(html: str, tags: list[str]) -> str:
    return re.sub(r"digest-merge-tag-(\d+)", lambda m: escape_html(tags[int(m.group(1))]), html)


def absolute_links(html: str, base_url: str) -> str:
    """Relative links and images made absolute against `base_url` (the issue's web page, so
    a link in the introduction leads where it does there); merge tags left for the mail service."""

    def fix(tag: str, name: str, value: str) -> str | None:
        if name not in LINK_ATTRIBUTES or not value or value.startswith("#") or WHOLE_MERGE_TAG.match(value):
            return None
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", value):
            return None
        return urljoin(base_url, value)

    return rewrite_html(html, text=None, attribute=fix, only=LINK_ATTRIBUTE)
