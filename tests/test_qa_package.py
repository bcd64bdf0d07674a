"""pipeline.qa's package: its public names come at first use, not with every import."""

from __future__ import annotations

import pytest

import pipeline.qa as qa


def test_the_article_language_check_does_not_import_the_checks(fresh_python) -> None:
    """Every translate imports article_lang (QA on or off): the check set, pair and stage
    must stay out of that import (issue 15: a --no-qa run paid for all of QA)."""
    code = (
        "import sys\n"
        "import pipeline.qa.article_lang\n"
        "print(sorted(m for m in sys.modules if m.startswith(('pipeline.qa.check',"
        " 'pipeline.qa.pair', 'pipeline.qa.stage', 'pipeline.qa.registry'))))\n"
    )
    assert fresh_python(code) == "[]"


@pytest.mark.parametrize("name", qa.__all__)
def test_each_public_name_is_the_defining_module_s(name: str) -> None:
    import pipeline.qa.pair
    import pipeline.qa.registry
    import pipeline.qa.stage

    home = [
        m for m in (pipeline.qa.pair, pipeline.qa.registry, pipeline.qa.stage) if hasattr(m, name)
    ]
    assert home and getattr(qa, name) is getattr(home[0], name)
    assert name in dir(qa)


def test_the_public_api_works_from_a_fresh_import(fresh_python) -> None:
    """``from pipeline.qa import check_pair`` alone still checks a pair with the checks."""
    code = (
        "from pipeline.qa import all_checks, check_pair\n"
        "found = check_pair('Il Pil è cresciuto del 2,5% nel 2008.',"
        " 'GDP grew by 7.5 percent in 2011.', 'it', 'en')\n"
        "print(len(all_checks()) > 10, any(f.check == 'number' for f in found))\n"
    )
    assert fresh_python(code) == "True True"


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'run_qaa'"):
        qa.run_qaa  # noqa: B018
