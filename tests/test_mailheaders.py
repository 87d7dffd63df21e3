"""What a mail's headers declare (digest.sources.importer.mailheaders): title, author, date."""

from __future__ import annotations

import base64
from pathlib import Path

from digest.sources.importer.command import read_article
from tests.helpers import finishes_in_time, letter, saved


def test_encoded_words_and_folded_fields_are_read_as_a_mail_program_shows_them(tmp_path: Path) -> None:
    subject = "=?utf-8?b?" + base64.b64encode("Ünïcode in the subject".encode()).decode() + "?="
    data = bytes(letter(Subject=subject, From="unused@x.example"))
    folded = b"From:\r\n =?iso-8859-1?q?Dana_P=E9rez?=\r\n\t<dana@letters.example>"
    draft = read_article(saved(tmp_path, data.replace(b"From: unused@x.example", folded)))
    assert draft.title == "Ünïcode in the subject"
    assert draft.author == "Dana Pérez"


def test_a_sender_named_by_address_alone_is_no_author(tmp_path: Path) -> None:
    draft = read_article(saved(tmp_path, bytes(letter(From="news@letters.example"))))
    assert draft.author is None
    assert any("no author" in check for check in draft.checks)


def test_a_date_written_without_a_zone_is_read_as_utc(tmp_path: Path) -> None:
    draft = read_article(saved(tmp_path, bytes(letter(Date="Tue, 03 Nov 2026 09:15:00 -0000"))))
    assert draft.date is not None and draft.date.isoformat() == "2026-11-03T09:15:00+00:00"


def test_control_characters_in_the_headers_are_no_part_of_the_fields(tmp_path: Path) -> None:
    """An encoded word may hold anything, an escape sequence that clears a terminal included."""
    data = bytes(letter(Subject="unused", From="unused@x.example"))
    data = data.replace(b"Subject: unused", b"Subject: =?utf-8?q?Caches=1B[2J_and_=0Atheir_costs?=")
    data = data.replace(b"From: unused@x.example", b"From: =?utf-8?q?Jo=07_Writer?= <jo@x.example>")
    draft = read_article(saved(tmp_path, data))
    assert (draft.title, draft.author) == ("Caches [2J and their costs", "Jo Writer")


def test_a_sender_named_in_a_comment_is_the_author(tmp_path: Path) -> None:
    """RFC 822's `address (Full Name)`, which older mail programs still write."""
    data = bytes(letter(From="unused@x.example"))
    data = data.replace(
        b"From: unused@x.example", b"From: dana@letters.example (Dana =?utf-8?q?P=C3=A9rez?=)"
    )
    assert read_article(saved(tmp_path, data)).author == "Dana Pérez"


def test_a_date_after_the_mail_was_delivered_is_no_date(tmp_path: Path) -> None:
    """Each server stamps a Received field with when it took the mail: a later Date is a wrong clock's."""
    received = b"Received: from relay.example by mx.example; Tue, 3 Nov 2026 14:16:00 +0000\r\n"
    sent_later = received + bytes(letter(Date="Mon, 30 Jun 3609 15:33:50 +0600"))
    draft = read_article(saved(tmp_path, sent_later))
    assert draft.date is None and any("no date" in check for check in draft.checks)
    sent_before = received + bytes(letter())
    assert read_article(saved(tmp_path, sent_before)).date is not None


def test_a_date_of_a_year_past_any_calendar_is_no_date(tmp_path: Path) -> None:
    """The email package's date parser overflows on it (an OverflowError, no ValueError)."""
    data = bytes(letter(Date="Tue, 03 Nov 2026 09:15:00 -0500"))
    data = data.replace(b"03 Nov 2026 09:15:00", b"30 Jun 99999999999999999999 15:33:50")
    draft = read_article(saved(tmp_path, data))
    assert draft.date is None


def test_the_tag_a_list_manager_puts_before_the_subject_is_no_part_of_the_title(tmp_path: Path) -> None:
    """RFC 2919's List-Id names the list (`Sorting Weekly <sorting-weekly.letters.example>`);
    Mailman, Sympa and Google Groups tag its mails' subjects with its name in brackets."""
    for subject in (
        "[Sorting-Weekly] Issue 42",
        "Re: [sorting weekly] Issue 42",
        "[Sorting Weekly] Fwd: Issue 42",
    ):
        message = letter(Subject=subject, **{"List-Id": "Sorting Weekly <sorting-weekly.letters.example>"})
        assert read_article(saved(tmp_path, bytes(message))).title == "Issue 42", subject


def test_a_bracketed_subject_that_names_no_list_stays(tmp_path: Path) -> None:
    message = letter(
        Subject="[Issue 42] Why sorting matters", **{"List-Id": "<sorting-weekly.letters.example>"}
    )
    assert read_article(saved(tmp_path, bytes(message))).title == "[Issue 42] Why sorting matters"
    assert read_article(saved(tmp_path, bytes(letter(Subject="[Sorting-Weekly] Issue 42")))).title == (
        "[Sorting-Weekly] Issue 42"
    )


def test_a_references_field_of_megabytes_is_read_in_time(tmp_path: Path) -> None:
    """A msg-id is looked for from each '<' for a line's length at most."""
    code = (
        "from email.message import Message; from digest.sources.importer.mailheaders import answers; "
        "m = Message(); m['References'] = '<' + 'a' * 3_000_000 + ' <' * 1_000_000; "
        "assert not answers(m)"
    )
    finishes_in_time("a References field of 5 MB without a msg-id", code)
