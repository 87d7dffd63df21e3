"""The metadata blocks that open a review file, each read into a dictionary.

- YAML (`---`) and TOML (`+++`) front matter, split and loaded through python-frontmatter's
  handlers: YAML with aliases only while what they expand to stays small (nested ones expand
  exponentially, the "billion laughs") and with dates kept as text, so a bad date is reported
  with its line; TOML by tomllib.
- Pelican and RFC 822 style `Key: value` headers, continuation lines indented.
- Nikola `.. key: value` comments, bare or inside an HTML comment.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digest.errors import ContentError, quoted

if TYPE_CHECKING:
    import yaml
    from frontmatter.default_handlers import BaseHandler

HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_ .-]{0,30}):(?:[ \t]+(.*)|[ \t]*)$")
CONTINUATION = re.compile(r"^[ \t]+\S")
NIKOLA_LINE = re.compile(r"^\.\. ([A-Za-z_][A-Za-z0-9_ .-]*):[ \t]?(.*)$")
MAX_HEADER_LINES = 40


@dataclass(frozen=True)
class Header:
    """Metadata read from the top of a file, and where the body after it starts."""

    meta: dict[str, Any]
    body: str
    body_line: int  # 1-based
    notes: tuple[str, ...] = ()  # what was read leniently, for `digest check` to report


# --- front matter, through python-frontmatter ----------------------------------------------


def front_matter(text: str, path: Path, kind: str, *, lenient: bool = False) -> Header:
    """YAML (`kind` "yaml") or TOML ("toml") front matter opening `text`. `lenient` YAML that
    fails only because a plain value holds `: ` is read again with those values quoted."""
    handler = _yaml_handler() if kind == "yaml" else _toml_handler()
    lead = len(text) - len(text.lstrip("\n"))
    opening_line = lead + 1
    start = text[lead:]
    if not handler.detect(start):
        raise ContentError("front matter must start with '---' on the first line", path, 1)
    try:
        front, body = handler.split(start)
    except ValueError:
        delimiter = "---" if kind == "yaml" else "+++"
        raise ContentError(
            f"the front matter opened with '{delimiter}' on line {opening_line} is never closed: "
            f"add a closing '{delimiter}' line",
            path,
            opening_line,
        ) from None
    body_line = text[: len(text) - len(body)].count("\n") + 1
    if kind == "toml":
        return Header(_load_toml(front, path, opening_line), body, body_line)
    try:
        front_line = text[: lead + max(start.find(front), 0)].count("\n") + 1  # where `front` starts
        return Header(
            _load_yaml(handler, front, path, opening_line), body, body_line, _twice(front, front_line)
        )
    except ContentError:
        quoted, changed = _quoted_plain_values(front)
        if not lenient or not changed:
            raise
        repaired = _lenient_yaml(handler, quoted, path, opening_line)
        if repaired is None:
            raise
    notes = []
    for reason, advice in LENIENT_NOTES.items():
        if lines := [line for line, why in changed if why == reason]:
            numbers = ", ".join(str(line + opening_line) for line in lines)
            notes.append(f"line {numbers}: {advice}; put the value in quotes to make it valid YAML")
    return Header(repaired, body, body_line, tuple(notes))


# A key at the start of a line of YAML, outside any nesting.
TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|$)")


def _twice(front: str, first_line: int) -> tuple[str, ...]:
    """Keys written twice at the top of YAML front matter: YAML keeps the last without a
    word, so the editor's change to the first is lost."""
    seen: dict[str, int] = {}
    notes = []
    for number, line in enumerate(front.split("\n"), start=first_line):
        if key := TOP_LEVEL_KEY.match(line):
            first = seen.setdefault(key.group(1), number)
            if first != number:
                notes.append(
                    f"line {number}: '{key.group(1)}:' is written twice in the front matter (lines {first} "
                    f"and {number}), and only the last counts: keep one of them"
                )
    return tuple(notes)


def _lenient_yaml(handler: BaseHandler, quoted: str, path: Path, opening_line: int) -> dict[str, Any] | None:
    try:
        return _load_yaml(handler, quoted, path, opening_line)
    except ContentError:
        return None


