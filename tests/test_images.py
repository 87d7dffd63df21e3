"""Copies of images made fit for the web pages and the email (digest.render.images), on
images these tests draw with Pillow."""

from __future__ import annotations

import functools
import io
import random
import re
import struct
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageSequence

from digest.render.images import (
    WEB_SPEC,
    ImageSpec,
    UnreadableImage,
    _unknown_format,
    email_spec,
    image_facts,
    make_copy,
)

CAMERA = "Digest Test Camera"


def photo(fmt: str = "JPEG", size: tuple[int, int] = (3000, 2000), orientation: int = 6) -> bytes:
    """A landscape 'photo' with EXIF: an orientation, a camera and a GPS position."""
    image = Image.new("RGB", size, (90, 140, 200))
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 3, size[1] // 3), fill=(240, 200, 60))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = CAMERA
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (51.0, 30.0, 0.0)
    buffer = io.BytesIO()
    image.save(buffer, fmt, exif=exif.tobytes())
    return buffer.getvalue()


def diagram(size: tuple[int, int] = (800, 400)) -> bytes:
    """Dark lines on a transparent background, as a diagram or a logo is drawn."""
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle((40, 40, size[0] - 40, size[1] - 40), outline=(20, 20, 20, 255), width=8)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def animation(first: tuple[int, int, int], size: tuple[int, int] = (1600, 800), blank: bool = False) -> bytes:
    """Four frames; the first plain `first` when `blank`, else with a shape on it."""
    frames = [Image.new("RGB", size, first)]
    if not blank:
        ImageDraw.Draw(frames[0]).rectangle((200, 200, 600, 600), fill=(255, 255, 255))
    for shade in (60, 120, 180):
        frame = Image.new("RGB", size, (shade, 0, 0))
        ImageDraw.Draw(frame).ellipse((100, 100, 700, 700), fill=(255, 255, 255))
        frames.append(frame)
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=150, loop=0)
    return buffer.getvalue()


def opened(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def test_a_photo_is_turned_upright_and_loses_its_camera_and_position() -> None:
    copy = make_copy(photo(), email_spec())
    image = opened(copy.data)
    assert (copy.format, image.size) == ("JPEG", (1200, 1800))  # 3000x2000 turned: portrait, 1200 wide
    assert (copy.source_width, copy.source_height) == (2000, 3000)
    assert dict(image.getexif()) == {}
    assert CAMERA.encode() not in copy.data
    assert not {"exif", "xmp", "comment", "photoshop"} & set(image.info)


def test_the_web_copy_keeps_more_pixels_and_its_format() -> None:
    email, web = make_copy(photo("WEBP"), email_spec()), make_copy(photo("WEBP"), WEB_SPEC)
    assert (email.format, email.width) == ("JPEG", 1200)
    assert (web.format, web.width, web.height) == ("WEBP", 2000, 3000)
    assert dict(opened(web.data).getexif()) == {}


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "AVIF", "GIF"])
def test_the_same_image_gives_the_same_bytes(fmt: str) -> None:
    source = photo(fmt) if fmt != "GIF" else animation((10, 10, 10))
    for spec in (WEB_SPEC, email_spec()):
        assert make_copy(source, spec).data == make_copy(source, spec).data


def test_formats_some_clients_cannot_show_become_jpeg_or_png_for_the_email() -> None:
    """caniemail says which: every major client shows JPEG, PNG and GIF; WebP and AVIF not
    Outlook for Windows."""
    assert email_spec().formats == ("JPEG", "PNG", "GIF")
    assert make_copy(photo("AVIF"), email_spec()).format == "JPEG"
    transparent = io.BytesIO()
    opened(diagram()).save(transparent, "WEBP", lossless=True)
    assert make_copy(transparent.getvalue(), email_spec()).format == "PNG"  # a drawing stays sharp
    assert make_copy(transparent.getvalue(), WEB_SPEC).format == "WEBP"


def test_a_heic_photo_is_converted_when_its_decoder_is_installed() -> None:
    pillow_heif = pytest.importorskip("pillow_heif")
    if not pillow_heif.libheif_info().get("HEIF"):
        pytest.skip("this pillow-heif has no HEIC encoder to make the test's photo")
    buffer = io.BytesIO()
    pillow_heif.from_pillow(opened(photo(orientation=1))).save(buffer, quality=80)
    copy = make_copy(buffer.getvalue(), email_spec())
    assert (copy.source_format, copy.format, copy.width) == ("HEIF", "JPEG", 1200)


def test_without_a_heic_decoder_the_message_says_what_to_install() -> None:
    header = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(64)
    message = _unknown_format(header)
    assert "HEIC" in message and "digest[heic]" in message and "export the photo as JPEG" in message


