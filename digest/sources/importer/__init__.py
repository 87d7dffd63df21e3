"""`digest import`: turn raw articles into review files of an issue.

Any shape `digest.sources.reviews` reads (front matter in every dialect, bare Markdown,
plain text) and HTML pages saved from a browser become one normalised shape: YAML front
matter (title, author, date, source_url, tags, description, image) over a Markdown body.
The file is added to the issue's `reviews:` list; the rest of `issue.md` is kept as
written. Nothing is written until every file has been read, the reviews and `issue.md`
are written together or not at all, and an existing review is only replaced with `force`.

The modules, by job: `command` (the command's orchestration and its report), `htmlpage`
(saved pages: their text by `htmlbody`, their fields by `htmlmeta`, each with the modules it names),
`writer` (the review file), `issuefile` (editing `issue.md`) and `writes`
(writing safely).
"""

from digest.sources.importer.command import Imported, format_report, import_reviews, read_article
from digest.sources.importer.draft import ReviewDraft
from digest.sources.importer.issuefile import with_reviews
from digest.sources.importer.writer import review_document

__all__ = [
    "Imported",
    "ReviewDraft",
    "format_report",
    "import_reviews",
    "read_article",
    "review_document",
    "with_reviews",
]
