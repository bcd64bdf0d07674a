"""The protect layer: spans, placeholders, restore and repair, through the translator base."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from pipeline.document import Article, Block, Segment
from pipeline.glossary import parse_glossary
from pipeline.markup import repair
from pipeline.protect import CLOSE, OPEN, Protector, Span, is_language
from pipeline.qa import run_qa
from pipeline.translate import translate_article

GLOSSARY = parse_glossary(
    {
        "dnt": {"terms": ["KCNA", "AFP"]},
        "terms": {
            "it-en": {"Corea del Nord": "North Korea", "Corea": "Korea", "ONU": "UN"},
            "it-fr": {"Corea del Nord": "Corée du Nord"},
        },
    }
)
SPECIALS = ["</s>", "<pad>", "<unk>"]


def spans(text: str, tgt: str = "en") -> list[tuple[str, str, str]]:
    protector = Protector(GLOSSARY, "it", tgt, SPECIALS)
    return [(s.kind, s.text, s.target) for s in protector.spans(text)]


def test_urls_emails_handles_hashtags_are_found_without_trailing_punctuation():
    text = "Vedi https://example.org/a_(b); scrivi a red@example.it o @kcna_watch #Pyongyang."
    assert spans(text) == [
        ("url", "https://example.org/a_(b)", "https://example.org/a_(b)"),
        ("email", "red@example.it", "red@example.it"),
        ("handle", "@kcna_watch", "@kcna_watch"),
        ("hashtag", "#Pyongyang", "#Pyongyang"),
    ]


def test_a_number_sign_before_digits_is_not_a_hashtag():
    assert spans("Il #1 della classifica") == []


def test_terms_match_at_word_boundaries_longest_first_and_once():
    found = spans("La Corea del Nord e la Corea; Coreani e KCNAX no.")
    assert found == [
        ("term", "Corea del Nord", "North Korea"),
        ("term", "Corea", "Korea"),
    ]


def test_italian_elision_and_case_are_handled():
    assert spans("l'ONU e dell'Onu, COREA DEL NORD") == [
        ("term", "ONU", "UN"),
        ("term", "Onu", "UN"),
        ("term", "COREA DEL NORD", "NORTH KOREA"),
    ]


@pytest.mark.parametrize("apostrophe", ["'", "\u2019", "\u02bc", "\u2018"])
def test_a_term_with_an_apostrophe_matches_however_the_text_writes_it(apostrophe):
    """Italian news writes ``d’Italia`` with a typographic apostrophe; a glossary entry
    written ``d'Italia`` (or the other way round) was never found: the party's name went
    to MT ("Brothers of Italy") and a required translation was not applied."""
    glossary = parse_glossary(
        {
            "dnt": {"terms": ["Fratelli d'Italia"]},
            "terms": {"it-en": {"Costa d\u2019Avorio": "Ivory Coast"}},
        }
    )
    protector = Protector(glossary, "it", "en", SPECIALS)
    text = f"Fratelli d{apostrophe}Italia e la Costa d{apostrophe}Avorio."
    found = [(s.kind, s.text, s.target) for s in protector.spans(text)]
    party = f"Fratelli d{apostrophe}Italia"
    assert found == [("dnt", party, party), ("term", f"Costa d{apostrophe}Avorio", "Ivory Coast")]
    digest = glossary.matched_digest([text], "it", ["en"])
    assert digest != parse_glossary({"dnt": {"terms": ["AFP"]}}).matched_digest(
        [text], "it", ["en"]
    )
    assert digest == glossary.matched_digest(
        ["Fratelli d'Italia e la Costa d'Avorio."], "it", ["en"]
    )


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "  "])
def test_a_term_matches_across_a_no_break_space(space):
    """A CMS writes ``Corea del&nbsp;Nord`` so the name does not break over two lines: the
    required translation was not applied."""
    assert spans(f"La Corea del{space}Nord e l'ONU.") == [
        ("term", f"Corea del{space}Nord", "North Korea"),
        ("term", "ONU", "UN"),
    ]
    glossary = GLOSSARY
    assert glossary.matched_digest([f"Corea del{space}Nord"], "it", ["en"]) == (
        glossary.matched_digest(["Corea del Nord"], "it", ["en"])
    )


def test_required_terms_are_per_language_pair():
    assert spans("la Corea del Nord", "fr") == [("term", "Corea del Nord", "Corée du Nord")]


def test_dnt_terms_match_case_sensitively():
    assert spans("Secondo l'AFP e la afp") == [("dnt", "AFP", "AFP")]


def test_a_dnt_term_inside_a_url_is_part_of_the_url():
    assert spans("https://www.afp.com/AFP/x") == [
        ("url", "https://www.afp.com/AFP/x", "https://www.afp.com/AFP/x")
    ]


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("Lo conferma corriere.it/cronache/roma.", "corriere.it/cronache/roma"),
        ("La pagina it.wikipedia.org/wiki/Roma_(città), poi", "it.wikipedia.org/wiki/Roma_(città)"),
        ("il link bit.ly/3xYz9 e", "bit.ly/3xYz9"),  # a short link is case-sensitive
        ("Vedi AFP.COM/sport oggi", "AFP.COM/sport"),  # the dnt term not matched inside
        ("da t.co/AbC e", "t.co/AbC"),
    ],
)
def test_a_web_address_without_scheme_is_a_url_when_a_known_tld_has_a_path(text, url):
    """Was: sent to the model as words (``BIT.LY/3XYZ9``), a dnt term matched inside it."""
    assert spans(text) == [("url", url, url)]


@pytest.mark.parametrize(
    "text",
    [
        "Era la fine.Poi il resto",  # a full stop with no space
        "Libri, dischi ecc.it è",  # an abbreviation, no path
        "Lo riporta repubblica.it oggi",  # a domain with no path stays text
        "la S.p.A./srl e km/h",
        "l'art.5/bis e dott.ssa/sig.ra",  # abbreviations, no TLD
        "il file.pdf/x e nel 2024/25",
        "scrivi a mario@corriere.it/x",  # not after an at sign
    ],
)
def test_words_with_a_dot_and_a_slash_that_are_no_web_address_stay_text(text):
    assert [s for s in spans(text) if s[0] == "url"] == []


def test_special_token_and_placeholder_look_alikes_are_protected():
    assert spans("un tag </s> e <pad> e Z1X") == [
        ("special", "</s>", "</s>"),
        ("special", "<pad>", "<pad>"),
        ("literal", "Z1X", "Z1X"),
    ]


@pytest.mark.parametrize("text", ["* * *", "—", "...", "2024", "1-0", "  ", "10.000 €"])
def test_text_without_letters_is_not_language(text):
    assert not is_language(text)


@pytest.mark.parametrize("text", ["Roma", "è", "2024 AD", "Ωμέγα"])
def test_text_with_letters_is_language(text):
    assert is_language(text)


SOURCE = "Secondo la KCNA, la Corea del Nord ha lanciato un missile, https://x.org/a."


def restore(output_of):
    protected = Protector(GLOSSARY, "it", "en", SPECIALS).protect(SOURCE)
    assert protected.text == "Secondo la Z1X, la Z2X ha lanciato un missile, Z3X."
    return protected.restore(output_of(protected.text))


def test_restore_puts_spans_back_when_the_model_keeps_placeholders():
    text, problems = restore(lambda t: "According to Z1X, Z2X launched a missile, Z3X.")
    assert text == "According to KCNA, North Korea launched a missile, https://x.org/a."
    assert problems == []


def test_restore_reads_spaced_and_lowercased_placeholders():
    text, problems = restore(lambda t: "According to z1x, Z 2 X launched a missile, Z3 X.")
    assert text == "According to KCNA, North Korea launched a missile, https://x.org/a."
    assert problems == []


def test_reordered_placeholders_are_not_a_problem():
    text, problems = restore(lambda t: "Z3X: Z2X launched a missile, says Z1X.")
    assert text == "https://x.org/a: North Korea launched a missile, says KCNA."
    assert problems == []


def test_duplicated_placeholder_keeps_the_first_and_is_reported():
    text, problems = restore(lambda t: "Z1X Z1X says Z2X launched a missile, Z3X.")
    assert text == "KCNA says North Korea launched a missile, https://x.org/a."
    assert [(p.kind, p.span.text) for p in problems] == [("duplicated", "KCNA")]


def test_dropped_placeholder_is_reinserted_and_reported():
    text, problems = restore(lambda t: "According to Z1X, Z2X launched a missile.")
    assert text == "According to KCNA, North Korea launched a missile https://x.org/a."
    assert [(p.kind, p.span.text) for p in problems] == [("dropped", "https://x.org/a")]
    assert "https://x.org/a" in problems[0].note()


def test_unknown_placeholder_is_removed_and_reported():
    text, problems = restore(lambda t: "Z1X: Z2X launched Z7X a missile, Z3X.")
    assert text == "KCNA: North Korea launched a missile, https://x.org/a."
    assert [(p.kind, p.token) for p in problems] == [("unknown", "Z7X")]


def test_span_text_written_by_the_model_counts_as_kept():
    text, problems = restore(lambda t: "KCNA says North Korea launched a missile, Z3X.")
    assert text == "KCNA says North Korea launched a missile, https://x.org/a."
    assert problems == []


def test_term_at_the_start_of_the_target_is_capitalised():
    g = parse_glossary({"terms": {"it-en": {"presidente del consiglio": "prime minister"}}})
    protected = Protector(g, "it", "en").protect("Il presidente del consiglio parla.")
    assert protected.restore("Z1X speaks.")[0] == "Prime minister speaks."
    assert protected.restore("The Z1X speaks.")[0] == "The prime minister speaks."


def tag_spans(text: str) -> list[Span]:
    """Inline tags as a reader of marked-up text hands them in."""
    out = []
    for m in re.finditer(r"</?b>", text):
        role = CLOSE if m.group(0).startswith("</") else OPEN
        out.append(Span(m.start(), m.end(), "tag", m.group(0), m.group(0), role, pair=1))
    return out


def test_paired_tags_crossed_by_the_model_are_put_back_in_order():
    source = "Il <b>missile</b> della KCNA."
    protected = Protector(GLOSSARY, "it", "en").protect(source, tag_spans(source))
    assert protected.text == "Il Z1XmissileZ2X della Z3X."
    text, problems = protected.restore("The Z2XmissileZ1X of Z3X.")
    assert text == "The <b>missile</b> of KCNA."
    assert [p.kind for p in problems] == ["order"]


def test_dropped_tag_pair_goes_back_around_its_own_words():
    source = "Il <b>missile</b> lanciato."
    protected = Protector(GLOSSARY, "it", "en").protect(source, tag_spans(source))
    text, problems = protected.restore("The missile launched.")
    assert text == "The <b>missile</b> launched."
    assert sorted(p.kind for p in problems) == ["dropped", "dropped"]


# Two sibling links, as the WordPress reader hands them in (markers, see pipeline.markup).
LINKS = "<g1>Gullfoss</g1> è una delle più popolari <g2>attrazioni dell'Islanda</g2>."


def _pairs(text: str) -> list[tuple[str, str]]:
    """``(id, words inside)`` of each ``<gN>...</gN>``, or AssertionError if nested/unbalanced."""
    out, open_now = [], None
    for m in re.finditer(r"<(/?)g(\d+)>", text):
        if not m.group(1):
            assert open_now is None, f"g{m.group(2)} opened inside g{open_now[0]}: {text}"
            open_now = (m.group(2), m.end())
        else:
            assert open_now and open_now[0] == m.group(2), text
            out.append((m.group(2), text[open_now[1] : m.start()].strip()))
            open_now = None
    assert open_now is None, text
    return out


@pytest.mark.parametrize(
    ("output", "want"),
    [
        (  # the model wrote the words of both links: each link goes back around its own
            "Gullfoss is one of the most popular attrazioni dell'Islanda.",
            [("1", "Gullfoss"), ("2", "attrazioni dell'Islanda")],
        ),
        (  # translated words: the first link at the place it had in the source, the
            # second around the cognate of its words (Islanda ~ Iceland)
            "Waterfall is one of the most popular tourist sights of Iceland.",
            [("1", "Waterfall"), ("2", "Iceland")],
        ),
    ],
)
def test_two_dropped_links_come_back_side_by_side_never_nested(output, want):
    protected = Protector().protect(LINKS)
    text, problems = protected.restore(output)
    (one, words_one), (two, words_two) = _pairs(text)
    assert (one, words_one) == want[0] and two == want[1][0]
    # the second link ends where its words end and holds none of the words before it
    assert words_two.endswith(want[1][1].lstrip(".")) and "popular" not in words_two
    assert sorted(p.token for p in problems) == ["Z1X", "Z2X", "Z3X", "Z4X"]
    assert {p.kind for p in problems} == {"dropped"}


def test_dropped_link_never_goes_inside_a_kept_link_the_source_did_not_nest_it_in():
    protected = Protector().protect(LINKS)
    text, problems = protected.restore("Z1XGullfoss is one of the most popular sights.Z2X")
    # the kept link holds the whole output: no free words are left for the lost one, so it
    # is left out and reported; its Italian text is never put into the English target
    assert _pairs(text) == [("1", "Gullfoss is one of the most popular sights.")]
    assert "Islanda" not in text and "attrazioni" not in text
    assert ("unplaced", "Z3X") in {(p.kind, p.token) for p in problems}


@pytest.mark.parametrize("drop", range(1, 16), ids=lambda d: f"drop{d:04b}")
def test_any_dropped_halves_of_two_links_give_two_sibling_links(drop):
    protected = Protector().protect(LINKS)
    output = "Z1XGullfossZ2X is one of the most popular Z3Xsights of IcelandZ4X."
    for n in range(1, 5):
        if drop & (1 << (n - 1)):
            output = output.replace(f"Z{n}X", "")
    text, problems = protected.restore(output)
    got = _pairs(text)
    assert [mid for mid, _ in got] == ["1", "2"] and all(words for _, words in got)
    assert len(problems) == bin(drop).count("1")


def test_dropped_pairs_keep_the_nesting_the_source_had():
    protected = Protector().protect("Il <g1>rapporto <g2>ONU</g2></g1> è uscito.")
    text, _ = protected.restore("The UN report is out.")
    assert re.fullmatch(r"The [^<]*<g1>[^<]*<g2>[^<]+</g2>[^<]*</g1>[^<]*", text), text


def test_placeholders_spaced_twice_or_zero_padded_are_read_back():
    text, problems = restore(lambda t: "According to Z  1  X, Z02X launched a missile, z 3 x.")
    assert text == "According to KCNA, North Korea launched a missile, https://x.org/a."
    assert problems == []


def _link_words(text: str) -> dict[str, str]:
    return dict(_pairs(text))  # AssertionError when a pair is nested or unbalanced


@pytest.mark.parametrize(
    ("output", "why"),
    [
        ("Z1XGullfoss is Z3Xone Z2Xof the sightsZ4X.", "crossed"),
        ("Z1XGullfoss is Z3Xone of the sightsZ4XZ2X.", "nested"),
        ("Z1XZ2X Gullfoss is one of the Z3Xsights of IcelandZ4X.", "empty"),
        ("Z1X Z2X Gullfoss is one of the Z3X. Z4Xsights.", "empty"),
        ("Z1XZ2X Z1XGullfossZ2X is one of the Z3Xsights of IcelandZ4X.", "empty"),
    ],
    ids=["crossed", "link-in-link", "empty", "punctuation-only", "duplicated-empty-first"],
)
def test_misplaced_links_come_back_as_two_sibling_links_around_words(output, why):
    text, problems = Protector().protect(LINKS).restore(output)
    words = _link_words(text)
    assert sorted(words) == ["1", "2"], text
    assert all(re.search(r"[^\W\d_]", w) for w in words.values()), text  # letters in each
    assert words["1"] == "Gullfoss"  # the name the source linked, where the model wrote it
    assert why in {p.kind for p in problems}
    kept = re.sub(r"\s|</?g\d>", "", text)  # every character of the output, nothing added
    assert kept == re.sub(r"\s|Z\d+X", "", output)


def test_bold_the_model_dropped_inside_a_link_goes_back_inside_it():
    protected = Protector().protect("Leggi <g1>il <g2>rapporto</g2> ONU</g1> oggi.")
    text, problems = protected.restore("Read Z1Xthe UN reportZ2X today.")
    assert re.fullmatch(r"Read <g1>[^<]*<g2>\w[^<]*</g2>[^<]*</g1> today\.", text), text
    assert sorted(p.token for p in problems) == ["Z3X", "Z4X"]


@pytest.mark.parametrize(
    "output",
    [
        "See the note and the site.",  # the symbol is lost: copied back, never around a word
        "See the note* and the site.",  # the model wrote it: wrapped where it stands
        "See the note Z1XZ2X and the Z3XsiteZ4X.",
    ],
)
def test_a_pair_around_symbols_only_is_never_put_around_words(output):
    protected = Protector().protect("Vedi la nota<g1>*</g1> e il <g2>sito</g2>.")
    text, _ = protected.restore(output)
    assert _link_words(text) == {"1": "*", "2": "site"}, text
    assert text.count("*") == 1


def test_a_placeholder_invented_in_a_segment_without_spans_is_removed_and_reported():
    text, problems = Protector().protect("Il fiume scorre a sud.").restore("The river Z1X flows.")
    assert text == "The river flows."
    assert [(p.kind, p.token) for p in problems] == [("unknown", "Z1X")]


def test_a_link_the_model_put_around_a_standalone_tag_only_is_placed_again():
    protected = Protector().protect("Leggi <g1>il rapporto</g1>.<x2/>Poi esci.")
    text, problems = protected.restore("Read the Z1X Z3X Z2X report. Then leave.")
    inner = re.search(r"<g1>(.*?)</g1>", text)
    assert inner and re.search(r"\w", re.sub(r"<[^>]+>", "", inner[1])), text
    assert text.count("<x2/>") == 1
    assert "empty" in {p.kind for p in problems}


def test_a_link_around_an_image_as_in_the_source_is_kept():
    protected = Protector().protect("Vedi <g1><x2/></g1> qui.")
    assert protected.restore("See Z1XZ2XZ3X here.") == ("See <g1><x2/></g1> here.", [])


def test_a_lost_link_goes_around_the_cognates_of_its_words_where_the_model_moved_them():
    text, _ = (
        Protector()
        .protect(LINKS)
        .restore("In Iceland, tourist attractions such as Gullfoss are very popular.")
    )
    words = _link_words(text)
    assert words["1"] == "Gullfoss"
    assert "Iceland" in words["2"] and "attractions" in words["2"], text
    assert "popular" not in words["2"] and "Gullfoss" not in words["2"]


@pytest.mark.parametrize("output", ["Popular.", "It is popular.", "Z1X Z2X It is popular."])
def test_links_in_a_far_too_short_output_are_left_out_and_reported_not_guessed(output):
    text, problems = Protector().protect(LINKS).restore(output)
    assert re.sub(r"\s", "", text) == re.sub(r"\s|Z\dX", "", output)  # the words, no markup
    assert {(p.kind, p.token) for p in problems if p.kind == "unplaced"} == {
        ("unplaced", "Z1X"),
        ("unplaced", "Z3X"),
    }
    assert not any(p.kind == "dropped" and p.token in ("Z1X", "Z3X") for p in problems)
    assert "restore it by hand" in next(p for p in problems if p.kind == "unplaced").note()


def test_a_paragraph_of_many_dropped_sibling_pairs_gives_each_its_own_word():
    """A tag cloud of 120 bold words, all lost (the search for a legal stretch bisects;
    it tested every pair of boundaries and took minutes for a few hundred pairs)."""
    n = 120
    source = " ".join(f"<g{i}>parola</g{i}>" for i in range(1, n + 1)) + "."
    text, problems = Protector().protect(source).restore(" ".join(["word"] * n) + ".")
    assert re.fullmatch(r"(<g(\d+)>word</g\2> )*<g\d+>word</g\d+>\.", text), text[:200]
    assert [int(i) for i in re.findall(r"<g(\d+)>", text)] == list(range(1, n + 1))
    assert len(problems) == 2 * n


# -- through the shared translator base, with a fake backend ------------------


def article(*texts: str) -> Article:
    blocks = []
    for i, text in enumerate(texts, 1):
        blocks.append(
            Block(id=f"b{i}", kind="paragraph", text=text, segments=[Segment(f"b{i}.s1", text)])
        )
    return Article(id="a", source_lang="it", blocks=blocks)


def test_text_without_language_is_copied_and_never_sent_to_the_model(fake_backend):
    backend = fake_backend(lambda t: t.upper(), GLOSSARY)
    doc = translate_article(article("* * *", "2024", "1-0", "Una frase."), {"en": backend})
    assert backend.inputs == ["Una frase."]
    got = {
        s.source: (s.translations["en"].text, s.translations["en"].origin) for s in doc.segments()
    }
    assert got["* * *"] == ("* * *", "copy")
    assert got["1-0"] == ("1-0", "copy")
    assert got["Una frase."] == ("UNA FRASE.", "mt")
    assert doc.segments()[0].protected[0].kind == "nonlanguage"


def test_a_segment_of_protected_spans_only_is_not_sent_to_the_model(fake_backend):
    backend = fake_backend(lambda t: "noise", GLOSSARY)
    doc = translate_article(article("https://x.org/a — AFP"), {"en": backend})
    assert backend.inputs == []
    assert doc.segments()[0].translations["en"].text == "https://x.org/a — AFP"


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: "The missile was launched.",  # drops every placeholder
        lambda t: t + " " + t,  # duplicates them
        lambda t: " ".join(reversed(t.split())),  # reorders them
        lambda t: t.replace("Z", "z ").replace("X", " x"),  # mangles their spelling
    ],
    ids=["drop", "duplicate", "reorder", "mangle"],
)
def test_protected_spans_survive_whatever_the_model_does(fake_backend, mangle):
    backend = fake_backend(mangle, GLOSSARY)
    doc = translate_article(article(SOURCE, "Foto: AFP."), {"en": backend})
    first, caption = (s.translations["en"].text for s in doc.segments())
    for kept in ("KCNA", "North Korea", "https://x.org/a"):
        assert first.count(kept) == 1, (kept, first)
    assert "AFP" in caption
    assert "</s>" not in "".join(backend.inputs)


@pytest.mark.parametrize(
    ("mangle", "kind"),
    [
        (lambda t: t.replace("Z3X", ""), "dropped"),
        (lambda t: t.replace("Z3X", "Z3X Z3X"), "repeated"),
        (lambda t: t.replace("Z3X", "Z9X"), "invented"),
    ],
)
def test_every_repair_is_an_error_finding_naming_the_span(fake_backend, mangle, kind):
    doc = translate_article(article(SOURCE), {"en": fake_backend(mangle, GLOSSARY)})
    tr = doc.segments()[0].translations["en"]
    assert "https://x.org/a" in tr.text
    run_qa(doc)
    found = [f for f in doc.segments()[0].findings if f.check == "placeholder_repair"]
    assert found and {f.severity for f in found} == {"error"}
    assert any(kind in f.message for f in found)
    if kind != "invented":
        assert any("https://x.org/a" in f.message for f in found)


def test_repaired_translations_are_stored_with_their_repairs(fake_backend, tmp_path):
    from pipeline.memory import TranslationMemory

    memory = TranslationMemory(tmp_path / "tm.sqlite")
    drop = fake_backend(lambda t: t.replace("Z3X", ""), GLOSSARY)
    first = translate_article(article(SOURCE, "Una frase."), {"en": drop}, memory)
    again = fake_backend(lambda t: t.replace("Z3X", ""), GLOSSARY)
    doc = translate_article(article(SOURCE, "Una frase."), {"en": again}, memory)
    assert again.inputs == []  # served from the memory, repaired output included
    before, after = first.segments()[0], doc.segments()[0]
    assert after.translations["en"].origin == "memory"
    assert after.translations["en"].text == before.translations["en"].text
    assert after.translations["en"].edits == before.translations["en"].edits != []
    assert after.findings == before.findings  # the repair is an error finding again


def test_protected_spans_are_recorded_per_segment_and_language(fake_backend):
    doc = article("La Corea del Nord, https://x.org/a")
    translate_article(doc, {"en": fake_backend(str, GLOSSARY, "it-en")})
    translate_article(doc, {"fr": fake_backend(str, GLOSSARY, "it-fr")})
    recorded = [p.to_dict() for p in doc.segments()[0].protected]
    assert recorded == [
        {"span": [3, 17], "kind": "term", "targets": {"en": "North Korea", "fr": "Corée du Nord"}},
        {
            "span": [19, 34],
            "kind": "url",
            "targets": {"en": "https://x.org/a", "fr": "https://x.org/a"},
        },
    ]
    assert Article.from_dict(doc.to_dict()).segments()[0].protected == doc.segments()[0].protected


def test_glossary_digest_is_part_of_the_memory_key(fake_backend):
    from pipeline.translate import decoding_key

    other = parse_glossary({"terms": {"it-en": {"Corea del Nord": "DPRK"}}})
    a = decoding_key(fake_backend(str, GLOSSARY).signature())
    b = decoding_key(fake_backend(str, other).signature())
    c = decoding_key(fake_backend(str, GLOSSARY, "it-en").signature())
    assert a != b and a == c


# -- with the tiny Marian model (its output is noise) ---------------------------


def test_model_input_has_one_end_of_sentence_id_at_the_end(tiny_models):
    from pipeline.config import TranslateSettings
    from pipeline.translate import load_translator

    tr = load_translator("it-en", TranslateSettings(num_beams=1), tiny_models["it-en"])
    tr.load()
    eos = tr.tokenizer.eos_token_id
    specials = tr.special_tokens()
    assert {"</s>", "<unk>", "<pad>"} <= set(specials)
    text = "Un articolo su HTML: " + " e ".join(specials) + " chiudono la frase."
    prepared = tr.protect_all([text])[text]
    (ids,) = tr._encode([prepared.text])
    assert ids.count(eos) == 1 and ids[-1] == eos
    assert tr.tokenizer.pad_token_id not in ids
    (out,) = tr.translate([text])
    assert all(out.count(t) == 1 for t in specials), out


def test_sample_keeps_dnt_terms_verbatim_in_every_language(sample_translation):
    """On the session's greedy en + fr run of the sample (conftest ``sample_translation``)."""
    import json

    out = sample_translation
    doc = json.loads((out / "kim-belousov.json").read_text(encoding="utf-8"))
    source = "".join(b["text"] for b in doc["blocks"] if b["kind"] != "ui")
    for lang in ("en", "fr"):
        text = (out / f"kim-belousov.{lang}.txt").read_text(encoding="utf-8")
        for term in ("KCNA", "AFP"):
            assert text.count(term) >= source.count(term) > 0, (lang, term)
    checks = [f for b in doc["blocks"] for s in b["segments"] for f in s["findings"]]
    assert not [f for f in checks if f["check"] == "dnt"]
    aligned = (out / "kim-belousov.aligned.jsonl").read_text(encoding="utf-8")
    kinds = {
        p["kind"] for line in aligned.splitlines() for p in json.loads(line).get("protected", [])
    }
    assert "dnt" in kinds


