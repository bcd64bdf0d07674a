"""The Ray runner: same outputs as the local runner, survives a killed actor, skips finished work.

The Ray tests share one local Ray instance with 2 CPUs (fixture ``ray_local``)
and the tiny models; the snapshot and sizing tests need no Ray at all.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pipeline.config import load_config
from pipeline.memory import MemoryKey, TranslationMemory
from pipeline.runners import RunOptions, get_runner, make_plan
from pipeline.runners.snapshot import Snapshot, SnapshotMemory, build_snapshot

# Fields of an article's outputs that may differ between two runs of the same input:
# none today. Outputs record no time and no runner (the memory's entry times are not
# article outputs). Listed here so a new such field is excluded knowingly.
VOLATILE_FIELDS: tuple[str, ...] = ()

KEY = MemoryKey("m", "r", "beams=1", "it", "en")


def _config(tmp: Path, memory: Path, group_segments: int = 6, qa: bool = True):
    cfg = tmp / f"mtpipe-{memory.stem}.toml"
    cfg.write_text(
        "[translate]\nnum_beams = 1\n"
        f"group_segments = {group_segments}\n"
        f'[memory]\npath = "{memory}"\n'
        f"[qa]\nenabled = {str(qa).lower()}\n"
        "[ray]\npool_size = 1\n",
        encoding="utf-8",
    )
    return load_config(cfg)


def _run(runner_name: str, inputs: Path, out: Path, config, tiny_models, runner=None):
    options = RunOptions(model_dirs=tiny_models, log=lambda _m: None)
    plan = make_plan([inputs], config, out, model_dirs=tiny_models)
    runner = runner or get_runner(runner_name)
    return runner.run(plan, options), runner


def _outputs(out: Path) -> dict[str, bytes]:
    """Every article output by name, volatile JSON fields removed (none today)."""
    files = {}
    for path in sorted(out.iterdir()):
        if path.name.startswith("."):
            continue
        data = path.read_bytes()
        if path.suffix == ".json" and VOLATILE_FIELDS:
            doc = json.loads(data)
            for name in VOLATILE_FIELDS:
                doc.get("meta", {}).pop(name, None)
            data = json.dumps(doc, sort_keys=True).encode()
        files[path.name] = data
    return files


# -- no Ray needed ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("committed", "says"), [(0, "0 articles"), (1, "1 article "), (7, "7 articles")]
)
def test_ctrl_c_on_a_ray_run_adds_what_was_kept_without_repeating_interrupted(
    monkeypatch, committed, says
):
    """Ctrl-C printed "mtpipe: interrupted; 1 articles committed are kept, …" and then the
    command line's own "mtpipe: interrupted": the word twice, the count misspelt."""
    from types import SimpleNamespace

    import pipeline.runners.ray as ray_runner

    def rows(_dataset):
        raise KeyboardInterrupt
        yield  # a generator, as _rows is

    monkeypatch.setattr(ray_runner, "_rows", rows)
    runner, lines = ray_runner.RayRunner(), []
    runner.stats.articles = committed
    options = RunOptions(log=lines.append)
    with pytest.raises(KeyboardInterrupt):
        runner._drain(None, SimpleNamespace(plan=SimpleNamespace(jobs=[])), options, None, None)
    assert lines == [
        f"mtpipe: ray: {says.strip()} committed before the interrupt kept; "
        "a rerun redoes the others"
    ]
    assert "interrupted" not in lines[0]


def test_snapshot_serves_driver_hits_and_the_workers_own_translations():
    memory = SnapshotMemory(KEY, Snapshot(mt={"Ciao mondo.": "Hello world."}))
    assert memory.lookup(KEY, ["Ciao mondo.", "Nuovo."]) == {"Ciao mondo.": "Hello world."}
    memory.store(KEY, [("Nuovo  testo.", "New text.")])
    # a later group's variant with other whitespace is a hit, as in the SQLite memory
    assert memory.lookup(KEY, ["Nuovo testo."]) == {"Nuovo testo.": "New text."}
    assert memory.take_new() == [("Nuovo  testo.", "New text.", [])]
    assert memory.take_new() == []
    assert memory.lookup(MemoryKey("other", "r", "beams=1", "it", "en"), ["Ciao mondo."]) == {}


