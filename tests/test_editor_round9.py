"""An editor's week, round 9: a newsletter started from an empty folder with the README
alone, its links, imports and settings checked the way a subscriber or an editor meets them."""

from __future__ import annotations

import re
from pathlib import Path

from tests.helpers import issue_md
from tests.test_cli import run

ISSUE = "issue-2025"
EARLIER = "issue-2024"
SITE = "https://digest.example.org/"
A_REVIEW = "review-the-state-of-llms-in-2025"


def with_intro(project: Path, intro: str, issue_id: str = ISSUE) -> None:
    path = issue_md(project, issue_id)
    front, _ = path.read_text(encoding="utf-8").rsplit("\n---\n", 1)
    path.write_text(f"{front}\n---\n{intro}\n", encoding="utf-8")


def built(project: Path, name: str, *args: str) -> str:
    result = run(project, "build", ISSUE, "--no-check-links", *args)
    assert result.exit_code == 0, result.output
    return (project / "dist" / ISSUE / name).read_text(encoding="utf-8")


# --- the introduction's relative links in the emails ------------------------------------


def test_a_relative_link_in_the_introduction_leads_where_it_does_on_the_web_edition(project: Path) -> None:
    with_intro(project, f"Start with [the shortest review]({A_REVIEW}/).")
    html = built(project, "email.html")
    assert f'href="{SITE}{ISSUE}/{A_REVIEW}/"' in html
    web = (project / "dist" / ISSUE / "index.html").read_text(encoding="utf-8")
    assert f'href="{A_REVIEW}/"' in web


def test_a_relative_link_in_the_introduction_is_a_whole_address_in_the_text_email(project: Path) -> None:
    with_intro(
        project, f"Last week's issue is [still online](../{EARLIER}/), and so is [a review]({A_REVIEW}/)."
    )
    text = built(project, "email.txt")
    assert f"<{SITE}{EARLIER}/>" in text
    assert f"<{SITE}{ISSUE}/{A_REVIEW}/>" in text
    assert not re.search(r"<\.\./|<review-", text), text


def test_a_relative_link_in_a_link_items_comment_is_a_whole_address_in_the_text_email(project: Path) -> None:
    path = issue_md(project)
    source = path.read_text(encoding="utf-8")
    old = 'comment: "The leaderboard in the middle of the benchmark argument.'
    assert old in source
    path.write_text(
        source.replace(
            old,
            f'comment: "See [our review]({A_REVIEW}/). The leaderboard in the middle of the benchmark argument.',
        ),
        encoding="utf-8",
    )
    text = built(project, "email.txt")
    assert f"<{SITE}{ISSUE}/{A_REVIEW}/>" in text
    html = (project / "dist" / ISSUE / "email.html").read_text(encoding="utf-8")
    assert f'href="{SITE}{ISSUE}/{A_REVIEW}/"' in html


# --- importing a review written beside its pictures -----------------------------------------


def a_picture() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(out, "PNG")
    return out.getvalue()


