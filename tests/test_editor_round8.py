"""An editor's week, round 8: a newsletter made from the README alone, with what editors
paste, mistype, move and rename, each result checked the way a reader or an editor meets it."""

from __future__ import annotations

import email
import email.policy
import re
from pathlib import Path

from digest.config import load_config
from digest.output.listing import CURRENT, IN_PROGRESS, list_issues
from tests.test_cli import run
from tests.test_editor_round7 import issue_file, one_error_line, set_line

ISSUE = "issue-2025"
EARLIER = "issue-2024"

# RFC 2047: an encoded word holds at least one character.
EMPTY_ENCODED_WORD = re.compile(rb"=\?[^?]+\?[qQbB]\?\?=")


def review_file(project: Path, name: str = "state-of-llms-2025.md") -> Path:
    return project / "issues" / ISSUE / name


def header_block(message: bytes) -> bytes:
    return message.split(b"\r\n\r\n", 1)[0]


# --- the subject in the message file ------------------------------------------------------


LONG_SUBJECT = (
    "Week two — Tokyo’s punctual trains, Cairo’s unofficial minibus maps, and a field "
    "guide to bus priority signals that every planner should read 📍🗺️"
)


def test_a_long_subject_with_emoji_is_encoded_without_an_empty_encoded_word(project: Path) -> None:
    set_line(issue_file(project), "subject", f'"{LONG_SUBJECT}"')
    assert run(project, "build", ISSUE).exit_code == 0
    raw = (project / "dist" / ISSUE / "email.eml").read_bytes()
    headers = header_block(raw)
    assert not EMPTY_ENCODED_WORD.search(headers), headers.decode()
    assert all(len(line) <= 78 for line in headers.split(b"\r\n")), headers.decode()
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed["Subject"] == f"Issue 2: {LONG_SUBJECT}"
    assert not parsed["Subject"].defects


def test_an_ascii_subject_stays_readable_in_the_message_file(project: Path) -> None:
    assert run(project, "build", ISSUE).exit_code == 0
    raw = (project / "dist" / ISSUE / "email.eml").read_bytes()
    assert b"=?" not in header_block(raw)
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed["Subject"].startswith("Issue 2: 2025 in four reviews")


# --- the card's opening words -------------------------------------------------------------


def write_review(project: Path, body: str, front: str = "") -> Path:
    path = review_file(project)
    path.write_text(f'---\ntitle: "Parking minimums, ten years on"\ndate: 2025-11-30\n{front}---\n{body}')
    return path


def test_a_cards_opening_words_leave_out_footnote_marks_and_keep_punctuation_close(project: Path) -> None:
    write_review(
        project,
        "Most new buildings keep *some* parking[^1], but **far less**, than the code asked.\n\n"
        "[^1]: Lenders often insist on it.\n",
    )
    assert run(project, "build", ISSUE).exit_code == 0
    text = " ".join((project / "dist" / ISSUE / "email.txt").read_text().split())
    assert "Most new buildings keep some parking, but far less, than the code asked." in text
    html = (project / "dist" / ISSUE / "email.html").read_text()
    assert "parking 1 ," not in html and "parking, but far less, than" in " ".join(html.split())


# --- digest list and an issue marked draft ------------------------------------------------


def test_list_shows_an_issue_marked_draft_as_in_progress_and_the_one_before_current(project: Path) -> None:
    path = issue_file(project)
    path.write_text(path.read_text().replace("\nnumber:", "\ndraft: true\nnumber:", 1))
    result = run(project, "build", EARLIER)
    assert result.exit_code == 0, result.output
    states = {s.id: s.build.status for s in list_issues(load_config(project / "digest.toml"))}
    assert states == {ISSUE: IN_PROGRESS, EARLIER: CURRENT}


# --- the settings file: a mistake is named by its line --------------------------------------


def settings_line(project: Path, start: str) -> int:
    lines = (project / "digest.toml").read_text().splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith(start))


def test_a_misspelt_setting_is_named_by_its_line(project: Path) -> None:
    settings = project / "digest.toml"
    settings.write_text(settings.read_text().replace('language = "en"', 'langauge = "en"'))
    line = one_error_line(run(project, "check", ISSUE, "--no-check-links").output)
    expected = f"{settings}:{settings_line(project, 'langauge')}: unknown key 'langauge' in [site]"
    assert line.startswith(f"Error: {expected}"), line
    assert "did you mean 'language'?" in line