def test_a_transparent_drawing_gets_a_white_plate_in_the_email_and_keeps_it_on_the_web() -> None:
    email, web = make_copy(diagram(), email_spec()), make_copy(diagram(), WEB_SPEC)
    assert email.transparent and web.transparent
    assert opened(email.data).convert("RGBA").getpixel((5, 5)) == (255, 255, 255, 255)
    assert opened(web.data).convert("RGBA").getpixel((5, 5))[3] == 0


def test_an_animated_gif_stays_animated_and_is_resized() -> None:
    copy = make_copy(animation((200, 30, 30)), email_spec())
    image = opened(copy.data)
    assert (copy.format, copy.animated, image.n_frames, image.size) == ("GIF", True, 4, (1200, 600))
    assert image.info["duration"] == 150
    assert not copy.blank_first_frame


@pytest.mark.parametrize("spec", [WEB_SPEC, email_spec()], ids=["web", "email"])
def test_an_animated_gif_loses_its_comments(spec: ImageSpec) -> None:
    frames = [Image.new("RGB", (60, 40), colour) for colour in ((200, 0, 0), (0, 200, 0), (0, 0, 200))]
    frames[1].info["comment"] = b"frame two " + CAMERA.encode()
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], comment=CAMERA, duration=90)
    assert CAMERA.encode() in buffer.getvalue()
    copy = make_copy(buffer.getvalue(), spec)
    image = opened(copy.data)
    assert (copy.animated, image.n_frames, image.info["duration"]) == (True, 3, 90)
    assert CAMERA.encode() not in copy.data
    assert "comment" not in image.info


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_an_animation_keeps_its_colour_profile_as_a_still_image_does(fmt: str) -> None:
    from PIL import ImageCms

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    frames = [Image.new("RGB", (60, 40), colour) for colour in ((200, 0, 0), (0, 200, 0))]
    buffer = io.BytesIO()
    frames[0].save(buffer, fmt, save_all=True, append_images=frames[1:], icc_profile=profile, duration=90)
    copy = make_copy(buffer.getvalue(), WEB_SPEC)
    assert (copy.format, copy.animated) == (fmt, True)
    assert opened(copy.data).info.get("icc_profile") == profile


@functools.cache
def profile_of(space: bytes) -> bytes:
    """An ICC profile whose header names `space` as its data's colour space (made once: its
    header holds the time it was made)."""
    from PIL import ImageCms

    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return srgb[:16] + space + srgb[20:]


def test_a_copy_carries_only_a_colour_profile_made_for_its_pixels() -> None:
    cmyk = Image.new("CMYK", (3000, 2000), (0, 200, 200, 10))
    buffer = io.BytesIO()
    cmyk.save(buffer, "JPEG", icc_profile=profile_of(b"CMYK"))
    grey = Image.new("LA", (300, 200), (90, 128))
    grey_buffer = io.BytesIO()
    grey.save(grey_buffer, "PNG", icc_profile=profile_of(b"GRAY"))
    # A CMYK profile on RGB pixels, a grey one on a colour plate: no reader applies them,
    # and a printer's profile weighs hundreds of kilobytes.
    for source, spec in ((buffer, WEB_SPEC), (buffer, email_spec()), (grey_buffer, email_spec())):
        copy = make_copy(source.getvalue(), spec)
        assert opened(copy.data).mode == "RGB"
        assert "icc_profile" not in opened(copy.data).info
    kept_grey = make_copy(grey_buffer.getvalue(), WEB_SPEC)
    assert opened(kept_grey.data).info["icc_profile"] == profile_of(b"GRAY")
    rgb = io.BytesIO()
    Image.new("RGB", (3000, 2000), (200, 30, 30)).save(rgb, "JPEG", icc_profile=profile_of(b"RGB "))
    assert opened(make_copy(rgb.getvalue(), WEB_SPEC).data).info["icc_profile"] == profile_of(b"RGB ")


def printer_profile() -> bytes:
    """A small CMYK ICC profile (version 2, one 8-bit table to Lab) of a press whose inks
    are pale: one ink alone prints a mid grey (L 60), all four a near black."""

    def lab_of(corner: int) -> bytes:  # the table's corners: each bit an ink at full strength
        inks = bin(corner).count("1")
        lightness = 100 if inks == 0 else max(5, 85 - 25 * inks)
        return bytes([round(lightness * 255 / 100), 128, 128])

    identity = bytes(range(256))
    unit = b"".join(struct.pack(">i", 65536 if i % 4 == 0 else 0) for i in range(9))
    lut = b"mft1" + bytes(4) + bytes([4, 3, 2, 0]) + unit + identity * 4
    lut += b"".join(lab_of(corner) for corner in range(16)) + identity * 3
    d50 = b"".join(struct.pack(">i", round(value * 65536)) for value in (0.9642, 1.0, 0.8249))
    description = b"desc" + bytes(4) + struct.pack(">I", 5) + b"CMYK\0" + bytes(79)
    tags = [(b"desc", description), (b"wtpt", b"XYZ " + bytes(4) + d50), (b"A2B0", lut)]
    table, blobs = b"", b""
    for signature, data in tags:
        data += bytes(-len(data) % 4)
        table += signature + struct.pack(">II", 132 + 12 * len(tags) + len(blobs), len(data))
        blobs += data
    body = struct.pack(">I", len(tags)) + table + blobs
    header = struct.pack(">I", 128 + len(body)) + b"lcms" + bytes([2, 0x10, 0, 0]) + b"prtrCMYKLab "
    return header + bytes(12) + b"acsp" + bytes(28) + d50 + bytes(48) + body