def test_qa_flags_a_url_missing_from_a_target_made_elsewhere():
    from pipeline.qa.pair import check_pair

    src = "Il rapporto è su https://x.org/r e scrivete a red@x.it."
    bad = check_pair(src, "The report is online, write to red@x.it.", "it", "en")
    good = check_pair(src, "The report is at https://x.org/r, write to red@x.it.", "it", "en")
    assert [f.message for f in bad if f.check == "protected"] == [
        "protected span 'https://x.org/r' is not in the target verbatim"
    ]
    assert not [f for f in good if f.check == "protected"]


def test_editing_the_glossary_redoes_exactly_the_articles_it_affects(tmp_path, tiny_models):
    from pipeline.config import load_config
    from pipeline.run import translate_files

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "nord.txt").write_text(
        "Missile\n\nLa Corea del Nord ha lanciato un missile.\n", encoding="utf-8"
    )
    (tmp_path / "in" / "borsa.txt").write_text(
        "Borsa\n\nLa Borsa di Praga ha chiuso in calo.\n", encoding="utf-8"
    )
    glossary = tmp_path / "g.toml"

    def run(terms: str, extra_dnt: str = ""):
        glossary.write_text(
            f'[dnt]\nterms = ["KCNA"{extra_dnt}]\n[terms.it-en]\n{terms}\n', encoding="utf-8"
        )
        cfg = load_config(
            None,
            {
                "translate.num_beams": 1,
                "translate.targets": ("en",),
                "memory.path": str(tmp_path / "tm.sqlite"),
                "qa.glossary": str(glossary),
            },
        )
        report = translate_files(
            [tmp_path / "in"], cfg, tmp_path / "out", model_dirs=tiny_models, log=lambda m: None
        )
        return {Path(r.path).stem: r.status for r in report.results}

    assert set(run('"Corea del Nord" = "North Korea"').values()) == {"translated"}
    assert run('"Corea del Nord" = "North Korea"', ', "Reuters"') == {
        "borsa": "up-to-date",
        "nord": "up-to-date",
    }
    assert run('"Corea del Nord" = "DPRK"', ', "Reuters"') == {
        "borsa": "up-to-date",
        "nord": "translated",
    }
    en = (tmp_path / "out" / "nord.en.txt").read_text(encoding="utf-8")
    assert "DPRK" in en and "North Korea" not in en


