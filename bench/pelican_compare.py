"""Pelican as the yardstick: its own virtual environment and the same reviews as a Pelican site.

Pelican is installed only here, in a virtual environment under bench/out/, never as a
dependency of digest. Reviews are read with digest's own loader (so plain text arrives
as the same Markdown digest renders) and written as Pelican Markdown with `Title:` and
`Date:` headers, one category per issue, into a site that writes Atom and RSS feeds.
"""

from __future__ import annotations

import subprocess
import sys
import venv
from collections.abc import Iterator
from pathlib import Path

from digest.config import CONFIG_NAME, load_config
from digest.model import Issue, Review
from digest.sources.issue import issue_ids, load_issue

VENV_NAME = "pelican-venv"

PELICAN_CONF = """\
AUTHOR = "The bench editors"
SITENAME = "The Bench Digest"
SITEURL = "https://bench.example.org"
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%Y-%m-%d"
RELATIVE_URLS = False
DEFAULT_PAGINATION = False
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
"""


def ensure_pelican(out: Path) -> tuple[Path | None, str]:
    """The pelican executable in bench/out/pelican-venv, installed on first use; else None and why."""
    folder = out / VENV_NAME
    pelican = folder / "bin" / "pelican"
    if pelican.is_file():
        return pelican, _version(pelican)
    out.mkdir(parents=True, exist_ok=True)
    venv.create(folder, with_pip=True, clear=True)
    log = out / "pelican-install.log"
    with log.open("w", encoding="utf-8") as stream:
        done = subprocess.run(
            [str(folder / "bin" / "python"), "-m", "pip", "install", "--quiet", "pelican", "markdown"],
            stdout=stream,
            stderr=subprocess.STDOUT,
            check=False,
        )
    if done.returncode != 0 or not pelican.is_file():
        last = log.read_text(encoding="utf-8").strip().splitlines()[-1:] or ["no output"]
        return None, f"pip install pelican markdown failed ({last[0]}); see {log}"
    return pelican, _version(pelican)


def _version(pelican: Path) -> str:
    done = subprocess.run([str(pelican), "--version"], capture_output=True, text=True, check=False)
    return f"Pelican {done.stdout.strip() or '(unknown version)'}"


def write_pelican_site(project: Path, site: Path, only_issue: str | None = None) -> int:
    """Convert the project's reviews (one issue's, or every issue's) into a Pelican site folder.

    Returns the number of articles written.
    """
    content = site / "content"
    content.mkdir(parents=True, exist_ok=True)
    (site / "pelicanconf.py").write_text(PELICAN_CONF, encoding="utf-8")
    count = 0
    for issue, review in published_reviews(project, only_issue):
        (content / f"{issue.id}-{review.slug}.md").write_text(article(issue, review), encoding="utf-8")
        count += 1
    return count


def published_reviews(project: Path, only_issue: str | None = None) -> Iterator[tuple[Issue, Review]]:
    """Every review digest publishes (drafts left out), read by digest's own loader, so both
    yardsticks get plain text as the same Markdown digest renders."""
    config = load_config(project / CONFIG_NAME)
    for each in [only_issue] if only_issue else issue_ids(config):
        issue = load_issue(config, each).issue
        for review in issue.reviews:
            yield issue, review


def article(issue: Issue, review: Review) -> str:
    published = review.date or issue.date
    headers = {
        "Title": review.title,
        "Date": published.strftime("%Y-%m-%d %H:%M"),
        "Category": issue.id,
        "Slug": f"{issue.id}-{review.slug}",
        "Tags": ", ".join(review.all_tags),
        "Author": review.author or "",
        "Summary": review.description or review.excerpt,
    }
    head = "\n".join(f"{key}: {' '.join(value.split())}" for key, value in headers.items() if value)
    return f"{head}\n\n{review.body.strip()}\n"


def pelican_command(pelican: Path) -> list[str]:
    """Run inside the site folder: build content/ into output/ with the default theme, quietly."""
    return [str(pelican), "content", "--settings", "pelicanconf.py", "--output", "output", "--quiet"]


if __name__ == "__main__":
    # A manual check: bench/pelican_compare.py PROJECT SITE converts PROJECT into SITE.
    print(write_pelican_site(Path(sys.argv[1]), Path(sys.argv[2])), "articles")
