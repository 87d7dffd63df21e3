"""The web edition's archive (render/web.py): the home page with the latest issues and every
year, a page per year at an address that never changes, and the sitemap listing them."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from digest.config import load_config
from digest.model import IssueSummary
from digest.render.environment import Templates
from digest.render.web import LATEST_ISSUES, archive_pages, sitemap
from tests.test_cli import run, tree
from tests.test_robustness import ISSUE


def summaries(count: int, first_year: int = 2021) -> list[IssueSummary]:
    """`count` issues, one a month from January of `first_year`."""
    return [
        IssueSummary(
            id=f"issue-{n:03d}",
            title=f"Issue title {n}",
            date=datetime(first_year + n // 12, n % 12 + 1, 5, tzinfo=UTC),
            subject=f"Subject {n}",
            preheader="",
            reviews=(),
            sources=(),
            number=n + 1,
        )
        for n in range(count)
    ]


def listed(page: bytes) -> list[str]:
    return re.findall(r'<li><a href="https://digest\.example\.org/(issue-\d+)/"', page.decode())


def test_the_home_page_lists_the_latest_issues_and_every_year(project: Path) -> None:
    templates = Templates(load_config(project / "digest.toml"))
    pages = archive_pages(templates, summaries(40))  # 2021 to 2024
    home = pages["index.html"].decode()
    assert listed(pages["index.html"]) == [f"issue-{n:03d}" for n in range(39, 39 - LATEST_ISSUES, -1)]
    years = re.findall(
        r'<a href="https://digest\.example\.org/archive/(\d{4})/">\1</a> <span class="count">(\d+) issues?',
        home,
    )
    assert years == [("2024", "4"), ("2023", "12"), ("2022", "12"), ("2021", "12")]
    assert sorted(pages) == ["archive/2021/index.html", "archive/2022/index.html", "archive/2023/index.html",
                             "archive/2024/index.html", "index.html"]  # fmt: skip


def test_each_year_has_a_page_of_its_own_issues_newest_first(project: Path) -> None:
    templates = Templates(load_config(project / "digest.toml"))
    pages = archive_pages(templates, summaries(40))
    page = pages["archive/2022/index.html"]
    assert listed(page) == [f"issue-{n:03d}" for n in range(23, 11, -1)]
    text = page.decode()
    assert "<title>Issues of 2022 · The Digest</title>" in text
    assert '<link rel="canonical" href="https://digest.example.org/archive/2022/">' in text
    assert '<a href="https://digest.example.org/archive/2022/" aria-current="page">' in text


def test_a_years_page_keeps_its_address_and_its_issues_as_issues_are_added(project: Path) -> None:
    templates = Templates(load_config(project / "digest.toml"))
    before = archive_pages(templates, summaries(30))
    after = archive_pages(templates, summaries(31))
    assert listed(before["index.html"]) != listed(after["index.html"])
    assert listed(before["archive/2021/index.html"]) == listed(after["archive/2021/index.html"])
    assert "7 issues" in after["archive/2021/index.html"].decode()  # the list of years says 2023 grew


def test_the_sitemap_lists_every_years_page_dated_by_its_newest_issue(project: Path) -> None:
    templates = Templates(load_config(project / "digest.toml"))
    xml = sitemap(templates, summaries(14)).decode()
    assert (
        "<url><loc>https://digest.example.org/archive/2021/</loc><lastmod>2021-12-05</lastmod></url>" in xml
    )
    assert (
        "<url><loc>https://digest.example.org/archive/2022/</loc><lastmod>2022-02-05</lastmod></url>" in xml
    )


def test_a_build_writes_the_year_pages_and_links_them(project: Path) -> None:
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    built = tree(project / "dist")
    years = sorted(name for name in built if name.startswith("archive/"))
    assert years == ["archive/2025/index.html", "archive/2026/index.html"]
    assert b'href="https://digest.example.org/archive/2025/"' in built["index.html"]
    assert b"https://digest.example.org/archive/2026/" in built["sitemap.xml"]


def test_archive_cannot_be_an_issue_id(project: Path) -> None:
    result = run(project, "new", "archive")
    assert result.exit_code == 2
    assert "the build writes its own 'archive'" in result.output


def test_an_archive_template_written_before_years_had_pages_still_lists_every_issue(project: Path) -> None:
    """A project's own archive.html.j2 that loops over `issues`, as the theme's did, lists
    the whole archive on the home page, not the newest ten."""
    overrides = project / "templates"
    overrides.mkdir(exist_ok=True)
    (overrides / "archive.html.j2").write_text(
        '{% extends "base.html.j2" %}{% block content %}<ul>{% for issue in issues %}'
        '<li><a href="{{ issue_url(issue) }}">{{ issue.title }}</a></li>{% endfor %}</ul>{% endblock %}'
    )
    templates = Templates(load_config(project / "digest.toml"))
    home = archive_pages(templates, summaries(14))["index.html"]
    assert listed(home) == [f"issue-{n:03d}" for n in range(13, -1, -1)]


def test_a_years_page_is_shared_under_its_own_title(project: Path) -> None:
    """Its share card (Open Graph, Twitter) was the home page's: 'The Digest', not the year."""
    pages = archive_pages(Templates(load_config(project / "digest.toml")), summaries(14))
    year = pages["archive/2022/index.html"].decode()
    assert '<meta property="og:title" content="Issues of 2022 · The Digest">' in year
    assert '<meta name="twitter:title" content="Issues of 2022 · The Digest">' in year
    assert '<meta property="og:title" content="The Digest">' in pages["index.html"].decode()
