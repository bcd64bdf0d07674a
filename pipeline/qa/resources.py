"""Shipped QA constants (length calibration) and the configured glossary.

``calibration.toml`` beside this module holds length-ratio statistics per
language pair, derived by ``bench/qa_calibrate.py`` from real news data (see
the file's header); tests and runs never read the data itself. The glossary
(do-not-translate terms, required term translations, exonyms) is a TOML file
named by ``[qa] glossary``.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline.config import PROJECT_ROOT
from pipeline.errors import ConfigError

CALIBRATION = Path(__file__).with_name("calibration.toml")


@dataclass(frozen=True)
class LengthModel:
    """log((len_t + k) / (len_s + k)) ~ mean + slope/(len_s + k), sd^2 = a + b/(len_s + k)."""

    mean: float = 0.0
    slope: float = 0.0
    a: float = 0.012
    b: float = 1.0
    k: float = 10.0
    z_short: float = -3.0  # omission below this z
    z_long: float = 3.5  # addition above this z

    def z(self, src_len: int, tgt_len: int) -> float:
        n = src_len + self.k
        expected = self.mean + self.slope / n
        return (math.log((tgt_len + self.k) / n) - expected) / math.sqrt(self.a + self.b / n)


@lru_cache(maxsize=1)
def _calibration() -> dict:
    return tomllib.loads(CALIBRATION.read_text(encoding="utf-8"))


def length_model(src_lang: str, tgt_lang: str) -> LengthModel:
    """The calibrated length model of a pair, or the pooled default."""
    data = _calibration().get("length", {})
    values = data.get(f"{src_lang}-{tgt_lang}") or data.get("default") or {}
    return LengthModel(**values)


def threshold(name: str, default: float) -> float:
    """A named threshold from ``[thresholds]`` in calibration.toml."""
    return float(_calibration().get("thresholds", {}).get(name, default))


@dataclass(frozen=True)
class Glossary:
    """Do-not-translate terms, required translations and exonyms per language pair."""

    dnt: tuple[str, ...] = ()
    terms: dict[str, dict[str, str]] = field(default_factory=dict)
    exonyms: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    def pair_terms(self, src_lang: str, tgt_lang: str) -> dict[str, str]:
        return self.terms.get(f"{src_lang}-{tgt_lang}", {})

    def pair_exonyms(self, src_lang: str, tgt_lang: str) -> dict[str, list[str]]:
        return self.exonyms.get(f"{src_lang}-{tgt_lang}", {})


@lru_cache(maxsize=8)
def load_glossary(path: str) -> Glossary:
    """Read a glossary TOML (relative paths from the project root); empty if ``path`` is ""."""
    if not path:
        return Glossary()
    p = Path(path)
    if not p.is_absolute():
        p = PROJECT_ROOT / p
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            f'QA glossary {p} does not exist; create it or set [qa] glossary = ""'
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"QA glossary {p} is not valid TOML: {exc}") from None
    unknown = set(data) - {"dnt", "terms", "exonyms"}
    if unknown:
        raise ConfigError(
            f"QA glossary {p}: unknown tables {sorted(unknown)}; use dnt, terms, exonyms"
        )
    exonyms = {
        pair: {k: [v] if isinstance(v, str) else list(v) for k, v in table.items()}
        for pair, table in data.get("exonyms", {}).items()
    }
    return Glossary(
        dnt=tuple(data.get("dnt", {}).get("terms", [])),
        terms={pair: dict(t) for pair, t in data.get("terms", {}).items()},
        exonyms=exonyms,
    )
