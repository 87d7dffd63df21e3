"""digest: build email, web and feed editions of a newsletter issue from a folder of reviews."""

from digest import compiled as _compiled

__version__ = "0.1.0"

_compiled.install()  # before any of digest's data classes and patterns is compiled
