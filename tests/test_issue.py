"""An issue folder read once and hashed (digest.sources.issue): the names issue.md lists, the walk of
the folder, a review changed while a build reads it."""

from __future__ import annotations

import errno
import os
import re
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import list_first
from tests.helpers import (
    EARLIER,
    FOLDER,
    REVIEW_FILE,
    build_both,
    built,
    clean_build,
    fails_cleanly,
    issue_md,
    odd_thing,
    one_error_line,
    refuse_first_opening,
    refuse_listing,
    review_file,
    set_line,
)
from tests.test_cli import run, tree
from tests.test_robustness import ISSUE, ISSUE_FILE, assert_clean_failure, edit

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

    def then_saved(config: object, issue_id: str, *args: str | None) -> issue.IssueFiles:
        files = real(config, issue_id, *args)  # type: ignore[arg-type]
        review = project / REVIEW_FILE
        review.write_text(review.read_text() + "\nSaved while the build ran.\n")
        return files

    monkeypatch.setattr(issue, "read_issue_files", then_saved)
    fails_cleanly(project, ("llm-report-2025.md:", "changed while the build read it", "build again"))


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


@pytest.mark.parametrize("command", [("build", "--all"), ("list",)])
def test_an_issues_folder_that_cannot_be_listed_is_named(
    project: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    """It read as 'no published issues yet: create one with digest new'."""
    built(project)
    refuse_listing(monkeypatch, project / "issues")
    fails_cleanly(project, ("issues:", "cannot list the issues folder (Permission denied)"), *command)


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


# --- names that differ only in Unicode form or in case --------------------------------------


def test_two_files_differing_only_in_unicode_form_are_refused(project: Path) -> None:
    """'café.md' written composed (as typed) and decomposed (as macOS writes it) are two
    files on Linux and one on macOS. The build used the one whose bytes matched the list
    and passed over the other without a word, though both look the same: an editor who
    edits the other sees no change."""
    built(project)
    folder = project / FOLDER
    composed, decomposed = (unicodedata.normalize(form, "café.md") for form in ("NFC", "NFD"))
    (folder / "llm-report-2025.md").rename(folder / composed)
    shutil.copy(folder / composed, folder / decomposed)
    issue = folder / "issue.md"
    issue.write_text(issue.read_text().replace("llm-report-2025.md", composed))
    fails_cleanly(
        project, (str(folder), "'caf\\xe9.md' and 'cafe\\u0301.md'", "Unicode form", "rename or delete one")
    )


def test_two_files_differing_only_in_case_are_refused(project: Path) -> None:
    """Chart.png and chart.png: on macOS and Windows one replaces the other; the build used
    whichever the review named, with no word of the other."""
    built(project)
    folder = project / FOLDER
    shutil.copy(folder / "training-costs.png", folder / "Training-Costs.png")
    fails_cleanly(project, (str(folder), "'Training-Costs.png' and 'training-costs.png'", "only in case"))


@pytest.mark.parametrize("command", ["build", "check", "links"])
def test_an_issue_id_typed_in_another_case_names_the_issue_as_its_folder_spells_it(
    project: Path, command: str
) -> None:
    """'digest build ISSUE-2025': on macOS and Windows the typed spelling opened the folder
    issue-2025, and the build wrote the issue under both spellings (one folder there) with two
    entries in the archive; on Linux it was 'no issue'. Either way the editor meant issue-2025."""
    result = run(project, command, ISSUE.upper())
    assert result.exit_code == 0, result.output
    assert f"note: {ISSUE.upper()} is the issue {ISSUE} (its folder's name)" in result.output
    if command == "build":
        assert [p.name for p in (project / "dist").iterdir() if p.name.casefold() == ISSUE] == [ISSUE]
        assert f"built {ISSUE}:" in result.output
        assert tree(project / "dist") == built(project)


def test_an_issue_id_typed_in_another_case_is_used_as_listed_by_the_preview_and_import(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from digest.preview.server import PreviewServer

    with PreviewServer(project / "digest.toml", "Issue-2025") as preview:
        assert preview.preview.issue_id == ISSUE
        assert f"{ISSUE}/email.html" in {
            str(p.relative_to(preview.preview.snapshot.site))
            for p in preview.preview.snapshot.site.rglob("*")
        }
    article = tmp_path_factory.mktemp("import") / "tram.md"
    article.write_text("---\ntitle: Trams\ndate: 2025-01-02\nauthor: Ann\n---\nThe text.\n")
    result = run(project, "import", str(article), "--issue", "ISSUE-2025")
    assert result.exit_code == 0, result.output
    assert (project / FOLDER / "trams.md").is_file()
    assert "- trams.md" in issue_md(project).read_text()


def test_an_issue_id_matching_no_folder_in_any_case_is_still_unknown(project: Path) -> None:
    result = run(project, "build", "ISSUE-2099")
    assert result.exit_code == 2 and "no issue 'ISSUE-2099'" in result.output


@pytest.mark.parametrize("args", [("build", "--all"), ("build", "issue-2024"), ("new", "issue-2024")])
def test_an_issue_file_named_in_another_case_is_named_by_every_command(
    project: Path, args: tuple[str, ...]
) -> None:
    """issues/issue-2024/Issue.md: macOS and Windows read it as issue.md; on Linux and in CI the
    issue was left out of every build without a word, and `digest new` wrote an issue.md
    beside it."""
    folder = project / "issues" / "issue-2024"
    os.replace(folder / "issue.md", folder / "Issue.md")
    result = run(project, *args)
    assert_clean_failure(result, (f"{folder / 'Issue.md'}: is not named issue.md", "rename it issue.md"))
    assert sorted(p.name for p in folder.iterdir()) == [
        "Issue.md",
        "mixture-of-experts.md",
        "state-of-generative-models.md",
    ]


def test_an_issue_file_named_in_another_case_is_listed_with_its_problem(project: Path) -> None:
    folder = project / "issues" / "issue-2024"
    os.replace(folder / "issue.md", folder / "ISSUE.MD")
    result = run(project, "list")
    assert result.exit_code == 0, result.output
    assert f"problem: {folder / 'ISSUE.MD'}: is not named issue.md" in result.output


def test_listing_a_backup_file_as_a_review_names_the_line(project: Path) -> None:
    folder = issue_md(project).parent
    shutil.copy(folder / "state-of-llms-2025.md", folder / "state-of-llms-2025.md~")
    text = issue_md(project).read_text()
    issue_md(project).write_text(text.replace("- state-of-llms-2025.md\n", "- state-of-llms-2025.md~\n"))
    before = tree(project / "dist") if (project / "dist").exists() else {}
    result = run(project, "build", ISSUE)
    assert result.exit_code == 1
    line = one_error_line(result.output)
    assert "issue.md:" in line and "backup or swap file" in line
    assert (tree(project / "dist") if (project / "dist").exists() else {}) == before


# --- the issue's date --------------------------------------------------------------------


def test_an_issue_date_whose_day_and_month_could_swap_is_asked_for_plainly(project: Path) -> None:
    set_line(issue_md(project), "date", "03/04/2026")
    result = run(project, "build", ISSUE)
    assert result.exit_code == 1
    line = one_error_line(result.output)
    assert "issue.md:3:" in line and "YYYY-MM-DD" in line and "2026-04-03" in line


def test_an_issue_date_that_can_be_read_one_way_only_is_taken(project: Path) -> None:
    set_line(issue_md(project), "date", "13/04/2026")
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    assert "Date: Mon, 13 Apr 2026" in (project / "dist" / ISSUE / "email.eml").read_text()


def test_two_reviews_saying_featured_true_are_named_with_the_one_shown_first(project: Path) -> None:
    folder = issue_md(project).parent
    for name in ("state-of-llms-2025.md", "llm-report-2025.md"):
        review = folder / name
        review.write_text(review.read_text().replace("---\n", "---\nfeatured: true\n", 1))
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 0, result.output
    [note] = [line for line in result.output.splitlines() if "say 'featured: true'" in line]
    assert "issue.md" in note and "state-of-llms-2025.md" in note and "llm-report-2025.md" in note
    assert "name the one you mean with 'featured:'" in note


def test_a_featured_review_marked_draft_is_said_to_leave_the_issue_without_one(project: Path) -> None:
    review = project / "issues" / ISSUE / "raschka-state-of-llms.md"
    review.write_text(review.read_text().replace("featured: true", "featured: true\ndraft: true"))
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 0, result.output
    assert "raschka-state-of-llms.md: the featured review is a draft, left out" in result.output
    with_drafts = run(project, "build", ISSUE, "--no-check-links", "--drafts")
    assert "the featured review is a draft" not in with_drafts.output


# --- a review saved into the wrong folder -------------------------------------------------


def test_a_review_saved_in_another_issues_folder_is_found_there(project: Path) -> None:
    review = review_file(project)
    review.rename(project / "issues" / EARLIER / review.name)
    line = one_error_line(run(project, "build", ISSUE).output)
    assert f"review '{review.name}' is listed but not found" in line
    assert f"it is in issues/{EARLIER}/{review.name}: move it into this issue's folder" in line


def test_a_review_saved_in_the_issues_folder_itself_is_found_there(project: Path) -> None:
    review = review_file(project)
    review.rename(project / "issues" / review.name)
    line = one_error_line(run(project, "build", ISSUE).output)
    assert f"it is in issues/{review.name}: move it into this issue's folder" in line


def test_an_issue_id_typed_as_a_title_suggests_one_that_works(project: Path) -> None:
    result = run(project, "new", "Week 5: trams")
    assert result.exit_code == 2
    assert one_error_line(result.output).endswith("choose another id such as 'week-5-trams'"), result.output


# --- renaming a review ----------------------------------------------------------------------------


def test_a_review_renamed_without_its_listing_is_pointed_to_by_its_new_name(project: Path) -> None:
    folder = project / "issues" / ISSUE
    (folder / "state-of-llms-2025.md").rename(folder / "three-wins-three-worries.md")
    result = run(project, "check", ISSUE, "--no-check-links")
    assert result.exit_code == 1
    error = next(line for line in result.output.splitlines() if line.startswith("Error: "))
    assert "issue.md:" in error and "'state-of-llms-2025.md'" in error
    assert "three-wins-three-worries.md" in error and "renamed" in error
    assert "training-costs.png" not in error  # an image is no review's new name


# --- a file that cannot be read when the issue folder is walked, and can be later --------


@pytest.mark.parametrize(
    ("ending", "shown"),
    [("llm-report-2025.md", "llm-report-2025.md:"), ("training-costs.png", "raschka-state-of-llms.md:")],
)
def test_a_file_unreadable_when_walked_but_read_later_is_never_cached_under_other_bytes(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, ending: str, shown: str
) -> None:
    """The walk left it out of the issue's digests and the build read it afterwards: the
    issue was cached under a key that held none of its bytes, and the next build in the
    same state served the bytes of the first (a review's old words in its page). Such a
    build now stops and says to build again; the next build reads what is there."""
    built(project)
    path = next((project / "issues" / ISSUE).rglob(ending))
    for version in ("first", "second"):
        if path.suffix == ".md":
            path.write_text(path.read_text() + f"\nWords of a {version} version.\n")
        before = tree(project / "dist")
        with monkeypatch.context() as patched:
            refused = refuse_first_opening(patched, ending)
            result = run(project, "build", ISSUE)
            assert refused, "the walk never opened the file"
        if result.exit_code == 0:
            assert tree(project / "dist") == clean_build(project, tmp_path / "clean")
        else:
            assert_clean_failure(result, (shown, "build again"))
            assert tree(project / "dist") == before
    assert built(project) == clean_build(project, tmp_path / "clean")


def test_a_large_image_reached_through_a_link_beside_it_builds(project: Path, tmp_path: Path) -> None:
    """Over [build] max_review_bytes, an image is hashed, not read, with the issue folder:
    through a link, by the file it leads to (O_NOFOLLOW refuses the link itself)."""
    folder = project / "issues" / ISSUE
    os.replace(folder / "training-costs.png", folder / ".training-costs.png")
    (folder / "training-costs.png").symlink_to(".training-costs.png")
    edit(project, "digest.toml", "[build]\n", "[build]\nmax_review_bytes = 20000\n")
    assert built(project) == clean_build(project, tmp_path / "clean")


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"", "issue.md is empty: write the issue's front matter and introduction"),
        (b"\xef\xbb\xbf \n", "issue.md is empty: write the issue's front matter and introduction"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "issue.md is a binary file, not text: write the issue's front matter"),
    ],
    ids=["empty", "blank", "binary"],
)
def test_an_issue_file_with_no_text_is_not_called_a_review(project: Path, content: bytes, said: str) -> None:
    """It read 'write the review or remove it from the issue' (or 'take it out of issue.md's
    list'), advice about a review, for the issue file itself."""
    (project / "issues" / ISSUE / "issue.md").write_bytes(content)
    result = run(project, "build", ISSUE)
    assert result.exit_code == 1, result.output
    assert said in result.output.strip().splitlines()[-1]


