"""A saved page's article text (digest.sources.importer.htmlbody)."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.sources.importer import read_article
from digest.sources.importer.articlefinder import KeptText
from digest.sources.importer.htmlbody import without_repeats
from tests.helpers import BODY_PROSE, ends_in_time, page_of
from tests.test_import_rules import PROSE, page, save

# --- saved pages: time -------------------------------------------------------------------------


def test_a_page_of_thousands_of_picture_cards_is_read_in_time(tmp_path: Path) -> None:
    card = "<div class=card><a href='/other'><img src=p.png></a> a caption</div>"
    # about 0.8 MB: trafilatura's fallback extractors alone took 33 s at 8,000 cards
    text = page_of(BODY_PROSE + card * 12_000)
    ends_in_time(tmp_path, "cards.html", text, "digest.sources.importer.read_article", limit=30)


def test_a_heading_link_of_a_hundred_thousand_spaces_is_read_in_time(tmp_path: Path) -> None:
    """The test for a wiki's '[edit]' link in a heading read a link's text of blanks in
    quadratic time: 8,000 spaces took five seconds, 100,000 (a 100 KB page) thirteen minutes
    (found by world18)."""
    heading = "<h2>A section <a href='/edit'>" + " " * 100_000 + "not an edit link</a></h2>"
    text = page_of(BODY_PROSE + heading + BODY_PROSE)
    ends_in_time(tmp_path, "blank-link.html", text, "digest.sources.importer.read_article")


@pytest.mark.parametrize("label", ["edit", "[edit]", " [ Edit ] ", "\n\t[bearbeiten]\n"])
def test_a_wiki_edit_link_in_a_heading_leaves_the_heading(tmp_path: Path, label: str) -> None:
    heading = f"<h2>The history<a href='/edit'>{label}</a></h2>"
    path = tmp_path / "wiki.html"
    path.write_text(page_of(BODY_PROSE + heading + BODY_PROSE), encoding="utf-8")
    body = read_article(path).body
    assert "The history" in body and "edit" not in body.lower() and "bearbeiten" not in body, body


def test_a_huge_page_gives_the_extractor_a_capped_part_and_keeps_its_whole_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # trafilatura's own extraction grows faster than the page (1.7 s at 20,000 paragraphs, 15 s at
    # 80,000): it judges the first elements only, and the article it places there keeps the rest
    import lxml.html
    import trafilatura

    from digest.sources.importer import articlefinder

    given: list[int] = []
    extract = trafilatura.extract

    def counting(html: str, **options: object) -> str | None:
        given.append(sum(1 for _ in lxml.html.document_fromstring(html).iter()))
        return extract(html, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(trafilatura, "extract", counting)
    monkeypatch.setattr(articlefinder, "EXTRACTED_UP_TO_ELEMENTS", 300)
    paragraphs = "".join(
        f"<p>Tide table {n}: the harbour master lists the high and low waters of day {n} for sailors.</p>"
        for n in range(1, 1201)
    )
    body = f"<nav><a href='/'>Home</a> <a href='/tides'>Tides</a></nav><article><h1>Tide tables</h1>{paragraphs}</article>"
    draft = read_article(save(tmp_path, page("<title>Tide tables</title>", body)))
    assert given and max(given) <= 300
    assert "Tide table 1:" in draft.body and "Tide table 1200:" in draft.body
    assert draft.body.count("Tide table ") == 1200 and "Home" not in draft.body


# --- pages: repeats, empty headings, escapes --------------------------------------------------------


def test_a_paragraph_said_twice_in_a_row_is_kept_once() -> None:
    twice = "Frankfurt (dpa) - The prize went to a novel about the old republic, told by a boy of thirteen."
    markdown = f"###\n\n{twice}\n\n{twice}\n\nAnother paragraph.\n\nShort line.\n\nShort line."
    assert without_repeats(markdown) == f"{twice}\n\nAnother paragraph.\n\nShort line.\n\nShort line."


def test_repeats_inside_code_stay() -> None:
    code = "```\nsame line of code that is long enough to count as words\n\nsame line of code that is long enough to count as words\n```"
    assert without_repeats(code) == code


def test_a_file_name_as_alt_text_is_dropped_and_reported(tmp_path: Path) -> None:
    body = (
        "<h1>Zuckerberg in 2005</h1><article>"
        "<p><img src='https://example.org/shot.png' alt='Screen Shot 2011-08-13 at 4.55.35 PM' "
        "title='Screen Shot 2011-08-13 at 4.55.35 PM'></p>"
        "<p><img src='https://example.org/harbour.jpg' alt='The harbour at dawn, 2011'></p>"
        f"{PROSE}</article>"
    )
    draft = read_article(save(tmp_path, page("", body)))
    assert "Screen Shot" not in draft.body
    assert "![The harbour at dawn, 2011](https://example.org/harbour.jpg)" in draft.body
    assert any("file name as alt text" in check for check in draft.checks)


@pytest.mark.parametrize(
    "alt", ["IMG_1234", "DSC_0042.JPG", "harbour-2.png", "Screenshot 2024-01-05 10:22:01"]
)
def test_file_names_as_alt_text(alt: str) -> None:
    from digest.sources.importer.savedimages import FILE_NAME_ALT

    assert FILE_NAME_ALT.fullmatch(alt)
    assert not FILE_NAME_ALT.fullmatch("Image 1: the harbour at dawn")


# --- body ---------------------------------------------------------------------------------------


def test_a_paragraph_hyphenated_with_invisible_marks_stays_in_the_body(tmp_path: Path) -> None:
    hyphenated = (
        "<p>The har\u00adbour master's table gives the height of each tide above chart da\u00adtum, "
        "and the sailor who reads it well knows when the chan\u200bnel is deep enough to leave.</p>"
    )
    html = page(
        "<meta property='og:title' content='Reading a tide table'>",
        f"<article><h1>Reading a tide table</h1>{hyphenated}{PROSE}</article>",
    )
    body = read_article(save(tmp_path, html)).body
    assert "who reads it well" in body and "Harbour masters publish" in body


SHORT = (
    "<p>Harbour masters publish tide tables every week, and the tables tell a sailor when the water is "
    "deep enough to leave the mooring.</p>"
)


SIGN_UP = (
    "<div class='subscribe-form'><form class='ajax' action='/subscribe'><div class='subscribe-form-lead'>"
    "<strong>Get the harbour letter!</strong><p>We send this letter about once a week, and you can "
    "unsubscribe from it at any moment you like.</p></div><input type='email' name='email'></form></div>"
)


COOKIES = (
    "<div class='cookiemsg' id='privacy-notice'><p>We tell you that this portal uses cookies. By going on "
    "using this portal you agree that we store and use cookies on your device.</p></div>"
)


def test_sign_up_forms_and_cookie_notices_leave_the_body(tmp_path: Path) -> None:
    # After a short article, the extractor keeps such boxes' text as prose.
    for name, box, words in (
        ("form.html", SIGN_UP, "once a week"),
        ("cookies.html", COOKIES, "uses cookies"),
    ):
        html = page(
            "<meta property='og:title' content='Reading a tide table'>",
            f"<section><article><h1>Reading a tide table</h1>{SHORT}{box}</article></section>",
        )
        body = read_article(save(tmp_path, html, name)).body
        assert "Harbour masters publish" in body and words not in body


@pytest.mark.parametrize(
    "prompt",
    [
        "<div class='paywall-prompt'><h3>Continue reading</h3><p>Subscribe today for unlimited access to every "
        "story, the archive and the daily puzzle. Already a subscriber? Log in.</p></div>",
        "<section id='regwall'><p>Create a free account to keep reading this story and two more every month, "
        "and get our morning briefing.</p></section>",
        "<div class='subscription-offer'><p>Get the full story and a year of the paper for half the price of a "
        "coffee a week, cancel any time.</p><a href='/offer'>See the offer</a></div>",
    ],
)
def test_paywall_and_subscription_prompts_leave_the_body(tmp_path: Path, prompt: str) -> None:
    html = page(
        "<meta property='og:title' content='Reading a tide table'>",
        f"<article><h1>Reading a tide table</h1>{SHORT}{prompt}</article>",
    )
    body = read_article(save(tmp_path, html)).body
    assert "Harbour masters publish" in body
    assert not any(words in body for words in ("Already a subscriber", "free account", "half the price"))


def test_the_text_a_page_marks_as_behind_its_paywall_stays(tmp_path: Path) -> None:
    # class="paywall" marks the locked text itself (search engines' structured data points at it)
    locked = PROSE.replace("<p>", "<div class='paywall'><p>").replace("</p>", "</p></div>")
    prompt = "<div class='paywall-bar'><p>Subscribe today for unlimited access. Already a subscriber? Log in.</p></div>"
    html = page(
        "<meta property='og:title' content='Reading a tide table'>",
        f"<article><h1>Reading a tide table</h1>{locked}{prompt}</article>",
    )
    body = read_article(save(tmp_path, html)).body
    assert "Harbour masters publish" in body and "anchoring overnight" in body
    assert "Already a subscriber" not in body


@pytest.mark.parametrize("marks", ["paywall js-paywall", "c-paywall", "paywall paywall--locked", "paywall-2"])
def test_locked_text_marked_paywall_among_other_words_stays(tmp_path: Path, marks: str) -> None:
    # A script's hook (js-), a component prefix (c-), a state (--locked) or a number beside
    # 'paywall' still mark the text behind the wall; only a prompt's words make it a prompt.
    locked = PROSE.replace("<p>", f"<div class='{marks}'><p>").replace("</p>", "</p></div>")
    prompt = "<div class='paywall-modal'><p>Subscribe today for unlimited access. Already a subscriber? Log in.</p></div>"
    html = page(
        "<meta property='og:title' content='Reading a tide table'>",
        f"<article><h1>Reading a tide table</h1>{locked}{prompt}</article>",
    )
    body = read_article(save(tmp_path, html)).body
    assert "Harbour masters publish" in body and "anchoring overnight" in body
    assert "Already a subscriber" not in body


def test_links_that_open_a_note_stay_in_the_text(tmp_path: Path) -> None:
    noted = (
        "<p>I am a <a href='javascript:void(0)' class='popup modal-link'>rather elderly</a> man, and the "
        "nature of my work has brought me into contact with many who write for a living.</p>"
    )
    html = page(
        "<meta property='og:title' content='Reading a tide table'>",
        f"<article><h1>Reading a tide table</h1>{noted}{PROSE}</article>",
    )
    assert "rather elderly" in read_article(save(tmp_path, html)).body


def test_an_article_inside_a_page_wide_form_stays(tmp_path: Path) -> None:
    html = page(
        "<meta property='og:title' content='Reading a tide table'>",
        f"<form id='aspnetForm' action='/page'><article><h1>Reading a tide table</h1>{PROSE}</article></form>",
    )
    assert "Harbour masters publish" in read_article(save(tmp_path, html)).body


# --- pages laid out with tables -------------------------------------------------------------------

STORY = (
    "<p>The ferry left the harbour at dawn, and the fishermen watched it go from the breakwater "
    "while the gulls circled over the boats that had come in during the night with their catch.</p>"
    "<p>By noon the wind had turned, the sea rose against the pier, and the last boats hurried in "
    "before the storm that the old harbour master had predicted the evening before.</p>"
)
MENU_CELL = (
    "<td width='166'><b>Today</b><br><a href='/a.html'>The lighthouse keeper</a><br>"
    "<b>Also</b><br><a href='/b.html'>The fox and the grapes</a><br><a href='/c.html'>The north wind</a>"
    "<br><a href='/d.html'>The ant and the dove</a><br><a href='/e.html'>The two pots</a></td>"
)


def _laid_out(cells: str) -> str:
    return page("<title>Ferry</title>", f"<table width='969'><tbody><tr>{cells}</tr></tbody></table>")


def test_a_layout_table_becomes_paragraphs_not_a_markdown_table(tmp_path: Path) -> None:
    html = _laid_out(f"<td width='619'><h1>Ferry</h1>{STORY}</td>")
    body = read_article(save(tmp_path, html)).body
    assert "|" not in body
    assert "The ferry left the harbour at dawn" in body and "By noon the wind had turned" in body


def test_a_side_column_of_links_beside_prose_is_left_out(tmp_path: Path) -> None:
    html = _laid_out(f"<td width='619'><h1>Ferry</h1>{STORY}</td>{MENU_CELL}")
    body = read_article(save(tmp_path, html)).body
    assert "The ferry left the harbour at dawn" in body
    assert "lighthouse keeper" not in body and "north wind" not in body


def test_a_data_table_in_a_layout_cell_stays_a_table(tmp_path: Path) -> None:
    data = (
        "<table><tr><th>Port</th><th>Boats</th></tr><tr><td>North</td><td>12</td></tr>"
        "<tr><td>South</td><td>7</td></tr></table>"
    )
    html = _laid_out(f"<td width='619'><h1>Ferry</h1>{STORY}{data}</td>")
    body = read_article(save(tmp_path, html)).body
    assert "| Port | Boats |" in body and "| North | 12 |" in body


def test_a_run_of_line_breaks_is_one_paragraph_break(tmp_path: Path) -> None:
    spaced = "<p>First line of the notice<br><br><br><br>Second line of the notice, well apart</p>"
    html = page("<title>Notice</title>", f"<article><h1>Notice</h1>{spaced}{PROSE}</article>")
    body = read_article(save(tmp_path, html)).body
    assert "First line of the notice\n\nSecond line of the notice" in body
    assert "\\\n\\" not in body


# --- sidebars, pull-down boxes and excerpts of other pages ----------------------------------------


def test_a_side_column_beside_the_main_column_is_left_out(tmp_path: Path) -> None:
    side = (
        "<div><div id='CONTENTS_SUB'><h2>Markets</h2><ul><li>Nikkei 22,278.48 -401.85</li>"
        "<li>Dow 24,650.14 -337.33</li></ul><h2>Our other sites</h2><h3>Why whales sing at night</h3>"
        "<p>An essay on the songs of whales heard off the coast in the autumn months of the year.</p></div></div>"
    )
    body = f"<div id='CONTENTS_INNER'><div id='CONTENTS_MAIN'><h1>Ferry</h1>{STORY}</div>{side}</div>"
    draft = read_article(save(tmp_path, page("<title>Ferry</title>", body)))
    assert "The ferry left the harbour at dawn" in draft.body
    assert "Nikkei" not in draft.body and "whales" not in draft.body


def test_a_pull_down_box_is_left_out(tmp_path: Path) -> None:
    box = (
        "<div class='save-pulldown'><p>Saving articles is for members only; saved articles can be read on"
        " your phone and tablet too.</p><a href='/login'>Log in</a></div>"
    )
    html = page("<title>Ferry</title>", f"<article><h1>Ferry</h1>{box}{STORY}</article>")
    body = read_article(save(tmp_path, html)).body
    assert "The ferry left the harbour at dawn" in body and "members only" not in body


def test_an_excerpt_of_another_page_ending_in_learn_more_is_left_out(tmp_path: Path) -> None:
    box = (
        "<hr><div class='module-profile'><h2>Harbour Authority</h2><div class='copy'><p>The Harbour Authority"
        " runs the ports of the coast, with over 500 berths. It was founded in 1901, initially as a board of"
        " pilots. It...</p></div><a href='https://profiles.example/harbour'>Learn more</a></div>"
    )
    html = page("<title>Ferry</title>", f"<article><h1>Ferry</h1>{STORY}{box}</article>")
    body = read_article(save(tmp_path, html)).body
    assert "The ferry left the harbour at dawn" in body and "500 berths" not in body


def test_a_paragraph_that_ends_in_an_ellipsis_and_a_read_more_link_of_its_own_stays(tmp_path: Path) -> None:
    story = (
        "<p>The ferry left the harbour at dawn, and the fishermen watched it go from the breakwater while"
        " the gulls circled over the boats...</p><p><a href='/ferry/full'>Read more</a></p>"
    )
    html = page("<title>Ferry</title>", f"<article><h1>Ferry</h1>{story}</article>")
    assert "The ferry left the harbour at dawn" in read_article(save(tmp_path, html)).body


def test_only_a_block_ending_in_a_read_more_link_has_its_words_counted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Counting a block's words reads all it holds: done for every block of a page nested
    hundreds deep, it read the page hundreds of times. The count guards what would be
    removed, so it is taken of an excerpt box only."""
    from lxml import html

    import digest.sources.importer.furniture as furniture

    root = html.document_fromstring(
        "<body>" + "<div>words of a page " * 200 + "</div>" * 200 + "</body>"
    ).body
    counted: list[object] = []
    words = furniture.block_words
    monkeypatch.setattr(furniture, "block_words", lambda element: counted.append(element) or words(element))
    furniture.remove_excerpt_boxes(root)
    assert counted == [root] and len(root.xpath("//div")) == 200


