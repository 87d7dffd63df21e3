"""The links that unsubscribe the reader, taken out of a mail's article
(digest.sources.importer.unsubscribe)."""

from __future__ import annotations

from pathlib import Path

from digest.sources.importer.command import read_article
from digest.sources.importer.unsubscribe import without_links
from tests.helpers import LETTER_HTML, finishes_in_time, letter, plain_mail, saved


def test_the_list_unsubscribe_links_are_taken_out_of_the_article(tmp_path: Path) -> None:
    """RFC 2369's List-Unsubscribe names the links that unsubscribe the reader the mail went to
    (RFC 8058: in one click): published in the review, anyone could unsubscribe the editor."""
    personal = "https://letters.example/u/8f3a?list=sorting&amp;who=editor"
    message = letter(
        **{
            "List-Unsubscribe": "<mailto:leave@letters.example>, <https://letters.example/u/8f3a?list=sorting&who=editor>"
        }
    )
    html = LETTER_HTML.replace(
        "</td></tr></table>",
        f'<p>No longer interested? <a href="{personal}">Unsubscribe</a>.</p></td></tr></table>',
    )
    message.get_body(("html",)).set_content(html, subtype="html")  # type: ignore[union-attr]
    draft = read_article(saved(tmp_path, bytes(message)))
    assert "letters.example/u/8f3a" not in draft.body
    assert "[The paper](https://example.org/paper)" in draft.body
    assert any("unsubscribe" in check for check in draft.checks)
    text = plain_mail("Caches make things fast.\n\nUnsubscribe: https://letters.example/u/8f3a\n")
    text = text.replace(b"Subject:", b"List-Unsubscribe: <https://letters.example/u/8f3a>\nSubject:")
    assert "letters.example/u/8f3a" not in read_article(saved(tmp_path, text)).body


def test_an_unsubscribe_address_is_never_cut_out_of_a_longer_one() -> None:
    body = "See https://x.example/u/12 and [Leave](https://x.example/u/1)."
    assert without_links(body, ("https://x.example/u/1",)) == ("See https://x.example/u/12 and .", 1)


def test_an_unsubscribe_page_that_carries_the_list_unsubscribe_address_reader_and_list_is_left_out() -> None:
    """A mail service's RFC 8058 address takes a POST (often the page's path and one more segment);
    the footer's link is the page, with the same reader, list and campaign and a parameter more."""
    header = "https://news.us9.lists.example/unsubscribe/post?u=ab12&id=list7&e=reader3&c=camp5"
    page = "https://news.us9.lists.example/unsubscribe?u=ab12&id=list7&t=b&e=reader3&c=camp5"
    body = f"[Unsubscribe]({page}) or write to us.\n\nOr paste {page}."
    assert without_links(body, (header,)) == (" or write to us.\n\nOr paste .", 2)
    # the header's address the page itself, the footer's link with a parameter of its own (t=b)
    same_page = header.replace("/unsubscribe/post?", "/unsubscribe?")
    assert without_links(body, (same_page,)) == (" or write to us.\n\nOr paste .", 2)


def test_a_tracked_article_link_through_the_unsubscribe_host_is_never_left_out() -> None:
    """Click tracking sends every article link through the host the unsubscribe address is on,
    with the same reader: its path, or its link's own id, is another."""
    header = "https://news.us9.lists.example/unsubscribe/post?u=ab12&id=list7&e=reader3&c=camp5"
    body = (
        "[The paper](https://news.us9.lists.example/track/click?u=ab12&id=link88&e=reader3) and "
        "[your settings](https://news.us9.lists.example/profile?u=ab12&id=list7&e=reader3&c=camp5) and "
        "[the list](https://news.us9.lists.example/unsubscribe?u=ab12&id=list8&e=reader3&c=camp5)"
    )
    assert without_links(body, (header,)) == (body, 0)
    redirect = "https://email.mg.letters.example/c/eyJ1IjoiYWJjIn0"
    article = "[Read on](https://email.mg.letters.example/c/eyJ1IjoiZGVmIn0)"
    assert without_links(article, (redirect,)) == (article, 0)


