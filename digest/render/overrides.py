"""The project's template overrides, named as the theme's files are: an override spelled
otherwise only in case or Unicode form (Web.CSS for web.css) replaces the theme's file on
macOS and Windows, which open either spelling, and is passed over on Linux and in CI, so one
project built two different sites. Judged by the names the folder holds, so every system
refuses it alike. A template no build can use (named as no file of the theme, included by no
template) is named too, with the theme's file it may mean."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from digest.errors import ContentError
from digest.files import FoundFile, read_found, walk_files

TEMPLATE_SUFFIXES = (".j2", ".css")  # what the loader is asked for; images or fonts beside them are not


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


def unused_templates(folder: Path, theme: Path, max_bytes: int) -> list[tuple[str, str | None]]:
    """The templates in the project's `folder` that no build uses, each with the theme's file
    its name is close to: named as no file of the `theme`, and included, imported or extended
    by no template. Nothing where a template chooses one by a value, or cannot be read or
    parsed: which files it reaches is then not known before rendering."""
    own = [found for found in walk_files(str(folder)) if found.name.endswith(TEMPLATE_SUFFIXES)]
    theirs = [found for found in walk_files(str(theme)) if found.name.endswith(TEMPLATE_SUFFIXES)]
    theme_names = {found.name for found in theirs}
    unknown = [found.name for found in own if found.name not in theme_names]
    if not unknown:
        return []
    used: set[str] = set()
    for found, root in [*((f, folder) for f in own), *((f, theme) for f in theirs)]:
        named = _referenced(found, root, max_bytes)
        if named is None:
            return []
        used |= named
    return [
        (name, next(iter(difflib.get_close_matches(name, sorted(theme_names), n=1, cutoff=0.8)), None))
        for name in unknown
        if name not in used
    ]


def _referenced(found: FoundFile, folder: Path, max_bytes: int) -> set[str] | None:
    """The templates `found` names in its include, import, from and extends tags; None where
    one is chosen by a value or the file cannot be read or parsed."""
    import jinja2
    from jinja2 import meta

    if found.size > max_bytes:
        return None
    try:
        source = read_found(found, folder, max_bytes).decode("utf-8")
        parsed = jinja2.Environment(extensions=["jinja2.ext.i18n"]).parse(
            source
        )  # as the build's: {% trans %}
        names = set(meta.find_referenced_templates(parsed))
    except (OSError, ValueError, ContentError, RecursionError, jinja2.TemplateSyntaxError):
        return None
    return None if None in names else {name for name in names if name is not None}
