"""Files of the site bundle: slugs, sitemaps, feeds, determinism, atomic replacement, CLI."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bundle_fixtures import make_article, parse_page

import pipeline.bundle.output as output
from pipeline.bundle import build_bundle
from pipeline.bundle.slugs import assign_slugs, slugify
from pipeline.cli import main
from pipeline.config import BundleSettings
from pipeline.errors import OutputError

BASE = "https://news.example.org"
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
EVIL_TITLES = ["../../etc/passwd", "/abs/path", "", "C:\\Windows\\x", "Città già", "Città già", "…"]


def settings(**kw) -> BundleSettings:
    return BundleSettings(base_url=BASE, **kw)


def evil_articles() -> list:
    return [make_article(f"a{i}", title) for i, title in enumerate(EVIL_TITLES)]


def all_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def local(url: str, site: Path) -> Path:
    assert url.startswith(BASE + "/"), url
    path = site / url[len(BASE) + 1 :]
    return path / "index.html" if url.endswith("/") else path


def test_slugify_gives_ascii_without_path_characters():
    assert slugify("Città è già: perché?") == "citta-e-gia-perche"
    assert slugify("Straße für Łódź") == "strasse-fur-lodz"
    for text in EVIL_TITLES + ["Путин", "\x00..\\//", "a" * 500]:
        slug = slugify(text)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*|", slug) and len(slug) <= 80


def test_assign_slugs_is_unique_and_independent_of_order():
    items = [(f"id{i}", t) for i, t in enumerate(EVIL_TITLES + ["index", "Città-già"])]
    slugs = assign_slugs(items)
    assert len(set(slugs.values())) == len(items)
    assert all(s and s not in ("index", "feed", "sitemap") for s in slugs.values())
    assert assign_slugs(list(reversed(items))) == slugs
    assert slugs["id2"] == "id2"  # an empty title falls back to the id


def test_an_articles_own_slug_is_never_another_ones_duplicate_suffix():
    """Two posts with the slug ``dup`` and a third whose own WordPress slug is ``dup-2``:
    the second ``dup`` took ``dup-2`` and the third became ``dup-2-2``, so its page name
    was no longer the slug the CMS gives it."""
    items = [("a", "dup"), ("b", "dup"), ("c", "dup-2"), ("d", "Index"), ("e", "index-article")]
    slugs = assign_slugs(items)
    assert slugs["c"] == "dup-2" and slugs["e"] == "index-article"
    assert {slugs["a"], slugs["b"]} == {"dup", "dup-3"}
    assert slugs["d"] not in ("index", "index-article") and len(set(slugs.values())) == 5
    assert assign_slugs(list(reversed(items))) == slugs


class _CountingSet(set):
    """A set that counts membership tests: what assigning N slugs costs, in steps."""

    lookups = 0

    def __contains__(self, item) -> bool:
        type(self).lookups += 1
        return super().__contains__(item)


@pytest.mark.parametrize("titles", ["Meteo", "Meteo {i}"])
def test_slugs_of_an_archive_cost_steps_in_proportion_to_its_size(monkeypatch, titles):
    """A daily column of one title (a "Meteo" for every day of the archive) tried each
    suffix from -2 for each article: 8,000 took 4 s, N articles N²/2 steps. The other
    direction: distinct titles. Counted, not timed; the slugs stay those of a plain
    search (the first free suffix, in article-id order)."""
    from pipeline.bundle import slugs as slugs_module

    monkeypatch.setattr(slugs_module, "set", _CountingSet, raising=False)
    counts = []
    for n in (200, 400):
        _CountingSet.lookups = 0
        items = [(f"a{i:04d}", titles.format(i=i)) for i in range(n)]
        slugs = assign_slugs(items)
        counts.append(_CountingSet.lookups)
        base = slugify(titles.format(i=0)) if "{i}" not in titles else None
        if base:
            assert [slugs[f"a{i:04d}"] for i in range(3)] == [base, f"{base}-2", f"{base}-3"]
        assert len(set(slugs.values())) == n
    assert counts[1] <= 2.5 * counts[0] and counts[1] <= 10 * 400, counts


def _paths(report) -> dict[str, str]:
    return {p.article: p.path for p in report.pages if p.lang == "en"}


def test_a_new_article_of_the_same_title_never_takes_a_published_url(tmp_path):
    """`m-second`, published as `crollo-a-genova.html`; a later `a-first` of the same
    title, earlier in id order, took that name and moved the published article to
    `crollo-a-genova-2.html`: every link to it then showed another article."""
    out, title = tmp_path / "site", "Crollo a Genova"
    first = build_bundle([make_article("m-second", title)], out, settings())
    assert _paths(first) == {"m-second": "en/crollo-a-genova.html"}
    both = [make_article("a-first", title), make_article("m-second", title)]
    again = build_bundle(both, out, settings())
    assert _paths(again) == {
        "m-second": "en/crollo-a-genova.html",
        "a-first": "en/crollo-a-genova-2.html",
    }
    assert "[en] Crollo a Genova" in (out / "en/crollo-a-genova.html").read_text()


def test_an_article_keeps_its_page_name_when_another_is_removed_or_its_title_changes(tmp_path):
    """The other inputs of the kind: the duplicate `dup-2` stays `dup-2` when `dup` goes
    (it moved to `dup`); the other direction: an article whose title changed gets the
    name of its new title, and a forged report entry names no page."""
    out = tmp_path / "site"
    build_bundle([make_article("a", "Dup"), make_article("b", "Dup")], out, settings())
    assert _paths(build_bundle([make_article("b", "Dup")], out, settings())) == {
        "b": "en/dup-2.html"
    }
    renamed = build_bundle([make_article("b", "Altro titolo")], out, settings())
    assert _paths(renamed) == {"b": "en/altro-titolo.html"}
    report = json.loads((out / "_report.json").read_text())
    for page in report["pages"]:
        page["path"] = "en/../../evil.html"
    (out / "_report.json").write_text(json.dumps(report))
    forged = build_bundle([make_article("b", "Altro titolo")], out, settings())
    assert _paths(forged) == {"b": "en/altro-titolo.html"}


def test_evil_titles_stay_inside_the_bundle(tmp_path):
    out = tmp_path / "deep" / "site"
    report = build_bundle(evil_articles(), out, settings())
    assert {p.name for p in tmp_path.iterdir()} == {"deep"}
    assert {p.name for p in (tmp_path / "deep").iterdir()} == {"site"}
    paths = [p.path for p in report.pages]
    assert len(set(paths)) == len(paths) == 3 * len(EVIL_TITLES)
    for p in paths:
        assert (out / p).resolve().is_relative_to(out.resolve()) and (out / p).is_file()
    assert all(re.fullmatch(r"[a-z]{2}/[a-z0-9-]+\.html", p) for p in paths)


def test_safe_target_refuses_escaping_paths(tmp_path):
    for rel in ("../x", "/etc/passwd", "a/../../x", "", "C:/x", "a\\..\\b"):
        with pytest.raises(OutputError):
            output.safe_target(tmp_path, rel)


def test_same_input_gives_byte_identical_bundle(tmp_path):
    articles = evil_articles() + [make_article(errors=("fr",))]
    build_bundle(articles, tmp_path / "one", settings())
    shuffled = evil_articles() + [make_article(errors=("fr",))]
    random.Random(7).shuffle(shuffled)
    build_bundle(shuffled, tmp_path / "two", settings())
    one, two = all_files(tmp_path / "one"), all_files(tmp_path / "two")
    assert one.keys() == two.keys() and len(one) > 20
    assert [k for k in one if one[k] != two[k]] == []


def test_sitemaps_parse_and_carry_all_alternates(tmp_path):
    out = tmp_path / "site"
    build_bundle([make_article(), make_article("b", "Altro", date=None)], out, settings())
    index = ET.parse(out / "sitemap.xml").getroot()
    assert index.tag == f"{{{NS['sm']}}}sitemapindex"
    locs = [e.text for e in index.findall("sm:sitemap/sm:loc", NS)]
    assert locs == [f"{BASE}/{lg}/sitemap.xml" for lg in ("it", "en", "fr")]
    for loc in locs:
        urlset = ET.parse(local(loc, out)).getroot()
        urls = urlset.findall("sm:url", NS)
        assert len(urls) == 3  # the index page and two articles
        for url in urls:
            page = local(url.find("sm:loc", NS).text, out)
            assert page.is_file()
            links = {x.get("hreflang"): x.get("href") for x in url.findall("xhtml:link", NS)}
            assert set(links) == {"it", "en", "fr", "x-default"}
            assert url.find("sm:loc", NS).text in links.values()
            assert all(local(h, out).is_file() for h in links.values())
            if page.name != "index.html":
                assert parse_page(page).hreflangs() == links


def test_feeds_are_json_feed_1_1(tmp_path):
    out = tmp_path / "site"
    build_bundle([make_article(), make_article("b", "Altro", date="2024-12-05")], out, settings())
    robots = (out / "robots.txt").read_text()
    assert f"Sitemap: {BASE}/sitemap.xml" in robots
    for lang in ("it", "en", "fr"):
        feed = json.loads((out / lang / "feed.json").read_text(encoding="utf-8"))
        assert feed["version"] == "https://jsonfeed.org/version/1.1"
        assert feed["language"] == lang and feed["title"]
        assert local(feed["home_page_url"], out).is_file()
        assert local(feed["feed_url"], out) == out / lang / "feed.json"
        dates = [dt.datetime.fromisoformat(i["date_published"]) for i in feed["items"]]
        assert dates == sorted(dates, reverse=True) and all(d.tzinfo for d in dates)
        for item in feed["items"]:
            assert item["id"] and item["content_text"] and local(item["url"], out).is_file()


def test_rebuild_replaces_the_previous_bundle(tmp_path):
    out = tmp_path / "site"
    build_bundle([make_article("old", "Vecchio")], out, settings())
    build_bundle([make_article("new", "Nuovo")], out, settings())
    names = {p.name for p in out.rglob("*.html")}
    assert "nuovo.html" in names and "vecchio.html" not in names
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_failed_build_leaves_the_old_bundle_untouched(tmp_path, monkeypatch):
    out = tmp_path / "site"
    build_bundle([make_article()], out, settings())
    before = all_files(out)
    real = output.safe_target
    calls = []

    def failing(root, rel):
        calls.append(rel)
        if len(calls) == 5:
            raise OSError(28, "No space left on device")
        return real(root, rel)

    monkeypatch.setattr(output, "safe_target", failing)
    with pytest.raises(OutputError, match="No space left"):
        build_bundle([make_article("other", "Altro")], out, settings())
    assert all_files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no staging left over


@pytest.mark.parametrize(
    ("code", "fix"),
    [(28, "free space on that disk"), (13, "make it writable"), (21, "move it away")],
)
def test_a_failed_build_says_the_cause_and_the_fix_not_the_staging_path(
    tmp_path, monkeypatch, code, fix
):
    """The line was Python's "[Errno 28] No space left on device: '…/.site.PID.X.new/en/…'",
    naming a staging folder already removed and no way out."""
    out = tmp_path / "site"
    build_bundle([make_article()], out, settings())
    before = all_files(out)
    real = output.safe_target

    def failing(root, rel):
        if rel.startswith("en/"):
            raise OSError(code, os.strerror(code), str(root / rel))
        return real(root, rel)

    monkeypatch.setattr(output, "safe_target", failing)
    with pytest.raises(OutputError) as err:
        build_bundle([make_article("other", "Altro")], out, settings())
    message = str(err.value)
    assert message.startswith(f"cannot write the bundle into {out}: {os.strerror(code)}; ")
    assert "nothing was changed: " in message and fix in message and ".new" not in message
    assert all_files(out) == before and sorted(p.name for p in tmp_path.iterdir()) == ["site"]


@pytest.mark.parametrize("code", [13, 30, 28])  # EACCES, EROFS, ENOSPC
def test_a_parent_folder_that_cannot_take_the_staging_folder_is_named(tmp_path, monkeypatch, code):
    """A writable site folder under a root-owned /srv/www failed with "cannot create a
    folder beside /srv/www/site: Permission denied": nothing said the folder above is
    written to, or what to do."""
    import tempfile

    out = tmp_path / "www" / "site"
    build_bundle([make_article()], out, settings())
    before = all_files(out)

    def refused(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(tempfile, "mkdtemp", refused)
    with pytest.raises(OutputError) as err:
        build_bundle([make_article("other", "Altro")], out, settings())
    message = str(err.value)
    assert message.startswith(f"cannot create a folder beside {out}: {os.strerror(code)}; ")
    assert f"built in {out.parent} and swapped in whole, so that folder must be writable" in (
        message
    )
    assert message.endswith(
        {
            13: f"(chmod u+w {out.parent}, or run as its owner) or choose another output "
            "folder (--out)",
            30: "give --out a folder on a writable disk (such as --out $HOME/mtpipe-out)",
            28: "(or choose another --out)",
        }[code]
    )
    monkeypatch.undo()
    assert all_files(out) == before


@pytest.mark.parametrize("earlier", [False, True])
def test_a_mount_point_as_the_site_folder_is_refused_with_the_folder_to_give(
    tmp_path, monkeypatch, capsys, earlier
):
    """A volume mounted as the web root (`docker run -v ...:/srv/site`, `--out /srv/site`)
    cannot be renamed: the build failed "Device or resource busy" with no fix, after
    staging the site, and left an empty `.old` folder beside it. Empty, or holding an
    earlier bundle: refused first, the folder to give named, nothing changed."""
    out = tmp_path / "site"
    out.mkdir()
    if earlier:
        build_bundle([make_article()], out, settings())
    before = all_files(out)
    real = os.path.ismount
    monkeypatch.setattr(os.path, "ismount", lambda p: Path(p) == out or real(p))
    docs = tmp_path / "docs"
    from pipeline.writers import write_article

    write_article(make_article("other", "Altro"), docs, {"json"})
    assert main(["bundle", str(docs), "--out", str(out), "--base-url", "https://example.org"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"mtpipe: error: {out} is a mount point") and err.count("\n") == 1
    assert f"give a folder inside it (--out {out / 'site'})" in err
    assert all_files(out) == before and sorted(p.name for p in tmp_path.iterdir()) == [
        "docs",
        "site",
    ]


@pytest.mark.parametrize("code", [16, 18])  # EBUSY, EXDEV: a bind mount ismount cannot tell
def test_a_site_folder_that_cannot_be_renamed_leaves_nothing_beside_it(tmp_path, monkeypatch, code):
    """A bind mount of a folder of the same file system is no mount point to
    `os.path.ismount`; its rename fails at the swap. The line says what it likely is and
    what to give, and no staging or `.old` folder is left beside it."""
    out = tmp_path / "site"
    build_bundle([make_article()], out, settings())
    before = all_files(out)
    real = os.replace

    def busy(src, dst):
        if Path(src) == out:
            raise OSError(code, os.strerror(code))
        return real(src, dst)

    monkeypatch.setattr(os, "replace", busy)
    with pytest.raises(OutputError) as err:
        build_bundle([make_article("other", "Altro")], out, settings())
    monkeypatch.undo()
    message = str(err.value)
    assert message.startswith(f"cannot write the bundle into {out}: {os.strerror(code)}; ")
    assert "cannot be renamed (a mount point" in message and f"--out {out / 'site'}" in message
    assert all_files(out) == before and sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_refuses_to_replace_a_folder_it_did_not_write(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    with pytest.raises(OutputError, match="did not write"):
        build_bundle([make_article()], out, settings())
    assert (out / "notes.txt").read_text() == "keep me"


def test_cli_bundles_a_folder_of_documents(tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    for a in (make_article(), make_article("b", "Altro", errors=("en",))):
        (docs / f"{a.id}.json").write_text(json.dumps(a.to_dict()), encoding="utf-8")
    (docs / "b.qa.json").write_text('{"findings": []}')  # b's QA report: passed silently
    (docs / "notes.json").write_text('{"findings": []}')  # another tool's: counted
    out = tmp_path / "site"
    rc = main(["bundle", str(docs), "--out", str(out), "--qa-policy", "hold", "--base-url", BASE])
    printed = capsys.readouterr().out
    assert rc == 0
    assert "skipped 1 JSON file that is not a document: notes.json\n" in printed
    assert "1 held" in printed and "en/altro.html" in printed
    assert (out / "it" / "altro.html").is_file() and not (out / "en" / "altro.html").exists()


def test_cli_reports_missing_input_with_exit_code(tmp_path, capsys):
    rc = main(["bundle", str(tmp_path / "nope"), "--out", str(tmp_path / "site")])
    assert rc == 3 and "no such file" in capsys.readouterr().err


def test_staging_of_a_killed_bundle_is_removed_by_the_next_one(tmp_path):
    out = tmp_path / "site"
    build_bundle([make_article()], out, settings())
    stale = [tmp_path / ".site.999999999.abc.new", tmp_path / ".site.999999998.xyz.old"]
    for folder in stale:
        (folder / "it").mkdir(parents=True)
    build_bundle([make_article("b", "Altro")], out, settings())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_bundle_killed_between_the_renames_gets_its_old_site_back(tmp_path):
    out = tmp_path / "site"
    build_bundle([make_article()], out, settings())
    before = all_files(out)
    out.rename(tmp_path / ".site.999999999.abc.old")  # kill -9 after moving the old site aside
    (tmp_path / ".site.999999999.def.new").mkdir()
    assert output.remove_stale_staging(out)
    assert all_files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_wordpress_post_keeps_its_slug_as_every_language_page_name(tmp_path):
    from format_fixtures import POST, translated

    article, _ = translated(POST)
    assert article.meta["slug"] == "belousov-pyongyang"
    report = build_bundle([article], tmp_path / "site", settings())
    paths = sorted(p.path for p in report.pages if p.article == article.id)
    assert paths == [f"{lg}/belousov-pyongyang.html" for lg in ("en", "fr", "it")]
    assert (tmp_path / "site" / "en" / "belousov-pyongyang.html").is_file()


def test_a_title_with_inline_markup_gives_a_slug_without_markers(tmp_path):
    from format_fixtures import POST, translated

    article, _ = translated(POST)
    del article.meta["slug"]
    assert "<g1>" in article.title  # the title block carries a marker
    report = build_bundle([article], tmp_path / "site", settings())
    paths = {p.path for p in report.pages if p.article == article.id}
    assert paths == {
        f"{lg}/belousov-a-pyongyang-legami-piu-forti.html" for lg in ("en", "fr", "it")
    }
    assert slugify("Legami <g1>più forti</g1><x2/>") == "legami-piu-forti"
    assert slugify("citt%C3%A0-nuova") == "citta-nuova"  # WordPress stores slugs encoded


def test_a_document_given_twice_is_one_article_and_two_of_one_id_are_named(tmp_path, capsys):
    """A folder and a file in it are one document; two files of one id name both."""
    from pipeline.cli import main
    from pipeline.writers import write_article

    write_article(make_article(), tmp_path / "a", {"json"})
    write_article(make_article(), tmp_path / "b", {"json"})
    first, again = tmp_path / "a", tmp_path / "a" / "kim-belousov.json"
    assert main(["bundle", str(first), str(again), "--out", str(tmp_path / "site")]) == 0
    capsys.readouterr()
    assert main(["bundle", str(first), str(tmp_path / "b"), "--out", str(tmp_path / "s2")]) == 3
    err = capsys.readouterr().err
    other = tmp_path / "b" / "kim-belousov.json"
    assert f"{again} and {other} are both article 'kim-belousov'" in err
    assert not (tmp_path / "s2").exists()


def test_a_folder_whose_documents_are_in_subfolders_names_them(tmp_path, capsys):
    """After `make demo` the documents are in out/demo; "no mtpipe documents in out" alone
    left the user guessing (`mtpipe bundle` reads only the folder's own files)."""
    from pipeline.writers import write_article

    out = tmp_path / "out"
    write_article(make_article(), out / "demo", {"json"})
    (out / "notes").mkdir()
    (out / "notes" / "x.json").write_text('{"a": 1}', encoding="utf-8")
    assert main(["bundle", str(out), "--out", str(tmp_path / "site")]) == 3
    err = capsys.readouterr().err
    assert f"no mtpipe documents in {out}; subfolders are not read" in err
    assert str(out / "demo") in err and "notes" not in err and err.count("\n") == 1
    assert not (tmp_path / "site").exists()
    assert main(["bundle", str(out / "demo"), "--out", str(tmp_path / "site")]) == 0


@pytest.mark.parametrize("damage", ["comma", "cut short", "cut in a string", "indented"])
def test_a_document_that_no_longer_parses_is_named_not_skipped(tmp_path, capsys, damage):
    """An edit that broke a comma, or a copy cut short, made the article "not a document":
    `bundle: skipped 1 JSON files that are not documents` (nothing at all with --quiet),
    the site built without it, exit 0."""
    from pipeline.writers import write_article

    docs = tmp_path / "docs"
    write_article(make_article(), docs, {"json"})
    write_article(make_article("other", "Altro"), docs, {"json"})
    doc = docs / "other.json"
    text = doc.read_text(encoding="utf-8")
    if damage == "indented":
        text = json.dumps(json.loads(text), indent=2, ensure_ascii=False)
    broken = {
        "comma": text.replace('"blocks":', '"blocks":,', 1),
        "cut short": text[: len(text) // 2],
        "cut in a string": text[: text.index("Altro") + 2],
        "indented": text[: len(text) - 40],
    }[damage]
    doc.write_text(broken, encoding="utf-8")
    site = tmp_path / "site"
    assert main(["bundle", str(docs), "--out", str(site), "--quiet"]) == 3
    err = capsys.readouterr().err
    assert err.startswith(f"mtpipe: error: {doc}: ") and err.count("\n") == 1
    assert "repair it (or move it away" in err and not site.exists()


def test_json_of_other_tools_beside_the_documents_is_still_skipped(tmp_path, capsys):
    from pipeline.writers import write_article

    docs = tmp_path / "docs"
    write_article(make_article(), docs, {"json"})
    (docs / "notes.json").write_text("{not json at all", encoding="utf-8")
    (docs / "a.qa.json").write_text('{"summary": {"error": 0}}', encoding="utf-8")
    site = tmp_path / "site"
    assert main(["bundle", str(docs), "--out", str(site)]) == 0
    assert "skipped 2 JSON files that are not documents" in capsys.readouterr().out


def test_outputs_mtpipe_wrote_beside_a_document_are_not_counted_as_other_tools(tmp_path, capsys):
    """Bundling the output folder of a WordPress site said "skipped 2 JSON files that are
    not documents: post.en.wp.json, post.fr.wp.json", naming two files per post on every
    build: mtpipe's own outputs beside the document (`ID.LANG.wp.json`, a JSON QA report
    `ID.qa.json`; an id with a dot, `a.b`) pass silently. The other direction: a
    `.wp.json` of no document there is still counted and named."""
    from pipeline.writers import write_article

    docs = tmp_path / "docs"
    write_article(make_article("post", "Primo"), docs, {"json"})
    write_article(make_article("a.b", "Secondo"), docs, {"json"})
    body = json.dumps({"title": "x", "content": "<p>x</p>", "excerpt": "", "status": "draft"})
    for name in ("post.en.wp.json", "post.fr.wp.json", "post.qa.json", "a.b.en.wp.json"):
        (docs / name).write_text(body, encoding="utf-8")
    site = tmp_path / "site"
    assert main(["bundle", str(docs), "--out", str(site)]) == 0
    assert "skipped" not in capsys.readouterr().out
    (docs / "gone.en.wp.json").write_text(body, encoding="utf-8")
    assert main(["bundle", str(docs), "--out", str(site)]) == 0
    out = capsys.readouterr().out
    assert "skipped 1 JSON file that is not a document: gone.en.wp.json\n" in out


def test_a_folder_of_many_other_json_files_is_one_short_line(tmp_path, capsys):
    """Every skipped name was listed: a folder of thousands of other JSON files made a
    line of thousands of names. Five are named, then how many more."""
    from pipeline.writers import write_article

    docs = tmp_path / "docs"
    write_article(make_article(), docs, {"json"})
    for i in range(12):
        (docs / f"export-{i:02d}.json").write_text("{}", encoding="utf-8")
    assert main(["bundle", str(docs), "--out", str(tmp_path / "site")]) == 0
    [line] = [ln for ln in capsys.readouterr().out.splitlines() if "skipped" in ln]
    assert line == (
        "bundle: skipped 12 JSON files that are not documents: export-00.json, "
        "export-01.json, export-02.json, export-03.json, export-04.json and 7 more"
    )


@pytest.mark.parametrize(
    ("base", "says"),
    [
        ("https://editor:s3cret@example.org/", "user name or password"),
        ("https://editor@example.org/news", "user name or password"),
        ("http://:s3cret@example.org/", "user name or password"),
        ("https://example.org:99999/", "port no URL can have"),
        ("https://example.org:http/", "port no URL can have"),
    ],
)
def test_a_base_url_that_would_publish_credentials_or_dead_links_is_exit_2(
    tmp_path, capsys, base, says
):
    """`--base-url https://editor:s3cret@example.org/` built a site whose every canonical
    link, hreflang, sitemap and feed entry carried the password."""
    from pipeline.writers import write_article

    write_article(make_article(), tmp_path / "docs", {"json"})
    site = tmp_path / "site"
    assert main(["bundle", str(tmp_path / "docs"), "--out", str(site), "--base-url", base]) == 2
    err = capsys.readouterr().err
    assert "bundle.base_url" in err and says in err and err.count("\n") == 1
    assert "s3cret" not in err and not site.exists()


@pytest.mark.parametrize("base", ["https://example.org:8443/news", "http://127.0.0.1:8000"])
def test_a_base_url_with_a_port_and_a_path_builds(tmp_path, base):
    from pipeline.writers import write_article

    write_article(make_article(), tmp_path / "docs", {"json"})
    site = tmp_path / "site"
    assert main(["bundle", str(tmp_path / "docs"), "--out", str(site), "--base-url", base]) == 0
    assert f"Sitemap: {base.rstrip('/')}/sitemap.xml" in (site / "robots.txt").read_text()


@pytest.mark.parametrize(
    ("action", "code"),
    [
        ("javascript:alert(1)", 2),
        ("JaVaScRiPt:alert(1)", 2),
        ("data:text/html,<script>alert(1)</script>", 2),
        ("//elsewhere.example/post", 2),
        ("https://comments.example.net/wp-comments-post.php", 0),
        ("/wp-comments-post.php", 0),
    ],
)
def test_comment_action_must_be_a_web_url_or_a_site_path(tmp_path, capsys, action, code):
    """`[bundle] comment_action` went into the comment form's action as it was."""
    from pipeline.writers import write_article

    write_article(make_article(), tmp_path / "docs", {"json"})
    cfg = tmp_path / "site.toml"
    cfg.write_text(f"[bundle]\ncomment_action = {json.dumps(action)}\n", encoding="utf-8")
    site = tmp_path / "site"
    argv = ["--config", str(cfg), "bundle", str(tmp_path / "docs"), "--out", str(site)]
    assert main(argv) == code
    if code:
        err = capsys.readouterr().err
        assert "bundle.comment_action" in err and err.count("\n") == 1 and str(cfg) in err
        assert not site.exists()
    else:
        forms = {
            m for p in site.rglob("*.html") for m in re.findall(r'action="([^"]*)"', p.read_text())
        }
        assert forms == {action}


@pytest.mark.parametrize(
    "report",
    [
        b"{}",
        b'{"pages": []}',
        b'{"generator": "another tool"}',
        b"not json",
        b"\xff\xfe",
        b'["mtpipe bundle"]',
        "folder",
        "link to a real report",
    ],
)
def test_a_report_mtpipe_did_not_write_does_not_make_a_folder_replaceable(tmp_path, report):
    """Any ``_report.json`` (another tool's, ``{}``) made a folder "an earlier bundle":
    its whole content, ``thesis.tex`` too, was replaced by the site."""
    real = tmp_path / "site"
    build_bundle([make_article()], real, settings())
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.tex").write_text("keep me")
    marker = out / output.MARKER
    if report == "folder":
        marker.mkdir()
    elif report == "link to a real report":
        marker.symlink_to(real / output.MARKER)
    else:
        marker.write_bytes(report)
    with pytest.raises(OutputError, match="did not write"):
        build_bundle([make_article()], out, settings())
    assert (out / "thesis.tex").read_text() == "keep me"
    build_bundle([make_article("new", "Nuovo")], real, settings())  # a real bundle still is


@pytest.mark.parametrize(("locale", "code"), [("de", 2), ("zh", 2), ("EN", 0), ("it", 0)])
def test_a_default_locale_no_document_has_is_a_usage_error(tmp_path, capsys, locale, code):
    """``--default-locale de`` for Italian/English documents was ignored unsaid: the root
    page took the first locale and x-default the Italian pages."""
    docs = tmp_path / "docs"
    docs.mkdir()
    a = make_article()
    (docs / f"{a.id}.json").write_text(json.dumps(a.to_dict()), encoding="utf-8")
    out = tmp_path / "site"
    argv = ["bundle", str(docs), "--out", str(out), "--base-url", BASE, "--quiet"]
    assert main([*argv, "--default-locale", locale]) == code
    err = capsys.readouterr().err
    assert out.exists() == (code == 0)
    if code:
        assert repr(locale) in err and "no document has it" in err


@pytest.mark.parametrize(
    "case", ["link", "relative-link", "under-link", "link-to-deeper", "loop", "beside-stale-old"]
)
def test_a_dangling_link_as_out_is_refused_naming_the_link_and_its_target(tmp_path, capsys, case):
    docs = tmp_path / "docs"
    docs.mkdir()
    article = make_article()
    (docs / f"{article.id}.json").write_text(json.dumps(article.to_dict()), encoding="utf-8")
    link = tmp_path / "site"
    target = {"relative-link": "gone", "link-to-deeper": str(tmp_path / "gone" / "deeper"),
              "loop": str(link)}.get(case, str(tmp_path / "gone"))  # fmt: skip
    link.symlink_to(target)
    out = link / "sub" if case == "under-link" else link
    stale = tmp_path / ".site.999999999.abc.old"  # a killed bundle's old site
    if case == "beside-stale-old":
        (stale / "it").mkdir(parents=True)
    rc = main(["bundle", str(docs), "--out", str(out), "--base-url", BASE])
    err = capsys.readouterr().err.strip()
    assert rc == OutputError.exit_code
    assert len(err.splitlines()) == 1 and f"{link} is a symbolic link to {target}" in err
    assert "does not exist" in err
    assert link.is_symlink() and os.readlink(link) == target  # was: replaced by the site
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["docs", "site", *([stale.name] if case == "beside-stale-old" else [])]
    )
    with pytest.raises(OutputError, match="symbolic link to"):  # the library call too
        build_bundle([article], out, settings())


@pytest.mark.parametrize("case", ["dangling", "to a folder", "to an earlier bundle"])
def test_a_link_as_out_gets_the_same_advice_before_and_after_its_target_exists(
    tmp_path, capsys, case
):
    """A dangling link was told "create the target or choose another --out"; once the
    target was created the next run refused the link itself ("give the real folder"):
    following the first line's fix led to the second refusal."""
    docs = tmp_path / "docs"
    docs.mkdir()
    article = make_article()
    (docs / f"{article.id}.json").write_text(json.dumps(article.to_dict()), encoding="utf-8")
    target = tmp_path / "real"
    if case == "to a folder":
        target.mkdir()
    elif case == "to an earlier bundle":
        build_bundle([article], target, settings())
    before = all_files(target) if target.exists() else None
    link = tmp_path / "site"
    link.symlink_to(target)
    rc = main(["bundle", str(docs), "--out", str(link), "--base-url", BASE])
    err = capsys.readouterr().err.strip()
    assert rc == OutputError.exit_code and len(err.splitlines()) == 1
    assert f"{link} is a symbolic link to {target}" in err and "give a real folder" in err
    assert "create the target" not in err
    assert ("does not exist" in err) == (case == "dangling")
    assert link.is_symlink() and (all_files(target) if target.exists() else None) == before


FRONT_TEXTS = {
    "description": "Una descrizione per i motori di ricerca.",
    "summary": "Un sommario che non è il testo.",
    "subtitle": "Un sottotitolo sopra il testo.",
    "excerpt": "Un estratto per gli elenchi.",
}


@pytest.mark.parametrize("source", ["markdown", *FRONT_TEXTS, "wordpress"])
def test_a_feed_items_content_is_the_body_without_excerpt_or_front_matter(tmp_path, source):
    from format_fixtures import POST, translated

    if source == "wordpress":  # its excerpt: "Il ministro russo a Pyongyang per rafforzare…"
        path, extra, body = POST, ["Il ministro russo a Pyongyang"], "Il ministro della Difesa"
    else:
        texts = FRONT_TEXTS if source == "markdown" else {source: FRONT_TEXTS[source]}
        front = "".join(f'{key}: "{text}"\n' for key, text in texts.items())
        path, extra, body = tmp_path / "notizia.md", list(texts.values()), "Il corpo del testo"
        path.write_text(f"---\ntitle: Titolo\n{front}---\n\n{body} resta.\n", encoding="utf-8")
    article, _ = translated(path, langs=("en",))
    assert sum(b.meta.get("part") is not None for b in article.blocks) == len(extra)
    article.meta["date"] = "2024-11-30"
    build_bundle([article], tmp_path / "site", settings())
    for lang, show in (("it", str), ("en", str.upper)):
        feed = json.loads((tmp_path / "site" / lang / "feed.json").read_text(encoding="utf-8"))
        [item] = feed["items"]
        assert show(body) in item["content_text"]
        for text in extra:  # was: after the body in every locale's feed
            assert show(text) not in item["content_text"]


def _docs_in_an_earlier_bundle(site: Path, sub: str) -> Path:
    """An earlier bundle in ``site`` and documents (and a memory) in ``site/sub``."""
    build_bundle([make_article("old", "Vecchio")], site, settings())
    docs = site / sub if sub else site
    docs.mkdir(exist_ok=True)
    a = make_article()
    (docs / f"{a.id}.json").write_text(json.dumps(a.to_dict()), encoding="utf-8")
    (docs / "memory.sqlite").write_bytes(b"SQLite format 3\0")
    return docs


@pytest.mark.parametrize(
    ("sub", "given"),
    [
        ("", "{site}"),
        ("docs", "{site}/docs"),
        ("docs", "{site}/docs/kim-belousov.json"),
        ("d", "{link}/d"),
    ],
)
def test_a_site_folder_that_is_or_holds_its_documents_is_exit_2(tmp_path, capsys, sub, given):
    """`bundle out --out out` and `bundle sx/docs --out sx` deleted ID.json and the memory."""
    site = tmp_path / "sx"
    docs = _docs_in_an_earlier_bundle(site, sub)
    (tmp_path / "link").symlink_to(site)
    before = all_files(site)
    doc = given.format(site=site, link=tmp_path / "link")
    rc = main(["bundle", doc, "--out", str(site), "--quiet"])
    err = capsys.readouterr().err
    assert rc == 2, err
    assert f"--out {site} " in err and doc in err
    assert all_files(site) == before and (docs / "memory.sqlite").is_file()


def test_the_default_site_folder_holding_the_default_documents_is_exit_2(tmp_path, capsys):
    site = tmp_path / "sx"
    _docs_in_an_earlier_bundle(site, "docs")
    before = all_files(site)
    cfg = tmp_path / "c.toml"
    cfg.write_text(f'[write]\nout_dir = "{site}/docs"\n[bundle]\nout_dir = "{site}"\n')
    rc = main(["--config", str(cfg), "bundle", "--quiet"])
    assert rc == 2 and "[bundle] out_dir" in capsys.readouterr().err
    assert all_files(site) == before


@pytest.mark.parametrize("out", ["docs/site", "docs-site", "do"])
def test_a_site_folder_beside_or_inside_the_documents_folder_builds(tmp_path, out):
    """Folders are not read recursively: a site in ``docs/site`` deletes none of ``docs``."""
    docs = tmp_path / "docs"
    docs.mkdir()
    a = make_article()
    (docs / f"{a.id}.json").write_text(json.dumps(a.to_dict()), encoding="utf-8")
    (docs / "memory.sqlite").write_bytes(b"SQLite format 3\0")
    for _ in range(2):  # the second build reads docs with the site inside it
        assert main(["bundle", str(docs), "--out", str(tmp_path / out), "--quiet"]) == 0
    assert (docs / f"{a.id}.json").is_file() and (docs / "memory.sqlite").is_file()
    assert (tmp_path / out / output.MARKER).is_file()


@pytest.mark.parametrize(
    ("base", "public"),
    [
        ("https://example.org/notizie-città", "https://example.org/notizie-citt%C3%A0"),
        ('https://Example.ORG/a<b>"c{d}|', "https://example.org/a%3Cb%3E%22c%7Bd%7D%7C"),
        ("https://example.org/50%-sconto/a%20b", "https://example.org/50%25-sconto/a%20b"),
    ],
)
def test_a_base_url_with_characters_a_uri_cannot_hold_is_written_escaped(tmp_path, base, public):
    """`--base-url https://example.org/notizie-città` went into every sitemap `<loc>`,
    canonical link, hreflang and feed URL as typed (the sitemaps protocol wants escaped
    URLs; `<` and `"` made no URL at all)."""
    from pipeline.writers import write_article

    write_article(make_article(), tmp_path / "docs", {"json"})
    site = tmp_path / "site"
    assert main(["bundle", str(tmp_path / "docs"), "--out", str(site), "--base-url", base]) == 0
    locs = re.findall(r"<loc>([^<]*)</loc>", (site / "sitemap.xml").read_text())
    assert locs and all(loc.startswith(f"{public}/") for loc in locs)
    page = parse_page(site / "en" / "index.html")
    assert page.canonical() == f"{public}/en/"
    assert all(href.startswith(public) for href in page.hreflangs().values())
    feed = json.loads((site / "en" / "feed.json").read_text(encoding="utf-8"))
    assert feed["feed_url"] == f"{public}/en/feed.json" and feed["items"][0]["url"].isascii()


@pytest.mark.parametrize(
    ("base", "public"),
    [
        ("https://example.org/a/../news", "https://example.org/news"),
        ("https://example.org/news/./", "https://example.org/news/"),
        ("https://example.org/%2e%2e/news/%2E/", "https://example.org/news/"),
        ("https://example.org:443/news", "https://example.org/news"),
        ("http://example.org:80/", "http://example.org/"),
        ("https://example.org/%7enews/a%2fb", "https://example.org/~news/a%2Fb"),
    ],
)
def test_a_base_url_is_written_as_the_url_a_browser_fetches(tmp_path, base, public):
    """`--base-url https://example.org/a/../news` went into every canonical link, hreflang,
    sitemap `<loc>` and feed URL with its dot segments, and `https://example.org:443` with
    its default port, while the pages are fetched at `https://example.org/news/...`: each
    link named a URL no page has (RFC 3986 normal form, section 6.2.2)."""
    from pipeline.writers import write_article

    write_article(make_article(), tmp_path / "docs", {"json"})
    site = tmp_path / "site"
    assert main(["bundle", str(tmp_path / "docs"), "--out", str(site), "--base-url", base]) == 0
    root = public.rstrip("/")
    locs = re.findall(r"<loc>([^<]*)</loc>", (site / "sitemap.xml").read_text())
    assert locs == [f"{root}/{lang}/sitemap.xml" for lang in ("it", "en", "fr")]
    page = parse_page(site / "en" / "index.html")
    assert page.canonical() == f"{root}/en/"
    assert page.hreflangs()["x-default"] == f"{root}/"
    feed = json.loads((site / "en" / "feed.json").read_text(encoding="utf-8"))
    assert feed["feed_url"] == f"{root}/en/feed.json"
    assert f"Sitemap: {root}/sitemap.xml" in (site / "robots.txt").read_text()


@pytest.mark.parametrize("base", ["https://bücher.example/", "https://straße.de/news"])
def test_a_base_url_whose_host_is_not_ascii_is_refused_naming_the_file(tmp_path, capsys, base):
    """Its ASCII form depends on the IDNA version (Python's codec makes `straße.de` the
    other domain `strasse.de`): the user gives the one their DNS has."""
    from pipeline.writers import write_article

    write_article(make_article(), tmp_path / "docs", {"json"})
    cfg = tmp_path / "site.toml"
    cfg.write_text(f"[bundle]\nbase_url = {json.dumps(base)}\n", encoding="utf-8")
    site = tmp_path / "site"
    argv = ["--config", str(cfg), "bundle", str(tmp_path / "docs"), "--out", str(site)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"mtpipe: error: {cfg}: config key bundle.base_url") and "xn--" in err
    assert not site.exists()


@pytest.mark.parametrize(
    ("name", "beside"),
    [
        ("_report.json", False),
        ("feed.json", False),
        ("art.aligned.jsonl", True),
        ("art.en.html", True),
    ],
)
def test_a_named_file_that_is_no_document_is_not_told_to_repair_it(tmp_path, capsys, name, beside):
    """`bundle site/_report.json` (or a feed, `ID.aligned.jsonl`, `ID.en.html`) was told
    "invalid JSON … repair it (or move it away …)", as if a document had been damaged;
    the other direction, a damaged document, still is (the test above)."""
    from pipeline.writers import write_article

    docs = tmp_path / "docs"
    write_article(make_article("art", "Titolo"), docs, {"json"})
    named = docs / name
    named.write_text('{"version": "x"}\n' if name.endswith(".json") else "{}\n{}\n")
    site = tmp_path / "site"
    assert main(["bundle", str(named), "--out", str(site)]) == 3
    err = capsys.readouterr().err
    assert err.startswith(f"mtpipe: error: {named}: not an mtpipe document") and "repair" not in err
    assert (f"its article's document is {docs / 'art.json'}" in err) == beside
    assert err.count("\n") == 1 and not site.exists()


def _sitemap_parts(out: Path, lang: str) -> list[Path]:
    return sorted((out / lang).glob("sitemap*.xml"), key=lambda p: (len(p.name), p.name))


@pytest.mark.parametrize(("limit", "value"), [("MAX_URLS", 3), ("MAX_BYTES", 2500)])
def test_a_locale_past_the_sitemap_limits_gets_parts_each_within_them(
    monkeypatch, tmp_path, limit, value
):
    """One sitemap file held every URL of a locale: an archive past 50,000 articles (or
    50 MiB of entries, with many locales) made a sitemap search engines refuse whole.
    With the limits lowered: each part within them, every page in exactly one part, the
    first part still LANG/sitemap.xml, and the root index listing every part."""
    import xml.etree.ElementTree as ET

    from pipeline.bundle import sitemap

    monkeypatch.setattr(sitemap, limit, value)
    out = tmp_path / "site"
    articles = [make_article(f"a{i}", f"Titolo {i}", date=f"2024-11-{i + 1:02d}") for i in range(7)]
    build_bundle(articles, out, BundleSettings(base_url="https://example.org/news"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    index_locs = [
        e.text for e in ET.parse(out / "sitemap.xml").getroot().findall("s:sitemap/s:loc", ns)
    ]
    for lang in ("it", "en", "fr"):
        parts = _sitemap_parts(out, lang)
        assert len(parts) > 1 and parts[0].name == "sitemap.xml"
        locs = []
        for part in parts:
            urls = ET.parse(part).getroot().findall("s:url/s:loc", ns)
            assert urls
            if limit == "MAX_URLS":
                assert len(urls) <= value
            else:
                assert part.stat().st_size <= value
            locs += [u.text for u in urls]
            assert f"https://example.org/news/{lang}/{part.name}" in index_locs
        pages = [f"https://example.org/news/{lang}/{p.name}" for p in (out / lang).glob("*.html")]
        expected = [u.replace("/index.html", "/") for u in pages]
        assert sorted(locs) == sorted(expected)  # every page once, in exactly one part
    assert len(index_locs) == sum(len(_sitemap_parts(out, lg)) for lg in ("it", "en", "fr"))
