"""The content-addressed build cache (digest.cache): entries served only when they are what was stored,
and a cache that is not digest's, or a link, never failing a build or written through."""

from __future__ import annotations

import contextlib
import os
import random
import re
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import digest.cache as cache_module
from digest.cache import BuildCache, cache_key
from digest.config import load_config
from digest.sources.issue import load_issue
from tests.helpers import built, not_writable, run, someone_elses_database
from tests.test_cli import tree
from tests.test_security import digest_command


def test_value_is_computed_once_and_survives_a_new_cache(tmp_path: Path) -> None:
    calls: list[int] = []
    path = tmp_path / "cache.sqlite3"
    first = BuildCache(path)
    assert first.get_or_compute("k", lambda: calls.append(1) or {"a": 1}) == {"a": 1}
    first.close()
    second = BuildCache(path)
    assert second.get_or_compute("k", lambda: calls.append(2) or {"a": 2}) == {"a": 1}
    assert calls == [1]


def test_keys_change_with_every_input() -> None:
    base = cache_key("review", "a.md", b"text", "settings")
    assert base == cache_key("review", "a.md", b"text", "settings")
    assert base != cache_key("review", "a.md", b"text!", "settings")
    assert base != cache_key("review", "b.md", b"text", "settings")
    assert base != cache_key("review", "a.md", b"text", "other")
    assert cache_key("x", "ab", "c") != cache_key("x", "a", "bc")


def test_unusable_database_means_no_cache_not_an_error(tmp_path: Path) -> None:
    broken = tmp_path / "cache.sqlite3"
    broken.write_bytes(b"this is not a database")
    cache = BuildCache(broken)
    assert cache.get_or_compute("k", lambda: 3) == 3
    cache.close()


