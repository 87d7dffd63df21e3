"""Tests for digest.render.feeds: every rule is checked on the parsed output, not only that it parses."""

from __future__ import annotations

import json
import random
import unicodedata
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import feedparser
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from digest.errors import ContentError
from digest.render.feeds import (
    JSON_FEED_VERSION,
    FeedEntry,
    FeedSettings,
    absolutize_html,
    build_feeds,
    clean_xml_text,
    entry_id,
)
from tests.helpers import returns_in_time

BASE = "https://digest.example.org/"
PREFIX = "tag:digest.example.org,2025:"
ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
PAGE = "https://ex.org/site/issue-1/"
SCHEMA = json.loads((Path(__file__).parent / "schemas" / "jsonfeed-1.1.schema.json").read_text())

CONTENT = (
    '<h2 id="picks">Picks</h2>\n'
    '<p>Read <a href="first-review/">the first review</a> and <a href="#picks">jump back</a>.</p>\n'
    '<p><img src="cover.png" srcset="cover.png 1x, cover@2x.png 2x" alt="A cover"></p>\n'
)


def make_settings(**changes: Any) -> FeedSettings:
    settings = FeedSettings(
        title="The Digest",
        description="Reviews worth your evening",
        base_url=BASE,
        language="en",
        author_name="The Editors",
        id_prefix=PREFIX,
    )
    return replace(settings, **changes)


def make_entry(key: str, published: datetime, base: str = BASE, **changes: Any) -> FeedEntry:
    entry = FeedEntry(
        key=key,
        title=f"Digest {key}",
        url=f"{base}{key}/",
        content_html=CONTENT,
        summary=f"What {key} is about.",
        authors=("Ada Writer", "Ben Critic"),
        categories=("python", "testing"),
        published=published,
    )
    return replace(entry, **changes)


def day(n: int) -> datetime:
    return datetime(2020, 1, 1, 9, 30, tzinfo=UTC) + timedelta(days=n)


def three_entries(base: str = BASE) -> list[FeedEntry]:
    return [make_entry(f"issue-{n}", day(n), base) for n in (1, 2, 3)]


def xml(document: bytes) -> Any:
    return etree.fromstring(document)


def atom_entries(feeds: dict[str, bytes]) -> list[Any]:
    return list(xml(feeds["feed.xml"]).iter(f"{ATOM}entry"))


def rss_items(feeds: dict[str, bytes]) -> list[Any]:
    return list(xml(feeds["rss.xml"]).iter("item"))


