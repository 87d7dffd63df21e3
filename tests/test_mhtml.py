"""Pages a browser saved as one file, MHTML (digest.sources.importer.mhtml), imported as the page they
hold."""

from __future__ import annotations

from pathlib import Path

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
