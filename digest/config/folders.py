"""The folders and files digest.toml names: names a file system holds (not a web address,
not '~'), no link out of the project, sources that are folders, and an output folder, a
cache and a static folder that never replace, mix with or publish the project's own."""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path, PurePath
from urllib.parse import urlsplit

from digest.config.sections import Names
from digest.config.settings import BuildSettings, Config
from digest.config.texts import text_problems
from digest.errors import DigestError, quoted
from digest.files import inside, resolved, spelled_as_stored


def path_problems(config: Config, names: Names) -> list[str]:
    """The folders' and files' settings: their text first, then (where that is sound) the
    folders themselves."""
    as_written = (
        text_problems(config, names)
        + _path_length_problems(config, names)
        + _web_address_problems(config, names)
        + _home_problems(config, names)
    )
    if any(problem.startswith(_path_names(names)) for problem in as_written):
        return as_written
    return [
        *as_written,
        *_folder_problems(config, names("build", "output_dir")),
        *_cache_problems(config, names("build", "cache_dir")),
        *_linked_folder_problems(config, names),
        *_not_folder_problems(config, names),
        *_misspelt_folder_problems(config, names),
        *_static_problems(config, names("build", "static_dir")),
        *_logo_problems(config),
    ]


PATH_SETTINGS = tuple(
    ("build", key) for key in ("output_dir", "issues_dir", "templates_dir", "cache_dir", "static_dir")
)


def _path_names(names: Names) -> tuple[str, ...]:
    return tuple(names(section, key) for section, key in PATH_SETTINGS)


# What Linux and macOS allow: a name of 255 bytes, a path of 4,095.
NAME_MAX, PATH_MAX = 255, 4095


def _path_length_problems(config: Config, names: Names) -> list[str]:
    """A folder setting no file system can hold (every look-up of it would fail with 'File
    name too long'), by the setting's name."""
    problems = []
    for section, key in PATH_SETTINGS:
        value = getattr(config.build, key)
        path = os.fsencode(os.path.join(config.root, value))
        longest = max((len(part) for part in path.split(b"/")), default=0)
        if longest > NAME_MAX:
            too_long = f"holds a name of {longest:,} bytes, longer than file systems allow ({NAME_MAX})"
        elif len(path) > PATH_MAX:
            too_long = (
                f"makes a path of {len(path):,} bytes in this project's folder, longer than file "
                f"systems allow ({PATH_MAX:,})"
            )
        else:
            continue
        problems.append(f"{names(section, key)} {too_long}: choose a shorter one")
    return problems


_WEB_ADDRESS = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def _web_address_problems(config: Config, names: Names) -> list[str]:
    """A folder setting written as a web address ('--output https://news.example.org/')
    made a folder named 'https:' in the project: an address is never a folder."""
    return [
        f"{names(section, key)} {quoted(value, 60)} is a web address, not a folder: name a folder of the "
        "project (the site's address is [site] base_url, or --base-url)"
        for section, key in PATH_SETTINGS
        if _WEB_ADDRESS.match(value := getattr(config.build, key))
    ]


def _home_problems(config: Config, names: Names) -> list[str]:
    """A folder setting written as a shell writes a home folder ('~/news', '~ana/news'): the
    settings file is read by no shell, so it named a folder called '~' in the project; nor
    is it expanded, which would make one digest.toml build into another place on each
    machine. A first name of '~' and some characters that is no user's is a folder."""
    problems = []
    for section, key in PATH_SETTINGS:
        value = getattr(config.build, key)
        first = value.split("/", 1)[0]
        if first.startswith("~") and (home := os.path.expanduser(value)) != value:
            problems.append(
                f"{names(section, key)} {quoted(value, 60)} starts with '~', which only a shell reads as "
                f"a home folder: write the path in full ({quoted(home, 60)}), or name a folder of the project"
            )
    return problems


