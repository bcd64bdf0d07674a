"""Localisation with Babel: catalogs, chrome recognition, locale formats, post-editing.

``localise_article`` is the stage function; the submodules hold the pieces
(``catalogs`` loading, ``chrome`` matching, ``formats``, ``numbers``,
``typography``, and the catalog ``workflow``/``checks``/``fill``).
"""

from typing import Any

__all__ = ["localise_article"]


def __getattr__(name: str) -> Any:
    """``localise_article`` imported on first use: ``mtpipe --help`` needs no Babel."""
    if name == "localise_article":
        from pipeline.localise.stage import localise_article

        return localise_article
    raise AttributeError(f"module 'pipeline.localise' has no attribute {name!r}")
