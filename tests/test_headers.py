"""sources/headers.py: front matter read through python-frontmatter's handlers."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.errors import ContentError, DigestError
from digest.sources.headers import front_matter
from digest.sources.reviews import read_review
from tests.helpers import ends_in_time, issue_md, one_error_line, review_file, write_in
from tests.test_cli import run
from tests.test_robustness import ISSUE


def test_a_key_written_twice_in_yaml_front_matter_is_named_with_both_lines() -> None:
    text = "\n---\ntitle: A review\ntags: [a]\ndate: 2025-01-02\ntags: [b]\n---\n\nThe text.\n"
    header = front_matter(text, Path("review.md"), "yaml")
    assert header.meta["tags"] == ["b"]  # YAML keeps the last
    assert header.notes == (
        "line 6: 'tags:' is written twice in the front matter (lines 4 and 6), and only the last counts: "
        "keep one of them",
    )


def test_nested_keys_of_the_same_name_are_not_written_twice() -> None:
    text = "---\ntitle: A review\nauthor:\n  name: Ann\nimage:\n  name: photo.png\n---\nThe text.\n"
    assert front_matter(text, Path("review.md"), "yaml").notes == ()


# --- posts ------------------------------------------------------------------------------------------


def test_a_json_front_matter_nested_thousands_deep_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.md"
    path.write_text('{"a":' * 5_000, encoding="utf-8")
    try:  # not JSON front matter: read as another format, or refused with a message
        review = read_review(path)
    except DigestError:
        return
    assert review.title


def test_a_tab_indenting_an_issue_list_says_to_indent_with_spaces(project: Path) -> None:
    path = issue_md(project)
    path.write_text(path.read_text().replace("  - state-of-llms-2025.md", "\t- state-of-llms-2025.md"))
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 1
    line = one_error_line(result.output)
    assert "issue.md:" in line and "indent with spaces: YAML does not allow tabs" in line
    assert "\t" not in line


# --- front matter slips YAML reports far from where they are ---------------------------------


def front_matter_line(path: Path, start: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if line.startswith(start))


def test_a_title_whose_quote_is_never_closed_is_named_by_its_own_line(project: Path) -> None:
    path = issue_md(project)
    path.write_text(
        path.read_text().replace('title: "The year in AI, in four reviews"', 'title: "The year in AI')
    )
    line = one_error_line(run(project, "build", ISSUE).output)
    assert line.startswith(f"Error: {path}:{front_matter_line(path, 'title:')}: invalid YAML front matter"), (
        line
    )
    assert 'has no closing ": end it with "' in line


def test_a_list_item_without_a_space_after_its_dash_says_how_to_write_it(project: Path) -> None:
    path = issue_md(project)
    path.write_text(path.read_text().replace("      - state-of-llms-2025.md", "      -state-of-llms-2025.md"))
    line = one_error_line(run(project, "build", ISSUE).output)
    assert line.startswith(f"Error: {path}:{front_matter_line(path, '      -state')}:"), line
    assert "needs a space after its dash: write '- state-of-llms-2025.md'" in line


def test_a_quoted_value_over_two_lines_is_no_slip(project: Path) -> None:
    path = review_file(project)
    text = path.read_text().replace(
        "tags: [ai, llm, agents]", 'tags: [ai, llm, agents]\nsummary: "one\n  two"\nbad: ['
    )
    path.write_text(text)
    line = one_error_line(run(project, "build", ISSUE).output)
    assert f"{path}:{front_matter_line(path, 'bad:')}: invalid YAML front matter" in line, line
    assert 'closing "' not in line, line


def test_a_list_never_closed_is_named_by_its_own_line(project: Path) -> None:
    """YAML reports it at the next key, or at the end of the front matter ('expected ',' or
    ']', but got '?'')."""
    path = issue_md(project)
    text = path.read_text()
    path.write_text(text.replace("\nnumber:", "\nkeywords: [ai, reviews\nnumber:", 1))
    line = one_error_line(run(project, "build", ISSUE).output)
    assert line == (
        f"Error: {path}:{front_matter_line(path, 'keywords:')}: invalid YAML front matter: "
        "the list opened with '[' on this line has no closing ']': end it with ']'"
    )


# --- a plain value holding ': ' ------------------------------------------------------------------

COLON_TITLE = (
    "---\n"
    "title: Release notes: what changed in May\n"
    "author: Ada Lovelace\n"
    "category: announcements\n"
    "---\n\n"
    "Body text.\n"
)


def test_plain_value_with_a_colon_is_read_as_text_and_reported(tmp_path: Path) -> None:
    review = read_review(write_in(tmp_path, "2021-05-04-notes.md", COLON_TITLE))
    assert review.title == "Release notes: what changed in May"
    assert review.author == "Ada Lovelace"
    assert any(guess.startswith("line 2: a value holding ': '") for guess in review.guesses)


def test_quotes_inside_such_a_value_survive(tmp_path: Path) -> None:
    text = COLON_TITLE.replace("Release notes: what", "Ada's notes: what")
    assert read_review(write_in(tmp_path, "post.md", text)).title == "Ada's notes: what changed in May"


def test_valid_yaml_is_read_as_before_without_a_note(tmp_path: Path) -> None:
    text = COLON_TITLE.replace("title: Release notes: what changed in May", 'title: "Release notes: May"')
    review = read_review(write_in(tmp_path, "post.md", text))
    assert review.title == "Release notes: May"
    assert not any("holding ': '" in guess for guess in review.guesses)


def test_other_yaml_mistakes_are_still_refused_with_their_line(tmp_path: Path) -> None:
    text = "---\ntitle: Fine\ntags: [one, two\nauthor: Ada\n---\n\nBody.\n"
    with pytest.raises(ContentError, match="invalid YAML front matter") as caught:
        read_review(write_in(tmp_path, "post.md", text))
    assert caught.value.line is not None


def test_markdown_link_values_are_read_as_text_and_reported(tmp_path: Path) -> None:
    """`issue: [#117](https://...)` is a Markdown link to its writer and a flow sequence with
    text after it to YAML (Jupyter's enhancement proposals write their issue numbers so)."""
    text = (
        "---\ntitle: Restarts\nissue-number: [#117](https://example.org/issues/117)\n"
        "pr: [#118](https://example.org/pull/118) merged\ndate: 2023-08-23\n---\n\nBody.\n"
    )
    review = read_review(write_in(tmp_path, "post.md", text))
    assert (review.title, str(review.date.date() if review.date else None)) == ("Restarts", "2023-08-23")
    assert any(guess.startswith("line 3, 4: a value written as a Markdown link") for guess in review.guesses)
    assert not any("holding ': '" in guess for guess in review.guesses)


def test_a_flow_sequence_left_open_is_no_markdown_link(tmp_path: Path) -> None:
    text = "---\ntitle: Fine\ntags: [one](two\n---\n\nBody.\n"
    with pytest.raises(ContentError, match="invalid YAML front matter"):
        read_review(write_in(tmp_path, "post.md", text))


def test_nested_values_are_never_rewritten(tmp_path: Path) -> None:
    text = "---\ntitle: Fine\nauthor:\n  name: Ada: Countess\n---\n\nBody.\n"
    with pytest.raises(ContentError, match="invalid YAML front matter"):
        read_review(write_in(tmp_path, "post.md", text))


def test_strict_reading_stays_strict() -> None:
    with pytest.raises(ContentError, match="invalid YAML front matter"):
        front_matter(COLON_TITLE, Path("issue.md"), "yaml")
    header = front_matter(COLON_TITLE, Path("post.md"), "yaml", lenient=True)
    assert header.meta["title"] == "Release notes: what changed in May"
    assert header.notes


# --- anchors and aliases ---------------------------------------------------------------------------


def test_anchors_aliases_and_merge_keys_are_read(tmp_path: Path) -> None:
    """A value written once and used again (`&name`, `*name`) and YAML's merge key (`<<`), as
    sites share defaults between posts' keys; what they expand to is small."""
    text = (
        "---\ndefaults: &d\n  author: Ann Lee\n  tags: [moths, night]\ntitle: Anchored\n"
        "<<: *d\ndate: 2020-01-02\nseries: *d\n---\n\nText.\n"
    )
    review = read_review(write_in(tmp_path, "post.md", text))
    assert (review.title, review.author, review.tags) == ("Anchored", "Ann Lee", ("moths", "night"))


def test_aliases_that_expand_too_far_are_still_refused() -> None:
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    bomb = "---\ntitle: Laughs\n" + "\n".join(levels) + "\ntags: *i\n---\nBody.\n"
    with pytest.raises(ContentError, match="not allowed in front matter") as caught:
        front_matter(bomb, Path("post.md"), "yaml")
    assert caught.value.line is not None


def test_an_alias_inside_what_it_names_is_refused() -> None:
    with pytest.raises(ContentError, match="not allowed in front matter"):
        front_matter("---\ntitle: Loop\nloop: &l [a, *l]\n---\nBody.\n", Path("post.md"), "yaml")


@pytest.mark.parametrize("slip", ['bad: "never closed', "bad: [never closed"])
def test_a_line_of_spaces_in_broken_front_matter_is_read_in_linear_time(tmp_path: Path, slip: str) -> None:
    """The slips' patterns let the indentation and a key both take the leading spaces, each
    split of them tried in turn: a line of 300,000 spaces before its text, looked at for the
    slip that broke the YAML, held the reading for minutes."""
    text = f"---\ntitle: Tides\n{' ' * 300_000}x\n{slip}\n---\nText.\n"
    ends_in_time(tmp_path, "tides.md", text, "digest.sources.reviews.read_review")


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("yaml", "---\ntitle: T\nnumber: {digits}\n---\n\nWords.\n"),
        ("toml", '+++\ntitle = "T"\nnumber = {digits}\n+++\n\nWords.\n'),
    ],
)
def test_a_number_too_long_to_read_is_refused_with_its_line(tmp_path: Path, kind: str, text: str) -> None:
    """Python reads no integer of more than 4,300 decimal digits: front matter holding one gets
    a clear error at its line saying to quote it, not a traceback."""
    path = write_in(tmp_path, f"long.{kind}.md", text.format(digits="1" * 5000))
    with pytest.raises(ContentError) as caught:
        read_review(path)
    assert caught.value.line == 3 and "quote" in str(caught.value)
