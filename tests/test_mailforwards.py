"""A newsletter forwarded inline from Gmail, Thunderbird, Outlook and Apple Mail, or attached
(digest.sources.importer.mailforwards, with forwardfields.py)."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest

from digest.errors import ContentError
from digest.sources.importer.command import read_article
from digest.sources.importer.mail import read_saved_mail
from tests.helpers import (
    LETTER_HTML,
    finishes_in_time,
    forwarded,
    gmail_forward,
    letter,
    outlook_forward,
    saved,
)


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


def test_a_forwarded_message_of_a_header_no_mail_program_writes_is_refused(tmp_path: Path) -> None:
    """The forwarded message's header is read field by field: 8 MB of addresses took minutes."""
    forward = forwarded_as_attachment()
    data = bytes(forward).replace(
        b"Subject: Issue 43", b"Cc: " + b", ".join([b"A <a@b.example>"] * 10_000) + b"\r\nSubject: Issue 43"
    )
    with pytest.raises(ContentError, match="forwarded message's header runs past 65,536 bytes"):
        read_saved_mail(data, tmp_path / "letter.eml")


def test_a_newsletter_forwarded_from_gmail_is_read_from_the_forwarded_fields(tmp_path: Path) -> None:
    draft = read_article(saved(tmp_path, bytes(gmail_forward())))
    assert (draft.title, draft.author) == ("Issue 42: Why sorting still matters", "Dana Pérez")
    # Gmail writes the time in the forwarder's zone, which the forward's own Date gives
    assert draft.date is not None and draft.date.isoformat() == "2026-11-03T09:15:00-05:00"
    assert "Every database you touch sorts something" in draft.body
    for left_out in ("Forwarded message", "Have a look", "sam@desk.example"):
        assert left_out not in draft.body


def test_a_gmail_forward_whose_date_is_in_another_language_is_read_in_it(tmp_path: Path) -> None:
    """Gmail writes the date in the forwarder's language, with CLDR's names of its months and
    weekdays; one it cannot be read in is no date, never the forward's own (when it was forwarded)."""
    draft = read_article(saved(tmp_path, bytes(gmail_forward("Date: mar. 3 nov. 2026 à 09:15"))))
    assert draft.author == "Dana Pérez"
    assert draft.date is not None and draft.date.isoformat() == "2026-11-03T09:15:00-05:00"
    draft = read_article(saved(tmp_path, bytes(gmail_forward("Date: le jour du marché, 09:15"))))
    assert draft.date is None


def test_a_gmail_forward_opened_in_another_language_is_read_from_its_fields(tmp_path: Path) -> None:
    """Gmail's line over the fields is its ten and nine dashes around the words of the
    forwarder's language ('Weitergeleitete Nachricht', 'Message transféré')."""
    message = gmail_forward(
        "Date: Di., 3. Nov. 2026 um 09:15 Uhr", "---------- Weitergeleitete Nachricht ---------"
    )
    draft = read_article(saved(tmp_path, bytes(message)))
    assert (draft.title, draft.author) == ("Issue 42: Why sorting still matters", "Dana Pérez")
    assert draft.date is not None and draft.date.isoformat() == "2026-11-03T09:15:00-05:00"
    assert "Weitergeleitete" not in draft.body and "Have a look" not in draft.body


def test_gmail_blocks_within_blocks_are_read_in_time() -> None:
    """Each block's text is read once at most: nested ones were each read whole."""
    code = (
        "from digest.sources.importer.draft import Declared; "
        "from digest.sources.importer.mailforwards import inline_forward; "
        "block = '<div class=\"gmail_attr\">---------- Forwarded message ---------<br>'; "
        "html = '<div class=\"gmail_quote\">' + block * 250 + '<p>' + 'word ' * 2_000_000 + '</p>' + '</div>' * 251; "
        "inline_forward(html, Declared())"
    )
    finishes_in_time("250 Gmail blocks within blocks over 10 MB of text", code)


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
    forward = forwarded("WG", zone="+0100")
    forward.set_content(html, subtype="html")
    draft = read_article(saved(tmp_path, bytes(forward)))
    assert (draft.title, draft.author) == ("Issue 42: Why sorting still matters", "Dana Pérez")
    assert draft.date is not None and draft.date.isoformat() == "2026-11-03T09:15:00-05:00"
    assert "Every database you touch sorts something" in draft.body
    for left_out in ("Weitergeleitete", "Have a look", "sam@desk.example", "Betreff"):
        assert left_out not in draft.body


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
        "from digest.sources.importer.mailforwards import inline_forward; "
        "head = '<html><head><meta name=Generator content=\"Microsoft Word 15\"></head><body>'; "
        "html = head + '<div><b>From:</b> a@b.example<br>' * 200 + '<p>' + 'word ' * 1_000_000 + '</p>' "
        "+ '</div>' * 200 + '<p><b>a:</b> 1<br><b>b:</b> 2<br><b>c:</b> 3<br><b>d:</b> 4</p>' * 30_000 "
        "+ '<p>' + '<b>x:</b><br>' * 60_000 + '</p></body></html>'; "
        "assert inline_forward(html, Declared()) is None"
    )
    finishes_in_time("Outlook-like blocks within blocks and beside them over 5 MB of text", code)


