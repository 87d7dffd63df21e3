"""Seventh attack round: hostile file systems and settings through every command, in a
copy of the demo project. Each bad case ends in one line naming the file (and the setting
or line) and what to do, exit 1, no traceback, the previous dist/ as it was, and nothing
written outside dist/ and the cache folder. Cases the earlier rounds cover
(tests/test_attack_round6.py and before) are not repeated here.

These tests run as root on the project's machines: where a permission matters, they make
the file system refuse by other means (a monkeypatched system call) rather than chmod.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from digest.files import remove_tree
from tests.helpers import FOLDER, built, fails_cleanly, set_in_config
from tests.test_cli import run, tree
from tests.test_robustness import ISSUE as DEMO_ISSUE
from tests.test_robustness import ISSUE, ISSUE_FILE, assert_clean_failure, edit, stray_folders


def line_of(path: Path, start: str) -> int:
    """The number of the first line of `path` starting with `start`."""
    lines = path.read_text().split("\n")
    return next(number for number, line in enumerate(lines, 1) if line.startswith(start))


# --- a setting that names a file: its error names the setting's line ---------------------


@pytest.mark.parametrize(
    "logo", ["issues", "dist", "no-such-logo.png", "../outside.png", "https://x.org/a.png"]
)
def test_a_logo_setting_is_blamed_on_its_own_line(project: Path, logo: str) -> None:
    """The line was that of the first place the value was written anywhere in the file:
    logo = "issues" was blamed on 'issues_dir = "issues"' (line 14)."""
    built(project)
    set_in_config(project, "theme", f'logo = "{logo}"')
    line = line_of(project / "digest.toml", "logo =")
    assert line > line_of(project / "digest.toml", "issues_dir")
    fails_cleanly(project, (f"digest.toml:{line}:", repr(logo)))


def test_a_logo_in_a_settings_file_named_by_config_is_blamed_there(project: Path) -> None:
    """The error named <project>/digest.toml, a file --config had not named."""
    built(project)
    settings = project / "other.toml"
    settings.write_text((project / "digest.toml").read_text() + '\n[theme]\nlogo = "issues"\n')
    line = line_of(settings, "logo =")
    fails_cleanly(
        project, (f"{settings}:{line}:", "'issues'", "is a folder"), "build", ISSUE, "--config", str(settings)
    )


def test_the_line_of_a_setting_is_found_however_it_is_written(tmp_path: Path) -> None:
    from digest.config import setting_line

    settings = tmp_path / "settings.toml"
    written = {
        '# logo = "x"\n[site]\ntitle = "logo"\n[ theme ] # colours\naccent = "#000000"\n  logo = "a"\n': 6,
        'theme.logo = "b"\n[theme]\n': 1,
        '[site]\n[theme]\n"logo" = "c"\n': 3,
        '[site]\nlogo = "d"\n[theme]\n': None,
    }
    for text, line in written.items():
        settings.write_text(text)
        assert setting_line(settings, "theme", "logo") == line, text


# --- a file that vanishes while the build reads the folder it was found in ---------------


def test_a_static_file_removed_between_listing_and_reading_says_so(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It read 'static file not found: check its name', about a file the build had just
    found by listing the folder."""
    import digest.sources.assets as assets

    built(project)
    (project / "static").mkdir()
    (project / "static" / "site.css").write_text("body { color: black }\n")
    from digest.files import FoundFile

    real_walk = assets.walk

    def walk_then_remove(folder: str, prefix: str = "") -> object:
        for found in real_walk(folder, prefix):
            if isinstance(found, FoundFile):
                os.unlink(found.path)  # a sync tool or a second command, between listing and reading
            yield found

    monkeypatch.setattr(assets, "walk", walk_then_remove)
    fails_cleanly(
        project, ("static/site.css:", "was removed or renamed while the build was reading it", "build again")
    )


def test_an_image_removed_after_the_issue_was_read_says_so(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The image was found and hashed with its issue, then gone when its copies were made:
    'file not found: check its name' sent the editor to look for a typo."""
    import digest.render.assets as assets

    built(project)
    image = project / FOLDER / "training-costs.png"
    shutil.rmtree(project / ".digest-cache")  # the copies are made again
    real_read = assets.SiteAssets._read

    def vanish(self: object, use: object, file: object) -> bytes:
        if image.exists():
            image.unlink()
        return real_read(self, use, file)  # type: ignore[arg-type]

    monkeypatch.setattr(assets.SiteAssets, "_read", vanish)
    fails_cleanly(project, ("training-costs.png", "was removed or renamed while the build was reading it"))


# --- a committed output nested thousands deep ----------------------------------------------


@pytest.fixture
def removed_after(tmp_path: Path) -> Iterator[None]:
    """The test's folder removed without recursion, whatever the test left in it: a tree
    thousands deep left behind stops pytest's own clean-up of old temporary folders (its
    shutil.rmtree raises RecursionError) in every later run, anyone's."""
    yield
    with contextlib.suppress(OSError):
        remove_tree(tmp_path)


