"""The names a saved page's body shows as its writer's (digest.sources.importer.bylines)."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.sources.importer import read_article
from tests.helpers import ends_in_time, review_page
from tests.test_import_rules import PROSE, page, save


def test_a_lone_by_is_no_author_and_a_linked_name_in_the_text_is(tmp_path: Path) -> None:
    draft = read_article(
        save(
            tmp_path,
            page(
                '<meta property="og:site_name" content="Example Press">',
                "<h1>Forests and the people who keep them</h1><div class='td-author-by'>By</div>"
                "<div class='post-author-name'>By Example Press</div><article>"
                "<p><em>Written by: <a href='https://example.org/ann'>Ann Lee</a></em></p>"
                f"{PROSE}</article>",
            ),
        )
    )
    assert draft.author == "Ann Lee"


def test_a_byline_that_carries_its_time_of_day(tmp_path: Path) -> None:
    draft = read_article(
        save(
            tmp_path,
            page(
                "",
                "<h1>A law blog</h1><div class='post'><h3>Pseudonyms and the law</h3>"
                f"<div class='storycontent'>{PROSE}</div><div class='meta'>posted by Stadler at 12:53</div></div>",
            ),
        )
    )
    assert draft.author == "Stadler"


def test_a_name_block_followed_by_a_block_of_the_date_alone_is_a_byline(tmp_path: Path) -> None:
    # The writer's name (and title) and the date stand in two blocks one after the other under
    # the headline, as they do in one block with the date on its last line.
    body = (
        "<header><h1>Tide tables are read wrong by most sailors</h1>"
        "<div class='credits'><p><b>ANN LEE</b><br>DEPUTY EDITOR OF &quot;COAST&quot;</p></div>"
        "<h2 class='date'>12/03/2019 14h05</h2></header>"
        f"<article>{PROSE}</article>"
    )
    draft = read_article(save(tmp_path, page("<title>Tide tables - Example News</title>", body)))
    assert (draft.author or "").casefold() == "ann lee"


def test_the_section_the_page_declares_is_no_author_beside_the_date(tmp_path: Path) -> None:
    # '12 March 2019 | Coast' reads as a date-led byline, but 'Coast' is the section the page
    # declares (article:section), linked beside the date as news sites print it.
    head = '<title>Tide tables - Example News</title><meta property="article:section" content="Coast">'
    body = (
        "<h1>Tide tables are read wrong by most sailors</h1>"
        "<ul><li><div class='date'>12 March 2019</div></li><li><a href='/news/coast'>Coast</a></li></ul>"
        f"<article>{PROSE}</article>"
    )
    assert read_article(save(tmp_path, page(head, body))).author is None


def test_a_name_beside_the_date_is_still_the_author_when_the_section_is_another(tmp_path: Path) -> None:
    head = '<title>Tide tables - Example News</title><meta property="article:section" content="Coast">'
    body = (
        "<h1>Tide tables are read wrong by most sailors</h1>"
        "<ul><li><div class='date'>12 March 2019</div></li><li>Ann Lee</li></ul>"
        f"<article>{PROSE}</article>"
    )
    assert read_article(save(tmp_path, page(head, body))).author == "Ann Lee"


def test_a_standfirst_followed_by_a_block_of_the_date_is_no_byline(tmp_path: Path) -> None:
    body = (
        "<header><h1>Tide tables are read wrong by most sailors</h1>"
        "<p>Harbour Masters Say Most Sailors Misread Them</p>"
        "<h2 class='date'>12/03/2019 14h05</h2></header>"
        f"<article>{PROSE}</article>"
    )
    assert (
        read_article(save(tmp_path, page("<title>Tide tables - Example News</title>", body))).author is None
    )


def test_a_copyright_credit_is_no_byline(tmp_path: Path) -> None:
    draft = read_article(
        save(
            tmp_path,
            page(
                "",
                f"<h1>Prize for a novel</h1><aside><a href='https://widget.example'>© by WidgetCo</a></aside>{PROSE}",
            ),
        )
    )
    assert draft.author is None


@pytest.mark.parametrize("credit", ["</a> by Ann Lee.", "</a>, by Ann Lee."])
def test_a_line_crediting_the_work_it_links_to_is_no_byline(tmp_path: Path, credit: str) -> None:
    html = page(
        "<title>Reading the sea</title>",
        "<div class='content'><h1>Reading the sea</h1><p>That book is out now, at last: "
        f"<a href='https://books.example.org/atlas'><em>The Tide Atlas</em>{credit}</p>{PROSE}</div>",
    )
    assert read_article(save(tmp_path, html)).author is None  # the linked book's writer


def test_a_standfirst_the_page_declares_as_its_description_is_no_byline(tmp_path: Path) -> None:
    assert read_article(save(tmp_path, review_page())).author is None  # the reviewed book's writer


def _article(tmp_path: Path, head: str, body: str) -> object:
    return read_article(save(tmp_path, page(head, body)))


def test_a_company_in_meta_author_yields_to_the_byline(tmp_path: Path) -> None:
    draft = read_article(
        save(
            tmp_path,
            page(
                '<meta name="author" content="Hafenblatt Verlag GmbH, Kiel, Germany">',
                "<article><h1>Reading a tide table</h1><p class='byline'>Von Jana Petersen</p>"
                f"{PROSE}</article>",
            ),
        )
    )
    assert draft.author == "Jana Petersen"


def test_a_writer_in_meta_author_who_also_made_the_theme_is_still_the_author_when_the_byline_says_so(
    tmp_path: Path,
) -> None:
    body = (
        f"<article><h1>Reading a tide table</h1><p class='byline'>By Carl Dunn</p>{PROSE}</article>"
        "<footer>Theme by Carl Dunn</footer>"
    )
    draft = read_article(save(tmp_path, page('<meta name="author" content="Carl Dunn">', body)))
    assert draft.author == "Carl Dunn"


def test_a_dated_byline_in_the_entry_footer_names_the_author(tmp_path: Path) -> None:
    body = (
        f"<h1>Reading a tide table</h1><div class='entry'>{PROSE * 3}</div>"
        "<div class='entry-footer'>Von Jonas am 03.05.2013, 11:51 | 0 Kommentare | Segeln</div>"
        "<div class='comments'><p>Von Maren am 04.05.2013, 09:10</p><p>Danke!</p></div>"
    )
    assert read_article(save(tmp_path, page("", body))).author == "Jonas"


def test_a_link_around_an_avatar_and_a_name_is_a_byline(tmp_path: Path) -> None:
    body = (
        "<article><h1>Reading a tide table</h1>"
        "<a class='author' href='/authors/lena'><img src='lena.jpg' alt=''>Lena Holm</a>"
        f"{PROSE}</article>"
    )
    assert read_article(save(tmp_path, page("", body))).author == "Lena Holm"


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("06 Mar 2019 Ann Lee (@annlee)", "Ann Lee"),
        ("25 Nov 2019 Ann Lee (@annlee) &amp; Bob Roe (@bobroe)", "Ann Lee & Bob Roe"),
        ("06 Mar 2019 harbour-notes", None),  # a user name
        ("06 Mar 2019 Harbour masters publish tables", None),  # prose after a date
    ],
)
def test_a_byline_that_opens_with_its_date(tmp_path: Path, byline: str, expected: str | None) -> None:
    html = page(
        "<title>Tides</title>", f"<h1>Tide tables, read right</h1><article><p>{byline}</p>{PROSE}</article>"
    )
    draft = read_article(save(tmp_path, html))
    assert draft.author == expected
    assert draft.date is not None and draft.date.date().isoformat().endswith(
        "-11-25" if "Nov" in byline else "-03-06"
    )


SITE_WIDE_AUTHOR = '<meta name="author" content="Jeff Roe, Stefan Doe, et al.">'
HEADLINE_BLOCK = (
    "<div class='blog-title'><h1>Tide tables, read right</h1>"
    "<h3><span> 18 June 2019 </span> | <span><a href='/ann'>Ann Lee</a></span></h3></div>"
)
FOOTER = "<footer><p>Last modified: December 28, 2024. Powered by a generator.</p></footer>"


def test_the_date_and_byline_beside_the_headline(tmp_path: Path) -> None:
    html = page(f"<title>Tides</title>{SITE_WIDE_AUTHOR}", f"{HEADLINE_BLOCK}<div>{PROSE}</div>{FOOTER}")
    draft = read_article(save(tmp_path, html))
    assert draft.author == "Ann Lee"  # the declared names appear nowhere on the page
    assert draft.date is not None and draft.date.date().isoformat() == "2019-06-18"


def test_a_declared_author_the_page_shows_stays(tmp_path: Path) -> None:
    head = '<title>Tides</title><meta name="author" content="Bob Roe">'
    body = f"{HEADLINE_BLOCK}<div>{PROSE}<p>Bob Roe edits the harbour's tables.</p></div>"
    assert read_article(save(tmp_path, page(head, body))).author == "Bob Roe"


def test_a_link_in_a_paragraph_is_no_byline(tmp_path: Path) -> None:
    prose = (
        "<p>The tables began as a volunteer project and grew slowly over the years, with readings "
        "from many harbours and much careful checking, until the work was <a href='/x'>initially "
        "donated by Apple</a> to the harbour office, which keeps them to this day for every sailor.</p>"
    )
    html = page("<title>Tides</title>", f"<h1>Tide tables, read right</h1><article>{prose}{PROSE}</article>")
    assert read_article(save(tmp_path, html)).author is None


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("<small>11.05.2012, 10:22 von kaimorgen</small>", "kaimorgen"),
        (
            "<div class='submitted'>Gespeichert von <span class='username'>rasos</span> am 24. Juli 2017</div>",
            "rasos",
        ),
        ("<p class='meta'>Publié par mlefevre le 3 mars 2021</p>", "mlefevre"),
        ("<p>Posted by tidewatcher_7 on March 3, 2021</p>", "tidewatcher_7"),
        # no date beside it: a lower-case word after 'by' is no author
        ("<p>Posted by tidewatcher</p>", None),
        # a date, but the line is prose, not a byline
        (
            "<p>The tables were drawn up by hand on 3 March 2021 and again by volunteers in the spring.</p>",
            None,
        ),
        # a role, not an account
        ("<p>11.05.2012 von admin</p>", None),
    ],
    ids=["date-then-account", "drupal-submitted", "french", "english", "undated", "prose", "role"],
)
def test_a_lower_case_account_counts_only_in_a_dated_byline(
    tmp_path: Path, byline: str, expected: str | None
) -> None:
    html = page("<title>Tides</title>", f"<article><h1>Tides</h1>{byline}{PROSE}</article>")
    assert read_article(save(tmp_path, html)).author == expected


def test_a_credit_of_a_linked_piece_is_no_byline(tmp_path: Path) -> None:
    item = (
        "<div><h3><a href='https://cur.example/x'>Why tides matter</a></h3><p>A fine read on tides.</p>"
        "<p><a href='https://other.example/tides'>Tides, explained</a> by <a href='https://other.example/ann'>"
        "Ann Lee</a></p></div>"
    )
    html = page(
        "<title>Harbour Weekly - Issue 9</title>", f"<article><h1>Issue 9</h1>{item}{PROSE}</article>"
    )
    assert read_article(save(tmp_path, html)).author is None


def test_a_byline_wins_over_the_footers_curator(tmp_path: Path) -> None:
    footer = "<footer><p>Curated by Ann Lee</p></footer>"
    byline = "<p class='byline'>By Tom Reyes</p>"
    html = page("<title>Tides</title>", f"<article><h1>Tides</h1>{byline}{PROSE}</article>{footer}")
    assert read_article(save(tmp_path, html)).author == "Tom Reyes"


def test_a_dated_byline_is_looked_for_in_lines_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The blocks of a page nested hundreds deep each hold the rest of it: a line is read
    until it is longer than a byline can be, not to its end."""
    import digest.sources.importer.bylines as bylines
    from digest.sources.importer.authornames import BYLINE_MAX_CHARS

    lines: list[str] = []
    credited = bylines._credited_account
    monkeypatch.setattr(bylines, "_credited_account", lambda line: lines.append(line) or credited(line))
    sentence = "The tables tell a sailor when the water is deep enough to leave the harbour. "
    nested = f"<div>{sentence}" * 100 + "</div>" * 100
    body = f"<h1>Reading a tide table</h1>{nested}<div class='footer'>11.05.2012, 10:22 von jovelstefan</div>"
    assert read_article(save(tmp_path, page("", body))).author == "jovelstefan"
    assert lines and max(len(line) for line in lines) <= BYLINE_MAX_CHARS