def test_a_wrong_setting_value_is_named_by_its_line(project: Path) -> None:
    settings = project / "digest.toml"
    settings.write_text(settings.read_text().replace('service = "generic"', 'service = "MailChimp"'))
    line = one_error_line(run(project, "check", ISSUE, "--no-check-links").output)
    assert line.startswith(
        f"Error: {settings}:{settings_line(project, 'service')}: [email] service must be"
    ), line


def test_a_settings_file_that_is_not_toml_is_named_by_the_line_of_the_mistake(project: Path) -> None:
    settings = project / "digest.toml"
    settings.write_text(settings.read_text().replace('title = "The Digest"', 'title = "The Digest'))
    line = one_error_line(run(project, "check", ISSUE, "--no-check-links").output)
    assert line.startswith(f"Error: {settings}:{settings_line(project, 'title')}: not valid TOML"), line
    assert "fix the syntax" in line


def test_two_setting_mistakes_are_each_named_by_their_line(project: Path) -> None:
    settings = project / "digest.toml"
    text = settings.read_text().replace('language = "en"', 'langauge = "en"')
    settings.write_text(text.replace('service = "generic"', 'service = "MailChimp"'))
    line = one_error_line(run(project, "check", ISSUE, "--no-check-links").output)
    assert f"line {settings_line(project, 'langauge')}: unknown key 'langauge'" in line, line
    assert f"line {settings_line(project, 'service')}: [email] service must be" in line, line


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


# --- front matter slips YAML reports far from where they are ---------------------------------


def front_matter_line(path: Path, start: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if line.startswith(start))


def test_a_title_whose_quote_is_never_closed_is_named_by_its_own_line(project: Path) -> None:
    path = issue_file(project)
    path.write_text(
        path.read_text().replace('title: "The year in AI, in four reviews"', 'title: "The year in AI')
    )
    line = one_error_line(run(project, "build", ISSUE).output)
    assert line.startswith(f"Error: {path}:{front_matter_line(path, 'title:')}: invalid YAML front matter"), (
        line
    )
    assert 'has no closing ": end it with "' in line


def test_a_list_item_without_a_space_after_its_dash_says_how_to_write_it(project: Path) -> None:
    path = issue_file(project)
    path.write_text(path.read_text().replace("      - state-of-llms-2025.md", "      -state-of-llms-2025.md"))
    line = one_error_line(run(project, "build", ISSUE).output)
    assert line.startswith(f"Error: {path}:{front_matter_line(path, '      -state')}:"), line
    assert "needs a space after its dash: write '- state-of-llms-2025.md'" in line


def test_a_quoted_value_over_two_lines_is_no_slip(project: Path) -> None:
    path = review_file(project)
    text = path.read_text().replace(
        "tags: [ai, llm, agents]", 'tags: [ai, llm, agents]\nsummary: "one\n  two"\nbad: ['
    )
    path.write_text(text)
    line = one_error_line(run(project, "build", ISSUE).output)
    assert "invalid YAML front matter (" in line and "closing" not in line, line


# --- text that runs right to left ---------------------------------------------------------

ARABIC_LINE = "هذا الأسبوع نقرأ عن خرائط المدن."
ARABIC_TITLE = "خرائط القاهرة غير الرسمية"
ARABIC_DESCRIPTION = "مراجعة قصيرة لمقال طويل."


def add_to_intro(project: Path, paragraph: str) -> None:
    path = issue_file(project)
    path.write_text(path.read_text() + f"\n{paragraph}\n")


