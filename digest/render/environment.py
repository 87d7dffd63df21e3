"""The Jinja environment every output is rendered in, with its filters and URL helpers.

Templates come from the user's templates folder first, then the built-in theme. Both are
sources the project owns: a template that is a link to a file outside its folder is
refused, like a review would be. A repository may take contributions, so templates run in
Jinja's immutable sandbox: they read the values they are given and call the helpers
digest passes in, and nothing else (no Python internals, no changing a value in place).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path
from types import CodeType, FrameType, MappingProxyType
from typing import Any
from urllib.parse import urlsplit

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from digest.config import Config
from digest.errors import TemplateError, quoted
from digest.files import (
    FOLDER_REPLACED,
    FoundFile,
    inside,
    leads_out_of,
    passed_over,
    project_of,
    read_source,
    sha256_of,
    spelled_as_stored,
    walk_files,
)
from digest.model import Issue, IssueSummary, ReviewSummary
from digest.render import bounds
from digest.render.direction import html_dir, language_direction, page_dir, text_dir
from digest.render.language import install as install_language
from digest.render.overrides import refuse_misnamed_overrides
from digest.render.wrapping import columns, fill
from digest.scratch import is_scratch

TEXT_WIDTH = 78
MAX_TEMPLATE_BYTES = 1_000_000

# What a mistake in a template's expressions raises while it renders ({{ 1/0 }}, a helper
# called with the wrong values, an index past the end). Caught only with a template's
# line in the traceback: the same error from digest's own code is a bug, not the user's.
TEMPLATE_MISTAKES = (
    ArithmeticError,
    AssertionError,  # a check of Jinja's own filters (truncate's length)
    TypeError,
    ValueError,
    LookupError,
    AttributeError,
    RuntimeError,  # RecursionError, and what Jinja's helpers raise (cycler() given nothing)
    jinja2.TemplateRuntimeError,
)
UNDEFINED_NAME = re.compile(r"'([^']+)' is undefined")


def theme_path() -> Path:
    """The built-in templates: packaged beside the code, or the repository's templates/ folder."""
    package = Path(__file__).parent.parent
    packaged = package / "_theme"
    return packaged if packaged.is_dir() else package.parent / "templates"


class _SourceLoader(jinja2.FileSystemLoader):
    """Jinja's file loader, reading through digest's checks: inside the folder, a regular
    file, bounded in size; and, once the templates' fingerprint is taken, holding the bytes
    it was taken of (a template saved while a build renders would have its output cached
    under the fingerprint of other bytes, and served again after an undo)."""

    expected: dict[str, str] | None = None  # each file's digest by path, as fingerprinted
    # Where each folder must lead (files.project_of), by folder; set by Templates.
    within: Mapping[str, str | None] = MappingProxyType({})

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        if ".." in Path(template).parts or os.path.isabs(template):
            raise jinja2.TemplateNotFound(template)  # a name outside the folders, never looked up
        for folder in self.searchpath:
            path = Path(folder) / template
            if is_scratch(template):
                continue  # an editor's swap or backup file is never a template (nor fingerprinted)
            if not _is_file(path):
                if self.expected is not None and os.path.normpath(path) in self.expected:
                    raise TemplateChanged(_CHANGED, path)
                if os.path.lexists(path):
                    raise TemplateError(
                        f"is not a file (a folder, a pipe, a device or a broken link), so it cannot be "
                        f"your {template}: make it a file, or remove it to use the built-in one",
                        path,
                    )
                continue
            if not spelled_as_stored(path, folder):  # 'Nav.j2' for nav.j2 on a case-insensitive disk
                continue  # not there on Linux
            if leads_out_of(folder, self.within.get(folder)):  # made a link out by a process racing the build
                raise TemplateError(FOLDER_REPLACED, folder)
            if not inside(path, folder):
                raise TemplateError(
                    f"the template is a link to a file outside {folder}: copy the file in instead", path
                )
            data = read_source(path, folder, MAX_TEMPLATE_BYTES, "template")
            if self.expected is not None and self.expected.get(os.path.normpath(path)) != _digest(data):
                raise TemplateChanged(_CHANGED, path)
            try:
                text = data.decode("utf-8-sig")  # an editor's byte-order mark is no text
            except UnicodeDecodeError:
                raise TemplateError("the template is not UTF-8: save it as UTF-8", path) from None
            return text, str(path), lambda: True  # one build, one read: never reloaded
        raise jinja2.TemplateNotFound(template)


