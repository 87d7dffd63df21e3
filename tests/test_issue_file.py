"""issue.md: its items listed or grouped in sections, link items written in place, the
featured review and the issue's number."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.config import load_config
from digest.errors import ContentError
from digest.model import LinkItem, Review
from digest.sources.issue import load_issue
from tests.helpers import issue_md, one_error_line, returns_in_time
from tests.test_cli import run
from tests.test_robustness import ISSUE

REVIEW = "---\ntitle: {title}\n---\nThe text of {title}.\n"


def make(tmp_path: Path, front: str, reviews: tuple[str, ...] = ("a.md", "b.md")) -> Path:
    (tmp_path / "digest.toml").write_text("")
    folder = tmp_path / "issues" / "week-1"
    folder.mkdir(parents=True)
    (folder / "issue.md").write_text(f"---\ntitle: Week one\ndate: 2025-03-01\n{front}---\nHello.\n")
    for name in reviews:
        (folder / name).write_text(REVIEW.format(title=name.removesuffix(".md").upper()))
    return tmp_path


def load(tmp_path: Path, drafts: bool = False):  # type: ignore[no-untyped-def]
    return load_issue(load_config(tmp_path / "digest.toml"), "week-1", include_drafts=drafts).issue


def test_a_flat_list_is_one_untitled_section(tmp_path: Path) -> None:
    issue = load(make(tmp_path, "reviews:\n  - a.md\n  - b.md\n"))
    assert [(s.title, [i.title for i in s.items]) for s in issue.sections] == [("", ["A", "B"])]
    assert not issue.titled_sections and issue.links == ()


SECTIONS = """sections:
  - title: Reviews
    items:
      - b.md
  - title: Also worth reading
    items:
      - title: "SQLite: the file format"
        url: https://example.org/sqlite
        comment: "Why the **page** layout matters."
        author: Jane Doe
        tags: [databases]
      - a.md
featured: a.md
number: 7
"""


def test_sections_hold_reviews_and_link_items_in_order(tmp_path: Path) -> None:
    issue = load(make(tmp_path, SECTIONS))
    assert issue.titled_sections and issue.number == 7
    assert [s.title for s in issue.sections] == ["Reviews", "Also worth reading"]
    assert [s.slug for s in issue.sections] == ["reviews", "also-worth-reading"]
    items = issue.sections[1].items
    assert isinstance(items[0], LinkItem) and isinstance(items[1], Review)
    link = items[0]
    assert (link.title, link.url, link.author, link.tags) == (
        "SQLite: the file format",
        "https://example.org/sqlite",
        "Jane Doe",
        ("databases",),
    )
    assert link.comment_html == "<p>Why the <strong>page</strong> layout matters.</p>\n"
    assert link.slug == "link-sqlite-the-file-format" and link.is_link and not items[1].is_link
    assert [r.title for r in issue.reviews] == ["B", "A"] and issue.links == (link,)
    assert issue.featured is not None and issue.featured.title == "A"
    assert "databases" in issue.tags
    assert issue.summary().links == (link,) and issue.summary().number == 7


def test_a_sound_issue_file_is_read_without_composing_it_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where YAML read a section is looked up only to name the line of a mistake: each
    section's title line was looked up on every read (the front matter composed again as
    YAML, 1.5% of the demo's instructions)."""
    import digest.sources.issue_file

    def composed(text: str) -> None:
        raise AssertionError("the front matter was composed again")

    monkeypatch.setattr(digest.sources.issue_file, "_front_matter_node", composed)
    issue = load(make(tmp_path, SECTIONS))
    assert [section.title for section in issue.sections] == ["Reviews", "Also worth reading"]


def test_a_section_left_empty_by_drafts_goes(tmp_path: Path) -> None:
    project = make(tmp_path, SECTIONS)
    (project / "issues" / "week-1" / "b.md").write_text("---\ntitle: B\ndraft: true\n---\nText.\n")
    assert [s.title for s in load(project).sections] == ["Also worth reading"]
    assert [s.title for s in load(project, drafts=True).sections] == ["Reviews", "Also worth reading"]


