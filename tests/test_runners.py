"""The runner steps (plan -> process -> commit), the runner registry and the run result."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.config import load_config
from pipeline.document import Article
from pipeline.errors import InputError, ModelError, OutputError, RunFailed, UsageError
from pipeline.runners import RUNNERS, RunOptions, get_runner, make_plan, run_files
from pipeline.runners.result import UP_TO_DATE, ArticleOutcome, RunResult

ARTICLE = "Un titolo\n\nLa Borsa di Praga ha chiuso in calo.\n"


def _models(tiny_models) -> list[str]:
    return [
        f"--model-dir=it-en={tiny_models['it-en']}",
        f"--model-dir=it-fr={tiny_models['it-fr']}",
    ]


def _cfg(tmp_path: Path, **extra):
    return load_config(
        None, {"translate.num_beams": 1, "memory.path": str(tmp_path / "tm.sqlite"), **extra}
    )


def _opts(tiny_models, **kw) -> RunOptions:
    return RunOptions(model_dirs=dict(tiny_models), log=lambda m: None, **kw)


def test_two_inputs_with_one_article_id_are_refused_naming_both(tmp_path, tiny_models, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "notizia.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "notizia.md").write_text("# Un titolo\n\nUna frase.\n", encoding="utf-8")
    code = main(["translate", str(src), "--to", "en,fr", "--out", str(tmp_path / "out"),
                 "--quiet", *_models(tiny_models)])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2
    assert "notizia.txt" in err and "notizia.md" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_the_input_folder_as_out_is_refused(tmp_path, tiny_models, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "notizia.txt").write_text(ARTICLE, encoding="utf-8")
    code = main(["translate", str(src), "--to", "en", "--out", str(src), "--quiet",
                 *_models(tiny_models)])  # fmt: skip
    assert code == 2
    assert "notizia.txt" in capsys.readouterr().err
    assert sorted(p.name for p in src.iterdir()) == ["notizia.txt"]


def test_a_file_given_twice_is_translated_once(tmp_path, tiny_models):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    plan = make_plan([path, tmp_path / "." / "a.txt"], _cfg(tmp_path), tmp_path / "out",
                     model_dirs=tiny_models)  # fmt: skip
    assert len(plan.outcomes) == 1 and len(plan.jobs) == 1


@pytest.mark.parametrize("kind", ["file", "under-file"])
def test_bad_out_is_refused_before_any_model_is_looked_at(tmp_path, sample_path, capsys, kind):
    blocker = tmp_path / "taken"
    blocker.write_text("keep me\n", encoding="utf-8")
    out = blocker if kind == "file" else blocker / "sub"
    # the model folder does not exist: a model check first would exit 4
    code = main(["translate", str(sample_path), "--to", "en", "--out", str(out),
                 f"--model-dir=it-en={tmp_path / 'no-model'}"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == OutputError.exit_code
    assert "taken" in err and "no-model" not in err
    assert blocker.read_text(encoding="utf-8") == "keep me\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_unwritable_out_is_refused_before_any_model_is_looked_at(tmp_path, sample_path, capsys):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code = main(["translate", str(sample_path), "--to", "en", "--out", str(locked / "o"),
                     f"--model-dir=it-en={tmp_path / 'no-model'}"])  # fmt: skip
    finally:
        locked.chmod(0o700)
    assert code == OutputError.exit_code
    assert "permission" in capsys.readouterr().err
    assert not (locked / "o").exists()


def test_a_failure_in_one_article_leaves_the_others_written(tmp_path, tiny_models, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a", "b", "c"):
        (src / f"{name}.txt").write_text(ARTICLE.replace("Un", name.upper()), encoding="utf-8")
    import pipeline.localise as localise

    real = localise.localise_article

    def flaky(article, settings=None):
        if article.id == "b":
            raise InputError("b.txt: cannot localise this one")
        return real(article, settings)

    monkeypatch.setattr(localise, "localise_article", flaky)
    result = run_files([src], _cfg(tmp_path), tmp_path / "out", _opts(tiny_models))
    assert [r.status for r in result.outcomes] == ["translated", "failed", "translated"]
    assert (tmp_path / "out" / "a.json").exists() and (tmp_path / "out" / "c.json").exists()
    assert not list((tmp_path / "out").glob("b.*"))
    error = result.error()
    assert isinstance(error, RunFailed) and error.exit_code == InputError.exit_code
    assert "1 of 3" in str(error)
    assert result.failure_lines() == ["b.txt: cannot localise this one"]


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EDQUOT, errno.EIO])
def test_an_article_that_cannot_be_written_is_named_in_its_failure_line(
    tmp_path, tiny_models, monkeypatch, code
):
    """A full disk failed every later article with the same line, "cannot write the
    outputs into OUT: No space left on device (OUT); no file was changed", which named
    the folder and not one of the articles the summary said were "listed above"."""
    import pipeline.atomic as atomic

    src = tmp_path / "in"
    src.mkdir()
    for name in ("a", "b", "c"):
        (src / f"{name}.txt").write_text(ARTICLE.replace("Un", name.upper()), encoding="utf-8")
    real = atomic._stage

    def full(stage, root, files, remove):
        if "b.json" in files:
            raise OSError(code, os.strerror(code))
        return real(stage, root, files, remove)

    monkeypatch.setattr(atomic, "_stage", full)
    result = run_files([src], _cfg(tmp_path), tmp_path / "out", _opts(tiny_models))
    assert [r.status for r in result.outcomes] == ["translated", "failed", "translated"]
    (line,) = result.failure_lines()
    assert line.startswith(f"{src / 'b.txt'}: cannot write the outputs into ")
    assert os.strerror(code) in line and "no file was changed" in line
    assert result.error().exit_code == OutputError.exit_code
    assert not list((tmp_path / "out").glob("b.*"))


def test_run_result_raises_one_error_whose_code_fits_all_failures():
    ok = ArticleOutcome("a.txt", status="translated")
    bad_input = ArticleOutcome("b.txt", status="failed", error="b: empty", error_type=InputError)
    bad_model = ArticleOutcome("c.txt", status="failed", error="c: model", error_type=ModelError)
    assert RunResult([ok]).error() is None
    single = RunResult([bad_input]).error()
    assert str(single) == "b: empty" and single.exit_code == 3
    mixed = RunResult([ok, bad_input, bad_model])
    with pytest.raises(RunFailed) as caught:
        mixed.raise_for_failures()
    assert caught.value.exit_code == 1 and "2 of 3" in str(caught.value)
    assert "the others were written" in str(caught.value)
    none = RunResult([bad_input, bad_input]).error()  # no other was written: do not say so
    assert "2 of 2 inputs failed" in str(none) and "none was written" in str(none)
    assert "others" not in str(none) and none.exit_code == 3


def test_runner_registry_is_lazy_and_names_unknown_runners():
    assert RUNNERS["local"] == "pipeline.runners.local:LocalRunner"
    assert RUNNERS["ray"] == "pipeline.runners.ray:RayRunner"
    assert get_runner("local").name == "local"
    with pytest.raises(UsageError, match="local"):
        get_runner("nope")


def test_rerun_to_fewer_languages_removes_only_that_articles_stale_outputs(tmp_path, tiny_models):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "other.fr.txt").write_text("not ours\n", encoding="utf-8")
    (out / "a.notes.txt").write_text("user file\n", encoding="utf-8")
    run_files([src], _cfg(tmp_path, **{"translate.targets": ("en", "fr")}), out, _opts(tiny_models))
    assert (out / "a.fr.txt").exists() and (out / "a.fr.md").exists()
    run_files([src], _cfg(tmp_path, **{"translate.targets": ("en",)}), out, _opts(tiny_models))
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    ours = ["a.aligned.jsonl", "a.en.html", "a.en.md", "a.en.txt", "a.json"]
    assert names == sorted([*ours, "a.notes.txt", "other.fr.txt"])
    doc = json.loads((out / "a.json").read_text(encoding="utf-8"))
    assert doc["target_langs"] == ["en"]
    assert sorted(doc["meta"]["outputs"]) == ours


def test_editing_any_resource_a_stage_reads_redoes_the_article(tmp_path, tiny_models, monkeypatch):
    import shutil

    import pipeline.langdata.catalogs as catalogs
    import pipeline.qa.resources as qa_resources

    locale = shutil.copytree(catalogs.LOCALE_DIR, tmp_path / "locale")
    calibration = shutil.copy(qa_resources.CALIBRATION, tmp_path / "calibration.toml")
    glossary = shutil.copy(load_config().qa.glossary, tmp_path / "glossary.toml")
    monkeypatch.setattr(catalogs, "LOCALE_DIR", locale)
    monkeypatch.setattr(qa_resources, "CALIBRATION", Path(calibration))
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    cfg = _cfg(tmp_path, **{"translate.targets": ("en",), "qa.glossary": str(glossary)})
    out = tmp_path / "out"
    assert run_files([src], cfg, out, _opts(tiny_models)).count("translated") == 1

    def redone() -> bool:
        plan = make_plan([src], cfg, out, model_dirs=tiny_models)
        return [j.article.id for j in plan.jobs] == ["a"]

    assert not redone()
    po = Path(locale) / "fr" / "LC_MESSAGES" / "messages.po"
    before = po.read_bytes()
    _rewrite(po, before.replace(b'"Annuler la r', b'"Annulez la r'))  # a msgstr changed
    assert redone()
    _rewrite(po, before + b"\n# edited\n")  # a comment: no page changes
    assert not redone()
    _rewrite(po, before)
    calibration_bytes = Path(calibration).read_bytes()
    Path(calibration).write_bytes(calibration_bytes + b"\n# edited\n")
    assert redone()
    Path(calibration).write_bytes(calibration_bytes)
    assert not redone()
    # the glossary counts by the entries the article contains (Borsa is in it, Oslo is not)
    before = Path(glossary).read_text(encoding="utf-8")
    for term, redo in (("Oslo", False), ("Borsa", True)):
        edited = before.replace('terms = ["KCNA"', f'terms = ["{term}", "KCNA"', 1)
        assert edited != before
        Path(glossary).write_text(edited, "utf-8")
        assert redone() is redo, term
    Path(glossary).write_text(before, "utf-8")
    # settings that change no output do not redo the article
    faster = _cfg(tmp_path, **{"translate.targets": ("en",), "qa.glossary": str(glossary),
                               "translate.threads": 1, "translate.group_segments": 7})  # fmt: skip
    assert not make_plan([src], faster, out, model_dirs=tiny_models).jobs
    # but switching QA off (or on) does
    assert make_plan([src], cfg, out, model_dirs=tiny_models, run_qa=False).jobs


def _rewrite(path: Path, data: bytes) -> None:
    """Write ``data`` keeping the file's old mtime, as ``cp -p`` or an edit within one clock
    tick does: catalogs are cached by their content, so the key must follow it anyway."""
    old = path.stat()
    path.write_bytes(data)
    os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns))


def _catalog_digests() -> dict[str, str]:
    from pipeline.runners.key import resource_digests

    return {k: v for k, v in resource_digests().items() if k.startswith("catalog:")}


def test_catalog_edits_that_change_no_page_keep_articles_up_to_date(tmp_path, monkeypatch):
    """``make catalogs-update`` rewrites references (``base.html:25`` -> ``:31``), comments,
    ``POT-Creation-Date``, order and line wrapping: the catalog's bytes change, no page does.
    Keyed on the bytes, every article was out of date after it."""
    import shutil

    import pipeline.langdata.catalogs as catalogs

    locale = shutil.copytree(catalogs.LOCALE_DIR, tmp_path / "locale")
    monkeypatch.setattr(catalogs, "LOCALE_DIR", locale)
    po = locale / "fr" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    base = _catalog_digests()
    head, first, rest = text.partition("\n\n#.")
    blocks = rest.split("\n\n")
    same_meaning = {
        "references": text.replace("_comments.html:4", "_comments.html:31"),
        "comments and date": text.replace("2026-11-28 09:08", "2027-01-05 17:44").replace(
            "#. WordPress comment form heading", "#. The comment form's heading"
        ),
        "order": head + first + "\n\n".join([blocks[0], *reversed(blocks[1:])]),
        "wrapping": text.replace(
            'msgstr "Les champs obligatoires sont indiqués avec %s"',
            'msgstr ""\n"Les champs obligatoires "\n"sont indiqués avec %s"',
        ),
    }
    for name, edited in same_meaning.items():
        assert edited != text, name
        _rewrite(po, edited.encode("utf-8"))
        assert _catalog_digests() == base, name


def test_catalog_edits_that_change_a_page_put_articles_out_of_date(tmp_path, monkeypatch):
    """The counterpart: a msgstr, a plural form or a fuzzy flag (a fuzzy entry is not used)
    changes what a page shows, so the article is redone."""
    import shutil

    import pipeline.langdata.catalogs as catalogs

    locale = shutil.copytree(catalogs.LOCALE_DIR, tmp_path / "locale")
    monkeypatch.setattr(catalogs, "LOCALE_DIR", locale)
    po = locale / "fr" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    base = _catalog_digests()
    changed = {
        "msgstr": text.replace('"Annuler la réponse"', '"Annuler"'),
        "plural form": text.replace('"%(num)d commentaires"', '"%(num)d avis"'),
        "fuzzy": text.replace('msgid "Cancel reply"', '#, fuzzy\nmsgid "Cancel reply"'),
        "context": text.replace('msgctxt "noun"', 'msgctxt "name"'),
    }
    for name, edited in changed.items():
        assert edited != text, name
        _rewrite(po, edited.encode("utf-8"))
        digests = _catalog_digests()
        assert digests["catalog:fr/messages.po"] != base["catalog:fr/messages.po"], name
        assert {k: v for k, v in digests.items() if "fr/messages" not in k} == {
            k: v for k, v in base.items() if "fr/messages" not in k
        }


def test_folder_articles_in_any_case_are_read_hidden_files_skipped_subfolders_named(tmp_path):
    from pipeline.runners.plan import expand_inputs

    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    text = "Il governo ha approvato la legge di bilancio.\n"
    for name in ("a.it.txt", "B.HTML", "c.Md", "._a.it.txt", ".DS_Store", "foto.jpg"):
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "sub" / "d.it.txt").write_text(text, encoding="utf-8")
    lines: list[str] = []
    got = [p.name for p in expand_inputs([folder], lines.append)]
    assert got == ["B.HTML", "a.it.txt", "c.Md"]
    assert len(lines) == 1 and "1 subfolder(s) not read (sub)" in lines[0]


def test_the_runs_own_output_folder_inside_the_input_folder_is_no_unread_subfolder(
    tmp_path, tiny_models
):
    """``--out in/out``: the rerun warned that ``out`` was a subfolder it did not read."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    lines: list[str] = []
    opts = RunOptions(model_dirs=dict(tiny_models), log=lines.append, quiet=True)
    cfg = _cfg(tmp_path, **{"translate.targets": ["en"], "qa.enabled": False})
    for _ in range(2):
        assert run_files([folder], cfg, folder / "out", opts).count("failed") == 0
    assert not [line for line in lines if "subfolder" in line]
    (folder / "other").mkdir()
    run_files([folder], cfg, folder / "out", opts)
    assert [line for line in lines if "subfolder" in line][0].count("(other)") == 1


