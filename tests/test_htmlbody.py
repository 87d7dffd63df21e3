"""A saved page's article text (digest.sources.importer.htmlbody)."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import PROSE, ends_in_time, page


# --- saved pages: time -------------------------------------------------------------------------
def test_a_page_of_thousands_of_picture_cards_is_read_in_time(tmp_path: Path) -> None:
    card = "<div class=card><a href='/other'><img src=p.png></a> a caption</div>"
    # about 0.8 MB: trafilatura's fallback extractors alone took 33 s at 8,000 cards
    text = page(PROSE + card * 12_000)
    ends_in_time(tmp_path, "cards.html", text, "digest.sources.importer.read_article", limit=30)
