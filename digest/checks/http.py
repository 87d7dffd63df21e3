"""Check external links over the network, concurrently, politely, with a cache.

``check_urls`` is synchronous; it runs asyncio and aiohttp inside, and imports aiohttp
only when there is something to check, so that loading the package stays light.
"""

from __future__ import annotations

import asyncio
import errno
import hashlib
import json
import re
import socket
import sqlite3
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar
from urllib.parse import urljoin, urlsplit

from digest.cache import BUSY, CLOCK_SLACK, DAMAGED, read_only
from digest.checks.links import FoundLink, without_fragment
from digest.errors import Finding, printable, quoted, unquoted
from digest.files import remove_tree, written_in_place_only_if_ours

if TYPE_CHECKING:
    import aiohttp

T = TypeVar("T")
Verdict = Literal["ok", "redirected", "broken", "unverified", "excluded"]

DEFAULT_USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36"
)
UNREACHABLE_DETAIL = "the network looks unreachable: no external host could be reached"

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_PERMANENT_REDIRECTS = frozenset({301, 308})
# Statuses with which servers refuse or mishandle HEAD while GET works.
_HEAD_REFUSED = frozenset({400, 403, 405, 406, 501})
_HEAD_UNSUPPORTED = frozenset({405, 501})
_RATE_LIMITED = 429
_RETRY_STATUSES = frozenset({408, _RATE_LIMITED})
_UNVERIFIED_STATUSES = frozenset({408, _RATE_LIMITED})
_NETWORK_DOWN_ERRNOS = frozenset({errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN})
# What a resolver says of a name that has no address (EAI_NODATA is glibc's, not everywhere's).
_NAME_MISSING = frozenset({socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)})
_VERDICT_ORDER: tuple[Verdict, ...] = ("broken", "unverified", "redirected", "excluded", "ok")


@dataclass(frozen=True)
class LinkSettings:
    """How external links are checked; every field maps to a key of ``digest.toml``."""

    max_concurrency: int = 64
    max_per_host: int = 6  # what browsers open per host; hosts are keyed by host and port
    timeout: float = 10.0  # seconds, for connecting and for each read
    retries: int = 2  # after the first attempt, on 5xx, 408, 429 and timeouts
    backoff: float = 0.5  # seconds before the first retry, doubled for each next one
    max_retry_after: float = 10.0  # longest Retry-After honoured, in seconds
    max_redirects: int = 10
    user_agent: str = DEFAULT_USER_AGENT  # many sites answer 403 to anything that looks like a script
    exclude: tuple[str, ...] = ()  # regular expressions searched in each URL
    accept_status: tuple[int, ...] = ()  # statuses counted as ok besides 2xx
    cache_max_age: float = 86400.0  # seconds a good result is reused; failures are always rechecked


@dataclass(frozen=True)
class LinkResult:
    url: str
    verdict: Verdict
    status: int | None
    detail: str
    final_url: str | None
    content_type: str = field(default="", compare=False)  # as the server said, lowercased


# ---------------------------------------------------------------------------------------
# Checking


def check_urls(
    urls: Sequence[str],
    settings: LinkSettings,
    *,
    cache_path: Path | None,
    progress: Progress | None = None,
    images: frozenset[str] = frozenset(),
    notices: list[str] | None = None,
) -> list[LinkResult]:
    """One result per distinct URL, in the order given.

    Excluded URLs are not requested; good results younger than ``settings.cache_max_age``
    come from the cache at ``cache_path``. When no host at all could be reached, every
    checked URL is ``unverified`` with ``UNREACHABLE_DETAIL`` as detail. URLs in `images`
    are shown as images: they are always asked again, and one the server sends as something
    else (a page, an error page with status 200) is broken. What the cache's state costs (a
    damaged database replaced, one another process holds) is appended to `notices`, once.
    """
    distinct = list(dict.fromkeys(urls))
    known = {
        url: _excluded(url, pattern) for url in distinct if (pattern := _exclusion(url, settings.exclude))
    }
    cache = _LinkCache(cache_path, notices)
    asked = [url for url in distinct if url not in known and url not in images]
    served = cache.fresh_results(asked, settings)
    known.update(served)
    pending = [url for url in distinct if url not in known]
    reporter = _Progress(progress, total=len(distinct), done=len(known))
    if pending:
        checked = asyncio.run(_check_all(pending, settings, reporter))
        if all(outcome.network_failure for outcome in checked.values()) and _any_answers(served, settings):
            known.update({url: outcome.result for url, outcome in checked.items()})
        else:
            known.update(_unreachable_if_all_failed(checked))
        cache.save([known[url] for url in pending])
    return [_as_image(known[url]) if url in images else known[url] for url in distinct]


