"""The benchmarks of `make bench`: start-up, the demo, 1,000 reviews against Pelican and Hugo,
one-review rebuilds, links.

Two corpora, side by side: a generated one (bench/generate.py) and one of real posts
(bench/realcorpus.py: the shared seeds and corpus, repeated; skipped without ../shared).
Every figure is the wall time of a fresh process, as a person typing the command would
see it, given as the median of several runs with the spread (min-max). Peak memory is
the process's resident high-water mark. Everything is written under bench/out/.

    .venv/bin/python bench/run.py                  # the full run (about 5 minutes)
    .venv/bin/python bench/run.py --quick          # a small smoke run
    .venv/bin/python bench/run.py --only archive   # one section (repeatable)
    .venv/bin/python bench/run.py --profile        # also: where a 1,000-review build and rebuild spend time
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from generate import generate
from hugo_compare import ensure_hugo, hugo_command, hugo_outputs, write_hugo_site
from pelican_compare import ensure_pelican, pelican_command, write_pelican_site
from realcorpus import MissingCorpus, write_real_corpus

from digest.checks.build import LINK_CACHE_FILE
from digest.config import CONFIG_NAME, BuildSettings, load_config
from digest.sources.issue import issue_ids, load_issue

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OUT = BENCH / "out"
PYTHON = Path(sys.executable)
DIGEST = PYTHON.with_name("digest")
CACHE_DIR = BuildSettings().cache_dir  # the default, which the demo and the bench projects keep
HEAVY_MODULES = (
    "lxml", "premailer", "feedgen", "aiohttp", "mjml", "cssutils", "nh3", "cmarkgfm", "yaml", "trafilatura",
    "htmldate", "dateutil",
)  # fmt: skip
BUILD_ALL = [str(DIGEST), "build", "--all"]
LIST = [str(DIGEST), "list"]


class BenchError(Exception):
    """A command under measurement failed: the figures would mean nothing."""


@dataclass(frozen=True)
class Sample:
    seconds: float
    peak_mb: float
    cpu_seconds: float  # user and system time of the process (Hugo's spreads over both cores)


@dataclass(frozen=True)
class Figure:
    samples: tuple[Sample, ...]

    @property
    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def peak_mb(self) -> float:
        return max(s.peak_mb for s in self.samples)

    def __str__(self) -> str:
        times = [s.seconds for s in self.samples]
        return f"{_seconds(self.median)} ({_seconds(min(times))}–{_seconds(max(times))}, n={len(times)})"

    def with_usage(self) -> str:
        cpu = statistics.median(s.cpu_seconds for s in self.samples)
        return f"{self}, CPU {_seconds(cpu)}, peak {self.peak_mb:.0f} MB"


@dataclass(frozen=True)
class Row:
    figure: str
    measured: str
    target: str = ""
    met: bool | None = None


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)

    def add(self, figure: str, measured: str, target: str = "", met: bool | None = None) -> None:
        self.rows.append(Row(figure, measured, target, met))
        verdict = "" if met is None else ("  [met]" if met else "  [NOT MET]")
        aim = f"  (target {target})" if target else ""
        print(f"  {figure}: {measured}{aim}{verdict}", flush=True)

    def ratio(
        self, figure: str, ours: Figure, theirs: Figure, limit: float | None, strict: bool = False
    ) -> None:
        """A ratio of medians, against `limit` (<= it, or < it when `strict`) where there is one."""
        value = ours.median / theirs.median
        if limit is None:
            self.add(figure, f"{value:.2f}x")
            return
        met = value < limit if strict else value <= limit
        self.add(figure, f"{value:.2f}x", f"{'<' if strict else '<='} {limit:g}x", met)

    def markdown(self) -> str:
        lines = ["| figure | measured | target | met |", "| --- | --- | --- | --- |"]
        for row in self.rows:
            met = "" if row.met is None else ("yes" if row.met else "**no**")
            lines.append(f"| {row.figure} | {row.measured} | {row.target} | {met} |")
        return "\n".join(lines)


@dataclass(frozen=True)
class Plan:
    """How much to run: the full benchmark or the quick smoke run."""

    issues: int
    reviews: int
    repeats: int  # digest's and Hugo's runs of each figure
    pelican_repeats: int  # Pelican's runs over the whole archive (about 10 s each)
    startup_repeats: int


FULL = Plan(issues=100, reviews=10, repeats=7, pelican_repeats=3, startup_repeats=15)
QUICK = Plan(issues=20, reviews=10, repeats=2, pelican_repeats=2, startup_repeats=5)


@dataclass
class Corpus:
    """One benchmark project and what was measured on it that later sections reuse."""

    label: str  # as the figures name it
    project: Path
    reviews: int
    digest_full: Figure | None = None
    hugo_full: Figure | None = None


@dataclass(frozen=True)
class Yardsticks:
    pelican: Path | None
    hugo: Path | None


# ---------------------------------------------------------------------------------------
# Measuring one command


def run_once(command: Sequence[str], cwd: Path) -> Sample:
    """Wall time and peak memory of one fresh child process; raises BenchError when it fails."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
        status, peak_kb, cpu = wait_with_peak(child.pid)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            errors.seek(0)
            tail = errors.read().decode("utf-8", "replace").strip().splitlines()[-5:]
            raise BenchError(f"`{' '.join(command)}` in {cwd} exited {child.returncode}: " + " | ".join(tail))
    return Sample(elapsed, peak_kb / 1024, cpu)


