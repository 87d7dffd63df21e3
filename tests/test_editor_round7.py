"""An editor's week, round 7: the ordinary mistakes of a week's work, each with the result
a newsletter tool's user expects (one line naming the file, exit 1, dist/ untouched)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from digest.checks.email_rules import EmailCheckSettings, check_email
from digest.config import load_config
from digest.output.listing import CURRENT, list_issues
from digest.preview.server import Preview
from digest.scratch import is_scratch
from tests.test_cli import run, tree

ISSUE = "issue-2025"


def issue_file(project: Path, issue_id: str = ISSUE) -> Path:
    return project / "issues" / issue_id / "issue.md"


def set_line(path: Path, key: str, value: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
    lines[index] = f"{key}: {value}"
    path.write_text("\n".join(lines), encoding="utf-8")


def one_error_line(output: str) -> str:
    errors = [line for line in output.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1, output
    assert "Traceback" not in output
    return errors[0]


# --- editors' swap, backup and lock files ------------------------------------------------

SCRATCH = ("state-of-llms-2025.md~", "#state-of-llms-2025.md#", ".state-of-llms-2025.md.swp")


@pytest.mark.parametrize(
    ("name", "scratch"),
    [
        ("review.md~", True),
        ("#review.md#", True),
        (".#review.md", True),
        (".review.md.swp", True),
        (".review.md.swo", True),
        ("notes/.figure.png.swp", True),
        (".~lock.notes.odt#", True),
        ("~$notes.docx", True),
        ("review.md___jb_tmp___", True),
        ("Thumbs.db", True),
        (".DS_Store", True),
        ("._figure.png", True),
        ("review.md", False),
        ("figure.png", False),
        ("notes#1.md", False),
        ("paper~final.pdf", False),
        (".gitkeep", False),
    ],
)
def test_scratch_files_are_told_by_their_name(name: str, scratch: bool) -> None:
    assert is_scratch(name) is scratch


def test_an_editors_scratch_files_are_neither_reported_nor_published(project: Path) -> None:
    folder = issue_file(project).parent
    for name in SCRATCH:
        (folder / name).write_bytes(b"b0VIM 9.0\0 half-written")
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    for name in SCRATCH:
        assert name not in result.output
    assert not any(name.endswith(("~", "#", ".swp")) for name in tree(project / "dist"))


def test_a_swap_file_rewritten_while_editing_leaves_the_build_current(project: Path) -> None:
    folder = issue_file(project).parent
    (folder / ".state-of-llms-2025.md.swp").write_bytes(b"b0VIM 9.0 first")
    assert run(project, "build", ISSUE).exit_code == 0
    (folder / ".state-of-llms-2025.md.swp").write_bytes(b"b0VIM 9.0 typed a few words since")
    (folder / "state-of-llms-2025.md~").write_text("an older version\n")
    summaries = {s.id: s for s in list_issues(load_config(project / "digest.toml"))}
    assert summaries[ISSUE].build.status == CURRENT, summaries[ISSUE].build


def test_a_backup_file_in_the_static_folder_is_not_published(project: Path) -> None:
    static = project / "static"
    static.mkdir()
    (static / "site.css").write_text("body { margin: 0 }\n")
    (static / "site.css~").write_text("body { margin: 1em }\n")
    assert run(project, "build", ISSUE).exit_code == 0
    assert (project / "dist" / "site.css").is_file()
    assert not (project / "dist" / "site.css~").exists()


def test_listing_a_backup_file_as_a_review_names_the_line(project: Path) -> None:
    folder = issue_file(project).parent
    shutil.copy(folder / "state-of-llms-2025.md", folder / "state-of-llms-2025.md~")
    text = issue_file(project).read_text()
    issue_file(project).write_text(text.replace("- state-of-llms-2025.md\n", "- state-of-llms-2025.md~\n"))
    before = tree(project / "dist") if (project / "dist").exists() else {}
    result = run(project, "build", ISSUE)
    assert result.exit_code == 1
    line = one_error_line(result.output)
    assert "issue.md:" in line and "backup or swap file" in line
    assert (tree(project / "dist") if (project / "dist").exists() else {}) == before


def test_the_preview_does_not_rebuild_for_a_swap_file(project: Path, tmp_path: Path) -> None:
    preview = Preview(project / "digest.toml", ISSUE, tmp_path / "work")
    before = preview.sources()
    folder = issue_file(project).parent
    (folder / ".state-of-llms-2025.md.swp").write_bytes(b"b0VIM")
    (folder / "state-of-llms-2025.md~").write_text("old\n")
    (folder / "#state-of-llms-2025.md#").write_text("autosave\n")
    assert preview.sources() == before
    (folder / "state-of-llms-2025.md").write_text("# Edited\n\nA real edit.\n")
    assert preview.sources() != before


# --- the settings file named with --config ----------------------------------------------


def test_the_preview_watches_the_settings_file_given_with_config(project: Path, tmp_path: Path) -> None:
    other = project / "weekly.toml"
    shutil.copy(project / "digest.toml", other)
    preview = Preview(other, ISSUE, tmp_path / "work")
    before = preview.sources()
    assert other in before
    other.write_text(other.read_text().replace('title = "The Digest"', 'title = "The Weekly"'))
    assert preview.sources() != before


def test_a_finding_about_a_setting_names_the_file_given_with_config(project: Path) -> None:
    other = project / "weekly.toml"
    text = (project / "digest.toml").read_text()
    other.write_text("\n".join(line for line in text.split("\n") if not line.startswith("postal_address")))
    result = run(project, "build", ISSUE, "--config", str(other))
    assert result.exit_code == 0, result.output
    assert "weekly.toml" in result.output and "postal_address" in result.output


def test_a_settings_file_saved_with_a_byte_order_mark_is_read(project: Path) -> None:
    settings = project / "digest.toml"
    settings.write_bytes(b"\xef\xbb\xbf" + settings.read_bytes().replace(b"\n", b"\r\n"))
    assert load_config(settings).site.title == "The Digest"
    assert run(project, "build", ISSUE).exit_code == 0


# --- issue ids that differ only in case --------------------------------------------------


def test_new_refuses_an_id_that_differs_from_an_issue_only_in_case(project: Path) -> None:
    result = run(project, "new", "ISSUE-2025")
    assert result.exit_code == 2
    line = one_error_line(result.output)
    assert "'issue-2025'" in line and "only in case" in line and "choose another id" in line
    assert not (project / "issues" / "ISSUE-2025").exists()


def test_a_build_stops_on_two_issues_that_differ_only_in_case(project: Path) -> None:
    shutil.copytree(project / "issues" / "issue-2024", project / "issues" / "Issue-2024")
    set_line(issue_file(project, "Issue-2024"), "date", "2025-03-01")
    for command in (["build", ISSUE], ["build", "--all"], ["check", ISSUE]):
        result = run(project, *command, "--no-check-links")
        assert result.exit_code == 1, (command, result.output)
        line = one_error_line(result.output)
        assert "only in case" in line and "rename one of the folders" in line
    assert not (project / "dist").exists()
    summaries = {s.id: s for s in list_issues(load_config(project / "digest.toml"))}
    assert "only in case" in (summaries["Issue-2024"].problem or "")


# --- the issue's date --------------------------------------------------------------------


def test_an_issue_date_whose_day_and_month_could_swap_is_asked_for_plainly(project: Path) -> None:
    set_line(issue_file(project), "date", "03/04/2026")
    result = run(project, "build", ISSUE)
    assert result.exit_code == 1
    line = one_error_line(result.output)
    assert "issue.md:3:" in line and "YYYY-MM-DD" in line and "2026-04-03" in line


def test_an_issue_date_that_can_be_read_one_way_only_is_taken(project: Path) -> None:
    set_line(issue_file(project), "date", "13/04/2026")
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    assert "Date: Mon, 13 Apr 2026" in (project / "dist" / ISSUE / "email.eml").read_text()


# --- what the email holds ----------------------------------------------------------------


def test_the_gmail_size_error_names_the_introduction_when_it_is_the_heaviest_part() -> None:
    html = (
        '<!doctype html><html lang="en"><head><title>t</title></head><body>'
        + "<p>"
        + "words " * 20_000
        + "</p></body></html>"
    )
    settings = EmailCheckSettings(urls=None, review_sizes={"A short review": 300}, intro_bytes=90_000)
    [size] = [f for f in check_email(html.encode(), settings) if f.check == "size"]
    assert "the introduction in issue.md is the heaviest part (90,000 bytes)" in size.message
    assert "shorten the introduction" in size.message
    lighter = EmailCheckSettings(urls=None, review_sizes={"A long review": 30_000}, intro_bytes=900)
    [size] = [f for f in check_email(html.encode(), lighter) if f.check == "size"]
    assert '"A long review"' in size.message and "introduction" not in size.message


def test_a_long_introduction_is_named_by_the_build(project: Path) -> None:
    path = issue_file(project)
    path.write_text(path.read_text() + ("\n\nThe editor goes on and on about the week. " * 40) * 60)
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 1
    assert "the introduction in issue.md is the heaviest part" in result.output


def test_the_placeholder_introduction_of_digest_new_is_a_warning(project: Path) -> None:
    assert run(project, "new", "issue-2026-01", "--date", "2026-01-09").exit_code == 0
    path = issue_file(project, "issue-2026-01")
    shutil.copy(project / "issues" / "issue-2024" / "mixture-of-experts.md", path.parent)
    text = path.read_text()
    text = text.replace("reviews: []", "reviews: [mixture-of-experts.md]")
    path.write_text(
        text.replace('preheader: ""', 'preheader: "One note on mixture-of-experts, and why it came back."')
    )
    result = run(project, "build", "issue-2026-01", "--no-check-links")
    assert result.exit_code == 0, result.output
    assert "the introduction is still the placeholder" in result.output
    assert "issue.md:" in result.output
    strict = run(project, "build", "issue-2026-01", "--no-check-links", "--strict")
    assert strict.exit_code == 1
    path.write_text(path.read_text().replace("Write the editor's introduction here", "Our own words"))
    assert "still the placeholder" not in run(project, "build", "issue-2026-01", "--no-check-links").output


# --- issue.md's front matter ---------------------------------------------------------------


@pytest.mark.parametrize("value", ['"true"', '"yes"', "maybe", "1"])
def test_an_issue_draft_flag_that_is_not_true_or_false_is_refused(project: Path, value: str) -> None:
    path = issue_file(project)
    path.write_text(path.read_text().replace("number: 2\n", f"number: 2\ndraft: {value}\n"))
    assert f"draft: {value}" in path.read_text()
    result = run(project, "build", "issue-2024", "--no-check-links")
    assert result.exit_code == 1
    line = one_error_line(result.output)
    assert "issue-2025/issue.md:" in line and "'draft:' must be true or false" in line


def test_a_front_matter_key_written_twice_names_both_lines(project: Path) -> None:
    path = issue_file(project)
    path.write_text(path.read_text().replace("number: 2\n", "number: 2\nnumber: 3\n"))
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 1
    line = one_error_line(result.output)
    assert "'number:' is written twice (lines" in line and "keep one of them" in line


def test_a_misspelt_front_matter_key_suggests_the_key_meant(project: Path) -> None:
    path = issue_file(project)
    path.write_text(path.read_text().replace("preheader:", "preheadr:"))
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 1
    assert "did you mean 'preheader'?" in one_error_line(result.output)


# --- settings --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [('"english"', "not 'english'"), ('"en_GB"', "(write 'en-GB')"), ('"und"', "not 'und'")],
)
def test_a_language_that_is_no_language_tag_is_refused(project: Path, value: str, expected: str) -> None:
    settings = project / "digest.toml"
    settings.write_text(settings.read_text().replace('language = "en"', f"language = {value}"))
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 1
    line = one_error_line(result.output)
    assert "digest.toml" in line and "[site] language must be a language tag" in line and expected in line
    assert not (project / "dist").exists()


@pytest.mark.parametrize("value", ["en-GB", "pt-BR", "zh-Hans", "es-419", "de"])
def test_language_tags_in_use_are_taken(project: Path, value: str) -> None:
    settings = project / "digest.toml"
    settings.write_text(settings.read_text().replace('language = "en"', f'language = "{value}"'))
    assert load_config(settings).site.language == value


def test_a_link_timeout_of_zero_which_would_wait_forever_is_refused(project: Path) -> None:
    settings = project / "digest.toml"
    settings.write_text(settings.read_text().replace("timeout = 10", "timeout = 0"))
    result = run(project, "build", ISSUE)
    assert result.exit_code == 1
    assert "[links] timeout must be a positive number of seconds" in one_error_line(result.output)


def test_importing_into_an_issue_that_does_not_exist_is_a_usage_error_like_every_command(
    project: Path, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("A note\n\nSome words on a thing worth reading.\n")
    for command in (["import", str(notes), "--issue", "issue-2099"], ["build", "issue-2099"]):
        result = run(project, *command)
        assert result.exit_code == 2, (command, result.output)
        assert "no issue 'issue-2099'" in one_error_line(result.output)


SAVED_PAGE = """<!doctype html>
<html lang="en"><head><title>Gardens in the shade</title>
<meta property="og:title" content="Gardens in the shade">
<link rel="canonical" href="https://example.org/gardens-in-the-shade">
<meta name="author" content="Ann Gardener"><meta name="date" content="2025-06-27"></head>
<body><article><h1>Gardens in the shade</h1>
<p>When summer comes, everybody wants to spend time outside, on the terrace or the balcony,
and in the middle of the day the sun is too strong for most of us to enjoy it for long.</p>
<img src="https://example.org/images/parasol.jpg">
<p>A parasol is the simplest answer: it moves with the sun and folds away when it rains.
Sails and awnings do the same for a larger space, at a higher price and with more work.</p>
<p><img src="https://example.org/images/sail.jpg" alt="A white sail over a terrace"></p>
<p>Whatever you choose, measure the space first and think about the wind.</p>
</article></body></html>
"""


def test_import_names_each_image_without_alt_text_by_its_line(project: Path, tmp_path: Path) -> None:
    page = tmp_path / "gardens.html"
    page.write_text(SAVED_PAGE)
    result = run(project, "import", str(page), "--issue", ISSUE)
    assert result.exit_code == 0, result.output
    written = (project / "issues" / ISSUE / "gardens-in-the-shade.md").read_text().split("\n")
    checks = [line for line in result.output.splitlines() if "has no alt text" in line]
    assert len(checks) == 1 and "parasol.jpg" in checks[0], result.output
    number = int(checks[0].split("line ")[1].split(":")[0])
    assert "![](https://example.org/images/parasol.jpg)" in written[number - 1]
    build = run(project, "build", ISSUE, "--no-check-links")
    assert build.exit_code == 1 and f"gardens-in-the-shade.md:{number}:" in one_error_line(build.output)


def test_a_tab_indenting_an_issue_list_says_to_indent_with_spaces(project: Path) -> None:
    path = issue_file(project)
    path.write_text(path.read_text().replace("  - state-of-llms-2025.md", "\t- state-of-llms-2025.md"))
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 1
    line = one_error_line(result.output)
    assert "issue.md:" in line and "indent with spaces: YAML does not allow tabs" in line
    assert "\t" not in line


def test_two_reviews_saying_featured_true_are_named_with_the_one_shown_first(project: Path) -> None:
    folder = issue_file(project).parent
    for name in ("state-of-llms-2025.md", "llm-report-2025.md"):
        review = folder / name
        review.write_text(review.read_text().replace("---\n", "---\nfeatured: true\n", 1))
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 0, result.output
    [note] = [line for line in result.output.splitlines() if "say 'featured: true'" in line]
    assert "issue.md" in note and "state-of-llms-2025.md" in note and "llm-report-2025.md" in note
    assert "name the one you mean with 'featured:'" in note


def test_a_swap_file_beside_the_templates_leaves_the_build_current(project: Path) -> None:
    templates = project / "templates"
    templates.mkdir()
    shutil.copy(Path(__file__).parent.parent / "templates" / "email.css", templates / "email.css")
    assert run(project, "build", ISSUE, "--no-check-links").exit_code == 0
    (templates / ".email.css.swp").write_bytes(b"b0VIM 9.0 editing")
    (templates / "email.css~").write_text("/* the version before */\n")
    summaries = {s.id: s for s in list_issues(load_config(project / "digest.toml"))}
    assert summaries[ISSUE].build.status == CURRENT, summaries[ISSUE].build
    (templates / "email.css").write_text((templates / "email.css").read_text() + "\n/* edited */\n")
    summaries = {s.id: s for s in list_issues(load_config(project / "digest.toml"))}
    assert summaries[ISSUE].build.status != CURRENT


def test_a_missing_send_setting_names_the_settings_file_in_use(project: Path) -> None:
    other = project / "weekly.toml"
    shutil.copy(project / "digest.toml", other)
    result = run(project, "send", ISSUE, "--to", "me@example.org", "--config", str(other))
    assert result.exit_code == 1
    line = one_error_line(result.output)
    assert line.startswith(f"Error: {other}: no [send] host")
    with other.open("a") as settings:
        settings.write('\n[send]\nhost = "127.0.0.1"\nsecurity = "none"\n')
    result = run(project, "send", ISSUE, "--to", "me@example.org", "--config", str(other))
    assert one_error_line(result.output).startswith(f"Error: {other}: no sender address")


# --- links to pages of the site ----------------------------------------------------------------


def test_a_mistyped_link_to_a_page_of_the_site_suggests_the_page_meant(project: Path) -> None:
    path = issue_file(project)
    path.write_text(
        path.read_text() + "\nLast year's issue is [here](https://digest.example.org/issue-2024x/).\n"
    )
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 1
    [row] = [line for line in result.output.splitlines() if "issue-2024x" in line]
    assert "issue.md:" in row and "did you mean https://digest.example.org/issue-2024/?" in row
    assert not (project / "dist").exists()


def test_a_root_relative_link_to_a_missing_page_names_its_line_in_every_output(project: Path) -> None:
    path = issue_file(project)
    lines = path.read_text().split("\n")
    path.write_text("\n".join(lines) + "\nSee [the old review](/issue-2024/review-gone/).\n")
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 1
    rows = [line for line in result.output.splitlines() if "review-gone" in line]
    assert rows and all(f"issue.md:{len(lines) + 1}:" in row for row in rows), rows


def test_a_list_setting_written_as_one_string_says_how_to_write_a_list(project: Path) -> None:
    settings = project / "digest.toml"
    text = settings.read_text()
    settings.write_text(text.replace("[site]\n", '[site]\nsocial = "https://mastodon.social/@digest"\n', 1))
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 1
    line = one_error_line(result.output)
    assert "[site] social must be a list of strings, in brackets" in line and "a list of a string" not in line


@pytest.mark.parametrize("written", ["Training-Costs.PNG", "training-cost.png"])
def test_a_misspelt_image_name_suggests_the_file_meant(project: Path, written: str) -> None:
    review = project / "issues" / ISSUE / "raschka-state-of-llms.md"
    review.write_text(review.read_text().replace("image: training-costs.png", f"image: {written}"))
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 1
    line = one_error_line(result.output)
    assert "raschka-state-of-llms.md:7:" in line and "did you mean 'training-costs.png'?" in line


# --- an issue.md copied from last week's ---------------------------------------------------------


def copy_of_last_weeks_issue(project: Path) -> Path:
    """issue-2026-01, made by copying issue-2025's folder and changing only the date."""
    shutil.copytree(project / "issues" / ISSUE, project / "issues" / "issue-2026-01")
    path = issue_file(project, "issue-2026-01")
    set_line(path, "date", "2026-01-09")
    return path


