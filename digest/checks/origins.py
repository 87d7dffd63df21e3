"""Where a piece of the email was written, so a finding names the file the editor changes.

The email is compiled (Jinja2, MJML, premailer): its own line numbers point into a file
nobody edits. Declarations are looked up in the stylesheet and the MJML template (as CSS
or as an MJML attribute), front matter keys in issue.md, markup in issue.md and the
reviews.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from digest.errors import DigestError
from digest.files import read_source

if TYPE_CHECKING:
    from digest.config import Config
    from digest.model import Issue


@dataclass(frozen=True)
class Location:
    path: Path
    line: int | None = None


MAX_SOURCE_BYTES = 50_000_000


@dataclass(frozen=True)
class SourceFile:
    """A file as written, and (for issue.md and reviews) the HTML it renders to."""

    path: Path
    text: str
    rendered: str = ""

    @classmethod
    def read(cls, path: Path | None, rendered: str = "") -> SourceFile | None:
        if path is None:
            return None
        try:
            return cls(path, read_source(path, path.parent, MAX_SOURCE_BYTES).decode("utf-8-sig"), rendered)
        except (DigestError, UnicodeDecodeError):
            return None

    def find(self, pattern: re.Pattern[str]) -> Location | None:
        match = pattern.search(self.text)
        if match is None:
            return None
        return Location(self.path, self.text.count("\n", 0, match.start()) + 1)


@dataclass(frozen=True)
class EmailSources:
    """The files an email is made from: its template and stylesheet (the user's or the
    theme's), the issue's issue.md and its reviews (in the issue's order)."""

    template: SourceFile | None = None
    stylesheet: SourceFile | None = None
    issue: SourceFile | None = None
    reviews: tuple[SourceFile, ...] = ()

    @classmethod
    def read(
        cls,
        template: Path | None,
        stylesheet: Path | None,
        issue: tuple[Path, str] | None = None,
        reviews: Sequence[tuple[Path, str]] = (),
    ) -> EmailSources:
        """The files at these paths; issue.md and the reviews each with the HTML it renders to."""
        read = [SourceFile.read(path, html) for path, html in reviews]
        return cls(
            SourceFile.read(template),
            SourceFile.read(stylesheet),
            SourceFile.read(*issue) if issue is not None else None,
            tuple(each for each in read if each is not None),
        )

    @property
    def theme(self) -> tuple[SourceFile, ...]:
        """The stylesheet first (premailer copies its rules into the markup), then the template."""
        return tuple(each for each in (self.stylesheet, self.template) if each is not None)

    @property
    def content(self) -> tuple[SourceFile, ...]:
        return tuple(each for each in (self.issue, *self.reviews) if each is not None)

    def fallback(self) -> Location | None:
        """Where to send the editor when nothing more precise is known: the template."""
        return None if self.template is None else Location(self.template.path)

    def declaration(self, name: str, value: str | None = None) -> Location | None:
        """The first place `name: value` is written (or `name="value"`, an MJML attribute);
        with no value, the first declaration of the property."""
        for pattern in _declaration_patterns(name, value):
            for source in self.theme:
                found = source.find(pattern)
                if found is not None:
                    return found
        return None

    def front_matter_key(self, key: str) -> Location | None:
        """The line of `key:` in issue.md's front matter (the file alone if it has none)."""
        if self.issue is None:
            return None
        return self.issue.find(re.compile(rf"^{re.escape(key)}\s*:", re.M)) or Location(self.issue.path)

    def rendered(self, pattern: re.Pattern[str]) -> Location | None:
        """The first content file whose HTML holds `pattern` (markup Markdown writes, such as <ul>)."""
        for source in self.content:
            if pattern.search(source.rendered):
                return Location(source.path)
        return None

    def heading(self, ident: str, text: str) -> Location | None:
        """Where issue.md writes the heading the email shows with this id and visible text: the
        line of the Markdown heading (`### text`, or text over `---`) whose words are these (in
        a link item's comment, the line holding '#'s and its words), or issue.md alone; None
        where the heading is not the introduction's or a comment's (the theme's)."""
        if self.issue is None or not re.search(rf'<h[1-6] id="{re.escape(ident)}">', self.issue.rendered):
            return None
        from digest.render.markdown import render_markdown

        words = text.split()
        lines = self.issue.text.split("\n")
        for index, line in enumerate(lines):
            atx = _ATX_HEADING.match(line)
            underlined = index + 1 < len(lines) and _SETEXT_LINE.match(lines[index + 1]) and line.strip()
            written = atx.group(1) if atx else line if underlined else None
            if written is not None and render_markdown(written).text.split() == words:
                return Location(self.issue.path, index + 1)
        # A link item's comment, inside a YAML string: '#'s and the heading's words on a line.
        letters = re.findall(r"\w+", text)
        written_in = (
            re.compile(r"#{1,6}[ \t]+\W*" + r"\W+".join(map(re.escape, letters))) if letters else None
        )
        return (written_in and self.issue.find(written_in)) or Location(self.issue.path)

    def markup(self, pattern: re.Pattern[str]) -> Location | None:
        """The first content file (issue.md, then the reviews) where `pattern` is written."""
        for source in self.content:
            found = source.find(pattern)
            if found is not None:
                return found
        return None


# A Markdown heading line (CommonMark 4.2, 4.3): its text without the closing #s, and an underline.
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_LINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")


def _declaration_patterns(name: str, value: str | None) -> list[re.Pattern[str]]:
    """`name: value` as CSS, then `name="value"` as an MJML attribute (which MJML writes as that
    declaration), the value complete (`0` does not find `0 24px`)."""
    before = r"(?<![\w-])"
    property_name = before + re.escape(name)
    if value is None:
        return [
            re.compile(rf"{property_name}\s*:(?!:)", re.I),
            re.compile(rf"{property_name}\s*=\s*[\"']", re.I),
        ]
    spelled = r"\s*".join(re.escape(part) for part in value.split())
    return [
        re.compile(rf"{property_name}\s*:\s*{spelled}(?=\s*(?:[;}}\"'!]|$))", re.I | re.M),
        re.compile(rf"{property_name}\s*=\s*[\"']\s*{spelled}\s*[\"']", re.I),
    ]


def email_sources(config: Config, issue: Issue, *, reviews: bool = False) -> EmailSources:
    """The sources of an issue's email: the templates the renderer picks (the user's
    templates folder first, then the theme), issue.md and, if asked, the reviews."""
    from digest.render.environment import theme_path

    def template(name: str) -> Path | None:
        for folder in (config.templates_path, theme_path()):
            if (folder / name).is_file():
                return folder / name
        return None

    return EmailSources.read(
        template("email.mjml.j2"),
        template("email.css"),
        (issue.path / "issue.md", issue.intro_html + "".join(link.comment_html for link in issue.links)),
        [(review.path, review.html) for review in issue.reviews] if reviews else (),
    )
