"""Files an editor's tools leave beside the sources while they work: swap files, backups,
autosaves and lock files, and the folder notes of file managers.

They are not the project's: a build neither publishes them nor reports them as unlisted
reviews, and one appearing or changing (Vim rewrites its swap file every few seconds)
neither makes an issue stale nor rebuilds the preview.
"""

from __future__ import annotations

import re

# Each pattern names the tool that writes such files, so the list can be checked.
SCRATCH_NAME = re.compile(
    r"""
    .+~                         # Emacs, Vim, gedit and nano backups: review.md~
    | \#.+\#                    # Emacs autosave: #review.md#
    | \.\#.+                    # Emacs lock: .#review.md
    | \..+\.sw[a-p]             # Vim swap: .review.md.swp, .swo, ...
    | .+\.kate-swp              # Kate swap
    | \.~lock\..+\#             # LibreOffice lock: .~lock.notes.odt#
    | ~\$.+                     # Microsoft Office owner file: ~$notes.docx
    | .+___jb_(?:tmp|old)___    # JetBrains safe-write temporaries
    | \.DS_Store | \._.+        # macOS Finder: folder notes, AppleDouble resource forks
    | Icon\r                    # macOS Finder: a folder's custom icon (its name ends in a CR)
    | Thumbs\.db | desktop\.ini # Windows Explorer
    """,
    re.VERBOSE | re.IGNORECASE,
)


def is_scratch(name: str) -> bool:
    """Whether the file `name` (a path relative to a walked folder, `/`-separated) is an
    editor's or a file manager's, by its own name."""
    return SCRATCH_NAME.fullmatch(name.rsplit("/", 1)[-1]) is not None
