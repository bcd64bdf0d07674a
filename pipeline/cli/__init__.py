"""Thin command-line front-end: ``mtpipe COMMAND ...``.

Each command group lives in its own module with a ``register(subparsers)``
function that adds its sub-parser and sets ``func(args) -> int``. Heavy
libraries are imported inside the command functions, so ``mtpipe segment``,
``qa`` and ``catalogs`` start fast. Only :class:`PipelineError` is caught;
its ``exit_code`` becomes the process exit status (see README, "Exit codes").
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from typing import Any, ClassVar

from pipeline import __version__
from pipeline.errors import PipelineError, UsageError, one_line

# Modules under pipeline.cli that each register one command (group).
COMMAND_MODULES = (
    "translate",
    "segment",
    "models",
    "qa",
    "catalogs",
    "bundle",
    "tm",
    "glossary",
    "postedit",
    "eval",
)


CONFIG_HELP = (
    "settings file (default: the built-in pipeline/defaults/pipeline.toml; the make targets "
    "of a checkout pass configs/pipeline.toml, which reads configs/glossary.toml: pass it by "
    "hand too, or your glossary edits are not used)"
)


class _Once(argparse._StoreAction):
    """A flag that takes a value, given once: argparse kept the last of two unsaid
    (``--out a --out b`` wrote to b, ``--memory`` twice used the second)."""

    def __call__(self, parser, namespace, values, option_string=None):  # type: ignore[no-untyped-def]
        if self.option_strings:
            given = namespace.__dict__.setdefault("_given_flags", {})
            if self.dest in given:
                first, flag = given[self.dest]
                parser.error(
                    f"{flag} {first} and {option_string} {values}: the flag is given twice; "
                    "give it once"
                )
            given[self.dest] = (values, option_string)
        super().__call__(parser, namespace, values, option_string)


def _home(value: str) -> str:
    """``--config ~/x.toml`` quoted: ``~`` expanded (common.home_arg, imported when used)."""
    from pipeline.cli.common import home_arg

    return home_arg(value)


class _ConfigFiles(argparse.Action):
    """``--config``, before or after the command, once or more: every file is kept in order
    (:func:`config_files`), so each is validated; the last one given is the one used.

    Each parser level has its own ``dest`` (argparse copies a subcommand's namespace over
    its parent's, which would drop the files given before the command).
    """

    def __call__(self, parser, namespace, values, option_string=None):  # type: ignore[no-untyped-def]
        files = list(getattr(namespace, self.dest, None) or [])
        setattr(namespace, self.dest, [*files, values])


# argparse's refusal of two flags of one mutually exclusive group (Lib/argparse.py,
# "argument %s: not allowed with argument %s"): said as refuse_together says it.
_GROUP_CONFLICT = re.compile(r"argument (\S+): not allowed with argument (\S+)")


# Suffixes of the files mtpipe commands read or write: a dash-leading word with one is a
# file name even when no such file exists yet (an output) or the path is mistyped.
_FILE_SUFFIXES = frozenset(
    {".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".xlf", ".xliff", ".po",
     ".mo", ".pot", ".tmx", ".toml", ".sqlite", ".csv", ".tsv"}
)  # fmt: skip


def _dash_file(argv: list[str]) -> str | None:
    """The first word before ``--`` that starts with ``-`` and is a file name (it exists,
    or ends in a file suffix mtpipe reads): argparse took ``-notizia.txt`` for flags and
    said "the following arguments are required: FILE|DIR", as if none was given."""
    for word in argv:
        if word == "--":
            return None
        if len(word) > 1 and word.startswith("-") and not word.startswith("--"):
            name = word.split("=", 1)[0]
            if os.path.lexists(word) or os.path.splitext(name)[1].lower() in _FILE_SUFFIXES:
                return word
    return None


class _Parser(argparse.ArgumentParser):
    """argparse that raises UsageError instead of exiting, so exit codes stay ours, and
    refuses a value flag given twice (:class:`_Once`)."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.register("action", None, _Once)
        self.register("action", "store", _Once)

    argv: ClassVar[list[str]] = []  # the command line main() parses, for error()

    def error(self, message: str) -> None:  # type: ignore[override]
        if (dashed := _dash_file(self.argv)) is not None:
            message = (
                f"{dashed} is a file name that starts with '-', read as a flag: write "
                f"./{dashed}, or put it after --, which ends the flags (... -- {dashed})"
            )
        elif conflict := _GROUP_CONFLICT.fullmatch(message):  # a mutually exclusive group's
            from pipeline.cli.common import contradiction

            pair = [conflict[2], conflict[1]]  # as given: argparse names the later one first
            message = contradiction(pair, pair)
        command = self.prog.removeprefix("mtpipe").strip()  # main() prints "mtpipe: error:"
        raise UsageError(f"{command}: {message}" if command else message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="mtpipe", description="Machine translation and localisation pipeline for news sites."
    )
    parser.add_argument("--version", action="version", version=f"mtpipe {__version__}")
    parser.add_argument(
        "--config", action=_ConfigFiles, type=_home, metavar="FILE", help=CONFIG_HELP
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"pipeline.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"pipeline.cli.{name}":
                continue
            raise
        module.register(sub)
    _add_global_options(sub)
    _describe_subcommands(sub)
    _expand_home_in_paths(sub)
    return parser


# The dests of every path argument, flag or positional, of every command: their values get
# a leading ``~`` expanded (common.home_arg), where the command declared no type that does.
_PATH_DESTS = frozenset(
    {"out", "out_dir", "memory", "models_dir", "model_dir", "glossary", "file", "files",
     "src", "ref", "comet_model", "locale_dir", "report", "doc", "inputs", "docs", "path"}
)  # fmt: skip
_EXPANDING = frozenset({"named_arg", "path_arg", "file_arg", "home_arg", "_home"})


def _expand_home_in_paths(sub: argparse._SubParsersAction) -> None:
    """Give every path argument (:data:`_PATH_DESTS`) a ``type`` that expands ``~``, at any
    depth: one place, so a command added later cannot take ``"~/news"`` literally again."""
    for parser in sub.choices.values():
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                _expand_home_in_paths(action)
            elif action.dest in _PATH_DESTS and action.nargs != 0 and not _expands(action):
                action.type = _home_then(action.type)


def _expands(action: argparse.Action) -> bool:
    """Whether ``action``'s type already expands ``~`` (common.named_arg and its kin)."""
    return getattr(action.type, "__name__", "") in _EXPANDING


def _home_then(kind: Any) -> Any:
    """An argparse ``type`` that expands ``~`` (:func:`_home`), then applies ``kind``."""

    def convert(value: str) -> Any:
        value = _home(value)
        return value if kind is None else kind(value)

    convert.__name__ = "home_arg"  # argparse names a refused value by its type's name
    return convert


def _describe_subcommands(sub: argparse._SubParsersAction) -> None:
    """Give every subcommand without a description its one-line help as one, at any depth.

    ``mtpipe tm import --help``, ``glossary check --help`` and ``models fetch --help``
    printed their options alone: what the command does was only in the parent's list.
    """
    helps = {choice.dest: choice.help for choice in sub._choices_actions}
    for name, parser in sub.choices.items():
        if not parser.description and helps.get(name):
            parser.description = helps[name]
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                _describe_subcommands(action)


def _add_global_options(sub: argparse._SubParsersAction, level: int = 1) -> None:
    """``--config`` after the command too (``mtpipe translate x --config c.toml``), at any depth.

    ``SUPPRESS`` keeps a subcommand that was not given the option from
    resetting the files given before the command.
    """
    for parser in sub.choices.values():
        if not any("--config" in a.option_strings for a in parser._actions):
            parser.add_argument(
                "--config",
                action=_ConfigFiles,
                type=_home,
                dest=f"config_level_{level}",
                metavar="FILE",
                default=argparse.SUPPRESS,
                help=CONFIG_HELP,
            )
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                _add_global_options(action, level + 1)


def _escape_unencodable() -> None:
    """Let stdout and stderr write any text: a terminal or pipe whose encoding cannot hold a
    file name or a translation (``PYTHONIOENCODING=ascii``, a C locale) gets ``\\xe0``-style
    escapes instead of a ``UnicodeEncodeError`` after the outputs were written."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _link_loop(exc: BaseException) -> str | None:
    """The one-line message for a loop of symbolic links met where no path helper was
    (``Path.resolve()``: RuntimeError in Python 3.11, OSError ELOOP later), else None.
    The known entry points name it with its exit code (:mod:`pipeline.paths`); this
    keeps any other one from ending in a traceback."""
    import errno

    from pipeline.paths import path_trouble

    if isinstance(exc, RuntimeError) and str(exc).startswith("Symlink loop from "):
        return path_trouble(str(exc).removeprefix("Symlink loop from ").strip("'\""), exc)
    if isinstance(exc, OSError) and exc.errno == errno.ELOOP:
        return path_trouble(exc.filename or "a path", exc)
    return None


def main(argv: list[str] | None = None) -> int:
    _escape_unencodable()
    try:
        parser = build_parser()
        _Parser.argv = list(sys.argv[1:] if argv is None else argv)
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help(sys.stderr)
            return 2
        return int(args.func(args) or 0)
    except PipelineError as exc:
        message = f"mtpipe: error: {exc}"
        print(message if exc.listing else one_line(message), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("mtpipe: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `mtpipe ... | head`: the reader left; stop quietly, as cat does
        devnull = os.open(os.devnull, os.O_WRONLY)  # Python docs: "Note on SIGPIPE"
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except (RuntimeError, OSError) as exc:  # after BrokenPipeError, an OSError too
        if (message := _link_loop(exc)) is None:
            raise
        print(one_line(f"mtpipe: error: {message}"), file=sys.stderr)
        return 1
