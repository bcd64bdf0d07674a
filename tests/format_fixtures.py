"""Rich-format fixtures shared by the writer, bundle and browser tests.

``FakeTranslator`` stands in for a model: it upper-cases the words and keeps
the inline markers (``mode="keep"``) or drops them (``"drop"``), so a test can
tell what the pipeline does with markup without a slow model.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.document import Article
from pipeline.markup import MARKER

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
PAGE = FIXTURES / "kim-belousov.it.html"
POST = FIXTURES / "post.json"


class FakeTranslator:
    """Upper-cases every word; keeps (``keep``) or drops (``drop``) the markers."""

    backend = "fake"
    model_id = "fake"
    revision = "1"

    def __init__(self, tgt: str, mode: str = "keep") -> None:
        self.src_lang, self.tgt_lang, self.mode = "it", tgt, mode
        self.seen: list[str] = []

    def signature(self):
        return {"backend": "fake", "model": "fake", "revision": "1", "num_beams": 1,
                "max_input_tokens": 512, "max_output_ratio": 2.0}  # fmt: skip

    loaded = True

    def translate(self, texts):
        self.seen.extend(texts)
        return [self._one(text) for text in texts]

    def translate_stream(self, texts):
        """The whole input as one finished batch, as the Translator protocol asks."""
        yield list(enumerate(self.translate(texts)))

    def _one(self, text: str) -> str:
        out, pos = [], 0
        for m in MARKER.finditer(text):
            out.append(text[pos : m.start()].upper())
            out.append("" if self.mode == "drop" else m.group(0))
            pos = m.end()
        out.append(text[pos:].upper())
        return "".join(out)


def translated(
    path: Path, mode: str = "keep", langs: tuple[str, ...] = ("en", "fr")
) -> tuple[Article, dict[str, FakeTranslator]]:
    """``path`` read, segmented, translated by fakes and localised, as ``translate`` does."""
    from pipeline.localise import localise_article
    from pipeline.readers import read_article
    from pipeline.segment import segment_article
    from pipeline.translate import translate_articles

    article = segment_article(read_article(path))
    fakes = {lang: FakeTranslator(lang, mode) for lang in langs}
    translate_articles([article], fakes)
    localise_article(article)
    return article, fakes


# An HTML page of two paragraphs, ``{para}`` and a closing paragraph: what a reader makes of
# the one paragraph under test, between article text on both sides.
ALLERTA_PAGE = """<!DOCTYPE html>
<html lang="it"><head><meta charset="UTF-8"><title>Maltempo in Liguria, allerta rossa</title>
</head><body><main><article><h1>Maltempo in Liguria, allerta rossa</h1>
<div class="entry-content">
<p>La Protezione civile ha diramato l'allerta rossa per tutta la Liguria a partire dalle 14.</p>
<p>Le scuole resteranno chiuse a Genova e Savona, ha detto il sindaco ai giornalisti.</p>
{para}
<p>Aggiornamenti nelle prossime ore, con il bollettino della sera della Protezione civile.</p>
</div></article></main></body></html>
"""


def seen_by_models(fakes: dict[str, FakeTranslator]) -> str:
    """Every text the fake models were given, one per line: what reached MT."""
    return "\n".join(t for f in fakes.values() for t in f.seen)
