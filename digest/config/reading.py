"""Finding and reading digest.toml: the file (never through a link out of the project), its
TOML (with what to write instead where a newcomer's slip broke it), the command line's
overrides merged in, and every problem reported at once, each at its line."""

from __future__ import annotations

import difflib
import os
import re
import tomllib
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from digest.config.sections import Names, build_section, suggest
from digest.config.settings import CONFIG_NAME, MAX_CONFIG_BYTES, NAMED_BEFORE_SENDING, SECTIONS, Config
from digest.config.values import value_problems
from digest.errors import ConfigError, ContentError, DigestError, RefusedOption, quoted, shortened
from digest.files import inside, read_regular, resolved


def find_config(start: Path) -> Path:
    """The digest.toml in `start` or the nearest parent folder."""
    start = resolved(start)
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_symlink() and not inside(candidate, folder):  # --config may name any file
            raise ConfigError(
                f"is a link to {os.path.realpath(candidate)}, outside the project, and digest never "
                "follows a link out of the project: copy the settings file in, or pass --config",
                candidate,
            )
        if candidate.is_file():
            return candidate
        if os.path.lexists(candidate):  # never passed over for a parent's settings
            raise ConfigError(
                "is not a file (a folder, a pipe or a broken link), so no settings are read from it: "
                f"make {CONFIG_NAME} an ordinary file, or pass --config",
                candidate,
            )
    if (other := _spelled_otherwise(start)) is not None:
        raise ConfigError(
            f"is not named {CONFIG_NAME} (only in case or Unicode form): macOS and Windows find it, Linux "
            f"and most CI machines do not; rename it {CONFIG_NAME}",
            other,
        )
    raise ConfigError(
        f"no {CONFIG_NAME} found here or in any parent folder: run digest from your project, "
        f"or pass --config; to start a newsletter in this folder, create {CONFIG_NAME} (empty will do)",
        start,
    )


def _spelled_otherwise(start: Path) -> Path | None:
    """A settings file named 'Digest.toml' (or so) in `start` or a parent folder, or None."""
    for folder in (start, *start.parents):
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            if unicodedata.normalize("NFC", name).casefold() == CONFIG_NAME and name != CONFIG_NAME:
                return folder / name
    return None


def load_config(
    path: Path,
    overrides: dict[str, dict[str, Any]] | None = None,
    flags: Mapping[tuple[str, str], str] | None = None,
) -> Config:
    """Read, merge command-line overrides (only the flags given), and validate. `flags`
    names the option each override comes from ({("build", "output_dir"): "--output"}), so a
    problem with a value given on the command line names the option, not digest.toml."""
    text = ""
    try:
        # utf-8-sig: Windows Notepad starts a file saved as UTF-8 with a byte-order mark,
        # which TOML's grammar does not allow for; every other file digest reads skips it too.
        text = read_regular(path, MAX_CONFIG_BYTES, "settings file").decode("utf-8-sig")
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r" \(at line (\d+), (column \d+)\)", str(exc))
        if where is None:
            raise ConfigError(f"not valid TOML ({exc}): fix the syntax", path) from None
        problem = str(exc)[: where.start()] + str(exc)[where.end() :]
        number = int(where.group(1))
        lines = text.splitlines()
        if advice := toml_slip(lines[number - 1] if 0 < number <= len(lines) else ""):
            raise ConfigError(f"not valid TOML: {advice}", path, number) from None
        if twice := re.fullmatch(r"Cannot declare \(((?:'[^']*',? ?)+)\) twice", problem):
            table = ".".join(re.findall(r"'([^']*)'", twice.group(1)))
            raise ConfigError(
                f"[{table}] is written twice: put all its keys under one [{table}]", path, int(where.group(1))
            ) from None
        if problem == "Cannot overwrite a value" and (again := _set_again(lines, number)):
            raise ConfigError(f"not valid TOML: {again}", path, number) from None
        raise ConfigError(
            f"not valid TOML ({problem} at {where.group(2)}): fix the syntax", path, int(where.group(1))
        ) from None
    except UnicodeDecodeError:
        raise ConfigError("not UTF-8: save the file as UTF-8", path) from None
    except RecursionError:
        raise ConfigError(
            "values nested too deeply to read: write settings as 'key = value' lines under [section] headers",
            path,
        ) from None
    except ContentError as exc:
        raise ConfigError(exc.problem, path) from None
    given = {}
    for section, values in (overrides or {}).items():
        chosen = {key: value for key, value in values.items() if value is not None}
        if isinstance(raw.setdefault(section, {}), dict):  # else reported by parse_config
            raw[section].update(chosen)
            given.update({(section, key): (flags or {}).get((section, key)) for key in chosen})
    return parse_config(raw, path, {where: flag for where, flag in given.items() if flag})


