"""The stored code of data classes' methods (digest/classcode.py)."""

from __future__ import annotations

import dataclasses
import marshal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from digest import classcode

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


def _module(tmp_path: Path, name: str, source: str) -> str:
    (tmp_path / f"{name}.py").write_text(source, encoding="utf-8")
    return name


def test_recording_keeps_the_code_of_every_method_a_class_compiles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(tmp_path))
    name = _module(tmp_path, "recorded_point", POINT)
    count = classcode.record(lambda: [name], tmp_path / "store")
    stored = classcode.load(classcode.store_path(tmp_path / "store"))
    methods = sorted(text.split("\n")[1].split("(")[0].strip() for text in stored)
    assert count == len(stored)
    assert methods == [f"def {method}" for method in sorted(METHODS)]


METHODS = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__")


def test_stored_code_stands_for_its_text(tmp_path: Path) -> None:
    text = "def __create_fn__():\n def answer():\n  return 42\n return answer"
    path = classcode.store_path(tmp_path)
    path.write_bytes(marshal.dumps({text: compile(text.replace("42", "43"), "<string>", "exec")}))
    namespace: dict[str, object] = {}
    exec(classcode.code_for(text, path), {}, namespace)
    assert namespace["__create_fn__"]()() == 43  # type: ignore[operator]


def test_a_text_not_stored_is_compiled(tmp_path: Path) -> None:
    text = "def __create_fn__():\n def answer():\n  return 42\n return answer"
    code = classcode.code_for(text, classcode.store_path(tmp_path))
    namespace: dict[str, object] = {}
    exec(code, {}, namespace)
    assert namespace["__create_fn__"]()() == 42  # type: ignore[operator]


def test_classes_behave_the_same_with_and_without_the_store(tmp_path: Path) -> None:
    """A class defined from stored code and one compiled afresh, in two interpreters."""
    _module(tmp_path, "point_module", POINT)
    probe = textwrap.dedent(
        """
        import dataclasses, sys
        sys.path.insert(0, sys.argv[1])
        from digest import classcode
        classcode.install(__import__("pathlib").Path(sys.argv[2]))
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
    store = tmp_path / "store"
    script = (
        f"import sys; sys.path.insert(0, {str(tmp_path)!r}); from digest import classcode; "
        f"classcode.record(lambda: ['point_module'], __import__('pathlib').Path({str(store)!r}))"
    )
    subprocess.run([sys.executable, "-c", script], check=True)
    assert classcode.load(classcode.store_path(store))
    with_store = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path), str(store)], check=True, capture_output=True, text=True
    )
    without = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path), str(tmp_path / "none")],
        check=True,
        capture_output=True,
        text=True,
    )
    assert with_store.stdout == without.stdout == "Point(x=1, y=0, tags=('a',)) True False True yes 4\n"


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not marshal at all",
        marshal.dumps(["a list"]),
        marshal.dumps({"text": "not code"}),
        b"\xff" * 100,
    ],
)
def test_a_damaged_store_is_no_store(tmp_path: Path, content: bytes) -> None:
    path = classcode.store_path(tmp_path)
    path.write_bytes(content)
    assert classcode.load(path) == {}


def test_a_store_that_is_no_regular_file_or_too_big_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = classcode.store_path(tmp_path)
    path.mkdir()
    assert classcode.load(path) == {}
    path.rmdir()
    path.write_bytes(marshal.dumps({"x": compile("1", "<string>", "exec")}))
    monkeypatch.setattr(classcode, "MAX_STORE_BYTES", 4)
    assert classcode.load(path) == {}


def test_each_interpreter_has_its_own_store(tmp_path: Path) -> None:
    name = classcode.store_path(tmp_path).name
    assert sys.implementation.cache_tag in name
    assert f"{sys.hexversion:x}" in name


def test_digest_installs_the_store_before_its_classes() -> None:
    # The hook must be in place for digest's own modules; it shadows `exec` in dataclasses.
    assert getattr(dataclasses, "exec", None) is not None
    assert dataclasses.exec is not exec  # type: ignore[attr-defined]


def test_the_install_step_records_every_module_of_digest() -> None:
    names = list(classcode.digest_modules())
    assert "digest.config" in names and "digest.checks.clients" in names
    assert "digest.__main__" not in names
