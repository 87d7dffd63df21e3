"""What the email needs to know of an image on another site: its size, format and weight.

Every image in the email carries its width and height, and a card's remote image is no
exception. Its bytes are fetched once when the build may use the network (the links are
checked), kept in the build cache for [links] cache_max_age, and read from there by a
build without the network; with neither, the email leaves the image out (and says so).
The image stays where it is: the email links it, the link check checks it.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from digest.cache import BuildCache, cache_key
from digest.config import Config
from digest.render.images import UnreadableImage, image_facts

CACHE_KIND = "remote-image-v1"


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
        self.cache = cache
        self.online = online
        self._seen: dict[str, RemoteImage] = {}

    def get(self, url: str) -> RemoteImage:
        if url not in self._seen:
            self._seen[url] = self._lookup(url)
        return self._seen[url]

    def _lookup(self, url: str) -> RemoteImage:
        key = cache_key(CACHE_KIND, url)
        cached = self.cache.get(key) if self.cache is not None else None
        if isinstance(cached, tuple) and len(cached) == 2 and isinstance(cached[1], RemoteImage):
            fetched_at, found = cached[0], cached[1]
            assert isinstance(found, RemoteImage)
            fresh = time.time() - float(fetched_at) < self.config.links.cache_max_age
            if found.known and (fresh or not self.online):
                return found
        if not self.online:
            return RemoteImage(
                url, problem="its size is not known without the network (links are not checked)"
            )
        if any(re.search(pattern, url) for pattern in self.config.links.exclude):
            return RemoteImage(url, problem="[links] exclude keeps the build from fetching it")
        image = fetch(url, self.config)
        if self.cache is not None and image.known:
            self.cache.put(key, (time.time(), image))  # the clock dates the cache entry, never an output
        return image


def fetch(url: str, config: Config) -> RemoteImage:
    """The image at `url`, read up to [build] max_asset_bytes; its problem if it is none."""
    import urllib.error  # here: a build that fetches nothing does not pay for them
    import urllib.request

    limit = config.build.max_asset_bytes
    user_agent = config.links.user_agent or "Mozilla/5.0 (compatible; digest)"
    request = urllib.request.Request(url, headers={"User-Agent": user_agent, "Accept": "image/*"})
    try:
        with urllib.request.urlopen(request, timeout=config.links.timeout) as response:
            kind = response.headers.get_content_type()
            data = response.read(limit + 1)
    except urllib.error.HTTPError as error:
        return RemoteImage(url, problem=f"it cannot be fetched (HTTP {error.code})")
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        return RemoteImage(url, problem=f"it cannot be fetched ({reason})")
    if not kind.startswith("image/"):
        return RemoteImage(url, problem=f"it is not an image (the server sends {kind})")
    if len(data) > limit:
        return RemoteImage(url, problem=f"it is over [build] max_asset_bytes ({limit:,} bytes)")
    try:
        facts = image_facts(data)
    except UnreadableImage as problem:
        return RemoteImage(url, problem=str(problem))
    return RemoteImage(url, facts.format, facts.width, facts.height, len(data), facts.may_be_transparent)
