"""Pages a browser saved as one file, MHTML (digest.sources.importer.mhtml), imported as the page they
hold."""

from __future__ import annotations

import email
from pathlib import Path
from typing import NoReturn

import pytest

from digest.sources.importer.command import read_article
from tests.helpers import finishes_in_time
from tests.test_cli import run
from tests.test_robustness import ISSUE

# --- a page saved as one file ---------------------------------------------------------------------

MHTML_PAGE = (
    "From: <Saved by Blink>\r\n"
    "Snapshot-Content-Location: https://blog.example.org/costs\r\n"
    "Subject: Costs of training\r\n"
    "Date: Tue, 4 Mar 2025 10:00:00 -0000\r\n"
    "MIME-Version: 1.0\r\n"
    'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="----MultipartBoundary--x----"\r\n'
    "\r\n"
    "------MultipartBoundary--x----\r\n"
    "Content-Type: text/html\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n"
    "Content-Location: https://blog.example.org/costs\r\n"
    "\r\n"
    '<!DOCTYPE html><html><head><title>Costs of training</title><meta name=3D"author" content=3D"Jo Writer">=\r\n'
    '<meta name=3D"date" content=3D"2025-03-04"></head><body><article><h1>Costs of training</h1>=\r\n'
    "<p>Training a large model costs a lot of money, and the bill has grown faster than most=\r\n"
    ' people expected over the last three years.</p><p>See <a href=3D"/related">a related post</a>=\r\n'
    " for the method behind the figures, and what it means for smaller labs.</p></article></body></html>\r\n"
    "------MultipartBoundary--x----\r\n"
    "Content-Type: image/png\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "Content-Location: https://blog.example.org/chart.png\r\n"
    "\r\n"
    "iVBORw0KGgo=\r\n"
    "------MultipartBoundary--x------\r\n"
)


def test_a_page_saved_as_one_file_mhtml_is_imported_as_the_page_it_holds(
    project: Path, tmp_path: Path
) -> None:
    page = tmp_path / "Costs of training.mhtml"
    page.write_bytes(MHTML_PAGE.encode())
    result = run(project, "import", str(page), "--issue", ISSUE)
    assert result.exit_code == 0, result.output
    assert "Saved by Blink" not in result.output and "Jo Writer" in result.output
    review = (project / "issues" / ISSUE / "costs-of-training.md").read_text()
    assert 'source_url: "https://blog.example.org/costs"' in review
    assert "MultipartBoundary" not in review and "Content-Type" not in review
    assert "[a related post](https://blog.example.org/related)" in review
    assert "Training a large model costs a lot of money" in review


def _nested_page(depth: int) -> bytes:
    """A saved page whose HTML sits `depth` multipart levels down."""
    opening = [
        f'--b{level - 1}\r\nContent-Type: multipart/related; boundary="b{level}"\r\n\r\n'
        for level in range(1, depth)
    ]
    closing = [f"--b{level}--\r\n" for level in reversed(range(depth))]
    html = f"--b{depth - 1}\r\nContent-Type: text/html\r\n\r\n<html><title>Deep</title><p>Deep text.</p></html>\r\n"
    head = 'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b0"\r\n\r\n'
    return (head + "".join(opening) + html + "".join(closing)).encode()


def _page_of_many_parts(parts: int) -> bytes:
    head = 'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n'
    pictures = "--b\r\nContent-Type: image/png\r\n\r\nx\r\n" * parts
    html = "--b\r\nContent-Type: text/html\r\n\r\n<html><title>Many</title><p>Text.</p></html>\r\n--b--\r\n"
    return (head + pictures + html).encode()


def test_a_saved_page_nested_thousands_deep_is_one_error(project: Path, tmp_path: Path) -> None:
    """3,000 nested multiparts (215 KB) stopped the import on a RecursionError traceback."""
    page = tmp_path / "deep.mhtml"
    page.write_bytes(_nested_page(3000))
    result = run(project, "import", str(page), "--issue", ISSUE)
    assert result.exit_code == 1 and not isinstance(result.exception, RecursionError), result.output
    assert f"Error: {page}:" in result.output and "save the page again" in result.output


def test_a_saved_page_of_too_many_parts_is_refused_before_it_is_parsed(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """200,000 one-byte parts (7 MB) took 45 s and 3 GB to parse; a 50 MB file of them, the
    import's limit, would take tens of gigabytes."""
    page = tmp_path / "many.mhtml"
    page.write_bytes(_page_of_many_parts(200_000))
    with monkeypatch.context() as patched:
        patched.setattr(email, "message_from_bytes", _never_called)
        result = run(project, "import", str(page), "--issue", ISSUE)
    assert result.exit_code == 1, result.output
    assert "more than 10,000 parts" in result.output
    assert (
        run(project, "import", str(_written(tmp_path, _page_of_many_parts(100))), "--issue", ISSUE).exit_code
        == 0
    )


def _never_called(*_: object, **__: object) -> NoReturn:
    raise AssertionError("the message was parsed")


def _written(folder: Path, data: bytes) -> Path:
    path = folder / "fine.mhtml"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("html", ["   ", "<!-- saved, then emptied -->", "<?xml version='1.0'?>"])
def test_a_saved_page_whose_html_holds_no_document_is_one_error(
    html: str, project: Path, tmp_path: Path
) -> None:
    """lxml raised its ParserError ('Document is empty') out of the import."""
    page = tmp_path / "empty.mhtml"
    head = 'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n'
    page.write_bytes(f"{head}--b\r\nContent-Type: text/html\r\n\r\n{html}\r\n--b--\r\n".encode())
    result = run(project, "import", str(page), "--issue", ISSUE)
    assert result.exit_code == 1, result.output
    assert f"Error: {page}:" in result.output and "no article text" in result.output


def test_a_saved_page_whose_html_names_no_charset_is_read_as_a_saved_page(tmp_path: Path) -> None:
    """Chrome writes `Content-Type: text/html` with no charset; the page says its own in a
    <meta>. Read as US-ASCII (the MIME default), every accented letter became U+FFFD."""
    page = tmp_path / "page.mhtml"
    html = '<html><head><meta charset="utf-8"><title>Café notes</title></head><body><p>Crème brûlée.</p></body></html>'
    head = (
        'From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n'
    )
    page.write_bytes(
        head.encode() + b"--b\r\nContent-Type: text/html\r\n\r\n" + html.encode() + b"\r\n--b--\r\n"
    )
    draft = read_article(page)
    assert draft.title == "Café notes" and "Crème brûlée." in draft.body


def test_a_saved_page_of_many_parts_with_long_content_types_is_read_in_time(tmp_path: Path) -> None:
    """The email package's modern policy took 24 s for 1,000 parts of 1 KB Content-Types."""
    head = 'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n'
    part = "--b\r\nContent-Type: image/png" + "; a=b" * 800 + "\r\n\r\nx\r\n"
    html = "--b\r\nContent-Type: text/html\r\n\r\n<html><title>Many</title><p>Text.</p></html>\r\n--b--\r\n"
    page = tmp_path / "many.mhtml"
    page.write_bytes((head + part * 9_000 + html).encode())
    code = (
        "import sys; from pathlib import Path; from digest.sources.importer.mhtml import unwrap_mhtml; "
        "path = Path(sys.argv[1]); assert 'Text.' in unwrap_mhtml(path.read_bytes(), path)"
    )
    finishes_in_time("a saved page of 9,000 parts of 4 KB Content-Types", code, str(page))
