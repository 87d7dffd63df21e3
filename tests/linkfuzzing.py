"""Random edit sequences with the link checker on, against servers this module starts on
127.0.0.x whose answers change between steps (tests/test_incremental.py).

`Web` is three servers: two of plain HTTP and one of HTTPS with a certificate no client
trusts (a test CA's). Each answers by a table the steps change: a page, a status (404, 410,
500), a redirect (temporary or permanent, to the same host or another, or to itself), a 429
with Retry-After, an answer slower than the checker's timeout or within it, an image (two
pictures of other sizes), a page where an image is shown; and a server may go away and come
back on its port. Every answer is a function of the table alone (no counters), so two builds
made one after the other are told the same.

`LinkFuzz` adds to the source edits of tests/fuzzing.py links to these servers (in reviews
and introductions, and a review's remote picture), the servers' answers changed, the link
cache aged past `[links] cache_max_age` (its rows sealed again, as digest seals them) and that
setting changed. What "the same link-cache state" means, and what each build is compared
with, is `compare_with_link_cache`'s to say.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import sqlite3
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from digest.start import INTERRUPTED
from tests.fuzzing import NEWEST, OLDER, TWINS, Built, Fuzz, png, tree
from tests.fuzzing import build as build_with

PLAIN_HOSTS = ("127.0.0.41", "127.0.0.42")
TLS_HOST = "127.0.0.43"
PAGES = [f"/p/{n}" for n in range(8)]  # /p/0-3 on the first host, /p/4-7 on the second
PICTURES = ["/img/0.png", "/img/1.png"]
LINK_CACHE = Path(".digest-cache") / "links.sqlite3"
# tests.conftest.ONLY_LOOPBACK, and names under .invalid: asked of the resolver, never of a server.
LOOPBACK_OR_NOWHERE = r"""exclude = ['^(?!https?://(127\.0\.0\.[0-9]+|[a-z0-9-]+\.invalid)[:/])']"""
TIMEOUT = 1  # [links] timeout: an answer slower than this is unverified
PICTURE_BYTES = {"red": png((200, 40, 40), (40, 30)), "wide": png((40, 40, 200), (90, 20))}
ANSWERS: list[tuple[str, ...]] = [
    ("ok",),
    ("ok",),
    ("status", "404"),
    ("status", "410"),
    ("status", "500"),
    ("status", "403"),
    ("redirect", "301"),
    ("redirect", "302"),
    ("redirect", "308"),
    ("loop",),
    ("retry-after", "0"),
    ("retry-after", "1"),
    ("slow", "1.6"),  # past TIMEOUT: timed out, each attempt
    ("slow", "0.1"),
    ("page",),
]
# Round 17: answers that never come whole. Headers sent a line at a time, slower in all than
# the checker's whole wait (2 x TIMEOUT); a body announced and trickled a byte at a time, each
# within TIMEOUT, never finished (the server gives up after ENDLESS_FOR seconds and closes).
SLOW_ANSWERS: list[tuple[str, ...]] = [("trickle-headers",), ("endless-body",)]
ENDLESS_FOR = 6.0
LATE_BY = 1.6  # a host that accepts late: nothing read or answered for this long, past TIMEOUT
NOWHERE = "http://nowhere-{}.invalid/p"  # names that never resolve (RFC 6761)


@dataclass
class Web:
    """The servers, their answers by path (the same on every host) and which are up."""

    answers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    servers: dict[str, ThreadingHTTPServer] = field(default_factory=dict)
    ports: dict[str, int] = field(default_factory=dict)
    down: set[str] = field(default_factory=set)
    late: set[str] = field(default_factory=set)  # hosts that accept late (LATE_BY)
    context: ssl.SSLContext | None = None

    def url(self, host: str, path: str) -> str:
        scheme = "https" if host == TLS_HOST else "http"
        return f"{scheme}://{host}:{self.ports[host]}{path}"

    def page_url(self, path: str) -> str:
        return self.url(PLAIN_HOSTS[int(path.rsplit("/", 1)[1]) // 4], path)

    def start(self, host: str) -> None:
        server = ThreadingHTTPServer((host, self.ports.get(host, 0)), _Answering)
        server.daemon_threads = True
        server.web = self  # type: ignore[attr-defined]
        if host == TLS_HOST:
            assert self.context is not None
            server.socket = self.context.wrap_socket(server.socket, server_side=True)
        self.ports[host] = server.server_address[1]
        self.servers[host] = server
        threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
        self.down.discard(host)

    def stop(self, host: str) -> None:
        server = self.servers.pop(host)
        server.shutdown()
        server.server_close()
        self.down.add(host)

    def answer(self, path: str) -> tuple[str, ...]:
        return self.answers.get(path, ("image", "red") if path in PICTURES else ("ok",))

    def signature(self, url: str, depth: int = 0) -> tuple[object, ...]:
        """Everything the answer to `url` depends on, following its redirects: two equal
        signatures are answered alike."""
        parts = urlsplit(url)
        if parts.hostname in self.down or depth > 4:
            return ("down",) if depth <= 4 else ("deep",)
        if (parts.hostname or "").endswith(".invalid"):
            return ("no such host",)
        if parts.hostname in self.late:
            return ("late",)
        answer = self.answer(parts.path)
        if answer[0] == "redirect":
            return (answer, *self.signature(self.target(url), depth + 1))
        return (parts.hostname, answer)

    def good(self, url: str, image: bool = False) -> bool:
        """Whether the checker, asking `url` now, is told it is there (as an image, with
        `image`): what alone the link cache may keep."""
        *_, last = self.signature(url)
        if not isinstance(last, tuple):
            return False
        if image:
            return last[0] == "image"
        return last[0] in ("ok", "page", "image", "endless-body") or last == ("slow", "0.1")

    def target(self, url: str) -> str:
        """Where a redirect from `url` leads: the next page, on the other plain host."""
        path = urlsplit(url).path
        number = (PAGES.index(path) + 4 + 1) % len(PAGES) if path in PAGES else 0
        return self.page_url(PAGES[number])


class _Answering(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""

    def setup(self) -> None:
        super().setup()
        if self.server.server_address[0] in self.server.web.late:  # type: ignore[attr-defined]
            time.sleep(LATE_BY)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def do_GET(self) -> None:
        self._answer(body=True)

    def _answer(self, body: bool) -> None:
        web: Web = self.server.web  # type: ignore[attr-defined]
        here = f"{'https' if self.server.server_address[0] == TLS_HOST else 'http'}://{self.headers['Host']}"
        path = urlsplit(self.path).path
        kind, *values = web.answer(path)
        if kind in ("trickle-headers", "endless-body"):
            with contextlib.suppress(OSError):
                self._never_whole(kind, body, "image/png" if path in PICTURES else "text/plain")
            self.close_connection = True
            return
        status, headers, data = 200, {"Content-Type": "text/plain"}, b"ok\n"
        if kind == "status":
            status = int(values[0])
        elif kind == "redirect":
            status, headers = int(values[0]), {"Location": web.target(here + path)}
        elif kind == "loop":
            status, headers = 302, {"Location": path}
        elif kind == "retry-after":
            status, headers = 429, {"Retry-After": values[0]}
        elif kind == "slow":
            time.sleep(float(values[0]))
        elif kind == "page":
            headers, data = {"Content-Type": "text/html"}, b"<!doctype html><title>a page</title>"
        elif kind == "image":
            headers, data = {"Content-Type": "image/png"}, PICTURE_BYTES[values[0]]
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            with contextlib.suppress(OSError):
                self.wfile.write(data)

    def _never_whole(self, kind: str, body: bool, content_type: str) -> None:
        """Headers trickled past the checker's wait, or a body announced and never finished."""
        self.wfile.write(b"HTTP/1.1 200 OK\r\n")
        self.wfile.flush()
        if kind == "trickle-headers":
            for number in range(8):
                time.sleep(TIMEOUT * 0.4)
                self.wfile.write(f"X-Slow-{number}: x\r\n".encode())
                self.wfile.flush()
            self.wfile.write(b"Content-Length: 3\r\n\r\nok\n")
            return
        self.wfile.write(f"Content-Type: {content_type}\r\nContent-Length: 1000000\r\n\r\n".encode())
        self.wfile.flush()
        if not body:
            return
        until = time.monotonic() + ENDLESS_FOR
        while time.monotonic() < until:
            self.wfile.write(b"\x89")
            self.wfile.flush()
            time.sleep(TIMEOUT * 0.3)


