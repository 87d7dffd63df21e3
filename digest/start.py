"""The `digest` command's entry point. Nothing but this module is imported before Ctrl+C is
handled, so an interrupt while the command starts (importing click and the CLI takes a
tenth of a second) is the one line it is later, never a traceback."""

from __future__ import annotations

import sys

INTERRUPTED = "Error: interrupted (Ctrl+C): run the command again to finish\n"


def main() -> None:
    try:
        from digest.cli import main as run

        run()
    except KeyboardInterrupt:
        sys.stderr.write(INTERRUPTED)
        raise SystemExit(130) from None
