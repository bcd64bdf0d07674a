# Scaling benchmark: the local runner vs the Ray runner on one machine, 200 articles of 6 lines built
# from $(SHARED)/data/newstest2009, random opus-shaped CTranslate2 models (outputs are noise).
# Writes bench/results/scale.md; the last line is `ray_share_of_local: X`.
# BENCH_SCALE_ARGS="--articles 50" for a quick look (without --write it only prints).

BENCH_SCALE_ARGS ?= --write

.PHONY: bench-scale

bench-scale: $(STAMP)  ## local vs Ray runner: articles/s and peak memory on 200 newstest2009 articles
	$(PY) -m bench.scale --shared "$(SHARED)" $(BENCH_SCALE_ARGS)