def test_inline_html_tags_keep_attributes_out_of_the_model_and_pair_up():
    source = (
        'Il <a href="https://x.org/r">rapporto</a> dice <b>che <i>sì</i></b>.<br> '
        "<code>ls -l</code>"
    )
    protected = Protector(GLOSSARY, "it", "en").protect(source)
    assert protected.text == "Il Z1XrapportoZ2X dice Z3Xche Z4XsìZ5XZ6X.Z7X Z8X"
    roles = [(s.text, s.role) for s in protected.spans]
    assert roles == [
        ('<a href="https://x.org/r">', "open"),
        ("</a>", "close"),
        ("<b>", "open"),
        ("<i>", "open"),
        ("</i>", "close"),
        ("</b>", "close"),
        ("<br>", "atomic"),
        ("<code>ls -l</code>", "atomic"),
    ]
    pairs = {s.text: s.pair for s in protected.spans}
    assert pairs["<b>"] == pairs["</b>"] != pairs["<i>"] == pairs["</i>"]
    text, problems = protected.restore("The Z1XreportZ2X says Z3Xthat Z4XyesZ5XZ6X.Z7X Z8X")
    assert text == (
        'The <a href="https://x.org/r">report</a> says <b>that <i>yes</i></b>.<br> '
        "<code>ls -l</code>"
    )
    assert problems == []


@pytest.mark.parametrize(
    ("source", "output", "restored"),
    [
        ("Nel 2023 la CO<g1>2</g1> è calata.", "In 2023 carbon dioxide fell.", None),
        ("Nel 2023 la CO<g1>2</g1> è calata.", "In 2023 CO2 fell.", "In 2023 CO<g1>2</g1> fell."),
        ("Salì del 12 per cento.<g1>1</g1>", "It rose by 12%.", "It rose by 12%.<g1>1</g1>"),
    ],
    ids=["token-gone", "token-kept", "footnote"],
)
def test_restore_never_puts_a_lost_symbol_pair_inside_a_number(source, output, restored):
    text, problems = Protector().protect(source).restore(output)
    assert text == (restored or output)  # 2023 and 12 intact; left out when no place
    assert ("unplaced" in {p.kind for p in problems}) == (restored is None)


def test_restore_finds_a_lost_link_by_whole_words_only():
    text, _ = (
        Protector().protect("A Venezia l'<g1>Eni</g1> ha aperto.").restore("In Venice, Eni opened.")
    )
    assert dict(_pairs(text)) == {"1": "Eni"}


def test_restore_puts_a_lost_link_around_the_image_it_held():
    protected = Protector().protect("Guarda la foto <g1><x2/></g1> del ponte.")
    text, problems = protected.restore("Look at the photo Z2X of the bridge.")
    assert text == "Look at the photo <g1><x2/></g1> of the bridge."
    assert {p.kind for p in problems} == {"dropped"}


def test_restore_takes_a_symbol_pair_out_of_a_number_the_model_put_it_in():
    protected = Protector().protect("Nel 2023 la CO<g1>2</g1> calò.")
    text, problems = protected.restore("In 20Z1X2Z2X3 CO2 fell.")
    assert text == "In 2023 CO<g1>2</g1> fell."
    assert [p.kind for p in problems] == ["split"]
    kept, problems = (
        Protector().protect("Del 12 per cento<g1>1</g1>.").restore("By 12 percentZ1X1Z2X.")
    )
    assert (kept, problems) == ("By 12 percent<g1>1</g1>.", [])


@pytest.mark.parametrize(
    ("source", "output", "restored"),
    [
        ("Scrivi a @eni oggi.", "Write to @enix today.", "Write to @eni @enix today."),
        ("Leggi https://x.org/a oggi.", "Read https://x.org/ab today.", None),
        ("Scrivi a @eni oggi.", "Write to @eni today.", "Write to @eni today."),
    ],
    ids=["handle-in-longer-handle", "url-in-longer-url", "written-whole"],
)
def test_a_dropped_span_counts_as_written_by_the_model_only_as_a_whole_word(
    source, output, restored
):
    text, problems = Protector().protect(source).restore(output)
    lost = restored != output
    assert [p.kind for p in problems] == (["dropped"] if lost else [])
    assert text == restored or (restored is None and text.split().count("https://x.org/a") == 1)


