"""The files an issue uses besides its text: images, and files its reviews link to (a PDF,
a recording), found where the editor put them.

A review names them as Markdown does (`![what it shows](figure.png)`, `[the paper](paper.pdf)`),
as raw HTML, or as its front matter's `image:`; issue.md's introduction and link items do
the same, and `[theme] logo` names the site's logo. A relative name is looked for beside
the review, then in the issue folder, then in the site-wide static folder; a name starting
with `/`, or an address under [site] base_url, in the static folder only. A name that
leads out of those folders is refused, and every file is read as hostile input (inside its
folder, a regular file, no larger than [build] max_asset_bytes).

Nothing here decodes an image: a use is resolved to a file and that file's digest, which
the issue's loading already computed (or the static folder's walk did).
"""

from __future__ import annotations

import difflib
import errno
import hashlib
import html
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urlsplit

from digest.config import Config, setting_line
from digest.errors import ContentError, DigestError, printable, quoted, shortened
from digest.files import (
    UNREADABLE,
    FoundFile,
    Listings,
    MissingFile,
    PassedOver,
    ReplacedFile,
    changed_while_read,
    project_of,
    read_source,
    spelled_as_stored,
    walk,
)
from digest.model import Issue, Review
from digest.render.html import tag_attributes, tags

# Files a review may show as an image (Pillow decodes them; see render/images.py).
IMAGE_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".jfif", ".gif", ".webp", ".avif", ".heic", ".heif", ".bmp", ".tif", ".tiff"}
)
# Files that are neither reviews nor issue.md: named as such when listed, or left unused.
BINARY_SUFFIXES = IMAGE_SUFFIXES | frozenset(
    {".svg", ".pdf", ".mp3", ".m4a", ".ogg", ".oga", ".wav", ".flac", ".mp4", ".m4v", ".webm", ".mov",
     ".zip", ".gz", ".tgz", ".epub", ".ico", ".csv", ".xlsx", ".docx", ".pptx", ".odt", ".ods"}
)  # fmt: skip
SOURCE_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mdx", ".txt", ".rst", ".qmd", ".rmd"})


@dataclass(frozen=True)
class LocalFile:
    """A file the build publishes: where it lies, the folder it must stay in, and its digest."""

    path: Path
    folder: Path
    shown: str  # its name in messages: relative to the project
    digest: str
    size: int

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower()

    @property
    def is_image(self) -> bool:
        return self.suffix in IMAGE_SUFFIXES

    def read(self, max_bytes: int) -> bytes:
        """The file's bytes, which must still be those its digest was taken of."""
        try:
            data = read_source(self.path, self.folder, max_bytes, "file", "[build] max_asset_bytes")
        except MissingFile:
            raise ContentError(_GONE, self.path) from None
        if hashlib.sha256(data).hexdigest() != self.digest:
            raise ContentError("the file changed while the build read it: build again", self.path)
        return data


@dataclass(frozen=True)
class Use:
    """One place a file or a remote image is used: in which source, at which line, as what."""

    source: Path  # the review, issue.md or digest.toml it is written in
    url: str  # as the rendered HTML (unescaped) or the front matter has it
    role: str  # "inline" (an <img>), "link" (an <a href>), "cover", "cover-dark" or "logo"
    line: int | None = None
    alt: str | None = None  # an inline image's alt attribute; None when it has none
    file: LocalFile | None = None  # None: a remote image, by its http(s) address

    @property
    def is_image(self) -> bool:
        return self.role != "link"


@dataclass(frozen=True)
class IssueAssets:
    """Every use of a file or a remote image in one issue, in the order written."""

    uses: tuple[Use, ...]

    def files(self) -> list[LocalFile]:
        return list({use.file.digest + use.file.shown: use.file for use in self.uses if use.file}.values())