@pytest.mark.parametrize("spec", [WEB_SPEC, email_spec()], ids=["web", "email"])
def test_a_cmyk_photo_is_copied_in_the_colours_its_profile_gives(spec: ImageSpec) -> None:
    # Pillow's conversion alone takes the inks as pure: black ink is black, cyan is cyan,
    # where this press's profile prints both a mid grey; a reader shows the source so.
    cmyk = Image.new("CMYK", (3000, 2000), (0, 0, 0, 255))
    ImageDraw.Draw(cmyk).rectangle((0, 0, 1500, 2000), fill=(255, 0, 0, 0))
    buffer = io.BytesIO()
    cmyk.save(buffer, "JPEG", icc_profile=printer_profile())
    image = opened(make_copy(buffer.getvalue(), spec).data).convert("RGB")
    for point in ((100, 100), (image.width - 100, 100)):
        red, green, blue = image.getpixel(point)  # type: ignore[misc]
        assert 120 <= red <= 170 and abs(red - green) <= 8 and abs(red - blue) <= 8, (point, red, green, blue)


def test_a_cmyk_photo_with_a_damaged_profile_is_still_copied() -> None:
    cmyk = Image.new("CMYK", (300, 200), (0, 0, 0, 255))
    buffer = io.BytesIO()
    cmyk.save(buffer, "JPEG", icc_profile=printer_profile()[:200])
    image = opened(make_copy(buffer.getvalue(), WEB_SPEC).data)
    assert image.mode == "RGB" and image.getpixel((10, 10)) == (0, 0, 0)


def png_with_gamma(image: Image.Image, gamma: float, srgb: bool = False) -> bytes:
    from PIL import PngImagePlugin

    chunks = PngImagePlugin.PngInfo()
    chunks.add(b"gAMA", struct.pack(">I", round(gamma * 100_000)))
    if srgb:
        chunks.add(b"sRGB", b"\x00")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", pnginfo=chunks)
    return buffer.getvalue()


def shown(data: bytes, point: tuple[int, int]) -> tuple[int, ...]:
    """A pixel as a browser shows it: decoded with the file's gAMA, if any, for a display
    of exponent 2.2."""
    image = opened(data)
    exponent = 1 / (float(image.info.get("gamma", 1 / 2.2)) * 2.2)
    pixel = image.convert("RGB").getpixel(point)
    assert isinstance(pixel, tuple)
    return tuple(round(255 * (value / 255) ** exponent) for value in pixel)


@pytest.mark.parametrize("spec", [WEB_SPEC, email_spec()], ids=["web", "email"])
@pytest.mark.parametrize("mode", ["RGB", "RGBA", "L", "P"])
def test_a_png_with_its_own_gamma_is_copied_as_it_is_shown(spec: ImageSpec, mode: str) -> None:
    # A linear PNG (gAMA 1.0, as some renderers and scanners write) stores mid-grey as 128,
    # which readers show as about 186; the chunk was lost on re-encoding, the copy darker.
    source = Image.new("RGB", (3000, 2000), (128, 128, 128)).convert(mode)
    data = png_with_gamma(source, 1.0)
    copy = make_copy(data, spec)
    assert copy.width == spec.max_width
    assert all(abs(value - 186) <= 3 for value in shown(copy.data, (10, 10))), shown(copy.data, (10, 10))


def test_a_pngs_gamma_beside_an_srgb_chunk_is_not_applied() -> None:
    # PNG: an sRGB or iCCP chunk overrides gAMA, and readers show the samples as sRGB.
    data = png_with_gamma(Image.new("RGB", (3000, 2000), (128, 128, 128)), 1.0, srgb=True)
    pixel = opened(make_copy(data, WEB_SPEC).data).convert("RGB").getpixel((10, 10))
    assert pixel == (128, 128, 128)


