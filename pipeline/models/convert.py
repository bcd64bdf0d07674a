"""Convert a Marian folder to CTranslate2 (the fast backend) with its TransformersConverter."""

from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path

from pipeline.atomic import OutputSetting, output_setting, publish, write_error_fix, write_failure
from pipeline.errors import ModelError, OutputError
from pipeline.models.hf import quiet_transformers
from pipeline.models.local import (
    real_folder,
    replace_folder,
    temp_folder_beside,
    weights_match,
    weights_stamp,
)

CT2_SUBDIR = "ctranslate2"
CT2_MARKER = "mtpipe-ct2.json"
QUANTIZATIONS = ("int8", "int8_float16", "int8_bfloat16", "float16", "bfloat16", "float32")


def ct2_model_dir(model_dir: Path) -> Path:
    """Where the converted model of ``model_dir`` lives (a sub-folder of it)."""
    return Path(model_dir) / CT2_SUBDIR


def convert_ct2(model_dir: Path, out_dir: Path | None = None, quantization: str = "int8") -> Path:
    """Convert ``model_dir`` to a CTranslate2 model (default ``model_dir/ctranslate2``).

    The weights are stored with ``quantization``; the backend may still compute
    in another type (int8 storage runs as int8 on CPU and int8_float16 on CUDA).
    """
    if quantization not in QUANTIZATIONS:
        raise ModelError(
            f"unknown CTranslate2 quantization {quantization!r}; "
            f"use one of {', '.join(QUANTIZATIONS)}"
        )
    try:
        import ctranslate2.converters  # noqa: F401 (installed? _convert_into uses it)
    except ImportError:
        raise ModelError(
            "CTranslate2 is not installed; install the fast extra with pip install '.[fast]'"
        ) from None
    quiet_transformers()
    out_dir = real_folder(Path(out_dir) if out_dir is not None else ct2_model_dir(model_dir))
    with output_setting(CONVERTED_FOLDER):
        tmp = temp_folder_beside(out_dir, OutputError, "convert a model folder that can be written")
        try:
            _convert_into(tmp, model_dir, quantization)
            publish(tmp)
            replace_folder(tmp, out_dir)
        except OSError as exc:
            raise _convert_error(exc, model_dir, out_dir) from None
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return out_dir


# What chooses where a conversion goes (the model folder it converts), as a write
# error's fix names it: a read-only model folder is converted in a copy elsewhere.
CONVERTED_FOLDER = OutputSetting(
    "DIR",
    "model folder",
    "copy of the model folder",
    "mtpipe models convert $HOME/mtpipe-models/opus-mt-it-en",
)


def _convert_error(exc: OSError, model_dir: Path, out_dir: Path) -> Exception:
    """A write error (full disk, read-only mount: its fix) is an OutputError; any other
    OSError of the converter (a weights file it cannot read) a ModelError."""
    if write_error_fix(exc, out_dir.parent):
        return OutputError(
            write_failure(
                "the conversion", exc, out_dir, "nothing was changed there", out_dir.parent
            )
        )
    return ModelError(f"could not convert {model_dir} to CTranslate2 ({type(exc).__name__}: {exc})")


def _convert_into(tmp: Path, model_dir: Path, quantization: str) -> None:
    """Convert ``model_dir`` into ``tmp``; its marker last (ModelError for a failure that is
    not the file system's)."""
    import ctranslate2.converters

    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*sacremoses.*")
            converter = ctranslate2.converters.TransformersConverter(str(model_dir))
            converter.convert(str(tmp), quantization=quantization, force=True)
        marker = {
            "quantization": quantization,
            "source": str(Path(model_dir).name),
            "weights": weights_stamp(Path(model_dir)),
        }
    except (ModelError, OSError):
        raise
    except Exception as exc:  # the converter raises many types; all mean "not converted"
        raise ModelError(
            f"could not convert {model_dir} to CTranslate2 ({type(exc).__name__}: {exc})"
        ) from None
    # written last: a conversion without its marker was cut short (ct2_problem)
    (tmp / CT2_MARKER).write_text(json.dumps(marker) + "\n", encoding="utf-8")


def ct2_problem(model_dir: Path) -> str | None:
    """Why ``model_dir/ctranslate2`` must not be used, or None (absent, or sound).

    Partial: files there but not ``model.bin`` and ``config.json``, or an
    ``mtpipe-ct2.json`` left out (it is written last). Stale: converted from
    other weights than the folder holds now (re-fetched, copied over, rebuilt).
    A conversion made by hand without mtpipe has no marker and no ``weights``:
    only its files are checked.
    """
    ct2 = ct2_model_dir(model_dir)
    if not ct2.is_dir() or not any(ct2.iterdir()):
        return None
    lacking = [n for n in ("model.bin", "config.json") if not (ct2 / n).is_file()]
    if lacking:
        return f"{ct2} is a partial conversion (no {', '.join(lacking)})"
    try:
        marker = json.loads((ct2 / CT2_MARKER).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None  # converted by hand (ct2-transformers-converter): files complete
    except (OSError, ValueError):
        return f"{ct2} has an unreadable {CT2_MARKER} (an interrupted conversion)"
    recorded = marker.get("weights") if isinstance(marker, dict) else None
    if recorded and not weights_match(model_dir, str(recorded)):
        return f"{ct2} is stale: it was converted from other weights than {model_dir} holds now"
    return None


def ct2_quantization(ct2_dir: Path) -> str:
    """The storage quantization recorded at conversion ("unknown" for foreign folders)."""
    marker = Path(ct2_dir) / CT2_MARKER
    if marker.is_file():
        return str(json.loads(marker.read_text(encoding="utf-8")).get("quantization", "unknown"))
    return "unknown"