@contextmanager
def web_serving(folder: Path) -> Iterator[Web]:
    """The three servers, the HTTPS one's certificate signed by a CA only this test knows."""
    import trustme

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    trustme.CA().issue_cert(TLS_HOST).configure_cert(context)
    web = Web(context=context)
    for host in (*PLAIN_HOSTS, TLS_HOST):
        web.start(host)
    try:
        yield web
    finally:
        for host in list(web.servers):
            web.stop(host)


def online_project(project: Path, web: Web) -> Path:
    """The grown project with links checked (only those on 127.0.0.x), a short timeout, one
    retry, http allowed in the email, and links to the servers: a review's, the introduction's
    and a review's remote picture."""
    settings = project / "digest.toml"
    text = settings.read_text().replace(
        "check = false", f"check = true\nretries = 1\ncache_max_age = 86400\n{LOOPBACK_OR_NOWHERE}", 1
    )
    text = text.replace("timeout = 10", f"timeout = {TIMEOUT}", 1).replace(
        "https_only = true", "https_only = false"
    )
    assert f"timeout = {TIMEOUT}\n" in text and "https_only = false" in text
    settings.write_text(text)
    newest = project / "issues" / NEWEST
    twin = newest / TWINS[0]
    twin.write_text(twin.read_text() + f"\n[A first page]({web.page_url(PAGES[0])}).\n")
    issue = newest / "issue.md"
    issue.write_text(issue.read_text() + f"\n[A second page]({web.page_url(PAGES[5])}).\n")
    second = newest / TWINS[1]
    picture = web.url(PLAIN_HOSTS[0], PICTURES[0])
    second.write_text(second.read_text().replace("---\n", f"---\nimage: {picture}\n", 1))
    return project


