"""MDN's KumaScript macros in an MDN page's Markdown (digest.sources.kumascript), read as the
page shows them: a link macro's text, nothing for the page's furniture."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from digest.sources.kumascript import expand_macros, is_mdn_page
from digest.sources.reviews import read_review
from tests.helpers import write_in

MDN_PAGE = """---
title: "<meter>: the gauge element"
slug: Web/HTML/Element/meter
page-type: html-element
browser-compat: html.elements.meter
---

{{HTMLSidebar}}

The **`<meter>`** element shows a value in a range, as the {{Glossary("HTML")}} spec and the
{{Glossary("CSS", "Cascading Style Sheets")}} of a page allow. Its interface is
{{domxref("HTMLMeterElement")}}; compare {{HTMLElement("progress")}} and {{jsxref("Math.min()")}}.

Write `{{Compat}}` to show the table.

{{EmbedLiveSample("Simple example", 300, 60)}}

## Specifications

{{Specifications}}

## Browser compatibility

{{Compat}}

```html
<p>{{domxref("Kept")}}</p>
```
"""


def test_link_macros_show_their_text_and_furniture_nothing(tmp_path: Path) -> None:
    review = read_review(write_in(tmp_path, "meter/index.md", MDN_PAGE))
    body = review.body
    assert "as the HTML spec and the\nCascading Style Sheets of a page allow." in body
    assert "Its interface is\n`HTMLMeterElement`; compare `<progress>` and `Math.min()`." in body
    assert "Write `{{Compat}}` to show the table." in body
    assert '<p>{{domxref("Kept")}}</p>' in body
    prose = body.replace("`{{Compat}}`", "").split("```html")[0]
    assert "{{" not in prose and "Sidebar" not in prose and "Sample" not in prose
    assert re.search(r"## Specifications\s+## Browser compatibility\s+$", prose)
    assert any("template tag(s)" in guess for guess in review.guesses)


def test_macros_are_read_only_on_mdn_pages() -> None:
    assert is_mdn_page({"title": "x", "page-type": "guide"}, "Text.")
    assert is_mdn_page({"title": "x", "l10n": {"sourceCommit": "abc"}}, "Text.")
    assert not is_mdn_page({"title": "x", "slug": "Web/HTML"}, "Text {{first_name}}.")
    assert not is_mdn_page(None, "{{Compat}}")


@pytest.mark.parametrize(
    "call", ['{{jsxref("Array")}}', "{{ Compat }}", "{{Specifications}}", "{{Glossary('URL')}}"]
)
def test_an_older_mdn_page_is_known_by_its_slug_and_mdns_own_macros(call: str) -> None:
    # MDN's older pages (and translations) wrote only `title` and `slug`; a slug alone is
    # Hugo's or Jekyll's too, so one of the macros MDN documents must be called outside code.
    assert is_mdn_page(
        {"title": "Array.at()", "slug": "Web/JavaScript/Array/at"}, f"{{{{JSRef}}}}\n\nUse {call}.\n"
    )
    assert not is_mdn_page({"title": "x", "slug": "x"}, f"Write `{call}` to show it.\n")
    assert not is_mdn_page({"title": "x"}, f"Use {call}.\n")


def test_an_older_mdn_page_reads_its_macros(tmp_path: Path) -> None:
    text = "---\ntitle: Array.at()\nslug: Web/JavaScript/Array/at\n---\n{{JSRef}}\n\nSee {{jsxref('Array.prototype.length','array.length')}}.\n"
    body = read_review(write_in(tmp_path, "at/index.md", text)).body
    assert "See `array.length`." in body and "{{" not in body


@pytest.mark.parametrize(
    "front, line",
    [
        ("slug: merge", "Hello {{first_name}}, see {{Unsubscribe}}."),
        ("date: 2024-01-01", 'Hello {{first_name}}, see {{Glossary("HTML")}}.'),
    ],
)
def test_a_post_elsewhere_keeps_its_braces(tmp_path: Path, front: str, line: str) -> None:
    text = f"---\ntitle: Merge fields\n{front}\n---\n\n{line}\n"
    assert line in read_review(write_in(tmp_path, "post.md", text)).body


def test_a_macro_shows_its_text_as_written_not_as_markup() -> None:
    text, count = expand_macros('{{Glossary("*emphasis*")}} {{cssxref("a`b")}} {{SeeCompatTable}}\n')
    assert text == "\\*emphasis\\* ``a`b`` \n" and count == 3
