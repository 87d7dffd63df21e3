"""The writer a weblog is named after (digest.sources.importer.siteowner): its title, home
link, footer signature and declared creator."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.sources.importer import read_article
from tests.helpers import review_page
from tests.test_import_rules import PROSE, page, save


def _personal_site(author_meta: str, home_text: str, handle: str = "annlee", byline: str = "") -> str:
    head = (
        f'<meta name="author" content="{author_meta}"><meta name="twitter:site" content="@{handle}">'
        '<link rel="canonical" href="https://harbour.example.org/notes/tides/">'
        "<title>Tide tables, read right</title>"
    )
    body = (
        f"<nav><a href='https://harbour.example.org/'>{home_text}</a></nav>"
        f"<h1>Tide tables, read right</h1><p>{byline or author_meta + ', April 19, 2020'}</p>"
        f"<article>{PROSE}</article>"
    )
    return page(head, body)


def test_a_blog_named_after_the_author_its_meta_declares(tmp_path: Path) -> None:
    draft = read_article(save(tmp_path, _personal_site("Ann Lee", "Ann Lee")))
    assert draft.author == "Ann Lee"
    assert any("blog's name" in guess for guess in draft.guesses)


@pytest.mark.parametrize(
    ("author_meta", "home_text", "byline"),
    [
        ("Ann Lee", "Home", "Ann Lee, April 19, 2020"),  # the home link does not read the name
        ("Harbour Notes", "Harbour Notes", "Updated weekly"),  # no byline with a date shows it
    ],
)
def test_a_declared_site_name_without_a_person_behind_it_is_no_author(
    tmp_path: Path, author_meta: str, home_text: str, byline: str
) -> None:
    handle = author_meta.replace(" ", "")
    draft = read_article(save(tmp_path, _personal_site(author_meta, home_text, handle=handle, byline=byline)))
    assert draft.author is None


def test_a_brand_named_like_its_address_is_no_author(tmp_path: Path) -> None:
    html = _personal_site("Ann Example", "Ann Example").replace("harbour.example.org", "annexample.org")
    assert read_article(save(tmp_path, html)).author is None


def _blog(title: str, home: str, canonical: str = "https://tides.example.net/reading") -> str:
    return page(
        f"<link rel='canonical' href='{canonical}'><meta property='og:title' content='{title}'>",
        f"<nav><h2><a href='{home}'>Ann Lee</a></h2></nav><article><h1>Reading a tide table</h1>{PROSE}</article>",
    )


def test_a_blog_named_after_its_author_names_the_author(tmp_path: Path) -> None:
    draft = read_article(
        save(tmp_path, _blog("Reading a tide table • Ann Lee", "https://tides.example.net/"))
    )
    assert draft.author == "Ann Lee"
    assert any("blog's name" in guess for guess in draft.guesses)


def test_a_name_after_the_headline_without_a_home_link_names_nobody(tmp_path: Path) -> None:
    elsewhere = _blog("Reading a tide table • Ann Lee", "https://other.example.org/")
    assert read_article(save(tmp_path, elsewhere, "elsewhere.html")).author is None
    inner = _blog("Reading a tide table • Ann Lee", "/about")
    assert read_article(save(tmp_path, inner, "inner.html")).author is None


def test_a_brand_in_the_title_named_like_its_address_is_no_author(tmp_path: Path) -> None:
    html = _blog("Reading a tide table • Ann Lee", "/", canonical="https://www.ann-lee.example/tides")
    assert read_article(save(tmp_path, html)).author is None  # as 'Boing Boing' at boingboing.net


def _signed_blog(title: str, footer: str, site_name: str = "Harbour Notes") -> str:
    return page(
        f"<title>{title}</title><meta property='og:title' content='Reading a tide table'>"
        f"<meta property='og:site_name' content='{site_name}'>",
        f"<div class='post'><h2 class='post-title'>Reading a tide table</h2>{PROSE}</div>{footer}",
    )


@pytest.mark.parametrize(
    ("title", "footer", "expected"),
    [
        (
            "Reading a tide table :: Harbour Notes — Ann Lee",
            "<footer><div class='copyright copyright--user'>Ann Lee. Built with Hugo</div></footer>",
            "Ann Lee",
        ),
        (
            "Reading a tide table «  Dr. Ann B. Lee",
            "<div id='footer'>&copy; 2010 by Dr. Ann B. Lee | <a href='/impressum/'>Impressum</a></div>",
            "Dr. Ann B. Lee",
        ),
    ],
)
def test_a_blog_whose_footer_signs_the_name_its_title_ends_with_names_the_author(
    tmp_path: Path, title: str, footer: str, expected: str
) -> None:
    draft = read_article(save(tmp_path, _signed_blog(title, footer)))
    assert draft.author == expected
    assert any("blog's name" in guess for guess in draft.guesses)


@pytest.mark.parametrize(
    ("title", "footer"),
    [
        (
            "Reading a tide table :: Harbour Notes — Ann Lee",
            "<footer>&copy; 2011 Bob Roe</footer>",
        ),  # another
        ("Reading a tide table :: Harbour Notes — Ann Lee", "<aside><p>Ann Lee</p></aside>"),  # no footer
        ("Reading a tide table | Harbour Notes", "<footer>&copy; 2011 Harbour Notes</footer>"),  # the site
        ("Harbour Notes — Ann Lee", "<footer>&copy; 2011 Ann Lee</footer>"),  # no headline before it
    ],
)
def test_a_name_the_footer_does_not_sign_after_the_headline_names_nobody(
    tmp_path: Path, title: str, footer: str
) -> None:
    assert read_article(save(tmp_path, _signed_blog(title, footer))).author is None


def _site_named_after(footer: str) -> str:
    # a site whose address spells its writer's name ('Ann Lee' at annlee.example), titled 'Headline - Ann Lee'
    return page(
        "<link rel='canonical' href='https://annlee.example/notes/tides/'>"
        "<title>Reading a tide table - Ann Lee</title><meta property='og:title' content='Reading a tide table'>",
        f"<header><a href='/'>Ann</a></header><article><h1>Reading a tide table</h1>{PROSE}</article>{footer}",
    )


def test_a_footer_that_signs_in_the_first_person_names_the_writer_the_address_spells(tmp_path: Path) -> None:
    # 'opinions ... are my own': the copyright holder is a person, where a brand's footer says 'we'
    footer = (
        "<footer><p>Copyright 2012-2026 Ann Lee. Any and all opinions listed here are my own.</p></footer>"
    )
    draft = read_article(save(tmp_path, _site_named_after(footer)))
    assert draft.author == "Ann Lee"
    assert any("blog's name" in guess for guess in draft.guesses)


@pytest.mark.parametrize(
    "footer",
    [
        "<footer><p>Copyright 2012-2026 Ann Lee. All our stories are checked by our editors.</p></footer>",
        "<footer><p>Copyright 2012-2026 Ann Lee.</p><div><p>Any and all opinions listed here are my own.</p></div></footer>",
    ],
)
def test_a_footer_that_signs_a_name_the_address_spells_without_an_i_names_nobody(
    tmp_path: Path, footer: str
) -> None:
    # a brand named like its address ('Boing Boing' at boingboing.net) signs its footer too
    assert read_article(save(tmp_path, _site_named_after(footer))).author is None


@pytest.mark.parametrize(
    "words",
    ["Our desk answers Mon-Fri.", "Read us every Mon and Thu.", "Tide tables, Part I to Part IV."],
)
def test_another_languages_first_person_word_is_no_i_in_an_english_footer(tmp_path: Path, words: str) -> None:
    # French 'mon' is English's Monday, and a roman numeral no pronoun: a brand's footer spoke as I
    # (found by review25)
    footer = f"<footer><p>Copyright 2012-2026 Ann Lee. {words}</p></footer>"
    assert read_article(save(tmp_path, _site_named_after(footer))).author is None


def test_a_footer_in_the_pages_own_language_speaks_as_i(tmp_path: Path) -> None:
    footer = "<footer><p>Copyright 2012-2026 Ann Lee. Les opinions sont les miennes, mon avis.</p></footer>"
    html = _site_named_after(footer).replace("lang='en'", "lang='fr-FR'", 1)
    assert "lang='fr-FR'" in html
    assert read_article(save(tmp_path, html)).author == "Ann Lee"


def _lower_case_signed(footer_links: str, line: str = "© 2014-2021 ines okafor") -> str:
    return page(
        "<title>Tide tables - Notes</title><meta property='og:site_name' content='Notes'>",
        f"<article><h1>Tide tables</h1>{PROSE}</article><footer id='footer'><ul>{footer_links}</ul>"
        f"<div class='copyright'><p>{line}</p></div></footer>",
    )


def test_a_lower_case_copyright_signature_that_a_profile_link_spells_names_the_writer(tmp_path: Path) -> None:
    # a name written in lower case, as some writers sign; the profile's address spells it with hyphens
    links = "<li><a href='https://linkedin.example.com/in/ines-okafor-b05452'>LinkedIn</a></li>"
    draft = read_article(save(tmp_path, _lower_case_signed(links)))
    assert draft.author == "ines okafor"
    assert any("copyright line" in guess for guess in draft.guesses)


@pytest.mark.parametrize(
    ("links", "line"),
    [
        (
            "<li><a href='https://code.example.com/harbournotes'>Code</a></li>",
            "© 2014-2021 ines okafor",
        ),  # no profile
        (
            "<li><a href='https://social.example.com/ines-okafor'>Me</a></li>",
            "© 2021 harbour notes, all rights",
        ),
        ("<li><a href='/tags/ines-okafor'>Tag</a></li>", "© 2014-2021 ines okafor"),  # the site's own page
    ],
)
def test_a_lower_case_footer_line_without_a_profile_spelling_it_names_nobody(
    tmp_path: Path, links: str, line: str
) -> None:
    assert read_article(save(tmp_path, _lower_case_signed(links, line))).author is None


@pytest.mark.parametrize(
    ("creator", "footer"),
    [
        (
            "@boblroe",
            "<div class='footer'><p class='copyright'>Copyright © Bob L. Roe. Some rights reserved</p></div>",
        ),
        ("@bobroe", "<footer>&copy; 2012–2020 Bob Roe · <a href='/feed.xml'>RSS</a></footer>"),
        ("@bobby", "<footer><p>Copyright © Bobby Roe.</p></footer>"),  # one word of four letters or more
    ],
)
def test_the_declared_creator_whose_handle_spells_the_footers_signatory_is_the_author(
    tmp_path: Path, creator: str, footer: str
) -> None:
    head = (
        f"<meta name='twitter:site' content='@harbournotes'><meta name='twitter:creator' content='{creator}'>"
    )
    draft = read_article(save(tmp_path, review_page(head, footer)))
    assert draft.author is not None and draft.author.startswith("Bob") and draft.author.endswith("Roe")
    assert any("footer" in guess for guess in draft.guesses)


@pytest.mark.parametrize(
    ("creator", "site", "footer"),
    [
        ("@carlsmith", "@harbournotes", "<footer>&copy; 2012 Bob Roe</footer>"),  # another person
        ("@roe", "@harbournotes", "<footer>&copy; 2012 Bob Roe</footer>"),  # too short a word to tell
        ("@bobroe", "@harbournotes", "<aside>&copy; 2012 Bob Roe</aside>"),  # not in the footer
        ("@harbournotes", "@harbournotes", "<footer>&copy; 2012 Harbour Notes</footer>"),  # the site itself
        ("@bobroe", "@bobroe", "<footer>&copy; 2012 Bob Roe</footer>"),  # the site's own account
    ],
)
def test_a_footer_name_the_declared_creator_does_not_spell_names_nobody(
    tmp_path: Path, creator: str, site: str, footer: str
) -> None:
    head = f"<meta name='twitter:site' content='{site}'><meta name='twitter:creator' content='{creator}'>"
    assert read_article(save(tmp_path, review_page(head, footer))).author is None


def test_the_footers_curator_is_the_author_when_nothing_else_names_one(tmp_path: Path) -> None:
    footer = "<footer><p>©2018 Harbour Weekly | Terms | Curated by Ann Lee | @annlee on Twitter</p></footer>"
    html = page(
        "<title>Harbour Weekly - Issue 9</title>", f"<article><h1>Issue 9</h1>{PROSE}</article>{footer}"
    )
    assert read_article(save(tmp_path, html)).author == "Ann Lee"


def test_a_meta_author_that_is_the_sites_own_name_is_still_no_author(tmp_path: Path) -> None:
    html = page(
        "<title>Reading a tide table</title><meta name='twitter:site' content='@annlee'>"
        "<meta name='author' content='Ann Lee'>",
        f"<article><h1>Reading a tide table</h1>{PROSE}</article>",
    )
    assert read_article(save(tmp_path, html)).author is None


@pytest.mark.parametrize("canonical", ["", "<link rel='canonical' href='https://example.org/tides/'>"])
def test_a_heading_linked_to_a_malformed_address_is_no_link_home(tmp_path: Path, canonical: str) -> None:
    """'http://[::1' is no address urllib can take apart (an IPv6 host left open): a heading
    linked to it links nowhere, and the page is read all the same."""
    body = f"<h2><a href='http://[::1'>Reading a tide table</a></h2><p>{PROSE}</p>"
    draft = read_article(save(tmp_path, page(f"<title>Reading a tide table</title>{canonical}", body)))
    assert draft.title == "Reading a tide table"


@pytest.mark.parametrize(
    "href",
    [
        "https://www.linkedin.com/company/tide-works",
        "https://github.com/tide-works",
        "https://www.facebook.com/pages/tide-works",
        "https://social.example.com/tide-works",
    ],
)
def test_a_lower_case_brand_whose_organisations_page_spells_it_is_no_writer(
    tmp_path: Path, href: str
) -> None:
    """'© 2020 tide works' beside a link to the company's LinkedIn page or its GitHub account
    made the brand the author (found by review25): an organisation's page spells a name as a
    person's does. Only an address shaped as a person's profile ('/in/', '/people/') names a
    writer; an account of one segment may be a person's or an organisation's, and says nothing."""
    links = f"<li><a href='{href}'>Us</a></li>"
    draft = read_article(save(tmp_path, _lower_case_signed(links, "© 2020 tide works")))
    assert draft.author is None


@pytest.mark.parametrize(
    "href",
    ["https://www.linkedin.com/in/ines-okafor", "https://staff.example.org/people/ines-okafor/"],
)
def test_a_lower_case_signature_a_persons_profile_spells_names_the_writer(tmp_path: Path, href: str) -> None:
    links = f"<li><a href='{href}'>Me</a></li>"
    assert read_article(save(tmp_path, _lower_case_signed(links))).author == "ines okafor"