def _cache_problems(config: Config, cache_name: str) -> list[str]:
    """The cache folder is the build's own (deleting it must always be safe): it may not
    hold or sit in the project's sources, where it would be read as sources and, in the
    static folder, published."""
    cache = resolved(config.cache_path)
    advice = "use a folder of its own, such as '.digest-cache'"
    if cache == config.root or cache in config.root.parents:
        return [f"{cache_name} {quoted(config.build.cache_dir)} would hold the project folder: {advice}"]
    mixed = _overlapping(cache, _project_folders(config, "[build] cache_dir"))
    if mixed:
        return [f"{cache_name} {quoted(config.build.cache_dir)} would mix the cache with {mixed}: {advice}"]
    return []


def _linked_folder_problems(config: Config, names: Names) -> list[str]:
    """A project folder reached through a link out of the project would have digest read
    (issues, templates, static files) or write (the cache) outside it: refused by name.
    A link within the project is followed; a setting that names a folder elsewhere
    outright is the user's choice, not a link's."""
    problems = []
    for key in ("issues_dir", "templates_dir", "static_dir", "cache_dir"):
        link = _link_out(config.root, config.root / getattr(config.build, key))
        if link is not None:
            problems.append(
                f"{names('build', key)} {quoted(getattr(config.build, key))} goes through {link}, a link to "
                f"{os.path.realpath(link)} outside the project, and digest never follows a link out of "
                "the project: move that folder into the project"
            )
    return problems


def _not_folder_problems(config: Config, names: Names) -> list[str]:
    """A source folder setting that names something else (a file, a pipe, a broken link):
    read as no folder, it gave 'no issues yet' or a build without the templates or the
    static files, without a word."""
    return [
        f"{names('build', key)} {quoted(getattr(config.build, key))} is not a folder (a file, a pipe or a "
        "broken link): name a folder, or move what is there away"
        for key in ("issues_dir", "templates_dir", "static_dir")
        if os.path.lexists(path := config.root / getattr(config.build, key)) and not path.is_dir()
    ]


def _misspelt_folder_problems(config: Config, names: Names) -> list[str]:
    """A source folder setting naming no folder where one of a close name is there: read as
    an empty folder, it built without the templates or the static files, or listed no issue,
    without a word. A folder not made yet is no mistake (digest new makes the issues')."""
    problems = []
    defaults = BuildSettings()
    for key in ("issues_dir", "templates_dir", "static_dir"):
        written = getattr(config.build, key)
        path = config.root / written
        # Spelled otherwise only in case, macOS and Windows found it and Linux did not.
        as_stored = spelled_as_stored(path, config.root)
        if as_stored and (written == getattr(defaults, key) or os.path.lexists(path)):
            continue
        try:
            with os.scandir(path.parent) as entries:
                folders = [entry.name for entry in entries if entry.is_dir()]
        except OSError:
            continue
        in_case = [name for name in folders if name.casefold() == path.name.casefold()]
        if meant := in_case or difflib.get_close_matches(path.name, folders, n=1, cutoff=0.8):
            problems.append(
                f"{names('build', key)} {quoted(written)} is not a folder of the project: did you mean "
                f"{quoted(meant[0])}? fix the name, or create the folder"
            )
    return problems


def _link_out(root: Path, path: Path) -> Path | None:
    """The first link on the way from `root` to `path` that leads out of `root`, if any."""
    try:
        relative = Path(os.path.normpath(path)).relative_to(root)
    except ValueError:  # a folder named outright elsewhere: the user's choice
        return None
    step = root
    for part in relative.parts:
        step = step / part
        if step.is_symlink() and not inside(step, root):
            return step
    return None


def _static_problems(config: Config, static_name: str) -> list[str]:
    """Everything in the static folder is published: it may not be, hold or sit in the git
    repository (its config can hold a token), the issues or the templates."""
    static = resolved(config.static_path)
    published = _overlapping(static, _project_folders(config, "[build] static_dir", "[build] cache_dir"))
    if published:
        return [
            f"{static_name} {quoted(config.build.static_dir)} would publish {published}: "
            "use a folder of its own, such as 'static'"
        ]
    return []