def test_an_unsubscribe_address_whose_token_is_its_path_is_left_out_with_tracking_added() -> None:
    header = "https://letters.example/unsubscribe/7c0e9d2a"
    body = "[Leave](HTTPS://Letters.Example/unsubscribe/7c0e9d2a?utm_source=mail) [Home](https://letters.example/)"
    assert without_links(body, (header,)) == (" [Home](https://letters.example/)", 1)
    assert without_links("[All lists](https://letters.example/unsubscribe)", (header,))[1] == 0


def test_an_unsubscribe_address_no_url_parser_reads_is_matched_as_written_only() -> None:
    """A port past 65535 or an unclosed IPv6 host: no URL, so no page of it, only itself."""
    for address in ("https://x.example:99999/u?e=1", "http://[::1/u?e=1"):
        body = f"[Leave]({address}) [Other](https://x.example/u?e=1&t=b)"
        assert without_links(body, (address,)) == (" [Other](https://x.example/u?e=1&t=b)", 1)


def test_unsubscribe_links_are_looked_for_in_time_in_a_line_of_unclosed_links() -> None:
    code = (
        "from digest.sources.importer.unsubscribe import without_links; "
        "header = ('https://l.example/u?e=1',); "
        "lines = ('[a](https://l.example/u?e=1' * 50_000, '[' * 1_000_000, "
        "'<https://l.example/u' * 200_000, '[a](x \"' * 300_000); "
        "assert [without_links(line, header)[1] for line in lines] == [50_000, 0, 0, 0]"
    )
    finishes_in_time("a line of a million unclosed links", code)


def _token(payload: str, signed: bool = True) -> str:
    import base64

    encoded = base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")
    return f"{encoded}.c2lnbmF0dXJl" if signed else encoded


def test_a_tracked_link_carrying_the_unsubscribe_address_in_a_token_is_left_out() -> None:
    """A mail service's click tracking may carry where a link leads in the link itself, as a
    base64url JSON token (signed after a '.', as JWS does, RFC 7515) in its path or query:
    Substack's `/redirect/2/<token>`. The address it carries is the link's, for this rule."""
    header = "https://letters.example/action/disable_email?token=reader3"
    unsubscribe = "https://tracker.example/redirect/2/" + _token(f'{{"e":"{header}","p":42}}')
    article = "https://tracker.example/redirect/2/" + _token(
        '{"e":"https://letters.example/p/sorting","p":42}'
    )
    body = f"[The post]({article})\n\n[Unsubscribe]({unsubscribe})\n\nUnsubscribe {unsubscribe}\n"
    assert without_links(body, (header,)) == (f"[The post]({article})\n\n\n\nUnsubscribe \n", 2)


def test_a_redirect_naming_the_unsubscribe_address_in_its_query_is_left_out() -> None:
    header = "https://letters.example/u/8f3a"
    body = "[Leave](https://click.example/c?url=https%3A%2F%2Fletters.example%2Fu%2F8f3a&id=9) and [Read](https://click.example/c?url=https%3A%2F%2Fletters.example%2Fp%2F1)"
    assert without_links(body, (header,)) == (
        " and [Read](https://click.example/c?url=https%3A%2F%2Fletters.example%2Fp%2F1)",
        1,
    )


def test_tokens_that_are_not_json_or_too_long_are_read_as_they_are() -> None:
    header = "https://letters.example/u/8f3a"
    for link in (
        "https://tracker.example/r/" + _token("not json at all"),
        "https://tracker.example/r/" + _token(f'{{"e":"{header}"}}' + " " * 5000),
        "https://tracker.example/r/eyJ%%%",
    ):
        assert without_links(f"[Leave]({link})", (header,)) == (f"[Leave]({link})", 0)


def test_a_body_of_many_tracked_links_with_tokens_is_read_in_time() -> None:
    """Each link's tokens are decoded once, each of a few kilobytes at most."""
    code = (
        "import base64; from digest.sources.importer.unsubscribe import without_links; "
        "token = base64.urlsafe_b64encode(('{' + ','.join(f'\"{n}\":\"https://x.example/{n}\"' for n in range(60)) + '}').encode()).decode().rstrip('='); "
        "body = f'[a](https://t.example/r/{token}?b={token}&c={token}) ' * 1_000; "
        "assert without_links(body, ('https://u.example/u/1',))[1] == 0"
    )
    finishes_in_time("1,000 links of three tokens of 60 addresses", code)