class _ScanCounting(str):
    """An extraction's text that counts how many characters its searches read."""

    scanned = 0

    def find(self, needle: str, start: int | None = 0, end: int | None = None) -> int:  # type: ignore[override]
        found = super().find(needle, start, end)
        first = start or 0
        _ScanCounting.scanned += (found + len(needle) if found >= 0 else (end or len(self))) - first
        return found

    def __contains__(self, needle: object) -> bool:
        assert isinstance(needle, str)
        found = super().find(needle)
        _ScanCounting.scanned += found + len(needle) if found >= 0 else len(self)
        return found >= 0


def test_the_blocks_of_a_long_page_are_found_in_one_reading_of_the_extraction() -> None:
    """Each block was looked for in the whole extraction: 25,000 paragraphs took 30 s."""
    blocks = [["paragraph", str(number), "of", "the", "page"] for number in range(2000)]
    text = _ScanCounting(" " + " ".join(word for block in blocks for word in block) + " ")
    kept = KeptText(text, frozenset())
    _ScanCounting.scanned = 0
    assert all(kept.holds(block) for block in blocks)
    assert _ScanCounting.scanned <= 2 * len(text)


def test_a_block_is_found_wherever_the_extraction_holds_it() -> None:
    kept = KeptText(" one two three four five six seven eight ", frozenset({"one two"}))
    assert kept.holds(["five", "six", "seven", "eight"])
    assert kept.holds(["one", "two", "three", "four"])  # before the last one found
    assert kept.holds(["four", "five", "six", "seven"])  # across it
    assert not kept.holds(["two", "four", "six", "eight"])
    assert kept.holds(["one", "two"]) and not kept.holds(["three"])  # short blocks: whole lines


