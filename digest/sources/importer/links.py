"""Relative links in an imported article: resolved against its address, or named for the editor.

A link such as `/docs/faq.md#install` works on the site it came from, not in a review:
`digest check` would later fail on the published page. When the article's address is
known (the page's canonical URL, or `source_url:`), such links are made absolute in the
Markdown. When it is not, the import names each one with its line in the review file and
says what to do.
"""

from __future__ import annotations

import html
import os
import re
import stat
from pathlib import PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from digest.errors import quoted
from digest.sources.assets import BINARY_SUFFIXES
from digest.sources.importer.draft import ReviewDraft
from digest.sources.importer.writer import review_document

HREF = re.compile(r'<(?:a|img)\s[^>]*?(?:href|src)="([^"]*)"')
ABSOLUTE_OR_ANCHOR = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|#|//)")
MAX_NAMED = 5


def relative_links(markdown: str) -> list[str]:
    """The relative link and image addresses of a Markdown text, as its parser reads them."""
    from cmarkgfm.cmark import Options

    from digest.render.cmark import to_html

    gfm = ("table", "autolink", "tagfilter", "strikethrough", "tasklist")
    rendered = to_html(markdown, Options.CMARK_OPT_GITHUB_PRE_LANG, gfm)
    found = [html.unescape(match.group(1)) for match in HREF.finditer(rendered)]
    return list(
        dict.fromkeys(url for url in found if url.strip() and not ABSOLUTE_OR_ANCHOR.match(url.strip()))
    )


def keep_files_beside(draft: ReviewDraft) -> None:
    """Note the pictures and files a review written on this machine uses from its own folder
    (`![chart](chart.png)`, its `image:`): they are the review's, to copy with it, and their
    addresses stay as written (made absolute against `source_url`, they would name a file
    that site never had)."""
    for url in (*relative_links(draft.body), *([draft.image] if draft.image else [])):
        name = file_beside(draft, url)
        if name is not None:
            draft.files[url] = name


def file_beside(draft: ReviewDraft, url: str) -> str | None:
    """The name of the image or file `url` names in the draft's folder, if one is there."""
    parts = urlsplit(url.strip())
    if parts.scheme or parts.netloc or parts.query:
        return None
    name = unquote(parts.path)
    if not name or "/" in name or "\\" in name or PurePosixPath(name).suffix.lower() not in BINARY_SUFFIXES:
        return None
    try:
        info = os.lstat(draft.source.parent / name)
    except (OSError, ValueError):  # ValueError: a NUL byte in the name
        return None
    return name if stat.S_ISREG(info.st_mode) else None


def settle_relative_links(draft: ReviewDraft) -> None:
    """Make the draft's relative links absolute against its source address, or add a check
    naming each one's line in the review file (the files it brings along stay as written)."""
    links = [url for url in relative_links(draft.body) if url not in draft.files]
    if not links:
        return
    if draft.source_url:
        for url in links:
            draft.body = _with_destination(draft.body, url, urljoin(draft.source_url, url))
        return
    lines = review_document(draft).split("\n")
    for url in links[:MAX_NAMED]:
        number = next((i + 1 for i, line in enumerate(lines) if url in line), None)
        where = f"line {number}: " if number else ""
        draft.checks.append(
            f"{where}relative link {quoted(url)} cannot be made absolute, as the source names no address of "
            "its own: add 'source_url:' with the article's address and import again, or write it in full"
        )
    if len(links) > MAX_NAMED:
        draft.checks.append(f"and {len(links) - MAX_NAMED} more relative link(s) like these")


def _with_destination(markdown: str, old: str, new: str) -> str:
    """The Markdown with `old` replaced as a link destination: `](old`, `](<old>` and a
    reference definition `[label]: old`; the same text elsewhere is left alone."""
    escaped = re.escape(old)
    markdown = re.sub(rf"\]\(\s*<{escaped}>", lambda _: f"](<{new}>", markdown)
    markdown = re.sub(rf"\]\(\s*{escaped}(?=[\s)])", lambda _: f"]({new}", markdown)
    return re.sub(
        rf"^(\s{{0,3}}\[[^\]]+\]:\s*<?){escaped}(?=>?(\s|$))",
        lambda m: m.group(1) + new,
        markdown,
        flags=re.M,
    )
