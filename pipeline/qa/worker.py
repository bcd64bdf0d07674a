"""The qa stage in a helper process, warmed while the translation models load.

Most of what QA costs in a `mtpipe translate` run is paid once per process:
wordfreq's lists (about 0.2 s, :mod:`pipeline.qa.frequency`), and lingua's
n-gram models (about 1.2 s for the seven languages of
:data:`pipeline.qa.langid.DEFAULT_LANGS`, in Rust code that holds the GIL, so a
thread cannot hide it) when some target's function words do not settle its
language. A :class:`QAWorker` starts
one helper process (``python -m pipeline.qa.worker``) when a run starts; it
loads all of that while the parent reads, loads the model and decodes, then runs
:func:`pipeline.qa.run_qa` on each article it is sent. The code that decides
is the same in both processes, so the findings are those of an in-process run;
if the helper process dies, :meth:`QAWorker.run_qa` runs QA in this process.
"""

from __future__ import annotations

import atexit
import os
import pickle
import subprocess
import sys
from multiprocessing.connection import Connection
from pathlib import Path

from pipeline.config import QASettings, TranslateSettings
from pipeline.document import Article, Finding
from pipeline.qa import warm


def _warm(source_lang: str, targets: tuple[str, ...], settings: QASettings) -> None:
    """Load QA's resources in the helper process (its first request; see :mod:`pipeline.qa.warm`).

    Best effort: what fails here fails again, and is reported, when an article
    is checked.
    """
    import contextlib

    with contextlib.suppress(Exception):  # the first real check reports it instead
        warm.warm_up(source_lang, targets, settings)


def _check(article: Article, settings: QASettings) -> list[list[Finding]]:
    """Findings of every segment of ``article`` after the qa stage, in document order."""
    from pipeline.qa import run_qa

    run_qa(article, settings)
    return [seg.findings for seg in article.segments()]


def _sendable(exc: Exception) -> Exception:
    """``exc`` if it pickles (PipelineErrors do), else a RuntimeError naming it."""
    try:
        pickle.dumps(exc)
    except Exception:  # noqa: BLE001  (anything unpicklable is described instead)
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


def serve(requests: Connection, replies: Connection) -> None:
    """The helper's loop: ``("warm", source_lang, targets, settings)`` (no reply) and
    ``("check", article, settings)`` (reply ``(True, findings)`` or ``(False, exception)``)
    until the parent closes its end."""
    while True:
        try:
            kind, *args = requests.recv()
        except EOFError:
            return
        if kind == "warm":
            _warm(*args)
            continue
        try:
            reply = (True, _check(*args))
        except Exception as exc:  # noqa: BLE001  (the parent raises it)
            reply = (False, _sendable(exc))
        replies.send(reply)


class QAWorker:
    """One helper process running the qa stage; start it before the models load.

    The helper is ``python -m pipeline.qa.worker`` (a fresh interpreter that
    imports only the qa stage, whatever program started the run), fed pickled
    articles over a pipe. ``source_lang``/``targets`` say which languages to
    warm up for. :meth:`run_qa` has the contract of :func:`pipeline.qa.run_qa`
    (findings replaced on the same article, PipelineError raised as such).
    """

    def __init__(self, source_lang: str, targets: list[str], settings: QASettings) -> None:
        import pipeline

        req_r, req_w = os.pipe()
        rep_r, rep_w = os.pipe()
        env = dict(os.environ)  # the helper imports this very pipeline package
        root = str(Path(pipeline.__file__).resolve().parents[1])
        env["PYTHONPATH"] = os.pathsep.join(filter(None, (root, env.get("PYTHONPATH"))))
        cmd = [sys.executable, "-m", "pipeline.qa.worker"]
        self._proc: subprocess.Popen | None = subprocess.Popen(
            cmd, stdin=req_r, stdout=rep_w, env=env
        )
        os.close(req_r)
        os.close(rep_w)
        self._requests = Connection(req_w, readable=False)
        self._replies = Connection(rep_r, writable=False)
        self._requests.send(("warm", source_lang, tuple(targets), settings))
        atexit.register(self.close)

    def run_qa(self, article: Article, settings: QASettings) -> Article:
        """Check ``article`` in the helper process; its findings replace the segments' own."""
        if self._proc is not None:
            try:
                self._requests.send(("check", article, settings))
                ok, found = self._replies.recv()
            except (OSError, EOFError):  # the helper died: check here instead
                self.close()
            else:
                if not ok:
                    raise found
                for seg, findings in zip(article.segments(), found, strict=True):
                    seg.findings = findings
                if settings.enabled:
                    from pipeline.qa.stage import record_checked

                    record_checked(article)
                return article
        from pipeline.qa import run_qa

        return run_qa(article, settings)

    def pids(self) -> list[int]:
        """Process id of the helper (empty when it is not running)."""
        return [self._proc.pid] if self._proc is not None else []

    @property
    def alive(self) -> bool:
        return self._proc is not None

    def close(self) -> None:
        """Stop the helper process (idempotent): end of input, then a kill if it lingers."""
        if self._proc is None:
            return
        proc, self._proc = self._proc, None
        self._requests.close()
        self._replies.close()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def use_helper(qa: QASettings, translate: TranslateSettings, cores: int) -> bool:
    """Whether a run should check in a helper process (``[qa] worker``).

    ``auto``: only when decoding leaves CPU cores free, on a CUDA device or with
    ``[translate] threads`` below the machine's ``cores``. Where decoding keeps
    every core busy, the helper's loading competes with it; CTranslate2's
    replicas then wait for the slowest, and on 2 cores the run got slower
    (bench/results/qa_cost.md).
    """
    if qa.worker != "auto":
        return qa.worker == "on"
    return translate.device.startswith("cuda") or 0 < translate.threads < cores


_SHARED: QAWorker | None = None


def shared_worker(source_lang: str, targets: list[str], settings: QASettings) -> QAWorker:
    """This process's helper (one per process, reused by every run it makes)."""
    global _SHARED
    if _SHARED is None or not _SHARED.alive:
        _SHARED = QAWorker(source_lang, targets, settings)
    return _SHARED


__all__ = ["QAWorker", "serve", "shared_worker", "use_helper"]


if __name__ == "__main__":
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    # Replies go over the original stdout; anything printed goes to stderr instead.
    replies = os.dup(1)
    os.dup2(2, 1)
    serve(Connection(0, writable=False), Connection(replies, readable=False))