# --- text written in inline wrappers ---------------------------------------------------------------


def test_an_article_in_a_span_with_a_heading_inside_is_found(tmp_path: Path) -> None:
    # Page builders (ASP.NET labels) write the whole text into a <span>, paragraphs as <br> runs
    # and the lead as a heading inside it: a browser shows the span's text as blocks around the
    # heading, so it is judged as blocks, and the chrome after it (a print headline, a copyright
    # notice) still goes.
    lines = "<br><br>".join(
        (
            "Harbour masters publish tide tables every week, and the tables tell a sailor when the water "
            "is deep enough to leave the mooring and when it is safer to wait for the flood.",
            "Reading them takes practice: heights are given above chart datum, which is roughly the "
            "lowest tide, and times are local unless the table says otherwise in its heading.",
            "Most tables also list the range, the difference between high and low water, which is what "
            "decides how much chain to let out when anchoring overnight in a sheltered bay.",
        )
    )
    text = (
        "<div class='entry-content'><span class='articleText'><span class='lead'><h2>Tide tables are "
        f"easier to read than they look, once you know what the numbers mean.</h2></span><br><br>{lines}"
        "</span></div><span><br><br><b>Original Print Headline: Tides</b><br><br></span>"
        "<div><span class='copyright'>Copyright 2011 Harbour Publishing Co. All rights reserved. This "
        "material may not be published, broadcast, rewritten or redistributed.</span></div>"
    )
    html = page("<title>Reading a tide table | Harbour News</title>", f"<h1>Reading a tide table</h1>{text}")
    body = read_article(save(tmp_path, html)).body
    assert "Harbour masters publish tide tables" in body and "anchoring overnight" in body
    assert "may not be published" not in body


