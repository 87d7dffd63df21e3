"""Copies of the build's images made fit for their readers, with Pillow.

Every local image a build uses is copied: its EXIF orientation applied, its
metadata (EXIF with the camera and GPS position, XMP, IPTC, comments) left behind, made
no wider than its readers need, and in a format they can show (the web pages keep
WebP and AVIF; the email gets JPEG or PNG where a major mail client cannot show the
original, by caniemail's data). Animated GIFs stay animated. A PNG, JPEG or WebP whose
pixels need none of this keeps its own compressed bytes, less the metadata
(imagebytes.py), unless encoding it makes it lighter: encoding again would cost time (a
WebP, most of a second) and a JPEG's quality.

The encoder settings are fixed, so an image and a spec give the same bytes on every
build; the caller caches the result by the source's digest and the spec, so an image is
decoded only the first time a build needs that copy.
"""

from __future__ import annotations

import io
import struct
import warnings
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from digest.render.imagebytes import may_be_heavier, without_metadata
from digest.render.libtiff import quiet_libtiff

if TYPE_CHECKING:
    from collections.abc import Mapping

    from PIL.Image import Image

# Pillow's format names by the caniemail feature that says where each shows.
EMAIL_FORMAT_FEATURES = {
    "JPEG": "image-jpg",
    "PNG": "image-png",
    "GIF": "image-gif",
    "WEBP": "image-webp",
    "AVIF": "image-avif",
    "HEIF": "image-heif",
    "BMP": "image-bmp",
    "TIFF": "image-tiff",
}
WEB_FORMATS = ("JPEG", "PNG", "GIF", "WEBP", "AVIF")  # what every current browser shows
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp", "AVIF": "avif"}
MEDIA_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp",
               "AVIF": "image/avif"}  # fmt: skip
# An animation's frames are all decoded: bound what that costs (pixels of every frame).
MAX_ANIMATION_PIXELS = 300_000_000
# And each frame costs its time whatever its size: 20,000 frames of 2 x 2 pixels (780 KB)
# took a minute a copy. A thousand is forty seconds at 25 frames a second; longer is a video.
MAX_ANIMATION_FRAMES = 1_000
# The pixels of one picture decoded at once. Pillow's own limit (89 million) let a 9,400 x
# 9,400 PNG take 1.2 GB and seven seconds for its copies; a phone's 48-megapixel HEIC is
# within, and a JPEG counts as decoded at the fraction of its size its copy needs (draft).
MAX_DECODED_PIXELS = 50_000_000
KNOWN_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")
# The formats Pillow may decode: those of EMAIL_FORMAT_FEATURES (a copy keeps them or
# converts them), no other. Pillow would try some forty decoders on a contributor's bytes,
# EPS among them, which runs Ghostscript (an interpreter of a whole language) on the file.
# HEIF is added once its reader is installed; a phone's MPO opens as "JPEG". Pillow's common
# plugins first: a later name imports every plugin (as Pillow's own search does).
DECODED_FORMATS: tuple[str, ...] = ("JPEG", "PNG", "GIF", "BMP", "WEBP", "AVIF", "TIFF")
HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1")


# The JPEG standard's luminance quantisation table (Annex K), in natural order.
STANDARD_LUMINANCE = (
    16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55,
    14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
    18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
    49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
)  # fmt: skip
# The modes whose pixels every reader shows as stored (16-bit, CMYK and the rest are converted).
KEPT_MODES = frozenset({"1", "L", "LA", "P", "RGB", "RGBA"})


# The formats whose frames are an animation: a TIFF's further pages (a scan's, a preview a
# camera stores), a JPEG's (a phone's depth map) or a HEIF's other pictures are not.
ANIMATED_FORMATS = frozenset({"GIF", "PNG", "WEBP", "AVIF"})
# What Pillow raises decoding a damaged image; TypeError: a TIFF page without its size ('Missing
# dimensions'), which Pillow's open takes for a file it cannot read too.
DECODING_ERRORS = (
    OSError, ValueError, SyntaxError, EOFError, IndexError, struct.error, RuntimeError, TypeError
)  # fmt: skip


class UnreadableImage(Exception):
    """Why the bytes cannot be made into a copy; the caller names the file and line."""