def test_a_handle_after_the_bylines_name_is_dropped(tmp_path: Path) -> None:
    byline = (
        "<p class='byline'>By <em><a href='/users/annlee'>Ann Lee</a></em> "
        "<a href='https://social.example/annlee' class='twitter'>@annlee</a><br>"
        "<span class='timestamp'>on June 26, 2014 at 9:00a</span></p>"
    )
    teaser = "<ul class='carousel'><li><a href='/other' class='byline'>Tom Reyes</a></li></ul>"
    html = page("<title>Tides</title>", f"<article><h1>Tides</h1>{byline}{PROSE}</article>{teaser}")
    assert read_article(save(tmp_path, html)).author == "Ann Lee"


def test_a_signature_marked_firma_names_the_author(tmp_path: Path) -> None:
    firma = "<p class='firma'><em>Ángeles Escrivá</em> | <span class='localizacion'>Madrid</span></p>"
    html = page(
        "<meta name='author' content='example.es'><title>Mareas | example.es</title>",
        f"<div><h1>Mareas</h1>{firma}{PROSE}</div>",
    )
    assert read_article(save(tmp_path, html)).author == "Ángeles Escrivá"


@pytest.mark.parametrize(
    "signature, name",
    [
        ("최윤호 기자 uknow@news.example", "최윤호"),
        ("（记者 张三）", "张三"),
        ("（记者张三）", "张三"),
        ("记者 张三", "张三"),
        ("山田太郎記者", "山田太郎"),
        # the signature only as a link to the reporter's page
        ("<a href='/reporter/hong'>홍길동 기자</a>", "홍길동"),
        (
            "<a href='/reporter/hong'>홍길동 기자</a> <a href='mailto:hong@news.example'>hong@news.example</a>",
            "홍길동",
        ),
    ],
)
def test_a_reporters_signature_at_the_storys_foot_names_the_author(
    tmp_path: Path, signature: str, name: str
) -> None:
    share = "<ul class='share'><li><a href='#'><img src='fb.gif' alt='Facebook'></a></li></ul>"
    html = page("<title>Tides</title>", f"<div><h1>Tides</h1>{PROSE}<p>{signature}</p>{share}</div>")
    assert read_article(save(tmp_path, html)).author == name