@pytest.mark.parametrize("issue_id", ["issue-2024", ISSUE])
def test_an_editor_saving_a_file_as_the_walk_reads_it_is_waited_for_not_refused(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, issue_id: str
) -> None:
    """An editor saves by writing a new file and renaming it over the old one (atomically;
    autosave does it every few seconds): between the walk's listing and its read, issue.md
    was another file, and the build stopped on 'build again', for another issue's save as
    much as for the built one's. The folder is walked again: the build reads the saved file."""
    import digest.sources.issue as issue

    built(project)
    path = project / "issues" / issue_id / "issue.md"
    real_read = issue.read_found
    saved: list[str] = []

    def saving_first(found: object, *args: object) -> bytes:
        if getattr(found, "path", None) == str(path) and not saved:
            saved.append(found.path)  # type: ignore[attr-defined]
            new = path.with_name(".issue.md.saving")
            new.write_text(path.read_text().replace("title:", "title: Saved", 1))
            os.replace(new, path)
        return real_read(found, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(issue, "read_found", saving_first)
    result = run(project, "build", ISSUE)
    assert saved, "the walk never read the issue file"
    assert result.exit_code == 0, result.output
    monkeypatch.undo()
    assert tree(project / "dist") == clean_build(project, tmp_path / "clean")
    assert b"Saved" in tree(project / "dist")["index.html"]


def test_a_link_the_sanitiser_removes_from_the_introduction_is_a_note_naming_its_line(project: Path) -> None:
    path = project / "issues" / ISSUE / "issue.md"
    text = path.read_text()
    path.write_text(text + "\nA [local copy](file:///home/me/notes.html) for later.\n")
    line = text.count("\n") + 2
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    note = next(each for each in result.output.splitlines() if "file:///" in each)
    assert note.startswith(f"note: {path}: line {line}: the link 'file:///home/me/notes.html' was removed"), (
        note
    )
    assert "it points into your own computer" in note


def test_a_link_removed_from_the_introduction_is_told_on_its_line_there(project: Path) -> None:
    """The same address in a link item's comment and in the introduction: the introduction's
    note named the comment's line, the first place the address is written in issue.md."""
    path = project / "issues" / ISSUE / "issue.md"
    text = path.read_text().replace(
        "Look at how the tasks", "See [it](file:///x.html). Look at how the tasks"
    )
    path.write_text(text + "\nThe [same](file:///x.html) copy.\n")
    lines = (text[: text.index("See [it]")].count("\n") + 1, text.count("\n") + 2)
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    notes = [each for each in result.output.splitlines() if "file:///" in each]
    assert [note.split(": line ")[1].split(":")[0] for note in notes] == [str(line) for line in lines], notes


def test_a_link_the_sanitiser_removes_from_a_link_items_comment_is_a_note(project: Path) -> None:
    path = project / "issues" / ISSUE / "issue.md"
    text = path.read_text()
    assert "Look at how the tasks" in text
    path.write_text(
        text.replace("Look at how the tasks", "See [my copy](file:///home/me/x.html). Look at how the tasks")
    )
    line = text[: text.index("Look at how the tasks")].count("\n") + 1
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    note = next(each for each in result.output.splitlines() if "file:///" in each)
    assert note.startswith(f"note: {path}: line {line}: the link 'file:///home/me/x.html' was removed"), note


def test_an_introduction_heading_named_like_a_section_or_review_keeps_the_page_anchors_unique(
    project: Path,
) -> None:
    """'## The four reviews' in the introduction gave its heading the section's id, twice on
    the page and in the email (found by review21); a link to the section went to the heading."""
    issue = project / ISSUE_FILE
    text = issue.read_text()
    intro = (
        "## The four reviews\n\nWhy these four.\n\n### The state of LLMs in 2025\n\nAnd one more line.\n\n"
    )
    issue.write_text(text.replace("---\nEvery December", "---\n" + intro + "Every December", 1))
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 0, result.output
    for page in ("index.html", "email.html"):
        html = (project / "dist" / ISSUE / page).read_text()
        ids = re.findall(r'\bid="([^"]+)"', html)
        assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
        assert 'id="the-four-reviews-2"' in html and 'id="the-four-reviews"' in html


def test_an_introduction_heading_takes_the_id_its_attributes_give_and_shows_no_braces(project: Path) -> None:
    """`## Why these four {#why}` in issue.md, as in a review: the braces are no heading text and
    the id is the heading's, so the introduction's own `[see why](#why)` leads there."""
    issue = project / ISSUE_FILE
    text = issue.read_text()
    intro = "## Why these four {#why}\n\nSee [why](#why).\n\n"
    issue.write_text(text.replace("---\nEvery December", "---\n" + intro + "Every December", 1))
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 0, result.output
    html = (project / "dist" / ISSUE / "index.html").read_text()
    assert '<h2 id="why">Why these four</h2>' in html and "{#why}" not in html


def test_an_introduction_heading_id_the_page_gives_a_card_is_named_with_its_line(project: Path) -> None:
    """`## Start here {#review-the-state-of-llms-in-2025}`: the id the editor gave is a card's, so
    the heading became `...-2` without a word and the introduction's own link to it led to the
    card (found by review24). The heading still takes the next number (an id is one target), and
    the build says so, naming the line and the card, so the editor can choose another."""
    issue = project / ISSUE_FILE
    text = issue.read_text()
    card = "review-the-state-of-llms-in-2025"
    intro = f"Read [the start](#{card}) first.\n\n## Start here {{#{card}}}\n\nWhy these four.\n\n"
    issue.write_text(text.replace("---\nEvery December", "---\n" + intro + "Every December", 1))
    line = issue.read_text().splitlines().index(f"## Start here {{#{card}}}") + 1
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 0, result.output
    [note] = [each for each in result.output.splitlines() if f"'{{#{card}}}'" in each]
    assert note.startswith(f"note: {issue}:{line}: "), note
    assert f"'{card}-2'" in note and "choose another id" in note, note
    html = (project / "dist" / ISSUE / "index.html").read_text()
    assert f'<h2 id="{card}-2">Start here</h2>' in html


def test_an_introduction_heading_named_like_a_card_without_an_id_of_its_own_says_nothing(
    project: Path,
) -> None:
    issue = project / ISSUE_FILE
    text = issue.read_text()
    issue.write_text(text.replace("---\nEvery December", "---\n## The four reviews\n\nEvery December", 1))
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 0 and "the-four-reviews" not in result.output, result.output


def test_thousands_of_files_not_listed_are_counted_not_each_named(project: Path) -> None:
    """A folder of 20,000 files unpacked into the issue's folder printed 20,000 notes, one a
    file, burying the build's own lines: the first ten are named, the rest counted."""
    folder = project / "issues" / ISSUE
    for number in range(30):
        (folder / f"note-{number:02}.md").write_text(f"# Note {number}\n")
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    notes = [line for line in result.output.splitlines() if "not listed in issue.md" in line]
    assert len(notes) == 11, notes
    assert "note-00.md: not listed" in notes[0] and "note-09.md: not listed" in notes[9]
    assert notes[10].startswith(f"note: {folder}: 20 more files") and "note-29" not in notes[10]


def test_an_issue_folder_linked_within_the_issues_folder_is_not_said_to_lead_out(project: Path) -> None:
    """A link to another issue's folder beside it was refused as 'a link out of the issues
    folder', which it is not: refused because digest follows no folder link."""
    issues = project / "issues"
    (issues / ISSUE).rename(issues / "issue-2025-real")
    (issues / ISSUE).symlink_to("issue-2025-real", target_is_directory=True)
    result = run(project, "build", ISSUE)
    assert_clean_failure(
        result, (f"issues/{ISSUE}:", "is a link", "never follows one", "move the issue's folder here")
    )
    assert "out of" not in result.output


def test_the_file_a_listed_link_leads_to_is_not_said_to_be_left_out(project: Path) -> None:
    """A review listed as a link to a file beside it (current.md -> draft-3.md) is published
    from that file, which the build said was 'not listed in issue.md, left out'."""
    folder = project / "issues" / ISSUE
    (folder / "llm-report-2025.md").rename(folder / "llm-report-2025.draft")
    (folder / "llm-report-2025.md").symlink_to("llm-report-2025.draft")
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    assert "llm-report-2025.draft: not listed" not in result.output


def test_the_heading_id_clash_note_quotes_its_values_as_every_message_does() -> None:
    """The note wrote the id and the anchor between quotes by hand: a control character in an id
    reached the terminal as it was, and a long id was not shortened (found by review25)."""
    from digest.errors import quoted
    from digest.sources.issue import IntroSource, _given_id_taken

    given = "why\x1b[2Jnow"
    source = IntroSource(Path("issue.md"), "## Why {#" + given + "}\n", frozenset({given}))
    note = _given_id_taken(source, given, given + "-2", "the section 'Why'")
    assert "\x1b" not in note, repr(note)
    assert f"the heading id {quoted('{#' + given + '}')}" in note, note
    assert f"anchor is {quoted(given + '-2')}" in note and f"to {quoted('#' + given)}" in note, note
