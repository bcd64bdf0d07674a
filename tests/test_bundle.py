"""Page content of the site bundle: escaping, catalogs, dates, hreflang, QA policy."""

from __future__ import annotations

import json
import re
from datetime import date as dt_date
from pathlib import Path

import pytest
from babel.dates import format_date
from bundle_fixtures import BODY, CAPTION_TEXT, fake, make_article, parse_page

from pipeline.bundle import build_bundle
from pipeline.config import BundleSettings
from pipeline.document import PARAGRAPH, Finding
from pipeline.errors import ConfigError, InputError
from pipeline.langdata.catalogs import translations

LANGS = ("it", "en", "fr")
BASE = "https://news.example.org"
QA_NOTICE = "Automatic checks found problems in this translation; it may be inaccurate."
TINY_NOTICE = (
    "This is a demo: the translation comes from a tiny random test model and its text is noise."
)


def settings(**kw) -> BundleSettings:
    return BundleSettings(base_url=BASE, **kw)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bundle") / "site"
    articles = [make_article(), make_article("second", "Secondo articolo", date="2024-12-02")]
    build_bundle(articles, out, settings())
    return out


def page_of(site: Path, lang: str, article_id: str = "kim-belousov") -> Path:
    report = json.loads((site / "_report.json").read_text())
    [path] = [
        p["path"] for p in report["pages"] if p["lang"] == lang and p["article"] == article_id
    ]
    return site / path


def test_script_in_article_text_is_shown_as_text(site):
    paragraph = BODY[1][0]
    for lang in LANGS:
        page = parse_page(page_of(site, lang))
        assert "script" not in page.tags and "b" not in page.tags
        assert (paragraph if lang == "it" else fake(lang, paragraph)) in page.text
        assert "&lt;script&gt;" in page_of(site, lang).read_text()


def test_source_page_shows_original_and_target_pages_show_translation(site):
    it_text = parse_page(page_of(site, "it")).text
    assert CAPTION_TEXT in it_text and fake("en", CAPTION_TEXT) not in it_text
    for lang in ("en", "fr"):
        text = parse_page(page_of(site, lang)).text
        assert fake(lang, CAPTION_TEXT) in text
        assert fake(lang, "Hanno parlato di difesa.") in text


def test_every_locale_has_its_folder_index_feed_and_sitemap(site):
    for lang in LANGS:
        for name in ("index.html", "feed.json", "sitemap.xml"):
            assert (site / lang / name).is_file()
        assert parse_page(site / lang / "index.html").html_lang == lang


def test_ui_strings_come_from_the_locale_catalog(site):
    for lang in LANGS:
        t = translations(lang)
        page = parse_page(page_of(site, lang))
        assert page.html_lang == lang
        for msgid in ("Leave a Reply", "Your email address will not be published.", "Name"):
            assert t.gettext(msgid) in page.text
        assert t.pgettext("noun", "Comment") in page.text
        assert t.gettext("Required fields are marked %s") % "*" in page.text
        assert t.ngettext("%(num)d Comment", "%(num)d Comments", 0) % {"num": 0} in page.text
        submit = (site / page_of(site, lang)).read_text()
        assert f'value="{t.gettext("Post Comment")}"' in submit


def test_french_and_english_pages_differ_in_comment_form(site):
    fr = parse_page(page_of(site, "fr")).text
    en = parse_page(page_of(site, "en")).text
    assert translations("fr").gettext("Leave a Reply") in fr
    assert translations("fr").gettext("Leave a Reply") not in en


def test_plural_comment_count_follows_the_locale(tmp_path):
    article = make_article()
    article.meta["comment_count"] = 2
    build_bundle([article], tmp_path / "site", settings())
    for lang in LANGS:
        text = parse_page(page_of(tmp_path / "site", lang)).text
        expected = translations(lang).ngettext("%(num)d Comment", "%(num)d Comments", 2)
        assert expected % {"num": 2} in text


def test_article_page_shows_the_author_in_a_byline_from_the_catalogs(tmp_path):
    """A document's ``meta.author`` (Markdown front matter ``author:``) was on no page;
    the header's byline gives it in the catalog's "by %s" wording, the name as written."""
    article = make_article()
    article.meta["author"] = "Giulia Rossi"
    build_bundle([article], tmp_path / "site", settings())
    for lang, expected in (("it", "di Giulia Rossi"), ("en", "by Giulia Rossi")):
        assert expected in parse_page(page_of(tmp_path / "site", lang)).text
    html = page_of(tmp_path / "site", "fr").read_text(encoding="utf-8")
    assert re.search(r'<header class="post-header">.*par Giulia Rossi.*</header>', html, re.S)


