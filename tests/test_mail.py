"""Mails saved from a mail program (digest.sources.importer.mail): a newsletter the editor
received, imported as the article its HTML (or text) holds, with what its headers declare."""

from __future__ import annotations

import base64
import email
import email.policy
import json
from email.message import EmailMessage
from pathlib import Path

import pytest

from digest.errors import ContentError
from digest.sources.importer.command import read_article
from digest.sources.importer.mail import MAIL_HEAD_BYTES, is_saved_mail, read_saved_mail, without_links
from tests.helpers import finishes_in_time
from tests.test_cli import run
from tests.test_mhtml import MHTML_PAGE
from tests.test_robustness import ISSUE

LETTER_HTML = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title></title></head><body>'
    '<div style="display:none;max-height:0;overflow:hidden">A line that previews the letter in the inbox.</div>'
    '<table width="100%"><tr><td><img src="cid:logo@letters.example" alt="Sorting Weekly" width="120"></td></tr>'
    "<tr><td><h1>Why sorting still matters</h1>"
    "<p>Every database you touch sorts something, and the cost of that sort shows up where people do not "
    "expect it, from query planners to the order of the rows in a report.</p>"
    "<p>This week I read three papers on external merge sort and one on learned indexes: here is what "
    'stood out, and why it matters even if you never write a sort. <a href="https://example.org/paper">'
    "The paper</a> has the figures.</p></td></tr></table>"
    '<img src="https://letters.example/o/open.gif" width="1" height="1" alt=""></body></html>'
)


def letter(**headers: str) -> EmailMessage:
    """A newsletter as a mail service sends it: a plain text and an HTML alternative."""
    message = EmailMessage()
    fields = {
        "From": '"Dana Pérez from Sorting Weekly" <dana@letters.example>',
        "To": "editor@example.net",
        "Subject": "Fwd: Issue 42: Why sorting still matters",
        "Date": "Tue, 03 Nov 2026 09:15:00 -0500",
        "Archived-At": "<https://letters.example/p/why-sorting-still-matters>",
    }
    for name, value in {**fields, **headers}.items():
        if value:
            message[name] = value
    message.set_content("The plain text alternative, which the HTML stands above.\n")
    message.add_alternative(LETTER_HTML, subtype="html", cte="quoted-printable")
    return message


def saved(tmp_path: Path, data: bytes, name: str = "letter.eml") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


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


def test_encoded_words_and_folded_fields_are_read_as_a_mail_program_shows_them(tmp_path: Path) -> None:
    subject = "=?utf-8?b?" + base64.b64encode("Ünïcode in the subject".encode()).decode() + "?="
    data = bytes(letter(Subject=subject, From="unused@x.example"))
    folded = b"From:\r\n =?iso-8859-1?q?Dana_P=E9rez?=\r\n\t<dana@letters.example>"
    draft = read_article(saved(tmp_path, data.replace(b"From: unused@x.example", folded)))
    assert draft.title == "Ünïcode in the subject"
    assert draft.author == "Dana Pérez"


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


def test_a_sender_named_by_address_alone_is_no_author(tmp_path: Path) -> None:
    draft = read_article(saved(tmp_path, bytes(letter(From="news@letters.example"))))
    assert draft.author is None
    assert any("no author" in check for check in draft.checks)


def test_a_date_written_without_a_zone_is_read_as_utc(tmp_path: Path) -> None:
    draft = read_article(saved(tmp_path, bytes(letter(Date="Tue, 03 Nov 2026 09:15:00 -0000"))))
    assert draft.date is not None and draft.date.isoformat() == "2026-11-03T09:15:00+00:00"


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


def test_control_characters_in_the_headers_are_no_part_of_the_fields(tmp_path: Path) -> None:
    """An encoded word may hold anything, an escape sequence that clears a terminal included."""
    data = bytes(letter(Subject="unused", From="unused@x.example"))
    data = data.replace(b"Subject: unused", b"Subject: =?utf-8?q?Caches=1B[2J_and_=0Atheir_costs?=")
    data = data.replace(b"From: unused@x.example", b"From: =?utf-8?q?Jo=07_Writer?= <jo@x.example>")
    draft = read_article(saved(tmp_path, data))
    assert (draft.title, draft.author) == ("Caches [2J and their costs", "Jo Writer")


def forwarded_as_attachment(note: str = "Worth a read, see below.\n") -> EmailMessage:
    """A newsletter forwarded as an attachment (Apple Mail's, Thunderbird's "Forward as
    Attachment"): the forwarder's note, then the message itself."""
    forward = EmailMessage()
    forward["From"] = "Sam Editor <sam@desk.example>"
    forward["To"] = "editor@example.net"
    forward["Subject"] = "Fwd: have a look"
    forward["Date"] = "Wed, 04 Nov 2026 08:00:00 +0000"
    forward.set_content(note)
    forward.add_attachment(letter(Subject="Issue 43: Merge sort, again"))
    return forward