def test_a_later_run_replacing_another_inputs_outputs_says_so(
    tmp_path, tiny_models, capsys, monkeypatch
):
    first, second = tmp_path / "a" / "notizia.txt", tmp_path / "b" / "notizia.txt"
    for path, text in ((first, ARTICLE), (second, ARTICLE.replace("in calo", "in rialzo"))):
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    base = ["translate", "--to", "en", "--out", str(out), "--no-qa", *_models(tiny_models)]
    assert main([*base[:1], str(first), *base[1:]]) == 0
    capsys.readouterr()
    # the same file, edited and given by a relative path: the same input, no warning
    first.write_text(ARTICLE.replace("in calo", "in lieve calo"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main([*base[:1], "a/notizia.txt", *base[1:]]) == 0
    assert "replace" not in capsys.readouterr().err
    assert main([*base[:1], str(second), *base[1:]]) == 0
    err = capsys.readouterr().err
    assert f"{second}: its outputs replace those of {first}" in err  # recorded absolute


def _timed_warm_up(monkeypatch, events: list[tuple[str, str]], error: Exception | None = None):
    """Make QA's warm-up slow (0.3 s) and record when and in which thread it runs."""
    import threading
    import time

    from pipeline.qa import warm

    original = warm.warm_up

    def slow(src, tgts, settings):
        events.append(("warm start", threading.current_thread().name))
        time.sleep(0.3)
        if error is not None:
            raise error
        original(src, tgts, settings)
        events.append(("warm end", threading.current_thread().name))

    monkeypatch.setattr(warm, "warm_up", slow)


def test_qa_warm_up_overlaps_the_model_load_and_ends_before_decoding(
    tmp_path, tiny_models, monkeypatch
):
    """QA's one-off load runs beside the model load (issue 15's start-up), never beside decoding."""
    import threading

    from pipeline.translate.base import BaseTranslator

    events: list[tuple[str, str]] = []
    _timed_warm_up(monkeypatch, events)
    load_model, run = BaseTranslator._load, BaseTranslator._model_stream

    def loading(self):
        events.append(("load", threading.current_thread().name))
        return load_model(self)

    def decoding(self, prepared):
        events.append(("decode", threading.current_thread().name))
        yield from run(self, prepared)

    monkeypatch.setattr(BaseTranslator, "_load", loading)
    monkeypatch.setattr(BaseTranslator, "_model_stream", decoding)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    cfg = _cfg(tmp_path, **{"qa.worker": "off", "translate.targets": ["en"]})
    result = run_files([tmp_path / "a.txt"], cfg, tmp_path / "out", _opts(tiny_models))
    assert result.count("translated") == 1
    kinds = [kind for kind, _ in events]
    assert kinds.index("warm start") < kinds.index("load") < kinds.index("warm end")
    assert kinds.index("warm end") < kinds.index("decode")
    main = threading.main_thread().name
    assert dict(events)["warm start"] != main and dict(events)["load"] == main


def test_a_bug_in_qa_warm_up_is_raised_not_swallowed(tmp_path, tiny_models, monkeypatch):
    events: list[tuple[str, str]] = []
    _timed_warm_up(monkeypatch, events, error=KeyError("bug"))
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    cfg = _cfg(tmp_path, **{"qa.worker": "off", "translate.targets": ["en"]})
    with pytest.raises(KeyError, match="bug"):
        run_files([tmp_path / "a.txt"], cfg, tmp_path / "out", _opts(tiny_models))
    assert not (tmp_path / "out" / "a.en.txt").exists()


def test_an_articles_outputs_do_not_depend_on_the_articles_run_before_it(tmp_path, tiny_models):
    # The same article and the same memory must give the same outputs whatever else the run
    # held. Served wholly from memory, its document recorded the device and dtype the model
    # resolved to when an earlier article of the run had loaded it ("cpu", "float32"), and
    # the configured ones ("auto") when it ran alone; a Ray actor that loads its model at
    # start made every such article differ from the local runner's.
    src = tmp_path / "in"
    src.mkdir()
    (src / "b.txt").write_text(ARTICLE, encoding="utf-8")
    cfg = _cfg(tmp_path, **{"translate.targets": ["en"]})
    runner = get_runner("local")
    runner.run(make_plan([src], cfg, tmp_path / "seed", model_dirs=tiny_models), _opts(tiny_models))
    outs = {}
    for name in ("alone", "after"):  # b.txt alone, then after a.txt that needs the model
        if name == "after":
            (src / "a.txt").write_text("Una notizia nuova.\n", encoding="utf-8")
        plan = make_plan([src], cfg, tmp_path / name, model_dirs=tiny_models)
        result = runner.run(plan, _opts(tiny_models))
        assert result.models_loaded == ([] if name == "alone" else ["en"])
        outs[name] = json.loads((tmp_path / name / "b.json").read_text(encoding="utf-8"))
    origins = {t["origin"] for b in outs["after"]["blocks"] for s in b["segments"]
               for t in s["translations"].values()}  # fmt: skip
    assert origins == {"memory"}
    assert outs["after"]["signatures"] == outs["alone"]["signatures"]
    assert outs["after"]["signatures"]["en"]["device"] == "auto"
    assert outs["after"] == outs["alone"]


def test_folder_entries_that_are_no_regular_file_fail_naming_themselves(tmp_path, tiny_models):
    """A dangling link or a named pipe with an article's suffix in an input folder was
    skipped unsaid (in no count, on no line); each is now an input that fails, named."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "dang.txt").symlink_to(tmp_path / "nonexistent.txt")
    os.mkfifo(folder / "fifo.txt")
    cfg = _cfg(tmp_path, **{"translate.targets": ["en"]})
    plan = make_plan([folder], cfg, tmp_path / "out", model_dirs=tiny_models, log=lambda _: None)
    failed = {Path(o.path).name: o for o in plan.outcomes if o.error}
    assert sorted(failed) == ["dang.txt", "fifo.txt"]
    assert all(o.error_type is InputError and name in o.error for name, o in failed.items())
    assert [job.article.id for job in plan.jobs] == ["a"]


def test_unreadable_inputs_are_named_when_no_model_is_there(tmp_path, capsys):
    """With no model for the pair the run stops (exit 4) but still names the inputs it
    could not read: missing.txt was never mentioned."""
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    code = main(
        ["translate", str(tmp_path / "a.txt"), str(tmp_path / "missing.txt"), "--to", "en",
         "--out", str(tmp_path / "out"), "--model-dir", f"it-en={tmp_path / 'none'}"]
    )  # fmt: skip
    err = capsys.readouterr().err
    assert code == 4
    assert "missing.txt" in err and "none" in err


# --- damaged or special earlier outputs, --out links, bugs on one article (jsonin, round 6) ---


def _first_run(tmp_path: Path, tiny_models) -> tuple[Path, Path, Path, dict]:
    """``ARTICLE`` as ``a.txt`` translated into ``out``: (source, out, ``a.json``, its data)."""
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    run_files([src], _cfg(tmp_path), out, _opts(tiny_models))
    doc = out / "a.json"
    return src, out, doc, json.loads(doc.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "damage",
    ["target_langs-null", "meta-null", "meta-list", "not-json", "a-list", "empty", "fifo"],
)
def test_a_damaged_earlier_document_is_out_of_date_not_a_traceback(tmp_path, tiny_models, damage):
    src, out, doc, data = _first_run(tmp_path, tiny_models)
    if damage == "fifo":
        doc.unlink()
        os.mkfifo(doc)
    elif damage == "not-json":
        doc.write_text("{", encoding="utf-8")
    elif damage in ("a-list", "empty"):
        doc.write_text("[]" if damage == "a-list" else "", encoding="utf-8")
    else:
        field, value = damage.rsplit("-", 1)
        data[field] = None if value == "null" else []
        if field == "target_langs":
            data["meta"].pop("outputs")  # the names then come from target_langs
        doc.write_text(json.dumps(data), encoding="utf-8")
    lines: list[str] = []
    opts = RunOptions(model_dirs=dict(tiny_models), log=lines.append)
    result = run_files([src], _cfg(tmp_path), out, opts)  # a fifo: was a hang
    warned = [m for m in lines if "earlier output is damaged" in m]
    assert len(warned) == 1 and str(doc) in warned[0] and "\n" not in warned[0]
    if damage == "fifo":  # never replaced: refused, naming it
        assert [r.status for r in result.outcomes] == ["failed"]
        assert result.error().exit_code == OutputError.exit_code
        assert str(doc) in result.outcomes[0].error and "named pipe" in result.outcomes[0].error
        return
    assert [r.status for r in result.outcomes] == ["translated"]
    assert json.loads(doc.read_text(encoding="utf-8"))["target_langs"] == ["en", "fr"]


@pytest.mark.parametrize("name", ["a.json", "a.en.md", "a.en.html", "a.en.txt", "a.aligned.jsonl"])
def test_commit_files_refuses_a_named_pipe_where_any_output_goes(tmp_path, name):
    from pipeline.atomic import commit_files

    os.mkfifo(tmp_path / name)
    files = {n: "x\n" for n in ("a.json", "a.en.md", "a.en.html", "a.en.txt", "a.aligned.jsonl")}
    with pytest.raises(OutputError, match="named pipe") as caught:
        commit_files(tmp_path, files)
    assert str(tmp_path / name) in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # nothing written or left


def test_commit_files_refuses_a_link_to_a_device_where_an_output_goes(tmp_path):
    from pipeline.atomic import commit_files

    (tmp_path / "a.json").symlink_to("/dev/null")
    with pytest.raises(OutputError, match="a.json"):
        commit_files(tmp_path, {"a.json": "{}"})
    assert (tmp_path / "a.json").is_symlink()
    if os.geteuid() == 0:  # a device node inside the folder (mknod needs root)
        os.mknod(tmp_path / "a.en.md", 0o600 | stat.S_IFCHR, os.makedev(1, 3))
        with pytest.raises(OutputError, match="a.en.md is a character device"):
            commit_files(tmp_path, {"a.en.md": "x"})


@pytest.mark.parametrize("under", [False, True])
def test_a_dangling_link_as_out_is_one_line_naming_it(tmp_path, sample_path, capsys, under):
    link = tmp_path / "out"
    link.symlink_to(tmp_path / "gone")
    out = link / "sub" if under else link
    code = main(["translate", str(sample_path), "--to", "en", "--out", str(out),
                 f"--model-dir=it-en={tmp_path / 'no-model'}"])  # fmt: skip
    err = capsys.readouterr().err.strip()
    assert code == OutputError.exit_code
    assert len(err.splitlines()) == 1
    assert str(link) in err and "symbolic link" in err and "does not exist" in err


@pytest.mark.parametrize("stage", ["localise", "qa"])
def test_a_bug_met_on_one_article_fails_only_that_article(
    tmp_path, tiny_models, monkeypatch, stage
):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a", "b", "c"):
        (src / f"{name}.txt").write_text(ARTICLE.replace("Un", name.upper()), encoding="utf-8")
    import pipeline.localise as localise
    import pipeline.qa as qa
    import pipeline.qa.worker as worker

    def buggy(real):
        def call(*args):
            if next(a for a in args if isinstance(a, Article)).id == "b":
                raise ZeroDivisionError("division by zero")
            return real(*args)

        return call

    if stage == "localise":
        monkeypatch.setattr(localise, "localise_article", buggy(localise.localise_article))
    else:  # in this process or in the QA helper's
        monkeypatch.setattr(qa, "run_qa", buggy(qa.run_qa))
        monkeypatch.setattr(worker.QAWorker, "run_qa", buggy(worker.QAWorker.run_qa))
    monkeypatch.delenv("MTPIPE_DEBUG", raising=False)
    result = run_files([src], _cfg(tmp_path), tmp_path / "out", _opts(tiny_models))
    assert [r.status for r in result.outcomes] == ["translated", "failed", "translated"]
    assert (tmp_path / "out" / "a.json").exists() and (tmp_path / "out" / "c.json").exists()
    assert not list((tmp_path / "out").glob("b.*"))
    (line,) = result.failure_lines()
    assert "b.txt" in line and "ZeroDivisionError: division by zero" in line
    assert "this is a bug: please report it" in line
    assert result.error().exit_code == 1
    monkeypatch.setenv("MTPIPE_DEBUG", "1")  # the traceback, for a developer
    with pytest.raises(ZeroDivisionError):
        run_files([src], _cfg(tmp_path), tmp_path / "out2", _opts(tiny_models))


def test_a_folder_without_articles_beside_good_inputs_is_a_warning_not_a_stop(tmp_path):
    """An empty folder (or one of only subfolders, or only other files) given beside inputs
    that hold articles: one warning line, the batch goes on; with nothing else, an error."""
    from pipeline.errors import InputError
    from pipeline.runners.plan import expand_inputs

    good = tmp_path / "good"
    good.mkdir()
    (good / "a.txt").write_text("Il governo ha approvato la legge.\n", encoding="utf-8")
    single = tmp_path / "b.md"
    single.write_text("# Titolo\n\nIl sindaco ha parlato.\n", encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    only_subs = tmp_path / "subs"
    (only_subs / "x").mkdir(parents=True)
    only_other = tmp_path / "other"
    only_other.mkdir()
    (only_other / "foto.jpg").write_bytes(b"\xff\xd8")
    (only_other / ".hidden.txt").write_text("x", encoding="utf-8")
    for bad in (empty, only_subs, only_other):
        for others in ([good], [single], [good, single]):
            lines: list[str] = []
            got = [p.name for p in expand_inputs([bad, *others], lines.append)]
            assert got == [n for o in others for n in (["a.txt"] if o == good else ["b.md"])]
            warned = [line for line in lines if "holds no article files" in line]
            assert len(warned) == 1 and str(bad) in warned[0] and "\n" not in warned[0]
        with pytest.raises(InputError, match="holds no article files"):
            expand_inputs([bad], [].append)
    with pytest.raises(InputError, match="each folder holds no article"):
        expand_inputs([empty, only_other], [].append)


def _human_edit_then_change(tmp_path: Path, tiny_models) -> tuple[Path, Path]:
    """A run, a human French edit of its sentence in ``a.json``, then that sentence changed."""
    src, out, doc, data = _first_run(tmp_path, tiny_models)
    for block in data["blocks"]:
        for seg in block["segments"]:
            if "Borsa" in seg["source"]:
                seg["translations"]["fr"] = {"text": "La Bourse humaine.", "origin": "human"}
    doc.write_text(json.dumps(data), encoding="utf-8")
    src.write_text(ARTICLE.replace("in calo", "in rialzo"), encoding="utf-8")
    return src, out


@pytest.mark.parametrize("force", [False, True])
def test_the_human_edits_not_carried_over_line_goes_to_the_runs_log(
    tmp_path, tiny_models, capsys, force
):
    src, out = _human_edit_then_change(tmp_path, tiny_models)
    lines: list[str] = []
    opts = RunOptions(model_dirs=dict(tiny_models), log=lines.append, force=force)
    result = run_files([src], _cfg(tmp_path, **{"memory.enabled": False}), out, opts)
    assert [r.status for r in result.outcomes] == ["translated"]
    lost = [m for m in lines if "not carried over" in m]
    assert len(lost) == 1 and "1 human translation(s)" in lost[0] and "\n" not in lost[0]
    assert "not carried over" not in capsys.readouterr().err  # was: stderr, not the run's log


@pytest.mark.parametrize("damage", ["fifo", "nested", "blocks-a-number"])
def test_a_forced_rerun_over_a_damaged_earlier_document_says_so_in_one_line(
    tmp_path, tiny_models, damage
):
    src, out = _human_edit_then_change(tmp_path, tiny_models)
    doc = out / "a.json"
    if damage == "fifo":
        doc.unlink()
        os.mkfifo(doc)
    elif damage == "nested":
        doc.write_text('{"meta": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    else:
        data = json.loads(doc.read_text(encoding="utf-8"))
        doc.write_text(json.dumps({**data, "blocks": 5}), encoding="utf-8")
    lines: list[str] = []
    opts = RunOptions(model_dirs=dict(tiny_models), log=lines.append, force=True)
    result = run_files([src], _cfg(tmp_path), out, opts)  # a fifo: never opened
    warned = [m for m in lines if "earlier output is damaged" in m]
    assert len(warned) == 1 and str(doc) in warned[0] and "\n" not in warned[0]
    expected = "failed" if damage == "fifo" else "translated"  # a pipe is never replaced
    assert [r.status for r in result.outcomes] == [expected]


def test_planning_a_txt_page_imports_no_html_reader(fresh_python, tmp_path):
    """Reading and keying a page-text article loads neither lxml nor the HTML readers: the
    left-out note imports ``readers.dom`` only when a reader left something out (was ~36 ms
    of imports in every ``translate`` of a .txt page)."""
    page = tmp_path / "pagina.txt"
    page.write_text("Il titolo\n\nIl ministro ha parlato ieri a Roma.\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from pipeline.config import load_config\n"
        "from pipeline.errors import ModelError\n"
        "from pipeline.runners import make_plan\n"
        "try:  # the inputs are read and keyed before the models are looked for\n"
        f"    make_plan([{str(page)!r}], load_config(None), {str(tmp_path / 'out')!r},"
        " log=lambda line: None)\n"
        "except ModelError:\n"
        "    pass\n"
        "heavy = ('lxml', 'pipeline.readers.html', 'pipeline.readers.dom')\n"
        "print([m for m in heavy if m in sys.modules])\n"
    )
    assert fresh_python(code) == "[]"


def _record_steps(monkeypatch, steps: list[tuple]) -> None:
    """Record each group's translation and each article's localise+QA in ``steps``, in order."""
    import pipeline.localise as localise
    import pipeline.runners.process as process
    import pipeline.translate as translate

    translate_group, finish, localise_one = (
        translate.translate_articles,
        process.finish_article,
        localise.localise_article,
    )

    def translating(articles, *args, **kw):
        steps.append(("translate", tuple(a.id for a in articles)))
        return translate_group(articles, *args, **kw)

    def finishing(article, *args, **kw):
        steps.append(("finish", article.id))
        return finish(article, *args, **kw)

    def localising(article, *args, **kw):  # a per-article failure mid-group
        if article.id == "art02":
            raise InputError("art02.txt: a localise failure of this article alone")
        return localise_one(article, *args, **kw)

    monkeypatch.setattr(translate, "translate_articles", translating)
    monkeypatch.setattr(process, "finish_article", finishing)
    monkeypatch.setattr(localise, "localise_article", localising)


def test_each_article_is_written_and_reported_as_it_is_settled_not_when_the_run_ends(
    tmp_path, tiny_models, monkeypatch, write_news
):
    """The batch's lines were printed when the whole run ended (nothing for minutes on a long
    one). Clock-free: each article's event comes after its own check and before the next
    article's check or the next group's translation, its outputs already on disk; the ones
    the plan settled (up to date, an unreadable input) come first; ``[k/N]`` counts up."""
    from pipeline.runners.result import SETTLED

    inputs = write_news(tmp_path / "in", 4)  # about 5 segments each
    out = tmp_path / "out"
    cfg = _cfg(tmp_path, **{"translate.group_segments": 10, "translate.targets": ["en"]})
    assert run_files([inputs / "art00.txt"], cfg, out, _opts(tiny_models)).count("translated")
    (inputs / "art04.txt").write_bytes(b"")  # unreadable: fails at planning
    steps: list[tuple] = []
    _record_steps(monkeypatch, steps)

    def report(event):
        r = event.outcome
        name = Path(r.path).stem
        if event.kind == SETTLED:
            written = all(Path(p).is_file() for p in r.outputs) and bool(r.outputs)
            steps.append(("settled", name, r.status, f"{event.done}/{event.total}", written))
        else:
            steps.append(("started", name, f"{event.done + 1}/{event.total}", event.segments))

    result = run_files([inputs], cfg, out, _opts(tiny_models, report=report))
    assert [r.status for r in result.outcomes] == [
        "up-to-date", "translated", "failed", "translated", "failed"
    ]  # fmt: skip
    assert steps == [
        ("settled", "art00", "up-to-date", "1/5", False),  # no outputs written this run
        ("settled", "art04", "failed", "2/5", False),
        ("started", "art01", "3/5", 5),
        ("started", "art02", "4/5", 5),
        ("translate", ("art01", "art02")),
        ("finish", "art01"),
        ("settled", "art01", "translated", "3/5", True),
        ("finish", "art02"),
        ("settled", "art02", "failed", "4/5", False),
        ("started", "art03", "5/5", 5),
        ("translate", ("art03",)),
        ("finish", "art03"),
        ("settled", "art03", "translated", "5/5", True),
    ]


def test_a_run_without_report_prints_nothing_and_runs_as_before(tmp_path, tiny_models, capsys):
    """``report`` is optional: ``run_files``/``translate_files`` callers print nothing."""
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    cfg = _cfg(tmp_path, **{"translate.targets": ["en"], "qa.enabled": False})
    result = run_files([tmp_path / "a.txt"], cfg, tmp_path / "out", _opts(tiny_models))
    assert result.count("translated") == 1
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize(
    ("name", "damage"),
    [("a.en.txt", "hi\n"), ("a.en.md", ""), ("a.aligned.jsonl", '{"id": "a"')],
)
def test_an_output_edited_or_emptied_by_hand_is_written_again_and_named(
    tmp_path, tiny_models, name, damage
):
    """An output changed since mtpipe wrote it was "up to date" and kept (hostile37 #3):
    the document records each output's digest, so the rerun names the file and rewrites it."""
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    cfg = _cfg(tmp_path, **{"translate.targets": ("en",)})
    run_files([src], cfg, out, _opts(tiny_models))
    (out / name).write_text(damage, encoding="utf-8")
    said: list[str] = []
    result = run_files([src], cfg, out, RunOptions(model_dirs=dict(tiny_models), log=said.append))
    assert result.count("translated") == 1
    rewritten = (out / name).read_text(encoding="utf-8")  # JSONL: now served from memory
    assert rewritten != damage and rewritten.endswith("\n") and len(rewritten) > 20
    assert any(str(out / name) in line and "not the content mtpipe wrote" in line for line in said)
    assert run_files([src], cfg, out, _opts(tiny_models)).count(UP_TO_DATE) == 1


@pytest.mark.parametrize("name", ["a.en.md", "a.aligned.jsonl"])
def test_an_output_deleted_by_hand_is_named_when_written_again(tmp_path, tiny_models, name):
    """A deleted output was rewritten without a word while an edited one was named
    (review37 P2): the rerun names it, on the same warning line kind."""
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    cfg = _cfg(tmp_path, **{"translate.targets": ("en",)})
    run_files([src], cfg, out, _opts(tiny_models))
    (out / name).unlink()
    said: list[str] = []
    result = run_files([src], cfg, out, RunOptions(model_dirs=dict(tiny_models), log=said.append))
    assert result.count("translated") == 1 and (out / name).is_file()
    [line] = [s for s in said if str(out / name) in s]
    assert line.startswith("mtpipe: warning: ") and "missing (deleted since" in line
    assert "written again" in line


@pytest.mark.parametrize(
    "formats", [("txt",), ("txt", "md", "html")], ids=["txt only", "without jsonl"]
)
def test_a_smaller_formats_list_removes_the_dropped_formats_files_only(
    tmp_path, tiny_models, formats
):
    """``[write] formats = ["txt"]`` after a full run was "up to date" and left the md, html
    and JSONL files (hostile37 #7): the formats are what the document lists, so the rerun
    rewrites the article and its commit removes the dropped formats' files, no other file."""
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.notes.md").write_text("user file\n", encoding="utf-8")
    run_files([src], _cfg(tmp_path, **{"translate.targets": ("en",)}), out, _opts(tiny_models))
    cfg = _cfg(tmp_path, **{"translate.targets": ("en",), "write.formats": formats})
    assert run_files([src], cfg, out, _opts(tiny_models)).count("translated") == 1
    suffixes = {"txt": "a.en.txt", "md": "a.en.md", "html": "a.en.html"}
    names = sorted(p.name for p in out.iterdir() if p.name.startswith("a."))
    assert names == sorted(["a.json", "a.notes.md", *(suffixes[f] for f in formats)])
    assert run_files([src], cfg, out, _opts(tiny_models)).count(UP_TO_DATE) == 1


@pytest.mark.parametrize("change", ["withdrawn", "renamed"])
def test_an_article_gone_from_the_input_folder_is_named_and_its_files_kept(
    tmp_path, tiny_models, capsys, change
):
    """A rerun over a folder that lost an article said nothing, and bundle published the
    withdrawn article (hostile37 #2): the run and the bundle name it; nothing is deleted."""
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a", "b"):
        (src / f"{name}.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    cfg = _cfg(tmp_path, **{"translate.targets": ("en",)})
    run_files([src], cfg, out, _opts(tiny_models))
    if change == "withdrawn":
        (src / "b.txt").unlink()
    else:
        (src / "b.txt").rename(src / "c.txt")
    said: list[str] = []
    run_files([src], cfg, out, RunOptions(model_dirs=dict(tiny_models), log=said.append))
    [line] = [s for s in said if "no input any more" in s]
    assert f"b (from {src / 'b.txt'})" in line and f"remove {out / 'b'}.*" in line
    assert (out / "b.json").exists() and (out / "b.en.txt").exists()  # named, never removed
    said.clear()
    run_files([src / "a.txt"], cfg, out, RunOptions(model_dirs=dict(tiny_models), log=said.append))
    assert not any("no input any more" in s for s in said)  # files given: no batch to reconcile
    capsys.readouterr()
    assert main(["bundle", str(out), "--out", str(tmp_path / "site"), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "whose input is gone from its folder" in err and f"b (from {src / 'b.txt'})" in err


def _hand_edit(doc: Path, text: str) -> None:
    """Change the first paragraph's English translation in ``doc`` as a user would."""
    data = json.loads(doc.read_text(encoding="utf-8"))
    seg = next(s for b in data["blocks"] if b["kind"] == "paragraph" for s in b["segments"])
    seg["translations"]["en"]["text"] = text
    doc.write_text(json.dumps(data, indent=2), encoding="utf-8")


@pytest.mark.parametrize("run_qa", [True, False], ids=["qa reruns", "no-qa drops the check"])
def test_a_hand_edited_document_rewrites_its_outputs_from_the_edit(tmp_path, tiny_models, run_qa):
    """``ID.json`` edited by hand was "up to date", its outputs stale and the edit published
    as QA-checked (review37 P1): the rerun names it, writes the outputs from the edited
    document (no MT over the edit) and runs QA on it, or drops ``qa_checked`` under --no-qa."""
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    cfg = _cfg(tmp_path, **{"translate.targets": ("en",)})
    run_files([src], cfg, out, _opts(tiny_models, run_qa=run_qa))
    _hand_edit(out / "a.json", "HUMAN EDIT in json.")
    said: list[str] = []
    opts = RunOptions(model_dirs=dict(tiny_models), log=said.append, run_qa=run_qa)
    assert run_files([src], cfg, out, opts).count("translated") == 1
    assert any(str(out / "a.json") in line and "edited by hand" in line for line in said)
    for name in ("a.json", "a.en.txt", "a.en.md", "a.en.html", "a.aligned.jsonl"):
        assert "HUMAN EDIT in json." in (out / name).read_text(encoding="utf-8"), name
    meta = json.loads((out / "a.json").read_text(encoding="utf-8"))["meta"]
    assert meta.get("qa_checked") is (True if run_qa else None)
    assert run_files([src], cfg, out, _opts(tiny_models, run_qa=run_qa)).count(UP_TO_DATE) == 1


def test_an_input_given_relative_is_not_gone_when_run_from_another_folder(
    tmp_path, tiny_models, monkeypatch, capsys
):
    """``translate in`` from C, then a run or bundle from D, which has its own ``in/``: the
    path read from D named C's live article as gone and advised removing it (review37 P13).
    The input is recorded absolute; a relative one (an older document) says nothing."""
    from pipeline.bundle.inputs import withdrawn
    from pipeline.runners.plan import orphaned_documents

    for name in ("C", "D"):
        (tmp_path / name / "in").mkdir(parents=True)
    (tmp_path / "C" / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "D" / "in" / "z.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "C" / "out"
    monkeypatch.chdir(tmp_path / "C")
    run_files(
        [Path("in")], _cfg(tmp_path, **{"translate.targets": ("en",)}), out, _opts(tiny_models)
    )
    monkeypatch.chdir(tmp_path / "D")
    assert orphaned_documents(out, [Path("in")], set()) == []
    doc = Article.from_dict(json.loads((out / "a.json").read_text(encoding="utf-8")))
    assert doc.meta["source_path"] == str(tmp_path / "C" / "in" / "a.txt")
    assert withdrawn([doc]) == []
    doc.meta["source_path"] = "in/a.txt"  # as an older mtpipe recorded it: no guess
    assert withdrawn([doc]) == []
    (tmp_path / "C" / "in" / "a.txt").unlink()  # really gone: still named, from any folder
    assert orphaned_documents(out, [tmp_path / "C" / "in"], set())[0][0] == "a"


@pytest.mark.parametrize(
    ("name", "text"), [("a.txt", ARTICLE), ("a.md", "# Un titolo\n\nUna frase.\n")]
)
def test_formats_that_write_no_translation_of_an_input_fail_it_naming_the_fix(
    tmp_path, tiny_models, name, text
):
    """``[write] formats = ["wp"]`` for a non-WordPress input wrote only ``a.json`` and said
    "translated" (review37 P3): the article fails (exit 2) naming the list and the fix,
    nothing written; ``["wp", "json"]`` asks for the document alone and is run."""
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    cfg = _cfg(tmp_path, **{"translate.targets": ("en",), "write.formats": ("wp",)})
    result = run_files([src], cfg, out, _opts(tiny_models))
    assert result.count("failed") == 1 and result.error().exit_code == 2
    message = result.outcomes[0].error
    assert '[write] formats = ["wp"] writes no translation' in message
    assert "add txt, md, html or jsonl" in message
    assert not (out / "a.json").exists()
    cfg = _cfg(tmp_path, **{"translate.targets": ("en",), "write.formats": ("wp", "json")})
    assert run_files([src], cfg, out, _opts(tiny_models)).count("translated") == 1


def test_formats_wp_alone_translate_a_wordpress_post(tmp_path, tiny_models):
    """The other side of review37 P3: for a WordPress post, ``["wp"]`` writes its post."""
    src = tmp_path / "ponte.json"
    post = {
        "id": 7,
        "slug": "ponte",
        "title": {"rendered": "Il ponte"},
        "content": {"raw": "<p>Il ponte è crollato.</p>"},
    }
    src.write_text(json.dumps(post, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    cfg = _cfg(tmp_path, **{"translate.targets": ("en",), "write.formats": ("wp",)})
    assert run_files([src], cfg, out, _opts(tiny_models)).count("translated") == 1
    assert sorted(p.name for p in out.glob("ponte.*")) == ["ponte.en.wp.json", "ponte.json"]