@pytest.mark.parametrize(
    ("source", "output"),
    [
        # the model crossed pairs around numbers: the digit between two markers is text,
        # never read as a marker's number (was: IndexError, the whole run stopped)
        ("A (CO<g1>2</g1>) b <g2>c</g2> d.", "A (COZ4X2Z3X) B Z2XCZ1X D."),
        (
            "La CO<g1>2</g1> a 10<g2>6</g2> tonnellate, il <g3>professor <g4>Rossi</g4></g3>.",
            "The COZ8X2Z7X at 10Z6X6Z5X tons, the Z4XprofessorZ3X RossiZ2XZ1X.",
        ),
        ("Il 2<g1>2</g1> e 3<g2>3</g2> sono 4.", "The 2Z2X2Z1X and 3Z4X3Z3X are 4."),
    ],
    ids=["two-pairs", "reversed-all", "digits-around"],
)
def test_digits_between_crossed_markers_are_text_not_markers(source, output):
    text, problems = Protector().protect(source).restore(output)
    kept = re.findall(r"</?g\d+>", text)
    assert all(kept.count(t) == 1 for t in kept), text  # never a tag written twice
    words = re.sub(r"</?g\d+>", "", text)
    assert re.sub(r"Z\d+X", "", output).split()[0] in words  # the model's text is there
    assert problems  # each repair reported


def test_a_pair_around_a_digit_keeps_its_digit_when_put_back_in_order():
    text, problems = (
        Protector()
        .protect("A (CO<g1>2</g1>) b <g2>c</g2> d.")
        .restore("A (COZ4X2Z3X) B Z2XCZ1X D.")
    )
    assert "(CO" in text and "2" in re.sub(r"</?g\d+>", "", text.split(")")[0])
    assert "<g2>1</g2>" not in text  # a marker's number never becomes the text


@pytest.mark.parametrize("mark", ["\u0301", "\u0332", "\u20dd", "\ufe0f"])
def test_no_span_ends_inside_a_grapheme_cluster(mark):
    """A combining mark NFC leaves decomposed (no precomposed form), a variation selector
    or a zero-width joiner is not ``\\w``: a term, hashtag or handle ended before it, and
    the mark was left alone outside the placeholder, where MT drops it (text lost)."""
    text = f"La Corea del Nord{mark} e KCNA{mark} oggi, #Pyongyang{mark} e @kcna{mark}."
    found = spans(text)
    assert ("hashtag", f"#Pyongyang{mark}", f"#Pyongyang{mark}") in found
    assert ("handle", f"@kcna{mark}", f"@kcna{mark}") in found
    assert [s for s in found if s[0] in ("term", "dnt")] == [("term", "Corea", "Korea")]
    protector = Protector(GLOSSARY, "it", "en", SPECIALS)
    for span in protector.spans(text):
        assert text[span.end : span.end + 1] != mark, span


@pytest.mark.parametrize("mark", ["\u200d", "\u034f"], ids=["zwj", "cgj"])
def test_a_joiner_after_a_term_hides_it_no_more(mark):
    """The other side: a ZWJ or CGJ after a Latin word joins nothing and never reaches the
    model (see ``spans.IGNORABLE``): the term is matched as the model sees it, the joiner
    left in the source; a hashtag or handle still takes it."""
    text = f"La Corea del Nord{mark} e KCNA{mark} oggi, #Pyongyang{mark} e @kcna{mark}."
    found = spans(text)
    assert ("term", "Corea del Nord", "North Korea") in found and ("dnt", "KCNA", "KCNA") in found
    assert ("hashtag", f"#Pyongyang{mark}", f"#Pyongyang{mark}") in found
    protected = Protector(GLOSSARY, "it", "en", SPECIALS).protect(text)
    assert protected.text == "La Z1X e Z2X oggi, Z3X e Z4X."


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("La Co\u00adrea del Nord e la KC\u200bNA.",
         [("term", "Co\u00adrea del Nord", "North Korea"), ("dnt", "KC\u200bNA", "KC\u200bNA")]),
        ("L'O\u00adNU e la Corea del\u00ad Nord",
         [("term", "O\u00adNU", "UN"), ("term", "Corea del\u00ad Nord", "North Korea")]),
        ("\u00adCorea\u2060 e AFP\u200b.", [("term", "Corea", "Korea"), ("dnt", "AFP", "AFP")]),
    ],
)  # fmt: skip
def test_a_hidden_character_inside_a_glossary_term_does_not_hide_the_term(text, want):
    """``Co&shy;rea del Nord`` was no glossary term: the model got ``Corea del Nord``, the
    soft hyphen taken out, and translated it freely. Terms are matched as the model sees
    the text; a kept term holds the source's own characters and comes back byte for byte."""
    assert spans(text) == want
    protected = Protector(GLOSSARY, "it", "en", SPECIALS).protect(text)
    assert [s.target for s in protected.spans] == [w[2] for w in want]


@pytest.mark.parametrize(
    ("source", "output", "want"),
    [
        ("<g1>Leggi il documento completo</g1>", "Read the full document",
         "<g1>Read the full document</g1>"),
        ("<g1> <g2>Paragrafo dentro un blocco</g2> </g1>", "Paragraph inside a block",
         "<g1><g2>Paragraph inside a block</g2></g1>"),
        ("<g1><g2>Un box</g2></g1>", "Z1XA boxZ4X", "<g1><g2>A box</g2></g1>"),
        ("<g1>Leggi tutto <x2/></g1>", "Read everything Z2X", "<g1>Read everything <x2/></g1>"),
        ("<g1>Apri</g1>", "lowlowlowlow", "<g1>lowlowlowlow</g1>"),
    ],
)  # fmt: skip
def test_a_dropped_pair_around_the_whole_segment_goes_around_the_whole_translation(
    source, output, want
):
    """A button's link or a box's <div><p> holding every word of the segment, dropped by
    the model, was left out ("restore it by hand") when the target was short: where it
    goes is evident."""
    protected = Protector().protect(source, tag_spans(source))
    text, problems = protected.restore(output)
    assert text == want
    assert "unplaced" not in {p.kind for p in problems}


def test_a_dropped_pair_around_part_of_the_segment_is_not_put_around_all():
    source = "Il <g1>sindaco</g1> ha parlato ieri in aula."
    protected = Protector().protect(source, tag_spans(source))
    text, _ = protected.restore("Yesterday the mayor spoke in the chamber.")
    assert text != "<g1>Yesterday the mayor spoke in the chamber.</g1>"


@pytest.mark.parametrize(
    ("source", "kept"),
    [("Il ministro ha detto «قال الوزير إن المحادثات كانت مثمرة» e poi ha sorriso 😀.",
      ["قال الوزير إن المحادثات كانت مثمرة", "😀"]),
     ("La delegazione \u200fعربية\u200f è arrivata ieri.", ["\u200fعربية\u200f"]),
     ("Il vertice di Doha 🇶🇦 con la famiglia 👩\u200d👩\u200d👧 a Tokyo (東京).",
      ["🇶🇦", "👩\u200d👩\u200d👧", "東京"]),
     ("Il rabbino ha letto «שלום עליכם» in sinagoga.", ["שלום עליכם"])],
)  # fmt: skip
def test_emoji_and_text_in_another_script_are_kept_never_mt(source, kept):
    """An Italian model has no pieces for them: they became <unk> and were lost from the
    translation, or noise; now kept as they are, as an element marked lang="ar" is."""
    protected = Protector().protect(source)
    assert [s.text for s in protected.spans if s.kind == "script"] == kept
    assert not any(ch in protected.text for k in kept for ch in k if not ch.isspace())
    output = protected.text.replace("Il ministro ha detto", "The minister said")
    text, problems = protected.restore(output)
    assert all(k in text for k in kept) and problems == []


@pytest.mark.parametrize(
    "source",
    [
        "Perché la città è così: 3-2, «sì»!",
        "Il prezzo: 10 € (–5%).",
        "Łódź, Nguyễn Đặng, Ștefan Căpățână e Søren Ærø.",
        "© Riproduzione riservata ™ → avanti",
    ],
)
def test_latin_text_with_diacritics_and_text_style_symbols_are_still_translated(source):
    """Latin with any diacritics is the source's script; a bare ``©`` or ``→`` is typography."""
    assert [s for s in Protector().protect(source).spans if s.kind == "script"] == []


@pytest.mark.parametrize(
    ("source", "kept"),
    [
        ("Il ministro Белоусов e Шойгу hanno parlato.", ["Белоусов", "Шойгу"]),
        ("Ad Αθήνα, α e β.", ["Αθήνα, α", "β"]),  # a run takes the comma between
        ("La parola हिन्दी e la thailandese ภาษาไทย qui.", ["हिन्दी", "ภาษาไทย"]),
        ("Il georgiano თბილისი e l'armeno Երևան.", ["თბილისი", "Երևան"]),
        ("Accento Белоу\u0301сов qui.", ["Белоу\u0301сов"]),
    ],
    ids=["cyrillic", "greek", "devanagari-thai", "georgian-armenian", "stress-mark"],
)
def test_every_script_but_latin_is_kept_never_mt(source, kept):
    """Cyrillic, Greek, Devanagari, Thai... were sent to the Italian model (only Arabic,
    Hebrew and CJK were kept, by a hand list of ranges): now any script by Unicode's
    Script_Extensions property, a combining mark staying with its letter; byte for byte."""
    protected = Protector().protect(source)
    assert [s.text for s in protected.spans if s.kind == "script"] == kept
    restored, problems = protected.restore(protected.text)
    assert restored == source and problems == []


@pytest.mark.parametrize(
    "source",
    [
        "Una dose di 10 \u03bcg al giorno.",  # Greek small mu, not the micro sign
        "Un filtro da 5 \u03bcm e uno da 10\u03bcg.",
        "La variante \u03b1lfa e la resistenza da 5 k\u03a9.",  # Greek alpha, capital omega
    ],
    ids=["unit-after-number", "unit-glued-to-number", "letter-in-a-latin-word"],
)
def test_one_letter_of_another_script_glued_to_a_latin_word_is_left_to_the_model(source):
    """``10 μg`` (U+03BC) became ``10 Z1Xg``: a placeholder inside a word, which a real
    model splits or moves. One cased letter touching a Latin letter or a digit (a unit
    symbol, a letter of the word) is text for the model; the source reaches it unchanged."""
    protected = Protector().protect(source)
    assert [s for s in protected.spans if s.kind == "script"] == []
    assert protected.text == source


@pytest.mark.parametrize(
    ("source", "kept"),
    [
        ("Ad \u0391\u03b8\u03ae\u03bd\u03b1 e a Mosca.", ["\u0391\u03b8\u03ae\u03bd\u03b1"]),
        ("Il ministro \u0411\u0435\u043b\u043e\u0443\u0441\u043e\u0432 ha parlato.",
         ["\u0411\u0435\u043b\u043e\u0443\u0441\u043e\u0432"]),
        ("La lettera \u03bc e la \u0416 da sole.", ["\u03bc", "\u0416"]),
        ("Il gruppo \u03b1\u03b2c e il \u03b2-carotene.", ["\u03b1\u03b2c", "\u03b2"]),
        ("Il modello iPhone\u7248 e il \u0394\U0001f600x.", ["iPhone\u7248", "\u0394\U0001f600x"]),
    ],
    ids=["greek-word", "cyrillic-word", "lone-letters", "two-letters-or-hyphen", "uncased-emoji"],
)  # fmt: skip
def test_a_word_or_a_lone_letter_of_another_script_is_still_kept(source, kept):
    """The other side: a word in Greek or Cyrillic, a letter standing alone, two letters
    glued to a Latin one, a letter beside a hyphen, a letter of a script without case and
    a run holding an emoji are still "script" spans, back byte for byte; one glued to a
    word takes the word (``iPhone版``, ``αβc``: see the test after this one)."""
    protected = Protector().protect(source)
    assert [s.text for s in protected.spans if s.kind == "script"] == kept
    restored, problems = protected.restore(protected.text)
    assert restored == source and problems == []


