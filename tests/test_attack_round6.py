"""Sixth attack round: an outsider's hostile file systems and settings, through the CLI in
a copy of the demo project. Each bad case must end in one line naming the file (and the
setting or line) and what to do, exit 1, no traceback, the previous dist/ as it was, and
nothing written outside dist/ and the cache folder. Cases the earlier rounds cover
(tests/test_security.py, tests/test_robustness.py) are not repeated here.
"""

from __future__ import annotations

import errno
import os
import shutil
import socket
import stat
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import list_first
from tests.test_cli import run, tree
from tests.test_robustness import ISSUE, ISSUE_FILE, assert_clean_failure, edit, stray_folders

FOLDER = f"issues/{ISSUE}"
REVIEW = f"{FOLDER}/llm-report-2025.md"


def built(project: Path) -> dict[str, bytes]:
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    return tree(project / "dist")


def fails_cleanly(project: Path, message: tuple[str, ...], *args: str) -> None:
    """A build that fails with one line holding `message`'s pieces in order, and leaves
    dist/ as the last build left it."""
    before = tree(project / "dist")
    result = run(project, *(args or ("build", ISSUE)))
    assert_clean_failure(result, message)
    assert "\x1b" not in result.output and "\x00" not in result.output
    assert tree(project / "dist") == before
    assert stray_folders(project) == []


def set_in_config(project: Path, section: str, line: str) -> None:
    """`line` written first in `[section]` of digest.toml (the section added if absent)."""
    path = project / "digest.toml"
    text = path.read_text()
    if f"[{section}]\n" not in text:
        text += f"\n[{section}]\n"
    path.write_text(text.replace(f"[{section}]\n", f"[{section}]\n{line}\n", 1))


# --- issue.md listing names no file can have ---------------------------------------------


@pytest.mark.parametrize("name", ["llm-report-2025.md\x00.md", ".", "./"])
def test_a_listed_name_no_file_can_have_is_refused_by_its_line(project: Path, name: str) -> None:
    """A NUL (YAML writes it as "\\0") raised Python's ValueError from realpath: a traceback."""
    built(project)
    list_first(project / ISSUE_FILE, name)
    fails_cleanly(project, ("issue.md", "must be a file name inside the issue folder"))


def test_the_issue_file_listed_as_a_review_is_refused(project: Path) -> None:
    """It was read as a review and published as one, front matter and all."""
    built(project)
    list_first(project / ISSUE_FILE, "issue.md")
    fails_cleanly(project, ("issue.md:", "'issue.md' is the issue file itself, not a review"))


def test_a_listed_socket_is_named_as_no_regular_file(project: Path) -> None:
    """Opening a socket fails with ENXIO, which read as 'No such device or address'."""
    built(project)
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(project / FOLDER / "sock.md"))
        list_first(project / ISSUE_FILE, "sock.md")
        fails_cleanly(project, ("sock.md:", "is not a regular file", "read as a review"))
    finally:
        server.close()


# --- digest.toml: settings no file system, page or email header can hold ----------------


@pytest.mark.parametrize("key", ["output_dir", "issues_dir", "templates_dir", "cache_dir", "static_dir"])
def test_a_folder_setting_holding_a_nul_names_the_setting(project: Path, key: str) -> None:
    """TOML spells a NUL "\\u0000": every folder setting raised ValueError (a traceback)."""
    built(project)
    path = project / "digest.toml"
    text = "\n".join(line for line in path.read_text().split("\n") if not line.startswith(f"{key} ="))
    path.write_text(text)
    set_in_config(project, "build", f'{key} = "a\\u0000b"')
    fails_cleanly(project, ("digest.toml", f"[build] {key} holds a control character (\\x00)", "remove it"))


