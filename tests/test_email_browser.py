"""The demo email rendered in headless Chromium: phone and desktop widths, light and dark,
and as Gmail, Outlook.com and Yahoo show it.

The email is built through the CLI in a copy of the demo project, opened once, and
measured at each width and colour scheme. Screenshots land in tests/screenshots/
(git-ignored) for a person to look at. Each client view (the same HTML without the CSS
that client drops, by caniemail's data) must show the reader the same text as the full
render, for the demo and for every golden email.
"""

from __future__ import annotations

import asyncio
import difflib
import io
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from click.testing import CliRunner

from digest.checks.clients.mailclients import VIEW_CLIENTS
from digest.checks.clients.report import client_view
from digest.cli import cli
from digest.config import load_config
from digest.sources.issue import load_issue
from tests.browser import Rgb, connect, contrast, css_colour, find_chromium, launch, open_page, png_size
from tests.browser import relative_luminance as luminance
from tests.conftest import REPO

ISSUE = "issue-2025"
WIDTHS = (375, 600)
SCHEMES = ("light", "dark")
SCREENSHOT_DIR = REPO / "tests" / "screenshots"
SCREENSHOTS = {
    (375, "light"): "light-375.png",
    (600, "light"): "light-600.png",
    (600, "dark"): "dark-600.png",
}
VIEWPORT_HEIGHT = 800

# Measures one rendering: overflow, headings and their visibility, and the colours of
# every element that holds text itself, each against the background painted behind it.
MEASURE = r"""
(() => {
  const transparent = (colour) => colour === 'transparent' || /^rgba\(.*,\s*0\)$/.test(colour);
  const painted = (element) => {
    for (let e = element; e; e = e.parentElement) {
      const colour = getComputedStyle(e).backgroundColor;
      if (!transparent(colour)) return colour;
    }
    return 'rgb(255, 255, 255)';  // the canvas; the theme paints its body, so this is not reached
  };
  const visible = (element) => {
    const box = element.getBoundingClientRect();
    if (box.width < 1 || box.height < 1 || box.left < 0 || box.right > window.innerWidth + 0.5) return false;
    for (let e = element; e; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.display === 'none' || style.visibility !== 'visible' || Number(style.opacity) === 0) return false;
    }
    return true;
  };
  const ownText = (element) => [...element.childNodes]
    .filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => node.textContent).join('')
    .replace(/\s+/g, ' ').trim();
  const text = (element) => element.textContent.replace(/\s+/g, ' ').trim();
  return {
    innerWidth: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    body: painted(document.body),
    headings: [...document.querySelectorAll('h1, h2, h3, h4')]
      .map((h) => ({ text: text(h), visible: visible(h) })),
    texts: [...document.body.querySelectorAll('*')]
      .filter((e) => ownText(e) && visible(e))
      .map((e) => ({
        tag: e.tagName.toLowerCase(), text: ownText(e).slice(0, 60),
        colour: getComputedStyle(e).color, background: painted(e),
      })),
  };
})()
"""


@dataclass(frozen=True)
class TextRun:
    tag: str
    text: str
    colour: Rgb
    background: Rgb

    @property
    def contrast(self) -> float:
        return contrast(self.colour, self.background)


@dataclass(frozen=True)
class Rendering:
    width: int
    scheme: str
    inner_width: int
    scroll_width: int
    body: Rgb
    visible_headings: tuple[str, ...]
    texts: tuple[TextRun, ...]

    @classmethod
    def from_measure(cls, width: int, scheme: str, data: dict[str, Any]) -> Rendering:
        return cls(
            width=width,
            scheme=scheme,
            inner_width=data["innerWidth"],
            scroll_width=data["scrollWidth"],
            body=css_colour(data["body"]),
            visible_headings=tuple(h["text"] for h in data["headings"] if h["visible"]),
            texts=tuple(
                TextRun(t["tag"], t["text"], css_colour(t["colour"]), css_colour(t["background"]))
                for t in data["texts"]
            ),
        )


