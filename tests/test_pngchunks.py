"""A PNG's compressed pixels kept, its metadata left behind (digest.render.pngchunks), on
PNGs these tests draw with Pillow."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image, ImageDraw, PngImagePlugin

from digest.render.images import WEB_SPEC, email_spec, make_copy
from digest.render.pngchunks import stripped_png

SECRET = "Taken at 51.5N 0.1W by Jane Doe"


def drawing(mode: str = "RGB", size: tuple[int, int] = (300, 200), orientation: int = 1) -> bytes:
    """A drawing with text chunks, an EXIF block (with `orientation`) and a time chunk."""
    image = Image.new(mode, size, (250, 250, 240, 255) if mode == "RGBA" else (250, 250, 240))
    ImageDraw.Draw(image).rectangle((20, 20, 120, 90), fill=(200, 30, 30))
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", SECRET)
    info.add_itxt("Author", "Jane Doe")
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010E] = SECRET
    buffer = io.BytesIO()
    image.save(buffer, "PNG", pnginfo=info, exif=exif.tobytes())
    return _with_chunk(buffer.getvalue(), b"tIME", bytes([7, 234, 11, 30, 12, 0, 0]))


def _with_chunk(data: bytes, kind: bytes, body: bytes) -> bytes:
    """`data` with one more chunk before IEND (the last 12 bytes)."""
    chunk = struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    return data[:-12] + chunk + data[-12:]


def chunk_kinds(data: bytes) -> list[bytes]:
    kinds, position = [], 8
    while position < len(data):
        (length,) = struct.unpack_from(">I", data, position)
        kinds.append(data[position + 4 : position + 8])
        position += 12 + length
    return kinds


def pixels(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        return image.convert("RGBA").tobytes()


def test_only_the_chunks_that_shape_the_picture_are_kept_and_the_pixels_are_the_same() -> None:
    source = drawing()
    stripped = stripped_png(source)
    assert stripped is not None
    assert set(chunk_kinds(source)) >= {b"tEXt", b"iTXt", b"eXIf", b"tIME"}
    assert chunk_kinds(stripped) == [b"IHDR", b"IDAT", b"IEND"]
    assert SECRET.encode() not in stripped and b"Jane" not in stripped
    assert pixels(stripped) == pixels(source)


def test_a_damaged_cut_short_animated_or_deep_png_is_left_to_the_decoder() -> None:
    source = drawing()
    damaged = bytearray(source)
    damaged[40] ^= 0xFF  # inside IHDR's or the first chunk's data: its checksum no longer matches
    sixteen_bits = io.BytesIO()
    Image.new("I;16", (10, 10), 300).save(sixteen_bits, "PNG")
    animated = io.BytesIO()
    frames = [Image.new("RGB", (10, 10), colour) for colour in ("red", "blue")]
    frames[0].save(animated, "PNG", save_all=True, append_images=frames[1:])
    for data in (
        bytes(damaged),
        source[:-12],
        source[:8],
        animated.getvalue(),
        sixteen_bits.getvalue(),
        b"GIF89a",
    ):
        assert stripped_png(data) is None


def test_a_png_that_fits_is_published_as_it_is_without_its_metadata() -> None:
    source = drawing()
    for spec in (WEB_SPEC, email_spec()):
        copy = make_copy(source, spec)
        assert copy.data == stripped_png(source)
        assert (copy.format, copy.width, copy.height, copy.transparent) == ("PNG", 300, 200, False)


def test_an_opaque_png_with_an_alpha_channel_is_kept_and_known_to_be_opaque() -> None:
    copy = make_copy(drawing("RGBA"), email_spec())
    assert copy.data == stripped_png(drawing("RGBA")) and not copy.transparent


def test_a_png_that_must_change_is_decoded_and_encoded_again() -> None:
    turned = make_copy(drawing(orientation=6), WEB_SPEC)  # EXIF says: turn it upright
    assert (turned.width, turned.height) == (200, 300)
    wide = make_copy(drawing(size=(3000, 100)), email_spec())  # wider than the email's 1200
    assert wide.width == 1200
    for copy in (turned, wide):
        assert SECRET.encode() not in copy.data and b"tIME" not in copy.data


def test_a_transparent_png_keeps_its_bytes_on_the_web_and_gets_a_plate_in_the_email() -> None:
    image = Image.new("RGBA", (100, 50), (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle((10, 10, 40, 40), fill=(20, 20, 20, 255))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    web, email = make_copy(buffer.getvalue(), WEB_SPEC), make_copy(buffer.getvalue(), email_spec())
    assert web.data == stripped_png(buffer.getvalue()) and web.transparent
    assert email.data != web.data and email.transparent
    assert Image.open(io.BytesIO(email.data)).convert("RGBA").getpixel((2, 2)) == (255, 255, 255, 255)
