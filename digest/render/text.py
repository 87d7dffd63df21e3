"""The plain-text email, the alternative the mail service sends beside the HTML."""

from __future__ import annotations

import re

from digest.config import Config
from digest.model import Issue
from digest.render.email import email_context
from digest.render.environment import TEXT_WIDTH, Templates
from digest.render.mailservice import MAIL_SERVICES, escape_merge_syntax
from digest.render.markdown import render_text


def email_text(templates: Templates, config: Config, issue: Issue) -> str:
    context = email_context(templates, config, issue)
    intro = render_text(issue.intro, TEXT_WIDTH)
    text = templates.render("email.txt.j2", **context, intro_text=intro, rule="-" * 40)
    text, _ = escape_merge_syntax(text, MAIL_SERVICES[config.email.service])
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
