"""What the email's document declares: the `doctype`, `lang` and `title` checks."""

from __future__ import annotations

import re

from digest.checks.email_rules.document import EmailDocument
from digest.checks.email_rules.settings import EmailCheckSettings
from digest.errors import Finding

_DOCTYPE = re.compile(r"\A\ufeff?\s*(?:<!--.*?-->\s*)*<!doctype\s+html\s*>", re.I | re.S)


def check_doctype(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
    if _DOCTYPE.match(email.text):
        return []
    return [
        Finding(
            "error", "doctype", "email.html does not start with <!doctype html>; add it as the first line"
        )
    ]


def check_lang(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
    lang = (email.root.get("lang") or "").strip()
    if lang and lang.lower() != "und":
        return []
    problem = "has no lang attribute" if not lang else 'has lang="und"'
    return [
        Finding(
            "error",
            "lang",
            f'<html> {problem}; set the language (lang="en") so screen readers pronounce it right',
        )
    ]


def check_title(email: EmailDocument, settings: EmailCheckSettings) -> list[Finding]:
    title = email.root.find("head/title")
    if title is not None and title.text_content().strip():
        return []
    return [Finding("error", "title", "the <title> is missing or empty; give it the issue's subject")]


# What pads a preheader so the inbox preview stops there: invisible, and no words.
