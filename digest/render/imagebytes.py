"""An image's own bytes without its metadata, for a copy whose pixels need no change.

Only the parts that shape the pixels are kept: in a PNG its header, palette,
transparency, colour chunks and image data; in a JPEG its tables, frame, scans, and the
JFIF (without its thumbnail), Adobe and ICC segments; in a WebP its image, alpha and colour
profile. EXIF
(camera, GPS position), XMP, IPTC, text chunks, comments, times, thumbnails and anything
after the image's end are left behind.

Where anything is out of the ordinary (a damaged chunk, a private critical chunk, an
animation, arithmetic coding or 12-bit samples, which browsers do not show), or where the
encoder's copy is much lighter (16-bit PNG samples, shown as 8), the answer
is None and the caller encodes the pixels anew, as it does for every other change.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_KEPT = frozenset(
    {b"IHDR", b"PLTE", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT", b"IDAT", b"IEND"}
)

JPEG_START, JPEG_END, JPEG_SCAN = 0xD8, 0xD9, 0xDA
JPEG_TABLES = frozenset({0xDB, 0xC4, 0xDD})  # quantisation, Huffman, restart interval
JPEG_FRAMES = frozenset({0xC0, 0xC1, 0xC2})  # baseline, extended and progressive Huffman coding
JPEG_RESTARTS = range(0xD0, 0xD8)
JPEG_METADATA = frozenset(range(0xE0, 0xF0)) | {0xFE}  # APP0-APP15 and comments

WEBP_KEPT = frozenset({b"VP8X", b"ICCP", b"ALPH", b"VP8 ", b"VP8L"})
WEBP_ANIMATION = frozenset({b"ANIM", b"ANMF"})
WEBP_METADATA_FLAGS = 0x08 | 0x04  # VP8X's flags for an EXIF and an XMP chunk


def without_metadata(data: bytes, image_format: str) -> bytes | None:
    """`data` without what does not shape its pixels, or None where it cannot be done safely."""
    if image_format == "PNG":
        return _png(memoryview(data))
    if image_format == "JPEG":
        return _jpeg(data)
    if image_format == "WEBP":
        return _webp(memoryview(data))
    return None


def _png(data: memoryview) -> bytes | None:
    if bytes(data[:8]) != PNG_SIGNATURE:
        return None
    kept = [PNG_SIGNATURE]
    at = 8
    while at + 12 <= len(data):
        length = int.from_bytes(data[at : at + 4])
        kind = bytes(data[at + 4 : at + 8])
        end = at + 12 + length
        if end > len(data) or zlib.crc32(data[at + 4 : end - 4]) != int.from_bytes(data[end - 4 : end]):
            return None  # damaged: the encoder writes it whole again
        if kind == b"IHDR" and length >= 13 and data[at + 16] == 16:
            return None  # 16-bit samples: twice the bytes of the 8 every browser shows
        first_pixels = kind == b"IDAT" and kept[-1][4:8] != b"IDAT"
        if first_pixels and _stored_fast(data[at + 8 : end - 4]):
            return None
        if kind in PNG_KEPT:
            kept.append(bytes(data[at:end]))
        elif kind == b"acTL" or not kind[0] & 0x20:
            return None  # an animation, or a critical chunk digest does not know
        if kind == b"IEND":
            return b"".join(kept)
        at = end
    return None


def _stored_fast(pixels: memoryview) -> bool:
    """Whether zlib's header says the pixels were stored with its fastest setting, or none:
    the encoder makes those much smaller."""
    return len(pixels) < 2 or pixels[1] >> 6 == 0


def _jpeg(data: bytes) -> bytes | None:
    if len(data) < 4 or data[0] != 0xFF or data[1] != JPEG_START:
        return None
    kept = [b"\xff\xd8"]
    at = 2
    while at + 2 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # a fill byte before a marker
            at += 1
            continue
        if marker == JPEG_END:
            kept.append(b"\xff\xd9")
            return b"".join(kept)
        if at + 4 > len(data):
            return None
        end = at + 2 + int.from_bytes(data[at + 2 : at + 4])
        if end > len(data) or end < at + 4:
            return None
        segment = data[at:end]
        if marker in JPEG_METADATA:
            if _shapes_pixels(marker, segment):
                kept.append(_without_thumbnail(segment))
        elif marker in JPEG_FRAMES:
            if len(segment) < 5 or segment[4] != 8:
                return None  # 12-bit samples, or no frame header
            kept.append(segment)
        elif marker in JPEG_TABLES or marker == JPEG_SCAN:
            kept.append(segment)
        else:
            return None  # arithmetic coding, lossless or hierarchical frames: encoded anew
        at = end
        if marker == JPEG_SCAN:
            scan_end = _scan_end(data, at)
            if scan_end is None:
                return None
            kept.append(data[at:scan_end])
            at = scan_end
    return None


def _shapes_pixels(marker: int, segment: bytes) -> bool:
    """JFIF (APP0), an ICC profile (APP2) and Adobe's colour transform (APP14) say how the
    pixels look; every other application segment and comment is metadata."""
    body = segment[4:]
    return (
        (marker == 0xE0 and body.startswith(b"JFIF\0"))
        or (marker == 0xE2 and body.startswith(b"ICC_PROFILE\0"))
        or (marker == 0xEE and body.startswith(b"Adobe"))
    )


def _without_thumbnail(segment: bytes) -> bytes:
    """A JFIF segment without the thumbnail it may carry (a cropped photo's thumbnail can
    still show the whole picture): its version, units and density, a thumbnail of 0x0."""
    if not segment[4:].startswith(b"JFIF\0"):
        return segment
    fields = segment[9:16].ljust(7, b"\0")  # version, units, horizontal and vertical density
    return b"\xff\xe0\x00\x10JFIF\0" + fields + b"\0\0"


def _scan_end(data: bytes, at: int) -> int | None:
    """Where a scan's entropy-coded bytes end: at the first marker that is neither a
    stuffed 0xFF (0xFF00) nor a restart marker."""
    while True:
        at = data.find(b"\xff", at)
        if at < 0 or at + 1 >= len(data):
            return None
        following = data[at + 1]
        if following == 0 or following in JPEG_RESTARTS:
            at += 2
        elif following == 0xFF:
            at += 1
        else:
            return at


def _webp(data: memoryview) -> bytes | None:
    if len(data) < 12 or bytes(data[:4]) != b"RIFF" or bytes(data[8:12]) != b"WEBP":
        return None
    end = min(len(data), 8 + int.from_bytes(data[4:8], "little"))
    kept: list[bytes] = []
    at = 12
    while at + 8 <= end:
        kind = bytes(data[at : at + 4])
        size = int.from_bytes(data[at + 4 : at + 8], "little")
        following = at + 8 + size + (size & 1)  # chunks are padded to an even length
        if at + 8 + size > end or kind in WEBP_ANIMATION:
            return None  # cut short, or an animation: encoded anew
        if kind == b"VP8X":
            if size < 10:
                return None
            flags = data[at + 8] & ~WEBP_METADATA_FLAGS
            kept.append(
                kind + data[at + 4 : at + 8].tobytes() + bytes((flags,)) + bytes(data[at + 9 : following])
            )
        elif kind in WEBP_KEPT:
            kept.append(bytes(data[at:following]))
        at = following
    if not any(chunk[:4] in (b"VP8 ", b"VP8L") for chunk in kept):
        return None
    body = b"WEBP" + b"".join(kept)
    return b"RIFF" + len(body).to_bytes(4, "little") + body


def may_be_heavier(data: bytes, image_format: str) -> bool:
    """Whether bytes kept by `without_metadata` may weigh much more than the encoder's copy,
    which only encoding it tells: a lossless WebP (lighter than a lossy copy for a drawing,
    many times heavier for a photo) and a PNG whose rows were stored without a filter (as
    some encoders store every row: a photo so stored takes twice the bytes)."""
    if image_format == "WEBP":
        return _lossless_webp(data)
    return image_format == "PNG" and _unfiltered_png(data)


def _lossless_webp(data: bytes) -> bool:
    at = 12
    while data[:4] == b"RIFF" and at + 8 <= len(data):
        kind, size = data[at : at + 4], int.from_bytes(data[at + 4 : at + 8], "little")
        if kind in (b"VP8 ", b"VP8L"):
            return kind == b"VP8L"
        at += 8 + size + (size & 1)
    return False


PNG_CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}  # by colour type; a palette's rows (3) are best unfiltered
ROWS_READ_AT_ONCE = 1 << 16  # bytes of decompressed rows: a filtered PNG is told by its first few


def _unfiltered_png(data: bytes) -> bool:
    """Whether no row of a PNG (all of whose chunks `without_metadata` has checked) carries
    a filter. The rows are read until one does: an encoder that filters stores rows of zero
    bytes (a transparent or black margin) unfiltered too, so the first rows cannot tell."""
    if len(data) < 33 or data[12:16] != b"IHDR":
        return False
    width, height = int.from_bytes(data[16:20]), int.from_bytes(data[20:24])
    depth, colour, interlaced = data[24], data[25], data[28]
    channels = PNG_CHANNELS.get(colour)
    if channels is None or interlaced:
        return False
    row = 1 + (width * channels * depth + 7) // 8
    stream, compressed = zlib.decompressobj(), b"".join(_png_chunks(data, b"IDAT"))
    read = next_filter = 0  # bytes of rows decompressed; where the next row's filter byte is
    while next_filter < row * height:
        try:
            rows = stream.decompress(compressed, ROWS_READ_AT_ONCE)
        except zlib.error:
            return False
        if not rows:
            return False  # cut short: the encoder reads what it can
        compressed = stream.unconsumed_tail
        filters = range(next_filter, min(read + len(rows), row * height), row)
        if any(rows[at - read] for at in filters):
            return False
        next_filter += len(filters) * row
        read += len(rows)
    return True


def _png_chunks(data: bytes, wanted: bytes) -> Iterator[bytes]:
    at = 8
    while at + 12 <= len(data):
        length = int.from_bytes(data[at : at + 4])
        if data[at + 4 : at + 8] == wanted:
            yield data[at + 8 : at + 8 + length]
        at += 12 + length
