"""HTML pages from the Jinja2 templates, with Babel's gettext installed per locale.

Autoescaping is on for every template, so article text (a ``<script>`` in a
paragraph included) is always shown as text. Page content is prepared here
as plain values; the templates only lay it out and hold the UI msgids, so
Babel's extractor finds them. The CSS is inlined and pinned by a hash in the
page's Content-Security-Policy, so a page loads nothing from anywhere.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from pipeline import __version__
from pipeline.bundle.i18n import LocaleText, autonym
from pipeline.bundle.plan import Page, SitePlan, article_date
from pipeline.bundle.policy import NOTICE
from pipeline.document import CATEGORY, PARAGRAPH, TEXT_KINDS, TITLE, Article, Block

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
ROOT_INDEX = "index.html"
REQUIRED_MARK = Markup('<span class="required" aria-hidden="true">*</span>')


@dataclass(frozen=True)
class Site:
    """What every page needs to know about the whole bundle."""

    plan: SitePlan
    texts: dict[str, LocaleText]
    base_url: str
    site_name: str
    comment_action: str = ""

    def url(self, path: str) -> str:
        """Absolute URL of a bundle path; index pages get their folder URL (``…/en/``)."""
        if path == ROOT_INDEX or path.endswith("/" + ROOT_INDEX):
            path = path[: -len(ROOT_INDEX)]
        return f"{self.base_url.rstrip('/')}/{path}"


def index_path(lang: str) -> str:
    return f"{lang}/{ROOT_INDEX}"


def href(from_path: str, to_path: str) -> str:
    """Relative link between two bundle paths (works on any host and from files)."""
    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")


def block_text(block: Block, lang: str, source_lang: str) -> str:
    """A block in ``lang``: the original text for the source language, else the translation."""
    if lang == source_lang or not block.segments:
        return block.text
    return block.target_text(lang)


def article_title(article: Article, lang: str) -> str:
    for block in article.blocks:
        if block.kind == TITLE:
            return block_text(block, lang, article.source_lang) or article.id
    return str(article.meta.get("title") or article.id)


def category_name(article: Article, text: LocaleText) -> str | None:
    """The category in the page's language, from the ``categories`` catalog where known."""
    for block in article.blocks:
        if block.kind != CATEGORY:
            continue
        if any(s.msgid for s in block.segments):
            return " ".join(text.category(s.msgid or s.source) for s in block.segments)
        return block_text(block, text.lang, article.source_lang)
    msgid = article.meta.get("category")
    return text.category(str(msgid)) if msgid else None


def lede(article: Article, lang: str) -> str:
    """The first sentence of the first paragraph (an index teaser; no text is cut)."""
    for block in article.blocks:
        if block.kind == PARAGRAPH and block.segments:
            seg = block.segments[0]
            tr = seg.translations.get(lang)
            return seg.source if lang == article.source_lang or tr is None else tr.text
        if block.kind == PARAGRAPH:
            return block.text
    return ""


def make_environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


