"""The SQLite store behind the translation memory.

Why SQLite in WAL mode: readers never block the writer, two batch processes can
share one memory (a busy timeout waits for the write lock instead of failing with
"database is locked"), and every :meth:`TranslationMemory.store` commits before it
returns, so a process killed with SIGKILL loses nothing it had already stored.

Two kinds of entries share the store, told apart by :attr:`MemoryKey.origin`:

- **MT** entries, keyed by model id, revision, decoding settings and language
  pair plus the *normalised* source (:func:`normalise_source`), so an MT hit is
  only ever an earlier output of the very same model run the same way (a cache);
- **human** entries (a translator's post-edit, a CAT tool's TMX), keyed by the
  normalised source and the language pair only: independent of any model, they
  always win over MT (see :meth:`TranslationMemory.lookup_human`).

Schema 2 added the origin and the entry's creator (translator); a schema-1 file
is migrated in place when opened, and its entries imported from foreign TMX
(model id ``tmx-import``, no revision or decoding) become human entries.
Schema 3 added an MT entry's notes: the placeholder repairs made to that output
(:meth:`TranslationMemory.store_noted`), so a rerun served from the memory
reproduces the output *and* its repair findings. A schema-2 file is migrated when
opened for writing and read as it is (no notes) when opened read-only.
Schema 4 added the digest of each language pair's human entries (``human_digests``),
kept in the transaction of every write that changes one (:meth:`TranslationMemory.
store_entries`, the only writer), and computed once when an older file is migrated.
The build key of a translate run includes it (:func:`human_digests_of`): human
entries always win over MT, so a ``tm import`` or a post-edit import must put the
articles of that pair out of date, while the MT entries every run adds must not. An
mtpipe that kept no digest refuses a schema-4 file (newer than it understands), so
none can write human entries past it.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import sqlite3
import time
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.atomic import OutputSetting, output_setting, write_access_error, write_error_fix
from pipeline.errors import InputError, OutputError, PipelineError
from pipeline.markup import MARKER, balanced, markers
from pipeline.paths import resolved, special_file

if TYPE_CHECKING:
    from pipeline.config import Config

SCHEMA_VERSION = 4
MIN_READ_VERSION = 2  # read-only opens read schema 2 as it is (no notes column)
ORIGIN_MT = "mt"
ORIGIN_HUMAN = "human"
MEMORY_ORIGINS = (ORIGIN_HUMAN, ORIGIN_MT)
LEGACY_IMPORT_MODEL = "tmx-import"  # where schema 1 stored foreign (human) TMX units
BUSY_TIMEOUT_S = 30.0
_CHUNK = 500  # bound on SQL variables per lookup query

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS keys (
        id INTEGER PRIMARY KEY,
        model_id TEXT NOT NULL, revision TEXT NOT NULL, decoding TEXT NOT NULL,
        src_lang TEXT NOT NULL, tgt_lang TEXT NOT NULL,
        origin TEXT NOT NULL DEFAULT 'mt',
        UNIQUE (model_id, revision, decoding, src_lang, tgt_lang, origin))""",
    """CREATE TABLE IF NOT EXISTS entries (
        key_id INTEGER NOT NULL REFERENCES keys(id),
        source TEXT NOT NULL, target TEXT NOT NULL,
        created TEXT NOT NULL, updated TEXT NOT NULL,
        creator TEXT,
        notes TEXT,
        PRIMARY KEY (key_id, source))""",
    """CREATE TABLE IF NOT EXISTS human_digests (
        src_lang TEXT NOT NULL, tgt_lang TEXT NOT NULL, digest TEXT NOT NULL,
        PRIMARY KEY (src_lang, tgt_lang))""",
)
_DIGEST_MOD = 1 << 256  # a pair's digest: the sum of its entries' sha256, modulo 2**256
# Schema 1 -> 2: origin per key, creator per entry; foreign TMX units were human work.
# (A human key has an empty model id, which no MT key can have, so schema 1's
# uniqueness over the other five columns still keeps keys apart.)
_MIGRATE_1_2 = (
    "ALTER TABLE keys ADD COLUMN origin TEXT NOT NULL DEFAULT 'mt'",
    "ALTER TABLE entries ADD COLUMN creator TEXT",
    f"""UPDATE keys SET origin = '{ORIGIN_HUMAN}', model_id = ''
        WHERE model_id = '{LEGACY_IMPORT_MODEL}' AND revision = '' AND decoding = ''""",
)
# Schema 2 -> 3: an MT output's notes (JSON list of its placeholder repairs; NULL: none).
_MIGRATE_2_3 = ("ALTER TABLE entries ADD COLUMN notes TEXT",)

