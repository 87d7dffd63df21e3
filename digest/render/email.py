"""Stage 3b: the email's final HTML. mjml-python compiles the MJML, premailer inlines the
stylesheet, literal merge syntax is escaped and UTM tags are added.

Importing premailer, MJML and the email checks takes longer than loading and rendering a
small issue, so a build starts an `EmailHelper` first. On Linux, with a second core and
no other thread running, it forks a process that imports them while the build loads and
renders, and compiles and checks the email there; anywhere else that work runs in this
process. The results are the same either way.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from html import escape as escape_html
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urljoin

from digest.errors import DigestError, TemplateError
from digest.render.mailservice import MAIL_SERVICES, add_utm, escape_merge_syntax_html

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

T = TypeVar("T")


@dataclass(frozen=True)
class EmailJob:
    """Everything one email's compilation needs, so it can run in another process."""

    mjml_source: str
    stylesheet: str
    base_url: str
    service: str
    utm: tuple[str, str, str] | None  # (source, medium, campaign)
    template: str  # the MJML template's path, named in errors


def compile_email(job: EmailJob) -> str:
    compiled = compile_mjml(job.mjml_source, job.template)
    html = inline_css(compiled, job.stylesheet, job.base_url)
    html, _ = escape_merge_syntax_html(html, MAIL_SERVICES[job.service])
    if job.utm is not None:
        source, medium, campaign = job.utm
        html = add_utm(html, source=source, medium=medium, campaign=campaign)
    return html


class EmailHelper:
    """Runs the email's work (compiling, checking) in a process started ahead of need,
    where that saves time, else here."""

    def __init__(self, helper: bool | None = None) -> None:
        """Start the helper process now where it pays (see the module notes), always (True,
        where processes can be forked) or never (False); close() stops it."""
        self._process: BaseProcess | None = None
        self._connection: Connection | None = None
        self._calls_sent = 0
        self._unanswered: list[int] = []
        self._replies: dict[int, tuple[str, Any]] = {}
        wanted = _helper_pays() if helper is None else helper and _can_fork()
        if wanted:
            # Without processes to spare (limits, a sandbox), the work is done here.
            with contextlib.suppress(OSError):
                self._start_helper()

    def __enter__(self) -> EmailHelper:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def submit(self, job: EmailJob) -> Callable[[], str]:
        """Start compiling; the returned function gives the HTML (or raises its error)."""
        return self.run(compile_email, job)

    def run(self, function: Callable[..., T], *args: Any) -> Callable[[], T]:
        """Start `function(*args)` (a module-level function, so it can be sent); the returned
        function gives its result, or raises its error.

        Replies are matched to calls by number, and every earlier reply is read before a
        new call is sent, so neither process ever waits to write while the other does.
        """
        if self._connection is None:
            return lambda: function(*args)
        self._read_replies()
        call = self._calls_sent
        try:
            self._connection.send((call, function, args))
        except (OSError, ValueError):
            return lambda: function(*args)
        self._calls_sent += 1
        self._unanswered.append(call)

        def result() -> T:
            outcome, value = self._reply_to(call)
            if outcome == "done":
                done: T = value
                return done
            if outcome == "error" and isinstance(value, DigestError):
                raise value
            return function(*args)  # the helper failed unexpectedly: fail (or not) here, visibly

        return result

    def _reply_to(self, call: int) -> tuple[str, Any]:
        while call in self._unanswered:
            self._read_reply()
        return self._replies.pop(call, ("crashed", None))

    def _read_replies(self) -> None:
        while self._unanswered:
            self._read_reply()

    def _read_reply(self) -> None:
        try:
            if self._connection is None:
                raise EOFError
            call, outcome, value = self._connection.recv()
        except (EOFError, OSError):  # the helper is gone: its calls run here
            self._unanswered.clear()
            return
        self._unanswered.remove(call)
        self._replies[call] = (outcome, value)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if self._process is not None:
            self._process.terminate()  # it may still be importing: nothing of it is needed
            self._process.join()
            self._process = None

    def _start_helper(self) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        ours, theirs = context.Pipe()
        process = context.Process(target=_serve, args=(theirs, ours), daemon=True)
        try:
            process.start()
        finally:
            theirs.close()
        self._process, self._connection = process, ours


def _can_fork() -> bool:
    return sys.platform.startswith("linux")


def _helper_pays() -> bool:
    """A second core to use, and a process it is safe to fork (no other threads)."""
    if not _can_fork() or "premailer" in sys.modules:
        return False  # already imported here: compiling here is quick
    return len(os.sched_getaffinity(0)) >= 2 and threading.active_count() == 1


