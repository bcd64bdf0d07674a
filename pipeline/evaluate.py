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
import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.config import Config
from pipeline.errors import ConfigError, InputError, ModelError, ModelNotFoundError
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
    lines: int | None = None  # how many lines the published test set has (None: unknown)


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
    published_note: str = ""  # why there is no published comparison ("" when there is one)
    hypotheses: dict[str, list[str]] = field(default_factory=dict)

    @property
    def gate(self) -> str:
        if self.skipped:
            return f"skipped: {self.skipped}"
        return "FAILED" if self.failures else "passed"


def eval_set_name(src: Path) -> str:
    """``newstest2009.it`` and WMT's ``newstest2009-src.it.sgm`` -> ``newstest2009`` (the
    name published scores are recorded under)."""
    return re.sub(r"-(src|ref)$", "", Path(src).name.split(".")[0])


def published_score(pair: str, testset: str, registry: Path | None = None) -> Published | None:
    """The registry's ``[pairs.PAIR.published.TESTSET]`` entry, or None when there is none."""
    registry = REGISTRY_PATH if registry is None else registry
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
            _whole(entry.get("lines")),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(
            f"model registry {registry}: [pairs.{pair}.published.{testset}] needs numeric bleu "
            f"and chrf, sacrebleu and source, and lines a whole number ({exc})"
        ) from None


