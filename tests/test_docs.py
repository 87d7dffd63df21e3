"""Every command explains itself: --help with an example, and a section in the README's CLI reference."""

from __future__ import annotations

import ast
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


def test_every_test_file_is_named_for_its_module_or_in_the_readmes_layout() -> None:
    """The README says where a module's tests are: `tests/test_<module>.py`, or a file it names."""
    text = README.read_text(encoding="utf-8")
    layout = text[text.index("## How the code is laid out") :]
    layout = layout[: layout.index("\n## ", 1)]
    package = README.parent / "digest"
    modules = {module.stem for module in package.rglob("*.py")} | {
        f"{module.parent.name}_{module.stem}" for module in package.rglob("*.py")
    }
    unexplained = [
        test.name
        for test in sorted((README.parent / "tests").glob("test_*.py"))
        if test.stem.removeprefix("test_") not in modules
        and test.name not in layout
        and f"{test.stem.split('_')[0]}_{test.stem.split('_')[1]}_*.py" not in layout
    ]
    assert unexplained == [], f"neither named for a module nor in the README's layout: {unexplained}"


def _unused_definitions(package: Path) -> list[str]:
    """The functions, classes and constants a module of `package` defines at its top that no
    code of the package or template of the theme names (a command Click registers by its
    decorator is used by it)."""
    from collections import Counter

    modules = {
        module: module.read_text(encoding="utf-8")
        for module in sorted(package.rglob("*.py"))
        if not {"_compiled", "_theme_code"} & set(module.parts)
    }
    words = {module: Counter(re.findall(r"\w+", text)) for module, text in modules.items()}
    everywhere = sum(words.values(), Counter())
    templates = (README.parent / "templates").rglob("*.j2")
    everywhere.update(
        word for file in templates for word in re.findall(r"\w+", file.read_text(encoding="utf-8"))
    )
    unused = []
    for module, text in modules.items():
        lines = text.splitlines()
        for node in ast.parse(text).body:
            if isinstance(node, ast.FunctionDef | ast.ClassDef) and not _registered(node):
                names = [node.name]
            elif isinstance(node, ast.Assign):
                names = [target.id for target in node.targets if isinstance(target, ast.Name)]
            else:
                continue
            definition = Counter(re.findall(r"\w+", "\n".join(lines[node.lineno - 1 : node.end_lineno])))
            unused.extend(
                f"{module.relative_to(package).as_posix()}:{node.lineno} {name}"
                for name in names
                if not name.startswith("__") and everywhere[name] == definition[name]
            )
    return unused


# Decorators that wrap what they decorate without registering it anywhere.
WRAPPERS = frozenset({"dataclass", "lru_cache", "cache", "contextmanager", "total_ordering", "final"})


def _registered(node: ast.FunctionDef | ast.ClassDef) -> bool:
    """Whether a decorator registers the definition (`@cli.command()`): used without its name."""
    for decorator in node.decorator_list:
        called = decorator.func if isinstance(decorator, ast.Call) else decorator
        if not (isinstance(called, ast.Name) and called.id in WRAPPERS):
            return True
    return False


def test_every_definition_of_digest_is_used_by_digest() -> None:
    """A function, class or constant only a test uses is code no build runs: the test should
    check the code that runs instead."""
    assert _unused_definitions(README.parent / "digest") == []


def _imported_top_level_modules() -> set[str]:
    """The top-level names every module of digest/ imports (at its top or in a function)."""
    names = set()
    for module in (README.parent / "digest").rglob("*.py"):
        if {"_compiled", "_theme_code"} & set(module.parts):
            continue
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.partition(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.partition(".")[0])
    return names


