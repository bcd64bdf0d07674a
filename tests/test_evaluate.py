"""The eval gate: sacrebleu scoring, the gate rule, published scores, both translation paths."""

from __future__ import annotations

import random
import re
import shutil
from types import SimpleNamespace
from xml.sax.saxutils import escape

import pytest

from pipeline.config import load_config
from pipeline.errors import ConfigError, InputError, ModelError, ModelNotFoundError
from pipeline.evaluate import (
    EvalOptions,
    Published,
    Scores,
    corpus_scores,
    eval_set_name,
    evaluate,
    gate_failures,
    published_for,
    published_score,
    read_test_set,
)

SOURCES = [
    "La Borsa di Praga ha chiuso in calo.",
    "Il governo ha approvato la legge. Il ministro ha incontrato il suo omologo a Roma.",
    "Gli analisti prevedono una crescita del 3,5 per cento.",
]
REFERENCES = [
    "The Prague Stock Exchange closed lower.",
    "The government passed the law. The minister met his counterpart in Rome.",
    "Analysts expect growth of 3.5 percent.",
]


def _write(tmp_path, name: str, lines: list[str]):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_perfect_hypothesis_scores_100_and_signatures_name_the_settings():
    scores, signatures = corpus_scores(REFERENCES, REFERENCES)
    assert (scores.bleu, scores.chrf) == (100.0, 100.0)
    worse, _ = corpus_scores(["The Prague Stock Exchange closed.", *REFERENCES[1:]], REFERENCES)
    assert worse.bleu < 100 and worse.chrf < 100
    assert "tok:13a" in signatures["BLEU"] and "nrefs:1" in signatures["BLEU"]
    assert "nc:6" in signatures["chrF"] and "version:" in signatures["chrF"]


def test_gate_fails_on_a_drop_of_more_than_one_point_against_either_baseline():
    published = Published("newstest2009", bleu=33.5, chrf=59.2, sacrebleu="2.0", source="x")
    assert gate_failures(Scores(32.6, 58.3), Scores(33.0, 59.0), published) == []
    below_sentence = gate_failures(Scores(33.0, 58.0), Scores(33.0, 59.5), None)
    assert len(below_sentence) == 1 and "chrF 58.0" in below_sentence[0]
    assert "sentence-level" in below_sentence[0]
    below_published = gate_failures(Scores(32.4, 59.0), Scores(32.0, 59.0), published)
    assert len(below_published) == 1 and "BLEU 32.4" in below_published[0]
    assert "published" in below_published[0]


def test_published_scores_come_from_the_registry():
    en = published_score("it-en", "newstest2009")
    fr = published_score("it-fr", "newstest2009")
    assert (en.bleu, en.chrf, fr.bleu, fr.chrf) == (33.5, 59.2, 31.9, 59.3)
    assert en.sacrebleu == "2.0" and "OPUS-MT" in en.source
    assert published_score("it-en", "newssyscomb2009") is None
    assert en.lines == fr.lines == 2525
    assert eval_set_name("data/newstest2009.it") == "newstest2009"
    assert eval_set_name("sgm/newstest2009-src.it.sgm") == "newstest2009"
    assert eval_set_name("sgm/newstest2009-ref.fr.sgm") == "newstest2009"


def test_both_paths_run_with_the_tiny_model_and_the_gate_is_skipped(tmp_path, tiny_models):
    src = _write(tmp_path, "newstest2009.it", SOURCES)
    ref = _write(tmp_path, "newstest2009.en", REFERENCES)
    config = load_config(None, {"translate.num_beams": 1, "translate.targets": ("en",)})
    result = evaluate(src, ref, "it-en", config, EvalOptions(tiny_models["it-en"]))
    assert result.lines == 3
    assert result.segments == 4  # the pipeline path segmented the two-sentence line
    assert [len(h) for h in result.hypotheses.values()] == [3, 3]
    assert all(line.strip() for h in result.hypotheses.values() for line in h)
    # three lines named newstest2009 are not newstest2009's 2525: not compared
    assert (
        result.published is None and "has 3 lines, newstest2009 has 2525" in result.published_note
    )
    assert result.skipped and "noise" in result.gate
    assert 0 <= result.pipeline.bleu <= 100 and 0 <= result.sentence.chrf <= 100


