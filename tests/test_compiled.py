"""What is compiled once at install: data classes' methods and regular expressions
(digest/compiled.py)."""

from __future__ import annotations

import _sre
import dataclasses
import importlib.util
import marshal
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from digest import compiled

POINT = textwrap.dedent(
    """
    import dataclasses

    @dataclasses.dataclass(frozen=True)
    class Point:
        x: int
        y: int = 0
        tags: tuple[str, ...] = dataclasses.field(default=(), compare=False)
    """
)
METHODS = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__")
PATTERNS: list[tuple[str | bytes, int]] = [
    (r"(?P<year>\d{4})-(?P<month>\d\d)(?:-(\d\d))?", 0),
    (r"^\s*#+\s*(.+?)\s*#*\s*$", re.MULTILINE),
    (r"(?<=\bby )[A-Z]\w+", re.IGNORECASE),
    (r"[\u0400-\u04ff]+|[^\W\d_]+", 0),
    (rb"\x89PNG\r\n\x1a\n(....)", re.DOTALL),
    (r"(a)|(b)(?(2)c|d)", re.VERBOSE | re.ASCII),
]


def _with_checksum(payload: bytes) -> bytes:
    """A store's bytes for `payload`, as `compiled.write` writes them."""
    return compiled._checksum(payload) + payload