def test_every_section_has_an_anchor_of_its_own(tmp_path: Path) -> None:
    """Two sections titled in Hangul were both id="section" on the issue's page, and a section
    titled as a review's page name took that review's id: a link to either led to the first."""
    front = (
        "sections:\n  - title: 읽을거리\n    items: [a.md]\n  - title: 추천\n    items: [b.md]\n"
        "  - title: A\n    items: [c.md]\n  - title: 추천\n    items: [d.md]\n"
    )
    issue = load(make(tmp_path, front, ("a.md", "b.md", "c.md", "d.md")))
    slugs = [section.slug for section in issue.sections]
    item_slugs = [review.slug for review in issue.reviews]
    assert slugs == ["읽을거리", "추천", "a-2", "추천-2"] and item_slugs == ["a", "b", "c", "d"]
    assert len(set(slugs) | set(item_slugs)) == len(slugs) + len(item_slugs)


@pytest.mark.parametrize(
    ("front", "message", "line"),
    [
        ("reviews: [a.md]\nsections:\n  - title: X\n    items: [b.md]\n", "not both", 5),
        ("sections:\n  - items: [a.md]\n", "every section needs a 'title:'", 5),
        ("sections:\n  - title: X\n    items: [a.md]\n    note: y\n", "unknown key 'note' in a section", 7),
        ("reviews:\n  - title: No link\n", r"needs a 'url:' that is an absolute http\(s\) address", 5),
        ("reviews:\n  - url: https://example.org/x\n", "needs a 'title:'", 5),
        ("reviews:\n  - title: T\n    url: /relative\n", r"absolute http\(s\) address", 5),
        # urllib cannot take these apart: the pages' link rewriting raised ValueError (a traceback)
        ('reviews:\n  - title: T\n    url: "https://[::1/"\n', r"address \(Invalid IPv6 URL\)", 5),
        ("reviews:\n  - title: T\n    url: https://e.org:99999/\n", r"address \(Port out of range", 5),
        ("reviews:\n  - title: T\n    url: https://e xample.org/\n", r"address \(a space in its host\)", 5),
        (
            "reviews:\n  - title: T\n    url: https://e.org/\n    via: x\n",
            "unknown key 'via' in a link item",
            7,
        ),
        ("reviews:\n  - 42\n", "neither a review file name nor a link item", 5),
        ("reviews: [a.md]\nfeatured: c.md\n", "'featured:' must name one of the listed reviews", 5),
        ("reviews: [a.md]\nnumber: -3\n", "'number:' must be the issue's number", 5),
    ],
)
def test_mistakes_name_issue_md_and_the_line(tmp_path: Path, front: str, message: str, line: int) -> None:
    with pytest.raises(ContentError, match=message) as raised:
        load(make(tmp_path, front))
    assert raised.value.path is not None and raised.value.path.name == "issue.md"
    assert raised.value.line == line


# Each item is found by where YAML read it, never by searching the text for its value: a
# null, a true or an empty name is written otherwise than Python prints it ("None", "True"),
# and "5" or "a" is found first in the date or the title.
@pytest.mark.parametrize(
    ("items", "message", "line"),
    [
        ("  - a.md\n  -\n", "None is neither a review file name nor a link item", 6),
        ("  - a.md\n  - null\n", "None is neither a review file name nor a link item", 6),
        ("  - a.md\n  - ~\n", "None is neither a review file name nor a link item", 6),
        ("  - a.md\n  - true\n", "True is neither a review file name nor a link item", 6),
        ("  - a.md\n  - [a, b]\n", "is neither a review file name nor a link item", 6),
        ("  - a.md\n  - 5\n", "5 is neither a review file name nor a link item", 6),
        ("  - a.md\n  - {}\n", "a link item needs a 'title:'", 6),
        ("  - a.md\n  - title: null\n    url: null\n", "a link item needs a 'title:'", 6),
    ],
)
def test_an_item_that_is_not_a_name_is_named_by_its_own_line(
    tmp_path: Path, items: str, message: str, line: int
) -> None:
    with pytest.raises(ContentError, match=message) as raised:
        load(make(tmp_path, f"reviews:\n{items}"))
    assert raised.value.line == line


@pytest.mark.parametrize(
    ("items", "message", "line"),
    [
        ('  - a.md\n  - ""\n', "must be a file name inside the issue folder", 6),
        ("  - a.md\n  - ''\n", "must be a file name inside the issue folder", 6),
        ('  - a.md\n  - " "\n', "must be a file name inside the issue folder", 6),
        ('  - a.md\n  - "true"\n', "review 'true' is listed but not found", 6),
        ("sections:\n  - title: A\n    items:\n      - a.md\n      - '.'\n", "must be a file name inside", 8),
    ],
)
def test_a_quoted_name_that_cannot_be_a_review_is_named_by_its_own_line(
    tmp_path: Path, items: str, message: str, line: int
) -> None:
    front = items if items.startswith("sections:") else f"reviews:\n{items}"
    with pytest.raises(ContentError, match=message) as raised:
        load(make(tmp_path, front))
    assert raised.value.line == line


