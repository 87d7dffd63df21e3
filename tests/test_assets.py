"""Images and files from a review's folder to every output: the issue's own case of a review
with a local photo, a local PNG diagram, a remote image and a front matter image, built
into the email, the web pages, the feeds and dist/assets; and each bad case's one error.

Remote images come from a server on 127.0.0.1 that this module starts; every other
address is excluded from the link check, so nothing reaches the internet.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import socket
import threading
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import lxml.etree
import lxml.html
import pytest
from PIL import Image, ImageDraw

from digest.config import load_config
from digest.errors import ContentError
from digest.files import remove_tree
from digest.pipeline import BuildOptions, prepare
from tests.conftest import ONLY_LOOPBACK, list_first
from tests.helpers import (
    FOLDER,
    REVIEW_FILE,
    Nest,
    add_to_intro,
    build_both,
    clean_build,
    fails_cleanly,
    issue_md,
    line_of,
    one_error_line,
    refuse_listing,
    returns_in_time,
    set_in_config,
)
from tests.linkservers import raw_serving
from tests.test_cli import run, tree
from tests.test_images import CAMERA, animation, diagram, photo
from tests.test_robustness import assert_clean_failure, edit

ISSUE = "issue-2025"
REVIEW = "raschka-state-of-llms.md"  # the demo's featured review
OTHER = "state-of-llms-2025.md"
BASE = "https://digest.example.org/"
ASSET_NAME = re.compile(r"^assets/[a-z0-9-]+-([0-9a-f]{12})\.(jpg|png|gif|webp|avif|pdf)$")


# --- a server of remote images ------------------------------------------------------------------


def png_bytes(size: tuple[int, int] = (640, 320)) -> bytes:
    image = Image.new("RGB", size, (30, 120, 90))
    ImageDraw.Draw(image).ellipse((20, 20, size[0] - 20, size[1] - 20), fill=(250, 250, 250))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


REMOTE = {
    "/chart.png": ("image/png", png_bytes()),
    "/cover.png": ("image/png", png_bytes((1600, 900))),
    "/page.html": ("text/html", b"<!doctype html><title>a page, not an image</title>"),
}


class _Images(BaseHTTPRequestHandler):
    def do_HEAD(self) -> None:
        self._answer(body=False)

    def do_GET(self) -> None:
        self._answer(body=True)

    def _answer(self, body: bool) -> None:
        kind, data = REMOTE.get(self.path, ("text/plain", b"not found"))
        self.send_response(200 if self.path in REMOTE else 404)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@contextmanager
def image_server() -> Iterator[str]:
    """A server of REMOTE on 127.0.0.1; its address."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Images)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with image_server() as address:
        yield address


# --- the issue's case -------------------------------------------------------------------------


def online(project: Path) -> None:
    """Links checked over the network, but only on this module's server; http allowed there."""
    settings = (project / "digest.toml").read_text()
    settings = settings.replace("check = false", f"check = true\n{ONLY_LOOPBACK}")
    settings = settings.replace("https_only = true", "https_only = false")
    (project / "digest.toml").write_text(settings)


def add_front_matter(path: Path, lines: str) -> None:
    """`lines` at the top of the front matter, replacing the keys they give."""
    keys = {line.split(":", 1)[0] for line in lines.splitlines()}
    head, _, body = path.read_text().partition("\n---\n")
    kept = [line for line in head.split("\n")[1:] if line.split(":", 1)[0] not in keys]
    path.write_text("\n".join(["---", *lines.rstrip("\n").split("\n"), *kept]) + f"\n---\n{body}")


def add_to_body(path: Path, markdown: str) -> None:
    text = path.read_text()
    head, _, body = text.partition("\n---\n")
    path.write_text(f"{head}\n---\n{markdown}\n\n{body}")


@pytest.fixture
def pictured(project: Path, server: str) -> Path:
    return add_pictures(project, server)


def add_pictures(project: Path, server: str) -> Path:
    """The demo with the issue's four kinds of image: the featured review's front matter
    image is a photo beside it (EXIF orientation, camera, GPS); another review shows a local
    PNG diagram and a remote chart, and has a remote front matter image; issue.md's
    introduction shows the diagram too."""
    folder = project / "issues" / ISSUE
    (folder / "photo.jpg").write_bytes(photo())
    (folder / "diagram.png").write_bytes(diagram())
    add_front_matter(folder / REVIEW, 'image: photo.jpg\nimage_alt: "A yellow square on blue"\n')
    add_front_matter(folder / OTHER, f"image: {server}/cover.png\n")
    add_to_body(
        folder / OTHER,
        f"![How digest reads an issue](diagram.png)\n\n![A remote chart]({server}/chart.png)",
    )
    issue_file = folder / "issue.md"
    issue_file.write_text(issue_file.read_text() + "\n![The pipeline at a glance](diagram.png)\n")
    online(project)
    return project


def build(project: Path, **options: object) -> object:
    config = load_config(project / "digest.toml")
    return prepare(config, ISSUE, BuildOptions(**options))  # type: ignore[arg-type]


def built(project: Path) -> dict[str, bytes]:
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    return tree(project / "dist")


def test_every_image_lands_in_dist_under_a_hashed_name_without_its_metadata(pictured: Path) -> None:
    outputs = built(pictured)
    assets = {name: data for name, data in outputs.items() if name.startswith("assets/")}
    assert len(assets) == 4  # the photo and the diagram, each for the web and the email; no remote one
    for name, data in assets.items():
        match = ASSET_NAME.match(name)
        assert match, name
        assert match.group(1) == hashlib.sha256(data).hexdigest()[:12]
        image = Image.open(io.BytesIO(data))
        assert dict(image.getexif()) == {}, name
        assert CAMERA.encode() not in data
    photos = sorted(Image.open(io.BytesIO(data)).size for name, data in assets.items() if "photo" in name)
    assert photos == [(1200, 1800), (2000, 3000)]  # upright; the email's copy 1200 wide