def _as_image(result: LinkResult) -> LinkResult:
    """A good result for an image the server sends as something else is broken."""
    kind = result.content_type
    if result.verdict not in ("ok", "redirected") or not kind or kind.startswith("image/"):
        return result
    detail = f"an image, but the server sends {kind}: link the image itself, not a page showing it"
    return LinkResult(result.url, "broken", result.status, detail, result.final_url, kind)


def _exclusion(url: str, patterns: Sequence[str]) -> str | None:
    return next((pattern for pattern in patterns if re.search(pattern, url)), None)


def _excluded(url: str, pattern: str) -> LinkResult:
    return LinkResult(url, "excluded", None, f"excluded by pattern {quoted(pattern)}", None)


# Called with (links checked, links in all, what the check waits for or None).
Progress = Callable[[int, int, str | None], None]


class _Progress:
    def __init__(self, callback: Progress | None, *, total: int, done: int) -> None:
        self.callback, self.total, self.done = callback, total, done
        self.waits: dict[str, str] = {}
        self._report()

    def advance(self) -> None:
        self.done += 1
        self._report()

    def wait(self, host: str, note: str | None) -> None:
        """Say that the check waits on `host` (a Retry-After, a back-off), or no longer."""
        if note is None:
            self.waits.pop(host, None)
        else:
            self.waits[host] = note
        self._report()

    def _report(self) -> None:
        if self.callback is not None:
            waiting = "; ".join(f"{host}: {note}" for host, note in sorted(self.waits.items())) or None
            self.callback(self.done, self.total, waiting)


@dataclass(frozen=True)
class _Checked:
    result: LinkResult
    network_failure: bool = False  # the host could not be reached at all (DNS, refused, unreachable)


def _any_answers(served: Mapping[str, LinkResult], settings: LinkSettings) -> bool:
    """Whether a host whose link the cache served answers now (a link of each asked at once).
    Where every link checked failed to connect, the network looks down; but the cache's
    links were not asked, and a build without the cache, asking them, would find it up and
    call the failures what they are: a cached result must never turn another link's refusal
    into 'unverified'."""
    by_host = {urlsplit(url).netloc: url for url in served}
    if not by_host:
        return False
    asked = asyncio.run(_check_all(list(by_host.values()), settings, _Progress(None, total=0, done=0)))
    return not all(outcome.network_failure for outcome in asked.values())


def _unreachable_if_all_failed(checked: Mapping[str, _Checked]) -> dict[str, LinkResult]:
    if all(outcome.network_failure for outcome in checked.values()):
        return {url: LinkResult(url, "unverified", None, UNREACHABLE_DETAIL, None) for url in checked}
    return {url: outcome.result for url, outcome in checked.items()}


async def _check_all(urls: Sequence[str], settings: LinkSettings, reporter: _Progress) -> dict[str, _Checked]:
    import aiohttp

    timeout = aiohttp.ClientTimeout(
        total=2 * settings.timeout,
        connect=settings.timeout,
        sock_connect=settings.timeout,
        sock_read=settings.timeout,
    )
    headers = {
        "User-Agent": settings.user_agent,
        "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        "Accept-Language": "en",
    }
    connector = aiohttp.TCPConnector(limit=settings.max_concurrency, limit_per_host=0, ttl_dns_cache=300)
    # Keep cookies (IP hosts too): some sites set one and redirect to the same URL, a loop without it.
    cookies = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(
        connector=connector, timeout=timeout, headers=headers, cookie_jar=cookies
    ) as session:
        checker = _Checker(session, settings, reporter)

        async def check_one(url: str) -> tuple[str, _Checked]:
            outcome = await checker.check(url)
            reporter.advance()
            return url, outcome

        return dict(await asyncio.gather(*(check_one(url) for url in urls)))


