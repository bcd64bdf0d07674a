"""Findings other stages emit, registered so that every finding id is known.

The reader, the translate and the localise stage add these to segments while they work; QA
does not compute them, but ``mtpipe qa --list-checks`` lists them, ``[qa]
disabled`` drops them from the QA result and ``[qa.severity]`` re-weights them.
"""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.localise.boilerplate import UNCATALOGUED_CHECK as CHROME_UNCATALOGUED
from pipeline.qa.registry import STAGE, Hit, check

CHROME_AMBIGUOUS = "chrome_ambiguous"
CATALOG_MISSING = "catalog_missing"
PLACEHOLDER_REPAIR = "placeholder_repair"


@check(CHROME_AMBIGUOUS, "warning", scope=STAGE)
def chrome_ambiguous(_: object) -> Iterator[Hit]:
    """Page chrome matched several catalog msgids; the reader chose one (reader)."""
    return iter(())


@check(CATALOG_MISSING, "error", scope=STAGE)
def catalog_missing(_: object) -> Iterator[Hit]:
    """A chrome string has no catalog entry in a target language (localise)."""
    return iter(())


# Registered so that `[qa] disabled` and `[qa.severity]` can name it like any other check.
@check(CHROME_UNCATALOGUED, "warning", scope=STAGE)
def chrome_uncatalogued(_: object) -> Iterator[Hit]:
    """Page chrome no catalog knows (share, cookie line) kept as in the source (localise)."""
    return iter(())


@check(PLACEHOLDER_REPAIR, "error", scope=STAGE)
def placeholder_repair(_: object) -> Iterator[Hit]:
    """The model dropped, repeated or invented a protected span's placeholder (translate)."""
    return iter(())


MARKUP_UNCERTAIN = "markup"  # pipeline.markup.MARKUP_CHECK


@check(MARKUP_UNCERTAIN, "warning", scope=STAGE)
def markup(_: object) -> Iterator[Hit]:
    """Inline markup the model lost, doubled or crossed was moved to a safe place (localise)."""
    return iter(())


BIDI_CONTROLS = "bidi_controls"  # pipeline.translate.stage.CONTROLS


@check(BIDI_CONTROLS, "info", scope=STAGE)
def bidi_controls(_: object) -> Iterator[Hit]:
    """Bidi controls around Latin words were left out of the translation (translate)."""
    return iter(())
