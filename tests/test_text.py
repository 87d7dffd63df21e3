"""The plain-text email: every line fits a mail message."""

from __future__ import annotations

from pathlib import Path

from digest.render.text import MAX_LINE, fold_long_lines
from tests.test_cli import run


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
