"""cmark-gfm, called through its C functions so that every document is freed.

cmarkgfm's own wrappers free the parser but neither the parsed document nor the HTML
string it renders: about 85 KB lost for every review, which held a cold build of 1,000
reviews 100 MB above what it needs. The library is the one cmarkgfm ships; only the calls
are ours (through ctypes, which costs nothing to import, unlike parsing C declarations).
"""

from __future__ import annotations

import ctypes
from functools import lru_cache

_FREE = ctypes.CFUNCTYPE(None, ctypes.c_void_p)


class _Allocator(ctypes.Structure):
    """cmark_mem: the allocator cmark-gfm used for what it returns."""

    _fields_ = [("calloc", ctypes.c_void_p), ("realloc", ctypes.c_void_p), ("free", _FREE)]


@lru_cache(maxsize=1)
def _library() -> ctypes.CDLL:
    from cmarkgfm import _cmark

    library = ctypes.CDLL(_cmark.__file__)
    pointer, number, text = ctypes.c_void_p, ctypes.c_int, ctypes.c_char_p
    signatures = {
        "cmark_gfm_core_extensions_ensure_registered": ([], None),
        "cmark_find_syntax_extension": ([text], pointer),
        "cmark_parser_new": ([number], pointer),
        "cmark_parser_attach_syntax_extension": ([pointer, pointer], number),
        "cmark_parser_feed": ([pointer, text, ctypes.c_size_t], None),
        "cmark_parser_finish": ([pointer], pointer),
        "cmark_parser_get_syntax_extensions": ([pointer], pointer),
        "cmark_render_html": ([pointer, number, pointer], pointer),
        "cmark_render_xml": ([pointer, number], pointer),
        "cmark_node_free": ([pointer], None),
        "cmark_parser_free": ([pointer], None),
        "cmark_get_default_mem_allocator": ([], ctypes.POINTER(_Allocator)),
    }
    for name, (arguments, result) in signatures.items():
        function = getattr(library, name)
        function.argtypes, function.restype = arguments, result
    library.cmark_gfm_core_extensions_ensure_registered()
    return library


@lru_cache(maxsize=16)
def _extension(name: str) -> int:
    extension: int | None = _library().cmark_find_syntax_extension(name.encode())
    if not extension:
        raise ValueError(f"cmark-gfm has no extension {name!r}")
    return extension


def to_html(text: str, options: int = 0, extensions: tuple[str, ...] = ()) -> str:
    """Markdown to HTML with cmark-gfm's `options` (cmarkgfm.cmark.Options) and extensions."""
    return _rendered(text, options, extensions, xml=False)


def to_xml(text: str, options: int = 0) -> str:
    """Markdown's tree as cmark's XML (every block named, with its lines where `options` hold
    CMARK_OPT_SOURCEPOS: raw HTML blocks too, which HTML shows as written)."""
    return _rendered(text, options, (), xml=True)


def _rendered(text: str, options: int, extensions: tuple[str, ...], xml: bool) -> str:
    library = _library()
    data = text.encode("utf-8")
    parser = library.cmark_parser_new(options)
    try:
        for name in extensions:
            library.cmark_parser_attach_syntax_extension(parser, _extension(name))
        library.cmark_parser_feed(parser, data, len(data))
        document = library.cmark_parser_finish(parser)
        try:
            rendered = (
                library.cmark_render_xml(document, options)
                if xml
                else library.cmark_render_html(
                    document, options, library.cmark_parser_get_syntax_extensions(parser)
                )
            )
            try:
                html = ctypes.string_at(rendered).decode("utf-8")
            finally:
                library.cmark_get_default_mem_allocator().contents.free(rendered)
        finally:
            library.cmark_node_free(document)
    finally:
        library.cmark_parser_free(parser)
    return html
