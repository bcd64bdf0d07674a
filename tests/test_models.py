"""Model registry, fetching, folder resolution and the tiny random model."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from pipeline.cli import main
from pipeline.errors import ModelError, ModelNotFoundError, OutputError
from pipeline.models import (
    MARKER,
    build_tiny,
    fetch,
    load_registry,
    missing_files,
    model_info,
    resolve_model_dir,
)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_registry_lists_both_opus_pairs():
    specs = load_registry()
    assert specs["it-en"].model_id == "Helsinki-NLP/opus-mt-it-en"
    assert specs["it-fr"].model_id == "Helsinki-NLP/opus-mt-it-fr"
    assert all(spec.revision and spec.folder for spec in specs.values())


@pytest.mark.filterwarnings("ignore:Recommended. pip install sacremoses")
def test_tiny_model_loads_through_from_pretrained_like_opus(tiny_models):
    from transformers import MarianMTModel, MarianTokenizer

    folder = tiny_models["it-en"]
    tok = MarianTokenizer.from_pretrained(str(folder))
    model = MarianMTModel.from_pretrained(str(folder))
    vocab = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
    assert vocab["</s>"] == 0 and vocab["<unk>"] == 1
    assert vocab["<pad>"] == len(vocab) - 1 == tok.pad_token_id
    assert model.config.decoder_start_token_id == tok.pad_token_id
    assert model.config.vocab_size == len(vocab)
    assert model.generation_config.bad_words_ids == [[tok.pad_token_id]]
    assert tok("Il governo ha approvato la legge.")["input_ids"][-1] == tok.eos_token_id


def test_tiny_model_is_deterministic_per_seed(tiny_models, tmp_path):
    again = build_tiny(tmp_path / "again", pair="it-en", seed=0)
    other = build_tiny(tmp_path / "other", pair="it-en", seed=1)
    for name in ("model.safetensors", "source.spm", "target.spm", "vocab.json"):
        assert _digest(again / name) == _digest(tiny_models["it-en"] / name)
    assert _digest(other / "model.safetensors") != _digest(again / "model.safetensors")


def test_tiny_model_is_marked_as_noise(tiny_models):
    info = model_info(tiny_models["it-fr"], "it-fr")
    assert info.tiny and "noise" in info.note
    assert "it-fr" in info.model_id


@pytest.mark.slow
def test_opus_shape_matches_opus_mt_it_en(tmp_path):
    from transformers import MarianConfig

    folder = build_tiny(tmp_path / "opus", pair="it-en", shape="opus")
    cfg = MarianConfig.from_pretrained(str(folder))
    assert (cfg.vocab_size, cfg.d_model, cfg.encoder_layers, cfg.decoder_layers) == (
        80_035,
        512,
        6,
        6,
    )
    assert (cfg.encoder_attention_heads, cfg.encoder_ffn_dim, cfg.activation_function) == (
        8,
        2048,
        "swish",
    )
    assert cfg.pad_token_id == cfg.decoder_start_token_id == 80_034


def test_resolve_accepts_a_complete_folder(tiny_models, tmp_path):
    assert resolve_model_dir("it-en", tmp_path, tiny_models["it-en"]) == tiny_models["it-en"]


def test_missing_model_is_one_sentence_naming_model_command_and_folder(tmp_path):
    with pytest.raises(ModelNotFoundError) as err:
        resolve_model_dir("it-en", tmp_path)
    message = str(err.value)
    assert "\n" not in message
    assert "Helsinki-NLP/opus-mt-it-en" in message
    assert "mtpipe models fetch it-en" in message and "make models" in message
    assert str((tmp_path / "opus-mt-it-en").resolve()) in message
    # offline (no hub), the user is pointed at the models already here, not only at make models
    assert "mtpipe models list" in message and "--model-dir" in message


def test_a_missing_tiny_model_folder_says_how_to_build_one(tmp_path):
    """``--model-dir it-en=models/tiny-xx`` (mistyped, or not built yet) was told only to
    copy a complete Marian model in: the tiny models are built, offline, never copied."""
    with pytest.raises(ModelNotFoundError) as err:
        resolve_model_dir("it-en", tmp_path, tmp_path / "tiny-xx")
    message = str(err.value)
    assert "copy a complete Marian model" in message and "\n" not in message
    assert f"mtpipe models build-tiny {tmp_path / 'tiny-xx'} --pair it-en" in message
    assert "make tiny-models" in message
    with pytest.raises(ModelNotFoundError) as err:  # a folder named for another model
        resolve_model_dir("it-en", tmp_path, tmp_path / "marian-it-en")
    assert "build-tiny" not in str(err.value)


def test_models_list_with_no_model_says_how_to_fetch_or_build_tiny_ones(
    tmp_path, tiny_models, capsys
):
    models = tmp_path / "models"
    config = tmp_path / "c.toml"
    config.write_text(f'[translate]\nmodels_dir = "{models}"\n', encoding="utf-8")
    assert main(["--config", str(config), "models", "list"]) == 0
    hint = capsys.readouterr().out.splitlines()[-1]
    assert hint.startswith(f"no model in {models}: ") and "make models" in hint
    assert "make tiny-models" in hint and f"build-tiny {models / 'tiny-it-en'}" in hint
    shutil.copytree(tiny_models["it-fr"], models / "tiny-it-fr")  # one model: no hint
    assert main(["--config", str(config), "models", "list"]) == 0
    assert "make tiny-models" not in capsys.readouterr().out


def test_incomplete_folder_names_the_missing_files(tiny_models, tmp_path):
    broken = shutil.copytree(tiny_models["it-en"], tmp_path / "broken")
    (broken / "source.spm").unlink()
    (broken / "model.safetensors").unlink()
    assert set(missing_files(broken)) == {"source.spm", "model.safetensors or pytorch_model.bin"}
    with pytest.raises(ModelNotFoundError, match="source.spm"):
        resolve_model_dir("it-en", tmp_path, broken)


def test_fetch_offline_is_a_model_error(monkeypatch, tmp_path):
    import huggingface_hub

    def offline(*args, **kwargs):
        raise OSError("Name or service not known")

    monkeypatch.setattr(huggingface_hub.HfApi, "model_info", offline)
    with pytest.raises(ModelError, match="could not fetch Helsinki-NLP/opus-mt-it-en"):
        fetch("it-en", tmp_path)


def test_fetch_pins_the_resolved_commit(monkeypatch, tiny_models, tmp_path):
    import huggingface_hub

    sha = "0123456789abcdef0123456789abcdef01234567"
    calls = {}

    def fake_info(self, repo_id, revision=None, **kwargs):
        files = ["config.json", "model.safetensors", "pytorch_model.bin", "tf_model.h5"]
        return SimpleNamespace(sha=sha, siblings=[SimpleNamespace(rfilename=f) for f in files])

    def fake_download(repo_id, revision, local_dir, allow_patterns):
        calls.update(repo_id=repo_id, revision=revision, allow=allow_patterns)
        shutil.copytree(tiny_models["it-en"], local_dir, dirs_exist_ok=True)
        (Path(local_dir) / MARKER).unlink()
        return str(local_dir)

    monkeypatch.setattr(huggingface_hub.HfApi, "model_info", fake_info)
    monkeypatch.setattr(huggingface_hub, "snapshot_download", fake_download)
    folder = fetch("it-en", tmp_path)
    assert calls["repo_id"] == "Helsinki-NLP/opus-mt-it-en" and calls["revision"] == sha
    assert "model.safetensors" in calls["allow"] and "pytorch_model.bin" not in calls["allow"]
    info = model_info(folder, "it-en")
    assert (info.model_id, info.revision, info.tiny) == ("Helsinki-NLP/opus-mt-it-en", sha, False)


def test_cli_models_list_and_missing_fetch_exit_code(tmp_path, capsys):
    assert main(["models", "list"]) == 0
    assert "Helsinki-NLP/opus-mt-it-en" in capsys.readouterr().out
    (tmp_path / "notes.txt").write_text("not a model", encoding="utf-8")
    assert main(["models", "build-tiny", str(tmp_path), "--pair", "it-en"]) == 1
    assert "not an mtpipe-generated model" in capsys.readouterr().err


def test_models_list_names_the_models_in_the_folder_the_registry_does_not(
    tmp_path, tiny_models, capsys
):
    models = tmp_path / "models"
    shutil.copytree(tiny_models["it-fr"], models / "tiny-it-fr")
    (models / "notes").mkdir()  # a folder that holds no model: not listed
    (models / "half").mkdir()
    (models / "half" / MARKER).write_text("{}", encoding="utf-8")  # incomplete: not listed
    config = tmp_path / "c.toml"
    config.write_text(f'[translate]\nmodels_dir = "{models}"\n', encoding="utf-8")
    assert main(["--config", str(config), "models", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == ["it-en", "it-fr", "it-fr"]
    assert lines[1].endswith("missing (mtpipe models fetch it-fr)  [registry revision not pinned]")
    tiny = lines[2]
    assert tiny.startswith("it-fr  mtpipe/random-marian-tiny-it-fr@")
    assert f"{models / 'tiny-it-fr'}: present" in tiny and "its output is noise" in tiny
    assert tiny.endswith(f"use it with --model-dir it-fr={models / 'tiny-it-fr'}")


@pytest.mark.parametrize("copied", ["model.safetensors", "tokenizer_config.json"])
def test_models_list_judges_a_folder_the_way_translate_does(tmp_path, tiny_models, capsys, copied):
    """docs37 F1: another model's weights (or tokenizer) copied over a folder: `models list`
    read the marker alone, said "present" and recommended the --model-dir that translate
    refuses (exit 4). Now it says unusable, with translate's own cause and fix."""
    models = tmp_path / "models"
    folder = shutil.copytree(tiny_models["it-en"], models / "t1")
    shutil.copy(tiny_models["it-fr"] / copied, folder / copied)
    assert main(["models", "list", "--models-dir", str(models)]) == 0
    line = [x for x in capsys.readouterr().out.splitlines() if str(folder) in x][0]
    assert f"{folder}: present but unusable: {folder}" in line
    assert "--model-dir" not in line and "fetch it again" in line
    source = tmp_path / "a.txt"
    source.write_text("Ciao.\n", encoding="utf-8")
    argv = ["translate", str(source), "--to", "en", "--out", str(tmp_path / "o")]
    assert main([*argv, "--model-dir", f"it-en={folder}"]) == 4
    assert "copied over" in capsys.readouterr().err


