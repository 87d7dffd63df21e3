"""Review readers on synthetic input and on the real seed and corpus files."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from digest.errors import ContentError
from digest.sources.reviews import read_review, sniff
from tests.conftest import readme_title
from tests.helpers import (
    BODY,
    ends_in_time,
    issue_md,
    post,
    review_file,
    set_line,
    write_file,
    write_in,
    write_review,
)
from tests.test_cli import run
from tests.test_robustness import ISSUE


def write(tmp_path: Path, text: str | bytes, name: str = "review.txt") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# --- the four seeds, checked against what the seeds README says a careful reader extracts


def top_sections(review_sections: tuple) -> list[str]:  # type: ignore[type-arg]
    top = min(s.level for s in review_sections)
    return [s.title for s in review_sections if s.level == top]


def test_seed_000_front_matter(seeds: Path) -> None:
    review = read_review(seeds / "000_692017d728e81b6f.txt")
    assert review.format == "yaml-front-matter"
    assert review.title == "The State of LLMs in 2025"
    assert review.description == "Progress, problems and predictions."
    assert review.date == datetime(2025, 12, 31, tzinfo=UTC)
    assert review.tags == ("ai", "llm", "2025")
    assert review.featured and not review.draft
    assert top_sections(review.sections) == ["Progress", "Problems", "Predictions"]
    subsections = [s for s in review.sections if s.level == 3]
    assert len(subsections) == 9
    assert [s.title[:2] for s in subsections] == ["1.", "2.", "3."] * 3


def test_seed_001_plain_text_with_numbered_sections(seeds: Path) -> None:
    review = read_review(seeds / "001_65e4e9071205030e.txt")
    assert review.format == "plain-text"
    assert review.title == "The State Of LLMs 2025: Progress, Progress, and Predictions"
    assert review.author == "Sebastian"
    assert review.date is None
    top = top_sections(review.sections)
    assert len(top) == 10
    assert top[0] == "1. The Year of Reasoning, RLVR, and GRPO"
    assert top[-1].startswith("10. Bonus:")
    assert [s.title for s in review.sections if s.level == 3][:2] == [
        "1.1 The DeepSeek Moment",
        "1.2 LLM Focus Points",
    ]
    assert "https://magazine.sebastianraschka.com/p/llm-research-papers-2025-part2" in review.html
    assert 'href="https://magazine.sebastianraschka.com/p/the-big-llm-architecture-comparison"' in review.html
    assert "Excellent reading" not in review.html  # the reader's comment after the article


def test_seed_002_plain_text_with_short_headings(seeds: Path) -> None:
    review = read_review(seeds / "002_2b68c0daf7f306c2.txt")
    assert review.format == "plain-text"
    assert review.title == "The State of Generative Models"
    assert review.author is None and review.date is None
    titles = [s.title for s in review.sections]
    assert "Table of Contents" not in titles
    for name in ("Language", "Image", "Multimodality", "Agents and Human-AI Interfaces", "2025"):
        assert name in titles
    assert {"Language", "Image", "Multimodality"} <= set(top_sections(review.sections))
    assert len([s for s in review.sections if s.level == 3]) >= 8
    assert "<li>They reason in clear stages" in review.html
    assert "$k$" in review.html


def test_seed_003_markdown_without_front_matter(seeds: Path) -> None:
    review = read_review(seeds / "003_990895999aaac973.txt")
    assert review.format == "markdown"
    assert review.title == readme_title("003_990895999aaac973.txt")  # white space normalised
    assert review.author is None and review.date is None
    assert len(top_sections(review.sections)) == 10
    assert "<h1" not in review.html  # the title heading is not repeated in the body


def test_every_seed_has_counts_and_excerpt(seeds: Path) -> None:
    for path in sorted(seeds.glob("*.txt")):
        review = read_review(path)
        assert review.word_count > 300, path
        assert review.reading_time >= 1
        assert 0 < len(review.excerpt.split()) <= 51
        assert review.slug and review.slug == review.slug.lower()


# --- the corpus, checked against its MANIFEST


def manifest_entries() -> list[dict]:  # type: ignore[type-arg]
    manifest = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "MANIFEST.json"
    return json.loads(manifest.read_text()) if manifest.is_file() else []


@pytest.mark.parametrize("entry", manifest_entries(), ids=lambda e: e["file"])
def test_corpus_file_matches_manifest(corpus: Path, entry: dict) -> None:  # type: ignore[type-arg]
    review = read_review(corpus / entry["file"])
    expected = entry["expected"]
    assert review.title == expected["title"]
    assert review.draft == expected["draft"]
    assert list(review.tags) == expected["tags"]
    assert list(review.categories) == entry["categories"]
    assert review.author == expected["author"]
    if expected["date"] is None:
        assert review.date is None
    else:
        assert review.date is not None and review.date.tzinfo is not None
        wanted = expected["date"]
        if "T" in wanted:
            assert review.date == datetime.fromisoformat(wanted.replace("Z", "+00:00"))
        else:
            assert review.date.date() == date.fromisoformat(wanted)


def test_corpus_manifest_is_not_empty_when_present(corpus: Path) -> None:
    assert len(manifest_entries()) == 16


# --- formats and metadata on synthetic input


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\ntitle: A\n---\nBody", "yaml-front-matter"),
        ("+++\ntitle = 'A'\n+++\nBody", "toml-front-matter"),
        ("Title: A\nDate: 2020-01-01\n\nBody", "pelican-metadata"),
        ("<!--\n.. title: A\n.. date: 2020-01-01\n-->\nBody", "nikola-comment-metadata"),
        ("# A title\n\nBody", "markdown"),
        ("A title\n#define X 1\nBody text.", "plain-text"),
    ],
)
def test_sniff_reads_the_content_not_the_extension(text: str, expected: str) -> None:
    assert sniff(text) == expected


@pytest.mark.parametrize("key", ["date", "pubDatetime", "pubDate", "published"])
def test_date_key_spellings(tmp_path: Path, key: str) -> None:
    review = read_review(write(tmp_path, f"---\ntitle: T\n{key}: 2024-03-05\n---\nText.\n"))
    assert review.date == datetime(2024, 3, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("We add a new [release channel](/community/versioning#canary).", "We add a new release channel."),
        (
            "See [the guide][guide] and ![a chart](chart.png) here.",
            "See [the guide][guide] and a chart here.",
        ),
        ("Tides: [1, 2] and (3).", "Tides: [1, 2] and (3)."),
        # Raw HTML beside it: no Markdown, shown as written (escaped where it is shown).
        ("<b>Tides</b> and [a link](/x).", "<b>Tides</b> and [a link](/x)."),
    ],
)
def test_a_descriptions_markdown_links_read_as_their_text(tmp_path: Path, written: str, shown: str) -> None:
    """react.dev's description holds a Markdown link: cards and feeds show its text, as the
    page shows it, not the brackets and the address."""
    assert read_review(post(tmp_path, f'description: "{written}"\n')).description == shown


@pytest.mark.parametrize("key", ["description", "summary", "excerpt"])
def test_description_key_spellings(tmp_path: Path, key: str) -> None:
    review = read_review(write(tmp_path, f"---\ntitle: T\n{key}: Short.\n---\nText.\n"))
    assert review.description == "Short."


def test_authors_list_tags_categories_and_flags(tmp_path: Path) -> None:
    text = (
        "---\ntitle: T\nauthors: [Ada, Grace]\ntags: [a, b]\ncategories: [c]\ndraft: true\nfeatured: yes\n"
        "source_url: https://example.org/a\n---\nText.\n"
    )
    review = read_review(write(tmp_path, text))
    assert review.author == "Ada, Grace"
    assert review.tags == ("a", "b") and review.categories == ("c",)
    assert review.all_tags == ("a", "b", "c")
    assert review.draft and review.featured
    assert review.source_url == "https://example.org/a"


@pytest.mark.parametrize("order", ["date first", "published first"])
def test_jekylls_published_false_makes_a_draft_wherever_the_date_is(tmp_path: Path, order: str) -> None:
    """Jekyll leaves a post with `published: false` unpublished, whatever comes before it; a
    `date:` key written first must not hide the flag (the value is a flag, not a date)."""
    lines = ["date: 2020-04-06 12:30:54", "published: false"]
    keys = "\n".join(lines if order == "date first" else lines[::-1])
    review = read_review(write_in(tmp_path, "moths.md", f"---\ntitle: Moths\n{keys}\n---\nText.\n"))
    assert review.draft and review.date is not None and (review.date.month, review.date.day) == (4, 6)
    shown = "---\ntitle: Moths\ndate: 2020-04-06\npublished: true\n---\nText.\n"
    assert not read_review(write_in(tmp_path, "shown.md", shown)).draft


def test_bom_and_crlf_are_ordinary_text(tmp_path: Path) -> None:
    path = write(tmp_path, "\ufeff---\r\ntitle: Windows\r\n---\r\n\r\nHello there.\r\n".encode())
    review = read_review(path)
    assert review.title == "Windows"
    assert "\r" not in review.body


def test_excerpt_stops_at_more_marker(tmp_path: Path) -> None:
    review = read_review(write(tmp_path, "# T\n\nFirst part.\n\n<!-- more -->\n\nSecond part.\n"))
    assert review.excerpt == "First part."


def test_raw_html_is_sanitised(tmp_path: Path) -> None:
    text = '# T\n\n<script>alert(1)</script>\n\n<p onclick="x()">Hi <a href="javascript:evil()">x</a></p>\n'
    review = read_review(write(tmp_path, text))
    assert "<script" not in review.html and "onclick" not in review.html and "javascript:" not in review.html
    assert "Hi" in review.html


# --- bad input: one clear error naming the file (and line)


@pytest.mark.parametrize(
    ("content", "message", "line"),
    [
        ("---\ntitle: [unclosed\n---\nBody\n", "invalid YAML front matter", 2),
        ("---\n- a\n- b\n---\nBody\n", "must be 'key: value' lines", 2),
        ("---\ndate: 2024-01-01\n---\nNo heading here.\n", "no title", None),
        (
            "---\ntitle: T\ndate: 2024-02-30\n---\nBody\n",
            "'2024-02-30' is not a day of the calendar: February 2024 has 29 days",
            3,
        ),
        ("+++\ntitle = \n+++\nBody\n", "invalid TOML front matter", None),
        ("---\ntitle: T\n", "never closed", 1),
        ("   \n\n", "the file is empty", None),
    ],
)
def test_bad_input_is_a_clear_error(tmp_path: Path, content: str, message: str, line: int | None) -> None:
    path = write(tmp_path, content)
    with pytest.raises(ContentError) as caught:
        read_review(path)
    assert message in caught.value.message
    assert str(path) in caught.value.message
    if line is not None:
        assert caught.value.line == line


def test_bare_markdown_without_heading_has_no_title(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="no title"):
        read_review(write(tmp_path, "Just **bold** text and [a link](https://example.org).\n"))


def test_not_utf8_names_the_encoding(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="not UTF-8.*Windows-1252"):
        read_review(write(tmp_path, "Caf\xe9 title\nText.\n".encode("latin-1")))


def test_binary_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="binary"):
        read_review(write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00"))


def test_an_excerpt_reads_as_prose_never_headings_lists_or_code(tmp_path: Path) -> None:
    from digest.sources.reviews import ReviewSettings, read_review

    path = tmp_path / "review.md"
    path.write_text(
        "# A review\n\n## What the essay claims\n\n1. One list item\n2. Another\n\n"
        "```\ncode_that_must_not_show()\n```\n\n> A quoted line.\n\n"
        "The first real paragraph says something.\n\nThe second one goes on and on and on.\n"
    )
    review = read_review(path, ReviewSettings(excerpt_words=10))
    assert review.excerpt == "The first real paragraph says something. The second one goes…"
    assert any("no 'description:'" in guess for guess in review.guesses)
    path.write_text("---\ntitle: T\ndescription: Our own words.\n---\nShort text.\n")
    described = read_review(path, ReviewSettings(excerpt_words=10))
    assert described.excerpt == "Short text." and not any("description" in g for g in described.guesses)


def test_lone_surrogates_in_every_text_of_the_front_matter_are_replaced(tmp_path: Path) -> None:
    half = '"a lone \\ud800 half"'  # YAML's escape for half a pair, which no output encodes
    front = "\n".join(
        f"{key}: {half}" for key in ("title", "description", "author", "image_alt", "image_caption", "slug")
    )
    path = write(tmp_path, f"---\n{front}\ntags: [{half}]\ncategories: [{half}]\n---\nThe body.\n", "r.md")
    review = read_review(path)
    assert review.title == review.description == review.author == "a lone \ufffd half"
    assert review.tags == review.categories == ("a lone \ufffd half",)
    assert review.slug == "a-lone-half"
    for name, value in vars(review).items():
        if isinstance(value, str):
            value.encode("utf-8")  # raises on a surrogate left in
        assert "\ud800" not in repr(value), name


def test_a_key_one_slip_from_one_digest_reads_is_named(tmp_path: Path) -> None:
    path = tmp_path / "review.md"
    path.write_text(
        "---\ntitle: A review\nautor: Jane Doe\ndat: 2025-01-02\nlayout: post\n---\n\nThe text.\n"
    )
    review = read_review(path)
    assert review.author is None
    assert "'autor:' is not a key digest reads: did you mean 'author:'?" in review.guesses
    assert "'dat:' is not a key digest reads: did you mean 'date:'?" in review.guesses
    assert not any("layout" in guess for guess in review.guesses)


def test_a_missing_title_says_which_key_was_meant(tmp_path: Path) -> None:
    path = tmp_path / "review.md"
    path.write_text("---\ntitel: A review\n---\n\nThe text, without a heading.\n")
    with pytest.raises(
        ContentError, match=r"no title \('titel:' is not a key digest reads: did you mean 'title:'\?\)"
    ):
        read_review(path)


def test_a_review_with_nothing_under_its_title_is_said_to_be_empty(tmp_path: Path) -> None:
    path = tmp_path / "review.md"
    path.write_text("---\ntitle: A review\n---\n\n")
    assert "the review has no text under its title: readers would get the title alone; write it" in (
        read_review(path).guesses
    )


def test_a_cards_opening_words_leave_out_footnote_marks_and_keep_punctuation_close(project: Path) -> None:
    write_review(
        project,
        "Most new buildings keep *some* parking[^1], but **far less**, than the code asked.\n\n"
        "[^1]: Lenders often insist on it.\n",
    )
    assert run(project, "build", ISSUE).exit_code == 0
    text = " ".join((project / "dist" / ISSUE / "email.txt").read_text().split())
    assert "Most new buildings keep some parking, but far less, than the code asked." in text
    html = (project / "dist" / ISSUE / "email.html").read_text()
    assert "parking 1 ," not in html and "parking, but far less, than" in " ".join(html.split())


# --- front matter pasted from a word processor ---------------------------------------------


@pytest.mark.parametrize("key", ["source_url", "image", "image_dark"])
@pytest.mark.parametrize(
    ("url", "reason"),
    [("https://[::1/x.png", "Invalid IPv6 URL"), ("https://example.org:99999/x.png", "Port out of range")],
)
def test_a_front_matter_address_urllib_cannot_read_names_its_line(
    tmp_path: Path, key: str, url: str, reason: str
) -> None:
    """Each reached the pages, where the feeds' link rewriting (urljoin) or the search for
    the issue's own files (urlsplit) raised ValueError: a traceback."""
    image = "image: cover.png\n" if key == "image_dark" else ""
    path = write(tmp_path, f'---\ntitle: T\n{image}{key}: "{url}"\n---\nBody.\n', "review.md")
    with pytest.raises(ContentError) as caught:
        read_review(path)
    line = 4 if image else 3
    assert caught.value.line == line, caught.value.message
    assert f"{key} '{url}' cannot be read as an address ({reason}" in caught.value.message


