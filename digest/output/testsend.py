"""`digest send`: the issue's email as readers will get it, sent to a few of the editor's own addresses.

The mail service's merge tags are filled with working test values: its unsubscribe
and "view in browser" links point at the issue's web edition, subscriber names and
addresses become plain test values. The subject starts with [TEST]. It is a test,
not a mailing tool: at most MAX_RECIPIENTS addresses.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import mimetypes
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.errors import MessageError
from email.headerregistry import Address
from email.utils import make_msgid

from digest.config import Config
from digest.errors import DigestError, quoted
from digest.model import Issue
from digest.output.eml import POLICY, Headers, InlineImage, build_message, sender, site_domain
from digest.output.smtp import SendError, Server, deliver, password_from_environment, server_from
from digest.render.html import rewrite_html
from digest.render.mailservice import MAIL_SERVICES, MailService

MAX_RECIPIENTS = 5
SUBJECT_PREFIX = "[TEST] "
TEST_FIRST_NAME = "Test"
TEST_LAST_NAME = "Reader"

# Subscriber merge tags of each service, spelled without spaces: a tag in the email
# matches whatever its spacing. Values: "first", "last", "name" or "email".
SUBSCRIBER_TAGS: dict[str, dict[str, str]] = {
    "generic": {
        "{{name}}": "name",
        "{{first_name}}": "first",
        "{{last_name}}": "last",
        "{{email}}": "email",
        "{{subscriber.first_name}}": "first",
        "{{subscriber.email}}": "email",
    },
    "mailchimp": {"*|FNAME|*": "first", "*|LNAME|*": "last", "*|EMAIL|*": "email"},
    "buttondown": {
        "{{subscriber.email}}": "email",
        "{{subscriber.metadata.first_name}}": "first",
        "{{subscriber.metadata.last_name}}": "last",
    },
    "listmonk": {
        "{{.Subscriber.Name}}": "name",
        "{{.Subscriber.FirstName}}": "first",
        "{{.Subscriber.LastName}}": "last",
        "{{.Subscriber.Email}}": "email",
    },
    "mailerlite": {"{$name}": "first", "{$last_name}": "last", "{$email}": "email"},
    "kit": {"{{subscriber.first_name}}": "first", "{{subscriber.email_address}}": "email"},
    "substack": {},
}


@dataclass(frozen=True)
class MergeValues:
    """What the merge tags become in a test: every link to the web edition, a made-up reader."""

    web_url: str
    email: str

    def of(self, kind: str) -> str:
        return {
            "first": TEST_FIRST_NAME,
            "last": TEST_LAST_NAME,
            "name": f"{TEST_FIRST_NAME} {TEST_LAST_NAME}",
            "email": self.email,
        }[kind]


@dataclass(frozen=True)
class SendPlan:
    """Everything about the sending that digest.toml and the environment decide, checked
    before the issue is built."""

    server: Server
    sender: str
    password: str | None = field(repr=False)


@dataclass
class PreparedTest:
    """A test message ready to send, and the merge tags it leaves as written."""

    message: bytes
    recipients: tuple[str, ...]
    subject: str
    unfilled: list[str] = field(default_factory=list)


MAX_LOCAL_PART, MAX_ADDRESS = 64, 254  # RFC 5321, 4.5.3.1 (and its erratum 1690 for the whole)


def check_recipients(addresses: Sequence[str]) -> tuple[str, ...]:
    """The addresses, each once; ValueError says which one is wrong or that there are too many."""
    unique = tuple(dict.fromkeys(a.strip() for a in addresses))
    if not unique:
        raise ValueError("give at least one address")
    if len(unique) > MAX_RECIPIENTS:
        raise ValueError(
            f"{len(unique)} addresses: a test goes to at most {MAX_RECIPIENTS}; "
            "send the issue to your readers through your mail service"
        )
    for address in unique:
        local = address.rpartition("@")[0]
        if len(local) > MAX_LOCAL_PART or len(address) > MAX_ADDRESS:
            raise ValueError(
                f"an address of {len(address):,} characters is longer than mail servers take "
                f"(RFC 5321: {MAX_LOCAL_PART} before the @, {MAX_ADDRESS} in all): check the address"
            )
        if not address.isascii() and (problem := _unicode_address_problem(address)):
            raise ValueError(problem)
        if not _is_address(address):
            raise ValueError(f"{quoted(address)} is not an email address such as you@example.org")
    return unique


def _unicode_address_problem(address: str) -> str | None:
    """Why an address with letters outside ASCII (RFC 6531) cannot take a test, and what to
    write instead; None where it is no address at all. A test goes out without SMTPUTF8,
    which many servers lack: a domain has an ASCII spelling (IDNA), a mailbox's name none."""
    local, _, domain = address.rpartition("@")
    if not local or not domain or not _is_address(f"{local.encode('ascii', 'replace').decode()}@example.org"):
        return None
    if not local.isascii():
        return (
            f"{address!r} has letters outside ASCII before the @: a test is sent without SMTPUTF8, "
            "which many mail servers lack; send it to an address of yours written in ASCII"
        )
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    if not _is_address(f"{local}@{ascii_domain}"):
        return None
    return f"{address!r}: write its domain in ASCII, as mail servers take it: {local}@{ascii_domain}"


