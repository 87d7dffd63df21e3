"""Rendering on every core the issues a build finds uncached: a cold build of a large
archive, or one after a template or a setting changed.

Each worker (digest/workers.py) renders an issue's pages and email through a cache of its
own and hands back what it computed; the build stores that in its cache, and its usual
loop over the issues then reads every issue from there. An issue a worker could not
render is rendered again by that loop, which reports why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from digest.errors import DigestError
from digest.workers import in_workers

if TYPE_CHECKING:
    from digest.render.site import SiteRenderer

RENDER_FROM = 8  # issues to render before a second process pays for itself

# The renderer of one build, set in the parent before the workers are forked: they inherit it.
_RENDERER: list[SiteRenderer] = []


def render_in_parallel(renderer: SiteRenderer, issue_ids: list[str]) -> None:
    """The issues' pages and emails rendered by workers into the renderer's cache; nothing
    where there are too few of them or the cache cannot be used."""
    cache = renderer.cache
    if cache is None or not cache.usable or len(issue_ids) < RENDER_FROM:
        return
    cache.flush()  # the workers read the issues the load stored
    _RENDERER.append(renderer)
    try:
        for _, entries in in_workers(_render, issue_ids, setup=cache.in_worker):
            for key, data in entries:
                cache.put_pickled(key, data)
    finally:
        _RENDERER.clear()


def _render(issue_id: str) -> list[tuple[str, bytes]]:
    renderer = _RENDERER[0]
    assert renderer.cache is not None
    try:
        renderer.issue_outputs(issue_id)
    except DigestError:
        renderer.cache.taken()
        return []  # the build renders it again and reports why
    return list(renderer.cache.taken().items())
