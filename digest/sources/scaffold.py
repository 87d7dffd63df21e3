"""`digest new`: start an issue folder with an `issue.md` whose every field is present and explained."""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path

from digest.config import Config
from digest.errors import ContentError, DigestError, RefusedOption, printable, quoted
from digest.files import read_source
from digest.sources.issue import (
    ISSUE_FILE,
    BadIssueId,
    case_twin,
    case_twin_problem,
    check_issue_id,
    odd_issue_place,
)

ISSUE_TEMPLATE = """\
---
# The issue's headline: the web edition's title and the feed entry's title.
title: {title}
# The issue's date, YYYY-MM-DD: orders the archive and dates reviews that give none.
date: {date}
# The email's subject line; left empty, the title is used.
subject: ""
# The inbox preview shown after the subject (the email checks require one): 60-110 characters.
preheader: ""
# The reviews to publish, in order: file names in this folder, one '- name.md' line each.
# `digest import FILE --issue {issue_id}` writes a review here and adds it to this list.
# An item may also be a short link written here: '- title: ...', 'url: ...', and an
# optional 'comment:' (a line or two of Markdown), 'author:' and 'tags:'.
reviews: []
# Or group the items under named sections instead of 'reviews:', for example:
#   - title: Also worth reading
#     items: [some-review.md]
sections: []
# The review to show first and largest, one of the files listed; empty: the one whose
# front matter says 'featured: true', if any.
featured:
# The issue's number, shown in the masthead and the subject; empty: none.
number:{number}
# While true (or while no review is listed), building another issue leaves this one out
# of the archive and the feeds; building it by name says what it still lacks.
draft: false
---
{intro}
"""

# The introduction `digest new` writes; a build warns while it is still there.
INTRO_PLACEHOLDER = (
    "Write the editor's introduction here, in Markdown: why these reviews, and in what order to read them."
)


def issue_text(issue_id: str, title: str, issue_date: date, number: int | None = None) -> str:
    """The scaffold of an `issue.md`: YAML front matter with a comment on each field."""
    return ISSUE_TEMPLATE.format(
        title=json.dumps(" ".join(title.split()), ensure_ascii=False),
        date=issue_date.isoformat(),
        issue_id=issue_id,
        number=f" {number}" if number is not None else "",
        intro=INTRO_PLACEHOLDER,
    )


NUMBER_LINE = re.compile(r"""^number:[ \t]*["']?(\d{1,9})["']?[ \t]*(?:#.*)?$""", re.M)
ISSUE_FILE_READ = 1_000_000  # far above any issue.md's front matter


def next_number(config: Config) -> int | None:
    """The number after the highest one an issue's front matter gives, when any does: a
    weekly newsletter counts its issues, and last week's number copied is an error."""
    numbers: list[int] = []
    for name in _names_in(config.issues_path):
        try:
            text = read_source(
                config.issues_path / name / ISSUE_FILE, config.issues_path / name, ISSUE_FILE_READ
            )
        except (DigestError, OSError):
            continue  # not an issue, or one the build will name: no number to count
        front = text.decode("utf-8", "replace").split("\n---", 1)[0]
        numbers.extend(int(match.group(1)) for match in NUMBER_LINE.finditer(front))
    return max(numbers) + 1 if numbers else None


def _title_problem(title: str) -> str | None:
    """Why `title` cannot be an issue's headline: a character a terminal acts on or no page
    shows (control characters, direction overrides, bytes that are not UTF-8), or None."""
    shown = printable(" ".join(title.split()))
    if shown == " ".join(title.split()):
        return None
    return (
        f"--title {quoted(' '.join(title.split()))} holds a character no page shows as written (a "
        f"control character, a "
        "direction override or a byte that is not UTF-8, written here as an escape): remove it"
    )


def _names_in(folder: Path) -> list[str]:
    """Every name in the issues folder, an issue's or not yet (a folder without issue.md)."""
    try:
        return os.listdir(folder)
    except OSError:
        return []


def new_issue(config: Config, issue_id: str, *, title: str | None, issue_date: date) -> Path:
    """Create `issues/<id>/issue.md`; an existing issue is never overwritten."""
    check_issue_id(issue_id, config)
    if twin := case_twin(issue_id, _names_in(config.issues_path)):
        raise BadIssueId(f"{case_twin_problem(issue_id, twin)}: choose another id")
    folder = config.issues_path / issue_id
    path = folder / ISSUE_FILE
    if folder.is_symlink():  # builds never walk a folder link: the issue would be written out of sight
        raise ContentError(
            "is a link to a folder: digest never writes through a link, and builds pass over it; "
            "remove the link and run `digest new` again",
            folder,
        )
    if (odd := odd_issue_place(folder)) is not None:
        raise odd
    if path.exists():
        raise ContentError(
            "the issue already exists and is left as it is: choose another id or edit this file", path
        )
    headline = title if title and title.strip() else issue_id
    if problem := _title_problem(headline):
        raise RefusedOption(problem)
    data = issue_text(issue_id, headline, issue_date, next_number(config)).encode("utf-8")
    # Imported here: every build imports this module (for INTRO_PLACEHOLDER), and the
    # importer package that comes with create_new cost each one 18 ms.
    from digest.sources.importer.writes import create_new

    try:
        folder.mkdir(parents=True, exist_ok=True)
        create_new(path, data)  # removed again if its write fails (a full disk)
    except FileExistsError:
        raise ContentError("the issue already exists and is left as it is", path) from None
    except OSError as exc:
        raise ContentError(f"cannot create the issue ({exc.strerror}): check the folder", folder) from None
    return path


def numbered(path: Path) -> int | None:
    """The number `digest new` gave the issue it wrote at `path`, if it gave one."""
    try:  # read as every issue.md is: no link followed, the size checked first
        text = read_source(path, path.parent, ISSUE_FILE_READ).decode("utf-8", "replace")
    except (DigestError, OSError):
        return None
    match = NUMBER_LINE.search(text)
    return int(match.group(1)) if match else None
