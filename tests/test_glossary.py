"""The glossary module: validation at load, digests for memory and build keys, the CLI."""

from __future__ import annotations

import pytest

from pipeline.cli import main
from pipeline.errors import ConfigError
from pipeline.glossary import load_glossary, parse_glossary

GOOD = """
[dnt]
terms = ["KCNA", "AFP"]

[terms.it-en]
"Corea del Nord" = "North Korea"

[terms.it-fr]
"Corea del Nord" = "Corée du Nord"
"Corea del Sud" = "Corée du Sud"

[exonyms.it-en]
Mosca = "Moscow"
Monaco = ["Munich", "Monaco"]
"""


def write(tmp_path, text: str, name: str = "g.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_loads_terms_per_pair(tmp_path):
    g = load_glossary(write(tmp_path, GOOD))
    assert g.dnt == ("KCNA", "AFP")
    assert g.pair_terms("it", "en") == {"Corea del Nord": "North Korea"}
    assert g.pair_exonyms("it", "en")["Monaco"] == ["Munich", "Monaco"]
    assert g.counts() == {
        "it-en": {"terms": 1, "exonyms": 2},
        "it-fr": {"terms": 2, "exonyms": 0},
    }


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('[dnt]\nterms = ["KCNA"]\n[glosary]\nx = "y"\n', "unknown table"),
        ('[dnt]\nterms = ["KCNA", ""]\n', "non-empty"),
        ('[terms.it-en]\n"" = "North Korea"\n', "empty term"),
        ('[terms.it-en]\n"Corea del Nord" = ""\n', "non-empty"),
        ('[terms.italian]\nx = "y"\n', "not a language pair"),
        ('[dnt]\nterms = "KCNA"\n', "list of strings"),
        ('[dnt]\nword = ["KCNA"]\n', "unknown key"),
        (
            '[terms.it-en]\n"Corea del Nord" = "North Korea"\n"corea del nord" = "DPRK"\n',
            "twice",
        ),
        ('[dnt]\nterms = ["ONU"]\n[terms.it-fr]\nONU = "Nations unies"\n', "do-not-translate"),
        (  # one term as the text matches it: the last of the two won unsaid
            '[terms.it-en]\n"Fratelli d\'Italia" = "Brothers of Italy"\n'
            '"Fratelli d’Italia" = "FdI"\n',
            "twice, \"Fratelli d'Italia\" and 'Fratelli d’Italia'",
        ),
        ('[terms.it-en]\n"Corea  del Nord" = "North Korea"\n"Corea del Nord" = "DPRK"\n', "twice"),
        (
            '[dnt]\nterms = ["Fratelli d’Italia"]\n[terms.it-en]\n"Fratelli d\'Italia" = "x"\n',
            "do-not",
        ),
    ],
)
def test_invalid_glossary_is_a_config_error(tmp_path, text, says):
    with pytest.raises(ConfigError, match=says):
        load_glossary(write(tmp_path, text))


@pytest.mark.parametrize(
    "text",
    [
        '[terms.it-en]\n"governo" = "gov\\u001bernment"\n',  # ESC in a required translation
        '[terms.it-en]\n"gov\\u0000erno" = "government"\n',  # NUL in a term
        '[dnt]\nterms = ["A\\bB"]\n',  # backspace in a do-not-translate term
        '[exonyms.it-en]\nPechino = ["Bei\\uffffjing"]\n',  # a noncharacter in an exonym
    ],
)
def test_a_term_holding_a_character_that_is_no_text_is_a_config_error(tmp_path, text):
    """A required translation with ESC went into every output, and the document mtpipe
    wrote was then refused by `mtpipe qa`, `export` and `bundle` (exit 3)."""
    with pytest.raises(ConfigError, match=r"holds U\+00(1B|00|08)|holds U\+FFFF"):
        load_glossary(write(tmp_path, text))