class Renderer:
    """Renders the pages of one locale (one Jinja2 environment with that locale's gettext)."""

    def __init__(self, site: Site, lang: str) -> None:
        self.site = site
        self.text = site.texts[lang]
        self.env = make_environment()
        self.env.install_gettext_translations(self.text.translations, newstyle=False)  # type: ignore[attr-defined]
        css = self.env.get_template("_style.css").render()
        digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
        self.env.globals.update(
            css=Markup(css),
            csp=_csp(digest, site.comment_action),
            site_name=site.site_name,
            comment_action=site.comment_action,
            required_mark=REQUIRED_MARK,
            generator=f"mtpipe {__version__}",
        )

    def _common(
        self, path: str, alternates: list[tuple[str, str]], switcher: list[dict[str, Any]]
    ) -> dict[str, Any]:
        """Context every page shares: lang, canonical and hreflang URLs, navigation."""
        lang = self.text.lang
        return {
            "lang": lang,
            "dir": self.text.direction,
            "canonical": self.site.url(path),
            "alternates": [{"hreflang": h, "url": self.site.url(t)} for h, t in alternates],
            "home": href(path, index_path(lang)),
            "feed": href(path, f"{lang}/feed.json") if path != ROOT_INDEX else None,
            "switcher": switcher,
        }

    def _switch(self, path: str, targets: list[tuple[str, str]]) -> list[dict[str, Any]]:
        return [
            {
                "lang": lg,
                "href": href(path, target),
                "autonym": autonym(self.site.texts[lg]),
                "current": target == path,
            }
            for lg, target in targets
        ]

    def article(self, page: Page) -> str:
        site, lang, a = self.site, self.text.lang, page.article
        versions = site.plan.versions(a.id)
        x_default = site.plan.x_default(a.id)
        alternates = [(v.lang, v.path) for v in versions]
        if x_default is not None:
            alternates.append(("x-default", x_default.path))
        date = article_date(a)
        context = self._common(
            page.path, alternates, self._switch(page.path, [(v.lang, v.path) for v in versions])
        )
        context.update(
            title=article_title(a, lang),
            category=category_name(a, self.text),
            date=self.text.date(date) if date else None,
            date_iso=machine_date(date),
            comments=_comment_count(a),
            notice_mt=not page.is_source,
            notice_tiny=bool(a.signatures.get(lang, {}).get("tiny")) and not page.is_source,
            notice_qa=page.status == NOTICE,
            body=[
                {"kind": b.kind, "text": block_text(b, lang, a.source_lang)}
                for b in a.blocks
                if b.kind in TEXT_KINDS and b.kind != TITLE
            ],
            other_versions=[
                {
                    "lang": v.lang,
                    "href": href(page.path, v.path),
                    "name": self.text.language_name(v.lang),
                }
                for v in versions
                if v.lang != lang
            ],
        )
        return self.env.get_template("article.html").render(context)

    def index(self) -> str:
        site, lang = self.site, self.text.lang
        path = index_path(lang)
        targets = [(lg, index_path(lg)) for lg in site.plan.locales]
        context = self._common(
            path, [*targets, ("x-default", ROOT_INDEX)], self._switch(path, targets)
        )
        items = []
        for page in site.plan.published(lang):
            date = article_date(page.article)
            items.append(
                {
                    "href": href(path, page.path),
                    "title": article_title(page.article, lang),
                    "category": category_name(page.article, self.text),
                    "date": self.text.date(date) if date else None,
                    "date_iso": machine_date(date),
                    "lede": lede(page.article, lang),
                }
            )
        context["items"] = items
        return self.env.get_template("index.html").render(context)

    def languages(self) -> str:
        """The root page: a language chooser, and the ``x-default`` of the index pages."""
        targets = [(lg, index_path(lg)) for lg in self.site.plan.locales]
        context = self._common(
            ROOT_INDEX, [*targets, ("x-default", ROOT_INDEX)], self._switch(ROOT_INDEX, targets)
        )
        context["home"] = ROOT_INDEX
        return self.env.get_template("languages.html").render(context)


def machine_date(value: dt.datetime | None) -> str | None:
    """``<time datetime>`` value: a bare date stays a date (``2024-11-30``)."""
    if value is None:
        return None
    if value.tzinfo is None and value.time() == dt.time():
        return value.date().isoformat()
    return value.isoformat()


def _comment_count(article: Article) -> int:
    value = article.meta.get("comment_count", 0)
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0


def _csp(style_digest: str, comment_action: str) -> str:
    """A policy that allows only the inline stylesheet and posting the comment form."""
    form = "'self'"
    parts = urlsplit(comment_action)
    if parts.scheme in ("http", "https") and parts.netloc:
        form += f" {parts.scheme}://{parts.netloc}"
    return (
        f"default-src 'none'; style-src 'sha256-{style_digest}'; img-src 'self' data:; "
        f"base-uri 'none'; form-action {form}"
    )
