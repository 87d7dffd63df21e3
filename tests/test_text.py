"""The plain-text email (digest.render.text): every line fits a mail message, links are whole
addresses, the introduction's headings, lists and quotations are marked as plain-text mail marks
them."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from digest.render.text import MAX_LINE, fold_long_lines
from tests.helpers import A_REVIEW, EARLIER, SITE, built_output, issue_md, review_file, with_intro
from tests.test_cli import run
from tests.test_robustness import ISSUE


def test_a_long_unbroken_line_is_folded_and_a_long_link_is_left_whole() -> None:
    word, link = "x" * 10_000, "https://example.org/" + "a" * 3_000
    text = fold_long_lines(f"Intro\n{word}\nSee {link}\n")
    lines = text.split("\n")
    assert all(len(line) <= 78 for line in lines[1:-2]) and "".join(lines[1:-2]) == word
    assert f"See {link}" in lines


def test_a_link_too_long_for_a_mail_line_is_a_warning_naming_the_review(project: Path) -> None:
    review = project / "issues" / "issue-2025" / "state-of-llms-2025.md"
    text = review.read_text()
    long_link = "https://example.org/" + "a" * (MAX_LINE + 10)
    review.write_text(text.replace("description: ", f"source_url: {long_link}\ndescription: ", 1))
    result = run(project, "check", "issue-2025", "--no-check-links")
    assert "text-line-length" in result.output
    assert "state-of-llms-2025.md:" in result.output and "characters a mail line may hold" in result.output


def test_characters_pasted_from_a_word_processor_that_only_typesetters_read_leave_the_text_email(
    project: Path,
) -> None:
    intro = project / "issues" / "issue-2025" / "issue.md"
    pasted = "\ufeffEvery De\u00adcember, zero\u200bwidth and word\u2060joined,"
    intro.write_text(intro.read_text(encoding="utf-8").replace("Every December", pasted, 1), "utf-8")
    assert run(project, "build", "issue-2025", "--no-check-links").exit_code == 0
    plain = (project / "dist" / "issue-2025" / "email.txt").read_text(encoding="utf-8")
    assert "Every December, zerowidth and wordjoined," in " ".join(plain.split())
    assert not any(char in plain for char in "\u00ad\u200b\u2060\ufeff")
    page = (project / "dist" / "issue-2025" / "index.html").read_text(encoding="utf-8")
    assert "De\u00adcember" in page  # the HTML keeps them


def test_with_utm_the_text_email_has_every_link_of_the_html_without_its_parameters(project: Path) -> None:
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    import lxml.html

    settings = project / "digest.toml"
    settings.write_text(settings.read_text().replace("https_only = true", "https_only = true\nutm = true"))
    assert run(project, "build", ISSUE, "--no-check-links").exit_code == 0
    html = (project / "dist" / ISSUE / "email.html").read_bytes()
    text = (project / "dist" / ISSUE / "email.txt").read_text()
    links = set(lxml.html.document_fromstring(html).xpath("//a/@href"))
    assert any("utm_campaign=issue-2025" in link for link in links)
    assert "utm_" not in text
    for link in links:
        parts = urlsplit(link)
        query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not k.startswith("utm_")])
        plain = urlunsplit(parts._replace(query=query))
        if plain.startswith("http"):
            assert plain in text, plain


# --- the introduction's relative links in the text email ------------------------------------------


def test_a_relative_link_in_the_introduction_is_a_whole_address_in_the_text_email(project: Path) -> None:
    with_intro(
        project, f"Last week's issue is [still online](../{EARLIER}/), and so is [a review]({A_REVIEW}/)."
    )
    text = built_output(project, "email.txt")
    assert f"<{SITE}{EARLIER}/>" in text
    assert f"<{SITE}{ISSUE}/{A_REVIEW}/>" in text
    assert not re.search(r"<\.\./|<review-", text), text


def test_a_relative_link_in_a_link_items_comment_is_a_whole_address_in_the_text_email(project: Path) -> None:
    path = issue_md(project)
    source = path.read_text(encoding="utf-8")
    old = 'comment: "The leaderboard in the middle of the benchmark argument.'
    assert old in source
    path.write_text(
        source.replace(
            old,
            f'comment: "See [our review]({A_REVIEW}/). The leaderboard in the middle of the benchmark argument.',
        ),
        encoding="utf-8",
    )
    text = built_output(project, "email.txt")
    assert f"<{SITE}{ISSUE}/{A_REVIEW}/>" in text
    html = (project / "dist" / ISSUE / "email.html").read_text(encoding="utf-8")
    assert f'href="{SITE}{ISSUE}/{A_REVIEW}/"' in html


# --- the text email's lines -----------------------------------------------------------------------


def test_the_text_email_keeps_to_78_columns_but_for_an_address_on_a_line_of_its_own(project: Path) -> None:
    settings = project / "digest.toml"
    source = settings.read_text(encoding="utf-8")
    settings.write_text(
        source.replace(
            "[site]\n",
            '[site]\nsocial = ["https://mastodon.example.social/@the-digest-editors-of-example-org"]\n',
        ),
        encoding="utf-8",
    )
    text = built_output(project, "email.txt")
    long = [line for line in text.splitlines() if len(line) > 78 and " " in line.strip()]
    assert not long, long
    assert f"Read our review:\n{SITE}{ISSUE}/{A_REVIEW}/\n" in text
    assert "Subscribe by RSS: https://digest.example.org/rss.xml\n" in text  # it fits: one line


# --- the introduction as plain text ---------------------------------------------------------------


STRUCTURED_INTRO = """Three things this week.

