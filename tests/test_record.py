"""What a build was made from (digest.output.record): the record dist/ keeps, read back whatever it holds."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import built
from tests.test_cli import run


def test_a_build_record_nested_thousands_deep_reads_as_none(project: Path) -> None:
    """dist/ is often committed (GitHub Pages): a marker of JSON nested 200,000 deep stopped
    `digest list` with a RecursionError."""
    built(project)
    (project / "dist" / ".digest-output").write_text("[" * 200_000 + "]" * 200_000)
    result = run(project, "list")
    assert result.exit_code == 0, result.output
    assert result.output.count("not built") == 2
