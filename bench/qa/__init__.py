"""QA benchmark: labelled corruptions of newstest2009 references, scored per check.

``python -m bench.qa`` (``make bench-qa``) builds the benchmark with a fixed seed,
runs the qa checks and pofilter on it, and prints precision/recall/F1 per check
and the false-flag rate on the clean references. ``python -m bench.qa.calibrate``
derives the shipped length-ratio constants from newstest2009, the tuning set
(newssyscomb2009 is held out: scored only, never fitted or tuned on).
"""
