"""`digest send`: a test of the issue through real SMTP servers on 127.0.0.1 (aiosmtpd in a thread).

Every failure is one line and exit 1; what the server received is parsed back and
compared with the build's email files, the merge tags filled with test values.
"""

from __future__ import annotations

import base64
import logging
import os
import re
import shutil
import smtplib
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from digest.cli import cli
from digest.config import PASSWORD_VARIABLE
from digest.output.smtp import Server, explain
from digest.output.testsend import MergeValues, check_recipients, fill_merge_tags
from digest.render.mailservice import MAIL_SERVICES
from tests.helpers import hang_fails, one_error_line
from tests.smtpservers import (
    HOST,
    PASSWORD,
    USER,
    Certificates,
    Mailbox,
    closed_port,
    endless_server,
    make_certificates,
    silent_server,
    smtp_server,
)
from tests.test_cli import run
from tests.test_eml import message_parts

ISSUE = "issue-2025"
WEB_URL = "https://digest.example.org/issue-2025/"
SUBJECT = "Issue 2: 2025 in four reviews: reasoning, agents and the benchmark problem"
PREHEADER = "Reasoning via reinforcement learning, cheaper training runs, benchmaxxing, and four sets of bets on 2026."
AUTHOR_EMAIL = "editors@digest.example.org"
SITE_PICTURE = re.compile(r'src="(https://digest\.example\.org/assets/[^"]+)"')
# aiosmtpd warns of a login it does not see protected by STARTTLS: here the server is on
# this machine, or under implicit TLS.
PLAIN_LOGIN = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    return make_certificates(tmp_path_factory.mktemp("ca"))


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    with caplog.at_level(logging.DEBUG):
        yield caplog


def configure(project: Path, *, author_email: str = AUTHOR_EMAIL, **send: object) -> None:
    """digest.toml with [site] author_email and a [send] section of these keys."""
    config_file = project / "digest.toml"
    text = config_file.read_text()
    if author_email:
        text = text.replace('language = "en"', f'language = "en"\nauthor_email = "{author_email}"')
    lines = [
        f"{key} = {value!r}" if isinstance(value, str) else f"{key} = {value}" for key, value in send.items()
    ]
    config_file.write_text(text + "\n[send]\n" + "\n".join(lines).replace("'", '"') + "\n")


def send(project: Path, *args: str, password: str | None = None) -> Result:
    """`digest send ISSUE --to ...` in the project, with DIGEST_SMTP_PASSWORD set only when given."""
    previous = Path.cwd()
    os.chdir(project)
    saved = os.environ.pop(PASSWORD_VARIABLE, None)
    try:
        env = {PASSWORD_VARIABLE: password} if password is not None else None
        return CliRunner().invoke(cli, ["send", ISSUE, *args], env=env)
    finally:
        os.chdir(previous)
        if saved is not None:
            os.environ[PASSWORD_VARIABLE] = saved


def build(project: Path) -> Path:
    previous = Path.cwd()
    os.chdir(project)
    try:
        result = CliRunner().invoke(cli, ["build", ISSUE])
    finally:
        os.chdir(previous)
    assert result.exit_code == 0, result.output
    return project / "dist" / ISSUE


def one_line_error(result: Result) -> str:
    assert result.exit_code == 1, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.output
    assert "Traceback" not in result.output
    return errors[0]


def assert_no_password(result: Result, logs: pytest.LogCaptureFixture, password: str = PASSWORD) -> None:
    spellings = (password, base64.b64encode(password.encode()).decode())
    ours = [
        r.getMessage() for r in logs.records if not r.name.startswith("mail.log")
    ]  # not the test server's
    for spelling in spellings:
        assert spelling not in result.output
        assert not any(spelling in line for line in ours)


def received(mailbox: Mailbox) -> tuple[str, str]:
    assert len(mailbox.messages) == 1
    return message_parts(mailbox.messages[0].message)


# --- delivery ------------------------------------------------------------------------


