"""digest/sources/importer/command.py, `digest import`: articles of every shape become normalised reviews of an issue."""

from __future__ import annotations

import json
import re
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from digest.config import Config, load_config
from digest.errors import ContentError
from digest.sources import plaintext
from digest.sources.importer import Imported, import_reviews, read_article, with_reviews
from digest.sources.issue import load_issue
from digest.sources.reviews import decode, parse, read_review, sniff
from digest.sources.scaffold import new_issue
from tests.conftest import CORPUS, readme_title
from tests.helpers import FOLDER, issue_md, one_error_line
from tests.test_cli import run
from tests.test_robustness import ISSUE as DEMO_ISSUE
from tests.test_robustness import ISSUE_FILE, assert_clean_failure

ISSUE = "issue-2026-01"


@pytest.fixture
def config(project: Path) -> Config:
    config = load_config(project / "digest.toml")
    new_issue(config, ISSUE, title="Imports", issue_date=date(2026, 1, 9))
    return config


def issue_file(config: Config) -> Path:
    return config.issues_path / ISSUE / "issue.md"


def listed(config: Config) -> list[str]:
    path = issue_file(config)
    return list(parse(decode(path), path).meta["reviews"])


def import_one(config: Config, source: Path) -> Imported:
    (imported,) = import_reviews(config, ISSUE, [source])
    return imported


def front_matter(path: Path) -> dict[str, object]:
    parsed = parse(decode(path), path)
    assert parsed.format == "yaml-front-matter"
    return parsed.meta


# --- the seeds: what their README says a careful reader extracts


README_TITLE = object()  # read from the seeds README at test time
SEED_EXPECTATIONS = {
    "000_692017d728e81b6f.txt": {
        "title": "The State of LLMs in 2025",
        "author": None,
        "date": datetime(2025, 12, 31, tzinfo=UTC),
        "tags": ("ai", "llm", "2025"),
        "description": "Progress, problems and predictions.",
        "featured": True,
    },
    "001_65e4e9071205030e.txt": {
        "title": "The State Of LLMs 2025: Progress, Progress, and Predictions",
        "author": "Sebastian",
        "date": None,
        "tags": (),
    },
    "002_2b68c0daf7f306c2.txt": {
        "title": "The State of Generative Models",
        "author": None,
        "date": None,
        "tags": (),
    },
    "003_990895999aaac973.txt": {
        "title": README_TITLE,
        "author": None,
        "date": None,
        "tags": (),
    },
}


@pytest.mark.parametrize("name", sorted(SEED_EXPECTATIONS))
def test_seed_imports_with_the_readme_metadata(seeds: Path, config: Config, name: str) -> None:
    imported = import_one(config, seeds / name)
    review = read_review(imported.target)
    assert review.format == "yaml-front-matter"
    for key, value in SEED_EXPECTATIONS[name].items():
        expected = readme_title(name) if value is README_TITLE else value
        assert getattr(review, key) == expected, key
    assert not review.draft
    original = read_review(seeds / name)
    assert review.sections == original.sections, "the import renders with the original's structure"
    assert review.html == original.html
    assert listed(config) == [imported.target.name]


def test_plain_text_seed_becomes_structured_markdown(seeds: Path, config: Config) -> None:
    imported = import_one(config, seeds / "001_65e4e9071205030e.txt")
    body = parse(decode(imported.target), imported.target).body
    structured = plaintext.structure(decode(seeds / "001_65e4e9071205030e.txt"))
    assert structured is not None and body.strip() == structured.markdown.strip()
    assert "## 1\\. The Year of Reasoning, RLVR, and GRPO" in body
    assert "### 1\\.1 The DeepSeek Moment" in body
    assert "<https://magazine.sebastianraschka.com/p/the-big-llm-architecture-comparison>" in body


def test_missing_date_and_author_are_reported(seeds: Path, config: Config) -> None:
    imported = import_one(config, seeds / "002_2b68c0daf7f306c2.txt")
    assert any(check.startswith("no date found") for check in imported.checks)
    assert any(check.startswith("no author found") for check in imported.checks)
    fields = dict(imported.fields)
    assert fields["title"] == "The State of Generative Models"
    assert fields["date"] == "(none found)"


