"""Local model folders: completeness checks, resolution, and the identity marker.

A usable folder holds what a downloaded Helsinki-NLP opus-mt repository holds
(config, weights, source/target sentencepiece models, the joint vocabulary).
``mtpipe-model.json`` (written by ``fetch`` and ``build_tiny``) records which
model and revision the folder holds, so every output signature can name them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import msgspec

from pipeline.atomic import atomic_write_text, write_error_fix
from pipeline.errors import ModelError, ModelNotFoundError, OutputError
from pipeline.models.registry import ModelSpec, load_registry, split_pair
from pipeline.paths import resolved

MARKER = "mtpipe-model.json"
REQUIRED = ("config.json", "source.spm", "target.spm", "vocab.json")
WEIGHTS = ("model.safetensors", "pytorch_model.bin")
TINY_MODEL_PREFIX = "mtpipe/random-marian-"  # model ids of build_tiny models (pipeline.models.tiny)
TINY_NOTE = "tiny random model: its output is noise (for tests and offline smoke tests only)"


@dataclass(frozen=True)
class ModelInfo:
    """Who a model folder is: id, revision (commit sha when known) and whether it is tiny."""

    model_id: str
    revision: str
    tiny: bool = False
    note: str = ""
    pair: str = ""  # the language pair the marker records ("" when unknown)


def missing_files(folder: Path) -> list[str]:
    """Names of the files a Marian folder lacks (empty when complete)."""
    missing = [name for name in REQUIRED if not (folder / name).is_file()]
    if not any((folder / name).is_file() for name in WEIGHTS):
        missing.append(" or ".join(WEIGHTS))
    return missing


def folder_problem(folder: Path, pair: str) -> str | None:
    """Why translate would refuse ``folder`` as ``pair``'s model, else None: its checks in
    its order (:func:`resolve_model_dir`'s files, then :func:`model_info`'s marker,
    tokenizer and weights), so `models list` says what translate would (review37 P6: a
    damaged folder was "missing (fetch)", or not listed at all)."""
    if not folder.exists():
        return "does not exist"
    if not folder.is_dir():
        return "not a folder"
    if missing := missing_files(folder):
        return f"lacks {', '.join(missing)}"
    try:
        model_info(folder, pair)
    except ModelError as exc:
        return str(exc)
    return None


def resolve_model_dir(pair: str, models_dir: Path, override: Path | None = None) -> Path:
    """The complete model folder for ``pair``, or a one-sentence ModelNotFoundError.

    ``override`` (``--model-dir it-en=PATH``) replaces the registry folder under
    ``models_dir``. There is never a fall-back to another model.
    """
    split_pair(pair)
    spec = None
    folder = Path(override) if override is not None else None
    if folder is None:  # the registry is consulted only when no folder is given
        spec = load_registry().get(pair)
        if spec is None:
            raise ModelNotFoundError(
                f"no model is registered for {pair} (pipeline/defaults/models.toml) and no model "
                f"folder was given; pass --model-dir {pair}=PATH"
            )
        folder = Path(models_dir) / spec.folder
    missing = missing_files(folder)
    if not missing:
        return folder
    raise ModelNotFoundError(_missing_message(pair, spec, folder, missing))


def _tiny_hint(folder: Path, pair: str) -> str:
    """How to build the offline tiny model a folder named ``tiny…`` was meant to hold:
    ``--model-dir it-en=models/tiny-xx`` (mistyped, or ``make tiny-models`` not run yet)
    was told only to copy a Marian model in, which no one has for a random test model."""
    if "tiny" not in folder.name.lower():
        return ""
    return (
        f"; or, for a tiny random test model (its output is noise), build it with "
        f"`mtpipe models build-tiny {folder} --pair {pair}` (`make tiny-models` builds "
        "models/tiny-it-en and models/tiny-it-fr; `mtpipe models list` names those present)"
    )


def _missing_message(pair: str, spec: ModelSpec | None, folder: Path, missing: list[str]) -> str:
    where = resolved(folder, ModelNotFoundError)
    if (folder / "model.bin").is_file() and not (folder / "vocab.json").is_file():
        # `--model-dir models/opus-mt-it-en/ctranslate2`: the conversion, not the model
        return (
            f"{where} is a CTranslate2 conversion, not a Marian model folder; give the Marian "
            f"folder it was converted from ({where.parent}): the ctranslate2 backend uses its "
            "ctranslate2/ sub-folder"
        )
    what = "does not exist" if not folder.exists() else f"lacks {', '.join(missing)}"
    if spec is None:
        return (
            f"the model folder {where} for {pair} {what}; copy a complete Marian model "
            f"(config.json, weights, source.spm, target.spm, vocab.json) into it"
            + _tiny_hint(folder, pair)
        )
    return (
        f"model {spec.model_id} for {pair} is not available: {where} {what}; "
        f"fetch it with `make models` or `mtpipe models fetch {pair}`, "
        f"or copy a downloaded {spec.model_id} folder into {where}; "
        "without access to huggingface.co, `mtpipe models list` names the models already "
        "here (`make demo` builds tiny test ones, whose output is noise) and the "
        "--model-dir that uses each"
    )


class _Marker(msgspec.Struct, frozen=True):
    """The fields of ``mtpipe-model.json`` that name a model (others are kept, not read)."""

    model_id: Annotated[str, msgspec.Meta(min_length=1, max_length=500)]
    revision: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    tiny: bool = False
    note: str = ""
    pair: str = ""
    weights: str = ""  # weights_stamp of the weights it names ("" in markers before it)


def unregistered_models(
    models_dir: Path, registered: set[Path]
) -> list[tuple[Path, ModelInfo | None]]:
    """The model folders in ``models_dir`` that are not in ``registered`` (the registry's
    folders): ``make demo``'s ``models/tiny-it-en``, a folder copied in by hand, complete
    or not (one that lost a tokenizer file is a model to repair, not nothing). Each with
    its marker read, or ``None`` when the marker is invalid. Folders without weights or
    marker are no models and are left out; a missing ``models_dir`` has none.
    """
    if not models_dir.is_dir():
        return []
    found: list[tuple[Path, ModelInfo | None]] = []
    for folder in sorted(p for p in models_dir.iterdir() if p.is_dir() and p not in registered):
        if folder.name.startswith("."):  # a fetch's or build's temp folder, not a model
            continue
        has_weights = any((folder / name).is_file() for name in WEIGHTS)
        if not has_weights or not (folder / MARKER).is_file():
            continue
        try:
            found.append((folder, read_marker(folder / MARKER)))
        except ModelError:
            found.append((folder, None))
    return found


def leftover_temp_folders(models_dir: Path) -> list[Path]:
    """Temp folders of a fetch, build or swap that did not finish (killed, power lost):
    ``.NAME.fetch.*``, ``.NAME.*`` (build-tiny), ``.NAME.old.*`` in ``models_dir`` and
    ``.ctranslate2.*`` in its model folders. Each can weigh as much as a model."""
    if not models_dir.is_dir():
        return []
    found = [p for p in models_dir.iterdir() if p.is_dir() and _TEMP.fullmatch(p.name)]
    for folder in models_dir.iterdir():
        if folder.is_dir() and not folder.name.startswith("."):
            found += [p for p in folder.glob(".ctranslate2.*") if _TEMP.fullmatch(p.name)]
    return sorted(found)


# tempfile.mkdtemp's names: the prefix ".NAME." and 8 random characters (a `.cache` is none)
_TEMP = re.compile(r"\..+\.[a-z0-9_]{8}")


def read_marker(marker: Path) -> ModelInfo:
    """``mtpipe-model.json`` as ModelInfo; ModelError (one sentence) when it is not valid."""
    data = _read_marker(marker)
    return ModelInfo(data.model_id, data.revision, data.tiny, data.note, data.pair)


def _read_marker(marker: Path) -> _Marker:
    try:
        data = msgspec.json.decode(marker.read_bytes(), type=_Marker, strict=True)
    except (OSError, msgspec.DecodeError) as exc:  # ValidationError is a DecodeError
        why = getattr(exc, "strerror", None) or str(exc).replace(" - at `$.", " at `")
        raise ModelError(
            f"the model marker {marker} is not valid ({why}); fetch the model again "
            "(`mtpipe models fetch`) or rebuild it (`mtpipe models build-tiny`)"
        ) from None
    return data


def model_info(folder: Path, pair: str) -> ModelInfo:
    """Identity of the model in ``folder``: the marker, else hub metadata, else the registry.

    Raises ModelError when the marker or the tokenizer's languages record another
    language pair than ``pair``, or when the two disagree (files copied over a model).
    """
    marker = folder / MARKER
    found = tokenizer_pair(folder)
    if marker.exists():
        data = _read_marker(marker)
        _check_marker(folder, pair, data, found)
        return ModelInfo(data.model_id, data.revision, data.tiny, data.note, data.pair)
    if found is not None and found.lower() != pair.lower():
        # a folder copied from the hub has no marker; opus-mt's tokenizer_config.json names
        # its languages (an opus-mt-it-fr folder given for it-en was taken as the it-en model)
        raise ModelError(
            f"{folder} holds an {found} model (its tokenizer_config.json says so), not {pair}; "
            f"give the {pair} model's folder (--model-dir {pair}=PATH)"
        )
    commit = _hub_commit(folder)
    spec = load_registry().get(pair)
    if commit and spec:
        return ModelInfo(model_id=spec.model_id, revision=commit)
    # Copied by hand, or of unknown origin: name it by folder and fingerprint its
    # files, so that two different models never share memory entries or a signature.
    return ModelInfo(model_id=f"local:{folder.name}", revision=_fingerprint(folder))


def _check_marker(folder: Path, pair: str, data: _Marker, found: str | None) -> None:
    """ModelError when the marker names another pair than ``pair``, or disagrees with the
    files beside it (``found``: the tokenizer's pair; the weights' stamp)."""
    if data.pair and data.pair != pair:
        raise ModelError(
            f"{folder} holds an {data.pair} model (its {MARKER} says so), not {pair}; "
            f"give the {pair} model's folder (--model-dir {pair}=PATH)"
        )
    if found is not None and found.lower() != (data.pair or pair).lower():
        # an opus-mt-it-fr download copied into models/opus-mt-it-en by hand (what the
        # fetch error suggests) kept the it-en marker: named it-en, translating into French
        raise ModelError(
            f"{folder}: its tokenizer_config.json says {found} but its {MARKER} says "
            f"{data.pair or pair}: another model's files were copied over it; fetch it "
            f"again (mtpipe models fetch {pair}) or remove the {MARKER} of the old one"
        )
    if data.weights and not weights_match(folder, data.weights):
        # weights of another revision copied over a fetched folder: every signature
        # would name the marker's revision for weights the folder does not hold
        raise ModelError(
            f"{folder}: its weights are not the ones its {MARKER} names "
            f"({data.model_id}@{data.revision}): other files were copied over it; fetch it "
            f"again (mtpipe models fetch {pair}) or rebuild it"
        )


def tokenizer_pair(folder: Path) -> str | None:
    """``SRC-TGT`` from a Marian ``tokenizer_config.json`` (``source_lang``/``target_lang``,
    which opus-mt's conversion writes), or None when it does not name two languages."""
    try:
        data = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    src, tgt = data.get("source_lang"), data.get("target_lang")
    langs = [x for x in (src, tgt) if isinstance(x, str) and x.isalpha() and len(x) in (2, 3)]
    return f"{src}-{tgt}" if len(langs) == 2 else None


def real_folder(path: Path) -> Path:
    """``path``, or the folder it links to: a model folder kept on a bigger disk and linked
    into models/ is replaced there, beside its real self (a fetch built the new one beside
    the link, on the small disk, and put a folder in the link's place).

    Raises OutputError for a link to nothing (an unmounted disk): its folders must not
    be made on the disk under the mount point.
    """
    if not path.is_symlink():
        return path
    real = resolved(path, OutputError)
    if not real.exists():
        raise OutputError(
            f"{path} is a link to {real}, which does not exist (an unmounted disk?); "
            "mount it or remove the link"
        )
    return real


def temp_folder_beside(target: Path, error: type[Exception], fix: str) -> Path:
    """A new private temp folder beside ``target`` (its parent created), where a model is
    built before :func:`replace_folder` puts it in place.

    Raises ``error`` (one line naming the folder and ``fix``) when that cannot be done:
    the parent is a file, under ``/proc``, read-only or on a full disk. Was a
    FileExistsError traceback for ``build-tiny FILE/x``.
    """
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))
    except OSError as exc:
        blocker = next((p for p in (parent, *parent.parents) if p.is_file()), None)
        why = f"{blocker} is a file" if blocker is not None else exc.strerror or str(exc)
        # the cause's own fix, for the command's setting (atomic.output_setting), else ``fix``
        by_cause = write_error_fix(exc, parent) if blocker is None else ""
        raise error(f"cannot create a folder in {parent} ({why}){by_cause or '; ' + fix}") from None


