"""digest/checks/http.py: the network link checker, against servers the tests start on 127.0.0.x, never the internet."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from digest.checks.http import (
    UNREACHABLE_DETAIL,
    LinkResult,
    LinkSettings,
    check_urls,
    findings_from_results,
    format_report,
)
from digest.checks.links import FoundLink
from digest.errors import Finding
from tests.conftest import ONLY_LOOPBACK
from tests.helpers import not_writable, review_file, someone_elses_database
from tests.linkservers import HUGE_BODY_SIZE, Servers, closed_port, serving
from tests.test_cli import run
from tests.test_robustness import ISSUE

# Small numbers keep the suite fast; the behaviour is the same as with the defaults.
FAST = LinkSettings(timeout=0.5, retries=1, backoff=0.01, max_retry_after=0.2)
A, B, C = "127.0.0.1", "127.0.0.2", "127.0.0.3"


@pytest.fixture
def servers() -> Iterator[Servers]:
    with serving((A, B, C)) as running:
        yield running


def check_one(url: str, settings: LinkSettings = FAST, cache_path: Path | None = None) -> LinkResult:
    [result] = check_urls([url], settings, cache_path=cache_path)
    return result


def test_importing_the_checker_does_not_import_aiohttp() -> None:
    code = "import sys, digest.checks.http, digest.checks.links; print('aiohttp' in sys.modules)"
    imported = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert imported.stdout.strip() == "False"


def test_nothing_to_check_makes_no_requests() -> None:
    assert check_urls([], FAST, cache_path=None) == []


def test_statuses_give_verdicts(servers: Servers) -> None:
    urls = [servers.url(A, "/status/200"), servers.url(B, "/status/404"), servers.url(C, "/status/410")]
    assert check_urls(urls, FAST, cache_path=None) == [
        LinkResult(urls[0], "ok", 200, "HTTP 200 OK", None),
        LinkResult(urls[1], "broken", 404, "HTTP 404 Not Found", None),
        LinkResult(urls[2], "broken", 410, "HTTP 410 Gone", None),
    ]
    assert servers.traffic.total() == 3  # HEAD only: no retries for a 4xx


def test_a_permanent_redirect_chain_across_hosts_names_its_final_target(servers: Servers) -> None:
    final = servers.url(C, "/status/200")
    middle = servers.url(B, f"/redirect?status=308&to={final}")
    url = servers.url(A, f"/redirect?status=301&to={middle.replace('&', '%26')}")
    assert check_one(url) == LinkResult(url, "redirected", 200, f"permanently redirected to {final}", final)


def test_a_temporary_redirect_is_ok(servers: Servers) -> None:
    url = servers.url(A, "/redirect?status=302&to=/status/200")
    assert check_one(url) == LinkResult(url, "ok", 200, "HTTP 200 OK", servers.url(A, "/status/200"))


def test_a_redirect_to_a_missing_page_is_broken(servers: Servers) -> None:
    result = check_one(servers.url(A, "/redirect?status=301&to=/status/404"))
    assert (result.verdict, result.status) == ("broken", 404)


def test_a_redirect_loop_is_broken(servers: Servers) -> None:
    result = check_one(servers.url(A, "/loop/a"))
    assert result.verdict == "broken"
    assert (
        result.detail
        == f"redirect loop: {servers.url(A, '/loop/a')} -> {servers.url(A, '/loop/b')} -> "
        + (servers.url(A, "/loop/a"))
    )
    assert servers.traffic.total() == 2


def test_a_redirect_back_to_the_same_url_with_a_cookie_is_not_a_loop(servers: Servers) -> None:
    url = servers.url(A, "/cookie-gate")
    assert check_one(url) == LinkResult(url, "ok", 200, "HTTP 200 OK", url)


def test_redirects_beyond_the_limit_are_broken(servers: Servers) -> None:
    url = servers.url(A, "/status/200")
    for _ in range(3):
        url = servers.url(A, "/redirect?status=302&to=" + url.replace("%", "%25").replace("&", "%26"))
    result = check_one(url, replace(FAST, max_redirects=2))
    assert (result.verdict, result.detail) == ("broken", "more than 2 redirects")


def test_a_reply_slower_than_the_timeout_is_unverified_after_retries(servers: Servers) -> None:
    url = servers.url(A, "/slow?seconds=3")
    result = check_one(url)
    assert (result.verdict, result.status) == ("unverified", None)
    assert result.detail == "timed out waiting for a reply (2 attempts)"
    assert servers.traffic.count(A, "/slow") == 2


def test_a_reply_within_the_timeout_is_ok(servers: Servers) -> None:
    assert check_one(servers.url(A, "/slow?seconds=0.1")).verdict == "ok"


def test_429_with_retry_after_is_retried_and_slows_the_host(servers: Servers) -> None:
    url = servers.url(B, "/flaky/rate?status=429&retry_after=120")
    assert check_one(url).verdict == "ok"  # Retry-After is honoured only up to max_retry_after
    assert servers.traffic.count(B, "/flaky/rate") == 2


def test_a_host_answering_429_to_parallel_requests_gets_one_at_a_time(servers: Servers) -> None:
    urls = [servers.url(C, f"/throttled?n={n}") for n in range(8)]
    settings = replace(FAST, retries=2, timeout=2.0)
    results = check_urls(urls, settings, cache_path=None)
    assert [result.verdict for result in results] == ["ok"] * 8


def test_retry_after_may_be_an_http_date(servers: Servers) -> None:
    url = servers.url(B, "/flaky/dated?status=503&retry_after=Wed,%2021%20Oct%202015%2007:28:00%20GMT")
    assert check_one(url).verdict == "ok"
    assert servers.traffic.count(B, "/flaky/dated") == 2


def test_a_host_that_keeps_answering_429_is_unverified(servers: Servers) -> None:
    result = check_one(servers.url(B, "/flaky/always?status=429&times=99&retry_after=0"))
    assert (result.verdict, result.status) == ("unverified", 429)


def test_500_then_200_is_ok_after_a_retry(servers: Servers) -> None:
    assert check_one(servers.url(A, "/flaky/once?status=500")).verdict == "ok"
    assert servers.traffic.count(A, "/flaky/once") == 2


def test_5xx_after_every_retry_is_broken(servers: Servers) -> None:
    result = check_one(servers.url(A, "/status/503"))
    assert result == LinkResult(result.url, "broken", 503, "HTTP 503 Service Unavailable (2 attempts)", None)


def test_405_on_head_falls_back_to_get(servers: Servers) -> None:
    assert check_one(servers.url(B, "/no-head")).verdict == "ok"
    assert servers.traffic.count(B, "/no-head", "HEAD") == 1
    assert servers.traffic.count(B, "/no-head", "GET") == 1


def test_a_browser_like_user_agent_is_sent_by_default(servers: Servers) -> None:
    url = servers.url(C, "/browsers-only")
    assert check_one(url).verdict == "ok"
    scripted = replace(FAST, user_agent="python-script/1.0")
    assert (check_one(url, scripted).verdict, check_one(url, scripted).status) == ("broken", 403)


def test_a_huge_body_is_not_read(servers: Servers) -> None:
    assert check_one(servers.url(A, "/huge")).verdict == "ok"
    deadline = time.monotonic() + 5
    while servers.traffic.huge_bytes_sent is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert servers.traffic.huge_bytes_sent is not None
    assert servers.traffic.huge_bytes_sent < HUGE_BODY_SIZE // 16


def test_the_fragment_is_not_sent_to_the_server(servers: Servers) -> None:
    [result] = check_urls([servers.url(A, "/anchors")], FAST, cache_path=None)
    assert result.verdict == "ok"
    assert servers.traffic.count(A, "/anchors") == 1


def test_duplicate_urls_are_checked_once(servers: Servers) -> None:
    url = servers.url(A, "/status/200")
    assert len(check_urls([url, url], FAST, cache_path=None)) == 1
    assert servers.traffic.total() == 1


def test_excluded_urls_are_not_requested(servers: Servers) -> None:
    settings = replace(FAST, exclude=(r"/status/4\d\d$",))
    url = servers.url(A, "/status/404")
    assert check_one(url, settings) == LinkResult(
        url, "excluded", None, r"excluded by pattern '/status/4\\d\\d$'", None
    )
    assert servers.traffic.total() == 0


def test_accepted_statuses_are_ok(servers: Servers) -> None:
    settings = replace(FAST, accept_status=(403, 503))
    assert check_one(servers.url(A, "/status/403"), settings).verdict == "ok"
    assert check_one(servers.url(A, "/status/503"), settings).verdict == "ok"
    assert servers.traffic.count(A, "/status/503") == 1  # an accepted status is not retried


def test_per_host_and_global_limits_hold(servers: Servers) -> None:
    urls = [servers.url(host, f"/slow?seconds=0.1&n={n}") for host in (A, B, C) for n in range(8)]
    settings = replace(FAST, max_per_host=3, max_concurrency=5)
    assert {result.verdict for result in check_urls(urls, settings, cache_path=None)} == {"ok"}
    assert max(servers.traffic.most_in_flight.values()) <= 3
    assert servers.traffic.most_in_flight_overall <= 5


def test_progress_is_reported_up_to_the_total(servers: Servers) -> None:
    seen: list[tuple[int, int, str | None]] = []
    urls = [servers.url(A, f"/status/200?n={n}") for n in range(3)]
    check_urls(urls, FAST, cache_path=None, progress=lambda *report: seen.append(report))
    assert seen == [(0, 3, None), (1, 3, None), (2, 3, None), (3, 3, None)]


def test_progress_says_which_host_the_check_waits_for(servers: Servers) -> None:
    seen: list[tuple[int, int, str | None]] = []
    url = servers.url(B, "/flaky/progress?status=429&retry_after=1")
    check_urls([url], FAST, cache_path=None, progress=lambda *report: seen.append(report))
    waits = [waiting for _, _, waiting in seen if waiting]
    assert (
        waits and waits[0] == f"{urlsplit(url).netloc}: waiting 0.2 s to retry (HTTP 429 Too Many Requests)"
    )
    assert seen[-1] == (1, 1, None)


# --- cache -------------------------------------------------------------------------------


def test_a_second_run_on_unchanged_urls_makes_no_requests(servers: Servers, tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "links.sqlite3"
    urls = [servers.url(A, "/status/200"), servers.url(B, "/redirect?status=301&to=/status/200")]
    first = check_urls(urls, FAST, cache_path=cache)
    requests = servers.traffic.total()
    assert check_urls(urls, FAST, cache_path=cache) == first
    assert servers.traffic.total() == requests


def test_failures_are_always_rechecked(servers: Servers, tmp_path: Path) -> None:
    cache = tmp_path / "links.sqlite3"
    url = servers.url(A, "/status/404")
    check_urls([url], FAST, cache_path=cache)
    check_urls([url], FAST, cache_path=cache)
    assert servers.traffic.count(A, "/status/404") == 2


def test_good_results_older_than_the_maximum_age_are_rechecked(servers: Servers, tmp_path: Path) -> None:
    cache = tmp_path / "links.sqlite3"
    url = servers.url(A, "/status/200")
    check_urls([url], FAST, cache_path=cache)
    check_urls([url], replace(FAST, cache_max_age=0.0), cache_path=cache)
    assert servers.traffic.count(A, "/status/200") == 2


def test_a_result_checked_in_the_future_is_rechecked(
    servers: Servers, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A result stored while the clock was ahead (a machine's date set years on, then put
    right) was served as fresh until that date came: the link went unchecked for years."""
    cache = tmp_path / "links.sqlite3"
    url = servers.url(A, "/status/200")
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 10 * 365 * 86400)
    check_urls([url], FAST, cache_path=cache)
    monkeypatch.setattr(time, "time", lambda: now)
    check_urls([url], FAST, cache_path=cache)
    assert servers.traffic.count(A, "/status/200") == 2