LONE_HALF = '"half \\ud800 of a pair"'  # YAML's escape for a lone surrogate, which nothing encodes


def test_a_lone_surrogate_in_a_link_item_becomes_the_replacement_character(tmp_path: Path) -> None:
    front = (
        f'reviews:\n  - a.md\n  - title: {LONE_HALF}\n    url: "https://example.org/\\ud800"\n'
        f"    comment: {LONE_HALF}\n    author: {LONE_HALF}\n    tags: [{LONE_HALF}]\n"
    )
    link = load(make(tmp_path, front)).links[0]
    assert link.title == link.comment == link.author == link.tags[0] == "half \ufffd of a pair"
    assert link.url == "https://example.org/\ufffd"
    assert "half \ufffd of a pair" in link.comment_html
    for text in (link.title, link.url, link.comment, link.comment_html, link.author, *link.tags):
        text.encode("utf-8")  # raises on a surrogate left in


def test_a_link_item_with_a_lone_surrogate_builds_every_output(project: Path) -> None:
    issue_file = project / "issues" / "issue-2025" / "issue.md"
    text = issue_file.read_text(encoding="utf-8")
    old = 'comment: "The leaderboard'
    assert old in text
    issue_file.write_text(
        text.replace(old, 'comment: "A lone \\ud800 half. The leaderboard'), encoding="utf-8"
    )
    result = run(project, "build", "issue-2025")
    assert result.exit_code == 0, result.output
    assert "A lone \ufffd half." in (project / "dist" / "issue-2025" / "index.html").read_text(
        encoding="utf-8"
    )


def test_a_listed_name_with_a_lone_surrogate_is_not_found_rather_than_a_crash(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="review 'a\ufffd.md' is listed but not found") as raised:
        load(make(tmp_path, 'reviews:\n  - b.md\n  - "a\\ud800.md"\n'))
    assert raised.value.path is not None and raised.value.path.name == "issue.md"


@pytest.mark.parametrize(
    ("front", "message", "line"),
    [
        ("subject: {a: 1}\nreviews: [a.md]\n", r"'subject:' must be text, not a mapping \(\{'a': 1\}\)", 4),
        ("preheader: [one, two]\nreviews: [a.md]\n", "'preheader:' must be text, not a list", 4),
        (
            "sections:\n  - title: {x: 1}\n    items: [a.md]\n",
            "a section's 'title:' must be text, not a mapping",
            5,  # the title's own line, not the next 'items:'
        ),
        (
            "reviews:\n  - title: T\n    url: https://e.org/\n    comment: {a: 1}\n",
            "the 'comment:' of link item 'T' must be text, not a mapping",
            6,
        ),
        (
            "reviews:\n  - title: [T]\n    url: https://e.org/\n",
            "the 'title:' of link item 'https://e.org/' must be text, not a list",
            6,
        ),
        (
            "reviews:\n  - title: T\n    url: https://e.org/\n    author: {name: Jo}\n",
            "the 'author:' of link item 'T' must be text, not a mapping",
            6,
        ),
    ],
    ids=["subject", "preheader", "section-title", "link-comment", "link-title", "link-author"],
)
def test_a_list_or_mapping_where_text_belongs_names_the_field_and_line(
    tmp_path: Path, front: str, message: str, line: int
) -> None:
    with pytest.raises(ContentError, match=message) as raised:
        load(make(tmp_path, front))
    assert raised.value.path is not None and raised.value.path.name == "issue.md"
    assert raised.value.line == line
    assert "in quotes" in raised.value.message


def test_a_title_that_is_a_list_is_refused_naming_the_field(tmp_path: Path) -> None:
    project = make(tmp_path, "reviews: [a.md]\n")
    issue_file = project / "issues" / "week-1" / "issue.md"
    issue_file.write_text(issue_file.read_text().replace("title: Week one", "title: [Week, one]"))
    with pytest.raises(ContentError, match="'title:' must be text, not a list") as raised:
        load(project)
    assert raised.value.line == 2


def test_a_blank_subject_is_the_title(tmp_path: Path) -> None:
    assert load(make(tmp_path, 'subject: "  "\nreviews: [a.md]\n')).subject == "Week one"


