"""What CLDR says of a language that every build asks: which way it runs and the locale
Open Graph names, for every locale CLDR knows, read once when digest is installed.

Asking Babel costs a cold build 50-80 ms (its import and a locale's data) for two short
answers. `make install` runs `python -m digest.render.localefacts`, which asks Babel for
every locale and keeps the answers beside the compiled theme (digest/_theme_code/, as
trusted as the code), in a file named by digest's code and the installed libraries:
another version of either is another file, and a build that finds none asks Babel
itself, as before.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys
from pathlib import Path

from digest.cache import code_fingerprint, libraries_fingerprint
from digest.errors import ContentError
from digest.files import read_source
from digest.render.themecode import THEME_CODE

MAX_FACTS_BYTES = 1_000_000  # about 40 KB for CLDR's thousand locales
DIRECTIONS = ("ltr", "rtl")

Facts = tuple[str, str | None]  # direction, Open Graph locale


def installed_facts(language: str) -> Facts | None:
    """The direction and Open Graph locale of `language` as installed, or None where the
    table is missing or does not hold the tag."""
    return _table(THEME_CODE).get(canonical_tag(language))


def canonical_tag(language: str) -> str:
    """A BCP 47 tag in its usual case: language lower, script title, region upper (sr-Latn-RS)."""
    parts = language.replace("_", "-").split("-")
    shaped = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            shaped.append(part.title())
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            shaped.append(part.upper())
        else:
            shaped.append(part.lower())
    return "-".join(shaped)


def _facts_file(folder: Path) -> Path:
    """Named by digest's code and the installed libraries: a table another version wrote is not read."""
    made_by = hashlib.sha256(f"{code_fingerprint()}\0{libraries_fingerprint()}".encode()).hexdigest()
    return folder / f"locale-facts-{made_by[:16]}.json"


@functools.cache
def _table(folder: Path) -> dict[str, Facts]:
    try:
        data = json.loads(read_source(_facts_file(folder), folder, MAX_FACTS_BYTES, "locale facts"))
    except (ContentError, OSError, ValueError, RecursionError):
        return {}  # not installed, or damaged (nested past Python's limit too): Babel is asked
    if not isinstance(data, dict):
        return {}
    return {
        tag: (facts[0], facts[1])
        for tag, facts in data.items()
        if isinstance(facts, list)
        and len(facts) == 2
        and facts[0] in DIRECTIONS
        and (facts[1] is None or isinstance(facts[1], str))
    }


def write_facts(folder: Path = THEME_CODE) -> int:
    """Ask Babel of every locale CLDR knows and keep the answers in `folder`; how many."""
    from babel.localedata import locale_identifiers

    from digest.render.direction import _cldr_direction
    from digest.render.language import _cldr_og_locale

    folder.mkdir(exist_ok=True)
    for old in folder.glob("locale-facts-*.json"):
        old.unlink()
    tags = sorted({canonical_tag(identifier) for identifier in locale_identifiers() if identifier != "root"})
    facts = {tag: [_cldr_direction(tag), _cldr_og_locale(tag)] for tag in tags}
    _facts_file(folder).write_text(json.dumps(facts, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    _table.cache_clear()
    return len(facts)


def main() -> int:
    print(f"kept what CLDR says of {write_facts()} locales in {THEME_CODE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