# A placeholder glued to a word's letter or digit, on either side (``iPhoneZ1X``, ``Z1Xg``).
_GLUED_PLACEHOLDER = re.compile(r"[^\W_]Z\d+X|Z\d+X[^\W_]")


@pytest.mark.parametrize(
    ("source", "kept", "model", "expected"),
    [("Il nuovo iPhone\u7248 costa 999 euro.", ["iPhone\u7248"],
      "The new z 1 x costs 999 euros.", "The new iPhone\u7248 costs 999 euros."),
     ("Il Galaxy\u578bS24 arriva nel 2024\u5e74.", ["Galaxy\u578bS24", "2024\u5e74"],
      "Z2X sees the Z1X arrive.", "2024\u5e74 sees the Galaxy\u578bS24 arrive."),
     ("La Switch\u7248 e il \u7b2c3\u56de, dell'iPhone\u5c02\u7528.",
      ["Switch\u7248", "\u7b2c3\u56de", "iPhone\u5c02\u7528"],
      "The Z1X and the Z2X, of the Z3X.",
      "The Switch\u7248 and the \u7b2c3\u56de, of the iPhone\u5c02\u7528.")],
    ids=["brand-then-cjk", "cjk-inside-a-word-and-after-a-year", "runs-and-elision"],
)  # fmt: skip
def test_a_cjk_run_glued_to_a_latin_word_is_kept_with_the_word(source, kept, model, expected):
    """``iPhone版`` became ``iPhoneZ1X``: a placeholder inside a word, one unknown word to
    the model, cut into mid-word pieces it splits or drops; left to the model, ``版`` is
    ``<unk>`` in an Italian vocabulary and lost. The word glued to the run is kept with it
    (a brand or model name): one placeholder standing as a word, back byte-identical
    wherever the model moves it, however it spells it."""
    protected = Protector().protect(source)
    assert [s.text for s in protected.spans if s.kind == "script"] == kept
    assert not _GLUED_PLACEHOLDER.search(protected.text)
    assert "\u7248" not in protected.text and "iPhone" not in protected.text
    restored, problems = protected.restore(model)
    assert restored == expected and problems == []
    assert protected.restore(protected.text) == (source, [])


@pytest.mark.parametrize(
    ("source", "kept", "words"),
    [("Il \u03b2-carotene e l'iPhone \u7248.", ["\u03b2", "\u7248"], ["carotene", "iPhone"]),
     ("Una dose di 10 \u03bcg e il 5 k\u03a9.", [], ["10 \u03bcg", "k\u03a9"]),
     ("Forza\U0001f600 ragazzi.", ["\U0001f600"], ["Forza"])],
    ids=["hyphen-or-space-between", "one-cased-letter", "emoji-glued"],
)  # fmt: skip
def test_a_run_apart_from_the_word_or_a_cased_letter_keeps_its_own_span(source, kept, words):
    """The other side: a hyphen or a space between run and word leaves the word to the
    model; one cased letter (a unit symbol) is still the model's; an emoji glued to a word
    is no letter of a name: the word stays the article's, translated."""
    protected = Protector().protect(source)
    assert [s.text for s in protected.spans if s.kind == "script"] == kept
    assert all(word in protected.text for word in words)
    assert protected.restore(protected.text) == (source, [])


@pytest.mark.parametrize(
    ("src_lang", "source", "kept"),
    [("ru", "Белоусов сказал 😀 Αθήνα", ["😀 Αθήνα"]), ("el", "Η Αθήνα Белоусов", ["Белоусов"]),
     ("ja", "東京へ行く Белоусов", ["Белоусов"]), ("sr-Latn", "Beograd Београд", ["Београд"])],
)  # fmt: skip
def test_a_source_in_another_script_keeps_its_own_as_text(src_lang, source, kept):
    """The source's own scripts (its likely script, a compound one taken apart) are text."""
    assert [s.text for s in Protector(src_lang=src_lang).protect(source).spans] == kept


def test_a_source_written_in_that_script_keeps_it_as_text():
    protected = Protector(src_lang="ar").protect("قال الوزير 😀")
    assert [s.text for s in protected.spans] == ["😀"]


@pytest.mark.parametrize(
    ("source", "output", "want"),
    [
        (
            "Ha parlato il professor <g1>Beloúsov</g1> davanti ai giornalisti.",
            "Beloúsov spoke",
            "Beloúsov",
        ),
        (
            "Ha parlato <g1>Ivan Beloúsov</g1> davanti ai giornalisti della sala.",
            "Ivan Beloúsov spoke",
            "Ivan Beloúsov",
        ),
        (
            "Il sindaco di <g1>Città di Castello</g1> ha parlato ieri ai giornalisti.",
            "The mayor of Città di Castello spoke",
            "Città di Castello",
        ),
    ],
    ids=["name", "two-words", "accent-grave"],
)
@pytest.mark.parametrize(("src_form", "out_form"), [("NFD", "NFC"), ("NFC", "NFD")])
def test_a_lost_pair_goes_back_around_its_words_however_their_accents_are_composed(
    source, output, want, src_form, out_form
):
    """A name typed with combining accents (``Beloúsov`` in NFD) comes back from the model
    composed (SentencePiece normalises to NFC): the lost tag around it was left out as
    having no place ("restore it by hand"), or put around its first word only."""
    import unicodedata

    protected = Protector().protect(unicodedata.normalize(src_form, source))
    text, problems = protected.restore(unicodedata.normalize(out_form, output))
    assert unicodedata.normalize("NFC", dict(_pairs(text))["1"]) == want
    assert "unplaced" not in {p.kind for p in problems}


def test_a_lost_pair_whose_words_are_gone_is_still_left_out_named_with_its_text_and_place():
    """The other side: the words are not in the output (accents or not): nothing is guessed,
    and the problem names the tag pair, the text it held and the words before it."""
    protected = Protector().protect("Ha parlato il professor <g1>Beloúsov</g1> davanti a noi.")
    text, problems = protected.restore("The professor spoke")
    [note] = [p.note() for p in problems if p.kind == "unplaced"]
    assert text == "The professor spoke"
    assert "<g1>...</g1> around 'Beloúsov', after 'Ha parlato il professor'" in note


@pytest.mark.parametrize(
    ("source", "output", "want"),
    [
        (  # the word before, as a cognate (the relative place put it before "Click")
            "Clicca <x1/> qui per vedere la mappa della città e i suoi quartieri storici.",
            "Click here",
            "Click <x1/> here",
        ),
        (  # inline code after a cognate, far from its relative place in a short output
            "Il comando <x1/> installa il pacchetto e tutte le sue dipendenze in pochi secondi.",
            "The command installs the package.",
            "The command <x1/> installs the package.",
        ),
        (  # after the link that closes the word, never inside it; no space: none in the source
            "Leggi <g1>Repubblica</g1><x3/> ogni giorno per sapere tutto.",
            "Read Z1XRepubblicaZ2X every day.",
            "Read <g1>Repubblica</g1><x3/> every day.",
        ),
        (  # the word before is too short to tell: the word after, verbatim
            "Vedi a <x1/> Bruxelles il capitolo due del rapporto annuale della banca centrale.",
            "See chapter two of the annual report of the central bank in Bruxelles.",
            "See chapter two of the annual report of the central bank in <x1/> Bruxelles.",
        ),
    ],
    ids=["before-cognate", "code", "after-link", "after-word"],
)
def test_a_dropped_standalone_tag_goes_beside_the_translation_of_its_neighbour(
    source, output, want
):
    """An empty element (an icon ``<span class>``, an anchor ``<a id>``), inline code or an
    image the model lost goes back next to its source neighbour where the output shows that
    word once (verbatim or a cognate), not at the same relative place of a shorter output."""
    text, problems = Protector().protect(source).restore(output)
    assert text == want
    assert {p.kind for p in problems} == {"dropped"}


def test_a_dropped_standalone_tag_is_not_put_beside_a_word_the_output_has_twice():
    """The other side: "click" twice in the output shows no one place for it: it goes to its
    relative place (as before), not after either "click" as if that were certain."""
    source = "Clicca <x1/> qui per vedere la mappa della città e i suoi quartieri storici."
    text, _ = Protector().protect(source).restore("Click here, then click there.")
    assert "<x1/>" in text and not re.search(r"(?i)click <x1/>", text)


@pytest.mark.parametrize(
    "source",
    [
        "Il sindaco\u200d di Roma ha parlato oggi.",
        "Il governo\ufe0f ha risposto ieri sera.",
        "La nota \u20e3 a margine.",
        "Il\u200d\u200d sindaco \u200e\u200d ha parlato.",
    ],
)
def test_a_joiner_or_selector_without_an_emoji_is_no_span(source):
    """A zero-width joiner, variation selector or combining keycap on its own (pasted from a
    PDF between Italian words) was a "script" span: the model dropped its placeholder, and
    a correct translation got a placeholder_repair error that blocks publication."""
    assert not Protector().protect(source).spans


@pytest.mark.parametrize(
    ("source", "kept"),
    [
        ("Premi 1\ufe0f\u20e3 per votare.", ["1\ufe0f\u20e3"]),
        ("Premi #\u20e3 ora.", ["#\u20e3"]),
        ("Cuori \u2764\ufe0f e 👩\u200d👧 qui.", ["\u2764\ufe0f", "👩\u200d👧"]),
    ],
)
def test_an_emoji_keeps_its_joiners_selectors_and_keycap_digit(source, kept):
    """The other side: with an emoji the joiners stay in its span (never split from it),
    and a keycap takes its digit (was: the digit went to the model, the keycap kept)."""
    assert [s.text for s in Protector().protect(source).spans] == kept


@pytest.mark.parametrize("output", ["<g1>Rome</g1> mayor spoke", "Rome mayor spoke"])
def test_a_lost_link_whose_words_another_link_holds_is_left_out_not_put_on_a_neighbour(output):
    """Two links around "Roma": the far too short output has "Rome" once, for the first.
    The second went to the nearest free word ("<g2>mayor</g2>": a link on the wrong word,
    reported as placed); it is left out and named, as a link with no place is."""
    source = "A <g1>Roma</g1> e poi il sindaco di <g2>Roma</g2> ha parlato ieri con tutti noi."
    text, problems = repair(source, output, {"1": "https://a.it", "2": "https://b.it"})
    assert dict(_pairs(text)) == {"1": "Rome"}
    assert any("https://b.it" in p and "left out" in p for p in problems)


def test_a_lost_link_in_a_long_enough_output_still_goes_to_its_relative_place():
    """The other side: where the output has half the source's words the link is placed, and
    around the second "Rome", the first being the other link's (was: around "In", the
    word nearest the first "Rome")."""
    source = "A <g1>Roma</g1> e poi il sindaco di <g2>Roma</g2> ha parlato ieri."
    text, _ = repair(source, "In <g1>Rome</g1> and then the mayor of Rome spoke yesterday.")
    assert dict(_pairs(text)) == {"1": "Rome", "2": "Rome"}


