"""Model confidence: an MT segment the model itself found unlikely.

The backends report each output's length-normalised log-probability (mean
natural-log probability per token, :attr:`~pipeline.document.Translation.score`).
Low values go with hallucinations and garbled output (the "seq-logprob"
baseline of Fomicheva et al. 2020, "Unsupervised Quality Estimation for Neural
Machine Translation", TACL), but the scale depends on the model, so the
threshold must be calibrated per model on a reference set:
``python -m bench.qa.confidence --pair it-en --src FILE --ref FILE --model-dir DIR``
prints the value for ``low_confidence`` in calibration.toml. The check ships
off (``[qa] enable = ["low_confidence"]`` turns it on): with the tiny test
models the scores mean nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.qa.pair import Pair
from pipeline.qa.registry import Hit, check
from pipeline.qa.resources import thresholds


@check("low_confidence", "warning", default_on=False)
def low_confidence(p: Pair) -> Iterator[Hit]:
    """The model gave its own translation a low probability (calibrate before use)."""
    score = p.context.score
    limit = thresholds().low_confidence
    if score is not None and score < limit:
        yield Hit(f"model confidence {score:.2f} (mean token log-prob) is below {limit:.2f}")
