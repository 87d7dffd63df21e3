"""What a Markdown review holds that the editor did not mean: a paragraph whose first-line
indent, pasted from a word processor, came across as a tab, which Markdown shows as code (an
indent of a tab or four spaces after a blank line is an indented code block); and the marker
lines of an unresolved git merge conflict, committed with the file."""

from __future__ import annotations

import html
import re

CODE_BLOCK = re.compile(r"<pre><code>(.*?)</code></pre>", re.DOTALL)
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# A sentence, not code: a capital, words, and the full stop (or the like) a sentence ends with.
PROSE = re.compile(r"^[\"'“‘(]?[A-Z\u00c0-\u024f][^;{}=<>]*[.!?:…\"'”’)]$")
MIN_WORDS = 6


def tab_indented_prose(body: str, first_line: int, rendered_html: str) -> list[str]:
    """A note for each paragraph of one line, indented with a tab after a blank line, that
    reads as a sentence and that the rendering (`rendered_html`) shows as a code block of
    its own; `first_line` is the file's line the body starts on."""
    if "\t" not in body:
        return []
    code = {html.unescape(block).strip() for block in CODE_BLOCK.findall(rendered_html)}
    notes = []
    lines = body.split("\n")
    fence = ""
    for index, line in enumerate(lines):
        if opening := FENCE.match(line):
            marker = opening.group(1)
            fence = "" if fence and marker.startswith(fence) else fence or marker[:3]
            continue
        if fence or not line.startswith("\t"):
            continue
        before = lines[index - 1] if index else ""
        after = lines[index + 1] if index + 1 < len(lines) else ""
        text = line.strip()
        if before.strip() or after.strip() or len(text.split()) < MIN_WORDS or not PROSE.match(text):
            continue
        if text not in code:  # a tab that indents a list item's paragraph, not a code block
            continue
        notes.append(
            f"line {first_line + index}: this paragraph starts with a tab, so Markdown shows it as code: "
            "remove the tab (a word processor's indent), or fence code with ```"
        )
    return notes


def removed_links(removed: tuple[str, ...], body: str, first_line: int) -> list[str]:
    """A note for each thing the sanitiser removed (render/markdown.py's Rendered.removed): a
    link or image address no reader's app may run or reach (javascript:, vbscript:, data:,
    file:, as a page saved from a browser or a word processor leaves), or an element that
    shows something (an embedded video's <iframe>, a <form>), on the line of `body`
    it is written on where it can be found; `first_line` is the file's line the body starts on."""
    from digest.checks.urls import FORBIDDEN_ADVICE, scheme_of, shorten

    if not removed:
        return []
    body = _outside_code(body)
    notes = []
    lines = _Lines(body)
    for each in removed:
        if each.startswith("<"):
            found = re.search(re.escape(each[:-1]) + r"[\s/>]", body, re.IGNORECASE)
            index = found.start() if found else -1
            what = (
                f"the raw HTML element {each} was removed with what it shows, as no output may hold it "
                "(no mail app or feed reader shows embedded pages, media or forms): "
                "link to what it shows instead"
            )
        else:
            index, written = lines.find(each)
            advice = FORBIDDEN_ADVICE.get(scheme_of(each), "remove it")
            what = f"the link {shorten(written)!r} was removed, as no output may hold it: {advice}"
        where = f"line {first_line + lines.before(index)}: " if index >= 0 else ""
        notes.append(f"{where}{what}")
    return list(dict.fromkeys(notes))  # a reference used twice is one address, written once


# A code span's or a code block's place in cmark's XML: its first and last line and column
# (columns count UTF-8 bytes, both ends included).
CODE_NODE = re.compile(r'<(code|code_block) sourcepos="(\d+):(\d+)-(\d+):(\d+)"')