def test_a_cached_status_no_longer_accepted_is_rechecked(servers: Servers, tmp_path: Path) -> None:
    cache = tmp_path / "links.sqlite3"
    url = servers.url(A, "/status/403")
    check_urls([url], replace(FAST, accept_status=(403,)), cache_path=cache)
    assert check_one(url, FAST, cache_path=cache).verdict == "broken"


def test_a_corrupt_cache_is_started_afresh(servers: Servers, tmp_path: Path) -> None:
    cache = tmp_path / "links.sqlite3"
    cache.write_bytes(b"this is not a database" * 100)
    url = servers.url(A, "/status/200")
    assert check_one(url, cache_path=cache).verdict == "ok"
    assert check_one(url, cache_path=cache).verdict == "ok"
    assert servers.traffic.total() == 1
    with sqlite3.connect(cache) as connection:
        assert connection.execute("SELECT url FROM link_results_v2").fetchall() == [(url,)]


@pytest.mark.parametrize("name", ["links.sqlite3", "links.sqlite3-wal", "links.sqlite3-shm"])
def test_a_folder_in_place_of_the_link_cache_is_started_afresh(
    servers: Servers, tmp_path: Path, name: str
) -> None:
    """A folder where the link cache or its WAL belongs: every run asked every link again and
    kept nothing, for ever, without a word (found by round 16, as the build cache's)."""
    cache = tmp_path / "links.sqlite3"
    (tmp_path / name).mkdir()
    (tmp_path / name / "inside").write_text("x")
    url = servers.url(A, "/status/200")
    assert check_one(url, cache_path=cache).verdict == "ok"
    assert check_one(url, cache_path=cache).verdict == "ok"
    assert servers.traffic.total() == 1
    assert cache.is_file() and not (tmp_path / name).is_dir()


