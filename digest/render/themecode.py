"""The built-in theme, compiled once when digest is installed.

Compiling the theme's templates from source is most of what rendering costs a build
that renders little (the demo, an edit of one review): about 60 ms. `make install` runs
`python -m digest.render.themecode`, which compiles each built-in template and keeps its
code in the package (`digest/_theme_code/`, as trusted as the code beside it); a build
loads that code instead of compiling again.

Only templates read from the built-in theme are looked up, never the project's own
(a repository's files are not trusted to hold code), and a compiled template is used
only while everything it was made from is unchanged: its source (Jinja checks that), the
theme file's path, digest's code and the installed libraries (both in the key). Anything
else is compiled from source, as without this module; nothing is ever written here
during a build.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, BytecodeCache

from digest.cache import code_fingerprint, libraries_fingerprint
from digest.errors import ContentError
from digest.files import read_source

THEME_CODE = Path(__file__).resolve().parent.parent / "_theme_code"
SUFFIX = ".jinja-code"
MAX_CODE_BYTES = 4_000_000  # the theme's largest is under 100 KB


class ThemeCode(BytecodeCache):
    """Jinja's bytecode cache over the compiled built-in theme: read-only in a build,
    written by `python -m digest.render.themecode`."""

    def __init__(self, theme: Path, folder: Path = THEME_CODE, *, writing: bool = False) -> None:
        self.theme = str(theme).rstrip(os.sep) + os.sep
        self.folder = folder
        self.writing = writing

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        bucket = Bucket(environment, self.get_cache_key(name, filename), self.get_source_checksum(source))
        if filename is not None and filename.startswith(self.theme):
            self.load_bytecode(bucket)
        return bucket

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        parts = (code_fingerprint(), libraries_fingerprint(), name, filename or "")
        return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()

    def load_bytecode(self, bucket: Bucket) -> None:
        path = self.folder / f"{bucket.key}{SUFFIX}"
        try:
            bucket.bytecode_from_string(read_source(path, self.folder, MAX_CODE_BYTES, "compiled template"))
        except (ContentError, OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
            bucket.reset()  # not compiled, or damaged: Jinja compiles from source

    def dump_bytecode(self, bucket: Bucket) -> None:
        if not self.writing:
            return
        with open(self.folder / f"{bucket.key}{SUFFIX}", "wb") as stored:
            bucket.write_bytecode(stored)


def compile_theme(folder: Path = THEME_CODE) -> list[str]:
    """Compile every built-in template into `folder`, replacing what was there; the names."""
    from digest.config import Config
    from digest.render.environment import Templates, theme_path

    folder.mkdir(exist_ok=True)
    for old in folder.glob(f"*{SUFFIX}"):
        old.unlink()
    theme = theme_path()
    # A root without a templates folder: the theme alone, none of a project's overrides.
    templates = Templates(Config(root=folder), theme_code=ThemeCode(theme, folder, writing=True))
    names = sorted(str(path.relative_to(theme)) for path in theme.rglob("*") if path.is_file())
    for name in names:
        templates.env.get_template(name)
    return names


def main() -> int:
    names = compile_theme()
    print(f"compiled {len(names)} built-in templates into {THEME_CODE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
