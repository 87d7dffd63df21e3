"""What a GIF costs where a client shows only its first frame (caniemail's note on Outlook
for Windows): its motion, for an animated GIF; nothing, for a still one. Whether a GIF
moves is known only for the issue's own files, which the build decodes; a remote GIF
keeps caniemail's note as it is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from digest.checks.caniemail import Support
from digest.checks.clients.costs import Effect
from digest.checks.clients.features import Use

_FIRST_FRAME_ONLY = "does not support animated gif"


def first_frame_effect(
    feature: str, uses: Sequence[tuple[Use, Support]], animated: Mapping[str, bool]
) -> tuple[Effect, str, Use] | None:
    """What the client's GIFs lose, where its note says it plays none and the build knows
    whether each of them is animated (`animated`, by the URL the email names it by)."""
    if feature != "image-gif" or not any(_FIRST_FRAME_ONLY in note.lower() for note in uses[0][1].notes):
        return None
    known = [(use, animated.get(_source(use))) for use, _ in uses]
    moving = [use for use, moves in known if moves]
    if moving:
        return "decoration", f"it shows only the first frame of the animated GIF {moving[0].label}", moving[0]
    if all(moves is False for _, moves in known):
        return "none", "a still GIF: its one frame is all there is to show", uses[0][0]
    return None


def _source(use: Use) -> str:
    """The URL an <img> names its image by."""
    if use.kind != "element" or use.element is None:
        return ""
    return str(use.element.get("src") or "").strip()