def test_repaired_outputs_travel_with_their_notes_through_the_snapshot(tmp_path):
    # The SQLite memory keeps a repaired output with its repair notes; the snapshot must
    # serve it the same way (a memory hit with its finding), and send a worker's own
    # repaired outputs back with their notes for the driver to store.
    notes = ["placeholder restored: ⟦1⟧"]
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.store_noted(KEY, [("Costa 5 euro.", "Costs euro.", notes)])
        tm.store(KEY, [("Uno.", "One.")])
        snap = build_snapshot(tm, KEY, ["Costa 5 euro.", "Uno."])
    assert snap.mt == {"Costa 5 euro.": "Costs euro.", "Uno.": "One."}
    assert snap.notes == {"Costa 5 euro.": notes}
    memory = SnapshotMemory(KEY, snap)
    assert memory.lookup_noted(KEY, ["Costa 5 euro.", "Uno."]) == {
        "Costa 5 euro.": ("Costs euro.", notes),
        "Uno.": ("One.", []),
    }
    assert memory.lookup(KEY, ["Costa 5 euro.", "Uno."]) == {"Uno.": "One."}  # as SQLite's
    memory.store_noted(KEY, [("Costa 7 euro.", "Costs 7.", ["repaired"])])
    assert memory.lookup_noted(KEY, ["Costa  7 euro."]) == {
        "Costa  7 euro.": ("Costs 7.", ["repaired"])
    }
    assert memory.take_new() == [("Costa 7 euro.", "Costs 7.", ["repaired"])]


def test_build_snapshot_holds_only_the_planned_sources_the_memory_has(tmp_path):
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.store(KEY, [("Uno.", "One."), ("Due.", "Two."), ("Tre.", "Three.")])
        tm.store(MemoryKey("m", "r", "beams=1", "it", "fr"), [("Quattro.", "Quatre.")])
        snap = build_snapshot(tm, KEY, ["Uno.", "Tre.", "Uno.", "Quattro.", " "])
    assert snap.mt == {"Uno.": "One.", "Tre.": "Three."}


def test_actor_sizing_follows_the_cluster():
    from pipeline.runners.ray import plan_sizing

    cpu_only = plan_sizing({"CPU": 16.0}, pairs=2, pool_size=0, threads=2)
    assert (cpu_only.pool_size, cpu_only.threads, cpu_only.gpus) == (4, 2, 0)
    small = plan_sizing({"CPU": 2.0}, pairs=2, pool_size=0, threads=1)
    assert (small.pool_size, small.gpus) == (1, 0)
    gpus = plan_sizing({"CPU": 32.0, "GPU": 4.0}, pairs=2, pool_size=0, threads=1)
    assert (gpus.pool_size, gpus.gpus, gpus.replicas) == (2, 1, 1)
    assert plan_sizing({"CPU": 16.0}, pairs=2, pool_size=3, threads=1).pool_size == 3
    # CPU actors run one CTranslate2 replica per pair unless told otherwise
    assert small.replicas == 2
    assert plan_sizing({"CPU": 8.0}, pairs=3, pool_size=0, threads=1).replicas == 3
    assert plan_sizing({"CPU": 2.0}, pairs=2, pool_size=0, threads=1, replicas=1).replicas == 1


def test_each_translate_actor_is_given_one_group_at_a_time():
    # With two groups queued while it loaded its model, an actor ran the second first (Ray
    # Data log: Translate_it_en task index 1 before 0) and outputs differed from the local run.
    from pipeline.runners.ray import Sizing, translate_pool

    pool = translate_pool(Sizing(pool_size=3, threads=1, gpus=0))
    assert (pool.min_size, pool.max_size, pool.max_tasks_in_flight_per_actor) == (3, 3, 1)


