"""Typed, frozen settings per stage, loaded from TOML (``configs/pipeline.toml``).

Each ``[section]`` of the TOML maps to one frozen dataclass below. Unknown
sections or keys and values of the wrong type are rejected with a
:class:`~pipeline.errors.ConfigError` that lists what is valid. CLI flags
override file values through :func:`load_config`'s ``overrides``
(``{"translate.num_beams": 2}``).

Each stage owns its dataclass; add a setting by adding a typed field with a
default here and (optionally) a line in ``configs/pipeline.toml``.
"""

from __future__ import annotations

import dataclasses
import tomllib
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = PROJECT_ROOT / "configs" / "pipeline.toml"


# --- read ------------------------------------------------------------------
@dataclass(frozen=True)
class ReadSettings:
    source_lang: str = "it"
    max_bytes: int = 5_000_000


# --- segment ---------------------------------------------------------------
@dataclass(frozen=True)
class SegmentSettings:
    engine: str = "mtpipe"


# --- translate -------------------------------------------------------------
@dataclass(frozen=True)
class TranslateSettings:
    targets: tuple[str, ...] = ("en", "fr")
    backend: str = "transformers"
    device: str = "auto"
    num_beams: int = 4
    batch_tokens: int = 2048
    max_input_tokens: int = 256
    models_dir: str = "models"
    max_output_ratio: float = 3.0  # runaway guard: at most ratio * source tokens + 10 new tokens
    threads: int = 0  # CPU threads per model (ct2: intra-op per replica); 0 = automatic
    ct2_compute_type: str = "auto"  # auto: int8 on CPU, int8_float16 on CUDA
    ct2_inter_threads: int = 0  # CTranslate2 batches run in parallel; 0 = automatic
    force_length_ratio: float = 0.0  # benchmarks only: force round(ratio * source tokens) outputs
    group_segments: int = 512  # batch: translate and write articles in groups of this size


# --- memory ----------------------------------------------------------------
@dataclass(frozen=True)
class MemorySettings:
    enabled: bool = True
    path: str = "out/memory.sqlite"


# --- localise --------------------------------------------------------------
@dataclass(frozen=True)
class LocaliseSettings:
    locales: tuple[str, ...] = ("it", "en", "fr")
    french_typography: bool = True
    rewrite_numbers: bool = True
    source_chrome: bool = True


# --- qa --------------------------------------------------------------------
@dataclass(frozen=True)
class QASettings:
    enabled: bool = True
    fail_severity: str = "error"
    disabled: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    glossary: str = "configs/glossary.toml"  # do-not-translate terms, term list, exonyms
    report_format: str = "md"  # readable QA report: "md" or "html"


# --- write -----------------------------------------------------------------
@dataclass(frozen=True)
class WriteSettings:
    out_dir: str = "out"
    formats: tuple[str, ...] = ("txt", "md", "jsonl", "json")


# --- bundle ----------------------------------------------------------------
@dataclass(frozen=True)
class BundleSettings:
    out_dir: str = "site"
    base_url: str = "https://example.org"
    default_locale: str = "it"
    qa_policy: str = "notice"
    site_name: str = "mtpipe news"
    comment_action: str = ""


@dataclass(frozen=True)
class Config:
    read: ReadSettings = ReadSettings()
    segment: SegmentSettings = SegmentSettings()
    translate: TranslateSettings = TranslateSettings()
    memory: MemorySettings = MemorySettings()
    localise: LocaliseSettings = LocaliseSettings()
    qa: QASettings = QASettings()
    write: WriteSettings = WriteSettings()
    bundle: BundleSettings = BundleSettings()
    source: str = "(defaults)"


_SECTIONS = {f.name for f in dataclasses.fields(Config) if f.name != "source"}

