"""libtiff, which Pillow decodes compressed TIFFs with, prints its errors and warnings on
the process's stderr itself ('tempfile.tif: Using code not yet in table.'), beside
digest's own line for the same image, which already names the file and says it is
damaged. Pillow offers no setting for it: libtiff's own calls silence it, once, in the
library Pillow loaded (found among the process's mapped files, on Linux; elsewhere
nothing changes). Pillow's TIFF reader logs what it refuses as errors ('More samples per
pixel than can be decoded'), which Python prints where nothing handles its log: Pillow's
log is handled, by nothing."""

from __future__ import annotations

import ctypes
import logging
from functools import cache
from pathlib import Path

__all__ = ["quiet_libtiff"]

MAPS = Path("/proc/self/maps")


@cache
def quiet_libtiff() -> bool:
    """Whether libtiff's messages are now left unprinted (Pillow still raises its errors)."""
    from PIL import Image  # noqa: F401  (loads Pillow's core, and with it libtiff)

    logging.getLogger("PIL").addHandler(logging.NullHandler())  # an application's own still see it
    path = _loaded_libtiff()
    if path is None:
        return False
    try:
        library = ctypes.CDLL(path)  # the library already loaded: dlopen hands back its handle
        for setter in ("TIFFSetErrorHandler", "TIFFSetWarningHandler"):
            function = getattr(library, setter)
            function.restype = ctypes.c_void_p
            function.argtypes = [ctypes.c_void_p]
            function(None)
    except (OSError, AttributeError):
        return False
    return True


def _loaded_libtiff() -> str | None:
    try:
        maps = MAPS.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    for line in maps.splitlines():
        fields = line.split(maxsplit=5)
        if len(fields) == 6 and Path(fields[5]).name.startswith("libtiff"):
            return fields[5]
    return None
