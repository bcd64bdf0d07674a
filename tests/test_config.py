"""Typed settings: TOML loading, validation messages, CLI overrides."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from pipeline.config import DEFAULT_CONFIG, load_config, parse_config
from pipeline.errors import ConfigError


def test_shipped_config_loads_and_is_frozen():
    cfg = load_config(DEFAULT_CONFIG)
    assert cfg.translate.targets == ("en", "fr")
    with pytest.raises(dataclasses.FrozenInstanceError):
        cfg.translate.num_beams = 1  # type: ignore[misc]


def test_unknown_key_names_the_valid_ones():
    with pytest.raises(ConfigError) as exc:
        parse_config({"translate": {"beams": 4}})
    msg = str(exc.value)
    assert "translate.beams" in msg and "num_beams" in msg


def test_unknown_section_names_the_valid_ones():
    with pytest.raises(ConfigError, match=r"\[transalte\].*translate"):
        parse_config({"transalte": {}})


@pytest.mark.parametrize(
    "section, key, value",
    [
        ("translate", "num_beams", "4"),
        ("translate", "num_beams", True),
        ("translate", "targets", "en"),
        ("memory", "enabled", "yes"),
    ],
)
def test_wrong_types_are_rejected(section, key, value):
    with pytest.raises(ConfigError, match=f"{section}.{key}"):
        parse_config({section: {key: value}})


def test_overrides_beat_the_file(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('[translate]\nnum_beams = 2\ntargets = ["fr"]\n', encoding="utf-8")
    cfg = load_config(path, {"translate.num_beams": 1, "translate.targets": None})
    assert cfg.translate.num_beams == 1
    assert cfg.translate.targets == ("fr",)  # None means "flag not given"


def test_missing_and_broken_files_are_config_errors(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[translate\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(bad)


@pytest.mark.parametrize(
    "section, key, value, hint",
    [
        ("translate", "backend", "onnx", "ctranslate2"),
        ("qa", "fail_severity", "fatal", "warning"),
        ("write", "formats", ["txt", "tmx"], "jsonl"),
        ("bundle", "qa_policy", "maybe", "hold"),
        ("translate", "num_beams", 0, "at least 1"),
        ("translate", "ct2_compute_type", "int9", "int8_float16"),  # was any text, until load
        ("translate", "ct2_compute_type", "fp16", "float16"),
    ],
)
def test_values_outside_the_allowed_set_are_rejected_at_load(section, key, value, hint):
    with pytest.raises(ConfigError, match=hint):
        parse_config({section: {key: value}})


def test_cuda_device_index_is_allowed():
    assert parse_config({"translate": {"device": "cuda:1"}}).translate.device == "cuda:1"


# --- hostile configuration files: exit 2, one line naming the file, before any model loads ---

from pipeline.cli import main  # noqa: E402


def _config_file(tmp_path, body: str | bytes) -> str:
    path = tmp_path / "c.toml"
    path.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    return str(path)


def _run_translate(tmp_path, config: str, sample_path, capsys) -> tuple[int, str]:
    """Translate with no model folders: reaching the models would be exit 4, not 2."""
    code = main(["--config", config, "translate", str(sample_path), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert not (tmp_path / "o").exists()
    return code, err


BAD_FILES = {
    "latin-1": '[bundle]\nsite_name = "Notizie d\'oggi è"\n'.encode("latin-1"),
    "utf-16": "[translate]\nnum_beams = 2\n".encode("utf-16"),
    "utf-16 no bom": "[translate]\nnum_beams = 2\n".encode("utf-16-le"),
    "not toml": "[translate\n",
    "too big int": "[read]\nmax_bytes = 9999999999999999999\n",
    "huge int": "[read]\nmax_bytes = 99999999999999999999999999\n",
    "negative": "[translate]\nthreads = -1\n",
    "nan": "[translate]\nmax_output_ratio = nan\n",
    "inf": "[translate]\nmax_output_ratio = inf\n",
    "empty memory path": '[memory]\npath = ""\n',
    "empty models dir": '[translate]\nmodels_dir = ""\n',
    "bad base url": '[bundle]\nbase_url = "javascript:alert(1)"\n',
    "bad severity": '[qa]\nfail_severity = "fatal"\n',
    "bad severity table": '[qa.severity]\nnumber = "fatal"\n',
    "unknown check": '[qa]\ndisabled = ["no_such_check"]\n',
    "unknown check in severity": '[qa.severity]\nno_such_check = "info"\n',
    "missing glossary": '[qa]\nglossary = "/nonexistent/glossary.toml"\n',
    "path in a language": '[translate]\ntargets = ["x/../../evil"]\n',
    "empty targets": "[translate]\ntargets = []\n",
    "section not a table": 'translate = "en"\n',
    "nested too deeply": "[read]\nx = " + "[" * 50_000 + "]" * 50_000 + "\n",
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_bad_config_files_stop_before_models_with_one_line(tmp_path, sample_path, capsys, name):
    config = _config_file(tmp_path, BAD_FILES[name])
    code, err = _run_translate(tmp_path, config, sample_path, capsys)
    assert code == 2, err
    assert err.count("\n") == 1 and config in err, err
    assert "Traceback" not in err


def test_memory_path_naming_a_folder_is_refused_at_load(tmp_path, sample_path, capsys):
    code = main(
        ["translate", str(sample_path), "--memory", str(tmp_path), "--out", str(tmp_path / "o")]
    )
    err = capsys.readouterr().err
    assert code == 2 and "memory.path" in err and "is a folder" in err and err.count("\n") == 1
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("where", ["folder", "/dev/zero", "/dev/null/x", "missing"])
def test_config_paths_that_are_no_file_are_refused(tmp_path, sample_path, capsys, where):
    config = {
        "folder": str(tmp_path),
        "missing": str(tmp_path / "missing.toml"),
    }.get(where, where)
    code, err = _run_translate(tmp_path, config, sample_path, capsys)
    assert code == 2 and err.count("\n") == 1 and config in err, err


def test_utf16_config_says_what_it_is(tmp_path):
    with pytest.raises(ConfigError, match="UTF-16"):
        load_config(_config_file(tmp_path, BAD_FILES["utf-16"]))


@pytest.mark.parametrize(
    "body",
    [
        "[translate]\nnum_beams = 2\n",  # valid TOML behind the mark
        '[qa]\nfail_severity = "error"\n',
        '\n# a comment first\n[read]\nformat = "auto"\n',
    ],
)
def test_a_config_saved_with_a_byte_order_mark_says_so_and_how_to_save_it(tmp_path, body):
    """ "UTF-8 with BOM" (Notepad) was "not valid TOML: Invalid statement (at line 1, column 1)"."""
    path = _config_file(tmp_path, b"\xef\xbb\xbf" + body.encode("utf-8"))
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert path in message and "byte-order mark" in message
    assert "save it as UTF-8 without BOM" in message and "Invalid statement" not in message


def test_a_broken_config_without_a_byte_order_mark_is_still_named_invalid_toml(tmp_path):
    with pytest.raises(ConfigError, match="is not valid TOML") as caught:
        load_config(_config_file(tmp_path, "[translate\n"))
    assert "byte-order mark" not in str(caught.value)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/news?x=1",
        "https://example.org/news#top",
        "//example.org/",
        "ftp://example.org/news",
        "example.org",
        "https://exa mple.org",
    ],
)
def test_a_base_url_of_the_wrong_shape_is_said_in_words_with_the_value_and_file(tmp_path, url):
    """The message quoted the pattern's regex: say what a base URL must be instead."""
    path = _config_file(tmp_path, f'[bundle]\nbase_url = "{url}"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert path in message and repr(url) in message and "bundle.base_url" in message
    assert "an http(s) URL without query or fragment, e.g. https://example.org/news" in message
    assert "regex" not in message and "^https" not in message


@pytest.mark.parametrize(
    ("url", "encoded"),
    [
        ("https://example.it/a b/", "https://example.it/a%20b/"),
        ("https://example.it/notizie/ultima ora", "https://example.it/notizie/ultima%20ora"),
        ("http://example.it/a\tb/", "http://example.it/a%09b/"),
    ],
)
def test_a_base_url_with_white_space_in_its_path_names_it_and_the_encoded_url(url, encoded):
    """``--base-url "https://example.it/a b/"`` was refused as having "a query or
    fragment" it did not have: the message names the space and gives the URL with it
    percent-encoded, which loads."""
    with pytest.raises(ConfigError) as caught:
        load_config(None, {"bundle.base_url": url})
    message = str(caught.value)
    assert "white space" in message and "%20" in message and encoded in message
    assert "query or fragment" not in message
    assert load_config(None, {"bundle.base_url": encoded}).bundle.base_url == encoded


def test_a_base_url_of_the_right_shape_loads(tmp_path):
    path = _config_file(tmp_path, '[bundle]\nbase_url = "http://example.org/news/it"\n')
    assert load_config(path).bundle.base_url == "http://example.org/news/it"


@pytest.mark.parametrize(
    ("url", "written"),
    [
        ("HTTPS://example.org/news", "https://example.org/news"),
        ("Https://Example.ORG", "https://example.org"),
        ("hTTp://example.org/Notizie/", "http://example.org/Notizie/"),
    ],
)
def test_a_base_url_scheme_in_any_case_loads_written_lower_case(tmp_path, url, written):
    """URI schemes are case-insensitive (RFC 3986 3.1): ``--base-url HTTPS://example.org``
    was refused (exit 2, "expected an http(s) URL"). Taken, and every page, sitemap and
    feed gets the scheme in lower case as it gets the host; the path keeps its case."""
    path = _config_file(tmp_path, f'[bundle]\nbase_url = "{url}"\n')
    assert load_config(path).bundle.base_url == written
    assert load_config(None, {"bundle.base_url": url}).bundle.base_url == written  # the flag


@pytest.mark.parametrize("url", ["HTTPS:/example.org", "FTP://example.org", "HTTPSS://x.org"])
def test_a_base_url_in_upper_case_is_still_checked_for_its_shape(tmp_path, url):
    """The other side: any case of the scheme, but still http or https and ``://``."""
    with pytest.raises(ConfigError, match="an http\\(s\\) URL without query or fragment"):
        load_config(None, {"bundle.base_url": url})


def test_glossary_of_the_wrong_shape_is_a_config_error(tmp_path):
    glossary = tmp_path / "g.toml"
    for body in ('[terms]\nit-en = "x"\n', "[dnt]\nterms = [1]\n", '[words]\nx = "y"\n', b"\xff"):
        glossary.write_bytes(body if isinstance(body, bytes) else body.encode())
        path = _config_file(tmp_path, f'[qa]\nglossary = "{glossary}"\n')
        with pytest.raises(ConfigError, match=str(glossary)):
            load_config(path)


def test_override_out_of_range_names_the_key_and_the_bound():
    with pytest.raises(ConfigError, match=r"translate.num_beams = 0 .*at least 1"):
        load_config(None, {"translate.num_beams": 0})


def test_settings_are_checked_however_they_are_built():
    from pipeline.config import MemorySettings, TranslateSettings

    with pytest.raises(ConfigError, match="memory.path"):
        MemorySettings(path="")
    with pytest.raises(ConfigError, match="translate.device"):
        TranslateSettings(device="gpu")
    assert TranslateSettings(targets=["fr"]).targets == ("fr",)  # list from TOML -> tuple


def test_qa_thresholds_are_complete_and_typed():
    from pipeline.qa.resources import Thresholds, thresholds

    t = thresholds()
    assert isinstance(t, Thresholds) and t.source_langid_min_words == 4 and t.langid_min_words == 2
    with pytest.raises(TypeError):
        Thresholds(langid_min_words=2)  # every threshold is required


@pytest.mark.parametrize(
    "argv",
    [
        ["bundle", "x.json", "--default-locale", "../x"],
        ["bundle", "x.json", "--default-locale", "xx"],
        ["translate", "x.txt", "--to", "en,../fr"],
        ["translate", "x.txt", "--to", "en,qq"],
        ["translate", "x.txt", "--source-lang", "it/"],
    ],
)
def test_bad_language_flags_are_usage_errors_naming_the_command_line(tmp_path, capsys, argv):
    assert main([*argv, "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "command line" in err and "BCP 47" in err, err
    assert not (tmp_path / "o").exists()


def test_relative_paths_in_a_config_file_resolve_against_its_folder(tmp_path, monkeypatch):
    project = tmp_path / "project"
    (project / "terms").mkdir(parents=True)
    (project / "terms" / "g.toml").write_text('[dnt]\nterms = ["ANSA"]\n', encoding="utf-8")
    (project / "mt.toml").write_text(
        '[qa]\nglossary = "terms/g.toml"\n[translate]\nmodels_dir = "m"\n'
        '[memory]\npath = "tm.sqlite"\n[write]\nout_dir = "/abs/out"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)  # anywhere else
    cfg = load_config(project / "mt.toml", {"bundle.out_dir": "site2"})
    assert cfg.qa.glossary == str(project / "terms" / "g.toml")
    assert cfg.translate.models_dir == str(project / "m")
    assert cfg.memory.path == str(project / "tm.sqlite")
    assert cfg.write.out_dir == "/abs/out"
    assert cfg.bundle.out_dir == "site2"  # flags stay relative to the working directory


def test_builtin_defaults_ship_in_the_package(tmp_path, monkeypatch):
    from pathlib import Path

    import pipeline
    from pipeline.config import Config, QASettings

    monkeypatch.chdir(tmp_path)
    package = Path(pipeline.__file__).parent
    cfg = load_config()
    assert Path(cfg.qa.glossary).is_relative_to(package) and Path(cfg.qa.glossary).is_file()
    assert cfg.qa.glossary == QASettings().glossary  # file and code defaults agree
    assert cfg.translate.models_dir == "models" and cfg.memory.path == "out/memory.sqlite"
    assert load_config(DEFAULT_CONFIG) == dataclasses.replace(cfg, source=str(DEFAULT_CONFIG))
    assert "locales" not in {f.name for f in dataclasses.fields(Config().localise)}


def test_language_tags_are_case_insensitive_and_stored_in_standard_form():
    from pipeline.config import ReadSettings, TranslateSettings

    assert TranslateSettings(targets=("EN", "pt-br")).targets == ("en", "pt-BR")
    # one language written twice is one target (the run's note said "--to en,en,en")
    assert TranslateSettings(targets=("en", "EN", "fr", "en")).targets == ("en", "fr")
    assert ReadSettings(source_lang="IT").source_lang == "it"


@pytest.mark.parametrize(
    ("body", "flags"),
    [
        ("translate = 5\n", ["--to", "en"]),
        ('translate = "en"\n', ["--to", "en"]),
        ("[[translate]]\nnum_beams = 2\n", ["--to", "en"]),
        ("write = []\n", []),  # --out is always given here: write.out_dir
        ("read = 1\n", ["--source-lang", "it"]),
        ("[nonsense]\nx = 1\n", ["--to", "en"]),
    ],
)
def test_a_section_that_is_no_table_beside_a_flag_of_it_is_one_line(
    tmp_path, sample_path, capsys, body, flags
):
    """A flag's value goes into its section: a section that is no table (or an unknown
    one) was a TypeError traceback, exit 1, whenever a flag of that section was given."""
    config = _config_file(tmp_path, body)
    code = main(
        ["--config", config, "translate", str(sample_path), "--out", str(tmp_path / "o"), *flags]
    )
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.count("\n") == 1 and config in err and "Traceback" not in err, err
    assert not (tmp_path / "o").exists()


# A bad value in the file beside the flag that overrides it (trial, round 8): the flag's
# value replaced the file's before any check saw it, and the run went on silently.
OVERRIDDEN = {
    "write.out_dir": ("[write]\nout_dir = 5\n", []),
    "translate.num_beams": ('[translate]\nnum_beams = "4"\n', ["--beams", "1"]),
    "translate.targets": ("[translate]\ntargets = []\n", ["--to", "en"]),
    "read.source_lang": ("[read]\nsource_lang = 5\n", ["--source-lang", "it"]),
    "memory.path": ("[memory]\npath = 5\n", ["--memory", "m.sqlite"]),
    "translate.device": ('[translate]\ndevice = "tpu"\n', ["--device", "cpu"]),
}


@pytest.mark.parametrize("key", list(OVERRIDDEN))
def test_a_bad_config_value_is_refused_though_a_flag_overrides_it(
    tmp_path, sample_path, capsys, key
):
    text, flags = OVERRIDDEN[key]
    config = _config_file(tmp_path, text)
    out = tmp_path / "o"
    argv = ["translate", str(sample_path), "--out", str(out), "--config", config, *flags]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and config in err and key in err, err
    assert not out.exists()


def test_a_flag_still_overrides_a_valid_config_value(tmp_path):
    config = _config_file(tmp_path, '[write]\nout_dir = "site"\n[translate]\nnum_beams = 4\n')
    loaded = load_config(config, {"write.out_dir": "x", "translate.num_beams": 1})
    assert (loaded.write.out_dir, loaded.translate.num_beams) == ("x", 1)


def _two_configs(tmp_path, first: str, second: str) -> tuple[str, str]:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    return _config_file(a, first), _config_file(b, second)


@pytest.mark.parametrize(
    "where",
    [
        ["--config", "{1}", "translate", "{doc}", "--config", "{2}"],
        ["translate", "{doc}", "--config", "{1}", "--config", "{2}"],
        ["--config", "{1}", "--config", "{2}", "translate", "{doc}"],
    ],
)
def test_every_config_file_given_is_validated(tmp_path, sample_path, capsys, where):
    bad, good = _two_configs(tmp_path, "[write]\nout_dir = 5\n", "[translate]\nnum_beams = 1\n")
    argv = [a.format(None, bad, good, doc=sample_path) for a in where]
    assert main([*argv, "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and bad in err and "write.out_dir" in err
    assert not (tmp_path / "o").exists()


def test_of_two_valid_config_files_the_last_is_used(tmp_path):
    from pipeline.cli import build_parser
    from pipeline.cli.common import config_from_args

    first, last = _two_configs(
        tmp_path, "[translate]\nnum_beams = 2\n", "[translate]\nnum_beams = 3\n"
    )
    for argv in (
        ["--config", first, "tm", "stats", "--config", last],
        ["tm", "--config", first, "stats", "--config", last],
        ["tm", "stats", "--config", first, "--config", last],
    ):
        args = build_parser().parse_args(argv)
        assert config_from_args(args).translate.num_beams == 3, argv


def test_a_relative_path_in_a_settings_file_is_shown_without_dot_dot(tmp_path):
    """``[memory] path = "../out/memory.sqlite"`` in ``configs/x.toml`` is ``out/memory.sqlite``
    beside the folder, as `mtpipe tm` prints it (was ``configs/../out/memory.sqlite``)."""
    (tmp_path / "configs").mkdir()
    cfg = tmp_path / "configs" / "x.toml"
    cfg.write_text('[memory]\npath = "../out/memory.sqlite"\n', encoding="utf-8")
    assert str(load_config(cfg).memory.path) == str(tmp_path / "out" / "memory.sqlite")


@pytest.mark.parametrize(
    ("body", "key", "char"),
    [
        ('[bundle]\nsite_name = "Notizie \\u001b[31m oggi"\n', "bundle.site_name", "U+001B"),
        ('[bundle]\nbase_url = "https://example.org/\\u0000"\n', "bundle.base_url", "U+0000"),
        ('[bundle]\nsite_name = "Notizie\\u0085oggi"\n', "bundle.site_name", "U+0085"),
        ('[qa.severity]\n"numbers\\u0007" = "error"\n', "qa.severity", "U+0007"),
        ('[qa]\ndisabled = ["numbers\\u007f"]\n', "qa.disabled", "U+007F"),
    ],
)
def test_a_setting_holding_a_control_character_is_refused_naming_it(tmp_path, body, key, char):
    """A TOML escape gave `site_name` an ESC, which every page's `<title>` and each feed
    then carried as it was (TOML forbids the raw character, not the escape)."""
    path = _config_file(tmp_path, body)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: config key {key}") and char in message


def test_a_path_setting_may_hold_any_character_a_file_name_can(tmp_path):
    """The other direction: a folder named with a line break is a folder (POSIX allows it)."""
    path = _config_file(tmp_path, '[write]\nout_dir = "out\\nput"\n')
    assert load_config(path).write.out_dir.endswith("out\nput")


@pytest.mark.parametrize(
    "argv",
    [
        ["bundle", "DOCS", "--out", " "],
        ["bundle", "DOCS", "--out", "-"],
        ["bundle", "DOCS", "--out", "\t"],
        ["translate", "DOCS", "--to", "en", "--out", "-"],
        ["translate", "DOCS", "--to", "en", "--memory", "  "],
        ["--config", "", "bundle", "DOCS"],
        ["bundle", "DOCS", "--config", " "],
    ],
)
def test_a_path_flag_that_names_no_file_is_a_usage_error(tmp_path, capsys, monkeypatch, argv):
    """`bundle --out " "` built the site in a folder named by a space, `--out -` in one
    named `-` (which `export` and `tm export` read as standard output)."""
    from pipeline.cli import main

    monkeypatch.chdir(tmp_path)
    docs = tmp_path / "docs"
    docs.mkdir()
    argv = [str(docs) if a == "DOCS" else a for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("mtpipe: error: ") and "names no file" in err and err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs"]


def test_a_path_flag_of_a_folder_named_dash_is_given_as_dot_slash(tmp_path, monkeypatch):
    from bundle_fixtures import make_article

    from pipeline.cli import main
    from pipeline.writers import write_article

    monkeypatch.chdir(tmp_path)
    write_article(make_article(), tmp_path / "docs", {"json"})
    assert main(["bundle", "docs", "--out", "./-", "--quiet"]) == 0
    assert (tmp_path / "-" / "_report.json").is_file()


def test_an_unknown_check_in_a_flag_blames_the_command_line(tmp_path, capsys):
    """`qa --disable bogus` named the built-in settings file as the one at fault."""
    from pipeline.cli import main

    doc = tmp_path / "a.json"
    doc.write_text("{}", encoding="utf-8")
    assert main(["qa", str(doc), "--disable", "bogus"]) == 2
    err = capsys.readouterr().err
    assert "command line: [qa] names unknown check 'bogus'" in err and "pipeline.toml" not in err


@pytest.mark.parametrize("name", ["", "   ", "\u3000"])
def test_an_empty_site_name_is_refused_in_words(tmp_path, name):
    """`site_name = ""` built pages titled "Articles – ", a masthead link with no text and a
    feed without a title."""
    path = _config_file(tmp_path, f'[bundle]\nsite_name = "{name}"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: config key bundle.site_name")
    assert "a name to show, not empty or only white space" in message and "regex" not in message
    ok = _config_file(tmp_path, '[bundle]\nsite_name = " Il Giornale "\n')
    assert load_config(ok).bundle.site_name == " Il Giornale "


@pytest.mark.parametrize(
    ("body", "flag"),
    [
        ('[memory]\npath = "../out/memory.sqlite"\n', None),  # configs/ -> out/memory.sqlite
        ("", "out/memory.sqlite"),  # --memory naming the built-in path itself
        ('[memory]\npath = "../out/memory.sqlite"\n[write]\nout_dir = "../o"\n', None),
    ],
)
def test_a_memory_path_that_was_set_is_kept_even_when_it_equals_the_built_in_one(
    tmp_path, monkeypatch, body, flag
):
    """Whether the memory follows the output folder depended on the working folder: from
    the checkout, configs/'s ``../out/memory.sqlite`` normalised to the built-in
    ``out/memory.sqlite`` and was taken for "not chosen" (`make translate OUT=DIR` used
    DIR/memory.sqlite); from another folder the same file's memory was used. A key a file
    or flag set is kept, whatever its value, from any folder."""
    from pipeline.config import memory_in

    (tmp_path / "configs").mkdir()
    cfg_file = tmp_path / "configs" / "x.toml"
    cfg_file.write_text(body, encoding="utf-8")
    for cwd in (tmp_path, tmp_path / "configs"):
        monkeypatch.chdir(cwd)
        config = load_config(cfg_file.relative_to(cwd), {"memory.path": flag})
        expected = config.memory.path
        assert "memory.path" in config.chosen
        assert memory_in(config, tmp_path / "elsewhere").memory.path == expected
        assert Path(expected).resolve() == (
            tmp_path / "out" / "memory.sqlite" if flag is None else cwd / flag
        )


def test_without_a_memory_path_the_memory_follows_the_output_folder(tmp_path, monkeypatch):
    """No ``[memory] path`` set (the built-in file, a copy of it, a file that sets only
    ``out_dir``): the memory is memory.sqlite in the output folder, for `tm` too, so a
    settings file's ``out_dir`` takes its memory along from any working folder."""
    from pipeline.config import memory_in

    monkeypatch.chdir(tmp_path)
    copy = tmp_path / "copy.toml"
    copy.write_text(DEFAULT_CONFIG.read_text(encoding="utf-8"), encoding="utf-8")
    glossary = DEFAULT_CONFIG.parent / "glossary.toml"  # the copy's glossary, beside it
    (tmp_path / "glossary.toml").write_bytes(glossary.read_bytes())
    for config in (load_config(), load_config(copy)):
        assert "memory.path" not in config.chosen
        assert Path(config.memory.path).resolve() == (tmp_path / "out" / "memory.sqlite").resolve()
        moved = memory_in(config, tmp_path / "o2").memory.path
        assert moved == str(tmp_path / "o2" / "memory.sqlite")
    (tmp_path / "configs").mkdir()
    own = tmp_path / "configs" / "own.toml"
    own.write_text('[write]\nout_dir = "../site-out"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path / "configs")
    assert load_config(own).memory.path == str(tmp_path / "site-out" / "memory.sqlite")
    assert load_config(own, {"write.out_dir": "o3"}).memory.path == "o3/memory.sqlite"


def test_the_checkouts_settings_file_leaves_the_memory_to_the_output_folder(monkeypatch):
    """configs/pipeline.toml (every `make` target's) sets no memory path: `make demo`
    keeps its memory in out/demo/memory.sqlite and `make tm-*` read out/memory.sqlite,
    the README's words, from the checkout or any other folder."""
    from pipeline.config import PROJECT_ROOT, memory_in

    shipped = PROJECT_ROOT / "configs" / "pipeline.toml"
    monkeypatch.chdir(PROJECT_ROOT)
    config = load_config("configs/pipeline.toml")
    assert memory_in(config, "out/demo").memory.path == "out/demo/memory.sqlite"
    assert config.memory.path == "out/memory.sqlite"
    monkeypatch.chdir(PROJECT_ROOT / "pipeline")
    assert load_config(shipped).memory.path == str(PROJECT_ROOT / "out" / "memory.sqlite")


@pytest.mark.parametrize("address", ["http://x", "ray://", "localhost", "ray://h:10001/x"])
def test_a_ray_address_of_no_known_form_is_said_in_words(address):
    """The refusal quoted the field's regex (``'^(|auto|ray://[^\\\\s/]+:...'``)."""
    with pytest.raises(ConfigError) as caught:
        load_config(None, {"ray.address": address})
    said = str(caught.value)
    assert "ray://HOST:PORT" in said and "HOST:PORT (a head node" in said
    assert "regex" not in said and "[^" not in said


@pytest.mark.parametrize(
    ("url", "name", "folder"),
    [
        ("https://example.org/news/index.html", "index.html", "https://example.org/news/"),
        ("https://example.org/INDEX.HTM", "INDEX.HTM", "https://example.org/"),
        ("http://example.org/a/home.php", "home.php", "http://example.org/a/"),
    ],
)
def test_a_base_url_ending_in_a_page_name_is_refused_with_its_folder(tmp_path, url, name, folder):
    """Every link is the base URL plus a bundle path: ``…/index.html/en/`` is dead."""
    path = _config_file(tmp_path, f'[bundle]\nbase_url = "{url}"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert "bundle.base_url" in message and f"({name})" in message
    assert message.endswith(f"give the folder's URL, {folder}")


@pytest.mark.parametrize(
    "url",
    ["https://example.org/news", "https://example.org/news/", "https://example.org/v1.2/html"],
)
def test_a_base_url_naming_a_folder_loads_as_given(tmp_path, url):
    path = _config_file(tmp_path, f'[bundle]\nbase_url = "{url}"\n')
    assert load_config(path).bundle.base_url == url


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ("[write]\nformats = []\n", "write.formats"),
        ("[translate]\ntargets = []\n", "translate.targets"),
    ],
)
def test_an_empty_list_that_leaves_nothing_to_write_is_refused_with_its_fix(tmp_path, body, key):
    """``formats = []`` ran, said "translated", and wrote no translation (hostile37 #12)."""
    with pytest.raises(ConfigError) as caught:
        load_config(_config_file(tmp_path, body))
    assert key in str(caught.value) and "give one or more" in str(caught.value)


def test_empty_formats_stop_a_translate_before_anything_is_written(tmp_path, sample_path, capsys):
    config = _config_file(tmp_path, "[write]\nformats = []\n")
    code, err = _run_translate(tmp_path, config, sample_path, capsys)
    assert code == 2 and "no output format" in err and "txt, md, html" in err, err


@pytest.mark.parametrize(
    ("body", "fix"),
    [
        ('[translate]\ntargets = "en"\n', 'targets = ["en"]'),
        ('[write]\nformats = "txt"\n', 'formats = ["txt"]'),
        ('[qa]\ndisabled = "repetition"\n', 'disabled = ["repetition"]'),
    ],
)
def test_one_value_where_a_list_is_expected_names_the_list_form(tmp_path, body, fix):
    """``targets = "en"`` got the fix of ``targets = []`` ("no target language: give one or
    more"), as if no language was given (hostile37 #13): a type error names the list form."""
    with pytest.raises(ConfigError) as caught:
        load_config(_config_file(tmp_path, body))
    message = str(caught.value)
    assert f"write it as a list: {fix}" in message and "give one or more" not in message


@pytest.mark.parametrize(
    ("body", "shown"),
    [('[qa]\nseverity = "error"\n', '"error"'), ('[qa]\nseverity = ["warning"]\n', '"warning"')],
)
def test_one_value_where_a_table_is_expected_names_the_table_form(tmp_path, body, shown):
    """``[qa] severity = "error"`` was told "must be one of info, warning, error", which the
    value already was (review37 P4): a value that is no table names the table form."""
    with pytest.raises(ConfigError) as caught:
        load_config(_config_file(tmp_path, body))
    message = str(caught.value)
    assert f"write it as a table: [qa.severity] with one CHECK = {shown}" in message
    assert "must be one of" not in message


@pytest.mark.parametrize(
    ("tag", "fixed", "lang"), [("en_GB", "en-GB", "en"), ("fr_ca", "fr-CA", "fr")]
)
def test_a_locale_name_given_to_to_names_the_tag_and_the_language(
    tmp_path, sample_path, capsys, tag, fixed, lang
):
    """``--to en_GB`` was refused as "config key translate.targets = ('en_GB',)" with no way
    out (review37 P5): the flag is named, with the BCP 47 form and the language to give."""
    code = main(["translate", str(sample_path), "--to", tag, "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 2 and not (tmp_path / "o").exists()
    assert f"--to: {tag!r} is a locale name; a language tag is written {fixed!r} (BCP 47)" in err
    assert f"use {lang!r}" in err
    assert "config key" not in err


def test_a_locale_name_in_the_config_file_names_the_tag_and_the_language(tmp_path):
    with pytest.raises(ConfigError) as caught:
        load_config(_config_file(tmp_path, '[translate]\ntargets = ["en_GB"]\n'))
    assert "a language tag is written 'en-GB' (BCP 47)" in str(caught.value)
    assert "use 'en'" in str(caught.value)


def _keys_in_built_in_file() -> set[str]:
    """``section.key`` of every key the built-in file names, set or commented out."""
    import re

    section, keys = "", set()
    for line in DEFAULT_CONFIG.read_text(encoding="utf-8").splitlines():
        if header := re.match(r"\s*#?\s*\[([a-z_.]+)\]", line):
            section, _, sub = header.group(1).partition(".")
            keys |= {f"{section}.{sub}"} if sub else set()
        elif key := re.match(r"\s*#?\s*([a-z_0-9]+)\s*=", line):
            keys.add(f"{section}.{key.group(1)}")
    return keys


def test_the_built_in_settings_file_names_every_key_the_config_accepts():
    """docs37 F5: configs/pipeline.toml calls the built-in file the one that "documents
    every section and key"; `[qa] enable` (which the README tells users to set) and
    `[read] max_bytes` were accepted but not in it, not even commented."""
    from pipeline.config import SECTIONS

    accepted = {f"{s}.{f.name}" for s, cls in SECTIONS.items() for f in dataclasses.fields(cls)}
    assert accepted - _keys_in_built_in_file() == set()


def test_every_settings_key_the_readme_names_is_in_the_built_in_file():
    """A `[section] key` the README tells users to set is one the built-in file shows."""
    import re

    from pipeline.config import PROJECT_ROOT, SECTIONS

    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    named = {f"{s}.{k}" for s, k in re.findall(r"`\[([a-z_]+)\] ([a-z_0-9]+)", readme)}
    named = {key for key in named if key.split(".")[0] in SECTIONS}
    assert named and named - _keys_in_built_in_file() == set()
