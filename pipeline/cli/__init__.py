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
import sys

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


CONFIG_HELP = "settings file (default: the built-in pipeline/defaults/pipeline.toml)"


class _Parser(argparse.ArgumentParser):
    """argparse that raises UsageError instead of exiting, so exit codes stay ours."""

    def error(self, message: str) -> None:  # type: ignore[override]
        command = self.prog.removeprefix("mtpipe").strip()  # main() prints "mtpipe: error:"
        raise UsageError(f"{command}: {message}" if command else message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="mtpipe", description="Machine translation and localisation pipeline for news sites."
    )
    parser.add_argument("--version", action="version", version=f"mtpipe {__version__}")
    parser.add_argument("--config", help=CONFIG_HELP)
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
    return parser


def _add_global_options(sub: argparse._SubParsersAction) -> None:
    """``--config`` after the command too (``mtpipe translate x --config c.toml``), at any depth.

    ``SUPPRESS`` keeps a subcommand that was not given the option from
    resetting the value given before the command.
    """
    for parser in sub.choices.values():
        if not any("--config" in a.option_strings for a in parser._actions):
            parser.add_argument("--config", default=argparse.SUPPRESS, help=CONFIG_HELP)
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                _add_global_options(action)


def _escape_unencodable() -> None:
    """Let stdout and stderr write any text: a terminal or pipe whose encoding cannot hold a
    file name or a translation (``PYTHONIOENCODING=ascii``, a C locale) gets ``\\xe0``-style
    escapes instead of a ``UnicodeEncodeError`` after the outputs were written."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def main(argv: list[str] | None = None) -> int:
    _escape_unencodable()
    try:
        parser = build_parser()
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
