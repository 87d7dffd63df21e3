"""An image's bytes without its metadata (digest.render.imagebytes), and the copies that
keep their bytes because their pixels need no change (digest.render.images)."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image, ImageCms, ImageDraw, PngImagePlugin

from digest.render.imagebytes import without_metadata
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
