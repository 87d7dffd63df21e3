"""The plain-text email: every line fits a mail message."""

from __future__ import annotations

from pathlib import Path

from digest.render.text import MAX_LINE, fold_long_lines
from tests.test_cli import run
from tests.test_robustness import ISSUE


def test_a_long_unbroken_line_is_folded_and_a_long_link_is_left_whole() -> None:
    word, link = "x" * 10_000, "https://example.org/" + "a" * 3_000
    text = fold_long_lines(f"Intro\n{word}\nSee {link}\n")
    lines = text.split("\n")
    assert all(len(line) <= 78 for line in lines[1:-2]) and "".join(lines[1:-2]) == word
    assert f"See {link}" in lines


def test_a_link_too_long_for_a_mail_line_is_a_warning_naming_the_review(project: Path) -> None:
    review = project / "issues" / "issue-2025" / "state-of-llms-2025.md"
    text = review.read_text()
    long_link = "https://example.org/" + "a" * (MAX_LINE + 10)
    review.write_text(text.replace("description: ", f"source_url: {long_link}\ndescription: ", 1))
    result = run(project, "check", "issue-2025", "--no-check-links")
    assert "text-line-length" in result.output
    assert "state-of-llms-2025.md:" in result.output and "characters a mail line may hold" in result.output


def test_characters_pasted_from_a_word_processor_that_only_typesetters_read_leave_the_text_email(
    project: Path,
) -> None:
    intro = project / "issues" / "issue-2025" / "issue.md"
    pasted = "\ufeffEvery De\u00adcember, zero\u200bwidth and word\u2060joined,"
    intro.write_text(intro.read_text(encoding="utf-8").replace("Every December", pasted, 1), "utf-8")
    assert run(project, "build", "issue-2025", "--no-check-links").exit_code == 0
    plain = (project / "dist" / "issue-2025" / "email.txt").read_text(encoding="utf-8")
    assert "Every December, zerowidth and wordjoined," in " ".join(plain.split())
    assert not any(char in plain for char in "\u00ad\u200b\u2060\ufeff")
    page = (project / "dist" / "issue-2025" / "index.html").read_text(encoding="utf-8")
    assert "De\u00adcember" in page  # the HTML keeps them


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
