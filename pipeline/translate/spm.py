"""The Marian tokenizer without transformers: sentencepiece + ``vocab.json`` directly.

The CTranslate2 path needs only pieces and ids, so, as CTranslate2's own opus-mt
guide does (https://opennmt.net/CTranslate2/guides/transformers.html#marianmt),
it tokenizes with the sentencepiece models of the folder and maps pieces through
``vocab.json``. Importing transformers (and through it torch) costs about 2.5 s of
start-up on a 2-core machine; this costs milliseconds.

:class:`SpmMarianTokenizer` reproduces exactly what ``MarianTokenizer`` (transformers
5) does for the calls mtpipe makes (``tests/test_translate_spm.py`` compares both
token for token):

- encoding (``split_special_tokens=True``): a leading ``>>xx<<`` language code is
  its own token, the rest goes through the *source* sentencepiece model, pieces
  map to ids through the vocabulary (unknown ones to ``<unk>``), ``</s>`` is
  appended; literal special tokens in the text are plain text;
- decoding (``skip_special_tokens=True``): special ids are dropped, ids map back
  through the vocabulary (else the sentencepiece id), and the pieces are joined by
  the source sentencepiece model (a shared-vocabulary Marian decodes with it,
  ``use_source_tokenizer``), special tokens left in place kept verbatim.

Folders this class does not cover (separate source/target vocabularies, extra
added tokens, sentencepiece options) are left to ``MarianTokenizer``
(:func:`supports` says which), so output never depends on the tokenizer chosen.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SPIECE_UNDERLINE = "\u2581"
_UNSEEN = object()  # a token decode_tokens has not looked up yet
DEFAULT_SPECIALS = {"eos_token": "</s>", "unk_token": "<unk>", "pad_token": "<pad>"}
# tokenizer_config.json keys that change nothing mtpipe's calls depend on.
_HARMLESS = {
    "added_tokens_decoder",
    "backend",
    "clean_up_tokenization_spaces",
    "eos_token",
    "is_local",
    "model_max_length",
    "name_or_path",
    "pad_token",
    "separate_vocabs",
    "source_lang",
    "sp_model_kwargs",
    "special_tokens_map_file",
    "target_lang",
    "tokenizer_class",
    "tokenizer_file",
    "unk_token",
    "extra_special_tokens",
    "additional_special_tokens",
}


def _read_json(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _token_name(value: Any) -> str:
    """A special token as tokenizer_config.json spells it: a string or an AddedToken dict."""
    return value["content"] if isinstance(value, dict) else str(value)


def read_vocab(path: Path) -> Any:
    """``vocab.json`` as ``json.loads`` reads it, through msgspec's decoder where it can.

    An opus-mt vocabulary (80,000 pieces) took 50-55 ms of the model load with json,
    30 ms with msgspec, the GIL held either way. What msgspec refuses and json reads
    (a lone surrogate escape, NaN) is read by json, and json's errors stay the errors.
    """
    import msgspec

    text = path.read_text(encoding="utf-8")
    try:
        return msgspec.json.decode(text)
    except msgspec.MsgspecError:
        return json.loads(text)


def read_config(model_dir: Path) -> dict[str, Any]:
    """tokenizer_config.json with special_tokens_map.json's entries under it (either may lack)."""
    config = _read_json(model_dir / "special_tokens_map.json")
    config.update(_read_json(model_dir / "tokenizer_config.json"))
    return config


def supports(model_dir: Path) -> bool:
    """True when this class reproduces ``MarianTokenizer`` for the folder exactly.

    Needs both sentencepiece models and ``vocab.json``, one shared vocabulary,
    no sentencepiece options, no cleanup of tokenization spaces, and added
    tokens that are only the special tokens at their vocabulary ids.
    """
    if not all((model_dir / f).is_file() for f in ("source.spm", "target.spm", "vocab.json")):
        return False
    config = read_config(model_dir)
    if set(config) - _HARMLESS or config.get("separate_vocabs") or config.get("sp_model_kwargs"):
        return False
    if config.get("clean_up_tokenization_spaces"):
        return False
    if config.get("tokenizer_class", "MarianTokenizer") != "MarianTokenizer":
        return False
    extra = config.get("additional_special_tokens") or config.get("extra_special_tokens")
    return not extra


