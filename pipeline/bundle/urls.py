"""The site's base URL in the form a browser and a crawler resolve it to.

Every canonical link, ``hreflang`` alternate, sitemap ``<loc>`` and feed URL is the
base URL plus a bundle path, and a search engine keeps a canonical or an alternate only
where it is the URL the page is fetched at. A base URL with dot segments
(``https://example.org/a/../news``, ``/news/./``, ``/%2e%2e/news``) or the scheme's own
port (``https://example.org:443``) was written as given, while a browser fetches the
same page at ``https://example.org/news/...``: every such link named a URL no page has.
The normal form here is RFC 3986's (section 6.2.2): unreserved characters decoded, the
other escapes in upper case, dot segments removed, the default port dropped.
"""

from __future__ import annotations

import re
import string
from urllib.parse import urlsplit, urlunsplit

_UNRESERVED = frozenset(string.ascii_letters + string.digits + "-._~")
_DEFAULT_PORTS = {"http": "80", "https": "443"}


def normal_base_url(url: str) -> str:
    """``url`` (an escaped http(s) URL without query or fragment) in RFC 3986 normal form."""
    parts = urlsplit(url)
    host, _, port = (
        parts.netloc.rpartition(":") if _has_port(parts.netloc) else (parts.netloc, "", "")
    )
    netloc = host if port in ("", _DEFAULT_PORTS.get(parts.scheme)) else f"{host}:{port}"
    path = _remove_dot_segments(re.sub(r"%[0-9A-Fa-f]{2}", _normal_escape, parts.path))
    return urlunsplit((parts.scheme, netloc, path, "", ""))


def _has_port(netloc: str) -> bool:
    """Whether ``netloc`` ends in ``:PORT`` (or a bare ``:``), an IPv6 literal's colons aside."""
    return ":" in netloc.rpartition("]")[2]


def _normal_escape(match: re.Match[str]) -> str:
    """A percent escape of an unreserved character is that character (``%2e`` is ``.``,
    which browsers then resolve as a dot segment); any other in upper case."""
    char = chr(int(match[0][1:], 16))
    return char if char in _UNRESERVED else match[0].upper()


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 section 5.2.4 for an absolute path: ``.`` dropped, ``..`` removes the
    segment before it (never the root); a trailing dot segment leaves a folder URL."""
    segments = path.split("/")
    out: list[str] = []
    for i, segment in enumerate(segments):
        last = i == len(segments) - 1
        if segment in (".", ".."):
            if segment == ".." and len(out) > 1:
                out.pop()
            if last:
                out.append("")
            continue
        out.append(segment)
    return "/".join(out)
