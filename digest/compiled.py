"""What Python compiles from text on every run, compiled once when digest is installed.

Two kinds of compiling took about a fifth of building the demo:
- `dataclasses` writes the methods of each data class (`__init__`, `__repr__`, `__eq__`,
  and for a frozen class `__setattr__`, `__delattr__` and `__hash__`) as source text and
  compiles it when the class is defined: 580 compilations for digest's classes, 61 ms;
- `re` parses and compiles each regular expression in Python code: about 600 of them,
  digest's and its libraries', 58 ms.

`make install` runs `main`, which records both while it imports every module of digest
and builds the repository's demo issue in memory, and keeps them in `digest/_compiled/`
(as trusted as the code beside it), one file per interpreter, checked whole by a
CRC-32 before it is read. A run looks each text up
there and compiles what it does not find, as it would without this module.

The keys are the whole texts (and a pattern's type and flags), so what is stored only ever stands
for exactly what it was compiled from; each stored pattern was checked at install to make
a pattern equal to the one `re` compiled. Nothing is written during a build.
"""

from __future__ import annotations

import dataclasses
import importlib
import marshal
import os
import re
import stat
import sys
import types
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

STORE = Path(__file__).resolve().parent / "_compiled"
MAX_STORE_BYTES = 16_000_000  # digest's own is about 1 MB
# The store begins with the CRC-32 of what follows: marshal checks no bytes, and a damaged
# one may still read, as other code than its text (or a length of gigabytes to allocate).
CHECKSUM_BYTES = 4

# A data class method's code by its text; what `re` hands the regular expression engine
# (flags, program, group count, group names both ways) by the pattern's type, text and
# flags. The type comes first, as in `re`'s own cache: "abc" and b"abc" hash alike, and
# comparing them is what `python -b` warns about (and `-bb` refuses).
Codes = dict[str, types.CodeType]
PatternParts = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
PatternKey = tuple[str, str | bytes, int]
Patterns = dict[PatternKey, PatternParts]

_stores: dict[Path, tuple[Codes, Patterns]] = {}
_recording: list[tuple[Codes, Patterns]] = []
_engine: Any = importlib.import_module("_sre")
_re_compiler: Any = getattr(re, "_compiler", None)


def store_path(folder: Path = STORE) -> Path:
    """The store for this interpreter: code and patterns are only valid for the same one,
    with the same bytecode and regular expression program formats (as a .pyc names its
    bytecode's; a distribution's patched build of one release may change either)."""
    magic = getattr(getattr(importlib, "_bootstrap_external", None), "MAGIC_NUMBER", b"")
    bytecode = int.from_bytes(magic[:2], "little")
    name = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-{bytecode}-{getattr(_engine, 'MAGIC', 0)}"
    return folder / f"{name}.marshal"


def install(folder: Path = STORE) -> None:
    """Have `dataclasses` and `re` compile through the store in `folder` from now on (the
    first call decides the folder; the command line calls it before a command imports its
    modules). `dataclasses` compiles with `exec`, which a global of its module named so
    shadows; `re` through its compiler module's `compile`. Where either is not so, it is
    left alone."""
    if getattr(dataclasses, "exec", None) is not None:
        return
    path = store_path(folder)

    def exec_stored(source: Any, globals: Any = None, locals: Any = None, **options: Any) -> None:
        if globals is None:  # as `exec` does: in its caller's namespaces, not this function's
            caller = sys._getframe(1)
            globals, locals = caller.f_globals, caller.f_locals if locals is None else locals
        if isinstance(source, str):
            source = code_for(source, path)
        exec(source, globals, locals, **options)  # a closure, as `exec` takes one

    setattr(dataclasses, "exec", exec_stored)  # noqa: B010
    original = getattr(_re_compiler, "compile", None)
    if original is None or getattr(original, "stored_patterns", False):
        return

    def compile_stored(pattern: Any, flags: int = 0) -> re.Pattern[Any]:
        return pattern_for(pattern, flags, path, original)

    compile_stored.stored_patterns = True  # type: ignore[attr-defined]
    _re_compiler.compile = compile_stored


def code_for(text: str, path: Path) -> types.CodeType:
    """The code of `text`: stored at `path`, or compiled as `exec` would compile it."""
    codes, _ = _stored(path)
    code = codes.get(text)
    if code is None:
        code = compile(text, "<string>", "exec", dont_inherit=True)
    for recorded, _ in _recording:
        recorded[text] = code
    return code


def pattern_for(
    pattern: Any, flags: int, path: Path, original: Callable[[Any, int], re.Pattern[Any]]
) -> re.Pattern[Any]:
    """`pattern` compiled: from its parts stored at `path`, or by `re` (`original`)."""
    flags = int(flags)
    if not isinstance(pattern, str | bytes) or flags & re.DEBUG:
        return original(pattern, flags)
    key = pattern_key(pattern, flags)
    parts = _stored(path)[1].get(key)
    if parts is None:
        compiled = original(pattern, flags)
        parts = _parts_of(pattern, flags, compiled) if _recording else None
    else:
        try:
            compiled = _engine.compile(pattern, *parts)
        except (TypeError, ValueError, RuntimeError, OverflowError):  # damaged: the engine checks the program
            compiled, parts = original(pattern, flags), None
    if parts is not None:
        for _, recorded in _recording:
            recorded[key] = parts
    return compiled


def pattern_key(pattern: str | bytes, flags: int) -> PatternKey:
    return type(pattern).__name__, pattern, flags


