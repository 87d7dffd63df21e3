"""The theme's own words, its dates and its locale in the site's language (render/language.py):
every built-in message translated for the languages the theme ships, English for the rest,
a region's date forms, Open Graph's ll_CC locale."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import jinja2
import pytest

from digest.render import language
from digest.render.environment import theme_path
from digest.render.language import long_date, og_locale, theme_words
from digest.render.translations import TRANSLATIONS
from tests.helpers import set_in_config
from tests.test_cli import run, tree
from tests.test_robustness import ISSUE

# What an English-speaking editor would spot on a page written in another language: the
# theme's own words, as the English theme writes them.
ENGLISH_WORDS = (
    "Read our review",
    "The original article",
    "View this issue in your browser",
    "Unsubscribe",
    "Subscribe by RSS",
    "In this issue",
    "IN THIS ISSUE",
    "Featured review",
    "FEATURED",
    "min read",
    "All issues",
    "Back to",
    "Forwarded this email?",
    "Like what you read?",
    "Get every issue",
    "Get the next issue",
    "because you subscribed",
    "Atom feed",
    ">by ",
    "· by ",
    "\nby ",
    "  by ",
    "Issue 2",
    "No. 2",
    "Reply to this email",
)
# The counts and dates, written as the English theme writes them.
ENGLISH_FORMS = re.compile(r"\d+ (?:reviews?|links?|issues?)\b|\d{1,2} January \d{4}|January \d{1,2}, \d{4}")


def with_language(project: Path, language: str) -> None:
    settings = project / "digest.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace('language = "en"', f'language = "{language}"'), encoding="utf-8")


def build(project: Path) -> dict[str, str]:
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    return {name: data.decode("utf-8") for name, data in tree(project / "dist").items() if _is_text(name)}


def _is_text(name: str) -> bool:
    return name.endswith((".html", ".txt", ".xml", ".json", ".eml"))


def readers_text(outputs: dict[str, str]) -> dict[str, str]:
    """What readers read of each output: the pages, the emails and the feed entries' content
    (the reviews' own English text taken out, as an editor would write theirs in the
    language)."""
    shown = {}
    for name, text in outputs.items():
        if name.endswith(".eml") or name == "sitemap.xml":
            continue
        text = re.sub(r'<div class="body".*?</div>\n<p class="back">', '<p class="back">', text, flags=re.S)
        shown[name] = text
    return shown


def messages_of_the_theme() -> set[str]:
    """Every message the built-in templates and digest's code translate."""
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    found: set[str] = set()
    for path in sorted(theme_path().glob("*.j2")):
        for _, _, message in env.extract_translations(path.read_text(encoding="utf-8")):
            found.add(message[0] if isinstance(message, tuple) else message)  # the singular of a count
    return found


# --- the words ---------------------------------------------------------------------------------


# The languages the theme ships a table of its own for (a region's table, pt_PT, refines one).
THEME_LANGUAGES = frozenset(name for name in TRANSLATIONS if "_" not in name)


@pytest.mark.parametrize("language", sorted(THEME_LANGUAGES - {"en"}))
def test_every_message_of_the_theme_is_translated_for_each_language_it_ships(language: str) -> None:
    used = messages_of_the_theme() | set(TRANSLATIONS["en"])
    table = TRANSLATIONS[language]
    assert used - set(table) == set(), f"{language} lacks these"
    assert set(table) - set(TRANSLATIONS["en"]) == set(), f"{language} has messages the theme no longer uses"
    for message, translation in table.items():
        forms = translation.values() if isinstance(translation, dict) else [translation]
        for form in forms:
            placeholders = set(re.findall(r"%\((\w+)\)s", message))
            assert set(re.findall(r"%\((\w+)\)s", form)) <= placeholders, (language, message, form)
            assert ("<a " in form) == ("<a " in message), (language, message)


def test_the_theme_uses_no_message_english_does_not_define() -> None:
    assert messages_of_the_theme() <= set(TRANSLATIONS["en"])


def test_a_regions_table_holds_only_messages_of_the_theme() -> None:
    regional = [name for name in TRANSLATIONS if "_" in name]
    assert regional == ["pt_PT"]
    for name in regional:
        assert set(TRANSLATIONS[name]) <= set(TRANSLATIONS["en"]), name


