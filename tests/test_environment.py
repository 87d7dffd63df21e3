"""The Jinja environment: templates run sandboxed, and a mistake in one is reported on one
line naming the template file and line, through `digest build` in a copy of the demo project;
dates written in the site's language."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from digest.render import bounds
from tests.helpers import built, built_output, fails_cleanly
from tests.test_cli import run, tree
from tests.test_robustness import ISSUE, assert_clean_failure, error_lines


def override(project: Path, content: str, name: str = "issue.html.j2") -> None:
    """The user's own version of a theme template, in the project's templates folder."""
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / name).write_text(content, encoding="utf-8")


def issue_page(body: str) -> str:
    """An issue page template whose content block holds `body` from its second line on."""
    return '{% extends "base.html.j2" %}{% block content %}\n' + body + "\n{% endblock %}\n"


def test_a_template_cannot_reach_python_internals(project: Path) -> None:
    marker = project / "ran"
    attack = f'{{{{ cycler.__init__.__globals__.os.popen("touch {marker}").read() }}}}'
    override(project, issue_page(attack))
    result = run(project, "build", ISSUE)
    assert_clean_failure(
        result, ("templates/issue.html.j2:2:", "'__init__'", "is unsafe", "templates run sandboxed")
    )
    assert not marker.exists()
    assert not (project / "dist").exists()


def test_a_template_cannot_change_a_value_in_place(project: Path) -> None:
    override(project, issue_page("{% set seen = [] %}{{ seen.append(1) }}"))
    result = run(project, "build", ISSUE)
    assert_clean_failure(result, ("templates/issue.html.j2:2:", "templates run sandboxed"))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{{ 1 / 0 }}", ("ZeroDivisionError", "division by zero", "fix the expression on this line")),
        ('{{ "x"|wrap(1, "", 3) }}', ("TypeError", "wrap()", "fix the expression on this line")),
        ("{{ issue_url() }}", ("TypeError", "issue_url()", "fix the expression on this line")),
        ("{{ issue.reviews[99] }}", ("unknown value", "check its spelling")),
        # Jinja's truncate checks its length with assert: AssertionError was a traceback
        ('{{ "xxxx"|truncate(-5) }}', ("AssertionError", "expected length >= 3", "fix the expression")),
        # Jinja's cycler() given nothing raises RuntimeError: a traceback
        ("{{ cycler() }}", ("RuntimeError", "at least one item", "fix the expression")),
    ],
    ids=[
        "division-by-zero",
        "filter-given-too-many-values",
        "helper-given-none",
        "index-past-the-end",
        "filter-asserting-its-value",
        "helper-raising-runtime-error",
    ],
)
def test_a_mistake_in_an_expression_names_the_template_and_line(
    project: Path, body: str, message: tuple[str, ...]
) -> None:
    override(project, issue_page(body))
    assert_clean_failure(run(project, "build", ISSUE), ("templates/issue.html.j2:2:", *message))


@pytest.mark.parametrize("template", ["issue.html.j2", "email.txt.j2", "email.mjml.j2"])
def test_surrogates_a_template_spells_become_whole_characters(project: Path, template: str) -> None:
    """Jinja's string escapes spell surrogates, as YAML's do: the page could not be encoded
    (UnicodeEncodeError, a traceback). A pair is its character, a lone one U+FFFD."""
    from digest.render.environment import theme_path

    text = (theme_path() / template).read_text(encoding="utf-8")
    anchor = {"email.mjml.j2": "{{ issue.subject }}</mj-title>"}.get(
        template, "{%- for section in issue.sections %}"
    )
    assert anchor in text
    override(project, text.replace(anchor, '{{ "[\\ud83d\\ude00|\\ud800]" }}' + anchor, 1), template)
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 0, result.output
    written = {"issue.html.j2": "index.html", "email.txt.j2": "email.txt", "email.mjml.j2": "email.html"}
    output = (project / "dist" / ISSUE / written[template]).read_text(encoding="utf-8")
    assert "[\U0001f600|\ufffd]" in output or "[&#128512;|&#65533;]" in output


def test_a_template_extending_twice_is_named(project: Path) -> None:
    override(project, '{% extends "base.html.j2" %}\n{% extends "base.html.j2" %}\n')
    result = run(project, "build", ISSUE)
    assert_clean_failure(
        result, ("templates/issue.html.j2:", "TemplateRuntimeError", "extended multiple times")
    )


def test_a_mistake_in_an_included_template_names_that_template(project: Path) -> None:
    override(project, "<p>\n\n{{ 1 / 0 }}</p>\n", "_broken.html.j2")
    override(project, issue_page('{% include "_broken.html.j2" %}'))
    assert_clean_failure(run(project, "build", ISSUE), ("templates/_broken.html.j2:3:", "ZeroDivisionError"))


@pytest.mark.parametrize(
    "content",
    ['\n{% include "issue.html.j2" %}\n', issue_page('{% include "_loop.html.j2" %}')],
    ids=["includes-itself", "includes-one-that-includes-it"],
)
def test_a_template_including_itself_is_a_loop_to_remove(project: Path, content: str) -> None:
    override(project, '\n{% include "issue.html.j2" %}\n', "_loop.html.j2")
    override(project, content)
    result = run(project, "build", ISSUE)
    assert_clean_failure(
        result, ("templates/", ".html.j2:2:", "includes, extends or calls itself", "remove the loop")
    )


def test_a_filter_called_like_a_function_says_how_to_write_it(project: Path) -> None:
    override(project, issue_page('{{ wrap("x") }}'))
    result = run(project, "build", ISSUE)
    assert_clean_failure(result, ("templates/issue.html.j2:2:", "'wrap' is undefined", "{{ value|wrap }}"))


def test_big_files_beside_the_templates_build_and_count_in_the_fingerprint(project: Path) -> None:
    fonts = project / "templates" / "fonts"
    fonts.mkdir(parents=True)
    font = fonts / "serif.woff2"
    font.write_bytes(b"\0font" * 600_000)  # 3 MB, over the limit of a template
    assert run(project, "build", ISSUE).exit_code == 0
    listed = run(project, "list")
    assert listed.exit_code == 0, listed.output
    assert "current" in listed.output
    font.write_bytes(b"\0font" * 600_001)
    listed = run(project, "list")
    assert "current" not in listed.output and "stale" in listed.output, listed.output


def test_a_template_over_the_limit_says_to_make_it_smaller_and_promises_no_setting(project: Path) -> None:
    override(project, issue_page("<p>" + "x" * 1_100_000 + "</p>"))
    result = run(project, "build", ISSUE)
    assert_clean_failure(result, ("templates/issue.html.j2:", "1,000,000-byte limit", "make it smaller"))
    assert "digest.toml" not in error_lines(result)[0]


def test_a_file_name_that_is_not_utf8_beside_the_templates_builds(project: Path) -> None:
    (project / "templates").mkdir()
    try:
        (project / "templates" / os.fsdecode(b"photo-\xff.jpg")).write_bytes(b"\xff\xd8 not really a photo")
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "attack",
    [
        "{{ issue.title }}{{ issue.__dataclass_fields__ }}",
        "{{ issue.title.upper() }}{{ issue.title.__class__.__mro__ }}",
        "{{ issue.reviews[0].title }}{{ issue.reviews[0].__init__.__globals__ }}",
    ],
    ids=["issue-private-after-public", "string-dunder-after-method", "review-private-after-public"],
)
def test_a_safe_attribute_read_first_does_not_open_the_unsafe_ones(project: Path, attack: str) -> None:
    """The sandbox remembers its verdicts per type and name: one attribute allowed must not
    let another of the same object through."""
    override(project, issue_page(attack))
    assert_clean_failure(
        run(project, "build", ISSUE), ("templates/issue.html.j2:2:", "templates run sandboxed")
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('{{ "x" * 10**10 }}', "repeating a value 10,000,000,000 times"),
        ("{{ [1, 2] * 10**9 }}", "repeating a value 1,000,000,000 times"),
        ("{{ 7 ** 1000000000 }}", "the power 7**1000000000"),
        ('{{ "x".ljust(10**10) }}', "ljust(10,000,000,000)"),
        ('{{ "x"|center(10**10) }}', "center(10,000,000,000)"),
        ('{{ "a\\nb"|indent(10**8) }}', "indent(100000000)"),
        ("{{ lipsum(10**6) }}", "lipsum(1,000,000"),
        ('{{ "%99999999999s" % 1 }}', "a format's width"),
        ('{{ range(100000)|join("x" * 1000) }}', "joining 100,000 values"),
    ],
    ids=[
        "string-times",
        "list-times",
        "power",
        "ljust",
        "center",
        "indent",
        "lipsum",
        "format-width",
        "join",
    ],
)
def test_a_template_cannot_take_all_the_memory_there_is(project: Path, body: str, message: str) -> None:
    override(project, issue_page(body))
    assert_clean_failure(
        run(project, "build", ISSUE), ("templates/issue.html.j2:2:", message, "templates run sandboxed")
    )


def test_a_template_cannot_write_without_end(project: Path) -> None:
    # No one line makes too much here: the whole page does, so the file is named alone.
    override(project, issue_page('{% for i in range(100000) %}{{ "y" * 1000 }}{% endfor %}'))
    assert_clean_failure(
        run(project, "build", ISSUE),
        ("templates/issue.html.j2: ", "wrote more than 50,000,000 characters", "templates run sandboxed"),
    )


LOOPS = "{% for i in range(99999) %}{% for j in range(99999) %}BODY{% endfor %}{% endfor %}"
# Run in a process of its own with a short bound, so a bound that fails hangs nothing.
BOUNDED_BUILD = (
    "import sys\nfrom digest.render import bounds\nbounds.MAX_RENDER_SECONDS = 0.3\n"
    "from digest.cli import cli\ncli.main(sys.argv[1:], prog_name='digest')\n"
)


@pytest.mark.parametrize(
    "body",
    [
        "",
        "{% if loop is sequence %}{% endif %}",  # Jinja's test swallows any Exception
        "{% if j is divisibleby 3 %}{% endif %}",
        "{{ issue.title|upper|length }}",
    ],
    ids=["empty", "swallowing-test", "everyday-test", "filters"],
)
def test_a_template_loop_without_end_is_stopped_and_named(project: Path, body: str) -> None:
    import subprocess
    import sys

    override(project, issue_page(LOOPS.replace("BODY", body)))
    for _ in range(3):  # where the timer rings differs from run to run
        done = subprocess.run(
            [sys.executable, "-c", BOUNDED_BUILD, "build", ISSUE, "--no-check-links"],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        assert len(lines) == 1, done.stderr
        assert "templates/issue.html.j2:2:" in lines[0] and "more than 0.3 seconds of CPU time" in lines[0]
    assert not (project / "dist").exists()


def test_the_time_bound_is_set_while_a_template_renders_and_lifted_after() -> None:
    import signal

    with bounds.time_bound(5):
        remaining, interval = signal.getitimer(signal.ITIMER_VIRTUAL)
        assert 0 < remaining <= 5.1 and interval > 0
        assert signal.getsignal(signal.SIGVTALRM) not in (signal.SIG_DFL, signal.SIG_IGN)
    assert signal.getitimer(signal.ITIMER_VIRTUAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGVTALRM) == signal.SIG_DFL
    with pytest.raises(bounds.RenderTimeout), bounds.time_bound(0.05):
        while True:
            try:
                sum(range(1000))
            except Exception:  # what a library's broad handler does: it must not end the bound
                continue
    assert signal.getitimer(signal.ITIMER_VIRTUAL) == (0.0, 0.0)


def test_the_bounded_operations_still_work_within_their_bounds(project: Path) -> None:
    body = '{{ "-" * 3 }}|{{ 2 ** 10 }}|{{ "%5s" % "ab" }}|{{ "ab".ljust(4) }}|{{ "x"|center(3) }}|{{ lipsum(1, false)|length > 0 }}|{{ ["a", "b"]|join(", ") }}'
    override(project, issue_page(body))
    assert run(project, "build", ISSUE).exit_code == 0
    page = (project / "dist" / ISSUE / "index.html").read_text(encoding="utf-8")
    assert "---|1024|   ab|ab  | x |True|a, b" in page


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('{{ "%(a)99999999999s" % {"a": 1} }}', "a format's width"),
        ('{{ "%*s" % (99999999999, "x") }}', "a format's width"),
        ('{{ "%99999999999s"|format("x") }}', "a format's width"),
        ('{{ "{:99999999999}".format("x") }}', "a format's width"),
        ('{{ ("x" * 9999999)|replace("", "x" * 9999999) }}', "too large for memory"),
        ("{{ [1]|batch(9999999999, 0)|list }}", "too large for memory"),
        ('{{ ("y" * 9999999).join(["a"] * 9999999) }}', "too large for memory"),
    ],
    ids=["named-format", "star-width", "format-filter", "str-format", "replace", "batch", "str-join"],
)
def test_what_the_bounds_do_not_foresee_meets_the_memory_backstop(
    project: Path, body: str, message: str
) -> None:
    override(project, issue_page(body))
    assert_clean_failure(run(project, "build", ISSUE), ("templates/issue.html.j2:2:", message))


def test_a_percent_sign_written_twice_is_no_format(project: Path) -> None:
    override(project, issue_page('{{ "Up to 50%% of 20000000 readers: %s" % 3 }}'))
    assert run(project, "build", ISSUE).exit_code == 0
    assert "Up to 50% of 20000000 readers: 3" in (project / "dist" / ISSUE / "index.html").read_text()


def test_the_time_bound_rings_where_a_template_runs_so_its_line_is_named() -> None:
    # Between two pieces of output the template's frame is suspended: a ring there would
    # name no line (and, during the clean-up after a first ring, replace the first).
    import sys

    import jinja2

    alarm = bounds._Alarm(bounds.in_template)
    for _ in range(bounds.MAX_DEFERRED_RINGS):
        alarm.ring(0, sys._getframe())  # not in a template: waits for the next ring
    with pytest.raises(bounds.RenderTimeout):  # but not for ever
        alarm.ring(0, sys._getframe())
    seen: list[bool] = []
    template = jinja2.Environment().from_string("{{ probe() }}")
    template.globals["probe"] = lambda: seen.append(bounds.in_template(sys._getframe()))
    template.render()
    assert seen == [True]
    ringing = jinja2.Environment().from_string("{{ ring() }}")
    ringing.globals["ring"] = lambda: bounds._Alarm(bounds.in_template).ring(0, sys._getframe())
    with pytest.raises(bounds.RenderTimeout):  # in a template: at once
        ringing.render()
    alarm = bounds._Alarm(bounds.in_template)
    alarm.on = False
    alarm.ring(0, None)  # switched off: nothing


# --- the templates folder: what the cache key must see ------------------------------------


@pytest.mark.parametrize("name", ["email.css", "review.html.j2"])
def test_an_override_replaced_by_a_link_out_fails_as_a_clean_build_does(
    project: Path, tmp_path: Path, name: str
) -> None:
    """The templates' fingerprint hashed the files a walk finds, and a walk passes over a
    link out of the folder: the next build served the cached pages and succeeded, where a
    clean build refuses the link."""
    from digest.render.environment import theme_path

    (project / "templates").mkdir()
    built(project)
    outside = project.parent / f"outside-{name}"
    outside.write_text((theme_path() / name).read_text())
    (project / "templates" / name).symlink_to(outside)
    incremental = run(project, "build", ISSUE)
    clean = tmp_path / "clean"
    shutil.copytree(project, clean, ignore=shutil.ignore_patterns("dist", ".digest-cache"), symlinks=True)
    from_nothing = run(clean, "build", ISSUE)
    assert_clean_failure(from_nothing, (f"templates/{name}:", "link to a file outside"))
    assert_clean_failure(incremental, (f"templates/{name}:", "link to a file outside"))


def test_a_huge_file_beside_the_templates_is_never_read(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The templates' fingerprint read every byte of every file in the folder: a 3 GB
    sparse file there cost 17 s of every build, a larger one any time at all."""
    import digest.render.environment as environment

    (project / "templates").mkdir()
    with open(project / "templates" / "backup.tar", "wb") as file:
        file.truncate(3 * 1024**3)
    hashed: list[str] = []
    real = environment.sha256_of

    def spy(path: str, max_bytes: int, identity: tuple[int, int] = (0, 0)) -> str:
        hashed.append(path)
        return real(path, max_bytes, identity)

    monkeypatch.setattr(environment, "sha256_of", spy)
    built(project)
    assert hashed and not any(path.endswith("backup.tar") for path in hashed)