def deepest(folder: Path) -> int:
    depth = 0
    while (folder / "d").is_dir():
        folder, depth = folder / "d", depth + 1
    return depth


@pytest.mark.usefixtures("removed_after")
def test_an_output_nested_thousands_deep_is_replaced_build_after_build(project: Path) -> None:
    """dist/ is often committed: a tree 1,200 folders deep in it was kept by the swap and
    removed by the next build with shutil.rmtree, which recursed once a level: RecursionError,
    a traceback and a staging folder left behind."""
    clean = built(project)
    folder = project / "dist"
    for _ in range(1200):
        folder = folder / "d"
        folder.mkdir()
    (folder / "deep.txt").write_text("deep\n")
    for _ in range(3):  # swapped out, kept for reuse, pruned from the kept tree
        result = run(project, "build", ISSUE)
        assert result.exit_code == 0, result.output
        assert deepest(project / "dist") == 0
        assert stray_folders(project) == []
    assert tree(project / "dist") == clean
    kept = [each for each in (project / ".digest-cache").iterdir() if each.name.startswith("kept-")]
    assert kept and all(deepest(each) == 0 for each in kept)


@pytest.mark.usefixtures("removed_after")
def test_removing_a_tree_never_follows_a_link_and_copes_with_any_depth(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("keep\n")
    top = tmp_path / "tree"
    top.mkdir()
    (top / "file-link").symlink_to(outside / "keep.txt")
    os.mkfifo(top / "pipe")
    folder = os.open(top, os.O_RDONLY)
    try:  # 3,000 deep is past what a path may name: made through descriptors
        for _ in range(3000):
            os.mkdir("d", dir_fd=folder)
            inner = os.open("d", os.O_RDONLY, dir_fd=folder)
            os.close(folder)
            folder = inner
            os.close(os.open("f.txt", os.O_WRONLY | os.O_CREAT, dir_fd=folder))
        os.symlink(outside, "out", dir_fd=folder)
    finally:
        os.close(folder)
    for number in range(1, 4):  # the names it moves folders to, taken already
        (top / f".removing-{number}").mkdir()
    remove_tree(top)
    assert not os.path.lexists(top)
    assert (outside / "keep.txt").read_text() == "keep\n"
    link = tmp_path / "link"
    link.symlink_to(outside, target_is_directory=True)
    remove_tree(link)
    assert not os.path.lexists(link) and (outside / "keep.txt").exists()


# --- an output folder that cannot be renamed (a mount point) ------------------------------


def refuse_renaming(monkeypatch: pytest.MonkeyPatch, target: Path, code: int) -> None:
    """The system refuses to move `target` (as it does a mount point): with `code`."""
    import digest.output.export as export

    real_replace = os.replace

    def replace(source: object, destination: object, **options: object) -> None:
        if Path(os.fsdecode(source)) == target or Path(os.fsdecode(destination)) == target:  # type: ignore[arg-type]
            raise OSError(code, os.strerror(code), str(target))
        real_replace(source, destination, **options)  # type: ignore[arg-type]

    def exchange(first: Path, second: Path) -> bool:
        raise OSError(code, os.strerror(code), str(second))

    monkeypatch.setattr(export.os, "replace", replace)
    monkeypatch.setattr(export, "_exchange", exchange)


@pytest.mark.parametrize("code", [errno.EBUSY, errno.EXDEV])
def test_an_output_folder_that_cannot_be_renamed_is_updated_in_place(
    project: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    """A mount point (a container's volume at dist/) cannot be renamed: the swap failed
    with 'cannot write the output (Device or resource busy): check permissions and free
    space', which no permission or space cured, build after build."""
    built(project)
    edit(project, ISSUE_FILE, 'title: "The year', 'title: "Another year')
    inode = (project / "dist").stat().st_ino
    refuse_renaming(monkeypatch, project / "dist", code)
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    assert "updated in place" in result.output and "[build] output_dir to a folder inside it" in result.output
    assert (project / "dist").stat().st_ino == inode
    assert stray_folders(project) == []
    in_place = tree(project / "dist")
    monkeypatch.undo()
    assert built(project) == in_place


def test_a_failed_second_rename_puts_the_last_build_back(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the system cannot exchange two folders, the output is moved aside and the new
    tree moved in: when the second move failed, dist/ was left missing until the next build."""
    import digest.output.export as export

    before = built(project)
    edit(project, ISSUE_FILE, 'title: "The year', 'title: "Another year')
    real_replace = os.replace

    def replace(source: object, destination: object, **options: object) -> None:
        moving_in = Path(os.fsdecode(source)).name.startswith(export.STAGING_PREFIX)  # type: ignore[arg-type]
        if moving_in and Path(os.fsdecode(destination)) == project / "dist":  # type: ignore[arg-type]
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(destination))
        real_replace(source, destination, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(export.os, "replace", replace)
    monkeypatch.setattr(export, "_exchange", lambda first, second: False)
    result = run(project, "build", ISSUE)
    assert_clean_failure(result, ("dist:", "cannot write the output (Input/output error)"))
    assert tree(project / "dist") == before
    assert stray_folders(project) == []


# --- something other than a folder or a file where an issue should be ---------------------


def issue_file_as(kind: str) -> Callable[[Path], None]:
    def setup(path: Path) -> None:
        path.unlink()
        if kind == "folder":
            path.mkdir()
        elif kind == "pipe":
            os.mkfifo(path)
        elif kind == "device-link":
            path.symlink_to("/dev/zero")
        else:
            path.symlink_to(path.parent / "moved-away.md")

    return setup


@pytest.mark.parametrize("kind", ["folder", "pipe", "device-link", "broken-link"])
@pytest.mark.parametrize(
    "args", [("build", ISSUE), ("build", "--all"), ("new", ISSUE), ("import", "note.txt", "--issue", ISSUE)]
)
def test_an_issue_file_that_is_no_file_is_named_by_every_command(
    project: Path, kind: str, args: tuple[str, ...]
) -> None:
    """`build` said "no issue 'issue-2025' ... start one with `digest new issue-2025`", and
    `digest new` then "the issue already exists"; `build --all` passed the issue over and
    published the archive without it."""
    built(project)
    (project / "note.txt").write_text("A title\n\nA paragraph of the article.\n")
    issue_file_as(kind)(project / ISSUE_FILE)
    fails_cleanly(project, ("issue.md:", "is not a file", "make issue.md an ordinary file"), *args)
    listed = run(project, "list")
    assert listed.exit_code == 0, listed.output
    assert "problem:" in listed.output and "issue.md: is not a file" in listed.output


@pytest.mark.parametrize("args", [("build", "issue-2030"), ("new", "issue-2030")])
def test_an_issue_folder_that_is_no_folder_is_named(project: Path, args: tuple[str, ...]) -> None:
    """A pipe or a file named as an issue read as 'no issue', then as 'already exists'."""
    built(project)
    os.mkfifo(project / "issues" / "issue-2030")
    fails_cleanly(project, ("issues/issue-2030:", "is not a folder", "rename or remove it"), *args)


# --- templates: names the loader must not look up, and overrides that are no file ---------


def test_a_template_included_by_an_absolute_name_is_not_found_by_its_line(project: Path) -> None:
    """{% include '/etc/passwd' %} was looked up as that file, and refused as 'a link to a
    file outside templates/' named /etc/passwd, not the template and line that asked."""
    built(project)
    (project / "templates").mkdir()
    (project / "templates" / "review.html.j2").write_text(
        "{% extends 'base.html.j2' %}\n{% include '/etc/passwd' %}\n"
    )
    fails_cleanly(project, ("templates/review.html.j2:2:", "template not found: /etc/passwd"))


def override_as(kind: str) -> Callable[[Path], None]:
    def setup(path: Path) -> None:
        if kind == "empty-folder":
            path.mkdir()
        elif kind == "pipe":
            os.mkfifo(path)
        elif kind == "device-link":
            path.symlink_to("/dev/zero")
        else:
            path.symlink_to(path.name)  # a link to itself: a loop

    return setup


@pytest.mark.parametrize("kind", ["empty-folder", "pipe", "device-link", "loop"])
@pytest.mark.parametrize("name", ["review.html.j2", "email.css"])
def test_an_override_that_is_no_file_is_named_not_passed_over(project: Path, kind: str, name: str) -> None:
    """The built-in template was used instead, without a word: the editor's override was
    never read and nothing said why. An empty folder did not even change the templates'
    fingerprint, so a clean build and an incremental one could disagree."""
    built(project)
    (project / "templates").mkdir()
    override_as(kind)(project / "templates" / name)
    fails_cleanly(
        project, (f"templates/{name}:", "is not a file", f"your {name}", "remove it to use the built-in one")
    )
    listed = run(project, "list")
    assert "stale: the templates changed since the build" in listed.output


# --- the static folder: what cannot be published is named, never left out ----------------


def static_entry(kind: str) -> Callable[[Path], None]:
    def setup(static: Path) -> None:
        if kind == "pipe":
            os.mkfifo(static / "site.css")
        elif kind == "socket":
            import socket

            server = socket.socket(socket.AF_UNIX)
            server.bind(str(static / "site.css"))
            server.close()
        elif kind == "device-link":
            (static / "site.css").symlink_to("/dev/zero")
        elif kind == "proc-link":
            (static / "site.css").symlink_to("/proc/self/environ")
        elif kind == "link-out":
            (static / "site.css").symlink_to(static.parent / "digest.toml")
        elif kind == "broken-link":
            (static / "site.css").symlink_to(static / "gone.css")
        else:
            (static.parent / "fonts").mkdir()
            (static.parent / "fonts" / "a.woff2").write_bytes(b"wOF2")
            (static / "site.css").symlink_to(static.parent / "fonts", target_is_directory=True)

    return setup


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("pipe", "is not a regular file"),
        ("socket", "is not a regular file"),
        ("device-link", "is a link to /dev/zero, outside static/"),
        ("proc-link", "is a link to /proc/"),
        ("link-out", "digest.toml, outside static/"),
        ("broken-link", "is a link to nothing"),
        ("folder-link", "is a link to a folder, and digest never follows one"),
    ],
)
def test_a_static_entry_that_cannot_be_published_is_named(project: Path, kind: str, message: str) -> None:
    """Each was left out of the site without a word (the README says pipes, devices and
    links out are refused by name)."""
    built(project)
    (project / "static").mkdir()
    static_entry(kind)(project / "static")
    fails_cleanly(project, ("static/site.css:", message))


@pytest.mark.parametrize(
    ("name", "shown"),
    [("e\x1b[2Jvil.css", "\\x1b"), ("two\nlines.css", "\\x0a"), ("\u202etxt.exe", "\\u202e")],
)
def test_a_static_name_no_one_can_see_or_type_is_refused(project: Path, name: str, shown: str) -> None:
    """It was published as it is: a line break in a file name breaks the scripts that
    upload a site, and an escape or a direction override shows as something else."""
    built(project)
    (project / "static").mkdir()
    (project / "static" / name).write_text("body {}\n")
    fails_cleanly(project, ("static/", f"name holds {shown}", "rename it"))


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (["Index.HTML"], "static/Index.HTML: differs only in case from digest's own index.html"),
        (["Issue-2025/index.html"], "differs only in case from digest's own issue-2025/index.html"),
        (["Logo.png", "logo.png"], "static/logo.png: differs only in case from the static file Logo.png"),
        (["assets"], "static/assets: would stand where digest's own assets/"),
        (
            ["feed.xml/x.txt"],
            "static/feed.xml/x.txt: needs a folder feed.xml/ where digest's own feed.xml is a file",
        ),
        (
            [f"{ISSUE}/email.txt/a.txt"],
            f"needs a folder {ISSUE}/email.txt/ where digest's own {ISSUE}/email.txt",
        ),
    ],
)
def test_a_static_file_clashing_with_an_output_is_named(
    project: Path, files: list[str], message: str
) -> None:
    """A file where digest writes a folder (or the reverse) stopped the export with 'cannot
    write the output (Is a directory): check permissions and free space'; names differing
    only in case were both published, and where case is ignored (macOS, Windows) one
    replaced the other."""
    built(project)
    for name in files:
        (project / "static" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "static" / name).write_text("x\n")
    fails_cleanly(project, (message,))