@dataclass(frozen=True)
class ImageSpec:
    """What a copy must be: for which readers, how wide at most, and the formats kept as
    they are (any other is converted to PNG when it has transparency or animation, to
    GIF when it is animated, else to JPEG)."""

    purpose: str  # "web" or "email"
    max_width: int
    formats: tuple[str, ...]
    jpeg_quality: int = 85
    # Transparent pixels painted this colour: a light plate that no client's dark mode can
    # take away (a dark logo on nothing disappears on a dark background).
    background: str | None = None


WEB_SPEC = ImageSpec("web", 2400, WEB_FORMATS, jpeg_quality=88)


@cache
def email_spec() -> ImageSpec:
    """A 2x copy of the 600-pixel email, in the formats every major mail client shows
    (caniemail: none of them says 'no'; Outlook for Windows shows a GIF's first frame)."""
    from digest.checks.caniemail import load
    from digest.checks.clients import MAJOR_CLIENTS

    data = load()
    shown = tuple(
        name
        for name, feature in EMAIL_FORMAT_FEATURES.items()
        if name in EXTENSIONS
        and feature in data
        and all(data.support(feature, c.family, c.platform).status in ("y", "a") for c in MAJOR_CLIENTS)
    )
    return ImageSpec("email", 1200, shown, background="#ffffff")


@dataclass(frozen=True)
class ImageCopy:
    """One copy of an image: its bytes and what the outputs say about it."""

    data: bytes
    format: str  # Pillow's name: JPEG, PNG, GIF, WEBP, AVIF
    width: int  # pixels of the copy
    height: int
    source_format: str
    source_width: int  # pixels of the source, upright
    source_height: int
    transparent: bool  # some pixels let the background through
    animated: bool
    blank_first_frame: bool  # an animation whose first frame shows nothing (one colour)

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.format]

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]


@dataclass(frozen=True)
class ImageFacts:
    """What an image's header says: its format, upright size, and whether it may hold
    transparent pixels (a channel or colour for it: only decoding would tell for sure)."""

    format: str
    width: int
    height: int
    may_be_transparent: bool


def image_facts(data: bytes) -> ImageFacts:
    """The facts of an image, read from its header (nothing decoded)."""
    image = _open(data)
    width, height = image.size
    if _orientation(image, data) in (5, 6, 7, 8):
        width, height = height, width
    alpha = image.mode in ("RGBA", "LA", "PA", "La", "RGBa") or "transparency" in image.info
    return ImageFacts(_format_of(image), width, height, alpha)


def make_copy(data: bytes, spec: ImageSpec) -> ImageCopy:
    """The copy of `data` that `spec` asks for. Raises UnreadableImage."""
    from PIL import Image as PILImage

    image = _open(data)
    source_format = _format_of(image)
    # Counting an animation's frames reads each one's header, and each frame decoded may
    # declare another size: what a damaged one raises is the image's, never a traceback.
    with warnings.catch_warnings():
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        try:
            return _copy(image, data, source_format, spec)
        except (PILImage.DecompressionBombWarning, PILImage.DecompressionBombError):
            raise UnreadableImage(
                f"a frame of the image has more than {PILImage.MAX_IMAGE_PIXELS:,} pixels, more than digest "
                "decodes: make it smaller"
            ) from None
        except DECODING_ERRORS as exc:
            raise UnreadableImage(f"the image is damaged and cannot be decoded ({exc})") from None


def _copy(image: Image, data: bytes, source_format: str, spec: ImageSpec) -> ImageCopy:
    frames = getattr(image, "n_frames", 1) if source_format in ANIMATED_FORMATS else 1
    if frames > 1:  # a still JPEG is decoded at a fraction of its size where it can be
        _refuse_past_the_pixel_limit(image)
    if frames > MAX_ANIMATION_FRAMES:
        raise UnreadableImage(
            f"the animation is {frames:,} frames, more than the {MAX_ANIMATION_FRAMES:,} digest copies: "
            "shorten it, or link a video instead"
        )
    if frames > 1 and image.size[0] * image.size[1] * frames > MAX_ANIMATION_PIXELS:
        raise UnreadableImage(
            f"the animation is {frames} frames of {image.size[0]}x{image.size[1]} pixels, more than "
            "digest decodes: shorten it or make it smaller"
        )
    if frames > 1:
        return _animated_copy(image, data, source_format, spec)
    return _still_copy(image, data, spec)


