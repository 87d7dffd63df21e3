"""Mails saved from a mail program (digest.sources.importer.mail): a newsletter the editor
received, imported as the article its HTML (or text) holds, with what its headers declare;
refused, with what to do, where it holds nothing to import or costs too much to read. Each
part of the reading has its own file: test_mailfile.py, test_mailheaders.py,
test_mailforwards.py, test_textforwards.py, test_mailtext.py and test_unsubscribe.py."""

from __future__ import annotations

import email
import email.policy
import json
from email.message import EmailMessage
from pathlib import Path

import pytest

from digest.errors import ContentError
from digest.sources.importer.command import read_article
from digest.sources.importer.mail import read_saved_mail
from tests.helpers import LETTER_HTML, finishes_in_time, letter, plain_mail, saved
from tests.test_cli import run
from tests.test_robustness import ISSUE


def test_a_saved_newsletter_is_imported_as_its_html_with_what_its_headers_declare(
    project: Path, tmp_path: Path
) -> None:
    result = run(project, "import", str(saved(tmp_path, bytes(letter()))), "--issue", ISSUE)
    assert result.exit_code == 0, result.output
    review = (project / "issues" / ISSUE / "issue-42-why-sorting-still-matters.md").read_text()
    assert 'title: "Issue 42: Why sorting still matters"' in review  # the forward's mark left out
    assert 'author: "Dana Pérez from Sorting Weekly"' in review
    assert 'date: "2026-11-03T09:15:00-05:00"' in review
    assert 'source_url: "https://letters.example/p/why-sorting-still-matters"' in review
    assert "Every database you touch sorts something" in review
    assert "[The paper](https://example.org/paper)" in review
    for left_out in ("plain text alternative", "Content-Type", "=3D", "previews the letter", "open.gif"):
        assert left_out not in review
    assert "(saved-mail)" in result.output


def test_a_page_canonical_address_and_author_stand_above_the_headers(tmp_path: Path) -> None:
    message = letter()
    html = LETTER_HTML.replace(
        "<title></title>",
        '<title></title><link rel="canonical" href="https://web.example/sorting">'
        '<meta name="author" content="Dana Pérez">',
    )
    message.get_body(("html",)).set_content(html, subtype="html")  # type: ignore[union-attr]
    draft = read_article(saved(tmp_path, bytes(message)))
    assert draft.source_url == "https://web.example/sorting"
    assert draft.author == "Dana Pérez"


def test_a_mail_of_attachments_only_is_refused_with_what_to_do(project: Path, tmp_path: Path) -> None:
    message = EmailMessage()
    message["From"] = "Jo Writer <jo@letters.example>"
    message["Subject"] = "The report"
    message.add_attachment(b"%PDF-1.7 ...", maintype="application", subtype="pdf", filename="report.pdf")
    path = saved(tmp_path, bytes(message))
    result = run(project, "import", str(path), "--issue", ISSUE)
    assert result.exit_code == 1
    assert "letter.eml" in result.output and "no text or HTML to import" in result.output
    assert "Traceback" not in result.output


def test_a_part_in_an_unknown_character_set_is_one_error(tmp_path: Path) -> None:
    data = bytes(letter()).replace(b'charset="utf-8"', b'charset="x-no-such-set"')
    with pytest.raises(ContentError, match="cannot be decoded"):
        read_saved_mail(data, tmp_path / "letter.eml")


def test_a_mail_of_too_many_parts_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    head = (
        b'From: Jo <jo@x.example>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n'
    )
    data = head + b"--b\r\nContent-Type: text/plain\r\n\r\nx\r\n" * 10_001 + b"--b--\r\n"
    with pytest.raises(ContentError, match="more than 10,000 parts"):
        read_saved_mail(data, tmp_path / "letter.eml")


def test_parts_nested_thousands_deep_are_one_error(tmp_path: Path) -> None:
    head = (
        'From: Jo <jo@x.example>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b0"\r\n\r\n'
    )
    opening = "".join(
        f'--b{n}\r\nContent-Type: multipart/mixed; boundary="b{n + 1}"\r\n\r\n' for n in range(3000)
    )
    with pytest.raises(ContentError, match="nest too deep|no text or HTML"):
        read_saved_mail((head + opening).encode(), tmp_path / "letter.eml")


REAL_NEWSLETTERS = Path(__file__).parent / "realworld" / "pages"


@pytest.mark.parametrize(
    "page",
    [
        "omnivore18-substack-email-20percent.berlin.html",
        "omnivore18-axios-am-email.html",
        "omnivore18-newsletter-tldr.tech.html",
    ],
)
def test_a_real_newsletter_mailed_reads_as_its_page_with_the_headers_fields(
    page: str, tmp_path: Path
) -> None:
    """Three newsletters' HTML as mail services sent them (omnivore's test pages, see
    tests/realworld/LICENSES.md), put in a mail: the same article as the page, the fields the
    headers declare."""
    html = (REAL_NEWSLETTERS / page).read_text(encoding="utf-8")
    as_page = read_article(REAL_NEWSLETTERS / page)
    message = letter(**{"Archived-At": ""})  # no address to resolve the page's relative links against
    message.get_body(("html",)).set_content(html, subtype="html", cte="base64")  # type: ignore[union-attr]
    as_mail = read_article(saved(tmp_path, bytes(message)))
    assert as_mail.body == as_page.body
    assert as_mail.title == "Issue 42: Why sorting still matters"
    assert as_mail.date is not None and as_mail.date.isoformat() == "2026-11-03T09:15:00-05:00"


