"""digest: build email, web and feed editions of a newsletter issue from a folder of reviews."""

__version__ = "0.1.0"
