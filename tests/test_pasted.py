"""What a word processor leaves in pasted text (digest.sources.pasted), pointed out where it changes
what readers see."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import write_review
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
