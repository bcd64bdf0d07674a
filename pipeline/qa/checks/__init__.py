"""QA check families, one module each; importing this package registers them all.

The import order is the order checks run and are listed in reports.
"""

from pipeline.qa.checks import (  # noqa: F401  (imported for registration)
    alignment,
    confidence,
    entities,
    language,
    length,
    numbers,
    protected,
    punctuation,
    repetition,
    source,
    stages,
)