def _whole(value: Any) -> int | None:
    """``lines`` of a published entry: absent, or a positive whole number."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"lines = {value!r}")
    return value


def published_for(
    pair: str, name: str, total_lines: int, limited: bool
) -> tuple[Published | None, str]:
    """The published score to gate against, or None and the report's reason.

    A published score is for the whole test set: a file with the set's name but
    another number of lines (a subset, another year's set renamed) is not compared.
    """
    if limited:
        return None, "not compared (--limit: published scores are for the whole set)"
    published = published_score(pair, name)
    if published is None:
        return None, f"none recorded for {name} in pipeline/defaults/models.toml"
    if published.lines is not None and published.lines != total_lines:
        return None, (
            f"not compared: the test set has {total_lines} lines, {name} has {published.lines} "
            f"(the published {published.bleu:.1f} BLEU is for the whole {name})"
        )
    installed = _sacrebleu_version()
    if published.sacrebleu.split(".")[0] != installed.split(".")[0]:
        # sacrebleu 2.0 changed its defaults and signatures: scores across majors differ
        return None, (
            f"not compared: the published score was computed with sacrebleu "
            f"{published.sacrebleu}, this is sacrebleu {installed} (another major version)"
        )
    return published, ""


def _sacrebleu_version() -> str:
    from importlib.metadata import version

    return version("sacrebleu")


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


TEST_SET_FILE = "a test set file: one sentence per line, a WMT .sgm or a WMT .xml file"
# Characters str.splitlines() (and so the page reader) breaks a line at, besides LF: a test
# set's line is what sacrebleu and `wc -l` count, so one of these inside it is named.
_INNER_BREAKS = {
    "\x0b": "a vertical tab",
    "\x0c": "a form feed",
    "\x1c": "U+001C",
    "\x1d": "U+001D",
    "\x1e": "U+001E",
    "\x85": "U+0085 (NEXT LINE)",
    "\u2028": "U+2028 (LINE SEPARATOR)",
    "\u2029": "U+2029 (PARAGRAPH SEPARATOR)",
}
_SGM_SEG = re.compile(r"<seg.*?>(.*)</seg>.*?")
# WMT's "fake SGML" opens with one of these; a page or another markup file with a tag. A
# line of text may open with "<" too (`<<Basta>>, ha detto`): that is a plain line.
_SGM_HEAD = re.compile(r"<(srcset|refset|tstset|mteval)\b")
_MARKUP_HEAD = re.compile(r"<(!doctype|!--|[a-z][\w:-]*(\s[^<>]*)?/?>)")


@dataclass(frozen=True)
class EvalSet:
    """The aligned lines of a test set and what the files were (plain lines, sgm, xml)."""

    sources: list[str]
    references: list[str]
    kind: str = "lines"


def read_test_set(src: Path, ref: Path, pair: str = "") -> EvalSet:
    """Source and reference lines; counts must match, none blank, each file in its language.

    Plain files are split at LF only (after the readers' CRLF and BOM handling), as
    sacrebleu and ``wc -l`` count them; WMT ``.sgm`` files give their ``<seg>`` texts and
    WMT 2021+ ``.xml`` files their ``src`` or ``ref`` segments, as sacrebleu extracts them.
    Raises InputError naming the file (and line) before any model loads.
    """
    src_lang, tgt_lang = split_pair(pair) if pair else ("", "")
    sources, kind = _test_lines(Path(src), "src")
    references, ref_kind = _test_lines(Path(ref), "ref")
    if len(sources) != len(references):
        unit = "segments" if "lines" not in (kind, ref_kind) else "lines"
        raise InputError(
            f"{src} has {len(sources)} {unit} but {ref} has {len(references)}; "
            "a test set needs one reference line per source line"
        )
    _check_alignment(sources, references, src, ref)
    if pair:
        _check_language(sources, src_lang, src, "--src")
        _check_language(references, tgt_lang, ref, "--ref")
    return EvalSet(sources, references, kind)


# Length-based alignment (Gale & Church 1993): the lengths of a sentence and of its
# translation go together. On newstest2009 and newssyscomb2009 (it-en, it-fr) the log
# lengths of aligned pairs correlate at 0.97 overall and at least 0.89 in every 50-line
# window; where a reference is shifted by one line the windows drop below 0.2.
ALIGN_WINDOW = 50
ALIGN_MIN_CORRELATION = 0.5


def _check_alignment(sources: list[str], references: list[str], src: Path, ref: Path) -> None:
    """InputError when the line pairs' lengths stop going together somewhere: a line
    deleted in one file and one added at its end leaves equal counts and every line
    between misaligned. Sets under ALIGN_WINDOW lines are too short to judge."""
    last = len(sources) - ALIGN_WINDOW
    starts = sorted({*range(0, last + 1, 10), last}) if last >= 0 else []
    for n in starts:
        window = slice(n, n + ALIGN_WINDOW)
        if _length_correlation(sources[window], references[window]) < ALIGN_MIN_CORRELATION:
            raise InputError(
                f"{ref}: its lines do not look aligned with {src} around lines {n + 1}-"
                f"{n + ALIGN_WINDOW} (the lengths of the line pairs do not go together, as a "
                "line deleted or added in one file makes them); check both files there"
            )


def _length_correlation(a: list[str], b: list[str]) -> float:
    """Pearson correlation of the log lengths of the line pairs (1.0 when undefined)."""
    import math
    import statistics

    try:
        return statistics.correlation(
            [math.log(len(x) + 1) for x in a], [math.log(len(y) + 1) for y in b]
        )
    except statistics.StatisticsError:  # every line of one file the same length
        return 1.0


def _test_lines(path: Path, role: str) -> tuple[list[str], str]:
    """The lines (or segments) of one test-set file and its kind, each checked."""
    from pipeline.readers import read_text_file

    text = read_text_file(path, expect=TEST_SET_FILE)
    head = text.lstrip()[:200].lower()
    if head.startswith("<?xml") or head.startswith("<dataset"):
        return _xml_segments(path, role), "xml"
    if _SGM_HEAD.match(head) or _MARKUP_HEAD.match(head):  # other markup: no test set
        return _sgm_segments(text, path, role), "sgm"
    _check_lone_cr(path)
    lines = text.split("\n")
    if lines[-1] == "":  # the file's final line end
        lines.pop()
    for n, line in enumerate(lines, 1):
        _check_line(line, path, f"line {n}", role)
    return lines, "lines"


def _check_lone_cr(path: Path) -> None:
    """A CR inside a line of an LF file (scraped text) is a line end to the readers (old
    Mac files) but not to sacrebleu or ``wc -l``: it would split the line in two."""
    data = path.read_bytes()
    if b"\n" not in data:
        return  # a whole file of CR line ends: read as lines, as the readers do
    lone = re.search(rb"\r(?!\n)", data)
    if lone is not None:
        line = data.count(b"\n", 0, lone.start()) + 1
        raise InputError(
            f"{path}: line {line} holds a carriage return (CR) inside the line, which the page "
            "reader takes for a line end; replace it with a space in this file"
        )


def _check_line(line: str, path: Path, where: str, role: str) -> None:
    what = "reference" if role == "ref" else "source"
    if not line.strip():
        raise InputError(
            f"{path}: {where} is blank (no {what} text); remove it and its "
            f"{'source' if role == 'ref' else 'reference'} line"
        )
    breaks = [name for char, name in _INNER_BREAKS.items() if char in line]
    if breaks:
        raise InputError(
            f"{path}: {where} holds {breaks[0]}, which the page reader takes for a line end; "
            "replace it with a space in this file"
        )


def _sgm_segments(text: str, path: Path, role: str) -> list[str]:
    """The ``<seg>`` texts of a WMT "fake SGML" file, as sacrebleu's FakeSGMLDataset
    extracts them (one ``<seg`` per line, white space collapsed, entities kept as they are:
    the text the published scores were computed on)."""
    segments = []
    for n, line in enumerate(text.split("\n"), 1):
        if line.startswith("<seg "):
            seg = " ".join(_SGM_SEG.sub(r"\1", line).split())
            _check_line(seg, path, f"line {n} (a <seg>)", role)
            segments.append(seg)
    if not segments:
        raise InputError(
            f"{path}: is markup but no WMT test-set file (no <seg ...> line); give the test set "
            "as plain text (one sentence per line), WMT .sgm or WMT .xml"
        )
    return segments


def _xml_segments(path: Path, role: str) -> list[str]:
    """The source or (first translator's) reference segments of a WMT 2021+ XML file,
    with sacrebleu's own reader (segments without a reference are left out, as it does)."""
    from lxml import etree
    from sacrebleu.dataset.wmt_xml import WMTXMLDataset

    try:
        fields = WMTXMLDataset._unwrap_wmt21_or_later(str(path))
    except (etree.Error, AssertionError, KeyError, ValueError, TypeError) as exc:
        why = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise InputError(f"{path}: is not a WMT test-set XML file ({why})") from None
    # references are keyed "ref:TRANSLATOR" (or "ref"); the first translator's, as sacrebleu
    key = next((k for k in fields if k == role or k.startswith(f"{role}:")), role)
    segments = fields.get(key) or []
    if not segments:
        raise InputError(f"{path}: holds no {role} segments")
    for n, seg in enumerate(segments, 1):
        _check_line(seg or "", path, f"segment {n}", role)
    return list(segments)


def _check_language(lines: list[str], lang: str, path: Path, flag: str) -> None:
    """InputError when ``lines`` plainly read as another language than ``lang`` (a reference
    in the wrong language scores noise); the article check of translate, on the first lines."""
    from babel import Locale

    from pipeline.document import Article, Block
    from pipeline.qa.article_lang import detect_article_language

    blocks = [Block(id=f"b{n}", kind="paragraph", text=t) for n, t in enumerate(lines[:60])]
    found = detect_article_language(Article(id="eval", source_lang=lang, blocks=blocks))
    if found is not None:
        other, conf = found
        name = Locale.parse(other).get_language_name("en")
        raise InputError(
            f"{path}: reads as {name} ({other}, confidence {conf:.2f}), "
            f"not {lang} as --pair says; give the {lang} file as {flag}"
        )


def pipeline_hypotheses(
    src: Path, sources: list[str], translator: Any, config: Config
) -> tuple[list[str], int]:
    """Read -> segment -> translate -> localise the test set as one page; one line per block.

    The page text is the test set's lines (of a ``.sgm`` or ``.xml`` file too), so
    every line is one block. Returns the hypotheses and the number of MT segments.
    Raises InputError when the reader does not make exactly one block per line.
    """
    from pipeline.localise import localise_article
    from pipeline.readers import article_id_from_path, read_text
    from pipeline.segment import segment_article
    from pipeline.translate import translate_articles

    lang = translator.tgt_lang
    text = "\n".join(sources) + "\n"
    article = read_text(text, "page", str(src), translator.src_lang, article_id_from_path(src))
    if len(article.blocks) != len(sources):
        raise InputError(
            f"{src}: the page reader made {len(article.blocks)} blocks of {len(sources)} lines; "
            "the eval needs one sentence or paragraph per line"
        )
    article = segment_article(article, config.segment)
    translate_articles([article], {lang: translator})
    localise_article(article, config.localise)
    return [block.target_text(lang) for block in article.blocks], len(article.text_segments())


def comet_scorer(model: Path | None) -> tuple[Any, str]:
    """The loaded COMET model to score with, or None and the reason COMET will not be computed.

    Loaded before any translation, so a mistyped ``--comet-model`` or a checkpoint
    that does not load costs no run. Raises ModelNotFoundError for a path that
    holds no checkpoint, ModelError (one line) for one that does not load.
    """
    if model is None:
        return None, "not computed (pass --comet-model PATH to a downloaded COMET checkpoint)"
    checkpoint = Path(model)
    if checkpoint.is_dir():
        checkpoint = checkpoint / "checkpoints" / "model.ckpt"
    if not checkpoint.is_file():
        raise ModelNotFoundError(
            f"COMET checkpoint {checkpoint} does not exist; give --comet-model the folder of a "
            "downloaded COMET model (with checkpoints/model.ckpt) or its .ckpt file"
        )
    if importlib.util.find_spec("comet") is None:
        return None, "not computed: the optional package is missing (pip install unbabel-comet)"
    from comet import load_from_checkpoint

    try:
        scorer = load_from_checkpoint(str(checkpoint))
    except Exception as exc:  # torch, lightning and yaml errors all mean "not loaded"
        why = " ".join(str(exc).split())[:200]
        raise ModelError(
            f"cannot load the COMET checkpoint {checkpoint} ({type(exc).__name__}: {why}); "
            "download the COMET model again"
        ) from None
    return scorer, str(checkpoint)


def comet_scores(
    sources: list[str],
    references: list[str],
    systems: dict[str, list[str]],
    scorer: Any,
) -> dict[str, float]:
    """COMET system score per system (none without a scorer: :func:`comet_scorer`)."""
    if scorer is None:
        return {}
    import torch

    gpus = 1 if torch.cuda.is_available() else 0
    scores = {}
    for name, hyps in systems.items():
        rows = zip(sources, hyps, references, strict=True)
        data = [{"src": s, "mt": h, "ref": r} for s, h, r in rows]
        prediction = scorer.predict(data, gpus=gpus, progress_bar=False)
        scores[name] = round(float(prediction.system_score), 4)
    return scores


def score_systems(
    sources: list[str],
    references: list[str],
    systems: dict[str, list[str]],
    comet_scorer: Any,
) -> tuple[dict[str, Scores], dict[str, str]]:
    """Scores per system and the sacrebleu signatures."""
    comet = comet_scores(sources, references, systems, comet_scorer)
    scores, signatures = {}, {}
    for name, hyps in systems.items():
        s, signatures = corpus_scores(hyps, references)
        scores[name] = Scores(s.bleu, s.chrf, comet.get(name))
    return scores, signatures


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
    misaligned or blank-lined test set or one in the wrong language, ModelNotFoundError
    for a missing model or COMET checkpoint: all before any text is translated.
    """
    from pipeline.translate import load_translator, noise_warning

    src, ref = Path(src), Path(ref)
    test = read_test_set(src, ref, pair)
    sources, references = test.sources, test.references
    name = options.testset or eval_set_name(src)
    limited = 0 < options.limit < len(sources)
    published, published_note = published_for(pair, name, len(sources), limited)
    if limited:
        sources, references = sources[: options.limit], references[: options.limit]
    scorer, comet_note = comet_scorer(options.comet_model)
    translator = load_translator(pair, config.translate, options.model_dir)
    warning = noise_warning(translator)
    tiny = warning is not None
    if warning is not None:
        log(warning)
    doc_hyps, segments = pipeline_hypotheses(src, sources, translator, config)
    systems = {"pipeline": doc_hyps, "sentence": translator.translate(sources)}
    scores, signatures = score_systems(sources, references, systems, scorer)
    result = EvalResult(
        pair=pair,
        testset=name,
        lines=len(sources),
        segments=segments,
        pipeline=scores["pipeline"],
        sentence=scores["sentence"],
        published=published,
        published_note=published_note,
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
