"""`digest preview`: serve an issue's build on this machine and rebuild it whenever a source changes.

Each build goes into a temporary folder (never the output folder). One page shows the
email at desktop and phone widths side by side, then as Gmail, Outlook.com and Yahoo
show it (the same HTML without the CSS each drops, by caniemail's data, served under
/client/), the plain-text version, a link to the web version, the check results and the
client-support report; it polls `/version` and reloads after a rebuild.
A rebuild that fails shows its error in the page; the last good build stays served.
Changes are found by looking at every watched file (the issue, the templates, the static
folder, the logo, digest.toml) every half second, by digest (preview/watch.py: a large
file is hashed again only when its stamps moved): an edit that keeps a file's size and
date is still seen, and polling needs no extra dependency and behaves the same on every
file system.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import ipaddress
import mimetypes
import os
import posixpath
import shutil
import socket
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from html import escape
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from urllib.parse import quote, unquote, urlsplit

from digest.checks.clients import VIEW_CLIENTS, ClientReport, ReportItem, client_view
from digest.config import MAX_CONFIG_BYTES, Config, load_config
from digest.errors import DigestError, Finding
from digest.files import inside, walk_files
from digest.output.export import export
from digest.pipeline import BuildOptions, prepare
from digest.preview.watch import LARGE_BYTES, SourceStamps, Watched
from digest.render.environment import MAX_TEMPLATE_BYTES, theme_path
from digest.sources.issue import as_listed, issue_folder

DESKTOP_WIDTH = 600
PHONE_WIDTH = 375
SITE_PREFIX = "/site/"
CLIENT_PREFIX = "/client/"
POLL_MILLISECONDS = 700


@dataclass(frozen=True)
class Snapshot:
    """The state the page shows: the last good build, and the last attempt's error if it failed."""

    version: int = 0
    issue_id: str = ""
    title: str = ""
    site: Path | None = None  # the folder holding the last good build
    base_url: str = ""
    email_text: str = ""
    email_bytes: int = 0
    findings: tuple[Finding, ...] = ()
    notices: tuple[str, ...] = ()
    would_fail: bool = False
    error: str | None = None
    clients: ClientReport | None = None


@dataclass
class Preview:
    """Builds one issue into a temporary folder, rebuilding when its sources change."""

    config_path: Path
    issue_id: str
    workdir: Path
    options: BuildOptions = field(default_factory=lambda: BuildOptions(check_links_online=False))
    snapshot: Snapshot = field(init=False)
    _lock: threading.Lock = field(init=False, default_factory=threading.Lock)
    _stamps: SourceStamps = field(init=False, default_factory=SourceStamps)

    def __post_init__(self) -> None:
        self.snapshot = Snapshot(issue_id=self.issue_id)

    def rebuild(self) -> Snapshot:
        """Build again; on failure keep the last good build and record the error."""
        with self._lock:
            version = self.snapshot.version + 1
            try:
                snapshot = self._build(version)
            except DigestError as exc:
                snapshot = _failed(self.snapshot, version, exc.message)
            except Exception as exc:  # a bug in digest must not stop the preview: show it instead
                snapshot = _failed(
                    self.snapshot, version, f"internal error in digest ({type(exc).__name__}: {exc})"
                )
            self.snapshot = snapshot
            return snapshot

    def _build(self, version: int) -> Snapshot:
        config = load_config(self.config_path)
        result = prepare(config, self.issue_id, self.options)
        site = self.workdir / "site"
        # Swapped in whole, as `digest build` does: a request never sees half a build, and
        # the files a rebuild leaves unchanged are linked from the last one, not written again.
        export(result.outputs, site, cache_folder=self.workdir)
        return Snapshot(
            version=version,
            issue_id=self.issue_id,
            title=result.issue.title,
            site=site,
            base_url=config.site.base_url,
            email_text=result.outputs[f"{self.issue_id}/email.txt"].decode(),
            email_bytes=result.email_bytes,
            findings=tuple(result.findings),
            notices=tuple(result.notices),
            would_fail=result.failed(self.options.strict),
            clients=result.client_report,
        )

    def sources(self) -> dict[Path, str]:
        """The digest of every file the build reads, by path."""
        try:
            config = load_config(self.config_path)
        except DigestError:  # fixing the config is the change to wait for
            # Through a link, the file edited is its target: the link itself, hashed with
            # O_NOFOLLOW, was never read, so no fix was ever seen.
            settings = Watched(os.path.realpath(self.config_path))
            return self._stamps.digests({self.config_path: settings}, MAX_CONFIG_BYTES)
        return self._stamps.digests(source_files(config, self.issue_id), read_limit(config))


