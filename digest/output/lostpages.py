"""The issues and review pages the last build wrote and this one does not.

An issue's pages are named by its folder, and a review's page by its issue and its `slug:`,
else its title: renaming an issue, moving a review to another issue or retitling it moves
pages, and the links to the old addresses in the emails already sent and in the feeds lead
nowhere. The build names each address it no longer writes, with what keeps it, and each feed
entry whose id changed (a review's file renamed, `[feeds] id_prefix` changed), which feed
readers show again as new; and each copy of a picture in `assets/` it no longer writes (the
picture edited or taken out), which the emails already sent show no more (the newest issue's,
if it went out: digest keeps no record of sends, and the newest is most often a draft).
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Mapping
from functools import cached_property
from pathlib import Path, PurePath

from digest.errors import DigestError, quoted, unquoted
from digest.files import read_regular
from digest.output.export import MARKER, is_digest_output
from digest.output.record import BuildRecord, read_record, record_from_bytes
from digest.render.feeds import JSON_FEED_PATH

# A page name as digest makes one (render/markdown.py's slugify): nothing else in the
# output folder is taken for a review's page, nor printed.
PAGE_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")

# What each note says, after the address of what the last build wrote and this one does not.
NO_LONGER_WRITTEN = "no longer written"  # in every note of what the last build wrote and this one does not
LEAD_NOWHERE = "in the emails already sent and in the feeds lead nowhere now"
NEW_FEED_ID = "shown again as new in feed readers"
MAX_FEED_BYTES = 100_000_000
# The lost issues named one by one (as the files not listed in issue.md): a new naming scheme
# renames every issue, and a note an issue would bury the build's own lines.
MAX_ISSUES_NAMED = 10
MAX_PAGES_NAMED = 10


def lost_pages(output: Path, outputs: Mapping[str, bytes], record: bytes = b"") -> list[str]:
    """A note for each issue and each review page (ten of each, then their count) the last build
    wrote into `output` and `outputs` leaves out; none for a draft issue or the draft reviews of a
    --drafts build. `record`: this build's record, which tells a renamed issue by its files."""
    if not is_digest_output(output):
        return []
    last = read_record(output / MARKER)
    if last is None:
        return []
    notes: list[str] = []
    lost_issues = lost_review_pages = 0
    this_build = _ThisBuild(record, last)
    for issue_id in sorted(last.issues):
        if issue_id == last.drafts_of:
            continue
        if f"{issue_id}/index.html" not in outputs:
            lost_issues += 1
            if lost_issues <= MAX_ISSUES_NAMED:
                notes.append(_lost_issue(issue_id, _renamed(issue_id, last, this_build)))
            continue
        for name in _page_names(output / issue_id):
            if f"{issue_id}/{name}/index.html" not in outputs:
                lost_review_pages += 1
                if lost_review_pages <= MAX_PAGES_NAMED:
                    moved_to = _moved_to(output, this_build.pages_named(outputs, name), issue_id, name)
                    notes.append(_lost_page(issue_id, name, moved_to))
    if lost_issues > MAX_ISSUES_NAMED:
        notes.append(_more_lost_issues(lost_issues - MAX_ISSUES_NAMED))
    if lost_review_pages > MAX_PAGES_NAMED:
        notes.append(_more_lost_pages(lost_review_pages - MAX_PAGES_NAMED))
    return notes + _changed_feed_ids(output, outputs, last, this_build)


def _more_lost_issues(count: int) -> str:
    return (
        f"{count:,} more issues of the last build are {NO_LONGER_WRITTEN} (renamed, "
        f"removed or made drafts?): the links to their pages {LEAD_NOWHERE}; to keep their addresses, "
        "name their folders as they were"
    )


def _more_lost_pages(count: int) -> str:
    return (
        f"{count:,} more review pages of the last build are {NO_LONGER_WRITTEN} (reviews retitled, "
        f"moved or taken out?): the links to them {LEAD_NOWHERE}; to keep their addresses, give each "
        "review 'slug:' with its old page's name"
    )


class _ThisBuild:
    """This build's record, read once and only where a note needs it (an issue lost, a review's
    file renamed), with its new issues by the files they hold, and its pages by their names."""

    def __init__(self, written: bytes, last: BuildRecord) -> None:
        self._written = written
        self._last = last
        self._pages: defaultdict[str, list[str]] | None = None

    @cached_property
    def record(self) -> BuildRecord | None:
        return record_from_bytes(self._written) if self._written else None

    def pages_named(self, outputs: Mapping[str, bytes], name: str) -> list[str]:
        """The issues whose page `name` this build writes, in the order of their paths."""
        if self._pages is None:
            self._pages = defaultdict(list)
            for path in sorted(outputs):
                issue_id, _, rest = path.partition("/")
                page, _, index = rest.partition("/")
                if index == "index.html":
                    self._pages[page].append(issue_id)
        return self._pages.get(name, [])

    @cached_property
    def new_issues_holding(self) -> dict[str, list[str]]:
        """The issues new in this build holding each file's digest (an issue renamed is one)."""
        found: defaultdict[str, list[str]] = defaultdict(list)
        for issue_id, files in self.record.issues.items() if self.record else ():
            if issue_id not in self._last.issues:
                for digest in set(files.values()):
                    found[digest].append(issue_id)
        return found


