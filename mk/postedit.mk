# Post-editing round trip with CAT tools: export translated articles as XLIFF 2.1 (FORMAT=xliff),
# XLIFF 1.2 (xliff12) or PO (po) into $(OUT)/postedit, then import the edited files back.
# The files are found by the shell, not make's $(wildcard), which splits a folder name with
# spaces into words. LANG must be given on the command line (the environment's LANG is a locale, not a target).

FORMAT ?= xliff
POSTEDIT_DIR ?= $(OUT)/postedit

.PHONY: postedit-export postedit-import

postedit-export: $(STAMP)  ## one exchange file per article: OUT=dir LANG=fr [FORMAT=xliff|xliff12|po] [ONLY_FLAGGED=warning]
	$(if $(filter command line,$(origin LANG)),,$(error give the target language: make postedit-export LANG=fr))
	$(MTPIPE) export "$(OUT)" --to $(LANG) --format $(FORMAT) --out-dir "$(POSTEDIT_DIR)"$(if $(ONLY_FLAGGED), --only-flagged $(ONLY_FLAGGED))

postedit-import: $(STAMP)  ## import every edited file in OUT/postedit (XLIFF or PO)
	@set --; for f in "$(POSTEDIT_DIR)"/*.xlf "$(POSTEDIT_DIR)"/*.xliff "$(POSTEDIT_DIR)"/*.po; do \
	  [ -f "$$f" ] && set -- "$$@" "$$f"; done; \
	[ $$# -gt 0 ] || { echo "make postedit-import: no exchange files in $(POSTEDIT_DIR); run make postedit-export first" >&2; exit 2; }; \
	echo "$(MTPIPE) import $$*"; $(MTPIPE) import "$$@"
