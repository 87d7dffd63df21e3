"""The CLI end to end, through CliRunner in a temporary copy of the demo project."""

from __future__ import annotations

import os
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner, Result

from digest.cli import cli
from tests.golden import GOLDEN, build_demo, build_profiles


def run(project: Path, *args: str) -> Result:
    previous = Path.cwd()
    os.chdir(project)
    try:
        return CliRunner().invoke(cli, list(args))
    finally:
        os.chdir(previous)


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_build_writes_email_text_and_web_edition(project: Path) -> None:
    result = run(project, "build", "issue-2025")
    assert result.exit_code == 0, result.output
    dist = project / "dist"
    html = (dist / "issue-2025" / "email.html").read_text()
    assert html.startswith("<!doctype html>")
    assert '<html lang="en"' in html
    assert "<title>" in html and "fonts.googleapis" not in html
    assert (dist / "issue-2025" / "email.txt").is_file()
    assert (dist / "issue-2025" / "index.html").is_file()
    assert (dist / "index.html").is_file()
    assert len(list((dist / "issue-2025").glob("*/index.html"))) == 4
    assert "bytes (Gmail clips at 102,000)" in result.output


def test_email_text_is_wrapped_and_carries_every_link(project: Path) -> None:
    assert run(project, "build", "issue-2025").exit_code == 0
    from digest.checks.links import extract_links

    issue = project / "dist" / "issue-2025"
    text = (issue / "email.txt").read_text()
    for line in text.split("\n"):
        assert len(line) <= 78 or "://" in line, line
    html = (issue / "email.html").read_bytes()
    images = set(lxml.html.document_fromstring(html).xpath("//img/@src"))  # pictures, not links to follow
    html_links = {link.url for link in extract_links({"issue-2025/email.html": html})} - images
    assert any(url.startswith("https://") for url in html_links)
    for url in html_links:
        if not url.startswith("#"):
            assert url in text, url


def test_two_builds_are_byte_identical(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    assert run(project, "build", "issue-2025").exit_code == 0
    first = tree(project / "dist")
    assert run(project, "build", "issue-2025").exit_code == 0
    assert tree(project / "dist") == first


def test_outputs_match_golden_files(tmp_path: Path) -> None:
    outputs = build_demo(tmp_path) | build_profiles(tmp_path)
    golden = tree(GOLDEN)
    assert sorted(outputs) == sorted(golden), "run `make golden` after an intended change"
    for name, content in outputs.items():
        assert content == golden[name], f"{name} differs from tests/golden: run `make golden` if intended"


def test_archive_lists_issues_newest_first(project: Path) -> None:
    assert run(project, "build", "issue-2025").exit_code == 0
    archive = (project / "dist" / "index.html").read_text()
    assert archive.index("/issue-2025/") < archive.index("/issue-2024/")


def test_pages_announce_feeds(project: Path) -> None:
    assert run(project, "build", "issue-2025").exit_code == 0
    page = (project / "dist" / "issue-2025" / "index.html").read_text()
    for kind in ("application/atom+xml", "application/rss+xml", "application/feed+json"):
        assert f'type="{kind}"' in page


def test_output_flag_overrides_config(project: Path) -> None:
    assert run(project, "build", "issue-2025", "--output", "public").exit_code == 0
    assert (project / "public" / "issue-2025" / "email.html").is_file()
    assert not (project / "dist").exists()


BAD_INPUTS = [
    ("malformed YAML", "issue-2025/state-of-llms-2025.md", "---\ntitle: [oops\n---\nx\n", "invalid YAML"),
    ("no title", "issue-2025/state-of-llms-2025.md", "---\ndate: 2025-01-01\n---\nno heading\n", "no title"),
    (
        "invalid date",
        "issue-2025/state-of-llms-2025.md",
        "---\ntitle: T\ndate: 2025-13-01\n---\nx\n",
        "'2025-13-01' is not a day of the calendar: there is no month 13",
    ),
    ("missing review", "issue-2025/state-of-llms-2025.md", None, "listed but not found"),
]


@pytest.mark.parametrize(
    ("case", "relative", "content", "message"), BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS]
)
def test_bad_input_exits_1_and_keeps_previous_dist(
    project: Path, case: str, relative: str, content: str | None, message: str
) -> None:
    assert run(project, "build", "issue-2025").exit_code == 0
    before = tree(project / "dist")
    path = project / "issues" / relative
    if content is None:
        path.unlink()
    else:
        path.write_text(content)
    result = run(project, "build", "issue-2025")
    assert result.exit_code == 1
    assert message in result.output and str(path.name) in result.output
    assert "Traceback" not in result.output
    assert tree(project / "dist") == before


