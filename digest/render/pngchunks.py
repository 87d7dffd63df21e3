"""A PNG's own pixels without its metadata, taken chunk by chunk instead of re-encoded.

A still PNG that its readers can show as it is (the right size, upright, in 8 bits) keeps
its compressed pixels byte for byte: decoding and compressing them again would cost most
of a small build and give a different, often larger, file. Only the chunks that say how
the pixels look travel with them (the PNG specification's critical chunks, transparency
and colour); text, EXIF, dates and every chunk digest does not know are left behind, as
a re-encoded copy leaves them. Every chunk's checksum is verified: a damaged file is
decoded by the caller, which says so.
"""

from __future__ import annotations

import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"
# The chunks that decide what a reader shows; the rest (tEXt, zTXt, iTXt, eXIf, tIME, and
# every private chunk) is metadata.
KEPT = frozenset(
    {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND", b"cHRM", b"gAMA", b"iCCP", b"sBIT", b"sRGB", b"cICP"}
)
ANIMATION = frozenset({b"acTL", b"fcTL", b"fdAT"})
MAX_BIT_DEPTH = 8  # deeper samples are made 8 bits by the re-encoding path


def stripped_png(data: bytes) -> bytes | None:
    """`data` with only the chunks in KEPT, or None where it is not a plain, intact, still
    PNG of at most 8 bits a sample (the caller then decodes and encodes it)."""
    if not data.startswith(SIGNATURE):
        return None
    kept = [SIGNATURE]
    position = len(SIGNATURE)
    first = True
    while position + 12 <= len(data):
        (length,) = struct.unpack_from(">I", data, position)
        kind = data[position + 4 : position + 8]
        end = position + 12 + length
        if end > len(data) or not _intact(data, position, length):
            return None
        if kind in ANIMATION or (first and not _plain_header(kind, data, position, length)):
            return None
        if kind in KEPT:
            kept.append(data[position:end])
        first = False
        position = end
        if kind == b"IEND":
            return b"".join(kept)
    return None  # cut short: no IEND


def _intact(data: bytes, position: int, length: int) -> bool:
    stored: int = struct.unpack_from(">I", data, position + 8 + length)[0]
    return zlib.crc32(data[position + 4 : position + 8 + length]) == stored


def _plain_header(kind: bytes, data: bytes, position: int, length: int) -> bool:
    """The first chunk is IHDR, of its fixed size, with samples of at most 8 bits."""
    return kind == b"IHDR" and length == 13 and data[position + 16] <= MAX_BIT_DEPTH