@dataclass(frozen=True)
class _Reply:
    status: int
    reason: str
    location: str | None
    retry_after: float | None
    sets_cookie: bool = False
    content_type: str = ""


@dataclass(frozen=True)
class _Failure:
    verdict: Verdict
    detail: str
    status: int | None = None
    retry: bool = True
    network_failure: bool = False
    retry_after: float | None = None


class _HostGate:
    """At most ``limit`` requests at a time to one host; after a 429 one at a time, after a pause."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.active = 0
        self.resume_at = 0.0
        self.head_unsupported = False
        self._changed = asyncio.Condition()

    async def __aenter__(self) -> None:
        async with self._changed:
            await self._changed.wait_for(lambda: self.active < self.limit)
            self.active += 1
        try:
            pause = self.resume_at - time.monotonic()
            if pause > 0:
                await asyncio.sleep(pause)
        except BaseException:
            await self.__aexit__()
            raise

    async def __aexit__(self, *_: object) -> None:
        async with self._changed:
            self.active -= 1
            self._changed.notify()

    def slow_down(self, pause: float) -> None:
        self.limit = 1
        self.resume_at = max(self.resume_at, time.monotonic() + pause)


class _Checker:
    def __init__(self, session: aiohttp.ClientSession, settings: LinkSettings, reporter: _Progress) -> None:
        self.session = session
        self.settings = settings
        self.reporter = reporter
        self.accepted = frozenset(settings.accept_status)
        self.slots = asyncio.Semaphore(settings.max_concurrency)
        self.gates: dict[tuple[str, int], _HostGate] = {}

    async def check(self, url: str) -> _Checked:
        chain = [url]
        permanent = False
        while True:
            outcome = await self._fetch_with_retries(chain[-1])
            if isinstance(outcome, _Failure):
                result = LinkResult(url, outcome.verdict, outcome.status, outcome.detail, _final(chain))
                return _Checked(result, outcome.network_failure)
            if outcome.status not in _REDIRECT_STATUSES or not outcome.location:
                return _Checked(self._verdict(url, outcome, chain, permanent))
            permanent = permanent or outcome.status in _PERMANENT_REDIRECTS
            target = urljoin(chain[-1], outcome.location)
            problem = self._redirect_problem(chain, target, revisit_allowed=outcome.sets_cookie)
            if problem:
                return _Checked(LinkResult(url, "broken", outcome.status, problem, _final(chain)))
            chain.append(target)

    def _redirect_problem(self, chain: list[str], target: str, *, revisit_allowed: bool) -> str | None:
        # A site may set a cookie and send the browser back to the same URL: not a loop.
        if target in chain and not revisit_allowed:
            return "redirect loop: " + " -> ".join(
                unquoted(url) for url in [*chain[chain.index(target) :], target]
            )
        if len(chain) > self.settings.max_redirects:
            return f"more than {self.settings.max_redirects} redirects"
        if urlsplit(target).scheme.lower() not in ("http", "https"):
            return f"redirects to {unquoted(target)}, which is not an http(s) URL"
        return None

    def _verdict(self, url: str, reply: _Reply, chain: list[str], permanent: bool) -> LinkResult:
        final = _final(chain)
        if not (200 <= reply.status < 300 or reply.status in self.accepted):
            return LinkResult(url, "broken", reply.status, _describe(reply), final)
        kind = reply.content_type
        if permanent and final is not None:
            detail = f"permanently redirected to {final}"
            return LinkResult(url, "redirected", reply.status, detail, final, kind)
        return LinkResult(url, "ok", reply.status, _describe(reply), final, kind)

    async def _fetch_with_retries(self, url: str) -> _Reply | _Failure:
        attempt = 0
        while True:
            outcome = await self._attempt(url)
            if isinstance(outcome, _Reply) and outcome.status in self.accepted:
                return outcome
            if isinstance(outcome, _Reply):
                outcome = self._failure_to_retry(outcome) or outcome
            if isinstance(outcome, _Reply) or not outcome.retry or attempt == self.settings.retries:
                return _after_attempts(outcome, attempt + 1)
            pause = self._pause(outcome, attempt)
            if outcome.status == _RATE_LIMITED:
                self._gate(url).slow_down(pause)
            host = urlsplit(url).netloc
            self.reporter.wait(host, f"waiting {pause:.2g} s to retry ({outcome.detail})")
            await asyncio.sleep(pause)
            self.reporter.wait(host, None)
            attempt += 1

    def _failure_to_retry(self, reply: _Reply) -> _Failure | None:
        if reply.status in _RETRY_STATUSES or reply.status >= 500:
            verdict: Verdict = "unverified" if reply.status in _UNVERIFIED_STATUSES else "broken"
            return _Failure(verdict, _describe(reply), reply.status, retry_after=reply.retry_after)
        return None

    def _pause(self, failure: _Failure, attempt: int) -> float:
        if failure.retry_after is not None:
            return min(failure.retry_after, self.settings.max_retry_after)
        return float(self.settings.backoff * 2**attempt)

    async def _attempt(self, url: str) -> _Reply | _Failure:
        import aiohttp

        try:
            return await self._fetch(url)
        except aiohttp.ClientConnectorDNSError as error:
            return _lookup_failure(error.os_error)
        except aiohttp.ClientConnectorCertificateError as error:
            return _Failure("broken", f"TLS certificate not valid: {error.certificate_error}", retry=False)
        except aiohttp.ClientSSLError as error:
            return _Failure("broken", f"TLS error: {error.os_error}", retry=False)
        except aiohttp.ConnectionTimeoutError:
            return _Failure("unverified", "timed out connecting", network_failure=True)
        except aiohttp.ClientConnectorError as error:
            return _connection_failure(error.os_error)
        except TimeoutError:
            return _Failure("unverified", "timed out waiting for a reply")
        except (aiohttp.InvalidURL, ValueError) as error:
            return _Failure("broken", f"invalid URL ({error})", retry=False)
        except aiohttp.ClientError as error:
            return _Failure("broken", f"{type(error).__name__}: {error}")

    async def _fetch(self, url: str) -> _Reply:
        gate = self._gate(url)
        async with gate, self.slots:
            if gate.head_unsupported:
                return await self._request("GET", url)
            reply = await self._request("HEAD", url)
            if reply.status not in _HEAD_REFUSED:
                return reply
            gate.head_unsupported = gate.head_unsupported or reply.status in _HEAD_UNSUPPORTED
            return await self._request("GET", url)

    async def _request(self, method: str, url: str) -> _Reply:
        async with self.session.request(method, url, allow_redirects=False) as response:
            if method != "HEAD":
                response.close()  # drop the connection rather than read a body we do not need
            return _Reply(
                status=response.status,
                reason=response.reason or "",
                location=response.headers.get("Location"),
                retry_after=_retry_after_seconds(response.headers.get("Retry-After")),
                sets_cookie="Set-Cookie" in response.headers,
                content_type=response.headers.get("Content-Type", "").split(";")[0].strip().lower(),
            )

    def _gate(self, url: str) -> _HostGate:
        parts = urlsplit(url)
        key = ((parts.hostname or "").lower(), parts.port or (443 if parts.scheme.lower() == "https" else 80))
        if key not in self.gates:
            self.gates[key] = _HostGate(self.settings.max_per_host)
        return self.gates[key]


def _final(chain: list[str]) -> str | None:
    return chain[-1] if len(chain) > 1 else None


def _describe(reply: _Reply) -> str:
    return f"HTTP {reply.status} {reply.reason}".rstrip()


def _after_attempts(outcome: _Reply | _Failure, attempts: int) -> _Reply | _Failure:
    if isinstance(outcome, _Failure) and outcome.retry and attempts > 1:
        return _Failure(
            outcome.verdict,
            f"{outcome.detail} ({attempts} attempts)",
            outcome.status,
            outcome.retry,
            outcome.network_failure,
        )
    return outcome


def _lookup_failure(error: OSError) -> _Failure:
    """Only a resolver's answer that the name has no address says the host is missing; one that
    could not answer (EAI_AGAIN: its servers unreachable or slow, EAI_FAIL) says nothing of it."""
    if isinstance(error, socket.gaierror) and error.errno not in _NAME_MISSING:
        reason = printable(error.strerror or str(error))
        return _Failure(
            "unverified", f"the name could not be looked up ({reason})", retry=False, network_failure=True
        )
    return _Failure("broken", "host not found", retry=False, network_failure=True)


def _connection_failure(error: OSError) -> _Failure:
    if isinstance(error, ConnectionRefusedError):
        return _Failure("broken", "connection refused", network_failure=True)
    if error.errno in _NETWORK_DOWN_ERRNOS:
        return _Failure("unverified", "network unreachable", network_failure=True)
    return _Failure("unverified", f"cannot connect: {error.strerror or error}", network_failure=True)


def _retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as seconds to wait: either a number of seconds or an HTTP date."""
    if value is None:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # '²' is a digit to isdigit, and no number to float
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, OverflowError):  # OverflowError: a year of twenty digits
        return None
    return max(moment.timestamp() - time.time(), 0.0)