def test_unknown_config_key_exits_1(project: Path) -> None:
    config = project / "digest.toml"
    config.write_text(config.read_text().replace("[site]\n", "[site]\nsubtitle = 'x'\n"))
    result = run(project, "build", "issue-2025")
    assert result.exit_code == 1
    assert "unknown key 'subtitle' in [site]" in result.output


def test_usage_error_exits_2(project: Path) -> None:
    assert run(project, "build").exit_code == 2
    assert run(project, "build", "issue-2025", "--no-such-flag").exit_code == 2


def test_python_dash_m_works() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "digest", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and "build" in done.stdout


def test_build_all_picks_the_newest_issue(project: Path) -> None:
    result = run(project, "build", "--all")
    assert result.exit_code == 0, result.output
    assert "built issue-2025" in result.output
    assert (project / "dist" / "issue-2024" / "index.html").is_file()


def test_every_build_keeps_every_issues_email(project: Path) -> None:
    assert run(project, "build", "issue-2024").exit_code == 0
    first = (project / "dist" / "issue-2024" / "email.html").read_bytes()
    assert run(project, "build", "issue-2025").exit_code == 0
    for issue in ("issue-2024", "issue-2025"):
        for name in ("email.html", "email.txt", "email.eml"):
            assert (project / "dist" / issue / name).is_file(), f"{issue}/{name}"
    assert (project / "dist" / "issue-2024" / "email.html").read_bytes() == first


def test_build_help_says_every_issues_email_is_written_and_the_named_one_checked() -> None:
    """'the email is the named issue's (with --all, the newest issue's)': every build writes
    every published issue's email (the test above); the named one is the one checked (found
    by review21). The help and the README say so."""
    from tests.test_docs import command_section

    help_text = " ".join(CliRunner().invoke(cli, ["build", "--help"]).output.split())
    section = " ".join(command_section("build").split())
    for text in (help_text, section):
        assert "every published issue's web pages and email" in text, text
        assert "the email checked is the named issue's (with --all, the newest issue's)" in text.replace(
            "`", ""
        )
        assert "the email is the named issue's" not in text


def test_build_needs_an_issue_or_all(project: Path) -> None:
    assert run(project, "build", "issue-2025", "--all").exit_code == 2


def test_help_imports_no_pipeline_stage() -> None:
    import subprocess
    import sys

    code = "import sys; from digest.cli import cli; print(sorted(m for m in sys.modules if m.startswith('digest')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['digest', 'digest.cli']"


