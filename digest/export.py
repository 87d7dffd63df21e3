"""Stage 6: write a whole build atomically.

Everything is written into a temporary folder beside `dist/`, then swapped in with
renames, so a failed or killed build leaves the previous `dist/` complete.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from digest.errors import DigestError

STAGING_PREFIX = ".digest-staging-"
RETIRED_PREFIX = ".digest-old-"


def export(outputs: Mapping[str, bytes], target: Path) -> None:
    """Replace `target` with exactly `outputs` ({relative path: content})."""
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(parent, target.name)
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{target.name}-", dir=parent))
    except OSError as exc:
        raise DigestError(
            f"cannot write the output folder ({exc.strerror}): check its permissions", parent
        ) from None
    try:
        _write_tree(staging, outputs)
        _swap(staging, target)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise DigestError(
            f"cannot write the output ({exc.strerror}): check permissions and free space", target
        ) from None


def _write_tree(root: Path, outputs: Mapping[str, bytes]) -> None:
    for relative, content in sorted(outputs.items()):
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
    os.chmod(root, 0o755)


def _swap(staging: Path, target: Path) -> None:
    """Two renames: the old tree moves aside, the new one takes its name, the old one goes."""
    retired = target.parent / f"{RETIRED_PREFIX}{target.name}"
    if target.exists():
        os.replace(target, retired)
    os.replace(staging, target)
    shutil.rmtree(retired, ignore_errors=True)


def _remove_leftovers(parent: Path, name: str) -> None:
    """Folders left by a build that was killed: a staging tree, or an old tree not yet removed."""
    target = parent / name
    for leftover in parent.glob(f"{STAGING_PREFIX}{name}-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    retired = parent / f"{RETIRED_PREFIX}{name}"
    if retired.exists():
        if not target.exists():  # killed between the two renames: the old tree is the last good one
            os.replace(retired, target)
        else:
            shutil.rmtree(retired, ignore_errors=True)
