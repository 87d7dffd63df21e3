"""Text wrapped for the plain-text email: at a width in columns, never inside a word or an
address. Chinese and Japanese put no spaces between words, so their lines may break between
ideographs and kana (UAX #14's ideographic class), and a character that takes two columns
on a terminal or in a mail app's fixed-width font (East Asian Wide or Fullwidth) counts two."""

from __future__ import annotations

import re
import textwrap
import unicodedata
from itertools import pairwise

# CJK symbols and punctuation, Hiragana, Katakana, CJK ideographs (extension A, the unified
# block, compatibility) and the fullwidth forms: a line may break before or after each.
_BREAKS_BESIDE = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60]")
# Kinsoku: marks that may not open a line (closing brackets, commas, stops, small kana, the
# prolonged sound mark) and marks that may not close one (opening brackets).
_NO_LINE_START = frozenset(
    "、。，．・：；？！）］｝〕〉》」』】〙〗〟’”ゝゞーヽヾ々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
    ",.:;?!)]}%"
)
_NO_LINE_END = frozenset("（［｛〔〈《「『【〘〖〝‘“([{")


def fill(text: str, width: int, indent: str = "") -> str:
    """`text`'s words one space apart, in lines of at most `width` columns (a longer word or
    address alone on its line), each after the first starting with `indent`."""
    words = text.split()
    if text.isascii() or not any(_BREAKS_BESIDE.search(word) or _wide(word) for word in words):
        return textwrap.fill(
            " ".join(words), width, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False
        )
    lines: list[str] = []
    line = ""
    for word in words:
        for index, piece in enumerate(_pieces(word)):
            joined = f"{line} {piece}" if line and index == 0 else line + piece
            if line and columns(joined) > width:
                lines.append(line)
                joined = indent + piece
            line = joined
    return "\n".join([*lines, line] if line else lines)


def _pieces(word: str) -> list[str]:
    """`word` cut where a line may break inside it: beside an ideograph or kana, but never
    before a mark that may not open a line nor after one that may not close it."""
    pieces = [word[0]]
    for before, char in pairwise(word):
        beside = _BREAKS_BESIDE.match(before) or _BREAKS_BESIDE.match(char)
        if beside and char not in _NO_LINE_START and before not in _NO_LINE_END:
            pieces.append(char)
        else:
            pieces[-1] += char
    return pieces


def _wide(word: str) -> bool:
    return any(unicodedata.east_asian_width(char) in "WF" for char in word)


def columns(line: str) -> int:
    """The columns `line` takes in a fixed-width font: two for each wide character."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line)