# --- the corpus: what its MANIFEST says


def manifest_entries() -> list[dict]:  # type: ignore[type-arg]
    manifest = CORPUS / "MANIFEST.json"
    return json.loads(manifest.read_text()) if manifest.is_file() else []


@pytest.mark.parametrize("entry", manifest_entries(), ids=lambda e: e["file"])
def test_corpus_file_imports_with_the_manifest_metadata(
    corpus: Path,
    config: Config,
    entry: dict,  # type: ignore[type-arg]
) -> None:
    imported = import_one(config, corpus / entry["file"])
    assert front_matter(imported.target)["title"]
    review = read_review(imported.target)
    expected = entry["expected"]
    assert review.title == expected["title"]
    assert review.author == expected["author"]
    assert review.draft == expected["draft"]
    assert list(review.tags) == expected["tags"]
    assert list(review.categories) == entry["categories"]
    if expected["date"] is None:
        assert review.date is None
    elif "T" in expected["date"]:
        assert review.date == datetime.fromisoformat(expected["date"].replace("Z", "+00:00"))
    else:
        assert review.date is not None and review.date.date() == date.fromisoformat(expected["date"])
    assert review.html == read_review(corpus / entry["file"]).html


def test_whole_corpus_imports_into_one_issue_that_loads(corpus: Path, config: Config) -> None:
    sources = [corpus / entry["file"] for entry in manifest_entries()]
    imported = import_reviews(config, ISSUE, sources)
    assert listed(config) == [item.target.name for item in imported]
    issue = load_issue(config, ISSUE, include_drafts=True).issue
    assert len(issue.reviews) == len(sources)
    drafts = sum(entry["expected"]["draft"] for entry in manifest_entries())
    assert sum(review.draft for review in issue.reviews) == drafts


# --- HTML pages saved from a browser (written for these tests)