# ---------------------------------------------------------------------------------------
# Cache


class _LinkCache:
    """Good results in SQLite, keyed by URL, each row sealed by the digest of its values.

    Each write is one transaction, so a run killed halfway leaves the previous cache
    intact. The cache only saves time: a file that cannot be read, or that a query finds
    damaged, is started afresh, and `notices` says so once; a row whose values no longer match
    their seal is never served; a database another process holds (locked) is left be and not
    asked again by this run, said once too; a file the system refuses to write (its mode, or a
    cache shared read-only) is the owner's choice, never damage: left as it is, its results
    served where SQLite can read them, and said once; and a cache that cannot be used at all
    (read-only folder) is skipped.
    """

    def __init__(self, path: Path | None, notices: list[str] | None = None) -> None:
        self.path = path
        self.notices: list[str] = [] if notices is None else notices
        self._held = False  # by another process: left be for the rest of this run

    def fresh_results(self, urls: Sequence[str], settings: LinkSettings) -> dict[str, LinkResult]:
        if not urls:
            return {}
        wanted = set(urls)
        accepted = set(settings.accept_status)
        # A result stored while the clock was ahead is no fresher than one of now: never served.
        query = f"SELECT {_COLUMNS}, seal FROM {_TABLE} WHERE checked_at >= ? AND checked_at <= ?"
        now = time.time()
        moments = (now - settings.cache_max_age, now + CLOCK_SLACK)
        rows = self._using(lambda connection: connection.execute(query, moments).fetchall()) or []
        return {
            url: LinkResult(url, verdict, status, detail, final_url)
            for url, verdict, status, detail, final_url, checked_at, seal in rows
            if url in wanted
            and seal == _seal(url, verdict, status, detail, final_url, checked_at)
            and verdict in REUSABLE
            and isinstance(status, int)
            and (200 <= status < 300 or status in accepted)
        }

    def remote_image(self, url: str) -> tuple[float, list[object]] | None:
        """What was learnt of the remote image at `url` (digest/render/remote.py), and when;
        None where nothing sound is stored."""
        query = f"SELECT facts, fetched_at, seal FROM {_IMAGES_TABLE} WHERE url = ?"
        row = self._using(lambda connection: connection.execute(query, (url,)).fetchone())
        if row is None or row[2] != _seal(url, *row[:2]) or not isinstance(row[1], float):
            return None
        try:
            facts = json.loads(row[0])
        except ValueError:
            return None
        return (row[1], facts) if isinstance(facts, list) else None

    def save_remote_image(self, url: str, facts: list[object]) -> None:
        row = (url, json.dumps(facts), time.time())

        def write(connection: sqlite3.Connection) -> None:
            with connection:
                connection.execute(
                    f"INSERT OR REPLACE INTO {_IMAGES_TABLE} (url, facts, fetched_at, seal) "
                    "VALUES (?, ?, ?, ?)",
                    (*row, _seal(*row)),
                )

        self._using(write)

    def save(self, results: Sequence[LinkResult]) -> None:
        now = time.time()
        good = [r for r in results if _reusable(r)]
        failed = [(r.url,) for r in results if not _reusable(r)]

        def write(connection: sqlite3.Connection) -> None:
            with connection:
                connection.executemany(
                    f"INSERT OR REPLACE INTO {_TABLE} ({_COLUMNS}, seal) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        (*row, _seal(*row))
                        for row in ((r.url, r.verdict, r.status, r.detail, r.final_url, now) for r in good)
                    ],
                )
                connection.executemany(f"DELETE FROM {_TABLE} WHERE url = ?", failed)

        self._using(write)

    def _using(self, action: Callable[[sqlite3.Connection], T]) -> T | None:
        """What `action` returns on a connection to the cache; None where it cannot be used."""
        if self.path is None or self._held:
            return None
        try:
            with self._connection(self.path) as connection:
                return action(connection)
        # A bit flipped in the schema's text (a table's name) is quoted in SQLite's message,
        # which Python then fails to decode: damaged as much as a DatabaseError says.
        except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
            if _busy(error):
                self._left_be(self.path, error)
            elif read_only(error, self.path):
                self._left_read_only(self.path)
            elif getattr(error, "sqlite_errorname", "").startswith(DAMAGED):
                # Found by a query where opening found nothing wrong (a page of a table torn):
                # every later query would fail too, so no result was served or kept again.
                self._start_afresh(self.path, "was damaged and has been replaced")
            return None
        except (OSError, sqlite3.Error):
            return None

    @contextmanager
    def _connection(self, path: Path) -> Iterator[sqlite3.Connection]:
        try:
            connection = _connect(path)
        except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
            if _busy(error) or read_only(error, path):
                raise  # another process's, in use, or its owner's, made read-only: never deleted
            self._start_afresh(path, "was unreadable and has been replaced")
            connection = _connect(path)
        try:
            yield connection
        finally:
            connection.close()

    def _start_afresh(self, path: Path, why: str) -> None:
        _start_afresh(path)
        self._say(f"{path}: the link cache {why}")

    def _left_be(self, path: Path, error: Exception) -> None:
        self._held = True
        self._say(f"{path}: the link cache is in use by another process ({error}); checking without it")

    def _left_read_only(self, path: Path) -> None:
        self._held = True
        self._say(
            f"{path}: the link cache is read-only, so no result of this check is kept: "
            "make the file writable, or delete it"
        )

    def _say(self, notice: str) -> None:
        if notice not in self.notices:
            self.notices.append(notice)