class SpmMarianTokenizer:
    """``MarianTokenizer``'s encode/decode subset used by mtpipe, on sentencepiece alone.

    Same method names and results as the transformers class for those calls,
    so a backend holds either one. Raises KeyError for a vocabulary without
    ``<unk>`` (as ``MarianTokenizer`` does) and OSError/RuntimeError for
    unreadable files.
    """

    def __init__(self, model_dir: Path) -> None:
        import sentencepiece

        model_dir = Path(model_dir)
        config = read_config(model_dir)
        names = {k: _token_name(config.get(k, v)) for k, v in DEFAULT_SPECIALS.items()}
        self.encoder: dict[str, int] = read_vocab(model_dir / "vocab.json")
        if names["unk_token"] not in self.encoder:
            raise KeyError("<unk> token must be in the vocab")
        added = {
            int(i): _token_name(t) for i, t in (config.get("added_tokens_decoder") or {}).items()
        }
        self.decoder = {v: k for k, v in self.encoder.items()}
        self.decoder.update(added)
        self.added_encoder = {t: i for i, t in added.items()}
        self.spm = sentencepiece.SentencePieceProcessor()
        self.spm.Load(str(model_dir / "source.spm"))
        self.eos_token, self.unk_token, self.pad_token = (
            names["eos_token"], names["unk_token"], names["pad_token"],
        )  # fmt: skip
        self.all_special_tokens = list(dict.fromkeys(names.values()))
        self.added_tokens_decoder = added
        self.unk_token_id = self.encoder[self.unk_token]
        self.eos_token_id = self.token_id(self.eos_token)
        self.pad_token_id = self.token_id(self.pad_token)
        self.all_special_ids = [self.token_id(t) for t in self.all_special_tokens]
        self._shown: dict[str, str | None] = {}  # decode_tokens' token -> piece, or None

    # -- encoding ------------------------------------------------------------
    def token_id(self, token: str) -> int:
        """Added tokens first, then the vocabulary, else ``<unk>`` (never an spm index)."""
        if token in self.added_encoder:
            return self.added_encoder[token]
        return self.encoder.get(token, self.unk_token_id)

    def convert_tokens_to_ids(self, tokens: list[str]) -> list[int]:
        return [self.token_id(t) for t in tokens]

    def tokenize(self, text: str) -> list[str]:
        """Pieces of ``text``: a leading ``>>xx<<`` code as one token, the rest by spm."""
        code = []
        if text.startswith(">>") and (end := text.find("<<")) != -1:
            code, text = [text[: end + 2]], text[end + 2 :]
        return code + self.spm.encode(text, out_type=str)

    def encode_batch(self, texts: list[str]) -> list[list[int]]:
        """Source ids with ``</s>`` for each text: no padding, no truncation."""
        return [[*self.convert_tokens_to_ids(self.tokenize(t)), self.eos_token_id] for t in texts]

    def __call__(self, texts: list[str], **options: Any) -> dict[str, list[list[int]]]:
        """``tokenizer(texts, truncation=False, padding=False, split_special_tokens=True)``.

        Only that call is supported (it is what mtpipe makes); anything else
        is a ValueError rather than a silently different encoding.
        """
        wanted = {"truncation": False, "padding": False, "split_special_tokens": True}
        if any(options.get(k, wanted[k]) != v for k, v in wanted.items()) or set(options) - set(
            wanted
        ):
            raise ValueError(f"SpmMarianTokenizer supports only {wanted}, got {options}")
        return {"input_ids": self.encode_batch(list(texts))}

    # -- decoding ------------------------------------------------------------
    def convert_ids_to_tokens(self, ids: list[int], skip_special_tokens: bool = False) -> list[str]:
        skip = set(self.all_special_ids) if skip_special_tokens else set()
        return [self._piece(int(i)) for i in ids if int(i) not in skip]

    def _piece(self, index: int) -> str:
        if index in self.decoder:
            return self.decoder[index]
        return self.spm.IdToPiece(index) or self.unk_token

    def convert_tokens_to_string(self, tokens: list[str]) -> str:
        """Pieces joined by the spm model; special tokens kept verbatim, followed by a space."""
        specials = set(self.all_special_tokens)
        run: list[str] = []
        out = ""
        for token in tokens:
            if token in specials:
                out += self.spm.decode_pieces(run) + token + " "
                run = []
            else:
                run.append(token)
        out += self.spm.decode_pieces(run)
        return out.replace(SPIECE_UNDERLINE, " ").strip()

    def decode_tokens(self, rows: list[list[str]]) -> list[str]:
        """``batch_decode([convert_tokens_to_ids(r) for r in rows], skip_special_tokens=True)``
        without the round trip through ids, for rows of tokens as CTranslate2 returns them.

        Each distinct token's shown piece (or None: a special token, dropped) is looked up
        once and kept: per output token one dict lookup instead of four calls (this was
        a tenth of mtpipe's own time per sentence at greedy decoding).
        """
        shown = self._shown
        skip = set(self.all_special_ids)
        texts = []
        for row in rows:
            pieces = []
            for token in row:
                piece = shown.get(token, _UNSEEN)
                if piece is _UNSEEN:
                    index = self.token_id(token)
                    piece = shown[token] = None if index in skip else self._piece(index)
                if piece is not None:
                    pieces.append(piece)
            texts.append(self.convert_tokens_to_string(pieces))
        return texts

    def decode(self, ids: list[int], skip_special_tokens: bool = False) -> str:
        return self.convert_tokens_to_string(self.convert_ids_to_tokens(ids, skip_special_tokens))

    def batch_decode(self, rows: list[list[int]], skip_special_tokens: bool = False) -> list[str]:
        return [self.decode(r, skip_special_tokens) for r in rows]