def test_plain_send_delivers_both_parts_with_test_values(
    project: Path, logs: pytest.LogCaptureFixture
) -> None:
    dist = build(project)
    html = (dist / "email.html").read_text(encoding="utf-8")
    text = (dist / "email.txt").read_text(encoding="utf-8")
    assert "{{unsubscribe_url}}" in html and "{{unsubscribe_url}}" in text
    with smtp_server() as mailbox:
        configure(project, host=HOST, port=mailbox.port, security="none")
        result = send(project, "--to", "you@example.org")
    assert result.exit_code == 0, result.output
    assert f"via {HOST}:{mailbox.port}" in result.output
    delivered = mailbox.messages[0]
    assert delivered.mail_from == AUTHOR_EMAIL
    assert delivered.rcpt_tos == ["you@example.org"]
    message = delivered.message
    assert message["Subject"].strip() == f"[TEST] {SUBJECT}"
    assert str(message["From"]) == f"The Digest editors <{AUTHOR_EMAIL}>"
    assert message["To"] == "you@example.org"
    assert message["Date"] and message["MIME-Version"] == "1.0"
    assert message["Message-ID"].endswith("@digest.example.org>")
    text_part, html_part = received(mailbox)
    pictures = re.findall(r'src="cid:([^"]+)"', html_part)
    assert len(pictures) == 1  # the demo's chart, carried inside the message (below)
    picture = SITE_PICTURE.search(html)
    assert picture is not None
    shown_from_the_web = html_part.replace(f"cid:{pictures[0]}", picture.group(1))
    assert shown_from_the_web.rstrip("\n") == html.replace("{{unsubscribe_url}}", WEB_URL)
    assert text_part == f"{textwrap.fill(PREHEADER, 78)}\n\n" + text.replace("{{unsubscribe_url}}", WEB_URL)
    assert f'href="{WEB_URL}" style="color:#1d4ed8">Unsubscribe</a>' in html_part
    assert f"Unsubscribe: {WEB_URL}" in text_part
    assert "{{" not in text_part and "{{" not in html_part
    assert_no_password(result, logs)


def test_the_sites_pictures_travel_inside_a_test_since_the_site_may_not_be_deployed(project: Path) -> None:
    dist = build(project)
    shown = SITE_PICTURE.search((dist / "email.html").read_text(encoding="utf-8"))  # readers': the web's
    assert shown is not None
    url = shown.group(1)
    with smtp_server() as mailbox:
        configure(project, host=HOST, port=mailbox.port, security="none")
        result = send(project, "--to", "you@example.org")
    assert result.exit_code == 0, result.output
    message = mailbox.messages[0].message
    related = next(part for part in message.walk() if part.get_content_type() == "multipart/related")
    html_part, picture = related.get_payload()
    assert html_part.get_content_type() == "text/html" and picture.get_content_type() == "image/png"
    content_id = picture["Content-ID"].strip("<>")
    assert f'src="cid:{content_id}"' in html_part.get_content() and url not in html_part.get_content()
    assert picture.get_payload(decode=True) == (project / "dist" / url.split(".org/")[1]).read_bytes()
    assert message.get_body(preferencelist=("html",)) is not None  # mail apps still find the HTML


def test_send_writes_nothing_to_the_output_folder(project: Path) -> None:
    with smtp_server() as mailbox:
        configure(project, host=HOST, port=mailbox.port, security="none")
        result = send(project, "--to", "you@example.org")
    assert result.exit_code == 0, result.output
    assert not (project / "dist").exists()


def test_starttls_with_login_and_the_test_ca(
    project: Path, certificates: Certificates, logs: pytest.LogCaptureFixture
) -> None:
    with smtp_server(security="starttls", certificates=certificates, auth=True) as mailbox:
        configure(
            project,
            host=HOST,
            port=mailbox.port,
            security="starttls",
            user=USER,
            ca_file=str(certificates.ca_file),
        )
        result = send(project, "--to", "you@example.org", "--to", "me@example.org", password=PASSWORD)
    assert result.exit_code == 0, result.output
    assert mailbox.logins == [(USER, PASSWORD)]
    assert mailbox.messages[0].rcpt_tos == ["you@example.org", "me@example.org"]
    assert mailbox.messages[0].message["To"] == "you@example.org, me@example.org"
    assert_no_password(result, logs)


@PLAIN_LOGIN
def test_implicit_tls_with_login(
    project: Path, certificates: Certificates, logs: pytest.LogCaptureFixture
) -> None:
    with smtp_server(security="tls", certificates=certificates, auth=True) as mailbox:
        configure(
            project,
            host="localhost",
            port=mailbox.port,
            security="tls",
            user=USER,
            ca_file=str(certificates.ca_file),
        )
        result = send(project, "--to", "you@example.org", password=PASSWORD)
    assert result.exit_code == 0, result.output
    assert mailbox.logins == [(USER, PASSWORD)]
    assert len(mailbox.messages) == 1
    assert_no_password(result, logs)


