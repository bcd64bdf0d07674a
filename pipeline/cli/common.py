"""Helpers shared by CLI command modules (config loading with flag overrides)."""

from __future__ import annotations

import argparse
import contextlib
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from pipeline.config import READ_FORMATS, Config, load_config
from pipeline.errors import UsageError

# ``--format`` of the commands that read articles: the values of ``[read] format``.
FORMATS = READ_FORMATS


# The temporary folder (``tempfile.gettempdir()``) as a write error's fix names it.
_TMPDIR = ("TMPDIR", "temporary folder", "folder", "TMPDIR=$HOME/tmp")


@contextlib.contextmanager
def scratch_folder() -> Iterator[str]:
    """A temporary folder (removed after), for an output written whole before it goes to
    standard output (``export --out -``, ``tm export -``). A full or read-only ``/tmp``
    was a traceback; it is an OutputError naming the folder and TMPDIR, its setting."""
    from pipeline.atomic import OutputSetting, output_setting, write_failure
    from pipeline.errors import OutputError

    with output_setting(OutputSetting(*_TMPDIR)):
        try:
            scratch = tempfile.TemporaryDirectory()
        except OSError as exc:
            where = tempfile.gettempdir()
            raise OutputError(write_failure("a temporary folder", exc, where)) from None
    with scratch as tmp:
        yield tmp


def config_from_args(args: argparse.Namespace, overrides: dict[str, Any] | None = None) -> Config:
    """Load the settings file named by ``--config`` and apply CLI overrides.

    With several ``--config`` the last is used, and every one is validated first: an
    earlier file with a bad key or value was never read and ran silently.
    """
    files = config_files(args)
    for earlier in files[:-1]:
        load_config(earlier)
    return load_config(files[-1] if files else None, overrides)


def memory_help(what: str, where: str | None = None) -> str:
    """``--memory`` help of every command that has it: what the memory is for and which it
    is without the flag. ``where`` is the folder a command's memory follows (``"in the
    --out folder"``, ``"beside the document"``); commands with no document to follow
    (``tm``, ``catalogs fill``) take ``memory.sqlite`` in ``[write] out_dir``
    (:func:`pipeline.config.memory_in`). One text, so the commands cannot drift apart
    again: ``tm`` and ``catalogs fill`` said "[memory] path, out/memory.sqlite" after the
    default had become the ``out_dir`` folder's memory."""
    if where is None:
        where = "in the [write] out_dir folder"
        after = (
            "; with the built-in settings out/memory.sqlite; after `translate --out DIR` "
            "give DIR/memory.sqlite"
        )
    else:
        after = ""
    return (
        f"{what} (default: memory.sqlite {where}, unless a settings file sets [memory] path{after})"
    )


def config_files(args: argparse.Namespace) -> list[str]:
    """Every ``--config`` of the command line, in the order given."""
    levels = sorted(k for k in vars(args) if k == "config" or k.startswith("config_level_"))
    return [f for k in levels for f in (getattr(args, k) or [])]


def named_arg(value: str) -> str:
    """argparse ``type`` of a path given as text: an empty or blank value is refused (exit
    2). It was taken as no flag (`qa --report ""` wrote the default report, `tm import
    --memory ""` the default memory) or, through ``Path("")``, as the current folder
    (`catalogs extract --locale-dir ""` wrote ``messages.pot`` there, `qa ""` a traceback)."""
    if not value.strip():
        raise argparse.ArgumentTypeError(f"{value!r} names no file or folder; give a path")
    return home_arg(value)


def home_arg(value: str) -> str:
    """A path flag's value with a leading ``~`` expanded (:func:`pipeline.paths.home_expanded`):
    quoted (``--out "~/news"``, make's ``--out "$(OUT)"``) no shell expanded it, and the
    outputs went into a folder named ``~``. argparse names the flag when it cannot be."""
    from pipeline.errors import UsageError
    from pipeline.paths import home_expanded

    if not value.startswith("~"):
        return value
    try:
        return str(home_expanded(value))
    except UsageError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def path_arg(value: str) -> Path:
    """:func:`named_arg` as a :class:`Path`."""
    return Path(named_arg(value))


def file_arg(value: str) -> str | Path:
    """argparse ``type`` of a file argument: a :class:`Path`, but ``-`` kept as the string,
    since ``Path("./-")`` is ``Path("-")`` and a file named ``-`` must stay reachable."""
    value = named_arg(value)
    return value if value == "-" else Path(value)


def refuse_standard_input(paths: Sequence[str | Path | None], what: str) -> None:
    """``-`` is standard input to ``segment`` and ``glossary apply``; a command that reads
    files said "-: no such file; check the path" (or "give a gettext .po"), as if a file
    had gone missing. UsageError (exit 2) saying so; ``./-`` still names a file ``-``."""
    if any(isinstance(p, str) and p == "-" for p in paths):
        raise UsageError(
            f"- (standard input) is not read here: give {what} as a path "
            "(save standard input to a file first; ./- for a file named -)"
        )


def refuse_together(args: argparse.Namespace, *flags: tuple[str, str]) -> None:
    """Refuse flags that contradict each other, each ``(flag, dest)``, when two are given
    (a value other than None/False): one of them was ignored unsaid. UsageError (exit 2).

    For flags that overlap (``--format`` goes with ``--report`` but not ``--no-report``);
    a plain pair is an argparse mutually exclusive group, whose refusal reads the same
    (:func:`contradiction`, via ``cli._Parser.error``)."""
    given = [flag for flag, dest in flags if getattr(args, dest, None) not in (None, False)]
    if len(given) > 1:
        raise UsageError(contradiction(given, [f for f, _ in flags]))


