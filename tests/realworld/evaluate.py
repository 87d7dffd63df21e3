"""Score digest's readers (and trafilatura, for comparison) on the real-world collection.

Run it with ``.venv/bin/python -m tests.realworld.evaluate``. It reads ``MANIFEST.json``
beside this file, runs ``digest.sources.reviews.read_review`` over the posts and
``digest.sources.importer.read_article`` over the saved pages, and prints one line per file and
the totals. trafilatura is optional: install it into the virtual environment
(``.venv/bin/pip install trafilatura``) to get its column; it is not a project dependency.

What counts as right:

- post: the title matches (whitespace-normalised, exact); the date is on the same
  calendar day, and at the same instant when the expectation has a time; the author
  matches (case-insensitive, containment either way) when one is expected.
- page: the title matches (case-, whitespace- and quote-style-insensitive); the author
  matches as above when one is expected; the date is on the same day when one is
  expected; and the word-level F1 of the body against ``NAME.expected.txt`` is >= 0.80.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "MANIFEST.json"
F1_THRESHOLD = 0.80
# Scripts written without spaces between words count one token per character.
TOKEN = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]|\w+")
QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"'})
MARKDOWN_NOISE = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images keep their alt text
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links keep their text
    (re.compile(r"<[^>]+>"), " "),  # inline HTML
)


@dataclass(frozen=True)
class Extracted:
    """What one reader found in one file; ``error`` is set when it refused the file."""

    title: str | None = None
    date: datetime | date | None = None
    author: str | None = None
    tags: tuple[str, ...] = ()
    body: str = ""
    error: str | None = None
    description: str | None = None
    source_url: str | None = None


@dataclass(frozen=True)
class Score:
    file: str
    kind: str
    title: bool
    date: bool | None  # None: no date expected for a page
    author: bool | None  # None: no author expected
    f1: float | None  # pages only
    error: str | None = None
    # What the seventh round's expectations add (None where the entry does not say): every
    # author named, the description, the canonical link, the body's first words. Reported
    # beside the score, not part of "right", so older rounds' figures stay comparable.
    extras: tuple[tuple[str, bool], ...] = ()
    # Since the nineteenth round: the post's tags as expected (in any order, each as often as
    # expected), None where the entry writes none. Reported apart from the extras, which the
    # tests of earlier rounds require all met, and from "right".
    tags: bool | None = None

    @property
    def right(self) -> bool:
        checks = [self.title, self.date is not False, self.author is not False]
        if self.f1 is not None:
            checks.append(self.f1 >= F1_THRESHOLD)
        return self.error is None and all(checks)


# --- the split: a development half to learn from, a held-out half to judge by ----------


def half(file: str) -> str:
    """'dev' or 'held', fixed by a hash of the file's name in the manifest: work from the
    development half's failures only, and report the held-out half as the honest score."""
    digest = hashlib.sha256(file.encode("utf-8")).hexdigest()
    return "dev" if int(digest[:8], 16) % 2 == 0 else "held"


# --- comparing ---------------------------------------------------------------------------


def squash(text: str | None) -> str:
    return " ".join((text or "").split())


def loose(text: str | None) -> str:
    return squash((text or "").translate(QUOTES)).casefold()


def title_matches(expected: str, actual: str | None, *, strict: bool) -> bool:
    if strict:
        return squash(expected) == squash(actual)
    return loose(expected) == loose(actual)


def author_matches(expected: str | None, actual: str | None) -> bool | None:
    if expected is None:
        return None
    want, got = loose(expected), loose(actual)
    return bool(got) and (want in got or got in want)


def parse_expected_date(value: str) -> datetime | date:
    if "T" in value or " " in value:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    return date.fromisoformat(value)


def as_datetime(value: Any) -> datetime | date | None:
    """A reader's date: a datetime, a date, or an ISO string (trafilatura)."""
    if value is None or isinstance(value, datetime | date):
        return value
    try:
        return parse_expected_date(str(value))
    except ValueError:
        return None


def date_matches(expected: str | None, actual: datetime | date | None, *, required: bool) -> bool | None:
    """Same calendar day (in the expectation's own offset), and same instant when it has a time."""
    if expected is None:
        return (actual is None) if required else None
    if actual is None:
        return False
    want = parse_expected_date(expected)
    if not isinstance(want, datetime):
        return _day(actual) == want
    if not isinstance(actual, datetime):
        return False
    if want.tzinfo is not None and actual.tzinfo is not None:
        return actual == want
    return actual.replace(tzinfo=None) == want.replace(tzinfo=None)