@PLAIN_LOGIN
def test_plain_login_to_this_machine(project: Path, logs: pytest.LogCaptureFixture) -> None:
    with smtp_server(auth=True) as mailbox:
        configure(project, host=HOST, port=mailbox.port, security="none", user=USER)
        result = send(project, "--to", "you@example.org", password=PASSWORD)
    assert result.exit_code == 0, result.output
    assert mailbox.logins == [(USER, PASSWORD)] and len(mailbox.messages) == 1
    assert_no_password(result, logs)


def test_mail_service_tags_are_filled_in_both_parts(project: Path) -> None:
    config_file = project / "digest.toml"
    config_file.write_text(config_file.read_text().replace('service = "generic"', 'service = "mailchimp"'))
    with smtp_server() as mailbox:
        configure(project, host=HOST, port=mailbox.port, security="none")
        result = send(project, "--to", "you@example.org")
    assert result.exit_code == 0, result.output
    text_part, html_part = received(mailbox)
    for part in (text_part, html_part):
        assert "*|" not in part
    assert f"View this issue in your browser: {WEB_URL}" in text_part
    assert f"Unsubscribe: {WEB_URL}" in text_part
    assert html_part.count(f'href="{WEB_URL}"') >= 3  # two "view in browser" links, one unsubscribe


# --- refusals before anything is sent ---------------------------------------------------


def test_an_issue_whose_checks_fail_is_not_sent(project: Path) -> None:
    issue_file = project / "issues" / ISSUE / "issue.md"
    issue_file.write_text(
        issue_file.read_text() + "\nSee [this](https://digest.example.org/issue-2025/missing/).\n"
    )
    with smtp_server() as mailbox:
        configure(project, host=HOST, port=mailbox.port, security="none")
        result = send(project, "--to", "you@example.org")
    assert "nothing sent" in one_line_error(result)
    assert mailbox.messages == []


def test_strict_refuses_warnings(project: Path) -> None:
    review = project / "issues" / ISSUE / "state-of-llms-2025.md"
    review.write_text(review.read_text() + "\nWrite {{ name }} to greet.\n")  # merge syntax: a warning
    with smtp_server() as mailbox:
        configure(project, host=HOST, port=mailbox.port, security="none")
        assert send(project, "--to", "you@example.org").exit_code == 0
        result = send(project, "--to", "you@example.org", "--strict")
    assert "nothing sent" in one_line_error(result)
    assert len(mailbox.messages) == 1


def test_a_password_in_digest_toml_is_refused(project: Path) -> None:
    configure(project, host=HOST, port=25, security="none", password="hunter2-secret")
    result = send(project, "--to", "you@example.org")
    error = one_line_error(result)
    assert "[send] password" in error and PASSWORD_VARIABLE in error
    assert "hunter2-secret" not in result.output


def test_clear_text_only_to_this_machine(project: Path) -> None:
    configure(project, host="smtp.example.org", security="none")
    error = one_line_error(send(project, "--to", "you@example.org"))
    assert "security = 'none'" in error and "'smtp.example.org'" in error


@PLAIN_LOGIN
def test_a_user_without_the_password_variable_connects_nowhere(project: Path) -> None:
    with smtp_server(auth=True) as mailbox:
        configure(project, host=HOST, port=mailbox.port, security="none", user=USER)
        error = one_line_error(send(project, "--to", "you@example.org"))
    assert PASSWORD_VARIABLE in error and "'editor'" in error
    assert mailbox.logins == [] and mailbox.messages == []


def test_no_host_and_no_sender_say_what_to_set(project: Path) -> None:
    configure(project, security="starttls")
    assert "[send] host" in one_line_error(send(project, "--to", "you@example.org"))
    fresh = project / "digest.toml"
    fresh.write_text(fresh.read_text().replace(f'author_email = "{AUTHOR_EMAIL}"\n', ""))
    fresh.write_text(
        fresh.read_text().replace('security = "starttls"', 'security = "starttls"\nhost = "h.example.org"')
    )
    assert "[site] author_email" in one_line_error(send(project, "--to", "you@example.org"))


