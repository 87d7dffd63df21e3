"""Incremental builds against clean builds, byte for byte.

A build served from the cache must equal a build of the same sources from nothing. The
edits here are the ones that fool caches: a same-size edit with the file's date put back,
two same-size files swapped by renames, an undo that brings back older bytes (and their
older date), a template override, and a change of settings.
"""

from __future__ import annotations

import os
import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import list_first
from tests.test_cli import run, tree

ISSUE = "issue-2025"
TWINS = ("twin-a.md", "twin-b.md")  # same size, different bytes


def build(project: Path) -> dict[str, bytes]:
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    return tree(project / "dist")


def clean_build(project: Path, scratch: Path) -> dict[str, bytes]:
    """The same sources built from nothing: no cache, no previous output."""
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(project, scratch, ignore=shutil.ignore_patterns("dist", ".digest-cache"))
    return build(scratch)


def keep_date(path: Path, change: Callable[[], None]) -> None:
    """Run `change` on `path` and put its modification date back as it was."""
    before = os.stat(path)
    change()
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def same_size_edit(path: Path, rng: random.Random) -> None:
    """Change one letter of the text (not of the front matter's keys) to another letter."""
    data = bytearray(path.read_bytes())
    body = data.rfind(b"---\n") + 4
    positions = [i for i in range(body, len(data)) if chr(data[i]).isalpha()]
    index = rng.choice(positions)
    data[index] = ord("x") if data[index] != ord("x") else ord("y")
    keep_date(path, lambda: path.write_bytes(bytes(data)))


def swap_by_rename(first: Path, second: Path) -> None:
    parking = first.with_name(".parking")
    os.rename(first, parking)
    os.rename(second, first)
    os.rename(parking, second)


@pytest.fixture
def twins(project: Path) -> Path:
    """The demo project with two listed reviews of exactly the same size."""
    folder = project / "issues" / ISSUE
    for name, letter in zip(TWINS, "AB", strict=True):
        (folder / name).write_text(f"---\ntitle: Twin {letter}\n---\nThe {letter} twin's words.\n")
    issue = folder / "issue.md"
    list_first(issue, *TWINS)
    return project


def test_a_same_size_edit_with_its_date_put_back_is_seen(twins: Path, tmp_path: Path) -> None:
    build(twins)
    review = twins / "issues" / ISSUE / "state-of-llms-2025.md"
    before = review.read_text()
    keep_date(review, lambda: review.write_text(before.replace(" the ", " thx ", 1)))
    assert review.read_text() != before and len(review.read_bytes()) == len(before.encode())
    incremental = build(twins)
    assert incremental == clean_build(twins, tmp_path / "clean")
    assert b" thx " in incremental[f"{ISSUE}/review-the-state-of-llms-in-2025/index.html"]


def test_two_same_size_files_swapped_by_renames_are_seen(twins: Path, tmp_path: Path) -> None:
    build(twins)
    folder = twins / "issues" / ISSUE
    swap_by_rename(folder / TWINS[0], folder / TWINS[1])
    incremental = build(twins)
    assert incremental == clean_build(twins, tmp_path / "clean")
    page = incremental[f"{ISSUE}/index.html"]
    assert page.index(b"Twin B") < page.index(b"Twin A")  # listed first now


def test_an_undo_never_brings_back_an_older_cache_entry(twins: Path, tmp_path: Path) -> None:
    folder = twins / "issues" / ISSUE
    first, issue = folder / TWINS[0], folder / "issue.md"
    original = first.read_bytes()
    build(twins)
    first.write_bytes(original.replace(b"words", b"WORDS"))
    build(twins)
    issue.write_text(issue.read_text().replace("The year in AI", "The Year in AI", 1))
    build(twins)
    first.write_bytes(original)  # undo the review only: the issue file keeps its new title
    incremental = build(twins)
    assert incremental == clean_build(twins, tmp_path / "clean")
    assert b"The Year in AI" in incremental[f"{ISSUE}/index.html"]