@pytest.mark.parametrize(
    "text",
    [
        '[terms.it-en]\n"Roma" = "Rome\\nCity"\n',  # TOML's \n in a translation
        '[terms.it-fr]\n"Corea del\\u2028Nord" = "Corée du Nord"\n',  # a line separator
        '[dnt]\nterms = ["Agenzia\\r\\nNova"]\n',  # CR LF inside a do-not-translate term
    ],
)
def test_a_term_holding_a_line_break_is_a_config_error(tmp_path, text):
    """A required translation with a line break put it into every output: a new line in
    the .txt (read back as a new paragraph), a paragraph cut in two in Markdown."""
    with pytest.raises(ConfigError, match="holds a line break .*write it on one line"):
        load_glossary(write(tmp_path, text))


@pytest.mark.parametrize(
    ("text", "marker"),
    [
        ('[terms.it-en]\n"governo" = "government <g1>x</g1>"\n', "<g1>"),
        ('[terms.it-fr]\n"sindaco" = "maire <x5/>"\n', "<x5/>"),
        ('[dnt]\nterms = ["AFP</g2>"]\n', "</g2>"),
        ('[terms.it-en]\n"<x1/>" = "image"\n', "<x1/>"),
    ],
)
def test_a_term_holding_an_inline_marker_is_a_config_error(tmp_path, text, marker):
    """The outputs read ``<g1>`` in a translation as the document's first link: the
    required translation ``government <g1>x</g1>`` made a link around "x" in the HTML and
    Markdown outputs, and ``maire <x5/>`` lost its ``<x5/>``; ``<b>`` or ``{0}`` stay text."""
    with pytest.raises(ConfigError, match=f"holds '{marker}', the form of mtpipe's inline"):
        load_glossary(write(tmp_path, text))
    plain = '[terms.it-en]\n"governo" = "<b>government</b> {0} %s"\n'
    assert load_glossary(write(tmp_path, plain)).pair_terms("it", "en")["governo"].startswith("<b>")


@pytest.mark.parametrize(
    "text",
    [
        '[terms.it-en]\n" Roma " = "Rome"\n',  # spaces around a required term
        '[terms.it-en]\n"Roma\\n" = "Rome"\n',  # a line break after it (TOML escape)
        '[terms.it-fr]\n"Roma" = "Rome\\t"\n',  # a tab after the translation
        '[dnt]\nterms = ["AFP "]\n',  # a do-not-translate term
        '[exonyms.it-en]\n"Pechino" = [" Beijing"]\n',  # an exonym
    ],
)
def test_a_term_with_white_space_at_either_end_is_a_config_error(tmp_path, text):
    """``" Roma "`` matched the spaces around the word too and put ``Rome`` in their
    place (``e Rome domani`` came out glued, ``eRomedomani``), while ``"Roma"`` beside it
    gave the same word a second translation; ``glossary check`` said "valid"."""
    with pytest.raises(ConfigError, match="begins or ends with white space; .* so write '"):
        load_glossary(write(tmp_path, text))