def wait_with_peak(pid: int) -> tuple[int, int, float]:
    """Wait for a child, sampling its resident high-water mark (VmHWM) every few milliseconds;
    returns its exit status, that peak in KB and the CPU time it used.

    The child's own ru_maxrss cannot be used: Linux carries the parent's peak across fork
    and exec, so every figure would be at least this runner's size.
    """
    peak_kb = 0
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return status, peak_kb or usage.ru_maxrss, usage.ru_utime + usage.ru_stime
        peak_kb = max(peak_kb, _high_water_kb(pid))
        time.sleep(0.005)


def _high_water_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def measure(
    command: Sequence[str], cwd: Path, times: int, before: Callable[[], None] | None = None
) -> Figure:
    """Run `command` `times` times, calling `before` (untimed) ahead of each run."""
    return measure_together(Job(command, cwd, times, before))[0]


@dataclass(frozen=True)
class Job:
    command: Sequence[str]
    cwd: Path
    times: int
    before: Callable[[], None] | None = None  # untimed, ahead of each run


def measure_together(*jobs: Job) -> list[Figure]:
    """Run the jobs in turn, one run of each per round, so that a change in the load of
    this shared machine falls on all of them alike and their ratio stays fair."""
    samples: list[list[Sample]] = [[] for _ in jobs]
    for round_ in range(max(job.times for job in jobs)):
        for job, taken in zip(jobs, samples, strict=True):
            if round_ < job.times:
                if job.before is not None:
                    job.before()
                taken.append(run_once(job.command, job.cwd))
    return [Figure(tuple(taken)) for taken in samples]


def _seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def remove(*paths: Path | str) -> None:
    for path in paths:
        shutil.rmtree(path, ignore_errors=True)


def clean_build(project: Path) -> Callable[[], None]:
    """Before a cold build: no output and no cache of any kind (the kept tree is in the cache)."""
    return lambda: remove(project / "dist", project / CACHE_DIR)


# ---------------------------------------------------------------------------------------
# The corpora and the yardsticks


