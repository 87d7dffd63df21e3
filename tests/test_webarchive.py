"""Pages Safari saved as web archives (digest.sources.importer.webarchive), imported as the page
they hold. The archives are made here with plistlib, in the layout WebKit writes."""

from __future__ import annotations

import plistlib
from pathlib import Path
from typing import Any

import pytest

from digest.errors import ContentError
from digest.sources.importer.command import read_article
from digest.sources.importer.webarchive import is_web_archive, unwrap_web_archive
from tests.test_cli import run
from tests.test_robustness import ISSUE

PAGE = (
    "<!DOCTYPE html><html><head><title>Costs of training – Lab notes</title>"
    '<meta property="og:title" content="Costs of training">'
    '<meta name="author" content="Jo Writer"><meta property="article:published_time" '
    'content="2025-03-04T10:00:00+01:00"></head><body><article><h1>Costs of training</h1>'
    "<p>Training a large model costs a lot of money, and the bill has grown faster than most people "
    'expected over the last three years. See <a href="/method">the method</a> for how it was counted.</p>'
    '<p><img src="chart.png" alt="The bill by year"></p>'
    "<p>Smaller labs have answers of their own: distillation, shared clusters and patience.</p>"
    "</article></body></html>"
)


def archive(
    html: bytes = PAGE.encode(), *, fmt: plistlib.PlistFormat = plistlib.FMT_BINARY, **main: Any
) -> bytes:
    resource = {
        "WebResourceData": html,
        "WebResourceFrameName": "",
        "WebResourceMIMEType": "text/html",
        "WebResourceTextEncodingName": "UTF-8",
        "WebResourceURL": "https://lab.example/notes/costs",
        **main,
    }
    picture = {
        "WebResourceData": b"\x89PNG\r\n\x1a\n",
        "WebResourceMIMEType": "image/png",
        "WebResourceURL": "https://lab.example/notes/chart.png",
    }
    return plistlib.dumps({"WebMainResource": resource, "WebSubresources": [picture]}, fmt=fmt)


def saved(tmp_path: Path, data: bytes, name: str = "Costs of training.webarchive") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_safari_web_archive_is_imported_as_the_page_it_holds(project: Path, tmp_path: Path) -> None:
    result = run(project, "import", str(saved(tmp_path, archive())), "--issue", ISSUE)
    assert result.exit_code == 0, result.output
    review = (project / "issues" / ISSUE / "costs-of-training.md").read_text()
    assert 'title: "Costs of training"' in review and 'author: "Jo Writer"' in review
    assert 'source_url: "https://lab.example/notes/costs"' in review  # the address it was saved from
    assert "[the method](https://lab.example/method)" in review
    assert "Smaller labs have answers of their own" in review
    assert "WebResource" not in review and "bplist" not in review


def test_an_archive_converted_to_xml_by_plutil_is_read_too(tmp_path: Path) -> None:
    data = archive(fmt=plistlib.FMT_XML)
    assert is_web_archive(data[:4096])
    assert read_article(saved(tmp_path, data)).title == "Costs of training"


def test_the_page_is_read_in_the_encoding_safari_names(tmp_path: Path) -> None:
    html = PAGE.replace("Smaller labs", "Kleinere Labore für Geld").encode("iso-8859-1", errors="replace")
    draft = read_article(saved(tmp_path, archive(html, WebResourceTextEncodingName="ISO-8859-1")))
    assert "Kleinere Labore für Geld" in draft.body


@pytest.mark.parametrize("encoding", ["", "x-no-such-encoding", "base64"])
def test_a_missing_or_unknown_encoding_falls_back_to_how_saved_pages_are_read(
    tmp_path: Path, encoding: str
) -> None:
    html = PAGE.replace("Smaller labs", "Kleinere Labore für Geld").encode()
    draft = read_article(saved(tmp_path, archive(html, WebResourceTextEncodingName=encoding)))
    assert "Kleinere Labore für Geld" in draft.body


def test_an_archive_of_a_pdf_is_refused_with_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match=r"holds no HTML page \(its main resource is application/pdf\)"):
        unwrap_web_archive(
            archive(b"%PDF-1.7", WebResourceMIMEType="application/pdf"), tmp_path / "a.webarchive"
        )