# --- broken model folders: exit 4, one sentence, nothing written ------------------------

BAD_MARKERS = {
    "not json": b"{model_id: tiny",
    "empty": b"",
    "missing revision": b'{"model_id": "x"}',
    "wrong type": b'{"model_id": 5, "revision": "r"}',
    "empty id": b'{"model_id": "", "revision": "r"}',
    "a list": b'["model_id", "revision"]',
    "latin-1": '{"model_id": "modèle", "revision": "r"}'.encode("latin-1"),
}


def _broken_copy(tiny_models, tmp_path) -> Path:
    folder = tmp_path / "model"
    shutil.copytree(tiny_models["it-en"], folder)
    return folder


def _translate_with(model: Path, tmp_path, sample_path) -> int:
    return main(
        [
            "translate",
            str(sample_path),
            "--to",
            "en",
            "--out",
            str(tmp_path / "out"),
            "--no-memory",
            "--quiet",
            f"--model-dir=it-en={model}",
        ]
    )


@pytest.mark.parametrize("name", list(BAD_MARKERS))
def test_invalid_model_marker_is_exit_4_naming_it(tiny_models, tmp_path, sample_path, capsys, name):
    folder = _broken_copy(tiny_models, tmp_path)
    (folder / "mtpipe-model.json").write_bytes(BAD_MARKERS[name])
    assert _translate_with(folder, tmp_path, sample_path) == 4
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{folder / 'mtpipe-model.json'} is not valid" in err, err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.parametrize("key", ["vocab_size", "d_model"])
def test_weights_that_do_not_fit_the_config_are_one_sentence(
    tiny_models, tmp_path, sample_path, capsys, key
):
    folder = _broken_copy(tiny_models, tmp_path)
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    config[key] += 8
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")
    assert _translate_with(folder, tmp_path, sample_path) == 4
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("mtpipe: error:")]
    assert len(errors) == 1 and str(folder) in errors[0] and "report" not in err, err
    assert "Traceback" not in err
    assert not list((tmp_path / "out").glob("*.json")) if (tmp_path / "out").exists() else True


