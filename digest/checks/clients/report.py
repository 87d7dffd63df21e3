"""The client-support report: per major client, each feature it drops or supports in part with
what that costs and where the email writes it, the findings that make, and the report as
text.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from digest.checks.caniemail import Support, load
from digest.checks.clients.analysis import Analysis
from digest.checks.clients.cascade import Readings
from digest.checks.clients.costs import EFFECT_ORDER, Effect, anchor_effect
from digest.checks.clients.effects import Effects, reads_scheme
from digest.checks.clients.features import Use
from digest.checks.clients.frames import first_frame_effect
from digest.checks.clients.locator import BY_MJML, Locator, Place
from digest.checks.clients.mailclients import COUNTED_CLIENTS, MAJOR_CLIENTS, Client
from digest.checks.clients.ruleeffects import adds_dark_attributes
from digest.checks.clients.view import View
from digest.checks.email_rules import EmailCheckSettings
from digest.checks.mediaquery import Screen
from digest.checks.origins import EmailSources
from digest.errors import Finding, Severity


@dataclass(frozen=True)
class ReportItem:
    feature: str  # caniemail slug
    title: str
    status: str  # "n" (not supported) or "a" (partial)
    notes: tuple[str, ...]
    effect: Effect
    why: str
    places: tuple[Place, ...]
    uses: int

    @property
    def severity(self) -> Severity | None:
        if self.effect == "content":
            return "error"
        return "warning" if self.effect == "decoration" else None


@dataclass(frozen=True)
class ClientSupport:
    client: Client
    name: str
    items: tuple[ReportItem, ...]

    @property
    def unsupported(self) -> int:
        """The count caniemail gives: features used that the client does not support."""
        return sum(1 for item in self.items if item.status == "n")

    @property
    def partial(self) -> int:
        return sum(1 for item in self.items if item.status == "a")


@dataclass(frozen=True)
class ClientReport:
    source: str
    clients: tuple[ClientSupport, ...]
    findings: tuple[Finding, ...]
    skipped: str = ""  # why no client was looked at

    def counts(self) -> dict[str, int]:
        """Unsupported features per counted client, by its short name."""
        by_client = {each.client: each for each in self.clients}
        return {
            client.short: by_client[client].unsupported for client in COUNTED_CLIENTS if client in by_client
        }


def client_report(
    html: bytes | str,
    sources: EmailSources | None = None,
    clients: Sequence[Client] = MAJOR_CLIENTS,
    gifs: Mapping[str, bool] | None = None,
) -> ClientReport:
    """Every client's unsupported and partly supported features, and the findings they make.
    `gifs`: the email's GIFs the build decoded, by URL: whether each is animated."""
    raw = html.encode("utf-8") if isinstance(html, str) else html
    data = load()
    analysis = Analysis(raw, data)
    locate = Locator(sources)
    before = Readings(analysis)
    # Clients that drop the same uses see the same email (Gmail's three, Outlook.com and
    # Apple Mail on iOS...): what the drops cost is worked out once for them.
    shared: dict[_ViewKey, Effects] = {}
    supports = tuple(
        _client_support(analysis, before, client, locate, shared, gifs or {}) for client in clients
    )
    return ClientReport(data.label, supports, tuple(_findings(supports)))


# Which uses a client drops, which of them take their style attribute or block along, and
# the client's engine and screen.
_ViewKey = tuple[tuple[int, ...], tuple[tuple[int, str], ...], bool, Screen, bool, bool]


# Gmail clips a bigger email and drops its styles: the size check fails it, and there is
# nothing to learn from the clients about it.
MAX_BYTES = EmailCheckSettings().max_bytes_error


def client_report_for(
    html: bytes, sources: EmailSources | None, gifs: Mapping[str, bool] | None = None
) -> ClientReport:
    """client_report for the major clients, unless the email is too big to be shown whole."""
    if len(html) >= MAX_BYTES:
        why = f"not run: the email is {len(html):,} bytes and Gmail clips it at {MAX_BYTES:,}"
        return ClientReport(load().label, (), (), why)
    return client_report(html, sources, gifs=gifs)


def client_view(html: bytes | str, client: Client) -> bytes:
    """The email as `client` shows it: the same HTML without what the client drops."""
    raw = html.encode("utf-8") if isinstance(html, str) else html
    return View(Analysis(raw, load()), client).apply().serialize()


def format_report(report: ClientReport, root: Path | None = None, detailed: bool = False) -> str:
    """The report as text: per client, each feature it drops or half supports and where the
    email uses it (paths relative to `root` where inside it); `detailed` adds what each
    costs the reader and every place, where the short form names the features in part."""
    lines = [f"Email client support ({report.source}): what each client drops"]
    if report.skipped:
        return f"{lines[0]}: {report.skipped}"
    for support in report.clients:
        lines.append(f"{support.name}: {support.unsupported} not supported, {support.partial} in part")
        if not detailed:
            lines.extend(_short_lines(support, root))
            continue
        for item in support.items:
            status = "not supported" if item.status == "n" else "in part"
            places = "; ".join(place.text(root) for place in item.places)
            more = f" (+{item.uses - len(item.places)} more)" if item.uses > len(item.places) else ""
            lines.append(f"  {status}: {item.title}: {item.why} [{places}{more}]")
    return "\n".join(lines)