def test_a_front_matter_address_urllib_cannot_read_fails_the_build_cleanly(project: Path) -> None:
    path = review_file(project)
    path.write_text(path.read_text().replace("---\n", '---\nsource_url: "https://[::1/"\n', 1))
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert f"{path.name}:2: source_url 'https://[::1/' cannot be read as an address" in result.output


def test_a_byline_pasted_in_curly_quotes_is_pointed_out(project: Path) -> None:
    path = review_file(project)
    path.write_text(
        path.read_text().replace("tags: [ai, llm, agents]", "tags: [“ai”, llm]\nauthor: “Marta Nowak”")
    )
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    notes = [line for line in result.output.splitlines() if "curly quotes" in line]
    assert len(notes) == 2, result.output
    assert notes[0].startswith(f"note: {path}: 'tags:' “ai” is in curly quotes")
    assert notes[1].startswith(f"note: {path}: 'author:' “Marta Nowak” is in curly quotes")
    assert 'write straight quotes ("...") or none' in notes[1]


def test_an_issue_title_pasted_in_curly_quotes_is_pointed_out_by_its_line(project: Path) -> None:
    path = issue_md(project)
    set_line(path, "title", "“The year in AI”")
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    assert f"{path}:2: 'title:' “The year in AI” is in curly quotes" in result.output


