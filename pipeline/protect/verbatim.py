"""Tokens kept verbatim besides URLs and e-mails: file paths, file names, inline math.

``C:\\Utenti\\governo\\legge.docx``, ``/home/roma/legge.txt``, ``~/legge/governo``,
``legge.pdf`` and ``$legge = governo^2$`` got no span: the glossary rewrote a term inside
them (``C:\\Utenti\\government\\law.docx``) and the model was free to translate the rest.
Each is a protected span here, kept byte for byte like a URL, and no glossary term
matches inside one (:meth:`pipeline.protect.spans.SpanFinder.find` keeps the leftmost,
longest span). The patterns are narrow, for news text: a POSIX path needs two ``/``
parts or a ``~/``, ``./``, ``../`` start and nothing glued before it (``20/30``, ``e/o``,
``km/h``, ``12/03/2024`` are no path); a file name needs an extension of
:data:`EXTENSIONS`; inline math follows Pandoc's rule (no space after the opening ``$``
nor before the closing one, which no digit follows) and holds an operator, a sub- or
superscript, a command or a group, or one letter, so ``$5 e $10``, ``$10, US$`` stay text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

PATH, FILE, MATH = "path", "file", "math"  # span kinds

# Extensions of documents, data, archives, images, media and code that news text names.
EXTENSIONS = (
    "pdf|docx?|xlsx?|pptx?|od[tsp]|rtf|txt|csv|tsv|json|xml|ya?ml|toml|md|html?|php|aspx?"
    "|css|js|py|sql|log|zip|rar|7z|tar|gz|tgz|bz2|xz|iso|exe|msi|dmg|apk|jpe?g|png|gif"
    "|svg|webp|tiff?|bmp|heic|mp[34]|m4a|wav|flac|ogg|avi|mkv|mov|wmv|webm|srt|epub|tex"
    "|p7m|eml|ics|vcf"
)
_PART = r"[^\s\\/:*?\"<>|]+"  # a path component: no space, separator or reserved character
_WINDOWS = re.compile(rf"(?<![\w\\])(?:[A-Za-z]:|\\\\[\w.$-]+)\\(?:{_PART}\\)*(?:{_PART})?")
_POSIX_PART = r"[\w.@+%-]+"
_POSIX = re.compile(
    rf"(?<![\w/.:~@%\\-])(?:(?:~[\w.-]*|\.\.?)/(?:{_POSIX_PART}/)*{_POSIX_PART}"
    rf"|/(?:{_POSIX_PART}/)+{_POSIX_PART})/?"
)
_FILE = re.compile(rf"(?<![\w.@/\\%-])\w[\w.+-]*\.(?:{EXTENSIONS})(?![\w-])", re.IGNORECASE)
_MATH = re.compile(
    r"(?<![\\$\w])\$\$(?=\S)[^$\n]+?(?<=\S)\$\$"  # $$...$$ inside a sentence
    r"|(?<![\\$\w])\$(?=[^\s$])[^$\n]*?(?<=[^\s\\])\$(?![\d$\w])"  # $...$ (Pandoc's rule)
)
# What a formula between dollars holds and prices never do: an operator, a sub- or
# superscript, a command or a group; or it is one letter (``$x$``).
MATH_SIGN = re.compile(r"[=^_\\{}<>+]")
_TRAIL = ".,;:!?'’\"”»)]}…"


def _trim(token: str) -> str:
    """Trailing sentence punctuation off (``legge.txt.``, ``(C:\\dati)``)."""
    while token and token[-1] in _TRAIL:
        if token[-1] == ")" and token.count("(") >= token.count(")"):
            break
        token = token[:-1]
    return token


def verbatim_tokens(text: str) -> Iterable[tuple[int, str, str]]:
    """(start, token, kind) of each path, file name and inline formula of ``text``."""
    for kind, regex in ((PATH, _WINDOWS), (PATH, _POSIX), (FILE, _FILE)):
        for m in regex.finditer(text):
            token = _trim(m.group(0))
            if re.search(r"[^\W\d_]", token):  # a letter: /12/03 is no path
                yield m.start(), token, kind
    for m in _MATH.finditer(text):
        if _is_math(m.group(0)):
            yield m.start(), m.group(0), MATH


def _is_math(found: str) -> bool:
    """Whether ``$…$`` holds a formula, not prices (``$10, US$``)."""
    inner = found.strip("$")
    return bool(MATH_SIGN.search(inner) or re.fullmatch(r"[^\W\d_]", inner))


def inline_math_at(text: str, pos: int) -> str | None:
    r"""The inline formula (``$…$``, ``$$…$$``) that starts at ``pos`` of ``text``, else
    None: the Markdown reader keeps it whole before CommonMark reads ``\{`` or ``*`` in it."""
    m = _MATH.match(text, pos)
    return m.group(0) if m is not None and _is_math(m.group(0)) else None
