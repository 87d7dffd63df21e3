"""The command line: parses arguments, calls the library, prints, maps errors to exit codes.

Exit codes: 0 success, 1 a content or check failure (a DigestError), 2 a usage error.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import click

from digest import __version__

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from digest.config import Config
    from digest.errors import Finding
    from digest.pipeline import BuildOptions

# Each command imports the stages it needs when it runs, so `digest --help` starts
# about as fast as click itself.


def _as_path(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Path arguments become pathlib paths here, so importing the CLI does not load pathlib."""
    from pathlib import Path

    if value is None:
        return None
    return tuple(Path(v) for v in value) if isinstance(value, tuple) else Path(value)


def _config(path: Path | None, **overrides: dict[str, Any]) -> Config:

    from digest.config import find_config, load_config

    config_path = path or find_config(current_folder())
    return load_config(config_path, overrides, OVERRIDE_FLAGS)


def current_folder() -> Path:
    """The folder the command runs in, where the settings are looked for."""
    from pathlib import Path

    from digest.errors import ConfigError

    try:
        return Path.cwd()
    except FileNotFoundError:  # the terminal's folder, removed or moved meanwhile
        raise ConfigError(
            "the folder this command runs in was removed or moved: cd into your project again"
        ) from None


# The options that override a setting, so a refused value names the option it came from.
OVERRIDE_FLAGS = {("build", "output_dir"): "--output", ("site", "base_url"): "--base-url"}


def _issue_as_listed(config: Config, issue_id: str) -> str:
    """The typed id as the issue's folder spells it (see sources.issue.as_listed)."""
    from digest.sources.issue import as_listed

    listed = as_listed(config, issue_id)
    if listed != issue_id:
        say(f"note: {printable_line(issue_id)} is the issue {listed} (its folder's name)")
    return listed


def format_findings(findings: list[Finding]) -> str:
    from digest.errors import format_findings as table

    return table(findings)


quiet_option = click.option(
    "--quiet", "-q", is_flag=True, help="No progress line while external links are checked."
)


class IsoDate(click.ParamType):  # type: ignore[type-arg]  # generic only in newer Click
    """A calendar date written YYYY-MM-DD, and nothing else."""

    name = "YYYY-MM-DD"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        from datetime import date

        from digest.errors import quoted

        if isinstance(value, date):
            return value
        text = str(value).strip()
        if len(text) == 10 and text[4] == text[7] == "-" and text.replace("-", "").isdigit():
            try:
                return date.fromisoformat(text)
            except ValueError:
                from digest.sources.dates import no_such_day

                self.fail(f"{quoted(text)} is not a day of the calendar: {no_such_day(text)}", param, ctx)
        self.fail(f"{quoted(text)} is not a date: write it as YYYY-MM-DD, e.g. 2026-12-05", param, ctx)


class ArticleFile(click.Path):
    """A file to import: an existing file, never a web address (digest reads pages saved from
    the browser, and fetches nothing to import)."""

    def __init__(self) -> None:
        super().__init__(exists=True, dir_okay=False)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        text = str(value)
        if "://" in text[:16] and not os.path.exists(text):
            from digest.errors import quoted

            self.fail(
                f"{quoted(text)} is a web address: save the page from the browser (Save Page As, or "
                "'Webpage, Single File') and import the saved file",
                param,
                ctx,
            )
        return super().convert(value, param, ctx)


drafts_option = click.option(
    "--drafts",
    is_flag=True,
    help="Include reviews marked draft: true, and the named issue if it is one.",
)

config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, exists=True),
    callback=_as_path,
    help="The digest.toml to use (default: the nearest one in this folder or above).",
)


