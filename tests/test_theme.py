"""[theme]: one setting changes every output, in light and dark mode."""

from __future__ import annotations

from pathlib import Path

from tests.test_cli import run, tree
from tests.test_robustness import edit


def test_another_accent_colour_changes_the_email_in_both_modes_and_the_web_pages(project: Path) -> None:
    edit(project, "digest.toml", "[build]", '[theme]\naccent = "#7c2d12"\naccent_dark = "#fdba74"\n\n[build]')
    result = run(project, "build", "issue-2025")
    assert result.exit_code == 0, result.output
    built = tree(project / "dist")
    email = built["issue-2025/email.html"].decode()
    assert "color:#7c2d12" in email.replace(" ", "")  # links, inlined for light mode
    assert "#fdba74 !important" in email  # the dark-mode rule kept in <style>
    assert "#1d4ed8" not in email and "#93c5fd" not in email
    page = built["issue-2025/index.html"].decode()
    assert "--accent: #7c2d12; --accent-dark: #fdba74;" in page


def test_a_low_contrast_accent_fails_naming_the_setting(project: Path) -> None:
    edit(project, "digest.toml", "[build]", '[theme]\naccent = "#d3d3d3"\n\n[build]')
    result = run(project, "build", "issue-2025")
    assert result.exit_code == 1
    line = (project / "digest.toml").read_text().splitlines().index('accent = "#d3d3d3"') + 1
    assert f"digest.toml:{line}: [theme] accent '#d3d3d3' has a contrast of 1.5:1" in result.output


def test_the_footer_carries_the_address_reply_prompt_subscribe_link_and_social_links(project: Path) -> None:
    edit(
        project,
        "digest.toml",
        'postal_address = "',
        'social = ["https://social.example.org/@digest"]\npostal_address = "',
    )
    assert run(project, "build", "issue-2025").exit_code == 0
    built = tree(project / "dist")
    for name in ("issue-2025/email.html", "issue-2025/email.txt"):
        text = built[name].decode()
        assert "1 Example Street" in text and "we read every answer" in text, name
        assert "https://subscribe.example.org/the-digest" in text and "social.example.org" in text, name


def test_a_missing_postal_address_is_a_warning_unless_the_service_fills_it(project: Path) -> None:
    config = project / "digest.toml"
    config.write_text(
        "\n".join(line for line in config.read_text().split("\n") if "postal_address" not in line)
    )
    result = run(project, "check", "issue-2025", "--no-check-links")
    assert result.exit_code == 0 and "[site] postal_address is empty" in result.output
    edit(project, "digest.toml", 'service = "generic"', 'service = "mailchimp"')
    result = run(project, "check", "issue-2025", "--no-check-links")
    assert "postal_address" not in result.output
    assert run(project, "build", "issue-2025").exit_code == 0
    assert "*|LIST:ADDRESSLINE|*" in (project / "dist" / "issue-2025" / "email.html").read_text()