def test_a_german_site_reads_german_in_every_output(project: Path) -> None:
    with_language(project, "de")
    outputs = build(project)
    for name, text in readers_text(outputs).items():
        for words in ENGLISH_WORDS:
            assert words not in text, f"{name}: {words!r} left in English"
        assert not ENGLISH_FORMS.search(text), f"{name}: {ENGLISH_FORMS.search(text)} left in English"
    email_text = outputs[f"{ISSUE}/email.txt"]
    assert "IN DIESER AUSGABE" in email_text and "Abmelden: {{unsubscribe_url}}" in email_text
    assert "Diese Ausgabe im Browser ansehen" in outputs[f"{ISSUE}/email.html"]
    assert "Unsere Besprechung lesen" in outputs[f"{ISSUE}/index.html"]
    assert "2. Januar 2026" in outputs["index.html"]
    feed = json.loads(outputs["feed.json"])
    assert "In dieser Ausgabe" in feed["items"][0]["content_html"]


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fr", ("Lire notre critique", "Se désabonner", "Dans ce numéro")),
        ("es", ("Leer nuestra reseña", "Darse de baja", "En este número")),
        ("it", ("Leggi la nostra recensione", "Annulla l’iscrizione", "In questo numero")),
        ("nl", ("Lees onze recensie", "Afmelden", "In deze editie")),
        ("pt-BR", ("Leia nossa análise", "Cancelar inscrição", "Nesta edição")),
        ("pt-PT", ("Leia a nossa análise", "Cancelar subscrição", "Nesta edição")),
        ("ar", ("اقرأ مراجعتنا", "إلغاء الاشتراك", "في هذا العدد")),
        ("he", ("לקריאת הסקירה שלנו", "הסרה מרשימת התפוצה", "בגיליון הזה")),
    ],
)
def test_each_language_the_theme_ships_is_the_language_of_the_email(
    project: Path, language: str, words: tuple[str, ...]
) -> None:
    with_language(project, language)
    outputs = build(project)
    for word in words:
        assert word in outputs[f"{ISSUE}/email.html"], word
        assert word.upper() in outputs[f"{ISSUE}/email.txt"] or word in outputs[f"{ISSUE}/email.txt"], word


def test_a_language_the_theme_does_not_ship_falls_back_to_english(project: Path) -> None:
    with_language(project, "sw")
    outputs = build(project)
    assert "Read our review" in outputs[f"{ISSUE}/index.html"]
    assert '<html lang="sw"' in outputs[f"{ISSUE}/index.html"]


@pytest.mark.parametrize(("tag", "words_of"), [("iw", "he"), ("iw-IL", "he"), ("in", "en"), ("sw", "en")])
def test_a_languages_former_code_reads_its_words(tag: str, words_of: str) -> None:
    # 'iw', Hebrew's code before 1989, which Java still writes: Hebrew dates, right to left, and
    # the theme's words in English before.
    assert theme_words(tag).gettext("Read our review") == theme_words(words_of).gettext("Read our review")


def test_counts_take_the_plural_form_of_the_language() -> None:
    arabic = theme_words("ar")
    assert [arabic.ngettext("%(num)s review", "%(num)s reviews", n) for n in (1, 2, 3, 11)] == [
        "مراجعة واحدة",
        "مراجعتان",
        "3 مراجعات",
        "11 مراجعة",
    ]
    assert theme_words("fr").ngettext("%(num)s link", "%(num)s links", 0) == "0 lien"
    assert theme_words("en").ngettext("%(num)s link", "%(num)s links", 0) == "0 links"
    assert theme_words("de-CH").gettext("Unsubscribe") == "Abmelden"


def test_an_override_template_keeps_working_and_may_use_the_themes_words(project: Path) -> None:
    with_language(project, "de")
    (project / "templates").mkdir()
    (project / "templates" / "review.html.j2").write_text(
        '{% extends "base.html.j2" %}{% block content %}<h1>{{ review.title }}</h1>'
        '<p class="own">My own words</p><p class="theirs">{{ _("Back to %(title)s", title=issue.title) }}</p>'
        "{% trans %}Sections{% endtrans %}{% endblock %}\n",
        encoding="utf-8",
    )
    outputs = build(project)
    page = next(text for name, text in outputs.items() if name.startswith(f"{ISSUE}/review-"))
    assert '<p class="own">My own words</p>' in page
    assert "Zurück zu The year in AI, in four reviews" in page and "Abschnitte" in page


