"""CSS as the email checks read it (digest.checks.css): how deep a CSS text nests."""

from __future__ import annotations


def test_nesting_is_counted_outside_strings_comments_and_escapes() -> None:
    from digest.checks.css import nesting_depth

    assert nesting_depth("@media a { p { color: red } }")[0] == 2
    assert nesting_depth("p { content: '{{{{' } /* ((((( */ .a\\{ {}")[0] == 1
    assert nesting_depth("p { width: calc((1px + (2px))) }")[0] == 4