def test_the_trimmed_term_is_the_one_the_error_asks_for(tmp_path, capsys):
    path = write(tmp_path, '[terms.it-en]\n"Corea del Nord " = "North Korea"\n')
    assert main(["glossary", "check", "--glossary", path]) == 2
    err = capsys.readouterr().err
    assert "write 'Corea del Nord'" in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("g.toml", b'\xef\xbb\xbf[dnt]\nterms = ["AFP"]\n'),  # Notepad's "UTF-8 with BOM"
        ("terms.toml", b'\xef\xbb\xbf[terms.it-en]\n"Roma" = "Rome"\n'),
    ],
)
def test_a_glossary_saved_with_a_byte_order_mark_says_so(tmp_path, capsys, name, raw):
    """It was "not valid TOML: Invalid statement (at line 1, column 1)", naming nothing a
    user could see in the file."""
    (tmp_path / name).write_bytes(raw)
    assert main(["glossary", "check", "--glossary", str(tmp_path / name)]) == 2
    err = capsys.readouterr().err
    assert "byte-order mark" in err and "without BOM" in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('[terms.it-en]\n"Roma" = "Rome"\n"Milano" = "Milan"\n"Roma" = "Roma"\n', "line 4"),
        ('[terms.it-en]\n"Roma" = "Rome"\n[dnt]\nterms = []\n[terms.it-en]\n"A" = "B"\n', "line 5"),
    ],
)
def test_a_term_or_table_written_twice_is_named_as_such(tmp_path, capsys, text, line):
    """TOML refuses a key written twice; the glossary error went on "a glossary is TOML:
    [dnt] terms = ...", as if the file were a term list in another format."""
    assert main(["glossary", "check", "--glossary", write(tmp_path, text)]) == 2
    err = capsys.readouterr().err
    assert f"(at {line}, column" in err and "writes a term or table the file wrote before" in err
    assert "a glossary is TOML" not in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("terms.tsv", "Corea del Nord\tNorth Korea\nKCNA\tKCNA\n"),
        ("terms.csv", "term,target\nCorea del Nord,North Korea\n"),
        ("g.toml", "Corea del Nord = North Korea\n"),  # TOML's name, a term list's content
    ],
)
def test_a_term_list_that_is_not_toml_is_told_what_a_glossary_looks_like(
    tmp_path, capsys, name, text
):
    """A TSV or CSV term list (what CAT tools and spreadsheets export) was refused as
    "Expected '=' after a key ...", which did not say the glossary is TOML or how."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    assert main(["glossary", "check", "--glossary", str(tmp_path / name)]) == 2
    err = capsys.readouterr().err
    assert f"{name} is not valid TOML" in err and "a glossary is TOML: [dnt] terms" in err
    assert '[terms.it-en] "Corea del Nord" = "North Korea"' in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("table", "says"),
    [
        ("terms.it-it", "translates it into itself"),
        ("exonyms.en-en", "translates en into itself"),
        ("terms.it-xx", "'xx' is not a language code"),
        ("terms.it-eb", "'eb' is not a language code"),
        ("terms.it-en_GB", "names a regional variant (en_GB)"),
        ("exonyms.it-zh_Hant", "names a regional variant (zh_Hant)"),
        ("terms.it-eng", "runs name eng en, so they would never look this pair up"),
        ("terms.ita-fr", "runs name ita it"),
    ],
)
def test_a_pair_no_run_looks_up_is_a_config_error(tmp_path, capsys, table, says):
    """``[terms.it-eng]`` (or a typo, a region, a language into itself) was "valid" and
    counted by `glossary check`, but runs look entries up as ``it-en``: never applied."""
    path = write(tmp_path, f'[{table}]\n"Roma" = "Rome"\n')
    assert main(["glossary", "check", "--glossary", path]) == 2
    err = capsys.readouterr().err
    assert f"[{table}]" in err and says in err and err.count("\n") == 1


@pytest.mark.parametrize("table", ["terms.fr-en", "terms.it-fil", "exonyms.en-it"])
def test_a_pair_of_two_standard_language_codes_is_valid(tmp_path, table):
    g = load_glossary(write(tmp_path, f'[{table}]\n"Roma" = "Rome"\n'))
    assert g.counts() == {
        table.split(".")[1]: {"terms": 0, "exonyms": 0, **{table.split(".")[0]: 1}}
    }


def test_same_term_twice_with_the_same_translation_is_fine():
    g = parse_glossary({"terms": {"it-en": {"Onu": "UN", "ONU": "UN"}}})
    assert len(g.pair_terms("it", "en")) == 2


def test_pair_digest_changes_only_with_that_pair():
    base = parse_glossary({"terms": {"it-en": {"a": "b"}, "it-fr": {"a": "c"}}})
    edited = parse_glossary({"terms": {"it-en": {"a": "b"}, "it-fr": {"a": "d"}}})
    assert base.pair_digest("it", "en") == edited.pair_digest("it", "en")
    assert base.pair_digest("it", "fr") != edited.pair_digest("it", "fr")
    assert base.digest != edited.digest


def test_matched_digest_ignores_entries_the_article_lacks():
    text = ["La Corea del Nord ha lanciato un missile, scrive la KCNA."]
    base = parse_glossary(
        {"dnt": {"terms": ["KCNA"]}, "terms": {"it-en": {"Corea del Nord": "NK"}}}
    )
    unrelated = parse_glossary(
        {"dnt": {"terms": ["KCNA", "Reuters"]}, "terms": {"it-en": {"Corea del Nord": "NK"}}}
    )
    related = parse_glossary(
        {"dnt": {"terms": ["KCNA"]}, "terms": {"it-en": {"Corea del Nord": "North Korea"}}}
    )
    key = base.matched_digest(text, "it", ["en"])
    assert unrelated.matched_digest(text, "it", ["en"]) == key
    assert related.matched_digest(text, "it", ["en"]) != key


def test_cli_check_counts_terms_per_pair(tmp_path, capsys):
    assert main(["glossary", "check", "--glossary", write(tmp_path, GOOD)]) == 0
    out = capsys.readouterr().out
    assert "do-not-translate terms (every pair): 2" in out
    assert "it-fr: 2 required term(s), 0 exonym(s)" in out


@pytest.mark.parametrize("given", ["flag", "config", "config in a subfolder"])
def test_a_relative_glossary_path_is_read_from_where_the_user_is(
    tmp_path, monkeypatch, capsys, given
):
    work = tmp_path / "newsroom"
    (work / "cfg").mkdir(parents=True)
    monkeypatch.chdir(work)
    folder = work / "cfg" if given == "config in a subfolder" else work
    write(folder, GOOD, "terms.toml")
    (folder / "my.toml").write_text('[qa]\nglossary = "terms.toml"\n', encoding="utf-8")
    argv = {
        "flag": ["glossary", "check", "--glossary", "terms.toml"],
        "config": ["--config", "my.toml", "glossary", "check"],
        "config in a subfolder": ["--config", "cfg/my.toml", "glossary", "check"],
    }[given]
    assert main(argv) == 0
    assert capsys.readouterr().out.startswith(f"{folder / 'terms.toml'}: valid")


def test_a_missing_glossary_named_by_the_flag_is_the_command_lines(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["glossary", "check", "--glossary", "nothere.toml"]) == 2
    err = capsys.readouterr().err
    assert (
        err == f"mtpipe: error: command line: glossary {tmp_path / 'nothere.toml'} does not exist\n"
    )
    (tmp_path / "my.toml").write_text('[qa]\nglossary = "nothere.toml"\n', encoding="utf-8")
    assert main(["--config", "my.toml", "glossary", "check"]) == 2
    assert capsys.readouterr().err.startswith("mtpipe: error: my.toml: glossary ")


def test_cli_check_rejects_a_bad_glossary_with_exit_2(tmp_path, capsys):
    path = write(tmp_path, '[terms.it-en]\n"Onu" = "UN"\n"ONU" = "United Nations"\n')
    assert main(["glossary", "check", "--glossary", path]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "twice" in err and "Traceback" not in err


def test_cli_apply_shows_protected_and_replaced_spans(tmp_path, capsys):
    article = tmp_path / "a.it.txt"
    article.write_text(
        "Missile nordcoreano\n\nSecondo la KCNA, la Corea del Nord ha lanciato un missile "
        "(https://example.org/r).\n\n* * *\n",
        encoding="utf-8",
    )
    assert (
        main(
            ["glossary", "apply", str(article), "--lang", "en", "--glossary", write(tmp_path, GOOD)]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "dnt\tKCNA\tkept" in out
    assert "term\tCorea del Nord\t-> North Korea" in out
    assert "url\thttps://example.org/r\tkept" in out
    assert "copied (no language" in out
    # the summary's counts; a count of one is no plural ("1 segments" was printed)
    assert f"{article.name.split('.')[0]}: 3 segment(s), 3 protected span(s), 1 copied" in out


def test_cli_apply_names_the_element_each_inline_tag_stands_for(tmp_path, capsys):
    """A link was listed as `tag <g1> kept`, which did not say which link of the paragraph it
    was; each marker is shown with its element, as placeholder_repair findings name it: a
    link with its URL, and (second input of the kind) a standalone image with its source."""
    page = tmp_path / "p.html"
    page.write_text(
        "<html><body><article><h1>Il porto di Genova</h1><p>Il presidente ha citato un "
        '<a href="https://example.org/dati">rapporto</a> della <strong>KCNA</strong> con '
        '<img src="https://example.org/f.png" alt="grafico"> i dati.</p></article></body></html>',
        encoding="utf-8",
    )
    argv = ["glossary", "apply", str(page), "--lang", "en", "--glossary", write(tmp_path, GOOD)]
    assert main(argv) == 0
    rows = {tuple(line.split("\t")[1:]) for line in capsys.readouterr().out.splitlines()}
    assert ("tag", '<g1> (<a href="https://example.org/dati">)', "kept") in rows
    assert ("tag", "</g1> (</a>)", "kept") in rows
    assert ("tag", "<g2> (<strong>)", "kept") in rows
    assert any(r[:2] == ("tag", '<x3/> (<img src="https://example.org/f.png">)') for r in rows)
    assert ("dnt", "KCNA", "kept") in rows


@pytest.mark.parametrize(
    "text",
    [
        "Secondo la KCNA, la Corea del Nord ha lanciato un missile.\n",
        "Titolo\n\nLa Corea del Nord, scrive la KCNA, ha lanciato un missile.\n",
    ],
)
def test_cli_apply_dash_reads_standard_input(tmp_path, capsys, monkeypatch, text):
    """``glossary apply -`` looked for a file named ``-`` ("no such file; check the
    path"), where ``mtpipe segment -`` reads standard input."""
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    argv = ["glossary", "apply", "-", "--lang", "en", "--glossary", write(tmp_path, GOOD)]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "dnt\tKCNA\tkept" in out and "term\tCorea del Nord\t-> North Korea" in out


def test_cli_apply_dash_refuses_standard_input_that_is_no_text(tmp_path, capsys, monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"La \x1b Corea.\n")))
    assert main(["glossary", "apply", "-", "--lang", "en"]) == 3
    err = capsys.readouterr().err
    assert "standard input" in err and "U+001B" in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("folder", "says"),
    [
        ("missing", "does not exist"),
        ("a file", "is not a folder"),
        ("empty", "lacks source.spm, target.spm, vocab.json"),
        ("no vocab", "lacks vocab.json"),
    ],
)
def test_cli_apply_model_dir_that_is_no_tokenizer_folder_is_exit_4_naming_it(
    tmp_path, capsys, tiny_models, folder, says
):
    """``--model-dir /x`` was "cannot load the tokenizer in /x (OSError: Repo id must use
    alphanumeric chars …)": transformers' hub-id check, not the missing folder."""
    import shutil

    article = tmp_path / "a.txt"
    article.write_text("La Corea del Nord.\n", encoding="utf-8")
    model = tmp_path / "model"
    if folder == "a file":
        model.write_text("{}", encoding="utf-8")
    elif folder == "empty":
        model.mkdir()
    elif folder == "no vocab":
        shutil.copytree(tiny_models["it-en"], model)
        (model / "vocab.json").unlink()
    argv = ["glossary", "apply", str(article), "--lang", "en", "--model-dir", str(model)]
    assert main(argv) == 4
    err = capsys.readouterr().err
    assert f"--model-dir {model} {says}; give a Marian model folder" in err
    assert err.count("\n") == 1 and "Repo id" not in err
    argv[-1] = str(tiny_models["it-en"])
    assert main(argv) == 0
    assert "special tokens not checked" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("lang", "named"),
    [
        ("../x", "not a BCP 47"),
        ("", "not a BCP 47"),
        ("zz", "not a BCP 47"),
        ("it", "source language"),
        ("IT", "source language"),
        ("en-GB", "regional variant"),
    ],
)
def test_cli_apply_refuses_a_lang_that_names_no_target_pair(tmp_path, capsys, lang, named):
    """``--lang`` was taken as given: each of these printed the do-not-translate spans
    alone, exit 0, as if the pair simply had no required terms."""
    article = tmp_path / "a.it.txt"
    article.write_text("Secondo la KCNA, la Corea del Nord ha lanciato un missile.\n")
    argv = ["glossary", "apply", str(article), "--lang", lang, "--glossary", write(tmp_path, GOOD)]
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert named in captured.err and captured.err.count("\n") == 1 and captured.out == ""


