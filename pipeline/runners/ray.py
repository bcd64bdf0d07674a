"""The Ray runner: the same plan -> process -> commit, with process spread over a Ray cluster.

Dataflow (Ray Data, streaming):

- plan, on the driver: :func:`~pipeline.runners.plan.make_plan`, unchanged (the
  same build keys and up-to-date check as the local runner). Nothing to do: no
  Ray instance is started and no actor.
- the plan's groups become rows of a Ray dataset (a group is translated
  together, as in the local runner, so outputs do not depend on the runner),
  passed on in plan order (``preserve_order``) and given to each actor one
  at a time (:func:`translate_pool`): the memory makes a group's outputs
  depend on the groups before it;
- translate, in one actor pool per language pair: each actor builds a
  :class:`~pipeline.runners.process.Pipeline` for its pair once (the model loads
  on its first text) and translates whole groups; ``num_gpus=1`` per actor on a
  cluster with GPUs, else ``[ray] actor_threads`` CPU threads per actor;
- localise and QA, as Ray tasks (``Pipeline.finish``);
- commit, on the driver, with the local runner's atomic writer, as groups arrive.

The translation memory stays a single-writer SQLite file on the driver: before
the run the driver looks up every planned source once per pair and puts the
hits in Ray's object store (:mod:`pipeline.runners.snapshot`); actors read that
snapshot; new translations travel back with each group's results and the
driver stores them before committing the group's articles.

Faults: Ray Data restarts a killed actor and retries its tasks (actor pools run
with ``max_restarts=-1``, ``max_task_retries=-1``). Ctrl-C on the driver stops
the dataset and shuts the instance down; every article committed so far stays,
and a rerun redoes only the others (their build keys are missing).
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import re
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pipeline.config import Config
from pipeline.errors import PipelineError, UsageError
from pipeline.runners.commit import Ledger
from pipeline.runners.options import RunOptions
from pipeline.runners.plan import Job, Plan
from pipeline.runners.process import Pipeline, bug_message, finish_article, open_memory
from pipeline.runners.result import RunResult
from pipeline.runners.snapshot import Snapshot, SnapshotMemory, build_snapshot
from pipeline.translate.stage import memory_key

RAY_EXTRA = "pip install 'mtpipe[ray]'"


@dataclass
class RayStats:
    """What the last run measured, for the scaling benchmark and the summary line.

    ``actor_seconds[lang]`` is the time actors of that pair spent translating,
    ``mt_segments[lang]`` the distinct segments they sent to the model,
    ``actors[lang]`` the actor processes seen (``host:pid``);
    ``load_seconds[lang]`` the longest model load of that pair's actors (in the
    actor's constructor, before its first group; 0 when nothing needed the model),
    ``commit_seconds`` the driver's time storing memory and writing outputs,
    ``finishers`` the processes that localised and checked groups (``host:pid``),
    ``order[lang]`` each group's ``(actor, its call number there, first job index)``:
    an actor's calls follow the plan when the groups reach it in plan order.
    """

    pool_size: int = 0
    actor_threads: int = 0
    actor_replicas: int = 0
    gpus_per_actor: int = 0
    start_seconds: float = 0.0
    actor_seconds: dict[str, float] = field(default_factory=dict)
    mt_segments: dict[str, int] = field(default_factory=dict)
    actors: dict[str, set[str]] = field(default_factory=dict)
    load_seconds: dict[str, float] = field(default_factory=dict)
    finishers: set[str] = field(default_factory=set)
    order: dict[str, list[tuple[str, int, int]]] = field(default_factory=dict)
    commit_seconds: float = 0.0
    articles: int = 0
    segments: int = 0


def import_ray():
    """The ``ray`` module, or a UsageError saying how to install it."""
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise UsageError(f"--runner ray needs Ray Data: {RAY_EXTRA}") from None
    return ray


# -- worker side ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _ActorPlan:
    """What a translation actor is built from (plain data, shipped once per actor)."""

    config: Config
    model_dirs: dict[str, Path]
    lang: str
    glossary: Any
    use_memory: bool  # False: no memory at all, as the local runner with --no-memory
    warm: bool  # load the model in the constructor: some planned source is not in the snapshot


class TranslateActor:
    """One language pair's translator in a Ray actor: loads the model once, translates groups.

    Rows carry ``group`` (a pickled list of :class:`Job`); the actor fills the
    articles' translations for its language and adds ``tm_LANG`` (pickled new
    memory entries: ``(source, target, repair notes)``), ``error_LANG`` (pickled
    ``(type, message)`` of a translate failure, or empty), its busy time, model
    segment count and model load time
    (on its first row only).

    The model loads in the constructor when ``plan.warm``: Ray Data builds every
    pool's actors at the start, so the next pair's actor loads while the first
    pair translates the first group, not after it (the load is then off the
    pipeline's critical path).
    """

    def __init__(self, plan: _ActorPlan, snapshot: list) -> None:
        import ray

        self.lang = plan.lang
        self.calls = 0  # groups translated so far (the order they arrived in)
        self.where = f"{ray.util.get_node_ip_address()}:{os.getpid()}"
        self.error: tuple[type[PipelineError], str] | None = None
        self.load_seconds = 0.0
        self.described = False  # the backend line went to the driver (describe_LANG)
        try:
            self.pipeline = Pipeline(
                plan.config,
                plan.model_dirs,
                [plan.lang],
                glossary=plan.glossary,
                options=RunOptions(quiet=True, log=lambda _msg: None),
            )
        except PipelineError as exc:
            self.error = (type(exc), str(exc))
            return
        translator = self.pipeline.translators[self.lang]
        self.memory = (
            SnapshotMemory(memory_key(translator), ray.get(snapshot[0]))
            if plan.use_memory
            else None
        )
        if plan.warm:
            self._load(translator)

    def _load(self, translator) -> None:
        """Load the model now; a failure is reported with the first group, as a lazy load's."""
        start = time.perf_counter()
        try:
            translator.load()
        except PipelineError as exc:
            self.error = (type(exc), str(exc))
        self.load_seconds = time.perf_counter() - start

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        lang = self.lang
        groups, news, errors, busy, counts, calls = [], [], [], [], [], []
        for blob in batch["group"]:
            jobs: list[Job] = pickle.loads(blob)
            self.calls += 1
            calls.append(self.calls)
            start = time.perf_counter()
            new, error, count = self._translate([job.article for job in jobs])
            busy.append(time.perf_counter() - start)
            groups.append(pickle.dumps(jobs))
            news.append(pickle.dumps(new))
            errors.append(pickle.dumps(error))
            counts.append(count)
        out = dict(batch)
        out.update(group=groups, **{f"tm_{lang}": news, f"error_{lang}": errors})
        out.update(**{f"busy_{lang}": busy, f"mt_{lang}": counts, f"call_{lang}": calls})
        out[f"actor_{lang}"] = [self.where] * len(groups)
        out[f"load_{lang}"] = [self.load_seconds] + [0.0] * (len(groups) - 1)
        out[f"describe_{lang}"] = [self._describe()] + [""] * (len(groups) - 1)
        self.load_seconds = 0.0
        return out

    def _describe(self) -> str:
        """The backend line the local runner prints when a pair's model loads, with this
        actor's node, once, after the load ("" otherwise): the driver prints it. Actors
        logged nothing, so a node that fell back to transformers or had no GPU was unsaid."""
        if self.described or self.error is not None:
            return ""
        translator = self.pipeline.translators[self.lang]
        if not translator.loaded:  # every text so far came from the memory
            return ""
        self.described = True
        return f"{translator.describe()}, actor at {self.where}"

    def _translate(self, articles: list) -> tuple[list[tuple[str, str, list[str]]], Any, int]:
        """(new memory entries, error or None, segments sent to the model) for one group."""
        if self.error is not None:
            return [], self.error, 0
        from pipeline.translate import translate_articles

        translator = self.pipeline.translators[self.lang]
        before = translator.stats.get("pieces", 0) if hasattr(translator, "stats") else 0
        try:
            translate_articles(articles, {self.lang: translator}, memory=self.memory)
        except PipelineError as exc:
            self._take_new()
            return [], (type(exc), str(exc)), 0
        except Exception as exc:  # noqa: BLE001  (a bug: Ray's wrapper named no article)
            self._take_new()
            others = len(articles) - 1
            with_others = f" (in a group with {others} other article(s))" if others else ""
            return [], (PipelineError, bug_message(articles[0], exc) + with_others), 0
        after = translator.stats.get("pieces", 0) if hasattr(translator, "stats") else 0
        return self._take_new(), None, after - before

    def _take_new(self) -> list[tuple[str, str, list[str]]]:
        return self.memory.take_new() if self.memory is not None else []


def actor_class(source: str, target: str) -> type[TranslateActor]:
    """A TranslateActor subclass named for its pair, so the pool shows as ``Translate_it_en``."""
    return type(f"Translate_{source}_{target}", (TranslateActor,), {})


class FinishActor:
    """Localise and QA in a Ray actor: QA's resources load once, in the constructor.

    As Ray tasks, each new task worker loaded lingua's models and wordfreq's
    lists again (about 3.5 CPU-seconds each, and Ray ends idle task workers
    after about a second, so a run started several); an actor loads them once,
    at the start, while the first pair translates the first group. The work
    per group is :func:`finish_groups`, unchanged.
    """

    def __init__(self, config: Config, run_qa: bool, targets: list[str]) -> None:
        import ray

        self.config, self.run_qa = config, run_qa
        self.where = f"{ray.util.get_node_ip_address()}:{os.getpid()}"
        if run_qa:
            from pipeline.qa import warm

            with contextlib.suppress(PipelineError):  # the first real check reports it
                warm.warm_up(config.read.source_lang, targets, config.qa)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        out = finish_groups(batch, self.config, self.run_qa)
        out["finisher"] = [self.where] * len(out["done"])
        return out


def finish_groups(batch: dict[str, Any], config: Config, run_qa: bool) -> dict[str, Any]:
    """Localise and QA every article of each group (``finish_article``, as the local runner).

    Replaces ``group`` by ``done``: a pickled list of ``(job index, Processed)``.
    A group whose translation failed is passed through untouched.
    """
    done = []
    for blob, failed in zip(batch["group"], _failures(batch), strict=True):
        jobs: list[Job] = pickle.loads(blob)
        if failed:
            done.append(pickle.dumps([]))
            continue
        done.append(
            pickle.dumps([(j.index, finish_article(j.article, config, run_qa)) for j in jobs])
        )
    out = {k: v for k, v in batch.items() if k != "group"}
    out["done"] = done
    return out


def _failures(batch: dict[str, Any]) -> list[bool]:
    cols = [k for k in batch if k.startswith("error_")]
    n = len(batch["group"])
    return [any(pickle.loads(batch[c][i]) for c in cols) for i in range(n)]


# -- driver side ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Sizing:
    """How many actors per pair, with what each reserves and how many replicas each runs."""

    pool_size: int
    threads: int
    gpus: int
    replicas: int = 1


def plan_sizing(
    resources: Mapping[str, float], pairs: int, pool_size: int, threads: int, replicas: int = 0
) -> Sizing:
    """Actors per pair and their reservation, from the cluster's resources.

    With at least one GPU per pair: one GPU per actor and as many actors per
    pair as GPUs allow, one replica each. Otherwise ``threads`` CPU threads each
    (0: 1), as many actors per pair as CPUs allow, at least one, and
    ``replicas`` CTranslate2 replicas of ``threads`` threads each (0: one per
    pair). An actor reserves ``threads`` CPUs but may decode on more: the
    pairs' pools run in series, so at the first and the last group, and
    whenever the other pair's actor waits, its cores would otherwise be idle;
    when every actor is busy the replicas share the reserved cores.
    ``pool_size`` > 0 overrides the count.
    """
    gpus = int(resources.get("GPU", 0))
    cpus = int(resources.get("CPU", 1))
    if gpus >= pairs:
        return Sizing(pool_size or max(1, gpus // pairs), max(1, threads), 1)
    threads = max(1, threads)
    count = pool_size or max(1, cpus // (pairs * threads))
    return Sizing(count, threads, 0, replicas or max(1, pairs))


def fit_to_groups(sizing: Sizing, groups: int) -> Sizing:
    """``sizing`` with no more actors per pair than the run has groups (at least one).

    An actor given no group loaded its model for nothing, and Ray Data printed a
    UserWarning per pair ("The minimum number of concurrent actors ... is set to 2, but
    the operator only received 1 input(s)") on a one-article run.
    """
    return replace(sizing, pool_size=max(1, min(sizing.pool_size, groups)))


def translate_pool(sizing: Sizing):  # -> ray.data.ActorPoolStrategy
    """A pair's actor pool: ``sizing.pool_size`` actors, each given one group at a time.

    An actor's memory gains its own translations, so a sentence shared by two
    groups is MT in the first it translates and a memory hit in the other: it
    must translate them in plan order, as the local runner does. With several
    groups in flight Ray ran them out of order: the Ray Data log of a failed
    tests/test_runners_ray.py run shows ``Translate_it_en`` executing task index
    1 before 0 (both queued while the actor loaded its model), and art00/art01
    swapped "mt" and "memory" against the local run. One in flight costs the
    actor the driver's round trip between groups (milliseconds against a
    group's decoding).
    """
    from ray.data import ActorPoolStrategy

    return ActorPoolStrategy(size=sizing.pool_size, max_tasks_in_flight_per_actor=1)


def actor_config(config: Config, sizing: Sizing, backend: str) -> Config:
    """The settings an actor translates with: its own thread plan, nothing else changed.

    ``backend`` is the pair's resolved backend. A CTranslate2 actor on CPU runs
    ``sizing.replicas`` replicas of ``sizing.threads`` intra-op threads; any
    other gets ``sizing.threads`` threads (torch's intra-op pool would spin
    against a second one). Threads do not enter the build key or the memory key;
    outputs are the same.
    """
    replicas = sizing.replicas if backend == "ctranslate2" and not sizing.gpus else 1
    translate = replace(
        config.translate, threads=sizing.threads * replicas, ct2_inter_threads=replicas
    )
    return replace(config, translate=translate)


class RayRunner:
    """Runs a :class:`Plan` on Ray (``[ray] address``: empty = a local instance)."""

    name = "ray"

    def __init__(self) -> None:
        self.stats = RayStats()
        self.on_commit: Callable[[RayStats], None] | None = None  # after each group (tests)
        self.log: Callable[[str], None] | None = None  # the run's log (None: quiet)
        self.described: set[str] = set()  # backend lines printed (one per pair and backend)

    def run(self, plan: Plan, options: RunOptions) -> RunResult:
        """Process every job on Ray and commit it on this process; return every outcome."""
        result = RunResult(outcomes=plan.outcomes)
        ledger = Ledger(plan, options)
        if not plan.jobs:
            return result
        self.log = None if options.quiet else options.log
        ray = import_ray()
        driver = Pipeline(
            plan.config,
            plan.model_dirs,
            plan.targets,
            glossary=plan.glossary,
            options=RunOptions(quiet=True, log=options.log),
        )
        result.tiny_models = list(driver.tiny_models)
        started = self._connect(ray, plan.config)
        memory = open_memory(plan.config, options.use_memory)
        try:
            keys = {lang: memory_key(tr) for lang, tr in driver.translators.items()}
            backends = {lang: tr.backend for lang, tr in driver.translators.items()}
            with quiet_ray_notes():
                dataset = self._dataset(ray, plan, options, (keys, backends), memory)
                self._drain(dataset, ledger, options, keys, memory)
        finally:
            if memory is not None:
                memory.close()
            if started:
                ray.shutdown()
        result.models_loaded = [lang for lang, n in self.stats.mt_segments.items() if n]
        return result

    def _connect(self, ray, config: Config) -> bool:
        """Join ``[ray] address`` or start a local instance sized to this machine.

        Returns True when this call started or joined (and must shut down). An
        instance already running in this process (tests) is reused.
        """
        if ray.is_initialized():
            return False
        start = time.perf_counter()
        address = config.ray.address or None
        kwargs: dict[str, Any] = dict(
            address=address,
            include_dashboard=False,
            log_to_driver=False,
            logging_level=logging.WARNING,
            configure_logging=True,
        )
        if address is None:
            kwargs["num_cpus"] = os.cpu_count() or 1
            os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # mtpipe runs offline
        else:
            check_reachable(address)
        quiet_token_notice()
        try:
            ray.init(**kwargs)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise UsageError(_init_failure(address, exc)) from None
        self.stats.start_seconds = time.perf_counter() - start
        return True

    def _dataset(self, ray, plan: Plan, options: RunOptions, pairs, memory):
        """The Ray Data pipeline over the plan's groups (lazy; runs while drained).

        ``pairs`` is (memory key, resolved backend name), each by target language.
        """
        from ray.data import ActorPoolStrategy, DataContext

        ctx = DataContext.get_current()
        ctx.enable_progress_bars = False
        ctx.print_on_execution_start = False
        # Blocks pass between the stages in plan order (Ray Data's default hands them on as
        # they finish): with several actors per pair, the next pair still sees the plan's
        # order. Each actor takes one group at a time (translate_pool).
        ctx.execution_options.preserve_order = True
        logging.getLogger("ray.data").setLevel(logging.ERROR)
        sizing = plan_sizing(
            ray.cluster_resources(),
            len(plan.targets),
            plan.config.ray.pool_size,
            plan.config.ray.actor_threads,
            plan.config.ray.actor_replicas,
        )
        groups = plan.groups()
        sizing = fit_to_groups(sizing, len(groups))
        self.stats.pool_size, self.stats.actor_threads = sizing.pool_size, sizing.threads
        self.stats.actor_replicas = sizing.replicas
        self.stats.gpus_per_actor = sizing.gpus
        rows = [
            {
                "group": pickle.dumps(g),
                "segments": sum(len(j.article.text_segments()) for j in g),
                "first": g[0].index,
            }
            for g in groups
        ]
        ds = ray.data.from_items(rows, override_num_blocks=len(rows))
        keys, backends = pairs
        for lang in plan.targets:
            config = actor_config(plan.config, sizing, backends[lang])
            ds = self._translate_stage(ray, ds, plan, (config, sizing, lang), memory, keys[lang])
        run_qa = options.run_qa and plan.config.qa.enabled
        return ds.map_batches(
            FinishActor,
            batch_size=1,
            fn_constructor_args=(plan.config, run_qa, list(plan.targets)),
            compute=ActorPoolStrategy(min_size=1, max_size=sizing.pool_size),
            num_cpus=0,
        )

    @staticmethod
    def _translate_stage(ray, ds, plan: Plan, how: tuple[Config, Sizing, str], memory, key):
        """``ds`` through the pair's actor pool; ``how`` is (actor settings, sizing, language).

        The pair's memory snapshot (its hits for every planned source) goes into
        the object store once; every actor of the pool reads it from there.
        """
        config, sizing, lang = how
        sources = {s.source for j in plan.jobs for s in j.article.text_segments()}
        hits = build_snapshot(memory, key, sources) if memory is not None else Snapshot()
        warm = any(s.strip() and s not in hits.mt and s not in hits.human for s in sources)
        actor_plan = _ActorPlan(
            config, dict(plan.model_dirs), lang, plan.glossary, memory is not None, warm
        )
        return ds.map_batches(
            actor_class(plan.source_lang, lang),
            batch_size=1,
            compute=translate_pool(sizing),
            fn_constructor_args=(actor_plan, [ray.put(hits)]),
            num_cpus=sizing.threads if not sizing.gpus else 1,
            num_gpus=sizing.gpus or None,
        )

    def _drain(self, dataset, ledger: Ledger, options: RunOptions, keys, memory) -> None:
        """Commit groups as they arrive; store their new memory entries first.

        Each article is settled through ``ledger``, so it is reported when its
        group arrives. The driver does not see an actor start a group: no
        start event is reported.
        """
        plan = ledger.plan
        bar = _Progress(len(plan.jobs), sum(len(j.article.text_segments()) for j in plan.jobs))
        bar.enabled = options.progress
        rows = _rows(dataset)
        try:
            for row in rows:
                start = time.perf_counter()
                self._commit_row(row, ledger, keys, memory)
                self.stats.commit_seconds += time.perf_counter() - start
                done = pickle.loads(row["done"])
                bar.update(len(done), int(row["segments"]))
                if self.on_commit is not None:
                    self.on_commit(self.stats)
        except KeyboardInterrupt:
            # The CLI says "mtpipe: interrupted" itself (it was said twice); this line adds
            # what a Ray run alone can say: how many articles its finished groups kept.
            n = self.stats.articles
            options.log(
                f"mtpipe: ray: {n} article{'' if n == 1 else 's'} committed before the "
                "interrupt kept; a rerun redoes the others"
            )
            raise
        finally:
            rows.close()
            bar.close()

    def _commit_row(self, row: Mapping[str, Any], ledger: Ledger, keys, memory) -> None:
        plan, stats = ledger.plan, self.stats
        for lang in plan.targets:
            stats.actor_seconds[lang] = stats.actor_seconds.get(lang, 0.0) + row[f"busy_{lang}"]
            stats.mt_segments[lang] = stats.mt_segments.get(lang, 0) + int(row[f"mt_{lang}"])
            stats.actors.setdefault(lang, set()).add(str(row[f"actor_{lang}"]))
            call = (str(row[f"actor_{lang}"]), int(row[f"call_{lang}"]), int(row["first"]))
            stats.order.setdefault(lang, []).append(call)
            load = float(row[f"load_{lang}"])
            stats.load_seconds[lang] = max(stats.load_seconds.get(lang, 0.0), load)
            self._describe(str(row.get(f"describe_{lang}", "")))
            entries = pickle.loads(row[f"tm_{lang}"])  # repaired outputs with their notes
            if memory is not None and entries:
                memory.store_noted(keys[lang], entries)
        for lang in plan.targets:
            error = pickle.loads(row[f"error_{lang}"])
            if error:
                error_type, message = error
                raise error_type(message)
        stats.finishers.add(str(row["finisher"]))
        for index, processed in pickle.loads(row["done"]):
            ledger.settle(index, processed)
            stats.articles += 1
        stats.segments += int(row["segments"])

    def _describe(self, line: str) -> None:
        """Print an actor's backend line unless one of the same pair and backend was."""
        said = line.partition(", actor at ")[0]
        if line and said not in self.described and self.log is not None:
            self.described.add(said)
            self.log(line)


def check_reachable(address: str, timeout: float = 5.0) -> None:
    """A UsageError unless ``HOST:PORT`` or ``ray://HOST:PORT`` takes a TCP connection.

    Given an address no cluster answers at (``localhost:99999``, a port nothing listens
    on, a host that does not resolve), ``ray.init`` retried for minutes, printing a C++
    warning every five seconds. ``auto`` is left to Ray (it fails at once when this node
    runs no cluster).
    """
    if address == "auto":
        return
    host, _, port_text = address.removeprefix("ray://").rpartition(":")
    port = int(port_text) if port_text.isdigit() else -1
    if not host or not 0 < port < 65536:
        raise UsageError(
            f"--ray-address / [ray] address {address}: not HOST:PORT with a port 1-65535 "
            "(auto, HEAD:6379 or ray://HEAD:10001)"
        )
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as exc:
        why = "no answer" if isinstance(exc, TimeoutError) else exc.strerror or type(exc).__name__
        raise UsageError(
            f"cannot reach the Ray cluster at {address}: {why} "
            "(is `ray start --head` running there, and is the port open?)"
        ) from None


def _init_failure(address: str | None, exc: Exception) -> str:
    """One line for a failed ``ray.init``: what failed, Ray's first line, where its logs are.

    Ray's message for a local start that failed ran to a traceback with escaped line
    breaks, and named the cluster "at None".
    """
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    first = first.split("\\n")[0].strip()
    if address is None:
        return (
            f"cannot start a local Ray instance: {first} (Ray's logs: "
            "/tmp/ray/session_latest/logs; --runner local needs no Ray)"
        )
    return f"cannot join the Ray cluster at {address}: {first}"


def quiet_token_notice() -> None:
    """Leave out Ray's "Token authentication is enabled" notice; keep its other records.

    Ray 2.5x turns token authentication on for a new local instance, and finds it on when
    joining one, and says so in a WARNING line ("... Set RAY_AUTH_MODE=disabled to opt
    out") that read as a fault to a new user. The mode stays as Ray chose it (setting
    RAY_AUTH_MODE here instead came too late: Ray reads it when imported, and the local
    start then failed with InvalidAuthToken). A real authentication failure is an error
    ``ray.init`` raises, which mtpipe reports.
    """
    logger = logging.getLogger("ray._private.authentication.authentication_token_setup")
    if not any(isinstance(f, _TokenNotice) for f in logger.filters):
        logger.addFilter(_TokenNotice())


class _TokenNotice(logging.Filter):
    """Drops Ray's "Token authentication is enabled" notice; its other records pass."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Token authentication is enabled")


# Ray's notes that are no failure, matched whole-line on the driver's stderr.
# core_worker.cc, error level: Ray Data passes every actor its context and function by
# object reference and restarts actors (max_restarts=-1), which Ray 2.5x reports once per
# actor (ray-project/ray#53727; Ray Data's own use, not mtpipe's arguments).
RAY_NOTES = (
    re.compile(
        rb"^\[[^\]]*\] core_worker\.cc:\d+: Actor with class name: .* has constructor "
        rb"arguments in the object store and max_restarts > 0\."
    ),
)


@contextlib.contextmanager
def quiet_ray_notes(notes: tuple[re.Pattern[bytes], ...] = RAY_NOTES) -> Iterator[None]:
    """Leave out of this process's stderr the lines of Ray's C++ core that match ``notes``.

    Ray's C++ core logs to its session folder and copies error-level lines to the
    driver's file descriptor 2, below Python's logging, so neither ``logging_level`` nor
    a logging filter reaches them, and RAY_BACKEND_LOG_LEVEL would also silence its log
    files and real errors. Every other line passes unchanged, in order (a partial line,
    a progress bar's, at once, unless it may start a C++ log line: ``[``).
    """
    with contextlib.suppress(ValueError, OSError):
        sys.stderr.flush()
    try:
        saved = os.dup(2)
    except OSError:  # no stderr to filter
        yield
        return
    read_end, write_end = os.pipe()
    os.dup2(write_end, 2)
    os.close(write_end)
    thread = threading.Thread(target=_forward, args=(read_end, saved, notes), daemon=True)
    thread.start()
    try:
        yield
    finally:
        with contextlib.suppress(ValueError, OSError):
            sys.stderr.flush()
        os.dup2(saved, 2)  # the pipe's last write end closes: the thread drains and ends
        thread.join(timeout=5)
        os.close(saved)


def _forward(read_end: int, out: int, notes: tuple[re.Pattern[bytes], ...]) -> None:
    """Copy ``read_end`` to ``out`` until end of file, less whole lines matching ``notes``."""
    pending = b""
    with contextlib.suppress(OSError):
        while chunk := os.read(read_end, 65536):
            pending += chunk
            *lines, pending = pending.split(b"\n")
            kept = [line + b"\n" for line in lines if not any(n.match(line) for n in notes)]
            if pending and not pending.startswith(b"["):
                kept.append(pending)
                pending = b""
            _write_all(out, b"".join(kept))
        _write_all(out, pending)
    os.close(read_end)


def _write_all(fd: int, data: bytes) -> None:
    while data:
        data = data[os.write(fd, data) :]


def _rows(dataset) -> Iterator[Mapping[str, Any]]:
    """The dataset's rows as they complete; Ray failures become one PipelineError.

    Leaving early (an error, Ctrl-C) closes Ray Data's iterator, which stops the
    streaming execution and its actors before the instance shuts down.
    """
    rows = dataset.iter_rows()
    try:
        yield from rows
    except PipelineError:
        raise
    except Exception as exc:  # a Ray error: the cause's first line, no traceback
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise PipelineError(f"the Ray run failed: {message}") from None
    finally:
        close = getattr(rows, "close", None)
        if close is not None:
            close()


class _Progress:
    """Two bars on the driver: articles committed and segments translated, cluster-wide."""

    def __init__(self, articles: int, segments: int) -> None:
        self.enabled = False
        self.totals = (articles, segments)
        self._bars: list[Any] | None = None

    def update(self, articles: int, segments: int) -> None:
        if not self.enabled:
            return
        if self._bars is None:
            from tqdm import tqdm

            self._bars = [
                tqdm(total=self.totals[0], unit="article", desc="articles", position=0),
                tqdm(total=self.totals[1], unit="seg", desc="segments", position=1),
            ]
        self._bars[0].update(articles)
        self._bars[1].update(segments)

    def close(self) -> None:
        for bar in self._bars or []:
            bar.close()