ASSETS = "assets"


def lost_copies(output: Path, outputs: Mapping[str, bytes]) -> list[str]:
    """The copies in `assets/` the last build wrote into `output` and `outputs` leaves out; none
    after a --drafts build, whose draft reviews' pictures leave with them. Read before the
    export replaces the output."""
    if not is_digest_output(output):
        return []
    last = read_record(output / MARKER)
    if last is None or last.drafts_of:
        return []
    try:
        entries = list(os.scandir(output / ASSETS))
    except OSError:
        return []
    return sorted(
        entry.name
        for entry in entries
        if COPY_NAME.fullmatch(entry.name)
        and entry.is_file(follow_symlinks=False)
        and f"{ASSETS}/{entry.name}" not in outputs
    )


# A copy's name as render/assets.py makes one: the source's name, 12 hex digits of its digest.
COPY_NAME = re.compile(r"[^/\x00-\x1f\x7f]{1,200}-[0-9a-f]{12}\.[a-z0-9]{1,8}")


def newest_issue(record: bytes) -> str:
    """The newest published issue of the build whose record is `record`, or ""."""
    built = record_from_bytes(record) if record else None
    return (
        next((issue_id for issue_id, (_, after) in built.neighbours.items() if not after), "")
        if built
        else ""
    )


MAX_PAGE_BYTES = 50_000_000


def shown_by(output: Path, issue_id: str, names: list[str]) -> set[str]:
    """The copies of `names` that the last build's pages and email of `issue_id` in `output`
    show. Read before the export replaces the output."""
    if not issue_id or not names:
        return set()
    folder = output / issue_id
    pages = [
        folder / "index.html",
        folder / "email.html",
        *(folder / name / "index.html" for name in _page_names(folder)),
    ]
    shown: set[str] = set()
    for page in pages:
        if os.path.islink(page) or not page.is_file():
            continue
        try:
            text = read_regular(page, MAX_PAGE_BYTES, "page").decode("utf-8", "replace")
        except DigestError:
            continue
        shown.update(name for name in names if f"{ASSETS}/{name}" in text)
    return shown


def lost_copies_note(
    names: list[str], kept: Path | None, static_dir: str, drafted: Collection[str] = (), newest: str = ""
) -> list[str]:
    """A note for the copies `lost_copies` found, saying where the last build's are kept now
    (the tree the export replaced, in the cache folder, until the next build) and how to keep
    them published: a file of the same name in `static_dir` (`[build] static_dir`, as written)
    is published beside digest's copies. `drafted`: those the newest issue, `newest`, showed:
    digest keeps no record of what was sent, and the newest issue is most often still being
    drafted, so they are said lost to its email only if it went out."""
    sent = [name for name in names if name not in drafted]
    in_newest = [name for name in names if name in drafted]
    notes = []
    if sent:
        notes.append(
            _lost_copies(
                sent,
                kept,
                static_dir,
                "the emails already sent and feed readers show nothing where they were",
            )
        )
    if in_newest:
        said = (
            f"{newest}'s, the newest issue: if {newest} went out, its email and feed readers show "
            "nothing where they were"
        )
        notes.append(_lost_copies(in_newest, kept, static_dir, said))
    return notes


def _lost_copies(names: list[str], kept: Path | None, static_dir: str, lost_to: str) -> str:
    listed = ", ".join(f"{ASSETS}/{name}" for name in names[:5]) + (
        f" and {len(names) - 5} more" if len(names) > 5 else ""
    )
    copies = (
        "copy them"
        if kept is None or not (kept / ASSETS / names[0]).is_file()
        else f"copy them from {kept / ASSETS}/ (the last build's, kept there until the next build)"
    )
    return (
        f"{listed}: files of the last build are {NO_LONGER_WRITTEN} (edited or taken out?): "
        f"{lost_to}; to keep them published, {copies} into {PurePath(static_dir, ASSETS).as_posix()}/ "
        "under the same names"
    )


def _changed_feed_ids(
    output: Path, outputs: Mapping[str, bytes], last: BuildRecord, this_build: _ThisBuild
) -> list[str]:
    """A note for each entry of the last build's JSON Feed whose page this build's feed holds
    under another id; one for them all where the ids changed otherwise than by a review's name."""
    if JSON_FEED_PATH not in outputs:
        return []
    before = _entry_ids(_last_feed(output / JSON_FEED_PATH))
    now = _entry_ids(outputs[JSON_FEED_PATH])
    changed = [(url, before[url], now[url]) for url in sorted(now) if before.get(url, now[url]) != now[url]]
    renamed = [each for each in changed if _review_renamed(each[1], each[2])]
    gone = _files_gone(last, this_build.record) if renamed else set()
    notes = [_new_review_id(url, old, new, gone) for url, old, new in renamed]
    others = [each for each in changed if each not in renamed]
    if others:
        url, old, new = others[0]
        count = f"{len(others)} entries have new ids" if len(others) > 1 else "1 entry has a new id"
        notes.append(
            f"{JSON_FEED_PATH}: {count} ({unquoted(url)}: {quoted(new)}, was {quoted(old)}): "
            f"they are {NEW_FEED_ID}; "
            "to keep their ids, keep [feeds] id_prefix as it was"
        )
    return notes


