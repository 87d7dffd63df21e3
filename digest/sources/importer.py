"""`digest import`: turn raw articles into review files of an issue.

Any shape `digest.sources.reviews` reads (front matter in every dialect, bare Markdown, plain
text) and HTML pages saved from a browser become one normalised shape: YAML front
matter (title, author, date, source_url, tags, description) over a Markdown body.
The file is added to the issue's `reviews:` list; the rest of `issue.md` is kept as
written. Nothing is written until every file has been read, and an existing review
is only replaced with `force`.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from digest.config import Config
from digest.errors import ContentError
from digest.render.markdown import slugify
from digest.sources.issue import IGNORED_FILES, ISSUE_FILE, ISSUE_ID
from digest.sources.reviews import ReviewSettings, build_review, decode, parse, parse_date, read_review

HTML_FORMAT = "html-page"
HTML_MAX_BYTES = 50_000_000  # a page saved with its inline scripts and images is much larger than its text
HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)
BY_PREFIX = re.compile(r"^(?:by|written by|posted by)\s+", re.IGNORECASE)
TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " · ", " :: ")
ARTICLE_TYPES = {"article", "newsarticle", "blogposting", "techarticle", "report", "scholarlyarticle"}

NOT_CONTENT = ("script", "style", "noscript", "template")
PAGE_FURNITURE = (
    "nav", "aside", "header", "footer", "form", "button", "iframe", "svg", "canvas", "input", "select",
    "textarea", "dialog", "object", "embed", "source",
)  # fmt: skip
FURNITURE_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search"}
FURNITURE_CLASSES = {
    "share", "sharing", "social", "social-share", "related", "related-posts", "comments", "newsletter",
    "subscribe", "advertisement", "ads", "byline", "breadcrumb", "breadcrumbs", "sr-only", "visually-hidden",
}  # fmt: skip


@dataclass
class ReviewDraft:
    """What an article says about itself, ready to be written as a review file."""

    source: Path
    shape: str
    title: str
    body: str  # Markdown
    author: str | None = None
    date: datetime | None = None
    source_url: str | None = None
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    description: str | None = None
    featured: bool = False
    draft: bool = False
    slug: str | None = None  # only when the article sets its own page name
    checks: list[str] = field(default_factory=list)

    @property
    def file_name(self) -> str:
        stem = self.slug or slugify(self.title, fallback=slugify(self.source.stem, "review"))
        name = f"{stem}.md"
        return f"{stem}-review.md" if name.lower() in {n.lower() for n in IGNORED_FILES} else name


@dataclass(frozen=True)
class Imported:
    """One imported article: where it went, what was inferred, and what the editor should check."""

    source: Path
    target: Path
    shape: str
    fields: tuple[tuple[str, str], ...]
    checks: tuple[str, ...]
    added: bool  # newly added to the issue's list (False when it was listed already)


# --- the whole command -----------------------------------------------------------------


def import_reviews(
    config: Config, issue_id: str, sources: Sequence[Path], *, force: bool = False
) -> list[Imported]:
    """Read every source, write each as a review of the issue, and list it in `issue.md`."""
    issue_file = _issue_file(config, issue_id)
    settings = ReviewSettings(
        config.build.words_per_minute, config.build.excerpt_words, config.build.max_review_bytes
    )
    drafts = [read_article(source, settings) for source in sources]
    documents = {draft.file_name: review_document(draft) for draft in drafts}
    folder = issue_file.parent
    _refuse_clashes(drafts, folder, force)
    for draft in drafts:
        _check_round_trip(draft, documents[draft.file_name], folder / draft.file_name, settings)
    listed = _listed_reviews(issue_file)
    for name, document in documents.items():
        _write(folder / name, document)
    new_names = [draft.file_name for draft in drafts if draft.file_name not in listed]
    add_to_issue(issue_file, new_names)
    return [
        Imported(
            source=draft.source,
            target=folder / draft.file_name,
            shape=draft.shape,
            fields=inferred_fields(draft),
            checks=tuple(draft.checks),
            added=draft.file_name in new_names,
        )
        for draft in drafts
    ]


def format_report(imported: Sequence[Imported], issue_file: Path) -> str:
    """What each import found, aligned for the terminal, then what to check."""
    lines: list[str] = []
    for item in imported:
        lines.append(f"{item.target}  <-  {item.source} ({item.shape})")
        lines.extend(f"  {name:<11} {value}" for name, value in item.fields)
        lines.extend(f"  check: {check}" for check in item.checks)
    added = sum(item.added for item in imported)
    lines.append(f"added {added} review(s) to {issue_file}" if added else f"{issue_file} already lists them")
    return "\n".join(lines)


def _issue_file(config: Config, issue_id: str) -> Path:
    if not ISSUE_ID.match(issue_id):
        raise ContentError(f"'{issue_id}' is not an issue id: use letters, digits, '-', '_' or '.'")
    path = config.issues_path / issue_id / ISSUE_FILE
    if not path.is_file():
        raise ContentError(f"no issue '{issue_id}': create it first with `digest new {issue_id}`", path)
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
        if (folder / name).exists() and not force:
            raise ContentError(
                "already exists in the issue, nothing was imported: pass --force to replace it",
                folder / name,
            )


def _check_round_trip(draft: ReviewDraft, document: str, target: Path, settings: ReviewSettings) -> None:
    """The written file must read back as the same review; a mismatch is caught before writing."""
    parsed = parse(document, target)
    parsed.source = document
    review = build_review(target, parsed, settings)
    expected = (draft.title, draft.author, draft.date, draft.tags, draft.draft)
    if (review.title, review.author, review.date, review.tags, review.draft) != expected:
        raise ContentError(
            "the imported review would not read back with the same title, author, date and tags: "
            "convert this file by hand",
            draft.source,
        )


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ContentError(f"cannot write the review ({exc.strerror})", path) from None


# --- reading an article ------------------------------------------------------------------


def read_article(path: Path, settings: ReviewSettings | None = None) -> ReviewDraft:
    """Any supported article file as a draft review; the format comes from the content."""
    settings = settings or ReviewSettings()
    head = _read_head(path)
    if HTML_START.match(head.removeprefix(codecs.BOM_UTF8)):
        draft = html_article(_decode_html(path), path)
    else:
        draft = _review_article(path, settings)
    _add_common_checks(draft)
    return draft


def _read_head(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(4096)
    except FileNotFoundError:
        raise ContentError("file not found: check the name", path) from None
    except OSError as exc:
        raise ContentError(f"cannot read the file ({exc.strerror})", path) from None


def _review_article(path: Path, settings: ReviewSettings) -> ReviewDraft:
    review = read_review(path, settings)
    derived_slug = slugify(review.title, fallback=slugify(path.stem, "review"))
    return ReviewDraft(
        source=path,
        shape=review.format,
        title=review.title,
        body=review.body,
        author=review.author,
        date=review.date,
        source_url=review.source_url,
        tags=review.tags,
        categories=review.categories,
        description=review.description,
        featured=review.featured,
        draft=review.draft,
        slug=review.slug if review.slug != derived_slug else None,
    )


def _add_common_checks(draft: ReviewDraft) -> None:
    if draft.date is None:
        draft.checks.append("no date found: the review takes the issue's date; add 'date:' if it has one")
    if draft.author is None:
        draft.checks.append("no author found: add 'author:'")
    if draft.draft:
        draft.checks.append("marked as a draft: it is left out unless you build with --drafts")


def inferred_fields(draft: ReviewDraft) -> tuple[tuple[str, str], ...]:
    missing = "(none found)"
    return (
        ("title", draft.title),
        ("author", draft.author or missing),
        ("date", _date_text(draft.date) if draft.date else missing),
        ("source_url", draft.source_url or missing),
        ("tags", ", ".join(draft.tags) or "(none)"),
        ("description", draft.description or "(none)"),
    )


# --- writing a review --------------------------------------------------------------------


def review_document(draft: ReviewDraft) -> str:
    """The review file: normalised YAML front matter, then the Markdown body."""
    lines = [
        "---",
        f"title: {_quoted(draft.title)}",
        _optional("author", draft.author, "not found in the source: add the author's name"),
        _optional(
            "date", _date_text(draft.date) if draft.date else None, "not found: the issue's date is used"
        ),
        _optional("source_url", draft.source_url, "not found: add the article's address"),
        f"tags: {_quoted_list(draft.tags)}",
    ]
    if draft.categories:
        lines.append(f"categories: {_quoted_list(draft.categories)}")
    lines.append(
        _optional("description", draft.description, "optional: a sentence for the email (else its opening)")
    )
    if draft.featured:
        lines.append("featured: true")
    if draft.draft:
        lines.append("draft: true")
    if draft.slug:
        lines.append(f"slug: {_quoted(draft.slug)}")
    lines.append("---")
    return "\n".join(lines) + "\n" + draft.body.strip("\n") + "\n"


def _optional(key: str, value: str | None, advice: str) -> str:
    return f"{key}: {_quoted(value)}" if value else f"{key}:  # {advice}"


def _quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _quoted_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(_quoted(v) for v in values) + "]"


def _date_text(value: datetime) -> str:
    """A date alone when it is midnight UTC (how a bare date is read), else full ISO 8601."""
    if value.utcoffset() == timedelta(0) and value.time() == time():
        return value.date().isoformat()
    return value.isoformat()


def clean_markdown(body: str) -> str:
    """No trailing spaces, at most one blank line in a row outside code, one final newline."""
    lines: list[str] = []
    fence: str | None = None
    for line in body.split("\n"):
        marker = re.match(r"^\s*(`{3,}|~{3,})", line)
        if marker and (fence is None or marker.group(1).startswith(fence)):
            fence = None if fence else marker.group(1)
        if fence is None and not line.strip() and lines and not lines[-1].strip():
            continue
        lines.append(line if fence else line.rstrip())
    return "\n".join(lines).strip("\n") + "\n"


# --- editing issue.md ---------------------------------------------------------------------


def _listed_reviews(issue_file: Path) -> list[str]:
    meta = parse(decode(issue_file), issue_file).meta
    listed = meta.get("reviews") or []
    if not isinstance(listed, list):
        raise ContentError("'reviews:' must be a list of file names", issue_file)
    return [str(name) for name in listed]


def add_to_issue(issue_file: Path, names: Sequence[str]) -> None:
    """Append file names to the `reviews:` list of `issue.md`, leaving every other line as it was."""
    if not names:
        return
    raw = issue_file.read_bytes()
    bom = raw.startswith(codecs.BOM_UTF8)
    text = raw.decode("utf-8-sig")
    newline = "\r\n" if "\r\n" in text else "\n"
    listed = _listed_reviews(issue_file)
    edited = with_reviews(text.replace("\r\n", "\n"), names, issue_file)
    if parse(edited, issue_file).meta.get("reviews") != [*listed, *names]:
        raise ContentError(
            "could not add the reviews to the list: add these lines under 'reviews:' by hand: "
            + ", ".join(f"- {name}" for name in names),
            issue_file,
        )
    data = edited.replace("\n", newline).encode()
    issue_file.write_bytes(codecs.BOM_UTF8 + data if bom else data)


def with_reviews(text: str, names: Sequence[str], path: Path) -> str:
    """The issue file's text with `names` added to its `reviews:` block or flow list."""
    lines = text.split("\n")
    start, end = _front_matter_bounds(lines, path)
    key = next((i for i in range(start + 1, end) if re.match(r"^reviews\s*:", lines[i])), None)
    if key is None:
        return "\n".join([*lines[:end], "reviews:", *(f"  - {n}" for n in names), *lines[end:]])
    value = lines[key].split(":", 1)[1].strip()
    if value.startswith("["):
        return _flow_to_block(lines, key, names, path)
    if value and not value.startswith("#"):
        raise ContentError("'reviews:' must be a list of file names", path, key + 1)
    last_item, indent = key, "  "
    for index in range(key + 1, end):
        line = lines[index]
        if line.strip() and not line.startswith((" ", "\t", "-", "#")):
            break  # the next top-level key
        if line.lstrip().startswith("- "):
            last_item, indent = index, line[: len(line) - len(line.lstrip())]
    new_lines = [f"{indent}- {_list_item(name)}" for name in names]
    return "\n".join([*lines[: last_item + 1], *new_lines, *lines[last_item + 1 :]])