def test_a_link_cache_whose_schema_text_is_not_utf8_is_started_afresh(tmp_path: Path) -> None:
    """One bit flipped in the table's name as the schema stores it (found by fuzz14's random
    bits in the build cache): Python fails to decode the name SQLite quotes in its message,
    a UnicodeDecodeError no DatabaseError, and the check stopped with a traceback."""
    from digest.checks.http import LinkResult, _LinkCache

    cache = tmp_path / "links.sqlite3"
    url = "https://example.org/kept"
    _LinkCache(cache).save([LinkResult(url, "ok", 200, "HTTP 200 OK", None)])
    data = bytearray(cache.read_bytes())
    data[data.index(b"tablelink_results_v2") + len("tablel")] ^= 0x80
    cache.write_bytes(bytes(data))
    assert _LinkCache(cache).fresh_results([url], FAST) == {}
    _LinkCache(cache).save([LinkResult(url, "ok", 200, "HTTP 200 OK", None)])
    assert url in _LinkCache(cache).fresh_results([url], FAST)


def test_a_stored_address_damaged_on_disk_costs_only_its_own_result(tmp_path: Path) -> None:
    """A stored address no longer UTF-8 made the whole query fail, silently, on every run
    after (no INSERT replaces a row under an address no one checks): no result was ever
    served again. Now the damaged row matches nothing and the others are served."""
    from digest.checks.http import LinkResult, _LinkCache

    cache = tmp_path / "links.sqlite3"
    kept, damaged = "https://example.org/kept", "https://example.org/damaged"
    _LinkCache(cache).save([LinkResult(url, "ok", 200, "HTTP 200 OK", None) for url in (kept, damaged)])
    data = bytearray(cache.read_bytes())
    data[data.index(damaged.encode()) + len(damaged) - 2] ^= 0x80  # the table's row, before its index
    cache.write_bytes(bytes(data))
    assert list(_LinkCache(cache).fresh_results([kept, damaged], FAST)) == [kept]


