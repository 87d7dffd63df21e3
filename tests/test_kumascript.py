"""MDN's KumaScript macros in an MDN page's Markdown (digest.sources.kumascript), read as the
page shows them: a link macro's text, nothing for the page's furniture."""

from __future__ import annotations

import re
from pathlib import Path

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
    assert is_mdn_page({"title": "x", "page-type": "guide"})
    assert is_mdn_page({"title": "x", "l10n": {"sourceCommit": "abc"}})
    assert not is_mdn_page({"title": "x", "slug": "Web/HTML"})
    assert not is_mdn_page(None)


def test_a_post_elsewhere_keeps_its_braces(tmp_path: Path) -> None:
    text = '---\ntitle: Merge fields\nslug: merge\n---\n\nHello {{Glossary("HTML")}} and {{first_name}}.\n'
    assert (
        'Hello {{Glossary("HTML")}} and {{first_name}}.'
        in read_review(write_in(tmp_path, "post.md", text)).body
    )


def test_a_macro_shows_its_text_as_written_not_as_markup() -> None:
    text, count = expand_macros('{{Glossary("*emphasis*")}} {{cssxref("a`b")}} {{SeeCompatTable}}\n')
    assert text == "\\*emphasis\\* ``a`b`` \n" and count == 3