def test_a_newsletter_forwarded_as_an_attachment_is_the_article(tmp_path: Path) -> None:
    draft = read_article(saved(tmp_path, bytes(forwarded_as_attachment())))
    assert draft.title == "Issue 43: Merge sort, again"
    assert draft.author == "Dana Pérez from Sorting Weekly"
    assert draft.date is not None and draft.date.isoformat() == "2026-11-03T09:15:00-05:00"
    assert "Every database you touch sorts something" in draft.body
    assert "Worth a read" not in draft.body


def test_a_mail_forwarding_two_messages_is_read_as_itself(tmp_path: Path) -> None:
    forward = forwarded_as_attachment("Two letters this week, my notes on both.\n")
    forward.add_attachment(letter(Subject="Issue 44"))
    draft = read_article(saved(tmp_path, bytes(forward)))
    assert draft.title == "have a look"
    assert "Two letters this week" in draft.body


def test_a_sender_named_in_a_comment_is_the_author(tmp_path: Path) -> None:
    """RFC 822's `address (Full Name)`, which older mail programs still write."""
    data = bytes(letter(From="unused@x.example"))
    data = data.replace(
        b"From: unused@x.example", b"From: dana@letters.example (Dana =?utf-8?q?P=C3=A9rez?=)"
    )
    assert read_article(saved(tmp_path, data)).author == "Dana Pérez"


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


def test_a_date_after_the_mail_was_delivered_is_no_date(tmp_path: Path) -> None:
    """Each server stamps a Received field with when it took the mail: a later Date is a wrong clock's."""
    received = b"Received: from relay.example by mx.example; Tue, 3 Nov 2026 14:16:00 +0000\r\n"
    sent_later = received + bytes(letter(Date="Mon, 30 Jun 3609 15:33:50 +0600"))
    draft = read_article(saved(tmp_path, sent_later))
    assert draft.date is None and any("no date" in check for check in draft.checks)
    sent_before = received + bytes(letter())
    assert read_article(saved(tmp_path, sent_before)).date is not None


def plain_mail(text: str, **params: str) -> bytes:
    message = EmailMessage()
    message["From"] = "Jo Writer <jo@letters.example>"
    message["Subject"] = "Notes on caches"
    message.set_content(text)
    for name, value in params.items():
        message.set_param(name, value)
    return bytes(message)


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


def test_a_date_of_a_year_past_any_calendar_is_no_date(tmp_path: Path) -> None:
    """The email package's date parser overflows on it (an OverflowError, no ValueError)."""
    data = bytes(letter(Date="Tue, 03 Nov 2026 09:15:00 -0500"))
    data = data.replace(b"03 Nov 2026 09:15:00", b"30 Jun 99999999999999999999 15:33:50")
    draft = read_article(saved(tmp_path, data))
    assert draft.date is None


def test_a_mail_whose_html_is_only_a_comment_is_one_error(tmp_path: Path) -> None:
    message = EmailMessage()
    message["From"] = "Jo Writer <jo@letters.example>"
    message["Subject"] = "Notes on caches"
    message.set_content("<!-- the letter's text was never filled in -->", subtype="html")
    with pytest.raises(ContentError, match="no article text"):
        read_article(saved(tmp_path, bytes(message)))


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


def test_a_forwarded_message_of_a_header_no_mail_program_writes_is_refused(tmp_path: Path) -> None:
    """The forwarded message's header is read field by field: 8 MB of addresses took minutes."""
    forward = forwarded_as_attachment()
    data = bytes(forward).replace(
        b"Subject: Issue 43", b"Cc: " + b", ".join([b"A <a@b.example>"] * 10_000) + b"\r\nSubject: Issue 43"
    )
    with pytest.raises(ContentError, match="forwarded message's header runs past 65,536 bytes"):
        read_saved_mail(data, tmp_path / "letter.eml")


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


