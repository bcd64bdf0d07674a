# Speed benchmark: a random model with the exact opus-mt-it-en shape (real weights cannot be
# downloaded here), the first 150 sentences of $(SHARED)/data/newstest2009 (about 10-13
# minutes on a quiet 2-core machine; --n/--naive-n/--rounds change the size), equal forced
# output lengths for every method. Prints one table; record it in bench/results/speed.md.

.PHONY: bench

bench: $(STAMP)  ## speed: naive vs raw CTranslate2 vs mtpipe end to end, memory rerun, RSS
	$(PY) -m bench.speed --shared "$(SHARED)"

# Protect layer: placeholder pieces, spans on newstest2009 Italian, protect/restore share
# of end-to-end translate time (reuses the random opus-shaped model of `make bench`).
.PHONY: bench-protect
bench: bench-protect
bench-protect: $(STAMP)  ## protect layer: placeholder pieces, protected spans, overhead share
	$(PY) -m bench.protect --shared "$(SHARED)"

# GPU: transformers fp16/bf16 and CTranslate2 float16/int8_float16 raw vs `mtpipe translate
# --backend auto`, greedy and beam 4 (needs CUDA; stops with one line without it).
.PHONY: bench-gpu
bench-gpu: $(STAMP)  ## GPU speed: transformers and raw CTranslate2 vs mtpipe auto (needs CUDA)
	$(PY) -m bench.gpu --shared "$(SHARED)"

# Growth with the size of one input (1x, 2x, 4x, 8x) of the splitter, the Markdown writer
# and reader: seconds and ratios in one run (about a minute), written to
# bench/results/scaling.md. Unit tests never time: this is where growth is measured.
.PHONY: bench-scaling
bench-scaling: $(STAMP)  ## growth with input size: splitter, Markdown writer and reader
	$(PY) -m bench.scaling --write