def test_a_number_left_as_last_weeks_stops_the_build(project: Path) -> None:
    path = copy_of_last_weeks_issue(project)
    set_line(path, "subject", '"A new week"')
    result = run(project, "build", "issue-2026-01", "--no-check-links")
    assert result.exit_code == 1
    [row] = [line for line in result.output.splitlines() if "issue-number" in line]
    assert "issue-2026-01/issue.md:6:" in row and "'number: 2' is also issue-2025's number" in row
    set_line(path, "number", "3")
    assert run(project, "build", "issue-2026-01", "--no-check-links").exit_code == 0


def test_a_subject_left_as_last_weeks_is_a_warning(project: Path) -> None:
    path = copy_of_last_weeks_issue(project)
    for issue in (path, issue_file(project)):
        issue.write_text(issue.read_text().replace("number: 2\n", ""))
    result = run(project, "build", "issue-2026-01", "--no-check-links")
    assert result.exit_code == 0, result.output
    [row] = [line for line in result.output.splitlines() if line.startswith("subject")]
    assert "warning" in row and "issue-2026-01/issue.md:4:" in row and "issue-2025's too" in row
    assert run(project, "build", "issue-2026-01", "--no-check-links", "--strict").exit_code == 1


def test_a_link_item_without_a_url_says_to_add_one(project: Path) -> None:
    path = issue_file(project)
    path.write_text(path.read_text().replace("        url: https://www.swebench.com/\n", ""))
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 1
    line = one_error_line(result.output)
    assert "link item 'SWE-bench' needs a 'url:'" in line and "add the line 'url: ...'" in line
    assert "nothing" not in line