# --- templates: names the loader must not look up, and overrides that are no file ---------


def test_a_template_included_by_an_absolute_name_is_not_found_by_its_line(project: Path) -> None:
    """{% include '/etc/passwd' %} was looked up as that file, and refused as 'a link to a
    file outside templates/' named /etc/passwd, not the template and line that asked."""
    built(project)
    (project / "templates").mkdir()
    (project / "templates" / "review.html.j2").write_text(
        "{% extends 'base.html.j2' %}\n{% include '/etc/passwd' %}\n"
    )
    fails_cleanly(project, ("templates/review.html.j2:2:", "template not found: /etc/passwd"))


def override_as(kind: str) -> Callable[[Path], None]:
    def setup(path: Path) -> None:
        if kind == "empty-folder":
            path.mkdir()
        elif kind == "pipe":
            os.mkfifo(path)
        elif kind == "device-link":
            path.symlink_to("/dev/zero")
        else:
            path.symlink_to(path.name)  # a link to itself: a loop

    return setup


@pytest.mark.parametrize("kind", ["empty-folder", "pipe", "device-link", "loop"])
@pytest.mark.parametrize("name", ["review.html.j2", "email.css"])
def test_an_override_that_is_no_file_is_named_not_passed_over(project: Path, kind: str, name: str) -> None:
    """The built-in template was used instead, without a word: the editor's override was
    never read and nothing said why. An empty folder did not even change the templates'
    fingerprint, so a clean build and an incremental one could disagree."""
    built(project)
    (project / "templates").mkdir()
    override_as(kind)(project / "templates" / name)
    fails_cleanly(
        project, (f"templates/{name}:", "is not a file", f"your {name}", "remove it to use the built-in one")
    )
    listed = run(project, "list")
    assert "stale: the templates changed since the build" in listed.output


