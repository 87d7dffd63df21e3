"""Jupyter notebooks read as posts (digest.sources.notebooks): Quarto's front matter in a raw
cell, fastpages' header cell, outputs left out, JSON that is no notebook left alone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from digest.errors import DigestError
from digest.sources.reviews import read_review
from tests.helpers import BODY, ends_in_time, write_file


def _notebook(cells: list[dict[str, Any]], language: str = "python") -> str:
    metadata = {"kernelspec": {"display_name": language, "language": language, "name": language}}
    return json.dumps({"cells": cells, "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}, indent=1)


def _cell(kind: str, *lines: str, outputs: list[Any] | None = None) -> dict[str, Any]:
    cell: dict[str, Any] = {"cell_type": kind, "metadata": {}, "source": list(lines)}
    if kind == "code":
        cell |= {"execution_count": 1, "outputs": outputs or []}
    return cell


def test_a_quarto_notebook_with_front_matter_in_a_raw_cell(tmp_path: Path) -> None:
    text = _notebook(
        [
            _cell(
                "raw",
                "---\n",
                'title: "Tide tables, read right"\n',
                "author: Ann Lee\n",
                "date: 2023-04-10\n",
                "---",
            ),
            _cell("markdown", "Harbour masters publish tide tables every week.\n", "\n", "## Reading them"),
            _cell(
                "code",
                "import tides\n",
                "tides.height('Brest')",
                outputs=[{"output_type": "stream", "text": ["4.2"]}],
            ),
        ]
    )
    review = read_review(write_file(tmp_path / "tides.ipynb", text))
    assert (review.title, review.author, review.format) == (
        "Tide tables, read right",
        "Ann Lee",
        "jupyter-notebook",
    )
    assert review.date is not None and review.date.date().isoformat() == "2023-04-10"
    assert review.body.startswith("Harbour masters publish tide tables every week.")
    assert "```python\nimport tides\ntides.height('Brest')\n```" in review.body
    assert "4.2" not in review.body  # an output is what ran, not what was written


def test_a_fastpages_notebook(tmp_path: Path) -> None:
    header = _cell(
        "markdown",
        '# "Tide tables, read right"\n',
        '> "How to read a tide table."\n',
        "- author: \"<a href='https://example.org/ann'>Ann Lee</a> and <a href='/bob'>Bob Roe</a>\"\n",
        "- categories: [tides, sailing]\n",
        "- toc: true",
    )
    text = _notebook([header, _cell("markdown", "Harbour masters publish tide tables every week.")])
    review = read_review(write_file(tmp_path / "2020-05-30-tides.ipynb", text))
    assert (review.title, review.author) == ("Tide tables, read right", "Ann Lee and Bob Roe")
    assert (review.description, review.categories) == ("How to read a tide table.", ("tides", "sailing"))
    assert review.date is not None and review.date.date().isoformat() == "2020-05-30"
    assert review.body.strip() == "Harbour masters publish tide tables every week."


def test_json_that_is_no_notebook_is_not_read_as_one(tmp_path: Path) -> None:
    review = read_review(write_file(tmp_path / "post.md", '{"title": "A", "cells": 3}\n' + BODY))
    assert review.title == "A" and review.format != "jupyter-notebook"


def test_a_code_cell_of_three_hundred_thousand_backticks_is_read_in_time(tmp_path: Path) -> None:
    text = _notebook([_cell("markdown", "---\ntitle: Ticks\n---\nA note."), _cell("code", "`" * 300_000)])
    ends_in_time(tmp_path, "ticks.ipynb", text, "digest.sources.reviews.read_review", limit=30)
    review = read_review(write_file(tmp_path / "again.ipynb", text))
    fence = "`" * 300_001
    assert f"{fence}python\n{'`' * 300_000}\n{fence}" in review.body


def test_a_null_source_is_no_text(tmp_path: Path) -> None:
    cells = [_cell("markdown", "# Nulls\n"), _cell("markdown", "Hello ", None, " world\n"), _cell("code")]
    cells[-1]["source"] = None
    review = read_review(write_file(tmp_path / "nulls.ipynb", _notebook(cells)))
    assert "Hello  world" in review.body
    assert "None" not in review.body and "```python" not in review.body


@pytest.mark.parametrize(
    "header",
    [
        "---\ntitle: Deep\ntags: " + "[" * 5000 + "]" * 5000 + "\n---\nhi",
        "# Deep\n- tags: " + "[" * 5000 + "]" * 5000,
    ],
    ids=["front-matter", "fastpages-field"],
)
def test_metadata_nested_past_the_parsers_depth_is_no_traceback(tmp_path: Path, header: str) -> None:
    text = _notebook([_cell("markdown", header), _cell("markdown", "The body.")])
    try:
        review = read_review(write_file(tmp_path / "deep.ipynb", text))
    except DigestError:
        return  # refused with a message is as good as read
    assert "The body." in review.body