def make_corpora(plan: Plan, wanted: Sequence[str], report: Report) -> list[Corpus]:
    """The projects, written afresh: the generator is seeded and the real posts are copied as they are."""
    corpora = []
    size = f"{plan.issues}x{plan.reviews}"
    if "generated" in wanted:
        folder = OUT / f"generated-{size}"
        remove(folder)
        written = generate(folder, plan.issues, plan.reviews)
        average = sum(path.stat().st_size for path in written) / len(written) / 1000
        print(f"generated corpus: {len(written)} reviews, {average:.1f} KB on average, in {folder}")
        corpora.append(Corpus("generated", folder, len(written)))
    if "real" in wanted:
        folder = OUT / f"real-{size}"
        remove(folder)
        try:
            found = write_real_corpus(folder, plan.issues, plan.reviews)
        except MissingCorpus as missing:
            print(f"real-posts corpus skipped: {missing}", flush=True)
            report.add("real-posts corpus", f"skipped: {missing}")
            return corpora
        average = sum(post.stat().st_size for post in found.posts) / len(found.posts) / 1000
        print(
            f"real-posts corpus: {len(found.posts)} posts ({average:.1f} KB on average), "
            f"{plan.reviews} an issue in rotation, in {folder}; left out: " + "; ".join(found.left_out)
        )
        corpora.append(Corpus("real posts", folder, plan.issues * plan.reviews))
    return corpora


def yardsticks(need_pelican: bool, need_hugo: bool, report: Report) -> Yardsticks:
    pelican = hugo = None
    if need_pelican:
        pelican, about = ensure_pelican(OUT)
        print(f"yardstick: {about}" if pelican else f"Pelican comparisons skipped: {about}", flush=True)
        if pelican is None:
            report.add("Pelican", f"skipped: {about}")
    if need_hugo:
        hugo, about = ensure_hugo(OUT)
        print(f"yardstick: {about}" if hugo else f"Hugo comparisons skipped: {about}", flush=True)
        if hugo is None:
            report.add("Hugo", f"skipped: {about}")
    return Yardsticks(pelican, hugo)


def pelican_job(pelican: Path, project: Path, site: Path, times: int, only_issue: str | None = None) -> Job:
    """Pelican's cold build of the project's reviews (one issue's or all), its site written first."""
    remove(site)
    count = write_pelican_site(project, site, only_issue)
    print(f"  (Pelican site of {count} reviews in {site})", flush=True)
    return Job(pelican_command(pelican), site, times, lambda: remove(site / "output"))


def hugo_job(hugo: Path, corpus: Corpus, times: int) -> Job:
    """Hugo's cold build of the corpus's reviews, its site written first."""
    site = OUT / f"hugo-{corpus.project.name}"
    remove(site)
    count = write_hugo_site(corpus.project, site)
    print(f"  (Hugo site of {count} reviews in {site})", flush=True)
    return Job(hugo_command(hugo), site, times, lambda: remove(*hugo_outputs(site)))


# ---------------------------------------------------------------------------------------
# Sections


def machine() -> str:
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.MULTILINE)
        model = found.group(1).strip() if found else model
    return (
        f"{os.cpu_count()} cores, {model}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}, {date.today().isoformat()}"
    )


def load_average() -> str:
    """Other work on the machine: the benchmark's own processes count too while it runs."""
    return ", ".join(f"{each:.2f}" for each in os.getloadavg())


def commit() -> str:
    done = subprocess.run(
        ["git", "log", "-1", "--format=%h %s"], cwd=REPO, capture_output=True, text=True, check=False
    )
    dirty = subprocess.run(
        ["git", "status", "--porcelain"], cwd=REPO, capture_output=True, text=True, check=False
    )
    return (done.stdout.strip() or "unknown") + (
        " (with uncommitted changes)" if dirty.stdout.strip() else ""
    )


def byte_compile_digest() -> None:
    """Compile digest's modules as pip does when it installs a package.

    The editable install compiles nothing, and where PYTHONDONTWRITEBYTECODE is set (as
    on the machine these figures come from) Python would compile every module from
    source on every run, which no installed copy does and Pelican, installed normally,
    never pays.
    """
    import compileall

    from digest.render.localefacts import write_facts
    from digest.render.themecode import compile_theme

    compileall.compile_dir(REPO / "digest", quiet=1)
    compile_theme()
    write_facts()
    print("byte-compiled digest/, its theme and CLDR's locale facts as `make install` does", flush=True)


