"""Where each use of a feature is written: the theme's file and line, a review, or MJML's own
markup; found once per distinct thing written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from digest.checks.clients.features import Use
from digest.checks.declared import DeclarationFinder
from digest.checks.origins import EmailSources, Location, SourceFile


@dataclass(frozen=True)
class Place:
    """Where a feature is used: what the email writes there and which file wrote it."""

    label: str
    location: Location | None
    note: str = ""  # "written by MJML" when no source file holds it

    def text(self, root: Path | None = None) -> str:
        """ "label at path:line (note)", the path relative to `root` where it is inside it."""
        if self.location is None:
            return f"{self.label} ({self.note})" if self.note else self.label
        path = self.location.path
        if root is not None and path.is_relative_to(root):
            path = path.relative_to(root)
        where = f"{path}:{self.location.line}" if self.location.line else str(path)
        return f"{self.label} at {where}" + (f" ({self.note})" if self.note else "")


BY_MJML = "written by MJML"


class Locator:
    """Finds the source line of a use once per distinct thing written."""

    def __init__(self, sources: EmailSources | None) -> None:
        self.sources = sources
        self._found: dict[tuple[str, str, str, str], Place] = {}
        self._declared: dict[tuple[str, str, str], Location | None] = {}
        self._selectors: dict[str, Location | None] = {}
        self._finder = DeclarationFinder(sources) if sources is not None else None

    def place(self, use: Use) -> Place:
        key = (use.kind, use.feature, use.label, use.selector)
        if key not in self._found:
            self._found[key] = self._locate(use)
        return self._found[key]

    def _locate(self, use: Use) -> Place:
        sources = self.sources
        note = "in Outlook's conditional markup, " if use.outlook == "only" else ""
        if use.feature == "html-doctype":
            return Place(use.label, None, "added by digest to every email")
        if sources is None:
            return Place(use.label, None, note.rstrip(", "))
        found = self._search(sources, use)
        if found is not None:
            return Place(use.label, found, note.rstrip(", "))
        return Place(use.label, sources.fallback(), f"{note}{BY_MJML}")

    def _search(self, sources: EmailSources, use: Use) -> Location | None:
        if use.kind == "rule-declaration" and use.selector and self._selector(sources, use.selector) is None:
            return None  # its rule is in no theme file: MJML's own (body { margin:0 }), not ours
        if use.kind in ("declaration", "rule-declaration") and use.declaration is not None:
            return self._declaration(sources, use.declaration.name, use.declaration.value, use.written)
        if use.kind == "at-rule":
            words = use.label.split()[:2]
            if len(words) > 1:
                words[1] = words[1][:20]
            pattern = r"\s*".join(re.escape(word) for word in words)
            return self._first(sources.theme, words, _Lazy(lambda: re.compile(pattern, re.I)))
        if use.kind == "selector":
            return self._selector(sources, use.label.rsplit(" (", 1)[0])
        if use.kind in ("element", "attribute", "link"):
            return self._markup(sources, use)
        return None

    def _selector(self, sources: EmailSources, selector: str) -> Location | None:
        """Where a rule with this selector is written in the theme."""
        if selector not in self._selectors:
            written = r"\s*,\s*".join(
                r"\s+".join(re.escape(word) for word in part.split()) for part in selector.split(",")
            )
            words = [word for part in selector.split(",") for word in part.split()]
            pattern = _Lazy(lambda: re.compile(rf"(?<![\w.#-]){written}\s*\{{", re.I))
            self._selectors[selector] = self._first(sources.theme, words, pattern)
        return self._selectors[selector]

    def _declaration(self, sources: EmailSources, name: str, value: str, written: str) -> Location | None:
        """Where a declaration is written (its !important as written), once per declaration
        (its features share it)."""
        key = (name, value, written)
        if key not in self._declared:
            finder = self._finder or DeclarationFinder(sources)
            self._declared[key] = finder.find(name, value, written)
        return self._declared[key]

    def _markup(self, sources: EmailSources, use: Use) -> Location | None:
        if use.kind == "attribute":
            name = next(iter(use.keys))
            words, written = [name], rf"(?<![\w-]){re.escape(name)}\s*="
        elif use.feature.startswith("image-"):
            words = [use.label.rstrip("…")]
            written = re.escape(words[0])
        elif use.kind == "link" and '"' in use.label:
            # An in-page link, as an attribute or a Markdown link: `#` alone is in every colour.
            words = [use.label.split('"')[1]]
            written = rf"(?<=[\"'(=]){re.escape(words[0])}(?=[\"')\s>])"
        elif use.kind == "link":
            words = [use.label]
            written = re.escape(words[0])
        else:
            tag = next(iter(use.keys), "") or use.label.strip("<>")
            words, written = [f"<{tag}"], rf"<{re.escape(tag)}\b"
        pattern = _Lazy(lambda: re.compile(written, re.I))
        theme = (sources.template,) if use.kind == "element" else sources.theme
        found = self._first([each for each in theme if each is not None], words, pattern)
        if found is None:
            found = sources.markup(pattern())
        if found is None and use.kind == "element":
            found = sources.rendered(pattern())
        return found

    def _first(
        self, files: Iterable[SourceFile], words: Sequence[str], pattern: Callable[[], re.Pattern[str]]
    ) -> Location | None:
        """The first match in the files, searched only in those that may hold the words."""
        finder = self._finder
        for source in files:
            if finder is not None and not finder.may_hold(source, words):
                continue
            found = source.find(pattern())
            if found is not None:
                return found
        return None


class _Lazy:
    """A pattern compiled on first use: most searches are ruled out by the words they need."""

    def __init__(self, make: Callable[[], re.Pattern[str]]) -> None:
        self._make = make
        self._pattern: re.Pattern[str] | None = None

    def __call__(self) -> re.Pattern[str]:
        if self._pattern is None:
            self._pattern = self._make()
        return self._pattern
