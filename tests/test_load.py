from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from digest.config import load_config
from digest.errors import ContentError
from digest.output.export import MARKER
from digest.sources.issue import TOP_LEVEL_OUTPUTS, issue_ids, load_issue
from tests.test_cli import run, tree
from tests.test_robustness import assert_clean_failure, error_lines


def make_issue(root: Path, reviews: dict[str, str], listed: list[str] | None = None) -> None:
    (root / "digest.toml").write_text("")
    folder = root / "issues" / "week-1"
    folder.mkdir(parents=True)
    names = listed if listed is not None else list(reviews)
    listing = "".join(f"  - {name}\n" for name in names)
    (folder / "issue.md").write_text(
        f"---\ntitle: Week one\ndate: 2025-03-01\nsubject: Hello\npreheader: A preview\nreviews:\n{listing}---\n"
        "Welcome to **week one**.\n"
    )
    for name, text in reviews.items():
        (folder / name).write_text(text)


def test_demo_issue_loads_in_order(project: Path) -> None:
    config = load_config(project / "digest.toml")
    loaded = load_issue(config, "issue-2025")
    issue = loaded.issue
    assert issue.title and issue.subject and issue.preheader
    assert len(issue.reviews) == 4
    assert all(r.date is not None and r.date.tzinfo for r in issue.reviews)
    assert issue_ids(config) == ["issue-2024", "issue-2025"]


def test_review_without_date_takes_the_issue_date(tmp_path: Path) -> None:
    make_issue(tmp_path, {"a.md": "# A\n\nText.\n"})
    issue = load_issue(load_config(tmp_path / "digest.toml"), "week-1").issue
    assert issue.reviews[0].date == datetime(2025, 3, 1, tzinfo=UTC)
    assert "<strong>week one</strong>" in issue.intro_html


def test_drafts_are_left_out_with_a_notice_unless_asked(tmp_path: Path) -> None:
    make_issue(tmp_path, {"a.md": "# A\n\nText.\n", "b.md": "---\ntitle: B\ndraft: true\n---\nText.\n"})
    config = load_config(tmp_path / "digest.toml")
    loaded = load_issue(config, "week-1")
    assert [r.title for r in loaded.issue.reviews] == ["A"]
    assert any("b.md: draft, left out" in n for n in loaded.notices)
    assert len(load_issue(config, "week-1", include_drafts=True).issue.reviews) == 2


def test_unlisted_file_is_reported(tmp_path: Path) -> None:
    make_issue(tmp_path, {"a.md": "# A\n\nText.\n", "stray.md": "# S\n\nText.\n"}, listed=["a.md"])
    loaded = load_issue(load_config(tmp_path / "digest.toml"), "week-1")
    assert any("stray.md: not listed" in n for n in loaded.notices)


def test_missing_review_names_the_issue_file_and_line(tmp_path: Path) -> None:
    make_issue(tmp_path, {"a.md": "# A\n\nText.\n"}, listed=["a.md", "gone.md"])
    with pytest.raises(ContentError, match="review 'gone.md' is listed but not found") as caught:
        load_issue(load_config(tmp_path / "digest.toml"), "week-1")
    assert caught.value.line == 8


def test_only_drafts_is_an_error(tmp_path: Path) -> None:
    make_issue(tmp_path, {"b.md": "---\ntitle: B\ndraft: true\n---\nText.\n"})
    with pytest.raises(ContentError, match="no reviews left to publish"):
        load_issue(load_config(tmp_path / "digest.toml"), "week-1")


def test_two_reviews_with_the_same_slug(tmp_path: Path) -> None:
    make_issue(tmp_path, {"a.md": "# Same\n\nText.\n", "b.md": "# Same\n\nOther.\n"})
    with pytest.raises(ContentError, match="same as a.md"):
        load_issue(load_config(tmp_path / "digest.toml"), "week-1")


def test_reviews_titled_in_a_script_that_does_not_fold_to_ascii_take_their_file_names(tmp_path: Path) -> None:
    """Not the few Latin words such titles hold: two 'Go ...' titles would share the page 'go'."""
    make_issue(
        tmp_path,
        {
            "go-generics.md": "# Go 言語のジェネリクス\n\nText.\n",
            "go-channels.md": "# Go 言語のチャネル\n\nMore.\n",
        },
    )
    issue = load_issue(load_config(tmp_path / "digest.toml"), "week-1").issue
    assert sorted(review.slug for review in issue.reviews) == ["go-channels", "go-generics"]