def test_cli_apply_takes_a_tag_in_any_case_and_checks_source_lang(tmp_path, capsys):
    article = tmp_path / "a.it.txt"
    article.write_text("Secondo la KCNA, la Corea del Nord ha lanciato un missile.\n")
    glossary = write(tmp_path, GOOD)
    assert main(["glossary", "apply", str(article), "--lang", "EN", "--glossary", glossary]) == 0
    assert "term\tCorea del Nord\t-> North Korea" in capsys.readouterr().out
    argv = ["glossary", "apply", str(article), "--lang", "en", "--source-lang", "../x"]
    assert main([*argv, "--glossary", glossary]) == 2
    assert "source_lang" in capsys.readouterr().err


def test_a_term_saved_with_decomposed_accents_matches_the_text(tmp_path, capsys):
    """A glossary saved in Unicode NFD (``a`` + U+0300 for ``à``: macOS, some spreadsheet
    exports) looks the same, yet its terms never matched the text, which the readers give
    in NFC: ``Città del Vaticano`` went to MT and ``Università Bocconi`` was translated."""
    import unicodedata

    def nfd(text: str) -> str:
        return unicodedata.normalize("NFD", text)

    glossary = write(
        tmp_path,
        f'[dnt]\nterms = ["{nfd("Università Bocconi")}"]\n'
        f'[terms.it-en]\n"{nfd("Città del Vaticano")}" = "Vatican City"\n'
        f'[exonyms.it-en]\n"{nfd("Città del Messico")}" = ["{nfd("Ciudad de México")}"]\n',
    )
    loaded = load_glossary(glossary)
    assert loaded.dnt == ("Università Bocconi",)
    assert loaded.pair_terms("it", "en") == {"Città del Vaticano": "Vatican City"}
    assert loaded.pair_exonyms("it", "en") == {"Città del Messico": ["Ciudad de México"]}
    article = tmp_path / "a.txt"
    article.write_text("Titolo\n\nLa Città del Vaticano e la Università Bocconi.\n", "utf-8")
    assert main(["glossary", "apply", str(article), "--lang", "en", "--glossary", glossary]) == 0
    out = capsys.readouterr().out
    assert "term\tCittà del Vaticano\t-> Vatican City" in out
    assert "dnt\tUniversità Bocconi\tkept" in out


def test_one_term_written_composed_and_decomposed_with_two_translations_is_an_error(tmp_path):
    import unicodedata

    twice = unicodedata.normalize("NFD", "Città")
    text = f'[terms.it-en]\n"Città" = "City"\n"{twice}" = "Town"\n'
    with pytest.raises(ConfigError, match="'Città' is written twice, once with decomposed"):
        load_glossary(write(tmp_path, text))
