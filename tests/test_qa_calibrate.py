"""bench.qa.calibrate: the length model is fitted on the tuning set, never on the held-out one."""

from __future__ import annotations

import pytest

from bench.qa import calibrate, data


def test_fitting_on_the_held_out_set_is_refused_before_anything_is_read(tmp_path, capsys) -> None:
    """Fitted on newssyscomb2009, the length model made that set's benchmark scores optimistic
    while bench/results/qa.md reported it as never tuned on."""
    with pytest.raises(SystemExit) as stop:
        calibrate.main(["--set", data.HELD_OUT_SET, "--shared", str(tmp_path), "--write"])
    assert stop.value.code == 2
    assert "held-out" in capsys.readouterr().err and data.TUNING_SET in calibrate.__doc__


def test_the_default_set_is_the_tuning_set(tmp_path) -> None:
    """With no --set it reads newstest2009 (absent here: the error names that set's path)."""
    with pytest.raises(SystemExit, match=f"{data.TUNING_SET}.it not found"):
        calibrate.main(["--shared", str(tmp_path)])


def test_z_short_is_at_least_its_floor_even_when_the_set_is_tight() -> None:
    """Fitted on the set it is scored on, the 0.5% quantile alone flags 0.5% of its clean
    references: z_short stays at least Z_SHORT_FLOOR sd below the mean."""
    src = [f"{'parola ' * (3 + i % 7)}fine." for i in range(400)]
    tgt = [s.replace("parola", "word") for s in src]
    model = calibrate.fit_pair(src, tgt)
    assert model.z_short <= -calibrate.Z_SHORT_FLOOR
    assert model.z_long >= calibrate.Z_LONG_FLOOR