@pytest.fixture(scope="module")
def chromium() -> str:
    executable = find_chromium()
    if executable is None:
        pytest.skip(
            "chromium is not installed: `make test` installs Debian's chromium package; "
            "the email is rendered in it to check widths and dark mode"
        )
    return executable


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo project with its issue built through the CLI (link checker off)."""
    project = tmp_path_factory.mktemp("project")
    config = (REPO / "digest.toml").read_text().replace("check = true", "check = false")
    (project / "digest.toml").write_text(config)
    shutil.copytree(REPO / "issues", project / "issues")
    previous = Path.cwd()
    os.chdir(project)
    try:
        result = CliRunner().invoke(cli, ["build", ISSUE])
    finally:
        os.chdir(previous)
    assert result.exit_code == 0, result.output
    return project


@pytest.fixture(scope="module")
def review_titles(demo: Path) -> list[str]:
    issue = load_issue(load_config(demo / "digest.toml"), ISSUE).issue
    return [review.title for review in issue.reviews]


@pytest.fixture(scope="module")
def renderings(
    chromium: str, demo: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[int, str], Rendering]:
    email = demo / "dist" / ISSUE / "email.html"
    for name in SCREENSHOTS.values():
        (SCREENSHOT_DIR / name).unlink(missing_ok=True)
    with launch(chromium, tmp_path_factory.mktemp("chromium") / "profile") as url:
        return asyncio.run(render(url, email))


async def render(url: str, email: Path) -> dict[tuple[int, str], Rendering]:
    async with aiohttp.ClientSession() as client:
        devtools = await connect(url, client)
        try:
            page = await open_page(devtools)
            await page.set_viewport(WIDTHS[-1], VIEWPORT_HEIGHT)
            await page.open(email)
            renderings = {}
            for scheme in SCHEMES:
                await page.set_color_scheme(scheme)
                for width in WIDTHS:
                    await page.set_viewport(width, VIEWPORT_HEIGHT)
                    data = await page.evaluate(MEASURE)
                    renderings[width, scheme] = Rendering.from_measure(width, scheme, data)
                    if (width, scheme) in SCREENSHOTS:
                        await page.screenshot(SCREENSHOT_DIR / SCREENSHOTS[width, scheme])
            return renderings
        finally:
            await devtools.close()


VIEWS = [(width, scheme) for scheme in SCHEMES for width in WIDTHS]


@pytest.mark.parametrize(("width", "scheme"), VIEWS)
def test_no_horizontal_overflow(
    renderings: dict[tuple[int, str], Rendering], width: int, scheme: str
) -> None:
    rendering = renderings[width, scheme]
    assert rendering.inner_width == width
    assert rendering.scroll_width <= rendering.inner_width


@pytest.mark.parametrize(("width", "scheme"), VIEWS)
def test_every_review_title_is_visible(
    renderings: dict[tuple[int, str], Rendering], review_titles: list[str], width: int, scheme: str
) -> None:
    assert review_titles
    missing = [t for t in review_titles if t not in renderings[width, scheme].visible_headings]
    assert not missing, f"review titles not visible at {width}px ({scheme}): {missing}"


@pytest.mark.parametrize("width", WIDTHS)
def test_dark_mode_darkens_the_page(renderings: dict[tuple[int, str], Rendering], width: int) -> None:
    light, dark = renderings[width, "light"], renderings[width, "dark"]
    assert luminance(light.body) > 0.5
    assert min(luminance(run.background) for run in light.texts) > 0.5
    assert luminance(dark.body) < 0.1, (
        f"the body keeps #{bytes(dark.body).hex()} in dark mode; it paints the canvas around and "
        "below the email, so the dark rule in email.css must cover `body` too"
    )
    light_behind = [run for run in dark.texts if luminance(run.background) >= 0.1]
    assert not light_behind, f"text still on a light background in dark mode: {light_behind}"


@pytest.mark.parametrize(("width", "scheme"), VIEWS)
def test_text_stays_readable(renderings: dict[tuple[int, str], Rendering], width: int, scheme: str) -> None:
    runs = renderings[width, scheme].texts
    assert any(run.tag == "p" for run in runs)
    unreadable = [
        f"<{run.tag}> {run.text!r}: {run.contrast:.2f}:1 (#{bytes(run.colour).hex()} on "
        f"#{bytes(run.background).hex()})"
        for run in runs
        if run.contrast < 4.5
    ]
    assert not unreadable, "\n".join(unreadable)


def test_screenshots_are_saved_at_each_width(renderings: dict[tuple[int, str], Rendering]) -> None:
    for (width, _), name in SCREENSHOTS.items():
        width_px, height_px = png_size((SCREENSHOT_DIR / name).read_bytes())
        assert width_px == width
        assert height_px > VIEWPORT_HEIGHT / 2


# --- client views: the same text in every client ---------------------------------------

# The text a reader can see: text nodes with a box on screen, inside every clipping
# ancestor (overflow, clip), in an element neither hidden nor fully transparent.
VISIBLE_TEXT = r"""
(() => {
  const invisible = /[\s\u034f\u200b-\u200d\u00a0\u00ad\u2007\ufeff]+/g;
  const transparent = (colour) => colour === 'transparent' || /^rgba\(.*,\s*0\)$/.test(colour);
  const zeroClip = (style) => /^rect\((0|1)px,? (0|1)px,? (0|1)px,? (0|1)px\)$/.test(style.clip);
  const shown = (node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    const boxes = [...range.getClientRects()].filter((box) => box.width >= 1 && box.height >= 1);
    if (!boxes.length) return false;
    for (let e = node.parentElement; e; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.display === 'none' || style.visibility !== 'visible' || Number(style.opacity) === 0) return false;
      if (e === node.parentElement && transparent(style.color)) return false;
      if (style.position !== 'static' && zeroClip(style)) return false;
      if (style.overflow !== 'visible' && e !== document.body && e !== document.documentElement) {
        const edge = e.getBoundingClientRect();
        const inside = boxes.some((box) => box.right > edge.left + 0.5 && box.left < edge.right - 0.5
          && box.bottom > edge.top + 0.5 && box.top < edge.bottom - 0.5);
        if (!inside) return false;
      }
    }
    return true;
  };
  const seen = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.replace(invisible, ' ').trim();
    if (text && shown(node)) seen.push(text);
  }
  return seen.join(' ');
})()
"""
GOLDEN_EMAILS = sorted(path for path in (REPO / "tests" / "golden").rglob("email.html"))
CLIENT_VIEWS = tuple(VIEW_CLIENTS)


def email_sources(demo: Path) -> dict[str, Path]:
    """The demo email as built now, and every golden email (the demo's, every mail service's)."""
    emails = {"demo": demo / "dist" / ISSUE / "email.html"}
    emails.update({str(path.relative_to(REPO / "tests" / "golden")): path for path in GOLDEN_EMAILS})
    return emails


@pytest.fixture(scope="module")
def visible_texts(
    chromium: str, demo: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[str, str], str]:
    """The visible text of each email, fully rendered ("full") and in each client view."""
    folder = tmp_path_factory.mktemp("views")
    pages: dict[tuple[str, str], Path] = {}
    for index, (name, path) in enumerate(email_sources(demo).items()):
        html = path.read_bytes()
        pages[name, "full"] = path
        for view, client in VIEW_CLIENTS.items():
            page = folder / f"{index}-{view}.html"
            page.write_bytes(client_view(html, client))
            pages[name, view] = page
    with launch(chromium, tmp_path_factory.mktemp("chromium-views") / "profile") as url:
        return asyncio.run(read_texts(url, pages))


async def read_texts(url: str, pages: dict[tuple[str, str], Path]) -> dict[tuple[str, str], str]:
    async with aiohttp.ClientSession() as client:
        devtools = await connect(url, client)
        try:
            page = await open_page(devtools)
            await page.set_viewport(600, VIEWPORT_HEIGHT)
            texts = {}
            for key, path in pages.items():
                await page.open(path)
                texts[key] = await page.evaluate(VISIBLE_TEXT)
            return texts
        finally:
            await devtools.close()


@pytest.mark.parametrize(
    "email", ["demo", *(str(p.relative_to(REPO / "tests" / "golden")) for p in GOLDEN_EMAILS)]
)
@pytest.mark.parametrize("view", CLIENT_VIEWS)
def test_client_views_show_the_same_text(
    visible_texts: dict[tuple[str, str], str], email: str, view: str
) -> None:
    full, shown = visible_texts[email, "full"], visible_texts[email, view]
    assert "Read our review" in full
    assert shown == full, (
        f"{email} as {VIEW_CLIENTS[view].short} shows other text than the full render:\n"
        + "\n".join(difflib.unified_diff(full.split(". "), shown.split(". "), "full", view, lineterm=""))
    )


def test_the_visible_text_leaves_out_what_is_hidden(visible_texts: dict[tuple[str, str], str]) -> None:
    full = visible_texts["demo", "full"]
    assert "Reasoning via reinforcement learning" not in full  # the preheader
    assert full.startswith("View this issue in your browser")


def test_a_clipped_span_shows_in_the_views_of_clients_that_drop_position(
    chromium: str, tmp_path: Path
) -> None:
    """The check itself catches what the issue found: a "visually hidden" span shows in Gmail."""
    span = (
        '<span style="position:absolute; width:1px; height:1px; overflow:hidden; '
        'clip:rect(0 0 0 0); white-space:nowrap">: the title</span>'
    )
    email = (REPO / "tests" / "golden" / ISSUE / "email.html").read_text()
    email = email.replace("Read our review →", f"Read our review{span} →", 1)
    full, gmail = tmp_path / "full.html", tmp_path / "gmail.html"
    full.write_text(email)
    gmail.write_bytes(client_view(email, VIEW_CLIENTS["gmail"]))
    with launch(chromium, tmp_path / "profile") as url:
        texts = asyncio.run(read_texts(url, {("x", "full"): full, ("x", "gmail"): gmail}))
    assert ": the title" not in texts["x", "full"]
    assert ": the title" in texts["x", "gmail"]


# --- images: loaded, sized for the column, scaled on phones, seen in dark mode ----------------

# Every image of the page: whether it loaded, its natural size, its attributes and its box.
IMAGES = r"""
(() => [...document.images].map((img) => {
  const box = img.getBoundingClientRect();
  let shown = box.width >= 1 && box.height >= 1;
  for (let e = img; e; e = e.parentElement) {
    const style = getComputedStyle(e);
    if (style.display === 'none' || style.visibility !== 'visible') shown = false;
  }
  return {
    src: img.getAttribute('src'), alt: img.getAttribute('alt'), loaded: img.complete && img.naturalWidth > 0,
    natural: [img.naturalWidth, img.naturalHeight], width: img.getAttribute('width'),
    height: img.getAttribute('height'), box: [box.left, box.top, box.width, box.height], shown,
    background: getComputedStyle(img).backgroundColor, innerWidth: window.innerWidth,
  };
}))()
"""


def local_copy(dist: Path, page: str, folder: Path) -> Path:
    """The page with the site's address pointed at the built folder, so its images load from disk."""
    html = (
        (dist / page).read_text(encoding="utf-8").replace("https://digest.example.org/", dist.as_uri() + "/")
    )
    copy = folder / page.replace("/", "-")
    copy.write_text(html, encoding="utf-8")
    return copy


