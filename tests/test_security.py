"""The red team's categories, one table row per attempt, each through the CLI in a copy of
the demo project: path escapes, the output folder, names that act on a terminal, resource
floods, file-system oddities, cache tampering, concurrent and killed builds.

What digest promises (README, "Security"): it writes only into its output and cache
folders, reads only the project's own sources, and never follows a link out of them.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import digest
from tests.conftest import list_first
from tests.test_cli import run, tree
from tests.test_robustness import ISSUE, ISSUE_FILE, assert_clean_failure, edit, stray_folders, write

SECRET = "root:x:0:0:this-must-never-be-published"


@dataclass(frozen=True)
class Attempt:
    id: str
    setup: Callable[[Path], None]
    args: tuple[str, ...]
    message: tuple[str, ...]  # pieces of the one error line, in order
    untouched: tuple[str, ...] = field(default=())  # files that must keep their bytes
    exit_code: int = 1  # 2: a usage error (a value on the command line refused)


def outside_file(project: Path) -> Path:
    """A file beside the project, standing for /etc/passwd."""
    secret = project.parent / f"{project.name}-secret.txt"
    secret.write_text(SECRET + "\n")
    return secret


def list_review(project: Path, name: str) -> None:
    list_first(project / ISSUE_FILE, name)


def review_link_out(project: Path) -> None:
    (project / "issues" / ISSUE / "host.md").symlink_to(outside_file(project))
    list_review(project, "host.md")


def folder_link_out(project: Path) -> None:
    outside = project.parent / f"{project.name}-etc"
    outside.mkdir()
    (outside / "passwd").write_text(f"# {SECRET}\n")
    (project / "issues" / ISSUE / "etcdir").symlink_to(outside)
    list_review(project, "etcdir/passwd")


def template_link_out(project: Path) -> None:
    (project / "templates").mkdir()
    (project / "templates" / "review.html.j2").symlink_to(outside_file(project))


def someone_elses_folder(name: str) -> Callable[[Path], None]:
    def setup(project: Path) -> None:
        write(project, f"{name}/notes.txt", "mine, not digest's")

    return setup


def git_folder(project: Path) -> None:
    write(project, ".git/HEAD", "ref: refs/heads/main\n")


def make_fifo(relative: str) -> Callable[[Path], None]:
    def setup(project: Path) -> None:
        os.mkfifo(project / relative)
        if relative.startswith("issues/"):
            list_review(project, Path(relative).name)

    return setup


def listed_folder(project: Path) -> None:
    (project / "issues" / ISSUE / "afolder.md").mkdir()
    list_review(project, "afolder.md")


def listed_huge(project: Path) -> None:
    with open(project / "issues" / ISSUE / "huge.md", "wb") as file:
        file.truncate(3_000_000)  # sparse: no disk used
    list_review(project, "huge.md")


def terminal_escapes(project: Path) -> None:
    list_review(project, "\x1b]0;owned\x07\x1b[2J\u202efake.md")


def config_output(folder: str) -> Callable[[Path], None]:
    return lambda project: edit(project, "digest.toml", 'output_dir = "dist"', f'output_dir = "{folder}"')


ATTEMPTS = [
    Attempt(
        "output-a-home-folder",
        someone_elses_folder("home"),
        ("build", ISSUE, "--output", "home"),
        ("home", "holds files digest did not write"),
        ("home/notes.txt",),
        exit_code=2,
    ),
    Attempt(
        "output-the-git-folder",
        git_folder,
        ("build", ISSUE, "--output", ".git"),
        ("would replace the git repository",),
        (".git/HEAD",),
        exit_code=2,
    ),
    Attempt(
        "output-the-tests-folder",
        someone_elses_folder("tests"),
        ("build", ISSUE, "--output", "tests"),
        ("holds files digest did not write",),
        ("tests/notes.txt",),
        exit_code=2,
    ),
    Attempt(
        "output-an-issue-folder",
        lambda project: None,
        ("build", ISSUE, "--output", f"issues/{ISSUE}"),
        ("would replace [build] issues_dir",),
        (ISSUE_FILE,),
        exit_code=2,
    ),
    Attempt(
        "output-digests-own-code",
        lambda project: None,
        ("build", ISSUE, "--output", str(Path(digest.__file__).parent)),
        ("would replace digest's own code",),
        exit_code=2,
    ),
    Attempt(
        "settings-output-etc-fails-check",
        config_output("/etc"),
        ("check", ISSUE, "--no-check-links"),
        ("digest.toml", "holds files digest did not write"),
    ),
    Attempt(
        "review-is-a-link-out",
        review_link_out,
        ("build", ISSUE),
        ("host.md", "link to a file outside"),
    ),
    Attempt(
        "folder-link-out-with-a-listed-file",
        folder_link_out,
        ("build", ISSUE),
        ("etcdir/passwd", "link to a file outside"),
    ),
    Attempt(
        "template-is-a-link-out",
        template_link_out,
        ("build", ISSUE),
        ("review.html.j2", "link to a file outside"),
    ),
    Attempt(
        "issue-id-with-a-newline", lambda project: None, ("new", "nl\n"), ("is not an issue id",), exit_code=2
    ),
    Attempt(
        "listed-pipe",
        make_fifo(f"issues/{ISSUE}/pipe.md"),
        ("build", ISSUE),
        ("pipe.md", "not a regular file"),
    ),
    Attempt("listed-folder", listed_folder, ("build", ISSUE), ("afolder.md", "is a folder")),
    Attempt("listed-huge-file", listed_huge, ("build", ISSUE), ("huge.md", "over the 1,000,000-byte limit")),
    Attempt(
        "settings-file-is-a-pipe",
        make_fifo("pipe.toml"),
        ("build", ISSUE, "--config", "pipe.toml"),
        ("pipe.toml", "not a regular file"),
    ),
    Attempt(
        "name-with-terminal-escapes",
        terminal_escapes,
        ("build", ISSUE),
        ("\\x1b]0;owned\\x07\\x1b[2J\\u202efake.md", "listed but not found"),
    ),
]


@pytest.mark.parametrize("attempt", ATTEMPTS, ids=lambda attempt: attempt.id)
def test_every_attempt_fails_cleanly_and_changes_nothing(project: Path, attempt: Attempt) -> None:
    assert run(project, "build", ISSUE).exit_code == 0
    before = tree(project / "dist")
    attempt.setup(project)
    kept = {name: (project / name).read_bytes() for name in attempt.untouched}
    result = run(project, *attempt.args)
    assert_clean_failure(result, attempt.message, attempt.exit_code)
    assert "\x1b" not in result.output and "\u202e" not in result.output
    assert SECRET not in result.output
    assert tree(project / "dist") == before
    assert {name: (project / name).read_bytes() for name in attempt.untouched} == kept
    assert stray_folders(project) == []


def test_an_unlisted_huge_file_and_a_folder_link_to_a_big_tree_are_never_read(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import digest.files
    import digest.sources.issue

    folder = project / "issues" / ISSUE
    with open(folder / "backup.tar", "wb") as file:
        file.truncate(3 * 1024**3)  # 3 GB, sparse
    (folder / "usr").symlink_to("/usr")
    read: list[str] = []
    real_hash = digest.files.sha256_of

    def spy(path: str, max_bytes: int) -> str:
        read.append(path)
        return real_hash(path, max_bytes)

    monkeypatch.setattr(digest.sources.issue, "sha256_of", spy)
    walked = [found.name for found in digest.files.walk_files(str(folder))]
    assert not any(name.startswith("usr/") for name in walked)
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    assert read == []
    assert "backup.tar: not listed" in result.output


def test_a_corrupt_build_cache_is_rebuilt_and_said_once(project: Path) -> None:
    assert run(project, "build", ISSUE).exit_code == 0
    database = project / ".digest-cache" / "build.sqlite3"
    database.write_bytes(b"garbage, not a database" * 100)
    for path in database.parent.glob("build.sqlite3-*"):
        path.unlink()
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    assert result.output.count("the build cache was unreadable and has been rebuilt") == 1
    again = run(project, "build", ISSUE)
    assert again.exit_code == 0 and "unreadable" not in again.output


def test_a_tampered_kept_tree_never_reaches_the_output(project: Path) -> None:
    for _ in range(2):
        assert run(project, "build", ISSUE).exit_code == 0
    clean = tree(project / "dist")
    [kept] = (project / ".digest-cache").glob("kept-*")
    page = kept / ISSUE / "index.html"
    stamp = os.stat(page)
    data = page.read_bytes()
    page.unlink()
    page.write_bytes(data.replace(b"<h1>", b"<h1>HACKED", 1)[: len(data)])
    os.utime(page, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    for _ in range(3):
        assert run(project, "build", ISSUE).exit_code == 0
        assert tree(project / "dist") == clean


def digest_command(project: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "digest", *args],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def test_builds_started_together_from_a_cold_cache_all_succeed(project: Path) -> None:
    builds = [digest_command(project, "build", ISSUE) for _ in range(3)]
    outcomes = [(build.wait(timeout=120), build.stderr.read() if build.stderr else b"") for build in builds]
    assert [code for code, _ in outcomes] == [0, 0, 0], outcomes
    assert stray_folders(project) == []
    assert run(project, "build", ISSUE).exit_code == 0


@pytest.mark.parametrize("delay", [0.05, 0.3, 0.8])
def test_a_killed_build_leaves_no_process_behind(project: Path, delay: float) -> None:
    build = digest_command(project, "build", "--all")
    time.sleep(delay)
    os.kill(build.pid, signal.SIGKILL)  # the build alone: any child it started would live on
    build.wait(timeout=30)
    time.sleep(1)
    with pytest.raises(ProcessLookupError):
        os.killpg(build.pid, 0)  # nothing is left in the build's process group
    shutil.rmtree(project / ".digest-cache", ignore_errors=True)


def test_direction_overrides_never_reach_the_subject_or_titles(project: Path) -> None:
    edit(project, ISSUE_FILE, 'title: "The year', 'title: "\u202eThe\u2066 year')
    edit(project, ISSUE_FILE, 'subject: "2025', 'subject: "\u202e2025')
    assert run(project, "build", ISSUE).exit_code == 0
    for name, data in tree(project / "dist").items():
        text = data.decode("utf-8", "replace")
        assert "\u202e" not in text and "\u2066" not in text, name


def test_direction_overrides_never_reach_a_reviews_title_author_or_tags(project: Path) -> None:
    review = project / "issues" / ISSUE / "state-of-llms-2025.md"
    text = review.read_text()
    text = text.replace('title: "Review:', 'title: "\u202eReview:', 1).replace(
        "tags: [", 'author: "Ann \u2067Lee"\ntags: [\u202eevil, ', 1
    )
    review.write_text(text)
    assert run(project, "build", ISSUE).exit_code == 0
    for name, data in tree(project / "dist").items():
        decoded = data.decode("utf-8", "replace")
        assert "\u202e" not in decoded and "\u2067" not in decoded, name


@pytest.mark.parametrize(
    "raw",
    ["<math><mtext><table><mglyph><style>", "<style>p { color: red }", "<textarea>", "<!-- a note"],
)
def test_raw_html_left_open_is_reported_instead_of_swallowing_the_review(project: Path, raw: str) -> None:
    assert run(project, "build", ISSUE).exit_code == 0
    before = tree(project / "dist")
    review = project / "issues" / ISSUE / "state-of-llms-2025.md"
    text = review.read_text()
    review.write_text(text.replace("\n## ", f"\n{raw}\n\n## ", 1))
    line = review.read_text().split("\n").index(raw) + 1
    result = run(project, "build", ISSUE)
    assert_clean_failure(result, (f"state-of-llms-2025.md:{line}:", "never closes it"))
    assert tree(project / "dist") == before


def test_file_names_that_are_not_utf8_or_hold_a_line_break_are_named_on_one_line(project: Path) -> None:
    folder = project / "issues" / ISSUE
    (folder / "name with\nnewline.md").write_text("# N\n\nText.\n")
    with open(os.fsencode(folder) + b"/\xff\xfe-notes.md", "wb") as file:
        file.write(b"# Notes\n\nText.\n")
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    notes = [line for line in result.output.splitlines() if "not listed" in line]
    assert any("name with\\x0anewline.md: not listed" in line for line in notes)
    assert any("\\udcff\\udcfe-notes.md: not listed" in line for line in notes)
    assert run(project, "list").exit_code == 0


def test_a_source_read_again_for_a_message_never_follows_a_link_out_or_blocks(tmp_path: Path) -> None:
    """Checks read a review again to name a line: by then it may be a link out of the
    folder or a pipe nobody writes to. Neither is read; the message just names no line."""
    from digest.files import source_text

    secret = tmp_path / "secret.txt"
    secret.write_text("private words")
    folder = tmp_path / "issue"
    folder.mkdir()
    (folder / "review.md").symlink_to(secret)
    os.mkfifo(folder / "pipe.md")
    (folder / "plain.md").write_text("\ufeffthe words")
    assert source_text(folder / "review.md") == ""
    assert source_text(folder / "pipe.md") == ""
    assert source_text(folder / "gone.md") == ""
    assert source_text(folder / "plain.md") == "the words"


def test_a_hard_linked_source_is_read_as_the_project_file_it_is_named_as(project: Path) -> None:
    """A hard link is no pointer: it is the file itself under a name inside the project, as
    much the project's as a copy (git commits its bytes; only someone who may write a file
    can link it where Linux protects hard links, and no checkout or archive digest is built
    from links out). It is read, and an edit through its other name, elsewhere, is seen by
    the next build, as the cache keys every source by its bytes."""
    review = project / "issues" / ISSUE / "state-of-llms-2025.md"
    elsewhere = project.parent / f"{project.name}-elsewhere.md"
    elsewhere.write_bytes(review.read_bytes().replace(b"title:", b"title: Linked", 1))
    review.unlink()
    os.link(elsewhere, review)
    page = f"{ISSUE}/linked-review-the-state-of-llms-in-2025/index.html"
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    assert b"Linked" in tree(project / "dist")[page], sorted(tree(project / "dist"))
    elsewhere.write_bytes(elsewhere.read_bytes().replace(b"Linked", b"Joined", 1))  # in place: one file
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    assert b"Joined" in tree(project / "dist")[page.replace("linked", "joined")]
