"""A small article built directly from the sample page (examples/kim-belousov.it.txt), with
reference translations, for the qa stage and CLI tests (no reader, segmenter or model)."""

from __future__ import annotations

from pipeline.document import Article, Block, Segment, Translation

# (block id, kind, [(source, en, fr), ...]): sample sentences and their gold references.
BLOCKS = [
    ("b1", "ui", [("Catégories", "Categories", "Catégories")]),
    ("b2", "category", [("italie", "Italy", "Italie")]),
    (
        "b3",
        "title",
        [
            (
                "La Corea del Nord e la Russia rafforzano i legami militari di mutua difesa",
                "North Korea and Russia strengthen mutual defence military ties",
                "La Corée du Nord et la Russie renforcent leurs liens militaires de défense "
                "mutuelle",
            )
        ],
    ),
    (
        "b4",
        "paragraph",
        [
            (
                "Kim Jong Un ha stimato che la visita di Beloúsov incoraggerebbe « la cooperazione "
                "amichevole e "
                "reciproca, nonché lo sviluppo delle relazioni tra i due eserciti », secondo KCNA.",
                "Kim Jong Un said that Belousov's visit would encourage “friendly and mutual "
                "cooperation, as well "
                "as the development of relations between the two armies”, according to KCNA.",
                "Kim Jong Un a estimé que la visite de Belooussov encouragerait « la coopération "
                "amicale et "
                "mutuelle, ainsi que le développement des relations entre les deux armées », selon "
                "KCNA.",
            )
        ],
    ),
    (
        "b5",
        "caption",
        [
            (
                "Il ministro della Difesa russo Andrei Belousov stringe la mano al ministro della "
                "Difesa "
                "nordcoreano No Kwang-chol durante i colloqui bilaterali con la delegazione "
                "nordcoreana a Pyongyang.",
                "Russian Defence Minister Andrei Belousov shakes hands with North Korean Defence "
                "Minister No "
                "Kwang-chol during bilateral talks with the North Korean delegation in Pyongyang.",
                "Le ministre russe de la Défense Andreï Belooussov serre la main du ministre "
                "nord-coréen de la "
                "Défense No Kwang-chol lors des entretiens bilatéraux avec la délégation "
                "nord-coréenne à Pyongyang.",
            ),
            ("Foto: AFP.", "Photo: AFP.", "Photo : AFP."),
        ],
    ),
    (
        "b6",
        "paragraph",
        [
            (
                "Stati Uniti e Corea del Sud sospettano questo riavvicinamento tra Pyongyang e "
                "Mosca e denunciano "
                "l'invio di oltre 10.000 soldati nordcoreani in Russia per aiutare nella guerra "
                "contro l'Ucraina.",
                "The United States and South Korea are suspicious of this rapprochement between "
                "Pyongyang and "
                "Moscow and denounce the sending of more than 10,000 North Korean soldiers to "
                "Russia to help in "
                "the war against Ukraine.",
                "Les États-Unis et la Corée du Sud se méfient de ce rapprochement entre Pyongyang "
                "et Moscou et "
                "dénoncent l'envoi de plus de 10 000 soldats nord-coréens en Russie pour aider "
                "dans la guerre "
                "contre l'Ukraine.",
            )
        ],
    ),
    (
        "b7",
        "paragraph",
        [
            (
                "Questo accordo impegna entrambi i paesi a fornire reciproca assistenza militare "
                "in caso di "
                "attacco e a coordinare gli sforzi per far fronte alla situazione internazionale.",
                "This agreement commits both countries to provide mutual military assistance in "
                "the event of an "
                "attack and to coordinate efforts to deal with the international situation.",
                "Cet accord engage les deux pays à se fournir une assistance militaire mutuelle en "
                "cas d'attaque "
                "et à coordonner leurs efforts pour faire face à la situation internationale.",
            ),
            ("sanzioni.", "sanctions.", "sanctions."),
        ],
    ),
    ("b8", "ui", [("Laisser un commentaire", "Leave a Reply", "Laisser un commentaire")]),
]


def sample_article() -> Article:
    """The sample's blocks with en/fr translations (catalog for chrome, mt for text)."""
    blocks = []
    for bid, kind, rows in BLOCKS:
        segs = []
        for i, (src, en, fr) in enumerate(rows, 1):
            origin = "catalog" if kind in ("ui", "category") else "mt"
            segs.append(
                Segment(
                    id=f"{bid}.s{i}",
                    source=src,
                    space_after=" " if i < len(rows) else "",
                    translations={"en": Translation(en, origin), "fr": Translation(fr, origin)},
                )
            )
        blocks.append(Block(bid, kind, "".join(s.source + s.space_after for s in segs), segs))
    return Article("kim-belousov", "it", blocks, target_langs=["en", "fr"])
