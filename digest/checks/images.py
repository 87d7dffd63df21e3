"""The email's images: each sized, none too heavy together, none a blank first frame, and
no remote image left out without a word. Findings name the file and line the image is
written in (a review, issue.md, or the template for the theme's own).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from digest.checks.links import html_document
from digest.config import Config
from digest.errors import Finding, unquoted
from digest.model import Issue
from digest.render.assets import EMAIL_WIDTH, SiteAssets
from digest.render.environment import Templates
from digest.sources.assets import Use, line_of


def check_images(
    config: Config, issue: Issue, outputs: Mapping[str, bytes], assets: SiteAssets
) -> list[Finding]:
    html = outputs[f"{issue.id}/email.html"]
    images = list(_email_images(html, f"{issue.id}/email.html"))
    return [
        *_unsized(images, assets, config),
        *_left_out(issue, assets),
        *_weight(images, assets, outputs, config),
        *_first_frames(images, assets),
    ]


def _email_images(html: bytes, output: str) -> Iterator[dict[str, str]]:
    if not html.strip():
        return
    for image in html_document(html, output).iter("img"):  # read whole, as the link check reads it
        yield {name: str(value) for name, value in image.attrib.items()}


def _where(use: Use | None, config: Config) -> tuple[Path | None, int | None]:
    if use is None:
        return Path(Templates(config).file_of("email.mjml.j2")), None
    return use.source, line_of(use)


def _unsized(images: list[dict[str, str]], assets: SiteAssets, config: Config) -> Iterator[Finding]:
    """Outlook for Windows shows an image without a width at the file's own size."""
    for image in images:
        src = image.get("src", "")
        width, height = image.get("width", ""), image.get("height", "")
        path, line = _where(assets.origins.get(src), config)
        if not (width.isdigit() and height.isdigit()):
            yield Finding(
                "warning",
                "image-size",
                f"image {unquoted(src)} has no width and height in the email: Outlook for Windows shows "
                "it at its own size and others jump as it loads; use an image digest can size (a file "
                "beside the review, or a remote image with the link check on)",
                path,
                line,
            )
        elif int(width) > EMAIL_WIDTH:
            yield Finding(
                "error",
                "image-size",
                f"image {unquoted(src)} is {width} pixels wide in an email {EMAIL_WIDTH} pixels wide: "
                f"give it a width of at most {EMAIL_WIDTH}",
                path,
                line,
            )


def _left_out(issue: Issue, assets: SiteAssets) -> Iterator[Finding]:
    """A remote card image the email cannot size or show, said once per image."""
    from digest.render.images import email_spec

    seen: set[str] = set()
    for use, remote in assets.remote_uses:
        if remote is None or use.url in seen or not use.source.is_relative_to(issue.path):
            continue
        seen.add(use.url)
        if remote.known and remote.format in email_spec().formats:
            continue
        why = remote.problem or (
            f"it is {remote.format}, which some major mail clients do not show (Outlook for Windows)"
        )
        outcome = "the email's card leaves it out" if use.role != "inline" else "the email cannot size it"
        yield Finding(
            "warning",
            "remote-image",
            f"remote image {unquoted(use.url)}: {why}, so {outcome}; save the image (JPEG or PNG) beside the "
            "review and name that, and digest makes the email's copy",
            use.source,
            line_of(use),
        )


def _weight(
    images: list[dict[str, str]], assets: SiteAssets, outputs: Mapping[str, bytes], config: Config
) -> Iterator[Finding]:
    """What a reader downloads to see the email, against [email] max_image_bytes."""
    sizes: dict[str, int] = {}
    for image in images:
        src = image.get("src", "")
        if src.startswith(assets.base_url) and src[len(assets.base_url) :] in outputs:
            sizes[src] = len(outputs[src[len(assets.base_url) :]])
        elif src.startswith(("http://", "https://")) and assets.remote.get(src).known:
            sizes[src] = assets.remote.get(src).length
    total, budget = sum(sizes.values()), config.email.max_image_bytes
    if total <= budget:
        return
    heaviest = max(sizes, key=lambda src: sizes[src])
    path, line = _where(assets.origins.get(heaviest), config)
    yield Finding(
        "warning",
        "image-weight",
        f"the email's images weigh {total:,} bytes, over [email] max_image_bytes ({budget:,}); the "
        f"heaviest is {unquoted(heaviest)} ({sizes[heaviest]:,} bytes): make it smaller, or show fewer "
        "images",
        path,
        line,
    )


def _first_frames(images: list[dict[str, str]], assets: SiteAssets) -> Iterator[Finding]:
    """Outlook for Windows shows an animation's first frame only: that frame must show something."""
    for src in dict.fromkeys(image.get("src", "") for image in images):
        copy = assets.email_copies.get(src)
        use = assets.origins.get(src)
        if copy is None or use is None or not copy.blank_first_frame:
            continue
        yield Finding(
            "warning",
            "image-first-frame",
            f"animated image {unquoted(use.url)}: its first frame is blank, and Outlook for Windows shows "
            "only the first frame; make the first frame the one to see",
            use.source,
            line_of(use),
        )
