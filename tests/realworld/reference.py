"""Write the reference text of a saved page whose test suite has none: the text of the
elements an XPath chosen by hand selects (the article body, read off the page by a
person), one line per block. The XPath is noted in MANIFEST.json, so the reference can
be made again:

    .venv/bin/python -m tests.realworld.reference PAGE.html "XPATH" [ENCODING] > PAGE.expected.txt

ENCODING is for a page that declares no charset (its server said it): lxml would read the
bytes as Latin-1, so name the encoding the page is really in.

An XPath may select text nodes as well as elements (``div/text()``: a body written as runs of
text between ``<br>``s), each a line of its own. For a page whose article is not in its markup
at all (a script renders it), ``jsonld:articleBody`` takes the ``articleBody`` the page
declares in its JSON-LD instead, as one line.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "li", "main", "ol", "p", "pre", "section", "table", "tr",
        "ul", "br",
    }
)  # fmt: skip
BREAK = "\x00"  # between blocks; the text's own line breaks are only spaces
JSONLD_BODY = "jsonld:articleBody"
SKIPPED = frozenset({"script", "style", "noscript", "template"})


def reference_text(html: bytes, xpath: str, encoding: str | None = None) -> str:
    """The selected elements' text: a line per block, whitespace within a line collapsed."""
    import lxml.html

    document = lxml.html.document_fromstring(html.decode(encoding) if encoding else html)
    if xpath == JSONLD_BODY:
        return " ".join(_declared_article_body(document).split()) + "\n"
    pieces: list[str] = []
    for element in document.xpath(xpath):
        if isinstance(element, str):
            pieces.extend((BREAK, element, BREAK))
            continue
        _collect(element, pieces)
        pieces.append(BREAK)
    lines = (" ".join(line.split()) for line in "".join(pieces).split(BREAK))
    return "\n".join(line for line in lines if line) + "\n"


def _declared_article_body(document: Any) -> str:
    import json

    for script in document.xpath('//script[@type="application/ld+json"]'):
        data = json.loads(script.text or "null")
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and isinstance(item.get("articleBody"), str):
                return str(item["articleBody"])
    raise SystemExit("no JSON-LD articleBody on the page")


def _collect(element: Any, pieces: list[str]) -> None:
    if not isinstance(element.tag, str) or element.tag in SKIPPED:
        return
    block = element.tag in BLOCKS
    if block:
        pieces.append(BREAK)
    pieces.append(element.text or "")
    for child in element:
        _collect(child, pieces)
        pieces.append(child.tail or "")
    if block:
        pieces.append(BREAK)


def main() -> int:
    page, xpath = Path(sys.argv[1]), sys.argv[2]
    encoding = sys.argv[3] if len(sys.argv) > 3 else None
    sys.stdout.write(reference_text(page.read_bytes(), xpath, encoding))
    return 0


if __name__ == "__main__":
    sys.exit(main())