# --- a template saved while a build renders -------------------------------------------------


def test_a_template_saved_while_a_build_renders_is_never_cached_as_the_other(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The templates' fingerprint was taken of one version and the page rendered from the
    next one, and cached under the first: after an undo the build served the page of the
    version no longer there, where a clean build rendered the one there."""
    from digest.render.environment import Templates, theme_path

    built(project)
    override = project / "templates" / "review.html.j2"
    override.parent.mkdir()
    theme = (theme_path() / "review.html.j2").read_text()
    version_a = theme.replace('<div class="body"', "<!-- version A -->\n" + '<div class="body"', 1)
    version_b = theme.replace('<div class="body"', "<!-- version B -->\n" + '<div class="body"', 1)
    assert version_a != theme
    override.write_text(version_a)
    real_fingerprint = Templates.fingerprint

    def saved_meanwhile(self: Templates) -> str:
        fingerprint = real_fingerprint(self)
        override.write_text(version_b)  # the editor saves while the build renders
        return fingerprint

    monkeypatch.setattr(Templates, "fingerprint", saved_meanwhile)
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output  # rendered again with the template as saved
    assert any(b"version B" in data for data in tree(project / "dist").values())
    assert not any(b"version A" in data for data in tree(project / "dist").values())
    monkeypatch.undo()
    override.write_text(version_a)  # and undoes the edit
    incremental = built(project)
    clean = tmp_path / "clean"
    shutil.copytree(project, clean, ignore=shutil.ignore_patterns("dist", ".digest-cache"))
    assert built(clean) == incremental
    assert any(b"version A" in data for data in incremental.values())


@pytest.mark.parametrize("name", ["email.css", "review.html.j2", "web.css"])
def test_a_template_saved_with_a_byte_order_mark_builds_as_without(
    project: Path, tmp_path: Path, name: str
) -> None:
    """The mark reached the outputs: at the head of email.css it made the first rule's
    selector '\\ufeffbody', a rule no client applies, and it stood inside the pages."""
    from digest.render.environment import theme_path

    (project / "templates").mkdir()
    (project / "templates" / name).write_bytes((theme_path() / name).read_bytes())
    plain = built(project)
    (project / "templates" / name).write_bytes(b"\xef\xbb\xbf" + (theme_path() / name).read_bytes())
    marked = built(project)
    del plain[".digest-output"], marked[".digest-output"]  # the record names the templates' bytes
    assert marked == plain


# --- templates: names no file system holds, syntax nested past Python's stack ---------------


def override_review_template(project: Path, inserted: str) -> Path:
    from digest.render.environment import theme_path

    anchor = '<div class="body"'
    text = (theme_path() / "review.html.j2").read_text()
    (project / "templates").mkdir(exist_ok=True)
    path = project / "templates" / "review.html.j2"
    path.write_text(text.replace(anchor, inserted + anchor, 1))
    return path


def test_a_template_included_by_a_name_too_long_for_a_file_is_not_found(project: Path) -> None:
    """The loader's is_file() raised OSError (File name too long): a traceback."""
    built(project)
    path = override_review_template(project, '{% include "' + "a" * 5000 + '.j2" %}')
    fails_cleanly(project, (f"{path}:", "template not found"))


@pytest.mark.parametrize(
    "inserted",
    [
        pytest.param("{% if 1 %}" * 3000 + "{% endif %}" * 3000, id="blocks"),
        pytest.param("{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}", id="brackets"),
        pytest.param("{% for a in [1] %}" * 25 + "{% endfor %}" * 25, id="loops"),
        pytest.param("{% for a in [1] %}" * 200 + "{% endfor %}" * 200, id="indentation"),
    ],
)
def test_template_syntax_nested_thousands_deep_is_named_not_a_traceback(project: Path, inserted: str) -> None:
    """Jinja's parser recurses once a level: RecursionError, raised outside any template's
    frame, was taken for a bug in digest and shown as a traceback; Python refuses the code
    of 20 loops inside each other (SyntaxError), another traceback."""
    built(project)
    path = override_review_template(project, inserted)
    fails_cleanly(project, (str(path), "nested too deep", "flatten"))


# --- a site in another language -------------------------------------------------------------------


def test_a_site_in_german_dates_its_issues_and_reviews_in_german(project: Path) -> None:
    settings = project / "digest.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace('language = "en"', 'language = "de"'), encoding="utf-8"
    )
    text = built_output(project, "email.txt")
    assert "2. Januar 2026" in text and not re.search(r"\d January \d{4}", text), text
    web = (project / "dist" / ISSUE / "index.html").read_text(encoding="utf-8")
    assert "2. Januar 2026" in web
    archive = (project / "dist" / "index.html").read_text(encoding="utf-8")
    assert "2. Januar 2026" in archive and not re.search(r"\d January \d{4}", archive)


