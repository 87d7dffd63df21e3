"""`digest preview`: a live preview served on 127.0.0.1, rebuilt when a source changes."""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from digest.checks.clients.mailclients import VIEW_CLIENTS
from digest.errors import DigestError
from digest.output.export import MARKER
from digest.pipeline import BuildOptions
from digest.preview.server import Preview, PreviewServer
from tests.fuzzing import NEWEST, WEIGHTED_18, Fuzz, grown_project
from tests.fuzzing import build as build_with
from tests.helpers import issue_md
from tests.test_cli import run, tree
from tests.test_robustness import ISSUE, edit

CHROMIUM = Path("/usr/bin/chromium")
REVIEW = Path("issues") / "issue-2025" / "raschka-state-of-llms.md"
ISSUE_TITLE = "The year in AI, in four reviews"


@pytest.fixture
def server(project: Path) -> Iterator[PreviewServer]:
    preview = PreviewServer(project / "digest.toml", "issue-2025", poll_seconds=0.1)
    preview.start()
    try:
        yield preview
    finally:
        preview.close()


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        body: bytes = response.read()
    return body.decode()


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def eventually(condition: Callable[[], bool], seconds: float = 30) -> bool:
    """Wait for the watcher to notice a change and rebuild; the limit only stops a hung test."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def interruptible() -> None:
    """Ctrl+C stops the child: where the tests run in a shell's background, their children
    inherit SIGINT ignored, and Python then sets no KeyboardInterrupt for it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def version(page: str) -> int:
    match = re.search(r'data-version="(\d+)"', page)
    assert match
    return int(match.group(1))


def test_page_shows_both_widths_text_web_version_and_checks(server: PreviewServer) -> None:
    assert server.url.startswith("http://127.0.0.1:")
    page = fetch(server.url)
    assert re.search(r'<iframe id="desktop" src="/site/issue-2025/email.html[^"]*" width="600"', page)
    assert re.search(r'<iframe id="phone" src="/site/issue-2025/email.html[^"]*" width="375"', page)
    assert 'id="web-version" href="/site/issue-2025/"' in page
    assert '<section id="checks">' in page and "Every check passed." in page
    text = server.preview.snapshot.email_text
    assert ISSUE_TITLE in text
    assert '<pre class="text">' in page and "View this issue in your browser" in page
    assert 'id="error"' not in page


def test_build_is_served_with_links_kept_in_the_preview(server: PreviewServer, project: Path) -> None:
    email = fetch(server.url + "site/issue-2025/email.html")
    assert email.startswith("<!doctype html>") and ISSUE_TITLE in email
    assert "https://digest.example.org/" not in email
    assert 'href="/site/issue-2025/' in email
    web = fetch(server.url + "site/issue-2025/")
    assert ISSUE_TITLE in web
    assert status_of(server.url + "site/feed.xml") == 200
    assert status_of(server.url + "site/..%2F..%2Fdigest.toml") == 404
    assert status_of(server.url + "site/missing.html") == 404
    assert not (project / "dist").exists(), "the preview never writes the output folder"


def test_a_folder_asked_for_without_its_slash_is_redirected_as_a_web_server_does(
    server: PreviewServer,
) -> None:
    class Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None  # see the redirect itself

    opener = urllib.request.build_opener(Stay)
    try:
        opener.open(server.url + "site/issue-2025", timeout=30)
        raise AssertionError("no redirect")
    except urllib.error.HTTPError as error:
        assert error.code == 301 and error.headers["Location"] == "/site/issue-2025/"
    assert ISSUE_TITLE in fetch(server.url + "site/issue-2025")  # followed, it is the page
    assert status_of(server.url + "site/..") == 404


def test_an_edited_review_shows_up_after_the_rebuild(server: PreviewServer, project: Path) -> None:
    first = version(fetch(server.url))
    path = project / REVIEW
    path.write_text(path.read_text().replace("on the state of LLMs in 2025", "on a preview-only headline"))
    assert eventually(lambda: "a preview-only headline" in fetch(server.url + "site/issue-2025/email.html"))
    page = fetch(server.url)
    assert version(page) > first
    assert "a preview-only headline" in page  # the plain-text version
    assert int(fetch(server.url + "version")) == version(page)


