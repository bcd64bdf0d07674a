"""Sentence segmentation: the sample's gold segments, language rules, losslessness."""

from __future__ import annotations

import gc
import random
import sys
from collections.abc import Callable
from typing import Any

import pytest

from pipeline.config import SegmentSettings
from pipeline.document import CATEGORY, PARAGRAPH, TITLE, UI, Article, Block, Segment
from pipeline.errors import ConfigError
from pipeline.markup import join_split
from pipeline.segment import align, segment_article, split_sentences, splitter_for
from pipeline.segment.abbreviations import rules_for
from pipeline.segment.rules import break_starts

# The MT ("kind": "text") segments of shared/samples/kim-belousov.gold.jsonl, in order.
GOLD_SAMPLE_SEGMENTS = [
    "La Corea del Nord e la Russia rafforzano i legami militari di mutua difesa",
    "Il leader nordcoreano Kim Jong Un e il ministro della Difesa russo Andrei Belousov hanno "
    "parlato a Pyongyang del rafforzamento dei legami militari tra i due paesi che hanno "
    "rafforzato le relazioni dopo l'invasione russa dell'Ucraina, ha riferito sabato l'agenzia "
    "di stampa ufficiale nordcoreana KCNA.",
    "L'incontro organizzato venerdì riguardava l'approfondimento dell'alleanza strategica "
    "Mosca-Pyongyang, soprattutto nel “settore della difesa, nella difesa della sovranità e "
    "della sicurezza”, hanno affermato i media ufficiali nordcoreani.",
    "La conversazione si è conclusa con un “consenso soddisfacente” tra le due parti, ha aggiunto.",
    "Kim Jong Un ha stimato che la visita di Beloúsov incoraggerebbe «\u00a0la cooperazione "
    "amichevole e reciproca, nonché lo sviluppo delle relazioni tra i due eserciti\u00a0», secondo "
    "KCNA.",
    "Il ministro della Difesa russo Andrei Belousov stringe la mano al ministro della Difesa "
    "nordcoreano No Kwang-chol durante i colloqui bilaterali con la delegazione nordcoreana a "
    "Pyongyang.",
    "Foto: AFP.",
    "Russia e Corea del Nord sono legate da un trattato di mutua difesa firmato a giugno e "
    "ratificato questo mese.",
    "Dopo l'incontro con Kim, Belousov ha incontrato il suo omologo nordcoreano No Kwang Chol, "
    "ha riferito il ministero della Difesa russo, che ha accolto con favore il rafforzamento "
    "dei legami «\u00a0in tutte le direzioni\u00a0».",
    "Stati Uniti e Corea del Sud sospettano questo riavvicinamento tra Pyongyang e Mosca e "
    "denunciano l'invio di oltre 10.000 soldati nordcoreani in Russia per aiutare nella guerra "
    "contro l'Ucraina.",
    "Esperti esterni affermano che la Russia fornisce in cambio petrolio e gas alla Corea del "
    "Nord, e un alto funzionario del governo sudcoreano ha anche menzionato la consegna di "
    "missili antiaerei al regime comunista.",
    "La relazione tra Corea del Nord e Russia ha preso una svolta strategica negli ultimi mesi, "
    "rafforzata da un patto di difesa reciproca firmato nel novembre 2024.",
    "Questo accordo impegna entrambi i paesi a fornire reciproca assistenza militare in caso di "
    "attacco e a coordinare gli sforzi per far fronte alla situazione internazionale.",
    "sanzioni.",
    "Questo approccio si inserisce nel contesto della guerra in Ucraina, dove la Corea del Nord "
    "ha mostrato il suo esplicito sostegno alla Russia inviando truppe e forniture militari.",
    "Durante una storica visita di Vladimir Putin a Pyongyang nel giugno 2024, queste alleanze "
    "si consolidarono, segnando l’inizio delle esercitazioni militari congiunte pianificate, che "
    "includerebbero esercitazioni di difesa e manovre di terra.",
    "Gli analisti ritengono che queste azioni mirano a rafforzare la preparazione militare di "
    "entrambe le nazioni e inviare un messaggio di forza ai loro avversari, in particolare agli "
    "Stati Uniti e ai loro alleati.",
    "La Corea del Nord, in particolare, ha inviato migliaia di truppe per sostenere la Russia nel "
    "conflitto, sottolineando il suo impegno nell’alleanza.",
    "Da parte sua, il regime di Kim Jong-un cerca di ottenere benefici economici e politici, come "
    "la riduzione delle sanzioni e l'accesso a tecnologie militari avanzate.",
    "Questo patto è stato criticato a livello internazionale perché aumenta le tensioni globali "
    "e potrebbe rendere ancora più difficile la risoluzione pacifica del conflitto in Ucraina.",
    "Questo legame rafforza l’isolamento di entrambi i paesi rispetto all’Occidente, ma rafforza "
    "anche le loro posizioni strategiche sulla scena internazionale.",
]
# Lines of the sample that are page chrome (localised from catalogs, not segmented here).
SAMPLE_CHROME = {
    "Catégories",
    "italie",
    "Laisser un commentaire",
    "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
}

