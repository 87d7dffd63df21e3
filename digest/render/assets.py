"""The build's files besides its pages: every image and file the issues use, under
content-hashed names, and the static folder as it is.

An image gets a copy for the web pages (its format kept where browsers show it) and,
where the email, the feeds or a shared link show it, one for the email (JPEG, PNG or
GIF, 1200 pixels wide at most: twice the email's width). Other files a review links to
(a PDF, a recording) are published as they are. Each lands at
`assets/<name>-<first 12 hex digits of its sha256>.<extension>`: a changed image is a new
address, so no reader or mail service's cache can show the old one, and unchanged
sources give the same outputs, byte for byte.

What an issue uses is worked out once per change of its files, the static folder, the
logo or the settings; each copy once per source and kind (both in the build cache).
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from digest.cache import BuildCache, cache_key
from digest.config import Config, output_settings
from digest.errors import ContentError, DigestError, quoted
from digest.model import Issue, IssueSection, Item, LinkItem, Review
from digest.render.html import rewrite_html, tag_attributes
from digest.render.images import (
    MEDIA_TYPES,
    WEB_SPEC,
    ImageCopy,
    ImageSpec,
    UnreadableImage,
    email_spec,
    make_copy,
)
from digest.render.markdown import slugify
from digest.render.remote import RemoteImage, RemoteImages
from digest.sources.assets import (
    IssueAssets,
    LocalFile,
    Resolver,
    StaticFolder,
    Use,
    line_of,
    read_static,
    refuse_clashes,
)
from digest.sources.site import Site

T = TypeVar("T")
ASSETS_FOLDER = "assets"
EMAIL_WIDTH = 600  # CSS pixels: the email's column
EMAIL_TEXT_WIDTH = 552  # the column less the text's side padding (24 px each side)
EMAIL_ROLES = frozenset({"cover", "cover-dark", "logo"})  # shown by the email, the feeds, shared links
_IMAGE_OR_LINK = re.compile(r"^<(?:img\b|a\s.*href)", re.IGNORECASE | re.DOTALL)  # the only tags rewritten


@dataclass(frozen=True)
class Picture:
    """An image as an output shows it: its address, its size in CSS pixels (at most its
    own), its alternative text, whether it needs a light plate on a dark background
    (transparent pixels), and the variant for dark backgrounds if there is one."""

    url: str
    width: int | None  # None: a remote image whose size is not known
    height: int | None
    alt: str
    plate: bool = False
    media_type: str | None = None  # None: remote, not known
    length: int | None = None  # the file's bytes (a feed's enclosure)
    caption: str | None = None
    dark: Picture | None = None
    pixels: tuple[int, int] | None = None  # the file's own width and height (a shared link's card)

    def fit(self, most: int) -> tuple[int, int] | None:
        """Width and height scaled down to at most `most` CSS pixels wide."""
        if self.width is None or self.height is None:
            return None
        if self.width <= most:
            return self.width, self.height
        return most, max(1, round(self.height * most / self.width))


class SiteAssets:
    """Every asset of one build: the static folder, the logo and each issue's files."""

    def __init__(self, config: Config, site: Site, cache: BuildCache | None, online: bool = False) -> None:
        self.config = config
        self.site = site
        self.cache = cache
        self.base_url = config.site.base_url
        self.static: StaticFolder = read_static(config)
        self.resolver = Resolver(config, self.static)
        self.logo_use = self.resolver.logo()
        self.fingerprint = _fingerprint(self.static, self.logo_use)
        self._settings = output_settings(config)
        self._plans: dict[str, IssueAssets] = {}
        self._outputs: dict[str, bytes] = {}
        self._copies: dict[tuple[str, str], ImageCopy] = {}
        self._pictures: dict[tuple[Path, str, str], Picture] = {}
        self._pictured: set[Path] = set()  # the sources of every key of _pictures
        self.remote = RemoteImages(config, cache, online)
        # Where each image the email may show comes from, and the email copy made of it.
        self.origins: dict[str, Use] = {}
        self.email_copies: dict[str, ImageCopy] = {}
        self.remote_uses: list[tuple[Use, RemoteImage | None]] = []  # None: shown on the web only

    # --- what each issue uses -----------------------------------------------------------

    def plan(self, issue_id: str) -> IssueAssets:
        """What the issue uses, resolved: from the cache while its files, the static folder
        and the settings are unchanged (the issue is not even read then)."""
        if issue_id not in self._plans:
            loaded = self._loaded(issue_id)
            key = cache_key("issue-assets", loaded[0], self.fingerprint, self._settings)
            plan = self._cached(key, lambda: self.resolver.issue_assets(self.site.issue(issue_id), loaded[1]))
            self._plans[issue_id] = plan
            for use in plan.uses:
                self._publish(use)
        return self._plans[issue_id]

    def _loaded(self, issue_id: str) -> tuple[str, dict[str, str]]:
        if issue_id == self.site.target.issue.id:
            return self.site.target.key, dict(self.site.target.files)
        each = next(each for each in self.site.published if each.summary.id == issue_id)
        return each.key, dict(each.files)

    def outputs(self, pages: Mapping[str, bytes]) -> dict[str, bytes]:
        """Every asset of every published issue, the logo, and the static folder's files;
        a static file may not stand where digest writes one of `pages`."""
        for loaded in self.site.published:
            self.plan(loaded.summary.id)
        self.plan(self.site.target.issue.id)
        if self.logo_use is not None:
            self._publish(self.logo_use)
        outputs = dict(self._outputs)
        refuse_clashes(self.static, [*outputs, *pages])
        outputs.update(self.static.contents)
        return outputs

    # --- the copies -------------------------------------------------------------------

    def _publish(self, use: Use) -> None:
        """The use's copies made (or read from the cache) and added to the outputs."""
        key = (use.source, use.url)
        if (*key, "web") in self._pictures:
            return
        self._pictured.add(use.source)
        if use.file is None:
            self._pictures[(*key, "web")] = Picture(use.url, None, None, use.alt or "")
            self._pictures[(*key, "share")] = self._pictures[(*key, "web")]
            self._publish_remote(use)
            return
        if not use.is_image and not use.file.is_image:
            name = self._output_name(use.file, use.file.suffix.lstrip("."), use.file.digest)
            self._outputs.setdefault(name, self._read(use, use.file))
            self._pictures[(*key, "web")] = Picture(self.base_url + name, None, None, "")
            return
        self._pictures[(*key, "web")] = self._picture(use, WEB_SPEC)
        if _in_email(use):
            self._pictures[(*key, "email")] = self._picture(use, email_spec())
            self._pictures[(*key, "share")] = self._pictures[(*key, "email")]

    def _publish_remote(self, use: Use) -> None:
        """A remote image shown by the email, the feeds or a shared link: sized if its size
        can be known, left out of the email otherwise."""
        if not _in_email(use):
            self.remote_uses.append((use, None))
            return
        remote = self.remote.get(use.url)
        self.remote_uses.append((use, remote))
        self.origins.setdefault(use.url, use)
        if not remote.known or remote.format not in email_spec().formats:
            return
        width = min(remote.width, EMAIL_WIDTH)
        height = max(1, round(remote.height * width / remote.width))
        self._pictures[(use.source, use.url, "email")] = Picture(
            use.url,
            width,
            height,
            use.alt or "",
            plate=remote.may_be_transparent,
            media_type=MEDIA_TYPES.get(remote.format),
            length=remote.length,
            pixels=(remote.width, remote.height),
        )

    def facts(self, issue_id: str) -> str:
        """What the issue's email shows of its files and remote images: each file's digest,
        and what the build knows of each remote image (its size, or why it is unknown), so
        an email made without one is not served once it is known, nor the other way round."""
        uses = self.plan(issue_id).uses
        files = sorted((use.file.shown, use.file.digest) for use in uses if use.file)
        remote = sorted(
            (use.url, self.remote.get(use.url)) for use in uses if not use.file and _in_email(use)
        )
        return repr((files, remote))

    def remote_image_urls(self) -> frozenset[str]:
        """Every remote image of the build's issues, for the link check to confirm as images."""
        for loaded in self.site.published:
            self.plan(loaded.summary.id)
        return frozenset(use.url.strip() for use, _ in self.remote_uses)

    def _picture(self, use: Use, spec: ImageSpec) -> Picture:
        assert use.file is not None
        copy = self._copy(use, use.file, spec)
        name = self._output_name(use.file, copy.extension, hashlib.sha256(copy.data).hexdigest())
        self._outputs.setdefault(name, copy.data)
        if spec.purpose == "email":
            self.origins.setdefault(self.base_url + name, use)
            self.email_copies[self.base_url + name] = copy
        # The email's copy is twice the size it is shown at (or its own size, when smaller).
        width = min(copy.source_width, EMAIL_WIDTH) if spec.purpose == "email" else copy.width
        height = max(1, round(copy.height * width / copy.width))
        return Picture(
            self.base_url + name,
            width,
            height,
            use.alt or "",
            plate=copy.transparent,
            media_type=copy.media_type,
            length=len(copy.data),
            pixels=(copy.width, copy.height),
        )

    def _copy(self, use: Use, file: LocalFile, spec: ImageSpec) -> ImageCopy:
        if (file.digest, spec.purpose) in self._copies:
            return self._copies[file.digest, spec.purpose]
        key = cache_key("image-copy", file.digest, repr(spec))

        def make() -> ImageCopy:
            try:
                return make_copy(self._read(use, file), spec)
            except UnreadableImage as problem:
                raise ContentError(
                    f"image {quoted(use.url)} ({file.shown}): {problem}",
                    use.source,
                    line_of(use),
                ) from None

        copy = self._cached(key, make)
        self._copies[file.digest, spec.purpose] = copy
        return copy

    def _read(self, use: Use, file: LocalFile) -> bytes:
        try:
            return file.read(self.config.build.max_asset_bytes)
        except DigestError as error:
            raise ContentError(
                f"{quoted(use.url)} ({file.shown}): {error.problem}", use.source, line_of(use)
            ) from None

    @staticmethod
    def _output_name(file: LocalFile, extension: str, digest: str) -> str:
        stem = slugify(file.path.stem, "file")[:60]
        # Lowercase ASCII, as the stem: paper.PDF and paper.pdf of two issues were two
        # outputs that are one file where case is ignored (macOS, Windows), and a file
        # without one ended in a dot, which Windows drops.
        suffix = re.sub(r"[^a-z0-9]", "", extension.lower())[:16]
        return f"{ASSETS_FOLDER}/{stem}-{digest[:12]}" + (f".{suffix}" if suffix else "")

    def _cached(self, key: str, compute: Callable[[], T]) -> T:
        if self.cache is None:
            return compute()
        return self.cache.get_or_compute(key, compute)

    # --- what the outputs show ------------------------------------------------------------

    def picture(self, source: Path, url: str, purpose: str) -> Picture | None:
        """The picture written as `url` in `source`, as `purpose` shows it: "web" (the web
        pages), "email", "share" (social tags and feeds' enclosures: the email's copy of a
        local image, a remote one by its address alone, whether the build is online or not),
        or "feed" (a feed entry's HTML, which no stylesheet reaches: the share copy, painted
        on its plate, where there is one, else the web copy). An image shown on the web pages
        only is the same in the email (a link to its web copy)."""
        if purpose == "feed":
            return self.picture(source, url, "share") or self.picture(source, url, "web")
        found = self._pictures.get((source, url, purpose))
        if found is None and purpose == "email" and (source, url, "web") in self._pictures:
            web = self._pictures[(source, url, "web")]
            return None if web.width is None else web
        return found

    def cover(self, review: Review, purpose: str) -> Picture | None:
        """A review's own image (front matter), its alternative text the title where none
        is given, with its dark variant."""
        if not review.image:
            return None
        picture = self.picture(review.path, review.image, purpose)
        if picture is None:
            return None
        dark = self.picture(review.path, review.image_dark, purpose) if review.image_dark else None
        alt = review.image_alt or review.title
        dark = dark and dataclasses.replace(dark, alt=alt)
        return dataclasses.replace(picture, alt=alt, caption=review.image_caption, dark=dark)

    def logo(self, purpose: str) -> Picture | None:
        if self.logo_use is None:
            return None
        if not any(key[0] == self.logo_use.source for key in self._pictures):
            self._publish(self.logo_use)
        picture = self.picture(self.logo_use.source, self.logo_use.url, purpose)
        return picture and dataclasses.replace(picture, alt=self.logo_use.alt or self.config.site.title)

    # --- the issue with its HTML pointing at the copies ------------------------------------

    def for_web(self, issue: Issue) -> Issue:
        """The issue with every image and file its HTML uses at its web copy."""
        self.plan(issue.id)
        return _rewritten(issue, lambda source, markup: self._rewrite(source, markup, "web"))

    def for_feed(self, issue: Issue) -> Issue:
        """The issue with every image and file its HTML uses at the copy a feed reader shows
        (see `picture`)."""
        self.plan(issue.id)
        return _rewritten(issue, lambda source, markup: self._rewrite(source, markup, "feed"))

    def for_email(self, issue: Issue) -> Issue:
        """The issue with issue.md's images at their email copies, sized for the column."""
        self.plan(issue.id)
        return _rewritten(issue, lambda source, markup: self._rewrite(source, markup, "email"), reviews=False)

    def _rewrite(self, source: Path, markup: str, purpose: str) -> str:
        if source not in self._pictured:  # nothing written in it has a copy: nothing to rewrite
            return markup

        def image(tag: str, whole: str) -> str | None:
            if tag != "img":
                return None
            attributes = tag_attributes(whole)
            picture = self.picture(source, attributes.get("src", ""), purpose)
            return None if picture is None else image_tag(picture, attributes, purpose)

        def link(tag: str, name: str, value: str) -> str | None:
            if tag != "a" or name != "href":
                return None
            picture = self.picture(source, html.unescape(value), "web")
            return None if picture is None else html.escape(picture.url)

        return rewrite_html(markup, text=None, start_tag=image, attribute=link, only=_IMAGE_OR_LINK)


