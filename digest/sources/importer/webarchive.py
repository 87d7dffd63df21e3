"""A page Safari saved as a web archive (`.webarchive`, what "Save As" writes on a Mac by
default): a property list, binary (or XML once `plutil` has converted it), whose main
resource holds the page's HTML as it was shown, its text encoding and the address it was
saved from. The pictures and frames saved beside it are left out, as a saved page's own
images are."""

from __future__ import annotations

import codecs
import plistlib
from pathlib import Path
from typing import Any
from xml.parsers.expat import ExpatError

from digest.errors import ContentError
from digest.sources.importer.htmlpage import decode_html
from digest.sources.importer.mhtml import with_saved_from
from digest.sources.importer.mimeparts import PYTHON_CODECS

BINARY_PLIST = b"bplist00"
PAGE_TYPES = ("text/html", "application/xhtml+xml")


def is_web_archive(head: bytes) -> bool:
    """Whether a file's first bytes open a web archive: a binary property list, or an XML one
    whose first key is the archive's main resource."""
    if head.startswith(BINARY_PLIST):
        return True
    return b"<!DOCTYPE plist" in head[:512] and b"<key>WebMainResource</key>" in head


def unwrap_web_archive(data: bytes, path: Path) -> str:
    """The archive's page as HTML, marked with the address it was saved from."""
    resource = _main_resource(data, path)
    content = resource.get("WebResourceData")
    kind = str(resource.get("WebResourceMIMEType") or "").lower()
    if not isinstance(content, bytes) or kind not in PAGE_TYPES:
        what = f" (its main resource is {kind})" if kind else ""
        raise ContentError(
            f"this Safari web archive holds no HTML page{what}: import the original file, or save "
            "the page again",
            path,
        )
    html = _decoded(content, str(resource.get("WebResourceTextEncodingName") or ""), path)
    if not html.strip():
        raise ContentError("this Safari web archive holds an empty page: save the page again", path)
    return with_saved_from(html, str(resource.get("WebResourceURL") or "").strip())


def _main_resource(data: bytes, path: Path) -> dict[str, Any]:
    try:
        archive = plistlib.loads(data)
    except RecursionError:
        raise ContentError(
            "a Safari web archive nested too deep to read: save the page again", path
        ) from None
    except (
        plistlib.InvalidFileException,
        ExpatError,  # an XML list's markup broken: plistlib leaves expat's error to its caller
        ValueError,
        TypeError,
        KeyError,
        IndexError,
        OverflowError,
    ):
        raise ContentError(
            "this Safari web archive is damaged and cannot be read: save the page again (as a web "
            "archive, or as 'Page Source')",
            path,
        ) from None
    resource = archive.get("WebMainResource") if isinstance(archive, dict) else None
    if not isinstance(resource, dict):
        raise ContentError(
            "this property list is no Safari web archive (it has no main resource): import the page itself",
            path,
        )
    return resource


def _decoded(content: bytes, encoding: str, path: Path) -> str:
    """The page's text in the encoding Safari read it in; where that is not named or not known,
    as a saved page's bytes are read (its BOM, its declared charset, UTF-8)."""
    try:
        if encoding and codecs.lookup(encoding).name not in PYTHON_CODECS:
            return content.decode(encoding, errors="replace")
    except (LookupError, UnicodeError):  # unknown to Python, or a codec of bytes ('base64')
        pass
    return decode_html(content, path)