def _flow_to_block(lines: list[str], key: int, names: Sequence[str], path: Path) -> str:
    """`reviews: [a.md]` becomes a block list, which the editor can reorder line by line."""
    import yaml

    match = re.match(r"^reviews\s*:\s*(\[[^\]]*\])\s*(#.*)?$", lines[key])
    if match is None:
        raise ContentError("write 'reviews:' as one '- name.md' line per review", path, key + 1)
    existing = yaml.safe_load(match.group(1)) or []
    comment = f"  {match.group(2)}" if match.group(2) else ""
    block = [f"reviews:{comment}", *(f"  - {_list_item(str(n))}" for n in [*existing, *names])]
    return "\n".join([*lines[:key], *block, *lines[key + 1 :]])


def _list_item(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name) else _quoted(name)


def _front_matter_bounds(lines: list[str], path: Path) -> tuple[int, int]:
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None or lines[start].strip() != "---":
        raise ContentError("issue.md must start with YAML front matter ('---' lines)", path, 1)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].rstrip() == "---"), None)
    if end is None:
        raise ContentError("the front matter is never closed: add a closing '---' line", path)
    return start, end


# --- HTML pages saved from a browser --------------------------------------------------------


def _decode_html(path: Path) -> str:
    data = path.read_bytes()
    if len(data) > HTML_MAX_BYTES:
        raise ContentError(f"the page is {len(data):,} bytes, too large to be one article", path)
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    declared = META_CHARSET.search(data[:4096])
    for encoding in (declared.group(1).decode() if declared else None, "utf-8"):
        if encoding is None:
            continue
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    raise ContentError("the page is not UTF-8 and declares no other encoding: save it as UTF-8", path)