@pytest.mark.parametrize(
    ("section", "line", "message"),
    [
        # a line break in the From: header raised ValueError from the email package
        ("site", 'author = "Editors\\nBcc: someone@example.org"', "[site] author must be one line"),
        # an escape or a NUL in the title failed MJML, blamed on the theme's template
        ("site", 'title = "The \\u001b[2J Digest"', "[site] title holds a control character (\\x1b)"),
        ("site", 'title = "The \\u0000 Digest"', "[site] title holds a control character (\\x00)"),
        # reached every page and feed as it was
        (
            "site",
            'description = "Long \\u0007 reads"',
            "[site] description holds a control character (\\x07)",
        ),
        ("site", 'title = "\\u202eThe Digest"', "[site] title holds a direction override (\\u202e)"),
        ("theme", 'logo_alt = "Logo \\u2066x"', "[theme] logo_alt holds a direction override (\\u2066)"),
        ("links", 'user_agent = "digest\\r\\nX-Evil: 1"', "[links] user_agent must be one line"),
    ],
)
def test_a_text_setting_no_page_or_header_can_hold_names_the_setting(
    project: Path, section: str, line: str, message: str
) -> None:
    built(project)
    key = line.split(" = ")[0]
    path = project / "digest.toml"
    path.write_text(
        "\n".join(each for each in path.read_text().split("\n") if not each.startswith(f"{key} ="))
    )
    set_in_config(project, section, line)
    fails_cleanly(project, ("digest.toml", message))


def test_text_settings_written_over_several_lines_still_build(project: Path) -> None:
    """TOML's multi-line strings are how long settings are written: only control characters
    and direction overrides are refused there."""
    path = project / "digest.toml"
    text = path.read_text().replace('description = "Long reads', 'description = """Long\nreads', 1)
    text = text.replace('can choose what to read."', 'can choose what to read."""', 1)
    path.write_text(text)
    set_in_config(project, "theme", 'footer_text = """You receive this\r\nbecause you asked."""')
    dist = built(project)
    assert b"You receive this" in dist[f"{ISSUE}/email.txt"]


@pytest.mark.parametrize(
    "text",
    ["x = " + "[" * 50_000 + "]" * 50_000 + "\n", "x = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n"],
    ids=["arrays", "inline-tables"],
)
def test_a_settings_file_nested_thousands_deep_is_an_error_not_a_crash(project: Path, text: str) -> None:
    """tomllib recurses once per level: RecursionError reached the terminal as a traceback."""
    built(project)
    (project / "digest.toml").write_text(text)
    fails_cleanly(project, ("digest.toml:", "nested too deeply", "'key = value' lines"))


def settings_as(kind: str) -> Callable[[Path], None]:
    def setup(path: Path) -> None:
        path.unlink()
        if kind == "folder":
            path.mkdir()
        elif kind == "pipe":
            os.mkfifo(path)
        else:
            path.symlink_to(path.parent / "moved-away.toml")

    return setup


@pytest.mark.parametrize("kind", ["folder", "pipe", "broken-link"])
def test_a_digest_toml_that_is_no_file_is_named_not_passed_over(tmp_path: Path, kind: str) -> None:
    """It read as 'no digest.toml found here', or the search went on to a parent's settings
    and built this project with them."""
    parent = tmp_path / "parent"
    project = parent / "project"
    project.mkdir(parents=True)
    shutil.copy(Path(__file__).resolve().parent.parent / "digest.toml", parent / "digest.toml")
    (project / "issues").mkdir()
    (project / "digest.toml").write_text("[site]\n")
    settings_as(kind)(project / "digest.toml")
    result = run(project, "build", "--all")
    assert_clean_failure(result, (f"{project / 'digest.toml'}:", "is not a file", "pass --config"))
    assert not (parent / "dist").exists() and not (project / "dist").exists()


# --- the cache folder among the sources ----------------------------------------------------


@pytest.mark.parametrize(
    ("folder", "named"),
    [
        (".", "would hold the project folder"),
        ("issues", "[build] issues_dir"),
        (f"issues/{ISSUE}", "[build] issues_dir"),
        ("templates", "[build] templates_dir"),
        ("static", "[build] static_dir"),
        ("static/cache", "[build] static_dir"),
        (".git", "the git repository"),
    ],
)
def test_a_cache_folder_among_the_sources_is_refused(project: Path, folder: str, named: str) -> None:
    """In static/ the build's database and its kept output were published (and the kept
    tree copied into itself, doubling every build); in an issue folder they were unlisted
    files; deleting the cache, which the README calls always safe, deleted sources."""
    (project / "static").mkdir()
    (project / "static" / "notes.txt").write_text("notes\n")
    (project / "templates").mkdir()
    built(project)
    set_in_config(project, "build", f'cache_dir = "{folder}"')
    before = {p for p in project.rglob("*") if ".digest-cache" not in p.parts}
    fails_cleanly(project, ("digest.toml", "[build] cache_dir", named, "'.digest-cache'"))
    assert {p for p in project.rglob("*") if ".digest-cache" not in p.parts} == before


# --- what reaches the terminal and the output --------------------------------------------


