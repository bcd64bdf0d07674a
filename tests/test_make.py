"""Make targets agree with the CLI: `make qa` honours OUT, `make clean` keeps the memory."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def _make(*args: str, cwd: Path = REPO) -> str:
    cmd = ["make", "--no-print-directory", "-f", str(REPO / "Makefile"), *args]
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def test_make_qa_checks_the_documents_under_out_and_its_subfolders(tmp_path):
    out = tmp_path / "o"
    (out / "demo").mkdir(parents=True)
    (out / "site" / "en").mkdir(parents=True)  # a site bundled inside OUT: no documents
    for name in ("a.json", "demo/b.json", "a.en.wp.json", "a.qa.jsonl", "memory.sqlite"):
        (out / name).write_text("{}", encoding="utf-8")
    for name in ("site/_report.json", "site/en/feed.json"):
        (out / name).write_text("{}", encoding="utf-8")
    # -n: print the commands only; -o: never (re)build the venv from a test
    dry = _make("-n", "-o", ".venv/.installed", "qa", f"OUT={out}")
    assert f"{out}/a.json" in dry and f"{out}/demo/b.json" in dry
    assert "wp.json" not in dry and "qa.jsonl" not in dry and "site/" not in dry


def test_make_qa_with_nothing_under_out_says_where_it_looked(tmp_path):
    said = _make("-o", ".venv/.installed", "qa", f"OUT={tmp_path / 'none'}")
    assert str(tmp_path / "none") in said


def test_make_clean_keeps_the_translation_memory_and_human_work(tmp_path):
    """Outputs go; the memory, its TMX and the post-editing files (which a translator may
    have edited: human work no run can make again) stay."""
    files = ["out/memory.sqlite", "out/memory.sqlite-wal", "out/a.json", "out/demo/b.en.txt"]
    files += ["out/memory.tmx", "out/demo/postedit/b.fr.xlf", "out/postedit/a.fr.po"]
    files += ["out/demo/b.fr.po", "out/a.en.xlf", "out/a.fr.xliff"]  # `export`'s default place
    files += ["site/index.html", "test-artifacts/x.png", "models/tiny-it-en/config.json"]
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    _make("clean", cwd=tmp_path)
    assert _tree(tmp_path) == [
        "models", "models/tiny-it-en", "models/tiny-it-en/config.json",
        "out", "out/a.en.xlf", "out/a.fr.xliff",
        "out/demo", "out/demo/b.fr.po", "out/demo/postedit", "out/demo/postedit/b.fr.xlf",
        "out/memory.sqlite", "out/memory.sqlite-wal", "out/memory.tmx",
        "out/postedit", "out/postedit/a.fr.po",
    ]  # fmt: skip
    said = _make("help")
    assert "translation memory" in said and "$(" not in said


def _site(docs: str, *extra: str) -> subprocess.CompletedProcess:
    """`make site` with its commands replaced by `true` (MTPIPE): only its own steps run."""
    cmd = ["make", "--no-print-directory", "-o", ".venv/.installed", "-o", "setup", "site"]
    cmd += [f"SITE_DOCS={docs}", "SITE_MODELS=--model-dir=none", "MTPIPE=true", *extra]
    return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=60)


def test_make_site_never_empties_a_folder_it_did_not_make(tmp_path):
    """SITE_DOCS is emptied on every run: `SITE_DOCS=.` removed the whole checkout."""
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine", encoding="utf-8")
    for docs in (str(mine), str(mine / "notes.txt"), ""):
        done = _site(docs)
        assert done.returncode == 2, done.stderr
        assert "SITE_DOCS" in done.stderr
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "mine"
    new = tmp_path / "docs"
    for _ in range(2):  # a new folder, then the one the first run made
        assert _site(str(new)).returncode == 0
        assert [p.name for p in new.iterdir()] == [".make-site-docs"]


def test_make_site_refuses_a_site_docs_link_dangling_or_not(tmp_path):
    """A link as SITE_DOCS was replaced by a real folder (`rm -rf` of the link) without a word."""
    target = tmp_path / "elsewhere"
    for points_to_a_folder in (False, True):
        link = tmp_path / f"docs-{points_to_a_folder}"
        link.symlink_to(target)
        if points_to_a_folder:
            target.mkdir()
        done = _site(str(link))
        assert done.returncode == 2 and "symbolic link" in done.stderr
        assert link.is_symlink()


def test_make_site_reuses_site_docs_written_before_its_mark(tmp_path):
    """An out/site-docs from an older `make site` (no mark) holds only mtpipe's files."""
    import json

    old = tmp_path / "site-docs"
    old.mkdir()
    doc = {"schema": "mtpipe.article", "id": "kim"}
    (old / "kim.json").write_text(json.dumps(doc, indent=2), encoding="utf-8")
    for name in ("kim.en.txt", "kim.fr.html", "kim.qa.jsonl", "memory.sqlite", "memory.sqlite-wal"):
        (old / name).write_text("x", encoding="utf-8")
    (old / "notes.txt").write_text("mine", encoding="utf-8")
    done = _site(str(old))
    assert done.returncode == 2 and "rm -r" in done.stderr  # a file no document explains
    (old / "notes.txt").unlink()
    (old / "kim.json").write_text(json.dumps({"id": "kim"}), encoding="utf-8")
    assert _site(str(old)).returncode == 2  # a JSON file that is no mtpipe document
    (old / "kim.json").write_text(json.dumps(doc), encoding="utf-8")
    done = _site(str(old))
    assert done.returncode == 0, done.stderr
    assert [p.name for p in old.iterdir()] == [".make-site-docs"]