def test_the_list_unsubscribe_links_are_taken_out_of_the_article(tmp_path: Path) -> None:
    """RFC 2369's List-Unsubscribe names the links that unsubscribe the reader the mail went to
    (RFC 8058: in one click): published in the review, anyone could unsubscribe the editor."""
    personal = "https://letters.example/u/8f3a?list=sorting&amp;who=editor"
    message = letter(
        **{
            "List-Unsubscribe": "<mailto:leave@letters.example>, <https://letters.example/u/8f3a?list=sorting&who=editor>"
        }
    )
    html = LETTER_HTML.replace(
        "</td></tr></table>",
        f'<p>No longer interested? <a href="{personal}">Unsubscribe</a>.</p></td></tr></table>',
    )
    message.get_body(("html",)).set_content(html, subtype="html")  # type: ignore[union-attr]
    draft = read_article(saved(tmp_path, bytes(message)))
    assert "letters.example/u/8f3a" not in draft.body
    assert "[The paper](https://example.org/paper)" in draft.body
    assert any("unsubscribe" in check for check in draft.checks)
    text = plain_mail("Caches make things fast.\n\nUnsubscribe: https://letters.example/u/8f3a\n")
    text = text.replace(b"Subject:", b"List-Unsubscribe: <https://letters.example/u/8f3a>\nSubject:")
    assert "letters.example/u/8f3a" not in read_article(saved(tmp_path, text)).body


def test_an_unsubscribe_address_is_never_cut_out_of_a_longer_one() -> None:
    body = "See https://x.example/u/12 and [Leave](https://x.example/u/1)."
    assert without_links(body, ("https://x.example/u/1",)) == ("See https://x.example/u/12 and .", 1)


def test_an_unsubscribe_page_that_carries_the_list_unsubscribe_address_reader_and_list_is_left_out() -> None:
    """A mail service's RFC 8058 address takes a POST (often the page's path and one more segment);
    the footer's link is the page, with the same reader, list and campaign and a parameter more."""
    header = "https://news.us9.lists.example/unsubscribe/post?u=ab12&id=list7&e=reader3&c=camp5"
    page = "https://news.us9.lists.example/unsubscribe?u=ab12&id=list7&t=b&e=reader3&c=camp5"
    body = f"[Unsubscribe]({page}) or write to us.\n\nOr paste {page}."
    assert without_links(body, (header,)) == (" or write to us.\n\nOr paste .", 2)
    # the header's address the page itself, the footer's link with a parameter of its own (t=b)
    same_page = header.replace("/unsubscribe/post?", "/unsubscribe?")
    assert without_links(body, (same_page,)) == (" or write to us.\n\nOr paste .", 2)


def test_a_tracked_article_link_through_the_unsubscribe_host_is_never_left_out() -> None:
    """Click tracking sends every article link through the host the unsubscribe address is on,
    with the same reader: its path, or its link's own id, is another."""
    header = "https://news.us9.lists.example/unsubscribe/post?u=ab12&id=list7&e=reader3&c=camp5"
    body = (
        "[The paper](https://news.us9.lists.example/track/click?u=ab12&id=link88&e=reader3) and "
        "[your settings](https://news.us9.lists.example/profile?u=ab12&id=list7&e=reader3&c=camp5) and "
        "[the list](https://news.us9.lists.example/unsubscribe?u=ab12&id=list8&e=reader3&c=camp5)"
    )
    assert without_links(body, (header,)) == (body, 0)
    redirect = "https://email.mg.letters.example/c/eyJ1IjoiYWJjIn0"
    article = "[Read on](https://email.mg.letters.example/c/eyJ1IjoiZGVmIn0)"
    assert without_links(article, (redirect,)) == (article, 0)


def test_an_unsubscribe_address_whose_token_is_its_path_is_left_out_with_tracking_added() -> None:
    header = "https://letters.example/unsubscribe/7c0e9d2a"
    body = "[Leave](HTTPS://Letters.Example/unsubscribe/7c0e9d2a?utm_source=mail) [Home](https://letters.example/)"
    assert without_links(body, (header,)) == (" [Home](https://letters.example/)", 1)
    assert without_links("[All lists](https://letters.example/unsubscribe)", (header,))[1] == 0


def test_an_unsubscribe_address_no_url_parser_reads_is_matched_as_written_only() -> None:
    """A port past 65535 or an unclosed IPv6 host: no URL, so no page of it, only itself."""
    for address in ("https://x.example:99999/u?e=1", "http://[::1/u?e=1"):
        body = f"[Leave]({address}) [Other](https://x.example/u?e=1&t=b)"
        assert without_links(body, (address,)) == (" [Other](https://x.example/u?e=1&t=b)", 1)


def test_unsubscribe_links_are_looked_for_in_time_in_a_line_of_unclosed_links() -> None:
    code = (
        "from digest.sources.importer.mail import without_links; "
        "header = ('https://l.example/u?e=1',); "
        "lines = ('[a](https://l.example/u?e=1' * 50_000, '[' * 1_000_000, "
        "'<https://l.example/u' * 200_000, '[a](x \"' * 300_000); "
        "assert [without_links(line, header)[1] for line in lines] == [50_000, 0, 0, 0]"
    )
    finishes_in_time("a line of a million unclosed links", code)