def test_a_heading_left_with_nothing_after_it_at_the_end_goes(tmp_path: Path) -> None:
    # The comments box went, its heading (in a link, outside the box's comment classes) stayed:
    # a heading that ends the text heads nothing.
    box = (
        "<div class='mod-talk'><div class='mod-header'><a name='talk'><h3>Harbour Talk</h3></a></div>"
        "<div class='comment_count'><span class='comment-text'>comments</span>"
        "<a href='/talk/1' class='btn_add_comment'>+ Add your comment</a></div></div>"
    )
    html = page(
        "<title>Reading a tide table</title>", f"<article><h1>Reading a tide table</h1>{PROSE}{box}</article>"
    )
    body = read_article(save(tmp_path, html)).body
    assert body.rstrip().endswith("sheltered bay.")


def test_a_heading_with_text_after_it_at_the_end_stays(tmp_path: Path) -> None:
    ending = "<h2>Further reading</h2><p>The harbour office lends its old tables to anyone who asks.</p>"
    html = page(
        "<title>Reading a tide table</title>",
        f"<article><h1>Reading a tide table</h1>{PROSE}{ending}</article>",
    )
    body = read_article(save(tmp_path, html)).body
    assert "## Further reading" in body and body.rstrip().endswith("anyone who asks.")