def startup(plan: Plan, report: Report) -> None:
    print("\n== start-up: `digest --help` against `python -c 'import click'`", flush=True)
    click_only, help_ = measure_together(
        Job([str(PYTHON), "-c", "import click"], REPO, plan.startup_repeats),
        Job([str(DIGEST), "--help"], REPO, plan.startup_repeats),
    )
    report.add("`python -c 'import click'`", str(click_only))
    report.add("`digest --help`", str(help_))
    report.ratio("start-up, `digest --help` / `import click`", help_, click_only, 1.5)
    loaded = heavy_modules_at_startup()
    report.add("heavy modules imported by `digest --help`", ", ".join(loaded) or "none", "none", not loaded)


def heavy_modules_at_startup() -> list[str]:
    """Which of the heavy modules `digest --help` has imported by the time it exits."""
    probe = (
        "import sys\nfrom digest.cli import main\nsys.argv = ['digest', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(*[m for m in {HEAVY_MODULES!r} if m in sys.modules], file=sys.stderr)\n"
    )
    done = subprocess.run([str(PYTHON), "-c", probe], capture_output=True, text=True, check=True)
    return done.stderr.split()


def demo(plan: Plan, report: Report, tools: Yardsticks, corpora: list[Corpus]) -> None:
    print("\n== demo: `digest build issue-2025` against Pelican on the same four reviews", flush=True)
    project = OUT / "demo"
    remove(project)
    project.mkdir(parents=True)
    shutil.copy2(REPO / "digest.toml", project / "digest.toml")
    # Not templates/: in the repository it is the built-in theme itself (digest.toml's
    # templates_dir is the theme's folder); copied, every template would be a project's
    # override of the theme, compiled from source on each build as overrides are.
    shutil.copytree(REPO / "issues", project / "issues")
    command = [str(DIGEST), "build", "issue-2025", *warm_link_cache(project, report)]
    link_cache = project / CACHE_DIR / LINK_CACHE_FILE

    def keep_only_link_cache() -> None:
        remove(project / "dist")
        for path in (project / CACHE_DIR).glob("*"):
            if path.is_dir():
                remove(path)
            elif not path.name.startswith(link_cache.name):  # also its -wal and -shm files
                path.unlink()

    ours = Job(command, project, plan.repeats, keep_only_link_cache)
    if tools.pelican is None:
        (cold,) = measure_together(ours)
    else:
        site = OUT / "pelican-demo"
        cold, theirs = measure_together(
            ours, pelican_job(tools.pelican, project, site, plan.repeats, "issue-2025")
        )
    warm = measure(command, project, plan.repeats, lambda: remove(project / "dist"))
    report.add("demo, digest (cold: no output, no build cache)", str(cold))
    report.add("demo, digest (every cache warm)", str(warm))
    if tools.pelican is not None:
        report.add("demo, Pelican (same four reviews, with feeds)", str(theirs))
        report.ratio("demo, digest (cold) / Pelican", cold, theirs, 1, strict=True)
    for corpus in corpora:
        one_issue(plan, report, tools, corpus)


def one_issue(plan: Plan, report: Report, tools: Yardsticks, corpus: Corpus) -> None:
    """The newest issue of a corpus on its own: the demo's comparison on ten of the corpus's reviews."""
    newest = issue_ids(load_config(corpus.project / CONFIG_NAME))[-1]
    project = OUT / f"{corpus.project.name}-one-issue"
    remove(project)
    (project / "issues").mkdir(parents=True)
    shutil.copy2(corpus.project / "digest.toml", project / "digest.toml")
    shutil.copytree(corpus.project / "issues" / newest, project / "issues" / newest)
    digest = Job([str(DIGEST), "build", newest], project, plan.repeats, clean_build(project))
    label = f"{corpus.label}, one issue of {plan.reviews} reviews"
    if tools.pelican is None:
        (ours,) = measure_together(digest)
        report.add(f"{label}, digest (cold)", str(ours))
        return
    site = OUT / f"pelican-{project.name}"
    ours, theirs = measure_together(digest, pelican_job(tools.pelican, project, site, plan.repeats, newest))
    report.add(f"{label}, digest (cold)", str(ours))
    report.add(f"{label}, Pelican", str(theirs))
    report.ratio(f"{label}, digest / Pelican", ours, theirs, 1, strict=True)