# --- invisible format characters in the source's own script ------------------------------
_INVISIBLE = {
    "zwsp": "\u200b",
    "zwnj": "\u200c",
    "wj": "\u2060",
    "bom": "\ufeff",
    "lrm": "\u200e",
    "rlm": "\u200f",
}
_BIDI_PAIRS = {
    "rlo-pdf": ("\u202e", "\u202c"),
    "lro-pdf": ("\u202d", "\u202c"),
    "rle-pdf": ("\u202b", "\u202c"),
    "lri-pdi": ("\u2066", "\u2069"),
    "rli-pdi": ("\u2067", "\u2069"),
    "fsi-pdi": ("\u2068", "\u2069"),
}
_ALL_HIDDEN = re.compile("[\u200b\u200c\u2060\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize("char", list(_INVISIBLE.values()), ids=list(_INVISIBLE))
@pytest.mark.parametrize(
    "source",
    ["Il sindaco{c} ha detto basta.", "I gior{c}nalisti di Roma{c} hanno {c}visto <g1>tutto</g1>."],
)
def test_an_invisible_format_character_never_reaches_the_model(char, source):
    """ZWSP, ZWNJ, WJ, a BOM mid-text, LRM and RLM mean nothing in Latin text; the model
    saw them and dropped them, silently. They are left out of its input, unnoted."""
    from pipeline.protect.placeholders import dropped_controls

    text = source.format(c=char)
    protected = Protector().protect(text)
    assert char not in protected.text and protected.text == source.format(c="").replace(
        "<g1>", "Z1X"
    ).replace("</g1>", "Z2X")
    assert dropped_controls(text, protected.spans) is None


@pytest.mark.parametrize(("opener", "closer"), list(_BIDI_PAIRS.values()), ids=list(_BIDI_PAIRS))
def test_a_bidi_pair_around_latin_words_is_left_out_whole_and_noted(opener, closer):
    """An override, embedding or isolate around Italian words reached the model, which
    could keep the opener without its closer: the rest of the line reversed."""
    from pipeline.protect.placeholders import dropped_controls

    text = f"Il {opener}ministro{closer} ha parlato con {opener}i giornalisti{closer} ieri."
    protected = Protector().protect(text)
    assert protected.text == "Il ministro ha parlato con i giornalisti ieri."
    note = dropped_controls(text, protected.spans)
    assert note is not None and "4 bidirectional control(s)" in note
    assert unicodedata_name(opener) in note and unicodedata_name(closer) in note


def unicodedata_name(char: str) -> str:
    import unicodedata

    return unicodedata.name(char)


@pytest.mark.parametrize("char", ["\u202e", "\u2067", "\u202b", "\u200b"])
def test_a_bidi_control_the_model_makes_up_is_not_output(char):
    """Never an unbalanced override in a translation: the model's own controls go."""
    protected = Protector().protect("Il ministro ha parlato di <g1>Roma</g1>.")
    text, problems = protected.restore(f"The {char}minister spoke of Z1XRomeZ2X.")
    assert text == "The minister spoke of <g1>Rome</g1>." and problems == []
    text, _ = Protector().protect("Il ministro ha parlato.").restore(f"The {char}minister spoke.")
    assert not _ALL_HIDDEN.search(text)


def test_a_bidi_pair_around_another_script_travels_with_its_run():
    """The other side: an isolate around an Arabic quote belongs to the quote's span and
    comes back whole, balanced, with no note."""
    from pipeline.protect.placeholders import dropped_controls

    quote = "\u2067قال الوزير\u2069"
    text = f"Ha detto {quote} ieri."
    protected = Protector().protect(text)
    assert dropped_controls(text, protected.spans) is None
    restored, problems = protected.restore("He said Z1X yesterday.")
    assert restored == f"He said {quote} yesterday." and problems == []


@pytest.mark.parametrize("hidden", ["\u202c", "\u202e\u202c", "\u200b", "\u2066\u200e"])
def test_a_hidden_character_between_two_spaces_leaves_one_space(hidden):
    """``Secondo \u202c PDF``: taking the control out left two spaces in what the model
    saw, and a model that copies them wrote ``According  PDF``; one space is left, in the
    model's input and in a translation whose model wrote the control back."""
    source = f"Secondo {hidden} il <g1>PDF</g1> e\t{hidden} poi."
    protected = Protector().protect(source)
    assert protected.text == "Secondo il Z1XPDFZ2X e\tpoi."
    text, problems = protected.restore(f"According {hidden} to the Z1XPDFZ2X and {hidden} then.")
    assert text == "According to the <g1>PDF</g1> and then." and problems == []


def test_a_hidden_character_beside_one_space_keeps_the_words_apart():
    """The other side: with a space on one side only, that space stays (no words run
    together), and one inside a word joins its halves as before."""
    protected = Protector().protect("Secondo \u202cil PDF\u202c e gior\u200bnali.")
    assert protected.text == "Secondo il PDF e giornali."


@pytest.mark.parametrize(
    ("source", "kept", "control"),
    [
        ("Vedi https://example.org/a\u202eb ora.", "https://example.org/ab", "\u202e"),
        ("Vedi https://example.org/\u2067a/b ora.", "https://example.org/a/b", "\u2067"),
        ('Vedi <span title="\u202dx">il</span> sito.', '<span title="x">', "\u202d"),
        ("Ha detto \u202bقال الوزير ieri.", "Ha detto قال الوزير ieri.", "\u202b"),
    ],
    ids=["rlo-in-url", "rli-in-url", "lro-in-tag", "rle-before-arabic"],
)
def test_an_unpaired_bidi_control_inside_a_span_is_never_written(source, kept, control):
    """An override, embedding or isolate that a URL, tag or script run opens and never
    closes was kept with the span and written raw into every output: the rest of the
    line reversed there (the Trojan-source trick). It is left out, and noted."""
    from pipeline.protect.placeholders import dropped_controls

    protected = Protector().protect(source)
    text, problems = protected.restore(protected.text)
    assert kept in text and not _ALL_HIDDEN.search(text) and problems == []
    note = dropped_controls(source, protected.spans)
    assert note is not None and "1 unpaired bidirectional control(s)" in note
    assert unicodedata_name(control) in note


def test_a_bidi_pair_closed_inside_a_span_stays_with_it():
    """The other side: a URL or script run that closes what it opens keeps it, unnoted;
    a stray closer in a span closes nothing and goes."""
    from pipeline.protect.placeholders import dropped_controls

    source = "Vedi https://a.it/\u2066x\u2069 e \u2067قال الوزير\u2069 ora."
    protected = Protector().protect(source)
    assert protected.restore(protected.text) == (source, [])
    assert dropped_controls(source, protected.spans) is None
    stray = Protector().protect("Vedi https://a.it/x\u202cy ora.")
    assert stray.restore(stray.text)[0] == "Vedi https://a.it/xy ora."


def test_spans_asked_again_are_the_same_and_a_caller_cannot_change_them():
    shield = Protector()
    text = "Scrivete a redazione@example.it o seguite @mtpipe su https://example.it/a."
    first = shield.spans(text)
    first.clear()
    again = shield.spans(text)
    assert again == Protector().spans(text)
    assert [s.kind for s in again] == ["email", "handle", "url"]
    # Spans handed in are part of the question: the remembered answer is not reused.
    tag = Span(0, 8, "tag", "Scrivete", "Scrivete")
    assert shield.spans(text, [tag])[0] == tag
    assert shield.spans(text)[0].kind == "email"


# --- the other invisible characters: Default_Ignorable format characters ----------------
_IGNORABLE = {
    "shy": "\u00ad",
    "zwj": "\u200d",
    "cgj": "\u034f",
    "mvs": "\u180e",
    "alm": "\u061c",
    "invisible-separator": "\u2063",
    "tag-a": "\U000e0041",
    "musical-beam": "\U0001d173",
}


@pytest.mark.parametrize("char", list(_IGNORABLE.values()), ids=list(_IGNORABLE))
def test_a_soft_hyphen_or_other_ignorable_format_character_never_reaches_the_model(char):
    """``L'ammini&shy;strazione`` reached the model as ``ammini\\xadstrazione``: two pieces
    it has no word for. Every Default_Ignorable format character inside or between Latin
    words goes out of the model's input, unnoted; the source keeps it."""
    text = f"L'ammini{char}strazione di Ro{char}ma ha chiuso {char} <g1>la strada</g1>."
    protected = Protector().protect(text)
    assert protected.text == "L'amministrazione di Roma ha chiuso Z1Xla stradaZ2X."
    assert protected.source == text
    restored, problems = protected.restore(f"The adminis{char}tration Z1Xclosed the roadZ2X.")
    assert restored == "The administration <g1>closed the road</g1>." and problems == []


def test_the_hidden_characters_are_unicodes_default_ignorable_format_characters():
    """The list is Unicode's (DerivedCoreProperties.txt), checked against the ``regex``
    module's table of it: every format character (Cf) of Default_Ignorable_Code_Point,
    and the combining grapheme joiner; no mark or letter of another script."""
    import unicodedata

    regex = pytest.importorskip("regex")
    from pipeline.protect.spans import HIDDEN

    ignorable = regex.compile(r"\p{Default_Ignorable_Code_Point}")
    want = {
        chr(c)
        for c in range(0x110000)
        if ignorable.match(chr(c)) and unicodedata.category(chr(c)) == "Cf"
    }
    hidden = {chr(c) for c in range(0x110000) if HIDDEN.match(chr(c))}
    assert hidden == want | {"\u034f"}


@pytest.mark.parametrize(
    ("source", "kept"),
    [
        ("Ha scritto می\u200cخواهم ieri.", ["می\u200cخواهم"]),
        ("La bandiera 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f qui.",
         ["🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"]),
        ("Il nome 葛\U000e0100城 in kanji.", ["葛\U000e0100城"]),
        ("Cuori 👩\u200d💻 e \u2764\ufe0f qui.", ["👩\u200d💻", "\u2764\ufe0f"]),
    ],
    ids=["persian-zwnj", "flag-tags", "ideographic-variation", "emoji-zwj"],
)  # fmt: skip
def test_a_joiner_or_tag_inside_another_scripts_run_stays_with_it(source, kept):
    """The other side: a ZWNJ a Persian word needs, a subdivision flag's tag characters and
    an ideographic variation selector cut their run in two (the ZWNJ then left out of the
    translation, the tags and selector sent to the model); they belong to the run's span
    and come back byte for byte."""
    protected = Protector().protect(source)
    assert [s.text for s in protected.spans] == kept
    restored, problems = protected.restore(protected.text)
    assert restored == source and problems == []


def test_a_soft_hyphen_from_an_html_page_never_reaches_the_model(tmp_path, fake_backend):
    """End to end: ``&shy;`` in a page is read as U+00AD and kept in the source segment;
    the model sees the word whole."""
    from pipeline.readers import read_article
    from pipeline.segment import segment_article
    from pipeline.translate import translate_articles

    page = tmp_path / "pagina.html"
    page.write_text(
        "<html><body><article><h1>Strade chiuse</h1>"
        "<p>L'ammini&shy;strazione comunale ha chiuso la strada.</p></article></body></html>",
        encoding="utf-8",
    )
    doc = segment_article(read_article(page))
    backend = fake_backend(str)
    translate_articles([doc], {"en": backend})
    assert "L'amministrazione comunale ha chiuso la strada." in backend.inputs
    assert "L'ammini\u00adstrazione comunale ha chiuso la strada." in [
        s.source for s in doc.segments()
    ]


# --- URIs without "//" and punctuation after a URL -----------------------------------------
@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Scrivete a mailto:redazione@x.it o chiamate tel:+390101234567.",
         ["mailto:redazione@x.it", "tel:+390101234567"]),
        ("Chiamate Tel:+39 010 1234567 oppure sms:+393331234567?body=ciao, grazie.",
         ["Tel:+39 010 1234567", "sms:+393331234567?body=ciao"]),
        ("Il canale ircs://irc.x.it:6697/#roma e geo:44.4056,8.9463 sulla mappa.",
         ["ircs://irc.x.it:6697/#roma", "geo:44.4056,8.9463"]),
        ("Il libro urn:isbn:978-88-04-12345-6; la chat xmpp:redazione@x.it.",
         ["urn:isbn:978-88-04-12345-6", "xmpp:redazione@x.it"]),
        ("Numero tel:+39 010 123 45 67 89 00 11 ora.", ["tel:+39 010 123 45 67 89"]),
    ],
    ids=["mailto-tel", "spaced-tel-sms", "ircs-geo", "urn-xmpp", "e164-cap"],
)  # fmt: skip
def test_a_uri_of_a_common_scheme_is_kept_whole(text, kept):
    """``mailto:``, ``tel:``, ``ircs://``, ``sms:``, ``geo:``, ``urn:`` went to the model
    (only a mailto's address was kept), which translated or rewrote the scheme and the
    number. A phone number keeps its spaced groups, up to E.164's 15 digits."""
    assert [s.text for s in Protector().protect(text).spans] == kept