def test_a_live_blogs_updates_keep_their_headings(tmp_path: Path) -> None:
    # Each update is an <article> with a heading; the extractor keeps the updates' text but the
    # headings of all but the first: a heading whose section's text stays, stays with it.
    updates = (
        ("17", "Ferries stop for the night", "The last ferry of the day turned back at the breakwater, and "
         "the operator cancelled every crossing until the morning tide."),
        ("12", "Waves over the pier", "By noon the waves were breaking over the pier, and the harbour master "
         "told every skipper in the marina to double their lines."),
        ("08", "Storm warning raised", "The coastguard raised the storm warning at eight, after the barometer "
         "at the lighthouse fell faster than at any time this winter."),
    )  # fmt: skip
    body = (
        "<main><h1>Storm live: the harbour closes</h1>"
        + "".join(
            f"<article class='live-update'><time datetime='2024-01-10T{hour}:00:00Z'>{hour}:00</time>"
            f"<h2>{heading}</h2><p>{text}</p></article>"
            for hour, heading, text in updates
        )
        + "</main>"
    )
    draft = read_article(save(tmp_path, page("<title>Storm live: the harbour closes</title>", body)))
    for _, heading, text in updates:
        assert f"## {heading}\n\n{text}" in draft.body


def test_a_pictures_alt_text_that_its_caption_repeats_is_said_once() -> None:
    # the caption under the picture says what the alt text says: a reader would hear it twice
    caption = "Harbour masters post the week's tide tables by the slipway"
    markdown = f"Before.\n\n[![{caption}](https://example.org/t.jpg)](https://example.org/t-big.jpg)\n\n{caption}\n\nAfter."
    assert without_repeats(markdown) == (
        f"Before.\n\n[![](https://example.org/t.jpg)](https://example.org/t-big.jpg)\n\n{caption}\n\nAfter."
    )


