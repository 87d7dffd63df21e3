"""The email checks' names and limits: what a build, a test or the client report sets."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from digest.checks.origins import EmailSources
from digest.checks.urls import UrlRules
from digest.render.mailservice import DEFAULT_PLACEHOLDERS

CHECK_NAMES: tuple[str, ...] = (
    "size",
    "styles",
    "doctype",
    "lang",
    "title",
    "preheader",
    "width",
    "tables",
    "img-alt",
    "headings",
    "link-names",
    "contrast",
    "unsafe-tags",
    "event-handlers",
    "javascript-urls",
    "urls",
    "fonts",
    "outlook-conditionals",
    "dark-mode",
)


@dataclass(frozen=True)
class EmailCheckSettings:
    """Limits of the email checks; `review_sizes` maps a review's title to the bytes it adds.

    `urls` are the rules for the email's links; None leaves them to the link check, which
    judges every link of a build with the same rules and names the file it was written in.
    `sources` are the files the email was made from, for findings to point at.
    """

    max_bytes_error: int = 102_000
    max_bytes_warning: int = 90_000
    max_style_bytes: int = 16_384
    max_width: int = 600
    max_preheader_chars: int = 150
    urls: UrlRules | None = field(default_factory=lambda: UrlRules(placeholders=DEFAULT_PLACEHOLDERS))
    review_sizes: Mapping[str, int] = field(default_factory=dict)
    intro_bytes: int = 0  # what the editor's introduction in issue.md adds
    link_items: tuple[int, int] = (0, 0)  # how many link items issue.md lists, and the bytes they add
    sources: EmailSources | None = None
