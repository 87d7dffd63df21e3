"""caniemail.com's data on which HTML and CSS features each mail client supports, vendored.

`features.json` is a snapshot (MIT licence; source, commit and notice in README.md beside
it), read once, on first use: `digest --help` never loads it. `refresh.py` replaces it
with a newer snapshot.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DATA_FILE = "features.json"


@dataclass(frozen=True)
class Support:
    """One client's result for one feature: `status` is y (supported), n (not supported),
    a (partial) or u (unknown); `notes` are the texts of the numbered notes that apply."""

    status: str
    notes: tuple[str, ...] = ()
    version: str = ""


class Caniemail:
    """The snapshot: features by slug (css-position, html-meta-color-scheme, image-webp...)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.source: dict[str, str] = data["source"]
        self.features: dict[str, dict[str, Any]] = data["features"]
        self._names: dict[str, dict[str, str]] = data["nicenames"]
        self._support: dict[tuple[str, str, str], Support] = {}

    def __contains__(self, slug: str) -> bool:
        return slug in self.features

    def title(self, slug: str) -> str:
        return str(self.features[slug]["title"])

    def url(self, slug: str) -> str:
        return str(self.features[slug].get("url", ""))

    def support(self, slug: str, family: str, platform: str) -> Support:
        """The client's result (unknown where caniemail has none)."""
        key = (slug, family, platform)
        if key not in self._support:
            self._support[key] = self._result(slug, family, platform)
        return self._support[key]

    def _result(self, slug: str, family: str, platform: str) -> Support:
        feature = self.features.get(slug)
        result = None if feature is None else feature["support"].get(family, {}).get(platform)
        if result is None:
            return Support("u")
        numbered = feature.get("notes_by_num", {}) if feature is not None else {}
        notes = tuple(str(numbered[str(number)]) for number in result.get("n", ()) if str(number) in numbered)
        return Support(str(result["s"]), notes, str(result.get("v", "")))

    def client_name(self, family: str, platform: str) -> str:
        """As caniemail.com writes it: "Gmail (Desktop Webmail)"."""
        return (
            f"{self._names['family'].get(family, family)} ({self._names['platform'].get(platform, platform)})"
        )

    @property
    def label(self) -> str:
        """The snapshot in a few words: "caniemail 6b086a3 (2026-06-29)"."""
        return f"caniemail {self.source['commit'][:7]} ({self.source.get('commit_date', '')[:10]})"


@cache
def load() -> Caniemail:
    # A plain read: importlib.resources costs more to import and first use than the read.
    text = Path(__file__).with_name(DATA_FILE).read_text(encoding="utf-8")
    return Caniemail(json.loads(text))
