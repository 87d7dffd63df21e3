"""What a word processor leaves in pasted text (digest.sources.pasted), pointed out where it changes
what readers see."""

from __future__ import annotations

from pathlib import Path

from digest.render.markdown import render_markdown
from digest.sources.pasted import removed_links
from tests.helpers import finishes_in_time, write_review
from tests.test_cli import run
from tests.test_robustness import ISSUE

# --- a paragraph pasted with its first-line indent ------------------------------------------


def test_a_paragraph_indented_with_a_tab_that_shows_as_code_is_pointed_out(project: Path) -> None:
    path = write_review(
        project, "Protected lanes carry more riders.\n\n\tThe best part is the section on night buses.\n"
    )
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    note = next(line for line in result.output.splitlines() if "starts with a tab" in line)
    assert note.startswith(
        f"note: {path}: line 7: this paragraph starts with a tab, so Markdown shows it as code"
    )
    assert "remove the tab" in note


def test_code_indented_with_a_tab_and_a_list_items_paragraph_are_no_slip(project: Path) -> None:
    write_review(
        project,
        'Some code:\n\n\tfmt.Println("hello, world")\n\n- A point\n\n\tAnd a second paragraph under the point here.\n',
    )
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0 and "starts with a tab" not in result.output, result.output


def test_each_removed_link_is_told_on_its_own_line() -> None:
    """The same address removed twice is told on each line it is written on, not twice on the
    first; one that cmark wrote percent-encoded is found as written."""
    body = 'A [link](javascript:void(0)).\n\nText.\n\nAgain [it](javascript:void(0)), [q](javascript:alert("x")).\n'
    rendered = render_markdown(body)
    notes = removed_links(rendered.removed, body, 6)
    assert [note.split(":")[0] for note in notes] == ["line 6", "line 10", "line 10"], notes
    assert 'javascript:alert("x")' in notes[2], notes


def test_a_reference_used_twice_is_told_once_where_its_address_is_written() -> None:
    """Each use of a reference was a note of its own, all the same, on the definition's line."""
    body = "See [a] and [a], then [b](javascript:b).\n\n[a]: javascript:x\n"
    notes = removed_links(render_markdown(body).removed, body, 1)
    assert [note.split(": the link ")[0] for note in notes] == ["line 3", "line 1"], notes


READ_AND_TELL = """
from digest.render.markdown import render_markdown
from digest.sources.pasted import removed_links
"""


def test_many_removed_links_are_told_in_linear_time() -> None:
    """Each note's line was counted from the start of the text, and each address looked for
    from there: 40,000 removed links in a review of 900 KB took 23 s."""
    code = READ_AND_TELL + (
        "body = ''.join(f'[x](javascript:{number})\\n\\n' for number in range(40_000))\n"
        "notes = removed_links(render_markdown(body).removed, body, 1)\n"
        "assert len(notes) == 40_000 and notes[-1].startswith('line 79999: '), notes[-1]\n"
    )
    finishes_in_time("40,000 removed links", code)


def test_a_removed_link_defined_once_and_used_often_is_told_in_linear_time() -> None:
    """A reference defined once (at the end) and used 40,000 times: each use's address was
    looked for after the last one found, to the end of the text, and then from its start."""
    code = READ_AND_TELL + (
        "body = '[x][r] ' * 40_000 + '\\n\\n[r]: javascript:alert(1)\\n'\n"
        "removed = render_markdown(body).removed\n"
        "assert len(removed) > 10_000, len(removed)  # cmark expands references so far\n"
        "notes = removed_links(removed, body, 1)\n"
        "assert len(notes) == 1 and notes[0].startswith('line 3: '), notes[:2]\n"
    )
    finishes_in_time("a reference used 40,000 times", code)


def test_an_element_shown_as_code_before_the_removed_one_is_not_named() -> None:
    """The note named the first '<iframe' of the text, one written as an example in a code
    span or a code block above the one the sanitiser removed."""
    body = (
        'Embed it with `<iframe src=...>`, or:\n\n```html\n<iframe src="https://v.example/1"></iframe>\n```\n\n'
        '    <iframe indented>\n\nHere it is: <iframe src="https://v.example/2"></iframe>\n'
    )
    rendered = render_markdown(body)
    assert rendered.removed == ("<iframe>",)
    [note] = removed_links(rendered.removed, body, 1)
    assert note.startswith("line 9: the raw HTML element <iframe> was removed"), note


def test_a_removed_link_shown_as_code_above_it_is_not_named() -> None:
    body = "Never write `[x](javascript:alert(1))` in a review,\nlike this:\n\n[it](javascript:alert(1))\n"
    rendered = render_markdown(body)
    [note] = removed_links(rendered.removed, body, 1)
    assert note.startswith("line 4: the link 'javascript:alert(1)' was removed"), note


def test_a_code_span_over_two_lines_with_text_beyond_ascii_hides_its_example() -> None:
    body = 'Ünïcödé `<iframe\nsrc=x>` ünd more.\n\nText <iframe src="https://v.example/3"></iframe>\n'
    [note] = removed_links(render_markdown(body).removed, body, 1)
    assert note.startswith("line 4: "), note