def test_the_email_shows_every_image_sized_for_600_pixels(pictured: Path) -> None:
    email = lxml.html.document_fromstring(built(pictured)[f"{ISSUE}/email.html"])
    images = email.xpath("//img")
    sources = [image.get("src") for image in images]
    assert len(images) == 3, sources  # the intro's diagram, the featured photo, the remote cover
    for image in images:
        assert image.get("width").isdigit() and image.get("height").isdigit(), image.get("src")
        assert int(image.get("width")) <= 600
        assert "max-width" in image.get("style") and "height:auto" in image.get("style")
    photo_image = next(image for image in images if "photo-" in image.get("src"))
    assert photo_image.get("alt") == "A yellow square on blue"
    assert (photo_image.get("width"), photo_image.get("height")) == ("500", "750")
    remote = next(image for image in images if image.get("src").endswith("/cover.png"))
    assert remote.get("align") == "right"  # a card's thumbnail; the featured card's is large
    assert int(remote.get("width")) / int(remote.get("height")) == pytest.approx(1600 / 900, rel=0.02)
    assert all(src.startswith(("https://digest.example.org/assets/", "http://127.0.0.1")) for src in sources)


def test_web_pages_show_the_images_and_tell_sharing_sites_about_them(pictured: Path) -> None:
    outputs = built(pictured)
    slug = "review-sebastian-raschka-on-the-state-of-llms-in-2025"
    page = lxml.html.document_fromstring(outputs[f"{ISSUE}/{slug}/index.html"])
    cover = page.xpath("//figure[@class='cover']/img")[0]
    assert (
        cover.get("src").startswith(BASE + "assets/photo-") and cover.get("alt") == "A yellow square on blue"
    )
    meta = {m.get("property") or m.get("name"): m.get("content") for m in page.xpath("//head/meta")}
    assert meta["og:image"].startswith(BASE + "assets/photo-") and meta["og:image"].endswith(".jpg")
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "1800")
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["og:image:alt"] == meta["twitter:image:alt"] == "A yellow square on blue"
    other = lxml.html.document_fromstring(outputs[f"{ISSUE}/review-the-state-of-llms-in-2025/index.html"])
    body = {image.get("alt"): image for image in other.xpath("//div[@class='body']//img")}
    assert body["How digest reads an issue"].get("src").startswith(BASE + "assets/diagram-")
    assert body["How digest reads an issue"].get("class") == "plate"  # transparent: a plate when dark
    assert body["A remote chart"].get("src").endswith("/chart.png")
    issue_page = lxml.html.document_fromstring(outputs[f"{ISSUE}/index.html"])
    assert issue_page.xpath("//meta[@property='og:image']/@content") == [meta["og:image"]]


def test_the_feeds_carry_the_issue_picture(pictured: Path) -> None:
    outputs = built(pictured)
    atom = lxml.etree.fromstring(outputs["feed.xml"])
    namespaces = {"a": "http://www.w3.org/2005/Atom", "media": "http://search.yahoo.com/mrss/"}
    entry = atom.xpath("//a:entry[a:id[contains(., 'issue-2025')]]", namespaces=namespaces)[0]
    enclosure = entry.xpath("a:link[@rel='enclosure']", namespaces=namespaces)[0]
    url = enclosure.get("href")
    assert url.startswith(BASE + "assets/photo-") and enclosure.get("type") == "image/jpeg"
    assert int(enclosure.get("length")) == len(outputs[url[len(BASE) :]])
    assert entry.xpath("a:link[@rel='alternate']/@href", namespaces=namespaces) == [BASE + "issue-2025/"]
    assert entry.xpath(".//media:content/@url", namespaces=namespaces) == [url]
    rss = lxml.etree.fromstring(outputs["rss.xml"])
    assert rss.xpath("//item[guid[contains(., 'issue-2025')]]/enclosure/@url") == [url]
    feed = json.loads(outputs["feed.json"])
    assert next(item for item in feed["items"] if item["id"].endswith("issue-2025"))["image"] == url


def test_a_feed_entry_shows_its_pictures_as_the_email_does_not_as_the_styled_web_page(pictured: Path) -> None:
    """A feed reader applies none of the pages' CSS: the web copy of a transparent diagram,
    which the pages put on a light plate in dark mode, showed dark text on a dark reader
    (found by review21). The feed's HTML shows the copies its enclosure and the email show:
    painted on their plate, in a format every reader shows, 600 pixels wide at most."""
    outputs = built(pictured)
    email = lxml.html.document_fromstring(outputs[f"{ISSUE}/email.html"])
    in_email = {image.get("alt"): image.get("src") for image in email.xpath("//img")}
    atom = lxml.etree.fromstring(outputs["feed.xml"])
    namespaces = {"a": "http://www.w3.org/2005/Atom"}
    entry = atom.xpath("//a:entry[a:id[contains(., 'issue-2025')]]", namespaces=namespaces)[0]
    enclosure = entry.xpath("a:link[@rel='enclosure']/@href", namespaces=namespaces)[0]
    content = lxml.html.fragment_fromstring(
        entry.findtext("a:content", namespaces=namespaces), create_parent=True
    )
    shown = {image.get("alt"): image for image in content.xpath("//img")}
    assert shown["A yellow square on blue"].get("src") == enclosure == in_email["A yellow square on blue"]
    diagram = shown["The pipeline at a glance"]  # the introduction's transparent drawing
    assert diagram.get("src") == in_email["The pipeline at a glance"]
    copy = Image.open(io.BytesIO(outputs[diagram.get("src")[len(BASE) :]]))
    assert "A" not in copy.getbands() and "transparency" not in copy.info
    assert all(int(image.get("width")) <= 600 for image in shown.values() if image.get("width"))
    page = lxml.html.document_fromstring(outputs[f"{ISSUE}/index.html"])
    assert page.xpath("//img[@alt='The pipeline at a glance']/@src") != [diagram.get("src")]  # the web's own


def test_a_cards_template_copied_before_feeds_had_their_own_pictures_still_builds(pictured: Path) -> None:
    """A project's own _items.html.j2, copied from the theme before the feeds showed the
    email's copies, asks for the web copies: its build goes on as before, with them."""
    from digest.render.environment import theme_path

    theme = (theme_path() / "_items.html.j2").read_text(encoding="utf-8")
    assert 'picture_purpose | default("web")' in theme
    (pictured / "templates").mkdir()
    (pictured / "templates" / "_items.html.j2").write_text(
        theme.replace('picture_purpose | default("web")', '"web"'), encoding="utf-8"
    )
    outputs = built(pictured)
    page = lxml.html.document_fromstring(outputs[f"{ISSUE}/index.html"])
    [web_copy] = page.xpath("//section[contains(@class, 'featured')]/img/@src")
    assert web_copy.encode() in outputs["feed.xml"]


