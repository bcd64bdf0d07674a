# QA of translated outputs and the QA benchmark. `mtpipe qa` exits 5 when a finding reaches
# [qa] fail_severity, so `make qa` fails the batch; each OUT/ID.json gets ID.qa.jsonl + .qa.md.
# OUT is the folder `make translate` wrote (default out; its subfolders too, so `make demo`'s
# out/demo is checked by a plain `make qa`). Document JSONs are ID.json (ids have no dots).

OUT     ?= out
# A site bundled inside OUT (`mtpipe bundle OUT --out OUT/site`: its folder holds _report.json)
# is left out: its _report.json and LANG/feed.json are no documents. Each path is quoted for
# the shell ('out/my docs/a.json'): a make word list splits a folder name with spaces.
QA_DOCS  = $(shell test -d "$(OUT)" && find "$(OUT)" -type d -exec test -e '{}/_report.json' \; \
             -prune -o -name '*.json' ! -name '*.*.json' -print | LC_ALL=C sort | sed "s/'/'\\\\''/g; s/.*/'&'/")

.PHONY: qa bench-qa qa-calibrate qa-function-words

qa: $(STAMP)  ## QA every document JSON under OUT (default out, subfolders too; failing findings: mtpipe qa exits 5, make says Error 5)
	@$(if $(strip $(QA_DOCS)),true,false) || { echo "qa: no document JSON under $(OUT); run make translate OUT=$(OUT) first"; exit 0; }
	@status=0; for doc in $(QA_DOCS); do \
	  $(MTPIPE) qa "$$doc" || { rc=$$?; [ $$rc -eq 5 ] && status=5 || exit $$rc; }; \
	done; exit $$status

bench-qa: $(STAMP)  ## QA corruption benchmark: P/R/F1 per check vs pofilter on newstest2009 + held-out newssyscomb2009 -> bench/results/qa.md
	$(PY) -m bench.qa --shared "$(SHARED)"
	$(PY) -m bench.qa --shared "$(SHARED)" --set newssyscomb2009 --append

qa-calibrate: $(STAMP)  ## re-derive the length-ratio constants (pipeline/qa/calibration.toml) from newstest2009 (tuning set; newssyscomb2009 stays held out)
	$(PY) -m bench.qa.calibrate --shared "$(SHARED)" --write

qa-function-words: $(STAMP)  ## regenerate pipeline/qa/function_words.json from the installed wordfreq
	$(PY) -m bench.qa.function_words
