"""Markdown to HTML (digest.render.markdown): text nested past what a page or an email can hold is
refused by its line."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import FOLDER, REVIEW_FILE, built, fails_cleanly
from tests.test_cli import tree
from tests.test_robustness import ISSUE

# --- text nested past what a page or an email can hold --------------------------------------


def nest_in_intro(project: Path, markdown: str) -> None:
    issue = project / FOLDER / "issue.md"
    issue.write_text(issue.read_text() + f"\n{markdown}\n")


def test_an_introduction_nested_fifty_thousand_deep_is_refused_not_a_crash(project: Path) -> None:
    """'> ' fifty thousand times made fifty thousand nested blockquotes: MJML (native code)
    ran out of stack and the process died of a segmentation fault, with no word and no
    exit code but 139. Run in a process of its own, so a crash cannot take the tests down."""
    built(project)
    nest_in_intro(project, "> " * 50_000 + "deep")
    before = tree(project / "dist")
    result = subprocess.run(
        [sys.executable, "-m", "digest", "build", ISSUE],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    line = next(line for line in result.stderr.splitlines() if line.startswith("Error:"))
    assert "issue.md:" in line and "nested" in line and "flatten" in line, line
    assert tree(project / "dist") == before


@pytest.mark.parametrize(
    ("where", "markdown"),
    [("intro", "> " * 150 + "deep"), ("intro", "- " * 150 + "deep"), ("review", "> " * 150 + "deep")],
)
def test_text_nested_past_a_hundred_levels_is_refused_by_its_line(
    project: Path, where: str, markdown: str
) -> None:
    built(project)
    if where == "intro":
        nest_in_intro(project, markdown)
        fails_cleanly(project, ("issue.md:", "nested 1", "deep", "flatten"))
    else:
        with (project / REVIEW_FILE).open("a") as review:
            review.write(f"\n{markdown}\n")
        fails_cleanly(project, ("llm-report-2025.md:", "nested 1", "deep", "flatten"))


def test_a_link_comment_nested_past_a_hundred_levels_is_refused(project: Path) -> None:
    built(project)
    issue = project / FOLDER / "issue.md"
    text = issue.read_text()
    comment = re.search(r'^ +comment: ".*"$', text, re.MULTILINE)
    assert comment is not None
    issue.write_text(text.replace(comment.group(0), f'        comment: "{"> " * 150}deep"', 1))
    fails_cleanly(project, ("issue.md:", "nested 1", "deep", "flatten"))


def test_prose_with_enough_words_is_the_opening_of_all_the_prose() -> None:
    from digest.render.markdown import prose, render_markdown

    paragraphs = "\n\n".join(f"Paragraph {n} has " + "several plain words " * n for n in range(1, 30))
    html = render_markdown("# Title\n\n" + paragraphs + "\n\n- a list item\n").html
    whole = prose(html)
    for enough in (0, 1, 5, 40, 200, 10_000):
        opening = prose(html, enough)
        assert whole.startswith(opening)
        assert len(opening.split()) > enough or opening == whole


# --- heading anchors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "anchor"),
    [
        ("What the 2025 Report Says", "what-the-2025-report-says"),
        ("  C++ & Rust: a__comparison!  ", "c-rust-a-comparison"),
        ("Débuter avec Ælfred: ça marche", "debuter-avec-lfred-ca-marche"),
        ("ﬁne-tuning ＬＬＭs", "fine-tuning-llms"),  # compatibility forms fold too
        ("Go 言語の並行処理", "section"),  # mostly a script that does not fold: not "go"
        ("Привет, мир", "section"),
        ("Ελληνικά and English words here", "and-english-words-here"),
        ("---", "section"),
        ("", "section"),
        ("x" * 100, "x" * 80),
        ("a" * 79 + " b", "a" * 79),
    ],
)
def test_slugify_folds_accents_and_falls_back_for_other_scripts(title: str, anchor: str) -> None:
    from digest.render.markdown import slugify

    assert slugify(title) == anchor


def test_headings_get_unique_anchors_in_order() -> None:
    from digest.render.markdown import render_markdown

    rendered = render_markdown("## Results\n\ntext\n\n## Results\n\n### Café *au lait*\n")
    assert [(s.level, s.title, s.anchor) for s in rendered.sections] == [
        (2, "Results", "results"),
        (2, "Results", "results-2"),
        (3, "Café au lait", "cafe-au-lait"),
    ]
    assert '<h2 id="results-2">' in rendered.html


def test_the_links_the_sanitiser_removes_are_told() -> None:
    """A javascript:, vbscript:, data: or file: address is removed from a link or image (no
    reader's app may run or reach it), silently: the editor never learnt the link was gone.
    The render says which, as written."""
    from digest.render.markdown import render_markdown

    rendered = render_markdown(
        "A [script](javascript:alert(1)), a [file](file:///C:/notes.txt), "
        '<a href="  JaVa&#9;Script:x()">raw</a>, ![a dot](data:image/png;base64,AA) and [a page](https://example.org/).\n'
    )
    assert "javascript" not in rendered.html.lower() and "file:" not in rendered.html
    assert rendered.removed == (
        "javascript:alert(1)",
        "file:///C:/notes.txt",
        "JaVa\tScript:x()",
        "data:image/png;base64,AA",
    )
    assert render_markdown("A [page](https://example.org/) and a [file](notes.txt).\n").removed == ()
