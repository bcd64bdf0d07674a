"""mtpipe: machine translation and localisation pipeline for news sites.

Data flow: read -> segment -> translate -> localise -> qa -> write / bundle,
every stage a plain function over :class:`pipeline.document.Article`.
"""

__version__ = "0.1.0"