# (lang, text, expected sentences): boundaries that must be found.
MUST_SPLIT = [
    (
        "it",
        "Il governo ha approvato il decreto. È stato un lungo dibattito.",
        ["Il governo ha approvato il decreto.", "È stato un lungo dibattito."],
    ),
    (
        "it",
        "La riunione è finita alle 14.30. À la carte, il menu non cambia.",
        ["La riunione è finita alle 14.30.", "À la carte, il menu non cambia."],
    ),
    (
        "it",
        "Ha detto: «Basta.» Poi ha lasciato la sala.",
        ["Ha detto: «Basta.»", "Poi ha lasciato la sala."],
    ),
    (
        "it",
        'Ha ripetuto: "Non mi dimetto." Il partito tace.',
        ['Ha ripetuto: "Non mi dimetto."', "Il partito tace."],
    ),
    (
        "it",
        "Lo ha definito “un errore.” La replica è arrivata subito.",
        ["Lo ha definito “un errore.”", "La replica è arrivata subito."],
    ),
    (
        "it",
        "Chi pagherà? Nessuno lo sa! Intanto i prezzi salgono.",
        ["Chi pagherà?", "Nessuno lo sa!", "Intanto i prezzi salgono."],
    ),
    (
        "it",
        "Si aspettava una svolta… Non è arrivata. E ora... Nessuno risponde.",
        ["Si aspettava una svolta…", "Non è arrivata.", "E ora...", "Nessuno risponde."],
    ),
    (
        "it",
        "Il titolo ha perso il 3,5%. «Era previsto», dicono gli analisti.",
        ["Il titolo ha perso il 3,5%.", "«Era previsto», dicono gli analisti."],
    ),
    (
        "it",
        "Scrivete a redazione@giornale.it. Il sito è www.giornale.it. Grazie.",
        ["Scrivete a redazione@giornale.it.", "Il sito è www.giornale.it.", "Grazie."],
    ),
    (
        "it",
        "Vendono auto, moto ecc. Il fatturato cresce.",
        ["Vendono auto, moto ecc.", "Il fatturato cresce."],
    ),
    (
        "it",
        "Ha chiuso in rialzo la Fiat S.p.A. Il titolo ha guadagnato due punti.",
        ["Ha chiuso in rialzo la Fiat S.p.A.", "Il titolo ha guadagnato due punti."],
    ),
    (
        "it",
        "È arrivato il 2024. Questo anno sarà decisivo.",
        ["È arrivato il 2024.", "Questo anno sarà decisivo."],
    ),
    (
        "it",
        "Le priorità sono due:\n1. Il lavoro.\n2. La sanità.",
        ["Le priorità sono due:", "1. Il lavoro.", "2. La sanità."],
    ),
    (
        "it",
        "Primo paragrafo senza punto finale\n\nSecondo paragrafo.",
        ["Primo paragrafo senza punto finale", "Secondo paragrafo."],
    ),
    (
        "it",
        "Serve la vitamina C. Il medico lo conferma.",
        ["Serve la vitamina C.", "Il medico lo conferma."],
    ),
    ("it", "Ha parlato di sicurezza. sanzioni.", ["Ha parlato di sicurezza.", "sanzioni."]),
    (
        "it",
        'Ha parlato il presidente. "la UEFA ci controllerà", ha aggiunto.',
        ["Ha parlato il presidente.", '"la UEFA ci controllerà", ha aggiunto.'],
    ),
    (
        "fr",
        "M. Dupont est arrivé. Il a dit : « Bonjour. » Puis il est parti.",
        ["M. Dupont est arrivé.", "Il a dit : « Bonjour. »", "Puis il est parti."],
    ),
    (
        "fr",
        "Le vote a eu lieu hier. À Paris, la gauche proteste.",
        ["Le vote a eu lieu hier.", "À Paris, la gauche proteste."],
    ),
    (
        "en",
        "Mr. Smith went to Washington. Dr. Jones stayed in the U.S. The talks failed.",
        ["Mr. Smith went to Washington.", "Dr. Jones stayed in the U.S.", "The talks failed."],
    ),
    (
        "en",
        "He works for Acme Inc. The company is based in Ohio.",
        ["He works for Acme Inc.", "The company is based in Ohio."],
    ),
]