def test_cpu_actor_decodes_with_replicas_of_its_threads_only_on_ctranslate2(tmp_path):
    from pipeline.runners.ray import Sizing, actor_config
    from pipeline.translate.ct2 import CT2Translator

    config = _config(tmp_path, tmp_path / "tm.sqlite")
    ct2 = actor_config(config, Sizing(pool_size=1, threads=2, gpus=0, replicas=2), "ctranslate2")
    # what CTranslate2 is built with: 2 replicas of 2 intra-op threads
    translator = CT2Translator.__new__(CT2Translator)
    translator.settings = ct2.translate
    assert translator.thread_plan("cpu") == (2, 2)
    # torch's intra-op pool is never doubled: the actor's reserved threads only
    torch = actor_config(config, Sizing(pool_size=1, threads=2, gpus=0, replicas=2), "transformers")
    assert (torch.translate.threads, torch.translate.ct2_inter_threads) == (2, 1)
    gpu = actor_config(config, Sizing(pool_size=1, threads=1, gpus=1, replicas=2), "ctranslate2")
    assert gpu.translate.ct2_inter_threads == 1


def test_local_runner_does_not_import_ray(tmp_path, tiny_models, write_news):
    inputs = write_news(tmp_path / "in", 2)
    code = (
        "import sys\n"
        "from pipeline.cli import main\n"
        f"rc = main(['translate', {str(inputs)!r}, '--to', 'en', '--out', "
        f"{str(tmp_path / 'out')!r}, '--no-memory', '--no-qa', '--quiet', "
        f"'--model-dir', 'it-en={tiny_models['it-en']}'])\n"
        "assert rc == 0, rc\n"
        "print('ray' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "False"
    assert (tmp_path / "out" / "art00.json").is_file()


# -- on the shared local Ray instance ---------------------------------------------------------


def test_ray_and_local_runners_write_identical_outputs(ray_and_local_runs):
    runs = ray_and_local_runs
    assert runs["result"]["local"].count("translated") == 6
    assert runs["result"]["ray"].count("translated") == 6
    # one actor per pair, several groups (a replaced actor starts from the driver's snapshot,
    # without the translations its predecessor made: its groups could not match the local run)
    assert {lang: len(a) for lang, a in runs["runner"].stats.actors.items()} == {"en": 1, "fr": 1}
    # localise + QA of every group ran in one process: QA's resources loaded once per run
    assert len(runs["runner"].stats.finishers) == 1
    expected = _outputs(runs["out"]["local"])
    for n in range(6):  # each article's document, aligned segments and text per language
        names = {f"art{n:02d}.json", f"art{n:02d}.aligned.jsonl", f"art{n:02d}.en.txt"}
        assert names | {f"art{n:02d}.fr.md"} <= set(expected)
    actual = _outputs(runs["out"]["ray"])
    assert set(actual) == set(expected)
    assert not _differences(expected, actual), _differences(expected, actual)
    # the recurring repaired sentence is a memory hit with its repair finding (both runners)
    served = _repaired_from_memory(runs["out"]["local"] / "art05.json")
    assert served and served == _repaired_from_memory(runs["out"]["ray"] / "art05.json")
    with (
        TranslationMemory(runs["memory"]["local"]) as local,
        TranslationMemory(runs["memory"]["ray"]) as ray,
    ):
        assert len(local) == len(ray) > 0  # the driver stored every new translation
        assert ray.stored_keys() == local.stored_keys()


def test_the_ray_runner_says_which_backend_each_pair_uses(ray_and_local_runs):
    """docs37 F6: the local runner logs `mtpipe: it-en: transformers on cpu, ... [auto]` per
    pair; the Ray actors logged nothing, so a node's fallback was never seen. Now the
    driver logs each pair's line, with the actor's node, once."""
    lines = {
        name: [x for x in ray_and_local_runs["log"][name] if re.match(r"mtpipe: it-\w+: ", x)]
        for name in ("local", "ray")
    }
    assert sorted(x.split(":")[1] for x in lines["ray"]) == [" it-en", " it-fr"]
    for local in lines["local"]:
        assert any(x.startswith(local + ", actor at ") for x in lines["ray"]), (local, lines)


def test_the_ray_driver_logs_a_backend_line_per_pair_and_backend_once():
    """Every actor of a pair sends its line; a node that fell back (another backend or
    device) gets its own, the same line from other actors is not repeated."""
    from pipeline.runners.ray import RayRunner

    runner, said = RayRunner(), []
    runner.log = said.append
    head = "mtpipe: it-en: ctranslate2 on cuda, int8_float16 [auto]"
    fallback = "mtpipe: it-en: transformers on cpu, fp32 [auto (not ctranslate2: ...)]"
    for line in (head + ", actor at a:1", "", head + ", actor at b:2", fallback + ", actor at c:3"):
        runner._describe(line)
    assert said == [head + ", actor at a:1", fallback + ", actor at c:3"]
    runner.log = None  # --quiet
    runner._describe("mtpipe: it-fr: transformers on cpu, fp32 [auto], actor at a:1")
    assert len(said) == 2


def test_groups_reach_each_pairs_actor_in_plan_order(ray_and_local_runs):
    # An actor's memory gains its own translations, so a sentence shared by groups 1 and 2
    # is MT in whichever it translates first: group 2 first made art00 and art01 swap
    # "mt" and "memory" (and their scores) against the local run.
    from ray.data import DataContext

    assert DataContext.get_current().execution_options.preserve_order
    order = ray_and_local_runs["runner"].stats.order
    assert set(order) == {"en", "fr"}
    for lang, calls in order.items():
        assert len(calls) > 2 and len({actor for actor, _, _ in calls}) == 1
        firsts = [first for _actor, _call, first in sorted(calls)]
        assert firsts == sorted(firsts), (lang, calls)


def _differences(expected: dict[str, bytes], actual: dict[str, bytes]) -> list[str]:
    """Where two output sets differ: file, line and JSON path with both values.

    A bytes comparison of whole files shows pytest's elided reprs, which hide where a
    flaky difference was (a score, an origin, a finding); this names it.
    """
    found = []
    for name in sorted(expected):
        want, got = expected[name], actual.get(name, b"")
        if want == got:
            continue
        if name.endswith(".json"):
            found += _json_diff(json.loads(want), json.loads(got), name)
            continue
        for n, (a, b) in enumerate(zip(want.splitlines(), got.splitlines(), strict=False), 1):
            if a != b and name.endswith(".jsonl"):
                found += _json_diff(json.loads(a), json.loads(b), f"{name}:{n}")
            elif a != b:
                found.append(f"{name}:{n}: {a!r} != {b!r}")
        if len(want.splitlines()) != len(got.splitlines()):
            found.append(f"{name}: {len(want.splitlines())} lines != {len(got.splitlines())}")
    return found


def _json_diff(a: object, b: object, path: str) -> list[str]:
    """The JSON paths below ``path`` where ``a`` and ``b`` differ, with both values."""
    if isinstance(a, dict) and isinstance(b, dict):
        keys = sorted(set(a) | set(b))
        return [d for k in keys for d in _json_diff(a.get(k), b.get(k), f"{path}.{k}")]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [
            d
            for i, (x, y) in enumerate(zip(a, b, strict=True))
            for d in _json_diff(x, y, f"{path}[{i}]")
        ]
    return [] if a == b else [f"{path}: {a!r} != {b!r}"]


def _parent(pid: int) -> int:
    """The parent of ``pid`` (0 when it is gone): field 4 of /proc/PID/stat, after the name."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0
    return int(stat.rpartition(")")[2].split()[1])


def _descends_from(pid: int, root: int) -> bool:
    """True when ``root`` is an ancestor of ``pid`` (this test's Ray instance, not another's)."""
    while pid > 1:
        pid = _parent(pid)
        if pid == root:
            return True
    return False


def _repaired_from_memory(path: Path) -> list[str]:
    """Languages of the segments in a document served from memory with a repair finding."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    return [
        lang
        for block in doc["blocks"]
        for seg in block["segments"]
        for lang, tr in seg["translations"].items()
        if tr.get("origin") == "memory"
        and any(
            f["check"] == "placeholder_repair" and f.get("lang") == lang for f in seg["findings"]
        )
    ]


