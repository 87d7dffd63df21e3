"""A newsletter forwarded in a plain-text mail (digest.sources.importer.textforwards)."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

import pytest

from digest.sources.importer.command import read_article
from tests.helpers import finishes_in_time, forwarded, gmail_forward, outlook_forward, saved

ARTICLE_TEXT = (
    "Every database you touch sorts something, and the cost of that sort shows up where people do not "
    "expect it.\n\nThis week I read three papers on external merge sort.\n"
)


def text_forward(block: str) -> bytes:
    """A newsletter's plain text forwarded inline by a mail program writing text only."""
    return bytes(forwarded("Fw", text="Have a look.\n\n" + block))


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
        "2026-11-03T21:15:00-05:00",
    ),
    "outlook in French": (
        "-----Message d'origine-----\nDe : Dana Pérez <dana@letters.example>\n"
        f"Envoyé : mardi 3 novembre 2026 21:15\nÀ : {FIELDS_TO}\n"
        f"Objet : Issue 42: Why sorting still matters\n\n{ARTICLE_TEXT}",
        "2026-11-03T21:15:00-05:00",
    ),
    "outlook in Japanese": (
        "-----Original Message-----\n差出人: Dana Pérez <dana@letters.example>\n"
        f"送信日時: 2026年11月3日 21:15\n宛先: {FIELDS_TO}\n"
        f"件名: Issue 42: Why sorting still matters\n\n{ARTICLE_TEXT}",
        "2026-11-03T21:15:00-05:00",
    ),
    "gmail in German": (
        "---------- Weitergeleitete Nachricht ---------\nVon: Dana Pérez <dana@letters.example>\n"
        "Date: Di., 3. Nov. 2026 um 21:15 Uhr\nSubject: Issue 42: Why sorting still matters\n"
        f"To: {FIELDS_TO}\n\n\n{ARTICLE_TEXT}",
        "2026-11-03T21:15:00-05:00",
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
        "from digest.sources.importer.textforwards import text_forward; "
        "text = 'Note:\\nA: 1\\nB: 2\\nC: 3\\nD: 4\\n' * 60_000 + '> x:\\n' * 150_000; "
        "assert text_forward(text, Declared()) is None; "
        "forward = '-----Original Message-----\\nFrom: A <a@b.example>\\nSent: x\\nTo: y\\nSubject: z\\n'; "
        "assert text_forward(forward + '\\n' * 300_000 + 'Text.', Declared()) is not None"
    )
    finishes_in_time("hundreds of thousands of lines that may open a forward", code)