def _day(value: datetime | date) -> date:
    if isinstance(value, datetime):
        return value.date()
    return value


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text.casefold())


def body_words(text: str) -> list[str]:
    """The words of a body or of an expected phrase, read alike: '_' (Markdown's emphasis in a
    body, part of a name such as `insert_many` in either) splits words on both sides, and soft
    hyphens are no characters (before the eighteenth round only the body's were split, so an
    expected phrase holding a name with '_' never matched)."""
    return tokens(text.replace("_", " ").replace("\u00ad", ""))


def markdown_text(markdown: str) -> str:
    for pattern, replacement in MARKDOWN_NOISE:
        markdown = pattern.sub(replacement, markdown)
    return markdown


def word_f1(reference: str, candidate: str) -> float:
    want, got = Counter(tokens(reference)), Counter(tokens(candidate))
    common = sum((want & got).values())
    if not common:
        return 0.0
    precision, recall = common / sum(got.values()), common / sum(want.values())
    return 2 * precision * recall / (precision + recall)


# --- running the readers -------------------------------------------------------------------


def digest_post(path: Path) -> Extracted:
    from digest.sources.reviews import read_review

    try:
        review = read_review(path)
    except Exception as exc:  # a refusal is a result to report, not a crash
        return Extracted(error=f"{type(exc).__name__}: {exc}")
    return Extracted(
        review.title,
        review.date,
        review.author,
        review.tags,
        review.body,
        description=review.description,
        source_url=review.source_url,
    )


def digest_page(path: Path) -> Extracted:
    from digest.sources.importer import read_article

    try:
        draft = read_article(path)
    except Exception as exc:
        return Extracted(error=f"{type(exc).__name__}: {exc}")
    return Extracted(
        draft.title,
        draft.date,
        draft.author,
        draft.tags,
        markdown_text(draft.body),
        description=draft.description,
        source_url=draft.source_url,
    )


def trafilatura_page(path: Path) -> Extracted:
    import trafilatura

    try:
        found = trafilatura.bare_extraction(path.read_bytes(), with_metadata=True)
    except Exception as exc:
        return Extracted(error=f"{type(exc).__name__}: {exc}")
    if found is None:
        return Extracted(error="nothing extracted")
    data = found if isinstance(found, dict) else found.as_dict()
    return Extracted(
        data.get("title"),
        as_datetime(data.get("date")),
        data.get("author"),
        (),
        data.get("text") or "",
        description=data.get("description"),
        source_url=data.get("url"),
    )


def trafilatura_available() -> bool:
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        return False
    return True


# --- scoring -----------------------------------------------------------------------------


def load_manifest(path: Path = MANIFEST) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return entries


def score_post(entry: dict[str, Any], found: Extracted) -> Score:
    want = entry["expected"]
    if found.error:
        return Score(entry["file"], "post", False, False, False, None, found.error)
    return Score(
        entry["file"],
        "post",
        title_matches(want["title"], found.title, strict=True),
        bool(date_matches(want["date"], found.date, required=True)),
        author_matches(want["author"], found.author),
        None,
        extras=extras(want, found),
        tags=tags_match(want.get("tags"), found.tags),
    )


def tags_match(expected: list[str] | None, found: tuple[str, ...]) -> bool | None:
    if expected is None:
        return None
    return sorted(loose(tag) for tag in expected) == sorted(loose(tag) for tag in found)


def extras(want: dict[str, Any], found: Extracted) -> tuple[tuple[str, bool], ...]:
    """The further expectations an entry writes down, each matched or not."""
    checks: list[tuple[str, bool]] = []
    if want.get("authors"):
        got = loose(found.author)
        checks.append(("authors", all(loose(name) in got for name in want["authors"])))
    if "description" in want:
        checks.append(("description", loose(want["description"]) == loose(found.description)))
    if "canonical" in want:
        checks.append(("canonical", (want["canonical"] or None) == (found.source_url or None)))
    # Words, not characters: Markdown's emphasis and escapes (`**`, `\-`) are no difference.
    words = body_words(markdown_text(found.body))
    if want.get("body_start"):
        start, opening = " ".join(body_words(want["body_start"])), " ".join(words[:150])
        checks.append(("body start", f" {start} " in f" {opening} "))
    if want.get("body_end"):  # since the twelfth round: the article's last words are kept
        end, closing = " ".join(body_words(want["body_end"])), " ".join(words[-150:])
        checks.append(("body end", f" {end} " in f" {closing} "))
    if want.get("not_in_body"):  # and the page's chrome named here is left out
        body = f" {' '.join(words)} "
        kept = [phrase for phrase in want["not_in_body"] if f" {' '.join(body_words(phrase))} " in body]
        checks.append(("chrome left out", not kept))
    return tuple(checks)