# Keys whose values come from a fixed set (each item of a list is checked).
CHOICES: dict[str, tuple[str, ...]] = {
    "segment.engine": ("mtpipe", "moses", "pysbd"),
    "translate.backend": ("transformers", "ctranslate2"),
    "translate.device": ("auto", "cpu", "cuda"),
    "qa.fail_severity": ("info", "warning", "error"),
    "qa.report_format": ("md", "html"),
    "write.formats": ("txt", "md", "jsonl", "json"),
    "bundle.qa_policy": ("publish", "notice", "hold"),
}
# Integer keys that must be at least this much.
MINIMUM: dict[str, int] = {
    "read.max_bytes": 1,
    "translate.num_beams": 1,
    "translate.batch_tokens": 1,
    "translate.max_input_tokens": 2,
    "translate.group_segments": 1,
}


def _check_value(where: str, value: Any) -> None:
    allowed = CHOICES.get(where)
    if allowed is not None:
        items = value if isinstance(value, tuple) else (value,)
        for item in items:
            # "cuda:1" selects a card; the rest must match exactly
            if item not in allowed and not (
                where == "translate.device" and item.startswith("cuda:")
            ):
                raise ConfigError(
                    f"config key {where} = {item!r} is not allowed; use one of {', '.join(allowed)}"
                )
    if where in MINIMUM and value < MINIMUM[where]:
        raise ConfigError(f"config key {where} must be at least {MINIMUM[where]}, got {value!r}")


def _coerce(section: str, key: str, value: Any, annotation: Any) -> Any:
    """Check ``value`` against the field's type annotation; return it in the field's type."""
    where = f"{section}.{key}"
    origin = typing.get_origin(annotation)
    if origin is tuple:
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"config key {where} must be a list of strings, got {value!r}")
        return tuple(value)
    if origin is dict:
        if not isinstance(value, dict):
            raise ConfigError(f"config key {where} must be a table, got {value!r}")
        return dict(value)
    expected = {"str": str, "int": int, "bool": bool, "float": (int, float)}[annotation]
    if annotation == "int" and isinstance(value, bool) or not isinstance(value, expected):
        raise ConfigError(f"config key {where} must be of type {annotation}, got {value!r}")
    return value


def _build_section(name: str, cls: type, values: dict[str, Any]) -> Any:
    hints = typing.get_type_hints(cls)
    valid = [f.name for f in dataclasses.fields(cls)]
    kwargs = {}
    for key, value in values.items():
        if key not in valid:
            raise ConfigError(
                f"unknown config key {name}.{key}; valid keys in [{name}]: {', '.join(valid)}"
            )
        kwargs[key] = _coerce(name, key, value, _annotation_name(hints[key]))
        _check_value(f"{name}.{key}", kwargs[key])
    return cls(**kwargs)


def _annotation_name(hint: Any) -> Any:
    if typing.get_origin(hint) in (tuple, dict):
        return hint
    return hint.__name__


def parse_config(data: dict[str, Any], source: str = "(inline)") -> Config:
    """Build a :class:`Config` from parsed TOML data, rejecting anything unknown."""
    sections = {}
    for name, values in data.items():
        if name not in _SECTIONS:
            raise ConfigError(
                f"unknown config section [{name}] in {source}; "
                f"valid sections: {', '.join(_SECTIONS)}"
            )
        if not isinstance(values, dict):
            raise ConfigError(f"config section [{name}] in {source} must be a table")
        sections[name] = _build_section(name, _section_class(name), values)
    return Config(**sections, source=source)


def _section_class(name: str) -> type:
    return {f.name: f.default.__class__ for f in dataclasses.fields(Config) if f.name != "source"}[
        name
    ]


def load_config(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> Config:
    """Load TOML settings (default ``configs/pipeline.toml``) and apply dotted overrides."""
    cfg_path = Path(path) if path is not None else DEFAULT_CONFIG
    data: dict[str, Any] = {}
    if path is not None or cfg_path.exists():
        try:
            data = tomllib.loads(cfg_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file {cfg_path} does not exist") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {cfg_path} is not valid TOML: {exc}") from None
    for dotted, value in (overrides or {}).items():
        if value is None:
            continue
        section, _, key = dotted.partition(".")
        data.setdefault(section, {})[key] = value
    return parse_config(data, source=str(cfg_path))