@pytest.fixture(scope="module")
def image_views(
    chromium: str, demo: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[str, int, str], tuple[list[dict[str, Any]], bytes]]:
    """Each image of the email and of the featured review's page, with a screenshot of the
    viewport, at each width and colour scheme."""
    folder = tmp_path_factory.mktemp("image-pages")
    dist = demo / "dist"
    pages = {
        "email": local_copy(dist, f"{ISSUE}/email.html", folder),
        "page": local_copy(
            dist, f"{ISSUE}/review-sebastian-raschka-on-the-state-of-llms-in-2025/index.html", folder
        ),
    }
    with launch(chromium, tmp_path_factory.mktemp("chromium-images") / "profile") as url:
        return asyncio.run(measure_images(url, pages))


async def measure_images(
    url: str, pages: dict[str, Path]
) -> dict[tuple[str, int, str], tuple[list[dict[str, Any]], bytes]]:
    import base64

    async with aiohttp.ClientSession() as client:
        devtools = await connect(url, client)
        try:
            page = await open_page(devtools)
            views = {}
            for name, path in pages.items():
                for scheme in SCHEMES:
                    for width in WIDTHS:
                        await page.set_color_scheme(scheme)
                        await page.set_viewport(width, 4000)
                        await page.open(path)
                        images = await page.evaluate(IMAGES)
                        shot = await page.send("Page.captureScreenshot", format="png")
                        views[name, width, scheme] = (images, base64.b64decode(shot["data"]))
            return views
        finally:
            await devtools.close()


