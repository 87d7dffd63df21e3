"""A plain-text mail's text (digest.sources.importer.mailtext): format=flowed, the signature,
the fields the text readers read."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

from digest.sources.importer.command import read_article
from tests.helpers import finishes_in_time, plain_mail, saved


def test_a_mail_of_plain_text_only_is_imported_as_its_decoded_text(tmp_path: Path) -> None:
    message = EmailMessage()
    message["From"] = "Jo Writer <jo@letters.example>"
    message["Subject"] = "Notes on caches"
    message["Date"] = "Mon, 02 Nov 2026 07:30:00 +0000"
    message.set_content(
        "Caches make things fast until they are wrong.\n\nA second paragraph about invalidation, café.\n",
        charset="iso-8859-1",
        cte="base64",
    )
    draft = read_article(saved(tmp_path, bytes(message)))
    assert draft.title == "Notes on caches"
    assert draft.author == "Jo Writer"
    assert draft.date is not None and draft.date.isoformat() == "2026-11-02T07:30:00+00:00"
    assert "Caches make things fast until they are wrong." in draft.body
    assert "invalidation, café." in draft.body
    assert "Q2FjaGVz" not in draft.body  # no base64 left


def test_a_plain_text_mail_without_a_subject_takes_its_first_line_as_title(tmp_path: Path) -> None:
    message = EmailMessage()
    message["From"] = "Jo Writer <jo@letters.example>"
    message["Date"] = "Mon, 02 Nov 2026 07:30:00 +0000"
    message.set_content("Notes on caches\n\nCaches make things fast until they are wrong.\n")
    draft = read_article(saved(tmp_path, bytes(message)))
    assert draft.title == "Notes on caches"
    assert draft.author == "Jo Writer"
    assert draft.date is not None and draft.date.isoformat() == "2026-11-02T07:30:00+00:00"
    assert "From:" not in draft.body and "Caches make things fast" in draft.body


def test_the_signature_under_a_dash_dash_line_is_no_part_of_the_text(tmp_path: Path) -> None:
    data = plain_mail("Caches make things fast.\n\n-- \nJo Writer\nhttps://jo.example/\n")
    body = read_article(saved(tmp_path, data)).body
    assert "Caches make things fast." in body
    assert "jo.example" not in body


def test_a_format_flowed_text_is_read_as_its_paragraphs(tmp_path: Path) -> None:
    """RFC 3676: a line ending in a space goes on in the next; under delsp=yes without it."""
    text = "Caches make things fast until  \nthey are wrong.\n\nA second  \nparagraph.\n"
    body = read_article(saved(tmp_path, plain_mail(text, format="flowed", delsp="yes"))).body
    assert "Caches make things fast until they are wrong." in body
    assert "A second paragraph." in body
    fixed = read_article(saved(tmp_path, plain_mail("Two spaces end this line  \nthen this.\n"))).body
    assert "line  \nthen" in fixed  # not flowed: its lines are as written


def test_a_flowed_paragraph_of_a_million_lines_is_read_in_time(tmp_path: Path) -> None:
    """Each soft line was added to the paragraph's growing string: quadratic."""
    head = "From: Jo <jo@x.example>\r\nSubject: Long\r\nMIME-Version: 1.0\r\n"
    text = head + "Content-Type: text/plain; format=flowed\r\n\r\n" + "word word word word \r\n" * 1_000_000
    path = saved(tmp_path, text.encode() + b"end\r\n")
    code = (
        "import sys; from pathlib import Path; from digest.sources.importer.mail import read_saved_mail; "
        "path = Path(sys.argv[1]); mail = read_saved_mail(path.read_bytes(), path); "
        "assert mail.text is not None and mail.text.count('\\n') < 10"
    )
    finishes_in_time("a flowed paragraph of a million lines", code, str(path))
