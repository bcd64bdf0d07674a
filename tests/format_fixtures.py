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