def test_a_mail_whose_text_is_over_the_review_limit_says_so_of_the_text(
    project: Path, tmp_path: Path
) -> None:
    """Its file is under the import's limit; what is too long is the decoded text."""
    path = saved(tmp_path, plain_mail("Caches make things fast.\n" * 60_000))
    result = run(project, "import", str(path), "--issue", ISSUE)
    assert result.exit_code == 1, result.output
    assert "the mail's text is 1,500,0" in result.output and "max_review_bytes" in result.output


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


def gmail_forward(date_line: str = "Date: Tue, Nov 3, 2026 at 9:15\u202fAM") -> EmailMessage:
    """A newsletter forwarded from Gmail ("Forward"): the forwarded mail's fields in Gmail's
    `gmail_attr` block, then its HTML, in the forwarder's mail."""
    letter_body = LETTER_HTML.split("<body>")[1].split("</body>")[0]
    html = (
        '<div dir="ltr"><p>Have a look.</p><div class="gmail_quote"><div dir="ltr" class="gmail_attr">'
        "---------- Forwarded message ---------<br>"
        'From: <strong class="gmail_sendername" dir="auto">Dana Pérez</strong> '
        '<span dir="auto">&lt;dana@letters.example&gt;</span><br>'
        f"{date_line}<br>Subject: Issue 42: Why sorting still matters<br>To: &lt;sam@desk.example&gt;<br></div>"
        f"<br><br>{letter_body}</div></div>"
    )
    forward = EmailMessage()
    forward["From"] = "Sam Editor <sam@desk.example>"
    forward["Subject"] = "Fwd: Issue 42: Why sorting still matters"
    forward["Date"] = "Wed, 04 Nov 2026 08:00:00 -0500"
    forward.set_content("Have a look.\n")
    forward.add_alternative(html, subtype="html")
    return forward


def test_a_newsletter_forwarded_from_gmail_is_read_from_the_forwarded_fields(tmp_path: Path) -> None:
    draft = read_article(saved(tmp_path, bytes(gmail_forward())))
    assert (draft.title, draft.author) == ("Issue 42: Why sorting still matters", "Dana Pérez")
    # Gmail writes the time in the forwarder's zone, which the forward's own Date gives
    assert draft.date is not None and draft.date.isoformat() == "2026-11-03T09:15:00-05:00"
    assert "Every database you touch sorts something" in draft.body
    for left_out in ("Forwarded message", "Have a look", "sam@desk.example"):
        assert left_out not in draft.body


def test_a_gmail_forward_whose_date_is_in_another_language_has_no_date(tmp_path: Path) -> None:
    """Never the forward's own date: that is when it was forwarded."""
    draft = read_article(saved(tmp_path, bytes(gmail_forward("Date: mar. 3 nov. 2026 à 09:15"))))
    assert draft.author == "Dana Pérez" and draft.date is None


def test_gmail_blocks_within_blocks_are_read_in_time() -> None:
    """Each block's text is read once at most: nested ones were each read whole."""
    code = (
        "from digest.sources.importer.draft import Declared; "
        "from digest.sources.importer.mail import _inline_forward; "
        "block = '<div class=\"gmail_attr\">---------- Forwarded message ---------<br>'; "
        "html = '<div class=\"gmail_quote\">' + block * 250 + '<p>' + 'word ' * 2_000_000 + '</p>' + '</div>' * 251; "
        "_inline_forward(html, Declared())"
    )
    finishes_in_time("250 Gmail blocks within blocks over 10 MB of text", code)


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


def test_a_newsletter_forwarded_from_thunderbird_is_read_from_the_forwarded_fields(tmp_path: Path) -> None:
    """Thunderbird's Forward (inline) writes the forwarded mail's Subject, Date and From in a
    `moz-email-headers-table`, the Date as the mail wrote it."""
    letter_body = LETTER_HTML.split("<body>")[1].split("</body>")[0]
    rows = (("Betreff:", "Issue 42: Why sorting still matters"), ("Datum:", "Tue, 3 Nov 2026 09:15:00 -0500"))
    rows += (("Von:", "Dana Pérez &lt;dana@letters.example&gt;"), ("An:", "sam@desk.example"))
    table = "".join(
        f'<tr><th valign="BASELINE" nowrap="nowrap" align="RIGHT">{k} </th><td>{v}</td></tr>' for k, v in rows
    )
    html = (
        "<html><body><p>Have a look.</p>"
        '<div class="moz-forward-container"><br><br>-------- Weitergeleitete Nachricht --------\n'
        f'<table class="moz-email-headers-table" cellspacing="0" cellpadding="0" border="0"><tbody>{table}</tbody></table>'
        f"<br><br>{letter_body}</div></body></html>"
    )
    forward = EmailMessage()
    forward["From"] = "Sam Editor <sam@desk.example>"
    forward["Subject"] = "WG: Issue 42: Why sorting still matters"
    forward["Date"] = "Wed, 04 Nov 2026 08:00:00 +0100"
    forward.set_content(html, subtype="html")
    draft = read_article(saved(tmp_path, bytes(forward)))
    assert (draft.title, draft.author) == ("Issue 42: Why sorting still matters", "Dana Pérez")
    assert draft.date is not None and draft.date.isoformat() == "2026-11-03T09:15:00-05:00"
    assert "Every database you touch sorts something" in draft.body
    for left_out in ("Weitergeleitete", "Have a look", "sam@desk.example", "Betreff"):
        assert left_out not in draft.body