# --- folder settings no file system can hold ------------------------------------------------


@pytest.mark.parametrize("key", ["output_dir", "issues_dir", "templates_dir", "cache_dir", "static_dir"])
@pytest.mark.parametrize(
    ("value", "message"),
    [("x" * 300, "holds a name of 300 bytes"), ("/".join(["y" * 200] * 25), "makes a path of")],
    ids=["long-name", "long-path"],
)
def test_a_folder_setting_too_long_for_a_file_system_names_the_setting(
    project: Path, key: str, value: str, message: str
) -> None:
    """Each raised OSError 'File name too long' from the settings' own checks: a traceback."""
    built(project)
    path = project / "digest.toml"
    path.write_text(
        "\n".join(line for line in path.read_text().split("\n") if not line.startswith(f"{key} ="))
    )
    set_in_config(project, "build", f'{key} = "{value}"')
    fails_cleanly(project, ("digest.toml", f"[build] {key} {message}", "choose a shorter one"))


def test_an_output_option_too_long_for_a_file_system_names_the_option(project: Path) -> None:
    built(project)
    fails_cleanly(project, ("--output holds a name of 300 bytes",), "build", ISSUE, "--output", "z" * 300)


# --- digest send: a CA file that is no file -------------------------------------------------


@pytest.mark.parametrize("kind", ["folder", "pipe", "device-link"])
def test_a_ca_file_that_is_no_file_is_not_said_to_be_missing(project: Path, kind: str) -> None:
    """A folder, a pipe or a link to a device read as '[send] ca_file ... does not exist'."""
    from tests.test_smtp import configure, one_line_error, send

    path = project / "certs.pem"
    if kind == "folder":
        path.mkdir()
    elif kind == "pipe":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    configure(project, host="127.0.0.1", port=2525, security="tls", ca_file="certs.pem")
    error = one_line_error(send(project, "--to", "you@example.org"))
    assert "[send] ca_file" in error and "certs.pem is not a file" in error and "does not exist" not in error