IMAGE_VIEWS = [(page, width, scheme) for page in ("email", "page") for scheme in SCHEMES for width in WIDTHS]


@pytest.mark.parametrize(("page", "width", "scheme"), IMAGE_VIEWS)
def test_every_image_loads_and_fits_its_column(
    image_views: dict[tuple[str, int, str], tuple[list[dict[str, Any]], bytes]],
    page: str,
    width: int,
    scheme: str,
) -> None:
    images, _ = image_views[page, width, scheme]
    shown = [image for image in images if image["shown"]]
    assert any("training-costs-" in image["src"] for image in shown), images
    for image in shown:
        assert image["loaded"], f"{image['src']} did not load"
        assert image["alt"], f"{image['src']} has no alt text"
        left, _, box_width, box_height = image["box"]
        assert left >= 0 and left + box_width <= width + 0.5, f"{image['src']} overflows at {width}px"
        natural_width, natural_height = image["natural"]
        assert box_width / box_height == pytest.approx(natural_width / natural_height, rel=0.02)
        if page == "email":
            assert image["width"] and image["height"] and int(image["width"]) <= 600
            assert box_width <= 600


def test_the_email_image_scales_down_on_phones(
    image_views: dict[tuple[str, int, str], tuple[list[dict[str, Any]], bytes]],
) -> None:
    def chart(width: int) -> dict[str, Any]:
        images, _ = image_views["email", width, "light"]
        return next(image for image in images if "training-costs-" in image["src"] and image["shown"])

    wide, narrow = chart(600), chart(375)
    assert wide["box"][2] == int(wide["width"])  # its own width where the column allows
    assert narrow["box"][2] < int(narrow["width"])  # narrower on a phone
    assert narrow["natural"][0] >= 2 * narrow["box"][2]  # still sharp on a 2x screen