def test_make_site_keeps_files_put_in_its_own_folder_since(tmp_path):
    """A post-editing export into SITE_DOCS after a `make site` is not removed by the next."""
    docs = tmp_path / "site-docs"
    assert _site(str(docs)).returncode == 0  # makes the folder, with its mark
    (docs / "postedit").mkdir()
    (docs / "postedit" / "kim.fr.xlf").write_text("<xliff/>", encoding="utf-8")
    done = _site(str(docs))
    assert done.returncode == 2 and "rm -r" in done.stderr
    assert (docs / "postedit" / "kim.fr.xlf").read_text(encoding="utf-8") == "<xliff/>"
    # mtpipe export's default: the file beside its document (ID.LANG.xlf / .po)
    (docs / "postedit" / "kim.fr.xlf").unlink()
    (docs / "postedit").rmdir()
    (docs / "kim.json").write_text('{"schema": "mtpipe.article"}', encoding="utf-8")
    (docs / "kim.en.txt").write_text("x", encoding="utf-8")
    assert _site(str(docs)).returncode == 0  # only what make site writes: emptied
    (docs / "kim.json").write_text('{"schema": "mtpipe.article"}', encoding="utf-8")
    for name in ("kim.fr.xlf", "kim.en.po"):
        (docs / name).write_text("edited", encoding="utf-8")
        assert _site(str(docs)).returncode == 2, name
        assert (docs / name).read_text(encoding="utf-8") == "edited"
        (docs / name).unlink()


@pytest.mark.parametrize(
    ("docs", "out", "code"),
    [("site/docs", "site", 2), ("out/site-docs", "out", 2), ("d", "d/site", 2), ("d", "d", 2)]
    + [("site-docs", "site", 0), ("d", "d2", 0)],
)
def test_make_site_refuses_site_docs_and_site_out_that_overlap(tmp_path, docs, out, code):
    """SITE_OUT=out replaced out/site-docs (and its memory) with the site; SITE_DOCS inside
    SITE_OUT was emptied by the bundle, SITE_OUT inside SITE_DOCS by the next run."""
    (tmp_path / out).mkdir(parents=True)
    (tmp_path / out / "keep.txt").write_text("mine", encoding="utf-8")
    (tmp_path / out / "_report.json").write_text(_EARLIER_SITE, encoding="utf-8")
    done = _site(str(tmp_path / docs), f"SITE_OUT={tmp_path / out}")
    assert done.returncode == code, done.stderr
    assert (tmp_path / out / "keep.txt").read_text(encoding="utf-8") == "mine"
    if code:
        assert f"SITE_OUT={tmp_path / out} overlap" in done.stderr


# the report an earlier `mtpipe bundle` left in its folder: a site make site may replace
_NO_MODELS = "SITE_MODELS=--model-dir=none"  # no tiny models to build first
_EARLIER_SITE = '{\n  "generator": "mtpipe bundle",\n  "pages": []\n}\n'


