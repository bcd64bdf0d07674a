"""QA findings on a fixed set of pairs, pinned across the speed work (issue 15).

EXPECTED was computed with the QA code before the per-text caches (cognate
prefix index, name lookups per source) went in, and must not move when QA is
made faster. PINNED_FILE holds every finding (check, severity, language,
message, span) of a multi-article set (the sample article, a corrupted copy of
it, the pairs below as one article per language), computed with the QA code
before the helper process (pipeline.qa.worker) went in; the test compares both
the in-process stage and the helper process with it. Change them only with a
change of what a check decides, and say so: ``python tests/test_qa_pinned.py``
rewrites PINNED_FILE.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from qa_fixtures import sample_article

from pipeline.config import QASettings
from pipeline.document import Article, Block, Segment, Translation
from pipeline.qa import run_qa

PINNED_FILE = Path(__file__).parent / "fixtures" / "qa_pinned_findings.json"

PAIRS = [
    (
        "Il Dow ha perso 334 punti o 3,3% su 10.809,25 punti.",
        "The Dow lost 334 points or 3.3 percent, to 10,809.25 points.",
        "en",
    ),
    (
        "Il Dow ha perso 334 punti o 3,3% su 10.809,25 punti.",
        "The Dow lost 384 points or 3.3 percent, to 10.809,25 points.",
        "en",
    ),
    (
        "Quasi 200.000 bambini mancano alla campagna, dice l'ONU.",
        "Almost 200,000 children missed the campaign, says the UN.",
        "en",
    ),
    (
        "Quasi 200.000 bambini mancano alla campagna, dice l'ONU.",
        "Près de 200 000 enfants ont manqué la campagne, dit l'ONU.",
        "fr",
    ),
    (
        "Kim Jong Un ha stimato che la visita di Beloúsov incoraggerebbe la cooperazione.",
        "Kim Jong Un said that the visit would encourage cooperation.",
        "en",
    ),
    (
        "Il ministro Andrei Belousov stringe la mano a No Kwang-chol a Pyongyang.",
        "Minister Andrei Belousov shakes hands with No Kwang-chol in Pyongyang.",
        "en",
    ),
    (
        "Il ministro Andrei Belousov stringe la mano a No Kwang-chol a Pyongyang.",
        "Le ministre Andreï Belooussov serre la main de No Kwang-chol à Pyongyang.",
        "fr",
    ),
    (
        "Il governo ha approvato ieri la nuova legge di bilancio.",
        "Il governo ha approvato ieri la nuova legge di bilancio.",
        "en",
    ),
    (
        "Il governo ha approvato ieri la nuova legge di bilancio.",
        "The government yesterday approved the new budget law.",
        "fr",
    ),
    (
        "La polizia ha arrestato due uomini sospettati di furto a Milano.",
        "Police arrested two men suspected of theft in Milan Milan Milan.",
        "en",
    ),
    (
        'Ha detto: "Siamo pronti a trattare" (ieri sera).',
        'He said: "We are ready to negotiate (last night).',
        "en",
    ),
    (
        'Ha detto: "Siamo pronti a trattare" (ieri sera).',
        "Il a dit : « Nous sommes prêts à négocier » (hier soir).",
        "fr",
    ),
    (
        "Secondo l'agenzia, i colloqui sono durati tre ore e si sono chiusi "
        "con un accordo sul gas.",
        "According to the agency, the talks lasted.",
        "en",
    ),
    (
        "Il Pil è cresciuto del 2,5% nel 2008 secondo l'Istat.",
        "GDP grew in 2008 according to Istat.",
        "en",
    ),
    ("Costa 1.111,11 euro.", "It costs 11,11.11 euros.", "en"),
    (
        "La Borsa di Milano ha chiuso in calo venerdì, trascinata dalle banche.",
        "The Milan stock exchange closed lower on Friday, dragged down by banks.",
        "en",
    ),
    (
        "Gli analisti parlano di prese di profitto dopo settimane di rialzi.",
        "The Milan stock exchange closed lower on Friday, dragged down by banks.",
        "en",
    ),
]

EXPECTED = {
    "s0": [],
    "s1": [
        ("number", "error"),
        ("number_format", "error"),
    ],  # en "10.809,25": decimals behind the English grouping comma (issue 14)
    "s2": [],
    "s3": [],
    "s4": [("name_variant", "warning"), ("named_entity", "error")],
    "s5": [],
    "s6": [],
    "s7": [("untranslated", "error")],
    "s8": [("wrong_language", "error")],
    "s9": [("repetition", "error")],
    "s10": [("quote_bracket", "error")],
    "s11": [],
    "s12": [("omission", "error")],
    "s13": [("number_unmatched", "error")],
    "s14": [("number_garbled", "error")],
    "s15": [],
    "s16": [],
}


def _pairs_article(lang: str) -> Article:
    """The pairs into ``lang`` as one article, a paragraph each (so neighbours are context)."""
    article = Article(id=f"pinned-{lang}", source_lang="it", target_langs=[lang])
    for i, (src, tgt, pair_lang) in enumerate(PAIRS):
        if pair_lang == lang:
            seg = Segment(id=f"s{i}", source=src, translations={lang: Translation(tgt, "mt")})
            article.blocks.append(Block(f"b{i}", "paragraph", src, [seg]))
    return article


def _corrupted_sample() -> Article:
    """The sample with its English targets shifted by one text segment (misaligned), one
    French target left in Italian and one number changed."""
    article = sample_article()
    article.id = "kim-belousov-corrupted"
    texts = article.text_segments()
    shifted = [seg.translations["en"].text for seg in texts[1:]] + [
        texts[0].translations["en"].text
    ]
    for seg, en in zip(texts, shifted, strict=True):
        seg.translations["en"] = Translation(en, "mt")
    texts[1].translations["fr"] = Translation(texts[1].source, "mt")
    fr = texts[-2].translations["fr"]
    texts[-2].translations["fr"] = Translation(fr.text.replace("1", "7"), "mt")
    return article


def pinned_articles() -> list[Article]:
    """The multi-article set whose findings PINNED_FILE holds (fresh objects each call)."""
    return [sample_article(), _corrupted_sample(), _pairs_article("en"), _pairs_article("fr")]


def all_findings(articles: list[Article]) -> list[dict]:
    """Every finding of ``articles`` as plain data, in document order."""
    return [
        {
            "article": art.id,
            "segment": seg.id,
            "lang": f.lang,
            "check": f.check,
            "severity": f.severity,
            "message": f.message,
            "span": list(f.span) if f.span else None,
        }
        for art in articles
        for seg in art.segments()
        for f in seg.findings
    ]


def _findings() -> dict[str, list[tuple[str, str]]]:
    out = {}
    for lang in ("en", "fr"):
        article = _pairs_article(lang)
        run_qa(article)
        out.update(
            {s.id: sorted((f.check, f.severity) for f in s.findings) for s in article.segments()}
        )
    return out


def test_findings_on_the_fixed_set_are_pinned() -> None:
    assert _findings() == EXPECTED


def test_every_finding_of_the_multi_article_set_is_pinned() -> None:
    articles = pinned_articles()
    for art in articles:
        run_qa(art)
    assert all_findings(articles) == json.loads(PINNED_FILE.read_text(encoding="utf-8"))


def test_the_helper_process_finds_what_the_stage_finds(qa_worker) -> None:
    """Same findings as PINNED_FILE, and the articles come back exactly as run_qa leaves them."""
    here, there = pinned_articles(), pinned_articles()
    for a, b in zip(here, there, strict=True):
        run_qa(a)
        qa_worker.run_qa(b, QASettings())
    assert all_findings(there) == json.loads(PINNED_FILE.read_text(encoding="utf-8"))
    assert [a.to_dict() for a in there] == [a.to_dict() for a in here]


@pytest.mark.parametrize("i", [0, 1, 12])
def test_cached_overlap_agrees_with_a_plain_scan(i: int) -> None:
    from pipeline.qa.overlap import cognate, features

    def plain(w: str, others: tuple[str, ...]) -> bool:
        k = w[:4] if len(w) < 6 else w[:5]
        return any(x.startswith(k) or w.startswith(x[:4] if len(x) < 6 else x[:5]) for x in others)

    src, tgt, lang = PAIRS[i]
    sw, tw = features(src, "it")[0], features(tgt, lang)[0]
    assert [cognate(w, sw) for w in tw] == [plain(w, sw) for w in tw]
    assert [cognate(w, tw) for w in sw] == [plain(w, tw) for w in sw]


def _repin() -> None:
    """Rewrite PINNED_FILE from the current QA code (only when what a check decides changed)."""
    articles = pinned_articles()
    for art in articles:
        run_qa(art)
    text = json.dumps(all_findings(articles), ensure_ascii=False, indent=1)
    PINNED_FILE.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    _repin()
