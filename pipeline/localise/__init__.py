"""Localisation with Babel: catalogs, chrome recognition, locale formats, post-editing.

``localise_article`` is the stage function; the submodules hold the pieces
(``catalogs`` loading, ``chrome`` matching, ``formats``, ``numbers``,
``typography``, and the catalog ``workflow``/``checks``/``fill``).
"""

from pipeline.localise.stage import localise_article

__all__ = ["localise_article"]