def test_a_broken_review_shows_its_error_and_the_server_keeps_going(
    server: PreviewServer, project: Path
) -> None:
    path = project / REVIEW
    original = path.read_text()
    path.write_text("---\ntitle: [unclosed\n---\nBody\n")
    assert eventually(lambda: 'id="error"' in fetch(server.url))
    page = fetch(server.url)
    error = re.search(r'<div class="error" id="error" role="alert">(.*?)</div>', page, re.DOTALL)
    assert (
        error
        and "invalid YAML front matter" in error.group(1)
        and "raschka-state-of-llms.md" in error.group(1)
    )
    assert "showing the last good build" in page and "Checks of the last good build" in page
    assert 'iframe id="desktop"' in page
    assert status_of(server.url + "site/issue-2025/email.html") == 200
    path.write_text(original)
    assert eventually(lambda: 'id="error"' not in fetch(server.url))


def test_a_broken_config_is_shown_and_fixed_in_place(server: PreviewServer, project: Path) -> None:
    config = project / "digest.toml"
    original = config.read_text()
    config.write_text(original.replace("[site]\n", "[site]\nsubtitle = 'x'\n"))
    assert eventually(lambda: "unknown key &#x27;subtitle&#x27; in [site]" in fetch(server.url))
    config.write_text(original)
    assert eventually(lambda: 'id="error"' not in fetch(server.url))


def test_preview_starting_on_broken_content_shows_the_error(project: Path) -> None:
    (project / REVIEW).write_text("---\ndate: 2025-01-01\n---\nno heading\n")
    with PreviewServer(project / "digest.toml", "issue-2025", options=BuildOptions()) as preview:
        preview.start()
        page = fetch(preview.url)
    assert "no title" in page and "No build has succeeded yet" in page
    assert "<iframe" not in page


def test_unknown_issue_and_busy_port_are_one_line_errors(project: Path) -> None:
    unknown = run(project, "preview", "issue-2099")
    assert unknown.exit_code == 2 and "digest new issue-2099" in unknown.output
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(DigestError, match="choose another --port"):
            PreviewServer(project / "digest.toml", "issue-2025", port=port)
        result = run(project, "preview", "issue-2025", "--port", str(port))
    assert result.exit_code == 1 and "Error:" in result.output


@pytest.mark.parametrize("host", ["192.0.2.1", "no-such-host.invalid"])
def test_an_address_this_machine_does_not_have_asks_for_another_host(project: Path, host: str) -> None:
    """--host 192.0.2.1 (no address of this machine) was told to choose another --port."""
    result = run(project, "preview", "issue-2025", "--host", host)
    assert result.exit_code == 1, result.output
    assert "choose another --host" in result.output and "--port" not in result.output


