"""The review file `digest import` writes: normalised YAML front matter over a Markdown body.

Every value is normalised the way the readers normalise it and written as a YAML
double-quoted scalar, so colons, quotes, `#`, a leading `@`, `*`, `&`, `!`, `%`, `|` or `>`,
and words YAML would read as something else (`yes`, `null`, `1.0`) all read back as
the same text. The round trip is a test, not a runtime check: the writer never refuses.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import datetime, time, timedelta

from digest.sources.importer.draft import ReviewDraft
from digest.sources.values import one_line, string_list


def review_document(draft: ReviewDraft) -> str:
    """The review file: normalised YAML front matter, then the Markdown body."""
    lines = [
        "---",
        f"title: {quoted(draft.title)}",
        _optional("author", draft.author, "not found in the source: add the author's name"),
        _optional(
            "date", date_text(draft.date) if draft.date else None, "not found: the issue's date is used"
        ),
        _optional("source_url", draft.source_url, "not found: add the article's address"),
        f"tags: {quoted_list(draft.tags)}",
    ]
    if string_list(list(draft.categories)):
        lines.append(f"categories: {quoted_list(draft.categories)}")
    lines.append(
        _optional("description", draft.description, "optional: a sentence for the email (else its opening)")
    )
    if one_line(draft.image):
        lines.append(f"image: {quoted(draft.image or '')}")
        if one_line(draft.image_alt):
            lines.append(f"image_alt: {quoted(draft.image_alt or '')}")
    if draft.featured:
        lines.append("featured: true")
    if draft.draft:
        lines.append("draft: true")
    if one_line(draft.slug):
        lines.append(f"slug: {quoted(draft.slug or '')}")
    lines.append("---")
    return "\n".join(lines) + "\n" + draft.body.strip("\n") + "\n"


def _optional(key: str, value: str | None, advice: str) -> str:
    return f"{key}: {quoted(value)}" if one_line(value) else f"{key}:  # {advice}"


def quoted(value: str | None) -> str:
    """A YAML double-quoted scalar of the value as the readers normalise it.

    JSON strings are YAML double-quoted scalars; normalising first removes what YAML would
    read differently (its own line breaks U+0085, U+2028 and U+2029, control characters).
    """
    return json.dumps(one_line(value) or "", ensure_ascii=False)


def quoted_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(quoted(v) for v in string_list(list(values))) + "]"


def date_text(value: datetime) -> str:
    """A date alone when it is midnight UTC (how a bare date is read), else full ISO 8601."""
    if value.utcoffset() == timedelta(0) and value.time() == time():
        return value.date().isoformat()
    return value.isoformat()


def _ends_in_break(line: str) -> bool:
    """A hard line break (`text\\`), not an escaped backslash (`C:\\\\`)."""
    return (len(line) - len(line.rstrip("\\"))) % 2 == 1


def clean_markdown(body: str) -> str:
    """No trailing spaces, at most one blank line in a row outside code, one final newline; a
    run of line breaks with nothing between them (`<br><br><br>` spacing a page) is one
    paragraph break."""
    lines: list[str] = []
    fence: str | None = None
    for line in body.split("\n"):
        marker = re.match(r"^\s*(`{3,}|~{3,})", line)
        if marker and (fence is None or marker.group(1).startswith(fence)):
            fence = None if fence else marker.group(1)
        if fence is None and line.strip() == "\\":
            line = ""  # a line break with nothing on its line
        if fence is None and not line.strip() and lines and _ends_in_break(lines[-1]):
            lines[-1] = lines[-1][:-1].rstrip()  # a break ending a paragraph would show as '\'
        if fence is None and not line.strip() and lines and not lines[-1].strip():
            continue
        lines.append(line if fence else line.rstrip())
    return "\n".join(lines).strip("\n") + "\n"
