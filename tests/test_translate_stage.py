"""The translate stage: memory first, distinct sources once, chrome never to MT."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from pipeline.config import TranslateSettings
from pipeline.document import Article, Block, Segment, Translation
from pipeline.memory import TranslationMemory
from pipeline.translate import load_translator, translate_article, translate_articles


class RecordingTranslator:
    """A stand-in backend: upper-cases, records every text it is asked for."""

    def __init__(self, tgt_lang: str = "en", fail_after: int | None = None) -> None:
        self.src_lang, self.tgt_lang = "it", tgt_lang
        self.model_id, self.revision, self.backend = "test/upper", "r1", "test"
        self.seen: list[str] = []
        self.fail_after = fail_after

    def signature(self) -> dict:
        return {
            "backend": "test",
            "model": self.model_id,
            "revision": self.revision,
            "num_beams": 1,
            "max_input_tokens": 256,
            "max_output_ratio": 3.0,
        }

    def translate(self, texts: Sequence[str]) -> list[str]:
        return [t for group in self.translate_stream(texts) for _, t in group]

    def translate_stream(self, texts: Sequence[str]):
        for start in range(0, len(texts), 2):  # batches of two
            if self.fail_after is not None and start >= self.fail_after:
                raise RuntimeError("killed")
            self.seen.extend(texts[start : start + 2])
            yield [(i, texts[i].upper()) for i in range(start, min(start + 2, len(texts)))]


def article(aid: str, *texts: str) -> Article:
    blocks = [
        Block("b1", "category", "Catégories", [Segment("b1.s1", "Catégories", msgid="Categories")]),
        Block("b2", "title", texts[0], [Segment("b2.s1", texts[0])]),
    ]
    body = " ".join(texts[1:])
    segs = [
        Segment(f"b3.s{i + 1}", t, " " if i < len(texts) - 2 else "")
        for i, t in enumerate(texts[1:])
    ]
    blocks.append(Block("b3", "paragraph", body, segs))
    blocks.append(
        Block(
            "b4",
            "ui",
            "Laisser un commentaire",
            [Segment("b4.s1", "Laisser un commentaire", msgid="Leave a Reply")],
        )
    )
    return Article(id=aid, source_lang="it", blocks=blocks)


def test_chrome_is_never_sent_to_mt():
    tr = RecordingTranslator()
    doc = translate_article(article("a", "Titolo.", "Una frase.", "Due frasi."), {"en": tr})
    assert "Catégories" not in tr.seen and "Laisser un commentaire" not in tr.seen
    assert all("en" not in s.translations for s in doc.segments(frozenset({"category", "ui"})))
    assert [s.translations["en"].text for s in doc.text_segments()] == [
        "TITOLO.",
        "UNA FRASE.",
        "DUE FRASI.",
    ]


def test_distinct_sources_are_translated_once_across_articles():
    tr = RecordingTranslator()
    docs = [article("a", "Titolo.", "Comune.", "Solo a."), article("b", "Titolo.", "Comune.")]
    translate_articles(docs, {"en": tr})
    assert sorted(tr.seen) == sorted({"Titolo.", "Comune.", "Solo a."})
    for doc in docs:
        assert doc.target_langs == ["en"] and doc.signatures["en"]["model"] == "test/upper"
        assert all(s.translations["en"].model == "test/upper@r1" for s in doc.text_segments())


def test_memory_serves_a_rerun_without_the_model(tmp_path):
    memory = TranslationMemory(tmp_path / "tm.sqlite")
    translate_article(article("a", "Titolo.", "Una frase."), {"en": RecordingTranslator()}, memory)
    again = RecordingTranslator()
    doc = translate_article(article("a", "Titolo.", "Una frase.", "Nuova."), {"en": again}, memory)
    assert again.seen == ["Nuova."]
    origins = {s.source: s.translations["en"].origin for s in doc.text_segments()}
    assert origins == {"Titolo.": "memory", "Una frase.": "memory", "Nuova.": "mt"}


def test_finished_batches_survive_a_crash(tmp_path):
    memory = TranslationMemory(tmp_path / "tm.sqlite")
    doc = article("a", "Uno.", "Due.", "Tre.", "Quattro.")
    with pytest.raises(RuntimeError):
        translate_article(doc, {"en": RecordingTranslator(fail_after=2)}, memory)
    key_hits = RecordingTranslator()
    translate_article(article("a", "Uno.", "Due.", "Tre.", "Quattro."), {"en": key_hits}, memory)
    assert key_hits.seen == ["Tre.", "Quattro."]


def test_full_memory_hit_never_loads_the_model(tiny_models, tmp_path):
    memory = TranslationMemory(tmp_path / "tm.sqlite")
    settings = TranslateSettings(num_beams=1, threads=1)
    first = load_translator("it-en", settings, tiny_models["it-en"])
    translate_article(article("a", "Titolo.", "Una frase."), {"en": first}, memory)
    assert first.loaded
    second = load_translator("it-en", settings, tiny_models["it-en"])
    doc = translate_article(article("a", "Titolo.", "Una frase."), {"en": second}, memory)
    assert not second.loaded
    assert {s.translations["en"].origin for s in doc.text_segments()} == {"memory"}
    assert doc.signatures["en"]["tiny"] is True


def test_human_memory_entry_wins_over_the_mt_cache_and_the_model(tmp_path):
    from pipeline.memory import Entry, MemoryKey

    memory = TranslationMemory(tmp_path / "tm.sqlite")
    translate_article(article("a", "Titolo.", "Una frase."), {"en": RecordingTranslator()}, memory)
    memory.store_entries(
        [Entry(MemoryKey.human("it", "en"), "Una  frase.", "A sentence.", "t", "t", "Ada")]
    )
    again = RecordingTranslator()
    doc = translate_article(article("a", "Titolo.", "Una frase.", "Nuova."), {"en": again}, memory)
    assert again.seen == ["Nuova."]
    tr = {s.source: s.translations["en"] for s in doc.text_segments()}
    assert (tr["Una frase."].text, tr["Una frase."].origin) == ("A sentence.", "human")
    assert tr["Una frase."].translator == "Ada"
    assert (tr["Titolo."].origin, tr["Nuova."].origin) == ("memory", "mt")


def test_a_segment_holding_a_human_translation_is_not_retranslated():
    doc = article("a", "Titolo.", "Una frase.")
    doc.text_segments()[1].translations["en"] = Translation("Kept by hand.", "human")
    tr = RecordingTranslator()
    translate_article(doc, {"en": tr})
    assert tr.seen == ["Titolo."]
    assert doc.text_segments()[1].translations["en"].text == "Kept by hand."


class RepairingTranslator(RecordingTranslator):
    """Upper-cases and reports a placeholder repair for every text containing 'Z1X'."""

    def translate_stream(self, texts: Sequence[str]):
        self.repairs = {t: ["dropped span 'AFP' (term); re-inserted"] for t in texts if "Z1X" in t}
        yield from super().translate_stream(texts)


def test_a_rerun_redoes_nothing_and_keeps_repair_findings(tmp_path):
    memory = TranslationMemory(tmp_path / "tm.sqlite")
    texts = ("Titolo.", "Foto: Z1X.", "Una frase.")
    first = translate_article(article("a", *texts), {"en": RepairingTranslator()}, memory)
    again = RepairingTranslator()
    doc = translate_article(article("a", *texts), {"en": again}, memory)
    assert again.seen == []
    for old, new in zip(first.text_segments(), doc.text_segments(), strict=True):
        assert new.translations["en"].origin == "memory"
        assert new.translations["en"].text == old.translations["en"].text
        assert new.translations["en"].edits == old.translations["en"].edits
        assert new.findings == old.findings
    repaired = doc.text_segments()[1]
    assert [f.check for f in repaired.findings] == ["placeholder_repair"]
