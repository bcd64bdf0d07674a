"""``mtpipe catalogs extract|update|compile|stats|check|fill``: the gettext workflow (Babel)."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.cli.common import (
    config_from_args,
    file_arg,
    memory_help,
    parse_model_dirs,
    path_arg,
    refuse_standard_input,
    split_list,
    unused_model_dirs,
)
from pipeline.errors import UsageError, one_line
from pipeline.langdata.domains import DOMAINS

if TYPE_CHECKING:
    from pipeline.config import Config
    from pipeline.translate.base import BaseTranslator


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "catalogs",
        help="gettext catalog workflow: extract, update, compile, stats, check, import, fill",
        description="Maintain the Babel gettext catalogs in pipeline/locale.",
    )
    sub = parser.add_subparsers(dest="catalogs_command", metavar="ACTION", required=True)

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument(
            "--locale-dir", type=path_arg, help="catalog folder (default: pipeline/locale)"
        )
        return p

    add("extract", "extract msgids from pipeline code and templates into messages.pot")
    p = add("update", "merge messages.pot and categories.pot into each locale's .po")
    p.add_argument("--lang", help="comma-separated locales (default: every existing one)")
    p = add("compile", "compile .po to .mo (only catalogs whose .po changed)")
    p.add_argument("--lang", help="comma-separated locales (default: all)")
    p.add_argument("--force", action="store_true", help="recompile even if up to date")
    p = add("stats", "print translated / fuzzy / missing entries per locale and domain")
    p.add_argument("--lang", help="comma-separated locales (default: all)")
    p = add("check", "fail on missing or fuzzy entries, placeholder mismatches, broken plurals")
    p.add_argument("--lang", help="comma-separated locales (default: all)")
    p.add_argument("--allow-fuzzy", action="store_true", help="do not fail on fuzzy entries")
    p = add("import", "merge a site's WordPress .po/.mo language file into the chrome catalogs")
    p.add_argument("file", type=file_arg, metavar="FILE.po|FILE.mo", help="the language file")
    p.add_argument("--lang", help="catalog language (default: the file's Language header)")
    p = add("fill", "machine-translate missing entries of one locale and mark them fuzzy")
    p.add_argument("--lang", required=True, help="the locale to fill, e.g. fr")
    p.add_argument(
        "--source-lang",
        help="catalog language to translate from (default: [read] source_lang, it)",
    )
    p.add_argument(
        "--domain", default="messages", choices=DOMAINS, help="catalog domain (default: messages)"
    )
    p.add_argument(
        "--model-dir",
        action="append",
        default=[],
        metavar="PAIR=PATH",
        help="model folder for a language pair, e.g. it-fr=models/opus-mt-it-fr",
    )
    memory = p.add_mutually_exclusive_group()
    memory.add_argument(
        "--memory",
        help=memory_help("translation memory whose human entries win over MT"),
    )
    memory.add_argument("--no-memory", action="store_true", help="machine-translate every entry")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pipeline.atomic import output_setting
    from pipeline.langdata.catalogs import LOCALE_DIR
    from pipeline.localise.workflow import CATALOG_FOLDER

    locale_dir = args.locale_dir or LOCALE_DIR
    langs = _locales(split_list(getattr(args, "lang", None)))
    if args.catalogs_command in ("fill", "import"):  # they take one --lang, checked here too
        if langs is not None and len(langs) != 1:
            raise UsageError(f"--lang {args.lang!r}: {args.catalogs_command} takes one language")
        args.lang = langs[0] if langs else args.lang  # in the folders' form (EN -> en)
        langs = None
    with output_setting(CATALOG_FOLDER):  # a write error's fix names --locale-dir, not --out
        return ACTIONS[args.catalogs_command](args, locale_dir, langs) or 0


def _locales(names: tuple[str, ...] | None) -> tuple[str, ...] | None:
    """``--lang`` values name folders: each must be a language tag (``fr``, ``pt_BR``),
    returned as the locale folders are named (``EN`` -> ``en``, ``pt-br`` -> ``pt_BR``:
    tags are case-insensitive, and ``EN`` was "catalog …/EN/… does not exist")."""
    from pipeline.schema import lang_tag_is_valid, standard_tag

    if names is None:
        return None
    for name in names:
        if not lang_tag_is_valid(name.replace("_", "-")):
            raise UsageError(
                f"--lang {name!r} is not a locale name such as it, fr or pt_BR "
                f"(a BCP 47 language tag, _ or - between its parts){_posix_hint(name)}"
            )
    folders = (standard_tag(n.replace("_", "-")).replace("-", "_") for n in names)
    return tuple(dict.fromkeys(folders))  # `--lang en,EN` did every step twice


def _posix_hint(name: str) -> str:
    """For a POSIX locale name (``sr@latin``, ``de_DE.UTF-8``), the tag to give instead:
    WordPress and gettext files name their language so, and the refusal gave no way on."""
    from pipeline.langdata.catalogs import posix_locale_tag

    tag = posix_locale_tag(name)
    if tag is None or tag == name:
        return ""
    return f"; for the POSIX locale {name!r} give {tag}"


def _extract(args: argparse.Namespace, locale_dir: Path, langs: Langs) -> None:
    from pipeline.localise import workflow

    print(one_line(f"wrote {workflow.extract(locale_dir=locale_dir)}"))


def _update(args: argparse.Namespace, locale_dir: Path, langs: Langs) -> None:
    from pipeline.localise import workflow

    for path in workflow.update(langs, locale_dir=locale_dir):
        print(one_line(f"updated {path}"))


def _compile(args: argparse.Namespace, locale_dir: Path, langs: Langs) -> None:
    from pipeline.localise import workflow

    written = workflow.compile_catalogs(langs, locale_dir=locale_dir, force=args.force)
    for path in written:
        print(one_line(f"compiled {path}"))
    if not written:
        print("catalogs up to date")


def _stats(args: argparse.Namespace, locale_dir: Path, langs: Langs) -> None:
    from pipeline.localise import workflow

    rows = workflow.stats(langs, locale_dir=locale_dir)
    print(f"{'locale':<8}{'domain':<12}{'translated':>11}{'fuzzy':>7}{'missing':>9}{'done':>8}")
    for row in rows:
        print(
            f"{row.lang:<8}{row.domain:<12}{row.translated:>11}{row.fuzzy:>7}"
            f"{row.missing:>9}{row.percent:>7.1f}%"
        )
    _not_merged_note(rows, args.locale_dir)


def _not_merged_note(rows: list, locale_dir: Path | None) -> None:
    """Say which missing entries are not in the catalogs yet and how they get there: a
    translator cannot fill what ``catalogs update`` has not merged (``catalogs import``
    adds msgids to the template only), and ``catalogs fill`` alone finds none of them."""
    stale = [r for r in rows if r.not_merged]
    if not stale:
        return
    langs = ",".join(dict.fromkeys(r.lang for r in stale))
    where = f" --locale-dir {locale_dir}" if locale_dir else ""
    counts = ", ".join(f"{r.lang} {r.domain} {r.not_merged}" for r in stale)
    fill = langs if "," not in langs else "LANG"  # fill takes one language
    print(
        one_line(
            f"not in the catalogs yet (counted as missing): {counts}; run `mtpipe catalogs "
            f"update --lang {langs}{where}`, then translate them (a translator, or `mtpipe "
            f"catalogs fill --lang {fill}{where}` for machine drafts marked fuzzy)"
        ),
        file=sys.stderr,
    )


def _check(args: argparse.Namespace, locale_dir: Path, langs: Langs) -> None:
    from pipeline.localise import checks

    n = checks.check(langs, locale_dir=locale_dir, allow_fuzzy=args.allow_fuzzy)
    print(f"catalogs OK: {n} entries checked")


def _import(args: argparse.Namespace, locale_dir: Path, langs: Langs = None) -> int:
    from pipeline.localise.importer import import_catalog

    refuse_standard_input([args.file], "the .po or .mo file")
    report = import_catalog(args.file, args.lang, locale_dir)
    for conflict in report.conflicts:
        print(one_line(f"conflict: {conflict}"))
    print(one_line(report.summary()))
    return 0


def _fill(args: argparse.Namespace, locale_dir: Path, langs: Langs = None) -> int:
    from pipeline.localise.fill import fill_catalog

    # --source-lang is checked as [read] source_lang is (a BCP 47 tag, exit 2 otherwise)
    config = config_from_args(
        args, {"read.source_lang": args.source_lang, "memory.path": args.memory}
    )
    from pipeline.config import check_on_this_machine

    check_on_this_machine(config, {})  # a device or compute type this machine cannot run
    source = config.read.source_lang
    pair = _fill_pair(source, args.lang)
    dirs = parse_model_dirs(args.model_dir)
    if (note := unused_model_dirs(dirs, source, [pair.split("-")[1]], "--lang")) is not None:
        print(note, file=sys.stderr)
    # Without --model-dir the registry folder under [translate] models_dir is used; it is
    # loaded only when an entry needs MT (a complete catalog needs no model: docs37 F2).
    translator = _LoadedOnFirstUse(pair, config, dirs.get(pair), _variant_note(pair, args.lang))
    memory_path = Path(config.memory.path)  # --memory "" is refused there, not the default
    use_memory = not args.no_memory and config.memory.enabled and memory_path.is_file()
    with contextlib.ExitStack() as stack:
        memory = None
        if use_memory:  # human translations in the memory win over MT
            from pipeline.memory import TranslationMemory

            memory = stack.enter_context(TranslationMemory(memory_path, readonly=True))
        report = fill_catalog(
            args.lang,
            translator,
            source_lang=source,
            domain=args.domain,
            locale_dir=locale_dir,
            human_memory=memory,
        )
    noise = " (tiny random model: the MT text is noise)" if translator.noise else ""
    print(one_line(report.summary() + noise))
    return 0


def _fill_pair(source: str, lang: str) -> str:
    """The model pair that fills ``lang``'s catalog: its language's (``pt_BR`` from ``it``:
    ``it-pt``, said in a note). Was ``it-pt_BR``, a pair no model or --model-dir matched."""
    language = lang.split("_")[0]
    if source == lang:
        raise UsageError(f"--lang and --source-lang are both {lang!r}; nothing to translate")
    if source == language:  # it_CH from it: no model translates it into it
        raise UsageError(
            f"--lang {lang!r} is a variant of the source language {source!r}: no model "
            "translates into it; fill it by hand (or `catalogs import` its strings)"
        )
    return f"{source}-{language}"


def _variant_note(pair: str, lang: str) -> str | None:
    """The note that ``lang``'s catalog is filled by its language's model, or None for a
    language that is no variant. Printed when the model is loaded, not before the catalog
    is read: a complete catalog printed it, then "nothing to fill" (review37 P7)."""
    language = pair.split("-")[1]
    if language == lang:
        return None
    return (
        f"mtpipe: note: --lang {lang} is a variant of {language}: its catalog is filled "
        f"by the {pair} model (models translate into languages; --model-dir {pair}=PATH "
        "names it)"
    )


class _LoadedOnFirstUse:
    """The pair's translator, loaded (and its noise warning printed) on the first batch.

    `catalogs fill` loaded the model before it read the catalog: a complete catalog
    needed one (exit 4 on a machine without models) to say "0 entries".
    """

    def __init__(
        self, pair: str, config: Config, model_dir: Path | None, note: str | None = None
    ) -> None:
        self.pair, self.config, self.model_dir, self.note = pair, config, model_dir, note
        self.translator: BaseTranslator | None = None
        self.noise = False  # a tiny random model: fill_catalog notes it in each entry

    def translate(self, texts: list[str]) -> list[str]:
        if self.translator is None:
            from pipeline.translate import load_translator, noise_warning

            if self.note is not None:
                print(self.note, file=sys.stderr)
            self.translator = load_translator(self.pair, self.config.translate, self.model_dir)
            warning = noise_warning(self.translator)
            self.noise = warning is not None
            if warning is not None:
                print(warning, file=sys.stderr)
        return self.translator.translate(texts)


Langs = tuple[str, ...] | None
ACTIONS: dict[str, Callable[[argparse.Namespace, Path, Langs], int | None]] = {
    "extract": _extract,
    "update": _update,
    "compile": _compile,
    "stats": _stats,
    "check": _check,
    "import": _import,
    "fill": _fill,
}