SAVED_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Reading tide tables | Harbour Notes</title>
<meta property="og:title" content="Reading tide tables">
<meta property="og:site_name" content="Harbour Notes">
<meta name="author" content="Mira Okafor">
<meta name="description" content="How to read a tide table before a coastal walk.">
<meta property="article:published_time" content="2024-05-14T08:30:00+01:00">
<meta property="article:tag" content="coast"><meta property="article:tag" content="walking">
<link rel="canonical" href="https://blog.example.com/posts/tide-tables">
<script>window.tracker = "should not appear";</script>
<style>body { color: red }</style>
</head><body>
<header class="site"><nav><a href="/">Home</a> <a href="/about">About us</a></nav></header>
<main>
<article>
<header><h1>Reading tide tables</h1><p class="byline">By Mira Okafor</p></header>
<p>A tide table lists <em>high</em> and <strong>low</strong> water for each day.
See <a href="/posts/charts">the chart notes</a>.</p>
<h2>Heights</h2>
<p>Heights are given above chart datum, roughly the lowest tide.</p>
<ul><li>Springs: a large range</li><li>Neaps: a small range</li></ul>
<pre><code class="language-python">range_m = high - low
</code></pre>
<figure><img src="Reading_files/curve.png" alt="a local copy"><figcaption>A tide curve.</figcaption></figure>
<p><img src="https://cdn.example.com/curve.png" alt="remote curve"></p>
<table><tr><th>Time</th><th>Height</th></tr><tr><td>06:10</td><td>4.2 m</td></tr></table>
<div class="share"><a href="https://social.example/share">Share this post</a></div>
<aside>Related posts you may like</aside>
</article>
<article class="teaser"><h2>Another post</h2><p>A teaser.</p></article>
</main>
<footer>Copyright Harbour Notes</footer>
</body></html>
"""


def write_page(tmp_path: Path, html: str | bytes, name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_bytes(html.encode() if isinstance(html, str) else html)
    return path


def test_saved_page_metadata(tmp_path: Path, config: Config) -> None:
    imported = import_one(config, write_page(tmp_path, SAVED_PAGE))
    assert imported.shape == "html-page"
    assert imported.target.name == "reading-tide-tables.md"
    meta = front_matter(imported.target)
    assert meta == {
        "title": "Reading tide tables",
        "author": "Mira Okafor",
        "date": "2024-05-14T08:30:00+01:00",
        "source_url": "https://blog.example.com/posts/tide-tables",
        "tags": ["coast", "walking"],
        "description": "How to read a tide table before a coastal walk.",
    }
    review = read_review(imported.target)
    assert review.date == datetime.fromisoformat("2024-05-14T08:30:00+01:00")


def test_saved_page_body_is_clean_markdown(tmp_path: Path, config: Config) -> None:
    imported = import_one(config, write_page(tmp_path, SAVED_PAGE))
    body = parse(decode(imported.target), imported.target).body
    assert sniff(body) == "markdown"
    assert "A tide table lists *high* and **low** water" in body
    assert "[the chart notes](https://blog.example.com/posts/charts)" in body
    assert "## Heights" in body
    assert "- Springs: a large range" in body
    assert "```python\nrange_m = high - low\n```" in body
    assert "| Time | Height |" in body
    assert "![remote curve](https://cdn.example.com/curve.png)" in body
    for furniture in ("should not appear", "color: red", "About us", "Share this post", "Related posts",
                      "Copyright", "A teaser", "By Mira", "Reading_files", "# Reading tide tables"):  # fmt: skip
        assert furniture not in body, furniture
    assert "\n\n\n" not in body and not any(line != line.rstrip() for line in body.split("\n"))
    assert any("image(s) saved beside the page" in check for check in imported.checks)
    assert not any("author" in check or "date" in check for check in imported.checks)


def test_page_without_metadata_tags_falls_back_to_h1_byline_and_time(tmp_path: Path, config: Config) -> None:
    page = (
        "<!doctype html><html><head><title>Site name - Whatever</title></head><body>"
        '<nav><a href="/x">Menu</a></nav><main><h1>Knots  for   beginners</h1>'
        '<span class="byline">by Tom Reyes</span><time datetime="2023-02-01">1 Feb</time>'
        '<p>Start with a bowline. <a href="other.html">More knots</a>.</p></main></body></html>'
    )
    imported = import_one(config, write_page(tmp_path, page))
    review = read_review(imported.target)
    assert review.title == "Knots for beginners"
    assert review.author == "Tom Reyes"
    assert review.date == datetime(2023, 2, 1, tzinfo=UTC)
    assert review.source_url is None
    assert "Menu" not in review.body and "Start with a bowline." in review.body
    assert any("no canonical address" in check for check in imported.checks)
    assert any(
        check.startswith("line ") and "relative link 'other.html'" in check and "source_url:" in check
        for check in imported.checks
    )


def test_page_text_that_looks_like_markdown_stays_text(tmp_path: Path, config: Config) -> None:
    page = (
        "<!doctype html><html><head><title>Lists</title></head><body><article>"
        "<p>1. is not a list here</p><p># nor a heading</p><p>Write &lt;b&gt; to be bold, a*b*c.</p>"
        "</article></body></html>"
    )
    review = read_review(import_one(config, write_page(tmp_path, page)).target)
    assert "<ol" not in review.html and "<h" not in review.html and "<em>" not in review.html
    assert "1. is not a list here" in review.html and "# nor a heading" in review.html
    assert "Write &lt;b&gt; to be bold, a*b*c." in review.html


def test_page_title_from_title_element_loses_the_site_name(tmp_path: Path, config: Config) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Night sailing | Harbour Notes</title>"
        '<meta property="og:site_name" content="Harbour Notes"></head>'
        "<body><article><p>Lights, sounds and patience.</p></article></body></html>"
    )
    review = read_review(import_one(config, write_page(tmp_path, page)).target)
    assert review.title == "Night sailing"
    assert review.author is None and review.date is None


def test_page_facts_from_json_ld_and_saved_from_comment(tmp_path: Path, config: Config) -> None:
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "Harbour Notes"},
            {"@type": "BlogPosting", "headline": "Anchoring", "datePublished": "2022-09-03",
             "author": [{"@type": "Person", "name": "Ana Lima"}, {"@type": "Person", "name": "Bo Chen"}]},
        ],
    }  # fmt: skip
    page = (
        "<!DOCTYPE html>\n<!-- saved from url=(0037)https://harbour.example.org/anchoring -->\n"
        f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head>'
        "<body><article><p>Pay out three times the depth.</p></article></body></html>"
    )
    imported = import_one(config, write_page(tmp_path, page))
    review = read_review(imported.target)
    assert review.title == "Anchoring"
    assert review.author == "Ana Lima, Bo Chen"
    assert review.date == datetime(2022, 9, 3, tzinfo=UTC)
    assert review.source_url == "https://harbour.example.org/anchoring"


def test_page_in_a_declared_legacy_encoding(tmp_path: Path, config: Config) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        "<title>Caf\xe9 au port</title></head><body><main><p>Caf\xe9 cr\xe8me.</p></main></body></html>"
    ).encode("cp1252")
    review = read_review(import_one(config, write_page(tmp_path, page)).target)
    assert review.title == "Café au port"
    assert "Café crème." in review.body


def test_an_unparseable_page_date_is_reported_not_fatal(tmp_path: Path, config: Config) -> None:
    page = (
        '<!doctype html><html><head><meta property="article:published_time" content="last Tuesday">'
        "</head><body><article><h1>Tides</h1><p>Text.</p></article></body></html>"
    )
    imported = import_one(config, write_page(tmp_path, page))
    assert read_review(imported.target).date is None
    assert any("'last Tuesday' was not understood" in check for check in imported.checks)


def test_extension_does_not_decide_the_format(tmp_path: Path, config: Config) -> None:
    """A page saved as .txt is still a page; a Markdown file named .html is still Markdown."""
    page = read_article(write_page(tmp_path, SAVED_PAGE, "page.txt"))
    assert page.shape == "html-page"
    markdown = read_article(write_page(tmp_path, "# Moorings\n\nA short **note**.\n", "note.html"))
    assert markdown.shape == "markdown" and markdown.title == "Moorings"


# --- never overwrite; nothing half-done


def test_existing_review_needs_force(tmp_path: Path, config: Config) -> None:
    source = write_page(tmp_path, SAVED_PAGE)
    imported = import_one(config, source)
    imported.target.write_text(imported.target.read_text() + "\nThe editor's addition.\n")
    edited = imported.target.read_bytes()
    with pytest.raises(ContentError, match="already exists.*--force"):
        import_reviews(config, ISSUE, [source])
    assert imported.target.read_bytes() == edited
    (again,) = import_reviews(config, ISSUE, [source], force=True)
    assert "The editor's addition." not in again.target.read_text()
    assert not again.added
    assert listed(config) == ["reading-tide-tables.md"]


def test_a_failing_file_stops_the_whole_import(tmp_path: Path, config: Config) -> None:
    good = write_page(tmp_path, SAVED_PAGE)
    bad = write_page(tmp_path, "---\ntitle: [unclosed\n---\nBody\n", "bad.md")
    before = issue_file(config).read_bytes()
    with pytest.raises(ContentError, match="invalid YAML"):
        import_reviews(config, ISSUE, [good, bad])
    assert sorted(p.name for p in issue_file(config).parent.iterdir()) == ["issue.md"]
    assert issue_file(config).read_bytes() == before


def test_two_sources_with_one_name_are_refused(tmp_path: Path, config: Config) -> None:
    first = write_page(tmp_path, "# Same title\n\nOne.\n", "a.md")
    second = write_page(tmp_path, "Same title\n\nTwo.\n", "b.txt")
    with pytest.raises(ContentError, match="would both become same-title.md"):
        import_reviews(config, ISSUE, [first, second])
    assert listed(config) == []


def test_a_review_never_takes_the_issue_file_name(tmp_path: Path, config: Config) -> None:
    imported = import_one(config, write_page(tmp_path, "# Issue\n\nAbout issues.\n", "x.md"))
    assert imported.target.name == "issue-review.md"
    assert front_matter(issue_file(config))["title"] == "Imports"


@pytest.mark.parametrize("title", ["Aux", "CON", "nul", "Com1", "LPT9"])
def test_a_review_never_takes_a_name_windows_keeps_for_a_device(
    tmp_path: Path, config: Config, title: str
) -> None:
    """An article titled 'Aux' became aux.md, a file Windows cannot make: the issue could not
    be checked out there (issue ids and static files with such names are refused)."""
    imported = import_one(config, write_page(tmp_path, f"# {title}\n\nA word.\n", "x.md"))
    assert imported.target.name == f"{title.lower()}-review.md"


# --- editing issue.md


def test_block_list_keeps_every_other_line(tmp_path: Path) -> None:
    text = (
        "---\n# our issue\ntitle: T   # keep me\ndate: 2026-01-01\nreviews:\n  # favourites first\n"
        '  - a.md\n\n  - b.md\npreheader: "p"\n---\nIntro with reviews: in it.\n'
    )
    edited = with_reviews(text, ["c.md", "name with space.md"], tmp_path / "issue.md")
    assert edited == text.replace("  - b.md\n", '  - b.md\n  - c.md\n  - "name with space.md"\n')


def test_flow_list_becomes_a_block_list(tmp_path: Path) -> None:
    text = "---\ntitle: T\nreviews: [a.md, b.md]  # the order\ndate: 2026-01-01\n---\nIntro.\n"
    edited = with_reviews(text, ["c.md"], tmp_path / "issue.md")
    assert edited == (
        "---\ntitle: T\nreviews:  # the order\n  - a.md\n  - b.md\n  - c.md\ndate: 2026-01-01\n---\nIntro.\n"
    )


def test_missing_reviews_key_is_added(tmp_path: Path) -> None:
    text = "---\ntitle: T\ndate: 2026-01-01\n---\nIntro.\n"
    assert with_reviews(text, ["a.md"], tmp_path / "issue.md") == (
        "---\ntitle: T\ndate: 2026-01-01\nreviews:\n  - a.md\n---\nIntro.\n"
    )


def test_crlf_issue_file_keeps_its_line_endings(tmp_path: Path, config: Config) -> None:
    path = issue_file(config)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    import_one(config, write_page(tmp_path, SAVED_PAGE))
    data = path.read_bytes()
    assert b"\r\n  - reading-tide-tables.md\r\n" in data
    assert data.count(b"\n") == data.count(b"\r\n")


# --- the command


def test_cli_import_prints_what_it_found_and_what_to_check(project: Path, tmp_path: Path) -> None:
    assert run(project, "new", ISSUE, "--date", "2026-01-09").exit_code == 0
    note = write_page(tmp_path, "Harbour hours\n\nThe harbour office opens at eight.\n", "note.txt")
    result = run(project, "import", str(note), str(write_page(tmp_path, SAVED_PAGE)), "--issue", ISSUE)
    assert result.exit_code == 0, result.output
    assert "harbour-hours.md" in result.output and "(plain-text)" in result.output
    assert "title       Harbour hours" in result.output
    assert "check: no date found" in result.output and "check: no author found" in result.output
    assert "author      Mira Okafor" in result.output
    assert "added 2 review(s)" in result.output
    again = run(project, "import", str(note), "--issue", ISSUE)
    assert again.exit_code == 1 and "--force" in again.output
    assert run(project, "import", str(note), "--issue", ISSUE, "--force").exit_code == 0


def test_cli_import_errors(project: Path, tmp_path: Path) -> None:
    note = write_page(tmp_path, "Title\n\nText.\n", "note.txt")
    missing_issue = run(project, "import", str(note), "--issue", "issue-2099")
    assert missing_issue.exit_code == 2 and "digest new issue-2099" in missing_issue.output
    assert run(project, "import", str(tmp_path / "absent.txt"), "--issue", "issue-2025").exit_code == 2
    assert run(project, "import", str(note)).exit_code == 2


def test_import_into_an_issue_with_sections_joins_its_first_section(project: Path, tmp_path: Path) -> None:
    from digest.config import load_config
    from digest.sources.issue import load_issue
    from tests.test_cli import run

    article = tmp_path / "notes.md"
    article.write_text("---\ntitle: Notes on the year\ndate: 2026-01-01\n---\nA few notes.\n")
    result = run(project, "import", str(article), "--issue", "issue-2025")
    assert result.exit_code == 0, result.output
    issue = load_issue(load_config(project / "digest.toml"), "issue-2025").issue
    first = issue.sections[0]
    assert first.title == "The four reviews" and first.items[-1].title == "Notes on the year"
    assert len(issue.sections[1].links) == 3  # the link items stay where they were
    assert run(project, "build", "issue-2025").exit_code == 0


# --- digest import: what is no article is said so for an import ----------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("photo.png", None, "this is an image, not an article"),
        ("notes.txt", b"text\x00with a NUL" * 10, "this is a binary file, not an article"),
        ("empty.md", b"  \n\n", "the file is empty: there is no article in it to import"),
    ],
)
def test_importing_what_is_no_article_gives_advice_for_an_import(
    project: Path, name: str, data: bytes | None, message: str
) -> None:
    """The build's words for a listed review were given: 'take it out of issue.md's list',
    'remove it from the issue', about a file no list held."""
    path = project / name
    if data is None:
        shutil.copy(project / FOLDER / "training-costs.png", path)
    else:
        path.write_bytes(data)
    before = (project / ISSUE_FILE).read_bytes()
    result = run(project, "import", str(path), "--issue", DEMO_ISSUE)
    assert_clean_failure(result, (f"{name}:", message))
    assert "issue.md" not in result.output.split(message)[1]
    assert (project / ISSUE_FILE).read_bytes() == before


def test_importing_into_an_issue_that_does_not_exist_is_a_usage_error_like_every_command(
    project: Path, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("A note\n\nSome words on a thing worth reading.\n")
    for command in (["import", str(notes), "--issue", "issue-2099"], ["build", "issue-2099"]):
        result = run(project, *command)
        assert result.exit_code == 2, (command, result.output)
        assert "no issue 'issue-2099'" in one_error_line(result.output)


GARDENS_PAGE = """<!doctype html>
<html lang="en"><head><title>Gardens in the shade</title>
<meta property="og:title" content="Gardens in the shade">
<link rel="canonical" href="https://example.org/gardens-in-the-shade">
<meta name="author" content="Ann Gardener"><meta name="date" content="2025-06-27"></head>
<body><article><h1>Gardens in the shade</h1>
<p>When summer comes, everybody wants to spend time outside, on the terrace or the balcony,
and in the middle of the day the sun is too strong for most of us to enjoy it for long.</p>
<img src="https://example.org/images/parasol.jpg">
<p>A parasol is the simplest answer: it moves with the sun and folds away when it rains.
Sails and awnings do the same for a larger space, at a higher price and with more work.</p>
<p><img src="https://example.org/images/sail.jpg" alt="A white sail over a terrace"></p>
<p>Whatever you choose, measure the space first and think about the wind.</p>
</article></body></html>
"""


def test_import_names_each_image_without_alt_text_by_its_line(project: Path, tmp_path: Path) -> None:
    page = tmp_path / "gardens.html"
    page.write_text(GARDENS_PAGE)
    result = run(project, "import", str(page), "--issue", DEMO_ISSUE)
    assert result.exit_code == 0, result.output
    written = (project / "issues" / DEMO_ISSUE / "gardens-in-the-shade.md").read_text().split("\n")
    checks = [line for line in result.output.splitlines() if "has no alt text" in line]
    assert len(checks) == 1 and "parasol.jpg" in checks[0], result.output
    number = int(checks[0].split("line ")[1].split(":")[0])
    assert "![](https://example.org/images/parasol.jpg)" in written[number - 1]
    build = run(project, "build", DEMO_ISSUE, "--no-check-links")
    assert build.exit_code == 1 and f"gardens-in-the-shade.md:{number}:" in one_error_line(build.output)


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("paper.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", "a PDF document"),
        ("notes.docx", b"PK\x03\x04\x14\x00\x06\x00\x08\x00", "a zipped document"),
    ],
)
def test_a_document_that_is_not_text_is_named_for_what_it_is(
    project: Path, tmp_path: Path, name: str, data: bytes, kind: str
) -> None:
    document = tmp_path / name
    document.write_bytes(data)
    imported = run(project, "import", str(document), "--issue", DEMO_ISSUE)
    assert imported.exit_code == 1
    line = one_error_line(imported.output)
    assert f"this is {kind}" in line and "save the article as HTML" in line and "UTF-8" not in line
    shutil.copy(document, project / "issues" / DEMO_ISSUE / name)
    text = issue_md(project).read_text()
    issue_md(project).write_text(
        text.replace("- state-of-llms-2025.md\n", f"- state-of-llms-2025.md\n      - {name}\n")
    )
    built = run(project, "build", DEMO_ISSUE, "--no-check-links")
    assert built.exit_code == 1
    line = one_error_line(built.output)
    assert f"{name}: this is {kind}" in line and "not a review" in line and "UTF-8" not in line


# --- importing a review written beside its pictures -----------------------------------------------


def a_picture() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(out, "PNG")
    return out.getvalue()


def draft_with_picture(folder: Path, source_url: str | None) -> Path:
    folder.mkdir()
    (folder / "chart.png").write_bytes(a_picture())
    (folder / "report.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    header = f"source_url: {source_url}\n" if source_url else ""
    review = folder / "parking.md"
    review.write_text(
        f"---\ntitle: Parking in the city centre\nauthor: Lena Hoffmann\ndate: 2025-12-12\n{header}---\n"
        "Parking costs the city more than it brings in.\n\n![A bar chart of parking fees](chart.png)\n\n"
        "The numbers are in [the report](report.pdf) and [the city's page](fees/).\n",
        encoding="utf-8",
    )
    return review


def test_import_brings_the_pictures_and_files_written_beside_a_review(project: Path, tmp_path: Path) -> None:
    review = draft_with_picture(tmp_path / "notes", "https://parking.example.org/city/")
    result = run(project, "import", str(review), "--issue", DEMO_ISSUE)
    assert result.exit_code == 0, result.output
    folder = project / "issues" / DEMO_ISSUE
    written = (folder / "parking-in-the-city-centre.md").read_text(encoding="utf-8")
    assert "![A bar chart of parking fees](chart.png)" in written
    assert "[the report](report.pdf)" in written
    assert "[the city's page](https://parking.example.org/city/fees/)" in written  # a page: made whole
    assert (folder / "chart.png").read_bytes() == (review.parent / "chart.png").read_bytes()
    assert (folder / "report.pdf").read_bytes() == (review.parent / "report.pdf").read_bytes()
    assert "chart.png" in result.output and "report.pdf" in result.output
    build = run(project, "build", DEMO_ISSUE, "--no-check-links")
    assert build.exit_code == 0, build.output
    assert "no review uses" not in build.output
    page = (project / "dist" / DEMO_ISSUE / "parking-in-the-city-centre" / "index.html").read_text(
        encoding="utf-8"
    )
    assert re.search(r'src="[^"]*assets/chart-[0-9a-f]{12}\.png"', page), page


def test_import_without_an_address_brings_the_pictures_and_names_only_the_links_to_pages(
    project: Path, tmp_path: Path
) -> None:
    review = draft_with_picture(tmp_path / "notes", None)
    result = run(project, "import", str(review), "--issue", DEMO_ISSUE)
    assert result.exit_code == 0, result.output
    assert (project / "issues" / DEMO_ISSUE / "chart.png").is_file()
    assert "relative link 'fees/'" in result.output
    assert "relative link 'chart.png'" not in result.output
    assert "relative link 'report.pdf'" not in result.output


def test_import_refuses_to_replace_a_different_picture_of_the_same_name(
    project: Path, tmp_path: Path
) -> None:
    review = draft_with_picture(tmp_path / "notes", None)
    own = project / "issues" / DEMO_ISSUE / "chart.png"
    own.write_bytes(b"not the same picture")
    result = run(project, "import", str(review), "--issue", DEMO_ISSUE)
    assert result.exit_code == 1, result.output
    assert "chart.png" in result.output and "--force" in result.output
    assert own.read_bytes() == b"not the same picture"
    assert not (project / "issues" / DEMO_ISSUE / "parking-in-the-city-centre.md").exists()


# --- digest import: a file past every limit ---------------------------------------------------


def test_importing_a_file_past_every_limit_names_the_limit_it_is_past(project: Path) -> None:
    """'over the 50,000,000-byte limit: raise [build] max_review_bytes', a setting of
    1,000,000 bytes that no value lets such a page through: the limit named is a saved
    page's, which no setting moves."""
    sparse = project / "saved-page.html"
    with sparse.open("wb") as file:
        file.truncate(10**11)
    result = run(project, "import", str(sparse), "--issue", DEMO_ISSUE)
    assert_clean_failure(result, ("saved-page.html", "100,000,000,000 bytes", "50,000,000-byte limit"))
    assert "max_review_bytes" not in result.output


