"""Data classes' generated methods, compiled once when digest is installed.

Python's `dataclasses` writes each class's methods (`__init__`, `__repr__`, `__eq__`, and
for a frozen class `__setattr__`, `__delattr__` and `__hash__`) as source text and compiles
it when the class is defined: for digest's hundred data classes, 580 compilations and about
a tenth of building the demo. `make install` runs `python -m digest.classcode`, which
imports every module of digest and keeps the code compiled from each of those texts in
`digest/_class_code/` (as trusted as the code beside it), one file per interpreter. A run
looks each text up there and compiles what it does not find, as it would without this
module.

The key is the whole text, so stored code only ever stands for the very text it was
compiled from: a changed class misses and is compiled. Nothing is written during a build.
"""

from __future__ import annotations

import dataclasses
import marshal
import os
import stat
import sys
import types
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

CLASS_CODE = Path(__file__).resolve().parent / "_class_code"
MAX_STORE_BYTES = 16_000_000  # digest's own is under 1 MB
CodeStore = dict[str, types.CodeType]

# The stored code, read on first use; and what `record` collects, while it runs.
_stores: dict[Path, CodeStore] = {}
_recording: list[CodeStore] = []


def store_path(folder: Path = CLASS_CODE) -> Path:
    """The store for this interpreter: its code is only valid for the same bytecode."""
    return folder / f"{sys.implementation.cache_tag}-{sys.hexversion:x}.marshal"


def install(folder: Path = CLASS_CODE) -> None:
    """Have `dataclasses` compile through the store in `folder`: it compiles with `exec`,
    which a global of its module named so shadows. Where that module does not call `exec`,
    this changes nothing."""
    path = store_path(folder)

    def exec_stored(source: Any, globals: Any = None, locals: Any = None) -> None:
        if isinstance(source, str):
            source = code_for(source, path)
        exec(source, globals, locals)

    setattr(dataclasses, "exec", exec_stored)  # noqa: B010


def code_for(text: str, path: Path) -> types.CodeType:
    """The code of `text`: stored at `path`, or compiled as `exec` would compile it."""
    stored = _stores.get(path)
    if stored is None:
        stored = _stores[path] = load(path)
    code = stored.get(text)
    if code is None:
        code = compile(text, "<string>", "exec", dont_inherit=True)
    for recorded in _recording:
        recorded[text] = code
    return code


def load(path: Path) -> CodeStore:
    """The store at `path`; empty where there is none or it is damaged (everything is
    then compiled, as without it)."""
    try:
        with open(path, "rb") as file:
            status = os.fstat(file.fileno())
            if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_STORE_BYTES:
                return {}
            loaded = marshal.loads(file.read())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(loaded, dict):
        return {}
    return {
        text: code
        for text, code in loaded.items()
        if isinstance(text, str) and isinstance(code, types.CodeType)
    }


def record(modules: Callable[[], Iterable[str]], folder: Path = CLASS_CODE) -> int:
    """Import the modules `modules` names (finding them may import some) and write the
    code of every data class text they compile into `folder`'s store, replacing it; how
    many texts it holds."""
    import importlib

    path = store_path(folder)
    collected: CodeStore = {}
    _recording.append(collected)
    try:
        for name in modules():
            importlib.import_module(name)
    finally:
        _recording.remove(collected)
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.marshal"):
        old.unlink()
    partial = path.with_suffix(".partial")
    partial.write_bytes(marshal.dumps(dict(sorted(collected.items()))))
    partial.replace(path)
    _stores.pop(path, None)
    return len(collected)


def digest_modules() -> Iterator[str]:
    """Every module of the digest package, by name, in a stable order."""
    import pkgutil

    import digest

    for info in pkgutil.walk_packages(digest.__path__, "digest."):
        if info.name != "digest.__main__":
            yield info.name


def main() -> int:
    count = record(digest_modules)
    print(f"compiled {count} data class methods into {store_path()}")
    return 0