def outlook_forward(
    labels: tuple[str, str, str, str] = ("From", "Sent", "To", "Subject"),
    wrapped: bool = True,
    sent_at: str = "Tuesday, November 3, 2026 9:15 AM",
) -> bytes:
    """A newsletter forwarded inline from Outlook for Windows (its HTML is Word's): the
    forwarder's note, then the forwarded mail's fields as one paragraph of bold labels, in the
    forwarder's language, From first and Subject last (a Cc line between when there is one)."""
    letter_body = LETTER_HTML.split("<body>")[1].split("</body>")[0]
    sender, sent, to, subject = labels
    fields = (
        f"<p class=MsoNormal><b><span lang=EN-US>{sender}:</span></b><span lang=EN-US> Dana Pérez "
        f"&lt;dana@letters.example&gt; <br><b>{sent}:</b> {sent_at}<br>"
        f"<b>{to}:</b> Sam Editor &lt;sam@desk.example&gt;<br><b>Cc:</b> desk@desk.example<br>"
        f"<b>{subject}:</b> Issue 42: Why sorting still matters<o:p></o:p></span></p>"
    )
    if wrapped:  # Outlook 2013 on: a rule above the fields
        fields = f"<div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'>{fields}</div>"
    html = (
        '<html><head><meta name=Generator content="Microsoft Word 15 (filtered medium)"></head>'
        "<body lang=EN-US><div class=WordSection1><p class=MsoNormal>Have a look.<o:p></o:p></p>"
        f"<p class=MsoNormal><o:p>&nbsp;</o:p></p>{fields}<p class=MsoNormal><o:p>&nbsp;</o:p></p>"
        f"{letter_body}</div></body></html>"
    )
    forward = EmailMessage()
    forward["From"] = "Sam Editor <sam@desk.example>"
    forward["Subject"] = "FW: Issue 42: Why sorting still matters"
    forward["Date"] = "Wed, 04 Nov 2026 08:00:00 -0500"
    forward.set_content("Have a look.\n")
    forward.add_alternative(html, subtype="html")
    return bytes(forward)


@pytest.mark.parametrize(
    "labels",
    [("From", "Sent", "To", "Subject"), ("Von", "Gesendet", "An", "Betreff"), ("De", "Envoyé", "À", "Objet")],
)
@pytest.mark.parametrize("wrapped", [True, False])
def test_a_newsletter_forwarded_from_outlook_is_read_from_the_forwarded_fields(
    tmp_path: Path, labels: tuple[str, str, str, str], wrapped: bool
) -> None:
    draft = read_article(saved(tmp_path, outlook_forward(labels, wrapped)))
    assert (draft.title, draft.author) == ("Issue 42: Why sorting still matters", "Dana Pérez")
    # Sent is in the forwarder's zone, which the forward's own Date gives
    assert draft.date is not None and draft.date.isoformat() == "2026-11-03T09:15:00-05:00"
    assert "Every database you touch sorts something" in draft.body
    for left_out in ("Have a look", "sam@desk.example", labels[1], "desk@desk.example"):
        assert left_out not in draft.body


@pytest.mark.parametrize(
    "lines",
    [
        "<b>When:</b> Monday<br><b>Where:</b> Berlin<br><b>Who:</b> Everyone<br><b>What:</b> Talks",
        "<b>Contact:</b> desk@letters.example<br><b>Phone:</b> 555 0100<br><b>Web:</b> letters.example<br>"
        "<b>Where:</b> Berlin",
    ],
)
def test_bold_labelled_lines_in_a_newsletter_are_no_forward(tmp_path: Path, lines: str) -> None:
    """A newsletter's own 'When: ... Where: ...' lines, in Word's HTML or not, are its text: the
    fields Outlook forwards open with a sender as a mail program writes one, an address in angle
    brackets or after 'mailto:' (a bare address is a newsletter's contact line)."""
    html = LETTER_HTML.replace("<h1>", f"<p class=MsoNormal>{lines}</p><h1>").replace(
        "<head>", '<head><meta name=Generator content="Microsoft Word 15 (filtered medium)">'
    )
    message = letter()
    message.get_body(("html",)).set_content(html, subtype="html")  # type: ignore[union-attr]
    draft = read_article(saved(tmp_path, bytes(message)))
    assert draft.title == "Issue 42: Why sorting still matters"
    assert "Berlin" in draft.body and "Every database you touch sorts something" in draft.body


