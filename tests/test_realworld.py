"""The real-world collection stays intact (every file listed, unedited, with a licence), and
digest reads it as well as measured: the development half at the issue's target (90% right),
the held-out half and the whole collection at no less than their last measured scores, and
better than trafilatura on the pages. The numbers are in tests/realworld/README.md
(`python -m tests.realworld.evaluate`).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.realworld import evaluate

ROOT = evaluate.HERE
ENTRIES = evaluate.load_manifest()
REQUIRED = ("file", "kind", "source_repo", "source_path", "commit", "license", "format", "expected", "notes")


def _collection_files() -> set[str]:
    folders = (ROOT / "posts", ROOT / "pages")
    return {
        path.relative_to(ROOT).as_posix()
        for folder in folders
        for path in folder.rglob("*")
        if path.is_file()
    }


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _ids(entry: dict[str, Any]) -> str:
    return str(entry["file"])


def test_every_file_is_listed_once() -> None:
    listed = [entry["file"] for entry in ENTRIES] + [
        e["reference_file"] for e in ENTRIES if e["kind"] == "page"
    ]
    assert len(listed) == len(set(listed))
    assert set(listed) == _collection_files()


def test_collection_is_big_enough() -> None:
    kinds = [entry["kind"] for entry in ENTRIES]
    assert kinds.count("post") >= 309
    assert kinds.count("page") >= 241
    halves = [evaluate.half(entry["file"]) for entry in ENTRIES]
    assert halves.count("dev") >= 30 and halves.count("held") >= 30


TARGET = 0.9
# The whole collection's score when last measured (README.md): a floor, never to fall below.
# Each failing file and its cause are in README.md.
POSTS_RIGHT_AT_LEAST = 306
PAGES_RIGHT_AT_LEAST = 229
# The held-out half's score when last measured: its pages fell below the target when the third
# round added pages from other sites, and are above it again after the fourth (87 of 94 after the
# sixth, 103 of 107 after the seventh, 106 of 110 after the eighth, 111 of 115 after the ninth,
# 117 of 117 after the tenth, 129 of 129 after the eleventh, 138 of 140 after the twelfth, 148 of 152
# after the thirteenth, 158 of 163 after the fourteenth, 168 of 174 after the fifteenth, 169 of 176
# after the sixteenth, 171 of 178 after the seventeenth, 176 of 184 after the eighteenth, 178 of 186
# after the nineteenth, 192 of 201 after the twentieth, 199 of 208 after the twenty-first, 204 of 215 after
# the twenty-second, 205 of 216 after the twenty-third, 210 of 222 after the twenty-fourth; README.md
# says which fail and why); the
# floor is the score. Posts:
# 138 of 139 after the seventh, 150 of 151 after the eighth, 166 of 167 after the ninth, 176 of
# 177 after the tenth, 188 of 189 after the twelfth, 201 of 201 after the thirteenth, 211 of 211 after
# the fourteenth, 220 of 221 after the fifteenth, 230 of 231 after the sixteenth, 240 of 241 after
# the seventeenth, 244 of 245 after the eighteenth, 255 of 256 after the nineteenth, 265 of 267 after
# the twenty-first, 263 of 265 once its two all-rights-reserved posts were removed, 275 of 277 after
# the twenty-second, 278 of 280 posts and 205 of 216 pages after the twenty-third, 286 of 288 posts
# after the twenty-fourth, 293 of 296 after the twenty-fifth.
HELD_RIGHT_AT_LEAST = {"post": 292, "page": 210}


@pytest.fixture(scope="module")
def post_scores() -> list[evaluate.Score]:
    return evaluate.evaluate(ENTRIES, "post", evaluate.digest_post)


@pytest.fixture(scope="module")
def page_scores() -> list[evaluate.Score]:
    return evaluate.evaluate(ENTRIES, "page", evaluate.digest_page)


def _right(scores: list[evaluate.Score], half: str | None = None) -> tuple[int, int]:
    chosen = [s for s in scores if half is None or evaluate.half(s.file) == half]
    return sum(s.right for s in chosen), len(chosen)


def test_development_half_reaches_the_target(
    post_scores: list[evaluate.Score], page_scores: list[evaluate.Score]
) -> None:
    for scores in (post_scores, page_scores):
        right, total = _right(scores, "dev")
        assert right >= TARGET * total, [evaluate.row(s) for s in scores if not s.right]


def test_held_out_half_keeps_its_measured_score(
    post_scores: list[evaluate.Score], page_scores: list[evaluate.Score]
) -> None:
    for kind, scores in (("post", post_scores), ("page", page_scores)):
        right, _ = _right(scores, "held")
        assert right >= HELD_RIGHT_AT_LEAST[kind], [evaluate.row(s) for s in scores if not s.right]


def test_whole_collection_keeps_its_measured_score(
    post_scores: list[evaluate.Score], page_scores: list[evaluate.Score]
) -> None:
    assert _right(post_scores)[0] >= POSTS_RIGHT_AT_LEAST, [
        evaluate.row(s) for s in post_scores if not s.right
    ]
    assert _right(page_scores)[0] >= PAGES_RIGHT_AT_LEAST, [
        evaluate.row(s) for s in page_scores if not s.right
    ]


def test_pages_are_read_better_than_by_trafilatura_alone(page_scores: list[evaluate.Score]) -> None:
    theirs = evaluate.evaluate(ENTRIES, "page", evaluate.trafilatura_page)
    assert _right(page_scores)[0] > _right(theirs)[0]
    assert _right(page_scores, "held")[0] > _right(theirs, "held")[0]


@pytest.mark.parametrize("entry", ENTRIES, ids=_ids)
def test_entry_has_the_required_fields(entry: dict[str, Any]) -> None:
    assert all(key in entry for key in REQUIRED)
    assert entry["kind"] in ("post", "page", "data")
    assert {"title", "date", "author"} <= entry["expected"].keys()
    if entry["kind"] == "data":  # a site file posts refer to (an authors file, a sidecar): not scored
        assert entry["expected"] == {"title": None, "date": None, "author": None}
    else:
        assert entry["expected"]["title"].strip()


@pytest.mark.parametrize("entry", ENTRIES, ids=_ids)
def test_entry_has_a_licence(entry: dict[str, Any]) -> None:
    assert isinstance(entry["license"], str) and entry["license"].strip()


@pytest.mark.parametrize("entry", ENTRIES, ids=_ids)
def test_file_is_unedited(entry: dict[str, Any]) -> None:
    path = ROOT / entry["file"]
    data = path.read_bytes()
    assert len(data) == entry["bytes"]
    assert _sha256(path) == entry["sha256"]
    assert entry["final_newline"] == data.endswith(b"\n")
    assert entry["line_endings"] == ("CRLF" if b"\r\n" in data else "LF")


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e["kind"] == "page"], ids=_ids)
def test_page_reference_is_unedited(entry: dict[str, Any]) -> None:
    reference = ROOT / entry["reference_file"]
    assert reference.name == evaluate.reference_name(Path(entry["file"]).name)
    assert _sha256(reference) == entry["reference_sha256"]


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e.get("source_chars")], ids=_ids)
def test_copied_text_has_the_stored_length(entry: dict[str, Any]) -> None:
    """Files copied from the search index: as many characters as the index reported, carriage
    returns counted (the index counts them, though it shows none), read in the encoding the
    manifest names where the page is not UTF-8."""
    text = (ROOT / entry["file"]).read_bytes().decode(entry.get("encoding", "utf-8"))
    assert len(text) == entry["source_chars"]


@pytest.mark.parametrize("entry", ENTRIES, ids=_ids)
def test_expected_dates_are_iso(entry: dict[str, Any]) -> None:
    value = entry["expected"]["date"]
    if value is not None:
        assert isinstance(evaluate.parse_expected_date(value), date)


def test_scoring_rules() -> None:
    assert evaluate.word_f1("a b c", "a b c") == 1.0
    assert evaluate.word_f1("a b", "c d") == 0.0
    assert evaluate.title_matches("It’s “here”", 'it\'s "HERE" ', strict=False)
    assert not evaluate.title_matches("Title", "title", strict=True)
    assert evaluate.author_matches("By Jane Doe", "jane doe")
    assert evaluate.author_matches(None, "anyone") is None
    assert evaluate.date_matches("2014-11-05", date(2014, 11, 5), required=True)
    assert evaluate.date_matches(None, None, required=True)
    assert evaluate.tokens("新华网 news") == ["新", "华", "网", "news"]
    assert {evaluate.half(entry["file"]) for entry in ENTRIES} == {"dev", "held"}


def test_the_body_end_and_the_chrome_left_out_are_checked_by_words() -> None:
    want = {"body_end": "We think not.", "not_in_body": ["Add your comment", "Story Tools"]}
    body = "Opening words.\n\nDoes the court need more? **We think** not.\n\n[Story tools](/tools)\n"
    assert dict(evaluate.extras(want, evaluate.Extracted(body=body))) == {
        "body end": True,
        "chrome left out": False,
    }
    assert dict(evaluate.extras(want, evaluate.Extracted(body="We think so, and the court agreed."))) == {
        "body end": False,
        "chrome left out": True,
    }


# --- the eighth round's real files ---------------------------------------------------------------

ROUND_8 = [
    entry
    for entry in evaluate.load_manifest()
    if entry["kind"] != "data"
    and (
        "/postlight8-" in entry["file"]
        or entry["file"].split("-")[0][6:] in {"311", "324", "326", "327", "335", "340", "343", "344"}
    )
]


def test_the_round_is_all_there() -> None:
    kinds = [entry["kind"] for entry in ROUND_8]
    assert kinds.count("post") == 12 and kinds.count("page") == 3


def _real_file_score(entry: dict[str, Any]) -> evaluate.Score:
    path = evaluate.HERE / entry["file"]
    if entry["kind"] == "post":
        return evaluate.score_post(entry, evaluate.digest_post(path))
    return evaluate.score_page(entry, evaluate.digest_page(path))


@pytest.mark.parametrize("entry", ROUND_8, ids=lambda entry: entry["file"])
def test_the_rounds_real_files_read_right(entry: dict[str, Any]) -> None:
    score = _real_file_score(entry)
    assert score.right, evaluate.row(score)
    assert all(passed for _, passed in score.extras), score.extras


# --- the ninth round's real files ----------------------------------------------------------------

ROUND_9 = [
    entry
    for entry in evaluate.load_manifest()
    if entry["kind"] != "data"
    and (
        entry["file"].split("-")[0]
        in {"pages/julialang9b", "pages/spark9d", "pages/flink9b", "pages/datafusion9d", "pages/tvm9b"}
        or entry["file"].split("-")[0][6:]
        in {"346", "354", "360", "361", "363", "365", "367", "369", "370", "371"}
    )
]


def test_the_ninth_round_is_all_there() -> None:
    kinds = [entry["kind"] for entry in ROUND_9]
    assert kinds.count("post") == 16 and kinds.count("page") == 5


@pytest.mark.parametrize("entry", ROUND_9, ids=lambda entry: entry["file"])
def test_the_ninth_rounds_real_files_read_right(entry: dict[str, Any]) -> None:
    score = _real_file_score(entry)
    assert score.right, evaluate.row(score)


# --- the tenth round's real files ----------------------------------------------------------------

ROUND_10 = [
    entry
    for entry in evaluate.load_manifest()
    if entry["kind"] != "data"
    and (
        entry["file"].startswith("pages/readability10")
        or entry["file"].split("-")[0][6:] in {"374", "375", "394", "397"}
    )
]


def test_the_tenth_round_is_all_there() -> None:
    kinds = [entry["kind"] for entry in ROUND_10]
    assert kinds.count("post") == 10 and kinds.count("page") == 2


@pytest.mark.parametrize("entry", ROUND_10, ids=lambda entry: entry["file"])
def test_the_tenth_rounds_real_files_read_right(entry: dict[str, Any]) -> None:
    score = _real_file_score(entry)
    assert score.right, evaluate.row(score)


# --- the eleventh round's real files --------------------------------------------------------------

ROUND_11 = [
    entry
    for entry in evaluate.load_manifest()
    if entry["file"].split("-")[0]
    in {"pages/unfluff11", "pages/unfluff11a", "pages/unfluff11b", "pages/newspaper11"}
]


def test_the_eleventh_round_is_all_there() -> None:
    assert [entry["kind"] for entry in ROUND_11] == ["page"] * 12


@pytest.mark.parametrize("entry", ROUND_11, ids=lambda entry: entry["file"])
def test_the_eleventh_rounds_real_files_read_right(entry: dict[str, Any]) -> None:
    score = _real_file_score(entry)
    assert score.right, evaluate.row(score)


# --- the twelfth round's real files ---------------------------------------------------------------

POST_ROUND_12_FILES = {"401", "402", "403", "404", "406", "408", "413", "415", "416", "417", "418", "419"}
POST_ROUND_12 = [
    entry for entry in evaluate.load_manifest() if entry["file"].split("-")[0][6:] in POST_ROUND_12_FILES
]


def test_the_twelfth_rounds_posts_are_all_there() -> None:
    assert [entry["kind"] for entry in POST_ROUND_12] == ["post"] * 12


@pytest.mark.parametrize("entry", POST_ROUND_12, ids=lambda entry: entry["file"])
def test_the_twelfth_rounds_posts_read_right(entry: dict[str, Any]) -> None:
    score = _real_file_score(entry)
    assert score.right, evaluate.row(score)


# --- the thirteenth round's real posts ---------------------------------------------------------------

POST_ROUND_13_FILES = {"420", "422", "423", "432", "439", "440", "444", "446", "448", "449", "451", "455"}
POST_ROUND_13 = [
    entry
    for entry in evaluate.load_manifest()
    if entry["kind"] == "post" and entry["file"].split("-")[0][6:] in POST_ROUND_13_FILES
]


def test_the_thirteenth_rounds_posts_are_all_there() -> None:
    assert len(POST_ROUND_13) == 12
    assert {evaluate.half(entry["file"]) for entry in POST_ROUND_13} == {"held"}


@pytest.mark.parametrize("entry", POST_ROUND_13, ids=lambda entry: entry["file"])
def test_the_thirteenth_rounds_posts_read_right(entry: dict[str, Any]) -> None:
    score = _real_file_score(entry)
    assert score.right, evaluate.row(score)
    assert all(passed for _, passed in score.extras), score.extras


PAGE_ROUND_12 = [
    entry
    for entry in evaluate.load_manifest()
    if entry["file"].split("-")[0] in {"pages/unfluff12", "pages/unfluff12a", "pages/unfluff12b"}
]
# Wrong after the round (README.md, twelfth round): the episode page's list of stories leaves as
# teasers of other pages (F1 0.72); the wire story's date is its metadata's (a day after the
# byline's).
PAGE_WRONG_12 = {"pages/unfluff12-marketplace.html", "pages/unfluff12b-huffingtonPost2.html"}
# Right, but a contact line ('Questions? Comments? Email us at') stays after the post.
PAGE_CHROME_KEPT_12 = {"pages/unfluff12b-cnbc1.html"}


def test_the_twelfth_rounds_pages_are_all_there() -> None:
    assert [entry["kind"] for entry in PAGE_ROUND_12] == ["page"] * 11


@pytest.mark.parametrize(
    "entry", [e for e in PAGE_ROUND_12 if e["file"] not in PAGE_WRONG_12], ids=lambda entry: entry["file"]
)
def test_the_twelfth_rounds_pages_read_right(entry: dict[str, Any]) -> None:
    score = _real_file_score(entry)
    assert score.right, evaluate.row(score)
    if entry["file"] not in PAGE_CHROME_KEPT_12:
        assert all(passed for _, passed in score.extras), score.extras


# --- the thirteenth round's real files ------------------------------------------------------------

PAGE_ROUND_13 = [
    entry
    for entry in evaluate.load_manifest()
    if entry["file"].split("-")[0]
    in {
        "pages/ukeeper13", "pages/ukeeper13b", "pages/postlight13", "pages/postlight13c", "pages/postlight13e",
        "pages/twnews13", "pages/twnews13a", "pages/twnews13d",
    }
]  # fmt: skip
# Wrong after the round (README.md, thirteenth round): the vulnerability record is titled by its
# identifier (the <title>'s), not by the vulnerability's name in its second heading; the news
# agency's story keeps its photo's caption, which repeats its one paragraph, and is credited to
# the agency its <meta name=author> names.
PAGE_WRONG_13 = {"pages/postlight13-jvndb.jvn.jp.html", "pages/twnews13-cna.html"}
# Right, but chrome stays: the next and previous articles' links (publickey1), an app's promotion
# (ltn), the first picture's credit line missed at the text's start (Naver).
PAGE_EXTRAS_MISSED_13 = {
    "pages/postlight13e-www.publickey1.jp.html", "pages/twnews13-ltn.html", "pages/postlight13-m.blog.naver.com.html",
}  # fmt: skip


def test_the_thirteenth_rounds_pages_are_all_there() -> None:
    assert [entry["kind"] for entry in PAGE_ROUND_13] == ["page"] * 12
    assert all(evaluate.half(entry["file"]) == "held" for entry in PAGE_ROUND_13)


@pytest.mark.parametrize(
    "entry", [e for e in PAGE_ROUND_13 if e["file"] not in PAGE_WRONG_13], ids=lambda entry: entry["file"]
)
def test_the_thirteenth_rounds_pages_read_right(entry: dict[str, Any]) -> None:
    score = _real_file_score(entry)
    assert score.right, evaluate.row(score)
    if entry["file"] not in PAGE_EXTRAS_MISSED_13:
        assert all(passed for _, passed in score.extras), score.extras


# --- the fourteenth round's real posts ---------------------------------------------------------------

POST_ROUND_14_FILES = {"468", "471", "475", "477", "478", "480"}
POST_ROUND_14 = [
    entry
    for entry in evaluate.load_manifest()
    if entry["kind"] == "post" and entry["file"].split("-")[0][6:] in POST_ROUND_14_FILES
]


def test_the_fourteenth_rounds_posts_are_all_there() -> None:
    assert len(POST_ROUND_14) == 10
    assert {evaluate.half(entry["file"]) for entry in POST_ROUND_14} == {"held"}


@pytest.mark.parametrize("entry", POST_ROUND_14, ids=lambda entry: entry["file"])
def test_the_fourteenth_rounds_posts_read_right(entry: dict[str, Any]) -> None:
    score = _real_file_score(entry)
    assert score.right, evaluate.row(score)
    assert all(passed for _, passed in score.extras), score.extras


# --- the fourteenth round's real files ------------------------------------------------------------

PAGE_ROUND_14 = [
    entry
    for entry in evaluate.load_manifest()
    if entry["file"].split("-")[0]
    in {
        "pages/rubyreadability14a",
        "pages/unfluff14",
        "pages/unfluff14a",
        "pages/unfluff14b",
        "pages/unfluff14e",
    }
]
# Wrong after the round (README.md, fourteenth round): the encyclopedia article keeps its episode
# and soundtrack tables and its references, which the reference leaves out (F1 0.66).
PAGE_WRONG_14 = {"pages/unfluff14-wikipedia1.html"}
# Right, but: the opening line outside any paragraph is missed (businessinsider2); the comment
# policy notice stays after the story (cnn_arabic); a picture's alt text and a site-search line stay
# (msn1).
PAGE_EXTRAS_MISSED_14 = {
    "pages/unfluff14e-businessinsider2.html", "pages/unfluff14a-cnn_arabic.html", "pages/unfluff14-msn1.html",
}  # fmt: skip


def test_the_fourteenth_rounds_pages_are_all_there() -> None:
    assert [entry["kind"] for entry in PAGE_ROUND_14] == ["page"] * 11
    assert all(evaluate.half(entry["file"]) == "held" for entry in PAGE_ROUND_14)


@pytest.mark.parametrize(
    "entry", [e for e in PAGE_ROUND_14 if e["file"] not in PAGE_WRONG_14], ids=lambda entry: entry["file"]
)
def test_the_fourteenth_rounds_pages_read_right(entry: dict[str, Any]) -> None:
    score = _real_file_score(entry)
    assert score.right, evaluate.row(score)
    if entry["file"] not in PAGE_EXTRAS_MISSED_14:
        assert all(passed for _, passed in score.extras), score.extras


# --- the fifteenth round's real posts ----------------------------------------------------------------

POST_ROUND_15_FILES = {"486", "491", "493", "495", "496", "498", "499", "500", "501"}
POST_ROUND_15 = [
    entry
    for entry in evaluate.load_manifest()
    if entry["kind"] == "post" and entry["file"].split("-")[0][6:] in POST_ROUND_15_FILES
]
# Wrong after the round (README.md, fifteenth round): the Foam meeting note is dated by the date its
# file name ends with, where the expectation, written blind, is no date.
POST_WRONG_15 = {"posts/491-foam/docs/dev/meeting-notes/foam-core-2020-07-11.md"}
# Right, but the Chinese post's 'subtitle' is read as its description, where none was expected.
POST_EXTRAS_MISSED_15 = {"posts/495-jekyll-huxpro/_posts/2015-05-11-see-u-ali.markdown"}


def test_the_fifteenth_rounds_posts_are_all_there() -> None:
    assert len(POST_ROUND_15) == 10
    assert {evaluate.half(entry["file"]) for entry in POST_ROUND_15} == {"held"}


@pytest.mark.parametrize(
    "entry", [e for e in POST_ROUND_15 if e["file"] not in POST_WRONG_15], ids=lambda entry: entry["file"]
)
def test_the_fifteenth_rounds_posts_read_right(entry: dict[str, Any]) -> None:
    score = _real_file_score(entry)
    assert score.right, evaluate.row(score)
    if entry["file"] not in POST_EXTRAS_MISSED_15:
        assert all(passed for _, passed in score.extras), score.extras


def test_the_fifteenth_rounds_embeds_gemtext_and_wiki_links_reach_the_text() -> None:
    from digest.sources.reviews import read_review

    devto = ROOT / "posts/500-devto-maxime1992/blog-posts/rxjs-avoid-an-easy-mistake-when-using-start-with"
    body = read_review(devto / "rxjs-avoid-an-easy-mistake-when-using-start-with.md").body
    assert body.count("](https://stackblitz.com/edit/") == 2 and "{%" not in body
    capsule = read_review(ROOT / "posts/493-gemtext-cranej/contents/blog/gemtext-simplicity-2023-08-10.gmi")
    assert capsule.format == "gemtext" and "=>" not in capsule.body
    assert '<a href="https://git.sr.ht/~gsthnz/gssg">[2] gssg</a>' in capsule.html
    foam = read_review(ROOT / "posts/491-foam/docs/dev/meeting-notes/foam-core-2020-07-11.md")
    assert "<li>todo: how do vs code" in foam.html and "../todo.md" not in foam.html


# --- the sixteenth round's real posts ----------------------------------------------------------------

POST_ROUND_16_FILES = {"504", "505", "518", "519", "522", "525", "526", "527"}
POST_ROUND_16 = [
    entry
    for entry in evaluate.load_manifest()
    if entry["kind"] == "post" and entry["file"].split("-")[0][6:] in POST_ROUND_16_FILES
]


def test_the_sixteenth_rounds_posts_are_all_there() -> None:
    assert len(POST_ROUND_16) == 10
    assert {evaluate.half(entry["file"]) for entry in POST_ROUND_16} == {"held"}


@pytest.mark.parametrize("entry", POST_ROUND_16, ids=lambda entry: entry["file"])
def test_the_sixteenth_rounds_posts_read_right(entry: dict[str, Any]) -> None:
    score = _real_file_score(entry)
    assert score.right, evaluate.row(score)
    assert all(passed for _, passed in score.extras), score.extras


def test_the_sixteenth_rounds_raw_fences_and_category_paths_reach_the_output() -> None:
    from digest.sources.reviews import read_review

    eleventy = ROOT / "posts/518-eleventy-chriskirknielsen/src/en/posts"
    grouped = read_review(eleventy / "2023-11-24-group-posts-by-year-with-nunjucks-in-eleventy/index.md")
    assert grouped.html.count('<pre><code class="language-njk">') == 3 and "raw %}" not in grouped.body
    assert "<p>I have a custom <code>dateFormat</code> filter" in grouped.html
    hexo = ROOT / "posts/525-hexo-youngjuning/source/_posts"
    assert read_review(hexo / "Antd form TextArea 隐藏右下角.md").categories == ("前端", "antd")
    assert read_review(hexo / "Mac 切换 github 账号.md").categories == ("工具",)


# --- the seventeenth round's real posts ----------------------------------------------------------------

POST_ROUND_17_FILES = {"528", "529", "531", "532", "533", "534", "535", "540", "541", "545"}
POST_ROUND_17 = [
    entry
    for entry in evaluate.load_manifest()
    if entry["kind"] == "post" and entry["file"].split("-")[0][6:] in POST_ROUND_17_FILES
]


def test_the_seventeenth_rounds_posts_are_all_there() -> None:
    assert len(POST_ROUND_17) == 10
    assert {evaluate.half(entry["file"]) for entry in POST_ROUND_17} == {"held"}


@pytest.mark.parametrize("entry", POST_ROUND_17, ids=lambda entry: entry["file"])
def test_the_seventeenth_rounds_posts_read_right(entry: dict[str, Any]) -> None:
    score = _real_file_score(entry)
    assert score.right, evaluate.row(score)
    assert all(passed for _, passed in score.extras), score.extras


def test_the_seventeenth_rounds_tweet_anchors_and_note_tags_reach_the_output() -> None:
    from digest.sources.reviews import read_review

    lambdas = read_review(ROOT / POST_ROUND_17[8]["file"])
    assert '<p><a href="https://x.com/julianhyde/status/1950681730568143094">' in lambdas.html
    korean = read_review(ROOT / POST_ROUND_17[0]["file"])
    assert [section.anchor for section in korean.sections] == ["작업", "문제링크", "문제분석", "전체코드"]
    assert read_review(ROOT / POST_ROUND_17[7]["file"]).tags == ("mintter", "happori")


# --- the eighteenth round's real pages ----------------------------------------------------------------

PAGE_ROUND_18 = [
    entry
    for entry in evaluate.load_manifest()
    if entry["file"].startswith(("pages/breadability18-", "pages/snacktory18-", "pages/omnivore18-"))
]
# Right, but: the beehiiv issue loses its sign-off (two linked names) and keeps the readers' poll
# after it; the Substack e-mail keeps a photograph's caption and loses its closing link line; the
# TLDR issue loses its stories' linked headlines, which trafilatura drops (README.md, eighteenth round).
# Wrong after the round (README.md, eighteenth round): Axios AM's e-mail, added after the round's rules
# and read blind by them, is titled by a declared title naming another newsletter, misses its byline
# ('By / Mike Allen / · / Sep 20, 2022' under a masthead that is no heading) and keeps the whole mail.
PAGE_WRONG_18 = {"pages/omnivore18-axios-am-email.html"}
PAGE_EXTRAS_MISSED_18 = {
    "pages/omnivore18-milkroad.com.html",
    "pages/omnivore18-substack-email-20percent.berlin.html",
    "pages/omnivore18-newsletter-tldr.tech.html",
}


def test_the_eighteenth_rounds_pages_are_all_there() -> None:
    assert [entry["kind"] for entry in PAGE_ROUND_18] == ["page"] * 6
    assert all(evaluate.half(entry["file"]) == "held" for entry in PAGE_ROUND_18)


@pytest.mark.parametrize(
    "entry", [e for e in PAGE_ROUND_18 if e["file"] not in PAGE_WRONG_18], ids=lambda entry: entry["file"]
)
def test_the_eighteenth_rounds_pages_read_right(entry: dict[str, Any]) -> None:
    score = _real_file_score(entry)
    assert score.right, evaluate.row(score)
    if entry["file"] not in PAGE_EXTRAS_MISSED_18:
        assert all(passed for _, passed in score.extras), score.extras


def test_the_eighteenth_rounds_newsletters_keep_their_dates_and_writers() -> None:
    from digest.sources.importer import read_article

    beehiiv = read_article(ROOT / "pages/omnivore18-milkroad.com.html")
    # the moment the <time> states, not the day the saving browser's zone showed ('April 9')
    assert beehiiv.date is not None and beehiiv.date.isoformat() == "2022-04-08T16:33:12+00:00"
    assert beehiiv.author == "Shaan Puri & Ben Levy"
    issue = read_article(ROOT / "pages/omnivore18-newsletter-tldr.tech.html")
    assert issue.date is not None and issue.date.date() == date(2023, 9, 11)
    assert any("heading 'TLDR 2023-09-11'" in guess for guess in issue.guesses)


# --- the twentieth round's real pages -----------------------------------------------------------------

PAGE_ROUND_20 = [
    entry
    for entry in evaluate.load_manifest()
    if entry["file"].startswith(("pages/trafilatura20", "pages/htmldate20"))
]
# Wrong after the round (README.md, twentieth round): a blog named after its writer, who is named only in
# the <title> ('headline « Dr. Phillip W. Brunst') and its footer; read right since the twenty-first round,
# which reads a footer signing the name the title ends with.
PAGE_WRONG_20: set[str] = set()
# Right, but the standfirst, the same words as the page's description, is kept as the description only.
PAGE_EXTRAS_MISSED_20 = {"pages/htmldate20a-wunderweib.html"}


def test_the_twentieth_rounds_pages_are_all_there() -> None:
    assert [entry["kind"] for entry in PAGE_ROUND_20] == ["page"] * 15
    assert all(evaluate.half(entry["file"]) == "held" for entry in PAGE_ROUND_20)


@pytest.mark.parametrize(
    "entry", [e for e in PAGE_ROUND_20 if e["file"] not in PAGE_WRONG_20], ids=lambda entry: entry["file"]
)
def test_the_twentieth_rounds_pages_read_right(entry: dict[str, Any]) -> None:
    score = _real_file_score(entry)
    assert score.right, evaluate.row(score)
    if entry["file"] not in PAGE_EXTRAS_MISSED_20:
        assert all(passed for _, passed in score.extras), score.extras


def test_the_twentieth_rounds_declared_values_are_read_as_the_page_shows_them() -> None:
    from digest.sources.importer import read_article

    scripted = read_article(ROOT / "pages/trafilatura20b-scmp.com.playbook.html")  # text only in JSON-LD
    assert any("articleBody" in guess for guess in scripted.guesses)
    assert read_article(ROOT / "pages/trafilatura20-faz.net.streaming.html").author == (
        "Benjamin Fischer, Marcus Theurer"
    )
    # the theme's maker in <meta name=author>; the post names no writer
    assert read_article(ROOT / "pages/trafilatura20-piratenpartei-mv.de.grundeinkommen.html").author is None
    guest = read_article(ROOT / "pages/htmldate20-horizont.net.html")  # not an embedded post's 2018 <time>
    assert guest.date is not None and guest.date.date() == date(2019, 1, 29)


# --- the twenty-first round's real pages ---------------------------------------------------------------

PAGE_ROUND_21 = [
    entry
    for entry in evaluate.load_manifest()
    if entry["file"].startswith(("pages/omnivore21", "pages/swiftreadability21"))
]
# Wrong after the round (README.md, twenty-first round): a personal site named after its writer, whose name
# is also the site's declared name and account (a brand's signs too); a newsletter's writer who signs in
# lower case ('j. b. crawford').
PAGE_WRONG_21 = {"pages/omnivore21d-moxie.org.html", "pages/omnivore21-computer.rip.html"}
# Right, but the Ghost post's closing 'Discussion on HN' link, after an <hr>, is left out (its body end).
PAGE_EXTRAS_MISSED_21 = {"pages/omnivore21b-josephg.com.html"}


def test_the_twenty_first_rounds_pages_are_all_there() -> None:
    assert [entry["kind"] for entry in PAGE_ROUND_21] == ["page"] * 7
    assert all(evaluate.half(entry["file"]) == "held" for entry in PAGE_ROUND_21)
    assert all(entry["source_chars"] for entry in PAGE_ROUND_21)  # copied through the search index


@pytest.mark.parametrize(
    "entry", [e for e in PAGE_ROUND_21 if e["file"] not in PAGE_WRONG_21], ids=lambda entry: entry["file"]
)
def test_the_twenty_first_rounds_pages_read_right(entry: dict[str, Any]) -> None:
    score = _real_file_score(entry)
    assert score.right, evaluate.row(score)
    if entry["file"] not in PAGE_EXTRAS_MISSED_21:
        assert all(passed for _, passed in score.extras), score.extras


def test_the_twenty_first_rounds_rules_read_the_older_pages_too() -> None:
    from digest.sources.importer import read_article

    medium = read_article(ROOT / "pages/postlight16-medium.com.html")  # 'Aug8, 2016', its link to itself
    assert medium.date is not None and medium.date.date() == date(2016, 8, 8)
    assert read_article(ROOT / "pages/htmldate20e-pbrunst.de.html").author == "Dr. Phillip W. Brunst"
    issue = read_article(ROOT / "pages/omnivore21-computer.rip.html")  # '>>> 2020-11-28 the verboten band'
    assert issue.title == "the verboten band"
    review = read_article(
        ROOT / "pages/omnivore21a-rootsofprogress.org.html"
    )  # not the reviewed book's writer
    assert review.author == "Jason Crawford"
    ghost = read_article(
        ROOT / "pages/swiftreadability21-joanwestenberg.com.html"
    )  # the site is 'Westenberg.'
    assert ghost.author == "JA Westenberg"
    sphinx = read_article(ROOT / "pages/htmltext-webstruct-tutorial.html").body
    assert "Permalink to this headline" not in sphinx and "¶" not in sphinx


# --- the twenty-second round's real pages --------------------------------------------------------------

PAGE_ROUND_22 = [
    entry for entry in evaluate.load_manifest() if entry["file"].startswith("pages/swiftreadability22")
]
# Wrong after the round (README.md, twenty-second round): personal sites named after their writers, who are
# named only by the link to the home page ('{ Mario Zechner }', 'sean goedecke', the second in lower case),
# the address spelling the name as a brand's does.
PAGE_WRONG_22 = {
    "pages/swiftreadability22b-mariozechner.at.html",
    "pages/swiftreadability22a-seangoedecke.com.left-wing.html",
}
# Right, but the picture's caption the text opens with (a <center> under the <img>) is left out, as the
# extractor leaves it (their body start).
PAGE_EXTRAS_MISSED_22 = {
    "pages/swiftreadability22a-maurycyz.com.ngc4236.html",
    "pages/swiftreadability22-maurycyz.com.arp29.html",
}


def test_the_twenty_second_rounds_pages_are_all_there() -> None:
    assert [entry["kind"] for entry in PAGE_ROUND_22] == ["page"] * 7
    assert all(evaluate.half(entry["file"]) == "held" for entry in PAGE_ROUND_22)
    assert all(entry["source_chars"] for entry in PAGE_ROUND_22)  # copied through the search index


@pytest.mark.parametrize(
    "entry", [e for e in PAGE_ROUND_22 if e["file"] not in PAGE_WRONG_22], ids=lambda entry: entry["file"]
)
def test_the_twenty_second_rounds_pages_read_right(entry: dict[str, Any]) -> None:
    score = _real_file_score(entry)
    assert score.right, evaluate.row(score)
    if entry["file"] not in PAGE_EXTRAS_MISSED_22:
        assert all(passed for _, passed in score.extras), score.extras


def test_the_twenty_second_rounds_rules_read_the_older_pages_too() -> None:
    from digest.sources.importer import read_article

    # 'By / Mike Allen / · / Sep 20, 2022' under a masthead that is no heading
    assert read_article(ROOT / "pages/omnivore18-axios-am-email.html").author == "Mike Allen"


# --- the twenty-third round's real pages ----------------------------------------------------------------

PAGE_ROUND_23 = [
    entry for entry in evaluate.load_manifest() if entry["file"].startswith("pages/trafilatura23")
]
# Right, but the framed appeal inside the text ('Czytasz właśnie nowy rodzaj materiału …') is kept, as
# trafilatura keeps it (its chrome left out).
PAGE_EXTRAS_MISSED_23 = {"pages/trafilatura23b-klubjagiellonski.pl.urlop.html"}


def test_the_twenty_third_rounds_pages_are_all_there() -> None:
    assert [entry["kind"] for entry in PAGE_ROUND_23] == ["page"]
    assert all(evaluate.half(entry["file"]) == "held" for entry in PAGE_ROUND_23)
    assert all(entry["source_chars"] for entry in PAGE_ROUND_23)  # copied through the search index


@pytest.mark.parametrize("entry", PAGE_ROUND_23, ids=lambda entry: entry["file"])
def test_the_twenty_third_rounds_pages_read_right(entry: dict[str, Any]) -> None:
    score = _real_file_score(entry)
    assert score.right, evaluate.row(score)
    extras = [(name, passed) for name, passed in score.extras if name != "chrome left out"]
    if entry["file"] in PAGE_EXTRAS_MISSED_23:
        assert all(passed for _, passed in extras), score.extras
    else:
        assert all(passed for _, passed in score.extras), score.extras


def test_the_twenty_third_rounds_topic_in_the_author_slot_credits_no_one() -> None:
    from digest.sources.importer import read_article

    # the theme's author slot holds '#Krótko o przepisach prawa w Nowej Zelandii i Polsce'
    assert read_article(ROOT / "pages/trafilatura23b-klubjagiellonski.pl.urlop.html").author is None


# --- the nineteenth round's real posts ----------------------------------------------------------------

# 558 and 570 were removed after the twenty-first round (README.md, "Removed").
POST_ROUND_19_FILES = {"561", "562", "563", "565", "567", "568", "569", "571", "572"}
POST_ROUND_19 = [
    entry
    for entry in evaluate.load_manifest()
    if entry["kind"] == "post" and entry["file"].split("-")[0][6:] in POST_ROUND_19_FILES
]
# Right, but the Thai draft's 'subtitle:' is read as its description where the expectation, written
# blind from the site's jekyll-seo-tag (which does not read it), has none (README.md, nineteenth round).
POST_EXTRAS_MISSED_19 = {"posts/568-jekyll-th-ntsd/_posts/2020-4-6-data-structures-for-beginner-thai.md"}


def test_the_nineteenth_rounds_posts_are_all_there() -> None:
    assert len(POST_ROUND_19) == 9
    assert {evaluate.half(entry["file"]) for entry in POST_ROUND_19} == {"held"}


@pytest.mark.parametrize("entry", POST_ROUND_19, ids=lambda entry: entry["file"])
def test_the_nineteenth_rounds_posts_read_right(entry: dict[str, Any]) -> None:
    score = _real_file_score(entry)
    assert score.right, evaluate.row(score)
    assert score.tags, entry["expected"]["tags"]
    if entry["file"] not in POST_EXTRAS_MISSED_19:
        assert all(passed for _, passed in score.extras), score.extras


def test_the_nineteenth_rounds_jekyll_tags_and_draft_reach_the_output() -> None:
    from digest.sources.reviews import read_review

    by_number = {entry["file"].split("-")[0][6:]: ROOT / entry["file"] for entry in POST_ROUND_19}
    assert read_review(by_number["563"]).tags == ("Ruby", "Rails")  # 'tags: Ruby Rails', Jekyll's split
    assert read_review(by_number["568"]).draft  # 'published: false' after 'date:'
    assert not read_review(by_number["562"]).draft
    persian = read_review(by_number["561"])
    assert persian.title == "روزشمارِ موزونِ بعضی\u200cها" and '<p dir="rtl">' in persian.html
    lektor = read_review(ROOT / "posts/53-lektor-post1/contents.lr")  # read field by field since this round
    assert lektor.tags == ("tag1", "tag2") and "pub_date" not in lektor.body


# --- the twenty-first round's posts --------------------------------------------------------------

POST_ROUND_21_FILES = {"574", "582", "583", "585", "586", "588", "591", "592", "593", "597", "599"}
POST_ROUND_21 = [
    entry
    for entry in evaluate.load_manifest()
    if entry["kind"] == "post" and entry["file"].split("-")[0][6:] in POST_ROUND_21_FILES
]
# Wrong, and why (README.md, twenty-first round): the Spanish-keyed Astro article ('titulo:',
# 'fecha:', 'autor:' as its site's schema names them) is refused for having no title, and since the
# twenty-second round the refusal names the keys it saw; no per-language key table. The Greek page's
# 'keywords' (Hugo's meta keywords, not a taxonomy) are no longer read as its tags since then.
POST_MISSED_21 = {"591"}
POST_TAGS_MISSED_21: set[str] = set()


def _number(entry: dict[str, Any]) -> str:
    return str(entry["file"].split("-")[0][6:])


def test_the_twenty_first_rounds_posts_are_all_there() -> None:
    assert len(POST_ROUND_21) == 11
    assert {evaluate.half(entry["file"]) for entry in POST_ROUND_21} == {"held"}


@pytest.mark.parametrize("entry", POST_ROUND_21, ids=lambda entry: entry["file"])
def test_the_twenty_first_rounds_posts_read_right(entry: dict[str, Any]) -> None:
    score = _real_file_score(entry)
    if _number(entry) in POST_MISSED_21:
        assert not score.right and "no title" in (score.error or ""), evaluate.row(score)
        assert "'titulo', 'autor', 'portadaAlt', 'descripcion', 'fecha'" in (score.error or "")
        return
    assert score.right, evaluate.row(score)
    assert all(passed for _, passed in score.extras), score.extras
    assert score.tags is (_number(entry) not in POST_TAGS_MISSED_21), entry["expected"]["tags"]


def test_the_twenty_first_rounds_tags_files_quoted_tasks_and_note_tags_reach_the_output() -> None:
    from digest.sources.reviews import read_review

    by_number = {_number(entry): ROOT / entry["file"] for entry in POST_ROUND_21}
    turkish = read_review(by_number["583"])
    assert turkish.tags == (".NET", "Bellek")  # labels of the locale's tags.yml
    assert "truncate" not in turkish.html  # '{/* truncate */}', MDX's comment in a .md file
    assert read_review(by_number["585"]).tags == ("Свята Земля",)
    draft = read_review(by_number["588"])
    assert draft.draft and draft.html.count("<li>\u2610 ") == 5  # task items inside the block quote
    note = read_review(by_number["582"])  # in a vault (content/.obsidian/app.json beside it)
    assert note.tags == ("idea", "question", "question/answered") and note.date is not None
    assert read_review(by_number["586"]).draft  # Hugo's archetype: 'draft = true'


# --- the twenty-second round's posts -------------------------------------------------------------

# Ten in the first batch, then two (623, 627) read blind after the first batch's rules.
POST_ROUND_22_FILES = {"601", "602", "605", "606", "612", "613", "614", "617", "620", "622", "623", "627"}
POST_ROUND_22 = [
    entry
    for entry in evaluate.load_manifest()
    if entry["kind"] == "post" and _number(entry) in POST_ROUND_22_FILES
]


def test_the_twenty_second_rounds_posts_are_all_there() -> None:
    assert len(POST_ROUND_22) == 12
    assert {evaluate.half(entry["file"]) for entry in POST_ROUND_22} == {"held"}
    assert all(entry["source_chars"] for entry in POST_ROUND_22)  # copied through the search index


@pytest.mark.parametrize("entry", POST_ROUND_22, ids=lambda entry: entry["file"])
def test_the_twenty_second_rounds_posts_read_right(entry: dict[str, Any]) -> None:
    score = _real_file_score(entry)
    assert score.right, evaluate.row(score)
    assert all(passed for _, passed in score.extras), score.extras
    assert score.tags, entry["expected"]["tags"]


def test_the_twenty_second_rounds_rules_reach_the_output() -> None:
    from digest.sources.reviews import read_review

    by_number = {_number(entry): ROOT / entry["file"] for entry in POST_ROUND_22}
    hugo = read_review(by_number["613"])  # 'keywords: []' beside 'categories: [blog]'
    assert (hugo.tags, hugo.categories) == ((), ("blog",))
    for keywords_only in (
        "posts/326-hugo-istio/content/en/blog/2017/0.1-canary/index.md",
        "posts/574-hugo-json-el/el/compression/rar.el.md",
    ):
        assert read_review(ROOT / keywords_only).tags == ()  # Hugo's meta keywords are no tags
    assert read_review(ROOT / "posts/401-rustsec-advisory-db/RUSTSEC-2021-0003.md").tags == (
        "buffer-overflow",
        "heap-overflow",
        "unsound",
    )  # a RustSec advisory's free-form keywords are its tags
    splash = read_review(by_number["606"])  # text indented inside MDX components is no code
    assert "<pre>" not in splash.html and "<p>Include: navigare pe site" in splash.html
    thai = read_review(by_number["620"])  # '## heading {#id}': the braces are no heading text
    assert "{#" not in thai.html and thai.sections[0].title == "วิธีอ่านคู่มือนี้"
    assert any(note.startswith("line 43: an unresolved merge conflict") for note in thai.guesses)
    vietnamese = read_review(by_number["622"])
    assert any(note.startswith("line 8: an unresolved merge conflict") for note in vietnamese.guesses)
    older = read_review(ROOT / "posts/87-blogofile/002 - post 2.markdown")
    assert "{#a_custom_id}" not in older.html
    dutch = read_review(by_number["623"])  # PyMdown's blocks: '/// tip', '//// tab | Windows'
    assert "///" not in dutch.html and "<strong>Windows PowerShell</strong>" in dutch.html
    assert "{.internal-link" not in dutch.html  # attr_list after a link
    hungarian = read_review(by_number["627"])  # '!!! info' and its text indented by five spaces
    assert "!!!" not in hungarian.html and '<p>A "**my_second_user" jelentése:</p>' in hungarian.html
    quarto = read_review(ROOT / "posts/306-quarto-tjmahr/2017-01-11-repeatedly-calling-a-function/index.qmd")
    assert "alt=\"Google search for 'recursion' says 'Did you mean recursion?'\"" in quarto.html


# --- the twenty-third round's posts --------------------------------------------------------------

# Two English MDN pages collected after the macro rule (README.md: blind with main's code, then
# after), then a zh-CN page read blind to the slug rule.
POST_ROUND_23 = [
    entry
    for entry in evaluate.load_manifest()
    if entry["kind"] == "post" and _number(entry) in {"629", "630", "631"}
]


def test_the_twenty_third_rounds_posts_are_all_there() -> None:
    assert len(POST_ROUND_23) == 3
    assert {evaluate.half(entry["file"]) for entry in POST_ROUND_23} == {"held"}
    assert all(entry["source_chars"] for entry in POST_ROUND_23)  # copied through the search index


@pytest.mark.parametrize("entry", POST_ROUND_23, ids=lambda entry: entry["file"])
def test_the_twenty_third_rounds_posts_read_right(entry: dict[str, Any]) -> None:
    score = _real_file_score(entry)
    assert score.right, evaluate.row(score)
    assert all(passed for _, passed in score.extras), score.extras
    assert score.tags, entry["expected"]["tags"]


def test_the_twenty_third_rounds_rules_reach_the_output() -> None:
    from digest.sources.reviews import read_review

    by_number = {_number(entry): ROOT / entry["file"] for entry in POST_ROUND_23}
    cors = read_review(by_number["629"])  # a glossary macro with display text; a sidebar macro
    assert "consisting of transmitting HTTP headers, that determines" in cors.body
    assert "{{" not in cors.body and "<code>Access-Control-Allow-Origin</code>" in cors.html
    closest = read_review(by_number["630"])  # '{{domxref("Element")}}' is code; tables' macros go
    assert "method of the `Element` interface" in closest.body
    assert "{{" not in closest.body and "APIRef" not in closest.body
    older = read_review(by_number["631"])  # 'title' and 'slug' only: MDN's by its macros
    assert "不要使用 `array.length`，" in older.body and "{{" not in older.body
    ruby = read_review(ROOT / "posts/599-mdn-ja-ruby-macros/files/ja/web/html/element/ruby/index.md")
    assert "{{" not in ruby.body and "- `<rt>`" in ruby.body
    hugo = read_review(ROOT / "posts/614-hugo-news-relnotes/docs/content/en/news/0.20.2-relnotes/index.md")
    assert '<pre><code>[params]\n[params.colors]\nmain = "green"' in hugo.html


# --- the twenty-fourth round's posts -------------------------------------------------------------

# Eight posts read blind (README.md): a Swedish pandoc document, Bridgetown, OpenTelemetry in
# Ukrainian, vuepress-theme-hope, two of the Next.js starter's MDX posts, Docusaurus in Korean, then
# (a second batch) a Persian Docsy post.
POST_ROUND_24 = [
    entry
    for entry in evaluate.load_manifest()
    if entry["kind"] == "post" and _number(entry) in {"642", "645", "646", "647", "648", "649", "651", "652"}
]
# Where digest and the blind expectation disagree by the project's choice (README.md): Bulmatown's
# `subtitle` is read as the description, as the fifteenth round decided for the Hux theme's.
ROUND_24_DISAGREEMENTS = {"645": {"description"}}


def test_the_twenty_fourth_rounds_posts_are_all_there() -> None:
    assert len(POST_ROUND_24) == 8
    assert {evaluate.half(entry["file"]) for entry in POST_ROUND_24} == {"held"}
    assert all(entry["source_chars"] for entry in POST_ROUND_24)  # copied through the search index


@pytest.mark.parametrize("entry", POST_ROUND_24, ids=lambda entry: entry["file"])
def test_the_twenty_fourth_rounds_posts_read_right(entry: dict[str, Any]) -> None:
    score = _real_file_score(entry)
    assert score.right, evaluate.row(score)
    allowed = ROUND_24_DISAGREEMENTS.get(_number(entry), set())
    assert all(passed for name, passed in score.extras if name not in allowed), score.extras
    assert score.tags, entry["expected"]["tags"]


def test_the_twenty_fourth_rounds_rules_reach_the_output() -> None:
    from digest.sources.reviews import read_review

    by_number = {_number(entry): ROOT / entry["file"] for entry in POST_ROUND_24}
    hope = read_review(by_number["647"])  # vuepress-theme-hope's singular `tag` list
    assert hope.tags == ("tag A", "tag B") and hope.categories == ("CategoryA", "CategoryB")
    swedish = read_review(by_number["642"])  # a YAML block closed by '...', as Pandoc allows
    assert swedish.author == "Karl Pettersson" and "classoption" not in swedish.html
    korean = read_review(by_number["651"])  # the locale's authors file names the writer
    assert korean.author == "조엘 마시(Joel Marcey)" and "truncate" not in korean.html
    persian = read_review(by_number["652"])  # Hugo's escaped shortcode shows the call it escapes
    assert (
        '```\n{{< imgproc sunset Crop "500x300" >}}\nImage cropped to 500x300\n{{< /imgproc >}}\n```'
        in persian.body
    )
    assert "\u200c" in persian.body and "/*" not in persian.body


# --- the twenty-fourth round's real pages ---------------------------------------------------------------

PAGE_ROUND_24 = [
    entry
    for entry in evaluate.load_manifest()
    if entry["file"].startswith(("pages/swiftreadability24", "pages/omnivore24"))
]
# antirez.com credits its writer only by a lower-case handle ('antirez', his user page's link beside
# '12 days ago'), which no rule reads as a name (README.md, "Failing files, by cause").
PAGE_WRONG_24 = {"pages/swiftreadability24-antirez.com.gnu.html"}
# Right, but the site-wide notice after the text ('Facts and circumstances may have changed since
# publication ...') is kept.
PAGE_EXTRAS_MISSED_24 = {
    "pages/swiftreadability24-xeiaso.net.dns-fight.html",
    "pages/swiftreadability24b-xeiaso.net.hospital-advice.html",
}


def test_the_twenty_fourth_rounds_pages_are_all_there() -> None:
    assert [entry["kind"] for entry in PAGE_ROUND_24] == ["page"] * 6
    assert all(evaluate.half(entry["file"]) == "held" for entry in PAGE_ROUND_24)
    assert all(entry["source_chars"] for entry in PAGE_ROUND_24)  # copied through the search index


@pytest.mark.parametrize(
    "entry", [e for e in PAGE_ROUND_24 if e["file"] not in PAGE_WRONG_24], ids=lambda entry: entry["file"]
)
def test_the_twenty_fourth_rounds_pages_read_right(entry: dict[str, Any]) -> None:
    score = _real_file_score(entry)
    assert score.right, evaluate.row(score)
    extras = [(name, passed) for name, passed in score.extras if name != "chrome left out"]
    if entry["file"] in PAGE_EXTRAS_MISSED_24:
        assert all(passed for _, passed in extras), score.extras
    else:
        assert all(passed for _, passed in score.extras), score.extras


def test_the_twenty_fourth_rounds_values_are_the_pages_own() -> None:
    from digest.sources.importer import read_article

    pages = ROOT / "pages"
    # the author card's heading 'About Ibrahim Diallo' had been read whole (containment scored it right)
    assert read_article(pages / "swiftreadability24-idiallo.com.tokens.html").author == "Ibrahim Diallo"
    giles = read_article(pages / "swiftreadability24-gilesthomas.com.llm-32m.html")
    assert giles.title == "Writing an LLM from scratch, part 32m -- Interventions: conclusion"
    assert giles.author == "Giles Thomas"  # not the menu's 'About', the declared Person's profile link
    assert read_article(pages / "swiftreadability24-antirez.com.gnu.html").date is None  # not 'in 2000'
    # signed in lower case in the footer, as the writer writes it
    assert read_article(pages / "omnivore24a-berthub.eu.vaccine.html").author == "bert hubert"


# --- the twenty-fifth round's posts --------------------------------------------------------------

# Eight texts with no metadata, read blind (README.md): a German post in bare Markdown with a byline
# line, three of Emacs's old plain-text essays with centred titles, three Go design documents (one removed: ../shared/corpus holds
# the same text), then (a second batch) a fourth whose byline writes its address's brackets as character references.
POST_ROUND_25 = [
    entry
    for entry in evaluate.load_manifest()
    if entry["kind"] == "post" and _number(entry) in {"653", "654", "656", "658", "660", "661", "668"}
]
# Not read right, by the project's choice (README.md): the writer named only by the copyright notice
# at the end ('Copyright 1996 Richard Stallman'); a copyright holder is no author
# (`test_a_copyright_line_is_not_an_author`).
ROUND_25_LEFT = {"656"}


def test_the_twenty_fifth_rounds_posts_are_all_there() -> None:
    assert len(POST_ROUND_25) == 7
    assert {evaluate.half(entry["file"]) for entry in POST_ROUND_25} == {"held"}
    assert all(entry["source_chars"] for entry in POST_ROUND_25)  # copied through the search index


@pytest.mark.parametrize("entry", POST_ROUND_25, ids=lambda entry: entry["file"])
def test_the_twenty_fifth_rounds_posts_read_right(entry: dict[str, Any]) -> None:
    score = _real_file_score(entry)
    if _number(entry) in ROUND_25_LEFT:
        assert (score.title, score.date, score.author) == (True, True, False), evaluate.row(score)
        return
    assert score.right, evaluate.row(score)
    assert all(passed for _, passed in score.extras), score.extras
    assert score.tags, entry["expected"]["tags"]


def test_the_twenty_fifth_rounds_rules_reach_the_output() -> None:
    from digest.sources.reviews import read_review

    by_number = {_number(entry): ROOT / entry["file"] for entry in POST_ROUND_25}
    german = read_review(by_number["653"])  # the byline's day, not the folder's a day later
    assert (german.author, german.date) == ("Autor", datetime(2024, 6, 21, tzinfo=UTC))
    essay = read_review(by_number["654"])  # the centred byline gives the byline shown above the text
    assert essay.author == "Richard Stallman" and "by Richard Stallman" not in essay.html
    assert essay.excerpt.startswith("Digital information")  # the header line opens no card (round 26)
    assert "<code>" not in essay.html
    column = read_review(by_number["658"])  # the name alone beside '[From Datamation, 1 March 1996]'
    assert column.author == "Richard Stallman" and column.date == datetime(1996, 3, 1, tzinfo=UTC)
    assert any("standing beside the date" in guess for guess in column.guesses)
    design = read_review(by_number["660"])  # 'Author(s): Sam Whited <sam@samwhited.com>'
    assert design.author == "Sam Whited"
    escaped = read_review(by_number["668"])  # 'Author(s): Nodir Turakulov &lt;nodir@google.com&gt;'
    assert escaped.author == "Nodir Turakulov"
