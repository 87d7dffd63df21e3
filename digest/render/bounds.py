"""Bounds on what a template may make, so a contributed template cannot take every byte of
memory there is.

Jinja's sandbox keeps templates away from Python's internals and bounds `range`, but not
the size of the values they build: `{{ "x" * 10**10 }}` asked for ten gigabytes before
anything was written. Here the usual ways of making a large value in one step are
bounded (the `*`, `**` and `%` operators, string padding, the `center`, `indent` and
`join` and `format` filters, `lipsum`, `str.format`), and so is everything a template
writes: each rendering, block and macro counts its output as Jinja produces it and stops
past MAX_OUTPUT. Whatever else a template finds to grow a value with (there are many
filters and string methods) meets the backstop, `memory_bound`: while it renders, the
process may take only 2 GB more memory, past which Python raises MemoryError instead of
the system running out. And a loop that runs long without growing anything (nested
`range`s) meets `time_bound`: one rendering may take MAX_RENDER_SECONDS of CPU time,
a hundred times what the largest archive page needs.
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any, cast

from jinja2 import pass_eval_context
from jinja2.exceptions import SecurityError
from jinja2.filters import do_center, do_format, do_indent, do_join, make_attrgetter
from jinja2.nodes import EvalContext
from jinja2.utils import generate_lorem_ipsum

MAX_VALUE = 10_000_000  # characters or items one step may make: far beyond any page's
MAX_OUTPUT = 50_000_000  # characters one rendering may write (a page is under 1 MB)
MAX_PARAGRAPHS = 100
MAX_POWER_BITS = 100_000  # an integer power's size in bits (30,000 digits)
_PADDING = frozenset({"ljust", "rjust", "center", "zfill", "expandtabs"})
# A printf-style conversion: `%%`, or an optional (key), flags, width and precision.
_PERCENT_SPEC = re.compile(r"%(?:%|(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?)")
_NUMBERS = re.compile(r"\d+")
MAX_RENDER_MEMORY = 2 * 1024**3  # bytes of address space one rendering may add
MAX_RENDER_SECONDS = 30.0  # CPU seconds one rendering may take


class RenderTimeout(BaseException):
    """A rendering ran past MAX_RENDER_SECONDS of CPU time. Not an Exception: it may arrive
    inside any `except Exception:` of Jinja's or digest's, which must not swallow it."""


def bounded_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse `left operator right` where it would make a value past the bounds."""
    if operator == "*":
        for sequence, times in ((left, right), (right, left)):
            if isinstance(sequence, str | list | tuple) and isinstance(times, int):
                _refuse_size(len(sequence) * times, f"repeating a value {times:,} times")
    elif operator == "**" and isinstance(left, int) and isinstance(right, int) and abs(left) > 1:
        bits = right * math.log2(abs(left))
        if bits > MAX_POWER_BITS:
            raise SecurityError(f"the power {left}**{right} is a number of about {bits / 3.32:,.0f} digits")
    elif operator == "%" and isinstance(left, str):
        percent_format(left, right)


def percent_format(text: str, values: Any) -> None:
    """Refuse `text % values` where a width or precision, written or given by `*`, is past the bounds."""
    stars = [
        value for value in (values if isinstance(values, tuple) else (values,)) if isinstance(value, int)
    ]
    for spec in _PERCENT_SPEC.finditer(text):
        for number in spec.groups():
            if number == "*":
                _refuse_size(max(stars, default=0), "a format's width")
            elif number:
                _refuse_size(int(number), "a format's width")


