"""How a run behaves, beyond the settings file: the CLI's run-time switches."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.runners.result import ArticleEvent


def log_stderr(message: str) -> None:
    from pipeline.errors import one_line

    # a warning names input paths, which may hold line breaks or terminal escapes
    print(one_line(message), file=sys.stderr)


@dataclass(frozen=True)
class RunOptions:
    """Run-time switches shared by every runner.

    ``model_dirs`` maps a pair (``it-en``) to a model folder that replaces the
    registry's; ``use_memory`` False neither reads nor writes the translation
    memory; ``run_qa`` False skips QA; ``force`` redoes up-to-date articles;
    ``progress`` shows progress bars; ``log`` receives one-line warnings
    (tiny models) and, unless ``quiet``, the backend/device chosen per pair;
    ``report`` (None: nothing) receives each article's
    :class:`~pipeline.runners.result.ArticleEvent` as it happens, in the
    runner's process: every runner settles articles through
    :class:`~pipeline.runners.commit.Ledger`, which reports them.
    """

    model_dirs: Mapping[str, Path] = field(default_factory=dict)
    use_memory: bool = True
    run_qa: bool = True
    force: bool = False
    progress: bool = False
    quiet: bool = False
    log: Callable[[str], None] = log_stderr
    report: Callable[[ArticleEvent], None] | None = None