REAL_MAILS = Path(__file__).parent / "data" / "mails"


EXPECTED_MAILS = json.loads((REAL_MAILS / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=expected["known_failure"]))
        if "known_failure" in expected
        else name
        for name, expected in EXPECTED_MAILS.items()
    ],
)
def test_real_saved_mails_read_as_written_down_before_they_were_measured(name: str) -> None:
    """Mails from mail parsers' test suites and two newsletters as lists send them (see
    tests/data/mails/LICENSES.md), each with the fields and text it must read as."""
    expected = EXPECTED_MAILS[name]
    draft = read_article(REAL_MAILS / name)
    assert (draft.title, draft.author, draft.source_url) == (
        expected["title"],
        expected["author"],
        expected["source_url"],
    )
    date = draft.date.isoformat() if draft.date else None
    if expected["date"] == "not-3609":
        assert date is None or not date.startswith("3609")
    else:
        assert date == expected["date"]
    # a paragraph's line breaks are Markdown's soft breaks, read as spaces
    body = " ".join(draft.body.split())
    assert [text for text in expected["body_has"] if text not in body] == []
    assert [text for text in expected["body_lacks"] if text in body] == []


def test_a_mail_whose_html_is_only_a_comment_is_one_error(tmp_path: Path) -> None:
    message = EmailMessage()
    message["From"] = "Jo Writer <jo@letters.example>"
    message["Subject"] = "Notes on caches"
    message.set_content("<!-- the letter's text was never filled in -->", subtype="html")
    with pytest.raises(ContentError, match="no article text"):
        read_article(saved(tmp_path, bytes(message)))


def _mail_of_parts(parts: int, parameters: int) -> bytes:
    """A mail of `parts` text parts, each with `parameters` Content-Type parameters, then its HTML."""
    content_type = "Content-Type: text/plain" + "; a=b" * parameters
    head = 'From: Jo <jo@x.example>\r\nSubject: S\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n'
    html = (
        "--b\r\nContent-Type: text/html\r\n\r\n<html><title>T</title><p>The letter.</p></html>\r\n--b--\r\n"
    )
    return (head + f"--b\r\n{content_type}\r\n\r\nx\r\n" * parts + html).encode()


def test_a_mail_of_many_parts_with_long_content_types_is_read_in_time(tmp_path: Path) -> None:
    """The email package's modern policy took 24 s for 1,000 parts of 1 KB Content-Types (its
    header parser costs tens of microseconds a byte); its compat32 reading takes milliseconds."""
    path = saved(tmp_path, _mail_of_parts(9_000, 800))  # 4 KB each, 36 MB
    code = (
        "import sys; from pathlib import Path; from digest.sources.importer.mail import read_saved_mail; "
        "path = Path(sys.argv[1]); assert 'The letter.' in read_saved_mail(path.read_bytes(), path).html"
    )
    finishes_in_time("a mail of 9,000 parts of 4 KB Content-Types", code, str(path))


def test_a_content_type_longer_than_any_mail_program_writes_is_refused_before_it_is_parsed(
    tmp_path: Path,
) -> None:
    """Reading a field's parameters costs the square of its length: a 1 MB one took minutes."""
    with pytest.raises(ContentError, match="Content-Type or Content-Disposition runs to 1,000,0"):
        read_saved_mail(_mail_of_parts(1, 200_000), tmp_path / "letter.eml")


def test_images_attached_to_the_mail_are_named_as_such(tmp_path: Path) -> None:
    """`cid:` images are parts of the mail (RFC 2392), not files saved beside a page."""
    draft = read_article(saved(tmp_path, bytes(letter())))
    assert "cid:" not in draft.body
    assert [check for check in draft.checks if "saved beside the page" in check] == []
    assert any("1 image(s) attached to the mail were left out" in check for check in draft.checks)


def test_a_mail_of_a_million_unclosed_image_tags_is_read_in_time() -> None:
    """The `cid:` images are found tag by tag, never past the next '<'."""
    code = (
        "from digest.sources.importer.mail import CID_IMAGE; "
        "html = '<img alt=x src=cid:' * 1_000_000 + '<img src=cid:a>'; "
        "assert CID_IMAGE.subn('', html)[1] == 1"
    )
    finishes_in_time("a million unclosed cid: image tags", code)


def test_a_mail_whose_text_is_over_the_review_limit_says_so_of_the_text(
    project: Path, tmp_path: Path
) -> None:
    """Its file is under the import's limit; what is too long is the decoded text."""
    path = saved(tmp_path, plain_mail("Caches make things fast.\n" * 60_000))
    result = run(project, "import", str(path), "--issue", ISSUE)
    assert result.exit_code == 1, result.output
    assert "the mail's text is 1,500,0" in result.output and "max_review_bytes" in result.output


def test_a_mail_of_millions_of_header_fields_is_refused_before_it_is_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parser keeps each field as a pair of strings: 2 million (16 MB) took half a gigabyte."""
    head = (
        'From: Jo <jo@x.example>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n'
    )
    data = (
        head + "--b\r\n" + "X-A: b\r\n" * 2_000_000 + "Content-Type: text/plain\r\n\r\nx\r\n--b--\r\n"
    ).encode()
    monkeypatch.setattr(email, "message_from_bytes", _never_parsed)
    with pytest.raises(ContentError, match="more than 200,000 header fields"):
        read_saved_mail(data, tmp_path / "letter.eml")


def _never_parsed(*_: object, **__: object) -> None:
    raise AssertionError("the message was parsed")