def _busy(error: Exception) -> bool:
    return getattr(error, "sqlite_errorname", "").startswith(BUSY)


LinkCache = _LinkCache  # for the remote pictures' sizes (digest/render/remote.py)

REUSABLE = ("ok", "redirected")  # the verdicts kept; any other a stored row holds is damage
# v2: each row sealed. SQLite checks no value's bytes: a bit flipped in a stored address can
# make it another address, served as good without ever being checked.
_TABLE = "link_results_v2"
_COLUMNS = "url, verdict, status, detail, final_url, checked_at"
_SCHEMA = (
    f"CREATE TABLE IF NOT EXISTS {_TABLE} (url TEXT PRIMARY KEY, verdict TEXT NOT NULL, "
    "status INTEGER NOT NULL, detail TEXT NOT NULL, final_url TEXT, checked_at REAL NOT NULL, "
    "seal BLOB NOT NULL)"
)
# What a remote picture is (its format, size, weight), as its server sent it: network
# knowledge, kept for [links] cache_max_age beside the links' results, never in the build
# cache, whose entries depend on the sources alone (a build without it, given this cache,
# builds the same email).
_IMAGES_TABLE = "remote_images_v1"
_IMAGES_SCHEMA = (
    f"CREATE TABLE IF NOT EXISTS {_IMAGES_TABLE} (url TEXT PRIMARY KEY, facts TEXT NOT NULL, "
    "fetched_at REAL NOT NULL, seal BLOB NOT NULL)"
)


