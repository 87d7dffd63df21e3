"""Elements a saved page's own stylesheet hides (digest.sources.importer.hidden) are not the article."""

from __future__ import annotations

from pathlib import Path

from digest.sources.importer import read_article
from tests.test_import_rules import PROSE, page, save


def test_what_the_stylesheet_hides_is_not_the_article(tmp_path: Path) -> None:
    notice = (
        "<p>This page is not meant to be printed, and printing it wastes the paper of the reader.</p>" * 4
    )
    html = page(
        "<meta property='og:title' content='Reading a tide table'>"
        "<style>#print { display: none } .later { display:none !important } "
        "@media print { #print { display: block } }</style>",
        f"<article>{PROSE}<img class='later' src='https://example.org/chart.png' alt='A tide chart'></article>"
        f"<div id='print'>{notice}</div>",
    )
    body = read_article(save(tmp_path, html)).body
    assert "printed" not in body
    assert "chart datum" in body and "A tide chart" in body  # a picture hidden until loaded stays


def test_rules_inside_media_queries_hide_nothing(tmp_path: Path) -> None:
    html = page(
        "<meta property='og:title' content='Reading a tide table'>"
        "<style>@media (max-width: 600px) { .wide { display: none } } .note { color: grey }</style>",
        f"<article><div class='wide'>{PROSE}</div></article>",
    )
    assert "chart datum" in read_article(save(tmp_path, html)).body