@pytest.mark.parametrize(
    "data",
    [
        b"bplist00" + b"\x00" * 40,  # damaged
        archive()[:200],  # cut short
        plistlib.dumps({"Name": "a settings file"}, fmt=plistlib.FMT_BINARY),  # no main resource
        plistlib.dumps(["a", "list"], fmt=plistlib.FMT_BINARY),
    ],
)
def test_a_damaged_or_foreign_property_list_is_one_error(project: Path, tmp_path: Path, data: bytes) -> None:
    result = run(project, "import", str(saved(tmp_path, data)), "--issue", ISSUE)
    assert result.exit_code == 1
    assert "Costs of training.webarchive" in result.output
    assert "web archive" in result.output and "Traceback" not in result.output


def test_a_property_list_nested_thousands_deep_is_one_error(tmp_path: Path) -> None:
    """plistlib cannot write it (it recurses too): the binary form is written by hand, each
    one-item array holding the next object: 'bplist00', the objects, their offsets, the trailer."""
    count = 5_000
    objects = b"".join(bytes([0xA1]) + (index + 1).to_bytes(2, "big") for index in range(count - 1))
    objects += b"\x54deep"
    offsets = [8 + 3 * index for index in range(count)]
    table = b"".join(offset.to_bytes(4, "big") for offset in offsets)
    trailer = bytes(6) + bytes([4, 2]) + count.to_bytes(8, "big") + (0).to_bytes(8, "big")
    trailer += (8 + len(objects)).to_bytes(8, "big")
    data = b"bplist00" + objects + table + trailer
    with pytest.raises(RecursionError):
        plistlib.loads(data)
    with pytest.raises(ContentError, match="nested too deep"):
        unwrap_web_archive(data, tmp_path / "deep.webarchive")


def test_a_web_archive_listed_as_a_review_says_how_to_import_it(project: Path) -> None:
    folder = project / "issues" / ISSUE
    (folder / "costs.webarchive").write_bytes(archive())
    issue = folder / "issue.md"
    issue.write_text(
        issue.read_text().replace(
            "- state-of-llms-2025.md\n", "- state-of-llms-2025.md\n      - costs.webarchive\n"
        )
    )
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 1
    assert (
        f"costs.webarchive: this is a Safari web archive, not a review: import the page it holds with `digest import costs.webarchive --issue {ISSUE}`"
        in result.output
    )


def test_a_malformed_xml_web_archive_is_one_error(tmp_path: Path) -> None:
    """plistlib leaves expat's own error (a tag never closed) to its caller."""
    xml = archive(fmt=plistlib.FMT_XML).replace(b"</dict>", b"</dcit>", 1)
    with pytest.raises(ContentError, match="damaged"):
        unwrap_web_archive(xml, tmp_path / "a.webarchive")


def test_an_xml_web_archive_declaring_entities_is_one_error(tmp_path: Path) -> None:
    """Entities that expand to entities (the 'billion laughs') are refused unread."""
    laughs = b'<!DOCTYPE plist [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
    xml = archive(fmt=plistlib.FMT_XML, WebResourceFrameName="&b;")
    xml = xml.replace(b"<plist version", laughs + b"<plist version", 1).replace(b"&amp;b;", b"&b;")
    xml = xml.replace(
        b'<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" '
        b'"http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n',
        b"",
        1,
    )
    assert b"<!ENTITY" in xml and b"&b;" in xml
    with pytest.raises(ContentError, match="damaged"):
        unwrap_web_archive(xml, tmp_path / "a.webarchive")


@pytest.mark.parametrize(
    "encoding", ["idna", "punycode", "unicode_escape", "raw_unicode_escape", "undefined"]
)
def test_an_encoding_name_of_python_s_own_codecs_is_no_character_set(encoding: str, tmp_path: Path) -> None:
    """Safari names an IANA character set; Python's own codecs (idna, punycode, ...) are none:
    the page is read as a saved page's bytes are."""
    draft = read_article(saved(tmp_path, archive(WebResourceTextEncodingName=encoding)))
    assert draft.title == "Costs of training"
    assert "Smaller labs have answers of their own" in draft.body


def test_an_archive_of_an_empty_page_is_one_error(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="empty"):
        read_article(saved(tmp_path, archive(b"  \n")))