def _outside_code(body: str) -> str:
    """`body` with its code spans and code blocks, as the Markdown parser finds them, blanked
    (each character a space, line breaks kept, so every index and line stays): an address or
    a tag written there as an example is shown as text, and is not what was removed."""
    from cmarkgfm.cmark import Options

    from digest.render.cmark import to_xml

    lines = body.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)

    def index(line: int, column: int) -> int:  # cmark's 1-based line and byte column
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        before = column - 1 if text.isascii() else len(text.encode()[: column - 1].decode("utf-8", "ignore"))
        return starts[min(line, len(lines)) - 1] + min(max(before, 0), len(text))

    pieces, done = [], 0
    for node in CODE_NODE.finditer(to_xml(body, Options.CMARK_OPT_SOURCEPOS)):
        first, column, last, end = (int(group) for group in node.group(2, 3, 4, 5))
        if node.group(1) == "code_block":  # whole lines: a fence's, a list's or a quote's marks too
            start, stop = starts[first - 1], starts[min(last if end else last - 1, len(lines))] - 1
        else:
            start, stop = index(first, column), index(last, end + 1)
        if start < done or stop <= start:
            continue
        pieces += [body[done:start], re.sub(r"[^\n]", " ", body[start:stop])]
        done = stop
    return "".join(pieces) + body[done:] if pieces else body


class _Lines:
    """Where the addresses of a body are written, each found after the one before it (the
    same address twice is two places) and its line counted on from there: linear in the
    body for any number of addresses in the order they are written."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.after = 0  # where the next address is looked for first
        self.counted = (0, 0)  # (an index, the line breaks before it)
        self.missing: dict[str, int] = {}  # an address not written at or after this index
        self.first: dict[str, int] = {}  # where an address is first written (-1: nowhere)

    def find(self, address: str) -> tuple[int, str]:
        """Where `address` is written, and as what: cmark percent-encodes what a URL may not
        hold ('"' as %22), so it is looked for decoded too; -1 where it is not found."""
        from urllib.parse import unquote

        for written in dict.fromkeys((address, unquote(address))):
            index = -1
            if self.after < self.missing.get(written, len(self.body) + 1):
                index = self.body.find(written, self.after)
                if index < 0:
                    self.missing[written] = self.after
            if index < 0:  # out of order: a reference's definition, used twice
                index = self.first.setdefault(written, self.body.find(written))
            if index >= 0:
                self.after = index + len(written)
                return index, written
        return -1, address

    def before(self, index: int) -> int:
        """The line breaks before `index`."""
        start, count = self.counted if index >= self.counted[0] else (0, 0)
        count += self.body.count("\n", start, index)
        self.counted = (index, count)
        return count


# git's conflict markers (git-merge, "How conflicts are presented"): seven '<', '=' or '>' at a
# line's start; the first and last followed by a space and the side's name, or nothing.
CONFLICT_START = re.compile(r"^<{7}(?:[ \t].*)?$")
CONFLICT_MIDDLE = re.compile(r"^={7}[ \t]*$")
CONFLICT_END = re.compile(r"^>{7}(?:[ \t].*)?$")


def merge_conflicts(body: str, first_line: int) -> list[str]:
    """A note for each unresolved merge conflict outside fenced code (`<<<<<<<`, then `=======`,
    then `>>>>>>>` lines, in that order): which side is meant only the writer knows, so the text
    stays as written and the note says where; `first_line` is the file's line the body starts on."""
    if "<<<<<<<" not in body:
        return []
    notes = []
    stage, start, fence = 0, 0, ""
    for index, line in enumerate(body.split("\n")):
        if opening := FENCE.match(line):
            marker = opening.group(1)
            fence = "" if fence and marker.startswith(fence) else fence or marker[:3]
            continue
        if fence:
            continue
        if CONFLICT_START.match(line):
            stage, start = 1, index
        elif stage == 1 and CONFLICT_MIDDLE.match(line):
            stage = 2
        elif stage == 2 and CONFLICT_END.match(line):
            stage = 0
            notes.append(
                f"line {first_line + start}: an unresolved merge conflict (git's '<<<<<<<', '=======' and "
                "'>>>>>>>' lines) is shown as written: keep one side and delete the marker lines"
            )
    return notes
