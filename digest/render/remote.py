"""What the email needs to know of an image on another site: its size, format and weight.

Every image in the email carries its width and height, and a card's remote image is no
exception. Its bytes are fetched once when the build may use the network (the links are
checked), what they are kept for [links] cache_max_age with the links' results (the link
cache: what a server said, never the build cache, whose entries follow from the sources
alone), and read from there by a build without the network; with neither, the email leaves
the image out (and says so).
The image stays where it is: the email links it, the link check checks it.
"""

from __future__ import annotations

import contextlib
import re
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digest.cache import CLOCK_SLACK, BuildCache
from digest.config import Config
from digest.errors import printable
from digest.render.images import UnreadableImage, image_facts

if TYPE_CHECKING:
    import urllib.request

    from digest.checks.http import LinkCache


@dataclass(frozen=True)
class RemoteImage:
    """A remote image as fetched: its format and size, or why it could not be used."""

    url: str
    format: str = ""
    width: int = 0
    height: int = 0
    length: int = 0
    may_be_transparent: bool = False
    problem: str = ""  # empty when the image was read

    @property
    def known(self) -> bool:
        return not self.problem


class RemoteImages:
    """Remote images' sizes for one build; `online` says whether it may fetch them."""

    def __init__(self, config: Config, cache: BuildCache | None, online: bool) -> None:
        self.config = config
        self.store: Path | None = None  # kept where the links' results are, where a build caches
        if cache is not None:
            from digest.checks.build import LINK_CACHE_FILE

            self.store = config.cache_path / LINK_CACHE_FILE
        self.online = online
        self._seen: dict[str, RemoteImage] = {}
        self._cache: LinkCache | None = None
        self.notices: list[str] = []  # the link cache's, where it was damaged or held by another

    def get(self, url: str) -> RemoteImage:
        if url not in self._seen:
            self._seen[url] = self._lookup(url)
        return self._seen[url]

    def _lookup(self, url: str) -> RemoteImage:
        link_cache = self._link_cache()
        stored = link_cache.remote_image(url) if link_cache is not None else None
        found = _from_facts(url, stored[1]) if stored is not None else None
        if stored is not None and found is not None:
            age = time.time() - stored[0]  # negative: stored while the clock was ahead, so no age known
            fresh = -CLOCK_SLACK <= age < self.config.links.cache_max_age
            if fresh or not self.online:
                return found
        if not self.online:
            return RemoteImage(
                url, problem="its size is not known without the network (links are not checked)"
            )
        if any(re.search(pattern, url) for pattern in self.config.links.exclude):
            return RemoteImage(url, problem="[links] exclude keeps the build from fetching it")
        image = fetch(url, self.config)
        if link_cache is not None and image.known:
            # The clock dates what is kept, never an output.
            link_cache.save_remote_image(
                url, [image.format, image.width, image.height, image.length, image.may_be_transparent]
            )
        return image

    def _link_cache(self) -> LinkCache | None:
        if self.store is None:
            return None
        if self._cache is None:
            from digest.checks.http import LinkCache  # here: a build without remote pictures never loads it

            self._cache = LinkCache(self.store, self.notices)
        return self._cache


def _from_facts(url: str, facts: list[object]) -> RemoteImage | None:
    """The picture the kept facts describe; None where they are not what was kept."""
    if len(facts) != 5:
        return None
    kind, width, height, length, transparent = facts
    sound = isinstance(kind, str) and kind and isinstance(transparent, bool)
    numbers = [n for n in (width, height, length) if isinstance(n, int) and not isinstance(n, bool) and n > 0]
    if not sound or len(numbers) != 3:
        return None
    assert isinstance(kind, str) and isinstance(transparent, bool)
    return RemoteImage(url, kind, numbers[0], numbers[1], numbers[2], transparent)


def fetch(url: str, config: Config) -> RemoteImage:
    """The image at `url`, read up to [build] max_asset_bytes; its problem if it is none.

    [links] timeout bounds each wait for the server, and twice that the whole fetch (as the
    link check's): a server that trickles its headers or its body, each byte in time, would
    otherwise hold the build for as long as it likes."""
    import http.client  # here: a build that fetches nothing does not pay for them
    import urllib.error
    import urllib.request

    limit = config.build.max_asset_bytes
    user_agent = config.links.user_agent or "Mozilla/5.0 (compatible; digest)"
    request = urllib.request.Request(url, headers={"User-Agent": user_agent, "Accept": "image/*"})
    deadline = _Deadline(2 * config.links.timeout)
    try:
        with deadline, deadline.opener().open(request, timeout=config.links.timeout) as response:
            kind = response.headers.get_content_type()
            announced = response.length  # Content-Length, where the server gave one
            data = response.read(limit + 1)
    except urllib.error.HTTPError as error:
        return _not_fetched(url, f"HTTP {error.code}")
    except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as error:
        if deadline.passed:
            return _not_fetched(url, f"the server did not send it whole within {deadline.seconds:g} s")
        if isinstance(error, http.client.HTTPException) and not isinstance(error, http.client.IncompleteRead):
            return _not_fetched(url, f"the server's answer is not HTTP: {printable(str(error))[:80]}")
        return _not_fetched(url, str(getattr(error, "reason", error)))
    if deadline.passed:
        return _not_fetched(url, f"the server did not send it whole within {deadline.seconds:g} s")
    if announced is not None and len(data) < min(announced, limit + 1):  # the connection closed early
        return _not_fetched(url, f"the server sent {len(data):,} of its {announced:,} bytes")
    if not kind.startswith("image/"):
        return RemoteImage(url, problem=f"it is not an image (the server sends {kind})")
    if len(data) > limit:
        return RemoteImage(url, problem=f"it is over [build] max_asset_bytes ({limit:,} bytes)")
    try:
        facts = image_facts(data)
    except UnreadableImage as problem:
        return RemoteImage(url, problem=str(problem))
    return RemoteImage(url, facts.format, facts.width, facts.height, len(data), facts.may_be_transparent)


def _not_fetched(url: str, why: str) -> RemoteImage:
    return RemoteImage(url, problem=f"it cannot be fetched ({why})")


class _Deadline:
    """The sockets of one fetch, shut down when its time is up: a socket's timeout bounds each
    wait, never the whole, and a read the shutdown ends fails or comes back short."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.passed = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._shut)
        self._timer.daemon = True

    def __enter__(self) -> None:
        self._timer.start()

    def __exit__(self, *_: object) -> None:
        self._timer.cancel()

    def watch(self, connection: socket.socket) -> None:
        with self._lock:
            self._sockets.append(connection)
            if self.passed:
                connection.shutdown(socket.SHUT_RDWR)

    def _shut(self) -> None:
        with self._lock:
            self.passed = True
            for connection in self._sockets:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)

    def opener(self) -> urllib.request.OpenerDirector:
        """urllib's opener (proxies, redirects) whose connections this deadline watches."""
        import http.client
        import urllib.request

        deadline = self

        def watched(kind: type[http.client.HTTPConnection]) -> type[http.client.HTTPConnection]:
            class Watched(kind):  # type: ignore[valid-type,misc]
                def connect(self) -> None:
                    super().connect()
                    deadline.watch(self.sock)

            return Watched

        class Plain(urllib.request.HTTPHandler):
            def do_open(self, http_class: Any, req: Any, **options: Any) -> Any:
                return super().do_open(watched(http_class), req, **options)

        class Secure(urllib.request.HTTPSHandler):
            def do_open(self, http_class: Any, req: Any, **options: Any) -> Any:
                return super().do_open(watched(http_class), req, **options)

        return urllib.request.build_opener(Plain, Secure)