# `key: value` at the left margin whose plain (unquoted) value holds `: ` itself, which YAML
# reads as a second mapping on the line: `title: Releases: what is new`.
PLAIN_VALUE_WITH_COLON = re.compile(r"^([A-Za-z_][\w .-]*):[ \t]+([^\s'\"\[{|>&*!%@`#].*:(?:[ \t].*|))$")
# `key: [text](url)`, a Markdown link to its writer, which YAML reads as a flow sequence with
# text after its end: `issue-number: [#117](https://...)` (Jupyter's enhancement proposals).
MARKDOWN_LINK_VALUE = re.compile(r"^([A-Za-z_][\w .-]*):[ \t]+(\[[^\[\]\n]*\]\([^()\s]*\).*)$")
LENIENT_NOTES = {
    "colon": "a value holding ': ' was read as text, as line-by-line front matter readers "
    "(Docusaurus 1's) read it",
    "link": "a value written as a Markdown link was read as text, not as a YAML list",
}


def _quoted_plain_values(front: str) -> tuple[str, list[tuple[int, str]]]:
    """The front matter with such values single-quoted, and the lines (0-based) changed, each
    with why."""
    lines = front.split("\n")
    changed: list[tuple[int, str]] = []
    for number, line in enumerate(lines):
        for reason, pattern in (("colon", PLAIN_VALUE_WITH_COLON), ("link", MARKDOWN_LINK_VALUE)):
            if match := pattern.match(line.rstrip()):
                value = match.group(2).strip().replace("'", "''")
                lines[number] = f"{match.group(1)}: '{value}'"
                changed.append((number, reason))
                break
    return "\n".join(lines), changed


def _load_yaml(handler: BaseHandler, front: str, path: Path, opening_line: int) -> dict[str, Any]:
    import yaml

    try:
        meta = handler.load(front) or {}
    except RecursionError:
        raise _too_deep("YAML", path, opening_line) from None
    except ValueError:  # an integer past Python's 4,300 decimal digits (not a YAMLError)
        raise _too_long_number(front, path, opening_line) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        # The front matter text starts on the opening line, after its '---'; a problem found
        # at the end of the stream is reported on the last line of the front matter.
        last_line = opening_line + front.rstrip("\n").count("\n")
        line = min(mark.line + opening_line, last_line) if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        advice = "indent with spaces: YAML does not allow tabs" if "'\\t'" in problem else "fix the syntax"
        if (culprit := _likely_culprit(front, mark.line if mark is not None else None)) is not None:
            index, advice = culprit
            raise ContentError(f"invalid YAML front matter: {advice}", path, index + opening_line) from None
        raise ContentError(f"invalid YAML front matter ({problem}): {advice}", path, line) from None
    if not isinstance(meta, dict):
        raise ContentError("the front matter must be 'key: value' lines (a mapping)", path, opening_line + 1)
    return {str(key): value for key, value in meta.items()}


# The slips YAML reports far from where they were made: a quote opened and never closed
# (the value runs on over the next keys), a list item without a space after its dash
# ('-review.md' is no list item) and a list opened with '[' and never closed.
# A key starts past the indentation (never with a space): each split of a run of spaces
# between the two would be tried in turn, quadratic in the line's length.
YAML_KEY = r"[\w.-][\w .-]*:\s+"
UNCLOSED_QUOTE = re.compile(rf"""^\s*(?:-\s+)?(?:{YAML_KEY})?(?:(")(?:[^"\\]|\\.)*|(')(?:[^']|'')*)$""")
DASH_WITHOUT_SPACE = re.compile(r"^(\s*)-([^\s-].*)$")
UNCLOSED_LIST = re.compile(rf"^\s*(?:-\s+)?{YAML_KEY}\[[^\]\"'#]*$")


def _likely_culprit(front: str, error_line: int | None) -> tuple[int, str] | None:
    """The first line (0-based, at or before the one YAML stopped at) holding one of those
    slips, with what to do about it, where mending that line alone makes the YAML valid."""
    import yaml

    lines = front.split("\n")
    last = len(lines) - 1 if error_line is None else min(error_line, len(lines) - 1)
    for index, line in enumerate(lines[: last + 1]):
        text = line.rstrip()
        if unclosed := UNCLOSED_QUOTE.match(text):
            quote = unclosed.group(1) or unclosed.group(2)
            mended = text + quote
            advice = f"the quoted value on this line has no closing {quote}: end it with {quote}"
        elif dash := DASH_WITHOUT_SPACE.match(text):
            mended = f"{dash.group(1)}- {dash.group(2)}"
            advice = f"a list item needs a space after its dash: write {quoted(mended.strip())}"
        elif UNCLOSED_LIST.match(text):
            mended = text + "]"
            advice = "the list opened with '[' on this line has no closing ']': end it with ']'"
        else:
            continue
        try:
            yaml.safe_load("\n".join([*lines[:index], mended, *lines[index + 1 :]]))
        except (yaml.YAMLError, RecursionError):
            continue
        return index, advice
    return None