def test_a_client_that_never_finishes_its_request_is_let_go(
    project: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """A connection that sends half a request and waits held a thread of the preview for
    as long as it stayed open (800 of them, 800 threads)."""
    monkeypatch.setattr("digest.preview.server.CLIENT_SECONDS", 0.5)
    with PreviewServer(project / "digest.toml", "issue-2025") as preview:
        preview.start()
        address = preview.httpd.server_address
        with socket.create_connection((str(address[0]), int(address[1])), timeout=10) as idle:
            idle.sendall(b"GET / HTTP/1.1\r\n")
            assert idle.recv(100) == b""  # closed by the preview, well before 10 s
        assert "Error" in fetch(preview.url) or "iframe" in fetch(preview.url)
    assert "Traceback" not in capfd.readouterr().err


def test_a_preview_stopped_while_it_starts_leaves_no_build_folder(
    project: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+C or a terminate signal during the first build (before the server runs) left its
    temporary build folder behind; a terminate signal then killed the preview outright,
    before its handler was set."""
    temporary = tmp_path_factory.mktemp("temporary")
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    handlers: list[object] = []

    def interrupted(self: Preview) -> None:
        handlers.append(signal.getsignal(signal.SIGTERM))
        raise KeyboardInterrupt

    monkeypatch.setattr(Preview, "rebuild", interrupted)
    previous = signal.signal(signal.SIGTERM, signal.SIG_DFL)  # as a new process starts
    try:
        result = run(project, "preview", "issue-2025")
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert handlers and handlers[0] != signal.SIG_DFL, "a terminate signal still kills the start"
    assert isinstance(result.exception, KeyboardInterrupt) or result.exit_code == 130, result.output
    assert list(temporary.iterdir()) == []


def test_a_preview_puts_back_the_terminate_handler_it_found(project: Path) -> None:
    """The preview's own handler outlived the command: code running after it in the same
    process (a build's workers, forked from it) turned a terminate signal into Ctrl+C."""
    previous = signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        result = run(project, "preview", "no-such-issue")
        assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert result.exit_code != 0 and "no-such-issue" in result.output


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "terminate"])
def test_cli_preview_serves_until_stopped_and_cleans_up(project: Path, stop: signal.Signals) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "digest", "preview", "issue-2025"],
        cwd=project,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=interruptible,
    )
    try:
        assert process.stderr is not None
        url = re.search(r"at (http://127\.0\.0\.1:\d+/)", process.stderr.readline())
        workdir = re.search(r"builds go to (\S+),", process.stderr.readline())
        assert url and workdir
        assert 'iframe id="phone"' in fetch(url.group(1))
        assert Path(workdir.group(1)).is_dir()
    finally:
        process.send_signal(stop)
        process.wait(timeout=30)
    assert process.returncode == 0
    assert not Path(workdir.group(1)).exists()
    assert not (project / "dist").exists()


# --- in a real browser


def dump_dom(url: str, profile: Path) -> str:
    done = subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent (Debian package chromium)")
def test_chromium_shows_both_widths_and_reflects_an_edit(
    server: PreviewServer, project: Path, tmp_path: Path
) -> None:
    dom = dump_dom(server.url, tmp_path / "profile")
    frames = re.findall(r"<iframe [^>]*>", dom)
    assert len(frames) == 2 + len(VIEW_CLIENTS)
    views = [(f"client-{name}", 600) for name in VIEW_CLIENTS]
    for name, width in (("desktop", 600), ("phone", 375), *views):
        frame = next(f for f in frames if f'id="{name}"' in f)
        assert f'width="{width}"' in frame
        height = re.search(r"height: (\d+)px", frame)
        assert height and int(height.group(1)) > 1000, "the email loaded and the frame fits its height"
    path = project / REVIEW
    path.write_text(
        path.read_text().replace("on the state of LLMs in 2025", "on a headline seen by Chromium")
    )
    assert eventually(lambda: "a headline seen by Chromium" in fetch(server.url))
    assert "a headline seen by Chromium" in dump_dom(server.url, tmp_path / "profile")


def test_client_views_and_the_support_report_are_served(server: PreviewServer) -> None:
    page = fetch(server.url)
    for name in VIEW_CLIENTS:
        assert re.search(rf'<iframe id="client-{name}" src="/client/{name}.html[^"]*" width="600"', page)
        view = fetch(f"{server.url}client/{name}.html")
        assert "Read our review" in view and "https://digest.example.org/" not in view
    assert status_of(f"{server.url}client/hotmail.html") == 404
    assert '<section id="client-support">' in page
    assert "Gmail (Desktop Webmail): 2 not supported" in page
    assert "color-scheme meta tag" in page


def test_check_findings_are_tabled_in_the_page(server: PreviewServer, project: Path) -> None:
    issue = project / "issues" / "issue-2025" / "issue.md"
    issue.write_text(
        "\n".join(line for line in issue.read_text().split("\n") if not line.startswith("preheader:"))
    )
    assert eventually(lambda: "A build would fail" in fetch(server.url))
    page = fetch(server.url)
    assert re.search(r'<tr class="error-row"><td>error</td><td>preheader</td>', page)
    assert 'id="error"' not in page, "failed checks are findings, not a broken build"


