"""The email's final HTML, compiled here or in the helper process a build starts first."""

from __future__ import annotations

import operator
import signal
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from digest.config import load_config
from digest.errors import CheckFailed, Finding, TemplateError
from digest.pipeline import prepare
from digest.render.email import EmailHelper, EmailJob, compile_email
from digest.render.site import Renderer

forking = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the helper is forked on Linux only"
)


def demo_job(project: Path) -> EmailJob:
    config = load_config(project / "digest.toml")
    issue = prepare(config, "issue-2025").issue
    return Renderer(config)._email_job(issue)


@forking
def test_the_helper_compiles_the_same_bytes_as_this_process(project: Path) -> None:
    job = demo_job(project)
    compiler = EmailHelper(helper=True)
    try:
        first, second = compiler.submit(job), compiler.submit(job)
        assert first() == second() == compile_email(job)
    finally:
        compiler.close()


@forking
def test_an_mjml_error_in_the_helper_names_the_template(project: Path) -> None:
    job = demo_job(project)
    broken = replace(job, mjml_source="<mjml><mj-body><mj-section>")
    compiler = EmailHelper(helper=True)
    try:
        with pytest.raises(TemplateError) as raised:
            compiler.submit(broken)()
    finally:
        compiler.close()
    assert raised.value.path == Path(job.template)
    assert "MJML failed to compile" in str(raised.value)


@forking
def test_closing_an_unused_helper_stops_it_even_while_it_imports() -> None:
    compiler = EmailHelper(helper=True)
    process = compiler._process
    assert process is not None and process.is_alive()
    compiler.close()
    assert not process.is_alive() and compiler._process is None


@forking
def test_a_dead_helper_means_compiling_here(project: Path) -> None:
    job = demo_job(project)
    compiler = EmailHelper(helper=True)
    assert compiler._process is not None
    compiler._process.kill()
    compiler._process.join()
    try:
        assert compiler.submit(job)() == compile_email(job)
    finally:
        compiler.close()


def test_no_helper_is_forked_beside_other_threads() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        compiler = EmailHelper()
        assert compiler._process is None
        compiler.close()
    finally:
        stop.set()
        other.join()


DYING_PARENT = """
import os, signal
from digest.render.email import EmailHelper
helper = EmailHelper(helper=True)
print(helper._process.pid, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


@forking
def test_a_helper_whose_build_is_killed_exits_and_lets_go_of_its_output() -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", DYING_PARENT], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    # The helper shares the build's stdout: reading to the end returns only once it has gone.
    stdout, _ = child.communicate(timeout=60)
    helper_pid = int(stdout.split()[0])
    assert child.returncode == -signal.SIGKILL
    assert ended(helper_pid)


def ended(pid: int, patience: float = 30.0) -> bool:
    """Whether the process has ended. The kernel closes a process's files first when it
    exits, so one whose output just reached its end may still show as running a moment."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        try:
            if "zombie" in Path(f"/proc/{pid}/status").read_text():
                return True
        except FileNotFoundError:
            return True
        time.sleep(0.01)
    return False


def test_without_processes_to_spare_the_work_is_done_here(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing.process

    def refuse(self: object) -> None:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", refuse)
    job = demo_job(project)
    with EmailHelper(helper=True) as compiler:
        assert compiler._process is None
        assert compiler.submit(job)() == compile_email(job)


def fail_with_findings(message: str) -> None:
    raise CheckFailed(message, [Finding("error", "email-size", "too big", Path("dist/email.html"), 3)])


@forking
def test_replies_are_matched_to_their_calls_even_when_one_is_never_read() -> None:
    with EmailHelper(helper=True) as helper:
        unread = helper.run(operator.add, 1, 2)
        first, second = helper.run(operator.mul, 3, 4), helper.run(operator.sub, 9, 4)
        assert (second(), first()) == (5, 12)
        del unread  # a cached result arrived meanwhile: this reply is never asked for
        assert helper.run(operator.add, "a", "b")() == "ab"


@forking
def test_large_calls_and_replies_do_not_block_each_other() -> None:
    big = b"x" * 4_000_000  # far beyond a pipe's buffer
    with EmailHelper(helper=True) as helper:
        calls = [helper.run(operator.add, big, bytes([n])) for n in range(3)]
        assert [len(call()) for call in calls] == [4_000_001] * 3


@forking
def test_an_error_comes_back_whole_with_its_kind_and_details() -> None:
    with EmailHelper(helper=True) as helper, pytest.raises(CheckFailed) as raised:
        helper.run(fail_with_findings, "the email is too big")()
    assert raised.value.findings[0].line == 3 and "too big" in str(raised.value)
