"""The one error tree of mtpipe.

Every error a user can cause or meet derives from :class:`PipelineError`; each
subclass carries the CLI exit code documented in the README. Messages say what
happened and what to do about it, in one sentence where possible. The CLI
catches only the base class.
"""

from __future__ import annotations


class PipelineError(Exception):
    """Base of every mtpipe error; the CLI maps it to ``exit_code``."""

    exit_code = 1


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