@pytest.mark.parametrize("spec", [WEB_SPEC, email_spec()], ids=["web", "email"])
def test_an_animated_pngs_default_image_stays_out_of_its_animation(spec: ImageSpec) -> None:
    # The default image is what a reader without APNG shows; the animation runs without it.
    frames = [Image.new("RGB", (60, 40), colour) for colour in ((255, 255, 255), (200, 0, 0), (0, 0, 200))]
    buffer = io.BytesIO()
    frames[0].save(
        buffer, "PNG", save_all=True, append_images=frames[1:], default_image=True, duration=[90, 300]
    )
    copy = make_copy(buffer.getvalue(), spec)
    image = opened(copy.data)
    assert (copy.format, image.n_frames, image.info.get("default_image")) == ("PNG", 3, True)
    shown = [
        (frame.convert("RGB").getpixel((0, 0)), frame.info.get("duration"))
        for frame in ImageSequence.Iterator(image)
    ]
    assert shown[1:] == [
        ((200, 0, 0), 90),
        ((0, 0, 200), 300),
    ]


@pytest.mark.parametrize("spec", [WEB_SPEC, email_spec()], ids=["web", "email"])
def test_an_animated_gif_that_plays_once_still_plays_once(spec: ImageSpec) -> None:
    # A GIF without the loop extension plays once in every browser and stops on its last frame.
    frames = [Image.new("RGB", (60, 40), colour) for colour in ((200, 0, 0), (0, 0, 200))]
    once, three_times = io.BytesIO(), io.BytesIO()
    frames[0].save(once, "GIF", save_all=True, append_images=frames[1:], duration=90)
    frames[0].save(three_times, "GIF", save_all=True, append_images=frames[1:], duration=90, loop=3)
    assert "loop" not in opened(make_copy(once.getvalue(), spec).data).info
    assert opened(make_copy(three_times.getvalue(), spec).data).info["loop"] == 3


@pytest.mark.parametrize("spec", [WEB_SPEC, email_spec()], ids=["web", "email"])
def test_a_16_bit_grey_png_keeps_its_shades(spec: ImageSpec) -> None:
    # 16-bit samples run to 65,535: cut at 255, mid-grey became white and near-black light grey.
    image = Image.new("I;16", (300, 200), 32896)  # 128 of 255
    image.putpixel((0, 0), 514)  # 2 of 255
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    copy = opened(make_copy(buffer.getvalue(), spec).data).convert("RGB")
    assert (copy.getpixel((10, 10)), copy.getpixel((0, 0))) == ((128, 128, 128), (2, 2, 2))


def test_a_16_bit_grey_pngs_transparent_shade_stays_transparent() -> None:
    image = Image.new("I;16", (300, 200), 32896)
    image.putpixel((0, 0), 514)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", transparency=514)
    assert Image.open(io.BytesIO(buffer.getvalue())).info["transparency"] == 514
    web = make_copy(buffer.getvalue(), WEB_SPEC)
    assert web.transparent
    pixels = opened(web.data).convert("RGBA")
    assert (pixels.getpixel((0, 0))[3], pixels.getpixel((10, 10))) == (0, (128, 128, 128, 255))
    email = opened(make_copy(buffer.getvalue(), email_spec()).data).convert("RGB")
    assert (email.getpixel((0, 0)), email.getpixel((10, 10))) == ((255, 255, 255), (128, 128, 128))


def damaged(data: bytes, count: int, seed: int) -> list[bytes]:
    """`data` with a few bytes changed, cut out, put in, or the rest cut off."""
    rng = random.Random(seed)
    copies = []
    for _ in range(count):
        copy = bytearray(data)
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(copy))
            kind = rng.randrange(4)
            if kind == 0:
                copy[at] = rng.randrange(256)
            elif kind == 1:
                del copy[at : at + rng.randint(1, 40)]
            elif kind == 2:
                copy[at:at] = rng.randbytes(rng.randint(1, 16))
            else:
                del copy[max(at, 16) :]
        copies.append(bytes(copy))
    return copies


@pytest.mark.parametrize("fmt", ["GIF", "PNG", "WEBP"])
def test_a_damaged_animation_is_named_unreadable_never_a_traceback(fmt: str) -> None:
    frames = [Image.new("RGB", (40, 30), colour) for colour in ((200, 0, 0), (0, 200, 0), (0, 0, 200))]
    buffer = io.BytesIO()
    frames[0].save(buffer, fmt, save_all=True, append_images=frames[1:], duration=80, loop=0)
    outcomes = set()
    for data in damaged(buffer.getvalue(), 300, seed=3):
        try:
            outcomes.add(make_copy(data, WEB_SPEC).format)
        except UnreadableImage:  # the one error a build turns into a line naming the file
            outcomes.add("unreadable")
    assert "unreadable" in outcomes and fmt in outcomes  # some damage is refused, some still shows


