"""digest/output/lostpages.py: the issues and review pages the last build wrote and this one
does not, named by the build (through the CLI, on a copy of the demo)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.test_cli import run
from tests.test_robustness import ISSUE

OLDER = "issue-2024"
MOVED = "mixture-of-experts.md"
MOVED_PAGE = "review-mixture-of-experts-comes-back"


def notes(output: str, about: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(f"note: {about}")]


def test_a_renamed_issue_is_named_with_its_new_name(project: Path) -> None:
    """An issue folder renamed after it went out: its pages moved to the new id's address, the
    links in the emails already sent, the feeds and other sites to the old one led nowhere, and
    nothing said so (found by review24)."""
    assert run(project, "build", ISSUE).exit_code == 0
    (project / "issues" / OLDER).rename(project / "issues" / "issue-2024-12")
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    [note] = notes(result.output, f"{OLDER}/")
    assert "renamed issue-2024-12" in note and f"name its folder '{OLDER}' again" in note, note
    assert MOVED_PAGE not in result.output  # the issue's note stands for its pages
    again = run(project, "build", ISSUE)
    assert again.exit_code == 0 and not notes(again.output, f"{OLDER}/"), again.output


def test_a_removed_issue_is_named(project: Path) -> None:
    assert run(project, "build", ISSUE).exit_code == 0
    shutil.rmtree(project / "issues" / OLDER)
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    [note] = notes(result.output, f"{OLDER}/")
    assert "an issue of the last build, is no longer written" in note and "lead nowhere" in note, note
    assert "name its folder" not in note


def test_a_draft_issue_built_with_drafts_and_left_out_again_is_no_lost_issue(project: Path) -> None:
    issue = project / "issues" / OLDER / "issue.md"
    issue.write_text(issue.read_text().replace("---\n", "---\ndraft: true\n", 1))
    assert run(project, "build", OLDER, "--drafts").exit_code == 0
    assert (project / "dist" / OLDER / "index.html").is_file()
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0 and not notes(result.output, f"{OLDER}/"), result.output


def test_a_review_moved_to_another_issue_is_named_with_its_new_page_not_given_a_slug(project: Path) -> None:
    """A review moved from one issue to another: the note said to give it 'slug:' with the page
    name it already has, which keeps nothing, as the page's address holds the issue's id (found
    by review24)."""
    assert run(project, "build", ISSUE).exit_code == 0
    older = project / "issues" / OLDER
    (older / MOVED).rename(project / "issues" / ISSUE / MOVED)
    listing = older / "issue.md"
    listing.write_text(listing.read_text().replace(f"  - {MOVED}\n", ""))
    issue = project / "issues" / ISSUE / "issue.md"
    issue.write_text(
        issue.read_text().replace(
            "      - llm-report-2025.md\n", f"      - llm-report-2025.md\n      - {MOVED}\n"
        )
    )
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    [note] = notes(result.output, f"{OLDER}/{MOVED_PAGE}/")
    assert f"now at {ISSUE}/{MOVED_PAGE}/" in note and "slug:" not in note, note
    assert f"keep a copy of the review in {OLDER}" in note, note


def _feed_entries_per_review(project: Path) -> None:
    config = project / "digest.toml"
    config.write_text(config.read_text().replace('entries = "issues"', 'entries = "reviews"'))


def test_a_review_file_renamed_after_it_went_out_is_named_with_its_feed_entry(project: Path) -> None:
    """With a feed entry per review, a review's id is its file's name: renaming the file gave its
    entry a new id, and feed readers showed it again as new, without a word (found by review24)."""
    _feed_entries_per_review(project)
    assert run(project, "build", ISSUE).exit_code == 0
    folder = project / "issues" / ISSUE
    (folder / "llm-report-2025.md").rename(folder / "llm-report.md")
    issue = folder / "issue.md"
    issue.write_text(issue.read_text().replace("- llm-report-2025.md", "- llm-report.md"))
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    [note] = notes(result.output, "feed.json: ")
    assert f"{ISSUE}/review-a-report-on-large-language-models-in-2025-and-beyond/" in note, note
    assert "shown again as new" in note and "'llm-report-2025'" in note, note
    again = run(project, "build", ISSUE)
    assert again.exit_code == 0 and not notes(again.output, "feed.json: "), again.output


def test_the_feed_entry_note_shortens_a_long_address_as_every_message_does(project: Path) -> None:
    """The entry's address went into the note whole: a long site address made a line of any
    length (found by review26)."""
    _feed_entries_per_review(project)
    config = project / "digest.toml"
    long_base = "https://digest.example.org/" + "a" * 400 + "/"
    config.write_text(
        config.read_text().replace('base_url = "https://digest.example.org/"', f'base_url = "{long_base}"')
    )
    assert run(project, "build", ISSUE).exit_code == 0
    folder = project / "issues" / ISSUE
    (folder / "llm-report-2025.md").rename(folder / "llm-report.md")
    issue = folder / "issue.md"
    issue.write_text(issue.read_text().replace("- llm-report-2025.md", "- llm-report.md"))
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    [note] = notes(result.output, "feed.json: ")
    assert "a" * 300 not in note and "..." in note and "'llm-report-2025'" in note, note


def test_a_changed_feed_id_prefix_is_named_once_for_every_entry(project: Path) -> None:
    assert run(project, "build", ISSUE).exit_code == 0
    config = project / "digest.toml"
    config.write_text(
        config.read_text().replace("tag:digest.example.org,2025:", "tag:digest.example.org,2026:")
    )
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    [note] = notes(result.output, "feed.json: ")
    assert "2 entries" in note and "[feeds] id_prefix" in note, note


def test_a_slug_given_to_keep_a_retitled_reviews_page_is_named_as_what_changed_its_feed_id(
    project: Path,
) -> None:
    """The lost page's advice, 'slug: <old page name>', keeps the page and gives the entry that
    name as its id instead of the file's: the note on the id must say so, not ask for the file
    to be renamed back (it never was)."""
    _feed_entries_per_review(project)
    assert run(project, "build", ISSUE).exit_code == 0
    review = project / "issues" / ISSUE / "llm-report-2025.md"
    page = "review-a-report-on-large-language-models-in-2025-and-beyond"
    text = review.read_text().replace("large language models", "LLMs", 1)
    review.write_text(text.replace("---\n", f"---\nslug: {page}\n", 1))
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    [note] = notes(result.output, "feed.json: ")
    assert f"'slug: {page}'" in note and "name the review's file" not in note, note


def test_an_image_changed_after_its_email_went_out_is_named_with_where_its_copy_is_kept(
    project: Path,
) -> None:
    """A picture of a sent issue edited (a typo in a chart fixed): its copies have new names, the
    old ones left the output, and the emails already sent (and feed readers) showed a broken
    picture, without a word (found by review24). The build names each copy it no longer writes,
    where the last build's copy is kept, and how to keep it published."""
    from PIL import Image

    _newer_issue(project)  # the edited picture's issue went out before the one being drafted
    assert run(project, "build", ISSUE).exit_code == 0
    before = sorted(path.name for path in (project / "dist" / "assets").iterdir())
    chart = project / "issues" / ISSUE / "training-costs.png"
    with Image.open(chart) as image:
        edited = image.copy()
    edited.putpixel((0, 0), (255, 0, 0, 255) if edited.mode == "RGBA" else (255, 0, 0))
    edited.save(chart)
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    [note] = notes(result.output, "assets/")
    for name in before:
        assert f"assets/{name}" in note, note
        kept = next((project / ".digest-cache").glob(f"kept-*/assets/{name}"))
        assert str(kept.parent) in note
    assert "static/assets/" in note and "emails already sent" in note, note
    static = project / "static" / "assets"
    static.mkdir(parents=True)
    for name in before:
        (static / name).write_bytes(
            next((project / ".digest-cache").glob(f"kept-*/assets/{name}")).read_bytes()
        )
    kept_published = run(project, "build", ISSUE)
    assert kept_published.exit_code == 0 and not notes(kept_published.output, "assets/"), (
        kept_published.output
    )
    assert all((project / "dist" / "assets" / name).is_file() for name in before)


