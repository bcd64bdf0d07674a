"""``mtpipe bundle [DOCS...] --out DIR``: build the localised static site."""

from __future__ import annotations

import argparse

from pipeline.cli.common import named_arg
from pipeline.config import BundleSettings, choices
from pipeline.errors import one_line

SKIPPED_NAMES = 5  # JSON files of other tools named in the line that counts them


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "bundle",
        help="build the localised static site from translated documents",
        description=(
            "Turn translated mtpipe documents (the .json files `mtpipe translate` writes) into "
            "a static site: one folder per locale with an index, article pages, a JSON Feed "
            "and a sitemap. Pages with QA errors follow [bundle] qa_policy; held pages are "
            "listed in DIR/_report.json. The folder is replaced atomically."
        ),
    )
    p.add_argument(
        "docs",
        nargs="*",
        type=named_arg,
        metavar="DOC|DIR",
        help="document .json files or folders of them (default: [write] out_dir)",
    )
    built_in = BundleSettings()  # the built-in values, as pipeline/defaults/pipeline.toml
    p.add_argument("--out", help="site folder to (re)build (default: [bundle] out_dir)")
    p.add_argument(
        "--base-url",
        help="absolute URL the site is served from, a path under the host allowed "
        f"(default: [bundle] base_url, built in {built_in.base_url})",
    )
    p.add_argument(
        "--default-locale",
        help="locale for x-default and the root page, one the documents have "
        f"(default: [bundle] default_locale, built in {built_in.default_locale})",
    )
    p.add_argument(
        "--qa-policy",
        choices=choices("bundle", "qa_policy"),
        help="translated pages with QA findings at or above [qa] fail_severity (or text left "
        "untranslated): publish, publish with a notice on the page, or hold back (listed "
        "in DIR/_report.json) "
        f"(default: [bundle] qa_policy, built in {built_in.qa_policy})",
    )
    p.add_argument("--quiet", action="store_true", help="print nothing but errors")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from pipeline.bundle import build_bundle
    from pipeline.bundle.inputs import load_documents
    from pipeline.cli.common import (
        config_from_args,
        refuse_folder_over_inputs,
        refuse_standard_input,
    )

    refuse_standard_input(args.docs, "document .json files or folders")

    config = config_from_args(
        args,
        {
            "bundle.out_dir": args.out,
            "bundle.base_url": args.base_url,
            "bundle.default_locale": args.default_locale,
            "bundle.qa_policy": args.qa_policy,
        },
    )
    inputs = args.docs or [config.write.out_dir]
    flag = "--out" if args.out is not None else "[bundle] out_dir"
    refuse_folder_over_inputs(Path(config.bundle.out_dir), inputs, flag)
    loaded = load_documents(inputs)
    _warn_withdrawn(loaded.articles)
    if args.default_locale is not None:
        _check_default_locale(config.bundle.default_locale, loaded.articles)
    report = build_bundle(
        loaded.articles, Path(config.bundle.out_dir), config.bundle, config.qa.fail_severity
    )
    if not args.quiet:
        if loaded.skipped:
            # a few names, then a count: a folder of thousands made a line of thousands
            names = ", ".join(p.name for p in loaded.skipped[:SKIPPED_NAMES])
            if len(loaded.skipped) > SKIPPED_NAMES:
                names += f" and {len(loaded.skipped) - SKIPPED_NAMES} more"
            what = (
                "JSON file that is not a document"
                if len(loaded.skipped) == 1
                else "JSON files that are not documents"
            )
            print(one_line(f"bundle: skipped {len(loaded.skipped)} {what}: {names}"))
        print(report.summary())  # each line one_line'd (report.summary)
        if report.held or report.noticed:
            print(one_line(f"bundle: details in {Path(config.bundle.out_dir) / '_report.json'}"))
    return 0


def _warn_withdrawn(articles: list) -> None:
    """One warning line naming the documents whose input left its folder: published, as
    given, but never silently (:func:`pipeline.bundle.inputs.withdrawn`)."""
    import sys

    from pipeline.bundle.inputs import withdrawn

    gone = withdrawn(articles)
    if not gone:
        return
    shown = ", ".join(f"{i} (from {src})" for i, src in gone[:SKIPPED_NAMES])
    if len(gone) > SKIPPED_NAMES:
        shown += f" and {len(gone) - SKIPPED_NAMES} more"
    print(
        one_line(
            f"mtpipe: warning: {len(gone)} document(s) whose input is gone from its folder "
            f"are published: {shown}; if withdrawn, remove ID.json and ID.* from the "
            "documents folder and bundle again"
        ),
        file=sys.stderr,
    )


def _check_default_locale(default: str, articles: list) -> None:
    """``--default-locale`` naming a language no document has is a usage error.

    It was ignored unsaid: the root page took the first locale and ``x-default`` the
    source pages. (The settings' value may miss, as the built-in ``it`` does for French
    sources: then the same fallback applies.) Raises :class:`UsageError` (exit 2).
    """
    from pipeline.bundle.plan import article_langs
    from pipeline.errors import UsageError

    langs = sorted({lang for a in articles for lang in article_langs(a)})
    if articles and default not in langs:
        raise UsageError(
            f"--default-locale {default!r}: no document has it (they have "
            f"{', '.join(langs)}); give one of those"
        )