def html_article(html: str, path: Path) -> ReviewDraft:
    """An article page's metadata and its main text as Markdown."""
    import lxml.html

    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)  # lxml refuses an encoding declaration in a str
    document = lxml.html.document_fromstring(html)
    facts = _LinkedData.from_document(document)
    for element in document.xpath(" | ".join(f"//{tag}" for tag in NOT_CONTENT)):
        _drop(element)
    content = _main_content(document)
    title = _page_title(document, content, facts, path)
    draft = ReviewDraft(
        source=path,
        shape=HTML_FORMAT,
        title=title,
        body="",
        author=_page_author(document, facts),
        source_url=_canonical_url(document, html),
        tags=_page_tags(document, facts),
        description=_meta(document, "name", "description") or _meta(document, "property", "og:description"),
    )
    draft.date = _page_date(document, content, facts, draft)
    if content.tag == "body":
        draft.checks.append(
            "no <article> or <main> in the page: the whole page was taken; remove menus left in"
        )
    draft.body = _content_markdown(content, title, draft)
    if not draft.body.strip():
        raise ContentError("no article text found in the page: save the page with its text", path)
    if draft.source_url is None:
        draft.checks.append("no canonical address in the page: add 'source_url:'")
    return draft


def _meta(document: Any, attribute: str, name: str) -> str | None:
    for element in document.xpath(f"//meta[@{attribute}]"):
        if element.get(attribute, "").strip().lower() == name.lower():
            value = " ".join((element.get("content") or "").split())
            if value:
                return value
    return None


