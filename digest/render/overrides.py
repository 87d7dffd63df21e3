"""The project's template overrides, named as the theme's files are: an override spelled
otherwise only in case or Unicode form (Web.CSS for web.css) replaces the theme's file on
macOS and Windows, which open either spelling, and is passed over on Linux and in CI, so one
project built two different sites. Judged by the names the folder holds, so every system
refuses it alike."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path

from digest.errors import ContentError


def _folded(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def refuse_misnamed_overrides(folder: Path, own: Iterable[str], theme: Iterable[str]) -> None:
    """`own`: the names in the project's templates `folder`; `theme`: the theme's."""
    theirs = {_folded(name): name for name in theme}
    exact = set(theirs.values())
    seen: dict[str, str] = {}
    for name in sorted(own):
        key = _folded(name)
        if name not in exact and key in theirs:
            raise ContentError(
                f"differs only in case or Unicode form from the theme's {theirs[key]}: macOS and Windows "
                f"use it in its place, Linux and most CI machines do not: rename it {theirs[key]}",
                folder / name,
            )
        other = seen.setdefault(key, name)
        if other != name:
            raise ContentError(
                f"differs only in case or Unicode form from {other} beside it: on macOS and Windows "
                "the two are one file: keep one",
                folder / name,
            )
