"""The qa stage: registered checks over aligned segments, findings, reports.

Public API (used by ``translate``, the ``mtpipe qa`` command and the benchmark):

- :func:`run_qa` / :func:`failing_findings` over an :class:`~pipeline.document.Article`;
- :func:`check_pair` for one source/target pair (``PairContext`` carries neighbours);
- :func:`check` to register a new check; :data:`REGISTRY` lists them.
"""

from pipeline.qa.pair import Pair, PairContext, check_pair
from pipeline.qa.registry import REGISTRY, Check, Hit, all_checks, check
from pipeline.qa.stage import failing_findings, run_qa

__all__ = [
    "REGISTRY",
    "Check",
    "Hit",
    "Pair",
    "PairContext",
    "all_checks",
    "check",
    "check_pair",
    "failing_findings",
    "run_qa",
]