def read_limit(config: Config) -> int:
    """The size past which no build reads a file: a review, an image or a static file, a
    template, the settings; a larger one is known by its size alone."""
    build = config.build
    return max(build.max_asset_bytes, build.max_review_bytes, MAX_TEMPLATE_BYTES, MAX_CONFIG_BYTES)


def _failed(previous: Snapshot, version: int, message: str) -> Snapshot:
    """The last good build, still shown, with the error of the attempt that failed."""
    return dataclasses.replace(previous, version=version, error=message)


def source_files(config: Config, issue_id: str) -> dict[Path, Watched]:
    """Every file a build of the issue reads, besides the code: the issue, the other issues
    (its archive page and its neighbours' links show them), the templates, the static
    folder, the config. Each with the file to read for it: a link's target, which the walk
    found inside its folder (hashed as a link, it was refused by O_NOFOLLOW)."""
    own = config.issues_path / issue_id
    roots = [own, config.templates_path, theme_path(), config.settings_file, config.static_path]
    if config.theme.logo and inside(config.root / config.theme.logo, config.root):
        roots.append(config.root / config.theme.logo)
    found: dict[Path, Watched] = {}
    for root in roots:
        if root.is_file():
            found[root] = Watched(os.path.realpath(root))
        elif root.is_dir():
            found.update(_walked(root))
    if config.issues_path.is_dir():
        others = _walked(config.issues_path, remembered_from=0)
        found.update({path: each for path, each in others.items() if own not in path.parents})
    return found


def _walked(root: Path, remembered_from: int = LARGE_BYTES) -> dict[Path, Watched]:
    """Every file the walk finds: a name starting with a dot too (a build reads MkDocs
    Material's `.authors.yml` beside the reviews, and hashes every file of an issue's
    folder); an editor's scratch files are never walked."""
    return {
        Path(each.path): Watched(os.path.realpath(each.path) if each.linked else each.path, remembered_from)
        for each in walk_files(str(root))
    }