def draft_with_picture(folder: Path, source_url: str | None) -> Path:
    folder.mkdir()
    (folder / "chart.png").write_bytes(a_picture())
    (folder / "report.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    header = f"source_url: {source_url}\n" if source_url else ""
    review = folder / "parking.md"
    review.write_text(
        f"---\ntitle: Parking in the city centre\nauthor: Lena Hoffmann\ndate: 2025-12-12\n{header}---\n"
        "Parking costs the city more than it brings in.\n\n![A bar chart of parking fees](chart.png)\n\n"
        "The numbers are in [the report](report.pdf) and [the city's page](fees/).\n",
        encoding="utf-8",
    )
    return review


def test_import_brings_the_pictures_and_files_written_beside_a_review(project: Path, tmp_path: Path) -> None:
    review = draft_with_picture(tmp_path / "notes", "https://parking.example.org/city/")
    result = run(project, "import", str(review), "--issue", ISSUE)
    assert result.exit_code == 0, result.output
    folder = project / "issues" / ISSUE
    written = (folder / "parking-in-the-city-centre.md").read_text(encoding="utf-8")
    assert "![A bar chart of parking fees](chart.png)" in written
    assert "[the report](report.pdf)" in written
    assert "[the city's page](https://parking.example.org/city/fees/)" in written  # a page: made whole
    assert (folder / "chart.png").read_bytes() == (review.parent / "chart.png").read_bytes()
    assert (folder / "report.pdf").read_bytes() == (review.parent / "report.pdf").read_bytes()
    assert "chart.png" in result.output and "report.pdf" in result.output
    build = run(project, "build", ISSUE, "--no-check-links")
    assert build.exit_code == 0, build.output
    assert "no review uses" not in build.output
    page = (project / "dist" / ISSUE / "parking-in-the-city-centre" / "index.html").read_text(
        encoding="utf-8"
    )
    assert re.search(r'src="[^"]*assets/chart-[0-9a-f]{12}\.png"', page), page


def test_import_without_an_address_brings_the_pictures_and_names_only_the_links_to_pages(
    project: Path, tmp_path: Path
) -> None:
    review = draft_with_picture(tmp_path / "notes", None)
    result = run(project, "import", str(review), "--issue", ISSUE)
    assert result.exit_code == 0, result.output
    assert (project / "issues" / ISSUE / "chart.png").is_file()
    assert "relative link 'fees/'" in result.output
    assert "relative link 'chart.png'" not in result.output
    assert "relative link 'report.pdf'" not in result.output


def test_import_refuses_to_replace_a_different_picture_of_the_same_name(
    project: Path, tmp_path: Path
) -> None:
    review = draft_with_picture(tmp_path / "notes", None)
    own = project / "issues" / ISSUE / "chart.png"
    own.write_bytes(b"not the same picture")
    result = run(project, "import", str(review), "--issue", ISSUE)
    assert result.exit_code == 1, result.output
    assert "chart.png" in result.output and "--force" in result.output
    assert own.read_bytes() == b"not the same picture"
    assert not (project / "issues" / ISSUE / "parking-in-the-city-centre.md").exists()


# --- a newsletter started from an empty settings file -----------------------------------------


def test_a_build_reminds_the_editor_of_the_settings_to_make_before_the_first_issue(project: Path) -> None:
    (project / "digest.toml").write_text("[links]\ncheck = false\n", encoding="utf-8")
    result = run(project, "check", ISSUE, "--no-check-links")
    for setting, consequence in (
        ("[site] base_url", "https://digest.example.org/"),
        ("[site] title", "The Digest"),
        ("[feeds] id_prefix", "tag:digest.example.org,2025:"),
    ):
        line = next((line for line in result.output.splitlines() if f"{setting} is not set" in line), "")
        assert consequence in line, result.output
        assert "digest.toml" in line, line


def test_settings_written_in_the_file_or_given_on_the_command_line_are_not_called_unset(
    project: Path,
) -> None:
    result = run(project, "check", ISSUE, "--no-check-links")
    assert "is not set" not in result.output, result.output
    settings = project / "digest.toml"
    source = settings.read_text(encoding="utf-8")
    settings.write_text(source.replace('base_url = "https://digest.example.org/"\n', ""), encoding="utf-8")
    result = run(project, "build", ISSUE, "--no-check-links", "--base-url", "https://news.example.net/")
    assert result.exit_code == 0, result.output
    assert "is not set" not in result.output, result.output


# --- the text email's lines ---------------------------------------------------------------------


def test_the_text_email_keeps_to_78_columns_but_for_an_address_on_a_line_of_its_own(project: Path) -> None:
    settings = project / "digest.toml"
    source = settings.read_text(encoding="utf-8")
    settings.write_text(
        source.replace(
            "[site]\n",
            '[site]\nsocial = ["https://mastodon.example.social/@the-digest-editors-of-example-org"]\n',
        ),
        encoding="utf-8",
    )
    text = built(project, "email.txt")
    long = [line for line in text.splitlines() if len(line) > 78 and " " in line.strip()]
    assert not long, long
    assert f"Read our review:\n{SITE}{ISSUE}/{A_REVIEW}/\n" in text
    assert "Subscribe by RSS: https://digest.example.org/feed.xml\n" in text  # it fits: one line


# --- links to a review by its file name -----------------------------------------------------------

RASCHKA = "review-sebastian-raschka-on-the-state-of-llms-in-2025"


def test_a_link_to_a_reviews_file_in_the_introduction_leads_to_its_page_in_every_edition(
    project: Path,
) -> None:
    with_intro(
        project,
        "Start with [the short one](state-of-llms-2025.md), then [its notes](raschka-state-of-llms.md#top).",
    )
    html = built(project, "email.html")
    assert f'href="{SITE}{ISSUE}/{A_REVIEW}/"' in html
    assert f'href="{SITE}{ISSUE}/{RASCHKA}/#top"' in html
    text = (project / "dist" / ISSUE / "email.txt").read_text(encoding="utf-8")
    assert f"<{SITE}{ISSUE}/{A_REVIEW}/>" in text
    web = (project / "dist" / ISSUE / "index.html").read_text(encoding="utf-8")
    assert f'href="{A_REVIEW}/"' in web
    feed = (project / "dist" / "feed.xml").read_text(encoding="utf-8")
    assert f"{SITE}{ISSUE}/{A_REVIEW}/" in feed and "state-of-llms-2025.md" not in feed


def test_a_link_to_another_reviews_file_in_a_review_leads_to_that_reviews_page(project: Path) -> None:
    review = project / "issues" / ISSUE / "raschka-state-of-llms.md"
    review.write_text(
        review.read_text(encoding="utf-8") + "\nCompare [the shorter post](state-of-llms-2025.md).\n",
        encoding="utf-8",
    )
    built(project, "email.html")
    page = (project / "dist" / ISSUE / RASCHKA / "index.html").read_text(encoding="utf-8")
    assert f'href="../{A_REVIEW}/"' in page


def test_a_link_to_a_file_that_is_no_review_of_the_issue_is_still_refused_by_its_line(project: Path) -> None:
    with_intro(project, "Start with [the short one](no-such-review.md).")
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 1
    assert "issue.md:" in result.output and "no-such-review.md" in result.output


# --- renaming a review --------------------------------------------------------------------------


def test_a_review_renamed_without_its_listing_is_pointed_to_by_its_new_name(project: Path) -> None:
    folder = project / "issues" / ISSUE
    (folder / "state-of-llms-2025.md").rename(folder / "three-wins-three-worries.md")
    result = run(project, "check", ISSUE, "--no-check-links")
    assert result.exit_code == 1
    error = next(line for line in result.output.splitlines() if line.startswith("Error: "))
    assert "issue.md:" in error and "'state-of-llms-2025.md'" in error
    assert "three-wins-three-worries.md" in error and "renamed" in error
    assert "training-costs.png" not in error  # an image is no review's new name


# --- the introduction as plain text ----------------------------------------------------------------

STRUCTURED_INTRO = """Three things this week.

## What mattered

1. Parking
2. Trams
3. Cargo bikes, which take the last mile from vans in most of the cities we looked at this year

- a point
  - a point inside it

> A quotation long enough to be wrapped when it is written out in the plain text version of the email.

The end.
"""


def test_the_text_email_marks_the_introductions_headings_numbers_and_quotations(project: Path) -> None:
    with_intro(project, STRUCTURED_INTRO)
    text = built(project, "email.txt")
    assert "\nWhat mattered\n-------------\n" in text, text
    assert (
        "\n1. Parking\n2. Trams\n3. Cargo bikes, which take the last mile from vans in most of the cities we\n   looked at this year\n"
        in text
    ), text
    assert "\n- a point\n  - a point inside it\n" in text, text
    quoted = [line for line in text.splitlines() if line.startswith("> ")]
    assert len(quoted) == 2 and all(len(line) <= 78 for line in quoted), text
    assert " ".join(line[2:] for line in quoted).startswith("A quotation long enough")


# --- a site in another language -------------------------------------------------------------------


def test_a_site_in_german_dates_its_issues_and_reviews_in_german(project: Path) -> None:
    settings = project / "digest.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace('language = "en"', 'language = "de"'), encoding="utf-8"
    )
    text = built(project, "email.txt")
    assert "2. Januar 2026" in text and not re.search(r"\d January \d{4}", text), text
    web = (project / "dist" / ISSUE / "index.html").read_text(encoding="utf-8")
    assert "2. Januar 2026" in web
    archive = (project / "dist" / "index.html").read_text(encoding="utf-8")
    assert "2. Januar 2026" in archive and not re.search(r"\d January \d{4}", archive)


