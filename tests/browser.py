"""Drive headless Chromium over the Chrome DevTools Protocol, without Node.

Chromium listens on a random 127.0.0.1 port (``--remote-debugging-port=0``) and says
which on stderr; aiohttp's websocket client speaks the protocol. Name resolution is
mapped to nowhere, so a page cannot reach the network even if it links to it.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import aiohttp

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--mute-audio",
    "--disable-breakpad",
    "--disable-crash-reporter",
    "--hide-scrollbars",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
)
DEVTOOLS_URL = re.compile(rb"DevTools listening on (ws://127\.0\.0\.1:\d+/\S+)")
STARTUP_SECONDS = 20.0
COMMAND_SECONDS = 15.0


class BrowserError(RuntimeError):
    """Chromium did not start, or answered a command with an error."""


def find_chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@contextmanager
def launch(executable: str, profile: Path) -> Iterator[str]:
    """Run Chromium with a fresh profile folder; yield its DevTools websocket URL.

    Chromium runs in its own process group, which is ended (then killed) on exit,
    renderer and helper processes included. HOME and the XDG folders point beside the
    profile, so nothing (crash reports included) is written outside it.
    """
    profile.mkdir(parents=True, exist_ok=True)
    home = profile.parent / f"{profile.name}-home"
    log_path = profile.parent / f"{profile.name}.log"
    environment = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
    }
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            start_new_session=True,
            env=environment,
        )
        try:
            yield _devtools_url(process, log_path)
        finally:
            _stop(process)


def _devtools_url(process: subprocess.Popen[bytes], log_path: Path) -> str:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        found = DEVTOOLS_URL.search(log_path.read_bytes())
        if found:
            return found.group(1).decode()
        if process.poll() is not None:
            break
        time.sleep(0.05)
    tail = log_path.read_bytes()[-2000:].decode(errors="replace")
    raise BrowserError(f"Chromium did not open its DevTools port (exit code {process.poll()}):\n{tail}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End Chromium's process group: politely, then by force, stragglers included."""
    _signal_group(process, signal.SIGTERM)
    with suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)
    _signal_group(process, signal.SIGKILL)
    process.wait(timeout=5)


def _signal_group(process: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    with suppress(ProcessLookupError):
        os.killpg(process.pid, sig)


class DevTools:
    """One websocket connection to the browser; commands are sent to a page session."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self._socket = socket
        self._ids = itertools.count(1)
        self._replies: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._waiting: list[tuple[str, asyncio.Future[dict[str, Any]]]] = []
        self._reader = asyncio.get_running_loop().create_task(self._read())

    async def _read(self) -> None:
        async for message in self._socket:
            if message.type != aiohttp.WSMsgType.TEXT:
                continue
            data = json.loads(message.data)
            if "id" in data:
                self._settle(data)
            else:
                self._notify(data["method"], data.get("params", {}))
        for future in [*self._replies.values(), *(f for _, f in self._waiting)]:
            if not future.done():
                future.set_exception(BrowserError("Chromium closed the DevTools connection"))

    def _settle(self, data: dict[str, Any]) -> None:
        future = self._replies.pop(data["id"], None)
        if future is None or future.done():
            return
        if "error" in data:
            future.set_exception(BrowserError(f"DevTools error: {data['error']}"))
        else:
            future.set_result(data.get("result", {}))

    def _notify(self, method: str, params: dict[str, Any]) -> None:
        for name, future in list(self._waiting):
            if name == method and not future.done():
                future.set_result(params)
                self._waiting.remove((name, future))

    async def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        command_id = next(self._ids)
        future = asyncio.get_running_loop().create_future()
        self._replies[command_id] = future
        message: dict[str, Any] = {"id": command_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        await self._socket.send_str(json.dumps(message))
        return await asyncio.wait_for(future, COMMAND_SECONDS)

    def expect(self, method: str) -> asyncio.Future[dict[str, Any]]:
        """A future for the next event named ``method``; ask before causing it."""
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._waiting.append((method, future))
        return future

    async def close(self) -> None:
        await self._socket.close()
        await self._reader


class Page:
    """A browser tab attached through a flat DevTools session."""

    def __init__(self, devtools: DevTools, session: str) -> None:
        self.devtools = devtools
        self.session = session

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        return await self.devtools.send(method, self.session, **params)

    async def open(self, path: Path) -> None:
        loaded = self.devtools.expect("Page.loadEventFired")
        await self.send("Page.navigate", url=path.resolve().as_uri())
        await asyncio.wait_for(loaded, COMMAND_SECONDS)

    async def set_viewport(self, width: int, height: int) -> None:
        """A phone-like viewport below 600 px (the page's viewport meta applies), a desktop one above."""
        await self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=width < 600,
        )

    async def set_color_scheme(self, scheme: str) -> None:
        await self.send(
            "Emulation.setEmulatedMedia", features=[{"name": "prefers-color-scheme", "value": scheme}]
        )

    async def evaluate(self, expression: str) -> Any:
        reply = await self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in reply:
            raise BrowserError(f"script failed: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    async def screenshot(self, path: Path) -> None:
        """The whole page, at the current viewport width, as PNG."""
        height = await self.evaluate("document.documentElement.scrollHeight")
        width = await self.evaluate("window.innerWidth")
        reply = await self.send(
            "Page.captureScreenshot",
            format="png",
            captureBeyondViewport=True,
            clip={"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(reply["data"]))


async def open_page(devtools: DevTools) -> Page:
    target = await devtools.send("Target.createTarget", url="about:blank")
    attached = await devtools.send("Target.attachToTarget", targetId=target["targetId"], flatten=True)
    page = Page(devtools, attached["sessionId"])
    await page.send("Page.enable")
    return page


async def connect(url: str, client: aiohttp.ClientSession) -> DevTools:
    socket = await client.ws_connect(url, max_msg_size=64 * 1024 * 1024)
    return DevTools(socket)


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


Rgb = tuple[int, int, int]
_RGB = re.compile(r"rgba?\(\s*(\d+)[,\s]+(\d+)[,\s]+(\d+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)")


def css_colour(value: str) -> Rgb:
    """A computed colour (``rgb(…)``/``rgba(…)``) as an RGB triple."""
    match = _RGB.fullmatch(value.strip())
    if not match:
        raise ValueError(f"not a computed rgb() colour: {value!r}")
    red, green, blue = (int(match.group(i)) for i in (1, 2, 3))
    return red, green, blue


def relative_luminance(colour: Rgb) -> float:
    """WCAG 2 relative luminance."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: Rgb, second: Rgb) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