def _load_toml(front: str, path: Path, opening_line: int) -> dict[str, Any]:
    try:
        meta: dict[str, Any] = _toml_handler().load(front)
    except RecursionError:
        raise _too_deep("TOML", path, opening_line) from None
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = int(match.group(1)) + opening_line - 1 if match else None
        raise ContentError(f"invalid TOML front matter ({exc}): fix the syntax", path, line) from None
    except ValueError:  # an integer past Python's 4,300 decimal digits (TOMLDecodeError is one too)
        raise _too_long_number(front, path, opening_line) from None
    return meta


DIGIT_RUN = re.compile(r"[\d_]+")
MAX_INTEGER_DIGITS = 4300  # the longest integer Python reads (sys.get_int_max_str_digits())


def _holds_a_long_number(line: str) -> bool:
    return any(len(run.group()) > MAX_INTEGER_DIGITS for run in DIGIT_RUN.finditer(line))


def _too_long_number(front: str, path: Path, opening_line: int) -> ContentError:
    """The error for front matter holding an integer too long to read, at its line."""
    lines = front.split("\n")
    index = next((number for number, line in enumerate(lines) if _holds_a_long_number(line)), None)
    return ContentError(
        "a number in the front matter is too long to read (over 4,300 digits): put it in quotes",
        path,
        index + opening_line if index is not None else opening_line,
    )


def _too_deep(language: str, path: Path, opening_line: int) -> ContentError:
    return ContentError(
        f"the {language} front matter is nested too deeply to read: use flat 'key: value' lines",
        path,
        opening_line + 1,
    )


@lru_cache(maxsize=1)
def _yaml_handler() -> BaseHandler:
    """python-frontmatter's YAML handler, loading with our strict loader. Built on first
    use: a build whose reviews all come from the cache never imports PyYAML."""
    from frontmatter.default_handlers import YAMLHandler

    class StrictYAMLHandler(YAMLHandler):
        def load(self, fm: str, **kwargs: object) -> Any:
            return _strict_load(fm)

    return StrictYAMLHandler()


@lru_cache(maxsize=1)
def _toml_handler() -> BaseHandler:
    """python-frontmatter's TOML boundaries (`+++`), loading with the standard library's tomllib
    (its own TOMLHandler needs the third-party `toml` package)."""
    from frontmatter.default_handlers import BaseHandler

    class TomllibHandler(BaseHandler):
        FM_BOUNDARY = re.compile(r"^\+{3,}\s*$", re.MULTILINE)
        START_DELIMITER = END_DELIMITER = "+++"

        def load(self, fm: str) -> dict[str, Any]:
            return tomllib.loads(fm)

    return TomllibHandler()


# How many values a document may hold with its aliases expanded: a post's shared defaults
# (`defaults: &d ...`, `<<: *d`) stay far below it, the "billion laughs" (aliases nested, each
# many times the one before) far above.
ALIAS_BUDGET = 10_000
ALIAS_PROBLEM = (
    f"aliases ('*name') that expand past {ALIAS_BUDGET:,} values, or into themselves, "
    "are not allowed in front matter"
)