def site_files_fingerprint(config: Config) -> str:
    """The static folder's files and the logo, as a build sees them (for `digest list`)."""
    static = read_static(config)
    return _fingerprint(static, Resolver(config, static).logo())


def _fingerprint(static: StaticFolder, logo_use: Use | None) -> str:
    logo = logo_use.file.digest if logo_use and logo_use.file else ""
    return hashlib.sha256(f"{static.fingerprint}\0{logo}".encode()).hexdigest()


def _in_email(use: Use) -> bool:
    """Shown by the email (issue.md's images, reviews' own images, the logo), the feeds and
    shared links, which get the email's copies."""
    return use.role in EMAIL_ROLES or use.source.name == "issue.md"


def image_tag(picture: Picture, attributes: Mapping[str, str], purpose: str) -> str:
    """An <img> for the picture, keeping the written alt and title; sized in CSS pixels."""
    most = EMAIL_TEXT_WIDTH if purpose == "email" else None
    size = picture.fit(most) if most else picture.fit(10_000)
    parts = [f'<img src="{html.escape(picture.url)}" alt="{html.escape(attributes.get("alt", ""))}"']
    if attributes.get("title"):
        parts.append(f' title="{html.escape(attributes["title"])}"')
    if size is not None:
        parts.append(f' width="{size[0]}" height="{size[1]}"')
    if purpose == "email":
        width = f"max-width:{size[0]}px;" if size else ""
        plate = "background-color:#ffffff;" if picture.plate else ""
        parts.append(f' style="width:100%;{width}height:auto;border:0;{plate}"')
    elif picture.plate:
        parts.append(' class="plate"')
    return "".join(parts) + ">"


def _rewritten(issue: Issue, rewrite: Callable[[Path, str], str], *, reviews: bool = True) -> Issue:
    issue_file = issue.path / "issue.md"
    changed: dict[int, Item] = {}

    def item(each: Item) -> Item:
        if id(each) not in changed:
            if isinstance(each, LinkItem):
                changed[id(each)] = dataclasses.replace(
                    each, comment_html=rewrite(issue_file, each.comment_html)
                )
            elif reviews:
                changed[id(each)] = dataclasses.replace(each, html=rewrite(each.path, each.html))
            else:
                changed[id(each)] = each
        return changed[id(each)]

    sections = tuple(
        IssueSection(section.title, section.slug, tuple(item(each) for each in section.items))
        for section in issue.sections
    )
    return dataclasses.replace(
        issue,
        intro_html=rewrite(issue_file, issue.intro_html),
        reviews=tuple(item(review) for review in issue.reviews),  # type: ignore[misc]
        links=tuple(item(link) for link in issue.links),  # type: ignore[misc]
        sections=sections,
    )