def _kill_when_busy(title: str, stop: threading.Event, killed: list[int]) -> None:
    """Send SIGKILL to the first process titled ``title`` while it runs a task (kill -9).

    Ray titles a busy actor process ``ray::CLASS.METHOD``, an idle one ``ray::CLASS``.
    Only actors of this process's own Ray instance (its raylet is our child) are
    candidates: another test run on the same machine has actors with the same title.
    A process found not to be ours is not read again (a process never becomes ours):
    reading every process's command line every 10 ms took most of a core on a machine
    of 400 processes, beside the actors it waited for.
    """
    me, foreign = os.getpid(), set()
    while not stop.is_set() and not killed:
        for name in os.listdir("/proc"):
            if not name.isdigit() or int(name) in foreign:
                continue
            pid = int(name)
            if not _descends_from(pid, me):
                foreign.add(pid)
                continue
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                continue
            if cmdline.startswith(title.encode()) and b").submit" in cmdline:
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
                return
        time.sleep(0.01)


def test_actor_killed_mid_task_is_replaced_and_every_article_is_written(
    ray_local, tmp_path, tiny_models, write_news
):
    inputs = write_news(tmp_path / "in", 8)
    # one article per group; no QA: its finishing actor would load QA's resources (seconds of
    # CPU at the start, beside the actors' model loads) for a test that checks none of it
    config = _config(tmp_path, tmp_path / "k.sqlite", group_segments=1, qa=False)
    stop, killed = threading.Event(), []
    title = "ray::MapWorker(MapBatches(Translate_it_fr))"
    watcher = threading.Thread(target=_kill_when_busy, args=(title, stop, killed), daemon=True)
    watcher.start()
    try:
        result, runner = _run("ray", inputs, tmp_path / "out", config, tiny_models)
    finally:
        stop.set()
        watcher.join()
    assert killed, "the fr actor was never seen running a task"
    assert result.count("translated") == 8 and not result.failed
    # the killed actor's group was redone by its replacement, a new process
    replacements = {hp for hp in runner.stats.actors["fr"] if not hp.endswith(f":{killed[0]}")}
    assert replacements
    for n in range(8):
        doc = json.loads((tmp_path / "out" / f"art{n:02d}.json").read_text(encoding="utf-8"))
        assert doc["target_langs"] == ["en", "fr"]
        assert all(s["translations"].get("fr") for b in doc["blocks"] for s in b["segments"])