@pytest.mark.parametrize("fmt", ["AVIF", "TIFF", "JPEG", "WEBP"])
def test_a_damaged_still_image_is_named_unreadable_never_a_traceback(fmt: str) -> None:
    image = Image.new("RGB", (64, 48), (30, 90, 160))
    ImageDraw.Draw(image).ellipse((5, 5, 40, 40), fill=(250, 220, 40))
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    outcomes = set()
    for data in damaged(buffer.getvalue(), 150, seed=5):
        try:
            image_facts(data)
            outcomes.add(make_copy(data, WEB_SPEC).source_format)
        except UnreadableImage:  # libavif's decoder raises RuntimeError for what it cannot read
            outcomes.add("unreadable")
    assert "unreadable" in outcomes


def test_a_photos_damaged_exif_prints_no_warning() -> None:
    # Cameras' EXIF is often cut short (a maker note's length wrong): Pillow warned with its own
    # source path on the terminal, for metadata the copy leaves behind anyway.
    exif = Image.Exif()
    exif[0x010F] = CAMERA
    exif[0x0112] = 1
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (1, 2, 3)).save(buffer, "JPEG", exif=exif.tobytes()[:-3])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        image_facts(buffer.getvalue())
        copy = make_copy(buffer.getvalue(), WEB_SPEC)
    assert [str(each.message) for each in caught] == []
    assert CAMERA.encode() not in copy.data


def test_an_animation_whose_later_frame_is_huge_is_refused_before_decoding() -> None:
    frames = [Image.new("RGB", (40, 30), colour) for colour in ((200, 0, 0), (0, 0, 200))]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=80)
    data = bytearray(buffer.getvalue())
    # The image descriptors: ',' then the frame's place and its size, 40 x 30.
    second = [found.start() for found in re.finditer(rb"\x2c.{4}\x28\x00\x1e\x00", data, re.DOTALL)][1]
    data[second + 5 : second + 9] = b"\xff\x7f\xff\x7f"  # 32,767 x 32,767 pixels
    with pytest.raises(UnreadableImage, match="pixels"):
        make_copy(bytes(data), WEB_SPEC)


def test_an_animation_of_more_frames_than_digest_copies_is_refused_before_decoding() -> None:
    """20,000 frames of 2 x 2 pixels (a GIF of 780 KB, far within every pixel budget) took
    a minute a copy: the cost is each frame's, whatever its size."""
    colours = [((n * 7) % 256, (n * 13) % 256, n // 256) for n in range(1_001)]
    frames = [Image.new("RGB", (2, 2), colour) for colour in colours]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=20, optimize=False)
    with pytest.raises(UnreadableImage, match=r"1,001 frames, more than the 1,000 digest copies: shorten it"):
        make_copy(buffer.getvalue(), email_spec())
    within = io.BytesIO()
    frames[0].save(within, "GIF", save_all=True, append_images=frames[1:1_000], duration=20, optimize=False)
    assert make_copy(within.getvalue(), email_spec()).animated


ANIMATION_IN_LITTLE_MEMORY = """
import io, resource
from PIL import Image
from digest.render.images import make_copy, email_spec

small = io.BytesIO()
Image.new("P", (40, 30), 1).save(small, "GIF", save_all=True, append_images=[Image.new("P", (40, 30), 2)])
make_copy(small.getvalue(), email_spec())  # every library a copy needs, loaded
frames = [Image.new("P", (2500, 2500), shade) for shade in range(9)]
buffer = io.BytesIO()
frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100)
del frames
held = int(open("/proc/self/statm").read().split()[0]) * resource.getpagesize()
limit = held + 225 * 2**20
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
print(make_copy(buffer.getvalue(), email_spec()).width)
"""


@pytest.mark.skipif(
    not Path("/proc/self/statm").exists(), reason="the process's memory is read from /proc (Linux)"
)
def test_an_animations_frames_are_made_small_as_they_are_decoded() -> None:
    """Nine frames of 2,500 x 2,500 pixels (a GIF of some kilobytes) were all held at full
    size before any was resized, 25 MB each (8,000 x 4,000: 1.5 GB); made small one by one,
    the copy is made within 225 MB more than the process holds, where it needed 300."""
    done = subprocess.run(
        [sys.executable, "-c", ANIMATION_IN_LITTLE_MEMORY], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-600:]
    assert done.stdout.strip() == "1200"


def test_an_animation_whose_first_frame_is_blank_is_told() -> None:
    assert make_copy(animation((255, 255, 255), blank=True), email_spec()).blank_first_frame


def test_the_header_gives_the_size_without_decoding() -> None:
    facts = image_facts(photo())
    assert (facts.format, facts.width, facts.height, facts.may_be_transparent) == ("JPEG", 2000, 3000, False)
    assert image_facts(diagram()).may_be_transparent


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "export it as PNG"),
        (diagram()[:300], "damaged"),
        (b"\x89PNG\r\n\x1a\n" + bytes(40), "damaged"),
        (b"plain text, no image", "not an image digest can read"),
    ],
)
def test_what_cannot_be_read_says_why(data: bytes, words: str) -> None:
    with pytest.raises(UnreadableImage, match=words):
        make_copy(data, email_spec())