## What mattered

1. Parking
2. Trams
3. Cargo bikes, which take the last mile from vans in most of the cities we looked at this year

- a point
  - a point inside it

> A quotation long enough to be wrapped when it is written out in the plain text version of the email.

The end.
"""


def test_the_text_email_marks_the_introductions_headings_numbers_and_quotations(project: Path) -> None:
    with_intro(project, STRUCTURED_INTRO)
    text = built_output(project, "email.txt")
    assert "\nWhat mattered\n-------------\n" in text, text
    assert (
        "\n1. Parking\n2. Trams\n3. Cargo bikes, which take the last mile from vans in most of the cities we\n   looked at this year\n"
        in text
    ), text
    assert "\n- a point\n  - a point inside it\n" in text, text
    quoted = [line for line in text.splitlines() if line.startswith("> ")]
    assert len(quoted) == 2 and all(len(line) <= 78 for line in quoted), text
    assert " ".join(line[2:] for line in quoted).startswith("A quotation long enough")


# --- the introduction's HTML as plain text, block by block ----------------------------------------


def test_a_picture_without_alternative_text_leaves_no_empty_brackets_in_the_text() -> None:
    from digest.render.markdown import render_text

    text = render_text("![](map.png)\n\nA walk, ![](dot.png) then ![the tram map](tram.png) to town.")
    assert text == "A walk, then [the tram map] to town.", text


def test_a_hard_line_break_starts_a_new_line_in_the_text() -> None:
    from digest.render.markdown import render_text

    address = "The Digest  \n1 Example Street\\\nExampletown EX1 2AB"
    assert render_text(address) == "The Digest\n1 Example Street\nExampletown EX1 2AB"
    assert render_text(f"- {address.replace(chr(10), chr(10) + '  ')}") == (
        "- The Digest\n  1 Example Street\n  Exampletown EX1 2AB"
    )


def test_text_after_a_block_stays_after_it_in_the_text() -> None:
    from digest.render.markdown import render_text

    assert render_text("<div><p>First this.</p>Then that.</div>") == "First this.\n\nThen that."


def test_a_table_keeps_its_rows_in_the_text() -> None:
    from digest.render.markdown import render_text

    table = "| City | Trams |\n|---|---|\n| Lyon | 7 |\n| Bern | 10 |"
    assert render_text(table) == "City | Trams\nLyon | 7\nBern | 10"


def test_a_footnote_mark_stays_in_the_text_as_the_number_of_its_note() -> None:
    """The mark was dropped, leaving the notes at the end ('1. Since 2001.') tied to nothing."""
    from digest.render.markdown import render_text

    text = render_text("Trams are back[^1] in Lyon.\n\n[^1]: Since 2001.")
    assert text == "Trams are back[1] in Lyon.\n\n1. Since 2001.", text
    headed = render_text("See [the keys](#fn-keys) and [the refs](#fnref-x).\n\n## Fn keys")
    assert headed == "See the keys and the refs.\n\nFn keys", headed  # links to headings, no notes


def test_a_numeric_superscript_reads_as_a_power() -> None:
    """'10<sup>6</sup> reviews' read '106 reviews' (found by review20); an ordinal's letters and
    a footnote mark read as before."""
    from digest.render.markdown import render_text

    assert render_text("About 10<sup>6</sup> tokens, E = mc<sup>2</sup>, 10<sup>-3</sup> s.") == (
        "About 10^6 tokens, E = mc^2, 10^-3 s."
    )
    assert render_text("The 1<sup>st</sup> of May.") == "The 1st of May."
    assert render_text("Back[^1].\n\n[^1]: Note.") == "Back[1].\n\n1. Note."


# --- the featured review's title line -------------------------------------------------------------


def test_a_featured_title_too_long_for_its_line_goes_on_under_the_title_not_under_the_label(
    project: Path,
) -> None:
    """'FEATURED: ' is ten columns; the title's next line started three columns in, under
    nothing (found by review21). It starts where the title does, as a list item's does."""
    review = review_file(project, "raschka-state-of-llms.md")
    title = "Review: Sebastian Raschka on the state of LLMs in 2025"
    longer = f"{title}, and what its author expects of the year to come, field by field"
    review.write_text(review.read_text(encoding="utf-8").replace(title, longer, 1), encoding="utf-8")
    lines = built_output(project, "email.txt").splitlines()
    first = next(index for index, line in enumerate(lines) if line.startswith("FEATURED: "))
    following = list(itertools.takewhile(lambda line: line.startswith(" "), lines[first + 1 :]))
    assert following, lines[first : first + 3]
    assert all(line.startswith(" " * len("FEATURED: ")) and line[10] != " " for line in following)
    assert " ".join([lines[first], *following]).split() == f"FEATURED: {longer}".split()
    assert all(len(line) <= 78 for line in [lines[first], *following])