# The slips of a first settings file, told by the line they are on (tomllib's own words,
# "Invalid value" or "Expected '=' after a key", say where but not what to write).
_SLIP_HEADER = re.compile(r"\s*\[+\s*([^\]\s#=]+)\s*(?:#.*)?")
_SLIP_COLON = re.compile(r"\s*([A-Za-z0-9_-]+)\s*:\s*(.*?)\s*")
_SLIP_SPACED_KEY = re.compile(r"\s*([A-Za-z0-9_-]+(?:[ \t]+[A-Za-z0-9_-]+)+)\s*=.*")
_SLIP_VALUE = re.compile(r"\s*([A-Za-z0-9_-]+)\s*=\s*(.*?)\s*(?:#.*)?")
_CURLY_QUOTES = "\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb"


def toml_slip(line: str) -> str | None:
    """What to write instead, where `line` of a settings file TOML refused holds a slip
    newcomers make (a bare or curly-quoted text, 'key: value', a key with a space, a quote or
    a table header never closed); None where it holds none of them."""
    if header := _SLIP_HEADER.fullmatch(line):
        return f"the table header on this line has no closing ']': write [{header.group(1)}]"
    if line.count('"') % 2 and not line.lstrip().startswith("#"):
        return 'the quoted value on this line has no closing ": end it with "'
    if colon := _SLIP_COLON.fullmatch(line):
        return f"a setting is written 'key = value' in TOML: {colon.group(1)} = {colon.group(2)}"
    if spaced := _SLIP_SPACED_KEY.fullmatch(line):
        return "a key has no spaces: write " + "_".join(spaced.group(1).split())
    value = _SLIP_VALUE.fullmatch(line)
    if value is None:
        return None
    key, written = value.groups()
    if not written:
        return f"the value is missing after '=': write {key} = \"...\""
    if written[0] in _CURLY_QUOTES:
        straight = shortened(written.strip(_CURLY_QUOTES))
        return f'curly quotes quote nothing in TOML: write straight ones, "{straight}"'
    if re.fullmatch(r"[^\s\"'\[\]{}0-9+-][^\"'\[\]{}]*", written):
        if meant := difflib.get_close_matches(written.lower(), ("true", "false"), n=1, cutoff=0.6):
            return f"true and false are written without quotes: {key} = {meant[0]}"
        return f'text is written in double quotes: {key} = "{shortened(written)}"'
    return None


def parse_config(
    raw: dict[str, Any], path: Path, flags: Mapping[tuple[str, str], str] | None = None
) -> Config:
    problems: list[str] = []
    sections: dict[str, Any] = {}
    for name, values in raw.items():
        schema = SECTIONS.get(name)
        if schema is None:
            problems.append(f"unknown section [{name}]{suggest(name, SECTIONS)}")
        elif not isinstance(values, dict):
            problems.append(
                f"[{name}] must be a table ('[{name}]' on a line of its own, then 'key = value' "
                f"lines), not {quoted(values)}"
            )
        else:
            sections[name] = build_section(name, schema, values, problems)
    # Values are judged even when some keys were refused (those keep their defaults), so
    # one run reports every problem in the file.
    config = Config(root=resolved(path.parent), file_name=path.name, unset=_unset(raw), **sections)
    names = Names(flags or {})
    problems.extend(value_problems(config, names))
    if problems:
        from_flags = all(problem.startswith(tuple(names.flags.values())) for problem in problems)
        if from_flags and names.flags:
            raise RefusedOption("; ".join(problems))
        located = sorted(((_problem_line(path, p), p) for p in problems), key=lambda each: each[0] or 0)
        if len(located) == 1:
            raise ConfigError(located[0][1], path, located[0][0])
        raise ConfigError("; ".join(_at_line(problem, line) for line, problem in located), path)
    return config