def raw_request(server: PreviewServer, path: str, host: str | None = None) -> str:
    """The status line of a GET sent by hand (to set any Host header)."""
    address, port = server.httpd.server_address[:2]
    with socket.create_connection((str(address), port), timeout=30) as connection:
        headers = f"Host: {host}\r\n" if host is not None else ""
        connection.sendall(f"GET {path} HTTP/1.1\r\n{headers}Connection: close\r\n\r\n".encode())
        return connection.recv(4096).decode("latin-1").split("\r\n", 1)[0]


def test_a_very_long_name_is_not_found_not_a_crash(server: PreviewServer) -> None:
    assert status_of(server.url + "site/" + "a" * 300 + ".html") == 404
    assert status_of(server.url + "site/" + "/".join(["b" * 200] * 30)) == 404
    assert status_of(server.url) == 200  # and it still serves


def test_requests_for_another_host_name_are_refused(server: PreviewServer) -> None:
    port = server.httpd.server_address[1]
    assert raw_request(server, "/", f"127.0.0.1:{port}").endswith("200 OK")
    assert raw_request(server, "/", f"localhost:{port}").endswith("200 OK")
    for host in (f"attacker.example:{port}", "127.0.0.1:1", None):
        assert " 421 " in raw_request(server, "/", host), host


def test_an_id_that_is_a_path_stops_the_preview_before_it_serves(project: Path) -> None:
    for issue_id in ("../issues/issue-2025", "issue-2025/.."):
        result = run(project, "preview", issue_id)
        assert result.exit_code == 2 and "is not an issue id" in result.output  # a usage error


def test_a_burst_of_dropped_connections_prints_nothing(project: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "digest", "preview", "issue-2025", "--port", "0"],
        cwd=project,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=interruptible,
    )
    try:
        assert child.stderr is not None
        first = child.stderr.readline()
        port = int(re.search(r"127\.0\.0\.1:(\d+)", first).group(1))  # type: ignore[union-attr]
        for _ in range(300):
            with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
                connection.sendall(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
                connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
                )
        time.sleep(1)
    finally:
        child.send_signal(signal.SIGINT)
        _, errors = child.communicate(timeout=30)
    assert "Traceback" not in errors and "BrokenPipe" not in errors and "ConnectionReset" not in errors


BOUNDED_PREVIEW = (
    "import sys\nfrom digest.render import bounds\nbounds.MAX_RENDER_SECONDS = 0.3\n"
    "from digest.cli import cli\ncli.main(sys.argv[1:], prog_name='digest')\n"
)


def test_a_template_loop_without_end_is_stopped_in_the_previews_rebuilds(project: Path) -> None:
    # The rebuilds run in the main thread, where the CPU-time bound can be set: a loop
    # typed into a template shows its error in the page, and the preview goes on.
    process = subprocess.Popen(
        [sys.executable, "-c", BOUNDED_PREVIEW, "preview", "issue-2025"],
        cwd=project,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=interruptible,
    )
    try:
        assert process.stderr is not None
        found = re.search(r"at (http://127\.0\.0\.1:\d+/)", process.stderr.readline())
        assert found
        url = found.group(1)
        assert 'id="error"' not in fetch(url)
        templates = project / "templates"
        templates.mkdir(exist_ok=True)
        loop = "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}"
        (templates / "issue.html.j2").write_text(
            '{% extends "base.html.j2" %}{% block content %}\n' + loop + "\n{% endblock %}\n"
        )
        assert eventually(lambda: "more than 0.3 seconds of CPU time" in fetch(url), seconds=60)
        assert "issue.html.j2:2:" in fetch(url)
        (templates / "issue.html.j2").unlink()
        assert eventually(lambda: 'id="error"' not in fetch(url), seconds=60)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
    assert process.returncode == 0


def test_a_rebuild_swaps_the_build_whole_and_links_the_files_it_left_unchanged(
    server: PreviewServer, project: Path
) -> None:
    # A large archive made the preview write every page of every issue again on each edit.
    site = server.preview.snapshot.site
    assert site is not None
    pictures = sorted((site / "assets").glob("training-costs-*.png"))
    before = [(each.stat().st_ino, each.stat().st_mtime_ns) for each in pictures]
    assert pictures
    first = version(fetch(server.url))
    path = project / REVIEW
    path.write_text(path.read_text().replace("on the state of LLMs in 2025", "on an edited headline"))
    assert eventually(lambda: "an edited headline" in fetch(server.url + "site/issue-2025/email.html"))
    assert version(fetch(server.url)) > first
    assert server.preview.snapshot.site == site
    assert [(each.stat().st_ino, each.stat().st_mtime_ns) for each in pictures] == before
    assert [each.name for each in server.workdir.iterdir() if each.name.startswith("build-")] == []


