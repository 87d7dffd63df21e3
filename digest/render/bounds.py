"""Bounds on what a template may make, so a contributed template cannot take every byte of
memory there is.

Jinja's sandbox keeps templates away from Python's internals and bounds `range`, but not
the size of the values they build: `{{ "x" * 10**10 }}` asked for ten gigabytes before
anything was written. Here the usual ways of making a large value in one step are
bounded (the `*`, `**` and `%` operators, string padding, the `center`, `indent` and
`join` filters, `lipsum`), and so is everything a template writes: each rendering, block
and macro counts its output as Jinja produces it and stops past MAX_OUTPUT. Not bounded: a
loop that runs long without writing, or that grows a value step by step (`~` into a
namespace); such a build is stopped with Ctrl+C like any program.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any, cast

from jinja2 import pass_eval_context
from jinja2.exceptions import SecurityError
from jinja2.filters import do_center, do_indent, do_join, make_attrgetter
from jinja2.nodes import EvalContext
from jinja2.utils import generate_lorem_ipsum

MAX_VALUE = 10_000_000  # characters or items one step may make: far beyond any page's
MAX_OUTPUT = 50_000_000  # characters one rendering may write (a page is under 1 MB)
MAX_PARAGRAPHS = 100
MAX_POWER_BITS = 100_000  # an integer power's size in bits (30,000 digits)
_PADDING = frozenset({"ljust", "rjust", "center", "zfill", "expandtabs"})
_FORMAT_WIDTH = re.compile(r"%[-#0 +]*(\d+)|%[-#0 +]*\d*\.(\d+)")


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
        for width in _FORMAT_WIDTH.findall(left):
            _refuse_size(max(int(number or 0) for number in width), "a format's width")


def bounded_call(function: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a call of a string's padding method past the bounds (`"x".ljust(10**10)`)."""
    owner = getattr(function, "__self__", None)
    if isinstance(owner, str) and getattr(function, "__name__", "") in _PADDING:
        width = next((value for value in (*args, *kwargs.values()) if isinstance(value, int)), 0)
        size = width * max(1, owner.count("\t")) if function.__name__ == "expandtabs" else width
        _refuse_size(size, f"{function.__name__}({width:,})")


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


def _refuse_size(size: int, what: str) -> None:
    if size > MAX_VALUE:
        raise SecurityError(f"{what} makes a value of {size:,} characters or items")