def test_an_arabic_paragraph_in_an_english_issue_runs_right_to_left(project: Path) -> None:
    add_to_intro(project, ARABIC_LINE)
    path = review_file(project)
    text = path.read_text().replace('title: "Review: The State of LLMs in 2025"', f'title: "{ARABIC_TITLE}"')
    path.write_text(re.sub(r"(?m)^description: .*$", f'description: "{ARABIC_DESCRIPTION}"', text))
    assert run(project, "build", ISSUE).exit_code == 0
    issue = project / "dist" / ISSUE
    email_html = (issue / "email.html").read_text()
    web = (issue / "index.html").read_text()
    for page in (email_html, web):
        assert f'<p dir="rtl">{ARABIC_LINE}</p>' in page
        assert '<p dir="ltr">Every December brings' in page
    assert re.search(rf'<h[23][^>]* dir="rtl"[^>]*>{ARABIC_TITLE}<', email_html)
    assert f'<p class="excerpt" dir="rtl" style="margin:0 0 12px">{ARABIC_DESCRIPTION}</p>' in email_html
    assert f'<p dir="rtl">{ARABIC_DESCRIPTION}</p>' in web
    review_page = next(p for p in issue.glob("*/index.html") if ARABIC_TITLE in p.read_text())
    assert f'<h1 dir="rtl">{ARABIC_TITLE}</h1>' in review_page.read_text()


def test_an_issue_without_right_to_left_text_has_no_direction_marks(project: Path) -> None:
    assert run(project, "build", ISSUE).exit_code == 0
    for page in (project / "dist").rglob("*.html"):
        assert ' dir="rtl"' not in page.read_text() and '<p dir="ltr"' not in page.read_text(), page


def test_a_site_written_in_arabic_runs_right_to_left(project: Path) -> None:
    settings = project / "digest.toml"
    settings.write_text(settings.read_text().replace('language = "en"', 'language = "ar"'))
    assert run(project, "build", ISSUE).exit_code == 0
    issue = project / "dist" / ISSUE
    assert '<html lang="ar" dir="rtl"' in (issue / "email.html").read_text()
    assert '<html lang="ar" dir="rtl"' in (issue / "index.html").read_text()
    assert '<html lang="ar" dir="rtl"' in (project / "dist" / "index.html").read_text()


def test_the_emails_label_for_screen_readers_reads_as_the_subject(project: Path) -> None:
    subject = "Maps\u00a0and timetables 🗺️"
    set_line(issue_file(project), "subject", f'"{subject}"')
    assert run(project, "build", ISSUE).exit_code == 0
    html = (project / "dist" / ISSUE / "email.html").read_text()
    label = re.search(r'<div aria-label="([^"]*)" aria-roledescription="email"', html)
    assert label is not None
    assert label.group(1) == f"Issue 2: {' '.join(subject.split())}"
    assert "\\u{" not in html


# --- a newsletter of one's own ----------------------------------------------------------------


def test_new_outside_a_project_says_how_to_start_one(tmp_path: Path) -> None:
    line = one_error_line(run(tmp_path, "new", "issue-2026-01").output)
    assert f"{tmp_path}: no digest.toml found" in line
    assert "to start a newsletter in this folder, create digest.toml (empty will do)" in line
    (tmp_path / "digest.toml").write_text("")
    assert run(tmp_path, "new", "issue-2026-01").exit_code == 0
    assert (tmp_path / "issues" / "issue-2026-01" / "issue.md").is_file()


# --- front matter pasted from a word processor ---------------------------------------------


def test_a_byline_pasted_in_curly_quotes_is_pointed_out(project: Path) -> None:
    path = review_file(project)
    path.write_text(
        path.read_text().replace("tags: [ai, llm, agents]", "tags: [“ai”, llm]\nauthor: “Marta Nowak”")
    )
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    notes = [line for line in result.output.splitlines() if "curly quotes" in line]
    assert len(notes) == 2, result.output
    assert notes[0].startswith(f"note: {path}: 'tags:' “ai” is in curly quotes")
    assert notes[1].startswith(f"note: {path}: 'author:' “Marta Nowak” is in curly quotes")
    assert 'write straight quotes ("...") or none' in notes[1]


def test_an_issue_title_pasted_in_curly_quotes_is_pointed_out_by_its_line(project: Path) -> None:
    path = issue_file(project)
    set_line(path, "title", "“The year in AI”")
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    assert f"{path}:2: 'title:' “The year in AI” is in curly quotes" in result.output


def test_a_title_with_a_quotation_inside_it_is_no_slip(project: Path) -> None:
    set_line(review_file(project), "title", "'Why “good enough” wins'")
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0 and "curly quotes" not in result.output, result.output


# --- a subject too long for any inbox -------------------------------------------------------