def json_items(feeds: dict[str, bytes]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = json.loads(feeds["feed.json"])["items"]
    return items


def ids_in_all_formats(feeds: dict[str, bytes]) -> tuple[list[str], list[str], list[str]]:
    atom = [entry.findtext(f"{ATOM}id") for entry in atom_entries(feeds)]
    rss = [item.findtext("guid") for item in rss_items(feeds)]
    jsonfeed = [item["id"] for item in json_items(feeds)]
    return atom, rss, jsonfeed


# --- Atom ---------------------------------------------------------------------------------------


def test_atom_feed_has_id_title_updated_author_and_its_own_self_link() -> None:
    feeds = build_feeds(three_entries(), make_settings())
    feed = xml(feeds["feed.xml"])

    assert feed.findtext(f"{ATOM}id") == PREFIX
    assert feed.findtext(f"{ATOM}title") == "The Digest"
    assert datetime.fromisoformat(feed.findtext(f"{ATOM}updated")) == day(3)
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "The Editors"
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {"self": f"{BASE}feed.xml", "alternate": BASE}
    assert feed.find(f"{ATOM}generator").attrib == {}

    parsed = feedparser.parse(feeds["feed.xml"])
    assert not parsed.bozo
    assert parsed.feed.id == PREFIX
    assert parsed.feed.updated_parsed[:5] == (2020, 1, 4, 9, 30)


def test_atom_entries_have_id_title_dates_content_and_exactly_one_alternate_link() -> None:
    settings = make_settings()
    entries = three_entries()
    feeds = build_feeds(entries, settings)

    for element, entry in zip(atom_entries(feeds), reversed(entries), strict=True):
        assert element.findtext(f"{ATOM}id") == entry_id(settings, entry.key)
        assert element.findtext(f"{ATOM}title") == entry.title
        assert datetime.fromisoformat(element.findtext(f"{ATOM}updated")) == entry.published
        assert datetime.fromisoformat(element.findtext(f"{ATOM}published")) == entry.published
        # feedgen 1.0 writes entry links without rel: checked on the raw XML, feedparser fills it in.
        alternates = [link for link in element.findall(f"{ATOM}link") if link.get("rel") == "alternate"]
        assert len(alternates) == 1
        assert len(element.findall(f"{ATOM}link")) == 1
        assert alternates[0].get("href") == entry.url
        assert element.find(f"{ATOM}content").get("type") == "html"
        assert element.findtext(f"{ATOM}summary") == entry.summary
        assert [a.findtext(f"{ATOM}name") for a in element.findall(f"{ATOM}author")] == list(entry.authors)
        assert [c.get("term") for c in element.findall(f"{ATOM}category")] == list(entry.categories)

    parsed = feedparser.parse(feeds["feed.xml"])
    assert not parsed.bozo
    assert [e.id for e in parsed.entries] == [entry_id(settings, e.key) for e in reversed(entries)]
    assert [e.link for e in parsed.entries] == [e.url for e in reversed(entries)]


def test_atom_entry_updated_is_the_entry_update_and_feed_updated_the_newest_of_them() -> None:
    revised = make_entry("issue-1", day(1), updated=day(10))
    feeds = build_feeds([revised, make_entry("issue-2", day(2))], make_settings())
    feed = xml(feeds["feed.xml"])

    assert datetime.fromisoformat(feed.findtext(f"{ATOM}updated")) == day(10)
    updated = [datetime.fromisoformat(e.findtext(f"{ATOM}updated")) for e in atom_entries(feeds)]
    assert updated == [day(2), day(10)]
    assert json_items(feeds)[1]["date_modified"] == day(10).isoformat()
    assert "date_modified" not in json_items(feeds)[0]


def test_entries_without_authors_get_the_feed_author() -> None:
    feeds = build_feeds([make_entry("issue-1", day(1), authors=())], make_settings())

    assert atom_entries(feeds)[0].findtext(f"{ATOM}author/{ATOM}name") == "The Editors"
    assert [c.text for c in rss_items(feeds)[0].findall(f"{DC}creator")] == ["The Editors"]
    assert json_items(feeds)[0]["authors"] == [{"name": "The Editors"}]


# --- RSS ----------------------------------------------------------------------------------------


def test_rss_channel_links_the_home_page_and_self_links_the_rss_file() -> None:
    feeds = build_feeds(three_entries(), make_settings())
    channel = xml(feeds["rss.xml"]).find("channel")

    assert channel.findtext("title") == "The Digest"
    assert channel.findtext("link") == BASE
    assert channel.findtext("description") == "Reviews worth your evening"
    self_links = channel.findall(f"{ATOM}link")
    assert [(link.get("rel"), link.get("href")) for link in self_links] == [("self", f"{BASE}rss.xml")]
    assert parsedate_to_datetime(channel.findtext("lastBuildDate")) == day(3)
    assert channel.findtext("generator") == "digest"

    parsed = feedparser.parse(feeds["rss.xml"])
    assert not parsed.bozo
    assert parsed.feed.link == BASE


def test_rss_items_have_guid_equal_to_atom_id_not_a_permalink_and_rfc822_dates() -> None:
    entries = three_entries()
    feeds = build_feeds(entries, make_settings())
    atom_ids, rss_ids, _ = ids_in_all_formats(feeds)

    assert rss_ids == atom_ids
    for item, entry in zip(rss_items(feeds), reversed(entries), strict=True):
        assert item.find("guid").get("isPermaLink") == "false"
        assert item.findtext("link") == entry.url
        assert parsedate_to_datetime(item.findtext("pubDate")) == entry.published
        assert [c.text for c in item.findall("category")] == list(entry.categories)

    parsed = feedparser.parse(feeds["rss.xml"])
    assert not parsed.bozo
    assert [e.id for e in parsed.entries] == atom_ids
    assert not any(e.guidislink for e in parsed.entries)


def test_rss_authors_are_dc_creator_names_when_no_email_is_configured() -> None:
    feeds = build_feeds(three_entries(), make_settings())
    item = rss_items(feeds)[0]

    assert [c.text for c in item.findall(f"{DC}creator")] == ["Ada Writer", "Ben Critic"]
    assert item.find("author") is None


def test_rss_author_is_the_editors_address_only_on_what_the_editors_wrote() -> None:
    """RSS's <author> is the writer's own address: the editors' address went on every item,
    beside other writers' names ('editors@... (Ada Writer, Ben Critic)')."""
    theirs = make_entry("issue-1", day(1))
    ours = make_entry("issue-2", day(2), authors=())  # no writer of its own: the feed's author
    feeds = build_feeds([theirs, ours], make_settings(author_email="editors@digest.example.org"))
    channel = xml(feeds["rss.xml"]).find("channel")
    by_link = {item.findtext("link"): item for item in channel.iter("item")}
    written_by_others, written_by_us = by_link[theirs.url], by_link[ours.url]

    assert written_by_others.find("author") is None
    assert [c.text for c in written_by_others.findall(f"{DC}creator")] == ["Ada Writer", "Ben Critic"]
    assert [a.text for a in written_by_us.findall("author")] == ["editors@digest.example.org (The Editors)"]
    assert written_by_us.find(f"{DC}creator") is None
    assert channel.findtext("managingEditor") == "editors@digest.example.org (The Editors)"
    parsed = {entry.link: entry for entry in feedparser.parse(feeds["rss.xml"]).entries}
    assert parsed[ours.url].author_detail.email == "editors@digest.example.org"
    assert "email" not in parsed[theirs.url].author_detail
    # The address belongs to the feed's author, not to the writers of each entry.
    feed = xml(feeds["feed.xml"])
    assert feed.findtext(f"{ATOM}author/{ATOM}email") == "editors@digest.example.org"
    assert all(entry.find(f"{ATOM}author/{ATOM}email") is None for entry in atom_entries(feeds))


# --- JSON Feed ----------------------------------------------------------------------------------


def test_json_feed_is_valid_json_feed_1_1_and_follows_the_project_rules() -> None:
    settings = make_settings()
    entries = three_entries()
    feeds = build_feeds(entries, settings)
    data = json.loads(feeds["feed.json"])

    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert data["version"] == JSON_FEED_VERSION
    assert data["title"] == "The Digest"
    assert data["home_page_url"] == BASE
    assert data["feed_url"] == f"{BASE}feed.json"
    assert data["authors"] == [{"name": "The Editors"}]
    for item, entry in zip(data["items"], reversed(entries), strict=True):
        assert item["id"] == entry_id(settings, entry.key)
        assert item["url"] == entry.url
        assert item["title"] == entry.title
        assert item["summary"] == entry.summary
        assert datetime.fromisoformat(item["date_published"]) == entry.published
        assert item["authors"] == [{"name": "Ada Writer"}, {"name": "Ben Critic"}]
        assert item["tags"] == ["python", "testing"]
    assert feeds["feed.json"].endswith(b"}\n")


def test_json_feed_content_is_the_same_html_as_atom_and_rss() -> None:
    feeds = build_feeds(three_entries(), make_settings())

    atom = [e.findtext(f"{ATOM}content") for e in atom_entries(feeds)]
    rss = [i.findtext("{http://purl.org/rss/1.0/modules/content/}encoded") for i in rss_items(feeds)]
    assert [item["content_html"] for item in json_items(feeds)] == atom == rss


@pytest.mark.parametrize(
    "broken",
    [
        {"version": JSON_FEED_VERSION, "title": "x", "items": [{"content_html": "<p>no id</p>"}]},
        {"version": JSON_FEED_VERSION, "title": "x", "items": [{"id": 7, "content_html": "x"}]},
        {"version": JSON_FEED_VERSION, "title": "x", "items": [{"id": "a"}]},
        {
            "version": JSON_FEED_VERSION,
            "title": "x",
            "items": [{"id": "a", "content_html": "x", "tags": "t"}],
        },
        {"version": "https://jsonfeed.org/version/1", "title": "x", "items": []},
        {"version": JSON_FEED_VERSION, "items": []},
        {"version": JSON_FEED_VERSION, "title": "x", "author": {"name": "1.0 style"}, "items": []},
        {
            "version": JSON_FEED_VERSION,
            "title": "x",
            "items": [{"id": "a", "content_html": "x", "date_published": "Mon, 06 Jan 2020 09:30:00 +0000"}],
        },
    ],
)
def test_the_json_feed_schema_rejects_broken_feeds(broken: dict[str, Any]) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(SCHEMA).validate(broken)


# --- Determinism and stability ------------------------------------------------------------------


def test_two_builds_are_byte_identical_whatever_the_input_order() -> None:
    entries = [make_entry(f"issue-{n}", day(n % 4)) for n in range(12)]
    shuffled = entries[:]
    random.Random(7).shuffle(shuffled)

    assert build_feeds(entries, make_settings()) == build_feeds(entries, make_settings())
    assert build_feeds(shuffled, make_settings()) == build_feeds(entries, make_settings())


def test_every_date_in_the_feeds_is_an_entry_date_never_the_clock() -> None:
    entries = three_entries()
    feeds = build_feeds(entries, make_settings())
    atom, rss = xml(feeds["feed.xml"]), xml(feeds["rss.xml"])

    atom_dates = [datetime.fromisoformat(e.text) for e in atom.iter(f"{ATOM}updated", f"{ATOM}published")]
    rss_dates = [parsedate_to_datetime(e.text) for e in rss.iter("lastBuildDate", "pubDate")]
    json_dates = [datetime.fromisoformat(item["date_published"]) for item in json_items(feeds)]
    assert len(atom_dates) == 7 and len(rss_dates) == 4
    assert set(atom_dates + rss_dates + json_dates) == {entry.published for entry in entries}
    assert b"python-feedgen" not in feeds["feed.xml"] + feeds["rss.xml"]


@pytest.mark.parametrize(
    "moved_base",
    ["http://digest.example.org/", "https://news.example.net/", "https://example.org/archive/digest/"],
)
def test_ids_survive_a_change_of_base_url(moved_base: str) -> None:
    before = build_feeds(three_entries(BASE), make_settings())
    after = build_feeds(three_entries(moved_base), make_settings(base_url=moved_base))

    assert ids_in_all_formats(after) == ids_in_all_formats(before)
    assert xml(after["feed.xml"]).findtext(f"{ATOM}id") == xml(before["feed.xml"]).findtext(f"{ATOM}id")
    assert json.loads(after["feed.json"])["feed_url"] == f"{moved_base}feed.json"


def test_a_newer_entry_comes_first_and_leaves_older_entries_untouched() -> None:
    settings = make_settings()
    before = build_feeds(three_entries(), settings)
    after = build_feeds([*three_entries(), make_entry("issue-4", day(4))], settings)

    assert ids_in_all_formats(after)[0][0] == entry_id(settings, "issue-4")
    assert json_items(after)[0]["id"] == entry_id(settings, "issue-4")
    assert rss_items(after)[0].findtext("guid") == entry_id(settings, "issue-4")
    assert [etree.tostring(e) for e in atom_entries(after)[1:]] == [
        etree.tostring(e) for e in atom_entries(before)
    ]
    assert [etree.tostring(i) for i in rss_items(after)[1:]] == [etree.tostring(i) for i in rss_items(before)]
    assert json_items(after)[1:] == json_items(before)


def test_entries_are_newest_first_even_when_given_oldest_first() -> None:
    # feedgen's add_entry prepends by default, which would reverse whatever order it is given.
    settings = make_settings()
    feeds = build_feeds(three_entries(), settings)
    newest_first = [entry_id(settings, key) for key in ("issue-3", "issue-2", "issue-1")]

    assert ids_in_all_formats(feeds) == (newest_first, newest_first, newest_first)


def test_entries_of_the_same_date_are_ordered_by_key() -> None:
    settings = make_settings()
    same_day = [make_entry(key, day(1)) for key in ("issue-1/zeta", "issue-1/alpha", "issue-1/mid")]
    feeds = build_feeds([*same_day, make_entry("issue-0", day(0))], settings)

    expected = [
        entry_id(settings, key) for key in ("issue-1/alpha", "issue-1/mid", "issue-1/zeta", "issue-0")
    ]
    assert ids_in_all_formats(feeds) == (expected, expected, expected)


@pytest.mark.parametrize(("limit", "count"), [(20, 20), (3, 3), (40, 25)])
def test_the_limit_keeps_only_the_newest_entries(limit: int, count: int) -> None:
    settings = make_settings(limit=limit)
    entries = [make_entry(f"issue-{n:02}", day(n)) for n in range(25)]
    feeds = build_feeds(entries, settings)

    expected = [entry_id(settings, f"issue-{n:02}") for n in range(24, 24 - count, -1)]
    assert ids_in_all_formats(feeds) == (expected, expected, expected)


def test_the_default_limit_is_twenty() -> None:
    assert make_settings().limit == 20


def test_per_review_keys_work_like_issue_keys() -> None:
    settings = make_settings()
    reviews = [
        make_entry("issue-2025/first-review", day(5), title="First review", authors=("Ada Writer",)),
        make_entry("issue-2025/second-review", day(5), title="Second review", authors=("Ben Critic",)),
    ]
    feeds = build_feeds(reviews, settings)

    expected = [f"{PREFIX}issue-2025/first-review", f"{PREFIX}issue-2025/second-review"]
    assert ids_in_all_formats(feeds) == (expected, expected, expected)
    assert [item["url"] for item in json_items(feeds)] == [
        f"{BASE}issue-2025/first-review/",
        f"{BASE}issue-2025/second-review/",
    ]
    first_content = json_items(feeds)[0]["content_html"]
    assert f'<a href="{BASE}issue-2025/first-review/first-review/">' in first_content
    assert [i.findtext(f"{DC}creator") for i in rss_items(feeds)] == ["Ada Writer", "Ben Critic"]


# --- Text and links -----------------------------------------------------------------------------


def test_control_characters_never_reach_any_feed() -> None:
    dirty = make_entry(
        "issue-1",
        day(1),
        title="Issue\x00 one\x1b",
        summary="A\x08 summary",
        content_html="<p>Bell\x07 and\x0b tab\tkept</p>",
        authors=("\x01Ada Writer",),
        categories=("py\x7fthon",),
    )
    feeds = build_feeds([dirty], make_settings(title="The\x0c Digest"))

    for document in feeds.values():
        assert not any(
            byte in document for byte in (b"\x00", b"\x1b", b"\x08", b"\x07", b"\x0b", b"\x01", b"\x7f")
        )
    assert atom_entries(feeds)[0].findtext(f"{ATOM}title") == "Issue one"
    assert json_items(feeds)[0]["content_html"] == "<p>Bell and tab\tkept</p>"
    assert json_items(feeds)[0]["tags"] == ["python"]
    assert rss_items(feeds)[0].findtext(f"{DC}creator") == "Ada Writer"
    assert xml(feeds["rss.xml"]).findtext("channel/title") == "The Digest"


def test_clean_xml_text_keeps_what_xml_can_carry() -> None:
    assert clean_xml_text("tab\tnew\nline\r☕ 𝄞 é") == "tab\tnew\nline\r☕ 𝄞 é"
    assert clean_xml_text("a\x00b\x1fc\ud800d\ufffee\x85f") == "abcdef"


@given(st.text())
def test_clean_xml_text_output_is_always_accepted_by_lxml(text: str) -> None:
    cleaned = clean_xml_text(text)
    element = etree.Element("t")
    element.text = cleaned
    assert etree.fromstring(etree.tostring(element)).text in (cleaned, None)
    assert clean_xml_text(cleaned) == cleaned


def test_relative_links_in_content_become_absolute_in_every_format() -> None:
    feeds = build_feeds([make_entry("issue-1", day(1))], make_settings())
    page = f"{BASE}issue-1/"
    expected = (
        f'<a href="{page}first-review/">',
        f'<a href="{page}#picks">',
        f'src="{page}cover.png" srcset="{page}cover.png 1x, {page}cover@2x.png 2x"',
    )

    atom = atom_entries(feeds)[0].findtext(f"{ATOM}content")
    rss = rss_items(feeds)[0].findtext("{http://purl.org/rss/1.0/modules/content/}encoded")
    for html in (atom, rss, json_items(feeds)[0]["content_html"]):
        assert all(fragment in html for fragment in expected)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a href="../other/">x</a>', '<a href="https://ex.org/site/other/">x</a>'),
        ('<a href="/about/">x</a>', '<a href="https://ex.org/about/">x</a>'),
        ('<a href="#note-1">1</a>', f'<a href="{PAGE}#note-1">1</a>'),
        ('<img src="a.png" />', f'<img src="{PAGE}a.png" />'),
        (
            '<video poster="p.jpg" controls></video>',
            f'<video poster="{PAGE}p.jpg" controls></video>',
        ),
        (
            '<blockquote cite="src/">q</blockquote>',
            f'<blockquote cite="{PAGE}src/">q</blockquote>',
        ),
        ('<a href="//cdn.example.net/x">x</a>', '<a href="https://cdn.example.net/x">x</a>'),
        ('<a href="?page=2&amp;n=3">x</a>', f'<a href="{PAGE}?page=2&amp;n=3">x</a>'),
        (
            '<source srcset="s.webp 480w,l.webp 1080w">',
            f'<source srcset="{PAGE}s.webp 480w, {PAGE}l.webp 1080w">',
        ),
        ('<img srcset="a,b.png 2x">', f'<img srcset="{PAGE}a,b.png 2x">'),
        (
            '<img srcset="one.png, two.png 2x">',
            f'<img srcset="{PAGE}one.png, {PAGE}two.png 2x">',
        ),
    ],
)
def test_absolutize_html_rewrites_url_attributes(html: str, expected: str) -> None:
    assert absolutize_html(html, PAGE) == expected