@pytest.mark.parametrize("seed", [21, 22])
def test_the_previews_rebuilds_equal_a_clean_build_after_random_edits(tmp_path: Path, seed: int) -> None:
    # The preview updates its build folder in place of the last one, as `digest build`
    # updates dist/: after each random edit, what it serves is what a clean build writes.
    compare_previews(Fuzz(grown_project(tmp_path / "project"), tmp_path, random.Random(seed)), 6)


# Round 18's kinds weighted up (tests/fuzzing.py's WEIGHTED_18); DIGEST_FUZZ_18_SEEDS runs more.
PREVIEW_18_SEEDS = range(1801, 1801 + int(os.environ.get("DIGEST_FUZZ_18_SEEDS", "1")))


@pytest.mark.parametrize("seed", PREVIEW_18_SEEDS)
def test_the_previews_rebuilds_follow_round_18s_edits(tmp_path: Path, seed: int) -> None:
    fuzz = Fuzz(grown_project(tmp_path / "project"), tmp_path, random.Random(seed), kinds=WEIGHTED_18)
    compare_previews(fuzz, 6)


def compare_previews(fuzz: Fuzz, rounds: int) -> None:
    """`rounds` of a few random edits, each followed by a rebuild of the preview compared
    with a clean build; and where the output changed, its watcher saw a change of its
    sources (else the page shown stays the old one until another edit)."""
    workdir = fuzz.scratch / "preview"
    workdir.mkdir()
    preview = Preview(fuzz.root / "digest.toml", NEWEST, workdir)
    compared = 0
    served_before: dict[str, bytes] | None = None
    for _ in range(rounds):
        watched = preview.sources()
        for _ in range(fuzz.rng.randint(1, 2)):
            fuzz.step()
        if preview.config_path != fuzz.root / "digest.toml":  # the project moved: preview it there
            preview = Preview(fuzz.root / "digest.toml", NEWEST, workdir)
            served_before = None
        seen = preview.sources() != watched
        snapshot = preview.rebuild()
        clean = build_with(fuzz.clean_copy(), ("build", NEWEST))
        if clean.exit_code != 0:
            served_before = None
            continue
        assert snapshot.error is None, f"{snapshot.error}; after {fuzz.steps}"
        assert snapshot.site is not None
        served = tree(snapshot.site)
        served.pop(MARKER)
        written = dict(clean.dist)
        written.pop(MARKER)
        assert served == written, f"the preview differs from a clean build after {fuzz.steps}"
        if served_before is not None and served != served_before:
            changed = sorted(
                name for name in {*served, *served_before} if served.get(name) != served_before.get(name)
            )
            assert seen, f"the output changed ({changed[:3]}), the watcher saw nothing: after {fuzz.steps}"
        served_before = served
        compared += 1
    assert compared, "no rebuild was compared with a clean build"


def test_the_preview_rebuilds_for_a_hidden_file_the_build_reads(project: Path, tmp_path: Path) -> None:
    """MkDocs Material's authors file is `.authors.yml`: a build reads it beside the
    reviews (sources/sitefiles.py), so the watcher must see it change, as it sees any file
    the build reads, whatever its name starts with."""
    folder = issue_md(project).parent
    review = folder / "state-of-llms-2025.md"
    review.write_text(review.read_text().replace("---\n", "---\nauthors: [ann]\n", 1))
    people = folder / ".authors.yml"
    people.write_text("authors:\n  ann:\n    name: Ann Author\n")
    preview = Preview(project / "digest.toml", ISSUE, tmp_path / "work")
    assert "Ann Author" in preview.rebuild().email_text
    before = preview.sources()
    people.write_text("authors:\n  ann:\n    name: Eve Author\n")
    assert preview.sources() != before
    assert "Eve Author" in preview.rebuild().email_text


