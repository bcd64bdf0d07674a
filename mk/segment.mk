# Sentence segmentation: benchmark against sentence-splitter (Moses) and pysbd.
# Add BENCH_SEG_ARGS=--write to store the table in bench/results/segmentation.md,
# or BENCH_SEG_ARGS="--errors 40 --engines mtpipe" to look at mtpipe's mistakes.

BENCH_SEG_ARGS ?=

.PHONY: bench-seg

bench-seg: $(STAMP)  ## sentence-boundary P/R/F1 on newstest2009 it/fr/en: mtpipe vs Moses vs pysbd
	$(PY) -m bench.segmentation --shared "$(SHARED)" $(BENCH_SEG_ARGS)