def test_a_database_another_build_holds_locked_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Busy is not damaged: replacing the file would delete the database the other build
    (a preview beside a build) is writing, its entries going to a file no longer there."""
    path = tmp_path / "cache.sqlite3"
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("PRAGMA journal_mode=WAL")
    other.execute("BEGIN IMMEDIATE")  # writing: the table not created yet
    other.execute("CREATE TABLE mine (x)")
    connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *args, **kwargs: connect(*args, **kwargs, timeout=0.05))
    inode = path.stat().st_ino
    cache = BuildCache(path)
    assert not cache.usable
    assert len(cache.notices) == 1 and "cannot be used" in cache.notices[0]
    other.execute("COMMIT")
    assert path.stat().st_ino == inode
    assert other.execute("SELECT count(*) FROM mine").fetchone() == (0,)
    other.close()


@pytest.mark.parametrize("made_by", ["digest", "another program"])
def test_a_read_only_build_cache_is_left_as_it_is_and_said_once(tmp_path: Path, made_by: str) -> None:
    """A build cache its owner made read-only (chmod a-w, a cache restored read-only in CI): what
    it held was served, but nothing a build computed was ever kept, and nothing said so; one not
    in digest's WAL mode was deleted and replaced as 'unreadable' (found by review24). It is left
    as it is, read where SQLite can, and said once."""
    path = tmp_path / "cache.sqlite3"
    if made_by == "digest":
        first = BuildCache(path)
        first.get_or_compute("kept", lambda: 1)
        first.close()
    else:
        someone_elses_database(path)
    before, inode = path.read_bytes(), path.stat().st_ino
    with not_writable(path):
        cache = BuildCache(path)
        assert cache.get_or_compute("kept", lambda: 2) == (1 if made_by == "digest" else 2)
        assert cache.get_or_compute("new", lambda: 3) == 3
        cache.close()
    assert path.read_bytes() == before and path.stat().st_ino == inode
    assert len(cache.notices) == 1 and cache.notices[0].startswith(f"{path}: the build cache is read-only")


def test_changed_review_is_read_again(project: Path) -> None:
    config = load_config(project / "digest.toml")
    cache_path = project / ".digest-cache" / "build.sqlite3"
    cache = BuildCache(cache_path)
    load_issue(config, "issue-2025", cache=cache)
    cache.close()
    stored = sqlite3.connect(cache_path).execute("SELECT count(*) FROM entries").fetchone()[0]
    assert stored == 2  # the issue is the unit: stored whole, and by its summary
    review = project / "issues" / "issue-2025" / "state-of-llms-2025.md"
    review.write_text(review.read_text().replace('title: "', 'title: "Changed - ', 1))
    cache = BuildCache(cache_path)
    issue = load_issue(config, "issue-2025", cache=cache).issue
    cache.close()
    assert any(r.title.startswith("Changed -") for r in issue.reviews)
    stored = sqlite3.connect(cache_path).execute("SELECT count(*) FROM entries").fetchone()[0]
    assert stored == 4  # the issue as it was, and as it is now


def test_an_issue_is_read_again_when_its_issue_file_or_folder_changes(project: Path) -> None:
    config = load_config(project / "digest.toml")
    cache_path = project / ".digest-cache" / "build.sqlite3"
    folder = project / "issues" / "issue-2025"

    def load() -> tuple[str, tuple[str, ...]]:
        cache = BuildCache(cache_path)
        loaded = load_issue(config, "issue-2025", cache=cache)
        cache.close()
        return loaded.issue.title, loaded.notices

    title, notices = load()
    (folder / "issue.md").write_text(
        (folder / "issue.md").read_text().replace('title: "', 'title: "New: ', 1)
    )
    assert load()[0] == "New: " + title
    (folder / "stray.md").write_text("# Not listed\n")
    assert any("stray.md" in notice for notice in load()[1]) and not any("stray.md" in n for n in notices)


def test_a_warm_build_equals_a_cold_one(project: Path) -> None:
    from tests.test_cli import run, tree

    assert run(project, "build", "issue-2025").exit_code == 0
    cold = tree(project / "dist")
    assert (project / ".digest-cache" / "build.sqlite3").is_file()
    assert run(project, "build", "issue-2025").exit_code == 0
    assert tree(project / "dist") == cold


def test_entries_unused_for_a_month_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    cache = BuildCache(path)
    cache.get_or_compute("old", lambda: 1)
    cache.get_or_compute("kept", lambda: 2)
    cache.close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE entries SET used_at = 0")
    cache = BuildCache(path)
    assert cache.get_or_compute("kept", lambda: 3) == 2  # used again: stays
    cache.close()
    with sqlite3.connect(path) as db:
        assert [row[0] for row in db.execute("SELECT key FROM entries")] == ["kept"]


def test_cached_pages_follow_template_and_issue_edits(project: Path) -> None:
    from digest.render.environment import theme_path
    from tests.test_cli import run

    assert run(project, "build", "issue-2025").exit_code == 0
    page = project / "dist" / "issue-2025" / "review-the-state-of-llms-in-2025" / "index.html"
    templates = project / "templates"
    templates.mkdir()
    override = (theme_path() / "review.html.j2").read_text().replace("<article", "<!-- edited -->\n<article")
    (templates / "review.html.j2").write_text(override)
    assert run(project, "build", "issue-2025").exit_code == 0
    assert "edited" in page.read_text()
    issue = project / "issues" / "issue-2025" / "issue.md"
    issue.write_text(issue.read_text().replace('title: "', 'title: "Renamed: ', 1))
    assert run(project, "build", "issue-2025").exit_code == 0
    assert "Renamed: " in page.read_text()  # the breadcrumb names the issue


def test_the_archive_sees_summaries_and_says_so_when_a_template_asks_for_more(project: Path) -> None:
    from digest.render.environment import theme_path
    from tests.test_cli import run

    templates = project / "templates"
    templates.mkdir()
    archive = (theme_path() / "archive.html.j2").read_text()
    bodies = "{% for each in issues %}{% for review in each.reviews %}{{ review.html|safe }}{% endfor %}{% endfor %}"
    (templates / "archive.html.j2").write_text(
        archive.replace("{% endblock %}", bodies + "{% endblock %}", 1)
    )
    result = run(project, "build", "issue-2025")
    assert result.exit_code == 1
    assert re.search(r"archive\.html\.j2:\d+: template uses an unknown value", result.output)
    assert "has no attribute 'html'" in result.output


def test_a_warm_build_equals_a_cold_one_whatever_changed(project: Path) -> None:
    """Feeds of single reviews and pages rendered again after a template edit."""
    from digest.render.environment import theme_path
    from tests.test_cli import run, tree

    templates = project / "templates"
    templates.mkdir()
    config = project / "digest.toml"
    config.write_text(config.read_text().replace('entries = "issues"', 'entries = "reviews"', 1))

    def clean_build() -> dict[str, bytes]:
        shutil.rmtree(project / ".digest-cache", ignore_errors=True)
        result = run(project, "build", "issue-2025")
        assert result.exit_code == 0, result.output
        return tree(project / "dist")

    assert 'entries = "reviews"' in config.read_text()
    cold = clean_build()
    assert run(project, "build", "issue-2025").exit_code == 0
    assert tree(project / "dist") == cold
    review_page = (theme_path() / "review.html.j2").read_text()
    (templates / "review.html.j2").write_text(review_page.replace("<article", "<!-- edited -->\n<article", 1))
    assert run(project, "build", "issue-2025").exit_code == 0  # pages of issue-2024 rendered again
    warm = tree(project / "dist")
    assert warm == clean_build()
    assert b"<!-- edited -->" in next(
        data for name, data in warm.items() if name.startswith("issue-2024/review-")
    )


def test_a_pickle_planted_in_the_cache_runs_nothing(tmp_path: Path) -> None:
    import pickle

    class Planted:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {tmp_path / 'pwned'}",))

    cache = BuildCache(tmp_path / "cache.sqlite3")
    cache.put_pickled("key", pickle.dumps(Planted()))
    cache.close()
    cache = BuildCache(tmp_path / "cache.sqlite3")
    assert cache.get_or_compute("key", lambda: "computed again") == "computed again"
    assert not (tmp_path / "pwned").exists()
    cache.put_pickled("other", pickle.dumps(BuildCache))  # a digest class that is not data
    assert cache.get("other") is None
    cache.close()


@pytest.mark.parametrize(
    "module", ["digest.__main__", "digest.cli", "digest.preview.server", "digest.nosuch"]
)
def test_a_planted_pickle_cannot_import_a_module_that_runs_something(
    tmp_path: Path, module: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Importing digest.__main__ runs the command line: a name outside the stored modules is
    refused before anything is imported."""
    monkeypatch.delitem(sys.modules, module, raising=False)
    cache = BuildCache(tmp_path / "cache.sqlite3")
    cache.put_pickled("key", f"c{module}\nX\n.".encode())
    assert cache.get_or_compute("key", lambda: "computed again") == "computed again"
    assert module not in sys.modules
    cache.close()