@dataclass(frozen=True)
class StaticFolder:
    """The site-wide static folder as one build read it: every file's bytes and digest."""

    folder: Path
    files: Mapping[str, LocalFile] = field(default_factory=dict)  # by name relative to the folder
    contents: Mapping[str, bytes] = field(default_factory=dict)
    # Hidden names, never published: a use naming one is refused, so a build must see
    # one appear or go as it sees a file do.
    hidden: tuple[str, ...] = ()

    @property
    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        for name in sorted(self.files):
            digest.update(f"{name}\0{self.files[name].digest}\n".encode())
        for name in self.hidden:  # not refused for a name that is not UTF-8: kept as its bytes
            digest.update(b"\2" + os.fsencode(name) + b"\n")
        return digest.hexdigest()


# Found by the build, then gone before it read the file: not a wrong name, a file moved
# or deleted while the build ran (a sync tool, an editor saving, a second command).
_GONE = "was removed or renamed while the build was reading it: build again once nothing is moving files"

# No site needs more; the output tree is handled folder by folder, and thousands deep it
# would take every frame Python has.
MAX_STATIC_DEPTH = 32


# As an issue's folder is (sources/issue.py): a file found moved or replaced as the walk
# reads it (an editor's save) has the folder walked again, a few times, before it is refused.
STATIC_WALK_ATTEMPTS = 3


class _MovedMeanwhile(Exception):
    """A static file the walk listed was removed, renamed or replaced before it was read."""


def read_static(config: Config) -> StaticFolder:
    """Every file of the static folder (none when it is absent), read once and hashed."""
    for attempt in range(1, STATIC_WALK_ATTEMPTS + 1):
        try:
            return _read_static(config, settled=attempt == STATIC_WALK_ATTEMPTS)
        except _MovedMeanwhile:
            continue
    raise AssertionError("the last attempt never raises _MovedMeanwhile")


def _read_static(config: Config, settled: bool) -> StaticFolder:
    """One walk of the static folder; unless `settled`, _MovedMeanwhile where a file it
    listed was moved or replaced before it was read."""
    folder = config.static_path
    if not folder.is_dir():  # a link out of the project is refused with the settings
        return StaticFolder(folder)
    _refuse_unlisted(folder, "the static folder")  # a walk passes over it: the site would lack every file
    files: dict[str, LocalFile] = {}
    contents: dict[str, bytes] = {}
    hidden: list[str] = []
    for found in walk(str(folder), within=project_of(config.root, config.static_path)):
        if _hidden(found.name):  # .DS_Store, .gitkeep: a tool's, not the site's
            hidden.append(found.name)
        elif isinstance(found, PassedOver):
            _refuse_unpublishable(config, found)
        else:
            data = _static_bytes(config, found, settled)
            digest = hashlib.sha256(data).hexdigest()
            path = Path(found.path)
            files[found.name] = LocalFile(path, folder, _shown(config, path), digest, len(data))
            contents[found.name] = data
    return StaticFolder(folder, files, contents, tuple(sorted(hidden)))


def _hidden(name: str) -> bool:
    return name.startswith(".") or "/." in name


def _static_bytes(config: Config, found: FoundFile, settled: bool = True) -> bytes:
    """A static file's bytes, where its place and name can be published (see _read_static)."""
    if found.name.count("/") > MAX_STATIC_DEPTH:
        raise ContentError(
            f"this static file is {found.name.count('/')} folders deep, more than the "
            f"{MAX_STATIC_DEPTH} digest publishes: move it up",
            found.path,
        )
    if not _is_utf8(found.name):
        raise ContentError(
            "this static file's name is not UTF-8, so no web address can name it: rename it", found.path
        )
    if unshown := _UNSHOWN_IN_NAMES.search(found.name):
        raise ContentError(
            f"this static file's name holds {printable(unshown.group(0))}, a character no one can "
            "see or type in an address (a control character, a line break or a direction "
            "override): rename it",
            found.path,
        )
    if windows := _windows_cannot_make(found.name):
        raise ContentError(
            f"this static file's name holds {windows}, so the output could not be checked out, copied "
            "or served there: rename it",
            found.path,
        )
    try:
        return read_source(
            found.path,
            config.static_path,
            config.build.max_asset_bytes,
            "static file",
            "[build] max_asset_bytes",
            found.identity,
        )
    except (MissingFile, ReplacedFile) as moved:
        if not settled:
            raise _MovedMeanwhile from None
        if isinstance(moved, ReplacedFile):
            raise
        raise ContentError(_GONE, found.path) from None