def test_a_title_with_a_quotation_inside_it_is_no_slip(project: Path) -> None:
    set_line(review_file(project), "title", "'Why “good enough” wins'")
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0 and "curly quotes" not in result.output, result.output


# --- posts: a VitePress `head:` list ------------------------------------------------------------------

VITEPRESS = """\
---
title: Version 4.3 is out!
author:
  name: patak
date: 2023-04-20
head:
  - - meta
    - property: og:title
      content: Announcing version 4.3
  - - meta
    - property: og:url
      content: https://example.dev/blog/announcing-4-3
  - - meta
    - property: og:description
      content: The release announcement
---
"""


def test_a_vitepress_head_list_gives_description_and_address(tmp_path: Path) -> None:
    review = read_review(write_file(tmp_path / "announcing.md", VITEPRESS + BODY))
    assert (review.title, review.author) == ("Version 4.3 is out!", "patak")
    assert review.description == "The release announcement"
    assert review.source_url == "https://example.dev/blog/announcing-4-3"


def test_the_post_s_own_fields_beat_its_head_list(tmp_path: Path) -> None:
    text = VITEPRESS.replace("date: 2023-04-20\n", "date: 2023-04-20\ndescription: Our own words\n")
    assert read_review(write_file(tmp_path / "announcing.md", text + BODY)).description == "Our own words"


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


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ('"Ann Lee <ann@example.org>"', "Ann Lee"),
        ('"Ann Lee <ann@example.org>, Bo Chen <bo@example.org>"', "Ann Lee, Bo Chen"),
        ('"ann@example.org (Ann Lee)"', "Ann Lee"),  # RFC 822's older form: the name in a comment
        ('"Ann Lee, Bo Chen (bo@example.org)"', "Ann Lee, Bo Chen"),
        ('"Ann Lee (@annlee)"', "Ann Lee (@annlee)"),  # a handle is no address
        ('"ann@example.org"', "ann@example.org"),  # nothing else names her
    ],
)
def test_an_authors_mail_address_is_left_out(tmp_path: Path, author: str, expected: str) -> None:
    """`Name <address>`, as RFC 5322 writes a mailbox (and PEPs, BIPs, ZIPs and EIPs an author):
    the display name is the name the byline shows."""
    assert read_review(post(tmp_path, f"author: {author}\n")).author == expected