# (lang, text): one sentence that must NOT be split.
MUST_NOT_SPLIT = [
    ("it", "Il Sig. Rossi e il dott. Bianchi hanno incontrato l'on. Verdi a Roma."),
    ("it", "Lo prevede l'art. 3, comma 2, citato dal prof. Neri a pag. 12 del vol. II del codice."),
    ("it", "Il decreto n. 5 del 2009 riguarda 10.000 lavoratori e costa 3,5 milioni di euro."),
    ("it", "Ha citato J. R. R. Tolkien e G. Bush durante la conferenza."),
    ("it", "La Fiat S.p.A. ha chiuso in rialzo alle 14.30 di ieri."),
    ("it", "Sono arrivati politici, sindacalisti ecc. e hanno discusso a lungo."),
    ("it", "Ha detto: «Basta!» e se ne è andato."),
    ("it", "«Chi paga?» si chiedono i cittadini."),
    ("it", "Si è fermato... e poi è ripartito."),
    ("it", "Visitate https://www.giornale.it/notizie/2024/articolo.html per i dettagli."),
    ("it", "Il capo dello Stato (v. sopra) ha firmato."),
    ("it", "Il presidente ad es. Mattarella ha firmato."),
    ("it", "Kim ha detto « Basta.\u00a0Ora si cambia » davanti ai giornalisti."),
    ("fr", "M. Dupont et Mme Martin ont rencontré Me Durand hier."),
    ("fr", "Il a dit «\u00a0Nous verrons.\u00a0Peut-être demain\u00a0», puis il est parti."),
    ("en", "Mr. and Mrs. Smith met Dr. Jones and Prof. Brown in the U.S. Senate."),
    ("en", "The budget, e.g. the defence part, rose to No. 5 on the list."),
    ("de", "Dr. Müller kam um 14.30 Uhr mit Prof. Schmidt."),
]


def _sentences(text: str, lang: str) -> list[str]:
    return [s for s, _ in split_sentences(text, lang)]


def _assert_lossless(text: str, lang: str) -> list[tuple[str, str]]:
    pairs = split_sentences(text, lang)
    assert "".join(s + sp for s, sp in pairs) == text
    for i, (sentence, space) in enumerate(pairs):
        assert not space.strip(), f"space_after must be whitespace: {space!r}"
        if i > 0:
            assert sentence and not sentence[0].isspace(), f"bad start: {sentence!r}"
    return pairs


