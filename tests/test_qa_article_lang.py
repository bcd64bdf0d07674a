"""The whole article in the wrong language is named before any model loads."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pipeline.qa.article_lang import article_language_note, detect_article_language
from pipeline.read import parse_page

TEXTS = {
    "en": "The United States and South Korea denounce the sending of more than ten thousand "
    "North Korean soldiers to Russia to help in the war against Ukraine. The minister said "
    "the talks would continue next week.",
    "fr": "Les États-Unis et la Corée du Sud dénoncent l'envoi de plus de dix mille soldats "
    "nord-coréens en Russie pour aider dans la guerre contre l'Ukraine. Le ministre a dit que "
    "les entretiens continueraient la semaine prochaine.",
    "zh": "美国和韩国谴责朝鲜向俄罗斯派遣一万多名士兵帮助对乌克兰的战争。部长说会谈将在下周继续。",
    "ar": "تندد الولايات المتحدة وكوريا الجنوبية بإرسال أكثر من عشرة آلاف جندي كوري شمالي إلى "
    "روسيا للمساعدة في الحرب ضد أوكرانيا. وقال الوزير إن المحادثات ستستمر الأسبوع المقبل.",
}
ITALIAN = (
    "Stati Uniti e Corea del Sud denunciano l'invio di oltre 10.000 soldati nordcoreani in "
    "Russia per aiutare nella guerra contro l'Ucraina. Il ministro ha detto che i colloqui "
    "continueranno la settimana prossima."
)


@pytest.mark.parametrize(
    ("lang", "name"), [("en", "English"), ("fr", "French"), ("zh", "Chinese"), ("ar", "Arabic")]
)
def test_an_article_in_another_language_is_named(lang: str, name: str) -> None:
    article = parse_page(f"Titolo\n\n{TEXTS[lang]}\n", "x", "it")
    found = detect_article_language(article)
    assert found is not None and found[0] == lang
    note = article_language_note(article)
    assert note is not None and "\n" not in note
    assert name in note and f"--source-lang {lang}" in note


def test_an_italian_article_and_a_declared_language_give_no_note(sample_path) -> None:
    assert article_language_note(parse_page(ITALIAN, "x", "it")) is None
    assert (
        article_language_note(parse_page(sample_path.read_text(encoding="utf-8"), "k", "it"))
        is None
    )
    assert article_language_note(parse_page(TEXTS["en"], "x", "en")) is None  # --source-lang en


def test_too_little_text_is_not_judged() -> None:
    assert detect_article_language(parse_page("Good morning.", "x", "it")) is None


SPANISH = (
    "Estados Unidos y Corea del Sur denuncian el envío de más de diez mil soldados "
    "norcoreanos a Rusia para ayudar en la guerra contra Ucrania. El ministro dijo que las "
    "conversaciones continuarán la semana próxima."
)
PORTUGUESE = (
    "Os Estados Unidos e a Coreia do Sul denunciam o envio de mais de dez mil soldados "
    "norte-coreanos para a Rússia para ajudar na guerra contra a Ucrânia. O ministro disse que "
    "as conversações vão continuar na próxima semana."
)


@pytest.mark.parametrize(("text", "lang"), [(SPANISH, "es"), (PORTUGUESE, "pt")])
def test_a_neighbouring_romance_language_is_not_settled_as_italian(text: str, lang: str) -> None:
    """Italian function words are frequent in Spanish and Portuguese too: lingua decides."""
    found = detect_article_language(parse_page(f"Titolo\n\n{text}\n", "x", "it"))
    assert found is not None and found[0] == lang


def test_an_article_that_plainly_reads_as_declared_loads_no_lingua(sample_path) -> None:
    """Function words settle an Italian page, so the check (paid by every run) loads nothing."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from pipeline.qa.article_lang import article_language_note\n"
        "from pipeline.read import parse_page\n"
        f"page = Path({str(sample_path)!r}).read_text(encoding='utf-8')\n"
        "assert article_language_note(parse_page(page, 'k', 'it')) is None\n"
        "print(sorted(m for m in ('lingua', 'wordfreq') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_regional_source_tag_is_its_language(sample_path) -> None:
    """An Italian page declared it-CH reads as declared; English declared it-CH is named."""
    page = sample_path.read_text(encoding="utf-8")
    assert article_language_note(parse_page(page, "k", "it-CH")) is None
    found = detect_article_language(parse_page(f"Titolo\n\n{TEXTS['en']}\n", "x", "it-CH"))
    assert found is not None and found[0] == "en"