@pytest.mark.parametrize(
    ("column", "value", "asked"),
    [
        ("url", "https://example.org/kepu", "https://example.org/kepu"),  # one bit: another address
        ("verdict", "redirectes", "https://example.org/kept"),
        ("status", 201, "https://example.org/kept"),
        ("final_url", None, "https://example.org/kept"),
    ],
)
def test_a_stored_result_changed_on_disk_is_never_served(
    tmp_path: Path, column: str, value: object, asked: str
) -> None:
    """SQLite checks no value's bytes: a bit flipped in a stored address made it another
    address, served as good without ever being checked (the build cache seals its values
    for this; the link cache did not). Each row is sealed by the digest of its values."""
    from digest.checks.http import LinkResult, _LinkCache

    cache = tmp_path / "links.sqlite3"
    url = "https://example.org/kept"
    _LinkCache(cache).save([LinkResult(url, "redirected", 200, "HTTP 200 OK", "https://example.org/new")])
    assert url in _LinkCache(cache).fresh_results([url], FAST)
    with sqlite3.connect(cache) as connection:
        connection.execute(f"UPDATE link_results_v2 SET {column} = ?", (value,))
    assert _LinkCache(cache).fresh_results([asked], FAST) == {}


# --- round 17: the link cache damaged where a query finds it, or held by another process ------

