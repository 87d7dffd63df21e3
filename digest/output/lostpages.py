"""The review pages the last build wrote and this one does not.

A review's page is named by its `slug:`, else by its title: retitling a review moves its
page, and the links to the old address in the emails already sent and in the feeds lead
nowhere. The build names each address it no longer writes, with the `slug:` that keeps it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

from digest.output.export import MARKER, is_digest_output
from digest.output.record import read_record

# A page name as digest makes one (render/markdown.py's slugify): nothing else in the
# output folder is taken for a review's page, nor printed.
PAGE_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")

# What each note says, after the page's address.
NO_LONGER_WRITTEN = ", a page of the last build, is no longer written"


def lost_pages(output: Path, outputs: Mapping[str, bytes]) -> list[str]:
    """A note for each review page of an issue both builds hold that the last build wrote
    into `output` and `outputs` leaves out; none for the draft reviews of a --drafts build."""
    if not is_digest_output(output):
        return []
    record = read_record(output / MARKER)
    if record is None:
        return []
    notes = []
    for issue_id in sorted(record.issues):
        if issue_id == record.drafts_of or f"{issue_id}/index.html" not in outputs:
            continue
        for name in _page_names(output / issue_id):
            if f"{issue_id}/{name}/index.html" not in outputs:
                notes.append(
                    f"{issue_id}/{name}/{NO_LONGER_WRITTEN} (a review retitled or taken out?): "
                    "the links to it in the emails already sent and in the feeds lead nowhere now; "
                    f"to keep the address, give the review 'slug: {name}'"
                )
    return notes


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