def test_each_article_is_reported_when_its_group_is_committed_not_when_the_run_ends(
    ray_local, tmp_path, tiny_models, write_news
):
    """The Ray runner settles through the same ledger as the local one: each article's event
    comes as its group is committed on the driver (before the next group's commit), its
    outputs on disk; the input the plan failed comes first. Clock-free: ``on_commit`` marks
    each group's commit in the same list."""
    from pipeline.runners.result import SETTLED

    inputs = write_news(tmp_path / "in", 3)
    (inputs / "art03.txt").write_bytes(b"")  # unreadable: fails at planning
    config = _config(tmp_path, tmp_path / "r.sqlite", group_segments=1, qa=False)
    steps: list[tuple] = []

    def report(event):
        r = event.outcome
        assert event.kind == SETTLED  # the driver does not see an actor start a group
        written = bool(r.outputs) and all(Path(p).is_file() for p in r.outputs)
        steps.append((Path(r.path).stem, r.status, f"{event.done}/{event.total}", written))

    runner = get_runner("ray")
    runner.on_commit = lambda stats: steps.append(("group committed", stats.articles))
    options = RunOptions(model_dirs=tiny_models, log=lambda _m: None, report=report)
    result = runner.run(
        make_plan([inputs], config, tmp_path / "out", model_dirs=tiny_models), options
    )
    assert result.count("translated") == 3
    assert steps == [
        ("art03", "failed", "1/4", False),
        ("art00", "translated", "2/4", True),
        ("group committed", 1),
        ("art01", "translated", "3/4", True),
        ("group committed", 2),
        ("art02", "translated", "4/4", True),
        ("group committed", 3),
    ]