def test_outlook_blocks_within_blocks_are_read_in_time() -> None:
    """A block's bold labels are counted up to a few: nested blocks are never each read whole."""
    code = (
        "from digest.sources.importer.draft import Declared; "
        "from digest.sources.importer.mail import _inline_forward; "
        "head = '<html><head><meta name=Generator content=\"Microsoft Word 15\"></head><body>'; "
        "html = head + '<div><b>From:</b> a@b.example<br>' * 200 + '<p>' + 'word ' * 1_000_000 + '</p>' "
        "+ '</div>' * 200 + '<p><b>a:</b> 1<br><b>b:</b> 2<br><b>c:</b> 3<br><b>d:</b> 4</p>' * 30_000 "
        "+ '<p>' + '<b>x:</b><br>' * 60_000 + '</p></body></html>'; "
        "assert _inline_forward(html, Declared()) is None"
    )
    finishes_in_time("Outlook-like blocks within blocks and beside them over 5 MB of text", code)


@pytest.mark.parametrize(
    ("sent_at", "expected"),
    [
        ("Tuesday, November 3, 2026 9:15 PM", "2026-11-03T21:15:00-05:00"),  # Outlook in US English
        ("03 November 2026 21:15", "2026-11-03T21:15:00-05:00"),  # in British English
        ("Dienstag, 3. November 2026 21:15", None),
    ],
)
def test_outlook_s_sent_line_is_read_in_the_forward_s_zone_or_not_at_all(
    tmp_path: Path, sent_at: str, expected: str | None
) -> None:
    draft = read_article(saved(tmp_path, outlook_forward(sent_at=sent_at)))
    assert (draft.date.isoformat() if draft.date else None) == expected


def apple_forward(labels: tuple[str, str, str, str], opening: str, sent_at: str) -> bytes:
    """A newsletter forwarded inline from Apple Mail: the note, then a `cite` blockquote that
    opens with its forward line and holds the forwarded mail's fields (From, Subject, Date, To,
    a div each, bold labels in the forwarder's language) above the forwarded HTML."""
    letter_body = LETTER_HTML.split("<body>")[1].split("</body>")[0]
    sender, subject, date, to = labels
    span = '<span style="font-family: -webkit-system-font, Helvetica Neue, Helvetica, sans-serif;">'
    fields = "".join(
        f'<div style="margin: 0px;">{span}<b>{label}: </b></span>{span}{value}<br></span></div>'
        for label, value in (
            (sender, "Dana Pérez &lt;dana@letters.example&gt;"),
            (subject, "<b>Issue 42: Why sorting still matters</b>"),
            (date, sent_at),
            (to, "Sam Editor &lt;sam@desk.example&gt;"),
        )
    )
    html = (
        '<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head>'
        '<body style="overflow-wrap: break-word;">Have a look.<br id="lineBreakAtBeginningOfMessage"><div><br>'
        f'<blockquote type="cite"><div>{opening}</div><br class="Apple-interchange-newline">{fields}<br>'
        f"<div>{letter_body}</div></blockquote></div></body></html>"
    )
    forward = EmailMessage()
    forward["From"] = "Sam Editor <sam@desk.example>"
    forward["Subject"] = "Fwd: Issue 42: Why sorting still matters"
    forward["Date"] = "Wed, 04 Nov 2026 08:00:00 -0500"
    forward.set_content("Have a look.\n")
    forward.add_alternative(html, subtype="html")
    return bytes(forward)


@pytest.mark.parametrize(
    ("labels", "opening", "sent_at", "expected"),
    [
        (
            ("From", "Subject", "Date", "To"),
            "Begin forwarded message:",
            "November 3, 2026 at 9:15:00 PM GMT+1",
            "2026-11-03T21:15:00+01:00",
        ),
        (
            ("From", "Subject", "Date", "To"),
            "Begin forwarded message:",
            "3 November 2026 at 21:15:00 GMT",
            "2026-11-03T21:15:00+00:00",
        ),
        (
            ("Von", "Betreff", "Datum", "An"),
            "Anfang der weitergeleiteten Nachricht:",
            "3. November 2026 um 21:15:00 MEZ",
            None,
        ),
    ],
)
def test_a_newsletter_forwarded_from_apple_mail_is_read_from_the_forwarded_fields(
    tmp_path: Path, labels: tuple[str, str, str, str], opening: str, sent_at: str, expected: str | None
) -> None:
    draft = read_article(saved(tmp_path, apple_forward(labels, opening, sent_at)))
    assert (draft.title, draft.author) == ("Issue 42: Why sorting still matters", "Dana Pérez")
    assert (draft.date.isoformat() if draft.date else None) == expected
    assert "Every database you touch sorts something" in draft.body
    assert "\n>" not in "\n" + draft.body  # the forwarded mail, no longer quoted
    for left_out in ("Have a look", opening, "sam@desk.example", labels[2]):
        assert left_out not in draft.body


