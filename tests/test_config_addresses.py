"""The site's address and the From addresses (digest.config.addresses)."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.config import load_config
from digest.errors import ConfigError
from tests.helpers import built, fails_cleanly, one_error_line, set_in_config, write_config
from tests.test_cli import run
from tests.test_robustness import ISSUE, edit


def test_base_url_must_be_absolute_with_trailing_slash(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="base_url"):
        load_config(write_config(tmp_path, '[site]\nbase_url = "example.org"\n'))


@pytest.mark.parametrize(
    ("address", "message"),
    [
        # urlsplit's ValueError reached the terminal as a traceback
        ("https://[::1/", "cannot be read as an address (Invalid IPv6 URL)"),
        ("https://digest.example.org:99999/", "cannot be read as an address (Port out of range"),
        # the email package could not write the host into the Message-ID: a traceback
        ("https://éxample.org/", "host that is not ASCII, which no email header may hold: write it as 'xn--"),
        # fourteen link errors about anchors in the archive, none naming the setting
        ("https://digest.example.org/#top/", "must be the site's address alone"),
        ("https://digest.example.org/?from=feed/", "must be the site's address alone"),
        ('https://digest.example.org/"><b>/', "must be the site's address alone"),
        ("https://editor:secret@digest.example.org/", "must be the site's address alone"),
    ],
)
def test_a_site_address_no_link_can_start_with_names_the_setting(
    project: Path, address: str, message: str
) -> None:
    built(project)
    edit(project, "digest.toml", 'base_url = "https://digest.example.org/"', f"base_url = '{address}'")
    fails_cleanly(project, ("digest.toml", "[site] base_url", message))


@pytest.mark.parametrize(
    "address", ["editors", "a@b@c", "x@", "@example.org", "a,b@example.org", "x@[::1", "é@example.org"]
)
@pytest.mark.parametrize("key", ["[site] author_email", "[send] from_email"])
def test_an_address_no_from_header_can_hold_names_the_setting(project: Path, address: str, key: str) -> None:
    """Each stopped the build writing email.eml's From header, with the email package's
    HeaderParseError, ValueError, IndexError or AttributeError (a traceback)."""
    built(project)
    section, name = key[1:].split("] ")
    set_in_config(project, section, f"{name} = '{address}'")
    fails_cleanly(project, ("digest.toml", f"{key} must be an email address such as", repr(address)))


def test_an_address_with_an_international_domain_still_builds(project: Path) -> None:
    set_in_config(project, "site", "author_email = 'editors@éxample.org'")
    assert b"From:" in built(project)[f"{ISSUE}/email.eml"]


def test_an_http_base_url_with_https_only_email_is_one_error_naming_the_setting(project: Path) -> None:
    result = run(project, "build", ISSUE, "--no-check-links", "--base-url", "http://localhost:8000/")
    assert result.exit_code == 2  # the value typed is refused: a usage error
    line = one_error_line(result.output)
    assert line.startswith(
        "Error: --base-url 'http://localhost:8000/' is http: while [email] https_only is on"
    )
    assert "email-link" not in result.output
    settings = project / "digest.toml"
    settings.write_text(settings.read_text().replace("https_only = true", "https_only = false"))
    assert (
        run(project, "build", ISSUE, "--no-check-links", "--base-url", "http://localhost:8000/").exit_code
        == 0
    )


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("https://xn--/", "host part 'xn--' that is no international domain name (IDNA)"),
        ("https://xn--zz.example.org/", "host part 'xn--zz' that is no international domain name (IDNA)"),
        ("https://digest..example.org/", "has a host with an empty part between two dots"),
        ("https://-digest.example.org/", "'-digest' that starts or ends with a hyphen"),
        (f"https://{'a' * 64}.example.org/", "longer than 63 characters"),
        # the email package could not write the Message-ID's host: a traceback
        ("https://example.org./", "has a host ending in a dot: write it without"),
    ],
)
def test_a_site_address_whose_host_is_no_domain_name_names_the_setting(
    project: Path, address: str, message: str
) -> None:
    """'https://xn--/' was taken: its pages linked to a host no resolver finds, and the email's
    Message-ID held it."""
    built(project)
    edit(project, "digest.toml", 'base_url = "https://digest.example.org/"', f"base_url = '{address}'")
    fails_cleanly(project, ("digest.toml", "[site] base_url", message))


@pytest.mark.parametrize(
    ("address", "message"),
    [
        # said 'a host with an empty part between two dots ('')': there is no host at all
        ("https:///news/", "'https:///news/' has no host after '//'"),
        # a zone names a network card of the machine that built the site: accepted
        ("https://[fe80::1%eth0]/", "has an IPv6 address with a zone ('%eth0')"),
        ("https://[fe80::1%25eth0]/", "has an IPv6 address with a zone"),
        ("https://[v1.example]/", "has a host in brackets that is no IPv6 address"),
        # port 0 reaches no server, and an empty port spells the host two ways: accepted
        ("https://digest.example.org:0/", "has port 0, on which no server is reached"),
        ("https://digest.example.org:/", "has a colon with no port"),
        # a browser reads '010.1.1.1' as an octal IPv4 address, another host than written
        ("https://010.1.1.1/", "ending in a number that is no IPv4 address"),
        ("HTTPS://digest.example.org/", "has its scheme in capitals: write it as 'https://'"),
    ],
)
def test_a_site_address_no_reader_can_reach_names_the_setting(
    project: Path, address: str, message: str
) -> None:
    built(project)
    edit(project, "digest.toml", 'base_url = "https://digest.example.org/"', f"base_url = '{address}'")
    fails_cleanly(project, ("digest.toml", "[site] base_url", message))


def test_every_problem_of_the_site_address_is_named_at_once_with_the_others(project: Path) -> None:
    """'https:///x' was said not to end in '/' alone; fixed, it was refused again for its host."""
    edit(project, "digest.toml", 'base_url = "https://digest.example.org/"', "base_url = 'https:///x'")
    edit(project, "digest.toml", "timeout = 10", "timeout = 0")
    line = one_error_line(run(project, "build", ISSUE).output)
    assert line.startswith(f"Error: {project / 'digest.toml'}: line "), line
    assert "has no host after '//'" in line and "must end in '/'" in line and "[links] timeout" in line


def test_a_site_address_given_on_the_command_line_without_a_host_names_the_option(project: Path) -> None:
    result = run(project, "build", ISSUE, "--base-url", "https:///")
    assert result.exit_code == 2
    assert one_error_line(result.output).startswith("Error: --base-url 'https:///' has no host"), (
        result.output
    )


@pytest.mark.parametrize(
    "address",
    ["https://xn--caf-dma.example.org/", "http://127.0.0.1:8000/", "http://[::1]:8000/", "http://x/"],
)
def test_a_site_address_with_an_ascii_international_or_numeric_host_still_builds(
    project: Path, address: str
) -> None:
    edit(project, "digest.toml", 'base_url = "https://digest.example.org/"', f"base_url = '{address}'")
    edit(project, "digest.toml", "https_only = true", "https_only = false")
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