@pytest.mark.parametrize(
    "foot",
    [
        "박채규 대표",
        # A word that opens with the title is no signature: Korean sites' buttons beside the
        # reporter's name ('subscribe', 'profile'), 'press conference', 'reporter's notes',
        # 'list of reporters'. A Korean paper names the reporter before the title.
        "기자 구독",
        "기자 프로필",
        "기자회견",
        "記者会見",
        "记者手记",
        "記者一覧",
    ],
)
def test_a_name_with_a_title_but_no_reporters_is_no_signature(tmp_path: Path, foot: str) -> None:
    html = page("<title>Tides</title>", f"<div><h1>Tides</h1>{PROSE}<p>{foot}</p></div>")
    assert read_article(save(tmp_path, html)).author is None


def test_links_to_other_reporters_pages_in_a_list_name_no_author(tmp_path: Path) -> None:
    others = "<ul class='reporters'><li><a href='/reporter/kim'>김철수 기자</a></li><li><a href='/reporter/lee'>이영희 기자</a></li></ul>"
    html = page("<title>Tides</title>", f"<div><h1>Tides</h1>{PROSE}</div>{others}")
    assert read_article(save(tmp_path, html)).author is None


def test_a_forum_posts_byline_with_a_guillemet_before_its_date_names_the_author(tmp_path: Path) -> None:
    first = (
        "<div class='post'><p class='author'>by <a href='./memberlist.php?u=5'>Ann Lee</a> &raquo; "
        f"Mon Jan 02, 2017 10:00 am</p><div class='content'>{PROSE}</div></div>"
    )
    html = page("<title>Reading tide tables - Sailing Forum</title>", f"<h2>Reading tide tables</h2>{first}")
    assert read_article(save(tmp_path, html)).author == "Ann Lee"


