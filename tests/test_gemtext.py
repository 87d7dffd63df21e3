"""Gemtext (text/gemini, `.gmi`), the Gemini protocol's line-oriented markup, read as the Markdown
that shows what a Gemini client shows (digest.sources.gemtext)."""

from __future__ import annotations

import re
from pathlib import Path

from digest.sources.gemtext import gemtext_to_markdown, is_gemtext
from digest.sources.reviews import read_review
from tests.helpers import ends_in_time, write_in

CAPSULE_POST = (
    "# Why I keep a capsule\n"
    "\n"
    "Small is *good*, said nobody [citation needed].\n"
    "Each line here is a paragraph of its own.\n"
    "- not a list in gemtext\n"
    "=> gemini://example.org/notes.gmi Notes from last year\n"
    "=> https://example.org/a_(b)\n"
    "\n"
    "## Tools\n"
    "* a text editor\n"
    "* rsync\n"
    ">Quoted line one\n"
    "> Quoted line two\n"
    "```ascii art\n"
    "  *  *  [x]\n"
    "```\n"
)


def test_each_line_type_becomes_its_markdown_twin_line_for_line() -> None:
    markdown = gemtext_to_markdown(CAPSULE_POST)
    lines = markdown.split("\n")
    assert len(lines) == len(CAPSULE_POST.split("\n"))  # line numbers stay the file's
    assert lines[0] == "# Why I keep a capsule"
    assert lines[2] == "Small is \\*good\\*, said nobody \\[citation needed\\].\\"
    assert lines[3] == "Each line here is a paragraph of its own.\\"
    assert lines[4] == "\\- not a list in gemtext\\"
    # a Gemini address opens in no browser or mail reader: it is shown, not linked
    assert lines[5] == "Notes from last year (gemini://example.org/notes.gmi)\\"
    assert lines[6] == "[https://example.org/a\\_(b)](<https://example.org/a_(b)>)"
    assert lines[8:11] == ["## Tools", "* a text editor", "* rsync"]
    assert lines[11:13] == ["> Quoted line one\\", "> Quoted line two"]
    assert lines[13:16] == ["```", "  *  *  [x]", "```"]


def test_a_gmi_file_is_read_as_gemtext(tmp_path: Path) -> None:
    review = read_review(write_in(tmp_path, "capsule-2024-03-09.gmi", CAPSULE_POST))
    assert review.title == "Why I keep a capsule"
    assert review.format == "gemtext"
    assert "Notes from last year (gemini://example.org/notes.gmi)<br" in review.html
    assert '<a href="https://example.org/a_(b)">https://example.org/a_(b)</a>' in review.html
    assert "Small is *good*, said nobody [citation needed].<br" in review.html
    assert "=&gt;" not in review.html and "=>" not in review.body
    assert "<li>not a list" not in review.html
    assert "  *  *  [x]" in review.html


def test_front_matter_over_gemtext_is_read_and_the_body_converted(tmp_path: Path) -> None:
    text = "---\ntitle: Gemlog entry\ndate: 2024-03-09\n---\nA line.\n=> /archive/ Archive\n"
    review = read_review(write_in(tmp_path, "entry.gmi", text))
    assert review.title == "Gemlog entry"
    assert review.date is not None and review.date.date().isoformat() == "2024-03-09"
    assert "[Archive](</archive/>)" in review.body


def test_only_a_file_named_as_gemtext_is_gemtext(tmp_path: Path) -> None:
    assert is_gemtext(Path("post.gmi")) and is_gemtext(Path("POST.GEMINI"))
    assert not is_gemtext(Path("post.md")) and not is_gemtext(Path("gmi"))
    text = "# Arrows\n\nThe rule => the result.\n=> not a link in Markdown\n"
    review = read_review(write_in(tmp_path, "arrows.md", text))
    assert "=> not a link in Markdown" in review.body


def test_a_line_of_spaces_between_words_is_read_in_linear_time(tmp_path: Path) -> None:
    """A link's, heading's, item's or quote's text was found lazily, a character at a time, with
    the spaces that may end the line tried at each: a run of spaces inside the text was scanned
    again at every character of it (20 s for one 80 KB heading, four times that at each doubling)."""
    gap = " " * 120_000
    text = "".join(f"{opening}a{gap}b{gap}c\n" for opening in ("=> /a", "# ", "* ", "> "))
    ends_in_time(tmp_path, "gaps.gmi", text, "digest.sources.reviews.read_review")


def test_spaces_around_a_lines_text_are_not_part_of_it() -> None:
    assert gemtext_to_markdown("=> /a \t Its  name \t\n#  Title \t\n*  item \t\n>  said \t") == (
        "[Its  name](</a>)\n# Title\n*  item\n> said"
    )


def test_an_indented_fence_inside_preformatted_text_stays_in_it(tmp_path: Path) -> None:
    """Only a line starting with ``` toggles Gemtext's preformatted mode: '  ```' inside it is
    text. Markdown closes a fence at ``` indented up to three spaces, so the rest of the block
    was read as prose (a Markdown sample shown in a capsule)."""
    text = "# Sample\n\nThe source:\n```\n- a list item:\n  ```\n  *still* code\n  ```\n```\nAfter.\n"
    html = read_review(write_in(tmp_path, "sample.gmi", text)).html
    assert "<pre><code>- a list item:\n  ```\n  *still* code\n  ```\n</code></pre>" in html
    assert "<em>" not in html and "After." in html


def test_a_line_right_after_a_list_or_a_quotation_stays_out_of_it() -> None:
    """Markdown reads a line of text after a list item or a quotation as part of it (a lazy
    continuation line): the paragraph after a capsule's list became its last item's words,
    and a link after a quotation was quoted. Gemtext makes every line its own."""
    from digest.render.markdown import render_markdown

    capsule = (
        "* a tram\n* a bus\nThe end of the list & more.\nIts second line.\n"
        "> quoted\n=> https://example.org/a?b=1&c=2 A <web> link\n"
        "* an item\n=> gemini://example.org/ A capsule\n"
    )
    markdown = gemtext_to_markdown(capsule)
    assert len(markdown.split("\n")) == len(capsule.split("\n"))  # line numbers stay the file's
    html = render_markdown(markdown).html
    items = re.findall(r"<li>(.*?)</li>", html, re.DOTALL)
    assert items == ["a tram", "a bus", "an item"], html
    assert re.findall(r"<blockquote>\s*(.*?)\s*</blockquote>", html, re.DOTALL) == ["<p>quoted</p>"], html
    assert "<p>The end of the list &amp; more.</p>" in html and "Its second line." in html, html
    assert '<a href="https://example.org/a?b=1&amp;c=2">A &lt;web&gt; link</a>' in html, html
    assert "A capsule (gemini://example.org/)" in html and "<!--" not in html, html