def link_cache_files(project: Path) -> dict[str, bytes | None]:
    """The link cache's files (the database, its WAL and index), as they are (None: a folder)."""
    database = project / LINK_CACHE
    return {
        path.name: path.read_bytes() if path.is_file() else None
        for path in (database, *(database.with_name(database.name + s) for s in ("-wal", "-shm")))
        if path.is_file() or path.is_dir()
    }


def rows_by_table(project: Path) -> dict[tuple[str, str], float]:
    """(table, address) -> the moment each row of the link cache is dated, where it reads."""
    database = project / LINK_CACHE
    if not database.is_file():
        return {}
    rows: dict[tuple[str, str], float] = {}
    with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=0)) as connection:
        for table, column in (("link_results_v2", "checked_at"), ("remote_images_v1", "fetched_at")):
            with contextlib.suppress(sqlite3.Error):
                for url, moment in connection.execute(f"SELECT url, {column} FROM {table}").fetchall():
                    rows[(table, url)] = moment
    return rows


def cached_rows(project: Path) -> dict[str, float]:
    """Each address the link cache holds, with the moment it was checked (a remote picture's
    is the older of its result's and its facts')."""
    database = project / LINK_CACHE
    if not database.is_file():
        return {}
    rows: dict[str, float] = {}
    with contextlib.closing(sqlite3.connect(database)) as connection:
        for table, column in (("link_results_v2", "checked_at"), ("remote_images_v1", "fetched_at")):
            with contextlib.suppress(sqlite3.Error):
                for url, moment in connection.execute(f"SELECT url, {column} FROM {table}").fetchall():
                    rows[url] = min(moment, rows.get(url, moment))
    return rows


