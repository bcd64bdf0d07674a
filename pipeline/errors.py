"""The one error tree of mtpipe.

Every error a user can cause or meet derives from :class:`PipelineError`; each
subclass carries the CLI exit code documented in the README. Messages say what
happened and what to do about it, in one sentence where possible. The CLI
catches only the base class.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


class PipelineError(Exception):
    """Base of every mtpipe error; the CLI maps it to ``exit_code``.

    ``listing=True``: the message is a heading and one problem per line, each already
    made one line (:func:`one_line`), and is printed as it is; any other message is
    printed as one line.
    """

    exit_code = 1

    def __init__(self, *args: object, listing: bool = False) -> None:
        super().__init__(*args)
        self.listing = listing


class UsageError(PipelineError):
    """Bad command-line usage or arguments."""

    exit_code = 2


class ConfigError(UsageError):
    """A configuration file or override is invalid (unknown key, wrong type or value)."""

    exit_code = 2


class InputError(PipelineError):
    """An input file is missing, empty, binary, not UTF-8 or not in a readable format."""

    exit_code = 3


class ModelError(PipelineError):
    """A translation model is missing, incomplete or cannot be loaded."""

    exit_code = 4


class ModelNotFoundError(ModelError):
    """The model folder for a language pair does not exist or lacks files."""


class CatalogError(PipelineError):
    """A gettext catalog is missing, broken or fails its checks."""

    exit_code = 1


class QAFailed(PipelineError):
    """QA found problems at or above the configured failing severity."""

    exit_code = 5


class OutputError(PipelineError):
    """An output could not be written (permissions, unsafe path, disk)."""

    exit_code = 1


class EvalGateFailed(QAFailed):
    """``mtpipe eval``: the pipeline scored too far below sentence-level MT or published scores."""


class RunFailed(PipelineError):
    """Some articles of a run failed; the others were written (see ``RunResult``).

    ``exit_code`` is the failures' own code when they share one (3 when every
    failure is an input error), else 1.
    """

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


# Characters that would break a one-line message or drive the terminal: C0 controls but tab,
# DEL, C1 controls, the Unicode line and paragraph separators, and the bidirectional
# controls (a file named "e\u202ef.txt" showed the rest of its line reversed: a forged line).
_NOT_ONE_LINE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def one_line(message: str) -> str:
    """``message`` as one line a terminal shows as it is: each control character or line
    break (a file named ``a\\nb.txt``, ``\\x1b[31m`` in a name) written as its Python escape.

    The CLI prints every error and warning through it, so a message stays one line of
    stderr whatever the paths it names hold.
    """
    return _NOT_ONE_LINE.sub(lambda m: ascii(m.group())[1:-1], message)


def shortened(text: str, limit: int) -> str:
    """``text`` at most ``limit`` characters for a message, cut after a word (inside one
    only when it is most of the limit, a long URL) and marked ``…``: cut mid-word and
    unmarked (``text may be added`` as ``tex``) it read as the quoted text itself."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if head.rfind(" ") > limit // 2 and text[limit - 1] != " ":  # not a long URL's cut
        head = head.rsplit(" ", 1)[0].rstrip(" ,;:(")
    return head + "…"


def listing_error(
    error: type[PipelineError], heading: str, problems: Iterable[object]
) -> PipelineError:
    """An ``error`` whose message is ``heading`` then one indented line per problem.

    Each problem is made one line (:func:`one_line`: a msgid may hold a line break) and
    the error is marked ``listing`` so the CLI prints its lines as they are.
    """
    lines = "".join(f"\n  {one_line(str(p))}" for p in problems)
    return error(heading + lines, listing=True)