def test_the_preview_does_not_rebuild_for_a_swap_file(project: Path, tmp_path: Path) -> None:
    preview = Preview(project / "digest.toml", ISSUE, tmp_path / "work")
    before = preview.sources()
    folder = issue_md(project).parent
    (folder / ".state-of-llms-2025.md.swp").write_bytes(b"b0VIM")
    (folder / "state-of-llms-2025.md~").write_text("old\n")
    (folder / "#state-of-llms-2025.md#").write_text("autosave\n")
    assert preview.sources() == before
    (folder / "state-of-llms-2025.md").write_text("# Edited\n\nA real edit.\n")
    assert preview.sources() != before


# --- the settings file named with --config ----------------------------------------------


def test_the_preview_watches_the_settings_file_given_with_config(project: Path, tmp_path: Path) -> None:
    other = project / "weekly.toml"
    shutil.copy(project / "digest.toml", other)
    preview = Preview(other, ISSUE, tmp_path / "work")
    before = preview.sources()
    assert other in before
    other.write_text(other.read_text().replace('title = "The Digest"', 'title = "The Weekly"'))
    assert preview.sources() != before


# --- the preview on every address -------------------------------------------------------------


def test_a_preview_on_every_address_serves_this_machine_and_the_network_by_address(project: Path) -> None:
    import socket
    import urllib.request

    from digest.preview.server import PreviewServer

    def status(port: int, host: str) -> str:
        with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
            connection.sendall(f"GET /version HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
            return connection.recv(4096).decode("latin-1").split("\r\n", 1)[0]

    with PreviewServer(project / "digest.toml", ISSUE, host="0.0.0.0") as preview:
        preview.start()
        port = preview.httpd.server_address[1]
        assert preview.url == f"http://127.0.0.1:{port}/"
        with urllib.request.urlopen(preview.url + "version", timeout=30) as response:
            assert response.status == 200
        for host in (f"localhost:{port}", f"192.168.1.50:{port}", f"[fe80::1]:{port}"):
            assert status(port, host).endswith("200 OK"), host
        for host in (f"rebound.attacker.example:{port}", f"192.168.1.50:{port + 1}", "", "[bad"):
            assert " 421 " in status(port, host), host


# --- what the watcher looks at: a review that is a link, the other issues -------------------


def test_the_preview_sees_an_edit_of_a_review_that_is_a_link_beside_it(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A review made a link to a copy beside it builds from the copy, but the watcher hashed
    the link itself, which O_NOFOLLOW refuses: no edit of the copy was ever seen."""
    folder = project / "issues" / ISSUE
    review = folder / "llm-report-2025.md"
    os.replace(review, folder / ".copy.md")
    review.symlink_to(".copy.md")
    workdir = tmp_path_factory.mktemp("preview")
    preview = Preview(project / "digest.toml", ISSUE, workdir)
    seen = preview.sources()
    assert review in seen
    copy = folder / ".copy.md"
    copy.write_text(copy.read_text() + "\nOne more line.\n")
    assert preview.sources() != seen


def test_the_preview_rebuilds_when_a_neighbouring_issue_changes(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The preview's build shows the other issues (the archive, the previous issue's link and
    title), but its watcher looked at its own issue's folder only: a neighbour retitled, or
    an issue added, left the preview showing the old archive until some other edit."""
    preview = Preview(project / "digest.toml", ISSUE, tmp_path_factory.mktemp("preview"))
    seen = preview.sources()
    edit(project, "issues/issue-2024/issue.md", "title: ", 'title: "Retitled" # was: ')
    assert preview.sources() != seen
    snapshot = preview.rebuild()
    assert snapshot.site is not None and b"Retitled" in (snapshot.site / "index.html").read_bytes()


def test_the_preview_sees_the_fix_of_a_broken_settings_file_that_is_a_link(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """digest.toml a link to settings/digest.toml within the project: while the settings were
    broken, the watcher hashed the link itself, which O_NOFOLLOW refuses, so the fix was never
    seen and the preview showed the error until restarted."""
    (project / "settings").mkdir()
    target = project / "settings" / "digest.toml"
    os.replace(project / "digest.toml", target)
    (project / "digest.toml").symlink_to(Path("settings") / "digest.toml")
    good = target.read_text()
    target.write_text(good.replace("[site]\n", "[site]\nsubtitle = 'x'\n"))
    preview = Preview(project / "digest.toml", ISSUE, tmp_path_factory.mktemp("preview"))
    assert "subtitle" in (preview.rebuild().error or "")
    broken = preview.sources()
    assert project / "digest.toml" in broken
    target.write_text(good)
    assert preview.sources() != broken
    assert preview.rebuild().error is None


# --- what the preview says it listens on ----------------------------------------------------


def _is_this_machines(address: str) -> bool:
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((address, 0))
        except OSError:
            return False
    return True


def test_this_machines_addresses_are_read_from_its_interfaces() -> None:
    from digest.preview.interfaces import local_addresses

    found = [str(each) for each in local_addresses()]
    assert "127.0.0.1" in found
    assert found and all(_is_this_machines(each) for each in found if not each.startswith("fe80:")), found


def _announced(host: str, project: Path) -> tuple[list[str], int]:
    with PreviewServer(project / "digest.toml", ISSUE, host=host) as preview:
        return preview.announcement(), preview.httpd.server_address[1]


def test_a_preview_on_every_interface_says_so_and_gives_the_addresses_to_type_elsewhere(
    project: Path,
) -> None:
    """`--host 0.0.0.0` printed only http://127.0.0.1:PORT/, which another machine of the
    network cannot open (found by review22): the preview says it listens on every interface,
    gives the loopback URL to open here and this machine's addresses for the others."""
    from digest.preview.interfaces import local_addresses, reachable_from_the_network

    lines, port = _announced("0.0.0.0", project)
    text = "\n".join(lines)
    assert "every interface" in text and f"http://127.0.0.1:{port}/" in text
    others = reachable_from_the_network(local_addresses(), ipv6=False)
    for address in others:
        assert f"http://{address}:{port}/" in text
    assert "fd00" not in text and "[::1]" not in text  # an IPv4 socket is not reached by IPv6
    if not others:
        assert "this machine's address" in text


def test_a_preview_on_one_address_gives_that_address_only(project: Path) -> None:
    lines, port = _announced("127.0.0.2", project)
    assert lines[0].endswith(f"at http://127.0.0.2:{port}/ (Ctrl+C to stop)")
    assert "every interface" not in "\n".join(lines)


@pytest.mark.skipif(not socket.has_ipv6 or not _is_this_machines("::1"), reason="no IPv6 loopback here")
@pytest.mark.parametrize("host", ["::1", "::"])
def test_a_preview_listens_on_ipv6_addresses_too(project: Path, host: str) -> None:
    """`--host ::` (every interface, IPv6 and IPv4) and `--host ::1` were refused as
    addresses this machine does not have: the server was IPv4 only."""
    with PreviewServer(project / "digest.toml", ISSUE, host=host) as preview:
        preview.start()
        port = preview.httpd.server_address[1]
        assert int(fetch(f"http://[::1]:{port}/version")) >= 0
        if host == "::":
            assert int(fetch(f"http://127.0.0.1:{port}/version")) >= 0
            assert f"http://127.0.0.1:{port}/" in "\n".join(preview.announcement())


def test_cli_preview_on_every_interface_prints_it(project: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "digest", "preview", "issue-2025", "--host", "0.0.0.0"],
        cwd=project,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=interruptible,
    )
    try:
        assert process.stderr is not None
        first, second = process.stderr.readline(), process.stderr.readline()
        assert "every interface" in first, first
        url = re.search(r"(http://127\.0\.0\.1:\d+/)", first + second)
        assert url and 'iframe id="phone"' in fetch(url.group(1))
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
    assert process.returncode == 0


@pytest.mark.skipif(not socket.has_ipv6 or not _is_this_machines("::1"), reason="no IPv6 loopback here")
def test_an_ipv6_address_may_be_written_in_brackets_as_in_a_url(project: Path) -> None:
    lines, port = _announced("[::1]", project)
    assert lines[0].endswith(f"at http://[::1]:{port}/ (Ctrl+C to stop)")