def test_limit_uses_the_first_lines_and_drops_the_published_comparison(tmp_path, tiny_models):
    src = _write(tmp_path, "newstest2009.it", SOURCES)
    ref = _write(tmp_path, "newstest2009.en", REFERENCES)
    config = load_config(None, {"translate.num_beams": 1, "translate.targets": ("en",)})
    result = evaluate(src, ref, "it-en", config, EvalOptions(tiny_models["it-en"], limit=1))
    assert (result.lines, result.segments, result.limited) == (1, 1, True)
    assert result.published is None


@pytest.mark.parametrize(
    "sources, message",
    [(SOURCES[:2], "has 2 lines but"), ([SOURCES[0], "  ", SOURCES[2]], "line 2 is blank")],
)
def test_a_misaligned_test_set_is_an_input_error(tmp_path, tiny_models, sources, message):
    src = _write(tmp_path, "set.it", sources)
    ref = _write(tmp_path, "set.en", REFERENCES)
    with pytest.raises(InputError, match=message):
        evaluate(src, ref, "it-en", load_config(), EvalOptions(tiny_models["it-en"]))


# A longer test set, so that the language check has words enough to judge.
NEWS_IT = [
    "La Borsa di Praga alla chiusura del mercato ha avuto un crollo negativo.",
    "Dopo il crollo della mattina, la Borsa di Praga ha ripristinato le perdite.",
    "Le transazioni delle azioni hanno raggiunto quasi la metà del commercio quotidiano.",
]
NEWS_EN = [
    "The Prague Stock Exchange fell sharply at the close of trading.",
    "After the morning fall, the Prague Stock Exchange made up for its losses.",
    "Trading in the shares reached almost half of the current daily trade.",
]
NEWS_FR = [
    "La Bourse de Prague a connu une forte chute à la clôture du marché.",
    "Après la chute du matin, la Bourse de Prague a rattrapé ses pertes.",
    "Les transactions des actions ont atteint presque la moitié du commerce quotidien.",
]


@pytest.mark.parametrize(
    ("char", "named"),
    [
        ("\u2028", "U+2028 (LINE SEPARATOR)"),
        ("\x85", "U+0085 (NEXT LINE)"),
        ("\x0c", "a form feed"),
        ("\u2029", "U+2029"),
    ],
)
def test_a_line_break_inside_a_test_set_line_is_named_not_counted_as_a_line(tmp_path, char, named):
    """Lines were counted with str.splitlines(): a U+2028 inside line 1 of the source and
    another inside line 2 of the reference gave equal counts and every later line scored
    against the wrong reference; one alone gave "has 4 lines" where wc -l says 3."""
    src = _write(tmp_path, "set.it", [NEWS_IT[0] + char + "Seconda frase.", *NEWS_IT[1:]])
    ref = _write(tmp_path, "set.en", [NEWS_EN[0], NEWS_EN[1] + char + "x", NEWS_EN[2]])
    with pytest.raises(InputError, match=rf"set.it: line 1 holds {re.escape(named)}"):
        read_test_set(src, ref, "it-en")


def test_a_carriage_return_inside_a_line_is_named_not_taken_for_a_line_end(tmp_path):
    """The readers turn a lone CR into a line end (old Mac files); sacrebleu and wc -l do
    not: a stray CR in a scraped line split it in two and shifted every later line."""
    src = _write(tmp_path, "set.it", NEWS_IT)
    ref = tmp_path / "set.en"
    ref.write_bytes("\n".join([NEWS_EN[0], NEWS_EN[1] + "\rx", NEWS_EN[2]]).encode() + b"\n")
    with pytest.raises(InputError, match=r"set.en: line 2 holds a carriage return"):
        read_test_set(src, ref, "it-en")
    ref.write_bytes("\r".join(NEWS_EN).encode() + b"\r")  # CR line ends only: lines
    assert read_test_set(src, ref, "it-en").references == NEWS_EN


def test_a_line_that_opens_with_a_less_than_sign_is_text_not_markup(tmp_path):
    """A plain test set whose first line opened with "<" was taken for SGML and refused."""
    lines = ["<<Basta>>, ha detto il ministro.", "<3 per tutti.", *NEWS_IT[:1]]
    src = _write(tmp_path, "set.it", lines)
    ref = _write(tmp_path, "set.en", ["<<Enough>>, said the minister.", "<3 for all.", NEWS_EN[0]])
    assert read_test_set(src, ref).sources == lines