def test_author_markup_is_shown_as_text_and_blank_authors_show_no_byline(tmp_path):
    hostile = make_article()
    hostile.meta["author"] = ["<b>Rossi</b> & Co", "   ", 7]
    blank = make_article("blank", "Titolo")
    blank.meta["author"] = "\u00a0"
    build_bundle([hostile, blank], tmp_path / "site", settings())
    html = page_of(tmp_path / "site", "en").read_text(encoding="utf-8")
    assert "by &lt;b&gt;Rossi&lt;/b&gt; &amp; Co<" in html
    assert 'class="author"' not in page_of(tmp_path / "site", "en", "blank").read_text()


def test_feed_items_name_their_authors(tmp_path):
    article = make_article()
    article.meta["author"] = ["Giulia Rossi", "Marco Bianchi"]
    build_bundle([article, make_article("other", "Altro")], tmp_path / "site", settings())
    feed = json.loads((tmp_path / "site" / "fr" / "feed.json").read_text(encoding="utf-8"))
    authors = {item["title"]: item.get("authors") for item in feed["items"]}
    assert authors.pop("[fr] Altro") is None
    assert list(authors.values()) == [[{"name": "Giulia Rossi"}, {"name": "Marco Bianchi"}]]


def test_dates_and_categories_are_localised(site):
    import datetime as dt

    for lang in LANGS:
        t = translations(lang)
        day = format_date(dt.date(2024, 11, 30), format="long", locale=lang)
        page = parse_page(page_of(site, lang))
        assert t.gettext("Published on %(date)s") % {"date": day} in page.text
        assert t.dgettext("categories", "Italy") in page.text
        index = parse_page(site / lang / "index.html").text
        assert day in index and t.dgettext("categories", "Italy") in index


def test_index_lists_newest_article_first(site):
    for lang in LANGS:
        hrefs = [a["href"] for a in parse_page(site / lang / "index.html").anchors]
        articles = [
            h for h in hrefs if h in (page_of(site, lang, "second").name, page_of(site, lang).name)
        ]
        assert articles[0] == page_of(site, lang, "second").name


def test_articles_of_one_day_are_listed_by_their_time_newest_first(tmp_path):
    """The index, the feed and the sitemap sorted by the day alone: the morning's article
    (`a`, first in id order) stood above the evening's. Times in other zones compare as
    instants, a date without a time (or zone) as its midnight UTC, undated ones last."""
    dates = {
        "a": "2024-11-03T08:00:00+01:00",
        "b": "2024-11-03T20:00:00+01:00",
        "c": "2024-11-03T23:30:00-05:00",  # 04:30 UTC on the 4th
        "d": "2024-11-04",
        "e": None,
    }
    articles = [make_article(i, f"Titolo {i}", date=d) for i, d in dates.items()]
    out = tmp_path / "site"
    build_bundle(articles, out, settings())
    feed = json.loads((out / "en" / "feed.json").read_text(encoding="utf-8"))
    assert [item["title"][-1] for item in feed["items"]] == ["c", "d", "b", "a", "e"]
    hrefs = [a["href"] for a in parse_page(out / "en" / "index.html").anchors]
    listed = [h for h in hrefs if h.startswith("titolo-")]
    assert list(dict.fromkeys(listed)) == [f"titolo-{i}.html" for i in "cdbae"]


def test_hreflang_lists_every_version_itself_and_x_default(site):
    urls = {lang: f"{BASE}/{page_of(site, lang).relative_to(site).as_posix()}" for lang in LANGS}
    for lang in LANGS:
        page = parse_page(page_of(site, lang))
        assert page.hreflangs() == {**urls, "x-default": urls["it"]}
        assert page.canonical() == urls[lang]


def test_language_switcher_links_every_version(site):
    for lang in LANGS:
        anchors = parse_page(page_of(site, lang)).anchors
        switch = {a["hreflang"]: a["href"] for a in anchors if "lang" in a and "hreflang" in a}
        assert set(switch) == set(LANGS)
        for target, href in switch.items():
            resolved = (page_of(site, lang).parent / href).resolve()
            assert resolved == page_of(site, target).resolve()


def test_mt_pages_carry_the_machine_translation_notice(site):
    msgid = "This article was machine-translated and may contain errors."
    assert translations("it").gettext(msgid) not in parse_page(page_of(site, "it")).text
    for lang in ("en", "fr"):
        assert translations(lang).gettext(msgid) in parse_page(page_of(site, lang)).text


def test_a_translation_post_edited_throughout_carries_no_machine_translation_notice(tmp_path):
    msgid = "This article was machine-translated and may contain errors."
    article = make_article(tiny=True)
    for seg in article.text_segments():
        tr = seg.translations["fr"]
        seg.translations["fr"] = type(tr)(tr.text, "human", translator="Ada")
    build_bundle([article], tmp_path / "site", settings())
    fr = parse_page(page_of(tmp_path / "site", "fr")).text
    assert translations("fr").gettext(msgid) not in fr
    assert translations("fr").gettext(TINY_NOTICE) not in fr  # no noise left either
    en = parse_page(page_of(tmp_path / "site", "en")).text  # still MT: still said
    assert translations("en").gettext(msgid) in en