def test_every_library_digest_imports_is_a_declared_dependency() -> None:
    """A library used only because another one happens to pull it in (markupsafe through
    Jinja2) disappears the day that one stops needing it: what digest imports, it declares."""
    import importlib.metadata
    import sys
    import tomllib

    project = tomllib.loads((README.parent / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = [
        *project["dependencies"],
        *(extra for extras in project["optional-dependencies"].values() for extra in extras),
    ]
    declared_names = {
        re.split(r"[<>=!~\[ ;]", requirement, maxsplit=1)[0].lower().replace("_", "-")
        for requirement in declared
    }
    providers = importlib.metadata.packages_distributions()
    third_party = sorted(_imported_top_level_modules() - set(sys.stdlib_module_names) - {"digest"})
    undeclared = [
        name
        for name in third_party
        if not {distribution.lower().replace("_", "-") for distribution in providers.get(name, [name])}
        & declared_names
    ]
    assert undeclared == [], f"imported by digest/ but not in pyproject.toml's dependencies: {undeclared}"


def readme_command_lines() -> list[str]:
    """Every digest command line the README shows in an indented example (a leading
    variable assignment, a '$ ' prompt and a trailing comment left off)."""
    lines = []
    for line in README.read_text(encoding="utf-8").splitlines():
        if not line.startswith("    "):
            continue
        text = re.sub(r"^\$ ", "", line.strip())
        text = re.sub(r"^(?:[A-Z_]+='[^']*' )+", "", text)
        if text.startswith("digest "):
            lines.append(re.sub(r"\s+#.*$", "", text))
    return lines


@pytest.mark.parametrize("line", readme_command_lines())
def test_every_command_line_the_readme_shows_is_one_digest_takes(line: str) -> None:
    """Parsed as digest parses it: the command and each of its options exist, and each value
    is one its option takes (the files the lines name are the reader's own, so not looked for)."""
    import shlex

    name, *args = shlex.split(line)[1:]
    command = cli.commands[name]  # type: ignore[attr-defined]
    context = click.Context(command, info_name=name, parent=click.Context(cli, info_name="digest"))
    values, rest, _ = command.make_parser(context).parse_args(args)
    for parameter in command.params:
        given = values.get(parameter.name) if parameter.name else None
        if given is None or isinstance(parameter.type, click.Path):
            continue
        for each in given if parameter.multiple and isinstance(given, list | tuple) else [given]:
            parameter.type.convert(each, parameter, context)
    assert not rest, f"{line}: {rest} taken by no argument"


def test_the_readme_shows_every_command_at_work() -> None:
    shown = {line.split()[1] for line in readme_command_lines()}
    assert set(COMMANDS) <= shown, set(COMMANDS) - shown


def drafts_option(name: str) -> click.Option | None:
    command = cli.commands[name]  # type: ignore[attr-defined]
    return next((p for p in command.params if isinstance(p, click.Option) and "--drafts" in p.opts), None)


@pytest.mark.parametrize("name", [name for name in COMMANDS if drafts_option(name)])
def test_drafts_help_says_it_builds_a_draft_issue_named_too(name: str) -> None:
    """A draft issue named with --drafts is built (checked, sent, previewed); without it, it
    is refused with 'give --drafts to build ... it': the help says so, as the README does."""
    drafts = [drafts_option(name)]
    assert drafts[0] is not None
    assert "and the named issue if it is one" in (drafts[0].help or "")
    assert "and the named issue if it is one" in command_section(name)


def test_output_help_says_what_a_relative_folder_is_relative_to(project: Path) -> None:
    """Run from a subfolder, `--output public` is the project's public/, not the subfolder's."""
    from tests.test_cli import run

    help_text = " ".join(CliRunner().invoke(cli, ["build", "--help"]).output.split())
    assert "relative to the folder of digest.toml" in help_text
    assert "relative to the folder of digest.toml" in command_section("build")
    result = run(project / "issues", "build", "issue-2025", "--output", "public", "--no-check-links")
    assert result.exit_code == 0, result.output
    assert (project / "public" / "issue-2025" / "email.html").is_file()
    assert not (project / "issues" / "public").exists()


def test_the_readme_says_where_the_digest_command_is_before_using_it() -> None:
    """`make build` installs digest into .venv/bin, which is on no one's PATH: a newcomer
    who types the README's `digest new ...` in their own folder must have been told."""
    text = README.read_text(encoding="utf-8")
    first_use = re.search(r"^    (?:.*&& )?digest ", text, re.MULTILINE)
    assert first_use is not None
    before = text[: first_use.start()]
    assert 'export PATH="$PWD/.venv/bin:$PATH"' in before
    import tomllib

    pyproject = tomllib.loads((README.parent / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["scripts"]["digest"] == "digest.start:main"  # the command make installs


@pytest.mark.parametrize("name", [name for name in COMMANDS if "Exits `1`" in command_section(name)])
def test_a_command_whose_readme_section_gives_its_exit_code_gives_it_in_its_help(name: str) -> None:
    help_text = " ".join(CliRunner().invoke(cli, [name, "--help"]).output.split())
    assert "Exits 1 " in help_text, help_text


def readme_option_rows(name: str) -> dict[str, str]:
    """The options of the README section's table, by flag: the value's name it shows ('N' of
    `--port N`), '' for a flag without one; a choice's values as help shows them."""
    rows = {}
    for match in re.finditer(r"^\| `(--[a-z-]+)(?: ([^`]+))?`", command_section(name), re.MULTILINE):
        rows[match.group(1)] = (match.group(2) or "").replace("\\|", "|")
    return rows


@pytest.mark.parametrize("name", COMMANDS)
def test_help_names_each_options_value_as_the_readme_does(name: str) -> None:
    """`--port N` in the README and '--port INTEGER RANGE' in the help were one option
    described twice; a reader comparing them should see the same words."""
    help_text = CliRunner().invoke(cli, [name, "--help"]).output
    for flag, value in readme_option_rows(name).items():
        shown = re.search(rf"^\s+(?:-\w, )?{flag}(?: (\S+))?", help_text, re.MULTILINE)
        assert shown is not None, f"{flag} is not in `digest {name} --help`"
        assert (shown.group(1) or "") == (f"[{value}]" if "|" in value else value), (flag, shown.group(0))