def test_an_alt_text_of_several_lines_that_its_caption_repeats_is_said_once() -> None:
    caption = "桃園市平鎮區一家輪胎行19日清晨發生大火，7人從火\n場中疏散。\n（消防局提供）"
    markdown = f"![{caption}](https://example.org/fire.jpg)\n\n{caption}\n\n（中央社記者桃園19日電）內文。"
    assert (
        without_repeats(markdown)
        == f"![](https://example.org/fire.jpg)\n\n{caption}\n\n（中央社記者桃園19日電）內文。"
    )


def test_an_alt_text_unlike_the_next_paragraph_stays() -> None:
    markdown = "![A map of the bay](https://example.org/m.png)\n\nThe tide turns at noon."
    assert without_repeats(markdown) == markdown


def test_a_chinese_paragraph_said_twice_in_a_row_is_kept_once() -> None:
    # eight words by spaces are a few characters in a script written without them
    twice = "北市士林區葫蘆街一處民宅，16日下午驚傳一對母子在陽台儲物間輕生。"
    assert without_repeats(f"{twice}\n\n{twice}\n\n短句。\n\n短句。") == f"{twice}\n\n短句。\n\n短句。"


def test_links_that_run_scripts_are_controls_not_text(tmp_path: Path) -> None:
    # 'copy the link' and font-size buttons written as <a href="javascript:;">, and their label,
    # kept with a short story whose header and figure the extractor keeps whole
    story = (
        "<p>北市士林區葫蘆街一處民宅，16日下午驚傳一對母子在陽台儲物間輕生，消防局據報派出人車趕往，"
        "發現都已無呼吸心跳，但在家屬要求還是送往醫院急救。詳見<a href='https://example.org/more'>後續報導</a>。</p>"
    )
    html = page(
        "<title>北市士林年邁母子 住處身亡</title>",
        "<article><header><h1>北市士林年邁母子 住處身亡</h1><div class=social-share><ul><li class=copy-url>"
        "<a href='javascript:;' class=copy-url title='複製連結'>複製連結</a></li></ul></div></header>"
        "<figure><a href='javascript:;'><img src='https://example.org/a.jpg' alt='士林一年邁母子'></a>"
        "<figcaption>士林一年邁母子</figcaption></figure>"
        "<div class=article-function><div class=font-size-setting><span class=title>字級設定：</span>"
        "<a href='javascript:;' class=active>小</a><a href='JavaScript:void(0)'>中</a><a href='javascript:;'>大</a></div></div>"
        f"<div class=article-body>{story}</div></article>",
    )
    body = read_article(save(tmp_path, html)).body
    assert "複製連結" not in body and "字級設定" not in body and "javascript" not in body.casefold()
    assert "士林一年邁母子" in body and "[後續報導](https://example.org/more)" in body
    assert "https://example.org/a.jpg" in body  # a picture that opens a viewer stays


@pytest.mark.parametrize(
    ("main", "side"),
    [("maincol", "subcol"), ("mainColumn", "sideColumn"), ("main-col", "sub-col"), ("content", "sidebar")],
)
def test_a_side_column_named_in_glued_words_leaves_the_article(main: str, side: str) -> None:
    # 'maincol' and 'subcol', as Japanese blogs name their two columns: the side column's
    # category list and recent articles are no part of the text
    import lxml.html

    from digest.sources.importer.furniture import remove_side_columns

    root = lxml.html.fromstring(
        f"<div id=container><div id={main}><h1>Headline</h1><p>The article's text.</p></div>"
        f"<div id={side}><h4>Recent articles</h4><ul><li><a href='/a'>Another story</a></li></ul></div></div>"
    )
    remove_side_columns(root)
    assert "Recent articles" not in root.text_content() and "The article's text." in root.text_content()


def test_a_script_link_inside_a_sentence_keeps_its_words(tmp_path: Path) -> None:
    # a word that opens a note in a pop-up (an annotated story): the sentence needs it
    html = page(
        "<title>Bartleby, annotated</title>",
        "<article><h1>Bartleby, annotated</h1><p>I would <a href='javascript:void(0);' onclick='note(1)'>prefer</a> not to, "
        f"said the scrivener, and went back to the window that looked out on a wall.</p>{PROSE}</article>",
    )
    body = read_article(save(tmp_path, html)).body
    assert "I would [prefer](javascript:void(0);) not to" in body or "I would prefer not to" in body


@pytest.mark.parametrize(
    "line",
    [
        "<p class='meta'>Tags: <a href='/tag/film'>film</a>, <a href='/tag/review'>kusp film review</a></p>",
        "<div>Filed under: <a href='/c/tides'>Tides</a> | <a href='/c/harbours'>Harbours</a></div>",
        "<p>Schlagwörter: <a href='/t/ebbe'>Ebbe</a> <a href='/t/flut'>Flut</a></p>",
    ],
)
def test_a_line_of_tag_links_is_no_part_of_the_text(tmp_path: Path, line: str) -> None:
    entry = "<p><strong>Listen to the harbour master's review, above.</strong></p>"
    html = page("<title>Tides</title>", f"<article><h1>Tides</h1>{PROSE}{entry}{line}</article>")
    body = read_article(save(tmp_path, html)).body
    assert "harbour master's review" in body
    assert not any(word in body for word in ("Tags", "Filed under", "Schlagwörter", "kusp film review"))