def test_tiny_model_pages_say_so(tmp_path):
    build_bundle([make_article(tiny=True)], tmp_path / "site", settings())
    for lang in ("en", "fr"):
        notice = translations(lang).gettext(TINY_NOTICE)
        assert notice in parse_page(page_of(tmp_path / "site", lang)).text
    assert (
        translations("it").gettext(TINY_NOTICE)
        not in parse_page(page_of(tmp_path / "site", "it")).text
    )


NOINDEX = '<meta name="robots" content="noindex">'


def _sitemap_locs(out: Path, lang: str) -> str:
    return (out / lang / "sitemap.xml").read_text(encoding="utf-8")


def test_pages_of_tiny_model_noise_are_noindex_and_left_out_of_the_sitemaps(tmp_path):
    out = tmp_path / "site"
    real = make_article("second", "Secondo articolo", date="2024-12-02")
    build_bundle([make_article(tiny=True), real], out, settings())
    for lang in ("en", "fr"):
        noise, good = page_of(out, lang), page_of(out, lang, "second")
        assert _noindex(noise) and not _noindex(good)
        assert _noindex(out / lang / "index.html")  # it lists the noise page's title
        sitemap = _sitemap_locs(out, lang)
        assert noise.name not in sitemap and f"{BASE}/{lang}/second" in sitemap.replace(".html", "")
        assert f"<loc>{BASE}/{lang}/</loc>" not in sitemap
        # the real page points search engines at no noise version
        assert "en" in parse_page(good).hreflangs() and "fr" in parse_page(good).hreflangs()
    source = page_of(out, "it")
    assert not _noindex(source) and not _noindex(out / "it" / "index.html")
    assert not _noindex(out / "index.html")
    alternates = parse_page(source).hreflangs()
    assert set(alternates) == {"it", "x-default"} and alternates["x-default"].endswith(source.name)
    noise_urls = [f"{BASE}/{lang}/{page_of(out, lang).name}" for lang in ("en", "fr")]
    sitemaps = "".join(_sitemap_locs(out, lang) for lang in ("it", "en", "fr"))
    assert not any(url in sitemaps for url in noise_urls)  # nor as an alternate
    robots = (out / "robots.txt").read_text(encoding="utf-8")
    assert robots.startswith("# 4 pages are machine translation by a tiny random test model")
    assert "Allow: /" in robots  # a crawler must fetch a page to read its noindex


def test_a_site_of_real_model_translations_stays_indexable(tmp_path):
    out = tmp_path / "site"
    build_bundle([make_article(), make_article("second", "Secondo")], out, settings())
    pages = list(out.rglob("*.html"))
    assert len(pages) == 10 and not any(_noindex(p) for p in pages)
    for lang in ("it", "en", "fr"):
        assert _sitemap_locs(out, lang).count("<url>") == 3  # the index and both articles
    assert (out / "robots.txt").read_text(encoding="utf-8").startswith("User-agent: *\nAllow: /")


def _noindex(page: Path) -> bool:
    return NOINDEX in page.read_text(encoding="utf-8")


def test_policy_hold_drops_the_page_everywhere_and_reports_it(tmp_path):
    out = tmp_path / "site"
    report = build_bundle([make_article(errors=("fr",))], out, settings(qa_policy="hold"))
    [held] = report.held
    assert (held.lang, held.article) == ("fr", "kim-belousov")
    assert {i.check for i in held.issues} == {"numbers"}  # the warning is below the threshold
    assert not (out / held.path).exists()
    assert held.path not in parse_page(out / "fr" / "index.html").text
    assert all("fr" not in parse_page(page_of(out, lg)).hreflangs() for lg in ("it", "en"))
    assert json.loads((out / "fr" / "feed.json").read_text())["items"] == []
    assert held.path not in (out / "fr" / "sitemap.xml").read_text()
    saved = json.loads((out / "_report.json").read_text())
    assert [p["path"] for p in saved["pages"] if p["status"] == "hold"] == [held.path]
    assert page_of(out, "en").exists() and page_of(out, "it").exists()


def test_policy_notice_publishes_with_a_visible_notice(tmp_path):
    out = tmp_path / "site"
    report = build_bundle([make_article(errors=("fr",))], out, settings(qa_policy="notice"))
    assert [p.lang for p in report.noticed] == ["fr"] and not report.held
    assert translations("fr").gettext(QA_NOTICE) in parse_page(page_of(out, "fr")).text
    assert translations("en").gettext(QA_NOTICE) not in parse_page(page_of(out, "en")).text


def test_policy_publish_publishes_without_notice(tmp_path):
    out = tmp_path / "site"
    report = build_bundle([make_article(errors=("fr",))], out, settings(qa_policy="publish"))
    assert not report.held and not report.noticed
    assert translations("fr").gettext(QA_NOTICE) not in parse_page(page_of(out, "fr")).text