@pytest.mark.parametrize(
    ("addresses", "problem"),
    [
        ([f"r{n}@example.org" for n in range(6)], "at most 5"),
        (["not-an-address"], "not an email address"),
        (["Ann <ann@example.org>"], "not an email address"),
        (["ann@example"], "not an email address"),
        # An address of RFC 6531 is one: what stops it is that a test goes out without SMTPUTF8
        # (found by review22: it was said to be no address).
        (["zoë@example.org"], "outside ASCII"),
        (["ann@bücher.example"], "ann@xn--bcher-kva.example"),
    ],
)
def test_recipients_are_a_handful_of_addresses(project: Path, addresses: list[str], problem: str) -> None:
    configure(project, host=HOST, port=25, security="none")
    result = send(project, *(arg for address in addresses for arg in ("--to", address)))
    assert result.exit_code == 2
    assert problem in result.output


def test_recipients_are_counted_once() -> None:
    assert check_recipients(["a@example.org", " a@example.org", "b@example.org"]) == (
        "a@example.org",
        "b@example.org",
    )
    assert check_recipients(["me@localhost"]) == ("me@localhost",)


def test_an_address_longer_than_mail_servers_take_is_refused_without_echoing_it() -> None:
    with pytest.raises(ValueError, match="5,012 characters is longer than mail servers take"):
        check_recipients(["x" * 5000 + "@example.org"])  # the address itself is not echoed
    with pytest.raises(ValueError, match="longer than mail servers take"):
        check_recipients(["me@" + "a" * 250 + ".org"])
    assert check_recipients(["x" * 64 + "@example.org"]) == ("x" * 64 + "@example.org",)


# --- failures, one line each -------------------------------------------------------------


def test_unknown_host(project: Path) -> None:
    # A name the resolver rejects without asking DNS: nothing leaves the machine.
    configure(project, host="no-such-host!.invalid", port=2525, security="starttls")
    error = one_line_error(send(project, "--to", "you@example.org"))
    assert "cannot find the host 'no-such-host!.invalid'" in error and "[send] host" in error


def test_refused_connection(project: Path) -> None:
    port = closed_port()
    configure(project, host=HOST, port=port, security="none")
    error = one_line_error(send(project, "--to", "you@example.org"))
    assert f"{HOST}:{port} refused the connection" in error


def test_a_server_that_never_answers_times_out(project: Path) -> None:
    with silent_server() as port:
        configure(project, host=HOST, port=port, security="starttls", timeout=0.5)
        error = one_line_error(send(project, "--to", "you@example.org"))
    assert f"no answer from {HOST}:{port} within 0.5 s" in error


def test_implicit_tls_to_a_silent_server_times_out(project: Path, certificates: Certificates) -> None:
    with silent_server() as port:
        configure(
            project, host=HOST, port=port, security="tls", timeout=0.5, ca_file=str(certificates.ca_file)
        )
        error = one_line_error(send(project, "--to", "you@example.org"))
    assert f"no answer from {HOST}:{port}" in error


@pytest.mark.parametrize("kind", ["drip", "lines"])
def test_a_reply_that_never_ends_times_out(project: Path, kind: str) -> None:
    """[send] timeout bounds each reply, not each byte of it: a server dripping its greeting
    a byte at a time, or sending continuation lines without end, held `digest send` forever
    (and the lines grew its memory without end)."""
    with endless_server(kind) as port, hang_fails(30):
        configure(project, host=HOST, port=port, security="none", timeout=0.5)
        error = one_line_error(send(project, "--to", "you@example.org"))
    assert f"no answer from {HOST}:{port} within 0.5 s" in error


@pytest.mark.parametrize("security", ["starttls", "tls"])
def test_a_certificate_that_does_not_verify_gives_a_hint(
    project: Path, certificates: Certificates, tmp_path_factory: pytest.TempPathFactory, security: str
) -> None:
    other_ca = make_certificates(tmp_path_factory.mktemp("other-ca"))
    with smtp_server(security=security, certificates=certificates) as mailbox:
        configure(project, host=HOST, port=mailbox.port, security=security, ca_file=str(other_ca.ca_file))
        error = one_line_error(send(project, "--to", "you@example.org"))
    assert f"certificate of {HOST}:{mailbox.port} does not verify" in error
    assert "[send] ca_file" in error
    assert mailbox.messages == []


