"""The built wheel works outside the checkout: defaults, glossary, catalogs ship in it."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{cmd[:3]} failed: {done.stderr[-2000:]}"
    return done.stdout


def _clean_env() -> dict[str, str]:
    """Our environment without PYTHONPATH/VIRTUAL_ENV: a checkout on the path (with its
    egg-info) would make pip think mtpipe is installed already and skip the wheel."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}


def _build_wheel(tmp: Path) -> Path:
    """Build from a copy of the sources, so the checkout gets no build/ or egg-info."""
    src = tmp / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.mo", "*.pyc")
    shutil.copytree(REPO / "pipeline", src / "pipeline", ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, src / name)
    pip = [sys.executable, "-m", "pip"]
    _run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp), str(src)], tmp)
    (wheel,) = tmp.glob("mtpipe-*.whl")
    return wheel


def _fresh_venv(tmp: Path, wheel: Path) -> Path:
    """A venv outside the checkout with only the wheel; its dependencies come from ours.

    Our site-packages is appended through a .pth line (its own .pth files, among
    them the editable install of the checkout, are not processed), so torch is
    not downloaded again and ``pipeline`` can only come from the wheel.
    """
    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], tmp)
    python = venv / "bin" / "python"
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
          "--no-index", str(wheel)], tmp, _clean_env())  # fmt: skip
    ours = Path(importlib.util.find_spec("torch").origin).parents[1]
    site = next((venv / "lib").glob("python*/site-packages"))
    (site / "zz-shared-deps.pth").write_text(f"{ours}\n", encoding="utf-8")
    return venv


@pytest.mark.slow
def test_wheel_install_translates_the_sample_outside_the_checkout(
    tmp_path, tiny_models, sample_path
):
    venv = _fresh_venv(tmp_path, _build_wheel(tmp_path))
    work = tmp_path / "elsewhere"
    work.mkdir()
    shutil.copy(sample_path, work / sample_path.name)
    env = _clean_env()
    where = _run([str(venv / "bin" / "python"), "-c", "import pipeline; print(pipeline.__file__)"],
                 work, env)  # fmt: skip
    assert Path(where.strip()).is_relative_to(venv)
    _run([str(venv / "bin" / "mtpipe"), "translate", sample_path.name, "--to", "en",
          "--beams", "1", "--out", "out", "--quiet",
          f"--model-dir=it-en={tiny_models['it-en']}"], work, env)  # fmt: skip
    doc = json.loads((work / "out" / "kim-belousov.json").read_text(encoding="utf-8"))
    assert doc["signatures"]["en"]["tiny"] is True
    chrome = [s for b in doc["blocks"] if b["kind"] == "ui" for s in b["segments"]]
    assert chrome and all(s["translations"]["en"]["origin"] == "catalog" for s in chrome)
    # QA runs with the shipped glossary and calibration (a wheel without them exits 2);
    # on the noise of a tiny model it may find errors (exit 5)
    qa = subprocess.run([str(venv / "bin" / "mtpipe"), "qa", "out/kim-belousov.json"],
                        cwd=work, env=env, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert qa.returncode in (0, 5), qa.stderr
    assert (work / "out" / "kim-belousov.qa.jsonl").is_file()


def test_the_ray_extra_has_ray_client_for_the_ray_address_the_readme_gives():
    """README joins a remote cluster with ``--ray-address ray://HEAD:10001``: Ray refuses that
    ("Ray Client requires pip package `ray[client]`") unless the extra installs Ray Client."""
    import tomllib

    from packaging.requirements import Requirement

    extras = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    (ray,) = [Requirement(r) for r in extras["project"]["optional-dependencies"]["ray"]]
    assert ray.name == "ray" and {"data", "client"} <= ray.extras
    assert "--ray-address ray://" in (REPO / "README.md").read_text(encoding="utf-8")
