"""Random edits of a project, for the differential tests of incremental builds and of
`digest list` (tests/test_incremental.py).

`Fuzz` holds a copy of the demo project grown so every kind of edit has something to act
on: two reviews of the same size, a neighbouring issue with a cover picture and a review
dated ambiguously, a logo, a static folder and every toggled setting written out. Each
step makes one random edit and says what it did; a failing sequence is the list of those
lines, replayed by the same seed. Besides the edits of reviews and issue files, steps
change settings that shape outputs, the static folder, the logo, template overrides (as
files, and as links beside the templates or out of their folder), a review's shape under
a new name, an issue folder's name, a review made a link to a copy, and the dates of
sources, of the output and of the kept output (1970, 2000, 2100), which nothing may trust.
Round 7 added: reviews reordered in issue.md, a mode change that touches only the ctime, a
review moved to the other issue, digest.toml laid out anew (comments, dotted keys, its
sections reordered), a review renamed to differ only in case, and, for one build at a
time, a pipe, a folder, an empty-folder override or a stray file where names are looked
up (among them one shadowing an image the static folder holds).
Round 8 added: a review renamed between a composed and a decomposed spelling of an accented
name (as macOS writes names), the older issue's covers given each other's bytes with their
dates put back, a setting given any value (hostile ones too: nan, huge numbers, the wrong
type, an empty string), an override that includes a chain of partials, one of which is
edited with its date put back, the older issue's folder renamed, and a review copied into
the other issue under the same name.
Round 9 added: a review replaced by a symbolic or hard link to another review (the other
then edited through it), a file the walk cannot open that opens a moment later, an edit
made while a build runs (between the walk and the reading of the reviews), a review
truncated to nothing for a build and refilled at its old size and date, the settings that
shape only what is read and cached (max_review_bytes, cache_dir), two static files of one
size swapped, the output edited by hand (bytes, a date, a stray file, a link), the cache
folder partly deleted or overwritten, and dates before 1970 and in year 3000.
Round 10 added, mostly for one build: case-only renames of an image, a static file and the
older issue's folder (built by its old spelling); two same-size files swapped by renames with
each name's dates put back; same-size edits with the date put back in the static folder, the
logo, an override and digest.toml; links out of the project (a review, a stray file, a static
file, an override, an issue folder, the templates folder) appearing and disappearing; pipes,
sockets and character devices among an issue's, the static folder's and the templates' files
and as a listed review; names of 255 bytes; names holding control characters, a line break
or bytes that are not UTF-8 (stray, static, listed); an immutable output folder (the build
stops, one line) and an immutable file in it (the build goes on).
Round 11 added: two same-size reviews of one name swapped by renames across the issue
folders with their dates put back; an image replaced by another of its exact weight (other
pixels, other dimensions); a review or an image made a link to the other issue's file; a
folder where a file is looked for and a file where a folder is (issue.md, a review, an
image, digest.toml; the static, templates, an issue's and the issues folder); [site]
language switched among translated, right-to-left and untranslated languages; a name
beside its twin in the other Unicode form; a review deleted for a build and restored as git
or a backup does; same-size edits dated before they were (a clock set back); a device put
in a large unlisted file's place once the walk found it; an immutable cache folder and a
pipe named as the cache's rollback journal; a build allowed no file over a few kilobytes
(RLIMIT_FSIZE, as a full disk); a build stopped by Ctrl+C at a moment of its export.
Round 12 added: a link to itself (a loop) for one build where a review, a picture, a static
file, an override or a folder (an issue's, the static, templates or issues folder) is looked
up; the two issues' folders exchanged by renames; an older copy of the cache folder put back
over the newer one, and the output folder moved aside and later moved back over a newer
output; a picture cut short with its date put back; a source chmod 000 during a build, and
a folder that may not be searched or listed (an issue's, the issues, templates, static, cache
or output folder) during one.
Round 13 added: a review, a picture or a static file made a link out of the project (or to
the settings) once the walk found it, and nothing it leads to in the output; a review saved
with a byte order mark or Windows line ends, or for one build as UTF-16, Latin-1 or with a
NUL; a review's front matter respelled with the same values (a flow list, quoted strings,
comments, an anchor and its alias), or for one build an alias bomb, lists nested 200 deep or
300,000 keys.
Round 14 added: a folder above the files a walk found (an issue's, the static or the
templates folder) made a link to a copy outside the project as the walk began or once it
listed the folder, and put back when that walk ended, and nothing of the copy in the output or the cache.
Round 15 added: issue.md's introduction changed in its whitespace alone (line ends, spaces, a
blank line, the last line end); an image two reviews show, built, then given other pixels of
its weight with its date put back; a review's front matter alone changed (date, updated,
tags, author, slug, draft) with the feeds listing reviews or issues; a review said to be in
another language, dated in its month names; links into and out of what a build makes (another
issue, an anchor, the archive, a feed, a static file, a 127.0.0.x address); an override that is
the theme's file copied with its dates (whose compiled code digest keeps), edited with its date
put back or deleted; a build in another time zone (TZ) or with the clock moved; a build with
another version of the libraries or of digest's code in the cache keys; two `digest build`
processes at once; a `digest build` process killed (SIGKILL) after a while or at its Nth file
operation; bits of build.sqlite3 flipped. ROUND_15 lists them; WEIGHTED_15 draws them as often
as all the others together (`Fuzz(kinds=...)`).
Round 16 added: build.sqlite3 damaged where only a later build reads it (a value cut short, a
page zeroed, the WAL of a writer killed before closing, whole, cut mid-frame or with bits
flipped, a folder or a link in the database's place); a `digest build` process sent SIGKILL,
SIGTERM or SIGINT at the Nth file operation of its main process, N and the signal drawn from
the seed (SIGNALLED_AT). ROUND_16 lists them, WEIGHTED_16 weights them up. The sequences with
the link checker on are tests/linkfuzzing.py's.
Round 18 added the files a site keeps beside its posts, which a review only names (an authors
file as Docusaurus, MkDocs Material, JSON or a data folder keep it, one file a person, a tags
file, a Nikola `.meta` sidecar, Jekyll's detached front matter), written, edited with size and
date kept, moved among their places by renames or removed; a review linked by another by file
name, then retitled, given a slug or made a draft alone; a file a review links (a PDF, beside it
or in a folder) changed with size and date kept, its folder renamed with the link, or removed for
a build; editors' leftovers (swap, backup, lock and autosave files, .DS_Store, Thumbs.db) in an
issue, the static folder and the templates; [site] base_url, postal_address, description and
author, [theme] font_stack and [email] https_only; a JPEG whose EXIF orientation turns it (one
byte, size and date kept) and an animated GIF, each given other pixels of its weight; a dark
variant (`image_dark`) added, taken out or repainted; a review moved into a folder of its issue
(a page bundle) and out by renames, its dates kept; sources saved unchanged by an atomic save or
touched; and, for one build, the issues folder renamed with `[build] issues_dir`. ROUND_18
lists them; WEIGHTED_18 draws them as often as all others (WEIGHTED_15 and WEIGHTED_16 leave
them out, so their seeds replay as they did).
"""

from __future__ import annotations

import contextlib
import errno
import io
import itertools
import os
import random
import re
import shutil
import stat
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from click.testing import Result

from digest.output.export import MARKER
from digest.output.lostpages import NEW_FEED_ID, NO_LONGER_WRITTEN
from digest.start import INTERRUPTED
from tests.conftest import REPO
from tests.test_cli import run, tree

NEWEST, OLDER, EXTRA = "issue-2025", "issue-2024", "issue-2026"
TWINS = ("twin-a.md", "twin-b.md")  # same size, different bytes
COVERED = "state-of-generative-models.md"  # the older issue's review with a cover picture
COVERS = ("cover.png", "cover-b.png")  # the older issue's two cover pictures, of one size
FILLERS = [f"old-{n:02}" for n in range(1, 9)]  # enough issues to be parsed on every core
ELSEWHERE = "https://elsewhere.example.org/"
OTHER_CACHE = ".digest-cache-b"  # [build] cache_dir's other value
IGNORED = shutil.ignore_patterns("dist", ".digest-cache", OTHER_CACHE)

# Overrides of the theme's templates that show more than the defaults: everything of the
# neighbouring issues' summaries, and of the issue itself. Each is (the theme's text to
# insert before, the text inserted).
SUMMARY = (
    "{{ n.id }}|{{ n.title }}|{{ n.date | iso_date }}|{{ n.subject }}|{{ n.preheader }}|{{ n.number }}|"
    "{{ n.tags | join(',') }}|{{ n.authors | join(',') }}|{{ n.links | map(attribute='title') | join(',') }}|"
    "{% for r in n.reviews %}{{ r.title }}/{{ r.slug }}/{{ r.word_count }}/{{ r.reading_time }}/"
    "{{ r.featured }}/{{ r.date | iso_date }}/{{ r.excerpt }}/{{ r.all_tags | join(',') }}/{{ r.image }};"
    "{% endfor %}"
)
WHOLE = (
    "{{ issue.title }}|{{ issue.subject }}|{{ issue.preheader }}|{{ issue.number }}|{{ issue.date | iso_date }}|"
    "{{ issue.tags | join(',') }}|{{ issue.featured.title if issue.featured else '' }}|"
    "{{ issue.drafts | map(attribute='title') | join(',') }}|"
    "{% for s in issue.sections %}[{{ s.title }}#{{ s.slug }}:{% for i in s.items %}{{ i.title }}"
    "{% if i.is_link %}@{{ i.url }}~{{ i.comment }}~{{ i.tags | join(',') }}{% else %}"
    "/{{ i.word_count }}/{{ i.reading_time }}{% endif %};{% endfor %}]{% endfor %}"
)
OVERRIDES: dict[str, tuple[str, str]] = {
    "issue.html.j2": (
        "{%- for section in issue.sections %}",
        f"<!-- {{% for n in [previous, next] %}}{{% if n %}}{SUMMARY}{{% endif %}}{{% endfor %}} {WHOLE} -->\n",
    ),
    "review.html.j2": ('<div class="body"', f"<!-- {WHOLE} {{{{ review.word_count }}}} -->\n"),
    "email.txt.j2": ('{{ _("In this issue") | upper }}', f"{WHOLE}\n\n"),
    "email.mjml.j2": (
        '<h2 class="section-title">{{ _("In this issue") }}</h2>',
        f'<p class="fuzz">{WHOLE}</p>\n',
    ),
    "feed_issue.html.j2": ('<h2>{{ _("In this issue") }}</h2>', f"<p>{WHOLE}</p>\n"),
    "archive.html.j2": (
        '<ul class="archive">',
        f"<!-- {{% for n in issues %}}{SUMMARY}{{% endfor %}} -->\n",
    ),
}

SETTINGS: dict[str, tuple[str, ...]] = {  # a setting's line, and the values it takes
    "entries": ('"issues"', '"reviews"'),
    "limit": ("20", "1"),
    "links_to": ('"review"', '"source"'),
    "utm": ("false", "true"),
    "accent": ('"#1d4ed8"', '"#b91c1c"'),
    "words_per_minute": ("220", "60"),
    "title": ('"The Digest"', '"Another Digest"'),
    "language": ('"en"', '"en-US"'),  # reads the ambiguous review date month first
    "service": ('"generic"', '"mailchimp"'),
    "id_prefix": ('"tag:digest.example.org,2025:"', '"tag:digest.example.org,2026:"'),
    "subscribe_url": ('"https://subscribe.example.org/the-digest"', '""'),
    "social": ("[]", '["https://social.example.org/@digest"]'),
    "excerpt_words": ("50", "8"),
    "max_image_bytes": ("1000000", "1000"),  # a warning naming the heaviest image
    "static_dir": ('"static"', '"static-elsewhere"'),
    "templates_dir": ('"templates"', '"theme"'),
    "reply_prompt": ('"Reply to this email: we read every answer."', '""'),
    "footer_text": ('""', '"A footer of our own."'),
    "logo_alt": ('""', '"Our logo"'),
    "accent_dark": ('"#93c5fd"', '"#fca5a5"'),
}
# `python -c` that runs digest as its command line does and kills itself (SIGKILL: nothing
# of it runs on, no handler, no clean-up) at the Nth call of a file operation (its first
# argument), wherever that falls: the cache's, the staging tree's, the swap, the record.
KILLED_AT = """
import os, signal, sys
left = [int(sys.argv.pop(1))]
def counted(real):
    def operation(*args, **options):
        left[0] -= 1
        if left[0] < 0:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **options)
    return operation
for name in ("open", "replace", "rename", "link", "unlink", "mkdir", "rmdir", "symlink", "utime"):
    setattr(os, name, counted(getattr(os, name)))
sys.argv[0] = "digest"
from digest.start import main
main()
"""
# KILLED_AT's kind, for round 16: the main process sends itself the signal given (SIGKILL,
# SIGTERM or SIGINT, as Ctrl+C does) once, at the Nth call of a file operation it makes (its
# forked workers' calls are not counted: they interleave with it as the scheduler says).
SIGNALLED_AT = """
import builtins, os, signal, sys
left, chosen, main_pid = [int(sys.argv.pop(1))], int(sys.argv.pop(1)), os.getpid()
# Ctrl+C as at a terminal: a shell that starts the tests in the background has them ignore SIGINT.
signal.signal(signal.SIGINT, signal.default_int_handler)
def counted(real):
    def operation(*args, **options):
        if os.getpid() == main_pid:
            left[0] -= 1
            if left[0] == -1:
                os.kill(main_pid, chosen)
        return real(*args, **options)
    return operation
for name in ("open", "replace", "rename", "link", "unlink", "mkdir", "rmdir", "symlink", "utime", "scandir", "fsync"):
    setattr(os, name, counted(getattr(os, name)))
builtins.open = counted(builtins.open)
sys.argv[0] = "digest"
from digest.start import main
main()
"""
AMBIGUOUS_DATE = "03/04/2025"  # 3 April, or 4 March with [site] language "en-US"
SKEWED_TIMES = (0, 946_684_800, 4_102_444_800, -315_619_200, 32_503_680_000)  # 1970, 2000, 2100, 1960, 3000
COMMANDS = (("build", NEWEST), ("build", OLDER), ("build", "--all"), ("build", EXTRA))


def png(colour: tuple[int, int, int], size: tuple[int, int] = (40, 30)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def png_of_size(colour: tuple[int, int, int], size: tuple[int, int], length: int) -> bytes | None:
    """A PNG of `size` pixels weighing exactly `length` bytes (a text chunk pads it before
    its end), or None where the picture alone weighs more."""
    import zlib

    data = png(colour, size)
    pad = length - len(data) - 12  # a chunk's length, type and CRC
    if pad < 2:
        return None
    body = b"tEXt" + b"k\0" + b"x" * (pad - 2)
    chunk = (pad).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")
    return data[:-12] + chunk + data[-12:]


def jpeg(colour: tuple[int, int, int], orientation: int) -> bytes:
    """A 40x30 JPEG, its left half `colour`, whose EXIF says it is turned by `orientation`."""
    from PIL import Image

    image = Image.new("RGB", (40, 30), (255 - colour[0], 255 - colour[1], 255 - colour[2]))
    image.paste(Image.new("RGB", (20, 30), colour), (0, 0))
    exif = Image.Exif()
    exif[0x0112] = orientation
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=90, exif=exif.tobytes())
    return buffer.getvalue()


def gif(colour: tuple[int, int, int]) -> bytes:
    """An animated GIF of two 20x20 frames, `colour` and its opposite, played for ever."""
    from PIL import Image

    frames = [Image.new("RGB", (20, 20), colour), Image.new("RGB", (20, 20), tuple(255 - c for c in colour))]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:], duration=200, loop=0)
    return buffer.getvalue()


def turn_jpeg(data: bytes, orientation: int) -> bytes | None:
    """`data` with its EXIF orientation's value byte set to `orientation` (one byte: the
    size is kept), or None where it has none."""
    for entry, at in ((b"\x01\x12\x00\x03\x00\x00\x00\x01\x00", 9), (b"\x12\x01\x03\x00\x01\x00\x00\x00", 8)):
        found = data.find(entry)
        if found >= 0:
            return data[: found + at] + bytes([orientation]) + data[found + at + 1 :]
    return None


def padded_to(data: bytes, length: int, kind: str) -> bytes | None:
    """A JPEG (a comment segment after its start) or a GIF (a comment extension before its
    trailer) padded to weigh exactly `length` bytes; None where it weighs too much."""
    pad = length - len(data)
    if kind == "jpg":
        if not 4 <= pad <= 65_537:
            return None
        return data[:2] + b"\xff\xfe" + (pad - 2).to_bytes(2, "big") + b"x" * (pad - 4) + data[2:]
    left = pad - 3  # the extension's introducer, its label and its ending block
    if left < 2 or data[-1:] != b";":
        return None
    blocks = b""
    while left:
        take = min(256, left)
        if left - take == 1:  # a block costs two bytes at least
            take -= 1
        blocks += bytes([take - 1]) + b"c" * (take - 1)
        left -= take
    return data[:-1] + b"\x21\xfe" + blocks + b"\x00;"


def keep_date(path: Path, change: Callable[[], None]) -> None:
    """Run `change` on `path` and put its modification date back as it was."""
    before = os.stat(path)
    change()
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def same_size_edit(path: Path, rng: random.Random) -> bool:
    """Change one letter of the body (below the front matter) to another; False where none."""
    data = bytearray(path.read_bytes())
    body = data.rfind(b"---\n") + 4
    positions = [i for i in range(body, len(data)) if chr(data[i]).isalpha()]
    if not positions:
        return False
    index = rng.choice(positions)
    data[index] = ord("x") if data[index] != ord("x") else ord("y")
    keep_date(path, lambda: path.write_bytes(bytes(data)))
    return True


def copy_entry(source: str, destination: str) -> None:
    """A file copied with its dates; a pipe, a socket or a device made anew (copying one
    would wait for a writer, fail, or copy what the device gives)."""
    mode = os.lstat(source).st_mode
    if stat.S_ISFIFO(mode):
        os.mkfifo(destination)
    elif stat.S_ISSOCK(mode):
        make_socket(Path(destination))
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        os.mknod(destination, mode, os.lstat(source).st_rdev)
    else:
        shutil.copy2(source, destination)


def make_socket(path: Path) -> None:
    """A Unix socket's file at `path` (bound from its folder: a socket's path is short)."""
    import socket

    here = os.getcwd()
    listener = socket.socket(socket.AF_UNIX)
    try:
        os.chdir(path.parent)
        listener.bind(path.name)
    finally:
        os.chdir(here)
        listener.close()


def swap_keeping_dates(first: Path, second: Path) -> None:
    """Two files swapped by renames, each name given back the dates it had: only the bytes
    (and the inodes) tell the swap."""
    dates = [os.stat(path) for path in (first, second)]
    swap_by_rename(first, second)
    for path, before in zip((first, second), dates, strict=True):
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def flip_a_letter(path: Path, rng: random.Random) -> bool:
    """One ASCII letter anywhere in the file changed to another, its date put back."""
    data = bytearray(path.read_bytes())
    positions = [i for i, byte in enumerate(data) if chr(byte).isascii() and chr(byte).isalpha()]
    if not positions:
        return False
    index = rng.choice(positions)
    data[index] = ord("x") if data[index] != ord("x") else ord("y")
    keep_date(path, lambda: path.write_bytes(bytes(data)))
    return True


