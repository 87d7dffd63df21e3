"""`digest import`, the command: read every article, then write the reviews and `issue.md`.

Nothing is written until every file has been read; then the review files and the edited
`issue.md` are written together or not at all (see `writes`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from digest.config import Config
from digest.errors import ContentError, printable, quoted
from digest.files import open_source, read_source
from digest.render.markdown import slugify
from digest.sources.assets import IMAGE_SUFFIXES
from digest.sources.attributes import with_heading_ids_written
from digest.sources.importer.draft import ReviewDraft
from digest.sources.importer.htmlpage import HTML_MAX_BYTES, decode_html, html_article, is_html
from digest.sources.importer.issuefile import issue_with_reviews, listed_reviews, read_issue_bytes
from digest.sources.importer.links import keep_files_beside, settle_relative_links
from digest.sources.importer.mail import read_saved_mail
from digest.sources.importer.mailfile import MAIL_HEAD_BYTES, is_outlook_message, is_saved_mail
from digest.sources.importer.mhtml import is_mhtml, unwrap_mhtml
from digest.sources.importer.unsubscribe import without_links
from digest.sources.importer.webarchive import is_web_archive, unwrap_web_archive
from digest.sources.importer.writer import date_text, review_document
from digest.sources.importer.writes import PlannedWrite, refuse_link, write_all
from digest.sources.issue import ISSUE_FILE, UnknownIssue, check_issue_id, odd_issue_place
from digest.sources.reviews import NotText, ReviewSettings, document_kind, read_review

HEAD_BYTES = 4096
MAIL_FORMAT = "saved-mail"
MISSING = "(none found)"


@dataclass(frozen=True)
class Imported:
    """One imported article: where it went, what was found, what was guessed, what to check."""

    source: Path
    target: Path
    shape: str
    fields: tuple[tuple[str, str], ...]
    checks: tuple[str, ...]
    added: bool  # newly added to the issue's list (False when it was listed already)
    guesses: tuple[str, ...] = ()
    files: tuple[str, ...] = ()  # the images and files copied beside it


def import_reviews(
    config: Config, issue_id: str, sources: Sequence[Path], *, force: bool = False
) -> list[Imported]:
    """Read every source, write each as a review of the issue, and list it in `issue.md`."""
    issue_file = _issue_file(config, issue_id)
    settings = ReviewSettings(
        config.build.words_per_minute,
        config.build.excerpt_words,
        config.build.max_review_bytes,
        config.site.language,
    )
    drafts = [read_article(source, settings) for source in sources]
    folder = issue_file.parent
    _refuse_clashes(drafts, folder, force)
    issue_bytes = read_issue_bytes(issue_file)
    listed = listed_reviews(issue_file, issue_bytes)
    new_names = [draft.file_name for draft in drafts if draft.file_name not in listed]
    writes = [
        PlannedWrite(folder / draft.file_name, review_document(draft).encode(), replace=force)
        for draft in drafts
    ]
    writes.extend(_files_to_copy(drafts, folder, config.build.max_asset_bytes, force))
    if new_names:
        writes.append(PlannedWrite(issue_file, issue_with_reviews(issue_file, issue_bytes, new_names), True))
    write_all(writes)
    return [
        Imported(
            source=draft.source,
            target=folder / draft.file_name,
            shape=draft.shape,
            fields=inferred_fields(draft),
            checks=tuple(draft.checks),
            added=draft.file_name in new_names,
            guesses=tuple(draft.guesses),
            files=tuple(dict.fromkeys(draft.files.values())),
        )
        for draft in drafts
    ]


def _files_to_copy(
    drafts: Sequence[ReviewDraft], folder: Path, max_bytes: int, force: bool
) -> list[PlannedWrite]:
    """The images and files the reviews use from their own folders, to write into the issue
    folder under the same names: once each, and not at all where the same bytes are there."""
    writes: dict[str, PlannedWrite] = {}
    for draft in drafts:
        beside = draft.source.parent
        for name in draft.files.values():
            data = read_source(beside / name, beside, max_bytes, "file", ASSET_LIMIT)
            if name in writes and writes[name].data != data:
                problem = f"two articles use different files named {name}: rename one and import again"
                raise ContentError(problem, draft.source)
            target = folder / name
            if refuse_link(target) and read_source(target, folder, max_bytes, "file", ASSET_LIMIT) == data:
                continue
            writes[name] = PlannedWrite(target, data, replace=force)
    return list(writes.values())


def format_report(imported: Sequence[Imported], issue_file: Path) -> str:
    """What each import found, aligned for the terminal, then what it guessed and what to check."""
    lines: list[str] = []
    for item in imported:
        lines.append(f"{item.target}  <-  {item.source} ({item.shape})")
        lines.extend(f"  {name:<11} {value}" for name, value in item.fields)
        lines.extend(f"  file        {name} (copied beside the review)" for name in item.files)
        lines.extend(f"  guessed: {guess}" for guess in item.guesses)
        lines.extend(f"  check: {check}" for check in item.checks)
    added = sum(item.added for item in imported)
    lines.append(f"added {added} review(s) to {issue_file}" if added else f"{issue_file} already lists them")
    return "\n".join(printable(line) for line in lines)  # a name's line break or tab, shown as one


def _issue_file(config: Config, issue_id: str) -> Path:
    check_issue_id(issue_id, config)
    folder = config.issues_path / issue_id
    path = folder / ISSUE_FILE
    if folder.is_symlink():
        raise ContentError("the issue folder is a link: digest writes only into real folders", folder)
    if (odd := odd_issue_place(folder)) is not None:
        raise odd
    if not path.is_file():
        raise UnknownIssue(f"no issue {quoted(issue_id)}: create it first with `digest new {issue_id}`", path)
    return path


def _refuse_clashes(drafts: Sequence[ReviewDraft], folder: Path, force: bool) -> None:
    seen: dict[str, Path] = {}
    for draft in drafts:
        name = draft.file_name
        if name in seen:
            raise ContentError(
                f"{seen[name].name} and {draft.source.name} would both become {name}: import them separately "
                "and give one a 'slug:'",
                draft.source,
            )
        seen[name] = draft.source
        if refuse_link(folder / name, "review file") and not force:
            raise ContentError(
                "already exists in the issue, nothing was imported: pass --force to replace it",
                folder / name,
            )


# --- reading an article ------------------------------------------------------------------


def read_article(path: Path, settings: ReviewSettings | None = None) -> ReviewDraft:
    """Any supported article file as a draft review; the format comes from the content."""
    settings = settings or ReviewSettings()
    data, html = read_article_bytes(path, settings)
    if is_saved_mail(data[:MAIL_HEAD_BYTES]):
        draft = _mail_article(path, settings, data)
    elif html:
        draft = html_article(_saved_page(data, path), path, settings.language)
    elif is_outlook_message(data):
        raise ContentError(
            "this is a mail Outlook saved as .msg, which digest cannot read: save it as HTML instead "
            "(classic Outlook: File > Save As > HTML) or as .eml (new Outlook and Outlook on the web: "
            "Download), and import that",
            path,
        )
    elif kind := document_kind(data):
        raise ContentError(
            f"this is {kind}, which digest cannot read: save the article as HTML (in the browser, "
            "'Save Page As', HTML only or 'Webpage, Single File'), Markdown or plain text, and import that",
            path,
        )
    else:
        draft = _review_article(path, settings, data)
    if not html:  # a saved page's own images are left out (see htmlpage)
        keep_files_beside(draft)
    settle_relative_links(draft)
    _add_common_checks(draft)
    return draft


REVIEW_LIMIT = "[build] max_review_bytes"
ASSET_LIMIT = "[build] max_asset_bytes"


def read_article_bytes(path: Path, settings: ReviewSettings) -> tuple[bytes, bool]:
    """A file's bytes, and whether it is an HTML page: a regular file (never a pipe, a device
    or a folder) no larger than a review, or than a saved page for a page."""
    folder = os.path.dirname(os.path.realpath(path))  # the file named: wherever its link points
    limit = max(HTML_MAX_BYTES, settings.max_bytes)
    # Past a saved page's limit, which no setting moves, only a review limit set higher helps.
    setting = REVIEW_LIMIT if settings.max_bytes > HTML_MAX_BYTES else None
    descriptor = open_source(path, folder, limit, "file to import", setting)
    try:
        size = os.fstat(descriptor).st_size
        head = os.pread(descriptor, MAIL_HEAD_BYTES, 0)
        # A page saved as one file is a page too, and so is a saved mail (its attachments along).
        page_head = head[:HEAD_BYTES]
        html = is_html(page_head) or is_mhtml(page_head) or is_web_archive(page_head) or is_saved_mail(head)
        allowed = HTML_MAX_BYTES if html else settings.max_bytes
        if size > allowed:
            what = "page is" if html else "file is"
            advice = (
                f"too large to be one article ({allowed:,} bytes)"
                if html
                else f"over the {allowed:,}-byte limit for a review: shorten it or raise {REVIEW_LIMIT}"
            )
            raise ContentError(f"the {what} {size:,} bytes, {advice}", path)
        data = _read_at_most(descriptor, allowed, path)
    finally:
        os.close(descriptor)
    return data, html


def _read_at_most(descriptor: int, limit: int, path: Path) -> bytes:
    chunks: list[bytes] = []
    remaining = limit + 1
    try:
        while remaining > 0 and (chunk := os.read(descriptor, min(1 << 20, remaining))):
            chunks.append(chunk)
            remaining -= len(chunk)
    except OSError as exc:  # opened, then unreadable: a bad sector, a share gone
        raise ContentError(f"cannot read the file ({exc.strerror}): check the disk it is on", path) from None
    if remaining <= 0:
        raise ContentError(f"the file grew past the {limit:,}-byte limit while it was read", path)
    return b"".join(chunks)


def _saved_page(data: bytes, path: Path) -> str:
    """The HTML of a page saved as HTML, as one file (MHTML) or as a Safari web archive."""
    if is_mhtml(data[:HEAD_BYTES]):
        return unwrap_mhtml(data, path)
    if is_web_archive(data[:HEAD_BYTES]):
        return unwrap_web_archive(data, path)
    return decode_html(data, path)


def _mail_article(path: Path, settings: ReviewSettings, data: bytes) -> ReviewDraft:
    """A saved mail's HTML read as a page, or its plain text as a mail-headed text, with what
    its headers declare."""
    mail = read_saved_mail(data, path)
    declared = mail.declared
    if mail.html is not None:
        draft = html_article(mail.html, path, settings.language, declared)
        if mail.attached_images:
            draft.checks.append(
                f"{mail.attached_images} image(s) attached to the mail were left out: save the ones the "
                "article needs beside the review and show them with ![what it shows](file name)"
            )
    else:
        text = (mail.text or "").encode()
        if len(text) > settings.max_bytes:  # the file is within the import's limit: its text is not
            raise ContentError(
                f"the mail's text is {len(text):,} bytes, over the {settings.max_bytes:,}-byte limit for a "
                f"review: import a shorter mail, or raise {REVIEW_LIMIT}",
                path,
            )
        draft = _review_article(path, settings, text)
        draft.author = declared.author  # a sender's address alone names no one, as for HTML
        draft.date = declared.date or draft.date
        draft.source_url = draft.source_url or declared.source_url
    body, unsubscribing = without_links(draft.body, mail.unsubscribe_links)
    if unsubscribing:
        draft.body = body
        draft.checks.append(
            f"{unsubscribing} unsubscribe link(s) left out: the mail's List-Unsubscribe header names them, "
            "and published they would let anyone unsubscribe you"
        )
    draft.shape = MAIL_FORMAT
    return draft


def _review_article(path: Path, settings: ReviewSettings, data: bytes) -> ReviewDraft:
    try:
        review = read_review(path, settings, data)
    except NotText:  # said as a build says it of a listed review: here nothing is listed yet
        raise ContentError(_not_an_article(path, data), path) from None
    derived_slug = slugify(review.title, fallback=slugify(path.stem, "review"))
    return ReviewDraft(
        source=path,
        shape=review.format,
        title=review.title,
        body=with_heading_ids_written(review.body),
        author=review.author,
        date=review.date,
        source_url=review.source_url,
        tags=review.tags,
        categories=review.categories,
        description=review.description,
        image=review.image,
        image_alt=review.image_alt,
        featured=review.featured,
        draft=review.draft,
        slug=review.slug if review.slug != derived_slug else None,
        guesses=list(review.guesses),
    )


# An image written without alt text, `![](figure.png)`: the build stops on it.
IMAGE_WITHOUT_ALT = re.compile(r"!\[\s*\]\(\s*<?([^)\s>]+)")
MAX_NAMED_IMAGES = 5


def _name_images_without_alt(draft: ReviewDraft) -> None:
    """The page's images that had no alt text, by line of the review: the build asks for it."""
    lines = review_document(draft).split("\n")
    found = [(n, m.group(1)) for n, line in enumerate(lines, 1) for m in IMAGE_WITHOUT_ALT.finditer(line)]
    for number, url in found[:MAX_NAMED_IMAGES]:
        draft.checks.append(
            f"line {number}: image {quoted(url)} has no alt text, and the build stops until it has one: "
            f"describe what it shows in the brackets, ![what it shows]({url})"
        )
    if len(found) > MAX_NAMED_IMAGES:
        draft.checks.append(f"and {len(found) - MAX_NAMED_IMAGES} more image(s) without alt text")


