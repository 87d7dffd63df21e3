"""Golden files: the demo issue's whole build, committed and compared byte for byte.

Regenerate with `make golden` after an intended change, and review the diff like code.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from digest.config import load_config
from digest.pipeline import prepare

REPO = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
GOLDEN_ISSUE = "issue-2025"


PROFILES = ("mailchimp", "buttondown", "listmonk", "mailerlite", "kit", "substack")


def build_demo(folder: Path) -> dict[str, bytes]:
    """The demo project's outputs, built from a copy with the link checker off."""
    shutil.copy(REPO / "digest.toml", folder / "digest.toml")
    shutil.copytree(REPO / "issues", folder / "issues", dirs_exist_ok=True)
    config = load_config(folder / "digest.toml", {"links": {"check": False}})
    return prepare(config, GOLDEN_ISSUE).outputs


def build_profiles(folder: Path) -> dict[str, bytes]:
    """The demo email for every other mail service, as `profiles/<service>/email.*`."""
    build_demo(folder)
    outputs = {}
    for service in PROFILES:
        config = load_config(
            folder / "digest.toml", {"links": {"check": False}, "email": {"service": service}}
        )
        built = prepare(config, GOLDEN_ISSUE).outputs
        for name in ("email.html", "email.txt"):
            outputs[f"profiles/{service}/{name}"] = built[f"{GOLDEN_ISSUE}/{name}"]
    return outputs


def regenerate() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        outputs = build_demo(Path(tmp)) | build_profiles(Path(tmp))
    shutil.rmtree(GOLDEN, ignore_errors=True)
    for relative, content in outputs.items():
        path = GOLDEN / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    print(f"wrote {len(outputs)} golden files to {GOLDEN}")


if __name__ == "__main__":
    regenerate()