@pytest.mark.parametrize(
    "text",
    [
        "Alle ore 10:30 a Roma: il sindaco ha parlato.",
        "nota:il testo è provvisorio. Tel: 010 1234567.",
        "L'hotel:+39 010 1234567 e la news: ieri sera.",
        "Rapporto 3:1, sezione 2:a, data:12/03/2024.",
    ],
)
def test_a_colon_in_prose_is_no_uri(text):
    """The other side: a time, a label, a scheme's name inside a word or followed by a
    space, a word that is no registered scheme: no span, the text is translated (a
    numeric date's own span aside: ``data:12/03/2024`` is written in English's order)."""
    assert [s.kind for s in Protector().protect(text).spans if s.kind != "date"] == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("(vedi https://x.it/a).", "https://x.it/a"),
        ("Poi https://x.it/a, e altro.", "https://x.it/a"),
        ("Il sito «https://x.it» è chiuso.", "https://x.it"),
        ("Il sito ‹https://x.it/b› è chiuso.", "https://x.it/b"),
        ("Leggi su https://x.it/c… e poi?", "https://x.it/c"),
        ("Scrivi a (mailto:a@x.it).", "mailto:a@x.it"),
        ("La pagina https://it.wikipedia.org/wiki/Roma_(città).", "https://it.wikipedia.org/wiki/Roma_(città)"),
    ],
)  # fmt: skip
def test_a_uri_leaves_the_punctuation_after_it_to_the_sentence(text, kept):
    """A closing bracket, comma, guillemet or ellipsis after a URL is the sentence's (was: an
    ellipsis or ``›`` went into the span); a bracket the URL opened stays in it."""
    assert [s.text for s in Protector().protect(text).spans] == [kept]


@pytest.mark.parametrize(
    ("source", "kept"),
    [
        ("Copyright \u00a9\ufe0f 2024 Rai e gol \u26bd\ufe0f di Rossi.",
         ["\u00a9\ufe0f", "\u26bd\ufe0f"]),
        ("Forza \U0001f1ee\U0001f1f9 e bravo \U0001f44d\U0001f3fd!",
         ["\U0001f1ee\U0001f1f9", "\U0001f44d\U0001f3fd"]),
        ("Passo 1\ufe0f\u20e3 poi \u2122\ufe0f e \u25b6\ufe0f video.",
         ["1\ufe0f\u20e3", "\u2122\ufe0f", "\u25b6\ufe0f"]),
        ("Info \u2139\ufe0f, metro \u24c2\ufe0f e \u203c\ufe0f e \u2194\ufe0e qui.",
         ["\u2139\ufe0f", "\u24c2\ufe0f", "\u203c\ufe0f", "\u2194\ufe0e"]),
    ],
    ids=["copyright-football", "flag-skin-tone", "keycap-tm-play", "info-metro-bangbang-arrow"],
)  # fmt: skip
def test_an_emoji_presentation_sequence_never_reaches_the_model(source, kept):
    """A symbol asked for as emoji (or text) by a variation selector, outside the symbol
    blocks (``©️``, ``™️``, ``ℹ️``), reached the model, which lost the selector: now any
    emoji character by Unicode's Emoji property; it comes back byte for byte."""
    protected = Protector().protect(source)
    assert [s.text for s in protected.spans] == kept
    assert not {"\ufe0e", "\ufe0f", "\u20e3"} & set(protected.text)
    restored, problems = protected.restore(protected.text.replace("Passo", "Step"))
    assert restored == source.replace("Passo", "Step") and problems == []


@pytest.mark.parametrize(
    "source",
    ["\u00a9 Riproduzione riservata", "Marchio\u2122 e \u00ae registrato", "Vai \u2192 avanti",
     "Il punteggio 1\ufe0f a zero", "Il 3 \u00b0C e 5 \u00b5g"],
)  # fmt: skip
def test_a_text_style_symbol_or_a_digit_with_a_selector_is_no_span(source):
    """The other side: a bare ``©``, ``™``, ``®``, ``→`` is typography the model has; a digit
    with a selector but no keycap is no emoji."""
    assert [s for s in Protector().protect(source).spans if s.kind == "script"] == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Un debito di 1\u2009000\u2009000 euro.", "1\u2009000\u2009000"),  # thin spaces
        ("Un debito di 1\u202f000\u202f000,5 euro.", "1\u202f000\u202f000,5"),  # narrow nbsp
        ("Sono 10\u00a0000 persone.", "10\u00a0000"),  # no-break space
        ("Tra i 18 000 e i 20 000 euro.", "18 000"),  # plain spaces, as numtokens reads them
        ("Salgono del 12\u2009345\u202f%.", "12\u2009345\u202f%"),  # its percent sign with it
        ("Salgono del 10\u202f% in un anno.", "10\u202f%"),
        ("Salgono del 3,5 % in un anno.", "3,5 %"),  # any space separator before the sign
        ("Salgono del 3,5\u3000% in un anno.", "3,5\u3000%"),
        ("Il tasso è del 2,5 ‰ annuo.", "2,5 ‰"),  # per mille
        ("Nel 2008 350 000 persone.", "350 000"),  # a year before it is no telephone prefix
        ("Nel 1999\u00a01\u2009200 morti.", "1\u2009200"),
    ],
)
def test_a_number_grouped_by_thin_or_no_break_spaces_is_one_span(text, number):
    """The tokenizer reads a thin or no-break space as a word break: ``1``, ``000``, ``000``
    and ``%`` went to the model as pieces it reordered or dropped. One span now."""
    assert ("number", number, number) in spans(text)


@pytest.mark.parametrize(
    "text",
    [
        "Nel 2023 350 migranti.",  # two numbers side by side
        "Salgono del 10% in un anno.",  # a percent sign glued to its number
        "Il codice 10\u00a0A.",
        "Chiamate il 347\u00a0123\u00a04567 o lo 010 123.",  # telephone numbers
        "Il numero 0185 350 000 risponde.",
    ],
)
def test_numbers_side_by_side_a_glued_percent_and_phone_numbers_stay_text(text):
    """The model's own text: no number grouped by spaces, or no count (a telephone number,
    which the localise stage must never write as ``347,123``)."""
    assert not [s for s in spans(text) if s[0] == "number"]


@pytest.mark.parametrize("space", ["\u2009", "\u202f", "\u00a0"])
def test_a_spaced_number_comes_back_whole_in_each_targets_format(fake_backend, space):
    """A model that reads the spaces as spaces (SentencePiece's NFKC) and loses a piece:
    was ``1 10 %`` in English; now the number in the target's format, never split."""
    from pipeline.localise import localise_article

    def mangle(text: str) -> str:  # drops a "000" piece, as a model may
        return unicodedata.normalize("NFKC", text).replace(" 000", "", 1)

    source = f"Il debito sale a 1{space}000{space}000 euro, il 10{space}% in più."
    backends = {lang: fake_backend(mangle, GLOSSARY, f"it-{lang}") for lang in ("en", "fr")}
    doc = localise_article(translate_article(article(source), backends))
    got = {lang: tr.text for lang, tr in doc.segments()[0].translations.items()}
    assert "1,000,000 euro" in got["en"] and "10% in" in got["en"]
    group = "\u00a0" if space == "\u00a0" else "\u202f"  # a no-break group reads in French
    assert f"1{group}000{group}000 euro" in got["fr"] and "10\u00a0% in" in got["fr"]
    assert not any("000" in text for b in backends.values() for text in b.inputs)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Un debito di 1'000'000 di franchi.", "1'000'000"),
        ("Sono 1\u2019250 franchi.", "1\u2019250"),
        ("Affitto CHF 3'500.\u2013 al mese.", "3'500.\u2013"),
        ("Affitto CHF 3'500.- al mese.", "3'500.-"),
        ("Sale del 2'500,5 % annuo.", "2'500,5 %"),
    ],
)
def test_swiss_digits_grouped_by_apostrophes_are_one_span(text, number):
    """The model read ``'`` as an elision or a quote between ``1``, ``000``, ``000``."""
    assert ("number", number, number) in spans(text)


@pytest.mark.parametrize(
    "text", ["Sale dell'1,5% in un anno.", "Ne ha l'80 per cento.", "Un po' 'caro', '2024'."]
)
def test_an_elision_or_a_quoted_word_is_no_apostrophe_number(text):
    assert not [s for s in spans(text) if s[0] == "number"]


def test_a_swiss_number_comes_back_whole_in_each_targets_format(fake_backend):
    """The model never sees ``1'000'000``; the localise stage writes the placeholder's
    number as en ``1,000,000``, fr ``1 000 000`` (U+202F), as a space-grouped one."""
    from pipeline.localise import localise_article

    source = "Il debito sale a 1'000'000 di franchi, affitto CHF 3'500.\u2013 al mese."
    backends = {lang: fake_backend(str.upper, GLOSSARY, f"it-{lang}") for lang in ("en", "fr")}
    doc = localise_article(translate_article(article(source), backends))
    got = {lang: tr.text for lang, tr in doc.segments()[0].translations.items()}
    assert "1,000,000 DI" in got["en"] and "3,500.00 AL" in got["en"]
    assert "1\u202f000\u202f000 DI" in got["fr"] and "3\u202f500,00 AL" in got["fr"]
    assert not any("000" in text for b in backends.values() for text in b.inputs)


def test_a_typeset_space_beside_a_protected_span_comes_back_after_the_model_loses_it():
    """A model's tokenizer reads U+2009, U+00A0 and U+202F as plain spaces (NFKC): beside a
    tag, URL or number the source's own space is put back; inside a span it never left."""
    source = (
        "Lo ha detto M.\u00a0<b>Rossi</b> su www.comune.it\u2009: un debito di "
        "1\u2009000\u2009000 euro, il 10\u202f%."
    )
    protected = Protector().protect(source)
    restored, problems = protected.restore(unicodedata.normalize("NFKC", protected.text))
    assert restored == source and problems == []