@pytest.mark.parametrize(
    "lang, byline, name",
    [
        ("ru", "Автор: Иван Петров", "Иван Петров"),
        ("pl", "Autor: Jan Kowalski", "Jan Kowalski"),
        ("tr", "Yazar: Ahmet Yılmaz", "Ahmet Yılmaz"),
        ("zh-CN", "作者：张三", "张三"),
        ("ar", "بقلم: محمد علي", "محمد علي"),
        ("hi", "लेखक: राम शर्मा", "राम शर्मा"),
        ("ru", "Иван Петров", "Иван Петров"),
    ],
)
def test_a_marked_byline_in_any_script_and_its_label_name_the_author(
    tmp_path: Path, lang: str, byline: str, name: str
) -> None:
    html = (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>Tides</title></head><body>"
        f"<article><h1>Tides</h1><div class='meta'><span class='byline'>{byline}</span> "
        f"<span class='date'>12.03.2021</span></div>{PROSE}</article></body></html>"
    )
    assert read_article(save(tmp_path, html)).author == name


def test_a_byline_of_thousands_of_handles_is_read_in_time(tmp_path: Path) -> None:
    """The pattern taking the handles off a byline's end went over the rest of the text from
    every space before one: 9 s for a byline of 12,000 handles, four times that at each doubling."""

    byline = "<p class='author'>By Ann Lee" + " @a" * 40_000 + " x</p>"
    html = page("<title>Tides</title>", f"<div><h1>Tides</h1>{byline}{PROSE}</div>")
    ends_in_time(tmp_path, "handles.html", html, "digest.sources.importer.read_article")


