"""The eighth round's rules, each on input written for these tests, then on the round's real
files: authors named by keys into a site's data folder (Jekyll's `_data/authors.yml`, Hugo's
`data/authors.toml` or one file a person, Middleman's `data/authors.yml`); bylines kept under
`author_name` or `attribution`, or in a theme's table of free keys (Zola's `[extra]`, Hugo's
`params`); a byline written as a Markdown link; and for pages: `<meta>`s that all keep their
text in `value` attributes, a blog named after the author its `<meta name=author>` declares, and
the PHP warnings a server printed around the document."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from digest.config import load_config
from digest.errors import ContentError
from digest.sources.importer import read_article
from digest.sources.importer.htmlpage import is_html, without_server_diagnostics
from digest.sources.issue import load_issue
from digest.sources.reviews import read_review
from digest.sources.sitefiles import SiteFiles
from tests.conftest import list_first
from tests.realworld import evaluate
from tests.test_import_rules import PROSE, page, save

BODY = "\nA paragraph of the post, long enough to be its text.\n"
JEKYLL_AUTHORS = """\
jdoe:
  name: Jane Doe
  twitter: jdoe
rroe:
  name: Richard Roe
"""
HUGO_AUTHORS_TOML = """\
[jdoe]
name = "Jane Doe"
bio = "Writes about tides."