def test_a_model_folder_of_another_pair_is_refused_before_any_work(tiny_models, tmp_path, capsys):
    src = tmp_path / "notizia.it.txt"
    src.write_text("Il governo ha approvato la legge di bilancio ieri sera.\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["translate", str(src), "--to", "en", "--out", str(out), "--no-qa"]
    code = main([*args, "--model-dir", f"it-en={tiny_models['it-fr']}"])
    err = capsys.readouterr().err
    assert code == 4 and "holds an it-fr model" in err and "--model-dir it-en=" in err
    assert not list(out.glob("notizia*"))


@pytest.mark.parametrize("to", ["en-GB", "en,fr-CA"])
def test_a_regional_target_is_one_message_without_a_model_warning_first(
    tmp_path, tiny_models, capsys, to
):
    """docs37 F3: `--to en-GB --model-dir it-en=DIR` warned that the it-en model was not
    used ("this run translates it-en-GB"), then refused it-en-GB: two contradictory lines."""
    source = tmp_path / "a.txt"
    source.write_text("Ciao.\n", encoding="utf-8")
    dirs = [f"--model-dir=it-{lang}={tiny_models[f'it-{lang}']}" for lang in ("en", "fr")]
    argv = [
        "translate",
        str(source),
        "--to",
        to,
        "--out",
        str(tmp_path / "o"),
        *dirs[: 1 + ("," in to)],
    ]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "is a regional variant" in err[0] and "not used" not in err[0]
    assert "the it-en model writes en" in err[0] or "the it-fr model writes fr" in err[0]
    assert not (tmp_path / "o").exists()


def test_a_regional_target_names_the_language_to_use() -> None:
    """--to en-GB made the pair it-en-GB, refused as not looking like SRC-TGT."""
    from pipeline.errors import UsageError
    from pipeline.models.registry import split_pair

    assert split_pair("it-en") == ("it", "en")
    with pytest.raises(UsageError, match=r"en-GB is a regional variant.*--to en\b"):
        split_pair("it-en-GB")
    for bad in ("iten", "-en", "it-", "it--en", "it-en-GB-x"):
        with pytest.raises(UsageError, match="SRC-TGT"):
            split_pair(bad)


@pytest.mark.parametrize(
    ("marker", "named"),
    [
        (
            {"model_id": "Helsinki-NLP/opus-mt-it-en", "revision": "a" * 40, "pair": "it-en"},
            "downloaded model",
        ),
        ({"model_id": "mtpipe/random-marian-tiny-it-en", "pair": "it-en", "tiny": True}, "it-fr"),
    ],
)
def test_build_tiny_never_replaces_a_downloaded_model_or_another_pairs(
    tmp_path, capsys, marker, named
):
    """build-tiny replaces its folder whole: a downloaded opus-mt folder (whose marker passed
    for "an mtpipe-generated model") got random weights, and ``--pair it-fr`` over
    ``models/tiny-it-en`` silently made it an it-fr model."""
    import json

    folder = tmp_path / "opus-mt-it-en"
    folder.mkdir()
    (folder / "mtpipe-model.json").write_text(json.dumps(marker), encoding="utf-8")
    (folder / "model.safetensors").write_bytes(b"real weights")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert main(["models", "build-tiny", str(folder), "--pair", "it-fr"]) == 1
    assert named in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_build_tiny_into_a_file_is_one_line(tmp_path, capsys):
    """It was a NotADirectoryError traceback."""
    path = tmp_path / "a.txt"
    path.write_text("x", encoding="utf-8")
    assert main(["models", "build-tiny", str(path), "--pair", "it-en"]) == 1
    err = capsys.readouterr().err
    assert "is a file" in err and err.count("\n") == 1 and path.read_text() == "x"


@pytest.mark.parametrize(
    ("table", "named"),
    [
        ('[pairs.it-en]\nmodel_id = "a/b"\nrevision = "main"\n', "folder is missing"),
        ('[pairs.it-en]\nmodel_id = "a/b"\nrevision = "main"\nfolder = ""\n', "folder = ''"),
        (
            '[pairs.it-en]\nmodel_id = "a/b"\nrevision = "main"\nfolder = "../x"\n',
            "one folder name",
        ),
        (
            '[pairs.it-en]\nmodel_id = "a/b"\nrevision = "main"\nfolder = "/tmp/x"\n',
            "one folder name",
        ),
        ('[pairs.it-en]\nmodel_id = 5\nrevision = "main"\nfolder = "x"\n', "model_id = 5"),
        ('[pairs.it-en]\nmodel_id = "../b"\nrevision = "main"\nfolder = "x"\n', "no hub id"),
        ('[pairs.it-en]\nmodel_id = "a/b"\nrevision = []\nfolder = "x"\n', "revision = []"),
        ('[pairs."../x"]\nmodel_id = "a/b"\nrevision = "main"\nfolder = "x"\n', "must be a pair"),
        ('[pairs]\nit-en = "Helsinki-NLP/opus-mt-it-en"\n', "must be a table"),
        ('pairs = "it-en"\n', "`pairs` must be tables"),
        (
            '[pairs.it-en]\nmodel_id = "a/b"\nrevision = "main"\nfolder = "opus"\n'
            '[pairs.it-fr]\nmodel_id = "a/c"\nrevision = "main"\nfolder = "OPUS"\n',
            "[pairs.it-en] and [pairs.it-fr] share the folder 'OPUS'",
        ),
    ],
)
def test_registry_entries_of_the_wrong_shape_name_the_file_and_field(tmp_path, table, named):
    """A `folder = "../x"` made `models fetch` write outside the models folder; a table that
    was a string, or `pairs` a string, were AttributeError tracebacks."""
    from pipeline.errors import ConfigError

    registry = tmp_path / "models.toml"
    registry.write_text(table, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(named)) as info:
        load_registry(registry)
    assert str(registry) in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize("pair", ["it-../x", "../x-en", "it-en/x", "it-x y", "it-en\n", "it-"])
def test_a_pair_that_could_be_a_path_is_a_usage_error(pair):
    from pipeline.errors import UsageError
    from pipeline.models.registry import split_pair

    with pytest.raises(UsageError, match="must look like SRC-TGT"):
        split_pair(pair)


def _fake_hub(monkeypatch, model: Path, sha: str, fail: BaseException | None = None):
    """huggingface_hub answering with ``model``'s files at ``sha``; ``fail`` raised after
    half the files are written (a lost connection, a full disk)."""
    import huggingface_hub

    def fake_info(self, repo_id, revision=None, **kwargs):
        names = [p.name for p in model.iterdir()]
        return SimpleNamespace(sha=sha, siblings=[SimpleNamespace(rfilename=f) for f in names])

    def fake_download(repo_id, revision, local_dir, allow_patterns):
        files = sorted(p for p in model.iterdir() if p.is_file() and p.name != MARKER)
        for n, f in enumerate(files):
            if fail is not None and n == len(files) // 2:
                raise fail
            shutil.copy(f, Path(local_dir) / f.name)
        return str(local_dir)

    monkeypatch.setattr(huggingface_hub.HfApi, "model_info", fake_info)
    monkeypatch.setattr(huggingface_hub, "snapshot_download", fake_download)


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): _digest(p) for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("fail", "code"),
    [
        (OSError(28, "No space left on device"), OutputError.exit_code),  # writing: exit 1
        (ConnectionError("connection reset by peer"), ModelError.exit_code),
    ],
)
def test_a_fetch_that_fails_half_way_leaves_the_earlier_model_as_it_was(
    monkeypatch, tiny_models, tmp_path, capsys, fail, code
):
    """The files went straight into models/opus-mt-it-en: a re-fetch of a new revision that
    failed half way left some new files beside old ones, and the old marker naming them."""
    old_sha, new_sha = "a" * 40, "b" * 40
    _fake_hub(monkeypatch, tiny_models["it-en"], old_sha)
    folder = fetch("it-en", tmp_path)
    before = _snapshot(folder)
    _fake_hub(monkeypatch, tiny_models["it-fr"], new_sha, fail=fail)
    assert main(["models", "fetch", "it-en", "--models-dir", str(tmp_path)]) == code
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and "Helsinki-NLP/opus-mt-it-en" in err
    assert _snapshot(folder) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["opus-mt-it-en"]  # no temp left