def test_digest_list_keeps_a_folder_name_with_a_line_break_on_its_row(project: Path) -> None:
    """The name was printed as it is: its second half started a row of its own."""
    built(project)
    shutil.copytree(project / "issues" / "issue-2024", project / "issues" / "fake\nissue-2099  current")
    result = run(project, "list")
    assert result.exit_code == 0, result.output
    rows = result.output.splitlines()
    assert not any(row.startswith("issue-2099") for row in rows)
    assert any(row.startswith("fake\\x0aissue-2099") for row in rows)


def test_a_static_file_whose_name_is_not_utf8_is_named(project: Path) -> None:
    """UnicodeEncodeError from the static folder's fingerprint: a traceback."""
    built(project)
    (project / "static").mkdir()
    with open(os.fsencode(project / "static") + b"/\xff-logo.txt", "wb") as file:
        file.write(b"x")
    fails_cleanly(project, ("static/\\udcff-logo.txt:", "not UTF-8", "rename it"))


def test_an_image_written_composed_is_found_stored_decomposed(project: Path) -> None:
    """Listed reviews were found in either Unicode form; images and files were not."""
    figure = (project / FOLDER / "training-costs.png").read_bytes()
    (project / FOLDER / unicodedata.normalize("NFD", "café.png")).write_bytes(figure)
    edit(project, REVIEW, "\n## ", "\n![A café chart](caf%C3%A9.png)\n\n## ")
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    assert "café.png" not in result.output  # neither missing nor an unused file
    page = tree(project / "dist")[
        f"{ISSUE}/review-a-report-on-large-language-models-in-2025-and-beyond/index.html"
    ]
    assert b'alt="A caf\xc3\xa9 chart"' in page


# --- already right, not covered before ---------------------------------------------------


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda folder: (folder / "x.md").symlink_to(folder / "gone.md"), ("x.md:", "leads to no file")),
        (lambda folder: (folder / "x.md").symlink_to(folder / "x.md"), ("x.md:", "a loop of links")),
        (
            lambda folder: (folder / "x.md").symlink_to(
                folder.parent / "issue-2024" / "mixture-of-experts.md"
            ),
            ("x.md:", "link to a file outside"),
        ),
    ],
    ids=["dangling-link", "link-loop", "link-to-another-issue"],
)
def test_odd_links_listed_as_reviews_fail_cleanly(
    project: Path, setup: Callable[[Path], None], message: tuple[str, ...]
) -> None:
    built(project)
    setup(project / FOLDER)
    list_first(project / ISSUE_FILE, "x.md")
    fails_cleanly(project, message)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may make a device node")
def test_a_listed_device_node_is_never_read(project: Path) -> None:
    built(project)
    os.mknod(project / FOLDER / "zero.md", stat.S_IFCHR | 0o600, os.makedev(1, 5))  # /dev/zero
    list_first(project / ISSUE_FILE, "zero.md")
    fails_cleanly(project, ("zero.md:", "is not a regular file"))