def _refuse_past_the_pixel_limit(image: Image) -> None:
    """Refuse, from the header (nothing decoded yet), a picture of more pixels than
    MAX_DECODED_PIXELS; a JPEG's size is the draft's, once its draft is chosen."""
    width, height = image.size
    if width * height > MAX_DECODED_PIXELS:
        raise UnreadableImage(
            f"the image is {width}x{height} pixels ({width * height:,}), more than the "
            f"{MAX_DECODED_PIXELS:,} digest decodes at once: make it smaller (no copy is wider than "
            f"{WEB_SPEC.max_width:,} pixels)"
        )


def _format_of(image: Image) -> str:
    """The image's format; a phone's JPEG with a preview or depth map after the photo (CIPA's
    multi-picture format, which Pillow names MPO) is a JPEG: its first picture is the photo."""
    return "JPEG" if image.format == "MPO" else image.format or ""


def _open(data: bytes) -> Image:
    from PIL import Image, UnidentifiedImageError

    formats = DECODED_FORMATS
    if data[4:8] == b"ftyp" and _register_heif():  # HEIF's first box: other images need no HEIF reader
        formats += ("HEIF",)
    if data[:4] in (b"II*\x00", b"MM\x00*"):  # a TIFF: libtiff would print its own errors
        quiet_libtiff()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # a camera's EXIF cut short: read as far as it goes
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            return Image.open(io.BytesIO(data), formats=formats)
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            raise UnreadableImage(
                f"the image has more than {Image.MAX_IMAGE_PIXELS:,} pixels, more than digest decodes: "
                "make it smaller"
            ) from None
        except UnidentifiedImageError:
            raise UnreadableImage(_unknown_format(data)) from None
        except (OSError, ValueError, SyntaxError, RuntimeError) as exc:  # RuntimeError: libavif's
            raise UnreadableImage(f"the image is damaged and cannot be read ({exc})") from None


@cache
def _register_heif() -> bool:
    try:
        from pillow_heif import register_heif_opener
    except ImportError:
        return False
    register_heif_opener()
    return True


def _unknown_format(data: bytes) -> str:
    if data[4:8] == b"ftyp" and data[8:12] in HEIF_BRANDS:
        return (
            "this is a HEIC/HEIF photo, which this installation cannot decode: install digest's "
            "HEIC support (pip install 'digest[heic]') or export the photo as JPEG"
        )
    if data.lstrip()[:5] in (b"<?xml", b"<svg ") or b"<svg" in data[:1024]:
        return (
            "this is an SVG drawing, which digest cannot check, size or convert and Gmail does not "
            "show: export it as PNG"
        )
    if data.startswith(KNOWN_SIGNATURES) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return "the image is damaged and cannot be read: save it again from the program that made it"
    return (
        "this is not an image digest can read (JPEG, PNG, GIF, WebP, AVIF, HEIC, TIFF or BMP): check the file"
    )


def _orientation(image: Image, data: bytes) -> int:
    try:
        with warnings.catch_warnings():
            # A camera's EXIF cut short: Pillow reads what it can and warns, on the terminal,
            # of metadata the copy leaves behind anyway.
            warnings.simplefilter("ignore", UserWarning)
            png_later = image.format == "PNG" and "exif" not in image.info
            value = (_png_exif(data) if png_later else image.getexif()).get(0x0112, 1)
    except Exception:  # a damaged EXIF block: the picture as stored
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _png_exif(data: bytes) -> Any:
    """A PNG's EXIF as Pillow has it once the image is loaded (an eXIf chunk or XMP may
    follow the pixels), read by Pillow's own chunk readers with the pixels skipped:
    PngImageFile.getexif decodes every pixel first (for 9,400 x 9,400, two seconds and
    340 MB), before any limit on them is checked."""
    from PIL import Image as PILImage
    from PIL import PngImagePlugin

    source = io.BytesIO(data)
    source.seek(len(b"\x89PNG\r\n\x1a\n"))
    stream = PngImagePlugin.PngStream(source)
    while True:
        try:
            kind, place, length = stream.read()
        except (struct.error, SyntaxError):  # as Pillow's load: the chunks read so far count
            break
        if kind == b"IEND":
            break
        try:
            stream.call(kind, place, length)
        except EOFError:  # the pixels (IDAT, an animation's fdAT after its sequence number)
            source.seek(length - 4 if kind == b"fdAT" else length, io.SEEK_CUR)
        except AttributeError:  # a chunk Pillow has no reader for
            source.seek(length, io.SEEK_CUR)
        except UnicodeDecodeError:
            break
        source.seek(4, io.SEEK_CUR)  # its CRC
    probe = PILImage.new("1", (1, 1))
    probe.info = stream.im_info
    return probe.getexif()