def test_the_note_on_lost_pictures_names_the_static_folder_the_project_sets(project: Path) -> None:
    """The note said 'static/assets/' whatever `[build] static_dir` set, so a copy put where it
    said was never published (found by review25); and it read 'pictures of the last build, are'."""
    from PIL import Image

    config = project / "digest.toml"
    config.write_text(config.read_text().replace("[build]\n", '[build]\nstatic_dir = "public"\n', 1))
    assert run(project, "build", ISSUE).exit_code == 0
    chart = project / "issues" / ISSUE / "training-costs.png"
    with Image.open(chart) as image:
        edited = image.copy()
    edited.putpixel((0, 0), (255, 0, 0, 255) if edited.mode == "RGBA" else (255, 0, 0))
    edited.save(chart)
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    [note] = notes(result.output, "assets/")
    assert "into public/assets/ under the same names" in note and "static/" not in note, note
    assert "build, are" not in note, note


def _record(prefix: str, issues: int) -> bytes:
    import hashlib
    import json

    files = {
        f"{prefix}-{number}": {
            f"review-{each}.md": hashlib.sha256(f"{number}/{each}".encode()).hexdigest() for each in range(10)
        }
        for number in range(issues)
    }
    fields = {"settings": "", "templates": "", "site_files": "", "code": "", "emails": [], "neighbours": {}}
    return json.dumps({**fields, "issues": files, "drafts_of": ""}).encode()


