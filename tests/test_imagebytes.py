"""An image's bytes without its metadata (digest.render.imagebytes), and the copies that
keep their bytes because their pixels need no change (digest.render.images)."""

from __future__ import annotations

import io
import random
import struct
import zlib

import pytest
from PIL import Image, ImageCms, ImageDraw, PngImagePlugin

from digest.render.imagebytes import may_be_heavier, without_metadata
from digest.render.images import WEB_SPEC, email_spec, make_copy

SECRET = b"Digest Test Camera at 51.5N"


def png(**extra: object) -> bytes:
    image = Image.new("RGB", (320, 200), (30, 90, 160))
    ImageDraw.Draw(image).ellipse((40, 40, 200, 160), fill=(250, 220, 40))
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", SECRET.decode())
    info.add_itxt("Comment", SECRET.decode(), zip=True)
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = SECRET.decode()
    image.save(buffer, "PNG", pnginfo=info, exif=exif.tobytes(), **extra)
    return buffer.getvalue()


def chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def before_end(data: bytes, extra: bytes) -> bytes:
    """`extra` put just before the PNG's IEND chunk."""
    end = data.rindex(b"IEND") - 4
    return data[:end] + extra + data[end:]


def jpeg(orientation: int = 1, size: tuple[int, int] = (640, 480), **extra: object) -> bytes:
    image = Image.new("RGB", size, (200, 60, 40))
    ImageDraw.Draw(image).rectangle((10, 10, 300, 200), fill=(20, 160, 90))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = SECRET.decode()
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes(), comment=SECRET, quality=85, **extra)
    return buffer.getvalue()


def with_segment(data: bytes, marker: int, body: bytes) -> bytes:
    """A segment put right after the JPEG's start of image."""
    return data[:2] + bytes((0xFF, marker)) + struct.pack(">H", len(body) + 2) + body + data[2:]


def pixels(data: bytes) -> bytes:
    return Image.open(io.BytesIO(data)).convert("RGBA").tobytes()


def test_a_png_loses_its_text_exif_and_time_and_keeps_every_pixel() -> None:
    source = before_end(png(), chunk(b"tIME", bytes(7))) + b"hidden after the end"
    kept = without_metadata(source, "PNG")
    assert kept is not None
    assert SECRET not in kept and b"tIME" not in kept and b"eXIf" not in kept and b"hidden" not in kept
    assert pixels(kept) == pixels(source)
    assert not {"Author", "Comment", "exif"} & set(Image.open(io.BytesIO(kept)).info)


def test_a_png_keeps_its_colour_profile_and_transparency() -> None:
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    source = png(icc_profile=profile, transparency=(30, 90, 160))
    kept = without_metadata(source, "PNG")
    assert kept is not None
    assert Image.open(io.BytesIO(kept)).info.get("icc_profile") == profile
    assert pixels(kept) == pixels(source)  # the see-through colour is still see-through


def test_a_png_out_of_the_ordinary_is_left_to_the_encoder() -> None:
    source = png()
    damaged = bytearray(source)
    damaged[source.index(b"IDAT") + 10] ^= 0xFF  # the chunk's check no longer matches
    animation = before_end(source, chunk(b"acTL", struct.pack(">II", 1, 0)))
    private_critical = before_end(source, chunk(b"XYZW", b"?"))
    for data in (bytes(damaged), animation, private_critical, source[:-12], b"not a png"):
        assert without_metadata(data, "PNG") is None


def test_a_jpeg_loses_exif_xmp_iptc_comments_and_what_follows_its_end() -> None:
    xmp = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>" + SECRET + b"</x:xmpmeta>"
    iptc = b"Photoshop 3.0\0" + SECRET
    source = with_segment(with_segment(jpeg(), 0xE1, xmp), 0xED, iptc) + b"\xff\xd8" + SECRET + b"\xff\xd9"
    kept = without_metadata(source, "JPEG")
    assert kept is not None
    assert SECRET not in kept
    assert kept.endswith(b"\xff\xd9") and kept.count(b"\xff\xd8") == 1
    assert pixels(kept) == pixels(source)
    assert dict(Image.open(io.BytesIO(kept)).getexif()) == {}