@pytest.mark.parametrize("policy", ["hold", "notice"])
def test_a_document_never_checked_by_qa_is_no_clean_page(tmp_path, policy):
    """No QA record (``--no-qa``, ``[qa] enabled = false``): no finding read as a pass, and
    ``hold`` published every page (hostile37 #1). Each translated page gets the policy."""
    article = make_article()
    del article.meta["qa_checked"]
    report = build_bundle([article], tmp_path / "site", settings(qa_policy=policy))
    gated = report.held if policy == "hold" else report.noticed
    assert sorted(p.lang for p in gated) == ["en", "fr"]
    assert all(p.issues[0].check == "bundle.qa_not_run" for p in gated)
    summary = report.summary()
    assert "2 translated page(s) never checked by QA" in summary
    assert "mtpipe qa kim-belousov.json --update" in summary
    assert page_of(tmp_path / "site", "it").exists()  # the original is always published


def test_a_document_edited_by_hand_after_qa_is_not_published_as_checked(tmp_path):
    """``ID.json`` edited by hand after QA kept ``qa_checked``, so bundle published text QA
    never saw as checked (review37 P1): the document's content digest no longer matches."""
    from pipeline.document import Article
    from pipeline.writers import render_document_json

    written = make_article()
    article = Article.from_dict(json.loads(render_document_json(written)))
    seg = next(s for s in article.segments() if "en" in s.translations)
    seg.translations["en"].text = "HUMAN EDIT."
    report = build_bundle([article], tmp_path / "site", settings(qa_policy="hold"))
    assert sorted(p.lang for p in report.held) == ["en", "fr"]
    assert "edited by hand" in report.held[0].issues[0].message


def test_publishing_unchecked_documents_still_counts_them(tmp_path):
    article = make_article()
    del article.meta["qa_checked"]
    report = build_bundle([article], tmp_path / "site", settings(qa_policy="publish"))
    assert not report.held and not report.noticed
    assert "2 translated page(s) never checked by QA" in report.summary()


def test_translated_with_no_qa_is_held_and_with_qa_follows_its_findings(tmp_path, tiny_models):
    """End to end: the same article translated with and without QA, then bundled."""
    from pipeline.config import load_config
    from pipeline.runners import RunOptions, run_files

    src = tmp_path / "a.txt"
    src.write_text("Un titolo\n\nLa Borsa di Praga ha chiuso in calo.\n", encoding="utf-8")
    for run_qa, name in ((False, "noqa"), (True, "qa")):
        cfg = load_config(None, {"translate.targets": ("en",), "translate.num_beams": 1,
                                 "memory.path": str(tmp_path / f"{name}.sqlite")})  # fmt: skip
        options = RunOptions(model_dirs=dict(tiny_models), log=lambda m: None, run_qa=run_qa)
        run_files([src], cfg, tmp_path / name, options)
    from pipeline.interchange.workflow import load_document

    docs = [load_document(tmp_path / name / "a.json") for name in ("noqa", "qa")]
    held = build_bundle(docs[:1], tmp_path / "s1", settings(qa_policy="hold")).held
    assert [(p.lang, p.issues[0].check) for p in held] == [("en", "bundle.qa_not_run")]
    checked = build_bundle(docs[1:], tmp_path / "s2", settings(qa_policy="hold")).held
    assert all(i.check != "bundle.qa_not_run" for p in checked for i in p.issues)


def test_fail_severity_warning_also_catches_warnings(tmp_path):
    article = make_article()
    article.blocks[3].segments[0].findings.append(Finding("length", "warning", "long", "en"))
    report = build_bundle([article], tmp_path / "site", settings(qa_policy="hold"), "warning")
    assert [p.lang for p in report.held] == ["en"]


def test_missing_translation_is_an_issue_not_silent_source_text(tmp_path):
    article = make_article()
    del article.blocks[3].segments[0].translations["en"]
    report = build_bundle([article], tmp_path / "site", settings(qa_policy="hold"))
    assert [(p.lang, p.issues[0].check) for p in report.held] == [("en", "bundle.untranslated")]


@pytest.mark.parametrize(
    "change",
    [{"qa_policy": "maybe"}, {"base_url": "example.org"}, {"base_url": "javascript:alert(1)"}],
)
def test_bad_settings_are_rejected(tmp_path, change):
    with pytest.raises(ConfigError):
        build_bundle([make_article()], tmp_path / "site", BundleSettings(**change))
    assert not (tmp_path / "site").exists()


def test_duplicate_ids_and_unsafe_language_codes_are_rejected(tmp_path):
    with pytest.raises(InputError, match="share the article id"):
        build_bundle([make_article(), make_article()], tmp_path / "a", settings())
    with pytest.raises(InputError, match="language code"):
        build_bundle([make_article(targets=("../../x",))], tmp_path / "b", settings())
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