def test_missing_issue_lists_known_ones(tmp_path: Path) -> None:
    make_issue(tmp_path, {"a.md": "# A\n\nText.\n"})
    with pytest.raises(ContentError, match="no issue 'week-9'.*known issues: week-1"):
        load_issue(load_config(tmp_path / "digest.toml"), "week-9")


def test_the_cached_issue_follows_reviews_in_subfolders_and_survives_a_folder_loop(tmp_path: Path) -> None:
    from digest.cache import BuildCache

    make_issue(tmp_path, {"a.md": "# A\n\nText.\n"}, listed=["more/deep.md", "a.md"])
    folder = tmp_path / "issues" / "week-1"
    (folder / "more").mkdir()
    (folder / "more" / "deep.md").write_text("# Deep\n\nFirst words.\n")
    (folder / "more" / "loop").symlink_to(folder)
    config = load_config(tmp_path / "digest.toml")

    def titles() -> list[str]:
        cache = BuildCache(tmp_path / "cache.sqlite3")
        loaded = load_issue(config, "week-1", cache=cache)
        cache.close()
        return [review.title for review in loaded.issue.reviews]

    assert titles() == ["Deep", "A"]
    (folder / "more" / "deep.md").write_text("# Deeper\n\nFirst words.\n")
    assert titles()[0] == "Deeper"