_UPSERT = """INSERT INTO entries (key_id, source, target, created, updated, creator, notes)
    VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (key_id, source) DO UPDATE
    SET target = excluded.target, updated = excluded.updated, creator = excluded.creator,
        notes = excluded.notes
    WHERE target IS NOT excluded.target OR creator IS NOT excluded.creator
        OR notes IS NOT excluded.notes"""
_KEY_COLUMNS = "model_id, revision, decoding, src_lang, tgt_lang, origin"


# The setting that chooses the memory, as a write error's fix names it (atomic._FIXES).
MEMORY_FILE = OutputSetting(
    "--memory", "translation memory file", "file", "--memory $HOME/mtpipe-memory.sqlite"
)


# Added to the link fix for a memory path that is a loop of links.
MEMORY_LINK_FIX = "or give --memory another file"


def check_memory_path(path: Path, *, readonly: bool) -> None:
    """Refuse a memory path SQLite cannot use, naming the path and the cause: a loop of
    links, a link to a missing folder, a named pipe or device, a file where a folder of
    the path should be. SQLite said "unable to open database file" or "disk I/O error",
    and ``tm stats`` "no translation memory at" though something was there. InputError
    (exit 3) when only read, else OutputError (exit 1)."""
    error = InputError if readonly else OutputError
    if path.is_symlink():
        real = resolved(path, error, MEMORY_LINK_FIX)
        if not real.exists() and not real.parent.is_dir():
            raise error(
                f"translation memory {path} is a symbolic link to {real}, whose folder "
                f"{real.parent} does not exist; fix the link {MEMORY_LINK_FIX}"
            )
    kind = special_file(path)
    if kind is not None:
        raise error(f"translation memory {path} is {kind}, not a file; give --memory a file")
    blocking = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        raise error(
            f"translation memory {path}: {blocking} is a file, not a folder; give --memory "
            "a path whose folders are folders"
        )


def _memory_fix(code: int, folder: Path | None) -> str:
    """``": what to do"`` for the errno ``code`` met writing the memory in ``folder``."""
    with output_setting(MEMORY_FILE):
        return write_error_fix(OSError(code, os.strerror(code)), folder)


def _refusal(path: Path) -> tuple[int, Path | None]:
    """Why the memory ``path`` cannot be written (errno, and the file or folder that
    refuses: the file first, then its folder); ``(0, None)`` when neither says so."""
    for target in (path, path.parent):
        if target.exists():
            code = write_access_error(target)
            if code:
                return code, target
    return 0, None


@dataclass(frozen=True)
class MemoryKey:
    """What must match for a stored translation to be reused.

    ``decoding`` summarises the decoding settings (``"beams=4,max_in=256"``): a
    different beam size gives a different translation, so it is a different key.
    A human key (``origin="human"``, made by :meth:`human`) has only the language
    pair: empty model id, revision and decoding.
    """

    model_id: str
    revision: str
    decoding: str
    src_lang: str
    tgt_lang: str
    origin: str = ORIGIN_MT

    def __post_init__(self) -> None:
        for f in fields(self):
            if not isinstance(getattr(self, f.name), str):
                raise TypeError(f"MemoryKey.{f.name} must be a str, got {getattr(self, f.name)!r}")
        if self.origin not in MEMORY_ORIGINS:
            raise ValueError(f"MemoryKey origin must be one of {MEMORY_ORIGINS}: {self}")
        if not (self.src_lang and self.tgt_lang):
            raise ValueError(f"MemoryKey needs both languages: {self}")
        if self.origin == ORIGIN_MT and not self.model_id:
            raise ValueError(f"an MT MemoryKey needs a model id: {self}")
        if self.origin == ORIGIN_HUMAN and (self.model_id or self.revision or self.decoding):
            raise ValueError(f"a human MemoryKey has no model, revision or decoding: {self}")

    @classmethod
    def human(cls, src_lang: str, tgt_lang: str) -> MemoryKey:
        """The key of human translations from ``src_lang`` into ``tgt_lang``."""
        return cls("", "", "", src_lang, tgt_lang, ORIGIN_HUMAN)

    @property
    def is_human(self) -> bool:
        return self.origin == ORIGIN_HUMAN


@dataclass(frozen=True)
class Entry:
    """One stored translation with its times (ISO 8601 UTC, ``2024-05-01T12:00:00Z``).

    ``creator`` names who made a human entry (the translator, as a CAT tool or
    TMX ``creationid`` gives it); None when unknown and for MT entries.
    ``notes`` are an MT output's placeholder repairs, or the notes a translator added to a
    human entry (a post-editing import, a TMX ``<note>``); empty: none.
    """

    key: MemoryKey
    source: str
    target: str
    created: str
    updated: str
    creator: str | None = None
    notes: tuple[str, ...] = ()


