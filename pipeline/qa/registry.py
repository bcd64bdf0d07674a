"""The check registry: adding a QA check is adding one decorated function.

A check has a stable snake_case id, a default severity and a one-line title
(the first line of its docstring). ``scope`` says what it looks at: ``pair``
checks get a :class:`~pipeline.qa.pair.Pair` (one source/target segment pair),
``source`` checks get the whole :class:`~pipeline.document.Article` and look at
the source side only; ``stage`` findings are emitted by other stages (the reader,
localise) and registered here so that ``--list-checks`` shows them and
``[qa]`` settings can switch them off or re-weight them. A check registered
with ``default_on=False`` runs only when ``[qa] enable`` names it. Settings
switch checks off (``[qa] disabled``) or re-weight them (``[qa.severity]``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from pipeline.config import QASettings
from pipeline.document import SEVERITIES

PAIR = "pair"
SOURCE = "source"
STAGE = "stage"  # a finding another stage emits (reader, localise); registered, never run here


class Hit(NamedTuple):
    """What a check function yields: a message, an optional character span and confidence.

    ``severity`` lets a check mark a low-confidence finding (``"warning"``) below
    its registered severity; the configured severity still caps it (see :func:`effective`).
    """

    message: str
    span: tuple[int, int] | None = None
    severity: str | None = None


@dataclass(frozen=True)
class Check:
    id: str
    severity: str
    title: str
    fn: Callable[..., Iterable[Any]]
    scope: str = PAIR
    chrome: bool = False  # also run on catalog-localised chrome segments
    default_on: bool = True  # False: runs only when [qa] enable names it


REGISTRY: dict[str, Check] = {}


_SNAKE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")


def check(
    id: str, severity: str, *, scope: str = PAIR, chrome: bool = False, default_on: bool = True
) -> Callable[[Callable[..., Iterable[Any]]], Callable[..., Iterable[Any]]]:
    """Register ``fn`` as check ``id`` (snake_case); its docstring's first line is the title."""
    if severity not in SEVERITIES:
        raise ValueError(f"check {id}: severity {severity!r} not in {SEVERITIES}")
    if not _SNAKE.fullmatch(id):
        raise ValueError(f"check id {id!r} is not snake_case")

    def deco(fn: Callable[..., Iterable[Any]]) -> Callable[..., Iterable[Any]]:
        if id in REGISTRY and REGISTRY[id].fn is not fn:
            raise ValueError(f"QA check id {id!r} registered twice")
        title = (fn.__doc__ or id).strip().splitlines()[0]
        REGISTRY[id] = Check(id, severity, title, fn, scope, chrome, default_on)
        return fn

    return deco


def all_checks() -> dict[str, Check]:
    """Every registered check (importing the check families on first use)."""
    import pipeline.qa.checks  # noqa: F401  (registers on import)

    return REGISTRY


def is_on(c: Check, settings: QASettings) -> bool:
    """Whether ``c`` runs (or, for a ``stage`` finding, is kept) under ``settings``."""
    return c.id not in settings.disabled and (c.default_on or c.id in settings.enable)


def active(settings: QASettings, scope: str) -> list[tuple[Check, str]]:
    """Enabled checks of ``scope`` with their effective severity, in registration order."""
    return [
        (c, settings.severity.get(c.id, c.severity))
        for c in all_checks().values()
        if c.scope == scope and is_on(c, settings)
    ]


def rank(severity: str) -> int:
    """Order of a severity: info < warning < error."""
    return SEVERITIES.index(severity)


def effective(configured: str, hit: Hit) -> str:
    """A finding's severity: the check's configured one, lowered by the hit's own if lower."""
    if hit.severity and rank(hit.severity) < rank(configured):
        return hit.severity
    return configured