def test_crlf_and_a_bom_give_the_lines_wc_counts(tmp_path):
    src = tmp_path / "set.it"
    src.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(NEWS_IT).encode() + b"\r\n")
    ref = _write(tmp_path, "set.en", NEWS_EN)
    test = read_test_set(src, ref, "it-en")
    assert test.sources == NEWS_IT and test.references == NEWS_EN


@pytest.mark.parametrize("blank", ["", "   ", "\t"])
def test_a_blank_reference_line_is_named(tmp_path, blank):
    """A blank reference was scored as a missed sentence, silently."""
    src = _write(tmp_path, "set.it", NEWS_IT)
    ref = _write(tmp_path, "set.en", [NEWS_EN[0], blank, NEWS_EN[2]])
    with pytest.raises(InputError, match=r"set.en: line 2 is blank \(no reference text\)"):
        read_test_set(src, ref, "it-en")


def _sgm(kind: str, lang: str, lines: list[str]) -> str:
    segs = [f'<seg id="{n}"> {line}  </seg>' for n, line in enumerate(lines, 1)]
    head = [f'<{kind} setid="newstest2009" srclang="any" trglang="{lang}">', '<doc docid="d1">']
    return "\n".join([*head, "<p>", *segs, "</p>", "</doc>", f"</{kind}>"]) + "\n"


def _wmt_xml(src: list[str], ref: list[str]) -> str:
    def segs(lines):
        return "".join(f'<seg id="{n}">{escape(t)}</seg>' for n, t in enumerate(lines, 1))

    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<dataset id="wmt"><collection id="news">'
        f'<doc id="d1" origlang="it"><src lang="it"><p>{segs(src)}</p></src>'
        f'<ref lang="en" translator="A"><p>{segs(ref)}</p></ref></doc></collection></dataset>\n'
    )


def test_wmt_sgm_and_xml_test_sets_give_their_segments(tmp_path):
    """newstest comes as .sgm: it was read as page text, the markup lines scored as
    sentences (and the set name was newstest2009-src, so no published score)."""
    src = tmp_path / "newstest2009-src.it.sgm"
    ref = tmp_path / "newstest2009-ref.en.sgm"
    src.write_text(_sgm("srcset", "it", ["A & B", *NEWS_IT]), encoding="utf-8")
    ref.write_text(_sgm("refset", "en", ["A & B", *NEWS_EN]), encoding="utf-8")
    test = read_test_set(src, ref, "it-en")
    assert (test.kind, test.sources, test.references) == (
        "sgm",
        ["A & B", *NEWS_IT],
        ["A & B", *NEWS_EN],
    )
    both = tmp_path / "wmt22.it-en.xml"
    both.write_text(_wmt_xml(["A & B", *NEWS_IT], ["A & B", *NEWS_EN]), encoding="utf-8")
    test = read_test_set(both, both, "it-en")
    assert (test.kind, test.sources, test.references) == (
        "xml",
        ["A & B", *NEWS_IT],
        ["A & B", *NEWS_EN],
    )


_DOCTYPE_DATASET = (
    '<dataset id="x"><collection id="c"><doc id="d" origlang="it"><src lang="it"><p>'
    '<seg id="1">{}</seg></p></src><ref lang="en" translator="A"><p><seg id="1">x</seg></p>'
    "</ref></doc></collection></dataset>\n"
)
# an entity bomb and an external entity: refused by lxml, never expanded or read
_BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE dataset [<!ENTITY a0 "lol lol lol lol lol lol">'
    + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    + "]>\n"
    + _DOCTYPE_DATASET.format("&a9;")
)
_XXE = (
    '<?xml version="1.0"?>\n<!DOCTYPE dataset [<!ENTITY x SYSTEM "file:///etc/hostname">]>\n'
    + _DOCTYPE_DATASET.format("&x;")
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<html><body><p>Ciao.</p></body></html>\n", "is markup but no WMT test-set file"),
        ('<srcset><doc>\n<seg id="1">  </seg>\n</doc></srcset>\n', r"line 2 \(a <seg>\) is blank"),
        (
            '<?xml version="1.0"?>\n<dataset><doc id="d1"><src lang="it">',
            "is not a WMT test-set XML",
        ),
        ('<?xml version="1.0"?>\n<dataset></dataset>\n', "is not a WMT test-set XML|holds no src"),
        (_BOMB, "is not a WMT test-set XML file"),
        (_XXE, "is not a WMT test-set XML file"),
    ],
)
def test_markup_that_is_no_wmt_test_set_is_named(tmp_path, text, message):
    src = tmp_path / "set.it"
    src.write_text(text, encoding="utf-8")
    ref = _write(tmp_path, "set.en", NEWS_EN)
    with pytest.raises(InputError, match=message):
        read_test_set(src, ref, "it-en")