def bounded_call(function: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a call of a string's padding method past the bounds (`"x".ljust(10**10)`)."""
    function = getattr(function, "__wrapped__", function)  # the sandbox wraps str.format
    owner = getattr(function, "__self__", None)
    if isinstance(owner, str) and getattr(function, "__name__", "") in ("format", "format_map"):
        for _, _, spec, _ in string.Formatter().parse(owner):
            for number in _NUMBERS.findall(spec or ""):
                _refuse_size(int(number), "a format's width")
    if isinstance(owner, str) and getattr(function, "__name__", "") in _PADDING:
        width = next((value for value in (*args, *kwargs.values()) if isinstance(value, int)), 0)
        size = width * max(1, owner.count("\t")) if function.__name__ == "expandtabs" else width
        _refuse_size(size, f"{function.__name__}({width:,})")


def format_filter(value: str, *args: Any, **kwargs: Any) -> str:
    percent_format(value, args)
    return do_format(value, *args, **kwargs)


def center(value: str, width: int = 80) -> str:
    _refuse_size(width, f"center({width:,})")
    return do_center(value, width)


def indent(value: str, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    size = width if isinstance(width, int) else len(width)
    _refuse_size(size * max(1, value.count("\n") + 1), f"indent({width!r})")
    return do_indent(value, width, first, blank)


@pass_eval_context
def join(context: EvalContext, value: Iterable[Any], d: str = "", attribute: str | int | None = None) -> str:
    items = list(value if attribute is None else map(make_attrgetter(context.environment, attribute), value))
    text = sum(len(item) for item in items if isinstance(item, str))
    _refuse_size(text + len(str(d)) * max(0, len(items) - 1), f"joining {len(items):,} values")
    return cast(str, do_join(context, items, d))  # Markup where an item is: kept as it is


def lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    if n > MAX_PARAGRAPHS or max > MAX_PARAGRAPHS * 100:
        raise SecurityError(f"lipsum({n:,}, max={max:,}) would write more than a page holds")
    return str(generate_lorem_ipsum(n, html, min, max))


def bounded_output(chunks: Iterable[str]) -> str:
    """A rendering's output, stopped once it passes MAX_OUTPUT characters."""
    kept: list[str] = []
    keep = kept.append
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise SecurityError(f"the template wrote more than {MAX_OUTPUT:,} characters")
        keep(chunk)
    return "".join(kept)


@contextmanager
def memory_bound() -> Iterator[None]:
    """The backstop for what the bounds above do not foresee: while a template renders, the
    process may take only MAX_RENDER_MEMORY more address space, past which Python raises
    MemoryError (reported with the template's file and line) where the system would
    otherwise run out of memory. Where the system cannot say (no /proc), there is none."""
    limits = _render_limits()
    if limits is None:
        yield
        return
    import resource

    before, during = limits
    resource.setrlimit(resource.RLIMIT_AS, during)
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, before)


@contextmanager
def time_bound(
    seconds: float | None = None, *, ready: Callable[[FrameType | None], bool] | None = None
) -> Iterator[None]:
    """While a template renders, RenderTimeout is raised in it after `seconds` (default
    MAX_RENDER_SECONDS) of the process's CPU time, at the first ring (one every 0.1 s) at
    which `ready(the running frame)` holds, or the last of MAX_DEFERRED_RINGS (see
    `in_template`). Where no CPU timer can be set (not the main thread, no setitimer, one
    set already by someone else), there is none."""
    import signal
    import threading

    timer = getattr(signal, "ITIMER_VIRTUAL", None)
    if timer is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    if signal.getitimer(timer)[0] > 0:
        yield  # another bound is running (a rendering inside a rendering): it holds
        return
    alarm = _Alarm(ready)
    previous = signal.signal(signal.SIGVTALRM, alarm.ring)
    # Raised again every 0.1 s until it ends the rendering (a `finally` or an `except
    # BaseException` that cleans up and goes on must not be the end of it).
    signal.setitimer(timer, MAX_RENDER_SECONDS if seconds is None else seconds, 0.1)
    try:
        yield
    finally:
        while True:  # one arriving while the timer is taken down must not leave it running
            try:
                alarm.on = False
                signal.setitimer(timer, 0)
                signal.signal(signal.SIGVTALRM, previous)
                break
            except RenderTimeout:
                continue


MAX_DEFERRED_RINGS = 50  # 5 s of CPU time: a rendering is stopped even where never `ready`


class _Alarm:
    """Raises RenderTimeout in the rendering when the timer rings where `ready` allows,
    until switched off."""

    def __init__(self, ready: Callable[[FrameType | None], bool] | None = None) -> None:
        self.on = True
        self.ready = ready
        self.deferred = 0

    def ring(self, signal_number: int, frame: FrameType | None) -> None:
        if not self.on:
            return
        if self.ready is not None and not self.ready(frame) and self.deferred < MAX_DEFERRED_RINGS:
            self.deferred += 1
            return
        raise RenderTimeout


def in_template(frame: FrameType | None) -> bool:
    """Whether a template's own code is running (its frame is on the stack), so that a
    RenderTimeout raised now names the template's line. Between two pieces of a template's
    output the code collecting them runs with the template's frame suspended, off the
    stack; so does Jinja's clean-up after a first RenderTimeout, which a second one would
    replace with a traceback naming no template."""
    while frame is not None:
        if "__jinja_template__" in frame.f_globals:
            return True
        frame = frame.f_back
    return False


def _render_limits() -> tuple[tuple[int, int], tuple[int, int]] | None:
    try:
        import resource

        with open("/proc/self/statm", "rb") as statm:
            size = int(statm.read().split()[0]) * resource.getpagesize()
    except (ImportError, OSError, ValueError, IndexError):
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = size + MAX_RENDER_MEMORY
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft <= wanted:
        return None  # a tighter limit is set already
    return (soft, hard), (wanted, hard)


def _refuse_size(size: int, what: str) -> None:
    if size > MAX_VALUE:
        raise SecurityError(f"{what} makes a value of {size:,} characters or items")