def test_a_fetch_keeps_the_conversion_of_the_same_revision_only(monkeypatch, tiny_models, tmp_path):
    """A re-fetch of new weights left ctranslate2/ of the old ones, which the fast backend
    then used under the new revision's name."""
    pytest.importorskip("ctranslate2")
    from pipeline.models import convert_ct2, ct2_model_dir

    _fake_hub(monkeypatch, tiny_models["it-en"], "a" * 40)
    folder = fetch("it-en", tmp_path)
    convert_ct2(folder)
    fetch("it-en", tmp_path)  # the same revision again
    assert (ct2_model_dir(folder) / "model.bin").is_file()
    _fake_hub(monkeypatch, tiny_models["it-fr"], "b" * 40)
    fetch("it-en", tmp_path)
    assert not ct2_model_dir(folder).exists()


def test_a_stale_or_partial_conversion_is_named(tiny_models, tmp_path, capsys):
    """A conversion older than the weights (weights copied over, rebuilt), or one cut
    short, was listed as "ctranslate2" (and used by the fast backend)."""
    pytest.importorskip("ctranslate2")
    from pipeline.models import convert_ct2, ct2_model_dir
    from pipeline.models.convert import ct2_problem

    models = tmp_path / "models"
    folder = shutil.copytree(tiny_models["it-en"], models / "tiny-it-en")
    convert_ct2(folder)
    assert ct2_problem(folder) is None
    shutil.copy(tiny_models["it-fr"] / "model.safetensors", folder / "model.safetensors")
    _forget_marker_weights(folder)  # a marker of before the weights check, or none
    assert "is stale" in ct2_problem(folder)
    assert main(["models", "list", "--models-dir", str(models)]) == 0
    assert "ctranslate2 NOT USABLE" in capsys.readouterr().out
    # the weights it was converted from again, as a copy (new mtimes): not stale
    shutil.copy(tiny_models["it-en"] / "model.safetensors", folder / "model.safetensors")
    assert ct2_problem(folder) is None
    (ct2_model_dir(folder) / "config.json").unlink()  # cut short
    assert "partial conversion (no config.json)" in ct2_problem(folder)
    (ct2_model_dir(folder) / "mtpipe-ct2.json").write_text("{", encoding="utf-8")
    assert ct2_problem(folder) is not None


