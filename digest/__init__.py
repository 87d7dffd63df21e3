"""digest: build email, web and feed editions of a newsletter issue from a folder of reviews."""

from digest import classcode as _classcode

__version__ = "0.1.0"

_classcode.install()  # before any of digest's data classes is defined