def _new_review_id(url: str, old: str, new: str, gone: set[str]) -> str:
    """A review's id is its `slug:`, else its file's name (without its suffix): its file renamed
    changes it, and so does a slug given to keep a retitled review's page (the lost page's
    advice), as it names the id too."""
    said = (
        f"{JSON_FEED_PATH}: the entry of {unquoted(url)} has a new id, {quoted(new)} (was {quoted(old)}): "
        f"it is {NEW_FEED_ID}"
    )
    old_name, new_name = old.rpartition("/")[2], new.rpartition("/")[2]
    if old_name in gone:
        return f"{said}; to keep its id, name the review's file {quoted(old_name)} again (with its suffix)"
    if new_name == url.rstrip("/").rpartition("/")[2]:
        return (
            f"{said}, as 'slug: {new_name}' names the entry's id as well as its page (without it, the "
            f"id is the file's name, {quoted(old_name)}): remove the slug to keep the id, or keep it "
            "for the page"
        )
    return f"{said} (the review's 'slug:' changed?); to keep its id, give it 'slug: {old_name}'"


def _files_gone(last: BuildRecord, now: BuildRecord | None) -> set[str]:
    """The names, without their suffixes, of the files of the last build's issues that this
    build's issues no longer hold."""
    if now is None:
        return set()
    return {
        name.rpartition(".")[0] or name
        for issue_id, files in last.issues.items()
        for name in files
        if name not in now.issues.get(issue_id, {})
    }


def _review_renamed(old: str, new: str) -> bool:
    """The ids differ only in the review's own name, after the issue's."""
    return old.rpartition("/")[0] == new.rpartition("/")[0] != ""


def _last_feed(path: Path) -> bytes:
    if os.path.islink(path):  # never digest's: read nothing through it
        return b""
    try:
        return read_regular(path, MAX_FEED_BYTES, "feed")
    except DigestError:
        return b""


def _entry_ids(feed: bytes) -> dict[str, str]:
    """Each entry's id by its page's address, as a JSON Feed lists them."""
    try:
        items = json.loads(feed).get("items", []) if feed else []
    except (ValueError, AttributeError, RecursionError):
        return {}
    if not isinstance(items, list):
        return {}
    return {
        item["url"]: item["id"]
        for item in items
        if isinstance(item, dict) and isinstance(item.get("url"), str) and isinstance(item.get("id"), str)
    }


def _lost_issue(issue_id: str, renamed: str) -> str:
    if renamed:
        return (
            f"{issue_id}/, an issue of the last build, is {NO_LONGER_WRITTEN} (renamed {renamed}, by "
            f"its files): the links to its pages {LEAD_NOWHERE}, and feed readers show it again as a new "
            f"entry; to keep its addresses, name its folder '{issue_id}' again"
        )
    return (
        f"{issue_id}/, an issue of the last build, is {NO_LONGER_WRITTEN} (removed, renamed or made "
        f"a draft?): the links to its pages {LEAD_NOWHERE}"
    )


def _lost_page(issue_id: str, name: str, moved_to: str) -> str:
    if moved_to:
        return (
            f"{issue_id}/{name}/, a page of the last build, is {NO_LONGER_WRITTEN}: the review is now "
            f"at {moved_to}/{name}/ (moved to another issue?): the links to the old address "
            f"{LEAD_NOWHERE}; to keep the address, keep a copy of the review in {issue_id}, listed in "
            "its issue.md"
        )
    return (
        f"{issue_id}/{name}/, a page of the last build, is {NO_LONGER_WRITTEN} (a review retitled or "
        f"taken out?): the links to it {LEAD_NOWHERE}; to keep the address, give the review 'slug: {name}'"
    )


def _renamed(issue_id: str, last: BuildRecord, this_build: _ThisBuild) -> str:
    """The issue of this build, new in it, that holds most of the files `issue_id` held in the
    last build (at least half of them, by their bytes), or ""."""
    held = set(last.issues[issue_id].values())
    holding = this_build.new_issues_holding
    shared = Counter(other for digest in held for other in holding.get(digest, ()))
    best = max(sorted(shared), key=lambda other: shared[other], default="")
    return best if best and 2 * shared[best] >= len(held) > 0 else ""


def _moved_to(output: Path, writing: list[str], issue_id: str, name: str) -> str:
    """The other issue, of those `writing` a page `name` in this build, whose page the last build
    did not write, or ""."""
    for other in writing:
        if other != issue_id and not os.path.isfile(os.path.join(output, other, name, "index.html")):
            return other
    return ""


def _page_names(folder: Path) -> list[str]:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    return sorted(
        entry.name
        for entry in entries
        if PAGE_NAME.fullmatch(entry.name)
        and entry.is_dir(follow_symlinks=False)
        and os.path.isfile(os.path.join(entry.path, "index.html"))
    )