@pytest.mark.parametrize(
    "date, fr, it, en",
    [
        ("2024-04-01", "1er avril 2024", "1 aprile 2024", "April 1, 2024"),
        ("2025-01-01T08:00:00+01:00", "1er janvier 2025", "1 gennaio 2025", "January 1, 2025"),
        ("2024-04-02", "2 avril 2024", "2 aprile 2024", "April 2, 2024"),
        ("2024-04-21", "21 avril 2024", "21 aprile 2024", "April 21, 2024"),
        ("2024-04-11", "11 avril 2024", "11 aprile 2024", "April 11, 2024"),
    ],
)
def test_french_dates_write_the_first_of_the_month_as_1er(tmp_path, date, fr, it, en):
    out = tmp_path / "site"
    report = build_bundle([make_article(date=date)], out, settings())
    for lang, expected in (("fr", fr), ("it", it), ("en", en)):
        page = next(p for p in report.pages if p.lang == lang)
        assert expected in (out / page.path).read_text(encoding="utf-8")


@pytest.mark.parametrize("date", ["2024-13-45", "yesterday", "2024-02-30", "1e309"])
def test_a_bad_document_date_names_the_file_and_builds_nothing(tmp_path, capsys, date):
    from pipeline.cli import main
    from pipeline.write import render_document_json

    doc = tmp_path / "a.json"
    doc.write_text(render_document_json(make_article(date=date)), encoding="utf-8")
    site = tmp_path / "site"
    assert main(["bundle", str(doc), "--out", str(site), "--base-url", BASE]) == 3
    err = capsys.readouterr().err
    assert err.startswith(f"mtpipe: error: {doc}: ") and err.count("\n") == 1 and date in err
    assert not site.exists()