def _is_address(text: str) -> bool:
    if not text.isascii() or text.count("@") != 1:
        return False
    try:
        parsed = Address(addr_spec=text)
    except (ValueError, IndexError, MessageError):
        return False
    domain = parsed.domain
    return bool(parsed.username) and ("." in domain.strip(".") or domain in ("localhost",))


def web_edition_url(config: Config, issue: Issue) -> str:
    """The issue's page, as the build links it (Renderer.issue_url)."""
    return f"{config.site.base_url}{issue.id}/"


def fill_merge_tags(
    content: str, service: MailService, values: MergeValues, *, html: bool
) -> tuple[str, list[str]]:
    """`content` with the service's merge tags replaced by test values, and the tags left as they were.

    Only raw tags are found: the build writes the merge syntax that readers should see
    escaped (character references in HTML, a zero-width joiner in text).
    """
    table = {_compact(tag): values.web_url for tag in service.link_tags}
    table.update((tag, values.of(kind)) for tag, kind in SUBSCRIBER_TAGS[service.name].items())
    patterns = [*(re.escape(tag) for tag in service.link_tags), *service.merge_tag_patterns]
    if not patterns:
        return content, []
    unfilled: list[str] = []

    def replace(match: re.Match[str]) -> str:
        value = table.get(_compact(match.group(0)))
        if value is None:
            unfilled.append(match.group(0))
            return match.group(0)
        return html_lib.escape(value, quote=True) if html else value

    filled = re.sub("|".join(patterns), replace, content, flags=re.DOTALL)
    return filled, unfilled


def images_inside(html: str, outputs: Mapping[str, bytes], base_url: str) -> tuple[str, list[InlineImage]]:
    """The HTML with each picture the build made (under the site's address, in `outputs`)
    shown from inside the message: a test is sent before the site is deployed, when
    those addresses lead nowhere yet. Readers' copies link to the web as the build wrote."""
    images: dict[str, InlineImage] = {}

    def inside(tag: str, name: str, value: str) -> str | None:
        if (tag, name) not in (("img", "src"), ("td", "background"), ("table", "background")):
            return None
        url = html_lib.unescape(value).strip()
        output = url[len(base_url) :] if url.startswith(base_url) else None
        media_type = mimetypes.guess_type(output or "")[0] or ""
        if output is None or output not in outputs or not media_type.startswith("image/"):
            return None
        if output not in images:
            digest = hashlib.sha256(output.encode()).hexdigest()[:24]
            images[output] = InlineImage(f"{digest}@{site_domain(base_url)}", media_type, outputs[output])
        return f"cid:{images[output].content_id}"

    return rewrite_html(html, text=None, attribute=inside, only=IMAGE_ATTRIBUTE), list(images.values())


IMAGE_ATTRIBUTE = re.compile(r"\s(?:src|background)\s*=", re.IGNORECASE)


def _compact(tag: str) -> str:
    return "".join(tag.split())


def plan_send(config: Config, environ: Mapping[str, str]) -> SendPlan:
    """The server, the sender and the password, or a SendError naming the settings file
    and the setting that is missing."""
    try:
        server = server_from(config.send, config.root)
        from_email = config.send.from_email or config.site.author_email
        if not from_email:
            raise SendError(
                'no sender address: set [site] author_email = "you@example.org" '
                "(or [send] from_email, if your SMTP server needs another)"
            )
        return SendPlan(server, from_email, password_from_environment(server, environ))
    except SendError as error:
        raise SendError(error.problem, config.settings_file) from None


def prepare_test(
    config: Config,
    plan: SendPlan,
    issue: Issue,
    outputs: Mapping[str, bytes],
    recipients: Sequence[str],
    now: datetime | None = None,
) -> PreparedTest:
    """The test message of an issue built in memory (`outputs` of `digest.pipeline.prepare`)."""
    service = MAIL_SERVICES[config.email.service]
    values = MergeValues(web_edition_url(config, issue), recipients[0])
    html, html_left = fill_merge_tags(_output(outputs, issue, "email.html"), service, values, html=True)
    text, text_left = fill_merge_tags(_output(outputs, issue, "email.txt"), service, values, html=False)
    # Dated now, with a new Message-ID: a mail app shows a test on top, and a provider that
    # drops a Message-ID it has seen would swallow the second test of an issue.
    headers = Headers(
        subject=SUBJECT_PREFIX + issue.subject,
        sender=sender(config.site, plan.sender),
        date=now or datetime.now(UTC),
        message_id=make_msgid(domain=site_domain(config.site.base_url)),
        to=tuple(recipients),
    )
    html, images = images_inside(html, outputs, config.site.base_url)
    message = build_message(headers, html, text, issue.preheader, images).as_bytes(policy=POLICY)
    unfilled = list(dict.fromkeys(html_left + text_left))
    return PreparedTest(message, tuple(recipients), headers.subject, unfilled)


def _output(outputs: Mapping[str, bytes], issue: Issue, name: str) -> str:
    try:
        return outputs[f"{issue.id}/{name}"].decode("utf-8")
    except KeyError:
        raise DigestError(f"the build of {issue.id} has no {name}") from None


def send(plan: SendPlan, test: PreparedTest) -> None:
    """Hand the test to the server of `plan`; SendError says what went wrong."""
    deliver(plan.server, test.message, plan.sender, test.recipients, plan.password)
