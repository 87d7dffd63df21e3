"""A plain-text mail's text (digest.sources.importer.mailtext): format=flowed, the signature,
the fields the text readers read."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

from digest.sources.importer.command import read_article
from digest.sources.importer.mailtext import without_quotes
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


def _reply(text: str, html: str | None = None, **headers: str) -> bytes:
    message = EmailMessage()
    fields = {"From": "Ann Lee <ann@example.org>", "Subject": "Re: The caching piece", **headers}
    for name, value in fields.items():
        message[name] = value
    message.set_content(text)
    if html is not None:
        message.add_alternative(html, subtype="html")
    return bytes(message)


def test_a_replys_quoted_lines_and_the_line_that_introduces_them_are_no_part_of_it(tmp_path: Path) -> None:
    """RFC 3676 4.5: a reply quotes the mail it answers in lines opening with '>', under one
    line of the writer's program that ends in ':' (in the writer's language); written above
    the quote or under it (bottom-posting), the reply's own text is the rest."""
    text = (
        "Agreed, the second half needs work.\n\n"
        "Le 2 nov. 2026 à 09:15, Jo Writer <jo@letters.example> a écrit :\n\n"
        "> Here is the draft.\n>\n> > An older quote.\n\n"
        "One more thought, under the quote.\n"
    )
    body = read_article(saved(tmp_path, _reply(text))).body
    assert "Agreed, the second half needs work." in body
    assert "One more thought, under the quote." in body
    assert "a écrit" not in body and "Here is the draft" not in body and "older quote" not in body


def test_a_reply_ends_where_the_mail_it_quotes_opens_its_block_of_fields(tmp_path: Path) -> None:
    """Outlook, Yahoo and AOL quote the answered mail unmarked, under a dashed line and its
    fields (From, Sent, To, Subject, in the writer's language): the reply ends there. (Without
    'Re:' the same block reads as a forward's, In-Reply-To or not: Gmail names the mail a
    forward forwards in it too.)"""
    text = (
        "Danke, passt so.\n\n-----Ursprüngliche Nachricht-----\n"
        "Von: Jo Writer <jo@letters.example>\nGesendet: Montag, 2. November 2026 09:15\n"
        "An: Ann Lee\nBetreff: The caching piece\n\nHere is the draft.\n"
    )
    body = read_article(saved(tmp_path, _reply(text))).body
    assert "Danke, passt so." in body
    assert "Ursprüngliche" not in body and "Here is the draft" not in body


def test_a_reply_is_read_from_its_text_alternative_where_its_quote_is_marked(tmp_path: Path) -> None:
    """Each program marks the quote in its HTML its own way (Hotmail writes '&gt;' as text);
    RFC 2046 makes the alternatives the same message, and the text's quote is marked as RFC
    3676 says."""
    text = (
        "Sounds good.\n\n> Subject: The caching piece\n> From: jo@letters.example\n>\n> Here is the draft.\n"
    )
    html = (
        "<html><body><div>Sounds good.<br><br><div>&gt; Subject: The caching piece<br>"
        "&gt; From: jo@letters.example<br>&gt;<br>&gt; Here is the draft, a longer text that a reader of "
        "pages would take for the article.<br></div></div></body></html>"
    )
    body = read_article(saved(tmp_path, _reply(text, html))).body
    assert "Sounds good." in body
    assert "Here is the draft" not in body


def test_a_mail_answering_another_by_its_in_reply_to_is_a_reply(tmp_path: Path) -> None:
    """RFC 5322 3.6.4: In-Reply-To and References name the mail answered, whatever the
    Subject says (a program may write no 'Re:', or one in its language)."""
    text = "Thanks, merged.\n\nOn Mon, 2 Nov 2026, Jo Writer wrote:\n> Here is the draft.\n"
    body = read_article(
        saved(tmp_path, _reply(text, Subject="SV: The caching piece", References="<d1@letters.example>"))
    ).body
    assert "Thanks, merged." in body and "Here is the draft" not in body


def test_a_newsletter_quoting_with_angle_brackets_keeps_its_quotes(tmp_path: Path) -> None:
    """Not a reply: a newsletter's '>' lines are its own Markdown quotes."""
    text = "This week:\n\n> The cache is the truth.\n\nMore below.\n"
    body = read_article(saved(tmp_path, _reply(text, Subject="Issue 4: caches"))).body
    assert "The cache is the truth." in body


def test_a_reply_of_many_quotes_under_many_blank_lines_is_read_in_time() -> None:
    """Each quote's introducing line is known as the text is read, never looked for again."""
    code = (
        "from digest.sources.importer.mailtext import without_quotes; "
        "text = 'Thanks.\\n' + '\\n' * 1_000_000 + '> a\\n\\n' * 300_000; "
        "assert without_quotes(text) == 'Thanks.\\n'"
    )
    finishes_in_time("300,000 quotes under a million blank lines", code)


def test_only_the_line_right_above_a_quote_introduces_it() -> None:
    """A quote broken by a blank line is one quote: the writer's own line above its
    introduction stays, though it ends in ':' too."""
    text = "My answers:\n\nOn Mon, Jo wrote:\n> one\n\n> two\nFirst, yes.\n"
    assert without_quotes(text).split() == ["My", "answers:", "First,", "yes."]


def test_a_reply_quoting_nothing_is_read_from_its_html(tmp_path: Path) -> None:
    """Its HTML holds the same text, with its links and emphasis."""
    html = '<html><body><p>See <a href="https://example.org/paper">the paper</a>, <b>today</b>.</p></body></html>'
    body = read_article(saved(tmp_path, _reply("See the paper, today.\n", html))).body
    assert "[the paper](https://example.org/paper)" in body


def test_a_line_of_the_writers_own_above_a_later_quote_stays() -> None:
    """A mail program writes one line introducing the quote ('On ... wrote:'), above the first
    quoted line; in a reply answering between the quotes, a line ending in ':' above a later
    quote is the writer's own sentence."""
    text = (
        "On Mon, 2 Nov 2026, Jo wrote:\n> Which cache do you use?\n\nTwo of them, for two reasons:\n\n"
        "> And how often do you clear them?\n\nNever.\n"
    )
    assert without_quotes(text).split("\n") == ["Two of them, for two reasons:", "", "", "Never.", ""]


def test_an_introduction_wrapped_over_two_lines_goes_whole() -> None:
    """Gmail wraps its 'On ... <address> wrote:' line at the text's width, leaving 'wrote:' on a
    line of its own (talon, mailgun's quotation reader, reads a splitter over several lines):
    only that last line went, and the date and sender stood as the reply's last words."""
    text = (
        "Thanks, merged.\n\nOn Mon, Nov 2, 2026 at 9:15 AM Jo Writer <jo@letters.example>\nwrote:\n\n"
        "> Here is the draft.\n"
    )
    assert without_quotes(text) == "Thanks, merged.\n"


def test_the_writers_own_line_right_above_the_introduction_stays() -> None:
    """No blank line between the reply and the introduction: the reply's sentence is no part of
    it, nor is the line of a paragraph ending in ':' above its last."""
    assert without_quotes("Thanks, merged.\nOn Mon, Jo wrote:\n> Here is the draft.\n") == "Thanks, merged.\n"
    own = "I read it twice.\nThe second half drags.\nHere is the line I mean:"
    assert without_quotes(f"{own}\n\n> The tide came in.\n") == "I read it twice.\nThe second half drags.\n"