[rroe]
name = "Richard Roe"
"""


def write_file(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def post(folder: Path, front_matter: str, name: str = "post.md") -> Path:
    return write_file(folder / name, f"---\ntitle: A post\ndate: 2024-05-01\n{front_matter}---\n{BODY}")


# --- authors in a site's data folder ------------------------------------------------------------


@pytest.mark.parametrize(
    ("data_file", "content"),
    [
        ("_data/authors.yml", JEKYLL_AUTHORS),  # Jekyll: site.data.authors[page.author]
        ("data/authors.yml", JEKYLL_AUTHORS),  # Middleman, Hugo
        ("data/authors.json", json.dumps({"jdoe": {"name": "Jane Doe"}})),
        ("data/authors.toml", HUGO_AUTHORS_TOML),  # Hugo's data files may be TOML
    ],
)
def test_an_author_key_is_named_by_the_sites_data_folder(
    tmp_path: Path, data_file: str, content: str
) -> None:
    site = tmp_path / "site"
    write_file(site / data_file, content)
    review = read_review(post(site / "_posts", "author: jdoe\n"))
    assert review.author == "Jane Doe"


@pytest.mark.parametrize("data_folder", ["data", "_data"])
def test_one_file_a_person_in_the_data_folder(tmp_path: Path, data_folder: str) -> None:
    site = tmp_path / "site"
    write_file(site / data_folder / "authors" / "jdoe.yaml", "name: Jane Doe\nbio: Writes about tides.\n")
    write_file(site / data_folder / "authors" / "rroe.toml", 'name = "Richard Roe"\n')
    review = read_review(post(site / "content" / "posts", "authors: [jdoe, rroe, nobody]\n"))
    assert review.author == "Jane Doe, Richard Roe, nobody"  # an unknown key stays as written


def test_the_nearest_authors_file_wins(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_file(site / "_data" / "authors.yml", JEKYLL_AUTHORS.replace("Jane Doe", "Far Away"))
    write_file(site / "blog" / "authors.yml", JEKYLL_AUTHORS)
    assert read_review(post(site / "blog", "author: jdoe\n")).author == "Jane Doe"


def test_a_data_folder_above_the_root_is_not_read(tmp_path: Path) -> None:
    write_file(tmp_path / "data" / "authors.yml", JEKYLL_AUTHORS)
    path = post(tmp_path / "issue", "author: jdoe\n")
    inside = SiteFiles(
        tmp_path / "issue", PurePosixPath("post.md"), lambda name: _read(tmp_path / "issue", name)
    )
    assert inside.people(("jdoe",)) == {}
    assert read_review(path, site=inside).author == "jdoe"


def _read(root: Path, name: str) -> bytes | None:
    path = root / name
    return path.read_bytes() if path.is_file() else None


def test_a_key_that_is_a_path_is_not_looked_up_as_a_file(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_file(site / "data" / "secret.yaml", "name: Not A Person\n")
    review = read_review(post(site / "posts", "author: ../secret\n"))
    assert review.author == "../secret"


def test_an_invalid_toml_authors_file_is_named(tmp_path: Path) -> None:
    site = tmp_path / "site"
    bad = write_file(site / "data" / "authors.toml", "[jdoe\nname = 'x'\n")
    with pytest.raises(ContentError) as raised:
        read_review(post(site / "posts", "author: jdoe\n"))
    assert "not valid TOML" in str(raised.value) and str(bad) in str(raised.value)


def test_an_issue_reads_a_data_folder_inside_it_and_reports_it_as_no_stray(project: Path) -> None:
    folder = project / "issues" / "issue-2025"
    write_file(folder / "_data" / "authors.yml", JEKYLL_AUTHORS)
    write_file(folder / "keyed.md", f"---\ntitle: Keyed\nauthor: rroe\n---\n{BODY}")
    list_first(folder / "issue.md", "keyed.md")
    loaded = load_issue(load_config(project / "digest.toml"), "issue-2025")
    keyed = next(r for r in loaded.issue.reviews if r.title == "Keyed")
    assert keyed.author == "Richard Roe"
    assert not [notice for notice in loaded.notices if "authors" in notice]


# --- bylines under other keys -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        ("author_name: Ann Lee\n", "Ann Lee"),  # nanoc sites (Prometheus's blog)
        ("attribution: Ann Lee (Example Corp)\n", "Ann Lee (Example Corp)"),  # Istio's Hugo site
        ("attribution: Ann Lee\nauthor: Bo Chan\n", "Bo Chan"),  # the author key first
        ("author_name: ''\n", None),  # nothing written: no author
    ],
)
def test_bylines_under_other_keys(tmp_path: Path, front_matter: str, expected: str | None) -> None:
    assert read_review(post(tmp_path, front_matter)).author == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '+++\ntitle = "A post"\ndate = 2024-05-01\n[extra]\nauthor = "Ann Lee"\ntwitter = "annlee"\n+++\n',
            "Ann Lee",
        ),
        ('+++\ntitle = "A post"\nauthors = ["Bo Chan"]\n[extra]\nauthor = "Ann Lee"\n+++\n', "Bo Chan"),
        ("---\ntitle: A post\nparams:\n  author: Ann Lee\n---\n", "Ann Lee"),  # Hugo's params
        ("---\ntitle: A post\nextra:\n  image: cover.png\n---\n", None),
    ],
)
def test_an_author_in_a_themes_table_of_free_keys(tmp_path: Path, text: str, expected: str | None) -> None:
    assert read_review(write_file(tmp_path / "post.md", text + BODY)).author == expected


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ('"[Austin Parker](https://github.com/austinlparker)"', "Austin Parker"),
        ('"[Ann Lee](https://example.org/ann) (Example Corp)"', "Ann Lee (Example Corp)"),
        ('"Yang Guo ([@hashseed](https://twitter.com/hashseed))"', "Yang Guo (@hashseed)"),
        ('"Ann [Lee]"', "Ann [Lee]"),  # brackets without a link are written text
        (
            "'<b>Ann</b> [Lee](https://example.org/)'",
            "<b>Ann</b> [Lee](https://example.org/)",
        ),  # raw HTML: text
    ],
)
def test_a_byline_written_as_markdown_reads_as_its_text(tmp_path: Path, author: str, expected: str) -> None:
    assert read_review(post(tmp_path, f"author: {author}\n")).author == expected


# --- pages ----------------------------------------------------------------------------------------


def test_meta_tags_that_keep_their_text_in_value_attributes(tmp_path: Path) -> None:
    head = (
        '<meta name="author" value="Ann Lee">'
        '<meta name="og:title" value="Tide tables, read right">'
        '<meta name="description" value="How to read a tide table.">'
        '<meta name="article:published_time" value="2020-04-19T06:50:00+01:00">'
        "<title>Tides | Harbour Notes</title>"
    )
    draft = read_article(
        save(tmp_path, page(head, f"<h1>Tide tables, read right</h1><article>{PROSE}</article>"))
    )
    assert (draft.author, draft.description) == ("Ann Lee", "How to read a tide table.")
    assert draft.date is not None and draft.date.isoformat() == "2020-04-19T06:50:00+01:00"


def test_a_stray_value_attribute_beside_content_metas_is_the_pages_own(tmp_path: Path) -> None:
    head = (
        '<meta name="author" value="Theme Designer">'  # a Blogger template's own credit
        '<meta property="og:title" content="Tide tables, read right">'
    )
    draft = read_article(
        save(tmp_path, page(head, f"<h1>Tide tables, read right</h1><article>{PROSE}</article>"))
    )
    assert draft.author != "Theme Designer"


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


PHP_WARNING = (
    "<br />\n<b>Warning</b>:  session_start(): open(/tmp/sess_1, O_RDWR) failed: Disk quota exceeded (122) in "
    "<b>/var/www/wp-content/plugins/x/lib.php</b> on line <b>145</b><br />\n"
)


def test_php_warnings_before_the_document_leave_a_page_a_page(tmp_path: Path) -> None:
    html = (
        PHP_WARNING
        + page(
            '<meta property="og:title" content="Tide tables, read right">',
            f"<h1>Tide tables, read right</h1><article>{PROSE}</article>",
        )
        + PHP_WARNING.replace("Warning", "Notice")
    )
    assert is_html(html.encode())
    draft = read_article(save(tmp_path, html))
    assert draft.title == "Tide tables, read right"
    assert "Warning" not in draft.body and "Notice" not in draft.body and "Harbour masters" in draft.body


def test_only_the_servers_diagnostics_go() -> None:
    inside = "<p><b>Warning</b>: tides run fast here.<br></p>"
    html = f"{PHP_WARNING}<!DOCTYPE html><html><body>{inside}</body></html>\n<!-- end -->{PHP_WARNING}"
    kept = without_server_diagnostics(html).strip()
    assert kept == f"<!DOCTYPE html><html><body>{inside}</body></html>\n<!-- end -->"


def test_a_text_that_opens_with_a_warning_is_no_page() -> None:
    assert not is_html((PHP_WARNING + "Tide tables are published weekly.\n").encode())


# --- the round's real files ------------------------------------------------------------------------

ROUND_8 = [
    entry
    for entry in evaluate.load_manifest()
    if entry["kind"] != "data"
    and (
        "/postlight8-" in entry["file"]
        or entry["file"].split("-")[0][6:] in {"311", "324", "326", "327", "335", "340", "343", "344"}
    )
]


def test_the_round_is_all_there() -> None:
    kinds = [entry["kind"] for entry in ROUND_8]
    assert kinds.count("post") == 12 and kinds.count("page") == 3


@pytest.mark.parametrize("entry", ROUND_8, ids=lambda entry: entry["file"])
def test_the_rounds_real_files_read_right(entry: dict[str, Any]) -> None:
    path = evaluate.HERE / entry["file"]
    if entry["kind"] == "post":
        score = evaluate.score_post(entry, evaluate.digest_post(path))
    else:
        score = evaluate.score_page(entry, evaluate.digest_page(path))
    assert score.right, evaluate.row(score)
    assert all(passed for _, passed in score.extras), score.extras
