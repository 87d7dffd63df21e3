"""The benchmarks of `make bench`: start-up, the demo, archive scale, incremental builds, links.

Every figure is the wall time of a fresh process, as a person typing the command would
see it, given as the median of several runs with the spread (min-max). Peak memory is
the child's maximum resident set size. Everything is written under bench/out/.

    .venv/bin/python bench/run.py            # the full run (several minutes)
    .venv/bin/python bench/run.py --quick    # a small smoke run
    .venv/bin/python bench/run.py --profile  # also: where a 100x10 build and rebuild spend time
"""

from __future__ import annotations

import argparse
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

from generate import generate, issue_id
from pelican_compare import ensure_pelican, pelican_command, write_pelican_site

from digest.checks.build import LINK_CACHE_FILE
from digest.config import LinkConfig

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OUT = BENCH / "out"
PYTHON = Path(sys.executable)
DIGEST = PYTHON.with_name("digest")
CACHE_DIR = LinkConfig().cache_dir  # the default, which the demo and generated projects keep
HEAVY_MODULES = (
    "lxml", "premailer", "feedgen", "aiohttp", "mjml", "cssutils", "nh3", "cmarkgfm", "yaml", "trafilatura",
    "htmldate", "dateutil",
)  # fmt: skip


class BenchError(Exception):
    """A command under measurement failed: the figures would mean nothing."""


@dataclass(frozen=True)
class Sample:
    seconds: float
    peak_mb: float
    tree_peak_mb: float  # the largest sum of resident sizes over the process and its children


@dataclass(frozen=True)
class Figure:
    samples: tuple[Sample, ...]

    @property
    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def peak_mb(self) -> float:
        return max(s.peak_mb for s in self.samples)

    @property
    def tree_peak_mb(self) -> float:
        return max(s.tree_peak_mb for s in self.samples)

    def __str__(self) -> str:
        times = [s.seconds for s in self.samples]
        return f"{_seconds(self.median)} ({_seconds(min(times))}–{_seconds(max(times))}, n={len(times)})"


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

    def markdown(self) -> str:
        lines = ["| figure | measured | target | met |", "| --- | --- | --- | --- |"]
        for row in self.rows:
            met = "" if row.met is None else ("yes" if row.met else "**no**")
            lines.append(f"| {row.figure} | {row.measured} | {row.target} | {met} |")
        return "\n".join(lines)


@dataclass(frozen=True)
class Plan:
    """How much to run: the full benchmark or the quick smoke run."""

    big_issues: int
    small_issues: int
    reviews: int
    repeats: int
    slow_repeats: int
    startup_repeats: int


FULL = Plan(big_issues=100, small_issues=10, reviews=10, repeats=5, slow_repeats=3, startup_repeats=15)
QUICK = Plan(big_issues=20, small_issues=2, reviews=10, repeats=2, slow_repeats=2, startup_repeats=5)


# ---------------------------------------------------------------------------------------
# Measuring one command