def test_a_byline_line_of_linked_names_reads_as_their_text(tmp_path: Path) -> None:
    """Swift's evolution proposals: `* Authors: [Name](profile), [Name](profile)` under the title."""
    text = (
        "# Remove the operators\n\n* Proposal: [SE-0004](0004-remove.md)\n"
        "* Authors: [Ann Lee](https://example.org/ann), [Bo Chen](https://example.org/bo)\n"
        "* Status: **Implemented**\n\n## Introduction\n\nText.\n"
    )
    assert read_review(write_in(tmp_path, "0004-remove.md", text)).author == "Ann Lee, Bo Chen"


@pytest.mark.parametrize("item", ["- Author: [[Ann Lee]]", "+ Author: Ann Lee", "1. Author: [[Ann Lee]]"])
def test_a_list_item_naming_the_author(tmp_path: Path, item: str) -> None:
    """An Obsidian note of list-item fields, a value a wiki link ('- Author: [[Name]]'); the
    note is titled by its file."""
    review = read_review(write_in(tmp_path, "The Great Harbour.md", f"{item}\n- Tag: [[Fiction]]"))
    assert (review.title, review.author) == ("The Great Harbour", "Ann Lee")


@pytest.mark.parametrize("label", ["Created By", "Posted by", "Published by"])
def test_a_property_line_naming_who_made_the_page(tmp_path: Path, label: str) -> None:
    """Notion's export writes a page's properties as lines under its title ('Created By: Name')."""
    text = f"# Harbour lights\n\nCreated: January 5, 2023 3:45 PM\n{label}: Ann Lee\nTags: sea\n\nText.\n"
    assert read_review(write_in(tmp_path, "lights.md", text)).author == "Ann Lee"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("**Autores**: Ana Souza (Porto Co), Bo Chen (Tide Ltd)", "Ana Souza (Porto Co), Bo Chen (Tide Ltd)"),
        ("**Author**: Ana Souza, SIG Docs Co-Chair para Kubernetes", "Ana Souza"),
        ("**Auteur** : Marie Dupont", "Marie Dupont"),
    ],
)
def test_a_translated_posts_byline_line_names_the_author(tmp_path: Path, line: str, expected: str) -> None:
    """The Kubernetes blog's translations keep the byline as the text's first line, its label in
    the translation's language or in English, the writer's role after a comma."""
    text = f"---\ntitle: Marés de março\ndate: 2023-02-14\n---\n\n{line}\n\nO porto abre às seis.\n"
    assert read_review(write_in(tmp_path, "mares.md", text)).author == expected