def test_an_english_site_keeps_its_dates_as_they_were(project: Path) -> None:
    text = built(project, "email.txt")
    assert "· 2 January 2026" in text


# --- the next issue ---------------------------------------------------------------------------------


def test_new_numbers_the_issue_after_the_highest_number_so_far(project: Path) -> None:
    result = run(project, "new", "issue-2026-01", "--title", "Next week")
    assert result.exit_code == 0, result.output
    front = issue_md(project, "issue-2026-01").read_text(encoding="utf-8")
    assert re.search(r"^number: 3$", front, re.M), front
    assert "number: 3" in result.output


def test_new_leaves_the_number_empty_for_a_newsletter_that_numbers_no_issue(project: Path) -> None:
    for issue_id in (ISSUE, EARLIER):
        path = issue_md(project, issue_id)
        path.write_text(
            re.sub(r"^number: .*\n", "", path.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8"
        )
    result = run(project, "new", "issue-2026-01")
    assert result.exit_code == 0, result.output
    assert re.search(r"^number:$", issue_md(project, "issue-2026-01").read_text(encoding="utf-8"), re.M)


# --- one mistake, one finding -------------------------------------------------------------------------


def test_a_broken_relative_link_in_the_introduction_is_one_error_naming_its_line(project: Path) -> None:
    with_intro(project, "An opening line.\n\nThen read [our notes](night-buses/).")
    result = run(project, "check", ISSUE, "--no-check-links")
    assert result.exit_code == 1
    rows = [line for line in result.output.splitlines() if line.startswith("internal-link")]
    assert len(rows) == 1, result.output
    (row,) = rows
    assert "issue.md:" in row and "night-buses/" in row
    assert all(output in row for output in ("email.html", "email.txt", "feed.xml", "index.html")), row