def test_a_featured_review_marked_draft_is_said_to_leave_the_issue_without_one(project: Path) -> None:
    review = project / "issues" / ISSUE / "raschka-state-of-llms.md"
    review.write_text(review.read_text().replace("featured: true", "featured: true\ndraft: true"))
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 0, result.output
    assert "raschka-state-of-llms.md: the featured review is a draft, left out" in result.output
    with_drafts = run(project, "build", ISSUE, "--no-check-links", "--drafts")
    assert "the featured review is a draft" not in with_drafts.output


def test_with_utm_the_text_email_has_every_link_of_the_html_without_its_parameters(project: Path) -> None:
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    import lxml.html

    settings = project / "digest.toml"
    settings.write_text(settings.read_text().replace("https_only = true", "https_only = true\nutm = true"))
    assert run(project, "build", ISSUE, "--no-check-links").exit_code == 0
    html = (project / "dist" / ISSUE / "email.html").read_bytes()
    text = (project / "dist" / ISSUE / "email.txt").read_text()
    links = set(lxml.html.document_fromstring(html).xpath("//a/@href"))
    assert any("utm_campaign=issue-2025" in link for link in links)
    assert "utm_" not in text
    for link in links:
        parts = urlsplit(link)
        query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not k.startswith("utm_")])
        plain = urlunsplit(parts._replace(query=query))
        if plain.startswith("http"):
            assert plain in text, plain


