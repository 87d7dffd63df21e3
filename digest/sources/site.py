"""Every issue of the project, as one build needs them: the issue being built whole, every
published issue by its summary, and any other issue whole when a stage asks for it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from digest.cache import BuildCache
from digest.config import Config
from digest.errors import ContentError
from digest.model import Issue, IssueSummary
from digest.sources.issue import (
    ISSUE_FILE,
    LoadedIssue,
    LoadedSummary,
    case_twin_problem,
    issue_ids,
    load_issue,
    load_summaries,
)
from digest.sources.issue_file import IssueInProgress

KEEP_WHOLE = 4


@dataclass
class Site:
    config: Config
    cache: BuildCache | None
    target: LoadedIssue  # the issue whose email is built
    published: list[LoadedSummary]  # every published issue, the target included, by id
    notices: list[str] = field(default_factory=list)
    read_now: set[str] = field(default_factory=set)  # issues read from their files (not the cache)
    _whole: dict[str, Issue] = field(default_factory=dict)
    _keys: dict[str, str] = field(default_factory=dict)

    @property
    def summaries(self) -> list[IssueSummary]:
        return [each.summary for each in self.published]

    def key_of(self, issue_id: str) -> str:
        """The cache key of the issue's reading, which its summary is made from."""
        if not self._keys:
            self._keys.update((each.summary.id, each.key) for each in self.published)
        return self._keys[issue_id]

    def issue(self, issue_id: str) -> Issue:
        """The whole issue: from this build, the cache, or read again. The last few asked for
        are kept: a large archive's issues are never all held at once."""
        if issue_id == self.target.issue.id:
            return self.target.issue
        if issue_id not in self._whole:
            while len(self._whole) >= KEEP_WHOLE:
                del self._whole[next(iter(self._whole))]
            self._whole[issue_id] = self._read_whole(issue_id)
        return self._whole[issue_id]

    def _read_whole(self, issue_id: str) -> Issue:
        """The issue as it was when this build read its summary: what is rendered from it is
        stored under that reading's key, so a file edited since must not be read into it."""
        key = self.key_of(issue_id)
        cached = self.cache.get(key) if self.cache is not None else None
        if isinstance(cached, LoadedIssue):
            return cached.issue
        loaded = load_issue(self.config, issue_id, cache=self.cache)
        if loaded.key != key:
            raise ContentError(
                f"{issue_id} changed while it was being built: build again once the edit is saved",
                self.config.issues_path / issue_id,
            )
        return loaded.issue


def _refuse_case_twins(config: Config, found: list[str]) -> None:
    seen: dict[str, str] = {}
    for issue_id in found:
        twin = seen.setdefault(issue_id.casefold(), issue_id)
        if twin != issue_id:
            raise ContentError(
                f"{case_twin_problem(issue_id, twin)}: rename one of the folders",
                config.issues_path / issue_id,
            )


def _linked_issue_folders(config: Config) -> list[str]:
    """A notice for each link in the issues folder that holds an issue.md: digest never follows
    one (a build of it by name is refused), and every other build left it out without a word."""
    root = config.issues_path
    try:
        with os.scandir(root) as scan:
            links = sorted(entry.name for entry in scan if entry.is_symlink())
    except OSError:
        return []  # named by issue_ids
    return [
        f"{root / name} is a link, and digest never follows one: its issue is left out "
        "of the archive and feeds (move the folder itself into the issues folder)"
        for name in links
        if os.path.isfile(root / name / ISSUE_FILE)
    ]


def load_site(config: Config, issue_id: str | None, include_drafts: bool, cache: BuildCache | None) -> Site:
    """The issue `issue_id` whole (None: the newest published one) and every other
    published issue's summary. An issue in progress (`draft: true`, or nothing selected
    yet) is left out with a notice, unless it is the one asked for."""
    notices: list[str] = _linked_issue_folders(config)
    others: list[LoadedSummary] = []
    found = issue_ids(config)
    _refuse_case_twins(config, found)
    summaries, read_now = load_summaries(config, [each for each in found if each != issue_id], cache)
    for loaded in summaries:
        if isinstance(loaded, IssueInProgress):
            notices.append(f"{loaded.message} (left out of the archive and feeds)")
        else:
            others.append(loaded)
    if issue_id is None:
        if not others:
            advice = "create one with `digest new`"
            if found:
                verb, it = ("is", "it") if len(found) == 1 else ("are", "one")
                advice = (
                    f"{', '.join(found)} {verb} in progress (a draft, or no review selected yet): "
                    f"build {it} by name to see what it lacks"
                )
            raise ContentError(f"no published issues yet in {config.issues_path}: {advice}")
        issue_id = max(others, key=lambda each: (each.summary.date, each.summary.id)).summary.id
        others = [each for each in others if each.summary.id != issue_id]
    target = load_issue(config, issue_id, include_drafts=include_drafts, cache=cache)
    mine = LoadedSummary(target.issue.summary(), target.notices, target.key, target.files, target.passed_over)
    published = sorted([mine, *others], key=lambda each: each.summary.id)
    return Site(config, cache, target, published, [*target.notices, *notices], read_now)