class PreviewServer:
    """The HTTP server and the watcher thread around a `Preview`."""

    def __init__(
        self,
        config_path: Path,
        issue_id: str,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        options: BuildOptions | None = None,
        poll_seconds: float = 0.5,
    ) -> None:
        config = load_config(config_path)
        issue_id = as_listed(config, issue_id)
        issue_folder(config, issue_id)  # a malformed or unknown id stops here, before serving
        # Resolved: where the temporary folder's path goes through a link (macOS's /tmp),
        # the build folder would be refused as a link.
        self.workdir = Path(tempfile.mkdtemp(prefix="digest-preview-")).resolve()
        self.preview = Preview(
            config_path, issue_id, self.workdir, options or BuildOptions(check_links_online=False)
        )
        self.poll_seconds = poll_seconds
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._serving = False
        self.httpd = self._bind(host, port)
        try:  # stopped during the first build (Ctrl+C), the build folder goes too
            self._seen = self.preview.sources()
            self.preview.rebuild()
        except BaseException:
            self.close()
            raise

    def _bind(self, host: str, port: int) -> ThreadingHTTPServer:
        if host.startswith("[") and host.endswith("]"):
            host = host[1:-1]  # an IPv6 address as a URL writes it
        try:
            server = _server_class(host)((host, port), _handler_for(self.preview))
        except OSError as exc:
            shutil.rmtree(self.workdir, ignore_errors=True)
            # An address this machine does not have, or a name that is no address: the port is fine.
            not_here = isinstance(exc, socket.gaierror) or exc.errno == errno.EADDRNOTAVAIL
            raise DigestError(
                f"cannot listen on {host}:{port} ({exc.strerror}): "
                + (
                    "choose another --host, an address of this machine"
                    if not_here
                    else "choose another --port"
                )
            ) from None
        server.daemon_threads = True
        return server

    @property
    def url(self) -> str:
        """The address to open on this machine (listening on every address: its loopback one)."""
        address, port = self.httpd.server_address[:2]
        host = "127.0.0.1" if str(address) in WILDCARD_ADDRESSES else str(address)
        return _http_url(host, port)

    def announcement(self) -> list[str]:
        """What the preview prints as it starts: where to open it, here and, listening on
        every interface, from the other machines of the network (this machine's addresses)."""
        issue_id, port = self.preview.issue_id, self.httpd.server_address[1]
        if str(self.httpd.server_address[0]) not in WILDCARD_ADDRESSES:
            return [f"previewing {issue_id} at {self.url} (Ctrl+C to stop)"]
        from digest.preview.interfaces import local_addresses, reachable_from_the_network

        ipv6 = self.httpd.address_family == socket.AF_INET6
        others = reachable_from_the_network(local_addresses(), ipv6=ipv6)
        elsewhere = (
            ", ".join(_http_url(str(address), port) for address in others)
            if others
            else f"this machine's address with port {port}"
        )
        return [
            f"previewing {issue_id} on every interface of this machine, port {port} (Ctrl+C to stop)",
            f"open {self.url} here; from another machine of your network: {elsewhere}",
        ]

    def start(self) -> None:
        """Serve and watch in background threads (for tests and embedding)."""
        self._serving = True
        for target in (self.httpd.serve_forever, self.watch):
            thread = threading.Thread(target=target, daemon=True)
            thread.start()
            self._threads.append(thread)

    def serve_forever(self) -> None:
        """Serve in a background thread and watch in this one until interrupted: the rebuilds
        run in the main thread, the only one where a template's CPU-time bound can be set."""
        server = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._serving = True
        server.start()
        self._threads.append(server)
        self.watch()

    def watch(self) -> None:
        while not self._stop.wait(self.poll_seconds):
            self.rebuild_if_changed()

    def rebuild_if_changed(self) -> bool:
        current = self.preview.sources()
        if current == self._seen:
            return False
        self._seen = current  # taken before the build: an edit made during it triggers another
        self.preview.rebuild()
        return True

    def close(self) -> None:
        self._stop.set()
        if self._serving:  # shutdown() waits for a serve_forever loop, forever if none ran
            self.httpd.shutdown()
        self.httpd.server_close()
        for thread in self._threads:
            thread.join(timeout=10)
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> PreviewServer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


class _QuietServer(ThreadingHTTPServer):
    """A browser that closes a connection early is no news for the editor's terminal."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class _QuietServer6(_QuietServer):
    """On an IPv6 address; on `::`, IPv4 clients too (as `python -m http.server` does)."""

    address_family = socket.AF_INET6

    def server_bind(self) -> None:
        with contextlib.suppress(AttributeError, OSError):
            self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        super().server_bind()


def _server_class(host: str) -> type[_QuietServer]:
    return _QuietServer6 if ":" in host else _QuietServer


def _http_url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def _served_hosts(server: ThreadingHTTPServer) -> frozenset[str]:
    """The Host headers a request to this server may carry: its own address, and the
    loopback names when it listens on loopback. Anything else is another site's page
    reaching in through a rebound name (DNS rebinding)."""
    host, port = str(server.server_address[0]), server.server_address[1]
    names = {host, f"[{host}]"}
    if host in ("127.0.0.1", "::1", "localhost") or host in WILDCARD_ADDRESSES:
        names |= {"localhost", "127.0.0.1", "[::1]"}
    return frozenset(f"{name}:{port}" for name in names)


# `--host 0.0.0.0` (or `::`): every address of the machine, so a phone on the same network
# can open the preview by the machine's address.
WILDCARD_ADDRESSES = frozenset({"0.0.0.0", "::", ""})


def _host_allowed(header: str, server: ThreadingHTTPServer) -> bool:
    """Whether a request's Host header names this server. Listening on every address, any
    address written as digits is this machine's (a rebinding page reaches in by a name)."""
    header = header.lower()
    if header in _served_hosts(server):
        return True
    if str(server.server_address[0]) not in WILDCARD_ADDRESSES:
        return False
    try:
        parts = urlsplit(f"//{header}")
        ipaddress.ip_address(parts.hostname or "")
        return parts.port == server.server_address[1]
    except ValueError:
        return False