def replace_folder(new: Path, target: Path) -> None:
    """Put the finished folder ``new`` in place of ``target`` (a sibling, same file system).

    The old folder is renamed aside first and removed last, so a crash or a full disk
    never leaves a mix of old and new files at ``target``: it holds the old folder or
    the new one (or, killed between the two renames, none: the aside copy is
    ``.NAME.old.*`` beside it).
    """
    aside = None
    if target.exists():
        aside = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
        os.replace(target, aside / target.name)
    try:
        os.replace(new, target)
    except OSError:
        if aside is not None:
            os.replace(aside / target.name, target)
        raise
    finally:
        if aside is not None:
            shutil.rmtree(aside, ignore_errors=True)


def load_error(
    folder: Path,
    exc: BaseException,
    what: str = "the model",
    fix: str = "fetch the model again or rebuild it",
) -> ModelError:
    """One sentence for a model that does not load (transformers and CTranslate2 errors).

    Their messages run over several lines or point at a log report that is not
    shown ("look at the above report!"); the sentence says what is wrong instead.
    """
    text = " ".join(str(exc).split())
    if "mismatched_sizes" in text or "size mismatch" in text:
        why = "its weights do not have the sizes its config.json gives"
    else:
        why = f"{type(exc).__name__}: {text[:200]}"
    return ModelError(f"cannot load {what} in {folder} ({why}); {fix}")


