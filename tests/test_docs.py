"""Every command explains itself: --help with an example, and a section in the README's CLI reference."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from digest.cli import cli

README = Path(__file__).resolve().parent.parent / "README.md"
COMMANDS = sorted(cli.commands)  # type: ignore[attr-defined]


def cli_reference() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("## CLI reference")
    following = re.search(r"^## ", text[start + 3 :], re.MULTILINE)
    return text[start : start + 3 + following.start()] if following else text[start:]


def command_section(name: str) -> str:
    """The README's `### digest NAME` section, up to the next heading of that level."""
    reference = cli_reference()
    match = re.search(rf"^### `digest {name}\b[^\n]*\n(.*?)(?=^### |\Z)", reference, re.MULTILINE | re.DOTALL)
    assert match, f"the README's CLI reference has no '### `digest {name} ...`' section"
    return match.group(1)


def test_the_workflow_commands_exist() -> None:
    assert {"new", "import", "check", "list", "preview", "build", "links"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_help_has_an_example(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    example = result.output.split("Example:", 1)[1]
    assert f"digest {name}" in example


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_documented_with_its_options(name: str) -> None:
    section = command_section(name)
    assert f"    digest {name}" in section, "the section shows an example command line"
    command = cli.commands[name]  # type: ignore[attr-defined]
    for parameter in command.params:
        if not isinstance(parameter, click.Option) or parameter.name == "config_path":
            continue  # --config is described once for every command
        flag = max(parameter.opts, key=len)
        assert f"`{flag}" in section, f"{flag} of `digest {name}` is not in its README section"


def test_config_option_is_described_once_for_all() -> None:
    assert "`--config PATH`" in cli_reference()


def test_group_help_names_every_workflow_command() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in ("new", "import", "preview", "check", "build", "list"):
        assert f"digest {name}" in result.output


def test_the_readmes_layout_names_every_module() -> None:
    """The README's map of the code stays true: a module added is a module named there."""
    text = README.read_text(encoding="utf-8")
    layout = text[text.index("## How the code is laid out") :]
    layout = layout[: layout.index("\n## ", 1)]
    package = README.parent / "digest"
    missing = [
        module.relative_to(package).as_posix()
        for module in sorted(package.rglob("*.py"))
        if module.name not in ("__init__.py", "__main__.py")
        and module.parent.name != "importer"  # the importer is named as a package
        and module.name not in layout
    ]
    assert missing == [], f"not in the README's layout: {missing}"