def test_a_bylines_handle_is_taken_off_its_name(tmp_path: Path) -> None:
    byline = "<p class='author'>By Ann Lee @annlee (@ann.lee)</p>"
    html = page("<title>Tides</title>", f"<div><h1>Tides</h1>{byline}{PROSE}</div>")
    assert read_article(save(tmp_path, html)).author == "Ann Lee"


def test_a_byline_label_in_an_element_of_its_own_is_no_name(tmp_path: Path) -> None:
    byline = (
        "<div class='byline'><div class='field-byline-description'>Story By</div> "
        "<a href='/people/ann-lee'>Ann Lee</a></div>"
    )
    html = page(
        "<title>Reading a tide table</title>",
        f"<article><h1>Reading a tide table</h1>{byline}{PROSE}</article>",
    )
    assert read_article(save(tmp_path, html)).author == "Ann Lee"


def test_the_bylines_of_teasers_under_linked_headlines_are_not_the_pages(tmp_path: Path) -> None:
    # A radio episode's page lists its stories: each a linked headline, a byline and a summary.
    teasers = "".join(
        f"<div class='row'><h3><a href='/stories/{slug}'>{title}</a></h3>"
        f"<div class='byline'>by <a href='/people/{slug}'>{name}</a> | Apr 19, 2013</div>"
        f"<div class='lede'>{summary}</div></div>"
        for slug, title, name, summary in (
            (
                "gauges",
                "Are tide gauges ready for the storm season?",
                "Ann Lee",
                "Gauges along the coast are old.",
            ),
            (
                "charts",
                "Everything you need to know about new charts",
                "Tom Berg",
                "The charts change next month.",
            ),
        )
    )
    body = f"<div class='episode'><h1>Harbour Hour for Friday, April 19, 2013</h1>{PROSE}</div>{teasers}"
    assert read_article(save(tmp_path, page("<title>Harbour Hour</title>", body))).author is None


def test_a_byline_with_a_colon_after_by_under_the_headline_names_the_author(tmp_path: Path) -> None:
    byline = "<div><span class='sbhd'>By: <a href='/id/1'>Ann Lee</a><br>Harbour News Executive Editor</span></div>"
    html = page(
        "<title>Reading a tide table</title>", f"<h1>Reading a tide table</h1>{byline}<div>{PROSE}</div>"
    )
    assert read_article(save(tmp_path, html)).author == "Ann Lee"


WIRE_BYLINE = (
    "<div class='comments_datetime relative'><p><span class='bold'>By ANN LEE</span> "
    "<span class='sep'>&nbsp;</span> 10/ 5/11 09:19 PM ET <span class='ap'>AP</span></p></div>"
)


def test_a_byline_in_a_line_named_for_comments_and_the_date_is_the_articles(tmp_path: Path) -> None:
    # 'comments_datetime': the line giving the date and the comment count, not a comment
    html = page("<title>Tides</title>", f"<h1>Tides</h1>{WIRE_BYLINE}<div>{PROSE}</div>")
    assert read_article(save(tmp_path, html)).author == "ANN LEE"  # as the page writes it


@pytest.mark.parametrize("agency", ["AP", "AFP", "U.P.I."])
def test_a_news_agency_declared_as_author_yields_to_the_writer_in_the_byline(
    tmp_path: Path, agency: str
) -> None:
    head = f"<title>Tides</title><meta name='author' content='{agency}'>"
    html = page(head, f"<h1>Tides</h1>{WIRE_BYLINE}<div>{PROSE}</div>")
    assert read_article(save(tmp_path, html)).author == "ANN LEE"


