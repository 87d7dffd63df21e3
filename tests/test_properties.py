"""Properties of the review readers and the plain-text structurer, for any input hypothesis finds.

- reading any text (or any bytes) either gives a review or raises DigestError, never another error;
- every word of a plain-text review survives into its HTML;
- a title, whatever it holds, is text in every rendered page: never markup;
- plaintext.structure never raises.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import pickle
import re
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import lxml.html
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from digest.config import Config, FeedConfig
from digest.errors import DigestError
from digest.model import Issue, Review
from digest.render.email import compile_email, email_job
from digest.render.environment import Templates
from digest.render.site import SiteRenderer
from digest.render.web import issue_page, review_page
from digest.sources import plaintext
from digest.sources.issue import LoadedIssue, LoadedSummary
from digest.sources.reviews import parse, read_review, sniff
from digest.sources.site import Site

BOUNDED = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

NO_SURROGATES = st.characters(exclude_categories=["Cs"])  # what decoding UTF-8 can give
# Characters and pieces that steer the readers down their different paths, plus exotic text.
STEERING = [*"-+#*_[]()<>!`~:|&;'\"\\{}=./ \t\n\r", "\x00", "\x0c", "\x85", "\u2028", "\ufeff", "é", "😀"]
text_strategy = st.one_of(
    st.text(NO_SURROGATES),
    st.lists(st.sampled_from([*STEERING, "a", "b", "Title", "date", "x", "---", "# "])).map("".join),
)
HEADERS = ["---\n", "+++\n", "Title: A\nDate: 2025-01-02\n\n", "<!--\n.. title: A\n.. date: 2025\n-->\n", ""]
document_strategy = st.builds(
    lambda header, front, closer, body: header + front + closer + body,
    st.sampled_from(HEADERS),
    text_strategy,
    st.sampled_from(["\n---\n", "\n+++\n", "\n", ""]),
    text_strategy,
)
WORD = re.compile(r"[^\W_]+")


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def read_or_fail(path: Path) -> Review | None:
    try:
        return read_review(path)
    except DigestError:
        return None


@BOUNDED
@given(st.one_of(text_strategy, document_strategy))
def test_parsing_any_text_succeeds_or_raises_digest_error(text: str) -> None:
    with contextlib.suppress(DigestError):
        parse(text, Path("review.md"))


@BOUNDED
@given(
    st.one_of(
        document_strategy.map(lambda text: text.encode("utf-8", "surrogatepass")),
        st.binary(max_size=400),
        document_strategy.map(lambda text: text.encode("utf-16")),
        text_strategy.map(lambda text: text.encode("latin-1", "replace")),
    )
)
def test_reading_any_file_gives_a_review_or_a_digest_error(folder: Path, data: bytes) -> None:
    path = folder / "review.md"
    path.write_bytes(data)
    review = read_or_fail(path)
    if review is not None:
        assert review.title and review.title == " ".join(review.title.split())
        assert review.slug and re.fullmatch(r"[a-z0-9-]+", review.slug)


# Plain text: lines of words and punctuation, with blank lines, indentation and bullets among them.
PLAIN_PIECES = [*"abcdefghij KLMNOP 0123456789 ,.;:!?()'\"&<>/@%$é-•\t", "ß", "日本", "https://x.org/a"]
plain_line = st.lists(st.sampled_from(PLAIN_PIECES), max_size=60).map("".join)
plain_text_strategy = st.lists(
    st.one_of(plain_line, st.just(""), plain_line.map(lambda s: "- " + s)), min_size=1
).map("\n".join)


def expected_words(text: str) -> set[str]:
    """Every word of the text, except those of a trailing reader's comment and 'Contents' lines."""
    structured = plaintext.structure(text)
    assert structured is not None
    dropped = set(structured.dropped)
    lines = [line for line in text.split("\n") if line.rstrip() not in dropped]
    kept = [line for line in lines if line.strip().lower() not in plaintext.STRAY_LINES]
    return set(WORD.findall("\n".join(kept)))


@BOUNDED
@given(plain_text_strategy)
def test_every_word_of_plain_text_survives_into_the_html(folder: Path, text: str) -> None:
    assume(text.strip() and sniff(text) == "plain-text")
    path = folder / "review.txt"
    path.write_text(text, encoding="utf-8")
    review = read_review(path)
    shown = (
        lxml.html.fragment_fromstring(review.html, create_parent="div").text_content() + "\n" + review.title
    )
    missing = expected_words(text) - set(WORD.findall(shown))
    assert not missing, f"{sorted(missing)} lost from {review.html!r}"