@pytest.mark.parametrize(
    ("src_lines", "ref_lines", "message"),
    [
        (NEWS_IT, NEWS_FR, r"set.en: reads as French \(fr.*not en as --pair says.*as --ref"),
        (NEWS_EN, NEWS_EN, r"set.it: reads as English \(en.*not it as --pair says.*as --src"),
    ],
)
def test_a_test_set_file_in_another_language_is_refused_before_any_model(
    tmp_path, src_lines, ref_lines, message
):
    """`--pair it-en --ref newstest2009.fr` scored French against English output: noise
    that the gate then judged."""
    src, ref = _write(tmp_path, "set.it", src_lines), _write(tmp_path, "set.en", ref_lines)
    options = EvalOptions(tmp_path / "no-model")  # never reached
    with pytest.raises(InputError, match=message):
        evaluate(src, ref, "it-en", load_config(), options)


def test_published_scores_are_compared_only_for_the_whole_set():
    published, note = published_for("it-en", "newstest2009", 2525, limited=False)
    assert published is not None and note == ""
    for lines in (2000, 2526):
        published, note = published_for("it-en", "newstest2009", lines, limited=False)
        assert published is None and f"has {lines} lines, newstest2009 has 2525" in note
    published, note = published_for("it-en", "newstest2009", 2525, limited=True)
    assert published is None and "--limit" in note