def test_a_hub_folder_of_another_pair_is_refused_by_its_tokenizer_languages(tiny_models, tmp_path):
    """Without mtpipe-model.json (copied from the hub by hand) an opus-mt-it-fr folder given
    as the it-en model was taken for it, and named Helsinki-NLP/opus-mt-it-en."""
    folder = shutil.copytree(tiny_models["it-fr"], tmp_path / "opus-mt-it-fr")
    (folder / MARKER).unlink()
    with pytest.raises(ModelError, match=r"holds an it-fr model \(its tokenizer_config.json"):
        model_info(folder, "it-en")
    assert model_info(folder, "it-fr").model_id == "local:opus-mt-it-fr"
    # the it-fr files copied over an it-en model: its marker still says it-en
    it_en = shutil.copytree(tiny_models["it-en"], tmp_path / "opus-mt-it-en")
    for name in ("tokenizer_config.json", "model.safetensors", "vocab.json"):
        shutil.copy(folder / name, it_en / name)
    with pytest.raises(ModelError, match=r"tokenizer_config.json says it-fr but its mtpipe-model"):
        model_info(it_en, "it-en")


def test_a_conversion_folder_given_as_the_model_says_which_folder_to_give(
    tiny_models, tmp_path, capsys
):
    pytest.importorskip("ctranslate2")
    from pipeline.models import convert_ct2

    folder = shutil.copytree(tiny_models["it-en"], tmp_path / "tiny-it-en")
    ct2 = convert_ct2(folder)
    with pytest.raises(ModelNotFoundError, match=f"is a CTranslate2 conversion.*{folder}"):
        resolve_model_dir("it-en", tmp_path, ct2)
    assert main(["models", "convert", str(ct2)]) == 4
    assert "is a CTranslate2 model already" in capsys.readouterr().err
    for missing in (tmp_path / "nope", "./nope", "~/nope-model"):
        assert main(["models", "convert", str(missing)]) == 4
        err = capsys.readouterr().err
        assert "does not exist" in err and "SRC-TGT" not in err


