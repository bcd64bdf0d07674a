"""A WordPress post's date in the Markdown output carries the zone its ``date_gmt`` gives.

The REST ``date`` is the site's local time with no zone; ``date_gmt`` is the same
instant in UTC. The front matter of ``ID.LANG.md`` carried the local time alone, so a
site generator read 09:15 in Rome as 09:15 UTC. Expected values are worked out from
the calendar (Rome: UTC+2 in summer, UTC+1 in winter), not from the code under test.
"""

from __future__ import annotations

import json
import re

import pytest
from format_fixtures import translated

from pipeline.writers import render_markdown


def _post(tmp_path, date: str, date_gmt: str | None):
    post = {
        "id": 7,
        "date": date,
        "slug": "piazza",
        "title": {"rendered": "Il mercato in piazza"},
        "content": {"rendered": "<p>Il mercato apre alle nove.</p>"},
    }
    if date_gmt is not None:
        post["date_gmt"] = date_gmt
    path = tmp_path / "post.json"
    path.write_text(json.dumps(post), encoding="utf-8")
    article, _ = translated(path)
    return article


def _front_date(markdown: str) -> str:
    front = markdown.split("---", 2)[1]
    found = re.search(r"^date: ['\"]?([^'\"\n]+)['\"]?$", front, re.M)
    assert found, front
    return found[1]


@pytest.mark.parametrize(
    ("date", "date_gmt", "expected"),
    [
        ("2024-07-10T09:15:00", "2024-07-10T07:15:00", "2024-07-10T09:15:00+02:00"),  # CEST
        ("2024-01-15T09:15:00", "2024-01-15T08:15:00", "2024-01-15T09:15:00+01:00"),  # CET
        ("2024-01-15T09:15:00", "2024-01-15T09:15:00", "2024-01-15T09:15:00Z"),  # a UTC site
        ("2024-07-10T05:30:00", "2024-07-10T10:00:00", "2024-07-10T05:30:00-04:30"),
    ],
)
def test_the_front_matter_date_has_the_posts_offset(tmp_path, date, date_gmt, expected):
    article = _post(tmp_path, date, date_gmt)
    for lang in ("it", "en", "fr"):
        assert _front_date(render_markdown(article, lang)) == expected


@pytest.mark.parametrize(
    "date_gmt",
    [None, "0000-00-00T00:00:00", "2024-07-10T07:16:30"],  # none, a draft's, no zone's offset
)
def test_without_a_zone_to_trust_the_local_time_stays_as_it_was(tmp_path, date_gmt):
    """No ``date_gmt`` (or one no time zone explains): no offset is made up."""
    article = _post(tmp_path, "2024-07-10T09:15:00", date_gmt)
    assert _front_date(render_markdown(article, "en")) == "2024-07-10T09:15:00"


def test_an_edited_date_is_not_given_the_posts_old_offset(tmp_path):
    """A date changed in the document after reading is no longer the post's own."""
    article = _post(tmp_path, "2024-07-10T09:15:00", "2024-07-10T07:15:00")
    article.meta["date"] = "2024-12-01T18:00:00"
    assert _front_date(render_markdown(article, "en")) == "2024-12-01T18:00:00"