# How long a connection may take to send its request or read the answer: a client that
# stalls (or never finishes) otherwise holds one of the preview's threads for good.
CLIENT_SECONDS = 30.0


def _handler_for(preview: Preview) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        timeout = CLIENT_SECONDS

        def do_GET(self) -> None:
            if not _host_allowed(self.headers.get("Host") or "", self.server):  # type: ignore[arg-type]
                self._send(HTTPStatus.MISDIRECTED_REQUEST, "text/plain; charset=utf-8", b"wrong host\n")
                return
            path = unquote(urlsplit(self.path).path)
            snapshot = preview.snapshot
            if path == "/":
                self._send(HTTPStatus.OK, "text/html; charset=utf-8", preview_page(snapshot).encode())
            elif path == "/version":
                self._send(HTTPStatus.OK, "text/plain; charset=utf-8", str(snapshot.version).encode())
            elif path.startswith(SITE_PREFIX) and not path.endswith("/") and _is_folder(snapshot, path):
                self._redirect(quote(path) + "/")  # as a web server does: relative links need the slash
            elif path.startswith(SITE_PREFIX) and (found := _site_file(snapshot, path)) is not None:
                self._send(HTTPStatus.OK, _content_type(found), _site_content(snapshot, found))
            elif path.startswith(CLIENT_PREFIX) and (view := _client_view(snapshot, path)) is not None:
                self._send(HTTPStatus.OK, "text/html; charset=utf-8", view)
            else:
                self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found\n")

        def _redirect(self, location: str) -> None:
            try:
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()
            except (ConnectionError, TimeoutError):
                self.close_connection = True

        def _send(self, status: HTTPStatus, content_type: str, body: bytes) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)
            except (ConnectionError, TimeoutError):  # the browser went away or stalled: nothing to say
                self.close_connection = True

        def log_message(self, format: str, *args: object) -> None:
            """Requests are not worth a line each in the editor's terminal."""

    return Handler


def _in_site(snapshot: Snapshot, path: str) -> Path | None:
    """Where a URL path points in the build folder, never outside it."""
    if snapshot.site is None:
        return None
    relative = posixpath.normpath(path[len(SITE_PREFIX) :] or ".")
    if relative.startswith("..") or posixpath.isabs(relative) or "\0" in relative:
        return None
    return snapshot.site / relative


def _is_folder(snapshot: Snapshot, path: str) -> bool:
    candidate = _in_site(snapshot, path)
    try:
        return candidate is not None and candidate.is_dir() and not candidate.is_symlink()
    except (OSError, ValueError):
        return False


def _site_file(snapshot: Snapshot, path: str) -> Path | None:
    """The build's file for a URL path, never anything outside the build folder."""
    candidate = _in_site(snapshot, path)
    if candidate is None:
        return None
    try:  # a name too long for the file system is simply not there
        if candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() and not candidate.is_symlink() else None
    except (OSError, ValueError):
        return None


def _content_type(path: Path) -> str:
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith("text/") or kind.endswith(("json", "xml")) else kind


def _site_content(snapshot: Snapshot, path: Path) -> bytes:
    """HTML with the site's address pointed at this preview, so its links stay here."""
    content = path.read_bytes()
    if path.suffix != ".html" or not snapshot.base_url:
        return content
    return content.replace(snapshot.base_url.encode(), SITE_PREFIX.encode())


