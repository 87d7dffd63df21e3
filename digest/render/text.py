"""The plain-text email, the alternative the mail service sends beside the HTML."""

from __future__ import annotations

import re
import textwrap

from digest.config import Config
from digest.model import Issue
from digest.render.email import email_context
from digest.render.environment import TEXT_WIDTH, Templates
from digest.render.mailservice import MAIL_SERVICES, escape_merge_syntax
from digest.render.markdown import html_text

MAX_LINE = 998  # characters a line of a mail message may hold (RFC 5322)
# Characters a word processor leaves in pasted text that only a typesetter reads (a soft
# hyphen, zero-width spaces, a word joiner): in plain text they split words for search
# and show as boxes or stray hyphens in some mail apps. The HTML keeps them.
INVISIBLE_IN_TEXT = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"))


def email_text(templates: Templates, config: Config, issue: Issue) -> str:
    context = email_context(templates, config, issue)
    intro = html_text(issue.intro_html, TEXT_WIDTH, base=templates.issue_url(issue), headings=True)
    text = templates.render("email.txt.j2", **context, intro_text=intro, rule="-" * 40)
    text, _ = escape_merge_syntax(text, MAIL_SERVICES[config.email.service])
    text = text.translate(INVISIBLE_IN_TEXT)
    return fold_long_lines(re.sub(r"\n{3,}", "\n\n", text).strip() + "\n")


def fold_long_lines(text: str) -> str:
    """Lines over MAX_LINE characters broken at TEXT_WIDTH, even inside a word, unless
    they hold a link, which a break would ruin (the checks warn about those instead)."""
    return "\n".join(
        textwrap.fill(line, TEXT_WIDTH, break_on_hyphens=False) if _foldable(line) else line
        for line in text.split("\n")
    )


def _foldable(line: str) -> bool:
    return len(line) > MAX_LINE and "://" not in line
