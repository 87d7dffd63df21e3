"""Write a synthetic digest project: N issues of M reviews, shaped like the seed articles.

Each review is about 17 KB, in one of the three shapes the seeds come in: Markdown with
YAML front matter and `##`/`###` sections, bare Markdown under a `#` title, or plain
text with numbered section lines, `- ` bullets and bare URLs. The prose comes from a
small grammar over a word list of our own, so no real article's sentences are used.
The same arguments always give the same files.

    .venv/bin/python bench/generate.py OUT [--issues 100] [--reviews 10] [--seed 2025]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

FIRST_ISSUE_DATE = date(2023, 1, 6)
MEAN_REVIEW_BYTES = 17_000
SHAPES = ("front-matter", "bare-markdown", "plain-text")

DIGEST_TOML = """\
# A generated benchmark project (bench/generate.py); links are never checked online.

[site]
title = "The Bench Digest"
base_url = "https://bench.example.org/"
author = "The bench editors"
language = "en"
description = "Synthetic reviews for measuring build times."

[build]
output_dir = "dist"
issues_dir = "issues"

[feeds]
id_prefix = "tag:bench.example.org,2023:"
limit = 20

[links]
check = false
"""

WORDS: dict[str, tuple[str, ...]] = {
    "noun": (
        "model", "benchmark", "compiler", "dataset", "pipeline", "scheduler", "kernel", "runtime",
        "agent", "team", "library", "protocol", "cluster", "cache", "parser", "framework", "optimizer",
        "tokenizer", "editor", "reader", "lab", "startup", "engineer", "researcher", "paper", "release",
        "evaluation", "checkpoint", "gradient", "budget", "workload", "platform", "interface", "network",
        "language", "database", "service", "project", "community", "standard", "roadmap", "prototype",
        "assistant", "experiment", "baseline", "format", "index", "query", "contract", "license",
    ),
    "adj": (
        "open", "careful", "cheap", "large", "small", "sparse", "dense", "noisy", "robust", "fragile",
        "modest", "bold", "quiet", "public", "private", "early", "late", "familiar", "novel", "strange",
        "practical", "expensive", "efficient", "narrow", "broad", "shared", "local", "remote", "stable",
        "experimental", "incremental", "surprising", "useful", "clumsy", "elegant", "verbose", "terse",
    ),
    "verb_s": (
        "improves", "replaces", "explains", "measures", "hides", "reveals", "compresses", "extends",
        "outlasts", "predicts", "rewards", "limits", "schedules", "shapes", "borrows", "questions",
        "simplifies", "complicates", "tracks", "ignores", "supports", "doubles", "halves", "trains",
    ),
    "verb_past": (
        "improved", "replaced", "explained", "measured", "hid", "revealed", "compressed", "extended",
        "outlasted", "predicted", "rewarded", "limited", "scheduled", "shaped", "borrowed", "questioned",
        "simplified", "complicated", "tracked", "ignored", "supported", "doubled", "halved", "trained",
    ),
    "verb_base": (
        "improve", "replace", "explain", "measure", "hide", "reveal", "compress", "extend", "outlast",
        "predict", "reward", "limit", "schedule", "shape", "borrow", "question", "simplify", "track",
    ),
    "adv": (
        "quietly", "quickly", "slowly", "mostly", "rarely", "openly", "reliably", "barely", "largely",
        "steadily", "suddenly", "cheaply", "carefully", "eventually", "repeatedly", "partly",
    ),
    "prep": ("for", "with", "across", "under", "beyond", "without", "inside", "around", "against", "after"),
    "det": ("the", "a", "every", "this", "that", "one", "each", "no", "some", "another"),
    "opener": (
        "In practice", "By the spring", "For most readers", "Looking back", "At first", "Meanwhile",
        "On balance", "Even so", "In short", "Put simply", "By contrast", "Later in the year",
    ),
    "subject": ("we", "they", "the author", "the team", "most labs", "our readers", "critics", "the report"),
    "modal": ("can", "could", "should", "will", "might", "must", "would"),
    "joiner": (", and ", "; ", ", but ", " — ", ", while ", " because ", ", so "),
    "name": ("Ada", "Brook", "Casimir", "Dana", "Emeka", "Farah", "Goran", "Hana", "Ilse", "Jun", "Kofi"),
    "domain": ("example.com", "example.org", "example.net", "notes.example.com", "papers.example.org"),
}  # fmt: skip

ARTICLE_BEFORE_VOWEL = re.compile(r"\b([Aa]) ([aeiou])")

SENTENCES = (
    "{det} {adj} {noun} {verb_s} {det} {noun} {prep} {det} {adj} {noun}",
    "{opener}, {det} {noun} {verb_past} {det} {noun} {adv}",
    "{subject} {verb_past} that {det} {noun} {modal} {verb_base} {det} {adj} {noun}",
    "{det} {noun} {prep} {det} {noun} {adv} {verb_s} {det} {adj} {noun}",
    "{opener}, {subject} {verb_past} {det} {adj} {noun} {prep} {det} {noun} in {year}",
    "{det} {noun} cost {money} and {verb_past} {det} {noun} by {percent} percent",
    "{subject} {modal} {verb_base} {det} {noun}, not {det} {adj} {noun} {prep} it",
)


class Prose:
    """Sentences, headings, titles and links from the word list, driven by one seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def pick(self, kind: str) -> str:
        return self.rng.choice(WORDS[kind])

    def clause(self) -> str:
        template = self.rng.choice(SENTENCES)
        text = re.sub(r"\{(\w+)\}", lambda m: self._slot(m.group(1)), template)
        return ARTICLE_BEFORE_VOWEL.sub(r"\1n \2", text)

    def _slot(self, kind: str) -> str:
        if kind == "year":
            return str(self.rng.randint(2015, 2026))
        if kind == "money":
            return f"${self.rng.randint(2, 900)} million"
        if kind == "percent":
            return str(self.rng.randint(3, 90))
        if kind == "nouns":
            return self.plural()
        return self.pick(kind)

    def sentence(self) -> str:
        text = self.clause()
        if self.rng.random() < 0.45:
            second = self.clause()
            text += self.pick("joiner") + second[0].lower() + second[1:]
        return text[0].upper() + text[1:] + self.rng.choice("........?!")

    def paragraph(self, low: int = 3, high: int = 7) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def phrase(self, words: int) -> str:
        kinds = ("adj", "noun", "noun", "adj", "noun")
        return " ".join(self.pick(kinds[i % len(kinds)]) for i in range(words))

    def plural(self) -> str:
        noun = self.pick("noun")
        return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"

    def heading(self) -> str:
        first = f"{self.pick('adj').capitalize()} {self.plural()}"
        if self.rng.random() < 0.5:
            return first
        return f"{first} and {self.pick('adj')} {self.plural()}"

    def title(self) -> str:
        forms = (
            "The state of {adj} {nouns} in {year}",
            "Notes on {adj} {nouns} and the {noun} that {verb_s} them",
            "Why every {noun} {verb_s} the {adj} {noun}",
            "{Adj} {nouns}, {adj} {nouns}: a year in review",
            "What {year} taught us about {adj} {nouns}",
        )
        template = self.rng.choice(forms)
        text = re.sub(
            r"\{(\w+)\}",
            lambda m: (
                self._slot(m.group(1).lower()).capitalize()
                if m.group(1)[0].isupper()
                else self._slot(m.group(1))
            ),
            template,
        )
        return text[0].upper() + text[1:]

    def url(self) -> str:
        path = "-".join(self.pick("noun") for _ in range(self.rng.randint(2, 4)))
        return f"https://{self.pick('domain')}/{self.pick('noun')}s/{path}"

    def link(self) -> str:
        return f"[{self.phrase(self.rng.randint(2, 3))}]({self.url()})"

    def markdown_paragraph(self) -> str:
        """A paragraph with now and then a link, a bold lead-in or inline code."""
        text = self.paragraph()
        roll = self.rng.random()
        if roll < 0.35:
            text += f" See {self.link()} for the details."
        elif roll < 0.5:
            text = f"**{self.phrase(2).capitalize()}.** {text}"
        elif roll < 0.6:
            text += f" The `{self.pick('noun')}_{self.pick('noun')}` flag {self.pick('verb_s')} it."
        return text

    def bullets(self, low: int = 3, high: int = 6) -> list[str]:
        return [self.clause().capitalize() for _ in range(self.rng.randint(low, high))]