def test_a_subject_longer_than_inboxes_show_is_a_warning_naming_its_line(project: Path) -> None:
    path = issue_file(project)
    set_line(path, "subject", f'"{LONG_SUBJECT}"')
    result = run(project, "check", ISSUE, "--no-check-links")
    assert result.exit_code == 0, result.output
    assert f"{path}:4: the subject is {len('Issue 2: ' + LONG_SUBJECT)} characters" in result.output
    assert "put what matters first" in " ".join(result.output.split())
    assert run(project, "check", ISSUE, "--no-check-links", "--strict").exit_code == 1


def test_a_subject_of_ordinary_length_is_not_flagged(project: Path) -> None:
    result = run(project, "check", ISSUE, "--no-check-links")
    assert "characters: inboxes show" not in result.output


# --- a link to a page that moved --------------------------------------------------------------


def test_a_moved_or_missing_page_says_what_to_do_about_the_link(project: Path) -> None:
    from tests.linkservers import serving

    path = review_file(project)
    with serving(("127.0.0.1",)) as servers:
        base = servers.url("127.0.0.1", "")
        moved = f"{base}/redirect?status=301&to={base}/status/200"
        path.write_text(path.read_text() + f"\n\n[The survey]({moved}) and [the data]({base}/status/404).\n")
        settings = project / "digest.toml"
        settings.write_text(settings.read_text().replace("check = false", "check = true"))
        result = run(project, "links", ISSUE)
    lines = result.output.splitlines()
    gone = next(line for line in lines if "broken link" in line and "/status/404" in line)
    assert ": fix the address or remove the link [external-link]" in gone, gone
    redirected = next(line for line in lines if "redirected link" in line)
    assert f"permanently redirected to {base}/status/200" in redirected
    assert ": link to the new address [external-link]" in redirected, redirected


# --- a picture in the introduction --------------------------------------------------------------


def test_a_missing_picture_in_the_introduction_is_not_said_to_be_beside_a_review(project: Path) -> None:
    add_to_intro(project, "![A made-up network map](network-map.png)")
    line = one_error_line(run(project, "build", ISSUE).output)
    assert line.startswith(f"Error: {issue_file(project)}:"), line
    assert "image 'network-map.png' not found in issue-2025/ or in static/" in line
    assert line.endswith("check the name, or put the file in issue-2025/"), line
    assert "beside the review" not in line


# --- a paragraph pasted with its first-line indent ------------------------------------------


def test_a_paragraph_indented_with_a_tab_that_shows_as_code_is_pointed_out(project: Path) -> None:
    path = write_review(
        project, "Protected lanes carry more riders.\n\n\tThe best part is the section on night buses.\n"
    )
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    note = next(line for line in result.output.splitlines() if "starts with a tab" in line)
    assert note.startswith(
        f"note: {path}: line 7: this paragraph starts with a tab, so Markdown shows it as code"
    )
    assert "remove the tab" in note


def test_code_indented_with_a_tab_and_a_list_items_paragraph_are_no_slip(project: Path) -> None:
    write_review(
        project,
        'Some code:\n\n\tfmt.Println("hello, world")\n\n- A point\n\n\tAnd a second paragraph under the point here.\n',
    )
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0 and "starts with a tab" not in result.output, result.output


def test_a_section_written_twice_in_the_settings_says_to_merge_them(project: Path) -> None:
    settings = project / "digest.toml"
    settings.write_text(settings.read_text() + "\n[feeds]\nlimit = 5\n")
    line = one_error_line(run(project, "list").output)
    second = len(settings.read_text().splitlines()) - 1
    assert line == f"Error: {settings}:{second}: [feeds] is written twice: put all its keys under one [feeds]"


def test_setting_mistakes_are_listed_in_the_order_of_their_lines(project: Path) -> None:
    settings = project / "digest.toml"
    text = settings.read_text().replace(
        'base_url = "https://digest.example.org/"', 'base_url = "digest.example.org"'
    )
    settings.write_text(text.replace("limit = 20", 'limit = "20"'))
    line = one_error_line(run(project, "list").output)
    first, second = settings_line(project, "base_url"), settings_line(project, "limit")
    assert first < second
    assert line.index(f"line {first}:") < line.index(f"line {second}:"), line


def test_an_issue_id_typed_as_a_title_suggests_one_that_works(project: Path) -> None:
    result = run(project, "new", "Week 5: trams")
    assert result.exit_code == 2
    assert one_error_line(result.output).endswith("choose another id such as 'week-5-trams'"), result.output