def test_a_conversion_that_fails_half_way_leaves_the_earlier_one(
    tiny_models, tmp_path, monkeypatch
):
    """A full disk during `models convert` of an already converted model: the earlier
    conversion stays whole and no temp folder is left in the model folder."""
    ct2 = pytest.importorskip("ctranslate2")
    from pipeline.models import convert_ct2, ct2_model_dir

    folder = shutil.copytree(tiny_models["it-en"], tmp_path / "tiny-it-en")
    convert_ct2(folder)
    before = _snapshot(ct2_model_dir(folder))

    def disk_full(self, output_dir, **kwargs):
        (Path(output_dir) / "model.bin").write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ct2.converters.TransformersConverter, "convert", disk_full)
    with pytest.raises(OutputError, match="conversion .*No space left on device.*free space"):
        convert_ct2(folder)
    assert _snapshot(ct2_model_dir(folder)) == before
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]


def test_models_list_names_the_temp_folders_a_killed_fetch_or_conversion_left(
    tiny_models, tmp_path, capsys
):
    """A fetch killed after its files were complete left `.opus-mt-it-en.fetch.*`, which
    `models list` offered as a model to use with --model-dir; a killed conversion left
    `.ctranslate2.*` in the model folder, unnamed, as large as the model."""
    models = tmp_path / "models"
    shutil.copytree(tiny_models["it-en"], models / ".opus-mt-it-en.fetch.k1x_9abc")
    shutil.copytree(tiny_models["it-en"], models / "tiny-it-en")
    (models / "tiny-it-en" / ".ctranslate2.a8b0q2zz").mkdir()
    (models / ".cache").mkdir()  # another tool's: not named
    assert main(["models", "list", "--models-dir", str(models)]) == 0
    out = capsys.readouterr().out
    assert "--model-dir it-en=" + str(models / ".opus") not in out
    left = [line for line in out.splitlines() if "did not finish" in line]
    assert (
        len(left) == 2
        and ".opus-mt-it-en.fetch.k1x_9abc" in left[0]
        and ".ctranslate2.a8b0q2zz" in left[1]
    )


def test_a_models_dir_that_is_a_file_is_one_line(tmp_path, capsys):
    path = tmp_path / "models"
    path.write_text("x", encoding="utf-8")
    # an output folder that cannot be made: exit 1, as for translate --out (README)
    assert main(["models", "fetch", "it-en", "--models-dir", str(path)]) == OutputError.exit_code
    err = capsys.readouterr().err
    assert "it is a file" in err and err.count("\n") == 1 and path.read_text() == "x"


def test_a_model_folder_that_cannot_be_created_is_one_line(tmp_path, tiny_models, capsys):
    """`build-tiny FILE/x` and a folder under /proc were FileExistsError and
    FileNotFoundError tracebacks; `convert` had the same code."""
    from pipeline.models.local import temp_folder_beside

    afile = tmp_path / "afile"
    afile.write_text("x", encoding="utf-8")
    for target in (afile / "tiny", afile / "a" / "b"):
        assert main(["models", "build-tiny", str(target), "--pair", "it-en"]) == 1
        err = capsys.readouterr().err
        assert f"{afile} is a file" in err and err.count("\n") == 1, err
    with pytest.raises(ModelError, match="cannot create a folder in /proc"):
        temp_folder_beside(Path("/proc/mtpipe-model"), ModelError, "fix")
    assert afile.read_text() == "x"