def test_rebuilding_is_byte_identical(pictured: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    first = built(pictured)
    assert built(pictured) == first  # from the cache
    for leftover in (".digest-cache", "dist"):
        for path in sorted((pictured / leftover).rglob("*"), reverse=True):
            path.unlink() if path.is_file() or path.is_symlink() else path.rmdir()
    assert built(pictured) == first  # from nothing


def test_an_unchanged_image_is_not_decoded_again(pictured: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = built(pictured)

    def refuse(*_: object) -> object:
        raise AssertionError("an image was decoded again")

    monkeypatch.setattr("digest.render.assets.make_copy", refuse)
    assert built(pictured) == before


def test_a_used_image_is_no_unlisted_review_and_an_unused_one_is_named_as_such(pictured: Path) -> None:
    (pictured / "issues" / ISSUE / "spare.png").write_bytes(diagram())
    result = run(pictured, "build", ISSUE)
    assert result.exit_code == 0, result.output
    assert "photo.jpg" not in result.output and "diagram.png" not in result.output
    assert (
        "spare.png: an image no review uses, left out; use it from a review with ![what it shows](spare.png)"
        in result.output
    )


# --- remote images ---------------------------------------------------------------------------


def test_a_remote_image_that_is_a_page_is_a_broken_link(pictured: Path, server: str) -> None:
    add_to_body(pictured / "issues" / ISSUE / OTHER, f"![A chart]({server}/page.html)")
    result = build(pictured)
    errors = [f for f in result.errors if "page.html" in f.message]  # type: ignore[attr-defined]
    assert len(errors) == 1
    assert "the server sends text/html" in errors[0].message
    assert errors[0].path == pictured / "issues" / ISSUE / OTHER


def test_offline_a_remote_card_image_is_left_out_and_said(pictured: Path, server: str) -> None:
    result = build(pictured, check_links_online=False)
    email = result.outputs[f"{ISSUE}/email.html"].decode()  # type: ignore[attr-defined]
    assert f"{server}/cover.png" not in email
    (warning,) = [f for f in result.findings if f.check == "remote-image"]  # type: ignore[attr-defined]
    assert "not known without the network" in warning.message and "card leaves it out" in warning.message
    assert warning.path == pictured / "issues" / ISSUE / OTHER and warning.line == 2


# --- round 17: a server that never answers whole ------------------------------------------------

PNG_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n"


def _endless_body(connection: socket.socket, stopping: threading.Event) -> None:
    """A picture announced, then a byte at a time, each well within the timeout, never finished."""
    connection.sendall(PNG_HEAD + b"Content-Length: 1000000\r\n\r\n\x89PNG")
    while not stopping.wait(0.2):
        connection.sendall(b"\x00")


def _cut_short(connection: socket.socket, stopping: threading.Event) -> None:
    connection.sendall(PNG_HEAD + b"Content-Length: 1000\r\n\r\n\x89PNG\r\n")


def _bad_status_line(connection: socket.socket, stopping: threading.Event) -> None:
    connection.sendall(b"HTTQ/9 200 nearly\r\n\r\n")


def _headers_without_end(connection: socket.socket, stopping: threading.Event) -> None:
    """Header lines, one at a time, each within the timeout, never the blank line that ends them."""
    connection.sendall(PNG_HEAD)
    number = 0
    while not stopping.wait(0.05):
        connection.sendall(f"X-Header-{number}: x\r\n".encode())
        number += 1


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        (_endless_body, "it cannot be fetched (the server did not send it whole within"),
        (_cut_short, "it cannot be fetched (the server sent 6 of its 1,000 bytes)"),
        (_bad_status_line, "it cannot be fetched (the server's answer is not HTTP"),
        (_headers_without_end, "it cannot be fetched ("),
    ],
)
def test_a_remote_picture_never_sent_whole_is_given_up_and_said(
    project: Path, answer: Callable[[socket.socket, threading.Event], None], said: str
) -> None:
    """A server that trickles a picture for ever (each byte within [links] timeout) held the
    build for as long; one that cut it short had the picture called unreadable ('check the
    file': there is none); an answer that is not HTTP, or headers without end, stopped the build
    with a traceback (http.client's errors are neither OSError nor URLError). Found by round 17."""
    from digest.render.remote import fetch

    config = load_config(project / "digest.toml", {"links": {"timeout": 1}})
    with raw_serving("127.0.0.1", answer) as address:

        def fetched() -> None:
            image = fetch(f"{address}/picture.png", config)
            assert not image.known and image.problem.startswith(said), image.problem

        returns_in_time("a picture never sent whole", fetched)