@pytest.mark.parametrize(
    "html",
    [
        '<a href="https://example.com/x">absolute</a>',
        '<a href="mailto:editors@example.org">mail</a>',
        '<img src="data:image/png;base64,AAAA" alt="">',
        "<a href>bare</a><a name='top'>anchor</a>",
        "<!-- <a href='x'> --><p class='a' >&amp; &lt;b&gt; &nbsp;</p>",
        "<script>var link = '<a href=\"x\">';</script>",
        '<pre><code>&lt;a href="relative/"&gt;</code></pre>',
    ],
)
def test_absolutize_html_leaves_html_without_relative_urls_byte_identical(html: str) -> None:
    assert absolutize_html(html, PAGE) == html


def test_absolutize_html_only_touches_the_tags_it_must() -> None:
    html = (
        "<h2 ID='t'>Title</h2>\r\n"
        "<p>One &mdash; <A HREF='rel/' class=x>link</A> <em>two</em></p>\n"
        "\n"
        "<p>Three <img src=pic.png alt='it&#39;s'> four</p>\n"
    )

    result = absolutize_html(html, "https://ex.org/i/")

    assert result == (
        "<h2 ID='t'>Title</h2>\r\n"
        "<p>One &mdash; <A HREF='https://ex.org/i/rel/' class=x>link</A> <em>two</em></p>\n"
        "\n"
        "<p>Three <img src=https://ex.org/i/pic.png alt='it&#39;s'> four</p>\n"
    )