def _calls(tmp_path: Path, target: str, *assign: str) -> tuple[subprocess.CompletedProcess, list]:
    """`make -s TARGET` with a stand-in mtpipe (a VENV of its own) that prints each argument
    it gets on a line of its own: the argument lists of its calls, as the shell split them."""
    venv = tmp_path / "venv"  # (make takes no target with a space)
    (venv / "bin").mkdir(parents=True, exist_ok=True)
    tool = venv / "bin" / "mtpipe"
    tool.write_text('#!/bin/sh\necho CALL; for a in "$@"; do echo "<$a>"; done\n')
    tool.chmod(0o755)
    cmd = ["make", "-s", "--no-print-directory", "-o", f"{venv}/.installed", "-o", "setup"]
    cmd += [target, f"VENV={venv}", *assign]
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=60)
    calls = [[a[1:-1] for a in c.split("\n") if a] for c in done.stdout.split("CALL\n")[1:]]
    return done, calls


def test_make_site_passes_each_folder_with_spaces_as_one_argument(tmp_path):
    """`make site SITE_OUT="my site"` reached mtpipe as two arguments ("unrecognized
    arguments: site"); so for SITE_DOCS, SITE_INPUT and CONFIG. SITE_MODELS, mtpipe flags,
    is still split into its flags."""
    docs, out, src = tmp_path / "my docs", tmp_path / "my site", tmp_path / "la mia fonte.txt"
    config = tmp_path / "my settings.toml"
    models = "SITE_MODELS=--model-dir it-en=A --model-dir it-fr=B"
    done, calls = _calls(
        tmp_path, "site", f"SITE_DOCS={docs}", f"SITE_OUT={out}", f"SITE_INPUT={src}",
        f"CONFIG={config}", models,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    translate, bundle = calls
    assert translate[:4] == ["--config", str(config), "translate", str(src)]
    assert translate[translate.index("--out") + 1] == str(docs)
    assert translate[-5:] == ["--model-dir", "it-en=A", "--model-dir", "it-fr=B", "--quiet"]
    assert bundle == ["--config", str(config), "bundle", str(docs), "--out", str(out)]


def test_make_targets_pass_each_path_with_spaces_as_one_argument(tmp_path):
    """Second input of the kind: IN, OUT, MEMORY, TMX reach mtpipe whole."""
    src, out = tmp_path / "i miei articoli", tmp_path / "my out"
    memory, tmx = tmp_path / "a b" / "memory.sqlite", tmp_path / "my memory.tmx"
    done, [call] = _calls(tmp_path, "translate", f"IN={src}", f"OUT={out}")
    assert done.returncode == 0, done.stderr
    assert call[2:7] == ["translate", str(src), "--to", "en,fr", "--out"]
    assert call[7] == str(out)
    done, [call] = _calls(tmp_path, "tm-export", f"MEMORY={memory}", f"TMX={tmx}")
    assert done.returncode == 0, done.stderr
    assert call[2:] == ["tm", "export", "--memory", str(memory), str(tmx)]
    done, [call] = _calls(tmp_path, "postedit-export", f"OUT={out}", "LANG=fr")
    assert done.returncode == 0, done.stderr
    assert call[2:4] == ["export", str(out)] and call[-1] == str(out / "postedit")


def test_make_path_variables_starting_with_a_tilde_are_the_home_folder(tmp_path, monkeypatch):
    """`make translate OUT='~/news'` (quoted, or make's recipes under sh) passed `~/news`
    on, and the outputs went into a folder named `~` in the checkout."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    done, [call] = _calls(tmp_path, "translate", "OUT=~/news", "IN=~")
    assert done.returncode == 0, done.stderr
    assert call[3] == str(tmp_path / "home") and call[7] == str(tmp_path / "home" / "news")
    done, [call] = _calls(tmp_path, "tm-export", "MEMORY=~/m/memory.sqlite")
    assert call[-2:] == [
        str(tmp_path / "home/m/memory.sqlite"),
        str(tmp_path / "home/m/memory.tmx"),
    ]
    done, [call] = _calls(tmp_path, "translate", "OUT=a~b")  # not at the start: as given
    assert call[7] == "a~b"


def test_make_qa_and_postedit_import_take_files_in_folders_with_spaces(tmp_path):
    """The file lists of `make qa` and `make postedit-import` were make word lists (find,
    $(wildcard)), which split ``my out/a.json`` in two; a quote in a name is taken too."""
    out = tmp_path / "my out"
    (out / "l'archivio").mkdir(parents=True)
    for name in ("a.json", "l'archivio/b.json", "a.en.wp.json"):
        (out / name).write_text("{}", encoding="utf-8")
    done, calls = _calls(tmp_path, "qa", f"OUT={out}")
    assert done.returncode == 0, done.stderr
    assert [c[2:] for c in calls] == [
        ["qa", str(out / "a.json")],
        ["qa", str(out / "l'archivio/b.json")],
    ]
    done, calls = _calls(tmp_path, "postedit-import", f"OUT={out}")
    assert done.returncode == 2 and f"no exchange files in {out}/postedit" in done.stderr
    assert calls == []
    (out / "postedit").mkdir()
    for name in ("a.fr.xlf", "b.en.po", "notes.txt"):
        (out / "postedit" / name).write_text("x", encoding="utf-8")
    done, [call] = _calls(tmp_path, "postedit-import", f"OUT={out}")
    assert done.returncode == 0, done.stderr
    assert call[2:] == [
        "import",
        str(out / "postedit" / "a.fr.xlf"),
        str(out / "postedit" / "b.en.po"),
    ]


@pytest.mark.parametrize("what", ["file", "folder of yours", "link"])
def test_make_site_refuses_a_site_out_the_bundle_would_refuse_before_changing_anything(
    tmp_path, what
):
    """`make site SITE_OUT=README.md` emptied SITE_DOCS and translated the sample before
    `mtpipe bundle` refused the file: said first, naming SITE_OUT, nothing changed."""
    docs, out = tmp_path / "docs", tmp_path / "README.md"
    assert _site(str(docs)).returncode == 0  # an earlier run's folder, its document in it
    (docs / "kim.json").write_text('{"schema": "mtpipe.article"}', encoding="utf-8")
    if what == "file":
        out.write_text("# mine\n", encoding="utf-8")
    elif what == "folder of yours":
        out.mkdir()
        (out / "index.html").write_text("mine", encoding="utf-8")
    else:
        out.symlink_to(tmp_path / "elsewhere")
    done, calls = _calls(tmp_path, "site", f"SITE_DOCS={docs}", f"SITE_OUT={out}", _NO_MODELS)
    assert done.returncode == 2 and f"make site: SITE_OUT={out} " in done.stderr
    assert calls == [] and (docs / "kim.json").is_file()  # nothing emptied, nothing run


@pytest.mark.parametrize("what", ["new", "empty", "earlier site"])
def test_make_site_builds_into_a_new_empty_or_earlier_site_out(tmp_path, what):
    """The other side: the folders mtpipe bundle replaces are still taken."""
    out = tmp_path / "site"
    if what != "new":
        out.mkdir()
    if what == "earlier site":
        (out / "_report.json").write_text(_EARLIER_SITE, encoding="utf-8")
        (out / "index.html").write_text("old", encoding="utf-8")
    docs = f"SITE_DOCS={tmp_path / 'docs'}"
    done, calls = _calls(tmp_path, "site", docs, f"SITE_OUT={out}", _NO_MODELS)
    assert done.returncode == 0, done.stderr
    assert calls[-1][-2:] == ["--out", str(out)]


def test_make_site_with_site_models_that_are_no_choice_says_what_it_takes(tmp_path):
    """`SITE_MODELS=bogus` reached mtpipe as an argument: "unrecognized arguments: bogus"."""
    docs = tmp_path / "docs"
    cmd = ["make", "--no-print-directory", "-o", ".venv/.installed", "-o", "setup", "site"]
    cmd += [f"SITE_DOCS={docs}", "SITE_MODELS=bogus", "MTPIPE=true"]
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "SITE_MODELS=bogus is not tiny, opus or mtpipe flags" in done.stderr
    assert not docs.exists()  # refused before anything was removed or made


def test_make_test_runs_two_workers_slow_modules_first_and_prints_the_ten_slowest():
    """Issue 15 item 7: every `make test` (also CI's, .ci/run) ends with the ten slowest tests;
    one module per worker, started in tests/conftest.py's order (slowest modules first)."""
    (command,) = [line for line in _make("-n", "-o", ".venv/.installed", "test").splitlines()
                  if " -m pytest " in line]  # fmt: skip
    flags = command.split()
    assert "--durations=10" in flags and "-n" in flags and "2" in flags
    assert {"--dist", "loadfile", "--no-loadscope-reorder"} <= set(flags)
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert "make test" in [line.strip() for line in ci]


def test_the_slowest_modules_are_collected_first_in_their_listed_order():
    from types import SimpleNamespace

    from conftest import SLOW_MODULES_FIRST, pytest_collection_modifyitems

    tests = REPO / "tests"
    assert all((tests / name).is_file() for name in SLOW_MODULES_FIRST)
    order = [("test_atomic.py", "a"), ("test_cli_translate.py", "b"), ("test_atomic.py", "c"),
             ("test_runners_ray.py", "d"), ("test_cli_translate.py", "e")]  # fmt: skip
    items = [SimpleNamespace(path=tests / module, name=name) for module, name in order]
    pytest_collection_modifyitems(items)
    assert [item.name for item in items] == ["d", "b", "e", "a", "c"]


def test_make_tm_targets_take_the_memory_named_by_memory(tmp_path):
    """After `make demo` the memory is out/demo/memory.sqlite: MEMORY= must reach `tm`."""
    memory = tmp_path / "demo" / "memory.sqlite"
    cmd = ["make", "--no-print-directory", "-o", ".venv/.installed", "tm-stats"]
    done = subprocess.run(
        [*cmd, f"MEMORY={memory}"], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert done.returncode != 0 and f"no translation memory at {memory}" in done.stderr


def test_make_tm_export_writes_the_tmx_beside_the_memory_it_exports(tmp_path):
    """`make tm-export MEMORY=out/demo/memory.sqlite` wrote out/memory.tmx, outside the run's
    folder (and beside another run's memory); the TMX now goes beside the memory named, and
    TMX= still picks the file. Without MEMORY the default memory's place, out/."""
    memory = tmp_path / "my run" / "memory.sqlite"
    done, [call] = _calls(tmp_path, "tm-export", f"MEMORY={memory}")
    assert done.returncode == 0, done.stderr
    assert call[2:] == ["tm", "export", "--memory", str(memory), str(memory.parent / "memory.tmx")]
    done, [call] = _calls(tmp_path, "tm-export", "MEMORY=memory.sqlite")  # a bare file name
    assert call[-1] == "./memory.tmx"
    done, [call] = _calls(tmp_path, "tm-export")
    assert call[2:] == ["tm", "export", "out/memory.tmx"]
    done, [call] = _calls(tmp_path, "tm-import", f"MEMORY={memory}", "TMX=a b.tmx")
    assert call[2:] == ["tm", "import", "--memory", str(memory), "a b.tmx"]


def test_make_tm_import_without_tmx_asks_for_it(tmp_path):
    """`make tm-import` read out/memory.tmx, `make tm-export`'s default output: it imported a
    memory's own export back, or failed with "out/memory.tmx: no such file"."""
    done, calls = _calls(tmp_path, "tm-import", f"MEMORY={tmp_path / 'memory.sqlite'}")
    assert done.returncode != 0 and calls == []
    assert "give the TMX file to import: make tm-import TMX=FILE" in done.stderr


@pytest.mark.parametrize("target", ["tm-stats", "tm-export"])
def test_make_tm_targets_without_a_memory_name_the_make_variable(tmp_path, target):
    """mtpipe's error says `--memory DIR/memory.sqlite`, a flag make does not take: a make
    target that finds no memory also names MEMORY=."""
    config = tmp_path / "c.toml"
    config.write_text(f'[write]\nout_dir = "{tmp_path / "none"}"\n', encoding="utf-8")
    cmd = ["make", "--no-print-directory", "-o", ".venv/.installed", target, f"CONFIG={config}"]
    cmd += [f"TMX={tmp_path / 'm.tmx'}"]
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "no translation memory at" in done.stderr
    assert f"make {target}: name another run's memory with MEMORY=DIR/memory.sqlite" in done.stderr
    assert not (tmp_path / "m.tmx").exists()


def test_make_postedit_export_prints_its_command_on_one_line():
    """The recipe's continuation line printed a stray `\\` and a blank line."""
    said = _make("-n", "-o", ".venv/.installed", "postedit-export", "OUT=o", "LANG=fr")
    [line] = said.splitlines()
    assert line.endswith('--out-dir "o/postedit"')
    said = _make("-n", "-o", ".venv/.installed", "postedit-export", "OUT=o", "LANG=fr",
                 "ONLY_FLAGGED=error")  # fmt: skip
    assert said.splitlines()[0].endswith('--out-dir "o/postedit" --only-flagged error')