def test_second_run_is_up_to_date_and_starts_no_actor(ray_and_local_runs, tiny_models, monkeypatch):
    import ray
    import ray.data

    def refuse(*_a, **_k):
        raise AssertionError("an up-to-date run must not start Ray or build a dataset")

    monkeypatch.setattr(ray.data, "from_items", refuse)
    monkeypatch.setattr(ray, "init", refuse)
    runs = ray_and_local_runs
    before = {p.name: p.stat().st_mtime_ns for p in runs["out"]["ray"].iterdir()}
    again, runner = _run("ray", runs["inputs"], runs["out"]["ray"], runs["config"], tiny_models)
    assert again.count("up-to-date") == 6
    assert again.models_loaded == [] and runner.stats.actors == {}
    assert {p.name: p.stat().st_mtime_ns for p in runs["out"]["ray"].iterdir()} == before


# -- what a Ray run prints (no Ray needed) -------------------------------------------------


def test_ray_core_note_about_constructor_arguments_is_left_out_of_stderr(capfd):
    """A new user's local run printed a core_worker.cc error-level line per actor (Ray
    Data's own object references, ray-project/ray#53727): no failure, so left out; every
    other line, Ray's C++ errors included, passes in order."""
    from pipeline.runners.ray import quiet_ray_notes

    note = (
        b"[2026-12-02 13:51:50,822 E 16962 16962] core_worker.cc:2465: Actor with class "
        b"name: 'MapWorker(MapBatches(Translate_it_fr))' and ID: 'ab' has constructor "
        b"arguments in the object store and max_restarts > 0. If the arguments ...\n"
    )
    real = b"[2026-12-02 13:51:51,000 E 16962 16962] core_worker.cc:900: Actor died: OOM\n"
    with quiet_ray_notes():
        os.write(2, b"mtpipe: before\n" + note[:40])
        os.write(2, note[40:] + real)
        os.write(2, b"\rarticles:  50%")  # a progress bar's partial line passes at once
        os.write(2, b"\n" + note + b"mtpipe: after\n")
    assert capfd.readouterr().err == (
        "mtpipe: before\n" + real.decode() + "\rarticles:  50%\nmtpipe: after\n"
    )


def test_ray_token_notice_is_left_out_and_other_token_warnings_kept(caplog):
    import logging

    from pipeline.runners.ray import quiet_token_notice

    quiet_token_notice()
    quiet_token_notice()  # a second run adds no second filter
    logger = logging.getLogger("ray._private.authentication.authentication_token_setup")
    assert len(logger.filters) == 1
    with caplog.at_level(logging.WARNING, logger=logger.name):
        logger.warning("Token authentication is enabled for this Ray cluster. Set …")
        logger.warning("Token authentication is disabled for this Ray cluster. Anyone …")
    assert [r.getMessage()[:32] for r in caplog.records] == ["Token authentication is disabled"]


@pytest.mark.parametrize("address", ["localhost:99999", "ray://h:0", ":6379", "ray://:10001"])
def test_ray_address_with_no_port_1_to_65535_is_a_usage_error(address):
    # localhost:99999 passed the config's pattern and ray.init retried for minutes
    from pipeline.errors import UsageError
    from pipeline.runners.ray import check_reachable

    with pytest.raises(UsageError, match="port 1-65535"):
        check_reachable(address)


