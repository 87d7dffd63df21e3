"""Shared fixtures: the real seed and corpus files, and a copy of the demo project."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"


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