def one_review_issue(review: Review) -> Issue:
    """The review in an issue of its own, dated as loading dates it: its own date, else the issue's."""
    date = datetime(2025, 1, 2, tzinfo=UTC)
    return Issue(
        id="issue-1",
        path=review.path.parent,
        title="Issue",
        date=date,
        subject="Issue",
        preheader="",
        intro="Hello.\n",
        intro_html="<p>Hello.</p>",
        reviews=(dataclasses.replace(review, date=review.date or date),),
    )


title_text = st.text(NO_SURROGATES, min_size=1).filter(lambda t: t.strip())
titled_document = st.one_of(
    title_text.map(lambda title: f"---\ntitle: {json.dumps(title)}\n---\nBody.\n"),
    title_text.map(lambda title: f"+++\ntitle = {json.dumps(title)}\n+++\nBody.\n"),
    title_text.map(lambda title: f"# {title}\n\nBody **text**.\n"),
    title_text.map(lambda title: f"{title}\n\nBody text.\n"),
)


def between(document: str, start: str, end: str) -> list[str]:
    return re.findall(re.escape(start) + r"(.*?)" + re.escape(end), document, re.DOTALL)


@BOUNDED
@given(titled_document)
def test_titles_are_text_in_every_page_never_markup(folder: Path, document: str) -> None:
    path = folder / "review.md"
    path.write_text(document, encoding="utf-8")
    review = read_or_fail(path)
    assume(review is not None)
    assert review is not None
    issue = one_review_issue(review)
    config = Config(root=folder)
    templates = Templates(config)
    page = review_page(templates, issue, review)
    for raw in [*between(page, "<h1>", "</h1>"), *between(page, "<title>", "</title>")]:
        assert "<" not in raw and ">" not in raw, raw
    assert lxml.html.document_fromstring(page).findtext(".//h1") == review.title
    for raw in between(issue_page(templates, issue), '<li><a href="#', "</a></li>"):
        assert "<" not in raw.split(">", 1)[1], raw
    email = lxml.html.document_fromstring(compile_email(email_job(templates, config, issue)))
    assert [h.text_content() for h in email.find_class("card-title")] == [review.title]


metadata_value = st.one_of(title_text, st.text(NO_SURROGATES), st.integers(), st.booleans(), st.none())
metadata = st.fixed_dictionaries(
    {"title": title_text},
    optional={
        "author": metadata_value,
        "description": metadata_value,
        "tags": st.one_of(metadata_value, st.lists(metadata_value, max_size=4)),
        "source": metadata_value,
        "slug": metadata_value,
    },
)


@settings(max_examples=100, deadline=None)
def site_of(config: Config, issue: Issue) -> Site:
    """A site of this one issue alone, as a build would load it (without a cache)."""
    key = hashlib.sha256(pickle.dumps(issue)).hexdigest()
    loaded = LoadedIssue(issue, (), key, ())
    return Site(config, None, loaded, [LoadedSummary(issue.summary(), (), key, ())])


@given(metadata, st.sampled_from(["issues", "reviews"]))
def test_any_metadata_renders_every_output(
    folder: Path, front: dict[str, object], entries: Literal["issues", "reviews"]
) -> None:
    path = folder / "review.md"
    lines = [f"{key}: {json.dumps(value)}" for key, value in front.items()]
    path.write_text("---\n" + "\n".join(lines) + "\n---\nBody.\n", encoding="utf-8")
    review = read_or_fail(path)
    assume(review is not None)
    assert review is not None
    issue = one_review_issue(review)
    config = Config(root=folder, feeds=FeedConfig(entries=entries))
    outputs = SiteRenderer(config, site_of(config, issue)).render()
    assert outputs[f"{issue.id}/email.html"].startswith(b"<!doctype html>")
    for content in outputs.values():
        content.decode("utf-8")


@settings(max_examples=200, deadline=None)
@given(st.one_of(text_strategy, plain_text_strategy))
def test_structure_never_raises(text: str) -> None:
    structured = plaintext.structure(text)
    if structured is None:
        assert not text.strip()
    else:
        assert structured.title and structured.title == " ".join(structured.title.split())
        assert structured.markdown.endswith("\n")
