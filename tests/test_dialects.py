"""The dialects that carry metadata without a front matter block, each on a small input
written for these tests: a mail's header, Hexo's open front matter, Go's present format,
reStructuredText fields (docinfo and ABlog's post directive), dates spread over folders."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from digest.errors import ContentError
from digest.sources.dialects import mail_header, open_front_matter, present_header, rst_fields, unsigned_text
from digest.sources.reviews import read_review, sniff


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


MAIL = (
    "Date: Tue, 4 Mar 2003 09:15:00 -0800 (PST)\n"
    "From: Rosa Linde <rosa@example.org>\n"
    "To: list@example.org\n"
    "Subject: Re: pruning the old branches\n"
    "Abstract: how the pruning went,\n"
    " in two steps.\n"
    "\n"
    "> Did it work?\n\nIt did, after the second try.\n\n    Rosa\n"
)


def test_a_mail_header_gives_title_author_and_date(tmp_path: Path) -> None:
    review = read_review(write(tmp_path, "note.txt", MAIL))
    assert review.format == "mail-header"
    assert review.title == "Re: pruning the old branches"
    assert review.author == "Rosa Linde"
    assert review.date == datetime(2003, 3, 4, 9, 15, tzinfo=timezone(timedelta(hours=-8)))
    assert "pruning the old branches" not in review.body


def test_a_mail_without_a_display_name_is_signed_by_its_address() -> None:
    header = mail_header("From: rosa@example.org\nSubject: Notes\n\nText.\n")
    assert header is not None and header.meta["author"] == "rosa"


def test_a_mail_kept_with_its_mbox_envelope_line(tmp_path: Path) -> None:
    """An mbox keeps each mail under a 'From address date' line (RFC 4155), before its header."""
    text = (
        "From ann@example.org Thu Mar  4 10:00:00 2021\nFrom: ann@example.org (Ann Lee)\n"
        "Subject: [ANN] Tide 2.0\nDate: Thu, 4 Mar 2021 10:00:00 +0100\n\nTide 2.0 is out.\n"
    )
    review = read_review(write(tmp_path, "tide.txt", text))
    assert (review.format, review.title, review.author) == ("mail-header", "[ANN] Tide 2.0", "Ann Lee")
    assert review.date == datetime(2021, 3, 4, 10, tzinfo=timezone(timedelta(hours=1)))
    assert review.body.strip() == "Tide 2.0 is out."


def test_a_mail_header_encoded_words_are_decoded(tmp_path: Path) -> None:
    """RFC 2047: a subject or name outside ASCII is written as encoded words, which a mail
    program shows decoded."""
    text = (
        "From: =?iso-8859-1?q?Ren=E9_Faure?= <rene@example.org>\n"
        "Subject: =?utf-8?b?w4l0w6kgw6AgUGFyaXM=?=\nMIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\n\nLe texte.\n"
    )
    review = read_review(write(tmp_path, "ete.txt", text))
    assert (review.title, review.author) == ("Été à Paris", "René Faure")


@pytest.mark.parametrize(
    "field",
    [
        "Content-Transfer-Encoding: quoted-printable",
        "Content-Transfer-Encoding: base64",
        'Content-Type: multipart/alternative; boundary="b"',
        "Content-Type: text/html; charset=utf-8",
    ],
)
def test_a_mail_whose_body_is_mime_to_decode_is_refused_with_where_to_import_it(
    tmp_path: Path, field: str
) -> None:
    """Its body would be shown as its raw parts (boundaries, '=3D', base64)."""
    text = f"From: Jo <jo@example.org>\nSubject: Notes\nMIME-Version: 1.0\n{field}\n\n--b\nText=3D.\n"
    with pytest.raises(
        ContentError, match=r"notes\.eml:1: this is a mail saved with its MIME parts.*digest import"
    ):
        read_review(write(tmp_path, "notes.eml", text))


def test_a_clear_signed_message_is_read_without_its_armour(tmp_path: Path) -> None:
    """OpenPGP's cleartext signature (RFC 4880, 7): the armour header and the signature are no
    text, and a line the signer dash-escaped ('- -- ') is read as written ('-- ')."""
    text = (
        "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nTide 2.0 released\n=================\n\n"
        "We are pleased to announce Tide 2.0.\n\n- -- \nAnn Lee\n-----BEGIN PGP SIGNATURE-----\n\n"
        "iQEzBAEBCAAdFiEE\n=abcd\n-----END PGP SIGNATURE-----\n"
    )
    review = read_review(write(tmp_path, "announce.txt", text))
    assert review.title == "Tide 2.0 released"
    assert "PGP" not in review.body and "iQEz" not in review.body and "Hash:" not in review.body
    assert review.author == "Ann Lee"
    assert unsigned_text(text).count("\n") == text.count("\n")  # lines keep their numbers
    assert unsigned_text("- not signed\n") == "- not signed\n"


def test_key_value_lines_without_subject_and_from_are_no_mail() -> None:
    assert mail_header("From: Rosa\nTo: Ann\n\nText.\n") is None
    assert mail_header("Title: Notes\nSubject: x\nFrom: Rosa\n\nText.\n") is None  # Pelican's


def test_hexo_front_matter_without_its_opening_delimiter(tmp_path: Path) -> None:
    path = write(
        tmp_path, "post.md", "title: Tide tables\ndate: 2019-04-02 08:30:00\ntags:\n  - sea\n---\n\nBody.\n"
    )
    review = read_review(path)
    assert (review.title, review.tags) == ("Tide tables", ("sea",))
    assert review.date == datetime(2019, 4, 2, 8, 30, tzinfo=UTC)
    assert review.body.strip() == "Body."


def test_open_front_matter_needs_a_title_and_no_blank_line() -> None:
    assert open_front_matter("date: 2019-04-02\n---\n\nBody.\n", Path("x.md")) is None
    assert open_front_matter("title: A\n\ndate: 2019-04-02\n---\nBody.\n", Path("x.md")) is None
    assert open_front_matter("Note: a plain line\nand more text\n", Path("x.md")) is None


PRESENT = (
    "Harbour lights are back\n"
    "12 Oct 2016\n"
    "Tags: harbour, lights\n"
    "\n"
    "Ines Okafor\n"
    "ines@example.org\n"
    "\n"
    "* Introduction\n"
    "\n"
    "The lights came back on, see [[https://example.org/lights][the notice]].\n"
)


def test_go_present_article(tmp_path: Path) -> None:
    review = read_review(write(tmp_path, "lights.article", PRESENT))
    assert review.format == "go-present"
    assert (review.title, review.author, review.tags) == (
        "Harbour lights are back",
        "Ines Okafor",
        ("harbour", "lights"),
    )
    assert review.date == datetime(2016, 10, 12, tzinfo=UTC)
    assert "## Introduction" in review.body and "[the notice](https://example.org/lights)" in review.body
    assert any("Ines Okafor" in guess for guess in review.guesses)  # said to be inferred


def test_a_title_and_date_without_an_author_block_is_not_present() -> None:
    assert present_header("Harbour lights\n12 Oct 2016\n\nThe lights came back on today.\n\nMore.\n") is None
    assert sniff("Harbour lights\nnot a date\n\nInes Okafor\n\nText.\n") != "go-present"


def test_rst_docinfo_fields_before_the_title(tmp_path: Path) -> None:
    text = ":author: Pia Wren\n:date: May 4, 2016\n:tags: notes\n\nField notes\n===========\n\nText of the note.\n"
    review = read_review(write(tmp_path, "notes.rst", text))
    assert (review.title, review.author) == ("Field notes", "Pia Wren")
    assert review.date == datetime(2016, 5, 4, tzinfo=UTC)


def test_ablog_post_directive_gives_date_and_options() -> None:
    text = "Field notes\n===========\n\n.. post:: Mar 3, 2019\n   :author: Pia Wren, Ola Berg\n   :tags: notes\n\nText.\n"
    assert rst_fields(text) == {"date": "Mar 3, 2019", "author": "Pia Wren, Ola Berg", "tags": "notes"}


def test_an_author_directive_under_the_title() -> None:
    """GHC's proposals (and Tinkerer's posts) name the author with an `.. author::` directive;
    Tinkerer's `default` stands for the site's configured author, no name."""
    text = "Type lambdas\n============\n\n.. author:: Ann Lee\n.. implemented:: 8.8\n\nText.\n"
    assert rst_fields(text) == {"author": "Ann Lee"}
    assert rst_fields(text.replace("Ann Lee", "default")) == {}


def test_rst_fields_stop_at_prose_and_ignore_other_directives() -> None:
    text = "Title\n=====\n\nFirst paragraph of prose.\nIt goes on.\n\n.. post:: 2020-01-01\n   :author: Someone\n"
    assert rst_fields(text) == {}
    assert rst_fields(".. note:: careful\n   :author: Nobody\n\nTitle\n=====\n") == {}


def test_a_date_spread_over_a_year_folder_and_the_file_name(tmp_path: Path) -> None:
    review = read_review(write(tmp_path, "blog/2020/01-07-harbour.md", "# Harbour\n\nText.\n"))
    assert review.date == datetime(2020, 1, 7, tzinfo=UTC)
    assert any("folders" in guess for guess in review.guesses)
    nested = read_review(write(tmp_path, "blog/2021/03/09/tides.md", "# Tides\n\nText.\n"))
    assert nested.date == datetime(2021, 3, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    "date",
    [
        "Tue, 06 Jun 2017 27:39:33 +0600",
        "Tue, 31 Feb 2017 10:00:00 +0000",
        "Mon, 30 Jun 99999999999999999999 15:33 +0600",
    ],
)
def test_a_mail_date_in_rfc_5322_form_that_names_no_real_time_is_no_date_with_a_note(
    tmp_path: Path, date: str
) -> None:
    """The sending program wrote it (an hour 27, a 31 February, a year past any calendar, which
    overflows the email package's parser): no date the editor could have written otherwise, so
    it is left out, said as a note, as a saved mail's is."""
    text = f"From: Ann <ann@example.org>\nSubject: Notes\nDate: {date}\n\nText.\n"
    review = read_review(write(tmp_path, "note.txt", text))
    assert review.date is None
    assert any("Date" in guess and "no real day or time" in guess for guess in review.guesses)


def test_a_mail_date_in_no_mail_form_is_still_read_or_refused_as_any_date(tmp_path: Path) -> None:
    text = "From: Ann <ann@example.org>\nSubject: Notes\nDate: 2021-03-04\n\nText.\n"
    assert read_review(write(tmp_path, "note.txt", text)).date == datetime(2021, 3, 4, tzinfo=UTC)
    with pytest.raises(ContentError, match="not a valid date"):
        read_review(write(tmp_path, "soon.txt", text.replace("2021-03-04", "soon-ish")))
