"""caniemail.com's data on which HTML and CSS features each mail client supports, vendored.

`features.json` is a snapshot (MIT licence; source, commit and notice in README.md beside
it), read once, on first use: `digest --help` never loads it. `refresh.py` replaces it
with a newer snapshot.

Parsing the whole snapshot took about 70 million instructions (3% of building the demo),
for the 60 or so of its 300 features an email uses. `make install` therefore keeps an
index beside the compiled theme: each feature's JSON text by its slug, in a file named by
the snapshot's SHA-256, so an index only ever stands for the bytes it was made from. A
build reads the snapshot, finds its index and parses a feature when it is first asked
for; without an index (or with a damaged one) it parses the snapshot whole, as before.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DATA_FILE = "features.json"
INDEX_FOLDER = Path(__file__).resolve().parent.parent.parent / "_theme_code"
MAX_INDEX_BYTES = 20_000_000  # the index of today's snapshot is about 0.6 MB


@dataclass(frozen=True)
class Support:
    """One client's result for one feature: `status` is y (supported), n (not supported),
    a (partial) or u (unknown); `notes` are the texts of the numbered notes that apply."""

    status: str
    notes: tuple[str, ...] = ()
    version: str = ""


class Caniemail:
    """The snapshot: features by slug (css-position, html-meta-color-scheme, image-webp...)."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.source: dict[str, str] = data["source"]
        self.features: Mapping[str, dict[str, Any]] = data["features"]
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


class _IndexedFeatures(Mapping[str, dict[str, Any]]):
    """Features by slug, each parsed from its JSON text when first looked up."""

    def __init__(self, texts: dict[str, str]) -> None:
        self._texts = texts
        self._parsed: dict[str, dict[str, Any]] = {}

    def __getitem__(self, slug: str) -> dict[str, Any]:
        feature = self._parsed.get(slug)
        if feature is None:
            feature = self._parsed[slug] = json.loads(self._texts[slug])
        return feature

    def __contains__(self, slug: object) -> bool:
        return slug in self._texts

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)


@cache
def load() -> Caniemail:
    # A plain read: importlib.resources costs more to import and first use than the read.
    snapshot = Path(__file__).with_name(DATA_FILE).read_bytes()
    indexed = _indexed(snapshot)
    return Caniemail(indexed if indexed is not None else json.loads(snapshot))


def index_path(snapshot: bytes, folder: Path = INDEX_FOLDER) -> Path:
    return folder / f"caniemail-{hashlib.sha256(snapshot).hexdigest()[:32]}.marshal"


def _indexed(snapshot: bytes, folder: Path = INDEX_FOLDER) -> dict[str, Any] | None:
    """The snapshot's source, client names and features as kept at install, or None where
    there is no index of these bytes or it is damaged."""
    from digest.compiled import read_sealed

    stored = read_sealed(index_path(snapshot, folder), MAX_INDEX_BYTES)
    if not isinstance(stored, tuple) or len(stored) != 3 or not all(isinstance(p, dict) for p in stored):
        return None
    source, names, texts = stored
    if not all(isinstance(slug, str) and isinstance(text, str) for slug, text in texts.items()):
        return None
    return {"source": source, "nicenames": names, "features": _IndexedFeatures(texts)}


def write_index(folder: Path = INDEX_FOLDER) -> Path:
    """`make install`: keep the snapshot's features as JSON texts by slug, in `folder`."""
    from digest.compiled import write_sealed

    snapshot = Path(__file__).with_name(DATA_FILE).read_bytes()
    data = json.loads(snapshot)
    texts = {slug: json.dumps(feature, ensure_ascii=False) for slug, feature in data["features"].items()}
    folder.mkdir(exist_ok=True)
    for old in folder.glob("caniemail-*.marshal"):
        old.unlink(missing_ok=True)  # another install at once may have removed it
    path = index_path(snapshot, folder)
    write_sealed(path, (data["source"], data["nicenames"], texts))
    return path


def main() -> int:
    print(f"kept caniemail's features by slug in {write_index()}")
    return 0