def normalise_source(text: str) -> str:
    """The lookup form of a source: Unicode NFC, whitespace runs as one space, stripped.

    Whitespace is Python's (tabs, newlines, U+00A0, U+202F ...): the opus-mt
    sentencepiece normaliser maps them all to a plain space, so the model sees
    such variants as the same input.
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


def keeps_markup(entry: Entry) -> bool:
    """Whether ``entry``'s target holds its source's inline markers, each as often, and
    no other, nested when the source's are.

    A CAT tool's memory often keeps the words of a segment and not its tags: the TMX
    unit ``Leggi il <bpt>rapporto<ept> completo.`` -> ``Read the full report.`` was
    imported and served as the human translation of the document's ``Leggi il
    <g1>rapporto</g1> completo.``, and the outputs lost the link and its URL (an image's
    ``<x2/>``: the image) without a word; a post-edited target that did that is refused
    by ``mtpipe import``. An MT output with repair notes is exempt: the translate stage
    left out a pair it had no honest place for and its notes report it.
    """
    if entry.notes and not entry.key.is_human:
        return True
    if "<" not in entry.source and "<" not in entry.target:
        return True
    wanted = sorted(markers(entry.source))
    if sorted(markers(entry.target)) != wanted:
        return False
    return balanced(entry.target) or not balanced(entry.source)


def lost_markup(entry: Entry) -> str:
    """What of ``entry``'s inline markers its target lacks or adds, for a message
    (``lacks the source's inline codes <g1> </g1>``); "" when :func:`keeps_markup`."""
    if keeps_markup(entry):
        return ""
    source = [m.group(0) for m in MARKER.finditer(entry.source)]
    target = [m.group(0) for m in MARKER.finditer(entry.target)]
    lacks = [t for t in dict.fromkeys(source) if target.count(t) < source.count(t)]
    adds = [t for t in dict.fromkeys(target) if target.count(t) > source.count(t)]
    parts = [f"lacks the source's inline codes {' '.join(lacks)}"] if lacks else []
    parts += [f"has inline codes the source has not, {' '.join(adds)}"] if adds else []
    return " and ".join(parts) or "crosses the source's tag pairs"


def utc_now() -> str:
    """The current time in the memory's timestamp format."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class TranslationMemory:
    """A persistent source -> target cache per :class:`MemoryKey`, safe for concurrent processes."""

    def __init__(
        self,
        path: str | Path,
        *,
        busy_timeout: float = BUSY_TIMEOUT_S,
        readonly: bool = False,
        check: bool = True,
    ) -> None:
        """Open (or create) the memory at ``path``; ``readonly`` never writes or creates it.

        Raises InputError for a file that is not a memory or is damaged
        (``PRAGMA quick_check``, skipped when ``check`` is False: a read of a few rows
        that must not cost a scan of the file), OutputError for one that cannot be
        opened or, unless ``readonly``, written (read-only file or folder).
        """
        self.path = Path(path)
        self.readonly = readonly
        self._check = check
        self._busy_timeout = busy_timeout
        self._key_ids: dict[MemoryKey, int] = {}
        self._notes_column = "notes"  # "NULL" for a schema-2 file opened read-only
        self._version = SCHEMA_VERSION  # an older file's when opened read-only
        if str(self.path) != ":memory:":
            check_memory_path(self.path, readonly=readonly)
        if not readonly:
            self._check_writable()
        for attempt in range(3):
            if self._open(last=attempt == 2):
                return

    def _open(self, *, last: bool) -> bool:
        """Connect and set up; False when the file was removed under the open (try again).

        A failed import removes the empty memory it created
        (:func:`new_memory_removed_on_error`) only while no other connection has it open,
        and marks the removed file as no database first; a connection made just before
        the removal fails at its first read, and finds the path gone or another file:
        it opens again, there, instead of reporting a damaged memory.
        """
        try:
            self._conn = self._connect()
        except sqlite3.OperationalError as exc:
            raise self._write_error("open", exc) from None
        except sqlite3.DatabaseError as exc:
            raise self._damaged(exc) from None
        opened = _file_id(self.path)
        try:
            self._setup()
        except PipelineError:
            self._conn.close()
            if last or opened is not None and _file_id(self.path) == opened:
                raise
            return False
        except BaseException:
            self._conn.close()
            raise
        return True

    def _check_writable(self) -> None:
        """A memory the run will write to: its folder and file must be writable."""
        if str(self.path) == ":memory:":
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(
                f"cannot create the translation memory folder for {self.path}: {exc.strerror}"
                + _memory_fix(exc.errno or 0, self.path.parent)
            ) from None
        if self.path.is_dir():
            raise InputError(f"translation memory {self.path} is a folder; give a file")
        for target in (self.path, self.path.parent):
            if target.exists() and not os.access(target, os.W_OK):
                fix = _memory_fix(write_access_error(target) or errno.EACCES, target)
                raise OutputError(
                    f"translation memory {self.path} is read-only ({target} is not writable)"
                    f"{fix}; or run with --no-memory"
                )

    def _connect(self) -> sqlite3.Connection:
        if not self.readonly:
            return sqlite3.connect(str(self.path), timeout=self._busy_timeout, isolation_level=None)
        if not self.path.is_file():
            raise InputError(f"no translation memory at {self.path}; give an existing file")
        if os.access(self.path, os.W_OK) and os.access(self.path.parent, os.W_OK):
            # A read-write connection that may not write: SQLite removes the -wal and -shm
            # files when the last connection closes, which one opened read-only cannot do
            # (`tm stats`, `export` left them beside the memory in a user's folder).
            uri = f"{self.path.resolve().as_uri()}?mode=rw"
            conn = sqlite3.connect(uri, uri=True, timeout=self._busy_timeout, isolation_level=None)
            conn.execute("PRAGMA query_only = 1")
            return conn
        uri = f"{self.path.resolve().as_uri()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=self._busy_timeout, isolation_level=None)
        try:
            conn.execute("PRAGMA schema_version").fetchone()
        except sqlite3.OperationalError:  # WAL needs a writable folder: read it as a snapshot
            conn.close()
            uri = f"{self.path.resolve().as_uri()}?immutable=1"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None)
        return conn

    # -- lifecycle -----------------------------------------------------------
    def _setup(self) -> None:
        try:
            self._conn.execute(f"PRAGMA busy_timeout = {int(self._busy_timeout * 1000)}")
            if self._check:
                self._check_intact()
            if self.readonly:
                version = self._conn.execute("PRAGMA user_version").fetchone()[0]
                self._check_version(version)
                self._version = version
                if version < 3:
                    self._notes_column = "NULL"
                return
            self._retry_locked(lambda: self._conn.execute("PRAGMA journal_mode = WAL").fetchone())
            self._conn.execute("PRAGMA synchronous = NORMAL")  # durable against process kills
            with self._write():
                version = self._conn.execute("PRAGMA user_version").fetchone()[0]
                self._check_version(version, migrate=True)
                if version == 1:
                    for statement in _MIGRATE_1_2:
                        self._conn.execute(statement)
                if version in (1, 2):
                    for statement in _MIGRATE_2_3:
                        self._conn.execute(statement)
                for statement in _SCHEMA:
                    self._conn.execute(statement)
                if 0 < version < 4:  # the human digests, once: every write keeps them since
                    self._conn.executemany(
                        "INSERT OR REPLACE INTO human_digests VALUES (?, ?, ?)",
                        [(*pair, _hex(d)) for pair, d in self._computed_digests().items()],
                    )
                self._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except sqlite3.OperationalError as exc:
            raise self._write_error("open", exc) from None
        except sqlite3.DatabaseError as exc:
            raise self._damaged(exc) from None

    def _write_error(self, doing: str, exc: sqlite3.Error) -> OutputError:
        """One line for SQLite refusing to open or write the memory, with the fix for its
        cause: a full disk (SQLITE_FULL), a read-only file, folder or mount
        (SQLITE_READONLY, SQLITE_CANTOPEN: asked of the file system, :func:`_refusal`).
        It was SQLite's words alone ("attempt to write a readonly database")."""
        name = getattr(exc, "sqlite_errorname", "") or ""
        code = errno.ENOSPC if name == "SQLITE_FULL" else 0
        folder: Path | None = self.path.parent
        if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN")):
            code, folder = _refusal(self.path)
        fix = _memory_fix(code, folder) if code else ""
        return OutputError(f"cannot {doing} translation memory {self.path}: {exc}{fix}")

    def _check_intact(self) -> None:
        """``PRAGMA quick_check``: damaged pages are found now, not in the middle of a run."""
        if str(self.path) == ":memory:" or not self.path.is_file():
            return
        result = self._conn.execute("PRAGMA quick_check(1)").fetchone()[0]
        if result != "ok":
            raise sqlite3.DatabaseError(result)

    def _check_version(self, version: int, migrate: bool = False) -> None:
        if version > SCHEMA_VERSION:
            raise InputError(
                f"translation memory {self.path} has schema {version}, newer than this "
                f"mtpipe understands ({SCHEMA_VERSION}); upgrade mtpipe or use another file"
            )
        if version < MIN_READ_VERSION and not migrate:
            raise InputError(
                f"translation memory {self.path} has the older schema {version}; open it once "
                "with a command that writes (mtpipe translate or tm import) to upgrade it"
            )

    def _damaged(self, exc: Exception) -> InputError:
        why = " ".join(str(exc).replace("***", "").split())[:160]
        return InputError(
            f"{self.path} is damaged or not an mtpipe translation memory ({why}); "
            "point --memory / [memory] path at another file or move this one away"
        )

    def _retry_locked(self, action: Any) -> Any:
        """Run ``action``, retrying while another process holds a lock SQLite won't wait for."""
        deadline = time.monotonic() + self._busy_timeout
        while True:
            try:
                return action()
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def close(self) -> None:
        """Close the connection (idempotent); everything stored is already committed."""
        self._conn.close()

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[None]:
        """One write transaction; BEGIN IMMEDIATE takes the lock up front (no upgrade deadlock)."""
        try:
            self._retry_locked(lambda: self._conn.execute("BEGIN IMMEDIATE"))
        except sqlite3.OperationalError as exc:
            raise OutputError(
                f"translation memory {self.path} stayed locked by another process for "
                f"{self._busy_timeout:.0f}s ({exc}); retry when that process is done"
            ) from None
        try:
            yield
            self._conn.execute("COMMIT")
        except BaseException as exc:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            self._key_ids.clear()  # ids created in this transaction are gone
            if isinstance(exc, sqlite3.OperationalError):
                raise self._write_error("write", exc) from None
            if isinstance(exc, sqlite3.DatabaseError):
                raise self._damaged(exc) from None
            raise

    # -- keys ----------------------------------------------------------------
    def _key_id(self, key: MemoryKey, *, create: bool) -> int | None:
        if key in self._key_ids:
            return self._key_ids[key]
        values = tuple(getattr(key, f.name) for f in fields(MemoryKey))
        where = " AND ".join(f"{f.name}=?" for f in fields(MemoryKey))
        row = self._conn.execute(f"SELECT id FROM keys WHERE {where}", values).fetchone()
        if row is None:
            if not create:
                return None
            cursor = self._conn.execute(
                f"INSERT INTO keys ({_KEY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)", values
            )
            row = (cursor.lastrowid,)
        self._key_ids[key] = row[0]
        return row[0]

    def stored_keys(self) -> list[MemoryKey]:
        """Every key that holds at least one entry, sorted."""
        rows = self._conn.execute(
            f"SELECT {_KEY_COLUMNS} FROM keys "
            "WHERE EXISTS (SELECT 1 FROM entries WHERE key_id = keys.id) ORDER BY 6, 1, 2, 3, 4, 5"
        )
        return [MemoryKey(*row) for row in rows]

    # -- reading and writing ---------------------------------------------------
    def lookup(self, key: MemoryKey, sources: Sequence[str]) -> dict[str, str]:
        """Targets of the stored ``sources`` under ``key``, keyed by the sources as given.

        Outputs stored with notes (repaired ones) are left out: a caller that
        cannot carry the notes (one built from ``lookup`` alone) must not serve them without their
        findings; :meth:`lookup_noted` returns them with their notes.
        """
        hits = self.lookup_entries(key, sources)
        return {s: e.target for s, e in hits.items() if not e.notes and keeps_markup(e)}

    def lookup_noted(
        self, key: MemoryKey, sources: Sequence[str]
    ) -> dict[str, tuple[str, list[str]]]:
        """``(target, notes)`` of the stored ``sources`` under ``key``, repaired ones included."""
        hits = self.lookup_entries(key, sources)
        return {s: (e.target, list(e.notes)) for s, e in hits.items() if keeps_markup(e)}

    def lookup_human(
        self, src_lang: str, tgt_lang: str, sources: Sequence[str]
    ) -> dict[str, Entry]:
        """Human entries for ``sources`` (exact match of the normalised source, any model).

        An entry with an empty target (an untranslated unit an older mtpipe imported
        from another tool's TMX) is no translation: served, it would drop the sentence;
        nor is one whose target lost the source's inline markup (:func:`keeps_markup`).
        """
        hits = self.lookup_entries(MemoryKey.human(src_lang, tgt_lang), sources)
        return {
            s: e for s, e in hits.items() if (e.target.strip() or not s.strip()) and keeps_markup(e)
        }

    def lookup_entries(self, key: MemoryKey, sources: Sequence[str]) -> dict[str, Entry]:
        """Whole entries of the stored ``sources`` under ``key``, keyed by the sources as given."""
        originals: dict[str, list[str]] = {}
        for source in sources:
            originals.setdefault(normalise_source(source), []).append(source)
        key_id = self._key_id(key, create=False)
        if key_id is None:
            return {}
        hits: dict[str, Entry] = {}
        wanted = list(originals)
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                f"SELECT {self._entry_columns()} FROM entries "
                f"WHERE key_id = ? AND source IN ({marks})",
                (key_id, *chunk),
            )
            for row in rows:
                for original in originals[row[0]]:
                    hits[original] = _entry(key, row)
        return hits

    def store(self, key: MemoryKey, pairs: Sequence[tuple[str, str]]) -> None:
        """Upsert ``(source, target)`` pairs under ``key`` and commit before returning."""
        self.store_noted(key, [(source, target, []) for source, target in pairs])

    def store_noted(self, key: MemoryKey, triples: Sequence[tuple[str, str, list[str]]]) -> None:
        """Upsert ``(source, target, notes)`` under ``key``: an output with its repairs."""
        now = utc_now()
        self.store_entries(Entry(key, s, t, now, now, notes=tuple(n)) for s, t, n in triples)

    def store_entries(self, entries: Iterable[Entry]) -> int:
        """Upsert whole entries (times included, as TMX import needs) in one commit."""
        rows: list[tuple[MemoryKey, str, str, str, str, str | None, str | None]] = []
        for e in entries:
            if not isinstance(e.source, str) or not isinstance(e.target, str):
                raise TypeError(
                    f"memory sources and targets must be str: {e.source!r}, {e.target!r}"
                )
            creator = (e.creator or None) if e.key.is_human else None  # "": no name
            notes = json.dumps(list(e.notes), ensure_ascii=False) if e.notes else None
            rows.append(
                (e.key, normalise_source(e.source), e.target, e.created, e.updated, creator, notes)
            )
        if not rows:
            return 0
        with self._write():
            keyed = [(self._key_id(k, create=True), k, *rest) for k, *rest in rows]
            human: dict[int, tuple[MemoryKey, set[str]]] = {}
            for key_id, key, source, *_ in keyed:
                if key.is_human:
                    human.setdefault(key_id, (key, set()))[1].add(source)
            before = {i: self._entries_sum(i, sources) for i, (_, sources) in human.items()}
            self._conn.executemany(_UPSERT, [(key_id, *rest) for key_id, _, *rest in keyed])
            for i, (key, sources) in human.items():  # same transaction: never out of step
                self._add_to_digest(key, self._entries_sum(i, sources) - before[i])
        return len(rows)

    # -- the digest of each pair's human entries (schema 4) ----------------------
    def _entries_sum(self, key_id: int, sources: Iterable[str]) -> int:
        """Sum of the row hashes of the stored ``sources`` (normalised) under ``key_id``."""
        total, wanted = 0, sorted(sources)
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            rows = self._conn.execute(
                f"SELECT {self._entry_columns()} FROM entries "
                f"WHERE key_id = ? AND source IN ({','.join('?' * len(chunk))})",
                (key_id, *chunk),
            )
            total += sum(_row_hash(row) for row in rows)
        return total

    def _add_to_digest(self, key: MemoryKey, delta: int) -> None:
        """Move the pair's digest by ``delta`` (what a write added less what it replaced).

        A sum of the entries' hashes is kept up to date by the rows a write touched
        alone (no rehash of a 100 000-entry human memory per post-edit import), and
        depends on the entries, not on the order they were written in: the same human
        entries give the same digest in any memory (a copy, one rebuilt from its TMX).
        """
        if delta % _DIGEST_MOD == 0:
            return
        pair = (key.src_lang, key.tgt_lang)
        row = self._conn.execute(
            "SELECT digest FROM human_digests WHERE src_lang = ? AND tgt_lang = ?", pair
        ).fetchone()
        now = (int(row[0], 16) if row else 0) + delta
        self._conn.execute(
            "INSERT OR REPLACE INTO human_digests VALUES (?, ?, ?)", (*pair, _hex(now))
        )

    def _computed_digests(self) -> dict[tuple[str, str], int]:
        """Each pair's digest from all its human entries (a migration, an old file read)."""
        keys = self._conn.execute(
            "SELECT id, src_lang, tgt_lang FROM keys WHERE origin = ?", (ORIGIN_HUMAN,)
        ).fetchall()
        digests: dict[tuple[str, str], int] = {}
        for key_id, src, tgt in keys:
            rows = self._conn.execute(
                f"SELECT {self._entry_columns()} FROM entries WHERE key_id = ?", (key_id,)
            )
            digests[(src, tgt)] = sum(_row_hash(row) for row in rows) % _DIGEST_MOD
        return digests

    def human_digests(self, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """The digest (64 hex digits) of the human entries of each of ``pairs``
        (``(src_lang, tgt_lang)``) that holds any; a pair without one is left out.

        Read from the schema-4 table, computed from the entries in an older file opened
        read-only (the same value: a migration computes it so).
        """
        if self._version == 0:  # an empty file: the run's open makes it a memory
            return {}
        if self._version >= 4:
            rows = self._conn.execute("SELECT src_lang, tgt_lang, digest FROM human_digests")
            stored = {(src, tgt): digest for src, tgt, digest in rows}
        else:
            stored = {pair: _hex(d) for pair, d in self._computed_digests().items()}
        return {pair: stored[pair] for pair in pairs if stored.get(pair, _hex(0)) != _hex(0)}

    def entries(self, key: MemoryKey) -> Iterator[Entry]:
        """Every entry stored under ``key``, ordered by source."""
        key_id = self._key_id(key, create=False)
        if key_id is None:
            return
        rows = self._conn.execute(
            f"SELECT {self._entry_columns()} FROM entries WHERE key_id = ? ORDER BY source",
            (key_id,),
        )
        for row in rows:
            yield _entry(key, row)

    def _entry_columns(self) -> str:
        return f"source, target, created, updated, creator, {self._notes_column}"

    # -- summaries ---------------------------------------------------------------
    def stats(self) -> dict[str, Any]:
        """Entry counts: in total, per origin (human, mt), per key and per language pair.

        ``pairs`` counts every entry of a pair (``{"it-en": 3}``); ``origins``
        splits the total and ``pairs_by_origin`` each pair by origin.
        """
        rows = self._conn.execute(
            "SELECT k.model_id, k.revision, k.decoding, k.src_lang, k.tgt_lang, k.origin, "
            "COUNT(*), MAX(e.updated) FROM entries e JOIN keys k ON k.id = e.key_id "
            "GROUP BY k.id ORDER BY 6, 1, 2, 3, 4, 5"
        ).fetchall()
        names = [f.name for f in fields(MemoryKey)]
        per_key = [
            {**dict(zip(names, row[:6], strict=True)), "entries": row[6], "updated": row[7]}
            for row in rows
        ]
        pairs: dict[str, int] = {}
        by_origin: dict[str, dict[str, int]] = {o: {} for o in MEMORY_ORIGINS}
        for item in per_key:
            pair = f"{item['src_lang']}-{item['tgt_lang']}"
            pairs[pair] = pairs.get(pair, 0) + item["entries"]
            split = by_origin[item["origin"]]
            split[pair] = split.get(pair, 0) + item["entries"]
        return {
            "path": str(self.path),
            "entries": sum(item["entries"] for item in per_key),
            "origins": {o: sum(by_origin[o].values()) for o in MEMORY_ORIGINS},
            "pairs": pairs,
            "pairs_by_origin": by_origin,
            "keys": per_key,
        }

    def human_entries(self, src_lang: str, tgt_lang: str) -> list[Entry]:
        """Every human entry of a language pair (the candidates of fuzzy matching)."""
        return list(self.entries(MemoryKey.human(src_lang, tgt_lang)))

    def __len__(self) -> int:
        return self._conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0]


