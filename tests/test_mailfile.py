"""A saved mail's file (digest.sources.importer.mailfile): told from other files (mbox and
.emlx frames, Outlook's .msg), and read through a legacy header charset or an unquoted boundary."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest

from digest.sources.importer.command import read_article
from digest.sources.importer.mailfile import MAIL_HEAD_BYTES, is_saved_mail
from tests.helpers import letter, saved
from tests.test_cli import run
from tests.test_mhtml import MHTML_PAGE
from tests.test_robustness import ISSUE


def test_a_mail_program_header_of_many_kilobytes_is_still_a_mail(tmp_path: Path) -> None:
    """Gmail's 'Download message' writes kilobytes of Received, DKIM and ARC lines first."""
    received = "".join(
        f"Received: by 2002:a05:{n:04x} with SMTP id x{n}csp;\r\n        Tue, 3 Nov 2026 06:15:0{n % 10} -0800\r\n"
        for n in range(80)
    )
    data = received.encode() + bytes(letter())
    assert data.index(b"\nFrom:") > 4096
    assert is_saved_mail(data[:MAIL_HEAD_BYTES])
    assert read_article(saved(tmp_path, data)).title == "Issue 42: Why sorting still matters"


def test_thunderbird_mbox_envelope_line_is_passed_over(tmp_path: Path) -> None:
    data = b"From - Tue Nov  3 15:15:00 2026\r\nX-Mozilla-Status: 0001\r\n" + bytes(letter())
    assert is_saved_mail(data)
    assert read_article(saved(tmp_path, data)).title == "Issue 42: Why sorting still matters"


def test_a_page_saved_as_one_file_is_no_mail() -> None:
    """Chrome writes `From: <Saved by Blink>` and the day it saved the page as its Date."""
    assert not is_saved_mail(MHTML_PAGE.encode())


@pytest.mark.parametrize(
    "text",
    [
        "Title: A Pelican post\nDate: 2026-01-02\n\nBody with From: a@b.example in it.\n",
        "From: Jo <jo@example.org>\nSubject: A mail kept as text\n\nNo MIME field: the text reader's.\n",
        "Content-Type: text/plain\nThis line is no header field\n\n",
    ],
)
def test_texts_that_are_not_mime_mails_are_left_to_the_text_readers(text: str) -> None:
    assert not is_saved_mail(text.encode())


def test_a_header_in_raw_latin_1_is_read_in_the_charset_the_mail_names(tmp_path: Path) -> None:
    message = EmailMessage()
    message["From"] = "Jo Writer <jo@letters.example>"
    message["Subject"] = "SUBJECT"
    message.set_content("Die Hasen und die Frösche, a fable.\n", charset="iso-8859-1", cte="8bit")
    data = bytes(message).replace(b"SUBJECT", "Die Frösche".encode("iso-8859-1"))
    draft = read_article(saved(tmp_path, data))
    assert draft.title == "Die Frösche"
    assert "Frösche, a fable" in draft.body


def test_a_boundary_left_unquoted_with_an_equals_sign_still_divides_the_parts(tmp_path: Path) -> None:
    """Outlook Express wrote `boundary=----=_NextPart_...` bare, though RFC 2045 asks quotes."""
    data = (
        b"From: Jo Writer <jo@letters.example>\r\nSubject: Notes on caches\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: multipart/alternative;\r\n\tboundary=----=_NextPart_000_0001\r\n\r\n"
        b"This is a multi-part message in MIME format.\r\n\r\n------=_NextPart_000_0001\r\n"
        b"Content-Type: text/plain; charset=us-ascii\r\n\r\nCaches make things fast.\r\n"
        b"------=_NextPart_000_0001--\r\n"
    )
    draft = read_article(saved(tmp_path, data))
    assert "Caches make things fast." in draft.body
    assert "multi-part message" not in draft.body and "NextPart" not in draft.body


EMLX_FLAGS = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" '
    b'"http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n<dict>\n\t<key>flags</key>\n'
    b"\t<integer>8590195713</integer>\n</dict>\n</plist>\n"
)


def test_an_apple_mail_emlx_file_is_read_as_the_mail_it_holds(tmp_path: Path) -> None:
    """Apple Mail keeps each message as `.emlx`: the message's length in bytes on the first
    line, the message, then a property list of its flags."""
    message = bytes(letter())
    data = f"{len(message)}        \n".encode() + message + EMLX_FLAGS
    assert is_saved_mail(data[:MAIL_HEAD_BYTES])
    draft = read_article(saved(tmp_path, data, "12345.emlx"))
    assert draft.title == "Issue 42: Why sorting still matters"
    assert "Every database you touch sorts something" in draft.body
    assert "plist" not in draft.body and "flags" not in draft.body


def test_an_outlook_msg_file_is_refused_with_how_to_save_the_mail(project: Path, tmp_path: Path) -> None:
    """Outlook's .msg is an OLE compound file, as a Word .doc is; its streams are named
    `__substg1.0_...` (MS-OXMSG)."""
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    entry = "__substg1.0_0037001F".encode("utf-16-le")
    path = saved(tmp_path, ole + b"\x00" * 512 + entry + b"\x00" * 1000, "letter.msg")
    result = run(project, "import", str(path), "--issue", ISSUE)
    assert result.exit_code == 1, result.output
    assert "Outlook" in result.output and "Word" not in result.output


def test_a_text_part_that_declares_a_boundary_and_is_cut_by_it_is_read_as_its_parts(tmp_path: Path) -> None:
    """RFC 2046 5.1.1: a boundary means something only to a multipart. A bulk mailer that
    labels its multipart `text/html; boundary=...` still cuts the body with the boundary's
    lines: mail programs read the parts, never the part's own header and the lines as text."""
    data = (
        b"From: Jo Writer <jo@letters.example>\r\nSubject: Notes on caches\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: text/html;\r\n\tboundary="--part one"\r\n\r\n'
        b"----part one\r\nContent-Type: text/html;\r\nContent-Transfer-Encoding: 7Bit\r\n\r\n"
        b"<html><body><p>Caches make things fast until they are wrong.</p></body></html>\r\n"
        b"\r\n----part one--\r\n"
    )
    body = read_article(saved(tmp_path, data)).body
    assert "Caches make things fast" in body
    assert "part one" not in body and "Content-Transfer-Encoding" not in body


def test_a_text_part_naming_a_boundary_it_never_uses_is_read_as_its_text(tmp_path: Path) -> None:
    data = (
        b"From: Jo Writer <jo@letters.example>\r\nSubject: Notes on caches\r\n"
        b'Content-Type: text/plain; boundary="unused"\r\n\r\nCaches make things fast.\r\n--unused is a word here\r\n'
    )
    assert "--unused is a word here" in read_article(saved(tmp_path, data)).body