def _logo_problems(config: Config) -> list[str]:
    """[theme] logo names an image file of the project, relative to digest.toml, outside the
    folders a build replaces or may delete. Whether the file is there, and what it is, is the
    build's to find (sources/assets.py): a logo deleted after a build still lets `digest list`
    list the issues, as stale."""
    name = config.theme.logo.strip()
    if not name:
        return []
    parts = urlsplit(name)
    if parts.scheme or parts.netloc:
        return [
            f"[theme] logo must name an image file in the project, not {quoted(name)}: save the logo "
            "beside digest.toml (or in the static folder) and name it there"
        ]
    candidate = os.path.normpath(config.root / name)
    if not _lexically_inside(candidate, config.root):
        return [f"[theme] logo {quoted(name)} leads out of the project folder: copy it in"]
    for folder, key in ((config.output_path, "output_dir"), (config.cache_path, "cache_dir")):
        if _lexically_inside(candidate, folder):
            return [
                f"[theme] logo {quoted(name)} is in the folder every build replaces ([build] {key}): "
                "keep the logo beside digest.toml or in the static folder"
            ]
    return []


def _lexically_inside(path: str | Path, folder: str | Path) -> bool:
    """Whether `path` is `folder` or in it, by their names alone (no link followed)."""
    normal, root = os.path.normpath(path), os.path.normpath(folder)
    return normal == root or normal.startswith(root.rstrip(os.sep) + os.sep)


def _project_folders(config: Config, *leaving_out: str) -> dict[str, Path]:
    """The project's own folders, resolved, by the name a problem gives them."""
    folders = {"the git repository": resolved(config.root / ".git")}
    for key in ("issues_dir", "templates_dir", "cache_dir", "static_dir"):
        folders[f"[build] {key}"] = resolved(config.root / getattr(config.build, key))
    return {name: folder for name, folder in folders.items() if name not in leaving_out}


def _overlapping(folder: Path, others: Mapping[str, Path]) -> str | None:
    """The name of the first of `others` that `folder` is, holds or sits in, where case and
    Unicode form are ignored too: 'Dist' as the cache beside the output 'dist' is one folder
    on macOS and Windows, which each build would empty of the other's files."""
    for name, other in others.items():
        if _nested(folder, other):
            return name
    for name, other in others.items():
        if _nested(_folded(folder), _folded(other)):
            return f"{name} (its name differs only in case or Unicode form: one folder on macOS and Windows)"
    return None


def _nested(folder: PurePath, other: PurePath) -> bool:
    return folder == other or other in folder.parents or folder in other.parents


def _folded(path: Path) -> PurePath:
    return PurePath(unicodedata.normalize("NFC", str(path)).casefold())


def _replaces(config: Config, output_name: str, what: str) -> str:
    return f"{output_name} {quoted(config.build.output_dir)} would replace {what}: use a separate folder"


def _folder_problems(config: Config, output_name: str) -> list[str]:
    """The output folder is replaced wholesale on every build: it must not hold or sit in
    the project's sources, and must be new, empty or a previous build. `output_name` is
    how the setting is named: [build] output_dir, or the option that gave it."""
    from digest.output.export import check_output_folder

    output = resolved(config.output_path)
    if output == config.root or output in config.root.parents:
        return [_replaces(config, output_name, "the project folder")]
    sources = _project_folders(config)
    # digest/, two folders above this file
    replaced = _overlapping(output, {**sources, "digest's own code": resolved(Path(__file__)).parent.parent})
    if replaced:
        return [_replaces(config, output_name, replaced)]
    try:
        check_output_folder(config.output_path)
    except DigestError as error:
        return [f"{output_name}: {error.message}"]
    return []