def _serve(connection: Connection, parents_end: Connection) -> None:
    """The helper: import the email stack at once, then run each call sent.

    Its copy of the parent's end of the pipe is closed first, so a parent that dies
    (even by SIGKILL) leaves the helper reading the end of the pipe, and it exits. Ctrl+C
    is the parent's to handle: the parent stops the helper.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parents_end.close()
    import mjml  # noqa: F401  (the imports this process exists to overlap)
    import premailer  # noqa: F401

    import digest.checks.email_rules  # noqa: F401

    while True:
        try:
            call, function, args = connection.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple[int, str, Any] = (call, "done", function(*args))
        except DigestError as error:
            reply = (call, "error", error)
        except Exception:
            reply = (call, "crashed", None)
        try:
            connection.send(reply)
        except (OSError, ValueError):
            return


def compile_mjml(source: str, template: str = "email.mjml.j2") -> str:
    import mjml

    try:
        html: str = mjml.mjml2html(source, fonts={}, disable_comments=True)
    except Exception as exc:  # mjml-python raises bare exceptions for invalid markup
        raise TemplateError(f"MJML failed to compile ({exc}): fix the MJML markup", template) from None
    # MJML's own head styles (client resets, Outlook and Thunderbird rules) must stay as
    # they are, not be inlined: premailer skips blocks marked data-premailer="ignore".
    return html.replace('<style type="text/css">', '<style type="text/css" data-premailer="ignore">').replace(
        "<style media=", '<style data-premailer="ignore" media='
    )


def inline_css(html: str, stylesheet: str, base_url: str) -> str:
    """Inline the digest's stylesheet with premailer, keeping media queries and the doctype."""
    import logging

    import cssutils
    from premailer import Premailer

    cssutils.log.setLevel(logging.CRITICAL)  # mso-* properties are valid for Outlook
    html, merge_tags = _protect_merge_tags(html)
    head_end = html.index("</head>")
    html = f'{html[:head_end]}<style type="text/css">{stylesheet}</style>{html[head_end:]}'
    inliner = Premailer(
        html,
        base_url=None,  # premailer would also "fix" merge tags; absolute_links() skips them
        allow_network=False,
        keep_style_tags=False,
        strip_important=False,
        remove_classes=False,
        disable_validation=True,
        cssutils_logging_level=logging.CRITICAL,
        preserve_internal_links=True,
        preserve_handlebar_syntax=True,
        align_floating_images=False,
    )
    inlined: str = inliner.transform(pretty_print=False)
    inlined = _restore_merge_tags(inlined.replace(' data-premailer="ignore"', ""), merge_tags)
    inlined = absolute_links(inlined, base_url)
    return "<!doctype html>\n" + re.sub(r"^<!DOCTYPE[^>]*>\s*", "", inlined, flags=re.IGNORECASE)


START_TAG = re.compile(r"<[A-Za-z][^<>]*>")
LINK_ATTRIBUTE = re.compile(r'(\s(?:href|src|background)=")([^"]*)(")')


def _in_start_tags(html: str, rewrite: Callable[[re.Match[str]], str]) -> str:
    """Apply an attribute rewrite inside start tags only, never to text that quotes markup."""
    return START_TAG.sub(lambda tag: LINK_ATTRIBUTE.sub(rewrite, tag.group(0)), html)


MERGE_TAG = re.compile(r"^(\{\{.*\}\}|\*\|.*\|\*|\{\$.*\}|%%.*%%)$")


def _protect_merge_tags(html: str) -> tuple[str, list[str]]:
    """Swap merge tags in links for plain markers: lxml would percent-encode their spaces."""
    tags: list[str] = []

    def protect(match: re.Match[str]) -> str:
        if not MERGE_TAG.match(match.group(2)):
            return match.group(0)
        tags.append(match.group(2))
        return f"{match.group(1)}digest-merge-tag-{len(tags) - 1}{match.group(3)}"

    return _in_start_tags(html, protect), tags


def _restore_merge_tags(html: str, tags: list[str]) -> str:
    return re.sub(r"digest-merge-tag-(\d+)", lambda m: escape_html(tags[int(m.group(1))]), html)


def absolute_links(html: str, base_url: str) -> str:
    """Relative links and images made absolute against the site; merge tags left for the mail service."""

    def fix(match: re.Match[str]) -> str:
        value = match.group(2)
        if not value or MERGE_TAG.match(value) or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", value):
            return match.group(0)
        if value.startswith("#"):
            return match.group(0)
        return f"{match.group(1)}{urljoin(base_url, value)}{match.group(3)}"

    return _in_start_tags(html, fix)
