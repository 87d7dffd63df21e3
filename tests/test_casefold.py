"""A build on a real case-insensitive disk (tests/casefold.py, a FUSE mount as macOS and
Windows disks behave) says and writes what the same build says and writes on Linux: names
written in another case than stored are judged by what the folders list, not by what the
disk happens to open, and a rename that changes only a name's case is seen by the caches."""

from __future__ import annotations

import errno
import os
import random
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result

from tests.casefold import mounted
from tests.fuzzing import Fuzz, grown_project
from tests.helpers import clean_build
from tests.test_cli import run, tree
from tests.test_incremental import STEPS, compare_every_step
from tests.test_robustness import ISSUE

Edit = Callable[[Path], None]


@pytest.fixture
def disk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """An empty folder on a case-insensitive disk (outside the project, which is tmp_path)."""
    folder = tmp_path_factory.mktemp("disk")
    try:
        with mounted(folder / "store", folder / "case-insensitive") as mount:
            yield mount
    except RuntimeError as reason:
        pytest.skip(f"no case-insensitive disk can be mounted here (FUSE, libfuse 2 and fusepy): {reason}")


def copied(project: Path, to: Path) -> Path:
    shutil.copytree(project, to, ignore=shutil.ignore_patterns("dist", ".digest-cache", "here", "clean"))
    return to


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} holds no {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def outcome(project: Path, result: Result) -> tuple[int, str, dict[str, bytes]]:
    """What a user sees of a build: its exit code, its words (with the project's own
    folder named the same on both disks) and the files it wrote."""
    words = result.output.replace(str(project), "PROJECT")
    return result.exit_code, words, tree(project / "dist") if (project / "dist").is_dir() else {}


def test_the_demo_builds_byte_for_byte_the_same_on_a_case_insensitive_disk(
    project: Path, disk: Path, tmp_path: Path
) -> None:
    there = copied(project, disk / "project")
    here = copied(project, tmp_path / "here")
    assert outcome(there, run(there, "build", ISSUE)) == outcome(here, run(here, "build", ISSUE))
    assert (there / "dist" / ISSUE / "email.html").is_file()


def _review_listed_in_capitals(project: Path) -> None:
    replace_in(project / "issues" / ISSUE / "issue.md", "- llm-report-2025.md", "- LLM-Report-2025.md")


def _picture_named_in_capitals(project: Path) -> None:
    review = project / "issues" / ISSUE / "raschka-state-of-llms.md"
    replace_in(review, "image: training-costs.png", "image: Training-Costs.PNG")


def _issue_folder_renamed_in_capitals(project: Path) -> None:
    (project / "issues" / ISSUE).rename(project / "issues" / ISSUE.upper())


def _override_named_in_capitals(project: Path) -> None:
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "Email.TXT.j2").write_text("{{ 1 / 0 }}\n", encoding="utf-8")


def _settings_naming_a_folder_in_capitals(project: Path) -> None:
    (project / "Templates").mkdir()
    (project / "Templates" / "email.txt.j2").write_text("{{ 1 / 0 }}\n", encoding="utf-8")
    replace_in(project / "digest.toml", 'templates_dir = "templates"', 'templates_dir = "TEMPLATES"')


@pytest.mark.parametrize(
    "edit",
    [
        _review_listed_in_capitals,
        _picture_named_in_capitals,
        _issue_folder_renamed_in_capitals,
        _override_named_in_capitals,
        _settings_naming_a_folder_in_capitals,
    ],
    ids=["review", "picture", "issue-folder", "override", "settings-folder"],
)
def test_a_name_written_in_another_case_is_judged_as_on_linux(
    project: Path, disk: Path, tmp_path: Path, edit: Edit
) -> None:
    there = copied(project, disk / "project")
    here = copied(project, tmp_path / "here")
    edit(there)
    edit(here)
    told_there = outcome(there, run(there, "build", ISSUE))
    told_here = outcome(here, run(here, "build", ISSUE))
    assert told_there[:2] == told_here[:2]
    assert told_there[2] == told_here[2]


def test_the_issue_asked_for_in_another_case_is_refused_as_on_linux(
    project: Path, disk: Path, tmp_path: Path
) -> None:
    there = copied(project, disk / "project")
    here = copied(project, tmp_path / "here")
    told_there = outcome(there, run(there, "build", ISSUE.upper()))
    assert told_there == outcome(here, run(here, "build", ISSUE.upper()))


def _review_renamed_in_case(project: Path) -> None:
    folder = project / "issues" / ISSUE
    os.rename(folder / "llm-report-2025.md", folder / "LLM-report-2025.md")
    replace_in(folder / "issue.md", "- llm-report-2025.md", "- LLM-report-2025.md")


def _picture_renamed_in_case(project: Path) -> None:
    folder = project / "issues" / ISSUE
    os.rename(folder / "training-costs.png", folder / "Training-Costs.png")
    replace_in(folder / "raschka-state-of-llms.md", "image: training-costs.png", "image: Training-Costs.png")


def _neighbour_folder_renamed_in_case(project: Path) -> None:
    os.rename(project / "issues" / "issue-2024", project / "issues" / "Issue-2024")


@pytest.mark.parametrize(
    "edit",
    [_review_renamed_in_case, _picture_renamed_in_case, _neighbour_folder_renamed_in_case],
    ids=["review", "picture", "neighbour-folder"],
)
def test_a_rename_of_case_alone_then_a_build_writes_what_a_clean_build_writes(
    project: Path, disk: Path, tmp_path: Path, edit: Edit
) -> None:
    there = copied(project, disk / "project")
    assert run(there, "build", ISSUE).exit_code == 0
    edit(there)
    rebuilt = run(there, "build", ISSUE)
    assert rebuilt.exit_code == 0, rebuilt.output
    assert tree(there / "dist") == clean_build(there, tmp_path / "clean")


# Random edit sequences (tests/fuzzing.py) with the project on the case-insensitive disk and
# each clean build on Linux: 40 sequences, 445 comparisons, found nothing when this was added.
CASEFOLD_SEEDS = range(7100, 7100 + int(os.environ.get("DIGEST_CASEFOLD_SEEDS", "1")))


@pytest.mark.parametrize("seed", CASEFOLD_SEEDS)
def test_random_edits_on_a_case_insensitive_disk_build_what_a_clean_build_on_linux_builds(
    disk: Path, tmp_path: Path, seed: int
) -> None:
    scratch = disk / "scratch"  # the moves aside stay on the disk: a rename cannot cross disks
    scratch.mkdir()
    fuzz = Fuzz(grown_project(disk / "project"), scratch, random.Random(seed))
    linux = tmp_path / "linux"
    compare_every_step(fuzz, seed, STEPS, lambda clean: copied_to_linux(clean, linux), edit_the_disk_can_hold)


def copied_to_linux(clean: Path, linux: Path) -> Path:
    shutil.rmtree(linux, ignore_errors=True)
    shutil.copytree(clean, linux, symlinks=True)
    return linux


def edit_the_disk_can_hold(fuzz: Fuzz) -> None:
    """One random edit; another where the disk refuses it (a name that is not UTF-8, which
    macOS refuses too)."""
    for _ in range(20):
        try:
            fuzz.step()
            return
        except OSError as refused:
            if refused.errno != errno.EINVAL:
                raise
    raise AssertionError("twenty edits in a row refused by the disk")