def run_once(command: Sequence[str], cwd: Path) -> Sample:
    """Wall time and peak memory of one fresh child process; raises BenchError when it fails."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
        status, peak_kb, tree_peak_kb = wait_with_peak(child.pid)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            errors.seek(0)
            tail = errors.read().decode("utf-8", "replace").strip().splitlines()[-5:]
            raise BenchError(f"`{' '.join(command)}` in {cwd} exited {child.returncode}: " + " | ".join(tail))
    return Sample(elapsed, peak_kb / 1024, tree_peak_kb / 1024)


def wait_with_peak(pid: int) -> tuple[int, int, int]:
    """Wait for a child, sampling every few milliseconds its resident high-water mark
    (VmHWM) and the sum of the resident sizes of it and its children (digest forks
    loader processes and an email helper).

    The child's own ru_maxrss cannot be used: Linux carries the parent's peak across
    fork and exec, so every figure would be at least this runner's size. The summed
    figure counts pages that forked processes share once per process, so it errs high.
    """
    peak_kb = tree_peak_kb = 0
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return status, peak_kb or usage.ru_maxrss, max(tree_peak_kb, peak_kb)
        peak_kb = max(peak_kb, _high_water_kb(pid))
        tree_peak_kb = max(tree_peak_kb, sum(_status_kb(each, "VmRSS:") for each in _process_tree(pid)))
        time.sleep(0.005)


def _process_tree(pid: int) -> list[int]:
    tree = [pid]
    for each in tree:  # grows while it is walked
        try:
            for task in os.listdir(f"/proc/{each}/task"):
                with open(f"/proc/{each}/task/{task}/children", encoding="ascii") as children:
                    tree.extend(int(child) for child in children.read().split())
        except (OSError, ValueError):
            continue
    return tree


def _high_water_kb(pid: int) -> int:
    return _status_kb(pid, "VmHWM:")


def _status_kb(pid: int, field: str) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def measure(
    command: Sequence[str], cwd: Path, times: int, before: Callable[[], None] | None = None
) -> Figure:
    """Run `command` `times` times, calling `before` (untimed) ahead of each run."""
    samples = []
    for _ in range(times):
        if before is not None:
            before()
        samples.append(run_once(command, cwd))
    return Figure(tuple(samples))


def _seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def remove(*paths: Path) -> None:
    for path in paths:
        shutil.rmtree(path, ignore_errors=True)


def clean_build(project: Path) -> Callable[[], None]:
    """Before a full build: no output and no cache of any kind."""
    return lambda: remove(project / "dist", project / CACHE_DIR)


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


def byte_compile_digest() -> None:
    """Compile digest's modules as pip does when it installs a package.

    The editable install compiles nothing, and where PYTHONDONTWRITEBYTECODE is set (as
    on the machine these figures come from) Python would compile every module from
    source on every run, which no installed copy does and Pelican, installed normally,
    never pays.
    """
    import compileall

    compileall.compile_dir(REPO / "digest", quiet=1)
    print("byte-compiled digest/ as an installed package would be", flush=True)


def startup(plan: Plan, report: Report) -> None:
    print("\n== start-up: `digest --help` against `python -c 'import click'`", flush=True)
    click_only = measure([str(PYTHON), "-c", "import click"], REPO, plan.startup_repeats)
    help_ = measure([str(DIGEST), "--help"], REPO, plan.startup_repeats)
    ratio = help_.median / click_only.median
    report.add("`python -c 'import click'`", str(click_only))
    report.add("`digest --help`", str(help_))
    report.add("start-up ratio help / import click", f"{ratio:.2f}x", "<= 1.5x", ratio <= 1.5)
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


def demo(plan: Plan, report: Report, pelican: Path | None) -> None:
    print("\n== demo: `digest build issue-2025` against Pelican on the same four reviews", flush=True)
    project = OUT / "demo"
    remove(project)
    project.mkdir(parents=True)
    shutil.copy2(REPO / "digest.toml", project / "digest.toml")
    for folder in ("issues", "templates"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, project / folder)
    command = [str(DIGEST), "build", "issue-2025", *warm_link_cache(project, report)]
    link_cache = project / CACHE_DIR / LINK_CACHE_FILE

    def keep_only_link_cache() -> None:
        remove(project / "dist")
        for path in (project / CACHE_DIR).glob("*"):
            if path.is_dir():
                remove(path)
            elif not path.name.startswith(link_cache.name):  # also its -wal and -shm files
                path.unlink()

    cold = measure(command, project, plan.repeats, keep_only_link_cache)
    warm = measure(command, project, plan.repeats, lambda: remove(project / "dist"))
    report.add("demo, digest (render cache cold, link cache warm)", str(cold))
    report.add("demo, digest (every cache warm)", str(warm))
    if pelican is None:
        return
    site = OUT / "pelican-demo"
    remove(site)
    write_pelican_site(project, site, "issue-2025")
    theirs = measure(pelican_command(pelican), site, plan.repeats, lambda: remove(site / "output"))
    ratio = cold.median / theirs.median
    report.add("demo, Pelican (same four reviews, with feeds)", str(theirs))
    report.add("demo ratio digest (cold) / Pelican", f"{ratio:.2f}x", "< 1x", ratio < 1)


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
    summary = json.loads(done.stdout)["summary"] if done.stdout.startswith("{") else {}
    external = sum(summary.values())
    if external == 0:
        report.add("demo external links", "none (nothing to check, so nothing to cache)")
        return []
    if summary.get("ok", 0) + summary.get("redirected", 0) + summary.get("excluded", 0) == external:
        report.add("demo external links", f"{external}, all served from the warmed cache")
        return []
    report.add("demo external links", f"{external}, could not be verified (offline?): --no-check-links")
    return ["--no-check-links"]


def archive_scale(plan: Plan, report: Report, pelican: Path | None) -> tuple[Path, Figure]:
    reviews = plan.reviews
    big_n, small_n = plan.big_issues * reviews, plan.small_issues * reviews
    print(f"\n== archive scale: `digest build --all`, {small_n} and {big_n} reviews, each clean", flush=True)
    big = corpus(plan.big_issues, reviews)
    small = corpus(plan.small_issues, reviews)
    small_figure = measure([str(DIGEST), "build", "--all"], small, plan.repeats, clean_build(small))
    big_figure = measure([str(DIGEST), "build", "--all"], big, plan.slow_repeats, clean_build(big))
    ratio = big_figure.median / small_figure.median
    scale = big_n // small_n
    peak = max(small_figure.peak_mb, big_figure.peak_mb)
    tree_peak = max(small_figure.tree_peak_mb, big_figure.tree_peak_mb)
    report.add(f"full build, {small_n} reviews", str(small_figure))
    report.add(f"full build, {big_n} reviews", str(big_figure))
    report.add(f"ratio t({big_n}) / t({small_n})", f"{ratio:.1f}x", f"<= {scale + 1}x", ratio <= scale + 1)
    report.add(f"peak memory, {big_n} reviews", f"{peak:.0f} MB", "< 300 MB", peak < 300)
    report.add(
        f"peak memory, {big_n} reviews, with its helper processes (summed)",
        f"{tree_peak:.0f} MB",
        "< 300 MB",
        tree_peak < 300,
    )
    if pelican is not None:
        site = OUT / f"pelican-{plan.big_issues}x{reviews}"
        remove(site)
        write_pelican_site(big, site)
        theirs = measure(pelican_command(pelican), site, plan.slow_repeats, lambda: remove(site / "output"))
        share = big_figure.median / theirs.median
        report.add(f"Pelican, the same {big_n} reviews", f"{theirs}, peak {theirs.peak_mb:.0f} MB")
        report.add(f"digest / Pelican, {big_n} reviews", f"{share:.2f}x", "<= 0.5x", share <= 0.5)
    return big, big_figure


def corpus(issues: int, reviews: int) -> Path:
    """A freshly generated project (the generator is seeded, so it is the same every time)."""
    folder = OUT / f"corpus-{issues}x{reviews}"
    remove(folder)
    generate(folder, issues, reviews)
    return folder


def incremental(plan: Plan, report: Report, project: Path, full: Figure) -> bool:
    print("\n== incremental: change one review of the newest issue, build again", flush=True)
    command = [str(DIGEST), "build", "--all"]
    clean_build(project)()
    run_once(command, project)
    unchanged = measure(command, project, plan.repeats)
    report.add("rebuild, nothing changed", str(unchanged))
    review = newest_review(project, plan)
    edits = iter(range(1, 1000))
    changed = measure(command, project, plan.slow_repeats, lambda: append_note(review, str(next(edits))))
    share = changed.median / full.median
    report.add("rebuild after changing one review", str(changed))
    report.add("incremental / full build", f"{share:.0%}", "<= 15%", share <= 0.15)
    identical, detail = same_as_clean_build(project)
    report.add("incremental output equals a clean build", detail, "byte-identical", identical)
    return identical


def newest_review(project: Path, plan: Plan) -> Path:
    return sorted((project / "issues" / issue_id(plan.big_issues)).glob("01-*"))[0]


def append_note(review: Path, label: str) -> None:
    with review.open("a", encoding="utf-8") as stream:
        stream.write(f"\nThe editors added note {label} to this review after it went out.\n")


def same_as_clean_build(project: Path) -> tuple[bool, str]:
    clean = OUT / "incremental-clean"
    remove(clean)
    clean.mkdir(parents=True)
    shutil.copy2(project / "digest.toml", clean / "digest.toml")
    shutil.copytree(project / "issues", clean / "issues")
    run_once([str(DIGEST), "build", "--all"], clean)
    ours, theirs = tree(project / "dist"), tree(clean / "dist")
    differing = sorted(name for name in ours.keys() | theirs.keys() if ours.get(name) != theirs.get(name))
    if not differing:
        return True, f"yes, {len(ours)} files"
    examples = ", ".join(differing[:3])
    return False, f"no: {len(differing)} of {len(ours | theirs)} files differ, e.g. {examples}"


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


def profile(plan: Plan, project: Path, top: int = 15) -> None:
    """Where a clean build spends its time, then where a rebuild after a one-review change does."""
    reviews = plan.big_issues * plan.reviews
    print(f"\n== profile: `digest build --all` on {reviews} reviews under cProfile", flush=True)
    clean_build(project)()
    profile_build(project, "clean build", OUT / "build-clean.prof", top)
    append_note(newest_review(project, plan), "profiled")
    profile_build(project, "rebuild after changing one review", OUT / "build-incremental.prof", top)


def profile_build(project: Path, label: str, stats_file: Path, top: int) -> None:
    command = [str(PYTHON), "-m", "cProfile", "-o", str(stats_file), "-m", "digest", "build", "--all"]
    run_once(command, project)
    entries = profile_entries(stats_file)
    print(f"  {label}: top {top} by cumulative time, launcher and click frames left out ({stats_file})")
    print_entries(sorted(entries, key=lambda e: -e.cumulative)[:top])
    print(f"  {label}: top {top} by own time")
    print_entries(sorted(entries, key=lambda e: -e.own)[:top])


@dataclass(frozen=True)
class ProfileEntry:
    where: str
    calls: int
    own: float
    cumulative: float


LAUNCHER_FRAMES = re.compile(r"runpy|/click/|<string>|__main__|builtins\.exec|digest/cli\.py")


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a small, fast smoke run (20x10, 2 repeats)")
    parser.add_argument(
        "--profile", action="store_true", help="also profile a clean build and a one-review rebuild"
    )
    parser.add_argument("--only", choices=SECTIONS, action="append", help="run only these sections")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    sections = set(args.only or SECTIONS)
    if "incremental" in sections or args.profile:
        sections.add("archive")  # the incremental figure is a share of the full build's
    if not DIGEST.is_file():
        print(f"no digest command at {DIGEST}: run `make install` first", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    report = Report()
    print(f"machine: {machine()}", flush=True)
    byte_compile_digest()
    try:
        return run_sections(plan, sections, report, args.profile)
    except BenchError as error:
        print(f"\nbenchmark stopped: {error}", file=sys.stderr)
        return 1
    finally:
        print("\n== summary\n\n" + f"Machine: {machine()}\n\n" + report.markdown())


def run_sections(plan: Plan, sections: set[str], report: Report, with_profile: bool) -> int:
    pelican = None
    if sections & {"demo", "archive"}:
        pelican, about = ensure_pelican(OUT)
        print(f"yardstick: {about}" if pelican else f"Pelican comparison skipped: {about}", flush=True)
    ok = True
    if "startup" in sections:
        startup(plan, report)
    if "demo" in sections:
        demo(plan, report, pelican)
    if "archive" in sections:
        project, full = archive_scale(plan, report, pelican)
        if "incremental" in sections:
            ok = incremental(plan, report, project, full) and ok
        if with_profile:
            profile(plan, project)
    if "links" in sections:
        ok = links(report) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