def _unset(raw: Mapping[str, Any]) -> frozenset[str]:
    def given(section: str, key: str) -> bool:
        values = raw.get(section, {})
        return not isinstance(values, dict) or key in values  # not a table: refused already

    return frozenset(f"{section}.{key}" for section, key in NAMED_BEFORE_SENDING if not given(section, key))


# How a problem names the setting it is about (see Names and build_section).
_UNKNOWN_KEY = re.compile(r"unknown key '([^']*)' in \[([^\]]*)\]")
_UNKNOWN_SECTION = re.compile(r"unknown section \[([^\]]*)\]")
_NAMED_SETTING = re.compile(r"\[([A-Za-z_]+)\] ([A-Za-z_]+)\b")


def _problem_line(path: Path, problem: str) -> int | None:
    """The settings file's line the problem is about, where it names a setting written there."""
    if match := _UNKNOWN_KEY.match(problem):
        return setting_line(path, match.group(2), match.group(1))
    if match := _UNKNOWN_SECTION.match(problem):
        return setting_line(path, match.group(1), None)
    if match := _NAMED_SETTING.match(problem):
        return setting_line(path, match.group(1), match.group(2))
    return None


def _at_line(problem: str, line: int | None) -> str:
    return f"line {line}: {problem}" if line else problem


_KEY_PART = r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'"""
_TABLE_HEADER = re.compile(rf"\[\s*((?:{_KEY_PART}|[\s.])+)\]\s*(?:#.*)?")
_KEY = re.compile(rf"((?:{_KEY_PART})(?:\s*\.\s*(?:{_KEY_PART}))*)\s*=")


def setting_line(path: Path, section: str, key: str | None) -> int | None:
    """The line of the settings file `path` where `[section] key` is set (under its table
    header, or as a dotted key), or with no key where `[section]` starts; None where it
    cannot be found."""
    try:
        text = read_regular(path, MAX_CONFIG_BYTES, "settings file").decode("utf-8-sig")
    except (DigestError, UnicodeDecodeError):
        return None
    table: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if header := _TABLE_HEADER.fullmatch(stripped):
            table = _key_parts(header.group(1))
            if key is None and table == [section]:
                return number
        elif key is not None and (written := _KEY.match(stripped)):
            setting = [*table, *_key_parts(written.group(1))]
            if setting == [section, key]:
                return number
    return None


def _set_again(lines: list[str], number: int) -> str | None:
    """What to do where line `number` sets a key its table set before (tomllib says only
    "Cannot overwrite a value"); None where it is not that."""
    table: list[str] = []
    first: dict[tuple[str, ...], int] = {}
    for at, line in enumerate(lines[:number], 1):
        stripped = line.strip()
        if header := _TABLE_HEADER.fullmatch(stripped):
            table = _key_parts(header.group(1))
        elif written := _KEY.match(stripped):
            *section, key = setting = (*table, *_key_parts(written.group(1)))
            if at == number and setting in first:
                name = f"[{'.'.join(section)}] {key}" if section else key
                return f"{name} is set twice (first on line {first[setting]}): keep one of them"
            first.setdefault(setting, at)
    return None


def _key_parts(dotted: str) -> list[str]:
    return [part.strip("\"'") for part in re.findall(_KEY_PART, dotted)]