def test_models_list_names_a_broken_registry_folder_and_goes_on(tiny_models, tmp_path, capsys):
    """An invalid marker in models/opus-mt-it-en made `models list` exit 4 on it, and
    the state of the other models was never shown."""
    models = tmp_path / "models"
    broken = shutil.copytree(tiny_models["it-en"], models / "opus-mt-it-en")
    (broken / MARKER).write_text("{", encoding="utf-8")
    shutil.copytree(tiny_models["it-fr"], models / "opus-mt-it-fr")
    assert main(["models", "list", "--models-dir", str(models)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "present but unusable: the model marker" in lines[0] and lines[0].startswith("it-en ")
    assert lines[1].startswith("it-fr ") and ": present, revision seed0-" in lines[1]


def _forget_marker_weights(folder):
    """The marker as written before it recorded its weights (the check is then skipped)."""
    import json

    marker = folder / "mtpipe-model.json"
    data = json.loads(marker.read_text(encoding="utf-8"))
    data.pop("weights", None)
    marker.write_text(json.dumps(data), encoding="utf-8")


def test_weights_copied_over_a_model_are_refused_by_its_marker(tiny_models, tmp_path):
    """The marker named its revision in every signature whatever weights were copied in
    beside it (another revision downloaded by hand, a rebuilt model): same pair, same
    tokenizer, other weights."""
    folder = shutil.copytree(tiny_models["it-en"], tmp_path / "model")
    copy = shutil.copytree(folder, tmp_path / "copy")  # new mtimes, same weights: fine
    assert model_info(copy, "it-en").revision == model_info(folder, "it-en").revision
    other = build_tiny(tmp_path / "seed1", pair="it-en", seed=1)
    shutil.copy(other / "model.safetensors", folder / "model.safetensors")
    with pytest.raises(ModelError, match=r"its weights are not the ones its mtpipe-model.json"):
        model_info(folder, "it-en")
    _forget_marker_weights(folder)  # markers written before they recorded weights: as before
    assert model_info(folder, "it-en").revision.startswith("seed0-")


def test_a_model_folder_linked_from_another_disk_is_replaced_where_it_is(
    monkeypatch, tiny_models, tmp_path
):
    """A fetch into models/opus-mt-it-en, a link to the big disk, replaced the link with
    a folder on the models disk: the layout broken, the model on the disk meant to be
    spared."""
    big = tmp_path / "bigdisk" / "opus-mt-it-en"
    big.mkdir(parents=True)
    models = tmp_path / "models"
    models.mkdir()
    (models / "opus-mt-it-en").symlink_to(big)
    _fake_hub(monkeypatch, tiny_models["it-en"], "a" * 40)
    fetch("it-en", models)
    assert (models / "opus-mt-it-en").is_symlink() and (big / "model.safetensors").is_file()
    assert [p.name for p in models.iterdir()] == ["opus-mt-it-en"]
    (tmp_path / "bigdisk" / "t").mkdir()
    (models / "t").symlink_to(tmp_path / "bigdisk" / "t")
    build_tiny(models / "t", pair="it-en")
    assert (models / "t").is_symlink() and (tmp_path / "bigdisk" / "t" / MARKER).is_file()
    (models / "gone").symlink_to(tmp_path / "unmounted" / "disk" / "gone")
    with pytest.raises(OutputError, match="which does not exist"):
        build_tiny(models / "gone", pair="it-en")
    assert not (tmp_path / "unmounted").exists()


def _stamped_model(tmp_path: Path, size: int, weights: str | None = None) -> Path:
    """A model folder whose marker and CTranslate2 conversion name its weights (by
    ``weights``, else by the current stamp): large enough that a middle exists past the
    first and last MiB."""
    from pipeline.models.local import weights_stamp

    folder = tmp_path / "m"
    (folder / "ctranslate2").mkdir(parents=True)
    (folder / "model.safetensors").write_bytes(bytes(range(256)) * (size // 256))
    stamp = weights_stamp(folder) if weights is None else weights
    marker = {"model_id": "x/opus-mt-it-en", "revision": "a" * 40, "pair": "it-en"}
    (folder / "mtpipe-model.json").write_text(json.dumps({**marker, "weights": stamp}))
    for name in ("model.bin", "config.json"):
        (folder / "ctranslate2" / name).write_bytes(b"{}")
    ct2 = {"quantization": "int8", "weights": stamp}
    (folder / "ctranslate2" / "mtpipe-ct2.json").write_text(json.dumps(ct2))
    return folder


def _rewrite_byte(path: Path, at: int) -> None:
    """Change one byte at ``at``, same size, and give the file back its times."""
    import os

    st = path.stat()
    data = bytearray(path.read_bytes())
    data[at] ^= 0xFF
    path.write_bytes(bytes(data))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


@pytest.mark.parametrize(
    ("size", "at"),
    [(3 << 20, (3 << 19) + 7), ((5 << 19) + 256, (1 << 20) + 1)],  # mid; just past 1st MiB
)
def test_same_size_weights_changed_in_the_middle_are_other_weights(tmp_path, size, at):
    """The weights stamp hashed the first and last MiB: a fine-tune of the same size that
    differed only between them kept a stale conversion "fresh" and passed the marker
    check at load (every signature named the old revision)."""
    from pipeline.models.convert import ct2_problem

    folder = _stamped_model(tmp_path, size)
    assert ct2_problem(folder) is None
    assert model_info(folder, "it-en").revision == "a" * 40
    _rewrite_byte(folder / "model.safetensors", at)
    assert "is stale" in ct2_problem(folder)
    with pytest.raises(ModelError, match="its weights are not the ones"):
        model_info(folder, "it-en")


def test_untouched_weights_are_not_hashed_again(tmp_path, monkeypatch):
    """Each load checks the weights stamp: a stat when nothing moved, the file read once
    (shared with the build key's stamps), and again when it was rewritten (same size and
    times: its change time moved)."""
    import pipeline.cache as cache
    from pipeline.models.local import weights_stamp
    from pipeline.runners.key import model_fingerprints

    monkeypatch.setenv("MTPIPE_CACHE_DIR", str(tmp_path / "cache"))
    folder = _stamped_model(tmp_path, 3 << 20)  # hashed once here
    hashed: list[str] = []
    real = cache.content_stamp
    monkeypatch.setattr(cache, "content_stamp", lambda f: hashed.append(f.name) or real(f))
    first = weights_stamp(folder)
    assert weights_stamp(folder) == first and hashed == []
    model_fingerprints({"it-en": folder})  # the build key: the weights' stamp is cached
    assert "model.safetensors" not in hashed
    hashed.clear()
    _rewrite_byte(folder / "model.safetensors", 5)
    assert weights_stamp(folder) != first and hashed == ["model.safetensors"]
    assert weights_stamp(folder) and hashed == ["model.safetensors"]


def _old_stamp(path: Path) -> str:
    """The stamp markers held before this round: sha256 of the first and last MiB."""
    data = path.read_bytes()
    digest = hashlib.sha256(data[: 1 << 20] + data[max(0, len(data) - (1 << 20)) :])
    return f"model.safetensors:{len(data)}:{digest.hexdigest()[:16]}"


def test_an_old_form_weights_stamp_is_checked_the_old_way(tmp_path, capsys):
    """Markers and conversions written before the stamp covered every byte hold
    ``NAME:SIZE:DIGEST``: compared with the new form they made every conversion "stale"
    (auto fell back to transformers at every run) and every fetched model refused. They
    are checked by the old algorithm: usable while the ends match, stale when not."""
    from pipeline.models.convert import ct2_problem

    weights = tmp_path / "w.safetensors"
    weights.write_bytes(bytes(range(256)) * ((3 << 20) // 256))
    folder = _stamped_model(tmp_path, 3 << 20, weights=_old_stamp(weights))
    assert ct2_problem(folder) is None and model_info(folder, "it-en").model_id
    assert main(["models", "list", "--models-dir", str(tmp_path)]) == 0
    # listed as lacking its tokenizer files (no Marian folder), never for its weights
    assert "NOT USABLE" not in (out := capsys.readouterr().out) and "its weights" not in out
    for at in (3, (3 << 20) - 3):  # the first MiB; the last
        _rewrite_byte(folder / "model.safetensors", at)
        assert "is stale" in ct2_problem(folder)
        with pytest.raises(ModelError, match="its weights are not the ones"):
            model_info(folder, "it-en")
        _rewrite_byte(folder / "model.safetensors", at)  # back
        assert ct2_problem(folder) is None


@pytest.mark.parametrize(
    ("pair", "lost"),
    [("it-en", ["source.spm"]), ("it-fr", ["vocab.json", "tokenizer_config.json"])],
)
def test_models_list_names_an_unregistered_model_that_lost_a_tokenizer_file(
    tmp_path, tiny_models, capsys, pair, lost
):
    """review37 P6: a model folder with its weights and marker that lost a tokenizer file
    got no line at all; it is listed as translate would judge it, with the cause."""
    models = tmp_path / "models"
    folder = shutil.copytree(tiny_models[pair], models / "notok")
    for name in lost:
        (folder / name).unlink()
    (models / "emptydir").mkdir()  # no model: still not listed
    (models / "afile").write_text("x", encoding="utf-8")
    assert main(["models", "list", "--models-dir", str(models)]) == 0
    lines = [x for x in capsys.readouterr().out.splitlines() if str(models) in x]
    mine = [x for x in lines if f"{folder}:" in x]
    assert len(mine) == 1 and mine[0].startswith(f"{pair}  ")
    assert f"present but unusable: lacks {lost[0]}; not in the registry" in mine[0]
    assert not [x for x in lines if "emptydir" in x or "afile" in x]


def test_models_list_tells_a_damaged_registry_folder_or_a_file_from_a_missing_one(
    tmp_path, tiny_models, capsys
):
    """review37 P6: a registry folder that lost source.spm, and a file where its folder
    goes, were "missing (mtpipe models fetch …)", as if nothing were there."""
    models = tmp_path / "models"
    damaged = shutil.copytree(tiny_models["it-en"], models / "opus-mt-it-en")
    (damaged / "source.spm").unlink()
    (models / "opus-mt-it-fr").write_text("x", encoding="utf-8")
    assert main(["models", "list", "--models-dir", str(models)]) == 0
    en, fr = capsys.readouterr().out.splitlines()[:2]
    assert "present but unusable: incomplete (lacks source.spm): mtpipe models fetch it-en" in en
    assert "present but unusable: not a folder: remove it, then mtpipe models fetch it-fr" in fr
    assert "missing" not in en + fr
