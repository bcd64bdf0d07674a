"""``mtpipe models list|fetch|convert|build-tiny``: manage translation models."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.cli.common import config_from_args, named_arg, standard_pair
from pipeline.errors import OutputError, one_line

if TYPE_CHECKING:
    from pipeline.models.local import ModelInfo


def register(sub: argparse._SubParsersAction) -> None:
    """``models`` and its actions: list, fetch, convert, build-tiny."""
    p = sub.add_parser("models", help="list, fetch, convert or build translation models")
    msub = p.add_subparsers(dest="models_command", metavar="ACTION", required=True)

    ls = msub.add_parser("list", help="registered models and whether they are present")
    ls.add_argument("--models-dir", help="folder to list (default: [translate] models_dir)")
    ls.set_defaults(func=run_list)

    fetch = msub.add_parser(
        "fetch",
        help="download registry models (at their registry revisions) from the Hugging Face hub",
    )
    fetch.add_argument("pairs", nargs="*", metavar="PAIR", help="e.g. it-en (default: all)")
    fetch.add_argument(
        "--models-dir", type=named_arg, help="download folder (default: [translate] models_dir)"
    )
    fetch.set_defaults(func=run_fetch)

    conv = msub.add_parser("convert", help="convert a model to CTranslate2 (the fast backend)")
    conv.add_argument(
        "targets",
        nargs="*",
        metavar="PAIR|DIR",
        help="pairs or model folders (default: every registry pair)",
    )
    conv.add_argument(
        "--quantization",
        default="int8",
        help="stored weight type (default int8, which CUDA runs as int8_float16; float16 for "
        "GPU-only use)",
    )
    conv.add_argument(
        "--models-dir", type=named_arg, help="folder of registry models (default from config)"
    )
    conv.set_defaults(func=run_convert)
    _register_build_tiny(msub)


def _register_build_tiny(msub: argparse._SubParsersAction) -> None:
    """``models build-tiny``: a random model for offline tests and benchmarks."""
    tiny = msub.add_parser(
        "build-tiny",
        help="write a tiny random Marian model for offline tests (its output is noise)",
        description=(
            "Write a random-weight Marian model (sentencepiece source.spm/target.spm, vocab.json, "
            "config, safetensors weights) that loads exactly like a downloaded opus-mt folder. "
            "Its translations are NOISE: use it for tests and offline smoke runs only. "
            "--shape opus gives the exact opus-mt-it-en architecture, for speed benchmarks."
        ),
    )
    tiny.add_argument("out_dir", type=named_arg, metavar="DIR", help="folder to create")
    tiny.add_argument("--pair", default="it-en", help="language pair (default it-en)")
    tiny.add_argument(
        "--shape",
        default="tiny",
        choices=("tiny", "opus"),
        help="tiny (default): small and fast; opus: the opus-mt-it-en architecture",
    )
    tiny.add_argument("--seed", type=int, default=0, help="seed of the random weights (default 0)")
    tiny.set_defaults(func=run_build_tiny)


def _models_dir(args: argparse.Namespace) -> Path:
    if getattr(args, "models_dir", None):
        return Path(args.models_dir)
    return Path(config_from_args(args).translate.models_dir)


def run_list(args: argparse.Namespace) -> int:
    from pipeline.models import load_registry
    from pipeline.models.local import leftover_temp_folders

    models_dir = _models_dir(args)
    present = False
    for pair, spec in load_registry().items():
        folder = models_dir / spec.folder
        state = _registry_state(folder, pair)  # one broken folder must not hide the others
        present = present or state.startswith("present,")
        pin = "" if spec.pinned else "  [registry revision not pinned]"
        print(one_line(f"{pair}  {spec.model_id}@{spec.revision}  {folder}: {state}{pin}"))
    registered = {models_dir / spec.folder for spec in load_registry().values()}
    others = _other_models(models_dir, registered)
    for line in others:
        print(one_line(line))
    if not present and not others:
        print(one_line(_no_model_hint(models_dir)))
    for folder in leftover_temp_folders(models_dir):
        print(
            one_line(
                f"?  {folder}: left by a fetch, conversion or build that did not finish (or "
                "one running now); no command uses it: remove it when none is running"
            )
        )
    return 0


def _no_model_hint(models_dir: Path) -> str:
    """What to do when no model is here (a fresh checkout): the list named the registry's
    folders "missing" and never said that tiny offline models can be built."""
    return (
        f"no model in {models_dir}: fetch the registry's with `make models` (needs "
        "huggingface.co); offline, `make tiny-models` builds tiny random test models (their "
        f"output is noise), or `mtpipe models build-tiny {models_dir / 'tiny-it-en'} "
        "--pair it-en`"
    )


def _registry_state(folder: Path, pair: str) -> str:
    """A registry folder's state, judged as translate judges it (``folder_problem``):
    "missing" only when nothing is there; a damaged folder, or a file in its place, is
    present but unusable, with the fix (was: "missing (fetch)", and fetch would have to
    replace a user's file)."""
    from pipeline.models import model_info
    from pipeline.models.local import folder_problem

    fetch = f"mtpipe models fetch {pair}"
    problem = folder_problem(folder, pair)
    if problem is None:
        info = model_info(folder, pair)
        return f"present, revision {info.revision}{_conversion_state(folder)}"
    if problem == "does not exist":
        return f"missing ({fetch})"
    if problem == "not a folder":
        return f"present but unusable: not a folder: remove it, then {fetch}"
    if problem.startswith("lacks "):
        return f"present but unusable: incomplete ({problem}): {fetch}"
    return f"present but unusable: {problem}"


def _other_models(models_dir: Path, registered: set[Path]) -> list[str]:
    """One line per model folder in ``models_dir`` that the registry does not name.

    ``make demo`` translates with ``models/tiny-it-en`` and ``tiny-it-fr``; the list named
    only the registry's opus-mt folders, "missing", as if no model were there.
    """
    from pipeline.models import MARKER
    from pipeline.models.local import unregistered_models

    lines = []
    for folder, info in unregistered_models(models_dir, registered):
        if info is None:
            lines.append(f"?  {folder}: its {MARKER} is not valid (rebuild or fetch it again)")
            continue
        pair = info.pair or "PAIR"
        problem = _refusal(folder, info)
        if problem is not None:  # what translate --model-dir would say: never recommend it
            lines.append(
                f"{pair}  {info.model_id}@{info.revision}  {folder}: present but unusable: "
                f"{problem}; not in the registry"
            )
            continue
        state = "present" + _conversion_state(folder)
        noise = ", a tiny random model: its output is noise" if info.tiny else ""
        lines.append(
            f"{pair}  {info.model_id}@{info.revision}  {folder}: {state}{noise}; not in the "
            f"registry: use it with --model-dir {pair}={folder}"
        )
    return lines


def _refusal(folder: Path, info: ModelInfo) -> str | None:
    """Why ``translate --model-dir PAIR=folder`` would refuse ``folder``, else None.

    The same check translate makes (``model_info``: marker, tokenizer and weights agree);
    the list read the marker alone and recommended a folder whose weights were copied
    over, which translate then refused (exit 4).
    """
    from pipeline.models.local import folder_problem, tokenizer_pair

    return folder_problem(folder, info.pair or tokenizer_pair(folder) or "")


def _conversion_state(folder: Path) -> str:
    """``", ctranslate2"``, a warning for a partial or stale conversion (the fast backend
    must not use it), or nothing."""
    from pipeline.models import ct2_model_dir
    from pipeline.models.convert import ct2_problem

    problem = ct2_problem(folder)
    if problem is not None:
        return f", ctranslate2 NOT USABLE ({problem}: mtpipe models convert {folder})"
    return ", ctranslate2" if (ct2_model_dir(folder) / "model.bin").is_file() else ""


def run_fetch(args: argparse.Namespace) -> int:
    from pipeline.models import fetch, load_registry, model_info

    models_dir = _models_dir(args)
    for pair in [standard_pair(p) for p in args.pairs] or list(load_registry()):
        folder = fetch(pair, models_dir)
        print(one_line(f"{pair}: {model_info(folder, pair).model_id} -> {folder}"))
    return 0


def run_convert(args: argparse.Namespace) -> int:
    from pipeline.errors import ModelNotFoundError
    from pipeline.models import convert_ct2, load_registry, missing_files, resolve_model_dir

    models_dir = _models_dir(args)
    for target in args.targets or list(load_registry()):
        folder = Path(target)
        if not folder.is_dir() and _looks_like_path(target):
            what = "is a file, not a model folder" if folder.exists() else "does not exist"
            raise ModelNotFoundError(
                f"{folder} {what}; give a Marian model folder or a registered pair (it-en)"
            )
        if not folder.is_dir():
            folder = resolve_model_dir(standard_pair(target), models_dir)
        elif missing := missing_files(folder):
            if (folder / "model.bin").is_file():
                raise ModelNotFoundError(
                    f"{folder} is a CTranslate2 model already; convert the Marian folder it "
                    f"was made from (such as {folder.parent})"
                )
            raise ModelNotFoundError(
                f"{folder} is not a complete Marian model (lacks {', '.join(missing)})"
            )
        out = convert_ct2(folder, quantization=args.quantization)
        print(one_line(f"{folder} -> {out} ({args.quantization})"))
    return 0


def _looks_like_path(target: str) -> bool:
    """A ``models convert`` target that names a folder, not a pair (``/x``, ``./m``, ``~/m``):
    a missing one was "language pair '/tmp/m' must look like SRC-TGT"."""
    return any(c in target for c in "/\\.~") or Path(target).exists()


def _check_tiny_target(out: Path, pair: str) -> None:
    """Refuse a ``DIR`` that is a file, a downloaded model or a tiny model of another pair.

    build-tiny replaces the whole folder: ``build-tiny models/opus-mt-it-en`` replaced a
    downloaded model (its ``mtpipe-model.json`` passed for "an mtpipe-generated model")
    with random weights, ``--pair it-fr`` over ``models/tiny-it-en`` silently made it an
    it-fr model, and a file was a NotADirectoryError traceback. Rebuilding a tiny model
    of the same pair (what ``make`` does) is allowed. Raises :class:`OutputError` (exit 1,
    as for a folder of other files, which :func:`pipeline.models.build_tiny` refuses).
    """
    import json

    from pipeline.models import MARKER

    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} is a file; build-tiny writes a model folder: give a new folder")
    try:
        info = json.loads((out / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return  # no model here: build_tiny refuses a folder of other files itself
    if not isinstance(info, dict) or info.get("tiny") is not True:
        model = info.get("model_id") if isinstance(info, dict) else None
        raise OutputError(
            f"{out} holds the downloaded model {model!r}, not a tiny one; build-tiny would "
            "replace it with random weights: choose an empty or new folder"
        )
    if info.get("pair") != pair:
        raise OutputError(
            f"{out} holds the tiny {info.get('pair')} model; build-tiny --pair {pair} would "
            f"replace it: choose an empty or new folder (such as models/tiny-{pair})"
        )


def run_build_tiny(args: argparse.Namespace) -> int:
    from pipeline.models import build_tiny

    pair = standard_pair(args.pair)
    _check_tiny_target(Path(args.out_dir), pair)
    out = build_tiny(Path(args.out_dir), pair=pair, seed=args.seed, shape=args.shape)
    print(
        one_line(f"{out}: random {args.shape}-shaped Marian model for {pair}; its output is noise")
    )
    return 0