def _refuse_unlisted(folder: Path | str, what: str) -> None:
    """Refuse by name a folder of the static files that cannot be listed."""
    try:
        with os.scandir(folder):
            pass
    except OSError as exc:
        raise ContentError(f"cannot list {what} ({exc.strerror}): check its permissions", folder) from None


def _refuse_unpublishable(config: Config, found: PassedOver) -> None:
    """Everything in the static folder is published: what the walk passed over (a pipe, a
    device, a link out of the folder or to nothing) is refused by name, never left out
    without a word. An empty folder is nobody's site."""
    path = found.path
    _refuse_past_the_path_limit(found)
    if os.path.isdir(path) and not os.path.islink(path):  # empty, or not to be listed
        _refuse_unlisted(path, "this folder of the static folder")
        return
    if not os.path.islink(path):
        problem = "is not a regular file (a pipe, a socket or a device), so it cannot be published"
    elif not os.path.exists(path):
        problem = f"is a link to nothing ({os.readlink(path)}), so it cannot be published"
    elif os.path.isdir(path):
        problem = "is a link to a folder, and digest never follows one: copy the folder in"
    else:
        problem = (
            f"is a link to {os.path.realpath(path)}, outside {config.build.static_dir}/, and digest "
            "publishes only the static folder's own files: copy the file in"
        )
    raise ContentError(f"{problem}{'' if ':' in problem else ': remove it or make it a file'}", path)


def _refuse_past_the_path_limit(found: PassedOver) -> None:
    """A folder the walk could not list because its path is past the system's limit (4,096
    bytes on Linux) is not 'a pipe, a socket or a device': it is named as too deep (at the
    first level past MAX_STATIC_DEPTH, not by a path of thousands of characters) or too long."""
    parts = found.name.split("/")
    if len(parts) > MAX_STATIC_DEPTH + 1:
        beyond = len("/".join(parts[MAX_STATIC_DEPTH + 1 :])) + 1
        raise ContentError(
            f"this folder of the static folder is {MAX_STATIC_DEPTH + 1} folders deep and holds more "
            f"({len(parts) - 1} deep at least), more than the {MAX_STATIC_DEPTH} digest publishes: "
            "move its files up",
            found.path[:-beyond],
        )
    try:
        os.lstat(found.path)
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise ContentError(
                f"this path is {len(os.fsencode(found.path)):,} bytes long, past the {_path_limit():,} "
                "the system lets a program open: shorten its folders' names or move it up",
                found.path,
            ) from None


def _path_limit() -> int:
    try:
        return os.pathconf("/", "PC_PATH_MAX")
    except (OSError, ValueError):
        return 4096


def refuse_clashes(static: StaticFolder, own: Iterable[str]) -> None:
    """A static file may not stand where one of digest's `own` outputs does: the same name,
    a name that differs only in case (one replaces the other where case is ignored, as on
    macOS and Windows, and on the web servers that run there), or a file where a folder
    must be. Static files may not clash so with each other either."""
    files: dict[str, tuple[str, str]] = {}  # folded name -> (name, how a problem names it)
    folders: dict[str, str] = {}
    for name in own:
        _claim(files, folders, name, f"digest's own {name}")
    for name in sorted(static.files):
        if problem := _clash(files, folders, name):
            raise ContentError(problem, static.folder / name)
        _claim(files, folders, name, f"the static file {name}")


def _clash(files: Mapping[str, tuple[str, str]], folders: Mapping[str, str], name: str) -> str | None:
    key = _folded(name)
    if key in files:
        other, shown = files[key]
        what = "would replace" if other == name else f"differs only in {_difference(name, other)} from"
        return f"{what} {shown}: rename the file or move it into a folder"
    if key in folders:
        return f"would stand where {folders[key]} needs a folder: rename the file"
    for folder in _folders_of(name):
        if _folded(folder) in files:
            return f"needs a folder {folder}/ where {files[_folded(folder)][1]} is a file: rename the folder"
    return None