def _client_view(snapshot: Snapshot, path: str) -> bytes | None:
    """/client/<name>.html: the email as that client shows it, links kept in the preview."""
    name = path[len(CLIENT_PREFIX) :].removesuffix(".html")
    email = _site_file(snapshot, f"{SITE_PREFIX}{snapshot.issue_id}/email.html")
    if name not in VIEW_CLIENTS or email is None:
        return None
    view = client_view(_site_content(snapshot, email), VIEW_CLIENTS[name])
    return view


# --- the page ---------------------------------------------------------------------------

PAGE_STYLE = """
body { font: 15px/1.5 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; margin: 0;
       background: #f4f4f5; color: #18181b; }
header, section { padding: 12px 24px; }
header { background: #fff; border-bottom: 1px solid #d4d4d8; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 8px 0; }
.error { background: #fef2f2; border: 2px solid #b91c1c; color: #7f1d1d; padding: 12px 16px;
         margin: 12px 24px; white-space: pre-wrap; font-family: ui-monospace, monospace; }
.widths { display: flex; gap: 24px; align-items: flex-start; overflow-x: auto; }
figure { margin: 0; } figcaption { font-weight: 600; margin-bottom: 4px; }
iframe { border: 1px solid #a1a1aa; background: #fff; height: 1100px; }
pre.text { background: #fff; border: 1px solid #d4d4d8; padding: 12px; max-width: 80ch;
           white-space: pre-wrap; }
table { border-collapse: collapse; background: #fff; } td, th { border: 1px solid #d4d4d8; padding: 4px 8px;
        text-align: left; vertical-align: top; }
.error-row td:first-child { color: #b91c1c; font-weight: 600; } .ok { color: #166534; font-weight: 600; }
.warning-row td:first-child { color: #92400e; font-weight: 600; }
"""

# Each frame as tall as its email: no inner scroll bar, so the email gets the frame's full width.
FIT_SCRIPT = """
function fit(frame) {
  frame.style.height = frame.contentDocument.documentElement.scrollHeight + "px";
}
"""

RELOAD_SCRIPT = """
const shown = document.body.dataset.version;
async function poll() {
  try {
    const response = await fetch("/version", {cache: "no-store"});
    if ((await response.text()).trim() !== shown) { location.reload(); return; }
  } catch (error) { /* the server is restarting: try again */ }
  setTimeout(poll, INTERVAL);
}
setTimeout(poll, INTERVAL);
""".replace("INTERVAL", str(POLL_MILLISECONDS))


def preview_page(snapshot: Snapshot) -> str:
    """The whole preview page for one state of the build."""
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Preview: {escape(snapshot.issue_id)}</title>",
        f"<style>{PAGE_STYLE}</style>",
        f"<script>{FIT_SCRIPT}</script></head>",
        f'<body data-version="{snapshot.version}">',
        _header(snapshot),
    ]
    if snapshot.error:
        parts.append(f'<div class="error" id="error" role="alert">{escape(snapshot.error)}</div>')
    if snapshot.site is not None:
        parts += [_checks(snapshot), _email(snapshot), _text(snapshot), _client_support(snapshot)]
    parts += [f"<script>{RELOAD_SCRIPT}</script>", "</body></html>"]
    return "\n".join(parts) + "\n"


def _header(snapshot: Snapshot) -> str:
    if snapshot.site is None:
        status = "No build has succeeded yet: fix the error below; the page reloads when you save."
    else:
        web = f"{SITE_PREFIX}{escape(snapshot.issue_id)}/"
        shown = "the last good build" if snapshot.error else "this build"
        status = (
            f'<a id="web-version" href="{web}" target="_blank">Web version</a> · '
            f"build {snapshot.version} · showing {shown} · email {snapshot.email_bytes:,} bytes "
            "(Gmail clips at 102,000) · rebuilt when you save"
        )
    title = f": {escape(snapshot.title)}" if snapshot.title else ""
    return f"<header><h1>Preview of {escape(snapshot.issue_id)}{title}</h1><p>{status}</p></header>"


