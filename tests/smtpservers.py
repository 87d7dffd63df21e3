"""SMTP servers on 127.0.0.1 for the `digest send` tests: aiosmtpd in a thread, never the internet.

`smtp_server(...)` starts one and yields a `Mailbox` of what it received. Options:
plain or STARTTLS or implicit TLS (with a certificate from a CA the test makes with
trustme), a login it checks, recipients it refuses, a size limit. `silent_server()` is
a socket that accepts connections and never says a word; `closed_port()` one that
nothing listens on.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

HOST = "127.0.0.1"
USER = "editor"
PASSWORD = "s3cret-Pa55word!"  # the test server's own


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        parsed = message_from_bytes(self.data, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


@dataclass
class Mailbox:
    """What one server saw: messages delivered, logins tried (login, password)."""

    port: int
    messages: list[Received] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)


class _Handler:
    def __init__(self, mailbox: Mailbox, refuse: frozenset[str]) -> None:
        self.mailbox = mailbox
        self.refuse = refuse

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.mailbox.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"


def _authenticator(mailbox: Mailbox) -> Any:
    def check(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        login, password = auth_data.login.decode(), auth_data.password.decode()
        mailbox.logins.append((login, password))
        # handled=False: the server answers the client itself (235, or 535 on failure).
        return AuthResult(success=(login, password) == (USER, PASSWORD), handled=False)

    return check


@dataclass(frozen=True)
class Certificates:
    """A CA the test made and a certificate it signed for 127.0.0.1 and localhost."""

    ca: trustme.CA
    ca_file: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.ca.issue_cert(HOST, "localhost").configure_cert(context)
        return context


def make_certificates(folder: Path) -> Certificates:
    ca = trustme.CA()
    ca_file = folder / "test-ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    return Certificates(ca, ca_file)


def free_port() -> int:
    with closing(socket.socket()) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


@contextmanager
def smtp_server(
    *,
    security: str = "none",
    certificates: Certificates | None = None,
    auth: bool = False,
    refuse: frozenset[str] = frozenset(),
    size_limit: int | None = None,
) -> Iterator[Mailbox]:
    """A running server; `security` is "none", "starttls" or "tls" (the last two need certificates)."""
    mailbox = Mailbox(free_port())
    options: dict[str, Any] = {"server_hostname": "localhost", "ready_timeout": 10}
    if security != "none":
        assert certificates is not None
        context = certificates.server_context()
        options["ssl_context" if security == "tls" else "tls_context"] = context
        options["require_starttls"] = security == "starttls"
    if auth:
        options.update(
            authenticator=_authenticator(mailbox),
            auth_required=True,
            # aiosmtpd counts only STARTTLS as TLS; over implicit TLS the login is encrypted too.
            auth_require_tls=security == "starttls",
        )
    if size_limit is not None:
        options["data_size_limit"] = size_limit
    controller = Controller(_Handler(mailbox, refuse), hostname=HOST, port=mailbox.port, **options)
    controller.start()
    try:
        yield mailbox
    finally:
        controller.stop()


@contextmanager
def silent_server() -> Iterator[int]:
    """A port that accepts connections (the kernel completes them) and never answers."""
    with closing(socket.socket()) as listener:
        listener.bind((HOST, 0))
        listener.listen(8)
        yield int(listener.getsockname()[1])


def closed_port() -> int:
    """A port on 127.0.0.1 nothing listens on: connecting is refused."""
    return free_port()


@contextmanager
def endless_server(kind: str) -> Iterator[int]:
    """A server whose greeting never ends: "drip" sends it a byte every tenth of a second,
    "lines" sends continuation lines ("220-...") as fast as they are read."""
    stop = threading.Event()

    def talk(connection: socket.socket) -> None:
        with closing(connection):
            while not stop.is_set():
                try:
                    connection.sendall(b"2" if kind == "drip" else b"220-" + b"x" * 100 + b"\r\n")
                except OSError:
                    return
                if kind == "drip":
                    stop.wait(0.1)

    with closing(socket.socket()) as listener:
        listener.bind((HOST, 0))
        listener.listen(8)
        listener.settimeout(0.2)

        def accept() -> None:
            while not stop.is_set():
                try:
                    connection, _ = listener.accept()
                except OSError:
                    continue
                threading.Thread(target=talk, args=(connection,), daemon=True).start()

        acceptor = threading.Thread(target=accept, daemon=True)
        acceptor.start()
        try:
            yield int(listener.getsockname()[1])
        finally:
            stop.set()
            acceptor.join(timeout=5)


@contextmanager
def greeting_server(greeting: bytes) -> Iterator[int]:
    """A server that sends `greeting` to whoever connects, then reads until they leave."""
    listener = socket.socket()
    listener.bind((HOST, 0))
    listener.listen(8)

    def talk() -> None:
        with closing(listener):
            connection, _ = listener.accept()
            with closing(connection), contextlib.suppress(OSError):  # the client leaves when it will
                connection.sendall(greeting)
                connection.settimeout(10)
                while connection.recv(65536):
                    pass

    speaker = threading.Thread(target=talk, daemon=True)
    speaker.start()
    yield int(listener.getsockname()[1])