def test_a_japanese_dateline_names_the_reporter(tmp_path: Path) -> None:
    # 【place＝reporter】 opens a Japanese paper's story: the writer, where nothing else names one
    story = "１０日に行われたサッカーの試合で、バルセロナはアウェーで勝ち、４強入りに前進した。" * 3
    html = page(
        "<title>バルセロナが先勝</title>",
        f"<article><h1>バルセロナが先勝</h1><p>　【ロンドン＝岡田浩幸】{story}</p></article>",
    )
    assert read_article(save(tmp_path, html)).author == "岡田浩幸"


def test_a_japanese_dateline_crediting_an_agency_names_no_reporter(tmp_path: Path) -> None:
    story = "１０日に行われたサッカーの試合で、バルセロナはアウェーで勝ち、４強入りに前進した。" * 3
    html = page(
        "<title>バルセロナが先勝</title>",
        f"<article><h1>バルセロナが先勝</h1><p>【ロンドン＝共同】{story}</p></article>",
    )
    assert read_article(save(tmp_path, html)).author is None


@pytest.mark.parametrize(
    ("line", "names"), [("記者林悅／南市報導", "林悅"), ("記者王小明、李大華/台北報導", "王小明, 李大華")]
)
def test_a_chinese_reporters_line_names_the_reporters(tmp_path: Path, line: str, names: str) -> None:
    # '記者X／Y報導' (reporter X reporting from Y) opens a Taiwanese paper's story, after its picture
    story = "<p>44歲陳姓客運司機，7日凌晨在台南市永康區住處後陽台輕生，經送醫急救仍宣告不治。</p>" * 3
    html = page(
        "<title>客運司機輕生</title>",
        f"<article><h1>客運司機輕生</h1><p><img src=a.jpg alt='▲警方到場。'></p><p><strong>▲警方到場。（圖／記者翻攝）</strong></p>"
        f"<p>{line}</p>{story}</article>",
    )
    assert read_article(save(tmp_path, html)).author == names


def test_a_desks_compiled_report_names_no_reporter(tmp_path: Path) -> None:
    story = "<p>新北市新店區今日下午發生墜樓案件，一名男子送醫急救仍宣告不治，警方正在調查事發經過。</p>" * 3
    html = page(
        "<title>男子墜樓不治</title>",
        f"<article><h1>男子墜樓不治</h1><p>社會中心／綜合報導</p>{story}</article>",
    )
    assert read_article(save(tmp_path, html)).author is None


def test_a_lower_case_meta_author_the_byline_shows_is_the_author(tmp_path: Path) -> None:
    # an episode page's hCard byline and its <meta name=author> agree: the name the blogger goes by
    html = page(
        '<title>UWP - Episode 369</title><meta name="author" content="umputun">',
        f"<article><h2>UWP - Episode 369</h2><p><time datetime='2015-11-22'>2015-11-22</time></p>{PROSE}"
        '<footer><span class="byline author vcard"><span class="fn">umputun</span></span>'
        "<time datetime='2015-11-22'>2015-11-22</time></footer></article>",
    )
    assert read_article(save(tmp_path, html)).author == "umputun"


@pytest.mark.parametrize(
    "heading", ["<h2>By Design</h2>", "<h2>By The Numbers</h2>", "<h1>By The Numbers</h1>"]
)
def test_a_heading_opening_with_by_names_no_author(tmp_path: Path, heading: str) -> None:
    draft = _article(tmp_path, "<title>Harbour notes</title>", f"<article>{heading}{PROSE}</article>")
    assert draft.author is None


def test_a_byline_set_as_a_heading_still_names_the_author(tmp_path: Path) -> None:
    draft = _article(
        tmp_path,
        "<title>Harbour notes</title>",
        f"<article><h1>Harbour notes</h1><h4>By Ann Lee</h4>{PROSE}</article>",
    )
    assert draft.author == "Ann Lee"


def test_a_byline_block_with_a_date_and_a_section_names_its_author_archive_link(tmp_path: Path) -> None:
    # the block reads 'Ann Lee 28 kwietnia 2021 Tides': no name as a whole; its link to the
    # author's archive (WordPress's /author/slug/) is the name
    html = page(
        "<meta property='og:title' content='Reading a tide table'>",
        "<h1>Reading a tide table</h1>"
        "<div class='entry-autor'><a href='https://harbour.example.org/author/ann-lee/'>Ann Lee</a>"
        " <span>28 kwietnia 2021</span> <a href='/category/tides/'>Tides</a></div>"
        f"<article>{PROSE}</article>",
    )
    assert read_article(save(tmp_path, html)).author == "Ann Lee"


