"""Markdown to HTML (digest.render.markdown): text nested past what a page or an email can hold is
refused by its line."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import (
    FOLDER,
    REVIEW_FILE,
    built,
    ends_in_time,
    fails_cleanly,
    finishes_in_time,
    returns_in_time,
)
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


NESTED_IDS = ["quotes", "divs", "lists", "li-dd", "h1-span", "self-closing-divs", "b-then-divs"]
NESTED_IDS += ["li-ul-end", "stray-cells", "tables-closed-from-a-cell"]
NESTED_IDS += ["span-end-past-a-div", "heading-end-of-another-level", "form-end", "html-start", "body-end"]


@pytest.mark.parametrize(
    "markdown",
    [
        "> " * 400_000 + "deep",  # one line of quotes: 800 KB, within a review's limit
        "<div>" * 150_000,
        "<ul><li>" * 100_000,
        "<li><dd>" * 100_000,  # neither closes the other: each opens inside the one before
        "<h1><span>" * 100_000,
        "<div/>" * 150_000,  # '/>' closes nothing outside SVG and MathML
        "<b>" * 60_000 + "<div>" * 60_000,
        "<li><ul></li>" * 80_000,  # an item's end tag does not reach past a list opened in it
        ("<div>" * 900 + "<td>") * 160,  # a cell outside a table is no element at all
        ("<div>" * 900 + "<table><tr><td></table>") * 160,  # '</table>' closes its cell too
        "<span><div></span>" * 100_000,  # an end tag stops at a block: '</span>' closes nothing
        "<h1><span><h2></h1>" * 80_000,  # '</h1>' closes the nearest heading, the <h2>
        "<form><div></form>" * 100_000,  # '</form>' takes the form alone off the open elements
        "<div><html>" * 150_000,  # '<html>' opens nothing: no scope starts there
        "<body><span></body>" * 100_000,  # nor does '<body>', and '</body>' closes nothing
    ],
    ids=NESTED_IDS,
)
def test_text_nested_hundreds_of_thousands_deep_is_refused_before_the_sanitiser_reads_it(
    markdown: str,
) -> None:
    """The sanitiser's HTML parser (html5ever) looks through every element left open for each
    one it opens: 100,000 nested quotes or divs took two minutes to sanitise, 40,000 '<li><dd>'
    35 seconds, and a review of 800 KB of '> ' held the build for most of an hour."""
    from digest.render.markdown import MAX_NESTING, render_markdown

    def refused() -> None:
        rendered = render_markdown(markdown)
        assert rendered.deepest > MAX_NESTING, rendered.deepest
        assert rendered.html == ""

    returns_in_time("text nested hundreds of thousands deep", refused)


@pytest.mark.parametrize(
    "html",
    [
        "<p>A paragraph left open." * 5_000,
        "<ul>" + "<li>An item left open" * 5_000 + "</ul>",
        "<dl>" + "<dt>Term<dd>Its definition" * 3_000 + "</dl>",
        "<table>" + "<tr><td>a<td>b<th>c" * 3_000 + "</table>",
        "<div><span>A span its div closes</div>" * 3_000,
        "<div><b>Bold its div closes</div>" * 3_000,
        "<svg>" + '<circle r="1"/>' * 3_000 + "</svg>",
        "<div>" * 90 + "deep enough" + "</div>" * 90,
        "<ul>" + "<li><b>An item in bold" * 3_000 + "</ul>",  # each item closes the one before
        "<dl>" + "<dt><span>A term<dd><span>Its definition" * 3_000 + "</dl>",
    ],
    ids=[
        "paragraphs",
        "items",
        "definitions",
        "cells",
        "spans",
        "bold",
        "svg",
        "ninety-divs",
        "items-in-bold",
        "definitions-with-spans",
    ],
)
def test_long_raw_html_that_closes_its_elements_implicitly_is_not_refused(html: str) -> None:
    """HTML lets an author leave out many end tags (p, li, dd, td, ...) and closes an
    element's open descendants with its end tag: thousands of them are text that nests
    shallowly, not deeply."""
    from digest.render.markdown import MAX_NESTING, render_markdown

    rendered = render_markdown(html)
    assert rendered.deepest <= MAX_NESTING, rendered.deepest
    assert rendered.html


REOPENING = {
    "table": "<table>" + "".join(f'<b id="b{n}">' for n in range(900)) + "</table>" + "<p>x</p>" * 20_000,
    "div": "<div>" + "".join(f'<b id="b{n}">' for n in range(900)) + "</div>" + "<div>x</div>" * 20_000,
    "tables": "".join(
        "<table>" + "".join(f'<i class="c{t}-{n}">' for n in range(300)) + "</table>" for t in range(400)
    )
    + "x",
}


@pytest.mark.parametrize("html", REOPENING.values(), ids=REOPENING.keys())
def test_formatting_elements_reopened_in_every_paragraph_are_refused_before_the_sanitiser(html: str) -> None:
    """HTML keeps a bold or italic element its parent closed (a div's end tag, a table's) in
    a list, and opens it again for the next text: 900 of them, closed by their parent once,
    were opened again in each of 20,000 paragraphs (a 170 KB review ran the sanitiser out of
    4 GB of memory), and 400 tables of 300 each opened every earlier one again (refused as
    nested too deep, the reopened ones counted as open)."""
    from digest.render.markdown import MAX_NESTING, render_markdown

    def refused() -> None:
        rendered = render_markdown(html)
        assert rendered.reopened or rendered.deepest > MAX_NESTING, rendered.html[:200]
        assert rendered.html == ""

    returns_in_time("formatting elements reopened in every paragraph", refused)


def test_a_link_left_open_is_closed_by_the_next_one_not_counted_as_nested() -> None:
    """An <a> still in HTML's list when another <a> starts is closed (a link holds no link):
    1,100 anchors written unclosed (`<a name="s1">Section 1`, one a paragraph) were counted
    1,100 deep and refused as nested too deeply, where the parser keeps them 2 deep and
    863f989 rendered them."""
    from digest.render.markdown import render_markdown

    for opening in ('<a name="s{n}">', "<nobr>"):  # a <nobr> closes the one reopened before it
        source = "".join(opening.format(n=n) + f"Section {n}\n\n" for n in range(1_100))
        rendered = render_markdown(source)
        assert rendered.deepest < 10 and "Section 1099" in rendered.html, opening


def test_formatting_elements_ended_after_their_parent_closed_are_not_reopened() -> None:
    """An end tag of a bold element its parent already closed takes it off HTML's list
    (nothing reopens it): 900 so ended before 20,000 paragraphs are no reason to refuse."""
    from digest.render.markdown import render_markdown

    opening = "<div>" + "".join(f'<b id="b{n}">' for n in range(900)) + "x</div>" + "</b>" * 900
    rendered = render_markdown(opening + "<p>y</p>" * 20_000)
    assert not rendered.reopened and rendered.html


@pytest.mark.parametrize(
    ("html", "deepest"),
    [
        ("<span><div></span><p>", 3),  # the span's end tag stops at the div
        ("<span><b></span><p>", 2),  # an element of no block closes with everything after it
        ("<button><div></button><p>", 2),  # a button's end tag, as a block's, closes what it holds
        ("<h1><span><h2></h1><b><i>", 4),  # closes the <h2>, the nearest heading
        ("<h2>x</h3><p>", 1),
        ("<form><div></form><p><b>", 3),  # the form alone leaves
        ("<form><div><form><div></form><div>", 3),  # a form in a form is never opened
        ("<div><html><div><body><div></body></html><div>", 4),
    ],
)
def test_end_tags_close_what_htmls_parser_closes(html: str, deepest: int) -> None:
    """The count of open elements before sanitising never counted fewer than the sanitiser's
    parser keeps open, except where this count closed what HTML's parser leaves open: 20,000
    '<span><div></span>' (HTML ignores an end tag whose element is behind a block), as many
    '<h1><span><h2></h1>' (a heading's end tag closes the nearest heading, of any level),
    '<form><div></form>' (it takes the form alone off) or '<div><html>' (HTML opens no new
    <html>: this count started afresh there, as at a table) were counted 1 to 3 deep and
    took the sanitiser 1 to 4 seconds, four times as long for each doubling."""
    from digest.render.markdown import most_open_before_sanitising

    assert most_open_before_sanitising(html).deepest == deepest


@pytest.mark.parametrize(
    ("html", "deepest"),
    [
        ("<li><span><li><p>", 2),  # an item closes the item open, past elements of no block
        ("<li><div><li><p>", 2),  # and past a div, an address or a paragraph
        ("<dd><ul><dd><p>", 4),  # but not past a list opened in it
        ("<button><i><button>x", 2),  # a button closes the button open
        ("<p>x<h2><dd><label>x<dd><dt></dd><em>x<nobr><i><h2><h1>", 6),
    ],
)
def test_start_tags_close_what_htmls_parser_closes(html: str, deepest: int) -> None:
    """An item's start tag closed the item open only where it was the element open last, so
    '<li><b>' items (3,000 of them: a list of items in bold) were counted as nested and
    refused; and the <dd> kept open so was closed by a '</dd>' HTML ignores, with all that
    had opened after it, counting fewer elements open than the parser keeps."""
    from digest.render.markdown import most_open_before_sanitising

    assert most_open_before_sanitising(html).deepest == deepest


def test_formatting_elements_reopened_for_the_last_text_are_counted_open() -> None:
    """HTML reopens a formatting element its parent closed before the next text: counted only
    when a later start tag came, so reopened ones were left out at the end of the text."""
    from digest.render.markdown import most_open_before_sanitising

    assert most_open_before_sanitising("<div><b><b></div><div><div><div>x").deepest == 5
    assert most_open_before_sanitising("<div><b><b></div><div><div><div>x</div>").deepest == 5


def test_an_end_tag_of_a_paragraph_none_is_open_in_counts_the_paragraph_html_makes() -> None:
    """HTML makes an empty <p> for a `</p>` with no paragraph open: one element deeper than
    what is open, which the count before sanitising never counted fewer than."""
    from digest.render.markdown import most_open_before_sanitising

    assert most_open_before_sanitising("<div><div></p>").deepest == 3
    assert most_open_before_sanitising("<div><p>x</p>").deepest == 2


FOSTERED = {
    "text": "<table>" + "x<br>" * 150_000 + "</table>",
    "after-paragraphs": "<p>x</p>" * 60_000 + "<table>" + "<span>x</span>" * 30_000 + "</table>",
}


@pytest.mark.parametrize("html", FOSTERED.values(), ids=FOSTERED.keys())
def test_content_written_in_a_table_outside_its_cells_is_refused_before_the_sanitiser(html: str) -> None:
    """HTML moves text and elements written in a table but in no cell to before the table
    ("foster parenting"), and the sanitiser's parser finds the table among its parent's
    children for each: 40,000 in a 200 KB review took 5 seconds, four times as long for each
    doubling, and 4,000 after 100,000 paragraphs took 2."""
    from digest.render.markdown import render_markdown

    def refused() -> None:
        rendered = render_markdown(html)
        assert rendered.fostered == "<table>", rendered.html[:200]
        assert rendered.html == ""

    returns_in_time("content written in a table outside its cells", refused)


def test_a_few_words_in_a_table_outside_its_cells_are_moved_before_it_not_refused() -> None:
    from digest.render.markdown import render_markdown

    html = "<p>x</p>" * 2_000 + "<table><tr><td>cell</td></tr>stray words<b>bold</b></table>"
    rendered = render_markdown(html)
    assert not rendered.fostered and "stray words" in rendered.html


def test_content_in_a_table_outside_its_cells_past_the_limit_is_refused_by_its_line(project: Path) -> None:
    built(project)
    with (project / REVIEW_FILE).open("a") as review:
        review.write("\nA paragraph.\n\n<table>" + "word<br>" * 20_000 + "</table>\n")
    line = (project / REVIEW_FILE).read_text().count("\n")
    fails_cleanly(project, (f"llm-report-2025.md:{line}:", "<table>", "outside its cells", "cell"))


def test_formatting_elements_reopened_past_the_limit_are_refused_by_their_line(project: Path) -> None:
    built(project)
    opening = "<div>" + "".join(f'<em title="t{n}">' for n in range(600)) + "</div>"
    with (project / REVIEW_FILE).open("a") as review:
        review.write("\nA paragraph.\n\n" + opening + "<div>again</div>" * 2_000 + "\n")
    line = (project / REVIEW_FILE).read_text().count("\n")
    fails_cleanly(project, (f"llm-report-2025.md:{line}:", "<em", "reopen", "close"))


def test_a_review_nested_four_hundred_thousand_deep_is_refused_by_its_line(project: Path) -> None:
    built(project)
    with (project / REVIEW_FILE).open("a") as review:
        review.write("\nA paragraph.\n\n" + "> " * 400_000 + "deep\n")
    lines = (project / REVIEW_FILE).read_text().count("\n")
    fails_cleanly(project, (f"llm-report-2025.md:{lines}:", "nested", "deep", "flatten"))


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


@pytest.mark.parametrize(
    ("title", "anchor"),
    [
        ("작업", "작업"),
        ("문제 분석!", "문제-분석"),
        ("Go 言語の並行処理", "go-言語の並行処理"),
        ("Привет, мир", "привет-мир"),
        ("אז מה הולך פה?", "אז-מה-הולך-פה"),
        ("설명_예시 보기", "설명_예시-보기"),
        ("Café au lait", "cafe-au-lait"),  # text that folds to ASCII keeps its folded anchor
        ("---", "section"),
        ("한" * 100, "한" * 80),
    ],
)
def test_heading_anchors_keep_the_letters_of_scripts_that_do_not_fold(title: str, anchor: str) -> None:
    """A heading in Hangul, Han, Cyrillic or Hebrew gets an anchor made of its own words, as
    GitHub and Hugo make them (lower case, punctuation out, spaces as hyphens), not a numbered
    `section`: a reader's link to it says where it goes. Text that folds to ASCII keeps the
    folded anchor."""
    from digest.render.markdown import heading_anchor

    assert heading_anchor(title) == anchor


@pytest.mark.parametrize(
    ("title", "anchor"),
    [
        ("第一段：贵妃受宠爱", "第一段贵妃受宠爱"),  # a full-width colon between words
        ("東京・大阪", "東京大阪"),
        ("Москва—Петербург", "москвапетербург"),
        ("«Привет» — мир", "привет-мир"),  # runs of spaces are one hyphen, as before
    ],
)
def test_punctuation_in_a_heading_is_left_out_of_its_anchor_as_github_and_hugo_do(
    title: str, anchor: str
) -> None:
    """GitHub and Hugo (goldmark's `github` ids) drop punctuation rather than make it a hyphen:
    a heading of Han words joined by a full-width colon has them side by side in its anchor, and
    a link an author wrote to it for those sites finds it here too."""
    from digest.render.markdown import heading_anchor

    assert heading_anchor(title) == anchor


@pytest.mark.parametrize(
    ("title", "anchor"),
    [
        ("문\u200b제", "문제"),  # a zero-width space
        ("نرم\u200cافزار", "نرمافزار"),  # Persian's zero-width non-joiner inside a word
        ("\u200fשלום\u200f עולם", "שלום-עולם"),  # right-to-left marks
        ("Приве\u00adт", "привет"),  # a soft hyphen
    ],
)
def test_invisible_characters_in_a_heading_do_not_split_its_anchor(title: str, anchor: str) -> None:
    """Format characters (zero-width spaces and joiners, direction marks, soft hyphens) are
    not seen: a word holding one is one word of the anchor, as GitHub drops them and as a
    reader typing the link writes it."""
    from digest.render.markdown import heading_anchor

    assert heading_anchor(title) == anchor


@pytest.mark.parametrize(
    ("title", "anchor"),
    [
        ("Python 入门", "python-入门"),  # mostly Latin letters, and Han ones too
        ("Python 进阶", "python-进阶"),
        ("Straße", "straße"),  # letters with no ASCII form: 'ß', 'ø', 'æ', 'ł'
        ("Søren Kierkegaard", "søren-kierkegaard"),
        ("Encyclopædia", "encyclopædia"),
        ("Łódź", "łódź"),
        ("Grüne Straßen", "grüne-straßen"),
        ("Café au lait", "cafe-au-lait"),  # every letter folds: the folded slug, as before
        ("ﬁnal ①", "final-1"),
    ],
)
def test_a_heading_anchor_never_drops_a_letter(title: str, anchor: str) -> None:
    """A heading whose letters do not all fold to ASCII keeps its own words in its anchor, as
    GitHub and Hugo keep them, rather than a slug without those letters ('strae', 'sren') or
    without the words of the other script ('python' for 'Python 入门', and 'python-2' for
    the next such heading): two headings that differ get anchors that differ by their words."""
    from digest.render.markdown import heading_anchor

    assert heading_anchor(title) == anchor


def test_headings_in_other_scripts_get_unique_readable_anchors() -> None:
    from digest.render.markdown import render_markdown

    rendered = render_markdown("## 작업\n\ntext\n\n## 작업\n\n### [문제링크](https://example.org/p)\n")
    assert [s.anchor for s in rendered.sections] == ["작업", "작업-2", "문제링크"]
    assert '<h2 id="작업-2">' in rendered.html and '<h3 id="문제링크">' in rendered.html


def test_headings_get_unique_anchors_in_order() -> None:
    from digest.render.markdown import render_markdown

    rendered = render_markdown("## Results\n\ntext\n\n## Results\n\n### Café *au lait*\n")
    assert [(s.level, s.title, s.anchor) for s in rendered.sections] == [
        (2, "Results", "results"),
        (2, "Results", "results-2"),
        (3, "Café au lait", "cafe-au-lait"),
    ]
    assert '<h2 id="results-2">' in rendered.html


def test_a_body_whose_sections_are_level_one_headings_has_them_under_the_title() -> None:
    """A post whose sections are written '# Section' (its title in front matter) put an <h1>
    per section on its page, beside the page's own <h1>, the review's title (found by
    review21). As the importer does for a page's body, any <h1> shifts every heading down
    one level (an <h6> stays one); a body without one keeps its levels."""
    from digest.render.markdown import render_markdown

    rendered = render_markdown("# Method\n\ntext\n\n## Data\n\n###### Note\n\n# Results\n")
    assert [(s.level, s.title) for s in rendered.sections] == [
        (2, "Method"),
        (3, "Data"),
        (6, "Note"),
        (2, "Results"),
    ]
    assert '<h2 id="method">Method</h2>' in rendered.html and "<h1" not in rendered.html
    assert '<h3 id="data">' in rendered.html and '<h6 id="note">' in rendered.html
    kept = render_markdown("## Method\n\n### Data\n")
    assert [s.level for s in kept.sections] == [2, 3]


def test_a_review_page_has_one_level_one_heading_however_its_body_is_written(project: Path) -> None:
    import lxml.html

    review = project / REVIEW_FILE
    review.write_text(review.read_text().replace("\n## ", "\n# "))
    pages = built(project)
    page = next(
        content
        for name, content in pages.items()
        if name.endswith("large-language-models-in-2025-and-beyond/index.html")
    )
    document = lxml.html.document_fromstring(page)
    assert [h.text_content() for h in document.xpath("//h1")] == [
        "Review: A report on large language models in 2025 and beyond"
    ]
    assert document.xpath("//div[@class='body']/h2[@id='what-it-covers']")


def test_a_review_with_headings_in_hangul_builds_with_their_anchors(project: Path) -> None:
    """Anchors of Hangul words pass the build's own checks (links to them, ids unique) and
    reach the review's page."""
    review = project / REVIEW_FILE
    review.write_text(review.read_text() + "\n## 작업\n\n첫째.\n\n## 작업\n\n둘째.\n")
    pages = built(project)
    assert any(b'id="\xec\x9e\x91\xec\x97\x85-2"' in content for content in pages.values())


def test_a_heading_hidden_in_a_comment_or_a_script_is_no_section() -> None:
    """A section commented out as raw HTML became a section of the review, its anchor in the
    page's contents, and the build failed on a link to an id the page does not have."""
    from digest.render.markdown import render_markdown

    rendered = render_markdown(
        "Intro.\n\n<!-- <h2>Old section</h2> -->\n\n## Real section\n\ntext\n\n"
        '<script>var s = "<h2>In a script</h2>";</script>\n\n## Real section\n'
    )
    assert [(s.level, s.title, s.anchor) for s in rendered.sections] == [
        (2, "Real section", "real-section"),
        (2, "Real section", "real-section-2"),
    ]
    assert '<h2 id="real-section">' in rendered.html and '<h2 id="real-section-2">' in rendered.html


def test_an_element_left_open_inside_a_comment_hides_nothing_and_is_not_refused() -> None:
    """An embed commented out was refused: 'raw HTML opens <iframe> and never closes it, so
    everything after it would vanish', where nothing vanished."""
    from digest.render.markdown import render_markdown

    commented = render_markdown(
        'Intro.\n\n<!-- the old embed: <iframe src="https://example.org/v"> -->\n\nText.\n'
    )
    assert commented.unclosed is None and "Text." in commented.html
    assert render_markdown('Intro.\n\n<iframe src="https://example.org/v">\n\nText.\n').unclosed == "iframe"
    assert render_markdown("Intro.\n\n<script>var s = '<textarea>';</script>\n\nText.\n").unclosed is None
    assert render_markdown("Intro.\n\n<style>p { color: red }\n\nText.\n").unclosed == "style"
    assert render_markdown("Intro.\n\n<!-- a note\n\nText.\n").unclosed == "!--"


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


def test_the_elements_the_sanitiser_removes_whole_are_told_once_each() -> None:
    """An embedded video's <iframe> or a <form> vanished from every output without a word:
    the editor pasting an embed never learnt readers would not see it."""
    from digest.render.markdown import render_markdown

    rendered = render_markdown(
        'Watch:\n\n<iframe src="https://video.example.org/embed/1" title="A talk"></iframe>\n\n'
        '<IFRAME src="https://video.example.org/embed/2"></IFRAME>\n\n<script>alert(1)</script>\n\n'
        "<!-- <form action='x'></form> -->\n\nThe end.\n"
    )
    assert "iframe" not in rendered.html.lower() and "script" not in rendered.html.lower()
    assert rendered.removed == ("<iframe>",)  # once; none in a comment
    assert render_markdown("A <span>kept</span> word and `<iframe>` in code.\n").removed == ()


def test_an_audio_or_video_player_becomes_a_link_to_its_media_without_its_fallback() -> None:
    """No mail app or feed reader plays media: a raw <audio> or <video> naming an http(s) address
    (`src`, or a <source src> inside it) shows as a link to it, a paragraph of its own where it
    opens a line and inline in a sentence; its fallback content, which HTML shows only where the
    element cannot be played ('Your browser does not support...'), is no text of the review."""
    from digest.render.markdown import render_markdown

    rendered = render_markdown(
        "Listen:\n\n<audio controls>\n  <source src='https://example.org/a.ogg?x=1&amp;y=2' type='audio/ogg'>\n"
        "  Your browser does not support the audio element.\n</audio>\n\n"
        'A clip <video src="https://example.org/v.mp4" poster="p.png">No video here.</video> inline.\n'
    )
    assert (
        '<p><a href="https://example.org/a.ogg?x=1&amp;y=2">https://example.org/a.ogg?x=1&amp;y=2</a></p>'
        in rendered.html
    )
    assert (
        '<p>A clip <a href="https://example.org/v.mp4">https://example.org/v.mp4</a> inline.</p>'
        in rendered.html
    )
    assert "support" not in rendered.text and "No video" not in rendered.text
    assert rendered.removed == ()


def test_a_player_naming_no_web_address_is_still_removed_and_told() -> None:
    """A relative or data: source reaches nothing from a mail: the player is removed as before
    (and told once), and a player written as code stays code."""
    from digest.render.markdown import render_markdown

    rendered = render_markdown(
        '<audio src="clip.wav"></audio>\n\n<video><source src="data:video/mp4;base64,AA"></video>\n'
    )
    assert "<a " not in rendered.html and rendered.removed[:2] == ("<audio>", "<video>")
    code = render_markdown('`<audio src="https://example.org/a.mp3">`\n')
    assert "&lt;audio" in code.html and "<a " not in code.html


def test_a_player_whose_fallback_links_or_shows_a_picture_keeps_its_fallback() -> None:
    """A fallback holding a link or a picture is what the writer chose to show where the media
    cannot play: it stays, and no second link is made."""
    from digest.render.markdown import render_markdown

    rendered = render_markdown(
        '<video controls>\n<source src="https://example.org/v.mp4">\n'
        '<a href="https://example.org/watch"><img src="https://example.org/poster.png" alt="Watch"></a>\n</video>\n'
    )
    assert (
        '<a href="https://example.org/watch"><img src="https://example.org/poster.png" alt="Watch"></a>'
        in rendered.html
    )
    assert "v.mp4" not in rendered.html


def test_a_task_list_items_box_is_a_character_every_mail_app_shows() -> None:
    """GFM's task list items (`- [ ]`, `- [x]`, `- [X]` and a space) show their box, not the text
    '[ ]' nor a form control a mail app drops: '☐' open, '☑' done, at the start of the item's
    text, in tight and loose lists and numbered ones; '[x]' without a space after it, or in code,
    is text."""
    from digest.render.markdown import render_markdown

    rendered = render_markdown(
        "- [ ] Write the issue\n- [x] Pick the reviews\n- [X] Send it\n- [x]nothing\n- `[ ]` code\n\n"
        "1. [ ] first\n\n- [ ] loose\n\n  more\n- [x] kept\n"
    )
    assert "<input" not in rendered.html
    for item in ("<li>\u2610 Write the issue</li>", "<li>\u2611 Pick the reviews</li>", "<li>\u2611 Send it</li>",
                 "<li>[x]nothing</li>", "<li><code>[ ]</code> code</li>", "<li>\u2610 first</li>",
                 "<li>\n<p>\u2610 loose</p>", "<li>\n<p>\u2611 kept</p>"):  # fmt: skip
        assert item in rendered.html
    assert rendered.text.startswith("\u2610 Write the issue \u2611 Pick the reviews")


def test_a_task_list_inside_a_block_quote_shows_its_boxes() -> None:
    """GFM's task list item is any list item whose paragraph opens with `[ ]` or `[x]` and a
    space, in whatever container: GitHub shows the boxes of `> - [ ] x` (a quoted checklist, an
    alert's), which cmark-gfm leaves as text. A box written escaped, `\\[ ]`, outside a quote
    stays text, and so does '[x]' with no space after it."""
    from digest.render.markdown import render_markdown

    quoted = render_markdown("> Before the trip:\n>\n> - [ ] pack\n> - [x] book\n>   - [X] pay\n> - [x]no\n")
    for item in ("<li>\u2610 pack</li>", "<li>\u2611 book", "<li>\u2611 pay</li>", "<li>[x]no</li>"):
        assert item in quoted.html
    loose = render_markdown("> 1. [ ] first\n>\n> 2. [x] second\n")
    assert "<li>\n<p>\u2610 first</p>" in loose.html and "<li>\n<p>\u2611 second</p>" in loose.html
    escaped = render_markdown("- \\[ ] not a box\n")
    assert "<li>[ ] not a box</li>" in escaped.html


@pytest.mark.parametrize(
    "body",
    [
        "href=" * 100_000,  # an address's attribute written over and over, no quote or '>'
        "<div>\n" + "<h1 " * 100_000,  # start tags never closed by a '>'
        "<div>\n" + "<!-- >" * 60_000,  # comments never closed by '-->'
        "<div>\n" + "<script>" * 50_000,  # scripts never closed by '</script>'
        "<div>\n" + "<![CDATA[>" * 40_000,  # CDATA never closed by ']]>'
        "<div>\n" + '<h2 "' * 60_000 + "'>",  # a quote that never closes in every tag
        "<div>\n" + "<h2 a='" * 40_000 + '">',  # a value's quote that never closes in every tag
    ],
    ids=["href", "tags", "comments", "scripts", "cdata", "quotes", "values"],
)
def test_raw_html_left_open_is_read_in_linear_time(tmp_path: Path, body: str) -> None:
    """Each '<' of raw HTML that never closes was read to the end of the text, once per '<'
    (and each 'href=' looked ahead to the end for a scheme): minutes for half a megabyte."""
    ends_in_time(tmp_path, "post.md", f"# T\n\n{body}\n", "digest.sources.reviews.read_review")


def test_many_embeds_after_many_removed_links_are_told_once_in_linear_time() -> None:
    """Each embed was looked for among every removed address before it (to tell each kind
    once): 30,000 links then 30,000 <iframe>s took 8 s."""
    code = (
        "from digest.render.markdown import render_markdown\n"
        "body = ''.join(f'[x](javascript:{n})\\n\\n' for n in range(30_000))\n"
        "body += '<div>\\n' + '<iframe></iframe>' * 30_000 + '\\n</div>\\n'\n"
        "removed = render_markdown(body).removed\n"
        "assert len(removed) == 30_001 and removed[-1] == '<iframe>', removed[-3:]\n"
    )
    finishes_in_time("30,000 links then 30,000 embeds", code)


def test_raw_html_with_an_element_of_a_hundred_thousand_attributes_is_refused_at_once(project: Path) -> None:
    """The sanitiser (html5ever, under nh3) compares each attribute of a tag with every one
    before it: one <span> of 100,000 attributes in a 900 KB review took eight seconds a
    rendering, and a review may be raised to 100 MB."""
    crowded = " ".join(f"a{number}=x" for number in range(100_000))
    review = project / FOLDER / "llm-report-2025.md"
    review.write_text(f"# A crowded review\n\nSome words.\n\nText <span {crowded}>t</span> more.\n")
    fails_cleanly(
        project, ("llm-report-2025.md:5:", "an element holds more than 1,000 attributes", "remove them")
    )


def test_an_introduction_with_an_element_of_too_many_attributes_is_refused_by_line(project: Path) -> None:
    crowded = " ".join(f"data-x{number}=1" for number in range(5_000))
    issue = project / FOLDER / "issue.md"
    issue.write_text(issue.read_text() + f"\nA last word <b {crowded}>here</b>.\n")
    line = issue.read_text().count("\n")
    fails_cleanly(project, (f"issue.md:{line}:", "an element holds more than 1,000 attributes"))
