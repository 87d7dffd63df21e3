"""Helpers several test files share: a copy of the demo project built, edited and failed cleanly
(built, built_output, clean_build, fails_cleanly, set_in_config, line_of, ...), issue.md and
review files edited (issue_md, set_line, review_file, write_review, with_intro), posts written
(write_file, write_in, post), saved pages (page_of, ends_in_time, finishes_in_time, returns_in_time), the client report's views (styled_email, item,
messages) and the email rules' fixtures (GOOD, an email that passes every check; broken, only,
findings_of, line_in_html, sources_in, set_preheader) and saved mails (letter, saved, plain_mail,
gmail_forward, outlook_forward) and settings files (write_config, settings_line).

The attack tests run as root on the project's machines: where a permission matters, they make the
file system refuse by a monkeypatched system call (refuse_listing, refuse_first_opening) rather
than chmod."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest

from digest.checks.clients.mailclients import MAJOR_CLIENTS, Client
from digest.checks.clients.report import ClientReport, ReportItem
from digest.checks.css import Colour, parse_colour
from digest.checks.email_rules import EmailCheckSettings, check_email
from digest.checks.origins import EmailSources
from digest.errors import Finding
from tests.test_cli import run, tree
from tests.test_robustness import ISSUE, assert_clean_failure, stray_folders

LIMIT_SECONDS = 60  # a linear reading of these inputs takes a second or two


BODY_PROSE = "<p>" + "Words of the article body, written for this test. " * 20 + "</p>"


def page_of(body: str, head: str = "<title>A real headline</title>") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def finishes_in_time(what: str, code: str, *arguments: str, limit: float = LIMIT_SECONDS) -> None:
    """Run `code` in a child process; it must succeed and end within the limit. A guard against
    a reading that never ends (quadratic on a hostile input), not a measure of speed: the
    limit is many times what a linear reading takes, even on a loaded machine."""
    try:
        subprocess.run([sys.executable, "-c", code, *arguments], check=True, timeout=limit)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{what}: still running after {limit} s")


def returns_in_time(what: str, action: Callable[[], object], limit: float = LIMIT_SECONDS) -> None:
    """Run `action` (and its assertions) in a forked child process; it must return within
    the limit. The same guard as finishes_in_time for code that needs the test's objects."""
    child = os.fork()
    if child == 0:  # pragma: no cover (the child's outcome is its exit status)
        code = 1
        try:
            action()
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    deadline = time.monotonic() + limit
    while (ended := os.waitpid(child, os.WNOHANG))[0] == 0:
        if time.monotonic() > deadline:
            os.kill(child, signal.SIGKILL)
            os.waitpid(child, 0)
            pytest.fail(f"{what}: still running after {limit} s")
        time.sleep(0.02)
    assert os.waitstatus_to_exitcode(ended[1]) == 0, f"{what}: failed in the child (its traceback is above)"