def _row_hash(row: Sequence[Any]) -> int:
    """sha256 of a stored entry's columns (source, target, times, creator, notes): any
    of them a human entry gives an output (the text, its translator and date)."""
    blob = json.dumps(list(row), ensure_ascii=False).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.sha256(blob).digest(), "big")


def _hex(digest: int) -> str:
    return format(digest % _DIGEST_MOD, "064x")


def human_digests_of(path: str | Path, pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """``{"it-en": digest}`` of the human entries of the memory at ``path`` for each of
    ``pairs`` that holds any: what a translate run's build key takes from its memory.

    No file, or an empty one: none (the run makes it a memory). Opened read-only without
    the quick check (the run's own open does that, when there is work): a plan of
    up-to-date articles reads one small table. A schema-1 file is migrated first, as the
    run's open would (read-only opens refuse it). A file that is no memory raises
    InputError, as the run would.
    """
    if not Path(path).is_file():
        return {}
    version = _user_version(Path(path))
    if version == 0:
        return {}
    if version == 1:
        TranslationMemory(path).close()
    with TranslationMemory(path, readonly=True, check=False) as memory:
        try:
            found = memory.human_digests(pairs)
        except sqlite3.DatabaseError as exc:
            raise memory._damaged(exc) from None
    return {f"{src}-{tgt}": digest for (src, tgt), digest in found.items()}


def _user_version(path: Path) -> int | None:
    """The file's ``PRAGMA user_version`` (0: empty or no memory yet); None when it cannot
    be read, which the memory's own open then reports."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def _entry(key: MemoryKey, row: Sequence[Any]) -> Entry:
    """An Entry from a ``source, target, created, updated, creator, notes`` row."""
    *fields_, notes = row
    return Entry(key, *fields_, notes=tuple(json.loads(notes)) if notes else ())


# The files SQLite keeps for one memory: the database, its WAL, shared memory and journal.
_SIDE_FILES = ("", "-wal", "-shm", "-journal")


@contextmanager
def new_memory_removed_on_error(path: str | Path) -> Iterator[None]:
    """A memory a command creates at ``path`` inside this block is removed again if the
    block fails (no empty file is left where none was); the command must close its own
    connection to it before the block ends.

    Removed only by :func:`_remove_unused_memory`: while no other connection has it open
    and it holds no entry. Two imports started at once into a new memory both found no
    file, and the one that failed removed the memory the other had opened but not yet
    filled (that one said "imported 10 entries", exit 0, wrote into the removed file,
    and no memory was left). A memory that was there before the block is never removed.
    """
    path = Path(path)
    existed = path.exists()
    try:
        yield
    except BaseException:
        if not existed:
            _remove_unused_memory(path)
        raise


# What a removed memory's first bytes become: a connection that opened it just before
# the removal then fails at its first read ("not a database") instead of writing into it.
_REMOVED_HEADER = b"mtpipe: memory removed\n".ljust(100, b"\0")


def _remove_unused_memory(path: Path) -> bool:
    """Remove the memory at ``path`` (and its side files) if nothing can be lost; whether
    it was removed.

    Unlinking a database another connection has open loses what that one writes next (it
    writes into the unlinked file). Every memory connection holds a shared lock while
    open (WAL), so switching the file out of WAL (``PRAGMA journal_mode = DELETE``, which
    needs every other connection closed) and then ``BEGIN EXCLUSIVE`` on a fresh
    connection with a short busy timeout proves none is: busy means kept, and so does
    any entry or any error. The files are unlinked while the lock is held, and the
    removed file's header is overwritten (:data:`_REMOVED_HEADER`) for a connection that
    opened it but had not read yet: its open fails and is made again at the path
    (:meth:`TranslationMemory._open`).
    """
    if not path.is_file():
        return False
    try:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=0.05, isolation_level=None
        )
    except sqlite3.Error:
        return False
    try:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        if conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0] != "delete":
            return False
        conn.execute("BEGIN EXCLUSIVE")
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if "entries" in tables and conn.execute("SELECT 1 FROM entries LIMIT 1").fetchone():
            return False
        with path.open("r+b") as removed:  # opened before the unlink: the same file
            for suffix in _SIDE_FILES:
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            removed.write(_REMOVED_HEADER)
        return True
    except (sqlite3.Error, OSError):
        return False
    finally:
        conn.close()


def _file_id(path: Path) -> tuple[int, int] | None:
    """The file at ``path`` (device, inode), or None when there is none."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def holds_no_entry(path: str | Path) -> bool:
    """Whether the memory at ``path`` is missing or empty: nothing to lose by removing it.

    One that cannot be read (damaged, locked, newer) counts as holding entries: what
    cannot be told is kept.
    """
    from pipeline.errors import PipelineError

    if not Path(path).is_file():
        return True
    try:
        with TranslationMemory(path, readonly=True) as memory:
            return len(memory) == 0
    except (PipelineError, OSError):
        return False


_MEMORY_FILES = ("memory.sqlite", "memory.sqlite-wal", "memory.sqlite-shm", "memory.sqlite-journal")


def memory_beside(config: Config, folder: str | Path) -> Config:
    """``config`` with the translation memory in ``folder`` when no setting chose one.

    :func:`pipeline.config.memory_in`, and the promise it keeps: nothing is written
    outside the folder the user named. A ``memory.sqlite`` there (or its WAL, shared
    memory or journal file) that is a symbolic link out of the folder would carry the
    run's writes elsewhere (SQLite follows the link), so it is refused; a memory shared
    on purpose is named with ``--memory`` or ``[memory] path``. Raises
    :class:`OutputError` (exit 1) naming the link and where it points.
    """
    from pipeline.config import memory_in

    chosen = memory_in(config, folder)
    if chosen is config:
        return config
    base = Path(folder)
    for name in _MEMORY_FILES:
        link = base / name
        if link.is_symlink() and not resolved(link, OutputError, MEMORY_LINK_FIX).is_relative_to(
            resolved(base, OutputError)
        ):
            raise OutputError(
                f"{link} is a symbolic link to {os.readlink(link)}, outside {base}, where "
                "this run would write its translation memory; remove the link, or name "
                "that memory with --memory"
            )
    return chosen
