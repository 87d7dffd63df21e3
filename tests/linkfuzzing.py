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
import re
import shutil
import sqlite3
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from tests.conftest import ONLY_LOOPBACK
from tests.fuzzing import NEWEST, OLDER, TWINS, Built, Fuzz, png
from tests.fuzzing import build as build_with

PLAIN_HOSTS = ("127.0.0.41", "127.0.0.42")
TLS_HOST = "127.0.0.43"
PAGES = [f"/p/{n}" for n in range(8)]  # /p/0-3 on the first host, /p/4-7 on the second
PICTURES = ["/img/0.png", "/img/1.png"]
LINK_CACHE = Path(".digest-cache") / "links.sqlite3"
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


@dataclass
class Web:
    """The servers, their answers by path (the same on every host) and which are up."""

    answers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    servers: dict[str, ThreadingHTTPServer] = field(default_factory=dict)
    ports: dict[str, int] = field(default_factory=dict)
    down: set[str] = field(default_factory=set)
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
        answer = self.answer(parts.path)
        if answer[0] == "redirect":
            return (answer, *self.signature(self.target(url), depth + 1))
        return (parts.hostname, answer)

    def target(self, url: str) -> str:
        """Where a redirect from `url` leads: the next page, on the other plain host."""
        path = urlsplit(url).path
        number = (PAGES.index(path) + 4 + 1) % len(PAGES) if path in PAGES else 0
        return self.page_url(PAGES[number])


class _Answering(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def do_GET(self) -> None:
        self._answer(body=True)

    def _answer(self, body: bool) -> None:
        web: Web = self.server.web  # type: ignore[attr-defined]
        here = f"{'https' if self.server.server_address[0] == TLS_HOST else 'http'}://{self.headers['Host']}"
        path = urlsplit(self.path).path
        kind, *values = web.answer(path)
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
        "check = false", f"check = true\nretries = 1\ncache_max_age = 86400\n{ONLY_LOOPBACK}", 1
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


def link_cache_files(project: Path) -> dict[str, bytes]:
    """The link cache's files (the database, its WAL and index), as they are."""
    database = project / LINK_CACHE
    return {
        path.name: path.read_bytes()
        for path in (database, *(database.with_name(database.name + s) for s in ("-wal", "-shm")))
        if path.is_file()
    }


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

    def max_age(self) -> int:
        found = re.search(r"^cache_max_age = (\d+)$", (self.root / "digest.toml").read_text(), re.MULTILINE)
        return int(found.group(1)) if found else 86_400

    def note_cache(self) -> None:
        """The link cache as a build left it: the addresses it checked again, and what their
        servers answered then."""
        for url, moment in cached_rows(self.root).items():
            if self.checked_at.get(url) != moment:
                self.checked_at[url], self.answered[url] = moment, self.web.signature(url)

    def stale(self) -> list[str]:
        """The good results the link cache would serve whose servers answer otherwise now."""
        oldest = time.time() - self.max_age()
        return sorted(
            url
            for url, moment in cached_rows(self.root).items()
            if moment >= oldest - 60 and self.answered.get(url) != self.web.signature(url)
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

    for _ in range(steps):
        command = fuzz.command()
        before = link_cache_files(fuzz.root)
        stale = fuzz.stale()
        incremental = fuzz.settled(build_with(fuzz.root, command))
        fuzz.note_cache()
        label = f"`digest {' '.join(command)}`"
        clean_root = with_link_cache(fuzz.clean_copy(), before)
        differs(f"{label} (clean, the link cache as it was)", incremental, build_with(clean_root, command))
        differs(
            f"`digest links` after {label}",
            links_report(fuzz.root, command),
            links_report(clean_root, command),
        )
        fuzz.note_cache()
        if not stale:
            bare = fuzz.clean_copy()
            differs(f"{label} (clean, no link cache)", incremental, build_with(bare, command))
        shutil.rmtree(fuzz.scratch / "clean", ignore_errors=True)
        fuzz.step()