def test_an_english_site_keeps_its_dates_as_they_were(project: Path) -> None:
    text = built_output(project, "email.txt")
    assert "· 2 January 2026" in text


@pytest.mark.parametrize("when", ["after the fingerprint", "as the fingerprint began"])
def test_a_templates_folder_swapped_for_a_link_out_mid_build_says_build_again(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, when: str
) -> None:
    """The templates folder made a link to a copy outside the project by a process racing the
    build (found by the fuzzer's folder_swapped_after_walk, seed 16132): the build said
    'templates/web.css: the template is a link to a file outside': no file was a link, and
    the user was told to copy in a file that was there. Nothing outside is read, and it says
    the folder was replaced: build again."""
    from digest.render.environment import Templates, theme_path

    folder = project / "templates"
    folder.mkdir()
    (folder / "web.css").write_text((theme_path() / "web.css").read_text() + "\n/* ours */\n")
    built(project)
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    shutil.copytree(folder, outside)
    (outside / "web.css").write_text((outside / "web.css").read_text() + "\n/* Not the project's words */\n")

    def swap() -> None:
        folder.rename(folder.with_name(".aside"))
        folder.symlink_to(outside, target_is_directory=True)

    real_fingerprint = Templates.fingerprint

    def swapping(self: Templates) -> str:
        if when == "as the fingerprint began" and not folder.is_symlink():
            swap()
        fingerprint = real_fingerprint(self)
        if not folder.is_symlink():
            swap()
        return fingerprint

    monkeypatch.setattr(Templates, "fingerprint", swapping)
    result = run(project, "build", ISSUE)
    monkeypatch.undo()
    folder.unlink()
    folder.with_name(".aside").rename(folder)
    leaked = [name for name, data in tree(project / "dist").items() if b"Not the project's words" in data]
    assert not leaked, result.output
    if result.exit_code != 0:
        assert_clean_failure(result, ("templates", "build again"))
        assert "is a link to a file outside" not in result.output


def test_a_template_saved_again_and_again_while_pages_render_is_named(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rendering is made again with the template as saved, a few times: one that changes
    each time it is read (a program rewriting it without end) stops the build, named."""
    from digest.render.environment import Templates, theme_path

    override = project / "templates" / "review.html.j2"
    override.parent.mkdir()
    theme = (theme_path() / "review.html.j2").read_text()
    override.write_text(theme)
    real_fingerprint = Templates.fingerprint
    saves = []

    def saved_each_time(self: Templates) -> str:
        fingerprint = real_fingerprint(self)
        saves.append(1)
        override.write_text(theme + f"{{# save {len(saves)} #}}\n")
        return fingerprint

    monkeypatch.setattr(Templates, "fingerprint", saved_each_time)
    before = tree(project / "dist") if (project / "dist").exists() else None
    result = run(project, "build", ISSUE)
    assert_clean_failure(
        result, ("templates/review.html.j2:", "changed while the build read it", "build again")
    )
    assert (tree(project / "dist") if (project / "dist").exists() else None) == before