# --- Ids and settings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "prefix",
    [
        "tag:digest.example.org,2025:",
        "tag:example.org,2025-02:",
        "tag:editors@digest.example.org,2025-01-31:",
        "tag:digest.example.org,2025:feeds/",
    ],
)
def test_entry_id_is_the_prefix_and_the_key(prefix: str) -> None:
    settings = make_settings(id_prefix=prefix)

    assert entry_id(settings, "issue-2025") == f"{prefix}issue-2025"
    assert entry_id(settings, "issue-2025/some-review") == f"{prefix}issue-2025/some-review"


def test_entry_id_percent_encodes_characters_a_tag_uri_cannot_hold() -> None:
    assert entry_id(make_settings(), "issue 7/café") == f"{PREFIX}issue%207/caf%C3%A9"


def test_an_empty_key_is_a_content_error() -> None:
    with pytest.raises(ContentError, match="empty key"):
        entry_id(make_settings(), "")


def test_two_entries_with_one_key_are_a_content_error() -> None:
    with pytest.raises(ContentError, match="issue-2"):
        build_feeds([*three_entries(), make_entry("issue-2", day(9))], make_settings())


@pytest.mark.parametrize("field", ["published", "updated"])
def test_a_date_without_time_zone_is_a_content_error_naming_the_entry(field: str) -> None:
    changes: dict[str, Any] = {field: datetime(2020, 3, 1, 8, 0)}
    naive = replace(make_entry("issue-9", day(9)), **changes)
    with pytest.raises(ContentError, match=f"issue-9.*{field}"):
        build_feeds([naive], make_settings())


