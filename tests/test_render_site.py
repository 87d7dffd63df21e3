"""render/site.py: every output of a build, through the cache."""

from __future__ import annotations

import hashlib
from pathlib import Path

from digest.cache import BuildCache
from digest.config import load_config
from digest.render.site import SiteRenderer
from digest.sources.site import load_site


def test_every_output_made_through_the_cache_is_known_by_its_digest(project: Path) -> None:
    config = load_config(project / "digest.toml")
    for _ in range(2):  # made, then read from the cache
        cache = BuildCache(project / ".digest-cache" / "build.sqlite3")
        renderer = SiteRenderer(config, load_site(config, "issue-2025", False, cache), cache)
        outputs = renderer.render()
        cache.close()
        known = renderer.output_digests
        assert {"index.html", "feed.xml", "issue-2025/index.html", "issue-2025/email.html"} <= set(known)
        assert all(hashlib.sha256(outputs[name]).hexdigest() == digest for name, digest in known.items())


def test_without_a_cache_no_digest_is_claimed(project: Path) -> None:
    config = load_config(project / "digest.toml")
    renderer = SiteRenderer(config, load_site(config, "issue-2025", False, None))
    assert renderer.render() and renderer.output_digests == {}
