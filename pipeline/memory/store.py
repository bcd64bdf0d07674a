"""The SQLite store behind the translation memory.

Why SQLite in WAL mode: readers never block the writer, two batch processes can
share one memory (a busy timeout waits for the write lock instead of failing with
"database is locked"), and every :meth:`TranslationMemory.store` commits before it
returns, so a process killed with SIGKILL loses nothing it had already stored.

Entries are keyed by :class:`MemoryKey` (model id, revision, decoding settings,
language pair) plus the *normalised* source (:func:`normalise_source`), so a
memory hit is only ever an earlier output of the very same model run the same way.
"""

from __future__ import annotations

import sqlite3
import time
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline.errors import InputError, OutputError

SCHEMA_VERSION = 1
BUSY_TIMEOUT_S = 30.0
_CHUNK = 500  # bound on SQL variables per lookup query

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS keys (
        id INTEGER PRIMARY KEY,
        model_id TEXT NOT NULL, revision TEXT NOT NULL, decoding TEXT NOT NULL,
        src_lang TEXT NOT NULL, tgt_lang TEXT NOT NULL,
        UNIQUE (model_id, revision, decoding, src_lang, tgt_lang))""",
    """CREATE TABLE IF NOT EXISTS entries (
        key_id INTEGER NOT NULL REFERENCES keys(id),
        source TEXT NOT NULL, target TEXT NOT NULL,
        created TEXT NOT NULL, updated TEXT NOT NULL,
        PRIMARY KEY (key_id, source))""",
)

_UPSERT = """INSERT INTO entries (key_id, source, target, created, updated)
    VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (key_id, source) DO UPDATE
    SET target = excluded.target, updated = excluded.updated
    WHERE target IS NOT excluded.target"""


@dataclass(frozen=True)
class MemoryKey:
    """What must match for a stored translation to be reused.

    ``decoding`` summarises the decoding settings (``"beams=4,max_in=256"``): a
    different beam size gives a different translation, so it is a different key.
    """

    model_id: str
    revision: str
    decoding: str
    src_lang: str
    tgt_lang: str

    def __post_init__(self) -> None:
        for f in fields(self):
            if not isinstance(getattr(self, f.name), str):
                raise TypeError(f"MemoryKey.{f.name} must be a str, got {getattr(self, f.name)!r}")
        if not (self.model_id and self.src_lang and self.tgt_lang):
            raise ValueError(f"MemoryKey needs a model id and both languages: {self}")


@dataclass(frozen=True)
class Entry:
    """One stored translation with its times (ISO 8601 UTC, ``2024-05-01T12:00:00Z``)."""

    key: MemoryKey
    source: str
    target: str
    created: str
    updated: str


def normalise_source(text: str) -> str:
    """The lookup form of a source: Unicode NFC, whitespace runs as one space, stripped.

    Whitespace is Python's (tabs, newlines, U+00A0, U+202F ...): the opus-mt
    sentencepiece normaliser maps them all to a plain space, so the model sees
    such variants as the same input.
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


