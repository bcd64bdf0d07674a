"""bench.qa.calibrate: the length model is fitted on the tuning set, never on the held-out one."""

from __future__ import annotations

import random

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


def test_the_article_share_is_the_slope_of_a_lines_z_on_its_neighbours() -> None:
    """Lines translated in runs of one style (terse, then wordy, per article of 20 lines)
    share much of their article's median z; lines whose style is drawn one by one share none."""
    rng = random.Random(2009)
    src = [f"{'parola ' * rng.randint(6, 10)}fine." for _ in range(600)]
    styled = [s.replace("parola", ("mot", "motlong")[(i // 20) % 2]) for i, s in enumerate(src)]
    drawn = [s.replace("parola", rng.choice(("mot", "motlong"))) for s in src]
    assert calibrate.fit_pair(src, styled).article > 0.5
    assert abs(calibrate.fit_pair(src, drawn).article) < 0.2


def test_the_sibling_share_is_the_slope_on_the_other_languages_z() -> None:
    """Lines whose length both languages follow (a wordy source made short in both) share
    the other reference's z; lines whose two references vary apart share none of it."""
    rng = random.Random(2009)
    src = [f"{'parola ' * rng.randint(6, 10)}fine." for _ in range(600)]
    short = [rng.random() < 0.5 for _ in src]
    en = [
        s.replace("parola", "word" if cut else "wordish") for s, cut in zip(src, short, strict=True)
    ]
    fr = [
        s.replace("parola", "mot" if cut else "motlong") for s, cut in zip(src, short, strict=True)
    ]
    apart = [s.replace("parola", rng.choice(("mot", "motlong"))) for s in src]
    refs = {"en": en, "fr": fr}
    models = {lang: calibrate.fit_pair(src, refs[lang]) for lang in refs}
    assert calibrate.with_siblings(models, src, refs)["en"].sibling > 0.5
    refs["fr"] = apart
    models["fr"] = calibrate.fit_pair(src, apart)
    assert abs(calibrate.with_siblings(models, src, refs)["en"].sibling) < 0.2