def test_a_progressive_jpeg_with_restart_markers_keeps_its_scans_and_its_profile() -> None:
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    source = jpeg(progressive=True, icc_profile=profile)
    restarts = jpeg(restart_marker_blocks=2)
    for data in (source, restarts):
        kept = without_metadata(data, "JPEG")
        assert kept is not None and pixels(kept) == pixels(data)
    kept = without_metadata(source, "JPEG")
    assert kept is not None and Image.open(io.BytesIO(kept)).info.get("icc_profile") == profile


def test_a_jpeg_browsers_cannot_show_as_stored_is_left_to_the_encoder() -> None:
    source = jpeg()
    frame = source.index(b"\xff\xc0")
    arithmetic = source[:frame] + b"\xff\xc9" + source[frame + 2 :]
    twelve_bit = source[: frame + 4] + b"\x0c" + source[frame + 5 :]
    for data in (arithmetic, twelve_bit, source[: len(source) // 2], b"\xff\xd8\xff"):
        assert without_metadata(data, "JPEG") is None


def test_a_web_copy_that_needs_no_change_keeps_its_bytes_without_metadata() -> None:
    source = jpeg()
    copy = make_copy(source, WEB_SPEC)
    assert copy.data == without_metadata(source, "JPEG")  # not compressed a second time
    assert SECRET not in copy.data


def test_copies_whose_pixels_change_are_encoded_anew() -> None:
    turned = make_copy(jpeg(orientation=6), WEB_SPEC)
    assert (turned.width, turned.height) == (480, 640) and turned.data != without_metadata(jpeg(6), "JPEG")
    wide = make_copy(jpeg(size=(1600, 900)), email_spec())
    assert wide.width == 1200 and SECRET not in wide.data
    drawing = Image.new("RGBA", (100, 100), (0, 0, 0, 0))
    buffer = io.BytesIO()
    drawing.save(buffer, "PNG")
    plated = make_copy(buffer.getvalue(), email_spec())  # transparent: the email's copy gets a white plate
    assert Image.open(io.BytesIO(plated.data)).convert("RGBA").getpixel((1, 1)) == (255, 255, 255, 255)


def webp(**extra: object) -> bytes:
    image = Image.new("RGBA", (300, 200), (40, 120, 200, 255))
    ImageDraw.Draw(image).ellipse((20, 20, 180, 180), fill=(250, 200, 30, 128))
    exif = Image.Exif()
    exif[0x0112] = 1
    exif[0x010F] = SECRET.decode()
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", exif=exif.tobytes(), xmp=b"<x:xmpmeta>" + SECRET + b"</x:xmpmeta>", **extra)
    return buffer.getvalue()


def test_a_webp_loses_exif_and_xmp_and_says_so_in_its_header() -> None:
    for source in (webp(quality=80), webp(lossless=True)):
        kept = without_metadata(source + b"trailing", "WEBP")
        assert kept is not None
        assert SECRET not in kept and b"EXIF" not in kept and b"XMP " not in kept
        assert int.from_bytes(kept[4:8], "little") == len(kept) - 8
        flags = kept[kept.index(b"VP8X") + 8]
        assert not flags & 0x0C and flags & 0x10  # no EXIF or XMP said; the alpha still is
        assert pixels(kept) == pixels(source)


def test_a_webp_out_of_the_ordinary_is_left_to_the_encoder() -> None:
    frames = [Image.new("RGB", (40, 40), colour) for colour in ((255, 0, 0), (0, 0, 255))]
    buffer = io.BytesIO()
    frames[0].save(buffer, "WEBP", save_all=True, append_images=frames[1:], duration=100)
    source = webp(quality=80)
    for data in (buffer.getvalue(), source[: len(source) // 2], b"RIFF\x04\x00\x00\x00WEBP", b"not webp"):
        assert without_metadata(data, "WEBP") is None


def test_a_lossless_webp_keeps_its_bytes_only_where_they_are_the_lighter() -> None:
    bands = (Image.effect_noise((300, 200), 20), Image.linear_gradient("L").resize((300, 200)))
    photo, drawing = io.BytesIO(), io.BytesIO()
    Image.merge("RGB", (*bands, bands[1].rotate(90))).save(photo, "WEBP", lossless=True)
    Image.effect_mandelbrot((300, 200), (-2, -1.5, 1, 1.5), 100).save(drawing, "WEBP", lossless=True)
    copy = make_copy(photo.getvalue(), WEB_SPEC)  # the encoder's lossy copy: many times lighter
    assert copy.format == "WEBP" and len(copy.data) < len(photo.getvalue()) / 2
    assert make_copy(drawing.getvalue(), WEB_SPEC).data == without_metadata(drawing.getvalue(), "WEBP")


def test_a_webp_web_copy_keeps_its_bytes_where_the_web_shows_it_as_it_is() -> None:
    source = webp(quality=80)
    copy = make_copy(source, WEB_SPEC)
    assert copy.format == "WEBP" and copy.data == without_metadata(source, "WEBP")
    assert make_copy(source, email_spec()).format == "PNG"  # Outlook shows no WebP: converted


def noisy_jpeg(quality: int) -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((600, 400), 30).convert("RGB").save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def test_a_jpeg_compressed_more_finely_than_the_copy_would_be_is_made_smaller() -> None:
    camera = noisy_jpeg(97)
    for spec in (WEB_SPEC, email_spec()):
        copy = make_copy(camera, spec)
        assert copy.data != without_metadata(camera, "JPEG") and len(copy.data) < len(camera) * 0.8
    web_ready = noisy_jpeg(80)
    assert make_copy(web_ready, WEB_SPEC).data == without_metadata(web_ready, "JPEG")


def test_a_png_stored_with_the_fastest_compression_or_none_is_compressed() -> None:
    image = Image.new("RGB", (300, 200), (30, 90, 160))
    ImageDraw.Draw(image).ellipse((40, 40, 200, 160), fill=(250, 220, 40))
    for level in (0, 1):
        buffer = io.BytesIO()
        image.save(buffer, "PNG", compress_level=level)
        assert without_metadata(buffer.getvalue(), "PNG") is None
        assert len(make_copy(buffer.getvalue(), WEB_SPEC).data) < len(buffer.getvalue())


def test_a_jpeg_loses_the_thumbnail_its_jfif_segment_carries() -> None:
    thumbnail = bytes((0, 255, 0)) * 4  # 2x2 pixels: a crop's old picture can hide here
    jfif = b"JFIF\0\x01\x02\x00\x00\x01\x00\x01\x02\x02" + thumbnail
    plain = jpeg()
    if plain[2:4] == b"\xff\xe0":  # the encoder's own JFIF segment, without a thumbnail
        plain = plain[:2] + plain[4 + int.from_bytes(plain[4:6]) :]
    source = with_segment(plain, 0xE0, jfif)
    kept = without_metadata(source, "JPEG")
    assert kept is not None and thumbnail not in kept
    assert kept.count(b"JFIF\0") == 1 and pixels(kept) == pixels(source)
    segment = kept[kept.index(b"JFIF\0") - 4 :]
    assert segment[2:4] == b"\x00\x10" and segment[16:18] == b"\x00\x00"  # no thumbnail said


def test_a_16_bit_png_is_left_to_the_encoder() -> None:
    rows = b"".join(b"\0" + bytes(range(256)) * 6 for _ in range(40))  # 256 pixels of 16-bit RGB
    header = struct.pack(">IIBBBBB", 256, 40, 16, 2, 0, 0, 0)
    source = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9))
    source += chunk(b"IEND", b"")
    assert without_metadata(source, "PNG") is None
    copy = make_copy(source, WEB_SPEC)  # what browsers show is 8 bits a sample: half the bytes
    assert copy.data[24] == 8 and pixels(copy.data) == pixels(source)


def unfiltered_png(image: Image.Image) -> bytes:
    """`image` as some encoders store it: every row without a filter, compressed hard."""
    width, height = image.size
    row = width * len(image.getbands())
    raw = image.tobytes()
    rows = b"".join(b"\0" + raw[y * row : (y + 1) * row] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2 if image.mode == "RGB" else 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def test_a_png_stored_without_filters_keeps_its_bytes_only_where_they_are_the_lighter() -> None:
    size = (600, 400)
    photo = Image.merge(
        "RGB",
        (
            Image.linear_gradient("L").resize(size),
            Image.radial_gradient("L").resize(size),
            Image.effect_noise(size, 8),
        ),
    )
    source = unfiltered_png(photo)
    copy = make_copy(source, WEB_SPEC)  # filtered, the same pixels take half the bytes
    assert len(copy.data) < len(source) * 0.7 and pixels(copy.data) == pixels(source)
    flat = Image.new("RGB", size, (250, 250, 250))
    ImageDraw.Draw(flat).rectangle((50, 50, 300, 200), fill=(20, 90, 160))
    drawing = unfiltered_png(flat)
    assert len(make_copy(drawing, WEB_SPEC).data) <= len(drawing)
    filtered = io.BytesIO()
    photo.save(filtered, "PNG", compress_level=9)
    assert make_copy(filtered.getvalue(), WEB_SPEC).data == without_metadata(filtered.getvalue(), "PNG")


def test_a_png_whose_encoder_filters_is_not_taken_for_unfiltered_by_a_plain_margin() -> None:
    """An encoder that filters stores rows of zero bytes (a transparent or black margin)
    unfiltered, as every filter gives zeros there: a chart opening with such a margin,
    taller than the rows looked at first, is still a filtered PNG, whose bytes need no
    encoder's second opinion."""
    chart = Image.new("RGBA", (300, 400), (0, 0, 0, 0))
    for x in range(20, 280, 3):
        ImageDraw.Draw(chart).line((x, 120, x, 380), fill=(x % 256, 40, 200 - x % 150, 255))
    saved = io.BytesIO()
    chart.save(saved, "PNG")
    filters = row_filters(saved.getvalue())
    assert set(filters[:100]) == {0} and set(filters) != {0}  # as Pillow's encoder stores it
    assert not may_be_heavier(saved.getvalue(), "PNG")
    assert may_be_heavier(unfiltered_png(chart), "PNG")
    assert may_be_heavier(unfiltered_png(Image.new("RGBA", (300, 400), (0, 0, 0, 0))), "PNG")


def row_filters(data: bytes) -> list[int]:
    """The filter type of each row of an 8-bit, non-interlaced PNG."""
    width, height = struct.unpack(">II", data[16:24])
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[data[25]]
    idat, at = b"", 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        if data[at + 4 : at + 8] == b"IDAT":
            idat += data[at + 8 : at + 8 + length]
        at += 12 + length
    raw, stride = zlib.decompress(idat), 1 + width * channels
    return [raw[y * stride] for y in range(height)]


def damaged_copies(data: bytes, count: int, seed: int) -> list[bytes]:
    """`data` with bytes changed, cut out, put in or cut off, a few at a time."""
    rng = random.Random(seed)
    copies = []
    for _ in range(count):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(damaged))
            kind = rng.randrange(4)
            if kind == 0:
                damaged[at] = rng.randrange(256)
            elif kind == 1:
                del damaged[at : at + rng.randint(1, 40)]
            elif kind == 2:
                damaged[at:at] = rng.randbytes(rng.randint(1, 16))
            else:
                del damaged[max(at, 1) :]
        copies.append(bytes(damaged))
    return copies


@pytest.mark.parametrize("image_format", ["PNG", "JPEG", "WEBP"])
def test_a_damaged_image_is_kept_only_as_it_shows_and_without_its_metadata(image_format: str) -> None:
    source = {"PNG": png(), "JPEG": jpeg(size=(64, 48)), "WEBP": webp(quality=80)}[image_format]
    for damaged in damaged_copies(source, 300, seed=len(image_format)):
        kept = without_metadata(damaged, image_format)
        if kept is None:
            continue
        try:
            shown = pixels(damaged)
        except (OSError, SyntaxError, ValueError):
            continue  # no copy is made of what Pillow cannot decode
        assert pixels(kept) == shown and SECRET not in kept


def test_a_jpeg_frame_too_short_to_hold_its_precision_is_left_to_the_encoder() -> None:
    source = jpeg(size=(64, 48))
    scan = source.index(b"\xff\xda")
    # A progressive frame header of no bytes after the first scan's tables: no precision to read.
    assert without_metadata(source[:scan] + b"\xff\xc2\x00\x02" + source[scan:], "JPEG") is None