def test_a_byline_block_whose_text_is_a_name_keeps_all_its_names(tmp_path: Path) -> None:
    html = page(
        "<meta property='og:title' content='Reading a tide table'>",
        "<h1>Reading a tide table</h1>"
        "<div class='byline'>By <a href='/author/ann-lee/'>Ann Lee</a> and <a href='/author/bob-roe/'>Bob Roe</a></div>"
        f"<article>{PROSE}</article>",
    )
    assert read_article(save(tmp_path, html)).author == "Ann Lee and Bob Roe"


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By Ann Lee &amp; <a href='/bob'>Bob Roe</a> • ", "Ann Lee & Bob Roe"),
        ("By Ann Lee and Bob Roe | ", "Ann Lee and Bob Roe"),
        ("By Ann Lee and the harbour desk | ", None),
    ],
)
def test_a_byline_of_two_people_names_both(tmp_path: Path, line: str, author: str | None) -> None:
    body = (
        f"<h1>Reading a tide table</h1><div><p><span>{line}</span>"
        f"<span><time datetime='2024-05-02T10:00:00Z'>May 2, 2024</time></span></p></div>{PROSE}"
    )
    assert read_article(save(tmp_path, page("", body))).author == author


@pytest.mark.parametrize(
    "credit",
    [
        "<strong>Sponsored by:</strong> <a href='https://northwind.example/'>Northwind</a> &mdash; Ship faster.",
        "Gesponsert von <a href='https://northwind.example/'>Northwind</a>",
        "This issue is brought to you by <a href='https://northwind.example/'>Northwind</a>.",
        "Patrocinado por Northwind",
    ],
)
def test_a_sponsors_credit_under_the_sites_heading_is_no_byline(tmp_path: Path, credit: str) -> None:
    body = (
        "<div id='top'><h1><a href='/'>Harbour Notes</a></h1></div>"
        f"<div class='banner'>{credit}</div>"
        f"<div class='entry'><h2>Reading a tide table</h2>{PROSE}</div>"
    )
    draft = read_article(save(tmp_path, page("<title>Reading a tide table</title>", body)))
    assert draft.author is None


def test_a_byline_after_a_sponsors_credit_is_still_read(tmp_path: Path) -> None:
    body = (
        "<h1>Reading a tide table</h1><div class='banner'>Sponsored by Northwind</div>"
        f"<p>By Ann Lee</p>{PROSE}"
    )
    draft = read_article(save(tmp_path, page("<title>Reading a tide table</title>", body)))
    assert draft.author == "Ann Lee"


def _weblog_named_after_its_writer(side_box: str) -> str:
    # a weblog named after its writer: the declared author is also the site's name and address
    head = (
        "<title>Tide tables, read aloud</title><meta name='author' content='Ann Lee'>"
        "<meta property='og:site_name' content='Ann Lee’s Weblog'>"
        "<link rel='canonical' href='https://annlee.example.net/2026/Mar/26/tides/'>"
    )
    body = (
        "<div id='top'><h1><a href='/'>Ann Lee’s Weblog</a></h1></div>"
        f"<div class='entry'><h2>Tide tables, read aloud</h2>{PROSE}</div>"
        f"<div class='side'>{side_box}</div>"
    )
    return page(head, body)


@pytest.mark.parametrize(
    "side_box",
    [
        "<p>This is a note by Ann Lee, posted on <a href='/2026/Mar/26/'>26th March 2026</a>.</p>",
        "<p>Written by <b>Ann Lee</b> on 26 March 2026</p>",
    ],
)
def test_a_declared_writer_the_site_is_named_after_is_the_author_when_a_dated_byline_credits_them(
    tmp_path: Path, side_box: str
) -> None:
    draft = read_article(save(tmp_path, _weblog_named_after_its_writer(side_box)))
    assert draft.author == "Ann Lee"


@pytest.mark.parametrize(
    "side_box",
    [
        "",  # the declared name is only the site's own
        "<p>Ann Lee’s Weblog, since 26 March 2006</p>",  # the site's name beside a date is no byline
        # a long paragraph of prose that mentions the name is no byline either
        "<p>"
        + "Words about tides and the harbour. " * 10
        + "A book by Ann Lee came out on 26th March 2026.</p>",
    ],
)
def test_a_declared_name_the_site_is_named_after_stays_the_sites_without_a_dated_byline(
    tmp_path: Path, side_box: str
) -> None:
    draft = read_article(save(tmp_path, _weblog_named_after_its_writer(side_box)))
    assert draft.author is None