def test_a_relative_entry_url_is_a_content_error() -> None:
    with pytest.raises(ContentError, match="issue-1"):
        build_feeds([make_entry("issue-1", day(1), url="issue-1/")], make_settings())


def test_no_entries_is_a_content_error() -> None:
    with pytest.raises(ContentError, match="no published issue"):
        build_feeds([], make_settings())


# --- the feeds of a whole build (the demo project through the CLI)


def _built_feeds(project: Path, *args: str) -> dict[str, bytes]:
    from tests.test_cli import run

    result = run(project, "build", "issue-2025", *args)
    assert result.exit_code == 0, result.output
    return {name: (project / "dist" / name).read_bytes() for name in ("feed.xml", "rss.xml", "feed.json")}


def _atom_ids(atom: bytes) -> list[str]:
    root = etree.fromstring(atom)
    return [str(e.findtext(f"{ATOM}id")) for e in root.findall(f"{ATOM}entry")]


def test_build_feeds_cover_every_issue_newest_first(project: Path) -> None:
    feeds = _built_feeds(project)
    assert _atom_ids(feeds["feed.xml"]) == [
        "tag:digest.example.org,2025:issue-2025",
        "tag:digest.example.org,2025:issue-2024",
    ]
    items = json.loads(feeds["feed.json"])["items"]
    assert [item["id"] for item in items] == _atom_ids(feeds["feed.xml"])
    assert "merge" not in feeds["feed.json"].decode() and "{{" not in items[0]["content_html"]