def test_sample_lines_reproduce_gold_segments(sample_path):
    lines = [ln for ln in sample_path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    body = [ln for ln in lines if ln.strip() not in SAMPLE_CHROME]
    got = [s for line in body for s in _sentences(line, "it")]
    assert got == GOLD_SAMPLE_SEGMENTS


def test_sample_article_text_segments_match_gold(sample_path):
    from pipeline.read import parse_page

    article = parse_page(sample_path.read_text(encoding="utf-8"), "kim", "it")
    chrome_before = {b.id: [s.to_dict() for s in b.segments] for b in article.blocks if b.is_chrome}
    segment_article(article)
    assert [s.source for s in article.text_segments()] == GOLD_SAMPLE_SEGMENTS
    assert {
        b.id: [s.to_dict() for s in b.segments] for b in article.blocks if b.is_chrome
    } == chrome_before


@pytest.mark.parametrize(("lang", "text", "expected"), MUST_SPLIT)
def test_splits_at_sentence_boundaries(lang, text, expected):
    assert [s for s, _ in _assert_lossless(text, lang)] == expected


@pytest.mark.parametrize(("lang", "text"), MUST_NOT_SPLIT)
def test_does_not_split_inside_a_sentence(lang, text):
    assert [s for s, _ in _assert_lossless(text, lang)] == [text]


def test_language_selects_abbreviations():
    text = "The room No. 5 is closed."
    assert _sentences(text, "en") == [text]
    assert _sentences(text, "it") == ["The room No.", "5 is closed."]


def test_space_after_keeps_exact_whitespace():
    text = "  Primo.\u00a0 Secondo!\n\nTerzo?  \n"
    assert split_sentences(text, "it") == [
        ("  Primo.", "\u00a0 "),
        ("Secondo!", "\n\n"),
        ("Terzo?", "  \n"),
    ]


def test_empty_and_blank_text():
    assert split_sentences("", "it") == []
    assert split_sentences(" \n\t", "it") == [("", " \n\t")]


_PIECES = [
    "Il",
    "governo",
    "Sig.",
    "dott.",
    "ecc.",
    "S.p.A.",
    "U.S.",
    "J.",
    "art.",
    "n.",
    "5",
    "10.000",
    "3,5",
    "14.30",
    "È",
    "à",
    "sanzioni.",
    ".",
    "...",
    "…",
    "?",
    "!",
    "?!",
    "«",
    "»",
    "“",
    "”",
    '"',
    "'",
    "’",
    "(",
    ")",
    "-",
    "—",
    "1.",
    "www.a.it",
    "a@b.it",
    "M.",
    "Mme",
    "Mr.",
    "x",
    "",
]
_SPACES = [" ", " ", " ", "", "\u00a0", "\u202f", "\n", "\n\n", "  ", "\t", " \u00a0"]


def test_lossless_on_random_tricky_strings():
    rng = random.Random(20241128)
    for _ in range(3000):
        text = "".join(
            rng.choice(_SPACES) if i % 2 else rng.choice(_PIECES) for i in range(rng.randint(0, 40))
        )
        _assert_lossless(text, rng.choice(["it", "fr", "en", "de"]))


def test_lossless_on_every_sample_line_and_the_whole_page(sample_path):
    text = sample_path.read_text(encoding="utf-8")
    for lang in ("it", "fr", "en"):
        _assert_lossless(text, lang)
        for line in text.splitlines(keepends=True):
            _assert_lossless(line, lang)


def test_segment_article_sets_ids_and_keeps_block_text():
    article = Article(
        id="a",
        source_lang="it",
        blocks=[
            Block(id="b1", kind=TITLE, text="Titolo senza punto"),
            Block(id="b2", kind=PARAGRAPH, text="Prima frase. Seconda frase."),
            Block(
                id="b3",
                kind=CATEGORY,
                text="italie",
                segments=[Segment(id="b3.s1", source="italie", msgid="Italy")],
            ),
            Block(
                id="b4",
                kind=UI,
                text="Uno. Due.",
                segments=[Segment(id="b4.s1", source="Uno. Due.")],
            ),
        ],
    )
    assert segment_article(article) is article
    assert [(s.id, s.source, s.space_after) for s in article.blocks[1].segments] == [
        ("b2.s1", "Prima frase.", " "),
        ("b2.s2", "Seconda frase.", ""),
    ]
    assert [s.id for s in article.blocks[0].segments] == ["b1.s1"]
    assert article.blocks[2].segments[0].msgid == "Italy"
    assert [s.source for s in article.blocks[3].segments] == ["Uno. Due."]
    for block in article.blocks:
        assert "".join(s.source + s.space_after for s in block.segments) == block.text


def test_unknown_engine_is_a_config_error():
    # refused when the settings are built (issue 9.6), naming the valid engines
    with pytest.raises(ConfigError, match="must be one of mtpipe, moses, pysbd"):
        segment_article(Article(id="a", source_lang="it"), SegmentSettings(engine="nltk"))


@pytest.mark.parametrize("engine", ["moses", "pysbd"])
def test_library_engines_are_lossless(engine, sample_path):
    pytest.importorskip({"moses": "sentence_splitter", "pysbd": "pysbd"}[engine])
    split = splitter_for(engine)
    for line in sample_path.read_text(encoding="utf-8").splitlines():
        pairs = split(line, "it")
        assert "".join(s + sp for s, sp in pairs) == line


def test_library_engine_without_the_language_is_a_config_error():
    pytest.importorskip("pysbd")
    with pytest.raises(ConfigError, match="no rules for language 'xx'"):
        splitter_for("pysbd")("Uno. Due.", "xx")


def test_align_never_drops_text():
    text = "Uno due. Tre quattro."
    assert align(text, ["Uno due.", "RISCRITTO", "Tre quattro."]) == [
        ("Uno due.", " "),
        ("Tre quattro.", ""),
    ]
    assert align(text, []) == [(text, "")]


class _MeteredText(str):
    """A text that adds up the characters its slices and str methods read (``chars``).

    A splitter that reads the whole text before each full stop (``text.count("«", 0,
    pos)``, ``text[:start].split()``: the quadratic code fixed in fa3db62) reads a number
    of characters that grows with the square of the text: counted, not timed, so the
    check is exact on a loaded machine. (Regex scans with ``pos``/``endpos`` are not
    counted; the Python lines run, counted beside it, catch a Python loop that grows.)"""

    chars = 0

    def __getitem__(self, key: Any) -> str:  # type: ignore[override]
        out = str.__getitem__(self, key)
        self.chars += len(out)
        return out

    def __iter__(self) -> Any:  # type: ignore[override]
        self.chars += len(self)
        return str.__iter__(self)


def _ranged(name: str) -> Callable[..., Any]:
    """``str.name`` that counts the range it searches (``start``/``end``, else all)."""

    def method(self: _MeteredText, *args: Any) -> Any:
        self.chars += len(range(*slice(*args[1:3]).indices(len(self)))) if args[1:] else len(self)
        return getattr(str, name)(self, *args)

    return method


def _whole(name: str) -> Callable[..., Any]:
    """``str.name`` that counts the whole text: it reads (or copies) all of it."""

    def method(self: _MeteredText, *args: Any, **kwargs: Any) -> Any:
        self.chars += len(self)
        return getattr(str, name)(self, *args, **kwargs)

    return method


for _name in ("count", "find", "rfind", "index", "rindex", "startswith", "endswith"):
    setattr(_MeteredText, _name, _ranged(_name))
for _name in (
    "split", "rsplit", "splitlines", "strip", "lstrip", "rstrip", "lower", "upper",
    "casefold", "replace", "partition", "rpartition", "translate", "encode", "isalpha",
    "isspace", "islower", "isupper", "isdigit", "__contains__",
):  # fmt: skip
    setattr(_MeteredText, _name, _whole(_name))


def _work(
    texts: list[str], split: Callable[[str], object] = lambda t: split_sentences(t, "it")
) -> tuple[int, int]:
    """(characters read, Python lines run) to ``split`` each of ``texts``: both deterministic."""
    lines = 0

    def trace(frame: Any, event: str, arg: Any) -> Callable[..., Any]:
        nonlocal lines
        if event == "line":
            lines += 1
        return trace

    metered = [_MeteredText(t) for t in texts]
    previous = sys.gettrace()  # (a debugger's or coverage's tracer is put back after)
    # A garbage collection inside the traced run would count the lines of other tests'
    # finalizers (``__del__``, weakref callbacks): collect first, and none while tracing.
    gc.collect()
    gc.disable()
    sys.settrace(trace)
    try:
        for text in metered:
            split(text)
    finally:
        sys.settrace(previous)
        gc.enable()
    return sum(t.chars for t in metered), lines


def test_splitting_work_grows_linearly_with_the_text(sample_path):
    """Four times the paragraphs read four times the characters and run four times the
    lines of code, no more (nothing grows from one paragraph to the next). Counted, not
    timed (speed itself: `make bench-scaling`, bench/results/scaling.md)."""
    text = sample_path.read_text(encoding="utf-8")
    paragraphs = [ln for ln in text.splitlines() if ln.strip()]
    assert sum(len(split_sentences(p, "it")) for p in paragraphs) >= 20
    _work(paragraphs)  # caches (patterns, abbreviation lookups) warm as earlier tests left them
    chars, lines = _work(paragraphs)
    chars4, lines4 = _work(paragraphs * 4)
    assert chars4 <= 4 * chars
    assert lines4 <= 4 * lines


@pytest.mark.parametrize(
    "unit",
    [
        "Ciao.\u00a0Il sindaco. ",  # a no-break space after a full stop (« » looked up)
        "il Sig. Rossi, ",  # a title (the token before it looked up)
        "il 5 gen. Il sindaco. ",  # a title after a number
    ],
)
def test_one_long_paragraph_is_split_with_linear_work(unit):
    """Each full stop read the whole paragraph before it (counting « and », splitting it
    into words): 20,000 sentences in one paragraph took 11 s, 20,000 titles 35 s. Eight
    times the paragraph reads at most ten times the characters and runs at most ten times
    the lines (the quadratic code read 60 times as many). Counted, not timed."""
    chars, lines = _work([unit * 300])
    chars8, lines8 = _work([unit * 2400])
    assert chars8 <= 10 * chars, f"{chars8} characters read vs {chars}"
    assert lines8 <= 10 * lines, f"{lines8} lines run vs {lines}"


def _line_breaks(text: str) -> object:
    return break_starts(text, {"1"}, rules_for("it"))


@pytest.mark.parametrize(
    "paragraph",
    [
        lambda n: "Fine.<x1/>Inizio. " * n,  # the rest of the paragraph copied per <br>
        lambda n: "Fine.<x1/>Inizio.<x1/>" * n,  # no space: the token before read back
        lambda n: "detto" + " " * n + "3.<x1/>" * n,  # one token of numbers: spaces before it
        lambda n: "Fine.»</g1><x1/>" * n,  # closers and tags before each <br>
    ],
)
def test_a_paragraph_of_many_line_breaks_is_split_with_linear_work(paragraph):
    """Each ``<br>`` copied the rest of the paragraph and the whole text before it (2,400
    markers read 155M characters, 64 times what 300 read); without spaces it read back
    over the whole token. Eight times the markers read at most ten times the characters
    and run at most ten times the lines. Counted, not timed."""
    chars, lines = _work([paragraph(300)], _line_breaks)
    chars8, lines8 = _work([paragraph(2400)], _line_breaks)
    assert _line_breaks(paragraph(300))  # the breaks are found, not skipped
    assert chars8 <= 10 * chars, f"{chars8} characters read vs {chars}"
    assert lines8 <= 10 * lines, f"{lines8} lines run vs {lines}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ha parlato oggi.\u200e Poi il governo ha risposto.",
         ["Ha parlato oggi.\u200e", "Poi il governo ha risposto."]),
        ("Ieri sera.\ufeff Fine della storia.", ["Ieri sera.\ufeff", "Fine della storia."]),
        ("Ha detto oggi. \u202ePoi\u202c il governo.",
         ["Ha detto oggi.", "\u202ePoi\u202c il governo."]),
        ("Finito!\u200b\u200d «\u2067Basta\u2069», ha detto.",
         ["Finito!\u200b\u200d", "«\u2067Basta\u2069», ha detto."]),
    ],
)  # fmt: skip
def test_invisible_format_characters_at_a_sentence_end_do_not_hide_it(text, expected):
    """A directional mark, BOM or zero-width character pasted after a full stop hid the
    boundary: two sentences went to MT as one segment (no split for the aligned output)."""
    assert [s for s, _ in split_sentences(text, "it")] == expected
    assert "".join(s + a for s, a in split_sentences(text, "it")) == text