def test_an_apple_mail_reply_quoting_a_mail_is_no_forward(tmp_path: Path) -> None:
    """A reply quotes the mail in a `cite` blockquote too, under an 'On ... wrote:' line outside
    it: no fields open the quote."""
    letter_body = LETTER_HTML.split("<body>")[1].split("</body>")[0]
    html = (
        '<html><body>Thanks, this is good.<div><br><blockquote type="cite"><div>On 3 Nov 2026, at 09:15, Dana '
        f'&lt;dana@letters.example&gt; wrote:</div><br class="Apple-interchange-newline">{letter_body}'
        "</blockquote></div></body></html>"
    )
    reply = EmailMessage()
    reply["From"] = "Sam Editor <sam@desk.example>"
    reply["Subject"] = "Re: Issue 42: Why sorting still matters"
    reply["Date"] = "Wed, 04 Nov 2026 08:00:00 -0500"
    reply.set_content(html, subtype="html")
    draft = read_article(saved(tmp_path, bytes(reply)))
    assert draft.author == "Sam Editor"


def test_apple_quotes_within_quotes_are_read_in_time() -> None:
    """Each quote's first few children are looked at, a field's line to a line's length at most."""
    code = (
        "from digest.sources.importer.draft import Declared; "
        "from digest.sources.importer.mail import _inline_forward; "
        "level = '<blockquote type=cite><div>Begin:</div><br><div><b>From: </b>' + 'word ' * 20_000; "
        "html = '<html><body>' + level * 200 + '</div></blockquote>' * 200 "
        "+ '<blockquote type=cite><div>x:</div></blockquote>' * 100_000 + '</body></html>'; "
        "assert _inline_forward(html, Declared()) is None"
    )
    finishes_in_time("Apple-like quotes within quotes and beside them over 20 MB", code)


ARTICLE_TEXT = (
    "Every database you touch sorts something, and the cost of that sort shows up where people do not "
    "expect it.\n\nThis week I read three papers on external merge sort.\n"
)


def text_forward(block: str) -> bytes:
    """A newsletter's plain text forwarded inline by a mail program writing text only."""
    forward = EmailMessage()
    forward["From"] = "Sam Editor <sam@desk.example>"
    forward["Subject"] = "Fw: Issue 42: Why sorting still matters"
    forward["Date"] = "Wed, 04 Nov 2026 08:00:00 -0500"
    forward.set_content("Have a look.\n\n" + block)
    return bytes(forward)


FIELDS_TO = "Sam Editor <sam@desk.example>"
TEXT_FORWARDS = {
    "outlook": (
        "-----Original Message-----\nFrom: Dana Pérez <dana@letters.example>\n"
        f"Sent: Tuesday, November 3, 2026 9:15 PM\nTo: {FIELDS_TO}\nCc: desk@desk.example\n"
        f"Subject: Issue 42: Why sorting still matters\n\n{ARTICLE_TEXT}",
        "2026-11-03T21:15:00-05:00",
    ),
    "outlook in German": (
        "-----Ursprüngliche Nachricht-----\nVon: Dana Pérez <dana@letters.example>\n"
        f"Gesendet: Dienstag, 3. November 2026 21:15\nAn: {FIELDS_TO}\n"
        f"Betreff: Issue 42: Why sorting still matters\n\n{ARTICLE_TEXT}",
        None,
    ),
    "new outlook": (
        "________________________________\nFrom: Dana Pérez <dana@letters.example>\n"
        f"Sent: 03 November 2026 21:15\nTo: {FIELDS_TO}\n"
        f"Subject: Issue 42: Why sorting still matters\n\n{ARTICLE_TEXT}",
        "2026-11-03T21:15:00-05:00",
    ),
    "apple mail": (  # Apple Mail quotes the whole forward, its line and fields too
        "".join(
            f"> {line}\n" if line else ">\n"
            for line in (
                "Begin forwarded message:\n\nFrom: Dana Pérez <dana@letters.example>\n"
                "Subject: Issue 42: Why sorting still matters\nDate: November 3, 2026 at 9:15:00 PM GMT+1\n"
                f"To: {FIELDS_TO}\n\n{ARTICLE_TEXT}"
            ).split("\n")[:-1]
        ),
        "2026-11-03T21:15:00+01:00",
    ),
    "gmail": (
        "---------- Forwarded message ---------\nFrom: Dana Pérez <dana@letters.example>\n"
        "Date: Tue, Nov 3, 2026 at 9:15 PM\nSubject: Issue 42: Why sorting still matters\n"
        f"To: {FIELDS_TO}\n\n\n{ARTICLE_TEXT}",
        "2026-11-03T21:15:00-05:00",
    ),
}


