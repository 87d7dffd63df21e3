"""Other self-contained items on an article's page: HTML's `<article>` elements besides the one
that holds the headline.

HTML defines `<article>` as a self-contained composition: a post, a story, a comment, a card.
When the page's headline sits inside one, every other `<article>` outside it (the teasers of
other stories, a list of recent comments, "don't miss" cards) is another item, with its own
text and dates: it leaves the page before the extractor judges what the article is. Items
nested inside the headline's `<article>` stay (a page may wrap its body or its figures in one),
and a page whose headline is in no `<article>`, or in several, is left as it is.
"""

from __future__ import annotations

from typing import Any

from digest.sources.importer.pageblocks import heading_text


def headline_article(document: Any) -> Any | None:
    """The one `<article>` holding the page's headlines (`<h1>`s of two words or more)."""
    owners = set()
    for heading in document.xpath("//h1"):
        text = heading_text(heading)
        if (
            text
            and len(text.split()) >= 2
            and (nearest := next(heading.iterancestors("article"), None)) is not None
        ):
            owners.add(nearest)
    return owners.pop() if len(owners) == 1 else None


def drop_other_articles(document: Any) -> int:
    """Drop the `<article>`s outside the headline's own; how many went."""
    own = headline_article(document)
    if own is None:
        return 0
    around = set(own.iterancestors())
    others = [
        element
        for element in document.xpath("//article")
        if element is not own and element not in around and own not in set(element.iterancestors())
    ]
    dropped = set(others)
    outermost = [element for element in others if not any(a in dropped for a in element.iterancestors())]
    for element in outermost:
        element.drop_tree()
    return len(outermost)
