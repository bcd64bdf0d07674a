"""End to end: `mtpipe translate` on the sample with the tiny offline models.

The tiny models write noise, so these tests check structure and provenance —
segment counts and ids, chrome strings taken from the catalogs, source text
preserved, error handling — never the MT text itself.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.localise.chrome import catalog_text


def _model_flags(tiny_models) -> list[str]:
    return [
        f"--model-dir=it-en={tiny_models['it-en']}",
        f"--model-dir=it-fr={tiny_models['it-fr']}",
    ]


def _translate(
    tmp_path: Path, tiny_models, *inputs: str, extra: tuple[str, ...] = (), quiet: bool = True
) -> int:
    return main(
        [
            "translate",
            *inputs,
            "--to",
            "en,fr",
            "--out",
            str(tmp_path / "out"),
            "--memory",
            str(tmp_path / "tm.sqlite"),
            *(["--quiet"] if quiet else []),
            *_model_flags(tiny_models),
            *extra,
        ]
    )


@pytest.fixture(scope="module")
def sample_run(sample_translation):
    """The session's sample run (conftest ``sample_translation``: en and fr, greedy, its
    memory beside the output folder). Read-only: a test that changes it copies it first."""
    return sample_translation


def _rows(out: Path) -> list[dict]:
    return [json.loads(x) for x in (out / "kim-belousov.aligned.jsonl").read_text().splitlines()]


def test_sample_writes_every_output(sample_run):
    names = sorted(p.name for p in sample_run.iterdir())
    assert names == [
        "kim-belousov.aligned.jsonl",
        "kim-belousov.en.html",
        "kim-belousov.en.md",
        "kim-belousov.en.txt",
        "kim-belousov.fr.html",
        "kim-belousov.fr.md",
        "kim-belousov.fr.txt",
        "kim-belousov.json",
    ]


def test_sample_aligned_structure(sample_run, sample_path):
    rows = _rows(sample_run)
    mt = [r for r in rows if r["origin"]["en"] in ("mt", "memory")]
    chrome = [r for r in rows if r["origin"]["en"] == "catalog"]
    assert len(rows) == 26 and len(mt) == 21 and len(chrome) == 5
    assert len({r["id"] for r in rows}) == 26
    assert all(r["en"] and r["fr"] for r in rows)
    # source preserved: each block's segments give back the page line
    lines = [
        ln.strip() for ln in sample_path.read_text(encoding="utf-8").splitlines() if ln.strip()
    ]
    doc = json.loads((sample_run / "kim-belousov.json").read_text())
    blocks = ["".join(s["source"] + s["space_after"] for s in b["segments"]) for b in doc["blocks"]]
    assert blocks == lines


def test_chrome_comes_from_the_catalogs_in_each_language(sample_run):
    chrome = [r for r in _rows(sample_run) if r["origin"]["en"] == "catalog"]
    assert [r["en"] for r in chrome] == [
        "Categories",
        "Italy",
        "Leave a Reply",
        "Your email address will not be published.",
        "Required fields are marked *",
    ]
    for r in chrome:
        domain = "categories" if r["kind"] == "category" else "messages"
        expected = catalog_text(
            r["msgid"], "fr", domain=domain, source_text=r["src"], source_lang="fr"
        )
        assert r["fr"] == expected
    fr_text = (sample_run / "kim-belousov.fr.txt").read_text()
    assert "Laisser un commentaire" in fr_text


def test_outputs_are_signed_and_flag_the_tiny_model(sample_run):
    doc = json.loads((sample_run / "kim-belousov.json").read_text())
    for lang in ("en", "fr"):
        sig = doc["signatures"][lang]
        assert sig["tiny"] is True
        assert {"model", "revision", "backend", "num_beams", "mtpipe"} <= set(sig)
    assert "noise" in (sample_run / "kim-belousov.en.md").read_text()


def test_rerun_skips_up_to_date_articles(tmp_path, tiny_models, sample_path, sample_run, capsys):
    # A copy of the module run's outputs (same input, settings and models) is an earlier run.
    shutil.copytree(sample_run, tmp_path / "out")
    before = (tmp_path / "out" / "kim-belousov.json").stat().st_mtime_ns
    rerun = _translate(tmp_path, tiny_models, str(sample_path), extra=("--beams", "1"), quiet=False)
    assert rerun == 0
    assert "up to date" in capsys.readouterr().out
    assert (tmp_path / "out" / "kim-belousov.json").stat().st_mtime_ns == before


def test_missing_model_is_one_clear_line(tmp_path, sample_path, capsys):
    code = main(
        [
            "translate",
            str(sample_path),
            "--to",
            "en",
            "--out",
            str(tmp_path / "out"),
            "--model-dir",
            f"it-en={tmp_path / 'no-model'}",
        ]
    )
    err = capsys.readouterr().err.strip()
    assert code == 4
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert "opus-mt-it-en" in err or "it-en" in err
    assert "no-model" in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", b"\x00\x01\x02\x03", "binary"),
        ("latin1.txt", "perché".encode("latin-1"), "UTF-8"),
    ],
)
def test_bad_input_exits_3_and_writes_nothing(
    tmp_path, tiny_models, capsys, name, content, message
):
    path = tmp_path / name
    path.write_bytes(content)
    assert _translate(tmp_path, tiny_models, str(path)) == 3
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_missing_input_exits_3(tmp_path, tiny_models, capsys):
    assert _translate(tmp_path, tiny_models, str(tmp_path / "missing.txt")) == 3
    assert "no such file" in capsys.readouterr().err


def test_one_bad_file_does_not_stop_the_batch(tmp_path, tiny_models, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(
        "Un titolo\n\nLa Borsa di Praga ha chiuso in calo.\n", encoding="utf-8"
    )
    (src / "bad.txt").write_bytes(b"")
    assert _translate(tmp_path, tiny_models, str(src)) == 3
    assert (tmp_path / "out" / "good.json").exists()
    assert "bad.txt" in capsys.readouterr().err


def test_bad_config_key_exits_2(tmp_path, sample_path, capsys):
    cfg = tmp_path / "c.toml"
    cfg.write_text("[translate]\nbeam = 3\n", encoding="utf-8")
    assert main(["--config", str(cfg), "translate", str(sample_path)]) == 2
    assert "num_beams" in capsys.readouterr().err


def test_bad_flag_exits_2(capsys):
    assert main(["translate"]) == 2
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize(
    "targets, hint",
    [
        ("", "no target language"),
        ("it", "target 'it' is the source language; drop it from --to"),
        ("en,it", "target 'it' is the source language; drop it from --to"),
    ],
)
def test_bad_target_list_is_a_usage_error(
    tmp_path, sample_path, tiny_models, capsys, targets, hint
):
    code = main(["translate", str(sample_path), "--to", targets, "--out", str(tmp_path / "o")])
    assert code == 2
    err = capsys.readouterr().err
    assert hint in err and "kept anyway" not in err and len(err.strip().splitlines()) == 1


def test_markdown_in_another_language_than_the_run_is_refused(tmp_path, tiny_models, capsys):
    md = tmp_path / "fr.md"
    md.write_text("---\nlang: fr\n---\n# Titre\n\nUne phrase.\n", encoding="utf-8")
    assert _translate(tmp_path, tiny_models, str(md)) == 3
    assert "--source-lang fr" in capsys.readouterr().err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


SMALL_PAGE = """<!DOCTYPE html><html lang="fr"><head><title>Borsa</title>
<script>track()</script><style>p{color:red}</style></head><body>
<nav><a href="/">Accueil</a> <a href="/monde/">Monde</a></nav>
<article><h1>La Borsa di Milano chiude in calo</h1>
<div class="entry-content">
<p>La Borsa di <a href="https://example.org/milano">Milano</a> ha chiuso in <strong>forte</strong>
calo venerd&igrave;, trascinata dalle banche e dai titoli dell&rsquo;energia.</p>
<p>Gli analisti parlano di <em>prese di profitto</em> dopo settimane di rialzi continui.</p>
</div></article>
<div id="respond"><h3 id="reply-title">Laisser un commentaire</h3></div>
</body></html>
"""


def _start_tags(fragment: str) -> list[str]:
    import html5lib

    nodes = html5lib.parseFragment(fragment, treebuilder="lxml", namespaceHTMLElements=False)
    return [el.tag for node in nodes if not isinstance(node, str) for el in node.iter()
            if isinstance(el.tag, str)]  # fmt: skip


def _assert_same_blocks_inline_at_most(source: list[str], output: list[str]) -> None:
    """Every block tag of ``source`` in ``output``; each inline one at most as often (an inline
    tag a noise model left no honest place for is left out and reported, never invented)."""
    from collections import Counter

    from pipeline.protect.spans import INLINE_TAGS

    inline = {*INLINE_TAGS, "img", "code"}
    src, out = Counter(source), Counter(output)
    assert {t: n for t, n in out.items() if t not in inline} == {
        t: n for t, n in src.items() if t not in inline
    }
    assert all(out[t] <= src[t] for t in out if t in inline), (source, output)


def test_mixed_folder_of_text_markdown_html_and_wordpress(tmp_path, tiny_models):
    from format_fixtures import POST

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "nota.txt").write_text("Titolo breve\n\nUna frase di prova.\n", encoding="utf-8")
    (folder / "praga.md").write_text(
        "---\ntitle: Borsa di Praga\ncategory: Economia\n---\n\nLa Borsa di **Praga** cala.\n",
        encoding="utf-8",
    )
    (folder / "milano.it.html").write_text(SMALL_PAGE, encoding="utf-8")
    shutil.copy(POST, folder / "post.json")
    assert _translate(tmp_path, tiny_models, str(folder)) == 0
    out = tmp_path / "out"
    for name in ("nota", "praga", "milano", "post"):
        for lang in ("en", "fr"):
            for suffix in ("txt", "md", "html"):
                assert (out / f"{name}.{lang}.{suffix}").is_file()
    # HTML page: the article's markup is kept, the page chrome is not
    page = (out / "milano.en.html").read_text(encoding="utf-8")
    # every block tag once; an inline tag at most once: one the noise model left no honest
    # place for (one made-up word for a sentence) is left out, named in a QA finding
    # (pipeline.protect.pairs), never put back around the Italian words
    tags = _start_tags(page)
    assert [t for t in tags if t in ("h1", "p")] == ["h1", "p", "p"]
    inline = [t for t in tags if t not in ("h1", "p")]
    assert set(inline) <= {"a", "strong", "em"} and len(inline) == len(set(inline))
    found = (out / "milano.aligned.jsonl").read_text(encoding="utf-8")
    assert "a" in inline or "https://example.org/milano" in found
    assert "track()" not in page and "Milano</a>" not in page.split("<h1")[0]
    # WordPress post: a post of the same shape per language, block comments in place
    source = json.loads(POST.read_text(encoding="utf-8"))
    for lang in ("en", "fr"):
        post = json.loads((out / f"post.{lang}.wp.json").read_text(encoding="utf-8"))
        assert post["lang"] == lang and set(post) >= {"title", "content", "excerpt", "slug"}
        _assert_same_blocks_inline_at_most(
            _start_tags(source["content"]["raw"]), _start_tags(post["content"])
        )
        assert post["content"].count("<!-- wp:") == source["content"]["raw"].count("<!-- wp:")
    md = (out / "praga.fr.md").read_text(encoding="utf-8")
    assert f'category: "{catalog_text("Economy", "fr", domain="categories")}"' in md


def test_mt_segments_carry_the_model_confidence(sample_run):
    rows = _rows(sample_run)
    for r in rows:
        for lang in ("en", "fr"):
            if r["origin"][lang] == "mt":
                assert r["score"][lang] <= 0
            else:
                assert lang not in r.get("score", {})
    doc = json.loads((sample_run / "kim-belousov.json").read_text())
    mt = [
        t
        for b in doc["blocks"]
        for s in b["segments"]
        for t in s["translations"].values()
        if t["origin"] == "mt"
    ]
    assert mt and all(isinstance(t["score"], float) for t in mt)


def test_qa_of_the_document_and_of_its_aligned_jsonl_agree(sample_run, tmp_path):
    """Same QA findings; what earlier stages added (placeholder repairs) is in the JSON only."""
    from pipeline.config import QASettings
    from pipeline.qa import all_checks
    from pipeline.qa.files import check_file
    from pipeline.qa.registry import STAGE

    ours = {c.id for c in all_checks().values() if c.scope != STAGE}

    def qa(rows):
        return [(r.id, [(f.check, f.lang) for f in r.findings if f.check in ours]) for r in rows]

    _, a = check_file(sample_run / "kim-belousov.json", QASettings())
    _, b = check_file(sample_run / "kim-belousov.aligned.jsonl", QASettings())
    assert qa(a) == qa(b)
    assert any(f.check == "name_variant" for r in b for f in r.findings)


NOISE = "tiny random test model"


def test_every_output_of_a_tiny_model_says_its_text_is_noise(sample_run, tmp_path):
    doc = sample_run / "kim-belousov.json"
    for lang in ("en", "fr"):
        assert NOISE in (sample_run / f"kim-belousov.{lang}.txt").read_text().splitlines()[0]
        assert NOISE in (sample_run / f"kim-belousov.{lang}.html").read_text().splitlines()[0]
    rows = [json.loads(x) for x in (sample_run / "kim-belousov.aligned.jsonl").open()]
    mt_rows = [r for r in rows if "mt" in r["origin"].values()]
    assert mt_rows and all(r["noise"] for r in mt_rows)
    assert not any("noise" in r for r in rows if "mt" not in r["origin"].values())
    for source in (doc, sample_run / "kim-belousov.aligned.jsonl"):  # the report of either
        report = tmp_path / f"{source.name}.qa.md"
        main(["qa", str(source), "--out", str(tmp_path / "f.jsonl"), "--report", str(report)])
        assert NOISE in report.read_text()
    tmx = tmp_path / "memory.tmx"
    assert main(["tm", "export", str(tmx), "--memory", str(sample_run.parent / "tm.sqlite")]) == 0
    assert tmx.read_text().count(f"<note>machine translation by a {NOISE}") > 0
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(doc, docs)
    assert main(["bundle", str(docs), "--out", str(tmp_path / "site")]) == 0
    warn = 'class="notice notice-warn"'  # the demo notice, in each locale's words
    for lang in ("en", "fr"):
        assert warn in (tmp_path / "site" / lang / "index.html").read_text()
        feed = json.loads((tmp_path / "site" / lang / "feed.json").read_text())
        assert all("noise" in item["_mtpipe"] for item in feed["items"])
    assert warn not in (tmp_path / "site" / "it" / "index.html").read_text()


def test_without_a_memory_setting_nothing_is_written_outside_the_output_folder(
    tmp_path, tiny_models, monkeypatch
):
    """The built-in memory path out/memory.sqlite was created in the current folder by
    `translate --out DIR` and by `import` of a file in DIR; it now lives in DIR."""
    from translate.storage import pypo

    from pipeline.memory import TranslationMemory

    cwd, out = tmp_path / "cwd", tmp_path / "elsewhere"
    cwd.mkdir()
    page = cwd / "pezzo.txt"
    page.write_text("Il titolo\n\nIl governo ha approvato la legge.\n", encoding="utf-8")
    (tmp_path / "fast.toml").write_text("[translate]\nnum_beams = 1\n", encoding="utf-8")
    monkeypatch.chdir(cwd)
    argv = ["--config", str(tmp_path / "fast.toml"), "translate", str(page), "--to", "fr"]
    assert (
        main([*argv, "--out", str(out), "--quiet", f"--model-dir=it-fr={tiny_models['it-fr']}"])
        == 0
    )
    assert main(["export", str(out / "pezzo.json"), "--to", "fr", "--format", "po"]) == 0
    store = pypo.pofile.parsefile(str(out / "pezzo.fr.po"))
    for unit in store.units:
        if unit.getcontext() == "b2.s1":
            unit.target = "Le gouvernement a adopté la loi."
    store.savefile(str(out / "pezzo.fr.po"))
    assert main(["import", str(out / "pezzo.fr.po"), "--translator", "Ada"]) == 0
    assert sorted(p.name for p in cwd.iterdir()) == ["pezzo.txt"]
    with TranslationMemory(out / "memory.sqlite", readonly=True) as tm:
        assert tm.stats()["origins"]["human"] == 1 and tm.stats()["origins"]["mt"] >= 1
    # a memory.sqlite (or its WAL file) there that links out of the folder would carry the
    # memory's writes outside it (SQLite follows the link): refused, nothing written there
    outside = tmp_path / "outside"
    outside.mkdir()
    (out / "memory.sqlite").rename(outside / "memory.sqlite")
    for name in ("memory.sqlite", "memory.sqlite-wal"):
        (out / name).unlink(missing_ok=True)
        (out / name).symlink_to(outside / name)
        before = {p.name: p.stat().st_mtime_ns for p in outside.iterdir()}
        assert main([*argv, "--out", str(out), "--force"]) == 1  # before any model loads
        assert main(["import", str(out / "pezzo.fr.po"), "--translator", "Bo"]) == 1
        assert {p.name: p.stat().st_mtime_ns for p in outside.iterdir()} == before
        (out / name).unlink()
    # a link inside the folder is fine, and so is --memory naming a memory elsewhere
    (outside / "memory.sqlite-wal").unlink(missing_ok=True)
    assert (
        main(["import", str(out / "pezzo.fr.po"), "--memory", str(outside / "memory.sqlite")]) == 0
    )


@pytest.mark.parametrize(
    ("flags", "settings", "cards", "said"),
    [
        (
            ["--device", "cuda"],
            "",
            0,
            "--device cuda: this machine has no CUDA device; use --device cpu or --device auto",
        ),
        (
            [],
            '[translate]\ndevice = "cuda:1"\n',
            1,
            "[translate] device = 'cuda:1': this machine has only 1 CUDA device(s); set "
            '[translate] device = "cpu" or "auto" in',
        ),
        (
            ["--device", "cpu"],
            '[translate]\nct2_compute_type = "float16"\n',
            0,
            "[translate] ct2_compute_type = 'float16': CTranslate2 cannot run float16 on the "
            'CPU (it can: float32, int8); set [translate] ct2_compute_type = "auto" or "float32"',
        ),
    ],
)
def test_settings_this_machine_cannot_run_stop_the_run_before_anything_is_written(
    tmp_path, tiny_models, monkeypatch, capsys, flags, settings, cards, said
):
    """`--device cuda` without CUDA was exit 2 at model load, after the run had made its
    output folder and memory.sqlite, in words that named neither the flag nor the fix.
    Such settings (a card this machine lacks, a compute type its device cannot run) are
    refused first, naming the flag or the file and key that set them, and the fix."""
    import ctranslate2

    import pipeline.translate.base as base

    monkeypatch.setattr(base, "cuda_device_count", lambda backend: cards)
    monkeypatch.setattr(ctranslate2, "get_supported_compute_types", lambda *a: {"int8", "float32"})
    cfg = tmp_path / "s.toml"
    cfg.write_text(settings, encoding="utf-8")
    page = tmp_path / "pezzo.txt"
    page.write_text("Il titolo\n\nIl governo ha approvato la legge.\n", encoding="utf-8")
    out = tmp_path / "o4"
    argv = ["--config", str(cfg), "translate", str(page), "--to", "en", "--out", str(out)]
    assert main([*argv, f"--model-dir=it-en={tiny_models['it-en']}", *flags]) == 2
    err = capsys.readouterr().err
    assert said in err and len(err.strip().splitlines()) == 1
    assert (str(cfg) in err) == (not flags or flags[1] == "cpu")  # the file, when it set it
    assert not out.exists()


ABOUT_HTML = (
    "<html> è il primo tag di ogni pagina web: lo spiega questo articolo.\n"
    "Il linguaggio HTML è nato al CERN di Ginevra nel 1991, grazie a Tim Berners-Lee.\n"
)


def test_format_txt_reads_a_text_article_that_opens_with_html_as_text(
    tmp_path, tiny_models, capsys
):
    """A .txt about HTML that opens with `<html>` is sniffed as a page (exit 3, no article
    found): the message names --format txt, which reads it as page text, tag and all."""
    src = tmp_path / "html.txt"
    src.write_text(ABOUT_HTML, encoding="utf-8")
    assert _translate(tmp_path, tiny_models, str(src)) == 3
    assert "give --format txt" in capsys.readouterr().err
    assert _translate(tmp_path, tiny_models, str(src), extra=("--format", "txt")) == 0
    doc = json.loads((tmp_path / "out" / "html.json").read_text(encoding="utf-8"))
    assert doc["meta"]["format"] == "page"
    assert doc["blocks"][0]["text"].startswith("<html> è il primo tag")


def test_read_format_in_the_settings_file_forces_the_reader(tmp_path, tiny_models):
    """`[read] format` does what --format does; a flag overrides the file."""
    src = tmp_path / "html.txt"
    src.write_text(ABOUT_HTML, encoding="utf-8")
    cfg = tmp_path / "c.toml"
    cfg.write_text('[read]\nformat = "txt"\n', encoding="utf-8")
    assert main(["--config", str(cfg), *_cli_args(tmp_path, tiny_models, src)]) == 0
    flag = ["--format", "html", "--force"]
    assert main(["--config", str(cfg), *_cli_args(tmp_path, tiny_models, src), *flag]) == 3


def _cli_args(tmp_path: Path, tiny_models, src: Path) -> list[str]:
    out = ["--out", str(tmp_path / "out"), "--memory", str(tmp_path / "tm.sqlite")]
    model = f"--model-dir=it-en={tiny_models['it-en']}"  # the one pair the run uses
    return ["translate", str(src), "--to", "en", "--quiet", *out, model]


def test_an_unknown_format_is_a_usage_error(tmp_path, sample_path, capsys):
    assert main(["translate", str(sample_path), "--format", "docx"]) == 2
    assert "--format" in capsys.readouterr().err


def _page(boxes: str) -> str:
    return (
        "<html><body><article><h1>Allerta rossa in Liguria</h1><p>La Protezione civile ha "
        f"diramato l'allerta rossa per tutta la Liguria da stasera.</p>{boxes}<p>Le scuole "
        "resteranno chiuse a Genova e a Savona, ha detto il sindaco.</p></article></body></html>"
    )


def test_furniture_left_out_of_an_article_is_one_warning_line_and_recorded(
    tmp_path, tiny_models, capsys
):
    """A related box and an author bio inside the article were dropped without a word."""
    boxes = (
        '<div class="related-content"><p>Frana sulla via Aurelia.</p><p>Ponte chiuso.</p></div>'
        '<div class="author-bio"><p>Mario Rossi scrive di cronaca dal 2010.</p></div>'
    )
    (tmp_path / "a.html").write_text(_page(boxes), encoding="utf-8")
    (tmp_path / "b.html").write_text(_page(""), encoding="utf-8")
    args = (str(tmp_path / "a.html"), str(tmp_path / "b.html"))
    assert _translate(tmp_path, tiny_models, *args) == 0
    warned = [x for x in capsys.readouterr().err.splitlines() if "page furniture" in x]
    assert len(warned) == 1 and "a.html: 3 paragraphs (" in warned[0]
    assert "div.related-content, div.author-bio" in warned[0]
    assert "a.json, meta.left_out" in warned[0]
    doc = json.loads((tmp_path / "out" / "a.json").read_text(encoding="utf-8"))
    texts = [r["text"] for r in doc["meta"]["left_out"]]
    assert texts == [
        "Frana sulla via Aurelia.\nPonte chiuso.",
        "Mario Rossi scrive di cronaca dal 2010.",
    ]
    doc_b = json.loads((tmp_path / "out" / "b.json").read_text(encoding="utf-8"))
    assert "left_out" not in doc_b["meta"]


@pytest.mark.parametrize(
    ("flags", "unused"),
    [
        (["--to", "en", "--model-dir", "it-fr=modelli/fr"], "it-fr=modelli/fr"),
        (["--to", "en", "--model-dir", "fr-en=modelli/fr-en"], "fr-en=modelli/fr-en"),
        (["--to", "en", "--model-dir", "IT-FR=m", "--model-dir", "it-en=e"], "it-fr=m"),
        (["--to", "en,fr", "--model-dir", "it-fr=m", "--model-dir", "IT-EN=e"], None),
        (["--to", "en", "--source-lang", "fr", "--model-dir", "fr-en=m"], None),
    ],
)
def test_a_model_dir_for_a_pair_the_run_never_uses_is_one_warning_line(
    tmp_path, capsys, flags, unused
):
    """``--to en --model-dir it-fr=X`` ignored the folder without a word: one warning line
    names the flag and the pairs the run translates; the run goes on (here: exit 3 for the
    missing input, as without the flag)."""
    argv = ["translate", str(tmp_path / "manca.txt"), "--out", str(tmp_path / "o"), *flags]
    assert main(argv) == 3
    warned = [x for x in capsys.readouterr().err.splitlines() if "--model-dir" in x]
    if unused is None:
        assert warned == []
    else:
        assert len(warned) == 1 and warned[0].startswith(f"mtpipe: warning: --model-dir {unused}")
        assert "not used" in warned[0] and "--to en" in warned[0]


def _batch(tmp_path: Path, write_news) -> tuple[Path, Path]:
    """Three news articles of 5 segments, an unreadable one, and settings that put each
    article in a group of its own (``group_segments = 5``: every article is "long")."""
    inputs = write_news(tmp_path / "in", 3)
    (inputs / "art01.txt").write_bytes(b"")  # unreadable: fails at planning
    (inputs / "short.txt").write_text("Un titolo\n\nUna frase.\n", encoding="utf-8")
    cfg = tmp_path / "groups.toml"
    cfg.write_text("[translate]\nnum_beams = 1\ngroup_segments = 5\n", encoding="utf-8")
    return inputs, cfg


def _mark_groups(monkeypatch) -> None:
    """Print ``-- translating IDS`` on stdout when a group starts translating."""
    import pipeline.translate as translate

    original = translate.translate_articles

    def translating(articles, *args, **kw):
        print(f"-- translating {' '.join(a.id for a in articles)}")
        return original(articles, *args, **kw)

    monkeypatch.setattr(translate, "translate_articles", translating)


def test_each_articles_line_is_printed_as_it_is_written_with_a_running_count(
    tmp_path, tiny_models, monkeypatch, capsys, write_news
):
    """Every line came when the whole batch ended. Clock-free: a marker printed as each group
    starts translating falls between the lines; a failure's line (stderr) carries its count;
    a long article says it starts (stderr), a short one does not."""
    inputs, cfg = _batch(tmp_path, write_news)
    _mark_groups(monkeypatch)
    code = _translate(tmp_path, tiny_models, str(inputs), extra=("--config", str(cfg)), quiet=False)
    assert code == 3  # the unreadable input's exit code, as before
    got = capsys.readouterr()
    out = [line.split(" -> ")[0] for line in got.out.splitlines()]
    assert out == [
        "-- translating art00",
        f"[2/4] {inputs / 'art00.txt'}: translated",
        "-- translating art02",
        f"[3/4] {inputs / 'art02.txt'}: translated",
        "-- translating short",
        f"[4/4] {inputs / 'short.txt'}: translated",
        "3 translated, 0 up to date, 1 failed",
    ]
    err = [line for line in got.err.splitlines() if line.startswith("mtpipe: [")]
    assert err[0].startswith(f"mtpipe: [1/4] {inputs / 'art01.txt'}: ")
    assert err[1:3] == [
        f"mtpipe: [2/4] {inputs / 'art00.txt'}: translating 5 segments into en, fr",
        f"mtpipe: [3/4] {inputs / 'art02.txt'}: translating 5 segments into en, fr",
    ]
    assert len(err) == 3 and got.err.count("art01.txt") == 1  # said once, when it failed


def test_quiet_prints_no_article_lines_but_each_failure_as_it_happens(
    tmp_path, tiny_models, monkeypatch, capsys, write_news
):
    inputs, cfg = _batch(tmp_path, write_news)
    (inputs / "short.txt").unlink()
    _mark_groups(monkeypatch)
    code = _translate(tmp_path, tiny_models, str(inputs), extra=("--config", str(cfg)))
    assert code == 3
    got = capsys.readouterr()
    assert got.out.splitlines() == ["-- translating art00", "-- translating art02"]
    failures = [line for line in got.err.splitlines() if "art01.txt" in line]
    assert len(failures) == 1 and failures[0].startswith("mtpipe: [1/3] ")
    assert "translating 5 segments" not in got.err


def test_a_group_of_several_articles_says_it_starts_translating(
    tmp_path, tiny_models, monkeypatch, capsys, write_news
):
    """A group of short articles is translated together, and none is written before its
    MT is done: a line on stderr says the group starts (before its articles' lines, after
    the earlier group's), not one per article, and none with --quiet. Clock-free: stdout and
    stderr go to one stream, in the order the lines came."""
    inputs = write_news(tmp_path / "in", 5)  # 5 segments each
    cfg = tmp_path / "groups.toml"
    cfg.write_text("[translate]\nnum_beams = 1\ngroup_segments = 15\n", encoding="utf-8")
    _mark_groups(monkeypatch)
    monkeypatch.setattr(sys, "stderr", sys.stdout)
    code = _translate(tmp_path, tiny_models, str(inputs), extra=("--config", str(cfg)), quiet=False)
    assert code == 0
    lines = [x.split(" -> ")[0] for x in capsys.readouterr().out.splitlines()]
    names = [f"{inputs / f'art{n:02d}.txt'}" for n in range(5)]
    assert [x for x in lines if x.startswith(("mtpipe: [", "[", "-- "))] == [
        "mtpipe: [1-3/5] translating 3 articles (15 segments) into en, fr",
        "-- translating art00 art01 art02",
        f"[1/5] {names[0]}: translated",
        f"[2/5] {names[1]}: translated",
        f"[3/5] {names[2]}: translated",
        "mtpipe: [4-5/5] translating 2 articles (10 segments) into en, fr",
        "-- translating art03 art04",
        f"[4/5] {names[3]}: translated",
        f"[5/5] {names[4]}: translated",
    ]
    for out in tmp_path.glob("out*"):
        shutil.rmtree(out)
    code = _translate(tmp_path, tiny_models, str(inputs), extra=("--config", str(cfg)))
    assert code == 0 and "translating 3 articles" not in capsys.readouterr().out  # --quiet


def test_a_rerun_counts_its_up_to_date_articles_first(tmp_path, tiny_models, capsys, write_news):
    inputs = write_news(tmp_path / "in", 2)
    assert _translate(tmp_path, tiny_models, str(inputs / "art01.txt"), quiet=True) == 0
    assert _translate(tmp_path, tiny_models, str(inputs), quiet=False) == 0
    out = [line.split(" -> ")[0] for line in capsys.readouterr().out.splitlines()]
    assert out == [
        f"[1/2] {inputs / 'art01.txt'}: up to date",
        f"[2/2] {inputs / 'art00.txt'}: translated",
        "1 translated, 1 up to date, 0 failed",
    ]


class _LeftReader:
    """A stdout whose reader has gone (``| head``): every write raises BrokenPipeError."""

    def __init__(self, fd: int) -> None:
        self.fd, self.writes = fd, 0

    def write(self, text: str) -> int:
        self.writes += 1
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        pass

    def fileno(self) -> int:
        return self.fd


def test_a_reader_that_leaves_stops_the_lines_not_the_batch(
    tmp_path, tiny_models, monkeypatch, write_news
):
    """Lines now come during the run: a closed pipe (``| head -1``) must not leave the
    other articles untranslated. Exit 141 as when the lines came at the end."""
    import os
    import sys

    inputs = write_news(tmp_path / "in", 3)
    fd = os.open(tmp_path / "stdout", os.O_WRONLY | os.O_CREAT)
    stdout = _LeftReader(fd)
    monkeypatch.setattr(sys, "stdout", stdout)
    try:
        assert (
            _translate(tmp_path, tiny_models, str(inputs), extra=("--no-qa",), quiet=False) == 141
        )
    finally:
        os.close(fd)
    assert stdout.writes == 1  # tried once; the batch went on without its lines
    assert sorted(p.name for p in (tmp_path / "out").glob("*.json")) == [
        "art00.json", "art01.json", "art02.json"
    ]  # fmt: skip