def _short_lines(support: ClientSupport, root: Path | None) -> list[str]:
    dropped = [item for item in support.items if item.status == "n"]
    partial = [item.title for item in support.items if item.status != "n"]
    lines = []
    if dropped:
        named = (
            f"{item.title} [{item.places[0].text(root)}]" if item.places else item.title for item in dropped
        )
        lines.append("  not supported: " + "; ".join(named))
    if partial:
        lines.append("  in part: " + ", ".join(partial))
    return lines


# --- which features the email uses -------------------------------------------------------


# --- what a client drops ------------------------------------------------------------------


# --- what each drop costs the reader ------------------------------------------------------


def _client_support(
    analysis: Analysis,
    before: Readings,
    client: Client,
    locate: Locator,
    shared: dict[_ViewKey, Effects],
    gifs: Mapping[str, bool],
) -> ClientSupport:
    view = View(analysis, client)
    key = (
        tuple(id(use) for use in view.dropped),
        tuple(view.stripped.items())
        + tuple(view.renamed.items())
        + tuple((each, "inert") for each in view.inert)
        + tuple((each, " ".join(sorted(named))) for each, named in view.noted.items())
        + tuple((each, "partly") for each in view.partly),
        client.outlook_windows,
        client.screen,
        # What a dropped color-scheme or data-ogsc rule costs depends on these.
        reads_scheme(analysis.data, client),
        adds_dark_attributes(client),
    )
    if key not in shared:
        shared[key] = Effects(analysis, before, view.apply(), client)
    effects = shared[key]
    grouped: dict[tuple[str, str], list[tuple[Use, Support]]] = {}
    for use, support in view.unsupported:
        grouped.setdefault((use.feature, support.status), []).append((use, support))
    items = []
    for (feature, status), uses in grouped.items():
        dropped = [use for use, _ in uses if effects.is_dropped(use)]
        partly = (
            [use for use, _ in uses if id(use) in view.partly and not effects.is_dropped(use)]
            if view.partly
            else []
        )
        if not dropped and partly:
            judged = [(*effects.partly_effect(use, view.partly[id(use)]), use) for use in partly]
            effect, why, culprit = min(judged, key=lambda each: EFFECT_ORDER.index(each[0]))
            if effect == "partial":
                effect, why, culprit = "partial", "kept; " + _notes_summary(uses), uses[0][0]
        elif dropped and feature == "html-anchor-links":
            # Clients that share a view differ here: some follow <a name> anchors only, some none.
            judged = [(*anchor_effect(use, followed=status != "n"), use) for use in dropped]
            effect, why, culprit = min(judged, key=lambda each: EFFECT_ORDER.index(each[0]))
        elif dropped:
            effect, why, culprit = effects.worst(dropped)
        else:
            effect, why, culprit = first_frame_effect(feature, uses, gifs) or (
                "partial",
                "kept; " + _notes_summary(uses),
                uses[0][0],
            )
        places = tuple(dict.fromkeys([locate.place(culprit), *(locate.place(use) for use, _ in uses)]))
        title = analysis.data.title(feature)
        notes = uses[0][1].notes
        items.append(ReportItem(feature, title, status, notes, effect, why, places[:3], len(places)))
    items.sort(key=lambda item: (item.status != "n", EFFECT_ORDER.index(item.effect), item.feature))
    return ClientSupport(client, analysis.data.client_name(client.family, client.platform), tuple(items))


def _notes_summary(uses: Sequence[tuple[Use, Support]]) -> str:
    notes = uses[0][1].notes
    return " ".join(notes) if notes else "caniemail gives no details"


# --- where each use was written -----------------------------------------------------------


# --- findings ------------------------------------------------------------------------------


def _findings(supports: Sequence[ClientSupport]) -> Iterator[Finding]:
    """One finding per place and effect: which major clients lose what, and where it is written."""
    grouped: dict[tuple[Place | None, str, str], list[tuple[ClientSupport, ReportItem]]] = {}
    for support in supports:
        if support.client not in MAJOR_CLIENTS:
            continue
        for item in support.items:
            # Decoration MJML's own markup loses is in the report, not a warning: the
            # template cannot write it another way.
            place = item.places[0] if item.places else None
            mjml = place is not None and place.note.endswith(BY_MJML)
            if item.severity == "error" or (item.severity == "warning" and not mjml):
                # Clients that lose the same thing for different reasons are told apart.
                grouped.setdefault((place, item.effect, item.why), []).append((support, item))
    ordered = sorted(grouped.items(), key=lambda entry: EFFECT_ORDER.index(entry[0][1]))
    for (place, _effect, _why), entries in ordered:
        item = entries[0][1]
        clients = ", ".join(dict.fromkeys(support.client.short for support, _ in entries))
        titles = ", ".join(dict.fromkeys(each.title for _, each in entries))
        what = place.label if place is not None else item.title
        severity = item.severity
        assert severity is not None
        advice = (
            "write it another way those clients support"
            if severity == "error"
            else "acceptable if the design still reads well there"
        )
        # caniemail's partial results: the why says what those clients drop of it.
        partly = all(each.status == "a" for _, each in entries)
        verdict = "is supported only in part" if partly else "is not supported"
        message = f"{what} ({titles}) {verdict} by {clients}: {item.why}; {advice}"
        location = place.location if place is not None else None
        yield Finding(
            severity,
            "client-support",
            message,
            location.path if location is not None else None,
            location.line if location is not None else None,
        )