def test_an_http_base_url_with_https_only_email_is_one_error_naming_the_setting(project: Path) -> None:
    result = run(project, "build", ISSUE, "--no-check-links", "--base-url", "http://localhost:8000/")
    assert result.exit_code == 1
    line = one_error_line(result.output)
    assert line.startswith(
        "Error: --base-url 'http://localhost:8000/' is http: while [email] https_only is on"
    )
    assert "email-link" not in result.output
    settings = project / "digest.toml"
    settings.write_text(settings.read_text().replace("https_only = true", "https_only = false"))
    assert (
        run(project, "build", ISSUE, "--no-check-links", "--base-url", "http://localhost:8000/").exit_code
        == 0
    )


def test_an_issue_marked_draft_names_the_line_to_remove(project: Path) -> None:
    path = issue_file(project)
    path.write_text(path.read_text().replace("number: 2\n", "number: 2\ndraft: true\n"))
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 1
    assert "issue-2025/issue.md:7: the issue is marked 'draft: true'" in one_error_line(result.output)


# --- the preview on every address -------------------------------------------------------------


def test_a_preview_on_every_address_serves_this_machine_and_the_network_by_address(project: Path) -> None:
    import socket
    import urllib.request

    from digest.preview.server import PreviewServer

    def status(port: int, host: str) -> str:
        with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
            connection.sendall(f"GET /version HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
            return connection.recv(4096).decode("latin-1").split("\r\n", 1)[0]

    with PreviewServer(project / "digest.toml", ISSUE, host="0.0.0.0") as preview:
        preview.start()
        port = preview.httpd.server_address[1]
        assert preview.url == f"http://127.0.0.1:{port}/"
        with urllib.request.urlopen(preview.url + "version", timeout=30) as response:
            assert response.status == 200
        for host in (f"localhost:{port}", f"192.168.1.50:{port}", f"[fe80::1]:{port}"):
            assert status(port, host).endswith("200 OK"), host
        for host in (f"rebound.attacker.example:{port}", f"192.168.1.50:{port + 1}", "", "[bad"):
            assert " 421 " in status(port, host), host


# --- a page saved as one file ---------------------------------------------------------------------

MHTML_PAGE = (
    "From: <Saved by Blink>\r\n"
    "Snapshot-Content-Location: https://blog.example.org/costs\r\n"
    "Subject: Costs of training\r\n"
    "Date: Tue, 4 Mar 2025 10:00:00 -0000\r\n"
    "MIME-Version: 1.0\r\n"
    'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="----MultipartBoundary--x----"\r\n'
    "\r\n"
    "------MultipartBoundary--x----\r\n"
    "Content-Type: text/html\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n"
    "Content-Location: https://blog.example.org/costs\r\n"
    "\r\n"
    '<!DOCTYPE html><html><head><title>Costs of training</title><meta name=3D"author" content=3D"Jo Writer">=\r\n'
    '<meta name=3D"date" content=3D"2025-03-04"></head><body><article><h1>Costs of training</h1>=\r\n'
    "<p>Training a large model costs a lot of money, and the bill has grown faster than most=\r\n"
    ' people expected over the last three years.</p><p>See <a href=3D"/related">a related post</a>=\r\n'
    " for the method behind the figures, and what it means for smaller labs.</p></article></body></html>\r\n"
    "------MultipartBoundary--x----\r\n"
    "Content-Type: image/png\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "Content-Location: https://blog.example.org/chart.png\r\n"
    "\r\n"
    "iVBORw0KGgo=\r\n"
    "------MultipartBoundary--x------\r\n"
)


def test_a_page_saved_as_one_file_mhtml_is_imported_as_the_page_it_holds(
    project: Path, tmp_path: Path
) -> None:
    page = tmp_path / "Costs of training.mhtml"
    page.write_bytes(MHTML_PAGE.encode())
    result = run(project, "import", str(page), "--issue", ISSUE)
    assert result.exit_code == 0, result.output
    assert "Saved by Blink" not in result.output and "Jo Writer" in result.output
    review = (project / "issues" / ISSUE / "costs-of-training.md").read_text()
    assert 'source_url: "https://blog.example.org/costs"' in review
    assert "MultipartBoundary" not in review and "Content-Type" not in review
    assert "[a related post](https://blog.example.org/related)" in review
    assert "Training a large model costs a lot of money" in review


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("paper.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", "a PDF document"),
        ("notes.docx", b"PK\x03\x04\x14\x00\x06\x00\x08\x00", "a zipped document"),
        ("page.webarchive", b"bplist00\xd1\x01\x02_\x10\x0fWebMainResource", "a Safari web archive"),
    ],
)
def test_a_document_that_is_not_text_is_named_for_what_it_is(
    project: Path, tmp_path: Path, name: str, data: bytes, kind: str
) -> None:
    document = tmp_path / name
    document.write_bytes(data)
    imported = run(project, "import", str(document), "--issue", ISSUE)
    assert imported.exit_code == 1
    line = one_error_line(imported.output)
    assert f"this is {kind}" in line and "save the article as HTML" in line and "UTF-8" not in line
    shutil.copy(document, project / "issues" / ISSUE / name)
    text = issue_file(project).read_text()
    issue_file(project).write_text(
        text.replace("- state-of-llms-2025.md\n", f"- state-of-llms-2025.md\n      - {name}\n")
    )
    built = run(project, "build", ISSUE, "--no-check-links")
    assert built.exit_code == 1
    line = one_error_line(built.output)
    assert f"{name}: this is {kind}" in line and "not a review" in line and "UTF-8" not in line
