"""The site's language in what the theme writes: its own words (render/translations.py, through
Jinja's i18n extension: `{{ _("Unsubscribe") }}`, `{% trans %}`), its dates (CLDR's forms,
through Babel, for the language and its region) and the locale Open Graph names.

A language the theme has no words for reads the English theme, with no error. Babel's data is
read only where a date, a count or a locale asks for it: an English site's build that renders
nothing new never imports it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from digest.render.translations import TRANSLATIONS, Translation

if TYPE_CHECKING:
    import jinja2
    from babel import Locale

    from digest.cache import BuildCache
    from digest.model import Issue, IssueSummary, ReviewSummary

UNDETERMINED = "und"


def _subtags(language: str) -> tuple[str, str | None]:
    """The language subtag (lower case) and the region (upper case) of a BCP 47 tag, if any."""
    parts = language.replace("_", "-").split("-")
    region = next(
        (part.upper() for part in parts[1:] if len(part) == 2 or (len(part) == 3 and part.isdigit())), None
    )
    return parts[0].lower(), region


class Words:
    """The theme's words in one language: its table, then its language's, then English."""

    def __init__(self, language: str) -> None:
        self.language = language
        code, region = _subtags(language)
        if code not in TRANSLATIONS and (locale := babel_locale(language)) is not None:
            code = locale.language  # a former code CLDR knows: iw is he, as its dates are
        names = [f"{code}_{region}" if region else None, code, "en"]
        self.tables = [TRANSLATIONS[name] for name in dict.fromkeys(names) if name and name in TRANSLATIONS]
        self.english = TRANSLATIONS.get(code) is None or code == "en"

    def _entry(self, message: str) -> Translation | None:
        return next((table[message] for table in self.tables if message in table), None)

    def template(self, message: str) -> str:
        """The translation of `message`, its placeholders not filled in (Jinja fills them)."""
        entry = self._entry(message)
        return entry if isinstance(entry, str) else message

    def plural_template(self, singular: str, plural: str, count: int) -> str:
        entry = self._entry(singular)
        if not isinstance(entry, dict):
            return singular if count == 1 else plural
        return entry.get(self.plural_category(count)) or entry["other"]

    def plural_category(self, count: int) -> str:
        if self.english:
            return "one" if count == 1 else "other"
        locale = babel_locale(self.language)
        return locale.plural_form(count) if locale is not None else ("one" if count == 1 else "other")

    def gettext(self, message: str, **variables: Any) -> str:
        text = self.template(message)
        return text % variables if variables else text

    def ngettext(self, singular: str, plural: str, count: int, **variables: Any) -> str:
        return self.plural_template(singular, plural, count) % {"num": count, **variables}


@functools.lru_cache(maxsize=32)
def theme_words(language: str) -> Words:
    return Words(language)


@functools.lru_cache(maxsize=32)
def babel_locale(language: str) -> Locale | None:
    """CLDR's locale for a language tag, its trailing subtags dropped one by one until CLDR
    knows it (de-CH-1996 is de_CH); None for the undetermined language or one CLDR lacks."""
    from babel import Locale, UnknownLocaleError

    parts = language.replace("_", "-").split("-")
    if parts[0].lower() == UNDETERMINED:
        return None
    while parts:
        try:
            return Locale.parse("-".join(parts), sep="-")
        except (UnknownLocaleError, ValueError, TypeError):
            parts.pop()
    return None


def long_date(value: datetime, language: str = "en") -> str:
    """The date as the site's language and region write it in full (CLDR's long form: "9.
    Januar 2026", en-US's "January 9, 2026"); English without a region, an undetermined
    language and one CLDR does not know: "9 January 2026", as the theme always wrote it."""
    code, region = _subtags(language)
    locale = None if code == "en" and region is None else babel_locale(language)
    if locale is None:
        return f"{value.day} {ENGLISH_MONTHS[value.month - 1]} {value.year}"
    from babel.dates import format_date

    return format_date(value.date(), "long", locale=locale)


ENGLISH_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def isolated(value: str, language: str = "en") -> str:
    """`value` set apart (Unicode's first-strong isolate) where it runs the other way from the
    site's language: else a name or title written left to right on a right-to-left site
    takes the number after it into its run ("بقلم Ann Lee · 2 يناير" would show the 2 beside
    the name), in the HTML and the text email alike."""
    from digest.render.direction import first_letter_direction, language_direction

    direction = first_letter_direction(value)
    if direction is None or direction == language_direction(language):
        return value
    return f"\u2068{value}\u2069"


def byline(review: ReviewSummary, language: str = "en") -> str:
    """The byline in the site's language: "by Ann Lee · 9 January 2026 · 5 min read"."""
    words = theme_words(language)
    author = isolated(review.author, language) if review.author else None
    parts = [words.gettext("by %(author)s", author=author) if author else None]
    if review.date is not None:
        parts.append(long_date(review.date, language))
    parts.append(words.ngettext("%(num)s min read", "%(num)s min read", review.reading_time))
    return " · ".join(p for p in parts if p)


def issue_label(issue: Issue | IssueSummary, language: str = "en") -> str:
    """How an issue is named in a masthead or a list: "No. 7: Title", or its title."""
    if not issue.number:
        return issue.title
    title = isolated(issue.title, language)
    return theme_words(language).gettext("No. %(number)s: %(title)s", number=issue.number, title=title)


_REMEMBERED_LOCALES: dict[str, str | None] = {}


def remember_language(cache: BuildCache, language: str) -> None:
    """Seed what a build asks CLDR of its language (which way it runs, its Open Graph
    locale) with the answers kept in the build cache: reading CLDR's data takes Babel about
    40 ms, on every build that renders a page."""
    from digest.cache import cache_key
    from digest.render.direction import language_direction, remember_direction

    key = cache_key("language-facts", language)
    direction, locale = cache.get_or_compute(key, lambda: (language_direction(language), og_locale(language)))
    remember_direction(language, direction)
    _REMEMBERED_LOCALES[language] = locale


def og_locale(language: str) -> str | None:
    """The locale as Open Graph names it: remembered from the build cache, else from CLDR."""
    from digest.render.localefacts import installed_facts

    if language in _REMEMBERED_LOCALES:
        return _REMEMBERED_LOCALES[language]
    installed = installed_facts(language)
    return installed[1] if installed is not None else _cldr_og_locale(language)


@functools.lru_cache(maxsize=32)
def _cldr_og_locale(language: str) -> str | None:
    """The locale as Open Graph names it (language_TERRITORY: en_US, de_DE, pt_BR): the tag's
    region, else the one CLDR's likely subtags give its language (and script); None where
    neither is known (the undetermined language, one CLDR lacks) or the region is a group
    of countries (es-419, Latin America), which no language_TERRITORY names."""
    locale = babel_locale(language)
    if locale is None:
        return None
    territory = locale.territory or _subtags(language)[1]  # a region CLDR has no locale for (ar-US)
    if territory is not None and not territory.isalpha():
        return None
    if territory is None:
        from babel.core import get_global

        likely = get_global("likely_subtags")
        named = f"{locale.language}_{locale.script}" if locale.script else locale.language
        expanded = likely.get(named) or likely.get(locale.language) or ""
        territory = next(
            (part for part in expanded.split("_")[1:] if part.isupper() and len(part) == 2), None
        )
    return f"{locale.language}_{territory}" if territory else None


def install(env: jinja2.Environment, language: str, direction: Callable[[], str]) -> None:
    """The site's language in an environment: the i18n extension's `_`, `gettext` and
    `ngettext` (new style: `_("Back to %(title)s", title=...)`, values escaped), the date,
    byline and issue-label helpers, the Open Graph locale and the page's direction."""
    words = theme_words(language)
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(  # type: ignore[attr-defined]  # added by the extension
        gettext=words.template, ngettext=words.plural_template, newstyle=True
    )
    env.filters.update(
        long_date=functools.partial(long_date, language=language),
        byline=functools.partial(byline, language=language),
        isolated=functools.partial(isolated, language=language),
    )
    env.globals.update(
        issue_label=functools.partial(issue_label, language=language),
        og_locale=functools.partial(og_locale, language),
        text_direction=direction,
    )