def utc_now() -> str:
    """The current time in the memory's timestamp format."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class TranslationMemory:
    """A persistent source -> target cache per :class:`MemoryKey`, safe for concurrent processes."""

    def __init__(self, path: str | Path, *, busy_timeout: float = BUSY_TIMEOUT_S) -> None:
        self.path = Path(path)
        self._busy_timeout = busy_timeout
        self._key_ids: dict[MemoryKey, int] = {}
        in_memory = str(path) == ":memory:"
        try:
            if not in_memory:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(str(path), timeout=busy_timeout, isolation_level=None)
        except OSError as exc:
            raise OutputError(
                f"cannot create the translation memory folder for {self.path}: {exc.strerror}"
            ) from None
        except sqlite3.Error as exc:
            raise OutputError(f"cannot open translation memory {self.path}: {exc}") from None
        try:
            self._setup()
        except BaseException:
            self._conn.close()
            raise

    # -- lifecycle -----------------------------------------------------------
    def _setup(self) -> None:
        try:
            self._conn.execute(f"PRAGMA busy_timeout = {int(self._busy_timeout * 1000)}")
            self._retry_locked(lambda: self._conn.execute("PRAGMA journal_mode = WAL").fetchone())
            self._conn.execute("PRAGMA synchronous = NORMAL")  # durable against process kills
            with self._write():
                version = self._conn.execute("PRAGMA user_version").fetchone()[0]
                if version > SCHEMA_VERSION:
                    raise InputError(
                        f"translation memory {self.path} has schema {version}, newer than this "
                        f"mtpipe understands ({SCHEMA_VERSION}); upgrade mtpipe or use another file"
                    )
                for statement in _SCHEMA:
                    self._conn.execute(statement)
                self._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except sqlite3.OperationalError as exc:
            raise OutputError(f"cannot open translation memory {self.path}: {exc}") from None
        except sqlite3.DatabaseError as exc:
            raise InputError(
                f"{self.path} is not a usable mtpipe translation memory ({exc}); "
                "point --memory / [memory] path at another file or move this one away"
            ) from None

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
                raise OutputError(f"cannot write translation memory {self.path}: {exc}") from None
            raise

    # -- keys ----------------------------------------------------------------
    def _key_id(self, key: MemoryKey, *, create: bool) -> int | None:
        if key in self._key_ids:
            return self._key_ids[key]
        values = tuple(getattr(key, f.name) for f in fields(MemoryKey))
        where = "model_id=? AND revision=? AND decoding=? AND src_lang=? AND tgt_lang=?"
        row = self._conn.execute(f"SELECT id FROM keys WHERE {where}", values).fetchone()
        if row is None:
            if not create:
                return None
            cursor = self._conn.execute(
                "INSERT INTO keys (model_id, revision, decoding, src_lang, tgt_lang) "
                "VALUES (?, ?, ?, ?, ?)",
                values,
            )
            row = (cursor.lastrowid,)
        self._key_ids[key] = row[0]
        return row[0]

    def stored_keys(self) -> list[MemoryKey]:
        """Every key that holds at least one entry, sorted."""
        rows = self._conn.execute(
            "SELECT model_id, revision, decoding, src_lang, tgt_lang FROM keys "
            "WHERE EXISTS (SELECT 1 FROM entries WHERE key_id = keys.id) ORDER BY 1, 2, 3, 4, 5"
        )
        return [MemoryKey(*row) for row in rows]

    # -- reading and writing ---------------------------------------------------
    def lookup(self, key: MemoryKey, sources: Sequence[str]) -> dict[str, str]:
        """Targets of the stored ``sources`` under ``key``, keyed by the sources as given."""
        originals: dict[str, list[str]] = {}
        for source in sources:
            originals.setdefault(normalise_source(source), []).append(source)
        key_id = self._key_id(key, create=False)
        if key_id is None:
            return {}
        hits: dict[str, str] = {}
        wanted = list(originals)
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                f"SELECT source, target FROM entries WHERE key_id = ? AND source IN ({marks})",
                (key_id, *chunk),
            )
            for source, target in rows:
                for original in originals[source]:
                    hits[original] = target
        return hits

    def store(self, key: MemoryKey, pairs: Sequence[tuple[str, str]]) -> None:
        """Upsert ``(source, target)`` pairs under ``key`` and commit before returning."""
        now = utc_now()
        self.store_entries(Entry(key, source, target, now, now) for source, target in pairs)

    def store_entries(self, entries: Iterable[Entry]) -> int:
        """Upsert whole entries (times included, as TMX import needs) in one commit."""
        rows: list[tuple[MemoryKey, str, str, str, str]] = []
        for e in entries:
            if not isinstance(e.source, str) or not isinstance(e.target, str):
                raise TypeError(
                    f"memory sources and targets must be str: {e.source!r}, {e.target!r}"
                )
            rows.append((e.key, normalise_source(e.source), e.target, e.created, e.updated))
        if not rows:
            return 0
        with self._write():
            self._conn.executemany(
                _UPSERT,
                [(self._key_id(k, create=True), s, t, c, u) for k, s, t, c, u in rows],
            )
        return len(rows)

    def entries(self, key: MemoryKey) -> Iterator[Entry]:
        """Every entry stored under ``key``, ordered by source."""
        key_id = self._key_id(key, create=False)
        if key_id is None:
            return
        rows = self._conn.execute(
            "SELECT source, target, created, updated FROM entries WHERE key_id = ? ORDER BY source",
            (key_id,),
        )
        for source, target, created, updated in rows:
            yield Entry(key, source, target, created, updated)

    # -- summaries ---------------------------------------------------------------
    def stats(self) -> dict[str, Any]:
        """Entry counts: in total, per key and per language pair (``"it-en"``)."""
        rows = self._conn.execute(
            "SELECT k.model_id, k.revision, k.decoding, k.src_lang, k.tgt_lang, COUNT(*), "
            "MAX(e.updated) FROM entries e JOIN keys k ON k.id = e.key_id "
            "GROUP BY k.id ORDER BY 1, 2, 3, 4, 5"
        ).fetchall()
        names = [f.name for f in fields(MemoryKey)]
        per_key = [
            {**dict(zip(names, row[:5], strict=True)), "entries": row[5], "updated": row[6]}
            for row in rows
        ]
        pairs: dict[str, int] = {}
        for item in per_key:
            pair = f"{item['src_lang']}-{item['tgt_lang']}"
            pairs[pair] = pairs.get(pair, 0) + item["entries"]
        return {
            "path": str(self.path),
            "entries": sum(item["entries"] for item in per_key),
            "pairs": pairs,
            "keys": per_key,
        }

    def __len__(self) -> int:
        return self._conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
