"""Cold builds of an archive spread over every core (digest/workers.py): the issues are
parsed and rendered by forked workers, and the output is the one a build on one core
makes, byte for byte; a build killed while its workers run leaves none of them behind."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import digest.workers
from tests.test_cli import run, tree

COPIES = digest.workers.PAYS_FROM + 2

needs_workers = pytest.mark.skipif(
    digest.workers.worker_count() < 2, reason="workers need Linux and two cores: nothing to compare"
)


@pytest.fixture(autouse=True)
def no_thread_left_by_earlier_tests() -> None:
    """A build forks no worker beside another thread (digest/workers.py): a server thread an
    earlier test left running would make these tests fail for a reason they do not name."""
    others = [thread.name for thread in threading.enumerate() if thread is not threading.main_thread()]
    assert not others, f"threads left running by earlier tests keep builds from forking: {others}"


@pytest.fixture
def archive(project: Path) -> Path:
    """The demo project with enough issues (copies of its newest) for workers to pay."""
    source = project / "issues" / "issue-2025"
    for number in range(COPIES):
        copy = project / "issues" / f"issue-2025-{number:02d}"
        shutil.copytree(source, copy)
        issue = copy / "issue.md"
        issue.write_text(issue.read_text().replace("number: 2", f"number: {number + 3}"))
    return project


def build(project: Path) -> dict[str, bytes]:
    result = run(project, "build", "--all")
    assert result.exit_code == 0, result.output
    return tree(project / "dist")


@needs_workers
def test_an_archive_built_by_workers_equals_one_built_on_one_core(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = tmp_path / "alone"
    shutil.copytree(archive, alone)
    done: list[str] = []
    spread = digest.workers.in_workers

    def counted(*args: object, **options: object) -> object:
        for item, result in spread(*args, **options):  # type: ignore[arg-type]
            done.append(item)
            yield item, result

    monkeypatch.setattr(digest.workers, "in_workers", counted)
    monkeypatch.setattr("digest.sources.parallel.in_workers", counted)
    by_workers = build(archive)
    assert len(done) >= 4 * COPIES  # every issue parsed, rendered and its links checked by a worker
    monkeypatch.setattr(digest.workers, "worker_count", lambda: 0)
    done.clear()
    assert build(alone) == by_workers
    assert done == []
    assert build(archive) == by_workers  # and again from the cache the workers filled


@needs_workers
def test_an_archive_rebuilt_by_workers_after_edits_equals_a_clean_build(
    archive: Path, tmp_path: Path
) -> None:
    """Issues read again from their files are rendered by workers without asking the cache
    first; the rebuild must be the clean build of the edited sources."""
    build(archive)
    for number in range(COPIES):
        folder = archive / "issues" / f"issue-2025-{number:02d}"
        review = next(p for p in sorted(folder.glob("*.md")) if p.name != "issue.md")
        review.write_text(review.read_text() + f"\nAn added sentence, number {number}.\n")
    rebuilt = build(archive)
    clean = tmp_path / "clean"
    shutil.copytree(archive, clean, ignore=shutil.ignore_patterns("dist", ".digest-cache"))
    assert build(clean) == rebuilt
    assert any(b"An added sentence, number 0." in data for data in rebuilt.values())


@needs_workers
@pytest.mark.parametrize("delay", [0.4, 1.2, 2.0])
def test_a_killed_archive_build_leaves_no_worker_behind(archive: Path, delay: float) -> None:
    build = subprocess.Popen(
        [sys.executable, "-m", "digest", "build", "--all"],
        cwd=archive,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    time.sleep(delay)
    os.kill(build.pid, signal.SIGKILL)  # the build alone: a worker it forked would live on
    build.wait(timeout=30)
    time.sleep(1)
    assert living_in_group(build.pid) == []


def living_in_group(group: int) -> list[str]:
    """The processes of a process group that still run (a zombie has died: it only waits for
    the system's first process, which in a container may be slow, to collect it)."""
    living = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended while the list was read
        state, process_group = fields[0], int(fields[2])
        if process_group == group and state != "Z":
            living.append(f"{stat.parent.name} ({state})")
    return living


@needs_workers
def test_whatever_fails_in_a_worker_fails_as_it_does_on_one_core(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker leaves any failure to the build's own one-by-one pass, which meets them in
    the issues' order: a review missing from an early issue is the one-line error it is on
    one core, not a later issue's unexpected exception (a bug) surfacing first from a worker."""
    import digest.sources.issue

    (archive / "issues" / "issue-2025-01" / "raschka-state-of-llms.md").unlink()
    parse = digest.sources.issue.parse_issue

    def parse_with_a_bug(config: object, issue_id: str, *rest: object) -> object:
        if issue_id == "issue-2025-07":
            raise ValueError("a bug in digest")
        return parse(config, issue_id, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(digest.sources.issue, "parse_issue", parse_with_a_bug)
    spread = run(archive, "build", "--all")
    monkeypatch.setattr(digest.workers, "worker_count", lambda: 0)
    alone = run(archive, "build", "--all")
    assert "issue-2025-01" in alone.output and alone.exit_code == 1
    assert (spread.exit_code, spread.output, type(spread.exception)) == (
        alone.exit_code,
        alone.output,
        type(alone.exception),
    )


@needs_workers
def test_a_worker_killed_midway_leaves_the_rest_to_the_build(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker the system kills (out of memory) ends the workers' part: what came back is
    used, the build does the rest itself, and the output is the one-core build's."""
    import digest.sources.issue

    alone = tmp_path / "alone"
    shutil.copytree(archive, alone)
    parse, builder = digest.sources.issue.parse_issue, os.getpid()

    def parse_then_die(config: object, issue_id: str, *rest: object) -> object:
        if issue_id == "issue-2025-05" and os.getpid() != builder:
            (tmp_path / "killed").touch()
            os.kill(os.getpid(), signal.SIGKILL)
        return parse(config, issue_id, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(digest.sources.issue, "parse_issue", parse_then_die)
    spread = build(archive)
    assert (tmp_path / "killed").exists()
    monkeypatch.setattr(digest.workers, "worker_count", lambda: 0)
    assert build(alone) == spread


def _terminate_is_fatal(item: str) -> bool:
    return signal.getsignal(signal.SIGTERM) == signal.SIG_DFL


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@needs_workers
def test_a_worker_dies_when_terminated_whatever_handler_the_build_process_had() -> None:
    """A worker inherited its parent's terminate handler (a preview's, left by a command run
    in the same process): when another worker died, the pool's terminate only raised
    KeyboardInterrupt in it, which it caught to send back as its result, blocked on a pipe
    no one read, and the build waited for it for ever."""
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        items = [str(number) for number in range(digest.workers.PAYS_FROM)]
        results = dict(digest.workers.in_workers(_terminate_is_fatal, items))
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert results == dict.fromkeys(items, True)


@pytest.mark.parametrize(
    ("items", "workers", "chunk"),
    [(8, 2, 1), (24, 2, 3), (100, 2, 3), (1_000, 2, 3), (1_000, 4, 3), (13, 4, 1)],
)
def test_a_worker_holds_few_items_at_once_so_ctrl_c_is_not_kept_waiting(
    items: int, workers: int, chunk: int
) -> None:
    """Ctrl+C lets the chunks the workers hold finish: a quarter of each worker's share was
    125 issues of a 1,000-issue archive, seconds of work after the key was pressed."""
    from digest.workers import chunk_size

    assert chunk_size(items, workers) == chunk
