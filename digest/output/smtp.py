"""Hand one test message to an SMTP server, and say in one line what went wrong if it fails.

The password comes only from the environment (DIGEST_SMTP_PASSWORD), is given to the
server only after TLS (or to this machine), and is scrubbed from every message shown.
"""

from __future__ import annotations

import base64
import os
import re
import smtplib
import socket
import ssl
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from digest.config import PASSWORD_VARIABLE, SendSettings
from digest.errors import DigestError, quoted

DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}
SECURITY_HINT = 'use security = "starttls" (port 587) or "tls" (port 465), as the provider documents'


class SendError(DigestError):
    """A test message could not be handed to the SMTP server."""


@dataclass(frozen=True)
class Server:
    """Where and how to connect: [send] with the port and CA file resolved."""

    host: str
    port: int
    security: str
    user: str
    timeout: float
    ca_file: Path | None

    @property
    def where(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


def server_from(settings: SendSettings, root: Path) -> Server:
    if not settings.host:
        raise SendError(
            'no [send] host: add the SMTP server to send tests through, e.g. host = "smtp.example.org"'
        )
    port = settings.port or DEFAULT_PORTS[settings.security]
    ca_file = root / settings.ca_file if settings.ca_file else None
    return Server(settings.host, port, settings.security, settings.user, settings.timeout, ca_file)


def password_from_environment(server: Server, environ: Mapping[str, str]) -> str | None:
    """The password for [send] user, from DIGEST_SMTP_PASSWORD only; None without a user."""
    if not server.user:
        return None
    password = environ.get(PASSWORD_VARIABLE, "")
    if not password:
        raise SendError(
            f"[send] user is {quoted(server.user)} but {PASSWORD_VARIABLE} is not set: "
            f"export {PASSWORD_VARIABLE} in the shell that runs digest (it is never read from a file)"
        )
    return password


def deliver(
    server: Server, message: bytes, sender: str, recipients: Sequence[str], password: str | None
) -> None:
    """Send `message` to every recipient, or raise SendError naming the server and what to do."""
    context = tls_context(server)
    try:
        with _connect(server, context) as client:
            _start_tls(client, server, context)
            if password is not None:
                client.login(server.user, password)
            _check_size(client, server, len(message))
            refused = client.sendmail(sender, list(recipients), message)
    except (smtplib.SMTPException, OSError) as exc:
        raise SendError(_scrub(explain(exc, server, sender), password)) from None
    if refused:
        delivered = [r for r in recipients if r not in refused]
        raise SendError(
            f"{server.where} took the message for {', '.join(delivered)} but refused "
            + "; ".join(f"{r} ({_reply(*reply)})" for r, reply in refused.items())
            + ": check the addresses"
        )


def tls_context(server: Server) -> ssl.SSLContext:
    """Certificates verified against [send] ca_file when set, else the system's CAs."""
    if server.ca_file is None:
        return ssl.create_default_context()
    if not server.ca_file.is_file():
        if os.path.lexists(server.ca_file):
            raise SendError(
                f"[send] ca_file {server.ca_file} is not a file (a folder, a pipe, a device or a broken "
                "link): give the CA certificate (PEM) to trust"
            )
        raise SendError(
            f"[send] ca_file {server.ca_file} does not exist: give the CA certificate (PEM) to trust"
        )
    try:
        return ssl.create_default_context(cafile=str(server.ca_file))
    except ssl.SSLError as exc:
        raise SendError(f"[send] ca_file {server.ca_file} is not a PEM certificate ({exc.reason})") from None


class _WholeReplyTimeout(smtplib.SMTP):
    """[send] timeout bounds each whole reply, not each read of it: a server that drips a
    reply a byte at a time, or sends continuation lines without end, is given up on."""

    reply_seconds: float = 30.0
    gave_up = False

    def getreply(self) -> tuple[int, bytes]:
        watchdog = threading.Timer(self.reply_seconds, self._give_up)
        watchdog.daemon = True
        watchdog.start()
        try:
            reply = super().getreply()
        except smtplib.SMTPServerDisconnected:
            reply = None
            if not self.gave_up:
                raise
        finally:
            watchdog.cancel()
        if self.gave_up or reply is None:  # what was read when the watchdog rang is no reply
            raise TimeoutError("the reply did not end in time")
        return reply

    def _give_up(self) -> None:
        self.gave_up = True
        try:  # the blocked read returns at once, as at the end of the connection
            if self.sock is not None:
                self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


class _Client(_WholeReplyTimeout):
    pass


class _TlsClient(_WholeReplyTimeout, smtplib.SMTP_SSL):
    pass


def _connect(server: Server, context: ssl.SSLContext) -> smtplib.SMTP:
    # The name this machine gives itself in EHLO; smtplib's default looks it up in DNS.
    local = socket.gethostname() or "localhost"
    # The class carries the bound: the server's greeting is read as the client is made.
    bounded = {"reply_seconds": server.timeout}
    if server.security == "tls":
        tls: type[_TlsClient] = type("_TlsClient", (_TlsClient,), bounded)
        return tls(server.host, server.port, local_hostname=local, timeout=server.timeout, context=context)
    plain: type[_Client] = type("_Client", (_Client,), bounded)
    return plain(server.host, server.port, local_hostname=local, timeout=server.timeout)


def _start_tls(client: smtplib.SMTP, server: Server, context: ssl.SSLContext) -> None:
    client.ehlo()
    if server.security != "starttls":
        return
    if not client.has_extn("starttls"):
        raise SendError(f"{server.where} does not offer STARTTLS: {SECURITY_HINT}")
    client.starttls(context=context)
    client.ehlo()


def _check_size(client: smtplib.SMTP, server: Server, size: int) -> None:
    """The server's advertised limit (EHLO SIZE), checked before anything is sent."""
    limit = client.esmtp_features.get("size", "")
    # Plain decimal digits only (isdigit takes '²'), and few enough for int() to read.
    if re.fullmatch(r"[0-9]{1,18}", limit) and 0 < int(limit) < size:
        raise SendError(
            f"{server.where} takes messages of at most {int(limit):,} bytes and this one has {size:,}: "
            "make the issue smaller, or test through a server that takes it"
        )


def explain(exc: BaseException, server: Server, sender: str) -> str:
    """One line: what failed at `server` and what to do about it."""
    where, seconds = server.where, f"{server.timeout:g}"
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return (
            f"{where} offers no login (AUTH) on this connection: check [send] security, "
            "or remove [send] user if the server needs none"
        )
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return (
            f"{where} refused the login of user {quoted(server.user)} "
            f"({_reply(exc.smtp_code, exc.smtp_error)}): "
            f"check [send] user and {PASSWORD_VARIABLE}"
        )
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        refused = "; ".join(f"{r} ({_reply(*reply)})" for r, reply in exc.recipients.items())
        return f"{where} refused every recipient: {refused}: check the addresses"
    if isinstance(exc, smtplib.SMTPResponseException):
        return _explain_reply(exc, server, sender)
    if isinstance(exc, smtplib.SMTPServerDisconnected) and isinstance(exc.__context__, TimeoutError):
        return _timeout(where, seconds)
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return f"{where} closed the connection ({exc}): check [send] port and security; {SECURITY_HINT}"
    if isinstance(exc, smtplib.SMTPException):
        return f"{where}: {exc}"
    return _explain_os_error(exc, server)


def _explain_reply(exc: smtplib.SMTPResponseException, server: Server, sender: str) -> str:
    where, reply = server.where, _reply(exc.smtp_code, exc.smtp_error)
    if isinstance(exc.smtp_error, str):  # smtplib's own verdict (its only one: a line past 8,192 bytes)
        return (
            f"{where} sent a reply line longer than SMTP allows: "
            "check [send] host and port (is it a mail server?)"
        )
    if exc.smtp_code == -1:  # a reply line that opens with no three-digit code
        return (
            f"{where} answered without an SMTP reply code: check [send] host and port (is it a mail server?)"
        )
    if exc.smtp_code == 552 or b"size" in exc.smtp_error.lower():
        return (
            f"{where} refused the message as too large ({reply}): make the issue smaller, "
            "or test through a server that takes it"
        )
    if exc.smtp_code == 530:
        return (
            f"{where} requires a login ({reply}): set [send] user in digest.toml "
            f"and {PASSWORD_VARIABLE} in the environment"
        )
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return (
            f"{where} refused the sender {sender} ({reply}): set [send] from_email (or [site] author_email) "
            "to an address the server lets you send from"
        )
    if isinstance(exc, smtplib.SMTPHeloError):
        return f"{where} refused this machine's greeting (EHLO) ({reply}): check [send] host and port"
    if isinstance(exc, smtplib.SMTPConnectError):
        return f"{where} turned the connection away ({reply}): try again later or check [send] host"
    return f"{where} refused the message ({reply})"


def _explain_os_error(exc: BaseException, server: Server) -> str:
    where = server.where
    if isinstance(exc, ssl.SSLCertVerificationError):
        return (
            f"the TLS certificate of {where} does not verify ({exc.verify_message}): if the server uses "
            "a private CA, set [send] ca_file to its certificate (PEM); else check [send] host is the "
            "name on the certificate"
        )
    if isinstance(exc, ssl.SSLError):
        return f"TLS with {where} failed ({exc.reason or exc}): {SECURITY_HINT}"
    if isinstance(exc, socket.gaierror):
        return f"cannot find the host {quoted(server.host)} ({exc.strerror}): check [send] host"
    if isinstance(exc, ConnectionRefusedError):
        return (
            f"{where} refused the connection: check [send] host and port "
            f"(is the server running? 587 is usual for starttls, 465 for tls)"
        )
    if isinstance(exc, TimeoutError):
        return _timeout(where, f"{server.timeout:g}")
    strerror = getattr(exc, "strerror", None) or str(exc)
    return f"cannot reach {where} ({strerror}): check [send] host and port"


def _timeout(where: str, seconds: str) -> str:
    return (
        f"no answer from {where} within {seconds} s ([send] timeout): check [send] host, port and "
        'security (a server on port 465 expects security = "tls")'
    )


def _reply(code: int, text: bytes | str) -> str:
    message = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return f"{code} {' '.join(message.split())}".strip()


def _scrub(message: str, password: str | None) -> str:
    """The message without the password in any spelling a server might echo."""
    if not password:
        return message
    spellings = {password, base64.b64encode(password.encode()).decode()}
    for spelling in sorted(spellings, key=len, reverse=True):
        message = message.replace(spelling, "********")
    return message