def test_build_feed_ids_survive_a_move_of_the_site(project: Path) -> None:
    before = _built_feeds(project)
    moved = _built_feeds(project, "--base-url", "https://news.example.com/digest/")
    assert _atom_ids(moved["feed.xml"]) == _atom_ids(before["feed.xml"])
    assert b"https://news.example.com/digest/issue-2025/" in moved["feed.xml"]
    from digest.config import load_config
    from digest.pipeline import prepare

    moved_to_http = {"site": {"base_url": "http://digest.example.org/"}, "email": {"https_only": False}}
    outputs = prepare(load_config(project / "digest.toml", moved_to_http), "issue-2025").outputs
    assert _atom_ids(outputs["feed.xml"]) == _atom_ids(before["feed.xml"])


def test_build_a_new_issue_comes_first_and_older_entries_do_not_change(project: Path) -> None:
    before = json.loads(_built_feeds(project)["feed.json"])["items"]
    new = project / "issues" / "issue-2026"
    new.mkdir()
    (new / "issue.md").write_text("---\ntitle: Next\ndate: 2026-02-01\nreviews: [a.md]\n---\nHello.\n")
    (new / "a.md").write_text("# A new review\n\nSome words.\n")
    after = json.loads(_built_feeds(project)["feed.json"])["items"]
    assert after[0]["id"].endswith(":issue-2026")
    assert after[1:] == before


def test_build_per_review_entries(project: Path) -> None:
    config = project / "digest.toml"
    config.write_text(config.read_text().replace('entries = "issues"', 'entries = "reviews"'))
    items = json.loads(_built_feeds(project)["feed.json"])["items"]
    assert len(items) == 6
    assert all(item["id"].count("/") == 1 for item in items)


