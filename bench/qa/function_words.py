"""Write pipeline/qa/function_words.json: wordfreq's most frequent words, shipped.

``python -m bench.qa.function_words`` (``make qa-function-words``)

QA and the article-language check look up each language's most frequent
words (:func:`pipeline.qa.resources.frequent_words`). Importing wordfreq and
reading its lists costs about 0.2 s per run before anything is checked; the
same words read from a small JSON file cost about a millisecond. The file is
wordfreq's own ``top_n_list(lang, N, wordlist="small")`` for every language
the checks score, with the wordfreq version it came from;
tests/test_qa_resources.py fails when the installed wordfreq ranks them
differently, and this command regenerates it.
"""

from __future__ import annotations

import argparse
import json
from importlib.metadata import version

from pipeline.qa.resources import FUNCTION_WORDS, SHIPPED_LANGS, SHIPPED_TOP_N


def table() -> dict:
    """The file's content: source, wordfreq version, N and the words per language."""
    from wordfreq import top_n_list

    return {
        "source": f'wordfreq top_n_list(lang, {SHIPPED_TOP_N}, wordlist="small")',
        "wordfreq": version("wordfreq"),
        "n": SHIPPED_TOP_N,
        "words": {
            lang: top_n_list(lang, SHIPPED_TOP_N, wordlist="small") for lang in SHIPPED_LANGS
        },
    }


def main() -> int:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    data = table()
    words = data.pop("words")
    head = json.dumps(data, ensure_ascii=False)[1:-1]  # one language's list per line
    lines = [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in words.items()]
    text = "{" + head + ',\n "words": {\n' + ",\n".join(lines) + "\n }\n}\n"
    FUNCTION_WORDS.write_text(text, encoding="utf-8")
    print(f"wrote {FUNCTION_WORDS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