def _metas(document: Any, attribute: str, name: str) -> list[str]:
    found = []
    for element in document.xpath(f"//meta[@{attribute}]"):
        if element.get(attribute, "").strip().lower() == name and (element.get("content") or "").strip():
            found.append(" ".join(element.get("content").split()))
    return found


def _text(element: Any) -> str:
    return " ".join(element.text_content().split())


@dataclass(frozen=True)
class _LinkedData:
    """The article facts a page states in schema.org JSON-LD, the last fallback for each field."""

    headline: str | None = None
    author: str | None = None
    published: str | None = None
    keywords: tuple[str, ...] = ()

    @classmethod
    def from_document(cls, document: Any) -> _LinkedData:
        for script in document.xpath("//script[@type]"):
            if script.get("type", "").strip().lower() != "application/ld+json":
                continue
            try:
                data = json.loads(script.text or "")
            except ValueError:
                continue
            for node in _json_nodes(data):
                kinds = node.get("@type")
                kinds = {str(k).lower() for k in (kinds if isinstance(kinds, list) else [kinds])}
                if kinds & ARTICLE_TYPES:
                    return cls._from_node(node)
        return cls()

    @classmethod
    def _from_node(cls, node: dict[str, Any]) -> _LinkedData:
        keywords = node.get("keywords") or []
        if isinstance(keywords, str):
            keywords = keywords.split(",")
        return cls(
            headline=_plain(node.get("headline")),
            author=_person_names(node.get("author")),
            published=_plain(node.get("datePublished")),
            keywords=tuple(k.strip() for k in keywords if isinstance(k, str) and k.strip()),
        )


