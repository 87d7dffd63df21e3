"""The command line: parses arguments, calls the library, prints, maps errors to exit codes.

Exit codes: 0 success, 1 a content or check failure (a DigestError), 2 a usage error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from digest import __version__
from digest.config import Config, find_config, load_config


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
@click.argument("issue_id")
@config_option
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
@click.option("--base-url", default=None, help="Site URL (overrides [site] base_url).")
def build(
    issue_id: str,
    config_path: Path | None,
    drafts: bool,
    strict: bool,
    output: Path | None,
    base_url: str | None,
) -> None:
    """Check an issue and write every edition of it to the output folder.

    \b
    Example:
      digest build issue-2025 --strict
    """
    from digest.build import BuildOptions
    from digest.build import build as run_build
    from digest.emailcheck import format_table

    overrides = {"build": {"output_dir": str(output) if output else None}, "site": {"base_url": base_url}}
    config = _config(config_path, **overrides)
    result = run_build(config, issue_id, BuildOptions(include_drafts=drafts, strict=strict))
    for notice in result.notices:
        click.echo(f"note: {notice}", err=True)
    click.echo(format_table(result.findings), err=True)
    click.echo(f"email: {result.email_bytes:,} bytes (Gmail clips at 102,000)", err=True)
    target = config.output_path
    click.echo(f"built {issue_id}: {len(result.outputs)} files in {target}", err=True)


def main() -> None:
    cli(prog_name="digest")