def test_a_document_over_the_input_limit_translate_wrote_is_bundled(tmp_path, capsys):
    """An ID.json holds its input, each translation and the findings: a page under the
    input limit gave one over it (6,000 head sentences of a 115 KB page: 8.3 MB), which
    bundle refused, saying to raise [read] max_bytes, a setting it does not read."""
    from pipeline.cli import main
    from pipeline.readers.base import MAX_BYTES
    from pipeline.write import render_document_json

    article = make_article()
    seg = article.blocks[-3].segments[0]
    note = "nota " * 2_000  # 10 KB
    seg.findings += [Finding("style", "info", note, "en") for _ in range(MAX_BYTES // 10_000)]
    doc = tmp_path / "a.json"
    doc.write_text(render_document_json(article), encoding="utf-8")
    assert doc.stat().st_size > MAX_BYTES
    site = tmp_path / "site"
    assert main(["bundle", str(doc), "--out", str(site), "--base-url", BASE, "--quiet"]) == 0
    assert list((site / "en").glob("*.html"))


@pytest.mark.parametrize(("tag", "comment"), [("en-GB", "Leave a Reply"), ("fr-CA", "Laisser un")])
def test_a_regional_language_takes_its_languages_catalog(tmp_path, tag, comment):
    """A document translated ``--to en-GB`` (or ``fr-CA``) with no catalog of its own
    builds its pages with the ``en`` (``fr``) chrome, as gettext falls back (was: "no
    'messages' catalog for locale 'en-GB'", no site)."""
    out = tmp_path / "site"
    report = build_bundle([make_article(targets=(tag,))], out, settings())
    page = parse_page(out / next(p.path for p in report.pages if p.lang == tag))
    assert page.html_lang == tag and comment in page.text
    assert page.hreflangs()[tag] == page.canonical()


@pytest.mark.parametrize(
    ("source", "targets", "standard"),
    [("it", ("en-gb",), "en-GB"), ("it", ("EN",), "en"), ("IT", ("fr",), "it"),
     ("it", ("zh-hant",), "zh-Hant")],
)  # fmt: skip
def test_a_language_code_not_in_its_standard_form_is_refused_naming_the_file(
    tmp_path, capsys, source, targets, standard
):
    """Tags are case-insensitive: beside a document in ``en-GB``, one in ``en-gb`` made a
    second locale of the same language (two folders a case-insensitive file system merges,
    two hreflang entries), and ``EN`` was refused as "not a language code"."""
    from pipeline.cli import main
    from pipeline.write import render_document_json

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.json").write_text(
        render_document_json(make_article("a", "Primo", targets=("en-GB",))), encoding="utf-8"
    )
    odd = make_article("b", "Secondo", targets=targets)
    odd.source_lang = source
    (docs / "b.json").write_text(render_document_json(odd), encoding="utf-8")
    site = tmp_path / "site"
    assert main(["bundle", str(docs), "--out", str(site), "--base-url", BASE]) == 3
    err = capsys.readouterr().err
    assert err.startswith(f"mtpipe: error: {docs / 'b.json'}: ") and err.count("\n") == 1
    assert f"write '{standard}'" in err
    assert not site.exists()


def test_language_codes_in_their_standard_form_name_the_locale_folders(tmp_path):
    """The other direction: regions and scripts in their standard case are locales as given."""
    articles = [
        make_article("a", "Primo", targets=("en-GB", "fr-CA")),
        make_article("b", "Secondo", targets=("fr-CA", "en-GB")),
    ]
    report = build_bundle(articles, tmp_path / "site", settings())
    assert sorted(p.name for p in (tmp_path / "site").iterdir() if p.is_dir()) == [
        "en-GB", "fr-CA", "it"
    ]  # fmt: skip
    assert {p.lang for p in report.pages} == {"it", "en-GB", "fr-CA"}


def _hreflang_clusters(out: Path) -> dict[str, dict[str, str]]:
    """Canonical URL -> its hreflang links, for every page of the site that has any."""
    pages = {}
    for path in out.rglob("*.html"):
        page = parse_page(path)
        if page.hreflangs():
            pages[page.canonical()] = page.hreflangs()
    return pages


@pytest.mark.parametrize("policy", ["publish", "notice", "hold"])
def test_every_hreflang_link_is_answered_and_names_its_page(tmp_path, policy):
    """A page of tiny-model noise (and a locale index listing one) linked the indexed
    versions, which leave it out: links answered by none, and a cluster without the page
    itself. Every link must point at a page that links back, each page naming itself and
    every version of one article agreeing on ``x-default``; with held, noticed and noise
    pages, one article in French only, a noise French only."""
    out = tmp_path / "site"
    articles = [
        make_article("a", "Primo", errors=("en",)),
        make_article("b", "Secondo", tiny=True),
        make_article("c", "Terzo", targets=("fr",)),
        make_article("d", "Quarto", errors=("fr", "en")),
        make_article("e", "Quinto", targets=("fr",), tiny=True),
    ]
    build_bundle(articles, out, settings(qa_policy=policy, default_locale="en"))
    clusters = _hreflang_clusters(out)
    assert clusters  # the source pages and the indexes at least
    for url, links in clusters.items():
        assert url in links.values(), url
        for lang, target in links.items():
            assert target in clusters, (url, lang, target)
            assert url in clusters[target].values(), (url, target)
            assert clusters[target].get("x-default") == links.get("x-default"), (url, target)
    for noise in [page_of(out, "en", "b"), page_of(out, "fr", "b"), page_of(out, "fr", "e")]:
        assert _noindex(noise) and parse_page(noise).hreflangs() == {}


def test_a_site_of_an_archive_costs_steps_in_proportion_to_its_size(monkeypatch):
    """Each page looked for its article's versions and its locale's pages by scanning every
    page of the site: N articles cost N² steps (800 took 5 s, a 10,000-article archive some
    15 minutes). Counted (how often a page is asked whether it is published), not timed."""
    from pipeline.bundle import render_bundle
    from pipeline.bundle.plan import Page

    asked = [0]
    published = Page.published.fget

    def counting(page):
        asked[0] += 1
        return published(page)

    monkeypatch.setattr(Page, "published", property(counting))
    counts = []
    for n in (20, 40):
        asked[0] = 0
        articles = [make_article(f"a{i:03d}", f"Titolo {i}", errors=("en",) * (i % 3 == 0))
                    for i in range(n)]  # fmt: skip
        files, plan = render_bundle(articles, settings(qa_policy="hold"))
        counts.append(asked[0])
        assert len(plan.published("fr")) == n and len(plan.published("en")) == n - n // 3 - 1
        assert [p.lang for p in plan.versions("a000")] == ["it", "fr"]
    assert counts[1] <= 2.5 * counts[0], counts


def _wordpress_post(article_id: str, local: str, gmt: str) -> object:
    """A post as the WordPress reader leaves it: ``meta.date`` the site's local time, the
    REST fields under ``meta.wordpress`` (``date`` and ``date_gmt``)."""
    article = make_article(article_id, f"Titolo {article_id}", date=local)
    article.meta["wordpress"] = {"id": 1, "date": local, "date_gmt": gmt}
    return article


@pytest.mark.parametrize(
    ("local", "gmt", "published", "shown"),
    [
        ("2024-11-30T09:15:00", "2024-11-30T08:15:00", "2024-11-30T09:15:00+01:00", (30, 11)),
        ("2024-07-01T01:30:00", "2024-06-30T23:30:00", "2024-07-01T01:30:00+02:00", (1, 7)),
        ("2024-03-10T10:00:00", "2024-03-10T04:15:00", "2024-03-10T10:00:00+05:45", (10, 3)),
    ],
)
def test_a_wordpress_posts_local_time_keeps_the_zone_its_gmt_time_gives(
    tmp_path, local, gmt, published, shown
):
    """A post's `date` is the site's local time: the feed wrote an Italian post of 09:15
    as 09:15Z (an hour late, two in summer) and sorted it below a post of 08:30 UTC.
    Summer, a post just after midnight (its day the site's, not UTC's), Nepal's +05:45."""
    out = tmp_path / "site"
    build_bundle([_wordpress_post("a", local, gmt)], out, settings())
    [item] = json.loads((out / "it" / "feed.json").read_text(encoding="utf-8"))["items"]
    assert item["date_published"] == published
    page = (out / "it" / "titolo-a.html").read_text(encoding="utf-8")
    assert f'<time datetime="{published}">' in page
    day, month = shown
    assert format_date(dt_date(2024, month, day), format="long", locale="it") in page


def test_a_post_sorts_by_its_instant_and_an_edited_or_odd_gmt_time_changes_nothing(tmp_path):
    """The other direction: a date edited since (not the post's own) or a difference no
    time zone has (3 h 7 min, 20 h) leaves the date as it is, taken as UTC."""
    out = tmp_path / "site"
    italian = _wordpress_post("a", "2024-11-30T09:15:00", "2024-11-30T08:15:00")  # 08:15Z
    later = make_article("b", "Titolo b", date="2024-11-30T08:30:00")  # 08:30Z
    edited = _wordpress_post("c", "2024-11-30T07:00:00", "2024-11-30T06:00:00")
    edited.meta["date"] = "2024-11-29T07:00:00"
    odd = _wordpress_post("d", "2024-11-28T10:00:00", "2024-11-28T06:53:00")
    far = _wordpress_post("e", "2024-11-27T22:00:00", "2024-11-27T02:00:00")
    build_bundle([italian, later, edited, odd, far], out, settings())
    items = json.loads((out / "it" / "feed.json").read_text(encoding="utf-8"))["items"]
    assert [i["date_published"] for i in items] == [
        "2024-11-30T08:30:00Z",
        "2024-11-30T09:15:00+01:00",
        "2024-11-29T07:00:00Z",
        "2024-11-28T10:00:00Z",
        "2024-11-27T22:00:00Z",
    ]


@pytest.mark.parametrize("title", ["   ", "\u00a0\u3000", "\u200b\u00ad", "\u2028\u200e"])
def test_a_title_that_shows_nothing_gives_the_article_id(tmp_path, title):
    """A title of spaces, no-break or ideographic spaces, a zero-width space and a soft
    hyphen, a line separator and a direction mark made an `<h1>`, a `<title>` and an index
    link with nothing to see or click (an empty title gave the id)."""
    out = tmp_path / "site"
    build_bundle([make_article("blank-one", title)], out, settings())
    html = page_of(out, "it", "blank-one").read_text(encoding="utf-8")
    assert "<h1>blank-one</h1>" in html and "<title>blank-one – " in html
    index = (out / "it" / "index.html").read_text(encoding="utf-8")
    assert f'{page_of(out, "it", "blank-one").name}">blank-one</a>' in index
    feed = json.loads((out / "it" / "feed.json").read_text(encoding="utf-8"))
    assert feed["items"][0]["title"] == "blank-one"


@pytest.mark.parametrize("blank", ["", "   ", "\u200b", "<g1></g1>"])
def test_a_translated_title_that_shows_nothing_is_a_qa_issue_naming_the_document(tmp_path, blank):
    """A hand-edited document whose ``en`` title is blank, invisible or markup alone was
    published titled with the document id (or ``&lt;g1&gt;``) with no notice: the page
    gets a ``bundle.blank_title`` issue naming the document (a QA notice by default, held
    under ``qa_policy = "hold"``); the other languages' pages are untouched."""
    article = make_article("porto-lede", "Il piano del porto")
    title = next(b for b in article.blocks if b.kind == "title")
    title.segments[0].translations["en"].text = blank
    out = tmp_path / "site"
    report = build_bundle([article], out, settings())
    issues = {p.lang: [i.check for i in p.issues] for p in report.published + report.held}
    assert issues.get("en") == ["bundle.blank_title"] and not issues.get("fr")
    assert "document porto-lede" in report.summary() and QA_NOTICE in page_of(
        out, "en", "porto-lede"
    ).read_text(encoding="utf-8")
    held = build_bundle([article], tmp_path / "held", settings(qa_policy="hold"))
    assert [p.lang for p in held.held] == ["en"]


@pytest.mark.parametrize("title", ["!!! ??? ...", "·", "…", "🔥"])
def test_a_title_of_punctuation_or_symbols_is_kept(tmp_path, title):
    """The other direction: a title that shows something, if no word, is the title."""
    out = tmp_path / "site"
    build_bundle([make_article("signs", title)], out, settings())
    assert f"<h1>{title}</h1>" in page_of(out, "it", "signs").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("names", "shown"),
    [
        (["Cronaca", "Politica"], {"it": "Cronaca e Politica", "en": "Cronaca and Politica",
                                   "fr": "Cronaca et Politica"}),
        (["Cronaca", "Politica", "Esteri"], {"it": "Cronaca, Politica e Esteri",
                                             "en": "Cronaca, Politica, and Esteri",
                                             "fr": "Cronaca, Politica et Esteri"}),
    ],
)  # fmt: skip
def test_a_list_of_categories_is_shown_as_a_list_in_each_language(tmp_path, names, shown):
    """Markdown front matter `category: [Cronaca, Politica]` reached every page's kicker
    and categories line, the index and the feed's tags as `['Cronaca', 'Politica']`."""
    article = make_article(category=None)
    article.meta["category"] = names
    out = tmp_path / "site"
    build_bundle([article], out, settings())
    for lang, label in shown.items():
        page = page_of(out, lang).read_text(encoding="utf-8")
        assert f'<p class="kicker">{label}</p>' in page and "[&#39;" not in page
        assert f'<p class="kicker">{label}</p>' in (out / lang / "index.html").read_text()
        [item] = json.loads((out / lang / "feed.json").read_text(encoding="utf-8"))["items"]
        assert item["tags"] == names