def test_a_sentence_that_opens_with_a_tag_label_stays(tmp_path: Path) -> None:
    line = "<p>Tags: the labels a <a href='/glossary'>harbour office</a> ties to each mooring, by size.</p>"
    html = page("<title>Tides</title>", f"<article><h1>Tides</h1>{PROSE}{line}</article>")
    assert "ties to each mooring" in read_article(save(tmp_path, html)).body


def test_a_tag_line_under_a_short_post_is_no_part_of_its_text(tmp_path: Path) -> None:
    """A podcast's post of two lines, its tags after them (a WordPress theme's postmetadata)."""
    entry = (
        "<p>Podcast: <a href='/a.mp3'>Play in new window</a> | <a href='/a.mp3'>Download</a></p>"
        "<p><strong>Listen to the review by Ann Lee, above.</strong></p><p class='postmetadata'>"
        "<p class='tag-metadata'>Tags: <a href='/t/a'>Ann Lee</a>, <a href='/t/f'>film</a>, "
        "<a href='/t/k'>harbour film review</a></p></p>"
    )
    html = page(
        "<title>Tides</title>",
        f"<div id='content'><div class='post'><h2>Tides</h2><div class='entry'>{entry}</div></div></div>",
    )
    body = read_article(save(tmp_path, html)).body
    assert "Listen to the review by Ann Lee, above." in body and "harbour film review" not in body


def test_an_encyclopedias_contents_box_and_edit_links_are_no_part_of_the_text(tmp_path: Path) -> None:
    contents = (
        "<div id='toc' class='toc'><div id='toctitle'><h2>Contents</h2></div><ul>"
        "<li><a href='#Tides'><span>1</span> Tides</a></li><li><a href='#Charts'><span>2</span> Charts</a></li></ul></div>"
    )
    section = (
        "<h2><span class='mw-headline' id='Charts'>Charts</span><span class='mw-editsection'>"
        "<span class='mw-editsection-bracket'>[</span><a href='/w/index.php?action=edit&amp;section=2'>edit</a>"
        "<span class='mw-editsection-bracket'>]</span></span></h2>"
        "<p>Charts give depths below the lowest tide, so a table's heights are added to them.</p>"
    )
    html = page(
        "<title>Tides</title>", f"<div id='content'><h1>Tides</h1>{PROSE}{contents}{section}{PROSE}</div>"
    )
    body = read_article(save(tmp_path, html)).body
    assert "Contents" not in body and "[edit]" not in body and "edit" not in body.split()
    assert "Charts give depths below the lowest tide" in body
    assert any(line.lstrip("#").strip() == "Charts" for line in body.splitlines())  # the heading stays


def test_a_follow_widget_after_the_text_is_no_part_of_it(tmp_path: Path) -> None:
    widgets = (
        "<ul class='social-buttons'><li><a href='https://social.example/share'>Share</a></li></ul>"
        "<ul class='follow'><li>Stay in touch,</li><li class='social-buttons-follow'>"
        "<a href='https://social.example/annlee'>Follow @annlee</a></li></ul>"
    )
    html = page("<title>Tides</title>", f"<article><h1>Tides</h1>{PROSE}<p>gm!</p>{widgets}</article>")
    body = read_article(save(tmp_path, html)).body
    assert body.rstrip().endswith("gm!") and "Stay in touch" not in body


def test_a_rule_that_ends_the_text_goes_and_one_between_parts_stays(tmp_path: Path) -> None:
    html = page(
        "<title>Tides</title>",
        f"<article><h1>Tides</h1>{PROSE}<hr/><p>A second part, after the rule, tells of the neaps.</p>"
        f"{PROSE}<hr/></article>",
    )
    lines = [line for line in read_article(save(tmp_path, html)).body.splitlines() if line.strip()]
    assert lines[-1] != "---" and lines.count("---") == 1


