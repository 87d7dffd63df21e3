"""Characters no setting may hold, and one line where one is all a setting may be (digest.config.texts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import built, fails_cleanly, set_in_config
from tests.test_robustness import ISSUE


@pytest.mark.parametrize("key", ["output_dir", "issues_dir", "templates_dir", "cache_dir", "static_dir"])
def test_a_folder_setting_holding_a_nul_names_the_setting(project: Path, key: str) -> None:
    """TOML spells a NUL "\\u0000": every folder setting raised ValueError (a traceback)."""
    built(project)
    path = project / "digest.toml"
    text = "\n".join(line for line in path.read_text().split("\n") if not line.startswith(f"{key} ="))
    path.write_text(text)
    set_in_config(project, "build", f'{key} = "a\\u0000b"')
    fails_cleanly(project, ("digest.toml", f"[build] {key} holds a control character (\\x00)", "remove it"))


@pytest.mark.parametrize(
    ("section", "line", "message"),
    [
        # a line break in the From: header raised ValueError from the email package
        ("site", 'author = "Editors\\nBcc: someone@example.org"', "[site] author must be one line"),
        # an escape or a NUL in the title failed MJML, blamed on the theme's template
        ("site", 'title = "The \\u001b[2J Digest"', "[site] title holds a control character (\\x1b)"),
        ("site", 'title = "The \\u0000 Digest"', "[site] title holds a control character (\\x00)"),
        # reached every page and feed as it was
        (
            "site",
            'description = "Long \\u0007 reads"',
            "[site] description holds a control character (\\x07)",
        ),
        ("site", 'title = "\\u202eThe Digest"', "[site] title holds a direction override (\\u202e)"),
        ("theme", 'logo_alt = "Logo \\u2066x"', "[theme] logo_alt holds a direction override (\\u2066)"),
        ("links", 'user_agent = "digest\\r\\nX-Evil: 1"', "[links] user_agent must be one line"),
    ],
)
def test_a_text_setting_no_page_or_header_can_hold_names_the_setting(
    project: Path, section: str, line: str, message: str
) -> None:
    built(project)
    key = line.split(" = ")[0]
    path = project / "digest.toml"
    path.write_text(
        "\n".join(each for each in path.read_text().split("\n") if not each.startswith(f"{key} ="))
    )
    set_in_config(project, section, line)
    fails_cleanly(project, ("digest.toml", message))


def test_text_settings_written_over_several_lines_still_build(project: Path) -> None:
    """TOML's multi-line strings are how long settings are written: only control characters
    and direction overrides are refused there."""
    path = project / "digest.toml"
    text = path.read_text().replace('description = "Long reads', 'description = """Long\nreads', 1)
    text = text.replace('can choose what to read."', 'can choose what to read."""', 1)
    path.write_text(text)
    set_in_config(project, "theme", 'footer_text = """You receive this\r\nbecause you asked."""')
    dist = built(project)
    assert b"You receive this" in dist[f"{ISSUE}/email.txt"]