# --- digest import: what is no article is said so for an import ----------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("photo.png", None, "this is an image, not an article"),
        ("notes.txt", b"text\x00with a NUL" * 10, "this is a binary file, not an article"),
        ("empty.md", b"  \n\n", "the file is empty: there is no article in it to import"),
    ],
)
def test_importing_what_is_no_article_gives_advice_for_an_import(
    project: Path, name: str, data: bytes | None, message: str
) -> None:
    """The build's words for a listed review were given: 'take it out of issue.md's list',
    'remove it from the issue', about a file no list held."""
    path = project / name
    if data is None:
        shutil.copy(project / FOLDER / "training-costs.png", path)
    else:
        path.write_bytes(data)
    before = (project / ISSUE_FILE).read_bytes()
    result = run(project, "import", str(path), "--issue", DEMO_ISSUE)
    assert_clean_failure(result, (f"{name}:", message))
    assert "issue.md" not in result.output.split(message)[1]
    assert (project / ISSUE_FILE).read_bytes() == before


# --- source folders that are no folders, or cannot be listed --------------------------------


@pytest.mark.parametrize("key", ["issues_dir", "templates_dir", "static_dir"])
@pytest.mark.parametrize("kind", ["file", "pipe", "broken-link"])
@pytest.mark.parametrize("command", [("build", "--all"), ("list",), ("new", "issue-2030")])
def test_a_source_folder_that_is_no_folder_names_the_setting(
    project: Path, key: str, kind: str, command: tuple[str, ...]
) -> None:
    """The issues folder read as 'no published issues yet: create one with digest new', and
    `digest new` then failed with 'Not a directory' or 'already exists'; a templates or
    static folder that was a file built without the overrides or the site's files."""
    built(project)
    name = {"issues_dir": "issues", "templates_dir": "templates", "static_dir": "static"}[key]
    path = project / name
    if path.is_dir():
        path.rename(project / f"{name}-moved")
    if kind == "file":
        path.write_text("not a folder\n")
    elif kind == "pipe":
        os.mkfifo(path)
    else:
        path.symlink_to(project / "nowhere")
    fails_cleanly(
        project, ("digest.toml:", f"[build] {key} '{name}' is not a folder", "name a folder"), *command
    )