def test_a_warm_build_refuses_nothing_it_stored(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every class a build stores is one the cache lets back in: otherwise the value would be
    computed again on every build, silently."""
    from tests.test_cli import run

    assert run(project, "build", "issue-2025").exit_code == 0
    assert run(project, "check", "issue-2025").exit_code == 0
    refused: list[tuple[str, str]] = []
    original = cache_module._data_class

    def spy(module: str, name: str) -> type | None:
        found = original(module, name)
        if found is None:
            refused.append((module, name))
        return found

    monkeypatch.setattr(cache_module, "_data_class", spy)
    for command in (["build", "issue-2025"], ["build", "--all"], ["check", "issue-2025"], ["list"]):
        assert run(project, *command).exit_code == 0
    assert refused == []


def test_the_package_data_is_part_of_the_code_fingerprint(tmp_path: Path) -> None:
    """A refresh of the email client table changes the client report: its entries must go.
    What is compiled from the package's files (bytecode, the theme's code, the compiled
    store, the caniemail index) is not part of it."""
    package = tmp_path / "digest"
    data = package / "checks" / "caniemail" / "features.json"
    data.parent.mkdir(parents=True)
    data.write_text('{"features": {}}')
    (package / "cache.py").write_text("# code\n")
    before = cache_module.package_fingerprint(package)
    for compiled in ("__pycache__/cache.cpython-311.pyc", "_theme_code/x.jinja-code", "_compiled/x.marshal",
                     "_theme_code/caniemail-0.marshal", "checks/__pycache__/x.pyc"):  # fmt: skip
        (package / compiled).parent.mkdir(parents=True, exist_ok=True)
        (package / compiled).write_bytes(b"made at install")
    assert cache_module.package_fingerprint(package) == before
    data.write_text('{"features": {} }')
    assert cache_module.package_fingerprint(package) != before
    data.write_text('{"features": {}}')
    assert cache_module.package_fingerprint(package) == before
    (package / "checks" / "new.py").write_text("")
    assert cache_module.package_fingerprint(package) != before


def test_the_code_fingerprint_is_the_installed_package_s() -> None:
    package = Path(cache_module.__file__).parent
    assert cache_module.code_fingerprint() == cache_module.package_fingerprint(package)


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


@pytest.mark.parametrize("name", ["build.sqlite3", "build.sqlite3-wal"])
def test_the_build_cache_is_never_written_through_a_hard_link(project: Path, name: str) -> None:
    """A cache file that is a hard link, another name of a file elsewhere (the project copied
    with `cp -al`, a snapshot backup made of hard links, a link made on purpose): SQLite
    writes the database in place, so it wrote into that file, outside the cache folder
    (another program's database got digest's table, a backup's cache changed with the
    live one). The name is removed first: the other keeps its bytes."""
    clean = built(project)
    outside = project.parent / f"{project.name}-places.sqlite"
    kept = someone_elses_database(outside)
    cache = project / ".digest-cache"
    for each in cache.glob("build.sqlite3*"):
        each.unlink()
    os.link(outside, cache / name)
    for _ in range(2):
        assert built(project) == clean
    assert outside.read_bytes() == kept
    assert os.stat(cache / "build.sqlite3").st_nlink == 1


@pytest.mark.parametrize("name", ["build.sqlite3-journal", "build.sqlite3-wal", "build.sqlite3-shm"])
def test_a_pipe_in_place_of_a_database_file_is_removed_not_waited_on(project: Path, name: str) -> None:
    """A pipe named as the database's rollback journal (a cache folder restored from an
    archive, or made by another program): SQLite, looking for a journal to roll back,
    opened it and waited for a writer that never came; one in place of the shared-memory
    file threw the whole cache away."""
    clean = built(project)
    os.mkfifo(project / ".digest-cache" / name)
    # In a child: SQLite opens again when a signal interrupts the wait, so no alarm ends it.
    build = digest_command(project, "build", "issue-2025")
    try:
        said = build.communicate(timeout=120)[1].decode()
    except subprocess.TimeoutExpired:
        os.killpg(build.pid, signal.SIGKILL)
        build.communicate()
        pytest.fail("the build still waits on the pipe after 120 s")
    assert build.returncode == 0, said
    assert "build cache" not in said
    assert tree(project / "dist") == clean
    assert not any(stat.S_ISFIFO(os.lstat(each).st_mode) for each in (project / ".digest-cache").iterdir())


@pytest.mark.parametrize(
    "name", ["build.sqlite3", "build.sqlite3-journal", "build.sqlite3-wal", "build.sqlite3-shm"]
)
def test_a_folder_in_place_of_a_database_file_is_replaced_and_said_once(project: Path, name: str) -> None:
    """A folder where the database or a file SQLite keeps beside it belongs (a restore gone
    wrong): every build said the cache could not be used, and built without it, for ever.
    The next build replaces it and says so; the one after says nothing (found by round 16)."""
    clean = built(project)
    cache = project / ".digest-cache"
    for each in cache.glob("build.sqlite3*"):
        each.unlink()
    (cache / name).mkdir()
    (cache / name / "inside").write_text("x")
    first, second = run(project, "build", "issue-2025"), run(project, "build", "issue-2025")
    assert first.exit_code == second.exit_code == 0, first.output
    assert first.output.count("build cache") == 1 and "has been replaced" in first.output, first.output
    assert "build cache" not in second.output
    assert tree(project / "dist") == clean
    assert (cache / "build.sqlite3").is_file() and not any(p.is_dir() for p in cache.glob("build.sqlite3*"))


# --- the build cache: values whose bytes changed on disk ------------------------------------


def cache_values(project: Path) -> list[tuple[str, bytes]]:
    with contextlib.closing(sqlite3.connect(project / ".digest-cache" / "build.sqlite3")) as database:
        return [(key, bytes(value)) for key, value in database.execute("SELECT key, value FROM entries")]


def rewrite_values(project: Path, change: Callable[[bytes], bytes]) -> int:
    """Every stored value passed through `change`; how many it changed."""
    changed = 0
    with contextlib.closing(sqlite3.connect(project / ".digest-cache" / "build.sqlite3")) as database:
        for key, value in cache_values(project):
            if (new := change(value)) != value:
                database.execute("UPDATE entries SET value = ? WHERE key = ?", (new, key))
                changed += 1
        database.commit()
    return changed


def flip_bits(value: bytes) -> bytes:
    """Three bits of `value` flipped, chosen by its own bytes (the same each run)."""
    rng = random.Random(value)
    data = bytearray(value)
    for _ in range(3):
        index = rng.randrange(len(data))
        data[index] ^= 1 << rng.randrange(8)
    return bytes(data)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda value: value.replace(b"The year in AI", b"The year in XX"), id="a title"),
        pytest.param(lambda value: value[: len(value) // 2], id="truncated"),
        pytest.param(flip_bits, id="flipped bits"),
    ],
)
def test_a_cache_value_changed_on_disk_is_never_served(
    project: Path, tmp_path: Path, change: Callable[[bytes], bytes]
) -> None:
    """SQLite checks no value's bytes: a title changed in place was published as changed,
    flipped bits failed the build with false link errors, or an lxml traceback."""
    built(project)
    assert rewrite_values(project, change) > 0
    clean = tmp_path / "clean"
    shutil.copytree(project, clean, ignore=shutil.ignore_patterns("dist", ".digest-cache"))
    assert built(project) == built(clean)


def test_a_value_found_under_another_key_is_never_served(tmp_path: Path) -> None:
    """A torn page can leave the key index pointing at another entry's row (no write waits
    for the disk): that value is whole, and its seal must say it is not this key's."""
    path = tmp_path / "cache.sqlite3"
    cache = BuildCache(path)
    cache.put("title of issue-2024", "The year in AI")
    cache.put("title of issue-2025", "Something else")
    cache.close()
    with contextlib.closing(sqlite3.connect(path)) as database:
        other = database.execute("SELECT value FROM entries WHERE key = 'title of issue-2024'").fetchone()[0]
        database.execute("UPDATE entries SET value = ? WHERE key = 'title of issue-2025'", (other,))
        database.commit()
    again = BuildCache(path)
    assert again.get("title of issue-2025") is None
    assert again.get("title of issue-2024") == "The year in AI"