def _claim(files: dict[str, tuple[str, str]], folders: dict[str, str], name: str, shown: str) -> None:
    files.setdefault(_folded(name), (name, shown))
    for folder in _folders_of(name):
        folders.setdefault(_folded(folder), shown)


def _folded(name: str) -> str:
    """`name` as a file system that ignores case and Unicode form (macOS) sees it."""
    return unicodedata.normalize("NFC", name).casefold()


def _difference(name: str, other: str) -> str:
    same_form = unicodedata.normalize("NFC", name) == unicodedata.normalize("NFC", other)
    return "Unicode form (one written composed, one decomposed)" if same_form else "case"


def _folders_of(name: str) -> list[str]:
    parts = name.split("/")
    return ["/".join(parts[:end]) for end in range(1, len(parts))]


# Characters a published name may not hold: controls and line breaks (which break the
# scripts that upload a site, and show as nothing) and direction overrides.
# Names Windows gives its devices, an extension after them or not (nul.txt is nul).
WINDOWS_DEVICES = re.compile(r"con|prn|aux|nul|com[0-9]|lpt[0-9]", re.IGNORECASE)


def _windows_cannot_make(name: str) -> str | None:
    """The part of a static file's name Windows cannot make a file or folder of, and why;
    None where there is none. Published under that name, the output could not be checked
    out, copied or served there (issue ids follow the same rule)."""
    for part in name.split("/"):
        if WINDOWS_DEVICES.fullmatch(part.split(".", 1)[0]):
            return f"'{printable(shortened(part))}': Windows keeps the name for a device (with any extension)"
        if part.endswith((".", " ")):
            return f"'{printable(shortened(part))}': Windows drops a name's last dot or space"
        if reserved := _WINDOWS_RESERVED.search(part):
            return f"'{printable(shortened(part))}': Windows allows no '{reserved.group(0)}' in a name"
    return None


# What Windows allows in no file name (':' also names a stream of a file there, and macOS's
# Finder shows it as '/'); control characters are refused apart (_UNSHOWN_IN_NAMES).
_WINDOWS_RESERVED = re.compile(r'[<>:"|?*\\]')