def respell(front: str, kind: str) -> str | None:
    """YAML front matter `front` spelled otherwise with the same values: `flow`, a block
    list of plain words as [a, b]; `quoted`, plain one-line strings in double quotes;
    `commented`, comments around it; `alias`, a one-line title anchored and its alias as
    `image_alt` (which defaults to the title). None where the front matter has nothing
    that kind of respelling applies to."""
    import json

    import yaml

    if kind == "commented":
        return f"# written by hand\n{front}# the end of it\n"
    if kind == "flow":
        block = re.search(r"^(\w+):\n((?:  - [\w .'-]+\n)+)", front, re.MULTILINE)
        if block is None:
            return None
        items = [line[4:] for line in block.group(2).splitlines()]
        return front.replace(block.group(0), f"{block.group(1)}: [{', '.join(items)}]\n", 1)
    lines = front.split("\n")
    for index, line in enumerate(lines):
        plain = re.fullmatch(r"(\w+): ([^\"'&*!|>\[{#].*)", line)
        if plain is None or (index + 1 < len(lines) and lines[index + 1].startswith(" ")):
            continue
        key, raw = plain.groups()
        try:
            value = yaml.safe_load(f"v: {raw}")["v"]
        except yaml.YAMLError:
            continue
        if not isinstance(value, str):
            continue
        if kind == "quoted":
            lines[index] = f"{key}: {json.dumps(value, ensure_ascii=False)}"
        elif kind == "alias" and key == "title" and not re.search(r"^image_alt:", front, re.MULTILINE):
            lines[index] = f"title: &name {raw}\nimage_alt: *name"
            return "\n".join(lines)
    respelled = "\n".join(lines)
    return respelled if kind == "quoted" else None


def intact(database: Path) -> bool:
    """Whether SQLite finds every page of `database` sound (read only, as digest left it)."""
    import sqlite3

    try:
        with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as connection:
            return connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    except (sqlite3.Error, UnicodeDecodeError):
        return False


def swap_by_rename(first: Path, second: Path) -> None:
    parking = first.with_name(".parking")
    os.rename(first, parking)
    os.rename(second, first)
    os.rename(parking, second)


def grown_project(project: Path) -> Path:
    """A copy of the demo project in `project`, with something for every edit to act on:
    two same-size reviews linking issues' pages, covers on the older issue's reviews, an
    image and a link to an anchor in its introduction, a logo, a static folder, and the
    settings the steps flip written out."""
    project.mkdir(parents=True)
    shutil.copytree(REPO / "issues", project / "issues")
    newest, older = project / "issues" / NEWEST, project / "issues" / OLDER
    for name, letter, linked in zip(TWINS, "AB", (OLDER, NEWEST), strict=True):
        (newest / name).write_text(
            f"---\ntitle: Twin {letter}\ntags: [twins]\n---\nThe {letter} twin's words, and "
            f"[an issue](https://digest.example.org/{linked}/).\n"
        )
    issue = newest / "issue.md"
    listed = f"    items:\n      - {TWINS[0]}\n      - {TWINS[1]}\n"
    issue.write_text(issue.read_text().replace("    items:\n", listed, 1))
    for review, cover, colour in zip(
        (COVERED, "mixture-of-experts.md"), COVERS, ((200, 40, 40), (40, 200, 40)), strict=True
    ):
        text = (older / review).read_text()
        (older / review).write_text(text.replace("---\n", f"---\nimage: {cover}\n", 1))
        (older / cover).write_bytes(png(colour))
    issue = older / "issue.md"
    anchor = "https://digest.example.org/issue-2025/#also-worth-reading"
    issue.write_text(issue.read_text() + f"\n![A red square](cover.png) and [the links]({anchor}).\n")
    (project / "logo.png").write_bytes(png((10, 10, 120), (60, 20)))
    (project / "static").mkdir()
    (project / "static" / "notes.txt").write_text("Static notes, version 0.\n")
    moe = older / "mixture-of-experts.md"
    moe.write_text(moe.read_text().replace("---\n", f"---\ndate: {AMBIGUOUS_DATE}\n", 1))
    text = (REPO / "digest.toml").read_text().replace("check = true", "check = false")
    text = re.sub(r"^(\w+ = \S+) +#.*$", r"\1", text, flags=re.MULTILINE)  # a setting a line, as toggled
    text = text.replace(
        "[email]\n",
        '[email]\nlinks_to = "review"\nutm = false\nmax_image_bytes = 1000000\n'
        'reply_prompt = "Reply to this email: we read every answer."\n',
        1,
    )
    text = text.replace(
        "[build]\n",
        '[build]\nwords_per_minute = 220\nexcerpt_words = 50\nstatic_dir = "static"\n',
        1,
    )
    text = text.replace("[site]\n", "[site]\nsocial = []\n", 1)
    theme = '\n[theme]\naccent = "#1d4ed8"\naccent_dark = "#93c5fd"\nlogo = "logo.png"\nlogo_alt = ""\nfooter_text = ""\n'
    (project / "digest.toml").write_text(text + theme)
    for key, (first, _) in SETTINGS.items():
        assert f"\n{key} = {first}\n" in (project / "digest.toml").read_text(), f"{key} is not written out"
    return project