def _seal(*values: object) -> bytes:
    """The digest of a row's values (a damaged text, read with its bytes kept, included)."""
    return hashlib.sha256(json.dumps(values).encode("utf-8", "surrogateescape")).digest()


def _text(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def _start_afresh(path: Path) -> None:
    """The database and its WAL and index removed; a folder in the place of one too (the cache
    folder is digest's), which was left there, so every run asked every link again."""
    for suffix in ("", "-wal", "-shm"):
        each = path.with_name(path.name + suffix)
        if each.is_dir() and not each.is_symlink():
            remove_tree(each)
        else:
            each.unlink(missing_ok=True)


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    for each in (path, path.with_name(f"{path.name}-wal"), path.with_name(f"{path.name}-shm")):
        written_in_place_only_if_ours(each)  # never through a link to another program's database
    connection = sqlite3.connect(path)  # a lock another holds: 5 s, once a run
    # A row whose text was damaged on disk (not UTF-8) failed the whole query, so no result
    # was ever served again; read this way it matches no address and the others are served.
    connection.text_factory = _text
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute(_SCHEMA)
        connection.execute(_IMAGES_SCHEMA)
        connection.execute("DROP TABLE IF EXISTS link_results_v1")  # unsealed: an older digest's
        connection.execute(f"SELECT count(*) FROM {_TABLE}").fetchone()
    except (sqlite3.DatabaseError, UnicodeDecodeError):
        connection.close()
        raise
    return connection


def _reusable(result: LinkResult) -> bool:
    return result.verdict in REUSABLE and result.status is not None


# ---------------------------------------------------------------------------------------
# Findings and reports

_SEVERITY: dict[Verdict, Literal["error", "warning"]] = {
    "broken": "error",
    "redirected": "warning",
    "unverified": "warning",
}
_WORDING: dict[Verdict, str] = {
    "broken": "broken link",
    "redirected": "redirected link",
    "unverified": "could not verify",
}
_ADVICE: dict[Verdict, str] = {
    "broken": "fix the address or remove the link",
    "redirected": "link to the new address",
    "unverified": "open it in a browser, or add it to [links] exclude if it only answers browsers",
}


def findings_from_results(results: Sequence[LinkResult], links: Sequence[FoundLink]) -> list[Finding]:
    """An error for each broken link, a warning for each redirected or unverified one.

    Each names where the URL came from (review file and line when known) and every output
    it appears in. Links left unverified because the network is down make one warning.
    """
    sources = _links_by_url(links)
    findings: list[Finding] = []
    unreachable = 0
    for result in results:
        if result.verdict not in _SEVERITY:
            continue
        if result.detail == UNREACHABLE_DETAIL:
            unreachable += 1
            continue
        found = sources.get(result.url, [])
        what, advice = _WORDING[result.verdict], _ADVICE[result.verdict]
        message = f"{what} {unquoted(result.url)}: {result.detail}{_found_in(found)}: {advice}"
        path, line = ((found[0].origin or Path(found[0].output)), found[0].line) if found else (None, None)
        findings.append(Finding(_SEVERITY[result.verdict], "external-link", message, path, line))
    if unreachable:
        message = f"{UNREACHABLE_DETAIL}; {unreachable} external links were not verified"
        findings.append(Finding("warning", "external-link", message))
    return findings


def _links_by_url(links: Sequence[FoundLink]) -> dict[str, list[FoundLink]]:
    grouped: dict[str, list[FoundLink]] = {}
    for link in links:
        grouped.setdefault(without_fragment(link.url), []).append(link)
    return grouped


def _found_in(found: Sequence[FoundLink]) -> str:
    outputs = list(dict.fromkeys(link.output for link in found))
    return f" (in {', '.join(outputs)})" if outputs else ""


def format_report(
    results: Sequence[LinkResult],
    links: Sequence[FoundLink],
    fmt: Literal["text", "json"],
    *,
    findings: Sequence[Finding] = (),
    external: Sequence[str] = (),
) -> str:
    """The report of ``digest links``: static ``findings`` first, then every external link that is
    not plainly ok (text), or every link of the build with its verdict (json), and a summary.
    External links in `external` without a result are reported as not checked."""
    checked = {result.url for result in results}
    unchecked = [_not_checked(url) for url in sorted(set(external) - checked)]
    rows: list[_Row] = [*results, *unchecked]
    ordered = sorted(rows, key=lambda r: (_REPORT_ORDER.index(r.verdict), r.url))
    if fmt == "json":
        return _json_report(ordered, links, findings)
    return _text_report(ordered, links, findings)


NOT_CHECKED: Literal["not checked"] = "not checked"
_REPORT_ORDER: tuple[str, ...] = (*_VERDICT_ORDER, NOT_CHECKED)


@dataclass(frozen=True)
class _Unchecked:
    """An external link the report lists that was not checked over the network: a row as a
    LinkResult is, with a verdict no check gives."""

    url: str
    verdict: Literal["not checked"] = NOT_CHECKED
    status: None = None
    detail: str = "not checked over the network (--no-check-links or [links] check = false)"
    final_url: None = None
    content_type: str = ""


_Row = LinkResult | _Unchecked


def _not_checked(url: str) -> _Unchecked:
    return _Unchecked(url)


def _summary(results: Sequence[_Row]) -> dict[str, int]:
    return {verdict: sum(result.verdict == verdict for result in results) for verdict in _REPORT_ORDER}


def _text_report(results: Sequence[_Row], links: Sequence[FoundLink], findings: Sequence[Finding]) -> str:
    sources = _links_by_url(links)
    lines = [str(finding) for finding in findings]
    for result in results:
        if result.verdict in ("ok", NOT_CHECKED):
            continue
        lines.append(f"{result.verdict:<10}  {result.url}  {result.detail}")
        lines.extend(f"            in {_place(link)}" for link in sources.get(result.url, []))
    counts = ", ".join(f"{count} {verdict}" for verdict, count in _summary(results).items() if count)
    lines.append(f"{len(results)} external links: {counts or 'none'}; {len(findings)} other findings")
    return "\n".join(printable(line) for line in lines)  # a name's line break or tab, shown as one


def _place(link: FoundLink) -> str:
    if link.origin is None:
        return link.output
    where = f"{link.origin}:{link.line}" if link.line else str(link.origin)
    return f"{where} ({link.output})"


def _json_report(results: Sequence[_Row], links: Sequence[FoundLink], findings: Sequence[Finding]) -> str:
    """Every link of the build: external ones with their verdict (or "not checked"), the
    others (pages of the build, mail and phone links), judged offline, as ok or broken with
    the finding about them."""
    by_url: dict[str, list[FoundLink]] = {}
    for link in links:
        by_url.setdefault(link.url, []).append(link)
    external = {result.url: result for result in results}
    records = []
    for url in sorted({*by_url, *external}):
        found = by_url.get(url, [])
        result = external.get(without_fragment(url))
        if result is not None:
            record: dict[str, Any] = {**asdict(result), "url": url, "scope": "external"}
        else:
            problems = [f.message for f in findings if _names_link(f.message, url)]
            verdict = "broken" if problems else "ok"
            scope = "other" if url.lower().startswith(("mailto:", "tel:")) else "site"
            record = {"url": url, "verdict": verdict, "detail": "; ".join(problems), "scope": scope}
        record["status"] = record["verdict"]
        records.append({**record, "found_in": [_link_record(link) for link in found]})
    # Each link judged once: an external address however many fragments it is written with,
    # a link within the site (or a mail or phone link) as it is written.
    summary = _summary(results)
    for record in records:
        if record["scope"] != "external":
            summary[record["verdict"]] += 1
    report: dict[str, Any] = {
        "summary": summary,
        "findings": [_finding_record(finding) for finding in findings],
        "links": records,
    }
    return json.dumps(report, indent=2, ensure_ascii=False)


def _names_link(message: str, url: str) -> bool:
    """Whether a finding is about the link `url`: its message names it whole after 'link '
    ('link https://x.org/a/ points to...'), not as the start of a longer address."""
    return re.search(rf"\blink {re.escape(url)}(?=[\s:]|$)", message) is not None


def _finding_record(finding: Finding) -> dict[str, Any]:
    return {**asdict(finding), "path": str(finding.path) if finding.path else None}


def _link_record(link: FoundLink) -> dict[str, Any]:
    return {"output": link.output, "origin": str(link.origin) if link.origin else None, "line": link.line}
