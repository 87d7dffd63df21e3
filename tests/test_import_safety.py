"""`digest import` writes safely: never through a link, the reviews and issue.md together or
not at all, and only from regular files of a known size."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

import digest.sources.importer.writes as writes
from digest.config import Config, load_config
from digest.errors import ContentError
from digest.sources.importer import import_reviews, read_article
from digest.sources.reviews import ReviewSettings
from digest.sources.scaffold import new_issue
from tests.test_cli import run

ISSUE = "issue-2026-02"
NOTE = "# Moorings\n\nA short note about moorings.\n"


@pytest.fixture
def config(project: Path) -> Config:
    config = load_config(project / "digest.toml")
    new_issue(config, ISSUE, title="Safety", issue_date=date(2026, 2, 6))
    return config


def folder(config: Config) -> Path:
    return config.issues_path / ISSUE


def source(tmp_path: Path, text: str = NOTE, name: str = "note.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def snapshot(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.iterdir()) if p.is_file() and not p.is_symlink()}


def test_a_link_planted_under_the_review_name_is_never_written_through(
    tmp_path: Path, config: Config
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    (folder(config) / "moorings.md").symlink_to(victim)
    before = (folder(config) / "issue.md").read_bytes()
    for force in (False, True):
        with pytest.raises(ContentError, match="link"):
            import_reviews(config, ISSUE, [source(tmp_path)], force=force)
    assert victim.read_text() == "precious\n"
    assert (folder(config) / "moorings.md").is_symlink()
    assert (folder(config) / "issue.md").read_bytes() == before


def test_issue_md_as_a_link_is_refused_before_anything_is_written(tmp_path: Path, config: Config) -> None:
    elsewhere = tmp_path / "elsewhere.md"
    issue = folder(config) / "issue.md"
    elsewhere.write_bytes(issue.read_bytes())
    issue.unlink()
    issue.symlink_to(elsewhere)
    with pytest.raises(ContentError, match="issue file is a link"):
        import_reviews(config, ISSUE, [source(tmp_path)])
    assert not (folder(config) / "moorings.md").exists()


def test_when_issue_md_cannot_be_written_the_new_reviews_are_removed(
    tmp_path: Path, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    existing = folder(config) / "kept.md"
    existing.write_text("---\ntitle: Kept\n---\nOld text.\n")
    before = snapshot(folder(config))
    real_replace = os.replace

    def failing_replace(src: str | Path, dst: str | Path) -> None:
        if Path(dst).name == "issue.md":
            raise OSError(28, "No space left on device", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(writes.os, "replace", failing_replace)
    other = source(tmp_path, "# Kept\n\nNew text.\n", "kept-source.md")
    with pytest.raises(ContentError, match="No space left on device.*nothing was imported") as caught:
        import_reviews(config, ISSUE, [source(tmp_path), other], force=True)
    assert "\n" not in caught.value.message
    monkeypatch.setattr(writes.os, "replace", real_replace)
    assert snapshot(folder(config)) == before  # the new review gone, the replaced one restored
    assert not any(p.name.endswith(".tmp") for p in folder(config).iterdir())


def test_an_import_interrupted_while_writing_leaves_the_issue_as_it_was(
    tmp_path: Path, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+C (or a SIGTERM the CLI turns into the same) between two writes left the first
    review written and issue.md without it: half an import, which the next import refused
    ('already exists')."""
    existing = folder(config) / "kept.md"
    existing.write_text("---\ntitle: Kept\n---\nOld text.\n")
    before = snapshot(folder(config))
    real_replace = os.replace

    def interrupted_replace(src: str | Path, dst: str | Path) -> None:
        if Path(dst).name == "issue.md":
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(writes.os, "replace", interrupted_replace)
    other = source(tmp_path, "# Kept\n\nNew text.\n", "kept-source.md")
    with pytest.raises(KeyboardInterrupt):
        import_reviews(config, ISSUE, [source(tmp_path), other], force=True)
    monkeypatch.setattr(writes.os, "replace", real_replace)
    assert snapshot(folder(config)) == before
    assert not any(p.name.endswith(".tmp") for p in folder(config).iterdir())


def test_an_import_terminated_is_interrupted_as_by_ctrl_c() -> None:
    """SIGTERM (a CI job cancelled, `kill`) ended the import at once, between two writes."""
    import signal

    from digest.cli import terminated_as_interrupted

    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(KeyboardInterrupt), terminated_as_interrupted():
        os.kill(os.getpid(), signal.SIGTERM)
        for _ in range(1_000):  # the handler runs between two bytecodes
            pass
    assert signal.getsignal(signal.SIGTERM) == before


def test_the_cli_reports_a_failed_write_on_one_line(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(project, "new", ISSUE, "--date", "2026-02-06").exit_code == 0

    def no_space(src: str | Path, dst: str | Path) -> None:
        raise OSError(28, "No space left on device", str(dst))

    monkeypatch.setattr(writes.os, "replace", no_space)
    result = run(project, "import", str(source(tmp_path)), "--issue", ISSUE)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (project / "issues" / ISSUE / "moorings.md").exists()


@pytest.mark.parametrize("kind", ["device", "fifo", "folder"])
def test_only_regular_files_are_imported(tmp_path: Path, config: Config, kind: str) -> None:
    if kind == "device":
        path = Path("/dev/zero")
    elif kind == "fifo":
        path = tmp_path / "pipe.md"
        os.mkfifo(path)
    else:
        path = tmp_path / "folder.md"
        path.mkdir()
    with pytest.raises(ContentError, match="not a regular file|is a folder") as caught:
        read_article(path)
    assert "\n" not in caught.value.message
    assert sorted(p.name for p in folder(config).iterdir()) == ["issue.md"]


def test_cli_refuses_a_device_on_one_line(project: Path) -> None:
    assert run(project, "new", ISSUE, "--date", "2026-02-06").exit_code == 0
    result = run(project, "import", "/dev/zero", "--issue", ISSUE)
    assert result.exit_code == 1 and "not a regular file" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_page_over_the_page_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = source(tmp_path, "<!doctype html><html><body><p>" + "x " * 600 + "</p></body></html>", "p.html")
    monkeypatch.setattr("digest.sources.importer.command.HTML_MAX_BYTES", 1000)
    with pytest.raises(ContentError, match="too large to be one article"):
        read_article(page)


def test_a_text_over_the_review_limit_is_refused(tmp_path: Path) -> None:
    big_note = source(tmp_path, "# Big\n\n" + "word " * 400, "big.md")
    with pytest.raises(ContentError, match="over the 100-byte limit for a review: shorten it or raise"):
        read_article(big_note, ReviewSettings(max_bytes=100))


def test_the_report_shows_a_line_break_in_the_imported_file_name_as_an_escape(
    tmp_path: Path, project: Path
) -> None:
    """One line per field: a file named 'saved\\npage.md' split the report's first line in two
    (found by world18)."""
    assert run(project, "new", ISSUE, "--date", "2026-02-06").exit_code == 0
    note = source(tmp_path, name="saved\nguessed: a line of its own.md")
    result = run(project, "import", str(note), "--issue", ISSUE)
    assert result.exit_code == 0, result.output
    assert "saved\\x0aguessed" in result.output
    assert not any(line.startswith("guessed:") for line in result.output.splitlines()), result.output
