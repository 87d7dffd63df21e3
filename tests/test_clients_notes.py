"""The client report reads caniemail's notes as the rules they are, and judges what a
style block's rules hide as it judges style attributes (digest.checks.clients)."""

from __future__ import annotations

from digest.checks.clients import MAJOR_CLIENTS, VIEW_CLIENTS, Client, ClientReport, ReportItem, client_report

GMAIL = VIEW_CLIENTS["gmail"]
YAHOO = VIEW_CLIENTS["yahoo"]
OUTLOOK_COM = VIEW_CLIENTS["outlook-com"]
OUTLOOK_WINDOWS = next(client for client in MAJOR_CLIENTS if client.outlook_windows)
BY_NAME = {client.short: client for client in MAJOR_CLIENTS}


def email(style: str, body: str) -> bytes:
    return f"<!DOCTYPE html><html><head><style>{style}</style></head><body>{body}</body></html>".encode()


def item(report: ClientReport, client: Client, feature: str) -> ReportItem | None:
    support = next(each for each in report.clients if each.client == client)
    return next((each for each in support.items if each.feature == feature), None)


def errors(report: ClientReport) -> list[str]:
    return [finding.message for finding in report.findings if finding.severity == "error"]


# --- what a style block hides --------------------------------------------------------------


def test_text_a_style_block_rule_hides_shows_where_the_client_drops_the_rule() -> None:
    report = client_report(
        email(".teaser { max-height:0; overflow:hidden }", '<div class="teaser">Inbox only</div><p>Hi</p>')
    )
    found = item(report, OUTLOOK_WINDOWS, "css-max-height")
    assert found is not None and found.effect == "content"
    assert found.why == 'hidden text "Inbox only" shows'
    assert any("Outlook Windows" in message for message in errors(report))


def test_a_rule_the_element_is_hidden_by_anyway_costs_nothing() -> None:
    # display:none stays where max-height and overflow go: the text stays hidden.
    report = client_report(
        email(
            ".teaser { display:none; max-height:0; overflow:hidden }",
            '<div class="teaser">Inbox only</div><p>Hi</p>',
        )
    )
    assert errors(report) == []


def test_text_a_rule_reveals_disappears_where_the_client_drops_the_rule() -> None:
    # The rule overrides the element's own display:none (an !important rule beats it).
    report = client_report(
        email(
            ".show { display:block !important }",
            '<div class="show" style="display:none">Shown by the rule</div><p>Hi</p>',
        )
    )
    found = item(report, OUTLOOK_WINDOWS, "css-display")
    assert found is not None and found.effect == "content"
    assert found.why == 'text "Shown by the rule" disappears'


def test_a_hover_rule_hides_nothing_until_the_reader_points() -> None:
    report = client_report(
        email("a:hover span { display:none }", '<a href="https://x.test/"><span>Go</span></a>')
    )
    assert errors(report) == []