def test_many_renamed_issues_are_named_in_linear_time(tmp_path: Path) -> None:
    """Every issue folder renamed (a new naming scheme): this build's record was read again, and
    every new issue compared, for each lost issue; 1,000 took 24 s, 3,000 minutes (found by
    review25)."""
    from digest.output.export import MARKER
    from digest.output.lostpages import lost_pages
    from tests.helpers import returns_in_time

    issues = 3000
    (tmp_path / MARKER).write_bytes(_record("old", issues))
    outputs = {f"new-{number}/index.html": b"" for number in range(issues)}

    def named() -> None:
        found = lost_pages(tmp_path, outputs, _record("new", issues))
        assert len(found) == 11 and "(renamed new-0, by its files)" in found[0], found[0]

    returns_in_time("3,000 renamed issues", named)


def test_many_lost_pages_are_looked_for_in_other_issues_in_linear_time(tmp_path: Path) -> None:
    """Every page of an archive renamed (page names made otherwise): each lost page was looked for
    in every output (3,000 pages beside 23,000 outputs took 24 s, 6,000 beside 60,000 minutes; found by review25)."""
    import json

    from digest.output.export import MARKER
    from digest.output.lostpages import lost_pages
    from tests.helpers import returns_in_time

    issues, pages = 40, 150
    record = json.loads(_record("issue", issues))
    record["issues"] = {issue: {} for issue in record["issues"]}
    (tmp_path / MARKER).write_text(json.dumps(record))
    outputs = {f"extra/{number}.html": b"" for number in range(60_000)}
    for issue in record["issues"]:
        outputs[f"{issue}/index.html"] = b""
        for number in range(pages):
            (tmp_path / issue / f"old-{number}").mkdir(parents=True)
            (tmp_path / issue / f"old-{number}" / "index.html").write_text("")
            outputs[f"{issue}/new-{number}/index.html"] = b""

    def named() -> None:
        found = lost_pages(tmp_path, outputs, json.dumps(record).encode())
        assert len(found) == 11 and "give the review 'slug: old-0'" in found[0], found[0]
        assert found[10].startswith(f"{issues * pages - 10:,} more review pages"), found[10]

    returns_in_time(f"{issues * pages:,} lost pages", named)