@pytest.mark.parametrize(
    ("front", "where", "line"),
    [
        ("reviews:\n  - a.md\n  - b.md\n  - a.md\n", "on lines 5 and 7", 7),
        ("reviews: [a.md, b.md, a.md]\n", "twice on one line", 4),
        (
            "sections:\n  - title: X\n    items: [a.md]\n  - title: Y\n    items:\n      - a.md\n",
            "on lines 6 and 9",
            9,
        ),
    ],
    ids=["in-one-list", "in-a-flow-list", "in-two-sections"],
)
def test_a_review_listed_twice_is_named_with_both_lines(
    tmp_path: Path, front: str, where: str, line: int
) -> None:
    with pytest.raises(ContentError) as raised:
        load(make(tmp_path, front))
    assert raised.value.problem == f"review 'a.md' is listed twice ({where}): remove one of them"
    assert raised.value.path is not None and raised.value.path.name == "issue.md"
    assert raised.value.line == line


def test_a_review_listed_under_two_spellings_is_listed_twice(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="listed twice in issue.md .under two spellings") as raised:
        load(make(tmp_path, "reviews:\n  - a.md\n  - ./a.md\n"))
    assert raised.value.path is not None and raised.value.path.name == "a.md"


def test_a_blank_title_is_a_missing_title(tmp_path: Path) -> None:
    project = make(tmp_path, "reviews: [a.md]\n")
    issue_file = project / "issues" / "week-1" / "issue.md"
    issue_file.write_text(issue_file.read_text().replace("title: Week one", 'title: "   "'))
    with pytest.raises(ContentError, match="the front matter needs 'title:'") as raised:
        load(project)
    assert raised.value.line == 2


@pytest.mark.parametrize(
    ("line", "blank", "advice"),
    [
        ("title: Week one", 'title: ""', 'write the issue\'s headline there, title: "..."'),
        ("date: 2025-03-01", 'date: ""', "write the issue's date there, date: YYYY-MM-DD"),
    ],
)
def test_a_blank_title_or_date_says_what_to_write(tmp_path: Path, line: str, blank: str, advice: str) -> None:
    project = make(tmp_path, "reviews: [a.md]\n")
    issue_file = project / "issues" / "week-1" / "issue.md"
    text = issue_file.read_text()
    assert line in text
    issue_file.write_text(text.replace(line, blank))
    with pytest.raises(ContentError) as raised:
        load(project)
    assert raised.value.problem == f"the front matter needs '{blank.split(':')[0]}:': {advice}"


# --- issue.md's front matter ---------------------------------------------------------------


@pytest.mark.parametrize("value", ['"true"', '"yes"', "maybe", "1"])
def test_an_issue_draft_flag_that_is_not_true_or_false_is_refused(project: Path, value: str) -> None:
    path = issue_md(project)
    path.write_text(path.read_text().replace("number: 2\n", f"number: 2\ndraft: {value}\n"))
    assert f"draft: {value}" in path.read_text()
    result = run(project, "build", "issue-2024", "--no-check-links")
    assert result.exit_code == 1
    line = one_error_line(result.output)
    assert "issue-2025/issue.md:" in line and "'draft:' must be true or false" in line


def test_a_front_matter_key_written_twice_names_both_lines(project: Path) -> None:
    path = issue_md(project)
    path.write_text(path.read_text().replace("number: 2\n", "number: 2\nnumber: 3\n"))
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 1
    line = one_error_line(result.output)
    assert "'number:' is written twice (lines" in line and "keep one of them" in line


def test_a_misspelt_front_matter_key_suggests_the_key_meant(project: Path) -> None:
    path = issue_md(project)
    path.write_text(path.read_text().replace("preheader:", "preheadr:"))
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 1
    assert "did you mean 'preheader'?" in one_error_line(result.output)


def test_a_link_item_without_a_url_says_to_add_one(project: Path) -> None:
    path = issue_md(project)
    path.write_text(path.read_text().replace("        url: https://www.swebench.com/\n", ""))
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 1
    line = one_error_line(result.output)
    assert "link item 'SWE-bench' needs a 'url:'" in line and "add the line 'url: ...'" in line
    assert "nothing" not in line


def test_an_issue_marked_draft_names_the_line_to_remove(project: Path) -> None:
    path = issue_md(project)
    path.write_text(path.read_text().replace("number: 2\n", "number: 2\ndraft: true\n"))
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 1
    assert "issue-2025/issue.md:7: the issue is marked 'draft: true'" in one_error_line(result.output)