@pytest.mark.parametrize(
    ("source", "en", "fr"),
    [
        ("di Mario Rossi", "By Mario Rossi", "Par Mario Rossi"),
        ("Di MARIO ROSSI", "By MARIO ROSSI", "Par MARIO ROSSI"),
        ("<g1>di <g2>Anna De Luca</g2></g1>", "<g1>By <g2>Anna De Luca</g2></g1>", None),
        ("di <x1/>", "By <x1/>", "Par <x1/>"),  # a name kept as written (class="author")
        (
            "di Anna De Luca e Carlo Bianchi",
            "By Anna De Luca and Carlo Bianchi",
            "Par Anna De Luca et Carlo Bianchi",
        ),
        ("DI ANNA DE LUCA E CARLO BIANCHI", "BY ANNA DE LUCA AND CARLO BIANCHI", None),
        ("a cura di Mario Rossi", "Edited by Mario Rossi", "Sous la direction de Mario Rossi"),
        ("A CURA DI MARIO ROSSI", "EDITED BY MARIO ROSSI", "SOUS LA DIRECTION DE MARIO ROSSI"),
        ("Dalla nostra inviata Anna De Luca", "From our special correspondent Anna De Luca",
         "De notre envoyée spéciale Anna De Luca"),
        ("Testo di Mario Rossi", "Text by Mario Rossi", "Texte de Mario Rossi"),
    ],
)  # fmt: skip
def test_a_byline_keeps_the_name_and_takes_the_catalogs_by(source, en, fr):
    """``di Mario Rossi`` went to the model, which may translate or drop the name; now
    nothing of it does: the name is kept, "di" is the catalog's "by %s" word."""
    for lang, want in (("en", en), ("fr", fr)):
        protected = Protector(tgt_lang=lang).protect(source)
        assert protected.copy_only
        if want is not None:
            assert protected.restore(protected.text)[0] == want


@pytest.mark.parametrize(
    "source",
    [
        "Di Maio",
        "di Roma e Milano",
        "La casa di Mario Rossi",
        "Di Mario Rossi ha detto",
        "di mario",
        "a cura di Roma",
        "Testo di legge",
        "Il testo di Mario Rossi è stato approvato",
        "La mostra a cura di Mario Rossi",
        "DI MALE IN PEGGIO",
        "DI NUOVO IN PIAZZA",
        "DI TUTTO E DI PIÙ",
        "Di Corsa Verso Il Mare",
    ],
)
def test_a_name_after_di_in_a_sentence_or_a_single_word_is_no_byline(source):
    assert not [s for s in Protector().protect(source).spans if s.kind in ("byline", "name")]


@pytest.mark.parametrize(
    ("source", "en", "sent"),
    [
        ("Di Mario Rossi,", "By Mario Rossi,", None),  # a stray mark after the name
        ("— di MARIO ROSSI", "— By MARIO ROSSI", None),  # a dash before the byline
        ("di Mario Rossi, inviato a Genova", "By Mario Rossi, INVIATO A GENOVA", "inviato"),
        ("Di MARIO ROSSI - Genova", "By MARIO ROSSI - GENOVA", "Genova"),
        ("di Anna De Luca (ANSA)", "By Anna De Luca (ANSA)", "ANSA"),
        # a date, in the target's long form from CLDR (fixa36; was the model's)
        ("di Mario Rossi, 12 marzo 2024", "By Mario Rossi, March 12, 2024", None),
        ("<g1>di</g1> Mario Rossi", "<g1>By</g1> Mario Rossi", None),  # **di** Mario Rossi
        # fixa36: more authors between commas, the byline words of a paper's own reporter
        ("di MARIO ROSSI, ANNA DE LUCA", "By MARIO ROSSI, ANNA DE LUCA", None),
        (
            "di Mario Rossi, Anna De Luca e Carlo Rossi",
            "By Mario Rossi, Anna De Luca and Carlo Rossi",
            None,
        ),
        ("Testo di Mario Rossi", "Text by Mario Rossi", None),
        ("Testo e foto di Anna De Luca", "Text and photos by Anna De Luca", None),
        ("dal nostro inviato Mario Rossi", "From our special correspondent Mario Rossi", None),
        ("di Mario Rossi | 12 marzo 2024", "By Mario Rossi | March 12, 2024", None),
        ("di Mario Rossi - 12/03/2024", "By Mario Rossi - March 12, 2024", None),
        ("di Mario Rossi<x1/>La strada è chiusa.", "By Mario Rossi<x1/>LA STRADA È CHIUSA.", "La"),
    ],
)
def test_a_byline_line_with_a_dash_a_mark_or_a_role_keeps_the_name(fake_backend, source, en, sent):
    """A byline on a bare line as papers set it (no class="author") sent the name to MT
    when anything but the name followed "di": a comma, the writer's role or place, an
    agency, the paragraph's next line after a ``<br>``. The name is kept, "di" is the
    catalog's, only the rest goes to the model."""
    backend = fake_backend(str.upper, GLOSSARY, "it-en")
    doc = translate_article(article(source), {"en": backend})
    assert doc.segments()[0].translations["en"].text == en
    assert not any("Rossi" in t or "Luca" in t for t in backend.inputs)
    if sent is not None:
        assert any(sent in t for t in backend.inputs)
    else:
        assert backend.inputs == []


@pytest.mark.parametrize(
    "source",
    [
        "Di Mario Draghi, invece, si sa poco.",  # a sentence after the name
        "Di Mario Draghi, si sa poco.",
        "Di Mario Rossi, 3 volte campione.",
        "Di Pietro Grasso, presidente del Senato, si è parlato a lungo",
        "Di fronte alla crisi, il governo",
        "DI NUOVO INSIEME - IL RITORNO",  # a headline's second half, no place
        "Di Nuovo Insieme - Il ritorno",
        "Di Mario Rossi<x1/> ha detto",  # no new line after the mark
        "di Mario Rossi: la cronaca di una giornata difficile per tutta la città di Genova",
    ],
)
def test_a_sentence_or_headline_opening_with_di_and_a_name_stays_text(source):
    assert not [s for s in Protector().protect(source).spans if s.kind in ("byline", "name")]


@pytest.mark.parametrize(
    ("source", "lang", "expected"),
    [
        ("<g1>12 marzo 2024</g1>", "en", "<g1>March 12, 2024</g1>"),  # a <time> alone in a <p>
        ("1 aprile 2024", "fr", "1er avril 2024"),  # a paragraph that is a date
        ("12/03/2024", "en", "March 12, 2024"),  # read day first, as Italian writes it
        ("<g1> 12 marzo </g1>", "fr", "<g1> 12 mars </g1>"),
    ],
)
def test_a_date_alone_in_its_segment_is_written_from_cldr_not_by_the_model(
    fake_backend, source, lang, expected
):
    """docs37 F8: `<p><time datetime=…>12 marzo 2024</time></p>` went to the model (noise
    inside the `<time>` with the tiny model), while a byline's date is CLDR's long form."""
    backend = fake_backend(str.upper, GLOSSARY, f"it-{lang}")
    doc = translate_article(article(source), {lang: backend})
    assert doc.segments()[0].translations[lang].text == expected
    assert backend.inputs == []


@pytest.mark.parametrize(
    "source", ["Il 12 marzo 2024 riapre il ponte.", "12 marzo 2024, ore 10", "marzo 2024"]
)
def test_a_date_inside_a_sentence_still_goes_to_the_model(fake_backend, source):
    backend = fake_backend(str.upper, GLOSSARY, "it-en")
    doc = translate_article(article(source), {"en": backend})
    assert backend.inputs and doc.segments()[0].translations["en"].text == source.upper()


@pytest.mark.parametrize(
    ("source", "lang", "expected"),
    [
        ("12/03/24", "en", "March 12, 2024"),  # a two-digit year (read as POSIX %y)
        ("12/03", "en", "March 12"),  # no year
        ("12/03/2024, 10:30", "en", "March 12, 2024, 10:30"),  # a date with a time
        ("12/03/2024 - 14/03/2024", "en", "March 12, 2024 - March 14, 2024"),  # a range
        ("12.03.24", "fr", "12 mars 2024"),  # alone: the long form, as F8 writes 12/03/2024
        ("12.03.2024", "en", "March 12, 2024"),  # F8's own case: no longer origin "copy"
    ],
)
def test_a_numeric_date_alone_is_written_from_cldr_with_its_origin(
    fake_backend, source, lang, expected
):
    """review37 P8: `12/03/24`, `12/03`, a date with a time and a range were copied, and
    English read 3 December; a rewritten date was stored as `copy` though not the source."""
    backend = fake_backend(str.upper, GLOSSARY, f"it-{lang}")
    doc = translate_article(article(source), {lang: backend})
    tr = doc.segments()[0].translations[lang]
    assert (tr.text, tr.origin) == (expected, "mt")
    assert backend.inputs == []


@pytest.mark.parametrize("source", ["31/02/2024", "10/10", "1/2", "24/7", "20/30"])
def test_a_numeric_text_that_is_no_date_is_still_copied(fake_backend, source):
    backend = fake_backend(str.upper, GLOSSARY, "it-en")
    tr = translate_article(article(source), {"en": backend}).segments()[0].translations["en"]
    assert (tr.text, tr.origin) == (source, "copy")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "IL DECRETO DEL March 12, 2024 VALE ENTRO IL March 14 E L'March 11, 2024."),
        ("fr", "IL DECRETO DEL 12/03/24 VALE ENTRO IL 14/03 E L'11/03/2024."),  # D/M as it
    ],
)
def test_a_numeric_date_inside_a_sentence_is_written_in_the_targets_order(
    fake_backend, lang, expected
):
    """review37 P8: a D/M date in a sentence reached English as written; fr reads D/M."""
    source = "Il decreto del 12/03/24 vale entro il 14/03 e l'11/03/2024."
    backend = fake_backend(str.upper, GLOSSARY, f"it-{lang}")
    doc = translate_article(article(source), {lang: backend})
    assert doc.segments()[0].translations[lang].text == expected
    assert "12/03" not in " ".join(backend.inputs)


@pytest.mark.parametrize(
    "source",
    [
        "La squadra ha vinto 20/30 e lavora 24/7 per 1/2 della paga.",
        "Ha preso il 2/3 dei voti, il 25/30% del totale, voto 10/10.",
        "Chiamare lo 06/12/34/56 o leggere la versione 1.2.3.",
        "Già nel 2007 erano stati ridotti di 2/3, il 25/30% del canone.",  # newstest2009
        "Vincendo 3-1 contro i Giants, passò il 1950-51 negli USA.",
    ],
)
def test_scores_fractions_and_phone_numbers_are_no_dates(source):
    """The other side of P8: the Italian of newstest2009 and newssyscomb2009 (3,027 lines,
    74 with digits around a / . or -) has no numeric date; none of these is one."""
    assert not [s for s in Protector(None, "it", "en").protect(source).spans if s.kind == "date"]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "By Giulia Rossi — <g1>November 28, 2026</g1>"),
        ("fr", "Par Giulia Rossi — <g1>28 novembre 2026</g1>"),  # as French writes it too
    ],
)
def test_a_byline_whose_date_is_an_element_writes_the_date_from_cldr(fake_backend, lang, expected):
    """newuser37: `di Giulia Rossi — <time>28 novembre 2026</time>` went to the model whole
    (the name noise, the `<time>` dropped): a tail in inline markup was no byline tail, and
    a date French writes as Italian does was taken for one Babel could not read."""
    backend = fake_backend(str.upper, GLOSSARY, f"it-{lang}")
    doc = translate_article(article("di Giulia Rossi — <g1>28 novembre 2026</g1>"), {lang: backend})
    assert doc.segments()[0].translations[lang].text == expected
    assert backend.inputs == []
