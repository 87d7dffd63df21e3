"""HTTP servers on 127.0.0.x that the link checker tests talk to: never the internet.

Every server answers the same routes and counts the requests it receives:

- ``/status/<code>``: that status, for HEAD and GET
- ``/redirect?status=301&to=<url>``: a redirect to ``to``
- ``/loop/a`` and ``/loop/b``: redirect to each other
- ``/slow?seconds=<s>``: 200 after a pause
- ``/flaky/<key>?status=<code>&times=<n>&retry_after=<s>``: ``status`` for the first ``n``
  requests to that key, 200 afterwards
- ``/no-head``: 405 to HEAD, 200 to GET
- ``/browsers-only``: 403 unless the User-Agent looks like a browser's
- ``/huge``: 405 to HEAD; GET answers a body of one gibibyte, counting what it manages to send
- ``/throttled``: 429 to a request that arrives while another is being served, else 200
- ``/cookie-gate``: sets a cookie and redirects to itself; 200 once the cookie comes back
- ``/anchors``: an HTML page with ids
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

HUGE_BODY_SIZE = 1 << 30
_CHUNK = b"x" * 65536
_ANCHOR_PAGE = b'<!doctype html><title>anchors</title><h2 id="first">1</h2><a name="second"></a>'


@dataclass
class Traffic:
    """What the servers of one test saw, shared by all of them."""

    hits: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # (host, method, path)
    in_flight: Counter[str] = field(default_factory=Counter)  # host -> requests being served
    most_in_flight: Counter[str] = field(default_factory=Counter)
    most_in_flight_overall: int = 0
    flaky_served: Counter[str] = field(default_factory=Counter)
    huge_bytes_sent: int | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def total(self) -> int:
        return sum(self.hits.values())

    def count(self, host: str, path: str, method: str | None = None) -> int:
        return sum(n for (h, m, p), n in self.hits.items() if h == host and p == path and method in (None, m))


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""

    def do_HEAD(self) -> None:
        self._serve()

    def do_GET(self) -> None:
        self._serve()

    def _serve(self) -> None:
        traffic, host = self.server.traffic, self.server.host
        with traffic.lock:
            traffic.hits[(host, self.command, urlsplit(self.path).path)] += 1
            traffic.in_flight[host] += 1
            concurrent = traffic.in_flight[host]
            traffic.most_in_flight[host] = max(traffic.most_in_flight[host], concurrent)
            traffic.most_in_flight_overall = max(
                traffic.most_in_flight_overall, sum(traffic.in_flight.values())
            )
        try:
            status, headers, body = self._route(concurrent)
        finally:
            with traffic.lock:
                traffic.in_flight[host] -= 1
        if status == 0:
            return
        self._reply(status, headers, body)

    def _route(self, concurrent: int) -> tuple[int, dict[str, str], bytes]:
        parts = urlsplit(self.path)
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        path = parts.path
        if path.startswith("/status/"):
            return int(path.removeprefix("/status/")), {}, b"status\n"
        if path == "/redirect":
            return int(query.get("status", "301")), {"Location": query["to"]}, b""
        if path.startswith("/loop/"):
            return 302, {"Location": "/loop/b" if path == "/loop/a" else "/loop/a"}, b""
        if path == "/slow":
            time.sleep(float(query.get("seconds", "1")))
            return 200, {}, b"slow\n"
        if path.startswith("/flaky/"):
            return self._flaky(path, query)
        if path == "/no-head":
            return (405, {"Allow": "GET"}, b"") if self.command == "HEAD" else (200, {}, b"ok\n")
        if path == "/browsers-only":
            looks_like_browser = self.headers.get("User-Agent", "").startswith("Mozilla/")
            return (200, {}, b"hello\n") if looks_like_browser else (403, {}, b"no robots\n")
        if path == "/huge":
            if self.command == "HEAD":
                return 405, {}, b""
            self._send_huge_body()
            return 0, {}, b""
        if path == "/throttled":
            if concurrent > 1:
                return 429, {"Retry-After": "0"}, b"slow down\n"
            time.sleep(0.05)
            return 200, {}, b"ok\n"
        if path == "/cookie-gate":
            if "seen=1" in self.headers.get("Cookie", ""):
                return 200, {}, b"welcome back\n"
            return 302, {"Location": "/cookie-gate", "Set-Cookie": "seen=1; Path=/"}, b""
        if path == "/anchors":
            return 200, {"Content-Type": "text/html"}, _ANCHOR_PAGE
        return 200, {}, b"ok\n"

    def _flaky(self, path: str, query: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        traffic = self.server.traffic
        with traffic.lock:
            traffic.flaky_served[path] += 1
            served = traffic.flaky_served[path]
        if served > int(query.get("times", "1")):
            return 200, {}, b"recovered\n"
        headers = {"Retry-After": query["retry_after"]} if "retry_after" in query else {}
        return int(query.get("status", "500")), headers, b"try again\n"

    def _reply(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _send_huge_body(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(HUGE_BODY_SIZE))
        self.end_headers()
        sent = 0
        try:
            while sent < HUGE_BODY_SIZE:
                self.wfile.write(_CHUNK)
                sent += len(_CHUNK)
        except OSError:
            self.close_connection = True
        self.server.traffic.huge_bytes_sent = sent


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, host: str, traffic: Traffic) -> None:
        super().__init__((host, 0), _Handler)
        self.host = host
        self.traffic = traffic

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.server_address[1]}{path}"


@dataclass
class Servers:
    """Running servers, one per address, and what they saw."""

    by_host: dict[str, _Server]
    traffic: Traffic

    def url(self, host: str, path: str) -> str:
        return self.by_host[host].url(path)


@contextmanager
def serving(hosts: tuple[str, ...] = ("127.0.0.1", "127.0.0.2", "127.0.0.3")) -> Iterator[Servers]:
    traffic = Traffic()
    servers = {host: _Server(host, traffic) for host in hosts}
    threads = [
        threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
        for server in servers.values()
    ]
    for thread in threads:
        thread.start()
    try:
        yield Servers(servers, traffic)
    finally:
        for server in servers.values():
            server.shutdown()
            server.server_close()


def closed_port(host: str) -> int:
    """A port on ``host`` that nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
    return port


@contextmanager
def raw_serving(host: str, answer: Callable[[socket.socket, threading.Event], None]) -> Iterator[str]:
    """A server on `host` that reads each request's first bytes and hands the connection to
    `answer` (which may write anything, slowly, or nothing until the event is set, as the
    server stops); its base URL. Every thread it started has ended when it returns: a thread
    left behind would keep later tests' builds from forking their workers."""
    listening = socket.create_server((host, 0))
    stopping = threading.Event()
    threads: list[threading.Thread] = []

    def serve(connection: socket.socket) -> None:
        with connection, contextlib.suppress(OSError):
            connection.recv(65536)
            answer(connection, stopping)

    def accept() -> None:
        while not stopping.is_set():
            try:
                connection, _ = listening.accept()
            except OSError:
                return
            thread = threading.Thread(target=serve, args=(connection,), daemon=True)
            threads.append(thread)
            thread.start()

    acceptor = threading.Thread(target=accept, daemon=True)
    acceptor.start()
    try:
        yield f"http://{host}:{listening.getsockname()[1]}"
    finally:
        stopping.set()
        with contextlib.suppress(OSError):
            listening.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept(), which close() does not
        listening.close()
        for thread in [acceptor, *threads]:
            thread.join(timeout=30)