def test_an_image_too_large_to_decode_is_refused_before_decoding() -> None:
    buffer = io.BytesIO()
    Image.new("L", (12_000, 8_000)).save(buffer, "PNG")  # 96 megapixels
    with pytest.raises(UnreadableImage, match="more than digest decodes"):
        make_copy(buffer.getvalue(), email_spec())


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that says it is `width` x `height` RGB pixels and holds a few rows: whatever
    decodes it fails, so a refusal naming its size was made from the header alone."""
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    rows = zlib.compress(bytes(3 * (1 + 3 * width)))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


@pytest.mark.parametrize("spec", [WEB_SPEC, email_spec()], ids=["web", "email"])
def test_an_image_of_more_pixels_than_digest_decodes_at_once_is_refused_from_its_header(
    spec: ImageSpec,
) -> None:
    """A 9,400 x 9,400 PNG is within Pillow's limit (89 million pixels): decoding it for its
    two copies took 1.2 GB and seven seconds."""
    with pytest.raises(UnreadableImage, match=r"9400x9400 pixels .* more than the 50,000,000 digest decodes"):
        make_copy(png_header_only(9400, 9400), spec)


def png_with_exif_after_its_pixels(orientation: int) -> bytes:
    """A 40 x 30 PNG whose eXIf chunk (an orientation) follows its pixels, as PNG allows."""
    import zlib

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 40, 40)).save(buffer, "PNG")
    exif = Image.Exif()
    exif[0x0112] = orientation
    body = exif.tobytes()
    chunk = struct.pack(">I", len(body)) + b"eXIf" + body + struct.pack(">I", zlib.crc32(b"eXIf" + body))
    data = buffer.getvalue()
    return data[:-12] + chunk + data[-12:]


def test_a_pngs_header_facts_and_its_refusal_decode_no_pixel(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pillow decodes a whole PNG to look for an eXIf chunk after its pixels: the header's
    facts of a 9,400 x 9,400 PNG took two seconds and 340 MB, and so did its refusal."""
    from PIL import PngImagePlugin

    def decoding(self: object) -> None:
        pytest.fail("a PNG's pixels were decoded")

    def size(data: bytes) -> tuple[int, int]:
        facts = image_facts(data)
        return facts.width, facts.height

    assert size(png_with_exif_after_its_pixels(6)) == (30, 40)  # turned: upright
    monkeypatch.setattr(PngImagePlugin.PngImageFile, "load", decoding)
    assert size(png_header_only(9400, 9400)) == (9400, 9400)
    assert size(png_with_exif_after_its_pixels(6)) == (30, 40)
    with pytest.raises(UnreadableImage, match="9400x9400 pixels"):
        make_copy(png_header_only(9400, 9400), WEB_SPEC)


def test_the_pixel_limit_counts_what_is_decoded(monkeypatch: pytest.MonkeyPatch) -> None:
    """A JPEG is decoded at a fraction of its size where its copy is that much smaller
    (Pillow's draft): a photo past the limit whose draft is within it is copied; a PNG of
    the same size, decoded whole, is not."""
    import digest.render.images as images

    monkeypatch.setattr(images, "MAX_DECODED_PIXELS", 1_000_000)
    shrunk = ImageSpec("email", 600, ("JPEG", "PNG"))
    copy = make_copy(photo("JPEG", (1600, 1000), orientation=1), shrunk)
    assert (copy.format, copy.width, copy.source_width) == ("JPEG", 600, 1600)
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1000), (90, 140, 200)).save(buffer, "PNG")
    with pytest.raises(UnreadableImage, match="1600x1000 pixels"):
        make_copy(buffer.getvalue(), shrunk)
    with pytest.raises(UnreadableImage, match="1600x1000 pixels"):  # kept at its width: decoded whole
        make_copy(photo("JPEG", (1600, 1000), orientation=1), WEB_SPEC)


def test_a_review_image_of_too_many_pixels_is_one_line_naming_the_review(project: Path) -> None:
    from tests.helpers import built, fails_cleanly

    built(project)
    folder = project / "issues" / "issue-2025"
    (folder / "training-costs.png").write_bytes(png_header_only(9400, 9400))
    fails_cleanly(
        project, ("raschka-state-of-llms.md:7:", "training-costs.png", "9400x9400 pixels", "50,000,000")
    )


@pytest.mark.parametrize("mode", ["RGB", "L"])
def test_a_png_with_one_transparent_colour_gets_a_plate_in_the_email_too(mode: str) -> None:
    image = Image.new(mode, (60, 40), 0)
    ImageDraw.Draw(image).rectangle((20, 10, 40, 30), fill=(250, 20, 20) if mode == "RGB" else 200)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", transparency=(0, 0, 0) if mode == "RGB" else 0)  # the black is see-through
    email, web = make_copy(buffer.getvalue(), email_spec()), make_copy(buffer.getvalue(), WEB_SPEC)
    assert email.transparent and web.transparent
    assert opened(email.data).convert("RGBA").getpixel((0, 0)) == (255, 255, 255, 255)
    assert opened(web.data).convert("RGBA").getpixel((0, 0))[3] == 0