@pytest.mark.parametrize("lines", ["0", "-3", '"2525"', "true", "25.5"])
def test_a_published_entry_with_a_bad_line_count_names_the_registry(tmp_path, lines):
    registry = tmp_path / "models.toml"
    registry.write_text(
        "[pairs.it-en.published.set]\nbleu = 1\nchrf = 2\nsacrebleu = '2'\nsource = 'x'\n"
        f"lines = {lines}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match=r"models.toml: \[pairs.it-en.published.set\]"):
        published_score("it-en", "set", registry)


def test_a_missing_comet_checkpoint_is_refused_before_any_translation(tmp_path):
    """It was found after both translations had run (minutes on a real test set)."""
    src, ref = _write(tmp_path, "set.it", NEWS_IT), _write(tmp_path, "set.en", NEWS_EN)
    options = EvalOptions(tmp_path / "no-model", comet_model=tmp_path / "wmt22-comet-da")
    with pytest.raises(ModelNotFoundError, match="COMET checkpoint .*wmt22-comet-da"):
        evaluate(src, ref, "it-en", load_config(), options)


def test_a_stale_conversion_is_refused_before_any_text_is_scored(tiny_models, tmp_path):
    """The fast backend would score the weights the conversion was made from, under the
    name and revision of the ones beside it."""
    pytest.importorskip("ctranslate2")
    from pipeline.models import convert_ct2

    folder = shutil.copytree(tiny_models["it-en"], tmp_path / "tiny-it-en")
    convert_ct2(folder)
    shutil.copy(tiny_models["it-fr"] / "model.safetensors", folder / "model.safetensors")
    _forget_marker_weights(folder)  # a marker of before the weights check, or none
    src, ref = _write(tmp_path, "set.it", NEWS_IT), _write(tmp_path, "set.en", NEWS_EN)
    config = load_config(None, {"translate.backend": "ctranslate2", "translate.targets": ("en",)})
    with pytest.raises(ModelError, match="is stale.*mtpipe models convert"):
        evaluate(src, ref, "it-en", config, EvalOptions(folder))


def _fake_comet(monkeypatch, load):
    """A stand-in for the optional unbabel-comet package (not installed here)."""
    import importlib.machinery
    import sys
    import types

    module = types.ModuleType("comet")
    module.__spec__ = importlib.machinery.ModuleSpec("comet", None)
    module.load_from_checkpoint = load
    monkeypatch.setitem(sys.modules, "comet", module)


def test_a_comet_checkpoint_that_does_not_load_is_one_line_before_any_translation(
    tmp_path, monkeypatch
):
    """It loaded after both translations, and its error was the library's traceback."""
    checkpoint = tmp_path / "model.ckpt"
    checkpoint.write_bytes(b"not a checkpoint")

    def broken(path):
        raise RuntimeError("PytorchStreamReader failed reading zip archive:\nfailed finding")

    _fake_comet(monkeypatch, broken)
    src, ref = _write(tmp_path, "set.it", NEWS_IT), _write(tmp_path, "set.en", NEWS_EN)
    options = EvalOptions(tmp_path / "no-model", comet_model=checkpoint)
    with pytest.raises(ModelError, match=r"cannot load the COMET checkpoint .*model.ckpt") as info:
        evaluate(src, ref, "it-en", load_config(), options)
    assert "\n" not in str(info.value)


def test_comet_scores_each_system_when_the_package_and_a_checkpoint_are_there(
    tmp_path, monkeypatch, tiny_models
):
    seen = []

    class Scorer:
        def predict(self, data, gpus, progress_bar):
            seen.append(data)
            return SimpleNamespace(system_score=0.5 + 0.1 * len(seen))

    _fake_comet(monkeypatch, lambda path: Scorer())
    checkpoint = tmp_path / "comet" / "checkpoints" / "model.ckpt"
    checkpoint.parent.mkdir(parents=True)
    checkpoint.write_bytes(b"x")
    src, ref = _write(tmp_path, "set.it", NEWS_IT), _write(tmp_path, "set.en", NEWS_EN)
    config = load_config(None, {"translate.num_beams": 1, "translate.targets": ("en",)})
    options = EvalOptions(tiny_models["it-en"], comet_model=tmp_path / "comet")
    result = evaluate(src, ref, "it-en", config, options)
    assert (result.pipeline.comet, result.sentence.comet) == (0.6, 0.7)
    assert result.comet_note == str(checkpoint)
    assert [row["src"] for row in seen[0]] == NEWS_IT and [r["ref"] for r in seen[1]] == NEWS_EN


def _aligned(n: int) -> tuple[list[str], list[str]]:
    """``n`` line pairs whose lengths vary together, as a translation's do."""
    sizes = [random.Random(i).randint(0, 20) for i in range(n)]
    src = [f"Il consiglio {'molto ' * k}ha deciso {i}." for i, k in enumerate(sizes)]
    ref = [f"The council {'very ' * k}decided {i}." for i, k in enumerate(sizes)]
    return src, ref


@pytest.mark.parametrize(
    ("dropped", "around"), [(0, "lines 1-50"), (60, "lines 51-100"), (70, r"lines 61-110")]
)
def test_a_reference_shifted_by_a_line_with_equal_counts_is_named(tmp_path, dropped, around):
    """A line deleted in the reference and one added at its end kept the counts equal:
    every line after it was scored against its neighbour's reference, silently. (A shift
    in the last 30 or so lines is too short a run to tell from noise.)"""
    sources, references = _aligned(120)
    shifted = references[:dropped] + references[dropped + 1 :] + ["One more line at the end."]
    src, ref = _write(tmp_path, "set.it", sources), _write(tmp_path, "set.en", shifted)
    with pytest.raises(InputError, match=f"set.en: its lines do not look aligned .* {around}"):
        read_test_set(src, ref)
    _write(tmp_path, "set.en", references)
    assert read_test_set(src, ref).references == references  # aligned: read
    swapped = references[:]
    swapped[30], swapped[31] = swapped[31], swapped[30]  # two lines: too few to tell
    _write(tmp_path, "set.en", swapped)
    assert read_test_set(src, ref).references == swapped


def test_a_published_score_of_another_sacrebleu_major_version_is_not_compared(
    tmp_path, monkeypatch
):
    registry = tmp_path / "models.toml"
    registry.write_text(
        "[pairs.it-en.published.set]\nbleu = 30\nchrf = 55\nsacrebleu = '1.4.14'\n"
        "source = 'x'\nlines = 3\n",
        encoding="utf-8",
    )
    monkeypatch.setattr("pipeline.evaluate.REGISTRY_PATH", registry)
    published, note = published_for("it-en", "set", 3, limited=False)
    assert published is None and "sacrebleu 1.4.14" in note and "another major version" in note
    monkeypatch.setattr("pipeline.evaluate._sacrebleu_version", lambda: "1.5.1")
    assert published_for("it-en", "set", 3, limited=False)[0] is not None


def _forget_marker_weights(folder):
    """The marker as written before it recorded its weights (the check is then skipped)."""
    import json

    marker = folder / "mtpipe-model.json"
    data = json.loads(marker.read_text(encoding="utf-8"))
    data.pop("weights", None)
    marker.write_text(json.dumps(data), encoding="utf-8")
