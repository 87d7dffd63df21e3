"""Replace the vendored caniemail snapshot with a newer one.

    python -m digest.checks.caniemail.refresh PATH

PATH is a folder holding a `features.json` of the same shape (or the file itself). It is
checked (source, licence, every result well formed) before it replaces the copy here, and
the commit line of README.md is rewritten to name the new source commit.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from digest.checks.caniemail import DATA_FILE

HERE = Path(__file__).resolve().parent
STATUSES = frozenset({"y", "n", "a", "u"})
COMMIT_LINE = re.compile(r"commit `[0-9a-f]{40}` \([0-9-]+\)")


class SnapshotError(ValueError):
    """The new snapshot is not one this package can read."""


def problems(data: Any) -> list[str]:
    """What is wrong with a snapshot, if anything (an empty list when it can be used)."""
    if not isinstance(data, dict):
        return ["the file is not a JSON object"]
    found = [f"no {key!r} key" for key in ("source", "nicenames", "features") if key not in data]
    source = data.get("source", {})
    if not re.fullmatch(r"[0-9a-f]{40}", str(source.get("commit", ""))):
        found.append("source.commit is not a full git commit hash")
    if "MIT" not in str(source.get("license", "")):
        found.append("source.license does not name the MIT licence")
    for slug, feature in data.get("features", {}).items():
        found += [f"{slug}: {problem}" for problem in _feature_problems(feature)]
    return found


def _feature_problems(feature: Any) -> list[str]:
    if not isinstance(feature, dict) or "title" not in feature or "support" not in feature:
        return ["needs a title and a support table"]
    # A result may cite a note the feature does not define (caniemail has a few): it is skipped.
    return [
        f"{family}/{platform} has status {result.get('s')!r}"
        for family, platforms in feature["support"].items()
        for platform, result in platforms.items()
        if result.get("s") not in STATUSES
    ]


def refresh(source: Path, target: Path = HERE) -> str:
    """Copy a checked snapshot over the vendored one; returns its commit."""
    path = source / DATA_FILE if source.is_dir() else source
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SnapshotError(f"{path}: cannot read it as JSON ({exc})") from None
    found = problems(data)
    if found:
        raise SnapshotError(f"{path}: " + "; ".join(found[:5]))
    commit, date = data["source"]["commit"], str(data["source"].get("commit_date", ""))[:10]
    (target / DATA_FILE).write_text(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    readme = target / "README.md"
    text = readme.read_text(encoding="utf-8")
    readme.write_text(COMMIT_LINE.sub(f"commit `{commit}` ({date})", text), encoding="utf-8")
    return str(commit)


def main(arguments: list[str]) -> int:
    if len(arguments) != 1:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        commit = refresh(Path(arguments[0]))
    except SnapshotError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"caniemail snapshot refreshed to commit {commit}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
