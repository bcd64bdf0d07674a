"""Tiny random Marian models that load exactly like a downloaded opus-mt folder.

``build_tiny`` trains two sentencepiece unigram models (source and target side)
on a small built-in it/en/fr text, writes the joint ``vocab.json`` the way
opus-mt does (``</s>`` = 0, ``<unk>`` = 1, ``<pad>`` last), and saves a
randomly initialised ``MarianMTModel`` with ``save_pretrained`` (safetensors).
Loading then goes through ``MarianTokenizer.from_pretrained`` and
``MarianMTModel.from_pretrained``, the same code that loads real weights.

Shape ``"opus"`` has the exact opus-mt-it-en architecture (vocabulary padded to
80,035 entries) so benchmarks do the real amount of work. Either way the
weights are random: THE OUTPUT IS NOISE.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import warnings
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from pipeline.atomic import OutputSetting, output_setting, publish, write_failure
from pipeline.errors import OutputError, UsageError
from pipeline.models.hf import quiet_transformers
from pipeline.models.local import (
    MARKER,
    TINY_MODEL_PREFIX,
    TINY_NOTE,
    real_folder,
    replace_folder,
    temp_folder_beside,
    weights_stamp,
    write_marker,
)
from pipeline.models.registry import split_pair


@dataclass(frozen=True)
class Shape:
    """Architecture of a generated model; ``vocab_size`` None keeps the sentencepiece size."""

    d_model: int
    layers: int
    heads: int
    ffn: int
    spm_vocab: int
    vocab_size: int | None = None
    init_std: float = 0.02


SHAPES = {
    # A larger init spread than opus-mt's 0.02 makes the noise depend on the input.
    "tiny": Shape(d_model=32, layers=2, heads=2, ffn=64, spm_vocab=300, init_std=0.3),
    # Helsinki-NLP/opus-mt-it-en: vocab 80,035, d_model 512, 6+6 layers, 8 heads, FFN 2,048.
    "opus": Shape(d_model=512, layers=6, heads=8, ffn=2048, spm_vocab=8000, vocab_size=80_035),
}
MAX_POSITIONS = 512


def read_corpus(path: Path | None = None) -> dict[str, list[str]]:
    """Sentences per language from a ``LANG<TAB>sentence`` file (default: the built-in one)."""
    if path is None:
        text = resources.files("pipeline").joinpath("data/tiny_corpus.txt").read_text("utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    corpus: dict[str, list[str]] = {}
    for line in text.splitlines():
        lang, sep, sentence = line.partition("\t")
        if sep and not line.startswith("#") and sentence.strip():
            corpus.setdefault(lang.strip(), []).append(sentence.strip())
    return corpus


def build_tiny(
    out_dir: Path,
    pair: str = "it-en",
    seed: int = 0,
    shape: str = "tiny",
    corpus: Path | None = None,
) -> Path:
    """Write a random Marian model for ``pair`` into ``out_dir`` and return it.

    Deterministic for a given ``seed``, ``shape`` and corpus. The folder is
    built beside ``out_dir`` and renamed into place, so it is never partial.
    """
    if shape not in SHAPES:
        raise UsageError(f"unknown model shape {shape!r}; choose one of {', '.join(SHAPES)}")
    src, tgt = split_pair(pair)
    texts = read_corpus(corpus)
    for lang in (src, tgt):
        if lang not in texts:
            raise UsageError(
                f"the tiny-model corpus has no {lang!r} text; languages: {', '.join(texts)}"
            )
    out_dir = real_folder(Path(out_dir))
    _check_target(out_dir)
    with output_setting(TINY_FOLDER):
        tmp = temp_folder_beside(out_dir, OutputError, "give a folder that can be written")
        try:
            _build_into(tmp, texts, pair, shape, seed)
            publish(tmp)
            replace_folder(tmp, out_dir)
        except OSError as exc:  # a full disk, a read-only mount: the folder that was there stays
            raise OutputError(
                write_failure(
                    "the model", exc, out_dir, "nothing was changed there", out_dir.parent
                )
            ) from None
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return out_dir


# The argument that chooses where build-tiny writes, as a write error's fix names it.
TINY_FOLDER = OutputSetting("DIR", "folder", "folder", "mtpipe models build-tiny $HOME/mtpipe-tiny")


def _build_into(tmp: Path, texts: dict[str, list[str]], pair: str, shape: str, seed: int) -> None:
    """Write the tokenizers, weights and marker of a tiny ``pair`` model into ``tmp``."""
    src, tgt = split_pair(pair)
    spec = SHAPES[shape]
    src_spm = _train_spm(texts[src], spec.spm_vocab)
    tgt_spm = _train_spm(texts[tgt], spec.spm_vocab)
    (tmp / "source.spm").write_bytes(src_spm)
    (tmp / "target.spm").write_bytes(tgt_spm)
    vocab = joint_vocab([src_spm, tgt_spm], spec.vocab_size)
    _save_tokenizer(tmp, vocab, src, tgt)
    _save_model(tmp, spec, len(vocab), seed)
    weights = hashlib.sha256((tmp / "model.safetensors").read_bytes()).hexdigest()
    write_marker(
        tmp,
        {
            "model_id": f"{TINY_MODEL_PREFIX}{shape}-{pair}",
            "revision": f"seed{seed}-{weights[:12]}",
            "pair": pair,
            "tiny": True,
            "shape": shape,
            "seed": seed,
            "note": TINY_NOTE,
            "weights": weights_stamp(tmp),
        },
    )


def _check_target(out_dir: Path) -> None:
    """Refuse to overwrite a non-empty folder that is not an earlier generated model."""
    if out_dir.exists() and any(out_dir.iterdir()) and not (out_dir / MARKER).is_file():
        raise OutputError(
            f"{out_dir} exists and is not an mtpipe-generated model; choose an empty or new folder"
        )


def _train_spm(sentences: list[str], vocab_size: int) -> bytes:
    """Train a sentencepiece unigram model in memory (single-threaded, so deterministic)."""
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(sentences),
        model_writer=model,
        model_type="unigram",
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        character_coverage=1.0,
        num_threads=1,
        shuffle_input_sentence=False,
        unk_id=0,
        bos_id=1,
        eos_id=2,
        pad_id=-1,
        minloglevel=2,
    )
    return model.getvalue()


def joint_vocab(spm_models: list[bytes], size: int | None = None) -> dict[str, int]:
    """The opus-mt joint vocabulary over several sentencepiece models.

    ``</s>`` = 0 and ``<unk>`` = 1, then every piece once in model order, then
    (to reach ``size``) filler entries, and ``<pad>`` last.
    """
    import sentencepiece as spm

    vocab = {"</s>": 0, "<unk>": 1}
    for blob in spm_models:
        proc = spm.SentencePieceProcessor(model_proto=blob)
        for i in range(proc.get_piece_size()):
            if not (proc.is_unknown(i) or proc.is_control(i)):
                vocab.setdefault(proc.id_to_piece(i), len(vocab))
    if size is not None:
        if len(vocab) >= size:
            raise UsageError(f"{len(vocab)} sentencepiece entries do not fit a {size} vocabulary")
        for n in range(size - 1 - len(vocab)):
            vocab[f"<filler{n}>"] = len(vocab)
    vocab["<pad>"] = len(vocab)
    return vocab


def _save_tokenizer(folder: Path, vocab: dict[str, int], src: str, tgt: str) -> None:
    import json

    from transformers import MarianTokenizer

    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*sacremoses.*")
        tok = MarianTokenizer(
            source_spm=str(folder / "source.spm"),
            target_spm=str(folder / "target.spm"),
            vocab=str(folder / "vocab.json"),
            source_lang=src,
            target_lang=tgt,
        )
    tok.save_pretrained(str(folder))


def _save_model(folder: Path, spec: Shape, vocab_size: int, seed: int) -> None:
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel

    quiet_transformers()

    pad = vocab_size - 1
    config = MarianConfig(
        vocab_size=vocab_size,
        decoder_vocab_size=vocab_size,
        d_model=spec.d_model,
        encoder_layers=spec.layers,
        decoder_layers=spec.layers,
        encoder_attention_heads=spec.heads,
        decoder_attention_heads=spec.heads,
        encoder_ffn_dim=spec.ffn,
        decoder_ffn_dim=spec.ffn,
        max_position_embeddings=MAX_POSITIONS,
        init_std=spec.init_std,
        activation_function="swish",
        scale_embedding=True,
        share_encoder_decoder_embeddings=True,
        tie_word_embeddings=True,
        pad_token_id=pad,
        decoder_start_token_id=pad,
        eos_token_id=0,
        forced_eos_token_id=0,
        architectures=["MarianMTModel"],
    )
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = MarianMTModel(config).eval()
    model.generation_config = GenerationConfig(
        bad_words_ids=[[pad]],
        decoder_start_token_id=pad,
        eos_token_id=0,
        forced_eos_token_id=0,
        pad_token_id=pad,
        max_length=MAX_POSITIONS,
        num_beams=4,
    )
    model.save_pretrained(str(folder))
