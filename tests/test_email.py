"""The email's final HTML: MJML compiled, the stylesheet inlined, merge tags kept, relative links
leading where they do on the web edition."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from digest.config import load_config
from digest.errors import TemplateError
from digest.pipeline import prepare
from digest.render.email import EmailJob, compile_email, email_job
from digest.render.environment import Templates, theme_path
from tests.helpers import (
    A_REVIEW,
    SITE,
    built,
    built_output,
    fails_cleanly,
    issue_md,
    one_error_line,
    set_line,
    with_intro,
)
from tests.test_cli import run, tree
from tests.test_robustness import ISSUE


def demo_job(project: Path) -> EmailJob:
    config = load_config(project / "digest.toml")
    issue = prepare(config, "issue-2025").issue
    return email_job(Templates(config), config, issue)


def test_the_same_job_compiles_to_the_same_bytes(project: Path) -> None:
    job = demo_job(project)
    html = compile_email(job)
    assert html == compile_email(job)
    assert html.startswith("<!doctype html>")
    assert 'style="' in html and "<mj-" not in html


@pytest.mark.parametrize(
    "nested",
    [
        "<mj-raw>" + "<div>" * 20_000 + "deep" + "</div>" * 20_000 + "</mj-raw>",
        "<mj-wrapper>" * 3_000 + "</mj-wrapper>" * 3_000,
    ],
    ids=["raw-html", "wrappers"],
)
def test_an_email_template_nesting_thousands_deep_is_named_not_a_crash(project: Path, nested: str) -> None:
    """The MJML compiler (mjml-python, native code) runs out of stack on elements nested a
    few thousand deep and the process dies of a segmentation fault, with no word and exit
    code -11: a template nesting that deep is named instead. Run in a process of its own,
    so a crash cannot take the tests down."""
    built(project)
    template = project / "templates" / "email.mjml.j2"
    template.parent.mkdir(exist_ok=True)
    theme = (theme_path() / "email.mjml.j2").read_text()
    template.write_text(theme.replace("  </mj-body>", f"{nested}\n  </mj-body>", 1))
    before = tree(project / "dist")
    result = subprocess.run(
        [sys.executable, "-m", "digest", "build", ISSUE, "--no-check-links"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    line = one_error_line(result.stderr)
    assert "email.mjml.j2" in line and "deep" in line and "flatten" in line, line
    assert tree(project / "dist") == before


def test_an_email_template_whose_html_nests_past_what_the_inliner_reads_is_named(project: Path) -> None:
    """premailer reads the compiled email with libxml2, which stops at an element nested more
    than 256 deep without a word: an <mj-raw> of 300 nested <div>s built an email.html that
    ended there, the rest of the email (and the text inside the divs) gone (found by world18)."""
    built(project)
    template = project / "templates" / "email.mjml.j2"
    template.parent.mkdir(exist_ok=True)
    theme = (theme_path() / "email.mjml.j2").read_text()
    nested = "<mj-raw>" + "<div>" * 300 + "The deepest words." + "</div>" * 300 + "</mj-raw>"
    template.write_text(theme.replace("  </mj-body>", f"{nested}\n  </mj-body>", 1))
    fails_cleanly(project, ("email.mjml.j2", "deep", "flatten"))


def test_the_theme_with_content_nested_as_deep_as_allowed_is_within_the_mjml_limit(project: Path) -> None:
    from digest.render.email import MAX_MJML_DEPTH, mjml_depth

    with_intro(project, "> " * 99 + "The deepest an introduction may go.")
    depth = mjml_depth(demo_job(project).mjml_source)
    assert 100 < depth < MAX_MJML_DEPTH // 2, depth
    assert run(project, "build", ISSUE, "--no-check-links").exit_code == 0


def test_an_mjml_error_names_the_template(project: Path) -> None:
    broken = replace(demo_job(project), mjml_source="<mjml><mj-body><mj-section>")
    with pytest.raises(TemplateError) as raised:
        compile_email(broken)
    assert raised.value.path is not None and raised.value.path.name == "email.mjml.j2"
    assert "MJML failed to compile" in str(raised.value)


def test_the_email_links_are_absolute_and_merge_tags_survive_inlining(project: Path) -> None:
    (project / "digest.toml").write_text(
        (project / "digest.toml").read_text().replace('service = "generic"', 'service = "mailchimp"')
    )
    html = compile_email(demo_job(project))
    assert 'href="*|UNSUB|*"' in html
    assert 'href="/' not in html


def test_the_inliner_gives_each_email_its_own_result_when_it_remembers_the_stylesheet() -> None:
    """The inliner keeps a stylesheet's rules for the next email: two stylesheets in turn,
    each applied as if it were the first."""
    from digest.render.email import inline_css

    html = "<html><head></head><body><p class='x'>a</p></body></html>"
    red = "p.x { color: red } @media (max-width: 600px) { p { margin: 0 } }"
    blue = "p.x { color: blue } @media (max-width: 600px) { p { margin: 1px } }"
    first = [inline_css(html, sheet, "https://example.org/") for sheet in (red, blue)]
    again = [inline_css(html, sheet, "https://example.org/") for sheet in (red, blue, red)]
    assert again == [*first, first[0]]
    assert "color:red" in first[0] and "color:blue" in first[1]
    assert "margin: 0 !important" in first[0] and "margin: 1px !important" in first[1]


def test_the_emails_label_for_screen_readers_reads_as_the_subject(project: Path) -> None:
    subject = "Maps\u00a0and timetables 🗺️"
    set_line(issue_md(project), "subject", f'"{subject}"')
    assert run(project, "build", ISSUE).exit_code == 0
    html = (project / "dist" / ISSUE / "email.html").read_text()
    label = re.search(r'<div aria-label="([^"]*)" aria-roledescription="email"', html)
    assert label is not None
    assert label.group(1) == f"Issue 2: {' '.join(subject.split())}"
    assert "\\u{" not in html


@pytest.mark.parametrize(
    ("rule", "said"),
    [
        (".\\31 23 { color: red; }", "premailer cannot read the email's CSS (Expected selector"),
        (".a" * 3000 + " { color: red; }", "a block nests too deep or a selector is too long"),
        ("@media screen {" * 2000 + ".a { color: red; }" + "}" * 2000, "a block nests too deep"),
    ],
    ids=["escaped-digit-class", "selector-of-3000-classes", "media-nested-2000-deep"],
)
def test_css_premailer_cannot_read_is_one_error_naming_the_stylesheet(
    project: Path, rule: str, said: str
) -> None:
    assert run(project, "build", ISSUE, "--no-check-links").exit_code == 0
    stylesheet = project / "templates" / "email.css"  # the theme's, overridden by the project
    stylesheet.parent.mkdir(exist_ok=True)
    theme_css = (theme_path() / "email.css").read_text(encoding="utf-8")
    stylesheet.write_text(theme_css + "\n" + rule + "\n", encoding="utf-8")
    fails_cleanly(project, (str(stylesheet), said), "build", ISSUE, "--no-check-links")


# --- the introduction's relative links in the emails ----------------------------------------------


def test_a_relative_link_in_the_introduction_leads_where_it_does_on_the_web_edition(project: Path) -> None:
    with_intro(project, f"Start with [the shortest review]({A_REVIEW}/).")
    html = built_output(project, "email.html")
    assert f'href="{SITE}{ISSUE}/{A_REVIEW}/"' in html
    web = (project / "dist" / ISSUE / "index.html").read_text(encoding="utf-8")
    assert f'href="{A_REVIEW}/"' in web


def test_inlining_imports_nothing_only_fetching_needs_and_fetching_still_works() -> None:
    """premailer and cssutils import requests, urllib.request and importlib.metadata only to
    fetch remote stylesheets, which digest never lets them: a build does without them, and
    each is the real module wherever it is used after all."""
    import subprocess
    import sys
    import textwrap

    probe = textwrap.dedent(
        """
        import sys
        from digest.render.email import inline_css
        html = '<html><head></head><body><p class="a">x</p></body></html>'
        inlined = inline_css(html, ".a { color: #123456 }", "https://example.org/")
        print('style="color:#123456"' in inlined)
        print(sorted(m for m in ("requests", "urllib.request", "importlib.metadata", "ssl") if m in sys.modules))
        import cssutils
        from importlib.metadata import version
        print(cssutils._fetch._get_version() == version("cssutils"))
        import urllib.request
        print(urllib.request.pathname2url("/a b") == "/a%20b", "urllib.request" in sys.modules)
        """
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["True", "[]", "True", "True True"], done.stderr


def test_no_stand_in_is_left_where_later_code_finds_a_module() -> None:
    """After inlining, `from importlib import metadata` and `urllib.request` read from its
    package (a test's patch, a library's lazy import) are the real modules, not the
    stand-ins premailer was imported with; and a stand-in read while it stands in (another
    thread importing meanwhile) becomes the real module rather than recursing."""
    import subprocess
    import sys
    import textwrap

    probe = textwrap.dedent(
        """
        import sys, urllib
        from digest.render import email
        email.inline_css('<html><head></head><body><p class="a">x</p></body></html>', ".a { color: red }", "https://e.org/")
        from importlib import metadata
        print(metadata.__spec__ is not None, getattr(urllib, "request", None))
        stand_in = sys.modules["json.tool"] = email._stand_in("json.tool")
        print(stand_in.main.__module__, sys.modules["json.tool"] is not stand_in)
        """
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout.splitlines() == ["True None", "json.tool True"], done.stderr[-300:]