def test_a_byline_paragraph_opening_the_text_leaves_it(tmp_path: Path) -> None:
    """The page shows the review's byline above the text: the line that gave it is not repeated."""
    text = "---\ntitle: Marés\n---\n\n**Autores**: Ana Souza, Bo Chen\n\nO porto abre às seis.\n"
    review = read_review(write_in(tmp_path, "mares.md", text))
    assert review.author == "Ana Souza, Bo Chen"
    assert "Autores" not in review.body and "O porto abre às seis." in review.body


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: Marés\nauthor: Ana Souza\n---\n\nAuthor: Ana Souza\n\nO porto abre às seis.\n",  # a key
        "# Marés\n\n* Proposal: [SE-0004](0004.md)\n* Authors: Ana Souza\n\nO porto abre às seis.\n",  # a list
        "# Marés\n\nAuthor: Ana Souza\nLast updated: 2017-07-10\n\nO porto abre às seis.\n",  # a paragraph
    ],
)
def test_a_byline_inside_other_fields_or_beside_an_author_key_stays(tmp_path: Path, text: str) -> None:
    review = read_review(write_in(tmp_path, "mares.md", text))
    assert review.author == "Ana Souza" and "Ana Souza" in review.body


def test_a_heading_opening_with_by_is_the_title_and_no_byline(tmp_path: Path) -> None:
    text = "# By the Numbers: A Year of Harbour Reviews\n\nWe read fifty-two tide tables.\n"
    review = read_review(write_in(tmp_path, "numbers.md", text))
    assert (review.title, review.author) == ("By the Numbers: A Year of Harbour Reviews", None)


def test_an_opening_line_by_the_numbers_is_a_title(tmp_path: Path) -> None:
    text = "---\ndate: 2024-01-02\n---\nBy The Numbers\n\nWe read fifty-two tide tables this year.\n"
    review = read_review(write_in(tmp_path, "numbers.md", text))
    assert (review.title, review.author) == ("By The Numbers", None)


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        ('topics: ["harbour", "tides"]\n', ("harbour", "tides")),  # Zenn's articles
        ("topics:\n  - sneakers\n", ("sneakers",)),  # Statamic's default taxonomy
        ("tags: [sea]\ntopics: [harbour]\n", ("sea",)),  # the tags, where a file has them
        ("topics: []\ntags: [sea]\n", ("sea",)),
    ],
)
def test_topics_are_the_tags_of_a_file_without_tags(
    tmp_path: Path, keys: str, expected: tuple[str, ...]
) -> None:
    review = read_review(write_in(tmp_path, "topics.md", f"---\ntitle: Harbour\n{keys}---\nText.\n"))
    assert review.tags == expected


# --- more date keys ------------------------------------------------------------------------------


# `date-started`: Jupyter enhancement proposals, whose template has no other date.
@pytest.mark.parametrize(
    "key", ["published_date", "date_created", "post_date", "posted_date", "date-started"]
)
def test_more_spellings_of_the_date_key(tmp_path: Path, key: str) -> None:
    text = f"---\ntitle: Tides\n{key}: 2015-01-02 10:00:00 +0100\n---\nBody.\n"
    review = read_review(write_in(tmp_path, "tides.md", text))
    assert review.date == datetime(2015, 1, 2, 10, tzinfo=timezone(timedelta(hours=1)))
    assert review.guesses == () or all("date taken" not in g for g in review.guesses)


def test_tags_in_one_comma_separated_string(tmp_path: Path) -> None:
    text = '```ini\ntitle = "Moths"\ntags = "moths, night,moths"\n```\nText.\n'
    review = read_review(write_in(tmp_path, "moths.md", text))
    assert review.tags == ("moths", "night")


# --- tags ------------------------------------------------------------------------------------------------


def test_tags_in_a_taxonomies_table(tmp_path: Path) -> None:
    text = '+++\ntitle = "Moths"\ndate = 2024-07-13\n[taxonomies]\ntags = ["night", "insects"]\n+++\nText.\n'
    review = read_review(write_in(tmp_path, "moths.md", text))
    assert review.tags == ("night", "insects")
    grav = "---\ntitle: Moths\ntaxonomy:\n  category: [blog]\n  tag: [night]\n---\nText.\n"
    review = read_review(write_in(tmp_path, "item.md", grav))
    assert (review.tags, review.categories) == (("night",), ("blog",))


def test_authors_kept_as_a_taxonomy(tmp_path: Path) -> None:
    """Zola's taxonomies are the site's to name; its documentation's example is `authors`, and a
    page lists its authors under `[taxonomies]` as it lists its tags."""
    text = (
        '+++\ntitle = "Moths"\n[taxonomies]\nauthor = ["Ann Lee", "Bo Chen"]\ntags = ["night"]\n+++\nText.\n'
    )
    review = read_review(write_in(tmp_path, "2016-07-07-moths.md", text))
    assert (review.author, review.tags) == ("Ann Lee, Bo Chen", ("night",))
    own = '+++\ntitle = "Moths"\nauthor = "Cy Dee"\n[taxonomies]\nauthors = ["Ann Lee"]\n+++\nText.\n'
    assert read_review(write_in(tmp_path, "own.md", own)).author == "Cy Dee"