def _json_nodes(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _json_nodes(item)
    elif isinstance(data, dict):
        yield data
        yield from _json_nodes(data.get("@graph", []))


def _plain(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _person_names(value: Any) -> str | None:
    if isinstance(value, list):
        names = [_person_names(item) for item in value]
        return ", ".join(n for n in names if n) or None
    if isinstance(value, dict):
        return _plain(value.get("name"))
    return _plain(value)


def _main_content(document: Any) -> Any:
    """The page's largest <article>, else its <main>, else the body."""
    articles = document.xpath("//article")
    if articles:
        return max(articles, key=lambda element: len(_text(element)))
    for query in ("//main", "//*[@role='main']"):
        found = document.xpath(query)
        if found:
            return found[0]
    return document.body


def _page_title(document: Any, content: Any, facts: _LinkedData, path: Path) -> str:
    og_title = _meta(document, "property", "og:title")
    if og_title:
        return og_title
    headings = content.xpath(".//h1") or document.xpath("//h1")
    if headings and _text(headings[0]):
        return _text(headings[0])
    if facts.headline:
        return facts.headline
    titles = document.xpath("//title")
    if titles and _text(titles[0]):
        return _without_site_name(_text(titles[0]), _meta(document, "property", "og:site_name"))
    raise ContentError("no title in the page (no og:title, <h1> or <title>): add one and import again", path)


def _without_site_name(title: str, site: str | None) -> str:
    for separator in TITLE_SEPARATORS:
        if site and title.endswith(separator + site):
            return title[: -len(separator + site)].strip()
    return title


def _page_author(document: Any, facts: _LinkedData) -> str | None:
    article_author = _meta(document, "property", "article:author")
    candidates = [
        _meta(document, "name", "author"),
        article_author if article_author and not re.match(r"https?://", article_author) else None,
        facts.author,
        *(_text(e) for e in document.xpath("//*[@rel='author'] | //*[@itemprop='author']")),
        *(_text(e) for e in document.xpath("//*[@class]") if _classes(e) & {"byline", "author"}),
    ]
    for candidate in candidates:
        name = BY_PREFIX.sub("", candidate or "").strip(" ,·|")
        if name and len(name) <= 80:
            return name
    return None


def _page_date(document: Any, content: Any, facts: _LinkedData, draft: ReviewDraft) -> datetime | None:
    times = content.xpath(".//time[@datetime]") or document.xpath("//time[@datetime]")
    candidates = [
        _meta(document, "property", "article:published_time"),
        times[0].get("datetime") if times else None,
        _meta(document, "name", "date"),
        _meta(document, "itemprop", "datePublished"),
        facts.published,
    ]
    for candidate in candidates:
        if not candidate or not candidate.strip():
            continue
        try:
            return parse_date(candidate, draft.source, None)
        except ContentError:
            draft.checks.append(f"the page's date '{candidate}' was not understood: add 'date:'")
    return None


def _page_tags(document: Any, facts: _LinkedData) -> tuple[str, ...]:
    tags = _metas(document, "property", "article:tag")
    if not tags:
        keywords = _meta(document, "name", "keywords") or ""
        tags = [k.strip() for k in keywords.split(",") if k.strip()]
    return tuple(dict.fromkeys(tags or facts.keywords))


def _canonical_url(document: Any, html: str) -> str | None:
    links = [e.get("href") for e in document.xpath("//link[@rel][@href]") if _is_canonical(e)]
    saved_from = SAVED_FROM.search(html[:2048])
    candidates = [*links, _meta(document, "property", "og:url"), saved_from.group(1) if saved_from else None]
    for candidate in candidates:
        if isinstance(candidate, str) and _is_web_address(candidate):
            return candidate.strip()
    return None


def _is_canonical(element: Any) -> bool:
    return "canonical" in element.get("rel", "").lower().split()


def _classes(element: Any) -> set[str]:
    return set((element.get("class") or "").lower().split())


def _drop(element: Any) -> None:
    """Remove an element and its content, keeping the text that follows it."""
    element.drop_tree()


def _content_markdown(content: Any, title: str, draft: ReviewDraft) -> str:
    _remove_furniture(content)
    headings = content.xpath(".//h1")
    if headings and (_text(headings[0]) == title or len(headings) == 1):
        _drop(headings[0])  # the title, which the front matter holds
    _demote_headings(content)
    _keep_remote_images(content, draft)
    if draft.source_url:
        content.make_links_absolute(draft.source_url, resolve_base_href=True)
    else:
        _note_relative_links(content, draft)
    return clean_markdown(_to_markdown(content))


def _remove_furniture(content: Any) -> None:
    for element in list(content.iter()):
        if not isinstance(element.tag, str) or element is content or element.getparent() is None:
            continue
        if _is_furniture(element):
            _drop(element)


def _is_furniture(element: Any) -> bool:
    return (
        element.tag in PAGE_FURNITURE
        or element.get("hidden") is not None
        or element.get("aria-hidden", "").lower() == "true"
        or element.get("role", "").lower() in FURNITURE_ROLES
        or bool(_classes(element) & FURNITURE_CLASSES)
    )


def _demote_headings(content: Any) -> None:
    """Any <h1> left in the body shifts every heading down one level: the title is the only h1."""
    if not content.xpath(".//h1"):
        return
    for heading in content.xpath(".//h1 | .//h2 | .//h3 | .//h4 | .//h5"):
        heading.tag = f"h{int(heading.tag[1]) + 1}"


def _keep_remote_images(content: Any, draft: ReviewDraft) -> None:
    """Images saved beside the page (`Page_files/x.png`) cannot travel with the review: they go."""
    local = [img for img in content.xpath(".//img") if not _is_web_address(img.get("src") or "")]
    for image in local:
        _drop(image)
    if local:
        draft.checks.append(f"{len(local)} image(s) saved beside the page were left out")


def _note_relative_links(content: Any, draft: ReviewDraft) -> None:
    relative = [
        a.get("href")
        for a in content.xpath(".//a[@href]")
        if not re.match(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|#)", a.get("href"))
    ]
    if relative:
        draft.checks.append(
            f"{len(relative)} relative link(s) such as '{relative[0]}' could not be made absolute "
            "(no canonical address): fix them in the body"
        )


def _is_web_address(url: str) -> bool:
    return urlparse(url.strip()).scheme in ("http", "https")


def _to_markdown(content: Any) -> str:
    import lxml.html
    from markdownify import MarkdownConverter

    html = lxml.html.tostring(content, encoding="unicode")
    converter = MarkdownConverter(
        heading_style="ATX",
        bullets="-",
        newline_style="backslash",
        escape_misc=True,  # text that looks like Markdown ('1. ', '# ', '<b>') must stay text
        code_language_callback=_code_language,
    )
    return converter.convert(html)


def _code_language(element: Any) -> str:
    """`language-python` or `lang-python` on a <pre> or its <code>."""
    candidates = [element, *element.find_all("code", limit=1)]
    for candidate in candidates:
        for name in candidate.get("class") or []:
            match = re.match(r"^(?:language|lang)-([\w+#.-]+)$", name)
            if match:
                return match.group(1)
    return ""