def test_a_phone_photo_with_more_pictures_after_it_is_one_still_photo() -> None:
    """Phones store a preview or a depth map after the photo (CIPA's multi-picture format):
    the copy is the photo, never an animation of the two, and a remote one is a JPEG."""
    buffer = io.BytesIO()
    main, preview = opened(photo(size=(800, 600), orientation=1)), Image.new("RGB", (160, 120), (0, 0, 0))
    main.save(buffer, "MPO", save_all=True, append_images=[preview], quality=80)
    assert opened(buffer.getvalue()).format == "MPO"
    for spec in (WEB_SPEC, email_spec()):
        copy = make_copy(buffer.getvalue(), spec)
        assert (copy.format, copy.animated, copy.width, copy.height) == ("JPEG", False, 800, 600)
        assert b"MPF\0" not in copy.data and getattr(opened(copy.data), "n_frames", 1) == 1
    assert image_facts(buffer.getvalue()).format == "JPEG"


def test_a_jpeg_with_finer_colour_than_the_copy_is_made_smaller() -> None:
    """Colour stored at full or half resolution (4:4:4, 4:2:2), which the copy stores at a
    quarter (4:2:0) as every camera does: kept, it would weigh half as much again."""
    image = Image.merge("RGB", [Image.effect_noise((600, 400), 40) for _ in range(3)])
    for subsampling in (0, 1):
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=80, subsampling=subsampling)
        copy = make_copy(buffer.getvalue(), WEB_SPEC)
        assert len(copy.data) < len(buffer.getvalue()) * 0.9
    usual = io.BytesIO()
    image.save(usual, "JPEG", quality=80, subsampling=2)
    assert len(make_copy(usual.getvalue(), WEB_SPEC).data) <= len(usual.getvalue())


def test_a_damaged_tiff_is_named_unreadable_without_libtiffs_own_lines(
    capfd: pytest.CaptureFixture[str],
) -> None:
    # libtiff prints its errors on the terminal itself ('tempfile.tif: Using code not yet in
    # table.'), beside digest's own line naming the file.
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 200, 30)).save(buffer, "TIFF", compression="tiff_lzw")
    damaged = bytearray(buffer.getvalue())
    for at in range(20, len(damaged) - 200):  # the compressed strip, before the directory
        damaged[at] ^= 0x5A
    capfd.readouterr()
    with pytest.raises(UnreadableImage, match="damaged"):
        make_copy(bytes(damaged), WEB_SPEC)
    assert capfd.readouterr().err == ""


def tiff_pages(*pages: Image.Image) -> bytes:
    buffer = io.BytesIO()
    pages[0].save(buffer, "TIFF", save_all=True, append_images=list(pages[1:]))
    return buffer.getvalue()


def without_width_on_page_two(data: bytes) -> bytes:
    """The TIFF with its second page's ImageWidth tag renamed to an unknown one: Pillow's
    reading of that page raises TypeError ('Missing dimensions')."""
    damaged = bytearray(data)
    (first,) = struct.unpack_from("<I", damaged, 4)
    (count,) = struct.unpack_from("<H", damaged, first)
    (second,) = struct.unpack_from("<I", damaged, first + 2 + 12 * count)
    (count,) = struct.unpack_from("<H", damaged, second)
    for entry in range(second + 2, second + 2 + 12 * count, 12):
        if struct.unpack_from("<H", damaged, entry)[0] == 256:
            struct.pack_into("<H", damaged, entry, 65000)
    return bytes(damaged)


@pytest.mark.parametrize("spec", [WEB_SPEC, email_spec()], ids=["web", "email"])
def test_a_tiff_whose_later_page_is_damaged_is_no_traceback(spec: ImageSpec) -> None:
    data = without_width_on_page_two(
        tiff_pages(Image.new("RGB", (400, 300), (200, 30, 30)), Image.new("RGB", (40, 30)))
    )
    try:
        copy = make_copy(data, spec)
    except UnreadableImage:
        return
    assert (copy.width, copy.height) == (400, 300)


