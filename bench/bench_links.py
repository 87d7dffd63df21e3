"""Benchmark the external link checker on 1,000 distinct links over 10 loopback hosts.

700 answer 200, 150 answer 404, 100 redirect permanently to a page answering 200 and 50
answer after one second. The servers run in a separate process so that they do not
compete with the checker for the interpreter. Prints the wall time and peak memory of a
first run with default settings, then of a second run served from the cache (only the
150 broken links are requested again: failures are always rechecked).

    .venv/bin/python bench/bench_links.py
"""

from __future__ import annotations

import asyncio
import multiprocessing
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from multiprocessing.connection import Connection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from digest.checks.http import LinkResult, LinkSettings, check_urls

HOSTS = tuple(f"127.0.0.{n}" for n in range(11, 21))
MIX = {"ok": 700, "missing": 150, "moved": 100, "slow": 50}
SLOW_SECONDS = 1.0


def serve(pipe: Connection) -> None:
    """The server process: binds every host, sends the ports, serves until told to stop."""
    asyncio.run(_serve(pipe))


async def _serve(pipe: Connection) -> None:
    loop = asyncio.get_running_loop()
    hits: Counter[str] = Counter()
    servers = []
    ports = {}
    for host in HOSTS:
        server = await loop.create_server(lambda: _MinimalHttp(hits), host, 0, backlog=1024)
        ports[host] = server.sockets[0].getsockname()[1]
        servers.append(server)
    pipe.send(ports)
    await loop.run_in_executor(None, pipe.recv)
    for server in servers:
        server.close()


class _MinimalHttp(asyncio.Protocol):
    """Just enough HTTP/1.1 with keep-alive for GET and HEAD on ``/<kind>/<n>``.

    A full web framework would spend more time per request than the checker does, and
    the figures would measure the server rather than the checker.
    """

    def __init__(self, hits: Counter[str]) -> None:
        self.hits = hits
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while b"\r\n\r\n" in self.buffer:
            head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
            method, target, _ = head.split(b"\r\n", 1)[0].decode("latin-1").split(" ", 2)
            self._respond(method, target)

    def _respond(self, method: str, target: str) -> None:
        _, kind, n = target.split("/", 2)
        if kind == "hits":
            self._send(method, "200 OK", str(sum(self.hits.values())))
            return
        self.hits[kind] += 1
        if kind == "missing":
            self._send(method, "404 Not Found", "not here\n")
        elif kind == "moved":
            self._send(method, "301 Moved Permanently", "", f"Location: /target/{n}\r\n")
        elif kind == "slow":
            asyncio.get_running_loop().call_later(SLOW_SECONDS, self._send, method, "200 OK", "hello\n")
        else:
            self._send(method, "200 OK", "hello\n")

    def _send(self, method: str, status: str, body: str, extra_headers: str = "") -> None:
        if self.transport is None or self.transport.is_closing():
            return
        payload = body.encode()
        head = f"HTTP/1.1 {status}\r\nContent-Length: {len(payload)}\r\n{extra_headers}\r\n".encode()
        self.transport.write(head if method == "HEAD" else head + payload)


def links(ports: dict[str, int]) -> dict[str, tuple[str, str | None]]:
    """URL -> (expected verdict, expected final URL), shuffled over the hosts reproducibly."""
    per_host = [kind for kind, count in MIX.items() for _ in range(count // len(HOSTS))]
    shuffler = random.Random(2025)
    rows = [shuffler.sample(per_host, len(per_host)) for _ in HOSTS]
    # Each host gets its share of every kind (70, 15, 10, 5), in its own random order.
    kinds = [(host, row[n]) for n in range(len(per_host)) for host, row in zip(HOSTS, rows, strict=True)]
    expected: dict[str, tuple[str, str | None]] = {}
    for n, (host, kind) in enumerate(kinds):
        root = f"http://{host}:{ports[host]}"
        url = f"{root}/{kind}/{n}"
        if kind == "missing":
            expected[url] = ("broken", None)
        elif kind == "moved":
            expected[url] = ("redirected", f"{root}/target/{n}")
        else:
            expected[url] = ("ok", None)
    return expected


def server_hits(ports: dict[str, int]) -> int:
    import urllib.request

    host = HOSTS[0]  # one count for all hosts: they share one application
    with urllib.request.urlopen(f"http://{host}:{ports[host]}/hits/all", timeout=5) as response:
        return int(response.read())


def high_water_mb() -> float:
    """This process's peak resident memory. VmHWM belongs to the process's own memory map, so
    unlike ru_maxrss it does not carry over the peak of whatever process started it."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def misclassified(results: list[LinkResult], expected: dict[str, tuple[str, str | None]]) -> list[str]:
    return [
        f"{result.url}: {result.verdict} {result.detail}"
        for result in results
        if (result.verdict, result.final_url) != expected[result.url]
    ]


def timed_run(
    label: str,
    urls: list[str],
    cache: Path,
    expected: dict[str, tuple[str, str | None]],
    ports: dict[str, int],
) -> bool:
    before = server_hits(ports)
    start = time.perf_counter()
    results = check_urls(urls, LinkSettings(), cache_path=cache)
    elapsed = time.perf_counter() - start
    requests = server_hits(ports) - before
    peak_mb = high_water_mb()
    wrong = misclassified(results, expected)
    verdicts = Counter(result.verdict for result in results)
    print(
        f"{label}: {elapsed:.2f} s wall, peak memory {peak_mb:.0f} MB, {requests} requests, "
        f"{dict(sorted(verdicts.items()))}, {len(wrong)} misclassified"
    )
    for line in wrong[:10]:
        print(f"  {line}")
    return not wrong


def main() -> int:
    parent, child = multiprocessing.Pipe()
    server = multiprocessing.Process(target=serve, args=(child,), daemon=True)
    server.start()
    try:
        ports = parent.recv()
        expected = links(ports)
        urls = list(expected)
        with tempfile.TemporaryDirectory() as folder:
            cache = Path(folder) / "links.sqlite3"
            print(f"{len(urls)} links over {len(HOSTS)} hosts: {MIX}; default settings {LinkSettings()}")
            first = timed_run("first run ", urls, cache, expected, ports)
            second = timed_run("cached run", urls, cache, expected, ports)
    finally:
        parent.send("stop")
        server.join(timeout=5)
    return 0 if first and second else 1


if __name__ == "__main__":
    sys.exit(main())