def _verdict(snapshot: Snapshot) -> str:
    if not snapshot.findings:
        return "Every check passed."
    if snapshot.would_fail:
        return "A build would fail: fix the problems below."
    return "Warnings only: a build would succeed."


def _checks(snapshot: Snapshot) -> str:
    verdict = _verdict(snapshot)
    rows = "".join(
        f'<tr class="{f.severity}-row"><td>{f.severity}</td><td>{escape(f.check)}</td>'
        f"<td>{escape(f.message)}</td><td>{escape(_where(f))}</td></tr>"
        for f in snapshot.findings
    )
    table = (
        f"<table><tr><th>severity</th><th>check</th><th>message</th><th>where</th></tr>{rows}</table>"
        if rows
        else ""
    )
    notices = "".join(f"<li>{escape(n)}</li>" for n in snapshot.notices)
    notice_list = f"<ul>{notices}</ul>" if notices else ""
    css_class = "" if snapshot.findings else ' class="ok"'
    heading = "Checks of the last good build" if snapshot.error else "Checks"
    return f'<section id="checks"><h2>{heading}</h2><p{css_class}>{verdict}</p>{table}{notice_list}</section>'


def _where(finding: Finding) -> str:
    if finding.path is None:
        return ""
    return f"{finding.path}:{finding.line}" if finding.line else str(finding.path)


def _email(snapshot: Snapshot) -> str:
    source = f"{SITE_PREFIX}{escape(snapshot.issue_id)}/email.html?build={snapshot.version}"
    frames = "".join(
        f'<figure><figcaption>{label}, {width} px</figcaption><iframe id="{name}" src="{source}" '
        f'width="{width}" title="The email at {width} pixels wide" onload="fit(this)"></iframe></figure>'
        for name, label, width in (("desktop", "Desktop", DESKTOP_WIDTH), ("phone", "Phone", PHONE_WIDTH))
    )
    views = "".join(
        f"<figure><figcaption>As {escape(client.short)} shows it, {DESKTOP_WIDTH} px</figcaption>"
        f'<iframe id="client-{name}" src="{CLIENT_PREFIX}{name}.html?build={snapshot.version}" '
        f'width="{DESKTOP_WIDTH}" title="The email without the CSS {escape(client.short)} drops" '
        'onload="fit(this)"></iframe></figure>'
        for name, client in VIEW_CLIENTS.items()
    )
    return (
        f'<section id="email"><h2>Email</h2><div class="widths">{frames}</div>'
        "<h2>In the webmails</h2><p>The same email without the CSS each drops (caniemail's data): "
        f'what its readers see.</p><div class="widths">{views}</div></section>'
    )


def _text(snapshot: Snapshot) -> str:
    return (
        '<section id="plain-text"><h2>Plain-text version</h2>'
        f'<pre class="text">{escape(snapshot.email_text)}</pre></section>'
    )


def _client_support(snapshot: Snapshot) -> str:
    """Per client, every feature it does not support or supports in part, and where it is used."""
    report = snapshot.clients
    if report is None:
        return ""
    heading = f"<h2>Email client support</h2><p>{escape(report.source)}"
    if report.skipped:
        return f'<section id="client-support">{heading}: {escape(report.skipped)}</p></section>'
    parts = [f'<section id="client-support">{heading}: what each client drops, and what it costs.</p>']
    for support in report.clients:
        rows = "".join(_support_row(item) for item in support.items)
        counts = f"{support.unsupported} not supported, {support.partial} in part"
        table = (
            f"<table><tr><th>support</th><th>feature</th><th>effect</th><th>where</th></tr>{rows}</table>"
            if rows
            else ""
        )
        parts.append(f"<h3>{escape(support.name)}: {counts}</h3>{table}")
    parts.append("</section>")
    return "".join(parts)


def _support_row(item: ReportItem) -> str:
    status = "not supported" if item.status == "n" else "in part"
    places = "<br>".join(escape(place.text()) for place in item.places)
    return (
        f'<tr class="{item.severity or "info"}-row"><td>{status}</td><td>{escape(item.title)}</td>'
        f"<td>{escape(item.why)}</td><td>{places}</td></tr>"
    )