class DigestGroup(click.Group):
    """Turns the library's errors into one escaped line on stderr and their exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        from digest import compiled

        # Ctrl+C as the compiled code is read (here, or as the first module using it imports)
        # was Click's 'Aborted!' and exit 1, a content problem's code.
        try:
            compiled.install()  # before the command imports its modules; `digest --help` never loads it
            from digest.errors import DigestError, one_line
        except KeyboardInterrupt:
            raise _interrupted() from None

        try:
            return super().invoke(ctx)
        except DigestError as error:
            kind = _UsageFailure if error.exit_code == _UsageFailure.exit_code else click.ClickException
            raise kind(one_line(error.message)) from None
        except PermissionError as error:
            # A file or folder the user may not read or search (chmod), met wherever a command
            # looks: Path.is_file() and its kin raise where a folder above cannot be searched.
            raise click.ClickException(one_line(_permission_message(error))) from None
        except KeyboardInterrupt:
            raise _interrupted() from None


def _interrupted() -> _Interrupted:
    if stderr_is_terminal():
        click.echo(err=True)  # past the '^C' the terminal echoed
    return _Interrupted("interrupted (Ctrl+C): run the command again to finish")


def _permission_message(error: PermissionError) -> str:
    where = f"{os.fsdecode(error.filename)}: " if error.filename is not None else ""
    return (
        f"{where}cannot be reached ({error.strerror}): check its permissions, and those of the "
        "folders that hold it"
    )


class _UsageFailure(click.ClickException):
    """A command that names something that is not there."""

    exit_code = 2


class _Interrupted(click.ClickException):
    """Ctrl+C: no problem in the content (1) nor in the command (2), but the shell's 128 + SIGINT.
    Every command stops whole: a build leaves the previous output as it was."""

    exit_code = 130


def say(message: str) -> None:
    """A diagnostic line on stderr, one line whatever it holds: anything a terminal would act
    on, a line break in a file name included, is escaped, and a hostile length shortened."""
    from digest.errors import one_line

    click.echo(one_line(message), err=True)


def show(text: str, err: bool = False) -> None:
    """Text for the terminal (stdout, or stderr with `err`): lines and tabs kept, anything
    else a terminal would act on (escape sequences, bidi overrides) escaped."""
    from digest.errors import printable

    click.echo(printable(text, keep="\n\t"), err=err)


@click.group(cls=DigestGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="digest")
def cli() -> None:
    """Build the email, web and feed editions of a newsletter issue.

    \b
    An editor's week, in commands:
      digest new issue-2026-01 --title "The first issue of 2026"
      digest import saved-page.html notes.txt --issue issue-2026-01
      digest preview issue-2026-01
      digest check issue-2026-01
      digest build issue-2026-01
      digest send issue-2026-01 --to you@example.org
      digest list
    """


@cli.command()
@click.argument("issue_id", required=False)
@config_option
@click.option(
    "--all", "build_all", is_flag=True, help="Build every issue, checking the newest issue's email."
)
@drafts_option
@click.option(
    "--strict", is_flag=True, help="Fail on warnings too (unverified or redirected links, email warnings)."
)
@click.option(
    "--output",
    type=click.Path(file_okay=False),
    metavar="DIR",
    default=None,  # kept as typed (a path would make 'https://x/' 'https:/x'): the settings judge it
    help="Output folder, relative to the folder of digest.toml (overrides [build] output_dir).",
)
@click.option(
    "--no-check-links",
    is_flag=True,
    help="Skip the network; internal links and forbidden schemes are still checked.",
)
@click.option("--base-url", default=None, metavar="URL", help="Site URL (overrides [site] base_url).")
@quiet_option
def build(
    issue_id: str | None,
    config_path: Path | None,
    build_all: bool,
    drafts: bool,
    strict: bool,
    no_check_links: bool,
    output: str | None,
    base_url: str | None,
    quiet: bool,
) -> None:
    """Check an issue and write every edition of it to the output folder.

    Every build also writes every published issue's web pages and email, the archive
    and the feeds; the email checked is the named issue's (with --all, the newest issue's).

    \b
    Example:
      digest build issue-2025 --strict
      digest build --all
    """
    if bool(issue_id) == build_all:
        raise click.UsageError("name one issue to build, or pass --all")
    from digest.errors import CheckFailed
    from digest.pipeline import BuildOptions
    from digest.pipeline import build as run_build

    overrides = {"build": {"output_dir": output or None}, "site": {"base_url": base_url}}
    config = _config(config_path, **overrides)
    issue_id = issue_id and _issue_as_listed(config, issue_id)
    options = BuildOptions(drafts, strict, False if no_check_links else None, _progress(quiet), _waiting)
    try:
        result = run_build(config, issue_id, options)
    except CheckFailed as failure:  # the whole table first, then the one-line error
        show(format_findings(failure.findings), err=True)
        raise
    for notice in result.notices:
        say(f"note: {notice}")
    show(format_findings(result.findings), err=True)
    say(f"email: {result.email_bytes:,} bytes (Gmail clips at 102,000)")
    say(f"built {result.issue.id}: {len(result.outputs)} files in {config.output_path}")


@cli.command()
@click.argument("issue_id")
@config_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Report format on stdout.",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too (unverified or redirected links).")
@click.option(
    "--no-check-links", is_flag=True, help="Skip the network; check internal links and schemes only."
)
@drafts_option
@quiet_option
def links(
    issue_id: str,
    config_path: Path | None,
    fmt: str,
    strict: bool,
    no_check_links: bool,
    drafts: bool,
    quiet: bool,
) -> None:
    """Check every link of an issue's outputs and print a report; nothing is written.

    Exits 1 when a link is broken (with --strict, also when one is unverified or
    redirected).

    \b
    Example:
      digest links issue-2025 --format json
    """
    from digest.checks.http import format_report
    from digest.pipeline import BuildOptions, prepare

    config = _config(config_path)
    issue_id = _issue_as_listed(config, issue_id)
    options = BuildOptions(drafts, strict, False if no_check_links else None, _progress(quiet))
    result = prepare(config, issue_id, options)
    report = result.link_report
    assert report is not None
    for notice in result.notices:  # the caches' (damaged, held by another process), as `check` says them
        say(f"note: {notice}")
    show(
        format_report(
            report.results,
            report.links,
            "json" if fmt == "json" else "text",
            findings=report.findings,
            external=report.external,
        )
    )
    link_findings = report.findings
    if any(f.severity == "error" for f in link_findings) or (strict and link_findings):
        raise SystemExit(1)


@cli.command()
@click.argument("issue_id")
@config_option
@click.option("--title", default=None, help="The issue's title (default: the issue id).")
@click.option(
    "--date",
    "issue_date",
    type=IsoDate(),
    default=None,
    help="The issue's date, YYYY-MM-DD (default: today).",
)
def new(issue_id: str, config_path: Path | None, title: str | None, issue_date: date | None) -> None:
    """Create issues/ISSUE_ID/issue.md with every field present and explained.

    An existing issue is never overwritten.

    \b
    Example:
      digest new issue-2026-01 --title "The first issue of 2026" --date 2026-01-09
    """
    from digest.sources.scaffold import new_issue, numbered

    config = _config(config_path)
    from datetime import datetime

    day = issue_date or datetime.now().date()
    path = new_issue(config, issue_id, title=title, issue_date=day)
    say(f"created {path}")
    if number := numbered(path):
        say(f"number: {number} (the one after the highest so far; change it in the file if need be)")
    say(f"next: digest import FILE... --issue {issue_id}")


@cli.command(name="import")
@click.argument("files", nargs=-1, required=True, type=ArticleFile(), callback=_as_path)
@click.option(
    "--issue", "issue_id", required=True, metavar="ISSUE_ID", help="The issue to add the reviews to."
)
@click.option("--force", is_flag=True, help="Replace review files that already exist in the issue.")
@config_option
def import_(files: tuple[Path, ...], issue_id: str, force: bool, config_path: Path | None) -> None:
    """Turn articles into reviews of an issue and add them to its list.

    FILES may be plain text, Markdown (with or without front matter in any
    supported dialect), pages saved from a browser (HTML, MHTML, Safari web
    archives), or newsletters saved from a mail program (.eml). Each becomes a
    Markdown review with normalised front matter; what was found, and what to
    check, is printed. Nothing is written if any file fails.

    \b
    Example:
      digest import ~/Downloads/article.html notes.txt --issue issue-2026-01
    """
    from digest.sources.importer import format_report, import_reviews

    config = _config(config_path)
    issue_id = _issue_as_listed(config, issue_id)
    with terminated_as_interrupted():  # a killed import takes back what it wrote
        imported = import_reviews(config, issue_id, list(files), force=force)
    show(format_report(imported, config.issues_path / issue_id / "issue.md"))


@cli.command()
@click.argument("issue_id")
@config_option
@drafts_option
@click.option(
    "--strict", is_flag=True, help="Fail on warnings too (unverified or redirected links, email warnings)."
)
@click.option(
    "--no-check-links",
    is_flag=True,
    help="Skip the network; internal links and forbidden schemes are still checked.",
)
@click.option(
    "--clients",
    is_flag=True,
    help="Detail the client-support report: what each dropped feature costs, and where.",
)
@quiet_option
def check(
    issue_id: str,
    config_path: Path | None,
    drafts: bool,
    strict: bool,
    no_check_links: bool,
    clients: bool,
    quiet: bool,
) -> None:
    """Run every check of a build (content, links, email rules) without writing anything.

    Prints the findings, then what each major mail client drops from the email.
    Exits 1 when `digest build` would stop, 0 when it would succeed.

    \b
    Example:
      digest check issue-2025 --strict
    """
    from digest.errors import CheckFailed
    from digest.pipeline import BuildOptions, prepare

    config = _config(config_path)
    issue_id = _issue_as_listed(config, issue_id)
    options = BuildOptions(drafts, strict, False if no_check_links else None, _progress(quiet))
    result = prepare(config, issue_id, options)
    for notice in result.notices:
        say(f"note: {notice}")
    show(format_findings(result.findings))
    if result.client_report is not None:
        from digest.checks.clients import format_report

        show("\n" + format_report(result.client_report, config.root, detailed=clients))
    say(f"email: {result.email_bytes:,} bytes (Gmail clips at 102,000)")
    if result.failed(strict):
        raise CheckFailed.stopping(result.findings, strict, "`digest build` would stop")
    say(f"checked {issue_id}: ready to build")


def _recipients(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    from digest.output.testsend import check_recipients

    try:
        return check_recipients(value)
    except ValueError as problem:
        raise click.BadParameter(str(problem)) from None


@cli.command()
@click.argument("issue_id")
@click.option(
    "--to",
    "recipients",
    metavar="ADDRESS",
    multiple=True,
    required=True,
    callback=_recipients,
    help="An address to send the test to; repeat for up to 5.",
)
@config_option
@drafts_option
@click.option("--strict", is_flag=True, help="Refuse to send on warnings too.")
@click.option(
    "--no-check-links",
    is_flag=True,
    help="Skip the network; internal links and forbidden schemes are still checked.",
)
@quiet_option
def send(
    issue_id: str,
    recipients: tuple[str, ...],
    config_path: Path | None,
    drafts: bool,
    strict: bool,
    no_check_links: bool,
    quiet: bool,
) -> None:
    """Send a test of an issue's email to your own inbox through SMTP ([send] in digest.toml).

    Runs every check of a build first and sends nothing if `digest build` would stop.
    Exits 1 with one line saying what went wrong when the server cannot be reached
    or refuses the message.
    The subject starts with [TEST]; the mail service's unsubscribe and "view in
    browser" tags point at the web edition. The password comes only from the
    environment variable DIGEST_SMTP_PASSWORD.

    \b
    Example:
      DIGEST_SMTP_PASSWORD=... digest send issue-2025 --to you@example.org
    """
    import os

    from digest.errors import CheckFailed
    from digest.output.testsend import plan_send, prepare_test
    from digest.output.testsend import send as send_test
    from digest.pipeline import BuildOptions, prepare
    from digest.sources.issue import check_issue_id

    check_issue_id(issue_id)  # a usage error first, before any setting is judged
    config = _config(config_path)
    issue_id = _issue_as_listed(config, issue_id)
    plan = plan_send(config, os.environ)  # a missing setting is reported before the build
    options = BuildOptions(drafts, strict, False if no_check_links else None, _progress(quiet))
    result = prepare(config, issue_id, options)
    for notice in result.notices:
        say(f"note: {notice}")
    show(format_findings(result.findings), err=True)
    if result.failed(strict):
        raise CheckFailed.stopping(result.findings, strict, "nothing sent")
    test = prepare_test(config, plan, result.issue, result.outputs, recipients)
    if test.unfilled:
        say(f"note: merge tags left as written: {', '.join(test.unfilled)}")
    send_test(plan, test)
    from digest.errors import quoted

    say(f"sent {quoted(test.subject)} to {', '.join(recipients)} via {plan.server.where}")


@cli.command(name="list")
@config_option
def list_(config_path: Path | None) -> None:
    """List the issues: date, title, reviews, drafts, and whether their build is current.

    Judged by content, never by file dates: an issue's build is current when the
    last build was made from exactly the issue's files, the templates, the static
    folder, digest.toml and the digest version there are now; stale (naming what
    changed) when one of them differs. A note under the table names the files of the
    output folder edited, touched, removed or added since the build (by their stamps).

    \b
    Example:
      digest list
    """
    from digest.output.listing import format_listing, list_issues, output_changes, shown_output

    config = _config(config_path)
    changes = output_changes(config)
    show(format_listing(list_issues(config, changes), config.root, changes, shown_output(config)))


@cli.command()
@click.argument("issue_id")
@config_option
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    metavar="N",
    default=0,
    help="The port to listen on (default: a free one, printed at start).",
)
@click.option(
    "--host", default="127.0.0.1", show_default=True, metavar="ADDRESS", help="The address to listen on."
)
@drafts_option
@click.option("--strict", is_flag=True, help="Count warnings as failures in the check results.")
@click.option(
    "--check-links",
    is_flag=True,
    help="Also check external links over the network on every rebuild (default: internal links only).",
)
def preview(
    issue_id: str,
    config_path: Path | None,
    port: int,
    host: str,
    drafts: bool,
    strict: bool,
    check_links: bool,
) -> None:
    """Serve a live preview of an issue and rebuild it whenever a file changes.

    One page shows the email at desktop (600 px) and phone (375 px) widths and as
    Gmail, Outlook.com and Yahoo show it, the plain-text version, a link to the web
    version and the check results, and reloads itself after each rebuild. Builds go
    to a temporary folder, never to the output folder. Stop with Ctrl+C.

    \b
    Example:
      digest preview issue-2025 --port 8000
    """

    from digest.pipeline import BuildOptions

    gc.enable()  # a long-running server: see main()

    # A terminated preview cleans up like Ctrl+C, from before its build folder is made.
    with terminated_as_interrupted():
        _serve(config_path, issue_id, host, port, BuildOptions(drafts, strict, check_links))


def _serve(config_path: Path | None, issue_id: str, host: str, port: int, options: BuildOptions) -> None:
    from digest.config import find_config
    from digest.preview.server import PreviewServer

    server = PreviewServer(
        config_path or find_config(current_folder()), issue_id, host=host, port=port, options=options
    )
    for line in server.announcement():
        say(line)
    say(f"builds go to {server.workdir}, removed when the preview stops")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        server.close()


@contextlib.contextmanager
def terminated_as_interrupted() -> Iterator[None]:
    """SIGTERM raises KeyboardInterrupt inside, so what Ctrl+C cleans up a kill cleans up too;
    the handler found is put back, for whatever runs next in this process."""
    import signal

    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _progress(quiet: bool) -> Callable[[int, int, str | None], None] | None:
    """One line on stderr while external links are checked: how many of how many, and any
    host the check waits for. Only on a terminal, and never with --quiet."""
    if quiet or not stderr_is_terminal():
        return None

    def update(done: int, total: int, waiting: str | None) -> None:
        line = f"checking links: {done}/{total}" + (f" ({waiting})" if waiting else "")
        click.echo(f"\r\x1b[K{printable_line(line)}", err=True, nl=done >= total and not waiting)

    return update


def _waiting(message: str) -> None:
    click.echo(printable_line(message), err=True)


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def printable_line(text: str) -> str:
    from digest.errors import one_line

    return one_line(text)


def main() -> None:
    # A command makes hundreds of thousands of small objects and almost no reference
    # cycles, and ends within seconds: the cycle collector only cost time (60 ms of a
    # one-review rebuild with default thresholds). `digest preview`, which runs for
    # hours, turns it back on.
    gc.disable()
    try:
        cli(prog_name="digest")
    finally:
        # The interpreter's last collection at exit would walk every object the command
        # left (the email stack alone leaves 40 ms of them); frozen objects are skipped.
        gc.freeze()