def test_an_issue_saved_while_it_is_read_is_not_cached_under_the_bytes_it_had(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import digest.sources.issue
    from digest.cache import BuildCache

    make_issue(tmp_path, {"a.md": "# A\n\nThe first words.\n"})
    review = tmp_path / "issues" / "week-1" / "a.md"
    config = load_config(tmp_path / "digest.toml")
    real_parse = digest.sources.issue.parse_issue

    def saved_meanwhile(*args: Any) -> Any:  # the editor saves between hashing and parsing
        review.write_text("# A\n\nThe second words.\n")
        return real_parse(*args)

    cache = BuildCache(tmp_path / "cache.sqlite3")
    monkeypatch.setattr(digest.sources.issue, "parse_issue", saved_meanwhile)
    # What was hashed is what was parsed: the bytes read once, before the save.
    assert "first" in load_issue(config, "week-1", cache=cache).issue.reviews[0].body
    monkeypatch.undo()
    assert "second" in load_issue(config, "week-1", cache=cache).issue.reviews[0].body
    review.write_text("# A\n\nThe first words.\n")
    assert "first" in load_issue(config, "week-1", cache=cache).issue.reviews[0].body
    cache.close()


def test_a_name_listed_in_another_unicode_form_finds_its_file(tmp_path: Path) -> None:
    import unicodedata

    composed, decomposed = "café.md", unicodedata.normalize("NFD", "café.md")
    make_issue(tmp_path, {decomposed: "# Café\n\nText.\n"}, listed=[composed])
    loaded = load_issue(load_config(tmp_path / "digest.toml"), "week-1")
    assert [review.title for review in loaded.issue.reviews] == ["Café"]
    assert not any("not listed" in notice for notice in loaded.notices)


MALFORMED_IDS = ["bad id!", "../x", "issue-2025/..", "_underscore-first"]


@pytest.mark.parametrize("issue_id", MALFORMED_IDS)
@pytest.mark.parametrize("command", ["build", "check", "links", "send", "new", "import"])
def test_a_malformed_issue_id_is_a_usage_error_in_every_command(
    project: Path, command: str, issue_id: str
) -> None:
    (project / "notes.txt").write_text("A note worth importing.\n")
    before = sources(project)
    args = {
        "import": ["import", "notes.txt", "--issue", issue_id],
        "send": ["send", issue_id, "--to", "me@example.org", "--no-check-links"],
    }.get(command, [command, issue_id])
    result = run(project, *args)
    assert result.exit_code == 2, result.output
    [line] = error_lines(result)
    assert f"'{issue_id}' is not an issue id (up to 100 letters" in line and "choose another id" in line
    assert "Traceback" not in result.output
    assert sources(project) == before


def sources(project: Path) -> list[Path]:
    """Every file and folder of the project: a refused id writes nothing, not even a cache."""
    return sorted(p.relative_to(project) for p in project.rglob("*"))


@pytest.mark.parametrize("name", [*sorted(TOP_LEVEL_OUTPUTS), "Feed.XML"])
def test_a_name_the_build_writes_at_the_top_cannot_be_an_issue(project: Path, name: str) -> None:
    result = run(project, "new", name)
    assert result.exit_code == 2, result.output
    [line] = error_lines(result)
    assert f"'{name}' cannot be an issue id: the build writes its own '{name.lower()}'" in line
    assert "choose another id" in line
    assert not (project / "issues" / name).exists()


def test_an_issue_folder_named_like_an_output_is_named_by_every_build(project: Path) -> None:
    assert run(project, "build", "issue-2025").exit_code == 0
    before = tree(project / "dist")
    shutil.copytree(project / "issues" / "issue-2024", project / "issues" / "feed.xml")
    result = run(project, "build", "issue-2025")
    assert_clean_failure(
        result, (f"{project / 'issues' / 'feed.xml'}:", "writes its own 'feed.xml'", "rename the folder")
    )
    assert tree(project / "dist") == before
    named = run(project, "build", "feed.xml")
    assert named.exit_code == 2 and "rename the folder" in named.output


def test_a_file_at_the_top_of_the_static_folder_cannot_be_an_issue(project: Path) -> None:
    (project / "static").mkdir()
    (project / "static" / "robots.txt").write_text("User-agent: *\n")
    result = run(project, "new", "robots.txt")
    assert result.exit_code == 2, result.output
    assert "static/robots.txt is copied to the same place in the output" in error_lines(result)[0]
    assert run(project, "new", "static").exit_code == 0  # the folder's own name is no output


def test_a_file_at_the_top_of_the_static_folder_in_another_case_cannot_be_an_issue(project: Path) -> None:
    """`digest new Robots.txt` beside static/robots.txt was taken on Linux; every build then
    stopped on the pair, one place in the output on macOS and Windows."""
    (project / "static").mkdir()
    (project / "static" / "robots.txt").write_text("User-agent: *\n")
    result = run(project, "new", "Robots.TXT")
    assert result.exit_code == 2, result.output
    assert "static/robots.txt is copied to the same place in the output" in error_lines(result)[0]
    assert not (project / "issues" / "Robots.TXT").exists()


def test_every_name_a_build_writes_at_the_top_is_refused_as_an_issue(project: Path) -> None:
    assert run(project, "build", "issue-2025").exit_code == 0
    written = {path.name for path in (project / "dist").iterdir()}
    issues = set(issue_ids(load_config(project / "digest.toml")))
    assert written - issues - {MARKER} == TOP_LEVEL_OUTPUTS


def test_an_issue_file_linking_out_of_its_folder_says_so(project: Path) -> None:
    issue_file = project / "issues" / "issue-2025" / "issue.md"
    outside = project / "elsewhere.md"
    issue_file.rename(outside)
    issue_file.symlink_to(outside)
    result = run(project, "build", "issue-2025")
    assert_clean_failure(result, ("issue-2025/issue.md:", "is a link to a file outside", "copy the file in"))
    assert "too large" not in result.output


def test_an_issue_folder_that_is_a_link_is_named_as_one_and_never_read(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    shutil.copytree(project / "issues" / "issue-2025", outside)
    (outside / "secret.md").write_text("---\ntitle: Secret\n---\nWords from outside.\n")
    (project / "issues" / "issue-2099").symlink_to(outside, target_is_directory=True)
    result = run(project, "build", "issue-2099")
    assert_clean_failure(result, ("issues/issue-2099:", "is a link", "move the issue's folder here"))
    assert run(project, "build", "issue-2025").exit_code == 0
    assert b"Words from outside" not in b"".join(tree(project / "dist").values())


def test_an_issue_file_over_the_limit_names_the_setting(project: Path) -> None:
    issue_file = project / "issues" / "issue-2025" / "issue.md"
    issue_file.write_text(issue_file.read_text() + "An intro that goes on.\n" * 50_000)
    result = run(project, "build", "issue-2025")
    assert_clean_failure(
        result, ("issue-2025/issue.md:", "over the 1,000,000-byte limit", "[build] max_review_bytes")
    )


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("issue-2025.", "Windows drops a name's last dot"),
        ("nul", "Windows keeps the name for a device"),
        ("COM1", "Windows keeps the name for a device"),
        ("aux.notes", "Windows keeps the name for a device"),
    ],
)
def test_a_name_windows_cannot_give_a_folder_cannot_be_an_issue(project: Path, name: str, why: str) -> None:
    """A folder of that name cannot be checked out or copied on Windows (or, ending in a dot,
    becomes another's), so the project and its output would not travel."""
    result = run(project, "new", name)
    assert result.exit_code == 2, result.output
    [line] = error_lines(result)
    assert f"'{name}' cannot be an issue id: {why}" in line and "choose another id" in line
    assert not (project / "issues" / name).exists()
    assert run(project, "new", "console-notes").exit_code == 0  # a longer name is a name