def test_categories_given_as_nested_paths(tmp_path: Path) -> None:
    """Hexo writes a category path as a list inside the list (`- [Garden, Moths]`, or `- - Garden`
    as a YAML dumper writes it): the post is filed under each name of the path, and none is lost."""
    flow = (
        "---\ntitle: Moths\ncategories:\n  - [Garden, Moths]\n  - [Garden, Night]\ntags: [lamp]\n---\nText.\n"
    )
    review = read_review(write_in(tmp_path, "flow.md", flow))
    assert (review.categories, review.tags) == (("Garden", "Moths", "Night"), ("lamp",))
    block = "---\ncategories:\n- - Tools\ntitle: Moths\n---\nText.\n"
    assert read_review(write_in(tmp_path, "block.md", block)).categories == ("Tools",)


def test_a_jekyll_posts_string_of_tags_is_split_at_spaces(tmp_path: Path) -> None:
    """Jekyll reads `tags: night moths` (and `categories:` alike) as a list of the words between
    spaces; a post is Jekyll's when it sits in a `_posts` folder under Jekyll's dated name.
    Hexo keeps its posts in `source/_posts` and reads such a string as one tag, and so does a
    post anywhere else (Hugo, Eleventy), so there the string stays whole."""
    text = "---\ntitle: Moths\ntags: night  moths\ncategories: garden notes\n---\nText.\n"
    jekyll = read_review(write_in(tmp_path, "site/_posts/2019-03-02-moths.md", text))
    assert (jekyll.tags, jekyll.categories) == (("night", "moths"), ("garden", "notes"))
    nested = read_review(write_in(tmp_path, "site/blog/_posts/2019/2019-3-2-moths.md", text))
    assert nested.tags == ("night", "moths")
    hexo = read_review(write_in(tmp_path, "blog/source/_posts/2019-03-02-moths.md", text))
    assert hexo.tags == ("night moths",)
    elsewhere = read_review(write_in(tmp_path, "content/posts/2019-03-02-moths.md", text))
    assert elsewhere.tags == ("night moths",)
    listed = "---\ntitle: Moths\ntags: [night sky, moths]\n---\nText.\n"
    listed_post = read_review(write_in(tmp_path, "site/_posts/2019-03-03-listed.md", listed))
    assert listed_post.tags == ("night sky", "moths")


def test_a_tag_listed_twice_is_kept_once(tmp_path: Path) -> None:
    """A tag names a set the post belongs to: the site's tag page lists the post once, however
    often its front matter repeats the tag (by case, as the comma-separated form is read)."""
    text = "---\ntitle: Moths\ntags: [night, lamp, Night, moths]\n---\nText.\n"
    assert read_review(write_in(tmp_path, "moths.md", text)).tags == ("night", "lamp", "moths")


def test_a_jekyll_posts_date_in_a_name_with_one_digit_month_or_day(tmp_path: Path) -> None:
    """Jekyll's post names allow one-digit months and days (`2020-4-6-title.md`): the date and
    the title are read from such a name as from `2020-04-06-title.md`. Outside a `_posts`
    folder such digits are no date (`python-3-4-2-notes.md`)."""
    text = "---\nlayout: post\n---\nThey came to the lamp.\n"
    review = read_review(write_in(tmp_path, "_posts/2020-4-6-moths-at-night.md", text))
    assert review.date is not None and (review.date.year, review.date.month, review.date.day) == (2020, 4, 6)
    assert review.title == "Moths At Night"
    other = read_review(write_in(tmp_path, "notes/2020-4-6-moths.md", "# Moths\n\nThey came.\n"))
    assert other.date is None


def test_tags_given_at_the_top_win_over_the_taxonomies_table(tmp_path: Path) -> None:
    text = '+++\ntitle = "Moths"\ntags = ["own"]\n[taxonomies]\ntags = ["table"]\n+++\nText.\n'
    assert read_review(write_in(tmp_path, "moths.md", text)).tags == ("own",)


def test_tag_directives_ending_a_restructuredtext_post(tmp_path: Path) -> None:
    text = (
        "Moths at night\n==============\n\nThey came to the lamp.\n\n"
        ".. author:: default\n.. categories:: garden\n.. tags:: moths, night\n"
    )
    review = read_review(write_in(tmp_path, "2013/12/27/moths_at_night.rst", text))
    assert (review.title, review.tags, review.categories) == (
        "Moths at night",
        ("moths", "night"),
        ("garden",),
    )
    assert review.author is None  # 'default' names the blog's configured author, not a person
    assert review.date is not None and review.date.date() == date(2013, 12, 27)


def test_yaml_front_matter_closed_by_document_end_dots(tmp_path: Path) -> None:
    review = read_review(
        write_in(tmp_path, "tides.Rmd", "---\ntitle: Tides\ndate: 2020-03-04\n...\n\nBody.\n")
    )
    assert (review.title, review.body.strip()) == ("Tides", "Body.")
    assert review.date == datetime(2020, 3, 4, tzinfo=UTC)


def test_a_date_mapping_gives_its_created_date(tmp_path: Path) -> None:
    text = "---\ntitle: Tides\ndate:\n  created: 2023-01-31\n  updated: 2023-02-01\n---\nBody.\n"
    assert read_review(write_in(tmp_path, "tides.md", text)).date == datetime(2023, 1, 31, tzinfo=UTC)
    only_updated = "---\ntitle: Tides\ndate:\n  updated: 2023-02-01\n---\nBody.\n"
    review = read_review(write_in(tmp_path, "later.md", only_updated))
    assert review.date == datetime(2023, 2, 1, tzinfo=UTC)
    assert any("last change" in guess for guess in review.guesses)