def test_per_review_entries_are_published_with_their_issue_not_on_the_articles_date(project: Path) -> None:
    """A review's date is the article's (an import takes the page's): an entry per review was
    dated by it, so a 2013 article reviewed in the newest issue sorted last, and past the
    limit it was left out of the feeds altogether (found by review21). Each review's entry
    is published when its page is, with its issue."""
    config = project / "digest.toml"
    settings = config.read_text().replace('entries = "issues"', 'entries = "reviews"')
    config.write_text(settings.replace("limit = 20", "limit = 4"))
    new = project / "issues" / "issue-2026"
    new.mkdir()
    (new / "issue.md").write_text("---\ntitle: Next\ndate: 2026-02-01\nreviews: [old.md]\n---\nHello.\n")
    (new / "old.md").write_text("---\ntitle: A classic on tides\ndate: 2013-01-30\n---\nSome words.\n")
    feeds = _built_feeds(project)
    items = json.loads(feeds["feed.json"])["items"]
    assert items[0]["id"].endswith(":issue-2026/old"), [item["id"] for item in items]
    assert items[0]["date_published"] == "2026-02-01T00:00:00+00:00"
    issue_2025 = [item for item in items if ":issue-2025/" in item["id"]]
    assert len(issue_2025) == 3 and {item["date_published"] for item in issue_2025} == {
        "2026-01-02T00:00:00+00:00"
    }
    [entry] = [each for each in atom_entries(feeds) if each.findtext(f"{ATOM}id").endswith("/old")]
    assert entry.findtext(f"{ATOM}published") == "2026-02-01T00:00:00+00:00"


def test_rss_titles_and_categories_carry_nothing_a_reader_could_decode_into_markup() -> None:
    title = "Why a<b and <script>alert(1)</script> matter"
    entry = make_entry(
        "issue-1", datetime(2025, 1, 1, tzinfo=UTC), title=title, categories=("<b>bold</b> tag",)
    )
    outputs = build_feeds([entry], make_settings())
    rss = etree.fromstring(outputs["rss.xml"])
    assert (
        rss.findtext("./channel/item/title")
        == "Why a\u2039b and \u2039script\u203aalert(1)\u2039/script\u203a matter"
    )
    assert [c.text for c in rss.iter("category")] == ["\u2039b\u203abold\u2039/b\u203a tag"]
    assert etree.fromstring(outputs["feed.xml"]).findtext(f"{ATOM}entry/{ATOM}title") == title


def test_an_entry_of_many_tags_and_authors_is_written_in_linear_time() -> None:
    """feedgen maps every category (and author) it holds to RSS again each time one is added:
    a review of 50,000 tags held the build for minutes."""
    terms = tuple(f"tag-{number}" for number in range(20_000))
    names = tuple(f"Writer {number}" for number in range(20_000))
    entries = [make_entry("issue-1", day(1), categories=terms, authors=names)]
    returns_in_time("20,000 tags and writers", lambda: build_feeds(entries, make_settings()))
    feeds = build_feeds(entries, make_settings())
    [item] = rss_items(feeds)
    assert [category.text for category in item.iter("category")] == list(terms)
    [entry] = atom_entries(feeds)
    assert len(entry.findall(f"{ATOM}author")) == len(names)


def _per_review_ids(project: Path) -> list[str]:
    return [item["id"] for item in json.loads(_built_feeds(project)["feed.json"])["items"]]


def _feeds_list_reviews(project: Path) -> None:
    config = project / "digest.toml"
    config.write_text(config.read_text().replace('entries = "issues"', 'entries = "reviews"'))


def test_a_review_without_a_slug_keeps_its_feed_id_when_retitled(project: Path) -> None:
    """A review's entry id came from its title: retitling it (or fixing a typo in it) made a
    new id, and every feed reader showed the review again as new (found by review22). The id
    of a review without a `slug:` is its file's name within the issue, which a retitle keeps."""
    _feeds_list_reviews(project)
    before = _per_review_ids(project)
    review = project / "issues" / "issue-2025" / "llm-report-2025.md"
    review.write_text(review.read_text().replace("large language models", "large langauge models", 1))
    assert _per_review_ids(project) == before
    assert "tag:digest.example.org,2025:issue-2025/llm-report-2025" in before
    assert len(set(before)) == len(before)


def test_a_review_with_a_slug_keeps_the_id_it_was_published_with(project: Path) -> None:
    _feeds_list_reviews(project)
    review = project / "issues" / "issue-2025" / "llm-report-2025.md"
    review.write_text(review.read_text().replace("---\n", "---\nslug: the-llm-report\n", 1))
    ids = _per_review_ids(project)
    assert "tag:digest.example.org,2025:issue-2025/the-llm-report" in ids
    review.write_text(review.read_text().replace("title: ", "title: Retitled: ", 1))
    assert _per_review_ids(project) == ids