def score_page(entry: dict[str, Any], found: Extracted, root: Path = HERE) -> Score:
    want = entry["expected"]
    if found.error:
        return Score(entry["file"], "page", False, False, False, 0.0, found.error)
    reference = (root / reference_name(entry["file"])).read_text(encoding="utf-8")
    return Score(
        entry["file"],
        "page",
        title_matches(want["title"], found.title, strict=False),
        date_matches(want["date"], found.date, required=False),
        author_matches(want["author"], found.author),
        word_f1(reference, found.body),
        extras=extras(want, found),
    )


def reference_name(file: str) -> str:
    return file.removesuffix(".html") + ".expected.txt"


def evaluate(
    entries: Iterable[dict[str, Any]],
    kind: str,
    reader: Callable[[Path], Extracted],
    root: Path = HERE,
) -> list[Score]:
    scorer = score_post if kind == "post" else score_page
    return [scorer(entry, reader(root / entry["file"])) for entry in entries if entry["kind"] == kind]


# --- reporting ---------------------------------------------------------------------------


def mark(value: bool | None) -> str:
    return "-" if value is None else ("ok" if value else "NO")


def row(score: Score) -> str:
    f1 = "" if score.f1 is None else f"{score.f1:5.2f}"
    line = (
        f"  {score.file[:58]:58} {mark(score.title):>5} {mark(score.date):>4} {mark(score.author):>6} {f1:>5}"
    )
    line += f" {'RIGHT' if score.right else 'wrong':>5}"
    return line + (f"  [{score.error[:60]}]" if score.error else "")


def totals(scores: list[Score]) -> dict[str, Any]:
    dated = [s for s in scores if s.date is not None]
    authored = [s for s in scores if s.author is not None]
    f1s = [s.f1 for s in scores if s.f1 is not None]
    tagged = [s.tags for s in scores if s.tags is not None]
    return {
        "files": len(scores),
        "titles": sum(s.title for s in scores),
        "dates": f"{sum(bool(s.date) for s in dated)}/{len(dated)}",
        "bylines": f"{sum(bool(s.author) for s in authored)}/{len(authored)}",
        "f1_mean": round(sum(f1s) / len(f1s), 3) if f1s else None,
        "right": sum(s.right for s in scores),
        "errors": sum(s.error is not None for s in scores),
        **({"tags": f"{sum(tagged)}/{len(tagged)}"} if tagged else {}),
        **{
            name: f"{sum(ok for n, ok in checks if n == name)}/{sum(n == name for n, _ in checks)}"
            for checks in [[check for s in scores for check in s.extras]]
            for name in dict.fromkeys(n for n, _ in checks)
        },
    }


def report(name: str, scores: list[Score], show: str = "all") -> list[str]:
    header = f"  {'file':58} {'title':>5} {'date':>4} {'author':>6} {'F1':>5} {'':>5}"
    shown = [score for score in scores if show == "all" or half(score.file) == show]
    lines = [f"{name} ({len(scores)} files)", header, *(row(score) for score in shown)]
    for label, part in (
        ("all", scores),
        *((each, [s for s in scores if half(s.file) == each]) for each in ("dev", "held")),
    ):
        summary = totals(part)
        lines.append(f"  totals ({label}): " + ", ".join(f"{key} {value}" for key, value in summary.items()))
    return [*lines, ""]


def main() -> int:
    show = sys.argv[1] if len(sys.argv) > 1 else "all"  # all, dev or held: the rows listed
    entries = load_manifest()
    lines = report("digest: posts (read_review)", evaluate(entries, "post", digest_post), show)
    lines += report("digest: pages (read_article)", evaluate(entries, "page", digest_page), show)
    if trafilatura_available():
        lines += report(
            "trafilatura: pages (bare_extraction)", evaluate(entries, "page", trafilatura_page), show
        )
    else:
        lines.append("trafilatura is not installed: .venv/bin/pip install trafilatura")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