@pytest.mark.parametrize("program", list(TEXT_FORWARDS))
def test_a_plain_text_forward_is_read_from_the_forwarded_fields(tmp_path: Path, program: str) -> None:
    """Each mail program writes its forward's line and the forwarded mail's fields in its own
    order (Outlook: From, Sent, To, Cc, Subject under five dashes or a rule; Apple Mail: From,
    Subject, Date, To under a line ending in ':', quoted; Gmail: From, Date, Subject, To)."""
    block, expected_date = TEXT_FORWARDS[program]
    draft = read_article(saved(tmp_path, text_forward(block)))
    assert (draft.title, draft.author) == ("Issue 42: Why sorting still matters", "Dana Pérez")
    assert (draft.date.isoformat() if draft.date else None) == expected_date
    assert "This week I read three papers on external merge sort." in draft.body
    assert "\n>" not in "\n" + draft.body
    for left_out in ("Have a look", "sam@desk.example", "Original", "forwarded", "Subject:", "Betreff"):
        assert left_out not in draft.body


@pytest.mark.parametrize(
    "text",
    [
        "Schedule:\n\nWhen: Monday\nWhere: Berlin\nWho: everyone\n\nSee you there.\n",
        "-----Original Message-----\nNo fields follow this line.\n\nJust text.\n",
        "Write to us:\n\nMail: desk@desk.example\nPhone: 555 0100\nPost: 1 Main St\n\nThanks for reading.\n",
        "Write to us:\n\nMail: desk@desk.example\nPhone: 555 0100\nPost: 1 Main St\nWeb: https://desk.example\n\nThanks.\n",
        "-----Original Message-----\nFrom: a@b.example\nSent: x\nTo: y\nSubject: z\n\n\n",
        "Write to us:\n\nMail: desk@desk.example\nPhone: 555 0100\nPost: 1 Main St\nPress: press@desk.example\n\nThanks.\n",
    ],
)
def test_a_text_with_labelled_lines_is_no_forward(tmp_path: Path, text: str) -> None:
    draft = read_article(saved(tmp_path, text_forward(text)))
    assert draft.title == "Issue 42: Why sorting still matters" and draft.author == "Sam Editor"
    assert "Have a look" in draft.body


def test_a_reply_quoting_a_mail_in_outlook_s_fields_is_read_as_itself(tmp_path: Path) -> None:
    """Outlook writes the same fields above the mail a reply quotes as above one it forwards: a
    mail whose Subject opens with RFC 5322's 'Re:' is a reply, and its own text the article, a
    forward it quotes too."""
    block, _ = TEXT_FORWARDS["outlook"]
    reply = email.message_from_bytes(text_forward(block), policy=email.policy.default)
    reply.replace_header("Subject", "RE: Issue 42: Why sorting still matters")
    draft = read_article(saved(tmp_path, bytes(reply)))
    assert draft.author == "Sam Editor" and "Have a look" in draft.body
    html = email.message_from_bytes(outlook_forward(), policy=email.policy.default)
    html.replace_header("Subject", "Re: Issue 42: Why sorting still matters")
    draft = read_article(saved(tmp_path, bytes(html), "reply.eml"))
    assert draft.author == "Sam Editor" and "Have a look" in draft.body
    gmail = gmail_forward()
    gmail.replace_header("Subject", "Re: Fwd: Issue 42: Why sorting still matters")
    draft = read_article(saved(tmp_path, bytes(gmail), "gmail-reply.eml"))
    assert draft.author == "Sam Editor"


def test_text_forward_lines_are_read_in_time() -> None:
    """Every line ending in ':' may open an Apple forward: each looks at a few lines after it."""
    code = (
        "from digest.sources.importer.draft import Declared; "
        "from digest.sources.importer.mail import _text_forward; "
        "text = 'Note:\\nA: 1\\nB: 2\\nC: 3\\nD: 4\\n' * 60_000 + '> x:\\n' * 150_000; "
        "assert _text_forward(text, Declared()) is None; "
        "forward = '-----Original Message-----\\nFrom: A <a@b.example>\\nSent: x\\nTo: y\\nSubject: z\\n'; "
        "assert _text_forward(forward + '\\n' * 300_000 + 'Text.', Declared()) is not None"
    )
    finishes_in_time("hundreds of thousands of lines that may open a forward", code)