def _record_in(folder: Path, work: str) -> Path:
    """Record what `work` (Python run in a fresh interpreter) compiles into `folder`."""
    script = (
        "from pathlib import Path\nfrom digest import compiled\n"
        "with compiled.recording() as collected:\n"
        + textwrap.indent(work, "    ")
        + f"\ncompiled.write(collected, Path({str(folder)!r}))\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)
    return compiled.store_path(folder)


def test_recording_keeps_every_method_a_class_compiles(tmp_path: Path) -> None:
    (tmp_path / "point_module.py").write_text(POINT, encoding="utf-8")
    path = _record_in(
        tmp_path / "store", f"import sys; sys.path.insert(0, {str(tmp_path)!r}); import point_module"
    )
    codes, _ = compiled.load(path)
    methods = sorted(text.split("\n")[1].split("(")[0].strip() for text in codes)
    assert methods == [f"def {method}" for method in sorted(METHODS)]


def test_stored_code_stands_for_its_text(tmp_path: Path) -> None:
    text = "def __create_fn__():\n def answer():\n  return 42\n return answer"
    path = compiled.store_path(tmp_path)
    path.write_bytes(
        _with_checksum(marshal.dumps(({text: compile(text.replace("42", "43"), "<string>", "exec")}, {})))
    )
    namespace: dict[str, object] = {}
    exec(compiled.code_for(text, path), {}, namespace)
    assert namespace["__create_fn__"]()() == 43  # type: ignore[operator]


def test_a_text_not_stored_is_compiled(tmp_path: Path) -> None:
    text = "def __create_fn__():\n def answer():\n  return 42\n return answer"
    namespace: dict[str, object] = {}
    exec(compiled.code_for(text, compiled.store_path(tmp_path)), {}, namespace)
    assert namespace["__create_fn__"]()() == 42  # type: ignore[operator]


def test_classes_behave_the_same_with_and_without_the_store(tmp_path: Path) -> None:
    (tmp_path / "point_module.py").write_text(POINT, encoding="utf-8")
    store = tmp_path / "store"
    _record_in(store, f"import sys; sys.path.insert(0, {str(tmp_path)!r}); import point_module")
    probe = textwrap.dedent(
        """
        import dataclasses, pathlib, sys
        sys.path.insert(0, sys.argv[1])
        from digest import compiled
        compiled.install(pathlib.Path(sys.argv[2]))
        from point_module import Point
        p = Point(1, tags=("a",))
        try:
            p.x = 5
            frozen = "no"
        except dataclasses.FrozenInstanceError:
            frozen = "yes"
        print(repr(p), p == Point(1), p == Point(2), hash(p) == hash(Point(1)), frozen, Point(3, 4).y)
        """
    )
    outputs = [
        subprocess.run(
            [sys.executable, "-c", probe, str(tmp_path), str(folder)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        for folder in (store, tmp_path / "none")
    ]
    assert outputs == ["Point(x=1, y=0, tags=('a',)) True False True yes 4\n"] * 2


def test_a_stored_pattern_is_the_pattern_re_compiles(tmp_path: Path) -> None:
    listed = ", ".join(f"({pattern!r}, {int(flags)})" for pattern, flags in PATTERNS)
    path = _record_in(tmp_path, f"import re\nfor p, f in [{listed}]: re.compile(p, f)")
    _, patterns = compiled.load(path)
    assert set(patterns) >= {compiled.pattern_key(pattern, int(flags)) for pattern, flags in PATTERNS}
    for pattern, flags in PATTERNS:
        made = compiled.pattern_for(pattern, flags, path, _refuse)
        fresh = re.compile(pattern, flags)
        assert made == fresh
        assert (made.groups, made.groupindex, made.flags) == (fresh.groups, fresh.groupindex, fresh.flags)
    found = compiled.pattern_for(PATTERNS[0][0], 0, path, _refuse).search("on 2024-03-09")
    assert found and found.group("month") == "03" and found.group(3) == "09"


def _refuse(pattern: object, flags: int) -> re.Pattern[str]:
    raise AssertionError(f"{pattern!r} was compiled, not taken from the store")


def test_a_pattern_not_stored_is_compiled_by_re(tmp_path: Path) -> None:
    made = compiled.pattern_for(r"x(y)z", 0, compiled.store_path(tmp_path), re._compiler.compile)  # type: ignore[attr-defined]
    assert made.fullmatch("xyz") and made.groups == 1


def test_damaged_pattern_parts_are_compiled_again(tmp_path: Path) -> None:
    path = compiled.store_path(tmp_path)
    path.write_bytes(
        _with_checksum(marshal.dumps(({}, {("str", "abc", 0): (32, [1, 2, 3, 999999], 0, {}, (None,))})))
    )
    made = compiled.pattern_for("abc", 0, path, re._compiler.compile)  # type: ignore[attr-defined]
    assert made.fullmatch("abc") and not made.fullmatch("abd")


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not marshal at all",
        b"\xff" * 100,
        _with_checksum(b"not marshal at all"),
        _with_checksum(marshal.dumps(["a list"])),
        _with_checksum(marshal.dumps(({"text": "not code"}, {("str", "p", 0): "not parts"}))),
        _with_checksum(marshal.dumps(({}, {("bytes", "p", 0): (0, [], 0, {}, ())}))),
    ],
)
def test_a_damaged_store_is_no_store(tmp_path: Path, content: bytes) -> None:
    path = compiled.store_path(tmp_path)
    path.write_bytes(content)
    assert compiled.load(path) == ({}, {})


def test_a_store_that_is_no_regular_file_or_too_big_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = compiled.store_path(tmp_path)
    path.mkdir()
    assert compiled.load(path) == ({}, {})
    path.rmdir()
    path.write_bytes(_with_checksum(marshal.dumps(({"x": compile("1", "<string>", "exec")}, {}))))
    assert compiled.load(path)[0]
    monkeypatch.setattr(compiled, "MAX_STORE_BYTES", 4)
    assert compiled.load(path) == ({}, {})


def test_a_store_that_is_a_link_is_not_read(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.marshal"
    elsewhere.write_bytes(_with_checksum(marshal.dumps(({"x": compile("1", "<string>", "exec")}, {}))))
    assert compiled.load(elsewhere)[0]
    path = compiled.store_path(tmp_path)
    path.symlink_to(elsewhere)
    assert compiled.load(path) == ({}, {})


def test_each_interpreter_has_its_own_store(tmp_path: Path) -> None:
    name = compiled.store_path(tmp_path).name
    assert sys.implementation.cache_tag in name
    assert f"{sys.hexversion:x}" in name
    # and the formats of what it keeps: a patched build of one release may change them
    bytecode = int.from_bytes(importlib.util.MAGIC_NUMBER[:2], "little")
    assert name.endswith(f"-{bytecode}-{_sre.MAGIC}.marshal")


def test_exec_through_the_store_runs_where_it_is_called_without_namespaces() -> None:
    compiled.install()
    exec_stored = dataclasses.exec  # type: ignore[attr-defined]
    module: dict[str, object] = {"run": exec_stored}
    exec("run('found = 7')", module)  # called from a module's top level
    assert module["found"] == 7
    namespace: dict[str, int] = {}
    exec_stored("made = 8", {}, namespace)
    assert namespace == {"made": 8} and "made" not in globals()


def test_exec_through_the_store_takes_what_exec_takes() -> None:
    """Namespaces by keyword, and a closure for a code object with free variables (what
    a later `dataclasses` may pass), as the built-in `exec` does."""
    compiled.install()
    exec_stored = dataclasses.exec  # type: ignore[attr-defined]

    def outer() -> Callable[[], None]:
        seen = 5

        def inner() -> None:
            global found_in_closure
            found_in_closure = seen  # type: ignore[name-defined]

        return inner

    inner = outer()
    namespace: dict[str, object] = {}
    exec_stored(inner.__code__, namespace, closure=inner.__closure__)
    assert namespace["found_in_closure"] == 5
    exec_stored("made = 9", globals={}, locals=namespace)
    assert namespace["made"] == 9


def test_a_command_installs_the_store_before_it_imports_its_modules(tmp_path: Path) -> None:
    probe = textwrap.dedent(
        """
        import dataclasses, re._compiler, sys
        from digest.cli import cli
        before = getattr(dataclasses, "exec", None), getattr(re._compiler.compile, "stored_patterns", False)
        try:
            cli.main(["list"], prog_name="digest")
        except SystemExit:
            pass
        after = getattr(dataclasses, "exec", None) is not None, getattr(re._compiler.compile, "stored_patterns", False)
        print(before, after, "digest.config" in sys.modules)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "(None, False) (True, True) True", done.stderr


def test_the_install_step_records_every_module_of_digest() -> None:
    names = list(compiled.digest_modules())
    assert "digest.config" in names and "digest.checks.clients" in names
    assert "digest.__main__" not in names


def test_the_install_step_builds_a_demo_only_where_there_is_one(tmp_path: Path) -> None:
    assert compiled.build_demo(tmp_path) == "no demo to build"
    (tmp_path / "digest.toml").write_text("[site\n", encoding="utf-8")
    (tmp_path / "issues").mkdir()
    assert compiled.build_demo(tmp_path).startswith("the demo did not build (ConfigError: ")


def test_a_demo_build_compiles_almost_no_pattern_with_the_installed_store(tmp_path: Path) -> None:
    """What `make install` stored covers a build: `re` is left to compile next to nothing."""
    if not compiled.load(compiled.store_path())[1]:
        pytest.skip("no store: `make install` writes digest/_compiled/")
    repository = Path(__file__).resolve().parent.parent
    probe = textwrap.dedent(
        f"""
        import re._compiler
        from pathlib import Path
        from digest import compiled
        compiled.install()
        stored = compiled.load(compiled.store_path())[1]
        through_store = re._compiler.compile
        misses = []
        def counted(pattern, flags=0):
            if compiled.pattern_key(pattern, int(flags)) not in stored:
                misses.append(pattern)
            return through_store(pattern, flags)
        re._compiler.compile = counted
        print(compiled.build_demo(Path({str(repository)!r})), len(misses))
        """
    )
    done = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True)
    outcome, misses = done.stdout.rsplit(" ", 1)
    assert outcome == "built the demo"
    # A few patterns libraries join from sets change their text from run to run (string
    # hashing is randomised per process): gettext's, cssutils', Babel's; six today.
    assert int(misses) <= 10


def test_a_text_stored_as_str_and_as_bytes_never_compares_the_two(tmp_path: Path) -> None:
    """`"abc"` and `b"abc"` hash alike: were both keyed by their text alone, the store would
    compare str with bytes, which `python -b` reports and `python -bb` makes an error."""
    path = _record_in(tmp_path, "import re\nre.compile('abc'); re.compile(b'abc')")
    probe = textwrap.dedent(
        """
        import pathlib, re, sys
        from digest import compiled
        compiled.install(pathlib.Path(sys.argv[1]))
        made = re.compile("abc"), re.compile(b"abc")
        print([type(p.pattern).__name__ for p in made], bool(made[1].fullmatch(b"abc")))
        """
    )
    done = subprocess.run(
        [sys.executable, "-bb", "-c", probe, str(path.parent)], capture_output=True, text=True
    )
    assert (done.returncode, done.stderr, done.stdout) == (0, "", "['str', 'bytes'] True\n")


def test_a_pattern_re_warns_about_warns_as_without_the_store(tmp_path: Path) -> None:
    """A stored pattern is not parsed again: one whose parsing warns is never stored, so
    the warning (`[[` is a possible nested set) is given, or raised under -W error, as it
    would be."""
    work = "import re, warnings\nwarnings.simplefilter('ignore')\nre.compile('[[a]]')"
    path = _record_in(tmp_path, work)
    assert ("str", "[[a]]", 0) not in compiled.load(path)[1]
    probe = textwrap.dedent(
        """
        import pathlib, re, sys
        from digest import compiled
        compiled.install(pathlib.Path(sys.argv[1]))
        try:
            re.compile("[[a]]")
            print("no warning")
        except FutureWarning as warning:
            print("warned:", warning)
        """
    )
    done = subprocess.run(
        [sys.executable, "-W", "error::FutureWarning", "-c", probe, str(path.parent)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.startswith("warned: Possible nested set"), done.stdout


def test_no_damage_to_a_store_makes_loading_it_fail(tmp_path: Path) -> None:
    """Whatever bit is damaged (and its checksum made to match, as if by chance), the store
    is either read or is no store. marshal raises more than ValueError and EOFError:
    SystemError for a damaged code object, MemoryError where a damaged length asks for
    gigabytes (here, in a process allowed 64 MB, at once)."""
    probe = textwrap.dedent(
        """
        import marshal, resource, sys
        from pathlib import Path
        from digest import compiled
        resource.setrlimit(resource.RLIMIT_AS, (1 << 26, 1 << 26))
        text = "def __create_fn__():\\n def f(a, b):\\n  return a + b\\n return f"
        code = compile(text, "<string>", "exec")
        whole = marshal.dumps(({text: code}, {("str", "a(b)", 0): (32, [1, 2], 1, {}, (None, None))}))
        path = compiled.store_path(Path(sys.argv[1]))
        kept = 0
        for position in range(len(whole)):
            for bit in (0x01, 0x02, 0x80):
                damaged = bytearray(whole)
                damaged[position] ^= bit
                path.unlink(missing_ok=True)  # a new file: truncating one in place is slower
                path.write_bytes(compiled._checksum(damaged) + damaged)
                kept += bool(compiled.load(path)[0])
        print("read or refused", kept)
        """
    )
    done = subprocess.run([sys.executable, "-c", probe, str(tmp_path)], capture_output=True, text=True)
    assert done.stdout.startswith("read or refused"), done.stderr[-500:]


def test_a_store_damaged_where_it_still_reads_is_no_store(tmp_path: Path) -> None:
    """A flipped bit that marshal still reads (a stored method's constant, 42 become 43)
    would run other code than its text says: the store's checksum refuses it."""
    text = "def __create_fn__():\n def answer():\n  return 42\n return answer"
    path = compiled.write(({text: compile(text, "<string>", "exec")}, {}), tmp_path)
    whole = path.read_bytes()
    assert whole.count(b"*\x00\x00\x00") == 1  # 42, a marshalled int's four bytes
    path.unlink()
    path.write_bytes(whole.replace(b"*\x00\x00\x00", b"+\x00\x00\x00"))
    assert compiled.load(path) == ({}, {})


def test_stores_written_at_once_by_two_installs_never_fail(tmp_path: Path) -> None:
    """Two `make install`s at once (two terminals, or a build tool running targets in
    parallel) each write the store: neither fails, and what is left is a whole store."""
    collected: tuple[dict[str, object], dict[object, object]] = (
        {f"text {n}": compile(f"x = {n}", "<string>", "exec") for n in range(20_000)},
        {},
    )
    writer = textwrap.dedent(
        """
        import marshal, pathlib, sys
        from digest import compiled
        collected = marshal.loads(pathlib.Path(sys.argv[2]).read_bytes())
        for _ in range(15):
            compiled.write(collected, pathlib.Path(sys.argv[1]))
        """
    )
    (tmp_path / "collected").write_bytes(marshal.dumps(collected))
    store = tmp_path / "store"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", writer, str(store), str(tmp_path / "collected")],
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    failures = [error for process in writers for error in [process.communicate()[1]] if process.returncode]
    assert failures == []
    assert len(compiled.load(compiled.store_path(store))[0]) == 20_000
    assert [path.name for path in store.iterdir()] == [compiled.store_path(store).name]


def test_every_installed_pattern_behaves_as_the_one_re_compiles() -> None:
    """Each pattern `make install` stored, made from its stored parts and by `re` in a
    fresh interpreter: the same text, flags, groups and names, and the same matches on
    random text drawn from the pattern's own characters and a few others."""
    if not compiled.load(compiled.store_path())[1]:
        pytest.skip("no store: `make install` writes digest/_compiled/")
    probe = textwrap.dedent(
        """
        import random, re
        from digest import compiled
        assert not getattr(re._compiler.compile, "stored_patterns", False)
        def outcome(found):
            return found and (found.span(), found.groups(), found.groupdict())
        differing, compared = [], 0
        for (kind, pattern, flags), parts in compiled.load(compiled.store_path())[1].items():
            stored, fresh = compiled._engine.compile(pattern, *parts), re._compiler.compile(pattern, flags)
            facts = lambda p: (type(p.pattern), p.pattern, p.flags, p.groups, dict(p.groupindex))
            if stored != fresh or facts(stored) != facts(fresh):
                differing.append(pattern)
                continue
            text = pattern if kind == "str" else pattern.decode("latin-1")
            alphabet = sorted(set(text)) + list(" \\n\\tAz09-_.:/<>é\u00a0\u0416")
            draw = random.Random(repr(pattern))
            for _ in range(40):
                sample = "".join(draw.choice(alphabet) for _ in range(draw.randrange(24)))
                probe = sample if kind == "str" else sample.encode("utf-8")
                for how in ("search", "match", "fullmatch"):
                    if outcome(getattr(stored, how)(probe)) != outcome(getattr(fresh, how)(probe)):
                        differing.append(pattern)
                compared += 1
        print(compared, differing)
        """
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    compared, differing = done.stdout.split(" ", 1)
    assert int(compared) > 10_000 and differing.strip() == "[]"