def ends_in_time(tmp_path: Path, name: str, text: str, reader: str, limit: float = LIMIT_SECONDS) -> None:
    """Read `text` saved as `name` in a child process; it must finish within the limit."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    module, function = reader.rsplit(".", 1)
    code = (
        "import sys\nfrom pathlib import Path\nfrom digest.errors import DigestError\n"
        f"from {module} import {function} as read\n"
        "try:\n    read(Path(sys.argv[1]))\nexcept DigestError:\n    pass\n"
    )
    finishes_in_time(f"{name}: {len(text):,} characters", code, str(path), limit=limit)


FOLDER = f"issues/{ISSUE}"


REVIEW_FILE = f"{FOLDER}/llm-report-2025.md"


def built(project: Path) -> dict[str, bytes]:
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    return tree(project / "dist")


def clean_build(project: Path, scratch: Path) -> dict[str, bytes]:
    """The same sources built from nothing: no cache, no previous output."""
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(project, scratch, ignore=shutil.ignore_patterns("dist", ".digest-cache"))
    return built(scratch)


def fails_cleanly(project: Path, message: tuple[str, ...], *args: str, exit_code: int = 1) -> None:
    """A build that fails with one line holding `message`'s pieces in order, and leaves
    dist/ as the last build left it."""
    before = tree(project / "dist")
    result = run(project, *(args or ("build", ISSUE)))
    assert_clean_failure(result, message, exit_code)
    assert "\x1b" not in result.output and "\x00" not in result.output
    assert tree(project / "dist") == before
    assert stray_folders(project) == []


def set_in_config(project: Path, section: str, line: str) -> None:
    """`line` written first in `[section]` of digest.toml (the section added if absent)."""
    path = project / "digest.toml"
    text = path.read_text()
    if f"[{section}]\n" not in text:
        text += f"\n[{section}]\n"
    path.write_text(text.replace(f"[{section}]\n", f"[{section}]\n{line}\n", 1))


# --- the caches are written in place: never through a link ------------------------------


def someone_elses_database(path: Path) -> bytes:
    import sqlite3

    database = sqlite3.connect(path)
    database.execute("CREATE TABLE bookmarks (url TEXT)")
    database.execute("INSERT INTO bookmarks VALUES ('https://example.org/')")
    database.commit()
    database.close()
    return path.read_bytes()


@contextlib.contextmanager
def not_writable(path: Path) -> Iterator[None]:
    """`path` made a file its user may not write: its mode, and for root (whom no mode stops)
    the immutable attribute; undone after."""
    path.chmod(0o444)
    if os.geteuid() != 0:
        yield
        return
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)]).returncode:
        pytest.skip("running as root, where only chattr +i makes a file read-only, and it failed")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


# --- folders nested thousands deep ----------------------------------------------------------
Nest = Callable[[Path, int], Path]


def line_of(path: Path, start: str) -> int:
    """The number of the first line of `path` starting with `start`."""
    lines = path.read_text().split("\n")
    return next(number for number, line in enumerate(lines, 1) if line.startswith(start))


def refuse_listing(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """`folder` cannot be listed (as a chmod 000 folder cannot, for anyone but root)."""
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if isinstance(path, str | os.PathLike) and Path(os.fspath(path)) == folder:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)


def refuse_first_opening(monkeypatch: pytest.MonkeyPatch, ending: str) -> list[str]:
    """os.open refuses (EACCES) the first opening of a path ending in `ending`, as a file
    whose permissions are put back a moment later; the paths it refused."""
    real_open = os.open
    refused: list[str] = []

    def opener(path: object, flags: int, *args: object, **options: object) -> int:
        name = os.fspath(path)  # type: ignore[call-overload]
        if isinstance(name, str) and name.endswith(ending) and not refused:
            refused.append(name)
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), name)
        return real_open(path, flags, *args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", opener)
    return refused


# --- what a walk passes over, appearing between builds --------------------------------------


def build_both(project: Path, tmp_path: Path) -> tuple[tuple[int, str], tuple[int, str]]:
    """An incremental build of `project` and a clean build of a copy of its sources (links
    and pipes copied as they are): exit code and last line of each, paths made alike."""
    from tests.fuzzing import copy_entry

    incremental = run(project, "build", ISSUE)
    clean_root = tmp_path / "clean"
    shutil.copytree(
        project,
        clean_root,
        ignore=shutil.ignore_patterns("dist", ".digest-cache"),
        symlinks=True,
        copy_function=copy_entry,
    )
    clean = run(clean_root, "build", ISSUE)
    return (
        (incremental.exit_code, incremental.output.strip().splitlines()[-1].replace(str(project), "<p>")),
        (clean.exit_code, clean.output.strip().splitlines()[-1].replace(str(clean_root), "<p>")),
    )


def odd_thing(kind: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        if kind == "pipe":
            os.mkfifo(path)
        elif kind == "empty-folder":
            path.mkdir()
        elif kind == "broken-link":
            path.symlink_to("moved-away")
        else:
            path.symlink_to("/etc/hostname")

    return make


def issue_md(project: Path, issue_id: str = ISSUE) -> Path:
    return project / "issues" / issue_id / "issue.md"


def set_line(path: Path, key: str, value: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
    lines[index] = f"{key}: {value}"
    path.write_text("\n".join(lines), encoding="utf-8")


def one_error_line(output: str) -> str:
    errors = [line for line in output.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1, output
    assert "Traceback" not in output
    return errors[0]


EARLIER = "issue-2024"


def review_file(project: Path, name: str = "state-of-llms-2025.md") -> Path:
    return project / "issues" / ISSUE / name


# --- the subject in the message file ------------------------------------------------------


LONG_SUBJECT = (
    "Week two — Tokyo’s punctual trains, Cairo’s unofficial minibus maps, and a field "
    "guide to bus priority signals that every planner should read 📍🗺️"
)


# --- the card's opening words -------------------------------------------------------------


def write_review(project: Path, body: str, front: str = "") -> Path:
    path = review_file(project)
    path.write_text(f'---\ntitle: "Parking minimums, ten years on"\ndate: 2025-11-30\n{front}---\n{body}')
    return path


def add_to_intro(project: Path, paragraph: str) -> None:
    path = issue_md(project)
    path.write_text(path.read_text() + f"\n{paragraph}\n")


SITE = "https://digest.example.org/"
A_REVIEW = "review-the-state-of-llms-in-2025"


def with_intro(project: Path, intro: str, issue_id: str = ISSUE) -> None:
    path = issue_md(project, issue_id)
    front, _ = path.read_text(encoding="utf-8").rsplit("\n---\n", 1)
    path.write_text(f"{front}\n---\n{intro}\n", encoding="utf-8")


def built_output(project: Path, name: str, *args: str) -> str:
    """The text of dist/ISSUE/`name` after a build without the network link check."""
    result = run(project, "build", ISSUE, "--no-check-links", *args)
    assert result.exit_code == 0, result.output
    return (project / "dist" / ISSUE / name).read_text(encoding="utf-8")


BODY = "\nA paragraph of the post, long enough to be its text.\n"


def write_file(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def post(folder: Path, front_matter: str, name: str = "post.md") -> Path:
    return write_file(folder / name, f"---\ntitle: A post\ndate: 2024-05-01\n{front_matter}---\n{BODY}")


def write_in(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


CLIENTS = {client.short: client for client in MAJOR_CLIENTS}


OUTLOOK = CLIENTS["Outlook Windows"]


YAHOO = CLIENTS["Yahoo"]


GMAIL = CLIENTS["Gmail web"]


OUTLOOK_MAC = CLIENTS["Outlook macOS"]


def item(report: ClientReport, client: Client, feature: str) -> ReportItem | None:
    support = next(each for each in report.clients if each.client == client)
    return next((each for each in support.items if each.feature == feature), None)


def messages(report: ClientReport, severity: str) -> list[str]:
    return [finding.message for finding in report.findings if finding.severity == severity]


def styled_email(style: str, body: str) -> str:
    return f"<!doctype html><html><head><style>{style}</style></head><body>{body}</body></html>"


class StillReading(Exception):
    """Raised in a read that would never end (not an OSError, which the build may catch)."""


@contextlib.contextmanager
def hang_fails(seconds: int = 60) -> Iterator[None]:
    """A read that would never end fails the test instead of hanging it."""

    def ring(signum: int, frame: object) -> None:
        raise StillReading(f"still reading after {seconds} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# --- the email rules' fixtures ----------------------------------------------------

# The shape of the lead's pipeline output (MJML -> mjml-python -> premailer): table layout with
# role="presentation", Outlook conditional comments, MJML's own media queries, a hidden preheader
# and a dark-mode block whose !important colours beat the inlined light ones.
GOOD = """<!DOCTYPE html>
<html lang="en" dir="auto" xmlns="http://www.w3.org/1999/xhtml" xmlns:v="urn:schemas-microsoft-com:vml">
<head>
<title>The Digest, issue 12</title>
<!--[if !mso]><!--><meta http-equiv="X-UA-Compatible" content="IE=edge"><!--<![endif]-->
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<!--[if mso]>
<noscript><xml><o:OfficeDocumentSettings><o:PixelsPerInch>96</o:PixelsPerInch></o:OfficeDocumentSettings></xml></noscript>
<![endif]-->
<!--[if lte mso 11]>
<style type="text/css">.mj-outlook-group-fix { width:100% !important; }</style>
<![endif]-->
<style type="text/css">@media only screen and (min-width:480px) {
  .mj-column-per-100 { width: 100% !important; max-width: 100% !important }
}</style>
<style media="screen and (min-width:480px)">.moz-text-html .mj-column-per-100 { width:100% !important; }</style>
<style type="text/css">@media only screen and (max-width:479px) {
  table.mj-full-width-mobile { width: 100% !important }
}</style>
<style type="text/css">
/* dark mode: Apple Mail and Outlook.com honour these */
@media (prefers-color-scheme: dark) {
  body, .page { background-color: #121212 !important }
  .card, .card > table { background-color: #1e1e1e !important }
  .text div, .text h1, .text h2 { color: #e8e8e8 !important }
  .text a { color: #8ab4f8 !important }
  .button td, .button a { background-color: #8ab4f8 !important; color: #111111 !important }
}
</style>
</head>
<body style="margin:0; padding:0; word-spacing:normal; background-color:#f4f4f4" bgcolor="#f4f4f4">
<div style="display:none;font-size:1px;color:#ffffff;line-height:1px;max-height:0px;max-width:0px;opacity:0;overflow:hidden;">Three reviews worth your evening</div>
<div class="page" role="article" aria-roledescription="email" lang="en" style="background-color:#f4f4f4;">
<!--[if mso | IE]><table align="center" border="0" cellpadding="0" cellspacing="0" role="presentation" width="600" style="width:600px;"><tr><td><![endif]-->
<div class="card" style="background:#ffffff;background-color:#ffffff;margin:0px auto;max-width:600px;">
<table border="0" cellpadding="0" cellspacing="0" role="presentation" align="center" width="100%" style="background:#ffffff;width:100%" bgcolor="#ffffff">
<tbody><tr><td style="direction:ltr;font-size:0;padding:20px 0;text-align:center" align="center">
<div class="mj-column-per-100 mj-outlook-group-fix" style="font-size:0px;text-align:left;display:inline-block;vertical-align:top;width:100%;">
<table border="0" cellpadding="0" cellspacing="0" role="presentation" width="100%" style="vertical-align:top">
<tbody>
<tr><td align="center" style="font-size:0;padding:10px 25px">
<table border="0" cellpadding="0" cellspacing="0" role="presentation" style="border-collapse:collapse;border-spacing:0">
<tbody><tr><td style="width:150px" width="150"><img alt="The Digest" height="auto" src="https://digest.example.org/logo.png" width="150" style="border:0;display:block;width:100%"></td></tr></tbody>
</table>
</td></tr>
<tr><td align="left" class="text" style="font-size:0;padding:10px 25px;word-break:break-word">
<div style="font-family:Georgia, 'Times New Roman', serif;font-size:16px;line-height:1.5;text-align:left;color:#222222;">
<h1 style="font-size:28px;margin:0 0 12px">Issue 12: slow reading</h1>
<h2 style="font-size:20px">A field guide to lichens</h2>
<p>An unhurried look at the organisms on every old wall. <a href="https://digest.example.org/12/lichens/" style="color:#1a55a5">Read the review</a></p>
<h2 style="font-size:20px">Letters from a lighthouse</h2>
<p>A keeper's notebooks, edited with care. <a href="https://digest.example.org/12/lighthouse/" style="color:#1a55a5">Read the review</a></p>
</div>
</td></tr>
<tr><td align="center" class="button" style="font-size:0;padding:10px 25px">
<table border="0" cellpadding="0" cellspacing="0" role="presentation" style="border-collapse:separate;line-height:100%">
<tbody><tr><td align="center" bgcolor="#1a55a5" role="presentation" style="border:none;border-radius:3px;background:#1a55a5">
<a href="https://digest.example.org/12/" target="_blank" style="display:inline-block;background:#1a55a5;color:#ffffff;font-family:Helvetica, Arial, sans-serif;font-size:15px;padding:10px 25px;border-radius:3px;text-decoration:none">Read the issue on the web</a>
</td></tr></tbody>
</table>
</td></tr>
<tr><td align="center" class="text" style="font-size:0;padding:10px 25px">
<div style="font-family:Helvetica, Arial, sans-serif;font-size:13px;line-height:1.5;text-align:center;color:#555555;">You get this because you subscribed. <a href="*|UNSUB|*" style="color:#1a55a5">Unsubscribe</a> or write to <a href="mailto:editor@digest.example.org" style="color:#1a55a5">the editor</a>.</div>
</td></tr>
</tbody>
</table>
</div>
</td></tr></tbody>
</table>
</div>
<!--[if mso | IE]></td></tr></table><![endif]-->
</div>
</body>
</html>
"""


SETTINGS = EmailCheckSettings()


def broken(old: str, new: str, html: str = GOOD) -> str:
    """GOOD with one change; fails loudly if the fixture no longer holds `old`."""
    assert old in html, f"the fixture has no {old!r}"
    return html.replace(old, new, 1)


def only(findings: list[Finding], check: str, severity: str = "error") -> Finding:
    """The finding of `check`, after asserting that no other check reports an error."""
    assert [f for f in findings if f.severity == "error" and f.check != check] == []
    matching = [f for f in findings if f.check == check and f.severity == severity]
    assert matching, findings
    return matching[0]


def line_in_html(start: str, html: str) -> int:
    """The 1-based number of the line of `html` that starts with `start`."""
    (number,) = [n for n, line in enumerate(html.splitlines(), 1) if line.startswith(start)]
    return number


def findings_of(html: str, settings: EmailCheckSettings = SETTINGS) -> list[Finding]:
    return check_email(html, settings)


MJML = """<mjml lang="en">
  <mj-head>
    <mj-title>The Digest, issue 12</mj-title>
    <mj-preview>Three reviews worth your evening</mj-preview>
    <mj-raw>
      <meta name="color-scheme" content="light dark">
      <meta name="supported-color-schemes" content="light dark">
    </mj-raw>
    <mj-attributes>
      <mj-all font-family="Georgia, 'Times New Roman', serif" />
      <mj-text color="#222222" font-size="16px" line-height="1.5" />
    </mj-attributes>
    <mj-style>
      @media (prefers-color-scheme: dark) {
        .page { background-color: #121212 !important; }
        .card, .card > table { background-color: #1e1e1e !important; }
        .text div { color: #e8e8e8 !important; }
        .text a { color: #8ab4f8 !important; }
      }
    </mj-style>
  </mj-head>
  <mj-body width="600px" background-color="#f4f4f4" css-class="page">
    <mj-section background-color="#ffffff" css-class="card">
      <mj-column>
        <mj-image src="https://digest.example.org/logo.png" alt="The Digest" width="150px" />
        <mj-text css-class="text">
          <h1>Issue 12</h1>
          <p>A short excerpt. <a href="https://digest.example.org/12/" style="color:#1a55a5">Read on</a></p>
        </mj-text>
        <mj-button href="https://digest.example.org/12/" background-color="#1a55a5" color="#ffffff">
          Read the issue
        </mj-button>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>
"""


def rgb(value: str) -> tuple[int, int, int]:
    colour = parse_colour(value)
    assert isinstance(colour, Colour), value
    return colour.rgb


STYLESHEET = "/* the theme */\np.byline { margin: 0; color: #aaaaaa; }\n"


TEMPLATE = '<mjml lang="en">\n  <mj-text color="#555555" font-size="13px">\n</mjml>\n'


ISSUE_MD = '---\ntitle: "Issue 12"\npreheader: "Three reviews worth your evening"\n---\nIntro.\n'


def sources_in(tmp_path: Path, issue: str = ISSUE_MD, stylesheet: str = STYLESHEET) -> EmailSources:
    files = {"email.css": stylesheet, "email.mjml.j2": TEMPLATE, "issue.md": issue}
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    return EmailSources.read(
        tmp_path / "email.mjml.j2", tmp_path / "email.css", (tmp_path / "issue.md", "<p>Intro.</p>")
    )


UNLIMITED = EmailCheckSettings(max_bytes_error=10**9, max_bytes_warning=10**9)


def set_preheader(project: Path, value: str) -> Path:
    issue = project / "issues" / "issue-2025" / "issue.md"
    issue.write_text(
        re.sub(r"^preheader:.*$", f'preheader: "{value}"', issue.read_text(), count=1, flags=re.M)
    )
    return issue


# --- saved mails ----------------------------------------------------------------------

LETTER_HTML = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title></title></head><body>'
    '<div style="display:none;max-height:0;overflow:hidden">A line that previews the letter in the inbox.</div>'
    '<table width="100%"><tr><td><img src="cid:logo@letters.example" alt="Sorting Weekly" width="120"></td></tr>'
    "<tr><td><h1>Why sorting still matters</h1>"
    "<p>Every database you touch sorts something, and the cost of that sort shows up where people do not "
    "expect it, from query planners to the order of the rows in a report.</p>"
    "<p>This week I read three papers on external merge sort and one on learned indexes: here is what "
    'stood out, and why it matters even if you never write a sort. <a href="https://example.org/paper">'
    "The paper</a> has the figures.</p></td></tr></table>"
    '<img src="https://letters.example/o/open.gif" width="1" height="1" alt=""></body></html>'
)


def letter(**headers: str) -> EmailMessage:
    """A newsletter as a mail service sends it: a plain text and an HTML alternative."""
    message = EmailMessage()
    fields = {
        "From": '"Dana Pérez from Sorting Weekly" <dana@letters.example>',
        "To": "editor@example.net",
        "Subject": "Fwd: Issue 42: Why sorting still matters",
        "Date": "Tue, 03 Nov 2026 09:15:00 -0500",
        "Archived-At": "<https://letters.example/p/why-sorting-still-matters>",
    }
    for name, value in {**fields, **headers}.items():
        if value:
            message[name] = value
    message.set_content("The plain text alternative, which the HTML stands above.\n")
    message.add_alternative(LETTER_HTML, subtype="html", cte="quoted-printable")
    return message


def saved(tmp_path: Path, data: bytes, name: str = "letter.eml") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def plain_mail(text: str, **params: str) -> bytes:
    message = EmailMessage()
    message["From"] = "Jo Writer <jo@letters.example>"
    message["Subject"] = "Notes on caches"
    message.set_content(text)
    for name, value in params.items():
        message.set_param(name, value)
    return bytes(message)


def gmail_forward(
    date_line: str = "Date: Tue, Nov 3, 2026 at 9:15\u202fAM",
    opening: str = "---------- Forwarded message ---------",
) -> EmailMessage:
    """A newsletter forwarded from Gmail ("Forward"): the forwarded mail's fields in Gmail's
    `gmail_attr` block, then its HTML, in the forwarder's mail."""
    letter_body = LETTER_HTML.split("<body>")[1].split("</body>")[0]
    html = (
        '<div dir="ltr"><p>Have a look.</p><div class="gmail_quote"><div dir="ltr" class="gmail_attr">'
        f"{opening}<br>"
        'From: <strong class="gmail_sendername" dir="auto">Dana Pérez</strong> '
        '<span dir="auto">&lt;dana@letters.example&gt;</span><br>'
        f"{date_line}<br>Subject: Issue 42: Why sorting still matters<br>To: &lt;sam@desk.example&gt;<br></div>"
        f"<br><br>{letter_body}</div></div>"
    )
    return forwarded("Fwd", html)


def outlook_forward(
    labels: tuple[str, str, str, str] = ("From", "Sent", "To", "Subject"),
    wrapped: bool = True,
    sent_at: str = "Tuesday, November 3, 2026 9:15 AM",
) -> bytes:
    """A newsletter forwarded inline from Outlook for Windows (its HTML is Word's): the
    forwarder's note, then the forwarded mail's fields as one paragraph of bold labels, in the
    forwarder's language, From first and Subject last (a Cc line between when there is one)."""
    letter_body = LETTER_HTML.split("<body>")[1].split("</body>")[0]
    sender, sent, to, subject = labels
    fields = (
        f"<p class=MsoNormal><b><span lang=EN-US>{sender}:</span></b><span lang=EN-US> Dana Pérez "
        f"&lt;dana@letters.example&gt; <br><b>{sent}:</b> {sent_at}<br>"
        f"<b>{to}:</b> Sam Editor &lt;sam@desk.example&gt;<br><b>Cc:</b> desk@desk.example<br>"
        f"<b>{subject}:</b> Issue 42: Why sorting still matters<o:p></o:p></span></p>"
    )
    if wrapped:  # Outlook 2013 on: a rule above the fields
        fields = f"<div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'>{fields}</div>"
    html = (
        '<html><head><meta name=Generator content="Microsoft Word 15 (filtered medium)"></head>'
        "<body lang=EN-US><div class=WordSection1><p class=MsoNormal>Have a look.<o:p></o:p></p>"
        f"<p class=MsoNormal><o:p>&nbsp;</o:p></p>{fields}<p class=MsoNormal><o:p>&nbsp;</o:p></p>"
        f"{letter_body}</div></body></html>"
    )
    return bytes(forwarded("FW", html))


def forwarded(
    mark: str, html: str | None = None, text: str = "Have a look.\n", zone: str = "-0500"
) -> EmailMessage:
    """The letter forwarded by Sam, its subject under the program's `mark` (Fwd, FW, WG): the
    forwarder's note as text, then `html`, if any, as its alternative."""
    forward = EmailMessage()
    forward["From"] = "Sam Editor <sam@desk.example>"
    forward["Subject"] = f"{mark}: Issue 42: Why sorting still matters"
    forward["Date"] = f"Wed, 04 Nov 2026 08:00:00 {zone}"
    forward.set_content(text)
    if html is not None:
        forward.add_alternative(html, subtype="html")
    return forward


# --- settings files -------------------------------------------------------------------


def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "digest.toml"
    path.write_text(text)
    return path


def settings_line(project: Path, start: str) -> int:
    lines = (project / "digest.toml").read_text().splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith(start))


def review_page(head: str = "", footer: str = "") -> str:
    """A saved review page whose description is its standfirst ('A review of ... by Ann Lee'),
    with `head` added to its head and `footer` after its text."""
    from tests.test_import_rules import PROSE, page

    standfirst = "A review of The Tide Atlas by Ann Lee"
    return page(
        f"<title>Reading the sea</title><meta name='description' content='{standfirst}'>"
        f"<meta property='og:site_name' content='Harbour Notes'>{head}",
        f"<div class='content'><h1 class='title'>Reading the sea</h1><h2 class='subtitle'>{standfirst}</h2>"
        f"<p class='date'>November 6, 2020 · 12 min read</p>{PROSE}</div>{footer}",
    )