@pytest.mark.parametrize(
    "text",
    [
        "La S.p.A.\u200e ha pagato.",
        "Vedi pag.\u200e 3 del rapporto.",
        "Il \u200eSig. Rossi è qui.",
        "Ha detto oggi.\u200e poi il governo ha risposto alle domande dei giornalisti in sala.",
    ],
)
def test_invisible_format_characters_do_not_make_an_abbreviation_a_sentence_end(text):
    """The other side: the abbreviation and lower-case rules still hold through them."""
    assert len(split_sentences(text, "it")) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Il vertice è fissato per il 5 gen. Il sindaco ha parlato.",
         ["Il vertice è fissato per il 5 gen.", "Il sindaco ha parlato."]),
        ("Si vota dal 1° mar. La Regione tace.", ["Si vota dal 1° mar.", "La Regione tace."]),
        ("Costa 5 € ca. Il resto è gratis.", ["Costa 5 € ca.", "Il resto è gratis."]),
        # still one sentence: before a year, before a name, and as a title before a name
        ("Il 5 gen. 2024 si vota.", ["Il 5 gen. 2024 si vota."]),
        ("Roma, 12 mar. (ANSA) - Il sindaco parla.", ["Roma, 12 mar. (ANSA) - Il sindaco parla."]),
        ("Arriva il gen. Rossi. Poi basta.", ["Arriva il gen. Rossi.", "Poi basta."]),
        ("Lo ha detto il mar. Bianchi.", ["Lo ha detto il mar. Bianchi."]),
    ],
)  # fmt: skip
def test_a_title_abbreviation_after_a_number_can_end_the_sentence(text, expected):
    """``gen.`` and ``mar.`` are a general and a marshal before a name, and January and
    March after a day; ``ca.`` after an amount is "about". Read as titles, "il 5 gen. Il
    sindaco ..." went to MT as one sentence with the next."""
    assert [s for s, _ in _assert_lossless(text, "it")] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Informazioni al tel. 06 1234567 dalle 9 alle 18.",
        "Chiama il cell. 333 1234567 oppure scrivi.",
        "Abita in via Roma 5 int. 3 a Milano.",
        "L'incidente al km. 12 della statale.",
        "Era il sec. XIX quando fu costruito.",
        "Ha stanziato 5 mln. di euro per la scuola.",
        "Lo prevede il doc. 5 del piano.",
    ],
)
def test_an_abbreviation_before_a_number_does_not_end_the_sentence(text):
    """``tel. 06 …`` was cut in two: the list of number prefixes lacked the usual ones
    of Italian news, so a full stop before a digit ended the sentence (and ``5 mln. di
    euro`` lost its tail to the stray-fragment rule)."""
    assert [s for s, _ in _assert_lossless(text, "it")] == [text]