def _transpose(orientation: int) -> Any:
    from PIL import Image

    return {
        2: Image.Transpose.FLIP_LEFT_RIGHT,
        3: Image.Transpose.ROTATE_180,
        4: Image.Transpose.FLIP_TOP_BOTTOM,
        5: Image.Transpose.TRANSPOSE,
        6: Image.Transpose.ROTATE_270,
        7: Image.Transpose.TRANSVERSE,
        8: Image.Transpose.ROTATE_90,
    }.get(orientation)


def _target_size(width: int, height: int, max_width: int) -> tuple[int, int]:
    if width <= max_width:
        return width, height
    return max_width, max(1, round(height * max_width / width))


def _still_copy(image: Image, source: bytes, spec: ImageSpec) -> ImageCopy:
    from PIL import Image as PILImage

    source_format = _format_of(image)
    orientation = _orientation(image, source)
    rotated = orientation in (5, 6, 7, 8)
    upright = (image.size[1], image.size[0]) if rotated else image.size
    target = _target_size(upright[0], upright[1], spec.max_width)
    if source_format == "JPEG" and image.mode in ("RGB", "L") and target != upright:
        # Decode at a fraction of the size where the target allows it: a phone photo shrinks
        # to a 1200-pixel copy four times faster.
        image.draft(image.mode, (target[1], target[0]) if rotated else target)
    _refuse_past_the_pixel_limit(image)
    image.load()
    icc = image.info.get("icc_profile")  # once loaded, as the chunks after a PNG's pixels are read
    frame = _gamma_applied(_plain(image), image.info)
    method = _transpose(orientation)
    if method is not None:
        frame = frame.transpose(method)
    transparent = _has_transparency(frame)
    if frame.size != target:
        frame = _resampleable(frame).resize(target, PILImage.Resampling.LANCZOS)
    flatten = transparent and bool(spec.background)
    if transparent and spec.background:
        frame = _flattened(frame, spec.background)
    output = _output_format(source_format, spec, transparent, animated=False)
    unchanged = method is None and frame.size == upright and not flatten and output == source_format
    # Pixels that need no change keep their bytes, without the metadata: no encoder's time,
    # and a JPEG loses nothing more to compression.
    keep = unchanged and image.mode in KEPT_MODES and not _finer_than(image, spec.jpeg_quality)
    data = without_metadata(source, output) if keep else None
    if data is None or may_be_heavier(data, output):
        encoded = _encode([frame], output, spec, icc)
        # Kept only where they are the lighter: a lossless WebP or an unfiltered PNG of a
        # drawing is, of a photo many times heavier than its copy.
        data = data if data is not None and len(data) <= len(encoded) else encoded
    return ImageCopy(
        data, output, target[0], target[1], source_format, upright[0], upright[1], transparent, False, False
    )


def _finer_than(image: Image, quality: int) -> bool:
    """Whether a JPEG was compressed more finely than `quality` would (a camera's 95, say,
    against the copy's 85): its copy at `quality` is much smaller, so it is made. The
    quality is estimated from the luminance table, which encoders scale from the JPEG
    standard's (Annex K) by quality. Colour stored at full or half resolution (4:4:4,
    4:2:2) is finer too: the copy stores it at a quarter, as cameras do."""
    from PIL import JpegImagePlugin

    tables: dict[int, list[int]] = getattr(image, "quantization", None) or {}
    luminance = tables.get(0)
    if _format_of(image) != "JPEG" or luminance is None or len(luminance) != len(STANDARD_LUMINANCE):
        return False
    if JpegImagePlugin.get_sampling(image) in (0, 1):  # 4:4:4, 4:2:2
        return True
    scale: float = 100 * sum(luminance) / sum(STANDARD_LUMINANCE)  # 100 at quality 50
    estimated = (200 - scale) / 2 if scale <= 100 else 5000 / scale
    return estimated > quality + 2