def test_a_translated_message_escapes_what_it_is_given(project: Path) -> None:
    with_language(project, "fr")
    settings = project / "digest.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace('title = "The Digest"', 'title = "Tom & <Jerry>"'), encoding="utf-8")
    page = build(project)[f"{ISSUE}/index.html"]
    assert "abonnez-vous à Tom &amp; &lt;Jerry&gt;</a>" in page


# --- the dates ---------------------------------------------------------------------------------


DAY = datetime(2026, 1, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "written"),
    [
        ("en", "9 January 2026"),
        ("en-GB", "9 January 2026"),
        ("en-US", "January 9, 2026"),
        ("en-CA", "January 9, 2026"),
        ("und", "9 January 2026"),
        ("und-Latn", "9 January 2026"),
        ("xx", "9 January 2026"),
        ("de", "9. Januar 2026"),
        ("de-CH", "9. Januar 2026"),
        ("pt-BR", "9 de janeiro de 2026"),
        ("pt-PT", "9 de janeiro de 2026"),
        ("fr-CA", "9 janvier 2026"),
        ("es-MX", "9 de enero de 2026"),
    ],
)
def test_a_date_is_written_as_the_language_and_its_region_write_it(language: str, written: str) -> None:
    assert long_date(DAY, language) == written


def test_a_regions_date_forms_reach_every_output(project: Path) -> None:
    with_language(project, "en-US")
    outputs = build(project)
    for name in (f"{ISSUE}/email.html", f"{ISSUE}/email.txt", f"{ISSUE}/index.html", "index.html"):
        assert "January 2, 2026" in outputs[name], name
        assert "2 January 2026" not in outputs[name], name
    assert "January 2, 2026" in json.loads(outputs["feed.json"])["items"][0]["content_html"]


# --- the locale a shared link names ------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "locale"),
    [
        ("en", "en_US"),
        ("en-GB", "en_GB"),
        ("de", "de_DE"),
        ("de-CH", "de_CH"),
        ("pt", "pt_BR"),
        ("pt-PT", "pt_PT"),
        ("ar", "ar_EG"),
        ("he", "he_IL"),
        ("zh-Hant", "zh_TW"),
        ("sr-Latn", "sr_RS"),
        ("es-419", None),  # Latin America: no one country
        ("ar-US", "ar_US"),  # the tag's own region, though CLDR has no locale for it
        ("he-US", "he_US"),
        ("xx", None),
        ("und", None),
        ("und-Latn", None),
    ],
)
def test_og_locale_is_the_language_and_its_likely_region(language: str, locale: str | None) -> None:
    assert og_locale(language) == locale


def test_the_pages_name_their_locale_as_open_graph_spells_it(project: Path) -> None:
    with_language(project, "de")
    page = build(project)[f"{ISSUE}/index.html"]
    assert '<meta property="og:locale" content="de_DE">' in page


def test_a_locale_that_cannot_be_known_is_left_out(project: Path) -> None:
    with_language(project, "xx")
    page = build(project)[f"{ISSUE}/index.html"]
    assert "og:locale" not in page


def test_a_right_to_left_site_points_its_arrows_and_lists_its_way(project: Path) -> None:
    with_language(project, "ar")
    outputs = build(project)
    email = outputs[f"{ISSUE}/email.html"]
    assert "اقرأ مراجعتنا ←</a>" in email and "→" not in email
    page = outputs["issue-2024/index.html"]
    assert '<span class="nav-label">العدد التالي &larr;</span>' in page
    assert '<li dir="ltr"><a href="#review-the-state-of-generative-models">' in page  # an English title
    assert "4 مراجعات، 3 روابط" in outputs["index.html"]


def test_an_arabic_site_for_readers_in_another_region_runs_right_to_left(project: Path) -> None:
    with_language(project, "ar-US")
    outputs = build(project)
    assert '<html lang="ar-US" dir="rtl"' in outputs["index.html"]
    assert '<meta property="og:locale" content="ar_US">' in outputs["index.html"]
    assert 'dir="rtl"' in outputs[f"{ISSUE}/email.html"]


def test_the_default_reply_prompt_is_translated_and_the_editors_own_kept(project: Path) -> None:
    with_language(project, "es")
    assert "Responde a este correo: leemos todas las respuestas." in build(project)[f"{ISSUE}/email.txt"]
    set_in_config(project, "email", 'reply_prompt = "Escríbenos."')
    text = build(project)[f"{ISSUE}/email.txt"]
    assert "Escríbenos." in text and "Responde a este correo" not in text