def _fingerprint(folder: Path) -> str:
    """``local-<sha>`` of the folder's config and each file's name, size and mtime."""
    digest = hashlib.sha256()
    for f in sorted(p for p in folder.iterdir() if p.is_file()):
        st = f.stat()
        digest.update(f"{f.name}:{st.st_size}:{st.st_mtime_ns};".encode())
        if f.name == "config.json":
            digest.update(f.read_bytes())
    return "local-" + digest.hexdigest()[:12]


def _hub_commit(folder: Path) -> str | None:
    """Commit sha that ``huggingface_hub`` recorded for a ``local_dir`` download, if any."""
    meta = folder / ".cache" / "huggingface" / "download" / "config.json.metadata"
    if meta.is_file():
        first = meta.read_text(encoding="utf-8").splitlines()[:1]
        return first[0].strip() if first else None
    return None


def weights_stamp(model_dir: Path) -> str:
    """``NAME:SIZE:sha256-full:DIGEST`` of the Marian weights a conversion is made from.

    The digest covers every byte (:func:`pipeline.cache.content_stamp`): it hashed the
    first and last MiB only, and a fine-tune of the same size that differed in the middle
    kept a stale CTranslate2 conversion "fresh". The stamp comes from the cache folder
    while the file's stat holds (shared with the build key), so a load costs a stat;
    other weights (re-fetched, copied over, rebuilt) change it, a plain copy of the
    folder (new times) does not.
    """
    from pipeline.cache import content_stamps

    for name in WEIGHTS:
        path = Path(model_dir) / name
        if path.is_file():
            size, digest = content_stamps(Path(model_dir), {name: path})[name]
            return f"{name}:{size}:{WEIGHTS_ALGORITHM}:{digest}"
    return ""


