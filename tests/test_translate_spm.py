"""The sentencepiece-only Marian tokenizer gives MarianTokenizer's tokens, without transformers."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import ModelError
from pipeline.translate.spm import SpmMarianTokenizer, supports
from pipeline.translate.tokenizer import load_marian_tokenizer, load_spm_tokenizer, special_tokens

REPO = Path(__file__).resolve().parent.parent

TEXTS = [
    "Il governo ha approvato ieri la nuova legge di bilancio.",
    "Il ministro Z1X ha incontrato Z12X a Z3X.",  # the protect layer's placeholders
    "Z0X",
    "Ciao </s> mondo <unk> e <pad>.",  # literal special tokens are text
    "</s>",
    ">>fra<< Buongiorno a tutti",  # a leading language code is its own token
    ">>fra<<",
    ">> non chiuso",
    "testo >>en<< nel mezzo",
    "",
    "   ",
    "a\u00a0b\tc\n d\u202fe",
    "città È perché — «virgolette» “curve” 😀 日本語 Ελληνικά",
    "1.000,50 € il 3,5% del PIL",
    "x" * 400,
]
ENCODE = {"truncation": False, "padding": False, "split_special_tokens": True}


@pytest.fixture(scope="module", params=["it-en", "it-fr"])
def both(request, tiny_models):
    """(MarianTokenizer, SpmMarianTokenizer) of one tiny model folder."""
    folder = tiny_models[request.param]
    assert supports(folder)
    return load_marian_tokenizer(folder), SpmMarianTokenizer(folder)


def test_spm_tokenizer_encodes_like_marian_tokenizer(both):
    ref, fast = both
    assert fast(TEXTS, **ENCODE)["input_ids"] == ref(TEXTS, **ENCODE)["input_ids"]
    ids = fast(["Z1X"], **ENCODE)["input_ids"][0]
    assert ids[-1] == ref.eos_token_id and ids.count(ref.eos_token_id) == 1


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=80))
def test_spm_tokenizer_matches_marian_on_any_text(both, text):
    ref, fast = both
    assert fast([text], **ENCODE)["input_ids"] == ref([text], **ENCODE)["input_ids"]


def test_spm_tokenizer_decodes_like_marian_tokenizer(both):
    ref, fast = both
    rows = ref(TEXTS, **ENCODE)["input_ids"]
    size = len(fast.encoder)
    rows += [
        [0, 1, ref.pad_token_id, 5, 7],
        [9, 0, 0, 1, 12],
        list(range(0, size, max(1, size // 40))),
    ]
    for skip in (True, False):
        assert fast.batch_decode(rows, skip_special_tokens=skip) == ref.batch_decode(
            rows, skip_special_tokens=skip
        )
    for row in rows:  # the CTranslate2 path: ids <-> pieces
        pieces = ref.convert_ids_to_tokens(row)
        assert fast.convert_ids_to_tokens(row) == pieces
        assert fast.convert_tokens_to_ids(pieces) == ref.convert_tokens_to_ids(pieces)
    assert fast.convert_tokens_to_ids(["\u2581nonexistentpiece"]) == [ref.unk_token_id]


def test_output_tokens_decode_as_through_their_ids(both):
    """CTranslate2's output tokens are decoded without the round trip through ids (and each
    token's piece is kept for the next row): the text must be MarianTokenizer's of the ids,
    special tokens dropped, a token outside the vocabulary read as <unk> (dropped too)."""
    ref, fast = both
    rows = [ref.convert_ids_to_tokens(r) for r in ref(TEXTS, **ENCODE)["input_ids"]]
    vocab = list(fast.encoder)
    rows += [
        ["</s>", "<pad>", vocab[7], "<unk>", vocab[9], "</s>"],
        [vocab[9], "\u2581nonexistentpiece", vocab[9], ">>fra<<", vocab[12]],
        vocab[:: max(1, len(vocab) // 40)],
        [],
    ]
    for _ in range(2):  # the second time every piece comes from what the first kept
        ids = [ref.convert_tokens_to_ids(r) for r in rows]
        assert fast.decode_tokens(rows) == ref.batch_decode(ids, skip_special_tokens=True)


def test_spm_tokenizer_has_the_same_special_tokens(both):
    ref, fast = both
    assert special_tokens(fast) == special_tokens(ref) == ["</s>", "<pad>", "<unk>"]
    assert (fast.eos_token_id, fast.pad_token_id, fast.unk_token_id) == (
        ref.eos_token_id,
        ref.pad_token_id,
        ref.unk_token_id,
    )


def test_spm_tokenizer_refuses_other_encode_options(both):
    _, fast = both
    with pytest.raises(ValueError):
        fast(["Ciao"], truncation=True)


def test_folders_it_does_not_cover_get_marian_tokenizer(tiny_models, tmp_path):
    folder = shutil.copytree(tiny_models["it-en"], tmp_path / "m")
    config = json.loads((folder / "tokenizer_config.json").read_text())
    config["clean_up_tokenization_spaces"] = True  # decoding would differ
    (folder / "tokenizer_config.json").write_text(json.dumps(config))
    assert not supports(folder)
    assert type(load_spm_tokenizer(folder)).__name__ == "MarianTokenizer"


def test_a_broken_vocabulary_is_a_model_error(tiny_models, tmp_path):
    folder = shutil.copytree(tiny_models["it-en"], tmp_path / "m")
    (folder / "vocab.json").write_text("{not json")
    with pytest.raises(ModelError):
        load_spm_tokenizer(folder)


def test_ct2_translate_imports_neither_transformers_nor_torch(tiny_models, tmp_path, sample_path):
    pytest.importorskip("ctranslate2")
    from pipeline.models import convert_ct2

    folder = shutil.copytree(tiny_models["it-en"], tmp_path / "it-en")
    convert_ct2(folder, quantization="float32")
    code = (
        "import sys; from pipeline.cli import main; "
        f"rc = main(['translate', {str(sample_path)!r}, '--to', 'en', '--backend', 'ctranslate2', "
        f"'--model-dir', 'it-en={folder}', '--out', {str(tmp_path / 'out')!r}, '--no-memory', "
        "'--no-qa', '--quiet']); "
        "print(rc, 'transformers' in sys.modules, 'torch' in sys.modules)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert proc.stdout.split() == ["0", "False", "False"], proc.stderr[-2000:]
    assert list((tmp_path / "out").glob("*.en.txt"))


@pytest.mark.parametrize(
    "text",
    [
        '{"</s>": 0, "<unk>": 1, "\\u2581a": 2, "\\ud83d\\ude00": 3, "a": 4, "a": 5}',
        '{"\\ud800": 0, "<unk>": 1}',  # a lone surrogate: msgspec refuses it, json reads it
        '{"<unk>": NaN, "x": 1e400}',  # json's extensions
        '{"<unk>": 1} trailing',  # json's error stays the error
        '\ufeff{"<unk>": 1}',
    ],
)
def test_a_vocabulary_reads_as_json_reads_it(tmp_path, text):
    from pipeline.translate.spm import read_vocab

    path = tmp_path / "vocab.json"
    path.write_text(text, encoding="utf-8")
    try:
        expected = json.loads(text)
    except ValueError as exc:
        with pytest.raises(type(exc)):
            read_vocab(path)
    else:
        got = read_vocab(path)
        assert repr(got) == repr(expected) and list(got) == list(expected)