@pytest.mark.parametrize(("page", "width"), [(page, width) for page in ("email", "page") for width in WIDTHS])
def test_a_transparent_chart_stays_visible_in_dark_mode(
    image_views: dict[tuple[str, int, str], tuple[list[dict[str, Any]], bytes]], page: str, width: int
) -> None:
    """The chart is dark lines on nothing: in dark mode it sits on a light plate."""
    from PIL import Image

    images, screenshot = image_views[page, width, "dark"]
    chart = next(image for image in images if "training-costs-" in image["src"] and image["shown"])
    shot = Image.open(io.BytesIO(screenshot)).convert("RGB")
    left, top, _, box_height = chart["box"]
    inside = shot.getpixel((int(left + 3), int(top + 3)))  # the chart's empty corner
    outside = shot.getpixel((2, int(top + box_height / 2)))  # the page beside it
    assert luminance(inside) > 0.8, f"the chart's background is #{bytes(inside).hex()} in dark mode"
    assert luminance(outside) < 0.1


# --- the issue's case: a photo, a diagram, a remote image and a front matter image ---------------


@pytest.fixture(scope="module")
def pictured_views(
    chromium: str, tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[str, int, str], tuple[list[dict[str, Any]], bytes]]:
    """The demo with every kind of image (tests/test_assets.py), built with its remote images
    served on 127.0.0.1, its email rendered at each width and colour scheme."""
    from tests.test_assets import REMOTE, add_pictures, image_server

    project = tmp_path_factory.mktemp("pictured")
    config = (REPO / "digest.toml").read_text().replace("check = true", "check = false")
    (project / "digest.toml").write_text(config)
    shutil.copytree(REPO / "issues", project / "issues")
    with image_server() as server:
        add_pictures(project, server)
        previous = Path.cwd()
        os.chdir(project)
        try:
            result = CliRunner().invoke(cli, ["build", ISSUE])
        finally:
            os.chdir(previous)
        assert result.exit_code == 0, result.output
    # Chromium here reaches no host, 127.0.0.1 included: the remote images come from a folder
    # holding what the server served.
    remote = tmp_path_factory.mktemp("remote")
    for name, (_, data) in REMOTE.items():
        (remote / name.lstrip("/")).write_bytes(data)
    pages = tmp_path_factory.mktemp("pictured-pages")
    email = local_copy(project / "dist", f"{ISSUE}/email.html", pages)
    email.write_text(email.read_text().replace(server, remote.as_uri()))
    with launch(chromium, tmp_path_factory.mktemp("chromium-pictured") / "profile") as url:
        return asyncio.run(measure_images(url, {"email": email}))


@pytest.mark.parametrize(("width", "scheme"), VIEWS)
def test_every_kind_of_image_shows_in_the_email(
    pictured_views: dict[tuple[str, int, str], tuple[list[dict[str, Any]], bytes]], width: int, scheme: str
) -> None:
    images, _ = pictured_views["email", width, scheme]
    shown = {image["alt"]: image for image in images if image["shown"]}
    assert set(shown) == {
        "The pipeline at a glance",
        "A yellow square on blue",
        "Review: The State of LLMs in 2025",
    }
    for image in shown.values():
        assert image["loaded"], f"{image['src']} did not load"
        left, _, box_width, box_height = image["box"]
        assert left >= 0 and left + box_width <= width + 0.5
        assert box_width <= int(image["width"]) <= 600
        assert box_width / box_height == pytest.approx(image["natural"][0] / image["natural"][1], rel=0.02)
    assert "/remote" in shown["Review: The State of LLMs in 2025"]["src"]  # the remote image
    assert shown["A yellow square on blue"]["natural"][0] == 1200  # the photo's 2x copy