def test_the_same_word_after_a_number_still_ends_the_sentence():
    text = "Ha corso per 5 km. La gara è finita."
    assert [s for s, _ in _assert_lossless(text, "it")] == [
        "Ha corso per 5 km.",
        "La gara è finita.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Lo dice la sentenza della Cass. civile.",
        "Costa 5 euro al kg. più IVA.",
        "Si vota in prov. di Roma.",
    ],
)
def test_a_short_unknown_abbreviation_before_a_short_ending_stays_in_its_sentence(text):
    """The stray-fragment rule (``… internazionale. sanzioni.`` of a scraped page) cut
    these in two: an abbreviation no list knows looked like a sentence end, and the two
    or three words after it like a stray fragment. It now needs a word of five letters or
    more before the full stop; the scraped fragment is still its own segment."""
    assert [s for s, _ in _assert_lossless(text, "it")] == [text]
    stray = "Ha parlato della sicurezza internazionale. sanzioni."
    assert [s for s, _ in _assert_lossless(stray, "it")] == [
        "Ha parlato della sicurezza internazionale.",
        "sanzioni.",
    ]


def _paragraph(text: str, markup: dict) -> Article:
    block = Block(id="b1", kind=PARAGRAPH, text=text, meta={"markup": markup})
    return segment_article(Article(id="a", source_lang="it", blocks=[block]))