HOLDER = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA locking_mode=EXCLUSIVE")
db.execute("BEGIN IMMEDIATE")
db.execute("CREATE TABLE held (x)")
print("held", flush=True)
time.sleep(600)
"""


def test_a_link_cache_another_process_holds_is_never_replaced_and_is_said_once(
    servers: Servers, tmp_path: Path
) -> None:
    """A database another process holds (locked: SQLite says 'database is locked') was taken
    for damage: deleted under that process and started afresh, without a word. The check goes
    on without it, leaves it be, and says so once (found by round 17)."""
    cache = tmp_path / "links.sqlite3"
    kept, other = servers.url(A, "/status/200"), servers.url(B, "/status/200")
    check_urls([kept], FAST, cache_path=cache)
    inode = cache.stat().st_ino
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(cache)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        notices: list[str] = []
        results = check_urls([kept, other], FAST, cache_path=cache, notices=notices)
        assert [r.verdict for r in results] == ["ok", "ok"]
        assert cache.stat().st_ino == inode
        assert len(notices) == 1 and str(cache) in notices[0] and "in use by another process" in notices[0]
    finally:
        holder.kill()
        holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()
    notices = []
    assert check_urls([kept], FAST, cache_path=cache, notices=notices)[0].verdict == "ok" and not notices
    assert servers.traffic.count(A, "/status/200") == 2  # the first check's result was kept


@pytest.mark.parametrize("made_by", ["another program", "digest"])
def test_a_read_only_link_cache_is_left_as_it_is_and_said_once(
    servers: Servers, tmp_path: Path, made_by: str
) -> None:
    """A link cache its owner made read-only (chmod a-w, or a cache shared read-only) was taken
    for damage and replaced, "the link cache was unreadable", when it was not in digest's WAL
    mode; in it, nothing was kept and nothing said (found by review24). It is left as it is, its
    results still served where SQLite can read them, and the check says once why nothing is kept."""
    from digest.checks.http import _LinkCache

    cache = tmp_path / "links.sqlite3"
    kept = servers.url(A, "/status/200")
    if made_by == "digest":
        _LinkCache(cache).save([LinkResult(kept, "ok", 200, "HTTP 200 OK", None)])
        with sqlite3.connect(cache) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    else:
        someone_elses_database(cache)
    before, inode = cache.read_bytes(), cache.stat().st_ino
    notices: list[str] = []
    other = servers.url(B, "/status/200")
    with not_writable(cache):
        results = check_urls([kept, other], FAST, cache_path=cache, notices=notices)
    assert [r.verdict for r in results] == ["ok"] * 2
    assert cache.read_bytes() == before and cache.stat().st_ino == inode
    assert len(notices) == 1 and notices[0].startswith(f"{cache}: the link cache is read-only"), notices
    asked = 1 if made_by == "digest" else 2  # the stored result served
    assert servers.traffic.count(A, "/status/200") + servers.traffic.count(B, "/status/200") == asked


def test_damage_a_query_finds_starts_the_link_cache_afresh_and_is_said_once(
    servers: Servers, tmp_path: Path
) -> None:
    """A page of the results' table zeroed (a torn write, a disk's damage) where opening the
    database finds nothing wrong: every query then failed, so no result was served or kept
    again, for ever, without a word (found by round 17). The database is replaced, once, and
    said so; the next check is served from it."""
    from digest.checks.http import _LinkCache

    cache = tmp_path / "links.sqlite3"
    stored = [
        LinkResult(f"https://example.org/{'x' * 200}/{n}", "ok", 200, "HTTP 200 OK", None) for n in range(200)
    ]
    _LinkCache(cache).save(stored)
    with sqlite3.connect(cache) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(cache.read_bytes())
    data[4096:8192] = bytes(4096)
    cache.write_bytes(bytes(data))
    url = servers.url(A, "/status/200")
    said: list[list[str]] = []
    for _ in range(2):
        notices: list[str] = []
        assert check_urls([url], FAST, cache_path=cache, notices=notices)[0].verdict == "ok"
        said.append(notices)
    assert len(said[0]) == 1 and str(cache) in said[0][0] and "damaged" in said[0][0]
    assert said[1] == []
    assert servers.traffic.count(A, "/status/200") == 1  # the second served from the new database


def test_headers_trickled_past_the_whole_wait_are_unverified_and_never_kept(tmp_path: Path) -> None:
    """A server that sends a header line at a time, each well within the timeout, never the
    blank line that ends them: the check gives up after its whole wait (twice the timeout),
    calls the link unverified and keeps nothing of it (round 17)."""
    import threading

    from tests.linkservers import raw_serving

    def trickled(connection: socket.socket, stopping: threading.Event) -> None:
        connection.sendall(b"HTTP/1.1 200 OK\r\n")
        while not stopping.wait(0.05):
            connection.sendall(b"X-Slow: x\r\n")

    cache = tmp_path / "links.sqlite3"
    with raw_serving(A, trickled) as address:
        url = f"{address}/page"
        [result] = check_urls([url], FAST, cache_path=cache)
    assert (result.verdict, result.detail) == ("unverified", "timed out waiting for a reply (2 attempts)")
    with sqlite3.connect(cache) as connection:
        assert connection.execute("SELECT url FROM link_results_v2").fetchall() == []


@pytest.mark.parametrize("command", ["build", "links"])
def test_a_build_says_once_that_its_link_cache_was_damaged_and_replaced(project: Path, command: str) -> None:
    """What the link cache's damage costs is said, as the build cache's is: once, by the build
    (or the link check) that found it; the next says nothing (found by round 17: nothing was
    ever said; `digest links` said nothing after that)."""
    from tests.linkservers import serving

    path = review_file(project)
    with serving(("127.0.0.1",)) as servers:
        path.write_text(path.read_text() + f"\n\n[The data]({servers.url('127.0.0.1', '/status/200')}).\n")
        settings = project / "digest.toml"
        text = settings.read_text().replace("check = false", f"check = true\n{ONLY_LOOPBACK}")
        settings.write_text(text.replace("https_only = true", "https_only = false"))
        first = run(project, "build", ISSUE)
        assert first.exit_code == 0, first.output
        cache = project / ".digest-cache" / "links.sqlite3"
        cache.write_bytes(b"\0" * cache.stat().st_size)
        said = [run(project, command, ISSUE) for _ in range(2)]
    assert [result.exit_code for result in said] == [0, 0]
    notes = [[line for line in result.output.splitlines() if "links.sqlite3" in line] for result in said]
    assert notes[0] == [f"note: {cache}: the link cache was unreadable and has been replaced"], said[0].output
    assert notes[1] == []


# --- unreachable hosts and the offline path -----------------------------------------------


def test_a_closed_port_and_an_unknown_host_are_broken_when_other_hosts_answer(servers: Servers) -> None:
    refused = f"http://127.0.0.4:{closed_port('127.0.0.4')}/page"
    unknown = "http://no-such-host.invalid/page"
    results = check_urls([servers.url(A, "/status/200"), refused, unknown], FAST, cache_path=None)
    assert [(r.verdict, r.detail) for r in results] == [
        ("ok", "HTTP 200 OK"),
        ("broken", "connection refused (2 attempts)"),
        ("broken", "host not found"),
    ]


def test_a_name_the_resolver_failed_to_look_up_is_unverified_not_missing(
    servers: Servers, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A resolver that cannot answer (EAI_AGAIN: 'temporary failure in name resolution') says
    nothing of the name; it was 'host not found', broken, an error that fails the build, while
    the same name resolves a moment later. Unverified, and never kept (found by round 17)."""
    import socket

    real = socket.getaddrinfo

    def failing(host: object, *args: object, **options: object) -> object:
        if host == "nowhere.invalid":
            raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
        return real(host, *args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", failing)
    cache = tmp_path / "links.sqlite3"
    url = "http://nowhere.invalid/page"
    results = check_urls([servers.url(A, "/status/200"), url], FAST, cache_path=cache)
    assert [(r.verdict, r.detail) for r in results] == [
        ("ok", "HTTP 200 OK"),
        ("unverified", "the name could not be looked up (Temporary failure in name resolution)"),
    ]
    monkeypatch.setattr(socket, "getaddrinfo", real)
    assert (
        check_urls([servers.url(A, "/status/200"), url], FAST, cache_path=cache)[1].detail == "host not found"
    )


def test_when_no_host_can_be_reached_every_link_is_unverified_once() -> None:
    urls = [f"http://127.0.0.{n}:{closed_port(f'127.0.0.{n}')}/x" for n in (5, 6)] + ["https://a.invalid/"]
    results = check_urls(urls, FAST, cache_path=None)
    assert results == [LinkResult(url, "unverified", None, UNREACHABLE_DETAIL, None) for url in urls]
    links = [FoundLink(url, "issue-2025/email.html") for url in urls]
    assert findings_from_results(results, links) == [
        Finding("warning", "external-link", f"{UNREACHABLE_DETAIL}; 3 external links were not verified")
    ]


def test_when_offline_cached_results_are_still_used(servers: Servers, tmp_path: Path) -> None:
    cache = tmp_path / "links.sqlite3"
    good = servers.url(A, "/status/200")
    check_urls([good], FAST, cache_path=cache)
    servers.by_host[A].shutdown()  # offline: the cached link's host cannot be reached either
    servers.by_host[A].server_close()
    offline = f"http://127.0.0.5:{closed_port('127.0.0.5')}/x"
    results = check_urls([good, offline], FAST, cache_path=cache)
    assert [(r.verdict, r.detail) for r in results] == [
        ("ok", "HTTP 200 OK"),
        ("unverified", UNREACHABLE_DETAIL),
    ]


def test_a_cached_result_never_makes_another_hosts_refusal_unverified(
    servers: Servers, tmp_path: Path
) -> None:
    """Every link checked failing to connect reads as being offline (unverified, a warning),
    but a link the cache served was not asked: its host may well answer. A refused link was
    'unverified' beside a cached good one and broken (an error) without the cache, so a
    build passed that a build without the cache failed, nothing stale (found by round 16).
    The cached link's host is asked whether it answers, and only where none does is the
    network taken for down."""
    cache = tmp_path / "links.sqlite3"
    good = servers.url(A, "/status/200")
    refused = f"http://127.0.0.5:{closed_port('127.0.0.5')}/x"
    check_urls([good], FAST, cache_path=cache)
    with_cache = check_urls([good, refused], FAST, cache_path=cache)
    assert with_cache == check_urls([good, refused], FAST, cache_path=None)
    assert [r.verdict for r in with_cache] == ["ok", "broken"] and "connection refused" in with_cache[
        1
    ].detail


# --- findings and reports -----------------------------------------------------------------

RESULTS = [
    LinkResult("https://example.com/ok", "ok", 200, "HTTP 200 OK", None),
    LinkResult("https://example.com/gone", "broken", 404, "HTTP 404 Not Found", None),
    LinkResult(
        "https://example.com/old",
        "redirected",
        200,
        "permanently redirected to https://e.com/",
        "https://e.com/",
    ),
    LinkResult(
        "https://example.com/slow", "unverified", None, "timed out waiting for a reply (3 attempts)", None
    ),
    LinkResult("https://example.com/skip", "excluded", None, "excluded by pattern 'skip'", None),
]
LINKS = [
    FoundLink("https://example.com/gone#part", "issue-2025/email.html", Path("issues/issue-2025/a.md"), 7),
    FoundLink("https://example.com/gone", "feed.xml", Path("issues/issue-2025/a.md"), 7),
    FoundLink("https://example.com/old", "issue-2025/index.html"),
    FoundLink("https://example.com/slow", "rss.xml"),
]


def test_findings_name_the_source_line_and_every_output() -> None:
    assert findings_from_results(RESULTS, LINKS) == [
        Finding(
            "error",
            "external-link",
            "broken link https://example.com/gone: HTTP 404 Not Found (in issue-2025/email.html, feed.xml): "
            "fix the address or remove the link",
            Path("issues/issue-2025/a.md"),
            7,
        ),
        Finding(
            "warning",
            "external-link",
            "redirected link https://example.com/old: permanently redirected to https://e.com/"
            " (in issue-2025/index.html): link to the new address",
            Path("issue-2025/index.html"),
            None,
        ),
        Finding(
            "warning",
            "external-link",
            "could not verify https://example.com/slow: timed out waiting for a reply (3 attempts) (in rss.xml): "
            "open it in a browser, or add it to [links] exclude if it only answers browsers",
            Path("rss.xml"),
            None,
        ),
    ]


def test_the_text_report_lists_problems_with_their_sources_and_a_summary() -> None:
    static = [Finding("error", "forbidden-scheme", "javascript: links are not allowed", Path("x.md"), 2)]
    report = format_report(RESULTS, LINKS, "text", findings=static)
    assert report.splitlines() == [
        "error: x.md:2: javascript: links are not allowed [forbidden-scheme]",
        "broken      https://example.com/gone  HTTP 404 Not Found",
        "            in issues/issue-2025/a.md:7 (issue-2025/email.html)",
        "            in issues/issue-2025/a.md:7 (feed.xml)",
        "unverified  https://example.com/slow  timed out waiting for a reply (3 attempts)",
        "            in rss.xml",
        "redirected  https://example.com/old  permanently redirected to https://e.com/",
        "            in issue-2025/index.html",
        "excluded    https://example.com/skip  excluded by pattern 'skip'",
        "5 external links: 1 broken, 1 unverified, 1 redirected, 1 excluded, 1 ok; 1 other findings",
    ]


def test_the_text_report_shows_a_line_break_or_tab_in_a_source_name_as_an_escape() -> None:
    """The report keeps one line per link and source: a folder or file name holding a line
    break (the project under 'dir\\nx') split a source's line in two, and could write a line
    of its own into the report (found by world18)."""
    folder = Path("drafts\nbroken      https://fake.example/  HTTP 404\tNot Found")
    links = [FoundLink("https://example.com/gone", "issue-2025/email.html", folder / "a.md", 7)]
    static = [Finding("error", "forbidden-scheme", "javascript: links are not allowed", folder / "x.md", 2)]
    results = [LinkResult("https://example.com/gone", "broken", 404, "HTTP 404 Not\tFound", None)]
    report = format_report(results, links, "text", findings=static)
    assert len(report.splitlines()) == 4, report
    assert "\t" not in report
    assert "drafts\\x0abroken" in report and "HTTP 404\\x09Not Found" in report and "Not\\x09Found" in report


def test_the_json_report_holds_every_result_and_finding() -> None:
    report = json.loads(format_report(RESULTS, LINKS, "json"))
    assert report["summary"] == {
        "broken": 1,
        "unverified": 1,
        "redirected": 1,
        "excluded": 1,
        "ok": 1,
        "not checked": 0,
    }
    assert report["findings"] == []
    by_url = {link["url"]: link for link in report["links"]}
    statuses = [by_url[url]["status"] for url in sorted(by_url)]
    assert statuses == ["broken", "broken", "ok", "redirected", "excluded", "unverified"]
    assert by_url["https://example.com/gone#part"]["found_in"] == [
        {"output": "issue-2025/email.html", "origin": "issues/issue-2025/a.md", "line": 7}
    ]
    assert by_url["https://example.com/gone"]["found_in"] == [
        {"output": "feed.xml", "origin": "issues/issue-2025/a.md", "line": 7}
    ]
    assert by_url["https://example.com/old"]["final_url"] == "https://e.com/"


SITE_LINKS = [
    FoundLink("https://digest.example.org/", "index.html"),
    FoundLink("https://digest.example.org/issue-2025/", "index.html"),
    FoundLink("https://digest.example.org/issue-2025/gone/", "issue-2025/index.html", Path("a.md"), 3),
]
GONE = Finding(
    "error",
    "internal-link",
    "link https://digest.example.org/issue-2025/gone/ points to issue-2025/gone/, which this build does not contain",
    Path("a.md"),
    3,
)


def test_the_json_report_calls_broken_only_the_link_a_finding_is_about() -> None:
    """Every page whose address begins another's was reported broken with it: the home page
    and the issue's page beside a finding about a page of the issue that is not there."""
    report = json.loads(format_report([], SITE_LINKS, "json", findings=[GONE]))
    statuses = {link["url"]: link["status"] for link in report["links"]}
    assert statuses == {
        "https://digest.example.org/": "ok",
        "https://digest.example.org/issue-2025/": "ok",
        "https://digest.example.org/issue-2025/gone/": "broken",
    }


def test_the_json_summary_counts_the_links_of_the_site_too() -> None:
    """It counted only the external addresses: a run that exits 1 for a broken page of the site
    said 'broken': 0 (and 'ok': 0 beside dozens of links listed as ok)."""
    report = json.loads(format_report(RESULTS, [*LINKS, *SITE_LINKS], "json", findings=[GONE]))
    assert report["summary"] == {
        "broken": 2,
        "unverified": 1,
        "redirected": 1,
        "excluded": 1,
        "ok": 3,
        "not checked": 0,
    }


KILLED_RUN = """
import sys
from pathlib import Path
from digest.checks.http import LinkSettings, check_urls
urls = sys.argv[2:]
check_urls(urls, LinkSettings(timeout=5, retries=0), cache_path=Path(sys.argv[1]))
"""


def test_the_cache_survives_a_run_killed_at_any_moment(servers: Servers, tmp_path: Path) -> None:
    cache = tmp_path / "links.sqlite3"
    good = [servers.url("127.0.0.1", f"/status/200?n={n}") for n in range(20)]
    check_urls(good, FAST, cache_path=cache)
    slow = [servers.url("127.0.0.2", f"/slow?seconds=0.2&n={n}") for n in range(30)]
    for delay in (0.05, 0.2, 0.4, 0.6, 0.9):
        child = subprocess.Popen([sys.executable, "-c", KILLED_RUN, str(cache), *good, *slow])
        time.sleep(delay)
        child.kill()
        child.wait()
        with sqlite3.connect(cache) as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    before = servers.traffic.total()
    results = check_urls(good, FAST, cache_path=cache)
    assert all(r.verdict == "ok" for r in results)
    assert servers.traffic.total() == before  # still served from the cache


def test_the_link_cache_is_never_written_through_a_link(tmp_path: Path) -> None:
    from digest.checks.http import LinkResult, _LinkCache

    outside = tmp_path / "places.sqlite"
    kept = someone_elses_database(outside)
    cache = tmp_path / "cache" / "links.sqlite3"
    cache.parent.mkdir()
    cache.symlink_to(outside)
    _LinkCache(cache).save([LinkResult("https://example.org/", "ok", 200, "OK", None)])
    assert outside.read_bytes() == kept
    assert cache.is_file() and not cache.is_symlink()


@pytest.mark.parametrize("suffix", ["", "-wal"])
def test_the_link_cache_is_never_written_through_a_hard_link(tmp_path: Path, suffix: str) -> None:
    """A hard link in place of links.sqlite3 or its log (the project copied with `cp -al`):
    SQLite wrote the other name's file in place."""
    from digest.checks.http import LinkResult, _LinkCache

    outside = tmp_path / "places.sqlite"
    kept = someone_elses_database(outside)
    cache = tmp_path / "cache" / "links.sqlite3"
    cache.parent.mkdir()
    os.link(outside, cache.with_name(cache.name + suffix))
    _LinkCache(cache).save([LinkResult("https://example.org/", "ok", 200, "OK", None)])
    assert outside.read_bytes() == kept
    assert os.stat(cache).st_nlink == 1


# --- a link to a page that moved --------------------------------------------------------------


def test_a_moved_or_missing_page_says_what_to_do_about_the_link(project: Path) -> None:
    from tests.linkservers import serving

    path = review_file(project)
    with serving(("127.0.0.1",)) as servers:
        base = servers.url("127.0.0.1", "")
        moved = f"{base}/redirect?status=301&to={base}/status/200"
        path.write_text(path.read_text() + f"\n\n[The survey]({moved}) and [the data]({base}/status/404).\n")
        settings = project / "digest.toml"
        settings.write_text(settings.read_text().replace("check = false", "check = true"))
        result = run(project, "links", ISSUE)
    lines = result.output.splitlines()
    gone = next(line for line in lines if "broken link" in line and "/status/404" in line)
    assert ": fix the address or remove the link [external-link]" in gone, gone
    redirected = next(line for line in lines if "redirected link" in line)
    assert f"permanently redirected to {base}/status/200" in redirected
    assert ": link to the new address [external-link]" in redirected, redirected


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("120", 120.0),
        ("\u00b2", None),
        ("3\u00b9", None),
        ("-5", None),
        ("", None),
        ("Wed, 21 Oct 99999999999999999999 07:28:00 GMT", None),  # an OverflowError (found by mail22)
    ],
)
def test_a_retry_after_header_no_number_reads_is_no_wait(header: str, seconds: float | None) -> None:
    """'²' is a digit to str.isdigit and no number to float(): a server's Retry-After of it
    was a traceback in the link check."""
    from digest.checks.http import _retry_after_seconds

    assert _retry_after_seconds(header) == seconds