@pytest.mark.parametrize(
    ("sent_at", "expected"),
    [
        ("Tuesday, November 3, 2026 9:15 PM", "2026-11-03T21:15:00-05:00"),  # Outlook in US English
        ("03 November 2026 21:15", "2026-11-03T21:15:00-05:00"),  # in British English
        ("Dienstag, 3. November 2026 21:15", "2026-11-03T21:15:00-05:00"),  # in German
        ("mardi 3 novembre 2026 21:15", "2026-11-03T21:15:00-05:00"),  # in French
        ("martes, 3 de noviembre de 2026 21:15", "2026-11-03T21:15:00-05:00"),  # in Spanish
        ("2026年11月3日 21:15", "2026-11-03T21:15:00-05:00"),  # in Japanese
        ("Dienstag, 3. November 2026", None),  # no time: Outlook always shows one
        ("am Dienstag nach der Messe, 21:15", None),
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
    return bytes(forwarded("Fwd", html))


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
            "3. November 2026 um 21:15:00 GMT+1",  # in German, CLDR's month names
            "2026-11-03T21:15:00+01:00",
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
        "from digest.sources.importer.mailforwards import inline_forward; "
        "level = '<blockquote type=cite><div>Begin:</div><br><div><b>From: </b>' + 'word ' * 20_000; "
        "html = '<html><body>' + level * 200 + '</div></blockquote>' * 200 "
        "+ '<blockquote type=cite><div>x:</div></blockquote>' * 100_000 + '</body></html>'; "
        "assert inline_forward(html, Declared()) is None"
    )
    finishes_in_time("Apple-like quotes within quotes and beside them over 20 MB", code)


@pytest.mark.parametrize(
    ("labels", "sent_at"),
    [
        (("Von", "Gesendet", "An", "Betreff"), "Dienstag, 3. November 2026 21:15"),
        (("De ", "Envoyé ", "À ", "Objet "), "mardi 3 novembre 2026 21:15"),  # French: a space before ':'
        (("Da", "Inviato", "A", "Oggetto"), "martedì 3 novembre 2026 21:15"),
        (("Van", "Verzonden", "Aan", "Onderwerp"), "dinsdag 3 november 2026 21:15"),
        (("差出人", "送信日時", "宛先", "件名"), "2026年11月3日 21:15"),
    ],
)
def test_outlook_s_forward_in_the_forwarder_s_language_is_read_whole(
    tmp_path: Path, labels: tuple[str, str, str, str], sent_at: str
) -> None:
    """Outlook writes the labels and the date in the forwarder's language, in the same order."""
    draft = read_article(saved(tmp_path, outlook_forward(labels=labels, sent_at=sent_at)))
    assert (draft.title, draft.author) == ("Issue 42: Why sorting still matters", "Dana Pérez")
    assert draft.date is not None and draft.date.isoformat() == "2026-11-03T21:15:00-05:00"


def _html_reply(html: str) -> bytes:
    message = EmailMessage()
    message["From"] = "Ann Lee <ann@example.org>"
    message["Subject"] = "Re: Issue 42: Why sorting still matters"
    message.set_content(html, subtype="html")
    return bytes(message)


@pytest.mark.parametrize(
    "quote",
    [
        # Gmail: the attribution and the quote in a `gmail_quote` div
        '<div class="gmail_quote"><div dir="ltr" class="gmail_attr">Le mar. 3 nov. 2026, Dana a écrit :<br></div>'
        '<blockquote class="gmail_quote">Here is the issue, at length.</blockquote></div>',
        # Apple Mail and Thunderbird: a `cite` blockquote, Thunderbird's attribution in a moz-cite-prefix
        '<div class="moz-cite-prefix">Am 03.11.26 um 09:15 schrieb Dana:<br></div>'
        '<blockquote type="cite">Here is the issue, at length.</blockquote>',
        # Outlook on the web: a rule, then the answered mail's fields and text, after the reply
        '<hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg"><b>De :</b> Dana<br></div>'
        "<div>Here is the issue, at length.</div>",
    ],
)
def test_an_html_only_reply_is_read_without_the_mail_it_quotes(tmp_path: Path, quote: str) -> None:
    """Each program marks its quote in the HTML its own way, in any language; a reply with no
    text alternative is read without it."""
    html = f"<html><body><div>Thanks, this one is worth a review.</div><br>{quote}</body></html>"
    draft = read_article(saved(tmp_path, _html_reply(html)))
    assert "worth a review" in draft.body
    assert "at length" not in draft.body and "Dana" not in draft.body


@pytest.mark.parametrize(
    "head",
    ["<style>P {margin-top:0;margin-bottom:0;}</style>", "<title>Re: Issue 42</title>"],
    ids=["style", "title"],
)
def test_an_html_reply_that_is_all_quote_is_kept_whole_whatever_its_head_holds(
    tmp_path: Path, head: str
) -> None:
    """A reply of no text of its own keeps its quote (without_quote's rule); its head's style
    sheet (Outlook on the web writes one) or title is no text of its own, and the reply was read
    as an empty page."""
    html = (
        f"<html><head>{head}</head><body><div><br></div>"
        '<hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg"><b>De :</b> Dana<br></div>'
        "<div>Here is the issue, at length.</div></body></html>"
    )
    draft = read_article(saved(tmp_path, _html_reply(html)))
    assert "at length" in draft.body