BR = {"tag": "br", "attrs": {}}
SPAN = {"tag": "span", "attrs": {"style": "font-weight: 400;"}}
LINK = {"tag": "a", "attrs": {"href": "https://example.org/r"}}


@pytest.mark.parametrize(
    ("text", "markup", "expected"),
    [
        # a <br> after a sentence, before the next: two sentences, the break with the first
        ("Il sindaco ha parlato.<x1/>Il governo tace.", {"1": BR},
         ["Il sindaco ha parlato.<x1/>", "Il governo tace."]),
        ("«Basta!»<x1/> Poi è uscito.", {"1": BR}, ["«Basta!»<x1/>", "Poi è uscito."]),
        # the sentence ends inside a tag closed before the break
        ("<g2>Il sindaco ha parlato.</g2><x1/>Il governo tace.", {"1": BR, "2": LINK},
         ["<g2>Il sindaco ha parlato.</g2><x1/>", "Il governo tace."]),
        # two in a row are a blank line; one before a list marker starts an item
        ("Primo<x1/><x2/>Secondo", {"1": BR, "2": BR}, ["Primo<x1/><x2/>", "Secondo"]),
        ("Ecco:<x1/>- uno<x2/>- due", {"1": BR, "2": BR}, ["Ecco:<x1/>", "- uno<x2/>", "- due"]),
        # one sentence: no punctuation, a lower-case line, a title, an image that is no break
        ("Foto di Mario Rossi<x1/>Il sindaco.", {"1": BR}, ["Foto di Mario Rossi<x1/>Il sindaco."]),
        ("Primo verso.<x1/>secondo verso.", {"1": BR}, ["Primo verso.<x1/>secondo verso."]),
        ("Il Sig.<x1/>Rossi parla.", {"1": BR}, ["Il Sig.<x1/>Rossi parla."]),
        ("Fine.<x1/>Inizio.", {"1": {"tag": "img", "attrs": {"alt": ""}}},
         ["Fine.<x1/>Inizio."]),
        # an abbreviation after a break is still one: "Tel. 06" is no sentence end
        ("Via Roma 5<x1/>Tel. 06 123456", {"1": BR}, ["Via Roma 5<x1/>Tel. 06 123456"]),
    ],
)  # fmt: skip
def test_a_line_break_tag_ends_a_sentence_as_a_line_break_does(text, markup, expected):
    """A ``<br>`` is a marker, no white space: ``Fine.<br>Inizio.`` had no sentence end
    and went to MT as one sentence, and ``Roma<br>Tel. 06`` read ``Roma<x1/>Tel`` as the
    word before the full stop (no abbreviation), cutting the phone number off."""
    article = _paragraph(text, markup)
    assert [s.source for s in article.blocks[0].segments] == expected
    assert "".join(s.source + s.space_after for s in article.blocks[0].segments) == text