@dataclass(frozen=True)
class ReviewFile:
    name: str
    text: str


def front_matter_review(prose: Prose, title: str, published: date, size: int) -> str:
    rng = prose.rng
    tags = sorted({prose.pick("noun") for _ in range(3)})
    lines = [
        "---",
        f'title: "{title}"',
        f'description: "{prose.sentence()}"',
        f"pubDatetime: {published.isoformat()}T00:00:00Z",
        f"tags: {json.dumps(tags)}",
        f"featured: {'true' if rng.random() < 0.2 else 'false'}",
        "draft: false",
        "---",
        "",
        prose.markdown_paragraph(),
    ]
    while _length(lines) < size:
        lines += ["", f"## {prose.heading()}"]
        for sub in range(1, rng.randint(2, 4) + 1):
            lines += ["", f"### {sub}. {prose.heading()}", prose.markdown_paragraph()]
            if rng.random() < 0.3:
                lines += ["", *(f"- {item}" for item in prose.bullets())]
    return "\n".join(lines) + "\n"


def bare_markdown_review(prose: Prose, title: str, size: int) -> str:
    rng = prose.rng
    lines = [f"# Report:  {title}", "", prose.markdown_paragraph()]
    section = 0
    while _length(lines) < size:
        section += 1
        lines += ["", "", f"## {section}. {prose.heading()}"]
        for _ in range(rng.randint(2, 4)):
            lines += ["", prose.markdown_paragraph()]
        if rng.random() < 0.4:
            marker = "1." if rng.random() < 0.5 else "-"
            lines += ["", *(f"{marker} {item}." for item in prose.bullets())]
    return "\n".join(lines) + "\n"