@pytest.mark.parametrize(
    "permalink",
    [
        "&#160;<a class='headline-hash' href='#charts'>#</a>",  # a Hugo theme's
        "<a class='headerlink' href='#charts' title='Permalink to this headline'>¶</a>",  # Sphinx's
        "<a href='#charts' aria-hidden='true'>§</a>",
        "<a class='anchor' href='#charts'></a>",  # an icon drawn by the stylesheet
    ],
)
def test_a_headings_permalink_to_itself_is_no_part_of_the_text(tmp_path: Path, permalink: str) -> None:
    section = (
        f"<h2 id='charts'>Charts{permalink}</h2>"
        "<p>Charts give depths below the lowest tide, so a table's heights are added to them.</p>"
    )
    linked = "<h2><a href='#tides'>Tides, again</a></h2><p>A heading that is all link keeps its words.</p>"
    html = page("<title>Tides</title>", f"<article><h1>Tides</h1>{PROSE}{section}{linked}{PROSE}</article>")
    lines = read_article(save(tmp_path, html)).body.splitlines()
    assert "## Charts" in lines
    assert any(line.startswith("## ") and "Tides, again" in line for line in lines)


@pytest.mark.parametrize("label", ["[advertisement]", "[ad]", "(Sponsored)", "[Anzeige]"])
def test_a_block_labelled_as_an_advertisement_is_no_part_of_the_text(tmp_path: Path, label: str) -> None:
    advert = f"<table><tr><td>{label} Show off your work: create a <a href='/cv'>profile</a> today!</td></tr></table>"
    html = page("<title>Tides</title>", f"<article><h1>Tides</h1>{PROSE}{advert}</article>")
    body = read_article(save(tmp_path, html)).body
    assert "Show off your work" not in body and "Harbour masters publish tide tables" in body


def test_the_title_repeated_as_an_entrys_h3_leaves_the_text(tmp_path: Path) -> None:
    # Blogger's themes: a date header (<h2>) over the post's title (<h3 class=entry-title>)
    html = page(
        "<title>Stand by the tide</title>",
        "<div class='post-outer'><h2 class='date-header'>Wednesday, March 30, 2011</h2>"
        "<div class='post hentry'><h3 class='post-title entry-title'>"
        "<a href='https://harbour-notes.example.net/2011/03/stand-by-the-tide.html'>Stand by the tide</a></h3>"
        "<div class='post-body entry-content'>This is where the tide tables used to be; I only keep"
        " the page because the harbour office links to it.</div></div></div>"
        "<div class='sidebar'><h2>Blog Archive</h2><ul><li><a href='/2011/'>2011</a> (1)</li></ul>"
        "<h2>About Me</h2><p><a href='/profile'>Ann Lee</a></p></div>",
    )
    draft = read_article(save(tmp_path, html))
    assert draft.title == "Stand by the tide"
    assert "Stand by the tide" not in draft.body


def test_the_paragraphs_inside_an_element_html_does_not_define_stay(tmp_path: Path) -> None:
    # a custom element (or a tag name mangled in saving, '<preclass=...>') that holds
    # paragraphs is shown as a container of them, like a <div>: not one inline run judged whole
    html = page(
        "<title>Tide tables</title>",
        "<article><h1>Tide tables</h1>"
        "<p>Every harbour publishes a table of the tides for the year, with two highs a day.</p>"
        "<tide-note><span>high water at Dover 06:12 and 18:37 on the first of May</span>"
        "<p>The second high water comes about twelve hours and twenty five minutes later.</p>"
        "<p>Spring tides follow the new and the full moon, neap tides the quarters.</p></tide-note>"
        "<p>Sailors read the table before they leave and again before they come home.</p></article>",
    )
    body = read_article(save(tmp_path, html)).body
    assert "twenty five minutes later" in body
    assert "neap tides the quarters" in body


@pytest.mark.parametrize("names", ["recent-articles", "latest-posts", "popular-stories", "recentEntries"])
def test_a_list_of_the_sites_other_articles_after_the_text_is_no_part_of_it(
    tmp_path: Path, names: str
) -> None:
    others = (
        f"<div class='{names}'><h2>More from the harbour</h2><ul>"
        "<li><a href='/2026/Mar/30/neaps/'>Neap tides are not small tides</a> - 30th March 2026</li>"
        "<li><a href='/2026/Mar/27/charts/'>Charts and their datum</a> - 27th March 2026</li></ul></div>"
    )
    # a link-blog's short note: the extractor keeps whatever follows it in the column
    note = "<blockquote><ul><li>The spring table for the outer harbour is out now, a week early.</li></ul></blockquote>"
    html = page(
        "<title>Tides</title>",
        f"<div id='primary'><div class='entry'><h1>Tides</h1>{note}</div>{others}</div>",
    )
    body = read_article(save(tmp_path, html)).body
    assert "Neap tides are not small tides" not in body and "More from the harbour" not in body
    assert "The spring table for the outer harbour is out now" in body


def test_an_article_whose_own_block_is_named_latest_post_keeps_its_text(tmp_path: Path) -> None:
    # one post, not a list of others: a blog's front page names its newest post so
    html = page("<title>Tides</title>", f"<div class='latest-post'><h1>Tides</h1>{PROSE}</div>")
    assert "Harbour masters publish tide tables" in read_article(save(tmp_path, html)).body