def random_step(project: Path, rng: random.Random, history: dict[Path, list[bytes]]) -> str:
    folder = project / "issues" / ISSUE
    reviews = sorted(p for p in folder.iterdir() if p.suffix == ".md" and p.name != "issue.md")
    choice = rng.randrange(7)
    target = rng.choice(reviews)
    history.setdefault(target, []).append(target.read_bytes())
    if choice == 0:
        same_size_edit(target, rng)
        return f"same-size edit of {target.name}, date put back"
    if choice == 1:
        swap_by_rename(folder / TWINS[0], folder / TWINS[1])
        return "twins swapped by renames"
    if choice == 2:
        issue = folder / "issue.md"
        same_size_edit(issue, rng)
        return "same-size edit of issue.md, date put back"
    if choice == 3:
        target.write_text(target.read_text() + f"\nOne more line, number {rng.randrange(1000)}.\n")
        return f"appended to {target.name}"
    if choice == 4 and len(history[target]) > 1:
        old = history[target][rng.randrange(len(history[target]) - 1)]
        keep_date(target, lambda: target.write_bytes(old))
        return f"undid {target.name} to older bytes, date put back"
    if choice == 5:
        templates = project / "templates"
        templates.mkdir(exist_ok=True)
        css = templates / "web.css"
        css.write_text(f"/* edit {rng.randrange(1000)} */\n")
        return "template override"
    config = project / "digest.toml"
    text = config.read_text()
    flipped = ('entries = "reviews"', 'entries = "issues"')
    if flipped[1] in text:
        config.write_text(text.replace(flipped[1], flipped[0]))
    else:
        config.write_text(text.replace(flipped[0], flipped[1]))
    return "feed entries setting flipped"


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_random_edit_sequences_build_what_a_clean_build_builds(
    twins: Path, tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    history: dict[Path, list[bytes]] = {}
    build(twins)
    steps = []
    for _ in range(10):
        steps.append(random_step(twins, rng, history))
        assert build(twins) == clean_build(twins, tmp_path / "clean"), f"after: {steps}"


def override(project: Path, name: str, replace: tuple[str, str]) -> None:
    """A copy of the theme's template `name` in the project's templates folder, edited."""
    from digest.render.environment import theme_path

    text = (theme_path() / name).read_text()
    assert replace[0] in text, f"{name} no longer holds {replace[0]!r}"
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / name).write_text(text.replace(replace[0], replace[1], 1))


def test_an_override_showing_more_of_the_neighbouring_issue_follows_it(project: Path, tmp_path: Path) -> None:
    """A page's previous/next links may show any of the neighbour's summary, not only its
    title: a change to its date or preheader makes the page again."""
    override(
        project,
        "issue.html.j2",
        (
            "{%- for section",
            "{% if previous %}<!-- {{ previous.date }} {{ previous.preheader }} -->{% endif %}\n{%- for section",
        ),
    )
    build(project)
    neighbour = project / "issues" / "issue-2024" / "issue.md"
    text = neighbour.read_text()
    neighbour.write_text(text.replace("date: 2025-01-03", "date: 2025-01-04", 1))
    assert neighbour.read_text() != text
    incremental = build(project)
    assert incremental == clean_build(project, tmp_path / "clean")
    assert b"2025-01-04" in incremental[f"{ISSUE}/index.html"]


def test_an_override_showing_a_word_count_in_the_email_follows_an_edit(project: Path, tmp_path: Path) -> None:
    """The email may show anything of an issue, such as a review's word count: an edit the
    default email does not show still makes the email again."""
    override(
        project,
        "email.txt.j2",
        ("{%- for section", "{{ issue.reviews | map(attribute='word_count') | list }}\n{%- for section"),
    )
    before = build(project)
    review = project / "issues" / ISSUE / "state-of-llms-2025.md"
    review.write_text(review.read_text() + "\nTwo words.\n")
    incremental = build(project)
    assert incremental == clean_build(project, tmp_path / "clean")
    assert incremental[f"{ISSUE}/email.txt"] != before[f"{ISSUE}/email.txt"]