def test_a_long_issue_title_and_section_title_keep_to_78_columns(project: Path) -> None:
    """The masthead's line (number, title, date) and the section titles were written as they
    came: a title of 90 characters made a line of 112 (found by review21)."""
    path = issue_md(project)
    title = "The year in AI, in four reviews: reasoning, agents, costs and the benchmark problem"
    section = "Also worth reading this week: three short pieces on papers, protocols and benchmarks"
    source = path.read_text(encoding="utf-8")
    source = source.replace('title: "The year in AI, in four reviews"', f'title: "{title}"', 1)
    source = source.replace('- title: "Also worth reading"', f'- title: "{section}"', 1)
    path.write_text(source, encoding="utf-8")
    text = built_output(project, "email.txt")
    long = [line for line in text.splitlines() if len(line) > 78 and " " in line.strip()]
    assert not long, long
    assert f"Issue 2 · {title} · 2 January 2026".split() == " ".join(text.splitlines()[1:3]).split()
    words = " ".join(text.split())
    assert section in words and section.upper() in words


def test_the_introductions_top_headings_are_underlined_heavier_however_they_are_written() -> None:
    """'# Trams' over '## Lines' read '=' over '-' in the text; once a body's headings start at
    <h2> (the page's title is its <h1>), both read '-' (found by review21). Plain text marks
    two levels: the top one, where a lower one follows, with '='."""
    from digest.render.markdown import render_text

    for top, lower in (("#", "##"), ("##", "###"), ("#", "###")):
        text = render_text(f"{top} Trams\n\nText.\n\n{lower} Lines\n\nMore.", headings=True)
        assert text == "Trams\n=====\n\nText.\n\nLines\n-----\n\nMore.", (top, lower, text)
    assert render_text("## Trams\n\nText.", headings=True) == "Trams\n-----\n\nText."


def test_a_link_items_long_list_of_authors_keeps_to_78_columns(project: Path) -> None:
    """A paper's authors, written on the link item's line, made one line of 130 columns
    (found by review21)."""
    path = issue_md(project)
    authors = (
        "Daya Guo, Dejian Yang, Haowei Zhang, Junxiao Song, Ruoyu Zhang, Runxin Xu, Qihao Zhu and others"
    )
    source = path.read_text(encoding="utf-8")
    assert "author: DeepSeek-AI" in source
    path.write_text(source.replace("author: DeepSeek-AI", f'author: "{authors}"', 1), encoding="utf-8")
    text = built_output(project, "email.txt")
    long = [line for line in text.splitlines() if len(line) > 78 and " " in line.strip()]
    assert not long, long
    assert f"by {authors}" in " ".join(text.split())
