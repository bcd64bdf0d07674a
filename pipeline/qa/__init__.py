"""The qa stage: registered checks over aligned segments, findings, reports.

Public API (used by ``translate``, the ``mtpipe qa`` command and the benchmark):

- :func:`run_qa` / :func:`failing_findings` over an :class:`~pipeline.document.Article`;
- :func:`check_pair` for one source/target pair (``PairContext`` carries neighbours);
- :func:`check` to register a new check; :data:`REGISTRY` lists them.

These names are imported when first asked for (PEP 562), not with the package:
every ``translate`` imports ``pipeline.qa.article_lang`` (the article-language
check, QA on or off), which must not pull in the whole check set (issue 15).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.qa.pair import Pair, PairContext, Sibling, check_pair
    from pipeline.qa.registry import REGISTRY, Check, Hit, all_checks, check
    from pipeline.qa.stage import failing_findings, run_qa

# Each public name and the module that defines it.
_WHERE = {
    "Pair": "pair",
    "PairContext": "pair",
    "Sibling": "pair",
    "check_pair": "pair",
    "REGISTRY": "registry",
    "Check": "registry",
    "Hit": "registry",
    "all_checks": "registry",
    "check": "registry",
    "failing_findings": "stage",
    "run_qa": "stage",
}

__all__ = [
    "REGISTRY",
    "Check",
    "Hit",
    "Pair",
    "PairContext",
    "Sibling",
    "all_checks",
    "check",
    "check_pair",
    "failing_findings",
    "run_qa",
]


def __getattr__(name: str) -> Any:
    """A public name, at first use: the three modules are imported together, as the package
    did on import (``pair`` brings the check set, so :data:`REGISTRY` is filled)."""
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    modules = {m: importlib.import_module(f"{__name__}.{m}") for m in ("pair", "registry", "stage")}
    for public, module in _WHERE.items():
        globals()[public] = getattr(modules[module], public)
    return globals()[name]


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})