def test_many_renamed_issues_are_named_ten_and_counted(tmp_path: Path) -> None:
    """Every issue folder renamed printed a note an issue, thousands burying the build's own
    lines (found by review25): the first ten are named, the rest counted in one line, as the
    files not listed in issue.md are."""
    from digest.output.export import MARKER
    from digest.output.lostpages import lost_pages

    (tmp_path / MARKER).write_bytes(_record("old", 25))
    outputs = {f"new-{number}/index.html": b"" for number in range(25)}
    found = lost_pages(tmp_path, outputs, _record("new", 25))
    assert len(found) == 11, found
    assert all(note.startswith("old-") for note in found[:10]), found
    assert found[10].startswith("15 more issues of the last build are no longer written"), found[10]
    assert "lead nowhere" in found[10] and "old-" not in found[10], found[10]


def test_many_lost_review_pages_are_named_ten_and_counted(tmp_path: Path) -> None:
    """Every review retitled at once (a new way of naming pages) printed a note a page, burying
    the build's own lines: the first ten are named, the rest counted, as lost issues are."""
    import json

    from digest.output.export import MARKER
    from digest.output.lostpages import lost_pages

    record = json.loads(_record("issue", 2))
    record["issues"] = {issue: {} for issue in record["issues"]}
    (tmp_path / MARKER).write_text(json.dumps(record))
    outputs: dict[str, bytes] = {}
    for issue in record["issues"]:
        outputs[f"{issue}/index.html"] = b""
        for number in range(8):
            (tmp_path / issue / f"old-{number}").mkdir(parents=True)
            (tmp_path / issue / f"old-{number}" / "index.html").write_text("")
    found = lost_pages(tmp_path, outputs, json.dumps(record).encode())
    assert len(found) == 11, found
    assert all("'slug: old-" in note for note in found[:10]), found
    assert found[10].startswith("6 more review pages of the last build are no longer written"), found[10]
    assert "lead nowhere" in found[10] and "slug:" in found[10], found[10]


def test_ten_renamed_issues_are_each_named(tmp_path: Path) -> None:
    from digest.output.export import MARKER
    from digest.output.lostpages import lost_pages

    (tmp_path / MARKER).write_bytes(_record("old", 10))
    outputs = {f"new-{number}/index.html": b"" for number in range(10)}
    found = lost_pages(tmp_path, outputs, _record("new", 10))
    assert len(found) == 10 and all("(renamed new-" in note for note in found), found


def _newer_issue(project: Path) -> None:
    folder = project / "issues" / "issue-2026"
    folder.mkdir()
    (folder / "tides.md").write_text(
        "---\ntitle: Tide tables\n---\nThe harbour's tables, read side by side.\n"
    )
    (folder / "issue.md").write_text(
        '---\ntitle: "Tide tables"\ndate: 2026-02-02\nnumber: 3\nreviews:\n  - tides.md\n---\nA short issue.\n'
    )


def _edit_the_chart(project: Path) -> None:
    from PIL import Image

    chart = project / "issues" / ISSUE / "training-costs.png"
    with Image.open(chart) as image:
        edited = image.copy()
    edited.putpixel((0, 0), (255, 0, 0, 255) if edited.mode == "RGBA" else (255, 0, 0))
    edited.save(chart)


def test_a_picture_of_the_newest_issue_edited_says_the_emails_show_nothing_only_if_it_went_out(
    project: Path,
) -> None:
    """Editing a picture of the issue being drafted said 'the emails already sent ... show
    nothing' (found by review25): digest keeps no record of sends, and the newest issue is most
    often not sent yet. Its pictures are named with the condition; an older issue's as sent."""
    assert run(project, "build", ISSUE).exit_code == 0
    _edit_the_chart(project)
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    [note] = notes(result.output, "assets/")
    assert f"if {ISSUE} went out" in note and "emails already sent" not in note, note
    assert "static/assets/ under the same names" in note, note