def _strict_load(text: str) -> Any:
    """One YAML document with dates kept as text and aliases within `ALIAS_BUDGET`. libyaml
    parses it where PyYAML has it (ten times faster); anything it objects to, or aliases past
    the budget, is read again by the pure-Python loader, which is the one that reports
    problems and their lines."""
    import yaml

    fast = _fast_loader()
    if fast is not None:
        loader = fast(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            if not _has_alias(node) or _expanded_size(node) <= ALIAS_BUDGET:
                return loader.construct_document(node)
        except (yaml.YAMLError, RecursionError):
            pass
        finally:
            loader.dispose()
    return yaml.load(text, Loader=_strict_loader())


def _has_alias(root: yaml.Node) -> bool:
    """Whether a node is reached twice: that is an alias (`*name`)."""
    import yaml

    seen: set[int] = set()
    pending = [root]
    while pending:
        node = pending.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            pending.extend(part for pair in node.value for part in pair)
    return False


def _expanded_size(root: yaml.Node) -> int:
    """How many nodes the document holds with every alias expanded, counted up to just past
    `ALIAS_BUDGET`; an alias inside what it names counts as past it."""
    import yaml

    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in open_nodes:
            return ALIAS_BUDGET + 1
        open_nodes.add(key)
        children: list[yaml.Node] = []
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        total = 1
        for child in children:
            total += size(child)
            if total > ALIAS_BUDGET:
                break
        open_nodes.discard(key)
        sizes[key] = min(total, ALIAS_BUDGET + 1)
        return sizes[key]

    return size(root)


@lru_cache(maxsize=1)
def _fast_loader() -> type[yaml.CSafeLoader] | None:
    """libyaml's loader without implicit timestamps; None where PyYAML was built without it."""
    import yaml

    if not getattr(yaml, "__with_libyaml__", False):
        return None

    class Fast(yaml.CSafeLoader):
        pass

    _without_timestamps(Fast)
    return Fast


@lru_cache(maxsize=1)
def _strict_loader() -> type[yaml.SafeLoader]:
    """The pure-Python loader without implicit timestamps (dates stay text, parsed with line
    numbers), refusing aliases that expand past `ALIAS_BUDGET` (nested ones expand
    exponentially, the "billion laughs") or into themselves, at the first alias's line."""
    import yaml

    class Strict(yaml.SafeLoader):
        first_alias: yaml.error.Mark | None = None

        def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
            if self.first_alias is None and self.check_event(yaml.AliasEvent):
                event = self.peek_event()  # type: ignore[no-untyped-call]
                self.first_alias = getattr(event, "start_mark", None)
            return super().compose_node(parent, index)

        def compose_document(self) -> yaml.Node | None:
            node: yaml.Node | None = super().compose_document()
            if self.first_alias is not None and node is not None and _expanded_size(node) > ALIAS_BUDGET:
                raise yaml.composer.ComposerError(None, None, ALIAS_PROBLEM, self.first_alias)
            return node

    _without_timestamps(Strict)
    return Strict


def _without_timestamps(loader: type[yaml.SafeLoader] | type[yaml.CSafeLoader]) -> None:
    import yaml

    loader.yaml_implicit_resolvers = {
        key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


# --- Pelican / RFC 822 headers -------------------------------------------------------------


def key_value_header(text: str, required: frozenset[str] = frozenset({"title"})) -> Header | None:
    """Leading `Key: value` lines with the `required` keys (a Title), ended by a blank line. A
    line indented under a key continues its value (RFC 822 folding; Pelican's multi-line
    summaries)."""
    meta: dict[str, Any] = {}
    lines = text.split("\n")
    key: str | None = None
    for index, line in enumerate(lines[:MAX_HEADER_LINES]):
        if not line.strip():
            if required <= {k.lower() for k in meta} and len(meta) >= 2:
                return Header(_joined(meta), "\n".join(lines[index + 1 :]), index + 2)
            return None
        match = HEADER_LINE.match(line)
        if match:
            key = match.group(1).strip()
            meta[key] = [(match.group(2) or "").strip()]
        elif key is not None and CONTINUATION.match(line):
            meta[key].append(line.strip())
        else:
            return None
    return None


def _joined(meta: dict[str, list[str]]) -> dict[str, Any]:
    return {key: " ".join(part for part in parts if part) for key, parts in meta.items()}


# --- Nikola comments -----------------------------------------------------------------------


def nikola_header(text: str) -> Header | None:
    """`.. key: value` lines opening the file, bare (reStructuredText comments) or inside an
    HTML comment (Markdown posts); there must be a title."""
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None
    commented = lines[first].strip().startswith("<!--")
    meta: dict[str, Any] = {}
    end = first
    for index in range(first, min(len(lines), first + MAX_HEADER_LINES)):
        line = lines[index]
        match = NIKOLA_LINE.match(line.strip() if commented else line)
        if match:
            if match.group(2).strip():
                meta[match.group(1).strip()] = match.group(2).strip()
            end = index + 1
        elif commented and line.strip().endswith("-->"):
            end = index + 1
            break
        elif not (commented and (index == first or not line.strip())):
            break
    if "title" not in {key.lower() for key in meta}:
        return None
    if isinstance(meta.get("tags"), str):
        meta["tags"] = [t.strip() for t in meta["tags"].split(",") if t.strip()]
    return Header(meta, "\n".join(lines[end:]), end + 1)
