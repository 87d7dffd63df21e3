"""The text email's lines in columns (digest.render.wrapping): Chinese and Japanese break between
characters, wide characters count two columns, a word or an address is never broken."""

from __future__ import annotations

import unicodedata


def _columns(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line)


def test_text_in_a_script_written_without_spaces_keeps_to_78_columns() -> None:
    """Chinese and Japanese put no spaces between words: a paragraph was one line of hundreds
    of characters, each two columns wide. Lines now break between ideographs or kana (as
    UAX #14 allows), never before a closing mark such as '，' or '。' nor inside a Latin word."""
    from digest.render.environment import wrap
    from digest.render.markdown import render_text

    chinese = "这是一个很长的中文段落，讲的是城市里的电车和公共汽车。" * 10
    japanese = "PythonとRustで書かれたツールを、毎週まとめて紹介します。" * 10
    for paragraph in (chinese, japanese):
        for text in (render_text(paragraph), wrap(paragraph), wrap(paragraph, 76, "  ")):
            lines = text.split("\n")
            assert len(lines) > 1 and "".join(line.strip() for line in lines) == paragraph, text
            assert all(_columns(line) <= 78 for line in lines), text
            assert not any(line.strip().startswith(("，", "。", "、")) for line in lines), text
            assert all("Python" in line or "Pyth" not in line for line in lines), text


def test_korean_is_wrapped_at_its_spaces_and_counted_in_columns() -> None:
    from digest.render.environment import wrap

    korean = "이번 주에는 도시의 전차와 버스에 관한 글을 모았습니다. " * 8
    lines = wrap(korean).split("\n")
    assert all(_columns(line) <= 78 for line in lines), lines
    assert " ".join(lines).split() == korean.split()


def test_a_label_and_its_address_share_a_line_only_where_their_columns_fit() -> None:
    """The label was measured in characters: a Chinese one took twice the room it was given."""
    from digest.render.environment import labelled

    label, url = "在浏览器中阅读本期内容", "https://digest.example.org/issue-2025/" + "a" * 20
    assert len(f"{label}: {url}") <= 78 < _columns(f"{label}: {url}")
    assert labelled(url, label) == f"{label}:\n{url}"
    assert labelled("https://e.org/", label) == f"{label}: https://e.org/"


def test_a_headings_underline_is_as_wide_as_its_words_in_columns() -> None:
    from digest.render.markdown import render_text

    assert render_text("## 城市里的电车", headings=True) == "城市里的电车\n" + "-" * 12
    assert render_text("# Trams\n\n## Lines", headings=True) == "Trams\n=====\n\nLines\n-----"