def test_import_of_a_picture_name_holding_a_nul_byte_is_no_traceback(project: Path, tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    review = tmp_path / "notes" / "a.md"
    review.write_text(
        "---\ntitle: An article\ndate: 2025-01-01\n---\n\nText ![c](chart%00.png)\n", encoding="utf-8"
    )
    result = run(project, "import", str(review), "--issue", DEMO_ISSUE)
    assert "Traceback" not in result.output and not isinstance(result.exception, ValueError), result.output
    assert result.exit_code in (0, 1), result.output


def test_an_article_whose_reading_fails_is_named_with_what_to_do(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file on a failing disk or a lost share opens, then its read fails (EIO): a traceback."""
    from tests.test_files import failing_reads

    article = tmp_path / "outside" / "article.md"
    article.parent.mkdir()
    article.write_text("# An article\n\nSome text.\n")
    assert run(project, "new", ISSUE).exit_code == 0
    failing_reads(monkeypatch, "article.md")
    result = run(project, "import", str(article), "--issue", ISSUE)
    assert_clean_failure(result, ("article.md:", "cannot read the file", "(Input/output error)"))
    assert not (project / "issues" / ISSUE / "article.md").exists()


def test_a_page_of_only_a_doctype_is_one_error(tmp_path: Path) -> None:
    """lxml raised its ParserError ('Document is empty') out of the import."""
    page = tmp_path / "empty.html"
    page.write_text("<!DOCTYPE html>\n")
    with pytest.raises(ContentError, match="no article text"):
        read_article(page)


def test_a_page_declaring_a_codec_that_fails_its_own_way_is_read_as_utf8(tmp_path: Path) -> None:
    """'punycode' raises a UnicodeError that is no UnicodeDecodeError on a page's bytes."""
    page = tmp_path / "page.html"
    page.write_text(
        '<html><head><meta charset="punycode"><title>Caches</title></head>'
        "<body><p>Caches make things fast until they are wrong.</p></body></html>"
    )
    draft = read_article(page)
    assert draft.title == "Caches" and "until they are wrong" in draft.body


def test_an_imported_heading_keeps_its_id_as_written(tmp_path: Path, config: Config) -> None:
    """A heading's `{#id}` was carried to the renderer as a hexadecimal comment in the review's
    body, and the import wrote that body: the editor's file got `<!--heading-id:6d6f6f72-->`
    where the author wrote `{#moor}`."""
    source = write_page(tmp_path, "# Harbour\n\nWords.\n\n## Moorings {#moor}\n\nMore.\n", "h.md")
    written = import_one(config, source).target.read_text()
    assert "heading-id" not in written and "## Moorings {#moor}" in written