def _parts_of(pattern: str | bytes, flags: int, compiled: re.Pattern[Any]) -> PatternParts | None:
    """What `re` hands the engine for `pattern`, where those parts make `compiled` again
    and parsing it gives no warning (a stored pattern is not parsed, so would not give it)."""
    import warnings

    try:
        with warnings.catch_warnings(record=True) as warned:
            warnings.simplefilter("always")
            parsed = _re_compiler._parser.parse(pattern, flags)
        if warned:
            return None
        program = _re_compiler._code(parsed, flags)
        state = parsed.state
        names: list[str | None] = [None] * state.groups
        for name, number in state.groupdict.items():
            names[number] = name
        parts: PatternParts = (
            int(flags | state.flags),
            [int(word) for word in program],  # the opcodes are int subclasses marshal cannot keep
            int(state.groups - 1),
            {str(name): int(number) for name, number in state.groupdict.items()},
            tuple(names),
        )
        again = _engine.compile(pattern, *parts)
    except Exception:  # another Python's internals: this pattern is not stored
        return None
    return parts if again == compiled else None


def _stored(path: Path) -> tuple[Codes, Patterns]:
    stores = _stores.get(path)
    if stores is None:
        stores = _stores[path] = load(path)
    return stores


def load(path: Path) -> tuple[Codes, Patterns]:
    """The store at `path`; empty where there is none or it is damaged (everything is
    then compiled, as without it)."""
    loaded = read_sealed(path, MAX_STORE_BYTES)
    if not (
        isinstance(loaded, tuple) and len(loaded) == 2 and all(isinstance(part, dict) for part in loaded)
    ):
        return {}, {}
    codes = {text: code for text, code in loaded[0].items() if isinstance(code, types.CodeType)}
    patterns = {key: parts for key, parts in loaded[1].items() if _well_formed(key, parts)}
    return codes, patterns


def read_sealed(path: Path, max_bytes: int) -> Any:
    """What `write_sealed` kept at `path`; None where there is none, it is not a regular
    file of at most `max_bytes`, or its bytes are damaged."""
    try:
        # Never through a link: only the package's own file is as trusted as its code.
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        with open(descriptor, "rb") as file:
            status = os.fstat(file.fileno())
            if not stat.S_ISREG(status.st_mode) or status.st_size > max_bytes:
                return None
            whole = file.read(max_bytes + 1)
        payload = memoryview(whole)[CHECKSUM_BYTES:]
        if whole[:CHECKSUM_BYTES] != _checksum(payload):
            return None
        return marshal.loads(payload)
    except Exception:  # OSError; marshal's ValueError, EOFError, but SystemError for a damaged code object
        return None


def write_sealed(path: Path, value: Any) -> None:
    """Keep `value` at `path`, marshalled after its checksum, through a partial file of this
    process's own (another install writing at once never writes into it)."""
    partial = path.with_suffix(f".{os.getpid()}.partial")
    payload = marshal.dumps(value)
    partial.write_bytes(_checksum(payload) + payload)
    partial.replace(path)


def _checksum(payload: bytes | memoryview) -> bytes:
    return zlib.crc32(payload).to_bytes(CHECKSUM_BYTES, "big")


def _well_formed(key: Any, parts: Any) -> bool:
    return (
        isinstance(key, tuple)
        and len(key) == 3
        and isinstance(key[0], str)  # before comparing: a bytes one would be compared with str
        and key[0] == type(key[1]).__name__
        and isinstance(key[2], int)
        and isinstance(parts, tuple)
        and len(parts) == 5
    )


@contextmanager
def recording() -> Iterator[tuple[Codes, Patterns]]:
    """Everything compiled meanwhile, collected."""
    install()
    collected: tuple[Codes, Patterns] = ({}, {})
    _recording.append(collected)
    try:
        yield collected
    finally:
        _recording.remove(collected)


def write(collected: tuple[Codes, Patterns], folder: Path = STORE) -> Path:
    """Replace `folder`'s store with `collected`."""
    path = store_path(folder)
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.marshal"):
        old.unlink(missing_ok=True)  # another install at once may have removed it
    codes, patterns = collected
    write_sealed(path, (dict(sorted(codes.items())), patterns))
    _stores.pop(path, None)
    return path


def digest_modules() -> Iterator[str]:
    """Every module of the digest package, by name (finding them imports the packages)."""
    import pkgutil

    import digest

    for info in pkgutil.walk_packages(digest.__path__, "digest."):
        if info.name != "digest.__main__":
            yield info.name


def build_demo(project: Path) -> str:
    """Build a copy of `project`'s newest issue in memory, offline, with a cache of its
    own that is thrown away; what came of it."""
    import shutil
    import tempfile

    from digest.config import CONFIG_NAME, load_config
    from digest.pipeline import BuildOptions, prepare

    if not (project / CONFIG_NAME).is_file() or not (project / "issues").is_dir():
        return "no demo to build"
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch, "project")
        try:
            shutil.copytree(project / "issues", copy / "issues", symlinks=True)
            shutil.copy(project / CONFIG_NAME, copy / CONFIG_NAME, follow_symlinks=False)
            prepare(load_config(copy / CONFIG_NAME), None, BuildOptions(check_links_online=False))
        except Exception as exc:  # the store is only ever a saving: install goes on without the demo's part
            return f"the demo did not build ({type(exc).__name__}: {exc})"
    return "built the demo"


def main() -> int:
    """`make install`: record what importing digest and building the demo compile."""
    with recording() as collected:
        for name in digest_modules():
            importlib.import_module(name)
        demo = build_demo(Path(__file__).resolve().parent.parent)
    path = write(collected)
    codes, patterns = collected
    kept = f"{len(codes)} data class methods and {len(patterns)} patterns"
    print(f"imported digest and {demo}: kept {kept} in {path}")
    return 0