def contradiction(given: Sequence[str], flags: Sequence[str]) -> str:
    """The one message for contradicting flags: ``given`` (two or more, as on the command
    line) of ``flags`` (those that exclude each other), and the fix."""
    return f"{' and '.join(given)} contradict each other: give only one of {', '.join(flags)}"


def split_list(value: str | None) -> tuple[str, ...] | None:
    """``"en,fr"`` -> ``("en", "fr")``; None stays None."""
    if value is None:
        return None
    return tuple(v.strip() for v in value.split(",") if v.strip())


def parse_model_dirs(specs: list[str]) -> dict[str, Path]:
    """``["it-en=models/x"]`` -> ``{"it-en": Path("models/x")}``; UsageError when malformed."""
    dirs: dict[str, Path] = {}
    given: dict[str, str] = {}
    for spec in specs:
        pair, sep, path = spec.partition("=")
        if not sep or "-" not in pair or not path:
            raise UsageError(
                f"--model-dir expects PAIR=PATH such as it-en=models/opus-mt-it-en, got {spec!r}"
            )
        key = standard_pair(pair.strip())
        if key in given:  # the last one was used, the first ignored unsaid
            raise UsageError(
                f"--model-dir {given[key]} and --model-dir {spec}: two models for {key}; "
                "give one --model-dir per language pair"
            )
        given[key] = spec
        dirs[key] = Path(home_arg(path.strip()))
    return dirs


def unused_model_dirs(
    dirs: Mapping[str, Path], source: str, targets: Sequence[str], flag: str = "--to"
) -> str | None:
    """The warning line for ``--model-dir`` pairs this run never uses (their source is not
    the run's source language, or their target not among its ``targets``), else None.

    A warning, not an error: a script or a settings file may keep one ``--model-dir`` per
    model it has and run a few languages at a time. It was silence: a typo'd pair
    (``it-fr`` for ``it-en``) left the registry model in use without a word."""
    used = {standard_pair(f"{source}-{t}") for t in targets}
    unused = [f"{pair}={path}" for pair, path in dirs.items() if pair not in used]
    if not unused:
        return None
    named = ", ".join(sorted(used)) or "none"
    return (
        f"mtpipe: warning: --model-dir {' and '.join(unused)}: not used, this run translates "
        f"{named} (from {source}, {flag} {','.join(targets)}); check the pair or the "
        f"languages"
    )


def standard_pair(pair: str) -> str:
    """``"IT-EN"`` -> ``"it-en"``: each half of a ``SRC-TGT`` pair in its standard tag form.

    Pairs key the registry, model markers and ``--model-dir``; typed in another case they
    matched nothing (``--model-dir IT-EN=DIR`` was ignored for it-en, exit 4 "model
    missing"). Anything that is not two valid tags is returned as given, for
    :func:`pipeline.models.registry.split_pair` to name.
    """
    from pipeline.schema import lang_tag_is_valid, standard_tag

    parts = pair.split("-")
    if len(parts) != 2 or not all(lang_tag_is_valid(p) for p in parts):
        return pair
    return "-".join(standard_tag(p) for p in parts)


def refuse_output_over_input(
    outputs: dict[str, str | Path | None], inputs: list[str | Path]
) -> None:
    """An output path that names one of the command's own inputs (``--out`` = the document
    being checked, ``tm export`` into the memory it reads) would destroy that input.

    ``outputs`` maps a flag to its path (None or ``-``: not given / standard output); a
    path and an input are the same when they resolve to one path or are one file (a hard
    link). Raises :class:`UsageError` (exit 2) naming both, before any work.
    """
    import os

    from pipeline.errors import OutputError
    from pipeline.paths import resolved, resolved_or_none

    for flag, out in outputs.items():
        if out is None or str(out) == "-":
            continue
        real = resolved(out, OutputError)  # a loop of links: named, not a traceback
        for given in inputs:  # one that cannot be resolved fails at its read, named
            same = real == resolved_or_none(given)
            if not same and Path(out).is_file() and Path(given).is_file():
                same = os.path.samefile(out, given)
            if same:
                raise UsageError(
                    f"{flag} {out} is the input {given}: writing it would destroy what the "
                    "command reads; choose another file"
                )


def refuse_folder_over_inputs(out_dir: Path, inputs: list[str | Path], flag: str) -> None:
    """Refuse an output folder that is, or holds, one of the documents or folders read
    (the folder-wide kin of :func:`refuse_output_over_input`).

    The site folder's whole content is replaced: ``mtpipe bundle out --out out`` (after a
    ``translate --out`` into an earlier bundle) or ``mtpipe bundle sx/docs --out sx``
    deleted the documents it had just read, ``ID.json`` and ``memory.sqlite`` with them. A
    site folder *inside* a documents folder (``bundle docs --out docs/site``) is kept:
    folders are not read recursively, and replacing ``docs/site`` removes nothing of
    ``docs``. Raises :class:`UsageError` (exit 2) naming both paths, before anything is read.
    """
    import os

    out = Path(os.path.realpath(out_dir))  # realpath: a link loop is left to check_out_dir
    for given in inputs:
        path = Path(os.path.realpath(given))
        if out == path or out in path.parents:
            what = "is" if out == path else "holds"
            raise UsageError(
                f"{flag} {out_dir} {what} the input {given}: replacing the site folder would "
                "delete the documents it is built from; choose a site folder outside them"
            )


def plain_doc(doc: str | None) -> str:
    """A module docstring as a command's ``--help`` text: reST literals (````x````) and
    roles (``:func:`x```) shown as plain text, as a terminal user reads them."""
    import re

    text = re.sub(r":[a-z]+:`~?([^`]+)`", r"\1", doc or "")
    return text.replace("``", "")