def refuse_listing(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """`folder` cannot be listed (as a chmod 000 folder cannot, for anyone but root)."""
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if isinstance(path, str | os.PathLike) and Path(os.fspath(path)) == folder:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)


@pytest.mark.parametrize("command", [("build", "--all"), ("list",)])
def test_an_issues_folder_that_cannot_be_listed_is_named(
    project: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    """It read as 'no published issues yet: create one with digest new'."""
    built(project)
    refuse_listing(monkeypatch, project / "issues")
    fails_cleanly(project, ("issues:", "cannot list the issues folder (Permission denied)"), *command)


def test_a_static_folder_that_cannot_be_listed_is_named(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its files were left out of the site without a word."""
    built(project)
    (project / "static" / "fonts").mkdir(parents=True)
    (project / "static" / "fonts" / "a.woff2").write_bytes(b"wOF2")
    refuse_listing(monkeypatch, project / "static" / "fonts")
    fails_cleanly(project, ("static/fonts:", "cannot list this folder", "(Permission denied)"))


# --- names that differ only in case -----------------------------------------------------------


def test_issue_ids_differing_only_in_case_are_refused(project: Path) -> None:
    """dist/Issue-2024/ and dist/issue-2024/ were both written: where case is ignored one
    replaced the other's pages. (`digest list` shows the problem: tests/test_editor_round7.py.)"""
    built(project)
    shutil.copytree(project / "issues" / "issue-2024", project / "issues" / "Issue-2024")
    fails_cleanly(project, ("only in case", "rename one of the folders"), "build", "--all")


def test_a_new_issue_differing_only_in_case_from_a_folder_is_refused(project: Path) -> None:
    (project / "issues" / "Issue-2026").mkdir()  # a folder, with no issue.md yet
    result = run(project, "new", "ISSUE-2026")
    assert result.exit_code == 2 and "'Issue-2026' only in case" in result.output
    assert "choose another id" in result.output
    assert not (project / "issues" / "ISSUE-2026").exists()


def test_a_dangling_link_used_as_a_file_is_said_to_lead_nowhere(project: Path) -> None:
    """It read 'file not found: check its name', though the name was right."""
    built(project)
    with (project / FOLDER / "llm-report-2025.md").open("a") as review:
        review.write("\n[the data](data.csv)\n")
    (project / FOLDER / "data.csv").symlink_to("moved-away.csv")
    fails_cleanly(
        project, ("llm-report-2025.md:", "'data.csv'", "is a link that leads to no file (moved-away.csv")
    )


@pytest.mark.parametrize("kind", ["pipe", "folder", "device-link"])
def test_an_output_marker_that_is_no_file_is_not_said_to_be_missing(project: Path, kind: str) -> None:
    """The refusal said 'there is no .digest-output marker' while one stood there."""
    built(project)
    marker = project / "dist" / ".digest-output"
    marker.unlink()
    if kind == "pipe":
        os.mkfifo(marker)
    elif kind == "folder":
        marker.mkdir()
    else:
        marker.symlink_to("/dev/zero")
    fails_cleanly(project, ("dist:", "its .digest-output marker is no file", "so it is not replaced"))


# --- a template saved while a build renders -------------------------------------------------


def test_a_template_saved_while_a_build_renders_is_never_cached_as_the_other(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The templates' fingerprint was taken of one version and the page rendered from the
    next one, and cached under the first: after an undo the build served the page of the
    version no longer there, where a clean build rendered the one there."""
    from digest.render.environment import Templates, theme_path

    built(project)
    override = project / "templates" / "review.html.j2"
    override.parent.mkdir()
    theme = (theme_path() / "review.html.j2").read_text()
    version_a = theme.replace('<div class="body"', "<!-- version A -->\n" + '<div class="body"', 1)
    version_b = theme.replace('<div class="body"', "<!-- version B -->\n" + '<div class="body"', 1)
    assert version_a != theme
    override.write_text(version_a)
    real_fingerprint = Templates.fingerprint

    def saved_meanwhile(self: Templates) -> str:
        fingerprint = real_fingerprint(self)
        override.write_text(version_b)  # the editor saves while the build renders
        return fingerprint

    monkeypatch.setattr(Templates, "fingerprint", saved_meanwhile)
    result = run(project, "build", ISSUE)
    assert_clean_failure(
        result, ("templates/review.html.j2:", "changed while the build read it", "build again")
    )
    monkeypatch.undo()
    override.write_text(version_a)  # and undoes the edit
    incremental = built(project)
    clean = tmp_path / "clean"
    shutil.copytree(project, clean, ignore=shutil.ignore_patterns("dist", ".digest-cache"))
    assert built(clean) == incremental
    assert any(b"version A" in data for data in incremental.values())


# --- what a walk passes over, appearing between builds --------------------------------------


def build_both(project: Path, tmp_path: Path) -> tuple[tuple[int, str], tuple[int, str]]:
    """An incremental build of `project` and a clean build of a copy of its sources (links
    and pipes copied as they are): exit code and last line of each, paths made alike."""
    from tests.fuzzing import copy_entry

    incremental = run(project, "build", ISSUE)
    clean_root = tmp_path / "clean"
    shutil.copytree(
        project,
        clean_root,
        ignore=shutil.ignore_patterns("dist", ".digest-cache"),
        symlinks=True,
        copy_function=copy_entry,
    )
    clean = run(clean_root, "build", ISSUE)
    return (
        (incremental.exit_code, incremental.output.strip().splitlines()[-1].replace(str(project), "<p>")),
        (clean.exit_code, clean.output.strip().splitlines()[-1].replace(str(clean_root), "<p>")),
    )


def odd_thing(kind: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        if kind == "pipe":
            os.mkfifo(path)
        elif kind == "empty-folder":
            path.mkdir()
        elif kind == "broken-link":
            path.symlink_to("moved-away")
        else:
            path.symlink_to("/etc/hostname")

    return make


@pytest.mark.parametrize("kind", ["pipe", "empty-folder", "broken-link", "link-out"])
def test_something_no_file_shadowing_a_static_image_fails_the_incremental_build_too(
    project: Path, tmp_path: Path, kind: str
) -> None:
    """A review shows fig.png, found in static/; then a pipe (a folder, a link) named
    fig.png appears in the issue folder, where names are looked for first. The issue's
    cache key counted only the files its walk found, so the incremental build used the
    cached resolution and succeeded, where a clean build stopped at the pipe."""
    (project / "static").mkdir()
    shutil.copy(project / FOLDER / "training-costs.png", project / "static" / "fig.png")
    with (project / FOLDER / "llm-report-2025.md").open("a") as review:
        review.write("\n![A chart](fig.png)\n")
    built(project)
    odd_thing(kind)(project / FOLDER / "fig.png")
    incremental, clean = build_both(project, tmp_path)
    assert incremental == clean
    assert incremental[0] == 1 and "fig.png" in incremental[1]


@pytest.mark.parametrize("kind", ["pipe", "empty-folder", "broken-link", "link-out"])
def test_something_no_file_where_a_link_points_is_seen_by_the_incremental_build(
    project: Path, tmp_path: Path, kind: str
) -> None:
    """A review links data.csv, which is missing (the link check stops the build); then a
    pipe (a folder, a link) of that name appears: the incremental build said the link was
    broken, a clean build named the pipe."""
    with (project / FOLDER / "llm-report-2025.md").open("a") as review:
        review.write("\n[the data](data.csv)\n")
    assert run(project, "build", ISSUE).exit_code == 1
    odd_thing(kind)(project / FOLDER / "data.csv")
    incremental, clean = build_both(project, tmp_path)
    assert incremental == clean
    assert "data.csv" in incremental[1]


def test_a_hidden_static_file_appearing_is_seen_by_the_incremental_build(
    project: Path, tmp_path: Path
) -> None:
    """The static folder's fingerprint left hidden files out, though a use naming one is
    refused: the incremental build said the link was broken, a clean build named the file."""
    (project / "static").mkdir()
    with (project / FOLDER / "llm-report-2025.md").open("a") as review:
        review.write("\n[the notes](/.notes.pdf)\n")
    assert run(project, "build", ISSUE).exit_code == 1
    (project / "static" / ".notes.pdf").write_bytes(b"%PDF-1.4\n")
    incremental, clean = build_both(project, tmp_path)
    assert incremental == clean
    assert "names a hidden file of the static folder" in incremental[1]


def test_a_folder_link_in_the_output_is_never_read_through(project: Path, tmp_path: Path) -> None:
    """A committed output may hold a link where digest writes a folder (dist/assets ->
    somewhere else): the export read each file there to compare it with the new one, and
    hard-linked the new tree's file to it, outside the output folder."""
    built(project)
    outside = tmp_path / "elsewhere"
    shutil.move(project / "dist" / "assets", outside)
    (project / "dist" / "assets").symlink_to(outside, target_is_directory=True)
    inodes = {each.name: each.stat().st_ino for each in outside.iterdir()}
    edit(project, ISSUE_FILE, 'title: "The year', 'title: "Another year')
    dist = built(project)
    assert not (project / "dist" / "assets").is_symlink()
    for each in (project / "dist" / "assets").iterdir():
        assert each.stat().st_ino != inodes.get(each.name), f"{each.name} is a file outside the output"
    assert any(name.startswith("assets/") for name in dist)


def test_the_export_lock_is_never_opened_through_a_link(project: Path) -> None:
    """A lock file in the cache folder made a link (restored from a CI cache, say) had the
    build create the file it led to, outside the project."""
    built(project)
    (lock,) = (project / ".digest-cache").glob("export-*.lock")
    lock.unlink()
    elsewhere = project.parent / f"{project.name}-made-outside"
    lock.symlink_to(elsewhere)
    built(project)
    assert not os.path.lexists(elsewhere)


# --- unreadable files (chmod 000 stops everyone but root: simulated, so root runs it too) ---


def refuse_opening(monkeypatch: pytest.MonkeyPatch, ending: str) -> None:
    real_open = os.open

    def opener(path: object, flags: int, *args: object, **options: object) -> int:
        if os.fspath(path).endswith(ending):  # type: ignore[call-overload]
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))  # type: ignore[call-overload]
        return real_open(path, flags, *args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", opener)


@pytest.mark.parametrize(
    ("ending", "message"),
    [
        ("llm-report-2025.md", ("llm-report-2025.md:", "cannot read the review")),
        (f"{ISSUE}/issue.md", ("issue.md:", "cannot read the issue file")),
        ("training-costs.png", ("raschka-state-of-llms.md:", "cannot read the image")),
        ("static/site.css", ("static/site.css:", "cannot read the static file")),
        ("templates/review.html.j2", ("templates/review.html.j2:", "cannot read the template")),
        ("digest.toml", ("digest.toml:", "cannot read the settings file")),
    ],
)
def test_an_unreadable_source_is_named_with_what_to_do(
    project: Path, monkeypatch: pytest.MonkeyPatch, ending: str, message: tuple[str, ...]
) -> None:
    from digest.render.environment import theme_path

    (project / "static").mkdir()
    (project / "static" / "site.css").write_text("body {}\n")
    (project / "templates").mkdir()
    shutil.copy(theme_path() / "review.html.j2", project / "templates" / "review.html.j2")
    built(project)
    shutil.rmtree(project / ".digest-cache")  # everything is read again
    refuse_opening(monkeypatch, ending)
    fails_cleanly(project, (*message, "(Permission denied): check its permissions"))


@pytest.mark.parametrize("logo", ["dist/assets/logo.png", ".digest-cache/logo.png"])
def test_a_logo_in_the_output_or_the_cache_is_refused(project: Path, logo: str) -> None:
    """Read from the output a build replaces (or the cache it may delete), it was published
    once and gone the build after."""
    built(project)
    shutil.copy(project / FOLDER / "training-costs.png", project / logo)
    set_in_config(project, "theme", f'logo = "{logo}"')
    line = line_of(project / "digest.toml", "logo =")
    fails_cleanly(project, (f"digest.toml:{line}:", "is in the folder every build replaces"))


def test_a_hidden_static_entry_whose_name_is_not_utf8_is_passed_over(project: Path) -> None:
    """Its name went into the static folder's fingerprint as text: UnicodeEncodeError."""
    built(project)
    (project / "static").mkdir()
    os.mkfifo(os.fsencode(project / "static") + b"/.pipe\xff")
    built(project)
    assert run(project, "list").exit_code == 0


def test_an_in_place_update_that_fails_says_the_output_is_half_written(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import digest.output.export as export

    built(project)
    edit(project, ISSUE_FILE, 'title: "The year', 'title: "Another year')
    refuse_renaming(monkeypatch, project / "dist", errno.EBUSY)
    real_write, written = export._write_new, []

    def fills_up(path: Path, data: bytes) -> None:
        written.append(path)
        if Path(path).is_relative_to(project / "dist") and len(written) > 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real_write(path, data)

    monkeypatch.setattr(export, "_write_new", fills_up)
    result = run(project, "build", ISSUE)
    assert_clean_failure(
        result, ("dist:", "cannot write the output in place (No space left on device)", "half written")
    )
    assert stray_folders(project) == []


def test_a_settings_file_saved_with_a_byte_order_mark_is_read(project: Path, tmp_path: Path) -> None:
    """Notepad's UTF-8 starts with one: 'not valid TOML (Invalid statement (at line 1,
    column 1)): fix the syntax', about a character no editor shows."""
    plain = built(project)
    settings = project / "digest.toml"
    settings.write_bytes(b"\xef\xbb\xbf" + settings.read_bytes() + b'\n[theme]\nlogo = "issues"\n')
    fails_cleanly(project, (f"digest.toml:{line_of(settings, 'logo =')}:", "is a folder"))
    settings.write_bytes(settings.read_bytes().replace(b'\n[theme]\nlogo = "issues"\n', b""))
    assert built(project) == plain


@pytest.mark.parametrize("name", ["email.css", "review.html.j2", "web.css"])
def test_a_template_saved_with_a_byte_order_mark_builds_as_without(
    project: Path, tmp_path: Path, name: str
) -> None:
    """The mark reached the outputs: at the head of email.css it made the first rule's
    selector '\\ufeffbody', a rule no client applies, and it stood inside the pages."""
    from digest.render.environment import theme_path

    (project / "templates").mkdir()
    (project / "templates" / name).write_bytes((theme_path() / name).read_bytes())
    plain = built(project)
    (project / "templates" / name).write_bytes(b"\xef\xbb\xbf" + (theme_path() / name).read_bytes())
    marked = built(project)
    del plain[".digest-output"], marked[".digest-output"]  # the record names the templates' bytes
    assert marked == plain