@dataclass
class Fuzz:
    """A project under random edits. `scratch` holds clean builds and the project's moves."""

    root: Path
    scratch: Path
    rng: random.Random
    history: dict[str, list[bytes]] = field(default_factory=dict)  # by path relative to root
    steps: list[str] = field(default_factory=list)
    moves: int = 0
    transient: list[tuple[Path, bytes | None]] = field(default_factory=list)  # odd_entry's, for one build
    renamed: list[tuple[Path, Path]] = field(default_factory=list)  # (now, before), for one build
    # The output edited by hand since the last build of a step: `digest list` judges a build
    # by its sources, never by the output's own files, which the next build replaces.
    output_edited: bool = False
    # Edited in place with its size and date put back: unseen by `digest list` (README).
    output_unseen: bool = False
    # The command of the last build a step made that succeeded, for `digest list`'s checks.
    built_by: tuple[str, ...] | None = None
    # The steps drawn from (STEPS, or ROUND_15's kinds weighted up): a seed replays with its own.
    kinds: list[Callable[[Fuzz], str | None]] | None = None
    # A page of build.sqlite3 damaged where no build has read yet: SQLite finds it when a
    # build first reads there (the month-old entries' pruning reads every page), and that
    # build replaces the database and says so, once (README); `settled` takes the note out.
    latent_damage: bool = False

    # --- what is there ----------------------------------------------------------------

    def issue(self, issue_id: str) -> Path:
        return self.root / "issues" / issue_id

    def issues(self) -> list[str]:
        return sorted(p.name for p in (self.root / "issues").iterdir() if (p / "issue.md").is_file())

    def reviews(self, issue_id: str | None = None) -> list[Path]:
        folders = [self.issue(issue_id)] if issue_id else [self.issue(i) for i in self.issues()]
        return sorted(
            p
            for f in folders
            for p in f.iterdir()
            if p.suffix == ".md"
            and p.name != "issue.md"
            and not p.name.startswith(".")
            # long_name's own: a name made from it (copied-..., café-...) would pass 255 bytes
            and len(os.fsencode(p.name)) <= 200
        )

    def command(self) -> tuple[str, ...]:
        """A build command: the newest issue, the older one, --all, or the added one when
        there is one; with --drafts one time in three."""
        choices = [c for c in COMMANDS if c[1] != EXTRA or (self.issue(EXTRA) / "issue.md").is_file()]
        chosen = self.rng.choice(choices)
        drafts = ("--drafts",) if self.rng.random() < 0.33 else ()
        base_url = ("--base-url", ELSEWHERE) if self.rng.random() < 0.1 else ()
        return (*chosen, *drafts, *base_url)

    def remember(self, path: Path) -> None:
        if path.is_file():
            self.history.setdefault(path.relative_to(self.root).as_posix(), []).append(path.read_bytes())

    def write(self, path: Path, text: str) -> None:
        self.remember(path)
        path.write_text(text)

    def toggle(self, path: Path, pairs: list[tuple[str, str]]) -> str | None:
        """One of `pairs` (first, second) flipped: the second written as the first where it
        is found, else the first as the second; what was done, or None."""
        text = path.read_text()
        for first, second in self.rng.sample(pairs, len(pairs)):
            for old, new in ((second, first), (first, second)):
                if old in text:
                    self.write(path, text.replace(old, new, 1))
                    return f"{path.relative_to(self.root)}: {old.strip()!r} -> {new.strip()!r}"
        return None

    # --- the steps ----------------------------------------------------------------------

    def step(self) -> str:
        """One random edit; what it did (appended to `steps`)."""
        undone = self.take_away_transient()
        while True:
            done = self.rng.choice(self.kinds or STEPS)(self)
            if done:
                done = f"{undone}; then {done}" if undone else done
                self.steps.append(done)
                return done

    def same_size_review(self) -> str | None:
        target = self.rng.choice(self.reviews())
        self.remember(target)
        if not same_size_edit(target, self.rng):
            return None
        return f"same-size edit of {target.relative_to(self.root)}, date put back"

    def same_size_issue_file(self) -> str | None:
        target = self.issue(self.rng.choice(self.issues())) / "issue.md"
        self.remember(target)
        if not same_size_edit(target, self.rng):
            return None
        return f"same-size edit of {target.relative_to(self.root)}, date put back"

    def append(self) -> str:
        target = self.rng.choice(self.reviews())
        self.write(target, target.read_text() + f"\nOne more line, number {self.rng.randrange(1000)}.\n")
        return f"appended to {target.relative_to(self.root)}"

    def undo(self) -> str | None:
        """A file given back bytes it held before, with its present date."""
        names = [n for n, older in self.history.items() if older and (self.root / n).is_file()]
        if not names:
            return None
        name = self.rng.choice(names)
        path, older = self.root / name, self.rng.choice(self.history[name])
        if older == path.read_bytes():
            return None
        self.remember(path)
        keep_date(path, lambda: path.write_bytes(older))
        return f"undid {name} to older bytes, date put back"

    def swap_twins(self) -> str | None:
        first, second = (self.issue(NEWEST) / name for name in TWINS)
        if not (first.is_file() and second.is_file()) or first.stat().st_size != second.stat().st_size:
            return None
        swap_by_rename(first, second)
        return "twins swapped by renames"

    def swap_covers(self) -> str | None:
        first, second = (self.issue(OLDER) / name for name in COVERS)
        if not (first.is_file() and second.is_file()) or first.stat().st_size != second.stat().st_size:
            return None
        swap_by_rename(first, second)
        return "the older issue's covers swapped by renames"

    def fillers(self) -> str:
        """An archive of older issues added (enough to be parsed on every core), or removed."""
        if self.issue(FILLERS[0]).is_dir():
            for name in FILLERS:
                shutil.rmtree(self.issue(name))
            return "the older issues removed"
        for number, name in enumerate(FILLERS, start=1):
            folder = self.issue(name)
            folder.mkdir()
            (folder / "note.md").write_text(f"---\ntitle: Note {number}\n---\nAn old note.\n")
            (folder / "issue.md").write_text(
                f'---\ntitle: "Old issue {number}"\ndate: 2023-0{number}-01\npreheader: "Old."\n'
                "reviews:\n  - note.md\n---\nOld.\n"
            )
        return "older issues added"

    def override(self) -> str:
        """A rich override of a template added, changed or removed (or web.css edited)."""
        from digest.render.environment import theme_path

        name = self.rng.choice([*OVERRIDES, "web.css", "email.css"])
        path = self.root / "templates" / name
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
            return f"the folder standing for override {name} removed"
        if path.is_file() and self.rng.random() < 0.4:
            self.remember(path)
            path.unlink()
            return f"override {name} removed"
        path.parent.mkdir(exist_ok=True)
        if name == "web.css":
            self.write(path, f"/* edit {self.rng.randrange(1000)} */\n")
            return "override web.css edited"
        if name == "email.css":
            colour = self.rng.choice(["#111827", "#7c2d12", "#14532d"])
            self.write(path, (theme_path() / name).read_text() + f"\nh2 {{ color: {colour}; }}\n")
            return f"override email.css written, headings {colour}"
        anchor, inserted = OVERRIDES[name]
        text = (theme_path() / name).read_text()
        assert anchor in text, f"{name} no longer holds {anchor!r}"
        nonce = f"{{# {self.rng.randrange(3)} #}}"
        self.write(path, text.replace(anchor, nonce + inserted + anchor, 1))
        return f"override {name} written, showing more ({nonce})"

    def override_link(self) -> str:
        """An override made a link: to a copy beside it in the templates folder (read), or
        to one elsewhere in the project (a link out of the folder: refused); or the link
        removed."""
        from digest.render.environment import theme_path

        name = self.rng.choice(["email.css", "web.css", "review.html.j2"])
        folder = self.root / "templates"
        path = folder / name
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
            return f"the folder standing for override {name} removed"
        if path.is_symlink():
            path.unlink()
            return f"link {name} removed"
        folder.mkdir(exist_ok=True)
        if path.is_file():
            self.remember(path)
            path.unlink()
        beside = self.rng.random() < 0.5
        target = folder / f"{name}.copy" if beside else self.root / f"outside-{name}"
        comment = "{# %d #}" if name.endswith(".j2") else "/* %d */"
        target.write_text((theme_path() / name).read_text() + comment % self.rng.randrange(3) + "\n")
        path.symlink_to(os.path.relpath(target, folder))
        return f"override {name} made a link to {os.path.relpath(target, folder)}"

    def setting(self) -> str | None:
        key = self.rng.choice(list(SETTINGS))
        first, second = SETTINGS[key]
        return self.toggle(self.root / "digest.toml", [(f"{key} = {first}\n", f"{key} = {second}\n")])

    def issue_front_matter(self) -> str | None:
        """The title, date, number, preheader or `draft: true` of an issue changed."""
        path = self.issue(self.rng.choice(self.issues())) / "issue.md"
        text = path.read_text()
        kind = self.rng.choice(["title", "date", "number", "preheader", "draft"])
        if kind == "draft":
            return self.toggle(path, [("---\ntitle:", "---\ndraft: true\ntitle:")])
        found = re.search(rf"^{kind}: .*$", text, re.MULTILINE)
        values = {
            "title": ['"A new title"', '"Another title"', '"2024 in review: one long read and a short note"'],
            "date": ["2025-01-03", "2025-01-04", "2026-01-02", "2026-06-01", "2024-12-01", "2099-12-31"],
            "number": ["1", "2", "3"],
            "preheader": ['"A new preheader."', '""', '"Another preheader."'],
        }[kind]
        value = self.rng.choice(values)
        if found is None:
            if kind == "date":
                return None
            self.write(path, text.replace("\ntitle:", f"\n{kind}: {value}\ntitle:", 1))
        elif kind == "number" and self.rng.random() < 0.3:
            self.write(path, text.replace(found.group(0) + "\n", "", 1))
            value = "(none)"
        else:
            self.write(path, text.replace(found.group(0), f"{kind}: {value}", 1))
        return f"{path.relative_to(self.root)}: {kind} set to {value}"

    def review_draft(self) -> str | None:
        target = self.rng.choice(self.reviews())
        return (
            self.toggle(target, [("---\n", "---\ndraft: true\n")])
            if target.read_text().startswith("---\n")
            else None
        )

    def rename_review(self) -> str | None:
        """A listed review renamed, and issue.md changed to match."""
        target = self.rng.choice(self.reviews())
        issue = target.parent / "issue.md"
        text = issue.read_text()
        if target.name not in text:
            return None
        new = target.with_name(f"renamed-{self.rng.randrange(100)}-{target.name.removeprefix('renamed-')}")
        if new.exists():
            return None
        self.write(issue, text.replace(target.name, new.name))
        target.rename(new)
        return f"{target.relative_to(self.root)} renamed to {new.name}"

    def follow_the_hint(self) -> str | None:
        """A renamed review given back the name issue.md lists (after an undo of issue.md
        left the old name there), as an editor does when told 'did you mean ...?'."""
        for review in self.reviews():
            listed = re.sub(r"^renamed-\d+-", "", review.name)
            issue_text = (review.parent / "issue.md").read_text()
            if (
                listed != review.name
                and f"- {listed}\n" in issue_text
                and not review.with_name(listed).exists()
            ):
                review.rename(review.with_name(listed))
                return f"{review.relative_to(self.root)} renamed back to {listed}, the name issue.md lists"
        return None

    def extra_issue(self) -> str:
        """An issue added (before, between or after the others), or removed."""
        folder = self.issue(EXTRA)
        if folder.is_dir():
            shutil.rmtree(folder)
            return f"{EXTRA} removed"
        folder.mkdir()
        when = self.rng.choice(["2024-06-01", "2025-06-01", "2026-03-01"])
        (folder / "new-review.md").write_text(
            "---\ntitle: A new review\nauthor: Ann Other\n---\nShort and new.\n"
        )
        (folder / "issue.md").write_text(
            f'---\ntitle: "An added issue"\ndate: {when}\npreheader: "Added."\nreviews:\n  - new-review.md\n---\nAdded.\n'
        )
        return f"{EXTRA} added, dated {when}"

    def sections(self) -> str | None:
        """issue.md's sections and link items edited: titles, comments, an item moved, one added."""
        path = self.issue(NEWEST) / "issue.md"
        moved = "      - llm-report-2025.md\n"
        text = path.read_text()
        if self.rng.random() < 0.25 and moved in text:
            head, _, tail = text.partition(moved)
            second = '  - title: "Also worth reading"\n    items:\n'
            if second in tail:  # moved from the first section to the head of the second
                self.write(path, head + tail.replace(second, second + moved, 1))
                return "llm-report-2025.md moved to the second section"
            self.write(path, (head + tail).replace("    items:\n", "    items:\n" + moved, 1))
            return "llm-report-2025.md moved to the first section"
        added = '      - title: "An added link"\n        url: https://example.org/added\n'
        return self.toggle(
            path,
            [
                ('title: "Also worth reading"', 'title: "Further reading"'),
                ('title: "SWE-bench"', 'title: "SWE-bench Verified"'),
                ("Look at how the tasks are built", "Look at how its tasks are made"),
                ("url: https://www.swebench.com/", "url: https://www.swebench.com/verified"),
                ("tags: [agents]", "tags: [agents, tools]"),
                ("        tags: [benchmarks]\n", "        tags: [benchmarks]\n" + added),
            ],
        )

    def featured(self) -> str | None:
        """`featured:` in issue.md set to a listed review, changed or removed."""
        issue_id = self.rng.choice(self.issues())
        path = self.issue(issue_id) / "issue.md"
        text = path.read_text()
        found = re.search(r"^featured: .*\n", text, re.MULTILINE)
        if found and self.rng.random() < 0.4:
            self.write(path, text.replace(found.group(0), "", 1))
            return f"{issue_id}: featured removed"
        listed = [p.name for p in self.reviews(issue_id) if re.search(rf"- {re.escape(p.name)}\n", text)]
        if not listed:
            return None
        name = self.rng.choice(listed)
        line = f"featured: {name}\n"
        self.write(
            path,
            text.replace(found.group(0), line, 1)
            if found
            else text.replace("\ntitle:", f"\n{line}title:", 1),
        )
        return f"{issue_id}: featured set to {name}"

    def picture(self) -> str:
        """The logo, the older issue's cover picture or a static file changed (the date put
        back one time in two)."""
        colour = (self.rng.randrange(256), self.rng.randrange(256), self.rng.randrange(256))
        path, data = self.rng.choice(
            [
                (self.root / "logo.png", png(colour, (60, 20))),
                (self.issue(OLDER) / self.rng.choice(COVERS), png(colour)),
                (
                    self.root / "static" / "notes.txt",
                    f"Static notes, version {self.rng.randrange(5)}.\n".encode(),
                ),
            ]
        )
        if not path.parent.is_dir() or path.is_dir():
            return f"{path.relative_to(self.root)} is no file: nothing changed"
        self.remember(path)
        if path.is_file() and self.rng.random() < 0.5:
            keep_date(path, lambda: path.write_bytes(data))
            return f"{path.relative_to(self.root)} changed, date put back"
        path.write_bytes(data)
        return f"{path.relative_to(self.root)} changed"

    def static_files(self) -> str:
        """A static file added or removed, in the static folder or a folder of it, or the
        whole static folder removed (and made again)."""
        folder = self.root / "static"
        if not folder.is_dir():
            folder.mkdir()
            (folder / "notes.txt").write_text("Static notes, version 0.\n")
            return "static folder made again"
        if self.rng.random() < 0.15:
            shutil.rmtree(folder)
            return "static folder removed"
        name = self.rng.choice(["extra.txt", "files/deep/guide.pdf", "robots.txt", "files/b.txt"])
        path = folder / name
        if path.is_file():
            path.unlink()
            return f"static/{name} removed"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(f"static {name} {self.rng.randrange(3)}\n".encode())
        return f"static/{name} added"

    def logo(self) -> str:
        """The logo's setting taken out or put back, or its file deleted or made again."""
        settings, path = self.root / "digest.toml", self.root / "logo.png"
        if not path.is_file():
            path.write_bytes(png((10, 10, 120), (60, 20)))
            return "logo.png made again"
        if self.rng.random() < 0.2:
            self.remember(path)
            path.unlink()
            return "logo.png deleted"
        text = settings.read_text()
        line = 'logo = "logo.png"\n'
        if line in text:
            self.write(settings, text.replace(line, "", 1))
            return "[theme] logo taken out"
        self.write(settings, text.replace("[theme]\n", "[theme]\n" + line, 1))
        return "[theme] logo put back"

    def review_format(self) -> str | None:
        """A listed Markdown review renamed to .txt, its front matter replaced by a '# Title'
        heading, issue.md changed to match: digest reads the shape, not the name."""
        candidates = [p for p in self.reviews() if p.read_text().startswith("---\n") and not p.is_symlink()]
        if not candidates:
            return None
        target = self.rng.choice(candidates)
        issue = target.parent / "issue.md"
        text, listed = target.read_text(), issue.read_text()
        title = re.search(r"^title: \"?(.*?)\"?$", text, re.MULTILINE)
        new = target.with_suffix(".txt")
        if title is None or target.name not in listed or new.exists():
            return None
        body = text.split("---\n", 2)[2]
        self.remember(target)
        target.unlink()
        new.write_text(f"# {title.group(1)}\n\n{body}")
        self.write(issue, listed.replace(target.name, new.name))
        return f"{target.relative_to(self.root)} written without front matter in {new.name}"

    def rename_issue(self) -> str | None:
        """The added issue's folder renamed, or given its name back: a new id, new pages."""
        first, second = self.issue(EXTRA), self.issue(f"{EXTRA}-renamed")
        if first.is_dir() and second.is_dir():
            return None
        if first.is_dir():
            first.rename(second)
            return f"{EXTRA} renamed to {second.name}"
        if second.is_dir():
            second.rename(first)
            return f"{second.name} renamed back to {EXTRA}"
        return None

    def linked_review(self) -> str | None:
        """A review replaced by a link to a hidden copy beside it (inside the folder, so
        read), or the copy put back in its place."""
        target = self.rng.choice(self.reviews())
        hidden = target.with_name(f".copy-{target.name}")
        if target.is_symlink():
            os.replace(target.resolve(), target)
            return f"{target.relative_to(self.root)} is a file again"
        if hidden.exists():
            return None
        os.replace(target, hidden)
        target.symlink_to(hidden.name)
        return f"{target.relative_to(self.root)} replaced by a link to {hidden.name}"

    def skewed_time(self) -> str:
        """A file's date set far in the past or the future: a source, a template, the output
        or the kept output in the cache; with new bytes one time in three. Nothing may
        follow the dates."""
        places = [*self.reviews(), self.root / "digest.toml", self.root / "logo.png"]
        places += [p for p in (self.root / "templates").glob("*") if p.is_file()]
        for built in (self.root / "dist", *(self.root / ".digest-cache").glob("kept-*"), *self.caches()):
            places += sorted(p for p in built.rglob("*") if p.is_file() and not p.is_symlink())
        places = [p for p in places if p.is_file()]
        path, when = self.rng.choice(places), self.rng.choice(SKEWED_TIMES)
        edited = path.suffix == ".md" and self.rng.random() < 0.33
        if edited:
            self.write(path, path.read_text() + f"\nA line dated {when}.\n")
        os.utime(path, (when, when), follow_symlinks=False)
        # A file of the kept output may be the live output's, linked: its date is theirs.
        self.output_edited |= self.in_output(path)
        return f"{path.relative_to(self.root)}{' edited and' if edited else ''} dated {when}"

    def in_output(self, path: Path) -> bool:
        """Whether `path` is a file of the output, by one of its names."""
        info = os.stat(path, follow_symlinks=False)
        dist = self.root / "dist"
        return dist.is_dir() and any(
            os.path.samestat(info, os.stat(each, follow_symlinks=False)) for each in dist.rglob("*")
        )

    def move(self) -> str:
        """The project folder moved elsewhere, its output and cache with it."""
        self.moves += 1
        target = self.scratch / f"moved-{self.moves}"
        shutil.copytree(self.root, target, symlinks=True, copy_function=copy_entry)
        shutil.rmtree(self.root)
        self.root = target
        return f"project moved to {target.name}"

    def reorder(self) -> str | None:
        """Two reviews listed next to each other in an issue.md swap places."""
        path = self.issue(self.rng.choice(self.issues())) / "issue.md"
        text = path.read_text()
        pairs = re.findall(r"^( +- [^\n]+\.(?:md|txt)\n)( +- [^\n]+\.(?:md|txt)\n)", text, re.MULTILINE)
        if not pairs:
            return None
        first, second = self.rng.choice(pairs)
        self.write(path, text.replace(first + second, second + first, 1))
        return f"{path.relative_to(self.root)}: {first.strip()} and {second.strip()} swapped"

    def metadata_only(self) -> str:
        """A source's mode or times touched without its bytes (its ctime changes, and with
        a new date its mtime): nothing may follow them."""
        places = [*self.reviews(), self.root / "digest.toml", *(self.root / "static").rglob("*")]
        path = self.rng.choice([p for p in places if p.is_file() and not p.is_symlink()])
        mode = os.stat(path).st_mode & 0o777
        os.chmod(path, 0o600 if mode != 0o600 else 0o644)
        if self.rng.random() < 0.5:
            os.chmod(path, mode)
            return f"{path.relative_to(self.root)}: mode changed and put back (ctime only)"
        return f"{path.relative_to(self.root)}: mode changed"

    def move_across_issues(self) -> str | None:
        """A review moved from one issue's folder and list to the other's."""
        source_id, target_id = self.rng.sample([NEWEST, OLDER], 2)
        # Not one showing a picture: it would miss it in the other folder, and no step moves
        # it back (listing seed 506 built nothing more in 30 rounds).
        candidates = [
            p
            for p in self.reviews(source_id)
            if p.is_file() and not p.is_symlink() and "image:" not in p.read_text(errors="replace")
        ]
        source_issue, target_issue = self.issue(source_id) / "issue.md", self.issue(target_id) / "issue.md"
        listed = [p for p in candidates if f"- {p.name}\n" in source_issue.read_text()]
        if len(listed) < 2:  # an issue keeps a review
            return None
        review = self.rng.choice(listed)
        moved = self.issue(target_id) / review.name
        if moved.exists():
            return None
        line = re.compile(rf"^ *- {re.escape(review.name)}\n", re.MULTILINE)
        self.write(source_issue, line.sub("", source_issue.read_text(), count=1))
        text = target_issue.read_text()
        head = "reviews:\n" if "reviews:\n" in text else "    items:\n"
        indent = "  " if head == "reviews:\n" else "      "
        self.write(target_issue, text.replace(head, f"{head}{indent}- {review.name}\n", 1))
        review.rename(moved)
        return f"{review.relative_to(self.root)} moved to {target_id}"

    def settings_layout(self) -> str:
        """digest.toml rewritten without a change of meaning: comments, blank lines, a
        section written as dotted keys, or the sections in another order."""
        path = self.root / "digest.toml"
        text = path.read_text()
        kind = self.rng.choice(["comment", "dotted", "order"])
        if kind == "comment":
            self.write(path, f"# edited {self.rng.randrange(1000)}\n\n" + text)
        elif kind == "dotted" and "\n[feeds]\n" in text:
            head, _, tail = text.partition("\n[feeds]\n")
            body, bracket, rest = tail.partition("\n[")
            lines = [line for line in body.split("\n") if line.strip() and not line.startswith("#")]
            self.write(path, "".join(f"feeds.{line}\n" for line in lines) + head + bracket + rest)
        else:
            sections = re.split(r"\n(?=\[)", text)
            first, others = sections[0], sections[1:]
            self.rng.shuffle(others)
            self.write(path, "\n".join([first, *others]))
        return f"digest.toml laid out anew ({kind})"

    def odd_entry(self) -> str:
        """Something that is no ordinary file put where a name is looked up, for one build
        (the next step takes it away again, so builds that stop do not pile up): a pipe
        among an issue's files (passed over) or the static folder's (refused), a static
        file replaced by a folder of the same name, an override that is an empty folder,
        or a stray file beside the reviews (a notice)."""
        kind, path = self.rng.choice(
            [
                ("issue pipe", self.issue(NEWEST) / "stray.pipe"),
                ("static pipe", self.root / "static" / "queue.pipe"),
                ("static folder", self.root / "static" / "notes.txt"),
                ("override folder", self.root / "templates" / "issue.html.j2"),
                ("stray file", self.issue(OLDER) / "stray-notes.md"),
            ]
        )
        if not path.parent.is_dir() or (os.path.lexists(path) and kind != "static folder"):
            return f"{path.relative_to(self.root)}: nothing changed ({kind})"
        if kind.endswith("pipe"):
            os.mkfifo(path)
        elif kind == "stray file":
            path.write_text("Notes nobody listed.\n")
        else:
            if path.is_file():
                self.remember(path)
            before = path.read_bytes() if path.is_file() else None
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            path.mkdir()
            if kind == "static folder":
                (path / "inside.txt").write_text("Now a folder.\n")
            self.transient.append((path, before))
            return f"{path.relative_to(self.root)}: {kind} made, for one build"
        self.transient.append((path, None))
        return f"{path.relative_to(self.root)}: {kind} made, for one build"

    def shadow(self) -> str:
        """A review shows shadowed.png from the static folder; later, for one build, a pipe,
        an empty folder or a broken link of that name stands in the issue folder, where the
        name is looked for first."""
        review, static = self.issue(NEWEST) / TWINS[0], self.root / "static" / "shadowed.png"
        if not review.is_file() or review.is_symlink():
            return "twin-a.md is gone or a link: nothing changed"
        if "](shadowed.png)" not in review.read_text():
            if static.parent.is_dir():
                static.write_bytes(png((90, 30, 160)))
            self.write(review, review.read_text() + "\n![A purple square](shadowed.png)\n")
            return "twin-a.md shows shadowed.png from the static folder"
        path = self.issue(NEWEST) / "shadowed.png"
        if os.path.lexists(path):
            return "something already stands for shadowed.png: nothing changed"
        kind = self.rng.choice(["pipe", "empty folder", "broken link"])
        if kind == "pipe":
            os.mkfifo(path)
        elif kind == "empty folder":
            path.mkdir()
        else:
            path.symlink_to("moved-away.png")
        self.transient.append((path, None))
        return f"a {kind} named shadowed.png in {NEWEST}, for one build"

    def take_away_transient(self) -> str | None:
        """What odd_entry made taken away, the file it replaced put back."""
        undone, renamed = [], []
        # What stands in a name first, then what was renamed away from it comes back.
        for path, before in reversed(self.transient):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            elif os.path.lexists(path):
                path.unlink()
            if before is not None:
                path.write_bytes(before)
            undone.append(str(path.relative_to(self.root)))
        self.transient.clear()
        for now, before in self.renamed:
            now.rename(before)
            renamed.append(str(now.relative_to(self.root)))
        self.renamed.clear()
        if not undone:
            return f"renamed back {', '.join(renamed)}" if renamed else None
        return f"took away {', '.join(undone)}" + (f", renamed back {', '.join(renamed)}" if renamed else "")

    def case_rename(self) -> str | None:
        """A listed review renamed to differ only in case (issue.md changed to match)."""
        target = self.rng.choice(self.reviews())
        issue = target.parent / "issue.md"
        new = target.with_name(target.name.swapcase())
        text = issue.read_text()
        if f"- {target.name}\n" not in text or new.exists() or target.is_symlink():
            return None
        self.write(issue, text.replace(f"- {target.name}\n", f"- {new.name}\n"))
        target.rename(new)
        return f"{target.relative_to(self.root)} renamed to {new.name}"

    # --- round 8 --------------------------------------------------------------------------

    def unicode_rename(self) -> str | None:
        """A listed review renamed to an accented name stored decomposed (as macOS writes
        it) while issue.md lists it composed, or given its plain name back."""
        target = self.rng.choice(self.reviews())
        issue = target.parent / "issue.md"
        text = issue.read_text()
        if target.is_symlink():
            return None
        if unicodedata.is_normalized("NFC", target.name):
            listed, composed = target.name, f"café-{target.name}"
            if f"- {listed}\n" not in text or target.with_name(composed).exists():
                return None
            self.write(issue, text.replace(f"- {listed}\n", f"- {composed}\n"))
            target.rename(target.with_name(unicodedata.normalize("NFD", composed)))
            return f"{target.relative_to(self.root)} renamed to a decomposed café-…, listed composed"
        plain = unicodedata.normalize("NFC", target.name).removeprefix("café-")
        composed = unicodedata.normalize("NFC", target.name)
        if f"- {composed}\n" not in text or target.with_name(plain).exists():
            return None
        self.write(issue, text.replace(f"- {composed}\n", f"- {plain}\n"))
        target.rename(target.with_name(plain))
        return f"{target.relative_to(self.root)} given its plain name {plain} back"

    def covers_exchanged(self) -> str | None:
        """The older issue's two covers given each other's bytes in place, each keeping its
        own date (they are of one size): only their bytes tell them apart."""
        first, second = (self.issue(OLDER) / name for name in COVERS)
        if not (first.is_file() and second.is_file()) or first.stat().st_size != second.stat().st_size:
            return None
        one, other = first.read_bytes(), second.read_bytes()
        if one == other:
            return None
        keep_date(first, lambda: first.write_bytes(other))
        keep_date(second, lambda: second.write_bytes(one))
        return "the older issue's covers exchanged their bytes, dates put back"

    def setting_value(self) -> str | None:
        """A setting given another value than its two usual ones, for one build, a hostile
        one one time in three: both builds must fail alike, with the same words."""
        key, values = self.rng.choice(
            [
                ("words_per_minute", ["1", "180", "99999999999999999999", "nan", "-3", '"fast"', "2.5"]),
                ("excerpt_words", ["1", "3", "999999", "0", "[]", "true"]),
                ("limit", ["2", "99999999999999999999999", "inf", '""']),
                ("accent", ['"#0f766e"', '"teal"', '"#12"', '"red; x: y"', "1"]),
                ("title", ['"Digest ✓"', '"Tab\\there"', '"\\u202eevil"', '""', '"café"']),
                ("max_image_bytes", ["1", "50000", "-1", "1e9"]),
            ]
        )
        path = self.root / "digest.toml"
        text = path.read_text()
        found = re.search(rf"^{key} = .*$", text, re.MULTILINE)
        if found is None:
            return None
        value = self.rng.choice(values)
        self.remember(path)
        self.transient.append((path, path.read_bytes()))  # for one build: most values stop every build
        path.write_text(text.replace(found.group(0), f"{key} = {value}", 1))
        return f"digest.toml: {key} = {value}, for one build"

    def include_chain(self) -> str:
        """review.html.j2 overridden to include fuzz-a.html.j2, which includes fuzz-b.html.j2,
        which includes fuzz-c.html.j2; later one of them edited in place, of one size, with
        its date put back (or the chain removed)."""
        from digest.render.environment import theme_path

        folder = self.root / "templates"
        override, chain = folder / "review.html.j2", [folder / f"fuzz-{part}.html.j2" for part in "abc"]
        if not all(part.is_file() for part in chain) or not override.is_file() or override.is_symlink():
            folder.mkdir(exist_ok=True)
            if override.is_dir():
                shutil.rmtree(override)
            elif os.path.lexists(override):
                self.remember(override)
                override.unlink()
            anchor = '<div class="body"'
            text = (theme_path() / "review.html.j2").read_text()
            self.write(override, text.replace(anchor, '{% include "fuzz-a.html.j2" %}\n' + anchor, 1))
            for part, following in zip(chain, [*chain[1:], None], strict=True):
                include = f'{{% include "{following.name}" %}}' if following else ""
                self.write(part, f"<!-- {part.stem} 0 -->{include}\n")
            return "review.html.j2 includes a chain of three partials"
        if self.rng.random() < 0.2:
            for path in (override, *chain):
                self.remember(path)
                path.unlink()
            return "the chain of partials removed"
        part = self.rng.choice(chain)
        self.remember(part)
        text = part.read_text()
        digit = re.search(r" (\d) -->", text)
        assert digit is not None, text
        new = text.replace(f" {digit.group(1)} -->", f" {(int(digit.group(1)) + 1) % 10} -->", 1)
        keep_date(part, lambda: part.write_text(new))
        return f"{part.name} edited in place, of one size, date put back"

    def rename_older_issue(self) -> str | None:
        """The older issue's folder renamed for one build (its pages move; a build of it by
        its old id fails); the next step gives it its name back, as other steps act on it."""
        first, second = self.issue(OLDER), self.issue(f"{OLDER}-b")
        if not first.is_dir() or second.exists():
            return None
        first.rename(second)
        self.renamed.append((second, first))
        return f"{OLDER} renamed to {second.name}, for one build"

    def copy_across_issues(self) -> str | None:
        """A review copied into the other issue's folder under its own name and listed
        there too, or such a copy taken out again."""
        source_id, target_id = self.rng.sample([NEWEST, OLDER], 2)
        target_issue = self.issue(target_id) / "issue.md"
        if not target_issue.is_file():
            return None
        copies = [p for p in self.reviews(target_id) if p.name.startswith("copied-")]
        text = target_issue.read_text()
        if copies:
            copy = copies[0]
            self.remember(copy)
            copy.unlink()
            self.write(target_issue, re.sub(rf"^ *- {re.escape(copy.name)}\n", "", text, flags=re.MULTILINE))
            return f"{copy.relative_to(self.root)} taken out"
        candidates = [  # a review showing a cover picture would miss it in the other folder
            p
            for p in self.reviews(source_id)
            if p.is_file() and not p.is_symlink() and "image:" not in p.read_text()
        ]
        if not candidates:
            return None
        review = self.rng.choice(candidates)
        copy = self.issue(target_id) / f"copied-{review.name}"
        if copy.exists():
            return None
        shutil.copy2(review, copy)
        head = "reviews:\n" if "reviews:\n" in text else "    items:\n"
        indent = "  " if head == "reviews:\n" else "      "
        self.write(target_issue, text.replace(head, f"{head}{indent}- {copy.name}\n", 1))
        return f"{review.relative_to(self.root)} copied into {target_id} as {copy.name}"

    # --- round 9 --------------------------------------------------------------------------

    def caches(self) -> list[Path]:
        return [p for p in (self.root / ".digest-cache", self.root / OTHER_CACHE) if p.is_dir()]

    def built_in_step(self, command: tuple[str, ...], built: Built) -> None:
        """A build made by a step: what the output now holds, for `digest list`'s checks."""
        if built.exit_code == 0:
            self.output_edited = self.output_unseen = False
            self.built_by = command

    def inner_build(self) -> str:
        """A build in the middle of a step (its outcome is not compared: the step goes on
        to change what it read); it must not fail with a traceback."""
        command = self.command()
        built = build(self.root, command)
        self.built_in_step(command, built)
        return f"`digest {' '.join(command)}` ({built.exit_code})"

    def link_to_other_review(self) -> str | None:
        """For one build, a listed review replaced by a symbolic or a hard link to another
        review of its issue; after a build through it, the other review edited in place
        (the hard link shows the edit under both names), its date put back."""
        target = self.rng.choice(self.reviews())
        others = [p for p in self.reviews(target.parent.name) if p != target and not p.is_symlink()]
        if target.is_symlink() or not others or not target.is_file():
            return None
        other = self.rng.choice(others)
        kind = self.rng.choice(["symbolic", "hard"])
        self.remember(target)
        self.transient.append((target, target.read_bytes()))
        target.unlink()
        if kind == "symbolic":
            target.symlink_to(other.name)
        else:
            os.link(other, target)
        inner = self.inner_build()
        self.remember(other)
        same_size_edit(other, self.rng)
        return (
            f"{target.relative_to(self.root)} made a {kind} link to {other.name}, built {inner}, "
            f"then {other.name} edited of one size, date put back (for one build)"
        )

    def unreadable_at_walk(self) -> str:
        """A build during which the first opening of one file fails (EACCES: its permissions
        dropped, and put back a moment later), the file edited of one size after it."""
        target = self.rng.choice([*self.reviews(), self.issue(OLDER) / COVERS[0]])
        if not target.is_file():
            return f"{target.relative_to(self.root)} is no file: nothing changed"
        ending = f"/{target.parent.name}/{target.name}"  # however the build spells the folder
        real_open, refused = os.open, []

        def opener(path: object, flags: int, *args: object, **options: object) -> int:
            name = os.fspath(path)  # type: ignore[call-overload]
            if not refused and isinstance(name, str) and name.endswith(ending):
                refused.append(name)
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), name)
            return real_open(path, flags, *args, **options)  # type: ignore[arg-type]

        os.open = opener  # type: ignore[assignment]
        try:
            inner = self.inner_build()
        finally:
            os.open = real_open
        if target.suffix == ".md":
            self.remember(target)
            same_size_edit(target, self.rng)
        return f"{target.relative_to(self.root)} unreadable at its first opening during {inner}, then edited"

    def edit_while_building(self) -> str:
        """A build during which, once the first issue folder was walked and hashed (or as
        the first review is parsed, where the cache holds none), a review, issue.md, a
        template override or a static file is edited (a review of one size, its date put
        back)."""
        import digest.sources.issue as issue_module

        kind = self.rng.choice(["review", "issue file", "override", "static file"])
        done: list[str] = []
        real_read, real_walk = issue_module.read_review, issue_module.walk

        def edit() -> None:
            if kind == "review":
                review = self.rng.choice(self.reviews())
                if review.is_file():
                    self.remember(review)
                    same_size_edit(review, self.rng)
                    done.append(review.name)
            elif kind == "issue file":
                path = self.issue(self.rng.choice(self.issues())) / "issue.md"
                self.write(path, path.read_text() + f"\nWritten during a build, {self.rng.randrange(100)}.\n")
                done.append(path.parent.name)
            elif kind == "override":
                done.append(self.override())
            else:
                done.append(self.picture())

        def once() -> None:
            if not done and os.getpid() == parent:  # never twice, nor in a forked worker
                edit()
                done.append("")

        def reading(*args: object, **options: object) -> object:
            once()
            return real_read(*args, **options)  # type: ignore[arg-type]

        def walking(*args: object, **options: object) -> Iterator[object]:
            yield from real_walk(*args, **options)  # type: ignore[arg-type]
            once()  # the folder walked and hashed, nothing parsed yet

        parent = os.getpid()
        when = self.rng.choice(["walked", "read"])
        if when == "walked":
            issue_module.walk = walking  # type: ignore[assignment]
        else:
            issue_module.read_review = reading  # type: ignore[assignment]
        try:
            inner = self.inner_build()
        finally:
            issue_module.read_review, issue_module.walk = real_read, real_walk
        edited = ", ".join(d for d in done if d) or "not reached"
        return f"{kind} edited once an issue folder was {when} during {inner} ({edited})"

    def truncate_and_refill(self) -> str | None:
        """A review emptied (its date put back) for a build, then given bytes of its old
        size, one letter changed, with its old date: only the bytes tell."""
        target = self.rng.choice(self.reviews())
        if target.is_symlink() or not target.is_file():
            return None
        before, data = os.stat(target), target.read_bytes()
        self.remember(target)
        keep_date(target, lambda: target.write_bytes(b""))
        inner = self.inner_build()
        target.write_bytes(data)
        os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
        same_size_edit(target, self.rng)
        return f"{target.relative_to(self.root)} emptied for {inner}, refilled at its size and date"

    def cache_settings(self) -> str | None:
        """A setting that changes what is read and cached, not what is made: the size under
        which a file is read with its issue (the cover picture falls either side), or where
        the cache lies."""
        path = self.root / "digest.toml"
        text = path.read_text()
        if self.rng.random() < 0.5:
            found = re.search(r"^max_review_bytes = .*\n", text, re.MULTILINE)
            value = self.rng.choice(["1000000", "40000", "60000", "4000"])
            line = f"max_review_bytes = {value}\n"
            self.write(
                path,
                text.replace(found.group(0), line)
                if found
                else text.replace("[build]\n", "[build]\n" + line, 1),
            )
            return f"[build] max_review_bytes = {value}"
        line = f'cache_dir = "{OTHER_CACHE}"\n'
        if line in text:
            self.write(path, text.replace(line, "", 1))
            return "[build] cache_dir taken out"
        self.write(path, text.replace("[build]\n", "[build]\n" + line, 1))
        return f"[build] cache_dir = {OTHER_CACHE}"

    def static_swap(self) -> str | None:
        """Two static files of one size swapped by renames (made first where missing)."""
        folder = self.root / "static"
        first, second = folder / "one.txt", folder / "two.txt"
        if not folder.is_dir():
            return None
        if not (first.is_file() and second.is_file()) or first.stat().st_size != second.stat().st_size:
            for path, word in ((first, "one"), (second, "two")):
                with contextlib.suppress(OSError):
                    path.unlink()
                path.write_text(f"static file {word}\n")
            return "static/one.txt and two.txt written, of one size"
        swap_by_rename(first, second)
        return "static/one.txt and two.txt swapped by renames"

    def edit_output(self) -> str | None:
        """A file of the output edited by hand between builds: bytes added, one byte
        changed with its date put back, removed, a stray file added, or a file replaced by
        a link to a source (symbolic or hard): the next build makes the output anew."""
        dist = self.root / "dist"
        # Not the marker: without it the folder is no longer digest's, and the build rightly
        # refuses to replace it (a clean build of the same sources has no such folder to meet).
        files = (
            sorted(p for p in dist.rglob("*") if p.is_file() and not p.is_symlink() and p.name != MARKER)
            if dist.is_dir()
            else []
        )
        if not files:
            return None
        path = self.rng.choice(files)
        kind = self.rng.choice(["append", "same size", "remove", "stray", "symbolic link", "hard link"])
        source = self.root / "digest.toml"
        if kind == "append":
            with path.open("ab") as file:
                file.write(b"\n<!-- by hand -->\n")
        elif kind == "same size":
            data = bytearray(path.read_bytes())
            if not data:
                return None
            data[len(data) // 2] ^= 0x01
            keep_date(path, lambda: path.write_bytes(bytes(data)))
            self.output_unseen = True
        elif kind == "remove":
            path.unlink()
        elif kind == "stray":
            (path.parent / "stray-by-hand.html").write_text("<p>by hand</p>\n")
        elif kind == "symbolic link":
            path.unlink()
            path.symlink_to(os.path.relpath(source, path.parent))
        else:
            path.unlink()
            os.link(source, path)
        self.output_edited = True
        return f"{path.relative_to(self.root)} in the output: {kind} by hand"

    def damage_cache(self) -> str | None:
        """A file of the cache folder removed (the database, its -wal or -shm, a lock),
        emptied or overwritten with other bytes (then built past the note it makes)."""
        files = sorted(
            p for cache in self.caches() for p in cache.rglob("*") if p.is_file() and not p.is_symlink()
        )
        if not files:
            return None
        path = self.rng.choice(files)
        kind = self.rng.choice(["removed", "emptied", "overwritten"])
        self.output_edited |= kind != "removed" and self.in_output(path)  # written through a link
        if kind == "removed":
            path.unlink()
        elif kind == "emptied":
            path.write_bytes(b"")
        else:
            path.write_bytes(b"not a database " * 64)
            return f"{path.relative_to(self.root)} {kind}, then {self.build_past_a_note()}"
        return f"{path.relative_to(self.root)} {kind}"

    def build_past_a_note(self) -> str:
        """A build that may say what a clean build does not (the cache was rebuilt), compared
        with a clean build by its outcome and output alone; the next one says nothing more."""
        command = self.command()
        built, clean = self.settled(build(self.root, command)), build(self.clean_copy(), command)
        assert (built.exit_code, built.dist) == (clean.exit_code, clean.dist), (
            f"`digest {' '.join(command)}` after {self.steps}: the output differs from a clean build's"
        )
        self.built_in_step(command, built)
        return f"`digest {' '.join(command)}` ({built.exit_code}), the same output as a clean build"

    # --- builds -------------------------------------------------------------------------

    def clean_copy(self) -> Path:
        """The same sources, without output or cache."""
        clean = self.scratch / "clean"
        shutil.rmtree(clean, ignore_errors=True)
        shutil.copytree(self.root, clean, ignore=IGNORED, symlinks=True, copy_function=copy_entry)
        return clean

    # --- round 10 -------------------------------------------------------------------------

    def outside(self) -> Path:
        """A folder outside the project (and outside its clean copy), the same for both."""
        folder = self.scratch / "outside"
        folder.mkdir(exist_ok=True)
        (folder / "elsewhere.md").write_text("---\ntitle: From elsewhere\n---\nNot the project's.\n")
        (folder / "issue").mkdir(exist_ok=True)
        (folder / "issue" / "issue.md").write_text('---\ntitle: "Elsewhere"\ndate: 2025-06-01\n---\nx\n')
        return folder

    def for_one_build(self, path: Path, make: Callable[[Path], None]) -> None:
        """`path` replaced by what `make` makes, put back by the next step."""
        before = path.read_bytes() if path.is_file() and not path.is_symlink() else None
        if before is not None:
            self.remember(path)
        if path.is_dir() and not path.is_symlink():
            hidden = path.with_name(f".hidden-{path.name}")
            path.rename(hidden)
            self.renamed.append((hidden, path))
        elif os.path.lexists(path):
            path.unlink()
        make(path)
        self.transient.append((path, before))

    def case_only_rename(self) -> str | None:
        """For one build, an image, a static file or the older issue's folder renamed to
        differ only in case (what names them left as written)."""
        kind, path = self.rng.choice(
            [
                ("image", self.issue(OLDER) / COVERS[0]),
                ("static file", self.root / "static" / "notes.txt"),
                ("issue folder", self.issue(OLDER)),
            ]
        )
        new = path.with_name(path.name.upper())
        if not os.path.lexists(path) or os.path.lexists(new) or path.is_symlink():
            return None
        path.rename(new)
        self.renamed.append((new, path))
        return f"{path.relative_to(self.root)} renamed to {new.name} ({kind}), for one build"

    def swap_with_dates(self) -> str | None:
        """Two same-size files swapped by renames, each name's dates put back."""
        pairs = [
            [self.issue(NEWEST) / name for name in TWINS],
            [self.issue(OLDER) / name for name in COVERS],
            [self.root / "static" / name for name in ("one.txt", "two.txt")],
        ]
        pairs = [
            (a, b)
            for a, b in pairs
            if a.is_file()
            and b.is_file()
            and not a.is_symlink()
            and not b.is_symlink()
            and a.stat().st_size == b.stat().st_size
            and a.read_bytes() != b.read_bytes()
        ]
        if not pairs:
            return None
        first, second = self.rng.choice(pairs)
        swap_keeping_dates(first, second)
        return f"{first.relative_to(self.root)} and {second.name} swapped by renames, dates put back"

    def same_size_elsewhere(self) -> str | None:
        """A same-size edit with the date put back outside the reviews: the static folder,
        the logo (one byte of the picture: it no longer decodes), an override, the settings."""
        places = [self.root / "static" / "notes.txt", self.root / "digest.toml"]
        places += [p for p in (self.root / "templates").glob("*") if p.is_file() and not p.is_symlink()]
        places = [p for p in places if p.is_file() and not p.is_symlink()]
        logo = self.root / "logo.png"
        if logo.is_file() and not logo.is_symlink() and self.rng.random() < 0.2:
            self.remember(logo)
            data = bytearray(logo.read_bytes())
            data[len(data) // 2] ^= 0x20
            keep_date(logo, lambda: logo.write_bytes(bytes(data)))
            return "one byte of logo.png changed, date put back"
        if not places:
            return None
        path = self.rng.choice(places)
        if path.name == "digest.toml":  # a letter of the site's title, not of a key
            text = path.read_text()
            title = re.search(r'^title = "([^"\n]*)"$', text, re.MULTILINE)
            if title is None or not title.group(1):
                return None
            self.remember(path)
            new = title.group(0).replace(title.group(1), title.group(1).swapcase(), 1)
            keep_date(path, lambda: path.write_text(text.replace(title.group(0), new, 1)))
            return "digest.toml: the title's case swapped, of one size, date put back"
        self.remember(path)
        if not flip_a_letter(path, self.rng):
            return None
        return f"same-size edit of {path.relative_to(self.root)}, date put back"

    def link_out(self) -> str | None:
        """For one build, a link out of the project where digest reads: a listed review, a
        stray file beside the reviews, a static file, an override, an issue folder, the
        templates folder."""
        outside = self.outside()
        reviews = [p for p in self.reviews(NEWEST) if p.is_file() and not p.is_symlink()]
        kind, path, target = self.rng.choice(
            [
                ("listed review", self.rng.choice(reviews) if reviews else None, outside / "elsewhere.md"),
                ("stray file", self.issue(OLDER) / "stray-link.md", outside / "elsewhere.md"),
                ("static file", self.root / "static" / "linked.txt", outside / "elsewhere.md"),
                ("override", self.root / "templates" / "web.css", outside / "elsewhere.md"),
                ("issue folder", self.issue("issue-2023"), outside / "issue"),
                ("templates folder", self.root / "templates", outside),
            ]
        )
        if path is None or not path.parent.is_dir() or path.is_symlink():
            return None
        self.for_one_build(path, lambda link: link.symlink_to(target))
        return f"{path.relative_to(self.root)}: a link out of the project ({kind}), for one build"

    def odd_kind(self) -> str | None:
        """For one build, a pipe, a socket or a character device (a null device) among an
        issue's files, the static folder's or the templates', or as a listed review."""
        kind = self.rng.choice(["pipe", "socket", "device"])
        reviews = [p for p in self.reviews(OLDER) if p.is_file() and not p.is_symlink()]
        where = self.rng.choice(
            [
                self.issue(NEWEST) / f"stray.{kind}",
                self.root / "static" / f"stray.{kind}",
                self.root / "templates" / f"stray.{kind}",
                self.rng.choice(reviews) if reviews else self.issue(NEWEST) / "x.md",
            ]
        )
        if not where.parent.is_dir() or where.is_symlink():
            return None

        def make(path: Path) -> None:
            if kind == "pipe":
                os.mkfifo(path)
            elif kind == "socket":
                make_socket(path)
            else:
                os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 3))

        try:
            self.for_one_build(where, make)
        except PermissionError:  # no devices made here (not root)
            return None
        return f"{where.relative_to(self.root)}: a {kind}, for one build"

    def long_name(self) -> str | None:
        """A file of 255 bytes' name (the most a file system takes) beside the reviews,
        unlisted, or listed in issue.md; or taken out again."""
        folder = self.issue(NEWEST)
        issue = folder / "issue.md"
        found = [p for p in folder.iterdir() if len(p.name.encode()) == 255]
        text = issue.read_text()
        if found:
            self.remember(found[0])
            found[0].unlink()
            self.write(issue, text.replace(f"      - {found[0].name}\n", "", 1))
            return "the review of a 255-byte name taken out"
        name = "é" * 60 + "x" * (255 - 120 - 3) + ".md"
        assert len(name.encode()) == 255
        (folder / name).write_text("---\ntitle: A long name\n---\nIts words.\n")
        if self.rng.random() < 0.5 and "    items:\n" in text:
            self.write(issue, text.replace("    items:\n", f"    items:\n      - {name}\n", 1))
            return "a review of a 255-byte name, listed"
        return "a file of a 255-byte name beside the reviews, unlisted"

    def odd_name(self) -> str | None:
        """For one build, a file whose name holds a control character, a line break or a
        byte that is not UTF-8: stray beside the reviews, in the static folder, or listed
        (the control character written as a YAML escape); no message may echo it raw."""
        spelled = self.rng.choice([b"red\x1b[31m.md", b"line\nbreak.md", b"bell\x07.md", b"latin\xe9.md"])
        kind = self.rng.choice(["stray", "static", "listed"])
        folder = self.root / "static" if kind == "static" else self.issue(NEWEST)
        if not folder.is_dir():
            return None
        path = Path(os.fsdecode(os.path.join(os.fsencode(folder), spelled)))
        if os.path.lexists(path):
            return None
        self.for_one_build(path, lambda made: made.write_text("---\ntitle: Oddly named\n---\nWords.\n"))
        issue = self.issue(NEWEST) / "issue.md"
        text = issue.read_text()
        if kind == "listed" and b"\xe9" not in spelled and "    items:\n" in text:
            escaped = spelled.decode().replace("\x1b", "\\e").replace("\n", "\\n").replace("\x07", "\\a")
            self.transient.append((issue, issue.read_bytes()))
            issue.write_text(text.replace("    items:\n", f'    items:\n      - "{escaped}"\n', 1))
        return f"a file named {spelled!r} ({kind}), for one build"

    def immutable_output(self) -> str | None:
        """The output folder made immutable (chattr +i: root is not stopped by permissions):
        a build must stop with one line naming it and leave it as it was. Or one file in it
        made so: the build goes on, equal to a clean build. Undone after the build."""
        dist = self.root / "dist"
        if not dist.is_dir() or shutil.which("chattr") is None or os.geteuid() != 0:
            return None
        whole = self.rng.random() < 0.5
        files = sorted(p for p in dist.rglob("*") if p.is_file() and not p.is_symlink() and p.name != MARKER)
        path = dist if whole or not files else self.rng.choice(files)
        inode = os.lstat(path).st_ino
        if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
            return None
        command = self.command()
        before = tree(dist)
        try:
            built = build(self.root, command)
        finally:
            for each in [self.root, *self.root.rglob("*")]:
                if os.lstat(each).st_ino == inode:
                    subprocess.run(["chattr", "-i", str(each)], check=True)
        where = (
            f"`digest {' '.join(command)}` with {path.relative_to(self.root)} immutable after {self.steps}"
        )
        clean = build(self.clean_copy(), command)
        if path == dist:
            assert built.exit_code == 1 and tree(dist) == before, f"{where}: {built.said}"
            if clean.exit_code == 0:  # else it stopped for what stops the clean build
                last = built.said.strip().splitlines()[-1]
                assert last.startswith("Error: <project>/dist: cannot write"), f"{where}: {built.said}"
            else:
                assert built.said == clean.said, f"{where}: {built.said}"
            return f"{where.split(' after ')[0]}: stopped, one line"
        assert (built.exit_code, built.dist) == (clean.exit_code, clean.dist), where
        self.built_in_step(command, built)
        return f"{where.split(' after ')[0]}: the same output as a clean build"

    # --- round 11 -------------------------------------------------------------------------

    def swap_across_issues(self) -> str | None:
        """shared.md, listed in both issues, of one size and other words in each: later the
        two swapped by renames across the issue folders, each name's dates put back."""
        first, second = self.issue(NEWEST) / "shared.md", self.issue(OLDER) / "shared.md"
        if first.is_file() and second.is_file() and not first.is_symlink() and not second.is_symlink():
            if first.stat().st_size != second.stat().st_size or first.read_bytes() == second.read_bytes():
                return None
            swap_keeping_dates(first, second)
            return "the two issues' shared.md swapped by renames across the folders, dates put back"
        if os.path.lexists(first) or os.path.lexists(second):
            return None
        for path, letter in ((first, "A"), (second, "B")):
            issue = path.parent / "issue.md"
            text = issue.read_text()
            head = "reviews:\n" if "reviews:\n" in text else "    items:\n"
            if head not in text:
                return None
            indent = "  " if head == "reviews:\n" else "      "
            path.write_text(f"---\ntitle: Shared {letter}\n---\nWords of the {letter} side.\n")
            self.write(issue, text.replace(head, f"{head}{indent}- shared.md\n", 1))
        return "shared.md written in both issues, of one size, listed in each"

    def equal_size_image(self) -> str | None:
        """An image replaced by another of exactly its weight, other pixels and often
        other dimensions (its width and height are in the pages), the date put back one
        time in two."""
        path = self.rng.choice(
            [
                self.issue(NEWEST) / "training-costs.png",
                self.issue(OLDER) / self.rng.choice(COVERS),
                self.root / "logo.png",
            ]
        )
        if not path.is_file() or path.is_symlink():
            return None
        length = path.stat().st_size
        colour = (self.rng.randrange(256), self.rng.randrange(256), self.rng.randrange(256))
        size = self.rng.choice([(40, 30), (30, 40), (60, 20), (16, 16)])
        data = png_of_size(colour, size, length)
        if data is None or data == path.read_bytes():
            return None
        self.remember(path)
        kept = self.rng.random() < 0.5
        if kept:
            keep_date(path, lambda: path.write_bytes(data))
        else:
            path.write_bytes(data)
        return f"{path.relative_to(self.root)} replaced by a {size[0]}x{size[1]} picture of its weight{', date put back' if kept else ''}"

    def link_within_project(self) -> str | None:
        """For one build, a listed review or an image made a link to one of the other issue's
        files: inside the project, outside the issue folder."""
        reviews = [p for p in self.reviews(NEWEST) if p.is_file() and not p.is_symlink()]
        others = [p for p in self.reviews(OLDER) if p.is_file() and not p.is_symlink()]
        image, cover = self.issue(NEWEST) / "training-costs.png", self.issue(OLDER) / COVERS[0]
        choices = []
        if reviews and others:
            choices.append((self.rng.choice(reviews), self.rng.choice(others)))
        if image.is_file() and not image.is_symlink() and cover.is_file():
            choices.append((image, cover))
        if not choices:
            return None
        path, target = self.rng.choice(choices)
        self.for_one_build(path, lambda link: link.symlink_to(os.path.relpath(target, link.parent)))
        return f"{path.relative_to(self.root)}: a link to {target.relative_to(self.root)}, for one build"

    def folder_for_file(self) -> str | None:
        """For one build, a folder where a file is looked for or a file where a folder is:
        issue.md, a listed review, an image or digest.toml a folder; the static folder, the
        templates folder, the added issue's folder or the issues folder a file."""
        reviews = [p for p in self.reviews(NEWEST) if p.is_file() and not p.is_symlink()]
        kind, path = self.rng.choice(
            [
                ("folder", self.issue(self.rng.choice(self.issues())) / "issue.md"),
                ("folder", self.rng.choice(reviews) if reviews else self.issue(NEWEST) / "x.md"),
                ("folder", self.issue(NEWEST) / "training-costs.png"),
                ("folder", self.root / "digest.toml"),
                ("file", self.root / "static"),
                ("file", self.root / "templates"),
                ("file", self.issue(EXTRA)),
                ("file", self.root / "issues"),
            ]
        )
        if path.is_symlink() or not path.parent.is_dir():
            return None

        def make(made: Path) -> None:
            if kind == "folder":
                made.mkdir()
                (made / "inside.md").write_text("---\ntitle: Inside\n---\nA file in a folder.\n")
            else:
                made.write_text("A file where a folder was.\n")

        self.for_one_build(path, make)
        return f"{path.relative_to(self.root)}: a {kind} in its place, for one build"

    def language(self) -> str | None:
        """[site] language set to one the theme translates (German, French, Portuguese of
        Portugal, Arabic and Hebrew, written right to left), one it does not, or back."""
        path = self.root / "digest.toml"
        text = path.read_text()
        found = re.search(r'^language = "[^"\n]*"$', text, re.MULTILINE)
        if found is None:
            return None
        value = self.rng.choice(["en", "de", "fr", "pt-PT", "ar", "he", "ja", "en-US"])
        line = f'language = "{value}"'
        if line == found.group(0):
            return None
        self.write(path, text.replace(found.group(0), line, 1))
        return f"digest.toml: {line}"

    def unicode_twins(self) -> str | None:
        """For one build, the twin of a name in the other Unicode form beside it (one file on
        macOS): a review, a static file."""
        folder = self.rng.choice([self.issue(NEWEST), self.root / "static"])
        if not folder.is_dir():
            return None
        composed = folder / "résumé.md"
        if not composed.exists():
            composed.write_text("---\ntitle: Résumé\n---\nComposed.\n")
            if folder.name == NEWEST and self.rng.random() < 0.5:
                issue = folder / "issue.md"
                text = issue.read_text()
                if "    items:\n" in text:
                    self.transient.append((issue, issue.read_bytes()))
                    issue.write_text(text.replace("    items:\n", "    items:\n      - résumé.md\n", 1))
            self.transient.append((composed, None))
        twin = folder / unicodedata.normalize("NFD", composed.name)
        if os.path.lexists(twin):
            return None
        twin.write_text("---\ntitle: Résumé\n---\nDecomposed.\n")
        self.transient.append((twin, None))
        return f"résumé.md beside its decomposed twin in {folder.relative_to(self.root)}, for one build"

    def restored(self) -> str | None:
        """A review deleted for a build, then restored as git or a backup does: the bytes it
        had at the start (a new inode), dated now or with the date it had."""
        target = self.rng.choice(self.reviews())
        name = target.relative_to(self.root).as_posix()
        if target.is_symlink() or not target.is_file():
            return None
        before = os.stat(target)
        self.remember(target)
        first = self.history[name][0]
        target.unlink()
        inner = self.inner_build()
        target.write_bytes(first)
        dated = self.rng.random() < 0.5
        if dated:
            os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
        return f"{name} deleted for {inner}, restored with its first bytes{', its date put back' if dated else ''}"

    def clock_backwards(self) -> str | None:
        """A source edited of one size and dated before it was (a clock set back, a file
        from a machine whose clock is behind): by a second, a day or a year."""
        places = [*self.reviews(), self.root / "digest.toml", self.root / "static" / "notes.txt"]
        places += [p for p in (self.root / "templates").glob("*") if p.is_file()]
        places += [self.issue(i) / "issue.md" for i in self.issues()]
        path = self.rng.choice([p for p in places if p.is_file() and not p.is_symlink()])
        before = os.stat(path)
        self.remember(path)
        edited = same_size_edit(path, self.rng) if path.suffix == ".md" else flip_a_letter(path, self.rng)
        if not edited:
            return None
        back = self.rng.choice([1, 86_400, 31_536_000]) * 1_000_000_000
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns - back))
        return (
            f"same-size edit of {path.relative_to(self.root)}, dated {back // 1_000_000_000} s before it was"
        )

    def device_after_walk(self) -> str | None:
        """A build during which a file of the issue folder too large to be held with it is
        replaced by a device giving bytes for ever (/dev/zero's), once the walk found it;
        the file is back after the build."""
        if os.geteuid() != 0:
            return None
        import digest.sources.issue as issue_module

        big = self.issue(NEWEST) / "big-unlisted.bin"
        big.write_bytes(b"z" * 1_200_000)  # over max_review_bytes' largest value here
        real_walk, swapped = issue_module.walk, []

        def walking(*args: object, **options: object) -> Iterator[object]:
            for found in real_walk(*args, **options):  # type: ignore[arg-type]
                if not swapped and getattr(found, "path", None) == str(big):
                    big.unlink()
                    os.mknod(big, 0o600 | stat.S_IFCHR, os.makedev(1, 5))
                    swapped.append(True)
                yield found

        issue_module.walk = walking  # type: ignore[assignment]
        try:
            inner = self.inner_build()
        finally:
            issue_module.walk = real_walk
        big.unlink()
        big.write_bytes(b"z" * 1_200_000)
        return (
            f"big-unlisted.bin made a device once walked during {inner}{'' if swapped else ' (not walked)'}"
        )

    def cache_oddities(self) -> str | None:
        """For one build, the cache folder made immutable (a read-only medium), or a pipe
        named as the database's rollback journal; compared by outcome and output (the
        first says it builds without the cache)."""
        cache = self.root / ".digest-cache"
        if not cache.is_dir() or cache.is_symlink():
            return None
        if self.rng.random() < 0.5:
            journal = cache / "build.sqlite3-journal"
            if os.path.lexists(journal):
                return None
            os.mkfifo(journal)
            return f"a pipe named {journal.name} in the cache folder, then {self.build_past_a_note()}"
        if shutil.which("chattr") is None or os.geteuid() != 0:
            return None
        if subprocess.run(["chattr", "+i", str(cache)], capture_output=True).returncode:
            return None
        try:
            done = self.build_past_a_note()
        finally:
            subprocess.run(["chattr", "-i", str(cache)], check=True)
        return f"the cache folder immutable, then {done}"

    def full_disk(self) -> str:
        """A build that may write no file larger than a limit (RLIMIT_FSIZE: writes fail as
        on a full disk): it succeeds as a clean build does, or stops with one line and the
        output untouched; what it left in the cache never shows in later builds."""
        import resource

        limit = self.rng.choice([4_000, 40_000, 400_000])
        command = self.command()
        dist = self.root / "dist"
        before = tree(dist) if dist.is_dir() else {}
        soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
        try:
            built = build(self.root, command)
        finally:
            resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        where = f"`digest {' '.join(command)}` writing at most {limit} bytes a file after {self.steps}"
        if built.exit_code == 0:
            clean = build(self.clean_copy(), command)
            assert (built.exit_code, built.dist) == (clean.exit_code, clean.dist), where
            self.built_in_step(command, built)
        else:
            lines = built.said.strip().splitlines()
            assert built.exit_code == 1 and lines[-1].startswith("Error: "), f"{where}: {built.said}"
            assert "Traceback" not in built.said, f"{where}: {built.said}"
            assert (tree(dist) if dist.is_dir() else {}) == before, f"{where}: the output changed"
        return f"{where.split(' after ')[0]} ({built.exit_code})"

    def interrupted(self) -> str:
        """A build stopped by Ctrl+C at a moment of its export: before or while the new tree
        is written, before or after the swap, or before the note of what it wrote. The
        output is then the last build's or the new one, whole."""
        import digest.output.export as export
        import digest.output.written as written

        where, name, after = self.rng.choice(
            [
                (export, "_write_new", False),
                (export, "_prune", False),
                (export, "_swap", False),
                (export, "_exchange", True),
                (export, "_keep", False),
                (written, "_write_replacing", False),
            ]
        )
        real, calls = getattr(where, name), [self.rng.randrange(3)]

        def stopping(*args: object, **options: object) -> object:
            calls[0] -= 1
            if calls[0] < 0 and not after:
                raise KeyboardInterrupt
            result = real(*args, **options)
            if calls[0] < 0:
                raise KeyboardInterrupt
            return result

        command = self.command()
        dist = self.root / "dist"
        before = tree(dist) if dist.is_dir() else {}
        setattr(where, name, stopping)
        try:
            built = build(self.root, command)
        finally:
            setattr(where, name, real)
        now = tree(dist) if dist.is_dir() else {}
        label = f"`digest {' '.join(command)}` stopped at {name}{' (after)' if after else ''}"
        if calls[0] >= 0:  # never reached: a build like any other
            clean = build(self.clean_copy(), command)
            assert built == clean, f"{label} after {self.steps}: not as a clean build"
            self.built_in_step(command, built)
            return f"{label}: not reached"
        assert built.exit_code == 130 and "Traceback" not in built.said, (  # the shell's code for Ctrl+C
            f"{label} after {self.steps}: {built.said}"
        )
        if now != before:
            clean = build(self.clean_copy(), command)
            assert now == clean.dist, f"{label} after {self.steps}: the output is neither the old nor the new"
            self.built_by, self.output_edited = command, True  # no note of it: the listing claims nothing
        return f"{label}: the output {'new' if now != before else 'as it was'}"

    # --- round 12 -------------------------------------------------------------------------

    def loop_of_links(self) -> str | None:
        """For one build, a link to itself (a loop no path resolves through) where a file or
        a folder is looked up: a listed review, a cover picture, a static file, a template
        override, an issue's folder, the static, templates or issues folder."""
        where = self.rng.choice(
            [
                self.rng.choice(self.reviews()),
                self.issue(OLDER) / COVERS[0],
                self.root / "static" / "notes.txt",
                self.root / "templates" / "issue.html.j2",
                self.issue(OLDER),
                self.root / "static",
                self.root / "templates",
                self.root / "issues",
            ]
        )
        if where.is_symlink() or not where.parent.is_dir():
            return None
        self.for_one_build(where, lambda path: path.symlink_to(path.name))
        return f"{where.relative_to(self.root)}: a link to itself, for one build"

    def issues_swapped(self) -> str | None:
        """For one build, the two issues' folders exchanged by renames: each id names the
        other's reviews, pictures and dates (put back as the next step begins)."""
        first, second = self.issue(NEWEST), self.issue(OLDER)
        between = self.issue(".swapping")
        if not first.is_dir() or not second.is_dir() or first.is_symlink() or second.is_symlink():
            return None
        first.rename(between)
        second.rename(first)
        between.rename(second)
        self.renamed.extend([(first, between), (second, first), (between, second)])
        return f"{NEWEST} and {OLDER} exchanged their folders' names, for one build"

    def old_cache_back(self) -> str | None:
        """The cache folder copied aside as a backup, and some steps later put back in place
        of the newer one (a backup restored, a branch switched with the cache in it): what
        it says of the sources and the output is older than both."""
        cache, aside = self.root / ".digest-cache", self.scratch / "cache-aside"
        if aside.is_dir():
            if cache.is_dir() and not cache.is_symlink():
                shutil.rmtree(cache)
            shutil.copytree(aside, cache, symlinks=True)
            shutil.rmtree(aside)
            self.output_edited = True  # its note of the output is an older export's
            return "the cache folder's older copy put back in its place"
        if not cache.is_dir() or cache.is_symlink():
            return None
        shutil.copytree(cache, aside, symlinks=True)
        return "the cache folder copied aside"

    def old_output_back(self) -> str | None:
        """The output folder moved aside whole (the same files, the same inodes), and some
        steps later moved back over the newer output: the next build meets an older build's
        tree in its place, of its own marker, which the cache no longer speaks for."""
        dist, aside = self.root / "dist", self.scratch / "dist-aside"
        if aside.is_dir():
            if dist.is_dir() and not dist.is_symlink():
                shutil.rmtree(dist)
            elif os.path.lexists(dist):
                return None
            aside.rename(dist)
            self.output_edited = True
            return "the output folder moved aside earlier moved back over the newer one"
        if not (dist / MARKER).is_file() or dist.is_symlink():
            return None
        dist.rename(aside)
        return "the output folder moved aside"

    def truncated_picture(self) -> str | None:
        """For one build, a picture cut short at half its bytes, its date put back (a copy
        interrupted, a download not finished)."""
        path = self.rng.choice([self.issue(OLDER) / COVERS[0], self.issue(NEWEST) / "training-costs.png"])
        if not path.is_file() or path.is_symlink():
            return None
        data = path.read_bytes()
        self.remember(path)
        self.transient.append((path, data))
        keep_date(path, lambda: path.write_bytes(data[: len(data) // 2]))
        return f"{path.relative_to(self.root)} cut short at half its bytes, date put back, for one build"

    def mode_flipped(self) -> str:
        """A source's permissions taken away for a build (chmod 000: refused to anyone but
        root) and given back after, edited of one size meanwhile, its date put back."""
        places = [*self.reviews(), self.issue(OLDER) / COVERS[0], self.issue(OLDER) / "issue.md"]
        path = self.rng.choice([p for p in places if p.is_file() and not p.is_symlink()])
        mode = stat.S_IMODE(os.stat(path).st_mode)
        path.chmod(0)
        try:
            inner = self.inner_build()
        finally:
            path.chmod(mode)
        if path.suffix == ".md":
            self.remember(path)
            same_size_edit(path, self.rng)
        return f"{path.relative_to(self.root)} chmod 000 during {inner}, then its mode back and edited"

    def denied_folder(self) -> str | None:
        """A build during which a folder may not be searched or listed (chmod 600 or 000:
        an issue's, the issues, templates, static, cache or output folder): it fails with
        one line naming it, or goes on without the cache; the next build is compared."""
        from tests.test_robustness import denied

        folders = [self.issue(NEWEST), self.issue(OLDER), self.root / "issues", self.root / "templates"]
        folders += [self.root / "static", self.root / ".digest-cache", self.root / "dist"]
        folder = self.rng.choice(
            [each for each in folders if each.is_dir() and not each.is_symlink()] or [None]
        )
        if folder is None:
            return None
        closed = self.rng.random() < 0.5
        command = self.command()
        dist = self.root / "dist"
        before = tree(dist) if dist.is_dir() else {}
        with denied(folder, closed):
            built = build(self.root, command)
        where = f"`digest {' '.join(command)}` with {folder.relative_to(self.root)} chmod {'000' if closed else '600'}"
        if built.exit_code != 0:
            lines = built.said.strip().splitlines()
            assert built.exit_code == 1 and lines[-1].startswith("Error: "), (
                f"{where} after {self.steps}: {built.said}"
            )
            assert (tree(dist) if dist.is_dir() else {}) == before, (
                f"{where} after {self.steps}: the output changed"
            )
        else:
            clean = build(self.clean_copy(), command)
            assert built.dist == clean.dist, f"{where} after {self.steps}: not as a clean build"
            self.built_in_step(command, built)
        return f"{where} ({built.exit_code})"

    # --- round 13 -------------------------------------------------------------------------

    def link_after_walk(self) -> str | None:
        """A build during which a listed review, a picture or a static file is replaced by a
        link out of the project (or to the project's settings) once the walk found it, as a
        hostile process racing the build would (TOCTOU); the file is back after the build
        with its date. What the link leads to may never reach the output."""
        import digest.sources.assets as assets_module
        import digest.sources.issue as issue_module

        outside = self.outside()
        reviews = [p for p in self.reviews() if p.is_file() and not p.is_symlink()]
        static = self.root / "static" / "notes.txt"
        places = [
            *(reviews[:1] if reviews else []),
            self.rng.choice(reviews) if reviews else None,
            self.issue(OLDER) / COVERS[0],
            self.issue(NEWEST) / "training-costs.png",
            static,
        ]
        path = self.rng.choice(
            [p for p in places if p is not None and p.is_file() and not p.is_symlink()] or [None]
        )
        if path is None:
            return None
        target = self.rng.choice([outside / "elsewhere.md", self.root / "digest.toml", Path("/etc/hostname")])
        module = assets_module if path == static else issue_module
        before, data = os.stat(path), path.read_bytes()
        real_walk, swapped = module.walk, []

        def walking(*args: object, **options: object) -> Iterator[object]:
            for found in real_walk(*args, **options):  # type: ignore[arg-type]
                if not swapped and getattr(found, "path", None) == str(path):
                    path.unlink()
                    path.symlink_to(target)
                    swapped.append(True)
                yield found

        module.walk = walking  # type: ignore[assignment]
        try:
            inner = self.inner_build()
        finally:
            module.walk = real_walk
            if path.is_symlink():
                path.unlink()
            path.write_bytes(data)
            os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        dist = self.root / "dist"
        leaked = [
            name
            for name, held in (tree(dist) if dist.is_dir() else {}).items()
            if b"Not the project's" in held
        ]
        assert not leaked, (
            f"{path} linked to {target} after the walk, during {inner} after {self.steps}: read {leaked}"
        )
        return (
            f"{path.relative_to(self.root)} made a link to {target.name} once walked during {inner}"
            f"{'' if swapped else ' (not walked)'}, then put back with its date"
        )

    def re_encoded(self) -> str | None:
        """A review saved anew in another encoding or form: UTF-8 with a byte order mark or
        Windows line ends, which a build reads as a clean build does, its date put back half
        the time; for one build, UTF-16 with its mark, Latin-1 or a NUL byte in its body,
        which a build refuses in one line."""
        reviews = [p for p in self.reviews() if p.is_file() and not p.is_symlink()]
        if not reviews:
            return None
        path = self.rng.choice(reviews)
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return None
        kind = self.rng.choice(["utf-8 bom", "crlf", "utf-16", "latin-1", "nul"])
        encoded = {
            "utf-8 bom": lambda: b"\xef\xbb\xbf" + data,
            "crlf": lambda: data.replace(b"\n", b"\r\n"),
            "utf-16": lambda: text.encode("utf-16"),
            "latin-1": lambda: (text + "\nCafé crème.\n").encode("latin-1", "replace"),
            "nul": lambda: data + b"\0 after a NUL.\n",
        }[kind]()
        if kind in ("utf-16", "latin-1", "nul"):
            self.for_one_build(path, lambda made: made.write_bytes(encoded))
            return f"{path.relative_to(self.root)} saved as {kind}, for one build"
        self.remember(path)
        if self.rng.random() < 0.5:
            keep_date(path, lambda: path.write_bytes(encoded))
            return f"{path.relative_to(self.root)} saved as {kind}, date put back"
        path.write_bytes(encoded)
        return f"{path.relative_to(self.root)} saved as {kind}"

    def front_matter_respelled(self) -> str | None:
        """A review's YAML front matter written in another spelling of the same values (a
        list in flow style, plain strings quoted, comments, the title anchored and its alias
        as the picture's alternative text, which is the title anyway), or, for one build,
        aliases that expand past any budget (billion laughs), lists nested 200 deep, or a
        front matter of 300,000 keys."""
        reviews = [p for p in self.reviews() if p.is_file() and not p.is_symlink() and p.suffix == ".md"]
        if not reviews:
            return None
        path = self.rng.choice(reviews)
        text = path.read_text(errors="replace")
        match = re.match(r"---\n(.*?\n)---\n", text, re.DOTALL)
        if match is None:
            return None
        front, body = match.group(1), text[match.end() :]
        kind = self.rng.choice(["flow", "quoted", "commented", "alias", "bomb", "nested", "enormous"])
        if kind in ("bomb", "nested", "enormous"):
            letters = "abcdefghi"
            added = {
                "bomb": "a: &a [x, x, x, x, x, x, x, x, x]\n"
                + "".join(
                    f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in itertools.pairwise(letters)
                ),
                "nested": "deep: " + "[" * 200 + "]" * 200 + "\n",
                "enormous": "".join(f"k{n}: {n}\n" for n in range(300_000)),
            }[kind]
            self.for_one_build(path, lambda made: made.write_text(f"---\n{added}{front}---\n{body}"))
            return f"{path.relative_to(self.root)}: front matter with {kind} values, for one build"
        respelled = respell(front, kind)
        if respelled is None or respelled == front:
            return None
        self.write(path, f"---\n{respelled}---\n{body}")
        return f"{path.relative_to(self.root)}: front matter respelled ({kind})"

    # --- round 14 -------------------------------------------------------------------------

    def folder_swapped_after_walk(self) -> str | None:
        """A build during which a folder above the files a walk found (an issue's folder, the
        static or the templates folder) is made a link to a copy outside the project, whose
        text files say something else, as the walk begins or once it listed the folder, and
        put back when that walk ends, as a process racing the build would: the paths the walk found then lead out of
        the project. Nothing of the copy may reach the output, nor the cache (the next build
        is compared with a clean one)."""
        import digest.files as files_module
        import digest.sources.assets as assets_module
        import digest.sources.issue as issue_module

        if not (self.root / "templates").is_dir() and self.rng.random() < 0.3:
            self.override()  # a templates folder to swap
        choices = [self.issue(NEWEST), self.issue(OLDER), self.root / "static", self.root / "templates"]
        folder = self.rng.choice([p for p in choices if p.is_dir() and not p.is_symlink()] or [None])
        if folder is None:
            return None
        copy = self.scratch / "outside-copy"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(folder, copy, symlinks=True, ignore=shutil.ignore_patterns(".*"))
        for path in copy.rglob("*"):
            if path.is_file() and not path.is_symlink() and path.suffix in (".md", ".txt", ".j2", ".css"):
                path.write_bytes(path.read_bytes() + b"\nNot the project's words.\n")
        aside, real = folder.with_name(f".aside-{folder.name}"), os.path.realpath(folder)
        when = self.rng.choice(["as the walk began", "once the walk listed it"])
        walks = {module: module.walk for module in (files_module, assets_module, issue_module)}
        swapped: list[bool] = []

        def put_back() -> None:
            if folder.is_symlink():
                folder.unlink()
                aside.rename(folder)

        def walker(real_walk: Callable[..., Iterator[object]]) -> Callable[..., Iterator[object]]:
            def walking(top: str, *args: object, **options: object) -> Iterator[object]:
                ours = not swapped and os.path.realpath(top) == real
                if ours and when == "as the walk began":
                    folder.rename(aside)
                    folder.symlink_to(copy, target_is_directory=True)
                    swapped.append(True)
                try:
                    for found in real_walk(top, *args, **options):
                        if ours and not swapped:
                            folder.rename(aside)
                            folder.symlink_to(copy, target_is_directory=True)
                            swapped.append(True)
                        yield found
                finally:  # the walk ended, or was given up to walk again
                    if ours:
                        put_back()

            return walking

        for module, real_walk in walks.items():
            module.walk = walker(real_walk)  # type: ignore[attr-defined]
        try:
            command = self.command()
            built = build(self.root, command)
        finally:
            for module, real_walk in walks.items():
                module.walk = real_walk  # type: ignore[attr-defined]
            put_back()
        self.built_in_step(command, built)
        leaked = [name for name, held in built.dist.items() if b"Not the project's words" in held]
        assert not leaked, (
            f"{folder} swapped for a link out during `digest {' '.join(command)}`: read {leaked}"
        )
        assert "Traceback" not in built.said and built.exit_code in (0, 1), built.said
        # A failure for the swap says to build again; any other is what the sources hold
        # anyway (a template that is a link out of its folder, seed 16132): a clean build says it.
        assert (
            built.exit_code == 0
            or "build again" in built.said
            or not swapped
            or build(self.clean_copy(), command).said == built.said
        ), built.said
        return (
            f"{folder.relative_to(self.root)} made a link to a copy outside {when} during "
            f"`digest {' '.join(command)}` ({built.exit_code}){'' if swapped else ' (not walked)'}, then put back"
        )

    # --- round 16 -------------------------------------------------------------------------

    def saved_as_walked(self) -> str | None:
        """A build during which an editor saves issue.md or a review of any issue the way
        editors do (a new file renamed over the old one), once the walk has listed the
        folder and before it reads the file: the build reads the saved file (the folder is
        walked again), and builds what a clean build of the saved sources builds."""
        import digest.sources.issue as issue_module

        issue_id = self.rng.choice(self.issues())
        folder = self.issue(issue_id)
        names = ["issue.md", *(p.name for p in self.reviews(issue_id) if not p.is_symlink())]
        path = folder / self.rng.choice(names)
        if not path.is_file() or path.is_symlink():
            return None
        self.remember(path)
        saved: list[str] = []
        real_read = issue_module.read_found

        def reading(found: object, *args: object) -> bytes:
            if not saved and getattr(found, "path", None) == str(path):
                fresh = path.with_name(f".{path.name}.saving")
                fresh.write_text(
                    path.read_text() + f"\nSaved as the build walked, {self.rng.randrange(100)}.\n"
                )
                os.replace(fresh, path)
                saved.append(path.name)
            return real_read(found, *args)  # type: ignore[arg-type]

        command = self.command()
        issue_module.read_found = reading  # type: ignore[assignment]
        try:
            built = build(self.root, command)
        finally:
            issue_module.read_found = real_read
        self.built_in_step(command, built)
        clean = build(self.clean_copy(), command)
        assert (built.exit_code, built.said, built.dist) == (clean.exit_code, clean.said, clean.dist), (
            f"{path} saved as walked during `digest {' '.join(command)}` after {self.steps}: "
            f"{built.said} / clean: {clean.said}"
        )
        return (
            f"{path.relative_to(self.root)} saved by a rename as the walk read it during "
            f"`digest {' '.join(command)}` ({built.exit_code}{'' if saved else ', not walked'})"
        )

    # --- round 15 -------------------------------------------------------------------------

    def settled(self, built: Built) -> Built:
        """`built` without the note of a damaged database replaced, where damage lay unread."""
        note = re.search(
            r"^note: .*: the build cache (was damaged and has been replaced|was unreadable and has been rebuilt"
            r"|was a folder and has been replaced)\n",
            built.said,
            re.MULTILINE,
        )
        if not self.latent_damage or note is None:
            return built
        self.latent_damage = False
        return Built(built.exit_code, built.said.replace(note.group(0), "", 1), built.dist)

    def compared_now(self, command: tuple[str, ...], label: str) -> Built:
        """A build the step makes now, compared with a clean build of the same sources: the
        same exit code, words and output."""
        built = self.settled(build(self.root, command))
        self.built_in_step(command, built)
        clean = build(self.clean_copy(), command)
        assert (built.exit_code, built.said, built.dist) == (clean.exit_code, clean.said, clean.dist), (
            f"`digest {' '.join(command)}` {label} after {self.steps}: {built.said} / clean: {clean.said}"
        )
        return built

    def intro_whitespace(self) -> str | None:
        """issue.md's introduction changed in its whitespace alone: Windows, old Mac or Unix
        line ends, spaces at a line's end (two make a line break), a blank line doubled, a
        space made two or a tab, the last line end taken away or added; the date put back
        one time in two."""
        path = self.issue(self.rng.choice(self.issues())) / "issue.md"
        if not path.is_file() or path.is_symlink():
            return None
        data = path.read_bytes()
        split = re.match(rb"(---\r?\n.*?\r?\n---[ \t]*(?:\r\n|\r|\n))(.*)", data, re.DOTALL)
        if split is None:
            return None
        head, intro = split.groups()
        kind = self.rng.choice(["crlf", "cr", "lf", "trailing", "blank", "spaces", "tab", "last"])
        lines = [m.start() for m in re.finditer(rb"\n", intro)] or [len(intro)]
        at = self.rng.choice(lines)
        if kind in ("crlf", "cr"):
            ending = b"\r\n" if kind == "crlf" else b"\r"
            whole = self.rng.random() < 0.5
            head = re.sub(rb"\r\n|\r|\n", ending, head) if whole else head
            intro = re.sub(rb"\r\n|\r|\n", ending, intro)
        elif kind == "lf":
            head, intro = (re.sub(rb"\r\n|\r", b"\n", part) for part in (head, intro))
        elif kind == "trailing":
            intro = intro[:at] + b" " * self.rng.randint(1, 3) + intro[at:]
        elif kind == "blank":
            intro = intro[:at] + b"\n" + intro[at:]
        elif kind in ("spaces", "tab"):
            spaces = [m.start() for m in re.finditer(rb"(?<=\S) (?=\S)", intro)]
            if not spaces:
                return None
            at = self.rng.choice(spaces)
            intro = intro[:at] + (b"  " if kind == "spaces" else b"\t") + intro[at + 1 :]
        else:
            intro = intro.rstrip(b"\r\n") if intro.endswith((b"\n", b"\r")) else intro + b"\n"
        if head + intro == data:
            return None
        self.remember(path)
        kept = self.rng.random() < 0.5
        if kept:
            keep_date(path, lambda: path.write_bytes(head + intro))
        else:
            path.write_bytes(head + intro)
        return f"{path.relative_to(self.root)}: whitespace of the introduction ({kind}){', date put back' if kept else ''}"

    def shared_image(self) -> str | None:
        """An image of an issue shown by two of its reviews (each given it as its picture or
        in its text), built, then replaced by other pixels of its weight with its date put
        back: every page, copy and email that shows it follows."""
        issue_id = self.rng.choice([NEWEST, OLDER])
        folder = self.issue(issue_id)
        images = sorted(p for p in folder.glob("*.png") if p.is_file() and not p.is_symlink())
        readers = [
            p for p in self.reviews(issue_id) if p.is_file() and not p.is_symlink() and p.suffix == ".md"
        ]
        if not images or len(readers) < 2:
            return None
        image = self.rng.choice(images)
        for review in self.rng.sample(readers, 2):
            try:
                text = review.read_text()
            except UnicodeDecodeError:
                return None
            picture = re.search(r"^image: .*\n", text, re.MULTILINE)
            if text.startswith("---\n") and self.rng.random() < 0.5:
                line = f"image: {image.name}\n"
                text = (
                    text.replace(picture.group(0), line, 1)
                    if picture
                    else text.replace("---\n", "---\n" + line, 1)
                )
            else:
                text += f"\n![The picture both show]({image.name})\n"
            self.write(review, text)
        inner = self.inner_build()
        colour = (self.rng.randrange(256), self.rng.randrange(256), self.rng.randrange(256))
        data = png_of_size(colour, self.rng.choice([(40, 30), (30, 40), (16, 16)]), image.stat().st_size)
        if data is None or data == image.read_bytes():
            return f"{image.relative_to(self.root)} shown by two reviews, built {inner}"
        self.remember(image)
        keep_date(image, lambda: image.write_bytes(data))
        return (
            f"{image.relative_to(self.root)} shown by two reviews, built {inner}, then other pixels "
            "of its weight, date put back"
        )

    def review_front_matter(self) -> str | None:
        """A review's front matter alone changed, moving it in the feeds and the archive or
        out of them: its date (a time zone away from the next day, far ahead, ambiguous), its
        updated date, tags, author, slug or draft flag; the feeds set to list reviews one time
        in three; the date put back one time in two."""
        target = self.rng.choice(self.reviews())
        if target.is_symlink() or not target.is_file():
            return None
        try:
            text = target.read_text()
        except UnicodeDecodeError:
            return None
        end = text.find("\n---\n", 3)
        if not text.startswith("---\n") or end < 0:
            return None
        key, values = self.rng.choice(
            [
                ("date", ["2023-05-01", "2025-12-31", "2026-01-02T23:30:00-11:00", "2026-01-02T00:30:00+14:00",
                          "2099-01-01", AMBIGUOUS_DATE, '"not a date"']),
                ("updated", ["2026-01-03", "2024-01-01", "2026-01-02T12:00:00Z"]),
                ("tags", ["[zeta, alpha]", "[twins]", "[]", "[Agents, agents]"]),
                ("author", ["Ann Other", "[Ann Other, Bo Beta]", '""']),
                ("slug", ["a-slug", "twin-a", "state-of-llms-2025"]),
                ("draft", ["true", "false", '"yes"']),
            ]
        )  # fmt: skip
        value = self.rng.choice(values)
        front, body = text[: end + 1], text[end + 1 :]
        found = re.search(rf"^{key}:.*\n(?:[ \t]+.*\n)*", front, re.MULTILINE)
        line = f"{key}: {value}\n"
        if found and self.rng.random() < 0.25:
            front, value = front.replace(found.group(0), "", 1), "(taken out)"
        elif found:
            front = front.replace(found.group(0), line, 1)
        else:
            front = front.replace("---\n", "---\n" + line, 1)
        if front + body == text:
            return None
        self.remember(target)
        refused = value in ('"not a date"', "twin-a", "state-of-llms-2025")  # a bad date, a slug taken
        if refused:  # every build stops on it: for one build, or the sequence builds nothing more
            self.transient.append((target, target.read_bytes()))
        kept = self.rng.random() < 0.5
        if kept:
            keep_date(target, lambda: target.write_text(front + body))
        else:
            target.write_text(front + body)
        done = f"{target.relative_to(self.root)}: {key} {value}{', date put back' if kept else ''}"
        done += ", for one build" if refused else ""
        if self.rng.random() < 0.33:
            feeds = self.toggle(
                self.root / "digest.toml", [('entries = "issues"\n', 'entries = "reviews"\n')]
            )
            done += f", and {feeds}" if feeds else ""
        return done

    def review_language(self) -> str | None:
        """A review said to be in another language: a `lang:` (or `language:`) key, its date
        written with that language's month names, a sentence of it at the end."""
        target = self.rng.choice(self.reviews())
        if target.is_symlink() or not target.is_file():
            return None
        try:
            text = target.read_text()
        except UnicodeDecodeError:
            return None
        if not text.startswith("---\n"):
            return None
        tag, date, sentence = self.rng.choice(
            [
                ("fr", "3 avril 2025", "Une phrase en français."),
                ("de", "3. April 2025", "Ein Satz auf Deutsch."),
                ("es", "3 de abril de 2025", "Una frase en español."),
                ("ja", "2025年4月3日", "日本語の文です。"),
                ("ar", "3 أبريل 2025", "جملة بالعربية."),
                ("he", "3 באפריל 2025", "משפט בעברית."),
                ("en-US", "April 3, 2025", "A sentence in English."),
            ]
        )
        key = self.rng.choice(["lang", "language"])
        front = re.sub(
            r"^(?:lang|language|date): .*\n", "", text.split("\n---\n", 1)[0] + "\n", flags=re.MULTILINE
        )
        rest = text.split("\n---\n", 1)[1] if "\n---\n" in text else ""
        front = front.replace("---\n", f"---\n{key}: {tag}\ndate: {date}\n", 1)
        self.write(target, f"{front}---\n{rest.rstrip()}\n\n{sentence}\n")
        return f"{target.relative_to(self.root)} said to be in {tag} ({key}), dated {date}"

    def link_scope(self) -> str | None:
        """A link added to, or taken from, a review or an issue's introduction, to what a build
        may or may not make: another issue (one `build ISSUE` leaves out, or one there is not),
        an anchor on a page (there or not), the archive, a feed, a static file, an asset; under
        base_url or relative; or a test server's (127.0.0.x: link checks are off)."""
        places = [*self.reviews(), *(self.issue(i) / "issue.md" for i in self.issues())]
        path = self.rng.choice([p for p in places if p.is_file() and not p.is_symlink()])
        try:
            text = path.read_text()
        except UnicodeDecodeError:
            return None
        added = re.findall(r"\n\[A scoped link \d+\]\([^)\n]*\)\n", text)
        if added and self.rng.random() < 0.4:
            taken = self.rng.choice(added)
            self.write(path, text.replace(taken, "\n", 1))
            return f"{path.relative_to(self.root)}: {taken.strip()} taken out"
        site = "https://digest.example.org/"
        target = self.rng.choice(
            [
                f"{site}{OLDER}/", f"{site}{NEWEST}/", f"{site}{EXTRA}/", f"../{OLDER}/", f"/{OLDER}/",
                f"{site}{NEWEST}/#also-worth-reading", f"{site}{NEWEST}/#no-such-anchor",
                f"{site}archive/2025/", f"{site}archive/2026/", f"{site}feed.xml", f"{site}notes.txt",
                f"{site}files/b.txt", f"{site}{OLDER}/review-mixture-of-experts/", f"{site}index.html#top",
                "http://127.0.0.2:9/page", f"{ELSEWHERE}page",
            ]
        )  # fmt: skip
        # A link to what a build does not make stops every build: most are there for one build,
        # or the sequence would build nothing more until a step happened to take it out.
        once = self.rng.random() < 0.6
        if once:
            self.transient.append((path, path.read_bytes()))
        self.write(path, text.rstrip("\n") + f"\n\n[A scoped link {self.rng.randrange(100)}]({target})\n")
        return f"{path.relative_to(self.root)}: a link to {target} added{', for one build' if once else ''}"

    def override_over_compiled(self) -> str | None:
        """An override that is the theme's own file, copied with its dates (digest keeps the
        theme's compiled code), built; then one letter of it changed with its date put
        back, or the override deleted, or deleted and built, then written back."""
        from digest.render.environment import theme_path

        name = self.rng.choice(
            ["issue.html.j2", "review.html.j2", "email.txt.j2", "email.mjml.j2", "archive.html.j2"]
        )
        path, theme = self.root / "templates" / name, theme_path() / name
        if os.path.lexists(path) and (path.is_symlink() or not path.is_file()):
            return None
        path.parent.mkdir(exist_ok=True)
        self.remember(path)
        shutil.copy2(theme, path)
        inner = self.inner_build()
        kind = self.rng.choice(["edited", "deleted", "deleted, built and written back"])
        if kind == "edited":
            flip_a_letter(path, self.rng)
        elif kind == "deleted":
            path.unlink()
        else:
            path.unlink()
            inner += f", {self.inner_build()}"
            shutil.copy2(theme, path)
            flip_a_letter(path, self.rng)
        return f"override {name} a copy of the theme's with its dates, built {inner}, then {kind}"

    def elsewhere_in_time(self) -> str:
        """A build under another time zone (TZ, as a machine set elsewhere runs it) or with
        the clock moved (a month and more ahead, a year back: the cache's housekeeping reads
        it), compared with a clean build under the same; the next builds run as before."""
        import time

        command = self.command()
        if self.rng.random() < 0.6:
            zone = self.rng.choice(
                ["Pacific/Kiritimati", "Etc/GMT+12", "America/St_Johns", "Asia/Kathmandu", "Europe/London"]
            )
            before = os.environ.get("TZ")
            os.environ["TZ"] = zone
            time.tzset()
            try:
                built = self.compared_now(command, f"under TZ={zone}")
            finally:
                if before is None:
                    del os.environ["TZ"]
                else:
                    os.environ["TZ"] = before
                time.tzset()
            return f"`digest {' '.join(command)}` under TZ={zone} ({built.exit_code})"
        days = self.rng.choice([31, 40, 400, -400, -2])
        real_time = time.time
        time.time = lambda: real_time() + days * 86_400
        try:
            built = self.compared_now(command, f"with the clock {days} days off")
        finally:
            time.time = real_time
        return f"`digest {' '.join(command)}` with the clock {days} days off ({built.exit_code})"

    def upgraded(self) -> str:
        """For one build, the installed libraries (or digest's own code) another version, as
        after an upgrade: the cache keys, the compiled theme and the build record change with
        them; compared with a clean build under the same versions, then back."""
        import hashlib

        import digest.cache
        import digest.output.record
        import digest.render.localefacts
        import digest.render.themecode

        which = self.rng.choice(["libraries_fingerprint", "code_fingerprint"])
        real = getattr(digest.cache, which)
        other = hashlib.sha256(f"{real()} upgraded {self.rng.randrange(3)}".encode()).hexdigest()
        modules = [digest.cache, digest.output.record, digest.render.localefacts, digest.render.themecode]
        command = self.command()
        for module in modules:
            setattr(module, which, lambda: other)
        digest.render.localefacts._table.cache_clear()
        try:
            built = self.compared_now(command, f"with {which} another")
        finally:
            for module in modules:
                setattr(module, which, real)
            digest.render.localefacts._table.cache_clear()
        return f"`digest {' '.join(command)}` with another {which} ({built.exit_code})"

    def process(self, command: tuple[str, ...], killed_at: int | None = None) -> subprocess.Popen[bytes]:
        """`digest` run as a command of its own in the project, in a session of its own; with
        `killed_at`, killing itself at that call of a file operation (KILLED_AT)."""
        start = ["-m", "digest"] if killed_at is None else ["-c", KILLED_AT, str(killed_at)]
        return subprocess.Popen(
            [sys.executable, *start, *command],
            cwd=self.root,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def concurrent_builds(self) -> str:
        """Two `digest build` processes of this project at once (one command, or two): each
        succeeds or fails as a clean build of its command does, without a traceback, and the
        output is one of theirs, whole."""
        commands = [self.command()]
        commands.append(commands[0] if self.rng.random() < 0.5 else self.command())
        dist = self.root / "dist"
        before = tree(dist) if dist.is_dir() else {}
        running = [self.process(command) for command in commands]
        said = [process.communicate(timeout=600)[0].decode(errors="replace") for process in running]
        label = f"`digest {' '.join(commands[0])}` and `digest {' '.join(commands[1])}` at once after {self.steps}"
        clean = {command: build(self.clean_copy(), command) for command in dict.fromkeys(commands)}
        for process, command, words in zip(running, commands, said, strict=True):
            assert "Traceback" not in words, f"{label}: {words}"
            assert process.returncode == clean[command].exit_code, (
                f"{label}: {words} / clean: {clean[command].said}"
            )
        now = tree(dist) if dist.is_dir() else {}
        made = [
            command for command in commands if clean[command].exit_code == 0 and clean[command].dist == now
        ]
        assert made or (now == before and all(c.exit_code for c in clean.values())), (
            f"{label}: the output is neither's: {said}; "
            + "; ".join(
                f"not as `{' '.join(c)}` in {sorted(n for n in {*now, *b.dist} if now.get(n) != b.dist.get(n))}"
                for c, b in clean.items()
            )
        )
        if made:
            self.built_in_step(made[-1], clean[made[-1]])
        return f"{label.split(' after ')[0]} ({', '.join(str(p.returncode) for p in running)})"

    def killed_build(self) -> str:
        """A `digest build` process killed with its workers (SIGKILL: nothing of it runs on)
        at a random moment: the output is the last build's or the new one, whole, and the
        next build builds what a clean build builds. Not replayed to the moment: the kill
        follows the clock."""
        import signal

        command = self.command()
        dist = self.root / "dist"
        before = tree(dist) if dist.is_dir() else {}
        delay = self.rng.choice([0.05, 0.2, 0.4, 0.6, 0.8, 1.0, 1.3, 1.7])
        at = self.rng.randrange(160) if self.rng.random() < 0.6 else None
        process = self.process(command, at)
        try:
            process.wait(timeout=600 if at is not None else delay)
            killed = False
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            killed = True
        assert process.stdout is not None
        words = process.stdout.read().decode(errors="replace")
        process.stdout.close()
        killed |= process.returncode == -9
        label = f"`digest {' '.join(command)}` killed " + (
            f"at file operation {at}" if at is not None else f"after {delay} s"
        )
        assert "Traceback" not in words, f"{label} after {self.steps}: {words}"
        now = tree(dist) if dist.is_dir() else {}
        if now != before:
            clean = build(self.clean_copy(), command)
            assert now == clean.dist, f"{label} after {self.steps}: the output is neither the old nor the new"
            self.built_by = command
            self.output_edited = killed  # no note of it, perhaps: the listing claims nothing
        return f"{label}: {'killed' if killed else f'done ({process.returncode})'}, the output {'new' if now != before else 'as it was'}"

    def cache_bytes_flipped(self) -> str | None:
        """Bytes of the build cache's database changed at random places, its size kept (a
        disk's or a copy's damage: anywhere, or in its first pages where SQLite keeps its
        header and the tables' roots); then a build with the output of a clean build, which
        says so at most once: the next says nothing more."""
        files = [cache / "build.sqlite3" for cache in self.caches()]
        files = [path for path in files if path.is_file() and not path.is_symlink() and path.stat().st_size]
        if not files:
            return None
        path = self.rng.choice(files)
        data = bytearray(path.read_bytes())
        where = self.rng.choice(["anywhere", "first pages"])
        span = len(data) if where == "anywhere" else min(len(data), 3 * 65_536)
        count = self.rng.choice([1, 4, 64])
        for _ in range(count):
            data[self.rng.randrange(span)] ^= 1 << self.rng.randrange(8)
        keep_date(path, lambda: path.write_bytes(bytes(data)))
        done = (
            f"{path.relative_to(self.root)}: {count} bits flipped ({where}), then {self.build_past_a_note()}"
        )
        self.latent_damage = path.is_file() and not intact(path)
        return done + (", damage left where it read nothing" if self.latent_damage else "")

    # --- round 16 -------------------------------------------------------------------------

    def damage_for_later(self) -> str | None:
        """build.sqlite3 damaged where the next build reads it, as a build, a disk or a kill
        leaves it: a value cut short, a page zeroed, the WAL a killed build left behind (whole,
        cut mid-frame, or with bits flipped), the database made a folder or a link. The next
        build (the sequence's) builds what a clean build does, and says so at most once."""
        import sqlite3

        database = self.root / ".digest-cache" / "build.sqlite3"
        if not database.is_file() or database.is_symlink():
            return None
        kind = self.rng.choice(
            ["value cut", "page zeroed", "wal left", "wal cut", "wal flipped", "folder", "link"]
        )
        if kind == "value cut":
            with contextlib.closing(sqlite3.connect(database)) as connection, connection:
                keys = [row[0] for row in connection.execute("SELECT key FROM entries ORDER BY key")]
                if not keys:
                    return None
                key = self.rng.choice(keys)
                connection.execute(
                    "UPDATE entries SET value = substr(value, 1, length(value) / 2) WHERE key = ?", (key,)
                )
            done = f"an entry of {database.name} cut to half its length"
        elif kind == "page zeroed":
            data = bytearray(database.read_bytes())
            pages = max(1, len(data) // 65_536)
            page = self.rng.randrange(pages)
            data[page * 65_536 : (page + 1) * 65_536] = bytes(min(65_536, len(data) - page * 65_536))
            keep_date(database, lambda: database.write_bytes(bytes(data)))
            done = f"page {page + 1} of {pages} of {database.name} zeroed"
        elif kind.startswith("wal"):
            self.killed_writer(database)
            wal = database.with_name(database.name + "-wal")
            if not wal.is_file():
                return None
            data = bytearray(wal.read_bytes())
            if kind == "wal cut" and len(data) > 32:
                data = data[: self.rng.randrange(32, len(data))]
            elif kind == "wal flipped":
                for _ in range(8):
                    data[self.rng.randrange(len(data))] ^= 1 << self.rng.randrange(8)
            wal.write_bytes(bytes(data))
            done = f"{database.name}'s WAL left by a killed writer" + (
                "" if kind == "wal left" else f", then {kind.split()[1]}"
            )
        elif kind == "folder":
            database.unlink()
            database.mkdir()
            (database / "stray").write_text("x")
            done = f"{database.name} made a folder"
        else:
            elsewhere = self.scratch / "elsewhere.sqlite3"
            shutil.copy2(database, elsewhere)
            database.unlink()
            database.symlink_to(elsewhere)
            done = f"{database.name} made a link to a copy outside the project"
        self.latent_damage = not (database.is_file() and intact(database))
        return done

    def killed_writer(self, database: Path) -> None:
        """A process that wrote to `database` as a build does and was killed before closing
        it: its WAL and index left beside the database, its last entry committed there only."""
        writer = (
            "import os, sqlite3, sys\n"
            "db = sqlite3.connect(sys.argv[1])\n"
            "db.execute('PRAGMA journal_mode=WAL')\n"
            "with db:\n"
            "    db.execute(\"INSERT OR REPLACE INTO entries VALUES ('killed-writer', x'00', 0)\")\n"
            "os._exit(0)\n"
        )
        subprocess.run([sys.executable, "-c", writer, str(database)], check=True)

    def timed_kill(self) -> str:
        """A `digest build` process sent SIGKILL, SIGTERM or SIGINT (Ctrl+C) at its Nth file
        operation, N and the signal drawn from the seed (replayed to the moment, as far as its
        threads let): no traceback; the output is the last build's or the new one, whole, never
        a mix; and a build made at once builds what a clean build builds, saying the same."""
        import signal

        command = self.command()
        chosen = self.rng.choice([signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
        at = self.rng.randrange(400)
        dist = self.root / "dist"
        before = tree(dist) if dist.is_dir() else {}
        process = subprocess.Popen(
            [sys.executable, "-c", SIGNALLED_AT, str(at), str(int(chosen)), *command],
            cwd=self.root,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        words = process.communicate(timeout=600)[0].decode(errors="replace")
        label = f"`digest {' '.join(command)}` sent {chosen.name} at file operation {at} after {self.steps}"
        assert "Traceback" not in words and "Aborted!" not in words, f"{label}: {words}"  # Click's, exit 1
        signalled = process.returncode in (-chosen, 130)
        if chosen == signal.SIGINT and signalled:
            assert process.returncode == 130 and words.endswith(INTERRUPTED), (
                f"{label}: {process.returncode} {words}"
            )
        now = tree(dist) if dist.is_dir() else {}
        if now != before:
            clean = build(self.clean_copy(), command)
            assert now == clean.dist, f"{label}: the output is neither the old nor the new"
            self.built_by = command
            self.output_edited = signalled
        self.compared_now(command, f"after {label}")
        return f"{label.split(' after ')[0]}: {'signalled' if signalled else f'done ({process.returncode})'}"

    # --- round 18 -------------------------------------------------------------------------

    def front_matter_of(self, path: Path) -> tuple[str, str] | None:
        """A review's front matter (its opening line to the end of its closing one) and body,
        where it is a plain UTF-8 file that has one."""
        if path.is_symlink() or not path.is_file():
            return None
        try:
            text = path.read_text()
        except UnicodeDecodeError:
            return None
        end = text.find("\n---\n", 3)
        if not text.startswith("---\n") or end < 0:
            return None
        return text[: end + 5], text[end + 5 :]

    def set_front_line(self, path: Path, key: str, value: str | None, kept: bool = False) -> bool:
        """`key: value` in `path`'s front matter (None: the key taken out), the date put
        back where `kept`; False where the file has no front matter or nothing changed."""
        split = self.front_matter_of(path)
        if split is None:
            return False
        front, body = split
        found = re.search(rf"^{key}:.*\n(?:[ \t]+.*\n)*", front, re.MULTILINE)
        line = "" if value is None else f"{key}: {value}\n"
        new = front.replace(found.group(0), line, 1) if found else front.replace("---\n", "---\n" + line, 1)
        if new == front:
            return False
        self.remember(path)
        if kept:
            keep_date(path, lambda: path.write_text(new + body))
        else:
            path.write_text(new + body)
        return True

    def site_files(self) -> str | None:
        """The files a site keeps beside its posts, which a review only names: an authors
        file (Docusaurus's, MkDocs Material's, JSON, a data folder's, one file a person), a
        tags file giving a tag's label, a Nikola `.meta` sidecar and Jekyll's detached front
        matter. Each written, edited with its size and date kept, moved to another of its
        places by a rename (its dates kept) or removed, while the review stays as it was."""
        folder = self.issue(NEWEST)
        twin = folder / TWINS[0]
        if not folder.is_dir() or self.front_matter_of(twin) is None:
            return None
        places = {
            "authors.yml": "ann:\n  name: Ann Author\n",
            ".authors.yml": "authors:\n  ann:\n    name: Ann Author\n",
            "data/authors.yml": "ann:\n  name: Ann Author\n",
            "_data/authors.yml": "ann:\n  name: Ann Author\n",
            "data/authors/ann.yaml": "name: Ann Author\n",
            "authors.json": '{"ann": {"name": "Ann Author"}}\n',
            "tags.yml": "twins:\n  label: Twinned\n",
            "twin-b.meta": "Twin B from its sidecar\ntwin-b-sidecar\n2025-11-30\n",
            "twin-b.md.fm.yaml": "title: Twin B detached\n",
        }
        name = self.rng.choice(list(places))
        path = folder / name
        kind = (
            "tags file" if name == "tags.yml" else "sidecar" if name.startswith("twin-b") else "authors file"
        )
        if kind == "authors file" and "authors: [ann]" not in twin.read_text():
            self.set_front_line(twin, "authors", "[ann]")
        if name.startswith("twin-b"):
            other = folder / TWINS[1]
            if not other.is_file() or other.is_symlink():
                return None
            split = self.front_matter_of(other)
            if name.endswith(".meta") and split is not None:
                # Nikola's sidecar is the metadata of a post without any of its own.
                self.remember(other)
                keep_date(other, lambda: other.write_text(split[1]))
        if not path.is_file() or path.is_symlink():
            if os.path.lexists(path) or (path.parent.exists() and not path.parent.is_dir()):
                return None
            path.parent.mkdir(parents=True, exist_ok=True)
            self.write(path, places[name])
            return f"{path.relative_to(self.root)} written ({kind})"
        choice = self.rng.random()
        if choice < 0.45:
            text = path.read_text()
            swaps = [("Ann", "Eve"), ("Twinned", "Twinsed"), ("sidecar", "sidecat"), ("detached", "detaches")]
            for old, new in swaps:
                if old in text:
                    changed = text.replace(old, new, 1)
                    break
                if new in text:
                    changed = text.replace(new, old, 1)
                    break
            else:
                return None
            self.remember(path)
            keep_date(path, lambda: path.write_text(changed))
            return f"same-size edit of {path.relative_to(self.root)} ({kind}), date put back"
        if choice < 0.7 and kind == "authors file":
            others = [
                folder / each
                for each in places
                if each.startswith(("authors", ".authors", "data", "_data")) and each != name
            ]
            target = self.rng.choice(others)
            if os.path.lexists(target) or (target.parent.exists() and not target.parent.is_dir()):
                return None
            target.parent.mkdir(parents=True, exist_ok=True)
            os.rename(path, target)
            return (
                f"{path.relative_to(self.root)} moved to {target.relative_to(folder)} by a rename, dates kept"
            )
        self.remember(path)
        path.unlink()
        return f"{path.relative_to(self.root)} removed ({kind})"

    def linked_by_name(self) -> str | None:
        """A review linking another of its issue by file name (`[the other](twin-b.md)`),
        then the other alone changed: its title (which moves its page), a slug, made a draft
        or published again; the date put back one time in two."""
        folder = self.issue(NEWEST)
        first, second = (folder / name for name in TWINS)
        split = self.front_matter_of(first)
        if split is None or self.front_matter_of(second) is None:
            return None
        link = f"[the other twin]({TWINS[1]})"
        if link not in first.read_text():
            self.write(first, first.read_text().rstrip("\n") + f" See {link}.\n")
            return f"{first.relative_to(self.root)} links {TWINS[1]} by its name"
        key, value = self.rng.choice(
            [
                ("title", "Twin B, retitled"),
                ("title", "Twin B"),
                ("slug", "the-b-twin"),
                ("slug", None),
                ("draft", "true"),
            ]
        )
        kept = self.rng.random() < 0.5
        before = second.read_bytes()
        if not self.set_front_line(second, key, value, kept):
            return None
        said = "taken out" if value is None else value
        if key == "draft":  # a link to a draft stops every build: for one build, or nothing more is built
            self.transient.append((second, before))
            said += ", for one build"
        return f"{second.relative_to(self.root)} (linked by name): {key} {said}{', date put back' if kept else ''}"

    def attached_file(self) -> str | None:
        """A file a review links (`[the paper](files/paper.pdf)`, beside it or in a folder of
        the issue) written, replaced by other bytes of its size with its date put back, its
        folder renamed with the link (dates kept), or for one build removed."""
        folder = self.issue(NEWEST)
        review = folder / TWINS[0]
        if self.front_matter_of(review) is None:
            return None
        text = review.read_text()
        found = re.search(r"\[the paper\]\(((?:files|papers)/)?paper\.pdf\)", text)
        if found is None:
            where = self.rng.choice(["", "files/"])
            self.write(review, text.rstrip("\n") + f" Read [the paper]({where}paper.pdf).\n")
            found = re.search(r"\[the paper\]\(((?:files|papers)/)?paper\.pdf\)", review.read_text())
            assert found is not None
        path = folder / f"{found.group(1) or ''}paper.pdf"
        if not path.is_file() or path.is_symlink():
            if os.path.lexists(path) or (path.parent.exists() and not path.parent.is_dir()):
                return None
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(b"%PDF-1.4\n% paper " + bytes([65 + self.rng.randrange(26)]) * 40 + b"\n%%EOF\n")
            return f"{path.relative_to(self.root)} written, linked by {review.name}"
        choice = self.rng.random()
        if choice < 0.5:
            data = bytearray(path.read_bytes())
            at = self.rng.randrange(len(data)) if data else 0
            if not data:
                return None
            data[at] = (data[at] + 1) % 256
            self.remember(path)
            keep_date(path, lambda: path.write_bytes(bytes(data)))
            return f"{path.relative_to(self.root)}: a byte changed, size and date kept"
        if choice < 0.75 and found.group(1):
            old = path.parent
            new = old.with_name("papers" if old.name == "files" else "files")
            if os.path.lexists(new):
                return None
            self.write(
                review, review.read_text().replace(found.group(0), f"[the paper]({new.name}/paper.pdf)", 1)
            )
            os.rename(old, new)
            return f"{old.relative_to(self.root)} renamed {new.name}, the link with it"
        self.for_one_build(path, lambda _: None)
        return f"{path.relative_to(self.root)} removed, for one build"

    def editor_leftovers(self) -> str | None:
        """What an editor leaves while it works (a Vim swap file, a backup, Emacs's lock and
        autosave, LibreOffice's lock, .DS_Store, Thumbs.db), beside the reviews, in the
        static folder or the templates: written, changed or removed; never published."""
        folder = self.rng.choice(
            [self.issue(NEWEST), self.issue(OLDER), self.root / "static", self.root / "templates"]
        )
        stem = self.rng.choice(["twin-a.md", "issue.md", "notes.txt", "email.txt.j2"])
        name = self.rng.choice(
            [
                f".{stem}.swp",
                f"{stem}~",
                f"#{stem}#",
                f".~lock.{stem}#",
                ".DS_Store",
                "Thumbs.db",
                f".#{stem}",
            ]
        )
        if not folder.is_dir() or folder.is_symlink():
            return None
        path = folder / name
        if path.is_symlink() or (os.path.lexists(path) and not path.is_file()):
            return None
        if path.is_file() and self.rng.random() < 0.4:
            path.unlink()
            return f"{path.relative_to(self.root)} removed (an editor's leftover)"
        path.write_bytes(bytes(self.rng.randrange(256) for _ in range(self.rng.randrange(1, 64))))
        return f"{path.relative_to(self.root)} written (an editor's leftover)"

    def site_settings(self) -> str | None:
        """A setting the other steps leave be: the base URL, the postal address, the site's
        description and author, the font stack, https_only; the date put back one time in two."""
        path = self.root / "digest.toml"
        if not path.is_file() or path.is_symlink():
            return None
        text = path.read_text()
        pairs = [
            ('base_url = "https://digest.example.org/"', 'base_url = "https://news.example.com/letters/"'),
            ('base_url = "https://digest.example.org/"', 'base_url = "https://digest.example.org/sub/"'),
            ('postal_address = "The Digest, 1 Example', 'postal_address = "The Digest, 2 Example'),
            ('description = "Long reads', 'description = "Short reads'),
            ('author = "The Digest editors"', 'author = "The Digest\'s editor"'),
            ("https_only = true", "https_only = false"),
            ("[theme]\n", '[theme]\nfont_stack = "Georgia, serif"\n'),
        ]
        first, second = self.rng.choice(pairs)
        for old, new in ((second, first), (first, second)):
            if old in text and not (old == "[theme]\n" and "font_stack" in text):
                changed = text.replace(old, new, 1)
                break
        else:
            return None
        self.remember(path)
        kept = len(changed) == len(text) and self.rng.random() < 0.5
        if kept:
            keep_date(path, lambda: path.write_text(changed))
        else:
            path.write_text(changed)
        return f"digest.toml: {old.strip()!r} -> {new.strip()!r}{', date put back' if kept else ''}"

    def other_image_formats(self) -> str | None:
        """A JPEG (its EXIF orientation saying how to turn it) and a GIF (animated) a review
        shows in its text: each written, given other pixels of its weight with its date put
        back, or the JPEG turned by one byte of its orientation, date put back."""
        folder = self.issue(NEWEST)
        review = folder / TWINS[1]
        if self.front_matter_of(review) is None:
            return None
        name = self.rng.choice(["photo.jpg", "loop.gif"])
        path = folder / name
        shown = f"![A {name.split('.')[0]}]({name})"
        if shown not in review.read_text():
            self.write(review, review.read_text().rstrip("\n") + f"\n\n{shown}\n")
        if os.path.lexists(path) and (path.is_symlink() or not path.is_file()):
            return None
        colour = (self.rng.randrange(256), self.rng.randrange(256), self.rng.randrange(256))
        if not path.is_file():
            made = jpeg(colour, 1) if name == "photo.jpg" else gif(colour)
            padded = padded_to(made, len(made) + 400, name.split(".")[1])  # room for other pixels
            assert padded is not None
            path.write_bytes(padded)
            return f"{path.relative_to(self.root)} written, shown by {review.name}"
        data = path.read_bytes()
        if name == "photo.jpg" and self.rng.random() < 0.4:
            turned = turn_jpeg(data, self.rng.choice([1, 3, 6, 8]))
            if turned is None or turned == data:
                return None
            self.remember(path)
            keep_date(path, lambda: path.write_bytes(turned))
            return f"{path.relative_to(self.root)}: its EXIF orientation changed, size and date kept"
        made = jpeg(colour, 1) if name == "photo.jpg" else gif(colour)
        padded = padded_to(made, len(data), name.split(".")[1])
        if padded is None or padded == data:
            return None
        self.remember(path)
        keep_date(path, lambda: path.write_bytes(padded))
        return f"{path.relative_to(self.root)}: other pixels of its weight, date put back"

    def dark_variant(self) -> str | None:
        """The older issue's covered review given a variant for dark backgrounds
        (`image_dark`), taken out again, or the variant given other pixels of its weight
        with its date put back."""
        folder = self.issue(OLDER)
        review, dark = folder / COVERED, folder / "cover-dark.png"
        if self.front_matter_of(review) is None or (os.path.lexists(dark) and not dark.is_file()):
            return None
        if not dark.is_file():
            made = png_of_size((20, 20, 20), (40, 30), len(png((20, 20, 20))) + 300)  # room for other pixels
            assert made is not None
            dark.write_bytes(made)
        if "image_dark:" not in review.read_text():
            self.set_front_line(review, "image_dark", "cover-dark.png")
            return f"{review.relative_to(self.root)}: image_dark cover-dark.png"
        if self.rng.random() < 0.3:
            self.set_front_line(review, "image_dark", None)
            return f"{review.relative_to(self.root)}: image_dark taken out"
        colour = (self.rng.randrange(256), self.rng.randrange(256), self.rng.randrange(256))
        data = png_of_size(colour, self.rng.choice([(40, 30), (30, 40)]), dark.stat().st_size)
        if data is None or data == dark.read_bytes():
            return None
        self.remember(dark)
        keep_date(dark, lambda: dark.write_bytes(data))
        return f"{dark.relative_to(self.root)}: other pixels of its weight, date put back"

    def into_a_folder(self) -> str | None:
        """A listed review moved into a folder of its issue (a page bundle) by a rename, its
        dates kept, issue.md and the links to it following; or moved back out."""
        folder = self.issue(NEWEST)
        issue = folder / "issue.md"
        if not issue.is_file() or issue.is_symlink():
            return None
        text = issue.read_text()
        bundled = [
            p for p in sorted(folder.glob("bundle/*.md")) if p.is_file() and f"- bundle/{p.name}\n" in text
        ]
        if bundled and (self.rng.random() < 0.5 or len(bundled) > 1):
            review = self.rng.choice(bundled)
            out = folder / review.name
            if os.path.lexists(out):
                return None
            self.write(issue, text.replace(f"- bundle/{review.name}\n", f"- {review.name}\n", 1))
            self.relinked(folder, f"bundle/{review.name}", review.name)
            os.rename(review, out)
            return f"{review.relative_to(self.root)} moved back out of its folder"
        listed = [
            p for p in self.reviews(NEWEST) if f"- {p.name}\n" in text and not p.is_symlink() and p.is_file()
        ]
        if not listed:
            return None
        review = self.rng.choice(listed)
        inner = folder / "bundle" / review.name
        if os.path.lexists(inner) or (inner.parent.exists() and not inner.parent.is_dir()):
            return None
        if re.search(r"^image:|\]\((?!https://)", review.read_text(errors="replace"), re.MULTILINE):
            return None  # what it shows or links would be looked for beside it
        inner.parent.mkdir(exist_ok=True)
        self.write(issue, text.replace(f"- {review.name}\n", f"- bundle/{review.name}\n", 1))
        self.relinked(folder, review.name, f"bundle/{review.name}")
        os.rename(review, inner)
        return f"{review.relative_to(self.root)} moved into bundle/ by a rename, dates kept"

    def relinked(self, folder: Path, old: str, new: str) -> None:
        """Links by file name to a review (`](old)`) in its issue's other reviews made `](new)`."""
        for other in folder.glob("*.md"):
            if other.is_symlink() or not other.is_file() or other.name == "issue.md":
                continue
            try:
                text = other.read_text()
            except UnicodeDecodeError:
                continue
            if f"]({old})" in text:
                self.write(other, text.replace(f"]({old})", f"]({new})"))

    def issues_folder_moved(self) -> str | None:
        """For one build, the issues folder renamed (its dates kept) and `[build] issues_dir`
        set to its new name: the same issues, built from elsewhere."""
        folder, settings = self.root / "issues", self.root / "digest.toml"
        if not folder.is_dir() or folder.is_symlink() or not settings.is_file() or settings.is_symlink():
            return None
        text = settings.read_text()
        moved = self.rng.choice(["letters", "issues-moved"])
        target = self.root / moved
        if "[build]\n" not in text or not re.search(r"^issues_dir = ", text, re.MULTILINE):
            return None
        if os.path.lexists(target):
            return None
        self.transient.append((settings, settings.read_bytes()))
        settings.write_text(
            re.sub(r"^issues_dir = .*$", f'issues_dir = "{moved}"', text, count=1, flags=re.MULTILINE)
        )
        os.rename(folder, target)
        self.renamed.append((target, folder))
        return f"the issues folder renamed {moved}, [build] issues_dir with it, for one build"

    def saved_unchanged(self) -> str | None:
        """A source saved with the bytes it held: by an editor's atomic save (a new file
        renamed over it: a new inode and dates), or touched (dated now, or a second on)."""
        places = [*self.reviews(), *(self.issue(i) / "issue.md" for i in self.issues())]
        places += [self.root / "digest.toml", self.root / "logo.png", *self.issue(OLDER).glob("*.png")]
        for each in ("static", "templates"):
            places += [p for p in (self.root / each).rglob("*") if p.is_file()]
        places = [p for p in places if p.is_file() and not p.is_symlink()]
        if not places:
            return None
        path = self.rng.choice(places)
        if self.rng.random() < 0.5:
            saved = path.with_name(f".{path.name}.saving")
            if os.path.lexists(saved):
                return None
            shutil.copyfile(path, saved)
            os.chmod(saved, os.stat(path).st_mode & 0o777)
            os.replace(saved, path)
            return f"{path.relative_to(self.root)} saved unchanged (a new file renamed over it)"
        before = os.stat(path)
        if self.rng.random() < 0.5:
            os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
            return f"{path.relative_to(self.root)} touched a second on, unchanged"
        os.utime(path)
        return f"{path.relative_to(self.root)} touched, unchanged"


STEPS: list[Callable[[Fuzz], str | None]] = [
    Fuzz.same_size_review,
    Fuzz.same_size_issue_file,
    Fuzz.append,
    Fuzz.undo,
    Fuzz.swap_twins,
    Fuzz.follow_the_hint,
    Fuzz.swap_covers,
    Fuzz.fillers,
    Fuzz.override,
    Fuzz.override,
    Fuzz.setting,
    Fuzz.issue_front_matter,
    Fuzz.issue_front_matter,
    Fuzz.review_draft,
    Fuzz.rename_review,
    Fuzz.extra_issue,
    Fuzz.sections,
    Fuzz.featured,
    Fuzz.picture,
    Fuzz.move,
    Fuzz.setting,
    Fuzz.static_files,
    Fuzz.logo,
    Fuzz.review_format,
    Fuzz.rename_issue,
    Fuzz.linked_review,
    Fuzz.skewed_time,
    Fuzz.override_link,
    Fuzz.reorder,
    Fuzz.metadata_only,
    Fuzz.move_across_issues,
    Fuzz.settings_layout,
    Fuzz.odd_entry,
    Fuzz.case_rename,
    Fuzz.shadow,
    Fuzz.unicode_rename,
    Fuzz.covers_exchanged,
    Fuzz.setting_value,
    Fuzz.include_chain,
    Fuzz.include_chain,
    Fuzz.rename_older_issue,
    Fuzz.copy_across_issues,
    Fuzz.link_to_other_review,
    Fuzz.unreadable_at_walk,
    Fuzz.edit_while_building,
    Fuzz.edit_while_building,
    Fuzz.truncate_and_refill,
    Fuzz.cache_settings,
    Fuzz.static_swap,
    Fuzz.edit_output,
    Fuzz.edit_output,
    Fuzz.damage_cache,
    Fuzz.case_only_rename,
    Fuzz.swap_with_dates,
    Fuzz.same_size_elsewhere,
    Fuzz.link_out,
    Fuzz.link_out,
    Fuzz.odd_kind,
    Fuzz.odd_kind,
    Fuzz.long_name,
    Fuzz.odd_name,
    Fuzz.odd_name,
    Fuzz.immutable_output,
    Fuzz.swap_across_issues,
    Fuzz.swap_across_issues,
    Fuzz.equal_size_image,
    Fuzz.link_within_project,
    Fuzz.folder_for_file,
    Fuzz.language,
    Fuzz.unicode_twins,
    Fuzz.restored,
    Fuzz.clock_backwards,
    Fuzz.device_after_walk,
    Fuzz.cache_oddities,
    Fuzz.full_disk,
    Fuzz.interrupted,
    Fuzz.loop_of_links,
    Fuzz.loop_of_links,
    Fuzz.issues_swapped,
    Fuzz.old_cache_back,
    Fuzz.old_output_back,
    Fuzz.truncated_picture,
    Fuzz.mode_flipped,
    Fuzz.denied_folder,
    Fuzz.link_after_walk,
    Fuzz.link_after_walk,
    Fuzz.re_encoded,
    Fuzz.front_matter_respelled,
    Fuzz.front_matter_respelled,
    Fuzz.folder_swapped_after_walk,
    Fuzz.folder_swapped_after_walk,
    Fuzz.saved_as_walked,
    Fuzz.saved_as_walked,
    Fuzz.intro_whitespace,
    Fuzz.shared_image,
    Fuzz.review_front_matter,
    Fuzz.review_front_matter,
    Fuzz.review_language,
    Fuzz.link_scope,
    Fuzz.link_scope,
    Fuzz.override_over_compiled,
    Fuzz.elsewhere_in_time,
    Fuzz.upgraded,
    Fuzz.concurrent_builds,
    Fuzz.killed_build,
    Fuzz.killed_build,
    Fuzz.cache_bytes_flipped,
    Fuzz.cache_bytes_flipped,
    Fuzz.damage_for_later,
    Fuzz.timed_kill,
    Fuzz.site_files,
    Fuzz.site_files,
    Fuzz.linked_by_name,
    Fuzz.attached_file,
    Fuzz.editor_leftovers,
    Fuzz.site_settings,
    Fuzz.other_image_formats,
    Fuzz.dark_variant,
    Fuzz.into_a_folder,
    Fuzz.saved_unchanged,
    Fuzz.issues_folder_moved,
    # Older bytes back: what the edits above break stays broken otherwise (a letter of a
    # link changed), and a sequence would build nothing more to compare.
    Fuzz.undo,
    Fuzz.undo,
]


ROUND_15: list[Callable[[Fuzz], str | None]] = [
    Fuzz.intro_whitespace,
    Fuzz.shared_image,
    Fuzz.review_front_matter,
    Fuzz.review_language,
    Fuzz.link_scope,
    Fuzz.override_over_compiled,
    Fuzz.elsewhere_in_time,
    Fuzz.upgraded,
    Fuzz.concurrent_builds,
    Fuzz.killed_build,
    Fuzz.cache_bytes_flipped,
]
ROUND_16: list[Callable[[Fuzz], str | None]] = [Fuzz.damage_for_later, Fuzz.timed_kill]
ROUND_18: list[Callable[[Fuzz], str | None]] = [
    Fuzz.site_files,
    Fuzz.linked_by_name,
    Fuzz.attached_file,
    Fuzz.editor_leftovers,
    Fuzz.site_settings,
    Fuzz.other_image_formats,
    Fuzz.dark_variant,
    Fuzz.into_a_folder,
    Fuzz.saved_unchanged,
    Fuzz.issues_folder_moved,
]
# The kinds of the rounds before 18: the weighted runs of rounds 15 and 16 draw from these,
# so that the seeds found then replay as they did.
BEFORE_18 = [step for step in STEPS if step not in ROUND_18]
# Round 16's kinds as often as all the others together.
WEIGHTED_16 = [step for step in BEFORE_18 if step not in ROUND_16] + ROUND_16 * (
    len([step for step in BEFORE_18 if step not in ROUND_16]) // len(ROUND_16)
)
# Round 15's kinds as often as all the others together, for the runs that tried them first.
# (Without round 16's, so that the seeds found then replay as they did.)
WEIGHTED_15 = [step for step in BEFORE_18 if step not in ROUND_15 and step not in ROUND_16] + ROUND_15 * (
    len([step for step in BEFORE_18 if step not in ROUND_15 and step not in ROUND_16]) // len(ROUND_15)
)
# Round 18's kinds as often as all the others together.
WEIGHTED_18 = BEFORE_18 + ROUND_18 * (len(BEFORE_18) // len(ROUND_18))


@dataclass(frozen=True)
class Built:
    """One build's outcome: exit code, what it said (the project's folder written as
    <project>) and the output folder's files when it succeeded."""

    exit_code: int
    said: str
    dist: dict[str, bytes]


# What a failed build adds where an output folder was built before (pipeline.build): the
# project under edits has one, its clean copy never has, and both say the rest alike.
UNTOUCHED = ", the previous build is untouched"


def _without_lost_pages(said: str) -> str:
    """What a build says, but its notes of the pages the last build wrote and it does not, and
    of the feed entries whose ids changed (output/lostpages.py): only a project built before
    has them to say."""
    return "".join(
        line
        for line in said.splitlines(keepends=True)
        if NO_LONGER_WRITTEN not in line and NEW_FEED_ID not in line
    )


def build(project: Path, command: tuple[str, ...]) -> Built:
    result: Result = run(project, *command)
    said = _without_lost_pages(result.output.replace(str(project), "<project>").replace(UNTOUCHED, ""))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    dist = tree(project / "dist") if result.exit_code == 0 else {}
    return Built(result.exit_code, said, dist)