def plain_text_review(prose: Prose, title: str, size: int) -> str:
    """One paragraph per line, numbered section lines, bullets, bare URLs and a sign-off."""
    rng = prose.rng
    lines = [title, prose.paragraph(3, 5), prose.paragraph(2, 4)]
    section = 0
    while _length(lines) < size:
        section += 1
        lines += [f"{section}. {prose.heading()}", prose.paragraph()]
        for sub in range(1, rng.randint(1, 3) + 1):
            lines += ["", f"{section}.{sub} {prose.heading()}", prose.paragraph()]
            if rng.random() < 0.35:
                lines += [f"{prose.sentence()[:-1]}:", *(f"- {item}" for item in prose.bullets())]
            if rng.random() < 0.25:
                lines.append(f"{prose.paragraph(2, 3)} More at {prose.url()} for anyone curious.")
            lines.append(prose.paragraph())
        lines.append("")
    lines += ["", "Cheers,", prose.pick("name")]
    return "\n".join(lines) + "\n"


def _length(lines: list[str]) -> int:
    return sum(len(line.encode()) + 1 for line in lines)


def issue_file(prose: Prose, number: int, published: date, names: list[str]) -> str:
    listed = "\n".join(f"  - {name}" for name in names)
    intro = "\n\n".join(prose.paragraph(3, 5) for _ in range(3))
    return (
        f'---\ntitle: "Issue {number}: {prose.heading()}"\ndate: {published.isoformat()}\n'
        f'subject: "Issue {number}: {prose.heading()}"\npreheader: "{prose.sentence()}"\n'
        f"reviews:\n{listed}\n---\n{intro}\n"
    )


def issue_reviews(prose: Prose, published: date, count: int) -> list[ReviewFile]:
    rng = prose.rng
    files: list[ReviewFile] = []
    titles: set[str] = set()
    for index in range(count):
        title = prose.title()
        while title.lower() in titles:
            title = prose.title()
        titles.add(title.lower())
        size = int(rng.triangular(5_000, 28_000, 13_500))  # ~17,000 bytes written, like the seeds
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40].rstrip("-")
        shape = SHAPES[rng.randrange(len(SHAPES))]
        name = f"{index + 1:02d}-{slug}"
        if shape == "front-matter":
            written = published - timedelta(days=rng.randint(1, 6))
            files.append(ReviewFile(f"{name}.md", front_matter_review(prose, title, written, size)))
        elif shape == "bare-markdown":
            files.append(ReviewFile(f"{name}.md", bare_markdown_review(prose, title, size)))
        else:
            files.append(ReviewFile(f"{name}.txt", plain_text_review(prose, title, size)))
    return files


def issue_id(number: int) -> str:
    return f"issue-{number:03d}"


def generate(folder: Path, issues: int = 100, reviews: int = 10, seed: int = 2025) -> list[Path]:
    """Write digest.toml and issues/ into `folder`; returns the review files written."""
    prose = Prose(random.Random(seed))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "digest.toml").write_text(DIGEST_TOML, encoding="utf-8")
    written: list[Path] = []
    for number in range(1, issues + 1):
        published = FIRST_ISSUE_DATE + timedelta(weeks=number - 1)
        issue_folder = folder / "issues" / issue_id(number)
        issue_folder.mkdir(parents=True, exist_ok=True)
        files = issue_reviews(prose, published, reviews)
        for review in files:
            path = issue_folder / review.name
            path.write_text(review.text, encoding="utf-8")
            written.append(path)
        issue_text = issue_file(prose, number, published, [f.name for f in files])
        (issue_folder / "issue.md").write_text(issue_text, encoding="utf-8")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("folder", type=Path, help="where to write digest.toml and issues/")
    parser.add_argument("--issues", type=int, default=100)
    parser.add_argument("--reviews", type=int, default=10, help="reviews per issue")
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args(argv)
    written = generate(args.folder, args.issues, args.reviews, args.seed)
    total = sum(path.stat().st_size for path in written)
    print(f"{len(written)} reviews, {total / len(written) / 1000:.1f} KB on average, in {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