@pytest.mark.parametrize("spec", [WEB_SPEC, email_spec()], ids=["web", "email"])
def test_a_tiffs_further_pages_are_no_animation(spec: ImageSpec) -> None:
    # A scan's later pages, or the small preview a scanner or camera stores as a second page,
    # were made the frames of a 256-colour GIF flashing from one page to the next.
    photo_page = Image.new("RGB", (400, 300), (200, 30, 30))
    ImageDraw.Draw(photo_page).ellipse((50, 50, 350, 250), fill=(30, 160, 90))
    copy = make_copy(tiff_pages(photo_page, Image.new("RGB", (40, 30), (30, 30, 200))), spec)
    image = opened(copy.data)
    assert not copy.animated and getattr(image, "n_frames", 1) == 1 and image.format != "GIF"
    assert (copy.width, copy.height) == (400, 300)
    assert image.convert("RGB").getpixel((200, 150)) == pytest.approx((30, 160, 90), abs=12)


def test_a_tiff_pillow_refuses_is_named_without_pillows_log_line(tmp_path: Path) -> None:
    # Pillow's TIFF reader logs 'More samples per pixel than can be decoded: 187' as an error,
    # which Python's last-resort handler printed on the terminal beside digest's own line (in a
    # process of its own: pytest's log capture would take the line).
    damaged = bytearray(tiff_pages(Image.new("RGB", (40, 30), (200, 30, 30))))
    (first,) = struct.unpack_from("<I", damaged, 4)
    (count,) = struct.unpack_from("<H", damaged, first)
    for entry in range(first + 2, first + 2 + 12 * count, 12):
        if struct.unpack_from("<H", damaged, entry)[0] == 277:  # SamplesPerPixel
            struct.pack_into("<H", damaged, entry + 8, 187)
    source = tmp_path / "scan.tiff"
    source.write_bytes(bytes(damaged))
    code = (
        "import sys\nfrom pathlib import Path\n"
        "from digest.render.images import WEB_SPEC, UnreadableImage, make_copy\n"
        "try:\n    make_copy(Path(sys.argv[1]).read_bytes(), WEB_SPEC)\n"
        "except UnreadableImage as problem:\n    print(problem)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(source)], capture_output=True, text=True, check=True
    )
    assert "not an image" in done.stdout or "damaged" in done.stdout
    assert done.stderr == ""


# PostScript that Pillow reads as an EPS picture: decoding it runs Ghostscript on the file.
POSTSCRIPT = (
    b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nnewpath 0 0 moveto 10 10 lineto stroke\nshowpage\n"
)


def test_postscript_named_as_an_image_never_runs_a_program(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pillow hands an EPS file to Ghostscript, an interpreter of a whole language with a
    history of escapes: a picture from a contributor must never reach it, whatever it is named."""
    from PIL import EpsImagePlugin

    ran = tmp_path / "ran"
    program = tmp_path / "bin" / "gs"
    program.parent.mkdir()
    program.write_text(f'#!/bin/sh\necho "$@" >> {ran}\n')
    program.chmod(0o755)
    monkeypatch.setenv("PATH", f"{program.parent}:/usr/bin:/bin")
    monkeypatch.setattr(EpsImagePlugin, "gs_binary", None)  # looked for again, on this PATH
    for read in (image_facts, lambda data: make_copy(data, email_spec())):
        with pytest.raises(UnreadableImage, match="not an image digest can read"):
            read(POSTSCRIPT)
    assert not ran.exists()


@pytest.mark.parametrize("fmt", ["ICO", "PPM", "TGA", "PCX", "SGI", "DDS", "QOI"])
def test_only_the_formats_digest_publishes_or_converts_are_decoded(fmt: str) -> None:
    """Pillow reads some forty formats, each decoder more code reading a contributor's bytes;
    digest decodes those its readers show or it converts (the README's list), no other."""
    buffer = io.BytesIO()
    try:
        Image.new("RGB", (16, 16), (200, 30, 30)).save(buffer, fmt)
    except (KeyError, OSError, ValueError):
        pytest.skip(f"this Pillow cannot write {fmt}")
    with pytest.raises(UnreadableImage, match="not an image digest can read"):
        make_copy(buffer.getvalue(), email_spec())


@pytest.mark.parametrize("fmt", ["BMP", "TIFF"])
def test_the_formats_converted_for_readers_are_still_read(fmt: str) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 30, 30)).save(buffer, fmt)
    assert make_copy(buffer.getvalue(), email_spec()).format == "JPEG"


def test_the_decoded_formats_are_those_the_readers_are_given() -> None:
    from digest.render.images import DECODED_FORMATS, EMAIL_FORMAT_FEATURES

    assert {*DECODED_FORMATS, "HEIF"} == set(EMAIL_FORMAT_FEATURES)


def test_an_image_of_an_email_nested_three_hundred_deep_is_still_seen() -> None:
    """libxml2 stops reading at an element nested more than 256 deep, without a word: the email's
    images past it had no size or weight check (found by world18)."""
    from digest.checks.images import _email_images

    email = "<html><body>" + "<div>" * 300 + '<img src="deep.png">' + "</div>" * 300 + "</body></html>"
    assert [image["src"] for image in _email_images(email.encode(), "issue-2025/email.html")] == ["deep.png"]
