"""The eval gate: the whole pipeline against plain sentence-level MT on a reference test set.

One translator (the configured backend and decoding, loaded once) translates the
test set twice:

- **pipeline**: the source file is read as one page (one block per line), segmented
  into sentences, translated segment by segment and localised (chrome from the
  catalogs, numbers and French typography), then each block's target text is one
  hypothesis line. This is the text ``mtpipe translate`` writes; QA is left out
  because it changes no text, and so is the translation memory, so both runs use
  the model.
- **sentence-level**: every source line sent to the model as it is.

Both are scored with sacrebleu's corpus BLEU and chrF at their default settings
(13a tokenizer, mixed case; the settings of the OPUS-MT leaderboard's scores), and
with COMET when the optional ``unbabel-comet`` package and a checkpoint are there.
The gate fails when the pipeline loses more than ``tolerance`` BLEU or chrF points
against the sentence-level run, or against the model's published score for the
test set recorded in ``pipeline/defaults/models.toml``. Tiny random models produce noise:
their scores are printed but the gate is skipped.
"""

from __future__ import annotations

import importlib.util
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.config import Config
from pipeline.errors import ConfigError, InputError, ModelNotFoundError
from pipeline.models.registry import REGISTRY_PATH, split_pair

TOLERANCE = 1.0  # points of BLEU and of chrF the pipeline may lose (issue 14.5)


@dataclass(frozen=True)
class Scores:
    """Corpus scores of one system, in sacrebleu's 0-100 scale (COMET 0-1 when computed)."""

    bleu: float
    chrf: float
    comet: float | None = None


@dataclass(frozen=True)
class Published:
    """A published score of the registry model on a test set (``pipeline/defaults/models.toml``)."""

    testset: str
    bleu: float
    chrf: float
    sacrebleu: str
    source: str


@dataclass
class EvalResult:
    """Everything ``mtpipe eval`` reports for one pair and test set."""

    pair: str
    testset: str
    lines: int
    segments: int  # MT segments of the pipeline path (sentences after segmentation)
    pipeline: Scores
    sentence: Scores
    published: Published | None
    signatures: dict[str, str]  # sacrebleu signature per metric ("BLEU", "chrF")
    model: dict[str, Any]  # the translator's reproducibility signature
    comet_note: str
    failures: list[str] = field(default_factory=list)
    skipped: str = ""  # why the gate was not applied ("" when it was)
    limited: bool = False  # only the first lines were used (no published comparison)
    hypotheses: dict[str, list[str]] = field(default_factory=dict)

    @property
    def gate(self) -> str:
        if self.skipped:
            return f"skipped: {self.skipped}"
        return "FAILED" if self.failures else "passed"


def eval_set_name(src: Path) -> str:
    """``newstest2009.it`` -> ``newstest2009`` (the name published scores are recorded under)."""
    return Path(src).name.split(".")[0]