@dataclass
class LinkFuzz(Fuzz):
    web: Web = field(default_factory=Web)
    # What each address the link cache holds was answered when it was checked (its signature).
    answered: dict[str, tuple[object, ...]] = field(default_factory=dict)
    checked_at: dict[str, float] = field(default_factory=dict)
    # Round 17: rows written with a seal that does not match (never to be served), a process
    # holding the link cache's lock for the step's builds, the resolver failing for them.
    forged: set[str] = field(default_factory=set)
    holder: subprocess.Popen[str] | None = None
    resolver_failing: bool = False
    damaged_since: bool = False  # the link cache damaged or held since the last build

    def max_age(self) -> int:
        found = re.search(r"^cache_max_age = (\d+)$", (self.root / "digest.toml").read_text(), re.MULTILINE)
        return int(found.group(1)) if found else 86_400

    def note_cache(self) -> None:
        """The link cache as a build left it: the addresses it checked again, and what their
        servers answered then."""
        for url, moment in cached_rows(self.root).items():
            if self.checked_at.get(url) != moment:
                self.checked_at[url], self.answered[url] = moment, self.web.signature(url)
                self.forged.discard(url)  # written again by a build

    def stale(self) -> list[str]:
        """The good results the link cache would serve whose servers answer otherwise now."""
        oldest = time.time() - self.max_age()
        return sorted(
            url
            for url, moment in cached_rows(self.root).items()
            if moment >= oldest - 60
            and url not in self.forged
            and self.answered.get(url) != self.web.signature(url)
        )

    # --- round 17 -----------------------------------------------------------------------

    def slow_answer(self) -> str:
        """An answer that never comes whole (headers trickled, a body never finished), or a
        host that accepts late, or on time again."""
        if self.rng.random() < 0.3:
            host = self.rng.choice([*PLAIN_HOSTS, TLS_HOST])
            self.web.late ^= {host}
            return f"{host} accepts {'late' if host in self.web.late else 'on time'}"
        path = self.rng.choice([*PAGES, *PICTURES])
        self.web.answers[path] = self.rng.choice(SLOW_ANSWERS)
        return f"{path} answers {' '.join(self.web.answers[path])}"

    def nowhere_link(self) -> str | None:
        """A link to a name that never resolves, added to a review or an introduction."""
        places = [*self.reviews(NEWEST), self.issue(NEWEST) / "issue.md"]
        path = self.rng.choice([p for p in places if p.is_file() and not p.is_symlink()])
        try:
            text = path.read_text()
        except UnicodeDecodeError:
            return None
        url = NOWHERE.format(self.rng.randrange(3))
        self.write(path, text.rstrip("\n") + f"\n\n[A served link {self.rng.randrange(100)}]({url})\n")
        return f"{path.relative_to(self.root)}: a link to {url} added"

    def resolver_down(self) -> str:
        """The resolver failing for the step's builds (a temporary failure, as a resolver
        that cannot be reached says): a name is neither found nor known to be missing."""
        self.resolver_failing = True
        return "the resolver fails (EAI_AGAIN) for the next builds"

    def link_cache_damaged(self) -> str | None:
        """links.sqlite3 damaged as a disk, a kill or a hand leaves it, or held by another
        process for the step's builds; `compare_with_link_cache` says what they must build."""
        database = self.root / LINK_CACHE
        if not database.is_file() or database.is_symlink():
            return None
        self.damaged_since = True
        kind = self.rng.choice(
            [
                "truncated",
                "page zeroed",
                "folder",
                "wal folder",
                "stale wal",
                "killed writer",
                "locked",
                "forged",
            ]
        )
        if kind == "truncated":
            data = database.read_bytes()
            cut = self.rng.choice([0, 100, 4096, self.rng.randrange(len(data) or 1)])
            database.write_bytes(data[:cut])
            return f"{database.name} cut to {cut} of its {len(data)} bytes"
        if kind == "page zeroed":
            data = bytearray(database.read_bytes())
            pages = max(1, len(data) // 4096)
            page = self.rng.randrange(pages)
            data[page * 4096 : (page + 1) * 4096] = bytes(min(4096, len(data) - page * 4096))
            database.write_bytes(bytes(data))
            return f"page {page + 1} of {pages} of {database.name} zeroed"
        if kind in ("folder", "wal folder"):
            target = database if kind == "folder" else database.with_name(database.name + "-wal")
            if target.is_file():
                target.unlink()
            target.mkdir(exist_ok=True)
            (target / "stray").write_text("x")
            return f"{target.name} made a folder"
        if kind == "stale wal":
            return self.stale_wal(database)
        if kind == "killed writer":
            url = self.web.page_url(self.rng.choice(PAGES))
            if not self.forge(url, in_wal=True):
                return None
            return f"a writer killed with a row for {url} under a wrong seal in {database.name}'s WAL"
        if kind == "forged":
            linked = [u for u in cached_rows(self.root) if "/p/" in u] or [self.web.page_url(PAGES[0])]
            url = self.rng.choice(linked)
            if not self.forge(url, in_wal=False):
                return None
            return f"{database.name}: the row of {url} made good under a seal that does not match"
        exclusive = self.rng.random() < 0.5
        self.holder = subprocess.Popen(
            [sys.executable, "-c", LOCK_HOLDER, str(database), "exclusive" if exclusive else "immediate"],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.holder.stdout is not None and self.holder.stdout.readline().strip() == "held"
        return f"{database.name} held by another process ({'exclusive' if exclusive else 'writing'})"

    def stale_wal(self, database: Path) -> str | None:
        """A WAL an earlier copy of the database was left with (a writer killed on it: every
        page of its results rewritten, committed there only) put beside the database as it is
        now: SQLite, which cannot tell whose WAL it is, reads the earlier pages from it."""
        older = self.scratch / "older-links"
        if not (older / "links.sqlite3").is_file():
            return None
        copy = self.scratch / "stale-wal"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(older, copy)
        script = (
            "import os, sqlite3, sys\n"
            "db = sqlite3.connect(sys.argv[1])\n"
            "db.execute('PRAGMA journal_mode=WAL')\n"
            "with db:\n"
            "    db.execute('UPDATE link_results_v2 SET detail = detail')\n"
            "os._exit(0)\n"
        )
        written = subprocess.run(
            [sys.executable, "-c", script, str(copy / "links.sqlite3")], capture_output=True
        )
        if written.returncode != 0 or not (copy / "links.sqlite3-wal").is_file():
            return None
        shutil.copy2(copy / "links.sqlite3-wal", database.with_name(database.name + "-wal"))
        database.with_name(database.name + "-shm").unlink(missing_ok=True)
        for url, moment in cached_rows(self.root).items():  # what it brings back, answered when?
            if self.checked_at.get(url) != moment:
                self.checked_at[url], self.answered[url] = moment, ("not known",)
        return f"{database.name} given the WAL a writer killed on an earlier copy of it left"

    def forge(self, url: str, in_wal: bool) -> bool:
        """A good result for `url`, dated now, under a seal of other values; False where the
        database is too damaged to take it (an earlier step's damage, unread since)."""
        script = (
            "import os, sqlite3, sys, time\n"
            "db = sqlite3.connect(sys.argv[1])\n"
            "db.execute('PRAGMA journal_mode=WAL')\n"
            "with db:\n"
            "    db.execute('INSERT OR REPLACE INTO link_results_v2 VALUES (?, ?, ?, ?, ?, ?, ?)',"
            " (sys.argv[2], 'ok', 200, 'HTTP 200 OK', None, time.time(), b'forged' * 5))\n"
            + ("os._exit(0)\n" if in_wal else "db.close()\n")
        )
        written = subprocess.run(
            [sys.executable, "-c", script, str(self.root / LINK_CACHE), url], capture_output=True, check=False
        )
        if written.returncode != 0 or url not in cached_rows(self.root):
            return False
        self.forged.add(url)
        self.checked_at[url] = cached_rows(self.root)[url]  # not a build's: note_cache leaves it
        return True

    def release(self) -> None:
        """The lock holder, if any, ended; the resolver working again."""
        self.resolver_failing = False
        if self.holder is not None:
            self.holder.kill()
            self.holder.wait()
            assert self.holder.stdout is not None
            self.holder.stdout.close()
            self.holder = None

    def killed_while_checking(self) -> str:
        """A `digest build` process sent SIGKILL, SIGTERM or SIGINT while it waits on a server
        (an answer that never comes whole, a host that accepts late): no traceback, no process
        of its own left running, the output the last build's or a clean build's whole, and no
        row in the link cache it did not get an answer for."""
        path = self.rng.choice([*PAGES, *PICTURES])
        self.web.answers[path] = self.rng.choice([*SLOW_ANSWERS, ("slow", "1.6")])
        chosen = self.rng.choice([signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
        delay = self.rng.choice([0.2, 0.5, 1.0, 1.5, 2.5, 4.0])
        command = self.command()
        dist = self.root / "dist"
        before, rows = (tree(dist) if dist.is_dir() else {}), rows_by_table(self.root)
        kept = link_cache_files(self.root)
        process = self.process(command)
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            process.send_signal(chosen)  # the main process only, as a terminal or a supervisor does
        words = process.communicate(timeout=300)[0].decode(errors="replace")
        label = f"`digest {' '.join(command)}` sent {chosen.name} after {delay} s, {path} answering {self.web.answers[path]}, after {self.steps}"
        assert "Traceback" not in words, f"{label}: {words}"
        signalled = process.returncode in (-chosen, 130)
        if chosen == signal.SIGINT and signalled:
            assert process.returncode == 130 and words.endswith(INTERRUPTED), f"{label}: {words}"
        assert not left_running(process.pid), f"{label}: processes of its own left running"
        claimed = self.claimed_without_answer(rows)
        assert not claimed, f"{label}: the link cache claims what no server said: {claimed}"
        now = tree(dist) if dist.is_dir() else {}
        if now != before:
            clean = build_with(with_link_cache(self.clean_copy(), kept), command)
            assert now == clean.dist, (
                f"{label}: the output is neither the old nor the new ({words.strip()}; clean: {clean.said.strip()}): "
                f"{sorted(n for n in {*now, *clean.dist} if now.get(n) != clean.dist.get(n))}"
            )
            self.built_by = command
            self.output_edited = signalled
        self.note_cache()
        return f"{label.split(', after ')[0]}: {'signalled' if signalled else f'done ({process.returncode})'}"

    def claimed_without_answer(self, before: dict[tuple[str, str], float]) -> list[str]:
        """Rows of the link cache written since `before` whose servers did not answer so."""
        return sorted(
            f"{table}: {url}"
            for (table, url), moment in rows_by_table(self.root).items()
            if before.get((table, url)) != moment
            and url not in self.forged
            and not self.web.good(url, image=table == "remote_images_v1")
        )

    # --- the steps ----------------------------------------------------------------------

    def answer_changed(self) -> str:
        path = self.rng.choice([*PAGES, *PICTURES])
        if path in PICTURES and self.rng.random() < 0.6:
            answer: tuple[str, ...] = ("image", self.rng.choice(sorted(PICTURE_BYTES)))
        else:
            answer = self.rng.choice(ANSWERS)
        self.web.answers[path] = answer
        return f"{path} answers {' '.join(answer)}"

    def host_toggled(self) -> str:
        host = self.rng.choice([*PLAIN_HOSTS, TLS_HOST])
        if host in self.web.down:
            self.web.start(host)
            return f"{host} back"
        self.web.stop(host)
        return f"{host} gone (its port closed)"

    def link_toggled(self) -> str | None:
        """A link to a server added to, or taken from, a review or an introduction."""
        places = [
            *self.reviews(NEWEST),
            *self.reviews(OLDER),
            *(self.issue(i) / "issue.md" for i in (NEWEST, OLDER)),
        ]
        path = self.rng.choice([p for p in places if p.is_file() and not p.is_symlink()])
        try:
            text = path.read_text()
        except UnicodeDecodeError:
            return None
        added = re.findall(r"\n\[A served link \d+\]\([^)\n]*\)\n", text)
        if added and self.rng.random() < 0.4:
            taken = self.rng.choice(added)
            self.write(path, text.replace(taken, "\n", 1))
            return f"{path.relative_to(self.root)}: {taken.strip()} taken out"
        kind = self.rng.random()
        if kind < 0.15:
            url = self.web.url(TLS_HOST, self.rng.choice(PAGES))
        elif kind < 0.25:
            url = self.web.url(PLAIN_HOSTS[0], self.rng.choice(PICTURES))
        else:
            url = self.web.page_url(self.rng.choice(PAGES))
        self.write(path, text.rstrip("\n") + f"\n\n[A served link {self.rng.randrange(100)}]({url})\n")
        return f"{path.relative_to(self.root)}: a link to {url} added"

    def picture_toggled(self) -> str | None:
        """The review's remote picture taken out of its front matter, or put back. A remote
        picture is asked again by every build: without it, a build may ask no server at all
        but those of links the cache does not hold."""
        path = self.issue(NEWEST) / TWINS[1]
        if not path.is_file() or path.is_symlink():
            return None
        line = f"image: {self.web.url(PLAIN_HOSTS[0], PICTURES[0])}\n"
        return self.toggle(path, [("---\n", f"---\n{line}")])

    def cache_aged(self) -> str | None:
        """Rows of the link cache dated back past `[links] cache_max_age`, sealed again (as
        time does it: nothing else of them changes)."""
        from digest.checks.http import _seal

        database = self.root / LINK_CACHE
        rows = cached_rows(self.root)
        if not rows:
            return None
        chosen = self.rng.sample(sorted(rows), self.rng.randrange(1, len(rows) + 1))
        moment = time.time() - self.max_age() - 3600
        with contextlib.closing(sqlite3.connect(database)) as connection, connection:
            for url in chosen:
                values = connection.execute(
                    "SELECT url, verdict, status, detail, final_url FROM link_results_v2 WHERE url = ?",
                    (url,),
                ).fetchone()
                if values is not None:
                    connection.execute(
                        "UPDATE link_results_v2 SET checked_at = ?, seal = ? WHERE url = ?",
                        (moment, _seal(*values, moment), url),
                    )
                facts = connection.execute(
                    "SELECT facts FROM remote_images_v1 WHERE url = ?", (url,)
                ).fetchone()
                if facts is not None:
                    connection.execute(
                        "UPDATE remote_images_v1 SET fetched_at = ?, seal = ? WHERE url = ?",
                        (moment, _seal(url, facts[0], moment), url),
                    )
        self.note_cache()
        return f"{len(chosen)} of the link cache's {len(rows)} results aged past cache_max_age"

    def max_age_changed(self) -> str | None:
        return self.toggle(
            self.root / "digest.toml",
            [
                ("cache_max_age = 86400\n", "cache_max_age = 0\n"),
                ("cache_max_age = 86400\n", "cache_max_age = 3600\n"),
            ],
        )


LINK_STEPS: list[Callable[[LinkFuzz], str | None]] = [
    LinkFuzz.answer_changed,
    LinkFuzz.answer_changed,
    LinkFuzz.answer_changed,
    LinkFuzz.answer_changed,
    LinkFuzz.host_toggled,
    LinkFuzz.link_toggled,
    LinkFuzz.link_toggled,
    LinkFuzz.link_toggled,
    LinkFuzz.cache_aged,
    LinkFuzz.max_age_changed,
    LinkFuzz.picture_toggled,
    LinkFuzz.picture_toggled,
    Fuzz.same_size_review,
    Fuzz.append,
    Fuzz.undo,
    Fuzz.issue_front_matter,
    Fuzz.setting,
    Fuzz.sections,
    Fuzz.review_draft,
    Fuzz.override,
    Fuzz.extra_issue,
    Fuzz.link_scope,
]


ROUND_17: list[Callable[[LinkFuzz], str | None]] = [
    LinkFuzz.slow_answer,
    LinkFuzz.nowhere_link,
    LinkFuzz.resolver_down,
    LinkFuzz.link_cache_damaged,
    LinkFuzz.link_cache_damaged,
    LinkFuzz.link_cache_damaged,
    LinkFuzz.killed_while_checking,
]
# Round 17's kinds as often as all the others together.
WEIGHTED_17 = LINK_STEPS + ROUND_17 * (len(LINK_STEPS) // len(ROUND_17))

# Holds links.sqlite3's lock until killed: a write transaction open (readers of a WAL database
# go on), or the database taken whole (locking_mode=EXCLUSIVE: nobody else reads either).
LOCK_HOLDER = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
if sys.argv[2] == "exclusive":
    db.execute("PRAGMA locking_mode=EXCLUSIVE")
db.execute("BEGIN IMMEDIATE")
db.execute("CREATE TABLE IF NOT EXISTS held_by_another (x)")
if sys.argv[2] == "exclusive":
    db.execute("SELECT count(*) FROM sqlite_master").fetchone()
print("held", flush=True)
time.sleep(3600)
"""


def left_running(session: int) -> list[int]:
    """Processes of the session `session` started (the build's workers), waiting for them to
    go as Linux ends them with their parent; those that stay."""
    for _ in range(600):
        running = [
            int(entry)
            for entry in os.listdir("/proc")
            if entry.isdigit() and _session_of(int(entry)) == session
        ]
        if not running:
            return []
        time.sleep(0.1)
    return running


def _session_of(pid: int) -> int | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return int(fields[3]) if fields[0] != "Z" else None


@contextmanager
def resolver_failing(failing: bool) -> Iterator[None]:
    """socket.getaddrinfo failing for every name (numeric addresses still work), as a resolver
    that cannot be reached makes it (EAI_AGAIN)."""
    if not failing:
        yield
        return
    real = socket.getaddrinfo

    def fails(host: object, *args: object, **options: object) -> object:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name and not re.fullmatch(r"[0-9.]+|[0-9a-fA-F:]+", name):
            raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
        return real(host, *args, **options)  # type: ignore[arg-type]

    socket.getaddrinfo = fails  # type: ignore[assignment]
    try:
        yield
    finally:
        socket.getaddrinfo = real


def _inode(path: Path) -> int | None:
    return path.stat().st_ino if path.is_file() else None


def nowhere_misjudged(report: str, resolver_failing: bool) -> str | None:
    """What the JSON report says wrongly of a name under .invalid: broken (not found) where the
    resolver answers, never where it failed (the name may well be there: unverified)."""
    import json

    try:
        links = json.loads(report)["links"]
    except (ValueError, KeyError):
        return None
    wrong = [
        f"{link['url']}: {link['status']} ({link.get('detail')})"
        for link in links
        if ".invalid" in link["url"]
        and (
            link["status"] == "broken" if resolver_failing else link["status"] not in ("broken", "unverified")
        )
    ]
    return (
        f"names under .invalid misjudged ({'the resolver failing' if resolver_failing else 'the resolver working'}): {wrong}"
        if wrong
        else None
    )


# What a build may say of a link cache another process holds (compared without it).
LINK_CACHE_NOTE = re.compile(r"^note: .*links\.sqlite3.*\n", re.MULTILINE)


@dataclass
class Tally:
    """What a run compared, and what differed."""

    sequences: int = 0
    comparisons: int = 0
    failures: list[str] = field(default_factory=list)


def links_report(project: Path, command: tuple[str, ...]) -> Built:
    """`digest links` of the command's issue (the newest for --all), as JSON."""
    issue = command[1] if command[1] != "--all" else NEWEST
    drafts = ("--drafts",) if "--drafts" in command else ()
    said = build_with(project, ("links", issue, "--format", "json", *drafts))
    return Built(said.exit_code, said.said, {})  # it writes nothing: the output is a build's


def with_link_cache(clean: Path, files: dict[str, bytes]) -> Path:
    """The clean copy given the link cache's files as they were before the step's build."""
    folder = clean / LINK_CACHE.parent
    folder.mkdir(exist_ok=True)
    for name, data in files.items():
        if data is None:
            (folder / name).mkdir()
            (folder / name / "stray").write_text("x")
        else:
            (folder / name).write_bytes(data)
    return clean


def told_apart(one: str, other: str) -> str:
    """What tells two builds' words or two JSON link reports apart, briefly."""
    import json

    try:
        reports = [json.loads(text) for text in (one, other)]
    except ValueError:
        return f"{one!r} / {other!r}"

    def by_url(report: dict[str, list[dict[str, object]]]) -> dict[str, object]:
        return {str(link["url"]): link for link in report["links"]}

    links = [by_url(report) for report in reports]
    differing = {url: (links[0].get(url), links[1].get(url)) for url in sorted({*links[0], *links[1]})}
    return repr(
        {
            "findings": [report["findings"] for report in reports]
            if reports[0]["findings"] != reports[1]["findings"]
            else "same",
            "links": {url: pair for url, pair in differing.items() if pair[0] != pair[1]},
        }
    )


def compare_with_link_cache(fuzz: LinkFuzz, seed: int, steps: int, tally: Tally | None = None) -> None:
    """`steps` random edits, each followed by a build with the link checker on, compared with:

    - a clean build (no build cache, no output) given the link cache's files as they were
      before the incremental build: the same exit code, words and output; then `digest links`
      of each (after its build), as JSON: the same report;
    - a clean build with no link cache at all, where no good result the link cache holds is
      stale (its server answers otherwise than when it was checked, per `Web.signature`).

    With `tally`, a difference is counted and the sequence goes on; without, it fails."""

    def differs(what: str, one: Built, other: Built) -> None:
        if tally is not None:
            tally.comparisons += 1
        if one == other:
            return
        message = f"seed {seed}: {what} after {fuzz.steps}: {one.exit_code} / {other.exit_code}: {told_apart(one.said, other.said)}"
        if one.dist != other.dist:
            message += f"; outputs differ in {sorted(n for n in {*one.dist, *other.dist} if one.dist.get(n) != other.dist.get(n))}"
        assert tally is not None, message
        tally.failures.append(message)

    noted = False  # the last build said a note of the link cache
    for _ in range(steps):
        command = fuzz.command()
        before, rows = link_cache_files(fuzz.root), rows_by_table(fuzz.root)
        stale = fuzz.stale()
        label = f"`digest {' '.join(command)}`"
        held = _inode(fuzz.root / LINK_CACHE) if fuzz.holder is not None else None
        with resolver_failing(fuzz.resolver_failing):
            incremental = fuzz.settled(build_with(fuzz.root, command))
            claimed = fuzz.claimed_without_answer(rows)
            if claimed:
                differs(
                    f"{label}: the link cache claims what no server said: {claimed}",
                    incremental,
                    Built(-1, "", {}),
                )
            fuzz.note_cache()
            clean_root = with_link_cache(fuzz.clean_copy(), before)
            if fuzz.holder is not None:
                # Held by another: the build reads the link cache or goes without it, and says so.
                incremental = Built(
                    incremental.exit_code, LINK_CACHE_NOTE.sub("", incremental.said), incremental.dist
                )
                alike = [build_with(clean_root, command)]
                if not stale:
                    alike.append(build_with(fuzz.clean_copy(), command))
                differs(
                    f"{label} (the link cache held by another process)",
                    incremental,
                    next((b for b in alike if b == incremental), alike[0]),
                )
            else:
                differs(
                    f"{label} (clean, the link cache as it was)", incremental, build_with(clean_root, command)
                )
                report = links_report(fuzz.root, command)
                differs(f"`digest links` after {label}", report, links_report(clean_root, command))
                misjudged = nowhere_misjudged(report.said, fuzz.resolver_failing)
                if misjudged:
                    differs(f"`digest links` after {label}: {misjudged}", report, Built(-1, "", {}))
            if held is not None and held != _inode(fuzz.root / LINK_CACHE):
                differs(
                    f"{label}: the link cache another process holds was replaced",
                    incremental,
                    Built(-1, "", {}),
                )
            said_note = LINK_CACHE_NOTE.search(incremental.said) is not None
            if said_note and noted and not fuzz.damaged_since:
                differs(f"{label}: the link cache's note said again", incremental, Built(-1, "", {}))
            noted, fuzz.damaged_since = said_note, False
            fuzz.note_cache()
            if not stale and fuzz.holder is None:
                # Without a link cache there is none to find damaged: nothing said of it.
                unnoted = Built(
                    incremental.exit_code, LINK_CACHE_NOTE.sub("", incremental.said), incremental.dist
                )
                bare = fuzz.clean_copy()
                differs(f"{label} (clean, no link cache)", unnoted, build_with(bare, command))
        fuzz.release()
        shutil.rmtree(fuzz.scratch / "clean", ignore_errors=True)
        if len(fuzz.steps) % 3 == 0 and (fuzz.root / LINK_CACHE).is_file():
            older = fuzz.scratch / "older-links"
            shutil.rmtree(older, ignore_errors=True)
            older.mkdir()
            for name, data in link_cache_files(fuzz.root).items():
                if data is not None:
                    (older / name).write_bytes(data)
        fuzz.step()
