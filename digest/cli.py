"""The command line: parses arguments, calls the library, prints, maps errors to exit codes.

Exit codes: 0 success, 1 a content or check failure (a DigestError), 2 a usage error.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from digest import __version__
from digest.config import Config, find_config, load_config
from digest.errors import format_findings


def _config(path: Path | None, **overrides: dict[str, Any]) -> Config:
    config_path = path or find_config(Path.cwd())
    return load_config(config_path, overrides)


config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="The digest.toml to use (default: the nearest one in this folder or above).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="digest")
def cli() -> None:
    """Build the email, web and feed editions of a newsletter issue.

    \b
    Example:
      digest build issue-2025
    """


@cli.command()
@click.argument("issue_id", required=False)
@config_option
@click.option(
    "--all", "build_all", is_flag=True, help="Build the newest issue's email and every issue's pages."
)
@click.option("--drafts", is_flag=True, help="Include reviews marked draft: true.")
@click.option(
    "--strict", is_flag=True, help="Fail on warnings too (unverified or redirected links, email warnings)."
)
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder (overrides [build] output_dir).",
)
@click.option(
    "--no-check-links",
    is_flag=True,
    help="Skip the network; internal links and forbidden schemes are still checked.",
)
@click.option("--base-url", default=None, help="Site URL (overrides [site] base_url).")
def build(
    issue_id: str | None,
    config_path: Path | None,
    build_all: bool,
    drafts: bool,
    strict: bool,
    no_check_links: bool,
    output: Path | None,
    base_url: str | None,
) -> None:
    """Check an issue and write every edition of it to the output folder.

    Every build also writes the web pages of all issues, the archive and the feeds;
    the email is the named issue's (with --all, the newest issue's).

    \b
    Example:
      digest build issue-2025 --strict
      digest build --all
    """
    from digest.build import BuildOptions
    from digest.build import build as run_build

    if bool(issue_id) == build_all:
        raise click.UsageError("name one issue to build, or pass --all")
    overrides = {"build": {"output_dir": str(output) if output else None}, "site": {"base_url": base_url}}
    config = _config(config_path, **overrides)
    options = BuildOptions(drafts, strict, False if no_check_links else None, _progress_bar())
    result = run_build(config, issue_id, options)
    for notice in result.notices:
        click.echo(f"note: {notice}", err=True)
    click.echo(format_findings(result.findings), err=True)
    click.echo(f"email: {result.email_bytes:,} bytes (Gmail clips at 102,000)", err=True)
    target = config.output_path
    click.echo(f"built {result.issue.id}: {len(result.outputs)} files in {target}", err=True)


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
@click.option("--drafts", is_flag=True, help="Include reviews marked draft: true.")
def links(
    issue_id: str, config_path: Path | None, fmt: str, strict: bool, no_check_links: bool, drafts: bool
) -> None:
    """Check every link of an issue's outputs and print a report; nothing is written.

    \b
    Example:
      digest links issue-2025 --format json
    """
    from digest.build import BuildOptions, prepare
    from digest.linkcheck import format_report

    config = _config(config_path)
    options = BuildOptions(drafts, strict, False if no_check_links else None, _progress_bar())
    result = prepare(config, issue_id, options)
    report = result.link_report
    assert report is not None
    click.echo(
        format_report(
            report.results, report.links, "json" if fmt == "json" else "text", findings=report.findings
        )
    )
    link_findings = report.findings
    if any(f.severity == "error" for f in link_findings) or (strict and link_findings):
        raise SystemExit(1)


def _progress_bar() -> Callable[[int, int], None] | None:
    """A progress bar on stderr while external links are checked, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None
    bar: list[Any] = []

    def update(done: int, total: int) -> None:
        if not bar:
            bar.append(click.progressbar(length=total, label="checking links", file=sys.stderr))
            bar[0].__enter__()
        bar[0].update(done - bar[0].pos)
        if done >= total:
            bar[0].__exit__(None, None, None)

    return update


def main() -> None:
    cli(prog_name="digest")
