# Speed benchmark: a random model with the exact opus-mt-it-en shape (real weights cannot be
# downloaded here), the first 500 sentences of $(SHARED)/data/newstest2009, equal forced
# output lengths for every method. Prints one table; record it in bench/results/speed.md.

.PHONY: bench

bench: $(STAMP)  ## speed: naive vs raw CTranslate2 vs mtpipe end to end, memory rerun, RSS
	$(PY) -m bench.speed --shared $(SHARED)

# Protect layer: placeholder pieces, spans on newstest2009 Italian, protect/restore share
# of end-to-end translate time (reuses the random opus-shaped model of `make bench`).
.PHONY: bench-protect
bench: bench-protect
bench-protect: $(STAMP)  ## protect layer: placeholder pieces, protected spans, overhead share
	$(PY) -m bench.protect --shared $(SHARED)