def published_score(pair: str, testset: str, registry: Path = REGISTRY_PATH) -> Published | None:
    """The registry's ``[pairs.PAIR.published.TESTSET]`` entry, or None when there is none."""
    try:
        data = tomllib.loads(Path(registry).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read the model registry {registry}: {exc}") from None
    entry = data.get("pairs", {}).get(pair, {}).get("published", {}).get(testset)
    if entry is None:
        return None
    try:
        return Published(
            testset,
            float(entry["bleu"]),
            float(entry["chrf"]),
            str(entry["sacrebleu"]),
            str(entry["source"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(
            f"model registry {registry}: [pairs.{pair}.published.{testset}] needs numeric bleu "
            f"and chrf, sacrebleu and source ({exc})"
        ) from None


def corpus_scores(hypotheses: Sequence[str], references: Sequence[str]) -> tuple[Scores, dict]:
    """sacrebleu corpus BLEU and chrF (default settings) and their signatures."""
    from sacrebleu.metrics import BLEU, CHRF

    bleu, chrf = BLEU(), CHRF()
    b = bleu.corpus_score(list(hypotheses), [list(references)])
    c = chrf.corpus_score(list(hypotheses), [list(references)])
    signatures = {"BLEU": str(bleu.get_signature()), "chrF": str(chrf.get_signature())}
    return Scores(round(b.score, 2), round(c.score, 2)), signatures


def gate_failures(
    pipeline: Scores,
    sentence: Scores,
    published: Published | None,
    tolerance: float = TOLERANCE,
) -> list[str]:
    """One sentence per metric where the pipeline is more than ``tolerance`` below a baseline."""
    baselines: list[tuple[str, Any]] = [("the sentence-level run", sentence)]
    if published is not None:
        baselines.append((f"the published score ({published.source})", published))
    failures = []
    for name, base in baselines:
        for metric, label in (("bleu", "BLEU"), ("chrf", "chrF")):
            got, want = getattr(pipeline, metric), getattr(base, metric)
            if got < want - tolerance:
                failures.append(
                    f"pipeline {label} {got:.1f} is {want - got:.1f} below {name} ({want:.1f}); "
                    f"at most {tolerance:g} allowed"
                )
    return failures


def read_test_set(src: Path, ref: Path) -> tuple[list[str], list[str]]:
    """Source and reference lines (the readers' byte checks); counts must match, none blank."""
    from pipeline.readers import read_text_file

    sources = read_text_file(src).splitlines()
    references = read_text_file(ref).splitlines()
    if len(sources) != len(references):
        raise InputError(
            f"{src} has {len(sources)} lines but {ref} has {len(references)}; "
            "a test set needs one reference line per source line"
        )
    for n, line in enumerate(sources, 1):
        if not line.strip():
            raise InputError(f"{src}: line {n} is blank; remove it and its reference line")
    return sources, references


def pipeline_hypotheses(
    src: Path, sources: list[str], translator: Any, config: Config
) -> tuple[list[str], int]:
    """Read -> segment -> translate -> localise the source file; one target line per block.

    Only the first ``len(sources)`` blocks are translated (``--limit``). Returns
    the hypotheses and the number of MT segments. Raises InputError when the
    reader does not make exactly one block per source line.
    """
    from pipeline.localise import localise_article
    from pipeline.readers import read_article, read_text_file
    from pipeline.segment import segment_article
    from pipeline.translate import translate_articles

    lang = translator.tgt_lang
    article = read_article(src, source_lang=translator.src_lang, fmt="page")
    lines = len(read_text_file(src).splitlines())
    if len(article.blocks) != lines:
        raise InputError(
            f"{src}: the page reader made {len(article.blocks)} blocks of {lines} lines; "
            "the eval needs one sentence or paragraph per line"
        )
    article.blocks = article.blocks[: len(sources)]
    article = segment_article(article, config.segment)
    translate_articles([article], {lang: translator})
    localise_article(article, config.localise)
    return [block.target_text(lang) for block in article.blocks], len(article.text_segments())


def comet_scores(
    sources: list[str], references: list[str], systems: dict[str, list[str]], model: Path | None
) -> tuple[dict[str, float], str]:
    """COMET system score per system, or no scores and the reason they were not computed."""
    if model is None:
        return {}, "not computed (pass --comet-model PATH to a downloaded COMET checkpoint)"
    if importlib.util.find_spec("comet") is None:
        return {}, "not computed: the optional package is missing (pip install unbabel-comet)"
    checkpoint = Path(model)
    if checkpoint.is_dir():
        checkpoint = checkpoint / "checkpoints" / "model.ckpt"
    if not checkpoint.is_file():
        raise ModelNotFoundError(f"COMET checkpoint {checkpoint} does not exist")
    import torch
    from comet import load_from_checkpoint

    scorer = load_from_checkpoint(str(checkpoint))
    gpus = 1 if torch.cuda.is_available() else 0
    scores = {}
    for name, hyps in systems.items():
        rows = zip(sources, hyps, references, strict=True)
        data = [{"src": s, "mt": h, "ref": r} for s, h, r in rows]
        prediction = scorer.predict(data, gpus=gpus, progress_bar=False)
        scores[name] = round(float(prediction.system_score), 4)
    return scores, str(checkpoint)


def score_systems(
    sources: list[str],
    references: list[str],
    systems: dict[str, list[str]],
    comet_model: Path | None,
) -> tuple[dict[str, Scores], dict[str, str], str]:
    """Scores per system, the sacrebleu signatures and the COMET note."""
    comet, note = comet_scores(sources, references, systems, comet_model)
    scores, signatures = {}, {}
    for name, hyps in systems.items():
        s, signatures = corpus_scores(hyps, references)
        scores[name] = Scores(s.bleu, s.chrf, comet.get(name))
    return scores, signatures, note


@dataclass(frozen=True)
class EvalOptions:
    """How to run an evaluation beyond the test set and the pair.

    ``model_dir`` overrides the registry's folder for the pair; ``testset``
    names the set for the published scores (default: from the source file
    name); ``comet_model`` is a local COMET checkpoint (scored only when the
    optional package is installed); ``limit`` > 0 keeps the first lines only.
    """

    model_dir: Path | None = None
    testset: str | None = None
    comet_model: Path | None = None
    limit: int = 0


def evaluate(
    src: Path,
    ref: Path,
    pair: str,
    config: Config,
    options: EvalOptions = EvalOptions(),
    log: Callable[[str], None] = lambda msg: None,
) -> EvalResult:
    """Translate ``src`` both ways with the ``pair`` model, score against ``ref``, apply the gate.

    With ``options.limit`` (first lines only) there is no comparison with
    published scores, which are for the whole test set. Raises InputError for a
    misaligned or blank-lined test set, ModelNotFoundError for a missing model.
    """
    from pipeline.translate import load_translator, noise_warning

    split_pair(pair)
    src, ref = Path(src), Path(ref)
    sources, references = read_test_set(src, ref)
    limited = 0 < options.limit < len(sources)
    if limited:
        sources, references = sources[: options.limit], references[: options.limit]
    translator = load_translator(pair, config.translate, options.model_dir)
    warning = noise_warning(translator)
    tiny = warning is not None
    if warning is not None:
        log(warning)
    doc_hyps, segments = pipeline_hypotheses(src, sources, translator, config)
    systems = {"pipeline": doc_hyps, "sentence": translator.translate(sources)}
    scores, signatures, comet_note = score_systems(
        sources, references, systems, options.comet_model
    )
    name = options.testset or eval_set_name(src)
    result = EvalResult(
        pair=pair,
        testset=name,
        lines=len(sources),
        segments=segments,
        pipeline=scores["pipeline"],
        sentence=scores["sentence"],
        published=None if limited else published_score(pair, name),
        limited=limited,
        signatures=signatures,
        model=translator.signature(),
        comet_note=comet_note,
        hypotheses=systems,
    )
    result.failures = gate_failures(result.pipeline, result.sentence, result.published)
    if tiny:
        result.skipped = "tiny random model, the scores are noise"
    return result