def _animated_copy(image: Image, data: bytes, source_format: str, spec: ImageSpec) -> ImageCopy:
    from PIL import Image as PILImage
    from PIL import ImageSequence

    method = _transpose(_orientation(image, data))
    # Read before the frames are: each frame read may change `image.info`.
    loop = image.info.get("loop")  # None: a GIF without the loop extension, which plays once
    icc = image.info.get("icc_profile")
    # An animated PNG's default image, shown where APNG is not, may be no frame of its animation.
    default_image = source_format == "PNG" and bool(image.info.get("default_image"))
    info = dict(image.info)
    frames: list[Image] = []
    durations: list[int] = []
    upright = target = (0, 0)
    # Each frame is made its copy's size as it is decoded: held whole, the frames of a 9-frame
    # GIF of 8,000 x 4,000 pixels (220 KB) took 1.5 GB.
    for frame in ImageSequence.Iterator(image):
        durations.append(int(frame.info.get("duration") or 100))
        each = _gamma_applied(frame.convert("RGBA"), info)
        each.info = {}  # a GIF's comments, an extension's XMP: the encoder writes what it is given
        each = each.transpose(method) if method is not None else each
        if not frames:
            upright = each.size
            target = _target_size(upright[0], upright[1], spec.max_width)
        frames.append(each.resize(target, PILImage.Resampling.LANCZOS) if target != upright else each)
    transparent = any(_has_transparency(frame) for frame in frames)
    blank = _one_colour(frames[0])
    if transparent and spec.background:
        frames = [_flattened(frame, spec.background) for frame in frames]
    output = _output_format(source_format, spec, transparent, animated=True)
    if default_image:
        durations = durations[1:]  # shown for no time: the encoder times the animation's frames only
        frames = frames if output == "PNG" else frames[1:]
    data = _encode(frames, output, spec, icc, durations=durations, loop=loop, default_image=default_image)
    return ImageCopy(
        data, output, target[0], target[1], source_format, upright[0], upright[1], transparent, True, blank
    )


def _plain(image: Image) -> Image:
    """The pixels alone, in a mode every encoder takes; no metadata travels with them."""
    if image.mode.startswith("I;16"):
        return _grey_of_16_bits(image)
    if image.mode in ("1", "L", "LA", "P", "RGB", "RGBA"):
        plain = image.copy()
    elif image.mode == "CMYK" and (printed := _through_profile(image)) is not None:
        plain = printed
    elif image.mode == "CMYK" or image.mode.startswith(("I", "F")) or image.mode == "YCbCr":
        plain = image.convert("RGB")
    else:
        plain = image.convert("RGBA")
    transparency = image.info.get("transparency")
    plain.info = {} if transparency is None else {"transparency": transparency}
    return plain


def _through_profile(image: Image) -> Image | None:
    """A CMYK image's colours in sRGB as its own profile gives them, which is how a reader
    shows the source: Pillow's conversion alone takes the inks as pure (black ink black, a
    press's pale cyan full cyan). None without a CMYK profile, or with a damaged one."""
    from PIL import ImageCms

    icc = image.info.get("icc_profile")
    if not isinstance(icc, bytes) or icc[16:20] != b"CMYK":
        return None
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(image, profile, _srgb(), outputMode="RGB")
    except (ImageCms.PyCMSError, OSError, ValueError):
        return None


@cache
def _srgb() -> Any:
    from PIL import ImageCms

    return ImageCms.createProfile("sRGB")


def _gamma_applied(frame: Image, info: Mapping[Any, Any]) -> Image:
    """A PNG's pixels as readers show them where its gAMA chunk (ruling without an sRGB or
    ICC chunk) says they were stored for another gamma than the display's 2.2 (a linear
    PNG's mid-grey 128 is shown as 186): the copy has no such chunk, so its pixels carry it."""
    gamma = info.get("gamma")
    if not isinstance(gamma, float) or gamma <= 0 or "srgb" in info or "icc_profile" in info:
        return frame
    exponent = 1 / (gamma * 2.2)
    if abs(exponent - 1) < 0.01:  # 1/2.2 as most files write it (0.45455)
        return frame
    if "transparency" in frame.info or frame.mode in ("P", "PA", "1"):
        frame = frame.convert("RGBA" if "transparency" in frame.info or frame.mode == "PA" else "RGB")
    curve = [round(255 * (value / 255) ** exponent) for value in range(256)]
    colours = len(frame.getbands()) - (1 if frame.mode in ("LA", "RGBA") else 0)
    return frame.point(curve * colours + list(range(256)) * (len(frame.getbands()) - colours))