def _not_an_article(path: Path, data: bytes) -> str:
    if not data.strip():
        return "the file is empty: there is no article in it to import"
    if path.suffix.lower() in IMAGE_SUFFIXES:
        return (
            "this is an image, not an article: import the article's page or text, and show the image "
            f"from its review with ![what it shows]({path.name})"
        )
    return "this is a binary file, not an article: import a text, Markdown or HTML file"


def _add_common_checks(draft: ReviewDraft) -> None:
    _name_images_without_alt(draft)
    if draft.date is None:
        draft.checks.append("no date found: the review takes the issue's date; add 'date:' if it has one")
    if draft.author is None:
        draft.checks.append("no author found: add 'author:'")
    if draft.draft:
        draft.checks.append("marked as a draft: it is left out unless you build with --drafts")


def inferred_fields(draft: ReviewDraft) -> tuple[tuple[str, str], ...]:
    fields = [
        ("title", draft.title),
        ("author", draft.author or MISSING),
        ("date", date_text(draft.date) if draft.date else MISSING),
        ("source_url", draft.source_url or MISSING),
        ("tags", ", ".join(draft.tags) or "(none)"),
        ("description", draft.description or "(none)"),
    ]
    if draft.image:
        fields.append(("image", draft.image))
    return tuple(fields)