def _mailed_issue(byline: str) -> str:
    # a newsletter as mailed: tables of cells, the masthead a styled <span>, no <h1> anywhere
    return page(
        "<title>Harbour Notes AM</title>",
        "<table><tr><td><span class='main-header'>Harbour Notes AM</span></td></tr>"
        f"<tr><td>{byline}</td></tr><tr><td class='post-text'>{PROSE}</td></tr></table>",
    )


@pytest.mark.parametrize(
    "byline",
    [
        "<span class='bodytext'>By\n        Ann Lee\n        <span>&middot;</span>\n        Sep 20, 2022\n</span>",
        "<span>By Ann Lee | September 20, 2022</span>",
    ],
)
def test_a_line_opening_with_by_and_closing_with_the_date_is_a_byline_without_a_headline(
    tmp_path: Path, byline: str
) -> None:
    assert read_article(save(tmp_path, _mailed_issue(byline))).author == "Ann Lee"


@pytest.mark.parametrize(
    "byline",
    [
        "<span>Presented By Northwind · Sep 20, 2022</span>",  # a sponsor, not opening with the by-word
        "<span>By the harbour · Sep 20, 2022</span>",  # no name, and 'the' no account
    ],
)
def test_other_lines_with_by_and_a_date_name_no_writer_without_a_headline(
    tmp_path: Path, byline: str
) -> None:
    assert read_article(save(tmp_path, _mailed_issue(byline))).author is None


@pytest.mark.parametrize("label", ["Release", "Opinion", "Analysis"])
def test_one_word_over_the_date_line_is_a_label_not_a_writer(tmp_path: Path, label: str) -> None:
    # a byline without a by-word names a person by a given and a family name; one word is the section
    block = f"<div class='meta'><span>{label}</span><br><span>26 March 2026</span></div>"
    html = page("<title>Reading a tide table</title>", f"<h1>Reading a tide table</h1>{block}{PROSE}")
    assert read_article(save(tmp_path, html)).author is None


def test_a_full_name_over_the_date_line_is_still_the_writer(tmp_path: Path) -> None:
    block = "<div class='meta'><span>Ann Lee</span><br><span>26 March 2026</span></div>"
    html = page("<title>Reading a tide table</title>", f"<h1>Reading a tide table</h1>{block}{PROSE}")
    assert read_article(save(tmp_path, html)).author == "Ann Lee"


def test_a_byline_linked_to_a_malformed_address_still_names_its_writer(tmp_path: Path) -> None:
    """A link in a byline block to an address urllib cannot take apart ('http://[::1') is no
    author's archive page; the block's own text names the writer."""
    body = f"<h1>Reading a tide table</h1><div class='byline'>By <a href='http://[::1'>Ann Lee</a></div><p>{PROSE}</p>"
    draft = read_article(save(tmp_path, page("<title>Reading a tide table</title>", body)))
    assert draft.author == "Ann Lee"


@pytest.mark.parametrize("line", ["Door Prizes Available", "Par Avion Express"])
def test_a_foreign_by_word_opening_an_english_pages_text_is_no_byline(tmp_path: Path, line: str) -> None:
    """A page in English whose text opens with 'Door Prizes Available' took 'Prizes Available'
    for its writer (found by review25): another language's 'by' opens a byline on a page in that
    language (or one that declares none)."""
    html = page("<title>Fair</title>", f"<article><h1>Fair</h1><p>{line}</p>{PROSE}</article>")
    assert read_article(save(tmp_path, html)).author is None


@pytest.mark.parametrize(
    ("lang", "line", "author"),
    [("nl", "Door Eva de Vries", "Eva de Vries"), ("", "Par Jean Dupont", "Jean Dupont")],
)
def test_a_by_word_of_the_pages_language_opens_its_byline(
    tmp_path: Path, lang: str, line: str, author: str
) -> None:
    html = page("<title>Fair</title>", f"<article><h1>Fair</h1><p>{line}</p>{PROSE}</article>")
    html = html.replace("lang='en'", f"lang='{lang}'" if lang else "", 1)
    assert read_article(save(tmp_path, html)).author == author