def test_a_right_to_left_email_aligns_its_text_to_the_right(project: Path) -> None:
    with_language(project, "ar")
    email = build(project)[f"{ISSUE}/email.html"]
    assert '<td align="right"' in email and '<td align="left"' not in email  # each text block
    assert "direction:rtl" in email and "direction:ltr" not in email  # MJML's columns
    assert re.search(r'<span dir="ltr"[^>]*>The year in AI, in four reviews</span> · 2 يناير 2026', email)


def test_a_build_takes_the_sites_locale_from_the_build_cache(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(project, "build", ISSUE).exit_code == 0
    language._REMEMBERED_LOCALES.clear()

    def not_read(tag: str) -> None:
        raise AssertionError(f"CLDR's data read again for {tag}")

    monkeypatch.setattr(language, "babel_locale", not_read)
    monkeypatch.setattr(language, "_cldr_og_locale", not_read)
    review = project / "issues" / ISSUE / "llm-report-2025.md"
    review.write_text(review.read_text() + "\nOne more line.\n")
    assert run(project, "build", ISSUE).exit_code == 0
    page = (
        project
        / "dist"
        / ISSUE
        / "review-a-report-on-large-language-models-in-2025-and-beyond"
        / "index.html"
    )
    assert '<meta property="og:locale" content="en_US">' in page.read_text()


def test_a_name_running_the_other_way_is_isolated_so_the_date_keeps_its_place(project: Path) -> None:
    with_language(project, "ar")
    outputs = build(project)
    assert "بقلم \u2068Sebastian Raschka\u2069 · 2 يناير 2026" in outputs[f"{ISSUE}/index.html"]
    assert (
        "العدد 2 · \u2068The year in AI, in four reviews\u2069 · 2 يناير 2026"
        in outputs[f"{ISSUE}/email.txt"]
    )
    assert "العدد 1: \u20682024 in review: one long read and a short note\u2069</a>" in outputs["index.html"]
    assert "العدد 2: \u2068The year in AI, in four reviews\u2069</a>" in outputs["index.html"]


def test_an_english_site_isolates_nothing(project: Path) -> None:
    outputs = build(project)
    assert not any("\u2068" in text for text in outputs.values())


def test_an_undetermined_language_reads_the_english_theme_dated_day_first(project: Path) -> None:
    with_language(project, "und-Latn")
    outputs = build(project)
    for name in (f"{ISSUE}/email.txt", f"{ISSUE}/index.html", "index.html"):
        assert "2 January 2026" in outputs[name] and "January 2, 2026" not in outputs[name], name
    assert "og:locale" not in outputs[f"{ISSUE}/index.html"]


FEED_NAMES = {"rss.xml": "RSS", "feed.xml": "Atom", "feed.json": "JSON"}


def _feed_links(html: str) -> list[tuple[str, str]]:
    """Each link to a feed file of the site, or named after a feed format: (file, its words)."""
    from lxml import html as lxml_html

    found = []
    for anchor in lxml_html.fromstring(html).iter("a"):
        target = (anchor.get("href") or "").rsplit("/", 1)[-1]
        words = anchor.text_content()
        if target in FEED_NAMES or any(name in words for name in FEED_NAMES.values()):
            found.append((target, words))
    return found


@pytest.mark.parametrize("language", [code.replace("_", "-") for code in TRANSLATIONS])
def test_each_feed_link_names_the_feed_it_points_to_in_every_language(project: Path, language: str) -> None:
    """The email's "Subscribe by RSS" pointed at the Atom feed (found by review22): in every
    output and language, a link naming RSS goes to the RSS file, Atom to Atom, JSON to JSON."""
    with_language(project, language)
    outputs = build(project)
    pages = [name for name in outputs if name.endswith(".html")]
    seen = set()
    for name in pages:
        for target, words in _feed_links(outputs[name]):
            assert target in FEED_NAMES and FEED_NAMES[target] in words, (name, target, words)
            seen.add(target)
    assert seen == set(FEED_NAMES)
    text = outputs[f"{ISSUE}/email.txt"]
    label = theme_words(language).gettext("Subscribe by RSS")
    after = text[text.index(label) :]
    assert re.search(r"https://\S+", after).group(0).endswith("/rss.xml"), after[:200]  # type: ignore[union-attr]