def test_one_category_is_still_shown_alone_in_the_pages_language(tmp_path):
    """The other direction: a category block (a page's kicker, catalog-matched) and a
    front-matter category of one name."""
    out = tmp_path / "site"
    one = make_article("one", "Uno", category=None)
    one.meta["category"] = "Cronaca"
    build_bundle([make_article(), one], out, settings())
    italy = translations("fr").dgettext("categories", "Italy")
    assert f'<p class="kicker">{italy}</p>' in page_of(out, "fr").read_text(encoding="utf-8")
    assert '<p class="kicker">Cronaca</p>' in page_of(out, "fr", "one").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("title", "body_tail"),
    [("<g1></g1>", " <x7/>"), ("<g1> </g1>", "<g2></g2>"), ("<x3/>", " <g4>x</g4>")],
)
def test_no_page_of_the_site_shows_placeholder_markup(tmp_path, title, body_tail):
    """A translated title of an empty inline-code pair (``<g1></g1>``) over a plain source
    title showed its markers on the page (``<h1>``, ``<title>``), the index link and the
    feed; a placeholder the block has no entry for in the body, its index teaser and feed
    text too. No page shows one: the title is the document id (and a
    ``bundle.blank_title`` issue), the body its words."""
    article = make_article("porto-lede", "Il piano del porto")
    next(b for b in article.blocks if b.kind == "title").segments[0].translations["en"].text = title
    first = next(b for b in article.blocks if b.kind == "paragraph").segments[0]
    first.translations["en"].text += body_tail
    out = tmp_path / "site"
    report = build_bundle([article], out, settings())
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json"):
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"(?:<|&lt;|\\u003c)/?[gx]\d", text), (path, text)
    assert "<h1>porto-lede</h1>" in page_of(out, "en", "porto-lede").read_text(encoding="utf-8")
    assert [i.check for p in report.published if p.lang == "en" for i in p.issues] == [
        "bundle.blank_title"
    ]