_UNSHOWN_IN_NAMES = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _is_utf8(name: str) -> bool:
    """Whether a name read from the file system is UTF-8 (Python escapes other bytes as surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _shown(config: Config, path: Path) -> str:
    try:
        return path.relative_to(config.root).as_posix()
    except ValueError:
        return str(path)


# --- finding the uses ------------------------------------------------------------------


@dataclass(frozen=True)
class Written:
    """A reference as written, before it is resolved; `markdown` is the text it was rendered
    from (an image's missing alt text is told apart from a decorative one there)."""

    source: Path
    url: str
    role: str
    alt: str | None = None
    markdown: str = ""


def written_in(issue: Issue, *, drafts: bool = False) -> list[Written]:
    """Every image and link of the issue's texts: issue.md's introduction and link items,
    then each review's front matter image and body, in the issue's order (with `drafts`,
    the drafts left out of the build too)."""
    issue_file = issue.path / "issue.md"
    found = list(_in_html(issue_file, issue.intro_html, issue.intro))
    for link in issue.links:
        found.extend(_in_html(issue_file, link.comment_html, link.comment))
    for review in (*issue.reviews, *(issue.drafts if drafts else ())):
        found.extend(_in_review(review))
    return found


def _in_review(review: Review) -> Iterator[Written]:
    if review.image:
        yield Written(review.path, review.image, "cover", review.image_alt)
    if review.image_dark:
        yield Written(review.path, review.image_dark, "cover-dark", review.image_alt)
    yield from _in_html(review.path, review.html, review.body)


_IMAGES_AND_LINKS = frozenset({"img", "a"})


def _in_html(source: Path, markup: str, markdown: str) -> Iterator[Written]:
    """The images the HTML shows, then the files it links to."""
    found = [
        (tag.group("tag").lower(), tag_attributes(tag.group(0)))
        for tag in tags(markup, _IMAGES_AND_LINKS)
        if tag.group("tag")
    ]
    for name, attributes in found:
        if name == "img" and attributes.get("src"):
            yield Written(source, attributes["src"], "inline", attributes.get("alt"), markdown)
    for name, attributes in found:
        href = attributes.get("href") if name == "a" else None
        if href and _local_file_name(href):
            yield Written(source, href, "link")


def _local_file_name(url: str) -> bool:
    """A link to a file of the project: relative or root-relative, naming a file with a suffix
    that is not a text digest reads itself (links to pages are the link check's to judge)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path or parts.path.endswith("/"):
        return False
    suffix = PurePosixPath(unquote(parts.path)).suffix.lower()
    return bool(suffix) and suffix not in SOURCE_SUFFIXES and suffix not in (".html", ".htm")


def names_used(issue: Issue) -> set[str]:
    """The names (relative to the issue folder) of the issue's own files its texts use, its
    drafts' included: these are assets, never "unlisted reviews"."""
    used, listed = set(), Listings()
    for written in written_in(issue, drafts=True):
        parts = urlsplit(written.url.strip())
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
            continue
        for folder in (written.source.parent, issue.path):
            candidate = _existing(folder, unquote(parts.path), issue.path, listed)
            if candidate is not None:
                used.add(candidate.relative_to(issue.path).as_posix())
                break
    return used


def _spellings(name: str) -> Iterator[str]:
    """`name` as written, then composed and decomposed: macOS stores 'café' decomposed,
    an editor types it composed, and both are the same name to them."""
    yield from dict.fromkeys((name, unicodedata.normalize("NFC", name), unicodedata.normalize("NFD", name)))


def _existing(folder: Path, name: str, within: Path, listed: Listings | None = None) -> Path | None:
    """The path `name` (in any of its spellings) names in `folder`, when it exists inside `within`
    (`listed`: the folders listed so far in this pass)."""
    for spelling in _spellings(name):
        candidate = Path(os.path.normpath(folder / spelling))
        # Found only as a case-insensitive system finds it ('Chart.png' for chart.png) is not
        # found: Linux would not find it.
        if (
            _lexically_inside(candidate, within)
            and os.path.lexists(candidate)
            and spelled_as_stored(candidate, within, listed)
        ):
            return candidate
    return None


def unused_file_notice(path: Path) -> str | None:
    """What to say of a file beside the reviews that is neither listed nor used, when it is
    no text (None: the usual notice, to list it as a review)."""
    suffix = path.suffix.lower()
    if suffix not in BINARY_SUFFIXES:
        return None
    what = "an image" if suffix in IMAGE_SUFFIXES else "a file"
    show = f"![what it shows]({path.name})" if suffix in IMAGE_SUFFIXES else f"[its title]({path.name})"
    return f"{path}: {what} no review uses, left out; use it from a review with {show}, or delete it"


# --- resolving them --------------------------------------------------------------------


_EMPTY_ALT = re.compile(r"!\[\s*\]\(\s*<?(?P<url>[^)\s>]*)")


class Resolver:
    """Finds the files uses name: beside the review, in the issue folder, in the static folder."""

    def __init__(self, config: Config, static: StaticFolder) -> None:
        self.config = config
        self.static = static
        self.limit = config.build.max_asset_bytes
        base = urlsplit(config.site.base_url)
        self._site = (base.netloc.lower(), base.path)
        self._listed = Listings()  # the issue's folders, listed once for all its uses

    def issue_assets(self, issue: Issue, digests: Mapping[str, str]) -> IssueAssets:
        """Every use in the issue resolved; `digests` are the issue folder's file digests by
        name (as loading the issue took them). Raises ContentError naming the source and line."""
        uses, self._listed = [], Listings()
        for written in written_in(issue):
            use = self.resolve(written, issue.path, digests)
            if use is not None:
                uses.append(use)
        return IssueAssets(tuple(uses))

    def logo(self) -> Use | None:
        """The site's logo ([theme] logo, relative to digest.toml), or None."""
        name = self.config.theme.logo.strip()
        if not name:
            return None
        settings = self.config.settings_file
        written = Written(settings, name, "logo", self.config.theme.logo_alt or self.config.site.title)
        # Its name was judged as the settings were loaded (config/folders.py): in the project, outside
        # the output and the cache. The file is read as hostile input, as every other is.
        candidate = Path(os.path.normpath(self.config.root / name))
        if not os.path.lexists(candidate) or not spelled_as_stored(candidate, self.config.root):
            raise self._error(
                written, f"[theme] logo {quoted(name)} not found in {self.config.root}: check the name"
            )
        file = self._local(written, candidate, self.config.root, {})
        return Use(settings, name, "logo", setting_line(settings, "theme", "logo"), written.alt, file)

    def resolve(self, written: Written, issue_folder: Path, digests: Mapping[str, str]) -> Use | None:
        """The use of a reference, or None when it names no file of the project (a page, an anchor)."""
        url = written.url.strip()
        parts = urlsplit(url)
        if written.role == "inline":
            self._check_alt(written)
        if parts.scheme.lower() in ("http", "https") and parts.netloc:
            if written.role == "link":
                return None
            name = self._own_site_name(parts.netloc, parts.path)
            file = self.static.files.get(name) if name is not None else None
            return Use(written.source, written.url, written.role, None, written.alt, file)
        if parts.scheme or parts.netloc or not parts.path:
            if written.role == "link":
                return None
            raise self._error(
                written,
                f"image {quoted(url)} is neither a file of the project nor an http(s) address: "
                "name a file beside the review, or an image online",
            )
        name = unquote(parts.path)
        found = self._find(written, name, issue_folder, digests)
        if found is None:
            # Beside a review's page the build writes no file: one its relative link names is
            # one of the project's, missing. A link of issue.md may name the issue's own
            # email.eml, a link from the root the site's feed.xml.
            if written.role == "link" and (
                name.startswith("/") or written.source == issue_folder / "issue.md"
            ):
                return None  # the link check names it
            raise self._error(written, self._not_found(written, name, issue_folder, list(digests)))
        return Use(written.source, written.url, written.role, None, written.alt, found)

    def _check_alt(self, written: Written) -> None:
        if written.alt is None:
            raise self._error(
                written,
                f'image {quoted(written.url)} has no alt text: describe what it shows (alt="..."), or write '
                'alt="" if it is decoration',
            )
        if written.alt.strip():
            return
        for match in _EMPTY_ALT.finditer(written.markdown):
            if match.group("url") in (written.url, unquote(written.url)):
                raise self._error(
                    written,
                    f"image {quoted(written.url)} has no alt text: describe what it shows in the brackets, "
                    f"![what it shows]({match.group('url')}); for a decorative image write "
                    f'<img src="{match.group("url")}" alt="">',
                )

    def _own_site_name(self, netloc: str, path: str) -> str | None:
        site_netloc, site_path = self._site
        if netloc.lower() != site_netloc or not path.startswith(site_path):
            return None
        return unquote(path[len(site_path) :])

    def _find(
        self, written: Written, name: str, issue_folder: Path, digests: Mapping[str, str]
    ) -> LocalFile | None:
        if name.startswith("/"):
            return self._in_static(written, name.lstrip("/"))
        for folder in dict.fromkeys((written.source.parent, issue_folder)):
            candidate = _existing(folder, name, issue_folder, self._listed)
            if candidate is not None:
                return self._local(written, candidate, issue_folder, digests)
        return self._in_static(written, name)

    def _in_static(self, written: Written, name: str) -> LocalFile | None:
        normal = os.path.normpath(name)
        if normal.startswith("..") or os.path.isabs(normal):
            raise self._error(
                written,
                f"{quoted(written.url)} leads out of the issue folder and {self.config.build.static_dir}/: "
                "digest publishes only files inside them; copy the file in",
            )
        for spelling in _spellings(normal):
            if spelling in self.static.files:
                return self.static.files[spelling]
        candidate = self.static.folder / normal
        # left out of the walk: a link out, a pipe, a hidden file (not one spelled otherwise in case)
        if os.path.lexists(candidate) and spelled_as_stored(candidate, self.static.folder):
            try:
                read_source(candidate, self.static.folder, self.limit, "file", "[build] max_asset_bytes")
            except DigestError as error:
                raise self._error(written, f"{quoted(written.url)}: {error.problem}") from None
            raise self._error(
                written, f"{quoted(written.url)} names a hidden file of the static folder: rename it"
            )
        return None

    def _local(self, written: Written, path: Path, folder: Path, digests: Mapping[str, str]) -> LocalFile:
        name = path.relative_to(folder).as_posix()
        what = "file" if written.role == "link" else "image"
        digest = digests.get(name, "")
        try:
            size = os.lstat(path).st_size
            if not re.fullmatch(r"[0-9a-f]{64}", digest) or size > self.limit:
                # not hashed with the issue, or over the limit: reading it says why (or hashes it)
                data = read_source(path, folder, self.limit, what, "[build] max_asset_bytes")
                if digest == UNREADABLE:  # its bytes are in no key the issue was read under
                    raise ContentError(changed_while_read(digest), path)
                digest, size = hashlib.sha256(data).hexdigest(), len(data)
        except DigestError as error:
            raise self._error(written, f"{what} {quoted(written.url)}: {error.problem}") from None
        except OSError as error:
            raise self._error(
                written, f"cannot read {what} {quoted(written.url)} ({error.strerror})"
            ) from None
        return LocalFile(path, folder, _shown(self.config, path), digest, size)

    def _not_found(self, written: Written, name: str, issue_folder: Path, issue_files: list[str]) -> str:
        kind = {"cover": "front matter image", "cover-dark": "front matter image_dark", "link": "file"}.get(
            written.role, "image"
        )
        known = [*issue_files, *self.static.files]
        same_but_case = [each for each in known if each.casefold() == name.casefold()]
        meant = same_but_case or difflib.get_close_matches(name, known, n=1, cutoff=0.8)
        hint = f"did you mean {quoted(meant[0])}? " if meant else ""
        whole = unquote(written.url.strip())
        if whole != name and whole in known:  # 'a#b.png': an address ends its path at '#' or '?'
            hint = (
                f"in an address '#' and '?' end the name: write {quoted(quote(whole))} for the "
                f"file {quoted(whole)}; "
            )
        static = self.config.build.static_dir
        if written.source == issue_folder / "issue.md":  # the introduction: no review to be beside
            return (
                f"{kind} {quoted(name)} not found in {issue_folder.name}/ or in {static}/: "
                f"{hint}check the name, or put the file in {issue_folder.name}/"
            )
        return (
            f"{kind} {quoted(name)} not found beside the review, in {issue_folder.name}/ or in "
            f"{static}/: {hint}check the name, or put the file beside the review"
        )

    def _error(self, written: Written, message: str) -> ContentError:
        if written.role == "logo":  # a setting: its line, not the first place its value is written
            return ContentError(message, written.source, setting_line(written.source, "theme", "logo"))
        return ContentError(message, written.source, line_of_use(written.source, written.url))


def _lexically_inside(path: Path, folder: Path) -> bool:
    normal, root = os.path.normpath(path), os.path.normpath(folder)
    return normal == root or normal.startswith(root.rstrip(os.sep) + os.sep)


MAX_SOURCE_BYTES = 50_000_000


def line_of(use: Use) -> int | None:
    """The line a use is written on: known already for a setting (the logo), else searched for."""
    return use.line if use.line is not None else line_of_use(use.source, use.url)


def line_of_use(source: Path, url: str) -> int | None:
    """The line of `source` where `url` is written (as written, or percent-decoded)."""
    try:
        text = read_source(source, source.parent, MAX_SOURCE_BYTES).decode("utf-8-sig", errors="replace")
    except DigestError:
        return None
    for needle in dict.fromkeys((url, unquote(url), html.escape(url, quote=False))):
        index = text.find(needle)
        if index >= 0:
            return text.count("\n", 0, index) + 1
    return None