def test_a_section_holding_only_the_featured_review_has_no_heading_over_nothing(project: Path) -> None:
    """The featured review is shown first, out of its section: a section it was alone in
    kept its heading in the email, its text and the web page, with nothing under it."""
    path = issue_md(project)
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            '  - title: "The four reviews"\n    items:\n      - raschka-state-of-llms.md\n',
            '  - title: "Our pick"\n    items:\n      - raschka-state-of-llms.md\n'
            '  - title: "The three others"\n    items:\n',
        ),
        encoding="utf-8",
    )
    assert run(project, "build", ISSUE, "--no-check-links").exit_code == 0
    out = project / "dist" / ISSUE
    text = (out / "email.txt").read_text(encoding="utf-8")
    assert "\nOur pick\n- Review: Sebastian Raschka" in text  # the contents still name it
    assert "OUR PICK" not in text and "\nTHE THREE OTHERS\n" in text
    for page in (out / "email.html", out / "index.html", project / "dist" / "feed.xml"):
        html = page.read_text(encoding="utf-8")
        assert 'id="our-pick"' not in html and 'id="the-three-others"' in html, page


SUBJECT = 'subject: "Two reviews: a week of trams"\n'  # 'reviews:' in a value, before any key of that name


@pytest.mark.parametrize(
    ("front", "line", "problem"),
    [
        (
            "sections:\n  - title: A\n    items: [a.md]\n  - items: [b.md]\n",
            8,
            "every section needs a 'title:'",
        ),
        (
            'sections:\n  - title: A\n    items: [a.md]\n  - title: ""\n    items: [b.md]\n',
            8,
            "needs a 'title:'",
        ),
        (
            "sections:\n  - title: A\n    items: [a.md]\n  - title: [B]\n    items: [b.md]\n",
            8,
            "must be text",
        ),
        ("sections:\n  - title: A\n    items: [a.md]\n  - title: B\n    items: b.md\n", 9, "must be a list"),
        ("reviews: a.md\n", 5, "must be a list"),
    ],
)
def test_a_problem_of_a_section_is_named_at_its_own_line(
    tmp_path: Path, front: str, line: int, problem: str
) -> None:
    """Each was placed at the first line holding 'items:' (the first section's), or holding
    'reviews:' anywhere, which a subject such as 'Two reviews: ...' holds."""
    with pytest.raises(ContentError) as caught:
        load(make(tmp_path, SUBJECT + front))
    assert problem in caught.value.message and caught.value.line == line, caught.value.message


@pytest.mark.parametrize(
    ("key", "value", "problem"),
    [("draft", "maybe", "'draft:' must be true or false"), ("number", "-3", "'number:' must be"),
     ("featured", "nope.md", "'featured:' must name one of the listed reviews")],
)  # fmt: skip
def test_a_setting_of_the_issue_is_named_at_its_key_not_at_a_value_holding_its_name(
    tmp_path: Path, key: str, value: str, problem: str
) -> None:
    """The line was the first holding 'draft:' (or 'number:', 'featured:') anywhere: a
    subject such as 'No draft: the final cut' was blamed for the setting under it."""
    front = f'subject: "No {key}: the final cut"\n{key}: {value}\nreviews: [a.md, b.md]\n'
    with pytest.raises(ContentError) as caught:
        load(make(tmp_path, front))
    assert problem in caught.value.message and caught.value.line == 5, caught.value.message


def test_each_items_line_is_found_without_splitting_the_file_each_time() -> None:
    """line_of split the whole issue file for each item it looked for: 6,000 link items in
    sections of their own took three and a half minutes to build."""
    from digest.sources.issue_file import line_of

    text = "---\nsections:\n" + "".join(
        f'  - title: "S{n}"\n    items:\n      - title: "Item {n}"\n        url: https://e{n}.example.org/\n'
        for n in range(6_000)
    )
    returns_in_time("6,000 items' lines", lambda: [line_of(text, f'"Item {n}"') for n in range(6_000)])
    lines = [line_of(text, f'"Item {n}"') for n in range(6_000)]
    assert lines[0] == 5 and lines[-1] == 4 * 5_999 + 5


def test_an_items_line_is_never_in_a_comment_nor_across_lines() -> None:
    from digest.sources.issue_file import line_of

    text = 'reviews:\n  # - "a.md" was here\n  - "a.md"\n'
    assert line_of(text, '"a.md"') == 3
    assert line_of(text, "was here") is None and line_of(text, 'here\n  - "a') is None
