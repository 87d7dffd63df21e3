"""dist/<issue>/email.eml: one RFC 5322 message of both email parts, byte-identical build to build."""

from __future__ import annotations

import email
import email.policy
import os
import re
import textwrap
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner, Result

from digest.checks.links import extract_links
from digest.cli import cli
from digest.config import SiteSettings, load_config
from digest.model import Issue
from digest.output.eml import Headers, build_message, eml_bytes, sender, with_preheader
from digest.pipeline import prepare
from tests.helpers import LONG_SUBJECT, issue_md, set_line

ISSUE = "issue-2025"
PREHEADER = "Reasoning via reinforcement learning, cheaper training runs, benchmaxxing, and four sets of bets on 2026."
SUBJECT = "Issue 2: 2025 in four reviews: reasoning, agents and the benchmark problem"


def message_parts(message: EmailMessage) -> tuple[str, str]:
    """The (text, HTML) contents of a message, decoded, with the CRLF line ends of a
    message's canonical form read as the files' LF."""
    parts = []
    for subtype in ("plain", "html"):
        part = message.get_body(preferencelist=(subtype,))
        if part is None or part.get_content_subtype() != subtype:
            raise ValueError(f"the message has no text/{subtype} part")
        parts.append(str(part.get_content()).replace("\r\n", "\n"))
    return parts[0], parts[1]


def run(project: Path, *args: str) -> Result:
    previous = Path.cwd()
    os.chdir(project)
    try:
        return CliRunner().invoke(cli, list(args))
    finally:
        os.chdir(previous)


def parse(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def as_mime_text(content: str) -> str:
    """A MIME text part ends its last line with a line break."""
    return content if content.endswith("\n") else content + "\n"


@pytest.fixture
def built(project: Path) -> Path:
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    return project / "dist" / ISSUE


def test_build_writes_an_eml_whose_parts_are_the_email_files(built: Path) -> None:
    message = parse((built / "email.eml").read_bytes())
    html = (built / "email.html").read_text(encoding="utf-8")
    text = (built / "email.txt").read_text(encoding="utf-8")
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]
    text_part, html_part = message_parts(message)
    assert html_part == as_mime_text(html)
    assert text_part == f"{textwrap.fill(PREHEADER, 78)}\n\n{text}"


def test_eml_headers_come_from_the_issue_and_the_site(built: Path) -> None:
    message = parse((built / "email.eml").read_bytes())
    assert message["Subject"].strip() == SUBJECT
    assert message["From"].addresses[0].display_name == "The Digest editors"
    assert message["From"].addresses[0].addr_spec == "newsletter@digest.example.org"  # no author_email
    assert parsedate_to_datetime(message["Date"]) == datetime(2026, 1, 2, tzinfo=UTC)
    assert message["Message-ID"].startswith("<") and message["Message-ID"].endswith("@digest.example.org>")
    assert message["MIME-Version"] == "1.0"
    assert message["To"] is None  # a file to open, addressed to nobody
    for part in message.iter_parts():
        assert part.get_content_charset() == "utf-8"
        assert part["Content-Transfer-Encoding"] in ("7bit", "quoted-printable", "base64")
        assert part["MIME-Version"] is None
    assert not message.defects and not any(part.defects for part in message.iter_parts())


def test_eml_is_seven_bit_with_short_crlf_lines(built: Path) -> None:
    data = (built / "email.eml").read_bytes()
    assert data.isascii()
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert max(len(line) for line in data.split(b"\r\n")) <= 78  # RFC 5322: under 998, should 78


def test_author_email_is_the_sender(project: Path) -> None:
    config_file = project / "digest.toml"
    config_file.write_text(
        config_file.read_text().replace('language = "en"', 'language = "en"\nauthor_email = "ed@example.org"')
    )
    outputs = prepare(load_config(config_file), ISSUE).outputs
    message = parse(outputs[f"{ISSUE}/email.eml"])
    assert str(message["From"]) == "The Digest editors <ed@example.org>"


def test_the_eml_changes_with_its_content_and_never_with_the_clock(project: Path) -> None:
    config = load_config(project / "digest.toml")
    first = prepare(config, ISSUE).outputs
    again = prepare(config, ISSUE).outputs
    assert first[f"{ISSUE}/email.eml"] == again[f"{ISSUE}/email.eml"]
    issue_file = project / "issues" / ISSUE / "issue.md"
    issue_file.write_text(issue_file.read_text().replace("Every December", "Each December"))
    changed = prepare(config, ISSUE).outputs
    old, new = parse(first[f"{ISSUE}/email.eml"]), parse(changed[f"{ISSUE}/email.eml"])
    assert old["Message-ID"] != new["Message-ID"]
    assert old["Date"] == new["Date"]
    assert "Each December" in message_parts(new)[0]


def test_preheader_is_the_first_text_of_both_parts(built: Path) -> None:
    text_part, html_part = message_parts(parse((built / "email.eml").read_bytes()))
    assert " ".join(text_part.split("\n\n")[0].split()) == PREHEADER
    body = lxml.html.document_fromstring(html_part.encode()).body
    assert body.text_content().split(PREHEADER)[0].strip() == ""