@pytest.mark.parametrize(
    "value", ["today", "last-modified", "Last Modified", "git Created", '"`r Sys.Date()`"']
)
def test_a_date_worked_out_at_build_time_is_no_date(tmp_path: Path, value: str) -> None:
    review = read_review(
        write_in(tmp_path, "2021-06-02-tides.qmd", f"---\ntitle: Tides\ndate: {value}\n---\nBody.\n")
    )
    assert review.date == datetime(2021, 6, 2, tzinfo=UTC)  # the file name's, as a guess
    assert any("worked out when the site is built" in guess for guess in review.guesses)


def test_a_wrong_date_is_still_refused(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="not a valid date"):
        read_review(write_in(tmp_path, "tides.md", "---\ntitle: Tides\ndate: soon-ish\n---\nBody.\n"))


# --- the title under another key ----------------------------------------------------------------


def test_a_key_ending_in_title_names_the_post_without_title(tmp_path: Path) -> None:
    text = "---\nnewstitle: How do I get a sticker?\nlayout: news\n---\nAsk someone who has one.\n"
    review = read_review(write_in(tmp_path, "2020-02-05-stickers.md", text))
    assert review.title == "How do I get a sticker?"
    assert any("'newstitle' key" in guess for guess in review.guesses)


def test_headline_names_the_post(tmp_path: Path) -> None:
    text = "---\nheadline: Rivers rise in spring\n---\nThe water came early.\n"
    assert read_review(write_in(tmp_path, "note.md", text)).title == "Rivers rise in spring"


def test_the_body_heading_beats_a_page_title_key(tmp_path: Path) -> None:
    text = "---\nPageTitle: Product 1.7 Incident Report\n---\n\n# 1.7 Incident Report\n\nWhat happened.\n"
    assert read_review(write_in(tmp_path, "report.md", text)).title == "1.7 Incident Report"


@pytest.mark.parametrize("key", ["subtitle", "authorTitle", "imageTitle", "seriesTitle"])
def test_keys_naming_something_else_are_no_title(tmp_path: Path, key: str) -> None:
    text = f"---\n{key}: Engineer at a company\n---\nSome text without a heading.\n"
    with pytest.raises(ContentError, match="no title"):
        read_review(write_in(tmp_path, "post.md", text))


# --- Wiki.js ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("editor: markdown\ndateCreated: 2021-11-13T11:41:29.087Z\n", "2021-11-13"),  # Wiki.js: created
        ("dateCreated: 2021-11-13T11:41:29.087Z\n", "2022-01-20"),  # not Wiki.js's: 'date' is the date
    ],
)
def test_wikijs_date_is_the_last_change(tmp_path: Path, extra: str, expected: str) -> None:
    text = f"---\ntitle: A page\ndescription: \npublished: true\ndate: 2022-01-20T10:54:10.378Z\n{extra}---\n"
    review = read_review(write_file(tmp_path / "page.md", text + BODY))
    assert review.date is not None and review.date.date().isoformat() == expected


CODE_SHAPES = [
    "```\n2020-01-02\n```\n",
    "- item\n\n  ```\n  2020-01-02\n  ```\n",
    "- ```\n  2020-01-02\n  ```\n",
    "1.     2020-01-02\n",
    ">     2020-01-02\n",
    "Text.\n\n\t2020-01-02\n",
    "~~~\nx\n~~~\n",
]


@pytest.mark.parametrize("body", CODE_SHAPES)
def test_a_code_block_of_any_shape_is_seen_by_the_shortcut(body: str) -> None:
    """A text is parsed a second time for its code lines only where it may hold code: the
    shortcut must never miss a block the parser finds."""
    from digest.sources.reviews import _may_hold_code
    from digest.sources.titles import code_lines

    assert code_lines(body), body
    assert _may_hold_code(body)


def test_the_code_shortcut_agrees_with_the_parser_on_real_posts(seeds: Path, corpus: Path) -> None:
    from digest.sources.reviews import _may_hold_code
    from digest.sources.titles import code_lines

    texts = [path.read_text(encoding="utf-8", errors="replace") for path in (*seeds.iterdir(), *corpus.iterdir())
             if path.is_file()]  # fmt: skip
    realworld = Path(__file__).parent / "realworld" / "posts"
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in realworld.rglob("*") if p.is_file()]
    assert len(texts) > 100
    missed = [text[:60] for text in texts if code_lines(text) and not _may_hold_code(text)]
    assert not missed
    assert sum(not _may_hold_code(text) for text in texts) > 0  # the shortcut is taken somewhere


def test_a_date_line_in_a_list_items_code_is_no_date(tmp_path: Path) -> None:
    path = write_file(
        tmp_path / "notes.md",
        "# Notes on a tool\n\n- Run it:\n\n  ```\n  2021-03-04\n  ```\n\nThat is all.\n",
    )
    assert read_review(path).date is None


def test_a_plain_date_line_without_code_is_read(tmp_path: Path) -> None:
    path = write_file(
        tmp_path / "notes.md", "# Notes on a tool\n\nPosted on 2021-03-04\n\nThat is all there is.\n"
    )
    found = read_review(path).date
    assert found is not None and found.date() == date(2021, 3, 4)