def test_a_build_imports_no_other_commands_code(project: Path) -> None:
    # What only `digest import`, `send` or `preview` use is no cost of every build.
    import subprocess
    import sys

    code = (
        "import sys; from digest.cli import cli\n"
        "try:\n    cli.main(['build', 'issue-2025', '--no-check-links'], prog_name='digest')\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('digest.sources.importer', 'digest.output.smtp', "
        "'digest.output.testsend', 'digest.preview', 'aiosmtpd', 'trafilatura', 'htmldate'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=project, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stderr


def test_a_footnote_in_the_editors_introduction_builds_and_its_anchors_are_checked(project: Path) -> None:
    intro = project / "issues" / "issue-2025" / "issue.md"
    text = intro.read_text(encoding="utf-8")
    opening = text.index("Every December")
    intro.write_text(
        text[:opening] + "A note first[^1].\n\n[^1]: What the note says.\n\n" + text[opening:], "utf-8"
    )
    result = run(project, "build", "issue-2025", "--no-check-links")
    assert result.exit_code == 0, result.output
    email = (project / "dist" / "issue-2025" / "email.html").read_text(encoding="utf-8")
    assert 'href="#fn-1"' in email and 'id="fn-1"' in email
    intro.write_text(text[:opening] + "See [the list](#no-such-part).\n\n" + text[opening:], "utf-8")
    result = run(project, "build", "issue-2025", "--no-check-links")
    assert (
        result.exit_code == 1
        and "issue.md:" in result.output
        and "no element with id 'no-such-part'" in result.output
    )


def test_a_draft_issue_is_built_by_name_with_drafts_and_left_out_otherwise(project: Path) -> None:
    intro = project / "issues" / "issue-2025" / "issue.md"
    intro.write_text(
        intro.read_text(encoding="utf-8").replace("\ntitle:", "\ndraft: true\ntitle:", 1), "utf-8"
    )
    advice = "give --drafts to build, check, send or preview it, or remove that line to publish it"
    for command in ("build", "check", "links"):  # preview shows the same line on its page
        refused = run(project, command, "issue-2025", "--no-check-links")
        assert refused.exit_code == 1 and f"marked 'draft: true': {advice}" in refused.output, refused.output
    preview = run(project, "build", "issue-2025", "--drafts", "--no-check-links", "--output", "preview")
    assert preview.exit_code == 0, preview.output
    assert "the issue is a draft, built because of --drafts" in preview.output
    assert (project / "preview" / "issue-2025" / "email.html").is_file()
    others = run(project, "build", "issue-2024", "--no-check-links")
    assert others.exit_code == 0, others.output
    assert not (project / "dist" / "issue-2025").exists()
    assert "issue-2025" not in (project / "dist" / "feed.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [("build", "issue-2025"), ("check", "issue-2025"), ("list",)])
def test_ctrl_c_is_one_line_and_exit_130(
    project: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    """Ctrl+C is no content problem (exit 1) and no traceback: one line, the shell's 130."""
    assert run(project, "build", "issue-2025", "--no-check-links").exit_code == 0
    before = tree(project / "dist")

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    import digest.output.listing
    import digest.pipeline

    monkeypatch.setattr(digest.pipeline, "build", interrupted)
    monkeypatch.setattr(digest.pipeline, "prepare", interrupted)
    monkeypatch.setattr(digest.output.listing, "list_issues", interrupted)
    result = run(project, *command)
    assert result.exit_code == 130, result.output
    assert result.output.strip().splitlines() == [
        "Error: interrupted (Ctrl+C): run the command again to finish"
    ]
    assert tree(project / "dist") == before


def test_ctrl_c_as_the_compiled_code_is_installed_is_one_line_and_exit_130(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+C as a command installs digest's compiled code (its first file operation) came
    before the command handled it: Click's 'Aborted!' and exit 1, a content problem's code
    (found by round 16's SIGINT at a build's first file operation)."""
    import digest.compiled

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(digest.compiled, "install", interrupted)
    result = run(project, "build", "issue-2025")
    assert result.exit_code == 130, result.output
    assert result.output.strip().splitlines() == [
        "Error: interrupted (Ctrl+C): run the command again to finish"
    ]


def test_ctrl_c_as_the_first_module_reads_compiled_patterns_is_one_line_and_exit_130(project: Path) -> None:
    """The same as digest.errors, the first module the command imports, reads the stored
    patterns: SIGINT at the process's first file operation (round 16's SIGNALLED_AT)."""
    import subprocess
    import sys

    from tests.fuzzing import SIGNALLED_AT

    done = subprocess.run(
        [sys.executable, "-c", SIGNALLED_AT, "0", "2", "build", "issue-2025"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 130, done.stderr
    assert done.stderr == "Error: interrupted (Ctrl+C): run the command again to finish\n"


@pytest.mark.parametrize("command", [("build", "issue-2025"), ("list",), ("preview", "issue-2025")])
def test_a_command_run_in_a_folder_since_removed_says_so(tmp_path: Path, command: tuple[str, ...]) -> None:
    """Path.cwd() raised FileNotFoundError (a traceback) where the terminal's folder was
    removed or moved meanwhile (a branch switched, a project moved)."""
    gone = tmp_path / "gone"
    gone.mkdir()
    previous = Path.cwd()
    os.chdir(gone)
    try:
        gone.rmdir()
        result = CliRunner().invoke(cli, list(command))
    finally:
        os.chdir(previous)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert result.output.strip().splitlines()[-1] == (
        "Error: the folder this command runs in was removed or moved: cd into your project again"
    )


def test_ctrl_c_while_the_command_starts_is_one_line(tmp_path: Path) -> None:
    """Ctrl+C while the command imports click and the CLI (a tenth of a second) came before
    anything handled it: a KeyboardInterrupt traceback through the installed script. Here a
    click that stops on import stands for the interrupt, where the installed script calls."""
    import subprocess
    import sys

    (tmp_path / "click").mkdir()
    (tmp_path / "click" / "__init__.py").write_text("raise KeyboardInterrupt\n")
    script = (
        "import importlib.metadata, sys; "
        "(entry,) = importlib.metadata.entry_points(group='console_scripts', name='digest'); "
        "sys.exit(entry.load()())"
    )
    environment = {**os.environ, "PYTHONPATH": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=environment)
    assert done.returncode == 130, done.stderr
    assert done.stderr == "Error: interrupted (Ctrl+C): run the command again to finish\n"


def test_importing_a_web_address_says_to_save_the_page_first(project: Path) -> None:
    """digest fetches nothing to import: a typed address named no file, 'does not exist'."""
    result = run(project, "import", "https://example.org/article", "--issue", "issue-2025")
    assert result.exit_code == 2
    assert "'https://example.org/article' is a web address: save the page from the browser" in result.output
    assert "does not exist" not in result.output
    missing = run(project, "import", "nothere.html", "--issue", "issue-2025")
    assert missing.exit_code == 2 and "'nothere.html' does not exist" in missing.output