def test_the_preheader_leading_the_text_part_is_wrapped_as_the_text_is(built: Path) -> None:
    """The text part is email.txt, wrapped at 78 columns, led by the preheader, which went
    on one line of up to 150 (the demo's: 105) (found by review21)."""
    text_part, _ = message_parts(parse((built / "email.eml").read_bytes()))
    lead = text_part.split("\n\n")[0].split("\n")
    assert len(lead) > 1 and all(len(line) <= 78 for line in lead), lead
    assert (
        with_preheader("Body\n", "word " * 30)
        == ("word " * 15).strip() + "\n" + ("word " * 15).strip() + "\n\nBody\n"
    )


def test_preheader_is_not_repeated_when_the_text_starts_with_it() -> None:
    assert with_preheader("Hello there.\n\nBody\n", "Hello  there.") == "Hello there.\n\nBody\n"
    assert with_preheader("Body\n", "") == "Body\n"
    assert with_preheader("Body\n", "Hello") == "Hello\n\nBody\n"


def _issue(subject: str, preheader: str = "") -> Issue:
    return Issue(
        id="issue-x",
        path=Path("issues/issue-x"),
        title="X",
        date=datetime(2025, 3, 4, 5, 6, tzinfo=UTC),
        subject=subject,
        preheader=preheader,
        intro="",
        intro_html="",
        reviews=(),
    )


def test_non_ascii_and_long_lines_are_encoded_and_come_back_exactly() -> None:
    html = "<!doctype html>\n<p>Café · naïve — 🙂 " + "x" * 5000 + "</p>\n<p>=3D not an escape</p>\n"
    text = "Grüße aus Köln\n" + "word " * 1000 + "\n"
    data = eml_bytes(SiteSettings(author="Éditeurs"), _issue("Ça va? Öl, 🙂"), html.encode(), text.encode())
    assert data.isascii() and max(len(line) for line in data.split(b"\r\n")) < 998
    message = parse(data)
    assert message["Subject"].strip() == "Ça va? Öl, 🙂"
    assert message["From"].addresses[0].display_name == "Éditeurs"
    assert message_parts(message) == (text, html)


def test_a_plain_ascii_part_with_short_lines_stays_readable() -> None:
    data = eml_bytes(SiteSettings(), _issue("Plain"), b"<p>short</p>\n", b"short\n")
    assert b"<p>short</p>\r\n" in data and b"short\r\n" in data


def test_built_messages_use_the_given_headers() -> None:
    headers = Headers(
        subject="[TEST] Hello",
        sender=sender(SiteSettings(author="Ed"), "ed@example.org"),
        date=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        message_id="<abc@example.org>",
        to=("a@example.org", "b@example.org"),
    )
    message = parse(build_message(headers, "<p>hi</p>\n", "hi\n").as_bytes())
    assert message["To"] == "a@example.org, b@example.org"
    assert message["Message-ID"] == "<abc@example.org>"
    assert message["Date"] == "Fri, 02 Jan 2026 03:04:05 +0000"
    assert message_parts(message) == ("hi\n", "<p>hi</p>\n")


def test_the_link_check_does_not_read_the_eml(project: Path) -> None:
    """Its parts are email.html and email.txt, whose links are checked as those files;
    reading them again from the encoded message would only report each link twice."""
    result = prepare(load_config(project / "digest.toml"), ISSUE)
    assert f"{ISSUE}/email.eml" in result.outputs
    assert result.link_report is not None
    assert not [link for link in result.link_report.links if link.output.endswith(".eml")]
    assert any(link.output == f"{ISSUE}/email.html" for link in result.link_report.links)
    broken = b'Content-Type: text/html\r\n\r\n<a href="javascript:alert(1)">x</a>\r\n'
    assert extract_links({f"{ISSUE}/email.eml": broken}) == []
    assert not result.errors


# RFC 2047: an encoded word holds at least one character.
EMPTY_ENCODED_WORD = re.compile(rb"=\?[^?]+\?[qQbB]\?\?=")


def header_block(message: bytes) -> bytes:
    return message.split(b"\r\n\r\n", 1)[0]


def test_a_long_subject_with_emoji_is_encoded_without_an_empty_encoded_word(project: Path) -> None:
    set_line(issue_md(project), "subject", f'"{LONG_SUBJECT}"')
    assert run(project, "build", ISSUE).exit_code == 0
    raw = (project / "dist" / ISSUE / "email.eml").read_bytes()
    headers = header_block(raw)
    assert not EMPTY_ENCODED_WORD.search(headers), headers.decode()
    assert all(len(line) <= 78 for line in headers.split(b"\r\n")), headers.decode()
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed["Subject"] == f"Issue 2: {LONG_SUBJECT}"
    assert not parsed["Subject"].defects


def test_an_ascii_subject_stays_readable_in_the_message_file(project: Path) -> None:
    assert run(project, "build", ISSUE).exit_code == 0
    raw = (project / "dist" / ISSUE / "email.eml").read_bytes()
    assert b"=?" not in header_block(raw)
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed["Subject"].startswith("Issue 2: 2025 in four reviews")
