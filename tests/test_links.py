"""Link extraction from every output format, origins in the sources, and the checks needing no network."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from digest.cache import BuildCache
from digest.checks.links import (
    DEFAULT_PLACEHOLDERS,
    FoundLink,
    Scope,
    SourceSet,
    check_scopes,
    external_urls,
    extract_links,
    locate_origins,
    parse_srcset,
    url_index,
)
from digest.errors import ContentError, Finding
from tests.helpers import issue_md, returns_in_time, with_intro
from tests.test_cli import run as run_cli
from tests.test_robustness import ISSUE

BASE = "https://digest.example.org/"

EMAIL_HTML = b"""<!doctype html><html><body background="https://cdn.example.com/paper.png">
<table style="background: #fff url('https://cdn.example.com/band.png') repeat-x"><tr><td>
<a href="https://digest.example.org/issue-2025/first-review/#findings">Read on</a>
<a href="https://example.com/article?a=1&amp;b=2">Source</a>
<img src="https://cdn.example.com/logo.png"
     srcset="https://cdn.example.com/logo.png 1x, https://cdn.example.com/logo,2x.png 2x">
<a href="mailto:editor@digest.example.org?subject=Hello">Write to us</a>
<a href="*|UNSUB|*">Unsubscribe</a> <a href="{{ unsubscribe_url }}">Leave</a>
</td></tr></table></body></html>"""

EMAIL_TXT = b"""View it in your browser: https://digest.example.org/issue-2025/.
Read the first review (https://digest.example.org/issue-2025/first-review/) today!
About parentheses: https://en.wikipedia.org/wiki/Bracket_(disambiguation), then more.
Unsubscribe: {{ unsubscribe_url }}
"""

ISSUE_PAGE = b"""<!doctype html><html><head><link rel="stylesheet" href="../web.css"></head><body>
<a href="first-review/">First</a> <a href="first-review/#findings">Findings</a>
<a href="../feed.xml">Atom</a> <a href="/index.html">Archive</a> <a href="#top">Top</a>
</body></html>"""

REVIEW_PAGE = b"""<!doctype html><html><body id="top-of-review">
<h2 id="findings">Findings</h2><a name="legacy-anchor"></a>
<a href="https://example.com/article?a=1&amp;b=2#part-two">Source</a>
</body></html>"""

ARCHIVE_PAGE = b"""<!doctype html><html><body><a href="issue-2025/">2025</a></body></html>"""

ATOM = b"""<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>tag:digest.example.org,2025:</id>
  <link href="https://digest.example.org/" rel="alternate"/>
  <link href="https://digest.example.org/feed.xml" rel="self"/>
  <generator uri="https://generator.example.net/">gen</generator>
  <entry>
    <id>tag:digest.example.org,2025:issue-2025</id>
    <link href="https://digest.example.org/issue-2025/"/>
    <content type="html">&lt;p&gt;&lt;a href="https://atom-content.example.com/"&gt;x&lt;/a&gt;&lt;/p&gt;</content>
    <summary type="text">Plain words, https://not-a-link-in-text.example.com/ stays text.</summary>
  </entry>
  <entry>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">
      <a href="https://xhtml.example.com/">x</a></div></content>
  </entry>
</feed>"""

RSS = b"""<?xml version='1.0' encoding='UTF-8'?>
<rss xmlns:content="http://purl.org/rss/1.0/modules/content/" version="2.0"><channel>
  <link>https://digest.example.org/</link>
  <docs>http://www.rssboard.org/rss-specification</docs>
  <item>
    <link>https://digest.example.org/issue-2025/</link>
    <description>&lt;a href="https://rss-description.example.com/"&gt;d&lt;/a&gt;</description>
    <content:encoded>&lt;img src="https://rss-encoded.example.com/i.png"&gt;</content:encoded>
    <guid isPermaLink="false">tag:digest.example.org,2025:issue-2025</guid>
    <enclosure url="https://media.example.com/episode.mp3" length="1" type="audio/mpeg"/>
  </item>
  <item><guid>https://digest.example.org/issue-2025/first-review/</guid></item>
</channel></rss>"""

JSON_FEED = json.dumps(
    {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Digest",
        "home_page_url": "https://digest.example.org/",
        "feed_url": "https://digest.example.org/feed.json",
        "authors": [{"name": "Editor", "url": "https://editor.example.com/"}],
        "items": [
            {
                "id": "tag:digest.example.org,2025:issue-2025",
                "url": "https://digest.example.org/issue-2025/",
                "external_url": "https://example.com/article",
                "content_html": '<p><a href="https://json-content.example.com/">c</a></p>',
            }
        ],
    }
).encode()

OUTPUTS: dict[str, bytes] = {
    "issue-2025/email.html": EMAIL_HTML,
    "issue-2025/email.txt": EMAIL_TXT,
    "issue-2025/index.html": ISSUE_PAGE,
    "issue-2025/first-review/index.html": REVIEW_PAGE,
    "index.html": ARCHIVE_PAGE,
    "web.css": b"body { color: black }",
    "feed.xml": ATOM,
    "rss.xml": RSS,
    "feed.json": JSON_FEED,
}


def urls_in(output: str, outputs: dict[str, bytes] = OUTPUTS) -> list[str]:
    return [link.url for link in extract_links(outputs) if link.output == output]


def link_check(
    outputs: dict[str, bytes],
    *,
    base_url: str = BASE,
    https_only_email: bool = True,
    placeholders: tuple[str, ...] = DEFAULT_PLACEHOLDERS,
    sources: tuple[Path, ...] = (),
) -> list[Finding]:
    """What a build's link check (check_scopes) finds without the network in these outputs,
    all of them written from `sources`."""
    scope = Scope(tuple(sorted(outputs)), (SourceSet(sources, "sources"),) if sources else ())
    return check_scopes(
        [scope], outputs, base_url=base_url, https_only_email=https_only_email, placeholders=placeholders
    ).findings


def static_findings(outputs: dict[str, bytes], *, https_only: bool = True) -> list[str]:
    return [finding.message for finding in link_check(outputs, https_only_email=https_only)]


def with_page(output: str, body: str) -> dict[str, bytes]:
    return {**OUTPUTS, output: f"<!doctype html><html><body>{body}</body></html>".encode()}


# --- extraction -------------------------------------------------------------------------


def test_html_links_come_from_href_src_every_srcset_candidate_background_and_style() -> None:
    assert urls_in("issue-2025/email.html") == [
        "https://cdn.example.com/paper.png",
        "https://cdn.example.com/band.png",
        "https://digest.example.org/issue-2025/first-review/#findings",
        "https://example.com/article?a=1&b=2",
        "https://cdn.example.com/logo.png",
        "https://cdn.example.com/logo,2x.png",
        "mailto:editor@digest.example.org?subject=Hello",
        "*|UNSUB|*",
        "{{ unsubscribe_url }}",
    ]


def test_text_urls_lose_sentence_punctuation_but_keep_their_own_parentheses() -> None:
    assert urls_in("issue-2025/email.txt") == [
        "https://digest.example.org/issue-2025/",
        "https://digest.example.org/issue-2025/first-review/",
        "https://en.wikipedia.org/wiki/Bracket_(disambiguation)",
    ]


def test_atom_links_include_html_and_xhtml_content_but_not_plain_text_or_generator() -> None:
    assert urls_in("feed.xml") == [
        "https://digest.example.org/",
        "https://digest.example.org/feed.xml",
        "https://digest.example.org/issue-2025/",
        "https://atom-content.example.com/",
        "https://xhtml.example.com/",
    ]


def test_rss_links_include_descriptions_encoded_content_enclosures_and_permalink_guids() -> None:
    assert urls_in("rss.xml") == [
        "https://digest.example.org/",
        "https://digest.example.org/issue-2025/",
        "https://rss-description.example.com/",
        "https://rss-encoded.example.com/i.png",
        "https://media.example.com/episode.mp3",
        "https://digest.example.org/issue-2025/first-review/",
    ]


def test_json_feed_links_include_item_urls_authors_and_content_html() -> None:
    assert urls_in("feed.json") == [
        "https://digest.example.org/",
        "https://digest.example.org/feed.json",
        "https://editor.example.com/",
        "https://digest.example.org/issue-2025/",
        "https://example.com/article",
        "https://json-content.example.com/",
    ]


def test_a_json_file_that_is_not_a_feed_and_other_files_yield_no_links() -> None:
    outputs = {"data.json": b'{"url": "https://example.com/"}', "web.css": b"a { background: url(x.png) }"}
    assert extract_links(outputs) == []


def test_a_url_repeated_in_one_output_is_listed_once_per_output() -> None:
    outputs = {
        "a.html": b'<a href="https://example.com/">1</a><a href="https://example.com/">2</a>',
        "b.txt": b"https://example.com/ and again https://example.com/",
    }
    assert extract_links(outputs) == [
        FoundLink("https://example.com/", "a.html"),
        FoundLink("https://example.com/", "b.txt"),
    ]


_SRCSET_URL = st.from_regex(r"https://[a-z]{1,8}\.example/[a-z0-9,()]{0,12}[a-z0-9]", fullmatch=True)


@given(st.lists(st.tuples(_SRCSET_URL, st.sampled_from(["", " 1x", " 2.5x", " 640w"])), min_size=1))
def test_srcset_parsing_returns_every_candidate_url(candidates: list[tuple[str, str]]) -> None:
    srcset = ", ".join(url + descriptor for url, descriptor in candidates)
    assert parse_srcset(srcset) == [url for url, _ in candidates]


# --- origins -----------------------------------------------------------------------------


def test_origins_name_the_first_source_and_line_holding_the_url() -> None:
    sources = {
        Path("first.md"): "---\ntitle: x\n---\nSee [the café](https://example.org/café).\n",
        Path("second.md"): "one\nhttps://example.com/a?x=1&y=2 and https://example.org/café\n",
    }
    links = [
        FoundLink("https://example.org/caf%C3%A9", "issue-2025/index.html"),
        FoundLink("https://example.com/a?x=1&y=2", "issue-2025/email.html"),
        FoundLink("https://nowhere.example.com/", "feed.xml"),
    ]
    assert located(links, sources) == [
        FoundLink("https://example.org/caf%C3%A9", "issue-2025/index.html", sources_path(sources, 0), 4),
        FoundLink("https://example.com/a?x=1&y=2", "issue-2025/email.html", sources_path(sources, 1), 2),
        FoundLink("https://nowhere.example.com/", "feed.xml"),
    ]


def located(links: list[FoundLink], sources: dict[Path, str]) -> list[FoundLink]:
    """The links with their origins, found as the build's link check finds them."""
    return locate_origins(links, url_index(sources), lambda: sources)


def sources_path(sources: dict[Path, str], index: int) -> Path:
    return list(sources)[index]


def test_origins_are_found_in_real_review_text(seeds: Path) -> None:
    for seed in sorted(seeds.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        match = re.search(r"https?://[^\s)\]>\"']+", text)
        if match:
            break
    else:
        raise AssertionError(f"no URL in any seed under {seeds}")
    url = match.group().rstrip(".,;:")
    [link] = located([FoundLink(url, "issue-2025/email.html")], {seed: text})
    assert link.origin == seed
    assert link.line is not None
    assert url in text.splitlines()[link.line - 1]


# --- static checks -----------------------------------------------------------------------


def test_a_consistent_build_has_no_static_findings() -> None:
    assert static_findings(OUTPUTS) == []


def test_forbidden_schemes_are_errors_in_any_output() -> None:
    outputs = with_page(
        "issue-2025/second-review/index.html",
        '<a href=" JavaScript:alert(1)">a</a><img src="data:image/png;base64,AAAA"><a href="file:///etc/x">f</a>',
    )
    assert static_findings(outputs) == [
        "javascript: link JavaScript:alert(1) is not allowed: remove it (no mail app or feed reader runs "
        "scripts) (in issue-2025/second-review/index.html)",
        "data: link data:image/png;base64,AAAA is not allowed: save what it holds as a file beside the "
        "review and write the file's name instead (in issue-2025/second-review/index.html)",
        "file: link file:///etc/x is not allowed: it points into your own computer: put the file beside the "
        "review and write its name, or link to its address on the web (in issue-2025/second-review/index.html)",
    ]


def test_the_email_needs_absolute_links_and_https_when_configured() -> None:
    outputs = with_page(
        "issue-2025/email.html", '<a href="first-review/">r</a><a href="http://example.com/">h</a>'
    )
    where = " (in issue-2025/email.html)"
    relative = "email link first-review/ is relative; mail apps need absolute URLs" + where
    insecure = (
        "email link http://example.com/ is http: while [email] https_only is on; "
        "link to https:, or set https_only = false" + where
    )
    assert static_findings(outputs, https_only=True) == [relative, insecure]
    assert static_findings(outputs, https_only=False) == [relative]


def test_merge_tags_are_accepted_in_the_email_but_not_on_the_web() -> None:
    tags = '<a href="*|UNSUB|*">u</a><a href="{{ unsubscribe_url }}">v</a><a href="{{email_url}}">w</a>'
    assert static_findings(with_page("issue-2025/email.html", tags)) == []
    messages = static_findings(with_page("issue-2025/second-review/index.html", tags))
    assert len(messages) == 3
    assert all("issue-2025/second-review/index.html" in message for message in messages)


def test_placeholder_patterns_are_a_parameter() -> None:
    outputs = with_page("issue-2025/email.html", '<a href="%%unsubscribe%%">u</a>')
    assert link_check(outputs)
    assert link_check(outputs, placeholders=(*DEFAULT_PLACEHOLDERS, r"%%\w+%%")) == []


def test_mailto_and_tel_links_are_checked_for_syntax_only() -> None:
    good = (
        '<a href="mailto:a@example.com,b.c@example.org?subject=Hi">m</a>'
        '<a href="mailto:?to=a@example.com">t</a>'
        '<a href="tel:+1-201-555-0123">p</a><a href="tel:(0)20%207946%200000">l</a>'
    )
    assert static_findings(with_page("issue-2025/index.html", good)) == []
    bad = '<a href="mailto:">e</a><a href="mailto:someone-at-example.com">n</a><a href="tel:call-me">t</a>'
    assert static_findings(with_page("issue-2025/index.html", bad)) == [
        "mailto: link mailto: names no address (in issue-2025/index.html)",
        "mailto: link mailto:someone-at-example.com has an invalid address: someone-at-example.com"
        " (in issue-2025/index.html)",
        "tel: link tel:call-me is not a telephone number (in issue-2025/index.html)",
    ]


def test_internal_links_must_reach_a_page_of_the_build() -> None:
    page = (
        '<a href="../issue-2019/">old</a>'
        '<a href="https://digest.example.org/issue-2025/first-review">no slash</a>'
        '<a href="https://digest.example.org/feed.json">json</a>'
        '<a href="http://DIGEST.example.org/issue-2025/missing.html">missing</a>'
    )
    assert static_findings(with_page("issue-2025/index.html", page)) == [
        "link ../issue-2019/ points to issue-2019/, which this build does not contain"
        " (in issue-2025/index.html)",
        "link http://DIGEST.example.org/issue-2025/missing.html points to issue-2025/missing.html,"
        " which this build does not contain (in issue-2025/index.html)",
    ]


def test_fragments_must_name_an_id_or_anchor_in_the_target_page() -> None:
    page = (
        '<a href="first-review/#findings">id</a><a href="first-review/#legacy-anchor">name</a>'
        '<a href="first-review/#top">top</a><a href="first-review/#">empty</a>'
        '<a href="first-review/#conclusions">gone</a><a href="../feed.xml#anything">feed</a>'
    )
    assert static_findings(with_page("issue-2025/index.html", page)) == [
        "link first-review/#conclusions: issue-2025/first-review/index.html has no element with id"
        " 'conclusions' (in issue-2025/index.html)",
    ]


def test_a_same_page_fragment_is_judged_against_its_own_page_not_a_neighbour() -> None:
    outputs = {
        "issue-1/index.html": b'<h2 id="notes">Notes</h2><a href="#notes">notes</a>',
        "issue-1/other.html": b'<h2 id="elsewhere">Else</h2><a href="#notes">notes</a>',
    }
    findings = link_check(outputs)
    assert [f.message for f in findings] == [
        "link #notes: issue-1/other.html has no element with id 'notes' (in issue-1/other.html)"
    ]


def test_relative_links_cannot_leave_the_site() -> None:
    outputs = {**OUTPUTS, "index.html": b'<a href="../../elsewhere/">x</a>'}
    site_in_folder = "https://example.org/digest/"
    findings = link_check(outputs, base_url=site_in_folder)
    assert [f.message for f in findings if f.message.endswith("(in index.html)")] == [
        "relative link ../../elsewhere/ points outside the site (https://example.org/elsewhere/)"
        " (in index.html)"
    ]


def test_a_finding_names_the_review_line_and_every_output_holding_the_url(tmp_path: Path) -> None:
    outputs = {
        "issue-2025/email.html": b'<a href="https://digest.example.org/issue-2025/gone/">x</a>',
        "issue-2025/index.html": b'<a href="https://digest.example.org/issue-2025/gone/">x</a>',
        "feed.xml": b"<feed xmlns='http://www.w3.org/2005/Atom'/>",
    }
    source = tmp_path / "issues" / "issue-2025" / "review.md"
    source.parent.mkdir(parents=True)
    source.write_text("title\n\n[gone](https://digest.example.org/issue-2025/gone/)\n")
    [finding] = link_check(outputs, sources=(source,))
    assert (finding.severity, finding.check) == ("error", "internal-link")
    assert (finding.path, finding.line) == (source, 3)
    assert finding.message.endswith("(in issue-2025/email.html, issue-2025/index.html)")


# --- a whole build, scope by scope ------------------------------------------------------


def scoped_build(tmp_path: Path) -> tuple[dict[str, bytes], list[Scope]]:
    """Two issues whose reviews both cite the same article, and a feed built from both."""
    sources = []
    for issue in ("issue-1", "issue-2"):
        review = tmp_path / issue / "review.md"
        review.parent.mkdir(parents=True, exist_ok=True)
        review.write_text(
            f"# {issue}\n\nSee [the study](https://example.com/study) and [the next](https://digest.example.org/issue-2/).\n"
        )
        sources.append(SourceSet((review,), fingerprint=issue))
    page = b'<a href="https://example.com/study">study</a> <a href="https://digest.example.org/issue-2/">next</a>'
    feed = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry>
      <content type="html">&lt;a href="https://example.com/study"&gt;study&lt;/a&gt;</content></entry></feed>"""
    outputs = {"issue-1/index.html": page, "issue-2/index.html": page, "feed.xml": feed}
    scopes = [
        Scope(("issue-1/index.html",), (sources[0],)),
        Scope(("issue-2/index.html",), (sources[1],)),
        Scope(("feed.xml",), tuple(sources)),
    ]
    return outputs, scopes


def test_a_link_is_traced_to_its_own_issue_not_the_first_that_cites_it(tmp_path: Path) -> None:
    outputs, scopes = scoped_build(tmp_path)
    report = check_scopes(scopes, outputs, base_url=BASE, https_only_email=True)
    origins = {(link.output, link.url): link.origin for link in report.links}
    assert origins["issue-2/index.html", "https://example.com/study"] == tmp_path / "issue-2" / "review.md"
    assert origins["issue-1/index.html", "https://example.com/study"] == tmp_path / "issue-1" / "review.md"
    assert [link.output for link in report.links] == sorted(link.output for link in report.links)
    # The feed's sources are every issue's, in order: the first that cites the URL.
    assert origins["feed.xml", "https://example.com/study"] == tmp_path / "issue-1" / "review.md"
    assert report.external == ["https://example.com/study"]


def test_a_cached_scope_gives_what_a_fresh_check_gives(tmp_path: Path) -> None:
    outputs, scopes = scoped_build(tmp_path)
    fresh = check_scopes(scopes, outputs, base_url=BASE, https_only_email=True)
    for _ in range(2):
        cache = BuildCache(tmp_path / "cache.sqlite3")
        assert check_scopes(scopes, outputs, base_url=BASE, https_only_email=True, cache=cache) == fresh
        cache.close()


class ReadCounting(dict[str, bytes]):
    """Outputs that remember which of them had their bytes read."""

    def __init__(self, outputs: dict[str, bytes]) -> None:
        super().__init__(outputs)
        self.read: set[str] = set()

    def __getitem__(self, name: str) -> bytes:
        self.read.add(name)
        return super().__getitem__(name)


def test_outputs_whose_digest_is_known_are_not_read_again_when_unchanged(tmp_path: Path) -> None:
    outputs, scopes = scoped_build(tmp_path)
    fresh = check_scopes(scopes, outputs, base_url=BASE, https_only_email=True)
    pages = ("issue-1/index.html", "issue-2/index.html")
    digests = {name: hashlib.sha256(outputs[name]).hexdigest() for name in pages}
    for run in range(2):
        counted = ReadCounting(outputs)
        cache = BuildCache(tmp_path / "cache.sqlite3")
        report = check_scopes(
            scopes, counted, base_url=BASE, https_only_email=True, cache=cache, output_digests=digests
        )
        cache.close()
        assert report == fresh
        assert counted.read == ({"feed.xml"} if run else set(outputs))  # the feed's digest is not known


def test_a_scope_is_checked_again_when_an_outputs_digest_changes(tmp_path: Path) -> None:
    outputs, scopes = scoped_build(tmp_path)
    cache = BuildCache(tmp_path / "cache.sqlite3")
    check_scopes(scopes, outputs, base_url=BASE, https_only_email=True, cache=cache)
    outputs["issue-1/index.html"] = b'<a href="https://digest.example.org/nowhere/">gone</a>'
    digests = {"issue-1/index.html": hashlib.sha256(outputs["issue-1/index.html"]).hexdigest()}
    report = check_scopes(
        scopes, outputs, base_url=BASE, https_only_email=True, cache=cache, output_digests=digests
    )
    cache.close()
    assert [f.check for f in report.findings] == ["internal-link"]


def test_an_unchanged_scope_is_judged_again_when_a_page_it_links_to_goes(tmp_path: Path) -> None:
    outputs, scopes = scoped_build(tmp_path)
    cache = BuildCache(tmp_path / "cache.sqlite3")
    assert check_scopes(scopes, outputs, base_url=BASE, https_only_email=True, cache=cache).findings == []
    del outputs["issue-2/index.html"]
    remaining = [scopes[0], scopes[2]]
    findings = check_scopes(remaining, outputs, base_url=BASE, https_only_email=True, cache=cache).findings
    assert [(f.check, f.path) for f in findings] == [("internal-link", tmp_path / "issue-1" / "review.md")]
    assert findings[0].message.endswith("(in issue-1/index.html)")


def test_a_finding_without_a_known_origin_names_the_output() -> None:
    outputs = with_page("issue-2025/index.html", '<a href="javascript:void(0)">x</a>')
    [finding] = link_check(outputs)
    assert (finding.path, finding.line) == (Path("issue-2025/index.html"), None)


# --- external URLs -----------------------------------------------------------------------


def test_external_urls_are_distinct_absolute_and_without_fragments() -> None:
    assert external_urls(extract_links(OUTPUTS), BASE) == [
        "https://atom-content.example.com/",
        "https://cdn.example.com/band.png",
        "https://cdn.example.com/logo,2x.png",
        "https://cdn.example.com/logo.png",
        "https://cdn.example.com/paper.png",
        "https://editor.example.com/",
        "https://en.wikipedia.org/wiki/Bracket_(disambiguation)",
        "https://example.com/article",
        "https://example.com/article?a=1&b=2",
        "https://json-content.example.com/",
        "https://media.example.com/episode.mp3",
        "https://rss-description.example.com/",
        "https://rss-encoded.example.com/i.png",
        "https://xhtml.example.com/",
    ]


def test_external_urls_leave_out_urls_built_from_merge_tags_in_the_email() -> None:
    links = [
        FoundLink("https://mail.example.com/track?u=*|UNIQID|*", "issue-2025/email.html"),
        FoundLink("https://example.com/{{ campaign }}", "issue-2025/index.html"),
    ]
    assert external_urls(links, BASE) == ["https://example.com/{{ campaign }}"]


# --- links to pages of the site ----------------------------------------------------------------


def test_a_mistyped_link_to_a_page_of_the_site_suggests_the_page_meant(project: Path) -> None:
    path = issue_md(project)
    path.write_text(
        path.read_text() + "\nLast year's issue is [here](https://digest.example.org/issue-2024x/).\n"
    )
    result = run_cli(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 1
    [row] = [line for line in result.output.splitlines() if "issue-2024x" in line]
    assert "issue.md:" in row and "did you mean https://digest.example.org/issue-2024/?" in row
    assert not (project / "dist").exists()


def test_a_root_relative_link_to_a_missing_page_names_its_line_in_every_output(project: Path) -> None:
    path = issue_md(project)
    lines = path.read_text().split("\n")
    path.write_text("\n".join(lines) + "\nSee [the old review](/issue-2024/review-gone/).\n")
    result = run_cli(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 1
    rows = [line for line in result.output.splitlines() if "review-gone" in line]
    assert rows and all(f"issue.md:{len(lines) + 1}:" in row for row in rows), rows


# --- one mistake, one finding ---------------------------------------------------------------------


def test_a_broken_relative_link_in_the_introduction_is_one_error_naming_its_line(project: Path) -> None:
    with_intro(project, "An opening line.\n\nThen read [our notes](night-buses/).")
    result = run_cli(project, "check", ISSUE, "--no-check-links")
    assert result.exit_code == 1
    rows = [line for line in result.output.splitlines() if line.startswith("internal-link")]
    assert len(rows) == 1, result.output
    (row,) = rows
    assert "issue.md:" in row and "night-buses/" in row
    assert all(output in row for output in ("email.html", "email.txt", "feed.xml", "index.html")), row


def test_the_links_of_a_page_of_many_are_read_in_linear_time() -> None:
    """The addresses were one XPath union of an attribute path each; libxml2 merges node sets
    by comparing each node with every one kept (100,000 attributes: fourteen seconds)."""
    page = (
        "<html><body>"
        + "".join(
            f'<p style="color:red"><a href="https://e{n}.example.org/">l</a><img src="i{n}.png" alt=""></p>'
            for n in range(40_000)
        )
        + "</body></html>"
    )
    returns_in_time("80,000 addresses", lambda: extract_links({"index.html": page.encode()}))
    found = extract_links({"index.html": page.encode()})
    assert [link.url for link in found[:4]] == [
        "https://e0.example.org/",
        "i0.png",
        "https://e1.example.org/",
        "i1.png",
    ]
    assert len(found) == 80_000


def test_a_link_inside_elements_nested_three_hundred_deep_is_still_checked() -> None:
    """libxml2 stops reading a page at an element nested more than 256 deep, without a word:
    a theme override nesting 300 <div>s published a link to a missing page unchecked, and
    every link after it on the page (found by world18)."""
    deep = "<div>" * 300 + '<a href="missing-deep.html">x</a>' + "</div>" * 300
    outputs = with_page("issue-2025/index.html", deep + '<a href="missing-after.html">y</a>')
    messages = " ".join(finding.message for finding in link_check(outputs))
    assert "missing-deep.html" in messages and "missing-after.html" in messages, messages


def test_a_link_in_feed_content_nested_three_hundred_deep_is_still_checked() -> None:
    """The same for the HTML of a feed entry's content (a feed_issue.html.j2 override nesting
    300 <div>s published a feed with a link to a missing page; found by world18)."""
    deep = "<div>" * 300 + f'<a href="{BASE}missing-deep.html">x</a>' + "</div>" * 300
    item = {"id": "x", "url": BASE, "content_html": deep + f'<a href="{BASE}missing-after.html">y</a>'}
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Digest", "items": [item]}
    messages = " ".join(
        finding.message for finding in link_check({**OUTPUTS, "feed.json": json.dumps(feed).encode()})
    )
    assert "missing-deep.html" in messages and "missing-after.html" in messages, messages


def test_a_page_nested_deeper_than_the_html_reader_reads_is_refused_by_name() -> None:
    deep = "<div>" * 3_000 + '<a href="missing-deep.html">x</a>' + "</div>" * 3_000
    with pytest.raises(ContentError) as raised:
        link_check(with_page("issue-2025/index.html", deep))
    assert "issue-2025/index.html" in str(raised.value) and "flatten" in str(raised.value)


def test_a_page_of_many_broken_links_is_judged_in_linear_time() -> None:
    """Each problem was looked for in a list of the page's problems before it was added:
    20,000 links to missing pages took eleven seconds, and a review's megabyte of them
    (60,000) minutes (found by world18)."""
    links = "".join(f'<a href="missing-{n}.html">l</a>' for n in range(60_000))
    outputs = with_page("issue-2025/index.html", links)

    def judged() -> None:
        findings = link_check(outputs)
        assert sum("missing-" in finding.message for finding in findings) == 60_000

    returns_in_time("60,000 links to missing pages", judged)


def test_the_anchors_of_a_page_of_many_are_read_in_linear_time() -> None:
    from digest.checks.links import _anchor_names

    page = (
        "<html><body>"
        + "".join(f'<h2 id="h{n}">x</h2><a name="n{n}">y</a><p name="p{n}">z</p>' for n in range(20_000))
        + "</body></html>"
    )
    returns_in_time("40,000 anchors", lambda: _anchor_names(page.encode()))
    anchors = _anchor_names(page.encode())
    assert {"h0", "n0", "h19999", "n19999"} <= anchors and "p0" not in anchors and len(anchors) == 40_000
