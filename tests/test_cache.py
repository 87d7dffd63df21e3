from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from digest.cache import BuildCache, cache_key
from digest.config import load_config
from digest.sources.issue import load_issue


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


def test_changed_review_is_read_again(project: Path) -> None:
    config = load_config(project / "digest.toml")
    cache_path = project / ".digest-cache" / "build.sqlite3"
    cache = BuildCache(cache_path)
    load_issue(config, "issue-2025", cache=cache)
    cache.close()
    stored = sqlite3.connect(cache_path).execute("SELECT count(*) FROM entries").fetchone()[0]
    assert stored == 1  # the issue is the unit: read whole, stored whole
    review = project / "issues" / "issue-2025" / "state-of-llms-2025.md"
    review.write_text(review.read_text().replace('title: "', 'title: "Changed - ', 1))
    cache = BuildCache(cache_path)
    issue = load_issue(config, "issue-2025", cache=cache).issue
    cache.close()
    assert any(r.title.startswith("Changed -") for r in issue.reviews)
    stored = sqlite3.connect(cache_path).execute("SELECT count(*) FROM entries").fetchone()[0]
    assert stored == 2  # the issue as it was, and as it is now


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
    from digest.render.site import theme_path
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


def test_a_files_digest_is_known_without_reading_it_while_it_is_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hashlib

    import digest.cache

    source = tmp_path / "review.md"
    source.write_text("# A review\n")
    os.utime(source, ns=(1_000_000_000_123, 1_000_000_000_123))  # written long ago
    cache = BuildCache(tmp_path / "cache.sqlite3")
    assert cache.file_digest(str(source)) == hashlib.sha256(b"# A review\n").hexdigest()
    cache.close()

    reads: list[str] = []
    real_read = digest.cache._read_bytes
    monkeypatch.setattr(digest.cache, "_read_bytes", lambda path: reads.append(path) or real_read(path))
    cache = BuildCache(tmp_path / "cache.sqlite3")
    assert cache.file_digest(str(source)) == hashlib.sha256(b"# A review\n").hexdigest()
    assert reads == []  # same size and date, settled when recorded
    source.write_text("# A changed review\n")  # a new date now, and a new size
    assert cache.file_digest(str(source)) == hashlib.sha256(b"# A changed review\n").hexdigest()
    assert reads == [str(source)]
    cache.close()


def test_a_file_dated_as_it_was_recorded_is_read_again() -> None:
    """Written in the same clock tick as the record, a later change might keep its date."""
    from digest.cache import settled

    recorded = 5_000_000_000_123_456
    assert not settled(recorded - 1_000, recorded)
    assert settled(recorded - 50_000_000, recorded)
    assert not settled(4_999_999_000_000_000, 5_000_000_000_000_000)  # whole seconds: a coarse clock


def test_issues_loaded_by_their_metadata_refuse_what_was_left_out() -> None:
    import pickle
    from dataclasses import replace
    from datetime import UTC, datetime

    from digest.model import Issue, NotLoaded, Review, is_metadata_only, metadata_only

    review = Review(
        path=Path("r.md"), format="markdown", title="T", author=None, date=None, tags=(), categories=(),
        description=None, source_url=None, featured=False, draft=False, body="# T\n\nWords.", slug="t",
        html="<p>Words.</p>", excerpt="Words.", sections=(), word_count=1, reading_time=1,
    )  # fmt: skip
    issue = Issue(
        "i", Path("i"), "Issue", datetime(2025, 1, 1, tzinfo=UTC), "S", "", "Hi", "<p>Hi</p>", (review,)
    )
    light = metadata_only(issue)
    assert is_metadata_only(light) and not is_metadata_only(issue)
    assert light.reviews[0].title == "T" and light.reviews[0].excerpt == "Words."
    for use in (str, len, bool, list, lambda value: "x" in value):
        with pytest.raises(NotLoaded):
            use(light.reviews[0].html)
    assert is_metadata_only(pickle.loads(pickle.dumps(light)))
    assert replace(light, reviews=issue.reviews) == issue


def test_a_warm_build_equals_a_cold_one_whatever_the_templates_read(project: Path) -> None:
    """Issues other than the built one come from the cache by their metadata only; a custom
    archive that prints review bodies, feeds of single reviews and pages rendered again after
    a template edit must still get everything."""
    from digest.render.site import theme_path
    from tests.test_cli import run, tree

    templates = project / "templates"
    templates.mkdir()
    archive = (theme_path() / "archive.html.j2").read_text()
    bodies = "{% for each in issues %}{% for review in each.reviews %}{{ review.html|safe }}{% endfor %}{% endfor %}"
    (templates / "archive.html.j2").write_text(
        archive.replace("{% endblock %}", bodies + "{% endblock %}", 1)
    )
    config = project / "digest.toml"
    config.write_text(config.read_text().replace('entries = "issues"', 'entries = "reviews"', 1))

    def clean_build() -> dict[str, bytes]:
        shutil.rmtree(project / ".digest-cache", ignore_errors=True)
        result = run(project, "build", "issue-2025")
        assert result.exit_code == 0, result.output
        return tree(project / "dist")

    assert 'entries = "reviews"' in config.read_text()
    cold = clean_build()
    assert b"<p>" in cold["index.html"]  # the archive prints review bodies
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
