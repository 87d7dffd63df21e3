"""Shared fixtures: the real seed and corpus files, and a copy of the demo project."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from digest.files import remove_tree
from tests.helpers import Nest

# Tests assert behaviour, never timings: no property test fails for being slow on a loaded machine.
settings.register_profile("digest", deadline=None)
settings.load_profile("digest")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"


# A [links] setting for tests that check links over the network: every URL that is not on
# a test's own server (127.0.0.x) is excluded, so no test ever reaches the internet.
ONLY_LOOPBACK = """exclude = ['^(?!https?://127\\.0\\.0\\.[0-9]+[:/])']"""


def list_first(issue_file: Path, *names: str) -> None:
    """Put review names at the head of an issue's list (under 'reviews:', or in its first section)."""
    text = issue_file.read_text(encoding="utf-8")
    head, indent = ("    items:\n", "      ") if "sections:" in text else ("reviews:\n", "  ")
    assert head in text, f"{issue_file} lists no items"
    lines = "".join(f"{indent}- {json.dumps(name)}\n" for name in names)  # YAML reads JSON strings
    issue_file.write_text(text.replace(head, head + lines, 1), encoding="utf-8")


def require(folder: Path) -> Path:
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent: the real-world test data lives beside the repository in ../shared")
    return folder


@pytest.fixture
def seeds() -> Path:
    return require(SEEDS)


@pytest.fixture
def corpus() -> Path:
    return require(CORPUS)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the demo project (config and issues) in a temporary folder."""
    shutil.copy(REPO / "digest.toml", tmp_path / "digest.toml")
    shutil.copytree(REPO / "issues", tmp_path / "issues")
    config = (tmp_path / "digest.toml").read_text()
    (tmp_path / "digest.toml").write_text(config.replace("check = true", "check = false"))
    return tmp_path


def readme_title(seed: str) -> str:
    """The title the seeds README says a careful reader extracts from `seed` (read at test
    time, so the article's words stay out of the repository)."""
    for line in (require(SEEDS) / "README.md").read_text(encoding="utf-8").splitlines():
        if seed in line and (match := re.search(r'title "([^"]+)"', line)):
            return match.group(1)
    raise AssertionError(f"the seeds README names no title for {seed}")


@pytest.fixture
def nest() -> Iterator[Nest]:
    """Makes `depth` folders, one in the other, below a folder (one by one: os.makedirs
    recurses once a level), and returns the deepest; removes them from the bottom up after
    the test, as shutil.rmtree (and so pytest's clean-up of old temporary folders) cannot."""
    made: list[Path] = []

    def make(folder: Path, depth: int) -> Path:
        made.append(folder)
        for _ in range(depth):
            folder = folder / "d"
            folder.mkdir()
        return folder

    yield make
    for top in made:
        levels = [top]
        while (levels[-1] / "d").is_dir():
            levels.append(levels[-1] / "d")
        for level in reversed(levels[1:]):
            for each in level.iterdir():
                each.unlink()
            level.rmdir()


# --- a committed output nested thousands deep ----------------------------------------------


@pytest.fixture
def removed_after(tmp_path: Path) -> Iterator[None]:
    """The test's folder removed without recursion, whatever the test left in it: a tree
    thousands deep left behind stops pytest's own clean-up of old temporary folders (its
    shutil.rmtree raises RecursionError) in every later run, anyone's."""
    yield
    with contextlib.suppress(OSError):
        remove_tree(tmp_path)