def test_a_review_id_is_the_same_whatever_unicode_form_its_file_name_is_stored_in(project: Path) -> None:
    """macOS stores 'é' decomposed, Linux as typed: one review, one id on either."""
    _feeds_list_reviews(project)
    folder = project / "issues" / "issue-2025"
    issue = folder / "issue.md"
    ids = []
    for form in ("NFC", "NFD"):
        name = unicodedata.normalize(form, "café.md")
        for old in folder.glob("caf*.md"):
            old.unlink()
        (folder / name).write_text("---\ntitle: On coffee\n---\nSome words.\n")
        text = issue.read_text().replace("      - llm-report-2025.md\n", "      - café.md\n")
        issue.write_text(text)
        ids.append([each for each in _per_review_ids(project) if "caf" in each])
    assert ids[0] == ids[1] == ["tag:digest.example.org,2025:issue-2025/caf%C3%A9"]


def test_two_reviews_of_one_issue_that_would_share_an_id_are_refused_by_name(project: Path) -> None:
    from tests.test_cli import run

    _feeds_list_reviews(project)
    folder = project / "issues" / "issue-2025"
    (folder / "notes.md").write_text("---\ntitle: Notes\n---\nSome words.\n")
    (folder / "other.md").write_text("---\ntitle: Other\nslug: notes\n---\nMore words.\n")
    issue = folder / "issue.md"
    issue.write_text(
        issue.read_text().replace("      - llm-report-2025.md\n", "      - notes.md\n      - other.md\n")
    )
    result = run(project, "build", "issue-2025")
    assert result.exit_code == 1, result.output
    assert "notes.md" in result.output and "other.md" in result.output and "slug" in result.output


def test_a_review_entry_links_the_article_it_reviews_as_json_feeds_external_url(project: Path) -> None:
    """JSON Feed 1.1: "If url links to where you're talking about a thing, then external_url
    links to the thing you're talking about": a review's entry gave its page and not the
    article it reviews (found by review22). Atom says the same with a related link."""
    _feeds_list_reviews(project)
    review = project / "issues" / "issue-2025" / "llm-report-2025.md"
    review.write_text(review.read_text().replace("---\n", "---\nsource_url: https://example.org/report\n", 1))
    feeds = _built_feeds(project)
    data = json.loads(feeds["feed.json"])
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    [item] = [each for each in data["items"] if each["id"].endswith("/llm-report-2025")]
    assert item["external_url"] == "https://example.org/report"
    assert item["url"].startswith("https://digest.example.org/issue-2025/")
    assert all("external_url" not in each for each in data["items"] if each is not item)
    [entry] = [
        each for each in atom_entries(feeds) if each.findtext(f"{ATOM}id").endswith("/llm-report-2025")
    ]
    related = [link.get("href") for link in entry.findall(f"{ATOM}link") if link.get("rel") == "related"]
    assert related == ["https://example.org/report"]
    alternate = [link for link in entry.findall(f"{ATOM}link") if link.get("rel") in (None, "alternate")]
    assert len(alternate) == 1
    rss_links = {item.findtext("guid"): item.findtext("link") for item in rss_items(feeds)}
    assert rss_links[item["id"]] == item["url"]


def test_each_writer_a_review_lists_is_an_author_of_its_entry_in_every_feed(project: Path) -> None:
    """`authors: [Ada Writer, Ben Critic]` reached the feeds as one author named "Ada Writer,
    Ben Critic" (found by review22): JSON Feed 1.1's authors, Atom's author elements and RSS's
    dc:creator each name one writer. One value stays one name, however it is written."""
    _feeds_list_reviews(project)
    folder = project / "issues" / "issue-2025"
    listed = folder / "llm-report-2025.md"
    listed.write_text(
        listed.read_text().replace("---\n", "---\nauthors: [Ada Writer, 'Ben Critic <ben@example.org>']\n", 1)
    )
    single = folder / "generative-models-revisited.md"
    single.write_text(single.read_text().replace("---\n", "---\nauthor: 'Lee, Ann'\n", 1))
    feeds = _built_feeds(project)
    items = {item["id"].rsplit("/", 1)[1]: item for item in json.loads(feeds["feed.json"])["items"]}
    assert items["llm-report-2025"]["authors"] == [{"name": "Ada Writer"}, {"name": "Ben Critic"}]
    assert items["generative-models-revisited"]["authors"] == [{"name": "Lee, Ann"}]
    [entry] = [
        each for each in atom_entries(feeds) if each.findtext(f"{ATOM}id").endswith("/llm-report-2025")
    ]
    assert [author.findtext(f"{ATOM}name") for author in entry.findall(f"{ATOM}author")] == [
        "Ada Writer",
        "Ben Critic",
    ]
    [item] = [each for each in rss_items(feeds) if each.findtext("guid").endswith("/llm-report-2025")]
    creators = [each.text for each in item.iter("{http://purl.org/dc/elements/1.1/}creator")]
    assert creators == ["Ada Writer", "Ben Critic"]
    page = (project / "dist" / "issue-2025" / "index.html").read_text()
    assert "Ada Writer, Ben Critic" in page  # the byline reads as before