def test_marker_shaped_text_the_source_writes_stays_on_the_page(tmp_path):
    """The other direction: ``<g1>`` that the source article itself writes as text (an
    article about markup) is its text, shown in every language."""
    article = make_article("segnaposto", "Il segnaposto <g1> spiegato")
    title = next(b for b in article.blocks if b.kind == "title").segments[0]
    title.translations["en"].text = "The <g1> placeholder explained"
    out = tmp_path / "site"
    build_bundle([article], out, settings())
    page = page_of(out, "en", "segnaposto").read_text(encoding="utf-8")
    assert "<h1>The &lt;g1&gt; placeholder explained</h1>" in page


def test_each_category_block_under_a_label_is_shown(tmp_path):
    """A page's ``Categorie`` label over several categories, one a line, is several
    category blocks (readers.page): the bundle showed the first only."""
    from bundle_fixtures import _chrome

    article = make_article()
    at = next(i for i, b in enumerate(article.blocks) if b.kind == "category")
    article.blocks.insert(at + 1, _chrome("b2b", "category", "Politica", "Politics", "categories"))
    out = tmp_path / "site"
    build_bundle([article], out, settings())
    page = page_of(out, "en").read_text(encoding="utf-8")
    assert '<p class="kicker">Italy and Politics</p>' in page, page
    [item] = json.loads((out / "en" / "feed.json").read_text(encoding="utf-8"))["items"]
    assert item["tags"] == ["Italy", "Politics"]


def test_a_body_that_opens_with_its_byline_gets_no_second_one(tmp_path):
    """A Markdown line "di Giulia Rossi" or an HTML page's byline paragraph already names the
    author at the top of the body: the header's byline would print the name twice (trial)."""
    opened = make_article()
    opened.meta["author"] = "Giulia Rossi"
    first = next(b for b in opened.blocks if b.kind == PARAGRAPH)
    first.text = first.segments[0].source = "di Giulia Rossi"
    later = make_article("later", "Altro titolo")
    later.meta["author"] = "Giulia Rossi"
    build_bundle([opened, later], tmp_path / "site", settings())
    for lang in ("it", "en"):
        assert 'class="author"' not in page_of(tmp_path / "site", lang).read_text()
        assert 'class="author"' in page_of(tmp_path / "site", lang, "later").read_text()
