"""An editor's week, round 9: a newsletter started from an empty folder with the README
alone, its links, imports and settings checked the way a subscriber or an editor meets them."""

from __future__ import annotations

import re
from pathlib import Path

from tests.test_cli import run
from tests.test_editor_round7 import issue_file

ISSUE = "issue-2025"
EARLIER = "issue-2024"
SITE = "https://digest.example.org/"
A_REVIEW = "review-the-state-of-llms-in-2025"


def with_intro(project: Path, intro: str, issue_id: str = ISSUE) -> None:
    path = issue_file(project, issue_id)
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
    path = issue_file(project)
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
