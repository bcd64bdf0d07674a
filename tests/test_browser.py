"""The site bundle as a person sees it: headless Chromium against the bundle on localhost.

One browser session for the module. Per locale: the ``lang`` attribute, the
comment form's visible text in that language (expected strings read from the
catalogs), language-switcher links that land on a page in the linked
language, no console errors, no broken internal links (every ``<a href>`` and
``<link href>`` on the site), and one screenshot per locale in
``test-artifacts/screenshots/``. Skips with the reason only where Chromium
cannot start (not installed, or fails to launch); ``MTPIPE_CHROMIUM`` and
``MTPIPE_CHROMEDRIVER`` name other binaries than Debian's.
"""

from __future__ import annotations

import os
import shutil
import threading
import urllib.error
import urllib.request
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from bundle_fixtures import make_article, translated_sample

from pipeline.bundle import build_bundle
from pipeline.config import BundleSettings
from pipeline.langdata.catalogs import translations

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
LANGS = ("it", "en", "fr")
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--window-size=1280,1000",
)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory, sample_path):
    """The bundle of the sample (plus a tiny-model article with a QA notice), served locally."""
    root = tmp_path_factory.mktemp("served")
    out = root / "site"
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(out)))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    articles = [
        translated_sample(sample_path),
        make_article("second", "Un secondo articolo", date="2024-11-29", errors=("fr",), tiny=True),
    ]
    report = build_bundle(articles, out, BundleSettings(base_url=base, qa_policy="notice"))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base, report
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    webdriver = pytest.importorskip(
        "selenium.webdriver", reason="selenium is not installed (pip install '.[dev]')"
    )
    from selenium.common.exceptions import WebDriverException

    # Debian's packages by default; MTPIPE_CHROMIUM / MTPIPE_CHROMEDRIVER point elsewhere.
    chromium = os.environ.get("MTPIPE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    driver_path = (
        os.environ.get("MTPIPE_CHROMEDRIVER")
        or shutil.which("chromedriver")
        or "/usr/bin/chromedriver"
    )
    for exe in (chromium, driver_path):
        if not Path(exe).exists():
            pytest.skip(f"{exe} not found: install Debian's chromium and chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = webdriver.ChromeService(executable_path=driver_path)
    try:
        driver = webdriver.Chrome(service=service, options=options)
    except WebDriverException as exc:
        first = (exc.msg or str(exc)).strip().splitlines()[0]
        pytest.skip(f"headless Chromium cannot start: {first}")
    driver.set_page_load_timeout(15)
    yield driver
    driver.quit()


def _article_url(base: str, report, lang: str, article_id: str = "kim-belousov") -> str:
    [path] = [p.path for p in report.pages if p.lang == lang and p.article == article_id]
    return f"{base}/{path}"


def _visible(driver, css: str) -> str:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, css).text


def _screenshot(driver, path: Path) -> None:
    """The whole page: the window is stretched to the document's height first."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, min(max(height, 800), 6000))
    assert driver.save_screenshot(str(path)) and path.stat().st_size > 10_000
    driver.set_window_size(1280, 1000)


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_article_pages_show_lang_and_localised_comment_form(site, browser):
    base, report = site
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for lang in LANGS:
        t = translations(lang)
        browser.get(_article_url(base, report, lang))
        assert browser.execute_script("return document.documentElement.lang") == lang
        assert _visible(browser, "#reply-title") == t.gettext("Leave a Reply")
        form = _visible(browser, "#commentform")
        for msgid in (
            "Your email address will not be published.",
            "Name",
            "Email",
            "Website",
            "Save my name, email, and website in this browser for the next time I comment.",
        ):
            assert t.gettext(msgid) in form, (lang, msgid)
        assert t.gettext("Required fields are marked %s") % "*" in form
        assert t.pgettext("noun", "Comment") in form
        submit = browser.execute_script("return document.getElementById('submit').value")
        assert submit == t.gettext("Post Comment")
        _screenshot(browser, SCREENSHOTS / f"article-{lang}.png")
        browser.get(f"{base}/{lang}/index.html")
        _screenshot(browser, SCREENSHOTS / f"index-{lang}.png")
    print(f"\nscreenshots: {SCREENSHOTS}")


def test_language_switcher_lands_on_the_linked_language(site, browser):
    from selenium.webdriver.common.by import By

    base, report = site
    for lang in LANGS:
        for start in (_article_url(base, report, lang), f"{base}/{lang}/index.html"):
            browser.get(start)
            links = browser.find_elements(By.CSS_SELECTOR, "nav.languages a[hreflang]")
            targets = [(a.get_attribute("hreflang"), a.get_attribute("href")) for a in links]
            assert {t for t, _ in targets} == set(LANGS)
            for target_lang, href in targets:
                assert _status(href) == 200, href
                browser.get(start)
                browser.find_element(
                    By.CSS_SELECTOR, f'nav.languages a[hreflang="{target_lang}"]'
                ).click()
                assert browser.current_url == href
                assert browser.execute_script("return document.documentElement.lang") == target_lang


def test_no_console_errors_and_no_broken_internal_links(site, browser):
    base, _ = site
    origin = urlsplit(base).netloc
    browser.get_log("browser")  # drop what earlier tests left
    queue, seen, pages, broken = [f"{base}/"], set(), 0, []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        browser.get(url)
        pages += 1
        hrefs = browser.execute_script(
            "return [...document.querySelectorAll('a[href], link[href]')].map(e => e.href)"
        )
        for href in hrefs:
            target, fragment = urldefrag(href)
            if urlsplit(target).netloc != origin:
                assert not target.startswith(("http:", "https:")), f"external link {href} on {url}"
                continue  # data: favicon
            if target == urldefrag(url)[0] and fragment:
                found = browser.execute_script(
                    "return !!document.getElementById(arguments[0])", fragment
                )
                if not found:
                    broken.append(f"{url} -> #{fragment}")
            elif _status(target) != 200:
                broken.append(f"{url} -> {target}")
            elif target.endswith((".html", "/")) and target not in seen:
                queue.append(target)
    assert broken == []
    assert pages >= 1 + len(LANGS) * 3  # root, and per locale an index and two articles
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == [], errors


@pytest.fixture(scope="module")
def rich_site(tmp_path_factory):
    """A WordPress post translated (markup kept by a stand-in translator), bundled, served."""
    from format_fixtures import POST, translated

    article, _ = translated(POST)
    article.meta["date"] = "2024-11-30"
    out = tmp_path_factory.mktemp("rich") / "site"
    report = build_bundle([article], out, BundleSettings(base_url="http://127.0.0.1"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(out)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", report, article.id
    server.shutdown()
    server.server_close()


def test_bundled_translated_article_has_clickable_links_and_bold_text(rich_site, browser):
    from selenium.webdriver.common.by import By

    base, report, article_id = rich_site
    browser.get(_article_url(base, report, "en", article_id))
    link = browser.find_element(
        By.CSS_SELECTOR, ".post-body a[href='https://example.org/belousov']"
    )
    assert link.text == "ANDREI BELOUSOV" and link.is_displayed() and link.is_enabled()
    # Clickable: nothing covers the link at its centre, so a click lands on it.
    on_top = browser.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);",
        link,
    )
    assert on_top == link
    bold = browser.find_element(By.CSS_SELECTOR, ".post-body strong")
    assert bold.text == "PYONGYANG"
    weight = browser.execute_script("return getComputedStyle(arguments[0]).fontWeight", bold)
    assert int(weight) >= 600
    scripts = browser.execute_script("return document.querySelectorAll('.post-body script').length")
    assert scripts == 0