WEIGHTS_ALGORITHM = "sha256-full"
_LEGACY_STAMP_BYTES = 1 << 20


def weights_match(model_dir: Path, recorded: str) -> bool:
    """Whether ``model_dir`` holds the weights a marker's ``weights`` stamp names.

    A stamp of the old form ``NAME:SIZE:DIGEST`` (markers written before the digest
    covered every byte) is checked by the old algorithm, the first and last MiB: else
    every fetched model and conversion made before the upgrade was "stale" and refused
    until fetched or converted again. Such a marker keeps the old check's blind spot
    (the middle of the file) until the model is fetched or converted again.
    """
    parts = recorded.split(":")
    if len(parts) == 3:
        return recorded == _legacy_weights_stamp(Path(model_dir), parts[0])
    return recorded == weights_stamp(model_dir)


def _legacy_weights_stamp(model_dir: Path, name: str) -> str:
    """The old ``NAME:SIZE:DIGEST`` of ``name`` (sha256 of its first and last MiB)."""
    path = model_dir / name
    if name not in WEIGHTS or not path.is_file():
        return ""
    size = path.stat().st_size
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        digest.update(fh.read(_LEGACY_STAMP_BYTES))
        fh.seek(max(0, size - _LEGACY_STAMP_BYTES))
        digest.update(fh.read(_LEGACY_STAMP_BYTES))
    return f"{name}:{size}:{digest.hexdigest()[:16]}"


def write_marker(folder: Path, info: dict, staged: bool = False) -> None:
    """Write ``mtpipe-model.json`` atomically (temp file + rename).

    ``staged``: ``folder`` is a private temp folder that replaces the model folder whole
    (a fetch), so the file is written in place, synced, and an OSError is raised for the
    caller to name the folder the user knows: atomic_open's OutputError named the temp
    folder (``.opus-mt-it-en.fetch.XXXX/mtpipe-model.json``), removed by then.
    """
    text = json.dumps(info, indent=2, ensure_ascii=False) + "\n"
    if not staged:
        atomic_write_text(folder / MARKER, text)
        return
    with (folder / MARKER).open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
