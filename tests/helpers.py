"""Helpers several test files share: building a copy of the demo project, editing its files, asserting a clean failure, reading a saved page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

LIMIT_SECONDS = 60  # a linear reading of these inputs takes a second or two


PROSE = "<p>" + "Words of the article body, written for this test. " * 20 + "</p>"


def page(body: str, head: str = "<title>A real headline</title>") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def ends_in_time(tmp_path: Path, name: str, text: str, reader: str, limit: float = LIMIT_SECONDS) -> None:
    """Read `text` saved as `name` in a child process; it must finish within the limit."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code = (
        "import sys\nfrom pathlib import Path\nfrom digest.errors import DigestError\n"
        f"from {reader.rsplit('.', 1)[0]} import {reader.rsplit('.', 1)[1]} as read\n"
        "try:\n    read(Path(sys.argv[1]))\nexcept DigestError:\n    pass\n"
    )
    try:
        subprocess.run([sys.executable, "-c", code, str(path)], check=True, timeout=limit)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{name}: {len(text):,} characters still being read after {limit} s")
