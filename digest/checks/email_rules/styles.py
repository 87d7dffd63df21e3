"""The `styles` check: <style> blocks Gmail drops whole (too large, an at-rule inside
@media, @import), and CSS nested or numbered past what any client reads."""

from __future__ import annotations

import re
from collections.abc import Iterator

from digest.checks.css import (
    MAX_CSS_NESTING,
    MAX_NUMBER_DIGITS,
    longest_number,
    nesting_depth,
    readable_css,
)
from digest.checks.email_rules.document import EmailDocument
from digest.checks.email_rules.problems import Problem, report
from digest.checks.email_rules.settings import EmailCheckSettings
from digest.checks.origins import Location
from digest.errors import Finding


def check_styles(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
    total = sum(len((style.text or "").encode("utf-8")) for style in email.elements("style"))
    findings = []
    if total > settings.max_style_bytes:
        findings.append(
            Finding(
                "error",
                "styles",
                f"<style> blocks hold {total:,} bytes, over Gmail's {settings.max_style_bytes:,}; "
                "Gmail drops them all: trim the mobile and dark-mode rules",
            )
        )
    nested = [
        Problem(f"{keyword} sits inside @media", line, _at_rule_origin(settings, keyword))
        for sheet in email.sheets
        for keyword, line in sheet.nested_at_rules
    ]
    findings += report(
        "styles", "error", nested, "Gmail drops the whole <style> block: move it out of @media"
    )
    imports = [
        Problem("@import loads a remote stylesheet", line, _at_rule_origin(settings, "@import"))
        for sheet in email.sheets
        for line in sheet.imports
    ]
    findings += report("styles", "error", imports, "mail apps block it: put the rules in the template")
    findings += report(
        "styles",
        "error",
        list(_too_long_numbers(email)),
        f"no CSS value needs more than {MAX_NUMBER_DIGITS:,} digits, and its styles are not checked: "
        "shorten it",
    )
    return findings + report(
        "styles",
        "error",
        list(_too_deep(email, settings)),
        f"no mail client reads CSS nested past {MAX_CSS_NESTING} levels, and its styles are not checked: "
        "flatten it",
    )


def _too_deep(email: EmailDocument, settings: EmailCheckSettings) -> Iterator[Problem]:
    """<style> blocks and style attributes whose blocks, brackets or parentheses nest deeper
    than any client reads (or this reads: tinycss2 recurses into each level)."""
    for element in email.elements():
        text = (element.text or "") if element.tag == "style" else element.get("style")
        if text is None or readable_css(text) or longest_number(text)[0] > MAX_NUMBER_DIGITS:
            continue
        what = "a <style> block" if element.tag == "style" else f"the style attribute of a <{element.tag}>"
        depth, offset = nesting_depth(text)
        line = None if element.sourceline is None else element.sourceline + text.count("\n", 0, offset)
        yield Problem(f"{what} nests {depth:,} levels deep", line, _deep_origin(settings))


def _too_long_numbers(email: EmailDocument) -> Iterator[Problem]:
    """<style> blocks and style attributes writing a number of more digits than CSS is read with."""
    for element in email.elements():
        text = (element.text or "") if element.tag == "style" else element.get("style")
        digits, offset = longest_number(text or "")
        if digits <= MAX_NUMBER_DIGITS:
            continue
        what = "a <style> block" if element.tag == "style" else f"the style attribute of a <{element.tag}>"
        line = (
            None if element.sourceline is None else element.sourceline + (text or "").count("\n", 0, offset)
        )
        yield Problem(f"{what} writes a number of {digits:,} digits", line, None)


def _deep_origin(settings: EmailCheckSettings) -> Location | None:
    """The line of the stylesheet where it nests too deep, where the stylesheet is the one."""
    stylesheet = settings.sources.stylesheet if settings.sources is not None else None
    if stylesheet is None or readable_css(stylesheet.text):
        return None
    _, offset = nesting_depth(stylesheet.text)
    return Location(stylesheet.path, stylesheet.text.count("\n", 0, offset) + 1)


def _at_rule_origin(settings: EmailCheckSettings, keyword: str) -> Location | None:
    if settings.sources is None:
        return None
    pattern = re.compile(re.escape(keyword) + r"(?![\w-])", re.I)
    return next((found for source in settings.sources.theme if (found := source.find(pattern))), None)