def test_tls_to_a_plain_server_suggests_the_security_setting(project: Path) -> None:
    with smtp_server() as mailbox:
        configure(project, host=HOST, port=mailbox.port, security="tls")
        error = one_line_error(send(project, "--to", "you@example.org"))
    assert f"TLS with {HOST}:{mailbox.port} failed" in error and 'security = "starttls"' in error


def test_starttls_not_offered(project: Path) -> None:
    with smtp_server() as mailbox:
        configure(project, host=HOST, port=mailbox.port, security="starttls")
        error = one_line_error(send(project, "--to", "you@example.org"))
    assert "does not offer STARTTLS" in error
    assert mailbox.messages == []


def test_a_refused_login(project: Path, certificates: Certificates, logs: pytest.LogCaptureFixture) -> None:
    wrong = "not-the-Pa55word"
    with smtp_server(security="starttls", certificates=certificates, auth=True) as mailbox:
        configure(
            project,
            host=HOST,
            port=mailbox.port,
            security="starttls",
            user=USER,
            ca_file=str(certificates.ca_file),
        )
        result = send(project, "--to", "you@example.org", password=wrong)
    error = one_line_error(result)
    assert f"{HOST}:{mailbox.port} refused the login of user 'editor'" in error
    assert PASSWORD_VARIABLE in error
    assert mailbox.logins and set(mailbox.logins) == {(USER, wrong)}  # each mechanism tried once
    assert mailbox.messages == []
    assert_no_password(result, logs, wrong)


def test_a_server_that_requires_a_login(project: Path, certificates: Certificates) -> None:
    with smtp_server(security="starttls", certificates=certificates, auth=True) as mailbox:
        configure(
            project, host=HOST, port=mailbox.port, security="starttls", ca_file=str(certificates.ca_file)
        )
        error = one_line_error(send(project, "--to", "you@example.org"))
    assert "requires a login" in error and "[send] user" in error


def test_a_refused_recipient(project: Path) -> None:
    with smtp_server(refuse=frozenset({"nobody@example.org"})) as mailbox:
        configure(project, host=HOST, port=mailbox.port, security="none")
        every = one_line_error(send(project, "--to", "nobody@example.org"))
        some = one_line_error(send(project, "--to", "you@example.org", "--to", "nobody@example.org"))
    assert "refused every recipient: nobody@example.org (550 5.1.1 No such mailbox here)" in every
    assert "took the message for you@example.org but refused nobody@example.org (550" in some
    assert [m.rcpt_tos for m in mailbox.messages] == [["you@example.org"]]


def test_a_message_over_the_size_limit(project: Path) -> None:
    with smtp_server(size_limit=2000) as mailbox:
        configure(project, host=HOST, port=mailbox.port, security="none")
        error = one_line_error(send(project, "--to", "you@example.org"))
    assert f"{HOST}:{mailbox.port} takes messages of at most 2,000 bytes" in error
    assert mailbox.messages == []


def test_a_size_refusal_without_an_advertised_limit_is_explained() -> None:
    server = Server(HOST, 2525, "none", "", 5.0, None)
    refused = smtplib.SMTPDataError(552, b"5.3.4 Message too big for system")
    message = explain(refused, server, "ed@example.org")
    assert message.startswith(f"{HOST}:2525 refused the message as too large (552 5.3.4 Message too big")


def test_a_missing_ca_file(project: Path) -> None:
    configure(project, host=HOST, port=2525, security="tls", ca_file="no-such-ca.pem")
    error = one_line_error(send(project, "--to", "you@example.org"))
    assert "no-such-ca.pem does not exist" in error


# --- merge tags ---------------------------------------------------------------------------


def test_subscriber_tags_become_test_values_whatever_their_spacing() -> None:
    values = MergeValues(web_url="https://d.example.org/i/?a=1&b=2", email="you@example.org")
    listmonk = MAIL_SERVICES["listmonk"]
    text = "Hi {{ .Subscriber.FirstName }} ({{.Subscriber.Email}}): {{ UnsubscribeURL }} {{ TrackView }}"
    filled, left = fill_merge_tags(text, listmonk, values, html=False)
    assert filled == "Hi Test (you@example.org): https://d.example.org/i/?a=1&b=2 {{ TrackView }}"
    assert left == ["{{ TrackView }}"]
    html, _ = fill_merge_tags(
        '<a href="{$unsubscribe}">{$name}</a>', MAIL_SERVICES["mailerlite"], values, html=True
    )
    assert html == '<a href="https://d.example.org/i/?a=1&amp;b=2">Test</a>'