def test_a_full_disk_while_writing_the_output_keeps_the_last_build(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import digest.output.export as export

    built(project)
    edit(project, ISSUE_FILE, 'title: "The year', 'title: "Another year')
    real, written = export._write_new, []

    def fills_up(path: Path, data: bytes) -> None:
        written.append(path)
        if len(written) > 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(path, data)

    monkeypatch.setattr(export, "_write_new", fills_up)
    fails_cleanly(project, ("dist:", "cannot write the output (No space left on device)", "free space"))
    monkeypatch.undo()
    assert b"Another year" in built(project)[f"{ISSUE}/index.html"]


@pytest.mark.parametrize("kind", ["file", "folder-as-database", "foreign-database"])
def test_a_cache_that_is_not_digests_never_fails_the_build(project: Path, kind: str) -> None:
    import sqlite3

    clean = built(project)
    cache = project / ".digest-cache"
    shutil.rmtree(cache)
    if kind == "file":
        cache.write_text("not a folder")
    elif kind == "folder-as-database":
        (cache / "build.sqlite3").mkdir(parents=True)
    else:
        cache.mkdir()
        database = sqlite3.connect(cache / "build.sqlite3")
        database.execute("CREATE TABLE entries (x)")
        database.commit()
        database.close()
    for _ in range(2):
        assert built(project) == clean


# --- the caches are written in place: never through a link ------------------------------


def someone_elses_database(path: Path) -> bytes:
    import sqlite3

    database = sqlite3.connect(path)
    database.execute("CREATE TABLE bookmarks (url TEXT)")
    database.execute("INSERT INTO bookmarks VALUES ('https://example.org/')")
    database.commit()
    database.close()
    return path.read_bytes()


@pytest.mark.parametrize("name", ["build.sqlite3", "build.sqlite3-wal"])
def test_the_build_cache_is_never_written_through_a_link(project: Path, name: str) -> None:
    """A `.digest-cache/build.sqlite3` link (committed, or restored from a CI cache) to
    another program's database: digest created its table in that database, outside the
    project. (A link in place of its write-ahead log was already left alone.)"""
    clean = built(project)
    outside = project.parent / f"{project.name}-places.sqlite"
    kept = someone_elses_database(outside)
    cache = project / ".digest-cache"
    for each in cache.glob("build.sqlite3*"):
        each.unlink()
    (cache / name).symlink_to(outside)
    for _ in range(2):
        assert built(project) == clean
    assert outside.read_bytes() == kept
    assert not (cache / "build.sqlite3").is_symlink()


def test_the_link_cache_is_never_written_through_a_link(tmp_path: Path) -> None:
    from digest.checks.http import LinkResult, _LinkCache

    outside = tmp_path / "places.sqlite"
    kept = someone_elses_database(outside)
    cache = tmp_path / "cache" / "links.sqlite3"
    cache.parent.mkdir()
    cache.symlink_to(outside)
    _LinkCache(cache).save([LinkResult("https://example.org/", "ok", 200, "OK", None)])
    assert outside.read_bytes() == kept
    assert cache.is_file() and not cache.is_symlink()


# --- the templates folder: what the cache key must see ------------------------------------


@pytest.mark.parametrize("name", ["email.css", "review.html.j2"])
def test_an_override_replaced_by_a_link_out_fails_as_a_clean_build_does(
    project: Path, tmp_path: Path, name: str
) -> None:
    """The templates' fingerprint hashed the files a walk finds, and a walk passes over a
    link out of the folder: the next build served the cached pages and succeeded, where a
    clean build refuses the link."""
    from digest.render.environment import theme_path

    (project / "templates").mkdir()
    built(project)
    outside = project.parent / f"outside-{name}"
    outside.write_text((theme_path() / name).read_text())
    (project / "templates" / name).symlink_to(outside)
    incremental = run(project, "build", ISSUE)
    clean = tmp_path / "clean"
    shutil.copytree(project, clean, ignore=shutil.ignore_patterns("dist", ".digest-cache"), symlinks=True)
    from_nothing = run(clean, "build", ISSUE)
    assert_clean_failure(from_nothing, (f"templates/{name}:", "link to a file outside"))
    assert_clean_failure(incremental, (f"templates/{name}:", "link to a file outside"))


def test_a_huge_file_beside_the_templates_is_never_read(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The templates' fingerprint read every byte of every file in the folder: a 3 GB
    sparse file there cost 17 s of every build, a larger one any time at all."""
    import digest.render.environment as environment

    (project / "templates").mkdir()
    with open(project / "templates" / "backup.tar", "wb") as file:
        file.truncate(3 * 1024**3)
    hashed: list[str] = []
    real = environment.sha256_of

    def spy(path: str) -> str:
        hashed.append(path)
        return real(path)

    monkeypatch.setattr(environment, "sha256_of", spy)
    built(project)
    assert hashed and not any(path.endswith("backup.tar") for path in hashed)


def test_digest_list_lists_the_issues_when_the_logo_is_gone(project: Path) -> None:
    """A logo deleted after a build stopped `digest list` with the logo's error: no issue
    was listed at all (found by the fuzzer's new edits). A build now would fail, so no
    issue's build is current."""
    figure = (project / FOLDER / "training-costs.png").read_bytes()
    (project / "logo.png").write_bytes(figure)
    set_in_config(project, "theme", 'logo = "logo.png"')
    built(project)
    (project / "logo.png").unlink()
    result = run(project, "list")
    assert result.exit_code == 0, result.output
    rows = [row for row in result.output.splitlines() if row.startswith(("issue-2025", "issue-2024"))]
    assert len(rows) == 2 and all("stale" in row for row in rows), result.output
    assert "the static folder or the logo changed since the build" in result.output


@pytest.mark.parametrize("target", ["outside", "nowhere"])
def test_digest_new_never_writes_through_a_folder_link(project: Path, target: str) -> None:
    """`digest new` wrote issue.md through a link to a folder outside the project, where
    no build looks (builds never walk a folder link); a broken link read as 'the issue
    already exists'."""
    outside = project.parent / f"{project.name}-{target}"
    if target == "outside":
        outside.mkdir()
    (project / "issues" / "issue-2030").symlink_to(outside)
    result = run(project, "new", "issue-2030")
    assert_clean_failure(result, ("issues/issue-2030:", "is a link to a folder", "remove the link"))
    assert not outside.exists() or list(outside.iterdir()) == []


# --- an issue folder of many files ----------------------------------------------------------


def test_an_issue_walk_holds_no_image_or_data_file(project: Path) -> None:
    """Every small file of an issue folder was held in memory for the whole load: a
    folder of 400 data files of 900 KB took the build from 70 to 380 MB."""
    from digest.config import load_config
    from digest.sources.issue import read_issue_files

    (project / FOLDER / "table.csv").write_bytes(b"a,b\n" * 1000)
    files = read_issue_files(load_config(project / "digest.toml"), ISSUE)
    names = dict(files.digests)
    assert "table.csv" in names and "training-costs.png" in names
    assert "table.csv" not in files.texts and "training-costs.png" not in files.texts
    assert "issue.md" in files.texts and "llm-report-2025.md" in files.texts


def test_reviews_past_what_a_walk_holds_build_the_same(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import digest.sources.issue as issue

    clean = tmp_path / "clean"
    shutil.copytree(project, clean)
    expected = built(clean)
    monkeypatch.setattr(issue, "HELD_BYTES", 0)  # nothing but issue.md held: every review read again
    assert built(project) == expected


def test_a_review_changed_after_the_walk_is_refused_not_parsed(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A review read again (past what the walk holds) must be the bytes the issue's cache
    key was made from."""
    import digest.sources.issue as issue

    built(project)
    monkeypatch.setattr(issue, "HELD_BYTES", 0)
    real = issue.read_issue_files

    def then_saved(config: object, issue_id: str) -> issue.IssueFiles:
        files = real(config, issue_id)  # type: ignore[arg-type]
        review = project / REVIEW
        review.write_text(review.read_text() + "\nSaved while the build ran.\n")
        return files

    monkeypatch.setattr(issue, "read_issue_files", then_saved)
    fails_cleanly(project, ("llm-report-2025.md:", "changed while the build read it", "build again"))


def test_a_build_record_nested_thousands_deep_reads_as_none(project: Path) -> None:
    """dist/ is often committed (GitHub Pages): a marker of JSON nested 200,000 deep stopped
    `digest list` with a RecursionError."""
    built(project)
    (project / "dist" / ".digest-output").write_text("[" * 200_000 + "]" * 200_000)
    result = run(project, "list")
    assert result.exit_code == 0, result.output
    assert result.output.count("not built") == 2


# --- folders nested thousands deep ----------------------------------------------------------


Nest = Callable[[Path, int], Path]


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


@pytest.mark.parametrize("where", [FOLDER, "templates"])
def test_folders_nested_thousands_deep_beside_the_sources_build(
    project: Path, nest: Nest, where: str
) -> None:
    """The walks recursed once a folder: 1,200 folders deep raised RecursionError."""
    (project / where).mkdir(exist_ok=True)
    (nest(project / where, 1200) / "notes.txt").write_text("deep notes\n")
    built(project)


def test_a_static_file_nested_thousands_deep_is_refused_before_the_output_is_touched(
    project: Path, nest: Nest
) -> None:
    """Walked, it was published; the next build recursed through the kept output tree once
    a folder and stopped with RecursionError, leaving its staging folder behind."""
    built(project)
    (project / "static").mkdir()
    (nest(project / "static", 1200) / "deep.txt").write_text("deep\n")
    fails_cleanly(
        project, ("static/d/d/", "1200 folders deep, more than the 32 digest publishes", "move it up")
    )


def test_walks_keep_their_order_and_pass_over_the_same_things(tmp_path: Path) -> None:
    from digest.files import passed_over, walk_files

    (tmp_path / "b" / "c").mkdir(parents=True)
    for name in ("a.txt", "b/z.txt", "b/c/y.txt", "c.txt"):
        (tmp_path / name).write_text(name)
    (tmp_path / "b" / "in.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "b" / "out.txt").symlink_to("/etc/hostname")
    (tmp_path / "b" / "folder").symlink_to(tmp_path / "b" / "c")
    os.mkfifo(tmp_path / "b" / "c" / "pipe")
    walked = [(found.name, found.linked) for found in walk_files(str(tmp_path))]
    assert walked == [
        ("a.txt", False),
        ("b/c/y.txt", False),
        ("b/in.txt", True),
        ("b/z.txt", False),
        ("c.txt", False),
    ]
    assert list(passed_over(str(tmp_path))) == [
        "b/c/pipe",
        f"b/folder -> {tmp_path / 'b' / 'c'}",
        "b/out.txt -> /etc/hostname",
    ]


def test_an_issue_folder_that_cannot_be_listed_is_named_so(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder its files can be opened in but not listed (mode --x; root lists anything,
    so the refusal is simulated): 'the issue file changed while it was read: build again',
    which another build never cured."""
    built(project)
    folder, real = str(project / FOLDER), os.scandir

    def unlistable(path: str = ".") -> object:
        if os.fspath(path) == folder:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), folder)
        return real(path)

    monkeypatch.setattr(os, "scandir", unlistable)
    fails_cleanly(project, (f"{FOLDER}:", "cannot list the issue folder (Permission denied)", "permissions"))


@pytest.mark.parametrize(
    ("address", "message"),
    [
        # urlsplit's ValueError reached the terminal as a traceback
        ("https://[::1/", "cannot be read as an address (Invalid IPv6 URL)"),
        ("https://digest.example.org:99999/", "cannot be read as an address (Port out of range"),
        # the email package could not write the host into the Message-ID: a traceback
        ("https://éxample.org/", "host that is not ASCII, which no email header may hold: write it as 'xn--"),
        # fourteen link errors about anchors in the archive, none naming the setting
        ("https://digest.example.org/#top/", "must be the site's address alone"),
        ("https://digest.example.org/?from=feed/", "must be the site's address alone"),
        ('https://digest.example.org/"><b>/', "must be the site's address alone"),
        ("https://editor:secret@digest.example.org/", "must be the site's address alone"),
    ],
)
def test_a_site_address_no_link_can_start_with_names_the_setting(
    project: Path, address: str, message: str
) -> None:
    built(project)
    edit(project, "digest.toml", 'base_url = "https://digest.example.org/"', f"base_url = '{address}'")
    fails_cleanly(project, ("digest.toml", "[site] base_url", message))


@pytest.mark.parametrize(
    "address", ["editors", "a@b@c", "x@", "@example.org", "a,b@example.org", "x@[::1", "é@example.org"]
)
@pytest.mark.parametrize("key", ["[site] author_email", "[send] from_email"])
def test_an_address_no_from_header_can_hold_names_the_setting(project: Path, address: str, key: str) -> None:
    """Each stopped the build writing email.eml's From header, with the email package's
    HeaderParseError, ValueError, IndexError or AttributeError (a traceback)."""
    built(project)
    section, name = key[1:].split("] ")
    set_in_config(project, section, f"{name} = '{address}'")
    fails_cleanly(project, ("digest.toml", f"{key} must be an email address such as", repr(address)))


def test_an_address_with_an_international_domain_still_builds(project: Path) -> None:
    set_in_config(project, "site", "author_email = 'editors@éxample.org'")
    assert b"From:" in built(project)[f"{ISSUE}/email.eml"]


@pytest.mark.parametrize(
    ("value", "message"),
    [("nan", "must be a number, not nan"), ("inf", "must be a number, not inf"), ("1e308", "at most 86,400")],
)
def test_a_timeout_no_clock_can_hold_names_the_setting(project: Path, value: str, message: str) -> None:
    """TOML spells nan and inf: `digest send` stopped in the socket with ValueError or
    OverflowError (a traceback)."""
    set_in_config(
        project,
        "send",
        f'host = "127.0.0.1"\nsecurity = "none"\nfrom_email = "me@example.org"\ntimeout = {value}',
    )
    result = run(project, "send", ISSUE, "--to", "me@example.org", "--no-check-links")
    assert_clean_failure(result, ("digest.toml", "[send] timeout", message))


def test_a_full_disk_while_making_the_staging_folder_says_so(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import digest.output.export as export

    def no_space(*args: object, **kwargs: object) -> str:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(export.tempfile, "mkdtemp", no_space)
    fails_cleanly(project, ("cannot write the output folder (No space left on device)", "free some space"))