def test_a_remote_pictures_size_learnt_while_the_clock_was_ahead_is_learnt_again(
    project: Path, server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A size stored while the clock was ahead (a machine's date set years on, then put right)
    was fresh until that date came: the picture was never asked again for years."""
    import time

    from digest.cache import BuildCache
    from digest.render import remote

    config = load_config(project / "digest.toml")
    cache = BuildCache(None)  # a build that caches: the pictures' sizes are kept with the links'
    asked: list[str] = []
    fetch = remote.fetch
    monkeypatch.setattr(remote, "fetch", lambda url, config: asked.append(url) or fetch(url, config))
    now = time.time()
    for moment in (now + 10 * 365 * 86400, now):
        monkeypatch.setattr(time, "time", lambda moment=moment: moment)
        assert remote.RemoteImages(config, cache, online=True).get(f"{server}/chart.png").known
    assert len(asked) == 2


# --- the checks' one clear error each ----------------------------------------------------------

BAD_CASES = [
    ("missing", "![A future, mid-poll](figure.png)", None, ("image 'figure.png' not found",)),
    (
        "no-alt",
        "![](figure.png)",
        diagram(),
        ("image 'figure.png' has no alt text", "![what it shows](figure.png)"),
    ),
    ("html-no-alt", '<img src="figure.png">', diagram(), ("image 'figure.png' has no alt text",)),
    ("unreadable", "![A figure](figure.png)", b"\x89PNG\r\n\x1a\nbroken", ("figure.png", "damaged")),
    ("outside", "![A secret](../../../secret.png)", None, ("leads out of the issue folder",)),
    ("svg", "![A drawing](figure.svg)", None, ("figure.svg", "export it as PNG")),
]


@pytest.mark.parametrize(("case", "markdown", "data", "words"), BAD_CASES, ids=[c[0] for c in BAD_CASES])
def test_each_bad_image_is_one_error_naming_the_review_and_line(
    project: Path, case: str, markdown: str, data: bytes | None, words: tuple[str, ...]
) -> None:
    folder = project / "issues" / ISSUE
    if data is not None:
        (folder / "figure.png").write_bytes(data)
    (project / "secret.png").write_bytes(diagram())
    (folder / "figure.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"></svg>')
    assert run(project, "build", ISSUE).exit_code == 0
    before = tree(project / "dist")
    add_to_body(folder / OTHER, markdown)
    line = (folder / OTHER).read_text().split("\n").index(markdown) + 1
    assert_clean_failure(run(project, "build", ISSUE), (f"{OTHER}:{line}:", *words))
    assert tree(project / "dist") == before  # nothing exported


def test_a_decorative_image_may_have_empty_alt_text(project: Path) -> None:
    folder = project / "issues" / ISSUE
    (folder / "rule.png").write_bytes(diagram())
    add_to_body(folder / OTHER, '<img src="rule.png" alt="">')
    assert run(project, "build", ISSUE).exit_code == 0


def test_a_missing_front_matter_image_names_its_line(project: Path) -> None:
    add_front_matter(project / "issues" / ISSUE / OTHER, "image: cover.jpg\n")
    assert_clean_failure(
        run(project, "build", ISSUE), (f"{OTHER}:2:", "front matter image 'cover.jpg' not found")
    )


def test_an_image_over_the_size_limit_names_the_setting(project: Path) -> None:
    folder = project / "issues" / ISSUE
    (folder / "photo.jpg").write_bytes(photo())
    add_to_body(folder / OTHER, "![A photo](photo.jpg)")
    settings = project / "digest.toml"
    limit = len((folder / "training-costs.png").read_bytes())  # the demo's chart still fits
    assert len(photo()) > limit
    settings.write_text(settings.read_text().replace("[build]\n", f"[build]\nmax_asset_bytes = {limit}\n"))
    assert_clean_failure(run(project, "build", ISSUE), (f"{OTHER}:", "photo.jpg", "[build] max_asset_bytes"))


def test_an_image_listed_as_a_review_says_how_to_show_it(project: Path) -> None:
    folder = project / "issues" / ISSUE
    (folder / "figure.png").write_bytes(diagram())
    list_first(folder / "issue.md", "figure.png")
    assert_clean_failure(
        run(project, "build", ISSUE),
        ("figure.png:", "this is an image, not a review", "![what it shows](figure.png)"),
    )


# --- the site's own files -------------------------------------------------------------------


def test_an_image_on_the_site_itself_comes_from_the_static_folder(project: Path) -> None:
    (project / "static" / "images").mkdir(parents=True)
    (project / "static" / "images" / "figure.png").write_bytes(diagram())
    (project / "static" / "robots.txt").write_text("User-agent: *\n")
    add_to_body(
        project / "issues" / ISSUE / OTHER,
        f"![A figure]({BASE}images/figure.png)\n\n![Again](/images/figure.png)",
    )
    outputs = built(project)
    assert outputs["images/figure.png"] == diagram()  # the static folder, as it is
    assert outputs["robots.txt"] == b"User-agent: *\n"
    page = outputs[f"{ISSUE}/review-the-state-of-llms-in-2025/index.html"].decode()
    assert len(re.findall(r'src="https://digest\.example\.org/assets/figure-[0-9a-f]{12}\.png"', page)) == 2


def test_a_static_folder_linked_within_the_project_is_published(project: Path) -> None:
    (project / "site-files").mkdir()
    (project / "site-files" / "robots.txt").write_text("User-agent: *\n")
    (project / "static").symlink_to(project / "site-files", target_is_directory=True)
    assert built(project)["robots.txt"] == b"User-agent: *\n"


def test_a_static_file_may_not_replace_an_output(project: Path) -> None:
    (project / "static").mkdir()
    (project / "static" / "feed.xml").write_text("<feed/>")
    assert_clean_failure(
        run(project, "build", ISSUE), ("static/feed.xml:", "would replace digest's own feed.xml")
    )


def test_a_file_a_review_links_to_is_published(project: Path) -> None:
    folder = project / "issues" / ISSUE
    (folder / "paper.pdf").write_bytes(b"%PDF-1.4\n% a paper\n")
    add_to_body(folder / OTHER, "[The paper](paper.pdf)")
    outputs = built(project)
    (name,) = [name for name in outputs if name.endswith(".pdf")]
    assert ASSET_NAME.match(name) and outputs[name] == b"%PDF-1.4\n% a paper\n"
    assert f'href="{BASE}{name}"' in outputs[f"{ISSUE}/review-the-state-of-llms-in-2025/index.html"].decode()


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("reprot.pdf", "did you mean 'report.pdf'? "),
        ("Report.pdf", "did you mean 'report.pdf'? "),
        ("data.csv", ""),
    ],
)
def test_a_file_a_review_links_to_that_is_missing_is_named_as_a_file(
    project: Path, written: str, hint: str
) -> None:
    """As a missing image is: the link check took it for a page and offered one as its
    likely meaning ('did you mean https://digest.example.org/issue-2025/<review>/?')."""
    folder = project / "issues" / ISSUE
    (folder / "report.pdf").write_bytes(b"%PDF-1.4\n% a report\n")
    add_to_body(folder / OTHER, "[The feed](/feed.xml)")
    assert run(project, "build", ISSUE, "--no-check-links").exit_code == 0  # files the build writes
    add_to_body(folder / OTHER, f"[The report]({written})")
    fails_cleanly(
        project,
        (
            f"{folder / OTHER}:{line_of(folder / OTHER, '[The report]')}: file {written!r} not found beside "
            f"the review, in {ISSUE}/ or in static/: {hint}check the name, or put the file beside the review",
        ),
        "build",
        ISSUE,
        "--no-check-links",
    )


def test_files_whose_names_differ_only_in_case_of_two_issues_are_one_output_file(project: Path) -> None:
    """paper.PDF linked by one issue and paper.pdf by another, the same bytes: two outputs,
    assets/paper-<hash>.PDF and .pdf, one file where case is ignored (macOS, Windows), so a
    later build removing one removed the other's link target there."""
    (project / "issues" / ISSUE / "paper.PDF").write_bytes(b"%PDF-1.4\n% a paper\n")
    add_to_body(project / "issues" / ISSUE / OTHER, "[The paper](paper.PDF)")
    (project / "issues" / "issue-2024" / "paper.pdf").write_bytes(b"%PDF-1.4\n% a paper\n")
    add_to_body(project / "issues" / "issue-2024" / "mixture-of-experts.md", "[The paper](paper.pdf)")
    outputs = built(project)
    papers = [name for name in outputs if name.startswith("assets/paper-")]
    assert len(papers) == 1 and ASSET_NAME.match(papers[0]), papers
    folded = [name.casefold() for name in outputs]
    assert len(set(folded)) == len(folded)


def test_a_file_with_an_odd_extension_is_published_under_a_plain_lowercase_name(project: Path) -> None:
    """An extension holding a space or a letter past ASCII was published as written: one name
    each system spells its own way (macOS decomposes the accent), and one that differs from
    another only in case (data.Ré sumé, data.ré sumé) wherever case is ignored."""
    folder = project / "issues" / ISSUE
    (folder / "data.Ré sumé").write_bytes(b"other notes\n")
    add_to_body(folder / OTHER, "[the data](data.R%C3%A9%20sum%C3%A9)")
    outputs = built(project)
    names = [name for name in outputs if name.startswith("assets/data-")]
    assert [re.sub(r"[0-9a-f]{12}", "H", name) for name in names] == ["assets/data-H.rsum"]


def test_the_logo_is_in_the_masthead_and_the_header(project: Path) -> None:
    (project / "logo.png").write_bytes(diagram((600, 150)))
    settings = project / "digest.toml"
    settings.write_text(settings.read_text() + '\n[theme]\nlogo = "logo.png"\n')
    outputs = built(project)
    email = lxml.html.document_fromstring(outputs[f"{ISSUE}/email.html"])
    (logo,) = email.xpath("//h1[@class='masthead']/img")
    assert logo.get("alt") == "The Digest" and (logo.get("width"), logo.get("height")) == ("240", "60")
    page = lxml.html.document_fromstring(outputs["index.html"])
    (header,) = page.xpath("//header//img")
    assert header.get("alt") == "The Digest" and header.get("src").startswith(BASE + "assets/logo-")
    assert header.get("src")[len(BASE) :] in outputs


def test_a_missing_logo_names_the_setting(project: Path) -> None:
    settings = project / "digest.toml"
    settings.write_text(settings.read_text() + '\n[theme]\nlogo = "logo.png"\n')
    assert_clean_failure(run(project, "build", ISSUE), ("digest.toml", "[theme] logo 'logo.png' not found"))


# --- weight, animation and dark mode ------------------------------------------------------------


def test_images_over_the_budget_are_a_warning_naming_the_heaviest(project: Path) -> None:
    folder = project / "issues" / ISSUE
    (folder / "photo.jpg").write_bytes(photo())
    add_front_matter(folder / REVIEW, 'image: photo.jpg\nimage_alt: "A photo"\n')
    settings = project / "digest.toml"
    settings.write_text(
        settings.read_text().replace("https_only = true", "https_only = true\nmax_image_bytes = 10000")
    )
    result = build(project)
    (warning,) = [f for f in result.findings if f.check == "image-weight"]  # type: ignore[attr-defined]
    assert "over [email] max_image_bytes (10,000)" in warning.message and "photo-" in warning.message
    assert (warning.path, warning.line) == (folder / REVIEW, 2)


def test_an_animation_with_a_blank_first_frame_is_a_warning(project: Path) -> None:
    folder = project / "issues" / ISSUE
    (folder / "moving.gif").write_bytes(animation((255, 255, 255), blank=True))
    add_front_matter(folder / REVIEW, 'image: moving.gif\nimage_alt: "A moving chart"\n')
    result = build(project)
    (warning,) = [f for f in result.findings if f.check == "image-first-frame"]  # type: ignore[attr-defined]
    assert "Outlook for Windows shows only the first frame" in warning.message
    assert warning.path == folder / REVIEW
    name = next(n for n in result.outputs if n.endswith(".gif"))  # type: ignore[attr-defined]
    assert Image.open(io.BytesIO(result.outputs[name])).n_frames == 4  # type: ignore[attr-defined]


@pytest.mark.parametrize(("animated", "costs"), [(True, "decoration"), (False, "none")])
def test_the_client_report_says_outlook_stops_a_gif_only_when_the_issues_file_is_animated(
    project: Path, animated: bool, costs: str
) -> None:
    # caniemail: Outlook for Windows shows an animated GIF's first frame. The build decodes the
    # issue's own GIF, so the report knows whether there is motion to lose.
    folder = project / "issues" / ISSUE
    buffer = io.BytesIO()
    Image.new("RGB", (800, 400), (20, 90, 160)).save(buffer, "GIF")
    (folder / "chart.gif").write_bytes(animation((0, 0, 0)) if animated else buffer.getvalue())
    add_front_matter(folder / REVIEW, 'image: chart.gif\nimage_alt: "A chart"\n')
    result = build(project)
    report = result.client_report  # type: ignore[attr-defined]
    outlook = next(each for each in report.clients if each.client.outlook_windows)
    (gif,) = [each for each in outlook.items if each.feature == "image-gif"]
    assert gif.effect == costs, gif


def test_a_dark_variant_replaces_the_image_on_dark_backgrounds(project: Path) -> None:
    folder = project / "issues" / ISSUE
    (folder / "chart.png").write_bytes(diagram())
    (folder / "chart-dark.png").write_bytes(png_bytes((800, 400)))
    add_front_matter(folder / REVIEW, 'image: chart.png\nimage_dark: chart-dark.png\nimage_alt: "A chart"\n')
    outputs = built(project)
    email = lxml.html.document_fromstring(outputs[f"{ISSUE}/email.html"])
    light = email.xpath("//img[contains(@class, 'digest-light-img')]")
    dark = email.xpath("//div[@class='digest-dark-img']/img")
    assert len(light) == len(dark) == 1 and light[0].get("src") != dark[0].get("src")
    page = outputs[f"{ISSUE}/review-sebastian-raschka-on-the-state-of-llms-in-2025/index.html"].decode()
    assert re.search(
        r'<source srcset="[^"]+chart-dark-[0-9a-f]{12}\.png" media="\(prefers-color-scheme: dark\)"', page
    )


def test_a_content_error_in_an_image_stops_prepare_too(project: Path) -> None:
    add_to_body(project / "issues" / ISSUE / OTHER, "![A figure](nowhere.png)")
    with pytest.raises(ContentError, match="nowhere.png"):
        build(project)


def test_a_drafts_images_are_neither_required_nor_reported_as_unlisted(project: Path) -> None:
    folder = project / "issues" / ISSUE
    (folder / "sketch.png").write_bytes(diagram())
    add_front_matter(folder / OTHER, "draft: true\n")
    add_to_body(folder / OTHER, "![A sketch](sketch.png)\n\n![Not drawn yet](later.png)")
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    assert "sketch.png" not in result.output and "later.png" not in result.output
    assert not any("sketch" in name for name in tree(project / "dist"))


def test_a_remote_pictures_size_learnt_online_reaches_every_output(pictured: Path, tmp_path: Path) -> None:
    """Offline, a remote picture's size is unknown; the next build online learns it. Pages,
    feeds and email made without it must not be served from the cache then."""
    offline = run(pictured, "build", ISSUE, "--no-check-links")
    assert offline.exit_code == 0, offline.output
    incremental = built(pictured)
    clean = tmp_path / "clean"
    shutil.copytree(pictured, clean, ignore=shutil.ignore_patterns("dist", ".digest-cache"))
    assert incremental == built(clean)


@pytest.mark.parametrize("name", ["chart#2.png", "chart?v=2.png"])
def test_an_image_whose_name_holds_a_hash_or_question_mark_gets_the_spelling_that_works(
    project: Path, name: str
) -> None:
    folder = project / "issues" / "issue-2025"
    shutil.copy(folder / "training-costs.png", folder / name)
    review = folder / "llm-report-2025.md"
    review.write_text(review.read_text(encoding="utf-8") + f"\n![A chart]({name})\n", "utf-8")
    result = run(project, "build", "issue-2025", "--no-check-links")
    assert result.exit_code == 1
    assert f"write '{quote(name)}' for the file '{name}'" in result.output
    review.write_text(review.read_text(encoding="utf-8").replace(f"({name})", f"({quote(name)})"), "utf-8")
    assert run(project, "build", "issue-2025", "--no-check-links").exit_code == 0


def test_a_static_file_whose_name_is_not_utf8_is_named(project: Path) -> None:
    """UnicodeEncodeError from the static folder's fingerprint: a traceback."""
    built(project)
    (project / "static").mkdir()
    with open(os.fsencode(project / "static") + b"/\xff-logo.txt", "wb") as file:
        file.write(b"x")
    fails_cleanly(project, ("static/\\udcff-logo.txt:", "not UTF-8", "rename it"))


def test_an_image_written_composed_is_found_stored_decomposed(project: Path) -> None:
    """Listed reviews were found in either Unicode form; images and files were not."""
    figure = (project / FOLDER / "training-costs.png").read_bytes()
    (project / FOLDER / unicodedata.normalize("NFD", "café.png")).write_bytes(figure)
    edit(project, REVIEW_FILE, "\n## ", "\n![A café chart](caf%C3%A9.png)\n\n## ")
    result = run(project, "build", ISSUE)
    assert result.exit_code == 0, result.output
    assert "café.png" not in result.output  # neither missing nor an unused file
    page = tree(project / "dist")[
        f"{ISSUE}/review-a-report-on-large-language-models-in-2025-and-beyond/index.html"
    ]
    assert b'alt="A caf\xc3\xa9 chart"' in page


def test_a_static_file_nested_thousands_deep_is_refused_before_the_output_is_touched(
    project: Path, nest: Nest
) -> None:
    """Walked, it was published; the next build recursed through the kept output tree once
    a folder and stopped with RecursionError, leaving its staging folder behind."""
    built(project)
    (project / "static").mkdir()
    (nest(project / "static", 1200) / "deep.txt").write_text("deep\n")
    fails_cleanly(
        project, ("static/d/d/", "1200 folders deep, more than the 32 digest publishes", "move it up")
    )


def nested_by_descriptor(top: Path, names: list[str]) -> None:
    """Folders `names`, one in the other, below `top`, and a file in the deepest: made
    through descriptors, as a path past the system's limit (4,096 bytes) cannot be."""
    top.mkdir()
    folder = os.open(top, os.O_RDONLY)
    try:
        for name in names:
            os.mkdir(name, dir_fd=folder)
            inner = os.open(name, os.O_RDONLY, dir_fd=folder)
            os.close(folder)
            folder = inner
        file = os.open("deep.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=folder)
        os.write(file, b"deep\n")
        os.close(file)
    finally:
        os.close(folder)


def test_a_static_file_past_the_systems_path_limit_is_named_as_too_deep(project: Path) -> None:
    """2,100 folders deep, the walk could not list the deepest it reached (its path is past
    4,096 bytes), and the folder was said to be 'a pipe, a socket or a device'. It is named
    at the first level past the limit, not by a path of 4,000 characters."""
    built(project)
    try:
        nested_by_descriptor(project / "static", ["a"] * 2100)
        fails_cleanly(
            project, ("static/" + "a/" * 32 + "a:", "more than the 32 digest publishes", "move its files up")
        )
    finally:
        remove_tree(project / "static")


def test_a_static_file_whose_path_is_past_the_systems_limit_is_named_as_too_long(project: Path) -> None:
    """17 folders of 250-byte names: few enough folders, but a path no program can open."""
    built(project)
    try:
        nested_by_descriptor(project / "static", [f"{n:02}" + "b" * 248 for n in range(17)])
        fails_cleanly(
            project, ("static/00b", "bytes long, past the", "shorten its folders' names or move it up")
        )
    finally:
        remove_tree(project / "static")


# --- a file that vanishes while the build reads the folder it was found in ---------------


def test_a_static_file_saved_by_an_editor_as_the_walk_reads_it_is_read_as_saved(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """An editor's save renames a new file over the old one: between the walk's listing and
    its read, the build stopped on 'not the file the build found here ... build again'. The
    static folder is walked again, as an issue's is."""
    import digest.sources.assets as assets

    (project / "static").mkdir()
    css = project / "static" / "site.css"
    css.write_text("body { color: black }\n")
    built(project)
    real_walk, saved = assets.walk, []

    def walk_then_save(folder: str, prefix: str = "", **options: str | None) -> object:
        for found in real_walk(folder, prefix, **options):
            if not saved and found.name == "site.css":
                fresh = css.with_name(".site.css.saving")
                fresh.write_text("body { color: navy }\n")
                os.replace(fresh, css)
                saved.append(found.name)
            yield found

    monkeypatch.setattr(assets, "walk", walk_then_save)
    result = run(project, "build", ISSUE)
    assert saved and result.exit_code == 0, result.output
    monkeypatch.undo()
    assert tree(project / "dist") == clean_build(project, tmp_path / "clean")
    assert tree(project / "dist")["site.css"] == b"body { color: navy }\n"


def test_a_static_file_removed_between_listing_and_reading_says_so(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It read 'static file not found: check its name', about a file the build had just
    found by listing the folder. (Removed at every walk: the folder is walked again, a
    few times, for a file found moved, then this is said.)"""
    import digest.sources.assets as assets

    built(project)
    (project / "static").mkdir()
    (project / "static" / "site.css").write_text("body { color: black }\n")
    from digest.files import FoundFile

    real_walk = assets.walk

    def walk_then_remove(folder: str, prefix: str = "", **options: str | None) -> object:
        (project / "static" / "site.css").write_text("body { color: black }\n")  # back for each walk
        for found in real_walk(folder, prefix, **options):
            if isinstance(found, FoundFile):
                os.unlink(found.path)  # a sync tool or a second command, between listing and reading
            yield found

    monkeypatch.setattr(assets, "walk", walk_then_remove)
    fails_cleanly(
        project, ("static/site.css:", "was removed or renamed while the build was reading it", "build again")
    )


def test_an_image_removed_after_the_issue_was_read_says_so(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The image was found and hashed with its issue, then gone when its copies were made:
    'file not found: check its name' sent the editor to look for a typo."""
    import digest.render.assets as assets

    built(project)
    image = project / FOLDER / "training-costs.png"
    shutil.rmtree(project / ".digest-cache")  # the copies are made again
    real_read = assets.SiteAssets._read

    def vanish(self: object, use: object, file: object) -> bytes:
        if image.exists():
            image.unlink()
        return real_read(self, use, file)  # type: ignore[arg-type]

    monkeypatch.setattr(assets.SiteAssets, "_read", vanish)
    fails_cleanly(project, ("training-costs.png", "was removed or renamed while the build was reading it"))


# --- the static folder: what cannot be published is named, never left out ----------------


def static_entry(kind: str) -> Callable[[Path], None]:
    def setup(static: Path) -> None:
        if kind == "pipe":
            os.mkfifo(static / "site.css")
        elif kind == "socket":
            import socket

            server = socket.socket(socket.AF_UNIX)
            server.bind(str(static / "site.css"))
            server.close()
        elif kind == "device-link":
            (static / "site.css").symlink_to("/dev/zero")
        elif kind == "proc-link":
            (static / "site.css").symlink_to("/proc/self/environ")
        elif kind == "link-out":
            (static / "site.css").symlink_to(static.parent / "digest.toml")
        elif kind == "broken-link":
            (static / "site.css").symlink_to(static / "gone.css")
        else:
            (static.parent / "fonts").mkdir()
            (static.parent / "fonts" / "a.woff2").write_bytes(b"wOF2")
            (static / "site.css").symlink_to(static.parent / "fonts", target_is_directory=True)

    return setup


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("pipe", "is not a regular file"),
        ("socket", "is not a regular file"),
        ("device-link", "is a link to /dev/zero, outside static/"),
        ("proc-link", "is a link to /proc/"),
        ("link-out", "digest.toml, outside static/"),
        ("broken-link", "is a link to nothing"),
        ("folder-link", "is a link to a folder, and digest never follows one"),
    ],
)
def test_a_static_entry_that_cannot_be_published_is_named(project: Path, kind: str, message: str) -> None:
    """Each was left out of the site without a word (the README says pipes, devices and
    links out are refused by name)."""
    built(project)
    (project / "static").mkdir()
    static_entry(kind)(project / "static")
    fails_cleanly(project, ("static/site.css:", message))


@pytest.mark.parametrize(
    ("name", "shown"),
    [("e\x1b[2Jvil.css", "\\x1b"), ("two\nlines.css", "\\x0a"), ("\u202etxt.exe", "\\u202e")],
)
def test_a_static_name_no_one_can_see_or_type_is_refused(project: Path, name: str, shown: str) -> None:
    """It was published as it is: a line break in a file name breaks the scripts that
    upload a site, and an escape or a direction override shows as something else."""
    built(project)
    (project / "static").mkdir()
    (project / "static" / name).write_text("body {}\n")
    fails_cleanly(project, ("static/", f"name holds {shown}", "rename it"))


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (["Index.HTML"], "static/Index.HTML: differs only in case from digest's own index.html"),
        (["Issue-2025/index.html"], "differs only in case from digest's own issue-2025/index.html"),
        (["Logo.png", "logo.png"], "static/logo.png: differs only in case from the static file Logo.png"),
        (["assets"], "static/assets: would stand where digest's own assets/"),
        (
            ["feed.xml/x.txt"],
            "static/feed.xml/x.txt: needs a folder feed.xml/ where digest's own feed.xml is a file",
        ),
        (
            [f"{ISSUE}/email.txt/a.txt"],
            f"needs a folder {ISSUE}/email.txt/ where digest's own {ISSUE}/email.txt",
        ),
    ],
)
def test_a_static_file_clashing_with_an_output_is_named(
    project: Path, files: list[str], message: str
) -> None:
    """A file where digest writes a folder (or the reverse) stopped the export with 'cannot
    write the output (Is a directory): check permissions and free space'; names differing
    only in case were both published, and where case is ignored (macOS, Windows) one
    replaced the other."""
    built(project)
    for name in files:
        (project / "static" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "static" / name).write_text("x\n")
    fails_cleanly(project, (message,))


def test_a_static_folder_that_cannot_be_listed_is_named(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its files were left out of the site without a word."""
    built(project)
    (project / "static" / "fonts").mkdir(parents=True)
    (project / "static" / "fonts" / "a.woff2").write_bytes(b"wOF2")
    refuse_listing(monkeypatch, project / "static" / "fonts")
    fails_cleanly(project, ("static/fonts:", "cannot list this folder", "(Permission denied)"))


def test_the_static_folder_itself_that_cannot_be_listed_is_named(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "static").mkdir()
    (project / "static" / "robots.txt").write_text("User-agent: *\n")
    refuse_listing(monkeypatch, project / "static")
    fails_cleanly(project, ("static:", "cannot list the static folder (Permission denied)", "permissions"))


def test_a_hidden_static_file_appearing_is_seen_by_the_incremental_build(
    project: Path, tmp_path: Path
) -> None:
    """The static folder's fingerprint left hidden files out, though a use naming one is
    refused: the incremental build said the link was broken, a clean build named the file."""
    (project / "static").mkdir()
    with (project / FOLDER / "llm-report-2025.md").open("a") as review:
        review.write("\n[the notes](/.notes.pdf)\n")
    assert run(project, "build", ISSUE).exit_code == 1
    (project / "static" / ".notes.pdf").write_bytes(b"%PDF-1.4\n")
    incremental, clean = build_both(project, tmp_path)
    assert incremental == clean
    assert "names a hidden file of the static folder" in incremental[1]


@pytest.mark.parametrize("logo", ["dist/assets/logo.png", ".digest-cache/logo.png"])
def test_a_logo_in_the_output_or_the_cache_is_refused(project: Path, logo: str) -> None:
    """Read from the output a build replaces (or the cache it may delete), it was published
    once and gone the build after."""
    built(project)
    shutil.copy(project / FOLDER / "training-costs.png", project / logo)
    set_in_config(project, "theme", f'logo = "{logo}"')
    line = line_of(project / "digest.toml", "logo =")
    fails_cleanly(project, (f"digest.toml:{line}:", "is in the folder every build replaces"))


def test_a_hidden_static_entry_whose_name_is_not_utf8_is_passed_over(project: Path) -> None:
    """Its name went into the static folder's fingerprint as text: UnicodeEncodeError."""
    built(project)
    (project / "static").mkdir()
    os.mkfifo(os.fsencode(project / "static") + b"/.pipe\xff")
    built(project)
    assert run(project, "list").exit_code == 0


def test_two_static_files_differing_only_in_unicode_form_are_refused(project: Path) -> None:
    """Static files differing only in case were refused; café.txt composed and decomposed
    were both published, and on macOS (and on a web server there) one replaces the other."""
    built(project)
    (project / "static").mkdir()
    for form in ("NFC", "NFD"):
        (project / "static" / unicodedata.normalize(form, "café.txt")).write_text(form)
    fails_cleanly(project, ("static", "differs only in Unicode form", "rename the file"))


@pytest.mark.parametrize("written", ["Training-Costs.PNG", "training-cost.png"])
def test_a_misspelt_image_name_suggests_the_file_meant(project: Path, written: str) -> None:
    review = project / "issues" / ISSUE / "raschka-state-of-llms.md"
    review.write_text(review.read_text().replace("image: training-costs.png", f"image: {written}"))
    result = run(project, "build", ISSUE, "--no-check-links")
    assert result.exit_code == 1
    line = one_error_line(result.output)
    assert "raschka-state-of-llms.md:7:" in line and "did you mean 'training-costs.png'?" in line


# --- a picture in the introduction --------------------------------------------------------------


def test_a_missing_picture_in_the_introduction_is_not_said_to_be_beside_a_review(project: Path) -> None:
    add_to_intro(project, "![A made-up network map](network-map.png)")
    line = one_error_line(run(project, "build", ISSUE).output)
    assert line.startswith(f"Error: {issue_md(project)}:"), line
    assert "image 'network-map.png' not found in issue-2025/ or in static/" in line
    assert line.endswith("check the name, or put the file in issue-2025/"), line
    assert "beside the review" not in line


@pytest.mark.parametrize(
    ("name", "shown", "why"),
    [
        ("aux.txt", "aux.txt", "Windows keeps the name for a device"),
        ("Con", "Con", "Windows keeps the name for a device"),
        ("lpt1/notes.txt", "lpt1", "Windows keeps the name for a device"),
        ("notes.", "notes.", "Windows drops a name's last dot or space"),
        ("notes ", "notes ", "Windows drops a name's last dot or space"),
        ("a:b.txt", "a:b.txt", "Windows allows no ':' in a name"),
        ("what?.txt", "what?.txt", "Windows allows no '?' in a name"),
        ("top*/notes.txt", "top*", "Windows allows no '*' in a name"),
        ('say".txt', 'say".txt', "Windows allows no '\"' in a name"),
        ("a<b>.txt", "a<b>.txt", "Windows allows no '<' in a name"),
        ("a|b.txt", "a|b.txt", "Windows allows no '|' in a name"),
        ("back\\slash.txt", "back\\slash.txt", "Windows allows no '\\' in a name"),
    ],
)
def test_a_static_name_windows_cannot_make_is_refused_by_name(
    project: Path, name: str, shown: str, why: str
) -> None:
    """Issue ids Windows cannot make a folder of are refused, as the output could not be
    checked out, copied or served there; a static file, published under its own name, was
    copied into dist/ as it was (dist/aux.txt, dist/notes.)."""
    built(project)
    path = project / "static" / name
    path.parent.mkdir(parents=True)
    path.write_text("Notes.\n")
    fails_cleanly(project, (f"static/{name}:", f"'{shown}'", why, "rename it"))


def test_a_static_folder_made_a_link_out_as_its_walk_begins_publishes_nothing_from_outside(
    project: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The static folder was found in the project when the settings were read; made a link
    to a folder outside as its walk began (and put back when it ended), every file there was
    published: each was inside the folder the link led to (found by the fuzzer's
    folder_swapped_after_walk)."""
    import digest.sources.assets as assets

    static, outside = project / "static", tmp_path_factory.mktemp("elsewhere")
    static.mkdir()
    (static / "notes.txt").write_text("Ours.\n")
    (outside / "notes.txt").write_text("Not the project's.\n")
    built(project)
    real_walk = assets.walk

    def walking(folder: str, *args: object, **options: object) -> Iterator[object]:
        static.rename(static.with_name(".aside"))
        static.symlink_to(outside, target_is_directory=True)
        try:
            yield from real_walk(folder, *args, **options)  # type: ignore[arg-type]
        finally:
            static.unlink()
            static.with_name(".aside").rename(static)

    monkeypatch.setattr(assets, "walk", walking)
    fails_cleanly(project, ("static:", "is not the folder the build found here", "build again"))


def test_an_issue_folder_is_listed_once_for_all_the_files_its_texts_use(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each file a review links was judged against its folder's names (a name differing only
    in case is refused) by listing the folder again: 5,000 files took 13 s to find, not 0.1 s."""
    import digest.files

    folder = project / "issues" / ISSUE
    for number in range(200):
        (folder / f"notes-{number}.pdf").write_bytes(b"%PDF-1.4\n% notes\n")
    add_to_body(folder / OTHER, " ".join(f"[{n}](notes-{n}.pdf)" for n in range(200)))
    listed: list[str] = []
    real_listdir = os.listdir

    def listing(path: str) -> list[str]:
        listed.append(os.path.normpath(path))
        return real_listdir(path)

    monkeypatch.setattr(digest.files.os, "listdir", listing)
    outputs = built(project)
    assert sum(name.startswith("assets/notes-") for name in outputs) == 200
    assert listed.count(os.path.normpath(folder)) <= 4, len(listed)