def warm_link_cache(project: Path, report: Report) -> list[str]:
    """Check the demo's links once so the timed builds are served from the cache.

    Offline, the links cannot be verified: then the timed builds skip the network and say so.
    """
    done = subprocess.run(
        [str(DIGEST), "links", "issue-2025", "--format", "json"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    links = json.loads(done.stdout)["links"] if done.stdout.startswith("{") else []
    verdicts = [link["verdict"] for link in links if link.get("scope") == "external"]
    external = len(verdicts)  # the report lists the site's own links too, which need no network
    if external == 0:
        report.add("demo external links", "none (nothing to check, so nothing to cache)")
        return []
    if all(verdict in ("ok", "redirected", "excluded") for verdict in verdicts):
        report.add("demo external links", f"{external}, all served from the warmed cache")
        return []
    report.add("demo external links", f"{external}, could not be verified (offline?): --no-check-links")
    return ["--no-check-links"]


def archive(plan: Plan, report: Report, tools: Yardsticks, corpus: Corpus) -> None:
    """digest, Hugo and Pelican, each from cold, their runs in turn."""
    n = corpus.reviews
    print(f"\n== archive, {corpus.label}: `digest build --all` on {n} reviews from cold caches", flush=True)
    jobs = [Job(BUILD_ALL, corpus.project, plan.repeats, clean_build(corpus.project))]
    if tools.hugo is not None:
        jobs.append(hugo_job(tools.hugo, corpus, plan.repeats))
    if tools.pelican is not None:
        site = OUT / f"pelican-{corpus.project.name}"
        jobs.append(pelican_job(tools.pelican, corpus.project, site, plan.pelican_repeats))
    figures = iter(measure_together(*jobs))
    ours = corpus.digest_full = next(figures)
    label = f"{corpus.label}, {n} reviews"
    report.add(f"{label}, digest (cold)", ours.with_usage())
    report.add(f"{label}, digest peak memory", f"{ours.peak_mb:.0f} MB", "< 300 MB", ours.peak_mb < 300)
    if tools.hugo is not None:
        hugo = corpus.hugo_full = next(figures)
        report.add(f"{label}, Hugo (cold, both cores)", hugo.with_usage())
        report.ratio(f"{label}, digest / Hugo", ours, hugo, 1.5)
    if tools.pelican is not None:
        pelican = next(figures)
        report.add(f"{label}, Pelican (cold)", pelican.with_usage())
        report.ratio(f"{label}, digest / Pelican", ours, pelican, None)


def incremental(plan: Plan, report: Report, tools: Yardsticks, corpus: Corpus) -> bool:
    """Rebuilds after editing one review of the newest issue, each compared with a clean build."""
    project = corpus.project
    print(f"\n== incremental, {corpus.label}: edit one review of the newest issue, build again", flush=True)
    clean_build(project)()
    run_once(BUILD_ALL, project)
    review = newest_review(project)
    print(f"  (the edited review: {review.relative_to(project)})", flush=True)
    labels = itertools.count(100)  # three digits, so a same-size edit can swap one for another
    label = f"{corpus.label}, rebuild"
    report.add(f"{label}, nothing changed", str(measure(BUILD_ALL, project, plan.repeats)))
    appended = measure(BUILD_ALL, project, plan.repeats, lambda: append_note(review, next(labels)))
    report.add(f"{label} after appending a sentence to one review", str(appended))
    ok = compare_with_clean_build(report, corpus, "after the appended sentences")
    same_size = measure(BUILD_ALL, project, plan.repeats, lambda: same_size_edit(review, next(labels)))
    report.add(f"{label} after a same-size edit, date put back", str(same_size))
    ok = compare_with_clean_build(report, corpus, "after the same-size edits") and ok
    report.add(f"{corpus.label}, `digest list` after a build", str(measure(LIST, project, plan.repeats)))
    hugo = corpus.hugo_full
    if hugo is None and tools.hugo is not None:  # the archive section did not run
        hugo = corpus.hugo_full = measure_together(hugo_job(tools.hugo, corpus, plan.repeats))[0]
        report.add(f"{corpus.label}, {corpus.reviews} reviews, Hugo (cold, both cores)", hugo.with_usage())
    for what, figure in (("appended sentence", appended), ("same-size edit", same_size)):
        if hugo is not None:
            report.ratio(f"{label} ({what}) / Hugo's full build", figure, hugo, 0.25)
        if corpus.digest_full is not None:
            report.ratio(f"{label} ({what}) / digest's full build", figure, corpus.digest_full, None)
    return ok


def newest_review(project: Path) -> Path:
    """The first review the newest issue lists, as digest reads it."""
    config = load_config(project / CONFIG_NAME)
    return Path(load_issue(config, issue_ids(config)[-1]).issue.reviews[0].path)


NOTE = re.compile(rb"note (\d{3}) to this review")


def append_note(review: Path, label: int) -> None:
    with review.open("a", encoding="utf-8") as stream:
        stream.write(f"\nThe editors added note {label:03d} to this review after it went out.\n")


def same_size_edit(review: Path, label: int) -> None:
    """Change the last note's number (same length), then put the file's dates back: an edit
    that size and modification time cannot reveal."""
    before = os.stat(review)
    data = review.read_bytes()
    last = list(NOTE.finditer(data))[-1]
    review.write_bytes(data[: last.start(1)] + b"%03d" % label + data[last.end(1) :])
    os.utime(review, ns=(before.st_atime_ns, before.st_mtime_ns))


def compare_with_clean_build(report: Report, corpus: Corpus, when: str) -> bool:
    clean = OUT / f"{corpus.project.name}-clean"
    remove(clean)
    clean.mkdir(parents=True)
    shutil.copy2(corpus.project / "digest.toml", clean / "digest.toml")
    shutil.copytree(corpus.project / "issues", clean / "issues")
    run_once(BUILD_ALL, clean)
    ours, theirs = tree(corpus.project / "dist"), tree(clean / "dist")
    differing = sorted(name for name in ours.keys() | theirs.keys() if ours.get(name) != theirs.get(name))
    figure = f"{corpus.label}, rebuilt output equals a clean build ({when})"
    if not differing:
        report.add(figure, f"yes, {len(ours)} files", "byte-identical", True)
        return True
    examples = ", ".join(differing[:3])
    report.add(
        figure,
        f"no: {len(differing)} of {len(ours | theirs)} files differ, e.g. {examples}",
        "byte-identical",
        False,
    )
    return False


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def links(report: Report) -> bool:
    print("\n== links: bench/bench_links.py (1,000 links over 10 loopback hosts)", flush=True)
    done = subprocess.run(
        [str(PYTHON), str(BENCH / "bench_links.py")], capture_output=True, text=True, check=False
    )
    for line in done.stdout.strip().splitlines():
        print(f"  | {line}")
        found = re.match(r"(first run|cached run)\s*: (.+?), \d+ requests", line)
        if found:
            report.add(f"link checker, {found.group(1)}", found.group(2))
    if done.returncode != 0:
        print(f"  bench_links.py exited {done.returncode}: {done.stderr.strip()[-500:]}")
    return done.returncode == 0


def profile(corpus: Corpus, top: int = 15) -> None:
    """Where a clean build spends its time, then where a rebuild after a one-review change does."""
    project = corpus.project
    print(
        f"\n== profile: `digest build --all` on {corpus.reviews} {corpus.label} reviews under cProfile",
        flush=True,
    )
    clean_build(project)()
    profile_build(project, "clean build", OUT / "profile-clean-build.prof", top)
    append_note(newest_review(project), 999)
    profile_build(
        project, "rebuild after appending to one review", OUT / "profile-one-review-rebuild.prof", top
    )


def profile_build(project: Path, label: str, stats_file: Path, top: int) -> None:
    command = [str(PYTHON), "-m", "cProfile", "-o", str(stats_file), "-m", "digest", "build", "--all"]
    sample = run_once(command, project)
    entries = profile_entries(stats_file)
    print(f"  {label}: {_seconds(sample.seconds)} under the profiler; saved in {stats_file}")
    print(f"  top {top} by cumulative time (launcher and click frames left out)")
    print_entries(sorted(entries, key=lambda e: -e.cumulative)[:top])
    print(f"  top {top} by own time")
    print_entries(sorted(entries, key=lambda e: -e.own)[:top])


@dataclass(frozen=True)
class ProfileEntry:
    where: str
    calls: int
    own: float
    cumulative: float


# The launcher's frames, and the import machinery's nested frames but its outermost one.
LAUNCHER_FRAMES = re.compile(
    r"runpy|/click/|<string>|__main__|builtins\.exec|digest/cli\.py"
    r"|<frozen importlib\._bootstrap(_external)?>:\d+\((?!_find_and_load\))"
)


def profile_entries(stats_file: Path) -> list[ProfileEntry]:
    stats = pstats.Stats(str(stats_file))
    entries = []
    for (filename, line, function), (_, calls, own, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        where = f"{filename}:{line}({function})"
        if LAUNCHER_FRAMES.search(where):
            continue
        short = re.sub(r"^.*?(site-packages/|/lib/python3\.\d+/)", "", where).replace(f"{REPO}/", "")
        entries.append(ProfileEntry(short, calls, own, cumulative))
    return entries


def print_entries(entries: list[ProfileEntry]) -> None:
    print(f"  {'cumulative':>10} {'own':>8} {'calls':>9}  function")
    for entry in entries:
        print(f"  {entry.cumulative:9.2f}s {entry.own:7.2f}s {entry.calls:9d}  {entry.where}")


# ---------------------------------------------------------------------------------------


SECTIONS = ("startup", "demo", "archive", "incremental", "links")
CORPORA = ("generated", "real")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a small, fast smoke run (20x10, 2 repeats)")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also profile a clean build and a one-review rebuild (generated)",
    )
    parser.add_argument("--only", choices=SECTIONS, action="append", help="run only these sections")
    parser.add_argument(
        "--corpus", choices=CORPORA, action="append", help="only these corpora (default: both)"
    )
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    sections = set(args.only or SECTIONS)
    if not DIGEST.is_file():
        print(f"no digest command at {DIGEST}: run `make install` first", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    report = Report()
    started = time.perf_counter()
    load_before = load_average()
    print(f"machine: {machine()}\ncommit: {commit()}\nload average: {load_before}", flush=True)
    byte_compile_digest()
    try:
        return run_sections(plan, sections, args.corpus or list(CORPORA), report, args.profile)
    except BenchError as error:
        print(f"\nbenchmark stopped: {error}", file=sys.stderr)
        return 1
    finally:
        minutes = (time.perf_counter() - started) / 60
        print(f"\n== summary ({minutes:.1f} minutes)\n\nMachine: {machine()}; commit {commit()}")
        print(f"Load average (1, 5, 15 minutes) before the run: {load_before}; after: {load_average()}\n")
        print(report.markdown())


def run_sections(
    plan: Plan, sections: set[str], wanted: list[str], report: Report, with_profile: bool
) -> int:
    built = [name for name in CORPORA if name in wanted or (with_profile and name == "generated")]
    needs_corpora = bool(sections & {"demo", "archive", "incremental"}) or with_profile
    corpora = make_corpora(plan, built, report) if needs_corpora else []
    tools = yardsticks(
        need_pelican=bool(sections & {"demo", "archive"}),
        need_hugo=bool(sections & {"archive", "incremental"}),
        report=report,
    )
    measured = [corpus for corpus in corpora if corpus.label != "generated" or "generated" in wanted]
    if not (sections & {"demo", "archive", "incremental"}):
        measured = []
    ok = True
    if "startup" in sections:
        startup(plan, report)
    if "demo" in sections:
        demo(plan, report, tools, measured)
    for corpus in measured:
        if "archive" in sections:
            archive(plan, report, tools, corpus)
        if "incremental" in sections:
            ok = incremental(plan, report, tools, corpus) and ok
    if with_profile:
        profile(next(corpus for corpus in corpora if corpus.label == "generated"))
    if "links" in sections:
        ok = links(report) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