def test_a_text_with_markdown_links_and_no_heading_takes_its_first_line_as_title(tmp_path: Path) -> None:
    """The README's `another-review.txt`: a plain text whose links are written as Markdown is
    read as Markdown, and its title line stands alone as plain text writes it."""
    write_file(tmp_path / "paper.pdf", "%PDF-1.4\n")
    path = write_file(
        tmp_path / "another-review.txt",
        "Why the tram came back\n\nA city brought its trams back; [the paper](paper.pdf) has the figures.\n",
    )
    review = read_review(path)
    assert review.title == "Why the tram came back"
    commented = write_file(tmp_path / "commented.md", "<!-- licence -->\n" + path.read_text())
    assert read_review(commented).title == "Why the tram came back"
    assert "Why the tram" not in review.body
    assert any("first line" in guess for guess in review.guesses)


@pytest.mark.parametrize(
    "opening",
    [
        "We rode the trams all week.",  # a sentence
        "Here is what we found:",  # a lead-in
        "- a list item",
        "> a quote",
        "A first line\nthat runs on",  # a paragraph of two lines
        "<div>A block of HTML</div>\n\nA short line",  # not the text's first block
        "***\n\nA short line",  # a rule first
    ],
)
def test_an_opening_that_is_no_title_line_still_asks_for_a_title(tmp_path: Path, opening: str) -> None:
    path = write_file(tmp_path / "notes.md", opening + "\n\nSee [the paper](https://example.org/paper).\n")
    with pytest.raises(ContentError, match="no title"):
        read_review(path)


@pytest.mark.parametrize(
    "data",
    [
        b"> a quote opening the text\n\nText.\n",  # the sign at the very start
        b"\xef\xbb\xbf> a quote after a BOM\n\nText.\n",
        b"Trams\r\n\r\n> a quote after Windows line ends\r\n",
        b"Trams\r\r> a quote after old Mac line ends\r",
        b"Trams\r\n=====\r\n\r\nText.\r\n",  # a setext underline after CRLF
        b"```\r\ncode\r\n```\r\n",
        b"Trams\r\r## A section\r",
    ],
)
def test_line_start_signs_are_found_whatever_ends_the_lines(tmp_path: Path, data: bytes) -> None:
    """The signs are searched after a literal newline: the text read from its bytes has every
    line end made one, and the sign opening the text counts too."""
    from digest.sources.reviews import decode_bytes

    assert sniff(decode_bytes(data, tmp_path / "post.md")) == "markdown"


def test_a_rule_over_one_long_line_is_sniffed_in_linear_time(tmp_path: Path) -> None:
    """A text opening with a rule ('***', as Markdown writes a thematic break) over one long
    line: the test for a reStructuredText title lined over and under tried each split of that
    line around a character that is not a space (900,000 of them: minutes)."""
    text = "***\n" + "a" * 900_000 + "\n\nText.\n"
    ends_in_time(tmp_path, "rule.md", text, "digest.sources.reviews.read_review")


@pytest.mark.parametrize(("title", "slug"), [("Con", "con-review"), ("AUX", "aux-review"), ("LPT1", "lpt1-review"),
                                             ("Console", "console"), ("Con men", "con-men")])  # fmt: skip
def test_a_review_page_never_takes_a_name_windows_keeps_for_a_device(
    tmp_path: Path, title: str, slug: str
) -> None:
    """A review titled 'Con' made dist/ISSUE/con/, a folder Windows cannot make (issue ids and
    static files so named are refused, imported reviews renamed)."""
    path = tmp_path / "review.md"
    path.write_text(
        f"---\ntitle: {title}\ndate: 2025-01-02\n---\n\nSome text of the review.\n", encoding="utf-8"
    )
    assert read_review(path).slug == slug


def test_a_link_the_sanitiser_removes_is_a_note_naming_its_line(project: Path) -> None:
    from tests.helpers import write_review

    path = write_review(project, "Words first.\n\nThen [a script](javascript:alert(1)) in a line.\n")
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    note = next(line for line in result.output.splitlines() if "javascript:" in line)
    assert note.startswith(f"note: {path}: line 7: the link 'javascript:alert(1)' was removed"), note
    assert "no mail app or feed reader runs scripts" in note


def test_an_embed_the_sanitiser_removes_is_a_note_naming_its_line(project: Path) -> None:
    from tests.helpers import write_review

    path = write_review(
        project, 'Words first.\n\n<iframe src="https://video.example.org/embed/1"></iframe>\n'
    )
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    note = next(line for line in result.output.splitlines() if "<iframe>" in line)
    assert note.startswith(f"note: {path}: line 7: the raw HTML element <iframe> was removed"), note
    assert "link to what it shows instead" in note


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        ("![A dark tram line across the old town](tram.png)", "A dark tram line across the old town"),
        ('<img src="tram.png" alt="The line at dusk">', "The line at dusk"),
        ("![A map of another line](map.png)", None),  # another picture: the title stands in
    ],
)
def test_a_cover_without_image_alt_takes_the_alt_the_text_gives_the_same_picture(
    tmp_path: Path, shown: str, expected: str | None
) -> None:
    """`image: tram.png` without `image_alt`, the text showing the same picture with its own
    alternative text: the card and the page said the review's title instead, right beside the
    heading that says it, so a screen reader read the title twice and never what the picture
    shows (found by review24)."""
    path = tmp_path / "trams.md"
    path.write_text(f"---\ntitle: Trams in small cities\nimage: tram.png\n---\nWhy trams.\n\n{shown}\n")
    assert read_review(path).image_alt == expected