def _grey_of_16_bits(image: Image) -> Image:
    """16-bit grey (a PNG's, a TIFF's) as 8-bit: its samples run to 65,535, and Pillow's own
    conversion cuts them at 255 (mid-grey became white). A transparent shade becomes alpha."""
    from PIL import Image as PILImage
    from PIL import ImageMath

    wide = image.convert("I")
    grey = wide.point(lambda value: value * (1 / 257)).convert("L")
    grey.info = {}
    transparency = image.info.get("transparency")
    if not isinstance(transparency, int):
        return grey
    alpha = ImageMath.lambda_eval(lambda names: (names["im"] != transparency) * 255, im=wide)
    assert isinstance(alpha, PILImage.Image)
    grey.putalpha(alpha.convert("L"))
    return grey


def _resampleable(image: Image) -> Image:
    """Palette and bilevel images are resized in full colour (with their transparency)."""
    if image.mode == "P":
        return image.convert("RGBA" if "transparency" in image.info else "RGB")
    if image.mode == "1":
        return image.convert("L")
    return image


def _flattened(image: Image, colour: str) -> Image:
    from PIL import Image as PILImage

    rgba = image.convert("RGBA")
    plate = PILImage.new("RGBA", rgba.size, colour)
    return PILImage.alpha_composite(plate, rgba).convert("RGB")


def _has_transparency(image: Image) -> bool:
    if image.mode in ("P", "L", "RGB"):  # a palette entry, or one colour, may be transparent
        if "transparency" not in image.info:
            return False
        image = image.convert("RGBA")
    if image.mode not in ("RGBA", "LA", "PA"):
        return False
    low, _ = _range(image.getchannel("A"))
    return low < 255


def _one_colour(frame: Image) -> bool:
    if _range(frame.getchannel("A"))[1] == 0:
        return True  # nothing but transparency
    return all(low == high for low, high in (_range(band) for band in frame.convert("RGB").split()))


def _range(band: Image) -> tuple[float, float]:
    """The lowest and highest value of a one-band image."""
    low, high = band.getextrema()
    assert isinstance(low, int | float) and isinstance(high, int | float)
    return low, high


def _output_format(source: str, spec: ImageSpec, transparent: bool, *, animated: bool) -> str:
    """The source's format where the readers show it; else PNG for what had transparency
    (a drawing, a logo: JPEG would blur its edges), GIF for an animation, JPEG for a photo."""
    if source in spec.formats and source in EXTENSIONS:
        return source
    if animated and "GIF" in spec.formats:
        return "GIF"
    return "PNG" if transparent or animated else "JPEG"


def _profile_fits(icc: bytes, mode: str, output: str) -> bool:
    """Whether a colour profile is made for the copy's pixels (its header names their colour
    space): a CMYK photo's profile on its RGB copy, or a grey one on a colour plate, is
    applied by no reader, and a printer's profile weighs hundreds of kilobytes."""
    grey = mode in ("1", "L", "LA") and output in ("JPEG", "PNG")  # WebP and AVIF store colour
    return icc[16:20] == (b"GRAY" if grey else b"RGB ")


def _encode(
    frames: list[Image],
    output: str,
    spec: ImageSpec,
    icc: bytes | None,
    *,
    durations: list[int] | None = None,
    loop: int | None = 0,
    default_image: bool = False,
) -> bytes:
    first = frames[0]
    options: dict[str, Any] = {}
    if output == "JPEG":
        first = first.convert("RGB") if first.mode not in ("RGB", "L") else first
        options = {"quality": spec.jpeg_quality, "optimize": True}
    elif output == "PNG":
        options = {"compress_level": 6}  # zlib's default: a few percent larger, five times faster than 9
    elif output == "WEBP":
        options = {"quality": spec.jpeg_quality, "method": 6}
    elif output == "AVIF":
        options = {"quality": spec.jpeg_quality - 10, "speed": 6, "max_threads": 1}
    if icc and output != "GIF" and _profile_fits(icc, first.mode, output):
        options["icc_profile"] = icc
    if len(frames) > 1:
        assert durations is not None
        options.update(save_all=True, append_images=frames[1:], duration=durations)
        if loop is not None or output != "GIF":  # a GIF plays once without the extension; others count plays
            options["loop"] = 1 if loop is None else loop
        if output == "GIF":
            options["disposal"] = 2
        elif output == "PNG":
            options.update(disposal=1, default_image=default_image)
    buffer = io.BytesIO()
    first.save(buffer, format=output, **options)
    return buffer.getvalue()