def test_escaped_merge_syntax_stays_as_readers_see_it() -> None:
    values = MergeValues(web_url="https://d.example.org/i/", email="you@example.org")
    generic = MAIL_SERVICES["generic"]
    html = "<p>&#123;&#123; name &#125;&#125;</p>"
    text = "{\u200d{ name }}"
    assert fill_merge_tags(html, generic, values, html=True) == (html, [])
    assert fill_merge_tags(text, generic, values, html=False) == (text, [])


# --- digest send: a CA file that is no file -------------------------------------------------


@pytest.mark.parametrize("kind", ["folder", "pipe", "device-link"])
def test_a_ca_file_that_is_no_file_is_not_said_to_be_missing(project: Path, kind: str) -> None:
    """A folder, a pipe or a link to a device read as '[send] ca_file ... does not exist'."""
    path = project / "certs.pem"
    if kind == "folder":
        path.mkdir()
    elif kind == "pipe":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    configure(project, host="127.0.0.1", port=2525, security="tls", ca_file="certs.pem")
    error = one_line_error(send(project, "--to", "you@example.org"))
    assert "[send] ca_file" in error and "certs.pem is not a file" in error and "does not exist" not in error


def test_a_missing_send_setting_names_the_settings_file_in_use(project: Path) -> None:
    other = project / "weekly.toml"
    shutil.copy(project / "digest.toml", other)
    result = run(project, "send", ISSUE, "--to", "me@example.org", "--config", str(other))
    assert result.exit_code == 1
    line = one_error_line(result.output)
    assert line.startswith(f"Error: {other}: no [send] host")
    with other.open("a") as settings:
        settings.write('\n[send]\nhost = "127.0.0.1"\nsecurity = "none"\n')
    result = run(project, "send", ISSUE, "--to", "me@example.org", "--config", str(other))
    assert one_error_line(result.output).startswith(f"Error: {other}: no sender address")


@pytest.mark.parametrize(
    ("greeting", "said"),
    [
        (b"220 " + b"x" * 100_000 + b"\r\n", "sent a reply line longer than SMTP allows"),
        (b"220 " + b"y" * 5_000_000, "sent a reply line longer than SMTP allows"),
        (bytes(range(256)) * 50, "answered without an SMTP reply code"),
    ],
)
def test_a_server_that_speaks_no_smtp_is_named_in_one_line(project: Path, greeting: bytes, said: str) -> None:
    """smtplib's own verdict on a reply line past its limit is text, not the server's bytes: a
    traceback; bytes with no reply code were echoed, garbage and all."""
    from tests.smtpservers import greeting_server

    with greeting_server(greeting) as port, hang_fails(30):
        configure(project, host=HOST, port=port, security="none", timeout=5)
        result = send(project, "--to", "you@example.org")
    error = one_line_error(result)
    assert f"{HOST}:{port} {said}" in error and "check [send] host and port" in error, error
    assert "\ufffd" not in error and len(error) < 400, error


@pytest.mark.parametrize("advertised", ["9" * 5_000, "\u00b2", "12\u0663", "-5", "0x10"])
def test_a_size_limit_no_number_reads_is_no_limit(advertised: str) -> None:
    """EHLO's SIZE read with int() after str.isdigit(): 5,000 digits (past Python's limit on
    converting them) or a superscript two ('²' is a digit to isdigit) were a traceback. A
    limit that is no plain decimal number is no limit: the server says so at DATA if it meant one."""
    from digest.output.smtp import _check_size

    client = smtplib.SMTP()
    client.esmtp_features = {"size": advertised}
    _check_size(client, Server(HOST, 2525, "none", "", 5.0, None), 10_000)


def test_a_size_limit_is_still_read() -> None:
    from digest.errors import DigestError
    from digest.output.smtp import _check_size

    client = smtplib.SMTP()
    client.esmtp_features = {"size": "2000"}
    with pytest.raises(DigestError, match="takes messages of at most 2,000 bytes"):
        _check_size(client, Server(HOST, 2525, "none", "", 5.0, None), 10_000)