@pytest.mark.parametrize(
    ("text", "markup", "expected"),
    [
        # a Google-Docs paste: the whole paragraph in one style-only span
        ("<g1>Il sindaco ha parlato. Il governo ha risposto. La riunione è finita.</g1>",
         {"1": SPAN},
         ["<g1>Il sindaco ha parlato.</g1>", "<g1>Il governo ha risposto.</g1>",
          "<g1>La riunione è finita.</g1>"]),
        # a link around part of a paragraph, across a sentence boundary
        ("Intro qui. <g1>Leggi il rapporto. Poi commenta.</g1> Fine.", {"1": LINK},
         ["Intro qui.", "<g1>Leggi il rapporto.</g1>", "<g1>Poi commenta.</g1>", "Fine."]),
        # a sentence that ends inside a tag, the next outside it: the close is no longer
        # taken for a word that hides the sentence end
        ("Testo in <g1>grassetto.</g1> Altro testo.", {"1": LINK},
         ["Testo in <g1>grassetto.</g1>", "Altro testo."]),
        # the other direction: an abbreviation before a tag, a lower-case word in a tag
        ("Vedi l'art. <g1>3</g1> del codice.", {"1": LINK},
         ["Vedi l'art. <g1>3</g1> del codice."]),
        ("Ha detto. <g1>poi</g1> è uscito dalla sala.", {"1": LINK},
         ["Ha detto. <g1>poi</g1> è uscito dalla sala."]),
    ],
)  # fmt: skip
def test_a_tag_across_sentences_gives_one_segment_per_sentence(text, markup, expected):
    """``<p><span style="font-weight: 400;">A. B. C.</span></p>`` (a WordPress or
    Google-Docs paste) was one segment for MT, a long one cut at clauses by split_long;
    each sentence now carries its own piece of the tag, joined again in the outputs."""
    article = _paragraph(text, markup)
    block = article.blocks[0]
    assert [s.source for s in block.segments] == expected
    assert "".join(s.source + s.space_after for s in block.segments) == block.text
    assert join_split(block.text) == text
    assert segment_article(article).blocks[0].segments == block.segments  # stable when rerun