@pytest.mark.parametrize("scheme", ["", "ray://"])
def test_ray_address_nothing_listens_at_is_one_line_at_once(scheme):
    """127.0.0.1:1 and a closed port: ray.init printed a C++ warning every five seconds
    for minutes; now one UsageError line (exit 2), before anything is started or written."""
    import socket

    from pipeline.errors import UsageError
    from pipeline.runners.ray import check_reachable

    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(UsageError) as info:
        check_reachable(f"{scheme}127.0.0.1:{port}")
    message = str(info.value)
    assert message.startswith(f"cannot reach the Ray cluster at {scheme}127.0.0.1:{port}: ")
    assert "ray start --head" in message and "\n" not in message


def test_ray_address_that_does_not_resolve_names_it():
    from pipeline.errors import UsageError
    from pipeline.runners.ray import check_reachable

    with pytest.raises(UsageError, match=r"cannot reach the Ray cluster at nohost\.invalid:6379"):
        check_reachable("nohost.invalid:6379")


def test_failed_local_ray_start_is_one_line_naming_ray_logs():
    # Ray's message ran to a traceback with escaped line breaks, "at None"
    from pipeline.runners.ray import _init_failure

    exc = RuntimeError(
        "Failed to start GCS.  Last 0 lines of error files:\\n\\n.Please check "
        "/tmp/ray/session_x/logs/gcs_server.out for details. Last connection error: "
        "Traceback (most recent call last):\\n  File ..."
    )
    line = _init_failure(None, exc)
    assert line.startswith("cannot start a local Ray instance: Failed to start GCS.")
    assert "Traceback" not in line and "None" not in line and "\\n" not in line
    assert "/tmp/ray/session_latest/logs" in line


def test_missing_ray_names_the_extra_to_install(monkeypatch):
    from pipeline.errors import UsageError
    from pipeline.runners.ray import import_ray

    monkeypatch.setitem(sys.modules, "ray.data", None)  # as when only the extra is missing
    with pytest.raises(UsageError, match=r"pip install 'mtpipe\[ray\]'"):
        import_ray()


def test_a_pair_gets_no_more_actors_than_the_run_has_groups():
    # one article on 2 cores: a second actor loaded its model for nothing and Ray Data
    # warned "minimum number of concurrent actors ... only received 1 input(s)"
    from pipeline.runners.ray import Sizing, fit_to_groups

    sizing = Sizing(pool_size=4, threads=1, gpus=0, replicas=2)
    assert fit_to_groups(sizing, 1) == Sizing(pool_size=1, threads=1, gpus=0, replicas=2)
    assert fit_to_groups(sizing, 3).pool_size == 3
    assert fit_to_groups(sizing, 9).pool_size == 4
    assert fit_to_groups(sizing, 0).pool_size == 1


@pytest.mark.parametrize("exc", [ValueError("bad offset"), KeyError("seg-7")])
def test_a_bug_translating_on_an_actor_names_the_article(monkeypatch, exc):
    """An unexpected exception in an actor's translate stage failed the Ray dataset with
    Ray's first line (the actor's repr), naming no article; now the driver gets mtpipe's
    one-line bug message for the group's first article, as a PipelineError."""
    from types import SimpleNamespace

    import pipeline.translate
    from pipeline.errors import PipelineError
    from pipeline.runners.ray import TranslateActor

    def broken(*_args, **_kwargs):
        raise exc

    monkeypatch.setattr(pipeline.translate, "translate_articles", broken)
    monkeypatch.delenv("MTPIPE_DEBUG", raising=False)
    actor = TranslateActor.__new__(TranslateActor)
    actor.lang, actor.error, actor.memory = "en", None, None
    actor.pipeline = SimpleNamespace(translators={"en": object()})
    articles = [
        SimpleNamespace(id="a1", meta={"source_path": "in/a1.txt"}),
        SimpleNamespace(id="a2", meta={}),
    ]
    new, error, count = actor._translate(articles)
    assert (new, count) == ([], 0)
    error_type, message = error
    assert error_type is PipelineError
    assert message.startswith(f"in/a1.txt: unexpected {type(exc).__name__}: ")
    assert "this is a bug" in message and "1 other article" in message