_CHANGED = "the template changed while the build read it: build again"


class TemplateChanged(TemplateError):
    """A template is not the file its fingerprint was taken of (an editor saved it, by
    renaming a new file over it, while pages rendered): rendering again with a new
    fingerprint reads the saved one."""


def _is_file(path: Path) -> bool:
    """Whether `path` is a file; False for a name no file system holds (too long). A folder
    whose names can be listed but not reached (chmod 600) is named with its permissions: its
    template, fingerprinted as unreadable, was said to have changed while the build read it."""
    try:
        return path.is_file()
    except PermissionError as exc:
        raise TemplateError(
            f"cannot reach the template ({exc.strerror}): check the permissions of its folder", path
        ) from None
    except OSError:
        return False


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, its verdict on an attribute of digest's data (and of
    strings) remembered: pages read the same few attributes tens of thousands of times, and
    Jinja's checks read nothing but the object's type and the attribute's name."""

    intercepted_binops = frozenset({"*", "**", "%"})  # bounded: see render/bounds.py

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._verdicts: dict[tuple[type, str], bool] = {}
        self.filters.update(
            center=bounds.center, indent=bounds.indent, join=bounds.join, format=bounds.format_filter
        )
        self.globals["lipsum"] = bounds.lipsum
        self.concat = bounds.bounded_output  # type: ignore[method-assign]  # every rendering, block, macro

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        bounds.bounded_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        bounds.bounded_call(__obj, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        kind = type(obj)
        if not _plain_data(kind):
            return super().is_safe_attribute(obj, attr, value)
        verdict = self._verdicts.get((kind, attr))
        if verdict is None:
            verdict = self._verdicts[kind, attr] = super().is_safe_attribute(obj, attr, value)
        return verdict


def _plain_data(kind: type) -> bool:
    """A string or one of digest's data classes: never a function, a type, a frame or a
    mutable collection, the objects Jinja's checks single out."""
    return kind is str or (dataclasses.is_dataclass(kind) and kind.__module__.startswith("digest."))


def _theme_code() -> jinja2.BytecodeCache:
    from digest.render.themecode import ThemeCode

    return ThemeCode(theme_path())


class Templates:
    """One site's templates: the Jinja environment, its filters and URL helpers."""

    def __init__(self, config: Config, theme_code: jinja2.BytecodeCache | None = None) -> None:
        self.config = config
        self.site_url = config.site.base_url
        folders = [config.templates_path, theme_path()]
        self.folders = [f for f in dict.fromkeys(folders) if f.is_dir()]
        self._fingerprint: str | None = None
        self._loader = _SourceLoader([str(f) for f in self.folders])
        # Where the project's templates folder must still lead as the build walks and reads it.
        self._loader.within = {str(config.templates_path): project_of(config.root, config.templates_path)}
        self.env = _Sandbox(
            loader=self._loader,
            autoescape=lambda name: name is not None and not name.endswith((".txt.j2", ".css")),
            undefined=jinja2.StrictUndefined,
            trim_blocks=False,
            keep_trailing_newline=True,
            bytecode_cache=theme_code or _theme_code(),
        )
        self.env.filters.update(
            iso_date=iso_date,
            wrap=wrap,
            labelled=labelled,
            after_label=after_label,
            host=host,
            plain=plain,
            plain_html=plain_html,
            text_dir=text_dir,
            html_dir=html_dir,
            page_dir=page_dir,
        )
        self.env.globals.update(
            site=config.site,
            theme=config.theme,
            site_url=self.site_url,
            issue_url=self.issue_url,
            review_url=self.review_url,
            images=NoImages(),  # a build puts its assets here (render/assets.py)
        )
        language = config.site.language
        install_language(self.env, language, lambda: language_direction(language))  # words, dates

    def issue_url(self, issue: Issue | IssueSummary) -> str:
        return f"{self.site_url}{issue.id}/"

    def review_url(self, issue: Issue | IssueSummary, review: ReviewSummary) -> str:
        return f"{self.site_url}{issue.id}/{review.slug}/"

    def render(self, name: str, **context: Any) -> str:
        try:
            with bounds.memory_bound(), bounds.time_bound(ready=bounds.in_template):
                rendered = self.env.get_template(name).render(**context)
            from digest.sources.values import whole_characters

            return whole_characters(rendered)  # Jinja's escapes spell surrogates, as YAML's do
        except bounds.RenderTimeout as exc:
            raise self._failure(
                exc,
                name,
                f"the template ran for more than {bounds.MAX_RENDER_SECONDS:g} seconds of CPU time "
                "(a loop without end?): make its loops shorter",
            ) from None
        except MemoryError as exc:
            raise self._failure(
                exc, name, "the template made a value too large for memory: make it smaller"
            ) from None
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(
                f"template syntax error: {exc.message}", exc.filename or name, exc.lineno
            ) from None
        except SyntaxError as exc:  # Python compiling the code Jinja made: past its nesting limits
            raise TemplateError(
                f"the template's blocks are nested too deep for Python to run ({exc.msg}; loops nest "
                "20 deep at most): flatten them",
                exc.filename or self.file_of(name),
            ) from None
        except jinja2.TemplateNotFound as exc:
            raise self._failure(
                exc, name, f"template not found: {exc.name}; restore it or remove your override"
            ) from None
        except SecurityError as exc:
            raise self._failure(
                exc,
                name,
                f"the template tried something templates may not do ({str(exc).rstrip('.')}); templates run "
                "sandboxed: use only the values and helpers digest passes to them",
            ) from None
        except jinja2.UndefinedError as exc:
            raise self._failure(exc, name, self._unknown_value(exc)) from None
        except TEMPLATE_MISTAKES as exc:
            if isinstance(exc, RecursionError) and (read := _template_being_read(exc)):
                raise TemplateError(
                    "the template's blocks or brackets are nested too deep for Jinja to read: flatten them",
                    read,
                ) from None
            if self._template_line(exc) is None:
                raise  # not in a template's code: a bug in digest, shown as one
            raise self._failure(exc, name, _mistake(exc)) from None

    def _failure(self, exc: BaseException, name: str, problem: str) -> TemplateError:
        """The error naming the template file and line the rendering stopped at (the
        innermost template in the traceback), else the template asked for."""
        where = self._template_line(exc)
        if where is None:
            return TemplateError(problem, self.file_of(name))
        return TemplateError(problem, *where)

    def _template_line(self, exc: BaseException) -> tuple[Path, int] | None:
        """Where the template stopped: the last template line in the traceback, or for a
        loop, the line that starts it again (the last of the lines every turn passes, in
        the user's templates where it goes through them)."""
        lines = self._template_lines(exc)
        if isinstance(exc, RecursionError):
            repeated = [line for line in dict.fromkeys(lines) if lines.count(line) > 1]
            own = [line for line in repeated if line[0].is_relative_to(self.config.templates_path)]
            lines = own or repeated or lines
        return lines[-1] if lines else None

    def _template_lines(self, exc: BaseException) -> list[tuple[Path, int]]:
        """Jinja rewrites a rendering's traceback so each template's frame carries its file
        and line, outermost first."""
        folders = tuple(str(folder).rstrip(os.sep) + os.sep for folder in self.folders)
        lines = [_template_line(frame, line) for frame, line in _frames(exc)]
        return [(Path(name), line) for name, line in lines if name.startswith(folders)]

    def _unknown_value(self, exc: jinja2.UndefinedError) -> str:
        problem = f"template uses an unknown value ({exc.message})"
        named = UNDEFINED_NAME.fullmatch(exc.message or "")
        if named and named.group(1) in self.env.filters:
            name = named.group(1)
            return f"{problem}: {quoted(name)} is a filter, written after a value: {{{{ value|{name} }}}}"
        return f"{problem}: check its spelling, or the values the template is given"

    def file_of(self, name: str) -> Path | str:
        """Where the template `name` is read from, for messages."""
        for folder in self.folders:
            if (folder / name).is_file():
                return folder / name
        return name

    def fingerprint(self) -> str:
        """Every file the template loader can reach, so an edited template is never served stale."""
        if self._fingerprint is None:
            digest = hashlib.sha256()
            expected: dict[str, str] = {}
            names: list[list[str]] = []
            for folder in self.folders:
                names.append([])
                within = self._loader.within.get(str(folder))
                for found in walk_files(str(folder), within=within):
                    names[-1].append(found.name)
                    file_digest = expected[os.path.normpath(found.path)] = _file_digest(found)
                    digest.update(os.fsencode(found.name) + b"\0" + file_digest.encode())
                # a link out the loader refuses, a pipe it skips
                for name in passed_over(str(folder), within=within):
                    digest.update(b"\2" + os.fsencode(name))
                digest.update(b"\1")
            if len(self.folders) > 1:  # the project's overrides, then the theme
                refuse_misnamed_overrides(self.folders[0], names[0], names[-1])
            self._fingerprint = digest.hexdigest()
            self._loader.expected = expected
        return self._fingerprint


def _file_digest(found: FoundFile) -> str:
    """A file's digest, read in chunks: the folder may hold images or fonts of any size
    beside its templates (a template too large is refused when it is rendered)."""
    if found.size > MAX_TEMPLATE_BYTES:  # refused by its size wherever it is used: never read
        return f"too large: {found.size} bytes"
    try:
        path = os.path.realpath(found.path) if found.linked else found.path
        return sha256_of(path, MAX_TEMPLATE_BYTES, found.identity)
    except OSError:
        return "unreadable"  # replaced while walked: the loader says why if it is used


def _frames(exc: BaseException) -> Iterator[tuple[FrameType, int]]:
    """Each frame of the traceback with its line: where the instruction it stopped at has
    none (a signal can stop a loop at its jump back), the nearest line before it."""
    entry = exc.__traceback__
    while entry is not None:
        line = entry.tb_lineno
        yield (
            entry.tb_frame,
            line if line is not None else _line_before(entry.tb_frame.f_code, entry.tb_lasti),
        )
        entry = entry.tb_next


def _line_before(code: CodeType, offset: int) -> int:
    found = code.co_firstlineno
    for start, _, line in code.co_lines():
        if start > offset:
            break
        if line is not None:
            found = line
    return found


def _template_line(frame: FrameType, line: int) -> tuple[str, int]:
    """A frame's file and line; a template's frame that Jinja did not rewrite (a
    RenderTimeout is not an Exception, so Jinja lets it through untouched) is mapped from
    its compiled code's line to the template's."""
    template = frame.f_globals.get("__jinja_template__")
    if template is not None and template.filename:
        return template.filename, template.get_corresponding_lineno(line)
    return frame.f_code.co_filename, line


def _template_being_read(exc: BaseException) -> str | None:
    """The file of the template Jinja's parser or compiler was reading when `exc` was
    raised (they recurse once a level of nesting), or None."""
    from jinja2.compiler import CodeGenerator
    from jinja2.parser import Parser

    for frame, _ in _frames(exc):
        reader = frame.f_locals.get("self")
        if isinstance(reader, Parser | CodeGenerator) and reader.filename:
            return str(reader.filename)
    return None


def _mistake(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "the template includes, extends or calls itself without end: remove the loop"
    return f"the template stopped with {type(exc).__name__} ({exc}): fix the expression on this line"


class NoImages:
    """The images of a rendering without a build's assets (a template rendered alone)."""

    def cover(self, review: ReviewSummary, purpose: str) -> None:
        return None

    def logo(self, purpose: str) -> None:
        return None


def plain(markdown: str, base: str | None = None) -> str:
    """A line or two of Markdown as plain text, links written out (relative ones made whole
    against `base`): for the text email."""
    from digest.render.markdown import render_text

    return " ".join(render_text(markdown, 10_000, base).split())


def plain_html(markup: str, base: str | None = None) -> str:
    """A line or two of rendered HTML (a link item's comment) as `plain` writes it."""
    from digest.render.markdown import html_text

    return " ".join(html_text(markup, 10_000, base).split())


def host(url: str) -> str:
    """The name a link is known by: its host without 'www.'."""
    return urlsplit(url).netloc.removeprefix("www.") or url


def iso_date(value: datetime) -> str:
    return value.isoformat()


def labelled(url: str, label: str) -> str:
    """'label: url' for the text email, on one line where it fits the text's width, else
    the address on a line of its own (an address is never broken)."""
    line = f"{label}: {url}"
    return line if columns(line) <= TEXT_WIDTH else f"{label}:\n{url}"


def after_label(text: str, label: str) -> str:
    """'label: text' wrapped at the text email's width, each next line starting under the
    text, as a list item's does under its dash."""
    head = f"{label}: "
    return fill(head + str(text), TEXT_WIDTH, " " * columns(head))


def wrap(text: str, width: int = TEXT_WIDTH, indent: str = "") -> str:
    """Wrap at `width` columns without breaking URLs or long words; continuation lines indented."""
    return fill(str(text), width, indent)