def test_a_database_damaged_where_opening_does_not_look_is_replaced_at_once(tmp_path: Path) -> None:
    """No write waits for the disk, so a power cut may tear a page: a read that finds one
    replaces the database there and then, and says so, instead of failing every build after."""
    path = tmp_path / "cache.sqlite3"
    cache = BuildCache(path)
    for number in range(20):
        cache.put(f"k{number}", number)
    cache.close()
    with contextlib.closing(sqlite3.connect(path)) as database:
        root = database.execute("SELECT rootpage FROM sqlite_master WHERE name = 'entries'").fetchone()[0]
        page_size = database.execute("PRAGMA page_size").fetchone()[0]
    with open(path, "r+b") as stored:
        stored.seek((root - 1) * page_size)
        stored.write(b"\xff" * 64)  # the table's first page: opening reads only the key index
    damaged = BuildCache(path)
    assert damaged.usable and not damaged.notices
    assert damaged.get_or_compute("k3", lambda: "computed") == "computed"
    assert damaged.notices == [f"{path}: the build cache was damaged and has been replaced"]
    damaged.put("fresh", 1)
    damaged.close()
    again = BuildCache(path)
    assert (again.get("k3"), again.get("fresh"), again.notices) == ("computed", 1, [])


def test_the_build_says_when_its_cache_was_replaced(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clean = built(project)
    original = BuildCache._read

    def damaged_once(self: BuildCache, key: str) -> bytes | None:
        if not self.notices:
            error = sqlite3.DatabaseError("database disk image is malformed")
            error.sqlite_errorname = "SQLITE_CORRUPT"  # type: ignore[attr-defined]
            self._failed(error)
        return original(self, key)

    monkeypatch.setattr(BuildCache, "_read", damaged_once)
    result = run(project, "build", "issue-2025")
    assert result.exit_code == 0, result.output
    assert "the build cache was damaged and has been replaced" in result.output
    monkeypatch.undo()
    assert built(project) == clean


def test_a_database_whose_key_index_is_damaged_is_replaced_too(tmp_path: Path) -> None:
    """SQLite names a damaged index SQLITE_CORRUPT_INDEX (an extended code of
    SQLITE_CORRUPT): the database is replaced as for any other damage, not left to miss every
    value of every build after."""
    path = tmp_path / "cache.sqlite3"
    cache = BuildCache(path)
    for number in range(20):
        cache.put(f"k{number}", number)
    cache.close()
    with contextlib.closing(sqlite3.connect(path)) as database:  # the key index's page an empty one
        database.execute("UPDATE entries SET used_at = 0")  # unused for a month: dropped at the end
        database.execute("CREATE TABLE spare (key TEXT PRIMARY KEY)")
        database.commit()
        roots = dict(database.execute("SELECT name, rootpage FROM sqlite_master"))
        database.execute("PRAGMA writable_schema=ON")
        for name, other in (("entries", "spare"), ("spare", "entries")):
            database.execute(
                "UPDATE sqlite_master SET rootpage = ? WHERE name = ?",
                (roots[f"sqlite_autoindex_{other}_1"], f"sqlite_autoindex_{name}_1"),
            )
        database.commit()
    damaged = BuildCache(path)
    assert damaged.get_or_compute("k3", lambda: "computed") == "computed"
    damaged.close()
    assert damaged.notices == [f"{path}: the build cache was damaged and has been replaced"]
    again = BuildCache(path)
    assert (again.get("k3"), again.notices) == (None, [])  # written by a build that replaced it
    again.put("k3", "stored")
    again.close()
    assert BuildCache(path).get("k3") == "stored"


def test_a_database_whose_schema_text_is_not_utf8_is_rebuilt(tmp_path: Path) -> None:
    """One bit flipped in a table's name as the schema stores it (found by fuzz14's random
    bits): SQLite's message quotes the name, which Python fails to decode, so opening raised
    a UnicodeDecodeError, no DatabaseError, and the build stopped with a traceback."""
    path = tmp_path / "cache.sqlite3"
    cache = BuildCache(path)
    cache.put("k", 1)
    cache.close()
    data = bytearray(path.read_bytes())
    data[data.index(b"tableentries") + len("tableentr")] ^= 0x80  # the table's name, its 'i' as 0xe9
    path.write_bytes(bytes(data))
    damaged = BuildCache(path)
    assert damaged.usable
    assert damaged.notices == [f"{path}: the build cache was unreadable and has been rebuilt"]
    assert damaged.get_or_compute("k", lambda: 2) == 2
    damaged.close()
    assert BuildCache(path).notices == []
