"""Eighth attack round: Unicode names, hostile settings, a cache or output that cannot be
written, corrupted cache entries and sizes far past the usual, through the CLI in a copy of
the demo project. Each bad case ends in one line naming the file (and the setting or line)
and what to do, exit 1, no traceback, the previous dist/ as it was, and nothing written
outside dist/ and the cache folder. Cases the earlier rounds cover (tests/test_attack_round7.py
and before) are not repeated here.

These tests run as root on the project's machines: where a permission or a full disk
matters, they make the file system refuse by other means (a monkeypatched system call).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_attack_round6 import built, fails_cleanly, set_in_config

# --- settings: a pattern Python's re cannot hold ------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "shown"), [("a{99999999999}", "too large"), ("(" * 5000 + ")" * 5000, "nested")]
)
def test_an_exclude_pattern_re_cannot_hold_names_the_setting(project: Path, pattern: str, shown: str) -> None:
    """re.compile raises OverflowError for a repeat past 2**32 and RecursionError for
    thousands of nested groups, not re.error: both reached the user as tracebacks."""
    built(project)
    set_in_config(project, "links", f"exclude = ['{pattern}']")
    fails_cleanly(project, ("digest.toml", "[links] exclude pattern", "is not a regular expression", shown))
