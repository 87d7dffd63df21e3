"""The demo email rendered in headless Chromium: phone and desktop widths, light and dark.

The email is built through the CLI in a copy of the demo project, opened once, and
measured at each width and colour scheme. Screenshots land in tests/screenshots/
(git-ignored) for a person to look at.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from click.testing import CliRunner

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
